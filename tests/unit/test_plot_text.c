/* Unit tests for the chart text helpers: jh_plot_wrap breaks titles by
 * their estimated width (jh_plot_text_em: 0.55 em a narrow character, 1 em
 * a wide one), and jh_plot_spec_lines hands the lines to a template as an
 * array.  Widths in the comments are worked by hand from those counts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "junheng/plot.h"

static void wrap_is(const char *in, double max_em, const char *want)
{
    char buf[256];
    assert_ptr_equal(jh_plot_wrap(in, max_em, buf, sizeof buf), buf);
    assert_string_equal(buf, want);
}

static void test_wrap_at_spaces(void **state)
{
    (void)state;
    /* "aaa" 1.65 em, + " " 2.2, + "bbb" 3.85 > 3: break at the space. */
    wrap_is("aaa bbb ccc", 3, "aaa\nbbb\nccc");
    /* 3.85 <= 4: "aaa bbb" fits, "ccc" would make 6.05. */
    wrap_is("aaa bbb ccc", 4, "aaa bbb\nccc");
    wrap_is("aaa bbb ccc", 100, "aaa bbb ccc");
    /* A word wider than the line stays whole on its own line. */
    wrap_is("abcdefghij x", 2, "abcdefghij\nx");
    wrap_is("", 3, "");
    wrap_is(NULL, 3, "");
}

static void test_wrap_chinese(void **state)
{
    (void)state;
    /* No spaces: a wide character is 1 em, two fit in 2.5. */
    wrap_is("洛伦兹曲线", 2.5, "洛伦\n兹曲\n线");
    /* "Gini" 2.2 + " " 2.75 + "基" 3.75 > 3: the space goes, not the text. */
    wrap_is("Gini 基尼", 3, "Gini\n基尼");
}

static void test_wrap_cut_when_full(void **state)
{
    (void)state;
    char buf[6];
    /* "aaa" and " " fit in 6 bytes with the NUL; "bbb" does not. */
    jh_plot_wrap("aaa bbb", 10, buf, sizeof buf);
    assert_string_equal(buf, "aaa ");
}

static void test_spec_lines(void **state)
{
    (void)state;
    jh_plot_spec sp;
    jh_plot_spec_init(&sp);
    assert_int_equal(jh_plot_spec_lines(&sp, "TITLELINES", "aaa bbb ccc", 3), 3);
    assert_int_equal(jh_plot_spec_lines(&sp, "ONE", "short", 30), 1);
    assert_int_equal(sp.n_arrays, 2);
    assert_string_equal(sp.arrays[0].name, "TITLELINES");
    assert_int_equal(sp.arrays[0].n, 3);
    assert_string_equal(sp.arrays[0].items[0], "aaa");
    assert_string_equal(sp.arrays[0].items[1], "bbb");
    assert_string_equal(sp.arrays[0].items[2], "ccc");
    assert_string_equal(sp.arrays[1].items[0], "short");
    assert_int_equal(sp.failed, 0);
    jh_plot_spec_clear(&sp);
}

/* gnuplot reads an explicit tic label as a format: "比重（%）" must reach
 * it as "比重（%%）" (a census column name made the heatmap fail). */
static void test_spec_tics(void **state)
{
    (void)state;
    jh_plot_spec sp;
    jh_plot_spec_init(&sp);
    const char *items[] = {"少数民族人口比重（%）", "a%b%", "plain"};
    jh_plot_spec_tics(&sp, "XLABS", 3, items, 100);
    assert_int_equal(sp.n_arrays, 1);
    assert_string_equal(sp.arrays[0].items[0], "少数民族人口比重（%%）");
    assert_string_equal(sp.arrays[0].items[1], "a%%b%%");
    assert_string_equal(sp.arrays[0].items[2], "plain");
    assert_string_equal(items[0], "少数民族人口比重（%）"); /* the caller's text untouched */
    assert_int_equal(sp.failed, 0);
    jh_plot_spec_clear(&sp);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wrap_at_spaces),
        cmocka_unit_test(test_wrap_chinese),
        cmocka_unit_test(test_wrap_cut_when_full),
        cmocka_unit_test(test_spec_lines),
        cmocka_unit_test(test_spec_tics),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
