/* Rankings: indicators by a disparity index, counties by a composite score
 * (normalisation, weights, weighted sum or TOPSIS, domain scores, coupling
 * coordination, obstacle degree).  See include/junheng/rank.h. */
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

int jh_rank_indicators_run(const jh_study *s, const jh_rank_indicators_opts *opts,
                           jh_diag *diag, jh_rank_indicators_table **out)
{
    jh_index_id id = opts->index;
    int weighted = opts->weighted, base_year = opts->base_year;
    size_t stratum = opts->stratum;
    const jh_dataset *d = s->data;
    size_t nr = d->regions.n, ni = d->indicators.n, ny = d->n_years, base = 0;
    size_t n_rows = 0, n_neutral = 0, n_unweighted = 0;
    jh_rank_indicators_table *t = calloc(1, sizeof *t);
    double *x = malloc((nr ? nr : 1) * sizeof *x), *w = malloc((nr ? nr : 1) * sizeof *w);
    jh_workspace *ws = jh_workspace_alloc(nr ? nr : 1);
    int rc = JH_OK;
    if (!t || !x || !w || !ws) {
        rc = JH_ENOMEM;
        goto done;
    }
    if (base_year) {
        for (base = 0; base < ny && d->years[base] != base_year; base++)
            ;
        if (base == ny) {
            jh_diag_add(diag, JH_DIAG_ERROR, NULL, 0, 0,
                        "base year %d is not in the data (first %d, last %d)",
                        base_year, ny ? d->years[0] : 0, ny ? d->years[ny - 1] : 0);
            rc = JH_ENOTFOUND;
            goto done;
        }
    }
    t->base_year = base;
    t->rows = malloc((ni * ny + 1) * sizeof *t->rows);
    if (!t->rows) {
        rc = JH_ENOMEM;
        goto done;
    }
    for (size_t y = 0; y < ny; y++) {
        size_t first = n_rows;
        for (size_t k = 0; k < ni; k++) {
            if (jh_study_direction(s, k) == JH_DIRECTION_NEUTRAL) {
                n_neutral += y == 0;
                continue;
            }
            const double *v = jh_dataset_slice(d, k, y, stratum);
            const double *wt = weighted ? jh_study_weights(s, k, y, stratum) : NULL;
            if (weighted && !wt)
                n_unweighted += y == 0;
            /* The one gatherer and its rule for weights (slice.h). */
            jh_slice g = {.x = x, .w = w};
            jh_slice_begin(&g);
            jh_slice_add(&g, v, wt, nr, NULL);
            size_t n = g.n;
            jh_rank_ind_row *row = &t->rows[n_rows++];
            memset(row, 0, sizeof *row);
            row->indicator = k;
            row->year = y;
            row->n = n;
            row->value = NAN;
            row->change_prev = row->change_base = NAN;
            if (n == 0) {
                row->status = JH_EEMPTY;
                continue;
            }
            if (wt && !jh_slice_weights_usable(&g)) {
                row->status = JH_EWEIGHT;
                jh_slice_report_weights(&g, d, k, y, jh_dataset_stratum_name(d, stratum),
                                        jh_study_weight_name(s, k), "index", diag, NULL);
                continue;
            }
            jh_index_set set;
            if ((row->status = jh_indices_all(x, wt ? w : NULL, n, ws, &set)) == JH_OK) {
                row->status = set.status[id];
                row->value = set.value[id];
            }
            if (row->status)
                row->value = NAN;
        }
        /* rank within the year */
        size_t m = n_rows - first, ranked = 0;
        qsort(t->rows + first, m, sizeof *t->rows, cmp_ind_rows);
        for (size_t i = 0; i < m; i++)
            ranked += t->rows[first + i].status == JH_OK;
        for (size_t i = 0; i < m; i++) {
            jh_rank_ind_row *row = &t->rows[first + i];
            row->n_ranked = ranked;
            if (row->status == JH_OK) {
                row->rank = i + 1;
                /* quintile of the rank: tier = 1 + floor(5 (rank - 1) / n) */
                row->tier = 1 + (int)(5 * (row->rank - 1) / ranked);
            }
        }
    }
    /* Changes: look the same indicator up in the previous and the base
     * year through an [indicator][year] index of the rows. */
    {
        size_t *at = malloc((ni * ny + 1) * sizeof *at);
        if (!at) {
            rc = JH_ENOMEM;
            goto done;
        }
        for (size_t i = 0; i < ni * ny; i++)
            at[i] = JH_NONE;
        for (size_t i = 0; i < n_rows; i++)
            at[t->rows[i].indicator * ny + t->rows[i].year] = i;
        for (size_t i = 0; i < n_rows; i++) {
            jh_rank_ind_row *row = &t->rows[i];
            if (row->status != JH_OK)
                continue;
            if (row->year > 0) {
                const jh_rank_ind_row *p = &t->rows[at[row->indicator * ny + row->year - 1]];
                if (p->status == JH_OK)
                    row->change_prev = row->value - p->value;
            }
            const jh_rank_ind_row *b = &t->rows[at[row->indicator * ny + base]];
            if (b->status == JH_OK)
                row->change_base = row->value - b->value;
        }
        free(at);
    }
    t->n = n_rows;
    if (n_neutral)
        NOTE(diag, "neutral indicators (e.g. population counts) are not ranked: %zu", n_neutral);
    if (n_unweighted)
        NOTE(diag, "indicators without weights (catalog weight none, or no weight column), "
             "ranked by their unweighted index: %zu", n_unweighted);
done:
    free(x);
    free(w);
    jh_workspace_free(ws);
    if (rc) {
        jh_rank_indicators_table_free(t);
        t = NULL;
    }
    *out = t;
    return rc;
}

