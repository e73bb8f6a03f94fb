/* Unit tests for plan targets (include/junheng/targets.h).
 *
 * Targets and baselines are those of the Jilin plan's catalog
 * (datasets/jilin/indicators.csv): pre-school enrolment 76.5 -> at least 90,
 * maternal mortality 16.72 -> at most 16.5, new urban jobs > 220 (10^4)
 * cumulative over 2016-2020, broadcast coverage > 98 -> > 99.  The values
 * tested against them are made up; every expected number is worked by hand
 * in the comment beside it. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "junheng/catalog.h"
#include "junheng/targets.h"
#include "junheng/status.h"

#define TOL 1e-12

#define assert_near(got, expected) \
    assert_true(fabs((got) - (double)(expected)) <= TOL * (1 + fabs((double)(expected))))

static const jh_target PRESCHOOL = {JH_TARGET_AT_LEAST, 90, 0, 76.5, 2015, 2020};
static const jh_target MATERNAL = {JH_TARGET_AT_MOST, 16.5, 0, 16.72, 2015, 2020};
static const jh_target JOBS = {JH_TARGET_CUMULATIVE, 220, 1, NAN, 2015, 2020};

static void test_at_least(void **state)
{
    (void)state;
    double p, e, g;
    int meets, ok;
    /* v = 85 in 2018: P = (85 - 76.5)/(90 - 76.5) = 8.5/13.5 = 0.6296296...
     * E(2018) = 3/5 = 0.6 -> on track; shortfall 90 - 85 = 5 */
    assert_int_equal(jh_target_progress(&PRESCHOOL, 85, &p), JH_OK);
    assert_near(p, 8.5 / 13.5);
    assert_int_equal(jh_target_expected(&PRESCHOOL, 2018, &e), JH_OK);
    assert_near(e, 0.6);
    assert_int_equal(jh_target_on_track(&PRESCHOOL, 2018, 85, &ok), JH_OK);
    assert_int_equal(ok, 1);
    assert_int_equal(jh_target_meets(&PRESCHOOL, 85, &meets), JH_OK);
    assert_int_equal(meets, 0);
    assert_int_equal(jh_target_shortfall(&PRESCHOOL, 85, &g), JH_OK);
    assert_near(g, 5);
    /* v = 84: P = 7.5/13.5 = 0.5556 < 0.6 -> behind */
    assert_int_equal(jh_target_on_track(&PRESCHOOL, 2018, 84, &ok), JH_OK);
    assert_int_equal(ok, 0);
    /* v = 90 meets (>=), shortfall 0, P = 1 */
    assert_int_equal(jh_target_meets(&PRESCHOOL, 90, &meets), JH_OK);
    assert_int_equal(meets, 1);
    assert_int_equal(jh_target_progress(&PRESCHOOL, 90, &p), JH_OK);
    assert_near(p, 1);
    /* E is clamped outside the period: 2014 -> 0, 2022 -> 1 */
    jh_target_expected(&PRESCHOOL, 2014, &e);
    assert_near(e, 0);
    jh_target_expected(&PRESCHOOL, 2022, &e);
    assert_near(e, 1);
}

