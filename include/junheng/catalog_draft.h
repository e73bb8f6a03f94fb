/* Starter catalogs guessed from the data (`junheng init`): the regions
 * with the prefecture and province their six-digit codes give, and every
 * indicator (higher-is-better until the analyst says otherwise) with a
 * per-1,000-people twin of every count when there is a population. */
#ifndef JUNHENG_CATALOG_DRAFT_H
#define JUNHENG_CATALOG_DRAFT_H

#include <stdio.h>
#include "junheng/study.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One row of the region catalog. */
typedef struct jh_region_draft {
    const char *code, *name;  /* the data's; name "" when it has none */
    char prefecture[7];       /* code's first four digits and 00, or "" */
    char province[7];         /* code's first two digits and 0000, or "" */
    const char *parent;       /* the data's parent column, or the prefecture code */
} jh_region_draft;

/* One row of the indicator catalog. */
typedef struct jh_indicator_draft {
    char *code, *name;        /* owned */
    const char *direction;    /* "higher_better" or "neutral" (the weight) */
    const char *weight;       /* "population" or "none" */
    const char *numerator, *denominator; /* a derived twin's, else "" */
    double scale;             /* a derived twin's (1000 or 0.1), else 1 */
    const char *note;
} jh_indicator_draft;

typedef struct jh_catalog_draft_opts {
    int no_weight;            /* take no population column (--no-weight) */
} jh_catalog_draft_opts;

typedef struct jh_catalog_draft_table {
    jh_region_draft *regions; /* n_regions, in data order */
    size_t n_regions, n_coded; /* n_coded: regions with six-digit codes */
    jh_indicator_draft *indicators; /* n_indicators: the data's, the weight,
                                 then the derived twins */
    size_t n_indicators, n_derived;
    const char *weight;       /* the population column, or NULL */
    size_t weight_indicator;  /* its indicator, or JH_NONE for the weight column */
    int placeholder;          /* the weight was one value everywhere: not used */
    double scale;             /* 1e-4 when the weight is in 10,000s, else 1 */
    unsigned char *negative;  /* [indicator] has a value below zero: left out */
    size_t n_negative;
} jh_catalog_draft_table;

/* Guesses the catalogs of s.  What it guessed and what to check (the
 * population column taken, a placeholder weight, columns with negative
 * values) are warnings in diag, in that order.  JH_OK and *out, or
 * JH_ENOMEM. */
int jh_catalog_draft_run(const jh_study *s, const jh_catalog_draft_opts *opts, jh_diag *diag,
                         jh_catalog_draft_table **out);
void jh_catalog_draft_table_free(jh_catalog_draft_table *t);

/* Writers (src/output): regions.csv (code,name,prefecture_code,
 * province_code,prefecture) and indicators.csv (code,name_zh,name_en,
 * domain,unit,direction,weight,scope,numerator,denominator,scale,note),
 * text as it is: the catalogs are junheng's own input, and an apostrophe
 * against formulas would change a code. */
void jh_write_region_draft(FILE *f, const jh_catalog_draft_table *t);
void jh_write_indicator_draft(FILE *f, const jh_catalog_draft_table *t);

#ifdef __cplusplus
}
#endif
#endif
