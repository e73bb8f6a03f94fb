/* junheng — rankings and plan targets as result tables: indicators ranked
 * by a disparity index, counties ranked by a composite score (with domain
 * scores, coupling coordination and obstacle degrees), and progress toward
 * the plan's targets.
 *
 * Each function reads a const jh_study and fills a table the caller owns
 * (free with the matching _free function; NULL is allowed there).  Rows
 * come in a fixed order (year, then rank or region order), so that the
 * same inputs always give the same table.  Notes for the reader of the
 * output (which convention was used, what was left out and why) go to a
 * jh_diag as warnings-free "notes": the caller prints them. */
#ifndef JUNHENG_RANK_H
#define JUNHENG_RANK_H

#include <stddef.h>
#include <stdio.h>
#include "junheng/ahp.h"
#include "junheng/composite.h"
#include "junheng/diag.h"
#include "junheng/indices.h"
#include "junheng/study.h"
#include "junheng/targets.h"
#include "junheng/weightfile.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- indicators ranked by disparity ------------------------------------ */

/* One indicator in one year. */
typedef struct jh_rank_ind_row {
    size_t indicator;   /* data indicator index */
    size_t year;        /* data year index */
    double value;       /* the index; NaN when undefined */
    int status;         /* JH_OK or why value is undefined */
    size_t n;           /* regions with a value (and a weight, if weighted) */
    size_t rank;        /* 1 = most unequal in that year; 0 when undefined */
    size_t n_ranked;    /* indicators ranked in that year */
    int tier;           /* 1..5: quintile of the rank (1 = the most unequal
                           fifth); 0 when undefined */
    double change_prev; /* value minus the previous year's; NaN when either
                           is undefined or this is the first year */
    double change_base; /* value minus the base year's; NaN likewise */
} jh_rank_ind_row;

typedef struct jh_rank_indicators_table {
    jh_rank_ind_row *rows; /* n rows, by year then rank (undefined last, in
                              data order); owned */
    size_t n;              /* number of rows */
    size_t base_year;      /* data year index the change_base refers to */
} jh_rank_indicators_table;

/* What jh_rank_indicators_run ranks by. */
typedef struct jh_rank_indicators_opts {
    jh_index_id index;  /* the disparity index */
    int weighted;       /* its weighted twin */
    size_t stratum;     /* the stratum's position in the data */
    int base_year;      /* a calendar year, or 0 for the first year of the data */
} jh_rank_indicators_opts;

/* Ranks every non-neutral indicator of the study, in every year, by index
 * opts->index (weighted with the indicator's own weights from
 * jh_study_weights when opts->weighted; an indicator without weights then
 * gets the unweighted index and a note) over the regions that have a value
 * in opts->stratum.  Returns JH_OK and sets *out, JH_ENOTFOUND (base_year
 * not in the data, with a message in diag), or JH_ENOMEM. */
int jh_rank_indicators_run(const jh_study *s, const jh_rank_indicators_opts *opts,
                           jh_diag *diag, jh_rank_indicators_table **out);
void jh_rank_indicators_table_free(jh_rank_indicators_table *t);

/* ---- counties ranked by a composite score ------------------------------ */

typedef enum jh_weight_method {
    JH_WEIGHTS_ENTROPY = 0, /* entropy weight method, per year */
    JH_WEIGHTS_CRITIC,      /* CRITIC, per year */
    JH_WEIGHTS_EQUAL,       /* 1/m each */
    JH_WEIGHTS_CATALOG,     /* the indicator catalog's weights: not
                               available, see jh_rank_counties_run */
    JH_WEIGHTS_FIXED,       /* a file of code,weight (jh_subjective) */
    JH_WEIGHTS_AHP,         /* AHP matrices (jh_subjective) */
    JH_WEIGHTS_COMBINED     /* fixed or AHP combined with entropy or CRITIC */
} jh_weight_method;

/* The subjective part of the weights: a weight list or AHP matrices, as
 * read by src/data (junheng/weightfile.h), not owned.  Codes name scored
 * indicators or their domains (a code that is both is the indicator).
 *  - fixed: indicator weights, normalised to sum 1; or domain weights
 *    plus indicator weights within each domain (a domain with a single
 *    indicator needs none), each level normalised and multiplied through.
 *  - AHP: one matrix of all the scored indicators; or one matrix of the
 *    domains and one per domain of two or more indicators (hierarchical),
 *    the global weight the product of the domain's and the local weight.
 * An indicator without a weight, a code that is neither a scored indicator
 * nor a domain of one, or a matrix with CR > 0.10 (unless
 * accept_inconsistent) is an error naming the file. */
