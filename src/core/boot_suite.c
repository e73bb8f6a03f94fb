/* Every index of the suite over bootstrap replicates of one slice, from
 * the draw counts over the slice sorted once (jh_indices_bootstrap).
 *
 * A replicate gives region k the weight v_k = w_k c_k.  Compacting it and
 * calling jh_indices_sorted costs a pass per index and a logarithm per
 * value and replicate (the entropy sums were 36% of a suite bootstrap).
 * Here every index comes from a few weighted sums over the counts, with
 * the logarithms and square roots taken once per slice:
 *
 * Against a fixed reference a (the slice's mean), with d_k = (x_k - a)/a
 * and rho_k = x_k/a, a replicate of mean mu has m = mu/a = 1 + delta,
 * delta = sum p_k d_k (p_k = v_k/W), and r = rho/m.  For phi(r) = r ln r -
 * r + 1 (the Theil T term), psi(r) = r - 1 - ln r (Theil L), chi(r) =
 * (1 - sqrt r)^2 / 2 (Atkinson 0.5) and the squares, algebra gives
 *   Theil T = (sum p phi(rho) - phi(m)) / m,   Theil L = sum p psi(rho) - psi(m),
 *   sum p u^2 = (sum p d^2 - delta^2) / m^2,   u = r - 1,
 *   t(A 0.5) = (sum p chi(rho) - chi(m)) / sqrt m,
 *   d(A 2)   = m sum p (d^2/rho) - delta^2,
 * so the per-value terms phi(rho_k), psi(rho_k), ... are the ones of
 * jh_entropy_terms against a, computed once, and a replicate needs their
 * sums weighted by v_k and one correction of each from delta.  Every
 * term is >= 0 and, by Jensen's inequality, each sum is at least its
 * correction: the difference loses no more than a factor 2 of accuracy
 * as long as the correction is at most half the sum.  A replicate where
 * it is not (its mean far from a against its own spread: replicates of a
 * few values, near-equal values drawn from a spread slice) is evaluated
 * by compacting it and calling jh_indices_sorted, as before.
 *
 * The sums run in double, blocks of BLK values summed apart and the blocks
 * then added, on SL replicates side by side (GCC/Clang vector extensions,
 * SSE2): pass 1 the weight, sum v x and the five term sums; pass 2, with
 * W and delta known, the Gini's gap form sum gap_k C_k (W - C_k) (as
 * jh_gini_bootstrap), Hoover's sum v |d - delta| and the weight before
 * each block, from which the quantile walk skips whole blocks.  Error
 * bound and the test against the naive resample: docs/indices.md
 * ("Inference"). */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "core_internal.h"
#include "lanes.h"

/* SL replicates side by side in vectors of VW doubles (lanes.h); sums in
 * blocks of BLK values.  Four lanes keep the block sums of a pass in the
 * sixteen SSE registers. */
enum { SL = 4, NV = SL / VW, BLK = 32 };
typedef uint64_t vu __attribute__((vector_size(VW * sizeof(uint64_t))));

/* What a replicate multiplies by v_k for the k-th smallest value, in one
 * cache line. */
struct row {
    double x, w, gap, d;   /* value, weight, x_(k+1) - x_(k) (0 last), (x - a)/a */
    double e1, e0, h, q;   /* phi(rho), psi(rho), (d/(1 + sqrt rho))^2, d^2/rho */
};

/* One slice: its table and the counts of SL replicates. */
struct suite {
    size_t n, nb;      /* values, blocks */
    double a;          /* the reference mean */
    struct row *row;   /* [n] */
    unsigned *c;       /* [n * SL]: c[k * SL + l], replicate l */
    double *pre;       /* [SL][nb + 1]: weight of the values before block b */
};

/* The sums of SL replicates. */
struct sums {
    vd W[NV], T[NV], D[NV], D2[NV], E1[NV], E0[NV], H[NV], Q[NV], G[NV], A[NV];
};

static inline vd vabs(vd x)
{
    const vu mask = {~(1ULL << 63), ~(1ULL << 63)};
    return (vd)((vu)x & mask);
}

/* Pass 1a: W, sum v x, sum v d, sum v d^2.  (The passes and the quantile
 * walk are kept apart, noinline, so that each shows in a profile.) */
