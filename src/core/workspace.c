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

/* The sort of every slice (12% of a national run through qsort and its
 * comparison calls): a stable merge sort on x alone, runs of 16 sorted by
 * insertion first.  Pairs start in input order and every step keeps equal
 * x in their order, so ties (and -0 against +0, which compare equal) stay
 * in input order: the order of sorting by (x, input position). */
enum { SORT_RUN = 16 };

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

/* a then b into out, taking from b only what is strictly smaller. */
static void merge(const struct jh_sort_pair *a, size_t na, const struct jh_sort_pair *b,
                  size_t nb, struct jh_sort_pair *out)
{
    size_t i = 0, j = 0, k = 0;
    while (i < na && j < nb)
        out[k++] = b[j].x < a[i].x ? b[j++] : a[i++];
    while (i < na)
        out[k++] = a[i++];
    while (j < nb)
        out[k++] = b[j++];
}

static size_t min_size(size_t a, size_t b)
{
    return a < b ? a : b;
}

/* Sorts p[0..n) using tmp (n pairs); returns whichever holds the result. */
static struct jh_sort_pair *merge_sort(struct jh_sort_pair *p, struct jh_sort_pair *tmp,
                                       size_t n)
{
    struct jh_sort_pair *src = p, *dst = tmp;
    for (size_t s = 0; s < n; s += SORT_RUN)
        insertion_sort(p + s, min_size(SORT_RUN, n - s));
    for (size_t width = SORT_RUN; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = min_size(lo + width, n), hi = min_size(lo + 2 * width, n);
            merge(src + lo, mid - lo, src + mid, hi - mid, dst + lo);
        }
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
    struct jh_sort_pair *sorted = merge_sort(ws->pairs, ws->tmp, n);
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
