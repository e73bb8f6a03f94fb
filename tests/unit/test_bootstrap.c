/* Unit tests for resampling inference (include/junheng/bootstrap.h).
 *
 * Expected values are worked by hand in the comment beside them, or come
 * from an independent computation in this file: leave-one-out Ginis by
 * calling jh_gini n times on the reduced sample (O(n^2 log n), the
 * definition), and bootstrap replicates rebuilt from the same random
 * stream as replicated rows fed to jh_gini.  Properties: draw counts add
 * up to each stratum's size and never leave it; permutations keep the
 * labels of every block; the same seed gives the same numbers. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>

#include "junheng/bootstrap.h"
#include "junheng/indices.h"
#include "junheng/status.h"

#define REL_TOL 1e-12

static void check_close(double got, double expected, double tol,
                        const char *what, const char *file, int line)
{
    int ok = isnan(expected) ? isnan(got)
             : expected == 0 ? fabs(got) <= tol
                             : fabs(got - expected) <= tol * fabs(expected);
    if (!ok) {
        print_error("%s = %.17g, expected %.17g\n", what, got, expected);
        _fail(file, line);
    }
}
#define assert_close(got, expected) \
    check_close((got), (expected), REL_TOL, #got, __FILE__, __LINE__)

/* Knuth's MMIX LCG: deterministic test data on every platform. */
static uint64_t lcg_state;
static uint32_t lcg_next(void)
{
    lcg_state = lcg_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)(lcg_state >> 33);
}

static jh_workspace *WS;
static gsl_rng *RNG;
static int setup(void **state)
{
    (void)state;
    gsl_set_error_handler_off();
    WS = jh_workspace_alloc(1000);
    RNG = gsl_rng_alloc(gsl_rng_mt19937);
    return WS && RNG ? 0 : -1;
}
static int teardown(void **state)
{
    (void)state;
    jh_workspace_free(WS);
    gsl_rng_free(RNG);
    return 0;
}

/* ---- percentile interval ----------------------------------------------- */

/* Replicates {5, 1, 4, 2, 3} and one NaN (an undefined replicate, left
 * out): sorted 1..5, B' = 5.  Type-7 quantile at f: position (B'-1) f.
 * ci = 0.5: f = 0.25 -> position 1 -> 2; f = 0.75 -> position 3 -> 4.
 * ci = 0.9: f = 0.05 -> position 0.2 -> 1.2; f = 0.95 -> 3.8 -> 4.8.
 * se: mean 3, sum of squares 4+1+0+1+4 = 10, /(5-1) -> sqrt(2.5). */
static void test_interval_hand(void **state)
{
    (void)state;
    double r[] = {5, 1, 4, NAN, 2, 3};
    double lo, hi, se;
    size_t kept;
    assert_int_equal(jh_boot_interval(r, 6, 0.5, &lo, &hi, &se, &kept), JH_OK);
    assert_int_equal(kept, 5);
    assert_close(lo, 2);
    assert_close(hi, 4);
    assert_close(se, sqrt(2.5));
    double r2[] = {5, 1, 4, 2, 3};
    assert_int_equal(jh_boot_interval(r2, 5, 0.9, &lo, &hi, &se, NULL), JH_OK);
    assert_close(lo, 1.2);
    assert_close(hi, 4.8);
}

static void test_interval_errors(void **state)
{
    (void)state;
    double r[] = {1, 2, 3}, lo, hi, se;
    assert_int_equal(jh_boot_interval(r, 0, 0.95, &lo, &hi, &se, NULL), JH_EINVAL);
    assert_int_equal(jh_boot_interval(r, 3, 1.0, &lo, &hi, &se, NULL), JH_EINVAL);
    assert_int_equal(jh_boot_interval(r, 3, 0.0, &lo, &hi, &se, NULL), JH_EINVAL);
    double one[] = {1, NAN};
    assert_int_equal(jh_boot_interval(one, 2, 0.95, &lo, &hi, &se, NULL), JH_EEMPTY);
    assert_true(isnan(lo) && isnan(hi) && isnan(se));
}