typedef struct jh_subjective {
    const jh_weight_list *fixed;  /* fixed weights, or NULL */
    jh_pairwise *const *ahp;      /* [n_ahp] AHP matrices */
    size_t n_ahp;
    int accept_inconsistent;             /* CR > 0.10 is a note, not an error */
} jh_subjective;

/* weights_base: objective weights found once and held for every year. */
#define JH_WEIGHTS_BASE_POOLED (-1) /* on every selected year pooled */

/* The consistency of one AHP matrix as used. */
typedef struct jh_ahp_check {
    const char *path;        /* the matrix file; points into the options */
    size_t n;                /* items compared */
    jh_ahp_consistency c;    /* lambda_max, CI, RI, CR */
} jh_ahp_check;

typedef enum jh_score_method {
    JH_SCORE_WSUM = 0, /* weighted sum of normalised values */
    JH_SCORE_TOPSIS    /* TOPSIS closeness on the raw values */
} jh_score_method;

typedef enum jh_impute {
    JH_IMPUTE_NONE = 0,       /* a county missing any selected indicator in a
                                 year is left out of that year's ranking */
    JH_IMPUTE_PREFECTURE,     /* mean of the other counties of its prefecture
                                 that year (province mean when none has one) */
    JH_IMPUTE_PROVINCE        /* mean of all counties with a value that year */
} jh_impute;

/* What enters and how it is scored.  Zero-initialised means: min-max,
 * entropy weights without shift, weighted sum, textbook TOPSIS, standard
 * coupling, no imputation, every year, every non-neutral indicator. */
typedef struct jh_rank_counties_opts {
    jh_norm norm;                /* min-max or z-score */
    int fixed_range;             /* min-max over all selected years pooled */
    jh_weight_method weights;    /* how weights are found */
    double entropy_shift;        /* 0: 0 ln 0 = 0; else shift into [eps, 1] */
    jh_score_method method;      /* weighted sum or TOPSIS */
    jh_topsis_form topsis_form;  /* where TOPSIS puts the weights */
    jh_coupling_form coupling;   /* standard or corrected */
    jh_impute impute;            /* missing values */
    size_t stratum;              /* data stratum index */
    const int *year_sel;         /* [n_years] 1 = selected; NULL = all */
    const int *ind_sel;          /* [n_indicators] 1 = selected; NULL = all
                                    non-neutral; neutral ones never enter */
    size_t n_obstacles;          /* how many top obstacles per county to keep */
    jh_subjective subj;          /* fixed, AHP and combined weights */
    jh_weight_method objective;  /* combined: entropy or CRITIC */
    jh_combine_form combine;     /* combined: product (default) or linear */
    double alpha;                /* linear: the subjective share, in [0, 1] */
    int weights_base;            /* 0: objective weights per year (default);
                                    a calendar year, or JH_WEIGHTS_BASE_POOLED */
} jh_rank_counties_opts;

/* The weight of one indicator in one year. */
typedef struct jh_rank_weight {
    size_t year;       /* data year index */
    size_t indicator;  /* data indicator index */
    double weight;     /* w_j, summing to 1 over the year's indicators */
    double info;       /* entropy e_j (entropy), C_j (CRITIC), NaN otherwise */
    double subjective; /* the fixed or AHP weight; NaN when none */
    double objective;  /* the entropy or CRITIC weight; NaN when none */
    double cr;         /* CR of the AHP matrix comparing the indicator; NaN
                          when none (not AHP, or its domain's only one) */
    double cr_domain;  /* CR of the AHP domain matrix; NaN when none */
} jh_rank_weight;

