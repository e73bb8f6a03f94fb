/* Counties ranked by a composite score: normalisation, weights (objective
 * per year or held, subjective, combined), weighted sum or TOPSIS, domain
 * scores, coupling coordination and obstacle degrees.  See
 * include/junheng/rank.h; the words about the weights are rank_words.c's. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "rank_internal.h"

#define NOTE(d, ...) jh_diag_add((d), JH_DIAG_WARNING, NULL, 0, 0, __VA_ARGS__)

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

/* Ranking by score, best first; ties by data region order. */
struct rank_ctx_item { double s; size_t r; size_t pos; };
static int cmp_score(const void *a, const void *b)
{
    const struct rank_ctx_item *x = a, *y = b;
    if (x->s != y->s)
        return x->s < y->s ? 1 : -1;
    return (x->r > y->r) - (x->r < y->r);
}

/* The CR of the AHP matrix holding code (NaN when none): t->ahp[k] is
 * the check of o->subj.ahp[k]. */
static double cr_of(const jh_rank_counties_opts *o, const jh_rank_counties_table *t,
                    const char *code)
{
    for (size_t k = 0; *code && k < t->n_ahp; k++)
        for (size_t j = 0; j < o->subj.ahp[k]->n; j++)
            if (strcmp(o->subj.ahp[k]->code[j], code) == 0)
                return t->ahp[k].c.cr;
    return NAN;
}

/* One scoring: the options, the columns scored, the work space. */
struct crun {
    const jh_study *s;
    const jh_rank_counties_opts *o;
    jh_diag *diag;
    jh_rank_counties_table *t;
    size_t nr, m, nd, nob;
    size_t n_neutral, n_nodata; /* indicators left out, for the notes */
    size_t *cols;      /* [m] the data indicators scored */
    size_t *dom_of;    /* [m] their domains (positions in t->domain_names) */
    size_t *group_of;  /* [nr] prefecture of each region, or JH_NONE */
    size_t *dcols;     /* [m] the columns of one score */
    size_t *prev_rank; /* [nr] ranks of the last year ranked (0: none) */
    double *filled;    /* [m * nr] one year's values, imputed when asked */
    double *ws;        /* [m] subjective weights */
    double *wo_base, *info_base; /* [m] objective weights held (weights_base) */
    double *wo;        /* [m] one year's objective part */
    int held;          /* the objective weights are wo_base in every year */
    int any_prev;      /* the year before was ranked: rank changes exist */
    struct scratch w;
};

static int subjective(const jh_rank_counties_opts *o)
{
    return o->weights == JH_WEIGHTS_FIXED || o->weights == JH_WEIGHTS_AHP ||
           o->weights == JH_WEIGHTS_COMBINED;
}

/* Option combinations that cannot score: an error in diag, JH_EINVAL. */
static int check_options(const jh_rank_counties_opts *o, jh_diag *diag)
{
    const char *why = NULL;
    if (o->weights == JH_WEIGHTS_CATALOG)
        why = "the indicator catalog gives no composite weights (its weight column "
              "names a population weight); use entropy, critic or equal";
    else if (subjective(o) && !o->subj.fixed && !o->subj.n_ahp)
        jh_diag_add(diag, JH_DIAG_ERROR, NULL, 0, 0, "%s weights need a weights file",
                    jh_weight_method_name(o->weights, 0));
    else if (rank_objective_of(o) == JH_WEIGHTS_ENTROPY && o->norm == JH_NORM_ZSCORE)
        why = "entropy weights need values >= 0: use min-max normalisation, "
              "or critic or equal weights with z-scores";
    else
        return JH_OK;
    if (why)
        jh_diag_add(diag, JH_DIAG_ERROR, NULL, 0, 0, "%s", why);
    return JH_EINVAL;
}

static int alloc_run(struct crun *r)
{
    size_t ni = r->s->data->indicators.n, nr = r->nr;
    r->cols = malloc((ni + 1) * sizeof *r->cols);
    r->dom_of = malloc((ni + 1) * sizeof *r->dom_of);
    r->group_of = malloc((nr + 1) * sizeof *r->group_of);
    r->filled = malloc((ni * nr + 1) * sizeof *r->filled);
    r->prev_rank = calloc(nr + 1, sizeof *r->prev_rank);
    r->t->domain_names = malloc((ni + 1) * sizeof *r->t->domain_names);
    return r->cols && r->dom_of && r->group_of && r->filled && r->prev_rank &&
           r->t->domain_names ? JH_OK : JH_ENOMEM;
}

