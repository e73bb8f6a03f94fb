/* Indicators ranked by a disparity index, per year, with their change
 * since the year before and the base year.  See include/junheng/rank.h;
 * counties ranked by a composite score are rank_counties.c's. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "junheng/slice.h"
#include "junheng/rank.h"

#define NOTE(d, ...) jh_diag_add((d), JH_DIAG_WARNING, NULL, 0, 0, __VA_ARGS__)

/* ---- indicators ranked by disparity ------------------------------------ */

void jh_rank_indicators_table_free(jh_rank_indicators_table *t)
{
    if (!t)
        return;
    free(t->rows);
    free(t);
}

/* Ranking order within a year: defined values by value descending (most
 * unequal first), ties and undefined values by data order. */
static int cmp_ind_rows(const void *a, const void *b)
{
    const jh_rank_ind_row *x = a, *y = b;
    int dx = x->status == JH_OK, dy = y->status == JH_OK;
    if (dx != dy)
        return dy - dx;
    if (dx && x->value != y->value)
        return x->value < y->value ? 1 : -1;
    return (x->indicator > y->indicator) - (x->indicator < y->indicator);
}

/* The data year of base_year (0: the first) into *base; an error in diag
 * and JH_ENOTFOUND when the data lack it. */
static int find_base(const jh_dataset *d, int base_year, jh_diag *diag, size_t *base)
{
    size_t ny = d->n_years;
    *base = 0;
    if (!base_year)
        return JH_OK;
    while (*base < ny && d->years[*base] != base_year)
        ++*base;
    if (*base < ny)
        return JH_OK;
    jh_diag_add(diag, JH_DIAG_ERROR, NULL, 0, 0, "base year %d is not in the data (first %d, "
                "last %d)", base_year, ny ? d->years[0] : 0, ny ? d->years[ny - 1] : 0);
    return JH_ENOTFOUND;
}

/* Work space of one ranking: a slice's values and weights. */
struct ind_ws {
    double *x, *w;
    jh_workspace *ws;
    size_t n_neutral, n_unweighted; /* indicators, for the notes */
};

/* The row of indicator k in year y: its index over the slice, or why it
 * has none. */
static void index_row(const jh_study *s, const jh_rank_indicators_opts *o, size_t k, size_t y,
                      struct ind_ws *iw, jh_diag *diag, jh_rank_ind_row *row)
{
    const jh_dataset *d = s->data;
    const double *v = jh_dataset_slice(d, k, y, o->stratum);
    const double *wt = o->weighted ? jh_study_weights(s, k, y, o->stratum) : NULL;
    if (o->weighted && !wt)
        iw->n_unweighted += y == 0;
    /* The one gatherer and its rule for weights (slice.h). */
    jh_slice g = {.x = iw->x, .w = iw->w};
    jh_slice_begin(&g);
    jh_slice_add(&g, v, wt, d->regions.n, NULL);
    memset(row, 0, sizeof *row);
    row->indicator = k;
    row->year = y;
    row->n = g.n;
    row->value = NAN;
    row->change_prev = row->change_base = NAN;
    if (g.n == 0) {
        row->status = JH_EEMPTY;
        return;
    }
    if (wt && !jh_slice_weights_usable(&g)) {
        row->status = JH_EWEIGHT;
        jh_slice_report_weights(&g, d, k, y, jh_dataset_stratum_name(d, o->stratum),
                                jh_study_weight_name(s, k), "index", diag, NULL);
        return;
    }
    jh_index_set set;
    if ((row->status = jh_indices_all(iw->x, wt ? iw->w : NULL, g.n, iw->ws, &set)) == JH_OK) {
        row->status = set.status[o->index];
        row->value = set.value[o->index];
    }
    if (row->status)
        row->value = NAN;
}

