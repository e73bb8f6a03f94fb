/* Indices per slice: gather the present values of one (indicator, year,
 * stratum), apply the nonpositive policy, then call the core once
 * unweighted and once weighted, and optionally bootstrap both.
 *
 * Random streams: one jh_boot_stream (SplitMix64) seeded for every slice
 * and weighting from (seed, indicator, year, 2 stratum + weighted), so an
 * interval depends only on the run seed and its own slice, never on which
 * other slices ran before it or on which thread. */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>
#include "junheng/analysis.h"
#include "junheng/bootstrap.h"
#include "junheng/slice.h"
#include "junheng/threads.h"

static const char *const policy_names[] = {"defined", "error", "skip", "drop"};

int jh_nonpositive_parse(const char *text, jh_nonpositive *p)
{
    for (int k = 0; text && k < 4; k++)
        if (strcmp(text, policy_names[k]) == 0) {
            *p = (jh_nonpositive)k;
            return 0;
        }
    return -1;
}

const char *jh_nonpositive_name(jh_nonpositive p)
{
    return (unsigned)p < 4 ? policy_names[p] : "?";
}

/* GE(0) = sum p_i ln(mu/x_i) and A(1) = 1 - exp(sum p_i ln x_i)/mu take
 * ln x_i; A(2) = 1 - 1/(mu sum p_i / x_i) and max/min take 1/x_i. */
int jh_index_needs_positive(jh_index_id id)
{
    return id == JH_IX_THEIL_L || id == JH_IX_ATKINSON_1 || id == JH_IX_ATKINSON_2 ||
           id == JH_IX_MAX_MIN_RATIO;
}

/* Where the weights of a slice come from: the study when there is one,
 * else the dataset's weight column. */
struct weight_source {
    const jh_dataset *d;
    const jh_study *s; /* may be NULL */
};

/* Everything one run needs besides the results; owned by slice_indices. */
struct ctx {
    const struct weight_source *src;
    const jh_indices_opts *o;
    jh_workspace *ws;   /* for n_regions values */
    jh_slice g;         /* the slice being computed (slice.h) */
    unsigned *counts;   /* draw counts, n_regions */
    double *xr, *wr;    /* one compacted replicate, n_regions each */
    double *reps;       /* [JH_IX_COUNT][B] replicate values */
};

static const double *slice_weights(const struct weight_source *src, size_t i, size_t y,
                                   size_t st)
{
    const jh_dataset *d = src->d;
    if (src->s)
        return jh_study_weights(src->s, i, y, st);
    return d->weights ? d->weights + jh_dataset_offset(d, i, y, st, 0) : NULL;
}

static const char *weight_name(const struct weight_source *src, size_t i)
{
    return src->s ? jh_study_weight_name(src->s, i) : src->d->weight_name;
}

/* Gathers slice (i, y, st) of group grp (JH_NONE: every region) into g by
 * the one rule of slice.h. */
static void gather_slice(const jh_dataset *d, size_t i, size_t y, size_t st, const double *w,
                         const jh_indices_opts *o, size_t grp, jh_slice *g)
{
    jh_slice_filter f = {.drop_nonpositive = o->nonpositive == JH_NONPOS_DROP,
                         .stratum = jh_dataset_stratum_name(d, st),
                         .group_of = grp == JH_NONE ? NULL : o->groups->group_of,
                         .group = grp};
    jh_slice_begin(g);
    jh_slice_add(g, jh_dataset_slice(d, i, y, st), w, d->regions.n, &f);
}

/* The stratum of a slice as messages name it, with its group when there is
 * one: "total", or "total, 所属地市 '唐山市'". */
static const char *slice_where(const jh_dataset *d, const jh_indices_opts *o, size_t st,
                               size_t grp, char *buf, size_t cap)
{
    const char *name = jh_dataset_stratum_name(d, st);
    if (grp == JH_NONE)
        return name;
    snprintf(buf, cap, "%s, %s '%s'", name, o->groups->by, o->groups->names[grp]);
    return buf;
}

