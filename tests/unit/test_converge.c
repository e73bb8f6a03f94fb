/* Unit tests for the dynamics core (include/junheng/converge.h): least
 * squares, beta-convergence and its speed, kernel densities, Markov
 * transition matrices.
 *
 * Expected values are worked by hand in the comments (bc -l where a
 * transcendental function is involved), or hold by construction (a series
 * built exactly on a line, growth built from a known beta with no noise),
 * or are properties that must hold (a density integrates to 1, Markov rows
 * sum to 1, the ergodic distribution is a fixed point).  The Mexico test
 * reproduces a published number from data in /work/shared/data when that
 * directory exists and is skipped otherwise. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_errno.h>

#include "junheng/converge.h"
#include "junheng/dataset.h"
#include "junheng/study.h"
#include "test_study.h"
#include "junheng/indices.h"
#include "junheng/status.h"

static void check_close(double got, double expected, double tol,
                        const char *what, const char *file, int line)
{
    int ok = isnan(expected) ? isnan(got)
             : expected == 0 ? fabs(got) <= tol
                             : fabs(got - expected) <= tol * fabs(expected);
    if (!ok) {
        print_error("%s = %.17g, expected %.17g (tol %g)\n", what, got, expected, tol);
        _fail(file, line);
    }
}
#define assert_rel(got, expected, tol) \
    check_close((got), (expected), (tol), #got, __FILE__, __LINE__)

/* ---- least squares ---------------------------------------------------- */

/* An index falling exactly by 0.01 a year from 0.5 in 2015:
 * I = 0.5 - 0.01 (year - 2015) = 20.65 - 0.01 year. */
static void ols_exact_line(void **state)
{
    (void)state;
    double year[6], cv[6];
    jh_ols f;
    for (int i = 0; i < 6; i++) {
        year[i] = 2015 + i;
        cv[i] = 0.5 - 0.01 * i;
    }
    assert_int_equal(jh_ols_fit(year, cv, NULL, 6, &f), JH_OK);
    assert_rel(f.slope, -0.01, 1e-9);
    assert_rel(f.intercept, 20.65, 1e-9);
    assert_rel(f.r2, 1.0, 1e-12);
    assert_true(f.se_slope < 1e-12);
    assert_true(f.p < 1e-6);
    assert_int_equal(f.n, 6);
}

/* x = 1..5, y = 2,4,5,4,5: xbar 3, ybar 4, Sxx = 10,
 * Sxy = (-2)(-2) + (-1)(0) + 0 + (1)(0) + (2)(1) = 6, b = 0.6,
 * a = 4 - 0.6*3 = 2.2; fitted 2.8,3.4,4.0,4.6,5.2, residuals
 * -0.8,0.6,1.0,-0.6,-0.2, SSR = 2.4, s^2 = 2.4/3 = 0.8,
 * se(b) = sqrt(0.8/10) = 0.28284271247461901, t = 3/sqrt(2),
 * se(a) = sqrt(s^2 (1/n + xbar^2/Sxx)) = sqrt(0.8*(0.2+0.9)) = sqrt(0.88),
 * SST = 6, R^2 = 1 - 2.4/6 = 0.6.  For 3 degrees of freedom the t
 * distribution has a closed form, F(t) = 1/2 + (atan u + u/(1+u^2))/pi with
 * u = t/sqrt 3, so p = 1 - 2(atan u + u/(1+u^2))/pi with u = sqrt(1.5):
 * bc -l gives 0.12402706265755462524. */
static void ols_hand_example(void **state)
{
    (void)state;
    const double x[] = {1, 2, 3, 4, 5}, y[] = {2, 4, 5, 4, 5};
    jh_ols f;
    assert_int_equal(jh_ols_fit(x, y, NULL, 5, &f), JH_OK);
    assert_rel(f.slope, 0.6, 1e-13);
    assert_rel(f.intercept, 2.2, 1e-13);
    assert_rel(f.se_slope, 0.28284271247461901, 1e-13);
    assert_rel(f.se_intercept, sqrt(0.88), 1e-13);
    assert_rel(f.t, 3.0 / sqrt(2.0), 1e-13);
    assert_rel(f.p, 0.12402706265755462524, 1e-10);
    assert_rel(f.r2, 0.6, 1e-13);
}

