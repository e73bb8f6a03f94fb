/* Unit tests for the class breaks of src/core/classify.c, worked by hand. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>

#include "junheng/classify.h"
#include "junheng/status.h"

static void check(const double *x, size_t n, size_t k, jh_classify_method m, const double *want)
{
    double up[8];
    assert_int_equal(jh_classify(x, n, k, m, up), JH_OK);
    for (size_t i = 0; i < k; i++)
        assert_true(fabs(up[i] - want[i]) < 1e-12);
}

/* x = 1 2 3 10 11 12 (NaN ignored).  Equal, k = 2: 1 + 11/2 = 6.5, 12.
 * Quantiles, k = 3: positions 5/3 and 10/3: 2 + 2/3 (3 - 2) = 2.6667,
 * 10 + 1/3 (11 - 10) = 10.3333, 12.  Jenks, k = 2: {1,2,3} {10,11,12}
 * (SSD 2 + 2 = 4; any other cut is worse): 3, 12. */
static void breaks_small(void **state)
{
    (void)state;
    double x[] = {12, 1, NAN, 3, 10, 2, 11};
    check(x, 7, 2, JH_CLASSIFY_EQUAL, (double[]){6.5, 12});
    check(x, 7, 3, JH_CLASSIFY_QUANTILES, (double[]){2 + 2.0 / 3, 10 + 1.0 / 3, 12});
    check(x, 7, 2, JH_CLASSIFY_JENKS, (double[]){3, 12});
    double up[2] = {1, 1};
    assert_int_equal(jh_class_of(2.9, (double[]){3, 12}, 2), 0);
    assert_int_equal(jh_class_of(3, (double[]){3, 12}, 2), 0);
    assert_int_equal(jh_class_of(3.1, (double[]){3, 12}, 2), 1);
    assert_int_equal(jh_class_of(NAN, (double[]){3, 12}, 2), 2);
    double none[] = {NAN};
    assert_int_equal(jh_classify(none, 1, 2, JH_CLASSIFY_JENKS, up), JH_EEMPTY);
    assert_int_equal(jh_classify(x, 7, 0, JH_CLASSIFY_JENKS, up), JH_EINVAL);
}

/* 1 2 3 4 5 20 21 50, k = 3: {1..5} {20,21} {50}: SSD 10 + 0.5 + 0 = 10.5;
 * {1..5} {20} {21,50}: 10 + 420.5; {1..4} {5,20,21} : 5 + 150.67: so
 * 5, 21, 50. */
static void jenks_three(void **state)
{
    (void)state;
    double x[] = {1, 2, 3, 4, 5, 20, 21, 50};
    check(x, 8, 3, JH_CLASSIFY_JENKS, (double[]){5, 21, 50});
    /* fewer values than classes: bounds repeat the values */
    check(x, 2, 3, JH_CLASSIFY_JENKS, (double[]){1, 2, 2});
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(breaks_small),
        cmocka_unit_test(jenks_three),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
