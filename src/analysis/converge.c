/* The tables of `junheng converge`: sigma-convergence (an index by year and
 * its trend), beta-convergence (absolute and with fixed effects), kernel
 * densities per year and (spatial) Markov transitions of relative classes,
 * for every indicator of a study.  Formulas live in src/core (regress.c,
 * kde.c, markov.c, the indices); these files pick the slices: the run here,
 * converge_sigma.c, converge_beta.c and converge_dynamics.c (densities and
 * Markov chains) each one part. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "converge_internal.h"


static const char *const default_index[] = {"cv", "cv_w", "gini", "theil_t", "sd_log"};


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
        rc = converge_neighbors(&o, r.d->regions.n, &nb_start, &nb);
    for (size_t ind = 0; !rc && ind < r.d->indicators.n; ind++) {
        if (o.tables & (JH_CONVERGE_SIGMA | JH_CONVERGE_TREND))
            rc = converge_sigma(&r, ind);
        if (!rc && (o.tables & JH_CONVERGE_BETA))
            rc = converge_beta(&r, ind, group_of, n_groups);
        if (!rc && (o.tables & JH_CONVERGE_DENSITY))
            rc = converge_density(&r, ind);
        if (!rc && (o.tables & JH_CONVERGE_MARKOV))
            rc = converge_markov(&r, ind, nb_start, nb);
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

