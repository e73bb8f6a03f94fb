/* Unit tests for composite evaluation (include/junheng/composite.h).
 *
 * Sources of the expected values:
 *  - small matrices worked by hand, the arithmetic in the comment beside
 *    each value (exact fractions and logs, then decimals);
 *  - TOPSIS: the example of the Julia package JMcDM (jbytecode/JMcDM,
 *    src/topsis.jl docstring: decision matrix x = (9,8,7), y = (7,7,8),
 *    z = (6,9,6), q = (7,6,6), weights (4,2,6,8) normalised, all benefit;
 *    published scores 0.38768695492211824, 0.6503238218850163,
 *    0.08347670030339041), and the car example of the R package MCDA
 *    (examples of MCDA::TOPSIS, the same as hodgett.co.uk "TOPSIS in
 *    Excel": Corsa/Clio/Fiesta, price is a cost criterion; the package
 *    prints the ideal point 0.179573776, 0.171636015, 0.159499658,
 *    0.087302767 and the anti-ideal 0.212610118, 0.124958799, 0.131352659,
 *    0.085797547).  MCDA's example does not print the closeness; it was
 *    computed for this test by an independent 30-line Python script
 *    (plain floats, textbook formulas) whose ideal points agree with the
 *    printed ones to all 9 digits, and which also reproduces JMcDM's
 *    scores to 1e-16.
 * Tolerance 1e-12 relative unless stated (published values with 9 digits:
 * 1e-8 absolute). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "junheng/composite.h"
#include "junheng/status.h"

#define REL_TOL 1e-12
#define ZERO_TOL 1e-14

static void check_close(double got, double expected, double tol, const char *what,
                        const char *file, int line)
{
    int ok = expected == 0 ? fabs(got) <= ZERO_TOL
                           : fabs(got - expected) <= tol * fabs(expected);
    if (!ok) {
        print_error("%s = %.17g, expected %.17g\n", what, got, expected);
        _fail(file, line);
    }
}

static void check_status(int got, int expected, const char *what,
                         const char *file, int line)
{
    if (got != expected) {
        print_error("%s: status %d (%s), expected %d (%s)\n", what, got,
                    jh_strerror(got), expected, jh_strerror(expected));
        _fail(file, line);
    }
}

#define assert_close(got, expected) \
    check_close((got), (expected), REL_TOL, #got, __FILE__, __LINE__)
#define assert_close_tol(got, expected, tol) \
    check_close((got), (expected), (tol), #got, __FILE__, __LINE__)
#define assert_status(got, expected) \
    check_status((got), (expected), #got, __FILE__, __LINE__)

/* The running example: 3 counties, a higher-better and a lower-better
 * indicator.
 *   col 0 (higher better): 10, 20, 30 -> z = (x-10)/20 = 0, 0.5, 1
 *   col 1 (lower better):   5,  9,  5 -> z = (9-x)/4   = 1, 0,   1 */
static const double X[] = {10, 5, 20, 9, 30, 5};
static const int DIR[] = {1, -1};

static void test_minmax_direction(void **state)
{
    (void)state;
    double z[6];
    assert_status(jh_normalise(X, 3, 2, DIR, JH_NORM_MINMAX, NULL, NULL, z), JH_OK);
    assert_close(z[0], 0);
    assert_close(z[2], 0.5);
    assert_close(z[4], 1);
    assert_close(z[1], 1);
    assert_close(z[3], 0);
    assert_close(z[5], 1);
    /* Direction reverses the order: with col 0 declared lower-better the
     * county with 10 becomes the best (z = (30-10)/20 = 1). */
    const int rev[] = {-1, -1};
    assert_status(jh_normalise(X, 3, 2, rev, JH_NORM_MINMAX, NULL, NULL, z), JH_OK);
    assert_close(z[0], 1);
    assert_close(z[2], 0.5);
    assert_close(z[4], 0);
    /* Fixed range (pooled panel) lo = 0, hi = 40 for col 0, 5..13 for col 1:
     * z = 10/40, 20/40, 30/40 and (13-5)/8, (13-9)/8, (13-5)/8. */
    const double lo[] = {0, 5}, hi[] = {40, 13};
    assert_status(jh_normalise(X, 3, 2, DIR, JH_NORM_MINMAX, lo, hi, z), JH_OK);
    assert_close(z[0], 0.25);
    assert_close(z[2], 0.5);
    assert_close(z[4], 0.75);
    assert_close(z[1], 1);
    assert_close(z[3], 0.5);
    /* a value outside the fixed range is an error */
    const double hi2[] = {25, 13};
    assert_status(jh_normalise(X, 3, 2, DIR, JH_NORM_MINMAX, lo, hi2, z), JH_EINVAL);
    /* a constant column is everyone at the best: z = 1 */
    const double c[] = {7, 7, 7};
    const int up[] = {1};
    assert_status(jh_normalise(c, 3, 1, up, JH_NORM_MINMAX, NULL, NULL, z), JH_OK);
    assert_close(z[0], 1);
    assert_close(z[2], 1);
}