/* ---- jackknife ----------------------------------------------------------- */

/* x = {1, 2, 3}: G = sum|xi-xj| / (2 n^2 mu) = 8 / 36 = 2/9.
 * Leave-one-out: {2,3}: 2/(2.4.2.5) = 1/10; {1,3}: 4/(2.4.2) = 1/4;
 * {1,2}: 2/(2.4.1.5) = 1/6, i.e. 18/180, 45/180, 30/180, mean 31/180;
 * deviations -13, 14, -1 (/180), squares sum 366/32400;
 * se = sqrt(2/3 . 366/32400) = sqrt(61/8100) = sqrt(61)/90. */
static void test_jackknife_hand(void **state)
{
    (void)state;
    const double x[] = {3, 1, 2};
    double g, se;
    assert_int_equal(jh_gini_jackknife(x, NULL, 3, WS, &g, &se), JH_OK);
    assert_close(g, 2.0 / 9);
    assert_close(se, sqrt(61.0) / 90);
    /* Weighted, the full-sample Gini equals that of replicated rows. */
    const double xw[] = {1, 2, 5}, ww[] = {2, 1, 1};
    assert_int_equal(jh_gini_jackknife(xw, ww, 3, WS, &g, &se), JH_OK);
    /* rows {1,1,2,5}: mu = 9/4; pair sums |1-1|=0, |1-2|=1 (x2), |1-5|=4
     * (x2), |2-5|=3: sum over unordered pairs 0+1+1+4+4+3 = 13, ordered 26;
     * G = 26 / (2.16.9/4) = 26/72 = 13/36. */
    assert_close(g, 13.0 / 36);
}

/* The O(n) leave-one-out formula against n calls of jh_gini, weighted and
 * unweighted, on data with ties. */
static void test_jackknife_naive(void **state)
{
    (void)state;
    enum { N = 57 };
    double x[N], w[N], xr[N], wr[N], loo[N];
    lcg_state = 7;
    for (size_t i = 0; i < N; i++) {
        x[i] = (double)(lcg_next() % 40) / 4.0;
        w[i] = 1 + lcg_next() % 7;
    }
    for (int weighted = 0; weighted < 2; weighted++) {
        double g, se, g_full;
        long double mean = 0, ss = 0;
        for (size_t k = 0; k < N; k++) {
            size_t m = 0;
            for (size_t i = 0; i < N; i++)
                if (i != k) {
                    xr[m] = x[i];
                    wr[m++] = w[i];
                }
            assert_int_equal(jh_gini(xr, weighted ? wr : NULL, m, 0, WS, &loo[k]), JH_OK);
            mean += loo[k];
        }
        mean /= N;
        for (size_t k = 0; k < N; k++)
            ss += (loo[k] - mean) * (loo[k] - mean);
        double expect = (double)sqrtl((N - 1.0L) / N * ss);
        assert_int_equal(jh_gini(x, weighted ? w : NULL, N, 0, WS, &g_full), JH_OK);
        assert_int_equal(jh_gini_jackknife(x, weighted ? w : NULL, N, WS, &g, &se), JH_OK);
        check_close(g, g_full, REL_TOL, "jackknife gini", __FILE__, __LINE__);
        /* se is a small difference of near-equal Ginis: 1e-9 relative. */
        check_close(se, expect, 1e-9, "jackknife se", __FILE__, __LINE__);
    }
}

static void test_jackknife_errors(void **state)
{
    (void)state;
    const double two[] = {1, 2}, zeros[] = {0, 0, 0}, neg[] = {1, -1, 2};
    const double lone[] = {0, 0, 5};
    double g, se;
    assert_int_equal(jh_gini_jackknife(two, NULL, 2, WS, &g, &se), JH_EEMPTY);
    assert_int_equal(jh_gini_jackknife(zeros, NULL, 3, WS, &g, &se), JH_EZEROMEAN);
    assert_int_equal(jh_gini_jackknife(neg, NULL, 3, WS, &g, &se), JH_ENEGATIVE);
    /* Leaving out the only nonzero value leaves a zero mean. */
    assert_int_equal(jh_gini_jackknife(lone, NULL, 3, WS, &g, &se), JH_EZEROMEAN);
}

