/* junheng — dynamics: are the gaps between counties closing?
 *
 * The analysis (src/analysis/converge.c) turns a study into the tables of
 * `junheng converge`: sigma-convergence, beta-convergence (absolute and
 * conditional on prefecture fixed effects), densities per year and
 * (spatial) Markov transitions.  The numerics it calls are in dynamics.h.
 *
 * Formulas and references: docs/indices.md, "Convergence". */
#ifndef JUNHENG_CONVERGE_H
#define JUNHENG_CONVERGE_H

#include <stddef.h>
#include "junheng/diag.h"
#include "junheng/dynamics.h"
#include "junheng/indices.h"
#include "junheng/status.h"
#include "junheng/study.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- the analysis ----------------------------------------------------- */

/* The tables of jh_converge_run, as bits of jh_converge_opts.tables. */
enum {
    JH_CONVERGE_SIGMA = 1,   /* index by year */
    JH_CONVERGE_TREND = 2,   /* OLS trend of each index on year */
    JH_CONVERGE_BETA = 4,    /* absolute and conditional beta */
    JH_CONVERGE_DENSITY = 8, /* kernel densities per year */
    JH_CONVERGE_MARKOV = 16  /* (spatial) Markov transitions */
};

/* What `junheng converge` computes.  Zero-initialised means: every year,
 * indices cv, cv_w, gini, theil_t, sd_log, absolute beta unweighted, five
 * quantile classes of relative values, 512 density points. */
typedef struct jh_converge_opts {
    unsigned tables;           /* JH_CONVERGE_* bits; 0 = all */
    int from, to;              /* first and last year; 0 = first / last present */
    const char *const *index;  /* sigma indices by output name (cv, cv_w, gini,
                                  theil_t, theil_l, sd_log, ...); NULL = default */
    size_t n_index;
    int weighted_beta;         /* weight beta by population in the first year */
    const char *conditional;   /* region catalog column for fixed effects, or NULL */
    int relative;              /* densities of x / provincial mean */
    double bandwidth;          /* > 0: fixed bandwidth; 0: Silverman */
    size_t grid_points;        /* density points per year; 0 = 512 */
    size_t classes;            /* Markov classes k; 0 = 5 */
    const double *breaks;      /* fixed upper bounds of relative classes (k-1), or NULL */
    size_t n_breaks;
    const size_t *neighbor_a;  /* neighbour pairs as data region positions, or NULL */
    const size_t *neighbor_b;
    size_t n_neighbors;
    double level;              /* significance level of the sigma verdict; 0 = 0.05 */
} jh_converge_opts;

/* One sigma index of one indicator and year. */
typedef struct jh_sigma_row {
    size_t indicator, stratum, year; /* dataset positions */
    size_t index;                    /* position in opts.index (or defaults) */
    double value;                    /* NaN when undefined */
    int status;                      /* JH_OK or why value is NaN */
    size_t n;                        /* counties with a value */
} jh_sigma_row;

/* The trend of one sigma index of one indicator over the years. */
typedef struct jh_trend_row {
    size_t indicator, stratum, index;
    jh_ols fit;                      /* index on year */
    double pct_change;               /* 100 (I_last - I_first) / I_first */
    int status;                      /* JH_OK, or why there is no fit */
    const char *verdict;             /* converging / diverging / no significant
                                        trend / undefined; static */
} jh_trend_row;

/* Beta-convergence of one indicator. */
typedef struct jh_beta_row {
    size_t indicator, stratum;
    int conditional;                 /* 0 absolute, 1 with fixed effects */
    int weighted;                    /* 1 when weighted by the first year's weights */
    jh_beta beta;                    /* conditional: fit.slope/se/t/p/r2 from the
                                        multiple regression, intercept NaN */
    size_t n_groups;                 /* fixed-effect groups used (conditional) */
    int status;                      /* JH_OK or why there is no fit */
} jh_beta_row;

/* One point of a density. */
typedef struct jh_density_row {
    size_t indicator, stratum, year;
    double bandwidth;                /* h used for this year */
    double x, density;
} jh_density_row;

/* One cell of a transition matrix: from class i to class j between
 * consecutive years, pooled over all pairs of years in the period. */
typedef struct jh_markov_row {
    size_t indicator, stratum;
    size_t lag_class;                /* spatial Markov: class of the neighbours'
                                        mean; (size_t)-1 for the plain chain */
    size_t from, to;                 /* classes, 0-based */
    double count;                    /* transitions observed */
    double probability;              /* count / row total; NaN for an empty row */
    double ergodic;                  /* ergodic share of class `to` (same in every
                                        row); NaN when undefined */
    double upper;                    /* upper bound of class `to`; +inf for the last */
} jh_markov_row;

/* Every table.  Caller owns it; free with jh_converge_table_free(). */
typedef struct jh_converge_table {
    const char **index_names;        /* sigma index names; strings static */
    size_t n_index;
    int first_year, last_year;       /* the period */
    jh_sigma_row *sigma;   size_t n_sigma;
    jh_trend_row *trend;   size_t n_trend;
    jh_beta_row *beta;     size_t n_beta;
    jh_density_row *density; size_t n_density;
    jh_markov_row *markov; size_t n_markov;
} jh_converge_table;

/* The sigma index names accepted in opts.index: the names of indices.h
 * (unweighted and _w) and sd_log / sd_log_w (standard deviation of ln x).
 * Returns 1 when name is known. */
int jh_converge_index_known(const char *name);

/* Runs every analysis over the total stratum (or the first stratum
 * present) of every indicator.  Problems with the options (unknown index,
 * year out of range, no such catalog column) are errors in diag and
 * return JH_EINVAL / JH_ENOTFOUND; an indicator where a part is undefined
 * gets a status in its rows and a warning.  Returns JH_OK and sets *out,
 * or an error status (then *out is NULL). */
int jh_converge_run(const jh_study *s, const jh_converge_opts *opts,
                    jh_diag *diag, jh_converge_table **out);
void jh_converge_table_free(jh_converge_table *c);

#ifdef __cplusplus
}
#endif
#endif
