/* Unit tests for jh_value_parse, the cell parser every reader uses.
 *
 * One test per rule of the issue.  Expected numbers are C literals: the
 * compiler converts them with correct rounding, and so must the parser, so
 * every comparison is exact (==), not merely within a tolerance.  Each
 * failure message quotes the cell text, since the helpers share a line. */
#include <float.h>
#include <locale.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>

#include <cmocka.h>

#include "junheng/value.h"

static const char WHY_NAN[] = "not a number";
static const char WHY_NONFINITE[] = "not a finite number";
static const char WHY_RANGE[] = "number out of range";
static const char WHY_TRAIL[] = "trailing text after the number";
static const char WHY_COMMA[] = "misplaced thousands separator";
static const char WHY_EXP[] = "exponent without digits";
static const char WHY_HEX[] = "hexadecimal numbers are not accepted";
static const char WHY_LONG[] = "too many digits";
static const char WHY_EMPTY_BOUND[] = "empty bound";

static jh_value parse_ok(const char *s)
{
    jh_value v;
    const char *why = NULL;
    int rc = jh_value_parse(s, strlen(s), &v, &why);
    if (rc != JH_OK)
        fail_msg("'%s': status %d (%s), want JH_OK", s, rc, why ? why : "-");
    return v;
}

static void check_number(const char *s, double x, int percent)
{
    jh_value v = parse_ok(s);
    if (v.kind != JH_VALUE_NUMBER || v.bound != JH_BOUND_NONE)
        fail_msg("'%s': kind %d bound %d, want a number", s, (int)v.kind,
                 (int)v.bound);
    if (!(v.x == x) || signbit(v.x) != signbit(x))
        fail_msg("'%s': x = %.17g, want %.17g", s, v.x, x);
    if (v.percent != percent)
        fail_msg("'%s': percent = %d, want %d", s, v.percent, percent);
}

static void check_censored(const char *s, jh_bound b, double x, int percent)
{
    jh_value v = parse_ok(s);
    if (v.kind != JH_VALUE_CENSORED || v.bound != b)
        fail_msg("'%s': kind %d bound %d, want censored with bound %d", s,
                 (int)v.kind, (int)v.bound, (int)b);
    if (!(v.x == x))
        fail_msg("'%s': x = %.17g, want %.17g", s, v.x, x);
    if (v.percent != percent)
        fail_msg("'%s': percent = %d, want %d", s, v.percent, percent);
}

static void check_missing(const char *s)
{
    jh_value v = parse_ok(s);
    if (v.kind != JH_VALUE_MISSING || v.bound != JH_BOUND_NONE ||
        !isnan(v.x) || v.percent != 0)
        fail_msg("'%s': kind %d bound %d x %g percent %d, want missing", s,
                 (int)v.kind, (int)v.bound, v.x, v.percent);
}

static void check_error(const char *s, const char *want)
{
    jh_value v;
    const char *why = NULL;
    int rc = jh_value_parse(s, strlen(s), &v, &why);
    if (rc != JH_EPARSE)
        fail_msg("'%s': status %d, want JH_EPARSE (%s)", s, rc, want);
    if (!why || strcmp(why, want) != 0)
        fail_msg("'%s': why '%s', want '%s'", s, why ? why : "(null)", want);
}

static void test_plain_numbers(void **state)
{
    (void)state;
    check_number("12", 12.0, 0);
    check_number("-3.5", -3.5, 0);
    check_number("1e3", 1000.0, 0);
    check_number("+.5", 0.5, 0);
    check_number("0", 0.0, 0);
    check_number("007", 7.0, 0);
    check_number("1.", 1.0, 0);
    check_number("0.1", 0.1, 0);
    check_number("95.2", 95.2, 0);
    check_number("1E-3", 1e-3, 0);
    check_number("2.5e+2", 250.0, 0);
    check_number("-7.25E1", -72.5, 0);
    check_number("123456789012345678", 123456789012345678.0, 0);
    check_number("0.30000000000000004", 0.30000000000000004, 0);
    check_number("1.7976931348623157e308", 1.7976931348623157e308, 0);
    check_number("2.2250738585072014e-308", 2.2250738585072014e-308, 0);
    check_number("9007199254740993", 9007199254740993.0, 0);
    check_number("1e22", 1e22, 0);
    check_number("1e23", 1e23, 0);
    check_number("3.14159265358979323846", 3.14159265358979323846, 0);
}

