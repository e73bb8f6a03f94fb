/* One decomposition method on one gathered slice (decompose_table.c
 * gathers it): the vector of numbers compute() gives in a fixed order, its
 * rows, the bootstrap intervals and the permutation test, and the rows of
 * the group means and pairs.  See decompose_table.c for the random
 * streams. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "junheng/grow.h"
#include "decompose_internal.h"

/* Number of values compute() gives for a method with G groups. */
static size_t n_values(jh_dmethod m, size_t G)
{
    switch (m) {
    case JH_DM_GINI:
        return 5 + G + G * (G - 1) / 2;
    case JH_DM_NESTED:
        return 4;
    default:
        return 3 + G;
    }
}

/* Whether the slice's Dagum pairs are listed (jh_pairs); remembers the
 * largest slice left out for the one warning of the run. */
static int list_pairs(struct ctx *c)
{
    int list = c->o->pairs == JH_PAIRS_ALL ||
               (c->o->pairs == JH_PAIRS_AUTO && c->G <= JH_PAIRS_AUTO_MAX);
    if (!list && c->o->pairs == JH_PAIRS_AUTO && c->G > c->pairs_left_out)
        c->pairs_left_out = c->G;
    return list || c->G < 2;
}

static double alpha_of(jh_dmethod m)
{
    return m == JH_DM_THEIL_T ? 1.0 : m == JH_DM_THEIL_L ? 0.0 : 2.0;
}

/* Every number of method m on observations (x, w, g, county)[0..n-1]:
 *   GE:     total, within, between, contribution of each group;
 *   Dagum:  total, within, between, net_between, transvariation,
 *           contribution G_jj p_j s_j of each group, G_nb + G_t part of
 *           each pair (in jh_dagum's pair order);
 *   nested: total, stage 1, stage 2, stage 3.
 * Returns the core's status. */
static int compute(struct ctx *c, jh_dmethod m, const double *x, const double *w,
                   const size_t *g, const size_t *county, size_t n, double *v)
{
    int rc;
    if (m == JH_DM_GINI) {
        rc = jh_dagum(x, w, g, n, c->G, c->ws, c->dg);
        if (rc)
            return rc;
        const jh_dagum_result *r = c->dg;
        v[0] = r->gini;
        v[1] = r->within;
        v[2] = r->between;
        v[3] = r->net_between;
        v[4] = r->transvariation;
        for (size_t k = 0; k < c->G; k++)
            v[5 + k] = r->group[k].contribution;
        for (size_t k = 0; k < r->n_pairs; k++)
            v[5 + c->G + k] = r->pair[k].net_between + r->pair[k].transvariation;
        return JH_OK;
    }
    if (m == JH_DM_NESTED) {
        rc = jh_nested_theil(x, w, g, county, n, c->G, c->C, c->nt);
        if (rc)
            return rc;
        v[0] = c->nt->total;
        v[1] = c->nt->between_prefectures;
        v[2] = c->nt->between_counties;
        v[3] = c->nt->within_counties;
        return JH_OK;
    }
    rc = jh_decompose_ge(x, w, g, n, c->G, alpha_of(m), c->ge);
    if (rc)
        return rc;
    v[0] = c->ge->total;
    v[1] = c->ge->within;
    v[2] = c->ge->between;
    for (size_t k = 0; k < c->G; k++)
        v[3 + k] = c->ge->group[k].contribution;
    return JH_OK;
}

/* ---- growing the table ---------------------------------------------------- */

jh_decompose_row *decompose_new_row(jh_decompose_table *t)
{
    if (jh_grow((void **)&t->row, &t->cap_rows, t->n_rows + 1, sizeof *t->row))
        return NULL;
    return &t->row[t->n_rows++];
}

static jh_decompose_group *new_group_row(jh_decompose_table *t)
{
    if (jh_grow((void **)&t->group, &t->cap_group_rows, t->n_group_rows + 1, sizeof *t->group))
        return NULL;
    return &t->group[t->n_group_rows++];
}

