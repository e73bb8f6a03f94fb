/* Workspace allocation, input checks and the one sort every order-based
 * index shares. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "core_internal.h"

jh_workspace *jh_workspace_alloc(size_t n)
{
    jh_workspace *ws = calloc(1, sizeof *ws);
    size_t cap = n ? n : 1;
    if (!ws)
        return NULL;
    ws->pairs = malloc(cap * sizeof *ws->pairs);
    ws->xs = malloc(cap * sizeof *ws->xs);
    ws->ws = malloc(cap * sizeof *ws->ws);
    ws->tmp = malloc(cap * sizeof *ws->tmp);
    if (!ws->pairs || !ws->xs || !ws->ws || !ws->tmp) {
        jh_workspace_free(ws);
        return NULL;
    }
    ws->capacity = cap;
    return ws;
}

void jh_workspace_free(jh_workspace *ws)
{
    if (!ws)
        return;
    free(ws->pairs);
    free(ws->xs);
    free(ws->ws);
    free(ws->tmp);
    free(ws);
}

int jh_check_input(const double *x, const double *w, size_t n, int nonneg)
{
    if (!x)
        return JH_EINVAL;
    if (n == 0)
        return JH_EEMPTY;
    for (size_t i = 0; i < n; i++)
        if (!isfinite(x[i]))
            return JH_ENONFINITE;
    if (w)
        for (size_t i = 0; i < n; i++)
            if (!(w[i] > 0) || !isfinite(w[i]))
                return JH_EWEIGHT;
    if (nonneg)
        for (size_t i = 0; i < n; i++)
            if (x[i] < 0)
                return JH_ENEGATIVE;
    return JH_OK;
}

/* The sort of every slice: ties (and -0 against +0, which compare equal)
 * keep input order, the order of sorting by (x, input position), so that
 * output is deterministic.  Short slices go through insertion sort; longer
 * ones through a stable least-significant-digit radix sort on the bits of
 * x (a merge sort before: 7% of a national run, most of it mispredicted
 * comparisons, where radix passes are branch-free). */
enum { SORT_SHORT = 64, RADIX_BITS = 8, RADIX = 1 << RADIX_BITS, RADIX_PASSES = 8 };

static void insertion_sort(struct jh_sort_pair *p, size_t n)
{
    for (size_t k = 1; k < n; k++) {
        struct jh_sort_pair v = p[k];
        size_t j = k;
        for (; j > 0 && p[j - 1].x > v.x; j--)
            p[j] = p[j - 1];
        p[j] = v;
    }
}

/* An unsigned key in the order of x (finite): a negative number's bits
 * inverted, a positive one's sign bit set; -0 keyed as +0, since the two
 * compare equal and must stay in input order. */
static uint64_t order_key(double x)
{
    uint64_t u;
    x = x == 0 ? 0.0 : x;
    memcpy(&u, &x, sizeof u);
    return u ^ ((uint64_t)-(int64_t)(u >> 63) | (UINT64_C(1) << 63));
}

/* Sorts p[0..n) using tmp (n pairs); returns whichever holds the result.
 * One pass counts every digit; a digit that is the same for all n (the
 * sign and most of the exponent, as a rule) costs no pass. */
static struct jh_sort_pair *radix_sort(struct jh_sort_pair *p, struct jh_sort_pair *tmp,
                                       size_t n)
{
    size_t count[RADIX_PASSES][RADIX] = {{0}};
    for (size_t i = 0; i < n; i++) {
        uint64_t k = order_key(p[i].x);
        for (int d = 0; d < RADIX_PASSES; d++)
            count[d][(k >> (d * RADIX_BITS)) & (RADIX - 1)]++;
    }
    struct jh_sort_pair *src = p, *dst = tmp;
    for (int d = 0; d < RADIX_PASSES; d++) {
        size_t *c = count[d], sum = 0;
        int shift = d * RADIX_BITS;
        if (c[(order_key(p[0].x) >> shift) & (RADIX - 1)] == n)
            continue;
        for (int b = 0; b < RADIX; b++) {
            size_t t = c[b];
            c[b] = sum;
            sum += t;
        }
        for (size_t i = 0; i < n; i++)
            dst[c[(order_key(src[i].x) >> shift) & (RADIX - 1)]++] = src[i];
        struct jh_sort_pair *t = src;
        src = dst;
        dst = t;
    }
    return src;
}

int jh_sort_slice(const double *x, const double *w, size_t n, jh_workspace *ws)
{
    if (!ws || ws->capacity < n)
        return JH_EINVAL;
    for (size_t i = 0; i < n; i++) {
        ws->pairs[i].x = x[i];
        ws->pairs[i].i = i;
    }
    struct jh_sort_pair *sorted = ws->pairs;
    if (n <= SORT_SHORT)
        insertion_sort(sorted, n);
    else
        sorted = radix_sort(ws->pairs, ws->tmp, n);
    if (sorted != ws->pairs) { /* callers (dagum.c) read the sorted pairs */
        ws->tmp = ws->pairs;
        ws->pairs = sorted;
    }
    for (size_t k = 0; k < n; k++) {
        ws->xs[k] = sorted[k].x;
        ws->ws[k] = w ? w[sorted[k].i] : 1.0;
    }
    return JH_OK;
}

void jh_weighted_mean(const double *x, const double *w, size_t n,
                      long double *total_weight, long double *mean)
{
    long double sw = 0, swx = 0;
    double lo = n ? x[0] : 0, hi = lo;
    for (size_t i = 0; i < n; i++) {
        long double wi = w ? w[i] : 1.0L;
        sw += wi;
        swx += wi * x[i];
        lo = x[i] < lo ? x[i] : lo;
        hi = x[i] > hi ? x[i] : hi;
    }
    *total_weight = sw;
    *mean = jh_clamp_mean(swx / sw, lo, hi);
}

int jh_checked_mean(const double *x, const double *w, size_t n, int nonneg,
                    const void *result, long double *total, long double *mean)
{
    int rc = jh_check_input(x, w, n, nonneg);
    if (rc)
        return rc;
    if (!result)
        return JH_EINVAL;
    jh_weighted_mean(x, w, n, total, mean);
    return nonneg && *mean == 0 ? JH_EZEROMEAN : JH_OK;
}

/* A mean lies between the smallest and the largest value; rounding can
 * put sum(w x)/W a hair outside (0.1 with weights 0.3, 0.7 ...), and then
 * equal values would show a spread of 1e-19.  Clamping makes the mean of
 * equal values that value exactly. */
long double jh_clamp_mean(long double mean, double lo, double hi)
{
    if (mean < lo)
        return lo;
    if (mean > hi)
        return hi;
    return mean;
}
