/* Indices per slice: gather the present values of one (indicator, year,
 * stratum), then call the core once unweighted and once weighted. */
#include <math.h>
#include <stdlib.h>
#include "junheng/analysis.h"

struct gather {
    double *x, *w;  /* present values and their weights, n_regions long */
    size_t n;       /* present values */
    size_t bad_w;   /* present values without a usable weight */
};

static void gather_slice(const jh_dataset *d, size_t off, struct gather *g)
{
    const double *v = d->values + off;
    const double *w = d->weights ? d->weights + off : NULL;
    g->n = g->bad_w = 0;
    for (size_t r = 0; r < d->regions.n; r++) {
        if (isnan(v[r]))
            continue;
        g->x[g->n] = v[r];
        if (w) {
            g->w[g->n] = w[r];
            g->bad_w += !(w[r] > 0 && isfinite(w[r]));
        }
        g->n++;
    }
}

static void warn_weights(const jh_dataset *d, const jh_slice_indices *s,
                         size_t bad, jh_diag *diag)
{
    jh_diag_add(diag, JH_DIAG_WARNING, NULL, 0, 0,
                "indicator '%s', year %d, stratum %s: %zu region%s with a value "
                "but no positive %s; weighted indices left empty",
                d->indicators.str[s->indicator], d->years[s->year],
                jh_stratum_name(d->strata[s->stratum]), bad, bad == 1 ? "" : "s",
                d->weight_name);
}

int jh_analysis_indices(const jh_dataset *d, int use_weights, jh_diag *diag,
                        jh_slice_indices **out, size_t *n_out)
{
    size_t nr = d->regions.n ? d->regions.n : 1;
    size_t max = d->indicators.n * d->n_years * d->n_strata, n = 0;
    int weighted = use_weights && d->weights;
    struct gather g = {malloc(nr * sizeof(double)), malloc(nr * sizeof(double)), 0, 0};
    jh_workspace *ws = jh_workspace_alloc(nr);
    jh_slice_indices *res = malloc((max ? max : 1) * sizeof *res);
    if (!g.x || !g.w || !ws || !res) {
        free(res);
        res = NULL;
        goto done;
    }
    for (size_t i = 0; i < d->indicators.n; i++)
        for (size_t y = 0; y < d->n_years; y++)
            for (size_t s = 0; s < d->n_strata; s++) {
                gather_slice(d, jh_dataset_offset(d, i, y, s, 0), &g);
                if (g.n == 0)
                    continue;
                jh_slice_indices *si = &res[n++];
                *si = (jh_slice_indices){.indicator = i, .year = y, .stratum = s,
                                         .n_missing = d->regions.n - g.n,
                                         .has_weighted = weighted};
                jh_indices_all(g.x, NULL, g.n, ws, &si->plain);
                if (weighted) {
                    jh_indices_all(g.x, g.w, g.n, ws, &si->weighted);
                    if (g.bad_w)
                        warn_weights(d, si, g.bad_w, diag);
                }
            }
done:
    free(g.x);
    free(g.w);
    jh_workspace_free(ws);
    if (!res)
        return JH_ENOMEM;
    *out = res;
    *n_out = n;
    return JH_OK;
}