const char *decompose_stratum_label(const struct ctx *c, size_t st)
{
    return st == JH_DSTRATUM_CELLS ? c->t->cells : jh_dataset_stratum_name(c->s->data, st);
}

/* The component and groups of value k of method m (see compute). */
static void describe(const struct ctx *c, jh_dmethod m, size_t k,
                     jh_dcomponent *comp, size_t *g1, size_t *g2)
{
    static const jh_dcomponent ge[] = {JH_DC_TOTAL, JH_DC_WITHIN, JH_DC_BETWEEN};
    static const jh_dcomponent dg[] = {JH_DC_TOTAL, JH_DC_WITHIN, JH_DC_BETWEEN,
                                       JH_DC_NET_BETWEEN, JH_DC_TRANSVARIATION};
    static const jh_dcomponent nt[] = {JH_DC_TOTAL, JH_DC_BETWEEN_STAGE1,
                                       JH_DC_BETWEEN_STAGE2, JH_DC_WITHIN_STAGE3};
    size_t head = m == JH_DM_GINI ? 5 : m == JH_DM_NESTED ? 4 : 3;
    *g1 = *g2 = JH_NONE;
    if (k < head) {
        *comp = m == JH_DM_GINI ? dg[k] : m == JH_DM_NESTED ? nt[k] : ge[k];
        return;
    }
    k -= head;
    if (k < c->G) {
        *comp = JH_DC_WITHIN_GROUP;
        *g1 = c->global_of[k];
        return;
    }
    k -= c->G;
    *comp = JH_DC_PAIR;
    *g1 = c->global_of[c->dg->pair[k].j < c->dg->pair[k].h ? c->dg->pair[k].j : c->dg->pair[k].h];
    *g2 = c->global_of[c->dg->pair[k].j < c->dg->pair[k].h ? c->dg->pair[k].h : c->dg->pair[k].j];
}

/* Bootstrap replicates of every value: units drawn within their strata
 * (groups; prefectures for nested, where a county's cells go together),
 * each observation weighted by its unit's count. */
static int bootstrap(struct ctx *c, jh_dmethod m, int weighted, size_t nv,
                     size_t n_units, size_t n_ustrata)
{
    size_t B = c->o->bootstrap;
    jh_resampler *rs = jh_resampler_alloc(c->unit_stratum, n_units, n_ustrata);
    if (!rs)
        return JH_ENOMEM;
    for (size_t b = 0; b < B; b++) {
        jh_resampler_draw(rs, c->rng, c->ucount);
        for (size_t i = 0; i < c->n; i++)
            c->ocount[i] = c->ucount[c->unit[i]];
        size_t nr = 0;
        for (size_t i = 0; i < c->n; i++) {
            if (!c->ocount[i])
                continue;
            c->xr[nr] = c->x[i];
            c->wr[nr] = (weighted ? c->w[i] : 1.0) * c->ocount[i];
            c->gr[nr] = c->g[i];
            c->cr[nr] = c->county[i];
            nr++;
        }
        int rc = compute(c, m, c->xr, c->wr, c->gr, c->cr, nr, c->rvals);
        for (size_t k = 0; k < nv; k++)
            c->reps[k * B + b] = rc ? NAN : c->rvals[k];
    }
    jh_resampler_free(rs);
    return JH_OK;
}

/* The statistic of the permutation test: the between share of a GE
 * decomposition (as PySAL's TheilDSim), and for Dagum the net between
 * share G_nb / G -- the part due to differing group means; the gross
 * between share G_nb + G_t is large under any labelling when there are
 * many groups, since transvariation grows with overlap. */
static double between_share(jh_dmethod m, const double *v)
{
    size_t k = m == JH_DM_GINI ? 3 : 2;
    return v[0] != 0 ? v[k] / v[0] : NAN;
}

/* Row of the value the test is about (see between_share). */
static size_t tested_row(jh_dmethod m)
{
    return m == JH_DM_GINI ? 3 : 2;
}

