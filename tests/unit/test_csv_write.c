/* Unit tests for the CSV fields (src/output/csv_write.c): quoting, and the
 * spreadsheet rule of issue 12 (OWASP "CSV Injection"): a text cell that
 * begins with =, +, -, @, TAB or CR gets a leading apostrophe unless
 * JH_CSV_RAW; numbers are never touched. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "junheng/output.h"

/* The bytes jh_csv_text writes for s with flags. */
static void text_is(const char *s, int flags, const char *want)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    jh_csv_text(f, s, flags);
    assert_int_equal(fclose(f), 0);
    assert_string_equal(buf, want);
    free(buf);
}

static void number_is(double x, const char *want)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    jh_csv_number(f, x, "%.17g", 0);
    assert_int_equal(fclose(f), 0);
    assert_string_equal(buf, want);
    free(buf);
}

static void test_formula_leads(void **state)
{
    (void)state;
    text_is("=1+1", JH_CSV_FIRST, "'=1+1");
    text_is("+1", JH_CSV_FIRST, "'+1");
    text_is("-2", JH_CSV_FIRST, "'-2");
    text_is("@SUM(A1)", JH_CSV_FIRST, "'@SUM(A1)");
    text_is("\t=1+1", JH_CSV_FIRST, "'\t=1+1");
    /* CR makes the field quoted; the apostrophe goes inside the quotes. */
    text_is("\r=1+1", JH_CSV_FIRST, "\"'\r=1+1\"");
    text_is("=HYPERLINK(\"http://x\",\"y\")", 0,
            ",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
}

static void test_plain_text(void **state)
{
    (void)state;
    text_is("长春市", 0, ",长春市");
    text_is("a=b", JH_CSV_FIRST, "a=b");
    text_is("", 0, ",");
    text_is("'=x", JH_CSV_FIRST, "'=x"); /* already text to a spreadsheet */
    text_is(" =x", JH_CSV_FIRST, "\" =x\""); /* leading space: quoted only */
    text_is("a,b", JH_CSV_FIRST, "\"a,b\"");
}

static void test_raw(void **state)
{
    (void)state;
    text_is("=1+1", JH_CSV_FIRST | JH_CSV_RAW, "=1+1");
    text_is("-2", JH_CSV_RAW, ",-2");
    text_is("\r=1+1", JH_CSV_FIRST | JH_CSV_RAW, "\"\r=1+1\"");
    text_is("=A1,B1", JH_CSV_FIRST | JH_CSV_RAW, "\"=A1,B1\"");
}

static void test_numbers_untouched(void **state)
{
    (void)state;
    number_is(-2.5, ",-2.5");
    number_is(-0.0, ",0");
    number_is(-1e-300, ",-1e-300"); /* %.17g of the double nearest -1e-300 */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_formula_leads),
        cmocka_unit_test(test_plain_text),
        cmocka_unit_test(test_raw),
        cmocka_unit_test(test_numbers_untouched),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
