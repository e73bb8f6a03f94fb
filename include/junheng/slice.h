/* junheng — one slice of the data: the present values of an (indicator,
 * year, stratum[, group]) with their weights, gathered by one function for
 * every analysis, with one rule for missing and invalid weights:
 *
 *   The weighted results of a slice (weighted indices, weighted
 *   decompositions, weighted urban and rural means, weighted dispersion
 *   over the years) are left empty when any region with a value in the
 *   slice has no usable weight (missing, zero, negative or not finite).
 *   The unweighted results are computed as usual.  Each such slice gives a
 *   warning on stderr naming the indicator, year, stratum, the number of
 *   regions and the weight, and a row of the notes table (index "",
 *   action "no_weight", count = those regions).
 *
 * A region is never left out of a weighted result quietly, and a weight is
 * never invented (no weight 1 for a county without population). */
#ifndef JUNHENG_SLICE_H
#define JUNHENG_SLICE_H

#include <stddef.h>
#include "junheng/notes.h"
#include "junheng/study.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The reason of the notes row of a slice without usable weights. */
#define JH_NO_WEIGHT_REASON "a region has no positive weight; weighted results left empty"

/* Which regions of the slice to take. */
typedef struct jh_slice_filter {
    const size_t *group_of; /* [region] group, or JH_NONE; NULL: no grouping */
    size_t group;           /* with group_of: only this group (JH_NONE: any
                               group; regions without one are counted in
                               no_group and left out) */
    int drop_nonpositive;   /* leave values <= 0 out (--nonpositive=drop) */
    const char *stratum;    /* stratum label for jh_np_count ("total", ...) */
} jh_slice_filter;

/* A gathered slice.  The buffers belong to the caller and hold at least as
 * many entries as will be gathered (n_regions per jh_slice_add call). */
typedef struct jh_slice {
    double *x;          /* values */
    double *w;          /* their weights (NaN when unknown); NULL: not wanted */
    size_t *region;     /* data region of each value; NULL: not wanted */
    size_t n;           /* values gathered (jh_slice_add appends) */
    size_t present;     /* regions with a value that passed the group filter,
                           dropped ones included */
    size_t no_group;    /* regions with a value left out for having no group */
    size_t bad_w;       /* gathered values without a usable weight */
    size_t first_bad_w; /* region of the first of them */
    int weighted;       /* some part was gathered with a weight source */
    jh_np_count np;     /* values <= 0 seen (gathered or dropped) */
} jh_slice;

/* Empties the slice (keeps the buffers). */
void jh_slice_begin(jh_slice *g);

/* Appends the present values of v (n_regions long, NaN = missing) that
 * pass f, with weights from wsrc (NULL: unweighted; the slice's weights
 * are then not usable). */
void jh_slice_add(jh_slice *g, const double *v, const double *wsrc, size_t n_regions,
                  const jh_slice_filter *f);

/* jh_slice_add for the study's slice (ind, year, stratum position st);
 * weights from jh_study_weights when use_weights. */
void jh_slice_gather(jh_slice *g, const jh_study *s, size_t ind, size_t year, size_t st,
                     int use_weights, const jh_slice_filter *f);

/* 1 when a weight is a usable one: positive and finite. */
int jh_weight_usable(double w);

/* The rule: 1 when the weighted results of the slice can be computed
 * (gathered with weights, at least one value, every weight usable). */
int jh_slice_weights_usable(const jh_slice *g);

/* When the slice was gathered with weights and some are not usable: the
 * warning "indicator 'I', year Y, stratum S: N region(s) with a value but
 * no positive WEIGHT; weighted WHAT left empty" and, when notes is not
 * NULL, the notes row.  Returns JH_OK or JH_ENOMEM. */
int jh_slice_report_weights(const jh_slice *g, const jh_dataset *d, size_t ind,
                            size_t year, const char *stratum, const char *weight,
                            const char *what, jh_diag *diag, jh_notes *notes);

#ifdef __cplusplus
}
#endif
#endif