/* -0 would print as "-0" in tables; a zero is a zero. */
static void test_zero_has_no_sign(void **state)
{
    (void)state;
    check_number("-0", 0.0, 0);
    check_number("-0.000", 0.0, 0);
    check_number("－０", 0.0, 0);
    check_number("0e999", 0.0, 0);
    check_number("-0e-999", 0.0, 0);
}

static void test_spaces_are_ignored(void **state)
{
    (void)state;
    check_number(" 12", 12.0, 0);
    check_number("12 ", 12.0, 0);
    check_number("\t-3.5\t", -3.5, 0);
    check_number("\xe3\x80\x80" "12" "\xe3\x80\x80", 12.0, 0); /* U+3000 */
    check_number("\xe3\x80\x80\xe3\x80\x80 7", 7.0, 0);
    check_number("\xc2\xa0" "8\xc2\xa0", 8.0, 0);                /* U+00A0 */
    check_number("9\r\n", 9.0, 0);
    check_missing(" ");
    check_missing("\t \xe3\x80\x80");
}

static void test_thousands_separators(void **state)
{
    (void)state;
    check_number("1,234.5", 1234.5, 0);
    check_number("12,345,678", 12345678.0, 0);
    check_number("-1,234", -1234.0, 0);
    check_number("999,999", 999999.0, 0);
    check_number("1,000,000.25", 1000000.25, 0);
    check_number("1,234%", 1234.0, 1);
    check_number("1,234e3", 1234e3, 0);
    check_number("１，２３４．５", 1234.5, 0);   /* full-width comma */
    check_number("1，234,567", 1234567.0, 0);    /* mixed widths */
}

/* A comma that is not between groups of three may be a decimal comma: it
 * must never be read as a thousands separator. */
static void test_decimal_comma_is_an_error(void **state)
{
    (void)state;
    check_error("1,23", WHY_COMMA);
    check_error("1,2345", WHY_COMMA);
    check_error("0,5", WHY_COMMA);
    check_error("0,500", WHY_COMMA);
    check_error("12,34.5", WHY_COMMA);
    check_error("1234,567", WHY_COMMA);
    check_error("1,234,56", WHY_COMMA);
    check_error("1,,234", WHY_COMMA);
    check_error("1,", WHY_COMMA);
    check_error(",123", WHY_COMMA);
    check_error("1.234,5", WHY_COMMA);
    check_error("１，２３", WHY_COMMA);
}

static void test_full_width_forms(void **state)
{
    (void)state;
    check_number("９５．２", 95.2, 0);
    check_number("－３", -3.0, 0);
    check_number("＋１", 1.0, 0);
    check_number("９５．２％", 95.2, 1);
    check_number("１ｅ３", 1000.0, 0);
    check_number("２Ｅ－２", 0.02, 0);
    check_number("1２.５", 12.5, 0);           /* mixed widths */
    check_number("\xe2\x88\x92" "3", -3.0, 0); /* U+2212 minus sign */
}

static void test_percent(void **state)
{
    (void)state;
    check_number("95.2%", 95.2, 1);
    check_number("95.2 %", 95.2, 1);
    check_number("-5%", -5.0, 1);
    check_number("0%", 0.0, 1);
    check_number("100％", 100.0, 1);
    check_number(" 12.5% ", 12.5, 1);
    check_number("12.5", 12.5, 0);
}

static void test_missing_markers(void **state)
{
    static const char *const markers[] = {
        "", "-", "--", "－", "－－", "—", "——", "–", "––", "…", "……",
        "...", ".", "NA", "na", "Na", "nA", "N/A", "n/a", "null", "NULL",
        "Null", "无", "n.a.", "N.A.", "#N/A", "#n/a", "ＮＡ", " NA ",
        "\xe3\x80\x80—\xe3\x80\x80", "\t-\t",
    };
    (void)state;
    for (size_t i = 0; i < sizeof markers / sizeof markers[0]; i++)
        check_missing(markers[i]);
}

