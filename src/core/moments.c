/* Mean, population standard deviation and the coefficient of variation,
 * unweighted or weighted by population (p_i = w_i / W). */
#include <math.h>
#include "core_internal.h"

int jh_mean(const double *x, const double *w, size_t n, double *result)
{
    long double total, mean;
    int rc = jh_checked_mean(x, w, n, 0, result, &total, &mean);
    if (rc)
        return rc;
    *result = (double)mean;
    return JH_OK;
}

/* Two passes: sd = sqrt(sum p_i (x_i - mu_w)^2), the population form
 * (divides by W, i.e. by n when unweighted), so that cv = sd / mean. */
long double jh_weighted_sd(const double *x, const double *w, size_t n,
                           long double total, long double mean)
{
    long double ss = 0;
    for (size_t i = 0; i < n; i++) {
        long double d = x[i] - mean;
        ss += (w ? w[i] : 1.0L) * d * d;
    }
    return sqrtl(ss / total);
}

int jh_sd(const double *x, const double *w, size_t n, double *result)
{
    long double total, mean;
    int rc = jh_checked_mean(x, w, n, 0, result, &total, &mean);
    if (rc)
        return rc;
    *result = (double)jh_weighted_sd(x, w, n, total, mean);
    return JH_OK;
}

/* CV = sd / mu; weighted, Williamson (1965): sqrt(sum p_i (x_i - mu_w)^2) / mu_w. */
int jh_cv(const double *x, const double *w, size_t n, double *result)
{
    long double total, mean;
    int rc = jh_checked_mean(x, w, n, 1, result, &total, &mean);
    if (rc)
        return rc;
    *result = (double)(jh_weighted_sd(x, w, n, total, mean) / mean);
    return JH_OK;
}