static void test_zscore(void **state)
{
    (void)state;
    double z[6];
    /* col 0: mean 20, population sd sqrt((100+0+100)/3) = sqrt(200/3)
     *   = 8.16496580927726; z = -10/sd, 0, 10/sd = -1.224744871391589, 0, ...
     * col 1 (lower better): mean 19/3, sd sqrt(((4/3)^2*2 + (8/3)^2)/3)
     *   = sqrt(32/9) = 4 sqrt(2)/3; z = -(x - mean)/sd:
     *   county 2: -(9 - 19/3)/sd = -(8/3)/(4 sqrt(2)/3) = -sqrt(2)
     *   counties 1 and 3: (4/3)/(4 sqrt(2)/3) = 1/sqrt(2) */
    assert_status(jh_normalise(X, 3, 2, DIR, JH_NORM_ZSCORE, NULL, NULL, z), JH_OK);
    assert_close(z[0], -10 / sqrt(200.0 / 3));
    assert_close(z[2], 0);
    assert_close(z[4], 10 / sqrt(200.0 / 3));
    assert_close(z[3], -sqrt(2.0));
    assert_close(z[1], 1 / sqrt(2.0));
    assert_close(z[5], 1 / sqrt(2.0));
}

/* Finite values near the largest double (issue 12): max - min of
 * -1.7e308 .. 1.7e308 overflows, and z was inf/inf = NaN, so `rank`
 * dropped the year as "a value is not finite".  z = (x - min)/(max - min):
 *   col 0 (higher better): -1.7e308, 0, 1.7e308 -> 0, 1/2, 1
 *   col 1 (lower better):  -1.7e308, 1.7e308, 8.5e307 -> 1, 0, 1/4
 * (1.7e308 - 8.5e307)/3.4e308 = 8.5e307/3.4e308 = 1/4.  The z-scores stay
 * finite too: col 0 has mean 0 and sd 1.7e308 sqrt(2/3), z = -/+sqrt(3/2). */
static void test_normalise_near_largest_double(void **state)
{
    (void)state;
    const double x[] = {-1.7e308, -1.7e308, 0, 1.7e308, 1.7e308, 8.5e307};
    double z[6];
    assert_status(jh_normalise(x, 3, 2, DIR, JH_NORM_MINMAX, NULL, NULL, z), JH_OK);
    assert_close(z[0], 0);
    assert_close(z[2], 0.5);
    assert_close(z[4], 1);
    assert_close(z[1], 1);
    assert_close(z[3], 0);
    assert_close(z[5], 0.25);
    assert_status(jh_normalise(x, 3, 2, DIR, JH_NORM_ZSCORE, NULL, NULL, z), JH_OK);
    assert_close(z[0], -sqrt(1.5));
    assert_close(z[2], 0);
    assert_close(z[4], sqrt(1.5));
}

