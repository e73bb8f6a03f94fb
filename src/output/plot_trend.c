/* An index over the years for several indicators (sigma-convergence).  Data:
 * one block per indicator, lines "row<TAB>year<TAB>value" (NaN where the
 * index is undefined, so the line breaks there). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "junheng/indices.h"
#include "junheng/plot.h"
#include "junheng/study.h"

int jh_plot_trend(FILE *f, const jh_study *s, const size_t *inds, size_t n_inds,
                  int idx, int weighted, const char *lang, jh_plot_spec *sp)
{
    const jh_dataset *d = s->data;
    size_t n = d->regions.n;
    int en = strcmp(lang, "en") == 0;
    double *x = malloc((n + 1) * sizeof *x), *w = malloc((n + 1) * sizeof *w);
    const char **keys = calloc(n_inds ? n_inds : 1, sizeof *keys);
    jh_workspace *ws = jh_workspace_alloc(n ? n : 1);
    int rc = x && w && keys && ws ? JH_OK : JH_ENOMEM;
    size_t row = 0, n_keys = 0;
    int any = 0;
    for (size_t k = 0; rc == JH_OK && k < n_inds; k++) {
        if (k)
            fputs("\n\n", f);
        for (size_t y = 0; y < d->n_years; y++) {
            int used;
            size_t m = jh_plot_slice(s, inds[k], y, weighted, x, w, NULL, &used);
            jh_index_set set;
            double v = NAN;
            if (m && (!weighted || used) &&
                jh_indices_all(x, used ? w : NULL, m, ws, &set) == JH_OK &&
                set.status[idx] == JH_OK)
                v = set.value[idx];
            any |= !isnan(v);
            if (isnan(v))
                fprintf(f, "%zu\t%d\tNaN\n", row++, d->years[y]);
            else
                fprintf(f, "%zu\t%d\t%.10g\n", row++, d->years[y], v);
        }
        keys[n_keys++] = jh_study_indicator_label(s, inds[k], lang);
    }
    if (rc == JH_OK && !any)
        rc = JH_EEMPTY;
    if (rc == JH_OK) {
        const char *ix = jh_plot_index_label(idx, weighted, lang);
        jh_plot_spec_text(sp, "TITLE", en ? "%s over the years" : "%s的变化", ix);
        jh_plot_spec_text(sp, "XLABEL", "%s", en ? "Year" : "年份");
        jh_plot_spec_text(sp, "YLABEL", "%s", ix);
        jh_plot_spec_number(sp, "NSERIES", (double)n_keys);
        jh_plot_spec_number(sp, "YEAR0", d->years[0]);
        jh_plot_spec_number(sp, "YEAR1", d->years[d->n_years - 1]);
        jh_plot_spec_array(sp, "KEYS", n_keys, keys);
    }
    free(keys);
    jh_workspace_free(ws);
    free(x);
    free(w);
    return rc;
}
