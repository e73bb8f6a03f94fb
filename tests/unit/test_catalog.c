/* Unit tests for the regions and indicators catalogs (issue 3, "Catalogs").
 *
 * Fixtures live in tests/data/catalog/.  Good files are checked field by
 * field; every malformed file is checked for its exact list of messages
 * ("FILE:LINE:COL: …", in order, nothing more) and its status.  In the
 * expected messages "{P}" stands for the fixture's path, which appears both
 * as the prefix and inside messages that name a second line. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "junheng/catalog.h"

#define CAT_DIR JH_TEST_DATA "/catalog/"

/* tmpl with every "{P}" replaced by path; caller frees. */
static char *expand(const char *tmpl, const char *path)
{
    size_t n = 1, plen = strlen(path);
    for (const char *p = tmpl; *p; p++)
        n += strncmp(p, "{P}", 3) == 0 ? plen : 1;
    char *s = malloc(n), *o = s;
    assert_non_null(s);
    while (*tmpl) {
        if (strncmp(tmpl, "{P}", 3) == 0) {
            memcpy(o, path, plen);
            o += plen;
            tmpl += 3;
        } else {
            *o++ = *tmpl++;
        }
    }
    *o = '\0';
    return s;
}

/* The diag holds exactly the errors want[] (NULL-terminated), in order. */
static void check_diag(const jh_diag *d, const char *path, const char *const *want)
{
    size_t n = 0;
    while (want[n])
        n++;
    for (size_t i = 0; i < d->n && i < n; i++) {
        char *w = expand(want[i], path);
        if (strcmp(d->items[i].text, w) != 0)
            fail_msg("message %zu:\n  got  %s\n  want %s", i + 1, d->items[i].text, w);
        assert_int_equal(d->items[i].level, JH_DIAG_ERROR);
        free(w);
    }
    if (d->n != n || d->n_errors != n) {
        for (size_t i = 0; i < d->n; i++)
            print_message("  got: %s\n", d->items[i].text);
        fail_msg("%s: %zu messages (%zu errors), want %zu", path, d->n, d->n_errors, n);
    }
}

static void regions_fail(const char *name, int status, const char *const *want)
{
    jh_diag d;
    jh_region_catalog *cat = (jh_region_catalog *)&d; /* must be reset to NULL */
    jh_diag_init(&d, 0);
    int rc = jh_region_catalog_read(name, &d, &cat);
    if (rc != status)
        fail_msg("%s: status %d (%s), want %d", name, rc, jh_strerror(rc), status);
    assert_null(cat);
    check_diag(&d, name, want);
    jh_diag_clear(&d);
}

static void indicators_fail(const char *name, int status, const char *const *want)
{
    jh_diag d;
    jh_indicator_catalog *cat = (jh_indicator_catalog *)&d;
    jh_diag_init(&d, 0);
    int rc = jh_indicator_catalog_read(name, &d, &cat);
    if (rc != status)
        fail_msg("%s: status %d (%s), want %d", name, rc, jh_strerror(rc), status);
    assert_null(cat);
    check_diag(&d, name, want);
    jh_diag_clear(&d);
}

static jh_region_catalog *regions_ok(const char *name)
{
    jh_diag d;
    jh_region_catalog *cat = NULL;
    jh_diag_init(&d, 0);
    int rc = jh_region_catalog_read(name, &d, &cat);
    static const char *const none[] = {NULL};
    check_diag(&d, name, none);
    assert_int_equal(rc, JH_OK);
    assert_non_null(cat);
    jh_diag_clear(&d);
    return cat;
}

static jh_indicator_catalog *indicators_ok(const char *name)
{
    jh_diag d;
    jh_indicator_catalog *cat = NULL;
    jh_diag_init(&d, 0);
    int rc = jh_indicator_catalog_read(name, &d, &cat);
    static const char *const none[] = {NULL};
    check_diag(&d, name, none);
    assert_int_equal(rc, JH_OK);
    assert_non_null(cat);
    jh_diag_clear(&d);
    return cat;
}

/* ---------------------------------------------------------------- regions */

/* BOM, CRLF, Chinese headers and type names, two parent levels (province,
 * prefecture), a quoted note over two lines, a blank line and a row of
 * empty cells (both skipped), a code with spaces around it, "Rural" in
 * another case, an empty class. */
