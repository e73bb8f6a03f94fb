/* Unit tests for the one gnuplot quoting function (STYLE.md C1-C6) and the
 * pure script generator.  Every expectation is written out by hand from the
 * rules in gnuplot's manual: inside single quotes backquotes, @macros and
 * backslashes are ordinary characters; a raw newline would end the command,
 * so control characters become spaces.  The manual's '' for a quote fails
 * in gnuplot 5.4 after the opening quote ('''x' is a syntax error, checked
 * by hand with gnuplot 5.4.4), so a quote is the constant "'" joined with
 * the . operator. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "junheng/plot.h"

static void quote_is(const char *in, const char *want)
{
    char buf[256];
    size_t len = jh_gp_quote(buf, sizeof buf, in);
    assert_string_equal(buf, want);
    assert_int_equal(len, strlen(want));
}

static void test_plain_and_chinese(void **state)
{
    (void)state;
    quote_is("abc", "'abc'");
    quote_is("长春市", "'长春市'");   /* UTF-8 bytes pass through */
    quote_is("", "''");
    quote_is(NULL, "''");
}

static void test_hostile(void **state)
{
    (void)state;
    quote_is("O'Brien", "('O'.\"'\".'Brien')");
    quote_is("'", "(\"'\")");
    quote_is("''x", "(\"'\".\"'\".'x')");
    quote_is("`touch PWNED`", "'`touch PWNED`'");
    quote_is("@foo", "'@foo'");
    quote_is("'; system(\"touch PWNED\"); '",
             "(\"'\".'; system(\"touch PWNED\"); '.\"'\")");
    quote_is("\"|touch PWNED\"", "'\"|touch PWNED\"'");
    quote_is("a\nsystem('x')", "('a system('.\"'\".'x'.\"'\".')')");
    quote_is("a\r\n\tb\x7f", "'a   b '");
    quote_is("x_2^{3} #c \\n", "'x_2^{3} #c \\n'");
    quote_is("EOD", "'EOD'");
}

/* Like snprintf: the full length is returned and the result is cut. */
static void test_truncation(void **state)
{
    (void)state;
    char buf[4];
    assert_int_equal(jh_gp_quote(buf, sizeof buf, "abcdef"), 8); /* 'abcdef' */
    assert_string_equal(buf, "'ab");
    assert_int_equal(jh_gp_quote(NULL, 0, "it's"), 14);  /* ('it'."'".'s') */
}

static void test_data_label(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    assert_non_null(f);
    jh_gp_data_label(f, "say \"hi\"\tnow\n");
    fclose(f);
    /* " -> U+FF02 (EF BC 82), tab and LF -> spaces, all in double quotes. */
    assert_string_equal(buf, "\"say \xEF\xBC\x82hi\xEF\xBC\x82 now \"");
    free(buf);
}

static void test_script(void **state)
{
    (void)state;
    const char *keys[] = {"Essex", "a\nsystem('touch PWNED')"};
    jh_plot_var vars[] = {
        {"TITLE", "'; system(\"touch PWNED\"); '", 0},
        {"NSERIES", NULL, 2},
    };
    jh_plot_array arrays[] = {{"KEYS", 2, keys}};
    jh_plot_chart c = {
        .name = "t", .template_path = "plots/it's.gp", .out_base = "out/t",
        .formats = JH_PLOT_PNG | JH_PLOT_SVG, .font = "Noto Sans CJK SC",
        .width = 1600, .height = 1000, .vars = vars, .n_vars = 2,
        .arrays = arrays, .n_arrays = 1,
    };
    char *s = NULL;
    assert_int_equal(jh_plot_script(&c, &s), JH_OK);
    assert_non_null(strstr(s, "\nTITLE = (\"'\".'; system(\"touch PWNED\"); '.\"'\")\n"));
    assert_non_null(strstr(s, "\nNSERIES = 2\n"));
    assert_non_null(strstr(s, "\narray KEYS[2]\nKEYS[1] = 'Essex'\n"
                              "KEYS[2] = ('a system('.\"'\".'touch PWNED'.\"'\".')')\n"));
    /* 24 pt at 1600 px wide: 1600 * 24 / 1600. */
    assert_non_null(strstr(s, "\nset terminal pngcairo size 1600,1000 font "
                              "'Noto Sans CJK SC,24' noenhanced\n"));
    assert_non_null(strstr(s, "\nset output 'out/t.png'\n"));
    /* The SVG 4/3 of that, 32, as pngcairo draws 24 pt (gnuplot.c), and
     * its templates' FONTSIZE with it. */
    assert_non_null(strstr(s, "\nset terminal svg size 1600,1000 font "
                              "'Noto Sans CJK SC,32' noenhanced\nFONTSIZE = 32\n"));
    assert_non_null(strstr(s, "'Noto Sans CJK SC,24' noenhanced\nFONTSIZE = 24\n"));
    assert_non_null(strstr(s, "\nset output 'out/t.svg'\n"));
    assert_non_null(strstr(s, "\nload ('plots/it'.\"'\".'s.gp')\n"));
    assert_null(strstr(s, "pdf"));
    /* Same chart, same bytes. */
    char *again = NULL;
    assert_int_equal(jh_plot_script(&c, &again), JH_OK);
    assert_string_equal(s, again);
    free(again);
    free(s);
    /* A variable name is program text; anything else is refused. */
    jh_plot_var bad[] = {{"A B", "x", 0}};
    c.vars = bad;
    c.n_vars = 1;
    assert_int_equal(jh_plot_script(&c, &s), JH_EINVAL);
    c.vars = vars;
    c.n_vars = 2;
    c.formats = 0;
    assert_int_equal(jh_plot_script(&c, &s), JH_EINVAL);
}