/* One message per slice the policy acts on (error or drop). */
static void report_nonpositive(const jh_dataset *d, const jh_indices_opts *o,
                               const jh_slice_indices *s, const jh_slice *g, jh_diag *diag)
{
    size_t np = g->np.n_zero + g->np.n_neg;
    const double *v = jh_dataset_slice(d, s->indicator, s->year, s->stratum);
    const char *ind = d->indicators.str[s->indicator];
    int year = d->years[s->year];
    char buf[256];
    const char *st = slice_where(d, o, s->stratum, s->group, buf, sizeof buf);
    if (o->nonpositive == JH_NONPOS_ERROR)
        jh_diag_add(diag, JH_DIAG_ERROR, NULL, 0, 0,
                    "indicator '%s', year %d, stratum %s, region '%s': value %.17g is not "
                    "positive (%zu value%s <= 0 in the slice); theil_l, atkinson_1, atkinson_2 "
                    "and max_min_ratio need x > 0 (--nonpositive=error)",
                    ind, year, st, d->regions.str[g->np.first_region], v[g->np.first_region], np,
                    np == 1 ? "" : "s");
    else
        jh_diag_add(diag, JH_DIAG_WARNING, NULL, 0, 0,
                    "indicator '%s', year %d, stratum %s: dropped %zu value%s <= 0 "
                    "(%zu zero, %zu negative; first region '%s') from every index "
                    "(--nonpositive=drop)",
                    ind, year, st, np, np == 1 ? "" : "s", g->np.n_zero, g->np.n_neg,
                    d->regions.str[g->np.first_region]);
}

/* An index the core could not bring into a double (a max/min or P90/P10
 * ratio beyond 1.8e308, the range of -1.7e308 .. 1.7e308) is rare and
 * not a property of the data the analyst knows about: one warning per
 * slice and index, named, in slice order. */
static void warn_range(const jh_dataset *d, const jh_indices_opts *o,
                       const jh_slice_indices *si, jh_diag *diag)
{
    char buf[256];
    for (int wt = 0; wt < 1 + si->has_weighted; wt++) {
        const jh_index_set *set = wt ? &si->weighted : &si->plain;
        for (int k = 0; k < JH_IX_COUNT; k++)
            if (set->status[k] == JH_ERANGE)
                jh_diag_add(diag, JH_DIAG_WARNING, NULL, 0, 0,
                            "indicator '%s', year %d, stratum %s: %s left empty (%s)",
                            d->indicators.str[si->indicator], d->years[si->year],
                            slice_where(d, o, si->stratum, si->group, buf, sizeof buf),
                            jh_index_name((jh_index_id)k, wt), jh_strerror(JH_ERANGE));
    }
}

/* Under skip, the indices that need x > 0 are left empty in a slice that
 * had a value <= 0, with the reason of the value. */
static void apply_skip(const jh_slice *g, jh_index_set *set)
{
    if (!(g->np.n_zero + g->np.n_neg))
        return;
    for (int k = 0; k < JH_IX_COUNT; k++)
        if (jh_index_needs_positive((jh_index_id)k) && set->status[k] == JH_OK) {
            set->status[k] = g->np.n_neg ? JH_ENEGATIVE : JH_EZERO;
            set->value[k] = NAN;
        }
}

/* Percentile intervals and SEs of every defined index of one slice and
 * weighting (w NULL: unweighted) from B replicates of its n values, drawn
 * by counts over the slice sorted once (jh_indices_bootstrap). */
static int bootstrap(struct ctx *c, const double *x, const double *w, size_t n,
                     const jh_index_set *point, const jh_boot_stream *seeded,
                     jh_index_ci *ci)
{
    size_t B = c->o->bootstrap;
    jh_boot_stream stream = *seeded;
    int rc = jh_indices_bootstrap(x, w, n, B, &stream, c->ws, c->counts, c->xr, c->wr,
                                  c->reps);
    for (int k = 0; k < JH_IX_COUNT; k++) {
        double *r = c->reps + (size_t)k * B;
        ci->lo[k] = ci->hi[k] = ci->se[k] = NAN;
        ci->kept[k] = 0;
        /* A slice the core refuses as a whole has no defined index. */
        if (point->status[k] || rc)
            continue;
        if (k == JH_IX_N) {
            /* Every replicate draws n regions: n does not vary. */
            ci->lo[k] = ci->hi[k] = (double)n;
            ci->se[k] = 0;
            ci->kept[k] = B;
            continue;
        }
        jh_boot_interval(r, B, c->o->ci, &ci->lo[k], &ci->hi[k], &ci->se[k], &ci->kept[k]);
    }
    return JH_OK;
}

