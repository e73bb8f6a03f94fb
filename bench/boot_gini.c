/* The weighted Gini with B bootstrap replicates for every slice of a file,
 * through the core's jh_gini_bootstrap, slices spread over threads as
 * `junheng indices` spreads them (JUNHENG_THREADS, default the processors
 * online): the counterpart of bench/boot_gini_numpy.py (same output
 * columns).  Each slice has its own stream, so the output does not depend
 * on the threads.  A thread takes the next slice not yet taken, so a
 * thread that another process slows down does fewer slices and both end
 * within a slice of each other (a fixed share left one waiting).
 * Usage: bench_boot_gini FILE B OUT.csv */
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "junheng/bootstrap.h"
#include "junheng/dataset.h"
#include "junheng/threads.h"

struct result {
    int ok;
    double lo, hi, se;
};

struct worker {
    const jh_dataset *d;
    size_t B;
    atomic_size_t *next; /* the next slice to take, shared */
    struct result *res;  /* one per (indicator, year, stratum) */
    int rc;
};

static void *work(void *arg)
{
    struct worker *wk = arg;
    const jh_dataset *d = wk->d;
    size_t nr = d->regions.n, ns = d->indicators.n * d->n_years * d->n_strata;
    double *x = malloc(nr * sizeof *x), *w = malloc(nr * sizeof *w);
    jh_workspace *ws = jh_workspace_alloc(nr);
    wk->rc = x && w && ws ? 0 : 1;
    for (size_t j; !wk->rc && (j = atomic_fetch_add(wk->next, 1)) < ns;) {
        size_t s = j % d->n_strata, y = j / d->n_strata % d->n_years,
               i = j / d->n_strata / d->n_years, off = jh_dataset_offset(d, i, y, s, 0), n = 0;
        for (size_t r = 0; r < nr; r++)
            if (!isnan(d->values[off + r])) {
                x[n] = d->values[off + r];
                w[n++] = d->weights[off + r];
            }
        struct result *o = &wk->res[j];
        jh_boot_stream st;
        jh_boot_stream_init(&st, 1, i, y, 2 * s + 1);
        o->ok = n && jh_gini_bootstrap(x, w, n, wk->B, 0.95, &st, ws, NULL, NULL, &o->lo,
                                       &o->hi, &o->se) == JH_OK;
    }
    free(x);
    free(w);
    jh_workspace_free(ws);
    return NULL;
}

static int run(const jh_dataset *d, size_t B, FILE *out)
{
    size_t ns = d->indicators.n * d->n_years * d->n_strata;
    size_t nt = jh_thread_count(16);
    struct worker wk[16];
    pthread_t tid[16];
    struct result *res = calloc(ns ? ns : 1, sizeof *res);
    int rc = res && d->weights ? 0 : 1;
    atomic_size_t next;
    atomic_init(&next, 0);
    for (size_t k = 0; !rc && k < nt; k++)
        wk[k] = (struct worker){d, B, &next, res, 0};
    int started[16] = {0};
    for (size_t k = 1; !rc && k < nt; k++)
        started[k] = pthread_create(&tid[k], NULL, work, &wk[k]) == 0;
    /* A thread that could not start does its share here. */
    for (size_t k = 0; !rc && k < nt; k++)
        if (!started[k])
            work(&wk[k]);
    for (size_t k = 0; !rc && k < nt; k++) {
        if (started[k])
            pthread_join(tid[k], NULL);
        rc |= wk[k].rc;
    }
    fputs("indicator,year,stratum,gini_w_lo,gini_w_hi,gini_w_se\n", out);
    for (size_t j = 0; !rc && j < ns; j++)
        if (res[j].ok)
            fprintf(out, "%s,%d,%s,%.17g,%.17g,%.17g\n",
                    d->indicators.str[j / d->n_strata / d->n_years],
                    d->years[j / d->n_strata % d->n_years],
                    jh_dataset_stratum_name(d, j % d->n_strata), res[j].lo, res[j].hi,
                    res[j].se);
    free(res);
    return rc;
}

int main(int argc, char **argv)
{
    jh_diag diag;
    jh_dataset *d = NULL;
    if (argc != 4) {
        fputs("usage: bench_boot_gini FILE B OUT.csv\n", stderr);
        return 64;
    }
    jh_diag_init(&diag, 5);
    jh_builder *b = jh_builder_alloc(NULL);
    int rc = b ? jh_builder_read(b, argv[1], &diag) : JH_ENOMEM;
    if (!rc)
        rc = jh_builder_finish(b, &diag, &d);
    jh_builder_free(b);
    for (size_t i = 0; i < diag.n; i++)
        fprintf(stderr, "%s\n", diag.items[i].text);
    jh_diag_clear(&diag);
    if (rc)
        return 65;
    FILE *out = fopen(argv[3], "w");
    rc = out ? run(d, strtoul(argv[2], NULL, 10), out) : 1;
    if (out && fclose(out))
        rc = 1;
    jh_dataset_free(d);
    return rc ? 70 : 0;
}