static __attribute__((noinline)) void pass_moments(const struct suite *s, struct sums *z)
{
    for (size_t b0 = 0; b0 < s->n; b0 += BLK) {
        size_t end = b0 + BLK < s->n ? b0 + BLK : s->n;
        vd W[NV] = {{0}}, T[NV] = {{0}}, D[NV] = {{0}}, D2[NV] = {{0}};
        for (size_t k = b0; k < end; k++) {
            const struct row *r = &s->row[k];
            for (size_t v = 0; v < NV; v++) {
                vd c = lane_weights(r->w, s->c + k * SL + v * VW), cd = c * r->d;
                W[v] += c;
                T[v] += c * r->x;
                D[v] += cd;
                D2[v] += cd * r->d;
            }
        }
        for (size_t v = 0; v < NV; v++) {
            z->W[v] += W[v];
            z->T[v] += T[v];
            z->D[v] += D[v];
            z->D2[v] += D2[v];
        }
    }
}

/* Pass 1b: the four sums of the entropy terms. */
static __attribute__((noinline)) void pass_terms(const struct suite *s, struct sums *z)
{
    for (size_t b0 = 0; b0 < s->n; b0 += BLK) {
        size_t end = b0 + BLK < s->n ? b0 + BLK : s->n;
        vd E1[NV] = {{0}}, E0[NV] = {{0}}, H[NV] = {{0}}, Q[NV] = {{0}};
        for (size_t k = b0; k < end; k++) {
            const struct row *r = &s->row[k];
            for (size_t v = 0; v < NV; v++) {
                vd c = lane_weights(r->w, s->c + k * SL + v * VW);
                E1[v] += c * r->e1;
                E0[v] += c * r->e0;
                H[v] += c * r->h;
                Q[v] += c * r->q;
            }
        }
        for (size_t v = 0; v < NV; v++) {
            z->E1[v] += E1[v];
            z->E0[v] += E0[v];
            z->H[v] += H[v];
            z->Q[v] += Q[v];
        }
    }
}

/* Pass 2, with W and delta of pass 1: the Gini's gap sum (C the weight
 * through x_(k)), Hoover's sum v |d - delta|, and C before each block. */
static __attribute__((noinline)) void pass_order(const struct suite *s, struct sums *z,
                                                const vd delta[NV])
{
    vd C[NV] = {{0}};
    size_t stride = s->nb + 1;
    for (size_t b0 = 0, blk = 0; b0 < s->n; b0 += BLK, blk++) {
        size_t end = b0 + BLK < s->n ? b0 + BLK : s->n;
        vd G[NV] = {{0}}, A[NV] = {{0}};
        for (size_t l = 0; l < SL; l++)
            s->pre[l * stride + blk] = C[l / VW][l % VW];
        for (size_t k = b0; k < end; k++) {
            const struct row *r = &s->row[k];
            for (size_t v = 0; v < NV; v++) {
                vd c = lane_weights(r->w, s->c + k * SL + v * VW);
                C[v] += c;
                G[v] += r->gap * (C[v] * (z->W[v] - C[v]));
                A[v] += c * vabs(r->d - delta[v]);
            }
        }
        for (size_t v = 0; v < NV; v++) {
            z->G[v] += G[v];
            z->A[v] += A[v];
        }
    }
    for (size_t l = 0; l < SL; l++)
        s->pre[l * stride + s->nb] = C[l / VW][l % VW];
}

static inline unsigned count(const struct suite *s, size_t k, size_t l)
{
    return s->c[k * SL + l];
}

/* The 0.1, 0.5 and 0.9 quantiles of replicate l as jh_quantiles_sorted
 * gives them on the compacted replicate: the same walk over the drawn
 * values (cumulative weight in long double, the same comparisons), which
 * jumps over a block whose end stays below the next target. */
static __attribute__((noinline)) void lane_quantiles(const struct suite *s, size_t l, double W,
                                                    size_t last, double q[3])
{
    static const double p[3] = {0.1, 0.5, 0.9};
    const double *pre = s->pre + l * (s->nb + 1);
    long double total = W, tol = 1e-12L * total, cum = 0;
    size_t j = 0;
    for (size_t k = 0; k < s->n && j < 3; k++) {
        if (k % BLK == 0) {
            long double below = p[j] * total - tol;
            while (k + BLK < s->n && pre[k / BLK + 1] < below)
                k += BLK;
            cum = pre[k / BLK];
        }
        unsigned c = count(s, k, l);
        if (!c)
            continue;
        cum += s->row[k].w * c;
        for (; j < 3; j++) {
            long double target = p[j] * total;
            if (fabsl(cum - target) <= tol) {
                size_t next = k + 1;
                while (next <= last && !count(s, next, l))
                    next++;
                q[j] = next <= last ? jh_midpoint(s->row[k].x, s->row[next].x) : s->row[k].x;
            } else if (cum > target)
                q[j] = s->row[k].x;
            else
                break;
        }
    }
    for (; j < 3; j++)
        q[j] = s->row[last].x;
}

/* The sums of replicate l divided by W, and the corrections from delta:
 * t[0] = phi(m), t[1] = psi(m), t[2] = delta^2, t[3] = 2 chi(m),
 * t[4] = delta^2/m (jh_entropy_terms of m against 1). */