/* Integer weights give the coefficients of replicated rows: weight 2 on
 * (1,2) is the unweighted fit of 1,1,2,3,4,5 / 2,2,4,5,4,5.  By hand:
 * xbar = 16/6 = 8/3, ybar = 22/6 = 11/3; Sxx = 2(25/9)+(4/9)+(1/9)+(16/9)
 * +(49/9) = 120/9, Sxy = 2(-5/3)(-5/3)+(-2/3)(1/3)+(1/3)(4/3)+(4/3)(1/3)
 * +(7/3)(4/3) = (50-2+4+4+28)/9 = 84/9, b = 84/120 = 0.7,
 * a = 11/3 - 0.7*8/3 = 5.4/3 = 1.8.  The weighted standard error is the
 * analytic-weight one: s^2 = SSR_w/(n-2) on the 5 distinct rows, and
 * se(b)^2 = s^2 / Sxx_w.  Fitted 2.5,3.2,3.9,4.6,5.3, residuals
 * -0.5,0.8,1.1,-0.6,-0.3, SSR_w = 2(0.25)+0.64+1.21+0.36+0.09 = 2.8,
 * s^2 = 2.8/3, se(b) = sqrt((2.8/3)/(120/9)) = sqrt(0.07). */
static void ols_weighted(void **state)
{
    (void)state;
    const double x[] = {1, 2, 3, 4, 5}, y[] = {2, 4, 5, 4, 5}, w[] = {2, 1, 1, 1, 1};
    jh_ols f;
    assert_int_equal(jh_ols_fit(x, y, w, 5, &f), JH_OK);
    assert_rel(f.slope, 0.7, 1e-13);
    assert_rel(f.intercept, 1.8, 1e-13);
    assert_rel(f.se_slope, sqrt(0.07), 1e-12);
    /* Scaling every weight by a constant changes nothing. */
    const double w10[] = {20, 10, 10, 10, 10};
    jh_ols g;
    assert_int_equal(jh_ols_fit(x, y, w10, 5, &g), JH_OK);
    assert_rel(g.slope, f.slope, 1e-13);
    assert_rel(g.se_slope, f.se_slope, 1e-12);
    assert_rel(g.r2, f.r2, 1e-13);
}

static void ols_errors(void **state)
{
    (void)state;
    const double x[] = {1, 2, 3}, same[] = {2, 2, 2}, y[] = {1, 2, 3};
    const double nan_y[] = {1, NAN, 3}, badw[] = {1, 0, 1};
    jh_ols f;
    assert_int_equal(jh_ols_fit(x, y, NULL, 2, &f), JH_EEMPTY);
    assert_int_equal(jh_ols_fit(same, y, NULL, 3, &f), JH_EINVAL);
    assert_int_equal(jh_ols_fit(x, nan_y, NULL, 3, &f), JH_ENONFINITE);
    assert_int_equal(jh_ols_fit(x, y, badw, 3, &f), JH_EWEIGHT);
    assert_int_equal(jh_ols_fit(NULL, y, NULL, 3, &f), JH_EINVAL);
}

/* The multiple regression with columns [1, x] is the straight line of
 * ols_hand_example, standard errors included, weighted or not. */
static void mreg_matches_line(void **state)
{
    (void)state;
    const double x[] = {1, 2, 3, 4, 5}, y[] = {2, 4, 5, 4, 5}, w[] = {2, 1, 1, 1, 1};
    double X[10], c[2], se[2], r2;
    for (int i = 0; i < 5; i++) {
        X[2 * i] = 1;
        X[2 * i + 1] = x[i];
    }
    jh_mreg_workspace *ws = jh_mreg_alloc(5, 2);
    assert_non_null(ws);
    assert_int_equal(jh_mreg_fit(ws, X, y, NULL, 5, 2, c, se, &r2), JH_OK);
    assert_rel(c[0], 2.2, 1e-12);
    assert_rel(c[1], 0.6, 1e-12);
    assert_rel(se[1], 0.28284271247461901, 1e-12);
    assert_rel(se[0], sqrt(0.88), 1e-12);
    assert_rel(r2, 0.6, 1e-12);
    assert_int_equal(jh_mreg_fit(ws, X, y, w, 5, 2, c, se, &r2), JH_OK);
    assert_rel(c[1], 0.7, 1e-12);
    assert_rel(se[1], sqrt(0.07), 1e-12);
    jh_mreg_free(ws);
}