static void test_regions_good(void **state)
{
    (void)state;
    jh_region_catalog *cat = regions_ok(CAT_DIR "regions_ok.csv");
    static const char *const codes[] = {"220102", "220112", "220122", "220182",
                                        "220581", "222426", "220323"};
    static const jh_region_type types[] = {
        JH_REGION_DISTRICT, JH_REGION_DISTRICT, JH_REGION_COUNTY, JH_REGION_COUNTY_CITY,
        JH_REGION_COUNTY_CITY, JH_REGION_COUNTY, JH_REGION_AUTONOMOUS_COUNTY};
    static const jh_region_class classes[] = {
        JH_REGION_URBAN, JH_REGION_URBAN, JH_REGION_RURAL, JH_REGION_RURAL,
        JH_REGION_RURAL, JH_REGION_RURAL, JH_REGION_CLASS_NONE};
    static const unsigned long lines[] = {2, 3, 5, 7, 9, 10, 11};
    static const char *const prefectures[] = {"长春市", "长春市", "长春市", "长春市",
                                              "通化市", "延边朝鲜族自治州", "四平市"};
    assert_int_equal(cat->n, 7);
    assert_int_equal(cat->codes.n, 7);
    for (size_t r = 0; r < 7; r++) {
        assert_string_equal(cat->codes.str[r], codes[r]);
        assert_int_equal(cat->type[r], types[r]);
        assert_int_equal(cat->cls[r], classes[r]);
        assert_int_equal(cat->line[r], lines[r]);
        assert_int_equal(jh_region_catalog_find(cat, codes[r]), r);
    }
    assert_string_equal(cat->name[0], "南关区");
    assert_string_equal(cat->name_en[2], "Nong'an County");
    assert_string_equal(cat->note[1], "district since 1995;\r\nformerly a county");
    assert_string_equal(cat->note[0], "");
    assert_string_equal(cat->note[6], "no class given");

    /* Attribute columns, in file order, named as written. */
    assert_int_equal(cat->n_attrs, 4);
    assert_string_equal(cat->attr_name[0], "province_code");
    assert_string_equal(cat->attr_name[1], "province");
    assert_string_equal(cat->attr_name[2], "prefecture_code");
    assert_string_equal(cat->attr_name[3], "prefecture");
    assert_int_equal(cat->known, (1u << JH_REGION_COL_CODE) | (1u << JH_REGION_COL_NAME) |
                                     (1u << JH_REGION_COL_NAME_EN) |
                                     (1u << JH_REGION_COL_TYPE) |
                                     (1u << JH_REGION_COL_CLASS) | (1u << JH_REGION_COL_NOTE));

    /* Grouping columns by name: attributes ignoring case and blanks, known
     * columns by any of their names. */
    const char *const *pref = jh_region_catalog_column(cat, "prefecture");
    assert_non_null(pref);
    for (size_t r = 0; r < 7; r++)
        assert_string_equal(pref[r], prefectures[r]);
    assert_ptr_equal(jh_region_catalog_column(cat, " Prefecture "), pref);
    const char *const *pcode = jh_region_catalog_column(cat, "PREFECTURE_CODE");
    assert_non_null(pcode);
    assert_string_equal(pcode[5], "222400");
    assert_string_equal(jh_region_catalog_column(cat, "province")[4], "吉林省");
    assert_string_equal(jh_region_catalog_column(cat, "code")[2], "220122");
    assert_string_equal(jh_region_catalog_column(cat, "名称")[3], "榆树市");
    assert_string_equal(jh_region_catalog_column(cat, "name")[3], "榆树市");
    assert_string_equal(jh_region_catalog_column(cat, "type")[6], "autonomous_county");
    assert_string_equal(jh_region_catalog_column(cat, "类型")[3], "county_city");
    assert_string_equal(jh_region_catalog_column(cat, "class")[0], "urban");
    assert_string_equal(jh_region_catalog_column(cat, "城乡")[6], "");
    assert_null(jh_region_catalog_column(cat, "county"));
    assert_null(jh_region_catalog_column(cat, ""));

    /* Lookup by code: exact after trimming. */
    assert_int_equal(jh_region_catalog_find(cat, " 220122\t"), 2);
    assert_int_equal(jh_region_catalog_find(cat, "220100"), JH_CATALOG_NONE);
    assert_int_equal(jh_region_catalog_find(cat, "南关区"), JH_CATALOG_NONE);
    jh_region_catalog_free(cat);
}

