/* Gaussian kernel density estimates and Silverman's rule-of-thumb
 * bandwidth (Silverman 1986, Density Estimation, eq. 3.31). */
#include <math.h>
#include "core_internal.h"
#include "junheng/dynamics.h"

/* Quantile of R's default (Hyndman & Fan type 7) over ascending xs:
 * h = (n - 1) p, Q = x_(floor h) + (h - floor h)(x_(floor h + 1) - x_(floor h)),
 * 0-based.  bw.nrd0 uses it for the IQR, so h matches R's density(). */
static double quantile7(const double *xs, size_t n, double p)
{
    double h = (double)(n - 1) * p;
    size_t lo = (size_t)floor(h);
    if (lo + 1 >= n)
        return xs[n - 1];
    return xs[lo] + (h - (double)lo) * (xs[lo + 1] - xs[lo]);
}

/* h = 0.9 min(s, IQR/1.34) n^(-1/5), s = sqrt(sum (x - xbar)^2 / (n - 1)). */
int jh_kde_bandwidth(const double *x, size_t n, jh_workspace *ws, double *h)
{
    int rc = jh_check_input(x, NULL, n, 0);
    long double total, mean, ss = 0;
    if (rc)
        return rc;
    if (!ws || !h || n < 2 || ws->capacity < n)
        return JH_EINVAL;
    jh_weighted_mean(x, NULL, n, &total, &mean);
    for (size_t i = 0; i < n; i++) {
        long double d = x[i] - mean;
        ss += d * d;
    }
    double s = (double)sqrtl(ss / (long double)(n - 1));
    if ((rc = jh_sort_slice(x, NULL, n, ws)))
        return rc;
    double iqr = quantile7(ws->xs, n, 0.75) - quantile7(ws->xs, n, 0.25);
    double lo = fmin(s, iqr / 1.34);
    if (!(lo > 0))
        lo = s > 0 ? s : iqr / 1.34;
    if (!(lo > 0))
        return JH_EINVAL; /* every value equal: no spread to smooth over */
    *h = 0.9 * lo * pow((double)n, -0.2);
    return JH_OK;
}

/* Terms with |g - x_i| > KDE_REACH h are left out of the sum: each is below
 * e^(-KDE_REACH^2 / 2) = e^(-40.5) = 2.6e-18 of a kernel's peak, so the
 * density changes by less than 2.6e-18 phi(0)/h, far below the rounding
 * of the terms that are kept (docs/indices.md, "Kernel density"). */
#define KDE_REACH 9.0

static int ascending(const double *v, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (!(v[i] >= v[i - 1]))
            return 0;
    return 1;
}

/* sum_i w_i exp(-u_i^2 / 2), u_i = (g - x_i)/h, over i in [a, b) with
 * |u_i| <= KDE_REACH (the window may hold a few beyond).  Double exp;
 * blocks of 64 terms summed in double, the blocks in long double: the
 * positive terms lose at most 64 2^-53 + n 2^-64 relative to the sums. */
static double kernel_sum(const double *x, const double *w, size_t a, size_t b, double g,
                         double h)
{
    long double f = 0;
    for (size_t i = a; i < b; i += 64) {
        size_t e = b - i > 64 ? i + 64 : b;
        double block = 0;
        for (size_t k = i; k < e; k++) {
            double u = (g - x[k]) / h;
            if (fabs(u) <= KDE_REACH)
                block += (w ? w[k] : 1.0) * exp(-0.5 * u * u);
        }
        f += block;
    }
    return (double)f;
}

/* f(g) = sum_i p_i phi((g - x_i)/h)/h, phi(u) = exp(-u^2/2)/sqrt(2 pi),
 * p_i = w_i / W.  Each f integrates to 1 over the real line.  With x and
 * the grid ascending, a window [a, b) of the values within KDE_REACH h of
 * g slides along the grid, so the work is the terms kept plus n + m;
 * otherwise every value is tested for every point. */
int jh_kde_eval(const double *x, const double *w, size_t n, double h,
                const double *grid, size_t m, double *density)
{
    int rc = jh_check_input(x, w, n, 0);
    long double total = 0;
    if (rc)
        return rc;
    if (!grid || !density || !(h > 0) || !isfinite(h))
        return JH_EINVAL;
    for (size_t i = 0; i < n; i++)
        total += w ? w[i] : 1.0L;
    const long double norm = 1.0L / (sqrtl(2.0L * 3.14159265358979323846264338327950288L)
                                     * h * total);
    const double reach = KDE_REACH * h;
    int sweep = ascending(x, n) && ascending(grid, m);
    size_t a = 0, b = 0;
    for (size_t j = 0; j < m; j++) {
        if (sweep) {
            while (a < n && x[a] < grid[j] - reach)
                a++;
            if (b < a)
                b = a;
            while (b < n && x[b] <= grid[j] + reach)
                b++;
        } else {
            a = 0;
            b = n;
        }
        density[j] = (double)(kernel_sum(x, w, a, b, grid[j], h) * norm);
    }
    return JH_OK;
}