struct lane {
    double W, T, delta, m, S1, S0, S2, S3, S4, G, A, t[5];
    size_t first, last; /* the smallest and largest value drawn */
};

/* 0 when the sums may be used: the double range holds (as
 * family_in_double asks), no correction exceeds half its sum, and
 * |delta| is within the mean absolute deviation (Hoover). */
static int lane_usable(const struct lane *L, int zero)
{
    if (!(L->W <= DBL_MAX) || !isfinite(L->T) || !(L->T / L->W >= DBL_MIN) || !(L->m > 0))
        return 0;
    if (!(L->t[0] <= L->S1 / 2 && L->t[2] <= L->S2 / 2 && L->t[3] <= L->S3 / 2))
        return 0;
    /* Hoover's |d - delta| loses the digits of d where delta is large
     * against the spread: sum p |d| <= sum p |d - delta| + |delta| <= 2 A/W
     * bounds that loss by a factor 2. */
    if (!(fabs(L->delta) <= L->A / L->W))
        return 0;
    return zero || (L->t[1] <= L->S0 / 2 && L->t[2] <= L->m * L->S4 / 2);
}

static struct lane lane_of(const struct suite *s, const struct sums *z, size_t l)
{
    size_t v = l / VW, i = l % VW;
    struct lane L = {.W = z->W[v][i], .T = z->T[v][i], .G = z->G[v][i], .A = z->A[v][i]};
    L.delta = z->D[v][i] / L.W;
    L.m = 1 + L.delta;
    L.S1 = z->E1[v][i] / L.W;
    L.S0 = z->E0[v][i] / L.W;
    L.S2 = z->D2[v][i] / L.W;
    L.S3 = z->H[v][i] / L.W;
    L.S4 = z->Q[v][i] / L.W;
    jh_entropy_terms(L.m, 1, L.delta, L.m, L.t);
    L.first = 0;
    L.last = s->n - 1;
    while (!count(s, L.first, l))
        L.first++;
    while (!count(s, L.last, l))
        L.last--;
    return L;
}

/* Every index of replicate l into out[k * B] (order of jh_index_id), NaN
 * where undefined; returns 0 when the replicate must be compacted instead
 * (see lane_usable). */
static int lane_indices(const struct suite *s, const struct sums *z, size_t l, size_t B,
                        double *out)
{
    struct lane L = lane_of(s, z, l);
    double lo = s->row[L.first].x, hi = s->row[L.last].x, q[3], v[JH_IX_COUNT];
    int zero = lo == 0;
    if (!lane_usable(&L, zero))
        return 0;
    double mean = (double)jh_clamp_mean((long double)L.T / L.W, lo, hi);
    double var = L.S2 - L.t[2], sq = sqrt(var), L0 = L.S0 - L.t[1];
    double t = (L.S3 - L.t[3]) / sqrt(L.m) / 2, d = L.m * L.S4 - L.t[2];
    lane_quantiles(s, l, L.W, L.last, q);
    v[JH_IX_N] = (double)s->n;
    v[JH_IX_MEAN] = mean;
    v[JH_IX_SD] = s->a * sq;
    v[JH_IX_MIN] = lo;
    v[JH_IX_MAX] = hi;
    v[JH_IX_MEDIAN] = q[1];
    v[JH_IX_GINI] = L.G / (L.W * L.T);
    v[JH_IX_CV] = sq / L.m;
    v[JH_IX_THEIL_T] = (L.S1 - L.t[0]) / L.m;
    v[JH_IX_THEIL_L] = zero ? NAN : L0;
    v[JH_IX_GE2] = var / (L.m * L.m) / 2;
    v[JH_IX_ATKINSON_05] = t * (2 - t);
    v[JH_IX_ATKINSON_1] = zero ? NAN : -expm1(-L0);
    v[JH_IX_ATKINSON_2] = zero ? NAN : isinf(d) ? 1 : d / (1 + d);
    v[JH_IX_MAX_MIN_RATIO] = zero ? NAN : hi / lo;
    v[JH_IX_P90_P10] = q[0] == 0 ? NAN : q[2] / q[0];
    v[JH_IX_RANGE] = hi - lo;
    v[JH_IX_HOOVER] = L.A / L.W / (2 * L.m);
    for (int k = 0; k < JH_IX_COUNT; k++) /* as put(): not finite is undefined */
        out[(size_t)k * B] = isfinite(v[k]) ? v[k] : NAN;
    return 1;
}

/* Replicate b by compaction (the values drawn, ascending, with weights
 * w_k c_k) through jh_indices_sorted: the general path. */