/* y = 1 + 2 x1 - 3 x2 exactly is recovered; a duplicated column is
 * rank-deficient and refused. */
static void mreg_exact_and_collinear(void **state)
{
    (void)state;
    const double x1[] = {0, 1, 2, 3, 4, 5}, x2[] = {1, 0, 2, 1, 3, 1};
    double X[18], Xd[18], y[6], c[3], r2;
    for (int i = 0; i < 6; i++) {
        X[3 * i] = 1;
        X[3 * i + 1] = x1[i];
        X[3 * i + 2] = x2[i];
        Xd[3 * i] = 1;
        Xd[3 * i + 1] = x1[i];
        Xd[3 * i + 2] = 2 * x1[i];
        y[i] = 1 + 2 * x1[i] - 3 * x2[i];
    }
    jh_mreg_workspace *ws = jh_mreg_alloc(6, 3);
    assert_int_equal(jh_mreg_fit(ws, X, y, NULL, 6, 3, c, NULL, &r2), JH_OK);
    assert_rel(c[0], 1, 1e-12);
    assert_rel(c[1], 2, 1e-12);
    assert_rel(c[2], -3, 1e-12);
    assert_rel(r2, 1, 1e-12);
    assert_int_equal(jh_mreg_fit(ws, Xd, y, NULL, 6, 3, c, NULL, &r2), JH_EINVAL);
    assert_int_equal(jh_mreg_fit(ws, X, y, NULL, 3, 3, c, NULL, &r2), JH_EEMPTY);
    jh_mreg_free(ws);
}

/* ---- beta-convergence ------------------------------------------------- */

/* Growth built with beta = -0.02, alpha = 0.25 over T = 5 years and no
 * noise: x_T = x_0 exp(T (alpha + beta ln x_0)). */
static void beta_recovered(void **state)
{
    (void)state;
    const double x0[] = {3.0, 7.5, 12.0, 20.0, 33.0, 48.0, 75.0, 110.0};
    double xT[8], scratch[16];
    const double beta = -0.02, alpha = 0.25, T = 5;
    jh_beta b;
    for (int i = 0; i < 8; i++)
        xT[i] = x0[i] * exp(T * (alpha + beta * log(x0[i])));
    assert_int_equal(jh_beta_fit(x0, xT, NULL, 8, T, scratch, &b), JH_OK);
    assert_rel(b.fit.slope, beta, 1e-10);
    assert_rel(b.fit.intercept, alpha, 1e-10);
    assert_rel(b.fit.r2, 1.0, 1e-10);
    assert_int_equal(b.speed_status, JH_OK);
    /* Weighted by anything, an exact relation is still exact. */
    const double w[] = {5, 1, 2, 8, 3, 3, 1, 9};
    assert_int_equal(jh_beta_fit(x0, xT, w, 8, T, scratch, &b), JH_OK);
    assert_rel(b.fit.slope, beta, 1e-10);
}

/* beta = -0.02, T = 5: 1 + beta T = 0.9, lambda = -ln(0.9)/5 =
 * 0.02107210313156526024, half-life ln 2/lambda = 32.89406739480291892369
 * (bc -l).  REAT's betaconv.speed would give -ln(0.98)/5 = 0.00404...,
 * a half-life five times longer. */
static void beta_speed_by_hand(void **state)
{
    (void)state;
    double lambda = 0, hl = 0;
    assert_int_equal(jh_beta_speed(-0.02, 5, &lambda, &hl), JH_OK);
    assert_rel(lambda, 0.02107210313156526024, 1e-14);
    assert_rel(hl, 32.89406739480291892369, 1e-14);
    lambda = 7;
    assert_int_equal(jh_beta_speed(0.0, 5, &lambda, &hl), JH_EINVAL);
    assert_int_equal(jh_beta_speed(0.01, 5, &lambda, &hl), JH_EINVAL);
    assert_int_equal(jh_beta_speed(-0.2, 5, &lambda, &hl), JH_EINVAL); /* 1 + beta T = 0 */
    assert_rel(lambda, 7, 0); /* untouched */
}