static double jackknife(struct ctx *c, const double *x, const double *w, size_t n,
                        const jh_index_set *point)
{
    double se = NAN;
    if (point->status[JH_IX_GINI] || jh_gini_jackknife(x, w, n, c->ws, NULL, &se))
        return NAN;
    return se;
}

/* Computes slice (i, y, s) from c->g into si. */
static int compute_slice(struct ctx *c, jh_slice_indices *si, const double *w)
{
    const jh_indices_opts *o = c->o;
    const jh_slice *g = &c->g;
    int weighted = w != NULL;
    if (weighted)
        jh_indices_all_both(g->x, g->w, g->n, c->ws, &si->plain, &si->weighted);
    else
        jh_indices_all(g->x, NULL, g->n, c->ws, &si->plain);
    if (o->nonpositive == JH_NONPOS_SKIP) {
        apply_skip(g, &si->plain);
        if (weighted)
            apply_skip(g, &si->weighted);
    }
    if (o->bootstrap && g->n) {
        jh_boot_stream plain, wtd;
        size_t n_strata = c->src->d->n_strata;
        size_t k3 = 2 * (si->stratum + (si->group == JH_NONE ? 0 : n_strata * (si->group + 1)));
        jh_boot_stream_init(&plain, o->seed, si->indicator, si->year, k3);
        jh_boot_stream_init(&wtd, o->seed, si->indicator, si->year, k3 + 1);
        int rc = bootstrap(c, g->x, NULL, g->n, &si->plain, &plain, si->plain_ci);
        if (!rc && weighted && !g->bad_w)
            rc = bootstrap(c, g->x, g->w, g->n, &si->weighted, &wtd, si->weighted_ci);
        if (rc)
            return rc;
        si->has_ci = 1;
        si->bootstrap = o->bootstrap;
    }
    if (o->jackknife) {
        si->has_jackknife = 1;
        si->gini_jackknife_se = jackknife(c, g->x, NULL, g->n, &si->plain);
        si->gini_w_jackknife_se = weighted ? jackknife(c, g->x, g->w, g->n, &si->weighted) : NAN;
    }
    return JH_OK;
}

static void clear_ci(jh_index_ci *ci)
{
    for (int k = 0; k < JH_IX_COUNT; k++) {
        ci->lo[k] = ci->hi[k] = ci->se[k] = NAN;
        ci->kept[k] = 0;
    }
}

static int ctx_alloc(struct ctx *c, size_t nr)
{
    size_t B = c->o->bootstrap;
    c->g.x = malloc(nr * sizeof(double));
    c->g.w = malloc(nr * sizeof(double));
    c->ws = jh_workspace_alloc(nr);
    if (!c->g.x || !c->g.w || !c->ws)
        return JH_ENOMEM;
    if (!B)
        return JH_OK;
    c->counts = malloc(nr * sizeof *c->counts);
    c->xr = malloc(nr * sizeof *c->xr);
    c->wr = malloc(nr * sizeof *c->wr);
    c->reps = B <= (size_t)-1 / sizeof(double) / JH_IX_COUNT
                  ? malloc(B * JH_IX_COUNT * sizeof *c->reps) : NULL;
    return c->counts && c->xr && c->wr && c->reps ? JH_OK : JH_ENOMEM;
}

static void ctx_free(struct ctx *c)
{
    free(c->g.x);
    free(c->g.w);
    jh_workspace_free(c->ws);
    free(c->counts);
    free(c->xr);
    free(c->wr);
    free(c->reps);
}

/* A thread's share of the slices to compute: every step-th from first.
 * Each slice has its own random stream (jh_boot_seed) and its own place in
 * the result, so the output is the same whatever the number of threads. */
struct worker {
    const struct weight_source *src;
    const jh_indices_opts *o;
    jh_slice_indices *res;    /* the slices found by the serial pass */
    size_t n_jobs, first, step;
    int rc;                   /* JH_OK or the first failure */
};