/* One county in one year. */
typedef struct jh_rank_county_row {
    size_t year;          /* data year index */
    size_t region;        /* data region index */
    size_t prefecture;    /* index into prefectures, or JH_NONE */
    int ranked;           /* 0: left out (missing values, no imputation) */
    double score;         /* overall composite score; NaN when not ranked */
    size_t rank;          /* 1 = best; 0 when not ranked */
    long rank_change;     /* previous year's rank minus this one (positive =
                             moved up); 0 with has_change == 0 */
    int has_change;       /* 1 when ranked in both years */
    double *domain;       /* [n_domains] domain scores (NaN: domain without
                             indicators this year); points into the table */
    double coupling_c, coupling_t, coupling_d; /* coupling coordination of the
                             domain scores; NaN when undefined */
    int coord_class;      /* jh_coupling_class(D), -1 when undefined */
    size_t n_imputed;     /* values imputed for this county and year */
    size_t *obstacle;     /* [n_obstacles] indicators holding the score
                             down most (JH_NONE padding); into the table */
    double *obstacle_deg; /* [n_obstacles] their obstacle degrees */
} jh_rank_county_row;

/* The weighting a scoring used, as data: jh_rank_weighting_words says it. */
typedef struct jh_rank_weighting {
    jh_weight_method method;     /* as asked (jh_rank_counties_opts.weights) */
    jh_weight_method objective;  /* the objective part: entropy or CRITIC, or
                                    equal when there is none */
    jh_weight_method subjective; /* combined: fixed or AHP */
    jh_combine_form combine;     /* combined: product or linear */
    double alpha;                /* linear: the subjective share */
    int base;                    /* weights_base: 0 (per year), a calendar
                                    year, or JH_WEIGHTS_BASE_POOLED */
} jh_rank_weighting;

typedef struct jh_rank_counties_table {
    jh_rank_county_row *rows;  /* by year then region (data order); owned */
    size_t n;                  /* number of rows */
    size_t n_domains;          /* domains of the selected indicators */
    char **domain_names;       /* [n_domains] sorted by name ("" = no domain
                                  given, named "none" on output); owned */
    jh_intern prefectures;     /* prefecture names (jh_study_groups) */
    jh_rank_weight *weights;   /* n_weights rows, by year then indicator */
    size_t n_weights;
    size_t n_obstacles;        /* obstacles kept per row */
    size_t n_indicators_used;  /* indicators that entered */
    size_t n_imputed;          /* values imputed in total */
    size_t n_left_out;         /* county-years left out */
    jh_rank_weighting weighting; /* the weighting used (in words:
                                  jh_rank_weighting_words) */
    jh_ahp_check *ahp;         /* [n_ahp] each AHP matrix used; owned */
    size_t n_ahp;
    double cr_max;             /* largest CR of the AHP matrices; NaN without */
    double *store;             /* private: backing store of the row arrays */
    size_t *istore;            /* private: likewise */
} jh_rank_counties_table;

/* Scores the counties of the study per selected year.  Per year: the
 * selected indicators with a value for the counties (after imputation)
 * are normalised, weighted (entropy / CRITIC on that year's matrix), and
 * scored overall and per domain (the domain's indicators with their
 * weights renormalised within the domain); obstacle degrees come from the
 * min-max normalised matrix and the overall weights; coupling coordination
 * couples the domain scores (needs two or more domains and scores in
 * [0, 1]: not with z-scores).  Notes (the weight and normalisation used,
 * neutral indicators left out, imputations, counties left out) are added
 * to diag as warnings.  Returns JH_OK and sets *out, JH_EINVAL for a bad
 * option combination (a message in diag: entropy with z-scores, catalog
 * weights), JH_EEMPTY (no indicator or year selected, or no county left),
 * JH_ENOTFOUND (no prefecture column with prefecture-mean), or JH_ENOMEM. */
int jh_rank_counties_run(const jh_study *s, const jh_rank_counties_opts *o, jh_diag *diag,
                         jh_rank_counties_table **out);
void jh_rank_counties_table_free(jh_rank_counties_table *t);

/* The name of a weighting method in English ("entropy", "CRITIC", "fixed",
 * "AHP", "combined", "equal") or, with zh, in Chinese ("熵值法" ...). */
const char *jh_weight_method_name(jh_weight_method k, int zh);

/* The weighting of t in one line (zh: Chinese), for the report, the
 * charts and the notes: "AHP (1 matrix, CR 0.0330)", "entropy; entropy
 * held from 2018", "层次分析法（AHP）（…）"; JH_RANK_WEIGHTING_MAX bytes
 * are always enough. */
#define JH_RANK_WEIGHTING_MAX 256
void jh_rank_weighting_words(const jh_rank_counties_table *t, int zh, char *out, size_t size);