static void test_bounds(void **state)
{
    (void)state;
    check_censored(">98", JH_BOUND_GT, 98.0, 0);
    check_censored("≥95", JH_BOUND_GE, 95.0, 0);
    check_censored("<5", JH_BOUND_LT, 5.0, 0);
    check_censored("≤0.5", JH_BOUND_LE, 0.5, 0);
    check_censored(">=98", JH_BOUND_GE, 98.0, 0);
    check_censored("<=5", JH_BOUND_LE, 5.0, 0);
    check_censored("＞98", JH_BOUND_GT, 98.0, 0);
    check_censored("＜5", JH_BOUND_LT, 5.0, 0);
    check_censored("＞＝９８", JH_BOUND_GE, 98.0, 0);
    check_censored("＜＝５", JH_BOUND_LE, 5.0, 0);
    check_censored("≧95", JH_BOUND_GE, 95.0, 0);
    check_censored("≦5", JH_BOUND_LE, 5.0, 0);
    check_censored("⩾95", JH_BOUND_GE, 95.0, 0);
    check_censored("⩽5", JH_BOUND_LE, 5.0, 0);
    check_censored("> 98", JH_BOUND_GT, 98.0, 0);
    check_censored(" ≥95% ", JH_BOUND_GE, 95.0, 1);
    check_censored("<-5", JH_BOUND_LT, -5.0, 0);
    check_censored("≤\xe3\x80\x80－０．５", JH_BOUND_LE, -0.5, 0);
    check_censored(">1,000", JH_BOUND_GT, 1000.0, 0);
}

/* A bound with no number after it says nothing about the value. */
static void test_empty_bound(void **state)
{
    (void)state;
    check_error(">", WHY_EMPTY_BOUND);
    check_error(">—", WHY_EMPTY_BOUND);
    check_error("≥", WHY_EMPTY_BOUND);
    check_error("< ", WHY_EMPTY_BOUND);
    check_error("<=", WHY_EMPTY_BOUND);
    check_error("＞－", WHY_EMPTY_BOUND);
    check_error(">=-", WHY_EMPTY_BOUND);
    check_error("≤…", WHY_EMPTY_BOUND);
    check_error("< NA", WHY_EMPTY_BOUND);
    check_error(">无", WHY_EMPTY_BOUND);
}

static void test_nonfinite_words(void **state)
{
    (void)state;
    check_error("nan", WHY_NONFINITE);
    check_error("NaN", WHY_NONFINITE);
    check_error("inf", WHY_NONFINITE);
    check_error("-inf", WHY_NONFINITE);
    check_error("+Infinity", WHY_NONFINITE);
    check_error("∞", WHY_NONFINITE);
    check_error(">inf", WHY_NONFINITE);
}

static void test_out_of_range(void **state)
{
    (void)state;
    check_error("1e999", WHY_RANGE);
    check_error("-1e999", WHY_RANGE);
    check_error("1.8e308", WHY_RANGE);
    check_error("1e-400", WHY_RANGE);
    check_error("4.9e-324", WHY_RANGE); /* subnormal */
    check_error("1e99999999999999999999", WHY_RANGE);
    check_number("1e308", 1e308, 0);
    check_number("1e-307", 1e-307, 0);
}

static void test_hex_is_an_error(void **state)
{
    (void)state;
    check_error("0x10", WHY_HEX);
    check_error("0x1p3", WHY_HEX);
    check_error("-0X1A", WHY_HEX);
    check_error("０ｘ１０", WHY_HEX);
}

