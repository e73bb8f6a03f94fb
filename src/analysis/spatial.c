/* `junheng spatial`: Moran's I, spatial Gini and LISA per indicator and
 * year.  See include/junheng/spatial_analysis.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "junheng/grow.h"
#include "junheng/bootstrap.h"
#include "junheng/spatial_analysis.h"

const char *jh_lisa_quadrant_name(enum jh_lisa_quadrant q)
{
    static const char *const names[] = {"", "HH", "LH", "LL", "HL"};
    return (unsigned)q < 5 ? names[q] : "";
}

void jh_spatial_table_free(jh_spatial_table *sp)
{
    if (!sp)
        return;
    free(sp->rows);
    free(sp->lisa);
    free(sp);
}

static size_t total_stratum(const jh_dataset *d)
{
    for (size_t s = 0; s < d->n_strata; s++)
        if (d->strata[s] == JH_STRATUM_TOTAL)
            return s;
    return 0;
}

/* Work of one slice: the values present, their regions, the mask. */
struct slice_ws {
    double *x;
    size_t *region;
    unsigned char *keep;
    jh_lisa *lisa;
};

static void nan_moran(jh_moran *m)
{
    double nan = NAN;
    *m = (jh_moran){nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, 0, 0};
}

static int add_lisa(jh_spatial_table *sp, size_t *cap, const jh_lisa_row *r)
{
    if (jh_grow((void **)&sp->lisa, cap, sp->n_lisa + 1, sizeof *sp->lisa))
        return JH_ENOMEM;
    sp->lisa[sp->n_lisa++] = *r;
    return JH_OK;
}

static int lisa_rows(jh_spatial_table *sp, size_t *cap, const jh_spatial_row *row,
                     const struct slice_ws *w, const jh_spatial_opts *o)
{
    double alpha = o->alpha > 0 ? o->alpha : 0.05;
    for (size_t k = 0; k < row->n; k++) {
        jh_lisa_row r = {row->indicator, row->year, w->region[k], w->x[k], w->lisa[k], 0};
        double p = o->fdr ? r.lisa.q_fdr : r.lisa.p_sim;
        r.significant = !isnan(p) && p <= alpha;
        if (add_lisa(sp, cap, &r))
            return JH_ENOMEM;
    }
    return JH_OK;
}

/* The statistics of one slice whose values are already in w. */
static int slice_stats(const jh_weights *full, const jh_spatial_opts *o, struct slice_ws *w,
                       jh_spatial_row *row, jh_spatial_table *sp, size_t *cap)
{
    jh_weights *W = NULL;
    int rc = jh_weights_subset(full, w->keep, o->weights, &W);
    if (rc)
        return rc;
    unsigned long seed = jh_boot_seed(o->seed, row->indicator, row->year, 0);
    row->islands = jh_weights_islands(W);
    row->moran_status = jh_moran_global(w->x, W, o->permutations, seed, &row->moran);
    if (row->moran_status)
        nan_moran(&row->moran);
    row->gini_status = jh_spatial_gini_compute(w->x, W, o->permutations, seed, &row->gini);
    if (row->gini_status)
        row->gini = (jh_spatial_gini){NAN, NAN, NAN, NAN, NAN, NAN, 0};
    if (o->local && jh_moran_local(w->x, W, o->permutations, seed, w->lisa) == JH_OK)
        rc = lisa_rows(sp, cap, row, w, o);
    jh_weights_free(W);
    return rc == JH_ENOMEM || row->moran_status == JH_ENOMEM ? JH_ENOMEM : JH_OK;
}

static void gather(const jh_dataset *d, size_t ind, size_t year, size_t st,
                   struct slice_ws *w, size_t *n)
{
    const double *v = jh_dataset_slice(d, ind, year, st);
    *n = 0;
    for (size_t r = 0; r < d->regions.n; r++) {
        w->keep[r] = !isnan(v[r]);
        if (w->keep[r]) {
            w->x[*n] = v[r];
            w->region[(*n)++] = r;
        }
    }
}

static size_t year_index(const jh_dataset *d, int year, int last)
{
    if (!year)
        return last ? d->n_years - 1 : 0;
    for (size_t y = 0; y < d->n_years; y++)
        if (last ? d->years[d->n_years - 1 - y] <= year : d->years[y] >= year)
            return last ? d->n_years - 1 - y : y;
    return (size_t)-1;
}

static int run_slices(const jh_study *s, const jh_spatial_opts *o, const jh_weights *full,
                      struct slice_ws *w, jh_spatial_table *sp)
{
    const jh_dataset *d = s->data;
    size_t st = total_stratum(d), y0 = year_index(d, o->from, 0), y1 = year_index(d, o->to, 1);
    size_t cap = 0;
    if (y0 == (size_t)-1 || y1 == (size_t)-1 || y1 < y0)
        return JH_EINVAL;
    sp->rows = malloc((d->indicators.n * (y1 - y0 + 1) + 1) * sizeof *sp->rows);
    if (!sp->rows)
        return JH_ENOMEM;
    for (size_t i = 0; i < d->indicators.n; i++)
        for (size_t y = y0; y <= y1; y++) {
            jh_spatial_row *row = &sp->rows[sp->n_rows];
            memset(row, 0, sizeof *row);
            row->indicator = i;
            row->year = y;
            gather(d, i, y, st, w, &row->n);
            if (!row->n)
                continue;
            sp->n_rows++;
            int rc = slice_stats(full, o, w, row, sp, &cap);
            if (rc)
                return rc;
        }
    return JH_OK;
}

static void warn_islands(const jh_dataset *d, const jh_weights *W, jh_diag *diag, jh_spatial_table *sp)
{
    sp->islands = jh_weights_islands(W);
    for (size_t r = 0; r < W->n; r++)
        if (W->start[r] == W->start[r + 1])
            jh_diag_add(diag, JH_DIAG_WARNING, NULL, 0, 0,
                        "region %s has no neighbour (an island): no local statistic, "
                        "nothing to the global ones", d->regions.str[r]);
}

int jh_spatial_run(const jh_study *s, const jh_spatial_opts *o, jh_diag *diag,
                   jh_spatial_table **out)
{
    if (!s || !o || !out)
        return JH_EINVAL;
    *out = NULL;
    const jh_dataset *d = s->data;
    size_t n = d->regions.n;
    jh_weights *full = NULL;
    int rc = jh_weights_from_pairs(n, o->neighbor_a, o->neighbor_b, o->n_neighbors,
                                   JH_WEIGHTS_BINARY, &full);
    jh_spatial_table *sp = rc ? NULL : calloc(1, sizeof *sp);
    struct slice_ws w = {malloc((n + 1) * sizeof(double)), malloc((n + 1) * sizeof(size_t)),
                         malloc(n + 1), malloc((n + 1) * sizeof(jh_lisa))};
    if (!rc && (!sp || !w.x || !w.region || !w.keep || !w.lisa))
        rc = JH_ENOMEM;
    if (!rc) {
        warn_islands(d, full, diag, sp);
        rc = run_slices(s, o, full, &w, sp);
    }
    free(w.x);
    free(w.region);
    free(w.keep);
    free(w.lisa);
    jh_weights_free(full);
    if (rc) {
        jh_spatial_table_free(sp);
        return rc;
    }
    *out = sp;
    return JH_OK;
}
