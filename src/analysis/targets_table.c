/* Progress toward the plan's targets: for every catalog indicator with a
 * target, per year, the provincial value, progress, on-track flag, the
 * counties meeting the target and the shortfall of the worst-off tenth;
 * and per county, whether it meets each target and how far it is; for a
 * coverage of a target group, also that shortfall in persons.
 * See include/junheng/rank.h and docs/indices.md ("Plan targets"). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "junheng/rank.h"

#define NOTE(d, ...) jh_diag_add((d), JH_DIAG_WARNING, NULL, 0, 0, __VA_ARGS__)

void jh_targets_table_free(jh_targets_table *t)
{
    if (!t)
        return;
    free(t->rows);
    free(t->county);
    free(t);
}

/* Provincial value of one year: the weighted mean sum w x / sum w over the
 * counties with a value (and a weight when weighted), or for a cumulative
 * target the sum of the county values.  NaN when no county has one. */
static double provincial(const double *v, const double *wt, size_t nr, int sum,
                         size_t *n_out)
{
    long double sx = 0, sw = 0;
    size_t n = 0;
    for (size_t r = 0; r < nr; r++) {
        if (isnan(v[r]) || (wt && !(wt[r] > 0)))
            continue;
        double w = sum || !wt ? 1.0 : wt[r];
        sx += (long double)w * v[r];
        sw += w;
        n++;
    }
    *n_out = n;
    if (!n)
        return NAN;
    return sum ? (double)sx : (double)(sx / sw);
}

/* The sizes of the target group of coverage indicator ind (data index k)
 * in slice (y, stratum), n_regions long (population: the weight column's
 * cells of k), or NULL when the catalog names none or its
 * indicator has no data (then a note, once: at year 0). */
static const double *group_sizes(const jh_study *s, const jh_indicator *ind, size_t k,
                                 size_t y, size_t stratum, jh_diag *diag)
{
    const jh_dataset *d = s->data;
    if (ind->kind != JH_KIND_COVERAGE || ind->group_size == JH_CATALOG_NONE)
        return NULL;
    if (ind->group_size == JH_CATALOG_WEIGHT_COLUMN)
        return d->weights ? d->weights + jh_dataset_offset(d, k, y, stratum, 0) : NULL;
    const char *code = s->indicators->ind[ind->group_size].code;
    size_t g = jh_intern_find(&d->indicators, code);
    if (g == (size_t)-1) {
        if (y == 0)
            NOTE(diag, "%s: its group size %s has no data; shortfall in persons not computed",
                 ind->code, code);
        return NULL;
    }
    return jh_dataset_slice(d, g, y, stratum);
}

/* Adds county cr's shortfall in persons to the province's row: the
 * coverage's shortfall in percentage points of its group. */
static void persons(jh_target_row *row, jh_target_county_row *cr, const double *gs)
{
    cr->group_size = cr->shortfall_persons = NAN;
    if (!gs || !isfinite(gs[cr->region]) || gs[cr->region] < 0)
        return;
    cr->group_size = gs[cr->region];
    cr->shortfall_persons = cr->shortfall / 100 * cr->group_size;
    if (isnan(row->group_size))
        row->group_size = row->shortfall_persons = 0;
    row->group_size += cr->group_size;
    row->shortfall_persons += cr->shortfall_persons;
}

/* One run: where it measures, the table, the scratch of a slice. */
struct targets_run {
    const jh_study *s;
    size_t stratum;
    jh_diag *diag;
    jh_targets_table *t;
    double *x, *scratch; /* [regions] the values of a slice, the tail's scratch */
};

/* The counties of slice v (weights wt, group sizes gs) against target tg:
 * whether each meets it and its shortfall, and for the province's row the
 * shares meeting it and the shortfall of the worst-off tenth. */
static void county_rows(struct targets_run *tr, jh_target_row *row, const jh_target *tg,
                        const double *v, const double *wt, const double *gs)
{
    jh_targets_table *t = tr->t;
    long double wm = 0, wall = 0;
    size_t nx = 0;
    for (size_t r = 0; r < tr->s->data->regions.n; r++) {
        int meets;
        double gap;
        if (isnan(v[r]))
            continue;
        jh_target_meets(tg, v[r], &meets);
        jh_target_shortfall(tg, v[r], &gap);
        jh_target_county_row *cr = &t->county[t->n_county++];
        cr->indicator = row->indicator;
        cr->year = row->year;
        cr->region = r;
        cr->value = v[r];
        cr->meets = meets;
        cr->shortfall = gap;
        persons(row, cr, gs);
        tr->x[nx++] = v[r];
        row->n_meeting += (size_t)meets;
        if (wt && wt[r] > 0) {
            wall += wt[r];
            if (meets)
                wm += wt[r];
        }
    }
    row->share_meeting = (double)row->n_meeting / (double)nx;
    if (wt && wall > 0)
        row->pop_share_meeting = (double)(wm / wall);
    jh_target_tail_shortfall(tg, tr->x, nx, 0.1, tr->scratch, &row->tail_shortfall);
}

