/* junheng — the numeric core: disparity indices over one slice of values.
 *
 * Every function takes the values x[0..n-1] and optional weights w[0..n-1]
 * (population; w == NULL means every region weighs 1, the unweighted form)
 * and writes its result through an out-pointer.  Each returns JH_OK or a
 * status from status.h; on error the out-pointer is left untouched.  No
 * function does I/O, keeps state or allocates: functions that must sort take
 * a caller-owned jh_workspace large enough for n.
 *
 * Shared input rules (checked first, in this order):
 *   n == 0                         -> JH_EEMPTY
 *   any x not finite               -> JH_ENONFINITE
 *   any w <= 0 or not finite       -> JH_EWEIGHT
 *   any x < 0 (disparity indices)  -> JH_ENEGATIVE
 *   weighted mean == 0 (ratios)    -> JH_EZEROMEAN
 * Zeros are legitimate data.  Indices that take the log or the inverse of
 * x (Theil L / GE(0), Atkinson with eps >= 1, max/min ratio, P90/P10 with a
 * zero P10) return JH_EZERO instead of dropping the zero.
 *
 * Formulas, conventions and references: docs/indices.md. */
#ifndef JUNHENG_INDICES_H
#define JUNHENG_INDICES_H

#include <stddef.h>
#include "junheng/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Scratch space for functions that sort a slice.  Allocate once for the
 * largest slice and reuse; one workspace per thread.  Opaque. */
typedef struct jh_workspace jh_workspace;

/* Returns a workspace for slices of up to n values, or NULL when out of
 * memory.  Caller owns it; free with jh_workspace_free(). */
jh_workspace *jh_workspace_alloc(size_t n);
void jh_workspace_free(jh_workspace *ws);

/* Checks the shared input rules above for x and w; nonneg asks for x >= 0.
 * Returns JH_OK or the first violated status. */
int jh_check_input(const double *x, const double *w, size_t n, int nonneg);

/* Gini coefficient G = sum_i sum_j w_i w_j |x_i - x_j| / (2 W^2 mu_w),
 * computed after sorting in O(n log n).  The unweighted form is the "n^2"
 * form (R ineq::Gini, PySAL); corrected != 0 multiplies by n/(n-1)
 * (unweighted only; JH_EINVAL with weights or n < 2). */
int jh_gini(const double *x, const double *w, size_t n, int corrected,
            jh_workspace *ws, double *result);

/* Arithmetic mean, weighted when w != NULL: mu_w = sum w_i x_i / W. */
int jh_mean(const double *x, const double *w, size_t n, double *result);

/* Population standard deviation sqrt(sum p_i (x_i - mu_w)^2), p_i = w_i/W
 * (divides by n, not n-1). */
int jh_sd(const double *x, const double *w, size_t n, double *result);

/* Coefficient of variation sd/mu; with weights this is Williamson's index
 * sqrt(sum p_i (x_i - mu_w)^2) / mu_w. */
int jh_cv(const double *x, const double *w, size_t n, double *result);

/* Generalised entropy GE(alpha) = 1/(alpha(alpha-1)) [sum p_i (x_i/mu_w)^alpha - 1];
 * GE(1) = Theil T = sum p_i (x_i/mu_w) ln(x_i/mu_w) with 0 ln 0 = 0;
 * GE(0) = Theil L (mean log deviation) = sum p_i ln(mu_w/x_i).
 * alpha <= 0 with a zero value -> JH_EZERO. */
int jh_ge(const double *x, const double *w, size_t n, double alpha,
          double *result);
int jh_theil_t(const double *x, const double *w, size_t n, double *result);
int jh_theil_l(const double *x, const double *w, size_t n, double *result);

/* Atkinson A(eps) = 1 - [sum p_i (x_i/mu_w)^(1-eps)]^(1/(1-eps)), eps >= 0;
 * A(1) = 1 - exp(sum p_i ln x_i)/mu_w.  eps >= 1 with a zero -> JH_EZERO. */
int jh_atkinson(const double *x, const double *w, size_t n, double eps,
                double *result);

/* Minimum, maximum, range max-min, and max/min (JH_EZERO when min == 0).
 * Weights do not change these; they are accepted for symmetry. */
int jh_min(const double *x, size_t n, double *result);
int jh_max(const double *x, size_t n, double *result);
int jh_range(const double *x, size_t n, double *result);
int jh_max_min_ratio(const double *x, size_t n, double *result);

