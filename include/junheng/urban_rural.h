/* junheng — urban-rural comparisons of a study: per county the urban and
 * rural values, their ratio and gap; per area (the province, and each
 * prefecture or other group of counties) the population-weighted urban and
 * rural means, their ratio and gap, and the disparity of the county ratios.
 *
 * Basis: where an indicator has urban and rural strata in a year, each
 * county is compared with itself ("strata").  Where it has none, urban-class
 * counties are compared with rural-class counties of the region catalog
 * ("class", e.g. districts against counties), on the total stratum.
 *
 * Orientation: the ratio and gap read as the advantage of the urban side:
 * urban/rural and urban - rural for higher-better and neutral indicators,
 * rural/urban and rural - urban for lower-better ones (mortality, pupils
 * per teacher); the ratio_of column says which.  A ratio above 1 thus
 * always means town is better served than country.
 *
 * Any two strata of one dimension compare the same way (jh_urban_rural_opts.compare,
 * e.g. migrant workers' children against local children): the first plays
 * the urban part, the second the rural one, always on the strata basis,
 * for the indicators and years where both strata have values.
 * The urban and rural members below then hold the first and second side. */
#ifndef JUNHENG_URBAN_RURAL_H
#define JUNHENG_URBAN_RURAL_H

#include <stddef.h>
#include <stdio.h>
#include "junheng/diag.h"
#include "junheng/intern.h"
#include "junheng/notes.h"
#include "junheng/study.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What to compare and how. */
typedef struct jh_urban_rural_opts {
    const char *by;         /* column grouping counties into areas below the
                               province (e.g. "prefecture"), or NULL for the
                               province only */
    int use_weights;        /* weigh means by population (the strata's weights) */
    const char *compare[2]; /* the two strata compared (labels of the data,
                               jh_dataset_stratum_find), both of one
                               dimension or one the whole population; NULL:
                               urban and rural, with the class basis */
    const char *indicator;  /* only this indicator code, or NULL */
    int year;               /* only this year, or 0 */
    size_t bootstrap;       /* B replicates for the area ratio and gap, 0 none */
    double ci;              /* confidence level in (0,1) */
    unsigned long seed;     /* seed (jh_boot_seed per indicator, year, area) */
    jh_nonpositive nonpositive; /* values <= 0, where the ratios need x > 0:
                               DEFINED (0): ratio empty where its
                               denominator is 0; ERROR: an indicator-year
                               with such a value is an error; SKIP: leave
                               the ratios (county and area) and their
                               gini, cv, theil_t empty for that year;
                               DROP: treat those values as missing */
} jh_urban_rural_opts;

/* Basis of a comparison. */
typedef enum jh_ur_basis { JH_UR_STRATA, JH_UR_CLASS } jh_ur_basis;

/* One county and year (strata basis only). */
typedef struct jh_ur_county {
    size_t indicator;  /* data indicator */
    size_t year;       /* data year position */
    size_t region;     /* data region */
    size_t area;       /* area name index, or JH_NONE */
    double urban;      /* urban value, NaN when missing */
    double rural;      /* rural value, NaN when missing */
    double ratio;      /* oriented ratio; NaN when a side is missing or the
                          denominator is 0 */
    double gap;        /* oriented difference; NaN when a side is missing */
    int reversed;      /* 1: rural/urban (lower-better indicator) */
    const char *note;  /* text owned by the table or static: "", "no urban
                          value", "no rural value" (the sides' labels),
                          "denominator is 0", "urban value <= 0 dropped",
                          "rural value <= 0 dropped", "value <= 0: ratio
                          skipped" */
} jh_ur_county;

/* One area and year. */
typedef struct jh_ur_area {
    size_t indicator;    /* data indicator */
    size_t year;         /* data year position */
    size_t area;         /* area name index, or JH_NONE for the province */
    jh_ur_basis basis;   /* strata or class */
    size_t n;            /* counties compared (strata: with both values;
                            class: urban-class plus rural-class) */
    size_t n_left_out;   /* counties with a value left out: one stratum only
                            (strata), no class (class) */
    double urban_mean;   /* weighted mean of the urban side */
    double rural_mean;   /* weighted mean of the rural side */
    double ratio;        /* oriented ratio of the means */
    double gap;          /* oriented difference of the means */
    int reversed;        /* 1: rural/urban */
    double gini;         /* Gini of the county ratios (strata; NaN otherwise) */
    double cv;           /* CV of the county ratios */
    double theil_t;      /* Theil T of the county ratios */
    double ratio_low, ratio_high, ratio_se; /* bootstrap, NaN without */
    double gap_low, gap_high, gap_se;       /* bootstrap, NaN without */
} jh_ur_area;