static void compacted(const double *xs, const double *ws, size_t n, const unsigned *c,
                      size_t stride, double *xr, double *wr, size_t B, double *out)
{
    jh_index_set set;
    size_t m = 0;
    for (size_t k = 0; k < n; k++)
        if (c[k * stride]) {
            xr[m] = xs[k];
            wr[m++] = ws[k] * c[k * stride];
        }
    jh_indices_sorted(xr, wr, m, &set);
    set.value[JH_IX_N] = (double)n; /* n rows were drawn */
    for (int k = 0; k < JH_IX_COUNT; k++)
        out[(size_t)k * B] = set.value[k];
}

/* The table of a slice whose values are >= 0 with a mean in the normal
 * range; 0 when some term is not finite (the general path then). */
static int suite_table(struct suite *s, const double *xs, const double *ws)
{
    long double total, mean;
    jh_weighted_mean(xs, ws, s->n, &total, &mean);
    s->a = (double)mean;
    if (!(s->a >= DBL_MIN) || !(total <= DBL_MAX))
        return 0;
    for (size_t k = 0; k < s->n; k++) {
        double t[5], x = xs[k], u = (x - s->a) / s->a, rho = x / s->a;
        jh_entropy_terms(x, s->a, u, rho, t);
        s->row[k] = (struct row){x, ws[k], k + 1 < s->n ? xs[k + 1] - x : 0, u,
                                 t[0], t[1], t[3], t[4]};
        for (int j = 0; j < 5; j++)
            if (!isfinite(t[j]))
                return 0;
    }
    return 1;
}

/* B replicates SL at a time: drawn in turn from the stream (the draws of
 * one at a time), evaluated side by side. */
static void suite_run(struct suite *s, const double *xs, const double *ws, size_t B,
                      jh_boot_stream *stream, double *xr, double *wr, double *rep)
{
    int simd = jh_boot_simd();
    for (size_t b = 0; b < B; b += SL) {
        struct sums z;
        vd delta[NV] = {{0}};
        memset(&z, 0, sizeof z);
        memset(s->c, 0, s->n * SL * sizeof *s->c);
        for (size_t l = 0; l < SL && b + l < B; l++)
            jh_boot_count_draws(stream, (uint32_t)s->n, s->c + l, SL, simd);
        pass_moments(s, &z);
        pass_terms(s, &z);
        for (size_t v = 0; v < NV; v++)
            for (size_t i = 0; i < VW; i++) /* a lane past B has W = 0 */
                delta[v][i] = z.W[v][i] > 0 ? z.D[v][i] / z.W[v][i] : 0;
        pass_order(s, &z, delta);
        for (size_t l = 0; l < SL && b + l < B; l++)
            if (!lane_indices(s, &z, l, B, rep + b + l))
                compacted(xs, ws, s->n, s->c + l, SL, xr, wr, B, rep + b + l);
    }
}

/* The general path, one replicate at a time (a slice with negative
 * values, a mean of 0 or beyond the double range). */
static void general_run(const double *xs, const double *ws, size_t n, size_t B,
                        jh_boot_stream *stream, unsigned *counts, double *xr, double *wr,
                        double *rep)
{
    for (size_t b = 0; b < B; b++) {
        jh_boot_draw_counts(stream, n, counts);
        compacted(xs, ws, n, counts, 1, xr, wr, B, rep + b);
    }
}

int jh_indices_bootstrap(const double *x, const double *w, size_t n, size_t B,
                         jh_boot_stream *stream, jh_workspace *ws, unsigned *counts,
                         double *xr, double *wr, double *rep)
{
    if (!x || !stream || !ws || !counts || !xr || !wr || !rep || B == 0 || n == 0 ||
        n > UINT32_MAX || jh_check_input(x, w, n, 0))
        return JH_EINVAL;
    if (jh_sort_slice(x, w, n, ws))
        return JH_EINVAL;
    struct suite s = {.n = n, .nb = (n + BLK - 1) / BLK};
    int fast = ws->xs[0] >= 0 && n <= INT32_MAX;
    if (fast) {
        s.row = malloc(n * sizeof *s.row);
        s.c = malloc(n * SL * sizeof *s.c);
        s.pre = malloc(SL * (s.nb + 1) * sizeof *s.pre);
        /* Out of memory: the general path needs nothing more. */
        fast = s.row && s.c && s.pre && suite_table(&s, ws->xs, ws->ws);
    }
    if (fast)
        suite_run(&s, ws->xs, ws->ws, B, stream, xr, wr, rep);
    else
        general_run(ws->xs, ws->ws, n, B, stream, counts, xr, wr, rep);
    free(s.row);
    free(s.c);
    free(s.pre);
    return JH_OK;
}