/* ---- draws ----------------------------------------------------------------- */

static void test_resampler_strata(void **state)
{
    (void)state;
    const size_t strat[] = {1, 0, 1, 2, 1, 0, 2, 2, 2};
    unsigned c1[9], c2[9];
    jh_resampler *rs = jh_resampler_alloc(strat, 9, 3);
    assert_non_null(rs);
    gsl_rng_set(RNG, 42);
    for (int rep = 0; rep < 200; rep++) {
        unsigned per[3] = {0, 0, 0};
        assert_int_equal(jh_resampler_draw(rs, RNG, c1), JH_OK);
        for (size_t i = 0; i < 9; i++)
            per[strat[i]] += c1[i];
        /* Each stratum keeps its size: 2, 3 and 4 units. */
        assert_int_equal(per[0], 2);
        assert_int_equal(per[1], 3);
        assert_int_equal(per[2], 4);
    }
    /* Same seed, same draws; another seed, other draws (over 5 replicates
     * the chance of equal counts is negligible). */
    int differ = 0;
    for (int rep = 0; rep < 5; rep++) {
        gsl_rng_set(RNG, 1000 + (unsigned long)rep);
        jh_resampler_draw(rs, RNG, c1);
        gsl_rng_set(RNG, 1000 + (unsigned long)rep);
        jh_resampler_draw(rs, RNG, c2);
        assert_memory_equal(c1, c2, sizeof c1);
        gsl_rng_set(RNG, 2000 + (unsigned long)rep);
        jh_resampler_draw(rs, RNG, c2);
        differ |= memcmp(c1, c2, sizeof c1) != 0;
    }
    assert_true(differ);
    jh_resampler_free(rs);
    const size_t bad[] = {0, 3};
    assert_null(jh_resampler_alloc(bad, 2, 3));
    assert_null(jh_resampler_alloc(NULL, 0, 1));
}

/* counts {0, 2, 1, 0}: keeps rows 1 and 2; weights w*count = 10*2, 7*1. */
static void test_boot_apply(void **state)
{
    (void)state;
    const unsigned c[] = {0, 2, 1, 0};
    const double x[] = {1, 2, 3, 4}, w[] = {5, 10, 7, 9};
    const size_t g[] = {0, 1, 2, 3};
    double xo[4], wo[4];
    size_t go[4];
    assert_int_equal(jh_boot_apply(c, x, w, g, 4, xo, wo, go), 2);
    assert_close(xo[0], 2);
    assert_close(xo[1], 3);
    assert_close(wo[0], 20);
    assert_close(wo[1], 7);
    assert_int_equal(go[0], 1);
    assert_int_equal(go[1], 2);
    assert_int_equal(jh_boot_apply(c, x, NULL, NULL, 4, xo, wo, NULL), 2);
    assert_close(wo[0], 2);
}

/* ---- the stream of one slice ---------------------------------------------- */

/* SplitMix64 from state 1234567 (Vigna's reference splitmix64.c) gives
 * 6457827717110365317 = 0x599ED017FB08FC85, then 3203168211198807973 =
 * 0x2C73F08458540FA5: the words are 0xFB08FC85 = 4211670149,
 * 0x599ED017 = 1503580183, 0x58540FA5 = 1481904037, ... (low half first).
 * With n = 2^32 - 1 the answer is floor(word (2^32 - 1) / 2^32) = word - 1,
 * and the rejection bound 2^32 mod n = 1 only rejects word 0. */
