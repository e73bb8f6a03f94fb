/* Gaps between groups of people (urban_rural.h): the declared pairs of
 * strata of one dimension, each compared as `urban-rural --compare A:B`
 * compares it, so that the run's table and the command agree. */
#include <stdlib.h>
#include <string.h>
#include "junheng/urban_rural.h"

/* 1 when another stratum of the dimension names stratum k as its compare. */
static int compared_with(const jh_dataset *d, const char *dimension, size_t k)
{
    for (size_t j = 0; j < d->n_strata; j++) {
        const jh_stratum_def *o = &d->stratum_def[j];
        if (j != k && !strcmp(o->dimension, dimension) && o->compare && *o->compare &&
            jh_dataset_stratum_find(d, o->compare) == k)
            return 1;
    }
    return 0;
}

size_t jh_strata_pairs(const jh_dataset *d, const char *dimension, size_t (*pair)[2],
                       size_t cap)
{
    size_t n = 0, total = jh_dataset_stratum_pos(d, JH_STRATUM_TOTAL);
    for (size_t k = 0; k < d->n_strata; k++) {
        const jh_stratum_def *def = &d->stratum_def[k];
        if (strcmp(def->dimension, dimension) != 0)
            continue;
        size_t other;
        if (def->compare && *def->compare)
            other = jh_dataset_stratum_find(d, def->compare);
        else if (compared_with(d, dimension, k))
            continue; /* the other side of a pair already counted */
        else
            other = total;
        if (other == JH_NONE || other == k)
            continue;
        if (n < cap) {
            pair[n][0] = k;
            pair[n][1] = other;
        }
        n++;
    }
    return n;
}

int jh_group_gaps_run(const jh_study *s, const jh_group_gaps_opts *opts, jh_diag *diag,
                      jh_group_gaps_table **out)
{
    const jh_dataset *d = s->data;
    const jh_urban_rural_opts *o = &opts->compare;
    const char *dimension = opts->dimension;
    size_t n = jh_strata_pairs(d, dimension, NULL, 0);
    size_t (*pair)[2] = malloc((n ? n : 1) * sizeof *pair);
    jh_group_gaps_table *g = calloc(1, sizeof *g);
    int rc = pair && g ? JH_OK : JH_ENOMEM;
    *out = NULL;
    if (!rc && n && !(g->pair = calloc(n, sizeof *g->pair)))
        rc = JH_ENOMEM;
    if (!rc)
        jh_strata_pairs(d, dimension, pair, n);
    for (size_t i = 0; !rc && i < n; i++) {
        jh_urban_rural_opts po = *o;
        po.compare[0] = jh_dataset_stratum_name(d, pair[i][0]);
        po.compare[1] = jh_dataset_stratum_name(d, pair[i][1]);
        g->pair[i] = (jh_gap_pair){pair[i][0], pair[i][1], NULL};
        rc = jh_urban_rural_run(s, &po, diag, &g->pair[i].t);
        g->n += !rc;
    }
    free(pair);
    if (rc) {
        jh_group_gaps_table_free(g);
        return rc;
    }
    *out = g;
    return JH_OK;
}

void jh_group_gaps_table_free(jh_group_gaps_table *g)
{
    if (!g)
        return;
    for (size_t i = 0; i < g->n; i++)
        jh_urban_rural_table_free(g->pair[i].t);
    free(g->pair);
    free(g);
}