/* Whether indicator k has a value in the stratum in a selected year: one
 * reported for the total only would leave every county out. */
static int has_values(const struct crun *r, size_t k)
{
    const jh_dataset *d = r->s->data;
    const jh_rank_counties_opts *o = r->o;
    for (size_t y = 0; y < d->n_years; y++) {
        const double *v = jh_dataset_slice(d, k, y, o->stratum);
        for (size_t i = 0; i < r->nr; i++)
            if ((!o->year_sel || o->year_sel[y]) && !isnan(v[i]))
                return 1;
    }
    return 0;
}

/* The columns: the selected, non-neutral indicators with values. */
static int select_columns(struct crun *r)
{
    for (size_t k = 0; k < r->s->data->indicators.n; k++) {
        if (r->o->ind_sel && !r->o->ind_sel[k])
            continue;
        if (jh_study_direction(r->s, k) == JH_DIRECTION_NEUTRAL)
            r->n_neutral++;
        else if (!has_values(r, k))
            r->n_nodata++;
        else
            r->cols[r->m++] = k;
    }
    if (r->m)
        return JH_OK;
    jh_diag_add(r->diag, JH_DIAG_ERROR, NULL, 0, 0, "no indicator to score (neutral "
                "indicators such as population counts never enter)");
    return JH_EEMPTY;
}

/* The domains of the columns, sorted by name so that output columns do
 * not depend on the order of the catalog, and each column's domain. */
static int find_domains(struct crun *r)
{
    jh_rank_counties_table *t = r->t;
    for (size_t c = 0; c < r->m; c++) {
        const char *dn = jh_study_domain(r->s, r->cols[c]);
        size_t i;
        for (i = 0; i < r->nd && strcmp(t->domain_names[i], dn) != 0; i++)
            ;
        if (i < r->nd)
            continue;
        if (!(t->domain_names[r->nd] = strdup(dn)))
            return JH_ENOMEM;
        t->n_domains = ++r->nd;
    }
    qsort(t->domain_names, r->nd, sizeof *t->domain_names, cmp_str);
    for (size_t c = 0; c < r->m; c++)
        for (size_t i = 0; i < r->nd; i++)
            if (strcmp(t->domain_names[i], jh_study_domain(r->s, r->cols[c])) == 0)
                r->dom_of[c] = i;
    return JH_OK;
}

/* Prefectures: for the output always, for imputation when asked. */
static int find_prefectures(struct crun *r)
{
    jh_diag quiet;
    jh_diag_init(&quiet, 1);
    int g = r->s->regions ? jh_study_groups(r->s, "prefecture", r->group_of,
                                            &r->t->prefectures, &quiet)
                          : JH_ENOTFOUND;
    jh_diag_clear(&quiet);
    if (g == JH_ENOMEM || g == JH_OK)
        return g;
    for (size_t i = 0; i < r->nr; i++)
        r->group_of[i] = JH_NONE;
    if (r->o->impute != JH_IMPUTE_PREFECTURE)
        return JH_OK;
    jh_diag_add(r->diag, JH_DIAG_ERROR, NULL, 0, 0, "--impute prefecture-mean needs a region "
                "catalog with a prefecture column");
    return JH_ENOTFOUND;
}

/* The work space and the subjective weights (errors of the weights file
 * in diag). */
static int alloc_weights(struct crun *r)
{
    size_t m = r->m;
    int rc = rank_scratch_alloc(&r->w, r->nr, m, r->nd);
    if (rc)
        return rc;
    r->ws = malloc((m + 1) * sizeof *r->ws);
    r->wo_base = malloc((m + 1) * sizeof *r->wo_base);
    r->info_base = malloc((m + 1) * sizeof *r->info_base);
    r->wo = malloc((m + 1) * sizeof *r->wo);
    if (!r->ws || !r->wo_base || !r->info_base || !r->wo)
        return JH_ENOMEM;
    if ((r->o->subj.fixed || r->o->subj.n_ahp) && subjective(r->o) &&
        (rc = jh_subjective_weights(r->s, r->cols, m, &r->o->subj, r->diag, r->ws,
                                    &r->t->ahp, &r->t->n_ahp)))
        return rc;
    r->dcols = malloc((m + 1) * sizeof *r->dcols);
    return JH_OK;
}