static void test_stream_reference(void **state)
{
    (void)state;
    jh_boot_stream s = {.state = 1234567};
    assert_int_equal(jh_boot_uniform(&s, UINT32_MAX), 4211670148u);
    assert_int_equal(jh_boot_uniform(&s, UINT32_MAX), 1503580182u);
    assert_int_equal(jh_boot_uniform(&s, UINT32_MAX), 1481904036u);
    /* n = 3: floor(0x599ED017 * 3 / 2^32) = floor(1503580183 * 3 / 4294967296)
     * = floor(1.050...) = 1 (bound 2^32 mod 3 = 1 lets it through). */
    s = (jh_boot_stream){.state = 1234567};
    jh_boot_uniform(&s, 3);
    assert_int_equal(jh_boot_uniform(&s, 3), 1);
    assert_int_equal(jh_boot_uniform(&s, 1), 0);
}

/* Batched draws by hand: from state 1234567 the first output is
 * z = 0x599ED017FB08FC85 (above), z / 2^64 = 0.35008.  For n = 3 a batch
 * is k = 8 draws (3^8 = 6561; 8 is the most), Lemire's draw on [0, 6561)
 * is floor(0.35008 * 6561) = 2296 = 10011001 in base 3, high digit first,
 * and the last low word (z 6561 mod 2^64) is far above 2^64 mod 6561 =
 * 2806: accepted.  A replicate of n = 3 keeps the first three digits,
 * positions 1, 0, 0; the next replicate starts on the next output
 * 0x2C73F08458540FA5: floor(z' 6561 / 2^64) = 1139 = 01120012 in base 3,
 * positions 0, 1, 1. */
static void test_stream_batches(void **state)
{
    (void)state;
    jh_boot_stream s = {.state = 1234567};
    uint32_t pos[3];
    unsigned c[3];
    assert_int_equal(jh_boot_draw(&s, 3, pos), JH_OK);
    assert_true(pos[0] == 1 && pos[1] == 0 && pos[2] == 0);
    assert_true(s.state == 1234567 + 0x9e3779b97f4a7c15ULL);
    assert_int_equal(jh_boot_draw_counts(&s, 3, c), JH_OK);
    assert_true(c[0] == 1 && c[1] == 2 && c[2] == 0);
    /* A spare half left by jh_boot_uniform is dropped: the replicate
     * starts on a whole output. */
    s = (jh_boot_stream){.state = 1234567};
    jh_boot_uniform(&s, 3);
    assert_int_equal(jh_boot_draw(&s, 3, pos), JH_OK);
    assert_true(pos[0] == 0 && pos[1] == 1 && pos[2] == 1);
    assert_int_equal(jh_boot_draw(&s, 0, pos), JH_EINVAL);
    assert_int_equal(jh_boot_draw_counts(&s, 0, c), JH_EINVAL);
}

/* jh_boot_draw_counts counts the positions of jh_boot_draw: the same
 * counts and the same stream afterwards, for n with batches of 8 (7), of
 * 5 (2850, the bench's slices: 2850^5 < 2^64 < 2850^6) and of 2 (2^31 + 1
 * would be too large to count here; 100003 has 100003^3 < 2^64: 3), and
 * for a last batch cut short (37 = 4 * 8 + 5); counts add up to n.  With
 * AVX-512 the counts take eight outputs at once and fall back to one
 * batch when one of the eight is rejected: 240 rejects 40% of outputs
 * (240^8 = 1.10e19, 2^64 mod 240^8 = 2^64 - 240^8 = 7.4e18), so most
 * eights fall back, 1000 about 2.4% (10^18 into 2^64: 18.45, 0.45/18.45). */
