/* The tables of `junheng converge`: sigma-convergence (an index by year and
 * its trend), beta-convergence (absolute and with fixed effects), kernel
 * densities per year and (spatial) Markov transitions of relative classes,
 * for every indicator of a study.  Formulas live in src/core (regress.c,
 * kde.c, markov.c, the indices); this file picks the slices. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "junheng/slice.h"
#include "junheng/converge.h"

#define NO_CLASS ((size_t)-1)

static const char *const default_index[] = {"cv", "cv_w", "gini", "theil_t", "sd_log"};

/* A sigma index: one of indices.h, or the standard deviation of logs. */
typedef struct sigma_index {
    const char *name;  /* output name; static or from opts */
    int sd_log;        /* 1: sd of ln x */
    jh_index_id id;    /* otherwise: which index */
    int weighted;      /* the _w twin */
} sigma_index;

int jh_converge_index_known(const char *name)
{
    jh_index_id id;
    int w;
    return name && (!strcmp(name, "sd_log") || !strcmp(name, "sd_log_w")
                    || jh_index_lookup(name, &id, &w) == JH_OK);
}

static int parse_index(const char *name, sigma_index *ix)
{
    memset(ix, 0, sizeof *ix);
    ix->name = name;
    if (!strcmp(name, "sd_log") || !strcmp(name, "sd_log_w")) {
        ix->sd_log = 1;
        ix->weighted = name[6] != '\0';
        return JH_OK;
    }
    return jh_index_lookup(name, &ix->id, &ix->weighted);
}

/* Growable arrays of rows. */
#define PUSH(arr, n, cap, row)                                              \
    do {                                                                    \
        if ((n) == (cap)) {                                                 \
            size_t nc_ = (cap) ? 2 * (cap) : 64;                            \
            void *p_ = realloc((arr), nc_ * sizeof *(arr));                 \
            if (!p_)                                                        \
                return JH_ENOMEM;                                           \
            (arr) = p_;                                                     \
            (cap) = nc_;                                                    \
        }                                                                   \
        (arr)[(n)++] = (row);                                               \
    } while (0)

/* Everything one run needs besides the result. */
typedef struct run {
    const jh_study *s;
    const jh_dataset *d;
    const jh_converge_opts *o;
    jh_diag *diag;
    jh_converge_table *c;
    size_t stratum;            /* the stratum analysed */
    size_t y0, y1;             /* first and last year positions */
    sigma_index *ix;           /* n_index */
    size_t cap_sigma, cap_trend, cap_beta, cap_density, cap_markov;
    jh_workspace *ws;          /* for n regions */
    double *x, *w, *x2, *scratch; /* n regions each (scratch 2n) */
    size_t *idx;               /* n regions */
} run;

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
static int do_sigma(run *r, size_t ind)
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

static int do_beta(run *r, size_t ind, const size_t *group_of, size_t n_groups)
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

/* x_i / mean_t over the counties with a value (unweighted mean: each
 * county is one observation, as in Quah 1993).  Returns JH_EZEROMEAN
 * when the mean is 0; NaN stays NaN. */
static int relative(const double *v, size_t n, double *out)
{
    long double s = 0;
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(v[i])) {
            s += v[i];
            m++;
        }
    if (m == 0 || s == 0)
        return JH_EZEROMEAN;
    double mean = (double)(s / m);
    for (size_t i = 0; i < n; i++)
        out[i] = v[i] / mean;
    return JH_OK;
}

static int cmp_double(const void *a, const void *b);

/* One grid for all years of an indicator (so curves overlay): from the
 * smallest value minus 3h to the largest plus 3h, h the largest bandwidth. */
