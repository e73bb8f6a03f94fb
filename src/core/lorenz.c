/* Lorenz (1905) curve of a weighted slice. */
#include "core_internal.h"

int jh_lorenz(const double *x, const double *w, size_t n, jh_workspace *ws,
              double *pop, double *share)
{
    long double total, mean, cw = 0, cwx = 0;
    int rc = jh_checked_mean(x, w, n, 1, pop && share ? pop : NULL, &total, &mean);
    if (rc)
        return rc;
    rc = jh_sort_slice(x, w, n, ws);
    if (rc)
        return rc;
    long double swx = mean * total;
    pop[0] = share[0] = 0;
    for (size_t k = 0; k < n; k++) {
        cw += ws->ws[k];
        cwx += (long double)ws->ws[k] * ws->xs[k];
        pop[k + 1] = (double)(cw / total);
        share[k + 1] = (double)(cwx / swx);
    }
    /* The last point is (1, 1) by definition, not by rounding luck. */
    pop[n] = share[n] = 1;
    return JH_OK;
}
