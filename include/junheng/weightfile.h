/* junheng — files of subjective composite weights: a list of fixed
 * weights (code,weight) and an AHP pairwise comparison matrix.
 *
 * Both are CSV files read by the catalogs' row reader (UTF-8 or GB18030,
 * BOM dropped, cells trimmed, ragged rows refused), with a header row.
 * Codes are indicator or domain codes; which is which is decided by the
 * analysis against the study (src/analysis/weights_subj.c).  Every error
 * is "FILE:LINE:COL: what (expected ...)" in diag, with the raw text. */
#ifndef JUNHENG_WEIGHTFILE_H
#define JUNHENG_WEIGHTFILE_H

#include <stddef.h>
#include "junheng/diag.h"

#ifdef __cplusplus
extern "C" {
#endif

/* code,weight rows (a header row first; further columns are ignored). */
typedef struct jh_weight_list {
    char *path;           /* the file, for messages; owned */
    size_t n;             /* rows */
    char **code;          /* [n] codes, distinct; owned */
    double *weight;       /* [n] weights, >= 0 and finite */
    unsigned long *line;  /* [n] line of each row */
} jh_weight_list;

/* Reads path.  A weight that is not a number >= 0 (also a missing marker,
 * a bound or a percent), an empty or repeated code, or no row at all is an
 * error.  Returns JH_OK and sets *out, or JH_EPARSE / JH_ENOTFOUND /
 * JH_EIO / JH_ENOMEM with messages in diag. */
int jh_weight_list_read(const char *path, jh_diag *diag, jh_weight_list **out);
void jh_weight_list_free(jh_weight_list *l);

/* A pairwise comparison matrix: the header is a free label, then the n
 * codes; row i starts with code i and holds how much more important code i
 * is than each code of the header.  A cell is a number or a fraction
 * ("1/3"), on Saaty's scale 1/9 .. 9; the diagonal is 1 or empty; a cell
 * may be left empty when its mirror cell is given (it becomes the
 * reciprocal).  A mirror pair given on both sides must be reciprocal within
 * 2% (so that 0.33 passes for 1/3, 0.14 for 1/7); otherwise the error names
 * both cells. */
typedef struct jh_pairwise {
    char *path;            /* the file, for messages; owned */
    size_t n;              /* items compared */
    char **code;           /* [n] codes, distinct; owned */
    double *a;             /* [n * n] row-major, complete */
    unsigned long line;    /* line of the header */
} jh_pairwise;

/* Reads path.  Returns JH_OK and sets *out, or JH_EPARSE (a bad cell, a
 * row out of the header's order, not square, a conflict) / JH_ENOTFOUND /
 * JH_EIO / JH_ENOMEM with messages in diag. */
int jh_pairwise_read(const char *path, jh_diag *diag, jh_pairwise **out);
void jh_pairwise_free(jh_pairwise *p);

#ifdef __cplusplus
}
#endif
#endif