/* The header of the bundled datasets/…/regions.csv, with no province. */
static void test_regions_bundled_header(void **state)
{
    (void)state;
    jh_region_catalog *cat = regions_ok(CAT_DIR "regions_bundled_header.csv");
    assert_int_equal(cat->n, 2);
    assert_int_equal(cat->n_attrs, 3);
    assert_string_equal(cat->attr_name[0], "prefecture_code");
    assert_string_equal(cat->attr_name[1], "prefecture");
    assert_string_equal(cat->attr_name[2], "prefecture_en");
    assert_string_equal(jh_region_catalog_column(cat, "prefecture_en")[1], "Changchun");
    assert_int_equal(cat->type[1], JH_REGION_COUNTY);
    assert_int_equal(cat->cls[1], JH_REGION_RURAL);
    assert_null(jh_region_catalog_column(cat, "province"));
    jh_region_catalog_free(cat);
}

static void test_region_enums(void **state)
{
    (void)state;
    jh_region_type t = JH_REGION_COUNTY;
    jh_region_class c = JH_REGION_URBAN;
    assert_int_equal(jh_region_type_parse("市辖区", &t), 0);
    assert_int_equal(t, JH_REGION_DISTRICT);
    assert_int_equal(jh_region_type_parse(" County_City ", &t), 0);
    assert_int_equal(t, JH_REGION_COUNTY_CITY);
    assert_int_equal(jh_region_type_parse("自治县", &t), 0);
    assert_int_equal(t, JH_REGION_AUTONOMOUS_COUNTY);
    assert_int_equal(jh_region_type_parse("", &t), 0);
    assert_int_equal(t, JH_REGION_TYPE_NONE);
    assert_int_equal(jh_region_type_parse("区", &t), -1);
    assert_int_equal(jh_region_type_parse("county city", &t), -1);
    assert_int_equal(jh_region_class_parse("农村", &c), 0);
    assert_int_equal(c, JH_REGION_RURAL);
    assert_int_equal(jh_region_class_parse("URBAN", &c), 0);
    assert_int_equal(c, JH_REGION_URBAN);
    assert_int_equal(jh_region_class_parse("城市", &c), -1);
    assert_string_equal(jh_region_type_name(JH_REGION_COUNTY_CITY), "county_city");
    assert_string_equal(jh_region_type_name(JH_REGION_TYPE_NONE), "");
    assert_string_equal(jh_region_class_name(JH_REGION_RURAL), "rural");
    assert_string_equal(jh_region_class_name((jh_region_class)99), "");
}

/* A type is free text: "city" (after a quoted two-line note) is kept as
 * written, beside the recognised "district". */
static void test_regions_free_type(void **state)
{
    (void)state;
    jh_region_catalog *cat = regions_ok(CAT_DIR "regions_bad_type.csv");
    assert_int_equal(cat->n, 2);
    assert_int_equal(cat->type[0], JH_REGION_DISTRICT);
    assert_int_equal(cat->type[1], JH_REGION_TYPE_OTHER);
    assert_null(cat->type_other[0]);
    assert_string_equal(cat->type_other[1], "city");
    assert_string_equal(jh_region_catalog_column(cat, "type")[0], "district");
    assert_string_equal(jh_region_catalog_column(cat, "type")[1], "city");
    jh_region_catalog_free(cat);
}

static void test_regions_bad_class(void **state)
{
    (void)state;
    static const char *const want[] = {
        "{P}:3:5: unknown urban-rural class \"suburban\" (expected urban, rural, 城镇 or 农村)",
        NULL};
    regions_fail(CAT_DIR "regions_bad_class.csv", JH_EPARSE, want);
}

static void test_regions_duplicate(void **state)
{
    (void)state;
    static const char *const want[] = {
        "{P}:4:1: duplicate region code \"220102\" (first at {P}:2)", NULL};
    regions_fail(CAT_DIR "regions_dup.csv", JH_EPARSE, want);
}

static void test_regions_no_code(void **state)
{
    (void)state;
    static const char *const want[] = {
        "{P}:1: missing column 'code' (a regions catalog needs one code per region)", NULL};
    regions_fail(CAT_DIR "regions_no_code.csv", JH_EPARSE, want);
}