static void *run_worker(void *arg)
{
    struct worker *wk = arg;
    const jh_dataset *d = wk->src->d;
    struct ctx c = {.src = wk->src, .o = wk->o};
    wk->rc = ctx_alloc(&c, d->regions.n ? d->regions.n : 1);
    for (size_t j = wk->first; !wk->rc && j < wk->n_jobs; j += wk->step) {
        jh_slice_indices *si = &wk->res[j];
        const double *w = si->has_weighted
                              ? slice_weights(wk->src, si->indicator, si->year, si->stratum)
                              : NULL;
        gather_slice(d, si->indicator, si->year, si->stratum, w, wk->o, si->group, &c.g);
        wk->rc = compute_slice(&c, si, w);
    }
    ctx_free(&c);
    return NULL;
}

/* Threads for n jobs: JUNHENG_THREADS when set (1 turns threading off),
 * else the processors online, at most 16 and at most one per job. */
static size_t thread_count(size_t n_jobs)
{
    return jh_thread_count(n_jobs ? (n_jobs < 16 ? n_jobs : 16) : 1);
}

static int run_jobs(const struct weight_source *src, const jh_indices_opts *o,
                    jh_slice_indices *res, size_t n_jobs)
{
    size_t nt = thread_count(n_jobs), started = 1;
    struct worker wk[16];
    pthread_t tid[16];
    int rc = JH_OK;
    for (size_t t = 0; t < nt; t++)
        wk[t] = (struct worker){src, o, res, n_jobs, t, nt, JH_OK};
    for (size_t t = 1; t < nt; t++, started++)
        if (pthread_create(&tid[t], NULL, run_worker, &wk[t]) != 0)
            break;
    /* Jobs of threads that could not start run here, in this thread. */
    for (size_t t = started; t < nt; t++)
        run_worker(&wk[t]);
    run_worker(&wk[0]);
    for (size_t t = 1; t < started; t++)
        pthread_join(tid[t], NULL);
    for (size_t t = 0; t < nt && !rc; t++)
        rc = wk[t].rc;
    return rc;
}

/* The result array for at most max slices, with room for two intervals a
 * slice after it when with_ci (*cis points there, else NULL): one block,
 * so that the caller frees the whole with one free().  Pages of slices
 * that turn out absent are never touched. */
static jh_slice_indices *alloc_results(size_t max, int with_ci, jh_index_ci **cis)
{
    size_t per = sizeof(jh_slice_indices) + (with_ci ? 2 * sizeof(jh_index_ci) : 0);
    if (max > (size_t)-1 / per)
        return NULL;
    jh_slice_indices *res = malloc(max * per);
    /* sizeof(jh_slice_indices) is a multiple of its alignment, which is
     * that of the doubles and size_t that begin a jh_index_ci. */
    *cis = res && with_ci ? (jh_index_ci *)(res + max) : NULL;
    return res;
}

/* What the serial pass builds up. */
struct pass {
    jh_slice g;                /* the slice being looked at */
    jh_slice_indices *res;     /* the slices found */
    jh_index_ci *cis;          /* their intervals, or NULL */
    size_t *group_size;        /* [group] regions in it; NULL without groups */
    size_t n, n_err_zero, n_err_neg;
};

/* Slice (i, y, st) of group grp (JH_NONE: all regions): whether it exists,
 * its counts, and its messages, in slice order. */
static void serial_slice(const struct weight_source *src, const jh_indices_opts *o, size_t i,
                         size_t y, size_t st, size_t grp, struct pass *p, jh_diag *diag)
{
    const jh_dataset *d = src->d;
    const double *w = o->use_weights ? slice_weights(src, i, y, st) : NULL;
    const jh_slice *g = &p->g;
    char buf[256];
    gather_slice(d, i, y, st, w, o, grp, &p->g);
    if (g->present == 0)
        return;
    size_t nr = grp == JH_NONE ? d->regions.n : p->group_size[grp], k = p->n++;
    jh_slice_indices *si = &p->res[k];
    *si = (jh_slice_indices){.indicator = i, .year = y, .stratum = st, .group = grp,
                             .n_regions = nr, .n_missing = nr - g->present,
                             .has_weighted = w != NULL,
                             .n_zero = g->np.n_zero, .n_negative = g->np.n_neg,
                             .n_bad_weight = g->bad_w, .nonpositive = o->nonpositive,
                             .n_dropped = g->present - g->n,
                             .gini_jackknife_se = NAN, .gini_w_jackknife_se = NAN};
    if (p->cis) {
        si->plain_ci = &p->cis[2 * k];
        si->weighted_ci = &p->cis[2 * k + 1];
        clear_ci(si->plain_ci);
        clear_ci(si->weighted_ci);
    }
    size_t np = g->np.n_zero + g->np.n_neg;
    if (np && o->nonpositive == JH_NONPOS_ERROR) {
        report_nonpositive(d, o, si, g, diag);
        p->n_err_zero += g->np.n_zero;
        p->n_err_neg += g->np.n_neg;
        return;
    }
    if (np && o->nonpositive == JH_NONPOS_DROP)
        report_nonpositive(d, o, si, g, diag);
    jh_slice_report_weights(g, d, i, y, slice_where(d, o, st, grp, buf, sizeof buf),
                            weight_name(src, i), "indices", diag, NULL);
}