/* ---- counties ranked by a composite score ------------------------------ */

void jh_rank_counties_table_free(jh_rank_counties_table *t)
{
    if (!t)
        return;
    free(t->rows);
    for (size_t i = 0; i < t->n_domains; i++)
        free(t->domain_names[i]);
    free(t->domain_names);
    jh_intern_clear(&t->prefectures);
    free(t->weights);
    free(t->ahp);
    free(t->store);
    free(t->istore);
    free(t);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Work space of one year's scoring, sized once. */
struct scratch {
    double *x;     /* [nr * m] raw matrix of the counties kept */
    double *z;     /* [nr * m] normalised */
    double *zmm;   /* [nr * m] min-max normalised, for obstacles */
    double *o;     /* [nr * m] obstacle degrees */
    double *sub;   /* [nr * m] a domain's columns */
    double *w;     /* [m] weights */
    double *info;  /* [m] entropy or C_j */
    double *wsub;  /* [m] a domain's weights */
    double *lo, *hi; /* [m] pooled ranges */
    double *s;     /* [nr] scores */
    double *dp, *dm; /* [nr] TOPSIS distances */
    double *u;     /* [n_domains] one county's domain scores */
    int *dir;      /* [m] directions */
    int *dsub;     /* [m] a domain's directions */
    size_t *keep;  /* [nr] data regions of the matrix rows */
    size_t *order; /* [nr] for ranking */
};

static void scratch_free(struct scratch *w)
{
    free(w->x); free(w->z); free(w->zmm); free(w->o); free(w->sub);
    free(w->w); free(w->info); free(w->wsub); free(w->lo); free(w->hi);
    free(w->s); free(w->dp); free(w->dm); free(w->u); free(w->dir);
    free(w->dsub); free(w->keep); free(w->order);
}

static int scratch_alloc(struct scratch *w, size_t nr, size_t m, size_t nd)
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

/* Ranking by score, best first; ties by data region order. */
struct rank_ctx_item { double s; size_t r; size_t pos; };
static int cmp_score(const void *a, const void *b)
{
    const struct rank_ctx_item *x = a, *y = b;
    if (x->s != y->s)
        return x->s < y->s ? 1 : -1;
    return (x->r > y->r) - (x->r < y->r);
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
static int score_columns(const jh_rank_counties_opts *o, struct scratch *w, size_t n,
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

/* The matrix of year y: x[n * m] for the counties with every selected
 * value (imputed when asked), their data regions in keep; returns n. */
static size_t year_matrix(const jh_study *s, const jh_rank_counties_opts *o, const size_t *cols,
                          size_t m, const size_t *group_of, size_t y, double *filled,
                          double *x, size_t *keep)
{
    const jh_dataset *d = s->data;
    size_t nr = d->regions.n, n = 0;
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
            }
            filled[c * nr + r] = xv;
        }
    }
    for (size_t r = 0; r < nr; r++) {
        size_t c;
        for (c = 0; c < m && !isnan(filled[c * nr + r]); c++)
            ;
        if (c < m)
            continue;
        keep[n] = r;
        for (c = 0; c < m; c++)
            x[n * m + c] = filled[c * nr + r];
        n++;
    }
    return n;
}