/* The rows: every selected year x region, their arrays in one store. */
static int alloc_rows(struct crun *r)
{
    const jh_dataset *d = r->s->data;
    jh_rank_counties_table *t = r->t;
    size_t nyears = 0, nr = r->nr, nd = r->nd, nob = r->nob;
    for (size_t y = 0; y < d->n_years; y++)
        nyears += !r->o->year_sel || r->o->year_sel[y];
    if (nyears == 0) {
        jh_diag_add(r->diag, JH_DIAG_ERROR, NULL, 0, 0, "no year selected");
        return JH_EEMPTY;
    }
    t->n_obstacles = nob;
    t->rows = calloc(nyears * nr + 1, sizeof *t->rows);
    t->store = malloc((nyears * nr * (nd + nob) + 1) * sizeof *t->store);
    t->istore = malloc((nyears * nr * nob + 1) * sizeof *t->istore);
    t->weights = malloc((nyears * r->m + 1) * sizeof *t->weights);
    if (!r->dcols || !t->rows || !t->store || !t->istore || !t->weights)
        return JH_ENOMEM;
    t->n_indicators_used = r->m;
    return JH_OK;
}

/* Row i of the table (year y, region g) empty: no score, no domains, no
 * obstacles; its arrays pointed into the store. */
static void empty_row(struct crun *r, size_t i, size_t y, size_t g)
{
    jh_rank_counties_table *t = r->t;
    jh_rank_county_row *row = &t->rows[i];
    size_t nd = r->nd, nob = r->nob;
    row->year = y;
    row->region = g;
    row->prefecture = r->group_of[g];
    row->domain = t->store + i * (nd + nob);
    row->obstacle_deg = row->domain + nd;
    row->obstacle = t->istore + i * nob;
    row->score = row->coupling_c = row->coupling_t = row->coupling_d = NAN;
    row->coord_class = -1;
    for (size_t k = 0; k < nd; k++)
        row->domain[k] = NAN;
    for (size_t k = 0; k < nob; k++) {
        row->obstacle[k] = JH_NONE;
        row->obstacle_deg[k] = NAN;
    }
}

/* Pass 1: every selected year's rows, its imputations, the counties left
 * out, and the range of each column pooled over the years. */
static void first_pass(struct crun *r)
{
    const jh_dataset *d = r->s->data;
    struct scratch *w = &r->w;
    size_t nr = r->nr, m = r->m, row0 = 0;
    for (size_t c = 0; c < m; c++) {
        w->lo[c] = INFINITY;
        w->hi[c] = -INFINITY;
        w->dir[c] = jh_study_direction(r->s, r->cols[c]) == JH_DIRECTION_LOWER ? -1 : 1;
    }
    for (size_t y = 0; y < d->n_years; y++) {
        if (r->o->year_sel && !r->o->year_sel[y])
            continue;
        rank_fill_year(r->s, r->o, r->cols, m, r->group_of, y, r->filled, r->t->rows + row0,
                  &r->t->n_imputed);
        for (size_t g = 0; g < nr; g++) {
            empty_row(r, row0 + g, y, g);
            if (!rank_complete(r->filled, nr, m, g)) {
                r->t->n_left_out++;
                continue;
            }
            for (size_t c = 0; c < m; c++) {
                w->lo[c] = fmin(w->lo[c], r->filled[c * nr + g]);
                w->hi[c] = fmax(w->hi[c], r->filled[c * nr + g]);
            }
        }
        row0 += nr;
    }
}

/* The weights of one year's n x m matrix into w->w (and w->info, r->wo),
 * and the overall scores into w->s; a status other than JH_OK leaves the
 * year unranked. */
