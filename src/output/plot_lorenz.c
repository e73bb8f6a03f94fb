/* Lorenz curves of one indicator for several years, with the Gini of each
 * year in the legend.  Data: one block per year (blocks separated by two
 * blank lines, read by `index`), lines "row<TAB>pop<TAB>share" from
 * jh_lorenz, starting at (0,0).  The Gini is the indices table's
 * (jh_plot_tables). */
#include <stdlib.h>
#include <string.h>
#include "junheng/indices.h"
#include "junheng/numfmt.h"
#include "junheng/plot.h"
#include "junheng/study.h"

int jh_plot_lorenz(FILE *f, const jh_study *s, const jh_plot_tables *t, size_t ind,
                   const size_t *years, size_t n_years, const char *lang, jh_plot_spec *sp)
{
    const jh_dataset *d = s->data;
    size_t n = d->regions.n;
    int en = strcmp(lang, "en") == 0;
    double *x = malloc((n + 1) * sizeof *x), *w = malloc((n + 1) * sizeof *w);
    double *pop = malloc((n + 1) * sizeof *pop), *share = malloc((n + 1) * sizeof *share);
    char **keys = calloc(n_years ? n_years : 1, sizeof *keys);
    jh_workspace *ws = jh_workspace_alloc(n ? n : 1);
    int rc = x && w && pop && share && keys && ws ? JH_OK : JH_ENOMEM;
    size_t n_keys = 0, row = 0;
    int any_weighted = 0;
    for (size_t k = 0; rc == JH_OK && k < n_years; k++) {
        int weighted;
        size_t m = jh_plot_slice(s, ind, years[k], 1, x, w, NULL, &weighted);
        double g;
        /* The curve is drawn from the values; its Gini is the indices
         * table's, weighted as the curve is. */
        const struct jh_slice_indices *ix =
            jh_plot_tables_slice(t, ind, years[k], jh_plot_stratum(s));
        if (m == 0 || jh_lorenz(x, weighted ? w : NULL, m, ws, pop, share) != JH_OK ||
            !jh_plot_index_value(ix, JH_IX_GINI, weighted, &g))
            continue; /* nothing or negative values: no curve for that year */
        any_weighted |= weighted;
        if (n_keys)
            fputs("\n\n", f);
        for (size_t i = 0; i <= m; i++)
            fprintf(f, "%zu\t%.10g\t%.10g\n", row++, pop[i], share[i]);
        size_t len = 64;
        if (!(keys[n_keys] = malloc(len))) {
            rc = JH_ENOMEM;
            break;
        }
        char g_text[64];
        jh_format_human(g_text, sizeof g_text, g, JH_NUM_INDEX, NULL, lang, JH_NUM_POWER);
        snprintf(keys[n_keys], len, en ? "%d (Gini %s)" : "%d年（基尼系数 %s）",
                 d->years[years[k]], g_text);
        n_keys++;
    }
    if (rc == JH_OK && !n_keys)
        rc = JH_EEMPTY;
    if (rc == JH_OK) {
        const char *label = jh_study_indicator_label(s, ind, lang);
        char title[768];
        snprintf(title, sizeof title, en ? "%s: Lorenz curves" : "%s：洛伦兹曲线", label);
        jh_plot_spec_text(sp, "TITLE", "%s", title);
        /* 36 ems of the title's 40 px font on the 1600 px canvas. */
        jh_plot_spec_lines(sp, "TITLELINES", title, 36);
        if (any_weighted)
            jh_plot_spec_text(sp, "XLABEL", "%s", en ? "Cumulative share of population"
                                                     : "人口累计份额");
        else
            jh_plot_spec_text(sp, "XLABEL", "%s", en ? "Cumulative share of counties"
                                                     : "县（市、区）累计份额");
        /* The title names the indicator: a long name on the y axis would
         * run past the plot into the title. */
        jh_plot_spec_text(sp, "YLABEL", "%s", en ? "Cumulative share of the indicator"
                                                 : "指标累计份额");
        jh_plot_spec_text(sp, "EQUALITY", "%s", en ? "Line of equality" : "绝对平均线");
        jh_plot_spec_number(sp, "NSERIES", (double)n_keys);
        jh_plot_spec_array(sp, "KEYS", n_keys, (const char *const *)keys);
    }
    for (size_t k = 0; keys && k < n_keys; k++)
        free(keys[k]);
    free(keys);
    jh_workspace_free(ws);
    free(x);
    free(w);
    free(pop);
    free(share);
    return rc;
}