static void test_palette(void **state)
{
    (void)state;
    /* Okabe & Ito (2008): orange E69F00, sky blue 56B4E9, ...; 9 wraps to 0. */
    assert_string_equal(jh_plot_colour(0), "#000000");
    assert_string_equal(jh_plot_colour(1), "#E69F00");
    assert_string_equal(jh_plot_colour(7), "#CC79A7");
    assert_string_equal(jh_plot_colour(8), "#999999");
    assert_string_equal(jh_plot_colour(9), "#000000");
}

/* Grey value of "#RRGGBB" as a greyscale conversion prints it (ITU-R BT.601
 * luma, 0..255). */
static double luma(const char *hex)
{
    unsigned r, g, b;
    assert_int_equal(sscanf(hex, "#%2x%2x%2x", &r, &g, &b), 3);
    return 0.299 * r + 0.587 * g + 0.114 * b;
}

static void test_palette_fifth_in_grey(void **state)
{
    (void)state;
    /* Okabe-Ito's yellow F0E442 (luma 213, 1.3:1 against white paper) was
     * faint in print; indigo 332288 has luma 0.299*51 + 0.587*34 + 0.114*136
     * = 50.7, between black (0) and blue 0072B2 (87.2), and every other
     * colour of the palette is at least 30 grey levels away. */
    assert_string_equal(jh_plot_colour(4), "#332288");
    assert_true(luma(jh_plot_colour(4)) > 50.6 && luma(jh_plot_colour(4)) < 50.8);
    for (size_t k = 0; k < JH_PLOT_COLOURS; k++)
        if (k != 4) {
            double d = luma(jh_plot_colour(k)) - luma(jh_plot_colour(4));
            assert_true(d >= 30 || d <= -30);
        }
}

/* The round trip through gnuplot itself: each quoted text, printed by
 * gnuplot, is the text with control characters as spaces, and no
 * backquote or macro ran (PWNED is never created).  Skipped without
 * gnuplot. */
static void test_gnuplot_reads_back(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "O'Brien", "'; system(\"touch PWNED\"); '", "a\nsystem('touch PWNED')",
        "`touch PWNED`", "@x", "'''x'", "a''''b", "'", "''", "长春市",
        "tab\there\r\n", "back\\slash \\n", "\"dq\" \"", "'`touch PWNED`'", "",
    };
    size_t n = sizeof texts / sizeof texts[0];
    char dir[] = "/tmp/jh-gpq-XXXXXX", script[64], printed[64], q[256];
    assert_non_null(mkdtemp(dir));
    snprintf(script, sizeof script, "%s/s.gp", dir);
    snprintf(printed, sizeof printed, "%s/out.txt", dir);
    FILE *f = fopen(script, "w");
    assert_non_null(f);
    fprintf(f, "cd '%s'\nset print 'out.txt'\n", dir);
    for (size_t i = 0; i < n; i++) {
        jh_gp_quote(q, sizeof q, texts[i]);
        fprintf(f, "print %s\n", q);
    }
    assert_int_equal(fclose(f), 0);
    jh_gnuplot_result res;
    int rc = jh_gnuplot_run(NULL, script, 60, &res);
    if (rc == JH_ENOTFOUND) {
        remove(script);
        rmdir(dir);
        skip();
    }
    assert_int_equal(rc, JH_OK);
    f = fopen(printed, "r");
    assert_non_null(f);
    char line[512], want[256];
    for (size_t i = 0; i < n; i++) {
        assert_non_null(fgets(line, sizeof line, f));
        line[strcspn(line, "\n")] = '\0';
        snprintf(want, sizeof want, "%s", texts[i]);
        for (char *p = want; *p; p++)
            if ((unsigned char)*p < 0x20)
                *p = ' ';
        assert_string_equal(line, want);
    }
    fclose(f);
    snprintf(line, sizeof line, "%s/PWNED", dir);
    assert_int_not_equal(access(line, F_OK), 0);
    remove(printed);
    remove(script);
    assert_int_equal(rmdir(dir), 0);
}

/* gnuplot missing: posix_spawnp finds no such program. */
static void test_missing_program(void **state)
{
    (void)state;
    jh_gnuplot_result res;
    assert_int_equal(jh_gnuplot_run("junheng-no-such-gnuplot", "x.gp", 5, &res), JH_ENOTFOUND);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_and_chinese),
        cmocka_unit_test(test_hostile),
        cmocka_unit_test(test_truncation),
        cmocka_unit_test(test_data_label),
        cmocka_unit_test(test_script),
        cmocka_unit_test(test_palette),
        cmocka_unit_test(test_palette_fifth_in_grey),
        cmocka_unit_test(test_missing_program),
        cmocka_unit_test(test_gnuplot_reads_back),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