static int year_scores(struct crun *r, size_t n)
{
    const jh_rank_counties_opts *o = r->o;
    struct scratch *w = &r->w;
    size_t m = r->m;
    int st = jh_normalise(w->x, n, m, w->dir, o->norm, o->fixed_range ? w->lo : NULL,
                          o->fixed_range ? w->hi : NULL, w->z);
    if (!st)
        st = jh_normalise(w->x, n, m, w->dir, JH_NORM_MINMAX, o->fixed_range ? w->lo : NULL,
                          o->fixed_range ? w->hi : NULL, w->zmm);
    /* objective part (held or this year's), then the subjective part
     * alone or combined with it */
    if (!st && r->held) {
        memcpy(w->w, r->wo_base, m * sizeof *w->w);
        memcpy(w->info, r->info_base, m * sizeof *w->info);
    } else if (!st) {
        st = rank_objective_weights(o, w->z, n, m, w->w, w->info);
    }
    if (!st) {
        memcpy(r->wo, w->w, m * sizeof *r->wo); /* the objective part, for the table */
        if (o->weights == JH_WEIGHTS_COMBINED)
            st = jh_combine_weights(r->ws, r->wo, m, o->combine, o->alpha, w->w);
        else if (o->weights == JH_WEIGHTS_FIXED || o->weights == JH_WEIGHTS_AHP)
            memcpy(w->w, r->ws, m * sizeof *w->w);
    }
    if (st)
        return st;
    for (size_t c = 0; c < m; c++)
        r->dcols[c] = c;
    return rank_score_columns(o, w, n, m, r->dcols, m, w->s);
}

/* The weights of year y, one table row per column. */
static void keep_weights(struct crun *r, size_t y)
{
    const jh_rank_counties_opts *o = r->o;
    jh_rank_counties_table *t = r->t;
    for (size_t c = 0; c < r->m; c++) {
        jh_rank_weight *rw = &t->weights[t->n_weights++];
        rw->year = y;
        rw->indicator = r->cols[c];
        rw->weight = r->w.w[c];
        rw->info = r->w.info[c];
        rw->subjective = subjective(o) ? r->ws[c] : NAN;
        rw->objective = rank_objective_of(o) != JH_WEIGHTS_EQUAL &&
                        o->weights != JH_WEIGHTS_FIXED && o->weights != JH_WEIGHTS_AHP
                        ? r->wo[c] : NAN;
        rw->cr = cr_of(o, t, r->s->data->indicators.str[r->cols[c]]);
        rw->cr_domain = cr_of(o, t, jh_study_domain(r->s, r->cols[c]));
    }
}

/* The n scored counties of the year at row0 ranked by score, with their
 * change since the year before when it was ranked. */
static int rank_year(struct crun *r, size_t n, size_t row0)
{
    jh_rank_county_row *rows = r->t->rows + row0;
    struct rank_ctx_item *items = malloc((n + 1) * sizeof *items);
    if (!items)
        return JH_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        items[i] = (struct rank_ctx_item){r->w.s[i], r->w.keep[i], i};
        rows[r->w.keep[i]].ranked = 1;
        rows[r->w.keep[i]].score = r->w.s[i];
    }
    qsort(items, n, sizeof *items, cmp_score);
    for (size_t i = 0; i < n; i++) {
        jh_rank_county_row *row = &rows[items[i].r];
        row->rank = i + 1;
        if (r->any_prev && r->prev_rank[items[i].r]) {
            row->has_change = 1;
            row->rank_change = (long)r->prev_rank[items[i].r] - (long)row->rank;
        }
    }
    free(items);
    for (size_t g = 0; g < r->nr; g++)
        r->prev_rank[g] = rows[g].rank;
    r->any_prev = 1;
    return JH_OK;
}

/* Each domain's score (its columns, weights renormalised within it), and
 * the coupling coordination of the domain scores. */
static void domain_scores(struct crun *r, size_t n, size_t row0)
{
    jh_rank_county_row *rows = r->t->rows + row0;
    for (size_t g = 0; g < r->nd; g++) {
        size_t mc = 0;
        for (size_t c = 0; c < r->m; c++)
            if (r->dom_of[c] == g)
                r->dcols[mc++] = c;
        if (mc == 0 || rank_score_columns(r->o, &r->w, n, r->m, r->dcols, mc, r->w.s) != JH_OK)
            continue;
        for (size_t i = 0; i < n; i++)
            rows[r->w.keep[i]].domain[g] = r->w.s[i];
    }
    for (size_t i = 0; r->nd >= 2 && r->o->norm == JH_NORM_MINMAX && i < n; i++) {
        jh_rank_county_row *row = &rows[r->w.keep[i]];
        double c, tt, dd;
        if (jh_coupling(row->domain, r->nd, NULL, r->o->coupling, &c, &tt, &dd) == JH_OK) {
            row->coupling_c = c;
            row->coupling_t = tt;
            row->coupling_d = dd;
            row->coord_class = jh_coupling_class(dd);
        }
    }
}

