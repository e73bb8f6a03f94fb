/* Hoover (1936) index: the share of the total that would have to move
 * between regions for every region to hold its population share,
 * H = 1/2 sum_i |x_i w_i / sum(x w) - w_i / W|. */
#include <math.h>
#include "core_internal.h"

int jh_hoover(const double *x, const double *w, size_t n, double *result)
{
    int rc = jh_check_input(x, w, n, 1);
    long double total = 0, swx = 0, s = 0;
    if (rc)
        return rc;
    if (!result)
        return JH_EINVAL;
    for (size_t i = 0; i < n; i++) {
        long double wi = w ? w[i] : 1.0L;
        total += wi;
        swx += wi * x[i];
    }
    if (swx == 0)
        return JH_EZEROMEAN;
    for (size_t i = 0; i < n; i++) {
        long double wi = w ? w[i] : 1.0L;
        s += fabsl(wi * x[i] / swx - wi / total);
    }
    *result = (double)(s / 2);
    return JH_OK;
}
