/* The level of a row (jh_level_of) and identifier headers
 * (jh_is_identifier_name).  The code rule was checked against the official
 * code lists 2010-2024 (admin_codes result.csv: 34 province-level codes all
 * end in 0000, 544 prefecture-level codes all end in 00 and not 0000, and
 * none of 6,245 county-level codes ends in 00). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "junheng/dataset.h"

static void test_level_by_code(void **state)
{
    (void)state;
    assert_int_equal(jh_level_of("220102", NULL), JH_LEVEL_COUNTY);
    assert_int_equal(jh_level_of("220100", NULL), JH_LEVEL_PREFECTURE);
    assert_int_equal(jh_level_of("220000", NULL), JH_LEVEL_PROVINCE);
    assert_int_equal(jh_level_of("000000", NULL), JH_LEVEL_NATIONAL);
    assert_int_equal(jh_level_of("100000", NULL), JH_LEVEL_NATIONAL);
    /* 12-digit statistical codes of counties end in 000000. */
    assert_int_equal(jh_level_of("220102000000", NULL), JH_LEVEL_COUNTY);
    assert_int_equal(jh_level_of("220100000000", NULL), JH_LEVEL_PREFECTURE);
    assert_int_equal(jh_level_of("220102001000", NULL), JH_LEVEL_COUNTY);
    /* Not a 6-digit code: the name decides, and an ordinary name is a
     * county-level (or any base) unit: US FIPS, Mexican states. */
    assert_int_equal(jh_level_of("01", "Alabama"), JH_LEVEL_COUNTY);
    assert_int_equal(jh_level_of("2201", NULL), JH_LEVEL_COUNTY);
    assert_int_equal(jh_level_of("22010a", NULL), JH_LEVEL_COUNTY);
    assert_int_equal(jh_level_of(NULL, NULL), JH_LEVEL_COUNTY);
}

static void test_level_by_name(void **state)
{
    (void)state;
    assert_int_equal(jh_level_of("NA", "全国"), JH_LEVEL_NATIONAL);
    assert_int_equal(jh_level_of("", "合计"), JH_LEVEL_TOTAL);
    assert_int_equal(jh_level_of("", "总计"), JH_LEVEL_TOTAL);
    /* The 2010 census puts the counties of a municipality under a row
     * named 县 without a code. */
    assert_int_equal(jh_level_of("", "县"), JH_LEVEL_TOTAL);
    assert_int_equal(jh_level_of("110228", "密云县"), JH_LEVEL_COUNTY);
    assert_int_equal(jh_level_of("X", "Total"), JH_LEVEL_TOTAL);
    /* 市辖区 had county-like codes (xxxx01) in the older code lists. */
    assert_int_equal(jh_level_of("220101", "市辖区"), JH_LEVEL_TOTAL);
    /* A prefecture code decides: Beijing's 110100 is named 市辖区. */
    assert_int_equal(jh_level_of("110100", "市辖区"), JH_LEVEL_PREFECTURE);
    assert_int_equal(jh_level_of("220102", "南关区"), JH_LEVEL_COUNTY);
    assert_int_equal(jh_level_of("220000", "全国"), JH_LEVEL_NATIONAL);
    assert_string_equal(jh_level_name(JH_LEVEL_PREFECTURE), "prefecture");
    assert_string_equal(jh_level_name(JH_LEVEL_ALL), "all");
}

static void test_identifier_names(void **state)
{
    (void)state;
    static const char *const yes[] = {"prefecture_code", "PrefCode", "zipcode", "地市代码",
                                      "统计编码", "学校编号", "序号", "id", "ID",
                                      "prefecture_id", "PREF_ID", "pref-id", "prefectureId",
                                      "county id", NULL};
    static const char *const no[] = {"paid", "PAID", "valid", "beds", "人口", "codes",
                                     "idle", "", NULL};
    for (int i = 0; yes[i]; i++)
        if (!jh_is_identifier_name(yes[i]))
            fail_msg("'%s' should be an identifier", yes[i]);
    for (int i = 0; no[i]; i++)
        if (jh_is_identifier_name(no[i]))
            fail_msg("'%s' should not be an identifier", no[i]);
    assert_false(jh_is_identifier_name(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_level_by_code),
        cmocka_unit_test(test_level_by_name),
        cmocka_unit_test(test_identifier_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