static void test_stream_counts(void **state)
{
    (void)state;
    static const size_t sizes[] = {1, 7, 37, 240, 1000, 2850, 100003};
    static unsigned c[100003], naive[100003];
    static uint32_t pos[100003];
    for (size_t t = 0; t < sizeof sizes / sizeof *sizes; t++) {
        size_t n = sizes[t];
        jh_boot_stream a, b;
        jh_boot_stream_init(&a, 3, 1, 2, t);
        b = a;
        for (int rep = 0; rep < 5; rep++) {
            unsigned sum = 0;
            assert_int_equal(jh_boot_draw_counts(&a, n, c), JH_OK);
            assert_int_equal(jh_boot_draw(&b, n, pos), JH_OK);
            memset(naive, 0, n * sizeof *naive);
            for (size_t k = 0; k < n; k++) {
                assert_true(pos[k] < n);
                naive[pos[k]]++;
            }
            assert_memory_equal(c, naive, n * sizeof *c);
            assert_true(a.state == b.state);
            for (size_t k = 0; k < n; k++)
                sum += c[k];
            assert_int_equal(sum, n);
        }
    }
    /* Seeds and keys give other streams. */
    jh_boot_stream s1, s2;
    jh_boot_stream_init(&s1, 3, 1, 2, 3);
    jh_boot_stream_init(&s2, 3, 1, 2, 4);
    assert_true(s1.state != s2.state);
}

/* Every position equally likely, and the positions of one batch
 * independent: over R replicates of n = 7 (batches of 7 of one output's
 * 8 digits) each position is drawn R with expected count R (sd
 * sqrt(R 7 (1/7)(6/7)) = 0.93 sqrt(R)), and each ordered pair of
 * neighbouring draws (i, j) in a replicate is (i, j) with probability
 * 1/49.  Bounds at 5 sd: a biased digit (e.g. the high digit always 0
 * or a digit off by 1/7) is far outside. */
static void test_stream_uniform(void **state)
{
    (void)state;
    enum { N = 7, R = 20000 };
    static unsigned pair[N][N];
    unsigned tot[N] = {0};
    uint32_t pos[N];
    jh_boot_stream s;
    jh_boot_stream_init(&s, 1, 2, 3, 4);
    for (size_t r = 0; r < R; r++) {
        jh_boot_draw(&s, N, pos);
        for (size_t k = 0; k < N; k++) {
            tot[pos[k]]++;
            if (k)
                pair[pos[k - 1]][pos[k]]++;
        }
    }
    for (size_t i = 0; i < N; i++) {
        /* R draws expected per position, sd 0.926 sqrt(R) = 131. */
        assert_true(fabs((double)tot[i] - R) < 5 * 131.0);
        for (size_t j = 0; j < N; j++) {
            /* 6 R pairs, p = 1/49: mean 2449, sd sqrt(6R/49 (48/49)) = 49. */
            double e = 6.0 * R / 49;
            assert_true(fabs((double)pair[i][j] - e) < 5 * 49.0);
        }
    }
}

/* A sorting of positions by x, ties in input order (jh_sort_slice's). */
static void sorted_positions(const double *x, size_t n, size_t *pos)
{
    for (size_t i = 0; i < n; i++) {
        size_t j = i;
        for (; j > 0 && x[pos[j - 1]] > x[i]; j--)
            pos[j] = pos[j - 1];
        pos[j] = i;
    }
}

/* The bootstrap by counts against the naive resample: the same stream
 * drawn with jh_boot_draw (the explicit resample) picks positions in the
 * sorted slice; the naive replicate writes each picked region as one row
 * (in draw order) and calls jh_indices_all and jh_gini on the rows.
 *
 * The data below are integers or multiples of 2^-20 small enough that
 * every sum the order-based indices and the mean take is exact in either
 * order: n, mean, min, max, median, range, p90_p10 are identical, the
 * Gini's gap form (an exact integer numerator, one division) within 2
 * ulps of the naive long-double Gini, as is jh_gini_bootstrap's.  The
 * rest (sd, cv, Hoover, the entropy family) come from sums over the
 * counts against the slice's mean (boot_suite.c); their bound, derived
 * in docs/indices.md ("Inference"), is relative
 *   (4 tau + 6 sigma + 8) eps,  tau = 32 (a term), sigma = min(n, 32) +
 *   ceil(n / 32) + 3 (a blocked double sum),  eps = 2^-53,
 * and the naive side's own error (a term, long-double sums) is inside the
 * 4 tau -- except Hoover's: sum p |x - mu| moves by |mu - mu'| with the
 * naive mean mu' (long double, relative error <= n 2^-64), which is
 * n 2^-64 / (2 H) relative (near equality, H = 8.3e-9 below: 6.7e-14;
 * the counts' side is then the exact one, checked with fractions).  NaN
 * (undefined: a zero drawn for theil_l, atkinson_1/2, max_min_ratio)
 * must match NaN. */
