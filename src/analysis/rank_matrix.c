/* One year's matrix of the composite score: the work space, the values
 * (imputed when asked) of the counties with every one, the objective
 * weights (per year or held from a base year) and the scores of a set of
 * columns.  jh_rank_counties_run (rank_counties.c) drives them. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "rank_internal.h"

void rank_scratch_free(struct scratch *w)
{
    free(w->x); free(w->z); free(w->zmm); free(w->o); free(w->sub);
    free(w->w); free(w->info); free(w->wsub); free(w->lo); free(w->hi);
    free(w->s); free(w->dp); free(w->dm); free(w->u); free(w->dir);
    free(w->dsub); free(w->keep); free(w->order);
}

int rank_scratch_alloc(struct scratch *w, size_t nr, size_t m, size_t nd)
{
    size_t nm = (nr ? nr : 1) * (m ? m : 1);
    memset(w, 0, sizeof *w);
    w->x = malloc(nm * sizeof(double));
    w->z = malloc(nm * sizeof(double));
    w->zmm = malloc(nm * sizeof(double));
    w->o = malloc(nm * sizeof(double));
    w->sub = malloc(nm * sizeof(double));
    w->w = malloc((m + 1) * sizeof(double));
    w->info = malloc((m + 1) * sizeof(double));
    w->wsub = malloc((m + 1) * sizeof(double));
    w->lo = malloc((m + 1) * sizeof(double));
    w->hi = malloc((m + 1) * sizeof(double));
    w->s = malloc((nr + 1) * sizeof(double));
    w->dp = malloc((nr + 1) * sizeof(double));
    w->dm = malloc((nr + 1) * sizeof(double));
    w->u = malloc((nd + 1) * sizeof(double));
    w->dir = malloc((m + 1) * sizeof(int));
    w->dsub = malloc((m + 1) * sizeof(int));
    w->keep = malloc((nr + 1) * sizeof(size_t));
    w->order = malloc((nr + 1) * sizeof(size_t));
    return w->x && w->z && w->zmm && w->o && w->sub && w->w && w->info &&
           w->wsub && w->lo && w->hi && w->s && w->dp && w->dm && w->u &&
           w->dir && w->dsub && w->keep && w->order ? JH_OK : JH_ENOMEM;
}

/* Mean of the non-missing values of v over the regions r with
 * group_of[r] == g (g == JH_NONE: all regions); NaN when none. */
static double group_mean(const double *v, size_t nr, const size_t *group_of, size_t g)
{
    long double s = 0;
    size_t n = 0;
    for (size_t r = 0; r < nr; r++)
        if (!isnan(v[r]) && (g == JH_NONE || group_of[r] == g)) {
            s += v[r];
            n++;
        }
    return n ? (double)(s / (long double)n) : NAN;
}

/* Scores of one set of columns (all, or one domain) for the n kept rows:
 * weights renormalised to the set, then weighted sum or TOPSIS. */
int rank_score_columns(const jh_rank_counties_opts *o, struct scratch *w, size_t n,
                       size_t m, const size_t *cols, size_t mc, double *out)
{
    long double ws = 0;
    for (size_t c = 0; c < mc; c++)
        ws += w->w[cols[c]];
    if (!(ws > 0))
        return JH_EWEIGHT;
    for (size_t c = 0; c < mc; c++) {
        w->wsub[c] = (double)(w->w[cols[c]] / ws);
        w->dsub[c] = w->dir[cols[c]];
        for (size_t i = 0; i < n; i++)
            w->sub[i * mc + c] = (o->method == JH_SCORE_TOPSIS ? w->x : w->z)[i * m + cols[c]];
    }
    if (o->method == JH_SCORE_TOPSIS)
        return jh_topsis(w->sub, n, mc, w->dsub, w->wsub, o->topsis_form, w->dp, w->dm, out);
    return jh_weighted_sum(w->sub, n, mc, w->wsub, out);
}

/* The values of year y into filled[c * nr + r], imputed when asked; with
 * rows (the year's county rows), each value imputed counts in its row's
 * n_imputed and in *n_imputed. */
void rank_fill_year(const jh_study *s, const jh_rank_counties_opts *o, const size_t *cols,
                    size_t m, const size_t *group_of, size_t y, double *filled,
                    jh_rank_county_row *rows, size_t *n_imputed)
{
    const jh_dataset *d = s->data;
    size_t nr = d->regions.n;
    for (size_t c = 0; c < m; c++) {
        const double *v = jh_dataset_slice(d, cols[c], y, o->stratum);
        double pm = group_mean(v, nr, group_of, JH_NONE);
        for (size_t r = 0; r < nr; r++) {
            double xv = v[r];
            if (isnan(xv) && o->impute != JH_IMPUTE_NONE) {
                if (o->impute == JH_IMPUTE_PREFECTURE && group_of[r] != JH_NONE)
                    xv = group_mean(v, nr, group_of, group_of[r]);
                if (isnan(xv))
                    xv = pm;
                if (rows && !isnan(xv)) {
                    rows[r].n_imputed++;
                    ++*n_imputed;
                }
            }
            filled[c * nr + r] = xv;
        }
    }
}

