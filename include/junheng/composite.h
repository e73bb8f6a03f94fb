/* junheng — composite evaluation: normalisation, objective weights
 * (entropy, CRITIC), weighted sums, TOPSIS, obstacle degree and coupling
 * coordination.
 *
 * These are the steps of the "standard kit" of Chinese evaluation studies
 * of basic public services, written once with every convention named.
 * Matrices are row-major doubles: x[i * m + j] is alternative (county) i,
 * criterion (indicator) j, for n alternatives and m criteria.  Directions
 * are given per column: dir[j] = +1 when higher is better, -1 when lower is
 * better; any other value is JH_EINVAL.
 *
 * Every function is pure: no I/O, no globals, no allocation.  Inputs are
 * checked first (NULL pointers or a bad parameter: JH_EINVAL; n or m == 0:
 * JH_EEMPTY; a value that is not finite: JH_ENONFINITE); on error the
 * outputs are left untouched unless stated otherwise.  Missing values are
 * the caller's business: these functions see complete matrices only.
 *
 * Formulas, conventions and references: docs/indices.md, "Composite scores". */
#ifndef JUNHENG_COMPOSITE_H
#define JUNHENG_COMPOSITE_H

#include <stddef.h>
#include "junheng/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* How each column is put on a common scale. */
typedef enum jh_norm {
    JH_NORM_MINMAX = 0, /* z = (x - min)/(max - min), or (max - x)/(max - min)
                           for lower-better columns: z in [0, 1], 1 = best */
    JH_NORM_ZSCORE      /* z = dir * (x - mean)/sd, population sd: mean 0,
                           sd 1, higher = better */
} jh_norm;

/* Normalises the n x m matrix x column by column into z (n x m, may not
 * alias x).  For min-max, lo and hi may give each column's min and max
 * (e.g. pooled over all years, so that scores are comparable over time);
 * NULL means the column's own min and max.  Every x must lie in [lo, hi]
 * (JH_EINVAL otherwise).  A column with max == min (or sd == 0) carries no
 * information: min-max gives it z = 1 (every county at the best observed
 * level, so it is no obstacle), z-score gives 0.  lo and hi are ignored for
 * z-scores. */
int jh_normalise(const double *x, size_t n, size_t m, const int *dir,
                 jh_norm method, const double *lo, const double *hi, double *z);

/* Entropy weight method.  With z >= 0 (min-max normalised),
 *   z'_ij = z_ij (eps == 0), or eps + (1 - eps) z_ij (0 < eps < 1: the
 *           values are shifted into [eps, 1] so that no p is zero);
 *   p_ij = z'_ij / sum_i z'_ij,
 *   e_j  = -(1 / ln n) sum_i p_ij ln p_ij, with 0 ln 0 = 0,
 *   w_j  = (1 - e_j) / sum_k (1 - e_k).
 * Writes the m weights to w and, when e is not NULL, the m entropies to e.
 * n < 2 or eps outside [0, 1): JH_EINVAL; a z < 0: JH_ENEGATIVE; a column
 * summing to 0: JH_EZEROMEAN; every e_j == 1 (no column varies): JH_EZERO. */
int jh_entropy_weights(const double *z, size_t n, size_t m, double eps,
                       double *w, double *e);

/* CRITIC weights (Diakoulaki, Mavrotas & Papayannakis 1995): with s_j the
 * population standard deviation of column j of the normalised matrix z and
 * r_jk the Pearson correlation of columns j and k,
 *   C_j = s_j sum_k (1 - r_jk),   w_j = C_j / sum_k C_k.
 * A constant column has s_j = 0, so C_j = 0; its correlations are
 * undefined and it is left out of the other columns' sums.  Writes the m
 * weights to w and, when c is not NULL, the m information amounts C_j.
 * n < 2: JH_EINVAL; every C_j == 0: JH_EZERO. */
int jh_critic_weights(const double *z, size_t n, size_t m, double *w, double *c);

/* Weighted sum s_i = sum_j w_j z_ij / sum_j w_j for the n rows of z.
 * Weights must be >= 0 and finite with a positive sum (JH_EWEIGHT). */
