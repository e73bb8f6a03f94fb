/* Kernel densities of one indicator by year: has the distribution of the
 * counties narrowed?  The numbers are read from `junheng converge`'s
 * density table (jh_plot_tables.density, src/analysis/converge.c):
 * Gaussian kernel, Silverman's bandwidth per year (jh_kde_bandwidth), one
 * grid for all years of the table so the curves overlay, from the
 * smallest value minus 3 h_max to the largest plus 3 h_max, 512 points.
 * Unweighted: each county is one observation.
 * Data: one block per year drawn, lines "row<TAB>x<TAB>density". */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "junheng/converge.h"
#include "junheng/numfmt.h"
#include "junheng/plot.h"
#include "junheng/study.h"

/* Where the density of (ind, years[k], stratum st) starts in c's rows
 * (first[k], SIZE_MAX when c has none) and how many points it has
 * (points[k]): one pass over the table, whose rows of one density are
 * consecutive. */
static void find_densities(const jh_converge_table *c, size_t ind, size_t st, const size_t *years,
                           size_t n_years, size_t *first, size_t *points)
{
    for (size_t k = 0; k < n_years; k++) {
        first[k] = SIZE_MAX;
        points[k] = 0;
    }
    for (size_t r = 0; c && r < c->n_density; r++) {
        const jh_density_row *row = &c->density[r];
        if (row->indicator != ind || row->stratum != st)
            continue;
        for (size_t k = 0; k < n_years; k++)
            if (row->year == years[k]) {
                if (first[k] == SIZE_MAX)
                    first[k] = r;
                points[k]++;
            }
    }
}

int jh_plot_density(FILE *f, const jh_study *s, const jh_plot_tables *t, size_t ind,
                    const size_t *years, size_t n_years, const char *lang, jh_plot_spec *sp)
{
    /* A status indicator's density spreads 0 and 100 from -50 to 150:
     * shares at each value by year instead. */
    double vals[JH_PLOT_FEW_DISTINCT];
    size_t nv = jh_plot_distinct(s, ind, vals);
    if (nv >= 1 && nv <= JH_PLOT_FEW_DISTINCT)
        return jh_plot_levels(f, s, ind, years, n_years, 0, vals, nv, lang, sp);
    const jh_dataset *d = s->data;
    const jh_converge_table *c = t ? t->density : NULL;
    int en = strcmp(lang, "en") == 0;
    size_t *first = malloc((n_years + 1) * sizeof *first);
    size_t *points = malloc((n_years + 1) * sizeof *points);
    char **keys = calloc(n_years + 1, sizeof *keys);
    int rc = first && points && keys ? JH_OK : JH_ENOMEM;
    if (rc == JH_OK)
        find_densities(c, ind, jh_plot_stratum(s), years, n_years, first, points);
    /* The densities of a money indicator are tiny (1/yuan): the largest
     * sets the axis's x10^-n instead of 3e-05. */
    double dmax = 0;
    int any = 0;
    for (size_t k = 0; rc == JH_OK && k < n_years; k++)
        for (size_t j = 0; j < points[k]; j++) {
            dmax = fmax(dmax, c->density[first[k] + j].density);
            any = 1;
        }
    if (rc == JH_OK && !any)
        rc = JH_EEMPTY; /* no year with two values not all equal */
    int scale = jh_plot_axis_scale(dmax);
    size_t n_keys = 0, row = 0;
    for (size_t k = 0; rc == JH_OK && k < n_years; k++) {
        if (!points[k])
            continue;
        const jh_density_row *dr = &c->density[first[k]];
        if (n_keys)
            fputs("\n\n", f);
        for (size_t j = 0; j < points[k]; j++)
            fprintf(f, "%zu\t%.10g\t%.10g\n", row++, dr[j].x, dr[j].density * pow(10, scale));
        if (!(keys[n_keys] = malloc(64))) {
            rc = JH_ENOMEM;
            break;
        }
        char h_text[48];
        jh_format_human(h_text, sizeof h_text, dr->bandwidth, JH_NUM_VALUE,
                        jh_study_unit(s, ind, lang), lang, 0);
        snprintf(keys[n_keys++], 64, en ? "%d (h = %s)" : "%d年（带宽 %s）",
                 d->years[years[k]], h_text);
    }
    if (rc == JH_OK) {
        const char *label = jh_study_indicator_label(s, ind, lang);
        const char *unit = jh_study_unit(s, ind, lang);
        char title[768];
        snprintf(title, sizeof title, en ? "%s: kernel densities by year" : "%s：各年核密度",
                 label);
        jh_plot_spec_text(sp, "TITLE", "%s", title);
        /* 36 ems of the title's 40 px font across the canvas. */
        jh_plot_spec_lines(sp, "TITLELINES", title, 36);
        char xlabel[768];
        snprintf(xlabel, sizeof xlabel, unit[0] ? (en ? "%s (%s)" : "%s（%s）") : "%s%.0s",
                 label, unit);
        jh_plot_spec_text(sp, "XLABEL", "%s", xlabel);
        /* 40 ems of the 32 px font under the plot. */
        jh_plot_spec_lines(sp, "XLABELLINES", xlabel, 40);
        char note[64];
        jh_plot_scale_note(scale, note, sizeof note);
        /* The method goes under the chart: on the y axis it ran into
         * the x title in English. */
        jh_plot_spec_text(sp, "YLABEL", en ? "Density%s%s" : "密度%s%s", scale ? " " : "", note);
        jh_plot_spec_text(sp, "NOTE", "%s", en ? "Gaussian kernel, Silverman bandwidth h"
                                               : "高斯核，Silverman 带宽 h");
        jh_plot_spec_number(sp, "NSERIES", (double)n_keys);
        jh_plot_spec_array(sp, "KEYS", n_keys, (const char *const *)keys);
        /* Key entries side by side: text at 32 px per em and a sample of
         * about 120 px, 1400 px to a row. */
        double widest = 0;
        for (size_t k = 0; k < n_keys; k++)
            widest = fmax(widest, 32 * jh_plot_text_em(keys[k]) + 120);
        jh_plot_spec_number(sp, "KEYCOLS", widest > 0 ? fmax(1, floor(1400 / widest)) : 1);
    }
    for (size_t k = 0; keys && k < n_keys; k++)
        free(keys[k]);
    free(keys);
    free(first);
    free(points);
    return rc;
}