/* Permutation p-value of the between (Dagum: net between) share. */
static double permutation_p(struct ctx *c, jh_dmethod m, int weighted, double observed)
{
    size_t P = c->o->permutations;
    jh_permuter *p = jh_permuter_alloc(c->blk, c->n, c->n_blocks + 1);
    if (!p)
        return NAN;
    for (size_t k = 0; k < P; k++) {
        jh_permute_labels(p, c->rng, c->g, c->gp, c->labels);
        int rc = compute(c, m, c->x, weighted ? c->w : NULL, c->gp, c->county, c->n, c->rvals);
        c->perm[k] = rc ? NAN : between_share(m, c->rvals);
    }
    jh_permuter_free(p);
    return jh_perm_pvalue(observed, c->perm, P);
}

static void add_group_rows(struct ctx *c, const struct key *key, jh_dmethod m,
                           int weighted, double total, int pairs)
{
    jh_decompose_table *t = c->t;
    for (size_t k = 0; k < c->G; k++) {
        jh_decompose_group *r = new_group_row(t);
        if (!r)
            return;
        *r = (jh_decompose_group){.indicator = key->ind, .year = key->year,
                                  .stratum = key->stratum, .method = m,
                                  .weighted = weighted, .group = c->global_of[k],
                                  .group2 = JH_NONE, .higher = JH_NONE,
                                  .affluence = NAN};
        if (m == JH_DM_GINI) {
            const jh_dagum_group *q = &c->dg->group[k];
            r->n = q->n; r->weight = q->weight; r->pop_share = q->pop_share;
            r->value_share = q->value_share; r->mean = q->mean; r->index = q->gini;
            r->contribution = q->contribution;
        } else if (m == JH_DM_NESTED) {
            const jh_nested_prefecture *q = &c->nt->prefecture[k];
            r->n = q->n; r->weight = q->weight; r->pop_share = q->pop_share;
            r->value_share = q->value_share; r->mean = q->mean;
            r->index = q->between_counties; r->contribution = q->contribution;
        } else {
            const jh_ge_group *q = &c->ge->group[k];
            r->n = q->n; r->weight = q->weight; r->pop_share = q->pop_share;
            r->value_share = q->value_share; r->mean = q->mean; r->index = q->index;
            r->contribution = q->contribution;
        }
        r->share = total != 0 ? r->contribution / total : NAN;
    }
    if (m != JH_DM_GINI || !pairs)
        return;
    for (size_t k = 0; k < c->dg->n_pairs; k++) {
        const jh_dagum_pair *q = &c->dg->pair[k];
        jh_decompose_group *r = new_group_row(t);
        if (!r)
            return;
        size_t a = q->j < q->h ? q->j : q->h, b = q->j < q->h ? q->h : q->j;
        *r = (jh_decompose_group){.indicator = key->ind, .year = key->year,
                                  .stratum = key->stratum, .method = m,
                                  .weighted = weighted, .group = c->global_of[a],
                                  .group2 = c->global_of[b],
                                  .higher = q->equal_means ? JH_NONE : c->global_of[q->j],
                                  .n = c->dg->group[a].n + c->dg->group[b].n,
                                  .weight = c->dg->group[a].weight + c->dg->group[b].weight,
                                  .pop_share = NAN, .value_share = NAN, .mean = NAN,
                                  .index = q->gini, .affluence = q->D,
                                  .contribution = q->net_between + q->transvariation};
        r->share = total != 0 ? r->contribution / total : NAN;
    }
}

/* Decomposes the gathered slice by method m, weighted or not, and appends
 * its rows. */
