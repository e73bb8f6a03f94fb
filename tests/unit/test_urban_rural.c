/* Unit tests for the disparity analyses over a study: urban-rural
 * comparisons (urban_rural.h) and decompositions (decompose_analysis.h),
 * on the bundled Jilin panel (datasets/jilin, synthetic values).
 *
 * Expectations are independent computations in this file, not the
 * program's output: county ratios and gaps from the dataset cube, province
 * means summed here, decomposition totals from jh_theil_t/jh_gini of the
 * slice gathered here; identities (within + between = total to 1e-12, the
 * group and pair rows add up to their part); invariance under relabelling
 * the groups (prefecture names vs prefecture codes); fixed seed -> fixed
 * intervals; every county with a single stratum reported. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_errno.h>

#include "junheng/decompose_analysis.h"
#include "junheng/indices.h"
#include "junheng/study.h"
#include "test_study.h"
#include "junheng/urban_rural.h"

static jh_study *ST;

static void check_close(double got, double expected, double tol, const char *what,
                        const char *file, int line)
{
    int ok = isnan(expected) ? isnan(got)
             : fabs(got - expected) <= tol * (fabs(expected) > 1 ? fabs(expected) : 1);
    if (!ok) {
        print_error("%s = %.17g, expected %.17g\n", what, got, expected);
        _fail(file, line);
    }
}
#define assert_close(got, expected) \
    check_close((got), (expected), 1e-12, #got, __FILE__, __LINE__)

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

static size_t find_ind(const char *code)
{
    size_t k = jh_intern_find(&ST->data->indicators, code);
    assert_true(k != (size_t)-1);
    return k;
}

static size_t find_year(int year)
{
    for (size_t y = 0; y < ST->data->n_years; y++)
        if (ST->data->years[y] == year)
            return y;
    fail();
    return 0;
}

static size_t stratum_pos(jh_stratum s)
{
    for (size_t k = 0; k < ST->data->n_strata; k++)
        if (ST->data->strata[k] == s)
            return k;
    fail();
    return 0;
}

/* ---- urban-rural ---------------------------------------------------------- */

/* County rows: ratio and gap from the cube, oriented by direction; rows
 * with one stratum carry a note and are counted in left_out; the province
 * means are the population-weighted means over counties with both. */
static void test_ur_counties_and_province(void **state)
{
    (void)state;
    const char *codes[] = {"doctors_per_1000", "infant_mortality"};
    for (int k = 0; k < 2; k++) {
        jh_urban_rural_opts o = {.indicator = codes[k], .year = 2020, .use_weights = 1,
                        .by = "prefecture", .ci = 0.95};
        jh_diag diag;
        jh_urban_rural_table *t = NULL;
        jh_diag_init(&diag, 20);
        assert_int_equal(jh_urban_rural_run(ST, &o, &diag, &t), JH_OK);
        size_t ind = find_ind(codes[k]), y = find_year(2020);
        size_t su = stratum_pos(JH_STRATUM_URBAN), sr = stratum_pos(JH_STRATUM_RURAL);
        const double *u = jh_dataset_slice(ST->data, ind, y, su);
        const double *r = jh_dataset_slice(ST->data, ind, y, sr);
        const double *wu = jh_study_weights(ST, ind, y, su), *wr = jh_study_weights(ST, ind, y, sr);
        int reversed = jh_study_direction(ST, ind) == JH_DIRECTION_LOWER;
        assert_int_equal(reversed, k == 1); /* infant mortality: lower is better */
        long double su_ = 0, swu = 0, sr_ = 0, swr = 0;
        size_t single = 0, both = 0, rows = 0;
        for (size_t i = 0; i < t->n_county; i++) {
            const jh_ur_county *c = &t->county[i];
            size_t g = c->region;
            rows++;
            if (isnan(u[g]) || isnan(r[g])) {
                single++;
                assert_true(isnan(c->ratio) && isnan(c->gap));
                assert_true(strcmp(c->note, isnan(u[g]) ? "no urban value" : "no rural value") == 0);
                continue;
            }
            both++;
            double num = reversed ? r[g] : u[g], den = reversed ? u[g] : r[g];
            assert_close(c->ratio, num / den);
            assert_close(c->gap, num - den);
            su_ += (long double)wu[g] * u[g];
            swu += wu[g];
            sr_ += (long double)wr[g] * r[g];
            swr += wr[g];
        }
        /* Every county with either stratum has a row. */
        size_t present = 0;
        for (size_t g = 0; g < ST->data->regions.n; g++)
            present += !isnan(u[g]) || !isnan(r[g]);
        assert_int_equal(rows, present);
        /* The province row comes first. */
        const jh_ur_area *p = &t->area[0];
        assert_true(p->area == JH_NONE);
        assert_int_equal(p->n, both);
        assert_int_equal(p->n_left_out, single);
        double um = (double)(su_ / swu), rm = (double)(sr_ / swr);
        assert_close(p->urban_mean, um);
        assert_close(p->rural_mean, rm);
        assert_close(p->ratio, reversed ? rm / um : um / rm);
        /* Prefecture rows: as many as prefectures, their n adding up. */
        size_t sum_n = 0, sum_left = 0;
        for (size_t i = 1; i < t->n_area; i++) {
            sum_n += t->area[i].n;
            sum_left += t->area[i].n_left_out;
        }
        assert_int_equal(t->n_area, 1 + t->areas.n);
        assert_int_equal(sum_n, both);
        assert_int_equal(sum_left, single);
        /* A single stratum is announced (doctors_per_1000 lacks one in the
         * Jilin panel; the warning count follows it). */
        assert_int_equal(diag.n_warnings, single ? 1 : 0);
        jh_urban_rural_table_free(t);
        jh_diag_clear(&diag);
    }
}

