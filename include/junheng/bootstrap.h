/* junheng — resampling inference for the numeric core: bootstrap draws by
 * counts, percentile intervals, the jackknife standard error of the Gini,
 * and permutations of group labels.
 *
 * Randomness comes from generators the caller owns and seeds: GSL's
 * (gsl_rng) for the stratified draws and permutations, and a SplitMix64
 * stream (jh_boot_stream) for the bootstraps of one sorted slice, where the
 * draws are the hot loop.  Nothing here keeps state or draws from a global
 * generator, so the same seed gives the same numbers.  To make results
 * independent of how slices are spread over threads, seed one generator
 * per slice from (run seed, slice key) rather than sharing one generator
 * across slices.
 *
 * A bootstrap replicate is described by draw counts: counts[i] is how many
 * times observation i was drawn.  Multiplying each weight by its count
 * gives the replicate exactly (integer weights equal replicated rows for
 * every index of indices.h and decompose.h), so a slice is sorted once and
 * a replicate costs O(n) (jh_gini_bootstrap, jh_indices_bootstrap).
 * jh_boot_apply compacts a replicate for the functions that reject zero
 * weights.
 *
 * Formulas and references: docs/indices.md ("Inference"). */
#ifndef JUNHENG_BOOTSTRAP_H
#define JUNHENG_BOOTSTRAP_H

#include <stddef.h>
#include <stdint.h>
#include <gsl/gsl_rng.h>
#include "junheng/indices.h"
#include "junheng/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A seed for one slice, derived from the run's seed and up to three keys
 * (e.g. indicator, year and stratum positions) by the SplitMix64 mixer
 * (Steele, Lea & Flood 2014), so that neighbouring slices get unrelated
 * streams.  Pure function. */
unsigned long jh_boot_seed(unsigned long seed, size_t k1, size_t k2, size_t k3);

/* ---- the stream of one slice ------------------------------------------- */

/* SplitMix64 (Steele, Lea & Flood 2014; Java's SplittableRandom): the state
 * advances by a fixed odd constant and each 64-bit output is the state
 * through the mixer of jh_boot_seed.  jh_boot_uniform takes 32-bit words
 * (two an output, low half first); the replicates take whole outputs.
 * Period 2^64; it passes BigCrush.  A replicate of n values takes about
 * n / 5 outputs (n in the thousands), so the streams of different slices
 * (seeded at random points of the cycle) do not overlap in practice. */
typedef struct jh_boot_stream {
    uint64_t state;
    uint32_t spare;     /* the high half of the last output, when has_spare */
    int has_spare;
} jh_boot_stream;

/* Seeds s from the run's seed and three keys (as jh_boot_seed, all 64
 * bits kept). */
void jh_boot_stream_init(jh_boot_stream *s, unsigned long seed, size_t k1, size_t k2,
                         size_t k3);

/* A uniform integer in [0, n), 1 <= n <= 2^32 - 1, from the next 32-bit
 * words: Lemire's multiply-shift with rejection (Lemire 2019, "Fast random
 * integer generation in an interval", ACM TOMACS 29(1)): m = word * n,
 * rejected while its low 32 bits are below 2^32 mod n, so every value has
 * probability exactly 1/n.  The answer is m >> 32. */
uint32_t jh_boot_uniform(jh_boot_stream *s, uint32_t n);

/* One replicate of n values (1 <= n <= 2^32 - 1): pos[0..n-1] set to n
 * positions drawn uniformly from [0, n), k at a time from one 64-bit
 * output (Brackett-Rozinsky & Lemire 2024, "Batched ranged random integer
 * generation", Softw. Pract. Exp.: with P = n^k <= 2^64, k <= 8, the
 * base-n digits of Lemire's draw on [0, P), high digit first; an output is
 * rejected when the last low word is below 2^64 mod P, so every position
 * is exactly uniform and independent of the others).  The positions of
 * the last batch past n are dropped, so a replicate takes whole outputs
 * (a spare half left by jh_boot_uniform is dropped first).  This is the
 * explicit resample; jh_boot_draw_counts is the same draws counted.
 * Returns JH_OK or JH_EINVAL. */
int jh_boot_draw(jh_boot_stream *s, size_t n, uint32_t *pos);

/* The replicate jh_boot_draw would give, as counts: counts[i] is how many
 * of its n positions are i (they add up to n), and the stream ends where
 * jh_boot_draw leaves it.  Returns JH_OK or JH_EINVAL. */
