/* Generalised entropy GE(alpha) (Shorrocks 1980), Theil T and L (Theil
 * 1967) and the Atkinson index (Atkinson 1970), all with population shares
 * p_i = w_i / W and r_i = x_i / mu_w. */
#include <float.h>
#include <math.h>
#include "core_internal.h"

static int has_zero(const double *x, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (x[i] == 0)
            return 1;
    return 0;
}

/* ln r for r = x/mu, given u = (x - mu)/mu and r computed directly as
 * x/mu.  Near 1, log1p(u) keeps the digits of u; but far below 1, u is
 * -1 plus a sliver and rounding has eaten the digits of r (on {1e-9, 1e9}
 * the MLD came out 20.0287 instead of 20.0301), so there ln r is taken
 * from r itself.  Should r underflow (long double as narrow as double),
 * ln x - ln mu. */
static long double log_ratio(double x, long double mean, long double u, long double r)
{
    if (u >= -0.5L)
        return log1pl(u);
    if (r >= LDBL_MIN)
        return logl(r);
    return logl((long double)x) - logl(mean);
}

/* ---- the six indices of the suite, in double ----------------------------
 *
 * GE(0), GE(1), GE(2), A(0.5), A(1) and A(2) are sums of nonnegative
 * second-order terms (see ge_sum_ld below and docs/indices.md).  The
 * long-double sums above cost an x87 log1pl a value and index, 72% of a
 * bootstrap; here the six share one pass, one mean and at most one double
 * log a value, and keep the digits by algebra instead of by width:
 *
 * with t = u/(2 + u) (so r = 1 + u = (1 + t)/(1 - t), ln r = 2 atanh t
 * = 2t (1 + t^2 S), S = sum_k t^(2k)/(2k + 3)),
 *   u - ln r     = t (u - 2 t^2 S)
 *   r ln r - u   = u (t + t^2 S (1 + t))
 * both products of terms of one sign up to a correction below t/3 of the
 * leading one, so each term is within a few ulp wherever |u| < 1/4.  For
 * |u| >= 1/4 the direct differences lose at most a factor 10 (u - ln r
 * >= 0.026 there, r ln r - u >= 0.028 against |u| or |r ln r| <= 3 times
 * themselves plus u): about 3 decimal digits from 16, far inside the 1e-9
 * agreement with R ineq / dineq / acid.  The terms, all >= 0, are added
 * in long double (x87 adds cost little; the log was the price), so the sum
 * adds nothing to their error.  The mean is the long-double one rounded: an
 * error in mu enters GE(0) and GE(1) at second order only, GE(2) and A(2)
 * at about 2 ulp. */

/* Below this |u| the series; t is then in [-1/7, 1/9], t^2 <= 1/49. */
#define SERIES_U 0.25

/* S(z) = 1/3 + z/5 + z^2/7 + ... for z <= 1/49: ten terms; the first left
 * out, z^10/23, is below 6e-19 of S, and S enters each term multiplied by
 * t^2 (< t/3 of the leading part). */
static double atanh_tail(double z)
{
    double s = 1.0 / 21;
    s = s * z + 1.0 / 19;
    s = s * z + 1.0 / 17;
    s = s * z + 1.0 / 15;
    s = s * z + 1.0 / 13;
    s = s * z + 1.0 / 11;
    s = s * z + 1.0 / 9;
    s = s * z + 1.0 / 7;
    s = s * z + 1.0 / 5;
    return s * z + 1.0 / 3;
}

/* The GE(1) term r ln r - u and the GE(0) term u - ln r of one x > 0. */
static void log_terms(double x, double mean, double u, double r, double *ge1, double *ge0)
{
    if (fabs(u) < SERIES_U) {
        double t = u / (2 + u), zs = t * t * atanh_tail(t * t);
        *ge0 = t * (u - 2 * zs);
        *ge1 = u * (t + zs * (1 + t));
        return;
    }
    /* As log_ratio: ln r from r itself below r = 1/2. */
    double l = u >= -0.5 ? log1p(u) : r >= DBL_MIN ? log(r) : log(x) - log(mean);
    *ge0 = u - l;
    *ge1 = r * l - u;
}

/* jh_entropy_terms, inlined into family_sums (a call a value cost the
 * index pass its registers). */
static inline void value_terms(double x, double mean, double u, double r, double t[5])
{
    double v = u / (1 + sqrt(r)), ge1 = 1, ge0 = 0; /* 0 ln 0 - (-1) = 1 */
    t[4] = 0;
    if (x > 0) {
        log_terms(x, mean, u, r, &ge1, &ge0);
        t[4] = u * u / r;
    }
    t[0] = ge1;
    t[1] = ge0;
    t[2] = u * u;
    t[3] = v * v;
}

void jh_entropy_terms(double x, double mean, double u, double r, double t[5])
{
    value_terms(x, mean, u, r, t);
}