/* The inputs named in the issue, and more, each with its exact reason. */
static void test_rejected_inputs(void **state)
{
    static const struct {
        const char *text, *why;
    } cases[] = {
        {"12abc", WHY_TRAIL},   {"1,23", WHY_COMMA},
        {"1.2.3", WHY_TRAIL},   {"--5", WHY_NAN},
        {">", WHY_EMPTY_BOUND}, {">—", WHY_EMPTY_BOUND},
        {"nan", WHY_NONFINITE}, {"inf", WHY_NONFINITE},
        {"0x10", WHY_HEX},      {"1e999", WHY_RANGE},
        {"abc", WHY_NAN},       {"１２a", WHY_TRAIL},
        {"12 34", WHY_TRAIL},   {"%", WHY_NAN},
        {"1e", WHY_EXP},        {"1e+", WHY_EXP},
        {"1e%", WHY_EXP},       {"12eggs", WHY_TRAIL},
        {"+", WHY_NAN},         {"-.", WHY_NAN},
        {"- 5", WHY_NAN},       {"12%%", WHY_TRAIL},
        {"%12", WHY_NAN},       {"12-", WHY_TRAIL},
        {"1 234", WHY_TRAIL},   {">>5", WHY_NAN},
        {"≥abc", WHY_NAN},      {"#VALUE!", WHY_NAN},
        {"五", WHY_NAN},        {"1。5", WHY_TRAIL},
        {"-NA", WHY_NAN},       {"N/A5", WHY_NAN},
        {"1e5.5", WHY_TRAIL},   {"...5", WHY_NAN},
        {"12‰", WHY_TRAIL},     {"=98", WHY_NAN},
        {"98+", WHY_TRAIL},     {"1.5\xff", WHY_TRAIL},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check_error(cases[i].text, cases[i].why);
}

static void test_long_numbers(void **state)
{
    char buf[512];
    (void)state;

    /* 100 significant digits are accepted, 101 are not. */
    memset(buf, 0, sizeof buf);
    for (int i = 0; i < 100; i++)
        buf[i] = (char)('1' + i % 9);
    check_number(buf, strtod(buf, NULL), 0);
    buf[100] = '7';
    check_error(buf, WHY_LONG);

    /* Zeros around the digits do not count against the limit. */
    memset(buf, 0, sizeof buf);
    memset(buf, '0', 300);
    buf[300] = '5';
    check_number(buf, 5.0, 0);
    memset(buf, 0, sizeof buf);
    buf[0] = '1';
    memset(buf + 1, '0', 300);
    check_number(buf, 1e300, 0);
    memset(buf + 1, '0', 400);
    check_error(buf, WHY_RANGE);
    memset(buf, 0, sizeof buf);
    memcpy(buf, "0.", 2);
    memset(buf + 2, '0', 300);
    buf[302] = '1';
    check_number(buf, 1e-301, 0);
    memset(buf, 0, sizeof buf);
    buf[0] = '1';
    memset(buf + 1, '0', 98);
    buf[99] = '1';
    check_number(buf, strtod(buf, NULL), 0);
    buf[99] = '0';
    buf[100] = '1';
    check_error(buf, WHY_LONG);
}

/* Tiny deterministic generator (xorshift64*), so the test needs no seed. */
static uint64_t next_random(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * UINT64_C(2685821657736338717);
}

/* Whatever takes the fast path must agree bit for bit with strtod. */
static void test_agrees_with_strtod(void **state)
{
    uint64_t seed = UINT64_C(0x9E3779B97F4A7C15);
    char text[128];
    (void)state;

    for (int i = 0; i < 200000; i++) {
        uint64_t r = next_random(&seed);
        size_t k = 0;
        int nd = 1 + (int)(r % 24), point = (int)((r >> 8) % 26);
        int ex = (int)((r >> 16) % 660) - 330, zero = 1;
        jh_value v;
        const char *why = NULL;
        double want;
        int rc, want_ok;

        if (r >> 63)
            text[k++] = '-';
        for (int d = 0; d < nd; d++) {
            uint64_t q = next_random(&seed);
            if (d == point)
                text[k++] = '.';
            text[k] = (char)('0' + q % 10);
            if (text[k++] != '0')
                zero = 0;
        }
        if ((r >> 40) % 3 != 0)
            k += (size_t)snprintf(text + k, sizeof text - k, "e%d",
                                  (r >> 40) % 3 == 1 ? ex : ex % 23);
        text[k] = '\0';

        errno = 0;
        want = strtod(text, NULL);
        want_ok = zero || (errno != ERANGE && isnormal(want));
        if (zero)
            want = 0.0;
        rc = jh_value_parse(text, k, &v, &why);
        if (want_ok && (rc != JH_OK || !(v.x == want)))
            fail_msg("'%s': status %d x %.17g, strtod %.17g", text, rc,
                     rc == JH_OK ? v.x : 0.0, want);
        if (!want_ok && (rc != JH_EPARSE || strcmp(why, WHY_RANGE) != 0))
            fail_msg("'%s': status %d, want out of range", text, rc);

        /* And the shortest round-trip text of a random double. */
        {
            union {
                uint64_t u;
                double d;
            } bits;
            bits.u = next_random(&seed);
            if (!isnormal(bits.d))
                continue;
            snprintf(text, sizeof text, (r & 1) ? "%.17g" : "%.15g", bits.d);
            want = strtod(text, NULL);
            rc = jh_value_parse(text, strlen(text), &v, &why);
            if (rc != JH_OK || !(v.x == want))
                fail_msg("'%s': status %d, want %.17g", text, rc, want);
        }
    }
}

/* libcsv hands fields without a terminating NUL: the parser must not read
 * s[len].  The heap copy has no byte after the text, so ASan would see it. */
static void test_reads_only_len_bytes(void **state)
{
    static const char *const texts[] = {"12.5", "1,234", "NA", ">98", "9%",
                                        "１２", "1e5", " 7 "};
    static const double xs[] = {12.5, 1234.0, 0, 98.0, 9.0, 12.0, 1e5, 7.0};
    (void)state;
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        size_t len = strlen(texts[i]);
        char *copy = malloc(len);
        jh_value v;
        const char *why = NULL;
        assert_non_null(copy);
        memcpy(copy, texts[i], len);
        assert_int_equal(jh_value_parse(copy, len, &v, &why), JH_OK);
        if (v.kind != JH_VALUE_MISSING && !(v.x == xs[i]))
            fail_msg("'%s': x = %.17g, want %.17g", texts[i], v.x, xs[i]);
        free(copy);
    }
    {
        jh_value v;
        const char *why = NULL;
        assert_int_equal(jh_value_parse("12345", 2, &v, &why), JH_OK);
        assert_true(v.x == 12.0);
        assert_int_equal(jh_value_parse("1.5e", 3, &v, &why), JH_OK);
        assert_true(v.x == 1.5);
        assert_int_equal(jh_value_parse("NAN", 2, &v, &why), JH_OK);
        assert_int_equal(v.kind, JH_VALUE_MISSING);
    }
}