static void test_entropy_hand(void **state)
{
    (void)state;
    /* z = [0 1; 0.5 0; 1 1] (the running example, normalised).
     * col 0: p = 0, 1/3, 2/3 (sum 1.5); with 0 ln 0 = 0,
     *   H = (1/3) ln 3 + (2/3) ln(3/2) = ln 3 - (2/3) ln 2,
     *   e0 = H / ln 3 = 1 - (2/3) ln 2 / ln 3 = 0.5793801642856950
     * col 1: p = 1/2, 0, 1/2; H = ln 2; e1 = ln 2 / ln 3 = 0.6309297535714574
     * d0 = (2/3) ln2/ln3 = 0.4206198357143050, d1 = 1 - ln2/ln3 = 0.3690702464285426
     * w0 = d0/(d0+d1) = 0.5326391266975781, w1 = 0.4673608733024219 */
    const double z[] = {0, 1, 0.5, 0, 1, 1};
    double w[2], e[2];
    const double l = log(2) / log(3);
    assert_status(jh_entropy_weights(z, 3, 2, 0, w, e), JH_OK);
    assert_close(e[0], 1 - 2.0 / 3 * l);
    assert_close(e[1], l);
    assert_close(w[0], (2.0 / 3 * l) / (2.0 / 3 * l + 1 - l));
    assert_close(w[0], 0.5326391266975781);
    assert_close(w[1], 0.4673608733024219);
    assert_close(w[0] + w[1], 1);

    /* --entropy-shift 0.5: z' = 0.5 + 0.5 z.
     * col 0: z' = 0.5, 0.75, 1 (sum 2.25): p = 2/9, 1/3, 4/9
     *   e0 = -(2/9 ln 2/9 + 1/3 ln 1/3 + 4/9 ln 4/9)/ln 3 = 0.965633607142825
     * col 1: z' = 1, 0.5, 1 (sum 2.5): p = 0.4, 0.2, 0.4
     *   e1 = -(0.8 ln 0.4 + 0.2 ln 0.2)/ln 3 = 0.9602297178607612
     * w0 = 0.034366392857175/(0.034366392857175+0.0397702821392388)
     *    = 0.4635545478514837.  The shift pulls every e toward 1 and here
     * even reverses which indicator weighs more: the documented effect. */
    double e0 = -(2.0 / 9 * log(2.0 / 9) + 1.0 / 3 * log(1.0 / 3) + 4.0 / 9 * log(4.0 / 9)) / log(3);
    double e1 = -(0.8 * log(0.4) + 0.2 * log(0.2)) / log(3);
    assert_status(jh_entropy_weights(z, 3, 2, 0.5, w, e), JH_OK);
    assert_close(e[0], e0);
    assert_close(e[1], e1);
    assert_close(w[0], (1 - e0) / (2 - e0 - e1));
    assert_close(w[0], 0.4635545478514837);
    assert_true(w[0] < w[1]);
}

static void test_entropy_errors(void **state)
{
    (void)state;
    const double z[] = {0, 1, 0.5, 0, 1, 1};
    const double neg[] = {-0.1, 1, 0.5, 0, 1, 1};
    const double zero_col[] = {0, 1, 0, 0, 0, 1};
    const double flat[] = {0.5, 0.5, 0.5, 0.5};
    double w[2] = {-7, -7};
    assert_status(jh_entropy_weights(neg, 3, 2, 0, w, NULL), JH_ENEGATIVE);
    assert_status(jh_entropy_weights(zero_col, 3, 2, 0, w, NULL), JH_EZEROMEAN);
    assert_close(w[0], -7); /* untouched on error */
    /* both columns constant: every e = 1, no information */
    assert_status(jh_entropy_weights(flat, 2, 2, 0, w, NULL), JH_EZERO);
    assert_status(jh_entropy_weights(z, 1, 2, 0, w, NULL), JH_EINVAL);
    assert_status(jh_entropy_weights(z, 3, 2, 1.0, w, NULL), JH_EINVAL);
    assert_status(jh_entropy_weights(z, 3, 2, -0.1, w, NULL), JH_EINVAL);
    assert_status(jh_entropy_weights(z, 0, 2, 0, w, NULL), JH_EEMPTY);
    const double bad[] = {0, NAN, 1, 1};
    assert_status(jh_entropy_weights(bad, 2, 2, 0, w, NULL), JH_ENONFINITE);
}

