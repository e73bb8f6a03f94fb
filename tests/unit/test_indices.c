/* Unit tests for the numeric core (include/junheng/indices.h).
 *
 * Written independently of src/core as a cross-check.  Every expected value
 * is either derived by hand in the comment next to it (exact closed forms:
 * fractions, ln, sqrt) or follows from a mathematical identity of the index
 * (zero for equal values, scale/replication invariance, integer weights ==
 * replicated rows, the transfer principle, GE(2) = CV^2/2, A(1) = 1-exp(-L)).
 * Numbers are compared to 1e-12 relative (1e-14 absolute when the exact
 * value is 0).
 *
 * Notation: mu = mean, W = sum of weights, p_i = w_i/W, ordered pairs means
 * the double sum over i and j. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core_internal.h"
#include "junheng/grow.h"
#include "junheng/indices.h"
#include "junheng/status.h"

/* ---- helpers ------------------------------------------------------------ */

#define REL_TOL 1e-12
#define ZERO_TOL 1e-14 /* absolute, only when the exact value is 0 */
#define SENTINEL (-777.25)
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static int close_enough(double got, double expected)
{
    if (isnan(expected))
        return isnan(got);
    if (expected == 0.0)
        return fabs(got) <= ZERO_TOL;
    return fabs(got - expected) <= REL_TOL * fabs(expected);
}

static void check_close(double got, double expected, const char *label,
                        const char *what, const char *file, int line)
{
    if (!close_enough(got, expected)) {
        print_error("%s%s%s = %.17g, expected %.17g (rel. error %.3g)\n",
                    label ? label : "", label ? ": " : "", what, got,
                    expected,
                    expected != 0.0 ? fabs(got - expected) / fabs(expected)
                                    : fabs(got));
        _fail(file, line);
    }
}

static void check_status(int got, int expected, const char *label,
                         const char *file, int line)
{
    if (got != expected) {
        print_error("%s: status %d (%s), expected %d (%s)\n",
                    label ? label : "", got, jh_strerror(got), expected,
                    jh_strerror(expected));
        _fail(file, line);
    }
}

/* Two computed values that must agree (an identity or invariance): 1e-12
 * relative to the larger, or both within 1e-14 of 0 when the exact common
 * value is 0 (e.g. Atkinson(0), whose rounding residue is ~1e-20). */
static void check_same(double a, double b, const char *label, const char *what,
                       const char *file, int line)
{
    double m = fmax(fabs(a), fabs(b));
    int ok = (fabs(a - b) <= REL_TOL * m) ||
             (fabs(a) <= ZERO_TOL && fabs(b) <= ZERO_TOL);
    if (!ok || isnan(a) || isnan(b)) {
        print_error("%s%s%s: %.17g vs %.17g (rel. difference %.3g)\n",
                    label ? label : "", label ? ": " : "", what, a, b,
                    m > 0 ? fabs(a - b) / m : 0.0);
        _fail(file, line);
    }
}

