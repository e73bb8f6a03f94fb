/* Decompositions of a study, slice by slice (decompose_analysis.h).
 *
 * For each (indicator, year, stratum) slice: gather the regions that have a
 * value and a group, number the groups present in the slice in name order,
 * call the core once per method (unweighted, then weighted), and append
 * one row per component.  Every number of a method is computed by one
 * function (compute) into a vector in a fixed order, so the bootstrap
 * recomputes exactly the same vector on each replicate and the interval of
 * row k comes from element k.
 *
 * Random streams: one gsl_rng (MT19937) reseeded per slice x method x
 * weighting from jh_boot_seed(seed, indicator, year, key), so a number's
 * interval does not depend on which other methods, slices or threads ran. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "decompose_internal.h"

/* ---- gathering slices ----------------------------------------------------- */

/* Numbers the groups present among the n gathered observations in name
 * order (global ids are sorted by name) and rewrites c->g to local ids. */
static void localise_groups(struct ctx *c, size_t n_global)
{
    for (size_t k = 0; k < n_global; k++)
        c->local_of[k] = JH_NONE;
    for (size_t i = 0; i < c->n; i++)
        c->local_of[c->g[i]] = 0;
    c->G = 0;
    for (size_t k = 0; k < n_global; k++)
        if (c->local_of[k] != JH_NONE) {
            c->global_of[c->G] = k;
            c->local_of[k] = c->G++;
        }
    for (size_t i = 0; i < c->n; i++)
        c->g[i] = c->local_of[c->g[i]];
}

/* Adds the present values of one slice of stratum position st, with group
 * grp (or each region's group when grp is JH_NONE), by the one gatherer
 * (slice.h).  Counts regions with a value but no group in *no_group. */
static void gather(struct ctx *c, size_t ind, size_t year, size_t st, size_t grp,
                   size_t *no_group)
{
    const jh_dataset *d = c->s->data;
    jh_slice_filter f = {.group_of = grp == JH_NONE ? c->group_of : NULL, .group = JH_NONE,
                         .drop_nonpositive = c->o->nonpositive == JH_NONPOS_DROP,
                         .stratum = jh_dataset_stratum_name(d, st)};
    size_t from = c->sl.n, before = c->sl.no_group;
    jh_slice_gather(&c->sl, c->s, ind, year, st, c->o->use_weights, &f);
    *no_group += c->sl.no_group - before;
    for (size_t i = from; i < c->sl.n; i++) {
        size_t r = c->region[i];
        c->g[i] = grp != JH_NONE ? grp : c->group_of[r];
        c->blk[i] = c->block_of ? c->block_of[r] : JH_NONE;
        if (c->blk[i] == JH_NONE)
            c->blk[i] = c->n_blocks;
    }
    c->n = c->sl.n;
    c->np = c->sl.np;
}

/* Starts gathering a slice. */
static void begin_slice(struct ctx *c)
{
    jh_slice_begin(&c->sl);
    c->n = 0;
    c->np = (jh_np_count){0};
    c->skip_set = 0;
}

/* The methods of set that a slice with these values <= 0 touches: every
 * method takes x >= 0 (a negative), theil_l takes ln x (a zero). */
static unsigned needs_positive(unsigned set, const jh_np_count *np)
{
    if (np->n_neg)
        return set;
    return np->n_zero ? set & (1u << JH_DM_THEIL_L) : 0;
}

/* Applies the nonpositive policy to the gathered slice: returns 1 when
 * the slice is not to be decomposed (an error), and sets c->skip_set. */
static int apply_policy(struct ctx *c, const struct key *key, unsigned set, int *nomem)
{
    const jh_dataset *d = c->s->data;
    const char *stl = decompose_stratum_label(c, key->stratum);
    size_t np = c->np.n_zero + c->np.n_neg;
    unsigned hit = needs_positive(set, &c->np);
    *nomem = 0;
    switch (c->o->nonpositive) {
    case JH_NONPOS_ERROR:
        if (!hit)
            return 0;
        if (!c->np_quiet) {
            jh_np_error(c->diag, d, key->ind, key->year, &c->np,
                        c->np.n_neg ? "every method needs x >= 0"
                                    : "theil_l (GE(0)) needs x > 0");
            c->n_err_zero += c->np.n_zero;
            c->n_err_neg += c->np.n_neg;
        }
        return 1;
    case JH_NONPOS_DROP:
        if (!np)
            return 0;
        jh_np_drop_warning(c->diag, d, key->ind, key->year, stl, &c->np, "method");
        *nomem = jh_notes_add(&c->t->notes, key->ind, key->year, stl, "", "drop", np,
                              jh_np_reason(&c->np)) != JH_OK;
        return 0;
    case JH_NONPOS_SKIP:
        c->skip_set = hit;
        return 0;
    default:
        return 0;
    }
}