/* Reading goes on after a bad row: every error is listed. */
static void test_regions_many_errors(void **state)
{
    (void)state;
    static const char *const want[] = {
        "{P}:3:1: empty region code (column 'code')",
        "{P}:5:4: unknown urban-rural class \"city\" (expected urban, rural, 城镇 or 农村)",
        "{P}:6: row has 2 fields, the header has 4",
        NULL};
    regions_fail(CAT_DIR "regions_many_errors.csv", JH_EPARSE, want);
}

static void test_regions_header_problems(void **state)
{
    (void)state;
    static const char *const two_codes[] = {
        "{P}:1:3: column '行政区划代码' plays the same part as column 1 ('code')", NULL};
    regions_fail(CAT_DIR "regions_two_code_columns.csv", JH_EPARSE, two_codes);
    static const char *const two_attrs[] = {
        "{P}:1:3: column 'Prefecture' has the same name as column 2 ('prefecture')", NULL};
    regions_fail(CAT_DIR "regions_two_attr_columns.csv", JH_EPARSE, two_attrs);
}

static void test_regions_awkward_files(void **state)
{
    (void)state;
    static const char *const empty[] = {"{P}: empty file (no header row)", NULL};
    regions_fail(CAT_DIR "regions_empty.csv", JH_EPARSE, empty);
    static const char *const header_only[] = {
        "{P}: no regions (the file has a header but no rows)", NULL};
    regions_fail(CAT_DIR "regions_header_only.csv", JH_EPARSE, header_only);
    /* A catalog reads like a data file in encoding auto: one that mixes
     * UTF-8 (line 2) and GB18030 (line 3) is refused, naming the first line
     * that is not UTF-8; an all-GB18030 one is read (test_regions_gb18030). */
    static const char *const mixed[] = {
        "{P}:3: line is not UTF-8 (byte 0xC4), but 1 other line with non-ASCII text is: "
        "the file mixes two encodings (save it again as UTF-8; if it is all GB18030, "
        "give --encoding gb18030)", NULL};
    regions_fail(CAT_DIR "regions_mixed.csv", JH_EPARSE, mixed);
    static const char *const unterminated[] = {
        "{P}:2:3: unterminated quoted field (the file ends inside quotes)", NULL};
    regions_fail(CAT_DIR "regions_unterminated.csv", JH_EPARSE, unterminated);
    static const char *const missing[] = {
        "{P}: cannot open: No such file or directory", NULL};
    regions_fail(CAT_DIR "no_such_file.csv", JH_ENOTFOUND, missing);
}

/* regions_gb18030.csv holds 南关区 as GB18030 bytes (C4CF B9D8 C7F8): the
 * catalog is read like a GB18030 data file, the name converted to UTF-8. */
static void test_regions_gb18030(void **state)
{
    (void)state;
    jh_region_catalog *cat = regions_ok(CAT_DIR "regions_gb18030.csv");
    assert_int_equal(cat->n, 1);
    assert_string_equal(cat->codes.str[0], "220102");
    assert_string_equal(cat->name[0], "南关区");
    assert_int_equal(cat->type[0], JH_REGION_DISTRICT);
    assert_int_equal(cat->line[0], 2);
    jh_region_catalog_free(cat);
}

static void test_null_arguments(void **state)
{
    (void)state;
    jh_diag d;
    jh_region_catalog *r = (jh_region_catalog *)&d;
    jh_indicator_catalog *i = (jh_indicator_catalog *)&d;
    jh_diag_init(&d, 0);
    assert_int_equal(jh_region_catalog_read(NULL, &d, &r), JH_EINVAL);
    assert_null(r);
    assert_int_equal(jh_region_catalog_read(CAT_DIR "regions_ok.csv", &d, NULL), JH_EINVAL);
    assert_int_equal(jh_indicator_catalog_read(CAT_DIR "indicators_ok.csv", NULL, &i),
                     JH_EINVAL);
    assert_null(i);
    assert_int_equal(d.n_errors, 0);
    assert_int_equal(jh_region_catalog_find(NULL, "1"), JH_CATALOG_NONE);
    assert_null(jh_region_catalog_column(NULL, "prefecture"));
    assert_int_equal(jh_indicator_catalog_find(NULL, "x"), JH_CATALOG_NONE);
    jh_region_catalog_free(NULL);
    jh_indicator_catalog_free(NULL);
    jh_diag_clear(&d);
}

/* ------------------------------------------------------------- indicators */

