/* Composite evaluation: normalisation, entropy and CRITIC weights, weighted
 * sums, TOPSIS, obstacle degree, coupling coordination.  Row-major n x m
 * matrices, pure functions; see include/junheng/composite.h and
 * docs/indices.md ("Composite scores") for formulas and references. */
#include <math.h>
#include "junheng/composite.h"

/* Shared checks: pointers, sizes, finite values. */
static int check_matrix(const double *x, size_t n, size_t m)
{
    if (!x)
        return JH_EINVAL;
    if (n == 0 || m == 0)
        return JH_EEMPTY;
    for (size_t k = 0; k < n * m; k++)
        if (!isfinite(x[k]))
            return JH_ENONFINITE;
    return JH_OK;
}

static int check_dir(const int *dir, size_t m)
{
    if (!dir)
        return JH_EINVAL;
    for (size_t j = 0; j < m; j++)
        if (dir[j] != 1 && dir[j] != -1)
            return JH_EINVAL;
    return JH_OK;
}

/* Weights >= 0, finite, with a positive sum. */
static int check_weights(const double *w, size_t m)
{
    long double sum = 0;
    if (!w)
        return JH_EINVAL;
    for (size_t j = 0; j < m; j++) {
        if (!isfinite(w[j]) || w[j] < 0)
            return JH_EWEIGHT;
        sum += w[j];
    }
    return sum > 0 ? JH_OK : JH_EWEIGHT;
}

/* Column mean and population sd: mu = sum x / n, s = sqrt(sum (x - mu)^2 / n). */
static void column_moments(const double *x, size_t n, size_t m, size_t j,
                           long double *mean, long double *sd)
{
    long double s = 0, ss = 0;
    for (size_t i = 0; i < n; i++)
        s += x[i * m + j];
    *mean = s / (long double)n;
    for (size_t i = 0; i < n; i++) {
        long double d = x[i * m + j] - *mean;
        ss += d * d;
    }
    *sd = sqrtl(ss / (long double)n);
}

/* (v - a)/(b - a), or (b - v)/(b - a) for a lower-better column.  When
 * max - min overflows (a column from -1.7e308 to 1.7e308) every
 * difference is taken of halves, which are exact: same ratio, no inf/inf. */
static double minmax(double v, double a, double b, int dir)
{
    if (isfinite(b - a))
        return (dir > 0 ? (v - a) : (b - v)) / (b - a);
    return (dir > 0 ? (v / 2 - a / 2) : (b / 2 - v / 2)) / (b / 2 - a / 2);
}

int jh_normalise(const double *x, size_t n, size_t m, const int *dir,
                 jh_norm method, const double *lo, const double *hi, double *z)
{
    int rc = check_matrix(x, n, m);
    if (rc)
        return rc;
    if (check_dir(dir, m) || !z || z == x || (!lo) != (!hi) ||
        (method != JH_NORM_MINMAX && method != JH_NORM_ZSCORE))
        return JH_EINVAL;
    for (size_t j = 0; j < m; j++) {
        if (method == JH_NORM_ZSCORE) {
            long double mu, sd;
            column_moments(x, n, m, j, &mu, &sd);
            for (size_t i = 0; i < n; i++)
                z[i * m + j] = sd > 0 ? (double)(dir[j] * (x[i * m + j] - mu) / sd) : 0.0;
            continue;
        }
        double a, b;
        if (lo) {
            a = lo[j];
            b = hi[j];
            if (!isfinite(a) || !isfinite(b) || a > b)
                return JH_EINVAL;
            for (size_t i = 0; i < n; i++)
                if (x[i * m + j] < a || x[i * m + j] > b)
                    return JH_EINVAL;
        } else {
            a = b = x[j];
            for (size_t i = 1; i < n; i++) {
                a = fmin(a, x[i * m + j]);
                b = fmax(b, x[i * m + j]);
            }
        }
        /* z = (x - min)/(max - min) for higher-better, (max - x)/(max - min)
         * for lower-better; a constant column is everyone at the best. */
        for (size_t i = 0; i < n; i++)
            z[i * m + j] = b > a ? minmax(x[i * m + j], a, b, dir[j]) : 1.0;
    }
    return JH_OK;
}

