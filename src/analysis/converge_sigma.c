/* Sigma-convergence: a dispersion index of every year and its trend on
 * year (converge.c runs it). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "converge_internal.h"

/* The values of indicator ind in year y with a value, their weights into
 * w, by the one gatherer (slice.h); the slice's record in *g.  Returns how
 * many. */
static size_t gather(const run *r, size_t ind, size_t y, const double *wsrc,
                     double *x, double *w, jh_slice *g)
{
    *g = (jh_slice){.x = x, .w = w};
    jh_slice_begin(g);
    jh_slice_add(g, jh_dataset_slice(r->d, ind, y, r->stratum), wsrc, r->d->regions.n, NULL);
    return g->n;
}

static int sigma_value(run *r, const sigma_index *ix, const double *x,
                       const double *w, size_t n, double *out)
{
    if (ix->sd_log) {
        for (size_t i = 0; i < n; i++) {
            if (x[i] < 0)
                return JH_ENEGATIVE;
            if (x[i] == 0)
                return JH_EZERO;
            r->x2[i] = log(x[i]);
        }
        return jh_sd(r->x2, ix->weighted ? w : NULL, n, out);
    }
    jh_index_set set;
    int rc = jh_indices_all(x, ix->weighted ? w : NULL, n, r->ws, &set);
    if (rc)
        return rc;
    *out = set.value[ix->id];
    return set.status[ix->id];
}

/* Sigma rows for one indicator, then the trend of each index on year:
 * I_t = a + b t by OLS; verdict converging (b < 0) or diverging (b > 0)
 * when p < level, otherwise no significant trend. */
int converge_sigma(run *r, size_t ind)
{
    jh_converge_table *c = r->c;
    size_t ny = r->y1 - r->y0 + 1;
    double *yr = r->scratch, *val = r->scratch + ny;
    for (size_t k = 0; k < c->n_index; k++) {
        const sigma_index *ix = &r->ix[k];
        size_t m = 0;
        int why = JH_OK;
        /* The weights' warning once per year: at the first weighted index. */
        int first_w = ix->weighted;
        for (size_t j = 0; j < k; j++)
            first_w &= !r->ix[j].weighted;
        if (ix->weighted && !jh_study_weights(r->s, ind, r->y0, r->stratum))
            continue; /* an unweighted indicator has no weighted twin */
        for (size_t y = r->y0; y <= r->y1; y++) {
            const double *wsrc = ix->weighted ? jh_study_weights(r->s, ind, y, r->stratum) : NULL;
            jh_slice g;
            jh_sigma_row row = {.indicator = ind, .stratum = r->stratum, .year = y,
                                .index = k, .value = NAN};
            row.n = gather(r, ind, y, wsrc, r->x, r->w, &g);
            if (row.n == 0)
                continue;
            if (first_w)
                jh_slice_report_weights(&g, r->d, ind, y, jh_dataset_stratum_name(r->d, r->stratum),
                                        jh_study_weight_name(r->s, ind), "indices", r->diag, NULL);
            row.status = ix->weighted && !jh_slice_weights_usable(&g) ? JH_EWEIGHT
                         : sigma_value(r, ix, r->x, r->w, row.n, &row.value);
            if (row.status)
                row.value = NAN;
            if (row.status && !why)
                why = row.status;
            if (!row.status) {
                yr[m] = r->d->years[y];
                val[m++] = row.value;
            }
            if (r->o->tables & JH_CONVERGE_SIGMA)
                PUSH(c->sigma, c->n_sigma, r->cap_sigma, row);
        }
        if (why)
            jh_diag_add(r->diag, JH_DIAG_WARNING, NULL, 0, 0,
                        "%s: %s undefined in some years (%s); left empty",
                        r->d->indicators.str[ind], ix->name, jh_strerror(why));
        if (!(r->o->tables & JH_CONVERGE_TREND))
            continue;
        jh_trend_row t = {.indicator = ind, .stratum = r->stratum, .index = k,
                          .pct_change = NAN, .verdict = "undefined"};
        t.status = jh_ols_fit(yr, val, NULL, m, &t.fit);
        if (t.status) {
            double keep_n = (double)m;
            memset(&t.fit, 0, sizeof t.fit);
            t.fit.intercept = t.fit.slope = t.fit.se_intercept = t.fit.se_slope = NAN;
            t.fit.t = t.fit.p = t.fit.r2 = NAN;
            t.fit.n = (size_t)keep_n;
        } else {
            double level = r->o->level > 0 ? r->o->level : 0.05;
            t.verdict = !(t.fit.p < level) ? "no significant trend"
                        : t.fit.slope < 0 ? "converging" : "diverging";
        }
        if (m >= 2 && val[0] != 0)
            t.pct_change = 100.0 * (val[m - 1] - val[0]) / val[0];
        PUSH(c->trend, c->n_trend, r->cap_trend, t);
    }
    return JH_OK;
}