/* The m rows of one year sorted and ranked, each with its tier. */
static void rank_rows(jh_rank_ind_row *rows, size_t m)
{
    size_t ranked = 0;
    qsort(rows, m, sizeof *rows, cmp_ind_rows);
    for (size_t i = 0; i < m; i++)
        ranked += rows[i].status == JH_OK;
    for (size_t i = 0; i < m; i++) {
        jh_rank_ind_row *row = &rows[i];
        row->n_ranked = ranked;
        if (row->status == JH_OK) {
            row->rank = i + 1;
            /* quintile of the rank: tier = 1 + floor(5 (rank - 1) / n) */
            row->tier = 1 + (int)(5 * (row->rank - 1) / ranked);
        }
    }
}

/* Changes: look the same indicator up in the previous and the base year
 * through an [indicator][year] index of the rows. */
static int changes(jh_rank_indicators_table *t, size_t ni, size_t ny)
{
    size_t *at = malloc((ni * ny + 1) * sizeof *at);
    if (!at)
        return JH_ENOMEM;
    for (size_t i = 0; i < ni * ny; i++)
        at[i] = JH_NONE;
    for (size_t i = 0; i < t->n; i++)
        at[t->rows[i].indicator * ny + t->rows[i].year] = i;
    for (size_t i = 0; i < t->n; i++) {
        jh_rank_ind_row *row = &t->rows[i];
        if (row->status != JH_OK)
            continue;
        if (row->year > 0) {
            const jh_rank_ind_row *p = &t->rows[at[row->indicator * ny + row->year - 1]];
            if (p->status == JH_OK)
                row->change_prev = row->value - p->value;
        }
        const jh_rank_ind_row *b = &t->rows[at[row->indicator * ny + t->base_year]];
        if (b->status == JH_OK)
            row->change_base = row->value - b->value;
    }
    free(at);
    return JH_OK;
}

/* Every year's rows, ranked within the year. */
static void rank_years(const jh_study *s, const jh_rank_indicators_opts *o,
                       struct ind_ws *iw, jh_diag *diag, jh_rank_indicators_table *t)
{
    const jh_dataset *d = s->data;
    for (size_t y = 0; y < d->n_years; y++) {
        size_t first = t->n;
        for (size_t k = 0; k < d->indicators.n; k++) {
            if (jh_study_direction(s, k) == JH_DIRECTION_NEUTRAL)
                iw->n_neutral += y == 0;
            else
                index_row(s, o, k, y, iw, diag, &t->rows[t->n++]);
        }
        rank_rows(t->rows + first, t->n - first);
    }
}

int jh_rank_indicators_run(const jh_study *s, const jh_rank_indicators_opts *opts,
                           jh_diag *diag, jh_rank_indicators_table **out)
{
    const jh_dataset *d = s->data;
    size_t nr = d->regions.n, ni = d->indicators.n, ny = d->n_years;
    jh_rank_indicators_table *t = calloc(1, sizeof *t);
    struct ind_ws iw = {malloc((nr ? nr : 1) * sizeof(double)),
                        malloc((nr ? nr : 1) * sizeof(double)),
                        jh_workspace_alloc(nr ? nr : 1), 0, 0};
    int rc = t && iw.x && iw.w && iw.ws ? JH_OK : JH_ENOMEM;
    if (!rc)
        rc = find_base(d, opts->base_year, diag, &t->base_year);
    if (!rc && !(t->rows = malloc((ni * ny + 1) * sizeof *t->rows)))
        rc = JH_ENOMEM;
    if (!rc) {
        rank_years(s, opts, &iw, diag, t);
        rc = changes(t, ni, ny);
    }
    if (!rc && iw.n_neutral)
        NOTE(diag, "neutral indicators (e.g. population counts) are not ranked: %zu",
             iw.n_neutral);
    if (!rc && iw.n_unweighted)
        NOTE(diag, "indicators without weights (catalog weight none, or no weight column), "
             "ranked by their unweighted index: %zu", iw.n_unweighted);
    free(iw.x);
    free(iw.w);
    jh_workspace_free(iw.ws);
    if (rc) {
        jh_rank_indicators_table_free(t);
        t = NULL;
    }
    *out = t;
    return rc;
}