/* How many regions each group has; NULL without groups (or out of memory:
 * *rc says which). */
static size_t *group_sizes(const jh_dataset *d, const jh_index_groups *gr, int *rc)
{
    if (!gr)
        return NULL;
    size_t *size = calloc(gr->n ? gr->n : 1, sizeof *size);
    if (!size) {
        *rc = JH_ENOMEM;
        return NULL;
    }
    for (size_t r = 0; r < d->regions.n; r++)
        if (gr->group_of[r] != JH_NONE)
            size[gr->group_of[r]]++;
    return size;
}

/* The serial pass: which slices exist, their counts, and every message in
 * slice order; the computing is left to run_jobs. */
static int slice_indices(const struct weight_source *src, const jh_indices_opts *o,
                         jh_diag *diag, jh_slice_indices **out, size_t *n_out)
{
    const jh_dataset *d = src->d;
    size_t nr = d->regions.n ? d->regions.n : 1;
    size_t n_groups = o->groups ? o->groups->n : 1;
    size_t max = d->indicators.n * d->n_years * d->n_strata * n_groups;
    struct pass p = {.g = {0}};
    int rc = JH_OK;
    if (o->bootstrap && !(o->ci > 0 && o->ci < 1))
        return JH_EINVAL;
    p.res = alloc_results(max ? max : 1, o->bootstrap != 0, &p.cis);
    p.group_size = group_sizes(d, o->groups, &rc);
    p.g.x = malloc(nr * sizeof(double));
    p.g.w = malloc(nr * sizeof(double));
    if (!p.res || !p.g.x || !p.g.w)
        rc = JH_ENOMEM;
    for (size_t i = 0; !rc && i < d->indicators.n; i++)
        for (size_t y = 0; y < d->n_years; y++)
            for (size_t s = 0; s < d->n_strata; s++)
                for (size_t k = 0; k < n_groups; k++)
                    serial_slice(src, o, i, y, s, o->groups ? k : JH_NONE, &p, diag);
    free(p.g.x);
    free(p.g.w);
    free(p.group_size);
    if (!rc && !(p.n_err_zero || p.n_err_neg))
        rc = run_jobs(src, o, p.res, p.n);
    for (size_t j = 0; !rc && j < p.n; j++)
        warn_range(d, o, &p.res[j], diag);
    if (!rc && (p.n_err_zero || p.n_err_neg))
        rc = p.n_err_neg ? JH_ENEGATIVE : JH_EZERO;
    if (rc) {
        free(p.res);
        return rc;
    }
    *out = p.res;
    *n_out = p.n;
    return JH_OK;
}

int jh_indices_run(const jh_study *s, const jh_indices_opts *opts, jh_diag *diag,
                   jh_indices_table **out)
{
    if (!s || !opts || !out)
        return JH_EINVAL;
    *out = NULL;
    jh_indices_table *t = calloc(1, sizeof *t);
    if (!t)
        return JH_ENOMEM;
    struct weight_source src = {s->data, s};
    int rc = slice_indices(&src, opts, diag, &t->slices, &t->n);
    if (rc) {
        free(t);
        return rc;
    }
    *out = t;
    return JH_OK;
}

void jh_indices_table_free(jh_indices_table *t)
{
    if (!t)
        return;
    free(t->slices);
    free(t);
}
