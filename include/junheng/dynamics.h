/* junheng — the numerics of dynamics (src/core/regress.c, kde.c,
 * markov.c): least squares with standard errors and p-values, absolute
 * beta-convergence and its speed, Gaussian kernel densities, Markov
 * transition matrices of classes and their ergodic distribution.  Arrays
 * in, numbers out, status codes from status.h; no I/O, no globals, and
 * allocation only in the _alloc functions.  A core header: it includes
 * no header of the data or analysis layers.
 *
 * Formulas and references: docs/indices.md, "Convergence". */
#ifndef JUNHENG_DYNAMICS_H
#define JUNHENG_DYNAMICS_H

#include <stddef.h>
#include "junheng/indices.h"
#include "junheng/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- least squares ---------------------------------------------------- */

/* A straight-line fit y = a + b x with classical (homoskedastic) standard
 * errors and the two-sided t test of b = 0 on n - 2 degrees of freedom. */
typedef struct jh_ols {
    double intercept;     /* a */
    double slope;         /* b */
    double se_intercept;  /* standard error of a */
    double se_slope;      /* standard error of b */
    double t;             /* b / se(b); infinite for an exact fit */
    double p;             /* two-sided p-value of t: 2 Q_t(|t|; n-2) */
    double r2;            /* coefficient of determination 1 - SSR/SST */
    size_t n;             /* observations used */
} jh_ols;

/* Fits y = a + b x by ordinary least squares (gsl_fit_linear), or by
 * weighted least squares with analytic weights w (gsl_fit_wlinear, its
 * covariance rescaled by the residual variance SSR_w/(n-2), so that
 * weights are relative importance, e.g. population, not 1/variance).
 * w == NULL: unweighted.  Needs n >= 3 (JH_EEMPTY below), finite x, y
 * (JH_ENONFINITE), positive finite weights (JH_EWEIGHT), and x not all
 * equal (JH_EINVAL).  An exact fit has se 0, t = +-inf and p = 0. */
int jh_ols_fit(const double *x, const double *y, const double *w, size_t n,
               jh_ols *out);

/* Workspace of a multiple regression with up to n observations and p
 * coefficients.  Opaque; caller owns it, free with jh_mreg_free(). */
typedef struct jh_mreg_workspace jh_mreg_workspace;
jh_mreg_workspace *jh_mreg_alloc(size_t n, size_t p);
void jh_mreg_free(jh_mreg_workspace *ws);

/* Multiple regression y = X c (X row-major n x p, the caller includes the
 * constant column) by gsl_multifit_linear, or gsl_multifit_wlinear with
 * analytic weights w (covariance rescaled by SSR_w/(n-p) as above).
 * Writes c[0..p-1], se[0..p-1] (either may be NULL) and *r2 (centred:
 * 1 - SSR/SST, may be NULL).  A column that is a linear combination of
 * the others (rank-deficient X) returns JH_EINVAL.  Needs n > p
 * (JH_EEMPTY), finite data (JH_ENONFINITE), positive weights (JH_EWEIGHT);
 * ws must have been allocated for at least n and exactly p. */
int jh_mreg_fit(jh_mreg_workspace *ws, const double *X, const double *y,
                const double *w, size_t n, size_t p, double *c, double *se,
                double *r2);

/* Two-sided p-value of a t statistic on df degrees of freedom. */
double jh_t_pvalue(double t, double df);

/* ---- beta-convergence ------------------------------------------------- */

/* Absolute beta-convergence (Barro & Sala-i-Martin 1992): the regression
 * of annualised log growth g_i = ln(x_iT / x_i0) / T on ln x_i0. */
typedef struct jh_beta {
    jh_ols fit;           /* slope = beta, intercept = alpha */
    double years;         /* T, the length of the period */
    double speed;         /* lambda = -ln(1 + beta T) / T; NaN when undefined */
    double half_life;     /* ln 2 / lambda; NaN when undefined */
    int speed_status;     /* JH_OK, or JH_EINVAL when beta >= 0 (no
                             convergence) or 1 + beta T <= 0 */
} jh_beta;