static void test_at_most(void **state)
{
    (void)state;
    double p, g;
    int meets, ok;
    /* v = 16.60 in 2018: P = (16.60 - 16.72)/(16.5 - 16.72) = -0.12/-0.22
     * = 0.545454... < E = 0.6 -> behind; shortfall 16.60 - 16.5 = 0.10 */
    assert_int_equal(jh_target_progress(&MATERNAL, 16.60, &p), JH_OK);
    assert_near(p, (16.60 - 16.72) / (16.5 - 16.72));
    assert_true(fabs(p - 6.0 / 11) < 1e-9);
    assert_int_equal(jh_target_on_track(&MATERNAL, 2018, 16.60, &ok), JH_OK);
    assert_int_equal(ok, 0);
    assert_int_equal(jh_target_shortfall(&MATERNAL, 16.60, &g), JH_OK);
    assert_true(fabs(g - 0.10) < 1e-12);
    /* v = 16.58: P = 0.14/0.22 = 0.636 >= 0.6 -> on track */
    assert_int_equal(jh_target_on_track(&MATERNAL, 2018, 16.58, &ok), JH_OK);
    assert_int_equal(ok, 1);
    /* direction: a value above the baseline moves away, P < 0 */
    assert_int_equal(jh_target_progress(&MATERNAL, 17.0, &p), JH_OK);
    assert_true(p < 0);
    /* meets at most: 16.5 yes, 16.51 no */
    assert_int_equal(jh_target_meets(&MATERNAL, 16.5, &meets), JH_OK);
    assert_int_equal(meets, 1);
    assert_int_equal(jh_target_meets(&MATERNAL, 16.51, &meets), JH_OK);
    assert_int_equal(meets, 0);
    assert_int_equal(jh_target_shortfall(&MATERNAL, 16.4, &g), JH_OK);
    assert_near(g, 0);
}

static void test_cumulative(void **state)
{
    (void)state;
    double p, g;
    int meets, ok;
    /* yearly new jobs 2016..2020: 45, 44, 46, 43, 44 (10^4).
     * Running total in 2018: 45 + 44 + 46 = 135; P = 135/220 = 0.613636...
     * E(2018) = 0.6 -> on track.  In 2020: 222 > 220 meets. */
    assert_int_equal(jh_target_progress(&JOBS, 135, &p), JH_OK);
    assert_near(p, 135.0 / 220);
    assert_int_equal(jh_target_on_track(&JOBS, 2018, 135, &ok), JH_OK);
    assert_int_equal(ok, 1);
    assert_int_equal(jh_target_meets(&JOBS, 222, &meets), JH_OK);
    assert_int_equal(meets, 1);
    /* exactly 220 does not pass the strict bound ">220", shortfall 0 */
    assert_int_equal(jh_target_meets(&JOBS, 220, &meets), JH_OK);
    assert_int_equal(meets, 0);
    assert_int_equal(jh_target_shortfall(&JOBS, 220, &g), JH_OK);
    assert_near(g, 0);
    /* 2019: 45+44+46+43 = 178, P = 0.809 >= 0.8 -> on track; 175 is not */
    assert_int_equal(jh_target_on_track(&JOBS, 2019, 178, &ok), JH_OK);
    assert_int_equal(ok, 1);
    assert_int_equal(jh_target_on_track(&JOBS, 2019, 175, &ok), JH_OK);
    assert_int_equal(ok, 0);
}

static void test_undefined_progress(void **state)
{
    (void)state;
    double p;
    int ok;
    /* "hold at 95": target == baseline, progress undefined (JH_EZERO);
     * on track means meeting it */
    const jh_target hold = {JH_TARGET_AT_LEAST, 95, 0, 95, 2015, 2020};
    assert_int_equal(jh_target_progress(&hold, 96, &p), JH_EZERO);
    assert_int_equal(jh_target_on_track(&hold, 2017, 95.2, &ok), JH_OK);
    assert_int_equal(ok, 1);
    assert_int_equal(jh_target_on_track(&hold, 2017, 94.9, &ok), JH_OK);
    assert_int_equal(ok, 0);
    /* no baseline: JH_EINVAL for progress */
    const jh_target nob = {JH_TARGET_AT_LEAST, 90, 0, NAN, 2015, 2020};
    assert_int_equal(jh_target_progress(&nob, 80, &p), JH_EINVAL);
    /* a baseline above an at-least target (elderly health management:
     * 86 -> 80): a value of 84 meets it, hence on track though P < 0 */
    const jh_target above = {JH_TARGET_AT_LEAST, 80, 0, 86, 2015, 2020};
    assert_int_equal(jh_target_progress(&above, 84, &p), JH_OK);
    assert_near(p, (84.0 - 86) / (80.0 - 86)); /* = 1/3 */
    assert_int_equal(jh_target_on_track(&above, 2016, 84, &ok), JH_OK);
    assert_int_equal(ok, 1);
    /* bad targets and values */
    const jh_target none = {JH_TARGET_NONE, 90, 0, 80, 2015, 2020};
    const jh_target years = {JH_TARGET_AT_LEAST, 90, 0, 80, 2020, 2020};
    assert_int_equal(jh_target_meets(&none, 1, &ok), JH_EINVAL);
    assert_int_equal(jh_target_meets(&years, 1, &ok), JH_EINVAL);
    assert_int_equal(jh_target_meets(&PRESCHOOL, NAN, &ok), JH_ENONFINITE);
}

