/* What the catalog readers share: the row reader of the data files
 * (rows.h: encoding, byte-order mark, trimming, blank rows, ragged rows,
 * positions), and a few text helpers.  Private to src/data. */
#ifndef JUNHENG_CATALOG_INTERNAL_H
#define JUNHENG_CATALOG_INTERNAL_H

#include <stddef.h>
#include "junheng/catalog.h"
#include "rows.h"

/* A catalog's rows are the rows of the one reader (rows.h). */
typedef jh_row_cell jh_cat_cell;
typedef jh_row jh_cat_row;
typedef jh_row_fn jh_cat_fn;

/* Reads path with jh_rows_read in encoding auto and the delimiter of its
 * name: on_header gets the first non-blank row, on_row every further row
 * whose cells are not all empty and that has as many fields as the header
 * (other rows are reported here).  Returns JH_OK,
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

/* strdup that also accepts NULL (giving ""); NULL only when out of memory. */
char *jh_cat_strdup(const char *s);

#endif
