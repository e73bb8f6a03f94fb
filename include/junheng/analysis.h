/* junheng — analyses that turn a dataset into results, slice by slice. */
#ifndef JUNHENG_ANALYSIS_H
#define JUNHENG_ANALYSIS_H

#include <stddef.h>
#include <stdio.h>
#include "junheng/dataset.h"
#include "junheng/diag.h"
#include "junheng/indices.h"
#include "junheng/study.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What to do with a zero or negative value in a slice (--nonpositive).
 * Theil L, Atkinson(1), Atkinson(2) and max/min take the log or the
 * inverse of every value, so they need x > 0; the other disparity indices
 * need x >= 0 (the core refuses negatives with JH_ENEGATIVE). */
typedef enum jh_nonpositive {
    JH_NONPOS_DEFINED, /* default: compute every index that is defined, leave
                          the others empty with the core's reason */
    JH_NONPOS_ERROR,   /* a slice with a value <= 0 is an error */
    JH_NONPOS_SKIP,    /* leave the indices that need x > 0 empty in a slice
                          with a value <= 0 (even where the core could give a
                          limit), compute the rest on every value */
    JH_NONPOS_DROP     /* drop the values <= 0 from the slice, then compute
                          every index on the values left */
} jh_nonpositive;

/* Parses "error", "skip" or "drop" (and "defined", the default).
 * Returns 0 and sets *p, or -1. */
int jh_nonpositive_parse(const char *text, jh_nonpositive *p);
/* The policy's name; a static string. */
const char *jh_nonpositive_name(jh_nonpositive p);

/* True for the indices that need every x > 0 (see jh_nonpositive). */
int jh_index_needs_positive(jh_index_id id);

/* Per-group indices (indices --by COLUMN): each slice is computed once per
 * group, over the group's regions only.  The arrays are not owned. */
typedef struct jh_index_groups {
    const char *by;             /* the column, for messages and the notes */
    const size_t *group_of;     /* [region] group, or JH_NONE: left out */
    const char *const *names;   /* [group] name, the table's group column */
    size_t n;                   /* number of groups */
} jh_index_groups;

/* How jh_indices_run computes.  Zero-initialised: no weights, the
 * default policy, no bootstrap, no jackknife, no groups. */
typedef struct jh_indices_opts {
    int use_weights;            /* compute the weighted twins when there are weights */
    jh_nonpositive nonpositive; /* zeros and negatives */
    size_t bootstrap;           /* B replicates per slice; 0 = no intervals */
    double ci;                  /* level of the percentile intervals, in (0,1) */
    unsigned long seed;         /* run seed; each slice's stream is
                                   jh_boot_stream_init(seed, indicator, year,
                                   2 stratum + weighted) */
    int jackknife;              /* also the jackknife SE of the Gini */
    const jh_index_groups *groups; /* per group; NULL: every region at once.
                                   A group's stream is seeded with
                                   2 (stratum + n_strata (group + 1)) +
                                   weighted in place of 2 stratum + weighted */
} jh_indices_opts;

/* Bootstrap summaries of every index of one slice and weighting: element k
 * belongs to index k (jh_index_id); NaN where the index is undefined for
 * the slice or fewer than 2 replicates defined it. */
typedef struct jh_index_ci {
    double lo[JH_IX_COUNT];    /* percentile interval, lower end (ci_low) */
    double hi[JH_IX_COUNT];    /* upper end (ci_high) */
    double se[JH_IX_COUNT];    /* bootstrap standard error (divisor B'-1) */
    size_t kept[JH_IX_COUNT];  /* replicates where the index was defined (B') */
} jh_index_ci;

