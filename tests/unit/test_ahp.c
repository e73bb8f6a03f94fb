/* Unit tests for AHP weights and combined weights (include/junheng/ahp.h).
 *
 * Expected values are worked by hand, the arithmetic beside each case:
 *  - 3x3: the worked example of issue 21 (and of most AHP textbooks),
 *    [[1,3,5],[1/3,1,3],[1/5,1/3,1]] -> 0.63699, 0.25828, 0.10473,
 *    lambda_max 3.03851, CI 0.01926, CR 0.0332 with RI 0.58.  Exactly: a
 *    3x3 reciprocal matrix has det(A - lI) = (1-l)^3 - 3(1-l) + d + 1/d
 *    with d = a13/(a12 a23) = 5/9, so lambda_max = 1 + d^(1/3) + d^(-1/3);
 *    with L = lambda_max - 1 and w3 = 1, row 2 of (A - lI)w = 0 gives
 *    w1 = 3 (L w2 - 3) and row 1 then w2 = (9L + 5)/(3L^2 - 3).
 *  - 4x4 consistent: a_ij = v_i/v_j for v = (4, 3, 2, 1), so A = v (1/v)^T
 *    has rank 1: A v = 4 v, lambda_max = 4, CI = 0, w = v/10.
 *  - 4x4 circulant: rows [1, 2, 1, 1/2] shifted right one place each row;
 *    every row sums to 1 + 2 + 1 + 1/2 = 4.5, so (1,1,1,1) is a positive
 *    eigenvector, hence the Perron one: w = 1/4 each, lambda_max = 4.5,
 *    CI = 0.5/3 = 1/6, CR = (1/6)/0.90 = 0.185185... > 0.10.
 *  - combined: ws = (0.5, 0.3, 0.2), wo = (0.2, 0.3, 0.5); products 0.10,
 *    0.09, 0.10, sum 0.29 -> 10/29, 9/29, 10/29; linear alpha = 0.6:
 *    0.6*0.5 + 0.4*0.2 = 0.38, 0.18 + 0.12 = 0.30, 0.12 + 0.20 = 0.32. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>

#include "junheng/ahp.h"
#include "junheng/status.h"

static void close_to(double got, double want, double tol, const char *what,
                     const char *file, int line)
{
    if (!(fabs(got - want) <= tol)) {
        print_error("%s = %.17g, expected %.17g (+- %g)\n", what, got, want, tol);
        _fail(file, line);
    }
}
#define assert_near(got, want, tol) close_to((got), (want), (tol), #got, __FILE__, __LINE__)

static void test_saaty_3x3(void **state)
{
    (void)state;
    const double a[9] = {1, 3, 5, 1.0 / 3, 1, 3, 1.0 / 5, 1.0 / 3, 1};
    double w[3];
    jh_ahp_consistency c;
    assert_int_equal(jh_ahp_weights(a, 3, w, &c), JH_OK);
    /* the five-digit values */
    assert_near(w[0], 0.63699, 5e-6);
    assert_near(w[1], 0.25828, 5e-6);
    assert_near(w[2], 0.10473, 5e-6);
    assert_near(c.lambda_max, 3.03851, 5e-6);
    assert_near(c.ci, 0.01926, 5e-6);
    assert_near(c.ri, 0.58, 0);
    assert_near(c.cr, 0.0332, 5e-5);
    /* the closed form (see the top of the file) to 1e-12 */
    double d = 5.0 / 9, lam = 1 + cbrt(d) + 1 / cbrt(d), L = lam - 1;
    double w2 = (9 * L + 5) / (3 * L * L - 3), w1 = 3 * (L * w2 - 3), s = w1 + w2 + 1;
    assert_near(c.lambda_max, lam, 1e-12);
    assert_near(w[0], w1 / s, 1e-12);
    assert_near(w[1], w2 / s, 1e-12);
    assert_near(w[2], 1 / s, 1e-12);
    assert_near(c.ci, (lam - 3) / 2, 1e-12);
}

static void test_consistent_4x4(void **state)
{
    (void)state;
    const double v[4] = {4, 3, 2, 1};
    double a[16], w[4];
    jh_ahp_consistency c;
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 4; j++)
            a[i * 4 + j] = v[i] / v[j];
    assert_int_equal(jh_ahp_weights(a, 4, w, &c), JH_OK);
    for (int i = 0; i < 4; i++)
        assert_near(w[i], v[i] / 10, 1e-14);
    assert_near(c.lambda_max, 4, 1e-13);
    assert_near(c.ci, 0, 1e-13);
    assert_near(c.ri, 0.90, 0);
    assert_near(c.cr, 0, 1e-13);
}

