/* The distribution chart rings the values above the outlier threshold it
 * is given (jh_plot_distribution's outlier_z; 0: validate's 3.5), so that
 * the run's validate threshold and the chart's agree.
 *
 * Six counties, one indicator, one year: x = 1, 2, 3, 4, 5, 20.
 * median = (3 + 4) / 2 = 3.5; |x - 3.5| = 2.5, 1.5, 0.5, 0.5, 1.5, 16.5,
 * sorted 0.5 0.5 1.5 1.5 2.5 16.5, so MAD = (1.5 + 1.5) / 2 = 1.5 and the
 * scale 1.4826 * 1.5 = 2.2239.  Robust z: 20 -> 16.5 / 2.2239 = 7.42,
 * 1 -> 2.5 / 2.2239 = 1.124, 2 and 5 -> 0.674, 3 and 4 -> 0.225.
 * Threshold 3.5 (0): one ring (20); 1.0: two (20 and 1); 10: none. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "junheng/dataset.h"
#include "junheng/diag.h"
#include "junheng/plot.h"
#include "junheng/study.h"
#include "test_study.h"

static jh_study *ST;

static int setup(void **state)
{
    (void)state;
    static const double x[] = {1, 2, 3, 4, 5, 20};
    char csv[256] = "region_code,year,indicator,value\n";
    for (size_t k = 0; k < 6; k++)
        snprintf(csv + strlen(csv), sizeof csv - strlen(csv), "22010%zu,2020,beds,%g\n", k + 1,
                 x[k]);
    ST = test_study_text(csv);
    return ST ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    jh_study_free(ST);
    return 0;
}

/* The chart's NOUTLIERS and OUTLIERNOTE (en) for threshold z. */
static double rings(double z, char *note, size_t cap)
{
    jh_plot_spec sp;
    FILE *f = tmpfile();
    double n = -1;
    jh_plot_spec_init(&sp);
    assert_non_null(f);
    assert_int_equal(jh_plot_distribution(f, ST, 0, 0, z, "en", &sp), JH_OK);
    for (size_t i = 0; i < sp.n_vars; i++) {
        if (!strcmp(sp.vars[i].name, "NOUTLIERS"))
            n = sp.vars[i].number;
        if (!strcmp(sp.vars[i].name, "OUTLIERNOTE"))
            snprintf(note, cap, "%s", sp.vars[i].text);
    }
    jh_plot_spec_clear(&sp);
    fclose(f);
    return n;
}

static void test_threshold(void **state)
{
    char note[200] = "";
    (void)state;
    assert_true(rings(0, note, sizeof note) == 1);
    assert_string_equal(note, "○ outlier flagged by validate (robust z > 3.5)");
    assert_true(rings(3.5, note, sizeof note) == 1);
    assert_true(rings(1.0, note, sizeof note) == 2);
    assert_string_equal(note, "○ outliers flagged by validate (robust z > 1)");
    assert_true(rings(10, note, sizeof note) == 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_threshold),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