/* The top nob obstacles of county i of the matrix (degrees in od, m a
 * row), by degree, ties by column order (repeated scans: nob is small). */
static void top_obstacles(const struct crun *r, const double *od, jh_rank_county_row *row)
{
    for (size_t q = 0; q < r->nob && q < r->m; q++) {
        size_t best = JH_NONE;
        for (size_t c = 0; c < r->m; c++) {
            int taken = 0;
            for (size_t p = 0; p < q; p++)
                taken |= row->obstacle[p] == r->cols[c];
            if (!taken && od[c] > 0 && (best == JH_NONE || od[c] > od[best]))
                best = c;
        }
        if (best == JH_NONE)
            break;
        row->obstacle[q] = r->cols[best];
        row->obstacle_deg[q] = od[best];
    }
}

/* Pass 2 for year y (rows at row0): the matrix is rebuilt from the dataset
 * and the imputation rule again (cheap, and keeps one matrix in memory),
 * weighted, scored and ranked; a year that cannot be is a note. */
static int score_year(struct crun *r, size_t y, size_t row0)
{
    const jh_dataset *d = r->s->data;
    struct scratch *w = &r->w;
    size_t n = rank_year_matrix(r->s, r->o, r->cols, r->m, r->group_of, y, r->filled, w->x, w->keep);
    if (n < 2) {
        NOTE(r->diag, "%d: fewer than two counties with every value; year not ranked",
             d->years[y]);
        r->any_prev = 0;
        return JH_OK;
    }
    int st = year_scores(r, n);
    if (st) {
        NOTE(r->diag, "%d: scores undefined (%s); year not ranked", d->years[y], jh_strerror(st));
        r->any_prev = 0;
        return JH_OK;
    }
    keep_weights(r, y);
    if (rank_year(r, n, row0))
        return JH_ENOMEM;
    domain_scores(r, n, row0);
    if (r->nob && jh_obstacle_degree(w->zmm, n, r->m, w->w, w->o) == JH_OK)
        for (size_t i = 0; i < n; i++)
            top_obstacles(r, w->o + i * r->m, &r->t->rows[row0 + w->keep[i]]);
    return JH_OK;
}

static int score_years(struct crun *r)
{
    const jh_dataset *d = r->s->data;
    size_t row0 = 0;
    int rc;
    first_pass(r);
    r->held = r->o->weights_base && rank_objective_of(r->o) != JH_WEIGHTS_EQUAL;
    if (r->held && (rc = rank_base_weights(r->s, r->o, r->cols, r->m, r->group_of, r->filled, &r->w,
                                      r->diag, r->wo_base, r->info_base)))
        return rc;
    for (size_t y = 0; y < d->n_years; y++) {
        if (r->o->year_sel && !r->o->year_sel[y])
            continue;
        if ((rc = score_year(r, y, row0)))
            return rc;
        row0 += r->nr;
    }
    r->t->n = row0;
    return JH_OK;
}

/* t->weighting and t->cr_max, and the notes on the weights. */
static void describe_weights(const jh_rank_counties_opts *o, jh_rank_counties_table *t,
                             jh_diag *diag, int say)
{
    char words[JH_RANK_WEIGHTING_MAX];
    t->cr_max = NAN;
    for (size_t k = 0; k < t->n_ahp; k++)
        if (isnan(t->cr_max) || t->ahp[k].c.cr > t->cr_max)
            t->cr_max = t->ahp[k].c.cr;
    t->weighting = (jh_rank_weighting){o->weights, rank_objective_of(o),
                                       o->subj.fixed ? JH_WEIGHTS_FIXED : JH_WEIGHTS_AHP,
                                       o->combine, o->alpha, o->weights_base};
    if (!say)
        return; /* entropy, CRITIC and equal per year: said in the "scores" note */
    jh_rank_weighting_words(t, 0, words, sizeof words);
    NOTE(diag, "weights: %s", words);
    for (size_t k = 0; k < t->n_ahp; k++)
        NOTE(diag, "AHP %s: n %zu, lambda_max %.5f, CI %.5f, RI %.2f, CR %.4f", t->ahp[k].path,
             t->ahp[k].n, t->ahp[k].c.lambda_max, t->ahp[k].c.ci, t->ahp[k].c.ri,
             t->ahp[k].c.cr);
    if (o->weights_base && rank_objective_of(o) == JH_WEIGHTS_EQUAL)
        NOTE(diag, "--weights-base has no effect: %s weights do not change with the year",
             jh_weight_method_name(o->weights, 0));
    else if (o->weights_base && !o->fixed_range)
        NOTE(diag, "weights held over the years, but each year is normalised on its own "
             "range: add --fixed-range for scores comparable over time");
}

