/* Unit tests for numbers as people read them (src/output/numfmt.c): the
 * rounding rule of include/junheng/numfmt.h, worked case by case. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "junheng/numfmt.h"

static void is(double x, jh_num_kind kind, const char *unit, const char *lang, int flags,
               const char *want)
{
    char buf[64];
    size_t n = jh_format_human(buf, sizeof buf, x, kind, unit, lang, flags);
    assert_string_equal(buf, want);
    assert_int_equal(n, strlen(want));
}

/* Indices: 4 significant digits, fixed notation. */
static void indices(void **state)
{
    (void)state;
    is(0.287149, JH_NUM_INDEX, NULL, "zh", 0, "0.2871");
    is(0.0314159, JH_NUM_INDEX, NULL, "zh", 0, "0.03142");
    /* Theil T of a near-equal indicator: 6.95e-05 must not be scientific. */
    is(6.95e-05, JH_NUM_INDEX, NULL, "en", 0, "0.00006950");
    is(1.23456, JH_NUM_INDEX, NULL, "zh", 0, "1.235");
    is(0.0, JH_NUM_INDEX, NULL, "zh", 0, "0.000");
    /* 0.099996 rounds to 0.1000 (4 significant), not 0.09999|6 -> 0.10000. */
    is(0.099996, JH_NUM_INDEX, NULL, "zh", 0, "0.1000");
    is(-0.0123449, JH_NUM_INDEX, NULL, "zh", JH_NUM_SIGNED, "-0.01234");
    is(0.0123451, JH_NUM_INDEX, NULL, "zh", JH_NUM_SIGNED, "+0.01235");
}

/* Values: by unit, then by magnitude; thousands grouped in English only. */
static void values(void **state)
{
    (void)state;
    /* Income 32193.7425 元 -> whole yuan. */
    is(32193.7425, JH_NUM_VALUE, "元", "zh", 0, "32194");
    is(32193.7425, JH_NUM_VALUE, "yuan", "en", 0, "32,194");
    is(1234567.5, JH_NUM_VALUE, "元/月", "en", 0, "1,234,568");
    is(93.456, JH_NUM_VALUE, "%", "zh", 0, "93.5");
    is(2.25, JH_NUM_VALUE, "张/千人", "zh", 0, "2.25");
    is(456.78, JH_NUM_VALUE, "人", "zh", 0, "456.8");
    is(4567.8, JH_NUM_VALUE, "人", "en", 0, "4,568");
    is(0.012345, JH_NUM_VALUE, "万人", "zh", 0, "0.0123");
    /* 999.96 rounds (one decimal) to 1000.0, so it is printed as a
     * thousand: whole. */
    is(999.96, JH_NUM_VALUE, "人", "en", 0, "1,000");
    is(0.99996, JH_NUM_VALUE, "人", "en", 0, "1.00");
    is(-1500.4, JH_NUM_VALUE, "元", "en", JH_NUM_SIGNED, "-1,500");
    is(1500.4, JH_NUM_VALUE, "元", "en", JH_NUM_SIGNED, "+1,500");
}

static void ratios_and_percent(void **state)
{
    (void)state;
    is(2.3456, JH_NUM_RATIO, NULL, "zh", 0, "2.35");
    is(45.349, JH_NUM_PERCENT, NULL, "en", 0, "45.3");
    /* -0.04 at one decimal prints 0.0, without a sign. */
    is(-0.04, JH_NUM_PERCENT, NULL, "en", JH_NUM_SIGNED, "0.0");
    /* A count is whole whatever its size: 239.6 persons -> 240. */
    is(239.6, JH_NUM_COUNT, NULL, "zh", 0, "240");
    is(12345.6, JH_NUM_COUNT, "人", "en", 0, "12,346");
}

/* JH_NUM_POWER: a chart label's tiny index as digits times a power of
 * ten.  6.949e-05 has 4 significant digits 6.949 at 10^-5; 0.00099996 rounds
 * (4 significant) to 0.001000, no longer below 0.001, so stays fixed. */
