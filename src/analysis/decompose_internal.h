/* The context of a decomposition run, shared by the slices
 * (decompose_table.c) and the methods (decompose_method.c); not installed,
 * not public API. */
#ifndef JUNHENG_DECOMPOSE_INTERNAL_H
#define JUNHENG_DECOMPOSE_INTERNAL_H

#include <gsl/gsl_rng.h>
#include "junheng/bootstrap.h"
#include "junheng/decompose.h"
#include "junheng/decompose_analysis.h"
#include "junheng/slice.h"

struct ctx {
    const jh_study *s;
    const jh_decompose_opts *o;
    jh_diag *diag;
    jh_decompose_table *t;
    size_t *group_of;   /* [region] sorted group id, or JH_NONE */
    size_t *block_of;   /* [region] block id for --within, or JH_NONE */
    size_t n_blocks;
    size_t *local_of;   /* [groups] local id in the slice, scratch */
    size_t *global_of;  /* [groups] global id of each local id */
    size_t max_obs;     /* n_dim (at least 2) x regions: cells */
    /* the strata whose county x stratum cells by "stratum" and the nested
     * third stage take: positions (JH_NONE when absent; rural and urban
     * without a dimension), and their group ids by "stratum" */
    size_t dim_st[JH_STRATA_MAX], dim_group[JH_STRATA_MAX], n_dim;
    /* the slice: observation i */
    double *x, *w;      /* value and weight (w NaN when unknown) */
    size_t *g;          /* local group (or prefecture for nested) */
    size_t *county;     /* local county (nested) */
    size_t *region;     /* data region */
    size_t *unit;       /* resampling unit */
    size_t *unit_stratum; /* [unit] stratum of the unit's draws */
    size_t *blk;        /* [obs] block for permutations */
    size_t n, G, C;     /* observations, groups, counties in the slice */
    /* replicate scratch */
    double *xr, *wr;
    size_t *gr, *cr, *gp, *labels;
    unsigned *ucount, *ocount;
    double *vals, *rvals, *reps, *perm;
    size_t max_vals;
    jh_workspace *ws;
    jh_ge_result *ge;
    jh_dagum_result *dg;
    jh_nested_theil_result *nt;
    gsl_rng *rng;
    jh_slice sl;        /* the gatherer's view of x, w, region (slice.h) */
    /* the --nonpositive policy on the gathered slice */
    jh_np_count np;     /* values <= 0 among the gathered (before any drop) */
    unsigned skip_set;  /* methods left empty under skip in this slice */
    int np_quiet;       /* error already reported on the strata slices */
    size_t n_err_zero, n_err_neg; /* values behind errors, whole run */
    size_t pairs_left_out; /* largest group count whose pairs went unlisted */
};

/* The key of the slice being decomposed. */
struct key {
    size_t ind, year, stratum;
};

/* A new row at the end of t, or NULL when out of memory. */
jh_decompose_row *decompose_new_row(jh_decompose_table *t);

/* The stratum column of a row: the stratum's name, or the cells'. */
const char *decompose_stratum_label(const struct ctx *c, size_t st);

/* Decomposes the gathered slice by method m, weighted or not, and appends
 * its rows (with intervals over n_units resampling units in n_ustrata
 * strata when a bootstrap is asked for).  JH_OK or JH_ENOMEM. */
int decompose_run_method(struct ctx *c, const struct key *key, jh_dmethod m, int weighted,
                         size_t n_units, size_t n_ustrata);

#endif
