/* Unit tests for gnuplot as a child that may misbehave (issue 12): the
 * runner under a time limit, with the shell standing in for gnuplot (it
 * runs `sh SCRIPT` as it would run `gnuplot SCRIPT`), and the check of what
 * gnuplot wrote.  Expected bytes are the formats' own: the PNG signature
 * 89 50 4E 47 0D 0A 1A 0A and the empty IEND chunk 00 00 00 00 49 45 4E 44
 * AE 42 60 82 (PNG spec, ISO/IEC 15948 5.2 and 11.2.5), "%PDF-" and "%%EOF"
 * (ISO 32000-1 7.5.2 and 7.5.5), an <svg> root element (SVG 1.1, 5.1.2). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "junheng/plot.h"

static char dir[] = "/tmp/jh-gnuplot-run-XXXXXX";

static const char *in_dir(const char *name)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return path;
}

static const char *write_file(const char *name, const char *bytes, size_t n)
{
    const char *path = in_dir(name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(bytes, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
    return path;
}

static int run_sh(const char *script, double timeout, jh_gnuplot_result *res)
{
    const char *path = write_file("script.sh", script, strlen(script));
    return jh_gnuplot_run("sh", path, timeout, res);
}

static void test_exit_ok(void **state)
{
    (void)state;
    jh_gnuplot_result res;
    assert_int_equal(run_sh("exit 0\n", 20, &res), JH_OK);
    assert_int_equal(res.exit_status, 0);
    assert_int_equal(res.timed_out, 0);
    assert_int_equal(res.signal, 0);
    assert_string_equal(res.err, "");
}

/* A failure: its exit status, and the stderr it wrote. */
static void test_exit_error(void **state)
{
    (void)state;
    jh_gnuplot_result res;
    assert_int_equal(run_sh("echo 'plot x' >&2; echo 'line 39: x2 range is invalid' >&2; exit 3\n",
                            20, &res), JH_EIO);
    assert_int_equal(res.exit_status, 3);
    assert_int_equal(res.timed_out, 0);
    assert_string_equal(res.err, "plot x\nline 39: x2 range is invalid\n");
}

/* More stderr than err holds: the last 2047 bytes are kept, the error
 * message at the end with them (5000 'a' then "END\n": the tail is 2043 'a'
 * and "END\n"). */
static void test_stderr_tail(void **state)
{
    (void)state;
    jh_gnuplot_result res;
    assert_int_equal(run_sh("head -c 5000 /dev/zero | tr '\\0' a >&2; echo END >&2; exit 1\n",
                            20, &res), JH_EIO);
    assert_int_equal(strlen(res.err), sizeof res.err - 1);
    assert_string_equal(res.err + sizeof res.err - 5, "END\n");
    assert_int_equal(res.err[0], 'a');
}

static void test_signal(void **state)
{
    (void)state;
    jh_gnuplot_result res;
    assert_int_equal(run_sh("kill -SEGV $$\n", 20, &res), JH_EIO);
    assert_int_equal(res.signal, SIGSEGV);
    assert_int_equal(res.timed_out, 0);
    assert_string_equal(jh_signal_name(res.signal), "SEGV");
    assert_string_equal(jh_signal_name(SIGKILL), "KILL");
}

/* Whether process pid has ended (gone, or a zombie waiting for its new
 * parent). */
static int ended(long pid)
{
    char path[64], line[512];
    snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return 1;
    char *got = fgets(line, sizeof line, f);
    fclose(f);
    const char *close = got ? strrchr(line, ')') : NULL;
    return close && close[1] == ' ' && close[2] == 'Z';
}

/* The pid in file name has ended, or does within 5 s: SIGKILL is delivered
 * asynchronously. */
static int stopped(const char *name)
{
    FILE *f = fopen(in_dir(name), "r");
    long pid = 0;
    assert_non_null(f);
    assert_int_equal(fscanf(f, "%ld", &pid), 1);
    fclose(f);
    for (int k = 0; k < 500; k++) {
        if (ended(pid))
            return 1;
        nanosleep(&(struct timespec){0, 10000000L}, NULL);
    }
    return 0;
}

/* Still running at the limit: stopped, with the child it started (same
 * process group), and reported as a time-out, not as a signal. */
static void test_timeout_kills_group(void **state)
{
    (void)state;
    jh_gnuplot_result res;
    char script[512];
    snprintf(script, sizeof script, "sleep 300 & echo $! > %s/child.pid\nwait\n", dir);
    assert_int_equal(run_sh(script, 0.5, &res), JH_EIO);
    assert_int_equal(res.timed_out, 1);
    assert_int_equal(res.signal, 0);
    assert_true(stopped("child.pid"));
}

/* gnuplot exits but leaves a child holding its stderr: the run ends with
 * gnuplot (status 0, no time-out: a limit of 300 s would otherwise be
 * reached first), and the child is stopped. */
