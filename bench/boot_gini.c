/* The weighted Gini with B bootstrap replicates for every slice of a file,
 * one thread, through the core's jh_gini_bootstrap: the counterpart of
 * bench/boot_gini_numpy.py (same output columns).
 * Usage: bench_boot_gini FILE B OUT.csv */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <gsl/gsl_rng.h>
#include "junheng/bootstrap.h"
#include "junheng/dataset.h"

static int run(const jh_dataset *d, size_t B, FILE *out)
{
    size_t nr = d->regions.n;
    double *x = malloc(nr * sizeof *x), *w = malloc(nr * sizeof *w);
    unsigned *counts = malloc(nr * sizeof *counts);
    jh_workspace *ws = jh_workspace_alloc(nr);
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    int rc = x && w && counts && ws && rng && d->weights ? 0 : 1;
    fputs("indicator,year,stratum,gini_w_lo,gini_w_hi,gini_w_se\n", out);
    for (size_t i = 0; !rc && i < d->indicators.n; i++)
        for (size_t y = 0; y < d->n_years; y++)
            for (size_t s = 0; s < d->n_strata; s++) {
                size_t off = jh_dataset_offset(d, i, y, s, 0), n = 0;
                double lo, hi, se;
                for (size_t r = 0; r < nr; r++)
                    if (!isnan(d->values[off + r])) {
                        x[n] = d->values[off + r];
                        w[n++] = d->weights[off + r];
                    }
                if (n == 0)
                    continue;
                gsl_rng_set(rng, jh_boot_seed(1, i, y, 2 * s + 1));
                if (jh_gini_bootstrap(x, w, n, B, 0.95, rng, ws, counts, NULL, &lo, &hi,
                                      &se) == JH_OK)
                    fprintf(out, "%s,%d,%s,%.17g,%.17g,%.17g\n", d->indicators.str[i],
                            d->years[y], jh_stratum_name(d->strata[s]), lo, hi, se);
            }
    free(x);
    free(w);
    free(counts);
    jh_workspace_free(ws);
    if (rng)
        gsl_rng_free(rng);
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
