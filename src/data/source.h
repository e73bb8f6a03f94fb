/* A CSV input file as blocks of whole lines decoded to UTF-8: the
 * byte-order mark is dropped and GB18030 (which covers GBK and GB2312) is
 * converted with iconv, so the parsers see only UTF-8.  Line breaks are
 * kept as they are, so line numbers refer to the original file. */
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
} jh_source;

/* One block of the file, whole lines, decoded to UTF-8 (jh_source_decode).
 * Blocks are decoded on any thread, each with its own jh_source_block:
 * nothing in it is shared. */
typedef struct jh_source_block {
    const char *text;         /* the UTF-8 text: the raw bytes themselves
                                 (UTF-8) or buf (GB18030) */
    size_t len;               /* bytes in text */
    char *buf;                /* converted text; owned */
    size_t cap;
    iconv_t cd;               /* GB18030 -> UTF-8, or (iconv_t)-1; owned.
                                 Set it to (iconv_t)-1 before the first use */
    char *err;                /* what is wrong with the block, or NULL; owned */
    unsigned long err_line;   /* its line within the block, from 1 */
    int cut;                  /* err is a character cut by the end of the
                                 file: text holds what came before it */
} jh_source_block;

/* Opens path.  JH_ENC_AUTO reads the file once to see whether it is valid
 * UTF-8 and otherwise takes GB18030, unless the file mixes the two (as many
 * UTF-8 lines as others, or more: JH_EPARSE naming the first line that is
 * not UTF-8).  Returns JH_OK, or JH_ENOTFOUND (also for a folder) / JH_EIO /
 * JH_EPARSE / JH_ENOMEM with a message in diag. */
int jh_source_open(jh_source *s, const char *path, jh_encoding enc, jh_diag *diag);

/* Reads at most cap raw bytes; returns their count, 0 at the end, or -1
 * on a read error with *msg (malloc'd: "read error: ...", NULL when out of
 * memory). */
long jh_source_fread(jh_source *s, char *buf, size_t cap, char **msg);

/* Decodes raw[0..n), whole lines of the file (first: it begins the file,
 * whose byte-order mark is dropped; last: it ends the file), to UTF-8 in
 * b->text: the UTF-8 bytes are checked in place, GB18030 converted.
 * Returns JH_OK (with b->err set when the last block ends inside a
 * character), JH_EPARSE with b->err for a byte the encoding does not
 * allow, or JH_ENOMEM.  No line of the block has been handed out when
 * JH_EPARSE comes back: the caller says b->err at the block's first line
 * plus b->err_line - 1. */
int jh_source_decode(jh_source_block *b, jh_encoding enc, const char *raw, size_t n,
                     int first, int last);

void jh_source_block_free(jh_source_block *b);

/* printf into a new string (NULL when out of memory). */
char *jh_source_msg(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

void jh_source_close(jh_source *s);

/* The message for a cell s[0..len) that holds a NUL byte (malloc'd; NULL
 * when out of memory).  The row reader refuses such a cell, in data files
 * and catalogs alike: a NUL never belongs to CSV text, and every string
 * after it would be cut short. */
char *jh_source_nul_msg(const char *s, size_t len);

/* fopen succeeds on a folder and only the first read fails (EISDIR): every
 * reader of an input file calls this first, so that a folder is JH_ENOTFOUND
 * (exit 66) with "is a folder" in diag, whatever the file was for.  JH_OK
 * for anything else. */
int jh_source_refuse_folder(FILE *f, const char *path, jh_diag *diag);

/* "utf-8" or "gb18030".  Static string. */
const char *jh_encoding_name(jh_encoding e);

#endif
