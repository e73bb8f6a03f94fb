/* Internal helpers of the numeric core; not installed, not public API. */
#ifndef JUNHENG_CORE_INTERNAL_H
#define JUNHENG_CORE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "junheng/bootstrap.h"
#include "junheng/indices.h"

struct jh_sort_pair {
    double x;     /* value */
    size_t i;     /* input position: ties keep input order, so output is deterministic */
};

struct jh_workspace {
    size_t capacity;            /* largest n the buffers hold */
    struct jh_sort_pair *pairs; /* sort keys */
    struct jh_sort_pair *tmp;   /* the sort's other buffer, capacity pairs */
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

/* The prologue every index shares: jh_check_input(x, w, n, nonneg), then
 * JH_EINVAL when result (where the caller will write) is NULL, then total
 * and mean as jh_weighted_mean gives them.  With nonneg the index divides
 * by the mean, so a zero mean is JH_EZEROMEAN; total and mean are set
 * then too. */
int jh_checked_mean(const double *x, const double *w, size_t n, int nonneg,
                    const void *result, long double *total, long double *mean);

/* mean clamped to [lo, hi], the smallest and largest value it averages. */
long double jh_clamp_mean(long double mean, double lo, double hi);

/* Theil T, Theil L, GE(2), Atkinson 0.5, 1 and 2 (value[0..5], in the
 * order of jh_index_id from JH_IX_THEIL_T) in one pass: the numbers and
 * statuses jh_ge and jh_atkinson give, which call it.  Summed in double
 * (entropy.c says why that keeps the digits), long double where a double
 * would overflow or underflow. */
void jh_entropy_all(const double *x, const double *w, size_t n, double value[6],
                    int status[6]);
/* The same from the checks and mean already made: rc is jh_check_input(x,
 * w, n, 1), or JH_EZEROMEAN when mean is 0 (every status is then rc). */
void jh_entropy_from(const double *x, const double *w, size_t n, long double total,
                     long double mean, int rc, double value[6], int status[6]);

/* The terms one value x >= 0 adds to the six (before weighting), against
 * a mean > 0, from u = (x - mean)/mean and r = x/mean (each computed
 * directly, r never as 1 + u): t[0] = r ln r - u, t[1] = u - ln r,
 * t[2] = u^2, t[3] = (u/(1 + sqrt r))^2, t[4] = u^2/r, each within a few
 * ulp (entropy.c says how); for x = 0, t[0] = 1 and t[1] = t[4] = 0
 * (their indices are undefined there). */
void jh_entropy_terms(double x, double mean, double u, double r, double t[5]);

/* sqrt(sum p_i (x_i - mean)^2), the population sd (jh_sd) from the total
 * weight and mean of jh_weighted_mean. */
long double jh_weighted_sd(const double *x, const double *w, size_t n,
                           long double total, long double mean);

/* The Hoover index (jh_hoover) from the total weight and a mean != 0. */
long double jh_hoover_from(const double *x, const double *w, size_t n,
                           long double total, long double mean);

/* jh_quantile_sorted at k ascending probabilities p in one pass: q[j] is
 * the same double jh_quantile_sorted(xs, ws, n, p[j]) gives. */
void jh_quantiles_sorted(const double *xs, const double *ws, size_t n, const double *p,
                         size_t k, double *q);

/* (a + b)/2, also when a + b overflows (two values near 1.8e308): the
 * median between two values. */
double jh_midpoint(double a, double b);

/* The vector instructions the bootstrap kernels use: AVX-512 (F, DQ, with
 * AVX2), AVX or SSE2 where the processor has them, SSE2 when JUNHENG_SIMD
 * is "sse2" (the unit tests compare the paths bit for bit).  Reads the
 * environment: ask once per slice, not per replicate. */
enum { JH_SIMD_SSE2, JH_SIMD_AVX, JH_SIMD_AVX512 };
int jh_boot_simd(void);

/* The n draws of one replicate (as jh_boot_draw_counts: 1 <= n <= 2^32 - 1,
 * the stream left where it leaves it) added into counts[i * stride], which
 * the caller zeroes: a stride > 1 lays several replicates side by side.
 * simd from jh_boot_simd(): the same counts on every path. */
void jh_boot_count_draws(jh_boot_stream *s, uint32_t n, unsigned *counts, size_t stride,
                         int simd);

/* Kernels over a sorted slice (xs ascending, ws its weights, n >= 1,
 * sum ws*xs > 0 for the ratios). */
double jh_gini_sorted(const double *xs, const double *ws, size_t n);
double jh_quantile_sorted(const double *xs, const double *ws, size_t n, double p);

/* jh_indices_all of values already sorted ascending (ties in the order
 * jh_sort_slice leaves them) with their weights ws (not NULL: 1.0 each for
 * the unweighted form), without sorting: the same numbers. */
void jh_indices_sorted(const double *xs, const double *ws, size_t n, jh_index_set *out);

#endif