/* Weighted quantile Q(p), 0 <= p <= 1, by the inverse of the empirical
 * (weighted) distribution function with averaging at its flat steps:
 * Hyndman & Fan (1996) definition 2.  With C_k the cumulative weight of the
 * k smallest values, Q(p) = x_(k) for the first k with C_k > pW, and the
 * mean of x_(k) and x_(k+1) when C_k == pW (to a relative 1e-12).  It gives
 * the usual median for even n, and integer weights equal replicated rows. */
int jh_quantile(const double *x, const double *w, size_t n, double p,
                jh_workspace *ws, double *result);
int jh_median(const double *x, const double *w, size_t n, jh_workspace *ws,
              double *result);
/* Robust z-scores z[k] = |x[k] - median| / (1.4826 MAD) of x[0..n-1]
 * (MAD: the median absolute deviation; 1.4826 makes it the standard
 * deviation of a normal sample), the rule `junheng validate` flags outliers
 * by; *median and *mad (either may be NULL) receive the two.  JH_EEMPTY for
 * n == 0, JH_EZERO when MAD == 0 (no scale: z holds |x - median|). */
#define JH_MAD_NORMAL 1.4826
int jh_robust_z(const double *x, size_t n, jh_workspace *ws, double *z, double *median,
                double *mad);
/* Q(0.9)/Q(0.1); JH_EZERO when Q(0.1) == 0. */
int jh_p90_p10(const double *x, const double *w, size_t n, jh_workspace *ws,
               double *result);

/* Hoover (Robin Hood) index 1/2 sum_i |x_i w_i / sum(x w) - w_i / W|. */
int jh_hoover(const double *x, const double *w, size_t n, double *result);

/* Lorenz curve: n+1 points over x sorted ascending, starting at (0,0):
 * pop[k] = sum_{j<=k} w_(j) / W, share[k] = sum_{j<=k} w_(j) x_(j) / sum w x.
 * pop and share must hold n+1 doubles.  Ties keep input order. */
int jh_lorenz(const double *x, const double *w, size_t n, jh_workspace *ws,
              double *pop, double *share);

/* ---- all indices of one slice at once --------------------------------- */

/* The indices junheng reports, in output order.  Names are fixed: see
 * docs/indices.md.  Weighted twins carry the suffix "_w". */
typedef enum jh_index_id {
    JH_IX_N,
    JH_IX_MEAN, JH_IX_SD, JH_IX_MIN, JH_IX_MAX, JH_IX_MEDIAN,
    JH_IX_GINI, JH_IX_CV, JH_IX_THEIL_T, JH_IX_THEIL_L, JH_IX_GE2,
    JH_IX_ATKINSON_05, JH_IX_ATKINSON_1, JH_IX_ATKINSON_2,
    JH_IX_MAX_MIN_RATIO, JH_IX_P90_P10, JH_IX_RANGE, JH_IX_HOOVER,
    JH_IX_COUNT
} jh_index_id;

/* Name of index id, unweighted ("gini") or weighted ("gini_w"); NULL for an
 * id out of range or for an index that has no weighted twin (n, min, max,
 * range and max_min_ratio do not depend on weights).
 * Returns a static string. */
const char *jh_index_name(jh_index_id id, int weighted);

/* Looks an index up by its output name; returns JH_OK and sets *id and
 * *weighted, or JH_ENOTFOUND. */
int jh_index_lookup(const char *name, jh_index_id *id, int *weighted);

/* Every index of one slice, computed from one sort.  value[k] is index k;
 * status[k] is JH_OK or why value[k] is undefined (then value[k] is NaN).
 * The function itself returns JH_OK unless an argument is invalid. */
typedef struct jh_index_set {
    double value[JH_IX_COUNT];
    int status[JH_IX_COUNT];
} jh_index_set;

int jh_indices_all(const double *x, const double *w, size_t n,
                   jh_workspace *ws, jh_index_set *out);

/* jh_indices_all unweighted (into plain) and weighted by w (into
 * weighted) from one sort of x: the same numbers as two calls, at the
 * price of one sort (two sorts were a tenth of a national run). */
int jh_indices_all_both(const double *x, const double *w, size_t n, jh_workspace *ws,
                        jh_index_set *plain, jh_index_set *weighted);

#ifdef __cplusplus
}
#endif
#endif