static double by_counts_bound(size_t n)
{
    double sigma = (double)((n < 32 ? n : 32) + (n + 31) / 32 + 3);
    return (4 * 32 + 6 * sigma + 8) * 0x1p-53;
}

static double worst_by_counts; /* the largest difference seen, in bounds */

static void check_by_counts(const double *x, const double *w, size_t n, size_t B,
                            uint64_t seed)
{
    double *rep = malloc(JH_IX_COUNT * B * sizeof *rep), *grep = malloc(B * sizeof *grep);
    double *xr = malloc(n * sizeof *xr), *wr = malloc(n * sizeof *wr);
    double *xe = malloc(n * sizeof *xe), *we = malloc(n * sizeof *we), lo, hi, se;
    unsigned *counts = malloc(n * sizeof *counts);
    size_t *pos = malloc(n * sizeof *pos);
    uint32_t *drawn = malloc(n * sizeof *drawn);
    double tol = by_counts_bound(n);
    assert_non_null(rep && grep && xr && wr && xe && we && counts && pos && drawn);
    sorted_positions(x, n, pos);
    for (int weighted = 0; weighted < 2; weighted++) {
        const double *wp = weighted ? w : NULL;
        jh_boot_stream s, g, naive;
        jh_boot_stream_init(&s, seed, 0, 0, (size_t)weighted);
        g = naive = s;
        assert_int_equal(jh_indices_bootstrap(x, wp, n, B, &s, WS, counts, xr, wr, rep),
                         JH_OK);
        int gini_rc = jh_gini_bootstrap(x, wp, n, B, 0.95, &g, WS, counts, grep, &lo, &hi,
                                        &se);
        for (size_t b = 0; b < B; b++) {
            jh_index_set set;
            double gn = NAN;
            assert_int_equal(jh_boot_draw(&naive, n, drawn), JH_OK);
            for (size_t k = 0; k < n; k++) {
                size_t i = pos[drawn[k]];
                xe[k] = x[i];
                we[k] = weighted ? w[i] : 1.0;
            }
            assert_int_equal(jh_indices_all(xe, we, n, WS, &set), JH_OK);
            if (!jh_gini(xe, we, n, 0, WS, &gn) && gini_rc != JH_EZEROMEAN)
                check_close(grep[b], gn, 4.5e-16, "gap-form replicate", __FILE__, __LINE__);
            for (int k = 0; k < JH_IX_COUNT; k++) {
                double got = rep[(size_t)k * B + b], want = set.value[k];
                int exact = k == JH_IX_N || k == JH_IX_MEAN || k == JH_IX_MIN ||
                            k == JH_IX_MAX || k == JH_IX_MEDIAN || k == JH_IX_RANGE ||
                            k == JH_IX_P90_P10 || k == JH_IX_MAX_MIN_RATIO;
                double t = exact ? 0 : k == JH_IX_GINI ? 4.5e-16 : tol;
                if (k == JH_IX_HOOVER && want > 0) /* the naive side's mean, see above */
                    t += (double)n * 0x1p-64 / (2 * want);
                check_close(got, want, t, jh_index_name((jh_index_id)k, weighted), __FILE__,
                            __LINE__);
                if (!exact && !isnan(want) && want != 0 &&
                    fabs(got - want) / (t * fabs(want)) > worst_by_counts)
                    worst_by_counts = fabs(got - want) / (t * fabs(want));
            }
        }
    }
    free(rep), free(grep), free(xr), free(wr), free(xe), free(we), free(counts), free(pos),
        free(drawn);
}

/* Twelve small integers (the case of before), with weights. */
static void test_bootstrap_by_counts(void **state)
{
    (void)state;
    const double x[12] = {9, 3, 14, 5, 5, 27, 2, 9, 40, 11, 5, 18};
    const double w[12] = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8};
    check_by_counts(x, w, 12, 300, 11);
}

