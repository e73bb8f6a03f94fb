/* Least squares around GSL: a straight line (gsl_fit_linear /
 * gsl_fit_wlinear) and a multiple regression (gsl_multifit_linear_tsvd /
 * gsl_multifit_wlinear_tsvd), with classical standard errors, two-sided t
 * tests (gsl_cdf_tdist_Q) and R^2; and absolute beta-convergence with its
 * speed and half-life. */
#include <math.h>
#include <stdlib.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_multifit.h>
#include "junheng/dynamics.h"

struct jh_mreg_workspace {
    size_t nmax, p;                    /* capacity: observations, coefficients */
    gsl_multifit_linear_workspace *mw; /* GSL's SVD workspace */
    gsl_matrix *cov;                   /* p x p covariance of the coefficients */
    gsl_vector *c;                     /* p coefficients */
};

double jh_t_pvalue(double t, double df)
{
    if (isnan(t) || !(df > 0))
        return NAN;
    if (isinf(t))
        return 0.0;
    return 2.0 * gsl_cdf_tdist_Q(fabs(t), df);
}

/* t = b / se(b); an exact fit (se == 0) gives +-inf and p = 0 for b != 0,
 * and t = 0, p = 1 for b == 0 (a constant series has no trend). */
static void t_test(double b, double se, double df, double *t, double *p)
{
    if (se > 0) {
        *t = b / se;
        *p = jh_t_pvalue(*t, df);
    } else if (b != 0) {
        *t = b > 0 ? INFINITY : -INFINITY;
        *p = 0.0;
    } else {
        *t = 0.0;
        *p = 1.0;
    }
}

static int check_xyw(const double *x, const double *y, const double *w, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(x[i]) || !isfinite(y[i]))
            return JH_ENONFINITE;
        if (w && (!(w[i] > 0) || !isfinite(w[i])))
            return JH_EWEIGHT;
    }
    return JH_OK;
}

/* Centred R^2 = 1 - SSR/SST with SSR = sum w_i e_i^2 and
 * SST = sum w_i (y_i - ybar_w)^2 (w_i = 1 unweighted).  A constant y with
 * an exact fit has SST = 0: R^2 is 1 then. */
static double r_squared(const double *y, const double *w, size_t n, long double ssr)
{
    long double sw = 0, swy = 0, sst = 0;
    for (size_t i = 0; i < n; i++) {
        long double wi = w ? w[i] : 1.0L;
        sw += wi;
        swy += wi * y[i];
    }
    long double ybar = swy / sw;
    for (size_t i = 0; i < n; i++) {
        long double d = y[i] - ybar;
        sst += (w ? w[i] : 1.0L) * d * d;
    }
    if (sst == 0)
        return 1.0;
    return (double)(1.0L - ssr / sst);
}

int jh_ols_fit(const double *x, const double *y, const double *w, size_t n,
               jh_ols *out)
{
    double a, b, c00, c01, c11, ss;
    int rc;
    if (!x || !y || !out)
        return JH_EINVAL;
    if (n < 3)
        return JH_EEMPTY;
    if ((rc = check_xyw(x, y, w, n)))
        return rc;
    size_t k = 1;
    while (k < n && x[k] == x[0])
        k++;
    if (k == n)
        return JH_EINVAL; /* no variation in x: the slope is not identified */
    /* b = sum w (x - xbar)(y - ybar) / sum w (x - xbar)^2, a = ybar - b xbar.
     * gsl_fit_linear scales the covariance by s^2 = SSR/(n-2);
     * gsl_fit_wlinear treats w as 1/variance and does not, so its
     * covariance is scaled here: analytic (population) weights. */
    if (w) {
        if (gsl_fit_wlinear(x, 1, w, 1, y, 1, n, &a, &b, &c00, &c01, &c11, &ss))
            return JH_EINVAL;
        double s2 = ss / (double)(n - 2);
        c00 *= s2;
        c11 *= s2;
    } else if (gsl_fit_linear(x, 1, y, 1, n, &a, &b, &c00, &c01, &c11, &ss)) {
        return JH_EINVAL;
    }
    out->intercept = a;
    out->slope = b;
    out->se_intercept = sqrt(c00 > 0 ? c00 : 0);
    out->se_slope = sqrt(c11 > 0 ? c11 : 0);
    t_test(b, out->se_slope, (double)(n - 2), &out->t, &out->p);
    out->r2 = r_squared(y, w, n, ss);
    out->n = n;
    return JH_OK;
}

jh_mreg_workspace *jh_mreg_alloc(size_t n, size_t p)
{
    jh_mreg_workspace *ws;
    if (n == 0 || p == 0 || n < p)
        return NULL;
    ws = calloc(1, sizeof *ws);
    if (!ws)
        return NULL;
    ws->nmax = n;
    ws->p = p;
    ws->mw = gsl_multifit_linear_alloc(n, p);
    ws->cov = gsl_matrix_alloc(p, p);
    ws->c = gsl_vector_alloc(p);
    if (!ws->mw || !ws->cov || !ws->c) {
        jh_mreg_free(ws);
        return NULL;
    }
    return ws;
}

