/* Unit tests for the bootstrap intervals, the jackknife SE of the Gini and
 * the nonpositive policies of jh_indices_run (issue 5, "Bootstrap
 * intervals" and "Zeros, negatives, missing"), 2026-11-29.
 *
 * Expected values are worked by hand (arithmetic in the comments) or
 * recomputed independently: the replicates are redrawn here from the same
 * stream and evaluated on replicated rows with the single-index functions
 * of the core, where the library evaluates them by count weights. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <gsl/gsl_errno.h>
#include "junheng/analysis.h"
#include "junheng/bootstrap.h"
#include "junheng/study.h"
#include "test_study.h"

static void check_close(double got, double expected, double tol, const char *what,
                        const char *file, int line)
{
    int ok = isnan(expected) ? isnan(got)
             : fabs(got - expected) <= tol * (fabs(expected) > 1 ? fabs(expected) : 1);
    if (!ok) {
        print_error("%s = %.17g, expected %.17g\n", what, got, expected);
        _fail(file, line);
    }
}
#define assert_close(got, expected) \
    check_close((got), (expected), 1e-12, #got, __FILE__, __LINE__)

/* Runs the indices with opts; returns the slices (free()) or fails.  The
 * tests index the slices directly, so the table's array is taken over. */
static jh_slice_indices *run(const jh_study *st, const jh_indices_opts *o, size_t *n)
{
    jh_indices_table *t = NULL;
    jh_diag diag;
    jh_diag_init(&diag, 20);
    assert_int_equal(jh_indices_run(st, o, &diag, &t), JH_OK);
    jh_diag_clear(&diag);
    jh_slice_indices *s = t->slices;
    *n = t->n;
    t->slices = NULL;
    jh_indices_table_free(t);
    return s;
}

/* How many of the B replicates drawn from seed for n = 2 regions draw each
 * region once (counts 1,1): the only replicate with a nonzero Gini. */
static size_t count_mixed(unsigned long seed, size_t key, size_t B, double *rep_mean,
                          const double *x, const double *w)
{
    jh_boot_stream st;
    unsigned c[2];
    size_t k = 0;
    jh_boot_stream_init(&st, seed, 0, 0, key);
    for (size_t b = 0; b < B; b++) {
        jh_boot_draw_counts(&st, 2, c);
        k += c[0] == 1;
        /* mean of the replicate: sum c_i w_i x_i / sum c_i w_i */
        rep_mean[b] = (c[0] * w[0] * x[0] + c[1] * w[1] * x[1]) / (c[0] * w[0] + c[1] * w[1]);
    }
    return k;
}

static double sample_sd(const double *r, size_t m)
{
    long double s = 0, ss = 0;
    for (size_t i = 0; i < m; i++)
        s += r[i];
    for (size_t i = 0; i < m; i++)
        ss += (r[i] - s / m) * (r[i] - s / m);
    return (double)sqrtl(ss / (m - 1));
}

/* x = {1, 3}.  A replicate draws (2,0), (0,2) or (1,1) with probabilities
 * 1/4, 1/4, 1/2.  Unweighted: Gini 0, 0, and sum|xi-xj| / (2 n^2 mu) =
 * 2*2 / (2*4*2) = 0.25; mean 1, 3, 2.  With k mixed replicates of B the
 * 2.5% and 97.5% quantiles are 0 and 0.25 (as long as 25 < k < 975) and
 * the SE is 0.25 sqrt(k (B-k) / (B (B-1))).
 * Weighted, w = {1, 3}: the (1,1) replicate keeps the weights: mean_w =
 * (1 + 9)/4 = 2.5 (not 2), Gini_w = 2*1*3*2 / (2 * 4^2 * 2.5) = 12/80 =
 * 0.15. */