/* The subjective weights w[m] of the scored indicators cols[m] (data
 * indices) under sub (see jh_subjective); for AHP, *checks (owned by the
 * caller, free()) gets each matrix's consistency.  Returns JH_OK,
 * JH_EPARSE with messages in diag, or JH_ENOMEM. */
int jh_subjective_weights(const jh_study *s, const size_t *cols, size_t m,
                          const jh_subjective *sub, jh_diag *diag, double *w,
                          jh_ahp_check **checks, size_t *n_checks);

/* ---- plan targets ------------------------------------------------------ */

/* One indicator with a target in one year. */
typedef struct jh_target_row {
    size_t indicator;     /* data indicator index */
    size_t year;          /* data year index */
    jh_target target;     /* as read from the catalog */
    double value;         /* provincial value: weighted mean (cumulative:
                             running total of county sums); NaN if none */
    double progress;      /* (value - baseline)/(target - baseline); NaN
                             when undefined */
    double expected;      /* linear expectation for the year */
    int on_track;         /* 1 / 0; -1 when there is no value */
    size_t n;             /* counties with a value */
    size_t n_meeting;     /* counties meeting the target (not cumulative) */
    double share_meeting; /* n_meeting / n */
    double pop_share_meeting; /* weight share of those counties; NaN when the
                             indicator is unweighted */
    double tail_shortfall; /* mean shortfall of the worst-off tenth */
    int coverage;         /* 1 for a coverage of a target group (catalog kind
                             coverage): the two fields below apply */
    double group_size;    /* persons in the target group, summed over the
                             counties with a value and a group size; NaN
                             when the catalog names no group size or no
                             county has one */
    double shortfall_persons; /* persons the standard leaves unserved:
                             sum over those counties of shortfall/100 x group
                             size; NaN as group_size */
} jh_target_row;

/* One county, one indicator, one year. */
typedef struct jh_target_county_row {
    size_t indicator, year, region; /* data indices */
    double value;                   /* the county's value */
    int meets;                      /* 1 / 0 */
    double shortfall;               /* how far from the target, >= 0 */
    double group_size;              /* coverage: persons in the target group;
                                       NaN when unknown or not a coverage */
    double shortfall_persons;       /* coverage: shortfall/100 x group_size */
} jh_target_county_row;

typedef struct jh_targets_table {
    jh_target_row *rows;            /* by indicator (data order) then year */
    size_t n;
    jh_target_county_row *county;   /* by indicator, year, region */
    size_t n_county;
    int has_coverage;               /* 1 when a row is a coverage: the
                                       writers add the coverage columns */
} jh_targets_table;

/* Where jh_targets_run measures. */
typedef struct jh_targets_opts {
    size_t stratum;     /* the stratum's position in the data */
} jh_targets_opts;

/* Every indicator of the catalog with a target kind and a target number,
 * per year of the data, in opts->stratum.  Indicators with a target but no data
 * (province-scope figures) get a note in diag, and so does a coverage
 * whose group size has no data.  Returns JH_OK and sets
 * *out, JH_EEMPTY (no catalog or no target), or JH_ENOMEM. */
int jh_targets_run(const jh_study *s, const jh_targets_opts *opts, jh_diag *diag,
                   jh_targets_table **out);
void jh_targets_table_free(jh_targets_table *t);

/* Writers (src/output): the tables of `junheng rank` (indicators ranked
 * by index, counties with their scores, the entropy weights) and of
 * `junheng targets` (per indicator and year, per county), %.17g; csv: 0
 * or JH_CSV_RAW (jh_csv_text).  When t->has_coverage, both tables get
 * the columns group_size,shortfall_persons at the end (the indicator table
 * also coverage: 1 or 0), so a catalog without coverage indicators gives
 * the tables as before. */
void jh_write_rank_indicators(FILE *f, const jh_study *st, const jh_rank_indicators_table *t,
                              const char *index, int csv);
void jh_write_rank_counties(FILE *f, const jh_study *st, const jh_rank_counties_table *t,
                            int csv);
void jh_write_rank_weights(FILE *f, const jh_study *st, const jh_rank_counties_table *t,
                           int csv);
void jh_write_targets(FILE *f, const jh_study *st, const jh_targets_table *t, int csv);
void jh_write_target_counties(FILE *f, const jh_study *st, const jh_targets_table *t, int csv);

#ifdef __cplusplus
}
#endif
#endif