/* Bootstrap of the area ratio: same seed, same interval; another seed,
 * another; the interval holds the estimate. */
static void test_ur_bootstrap(void **state)
{
    (void)state;
    double lo[3], hi[3];
    for (int run = 0; run < 3; run++) {
        jh_urban_rural_opts o = {.indicator = "disposable_income", .year = 2019, .use_weights = 1,
                        .bootstrap = 299, .ci = 0.9, .seed = run == 2 ? 99 : 5};
        jh_diag diag;
        jh_urban_rural_table *t = NULL;
        jh_diag_init(&diag, 20);
        assert_int_equal(jh_urban_rural_run(ST, &o, &diag, &t), JH_OK);
        assert_int_equal(t->n_area, 1);
        lo[run] = t->area[0].ratio_low;
        hi[run] = t->area[0].ratio_high;
        assert_true(lo[run] < t->area[0].ratio && t->area[0].ratio < hi[run]);
        assert_true(t->area[0].ratio_se > 0);
        jh_urban_rural_table_free(t);
        jh_diag_clear(&diag);
    }
    assert_true(lo[0] == lo[1] && hi[0] == hi[1]);
    assert_true(lo[0] != lo[2] || hi[0] != hi[2]);
}

/* ---- decompositions ------------------------------------------------------- */

static const jh_decompose_row *find_row(const jh_decompose_table *t, size_t from,
                                        jh_dcomponent comp)
{
    for (size_t i = from; i < t->n_rows; i++)
        if (t->row[i].component == comp)
            return &t->row[i];
    return NULL;
}

/* Every Theil T and Dagum run of every total slice: parts add up to the
 * total to 1e-12, group and pair rows add up to their part, and the total
 * equals the index of the slice gathered here. */
static void test_decompose_identities(void **state)
{
    (void)state;
    jh_decompose_opts o = {.by = "prefecture", .use_weights = 1, .stratum = JH_STRATUM_TOTAL,
                           .methods = 1u << JH_DM_THEIL_T | 1u << JH_DM_GINI, .ci = 0.95};
    jh_diag diag;
    jh_decompose_table *t = NULL;
    jh_workspace *ws = jh_workspace_alloc(ST->data->regions.n);
    double *x = malloc(ST->data->regions.n * sizeof *x);
    double *w = malloc(ST->data->regions.n * sizeof *w);
    jh_diag_init(&diag, 20);
    assert_int_equal(jh_decompose_run(ST, &o, &diag, &t), JH_OK);
    size_t runs = 0;
    for (size_t i = 0; i < t->n_rows; i++) {
        const jh_decompose_row *tot = &t->row[i];
        if (tot->component != JH_DC_TOTAL || isnan(tot->value))
            continue;
        runs++;
        /* The slice, gathered independently. */
        const double *v = jh_dataset_slice(ST->data, tot->indicator, tot->year, tot->stratum);
        const double *wt = jh_study_weights(ST, tot->indicator, tot->year, tot->stratum);
        size_t n = 0;
        for (size_t g = 0; g < ST->data->regions.n; g++)
            if (!isnan(v[g])) {
                x[n] = v[g];
                w[n++] = wt ? wt[g] : 1;
            }
        double direct;
        if (tot->method == JH_DM_THEIL_T)
            assert_int_equal(jh_theil_t(x, tot->weighted ? w : NULL, n, &direct), JH_OK);
        else
            assert_int_equal(jh_gini(x, tot->weighted ? w : NULL, n, 0, ws, &direct), JH_OK);
        assert_close(tot->value, direct);
        const jh_decompose_row *within = find_row(t, i, JH_DC_WITHIN);
        const jh_decompose_row *between = find_row(t, i, JH_DC_BETWEEN);
        assert_close(within->value + between->value, tot->value);
        long double groups = 0, pairs = 0;
        for (size_t j = i + 1; j < t->n_rows && t->row[j].component != JH_DC_TOTAL; j++) {
            if (t->row[j].component == JH_DC_WITHIN_GROUP)
                groups += t->row[j].value;
            if (t->row[j].component == JH_DC_PAIR)
                pairs += t->row[j].value;
        }
        assert_close((double)groups, within->value);
        if (tot->method == JH_DM_GINI) {
            const jh_decompose_row *nb = find_row(t, i, JH_DC_NET_BETWEEN);
            const jh_decompose_row *tv = find_row(t, i, JH_DC_TRANSVARIATION);
            assert_close(within->value + nb->value + tv->value, tot->value);
            assert_close((double)pairs, between->value);
        }
    }
    assert_true(runs > 100); /* ~40 indicators x 6 years x 2 methods x 2 weightings */
    jh_decompose_table_free(t);
    jh_diag_clear(&diag);
    jh_workspace_free(ws);
    free(x);
    free(w);
}