static void test_two_points(void **state)
{
    (void)state;
    jh_study *st = test_study_text("region_code,year,indicator,value,population\n"
                        "a,2020,x,1,1\nb,2020,x,3,3\n");
    assert_non_null(st);
    jh_indices_opts o = {.use_weights = 1, .bootstrap = 1000, .ci = 0.95, .seed = 42};
    size_t n, B = 1000;
    jh_slice_indices *s = run(st, &o, &n);
    assert_int_equal(n, 1);
    assert_true(s->has_ci && s->has_weighted);
    const double x[2] = {1, 3}, one[2] = {1, 1}, w[2] = {1, 3};
    double *rep = malloc(B * sizeof *rep);

    /* unweighted: stream (seed, indicator 0, year 0, 2*0 + 0) */
    size_t k = count_mixed(42, 0, B, rep, x, one);
    assert_true(k > 25 && k < 975);
    double q = sqrt((double)k * (double)(B - k) / ((double)B * (double)(B - 1)));
    assert_close(s->plain.value[JH_IX_GINI], 0.25);
    assert_close(s->plain_ci->lo[JH_IX_GINI], 0);
    assert_close(s->plain_ci->hi[JH_IX_GINI], 0.25);
    assert_close(s->plain_ci->se[JH_IX_GINI], 0.25 * q);
    assert_close(s->plain_ci->lo[JH_IX_MEAN], 1);
    assert_close(s->plain_ci->hi[JH_IX_MEAN], 3);
    assert_close(s->plain_ci->se[JH_IX_MEAN], sample_sd(rep, B));
    assert_int_equal(s->plain_ci->kept[JH_IX_GINI], B);
    /* n does not vary: every replicate draws 2 regions */
    assert_close(s->plain_ci->lo[JH_IX_N], 2);
    assert_close(s->plain_ci->hi[JH_IX_N], 2);
    assert_close(s->plain_ci->se[JH_IX_N], 0);

    /* weighted: stream 2*0 + 1 */
    k = count_mixed(42, 1, B, rep, x, w);
    assert_true(k > 25 && k < 975);
    q = sqrt((double)k * (double)(B - k) / ((double)B * (double)(B - 1)));
    assert_close(s->weighted.value[JH_IX_GINI], 0.15);
    assert_close(s->weighted_ci->lo[JH_IX_GINI], 0);
    assert_close(s->weighted_ci->hi[JH_IX_GINI], 0.15);
    assert_close(s->weighted_ci->se[JH_IX_GINI], 0.15 * q);
    assert_close(s->weighted_ci->lo[JH_IX_MEAN], 1);
    assert_close(s->weighted_ci->hi[JH_IX_MEAN], 3);
    assert_close(s->weighted_ci->se[JH_IX_MEAN], sample_sd(rep, B));
    /* theil_l is defined for {1,3}: no undefined replicates to note */
    assert_int_equal(s->weighted_ci->kept[JH_IX_THEIL_L], B);
    free(rep);
    free(s);
    jh_study_free(st);
}

/* Seven regions with weights: every interval equals the one computed
 * from replicated rows (region i written counts_i times) with the core's
 * single-index functions, redrawn from the same stream. */