void jh_mreg_free(jh_mreg_workspace *ws)
{
    if (!ws)
        return;
    if (ws->mw)
        gsl_multifit_linear_free(ws->mw);
    if (ws->cov)
        gsl_matrix_free(ws->cov);
    if (ws->c)
        gsl_vector_free(ws->c);
    free(ws);
}

int jh_mreg_fit(jh_mreg_workspace *ws, const double *X, const double *y,
                const double *w, size_t n, size_t p, double *c, double *se,
                double *r2)
{
    double chisq;
    size_t rank;
    if (!ws || !X || !y || p != ws->p || n > ws->nmax)
        return JH_EINVAL;
    if (n <= p)
        return JH_EEMPTY;
    for (size_t i = 0; i < n * p; i++)
        if (!isfinite(X[i]))
            return JH_ENONFINITE;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(y[i]))
            return JH_ENONFINITE;
        if (w && (!(w[i] > 0) || !isfinite(w[i])))
            return JH_EWEIGHT;
    }
    gsl_matrix_const_view Xv = gsl_matrix_const_view_array(X, n, p);
    gsl_vector_const_view yv = gsl_vector_const_view_array(y, n);
    /* Truncated SVD reports the rank: a dummy that duplicates another
     * column must be an error, not a silently dropped direction. */
    int g;
    if (w) {
        gsl_vector_const_view wv = gsl_vector_const_view_array(w, n);
        g = gsl_multifit_wlinear_tsvd(&Xv.matrix, &wv.vector, &yv.vector, 1e-12,
                                      ws->c, ws->cov, &chisq, &rank, ws->mw);
    } else {
        g = gsl_multifit_linear_tsvd(&Xv.matrix, &yv.vector, 1e-12, ws->c,
                                     ws->cov, &chisq, &rank, ws->mw);
    }
    if (g || rank < p)
        return JH_EINVAL;
    /* Residual variance s^2 = SSR/(n-p).  The unweighted covariance from
     * GSL already carries it; the weighted one is (X'WX)^-1 and gets it
     * here (analytic weights, as in jh_ols_fit). */
    double scale = w ? chisq / (double)(n - p) : 1.0;
    long double ssr = 0;
    for (size_t i = 0; i < n; i++) {
        long double fit = 0;
        for (size_t j = 0; j < p; j++)
            fit += (long double)X[i * p + j] * gsl_vector_get(ws->c, j);
        long double e = y[i] - fit;
        ssr += (w ? w[i] : 1.0L) * e * e;
    }
    for (size_t j = 0; j < p; j++) {
        double v = gsl_matrix_get(ws->cov, j, j) * scale;
        if (c)
            c[j] = gsl_vector_get(ws->c, j);
        if (se)
            se[j] = sqrt(v > 0 ? v : 0);
    }
    if (r2)
        *r2 = r_squared(y, w, n, ssr);
    return JH_OK;
}

/* Annualised growth g = ln(x_T/x_0)/T = alpha + beta ln x_0 implies
 * ln x_T - ln x_0 = -(1 - e^{-lambda T})(ln x_0 - ln x*), so
 * beta T = -(1 - e^{-lambda T}) and lambda = -ln(1 + beta T)/T
 * (Barro & Sala-i-Martin 1992); half-life ln 2 / lambda. */
int jh_beta_speed(double beta, double years, double *speed, double *half_life)
{
    if (!(years > 0) || !(beta < 0) || !(1.0 + beta * years > 0))
        return JH_EINVAL;
    double lambda = -log1p(beta * years) / years;
    if (speed)
        *speed = lambda;
    if (half_life)
        *half_life = log(2.0) / lambda;
    return JH_OK;
}

int jh_beta_fit(const double *x0, const double *xT, const double *w, size_t n,
                double years, double *scratch, jh_beta *out)
{
    int rc;
    if (!x0 || !xT || !scratch || !out || !(years > 0))
        return JH_EINVAL;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(x0[i]) || !isfinite(xT[i]))
            return JH_ENONFINITE;
        if (x0[i] < 0 || xT[i] < 0)
            return JH_ENEGATIVE;
        if (x0[i] == 0 || xT[i] == 0)
            return JH_EZERO;
    }
    double *lx = scratch, *g = scratch + n;
    for (size_t i = 0; i < n; i++) {
        lx[i] = log(x0[i]);
        g[i] = (log(xT[i]) - lx[i]) / years;
    }
    if ((rc = jh_ols_fit(lx, g, w, n, &out->fit)))
        return rc;
    out->years = years;
    out->speed = NAN;
    out->half_life = NAN;
    out->speed_status = jh_beta_speed(out->fit.slope, years, &out->speed,
                                      &out->half_life);
    return JH_OK;
}