static void test_critic_hand(void **state)
{
    (void)state;
    /* Two columns z0 = (0, .5, 1), z1 = (1, 0, 1):
     *   s0 = sqrt((.25+0+.25)/3) = sqrt(1/6) = 0.408248290463863
     *   s1 = sqrt(((1/3)^2*2 + (2/3)^2)/3) = sqrt(2/9) = 0.4714045207910317
     *   cov = [(-.5)(1/3) + 0 + (.5)(1/3)]/3 = 0, r = 0
     *   C0 = s0 (1 - 0), C1 = s1 (1 - 0); w0 = s0/(s0+s1) = 0.4641016151377546 */
    const double z2[] = {0, 1, 0.5, 0, 1, 1};
    double w[3], c[3];
    assert_status(jh_critic_weights(z2, 3, 2, w, c), JH_OK);
    assert_close(c[0], sqrt(1.0 / 6));
    assert_close(c[1], sqrt(2.0 / 9));
    assert_close(w[0], sqrt(1.0 / 6) / (sqrt(1.0 / 6) + sqrt(2.0 / 9)));
    assert_close(w[0], 0.4641016151377546);

    /* Add z2 = (0, 1, 1): s2 = sqrt(2/9).
     *   r02: cov = [(-.5)(-2/3) + 0 + (.5)(1/3)]/3 = 1/6;
     *        r = (1/6)/(sqrt(1/6) sqrt(2/9)) = sqrt(27)/6 = 0.8660254037844386
     *   r12: cov = [(1/3)(-2/3) + (-2/3)(1/3) + (1/3)(1/3)]/3 = -1/9;
     *        r = (-1/9)/(2/9) = -0.5;  r01 = 0 as above
     *   C0 = s0 [(1-0) + (1-sqrt(27)/6)] = 0.4629431903344523
     *   C1 = s1 [(1-0) + (1+0.5)]        = 2.5 sqrt(2/9) = 1.1785113019775793
     *   C2 = s2 [(1-sqrt(27)/6) + 1.5]   = 0.7702630115137162
     *   w = C / 2.411717503825748 = 0.19195581140829215, 0.4886605915112724,
     *       0.3193835970804355 */
    const double z3[] = {0, 1, 0, 0.5, 0, 1, 1, 1, 1};
    const double r02 = sqrt(27.0) / 6;
    assert_status(jh_critic_weights(z3, 3, 3, w, c), JH_OK);
    assert_close(c[0], sqrt(1.0 / 6) * (2 - r02));
    assert_close(c[1], 2.5 * sqrt(2.0 / 9));
    assert_close(c[2], sqrt(2.0 / 9) * (2.5 - r02));
    assert_close(w[0], 0.19195581140829215);
    assert_close(w[1], 0.4886605915112724);
    assert_close(w[2], 0.3193835970804355);
    assert_close(w[0] + w[1] + w[2], 1);

    /* a constant column gets weight 0 and does not enter the others' sums:
     * same weights for the first two columns as without it */
    const double zc[] = {0, 1, 0.3, 0.5, 0, 0.3, 1, 1, 0.3};
    assert_status(jh_critic_weights(zc, 3, 3, w, c), JH_OK);
    assert_close(w[2], 0);
    assert_close(w[0], 0.4641016151377546);
    const double flat[] = {1, 2, 1, 2};
    assert_status(jh_critic_weights(flat, 2, 2, w, NULL), JH_EZERO);
    assert_status(jh_critic_weights(z3, 1, 3, w, NULL), JH_EINVAL);
}

static void test_weighted_sum(void **state)
{
    (void)state;
    /* s_i = (0.6 z_i0 + 0.4 z_i1)/1: 0.4, 0.3, 1.0; weights rescaled:
     * (3, 2) gives the same */
    const double z[] = {0, 1, 0.5, 0, 1, 1};
    const double w[] = {0.6, 0.4}, w2[] = {3, 2}, wneg[] = {1, -1}, w0[] = {0, 0};
    double s[3];
    assert_status(jh_weighted_sum(z, 3, 2, w, s), JH_OK);
    assert_close(s[0], 0.4);
    assert_close(s[1], 0.3);
    assert_close(s[2], 1.0);
    assert_status(jh_weighted_sum(z, 3, 2, w2, s), JH_OK);
    assert_close(s[1], 0.3);
    assert_status(jh_weighted_sum(z, 3, 2, wneg, s), JH_EWEIGHT);
    assert_status(jh_weighted_sum(z, 3, 2, w0, s), JH_EWEIGHT);
}

