/* junheng — checks of a dataset for `junheng validate`: coverage,
 * plausible ranges, robust outliers, and agreement with the catalogs.
 *
 * Pure library code: the checks read the dataset (and the catalogs when
 * given), put what they find into a jh_diag and the numbers into a
 * jh_validate_table, and print nothing.  Every loop runs in the dataset's
 * fixed order (indicator, year, stratum, region), so the findings come out
 * in the same order on every run. */
#ifndef JUNHENG_VALIDATE_H
#define JUNHENG_VALIDATE_H

#include <stddef.h>
#include <stdio.h>
#include "junheng/catalog.h"
#include "junheng/dataset.h"
#include "junheng/diag.h"
#include "junheng/services.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The robust z-score above which a value is reported as an outlier:
 * |x - median| / (1.4826 MAD) > 3.5 (Iglewicz & Hoaglin, 1993). */
#define JH_VALIDATE_OUTLIER_Z 3.5
/* The z-scores: jh_robust_z (indices.h), also used by the charts. */

typedef struct jh_validate_opts {
    const jh_region_catalog *regions;       /* NULL: no region checks */
    const jh_indicator_catalog *indicators; /* NULL: no unit checks */
    const jh_service_list *services;        /* NULL: no service-list check */
    double outlier_z;  /* threshold; 0 means JH_VALIDATE_OUTLIER_Z */
    int lenient;       /* a region missing from the catalog is a warning,
                          not an error */
} jh_validate_opts;

/* What the checks counted.  Owned by the caller: jh_validate_table_free. */
typedef struct jh_validate_table {
    size_t *present;   /* [(ind * n_years + year) * n_strata + stratum]:
                          regions with a value in that slice */
    size_t n_slices;   /* entries of present */
    size_t n_negative;          /* values below zero (errors) */
    size_t n_above_100;         /* values above 100 where the unit is % (errors) */
    size_t n_outliers;          /* robust outliers (warnings) */
    size_t n_slices_mad_zero;   /* slices skipped by the outlier check (MAD 0) */
    size_t n_unknown_regions;   /* data regions not in the catalog */
    size_t n_unknown_indicators;/* data indicators not in the catalog (warnings) */
    int has_services;           /* a service list was checked */
    size_t n_service_items, n_service_monitored; /* its items, those naming an indicator */
    size_t n_unknown_service_indicators; /* indicators it names that the
                                   catalog (or the data) lack (errors) */
    size_t n_regions_without_data; /* catalog regions with no value (warnings) */
    size_t n_weight_negative;   /* region-years with a negative weight (errors) */
    size_t n_weight_zero;       /* region-years with a zero or missing weight
                                   where they have a value (warnings) */
    size_t n_province_scope;    /* scope = province indicators with values for
                                   more than one region (warnings) */
    size_t n_bad_target_years;  /* catalog targets not after their baseline year
                                   (errors) */
} jh_validate_table;

/* Runs every check on d.  Findings go to diag without a file position
 * (the dense dataset no longer knows lines) except for catalog rows:
 * errors for negative values, values above 100 with unit %, negative
 * weights (populations), catalog targets whose year is not after the
 * baseline year, and regions missing from the catalog (warnings when
 * lenient); warnings for outliers, zero or missing weights where a region
 * has a value (the other commands leave weighted indices empty then),
 * indicators missing from the catalog, scope = province indicators with
 * values for several regions, and catalog regions without data.  A
 * dataset without observations is a warning too.  Returns JH_OK and sets
 * *out, JH_EINVAL for NULL arguments, JH_ENOMEM. */
int jh_validate_run(const jh_dataset *d, const jh_validate_opts *opts, jh_diag *diag,
                    jh_validate_table **out);

void jh_validate_table_free(jh_validate_table *v);

/* What the validate report shows: the dataset as read, the checks, the
 * catalogs' paths (NULL: none) and the messages of reading. */
typedef struct jh_validation_report {
    const jh_dataset *d;
    const jh_validate_table *v;
    const jh_diag *checks;          /* messages of jh_validate_run */
    const char *regions, *indicators;
    jh_censored_policy censored;
    size_t read_errors, read_warnings;
} jh_validation_report;

/* Writer (src/output): the text report `junheng validate` prints. */
void jh_write_validation(FILE *f, const jh_validation_report *r);

/* Number of regions with a value in slice (ind, year, stratum). */
static inline size_t jh_validation_present(const jh_validate_table *v, const jh_dataset *d,
                                           size_t ind, size_t year, size_t stratum)
{
    return v->present[(ind * d->n_years + year) * d->n_strata + stratum];
}

#ifdef __cplusplus
}
#endif
#endif
