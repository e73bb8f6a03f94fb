/* Unit tests for the files of subjective weights (include/junheng/weightfile.h):
 * reciprocals filled from the mirror cell, fractions, the 2% tolerance for a
 * rounded reciprocal, and the messages for a conflict, an empty pair and a
 * weight that is not a number.  Fixtures are written to a temporary file. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "junheng/weightfile.h"
#include "junheng/status.h"

/* Writes text to a fresh temporary file; its path into buf. */
static void fixture(const char *text, char *buf, size_t cap)
{
    snprintf(buf, cap, "/tmp/jh_weightfile_XXXXXX");
    int fd = mkstemp(buf);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

/* The one message of d, without the "PATH:" prefix. */
static const char *only_message(const jh_diag *d, const char *path)
{
    assert_int_equal(d->n, 1);
    const char *t = d->items[0].text;
    if (strncmp(t, path, strlen(path)) != 0)
        print_error("message '%s' does not start with '%s'\n", t, path);
    assert_int_equal(strncmp(t, path, strlen(path)), 0);
    return t + strlen(path);
}

static void test_pairwise_filled(void **state)
{
    (void)state;
    char path[64];
    jh_diag d;
    jh_pairwise *p = NULL;
    /* upper triangle only; 0.2 and 1/3 as written; the mirror gets 1/x */
    fixture("goal,a,b,c\na,1,3,5\nb,,1,3\nc,0.2,,\n", path, sizeof path);
    jh_diag_init(&d, 10);
    assert_int_equal(jh_pairwise_read(path, &d, &p), JH_OK);
    assert_int_equal(p->n, 3);
    assert_string_equal(p->code[2], "c");
    assert_true(p->a[1 * 3 + 0] == 1.0 / 3);   /* b over a: 1/3 */
    assert_true(p->a[2 * 3 + 1] == 1.0 / 3);   /* c over b: 1/3 */
    assert_true(p->a[2 * 3 + 0] == 0.2);       /* c over a as given */
    assert_true(p->a[2 * 3 + 2] == 1);         /* empty diagonal */
    assert_int_equal(p->line, 1);
    jh_pairwise_free(p);
    jh_diag_clear(&d);
    unlink(path);
}

static void test_pairwise_rounded_and_conflict(void **state)
{
    (void)state;
    char path[64];
    jh_diag d;
    jh_pairwise *p = NULL;
    /* 0.33 * 3 = 0.99: within 2%, kept as written */
    fixture("x,a,b\na,1,3\nb,0.33,1\n", path, sizeof path);
    jh_diag_init(&d, 10);
    assert_int_equal(jh_pairwise_read(path, &d, &p), JH_OK);
    assert_true(p->a[2] == 0.33);
    jh_pairwise_free(p);
    jh_diag_clear(&d);
    unlink(path);
    /* 0.3 * 3 = 0.9: a conflict, named at both cells */
    fixture("x,a,b\na,1,3\nb,0.3,1\n", path, sizeof path);
    jh_diag_init(&d, 10);
    assert_int_equal(jh_pairwise_read(path, &d, &p), JH_EPARSE);
    assert_null(p);
    assert_string_equal(only_message(&d, path),
                        ":2:3: 'a' over 'b' is 3 but 'b' over 'a' (line 3, column 2) is 0.3 "
                        "(expected reciprocals: the product 0.9 is not 1)");
    jh_diag_clear(&d);
    unlink(path);
    /* neither side given */
    fixture("x,a,b\na,1,\nb,,1\n", path, sizeof path);
    jh_diag_init(&d, 10);
    assert_int_equal(jh_pairwise_read(path, &d, &p), JH_EPARSE);
    assert_string_equal(only_message(&d, path),
                        ":2:3: 'a' over 'b' is empty and so is its mirror (line 3, column 2) "
                        "(expected a judgement on one side)");
    jh_diag_clear(&d);
    unlink(path);
    /* a row out of the header's order */
    fixture("x,a,b\nb,1,\na,3,1\n", path, sizeof path);
    jh_diag_init(&d, 10);
    assert_int_equal(jh_pairwise_read(path, &d, &p), JH_EPARSE);
    assert_string_equal(only_message(&d, path),
                        ":2:1: row 'b' where 'a' was expected (rows in the order of the header)");
    jh_diag_clear(&d);
    unlink(path);
}

static void test_weight_list(void **state)
{
    (void)state;
    char path[64];
    jh_diag d;
    jh_weight_list *l = NULL;
    fixture("code,weight\nh,0.25\nl,３\n", path, sizeof path); /* full-width 3 */
    jh_diag_init(&d, 10);
    assert_int_equal(jh_weight_list_read(path, &d, &l), JH_OK);
    assert_int_equal(l->n, 2);
    assert_true(l->weight[0] == 0.25 && l->weight[1] == 3);
    assert_int_equal(l->line[1], 3);
    jh_weight_list_free(l);
    jh_diag_clear(&d);
    unlink(path);
    fixture("code,weight\nh,25%\n", path, sizeof path);
    jh_diag_init(&d, 10);
    assert_int_equal(jh_weight_list_read(path, &d, &l), JH_EPARSE);
    assert_string_equal(only_message(&d, path), ":2:2: weight '25%' for 'h': a bound or a "
                        "percent (expected a number >= 0)");
    jh_diag_clear(&d);
    unlink(path);
    fixture("code,weight\nh,1\nh,2\n", path, sizeof path);
    jh_diag_init(&d, 10);
    assert_int_equal(jh_weight_list_read(path, &d, &l), JH_EPARSE);
    assert_string_equal(only_message(&d, path), ":3:1: 'h' given twice (first at line 2)");
    jh_diag_clear(&d);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pairwise_filled),
        cmocka_unit_test(test_pairwise_rounded_and_conflict),
        cmocka_unit_test(test_weight_list),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