static int do_density(run *r, size_t ind)
{
    size_t ny = r->y1 - r->y0 + 1, nr = r->d->regions.n;
    size_t m = r->o->grid_points ? r->o->grid_points : 512;
    double *h = calloc(ny, sizeof *h), *grid = malloc(m * sizeof *grid);
    double *f = malloc(m * sizeof *f), lo = INFINITY, hi = -INFINITY, hmax = 0;
    int rc = JH_ENOMEM, why = JH_OK;
    if (!h || !grid || !f)
        goto done;
    for (size_t y = r->y0; y <= r->y1; y++) {
        const double *v = jh_dataset_slice(r->d, ind, y, r->stratum);
        size_t n = 0;
        int st = r->o->relative ? relative(v, nr, r->x2) : JH_OK;
        h[y - r->y0] = NAN;
        for (size_t i = 0; !st && i < nr; i++) {
            double xi = r->o->relative ? r->x2[i] : v[i];
            if (!isnan(xi))
                r->x[n++] = xi;
        }
        if (!st && n == 0)
            continue;
        if (!st)
            st = r->o->bandwidth > 0 ? JH_OK : jh_kde_bandwidth(r->x, n, r->ws, &h[y - r->y0]);
        if (!st && r->o->bandwidth > 0)
            h[y - r->y0] = r->o->bandwidth;
        if (st) {
            why = why ? why : st;
            h[y - r->y0] = NAN;
            continue;
        }
        for (size_t i = 0; i < n; i++) {
            lo = fmin(lo, r->x[i]);
            hi = fmax(hi, r->x[i]);
        }
        hmax = fmax(hmax, h[y - r->y0]);
    }
    if (why)
        jh_diag_add(r->diag, JH_DIAG_WARNING, NULL, 0, 0,
                    "%s: no density in some years (%s)", r->d->indicators.str[ind],
                    why == JH_EINVAL ? "every value equal" : jh_strerror(why));
    rc = JH_OK;
    if (!(hmax > 0))
        goto done;
    lo -= 3 * hmax;
    hi += 3 * hmax;
    for (size_t j = 0; j < m; j++)
        grid[j] = m > 1 ? lo + (hi - lo) * (double)j / (double)(m - 1) : 0.5 * (lo + hi);
    for (size_t y = r->y0; y <= r->y1; y++) {
        if (isnan(h[y - r->y0]))
            continue;
        const double *v = jh_dataset_slice(r->d, ind, y, r->stratum);
        size_t n = 0;
        if (r->o->relative)
            relative(v, nr, r->x2);
        for (size_t i = 0; i < nr; i++) {
            double xi = r->o->relative ? r->x2[i] : v[i];
            if (!isnan(xi))
                r->x[n++] = xi;
        }
        /* Ascending values (and grid) let jh_kde_eval sum only the values
         * within reach of each point. */
        qsort(r->x, n, sizeof *r->x, cmp_double);
        if ((rc = jh_kde_eval(r->x, NULL, n, h[y - r->y0], grid, m, f)))
            goto done;
        for (size_t j = 0; j < m; j++) {
            jh_density_row row = {.indicator = ind, .stratum = r->stratum, .year = y,
                                  .bandwidth = h[y - r->y0], .x = grid[j], .density = f[j]};
            if (r->c->n_density == r->cap_density) {
                size_t nc = r->cap_density ? 2 * r->cap_density : 1024;
                void *p = realloc(r->c->density, nc * sizeof *r->c->density);
                if (!p) {
                    rc = JH_ENOMEM;
                    goto done;
                }
                r->c->density = p;
                r->cap_density = nc;
            }
            r->c->density[r->c->n_density++] = row;
        }
    }
done:
    free(h);
    free(grid);
    free(f);
    return rc;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Upper bounds of k quantile classes of the pooled values v[0..n-1]
 * (sorted in place): Q(j/k), j = 1..k-1, R's type 7 as numpy.percentile,
 * which PySAL's mapclassify.Quantiles uses.  JH_EINVAL when two bounds
 * coincide (too many equal values for k classes). */
static int quantile_breaks(double *v, size_t n, size_t k, double *breaks)
{
    if (n < k)
        return JH_EEMPTY;
    qsort(v, n, sizeof *v, cmp_double);
    for (size_t j = 1; j < k; j++) {
        double hpos = (double)(n - 1) * (double)j / (double)k;
        size_t lo = (size_t)floor(hpos);
        breaks[j - 1] = lo + 1 < n ? v[lo] + (hpos - (double)lo) * (v[lo + 1] - v[lo]) : v[n - 1];
        if (j > 1 && !(breaks[j - 1] > breaks[j - 2]))
            return JH_EINVAL;
    }
    return JH_OK;
}

/* Emits the k x k rows of one matrix (lag class lag or NO_CLASS). */
static int emit_matrix(run *r, size_t ind, size_t lag, const double *counts, size_t k,
                       const double *breaks)
{
    double *P = malloc(k * k * sizeof *P), *pi = malloc(k * sizeof *pi);
    double *tmp = malloc(k * sizeof *tmp);
    size_t empty = 0;
    int rc = JH_ENOMEM;
    if (!P || !pi || !tmp)
        goto done;
    jh_markov_probs(counts, k, P, &empty);
    if (empty || jh_markov_ergodic(P, k, tmp, pi))
        for (size_t j = 0; j < k; j++)
            pi[j] = NAN;
    for (size_t i = 0; i < k; i++) {
        double row_total = 0;
        for (size_t j = 0; j < k; j++)
            row_total += counts[i * k + j];
        for (size_t j = 0; j < k; j++) {
            jh_markov_row m = {.indicator = ind, .stratum = r->stratum, .lag_class = lag,
                               .from = i, .to = j, .count = counts[i * k + j],
                               .probability = row_total > 0 ? P[i * k + j] : NAN,
                               .ergodic = pi[j],
                               .upper = j + 1 < k ? breaks[j] : INFINITY};
            if (r->c->n_markov == r->cap_markov) {
                size_t nc = r->cap_markov ? 2 * r->cap_markov : 256;
                void *p = realloc(r->c->markov, nc * sizeof *r->c->markov);
                if (!p)
                    goto done;
                r->c->markov = p;
                r->cap_markov = nc;
            }
            r->c->markov[r->c->n_markov++] = m;
        }
    }
    if (empty && lag == NO_CLASS)
        jh_diag_add(r->diag, JH_DIAG_WARNING, NULL, 0, 0,
                    "%s: %zu class(es) never observed at the start of a transition; "
                    "no ergodic distribution", r->d->indicators.str[ind], empty);
    else if (empty)
        jh_diag_add(r->diag, JH_DIAG_WARNING, NULL, 0, 0,
                    "%s: spatial lag class %zu: %zu class(es) never observed at the start "
                    "of a transition; no ergodic distribution", r->d->indicators.str[ind],
                    lag + 1, empty);
    rc = JH_OK;
done:
    free(P);
    free(pi);
    free(tmp);
    return rc;
}

/* Relative values of every year of the period, [year][region]. */
static int markov_relative(run *r, size_t ind, double *rel)
{
    size_t nr = r->d->regions.n;
    for (size_t y = r->y0; y <= r->y1; y++) {
        int st = relative(jh_dataset_slice(r->d, ind, y, r->stratum), nr,
                          rel + (y - r->y0) * nr);
        if (st)
            for (size_t i = 0; i < nr; i++)
                rel[(y - r->y0) * nr + i] = NAN;
    }
    return JH_OK;
}

/* Transitions of relative classes between consecutive years (Quah 1993),
 * and with neighbours, conditioned on the class of the neighbours' mean
 * relative value at the start year (Rey 2001). */
static int do_markov(run *r, size_t ind, const size_t *nb_start, const size_t *nb)
{
    size_t ny = r->y1 - r->y0 + 1, nr = r->d->regions.n, cells = ny * nr;
    size_t k = r->o->breaks ? r->o->n_breaks + 1 : (r->o->classes ? r->o->classes : 5);
    double *rel = malloc(cells * sizeof *rel), *pool = malloc(cells * sizeof *pool);
    double *lag = nb ? malloc(cells * sizeof *lag) : NULL;
    double *breaks = malloc(k * sizeof *breaks), *lbreaks = malloc(k * sizeof *lbreaks);
    double *counts = calloc(k * k * (nb ? k + 1 : 1), sizeof *counts);
    size_t *cls = malloc(cells * sizeof *cls), *lcls = nb ? malloc(cells * sizeof *lcls) : NULL;
    size_t n = 0;
    int rc = JH_ENOMEM, st;
    if (!rel || !pool || !breaks || !lbreaks || !counts || !cls || (nb && (!lag || !lcls)))
        goto done;
    markov_relative(r, ind, rel);
    for (size_t i = 0; i < cells; i++)
        if (!isnan(rel[i]))
            pool[n++] = rel[i];
    if (r->o->breaks)
        memcpy(breaks, r->o->breaks, (k - 1) * sizeof *breaks);
    st = r->o->breaks ? JH_OK : quantile_breaks(pool, n, k, breaks);
    if (!st)
        st = jh_markov_classify(rel, cells, breaks, k - 1, cls);
    if (nb && !st) {
        /* Spatial lag: mean relative value of the neighbours with a value. */
        size_t nl = 0;
        for (size_t y = 0; y < ny; y++)
            for (size_t i = 0; i < nr; i++) {
                long double s = 0;
                size_t m = 0;
                for (size_t e = nb_start[i]; e < nb_start[i + 1]; e++)
                    if (!isnan(rel[y * nr + nb[e]])) {
                        s += rel[y * nr + nb[e]];
                        m++;
                    }
                lag[y * nr + i] = m ? (double)(s / m) : NAN;
                if (m)
                    pool[nl++] = lag[y * nr + i];
            }
        if (r->o->breaks)
            memcpy(lbreaks, r->o->breaks, (k - 1) * sizeof *lbreaks);
        st = r->o->breaks ? JH_OK : quantile_breaks(pool, nl, k, lbreaks);
        if (!st)
            st = jh_markov_classify(lag, cells, lbreaks, k - 1, lcls);
    }
    if (st) {
        jh_diag_add(r->diag, JH_DIAG_WARNING, NULL, 0, 0, "%s: no Markov classes (%s)",
                    r->d->indicators.str[ind],
                    st == JH_EINVAL ? "quantile breaks coincide: too many equal values; "
                                      "give --breaks" : jh_strerror(st));
        rc = JH_OK;
        goto done;
    }
    for (size_t y = 0; y + 1 < ny; y++) {
        jh_markov_count(cls + y * nr, cls + (y + 1) * nr, nr, k, counts);
        if (nb)
            for (size_t i = 0; i < nr; i++) {
                size_t l = lcls[y * nr + i];
                if (l != NO_CLASS)
                    jh_markov_count(cls + y * nr + i, cls + (y + 1) * nr + i, 1, k,
                                    counts + (1 + l) * k * k);
            }
    }
    rc = emit_matrix(r, ind, NO_CLASS, counts, k, breaks);
    for (size_t l = 0; nb && !rc && l < k; l++)
        rc = emit_matrix(r, ind, l, counts + (1 + l) * k * k, k, breaks);
done:
    free(rel);
    free(pool);
    free(lag);
    free(breaks);
    free(lbreaks);
    free(counts);
    free(cls);
    free(lcls);
    return rc;
}

/* Neighbour lists in compressed form: the neighbours of region i are
 * nb[start[i] .. start[i+1]-1], each pair counted both ways, sorted. */
static int build_neighbors(const jh_converge_opts *o, size_t nr, size_t **start_out,
                           size_t **nb_out)
{
    size_t *start = calloc(nr + 1, sizeof *start), *nb = malloc((2 * o->n_neighbors + 1) * sizeof *nb);
    size_t *fill = calloc(nr + 1, sizeof *fill);
    if (!start || !nb || !fill) {
        free(start);
        free(nb);
        free(fill);
        return JH_ENOMEM;
    }
    for (size_t e = 0; e < o->n_neighbors; e++) {
        if (o->neighbor_a[e] >= nr || o->neighbor_b[e] >= nr || o->neighbor_a[e] == o->neighbor_b[e])
            continue;
        start[o->neighbor_a[e] + 1]++;
        start[o->neighbor_b[e] + 1]++;
    }
    for (size_t i = 0; i < nr; i++)
        start[i + 1] += start[i];
    for (size_t e = 0; e < o->n_neighbors; e++) {
        size_t a = o->neighbor_a[e], b = o->neighbor_b[e];
        if (a >= nr || b >= nr || a == b)
            continue;
        nb[start[a] + fill[a]++] = b;
        nb[start[b] + fill[b]++] = a;
    }
    free(fill);
    *start_out = start;
    *nb_out = nb;
    return JH_OK;
}

static int find_year(const jh_dataset *d, int year, size_t *pos)
{
    for (size_t y = 0; y < d->n_years; y++)
        if (d->years[y] == year) {
            *pos = y;
            return JH_OK;
        }
    return JH_ENOTFOUND;
}

void jh_converge_table_free(jh_converge_table *c)
{
    if (!c)
        return;
    free(c->index_names);
    free(c->sigma);
    free(c->trend);
    free(c->beta);
    free(c->density);
    free(c->markov);
    free(c);
}

static int setup(run *r, const jh_converge_opts *o)
{
    const jh_dataset *d = r->d;
    if (d->n_years == 0 || d->regions.n == 0) {
        jh_diag_add(r->diag, JH_DIAG_ERROR, NULL, 0, 0, "no data");
        return JH_EINVAL;
    }
    r->y0 = 0;
    r->y1 = d->n_years - 1;
    if (o->from && find_year(d, o->from, &r->y0)) {
        jh_diag_add(r->diag, JH_DIAG_ERROR, NULL, 0, 0, "--from %d: no such year in the data "
                    "(%d to %d)", o->from, d->years[0], d->years[d->n_years - 1]);
        return JH_EINVAL;
    }
    if (o->to && find_year(d, o->to, &r->y1)) {
        jh_diag_add(r->diag, JH_DIAG_ERROR, NULL, 0, 0, "--to %d: no such year in the data "
                    "(%d to %d)", o->to, d->years[0], d->years[d->n_years - 1]);
        return JH_EINVAL;
    }
    if (r->y1 <= r->y0) {
        jh_diag_add(r->diag, JH_DIAG_ERROR, NULL, 0, 0,
                    "the period needs two years at least (from %d to %d)",
                    d->years[r->y0], d->years[r->y1]);
        return JH_EINVAL;
    }
    r->stratum = 0;
    for (size_t s = 0; s < d->n_strata; s++)
        if (d->strata[s] == JH_STRATUM_TOTAL)
            r->stratum = s;
    size_t ni = o->index ? o->n_index : sizeof default_index / sizeof default_index[0];
    const char *const *names = o->index ? o->index : default_index;
    r->ix = calloc(ni ? ni : 1, sizeof *r->ix);
    r->c->index_names = calloc(ni ? ni : 1, sizeof *r->c->index_names);
    if (!r->ix || !r->c->index_names)
        return JH_ENOMEM;
    for (size_t k = 0; k < ni; k++) {
        if (parse_index(names[k], &r->ix[k])) {
            jh_diag_add(r->diag, JH_DIAG_ERROR, NULL, 0, 0, "unknown index '%s'", names[k]);
            return JH_EINVAL;
        }
        r->c->index_names[k] = names[k];
    }
    r->c->n_index = ni;
    r->c->first_year = d->years[r->y0];
    r->c->last_year = d->years[r->y1];
    size_t nr = d->regions.n, ny = d->n_years;
    size_t nscr = 2 * (nr > ny ? nr : ny);
    r->ws = jh_workspace_alloc(nr);
    r->x = malloc(nr * sizeof *r->x);
    r->w = malloc(nr * sizeof *r->w);
    r->x2 = malloc(nr * sizeof *r->x2);
    r->scratch = malloc(nscr * sizeof *r->scratch);
    r->idx = malloc(nr * sizeof *r->idx);
    if (!r->ws || !r->x || !r->w || !r->x2 || !r->scratch || !r->idx)
        return JH_ENOMEM;
    return JH_OK;
}

int jh_converge_run(const jh_study *s, const jh_converge_opts *opts,
                    jh_diag *diag, jh_converge_table **out)
{
    jh_converge_opts o = *opts;
    run r = {.s = s, .d = s->data, .o = &o, .diag = diag};
    size_t *group_of = NULL, *nb_start = NULL, *nb = NULL, n_groups = 0;
    jh_intern names;
    int rc;
    *out = NULL;
    if (!o.tables)
        o.tables = JH_CONVERGE_SIGMA | JH_CONVERGE_TREND | JH_CONVERGE_BETA
                   | JH_CONVERGE_DENSITY | JH_CONVERGE_MARKOV;
    jh_intern_init(&names);
    r.c = calloc(1, sizeof *r.c);
    rc = r.c ? setup(&r, &o) : JH_ENOMEM;
    if (!rc && o.conditional && (o.tables & JH_CONVERGE_BETA)) {
        group_of = malloc(r.d->regions.n * sizeof *group_of);
        rc = group_of ? jh_study_groups(s, o.conditional, group_of, &names, diag) : JH_ENOMEM;
        n_groups = names.n;
    }
    if (!rc && o.neighbor_a && (o.tables & JH_CONVERGE_MARKOV))
        rc = build_neighbors(&o, r.d->regions.n, &nb_start, &nb);
    for (size_t ind = 0; !rc && ind < r.d->indicators.n; ind++) {
        if (o.tables & (JH_CONVERGE_SIGMA | JH_CONVERGE_TREND))
            rc = do_sigma(&r, ind);
        if (!rc && (o.tables & JH_CONVERGE_BETA))
            rc = do_beta(&r, ind, group_of, n_groups);
        if (!rc && (o.tables & JH_CONVERGE_DENSITY))
            rc = do_density(&r, ind);
        if (!rc && (o.tables & JH_CONVERGE_MARKOV))
            rc = do_markov(&r, ind, nb_start, nb);
    }
    jh_intern_clear(&names);
    free(group_of);
    free(nb_start);
    free(nb);
    jh_workspace_free(r.ws);
    free(r.ix);
    free(r.x);
    free(r.w);
    free(r.x2);
    free(r.scratch);
    free(r.idx);
    if (rc) {
        jh_converge_table_free(r.c);
        return rc;
    }
    *out = r.c;
    return JH_OK;
}
