/* AHP weights by the principal eigenvector, Saaty's consistency ratio, and
 * the combination of subjective and objective weights.  See
 * include/junheng/ahp.h and docs/indices.md. */
#include <math.h>
#include "junheng/ahp.h"

double jh_ahp_random_index(size_t n)
{
    /* Saaty (1980), The Analytic Hierarchy Process, McGraw-Hill, table 1.3
     * (mean CI of random reciprocal matrices on the 1-9 scale). */
    static const double ri[JH_AHP_MAX_N + 1] = {
        NAN, 0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49};
    return n >= 1 && n <= JH_AHP_MAX_N ? ri[n] : NAN;
}

static int check_pairwise(const double *a, size_t n)
{
    if (!a)
        return JH_EINVAL;
    if (n == 0)
        return JH_EEMPTY;
    if (n > JH_AHP_MAX_N)
        return JH_EINVAL;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            double x = a[i * n + j];
            if (!isfinite(x) || !(x > 0) || (i == j && x != 1))
                return JH_EINVAL;
        }
    return JH_OK;
}

/* v = A u, returned scaled to sum 1; *sum gets sum_i (A u)_i, which is
 * lambda_max once u is the eigenvector (u sums to 1). */
static void multiply(const double *a, size_t n, const long double *u,
                     long double *v, long double *sum)
{
    long double s = 0;
    for (size_t i = 0; i < n; i++) {
        long double acc = 0;
        for (size_t j = 0; j < n; j++)
            acc += a[i * n + j] * u[j];
        v[i] = acc;
        s += acc;
    }
    for (size_t i = 0; i < n; i++)
        v[i] /= s;
    *sum = s;
}

int jh_ahp_weights(const double *a, size_t n, double *w, jh_ahp_consistency *c)
{
    long double u[JH_AHP_MAX_N], v[JH_AHP_MAX_N], lambda = 0;
    int rc = check_pairwise(a, n);
    if (rc)
        return rc;
    if (!w)
        return JH_EINVAL;
    for (size_t i = 0; i < n; i++)
        u[i] = 1.0L / (long double)n;
    int done = 0;
    for (int step = 0; step < 10000 && !done; step++) {
        long double moved = 0;
        multiply(a, n, u, v, &lambda);
        for (size_t i = 0; i < n; i++) {
            moved = fmaxl(moved, fabsl(v[i] - u[i]));
            u[i] = v[i];
        }
        done = moved <= 1e-15L;
    }
    if (!done)
        return JH_EINVAL;
    multiply(a, n, u, v, &lambda); /* lambda_max for the final u */
    for (size_t i = 0; i < n; i++)
        w[i] = (double)u[i];
    if (c) {
        /* CI = (lambda_max - n)/(n - 1), CR = CI/RI; a 1x1 or 2x2
         * reciprocal matrix is consistent by construction. */
        c->lambda_max = (double)lambda;
        c->ri = jh_ahp_random_index(n);
        c->ci = n > 2 ? (double)((lambda - (long double)n) / (long double)(n - 1)) : 0.0;
        /* lambda_max >= n in exact arithmetic; a consistent matrix given
         * as rounded fractions (5/3) lands within rounding of n: say 0 */
        if (fabs(c->ci) < 1e-12)
            c->ci = 0;
        c->cr = n > 2 ? c->ci / c->ri : 0.0;
    }
    return JH_OK;
}

static int weight_sum(const double *x, size_t m, long double *sum)
{
    *sum = 0;
    for (size_t j = 0; j < m; j++) {
        if (!isfinite(x[j]) || x[j] < 0)
            return JH_EWEIGHT;
        *sum += x[j];
    }
    return *sum > 0 ? JH_OK : JH_EWEIGHT;
}

int jh_combine_weights(const double *ws, const double *wo, size_t m,
                       jh_combine_form form, double alpha, double *w)
{
    long double ss, so, total = 0;
    int rc;
    if (!ws || !wo || !w || (form != JH_COMBINE_PRODUCT && form != JH_COMBINE_LINEAR))
        return JH_EINVAL;
    if (m == 0)
        return JH_EEMPTY;
    if (form == JH_COMBINE_LINEAR && !(alpha >= 0 && alpha <= 1))
        return JH_EINVAL;
    if ((rc = weight_sum(ws, m, &ss)) || (rc = weight_sum(wo, m, &so)))
        return rc;
    if (form == JH_COMBINE_PRODUCT) {
        /* w_j = ws_j wo_j / sum_k ws_k wo_k */
        for (size_t j = 0; j < m; j++)
            total += (long double)ws[j] * wo[j];
        if (!(total > 0))
            return JH_EZERO;
        for (size_t j = 0; j < m; j++)
            w[j] = (double)((long double)ws[j] * wo[j] / total);
        return JH_OK;
    }
    /* w_j = alpha ws_j / sum ws + (1 - alpha) wo_j / sum wo */
    for (size_t j = 0; j < m; j++)
        w[j] = (double)(alpha * (ws[j] / ss) + (1 - (long double)alpha) * (wo[j] / so));
    return JH_OK;
}