/* The objective method of o: entropy or CRITIC, or EQUAL when none. */
static jh_weight_method objective_of(const jh_rank_counties_opts *o)
{
    jh_weight_method k = o->weights == JH_WEIGHTS_COMBINED ? o->objective : o->weights;
    return k == JH_WEIGHTS_ENTROPY || k == JH_WEIGHTS_CRITIC ? k : JH_WEIGHTS_EQUAL;
}

/* Objective weights of the normalised n x m matrix z into w and info. */
static int objective_weights(const jh_rank_counties_opts *o, const double *z, size_t n, size_t m,
                             double *w, double *info)
{
    switch (objective_of(o)) {
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
static int base_weights(const jh_study *s, const jh_rank_counties_opts *o, const size_t *cols,
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
        n += year_matrix(s, o, cols, m, group_of, y, filled, x + n * m, keep);
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
        rc = objective_weights(o, z, n, m, wo, info);
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

static const char *method_name_in(jh_weight_method k, int zh)
{
    switch (k) {
    case JH_WEIGHTS_ENTROPY: return zh ? "熵值法" : "entropy";
    case JH_WEIGHTS_CRITIC: return zh ? "CRITIC法" : "CRITIC";
    case JH_WEIGHTS_FIXED: return zh ? "固定权重" : "fixed";
    case JH_WEIGHTS_AHP: return zh ? "层次分析法（AHP）" : "AHP";
    case JH_WEIGHTS_COMBINED: return zh ? "组合赋权" : "combined";
    default: return zh ? "等权" : "equal";
    }
}

static const char *method_name(jh_weight_method k)
{
    return method_name_in(k, 0);
}

/* The CR of the AHP matrix holding code (NaN when none): t->ahp[k] is
 * the check of o->subj.ahp[k]. */
static double cr_of(const jh_rank_counties_opts *o, const jh_rank_counties_table *t, const char *code)
{
    for (size_t k = 0; *code && k < t->n_ahp; k++)
        for (size_t j = 0; j < o->subj.ahp[k]->n; j++)
            if (strcmp(o->subj.ahp[k]->code[j], code) == 0)
                return t->ahp[k].c.cr;
    return NAN;
}

/* The weighting in words in one language (zh 1: Chinese), into out. */
static void weighting_words(const jh_rank_counties_opts *o, const jh_rank_counties_table *t, int zh,
                            char *out, size_t size)
{
    char subj[96] = "", base[64] = "", cr[64] = "";
    size_t len;
    jh_weight_method obj = objective_of(o);
    if (o->weights == JH_WEIGHTS_COMBINED)
        snprintf(subj, sizeof subj, "%s %s %s",
                 method_name_in(o->subj.fixed ? JH_WEIGHTS_FIXED : JH_WEIGHTS_AHP, zh),
                 o->combine == JH_COMBINE_LINEAR ? "+" : "x", method_name_in(obj, zh));
    if (o->weights == JH_WEIGHTS_COMBINED && o->combine == JH_COMBINE_LINEAR) {
        len = strlen(subj);
        snprintf(subj + len, sizeof subj - len, zh ? "，线性，α = %g" : ", linear, alpha %g",
                 o->alpha);
    }
    if (!isnan(t->cr_max)) {
        if (zh)
            snprintf(cr, sizeof cr, "%s%zu个判断矩阵，CR %s%.4f", *subj ? "；" : "", t->n_ahp,
                     t->n_ahp == 1 ? "" : "≤ ", t->cr_max);
        else
            snprintf(cr, sizeof cr, "%s%zu matri%s, CR %s%.4f", *subj ? "; " : "", t->n_ahp,
                     t->n_ahp == 1 ? "x" : "ces", t->n_ahp == 1 ? "" : "<= ", t->cr_max);
    }
    if (o->weights_base && obj != JH_WEIGHTS_EQUAL) {
        if (o->weights_base == JH_WEIGHTS_BASE_POOLED)
            snprintf(base, sizeof base, zh ? "；%s权重取各年合并数据并逐年固定"
                                           : "; %s held from all years pooled",
                     method_name_in(obj, zh));
        else
            snprintf(base, sizeof base, zh ? "；%s权重取%d年并逐年固定" : "; %s held from %d",
                     method_name_in(obj, zh), o->weights_base);
    }
    snprintf(out, size, "%s%s%s%s%s%s", method_name_in(o->weights, zh),
             *subj || *cr ? (zh ? "（" : " (") : "", subj, cr,
             *subj || *cr ? (zh ? "）" : ")") : "", base);
}

/* t->weighting (and its Chinese twin), t->cr_max and the note on the
 * weights. */
static void describe_weights(const jh_rank_counties_opts *o, jh_rank_counties_table *t, jh_diag *diag,
                             int say)
{
    t->cr_max = NAN;
    for (size_t k = 0; k < t->n_ahp; k++)
        if (isnan(t->cr_max) || t->ahp[k].c.cr > t->cr_max)
            t->cr_max = t->ahp[k].c.cr;
    weighting_words(o, t, 0, t->weighting, sizeof t->weighting);
    weighting_words(o, t, 1, t->weighting_zh, sizeof t->weighting_zh);
    if (!say)
        return; /* entropy, CRITIC and equal per year: said in the "scores" note */
    NOTE(diag, "weights: %s", t->weighting);
    for (size_t k = 0; k < t->n_ahp; k++)
        NOTE(diag, "AHP %s: n %zu, lambda_max %.5f, CI %.5f, RI %.2f, CR %.4f", t->ahp[k].path,
             t->ahp[k].n, t->ahp[k].c.lambda_max, t->ahp[k].c.ci, t->ahp[k].c.ri,
             t->ahp[k].c.cr);
    if (o->weights_base && objective_of(o) == JH_WEIGHTS_EQUAL)
        NOTE(diag, "--weights-base has no effect: %s weights do not change with the year",
             method_name(o->weights));
    else if (o->weights_base && !o->fixed_range)
        NOTE(diag, "weights held over the years, but each year is normalised on its own "
             "range: add --fixed-range for scores comparable over time");
}

int jh_rank_counties_run(const jh_study *s, const jh_rank_counties_opts *o, jh_diag *diag,
                         jh_rank_counties_table **out)
{
    const jh_dataset *d = s->data;
    size_t nr = d->regions.n, ni = d->indicators.n, ny = d->n_years;
    size_t m = 0, nd = 0, nob = o->n_obstacles, n_neutral = 0, n_nodata = 0;
    size_t *cols = NULL, *dom_of = NULL, *group_of = NULL, *dcols = NULL, *prev_rank = NULL;
    double *filled = NULL, *ws = NULL, *wo_base = NULL, *info_base = NULL, *wo = NULL;
    struct scratch w;
    jh_rank_counties_table *t = calloc(1, sizeof *t);
    int rc = JH_OK;
    memset(&w, 0, sizeof w);
    *out = NULL;
    if (!t)
        return JH_ENOMEM;
    jh_intern_init(&t->prefectures);
    if (o->weights == JH_WEIGHTS_CATALOG) {
        jh_diag_add(diag, JH_DIAG_ERROR, NULL, 0, 0,
                    "the indicator catalog gives no composite weights (its weight column "
                    "names a population weight); use entropy, critic or equal");
        rc = JH_EINVAL;
        goto done;
    }
    if ((o->weights == JH_WEIGHTS_FIXED || o->weights == JH_WEIGHTS_AHP ||
         o->weights == JH_WEIGHTS_COMBINED) && !o->subj.fixed && !o->subj.n_ahp) {
        jh_diag_add(diag, JH_DIAG_ERROR, NULL, 0, 0, "%s weights need a weights file",
                    method_name(o->weights));
        rc = JH_EINVAL;
        goto done;
    }
    if (objective_of(o) == JH_WEIGHTS_ENTROPY && o->norm == JH_NORM_ZSCORE) {
        jh_diag_add(diag, JH_DIAG_ERROR, NULL, 0, 0,
                    "entropy weights need values >= 0: use min-max normalisation, "
                    "or critic or equal weights with z-scores");
        rc = JH_EINVAL;
        goto done;
    }
    /* Columns: selected, non-neutral indicators. */
    cols = malloc((ni + 1) * sizeof *cols);
    dom_of = malloc((ni + 1) * sizeof *dom_of);
    group_of = malloc((nr + 1) * sizeof *group_of);
    filled = malloc((ni * nr + 1) * sizeof *filled);
    prev_rank = malloc((nr + 1) * sizeof *prev_rank);
    t->domain_names = malloc((ni + 1) * sizeof *t->domain_names);
    if (!cols || !dom_of || !group_of || !filled || !prev_rank || !t->domain_names) {
        rc = JH_ENOMEM;
        goto done;
    }
    for (size_t k = 0; k < ni; k++) {
        if (o->ind_sel && !o->ind_sel[k])
            continue;
        if (jh_study_direction(s, k) == JH_DIRECTION_NEUTRAL) {
            n_neutral++;
            continue;
        }
        /* an indicator without a single value in the stratum (e.g. one
         * reported for the total only) would leave every county out */
        int any = 0;
        for (size_t y = 0; y < ny && !any; y++) {
            const double *v = jh_dataset_slice(d, k, y, o->stratum);
            for (size_t r = 0; r < nr && !any; r++)
                any = (!o->year_sel || o->year_sel[y]) && !isnan(v[r]);
        }
        if (!any) {
            n_nodata++;
            continue;
        }
        cols[m++] = k;
    }
    if (m == 0) {
        jh_diag_add(diag, JH_DIAG_ERROR, NULL, 0, 0, "no indicator to score (neutral "
                    "indicators such as population counts never enter)");
        rc = JH_EEMPTY;
        goto done;
    }
    /* Domains, sorted by name so that output columns do not depend on the
     * order of the catalog. */
    for (size_t c = 0; c < m; c++) {
        const char *dn = jh_study_domain(s, cols[c]);
        size_t i;
        for (i = 0; i < nd && strcmp(t->domain_names[i], dn) != 0; i++)
            ;
        if (i == nd) {
            if (!(t->domain_names[nd] = strdup(dn))) {
                rc = JH_ENOMEM;
                goto done;
            }
            nd++;
        }
    }
    t->n_domains = nd;
    qsort(t->domain_names, nd, sizeof *t->domain_names, cmp_str);
    for (size_t c = 0; c < m; c++)
        for (size_t i = 0; i < nd; i++)
            if (strcmp(t->domain_names[i], jh_study_domain(s, cols[c])) == 0)
                dom_of[c] = i;
    /* Prefectures: for the output always, for imputation when asked. */
    {
        jh_diag quiet;
        jh_diag_init(&quiet, 1);
        int g = s->regions ? jh_study_groups(s, "prefecture", group_of, &t->prefectures, &quiet)
                           : JH_ENOTFOUND;
        jh_diag_clear(&quiet);
        if (g == JH_ENOMEM) {
            rc = g;
            goto done;
        }
        if (g != JH_OK) {
            for (size_t r = 0; r < nr; r++)
                group_of[r] = JH_NONE;
            if (o->impute == JH_IMPUTE_PREFECTURE) {
                jh_diag_add(diag, JH_DIAG_ERROR, NULL, 0, 0,
                            "--impute prefecture-mean needs a region catalog with a "
                            "prefecture column");
                rc = JH_ENOTFOUND;
                goto done;
            }
        }
    }
    if ((rc = scratch_alloc(&w, nr, m, nd)))
        goto done;
    ws = malloc((m + 1) * sizeof *ws);
    wo_base = malloc((m + 1) * sizeof *wo_base);
    info_base = malloc((m + 1) * sizeof *info_base);
    wo = malloc((m + 1) * sizeof *wo);
    if (!ws || !wo_base || !info_base || !wo) {
        rc = JH_ENOMEM;
        goto done;
    }
    if (o->subj.fixed || o->subj.n_ahp) {
        int subjective = o->weights == JH_WEIGHTS_FIXED || o->weights == JH_WEIGHTS_AHP ||
                         o->weights == JH_WEIGHTS_COMBINED;
        if (subjective && (rc = jh_subjective_weights(s, cols, m, &o->subj, diag, ws, &t->ahp,
                                                      &t->n_ahp)))
            goto done;
    }
    dcols = malloc((m + 1) * sizeof *dcols);
    /* Rows: every selected year x region; arrays in one store. */
    size_t nyears = 0;
    for (size_t y = 0; y < ny; y++)
        nyears += !o->year_sel || o->year_sel[y];
    if (nyears == 0) {
        jh_diag_add(diag, JH_DIAG_ERROR, NULL, 0, 0, "no year selected");
        rc = JH_EEMPTY;
        goto done;
    }
    t->n_obstacles = nob;
    t->rows = calloc(nyears * nr + 1, sizeof *t->rows);
    t->store = malloc((nyears * nr * (nd + nob) + 1) * sizeof *t->store);
    t->istore = malloc((nyears * nr * nob + 1) * sizeof *t->istore);
    t->weights = malloc((nyears * m + 1) * sizeof *t->weights);
    if (!dcols || !t->rows || !t->store || !t->istore || !t->weights) {
        rc = JH_ENOMEM;
        goto done;
    }
    t->n_indicators_used = m;
    for (size_t r = 0; r < nr; r++)
        prev_rank[r] = 0;
    size_t prev_year_row0 = JH_NONE;
    int any_prev = 0;

    /* Pass 1: imputed values for every selected year, and the pooled range. */
    for (size_t c = 0; c < m; c++) {
        w.lo[c] = INFINITY;
        w.hi[c] = -INFINITY;
        w.dir[c] = jh_study_direction(s, cols[c]) == JH_DIRECTION_LOWER ? -1 : 1;
    }
    size_t row0 = 0;
    for (size_t y = 0; y < ny; y++) {
        if (o->year_sel && !o->year_sel[y])
            continue;
        /* filled[c * nr + r]: the value, imputed when asked */
        for (size_t c = 0; c < m; c++) {
            const double *v = jh_dataset_slice(d, cols[c], y, o->stratum);
            double pm = group_mean(v, nr, group_of, JH_NONE);
            for (size_t r = 0; r < nr; r++) {
                double x = v[r];
                if (isnan(x) && o->impute != JH_IMPUTE_NONE) {
                    if (o->impute == JH_IMPUTE_PREFECTURE && group_of[r] != JH_NONE)
                        x = group_mean(v, nr, group_of, group_of[r]);
                    if (isnan(x))
                        x = pm;
                    if (!isnan(x)) {
                        t->rows[row0 + r].n_imputed++;
                        t->n_imputed++;
                    }
                }
                filled[c * nr + r] = x;
            }
        }
        /* keep the counties with every value */
        size_t n = 0;
        for (size_t r = 0; r < nr; r++) {
            jh_rank_county_row *row = &t->rows[row0 + r];
            size_t c;
            row->year = y;
            row->region = r;
            row->prefecture = group_of[r];
            row->domain = t->store + (row0 + r) * (nd + nob);
            row->obstacle_deg = row->domain + nd;
            row->obstacle = t->istore + (row0 + r) * nob;
            row->score = row->coupling_c = row->coupling_t = row->coupling_d = NAN;
            row->coord_class = -1;
            for (size_t i = 0; i < nd; i++)
                row->domain[i] = NAN;
            for (size_t i = 0; i < nob; i++) {
                row->obstacle[i] = JH_NONE;
                row->obstacle_deg[i] = NAN;
            }
            for (c = 0; c < m && !isnan(filled[c * nr + r]); c++)
                ;
            if (c < m) {
                t->n_left_out++;
                continue;
            }
            w.keep[n] = r;
            for (c = 0; c < m; c++) {
                double x = filled[c * nr + r];
                w.x[n * m + c] = x;
                w.lo[c] = fmin(w.lo[c], x);
                w.hi[c] = fmax(w.hi[c], x);
            }
            n++;
        }
        row0 += nr;
        (void)n;
    }

    int held = o->weights_base && objective_of(o) != JH_WEIGHTS_EQUAL;
    if (held && (rc = base_weights(s, o, cols, m, group_of, filled, &w, diag, wo_base,
                                   info_base)))
        goto done;

    /* Pass 2: score each year (the matrix is rebuilt from the dataset and
     * the imputation rule again: cheap, and keeps one matrix in memory). */
    row0 = 0;
    for (size_t y = 0; y < ny; y++) {
        if (o->year_sel && !o->year_sel[y])
            continue;
        size_t n = year_matrix(s, o, cols, m, group_of, y, filled, w.x, w.keep);
        if (n < 2) {
            NOTE(diag, "%d: fewer than two counties with every value; year not ranked", d->years[y]);
            row0 += nr;
            any_prev = 0;
            continue;
        }
        int st = jh_normalise(w.x, n, m, w.dir, o->norm, o->fixed_range ? w.lo : NULL,
                              o->fixed_range ? w.hi : NULL, w.z);
        if (!st)
            st = jh_normalise(w.x, n, m, w.dir, JH_NORM_MINMAX, o->fixed_range ? w.lo : NULL,
                              o->fixed_range ? w.hi : NULL, w.zmm);
        /* objective part (held or this year's), then the subjective part
         * alone or combined with it */
        if (!st && held) {
            memcpy(w.w, wo_base, m * sizeof *w.w);
            memcpy(w.info, info_base, m * sizeof *w.info);
        } else if (!st) {
            st = objective_weights(o, w.z, n, m, w.w, w.info);
        }
        if (!st) {
            memcpy(wo, w.w, m * sizeof *wo); /* the objective part, for the table */
            if (o->weights == JH_WEIGHTS_COMBINED)
                st = jh_combine_weights(ws, wo, m, o->combine, o->alpha, w.w);
            else if (o->weights == JH_WEIGHTS_FIXED || o->weights == JH_WEIGHTS_AHP)
                memcpy(w.w, ws, m * sizeof *w.w);
        }
        if (!st) {
            for (size_t c = 0; c < m; c++)
                dcols[c] = c;
            st = score_columns(o, &w, n, m, dcols, m, w.s);
        }
        if (st) {
            NOTE(diag, "%d: scores undefined (%s); year not ranked", d->years[y], jh_strerror(st));
            row0 += nr;
            any_prev = 0;
            continue;
        }
        for (size_t c = 0; c < m; c++) {
            jh_rank_weight *rw = &t->weights[t->n_weights++];
            rw->year = y;
            rw->indicator = cols[c];
            rw->weight = w.w[c];
            rw->info = w.info[c];
            rw->subjective = o->weights == JH_WEIGHTS_FIXED || o->weights == JH_WEIGHTS_AHP ||
                             o->weights == JH_WEIGHTS_COMBINED ? ws[c] : NAN;
            rw->objective = objective_of(o) != JH_WEIGHTS_EQUAL &&
                            o->weights != JH_WEIGHTS_FIXED && o->weights != JH_WEIGHTS_AHP
                            ? wo[c] : NAN;
            rw->cr = cr_of(o, t, d->indicators.str[cols[c]]);
            rw->cr_domain = cr_of(o, t, jh_study_domain(s, cols[c]));
        }
        /* overall score and rank */
        struct rank_ctx_item *items = malloc(n * sizeof *items);
        if (!items) {
            rc = JH_ENOMEM;
            goto done;
        }
        for (size_t i = 0; i < n; i++) {
            items[i].s = w.s[i];
            items[i].r = w.keep[i];
            items[i].pos = i;
            jh_rank_county_row *row = &t->rows[row0 + w.keep[i]];
            row->ranked = 1;
            row->score = w.s[i];
        }
        qsort(items, n, sizeof *items, cmp_score);
        for (size_t i = 0; i < n; i++) {
            jh_rank_county_row *row = &t->rows[row0 + items[i].r];
            row->rank = i + 1;
            if (any_prev && prev_year_row0 != JH_NONE && prev_rank[items[i].r]) {
                row->has_change = 1;
                row->rank_change = (long)prev_rank[items[i].r] - (long)row->rank;
            }
        }
        free(items);
        for (size_t r = 0; r < nr; r++)
            prev_rank[r] = t->rows[row0 + r].rank;
        prev_year_row0 = row0;
        any_prev = 1;
        /* domain scores */
        for (size_t g = 0; g < nd; g++) {
            size_t mc = 0;
            for (size_t c = 0; c < m; c++)
                if (dom_of[c] == g)
                    dcols[mc++] = c;
            if (mc == 0 || score_columns(o, &w, n, m, dcols, mc, w.s) != JH_OK)
                continue;
            for (size_t i = 0; i < n; i++)
                t->rows[row0 + w.keep[i]].domain[g] = w.s[i];
        }
        /* coupling coordination of the domain scores */
        for (size_t i = 0; nd >= 2 && o->norm == JH_NORM_MINMAX && i < n; i++) {
            jh_rank_county_row *row = &t->rows[row0 + w.keep[i]];
            double c, tt, dd;
            if (jh_coupling(row->domain, nd, NULL, o->coupling, &c, &tt, &dd) == JH_OK) {
                row->coupling_c = c;
                row->coupling_t = tt;
                row->coupling_d = dd;
                row->coord_class = jh_coupling_class(dd);
            }
        }
        /* obstacle degrees: the top nob of each county, by degree, ties by
         * column order (selection by repeated scans: nob is small) */
        if (nob && jh_obstacle_degree(w.zmm, n, m, w.w, w.o) == JH_OK) {
            for (size_t i = 0; i < n; i++) {
                jh_rank_county_row *row = &t->rows[row0 + w.keep[i]];
                for (size_t q = 0; q < nob && q < m; q++) {
                    size_t best = JH_NONE;
                    for (size_t c = 0; c < m; c++) {
                        int taken = 0;
                        for (size_t p = 0; p < q; p++)
                            taken |= row->obstacle[p] == cols[c];
                        if (!taken && w.o[i * m + c] > 0 &&
                            (best == JH_NONE || w.o[i * m + c] > w.o[i * m + best]))
                            best = c;
                    }
                    if (best == JH_NONE)
                        break;
                    row->obstacle[q] = cols[best];
                    row->obstacle_deg[q] = w.o[i * m + best];
                }
            }
        }
        row0 += nr;
    }
    t->n = row0;
    NOTE(diag, "scores: %s normalisation%s, %s weights%s, %s%s; %zu indicators",
         o->norm == JH_NORM_MINMAX ? "min-max" : "z-score",
         o->fixed_range ? " with the range pooled over the selected years" : "",
         method_name(o->weights),
         objective_of(o) != JH_WEIGHTS_ENTROPY ? ""
         : o->entropy_shift > 0 ? " (values shifted into [eps, 1])" : " (0 ln 0 = 0)",
         o->method == JH_SCORE_WSUM ? "weighted sum" : "TOPSIS",
         o->method == JH_SCORE_WSUM ? ""
         : o->topsis_form == JH_TOPSIS_TEXTBOOK ? " (textbook: v = w r)" : " (weight outside the square)",
         m);
    describe_weights(o, t, diag, o->weights >= JH_WEIGHTS_FIXED || o->weights_base);
    if (o->entropy_shift > 0 && objective_of(o) == JH_WEIGHTS_ENTROPY)
        NOTE(diag, "entropy shift eps = %g", o->entropy_shift);
    if (n_neutral)
        NOTE(diag, "neutral indicators (e.g. population counts) left out of the scores: %zu", n_neutral);
    if (n_nodata)
        NOTE(diag, "indicators without values in this stratum and these years, left out: %zu",
             n_nodata);
    if (!s->indicators)
        NOTE(diag, "no indicator catalog: every indicator counts as higher-is-better, in no domain");
    if (t->n_imputed)
        NOTE(diag, "missing values imputed with the %s mean: %zu",
             o->impute == JH_IMPUTE_PREFECTURE ? "prefecture" : "province", t->n_imputed);
    if (t->n_left_out)
        NOTE(diag, "county-years left out of the ranking for missing values "
             "(--impute none): %zu", t->n_left_out);
    if (nd >= 2 && o->norm != JH_NORM_MINMAX)
        NOTE(diag, "coupling coordination needs scores in [0, 1]: not computed with z-scores");
done:
    free(cols);
    free(dom_of);
    free(group_of);
    free(filled);
    free(prev_rank);
    free(dcols);
    free(ws);
    free(wo_base);
    free(info_base);
    free(wo);
    scratch_free(&w);
    if (rc) {
        jh_rank_counties_table_free(t);
        return rc;
    }
    *out = t;
    return JH_OK;
}