static void beta_errors(void **state)
{
    (void)state;
    const double x0[] = {1, 2, 3}, zero[] = {1, 0, 3}, neg[] = {1, -2, 3};
    double scratch[6];
    jh_beta b;
    assert_int_equal(jh_beta_fit(x0, zero, NULL, 3, 5, scratch, &b), JH_EZERO);
    assert_int_equal(jh_beta_fit(neg, x0, NULL, 3, 5, scratch, &b), JH_ENEGATIVE);
    assert_int_equal(jh_beta_fit(x0, x0, NULL, 3, 0, scratch, &b), JH_EINVAL);
    /* No growth anywhere: beta = 0 exactly, speed undefined, said so. */
    assert_int_equal(jh_beta_fit(x0, x0, NULL, 3, 5, scratch, &b), JH_OK);
    assert_rel(b.fit.slope, 0, 1e-15);
    assert_int_equal(b.speed_status, JH_EINVAL);
    assert_true(isnan(b.speed) && isnan(b.half_life));
}

/* Rey & Sastre Gutierrez (2010) data as shipped by PySAL: the 32 Mexican
 * states, per-capita GDP 1940 and 2000.  REFERENCES.md quotes the
 * half-life of 72.8 years for annualised growth over T = 60 (against
 * 5,712 years with REAT's -ln(1+beta)/T). */
static void beta_mexico(void **state)
{
    (void)state;
    FILE *f = fopen("/work/shared/data/regional_panel_mexico_states_pysal/mexico.csv", "r");
    if (!f)
        skip();
    char line[1024];
    double x0[40], xT[40], scratch[80];
    size_t n = 0;
    assert_non_null(fgets(line, sizeof line, f)); /* header */
    while (n < 40 && fgets(line, sizeof line, f)) {
        /* State,pcgdp1940,pcgdp1950,...,pcgdp2000,...: fields 1 and 7. */
        char *p = strchr(line, ',');
        assert_non_null(p);
        double v[7];
        for (int k = 0; k < 7; k++) {
            char *end;
            v[k] = strtod(p + 1, &end);
            assert_true(end != p + 1);
            p = end;
        }
        x0[n] = v[0];
        xT[n] = v[6];
        n++;
    }
    fclose(f);
    assert_int_equal(n, 32);
    jh_beta b;
    assert_int_equal(jh_beta_fit(x0, xT, NULL, n, 60, scratch, &b), JH_OK);
    assert_int_equal(b.speed_status, JH_OK);
    assert_rel(b.half_life, 72.8, 0.05 / 72.8);
    /* The REAT formula on the same beta: about 5,712 years. */
    double reat = log(2.0) / (-log1p(b.fit.slope) / 60);
    assert_rel(reat, 5712, 1.0 / 5712);
}

/* ---- kernel density --------------------------------------------------- */

/* x = 1..5: s = sqrt(2.5) = 1.58, type-7 quartiles 2 and 4, IQR/1.34 =
 * 1.4925..., h = 0.9 (2/1.34) 5^(-1/5) = 0.97358462285063578853 (bc -l). */
static void kde_bandwidth_by_hand(void **state)
{
    (void)state;
    const double x[] = {3, 1, 5, 2, 4}, same[] = {2, 2, 2};
    jh_workspace *ws = jh_workspace_alloc(5);
    double h = 0;
    assert_int_equal(jh_kde_bandwidth(x, 5, ws, &h), JH_OK);
    assert_rel(h, 0.97358462285063578853, 1e-14);
    assert_int_equal(jh_kde_bandwidth(same, 3, ws, &h), JH_EINVAL);
    assert_int_equal(jh_kde_bandwidth(x, 1, ws, &h), JH_EINVAL);
    /* IQR 0 but s > 0 (x = 0,0,0,0,10): h = 0.9 s n^-1/5 with
     * s = sqrt((4*4 + 64)/4) = sqrt(20). */
    const double spike[] = {0, 0, 0, 0, 10};
    assert_int_equal(jh_kde_bandwidth(spike, 5, ws, &h), JH_OK);
    assert_rel(h, 0.9 * sqrt(20.0) * pow(5.0, -0.2), 1e-14);
    jh_workspace_free(ws);
}

