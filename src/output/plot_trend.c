/* An index over the years for several indicators (sigma-convergence), with
 * the fitted OLS trend of each.  Data: one block per indicator, lines
 * "row<TAB>year<TAB>value" (NaN where the index is undefined, so the line
 * breaks there), then one block per indicator with the fitted line at the
 * first and last year with a value, "row<TAB>year<TAB>a + b year" (a single
 * NaN line when there is no fit, so block NSERIES + k is always series k's
 * trend).  The index values are the indices table's (jh_plot_tables); the
 * fitted line is drawn through them. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "junheng/converge.h"
#include "junheng/indices.h"
#include "junheng/numfmt.h"
#include "junheng/plot.h"
#include "junheng/study.h"

int jh_plot_trend(FILE *f, const jh_study *s, const jh_plot_tables *t, const size_t *inds,
                  size_t n_inds, int idx, int weighted, const char *lang, jh_plot_spec *sp)
{
    const jh_dataset *d = s->data;
    size_t st = jh_plot_stratum(s);
    int en = strcmp(lang, "en") == 0;
    const char **keys = calloc(n_inds ? n_inds : 1, sizeof *keys);
    char **own = calloc(n_inds ? n_inds : 1, sizeof *own);
    jh_ols *fit = calloc(n_inds ? n_inds : 1, sizeof *fit);
    int *fitted = calloc(n_inds ? n_inds : 1, sizeof *fitted);
    double *span = calloc(2 * (n_inds ? n_inds : 1), sizeof *span); /* first, last year fitted */
    double *yr = malloc((d->n_years + 1) * sizeof *yr), *val = malloc((d->n_years + 1) * sizeof *val);
    int rc = keys && own && fit && fitted && span && yr && val ? JH_OK : JH_ENOMEM;
    size_t row = 0, n_keys = 0;
    int any = 0;
    for (size_t k = 0; rc == JH_OK && k < n_inds; k++) {
        if (k)
            fputs("\n\n", f);
        size_t m_fit = 0;
        for (size_t y = 0; y < d->n_years; y++) {
            double v = NAN;
            if (!jh_plot_index_value(jh_plot_tables_slice(t, inds[k], y, st), idx, weighted, &v))
                v = NAN;
            any |= !isnan(v);
            if (isnan(v)) {
                fprintf(f, "%zu\t%d\tNaN\n", row++, d->years[y]);
            } else {
                fprintf(f, "%zu\t%d\t%.10g\n", row++, d->years[y], v);
                yr[m_fit] = d->years[y];
                val[m_fit++] = v;
            }
        }
        /* The trend of `junheng converge`: OLS of the index on the year over
         * the years where it is defined (three or more). */
        fitted[k] = jh_ols_fit(yr, val, NULL, m_fit, &fit[k]) == JH_OK;
        const char *label = jh_study_indicator_label(s, inds[k], lang);
        if (fitted[k]) {
            size_t len = strlen(label) + 80;
            if (!(own[k] = malloc(len))) {
                rc = JH_ENOMEM;
                break;
            }
            /* At most 4 significant digits, +0.1 not +0.1000; a slope of
             * 5e-05 a year reads 5×10⁻⁵, never e-05. */
            char slope[64];
            jh_format_human(slope, sizeof slope, fit[k].slope, JH_NUM_INDEX, NULL, lang,
                            JH_NUM_SIGNED | JH_NUM_POWER | JH_NUM_TRIM);
            snprintf(own[k], len, en ? "%s (trend %s/yr)" : "%s（趋势 %s/年）", label, slope);
            keys[n_keys++] = own[k];
            span[2 * k] = yr[0];
            span[2 * k + 1] = yr[m_fit - 1];
        } else {
            keys[n_keys++] = label;
        }
    }
    for (size_t k = 0; rc == JH_OK && any && k < n_inds; k++) {
        fputs("\n\n", f);
        if (!fitted[k]) {
            fprintf(f, "%zu\tNaN\tNaN\n", row++);
            continue;
        }
        for (size_t e = 0; e < 2; e++)
            fprintf(f, "%zu\t%.0f\t%.10g\n", row++, span[2 * k + e],
                    fit[k].intercept + fit[k].slope * span[2 * k + e]);
    }
    if (rc == JH_OK && !any)
        rc = JH_EEMPTY;
    if (rc == JH_OK) {
        const char *ix = jh_plot_index_label(idx, weighted, lang);
        jh_plot_spec_text(sp, "TITLE", en ? "%s over the years" : "%s的变化", ix);
        jh_plot_spec_text(sp, "XLABEL", "%s", en ? "Year" : "年份");
        jh_plot_spec_text(sp, "YLABEL", "%s", ix);
        jh_plot_spec_number(sp, "NSERIES", (double)n_keys);
        /* The key goes under the plot, a series a row: long Chinese names
         * do not fit beside it.  gnuplot wraps a key taller than the plot
         * into columns, so the plot is at least as tall as the key. */
        int key_px = 56 * (int)n_keys, plot_px = key_px + 40 > 560 ? key_px + 40 : 560;
        sp->height = 450 + plot_px + key_px;
        jh_plot_spec_number(sp, "HEIGHT", sp->height);
        jh_plot_spec_number(sp, "YEAR0", d->years[0]);
        jh_plot_spec_number(sp, "YEAR1", d->years[d->n_years - 1]);
        jh_plot_spec_array(sp, "KEYS", n_keys, keys);
        jh_plot_spec_text(sp, "TRENDKEY", "%s", en ? "Dashed: OLS trend of the index on the year"
                                                   : "虚线：指数对年份的最小二乘趋势");
    }
    for (size_t k = 0; own && k < n_inds; k++)
        free(own[k]);
    free(own);
    free(fit);
    free(fitted);
    free(span);
    free(yr);
    free(val);
    free(keys);
    return rc;
}
