/* junheng — class breaks of a choropleth legend (src/core/classify.c):
 * quantiles, equal intervals and Jenks natural breaks.  Arrays in,
 * numbers out; no I/O.  Conventions of PySAL mapclassify; see
 * docs/indices.md, "Maps". */
#ifndef JUNHENG_CLASSIFY_H
#define JUNHENG_CLASSIFY_H

#include <stddef.h>
#include "junheng/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum jh_classify_method {
    JH_CLASSIFY_QUANTILES = 0, /* breaks at the k-quantiles (linear interpolation
                                  between order statistics, as numpy.percentile) */
    JH_CLASSIFY_EQUAL,         /* min + i (max - min) / k */
    JH_CLASSIFY_JENKS          /* Fisher (1958) / Jenks (1977): the k classes of
                                  consecutive sorted values with the smallest
                                  sum of squared deviations from class means
                                  (exact dynamic programme, O(k n^2)) */
} jh_classify_method;

/* Upper bounds of k classes of the finite values of x[0..n-1]:
 * upper[k-1] is the maximum; a value belongs to the first class whose
 * bound it does not exceed.  Fewer distinct values than k gives repeated
 * bounds (empty classes).  JH_EEMPTY without a finite value, JH_EINVAL
 * (k < 1), JH_ENOMEM. */
int jh_classify(const double *x, size_t n, size_t k, jh_classify_method m, double *upper);

/* The class (0 .. k-1) of x under upper[0..k-1]; k for NaN. */
size_t jh_class_of(double x, const double *upper, size_t k);

#ifdef __cplusplus
}
#endif
#endif