int decompose_run_method(struct ctx *c, const struct key *key, jh_dmethod m, int weighted,
                         size_t n_units, size_t n_ustrata)
{
    const jh_dataset *d = c->s->data;
    int pairs = m == JH_DM_GINI && list_pairs(c);
    /* Unlisted pairs are the last values: leave them out of the rows and
     * the replicates (compute() still fills them in the scratch). */
    size_t nv = n_values(m, c->G) - (m == JH_DM_GINI && !pairs ? c->G * (c->G - 1) / 2 : 0);
    int skip = (c->skip_set >> m) & 1;
    int rc = skip ? (c->np.n_neg ? JH_ENEGATIVE : JH_EZERO)
                  : compute(c, m, c->x, weighted ? c->w : NULL, c->g, c->county, c->n, c->vals);
    if (rc == JH_ENOMEM)
        return rc;
    if (rc) {
        const char *stl = decompose_stratum_label(c, key->stratum);
        jh_decompose_row *r = decompose_new_row(c->t);
        if (!r)
            return JH_ENOMEM;
        *r = (jh_decompose_row){key->ind, key->year, key->stratum, m, weighted, JH_DC_TOTAL,
                                JH_NONE, JH_NONE, c->n, NAN, NAN, NAN, NAN, NAN, NAN};
        /* How many values make the method what it is. */
        size_t count = rc == JH_EZERO ? c->np.n_zero : rc == JH_ENEGATIVE ? c->np.n_neg : c->n;
        if (jh_notes_add(&c->t->notes, key->ind, key->year, stl, jh_dmethod_name(m, weighted),
                         skip ? "skip" : "undefined", count, jh_strerror(rc)))
            return JH_ENOMEM;
        if (skip)
            jh_diag_add(c->diag, JH_DIAG_WARNING, NULL, 0, 0,
                        "indicator '%s', year %d, stratum %s: %s left empty (%s; "
                        "--nonpositive=skip)", d->indicators.str[key->ind],
                        d->years[key->year], stl, jh_dmethod_name(m, weighted),
                        jh_strerror(rc));
        else
            jh_diag_add(c->diag, JH_DIAG_WARNING, NULL, 0, 0,
                        "indicator '%s', year %d, stratum %s: %s not defined (%s); left empty",
                        d->indicators.str[key->ind], d->years[key->year], stl,
                        jh_dmethod_name(m, weighted), jh_strerror(rc));
        return JH_OK;
    }
    size_t B = c->o->bootstrap;
    double p = NAN;
    /* The stream depends on the slice, the method and the weighting only. */
    size_t skey = key->stratum == JH_DSTRATUM_CELLS ? 15 : key->stratum;
    if (B || c->o->permutations) {
        gsl_rng_set(c->rng, jh_boot_seed(c->o->seed, key->ind, key->year,
                                         (skey * JH_DM_COUNT + (size_t)m) * 2 + (size_t)weighted));
    }
    add_group_rows(c, key, m, weighted, c->vals[0], pairs);
    /* Keep the observed values: replicates overwrite the core's results. */
    memcpy(c->rvals + c->max_vals, c->vals, nv * sizeof *c->vals);
    double *obs = c->rvals + c->max_vals;
    /* Pairs are described from the observed Dagum result; copy the pair
     * order (j, h) before the replicates change it.  describe() runs
     * before them. */
    size_t first = c->t->n_rows;
    for (size_t k = 0; k < nv; k++) {
        jh_decompose_row *r = decompose_new_row(c->t);
        if (!r)
            return JH_ENOMEM;
        jh_dcomponent comp;
        size_t g1, g2;
        describe(c, m, k, &comp, &g1, &g2);
        *r = (jh_decompose_row){key->ind, key->year, key->stratum, m, weighted, comp,
                                g1, g2, c->n, obs[k],
                                obs[0] != 0 ? obs[k] / obs[0] : NAN,
                                NAN, NAN, NAN, NAN};
        if (k == 0)
            r->share = 1;
    }
    if (c->o->permutations && m != JH_DM_NESTED && c->G > 1)
        p = permutation_p(c, m, weighted, between_share(m, obs));
    if (B) {
        rc = bootstrap(c, m, weighted, nv, n_units, n_ustrata);
        if (rc)
            return rc;
        for (size_t k = 0; k < nv; k++) {
            jh_decompose_row *r = &c->t->row[first + k];
            jh_boot_interval(c->reps + k * B, B, c->o->ci, &r->ci_low, &r->ci_high, &r->se, NULL);
        }
    }
    if (m != JH_DM_NESTED)
        c->t->row[first + tested_row(m)].p_value = p;
    return JH_OK;
}