/* The rule of slice.h: a slice with a value but no usable weight gets its
 * weighted methods as empty rows, one warning and one notes row. */
static int no_weight_rows(struct ctx *c, const struct key *key, unsigned set)
{
    if (!c->sl.weighted || !c->sl.bad_w)
        return JH_OK;
    const jh_dataset *d = c->s->data;
    const char *stl = decompose_stratum_label(c, key->stratum);
    if (jh_slice_report_weights(&c->sl, d, key->ind, key->year, stl,
                                jh_study_weight_name(c->s, key->ind), "methods", c->diag,
                                &c->t->notes))
        return JH_ENOMEM;
    for (int m = 0; m < JH_DM_COUNT; m++) {
        if (!(set & (1u << m)))
            continue;
        jh_decompose_row *r = decompose_new_row(c->t);
        if (!r)
            return JH_ENOMEM;
        *r = (jh_decompose_row){key->ind, key->year, key->stratum, (jh_dmethod)m, 1,
                                JH_DC_TOTAL, JH_NONE, JH_NONE, c->n, NAN, NAN,
                                NAN, NAN, NAN, NAN};
    }
    return JH_OK;
}

/* Runs the methods of set on the gathered slice. */
static int run_slice(struct ctx *c, const struct key *key, unsigned set, size_t n_global)
{
    int nomem;
    if (apply_policy(c, key, set, &nomem) || nomem)
        return nomem ? JH_ENOMEM : JH_OK;
    localise_groups(c, n_global);
    if (c->n == 0)
        return JH_OK;
    int can_weigh = jh_slice_weights_usable(&c->sl);
    for (int m = 0; m < JH_DM_COUNT; m++) {
        if (!(set & (1u << m)))
            continue;
        size_t n_units, n_ustrata;
        if (m == JH_DM_NESTED) {
            /* Counties are numbered in order of first observation; a
             * county's cells are resampled together within its prefecture. */
            const size_t nr = c->s->data->regions.n;
            size_t *cid = c->labels; /* [region] local county id */
            for (size_t r = 0; r < nr; r++)
                cid[r] = JH_NONE;
            c->C = 0;
            for (size_t i = 0; i < c->n; i++) {
                if (cid[c->region[i]] == JH_NONE) {
                    cid[c->region[i]] = c->C;
                    c->unit_stratum[c->C++] = c->g[i];
                }
                c->county[i] = cid[c->region[i]];
                c->unit[i] = c->county[i];
            }
            n_units = c->C;
        } else {
            for (size_t i = 0; i < c->n; i++) {
                c->county[i] = 0;
                c->unit[i] = i;
                c->unit_stratum[i] = c->g[i];
            }
            c->C = 1;
            n_units = c->n;
        }
        n_ustrata = c->G;
        for (int wt = 0; wt <= can_weigh; wt++) {
            int rc = decompose_run_method(c, key, (jh_dmethod)m, wt, n_units, n_ustrata);
            if (rc)
                return rc;
        }
    }
    return no_weight_rows(c, key, set);
}

/* The strata of the cells (struct ctx dim_st) and the table's label of
 * them; JH_ENOTFOUND after a message when the data have no stratum of
 * o->dimension. */
static int cell_strata(struct ctx *c)
{
    const jh_dataset *d = c->s->data;
    const char *dim = c->o->dimension;
    c->n_dim = 0;
    if (!dim) {
        c->dim_st[c->n_dim++] = jh_dataset_stratum_pos(d, JH_STRATUM_RURAL);
        c->dim_st[c->n_dim++] = jh_dataset_stratum_pos(d, JH_STRATUM_URBAN);
        snprintf(c->t->cells, sizeof c->t->cells, "urban+rural");
        return JH_OK;
    }
    for (size_t k = 0; k < d->n_strata; k++)
        if (!strcmp(d->stratum_def[k].dimension, dim))
            c->dim_st[c->n_dim++] = k;
    if (!c->n_dim) {
        jh_diag_add(c->diag, JH_DIAG_ERROR, NULL, 0, 0, "--dimension %s: the data have no "
                    "stratum of that dimension (expected a dimension of the strata catalog, "
                    "e.g. group; validate lists the strata)", dim);
        return JH_ENOTFOUND;
    }
    snprintf(c->t->cells, sizeof c->t->cells, "%s", dim);
    return JH_OK;
}