int jh_weighted_sum(const double *z, size_t n, size_t m, const double *w,
                    double *s);

/* Where TOPSIS puts the weights. */
typedef enum jh_topsis_form {
    JH_TOPSIS_TEXTBOOK = 0, /* Hwang & Yoon (1981): v_ij = w_j r_ij, then
                               D_i = sqrt(sum_j (v_ij - v*_j)^2) */
    JH_TOPSIS_WEIGHT_OUTSIDE /* D_i = sqrt(sum_j w_j (r_ij - r*_j)^2): the
                               weight outside the square, as in many Chinese
                               "entropy-TOPSIS" papers */
} jh_topsis_form;

/* TOPSIS on the raw n x m matrix x (not normalised: TOPSIS does its own
 * vector normalisation r_ij = x_ij / sqrt(sum_i x_ij^2)).  The ideal point
 * takes each column's best (max of v for dir +1, min for dir -1), the
 * anti-ideal its worst; D+ and D- are the Euclidean distances to them and
 * the closeness C_i = D-_i / (D+_i + D-_i), in [0, 1], 1 = best.  Weights
 * are used as given (not rescaled): >= 0 and finite, else JH_EWEIGHT.
 * dplus, dminus and closeness each hold n doubles (all three required).
 * A column of zeros: JH_EZERO; every weighted column constant (D+ + D- ==
 * 0): JH_EZERO. */
int jh_topsis(const double *x, size_t n, size_t m, const int *dir,
              const double *w, jh_topsis_form form, double *dplus,
              double *dminus, double *closeness);

/* Obstacle degree (障碍度) of each criterion for each alternative, from a
 * min-max normalised z in [0, 1] (JH_EINVAL outside):
 *   O_ij = w_j (1 - z_ij) / sum_k w_k (1 - z_ik).
 * Each row of o (n x m) sums to 1, except the row of an alternative that is
 * at the best on every weighted criterion: it has no obstacle and its row
 * is all 0.  Weights as for jh_weighted_sum. */
int jh_obstacle_degree(const double *z, size_t n, size_t m, const double *w,
                       double *o);

/* Which coupling degree. */
typedef enum jh_coupling_form {
    JH_COUPLING_STANDARD = 0, /* C = k [prod_i u_i / (sum_i u_i)^k]^(1/k)
                                 (the normative form in 王淑佳 et al. 2021) */
    JH_COUPLING_CORRECTED     /* 王淑佳 et al. 2021, 自然资源学报 36(3):
                                 C = sqrt{[1 - sum_{i<j} |u_i - u_j| /
                                 sum_{s=1}^{k-1} s] * [prod_i (u_i / max u)]^(1/(k-1))} */
} jh_coupling_form;

/* Coupling coordination of k subsystem scores u[0..k-1] in [0, 1]
 * (JH_EINVAL outside, or k < 2): coupling degree C as chosen, comprehensive
 * index T = sum_i a_i u_i (a == NULL: a_i = 1/k; else a_i >= 0 summing to
 * 1 within 1e-9, JH_EWEIGHT otherwise), coordination degree D = sqrt(C T).
 * All u == 0: JH_EZERO (C is 0/0).  Any output pointer may be NULL. */
int jh_coupling(const double *u, size_t k, const double *a,
                jh_coupling_form form, double *c, double *t, double *d);

/* The usual ten coordination classes of D in steps of 0.1: 0 for
 * [0, 0.1) ... 9 for [0.9, 1].  D outside [0, 1] or NaN gives -1. */
int jh_coupling_class(double d);

/* Name of class k (0..9): "extreme_disorder", "serious_disorder",
 * "moderate_disorder", "mild_disorder", "near_disorder",
 * "barely_coordinated", "primary_coordination",
 * "intermediate_coordination", "good_coordination",
 * "quality_coordination"; zh: 极度失调 … 优质协调.  "" out of range.
 * Static strings: do not free. */
const char *jh_coupling_class_name(int k, const char *lang);

#ifdef __cplusplus
}
#endif
#endif
