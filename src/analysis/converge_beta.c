/* Beta-convergence: growth on the initial level, absolute and with fixed
 * effects of groups (converge.c runs it). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "converge_internal.h"

/* Counties with a value in both years (and a weight when weighted):
 * x0 into r->x, xT into r->x2, weights into r->w, positions into r->idx. */
static size_t pair_years(run *r, size_t ind, const double *wsrc, int *bad_weight)
{
    const double *a = jh_dataset_slice(r->d, ind, r->y0, r->stratum);
    const double *b = jh_dataset_slice(r->d, ind, r->y1, r->stratum);
    size_t n = 0;
    *bad_weight = 0;
    for (size_t i = 0; i < r->d->regions.n; i++) {
        if (isnan(a[i]) || isnan(b[i]))
            continue;
        if (wsrc) {
            if (!(wsrc[i] > 0) || !isfinite(wsrc[i]))
                *bad_weight = 1;
            r->w[n] = wsrc[i];
        }
        r->x[n] = a[i];
        r->x2[n] = b[i];
        r->idx[n++] = i;
    }
    return n;
}

/* Conditional beta: g_i = alpha + beta ln x_i0 + sum_g delta_g D_ig over
 * the groups present except the first (fixed effects), by
 * gsl_multifit_(w)linear. */
static int conditional_beta(run *r, const size_t *group_of, size_t n_group_names,
                            const double *w, size_t n, double T, jh_beta_row *row)
{
    size_t *col = malloc((n_group_names ? n_group_names : 1) * sizeof *col);
    size_t m = 0, G = 0;
    double *X = NULL, *y = NULL, *xw = NULL, *c = NULL, *se = NULL;
    jh_mreg_workspace *mw = NULL;
    int rc = JH_ENOMEM;
    if (!col)
        return JH_ENOMEM;
    for (size_t g = 0; g < n_group_names; g++)
        col[g] = NO_CLASS;
    /* Groups in order of first appearance among the sample's counties. */
    for (size_t i = 0; i < n; i++) {
        size_t g = group_of[r->idx[i]];
        if (g != JH_NONE && col[g] == NO_CLASS)
            col[g] = G++;
    }
    size_t p = 2 + (G ? G - 1 : 0);
    X = malloc(n * p * sizeof *X);
    y = malloc(n * sizeof *y);
    xw = malloc(n * sizeof *xw);
    c = malloc(p * sizeof *c);
    se = malloc(p * sizeof *se);
    if (!X || !y || !xw || !c || !se)
        goto done;
    for (size_t i = 0; i < n; i++) {
        size_t g = group_of[r->idx[i]];
        if (g == JH_NONE)
            continue; /* no group, no fixed effect: left out */
        if (!(r->x[i] > 0) || !(r->x2[i] > 0)) {
            rc = r->x[i] < 0 || r->x2[i] < 0 ? JH_ENEGATIVE : JH_EZERO;
            goto done;
        }
        double *row_x = X + m * p;
        memset(row_x, 0, p * sizeof *row_x);
        row_x[0] = 1;
        row_x[1] = log(r->x[i]);
        if (col[g] > 0)
            row_x[1 + col[g]] = 1;
        y[m] = (log(r->x2[i]) - log(r->x[i])) / T;
        if (w)
            xw[m] = w[i];
        m++;
    }
    row->n_groups = G;
    if (m <= p) {
        rc = JH_EEMPTY;
        goto done;
    }
    mw = jh_mreg_alloc(m, p);
    if (!mw)
        goto done;
    rc = jh_mreg_fit(mw, X, y, w ? xw : NULL, m, p, c, se, &row->beta.fit.r2);
    if (rc)
        goto done;
    jh_ols *f = &row->beta.fit;
    f->intercept = NAN;
    f->se_intercept = NAN;
    f->slope = c[1];
    f->se_slope = se[1];
    f->n = m;
    f->t = se[1] > 0 ? c[1] / se[1] : (c[1] == 0 ? 0 : c[1] > 0 ? INFINITY : -INFINITY);
    f->p = se[1] > 0 ? jh_t_pvalue(f->t, (double)(m - p)) : (c[1] == 0 ? 1 : 0);
    row->beta.years = T;
    row->beta.speed = row->beta.half_life = NAN;
    row->beta.speed_status = jh_beta_speed(c[1], T, &row->beta.speed, &row->beta.half_life);
done:
    jh_mreg_free(mw);
    free(col);
    free(X);
    free(y);
    free(xw);
    free(c);
    free(se);
    return rc;
}

static void undefined_beta(jh_beta_row *row)
{
    jh_ols *f = &row->beta.fit;
    f->intercept = f->slope = f->se_intercept = f->se_slope = NAN;
    f->t = f->p = f->r2 = NAN;
    row->beta.speed = row->beta.half_life = NAN;
    row->beta.speed_status = JH_EINVAL;
}

int converge_beta(run *r, size_t ind, const size_t *group_of, size_t n_groups)
{
    jh_converge_table *c = r->c;
    const double *wsrc = r->o->weighted_beta ? jh_study_weights(r->s, ind, r->y0, r->stratum) : NULL;
    double T = (double)(r->d->years[r->y1] - r->d->years[r->y0]);
    int badw;
    size_t n = pair_years(r, ind, wsrc, &badw);
    /* The fits read the weights packed beside x and x2 (r->w), never the
     * region-indexed wsrc: with a county missing a year they differ. */
    const double *wpacked = wsrc ? r->w : NULL;
    for (int cond = 0; cond <= (group_of != NULL); cond++) {
        jh_beta_row row = {.indicator = ind, .stratum = r->stratum, .conditional = cond,
                           .weighted = wsrc != NULL};
        row.beta.years = T;
        row.beta.fit.n = n;
        if (badw)
            row.status = JH_EWEIGHT;
        else if (!cond)
            row.status = jh_beta_fit(r->x, r->x2, wpacked, n, T, r->scratch, &row.beta);
        else
            row.status = conditional_beta(r, group_of, n_groups, wpacked, n, T, &row);
        if (row.status == JH_ENOMEM)
            return JH_ENOMEM;
        if (row.status) {
            undefined_beta(&row);
            jh_diag_add(r->diag, JH_DIAG_WARNING, NULL, 0, 0, "%s: %s beta undefined (%s)",
                        r->d->indicators.str[ind], cond ? "conditional" : "absolute",
                        jh_strerror(row.status));
        }
        PUSH(c->beta, c->n_beta, r->cap_beta, row);
    }
    return JH_OK;
}