static void test_topsis_jmcdm(void **state)
{
    (void)state;
    /* JMcDM docstring example (see the top of this file). */
    const double x[] = {9, 7, 6, 7, 8, 7, 9, 6, 7, 8, 6, 6};
    const double w[] = {0.2, 0.1, 0.3, 0.4};
    const int dir[] = {1, 1, 1, 1};
    double dp[3], dm[3], c[3];
    assert_status(jh_topsis(x, 3, 4, dir, w, JH_TOPSIS_TEXTBOOK, dp, dm, c), JH_OK);
    assert_close(c[0], 0.38768695492211824);
    assert_close(c[1], 0.6503238218850163);
    assert_close(c[2], 0.08347670030339041);

    /* Weight outside the square, same data (independent script):
     * 0.3894210882614524, 0.6600631101450368, 0.13561717207919805 */
    assert_status(jh_topsis(x, 3, 4, dir, w, JH_TOPSIS_WEIGHT_OUTSIDE, dp, dm, c), JH_OK);
    assert_close(c[0], 0.3894210882614524);
    assert_close(c[1], 0.6600631101450368);
    assert_close(c[2], 0.13561717207919805);
}

static void test_topsis_mcda_cost(void **state)
{
    (void)state;
    /* MCDA::TOPSIS example: price (cost), economy, aesthetics, boot.
     * Printed ideal point, first coordinate (the cheapest car, Corsa):
     * 0.35 * 5490 / sqrt(5490^2 + 6500^2 + 6489^2) = 0.179573776; so the
     * Corsa's distance to the ideal has no price term.  Closeness from the
     * independent script: 0.48168529016974637, 0.5182076658686428,
     * 0.17795536189927283 (Clio best, Fiesta worst). */
    const double x[] = {5490, 51.4, 8.5, 285, 6500, 70.6, 7, 288, 6489, 54.3, 7.5, 290};
    const double w[] = {0.35, 0.25, 0.25, 0.15};
    const int dir[] = {-1, 1, 1, 1};
    double dp[3], dm[3], c[3];
    assert_status(jh_topsis(x, 3, 4, dir, w, JH_TOPSIS_TEXTBOOK, dp, dm, c), JH_OK);
    assert_close(c[0], 0.48168529016974637);
    assert_close(c[1], 0.5182076658686428);
    assert_close(c[2], 0.17795536189927283);
    /* D+ of the Corsa from the printed ideal point (9 digits): its v is
     * (0.179573776, 0.25*51.4/n1, 0.25*8.5/n2, 0.15*285/n3) and the ideal
     * (0.179573776, 0.171636015, 0.159499658, 0.087302767). */
    double n1 = sqrt(51.4 * 51.4 + 70.6 * 70.6 + 54.3 * 54.3);
    double n2 = sqrt(8.5 * 8.5 + 7 * 7 + 7.5 * 7.5);
    double n3 = sqrt(285.0 * 285 + 288.0 * 288 + 290.0 * 290);
    double a = 0.25 * 51.4 / n1 - 0.171636015, b = 0.25 * 8.5 / n2 - 0.159499658,
           d = 0.15 * 285 / n3 - 0.087302767;
    assert_close_tol(dp[0], sqrt(a * a + b * b + d * d), 1e-7);
    /* Direction: declaring price a benefit instead of a cost lowers the
     * cheapest car (Corsa) and raises the dearest (Clio). */
    const int all_up[] = {1, 1, 1, 1};
    double c2[3];
    assert_status(jh_topsis(x, 3, 4, all_up, w, JH_TOPSIS_TEXTBOOK, dp, dm, c2), JH_OK);
    assert_true(c2[0] < c[0]);
    assert_true(c2[1] > c[1]);
}

