/* Counties x indicators in one year, each indicator min-max normalised by
 * its direction so that 1 is the best county and 0 the worst:
 *   z = (x - min) / (max - min)   higher is better,
 *   z = (max - x) / (max - min)   lower is better.
 * Indicators without a direction (neutral: populations), provincial ones and
 * those without spread (max == min) are left out.  Counties are grouped by
 * prefecture (catalog order), in data order within one.  Beyond
 * HEATMAP_MAX_ROWS counties (a national file) a row is a prefecture or
 * province, its cell the mean score of its counties with a value.  Data:
 * one line per cell, "row<TAB>column<TAB>line<TAB>z" (NaN where missing),
 * for `with image`. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "junheng/plot.h"
#include "junheng/study.h"

/* Rows of 30 px: JH_PLOT_MAX_ROWS = 150 make a chart of 5,320 px, a long page; 2,943 census
 * counties would be 89,000 px, beyond what cairo draws (32,767). */
#define HEATMAP_MAX_ROWS JH_PLOT_MAX_ROWS

struct heat {
    const jh_study *s;
    size_t year, st, nc;
    size_t *cols;
    double *lo, *hi;
    const char **xl;
};

/* The indicators shown: with a direction, county scope, and spread. */
static void heat_columns(struct heat *h, const char *lang)
{
    const jh_dataset *d = h->s->data;
    for (size_t i = 0; i < d->indicators.n; i++) {
        jh_direction dir = jh_study_direction(h->s, i);
        const jh_indicator *e = jh_study_indicator(h->s, i);
        if (dir == JH_DIRECTION_NEUTRAL || (e && e->scope == JH_SCOPE_PROVINCE))
            continue;
        const double *v = jh_dataset_slice(d, i, h->year, h->st);
        double a = INFINITY, b = -INFINITY;
        for (size_t r = 0; r < d->regions.n; r++)
            if (isfinite(v[r])) {
                a = v[r] < a ? v[r] : a;
                b = v[r] > b ? v[r] : b;
            }
        if (!(b > a))
            continue;
        h->lo[h->nc] = a;
        h->hi[h->nc] = b;
        h->xl[h->nc] = jh_study_indicator_label(h->s, i, lang);
        h->cols[h->nc++] = i;
    }
}

/* Region r's score on column c (NaN where missing). */
static double heat_score(const struct heat *h, size_t c, size_t r)
{
    double x = jh_dataset_slice(h->s->data, h->cols[c], h->year, h->st)[r];
    if (jh_study_direction(h->s, h->cols[c]) == JH_DIRECTION_LOWER)
        return (h->hi[c] - x) / (h->hi[c] - h->lo[c]);
    return (x - h->lo[c]) / (h->hi[c] - h->lo[c]);
}

static void heat_cell(FILE *f, size_t *row, size_t c, size_t line, double z)
{
    if (isfinite(z))
        fprintf(f, "%zu\t%zu\t%zu\t%.6f\n", (*row)++, c + 1, line, z);
    else
        fprintf(f, "%zu\t%zu\t%zu\tNaN\n", (*row)++, c + 1, line);
}

/* One row per group (nrow = groups, the regions without one last): the
 * mean score of its regions with a value, summed in one pass. */
static int heat_group_rows(FILE *f, const struct heat *h, const size_t *group_of,
                           size_t nrow, size_t ng)
{
    size_t n = h->s->data->regions.n, row = 0;
    double *sum = calloc(nrow * h->nc + 1, sizeof *sum);
    size_t *cnt = calloc(nrow * h->nc + 1, sizeof *cnt);
    if (!sum || !cnt) {
        free(sum);
        free(cnt);
        return JH_ENOMEM;
    }
    for (size_t r = 0; r < n; r++) {
        size_t g = group_of[r] == JH_NONE ? ng : group_of[r];
        for (size_t c = 0; c < h->nc; c++) {
            double z = heat_score(h, c, r);
            if (isfinite(z)) {
                sum[g * h->nc + c] += z;
                cnt[g * h->nc + c]++;
            }
        }
    }
    for (size_t g = 0; g < nrow; g++)
        for (size_t c = 0; c < h->nc; c++) {
            size_t k = cnt[g * h->nc + c];
            heat_cell(f, &row, c, nrow - g, k ? sum[g * h->nc + c] / (double)k : NAN);
        }
    free(sum);
    free(cnt);
    return JH_OK;
}

/* Regions by group (catalog order), in data order within one: a counting
 * sort, O(n + groups). */
static void heat_order(const size_t *group_of, size_t n, size_t ng, size_t *order)
{
    size_t *start = calloc(ng + 2, sizeof *start);
    if (!start) { /* data order: the chart is still right, only ungrouped */
        for (size_t r = 0; r < n; r++)
            order[r] = r;
        return;
    }
    for (size_t r = 0; r < n; r++)
        start[(group_of[r] == JH_NONE ? ng : group_of[r]) + 1]++;
    for (size_t g = 0; g <= ng; g++)
        start[g + 1] += start[g];
    for (size_t r = 0; r < n; r++)
        order[start[group_of[r] == JH_NONE ? ng : group_of[r]]++] = r;
    free(start);
}