/* Even when the program forgets LC_NUMERIC=C, "1.5" is one and a half. */
static void test_decimal_comma_locale(void **state)
{
    static const char *const names[] = {"de_DE.UTF-8", "de_DE.utf8",
                                        "fr_FR.UTF-8", "ru_RU.UTF-8",
                                        "de_DE", "fr_FR"};
    const char *got = NULL;
    (void)state;
    for (size_t i = 0; i < sizeof names / sizeof names[0] && !got; i++)
        got = setlocale(LC_NUMERIC, names[i]);
    if (!got) {
        setlocale(LC_NUMERIC, "C");
        skip();
    }
    check_number("1.5", 1.5, 0);
    check_number("0.1", 0.1, 0);
    check_number("1,234.5", 1234.5, 0);
    check_number("3.14159265358979323846", 3.14159265358979323846, 0);
    check_number("1.5e-300", 1.5e-300, 0);
    check_error("1,5", WHY_COMMA);
    setlocale(LC_NUMERIC, "C");
}

static void test_error_leaves_out_unchanged(void **state)
{
    jh_value v = {42.0, JH_VALUE_CENSORED, JH_BOUND_LE, 1};
    const char *why = NULL;
    (void)state;
    assert_int_equal(jh_value_parse("abc", 3, &v, &why), JH_EPARSE);
    assert_true(v.x == 42.0);
    assert_int_equal(v.kind, JH_VALUE_CENSORED);
    assert_int_equal(v.bound, JH_BOUND_LE);
    assert_int_equal(v.percent, 1);
    /* why may be NULL when the caller only wants the status. */
    assert_int_equal(jh_value_parse("abc", 3, &v, NULL), JH_EPARSE);
}

static void test_invalid_arguments(void **state)
{
    jh_value v;
    const char *why = NULL;
    (void)state;
    assert_int_equal(jh_value_parse("1", 1, NULL, &why), JH_EINVAL);
    assert_string_equal(why, "null argument");
    assert_int_equal(jh_value_parse(NULL, 3, &v, &why), JH_EINVAL);
    assert_int_equal(jh_value_parse(NULL, 0, &v, &why), JH_OK);
    assert_int_equal(v.kind, JH_VALUE_MISSING);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_numbers),
        cmocka_unit_test(test_zero_has_no_sign),
        cmocka_unit_test(test_spaces_are_ignored),
        cmocka_unit_test(test_thousands_separators),
        cmocka_unit_test(test_decimal_comma_is_an_error),
        cmocka_unit_test(test_full_width_forms),
        cmocka_unit_test(test_percent),
        cmocka_unit_test(test_missing_markers),
        cmocka_unit_test(test_bounds),
        cmocka_unit_test(test_empty_bound),
        cmocka_unit_test(test_nonfinite_words),
        cmocka_unit_test(test_out_of_range),
        cmocka_unit_test(test_hex_is_an_error),
        cmocka_unit_test(test_rejected_inputs),
        cmocka_unit_test(test_long_numbers),
        cmocka_unit_test(test_agrees_with_strtod),
        cmocka_unit_test(test_reads_only_len_bytes),
        cmocka_unit_test(test_decimal_comma_locale),
        cmocka_unit_test(test_error_leaves_out_unchanged),
        cmocka_unit_test(test_invalid_arguments),
    };
    return cmocka_run_group_tests_name("value", tests, NULL, NULL);
}