int jh_boot_draw_counts(jh_boot_stream *s, size_t n, unsigned *counts);

/* ---- draws ------------------------------------------------------------- */

/* Draws for n units, optionally stratified: with strata, each stratum s of
 * n_s units gets n_s draws with replacement from its own units (the
 * bootstrap "stratified by group" of a decomposition: every group keeps its
 * size); without, n draws from all n units.  Caller owns it; free with
 * jh_resampler_free(). */
typedef struct jh_resampler {
    size_t n;          /* units */
    size_t n_strata;   /* strata (1 when unstratified) */
    size_t *start;     /* [n_strata + 1] offsets of each stratum in member */
    size_t *member;    /* [n] units ordered by stratum, input order inside */
} jh_resampler;

/* Returns a resampler for n units (n >= 1) in the strata stratum[0..n-1]
 * (each < n_strata), or unstratified when stratum is NULL (n_strata is
 * then ignored).  NULL when out of memory or an argument is invalid
 * (n == 0, n_strata == 0, a stratum id out of range). */
jh_resampler *jh_resampler_alloc(const size_t *stratum, size_t n, size_t n_strata);
void jh_resampler_free(jh_resampler *rs);

/* Fills counts[0..n-1] with the draw counts of one replicate: within each
 * stratum, n_s uniform draws with replacement (gsl_rng_uniform_int).  The
 * counts of a stratum add up to its size.  Returns JH_OK or JH_EINVAL. */
int jh_resampler_draw(const jh_resampler *rs, gsl_rng *rng, unsigned *counts);

/* Compacts a replicate: for every i with counts[i] > 0, copies x[i] to
 * x_out, w[i] * counts[i] (counts[i] when w is NULL) to w_out and g[i] to
 * g_out (when g and g_out are not NULL), in input order.  Returns the
 * number of observations written. */
size_t jh_boot_apply(const unsigned *counts, const double *x, const double *w,
                     const size_t *g, size_t n, double *x_out, double *w_out,
                     size_t *g_out);

/* ---- summaries --------------------------------------------------------- */

/* Percentile interval and standard error of the replicates rep[0..B-1]
 * (Efron & Tibshirani 1993, ch. 6 and 13): NaN replicates (replicates
 * where the statistic was undefined) are left out; the rest are sorted in
 * place; lo and hi are the (1-ci)/2 and (1+ci)/2 quantiles by linear
 * interpolation between order statistics (gsl_stats_quantile_from_sorted_data,
 * Hyndman & Fan type 7); se is the standard deviation of the replicates
 * with divisor B'-1 (B' the replicates kept).  *kept (may be NULL) gets B'.
 * Returns JH_OK, JH_EINVAL (0 < ci < 1 violated, B == 0, NULL pointer) or
 * JH_EEMPTY when fewer than 2 replicates are defined (outputs NaN). */
int jh_boot_interval(double *rep, size_t B, double ci, double *lo, double *hi,
                     double *se, size_t *kept);

/* ---- the Gini ------------------------------------------------------------ */

/* Bootstrap of the Gini coefficient (as jh_gini, n^2 form, weighted when
 * w != NULL): the slice is sorted once; each of the B replicates draws
 * counts over the sorted values (jh_boot_draw_counts on stream, positions
 * in ascending order of x, ties in input order) and is evaluated with
 * weights w_k counts_k in O(n) by the gap form
 *   G = sum_k (x_(k+1) - x_(k)) C_k (W - C_k) / (W sum w x),
 * C_k the weight of the k + 1 smallest values: every term is >= 0, so
 * double sums lose nothing to cancellation (relative error below n ulps).
 * Eight replicates are drawn in turn and evaluated side by side (their
 * sums in vector registers); the replicates are those drawn one at a
 * time.  rep (may be NULL) receives the B replicate values in draw order.
 * ws must hold n values; counts is not used (the replicates' counts are
 * laid side by side in a buffer of 8 n of its own) and may be NULL.  Input rules as
 * jh_gini; B == 0, ci outside (0,1) or n >= 2^31 is JH_EINVAL. */
int jh_gini_bootstrap(const double *x, const double *w, size_t n, size_t B,
                      double ci, jh_boot_stream *stream, jh_workspace *ws,
                      unsigned *counts, double *rep, double *lo, double *hi,
                      double *se);

