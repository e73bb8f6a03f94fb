/* junheng's ingest of one file into the dense dataset, timed.
 * Usage: bench_ingest FILE */
#include <stdio.h>
#include <time.h>
#include "junheng/dataset.h"

int main(int argc, char **argv)
{
    struct timespec t0, t1;
    jh_diag diag;
    jh_dataset *d = NULL;
    if (argc != 2) {
        fputs("usage: bench_ingest FILE\n", stderr);
        return 64;
    }
    jh_diag_init(&diag, 5);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    jh_builder *b = jh_builder_alloc(NULL);
    int rc = b ? jh_builder_read(b, argv[1], &diag) : JH_ENOMEM;
    if (!rc)
        rc = jh_builder_finish(b, &diag, &d);
    jh_builder_free(b);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    for (size_t i = 0; i < diag.n; i++)
        fprintf(stderr, "%s\n", diag.items[i].text);
    if (rc)
        return 65;
    printf("junheng ingest: %zu observations, %zu regions x %zu indicators x %zu years x %zu "
           "strata in %.3f s\n", d->n_observations, d->regions.n, d->indicators.n, d->n_years,
           d->n_strata,
           (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec));
    jh_dataset_free(d);
    jh_diag_clear(&diag);
    return 0;
}
