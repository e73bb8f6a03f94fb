/* junheng — decompositions of a study, slice by slice: how much of each
 * indicator's disparity lies between groups (prefectures, county types,
 * urban-rural classes, or the urban and rural strata) and how much within,
 * with optional bootstrap intervals and permutation tests.
 *
 * The numbers come from the core (decompose.h, bootstrap.h); this module
 * gathers each (indicator, year, stratum) slice, maps regions to groups,
 * and collects the results in a table of rows that the writer
 * (jh_write_decompose) prints.  Formulas: docs/indices.md. */
#ifndef JUNHENG_DECOMPOSE_ANALYSIS_H
#define JUNHENG_DECOMPOSE_ANALYSIS_H

#include <stddef.h>
#include <stdio.h>
#include "junheng/diag.h"
#include "junheng/intern.h"
#include "junheng/notes.h"
#include "junheng/study.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The decompositions, in output order. */
typedef enum jh_dmethod {
    JH_DM_THEIL_T,  /* GE(1) by groups (Shorrocks 1980) */
    JH_DM_THEIL_L,  /* GE(0), the mean log deviation, by groups */
    JH_DM_GE2,      /* GE(2), half the squared CV, by groups */
    JH_DM_GINI,     /* Dagum (1997) Gini decomposition */
    JH_DM_NESTED,   /* Akita (2003) two-stage nested Theil T */
    JH_DM_COUNT     /* number of methods; not a method */
} jh_dmethod;

/* Output name of method m: "theil_t", "theil_l", "ge2", "gini",
 * "nested_theil", with "_w" appended when weighted.  Static string; NULL
 * when m is out of range. */
const char *jh_dmethod_name(jh_dmethod m, int weighted);

/* Parses a comma-separated list of method names (without "_w") into a bit
 * set 1u << m.  Returns 0, or -1 naming the first bad name in *bad (a
 * pointer into list, up to the next comma). */
int jh_dmethod_parse(const char *list, unsigned *set, const char **bad);

/* The components of a decomposition, named as in the long table. */
typedef enum jh_dcomponent {
    JH_DC_TOTAL, JH_DC_WITHIN, JH_DC_BETWEEN, JH_DC_WITHIN_GROUP,
    JH_DC_BETWEEN_STAGE1, JH_DC_BETWEEN_STAGE2, JH_DC_WITHIN_STAGE3,
    JH_DC_NET_BETWEEN, JH_DC_TRANSVARIATION, JH_DC_PAIR,
    JH_DC_COUNT  /* number of components; not a component */
} jh_dcomponent;

/* "total", "within", ...  Static string. */
const char *jh_dcomponent_name(jh_dcomponent c);

/* The stratum key of a row: a stratum position of the dataset, or one of
 * these when the observations are county x stratum cells. */
#define JH_DSTRATUM_CELLS ((size_t)-2) /* urban and rural cells ("urban+rural"), or
                                          the cells of jh_decompose_opts.dimension */

/* Which Dagum pair rows (one per pair of groups) a slice lists.  With k
 * groups there are k(k-1)/2 pairs: 45 for 10 prefectures, 57,630 for 340,
 * which no analyst reads and which made a national run write gigabytes. */
typedef enum jh_pairs {
    JH_PAIRS_AUTO, /* list them when the slice has at most JH_PAIRS_AUTO_MAX groups */
    JH_PAIRS_ALL,  /* always list them */
    JH_PAIRS_NONE  /* never: the totals net_between, transvariation stay */
} jh_pairs;
#define JH_PAIRS_AUTO_MAX 40 /* 780 pairs */

/* What to decompose and how. */
typedef struct jh_decompose_opts {
    const char *by;         /* grouping column of jh_study_groups, or "stratum" */
    unsigned methods;       /* bit set 1u << jh_dmethod; 0 means all but nested */
    int use_weights;        /* also compute the population-weighted twins */
    const char *indicator;  /* only this indicator code, or NULL for all */
    int year;               /* only this year, or 0 for all */
    int stratum;            /* only this jh_stratum, or -1 for all */
    size_t bootstrap;       /* B replicates, 0 for none */
    double ci;              /* confidence level of the intervals, in (0,1) */
    size_t permutations;    /* P relabellings for the between share, 0 for none */
    const char *within;     /* permute only inside blocks of this column, or NULL */
    unsigned long seed;     /* seed of every random stream (jh_boot_seed) */
    jh_nonpositive nonpositive; /* zeros and negatives: theil_l (GE(0)) needs
                               x > 0, every method needs x >= 0.  DEFINED
                               (0): compute what is defined; ERROR: a slice
                               with such a value is an error; SKIP: leave
                               the methods that need x > 0 empty there;
                               DROP: leave those values out of the slice */
    jh_pairs pairs;         /* Dagum pair rows (here and in the group rows) */
    const char *dimension;  /* the cells of by "stratum" and of the nested
                               Theil's third stage: the strata of this
                               dimension of the strata catalog (e.g. group),
                               each county x stratum with a value a cell, in
                               a year with two such strata at least; NULL:
                               urban and rural, where both have values */
} jh_decompose_opts;

