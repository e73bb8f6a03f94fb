/* One slice of the data, gathered one way for every analysis (slice.h). */
#include <math.h>
#include "junheng/slice.h"

void jh_slice_begin(jh_slice *g)
{
    g->n = g->present = g->no_group = g->bad_w = 0;
    g->first_bad_w = JH_NONE;
    g->weighted = 0;
    g->np = (jh_np_count){0};
}

int jh_weight_usable(double w)
{
    return w > 0 && isfinite(w);
}

/* 1 when region r passes the group filter; counts no_group. */
static int in_group(jh_slice *g, const jh_slice_filter *f, size_t r)
{
    if (!f || !f->group_of)
        return 1;
    size_t k = f->group_of[r];
    if (k == JH_NONE) {
        g->no_group += f->group == JH_NONE;
        return 0;
    }
    return f->group == JH_NONE || k == f->group;
}

void jh_slice_add(jh_slice *g, const double *v, const double *wsrc, size_t n_regions,
                  const jh_slice_filter *f)
{
    int drop = f && f->drop_nonpositive;
    const char *stl = f && f->stratum ? f->stratum : "";
    g->weighted |= wsrc != NULL;
    for (size_t r = 0; r < n_regions; r++) {
        if (isnan(v[r]) || !in_group(g, f, r))
            continue;
        g->present++;
        if (jh_np_count_value(&g->np, v[r], r, stl) && drop)
            continue;
        size_t i = g->n++;
        g->x[i] = v[r];
        if (g->region)
            g->region[i] = r;
        if (g->w)
            g->w[i] = wsrc ? wsrc[r] : NAN;
        if (wsrc && !jh_weight_usable(wsrc[r]) && g->bad_w++ == 0)
            g->first_bad_w = r;
    }
}

void jh_slice_gather(jh_slice *g, const jh_study *s, size_t ind, size_t year, size_t st,
                     int use_weights, const jh_slice_filter *f)
{
    const double *w = use_weights ? jh_study_weights(s, ind, year, st) : NULL;
    jh_slice_add(g, jh_dataset_slice(s->data, ind, year, st), w, s->data->regions.n, f);
}

int jh_slice_weights_usable(const jh_slice *g)
{
    return g->weighted && g->w && g->bad_w == 0 && g->n > 0;
}

int jh_slice_report_weights(const jh_slice *g, const jh_dataset *d, size_t ind,
                            size_t year, const char *stratum, const char *weight,
                            const char *what, jh_diag *diag, jh_notes *notes)
{
    if (!g->weighted || !g->bad_w)
        return JH_OK;
    jh_diag_add(diag, JH_DIAG_WARNING, NULL, 0, 0,
                "indicator '%s', year %d, stratum %s: %zu region%s with a value but no "
                "positive %s; weighted %s left empty",
                d->indicators.str[ind], d->years[year], stratum, g->bad_w,
                g->bad_w == 1 ? "" : "s", weight ? weight : "weight", what);
    if (!notes)
        return JH_OK;
    return jh_notes_add(notes, ind, year, stratum, "", "no_weight", g->bad_w,
                        JH_NO_WEIGHT_REASON);
}