int jh_entropy_weights(const double *z, size_t n, size_t m, double eps,
                       double *w, double *e)
{
    int rc = check_matrix(z, n, m);
    long double dsum = 0;
    if (rc)
        return rc;
    if (!w || n < 2 || !(eps >= 0 && eps < 1))
        return JH_EINVAL;
    for (size_t k = 0; k < n * m; k++)
        if (z[k] < 0)
            return JH_ENEGATIVE;
    /* First pass: every column sum must be positive before anything is
     * written, so that an error leaves w and e untouched. */
    for (size_t j = 0; j < m; j++) {
        long double s = 0;
        for (size_t i = 0; i < n; i++)
            s += eps + (1 - eps) * (long double)z[i * m + j];
        if (!(s > 0))
            return JH_EZEROMEAN;
    }
    for (size_t j = 0; j < m; j++) {
        /* e_j = -(1/ln n) sum_i p_ij ln p_ij, p_ij = z'_ij / sum_i z'_ij,
         * 0 ln 0 = 0 (only reachable with eps == 0). */
        long double s = 0, h = 0;
        for (size_t i = 0; i < n; i++)
            s += eps + (1 - eps) * (long double)z[i * m + j];
        for (size_t i = 0; i < n; i++) {
            long double p = (eps + (1 - eps) * (long double)z[i * m + j]) / s;
            if (p > 0)
                h -= p * logl(p);
        }
        long double ej = h / logl((long double)n);
        dsum += 1 - ej;
    }
    if (!(dsum > 0))
        return JH_EZERO;
    for (size_t j = 0; j < m; j++) {
        long double s = 0, h = 0;
        for (size_t i = 0; i < n; i++)
            s += eps + (1 - eps) * (long double)z[i * m + j];
        for (size_t i = 0; i < n; i++) {
            long double p = (eps + (1 - eps) * (long double)z[i * m + j]) / s;
            if (p > 0)
                h -= p * logl(p);
        }
        long double ej = h / logl((long double)n);
        if (e)
            e[j] = (double)ej;
        w[j] = (double)((1 - ej) / dsum);
    }
    return JH_OK;
}

/* Pearson correlation of columns j and k: cov / (s_j s_k), population
 * moments (the n's cancel). */
static long double column_corr(const double *z, size_t n, size_t m, size_t j,
                               size_t k, long double mj, long double sj,
                               long double mk, long double sk)
{
    long double cov = 0;
    for (size_t i = 0; i < n; i++)
        cov += (z[i * m + j] - mj) * (z[i * m + k] - mk);
    cov /= (long double)n;
    return cov / (sj * sk);
}

int jh_critic_weights(const double *z, size_t n, size_t m, double *w, double *c)
{
    int rc = check_matrix(z, n, m);
    long double total = 0;
    if (rc)
        return rc;
    if (!w || n < 2)
        return JH_EINVAL;
    /* Two passes over j: the first totals C_j so that an error (every
     * column constant) leaves the outputs untouched; O(n m^2) either way. */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t j = 0; j < m; j++) {
            long double mj, sj, cj = 0;
            column_moments(z, n, m, j, &mj, &sj);
            if (sj > 0) {
                /* C_j = s_j sum_k (1 - r_jk); r_jj = 1 adds nothing. */
                for (size_t k = 0; k < m; k++) {
                    long double mk, sk;
                    if (k == j)
                        continue;
                    column_moments(z, n, m, k, &mk, &sk);
                    if (sk > 0)
                        cj += 1 - column_corr(z, n, m, j, k, mj, sj, mk, sk);
                }
                cj *= sj;
            }
            if (pass == 0) {
                total += cj;
            } else {
                w[j] = (double)(cj / total);
                if (c)
                    c[j] = (double)cj;
            }
        }
        if (pass == 0 && !(total > 0))
            return JH_EZERO;
    }
    return JH_OK;
}