/* Every index of one (indicator, year, stratum[, group]) slice. */
typedef struct jh_slice_indices {
    size_t indicator, year, stratum; /* positions in the dataset's tables */
    size_t group;                    /* position in opts->groups, or JH_NONE */
    size_t n_regions;                /* regions the slice ranges over: the
                                        data's, or its group's */
    size_t n_missing;                /* of those, regions without a value */
    jh_index_set plain;              /* unweighted */
    jh_index_set weighted;           /* population-weighted; valid when has_weighted */
    int has_weighted;
    size_t n_zero;                   /* values == 0 in the slice (before any drop) */
    size_t n_negative;               /* values < 0 in the slice (before any drop) */
    size_t n_bad_weight;             /* values without a positive weight */
    jh_nonpositive nonpositive;      /* the policy applied to this slice */
    size_t n_dropped;                /* values dropped by JH_NONPOS_DROP */
    int has_ci;                      /* plain_ci (and weighted_ci) are filled */
    size_t bootstrap;                /* B, when has_ci */
    /* The intervals live in the same allocation as the result array and
     * exist only when a bootstrap was asked for (NULL otherwise): 1.2 KB a
     * slice that a file of 10^6 indicators cannot afford for nothing. */
    jh_index_ci *plain_ci;           /* bootstrap of plain */
    jh_index_ci *weighted_ci;        /* bootstrap of weighted; when has_weighted */
    int has_jackknife;               /* the two jackknife SEs are filled */
    double gini_jackknife_se;        /* jackknife SE of gini; NaN when undefined */
    double gini_w_jackknife_se;      /* of gini_w; NaN when undefined or unweighted */
} jh_slice_indices;

/* The indices table: every slice computed, in the order of jh_indices_run. */
typedef struct jh_indices_table {
    jh_slice_indices *slices;   /* n slices; owned */
    size_t n;
} jh_indices_table;

/* Computes every index for every slice that has at least one region with
 * a value (n_indicators x n_years x n_strata slices at most, times the
 * groups with opts->groups), in dataset order, groups last.  Each
 * indicator is weighted as jh_study_weights says (the catalog's weight:
 * population, another indicator, or none); weighted twins are computed
 * when opts->use_weights and there are weights.  A slice where a region
 * with a value lacks a usable weight gets JH_EWEIGHT for every weighted
 * index and one warning in diag.
 *
 * The options: the nonpositive policy, bootstrap intervals and
 * the jackknife SE of the Gini.  Under JH_NONPOS_DROP each slice with
 * dropped values adds one warning to diag; under JH_NONPOS_ERROR each slice
 * with a value <= 0 adds one error naming indicator, year, stratum and the
 * first such region, and the function returns JH_EZERO (JH_ENEGATIVE when
 * some value is negative) without setting *out.  With opts->bootstrap the
 * intervals come from B replicates that draw the slice's regions with
 * replacement, each keeping its weight, by counts over the slice sorted
 * once (jh_indices_bootstrap, jh_boot_interval).  The stream of each slice
 * and weighting is seeded from opts->seed and the slice's position only,
 * so the numbers do not depend on other slices or on threads.  Returns JH_OK
 * and sets *out (free with jh_indices_table_free), JH_EINVAL (NULL
 * argument, bad ci), JH_ENOMEM, or the policy error above. */
int jh_indices_run(const jh_study *s, const jh_indices_opts *opts, jh_diag *diag,
                   jh_indices_table **out);
void jh_indices_table_free(jh_indices_table *t);

/* The indices table of jh_write_indices (output.h; wide: 1 for
 * JH_LAYOUT_WIDE) with a group column after stratum, the name of each
 * slice's group in g.  Declared here for the reason given at
 * jh_write_indices_notes. */
void jh_write_indices_groups(FILE *f, const jh_dataset *d, const jh_slice_indices *s,
                             size_t n, int wide, int csv, const jh_index_groups *g);

/* Writes the notes table of an indices run,
 * "indicator,year,stratum,index,action,count,reason" (with a group column
 * after stratum when g is not NULL), one row per thing
 * done to a slice: "missing" (regions without a value, index empty),
 * "drop" (values <= 0 dropped, index empty: every index), "skip" (an index
 * needing x > 0 left empty under --nonpositive=skip), "undefined" (an index
 * the core could not compute, with its reason), "bootstrap" (replicates
 * where a defined index was undefined and were left out of its interval).
 * count is the number of values (regions, replicates) concerned.  Declared
 * here rather than in output.h, which belongs to another module owner;
 * implemented in src/output/indices_out.c.  csv: 0 or JH_CSV_RAW, as for
 * jh_csv_text. */
void jh_write_indices_notes(FILE *f, const jh_dataset *d, const jh_slice_indices *s,
                            size_t n, int csv, const jh_index_groups *g);

#ifdef __cplusplus
}
#endif
#endif