static void check_value(jh_value v, jh_value_kind kind, jh_bound bound, double x)
{
    assert_int_equal(v.kind, kind);
    assert_int_equal(v.bound, bound);
    if (kind == JH_VALUE_MISSING)
        assert_true(isnan(v.x));
    else if (!(v.x == x))
        fail_msg("value %.17g, want %.17g", v.x, x);
}

/* Every column, bounds, missing baselines, derived indicators whose
 * numerator and denominator come later in the file and are named by code,
 * by Chinese name and by English name, a derived indicator built from two
 * derived ones, Chinese enum words, keywords in other cases. */
static void test_indicators_good(void **state)
{
    (void)state;
    jh_indicator_catalog *cat = indicators_ok(CAT_DIR "indicators_ok.csv");
    enum { RATIO, BEDS_PC, DOCS_PC, POP, BEDS, DOCS, SCHOOL, RET9, JOBS, POV, N };
    static const char *const codes[N] = {
        "doctor_bed_ratio", "beds_per_1000", "doctors_per_1000", "pop", "beds",
        "doctors", "school_age", "retention9", "new_jobs", "poverty"};
    assert_int_equal(cat->n, N);
    for (size_t i = 0; i < N; i++) {
        assert_string_equal(cat->ind[i].code, codes[i]);
        assert_int_equal(cat->ind[i].line, i + 2);
        assert_int_equal(jh_indicator_catalog_find(cat, codes[i]), i);
    }
    const jh_indicator *d = &cat->ind[BEDS_PC];
    assert_string_equal(d->name_zh, "每千人口医疗卫生机构床位数");
    assert_string_equal(d->name_en, "Hospital beds per 1000 residents");
    assert_string_equal(d->domain, "health");
    assert_string_equal(d->unit, "张/千人");
    assert_int_equal(d->direction, JH_DIRECTION_HIGHER);
    assert_int_equal(d->weight, JH_WEIGHT_POPULATION);
    assert_int_equal(d->weight_indicator, JH_CATALOG_NONE);
    assert_int_equal(d->scope, JH_SCOPE_COUNTY);
    assert_int_equal(d->baseline_year, 2015);
    check_value(d->baseline, JH_VALUE_NUMBER, JH_BOUND_NONE, 5.1);
    assert_int_equal(d->target_year, 2020);
    check_value(d->target, JH_VALUE_NUMBER, JH_BOUND_NONE, 6);
    assert_int_equal(d->target_kind, JH_TARGET_AT_LEAST);
    assert_int_equal(d->derived, 1);
    assert_int_equal(d->numerator, BEDS);
    assert_int_equal(d->denominator, POP); /* named 常住人口 */
    assert_true(d->scale == 1000);

    d = &cat->ind[DOCS_PC];
    assert_int_equal(d->scope, JH_SCOPE_COUNTY); /* empty cell: the default */
    assert_int_equal(d->numerator, DOCS);
    assert_int_equal(d->denominator, POP);
    assert_true(d->scale == 1000); /* written "1,000" */

    d = &cat->ind[RATIO];
    assert_int_equal(d->derived, 1);
    assert_int_equal(d->numerator, DOCS_PC);
    assert_int_equal(d->denominator, BEDS_PC); /* named by its English name */
    assert_true(d->scale == 1);
    assert_int_equal(d->baseline_year, 0);
    check_value(d->baseline, JH_VALUE_MISSING, JH_BOUND_NONE, 0);
    assert_int_equal(d->target_kind, JH_TARGET_NONE);
    assert_string_equal(d->note, "derived from derived indicators");

    /* Compute order: every derived indicator after those it uses. */
    assert_int_equal(cat->n_derived, 3);
    assert_int_equal(cat->derived_order[0], DOCS_PC);
    assert_int_equal(cat->derived_order[1], BEDS_PC);
    assert_int_equal(cat->derived_order[2], RATIO);

    d = &cat->ind[POP];
    assert_int_equal(d->direction, JH_DIRECTION_NEUTRAL);
    assert_int_equal(d->weight, JH_WEIGHT_NONE);
    assert_int_equal(d->baseline_year, 2015);
    check_value(d->baseline, JH_VALUE_MISSING, JH_BOUND_NONE, 0); /* "—": no baseline */
    assert_int_equal(d->derived, 0);
    assert_int_equal(d->numerator, JH_CATALOG_NONE);
    assert_int_equal(d->denominator, JH_CATALOG_NONE);
    assert_true(d->scale == 0);

    d = &cat->ind[DOCS];
    assert_int_equal(d->direction, JH_DIRECTION_HIGHER); /* "Higher_Better" */
    assert_int_equal(d->weight, JH_WEIGHT_POPULATION);   /* "POPULATION" */

    d = &cat->ind[RET9];
    assert_int_equal(d->direction, JH_DIRECTION_HIGHER); /* 正向 */
    assert_int_equal(d->weight, JH_WEIGHT_INDICATOR);
    assert_int_equal(d->weight_indicator, SCHOOL);
    assert_int_equal(d->scope, JH_SCOPE_PROVINCE);
    check_value(d->baseline, JH_VALUE_NUMBER, JH_BOUND_NONE, 93);
    check_value(d->target, JH_VALUE_CENSORED, JH_BOUND_GT, 95); /* ">95" */

    d = &cat->ind[JOBS];
    assert_int_equal(d->scope, JH_SCOPE_PROVINCE); /* 省级 */
    check_value(d->baseline, JH_VALUE_MISSING, JH_BOUND_NONE, 0); /* "N/A" */
    check_value(d->target, JH_VALUE_NUMBER, JH_BOUND_NONE, 1100);
    assert_int_equal(d->target_kind, JH_TARGET_CUMULATIVE);
    assert_string_equal(d->note, "plan total, 2016-2020");

    d = &cat->ind[POV];
    assert_int_equal(d->direction, JH_DIRECTION_LOWER); /* 逆向 */
    check_value(d->baseline, JH_VALUE_NUMBER, JH_BOUND_NONE, 4.6);
    assert_int_equal(d->baseline.percent, 1);
    check_value(d->target, JH_VALUE_CENSORED, JH_BOUND_LE, 0.5); /* "≤0.5" */
    assert_int_equal(d->target_kind, JH_TARGET_AT_MOST);
    jh_indicator_catalog_free(cat);
}