static void heat_titles(jh_plot_spec *sp, const jh_study *s, int year, int by_group,
                        const char *lang)
{
    int en = strcmp(lang, "en") == 0;
    const jh_plot_level *lv = jh_plot_group_level(s);
    /* The rows are the --by column's groups when one is given. */
    const char *by = s->group_by ? s->group_by : en ? lv->en : lv->zh;
    if (by_group)
        jh_plot_spec_text(sp, "TITLE", en ? "Normalised scores by %s, %d (mean of counties, 1 = best)"
                                          : "按%s的县域平均标准化得分（%d年，1为最好）",
                          by, year);
    else
        jh_plot_spec_text(sp, "TITLE", en ? "Normalised scores by county, %d (1 = best)"
                                          : "各县（市、区）标准化得分（%d年，1为最好）",
                          year);
    jh_plot_spec_text(sp, "XLABEL", "%s", "");
    jh_plot_spec_text(sp, "YLABEL", "%s", "");
    jh_plot_spec_text(sp, "CBLABEL", "%s", en ? "Min-max score" : "极差标准化得分");
}

int jh_plot_heatmap(FILE *f, const jh_study *s, size_t year, const char *lang,
                    jh_plot_spec *sp)
{
    const jh_dataset *d = s->data;
    size_t n = d->regions.n, ni = d->indicators.n;
    struct heat h = {s, year, jh_plot_stratum(s), 0, malloc((ni ? ni : 1) * sizeof(size_t)),
                     malloc((ni ? ni : 1) * sizeof(double)), malloc((ni ? ni : 1) * sizeof(double)),
                     calloc(ni ? ni : 1, sizeof(const char *))};
    size_t *group_of = malloc((n ? n : 1) * sizeof *group_of);
    size_t *order = malloc((n ? n : 1) * sizeof *order);
    const char **yl = calloc(n ? n : 1, sizeof *yl);
    jh_intern names;
    jh_intern_init(&names);
    int rc = h.cols && h.lo && h.hi && h.xl && group_of && order && yl ? JH_OK : JH_ENOMEM;
    size_t ng = 0, nrow = n;
    int by_group = 0;
    if (rc == JH_OK) {
        heat_columns(&h, lang);
        ng = jh_plot_groups(s, group_of, &names);
        rc = h.nc && n ? JH_OK : JH_EEMPTY;
    }
    /* 20 px a column under a 1,200 px plot: more names than that overprint
     * their 24 px font (the bundled data show 40 or so). */
    if (rc == JH_OK && h.nc > JH_PLOT_MAX_COLS)
        rc = JH_PLOT_TOO_MANY_ROWS;
    if (rc == JH_OK && n > HEATMAP_MAX_ROWS) {
        int orphans = 0;
        for (size_t r = 0; r < n; r++)
            orphans |= group_of[r] == JH_NONE;
        nrow = ng + (size_t)orphans;
        by_group = 1;
        /* Too many groups as well: no chart rather than one nobody can read
         * (the caller says so: JH_PLOT_TOO_MANY_ROWS). */
        rc = ng && nrow <= HEATMAP_MAX_ROWS ? JH_OK : JH_PLOT_TOO_MANY_ROWS;
    }
    if (rc == JH_OK && by_group)
        rc = heat_group_rows(f, &h, group_of, nrow, ng);
    if (rc == JH_OK && by_group) {
        for (size_t g = 0; g < nrow; g++)
            yl[g] = g < ng ? jh_plot_group_label(s, group_of, &names, g, lang)
                           : (strcmp(lang, "en") == 0 ? "(none)" : "（未归属）");
    } else if (rc == JH_OK) {
        heat_order(group_of, n, ng, order);
        size_t row = 0;
        for (size_t k = 0; k < n; k++) {
            yl[k] = jh_study_region_label(s, order[k], lang);
            for (size_t c = 0; c < h.nc; c++)
                heat_cell(f, &row, c, n - k, heat_score(&h, c, order[k]));
        }
    }
    if (rc == JH_OK) {
        heat_titles(sp, s, d->years[year], by_group, lang);
        jh_plot_spec_number(sp, "NCOLS", (double)h.nc);
        jh_plot_spec_number(sp, "NROWS", (double)nrow);
        /* Names cut to the margins in the 24 px font: 600 px under the
         * plot (25 ems), 360 px beside it (15 ems). */
        jh_plot_spec_tics(sp, "XLABS", h.nc, h.xl, 25);
        /* Top row first in the data, so YLABS[k] sits at y = NROWS - k + 1. */
        jh_plot_spec_tics(sp, "YLABS", nrow, yl, 15);
        sp->height = 820 + 30 * (int)nrow;
        jh_plot_spec_number(sp, "HEIGHT", sp->height);
    }
    jh_intern_clear(&names);
    free(h.cols); free(h.lo); free(h.hi); free(h.xl); free(group_of); free(order); free(yl);
    return rc;
}