int jh_weighted_sum(const double *z, size_t n, size_t m, const double *w,
                    double *s)
{
    int rc = check_matrix(z, n, m);
    long double wsum = 0;
    if (rc)
        return rc;
    if (!s)
        return JH_EINVAL;
    if ((rc = check_weights(w, m)))
        return rc;
    for (size_t j = 0; j < m; j++)
        wsum += w[j];
    /* s_i = sum_j w_j z_ij / sum_j w_j */
    for (size_t i = 0; i < n; i++) {
        long double acc = 0;
        for (size_t j = 0; j < m; j++)
            acc += (long double)w[j] * z[i * m + j];
        s[i] = (double)(acc / wsum);
    }
    return JH_OK;
}

int jh_topsis(const double *x, size_t n, size_t m, const int *dir,
              const double *w, jh_topsis_form form, double *dplus,
              double *dminus, double *closeness)
{
    int rc = check_matrix(x, n, m);
    if (rc)
        return rc;
    if (check_dir(dir, m) || !closeness || !dplus || !dminus ||
        (form != JH_TOPSIS_TEXTBOOK && form != JH_TOPSIS_WEIGHT_OUTSIDE))
        return JH_EINVAL;
    if ((rc = check_weights(w, m)))
        return rc;
    /* Column norms sqrt(sum_i x_ij^2) and, on r_ij = x_ij / norm_j, the best
     * and worst of each column.  Weights are >= 0, so the best of v = w r
     * is w times the best of r: one pass serves both forms. */
    for (size_t j = 0; j < m; j++) {
        long double ss = 0;
        for (size_t i = 0; i < n; i++)
            ss += (long double)x[i * m + j] * x[i * m + j];
        if (!(ss > 0))
            return JH_EZERO;
    }
    /* Check that no row is at equal distance 0 from both points before
     * writing: D+ + D- == 0 only when every column is constant. */
    int all_constant = 1;
    for (size_t j = 0; j < m && all_constant; j++)
        for (size_t i = 1; i < n; i++)
            if (x[i * m + j] != x[j] && w[j] > 0) {
                all_constant = 0;
                break;
            }
    if (all_constant)
        return JH_EZERO;
    /* Column by column (O(n m)): accumulate the squared distances in
     * dplus and dminus, then take roots. */
    for (size_t i = 0; i < n; i++)
        dplus[i] = dminus[i] = 0;
    for (size_t j = 0; j < m; j++) {
        long double ss = 0;
        double lo = x[j], hi = x[j];
        for (size_t k = 0; k < n; k++) {
            ss += (long double)x[k * m + j] * x[k * m + j];
            lo = fmin(lo, x[k * m + j]);
            hi = fmax(hi, x[k * m + j]);
        }
        long double norm = sqrtl(ss);
        long double best = (dir[j] > 0 ? hi : lo) / norm;
        long double worst = (dir[j] > 0 ? lo : hi) / norm;
        for (size_t i = 0; i < n; i++) {
            long double r = x[i * m + j] / norm, a, b;
            if (form == JH_TOPSIS_TEXTBOOK) {
                /* (v_ij - v*_j)^2 = (w_j r_ij - w_j r*_j)^2 */
                a = w[j] * (r - best);
                b = w[j] * (r - worst);
                a *= a;
                b *= b;
            } else {
                /* w_j (r_ij - r*_j)^2 */
                a = w[j] * (r - best) * (r - best);
                b = w[j] * (r - worst) * (r - worst);
            }
            dplus[i] = (double)(dplus[i] + a);
            dminus[i] = (double)(dminus[i] + b);
        }
    }
    for (size_t i = 0; i < n; i++) {
        dplus[i] = sqrt(dplus[i]);
        dminus[i] = sqrt(dminus[i]);
        /* C_i = D-_i / (D+_i + D-_i) */
        closeness[i] = dminus[i] / (dplus[i] + dminus[i]);
    }
    return JH_OK;
}