/* Slices that take every path: 150 skewed integers (five blocks of 32,
 * the quantile walk jumping over blocks); zeros (a replicate that draws
 * one has no theil_l, atkinson_1/2, max_min_ratio); near equality, 1000
 * plus multiples of 2^-20 (second-order sums of 1e-13, where a
 * first-order formula would lose every digit; replicates whose mean is
 * far from the slice's against their spread are compacted); one, two
 * and three values (most replicates compacted or all equal: exactly 0). */
static void test_bootstrap_by_counts_paths(void **state)
{
    (void)state;
    enum { N = 150 };
    double x[N], w[N];
    lcg_state = 3;
    for (size_t i = 0; i < N; i++) {
        x[i] = floor(exp((double)(lcg_next() % 10000) / 1400.0)); /* 1 .. 1260 */
        w[i] = 1 + lcg_next() % 900;
    }
    check_by_counts(x, w, N, 200, 21);
    for (size_t i = 0; i < 40; i++)
        x[i] = i % 7 == 0 ? 0 : (double)(lcg_next() % 50);
    check_by_counts(x, w, 40, 400, 22);
    for (size_t i = 0; i < 40; i++)
        x[i] = 1000 + (double)(lcg_next() % 64) * 0x1p-20;
    check_by_counts(x, w, 40, 400, 23);
    const double few[3] = {4, 1, 4}, fw[3] = {2, 7, 1};
    for (size_t n = 1; n <= 3; n++)
        check_by_counts(few, fw, n, 64, 24 + n);
    print_message("by counts against the naive resample: largest difference %.3g of "
                  "its bound\n", worst_by_counts);
}

/* jh_gini_bootstrap on skewed data: the same stream gives the same
 * interval, the interval holds the point estimate. */
static void test_gini_bootstrap(void **state)
{
    (void)state;
    enum { N = 200, B = 300 };
    double x[N], w[N], rep[B];
    unsigned counts[N];
    lcg_state = 11;
    for (size_t i = 0; i < N; i++) {
        /* Skewed but well-behaved values: exp of a uniform on [0, 2). */
        x[i] = exp((double)(lcg_next() % 10000) / 5000.0);
        w[i] = 1 + lcg_next() % 50;
    }
    for (int weighted = 0; weighted < 2; weighted++) {
        const double *wp = weighted ? w : NULL;
        double lo, hi, se, lo2, hi2, se2, g;
        jh_boot_stream s, s2;
        jh_boot_stream_init(&s, 5, 0, 0, 0);
        s2 = s;
        assert_int_equal(jh_gini_bootstrap(x, wp, N, B, 0.95, &s, WS, counts, rep,
                                           &lo, &hi, &se), JH_OK);
        assert_int_equal(jh_gini_bootstrap(x, wp, N, B, 0.95, &s2, WS, counts, NULL,
                                           &lo2, &hi2, &se2), JH_OK);
        assert_true(lo == lo2 && hi == hi2 && se == se2);
        /* The SSE2 lanes give the AVX lanes' bits (or the same path twice
         * where there is no AVX). */
        double rep_sse2[B];
        jh_boot_stream s3;
        jh_boot_stream_init(&s3, 5, 0, 0, 0);
        setenv("JUNHENG_SIMD", "sse2", 1);
        assert_int_equal(jh_gini_bootstrap(x, wp, N, B, 0.95, &s3, WS, counts, rep_sse2,
                                           &lo2, &hi2, &se2), JH_OK);
        unsetenv("JUNHENG_SIMD");
        assert_memory_equal(rep, rep_sse2, sizeof rep);
        assert_int_equal(jh_gini(x, wp, N, 0, WS, &g), JH_OK);
        assert_true(lo < g && g < hi);
        assert_true(se > 0 && se < hi - lo);
    }
    jh_boot_stream s;
    jh_boot_stream_init(&s, 5, 0, 0, 0);
    double lo, hi, se;
    assert_int_equal(jh_gini_bootstrap(x, NULL, N, 0, 0.95, &s, WS, counts, NULL,
                                       &lo, &hi, &se), JH_EINVAL);
}

