/* Order statistics: extremes, their range and ratio, weighted quantiles. */
#include <math.h>
#include "core_internal.h"

static void extremes(const double *x, size_t n, double *lo, double *hi)
{
    *lo = *hi = x[0];
    for (size_t i = 1; i < n; i++) {
        if (x[i] < *lo)
            *lo = x[i];
        if (x[i] > *hi)
            *hi = x[i];
    }
}

/* Extremes need no weights, but the same input rules as everything else. */
static int checked_extremes(const double *x, size_t n, int nonneg, void *result,
                            double *lo, double *hi)
{
    int rc = jh_check_input(x, NULL, n, nonneg);
    if (rc)
        return rc;
    if (!result)
        return JH_EINVAL;
    extremes(x, n, lo, hi);
    return JH_OK;
}

int jh_min(const double *x, size_t n, double *result)
{
    double lo, hi;
    int rc = checked_extremes(x, n, 0, result, &lo, &hi);
    if (!rc)
        *result = lo;
    return rc;
}

int jh_max(const double *x, size_t n, double *result)
{
    double lo, hi;
    int rc = checked_extremes(x, n, 0, result, &lo, &hi);
    if (!rc)
        *result = hi;
    return rc;
}

int jh_range(const double *x, size_t n, double *result)
{
    double lo, hi;
    int rc = checked_extremes(x, n, 0, result, &lo, &hi);
    if (rc)
        return rc;
    if (!isfinite(hi - lo))
        return JH_ERANGE; /* -1.7e308 .. 1.7e308 */
    *result = hi - lo;
    return JH_OK;
}

int jh_max_min_ratio(const double *x, size_t n, double *result)
{
    double lo, hi;
    int rc = checked_extremes(x, n, 1, result, &lo, &hi);
    if (rc)
        return rc;
    if (lo == 0)
        return JH_EZERO;
    if (!isfinite(hi / lo))
        return JH_ERANGE; /* 1e300 / 1e-300 */
    *result = hi / lo;
    return JH_OK;
}

double jh_midpoint(double a, double b)
{
    double s = a + b;
    return isfinite(s) ? s / 2 : a / 2 + b / 2;
}

/* Hyndman & Fan (1996) definition 2 with weights: the first x_(k) whose
 * cumulative weight C_k exceeds pW, or the mean of x_(k) and x_(k+1) when
 * C_k equals pW (the empirical CDF is flat there).  Equality is judged to
 * a relative 1e-12 of W so that, e.g., p = 0.9 of ten unit weights hits
 * C_9 = 9 although 0.9 * 10 carries rounding error. */
double jh_quantile_sorted(const double *xs, const double *ws, size_t n, double p)
{
    double q;
    jh_quantiles_sorted(xs, ws, n, &p, 1, &q);
    return q;
}

/* One walk of the cumulative weights serves every p (ascending), with the
 * same sums and comparisons as a walk per p. */
void jh_quantiles_sorted(const double *xs, const double *ws, size_t n, const double *p,
                         size_t k, double *q)
{
    long double total = 0, cum = 0;
    size_t j = 0;
    for (size_t i = 0; i < n; i++)
        total += ws[i];
    long double tol = 1e-12L * total;
    for (size_t i = 0; i < n && j < k; i++) {
        cum += ws[i];
        while (j < k) {
            long double target = p[j] * total;
            if (fabsl(cum - target) <= tol)
                q[j] = i + 1 < n ? jh_midpoint(xs[i], xs[i + 1]) : xs[i];
            else if (cum > target)
                q[j] = xs[i];
            else
                break;
            j++;
        }
    }
    for (; j < k; j++)
        q[j] = xs[n - 1];
}

static int checked_quantile(const double *x, const double *w, size_t n,
                            double p, int nonneg, jh_workspace *ws, double *q)
{
    int rc = jh_check_input(x, w, n, nonneg);
    if (rc)
        return rc;
    if (!(p >= 0 && p <= 1))
        return JH_EINVAL;
    rc = jh_sort_slice(x, w, n, ws);
    if (rc)
        return rc;
    *q = jh_quantile_sorted(ws->xs, ws->ws, n, p);
    return JH_OK;
}

int jh_quantile(const double *x, const double *w, size_t n, double p,
                jh_workspace *ws, double *result)
{
    double q;
    int rc;
    if (!result)
        return JH_EINVAL;
    rc = checked_quantile(x, w, n, p, 0, ws, &q);
    if (!rc)
        *result = q;
    return rc;
}

int jh_median(const double *x, const double *w, size_t n, jh_workspace *ws,
              double *result)
{
    return jh_quantile(x, w, n, 0.5, ws, result);
}

int jh_p90_p10(const double *x, const double *w, size_t n, jh_workspace *ws,
               double *result)
{
    double q10;
    int rc;
    if (!result)
        return JH_EINVAL;
    rc = checked_quantile(x, w, n, 0.1, 1, ws, &q10);
    if (rc)
        return rc;
    if (q10 == 0)
        return JH_EZERO;
    /* ws is still sorted from checked_quantile. */
    double ratio = jh_quantile_sorted(ws->xs, ws->ws, n, 0.9) / q10;
    if (!isfinite(ratio))
        return JH_ERANGE;
    *result = ratio;
    return JH_OK;
}

int jh_robust_z(const double *x, size_t n, jh_workspace *ws, double *z, double *median,
                double *mad_out)
{
    double med, mad;
    int rc = jh_median(x, NULL, n, ws, &med);
    if (rc != JH_OK)
        return rc;
    for (size_t k = 0; k < n; k++)
        z[k] = fabs(x[k] - med);
    if ((rc = jh_median(z, NULL, n, ws, &mad)) != JH_OK)
        return rc;
    if (median)
        *median = med;
    if (mad_out)
        *mad_out = mad;
    if (mad == 0)
        return JH_EZERO;
    for (size_t k = 0; k < n; k++)
        z[k] /= JH_MAD_NORMAL * mad;
    return JH_OK;
}