int jh_obstacle_degree(const double *z, size_t n, size_t m, const double *w,
                       double *o)
{
    int rc = check_matrix(z, n, m);
    if (rc)
        return rc;
    if (!o)
        return JH_EINVAL;
    if ((rc = check_weights(w, m)))
        return rc;
    for (size_t k = 0; k < n * m; k++)
        if (z[k] < 0 || z[k] > 1)
            return JH_EINVAL;
    for (size_t i = 0; i < n; i++) {
        /* O_ij = w_j (1 - z_ij) / sum_k w_k (1 - z_ik) */
        long double den = 0;
        for (size_t j = 0; j < m; j++)
            den += (long double)w[j] * (1 - (long double)z[i * m + j]);
        for (size_t j = 0; j < m; j++)
            o[i * m + j] = den > 0
                ? (double)((long double)w[j] * (1 - (long double)z[i * m + j]) / den)
                : 0.0;
    }
    return JH_OK;
}

int jh_coupling(const double *u, size_t k, const double *a,
                jh_coupling_form form, double *c, double *t, double *d)
{
    long double sum = 0, prod = 1, mx = 0, tt = 0, cc, asum = 0;
    if (!u || k < 2 || (form != JH_COUPLING_STANDARD && form != JH_COUPLING_CORRECTED))
        return JH_EINVAL;
    for (size_t i = 0; i < k; i++) {
        if (!isfinite(u[i]))
            return JH_ENONFINITE;
        if (u[i] < 0 || u[i] > 1)
            return JH_EINVAL;
        sum += u[i];
        if (u[i] > mx)
            mx = u[i];
    }
    if (a) {
        for (size_t i = 0; i < k; i++) {
            if (!isfinite(a[i]) || a[i] < 0)
                return JH_EWEIGHT;
            asum += a[i];
        }
        if (fabsl(asum - 1) > 1e-9L)
            return JH_EWEIGHT;
    }
    if (!(sum > 0))
        return JH_EZERO;
    if (form == JH_COUPLING_STANDARD) {
        /* C = k [prod u_i / (sum u_i)^k]^(1/k) = k (prod (u_i / sum))^(1/k):
         * dividing inside the product keeps it away from underflow. */
        for (size_t i = 0; i < k; i++)
            prod *= u[i] / sum;
        cc = (long double)k * powl(prod, 1.0L / (long double)k);
    } else {
        /* C = sqrt{[1 - sum_{i<j} |u_i - u_j| / sum_{s=1}^{k-1} s]
         *          * [prod_i (u_i / max u)]^(1/(k-1))}.
         * The pair sum is computed directly: k is a handful of domains. */
        long double pairs = 0, norm = (long double)k * (long double)(k - 1) / 2;
        for (size_t i = 0; i < k; i++)
            for (size_t j = i + 1; j < k; j++)
                pairs += fabsl((long double)u[i] - u[j]);
        for (size_t i = 0; i < k; i++)
            prod *= u[i] / mx;
        long double f = 1 - pairs / norm;
        if (f < 0) /* only by rounding: |u_i - u_j| <= 1 */
            f = 0;
        cc = sqrtl(f * powl(prod, 1.0L / (long double)(k - 1)));
    }
    /* T = sum a_i u_i (a_i = 1/k by default), D = sqrt(C T) */
    for (size_t i = 0; i < k; i++)
        tt += (a ? a[i] : 1.0L / (long double)k) * u[i];
    if (c)
        *c = (double)cc;
    if (t)
        *t = (double)tt;
    if (d)
        *d = (double)sqrtl(cc * tt);
    return JH_OK;
}

int jh_coupling_class(double d)
{
    if (!(d >= 0 && d <= 1))
        return -1;
    int k = (int)floor(d * 10 + 1e-12); /* 0.3 is class 3, not 2, despite 0.3*10 < 3 */
    return k > 9 ? 9 : k;
}

const char *jh_coupling_class_name(int k, const char *lang)
{
    static const char *const en[10] = {
        "extreme_disorder", "serious_disorder", "moderate_disorder",
        "mild_disorder", "near_disorder", "barely_coordinated",
        "primary_coordination", "intermediate_coordination",
        "good_coordination", "quality_coordination"};
    static const char *const zh[10] = {
        "极度失调", "严重失调", "中度失调", "轻度失调", "濒临失调",
        "勉强协调", "初级协调", "中级协调", "良好协调", "优质协调"};
    if (k < 0 || k > 9)
        return "";
    return lang && lang[0] == 'z' && lang[1] == 'h' ? zh[k] : en[k];
}
