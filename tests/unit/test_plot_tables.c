/* Unit tests: the chart kinds draw the result tables they are given
 * (jh_plot_tables, plot.h) and compute nothing of their own.  The tables
 * here are made by hand with numbers no analysis of the bundled Jilin
 * panel gives (its Theil T of pre-school enrolment is 0.006, not 0.5), so
 * a chart that recomputed would show. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_errno.h>

#include "junheng/analysis.h"
#include "junheng/decompose_analysis.h"
#include "junheng/plot.h"
#include "junheng/study.h"
#include "test_study.h"

static jh_study *ST;

static int setup(void **state)
{
    (void)state;
    gsl_set_error_handler_off();
    ST = test_study_jilin(1);
    return ST ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    jh_study_free(ST);
    return 0;
}

static size_t indicator(const char *code)
{
    size_t i = jh_intern_find(&ST->data->indicators, code);
    assert_int_not_equal(i, (size_t)-1);
    return i;
}

/* What a chart wrote to f, from the start. */
static char *contents(FILE *f)
{
    long n = ftell(f);
    assert_true(n >= 0);
    char *buf = calloc((size_t)n + 1, 1);
    assert_non_null(buf);
    rewind(f);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    return buf;
}

/* The first item of array name of sp, or NULL. */
static const char *first_item(const jh_plot_spec *sp, const char *name)
{
    for (size_t k = 0; k < sp->n_arrays; k++)
        if (!strcmp(sp->arrays[k].name, name))
            return sp->arrays[k].n ? sp->arrays[k].items[0] : NULL;
    return NULL;
}

/* A Theil T row of the decomposition table. */
static jh_decompose_row dec_row(size_t ind, size_t year, size_t st, jh_dcomponent c,
                                double value, double share)
{
    jh_decompose_row r;
    memset(&r, 0, sizeof r);
    r.indicator = ind;
    r.year = year;
    r.stratum = st;
    r.method = JH_DM_THEIL_T;
    r.weighted = 1;
    r.component = c;
    r.group = JH_NONE;
    r.group2 = JH_NONE;
    r.value = value;
    r.share = share;
    return r;
}

/* One bar, the numbers of the table's rows of the year and the plot
 * stratum: between 0.25, within 0.75, T 0.5, weighted; the rows of
 * another stratum (between 0.9) are not the chart's. */
static void decomposition_draws_its_table(void **state)
{
    (void)state;
    size_t ind = indicator("preschool_gross_enrolment"), y = ST->data->n_years - 1;
    size_t st = jh_plot_stratum(ST), other = st + 1 < ST->data->n_strata ? st + 1 : st - 1;
    jh_decompose_row rows[] = {
        dec_row(ind, y, st, JH_DC_TOTAL, 0.5, 1),
        dec_row(ind, y, st, JH_DC_BETWEEN, 0.125, 0.25),
        dec_row(ind, y, st, JH_DC_WITHIN, 0.375, 0.75),
        dec_row(ind, y, other, JH_DC_TOTAL, 0.5, 1),
        dec_row(ind, y, other, JH_DC_BETWEEN, 0.45, 0.9),
        dec_row(ind, y, other, JH_DC_WITHIN, 0.05, 0.1),
    };
    jh_decompose_table dec;
    memset(&dec, 0, sizeof dec);
    dec.row = rows;
    dec.n_rows = sizeof rows / sizeof rows[0];
    jh_plot_tables t = {.dec = &dec};
    jh_plot_spec sp;
    jh_plot_spec_init(&sp);
    FILE *f = tmpfile();
    assert_non_null(f);
    assert_int_equal(jh_plot_decomposition(f, ST, &t, y, "en", &sp), JH_OK);
    char *got = contents(f);
    /* row 0, y = 1 of 1 bar, between, within, T, weighted, then the label */
    assert_true(!strncmp(got, "0\t1\t0.25\t0.75\t0.5\t1\t\"", 20));
    assert_non_null(strstr(got, "(T = 0.5"));
    size_t lines = 0;
    for (const char *c = got; *c; c++)
        lines += *c == '\n';
    assert_int_equal(lines, 1); /* the other stratum's bar is not drawn */
    free(got);
    fclose(f);
    jh_plot_spec_clear(&sp);
}