static void test_child_holding_stderr(void **state)
{
    (void)state;
    jh_gnuplot_result res;
    char script[512];
    snprintf(script, sizeof script, "echo before >&2\nsleep 300 & echo $! > %s/holder.pid\n"
             "exit 0\n", dir);
    assert_int_equal(run_sh(script, 300, &res), JH_OK);
    assert_int_equal(res.timed_out, 0);
    assert_int_equal(res.exit_status, 0);
    assert_string_equal(res.err, "before\n");
    assert_true(stopped("holder.pid"));
}

static void test_missing(void **state)
{
    (void)state;
    jh_gnuplot_result res;
    assert_int_equal(jh_gnuplot_run("junheng-no-such-gnuplot", "x.gp", 5, &res), JH_ENOTFOUND);
}

static const char png_good[] = "\x89PNG\r\n\x1a\n" "\0\0\0\rIHDR....body...."
                               "\0\0\0\0IEND\xae\x42\x60\x82";

static void check_is(const char *name, const char *bytes, size_t n, jh_plot_format fmt,
                     int want, const char *why_want)
{
    const char *why = "unset";
    const char *path = write_file(name, bytes, n);
    assert_int_equal(jh_plot_output_check(path, fmt, &why), want);
    if (why_want)
        assert_string_equal(why, why_want);
    else
        assert_null(why);
}

static void test_check_png(void **state)
{
    (void)state;
    check_is("a.png", png_good, sizeof png_good - 1, JH_PLOT_PNG, JH_OK, NULL);
    check_is("b.png", "garbage\n", 8, JH_PLOT_PNG, JH_EPARSE, "not a PNG file");
    /* Cut short: the signature and a few bytes, no IEND. */
    check_is("c.png", png_good, 20, JH_PLOT_PNG, JH_EPARSE,
             "a PNG file cut short (no IEND chunk at its end)");
    check_is("d.png", "", 0, JH_PLOT_PNG, JH_EPARSE, "an empty file");
    /* A PNG where an SVG was asked for. */
    check_is("e.svg", png_good, sizeof png_good - 1, JH_PLOT_SVG, JH_EPARSE,
             "not an SVG file (its root element is not <svg>)");
    const char *why = NULL;
    assert_int_equal(jh_plot_output_check(in_dir("none.png"), JH_PLOT_PNG, &why), JH_ENOTFOUND);
    assert_string_equal(why, "no file written");
}

static void test_check_svg(void **state)
{
    (void)state;
    /* gnuplot's own start, and one with a BOM, comment and DOCTYPE with an
     * internal subset holding '>'. */
    static const char gp[] = "<?xml version=\"1.0\" encoding=\"utf-8\"  standalone=\"no\"?>\n"
                             "<svg \n width=\"600\">\n<g></g>\n</svg>\n\n";
    static const char doc[] = "\xEF\xBB\xBF<!-- a > b -->\n<!DOCTYPE svg [ <!ENTITY x \">\"> ]>"
                              "<svg>x</svg>";
    check_is("a.svg", gp, sizeof gp - 1, JH_PLOT_SVG, JH_OK, NULL);
    check_is("b.svg", doc, sizeof doc - 1, JH_PLOT_SVG, JH_OK, NULL);
    check_is("c.svg", "<svgx></svgx>", 13, JH_PLOT_SVG, JH_EPARSE,
             "not an SVG file (its root element is not <svg>)");
    check_is("d.svg", "<html><svg></svg></html>", 24, JH_PLOT_SVG, JH_EPARSE,
             "not an SVG file (its root element is not <svg>)");
    check_is("e.svg", gp, 70, JH_PLOT_SVG, JH_EPARSE,
             "an SVG file cut short (no </svg> at its end)");
    check_is("f.svg", "<!-- never closed", 17, JH_PLOT_SVG, JH_EPARSE,
             "not an SVG file (its root element is not <svg>)");
}

static void test_check_pdf(void **state)
{
    (void)state;
    static const char pdf[] = "%PDF-1.5\n1 0 obj\nendobj\nstartxref\n5525\n%%EOF\n";
    check_is("a.pdf", pdf, sizeof pdf - 1, JH_PLOT_PDF, JH_OK, NULL);
    check_is("b.pdf", pdf, 20, JH_PLOT_PDF, JH_EPARSE, "a PDF file cut short (no %%EOF at its end)");
    check_is("c.pdf", "%PS-Adobe\n%%EOF\n", 16, JH_PLOT_PDF, JH_EPARSE, "not a PDF file");
}

static int setup(void **state)
{
    (void)state;
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exit_ok),
        cmocka_unit_test(test_exit_error),
        cmocka_unit_test(test_stderr_tail),
        cmocka_unit_test(test_signal),
        cmocka_unit_test(test_timeout_kills_group),
        cmocka_unit_test(test_child_holding_stderr),
        cmocka_unit_test(test_missing),
        cmocka_unit_test(test_check_png),
        cmocka_unit_test(test_check_svg),
        cmocka_unit_test(test_check_pdf),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