/* Every index of indices.h over B replicates of one slice: the slice is
 * sorted once, each replicate draws counts over the sorted values as
 * jh_gini_bootstrap does, and every index is evaluated as jh_indices_all
 * evaluates the replicated rows (the regions drawn, in ascending order,
 * with weights w_k counts_k; unweighted when w == NULL: weights counts_k)
 * without sorting again.  On a slice of values >= 0 the indices come from
 * a few weighted sums over the counts, four replicates side by side, with
 * the logarithms taken once per slice against the slice's mean (the
 * entropy family through second-order corrections from the replicate's
 * mean; the Gini by the gap form): equal to jh_indices_all's numbers up
 * to rounding (bound in docs/indices.md, "Inference"; n, the mean, min,
 * max, range, ratios and quantiles identical where the sums are exact).  A
 * replicate whose mean lies far from the slice's against its own spread
 * (a correction above half its sum), a slice with negative values, and
 * the double range exceeded take the general path: the replicate
 * compacted and passed to jh_indices_all's code.  rep[k * B + b] receives
 * index k of replicate b (NaN when undefined; n is n, the rows drawn).
 * ws must hold n values; counts, xr and wr n each (scratch).
 * Returns JH_OK or JH_EINVAL (a NULL pointer, B == 0, n == 0, n >= 2^32,
 * or a slice jh_indices_all would refuse as a whole: x not finite or a
 * weight not > 0). */
int jh_indices_bootstrap(const double *x, const double *w, size_t n, size_t B,
                         jh_boot_stream *stream, jh_workspace *ws, unsigned *counts,
                         double *xr, double *wr, double *rep);

/* Jackknife standard error of the Gini coefficient:
 *   se = sqrt((n-1)/n sum_i (G_(i) - G_(.))^2)
 * with G_(i) the Gini without observation i and G_(.) their mean
 * (Karagiannis & Kovacevic 2000, Oxford Bull. Econ. Stat. 62: 119-122).
 * Every G_(i) follows from one sort in O(n) total: removing x_(k) takes
 * 2 w_k sum_j w_j |x_k - x_j| from the pair sum, w_k from W and w_k x_k
 * from sum w x.  Weighted when w != NULL (each region is left out with its
 * weight).  Sets *gini (may be NULL) to the full-sample Gini and *se.
 * Needs n >= 3 (JH_EEMPTY otherwise: with two values a leave-one-out Gini
 * is 0 and the spread says nothing); JH_EZEROMEAN when some leave-one-out
 * sample has a zero mean.  ws must hold n values. */
int jh_gini_jackknife(const double *x, const double *w, size_t n,
                      jh_workspace *ws, double *gini, double *se);

/* ---- permutations -------------------------------------------------------- */

/* Shuffles group labels among units, optionally only within blocks (e.g.
 * counties within their prefecture), so every group keeps its size (and
 * its size in every block).  Caller owns it; free with jh_permuter_free(). */
typedef jh_resampler jh_permuter;

/* Returns a permuter for n units in blocks block[0..n-1] (< n_blocks), or
 * over all units when block is NULL.  NULL on bad arguments or no memory. */
jh_permuter *jh_permuter_alloc(const size_t *block, size_t n, size_t n_blocks);
void jh_permuter_free(jh_permuter *p);

/* Writes to g_out a random relabelling of g_in: inside each block the
 * labels of its units are shuffled (Fisher-Yates, gsl_ran_shuffle).
 * labels must hold n size_t of scratch.  g_in and g_out may not overlap.
 * Returns JH_OK or JH_EINVAL. */
int jh_permute_labels(const jh_permuter *p, gsl_rng *rng, const size_t *g_in,
                      size_t *g_out, size_t *labels);

/* Permutation p-value (1 + #{perm[k] >= observed}) / (P' + 1), counting
 * only the P' defined (non-NaN) permutation statistics, with a relative
 * tolerance of 1e-12 so that a relabelling giving the observed split back
 * counts as "at least as large" despite rounding (Phipson & Smyth 2010,
 * Stat. Appl. Genet. Mol. Biol. 9(1): never 0).  NaN when observed is NaN
 * or P' == 0. */
double jh_perm_pvalue(double observed, const double *perm, size_t P);

#ifdef __cplusplus
}
#endif
#endif