/* One point at 0 with h = 1 is the standard normal density:
 * f(0) = 1/sqrt(2 pi) = 0.39894228040143267794, f(1) = f(0) e^(-1/2). */
static void kde_single_point(void **state)
{
    (void)state;
    const double x[] = {0}, grid[] = {0, 1, -1};
    double f[3];
    assert_int_equal(jh_kde_eval(x, NULL, 1, 1.0, grid, 3, f), JH_OK);
    assert_rel(f[0], 0.39894228040143267794, 1e-15);
    assert_rel(f[1], 0.39894228040143267794 * exp(-0.5), 1e-15);
    assert_rel(f[2], f[1], 1e-15);
    assert_int_equal(jh_kde_eval(x, NULL, 1, 0.0, grid, 3, f), JH_EINVAL);
}

/* The density integrates to 1 (trapezoid rule on a fine grid reaching
 * ten bandwidths beyond the data), weighted or not. */
static void kde_integrates_to_one(void **state)
{
    (void)state;
    const double x[] = {0.61, 0.72, 0.8, 0.95, 1.0, 1.02, 1.1, 1.3, 1.45, 2.2};
    const double w[] = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3};
    enum { M = 40001 };
    static double grid[M], f[M];
    jh_workspace *ws = jh_workspace_alloc(10);
    double h;
    assert_int_equal(jh_kde_bandwidth(x, 10, ws, &h), JH_OK);
    double lo = 0.61 - 10 * h, hi = 2.2 + 10 * h, step = (hi - lo) / (M - 1);
    for (int j = 0; j < M; j++)
        grid[j] = lo + step * j;
    for (int wt = 0; wt < 2; wt++) {
        assert_int_equal(jh_kde_eval(x, wt ? w : NULL, 10, h, grid, M, f), JH_OK);
        long double area = 0;
        for (int j = 1; j < M; j++)
            area += 0.5L * (f[j - 1] + f[j]) * step;
        assert_rel((double)area, 1.0, 1e-6);
    }
    jh_workspace_free(ws);
}

/* ---- Markov ----------------------------------------------------------- */

/* Hand-worked: 4 counties, 3 years, breaks 0.9 and 1.1 (upper bounds:
 * class 0 is x <= 0.9, class 1 is 0.9 < x <= 1.1, class 2 above).
 *   A 0.80 0.95 1.20 -> 0 1 2
 *   B 1.00 0.85 0.90 -> 1 0 0   (0.90 sits on a break: class 0)
 *   C 1.30 1.05 1.10 -> 2 1 1   (1.10 on a break: class 1)
 *   D 0.70 0.75 1.15 -> 0 0 2
 * Transitions 1->2: A 0->1, B 1->0, C 2->1, D 0->0; 2->3: A 1->2, B 0->0,
 * C 1->1, D 0->2.  Counts: from 0: to 0 twice (D, B), to 1 once (A), to 2
 * once (D) = [2 1 1]; from 1: [1 1 1] (B, C, A); from 2: [0 1 0] (C).
 * P = [.5 .25 .25; 1/3 1/3 1/3; 0 1 0].  Ergodic pi = pi P:
 * pi0 = pi0/2 + pi1/3 -> pi1 = 1.5 pi0; pi2 = pi0/4 + pi1/3 = 0.75 pi0;
 * sum 3.25 pi0 = 1 -> pi = (4/13, 6/13, 3/13). */
