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
    int io_error;             /* the last failure was a read error (EIO) */
} jh_source;

/* Opens path.  JH_ENC_AUTO reads the file once to see whether it is valid
 * UTF-8 and otherwise takes GB18030, unless the file mixes the two (as many
 * UTF-8 lines as others, or more: JH_EPARSE naming the first line that is
 * not UTF-8).  Returns JH_OK, or JH_ENOTFOUND (also for a folder) / JH_EIO /
 * JH_EPARSE / JH_ENOMEM with a message in diag. */
int jh_source_open(jh_source *s, const char *path, jh_encoding enc, jh_diag *diag);

/* Sets *chunk to the next UTF-8 bytes and returns their count; 0 at the end
 * of the file; -1 on a read error (io_error set) or a byte sequence that is
 * not valid in the encoding (with a message in diag). */
long jh_source_read(jh_source *s, const char **chunk, jh_diag *diag);

void jh_source_close(jh_source *s);

/* The error for a cell s[0..len) that holds a NUL byte, at path:line:col.
 * Both CSV readers (data and catalogs) refuse such a cell: a NUL never
 * belongs to CSV text, and every string after it would be cut short. */
void jh_source_nul_error(jh_diag *diag, const char *path, unsigned long line,
                         unsigned long col, const char *s, size_t len);

/* fopen succeeds on a folder and only the first read fails (EISDIR): every
 * reader of an input file calls this first, so that a folder is JH_ENOTFOUND
 * (exit 66) with "is a folder" in diag, whatever the file was for.  JH_OK
 * for anything else. */
int jh_source_refuse_folder(FILE *f, const char *path, jh_diag *diag);

/* "utf-8" or "gb18030".  Static string. */
const char *jh_encoding_name(jh_encoding e);

#endif
