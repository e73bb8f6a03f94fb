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

/* Where the weights of a slice come from: the study when there is one,
 * else the dataset's weight column. */
struct weight_source {
    const jh_dataset *d;
    const jh_study *s; /* may be NULL */
};

static const double *slice_weights(const struct weight_source *src, size_t i, size_t y,
                                   size_t st)
{
    const jh_dataset *d = src->d;
    if (src->s)
        return jh_study_weights(src->s, i, y, st);
    return d->weights ? d->weights + jh_dataset_offset(d, i, y, st, 0) : NULL;
}

static const char *weight_name(const struct weight_source *src, size_t i)
{
    return src->s ? jh_study_weight_name(src->s, i) : src->d->weight_name;
}

static void gather_slice(const jh_dataset *d, size_t off, const double *w, struct gather *g)
{
    const double *v = d->values + off;
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
                         size_t bad, const char *wname, jh_diag *diag)
{
    jh_diag_add(diag, JH_DIAG_WARNING, NULL, 0, 0,
                "indicator '%s', year %d, stratum %s: %zu region%s with a value "
                "but no positive %s; weighted indices left empty",
                d->indicators.str[s->indicator], d->years[s->year],
                jh_stratum_name(d->strata[s->stratum]), bad, bad == 1 ? "" : "s", wname);
}

static int slice_indices(const struct weight_source *src, int use_weights, jh_diag *diag,
                         jh_slice_indices **out, size_t *n_out)
{
    const jh_dataset *d = src->d;
    size_t nr = d->regions.n ? d->regions.n : 1;
    size_t max = d->indicators.n * d->n_years * d->n_strata, n = 0;
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
                const double *w = use_weights ? slice_weights(src, i, y, s) : NULL;
                int weighted = w != NULL;
                gather_slice(d, jh_dataset_offset(d, i, y, s, 0), w, &g);
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
                        warn_weights(d, si, g.bad_w, weight_name(src, i), diag);
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

int jh_analysis_indices(const jh_dataset *d, int use_weights, jh_diag *diag,
                        jh_slice_indices **out, size_t *n_out)
{
    struct weight_source src = {d, NULL};
    return slice_indices(&src, use_weights, diag, out, n_out);
}

int jh_study_indices(const jh_study *s, int use_weights, jh_diag *diag,
                     jh_slice_indices **out, size_t *n_out)
{
    struct weight_source src = {s->data, s};
    return slice_indices(&src, use_weights, diag, out, n_out);
}