static void markov_hand_example(void **state)
{
    (void)state;
    const double year[3][4] = {{0.80, 1.00, 1.30, 0.70},
                               {0.95, 0.85, 1.05, 0.75},
                               {1.20, 0.90, 1.10, 1.15}};
    const double breaks[] = {0.9, 1.1};
    size_t cls[3][4];
    double counts[9] = {0}, P[9], pi[3], scratch[3];
    size_t empty = 99;
    for (int t = 0; t < 3; t++)
        assert_int_equal(jh_markov_classify(year[t], 4, breaks, 2, cls[t]), JH_OK);
    const size_t want[3][4] = {{0, 1, 2, 0}, {1, 0, 1, 0}, {2, 0, 1, 2}};
    for (int t = 0; t < 3; t++)
        for (int i = 0; i < 4; i++)
            assert_int_equal(cls[t][i], want[t][i]);
    for (int t = 0; t < 2; t++)
        assert_int_equal(jh_markov_count(cls[t], cls[t + 1], 4, 3, counts), JH_OK);
    const double want_counts[9] = {2, 1, 1, 1, 1, 1, 0, 1, 0};
    for (int k = 0; k < 9; k++)
        assert_rel(counts[k], want_counts[k], 0);
    assert_int_equal(jh_markov_probs(counts, 3, P, &empty), JH_OK);
    assert_int_equal(empty, 0);
    const double want_P[9] = {0.5, 0.25, 0.25, 1.0 / 3, 1.0 / 3, 1.0 / 3, 0, 1, 0};
    for (int k = 0; k < 9; k++)
        assert_rel(P[k], want_P[k], 1e-15);
    assert_int_equal(jh_markov_ergodic(P, 3, scratch, pi), JH_OK);
    assert_rel(pi[0], 4.0 / 13, 1e-12);
    assert_rel(pi[1], 6.0 / 13, 1e-12);
    assert_rel(pi[2], 3.0 / 13, 1e-12);
}

/* A 5-class chain from counts: every row sums to 1 and pi P = pi. */
static void markov_properties(void **state)
{
    (void)state;
    const double counts[25] = {40, 9, 1, 0, 0,   8, 30, 7, 2, 0,   1, 6, 28, 9, 1,
                               0, 2, 9, 33, 6,   0, 0, 1, 5, 44};
    double P[25], pi[5], scratch[5];
    assert_int_equal(jh_markov_probs(counts, 5, P, NULL), JH_OK);
    for (int i = 0; i < 5; i++) {
        long double row = 0;
        for (int j = 0; j < 5; j++)
            row += P[i * 5 + j];
        assert_rel((double)row, 1.0, 1e-15);
    }
    assert_int_equal(jh_markov_ergodic(P, 5, scratch, pi), JH_OK);
    long double total = 0;
    for (int j = 0; j < 5; j++) {
        long double v = 0;
        for (int i = 0; i < 5; i++)
            v += pi[i] * P[i * 5 + j];
        assert_rel((double)v, pi[j], 1e-12);
        total += pi[j];
    }
    assert_rel((double)total, 1.0, 1e-14);
    /* A periodic chain (0 -> 1 -> 0) still has its fixed point (1/2, 1/2),
     * and one started elsewhere: 0 -> 1 -> 2 -> 0 gives thirds. */
    const double cyc[9] = {0, 1, 0, 0, 0, 1, 1, 0, 0};
    assert_int_equal(jh_markov_ergodic(cyc, 3, scratch, pi), JH_OK);
    for (int j = 0; j < 3; j++)
        assert_rel(pi[j], 1.0 / 3, 1e-14);
    /* A transient class (nobody enters class 3) gets exactly 0; the
     * others 1/2 each: pi1 = (pi1 + pi2 + pi3)/2. */
    const double tr[9] = {0.5, 0.5, 0, 0.5, 0.5, 0, 0.5, 0.5, 0};
    assert_int_equal(jh_markov_ergodic(tr, 3, scratch, pi), JH_OK);
    assert_rel(pi[0], 0.5, 1e-15);
    assert_rel(pi[1], 0.5, 1e-15);
    assert_true(pi[2] == 0.0);
}