/* One row of the long table. */
typedef struct jh_decompose_row {
    size_t indicator;   /* data indicator */
    size_t year;        /* data year position */
    size_t stratum;     /* data stratum position, or JH_DSTRATUM_CELLS */
    jh_dmethod method;  /* which decomposition */
    int weighted;       /* 1 for the population-weighted twin */
    jh_dcomponent component; /* which part */
    size_t group;       /* group name index in the table, or JH_NONE */
    size_t group2;      /* second group of a pair, or JH_NONE */
    size_t n;           /* observations of the slice */
    double value;       /* the component; NaN when undefined for the slice */
    double share;       /* value / total (1 for the total; NaN when total is 0) */
    double ci_low;      /* bootstrap percentile interval, NaN without */
    double ci_high;
    double se;          /* bootstrap standard error, NaN without */
    double p_value;     /* permutation p-value of the between share (on the
                           between row; Dagum: of the net between share, on
                           the net_between row), NaN otherwise */
} jh_decompose_row;

/* One group (or pair of groups) of a slice, for the groups table. */
typedef struct jh_decompose_group {
    size_t indicator, year, stratum; /* as in jh_decompose_row */
    jh_dmethod method;  /* which decomposition */
    int weighted;       /* population-weighted twin */
    size_t group;       /* group name index */
    size_t group2;      /* second group of a pair, or JH_NONE */
    size_t higher;      /* pair: the better-off group (Dagum's j), JH_NONE when the
                           means are equal (written "equal"); else JH_NONE */
    size_t n;           /* observations */
    double weight;      /* total weight (n when unweighted) */
    double pop_share;   /* pi_g (pair: NaN) */
    double value_share; /* s_g (pair: NaN) */
    double mean;        /* mu_g (pair: NaN) */
    double index;       /* own index: GE_g, G_jj, T_WR,r; pair: G_jh */
    double affluence;   /* pair: D_jh; else NaN */
    double contribution;/* part of the total: within contribution, or the
                           pair's G_nb + G_t part */
    double share;       /* contribution / total */
} jh_decompose_group;

/* The result.  Caller owns it; free with jh_decompose_table_free(). */
typedef struct jh_decompose_table {
    jh_intern groups;          /* group names, sorted (bytewise) */
    jh_decompose_row *row;     /* rows in output order */
    size_t n_rows, cap_rows;
    jh_decompose_group *group; /* group details in output order */
    size_t n_group_rows, cap_group_rows;
    int has_ci;                /* bootstrap columns are meaningful */
    int has_p;                 /* p-value column is meaningful */
    jh_notes notes;            /* what was done to each slice: missing,
                                  drop, skip, undefined (jh_write_notes) */
    char cells[72];            /* the stratum label of the cells' rows:
                                  "urban+rural", or the dimension */
} jh_decompose_table;

/* Decomposes every selected slice of the study.  Regions without a value
 * or without a group are left out of a slice and counted in a warning;
 * a method undefined for a slice (e.g. theil_l with a zero value) gives a
 * total row with an empty value and a warning naming the reason.  The
 * nonpositive policy acts as jh_decompose_opts says: SKIP gives the same
 * empty total row (note "skip"); DROP adds one warning per slice with
 * dropped values; ERROR adds one error per slice with a value <= 0 where
 * a requested method needs x > 0 (theil_l for a zero, every method for a
 * negative), naming indicator, year, stratum, region and value, and
 * returns JH_EZERO (JH_ENEGATIVE when a value is negative) without *out.
 * Every such action is also a row of t->notes.
 * Returns JH_OK and sets *out; JH_ENOTFOUND when the grouping column does
 * not exist (message in diag); JH_EINVAL for bad options (message in diag);
 * JH_ENOMEM. */
int jh_decompose_run(const jh_study *s, const jh_decompose_opts *o,
                     jh_diag *diag, jh_decompose_table **out);
void jh_decompose_table_free(jh_decompose_table *t);

/* Writes the table: long ("indicator,year,stratum,method,component,group,
 * value,share", then ci_low,ci_high,se with a bootstrap and p_value with
 * permutations; %.17g), or wide (one row per slice and method, a column
 * per component and share; %.10g).  csv: 0, or JH_CSV_RAW for text cells
 * as they are (output.h, jh_csv_text); the same for every writer below. */
void jh_write_decompose(FILE *f, const jh_study *s, const jh_decompose_table *t,
                        int wide, int csv);

/* Writes the groups table: indicator,year,stratum,method,group,higher,n,
 * weight,pop_share,value_share,mean,index,affluence,contribution,share
 * (%.17g). */
void jh_write_decompose_groups(FILE *f, const jh_study *s,
                               const jh_decompose_table *t, int csv);

#ifdef __cplusplus
}
#endif
#endif