/* The result.  Caller owns it; free with jh_urban_rural_table_free(). */
typedef struct jh_urban_rural_table {
    jh_intern areas;       /* area names, sorted (bytewise) */
    jh_ur_county *county;  /* county rows in data order */
    size_t n_county, cap_county;
    jh_ur_area *area;      /* area rows: per indicator and year, the
                              province first, then areas by name */
    size_t n_area, cap_area;
    int has_ci;            /* bootstrap columns are meaningful */
    jh_notes notes;        /* what was done to each slice: missing, drop,
                              skip (jh_write_notes) */
    /* The sides compared, "urban" and "rural" by default, and the texts
     * that name them (notes and county rows point here). */
    char side[2][JH_STRATUM_CODE_MAX + 1];
    char pair[2 * JH_STRATUM_CODE_MAX + 2];       /* "urban+rural" */
    char no_value[2][JH_STRATUM_CODE_MAX + 16];   /* "no urban value" */
    char dropped[2][JH_STRATUM_CODE_MAX + 24];    /* "urban value <= 0 dropped" */
    char left_out[2][JH_STRATUM_CODE_MAX + 48];   /* "no urban value; county left out
                                                     of the means" */
} jh_urban_rural_table;

/* Compares town and country (or the two strata of o->compare) for every
 * selected indicator and year.  A stratum of o->compare that the data lack,
 * or two of different dimensions, is an error in diag and JH_ENOTFOUND.  A
 * county with only one of the two strata is reported (a county row with
 * a note, and a warning in diag), not dropped silently.  Returns JH_OK and
 * sets *out; JH_ENOTFOUND when opts->by names no column (message in
 * diag); JH_ENOMEM.  The nonpositive policy acts per indicator and year
 * on the strata compared (urban and rural, or total on the class basis):
 * ERROR adds one error per slice with a value <= 0, naming indicator,
 * year, stratum, region and value, and returns JH_EZERO (JH_ENEGATIVE
 * when a value is negative) without *out; DROP and SKIP add one warning
 * per slice and rows to t->notes. */
int jh_urban_rural_run(const jh_study *s, const jh_urban_rural_opts *o, jh_diag *diag,
                       jh_urban_rural_table **out);
void jh_urban_rural_table_free(jh_urban_rural_table *t);

/* Writes the area table: indicator,year,level,area,basis,n,left_out,
 * urban_mean,rural_mean,ratio,gap,ratio_of (with --compare A:B the columns
 * A_mean,B_mean and ratio_of A/B or B/A),gini_ratio,cv_ratio,
 * theil_t_ratio (then ratio_ci_low,ratio_ci_high,ratio_se,gap_ci_low,
 * gap_ci_high,gap_se with a bootstrap); fmt "%.17g" (long) or "%.10g".
 * csv: 0, or JH_CSV_RAW for text cells as they are (output.h). */
void jh_write_ur_areas(FILE *f, const jh_study *s, const jh_urban_rural_table *t,
                       const char *fmt, int csv);

/* Writes the county table: indicator,year,region,name,area,urban,rural,
 * ratio,gap,ratio_of,note (A,B for --compare A:B). */
void jh_write_ur_counties(FILE *f, const jh_study *s, const jh_urban_rural_table *t,
                          const char *fmt, int csv);

/* ---- gaps between groups of people -------------------------------- */

/* The pairs of strata of one dimension the data compare, in the strata's
 * order: each stratum of the dimension against the one its catalog row
 * names in compare; a stratum with no compare of its own against the whole
 * population (total), unless another stratum is compared with it (then it
 * is that pair's other side).  Pairs whose other side the data lack are
 * left out.  Writes up to cap pairs of stratum positions into pair and
 * returns how many there are (may exceed cap). */
size_t jh_strata_pairs(const jh_dataset *d, const char *dimension, size_t (*pair)[2],
                       size_t cap);

/* One pair compared: its two stratum positions and their comparison
 * (jh_urban_rural_run with compare set to the pair). */
typedef struct jh_gap_pair {
    size_t a, b;
    jh_urban_rural_table *t;
} jh_gap_pair;

/* Every pair of jh_strata_pairs compared.  Caller owns it. */
typedef struct jh_group_gaps_table {
    jh_gap_pair *pair;
    size_t n;
} jh_group_gaps_table;

/* How jh_group_gaps_run compares. */
typedef struct jh_group_gaps_opts {
    jh_urban_rural_opts compare; /* as for one pair; its compare is ignored
                                    (each pair sets it) */
    const char *dimension;       /* the strata's dimension, e.g. "group" */
} jh_group_gaps_opts;

/* Compares each pair of strata of opts->dimension (jh_strata_pairs) as
 * opts->compare asks.  Returns JH_OK and sets *out (n may be 0 when the
 * data have no such strata), or what jh_urban_rural_run returns. */
int jh_group_gaps_run(const jh_study *s, const jh_group_gaps_opts *opts, jh_diag *diag,
                      jh_group_gaps_table **out);
void jh_group_gaps_table_free(jh_group_gaps_table *g);

/* Writes tables/group-gaps.csv: group,comparison,indicator,year,level,
 * area,region,name,n,left_out,group_value,comparison_value,ratio,gap,
 * ratio_of,note; per pair, indicator and year the province row (level
 * province), the area rows (level area, area named) and the county rows
 * (level county: region code and name, its area, no n and left_out).
 * Means on the province and area rows, values on the county rows; ratio
 * and gap oriented as jh_urban_rural_table's, ratio_of "group/comparison" or the
 * reverse for a lower-better indicator.  fmt as jh_write_ur_areas. */
void jh_write_group_gaps(FILE *f, const jh_study *s, const jh_group_gaps_table *g, const char *fmt,
                         int csv);

#ifdef __cplusplus
}
#endif
#endif
