/* Unit tests for the cut-off kernel sum of jh_kde_eval (src/core/kde.c)
 * against the direct Gaussian sum over every value, computed here with
 * long double expl as the library did before (issue 15).
 *
 * The stated bound (include/junheng/dynamics.h, docs/indices.md): terms
 * beyond 9 bandwidths are left out, each below e^-40.5 = 2.6e-18 of a
 * kernel's peak phi(0)/h, and the kept terms are rounded to within 2e-14
 * relative, so |f - f_direct| <= 2.6e-18 phi(0)/h + 2e-14 f_direct; where
 * the density is at least 1e-6 of a kernel's peak that is 1e-12 relative. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "junheng/dynamics.h"
#include "junheng/indices.h"
#include "junheng/status.h"

#define PHI0 0.39894228040143267794 /* 1/sqrt(2 pi) */

/* Knuth's MMIX LCG: deterministic test data on every platform. */
static uint64_t lcg_state;
static double lcg_uniform(void)
{
    lcg_state = lcg_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(lcg_state >> 11) / 9007199254740992.0; /* [0, 1) */
}

static void direct(const double *x, const double *w, size_t n, double h, const double *grid,
                   size_t m, double *f)
{
    long double total = 0;
    for (size_t i = 0; i < n; i++)
        total += w ? w[i] : 1.0L;
    for (size_t j = 0; j < m; j++) {
        long double s = 0;
        for (size_t i = 0; i < n; i++) {
            long double u = ((long double)grid[j] - x[i]) / h;
            s += (w ? w[i] : 1.0L) * expl(-0.5L * u * u);
        }
        f[j] = (double)(s / (total * h * sqrtl(2 * 3.14159265358979323846264338327950288L)));
    }
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Checks f against the direct sum within the bound; returns how many
 * points lie where the density is at least 1e-6 of a kernel's peak (they
 * are also checked at 1e-12 relative). */
static size_t check(const double *f, const double *ref, size_t m, double h)
{
    size_t body = 0;
    for (size_t j = 0; j < m; j++) {
        double bound = 2.6e-18 * PHI0 / h + 2e-14 * ref[j];
        if (!(fabs(f[j] - ref[j]) <= bound)) {
            print_error("f[%zu] = %.17g, direct sum %.17g, bound %.3g\n", j, f[j], ref[j],
                        bound);
            fail();
        }
        if (ref[j] >= 1e-6 * PHI0 / h) {
            body++;
            assert_true(fabs(f[j] - ref[j]) <= 1e-12 * ref[j]);
        }
    }
    return body;
}

/* 2,000 skewed values (lognormal-like, with a far outlier, so some grid
 * points see no value within 9h), Silverman's bandwidth, 512 points from
 * the smallest value - 3h to the largest + 3h as converge lays them out;
 * sorted (the sliding window) and unsorted (every value tested), weighted
 * and not. */
static void kde_against_direct_sum(void **state)
{
    (void)state;
    enum { N = 2000, M = 512 };
    static double x[N], xs[N], w[N], grid[M], f[M], ref[M];
    lcg_state = 2026;
    for (size_t i = 0; i < N; i++) {
        double u = lcg_uniform() + lcg_uniform() + lcg_uniform() - 1.5;
        x[i] = exp(0.6 * u) * 50;
        w[i] = 1e5 + 9e5 * lcg_uniform();
    }
    x[N - 1] = 400; /* an outlier far beyond 9h of the rest */
    memcpy(xs, x, sizeof x);
    qsort(xs, N, sizeof *xs, cmp_double);
    jh_workspace *ws = jh_workspace_alloc(N);
    double h;
    assert_int_equal(jh_kde_bandwidth(x, N, ws, &h), JH_OK);
    double lo = xs[0] - 3 * h, hi = xs[N - 1] + 3 * h;
    for (size_t j = 0; j < M; j++)
        grid[j] = lo + (hi - lo) * (double)j / (double)(M - 1);
    for (int sorted = 0; sorted < 2; sorted++)
        for (int wt = 0; wt < 2; wt++) {
            /* unsorted weights follow x; sorted ones are any positive weights */
            const double *v = sorted ? xs : x, *wp = wt ? w : NULL;
            direct(v, wp, N, h, grid, M, ref);
            assert_int_equal(jh_kde_eval(v, wp, N, h, grid, M, f), JH_OK);
            assert_true(check(f, ref, M, h) > M / 4);
        }
    jh_workspace_free(ws);
}

/* Two values 20 bandwidths apart: at each value only its own kernel is
 * within reach, so f(0) = phi(0)/(2h) exactly as the rounding of one term
 * gives it, where the direct sum adds phi(20) = e^-200 phi(0), far below
 * an ulp; halfway, 10h from both, both terms are left out: f = 0 against
 * a direct e^-50 phi(0)/h = 7.7e-23. */
static void kde_cut_off(void **state)
{
    (void)state;
    const double x[] = {0, 20}, grid[] = {0, 10, 20};
    double f[3];
    assert_int_equal(jh_kde_eval(x, NULL, 2, 1.0, grid, 3, f), JH_OK);
    assert_true(fabs(f[0] - PHI0 / 2) <= 1e-16 * PHI0);
    assert_true(f[1] == 0);
    assert_true(f[2] == f[0]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(kde_against_direct_sum),
        cmocka_unit_test(kde_cut_off),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