static void test_circulant_4x4_inconsistent(void **state)
{
    (void)state;
    const double a[16] = {1, 2, 1, 0.5, 0.5, 1, 2, 1, 1, 0.5, 1, 2, 2, 1, 0.5, 1};
    double w[4];
    jh_ahp_consistency c;
    assert_int_equal(jh_ahp_weights(a, 4, w, &c), JH_OK);
    for (int i = 0; i < 4; i++)
        assert_near(w[i], 0.25, 1e-14);
    assert_near(c.lambda_max, 4.5, 1e-13);
    assert_near(c.ci, 1.0 / 6, 1e-13);
    assert_near(c.cr, 1.0 / 6 / 0.90, 1e-13);
    assert_true(c.cr > 0.10);
}

static void test_small_and_bad(void **state)
{
    (void)state;
    const double one[1] = {1}, two[4] = {1, 3, 1.0 / 3, 1};
    const double zero[4] = {1, 0, 1.0 / 3, 1}, diag[4] = {2, 3, 1.0 / 3, 1};
    double w[11], big[121];
    jh_ahp_consistency c;
    assert_int_equal(jh_ahp_weights(one, 1, w, &c), JH_OK);
    assert_near(w[0], 1, 0);
    assert_near(c.cr, 0, 0);
    /* 2x2 [[1,3],[1/3,1]]: w = (3/4, 1/4), lambda_max = 2, consistent */
    assert_int_equal(jh_ahp_weights(two, 2, w, &c), JH_OK);
    assert_near(w[0], 0.75, 1e-15);
    assert_near(w[1], 0.25, 1e-15);
    assert_near(c.lambda_max, 2, 1e-14);
    assert_near(c.cr, 0, 0);
    assert_int_equal(jh_ahp_weights(zero, 2, w, &c), JH_EINVAL);
    assert_int_equal(jh_ahp_weights(diag, 2, w, &c), JH_EINVAL);
    assert_int_equal(jh_ahp_weights(one, 0, w, &c), JH_EEMPTY);
    for (int k = 0; k < 121; k++)
        big[k] = 1;
    assert_int_equal(jh_ahp_weights(big, 11, w, &c), JH_EINVAL);
    assert_int_equal(jh_ahp_weights(big, 10, w, &c), JH_OK);
    assert_near(c.ri, 1.49, 0);
    assert_true(isnan(jh_ahp_random_index(11)));
    assert_near(jh_ahp_random_index(5), 1.12, 0);
}

static void test_combine(void **state)
{
    (void)state;
    const double ws[3] = {0.5, 0.3, 0.2}, wo[3] = {0.2, 0.3, 0.5};
    const double ws_raw[3] = {5, 3, 2}, zero[3] = {0, 0, 1}, one0[3] = {1, 1, 0};
    double w[3];
    assert_int_equal(jh_combine_weights(ws, wo, 3, JH_COMBINE_PRODUCT, 0, w), JH_OK);
    assert_near(w[0], 10.0 / 29, 1e-15);
    assert_near(w[1], 9.0 / 29, 1e-15);
    assert_near(w[2], 10.0 / 29, 1e-15);
    assert_int_equal(jh_combine_weights(ws, wo, 3, JH_COMBINE_LINEAR, 0.6, w), JH_OK);
    assert_near(w[0], 0.38, 1e-15);
    assert_near(w[1], 0.30, 1e-15);
    assert_near(w[2], 0.32, 1e-15);
    /* unnormalised input is scaled first: (5,3,2)/10 as above */
    assert_int_equal(jh_combine_weights(ws_raw, wo, 3, JH_COMBINE_LINEAR, 0.6, w), JH_OK);
    assert_near(w[0], 0.38, 1e-15);
    assert_int_equal(jh_combine_weights(one0, zero, 3, JH_COMBINE_PRODUCT, 0, w), JH_EZERO);
    assert_int_equal(jh_combine_weights(ws, wo, 3, JH_COMBINE_LINEAR, 1.5, w), JH_EINVAL);
    const double neg[3] = {0.5, -0.1, 0.6};
    assert_int_equal(jh_combine_weights(neg, wo, 3, JH_COMBINE_PRODUCT, 0, w), JH_EWEIGHT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_saaty_3x3),
        cmocka_unit_test(test_consistent_4x4),
        cmocka_unit_test(test_circulant_4x4_inconsistent),
        cmocka_unit_test(test_small_and_bad),
        cmocka_unit_test(test_combine),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
