/* What the two catalog readers share: a small libcsv row reader that keeps
 * line numbers, drops the byte-order mark, trims cells, checks UTF-8 and
 * rejects ragged rows, and a few text helpers.  Private to src/data. */
#ifndef JUNHENG_CATALOG_INTERNAL_H
#define JUNHENG_CATALOG_INTERNAL_H

#include <stddef.h>
#include "junheng/catalog.h"

/* One cell of the current row. */
typedef struct jh_cat_cell {
    char *text;          /* NUL-terminated, trimmed; owned by the reader and
                            overwritten by the next row */
    size_t len;          /* bytes in text */
    size_t cap;          /* bytes allocated for text */
    unsigned long line;  /* line where the field starts */
} jh_cat_cell;

/* A row as handed to the callbacks.  cell[f] is column f + 1. */
typedef struct jh_cat_row {
    const char *path;        /* the file, for messages */
    jh_diag *diag;           /* where messages go */
    const jh_cat_cell *cell; /* [n] the cells */
    size_t n;                /* fields in the row (== n_header for data rows) */
    unsigned long line;      /* line where the row starts */
    char *const *header;     /* [n_header] header names, trimmed; NULL while
                                the header row itself is handed over */
    size_t n_header;         /* fields in the header (0 for the header row) */
} jh_cat_row;

/* A callback returns JH_OK to go on, JH_EPARSE to stop reading (it has
 * added a message), or JH_ENOMEM. */
typedef int (*jh_cat_fn)(void *ctx, const jh_cat_row *row);

/* Reads path row by row: on_header gets the first non-blank row, on_row
 * every further row whose cells are not all empty and that has as many
 * fields as the header (other rows are reported here).  Returns JH_OK,
 * JH_EPARSE when any error was added to diag during the read (by the reader
 * or by a callback), JH_ENOTFOUND, JH_EIO or JH_ENOMEM.  *whole (may be
 * NULL) is set to 1 when every row of the file reached the callbacks, 0
 * when reading stopped early (a callback or a malformed quote stopped it,
 * or diag filled up). */
int jh_cat_read(const char *path, jh_diag *diag, jh_cat_fn on_header, jh_cat_fn on_row,
                void *ctx, int *whole);

/* 1 when a and b are equal ignoring the case of ASCII letters. */
int jh_cat_ascii_ieq(const char *a, const char *b);

/* Index of the first entry of the NULL-terminated list names that equals
 * text (ignoring ASCII case), or -1. */
int jh_cat_match(const char *text, const char *const *names);

/* Trims ASCII blanks, CR, LF, U+3000 and U+00A0 from both ends of s[0..len)
 * in place and NUL-terminates it; returns the new length. */
size_t jh_cat_trim(char *s, size_t len);

/* strdup that also accepts NULL (giving ""); NULL only when out of memory. */
char *jh_cat_strdup(const char *s);

#endif
