/* Hoover (1936) index: the share of the total that would have to move
 * between regions for every region to hold its population share,
 * H = 1/2 sum_i |x_i w_i / sum(x w) - w_i / W|. */
#include <math.h>
#include "core_internal.h"

/* Each term is w_i |x_i - mu| / (W mu), the same number without the
 * difference of two nearly equal shares, so that equal values (where the
 * clamped mean is their value) give exactly 0, not 8e-22. */
long double jh_hoover_from(const double *x, const double *w, size_t n,
                           long double total, long double mean)
{
    long double s = 0;
    for (size_t i = 0; i < n; i++)
        s += (w ? w[i] : 1.0L) * fabsl(x[i] - mean);
    return s / (total * mean) / 2;
}

int jh_hoover(const double *x, const double *w, size_t n, double *result)
{
    long double total, mean;
    int rc = jh_checked_mean(x, w, n, 1, result, &total, &mean);
    if (rc)
        return rc;
    *result = (double)jh_hoover_from(x, w, n, total, mean);
    return JH_OK;
}