static void test_replicated_rows(void **state)
{
    (void)state;
    jh_study *st = test_study_text("region_code,year,indicator,value,population\n"
                        "a,2019,x,2,3\nb,2019,x,5,1\nc,2019,x,5,4\nd,2019,x,9,1\n"
                        "e,2019,x,14,5\nf,2019,x,20,9\ng,2019,x,33,2\n");
    assert_non_null(st);
    const double x[7] = {2, 5, 5, 9, 14, 20, 33}, w[7] = {3, 1, 4, 1, 5, 9, 2};
    size_t B = 200, n;
    jh_indices_opts o = {.use_weights = 1, .bootstrap = B, .ci = 0.9, .seed = 7};
    jh_slice_indices *s = run(st, &o, &n);
    jh_workspace *ws = jh_workspace_alloc(7 * 7);
    double *rg = malloc(B * sizeof *rg), *rm = malloc(B * sizeof *rm),
           *rt = malloc(B * sizeof *rt), *rq = malloc(B * sizeof *rq);
    for (int wt = 0; wt < 2; wt++) {
        /* x is ascending, so the draws over sorted positions are draws
         * over these rows. */
        jh_boot_stream stream;
        jh_boot_stream_init(&stream, 7, 0, 0, (size_t)wt);
        for (size_t b = 0; b < B; b++) {
            unsigned c[7];
            double xe[49], we[49];
            size_t m = 0;
            jh_boot_draw_counts(&stream, 7, c);
            for (size_t i = 0; i < 7; i++)
                for (unsigned r = 0; r < c[i]; r++) {
                    xe[m] = x[i];
                    we[m++] = w[i];
                }
            const double *wp = wt ? we : NULL;
            assert_int_equal(jh_gini(xe, wp, m, 0, ws, &rg[b]), JH_OK);
            assert_int_equal(jh_mean(xe, wp, m, &rm[b]), JH_OK);
            assert_int_equal(jh_theil_t(xe, wp, m, &rt[b]), JH_OK);
            assert_int_equal(jh_median(xe, wp, m, ws, &rq[b]), JH_OK);
        }
        const jh_index_ci *ci = wt ? s->weighted_ci : s->plain_ci;
        double lo, hi, se;
        const struct { double *r; jh_index_id id; } cases[] = {
            {rg, JH_IX_GINI}, {rm, JH_IX_MEAN}, {rt, JH_IX_THEIL_T}, {rq, JH_IX_MEDIAN}};
        for (size_t c = 0; c < 4; c++) {
            assert_int_equal(jh_boot_interval(cases[c].r, B, 0.9, &lo, &hi, &se, NULL), JH_OK);
            assert_close(ci->lo[cases[c].id], lo);
            assert_close(ci->hi[cases[c].id], hi);
            assert_close(ci->se[cases[c].id], se);
        }
    }
    free(rg); free(rm); free(rt); free(rq);
    jh_workspace_free(ws);
    free(s);
    jh_study_free(st);
}

/* Well-behaved data, 60 regions x_i = 10 + 3 (i mod 7) + i/2: every
 * interval of mean, gini, cv, theil_t holds the point estimate, and the
 * bootstrap SE of the mean is close to its plug-in value sd/sqrt(n)
 * (Efron & Tibshirani 1993, sec. 6.2: the ideal bootstrap SE of the mean
 * is exactly sigma_hat/sqrt(n); with B = 999 the Monte Carlo error is
 * about 1/sqrt(2B) = 2%, so 10% is a safe bound). */
static void test_contains_point(void **state)
{
    (void)state;
    char csv[4096] = "region_code,year,indicator,value\n";
    double x[60];
    for (int i = 0; i < 60; i++) {
        x[i] = 10 + 3 * (i % 7) + i / 2.0;
        snprintf(csv + strlen(csv), sizeof csv - strlen(csv), "r%02d,2020,x,%.17g\n", i, x[i]);
    }
    jh_study *st = test_study_text(csv);
    assert_non_null(st);
    size_t n;
    jh_indices_opts o = {.bootstrap = 999, .ci = 0.95, .seed = 1};
    jh_slice_indices *s = run(st, &o, &n);
    const jh_index_id ids[] = {JH_IX_MEAN, JH_IX_GINI, JH_IX_CV, JH_IX_THEIL_T};
    for (size_t k = 0; k < 4; k++) {
        assert_true(s->plain_ci->lo[ids[k]] < s->plain.value[ids[k]]);
        assert_true(s->plain.value[ids[k]] < s->plain_ci->hi[ids[k]]);
    }
    double se_mean = s->plain.value[JH_IX_SD] / sqrt(60.0);
    assert_true(fabs(s->plain_ci->se[JH_IX_MEAN] / se_mean - 1) < 0.10);
    free(s);
    jh_study_free(st);
}

/* The same seed gives the same numbers; an interval depends only on its
 * own slice (a second indicator after x leaves x's intervals unchanged);
 * another seed gives other numbers. */