/* The speed lambda = -ln(1 + beta T)/T and half-life ln 2 / lambda of
 * annualised growth over T years.  Returns JH_OK, or JH_EINVAL (outputs
 * untouched) when beta >= 0, 1 + beta T <= 0 or T <= 0. */
int jh_beta_speed(double beta, double years, double *speed, double *half_life);

/* Fits absolute beta-convergence of x0 (first year) to xT (last year),
 * T = years apart, optionally weighted by w.  scratch must hold 2n
 * doubles (caller-owned).  Values must be > 0 (JH_EZERO for a zero,
 * JH_ENEGATIVE for a negative); other errors as jh_ols_fit.  speed_status
 * says whether speed and half-life are defined; the return value does
 * not depend on it. */
int jh_beta_fit(const double *x0, const double *xT, const double *w, size_t n,
                double years, double *scratch, jh_beta *out);

/* ---- kernel density --------------------------------------------------- */

/* Silverman's (1986, eq. 3.31) rule of thumb h = 0.9 min(s, IQR/1.34)
 * n^(-1/5), s the sample standard deviation (n - 1) and IQR from the
 * quartiles of R's default quantile (type 7), as R's bw.nrd0.  When IQR
 * is 0 s is used, and the other way round.  Needs n >= 2 and values not
 * all equal (JH_EINVAL); ws sized for n. */
int jh_kde_bandwidth(const double *x, size_t n, jh_workspace *ws, double *h);

/* Gaussian kernel density f(g) = sum_i p_i phi((g - x_i)/h) / h at the m
 * points grid[], p_i = w_i / W (1/n when w == NULL), into density[].
 * h > 0 (JH_EINVAL otherwise).  Terms with |g - x_i| > 9h (each below
 * e^-40.5 = 2.6e-18 of a kernel's peak) are left out: the result is within
 * 2.6e-18 phi(0)/h + 1e-14 f(g) of the full sum.  Give x and grid in
 * ascending order to evaluate only the values within 9h of each point
 * (otherwise every value is tested at every point). */
int jh_kde_eval(const double *x, const double *w, size_t n, double h,
                const double *grid, size_t m, double *density);

/* ---- Markov chains of classes ----------------------------------------- */

/* Class of each x[i] among k = n_breaks + 1 classes bounded above by
 * ascending breaks: class c holds breaks[c-1] < x <= breaks[c] (PySAL's
 * mapclassify convention), the last class everything above the last
 * break.  NaN gets class (size_t)-1.  JH_EINVAL when breaks are not
 * strictly ascending. */
int jh_markov_classify(const double *x, size_t n, const double *breaks,
                       size_t n_breaks, size_t *cls);

/* Adds the transitions from[i] -> to[i] (i < n) to the k x k row-major
 * counts; pairs where either class is (size_t)-1 are skipped. */
int jh_markov_count(const size_t *from, const size_t *to, size_t n, size_t k,
                    double *counts);

/* Transition probabilities P[i][j] = counts[i][j] / sum_j counts[i][j];
 * a row without observations is left all zero and counted in *empty_rows
 * (may be NULL). */
int jh_markov_probs(const double *counts, size_t k, double *P,
                    size_t *empty_rows);

/* Ergodic (steady-state) distribution pi = pi P, sum pi = 1, by power
 * iteration on the lazy chain (I + P)/2 (same fixed points, never
 * periodic) from the uniform distribution, until a step changes nothing
 * (at most 200,000 steps; then the last change must be below 1e-15), so
 * that transient classes decay to 0 (exactly 0 unless the chain mixes so
 * slowly that the cap is reached first).  scratch holds k doubles.
 * JH_EINVAL when a row of P does not sum to 1 (an empty row) or the
 * iteration does not settle.  A
 * reducible chain has several fixed points: the one reached from the
 * uniform start is returned. */
int jh_markov_ergodic(const double *P, size_t k, double *scratch, double *pi);

#ifdef __cplusplus
}
#endif
#endif