static void test_topsis_forms_equal_weights(void **state)
{
    (void)state;
    /* With equal weights 1/m the two forms differ only by a common factor:
     * textbook D = (1/m) sqrt(sum (r - r*)^2), outside D = sqrt(1/m) sqrt(...),
     * so D_outside = sqrt(m) D_textbook and the closeness is the same. */
    const double x[] = {9, 7, 6, 7, 8, 7, 9, 6, 7, 8, 6, 6};
    const double w[] = {0.25, 0.25, 0.25, 0.25};
    const int dir[] = {1, -1, 1, -1};
    double dp[3], dm[3], c[3], dp2[3], dm2[3], c2[3];
    assert_status(jh_topsis(x, 3, 4, dir, w, JH_TOPSIS_TEXTBOOK, dp, dm, c), JH_OK);
    assert_status(jh_topsis(x, 3, 4, dir, w, JH_TOPSIS_WEIGHT_OUTSIDE, dp2, dm2, c2), JH_OK);
    for (int i = 0; i < 3; i++) {
        assert_close(dp2[i], 2 * dp[i]);
        assert_close(dm2[i], 2 * dm[i]);
        assert_close(c2[i], c[i]);
    }
    /* errors */
    const double zeros[] = {0, 1, 0, 2};
    const double same[] = {1, 2, 1, 2};
    const int d2[] = {1, 1}, bad_dir[] = {1, 0};
    const double w2[] = {0.5, 0.5}, wneg[] = {0.5, -0.5};
    assert_status(jh_topsis(zeros, 2, 2, d2, w2, JH_TOPSIS_TEXTBOOK, dp, dm, c), JH_EZERO);
    assert_status(jh_topsis(same, 2, 2, d2, w2, JH_TOPSIS_TEXTBOOK, dp, dm, c), JH_EZERO);
    assert_status(jh_topsis(same, 2, 2, bad_dir, w2, JH_TOPSIS_TEXTBOOK, dp, dm, c), JH_EINVAL);
    assert_status(jh_topsis(x, 2, 2, d2, wneg, JH_TOPSIS_TEXTBOOK, dp, dm, c), JH_EWEIGHT);
}

static void test_obstacle(void **state)
{
    (void)state;
    /* w = (0.6, 0.4), z rows:
     *   (0, 1):   0.6*1 + 0.4*0 = 0.6  -> O = (1, 0)
     *   (0.5, 0): 0.6*0.5 = 0.3, 0.4*1 = 0.4, sum 0.7 -> O = (3/7, 4/7)
     *   (1, 1):   no obstacle -> (0, 0) */
    const double z[] = {0, 1, 0.5, 0, 1, 1};
    const double w[] = {0.6, 0.4};
    double o[6];
    assert_status(jh_obstacle_degree(z, 3, 2, w, o), JH_OK);
    assert_close(o[0], 1);
    assert_close(o[1], 0);
    assert_close(o[2], 3.0 / 7);
    assert_close(o[3], 4.0 / 7);
    assert_close(o[4], 0);
    assert_close(o[5], 0);
    /* Property: rows sum to 1 on a larger matrix (unless all at best). */
    double zz[20 * 5], ww[5] = {0.1, 0.3, 0.2, 0.15, 0.25}, oo[20 * 5];
    for (int k = 0; k < 100; k++)
        zz[k] = (double)((k * 37) % 101) / 100.0;
    assert_status(jh_obstacle_degree(zz, 20, 5, ww, oo), JH_OK);
    for (int i = 0; i < 20; i++) {
        double s = 0;
        for (int j = 0; j < 5; j++)
            s += oo[i * 5 + j];
        assert_close(s, 1);
    }
    const double out_of_range[] = {1.5, 0};
    assert_status(jh_obstacle_degree(out_of_range, 1, 2, w, o), JH_EINVAL);
}