/* The rows of catalog indicator ind (data index k, target tg), one a year;
 * a cumulative target's value is the running total after the baseline. */
static void indicator_rows(struct targets_run *tr, const jh_indicator *ind, size_t k,
                           const jh_target *tg)
{
    const jh_dataset *d = tr->s->data;
    int cum = tg->kind == JH_TARGET_CUMULATIVE;
    long double running = 0;
    for (size_t y = 0; y < d->n_years; y++) {
        int year = d->years[y];
        const double *v = jh_dataset_slice(d, k, y, tr->stratum);
        const double *wt = jh_study_weights(tr->s, k, y, tr->stratum);
        jh_target_row *row = &tr->t->rows[tr->t->n++];
        size_t n;
        memset(row, 0, sizeof *row);
        row->indicator = k;
        row->year = y;
        row->target = *tg;
        double pv = provincial(v, wt, d->regions.n, cum, &n);
        row->n = n;
        if (cum) {
            /* running total over the years after the baseline year */
            if (year > tg->baseline_year && !isnan(pv))
                running += pv;
            pv = year > tg->baseline_year ? (double)running : NAN;
        }
        row->value = pv;
        row->progress = NAN;
        row->share_meeting = row->pop_share_meeting = row->tail_shortfall = NAN;
        row->coverage = ind->kind == JH_KIND_COVERAGE;
        row->group_size = row->shortfall_persons = NAN;
        tr->t->has_coverage |= row->coverage;
        const double *gs = group_sizes(tr->s, ind, k, y, tr->stratum, tr->diag);
        jh_target_expected(tg, year, &row->expected);
        row->on_track = -1;
        if (!isnan(pv)) {
            double p;
            int ok;
            if (jh_target_progress(tg, pv, &p) == JH_OK)
                row->progress = p;
            if (jh_target_on_track(tg, year, pv, &ok) == JH_OK)
                row->on_track = ok;
        }
        if (!cum && n)
            county_rows(tr, row, tg, v, wt, gs);
    }
}

/* Every catalog indicator with a target; an error when there is none. */
static int catalog_rows(struct targets_run *tr)
{
    const jh_indicator_catalog *cat = tr->s->indicators;
    size_t n_targets = 0;
    for (size_t e = 0; e < cat->n; e++) {
        const jh_indicator *ind = &cat->ind[e];
        jh_target tg;
        if (jh_target_from_indicator(ind, &tg) != JH_OK)
            continue;
        n_targets++;
        size_t k = jh_intern_find(&tr->s->data->indicators, ind->code);
        if (k == (size_t)-1)
            NOTE(tr->diag, "%s: target %s %g has no data (%s scope); not evaluated", ind->code,
                 jh_target_kind_name(tg.kind), tg.target, jh_scope_name(ind->scope));
        else
            indicator_rows(tr, ind, k, &tg);
    }
    if (n_targets)
        return JH_OK;
    jh_diag_add(tr->diag, JH_DIAG_ERROR, NULL, 0, 0,
                "%s: no indicator has both a target kind and a target", cat->path);
    return JH_EEMPTY;
}

int jh_targets_run(const jh_study *s, const jh_targets_opts *opts, jh_diag *diag,
                   jh_targets_table **out)
{
    const jh_dataset *d = s->data;
    const jh_indicator_catalog *cat = s->indicators;
    size_t nr = d->regions.n, ny = d->n_years;
    struct targets_run tr = {s, opts->stratum, diag, calloc(1, sizeof *tr.t),
                             malloc((nr + 1) * sizeof(double)), malloc((nr + 1) * sizeof(double))};
    int rc = tr.t && tr.x && tr.scratch ? JH_OK : JH_ENOMEM;
    *out = NULL;
    if (!rc && !cat) {
        jh_diag_add(diag, JH_DIAG_ERROR, NULL, 0, 0,
                    "targets need an indicator catalog (--indicators) with baselines and targets");
        rc = JH_EEMPTY;
    }
    if (!rc) {
        tr.t->rows = malloc((cat->n * ny + 1) * sizeof *tr.t->rows);
        tr.t->county = malloc((cat->n * ny * nr + 1) * sizeof *tr.t->county);
        rc = tr.t->rows && tr.t->county ? catalog_rows(&tr) : JH_ENOMEM;
    }
    free(tr.x);
    free(tr.scratch);
    if (rc) {
        jh_targets_table_free(tr.t);
        return rc;
    }
    *out = tr.t;
    return JH_OK;
}