/* ---- permutations -------------------------------------------------------- */

static void test_permute_blocks(void **state)
{
    (void)state;
    /* Two blocks; block 0 holds labels {0,0,1}, block 1 holds {1,2,2,0}. */
    const size_t block[] = {0, 1, 0, 1, 1, 0, 1};
    const size_t g[] = {0, 1, 0, 2, 2, 1, 0};
    size_t out[7], out2[7], scratch[7];
    jh_permuter *p = jh_permuter_alloc(block, 7, 2);
    assert_non_null(p);
    gsl_rng_set(RNG, 9);
    int moved = 0;
    for (int rep = 0; rep < 100; rep++) {
        size_t cnt[2][3] = {{0}};
        assert_int_equal(jh_permute_labels(p, RNG, g, out, scratch), JH_OK);
        for (size_t i = 0; i < 7; i++)
            cnt[block[i]][out[i]]++;
        assert_int_equal(cnt[0][0], 2);
        assert_int_equal(cnt[0][1], 1);
        assert_int_equal(cnt[0][2], 0);
        assert_int_equal(cnt[1][0], 1);
        assert_int_equal(cnt[1][1], 1);
        assert_int_equal(cnt[1][2], 2);
        moved |= memcmp(out, g, sizeof g) != 0;
    }
    assert_true(moved);
    gsl_rng_set(RNG, 3);
    jh_permute_labels(p, RNG, g, out, scratch);
    gsl_rng_set(RNG, 3);
    jh_permute_labels(p, RNG, g, out2, scratch);
    assert_memory_equal(out, out2, sizeof out);
    jh_permuter_free(p);
}

/* observed 0.5, permutation statistics {0.1, 0.5, 0.7, NaN}: two of the
 * three defined ones are >= 0.5: p = (1 + 2)/(3 + 1) = 0.75.  None larger:
 * p = 1/(P+1), never 0. */
static void test_pvalue(void **state)
{
    (void)state;
    const double perm[] = {0.1, 0.5, 0.7, NAN};
    assert_close(jh_perm_pvalue(0.5, perm, 4), 0.75);
    assert_close(jh_perm_pvalue(0.9, perm, 4), 0.25);
    /* 0.5 computed another way (0.1 * 5) still counts as equal. */
    assert_close(jh_perm_pvalue(0.1 * 5, perm, 4), 0.75);
    assert_true(isnan(jh_perm_pvalue(NAN, perm, 4)));
}

static void test_seed(void **state)
{
    (void)state;
    assert_true(jh_boot_seed(1, 2, 3, 4) == jh_boot_seed(1, 2, 3, 4));
    assert_true(jh_boot_seed(1, 2, 3, 4) != jh_boot_seed(1, 2, 3, 5));
    assert_true(jh_boot_seed(1, 2, 3, 4) != jh_boot_seed(2, 2, 3, 4));
    assert_true(jh_boot_seed(1, 0, 1, 0) != jh_boot_seed(1, 1, 0, 0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_interval_hand),
        cmocka_unit_test(test_interval_errors),
        cmocka_unit_test(test_jackknife_hand),
        cmocka_unit_test(test_jackknife_naive),
        cmocka_unit_test(test_jackknife_errors),
        cmocka_unit_test(test_resampler_strata),
        cmocka_unit_test(test_boot_apply),
        cmocka_unit_test(test_stream_reference),
        cmocka_unit_test(test_stream_batches),
        cmocka_unit_test(test_stream_counts),
        cmocka_unit_test(test_stream_uniform),
        cmocka_unit_test(test_bootstrap_by_counts),
        cmocka_unit_test(test_bootstrap_by_counts_paths),
        cmocka_unit_test(test_gini_bootstrap),
        cmocka_unit_test(test_permute_blocks),
        cmocka_unit_test(test_pvalue),
        cmocka_unit_test(test_seed),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