static void test_determinism(void **state)
{
    (void)state;
    const char *one = "region_code,year,indicator,value\n"
                      "a,2020,x,1\nb,2020,x,4\nc,2020,x,6\nd,2020,x,13\n";
    const char *two = "region_code,year,indicator,value\n"
                      "a,2020,x,1\nb,2020,x,4\nc,2020,x,6\nd,2020,x,13\n"
                      "a,2020,y,7\nb,2020,y,2\nc,2020,y,9\nd,2020,y,3\n";
    jh_study *s1 = test_study_text(one), *s2 = test_study_text(two);
    assert_non_null(s1);
    assert_non_null(s2);
    size_t n1, n2, n3, n4;
    jh_indices_opts o = {.bootstrap = 300, .ci = 0.95, .seed = 5, .jackknife = 1};
    jh_slice_indices *a = run(s1, &o, &n1), *b = run(s1, &o, &n2), *c = run(s2, &o, &n3);
    o.seed = 6;
    jh_slice_indices *d = run(s1, &o, &n4);
    assert_int_equal(n3, 2);
    assert_memory_equal(a->plain_ci, b->plain_ci, sizeof *a->plain_ci);
    assert_memory_equal(a->plain_ci, c[0].plain_ci, sizeof *a->plain_ci);
    assert_true(a->plain_ci->se[JH_IX_GINI] != d->plain_ci->se[JH_IX_GINI]);
    free(a); free(b); free(c); free(d);
    jh_study_free(s1);
    jh_study_free(s2);
}

/* Per-group slices (indices --by): groups g0 = {a, b, c}, g1 = {d, e}, e
 * without a value and f in no group (left out).
 *   g0: {1, 2, 3}: n 3, mean 2, G = sum|xi - xj| / (2 n^2 mean) = 2 (1 + 2 +
 *       1) / (2 x 9 x 2) = 8 / 36 = 2/9; nothing missing.
 *   g1: {4}: n 1, G 0; 1 of its 2 regions missing (e).
 * The group streams differ from each other and from the ungrouped one, and
 * a group's interval does not depend on the number of threads. */
static void test_groups(void **state)
{
    (void)state;
    jh_study *st = test_study_text("region_code,year,indicator,value\n"
                        "a,2020,x,1\nb,2020,x,2\nc,2020,x,3\nd,2020,x,4\ne,2020,x,\n"
                        "f,2020,x,9\n");
    assert_non_null(st);
    size_t group_of[6] = {0, 0, 0, 1, 1, JH_NONE}, n, n1, n0;
    const char *names[] = {"g0", "g1"};
    jh_index_groups g = {"col", group_of, names, 2};
    jh_indices_opts o = {.groups = &g, .bootstrap = 200, .ci = 0.9, .seed = 3};
    jh_slice_indices *s = run(st, &o, &n);
    assert_int_equal(n, 2);
    assert_int_equal(s[0].group, 0);
    assert_int_equal(s[0].n_regions, 3);
    assert_int_equal(s[0].n_missing, 0);
    assert_close(s[0].plain.value[JH_IX_N], 3);
    assert_close(s[0].plain.value[JH_IX_GINI], 2.0 / 9);
    assert_int_equal(s[1].group, 1);
    assert_int_equal(s[1].n_regions, 2);
    assert_int_equal(s[1].n_missing, 1);
    assert_close(s[1].plain.value[JH_IX_MEAN], 4);
    assert_close(s[1].plain.value[JH_IX_GINI], 0);
    setenv("JUNHENG_THREADS", "1", 1);
    jh_slice_indices *one = run(st, &o, &n1);
    unsetenv("JUNHENG_THREADS");
    assert_memory_equal(s[0].plain_ci, one[0].plain_ci, sizeof *one->plain_ci);
    o.groups = NULL;
    jh_slice_indices *all = run(st, &o, &n0);
    assert_int_equal(n0, 1);
    assert_int_equal(all->group, JH_NONE);
    assert_int_equal(all->n_regions, 6);
    assert_close(all->plain.value[JH_IX_N], 5);
    free(s); free(one); free(all);
    jh_study_free(st);
}

/* x = {1,2,3,4}: G = (2 sum i x_(i) - (n+1) sum x) / (n sum x)
 * = (2*30 - 5*10) / 40 = 1/4.  Leave-one-out Ginis:
 *   without 1: {2,3,4}  (2*20 - 4*9)/(3*9)  = 4/27
 *   without 2: {1,3,4}  (2*19 - 4*8)/(3*8)  = 6/24 = 1/4
 *   without 3: {1,2,4}  (2*17 - 4*7)/(3*7)  = 6/21 = 2/7
 *   without 4: {1,2,3}  (2*14 - 4*6)/(3*6)  = 4/18 = 2/9
 * se = sqrt((n-1)/n sum (G_(i) - mean)^2). */
