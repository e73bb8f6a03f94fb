/* Counties x indicators in one year, each indicator min-max normalised by
 * its direction so that 1 is the best county and 0 the worst:
 *   z = (x - min) / (max - min)   higher is better,
 *   z = (max - x) / (max - min)   lower is better.
 * Indicators without a direction (neutral: populations), provincial ones and
 * those without spread (max == min) are left out.  Counties are grouped by
 * prefecture (catalog order), in data order within one.  Data: one line per
 * cell, "row<TAB>column<TAB>line<TAB>z" (NaN where missing), for `with image`. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "junheng/plot.h"
#include "junheng/study.h"

int jh_plot_heatmap(FILE *f, const jh_study *s, size_t year, const char *lang,
                    jh_plot_spec *sp)
{
    const jh_dataset *d = s->data;
    size_t n = d->regions.n, ni = d->indicators.n;
    size_t st = jh_plot_stratum(s);
    int en = strcmp(lang, "en") == 0;
    size_t *cols = malloc((ni ? ni : 1) * sizeof *cols);
    double *lo = malloc((ni ? ni : 1) * sizeof *lo), *hi = malloc((ni ? ni : 1) * sizeof *hi);
    size_t *group_of = malloc((n ? n : 1) * sizeof *group_of);
    size_t *order = malloc((n ? n : 1) * sizeof *order);
    const char **xl = calloc(ni ? ni : 1, sizeof *xl), **yl = calloc(n ? n : 1, sizeof *yl);
    jh_intern names;
    jh_intern_init(&names);
    if (!cols || !lo || !hi || !group_of || !order || !xl || !yl) {
        free(cols); free(lo); free(hi); free(group_of); free(order); free(xl); free(yl);
        return JH_ENOMEM;
    }
    size_t nc = 0;
    for (size_t i = 0; i < ni; i++) {
        jh_direction dir = jh_study_direction(s, i);
        const jh_indicator *e = jh_study_indicator(s, i);
        if (dir == JH_DIRECTION_NEUTRAL || (e && e->scope == JH_SCOPE_PROVINCE))
            continue;
        const double *v = jh_dataset_slice(d, i, year, st);
        double a = INFINITY, b = -INFINITY;
        for (size_t r = 0; r < n; r++)
            if (isfinite(v[r])) {
                a = v[r] < a ? v[r] : a;
                b = v[r] > b ? v[r] : b;
            }
        if (!(b > a))
            continue;
        lo[nc] = a;
        hi[nc] = b;
        xl[nc] = jh_study_indicator_label(s, i, lang);
        cols[nc++] = i;
    }
    size_t ng = jh_plot_groups(s, group_of, &names);
    /* Counting sort by group keeps data order within a group: O(n + groups). */
    size_t m = 0;
    for (size_t g = 0; g <= ng; g++)
        for (size_t r = 0; r < n; r++)
            if (group_of[r] == (g < ng ? g : JH_NONE))
                order[m++] = r;
    int rc = nc && n ? JH_OK : JH_EEMPTY;
    size_t row = 0;
    for (size_t k = 0; rc == JH_OK && k < n; k++) {
        size_t r = order[k];
        yl[k] = jh_study_region_label(s, r, lang);
        for (size_t c = 0; c < nc; c++) {
            double x = jh_dataset_slice(d, cols[c], year, st)[r], z;
            if (jh_study_direction(s, cols[c]) == JH_DIRECTION_LOWER)
                z = (hi[c] - x) / (hi[c] - lo[c]);
            else
                z = (x - lo[c]) / (hi[c] - lo[c]);
            if (isfinite(z))
                fprintf(f, "%zu\t%zu\t%zu\t%.6f\n", row++, c + 1, n - k, z);
            else
                fprintf(f, "%zu\t%zu\t%zu\tNaN\n", row++, c + 1, n - k);
        }
    }
    if (rc == JH_OK) {
        jh_plot_spec_text(sp, "TITLE", en ? "Normalised scores by county, %d (1 = best)"
                                          : "各县（市、区）标准化得分（%d年，1为最好）",
                          d->years[year]);
        jh_plot_spec_text(sp, "XLABEL", "%s", "");
        jh_plot_spec_text(sp, "YLABEL", "%s", "");
        jh_plot_spec_text(sp, "CBLABEL", "%s", en ? "Min-max score" : "极差标准化得分");
        jh_plot_spec_number(sp, "NCOLS", (double)nc);
        jh_plot_spec_number(sp, "NROWS", (double)n);
        /* Names cut to the margins in the 24 px font: 600 px under the
         * plot (25 ems), 360 px beside it (15 ems). */
        jh_plot_spec_array_cut(sp, "XLABS", nc, xl, 25);
        /* Top row first in the data, so YLABS[k] sits at y = NROWS - k + 1. */
        jh_plot_spec_array_cut(sp, "YLABS", n, yl, 15);
        sp->height = 820 + 30 * (int)n;
        jh_plot_spec_number(sp, "HEIGHT", sp->height);
    }
    jh_intern_clear(&names);
    free(cols); free(lo); free(hi); free(group_of); free(order); free(xl); free(yl);
    return rc;
}