/* Lookup by code, Chinese or English name: trimmed, ASCII case ignored. */
static void test_indicators_find(void **state)
{
    (void)state;
    jh_indicator_catalog *cat = indicators_ok(CAT_DIR "indicators_ok.csv");
    assert_int_equal(jh_indicator_catalog_find(cat, "常住人口"), 3);
    assert_int_equal(jh_indicator_catalog_find(cat, "\u3000常住人口 "), 3);
    assert_int_equal(jh_indicator_catalog_find(cat, "Resident population"), 3);
    assert_int_equal(jh_indicator_catalog_find(cat, "hospital BEDS per 1000 residents"), 1);
    assert_int_equal(jh_indicator_catalog_find(cat, "九年义务教育巩固率"), 7);
    assert_int_equal(jh_indicator_catalog_find(cat, "  BEDS\t"), 4);
    assert_int_equal(jh_indicator_catalog_find(cat, "beds_per_1000"), 1);
    assert_int_equal(jh_indicator_catalog_find(cat, "beds per 1000"), JH_CATALOG_NONE);
    assert_int_equal(jh_indicator_catalog_find(cat, "常住"), JH_CATALOG_NONE);
    assert_int_equal(jh_indicator_catalog_find(cat, ""), JH_CATALOG_NONE);
    assert_int_equal(jh_indicator_catalog_find(cat, "   "), JH_CATALOG_NONE);
    jh_indicator_catalog_free(cat);
}

/* Columns in any order and case, unknown ones ignored, absent ones take
 * their defaults. */
static void test_indicators_any_order(void **state)
{
    (void)state;
    jh_indicator_catalog *cat = indicators_ok(CAT_DIR "indicators_any_order.csv");
    assert_int_equal(cat->n, 2);
    const jh_indicator *a = &cat->ind[0], *b = &cat->ind[1];
    assert_string_equal(a->code, "a");
    assert_string_equal(a->note, "first, with a comma");
    assert_int_equal(a->direction, JH_DIRECTION_LOWER);
    assert_string_equal(b->code, "b");
    assert_int_equal(b->direction, JH_DIRECTION_NEUTRAL);
    assert_string_equal(b->name_zh, "");
    assert_string_equal(b->unit, "");
    assert_int_equal(b->weight, JH_WEIGHT_DEFAULT);
    assert_int_equal(b->weight_indicator, JH_CATALOG_NONE);
    assert_int_equal(b->scope, JH_SCOPE_COUNTY);
    assert_int_equal(b->baseline_year, 0);
    check_value(b->baseline, JH_VALUE_MISSING, JH_BOUND_NONE, 0);
    check_value(b->target, JH_VALUE_MISSING, JH_BOUND_NONE, 0);
    assert_int_equal(b->target_kind, JH_TARGET_NONE);
    assert_int_equal(b->derived, 0);
    assert_int_equal(cat->n_derived, 0);
    jh_indicator_catalog_free(cat);
}