static void test_jackknife_hand(void **state)
{
    (void)state;
    jh_study *st = test_study_text("region_code,year,indicator,value\n"
                        "a,2020,x,3\nb,2020,x,1\nc,2020,x,4\nd,2020,x,2\n"
                        "a,2021,x,5\nb,2021,x,5\n");
    assert_non_null(st);
    size_t n;
    jh_indices_opts o = {.jackknife = 1};
    jh_slice_indices *s = run(st, &o, &n);
    assert_int_equal(n, 2);
    const double g[4] = {4.0 / 27, 1.0 / 4, 2.0 / 7, 2.0 / 9};
    double mean = (g[0] + g[1] + g[2] + g[3]) / 4, ss = 0;
    for (int i = 0; i < 4; i++)
        ss += (g[i] - mean) * (g[i] - mean);
    assert_true(s[0].has_jackknife);
    assert_false(s[0].has_ci);
    assert_close(s[0].plain.value[JH_IX_GINI], 0.25);
    assert_close(s[0].gini_jackknife_se, sqrt(0.75 * ss));
    /* two values: the jackknife needs n >= 3 */
    assert_true(isnan(s[1].gini_jackknife_se));
    free(s);
    jh_study_free(st);
}

/* x = {0,1,2,3}, and {-1,2,4} a year later. */
static const char *zeros = "region_code,year,indicator,value\n"
                           "a,2020,x,0\nb,2020,x,1\nc,2020,x,2\nd,2020,x,3\ne,2020,x,\n"
                           "a,2021,x,-1\nb,2021,x,2\nc,2021,x,4\n";

static void test_policy_drop(void **state)
{
    (void)state;
    jh_study *st = test_study_text(zeros);
    assert_non_null(st);
    jh_indices_opts o = {.nonpositive = JH_NONPOS_DROP};
    jh_indices_table *t = NULL;
    jh_diag diag;
    jh_diag_init(&diag, 20);
    assert_int_equal(jh_indices_run(st, &o, &diag, &t), JH_OK);
    assert_int_equal(t->n, 2);
    const jh_slice_indices *s = t->slices;
    assert_int_equal(diag.n_warnings, 2); /* one per slice with drops */
    assert_non_null(strstr(diag.items[0].text, "dropped 1 value <= 0"));
    /* 2020: {1,2,3}: n 3, mean 2, G = (2*14 - 4*6)/(3*6) = 2/9,
     * theil_l = (1/3)(ln 2/1 + ln 2/2 + ln 2/3) = (1/3) ln(8/6) */
    assert_int_equal(s[0].n_dropped, 1);
    assert_int_equal(s[0].n_zero, 1);
    assert_int_equal(s[0].n_missing, 1);
    assert_close(s[0].plain.value[JH_IX_N], 3);
    assert_close(s[0].plain.value[JH_IX_MEAN], 2);
    assert_close(s[0].plain.value[JH_IX_GINI], 2.0 / 9);
    assert_close(s[0].plain.value[JH_IX_THEIL_L], log(8.0 / 6) / 3);
    /* 2021: {2,4}: ordered pairs sum |xi-xj| = 2*2 = 4, G = 4/(2*2^2*3) = 1/6;
     * max/min 4/2 = 2 */
    assert_int_equal(s[1].n_negative, 1);
    assert_int_equal(s[1].n_dropped, 1);
    assert_close(s[1].plain.value[JH_IX_GINI], 1.0 / 6);
    assert_close(s[1].plain.value[JH_IX_MAX_MIN_RATIO], 2);
    jh_diag_clear(&diag);
    jh_indices_table_free(t);
    jh_study_free(st);
}

/* skip: the four indices that need x > 0 are empty with the reason of the
 * value; the others are computed on every value (theil_t of {0,1,2,3},
 * mu = 1.5: (1/4)[0 + (2/3) ln(2/3) + (4/3) ln(4/3) + 2 ln 2]).  The
 * default leaves the same four empty for the zero (the core refuses them)
 * and p90_p10 too (Q(0.1) = 0); only skip marks them as skipped. */
