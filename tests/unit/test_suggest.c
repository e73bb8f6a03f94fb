/* Edit distance and "did you mean" (jh_edit_distance, jh_suggest,
 * jh_list_names), by hand: kitten -> sitting is 3 (k->s, e->i, +g); a
 * Chinese character counts one, not its three bytes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include "junheng/diag.h"

static void test_distance(void **state)
{
    (void)state;
    assert_int_equal(jh_edit_distance("kitten", "sitting"), 3);
    assert_int_equal(jh_edit_distance("", "abc"), 3);
    assert_int_equal(jh_edit_distance("Prefecture", "prefecture"), 0); /* ASCII case */
    assert_int_equal(jh_edit_distance("常驻人口", "常住人口"), 1);       /* one character */
    assert_int_equal(jh_edit_distance("所属地级市", "所属地市"), 1);
}

static void test_suggest(void **state)
{
    (void)state;
    const char *cmds[] = {"run", "validate", "indices", "decompose", "init"};
    assert_string_equal(jh_suggest("indcies", cmds, 5), "indices");  /* 2 <= 1 + 7/3 */
    assert_string_equal(jh_suggest("decompse", cmds, 5), "decompose");
    assert_null(jh_suggest("plotting", cmds, 5));
    /* One letter: at most 0 edits, never a guess from nothing. */
    assert_null(jh_suggest("x", cmds, 5));
    const char *cols[] = {"行政区划代码", "所属地市", "常住人口"};
    assert_string_equal(jh_suggest("常驻人口", cols, 3), "常住人口");
}

static void test_list(void **state)
{
    (void)state;
    const char *names[] = {"a", "bb", "ccc"};
    char buf[64] = "";
    jh_list_names(names, 3, buf, sizeof buf);
    assert_string_equal(buf, "a, bb, ccc");
    char small[8] = "";
    jh_list_names(names, 3, small, sizeof small); /* "a, bb, ccc" does not fit */
    assert_string_equal(small, "a, b...");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_distance),
        cmocka_unit_test(test_suggest),
        cmocka_unit_test(test_list),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
