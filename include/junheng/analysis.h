/* junheng — analyses that turn a dataset into results, slice by slice. */
#ifndef JUNHENG_ANALYSIS_H
#define JUNHENG_ANALYSIS_H

#include <stddef.h>
#include "junheng/dataset.h"
#include "junheng/diag.h"
#include "junheng/indices.h"
#include "junheng/study.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Every index of one (indicator, year, stratum) slice. */
typedef struct jh_slice_indices {
    size_t indicator, year, stratum; /* positions in the dataset's tables */
    size_t n_missing;                /* regions without a value in this slice */
    jh_index_set plain;              /* unweighted */
    jh_index_set weighted;           /* population-weighted; valid when has_weighted */
    int has_weighted;
} jh_slice_indices;

/* Computes every index for every slice that has at least one region with
 * a value (n_indicators x n_years x n_strata slices at most), in dataset
 * order.  Weighted twins are computed when use_weights and the dataset has
 * weights; a slice where a region with a value lacks a usable weight gets
 * JH_EWEIGHT for every weighted index and one warning in diag.
 * Returns JH_OK and sets *out (caller frees with free()) and *n_out, or
 * JH_ENOMEM. */
int jh_analysis_indices(const jh_dataset *d, int use_weights, jh_diag *diag,
                        jh_slice_indices **out, size_t *n_out);

/* The same for a study: each indicator is weighted as jh_study_weights
 * says (the catalog's weight: population, another indicator, or none). */
int jh_study_indices(const jh_study *s, int use_weights, jh_diag *diag,
                     jh_slice_indices **out, size_t *n_out);

#ifdef __cplusplus
}
#endif
#endif