/* Weighted sums of the terms of jh_entropy_terms: [0] r ln r - u,
 * [1] u - ln r, [2] u^2, [3] (u/(1 + sqrt r))^2, [4] u^2/r; *zero when
 * some x is 0 ([1] and [4] are then left incomplete: their indices are
 * undefined). */
static void family_sums(const double *x, const double *w, size_t n, double mean,
                        long double total, double sum[5], int *zero)
{
    long double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0;
    int z = 0;
    for (size_t i = 0; i < n; i++) {
        double wi = w ? w[i] : 1, t[5];
        value_terms(x[i], mean, (x[i] - mean) / mean, x[i] / mean, t);
        z |= !(x[i] > 0);
        s0 += (long double)wi * t[0];
        s1 += (long double)wi * t[1];
        s2 += (long double)wi * t[2];
        s3 += (long double)wi * t[3];
        s4 += (long double)wi * t[4];
    }
    sum[0] = s0 / total, sum[1] = s1 / total, sum[2] = s2 / total, sum[3] = s3 / total;
    sum[4] = s4 / total;
    *zero = z;
}

/* Where the double path may not go: a total weight beyond a double, or a
 * mean below the normal range (u and r would lose their digits).  The
 * long-double sums take those, and any result the double sums overflowed. */
static int family_in_double(long double total, long double mean)
{
    return total <= DBL_MAX && mean >= DBL_MIN;
}

static int ge_ld(const double *x, const double *w, size_t n, double alpha, double *result);
static int atkinson_ld(const double *x, const double *w, size_t n, double eps,
                       double *result);

/* The long-double value of member k (order of jh_entropy_all). */
static int family_ld(const double *x, const double *w, size_t n, int k, double *v)
{
    static const double param[6] = {1, 0, 2, 0.5, 1, 2};
    return k < 3 ? ge_ld(x, w, n, param[k], v) : atkinson_ld(x, w, n, param[k], v);
}

/* The six indices from the sums (already divided by W). */
static void family_values(const double p[5], double v[6])
{
    double t = p[3] / 2;
    v[0] = p[0];
    v[1] = p[1];
    v[2] = p[2] / 2;
    v[3] = t * (2 - t);
    v[4] = -expm1(-p[1]);
    v[5] = isinf(p[4]) ? 1 : p[4] / (1 + p[4]); /* d = inf when some r underflowed */
}

void jh_entropy_from(const double *x, const double *w, size_t n, long double total,
                     long double mean, int rc, double value[6], int status[6])
{
    double sum[5];
    int zero = 0, fast = !rc && family_in_double(total, mean);
    if (fast) {
        family_sums(x, w, n, (double)mean, total, sum, &zero);
        family_values(sum, value);
    } else if (!rc)
        zero = has_zero(x, n);
    for (int k = 0; k < 6; k++) {
        /* GE(0), A(1) and A(2) take ln x or 1/x. */
        status[k] = rc ? rc : zero && (k == 1 || k == 4 || k == 5) ? JH_EZERO : JH_OK;
        if (!status[k] && (!fast || !isfinite(value[k])))
            status[k] = family_ld(x, w, n, k, &value[k]);
        if (status[k])
            value[k] = NAN;
    }
}

void jh_entropy_all(const double *x, const double *w, size_t n, double value[6],
                    int status[6])
{
    long double total = 0, mean = 0;
    int rc = jh_checked_mean(x, w, n, 1, value, &total, &mean);
    jh_entropy_from(x, w, n, total, mean, rc, value, status);
}

/* One member of the family through jh_entropy_all, so that a lone index
 * and the suite give the same double. */
static int family_one(const double *x, const double *w, size_t n, int k, double *result)
{
    double v[6] = {0}; /* all set by jh_entropy_all; gcc -O2 cannot see it */
    int st[6];
    if (!result)
        return JH_EINVAL;
    jh_entropy_all(x, w, n, v, st);
    if (!st[k])
        *result = v[k];
    return st[k];
}

/* ---- long double: any alpha and eps, and the extremes ------------------- */

/* GE(alpha) = 1/(alpha(alpha-1)) [sum p_i r_i^alpha - 1], with the limits
 * GE(1) = sum p_i r_i ln r_i (0 ln 0 = 0) and GE(0) = -sum p_i ln r_i.
 *
 * Near equality these sums are tiny differences of terms of first order in
 * u_i = r_i - 1, and sum p_i u_i = 0 exactly.  Subtracting that zero term
 * by term leaves nonnegative second-order terms with nothing to cancel:
 *   GE(1) = sum p (r ln r - u),  GE(0) = sum p (u - ln r),
 *   GE(2) = 1/2 sum p u^2,
 * with u = (x - mu)/mu, r = x/mu and ln r as log_ratio() says, so the
 * result keeps its last digit however equal the regions are, and however
 * far apart.  (The subtracted sum is stationary in mu, so an error in mu
 * enters only at second order.) */