static void test_coupling_hand(void **state)
{
    (void)state;
    double c, t, d;
    /* u = (0.4, 0.6):
     * standard  C = 2 sqrt(0.4*0.6)/(0.4+0.6) = 2 sqrt(0.24) = 0.9797958971132712
     *           T = 0.5, D = sqrt(C T) = 0.6999271023161167 -> class 6
     * corrected C = sqrt{[1 - |0.4-0.6|/1] * (0.4/0.6)} = sqrt(0.8*2/3)
     *             = 0.7302967433402215, D = sqrt(0.7302967.../2) = 0.6042750794713536 */
    const double u2[] = {0.4, 0.6};
    assert_status(jh_coupling(u2, 2, NULL, JH_COUPLING_STANDARD, &c, &t, &d), JH_OK);
    assert_close(c, 2 * sqrt(0.24));
    assert_close(t, 0.5);
    assert_close(d, 0.6999271023161167);
    assert_int_equal(jh_coupling_class(d), 6);
    assert_string_equal(jh_coupling_class_name(6, "en"), "primary_coordination");
    assert_string_equal(jh_coupling_class_name(6, "zh"), "初级协调");
    assert_status(jh_coupling(u2, 2, NULL, JH_COUPLING_CORRECTED, &c, &t, &d), JH_OK);
    assert_close(c, sqrt(0.8 * 2.0 / 3));
    assert_close(d, 0.6042750794713536);

    /* u = (0.2, 0.5, 0.8):
     * standard  C = 3 [0.2*0.5*0.8 / 1.5^3]^(1/3) = 3 (0.08/3.375)^(1/3)
     *             = 0.8617738760127536; T = 0.5; D = 0.6564197879454707
     * corrected pairs |.2-.5| + |.2-.8| + |.5-.8| = 1.2, sum_{s=1}^{2} s = 3
     *           -> 1 - 0.4 = 0.6; prod(u/max) = .25 * .625 * 1 = 0.15625,
     *           ^(1/2) = 0.3952847075210474;
     *           C = sqrt(0.6 * 0.3952847...) = 0.4870018732126484,
     *           D = sqrt(C * 0.5) = 0.49345814068300076 -> class 4 */
    const double u3[] = {0.2, 0.5, 0.8};
    assert_status(jh_coupling(u3, 3, NULL, JH_COUPLING_STANDARD, &c, &t, &d), JH_OK);
    assert_close(c, 3 * cbrt(0.08 / 3.375));
    assert_close(d, 0.6564197879454707);
    assert_status(jh_coupling(u3, 3, NULL, JH_COUPLING_CORRECTED, &c, &t, &d), JH_OK);
    assert_close(c, sqrt(0.6 * sqrt(0.15625)));
    assert_close(d, 0.49345814068300076);
    assert_int_equal(jh_coupling_class(d), 4);
    /* The corrected form exists because the standard one crowds near 1:
     * equal scores give C = 1 in both, but any spread lowers the corrected
     * C far more (0.487 against 0.862 here). */
    const double eq[] = {0.3, 0.3, 0.3};
    assert_status(jh_coupling(eq, 3, NULL, JH_COUPLING_STANDARD, &c, NULL, NULL), JH_OK);
    assert_close(c, 1);
    assert_status(jh_coupling(eq, 3, NULL, JH_COUPLING_CORRECTED, &c, NULL, NULL), JH_OK);
    assert_close(c, 1);
    /* weights a: T = 0.5*0.2 + 0.25*0.5 + 0.25*0.8 = 0.425 */
    const double a[] = {0.5, 0.25, 0.25}, abad[] = {0.5, 0.25, 0.3};
    assert_status(jh_coupling(u3, 3, a, JH_COUPLING_STANDARD, NULL, &t, NULL), JH_OK);
    assert_close(t, 0.425);
    assert_status(jh_coupling(u3, 3, abad, JH_COUPLING_STANDARD, NULL, &t, NULL), JH_EWEIGHT);
    /* errors and classes */
    const double zero[] = {0, 0}, big[] = {0.5, 1.5};
    assert_status(jh_coupling(zero, 2, NULL, JH_COUPLING_STANDARD, &c, &t, &d), JH_EZERO);
    assert_status(jh_coupling(big, 2, NULL, JH_COUPLING_STANDARD, &c, &t, &d), JH_EINVAL);
    assert_status(jh_coupling(u2, 1, NULL, JH_COUPLING_STANDARD, &c, &t, &d), JH_EINVAL);
    assert_int_equal(jh_coupling_class(0.3), 3);
    assert_int_equal(jh_coupling_class(0.0), 0);
    assert_int_equal(jh_coupling_class(1.0), 9);
    assert_int_equal(jh_coupling_class(NAN), -1);
    assert_string_equal(jh_coupling_class_name(10, "en"), "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_minmax_direction),
        cmocka_unit_test(test_zscore),
        cmocka_unit_test(test_normalise_near_largest_double),
        cmocka_unit_test(test_entropy_hand),
        cmocka_unit_test(test_entropy_errors),
        cmocka_unit_test(test_critic_hand),
        cmocka_unit_test(test_weighted_sum),
        cmocka_unit_test(test_topsis_jmcdm),
        cmocka_unit_test(test_topsis_mcda_cost),
        cmocka_unit_test(test_topsis_forms_equal_weights),
        cmocka_unit_test(test_obstacle),
        cmocka_unit_test(test_coupling_hand),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