static void test_indicator_names(void **state)
{
    (void)state;
    assert_string_equal(jh_direction_name(JH_DIRECTION_HIGHER), "higher_better");
    assert_string_equal(jh_direction_name(JH_DIRECTION_LOWER), "lower_better");
    assert_string_equal(jh_direction_name(JH_DIRECTION_NEUTRAL), "neutral");
    assert_string_equal(jh_weight_kind_name(JH_WEIGHT_DEFAULT), "");
    assert_string_equal(jh_weight_kind_name(JH_WEIGHT_POPULATION), "population");
    assert_string_equal(jh_weight_kind_name(JH_WEIGHT_NONE), "none");
    assert_string_equal(jh_weight_kind_name(JH_WEIGHT_INDICATOR), "indicator");
    assert_string_equal(jh_scope_name(JH_SCOPE_PROVINCE), "province");
    assert_string_equal(jh_target_kind_name(JH_TARGET_CUMULATIVE), "cumulative");
    assert_string_equal(jh_target_kind_name(JH_TARGET_NONE), "none");
    assert_string_equal(jh_target_kind_name((jh_target_kind)42), "");
}

static void test_indicators_bad_direction(void **state)
{
    (void)state;
    static const char *const want[] = {
        "{P}:2:6: unknown direction \"up\" (expected higher_better, lower_better or neutral)",
        NULL};
    indicators_fail(CAT_DIR "indicators_bad_direction.csv", JH_EPARSE, want);
}

static void test_indicators_bad_target_kind(void **state)
{
    (void)state;
    static const char *const want[] = {
        "{P}:2:13: unknown target kind \"minimum\" (expected at_least, at_most, cumulative "
        "or none)",
        NULL};
    indicators_fail(CAT_DIR "indicators_bad_target_kind.csv", JH_EPARSE, want);
}

/* The weight of line 2 names nothing; line 3's weight "pop" is defined
 * further down and is fine.  The error comes once the file is read. */
static void test_indicators_unknown_weight(void **state)
{
    (void)state;
    static const char *const want[] = {
        "{P}:2:7: unknown indicator \"school_age_pop\" in column 'weight' (expected "
        "population, none, or the code or name of an indicator of this file)",
        NULL};
    indicators_fail(CAT_DIR "indicators_unknown_weight.csv", JH_EPARSE, want);
}

static void test_indicators_only_numerator(void **state)
{
    (void)state;
    static const char *const want[] = {
        "{P}:3:14: incomplete derived indicator: no denominator and no scale (numerator, "
        "denominator and scale go together)",
        NULL};
    indicators_fail(CAT_DIR "indicators_only_numerator.csv", JH_EPARSE, want);
}

static void test_indicators_bad_baseline(void **state)
{
    (void)state;
    static const char *const want[] = {
        "{P}:2:10: cannot read \"1,23\" as a number (column 'baseline': misplaced "
        "thousands separator)",
        "{P}:2:12: cannot read \">\" as a number (column 'target': empty bound)", NULL};
    indicators_fail(CAT_DIR "indicators_bad_baseline.csv", JH_EPARSE, want);
}

static void test_indicators_no_code(void **state)
{
    (void)state;
    static const char *const want[] = {
        "{P}:1: missing column 'code' (an indicators catalog needs one code per indicator)",
        NULL};
    indicators_fail(CAT_DIR "indicators_no_code.csv", JH_EPARSE, want);
}

/* Codes are unique ignoring ASCII case, and no name may be another
 * indicator's code or name: lookups would be ambiguous. */
static void test_indicators_duplicates(void **state)
{
    (void)state;
    static const char *const want[] = {
        "{P}:4:1: duplicate indicator code \"BEDS\" (first at {P}:2)",
        "{P}:5:3: \"doctors\" (column 'name_en') is already the code or a name of indicator "
        "\"doctors\" (at {P}:3)",
        NULL};
    indicators_fail(CAT_DIR "indicators_dup.csv", JH_EPARSE, want);
}

