/* junheng — subjective weights: the analytic hierarchy process (AHP,
 * 层次分析法) and the combination of a subjective with an objective set of
 * weights (组合赋权).
 *
 * Pure numerics: no I/O, no globals, no allocation.  Matrices are
 * row-major: a[i * n + j] is how much more important item i is than item j
 * on Saaty's 1-9 scale.  Formulas and references: docs/indices.md,
 * "Composite scores", "Subjective and combined weights". */
#ifndef JUNHENG_AHP_H
#define JUNHENG_AHP_H

#include <stddef.h>
#include "junheng/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The largest matrix with a random index: Saaty's table stops at 10. */
#define JH_AHP_MAX_N 10

/* The consistency of one pairwise comparison matrix. */
typedef struct jh_ahp_consistency {
    double lambda_max; /* principal eigenvalue */
    double ci;         /* (lambda_max - n)/(n - 1); 0 for n <= 2 */
    double ri;         /* Saaty's random index for n */
    double cr;         /* ci / ri; 0 for n <= 2 (always consistent) */
} jh_ahp_consistency;

/* Saaty's random index RI(n) (Saaty 1980, The Analytic Hierarchy Process,
 * table 1.3): 0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49 for
 * n = 1..10; NaN for n == 0 or n > 10. */
double jh_ahp_random_index(size_t n);

/* AHP weights of the n x n pairwise comparison matrix a (every entry > 0
 * and finite, diagonal 1: JH_EINVAL otherwise; n == 0: JH_EEMPTY; n > 10:
 * JH_EINVAL).  w (n doubles, summing to 1) is the principal eigenvector,
 * found by power iteration (a positive matrix has one positive eigenvector,
 * Perron), lambda_max = sum_i (A w)_i, and *c (may be NULL) the
 * consistency.  The iteration stops when no weight moves by more than
 * 1e-15; JH_EINVAL if that takes more than 10000 steps (it cannot for a
 * positive matrix, whose second eigenvalue is smaller in modulus). */
int jh_ahp_weights(const double *a, size_t n, double *w, jh_ahp_consistency *c);

/* How a subjective and an objective set of weights are combined. */
typedef enum jh_combine_form {
    JH_COMBINE_PRODUCT = 0, /* w_j = ws_j wo_j / sum_k ws_k wo_k */
    JH_COMBINE_LINEAR       /* w_j = alpha ws_j + (1 - alpha) wo_j, with ws and
                               wo first scaled to sum 1 */
} jh_combine_form;

/* Combines ws and wo (m weights each, >= 0 and finite with a positive
 * sum: JH_EWEIGHT otherwise) into w (m doubles, summing to 1; may alias
 * either input).  alpha in [0, 1] for the linear form (JH_EINVAL
 * otherwise); ignored for the product.  The product of two sets that have
 * no positive weight in common: JH_EZERO. */
int jh_combine_weights(const double *ws, const double *wo, size_t m,
                       jh_combine_form form, double alpha, double *w);

#ifdef __cplusplus
}
#endif
#endif