/* Whether region r has every one of the m values of filled. */
int rank_complete(const double *filled, size_t nr, size_t m, size_t r)
{
    size_t c;
    for (c = 0; c < m && !isnan(filled[c * nr + r]); c++)
        ;
    return c == m;
}

/* The matrix of year y: x[n * m] for the counties with every selected
 * value (imputed when asked), their data regions in keep; returns n. */
size_t rank_year_matrix(const jh_study *s, const jh_rank_counties_opts *o, const size_t *cols,
                        size_t m, const size_t *group_of, size_t y, double *filled,
                        double *x, size_t *keep)
{
    size_t nr = s->data->regions.n, n = 0;
    rank_fill_year(s, o, cols, m, group_of, y, filled, NULL, NULL);
    for (size_t r = 0; r < nr; r++) {
        if (!rank_complete(filled, nr, m, r))
            continue;
        keep[n] = r;
        for (size_t c = 0; c < m; c++)
            x[n * m + c] = filled[c * nr + r];
        n++;
    }
    return n;
}

/* The objective method of o: entropy or CRITIC, or EQUAL when none. */
jh_weight_method rank_objective_of(const jh_rank_counties_opts *o)
{
    jh_weight_method k = o->weights == JH_WEIGHTS_COMBINED ? o->objective : o->weights;
    return k == JH_WEIGHTS_ENTROPY || k == JH_WEIGHTS_CRITIC ? k : JH_WEIGHTS_EQUAL;
}

/* Objective weights of the normalised n x m matrix z into w and info. */
int rank_objective_weights(const jh_rank_counties_opts *o, const double *z, size_t n,
                           size_t m, double *w, double *info)
{
    switch (rank_objective_of(o)) {
    case JH_WEIGHTS_ENTROPY:
        return jh_entropy_weights(z, n, m, o->entropy_shift, w, info);
    case JH_WEIGHTS_CRITIC:
        return jh_critic_weights(z, n, m, w, info);
    default:
        for (size_t c = 0; c < m; c++) {
            w[c] = 1.0 / (double)m;
            info[c] = NAN;
        }
        return JH_OK;
    }
}

/* Objective weights held for every year (o->weights_base): on the base
 * year's matrix, normalised as that year is scored, or on every selected
 * year stacked and normalised together.  wo and info get m weights. */
int rank_base_weights(const jh_study *s, const jh_rank_counties_opts *o, const size_t *cols,
                      size_t m, const size_t *group_of, double *filled,
                      const struct scratch *w, jh_diag *diag, double *wo, double *info)
{
    const jh_dataset *d = s->data;
    size_t nr = d->regions.n, ny = d->n_years, n = 0, by = JH_NONE;
    size_t rows = o->weights_base == JH_WEIGHTS_BASE_POOLED ? ny * nr : nr;
    double *x = malloc((rows * m + 1) * sizeof *x), *z = malloc((rows * m + 1) * sizeof *z);
    size_t *keep = malloc((nr + 1) * sizeof *keep);
    int rc = JH_OK;
    if (!x || !z || !keep) {
        rc = JH_ENOMEM;
        goto done;
    }
    for (size_t y = 0; y < ny; y++) {
        if (o->weights_base == JH_WEIGHTS_BASE_POOLED ? (o->year_sel && !o->year_sel[y])
                                                      : d->years[y] != o->weights_base)
            continue;
        by = y;
        n += rank_year_matrix(s, o, cols, m, group_of, y, filled, x + n * m, keep);
    }
    if (by == JH_NONE) {
        jh_diag_add(diag, JH_DIAG_ERROR, NULL, 0, 0, "--weights-base %d is not a year of "
                    "the data (first %d, last %d)", o->weights_base, d->years[0],
                    d->years[ny - 1]);
        rc = JH_ENOTFOUND;
        goto done;
    }
    int pooled = o->weights_base == JH_WEIGHTS_BASE_POOLED;
    rc = n < 2 ? JH_EEMPTY
         : jh_normalise(x, n, m, w->dir, o->norm, o->fixed_range && !pooled ? w->lo : NULL,
                        o->fixed_range && !pooled ? w->hi : NULL, z);
    if (!rc)
        rc = rank_objective_weights(o, z, n, m, wo, info);
    if (rc) {
        jh_diag_add(diag, JH_DIAG_ERROR, NULL, 0, 0, "base weights (--weights-base) "
                    "undefined: %s", n < 2 ? "fewer than two counties with every value"
                    : jh_strerror(rc));
        rc = rc == JH_ENOMEM ? rc : JH_EEMPTY;
    }
done:
    free(x);
    free(z);
    free(keep);
    return rc;
}