static void power_of_ten(void **state)
{
    (void)state;
    is(6.949e-05, JH_NUM_INDEX, NULL, "zh", JH_NUM_POWER, "6.949×10⁻⁵");
    is(8.2234e-07, JH_NUM_INDEX, NULL, "en", JH_NUM_POWER, "8.223×10⁻⁷");
    is(-1.5e-12, JH_NUM_INDEX, NULL, "en", JH_NUM_POWER | JH_NUM_SIGNED, "-1.500×10⁻¹²");
    is(4.2e-4, JH_NUM_INDEX, NULL, "en", JH_NUM_POWER | JH_NUM_SIGNED, "+4.200×10⁻⁴");
    is(0.00099996, JH_NUM_INDEX, NULL, "zh", JH_NUM_POWER, "0.001000");
    is(0.001060, JH_NUM_INDEX, NULL, "zh", JH_NUM_POWER, "0.001060");
    is(0.2871, JH_NUM_INDEX, NULL, "zh", JH_NUM_POWER, "0.2871");
    /* Zero is no tiny number; other kinds ignore the flag. */
    is(0.0, JH_NUM_INDEX, NULL, "zh", JH_NUM_POWER, "0.000");
    is(0.0001234, JH_NUM_VALUE, "万人", "zh", JH_NUM_POWER, "0.000123");
}

/* JH_NUM_TRIM: the levels of a 0/100 status read 0 and 100, not 0.0 and
 * 100.0 (a rate has one decimal); a level of 37.5 keeps it. */
static void trimmed(void **state)
{
    (void)state;
    is(0.0, JH_NUM_VALUE, "%", "en", JH_NUM_TRIM, "0");
    is(100.0, JH_NUM_VALUE, "%", "zh", JH_NUM_TRIM, "100");
    is(37.5, JH_NUM_VALUE, "%", "zh", JH_NUM_TRIM, "37.5");
    is(2.50, JH_NUM_VALUE, "张/千人", "zh", JH_NUM_TRIM, "2.5");
    /* A trend's slope: at most 4 significant digits, trimmed, the power
     * form's digits too. */
    is(0.1, JH_NUM_INDEX, NULL, "en", JH_NUM_SIGNED | JH_NUM_POWER | JH_NUM_TRIM, "+0.1");
    is(-7.5e-4, JH_NUM_INDEX, NULL, "en", JH_NUM_SIGNED | JH_NUM_POWER | JH_NUM_TRIM,
       "-7.5×10⁻⁴");
    /* Whole numbers keep their zeros: 1500 yuan is not 15. */
    is(1500.0, JH_NUM_VALUE, "元", "en", JH_NUM_TRIM, "1,500");
}

static void missing(void **state)
{
    (void)state;
    is(NAN, JH_NUM_INDEX, NULL, "zh", 0, "");
    is(INFINITY, JH_NUM_VALUE, "元", "en", 0, "");
    assert_int_equal(jh_format_decimals(NAN, JH_NUM_INDEX, NULL), -1);
    /* A column of 0.5 and 1234 shares the format of its largest value. */
    assert_int_equal(jh_format_decimals(1234, JH_NUM_VALUE, "人"), 0);
}

/* A buffer too small is cut and terminated; the return says how much was
 * needed. */
static void cut(void **state)
{
    (void)state;
    char buf[4];
    size_t n = jh_format_human(buf, sizeof buf, 32193.7, JH_NUM_VALUE, "元", "en", 0);
    assert_int_equal(n, 6); /* "32,194" */
    assert_string_equal(buf, "32,");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(indices),  cmocka_unit_test(values), cmocka_unit_test(ratios_and_percent),
        cmocka_unit_test(missing), cmocka_unit_test(cut), cmocka_unit_test(power_of_ten),
        cmocka_unit_test(trimmed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