static void markov_errors(void **state)
{
    (void)state;
    const double x[] = {1, NAN}, bad_breaks[] = {2, 1};
    size_t cls[2];
    assert_int_equal(jh_markov_classify(x, 2, bad_breaks, 2, cls), JH_EINVAL);
    const double one_break[] = {1};
    assert_int_equal(jh_markov_classify(x, 2, one_break, 1, cls), JH_OK);
    assert_int_equal(cls[0], 0); /* 1 <= 1: the lower class */
    assert_int_equal(cls[1], (size_t)-1);
    /* A class nobody starts from: an empty row, and no ergodic distribution. */
    const double counts[4] = {3, 1, 0, 0};
    double P[4], pi[2], scratch[2];
    size_t empty;
    assert_int_equal(jh_markov_probs(counts, 2, P, &empty), JH_OK);
    assert_int_equal(empty, 1);
    assert_int_equal(jh_markov_ergodic(P, 2, scratch, pi), JH_EINVAL);
    const size_t from[] = {0, 5}, to[] = {1, 0};
    double c2[4] = {0};
    assert_int_equal(jh_markov_count(from, to, 2, 2, c2), JH_EINVAL);
}

/* ---- the analysis on the bundled Jilin panel ----------------------------- */

/* The analysis picks the right slices: its absolute beta equals
 * jh_beta_fit on the first and last year gathered here, and its cv trend
 * equals the OLS of jh_cv by year, for the first indicator. */
static void jilin_slices(void **state)
{
    (void)state;
    jh_study *s = test_study_jilin(0);
    assert_non_null(s);
    const jh_dataset *d = s->data;
    const char *ix[] = {"cv"};
    jh_converge_opts o = {.tables = JH_CONVERGE_BETA | JH_CONVERGE_TREND,
                          .index = ix, .n_index = 1};
    jh_diag diag;
    jh_converge_table *c = NULL;
    jh_diag_init(&diag, 20);
    assert_int_equal(jh_converge_run(s, &o, &diag, &c), JH_OK);
    size_t nr = d->regions.n, last = d->n_years - 1, st = 0;
    double *x0 = malloc(nr * sizeof *x0), *xT = malloc(nr * sizeof *xT);
    double *scr = malloc(2 * nr * sizeof *scr), yr[64], cv[64];
    assert_true(d->n_years < 64);
    for (size_t k = 0; k < d->n_strata; k++)
        if (d->strata[k] == JH_STRATUM_TOTAL)
            st = k;
    const double *a = jh_dataset_slice(d, 0, 0, st), *b = jh_dataset_slice(d, 0, last, st);
    size_t n = 0;
    for (size_t i = 0; i < nr; i++)
        if (!isnan(a[i]) && !isnan(b[i])) {
            x0[n] = a[i];
            xT[n++] = b[i];
        }
    jh_beta want;
    assert_int_equal(jh_beta_fit(x0, xT, NULL, n, d->years[last] - d->years[0], scr, &want), JH_OK);
    assert_true(c->n_beta >= 1 && c->beta[0].indicator == 0 && !c->beta[0].conditional);
    assert_rel(c->beta[0].beta.fit.slope, want.fit.slope, 1e-14);
    assert_rel(c->beta[0].beta.half_life, want.half_life, 1e-14);
    for (size_t y = 0; y <= last; y++) {
        const double *v = jh_dataset_slice(d, 0, y, st);
        size_t m = 0;
        for (size_t i = 0; i < nr; i++)
            if (!isnan(v[i]))
                x0[m++] = v[i];
        yr[y] = d->years[y];
        assert_int_equal(jh_cv(x0, NULL, m, &cv[y]), JH_OK);
    }
    jh_ols f;
    assert_int_equal(jh_ols_fit(yr, cv, NULL, last + 1, &f), JH_OK);
    assert_true(c->n_trend >= 1 && c->trend[0].indicator == 0);
    assert_rel(c->trend[0].fit.slope, f.slope, 1e-14);
    assert_rel(c->trend[0].fit.p, f.p, 1e-12);
    free(x0);
    free(xT);
    free(scr);
    jh_converge_table_free(c);
    jh_diag_clear(&diag);
    jh_study_free(s);
}

/* Spatial Markov on the real Jilin contiguity (rook and queen pairs of
 * /work/shared/data, read in place; skipped without it).  No county is
 * isolated there, so every transition has a lag class: the spatial
 * matrices' counts add up to the plain matrix's, cell by cell.  Rows with
 * observations sum to 1; each defined ergodic distribution is a fixed
 * point of its matrix. */
