/* junheng — spatial statistics of the numeric core (src/core/spatial.c):
 * a sparse neighbour structure, global Moran's I with its moments under
 * normality and randomisation, local Moran (LISA) with conditional
 * randomisation, the Benjamini–Hochberg false discovery rate, and the
 * spatial Gini of Rey & Smith (2013) with permutation inference.
 *
 * Arrays and a neighbour structure in, numbers out, status codes from
 * status.h; no I/O and no globals.  Randomness comes from a SplitMix64
 * stream (bootstrap.h) seeded by the caller, so a seed gives the same
 * p-values on every run.  A core header: it includes no header of the
 * data or analysis layers.
 *
 * Formulas and references: docs/indices.md, "Spatial statistics". */
#ifndef JUNHENG_SPATIAL_H
#define JUNHENG_SPATIAL_H

#include <stddef.h>
#include "junheng/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Spatial weights in compressed rows: the neighbours of unit i are
 * nb[start[i] .. start[i+1]-1] (ascending) with weights w[...] (1 for
 * binary weights, 1/k_i when row-standardised).  Symmetric in structure:
 * j is a neighbour of i exactly when i is one of j.  An island (no
 * neighbour) has an empty row. */
typedef struct jh_weights {
    size_t n;        /* units */
    size_t *start;   /* n + 1 offsets */
    size_t *nb;      /* start[n] neighbour positions */
    double *w;       /* start[n] weights */
} jh_weights;

enum jh_weights_kind {
    JH_WEIGHTS_ROW = 0,   /* row-standardised: w_ij = 1/k_i (the default) */
    JH_WEIGHTS_BINARY     /* w_ij = 1 */
};

/* Builds weights for n units from n_pairs undirected pairs (a[e], b[e]),
 * positions < n.  A pair given twice (in either order) counts once.  A pair
 * of a unit with itself or a position >= n is JH_EINVAL; JH_ENOMEM.  The
 * caller frees *out with jh_weights_free(). */
int jh_weights_from_pairs(size_t n, const size_t *a, const size_t *b, size_t n_pairs,
                          enum jh_weights_kind kind, jh_weights **out);
void jh_weights_free(jh_weights *W);

/* Number of units without neighbours (islands). */
size_t jh_weights_islands(const jh_weights *W);

/* The subset of W on the units with keep[i] != 0, renumbered in order
 * (e.g. the counties with a value in one slice), re-weighted by kind.
 * JH_EINVAL, JH_ENOMEM. */
int jh_weights_subset(const jh_weights *W, const unsigned char *keep,
                      enum jh_weights_kind kind, jh_weights **out);

/* ---- global Moran's I ---------------------------------------------------- */

/* Moran's I (Moran 1950; moments from Cliff & Ord 1981, ch. 1-2), with the
 * conventions of PySAL esda.Moran (two-sided normal p-values, folded
 * pseudo p-value of the permutations). */
typedef struct jh_moran {
    double I;          /* n / S0 * sum_ij w_ij z_i z_j / sum_i z_i^2 */
    double EI;         /* -1 / (n - 1) */
    double VI_norm;    /* variance under normality */
    double VI_rand;    /* variance under randomisation */
    double z_norm;     /* (I - EI) / sqrt(VI_norm) */
    double z_rand;     /* (I - EI) / sqrt(VI_rand) */
    double p_norm;     /* two-sided: 2 (1 - Phi(|z_norm|)) */
    double p_rand;     /* two-sided: 2 (1 - Phi(|z_rand|)) */
    double p_sim;      /* (min(#{I_p >= I}, P - #{I_p >= I}) + 1) / (P + 1); NaN when P = 0 */
    double EI_sim;     /* mean of the permuted I; NaN when P = 0 */
    double z_sim;      /* (I - EI_sim) / sd(I_p); NaN when P < 2 */
    size_t n;          /* units */
    size_t permutations;
} jh_moran;