static long double ge_sum(const double *x, const double *w, size_t n,
                          double alpha, long double total, long double mean)
{
    long double s = 0;
    for (size_t i = 0; i < n; i++) {
        long double p = (w ? w[i] : 1.0L) / total, u = (x[i] - mean) / mean, r = x[i] / mean;
        if (alpha == 1)
            s += p * (x[i] > 0 ? r * log_ratio(x[i], mean, u, r) - u : 1); /* 0 ln 0 + 1 */
        else if (alpha == 0)
            s += p * (u - log_ratio(x[i], mean, u, r));
        else if (alpha == 2)
            s += p * u * u / 2;
        else
            s += p * powl(r, alpha);
    }
    if (alpha == 0 || alpha == 1 || alpha == 2)
        return s;
    return (s - 1) / (alpha * (alpha - 1));
}

/* The double nearest v, or JH_ERANGE when v is beyond the range of a
 * double (the long double sums can hold it; the output cannot). */
static int finish(long double v, double *result)
{
    double d = (double)v;
    if (!isfinite(d))
        return JH_ERANGE;
    *result = d;
    return JH_OK;
}

static int ge_ld(const double *x, const double *w, size_t n, double alpha, double *result)
{
    long double total, mean;
    int rc;
    if (!isfinite(alpha))
        return JH_EINVAL;
    rc = jh_checked_mean(x, w, n, 1, result, &total, &mean);
    if (rc)
        return rc;
    if (alpha <= 0 && has_zero(x, n))
        return JH_EZERO;
    return finish(ge_sum(x, w, n, alpha, total, mean), result);
}

int jh_ge(const double *x, const double *w, size_t n, double alpha,
          double *result)
{
    if (alpha == 0 || alpha == 1 || alpha == 2)
        return family_one(x, w, n, alpha == 1 ? 0 : alpha == 0 ? 1 : 2, result);
    return ge_ld(x, w, n, alpha, result);
}

int jh_theil_t(const double *x, const double *w, size_t n, double *result)
{
    return jh_ge(x, w, n, 1.0, result);
}

int jh_theil_l(const double *x, const double *w, size_t n, double *result)
{
    return jh_ge(x, w, n, 0.0, result);
}

/* A(eps) = 1 - [sum p_i r_i^(1-eps)]^(1/(1-eps)); A(1) = 1 - exp(sum p_i ln r_i),
 * the ratio of the geometric to the arithmetic mean subtracted from 1. */
static int atkinson_ld(const double *x, const double *w, size_t n, double eps,
                       double *result)
{
    long double total, mean, s = 0;
    int rc;
    if (!(eps >= 0) || !isfinite(eps))
        return JH_EINVAL;
    rc = jh_checked_mean(x, w, n, 1, result, &total, &mean);
    if (rc)
        return rc;
    if (eps >= 1 && has_zero(x, n))
        return JH_EZERO;
    /* As in ge_sum, the sums are taken over u = r - 1 with the zero
     * first-order part removed (sum p u = 0), so nothing cancels; r = x/mu
     * is computed directly, not as 1 + u, so that tiny r keep their digits:
     *   A(1)   = 1 - exp(sum p ln r) = -expm1(-sum p (u - ln r)),
     *   A(0.5) = 1 - (sum p sqrt r)^2 = t (2 - t), t = 1/2 sum p (u/(1 + sqrt r))^2,
     *   A(2)   = 1 - 1/(sum p/r)      = d / (1 + d), d = sum p u^2 / r.
     * (Also far cheaper than powl, which took 40% of a national-scale run.) */
    for (size_t i = 0; i < n; i++) {
        long double p = (w ? w[i] : 1.0L) / total, u = (x[i] - mean) / mean, r = x[i] / mean;
        if (eps == 1)
            s += p * (u - log_ratio(x[i], mean, u, r));
        else if (eps == 0.5) {
            long double v = u / (1 + sqrtl(r));
            s += p * v * v / 2;
        } else if (eps == 2)
            s += p * u * u / r;
        else
            s += p * powl(r, 1 - eps);
    }
    if (eps == 1)
        return finish(-expm1l(-s), result);
    if (eps == 0.5)
        return finish(s * (2 - s), result);
    if (eps == 2) /* d = inf when some r underflowed: A(2) = 1 */
        return finish(isinf(s) ? 1 : s / (1 + s), result);
    return finish(1 - powl(s, 1 / (1 - (long double)eps)), result);
}

int jh_atkinson(const double *x, const double *w, size_t n, double eps,
                double *result)
{
    if (eps == 0.5 || eps == 1 || eps == 2)
        return family_one(x, w, n, eps == 0.5 ? 3 : eps == 1 ? 4 : 5, result);
    return atkinson_ld(x, w, n, eps, result);
}
