/* Workspace allocation, input checks and the one sort every order-based
 * index shares. */
#include <math.h>
#include <stdlib.h>
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
    if (!ws->pairs || !ws->xs || !ws->ws) {
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

static int compare_pairs(const void *pa, const void *pb)
{
    const struct jh_sort_pair *a = pa, *b = pb;
    if (a->x < b->x)
        return -1;
    if (a->x > b->x)
        return 1;
    return (a->i > b->i) - (a->i < b->i);
}

int jh_sort_slice(const double *x, const double *w, size_t n, jh_workspace *ws)
{
    if (!ws || ws->capacity < n)
        return JH_EINVAL;
    for (size_t i = 0; i < n; i++) {
        ws->pairs[i].x = x[i];
        ws->pairs[i].i = i;
    }
    qsort(ws->pairs, n, sizeof *ws->pairs, compare_pairs);
    for (size_t k = 0; k < n; k++) {
        ws->xs[k] = ws->pairs[k].x;
        ws->ws[k] = w ? w[ws->pairs[k].i] : 1.0;
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