/* Global Moran's I of x[0..n-1] (n == W->n) on W with `permutations`
 * random permutations of x drawn from the stream seeded by seed.  Needs
 * n >= 4 (JH_EEMPTY: the variance under randomisation divides by
 * (n-1)(n-2)(n-3)), finite x (JH_ENONFINITE), x not all equal
 * (JH_EZERO: sum z^2 = 0) and at least one neighbour pair (JH_EINVAL). */
int jh_moran_global(const double *x, const jh_weights *W, size_t permutations,
                    unsigned long seed, jh_moran *out);

/* ---- local Moran (LISA) -------------------------------------------------- */

enum jh_lisa_quadrant {
    JH_LISA_NONE = 0,  /* an island, or z_i = 0 or lag_i = 0 */
    JH_LISA_HH = 1,    /* high value, high neighbours */
    JH_LISA_LH = 2,    /* low value, high neighbours */
    JH_LISA_LL = 3,
    JH_LISA_HL = 4
};

/* One unit's local Moran (Anselin 1995, eq. 7 with PySAL's scale):
 * I_i = (n - 1) z_i sum_j w_ij z_j / sum_k z_k^2, z centred values. */
typedef struct jh_lisa {
    double Ii;
    double lag;        /* sum_j w_ij z_j */
    double p_sim;      /* conditional randomisation, folded as above; NaN for an island */
    double q_fdr;      /* Benjamini-Hochberg adjusted p_sim over the non-island units */
    enum jh_lisa_quadrant quadrant;
} jh_lisa;

/* Local Moran of every unit into out[0..n-1].  Conditional randomisation
 * (Anselin 1995, sec. 4): for unit i, x_i stays and k_i values are drawn
 * without replacement from the other n - 1 for its neighbours.  The same
 * requirements as jh_moran_global (n >= 3 suffices here). */
int jh_moran_local(const double *x, const jh_weights *W, size_t permutations,
                   unsigned long seed, jh_lisa *out);

/* Benjamini & Hochberg (1995) adjusted p-values: q_(k) = min_{j >= k}
 * min(1, m p_(j) / j) over the m non-NaN p-values (NaN stays NaN).  A unit
 * is significant at false discovery rate alpha when q <= alpha, the same
 * set as PySAL's esda.fdr threshold.  JH_EINVAL, JH_ENOMEM. */
int jh_fdr_bh(const double *p, size_t n, double *q);

/* ---- spatial Gini -------------------------------------------------------- */

/* The Gini split into neighbour and non-neighbour pairs (Rey & Smith 2013,
 * Letters in Spatial and Resource Sciences 6: 55-70, eq. 5):
 *   G = sum_ij |x_i - x_j| / (2 n^2 mu)
 *     = sum_ij w_ij |x_i - x_j| / (2 n^2 mu) + sum_ij (1 - w_ij) |..| / (2 n^2 mu)
 * with binary contiguity w (the weights of W are not used, only which
 * pairs are neighbours). */
typedef struct jh_spatial_gini {
    double gini;              /* G */
    double gini_neighbor;     /* the neighbour-pair term */
    double gini_nonneighbor;  /* the non-neighbour term */
    double share_nonneighbor; /* gini_nonneighbor / G (NaN when G = 0) */
    double p_sim;             /* the non-neighbour term against P random
                                 permutations of x, folded as for Moran */
    double z_sim;             /* (term - mean) / sd of the permuted terms */
    size_t permutations;
} jh_spatial_gini;

/* Needs n >= 2 (JH_EEMPTY), finite x >= 0 (JH_ENONFINITE, JH_ENEGATIVE),
 * a positive mean (JH_EZEROMEAN). */
int jh_spatial_gini_compute(const double *x, const jh_weights *W, size_t permutations,
                            unsigned long seed, jh_spatial_gini *out);

#ifdef __cplusplus
}
#endif
#endif
