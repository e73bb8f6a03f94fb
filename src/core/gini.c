/* Gini coefficient by sorting.
 *
 * Definition: G = sum_i sum_j w_i w_j |x_i - x_j| / (2 W^2 mu_w).
 * With x sorted ascending and C_i the cumulative weight through i, each
 * x_i enters the double sum with + for the C_{i-1} weight below it and -
 * for the W - C_i weight above it, counted twice (ordered pairs), so
 *   sum_i sum_j w_i w_j |x_i - x_j| = 2 sum_i w_i x_i (C_{i-1} + C_i - W)
 * and, with W mu_w = sum w x,
 *   G = sum_i w_i x_i (2 C_{i-1} + w_i - W) / (W sum_i w_i x_i).
 * Ties contribute nothing whichever way they are ordered.  Unweighted
 * (w = 1) this is the n^2 form (2 sum i x_(i) - (n+1) sum x) / (n sum x). */
#include "core_internal.h"

double jh_gini_sorted(const double *xs, const double *ws, size_t n)
{
    long double total = 0, below = 0, num = 0, swx = 0;
    /* Equal values (one value among them): every |x_i - x_j| is 0, but the
     * sum of the weights' terms is 0 only up to rounding (-3e-21). */
    if (xs[0] == xs[n - 1])
        return 0;
    for (size_t i = 0; i < n; i++)
        total += ws[i];
    for (size_t i = 0; i < n; i++) {
        long double wx = (long double)ws[i] * xs[i];
        num += wx * (2 * below + ws[i] - total);
        swx += wx;
        below += ws[i];
    }
    /* The pairwise sum is >= 0; a negative num is rounding in near-equal
     * data whose Gini is below the double's resolution. */
    return num > 0 ? (double)(num / (total * swx)) : 0.0;
}

int jh_gini(const double *x, const double *w, size_t n, int corrected,
            jh_workspace *ws, double *result)
{
    long double total, mean;
    int rc = jh_checked_mean(x, w, n, 1, result, &total, &mean);
    if (rc && rc != JH_EZEROMEAN)
        return rc;
    if (corrected && (w || n < 2)) /* a bad request before a zero mean */
        return JH_EINVAL;
    if (rc)
        return rc;
    rc = jh_sort_slice(x, w, n, ws);
    if (rc)
        return rc;
    double g = jh_gini_sorted(ws->xs, ws->ws, n);
    *result = corrected ? g * (double)n / (double)(n - 1) : g;
    return JH_OK;
}