/* What the scoring did, as notes. */
static void say_notes(const struct crun *r)
{
    const jh_rank_counties_opts *o = r->o;
    const jh_rank_counties_table *t = r->t;
    jh_diag *diag = r->diag;
    NOTE(diag, "scores: %s normalisation%s, %s weights%s, %s%s; %zu indicators",
         o->norm == JH_NORM_MINMAX ? "min-max" : "z-score",
         o->fixed_range ? " with the range pooled over the selected years" : "",
         jh_weight_method_name(o->weights, 0),
         rank_objective_of(o) != JH_WEIGHTS_ENTROPY ? ""
         : o->entropy_shift > 0 ? " (values shifted into [eps, 1])" : " (0 ln 0 = 0)",
         o->method == JH_SCORE_WSUM ? "weighted sum" : "TOPSIS",
         o->method == JH_SCORE_WSUM ? ""
         : o->topsis_form == JH_TOPSIS_TEXTBOOK ? " (textbook: v = w r)"
                                                : " (weight outside the square)",
         r->m);
    describe_weights(o, r->t, diag, o->weights >= JH_WEIGHTS_FIXED || o->weights_base);
    if (o->entropy_shift > 0 && rank_objective_of(o) == JH_WEIGHTS_ENTROPY)
        NOTE(diag, "entropy shift eps = %g", o->entropy_shift);
    if (r->n_neutral)
        NOTE(diag, "neutral indicators (e.g. population counts) left out of the scores: %zu",
             r->n_neutral);
    if (r->n_nodata)
        NOTE(diag, "indicators without values in this stratum and these years, left out: %zu",
             r->n_nodata);
    if (!r->s->indicators)
        NOTE(diag, "no indicator catalog: every indicator counts as higher-is-better, in no domain");
    if (t->n_imputed)
        NOTE(diag, "missing values imputed with the %s mean: %zu",
             o->impute == JH_IMPUTE_PREFECTURE ? "prefecture" : "province", t->n_imputed);
    if (t->n_left_out)
        NOTE(diag, "county-years left out of the ranking for missing values "
             "(--impute none): %zu", t->n_left_out);
    if (r->nd >= 2 && o->norm != JH_NORM_MINMAX)
        NOTE(diag, "coupling coordination needs scores in [0, 1]: not computed with z-scores");
}

static void crun_free(struct crun *r)
{
    free(r->cols);
    free(r->dom_of);
    free(r->group_of);
    free(r->filled);
    free(r->prev_rank);
    free(r->dcols);
    free(r->ws);
    free(r->wo_base);
    free(r->info_base);
    free(r->wo);
    rank_scratch_free(&r->w);
}

int jh_rank_counties_run(const jh_study *s, const jh_rank_counties_opts *o, jh_diag *diag,
                         jh_rank_counties_table **out)
{
    struct crun r = {.s = s, .o = o, .diag = diag, .nr = s->data->regions.n,
                     .nob = o->n_obstacles};
    *out = NULL;
    if (!(r.t = calloc(1, sizeof *r.t)))
        return JH_ENOMEM;
    jh_intern_init(&r.t->prefectures);
    int rc = check_options(o, diag);
    if (!rc)
        rc = alloc_run(&r);
    if (!rc)
        rc = select_columns(&r);
    if (!rc)
        rc = find_domains(&r);
    if (!rc)
        rc = find_prefectures(&r);
    if (!rc)
        rc = alloc_weights(&r);
    if (!rc)
        rc = alloc_rows(&r);
    if (!rc)
        rc = score_years(&r);
    if (!rc)
        say_notes(&r);
    crun_free(&r);
    if (rc) {
        jh_rank_counties_table_free(r.t);
        return rc;
    }
    *out = r.t;
    return JH_OK;
}
