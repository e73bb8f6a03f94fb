/* junheng — the notes table shared by the slice analyses (decompose,
 * urban-rural): one row per thing done to a slice under the --nonpositive
 * policy or by the data, "indicator,year,stratum,index,action,count,reason",
 * the columns of `junheng indices --notes`.  The policy itself
 * (jh_nonpositive, its parser) lives in analysis.h. */
#ifndef JUNHENG_NOTES_H
#define JUNHENG_NOTES_H

#include <stddef.h>
#include <stdio.h>
#include "junheng/analysis.h"
#include "junheng/dataset.h"
#include "junheng/diag.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One row of the notes table.  Every string is static or owned by the
 * dataset/table the notes describe; none is freed with the notes. */
typedef struct jh_note {
    size_t indicator;    /* data indicator */
    size_t year;         /* data year position */
    const char *stratum; /* stratum label: "total", "urban", "rural", "urban+rural" */
    const char *index;   /* method or quantity the row is about; "" for the slice */
    const char *action;  /* "missing", "drop", "skip" or "undefined" */
    size_t count;        /* values concerned */
    const char *reason;  /* why, e.g. jh_strerror() text */
} jh_note;

/* A growing list of notes.  Zero-initialise; free with jh_notes_clear(). */
typedef struct jh_notes {
    jh_note *note;   /* rows in the order added */
    size_t n, cap;   /* used and allocated rows */
} jh_notes;

/* Appends a row.  Returns JH_OK or JH_ENOMEM. */
int jh_notes_add(jh_notes *n, size_t indicator, size_t year, const char *stratum,
                 const char *index, const char *action, size_t count, const char *reason);
/* Frees the rows (not the strings) and empties the list. */
void jh_notes_clear(jh_notes *n);

/* What a slice holds below or at zero. */
typedef struct jh_np_count {
    size_t n_zero;       /* values == 0 */
    size_t n_neg;        /* values < 0 */
    size_t first_region; /* data region of the first value <= 0 */
    const char *first_stratum; /* stratum label of that value */
    double first_value;  /* that value */
} jh_np_count;

/* Counts value x of region r in stratum st (label) into *c when x <= 0;
 * returns 1 when it is <= 0 (NaN is not). */
int jh_np_count_value(jh_np_count *c, double x, size_t r, const char *st);

/* The reason text of a drop or skip: "zero value", "negative value" or
 * "zero or negative value". */
const char *jh_np_reason(const jh_np_count *c);

/* Adds the --nonpositive=error message for a slice with values <= 0:
 * "indicator 'I', year Y, stratum S, region 'R': value V is not positive
 * (N values <= 0 in the slice); NEEDS (--nonpositive=error)".  needs says
 * which methods need what, e.g. "theil_l needs x > 0". */
void jh_np_error(jh_diag *diag, const jh_dataset *d, size_t ind, size_t year,
                 const jh_np_count *c, const char *needs);

/* Adds the --nonpositive=drop warning for a slice (stratum label st):
 * "indicator 'I', year Y, stratum S: dropped N values <= 0 (Z zero, M
 * negative; first region 'R') from every WHAT (--nonpositive=drop)". */
void jh_np_drop_warning(jh_diag *diag, const jh_dataset *d, size_t ind, size_t year,
                        const char *st, const jh_np_count *c, const char *what);

/* Writes the notes table (header and rows; reason quoted as CSV needs).
 * csv: 0 or JH_CSV_RAW, as for jh_csv_text.  Implemented in
 * src/output/notes_out.c. */
void jh_write_notes(FILE *f, const jh_dataset *d, const jh_notes *n, int csv);

#ifdef __cplusplus
}
#endif
#endif