static void jilin_spatial_markov(void **state)
{
    (void)state;
    FILE *f = fopen("/work/shared/data/boundaries_amap_garybikini/jilin_adjacency.csv", "r");
    if (!f)
        skip();
    jh_study *s = test_study_jilin(0);
    assert_non_null(s);
    size_t a[400], b[400], n = 0;
    char line[256];
    assert_non_null(fgets(line, sizeof line, f)); /* code_a,code_b,type */
    while (n < 400 && fgets(line, sizeof line, f)) {
        char *c1 = strtok(line, ","), *c2 = strtok(NULL, ",");
        assert_non_null(c2);
        a[n] = jh_intern_find(&s->data->regions, c1);
        b[n] = jh_intern_find(&s->data->regions, c2);
        assert_true(a[n] != (size_t)-1 && b[n] != (size_t)-1);
        n++;
    }
    fclose(f);
    assert_int_equal(n, 142);
    jh_converge_opts o = {.tables = JH_CONVERGE_MARKOV, .classes = 4,
                          .neighbor_a = a, .neighbor_b = b, .n_neighbors = n};
    jh_diag diag;
    jh_converge_table *c = NULL;
    jh_diag_init(&diag, 100);
    assert_int_equal(jh_converge_run(s, &o, &diag, &c), JH_OK);
    enum { K = 4 };
    size_t checked = 0;
    for (size_t i = 0; i < c->n_markov; i += (K + 1) * K * K) {
        const jh_markov_row *m = &c->markov[i];
        double plain[K * K] = {0}, sum[K * K] = {0};
        for (size_t l = 0; l <= K; l++)
            for (size_t q = 0; q < K * K; q++) {
                const jh_markov_row *r = &m[l * K * K + q];
                assert_int_equal(r->indicator, m->indicator);
                assert_int_equal(r->lag_class, l ? l - 1 : (size_t)-1);
                if (l)
                    sum[q] += r->count;
                else
                    plain[q] = r->count;
            }
        for (size_t q = 0; q < K * K; q++)
            assert_rel(sum[q], plain[q], 0);
        for (size_t l = 0; l <= K; l++) {
            const jh_markov_row *r = &m[l * K * K];
            for (size_t from = 0; from < K; from++) {
                double rowsum = 0, cnt = 0;
                for (size_t to = 0; to < K; to++)
                    cnt += r[from * K + to].count;
                if (cnt == 0)
                    continue; /* an empty row: no probabilities */
                for (size_t to = 0; to < K; to++)
                    rowsum += r[from * K + to].probability;
                assert_rel(rowsum, 1.0, 1e-14);
            }
            if (isnan(r[0].ergodic))
                continue;
            for (size_t to = 0; to < K; to++) {
                double v = 0;
                for (size_t from = 0; from < K; from++)
                    v += r[from].ergodic * r[from * K + to].probability; /* pi_from P */
                /* Absolute: a slowly mixing transient class may keep a share
                 * such as 5e-265 after the last step. */
                assert_true(fabs(v - r[to].ergodic) <= 1e-12);
            }
            checked++;
        }
    }
    assert_true(checked > 0);
    jh_converge_table_free(c);
    jh_diag_clear(&diag);
    jh_study_free(s);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ols_exact_line),
        cmocka_unit_test(ols_hand_example),
        cmocka_unit_test(ols_weighted),
        cmocka_unit_test(ols_errors),
        cmocka_unit_test(mreg_matches_line),
        cmocka_unit_test(mreg_exact_and_collinear),
        cmocka_unit_test(beta_recovered),
        cmocka_unit_test(beta_speed_by_hand),
        cmocka_unit_test(beta_errors),
        cmocka_unit_test(beta_mexico),
        cmocka_unit_test(kde_bandwidth_by_hand),
        cmocka_unit_test(kde_single_point),
        cmocka_unit_test(kde_integrates_to_one),
        cmocka_unit_test(markov_hand_example),
        cmocka_unit_test(markov_properties),
        cmocka_unit_test(markov_errors),
        cmocka_unit_test(jilin_slices),
        cmocka_unit_test(jilin_spatial_markov),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
