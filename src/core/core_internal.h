/* Internal helpers of the numeric core; not installed, not public API. */
#ifndef JUNHENG_CORE_INTERNAL_H
#define JUNHENG_CORE_INTERNAL_H

#include <stddef.h>
#include "junheng/indices.h"

struct jh_sort_pair {
    double x;     /* value */
    size_t i;     /* input position: ties keep input order, so output is deterministic */
};

struct jh_workspace {
    size_t capacity;            /* largest n the buffers hold */
    struct jh_sort_pair *pairs; /* sort keys */
    double *xs;                 /* values in ascending order */
    double *ws;                 /* their weights (1 when unweighted) */
};

/* Fills ws->xs and ws->ws with x sorted ascending and the weights permuted
 * alongside (1.0 for every value when w == NULL).  Inputs already checked. */
int jh_sort_slice(const double *x, const double *w, size_t n, jh_workspace *ws);

/* Total weight W and weighted mean mu_w = sum w x / W (long double sums),
 * clamped to [min x, max x] so that equal values have exactly their value
 * as mean. */
void jh_weighted_mean(const double *x, const double *w, size_t n,
                      long double *total_weight, long double *mean);

/* mean clamped to [lo, hi], the smallest and largest value it averages. */
long double jh_clamp_mean(long double mean, double lo, double hi);

/* Kernels over a sorted slice (xs ascending, ws its weights, n >= 1,
 * sum ws*xs > 0 for the ratios). */
double jh_gini_sorted(const double *xs, const double *ws, size_t n);
double jh_quantile_sorted(const double *xs, const double *ws, size_t n, double p);

/* jh_indices_all of values already sorted ascending (ties in the order
 * jh_sort_slice leaves them) with their weights ws (not NULL: 1.0 each for
 * the unweighted form), without sorting: the same numbers. */
void jh_indices_sorted(const double *xs, const double *ws, size_t n, jh_index_set *out);

#endif
