/* junheng — `junheng spatial`: global Moran's I, the spatial Gini and
 * local Moran (LISA) of every indicator and year over the counties of the
 * total stratum, on contiguity weights (src/analysis/spatial.c).  The
 * numerics are those of spatial.h; formulas in docs/indices.md, "Spatial
 * statistics". */
#ifndef JUNHENG_SPATIAL_ANALYSIS_H
#define JUNHENG_SPATIAL_ANALYSIS_H

#include <stddef.h>
#include "junheng/diag.h"
#include "junheng/spatial.h"
#include "junheng/study.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct jh_spatial_opts {
    const size_t *neighbor_a;   /* neighbour pairs as data region positions */
    const size_t *neighbor_b;
    size_t n_neighbors;
    enum jh_weights_kind weights; /* row-standardised (default) or binary */
    size_t permutations;        /* 0 = no permutation inference */
    unsigned long seed;         /* slice streams: jh_boot_seed(seed, indicator, year, 0) */
    double alpha;               /* LISA significance; 0 = 0.05 */
    int fdr;                    /* LISA significance by BH q <= alpha instead of p */
    int from, to;               /* years; 0 = first / last */
    int local;                  /* also the LISA table */
} jh_spatial_opts;

/* One indicator and year. */
typedef struct jh_spatial_row {
    size_t indicator, year;     /* dataset positions */
    size_t n, islands;          /* counties with a value; of them without a neighbour
                                   with a value */
    jh_moran moran;             /* NaN fields when moran_status != JH_OK */
    int moran_status;
    jh_spatial_gini gini;
    int gini_status;
} jh_spatial_row;

/* One county of one indicator and year. */
typedef struct jh_lisa_row {
    size_t indicator, year, region;
    double value;
    jh_lisa lisa;
    int significant;            /* p (or q with fdr) <= alpha */
} jh_lisa_row;

typedef struct jh_spatial_table {
    jh_spatial_row *rows;
    size_t n_rows;
    jh_lisa_row *lisa;
    size_t n_lisa;
    size_t islands;             /* regions of the data with no neighbour at all */
} jh_spatial_table;

/* Runs the statistics.  Slices too small or constant get rows with NaN
 * and a status; an island gets a warning once.  JH_EINVAL (a pair out of
 * range, no year in range), JH_ENOMEM. */
int jh_spatial_run(const jh_study *s, const jh_spatial_opts *o, jh_diag *diag,
                   jh_spatial_table **out);
void jh_spatial_table_free(jh_spatial_table *sp);

/* "HH", "LH", "LL", "HL" or "" */
const char *jh_lisa_quadrant_name(enum jh_lisa_quadrant q);

#ifdef __cplusplus
}
#endif
#endif