/* Gini of one indicator 0.1, 0.2, ... 0.6 over the six years (indices
 * table, plot stratum): the trend chart's points are these and its OLS
 * line has slope 0.1 a year (the points lie on it). */
static void trend_draws_the_indices_table(void **state)
{
    (void)state;
    const jh_dataset *d = ST->data;
    size_t ind = indicator("preschool_gross_enrolment"), st = jh_plot_stratum(ST);
    assert_int_equal(d->n_years, 6);
    jh_slice_indices ix[6];
    memset(ix, 0, sizeof ix);
    for (size_t y = 0; y < 6; y++) {
        ix[y].indicator = ind;
        ix[y].year = y;
        ix[y].stratum = st;
        ix[y].group = JH_NONE;
        for (int k = 0; k < JH_IX_COUNT; k++)
            ix[y].plain.status[k] = ix[y].weighted.status[k] = JH_EINVAL;
        ix[y].plain.status[JH_IX_GINI] = JH_OK;
        ix[y].plain.value[JH_IX_GINI] = 0.1 * (double)(y + 1);
    }
    jh_plot_tables t = {.ix = ix, .n_ix = 6};
    jh_plot_spec sp;
    jh_plot_spec_init(&sp);
    FILE *f = tmpfile();
    assert_non_null(f);
    assert_int_equal(jh_plot_trend(f, ST, &t, &ind, 1, JH_IX_GINI, 0, "en", &sp), JH_OK);
    char *got = contents(f);
    assert_true(!strncmp(got, "0\t2015\t0.1\n1\t2016\t0.2\n2\t2017\t0.3\n3\t2018\t0.4\n"
                              "4\t2019\t0.5\n5\t2020\t0.6\n", 66));
    const char *key = first_item(&sp, "KEYS");
    assert_non_null(key);
    assert_non_null(strstr(key, "(trend +0.1/yr)"));
    /* The weighted twin is not in the table: nothing to draw. */
    rewind(f);
    jh_plot_spec_clear(&sp);
    jh_plot_spec_init(&sp);
    assert_int_equal(jh_plot_trend(f, ST, &t, &ind, 1, JH_IX_GINI, 1, "en", &sp), JH_EEMPTY);
    free(got);
    fclose(f);
    jh_plot_spec_clear(&sp);
}

/* Without its table a chart has nothing to draw: it computes none. */
static void no_table_nothing_drawn(void **state)
{
    (void)state;
    jh_plot_tables none;
    memset(&none, 0, sizeof none);
    size_t ind = indicator("beds_per_1000"), y = ST->data->n_years - 1;
    size_t years[2] = {0, y};
    FILE *f = tmpfile();
    assert_non_null(f);
    jh_plot_spec sp;
    jh_plot_spec_init(&sp);
    assert_int_equal(jh_plot_decomposition(f, ST, &none, y, "zh", &sp), JH_EEMPTY);
    assert_int_equal(jh_plot_county_ranking(f, ST, &none, y, "zh", NULL, &sp), JH_EEMPTY);
    assert_int_equal(jh_plot_targets(f, ST, &none, y, "zh", &sp), JH_EEMPTY);
    assert_int_equal(jh_plot_urban_rural(f, ST, &none, ind, y, "zh", &sp), JH_EEMPTY);
    assert_int_equal(jh_plot_ranking(f, ST, &none, y, JH_IX_GINI, 0, "zh", &sp), JH_EEMPTY);
    assert_int_equal(jh_plot_lorenz(f, ST, &none, ind, years, 2, "zh", &sp), JH_EEMPTY);
    assert_int_equal(jh_plot_density(f, ST, &none, ind, years, 2, "zh", &sp), JH_EEMPTY);
    assert_int_equal(jh_plot_decomposition(f, ST, NULL, y, "zh", &sp), JH_EEMPTY);
    fclose(f);
    jh_plot_spec_clear(&sp);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(decomposition_draws_its_table),
        cmocka_unit_test(trend_draws_the_indices_table),
        cmocka_unit_test(no_table_nothing_drawn),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