/* Grouping by prefecture names or by prefecture codes is the same
 * partition: every value is the same (the group rows come in another
 * order, since groups are sorted by label). */
static void test_decompose_relabel(void **state)
{
    (void)state;
    jh_decompose_table *t[2];
    const char *by[2] = {"prefecture", "prefecture_code"};
    for (int k = 0; k < 2; k++) {
        jh_decompose_opts o = {.by = by[k], .use_weights = 1, .indicator = "beds_per_1000",
                               .methods = 1u << JH_DM_THEIL_L | 1u << JH_DM_GINI, .ci = 0.95};
        jh_diag diag;
        jh_diag_init(&diag, 20);
        assert_int_equal(jh_decompose_run(ST, &o, &diag, &t[k]), JH_OK);
        jh_diag_clear(&diag);
    }
    assert_int_equal(t[0]->n_rows, t[1]->n_rows);
    for (size_t i = 0; i < t[0]->n_rows; i++) {
        const jh_decompose_row *a = &t[0]->row[i], *b = &t[1]->row[i];
        assert_int_equal(a->component, b->component);
        if (a->group == JH_NONE)
            assert_close(a->value, b->value);
    }
    jh_decompose_table_free(t[0]);
    jh_decompose_table_free(t[1]);
}

/* Bitwise equal, or both NaN. */
static int same(double a, double b)
{
    return (isnan(a) && isnan(b)) || memcmp(&a, &b, sizeof a) == 0;
}

/* Bootstrap and permutations: the same seed gives the same numbers; the
 * interval holds the estimate of the total; p-values lie in (0, 1]. */
static void test_decompose_resampling(void **state)
{
    (void)state;
    jh_decompose_table *t[2];
    for (int k = 0; k < 2; k++) {
        jh_decompose_opts o = {.by = "class", .use_weights = 1, .indicator = "doctors_per_1000",
                               .year = 2020, .stratum = JH_STRATUM_TOTAL,
                               .methods = 1u << JH_DM_THEIL_T | 1u << JH_DM_GINI,
                               .bootstrap = 199, .ci = 0.95, .permutations = 99,
                               .within = "prefecture", .seed = 3};
        jh_diag diag;
        jh_diag_init(&diag, 20);
        assert_int_equal(jh_decompose_run(ST, &o, &diag, &t[k]), JH_OK);
        jh_diag_clear(&diag);
    }
    assert_int_equal(t[0]->n_rows, t[1]->n_rows);
    for (size_t i = 0; i < t[0]->n_rows; i++) {
        const jh_decompose_row *a = &t[0]->row[i], *b = &t[1]->row[i];
        assert_true(same(a->value, b->value) && same(a->ci_low, b->ci_low) &&
                    same(a->ci_high, b->ci_high) && same(a->se, b->se) &&
                    same(a->p_value, b->p_value));
    }
    size_t tested = 0;
    for (size_t i = 0; i < t[0]->n_rows; i++) {
        const jh_decompose_row *r = &t[0]->row[i];
        if (r->component == JH_DC_TOTAL)
            assert_true(r->ci_low < r->value && r->value < r->ci_high && r->se > 0);
        if (!isnan(r->p_value)) {
            tested++;
            assert_true(r->p_value >= 1.0 / 100 && r->p_value <= 1);
            /* On the between row for GE, on net_between for Dagum. */
            assert_int_equal(r->component,
                             r->method == JH_DM_GINI ? JH_DC_NET_BETWEEN : JH_DC_BETWEEN);
        }
    }
    assert_int_equal(tested, 4); /* 2 methods x (unweighted, weighted) */
    jh_decompose_table_free(t[0]);
    jh_decompose_table_free(t[1]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ur_counties_and_province),
        cmocka_unit_test(test_ur_bootstrap),
        cmocka_unit_test(test_decompose_identities),
        cmocka_unit_test(test_decompose_relabel),
        cmocka_unit_test(test_decompose_resampling),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