#define assert_close(got, expected) \
    check_close((got), (expected), NULL, #got, __FILE__, __LINE__)
#define assert_close_l(label, got, expected) \
    check_close((got), (expected), (label), #got, __FILE__, __LINE__)
#define assert_same_l(label, a, b) \
    check_same((a), (b), (label), #a " vs " #b, __FILE__, __LINE__)
#define assert_status(got, expected) \
    check_status((got), (expected), #got, __FILE__, __LINE__)
#define assert_status_l(label, got, expected) \
    check_status((got), (expected), (label), __FILE__, __LINE__)

/* A workspace for every test; big enough for everything except the tests
 * that need a too-small one. */
static jh_workspace *WS;

static int setup_ws(void **state)
{
    (void)state;
    WS = jh_workspace_alloc(4096);
    return WS ? 0 : -1;
}

static int teardown_ws(void **state)
{
    (void)state;
    jh_workspace_free(WS);
    WS = NULL;
    return 0;
}

/* A small deterministic generator (Knuth's MMIX LCG, top 31 bits). */
static uint64_t lcg_state;
static void lcg_seed(uint64_t s) { lcg_state = s; }
static uint32_t lcg_next(void)
{
    lcg_state = lcg_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)(lcg_state >> 33);
}
static double lcg_unit(void) { return lcg_next() / 2147483648.0; } /* [0,1) */

/* ---- every index behind one signature ------------------------------------ */

typedef int (*ix_fn)(const double *x, const double *w, size_t n,
                     jh_workspace *ws, double *out);

#define WRAP_W(name, call)                                               \
    static int name(const double *x, const double *w, size_t n,          \
                    jh_workspace *ws, double *out)                       \
    {                                                                    \
        (void)ws;                                                        \
        return call;                                                     \
    }
#define WRAP_WS(name, call)                                              \
    static int name(const double *x, const double *w, size_t n,          \
                    jh_workspace *ws, double *out)                       \
    {                                                                    \
        return call;                                                     \
    }
#define WRAP_NOW(name, call)                                             \
    static int name(const double *x, const double *w, size_t n,          \
                    jh_workspace *ws, double *out)                       \
    {                                                                    \
        (void)w;                                                         \
        (void)ws;                                                        \
        return call;                                                     \
    }

WRAP_WS(f_gini, jh_gini(x, w, n, 0, ws, out))
WRAP_WS(f_gini_corr, jh_gini(x, w, n, 1, ws, out))
WRAP_W(f_mean, jh_mean(x, w, n, out))
WRAP_W(f_sd, jh_sd(x, w, n, out))
WRAP_W(f_cv, jh_cv(x, w, n, out))
WRAP_W(f_ge_m1, jh_ge(x, w, n, -1.0, out))
WRAP_W(f_ge0, jh_ge(x, w, n, 0.0, out))
WRAP_W(f_ge05, jh_ge(x, w, n, 0.5, out))
WRAP_W(f_ge1, jh_ge(x, w, n, 1.0, out))
WRAP_W(f_ge2, jh_ge(x, w, n, 2.0, out))
WRAP_W(f_ge3, jh_ge(x, w, n, 3.0, out))
WRAP_W(f_theil_t, jh_theil_t(x, w, n, out))
WRAP_W(f_theil_l, jh_theil_l(x, w, n, out))
WRAP_W(f_atk0, jh_atkinson(x, w, n, 0.0, out))
WRAP_W(f_atk05, jh_atkinson(x, w, n, 0.5, out))
WRAP_W(f_atk1, jh_atkinson(x, w, n, 1.0, out))
WRAP_W(f_atk15, jh_atkinson(x, w, n, 1.5, out))
WRAP_W(f_atk2, jh_atkinson(x, w, n, 2.0, out))
WRAP_NOW(f_min, jh_min(x, n, out))
WRAP_NOW(f_max, jh_max(x, n, out))
WRAP_NOW(f_range, jh_range(x, n, out))
WRAP_NOW(f_mmr, jh_max_min_ratio(x, n, out))
WRAP_WS(f_median, jh_median(x, w, n, ws, out))
WRAP_WS(f_q0, jh_quantile(x, w, n, 0.0, ws, out))
WRAP_WS(f_q25, jh_quantile(x, w, n, 0.25, ws, out))
WRAP_WS(f_q90, jh_quantile(x, w, n, 0.9, ws, out))
WRAP_WS(f_q1, jh_quantile(x, w, n, 1.0, ws, out))
WRAP_WS(f_p90p10, jh_p90_p10(x, w, n, ws, out))
WRAP_W(f_hoover, jh_hoover(x, w, n, out))

enum {
    F_W = 1 << 0,        /* takes weights */
    F_WS = 1 << 1,       /* needs a workspace */
    F_ZEROEQ = 1 << 2,   /* 0 for equal values */
    F_ONEEQ = 1 << 3,    /* 1 for equal values */
    F_SCALE0 = 1 << 4,   /* invariant under x -> c x */
    F_SCALE1 = 1 << 5,   /* f(c x) = c f(x) */
    F_NONNEG = 1 << 6,   /* negative x -> JH_ENEGATIVE */
    F_MEANDIV = 1 << 7,  /* all zeros -> JH_EZEROMEAN */
    F_LOGZERO = 1 << 8,  /* a zero value -> JH_EZERO */
    F_TRANSFER = 1 << 9, /* strictly lower after a rich-to-poor transfer */
    F_REPL = 1 << 10,    /* invariant under replicating every region */
};

typedef struct ix_case {
    const char *name;
    ix_fn fn;
    unsigned flags;
} ix_case;

#define INEQ (F_ZEROEQ | F_SCALE0 | F_NONNEG | F_REPL)
static const ix_case CASES[] = {
    {"gini", f_gini, F_W | F_WS | INEQ | F_MEANDIV | F_TRANSFER},
    {"gini corrected", f_gini_corr,
     F_WS | F_ZEROEQ | F_SCALE0 | F_NONNEG | F_MEANDIV | F_TRANSFER},
    {"mean", f_mean, F_W | F_SCALE1 | F_REPL},
    {"sd", f_sd, F_W | F_ZEROEQ | F_SCALE1 | F_REPL | F_TRANSFER},
    {"cv", f_cv, F_W | INEQ | F_MEANDIV | F_TRANSFER},
    {"ge(-1)", f_ge_m1, F_W | INEQ | F_LOGZERO | F_TRANSFER},
    {"ge(0)", f_ge0, F_W | INEQ | F_LOGZERO | F_TRANSFER},
    {"ge(0.5)", f_ge05, F_W | INEQ | F_MEANDIV | F_TRANSFER},
    {"ge(1)", f_ge1, F_W | INEQ | F_MEANDIV | F_TRANSFER},
    {"ge(2)", f_ge2, F_W | INEQ | F_MEANDIV | F_TRANSFER},
    {"ge(3)", f_ge3, F_W | INEQ | F_MEANDIV | F_TRANSFER},
    {"theil_t", f_theil_t, F_W | INEQ | F_MEANDIV | F_TRANSFER},
    {"theil_l", f_theil_l, F_W | INEQ | F_LOGZERO | F_TRANSFER},
    {"atkinson(0)", f_atk0, F_W | INEQ | F_MEANDIV},
    {"atkinson(0.5)", f_atk05, F_W | INEQ | F_MEANDIV | F_TRANSFER},
    {"atkinson(1)", f_atk1, F_W | INEQ | F_LOGZERO | F_TRANSFER},
    {"atkinson(1.5)", f_atk15, F_W | INEQ | F_LOGZERO | F_TRANSFER},
    {"atkinson(2)", f_atk2, F_W | INEQ | F_LOGZERO | F_TRANSFER},
    {"min", f_min, F_SCALE1 | F_REPL},
    {"max", f_max, F_SCALE1 | F_REPL},
    {"range", f_range, F_ZEROEQ | F_SCALE1 | F_REPL},
    {"max_min_ratio", f_mmr,
     F_ONEEQ | F_SCALE0 | F_NONNEG | F_LOGZERO | F_REPL},
    {"median", f_median, F_W | F_WS | F_SCALE1 | F_REPL},
    {"quantile(0)", f_q0, F_W | F_WS | F_SCALE1 | F_REPL},
    {"quantile(0.25)", f_q25, F_W | F_WS | F_SCALE1 | F_REPL},
    {"quantile(0.9)", f_q90, F_W | F_WS | F_SCALE1 | F_REPL},
    {"quantile(1)", f_q1, F_W | F_WS | F_SCALE1 | F_REPL},
    {"p90_p10", f_p90p10, F_W | F_WS | F_ONEEQ | F_SCALE0 | F_NONNEG | F_REPL},
    {"hoover", f_hoover, F_W | INEQ | F_MEANDIV},
};
#define NCASES NELEM(CASES)

/* Property data: a tie (1.2), no zero; integer weights with W = 19. */
static const double PX[] = {3.5, 1.2, 7.9, 2.2, 5.0, 1.2, 0.4, 9.1};
static const double PW[] = {1, 3, 2, 1, 4, 2, 5, 1};
#define PN NELEM(PX)

/* ======================================================================
 * Hand-computed values
 * ====================================================================== */

/* ---- Gini ---- */

static void test_gini_unweighted_1234(void **state)
{
    (void)state;
    /* x = {1,2,3,4} (given shuffled): mu = 2.5; sum |xi-xj| over ordered
     * pairs = 2*(1+2+3+1+2+1) = 20; G = 20/(2 * 4^2 * 2.5) = 20/80 = 0.25.
     * Sorted form: (2*(1*1+2*2+3*3+4*4) - 5*10)/(4*10) = (60-50)/40. */
    const double x[] = {3, 1, 4, 2};
    double g = SENTINEL;
    assert_status(jh_gini(x, NULL, 4, 0, WS, &g), JH_OK);
    assert_close(g, 0.25);
}

static void test_gini_unweighted_with_zero(void **state)
{
    (void)state;
    /* x = {0,1,2,3}: mu = 1.5; ordered-pair sum = 2*(1+2+3+1+2+1) = 20;
     * G = 20/(2*16*1.5) = 20/48 = 5/12. */
    const double x[] = {2, 0, 3, 1};
    double g = SENTINEL;
    assert_status(jh_gini(x, NULL, 4, 0, WS, &g), JH_OK);
    assert_close(g, 5.0 / 12.0);
}

static void test_gini_one_region_holds_everything(void **state)
{
    (void)state;
    /* x = {0,0,4,0}: mu = 1; ordered pairs with |diff| = 4: 2*3 = 6,
     * sum = 24; G = 24/(2*16*1) = 3/4 = (n-1)/n; corrected: 3/4 * 4/3 = 1. */
    const double x[] = {0, 0, 4, 0};
    double g = SENTINEL, gc = SENTINEL;
    assert_status(jh_gini(x, NULL, 4, 0, WS, &g), JH_OK);
    assert_close(g, 0.75);
    assert_status(jh_gini(x, NULL, 4, 1, WS, &gc), JH_OK);
    assert_close(gc, 1.0);
}

static void test_gini_corrected_1234(void **state)
{
    (void)state;
    /* G = 0.25 (above) times n/(n-1) = 4/3: 1/3. */
    const double x[] = {1, 2, 3, 4};
    double g = SENTINEL;
    assert_status(jh_gini(x, NULL, 4, 1, WS, &g), JH_OK);
    assert_close(g, 1.0 / 3.0);
}

static void test_gini_single_region_is_zero(void **state)
{
    (void)state;
    /* n = 1: the double sum is |x1 - x1| = 0. */
    const double x[] = {5.5};
    const double w[] = {2.0};
    double g = SENTINEL, gw = SENTINEL;
    assert_status(jh_gini(x, NULL, 1, 0, WS, &g), JH_OK);
    assert_close(g, 0.0);
    assert_status(jh_gini(x, w, 1, 0, WS, &gw), JH_OK);
    assert_close(gw, 0.0);
}

static void test_gini_weighted_integer(void **state)
{
    (void)state;
    /* x = {1,2,3}, w = {1,2,1}: W = 4, mu_w = (1+4+3)/4 = 2.
     * sum_ij w_i w_j |xi-xj| = 2*(1*2*1 + 1*1*2 + 2*1*1) = 12;
     * G = 12/(2 * 4^2 * 2) = 12/64 = 3/16.
     * Check: rows {1,2,2,3}: ordered-pair sum 12, mu 2, 12/64. */
    const double x[] = {3, 1, 2};
    const double w[] = {1, 1, 2};
    double g = SENTINEL;
    assert_status(jh_gini(x, w, 3, 0, WS, &g), JH_OK);
    assert_close(g, 3.0 / 16.0);
}

static void test_gini_weighted_fractional(void **state)
{
    (void)state;
    /* x = {2,6}, w = {3,1}: p = {3/4,1/4}, mu_w = 1.5+1.5 = 3;
     * sum p_i p_j |xi-xj| = 2 * 3/4 * 1/4 * 4 = 1.5; G = 1.5/(2*3) = 1/4.
     * Weights {0.3,0.1} give the same p, so the same G. */
    const double x[] = {6, 2};
    const double w[] = {1, 3};
    const double w2[] = {0.1, 0.3};
    double g = SENTINEL, g2 = SENTINEL;
    assert_status(jh_gini(x, w, 2, 0, WS, &g), JH_OK);
    assert_close(g, 0.25);
    assert_status(jh_gini(x, w2, 2, 0, WS, &g2), JH_OK);
    assert_close(g2, 0.25);
}

static void test_gini_weighted_ties(void **state)
{
    (void)state;
    /* x = {2,1,2}, w = {1,1,2}: W = 4, mu_w = (2+1+4)/4 = 7/4.
     * Only pairs (1,2) differ: |1-2| = 1 with weights 1*1 and 1*2, both
     * orders: 2*(1+2) = 6; G = 6/(2*16*7/4) = 6/56 = 3/28. */
    const double x[] = {2, 1, 2};
    const double w[] = {1, 1, 2};
    double g = SENTINEL;
    assert_status(jh_gini(x, w, 3, 0, WS, &g), JH_OK);
    assert_close(g, 3.0 / 28.0);
}

/* ---- mean, sd, cv ---- */

static void test_mean_values(void **state)
{
    (void)state;
    /* {1,2,3,4}: 10/4 = 2.5.  {1,2,3} w {1,2,1}: (1+4+3)/4 = 2.
     * {1,2,4} w {0.5,1,0.5}: (0.5+2+2)/2 = 2.25. */
    const double x[] = {1, 2, 3, 4};
    const double x3[] = {1, 2, 3};
    const double w3[] = {1, 2, 1};
    const double x4[] = {1, 2, 4};
    const double w4[] = {0.5, 1, 0.5};
    double m = SENTINEL;
    assert_status(jh_mean(x, NULL, 4, &m), JH_OK);
    assert_close(m, 2.5);
    assert_status(jh_mean(x3, w3, 3, &m), JH_OK);
    assert_close(m, 2.0);
    assert_status(jh_mean(x4, w4, 3, &m), JH_OK);
    assert_close(m, 2.25);
}

static void test_sd_population_form(void **state)
{
    (void)state;
    /* {1,2,3,4}: deviations -1.5,-.5,.5,1.5, squares sum 5, /n = 1.25,
     * sd = sqrt(5)/2 (dividing by n, not n-1).
     * {1,2,3} w {1,2,1}: mu 2, sum p (x-mu)^2 = 1/4 + 0 + 1/4 = 1/2. */
    const double x[] = {4, 3, 2, 1};
    const double x3[] = {1, 2, 3};
    const double w3[] = {1, 2, 1};
    double s = SENTINEL;
    assert_status(jh_sd(x, NULL, 4, &s), JH_OK);
    assert_close(s, sqrt(5.0) / 2.0);
    assert_status(jh_sd(x3, w3, 3, &s), JH_OK);
    assert_close(s, sqrt(0.5));
}

static void test_cv_unweighted(void **state)
{
    (void)state;
    /* {1,2,3,4}: sd/mu = (sqrt(5)/2)/2.5 = 1/sqrt(5).
     * {1,3}: sd = 1, mu = 2, cv = 1/2. */
    const double x[] = {1, 2, 3, 4};
    const double x2[] = {3, 1};
    double c = SENTINEL;
    assert_status(jh_cv(x, NULL, 4, &c), JH_OK);
    assert_close(c, 1.0 / sqrt(5.0));
    assert_status(jh_cv(x2, NULL, 2, &c), JH_OK);
    assert_close(c, 0.5);
}

static void test_cv_williamson_weighted(void **state)
{
    (void)state;
    /* {1,2,3} w {1,2,1}: sqrt(1/2)/2 = sqrt(2)/4.
     * {1,2,4} w {1,2,1}: mu_w = 9/4, sum p x^2 = (1+8+16)/4 = 25/4,
     * var = 25/4 - 81/16 = 19/16, cv_w = (sqrt(19)/4)/(9/4) = sqrt(19)/9. */
    const double x3[] = {1, 2, 3};
    const double w3[] = {1, 2, 1};
    const double x4[] = {4, 1, 2};
    const double w4[] = {1, 1, 2};
    double c = SENTINEL;
    assert_status(jh_cv(x3, w3, 3, &c), JH_OK);
    assert_close(c, sqrt(2.0) / 4.0);
    assert_status(jh_cv(x4, w4, 3, &c), JH_OK);
    assert_close(c, sqrt(19.0) / 9.0);
}

/* ---- generalised entropy ---- */

/* x = {1,3}: mu = 2, x/mu = {1/2, 3/2}, p = 1/2 each. */
static void test_ge_alpha0_is_mld(void **state)
{
    (void)state;
    /* GE(0) = 1/2 [ln(2/1) + ln(2/3)] = ln 2 - (1/2) ln 3. */
    const double x[] = {1, 3};
    double v = SENTINEL;
    assert_status(jh_ge(x, NULL, 2, 0.0, &v), JH_OK);
    assert_close(v, log(2.0) - 0.5 * log(3.0));
}

static void test_ge_alpha1_is_theil_t(void **state)
{
    (void)state;
    /* GE(1) = 1/2 [1/2 ln(1/2) + 3/2 ln(3/2)]
     *       = 1/4 [-ln 2 + 3 ln 3 - 3 ln 2] = (3/4) ln 3 - ln 2. */
    const double x[] = {1, 3};
    double v = SENTINEL;
    assert_status(jh_ge(x, NULL, 2, 1.0, &v), JH_OK);
    assert_close(v, 0.75 * log(3.0) - log(2.0));
}

static void test_ge_alpha2(void **state)
{
    (void)state;
    /* {1,3}: 1/2 [1/2 (1/4 + 9/4) - 1] = 1/2 * 1/4 = 1/8.
     * {1,2,3,4}: mu^2 = 6.25, mean of x^2 = 30/4, ratio 1.2, (1.2-1)/2 = 0.1. */
    const double x[] = {1, 3};
    const double x4[] = {1, 2, 3, 4};
    double v = SENTINEL;
    assert_status(jh_ge(x, NULL, 2, 2.0, &v), JH_OK);
    assert_close(v, 0.125);
    assert_status(jh_ge(x4, NULL, 4, 2.0, &v), JH_OK);
    assert_close(v, 0.1);
}

static void test_ge_alpha_half(void **state)
{
    (void)state;
    /* 1/(0.5*(-0.5)) = -4; sum p (x/mu)^0.5 = (sqrt(1/2) + sqrt(3/2))/2;
     * GE = -4[(sqrt(.5)+sqrt(1.5))/2 - 1] = 4 - 2 sqrt(.5) - 2 sqrt(1.5)
     *    = 4 - sqrt(2) - sqrt(6). */
    const double x[] = {1, 3};
    double v = SENTINEL;
    assert_status(jh_ge(x, NULL, 2, 0.5, &v), JH_OK);
    assert_close(v, 4.0 - sqrt(2.0) - sqrt(6.0));
}

static void test_ge_alpha3(void **state)
{
    (void)state;
    /* 1/(3*2) = 1/6; sum p (x/mu)^3 = (1/8 + 27/8)/2 = 7/4;
     * GE(3) = (7/4 - 1)/6 = 1/8. */
    const double x[] = {1, 3};
    double v = SENTINEL;
    assert_status(jh_ge(x, NULL, 2, 3.0, &v), JH_OK);
    assert_close(v, 0.125);
}

static void test_ge_alpha_minus1(void **state)
{
    (void)state;
    /* 1/((-1)(-2)) = 1/2; sum p (x/mu)^-1 = (2 + 2/3)/2 = 4/3;
     * GE(-1) = (4/3 - 1)/2 = 1/6. */
    const double x[] = {1, 3};
    double v = SENTINEL;
    assert_status(jh_ge(x, NULL, 2, -1.0, &v), JH_OK);
    assert_close(v, 1.0 / 6.0);
}

static void test_ge_weighted(void **state)
{
    (void)state;
    /* x = {1,2,4}, w = {1,2,1}: p = {1/4,1/2,1/4}, mu = 9/4.
     * GE(0) = ln mu - sum p ln x = ln(9/4) - (0 + ln2/2 + ln4/4)
     *       = ln(9/4) - ln 2 = ln(9/8).
     * GE(1) = sum s ln(s/p), s = p x/mu = {1/9,4/9,4/9}:
     *       = 1/9 ln(4/9) + 4/9 ln(8/9) + 4/9 ln(16/9)
     *       = (2+12+16)/9 ln2 - (2+8+8)/9 ln3 = (10 ln2 - 6 ln3)/3.
     * GE(2) = [sum p x^2 / mu^2 - 1]/2 = [(25/4)(16/81) - 1]/2 = 19/162.
     * GE(3) = [sum p x^3 / mu^3 - 1]/6 = [(81/4)(64/729) - 1]/6
     *       = (16/9 - 1)/6 = 7/54.
     * GE(0.5) = -4[sum p sqrt(x)/sqrt(mu) - 1]
     *         = -4[(1/4 + sqrt2/2 + 1/2)(2/3) - 1] = -4[sqrt2/3 - 1/2]
     *         = 2 - 4 sqrt(2)/3. */
    const double x[] = {2, 1, 4};
    const double w[] = {2, 1, 1};
    double v = SENTINEL;
    assert_status(jh_ge(x, w, 3, 0.0, &v), JH_OK);
    assert_close(v, log(9.0 / 8.0));
    assert_status(jh_ge(x, w, 3, 1.0, &v), JH_OK);
    assert_close(v, (10.0 * log(2.0) - 6.0 * log(3.0)) / 3.0);
    assert_status(jh_ge(x, w, 3, 2.0, &v), JH_OK);
    assert_close(v, 19.0 / 162.0);
    assert_status(jh_ge(x, w, 3, 3.0, &v), JH_OK);
    assert_close(v, 7.0 / 54.0);
    assert_status(jh_ge(x, w, 3, 0.5, &v), JH_OK);
    assert_close(v, 2.0 - 4.0 * sqrt(2.0) / 3.0);
}

static void test_ge_with_zero_positive_alpha(void **state)
{
    (void)state;
    /* x = {0,1,2,3}: mu = 3/2.  Zeros are legitimate for alpha > 0.
     * GE(2) = [mean(x^2)/mu^2 - 1]/2 = [(14/4)/(9/4) - 1]/2 = (5/9)/2 = 5/18.
     * GE(0.5) = -4[(0 + sqrt(2/3) + sqrt(4/3) + sqrt(2))/4 - 1]. */
    const double x[] = {3, 0, 1, 2};
    double v = SENTINEL;
    assert_status(jh_ge(x, NULL, 4, 2.0, &v), JH_OK);
    assert_close(v, 5.0 / 18.0);
    assert_status(jh_ge(x, NULL, 4, 0.5, &v), JH_OK);
    assert_close(v, -4.0 * ((sqrt(2.0 / 3.0) + sqrt(4.0 / 3.0) + sqrt(2.0)) /
                                4.0 -
                            1.0));
}

/* ---- Theil ---- */

static void test_theil_t_values(void **state)
{
    (void)state;
    /* {1,3}: (3/4) ln 3 - ln 2 (see GE(1)).
     * {1,2,3,4}: mu = 5/2, T = (1/n) sum (x/mu) ln(x/mu)
     *   = (1/10)[ln(2/5) + 2 ln(4/5) + 3 ln(6/5) + 4 ln(8/5)]
     *   = (1/10)[(1+4+3+12) ln2 + 3 ln3 - 10 ln5] = 2 ln2 + 0.3 ln3 - ln5. */
    const double x[] = {3, 1};
    const double x4[] = {2, 4, 1, 3};
    double v = SENTINEL;
    assert_status(jh_theil_t(x, NULL, 2, &v), JH_OK);
    assert_close(v, 0.75 * log(3.0) - log(2.0));
    assert_status(jh_theil_t(x4, NULL, 4, &v), JH_OK);
    assert_close(v, 2.0 * log(2.0) + 0.3 * log(3.0) - log(5.0));
}

static void test_theil_t_keeps_zeros(void **state)
{
    (void)state;
    /* x = {0,1,2,3}, 0 ln 0 = 0 (PySAL convention; the zero stays in the
     * mean): mu = 3/2, T = (1/4) sum (x/mu) ln(x/mu) = (1/6) sum x ln(2x/3)
     *   = (1/6)[0 + ln(2/3) + 2 ln(4/3) + 3 ln 2] = (8 ln2 - 3 ln3)/6
     *   = 0.374890...  REFERENCES.md rounds this to 0.375 (confirmed).
     * R ineq/dineq drop the zero: {1,2,3} gives (3 ln3 - 4 ln2)/6
     *   = 0.0872..., the "0.087" of REFERENCES.md: we must not get that. */
    const double x[] = {1, 0, 3, 2};
    const double x3[] = {1, 2, 3};
    double v = SENTINEL, v3 = SENTINEL;
    assert_status(jh_theil_t(x, NULL, 4, &v), JH_OK);
    assert_close(v, (8.0 * log(2.0) - 3.0 * log(3.0)) / 6.0);
    assert_status(jh_theil_t(x3, NULL, 3, &v3), JH_OK);
    assert_close(v3, (3.0 * log(3.0) - 4.0 * log(2.0)) / 6.0);
}

static void test_theil_t_weighted(void **state)
{
    (void)state;
    /* {1,2,4} w {1,2,1}: (10 ln2 - 6 ln3)/3 (see test_ge_weighted). */
    const double x[] = {1, 2, 4};
    const double w[] = {1, 2, 1};
    double v = SENTINEL;
    assert_status(jh_theil_t(x, w, 3, &v), JH_OK);
    assert_close(v, (10.0 * log(2.0) - 6.0 * log(3.0)) / 3.0);
}

static void test_theil_l_values(void **state)
{
    (void)state;
    /* {1,3}: ln2 - ln3/2.  {1,2,4} w {1,2,1}: ln(9/8).
     * {1,2,3,4}: ln(5/2) - ln(24)/4 = ln(5/2) - (3 ln2 + ln3)/4. */
    const double x[] = {1, 3};
    const double xw[] = {4, 2, 1};
    const double w[] = {1, 2, 1};
    const double x4[] = {1, 2, 3, 4};
    double v = SENTINEL;
    assert_status(jh_theil_l(x, NULL, 2, &v), JH_OK);
    assert_close(v, log(2.0) - 0.5 * log(3.0));
    assert_status(jh_theil_l(xw, w, 3, &v), JH_OK);
    assert_close(v, log(9.0 / 8.0));
    assert_status(jh_theil_l(x4, NULL, 4, &v), JH_OK);
    assert_close(v, log(2.5) - (3.0 * log(2.0) + log(3.0)) / 4.0);
}

/* ---- Atkinson ---- */

static void test_atkinson_eps_half(void **state)
{
    (void)state;
    /* {1,3}: 1 - [(sqrt(1/2) + sqrt(3/2))/2]^2 = 1 - (2 + 2 sqrt(3/4))/4
     *      = 1 - (2 + sqrt3)/4 = (2 - sqrt3)/4.
     * {1,2,4} w {1,2,1}: 1 - [sum p sqrt(x/mu)]^2 = 1 - (1/2 + sqrt2/3)^2
     *      = 1 - (1/4 + sqrt2/3 + 2/9) = 19/36 - sqrt2/3.
     * {0,1,2,3}: 1 - [(0+1+sqrt2+sqrt3)/4]^2 / (3/2). */
    const double x[] = {1, 3};
    const double xw[] = {1, 2, 4};
    const double w[] = {1, 2, 1};
    const double x0[] = {0, 1, 2, 3};
    double v = SENTINEL;
    assert_status(jh_atkinson(x, NULL, 2, 0.5, &v), JH_OK);
    assert_close(v, (2.0 - sqrt(3.0)) / 4.0);
    assert_status(jh_atkinson(xw, w, 3, 0.5, &v), JH_OK);
    assert_close(v, 19.0 / 36.0 - sqrt(2.0) / 3.0);
    assert_status(jh_atkinson(x0, NULL, 4, 0.5, &v), JH_OK);
    double s = (1.0 + sqrt(2.0) + sqrt(3.0)) / 4.0;
    assert_close(v, 1.0 - s * s / 1.5);
}

static void test_atkinson_eps_one(void **state)
{
    (void)state;
    /* {1,3}: geometric mean sqrt3, 1 - sqrt3/2.
     * {1,2,4} w {1,2,1}: geometric mean 2^(1/2) 4^(1/4) = 2; 1 - 2/(9/4) = 1/9. */
    const double x[] = {1, 3};
    const double xw[] = {1, 2, 4};
    const double w[] = {1, 2, 1};
    double v = SENTINEL;
    assert_status(jh_atkinson(x, NULL, 2, 1.0, &v), JH_OK);
    assert_close(v, 1.0 - sqrt(3.0) / 2.0);
    assert_status(jh_atkinson(xw, w, 3, 1.0, &v), JH_OK);
    assert_close(v, 1.0 / 9.0);
}

static void test_atkinson_eps_two(void **state)
{
    (void)state;
    /* eps = 2: 1 - harmonic mean/mu.  {1,3}: H = 2/(1 + 1/3) = 3/2,
     * 1 - (3/2)/2 = 1/4.  {1,2,4} w {1,2,1}: 1/H = 1/4 + 1/4 + 1/16 = 9/16,
     * 1 - (16/9)/(9/4) = 1 - 64/81 = 17/81. */
    const double x[] = {3, 1};
    const double xw[] = {1, 2, 4};
    const double w[] = {1, 2, 1};
    double v = SENTINEL;
    assert_status(jh_atkinson(x, NULL, 2, 2.0, &v), JH_OK);
    assert_close(v, 0.25);
    assert_status(jh_atkinson(xw, w, 3, 2.0, &v), JH_OK);
    assert_close(v, 17.0 / 81.0);
}

static void test_atkinson_eps_zero_is_zero(void **state)
{
    (void)state;
    /* eps = 0: 1 - [sum p x/mu]^1 = 1 - 1 = 0 for any data. */
    const double x[] = {1, 3, 10};
    const double w[] = {2, 1, 5};
    double v = SENTINEL;
    assert_status(jh_atkinson(x, NULL, 3, 0.0, &v), JH_OK);
    assert_close(v, 0.0);
    assert_status(jh_atkinson(x, w, 3, 0.0, &v), JH_OK);
    assert_close(v, 0.0);
}

/* ---- min, max, range, max/min ---- */

static void test_min_max_range_ratio(void **state)
{
    (void)state;
    /* {3,1,4,1,5}: min 1, max 5, range 4, max/min 5. */
    const double x[] = {3, 1, 4, 1, 5};
    double v = SENTINEL;
    assert_status(jh_min(x, 5, &v), JH_OK);
    assert_close(v, 1.0);
    assert_status(jh_max(x, 5, &v), JH_OK);
    assert_close(v, 5.0);
    assert_status(jh_range(x, 5, &v), JH_OK);
    assert_close(v, 4.0);
    assert_status(jh_max_min_ratio(x, 5, &v), JH_OK);
    assert_close(v, 5.0);
    /* {0.5, 2.5}: max/min = 5, range = 2. */
    const double y[] = {2.5, 0.5};
    assert_status(jh_max_min_ratio(y, 2, &v), JH_OK);
    assert_close(v, 5.0);
    assert_status(jh_range(y, 2, &v), JH_OK);
    assert_close(v, 2.0);
}

static void test_descriptive_stats_accept_negative_values(void **state)
{
    (void)state;
    /* The header restricts x >= 0 to disparity indices.  x = {-3,1,2}:
     * mean 0, sd sqrt((9+1+4)/3) = sqrt(14/3), min -3, max 2, range 5,
     * median 1. */
    const double x[] = {1, -3, 2};
    double v = SENTINEL;
    assert_status(jh_mean(x, NULL, 3, &v), JH_OK);
    assert_close(v, 0.0);
    assert_status(jh_sd(x, NULL, 3, &v), JH_OK);
    assert_close(v, sqrt(14.0 / 3.0));
    assert_status(jh_min(x, 3, &v), JH_OK);
    assert_close(v, -3.0);
    assert_status(jh_max(x, 3, &v), JH_OK);
    assert_close(v, 2.0);
    assert_status(jh_range(x, 3, &v), JH_OK);
    assert_close(v, 5.0);
    assert_status(jh_median(x, NULL, 3, WS, &v), JH_OK);
    assert_close(v, 1.0);
}

/* ---- quantiles (Hyndman & Fan definition 2) ---- */

/* jh_grow: 16 first, then doubling to cover need; a refused size leaves
 * the array as it was. */
static void test_grow(void **state)
{
    (void)state;
    int *a = NULL;
    size_t cap = 0;
    assert_status(jh_grow((void **)&a, &cap, 1, sizeof *a), JH_OK);
    assert_int_equal(cap, 16);
    a[15] = 7;
    assert_status(jh_grow((void **)&a, &cap, 16, sizeof *a), JH_OK);
    assert_int_equal(cap, 16);
    assert_status(jh_grow((void **)&a, &cap, 40, sizeof *a), JH_OK);
    assert_int_equal(cap, 64);
    assert_int_equal(a[15], 7);
    int *before = a;
    assert_status(jh_grow((void **)&a, &cap, SIZE_MAX / 2, sizeof *a), JH_ENOMEM);
    assert_ptr_equal(a, before);
    assert_int_equal(cap, 64);
    free(a);
}

/* Robust z (the validate rule): {1, 2, 3, 4, 100} has median 3, absolute
 * deviations {2, 1, 0, 1, 97} with median 1, so z = deviation / 1.4826:
 * 100 -> 97 / 1.4826 = 65.42695...; {7, 7, 7, 9} has MAD 0: no z. */
static void test_robust_z(void **state)
{
    (void)state;
    const double x[] = {1, 2, 3, 4, 100}, flat[] = {7, 7, 7, 9};
    double z[5], med = SENTINEL, mad = SENTINEL;
    assert_status(jh_robust_z(x, 5, WS, z, &med, &mad), JH_OK);
    assert_close(med, 3.0);
    assert_close(mad, 1.0);
    assert_close(z[0], 2 / 1.4826);
    assert_close(z[2], 0.0);
    assert_close(z[4], 97 / 1.4826);
    assert_status(jh_robust_z(flat, 4, WS, z, NULL, NULL), JH_EZERO);
    assert_status(jh_robust_z(x, 0, WS, z, NULL, NULL), JH_EEMPTY);
}

static void test_median_odd_n(void **state)
{
    (void)state;
    /* {5,1,4,2,3}: W = 5, pW = 2.5, C_3 = 3 > 2.5 -> x_(3) = 3. */
    const double x[] = {5, 1, 4, 2, 3};
    double v = SENTINEL;
    assert_status(jh_median(x, NULL, 5, WS, &v), JH_OK);
    assert_close(v, 3.0);
}

static void test_median_even_n_averages(void **state)
{
    (void)state;
    /* {4,1,3,2}: pW = 2 = C_2 -> (x_(2) + x_(3))/2 = 2.5.
     * {1,2,2,3}: C_2 = 2 -> (2+2)/2 = 2. */
    const double x[] = {4, 1, 3, 2};
    const double y[] = {2, 3, 1, 2};
    double v = SENTINEL;
    assert_status(jh_median(x, NULL, 4, WS, &v), JH_OK);
    assert_close(v, 2.5);
    assert_status(jh_median(y, NULL, 4, WS, &v), JH_OK);
    assert_close(v, 2.0);
}

static void test_quantile_unweighted_steps(void **state)
{
    (void)state;
    /* {1,2,3,4}, W = 4:
     * p = 0.25: pW = 1 = C_1 -> (1+2)/2 = 1.5
     * p = 0.3:  pW = 1.2, first C_k > 1.2 is C_2 = 2 -> 2
     * p = 0.75: pW = 3 = C_3 -> (3+4)/2 = 3.5
     * p = 0.8:  pW = 3.2 -> x_(4) = 4 */
    const double x[] = {4, 2, 1, 3};
    double v = SENTINEL;
    assert_status(jh_quantile(x, NULL, 4, 0.25, WS, &v), JH_OK);
    assert_close(v, 1.5);
    assert_status(jh_quantile(x, NULL, 4, 0.3, WS, &v), JH_OK);
    assert_close(v, 2.0);
    assert_status(jh_quantile(x, NULL, 4, 0.75, WS, &v), JH_OK);
    assert_close(v, 3.5);
    assert_status(jh_quantile(x, NULL, 4, 0.8, WS, &v), JH_OK);
    assert_close(v, 4.0);
}

static void test_quantile_p0_is_min_p1_is_max(void **state)
{
    (void)state;
    /* p = 0: first C_k > 0 is k = 1 -> min.  p = 1: C_n = W, there is no
     * x_(n+1): the maximum (HF2 at p = 1). */
    const double x[] = {7, 2.5, 9, 4, 2.5};
    const double w[] = {1, 3, 0.5, 2, 1};
    double v = SENTINEL;
    assert_status(jh_quantile(x, NULL, 5, 0.0, WS, &v), JH_OK);
    assert_close(v, 2.5);
    assert_status(jh_quantile(x, NULL, 5, 1.0, WS, &v), JH_OK);
    assert_close(v, 9.0);
    assert_status(jh_quantile(x, w, 5, 0.0, WS, &v), JH_OK);
    assert_close(v, 2.5);
    assert_status(jh_quantile(x, w, 5, 1.0, WS, &v), JH_OK);
    assert_close(v, 9.0);
}

static void test_quantile_weighted(void **state)
{
    (void)state;
    /* x = {1,2,3}, w = {1,2,1}: W = 4, C = {1,3,4}.
     * p = 0.25: pW = 1 = C_1 -> (1+2)/2 = 1.5
     * p = 0.5:  pW = 2, C_2 = 3 > 2 -> 2
     * p = 0.75: pW = 3 = C_2 -> (2+3)/2 = 2.5
     * p = 0.8:  pW = 3.2 -> 3
     * Rows {1,2,2,3} give the same: 1.5, (2+2)/2, (2+3)/2, 3. */
    const double x[] = {3, 1, 2};
    const double w[] = {1, 1, 2};
    const double rows[] = {2, 1, 3, 2};
    const double p[] = {0.25, 0.5, 0.75, 0.8};
    const double expect[] = {1.5, 2.0, 2.5, 3.0};
    for (size_t i = 0; i < NELEM(p); i++) {
        double v = SENTINEL, r = SENTINEL;
        assert_status(jh_quantile(x, w, 3, p[i], WS, &v), JH_OK);
        assert_close(v, expect[i]);
        assert_status(jh_quantile(rows, NULL, 4, p[i], WS, &r), JH_OK);
        assert_close(r, expect[i]);
    }
    double m = SENTINEL;
    assert_status(jh_median(x, w, 3, WS, &m), JH_OK);
    assert_close(m, 2.0);
}

static void test_quantile_flat_step_within_rounding(void **state)
{
    (void)state;
    /* w = {0.1,0.2,0.7}: in doubles 0.1+0.2 = 0.30000000000000004 while
     * 0.3 * W = 0.3.  The header treats C_k == pW to a relative 1e-12, so
     * Q(0.3) sits on the flat step after x = 2: (2+3)/2 = 2.5 (exact
     * arithmetic gives the same). */
    const double x[] = {1, 2, 3};
    const double w[] = {0.1, 0.2, 0.7};
    double v = SENTINEL;
    assert_status(jh_quantile(x, w, 3, 0.3, WS, &v), JH_OK);
    assert_close(v, 2.5);
    /* and the median: C_2 = 0.3 < 0.5 < C_3 -> 3 */
    assert_status(jh_median(x, w, 3, WS, &v), JH_OK);
    assert_close(v, 3.0);
}

static void test_p90_p10_unweighted(void **state)
{
    (void)state;
    /* {1..10}: Q(0.9): pW = 9 = C_9 -> (9+10)/2 = 9.5;
     * Q(0.1): pW = 1 = C_1 -> (1+2)/2 = 1.5; ratio 9.5/1.5 = 19/3. */
    const double x[] = {7, 3, 10, 1, 5, 9, 2, 8, 6, 4};
    double v = SENTINEL;
    assert_status(jh_p90_p10(x, NULL, 10, WS, &v), JH_OK);
    assert_close(v, 19.0 / 3.0);
}

static void test_p90_p10_weighted_equals_rows(void **state)
{
    (void)state;
    /* x = {1,2,3,4}, w = {1,3,2,4}: W = 10, C = {1,4,6,10}.
     * Q(0.1): pW = 1 = C_1 -> (1+2)/2 = 1.5; Q(0.9): pW = 9 < 10 -> 4.
     * Ratio 4/1.5 = 8/3.  Rows {1,2,2,2,3,3,4,4,4,4}: Q(0.1) = (1+2)/2,
     * Q(0.9) = (x_(9)+x_(10))/2 = 4. */
    const double x[] = {3, 1, 4, 2};
    const double w[] = {2, 1, 4, 3};
    const double rows[] = {4, 2, 3, 4, 1, 2, 4, 3, 2, 4};
    double v = SENTINEL, r = SENTINEL;
    assert_status(jh_p90_p10(x, w, 4, WS, &v), JH_OK);
    assert_close(v, 8.0 / 3.0);
    assert_status(jh_p90_p10(rows, NULL, 10, WS, &r), JH_OK);
    assert_close(r, 8.0 / 3.0);
}

static void test_p90_p10_zero_value_but_positive_p10(void **state)
{
    (void)state;
    /* {0,1,...,9}: a zero, but Q(0.1) = (0+1)/2 = 0.5, Q(0.9) = (8+9)/2 =
     * 8.5: ratio 17 (JH_EZERO only when Q(0.1) itself is 0). */
    const double x[] = {9, 0, 8, 1, 7, 2, 6, 3, 5, 4};
    double v = SENTINEL;
    assert_status(jh_p90_p10(x, NULL, 10, WS, &v), JH_OK);
    assert_close(v, 17.0);
}

/* ---- Hoover ---- */

static void test_hoover_values(void **state)
{
    (void)state;
    /* {1,2,3,4}: shares .1,.2,.3,.4 vs .25: (.15+.05+.05+.15)/2 = 0.2.
     * {1,3}: shares .25,.75 vs .5: (.25+.25)/2 = 0.25.
     * {1,2,3} w {1,2,1}: sum xw = 8, x w/8 = {1/8,4/8,3/8}, p = {2/8,4/8,2/8}:
     * (1/8 + 0 + 1/8)/2 = 1/8. */
    const double x[] = {2, 1, 4, 3};
    const double x2[] = {1, 3};
    const double xw[] = {1, 2, 3};
    const double w[] = {1, 2, 1};
    double v = SENTINEL;
    assert_status(jh_hoover(x, NULL, 4, &v), JH_OK);
    assert_close(v, 0.2);
    assert_status(jh_hoover(x2, NULL, 2, &v), JH_OK);
    assert_close(v, 0.25);
    assert_status(jh_hoover(xw, w, 3, &v), JH_OK);
    assert_close(v, 0.125);
}

/* ---- Lorenz ---- */

static void check_points(const double *got, const double *expect, size_t m,
                         const char *what)
{
    for (size_t k = 0; k < m; k++) {
        char label[64];
        snprintf(label, sizeof label, "%s[%zu]", what, k);
        assert_close_l(label, got[k], expect[k]);
    }
}

static void test_lorenz_unweighted(void **state)
{
    (void)state;
    /* {3,1,4,2} sorted 1,2,3,4, sum 10: pop k/4; share 0,.1,.3,.6,1.
     * Trapezoid area .25*(.1+.4+.9+1.6)/2 = .375; 1 - 2*.375 = .25 = Gini. */
    const double x[] = {3, 1, 4, 2};
    double pop[5], share[5];
    const double ep[] = {0, 0.25, 0.5, 0.75, 1};
    const double es[] = {0, 0.1, 0.3, 0.6, 1};
    assert_status(jh_lorenz(x, NULL, 4, WS, pop, share), JH_OK);
    check_points(pop, ep, 5, "pop");
    check_points(share, es, 5, "share");
}

static void test_lorenz_weighted(void **state)
{
    (void)state;
    /* x = {3,1,2}, w = {1,1,2}: sorted (1,w1), (2,w2), (3,w1); W = 4,
     * sum wx = 1 + 4 + 3 = 8.  pop 0, 1/4, 3/4, 1; share 0, 1/8, 5/8, 1. */
    const double x[] = {3, 1, 2};
    const double w[] = {1, 1, 2};
    double pop[4], share[4];
    const double ep[] = {0, 0.25, 0.75, 1};
    const double es[] = {0, 0.125, 0.625, 1};
    assert_status(jh_lorenz(x, w, 3, WS, pop, share), JH_OK);
    check_points(pop, ep, 4, "pop");
    check_points(share, es, 4, "share");
}

static void test_lorenz_ties_keep_input_order(void **state)
{
    (void)state;
    /* x = {2,1,2}, w = {1,1,2}: sorted 1 (w1), then the two 2s in input
     * order: first w = 1, then w = 2.  W = 4, sum wx = 2 + 1 + 4 = 7.
     * pop 0, 1/4, 2/4, 1; share 0, 1/7, 3/7, 1.  (The other tie order
     * would give pop 3/4 and share 5/7 at k = 2.) */
    const double x[] = {2, 1, 2};
    const double w[] = {1, 1, 2};
    double pop[4], share[4];
    const double ep[] = {0, 0.25, 0.5, 1};
    const double es[] = {0, 1.0 / 7.0, 3.0 / 7.0, 1};
    assert_status(jh_lorenz(x, w, 3, WS, pop, share), JH_OK);
    check_points(pop, ep, 4, "pop");
    check_points(share, es, 4, "share");
}

static void test_lorenz_with_zeros(void **state)
{
    (void)state;
    /* {0,6,0,2}: sorted 0,0,2,6, sum 8: share 0,0,0,1/4,1. */
    const double x[] = {0, 6, 0, 2};
    double pop[5], share[5];
    const double ep[] = {0, 0.25, 0.5, 0.75, 1};
    const double es[] = {0, 0, 0, 0.25, 1};
    assert_status(jh_lorenz(x, NULL, 4, WS, pop, share), JH_OK);
    check_points(pop, ep, 5, "pop");
    check_points(share, es, 5, "share");
}

/* ======================================================================
 * Properties
 * ====================================================================== */

static void test_zero_for_equal_values(void **state)
{
    (void)state;
    /* Every inequality index is 0 on equal values (ratios are 1, location
     * statistics the common value), weighted or not. */
    const double x[] = {0.7, 0.7, 0.7, 0.7, 0.7};
    const double w[] = {1, 2.5, 3, 0.1, 1};
    for (size_t c = 0; c < NCASES; c++) {
        for (int wt = 0; wt < 2; wt++) {
            if (wt && !(CASES[c].flags & F_W))
                continue;
            double v = SENTINEL;
            double expect = (CASES[c].flags & F_ZEROEQ)  ? 0.0
                            : (CASES[c].flags & F_ONEEQ) ? 1.0
                                                         : 0.7;
            char label[64];
            snprintf(label, sizeof label, "%s%s", CASES[c].name,
                     wt ? " weighted" : "");
            assert_status_l(label, CASES[c].fn(x, wt ? w : NULL, 5, WS, &v),
                            JH_OK);
            assert_close_l(label, v, expect);
        }
    }
}

/* Equal values are exactly equal, not equal to 1e-14: every inequality
 * index is exactly 0 (a ratio exactly 1), weighted too, where the sums
 * of non-representable weights round.  Before, x = (0.1, 0.1) with
 * w = (0.2, 1.3) gave a Gini of -7.5e-21 (issue 13: "equal values give a
 * Gini of -3e-21"), and a weighted mean a hair off 0.1 gave GE and
 * Atkinson values of about 1e-38 instead of 0. */
static void test_equal_values_exactly_zero(void **state)
{
    (void)state;
    const double x[] = {0.1, 0.1, 0.1};
    const double w[][3] = {{0.2, 1.3, 0}, {0.1, 0.7, 3.1}, {1.3, 33333.3, 0.2}, {2.9, 0, 0}};
    const size_t n[] = {2, 3, 3, 1};
    for (size_t t = 0; t < NELEM(n); t++)
        for (size_t c = 0; c < NCASES; c++)
            for (int wt = 0; wt < 2; wt++) {
                unsigned f = CASES[c].flags;
                if ((wt && !(f & F_W)) || !(f & (F_ZEROEQ | F_ONEEQ)) ||
                    (n[t] == 1 && CASES[c].fn == f_gini_corr)) /* needs n >= 2 */
                    continue;
                double v = SENTINEL;
                char label[64];
                snprintf(label, sizeof label, "%s%s, case %zu", CASES[c].name,
                         wt ? " weighted" : "", t);
                assert_status_l(label, CASES[c].fn(x, wt ? w[t] : NULL, n[t], WS, &v), JH_OK);
                if (v != ((f & F_ZEROEQ) ? 0.0 : 1.0))
                    fail_msg("%s: %.17g, expected exactly %g", label, v,
                             (f & F_ZEROEQ) ? 0.0 : 1.0);
            }
    /* and the one-sort path of indices_all, mean included */
    jh_index_set s;
    assert_status(jh_indices_all(x, w[0], 2, WS, &s), JH_OK);
    assert_true(s.value[JH_IX_GINI] == 0 && s.value[JH_IX_THEIL_T] == 0 &&
                s.value[JH_IX_THEIL_L] == 0 && s.value[JH_IX_CV] == 0 &&
                s.value[JH_IX_MEAN] == 0.1 && s.value[JH_IX_MEDIAN] == 0.1);
}

/* The pair {1e-9, 1e9} (issue 13): x/mu = 2e-18 for the small value, far
 * below 1, where u = x/mu - 1 is -1 plus a sliver whose digits rounding
 * has eaten.  Closed forms, mu = (1e9 + 1e-9)/2, the geometric mean 1:
 *   MLD   = ln mu - mean(ln x) = ln(5e8 + 5e-10) = ln(2.5e17)/2 + 1e-18
 *         = 20.0301186563865 (R ineq, dineq and acid agree; junheng gave
 *         20.0286772),
 *   A(1)  = 1 - 1/mu = 1 - 2e-9 to 1e-27,
 *   A(0.5) = 1 - (sqrt a + sqrt b)^2 / (2(a + b)) = 1/2 - sqrt(ab)/(a + b)
 *         = 1/2 - 1/(1e9 + 1e-9),
 *   T     = ln 2 - (1e-18 ln(1e18))/2 to 1e-17 = ln 2.
 * Weighted w = (1000, 1): p = (1000, 1)/1001, mu = (1e-6 + 1e9)/1001, and
 *   MLD_w = ln mu - (1000 ln 1e-9 + ln 1e9)/1001
 *         = ln(1e9/1001) + 1e-15 + (999/1001) 9 ln 10
 *         = (18000/1001) ln 10 - ln 1001 = 34.496371768 (junheng gave
 *         34.496382). */
static void test_mld_at_extreme_ratios(void **state)
{
    (void)state;
    const double x[] = {1e-9, 1e9}, w[] = {1000, 1};
    double v = SENTINEL;
    assert_status(jh_theil_l(x, NULL, 2, &v), JH_OK);
    assert_close(v, log(2.5e17) / 2);
    assert_status(jh_theil_l(x, w, 2, &v), JH_OK);
    assert_close(v, 18000.0 / 1001 * log(10) - log(1001));
    assert_status(jh_atkinson(x, NULL, 2, 1, &v), JH_OK);
    if (fabs(v - (1 - 2e-9)) > 2 * DBL_EPSILON)
        fail_msg("A(1) = %.17g, expected 1 - 2e-9 to one ulp", v);
    assert_status(jh_atkinson(x, NULL, 2, 0.5, &v), JH_OK);
    if (fabs(v - (0.5 - 1 / (1e9 + 1e-9))) > DBL_EPSILON)
        fail_msg("A(0.5) = %.17g, expected 1/2 - 1/(1e9 + 1e-9) to one ulp", v);
    assert_status(jh_theil_t(x, NULL, 2, &v), JH_OK);
    assert_close(v, log(2));
    /* GE(2) = cv^2/2 = 1/2 (1 - 4e-18)... = 1/2 */
    assert_status(jh_ge(x, NULL, 2, 2, &v), JH_OK);
    assert_close(v, 0.5);
}

/* x = (1e-300, 1e-200, 1e-100, 1e100, 1e200, 1e300) (issue 12): the top
 * value holds all but 1e-100 of the total, mu = 1e300/6 (1 + 1e-100).
 *   T  = sum s ln(6 s) = ln 6 (the other shares add s ln s ~ -2e-98),
 *   L  = ln mu - mean(ln x) = 300 ln 10 - ln 6 (mean(ln x) = 0),
 *   GE(2) = (sum p r^2 - 1)/2 = (6 - 1)/2 = 5/2, cv = sqrt 5,
 *   Gini = Hoover = A(0.5) = 5/6, A(1) = 1 - 6e-299... = 1,
 *   A(2) = 1 - 1/sum p/r = 1 - 1/(1e600/36) = 1,
 * all representable, and computed in spite of x/mu down to 6e-600 (the
 * long double range; below it, ln x - ln mu).  They were NaN, inf and NaN,
 * left empty without a word.  max/min = 1e600 is beyond a double: a
 * status that says so, JH_ERANGE, never inf. */
static void test_slice_spanning_1e300(void **state)
{
    (void)state;
    const double x[] = {1e-300, 1e-200, 1e-100, 1e100, 1e200, 1e300};
    const double w[] = {1, 1, 1, 1, 1, 1};
    for (int wt = 0; wt < 2; wt++) {
        jh_index_set s;
        assert_status(jh_indices_all(x, wt ? w : NULL, 6, WS, &s), JH_OK);
        assert_close(s.value[JH_IX_THEIL_T], log(6));
        assert_close(s.value[JH_IX_THEIL_L], 300 * log(10) - log(6));
        assert_close(s.value[JH_IX_GE2], 2.5);
        assert_close(s.value[JH_IX_CV], sqrt(5));
        assert_close(s.value[JH_IX_GINI], 5.0 / 6);
        assert_close(s.value[JH_IX_HOOVER], 5.0 / 6);
        assert_close(s.value[JH_IX_ATKINSON_05], 5.0 / 6);
        assert_close(s.value[JH_IX_ATKINSON_1], 1);
        assert_close(s.value[JH_IX_ATKINSON_2], 1);
        assert_close(s.value[JH_IX_MEAN], 1e300 / 6);
        assert_close(s.value[JH_IX_MEDIAN], 5e99); /* (1e-100 + 1e100)/2 */
        assert_status(s.status[JH_IX_MAX_MIN_RATIO], JH_ERANGE);
        assert_status(s.status[JH_IX_P90_P10], JH_ERANGE);
        assert_true(isnan(s.value[JH_IX_MAX_MIN_RATIO]));
    }
    double v = SENTINEL;
    assert_status(jh_max_min_ratio(x, 6, &v), JH_ERANGE);
    assert_status(jh_p90_p10(x, NULL, 6, WS, &v), JH_ERANGE);
    assert_true(v == SENTINEL);
}

/* Finite values near the largest double: the range of -1.7e308 .. 1.7e308
 * does not fit (JH_ERANGE); a median between two such values does
 * ((a + b)/2 overflowed to inf before). */
static void test_values_near_largest_double(void **state)
{
    (void)state;
    const double big[] = {1.7e308, 1.7e308}, pm[] = {-1.7e308, 1.7e308};
    double v = SENTINEL;
    assert_status(jh_median(big, NULL, 2, WS, &v), JH_OK);
    assert_true(v == 1.7e308);
    assert_status(jh_range(pm, 2, &v), JH_ERANGE);
    jh_index_set s;
    assert_status(jh_indices_all(pm, NULL, 2, WS, &s), JH_OK);
    assert_status(s.status[JH_IX_RANGE], JH_ERANGE);
    assert_true(s.value[JH_IX_MEAN] == 0 && s.value[JH_IX_SD] == 1.7e308);
    assert_status(jh_indices_all(big, NULL, 2, WS, &s), JH_OK);
    assert_true(s.value[JH_IX_MEDIAN] == 1.7e308 && s.value[JH_IX_GINI] == 0);
}

static void test_scale_invariance(void **state)
{
    (void)state;
    /* f(7.3 x) = f(x) for indices, = 7.3 f(x) for location and spread. */
    const double c = 7.3;
    double y[PN];
    for (size_t i = 0; i < PN; i++)
        y[i] = c * PX[i];
    for (size_t k = 0; k < NCASES; k++) {
        for (int wt = 0; wt < 2; wt++) {
            if (wt && !(CASES[k].flags & F_W))
                continue;
            const double *w = wt ? PW : NULL;
            double a = SENTINEL, b = SENTINEL;
            char label[64];
            snprintf(label, sizeof label, "%s%s", CASES[k].name,
                     wt ? " weighted" : "");
            assert_status_l(label, CASES[k].fn(PX, w, PN, WS, &a), JH_OK);
            assert_status_l(label, CASES[k].fn(y, w, PN, WS, &b), JH_OK);
            if (CASES[k].flags & F_SCALE0)
                assert_same_l(label, b, a);
            else
                assert_same_l(label, b, c * a);
        }
    }
}

static void test_replication_invariance(void **state)
{
    (void)state;
    /* Listing every region twice (with its weight) changes nothing, except
     * the corrected Gini (n/(n-1) changes). */
    double x2[2 * PN], w2[2 * PN];
    for (size_t i = 0; i < PN; i++) {
        x2[i] = x2[PN + i] = PX[i];
        w2[i] = w2[PN + i] = PW[i];
    }
    for (size_t k = 0; k < NCASES; k++) {
        if (!(CASES[k].flags & F_REPL))
            continue;
        for (int wt = 0; wt < 2; wt++) {
            if (wt && !(CASES[k].flags & F_W))
                continue;
            double a = SENTINEL, b = SENTINEL;
            char label[64];
            snprintf(label, sizeof label, "%s%s", CASES[k].name,
                     wt ? " weighted" : "");
            assert_status_l(label,
                            CASES[k].fn(PX, wt ? PW : NULL, PN, WS, &a), JH_OK);
            assert_status_l(label,
                            CASES[k].fn(x2, wt ? w2 : NULL, 2 * PN, WS, &b),
                            JH_OK);
            assert_same_l(label, b, a);
        }
    }
}

static void test_corrected_gini_under_replication(void **state)
{
    (void)state;
    /* {1,2,3,4}: G = 1/4, corrected 1/3.  Twice: G stays 1/4, corrected
     * becomes 1/4 * 8/7 = 2/7. */
    const double x[] = {1, 2, 3, 4, 1, 2, 3, 4};
    double g = SENTINEL;
    assert_status(jh_gini(x, NULL, 8, 1, WS, &g), JH_OK);
    assert_close(g, 2.0 / 7.0);
}

static void test_integer_weights_equal_replicated_rows(void **state)
{
    (void)state;
    /* Weights {1,3,2,1,4,2,5,1} equal listing each row that many times. */
    double rows[64];
    size_t m = 0;
    for (size_t i = 0; i < PN; i++)
        for (int r = 0; r < (int)PW[i]; r++)
            rows[m++] = PX[i];
    assert_int_equal(m, 19);
    for (size_t k = 0; k < NCASES; k++) {
        if (!(CASES[k].flags & F_W))
            continue;
        double a = SENTINEL, b = SENTINEL;
        assert_status_l(CASES[k].name, CASES[k].fn(PX, PW, PN, WS, &a), JH_OK);
        assert_status_l(CASES[k].name, CASES[k].fn(rows, NULL, m, WS, &b),
                        JH_OK);
        assert_same_l(CASES[k].name, a, b);
    }
}

static void test_integer_weights_equal_replicated_rows_lorenz(void **state)
{
    (void)state;
    /* Weighted point k is the rows' point at index C_k (cumulative count). */
    double rows[64];
    size_t m = 0;
    for (size_t i = 0; i < PN; i++)
        for (int r = 0; r < (int)PW[i]; r++)
            rows[m++] = PX[i];
    double pop[PN + 1], share[PN + 1], rpop[64], rshare[64];
    assert_status(jh_lorenz(PX, PW, PN, WS, pop, share), JH_OK);
    assert_status(jh_lorenz(rows, NULL, m, WS, rpop, rshare), JH_OK);
    /* Sorted weighted points: 0.4(5) 1.2(3) 1.2(2) 2.2(1) 3.5(1) 5.0(4)
     * 7.9(2) 9.1(1) -> cumulative counts 5, 8, 10, 11, 12, 16, 18, 19. */
    const size_t cum[PN + 1] = {0, 5, 8, 10, 11, 12, 16, 18, 19};
    for (size_t k = 0; k <= PN; k++) {
        char label[32];
        snprintf(label, sizeof label, "point %zu", k);
        assert_close_l(label, pop[k], rpop[cum[k]]);
        assert_close_l(label, share[k], rshare[cum[k]]);
        assert_close_l(label, pop[k], (double)cum[k] / 19.0);
    }
}

static void test_weight_scale_invariance(void **state)
{
    (void)state;
    /* Only p_i = w_i/W matters: w and 0.37 w give the same result. */
    double w2[PN];
    for (size_t i = 0; i < PN; i++)
        w2[i] = 0.37 * PW[i];
    for (size_t k = 0; k < NCASES; k++) {
        if (!(CASES[k].flags & F_W))
            continue;
        double a = SENTINEL, b = SENTINEL;
        assert_status_l(CASES[k].name, CASES[k].fn(PX, PW, PN, WS, &a), JH_OK);
        assert_status_l(CASES[k].name, CASES[k].fn(PX, w2, PN, WS, &b), JH_OK);
        assert_same_l(CASES[k].name, b, a);
    }
}

static void test_permutation_invariance(void **state)
{
    (void)state;
    /* Reversing the order of the regions (with their weights). */
    double xr[PN], wr[PN];
    for (size_t i = 0; i < PN; i++) {
        xr[i] = PX[PN - 1 - i];
        wr[i] = PW[PN - 1 - i];
    }
    for (size_t k = 0; k < NCASES; k++) {
        for (int wt = 0; wt < 2; wt++) {
            if (wt && !(CASES[k].flags & F_W))
                continue;
            double a = SENTINEL, b = SENTINEL;
            assert_status_l(CASES[k].name,
                            CASES[k].fn(PX, wt ? PW : NULL, PN, WS, &a), JH_OK);
            assert_status_l(CASES[k].name,
                            CASES[k].fn(xr, wt ? wr : NULL, PN, WS, &b), JH_OK);
            assert_same_l(CASES[k].name, b, a);
        }
    }
}

static void test_transfer_principle_unweighted(void **state)
{
    (void)state;
    /* {1,2,3,4} -> {1.1,2,3,3.9}: 0.1 from the richest to the poorest,
     * order and mean kept.  Every transfer-sensitive index falls.  The new
     * Gini by hand: (2*(1.1 + 4 + 9 + 15.6) - 5*10)/(4*10) = 9.4/40 = 0.235. */
    const double x[] = {1, 2, 3, 4};
    const double y[] = {1.1, 2, 3, 3.9};
    for (size_t k = 0; k < NCASES; k++) {
        if (!(CASES[k].flags & F_TRANSFER))
            continue;
        double a = SENTINEL, b = SENTINEL;
        assert_status_l(CASES[k].name, CASES[k].fn(x, NULL, 4, WS, &a), JH_OK);
        assert_status_l(CASES[k].name, CASES[k].fn(y, NULL, 4, WS, &b), JH_OK);
        if (!(b < a)) {
            print_error("%s: %.17g after the transfer, %.17g before\n",
                        CASES[k].name, b, a);
            fail();
        }
    }
    double g = SENTINEL;
    assert_status(jh_gini(y, NULL, 4, 0, WS, &g), JH_OK);
    assert_close(g, 0.235);
}

static void test_transfer_principle_weighted(void **state)
{
    (void)state;
    /* x = {1,2,3,4}, w = {2,1,1,3}: move 0.3 in total from the last region
     * (x 4 -> 3.9, w 3) to the first (x 1 -> 1.15, w 2); sum wx unchanged,
     * order unchanged. */
    const double x[] = {1, 2, 3, 4};
    const double y[] = {1.15, 2, 3, 3.9};
    const double w[] = {2, 1, 1, 3};
    for (size_t k = 0; k < NCASES; k++) {
        if (!(CASES[k].flags & F_TRANSFER) || !(CASES[k].flags & F_W))
            continue;
        double a = SENTINEL, b = SENTINEL;
        assert_status_l(CASES[k].name, CASES[k].fn(x, w, 4, WS, &a), JH_OK);
        assert_status_l(CASES[k].name, CASES[k].fn(y, w, 4, WS, &b), JH_OK);
        if (!(b < a)) {
            print_error("%s weighted: %.17g after the transfer, %.17g before\n",
                        CASES[k].name, b, a);
            fail();
        }
    }
}

/* Random slices for identities: n values, some zeros if zeros != 0. */
static void fill_random(double *x, double *w, size_t n, int zeros)
{
    for (size_t i = 0; i < n; i++) {
        x[i] = 0.1 + 50.0 * lcg_unit() * lcg_unit();
        if (zeros && lcg_next() % 7 == 0)
            x[i] = 0.0;
        w[i] = 0.5 + 10.0 * lcg_unit();
    }
}

static void test_ge2_is_half_cv_squared(void **state)
{
    (void)state;
    /* GE(2) = [E(x^2)/mu^2 - 1]/2 = var/(2 mu^2) = CV^2/2 exactly. */
    double x[50], w[50];
    lcg_seed(11);
    for (int rep = 0; rep < 20; rep++) {
        size_t n = 2 + (size_t)(lcg_next() % 48);
        fill_random(x, w, n, rep % 2);
        for (int wt = 0; wt < 2; wt++) {
            double ge = SENTINEL, cv = SENTINEL;
            assert_status(jh_ge(x, wt ? w : NULL, n, 2.0, &ge), JH_OK);
            assert_status(jh_cv(x, wt ? w : NULL, n, &cv), JH_OK);
            assert_close(ge, cv * cv / 2.0);
        }
    }
}

static void test_atkinson1_is_one_minus_exp_minus_mld(void **state)
{
    (void)state;
    /* A(1) = 1 - exp(sum p ln x)/mu = 1 - exp(-(ln mu - sum p ln x))
     *      = 1 - exp(-L). */
    double x[50], w[50];
    lcg_seed(12);
    for (int rep = 0; rep < 20; rep++) {
        size_t n = 2 + (size_t)(lcg_next() % 48);
        fill_random(x, w, n, 0);
        for (int wt = 0; wt < 2; wt++) {
            double a = SENTINEL, l = SENTINEL;
            assert_status(jh_atkinson(x, wt ? w : NULL, n, 1.0, &a), JH_OK);
            assert_status(jh_theil_l(x, wt ? w : NULL, n, &l), JH_OK);
            assert_close(a, -expm1(-l));
        }
    }
}

static void test_theil_t_nonnegative_and_equals_share_form(void **state)
{
    (void)state;
    /* T = sum s_i ln(s_i/p_i) with value shares s_i = p_i x_i/mu (a
     * Kullback-Leibler divergence, hence >= 0), terms with s_i = 0 dropped.
     * Reference summed in long double here. */
    double x[50], w[50];
    lcg_seed(13);
    for (int rep = 0; rep < 30; rep++) {
        size_t n = 2 + (size_t)(lcg_next() % 48);
        fill_random(x, w, n, 1);
        x[0] = 3.0; /* keep the mean positive */
        for (int wt = 0; wt < 2; wt++) {
            long double W = 0, SXW = 0, ref = 0;
            for (size_t i = 0; i < n; i++) {
                long double wi = wt ? w[i] : 1.0L;
                W += wi;
                SXW += wi * x[i];
            }
            for (size_t i = 0; i < n; i++) {
                long double wi = wt ? w[i] : 1.0L;
                long double s = wi * x[i] / SXW, p = wi / W;
                if (s > 0)
                    ref += s * logl(s / p);
            }
            double t = SENTINEL;
            assert_status(jh_theil_t(x, wt ? w : NULL, n, &t), JH_OK);
            assert_true(t >= 0.0);
            assert_close(t, (double)ref);
        }
    }
}

static void test_ge_alpha_0_1_equal_theil_functions(void **state)
{
    (void)state;
    double t = SENTINEL, g1 = SENTINEL, l = SENTINEL, g0 = SENTINEL;
    assert_status(jh_theil_t(PX, PW, PN, &t), JH_OK);
    assert_status(jh_ge(PX, PW, PN, 1.0, &g1), JH_OK);
    assert_close(g1, t);
    assert_status(jh_theil_l(PX, PW, PN, &l), JH_OK);
    assert_status(jh_ge(PX, PW, PN, 0.0, &g0), JH_OK);
    assert_close(g0, l);
}

static void test_atkinson_increases_with_eps(void **state)
{
    (void)state;
    /* For unequal data A(eps) is strictly increasing in eps; {1,3}:
     * A(.5) = .0670 < A(1) = .1340 < A(2) = .25 (hand values above). */
    double a05 = SENTINEL, a1 = SENTINEL, a15 = SENTINEL, a2 = SENTINEL;
    assert_status(jh_atkinson(PX, PW, PN, 0.5, &a05), JH_OK);
    assert_status(jh_atkinson(PX, PW, PN, 1.0, &a1), JH_OK);
    assert_status(jh_atkinson(PX, PW, PN, 1.5, &a15), JH_OK);
    assert_status(jh_atkinson(PX, PW, PN, 2.0, &a2), JH_OK);
    assert_true(0.0 < a05 && a05 < a1 && a1 < a15 && a15 < a2 && a2 < 1.0);
}

/* ---- Gini against the O(n^2) definition on n = 1000 ---- */

static double naive_gini(const double *x, const double *w, size_t n)
{
    long double num = 0, W = 0, SXW = 0;
    for (size_t i = 0; i < n; i++) {
        long double wi = w ? w[i] : 1.0L;
        W += wi;
        SXW += wi * x[i];
        for (size_t j = 0; j < n; j++) {
            long double wj = w ? w[j] : 1.0L;
            num += wi * wj * fabsl((long double)x[i] - x[j]);
        }
    }
    /* sum w w |dx| / (2 W^2 mu_w) with mu_w = SXW/W */
    return (double)(num / (2.0L * W * SXW));
}

static void gini_vs_naive(const double *x, const double *w, size_t n)
{
    double xc[1000], wc[1000];
    memcpy(xc, x, n * sizeof *x);
    if (w)
        memcpy(wc, w, n * sizeof *w);
    double g = SENTINEL;
    assert_status(jh_gini(x, w, n, 0, WS, &g), JH_OK);
    assert_close(g, naive_gini(x, w, n));
    /* Gini = 1 - sum_k (pop_k - pop_{k-1})(share_k + share_{k-1}) */
    static double pop[1001], share[1001];
    assert_status(jh_lorenz(x, w, n, WS, pop, share), JH_OK);
    long double area2 = 0;
    for (size_t k = 1; k <= n; k++)
        area2 += ((long double)pop[k] - pop[k - 1]) *
                 ((long double)share[k] + share[k - 1]);
    /* pop and share carry rounding ~1e-16 each; 1e-12 on G still holds. */
    assert_close(g, (double)(1.0L - area2));
    /* the inputs are not modified */
    assert_memory_equal(xc, x, n * sizeof *x);
    if (w)
        assert_memory_equal(wc, w, n * sizeof *w);
}

static void test_gini_large_integer_data_vs_naive(void **state)
{
    (void)state;
    /* Integer values 0..499 (many ties, some zeros) and integer weights
     * 1..9: every sum in the naive reference is exact. */
    static double x[1000], w[1000];
    lcg_seed(2024);
    for (size_t i = 0; i < 1000; i++) {
        x[i] = (double)(lcg_next() % 500);
        w[i] = (double)(1 + lcg_next() % 9);
    }
    gini_vs_naive(x, NULL, 1000);
    gini_vs_naive(x, w, 1000);
}

static void test_gini_large_continuous_data_vs_naive(void **state)
{
    (void)state;
    /* Skewed continuous values and fractional weights. */
    static double x[1000], w[1000];
    lcg_seed(7);
    for (size_t i = 0; i < 1000; i++) {
        double u = lcg_unit();
        x[i] = 1000.0 * u * u * u + 0.01;
        w[i] = 0.25 + 100.0 * lcg_unit();
    }
    gini_vs_naive(x, NULL, 1000);
    gini_vs_naive(x, w, 1000);
}

/* ======================================================================
 * jh_indices_all
 * ====================================================================== */

static int single_index(int k, const double *x, const double *w, size_t n,
                        double *v)
{
    switch (k) {
    case JH_IX_N: *v = (double)n; return JH_OK;
    case JH_IX_MEAN: return jh_mean(x, w, n, v);
    case JH_IX_SD: return jh_sd(x, w, n, v);
    case JH_IX_MIN: return jh_min(x, n, v);
    case JH_IX_MAX: return jh_max(x, n, v);
    case JH_IX_MEDIAN: return jh_median(x, w, n, WS, v);
    case JH_IX_GINI: return jh_gini(x, w, n, 0, WS, v);
    case JH_IX_CV: return jh_cv(x, w, n, v);
    case JH_IX_THEIL_T: return jh_theil_t(x, w, n, v);
    case JH_IX_THEIL_L: return jh_theil_l(x, w, n, v);
    case JH_IX_GE2: return jh_ge(x, w, n, 2.0, v);
    case JH_IX_ATKINSON_05: return jh_atkinson(x, w, n, 0.5, v);
    case JH_IX_ATKINSON_1: return jh_atkinson(x, w, n, 1.0, v);
    case JH_IX_ATKINSON_2: return jh_atkinson(x, w, n, 2.0, v);
    case JH_IX_MAX_MIN_RATIO: return jh_max_min_ratio(x, n, v);
    case JH_IX_P90_P10: return jh_p90_p10(x, w, n, WS, v);
    case JH_IX_RANGE: return jh_range(x, n, v);
    case JH_IX_HOOVER: return jh_hoover(x, w, n, v);
    default: return -1;
    }
}

static void check_all_vs_single(const double *x, const double *w, size_t n)
{
    jh_index_set set;
    assert_status(jh_indices_all(x, w, n, WS, &set), JH_OK);
    for (int k = 0; k < JH_IX_COUNT; k++) {
        double v = NAN;
        int st = single_index(k, x, w, n, &v);
        const char *name = jh_index_name((jh_index_id)k, 0);
        assert_status_l(name, set.status[k], st);
        if (st == JH_OK)
            assert_same_l(name, set.value[k], v);
        else
            assert_true(isnan(set.value[k]));
    }
}

static void test_indices_all_matches_single_functions(void **state)
{
    (void)state;
    check_all_vs_single(PX, NULL, PN);
    check_all_vs_single(PX, PW, PN);
}

static void test_indices_all_hand_values(void **state)
{
    (void)state;
    /* {1,2,3,4}: n 4, mean 2.5, sd sqrt5/2, min 1, max 4, median 2.5,
     * gini 1/4, cv 1/sqrt5, theil_t 2ln2 + .3ln3 - ln5,
     * theil_l ln2.5 - (3ln2+ln3)/4, ge2 1/10, A(1) = 1 - 24^(1/4)/2.5,
     * A(2) = 1 - H/mu with 1/H = (1+1/2+1/3+1/4)/4 = 25/48: 1 - 48/62.5,
     * A(.5) = 1 - (sum sqrt x /4)^2/2.5, max/min 4,
     * p90_p10: Q(.9): pW 3.6 -> 4; Q(.1): pW .4 -> 1; ratio 4,
     * range 3, hoover 0.2. */
    const double x[] = {4, 2, 3, 1};
    double s = (1.0 + sqrt(2.0) + sqrt(3.0) + 2.0) / 4.0;
    const double expect[JH_IX_COUNT] = {
        [JH_IX_N] = 4,
        [JH_IX_MEAN] = 2.5,
        [JH_IX_SD] = sqrt(5.0) / 2.0,
        [JH_IX_MIN] = 1,
        [JH_IX_MAX] = 4,
        [JH_IX_MEDIAN] = 2.5,
        [JH_IX_GINI] = 0.25,
        [JH_IX_CV] = 1.0 / sqrt(5.0),
        [JH_IX_THEIL_T] = 2.0 * log(2.0) + 0.3 * log(3.0) - log(5.0),
        [JH_IX_THEIL_L] = log(2.5) - (3.0 * log(2.0) + log(3.0)) / 4.0,
        [JH_IX_GE2] = 0.1,
        [JH_IX_ATKINSON_05] = 1.0 - s * s / 2.5,
        [JH_IX_ATKINSON_1] = 1.0 - pow(24.0, 0.25) / 2.5,
        [JH_IX_ATKINSON_2] = 1.0 - 48.0 / 62.5,
        [JH_IX_MAX_MIN_RATIO] = 4,
        [JH_IX_P90_P10] = 4,
        [JH_IX_RANGE] = 3,
        [JH_IX_HOOVER] = 0.2,
    };
    jh_index_set set;
    assert_status(jh_indices_all(x, NULL, 4, WS, &set), JH_OK);
    for (int k = 0; k < JH_IX_COUNT; k++) {
        const char *name = jh_index_name((jh_index_id)k, 0);
        assert_status_l(name, set.status[k], JH_OK);
        assert_close_l(name, set.value[k], expect[k]);
    }
}

static int zero_status_expected(int k)
{
    return k == JH_IX_THEIL_L || k == JH_IX_ATKINSON_1 ||
           k == JH_IX_ATKINSON_2 || k == JH_IX_MAX_MIN_RATIO;
}

static void test_indices_all_slice_with_zero(void **state)
{
    (void)state;
    /* {0..9} shuffled: Q(0.1) = 0.5 > 0, so only theil_l, atkinson_1,
     * atkinson_2, max_min_ratio are JH_EZERO (value NaN), the rest OK and
     * equal to the single functions.  Weighted (W = 12): pW = 1.2, the zero
     * has C_1 = 1, the value 1 brings C_2 = 2 > 1.2 -> Q(0.1) = 1 > 0. */
    const double x[] = {4, 0, 7, 1, 9, 2, 8, 3, 6, 5};
    const double w[] = {2, 1, 1, 1, 1, 2, 1, 1, 1, 1}; /* W = 12 */
    for (int wt = 0; wt < 2; wt++) {
        jh_index_set set;
        assert_status(jh_indices_all(x, wt ? w : NULL, 10, WS, &set), JH_OK);
        for (int k = 0; k < JH_IX_COUNT; k++) {
            const char *name = jh_index_name((jh_index_id)k, 0);
            if (zero_status_expected(k)) {
                assert_status_l(name, set.status[k], JH_EZERO);
                assert_true(isnan(set.value[k]));
            } else {
                assert_status_l(name, set.status[k], JH_OK);
            }
        }
        check_all_vs_single(x, wt ? w : NULL, 10);
    }
    /* spot values, unweighted: n 10, mean 4.5, min 0, max 9, range 9,
     * median (4+5)/2, p90_p10 = 8.5/0.5 = 17, gini: sum i x_(i) over
     * x_(i) = i-1 is sum i(i-1) = 330, (2*330 - 11*45)/(10*45) = 165/450. */
    jh_index_set set;
    assert_status(jh_indices_all(x, NULL, 10, WS, &set), JH_OK);
    assert_close(set.value[JH_IX_N], 10.0);
    assert_close(set.value[JH_IX_MEAN], 4.5);
    assert_close(set.value[JH_IX_MIN], 0.0);
    assert_close(set.value[JH_IX_MAX], 9.0);
    assert_close(set.value[JH_IX_RANGE], 9.0);
    assert_close(set.value[JH_IX_MEDIAN], 4.5);
    assert_close(set.value[JH_IX_P90_P10], 17.0);
    assert_close(set.value[JH_IX_GINI], 165.0 / 450.0);
}

static void test_indices_all_all_zero_slice(void **state)
{
    (void)state;
    /* {0,0,0}: location statistics are 0, every index dividing by the mean
     * is JH_EZEROMEAN (NaN); the log/inverse ones are undefined too. */
    const double x[] = {0, 0, 0};
    jh_index_set set;
    assert_status(jh_indices_all(x, NULL, 3, WS, &set), JH_OK);
    const int ok0[] = {JH_IX_MEAN, JH_IX_SD, JH_IX_MIN, JH_IX_MAX,
                       JH_IX_MEDIAN, JH_IX_RANGE};
    for (size_t i = 0; i < NELEM(ok0); i++) {
        assert_status_l(jh_index_name(ok0[i], 0), set.status[ok0[i]], JH_OK);
        assert_close_l(jh_index_name(ok0[i], 0), set.value[ok0[i]], 0.0);
    }
    assert_status(set.status[JH_IX_N], JH_OK);
    assert_close(set.value[JH_IX_N], 3.0);
    const int zm[] = {JH_IX_GINI, JH_IX_CV, JH_IX_THEIL_T, JH_IX_GE2,
                      JH_IX_ATKINSON_05, JH_IX_HOOVER};
    for (size_t i = 0; i < NELEM(zm); i++) {
        assert_status_l(jh_index_name(zm[i], 0), set.status[zm[i]],
                        JH_EZEROMEAN);
        assert_true(isnan(set.value[zm[i]]));
    }
    const int undef[] = {JH_IX_THEIL_L, JH_IX_ATKINSON_1, JH_IX_ATKINSON_2,
                         JH_IX_MAX_MIN_RATIO, JH_IX_P90_P10};
    for (size_t i = 0; i < NELEM(undef); i++) {
        assert_int_not_equal(set.status[undef[i]], JH_OK);
        assert_true(isnan(set.value[undef[i]]));
    }
}

static void test_indices_all_invalid_arguments(void **state)
{
    (void)state;
    const double x[] = {1, 2, 3};
    jh_index_set set;
    assert_status(jh_indices_all(x, NULL, 3, WS, NULL), JH_EINVAL);
    assert_status(jh_indices_all(NULL, NULL, 3, WS, &set), JH_EINVAL);
    assert_status(jh_indices_all(x, NULL, 3, NULL, &set), JH_EINVAL);
}

/* ======================================================================
 * Names and messages
 * ====================================================================== */

static const char *const NAMES[JH_IX_COUNT] = {
    [JH_IX_N] = "n",
    [JH_IX_MEAN] = "mean",
    [JH_IX_SD] = "sd",
    [JH_IX_MIN] = "min",
    [JH_IX_MAX] = "max",
    [JH_IX_MEDIAN] = "median",
    [JH_IX_GINI] = "gini",
    [JH_IX_CV] = "cv",
    [JH_IX_THEIL_T] = "theil_t",
    [JH_IX_THEIL_L] = "theil_l",
    [JH_IX_GE2] = "ge2",
    [JH_IX_ATKINSON_05] = "atkinson_0.5",
    [JH_IX_ATKINSON_1] = "atkinson_1",
    [JH_IX_ATKINSON_2] = "atkinson_2",
    [JH_IX_MAX_MIN_RATIO] = "max_min_ratio",
    [JH_IX_P90_P10] = "p90_p10",
    [JH_IX_RANGE] = "range",
    [JH_IX_HOOVER] = "hoover",
};

static int has_weighted_twin(int k)
{
    return !(k == JH_IX_N || k == JH_IX_MIN || k == JH_IX_MAX ||
             k == JH_IX_RANGE || k == JH_IX_MAX_MIN_RATIO);
}

static void test_index_names_match_design(void **state)
{
    (void)state;
    for (int k = 0; k < JH_IX_COUNT; k++) {
        const char *u = jh_index_name((jh_index_id)k, 0);
        assert_non_null(u);
        assert_string_equal(u, NAMES[k]);
        const char *wn = jh_index_name((jh_index_id)k, 1);
        if (has_weighted_twin(k)) {
            char buf[64];
            snprintf(buf, sizeof buf, "%s_w", NAMES[k]);
            assert_non_null(wn);
            assert_string_equal(wn, buf);
        } else {
            assert_null(wn);
        }
    }
    assert_null(jh_index_name(JH_IX_COUNT, 0));
    assert_null(jh_index_name(JH_IX_COUNT, 1));
    assert_null(jh_index_name((jh_index_id)(JH_IX_COUNT + 7), 0));
}

static void test_index_lookup_round_trip(void **state)
{
    (void)state;
    for (int k = 0; k < JH_IX_COUNT; k++) {
        for (int wt = 0; wt < 2; wt++) {
            const char *name = jh_index_name((jh_index_id)k, wt);
            if (!name)
                continue;
            jh_index_id id = JH_IX_COUNT;
            int weighted = -1;
            assert_status_l(name, jh_index_lookup(name, &id, &weighted), JH_OK);
            assert_int_equal(id, k);
            assert_int_equal(weighted, wt);
        }
    }
    static const struct {
        const char *name;
        jh_index_id id;
        int weighted;
    } spot[] = {
        {"gini", JH_IX_GINI, 0},
        {"gini_w", JH_IX_GINI, 1},
        {"cv_w", JH_IX_CV, 1},
        {"atkinson_0.5", JH_IX_ATKINSON_05, 0},
        {"atkinson_0.5_w", JH_IX_ATKINSON_05, 1},
        {"p90_p10_w", JH_IX_P90_P10, 1},
        {"theil_l_w", JH_IX_THEIL_L, 1},
        {"max_min_ratio", JH_IX_MAX_MIN_RATIO, 0},
        {"n", JH_IX_N, 0},
    };
    for (size_t i = 0; i < NELEM(spot); i++) {
        jh_index_id id = JH_IX_COUNT;
        int weighted = -1;
        assert_status_l(spot[i].name,
                        jh_index_lookup(spot[i].name, &id, &weighted), JH_OK);
        assert_int_equal(id, spot[i].id);
        assert_int_equal(weighted, spot[i].weighted);
    }
}

static void test_index_lookup_unknown_names(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "", "gini_", "gini_ww", "_w", "n_w", "min_w", "max_w", "range_w",
        "max_min_ratio_w", "atkinson_05", "atkinson_0.50", "theil", "gini ",
        "ginix", "w",
    };
    for (size_t i = 0; i < NELEM(bad); i++) {
        jh_index_id id = JH_IX_COUNT;
        int weighted = -1;
        assert_status_l(bad[i], jh_index_lookup(bad[i], &id, &weighted),
                        JH_ENOTFOUND);
    }
}

static void test_strerror_every_status(void **state)
{
    (void)state;
    for (int s = 0; s < JH_STATUS_COUNT; s++) {
        const char *m = jh_strerror(s);
        assert_non_null(m);
        assert_true(strlen(m) > 0);
        assert_true(m[0] >= 'a' && m[0] <= 'z'); /* lowercase */
        for (int t = 0; t < s; t++)
            assert_string_not_equal(m, jh_strerror(t));
    }
    assert_string_equal(jh_strerror(JH_OK), "success");
    /* out of range: a message that is none of the real ones */
    const int out[] = {-1, JH_STATUS_COUNT, 1000};
    for (size_t i = 0; i < NELEM(out); i++) {
        const char *m = jh_strerror(out[i]);
        assert_non_null(m);
        for (int t = 0; t < JH_STATUS_COUNT; t++)
            assert_string_not_equal(m, jh_strerror(t));
    }
}

/* ======================================================================
 * Errors (every one leaves the out-pointer untouched)
 * ====================================================================== */

static void expect_error(const ix_case *c, const double *x, const double *w,
                         size_t n, int status, const char *what)
{
    char label[96];
    snprintf(label, sizeof label, "%s, %s", c->name, what);
    double v = SENTINEL;
    assert_status_l(label, c->fn(x, w, n, WS, &v), status);
    if (v != SENTINEL) {
        print_error("%s: result changed to %.17g on error\n", label, v);
        fail();
    }
}

static void test_error_empty(void **state)
{
    (void)state;
    const double x[] = {1, 2};
    const double w[] = {1, 1};
    for (size_t k = 0; k < NCASES; k++) {
        expect_error(&CASES[k], x, NULL, 0, JH_EEMPTY, "n = 0");
        if (CASES[k].flags & F_W)
            expect_error(&CASES[k], x, w, 0, JH_EEMPTY, "n = 0 weighted");
    }
}

static void test_error_nonfinite(void **state)
{
    (void)state;
    const double bad[] = {NAN, INFINITY, -INFINITY};
    const double w[] = {1, 2, 3};
    for (size_t b = 0; b < NELEM(bad); b++) {
        for (size_t pos = 0; pos < 3; pos++) {
            double x[] = {1, 2, 3};
            x[pos] = bad[b];
            for (size_t k = 0; k < NCASES; k++) {
                expect_error(&CASES[k], x, NULL, 3, JH_ENONFINITE, "x not finite");
                if (CASES[k].flags & F_W)
                    expect_error(&CASES[k], x, w, 3, JH_ENONFINITE,
                                 "x not finite, weighted");
            }
        }
    }
}

static void test_error_bad_weight(void **state)
{
    (void)state;
    const double bad[] = {0.0, -1.0, NAN, INFINITY, -0.0};
    const double x[] = {1, 2, 3};
    for (size_t b = 0; b < NELEM(bad); b++) {
        for (size_t pos = 0; pos < 3; pos++) {
            double w[] = {1, 2, 3};
            w[pos] = bad[b];
            for (size_t k = 0; k < NCASES; k++)
                if (CASES[k].flags & F_W)
                    expect_error(&CASES[k], x, w, 3, JH_EWEIGHT, "bad weight");
        }
    }
}

static void test_error_negative_value(void **state)
{
    (void)state;
    const double x[] = {1, -0.5, 2};
    const double w[] = {1, 2, 3};
    for (size_t k = 0; k < NCASES; k++) {
        if (!(CASES[k].flags & F_NONNEG))
            continue;
        expect_error(&CASES[k], x, NULL, 3, JH_ENEGATIVE, "negative x");
        if (CASES[k].flags & F_W)
            expect_error(&CASES[k], x, w, 3, JH_ENEGATIVE, "negative x, weighted");
    }
}

static void test_error_zero_mean(void **state)
{
    (void)state;
    const double x[] = {0, 0, 0};
    const double w[] = {1, 2, 3};
    for (size_t k = 0; k < NCASES; k++) {
        if (!(CASES[k].flags & F_MEANDIV))
            continue;
        expect_error(&CASES[k], x, NULL, 3, JH_EZEROMEAN, "all zeros");
        if (CASES[k].flags & F_W)
            expect_error(&CASES[k], x, w, 3, JH_EZEROMEAN, "all zeros, weighted");
    }
}

static void test_error_zero_value(void **state)
{
    (void)state;
    /* A zero where the index takes a log or an inverse: theil_l, ge(<=0),
     * atkinson(>=1), max/min; and p90/p10 here since Q(0.1) = 0
     * ({0,1,2,5}: pW = 0.4 < C_1 = 1 -> Q(0.1) = 0). */
    const double x[] = {2, 0, 5, 1};
    const double w[] = {1, 2, 3, 4}; /* zero has w 2 of 10: Q(0.1) = 0 */
    double v = SENTINEL;
    for (size_t k = 0; k < NCASES; k++) {
        if (!(CASES[k].flags & F_LOGZERO))
            continue;
        expect_error(&CASES[k], x, NULL, 4, JH_EZERO, "a zero");
        if (CASES[k].flags & F_W)
            expect_error(&CASES[k], x, w, 4, JH_EZERO, "a zero, weighted");
    }
    assert_status(jh_p90_p10(x, NULL, 4, WS, &v), JH_EZERO);
    assert_status(jh_p90_p10(x, w, 4, WS, &v), JH_EZERO);
    assert_true(v == SENTINEL);
}

static void test_error_zero_mean_precedes_zero_value(void **state)
{
    (void)state;
    /* The shared rules (ending with the zero mean) are checked before the
     * per-index JH_EZERO: all zeros give JH_EZEROMEAN for the mean-based
     * log indices too. */
    const double x[] = {0, 0};
    const ix_case logs[] = {
        {"theil_l", f_theil_l, 0}, {"ge(0)", f_ge0, 0},
        {"atkinson(1)", f_atk1, 0}, {"atkinson(2)", f_atk2, 0},
    };
    for (size_t k = 0; k < NELEM(logs); k++)
        expect_error(&logs[k], x, NULL, 2, JH_EZEROMEAN, "all zeros");
}

static void test_error_null_x(void **state)
{
    (void)state;
    const double w[] = {1, 2, 3};
    for (size_t k = 0; k < NCASES; k++) {
        expect_error(&CASES[k], NULL, NULL, 3, JH_EINVAL, "x NULL");
        if (CASES[k].flags & F_W)
            expect_error(&CASES[k], NULL, w, 3, JH_EINVAL, "x NULL, weighted");
    }
}

static void test_error_null_result(void **state)
{
    (void)state;
    const double x[] = {1, 2, 3};
    for (size_t k = 0; k < NCASES; k++)
        assert_status_l(CASES[k].name, CASES[k].fn(x, NULL, 3, WS, NULL),
                        JH_EINVAL);
}

/* The shared prologue (jh_checked_mean) keeps the order of the checks:
 * bad input first, then a missing result, then the Gini's own request
 * (corrected with weights, or n < 2) before a zero mean; a zero mean is
 * JH_EZEROMEAN for the ratio indices but not for the mean and sd. */
static void test_error_order_prologue(void **state)
{
    (void)state;
    const double zeros[] = {0, 0}, w[] = {1, 1}, bad[] = {-1, 2};
    double v = SENTINEL;
    assert_status(jh_gini(zeros, w, 2, 1, WS, &v), JH_EINVAL);
    assert_status(jh_gini(zeros, NULL, 2, 1, WS, &v), JH_EZEROMEAN);
    assert_status(jh_gini(bad, w, 2, 1, WS, &v), JH_ENEGATIVE);
    assert_status(jh_gini(bad, w, 2, 1, WS, NULL), JH_ENEGATIVE);
    assert_status(jh_cv(zeros, NULL, 2, NULL), JH_EINVAL);
    assert_status(jh_cv(zeros, NULL, 2, &v), JH_EZEROMEAN);
    assert_true(v == SENTINEL);
    assert_status(jh_mean(zeros, NULL, 2, &v), JH_OK);
    assert_true(v == 0);
    assert_status(jh_sd(zeros, NULL, 2, &v), JH_OK);
    assert_true(v == 0);
}

static void test_error_workspace_missing_or_small(void **state)
{
    (void)state;
    /* The workspace is opaque: one made for 3 values is used for 100000
     * (far beyond any rounding up of its capacity) and for 3. */
    jh_workspace *small = jh_workspace_alloc(3);
    assert_non_null(small);
    const size_t n = 100000;
    double *x = calloc(n, sizeof *x);
    double *pop = calloc(n + 1, sizeof *pop);
    double *share = calloc(n + 1, sizeof *share);
    assert_non_null(x);
    assert_non_null(pop);
    assert_non_null(share);
    for (size_t i = 0; i < n; i++)
        x[i] = (double)(i % 97 + 1);
    for (size_t k = 0; k < NCASES; k++) {
        if (!(CASES[k].flags & F_WS))
            continue;
        double v = SENTINEL;
        assert_status_l(CASES[k].name, CASES[k].fn(x, NULL, 3, NULL, &v),
                        JH_EINVAL);
        assert_status_l(CASES[k].name, CASES[k].fn(x, NULL, n, small, &v),
                        JH_EINVAL);
        assert_true(v == SENTINEL);
        /* a workspace for 3 is enough for 3 values */
        assert_status_l(CASES[k].name, CASES[k].fn(x, NULL, 3, small, &v),
                        JH_OK);
    }
    assert_status(jh_lorenz(x, NULL, 3, NULL, pop, share), JH_EINVAL);
    assert_status(jh_lorenz(x, NULL, n, small, pop, share), JH_EINVAL);
    jh_index_set set;
    assert_status(jh_indices_all(x, NULL, n, small, &set), JH_EINVAL);
    assert_status(jh_indices_all(x, NULL, 3, small, &set), JH_OK);
    free(x);
    free(pop);
    free(share);
    jh_workspace_free(small);
}

static void test_error_gini_corrected_needs_unweighted_n2(void **state)
{
    (void)state;
    const double x[] = {1, 2, 3};
    const double w[] = {1, 1, 1};
    double g = SENTINEL;
    assert_status(jh_gini(x, w, 3, 1, WS, &g), JH_EINVAL);
    assert_status(jh_gini(x, NULL, 1, 1, WS, &g), JH_EINVAL);
    assert_true(g == SENTINEL);
}

static void test_error_quantile_p_out_of_range(void **state)
{
    (void)state;
    const double x[] = {1, 2, 3};
    const double bad[] = {-0.1, 1.1, -1e-9, NAN, INFINITY};
    for (size_t i = 0; i < NELEM(bad); i++) {
        double v = SENTINEL;
        assert_status(jh_quantile(x, NULL, 3, bad[i], WS, &v), JH_EINVAL);
        assert_true(v == SENTINEL);
    }
}

static void test_error_bad_parameters(void **state)
{
    (void)state;
    /* eps >= 0 is required; NaN alpha/eps are bad parameters. */
    const double x[] = {1, 2, 3};
    double v = SENTINEL;
    assert_status(jh_atkinson(x, NULL, 3, -0.5, &v), JH_EINVAL);
    assert_status(jh_atkinson(x, NULL, 3, NAN, &v), JH_EINVAL);
    assert_status(jh_ge(x, NULL, 3, NAN, &v), JH_EINVAL);
    assert_true(v == SENTINEL);
}

static void test_error_check_order(void **state)
{
    (void)state;
    /* n == 0, then non-finite x, then weights, then negative x. */
    const double neg_nan[] = {-1, NAN};
    const double nan_x[] = {NAN, 1};
    const double neg[] = {-1, 2};
    const double w_bad[] = {1, 0};
    const double w_ok[] = {1, 1};
    assert_status(jh_check_input(neg_nan, NULL, 2, 1), JH_ENONFINITE);
    assert_status(jh_check_input(nan_x, w_bad, 2, 1), JH_ENONFINITE);
    assert_status(jh_check_input(neg, w_bad, 2, 1), JH_EWEIGHT);
    assert_status(jh_check_input(neg, w_ok, 2, 1), JH_ENEGATIVE);
    assert_status(jh_check_input(neg, w_ok, 2, 0), JH_OK);
    assert_status(jh_check_input(neg, w_bad, 0, 1), JH_EEMPTY);
    double g = SENTINEL;
    assert_status(jh_gini(neg_nan, NULL, 2, 0, WS, &g), JH_ENONFINITE);
    assert_status(jh_gini(neg, w_bad, 2, 0, WS, &g), JH_EWEIGHT);
    assert_status(jh_theil_l(neg, w_bad, 2, &g), JH_EWEIGHT);
    assert_true(g == SENTINEL);
}

static void test_error_lorenz(void **state)
{
    (void)state;
    const double x[] = {1, 2, 3};
    const double xn[] = {1, -2, 3};
    const double xnan[] = {1, NAN, 3};
    const double z[] = {0, 0, 0};
    const double wb[] = {1, 0, 1};
    double pop[4], share[4];
    struct {
        const double *x, *w;
        size_t n;
        int st;
    } cases[] = {
        {x, NULL, 0, JH_EEMPTY},      {xnan, NULL, 3, JH_ENONFINITE},
        {x, wb, 3, JH_EWEIGHT},       {xn, NULL, 3, JH_ENEGATIVE},
        {z, NULL, 3, JH_EZEROMEAN},   {NULL, NULL, 3, JH_EINVAL},
    };
    for (size_t i = 0; i < NELEM(cases); i++) {
        for (int k = 0; k < 4; k++)
            pop[k] = share[k] = SENTINEL;
        assert_status(jh_lorenz(cases[i].x, cases[i].w, cases[i].n, WS, pop,
                                share),
                      cases[i].st);
        for (int k = 0; k < 4; k++) {
            assert_true(pop[k] == SENTINEL);
            assert_true(share[k] == SENTINEL);
        }
    }
    assert_status(jh_lorenz(x, NULL, 3, WS, NULL, share), JH_EINVAL);
    assert_status(jh_lorenz(x, NULL, 3, WS, pop, NULL), JH_EINVAL);
}

/* Near equality every entropy and Atkinson index is a second-order small
 * number, and a sum of first-order terms loses about log10(1/u) digits to
 * cancellation (u = x/mu - 1, here about 1e-3).  junheng sums nonnegative
 * second-order terms instead, so each value must be within a few ulp of
 * the exact one.  Expected values: 50-digit decimal arithmetic (Python
 * decimal) on x = (1000, 1001, 1002, 1003), rounded to double:
 *   theil_t = 6.23129422593687265938...e-7
 *   theil_l = 6.23129847124854831699...e-7
 *   ge2     = 6.23129210328291885686...e-7
 *   A(0.5)  = 3.11564779894852509615...e-7
 *   A(1)    = 6.23129652979491968702...e-7
 *   A(2)    = 1.24625941468025525850...e-6
 * The previous sums (r ln r, powl) were off by ~1e-14 relative here. */
static void test_near_equality_keeps_last_digits(void **state)
{
    (void)state;
    const double x[] = {1000, 1001, 1002, 1003};
    const struct { double got_alpha; int atk; double expected; } c[] = {
        {1, 0, 6.231294225936873e-07}, {0, 0, 6.231298471248548e-07},
        {2, 0, 6.231292103282919e-07}, {0.5, 1, 3.115647798948525e-07},
        {1, 1, 6.23129652979492e-07},  {2, 1, 1.2462594146802553e-06},
    };
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
        double v = 0;
        int rc = c[i].atk ? jh_atkinson(x, NULL, 4, c[i].got_alpha, &v)
                          : jh_ge(x, NULL, 4, c[i].got_alpha, &v);
        assert_int_equal(rc, JH_OK);
        /* Four ulp: 4 * 2^-52 relative. */
        if (fabs(v - c[i].expected) > 4 * DBL_EPSILON * c[i].expected)
            fail_msg("case %zu: got %.17g, expected %.17g", i, v, c[i].expected);
    }
}

/* The six entropy-family indices are summed in double (issue 15; see
 * entropy.c): series in t = u/(2+u) for |u| < 1/4, double log beyond.
 * Against the textbook sums in long double with logl and powl, written
 * here without junheng code, on log-normal slices spread wide enough
 * (sigma >= 0.3; values 10^-4 .. 10^4 times the mean) that the textbook
 * loses at most ~3 of its 19 digits: every value within 1e-13 relative, far
 * inside the 1e-9 agreement with R's ineq / dineq / acid.  Each slice also
 * straddles the switch at |u| = 1/4 and the one at u = -1/2.  The suite
 * (jh_indices_all) gives the same doubles as the lone functions. */
static void textbook_family(const double *x, const double *w, size_t n, long double v[6])
{
    long double W = 0, S = 0, ge1 = 0, ge0 = 0, s2 = 0, a05 = 0, a2 = 0;
    for (size_t i = 0; i < n; i++) {
        W += w ? w[i] : 1;
        S += (w ? w[i] : 1) * (long double)x[i];
    }
    long double mu = S / W;
    for (size_t i = 0; i < n; i++) {
        long double p = (w ? w[i] : 1) / W, r = x[i] / mu;
        ge1 += p * r * logl(r);
        ge0 -= p * logl(r);
        s2 += p * r * r;
        a05 += p * sqrtl(r);
        a2 += p / r;
    }
    v[0] = ge1, v[1] = ge0, v[2] = (s2 - 1) / 2;
    v[3] = 1 - a05 * a05, v[4] = 1 - expl(-ge0), v[5] = 1 - 1 / a2;
}

static void test_entropy_double_against_textbook(void **state)
{
    (void)state;
    static const double sigma[] = {0.3, 0.7, 1.5, 3.0};
    double x[400], w[400];
    lcg_seed(2026);
    for (int rep = 0; rep < 80; rep++) {
        size_t n = 2 + (size_t)(lcg_next() % 399);
        double sg = sigma[rep % 4];
        for (size_t i = 0; i < n; i++) {
            /* Box-Muller: a normal deviate from two uniforms. */
            double z = sqrt(-2 * log(1 - lcg_unit())) * cos(6.283185307179586 * lcg_unit());
            x[i] = 100 * exp(sg * z);
            w[i] = 1 + 1000 * lcg_unit();
        }
        for (int wt = 0; wt < 2; wt++) {
            const double *ww = wt ? w : NULL;
            long double ref[6];
            double lone[6];
            jh_index_set set;
            textbook_family(x, ww, n, ref);
            assert_status(jh_ge(x, ww, n, 1, &lone[0]), JH_OK);
            assert_status(jh_ge(x, ww, n, 0, &lone[1]), JH_OK);
            assert_status(jh_ge(x, ww, n, 2, &lone[2]), JH_OK);
            assert_status(jh_atkinson(x, ww, n, 0.5, &lone[3]), JH_OK);
            assert_status(jh_atkinson(x, ww, n, 1, &lone[4]), JH_OK);
            assert_status(jh_atkinson(x, ww, n, 2, &lone[5]), JH_OK);
            assert_status(jh_indices_all(x, ww, n, WS, &set), JH_OK);
            for (int k = 0; k < 6; k++) {
                double rel = (double)fabsl((lone[k] - ref[k]) / ref[k]);
                if (!(rel <= 1e-13))
                    fail_msg("slice %d (n %zu, sigma %g, weighted %d), member %d: "
                             "%.17g against %.17Lg (%.2g relative)",
                             rep, n, sg, wt, k, lone[k], ref[k], rel);
                assert_true(set.value[JH_IX_THEIL_T + k] == lone[k]);
            }
        }
    }
}

/* The one sort (a merge sort since issue 15, qsort before) orders by x and
 * keeps ties, -0 and +0 among them, in input order.  Seen through the
 * Lorenz curve with distinct weights w_i = i + 1, whose pop[k] is the
 * cumulated weight in sorted order: on 300 slices of up to 700 values drawn
 * from {-0, 0, 1, 2, 2.5, 3} (every run and merge length, many ties), pop
 * equals the same sums over a reference order, sorted by (x, position)
 * with qsort here. */
struct ref_pair {
    double x;
    size_t i;
};

static int ref_compare(const void *pa, const void *pb)
{
    const struct ref_pair *a = pa, *b = pb;
    if (a->x != b->x)
        return a->x < b->x ? -1 : 1;
    return (a->i > b->i) - (a->i < b->i);
}

static void test_sort_keeps_ties_in_input_order(void **state)
{
    (void)state;
    static const double levels[] = {-0.0, 0.0, 1, 2, 2.5, 3};
    static double x[700], w[700], pop[701], share[701];
    static struct ref_pair ref[700];
    lcg_seed(15);
    for (int rep = 0; rep < 300; rep++) {
        size_t n = 1 + (size_t)(lcg_next() % 700);
        long double total = 0, cw = 0;
        for (size_t i = 0; i < n; i++) {
            x[i] = levels[lcg_next() % 6];
            w[i] = (double)(i + 1);
            ref[i] = (struct ref_pair){x[i], i};
            total += w[i];
        }
        x[lcg_next() % n] = 3; /* a positive mean */
        for (size_t i = 0; i < n; i++)
            ref[i].x = x[i];
        qsort(ref, n, sizeof *ref, ref_compare);
        assert_status(jh_lorenz(x, w, n, WS, pop, share), JH_OK);
        for (size_t k = 0; k + 1 < n; k++) {
            cw += w[ref[k].i];
            if (pop[k + 1] != (double)(cw / total))
                fail_msg("slice %d (n %zu): pop[%zu] = %.17g, expected %.17g", rep, n,
                         k + 1, pop[k + 1], (double)(cw / total));
        }
    }
}

/* jh_sort_slice directly, against qsort by (x, position), on slices long
 * enough for its radix passes: negatives, -0 and +0 (equal, so in input
 * order), subnormals, the largest doubles, repeats and values that share
 * every byte but one. */
static void test_sort_slice_orders_by_value_then_position(void **state)
{
    (void)state;
    static const double odd[] = {-0.0, 0.0, 4.9e-324, -4.9e-324, 2.2250738585072009e-308,
                                 DBL_MAX, -DBL_MAX, 1.0, 1.0000000000000002, -1.0, 0.1, 1e300};
    static double x[4096], w[5000];
    static struct ref_pair ref[4096];
    lcg_seed(29);
    for (int rep = 0; rep < 200; rep++) {
        size_t n = 1 + (size_t)(lcg_next() % (rep < 100 ? 200 : 4096));
        for (size_t i = 0; i < n; i++) {
            uint32_t r = lcg_next();
            x[i] = r % 3 == 0   ? odd[lcg_next() % 12]
                   : r % 3 == 1 ? (lcg_unit() - 0.5) * 1e6
                                : (double)(lcg_next() % 50);
            w[i] = (double)(i + 1);
            ref[i] = (struct ref_pair){x[i], i};
        }
        qsort(ref, n, sizeof *ref, ref_compare);
        assert_status(jh_sort_slice(x, w, n, WS), JH_OK);
        for (size_t k = 0; k < n; k++) {
            struct jh_sort_pair got = WS->pairs[k];
            if (got.i != ref[k].i || memcmp(&WS->xs[k], &x[ref[k].i], sizeof(double)) ||
                WS->ws[k] != w[ref[k].i])
                fail_msg("slice %d (n %zu): position %zu holds input %zu, expected %zu", rep,
                         n, k, got.i, ref[k].i);
        }
    }
}

/* jh_indices_all_both sorts once for both weightings: the same bytes as
 * two jh_indices_all calls, on random slices with zeros, and with a bad
 * weight (weighted refused, unweighted computed). */
static void test_indices_both_equal_two_calls(void **state)
{
    (void)state;
    double x[300], w[300];
    lcg_seed(61);
    for (int rep = 0; rep < 60; rep++) {
        size_t n = 1 + (size_t)(lcg_next() % 300);
        fill_random(x, w, n, rep % 2);
        if (rep % 5 == 4)
            w[lcg_next() % n] = -1;
        jh_index_set a, b, p, q;
        memset(&a, 0, sizeof a), memset(&b, 0, sizeof b);
        memset(&p, 0, sizeof p), memset(&q, 0, sizeof q);
        assert_status(jh_indices_all(x, NULL, n, WS, &a), JH_OK);
        assert_status(jh_indices_all(x, w, n, WS, &b), JH_OK);
        assert_status(jh_indices_all_both(x, w, n, WS, &p, &q), JH_OK);
        assert_memory_equal(&a, &p, sizeof a);
        assert_memory_equal(&b, &q, sizeof b);
        if (rep % 5 == 4)
            assert_status(q.status[JH_IX_MEAN], JH_EWEIGHT);
    }
}

/* ====================================================================== */

#define T(f) cmocka_unit_test(f)
int main(void)
{
    const struct CMUnitTest tests[] = {
        /* hand values */
        T(test_near_equality_keeps_last_digits),
        T(test_entropy_double_against_textbook),
        T(test_sort_keeps_ties_in_input_order),
        T(test_sort_slice_orders_by_value_then_position),
        T(test_indices_both_equal_two_calls),
        T(test_gini_unweighted_1234),
        T(test_gini_unweighted_with_zero),
        T(test_gini_one_region_holds_everything),
        T(test_gini_corrected_1234),
        T(test_gini_single_region_is_zero),
        T(test_gini_weighted_integer),
        T(test_gini_weighted_fractional),
        T(test_gini_weighted_ties),
        T(test_mean_values),
        T(test_sd_population_form),
        T(test_cv_unweighted),
        T(test_cv_williamson_weighted),
        T(test_ge_alpha0_is_mld),
        T(test_ge_alpha1_is_theil_t),
        T(test_ge_alpha2),
        T(test_ge_alpha_half),
        T(test_ge_alpha3),
        T(test_ge_alpha_minus1),
        T(test_ge_weighted),
        T(test_ge_with_zero_positive_alpha),
        T(test_theil_t_values),
        T(test_theil_t_keeps_zeros),
        T(test_theil_t_weighted),
        T(test_theil_l_values),
        T(test_atkinson_eps_half),
        T(test_atkinson_eps_one),
        T(test_atkinson_eps_two),
        T(test_atkinson_eps_zero_is_zero),
        T(test_min_max_range_ratio),
        T(test_descriptive_stats_accept_negative_values),
        T(test_grow),
        T(test_robust_z),
        T(test_median_odd_n),
        T(test_median_even_n_averages),
        T(test_quantile_unweighted_steps),
        T(test_quantile_p0_is_min_p1_is_max),
        T(test_quantile_weighted),
        T(test_quantile_flat_step_within_rounding),
        T(test_p90_p10_unweighted),
        T(test_p90_p10_weighted_equals_rows),
        T(test_p90_p10_zero_value_but_positive_p10),
        T(test_hoover_values),
        T(test_lorenz_unweighted),
        T(test_lorenz_weighted),
        T(test_lorenz_ties_keep_input_order),
        T(test_lorenz_with_zeros),
        /* properties */
        T(test_zero_for_equal_values),
        T(test_equal_values_exactly_zero),
        T(test_mld_at_extreme_ratios),
        T(test_slice_spanning_1e300),
        T(test_values_near_largest_double),
        T(test_scale_invariance),
        T(test_replication_invariance),
        T(test_corrected_gini_under_replication),
        T(test_integer_weights_equal_replicated_rows),
        T(test_integer_weights_equal_replicated_rows_lorenz),
        T(test_weight_scale_invariance),
        T(test_permutation_invariance),
        T(test_transfer_principle_unweighted),
        T(test_transfer_principle_weighted),
        T(test_ge2_is_half_cv_squared),
        T(test_atkinson1_is_one_minus_exp_minus_mld),
        T(test_theil_t_nonnegative_and_equals_share_form),
        T(test_ge_alpha_0_1_equal_theil_functions),
        T(test_atkinson_increases_with_eps),
        T(test_gini_large_integer_data_vs_naive),
        T(test_gini_large_continuous_data_vs_naive),
        /* all at once */
        T(test_indices_all_matches_single_functions),
        T(test_indices_all_hand_values),
        T(test_indices_all_slice_with_zero),
        T(test_indices_all_all_zero_slice),
        T(test_indices_all_invalid_arguments),
        /* names */
        T(test_index_names_match_design),
        T(test_index_lookup_round_trip),
        T(test_index_lookup_unknown_names),
        T(test_strerror_every_status),
        /* errors */
        T(test_error_empty),
        T(test_error_nonfinite),
        T(test_error_bad_weight),
        T(test_error_negative_value),
        T(test_error_zero_mean),
        T(test_error_zero_value),
        T(test_error_zero_mean_precedes_zero_value),
        T(test_error_null_x),
        T(test_error_null_result),
        T(test_error_order_prologue),
        T(test_error_workspace_missing_or_small),
        T(test_error_gini_corrected_needs_unweighted_n2),
        T(test_error_quantile_p_out_of_range),
        T(test_error_bad_parameters),
        T(test_error_check_order),
        T(test_error_lorenz),
    };
    return cmocka_run_group_tests(tests, setup_ws, teardown_ws);
}