static void test_indicators_cycle(void **state)
{
    (void)state;
    static const char *const want[] = {
        "{P}:3:14: derived indicator \"a\" depends on itself (a -> b -> c -> a)",
        "{P}:6:14: derived indicator \"d\" depends on itself (d -> d)", NULL};
    indicators_fail(CAT_DIR "indicators_cycle.csv", JH_EPARSE, want);
}

/* Scope, years and scale; a self-weight is found at the end. */
static void test_indicators_misc(void **state)
{
    (void)state;
    static const char *const want[] = {
        "{P}:3:8: unknown scope \"town\" (expected county or province)",
        "{P}:3:9: cannot read \"2015年\" as a year (column 'baseline_year': expected an "
        "integer such as 2020)",
        "{P}:3:11: cannot read \"20200\" as a year (column 'target_year': expected an "
        "integer such as 2020)",
        "{P}:4:16: cannot read \"0\" as a scale (column 'scale': expected a positive number "
        "such as 1000)",
        "{P}:5:16: cannot read \"≥5\" as a scale (column 'scale': a bound is not a scale)",
        "{P}:2:7: indicator \"pop\" cannot be its own weight (column 'weight')", NULL};
    indicators_fail(CAT_DIR "indicators_misc.csv", JH_EPARSE, want);
}

static void test_indicators_header_only(void **state)
{
    (void)state;
    static const char *const want[] = {
        "{P}: no indicators (the file has a header but no rows)", NULL};
    indicators_fail(CAT_DIR "indicators_header_only.csv", JH_EPARSE, want);
}

/* --------------------------------------------- the bundled Jilin catalogs */

static int exists(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f)
        fclose(f);
    return f != NULL;
}

#define JILIN JH_SOURCE_DIR "/datasets/jilin/"

static void test_jilin_regions(void **state)
{
    (void)state;
    if (!exists(JILIN "regions.csv"))
        skip();
    jh_region_catalog *cat = regions_ok(JILIN "regions.csv");
    assert_int_equal(cat->n, 60);
    const char *const *pref = jh_region_catalog_column(cat, "prefecture");
    assert_non_null(pref);
    size_t distinct = 0;
    for (size_t r = 0; r < cat->n; r++) {
        assert_true(pref[r][0] != '\0');
        size_t q = 0;
        while (q < r && strcmp(pref[q], pref[r]) != 0)
            q++;
        distinct += q == r;
    }
    assert_int_equal(distinct, 9);
    jh_region_catalog_free(cat);
}

static void test_jilin_indicators(void **state)
{
    (void)state;
    if (!exists(JILIN "indicators.csv"))
        skip();
    jh_indicator_catalog *cat = indicators_ok(JILIN "indicators.csv");
    assert_true(cat->n > 0);
    jh_indicator_catalog_free(cat);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_regions_good),
        cmocka_unit_test(test_regions_bundled_header),
        cmocka_unit_test(test_region_enums),
        cmocka_unit_test(test_regions_free_type),
        cmocka_unit_test(test_regions_bad_class),
        cmocka_unit_test(test_regions_duplicate),
        cmocka_unit_test(test_regions_no_code),
        cmocka_unit_test(test_regions_many_errors),
        cmocka_unit_test(test_regions_header_problems),
        cmocka_unit_test(test_regions_awkward_files),
        cmocka_unit_test(test_regions_gb18030),
        cmocka_unit_test(test_null_arguments),
        cmocka_unit_test(test_indicators_good),
        cmocka_unit_test(test_indicators_find),
        cmocka_unit_test(test_indicators_any_order),
        cmocka_unit_test(test_indicator_names),
        cmocka_unit_test(test_indicators_bad_direction),
        cmocka_unit_test(test_indicators_bad_target_kind),
        cmocka_unit_test(test_indicators_unknown_weight),
        cmocka_unit_test(test_indicators_only_numerator),
        cmocka_unit_test(test_indicators_bad_baseline),
        cmocka_unit_test(test_indicators_no_code),
        cmocka_unit_test(test_indicators_duplicates),
        cmocka_unit_test(test_indicators_cycle),
        cmocka_unit_test(test_indicators_misc),
        cmocka_unit_test(test_indicators_header_only),
        cmocka_unit_test(test_jilin_regions),
        cmocka_unit_test(test_jilin_indicators),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
