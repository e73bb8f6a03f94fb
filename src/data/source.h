/* A CSV input file as a stream of UTF-8 chunks: the byte-order mark is
 * dropped and GB18030 (which covers GBK and GB2312) is converted with
 * iconv, so the parsers see only UTF-8.  Line breaks are kept as they are,
 * so line numbers refer to the original file. */
#ifndef JUNHENG_SOURCE_H
#define JUNHENG_SOURCE_H

#include <stddef.h>
#include <stdio.h>
#include <iconv.h>
#include "junheng/dataset.h"

typedef struct jh_source {
    FILE *f;                  /* the open file */
    const char *path;         /* for messages; not owned */
    jh_encoding encoding;     /* resolved: JH_ENC_UTF8 or JH_ENC_GB18030 */
    iconv_t cd;               /* GB18030 -> UTF-8, or (iconv_t)-1 */
    char in[1 << 16];         /* raw bytes */
    size_t in_len;            /* raw bytes kept from the last read */
    size_t in_used;           /* of those, bytes handed out (UTF-8) and to be
                                 dropped before the next read */
    char out[1 << 17];        /* converted bytes handed out */
    unsigned long lines;      /* line breaks handed out so far, for messages */
    int first;                /* no chunk handed out yet (BOM check) */
    int eof;
} jh_source;

/* Opens path.  JH_ENC_AUTO reads the file once to see whether it is valid
 * UTF-8 and otherwise takes GB18030.  Returns JH_OK, or JH_ENOTFOUND / JH_EIO
 * / JH_ENOMEM with a message in diag. */
int jh_source_open(jh_source *s, const char *path, jh_encoding enc, jh_diag *diag);

/* Sets *chunk to the next UTF-8 bytes and returns their count; 0 at the end
 * of the file; -1 on a read error or a byte sequence that is not valid in
 * the encoding (with a message in diag). */
long jh_source_read(jh_source *s, const char **chunk, jh_diag *diag);

void jh_source_close(jh_source *s);

/* "utf-8" or "gb18030".  Static string. */
const char *jh_encoding_name(jh_encoding e);

#endif