static int slice_has_values(const jh_dataset *d, size_t ind, size_t y, size_t st)
{
    const double *v = jh_dataset_slice(d, ind, y, st);
    for (size_t r = 0; r < d->regions.n; r++)
        if (!isnan(v[r]))
            return 1;
    return 0;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Groups of the run, sorted by name into t->groups; group_of maps regions. */
static int make_groups(struct ctx *c, size_t *n_global)
{
    const jh_dataset *d = c->s->data;
    int rc;
    if (strcmp(c->o->by, "stratum") == 0) {
        /* The strata are the groups, named by their codes in byte order
         * (rural before urban); group ids are assigned in gather. */
        const char *name[JH_STRATA_MAX];
        size_t n = 0;
        for (size_t k = 0; k < c->n_dim; k++)
            name[n++] = c->o->dimension ? jh_dataset_stratum_name(d, c->dim_st[k])
                                        : k ? "urban" : "rural";
        qsort(name, n, sizeof *name, cmp_names);
        for (size_t k = 0; k < n; k++)
            if (jh_intern_add(&c->t->groups, name[k], strlen(name[k]), NULL) == JH_NONE)
                return JH_ENOMEM;
        for (size_t k = 0; k < c->n_dim; k++)
            c->dim_group[k] = jh_intern_find(&c->t->groups, c->o->dimension
                                                 ? jh_dataset_stratum_name(d, c->dim_st[k])
                                                 : k ? "urban" : "rural");
        *n_global = n;
        for (size_t r = 0; r < d->regions.n; r++)
            c->group_of[r] = JH_NONE;
        return JH_OK;
    }
    rc = jh_study_groups_sorted(c->s, c->o->by, c->group_of, &c->t->groups, c->diag);
    size_t unassigned = 0;
    for (size_t r = 0; r < d->regions.n && !rc; r++)
        unassigned += c->group_of[r] == JH_NONE;
    if (!rc && unassigned)
        jh_diag_add(c->diag, JH_DIAG_WARNING, NULL, 0, 0,
                    "%zu region%s without a value in column '%s' left out of every decomposition",
                    unassigned, unassigned == 1 ? "" : "s", c->o->by);
    *n_global = c->t->groups.n;
    return rc;
}

/* Blocks for --within: any region column, numbered in first appearance. */
static int make_blocks(struct ctx *c)
{
    jh_intern names;
    int rc;
    if (!c->o->within)
        return JH_OK;
    c->block_of = malloc((c->s->data->regions.n ? c->s->data->regions.n : 1) * sizeof *c->block_of);
    if (!c->block_of)
        return JH_ENOMEM;
    jh_intern_init(&names);
    rc = jh_study_groups(c->s, c->o->within, c->block_of, &names, c->diag);
    c->n_blocks = names.n;
    jh_intern_clear(&names);
    return rc;
}

static int alloc_ctx(struct ctx *c, size_t n_global)
{
    const jh_dataset *d = c->s->data;
    size_t nr = d->regions.n ? d->regions.n : 1, no = (c->n_dim > 2 ? c->n_dim : 2) * nr;
    size_t G = n_global ? n_global : 1;
    size_t B = c->o->bootstrap, P = c->o->permutations;
    c->max_obs = no;
    c->max_vals = 5 + G + G * (G - 1) / 2;
    c->local_of = malloc(G * sizeof(size_t));
    c->global_of = malloc(G * sizeof(size_t));
    c->x = malloc(no * sizeof(double));
    c->w = malloc(no * sizeof(double));
    c->xr = malloc(no * sizeof(double));
    c->wr = malloc(no * sizeof(double));
    c->g = malloc(no * sizeof(size_t));
    c->county = malloc(no * sizeof(size_t));
    c->region = malloc(no * sizeof(size_t));
    c->unit = malloc(no * sizeof(size_t));
    c->unit_stratum = malloc(no * sizeof(size_t));
    c->blk = malloc(no * sizeof(size_t));
    c->gr = malloc(no * sizeof(size_t));
    c->cr = malloc(no * sizeof(size_t));
    c->gp = malloc(no * sizeof(size_t));
    c->labels = malloc((no > nr ? no : nr) * sizeof(size_t));
    c->ucount = malloc(no * sizeof(unsigned));
    c->ocount = malloc(no * sizeof(unsigned));
    c->vals = malloc(c->max_vals * sizeof(double));
    c->rvals = malloc(2 * c->max_vals * sizeof(double));
    c->reps = malloc((B ? B * c->max_vals : 1) * sizeof(double));
    c->perm = malloc((P ? P : 1) * sizeof(double));
    c->ws = jh_workspace_alloc(no);
    c->ge = jh_ge_result_alloc(G);
    c->dg = jh_dagum_result_alloc(G);
    c->nt = jh_nested_theil_result_alloc(G, nr);
    c->rng = gsl_rng_alloc(gsl_rng_mt19937);
    c->sl = (jh_slice){.x = c->x, .w = c->w, .region = c->region};
    if (!c->local_of || !c->global_of || !c->x || !c->w || !c->xr || !c->wr || !c->g ||
        !c->county || !c->region || !c->unit || !c->unit_stratum || !c->blk || !c->gr ||
        !c->cr || !c->gp || !c->labels || !c->ucount || !c->ocount || !c->vals ||
        !c->rvals || !c->reps || !c->perm || !c->ws || !c->ge || !c->dg || !c->nt || !c->rng)
        return JH_ENOMEM;
    return JH_OK;
}

static void free_ctx(struct ctx *c)
{
    free(c->group_of); free(c->block_of); free(c->local_of); free(c->global_of);
    free(c->x); free(c->w); free(c->xr); free(c->wr); free(c->g); free(c->county);
    free(c->region); free(c->unit); free(c->unit_stratum); free(c->blk); free(c->gr);
    free(c->cr); free(c->gp); free(c->labels); free(c->ucount); free(c->ocount);
    free(c->vals); free(c->rvals); free(c->reps); free(c->perm);
    jh_workspace_free(c->ws);
    jh_ge_result_free(c->ge);
    jh_dagum_result_free(c->dg);
    jh_nested_theil_result_free(c->nt);
    if (c->rng)
        gsl_rng_free(c->rng);
}

/* One (indicator, year): every selected stratum slice, then the urban and
 * rural cells (by stratum, or the nested decomposition's third stage). */
static int run_year(struct ctx *c, size_t ind, size_t y, unsigned set, size_t n_global,
                    size_t *no_group, size_t *missing)
{
    const jh_dataset *d = c->s->data;
    int with[JH_STRATA_MAX];
    size_t have = 0;
    for (size_t k = 0; k < c->n_dim; k++)
        have += (with[k] = c->dim_st[k] != JH_NONE && slice_has_values(d, ind, y, c->dim_st[k]));
    /* urban and rural both; two strata of a dimension at least */
    int cells = have >= 2 && (c->o->dimension || have == c->n_dim);
    int by_stratum = strcmp(c->o->by, "stratum") == 0;
    int rc = JH_OK;
    if (!by_stratum)
        for (size_t st = 0; st < d->n_strata && !rc; st++) {
            if (c->o->stratum >= 0 && d->strata[st] != (jh_stratum)c->o->stratum)
                continue;
            unsigned here = set;
            if (cells && (set & (1u << JH_DM_NESTED)))
                here &= ~(1u << JH_DM_NESTED); /* done on the cells below */
            size_t before = *no_group;
            begin_slice(c);
            gather(c, ind, y, st, JH_NONE, no_group);
            /* Regions without a value in a slice that others fill. */
            size_t dropped = c->o->nonpositive == JH_NONPOS_DROP ? c->np.n_zero + c->np.n_neg : 0;
            size_t absent = d->regions.n - c->n - dropped - (*no_group - before);
            if (c->n + dropped && absent) {
                missing[0] += absent;
                missing[1]++;
                if (jh_notes_add(&c->t->notes, ind, y, jh_dataset_stratum_name(d, st), "",
                                 "missing", absent, "no value"))
                    return JH_ENOMEM;
            }
            struct key key = {ind, y, st};
            rc = run_slice(c, &key, here, n_global);
        }
    if (rc || !cells || c->o->stratum >= 0)
        return rc;
    unsigned here = by_stratum ? set & ~(1u << JH_DM_NESTED) : set & (1u << JH_DM_NESTED);
    if (!here)
        return JH_OK;
    begin_slice(c);
    /* The strata slices above already reported their values <= 0 under
     * --nonpositive=error (a negative stops every method). */
    c->np_quiet = !by_stratum && (set & ~(1u << JH_DM_NESTED));
    /* Rural before urban, as ever; a dimension's strata in data order. */
    for (size_t k = 0; k < c->n_dim; k++)
        if (with[k])
            gather(c, ind, y, c->dim_st[k], by_stratum ? c->dim_group[k] : JH_NONE, no_group);
    struct key key = {ind, y, JH_DSTRATUM_CELLS};
    rc = run_slice(c, &key, here, n_global);
    c->np_quiet = 0;
    return rc;
}

int jh_decompose_run(const jh_study *s, const jh_decompose_opts *o,
                     jh_diag *diag, jh_decompose_table **out)
{
    const jh_dataset *d = s->data;
    struct ctx c = {.s = s, .o = o, .diag = diag};
    size_t n_global = 0;
    unsigned set = o->methods ? o->methods
                              : (1u << JH_DM_COUNT) - 1 - (1u << JH_DM_NESTED);
    int rc;
    *out = NULL;
    if (o->bootstrap && !(o->ci > 0 && o->ci < 1)) {
        jh_diag_add(diag, JH_DIAG_ERROR, NULL, 0, 0, "confidence level must lie between 0 and 1");
        return JH_EINVAL;
    }
    c.t = calloc(1, sizeof *c.t);
    c.group_of = malloc((d->regions.n ? d->regions.n : 1) * sizeof *c.group_of);
    if (!c.t || !c.group_of) {
        free(c.t);
        free(c.group_of);
        return JH_ENOMEM;
    }
    jh_intern_init(&c.t->groups);
    c.t->has_ci = o->bootstrap > 0;
    c.t->has_p = o->permutations > 0;
    rc = cell_strata(&c);
    if (!rc)
        rc = make_groups(&c, &n_global);
    if (!rc)
        rc = make_blocks(&c);
    if (!rc && strcmp(o->by, "stratum") == 0 && (set & (1u << JH_DM_NESTED)))
        jh_diag_add(diag, JH_DIAG_WARNING, NULL, 0, 0,
                    "nested_theil needs a grouping of counties (e.g. --by prefecture); "
                    "skipped with --by stratum");
    if (!rc)
        rc = alloc_ctx(&c, n_global);
    for (size_t ind = 0; ind < d->indicators.n && !rc; ind++) {
        if (o->indicator && strcmp(o->indicator, d->indicators.str[ind]) != 0)
            continue;
        size_t no_group = 0, missing[2] = {0, 0};
        for (size_t y = 0; y < d->n_years && !rc; y++) {
            if (o->year && d->years[y] != o->year)
                continue;
            rc = run_year(&c, ind, y, set, n_global, &no_group, missing);
        }
        if (!rc && missing[0])
            jh_diag_add(diag, JH_DIAG_WARNING, NULL, 0, 0,
                        "indicator '%s': %zu missing value%s in %zu slice%s; those regions "
                        "are left out of those slices", d->indicators.str[ind], missing[0],
                        missing[0] == 1 ? "" : "s", missing[1], missing[1] == 1 ? "" : "s");
    }
    free_ctx(&c);
    if (!rc && c.pairs_left_out)
        jh_diag_add(diag, JH_DIAG_WARNING, NULL, 0, 0,
                    "gini: pair rows left out where a slice has more than %d groups (up to "
                    "%zu groups, %zu pairs); net_between and transvariation keep their sum "
                    "(--pairs all to list them)", JH_PAIRS_AUTO_MAX, c.pairs_left_out,
                    c.pairs_left_out * (c.pairs_left_out - 1) / 2);
    if (!rc && (c.n_err_zero || c.n_err_neg))
        rc = c.n_err_neg ? JH_ENEGATIVE : JH_EZERO;
    if (rc) {
        jh_decompose_table_free(c.t);
        return rc;
    }
    *out = c.t;
    return JH_OK;
}

void jh_decompose_table_free(jh_decompose_table *t)
{
    if (!t)
        return;
    jh_intern_clear(&t->groups);
    jh_notes_clear(&t->notes);
    free(t->row);
    free(t->group);
    free(t);
}
