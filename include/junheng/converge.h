/* junheng — dynamics: are the gaps between counties closing?
 *
 * The numeric core (src/core/regress.c, kde.c, markov.c): least squares
 * with standard errors and p-values, absolute beta-convergence and its
 * speed, Gaussian kernel densities, Markov transition matrices of classes
 * and their ergodic distribution.  Arrays in, numbers out, status codes
 * from status.h; no I/O, no globals, and allocation only in the _alloc
 * functions.
 *
 * The analysis (src/analysis/converge.c) turns a study into the tables of
 * `junheng converge`: sigma-convergence, beta-convergence (absolute and
 * conditional on prefecture fixed effects), densities per year and
 * (spatial) Markov transitions.
 *
 * Formulas and references: docs/indices.md, "Convergence". */
#ifndef JUNHENG_CONVERGE_H
#define JUNHENG_CONVERGE_H

#include <stddef.h>
#include "junheng/diag.h"
#include "junheng/indices.h"
#include "junheng/status.h"
#include "junheng/study.h"

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
 * h > 0 (JH_EINVAL otherwise). */
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

/* ---- the analysis ----------------------------------------------------- */

/* The tables of jh_converge_run, as bits of jh_converge_opts.tables. */
enum {
    JH_CONVERGE_SIGMA = 1,   /* index by year */
    JH_CONVERGE_TREND = 2,   /* OLS trend of each index on year */
    JH_CONVERGE_BETA = 4,    /* absolute and conditional beta */
    JH_CONVERGE_DENSITY = 8, /* kernel densities per year */
    JH_CONVERGE_MARKOV = 16  /* (spatial) Markov transitions */
};

/* What `junheng converge` computes.  Zero-initialised means: every year,
 * indices cv, cv_w, gini, theil_t, sd_log, absolute beta unweighted, five
 * quantile classes of relative values, 512 density points. */
typedef struct jh_converge_opts {
    unsigned tables;           /* JH_CONVERGE_* bits; 0 = all */
    int from, to;              /* first and last year; 0 = first / last present */
    const char *const *index;  /* sigma indices by output name (cv, cv_w, gini,
                                  theil_t, theil_l, sd_log, ...); NULL = default */
    size_t n_index;
    int weighted_beta;         /* weight beta by population in the first year */
    const char *conditional;   /* region catalog column for fixed effects, or NULL */
    int relative;              /* densities of x / provincial mean */
    double bandwidth;          /* > 0: fixed bandwidth; 0: Silverman */
    size_t grid_points;        /* density points per year; 0 = 512 */
    size_t classes;            /* Markov classes k; 0 = 5 */
    const double *breaks;      /* fixed upper bounds of relative classes (k-1), or NULL */
    size_t n_breaks;
    const size_t *neighbor_a;  /* neighbour pairs as data region positions, or NULL */
    const size_t *neighbor_b;
    size_t n_neighbors;
    double level;              /* significance level of the sigma verdict; 0 = 0.05 */
} jh_converge_opts;

/* One sigma index of one indicator and year. */
typedef struct jh_sigma_row {
    size_t indicator, stratum, year; /* dataset positions */
    size_t index;                    /* position in opts.index (or defaults) */
    double value;                    /* NaN when undefined */
    int status;                      /* JH_OK or why value is NaN */
    size_t n;                        /* counties with a value */
} jh_sigma_row;

/* The trend of one sigma index of one indicator over the years. */
typedef struct jh_trend_row {
    size_t indicator, stratum, index;
    jh_ols fit;                      /* index on year */
    double pct_change;               /* 100 (I_last - I_first) / I_first */
    int status;                      /* JH_OK, or why there is no fit */
    const char *verdict;             /* converging / diverging / no significant
                                        trend / undefined; static */
} jh_trend_row;

/* Beta-convergence of one indicator. */
typedef struct jh_beta_row {
    size_t indicator, stratum;
    int conditional;                 /* 0 absolute, 1 with fixed effects */
    int weighted;                    /* 1 when weighted by the first year's weights */
    jh_beta beta;                    /* conditional: fit.slope/se/t/p/r2 from the
                                        multiple regression, intercept NaN */
    size_t n_groups;                 /* fixed-effect groups used (conditional) */
    int status;                      /* JH_OK or why there is no fit */
} jh_beta_row;

/* One point of a density. */
typedef struct jh_density_row {
    size_t indicator, stratum, year;
    double bandwidth;                /* h used for this year */
    double x, density;
} jh_density_row;

/* One cell of a transition matrix: from class i to class j between
 * consecutive years, pooled over all pairs of years in the period. */
typedef struct jh_markov_row {
    size_t indicator, stratum;
    size_t lag_class;                /* spatial Markov: class of the neighbours'
                                        mean; (size_t)-1 for the plain chain */
    size_t from, to;                 /* classes, 0-based */
    double count;                    /* transitions observed */
    double probability;              /* count / row total; NaN for an empty row */
    double ergodic;                  /* ergodic share of class `to` (same in every
                                        row); NaN when undefined */
    double upper;                    /* upper bound of class `to`; +inf for the last */
} jh_markov_row;

/* Every table.  Caller owns it; free with jh_converge_free(). */
typedef struct jh_converge {
    const char **index_names;        /* sigma index names; strings static */
    size_t n_index;
    int first_year, last_year;       /* the period */
    jh_sigma_row *sigma;   size_t n_sigma;
    jh_trend_row *trend;   size_t n_trend;
    jh_beta_row *beta;     size_t n_beta;
    jh_density_row *density; size_t n_density;
    jh_markov_row *markov; size_t n_markov;
} jh_converge;

/* The sigma index names accepted in opts.index: the names of indices.h
 * (unweighted and _w) and sd_log / sd_log_w (standard deviation of ln x).
 * Returns 1 when name is known. */
int jh_converge_index_known(const char *name);

/* Runs every analysis over the total stratum (or the first stratum
 * present) of every indicator.  Problems with the options (unknown index,
 * year out of range, no such catalog column) are errors in diag and
 * return JH_EINVAL / JH_ENOTFOUND; an indicator where a part is undefined
 * gets a status in its rows and a warning.  Returns JH_OK and sets *out,
 * or an error status (then *out is NULL). */
int jh_converge_run(const jh_study *s, const jh_converge_opts *opts,
                    jh_diag *diag, jh_converge **out);
void jh_converge_free(jh_converge *c);

#ifdef __cplusplus
}
#endif
#endif
