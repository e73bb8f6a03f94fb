/* The serial side of ingest: what the slabs remember of where a value came
 * from (a 32-bit position per cell, counted across files), and the
 * reader's cache of the previous row's region, stratum and indicator.
 * Each case reads small files through jh_dataset_read and checks the exact
 * messages and the values in the cube. */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "data/builder_internal.h"
#include "data/slabs.h"
#include "junheng/diag.h"

/* A temporary file holding text; its path in path (freed by unlink). */
static void write_file(char *path, const char *text)
{
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* Message k's text after the file name (the temporary paths differ). */
static const char *after_path(const jh_diag *d, size_t k, const char *path)
{
    assert_true(k < d->n);
    const char *t = d->items[k].text;
    const char *at = strstr(t, path);
    assert_non_null(at);
    return at + strlen(path);
}

/* Three files; the second has only a header (no observation), the
 * duplicate in the third names line 3 of the first.  Positions: file 0
 * starts at 0, its lines 2..4 give 3..5; file 1 gives none and file 2
 * starts at 6 with file 1, so that position 6 + 2 + 1 = 9 is file 2's
 * line 2, and the first observation, position 4, file 0's line 3. */
static void test_duplicate_across_files(void **state)
{
    (void)state;
    char p0[] = "/tmp/jh_ingest_a_XXXXXX", p1[] = "/tmp/jh_ingest_b_XXXXXX",
         p2[] = "/tmp/jh_ingest_c_XXXXXX";
    write_file(p0, "region_code,year,indicator,value\na,2020,x,1\nb,2020,x,2\nc,2020,x,3\n");
    write_file(p1, "region_code,year,indicator,value\n");
    write_file(p2, "region_code,year,indicator,value\nb,2020,x,5\n");
    char *paths[] = {p0, p1, p2};
    jh_read_opts ro = {0};
    jh_diag diag;
    jh_diag_init(&diag, 0);
    jh_dataset *d = NULL;
    int rc = jh_dataset_read(paths, 3, &ro, &diag, &d);
    assert_int_equal(rc, JH_EPARSE);
    assert_null(d);
    assert_int_equal(diag.n_errors, 1);
    char want[512];
    snprintf(want, sizeof want, ":2:1: duplicate observation for region 'b', year 2020, "
             "indicator 'x', stratum total (first at %s:3)", p0);
    assert_string_equal(after_path(&diag, 0, p2), want);
    jh_diag_clear(&diag);
    unlink(p0);
    unlink(p1);
    unlink(p2);
}

/* The mean of duplicates, with a chunk 0 that grows by reallocation while
 * it holds counts and positions (regions a..e appear one by one, each
 * growing the slab of x), and a second duplicate after the growth:
 * a = (1 + 3 + 8) / 3 = 4, b = 2, e = (5 + 7) / 2 = 6, c and d missing
 * in 2021 (not observed: NaN). */
static void test_mean_after_growth(void **state)
{
    (void)state;
    char p[] = "/tmp/jh_ingest_m_XXXXXX";
    write_file(p, "region_code,year,indicator,value\n"
                  "a,2020,x,1\nb,2020,x,2\na,2020,x,3\nc,2020,x,9\nd,2020,x,9\n"
                  "e,2020,x,5\ne,2020,x,7\na,2020,x,8\na,2021,x,4\n");
    char *paths[] = {p};
    jh_read_opts ro = {.on_duplicate = JH_DUP_MEAN};
    jh_diag diag;
    jh_diag_init(&diag, 0);
    jh_dataset *d = NULL;
    assert_int_equal(jh_dataset_read(paths, 1, &ro, &diag, &d), JH_OK);
    assert_non_null(d);
    assert_int_equal(d->regions.n, 5);
    assert_int_equal(d->n_years, 2);
    const double *y2020 = jh_dataset_slice(d, 0, 0, 0), *y2021 = jh_dataset_slice(d, 0, 1, 0);
    assert_true(y2020[0] == 4.0 && y2020[1] == 2.0 && y2020[2] == 9.0 && y2020[4] == 6.0);
    assert_true(y2021[0] == 4.0 && isnan(y2021[1]) && isnan(y2021[2]) && isnan(y2021[4]));
    assert_int_equal(d->n_duplicates, 3);
    jh_dataset_free(d);
    jh_diag_clear(&diag);
    unlink(p);
}

/* A region with another group on the next row, and one that comes back
 * after another with another group: the key cache must not hide the
 * conflicts, nor the row of units, nor a region
 * whose code is a marker of missing between rows of the same text.  The
 * indicators change order (y before x in b), so the guess of the next
 * indicator is wrong once; the stratum changes within a region. */
static void test_cache_across_regions(void **state)
{
    (void)state;
    char p[] = "/tmp/jh_ingest_k_XXXXXX";
    write_file(p, "region_code,year,indicator,stratum,value,group\n"
                  "Unit,,,,,\n"                 /* 2: units, left out */
                  "a,2020,x,total,1,g1\n"       /* 3 */
                  "a,2020,y,total,2,g1\n"       /* 4 */
                  "a,2020,x,urban,3,g1\n"       /* 5: stratum changes */
                  "b,2020,y,total,4,g2\n"       /* 6: indicators in another order */
                  "b,2020,x,total,5,g5\n"       /* 7: b, another group */
                  "NA,2020,x,total,6,g2\n"      /* 8: no code, left out */
                  "NA,2020,y,total,7,g2\n"      /* 9: the same text: left out too */
                  "a,2021,x,total,8,g3\n"       /* 10: a again, another group */
                  "a,2021,y,total,9,g3\n");     /* 11: the same text: said once */
    char *paths[] = {p};
    jh_read_opts ro = {.lenient = 1};
    jh_diag diag;
    jh_diag_init(&diag, 0);
    jh_dataset *d = NULL;
    assert_int_equal(jh_dataset_read(paths, 1, &ro, &diag, &d), JH_OK);
    assert_non_null(d);
    assert_int_equal(diag.n_errors, 0);
    assert_int_equal(diag.n, 4);
    assert_string_equal(after_path(&diag, 0, p), ":2: a row of units (Unit: ), left out");
    char want[512];
    snprintf(want, sizeof want, ":7:6: region 'b' has group 'g5' here but 'g2' at %s:6 "
             "(the first is kept)", p);
    assert_string_equal(after_path(&diag, 1, p), want);
    snprintf(want, sizeof want, ":10:6: region 'a' has group 'g3' here but 'g1' at %s:3 "
             "(the first is kept)", p);
    assert_string_equal(after_path(&diag, 2, p), want);
    assert_non_null(strstr(diag.items[3].text, "left out 2 rows whose region code is a marker "
                                               "of missing such as NA (lines 8, 9)"));
    assert_int_equal(d->regions.n, 2);
    assert_int_equal(d->indicators.n, 2);
    assert_string_equal(d->indicators.str[0], "x");
    assert_string_equal(d->indicators.str[1], "y");
    assert_string_equal(d->region_group[0], "g1");
    assert_string_equal(d->region_group[1], "g2");
    size_t tot = jh_dataset_stratum_pos(d, JH_STRATUM_TOTAL),
           urb = jh_dataset_stratum_pos(d, JH_STRATUM_URBAN);
    /* [indicator][year][stratum][region]: a is region 0, b region 1. */
    assert_true(jh_dataset_slice(d, 0, 0, tot)[0] == 1.0);
    assert_true(jh_dataset_slice(d, 1, 0, tot)[0] == 2.0);
    assert_true(jh_dataset_slice(d, 0, 0, urb)[0] == 3.0);
    assert_true(isnan(jh_dataset_slice(d, 0, 0, urb)[1]));
    assert_true(jh_dataset_slice(d, 1, 0, tot)[1] == 4.0);
    assert_true(jh_dataset_slice(d, 0, 0, tot)[1] == 5.0);
    assert_true(jh_dataset_slice(d, 0, 1, tot)[0] == 8.0);
    assert_true(jh_dataset_slice(d, 1, 1, tot)[0] == 9.0);
    assert_int_equal(d->region_line[0], 3);
    assert_int_equal(d->region_line[1], 6);
    jh_dataset_free(d);
    jh_diag_clear(&diag);
    unlink(p);
}

/* Value of region r, indicator i, year slot y in the cube test: exact in
 * binary (a multiple of 1/4 below 2^20). */
static double cube_value(size_t r, size_t i, size_t y)
{
    return (double)(r * 1000 + i * 10 + y) + 0.25;
}

/* 300 regions (chunks of 128: two whole, one of 44), two indicators, two
 * years, read region by region for indicator a and only for regions 200
 * and up, in reverse, for indicator b: the cube is filled arena by arena,
 * and what no arena holds (b's chunks 0 and 1: never observed; a short
 * chunk 0) is NaN or copied.  Region r is the r-th code seen, so its
 * place in the cube is r for a; b's regions were all seen before. */
static void test_cube_from_arenas(void **state)
{
    (void)state;
    char p[] = "/tmp/jh_ingest_q_XXXXXX";
    int fd = mkstemp(p);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    fputs("region_code,year,indicator,value\n", f);
    for (size_t r = 0; r < 300; r++)
        for (size_t y = 0; y < 2; y++)
            fprintf(f, "r%03zu,%zu,a,%.2f\n", r, 2020 + y, cube_value(r, 0, y));
    for (size_t r = 300; r-- > 200;)
        fprintf(f, "r%03zu,2021,b,%.2f\n", r, cube_value(r, 1, 1));
    fclose(f);
    char *paths[] = {p};
    jh_read_opts ro = {0};
    jh_diag diag;
    jh_diag_init(&diag, 0);
    jh_dataset *d = NULL;
    assert_int_equal(jh_dataset_read(paths, 1, &ro, &diag, &d), JH_OK);
    assert_non_null(d);
    assert_int_equal(d->regions.n, 300);
    for (size_t i = 0; i < 2; i++)
        for (size_t y = 0; y < 2; y++) {
            const double *v = jh_dataset_slice(d, i, y, 0);
            for (size_t r = 0; r < 300; r++) {
                if (i == 0 || (y == 1 && r >= 200))
                    assert_true(v[r] == cube_value(r, i, y));
                else
                    assert_true(isnan(v[r]));
            }
        }
    jh_dataset_free(d);
    jh_diag_clear(&diag);
    unlink(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_duplicate_across_files),
        cmocka_unit_test(test_mean_after_growth),
        cmocka_unit_test(test_cache_across_regions),
        cmocka_unit_test(test_cube_from_arenas),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
