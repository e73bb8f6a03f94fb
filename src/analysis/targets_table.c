/* Progress toward the plan's targets: for every catalog indicator with a
 * target, per year, the provincial value, progress, on-track flag, the
 * counties meeting the target and the shortfall of the worst-off tenth;
 * and per county, whether it meets each target and how far it is.
 * See include/junheng/rank.h and docs/indices.md ("Plan targets"). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "junheng/rank.h"

#define NOTE(d, ...) jh_diag_add((d), JH_DIAG_WARNING, NULL, 0, 0, __VA_ARGS__)

void jh_target_table_free(jh_target_table *t)
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

int jh_targets_table(const jh_study *s, size_t stratum, jh_diag *diag,
                     jh_target_table **out)
{
    const jh_dataset *d = s->data;
    const jh_indicator_catalog *cat = s->indicators;
    size_t nr = d->regions.n, ny = d->n_years, n_targets = 0;
    jh_target_table *t = calloc(1, sizeof *t);
    double *x = malloc((nr + 1) * sizeof *x), *scratch = malloc((nr + 1) * sizeof *scratch);
    int rc = JH_OK;
    *out = NULL;
    if (!t || !x || !scratch) {
        rc = JH_ENOMEM;
        goto done;
    }
    if (!cat) {
        jh_diag_add(diag, JH_DIAG_ERROR, NULL, 0, 0,
                    "targets need an indicator catalog (--indicators) with baselines and targets");
        rc = JH_EEMPTY;
        goto done;
    }
    t->rows = malloc((cat->n * ny + 1) * sizeof *t->rows);
    t->county = malloc((cat->n * ny * nr + 1) * sizeof *t->county);
    if (!t->rows || !t->county) {
        rc = JH_ENOMEM;
        goto done;
    }
    for (size_t e = 0; e < cat->n; e++) {
        const jh_indicator *ind = &cat->ind[e];
        jh_target tg;
        if (jh_target_from_indicator(ind, &tg) != JH_OK)
            continue;
        n_targets++;
        size_t k = jh_intern_find(&d->indicators, ind->code);
        if (k == (size_t)-1) {
            NOTE(diag, "%s: target %s %g has no data (%s scope); not evaluated", ind->code,
                 jh_target_kind_name(tg.kind), tg.target, jh_scope_name(ind->scope));
            continue;
        }
        int cum = tg.kind == JH_TARGET_CUMULATIVE;
        long double running = 0;
        for (size_t y = 0; y < ny; y++) {
            int year = d->years[y];
            const double *v = jh_dataset_slice(d, k, y, stratum);
            const double *wt = jh_study_weights(s, k, y, stratum);
            jh_target_row *row = &t->rows[t->n++];
            size_t n;
            memset(row, 0, sizeof *row);
            row->indicator = k;
            row->year = y;
            row->target = tg;
            double pv = provincial(v, wt, nr, cum, &n);
            row->n = n;
            if (cum) {
                /* running total over the years after the baseline year */
                if (year > tg.baseline_year && !isnan(pv))
                    running += pv;
                pv = year > tg.baseline_year ? (double)running : NAN;
            }
            row->value = pv;
            row->progress = NAN;
            row->share_meeting = row->pop_share_meeting = row->tail_shortfall = NAN;
            jh_target_expected(&tg, year, &row->expected);
            row->on_track = -1;
            if (!isnan(pv)) {
                double p;
                int ok;
                if (jh_target_progress(&tg, pv, &p) == JH_OK)
                    row->progress = p;
                if (jh_target_on_track(&tg, year, pv, &ok) == JH_OK)
                    row->on_track = ok;
            }
            if (cum || n == 0)
                continue;
            /* counties: meeting, shortfall, population share */
            long double wm = 0, wall = 0;
            size_t nx = 0;
            for (size_t r = 0; r < nr; r++) {
                int meets;
                double gap;
                if (isnan(v[r]))
                    continue;
                jh_target_meets(&tg, v[r], &meets);
                jh_target_shortfall(&tg, v[r], &gap);
                jh_target_county_row *cr = &t->county[t->n_county++];
                cr->indicator = k;
                cr->year = y;
                cr->region = r;
                cr->value = v[r];
                cr->meets = meets;
                cr->shortfall = gap;
                x[nx++] = v[r];
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
            jh_target_tail_shortfall(&tg, x, nx, 0.1, scratch, &row->tail_shortfall);
        }
    }
    if (n_targets == 0) {
        jh_diag_add(diag, JH_DIAG_ERROR, NULL, 0, 0,
                    "%s: no indicator has both a target kind and a target", cat->path);
        rc = JH_EEMPTY;
    }
done:
    free(x);
    free(scratch);
    if (rc) {
        jh_target_table_free(t);
        return rc;
    }
    *out = t;
    return JH_OK;
}