static void test_from_indicator(void **state)
{
    (void)state;
    /* broadcast_tv_coverage: baseline ">98", target ">99" at_least */
    jh_indicator ind;
    jh_target t;
    memset(&ind, 0, sizeof ind);
    ind.target_kind = JH_TARGET_AT_LEAST;
    ind.baseline_year = 2015;
    ind.target_year = 2020;
    assert_int_equal(jh_value_parse(">98", 3, &ind.baseline, NULL), JH_OK);
    assert_int_equal(jh_value_parse(">99", 3, &ind.target, NULL), JH_OK);
    assert_int_equal(jh_target_from_indicator(&ind, &t), JH_OK);
    assert_near(t.target, 99);
    assert_near(t.baseline, 98);
    assert_int_equal(t.strict, 1);
    /* "≥95" is not strict; "—" baseline is NaN */
    assert_int_equal(jh_value_parse("\xe2\x89\xa5" "95", 5, &ind.target, NULL), JH_OK);
    assert_int_equal(jh_value_parse("\xe2\x80\x94", 3, &ind.baseline, NULL), JH_OK);
    assert_int_equal(jh_target_from_indicator(&ind, &t), JH_OK);
    assert_int_equal(t.strict, 0);
    assert_true(isnan(t.baseline));
    /* no target: "—" */
    assert_int_equal(jh_value_parse("\xe2\x80\x94", 3, &ind.target, NULL), JH_OK);
    assert_int_equal(jh_target_from_indicator(&ind, &t), JH_EINVAL);
}

static void test_tail_shortfall(void **state)
{
    (void)state;
    /* 10 counties against at least 90: shortfalls 10, 5, 2, 0 x 7.
     * share 0.1 -> ceil(1) = 1 county: 10; share 0.2 -> 2: (10+5)/2 = 7.5;
     * share 0.25 -> ceil(2.5) = 3: (10+5+2)/3 = 17/3 */
    const double x[] = {95, 80, 91, 88, 90, 99, 85, 92, 93, 94};
    double scratch[10], g;
    assert_int_equal(jh_target_tail_shortfall(&PRESCHOOL, x, 10, 0.1, scratch, &g), JH_OK);
    assert_near(g, 10);
    assert_int_equal(jh_target_tail_shortfall(&PRESCHOOL, x, 10, 0.2, scratch, &g), JH_OK);
    assert_near(g, 7.5);
    assert_int_equal(jh_target_tail_shortfall(&PRESCHOOL, x, 10, 0.25, scratch, &g), JH_OK);
    assert_near(g, 17.0 / 3);
    assert_int_equal(jh_target_tail_shortfall(&PRESCHOOL, x, 0, 0.1, scratch, &g), JH_EEMPTY);
    assert_int_equal(jh_target_tail_shortfall(&PRESCHOOL, x, 10, 0, scratch, &g), JH_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_at_least),
        cmocka_unit_test(test_at_most),
        cmocka_unit_test(test_cumulative),
        cmocka_unit_test(test_undefined_progress),
        cmocka_unit_test(test_from_indicator),
        cmocka_unit_test(test_tail_shortfall),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