static void test_policy_skip(void **state)
{
    (void)state;
    jh_study *st = test_study_text(zeros);
    assert_non_null(st);
    size_t n;
    jh_indices_opts o = {.nonpositive = JH_NONPOS_SKIP};
    jh_slice_indices *s = run(st, &o, &n);
    double t = (2.0 / 3 * log(2.0 / 3) + 4.0 / 3 * log(4.0 / 3) + 2 * log(2.0)) / 4;
    assert_close(s[0].plain.value[JH_IX_THEIL_T], t);
    assert_int_equal(s[0].plain.status[JH_IX_THEIL_L], JH_EZERO);
    assert_int_equal(s[0].plain.status[JH_IX_ATKINSON_1], JH_EZERO);
    assert_int_equal(s[0].plain.status[JH_IX_ATKINSON_2], JH_EZERO);
    assert_int_equal(s[0].plain.status[JH_IX_MAX_MIN_RATIO], JH_EZERO);
    assert_int_equal(s[0].plain.status[JH_IX_ATKINSON_05], JH_OK);
    assert_int_equal(s[0].n_dropped, 0);
    /* a negative: the disparity indices are refused by the core, min,
     * max, mean stay: mean of {-1,2,4} = 5/3 */
    assert_int_equal(s[1].plain.status[JH_IX_MAX_MIN_RATIO], JH_ENEGATIVE);
    assert_int_equal(s[1].plain.status[JH_IX_GINI], JH_ENEGATIVE);
    assert_close(s[1].plain.value[JH_IX_MEAN], 5.0 / 3);
    free(s);
    o.nonpositive = JH_NONPOS_DEFINED;
    s = run(st, &o, &n);
    assert_close(s[0].plain.value[JH_IX_THEIL_T], t);
    assert_int_equal(s[0].plain.status[JH_IX_THEIL_L], JH_EZERO);
    assert_int_equal(s[0].plain.status[JH_IX_P90_P10], JH_EZERO);
    free(s);
    jh_study_free(st);
}

static void test_policy_error(void **state)
{
    (void)state;
    jh_study *st = test_study_text(zeros);
    assert_non_null(st);
    jh_indices_opts o = {.nonpositive = JH_NONPOS_ERROR};
    jh_indices_table *t = NULL;
    jh_diag diag;
    jh_diag_init(&diag, 20);
    assert_int_equal(jh_indices_run(st, &o, &diag, &t), JH_ENEGATIVE);
    assert_null(t);
    assert_int_equal(diag.n_errors, 2);
    assert_non_null(strstr(diag.items[0].text, "indicator 'x', year 2020, stratum total, "
                                               "region 'a': value 0 is not positive"));
    assert_non_null(strstr(diag.items[1].text, "year 2021, stratum total, region 'a': "
                                               "value -1 is not positive"));
    jh_diag_clear(&diag);
    jh_study_free(st);
}

static void test_bad_args(void **state)
{
    (void)state;
    jh_study *st = test_study_text("region_code,year,indicator,value\na,2020,x,1\nb,2020,x,2\n");
    jh_indices_table *t = NULL;
    jh_indices_opts o = {.bootstrap = 10, .ci = 1.0};
    assert_int_equal(jh_indices_run(st, &o, NULL, &t), JH_EINVAL);
    assert_int_equal(jh_indices_run(st, NULL, NULL, &t), JH_EINVAL);
    assert_null(t);
    jh_nonpositive p;
    assert_int_equal(jh_nonpositive_parse("drop", &p), 0);
    assert_int_equal(p, JH_NONPOS_DROP);
    assert_int_equal(jh_nonpositive_parse("Drop", &p), -1);
    jh_study_free(st);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_two_points),
        cmocka_unit_test(test_replicated_rows),
        cmocka_unit_test(test_contains_point),
        cmocka_unit_test(test_determinism),
        cmocka_unit_test(test_groups),
        cmocka_unit_test(test_jackknife_hand),
        cmocka_unit_test(test_policy_drop),
        cmocka_unit_test(test_policy_skip),
        cmocka_unit_test(test_policy_error),
        cmocka_unit_test(test_bad_args),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
