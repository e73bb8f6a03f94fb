/* The one CSV row reader of src/data: the data files (read_csv.c) and every
 * catalog (catalog.c: regions, indicators, strata, services, weights) read
 * their rows through it, so that one rule holds for all of them:
 *
 *  - encoding: jh_source (UTF-8 or GB18030, or auto-detected; the
 *    byte-order mark dropped);
 *  - delimiter: the one given, else a tab for *.tsv and a comma otherwise;
 *  - trimming: ASCII space, tab, CR, LF, U+3000 (ideographic space) and
 *    U+00A0 (no-break space) around every cell, after the quotes are gone;
 *  - blank rows: a row whose cells are all empty after trimming is skipped,
 *    before and after the header;
 *  - the first row that is not blank is the header; a later row with
 *    another number of fields is an error ("row has N fields, the header
 *    has M") and does not reach the callback;
 *  - positions: LINE is the physical line where a field starts (quoted
 *    fields may span lines); COL is the field's column number from 1;
 *  - errors: a NUL byte, a malformed or unterminated quote, a byte the
 *    encoding does not allow, a read error, an empty file.
 * Private to src/data. */
#ifndef JUNHENG_ROWS_H
#define JUNHENG_ROWS_H

#include <stddef.h>
#include "junheng/dataset.h"
#include "junheng/diag.h"
#include "junheng/value.h"

/* jh_value_parse of a cell, done ahead (see jh_row.parse_ahead). */
typedef struct jh_row_value {
    jh_value v;          /* what it gave */
    const char *why;     /* NULL when it gave JH_OK, else its reason (JH_EPARSE) */
} jh_row_value;

/* One cell of the current row. */
typedef struct jh_row_cell {
    char *text;          /* NUL-terminated, trimmed; owned by the reader and
                            overwritten by the next row */
    size_t len;          /* bytes in text */
    unsigned long line;  /* line where the field starts */
    size_t off;          /* where text lives in the reader's row buffer */
    const jh_row_value *ahead; /* jh_value_parse(text, len), done on the thread
                            that parsed the block, for a column on_header
                            marked in parse_ahead; NULL when not done */
} jh_row_cell;

/* A row as handed to the callbacks.  cell[f] is column f + 1. */
typedef struct jh_row {
    const char *path;        /* the file, for messages */
    jh_diag *diag;           /* where messages go */
    const jh_row_cell *cell; /* [n] the cells */
    size_t n;                /* fields in the row (== n_header for data rows) */
    unsigned long line;      /* line where the row starts */
    char *const *header;     /* [n_header] header names, trimmed; alive until
                                jh_rows_read returns */
    size_t n_header;         /* fields in the header */
    unsigned char *parse_ahead; /* on_header only, else NULL: [n] zeros; the
                               callback sets 1 for the columns whose cells
                               on_row reads with jh_value_parse, so that the
                               threads that parse blocks parse those too */
} jh_row;

/* A callback returns JH_OK to go on, JH_EPARSE to stop reading (it has
 * added a message), or JH_ENOMEM. */
typedef int (*jh_row_fn)(void *ctx, const jh_row *row);

typedef struct jh_rows_opts {
    jh_encoding encoding;   /* JH_ENC_AUTO reads the file once to choose */
    char delimiter;         /* 0: tab for *.tsv, comma otherwise */
    jh_row_fn on_header;    /* the first row that is not blank */
    jh_row_fn on_row;       /* every further row that is not blank and has
                               as many fields as the header */
    /* Called once the file is open, before any row, with the encoding it
     * is read in (may be NULL); returns JH_OK or JH_ENOMEM. */
    int (*on_open)(void *ctx, jh_encoding used);
    void *ctx;              /* the callbacks' context */
    int libcsv_only;        /* internal, for tests: 1 parses every block with
                               libcsv, never with the quote-free fast path */
} jh_rows_opts;

/* Reads path row by row.  Returns JH_OK, JH_EPARSE when any error was added
 * to diag during the read (by the reader or by a callback), JH_ENOTFOUND,
 * JH_EIO or JH_ENOMEM.  *whole (may be NULL) is set to 1 when every row of
 * the file reached the callbacks, 0 when reading stopped early (a callback
 * or a malformed quote stopped it, or diag filled up). */
int jh_rows_read(const char *path, const jh_rows_opts *o, jh_diag *diag, int *whole);

/* Trims the blanks of the rule above (ASCII space, tab, CR, LF, U+3000,
 * U+00A0) from both ends of s[0..len) in place and NUL-terminates it;
 * returns the new length. */
size_t jh_row_trim(char *s, size_t len);

#endif
