/* Resampling inference: bootstrap draws by counts, percentile intervals,
 * the jackknife standard error of the Gini, permutations of group labels.
 * See include/junheng/bootstrap.h and docs/indices.md ("Inference"). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include "core_internal.h"
#include "junheng/bootstrap.h"
#include "lanes.h"

/* SplitMix64 finaliser (Steele, Lea & Flood 2014, "Fast splittable
 * pseudorandom number generators", OOPSLA): a bijective mix whose output
 * bits each depend on every input bit. */
static uint64_t mix64(uint64_t z)
{
    z += 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

unsigned long jh_boot_seed(unsigned long seed, size_t k1, size_t k2, size_t k3)
{
    uint64_t z = mix64((uint64_t)seed);
    z = mix64(z ^ (uint64_t)k1);
    z = mix64(z ^ (uint64_t)k2);
    z = mix64(z ^ (uint64_t)k3);
    /* gsl_rng_set takes an unsigned long, which may be 32 bits wide. */
    return (unsigned long)(z & 0xffffffffUL);
}

/* ---- the stream of one slice ------------------------------------------- */

void jh_boot_stream_init(jh_boot_stream *s, unsigned long seed, size_t k1, size_t k2,
                         size_t k3)
{
    uint64_t z = mix64((uint64_t)seed);
    z = mix64(z ^ (uint64_t)k1);
    z = mix64(z ^ (uint64_t)k2);
    s->state = mix64(z ^ (uint64_t)k3);
    s->spare = 0;
    s->has_spare = 0;
}

/* SplitMix64's step: mix64 adds the increment to its argument, so the
 * state advances by it here and the output is mix64 of the old state. */
static inline uint32_t next_word(jh_boot_stream *s)
{
    if (s->has_spare) {
        s->has_spare = 0;
        return s->spare;
    }
    uint64_t z = mix64(s->state);
    s->state += 0x9e3779b97f4a7c15ULL;
    s->spare = (uint32_t)(z >> 32);
    s->has_spare = 1;
    return (uint32_t)z;
}

static inline uint32_t uniform(jh_boot_stream *s, uint32_t n, uint32_t reject_below)
{
    uint64_t m = (uint64_t)next_word(s) * n;
    while ((uint32_t)m < reject_below)
        m = (uint64_t)next_word(s) * n;
    return (uint32_t)(m >> 32);
}

/* 2^32 mod n, computed in 32 bits as (2^32 - n) mod n. */
static inline uint32_t reject_bound(uint32_t n)
{
    return (uint32_t)(0u - n) % n;
}

uint32_t jh_boot_uniform(jh_boot_stream *s, uint32_t n)
{
    return n ? uniform(s, n, reject_bound(n)) : 0;
}

/* The next 64-bit output of the stream (a spare half is dropped). */
static inline uint64_t next64(jh_boot_stream *s)
{
    uint64_t z = mix64(s->state);
    s->state += 0x9e3779b97f4a7c15ULL;
    s->has_spare = 0;
    return z;
}

/* The 128-bit product a b: the high 64 bits returned, the low in *lo. */
static inline uint64_t mul_hi(uint64_t a, uint64_t b, uint64_t *lo)
{
#if defined(__SIZEOF_INT128__)
    __extension__ typedef unsigned __int128 u128;
    u128 m = (u128)a * b;
    *lo = (uint64_t)m;
    return (uint64_t)(m >> 64);
#else
    uint64_t a0 = (uint32_t)a, a1 = a >> 32, b0 = (uint32_t)b, b1 = b >> 32;
    uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
    uint64_t mid = (p00 >> 32) + (uint32_t)p01 + (uint32_t)p10;
    *lo = (mid << 32) | (uint32_t)p00;
    return p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
#endif
}

/* Batched draws (Brackett-Rozinsky & Lemire 2024, "Batched ranged random
 * integer generation", Softw. Pract. Exp.): with P = n^k <= 2^64, the k
 * high words of r n, (r n mod 2^64) n, ... are the base-n digits of
 * floor(r P / 2^64), Lemire's draw on [0, P); rejecting r when the last
 * low word is below 2^64 mod P makes the k positions exactly uniform and
 * independent.  One 64-bit output and k multiplications give k draws. */
typedef struct batch {
    uint64_t n, reject_below; /* 2^64 mod n^k */
    unsigned k;
} batch;

enum { BATCH_MAX = 8 };

static batch batch_for(uint32_t n)
{
    batch b = {n, 0, 1};
    uint64_t P = n;
    while (b.k < BATCH_MAX && P <= UINT64_MAX / n) {
        P *= n;
        b.k++;
    }
    b.reject_below = (0 - P) % P;
    return b;
}

/* k positions from the next accepted output into pos[0..k-1]. */
static inline void batch_draw(jh_boot_stream *s, const batch *b, uint32_t *pos)
{
    for (;;) {
        uint64_t r = next64(s);
        for (unsigned j = 0; j < b->k; j++)
            pos[j] = (uint32_t)mul_hi(r, b->n, &r);
        if (r >= b->reject_below)
            return;
    }
}

/* counts[p * stride] += 1 in 32-bit (wide) or 16-bit cells: with wide and
 * stride constants where it is inlined, one increment. */
static inline void bump(void *counts, uint32_t p, size_t stride, int wide)
{
    if (wide)
        ((unsigned *)counts)[p * stride]++;
    else
        ((uint16_t *)counts)[p * stride]++;
}

/* The draws of one replicate from its k-th on, a batch at a time (the
 * positions of the last batch past n are dropped), counted into
 * counts[i * stride] (zeroed by the caller): a stride > 1 lays the counts
 * of several replicates side by side (see gini_lanes and boot_suite.c). */
static inline void count_from(jh_boot_stream *s, const batch *b, size_t k, uint32_t n,
                              void *counts, size_t stride, int wide)
{
    uint32_t pos[BATCH_MAX];
    for (; k + b->k <= n; k += b->k) {
        batch_draw(s, b, pos);
        for (unsigned j = 0; j < b->k; j++)
            bump(counts, pos[j], stride, wide);
    }
    if (k < n) {
        batch_draw(s, b, pos);
        for (unsigned j = 0; k + j < n; j++)
            bump(counts, pos[j], stride, wide);
    }
}

/* One replicate of n draws into 32-bit counts; inlined with a constant
 * stride where it is called. */
static inline void count_draws(jh_boot_stream *s, uint32_t n, unsigned *counts, size_t stride)
{
    batch b = batch_for(n);
    count_from(s, &b, 0, n, counts, stride, 1);
}

#if defined(__GNUC__) && defined(__x86_64__)
#include <immintrin.h>
#define JH_AVX512 __attribute__((target("avx2,avx512f,avx512dq")))

/* One digit of eight outputs counted: the byte offsets off[0..7]. */
static inline void count_offsets(void *counts, const uint64_t *off, int wide)
{
    for (unsigned i = 0; i < 8; i++) {
        char *at = (char *)counts + off[i];
        if (wide)
            ++*(unsigned *)(void *)at;
        else
            ++*(uint16_t *)(void *)at;
    }
}

/* The batches of the stream's next eight outputs at once (AVX-512): output
 * i is mix64(state + i gamma), computed in the eight 64-bit lanes of one
 * register, and each digit is the high word of r n, a 64 x 32-bit product
 * made of two 32 x 32-bit ones (r = 2^32 r1 + r0: t = r1 n + (r0 n >> 32),
 * the digit t >> 32, the next r (t << 32) | (r0 n mod 2^32); t < 2^64,
 * since r1 n <= (2^32 - 1)^2 and r0 n >> 32 < 2^32 - 1).
 * The same digits as batch_draw, output i's digit j as the byte offset
 * digit << shift in off[8 j + i] (the order does not matter to counts; an
 * offset, not an index, spares the increments a shift each).  Between the
 * digits it counts the previous eight's offsets prev (unless NULL), digit
 * j after digit j.  Returns 1 and moves the stream eight outputs on; 0, the
 * stream untouched, when one of the eight is rejected (then batch_draw
 * takes the next batch; prev is counted either way). */
JH_AVX512 static inline int draw8(jh_boot_stream *s, const batch *b, unsigned shift,
                                  uint64_t *off, const uint64_t *prev, void *counts, int wide)
{
    const uint64_t g = 0x9e3779b97f4a7c15ULL;
    const __m512i n = _mm512_set1_epi64((long long)b->n),
                  lo32 = _mm512_set1_epi64(0xffffffffLL);
    __m512i z = _mm512_add_epi64(
        _mm512_set1_epi64((long long)(s->state + g)),
        _mm512_set_epi64((long long)(7 * g), (long long)(6 * g), (long long)(5 * g),
                         (long long)(4 * g), (long long)(3 * g), (long long)(2 * g),
                         (long long)g, 0));
    z = _mm512_mullo_epi64(_mm512_xor_si512(z, _mm512_srli_epi64(z, 30)),
                           _mm512_set1_epi64((long long)0xbf58476d1ce4e5b9ULL));
    z = _mm512_mullo_epi64(_mm512_xor_si512(z, _mm512_srli_epi64(z, 27)),
                           _mm512_set1_epi64((long long)0x94d049bb133111ebULL));
    z = _mm512_xor_si512(z, _mm512_srli_epi64(z, 31));
    /* r0 and r1 are the low halves of lo and t (mul_epu32 reads only the
     * low 32 bits of a lane): the next r is assembled once, at the end. */
    __m512i lo = z, t = _mm512_srli_epi64(z, 32);
    for (unsigned j = 0; j < b->k; j++) {
        lo = _mm512_mul_epu32(lo, n);
        t = _mm512_add_epi64(_mm512_mul_epu32(t, n), _mm512_srli_epi64(lo, 32));
        _mm512_storeu_si512((void *)(off + 8 * j),
                            _mm512_slli_epi64(_mm512_srli_epi64(t, 32), shift));
        if (prev)
            count_offsets(counts, prev + 8 * j, wide);
    }
    z = _mm512_or_si512(_mm512_slli_epi64(t, 32), _mm512_and_si512(lo, lo32));
    if (_mm512_cmplt_epu64_mask(z, _mm512_set1_epi64((long long)b->reject_below)))
        return 0;
    s->state += 8 * g;
    s->has_spare = 0;
    return 1;
}

/* count_from with the outputs taken eight at a time while a whole eight
 * fits in the replicate: the same counts, the stream left where it leaves
 * it.  An eight is counted while the next is drawn, digit by digit (two
 * buffers of offsets): the increments, about one a cycle, fill the queue
 * of memory operations, and the vector work of the next eight slots in
 * between instead of waiting behind them.  Counts do not depend on their
 * order. */
JH_AVX512 static inline void count_draws8(jh_boot_stream *s, uint32_t n, void *counts,
                                          size_t stride, int wide)
{
    batch b = batch_for(n);
    unsigned shift = 0, cur = 0, pending = 0;
    while ((size_t)1 << shift < stride * (wide ? sizeof(unsigned) : sizeof(uint16_t)))
        shift++; /* strides are powers of 2 here: 1, 4, 8 */
    uint64_t off[2][8 * BATCH_MAX];
    uint32_t pos[BATCH_MAX];
    size_t k = 0;
    while (k + 8 * b.k <= n) {
        int ok = draw8(s, &b, shift, off[cur], pending ? off[cur ^ 1] : NULL, counts, wide);
        pending = 0; /* counted by draw8 */
        if (ok) {
            pending = 1;
            cur ^= 1;
            k += 8 * b.k;
        } else { /* one batch alone */
            batch_draw(s, &b, pos);
            for (unsigned j = 0; j < b.k; j++)
                bump(counts, pos[j], stride, wide);
            k += b.k;
        }
    }
    for (unsigned j = 0; pending && j < b.k; j++)
        count_offsets(counts, off[cur ^ 1] + 8 * j, wide);
    count_from(s, &b, k, n, counts, stride, wide);
}

JH_AVX512 static void count_avx512_1(jh_boot_stream *s, uint32_t n, unsigned *counts)
{
    count_draws8(s, n, counts, 1, 1);
}

JH_AVX512 static void count_avx512_4(jh_boot_stream *s, uint32_t n, unsigned *counts)
{
    count_draws8(s, n, counts, 4, 1);
}

/* 16-bit counts, eight replicates side by side (jh_gini_bootstrap). */
JH_AVX512 static void count_avx512_16x8(jh_boot_stream *s, uint32_t n, uint16_t *counts)
{
    count_draws8(s, n, counts, 8, 0);
}

int jh_boot_simd(void)
{
    const char *e = getenv("JUNHENG_SIMD");
    if (e && strcmp(e, "sse2") == 0)
        return JH_SIMD_SSE2;
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
        __builtin_cpu_supports("avx2"))
        return JH_SIMD_AVX512;
    return __builtin_cpu_supports("avx") ? JH_SIMD_AVX : JH_SIMD_SSE2;
}
#else
int jh_boot_simd(void)
{
    return JH_SIMD_SSE2;
}
#define count_avx512_1(s, n, c) count_draws(s, n, c, 1)
#define count_avx512_4(s, n, c) count_draws(s, n, c, 4)
#endif

void jh_boot_count_draws(jh_boot_stream *s, uint32_t n, unsigned *counts, size_t stride,
                         int simd)
{
    if (simd == JH_SIMD_AVX512 && stride == 1)
        count_avx512_1(s, n, counts);
    else if (simd == JH_SIMD_AVX512 && stride == 4) /* boot_suite.c's lanes */
        count_avx512_4(s, n, counts);
    else if (stride == 1)
        count_draws(s, n, counts, 1);
    else if (stride == 4)
        count_draws(s, n, counts, 4);
    else
        count_draws(s, n, counts, stride);
}

int jh_boot_draw(jh_boot_stream *s, size_t n, uint32_t *pos)
{
    if (!s || !pos || n == 0 || n > UINT32_MAX)
        return JH_EINVAL;
    batch b = batch_for((uint32_t)n);
    uint32_t p[BATCH_MAX];
    for (size_t k = 0; k < n; k += b.k) {
        batch_draw(s, &b, p);
        for (unsigned j = 0; j < b.k && k + j < n; j++)
            pos[k + j] = p[j];
    }
    return JH_OK;
}

int jh_boot_draw_counts(jh_boot_stream *s, size_t n, unsigned *counts)
{
    if (!s || !counts || n == 0 || n > UINT32_MAX)
        return JH_EINVAL;
    memset(counts, 0, n * sizeof *counts);
    jh_boot_count_draws(s, (uint32_t)n, counts, 1, jh_boot_simd());
    return JH_OK;
}

/* ---- draws ------------------------------------------------------------- */

jh_resampler *jh_resampler_alloc(const size_t *stratum, size_t n, size_t n_strata)
{
    jh_resampler *rs;
    if (n == 0 || (stratum && n_strata == 0))
        return NULL;
    if (!stratum)
        n_strata = 1;
    for (size_t i = 0; stratum && i < n; i++)
        if (stratum[i] >= n_strata)
            return NULL;
    rs = calloc(1, sizeof *rs);
    if (!rs)
        return NULL;
    rs->n = n;
    rs->n_strata = n_strata;
    rs->start = calloc(n_strata + 1, sizeof *rs->start);
    rs->member = malloc(n * sizeof *rs->member);
    if (!rs->start || !rs->member) {
        jh_resampler_free(rs);
        return NULL;
    }
    /* Counting sort by stratum: stable, so input order is kept inside. */
    for (size_t i = 0; i < n; i++)
        rs->start[(stratum ? stratum[i] : 0) + 1]++;
    for (size_t s = 0; s < n_strata; s++)
        rs->start[s + 1] += rs->start[s];
    for (size_t i = 0; i < n; i++) {
        size_t s = stratum ? stratum[i] : 0;
        /* start[s] is used as a cursor, then restored below. */
        rs->member[rs->start[s]++] = i;
    }
    for (size_t s = n_strata; s > 0; s--)
        rs->start[s] = rs->start[s - 1];
    rs->start[0] = 0;
    return rs;
}

void jh_resampler_free(jh_resampler *rs)
{
    if (!rs)
        return;
    free(rs->start);
    free(rs->member);
    free(rs);
}

int jh_resampler_draw(const jh_resampler *rs, gsl_rng *rng, unsigned *counts)
{
    if (!rs || !rng || !counts)
        return JH_EINVAL;
    memset(counts, 0, rs->n * sizeof *counts);
    for (size_t s = 0; s < rs->n_strata; s++) {
        size_t a = rs->start[s], m = rs->start[s + 1] - a;
        for (size_t k = 0; k < m; k++)
            counts[rs->member[a + gsl_rng_uniform_int(rng, (unsigned long)m)]]++;
    }
    return JH_OK;
}

size_t jh_boot_apply(const unsigned *counts, const double *x, const double *w,
                     const size_t *g, size_t n, double *x_out, double *w_out,
                     size_t *g_out)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (!counts[i])
            continue;
        x_out[m] = x[i];
        w_out[m] = (w ? w[i] : 1.0) * counts[i];
        if (g && g_out)
            g_out[m] = g[i];
        m++;
    }
    return m;
}

/* ---- summaries --------------------------------------------------------- */

/* The IEEE bits of x as an unsigned key in the order of the values: a
 * negative number has every bit flipped, a positive one its sign bit set. */
static inline uint64_t order_key(double x)
{
    uint64_t b;
    memcpy(&b, &x, sizeof b);
    return b >> 63 ? ~b : b | (1ULL << 63);
}

static inline double key_value(uint64_t k)
{
    uint64_t b = k >> 63 ? k & ~(1ULL << 63) : ~k;
    double x;
    memcpy(&x, &b, sizeof x);
    return x;
}

/* x[0..m-1] (no NaN) ascending, by a least-significant-byte radix sort of
 * the keys above, skipping the bytes every key shares: the array
 * gsl_sort's heapsort gives (equal values are equal bits; -0 comes before
 * +0), in O(m).  gsl_sort of the replicates was 9% of a suite bootstrap
 * at B = 1,000 (36 intervals a slice).  gsl_sort when out of memory. */
static void sort_replicates(double *x, size_t m)
{
    uint64_t *a = malloc(2 * m * sizeof *a), *b = a + m;
    size_t hist[8][256] = {{0}};
    if (!a) {
        gsl_sort(x, 1, m);
        return;
    }
    for (size_t i = 0; i < m; i++) {
        a[i] = order_key(x[i]);
        for (int d = 0; d < 8; d++)
            hist[d][(a[i] >> (8 * d)) & 255]++;
    }
    for (int d = 0; d < 8; d++) {
        if (hist[d][(a[0] >> (8 * d)) & 255] == m)
            continue; /* every key has this byte */
        size_t pos = 0;
        for (int v = 0; v < 256; v++) {
            size_t c = hist[d][v];
            hist[d][v] = pos;
            pos += c;
        }
        for (size_t i = 0; i < m; i++)
            b[hist[d][(a[i] >> (8 * d)) & 255]++] = a[i];
        uint64_t *t = a;
        a = b;
        b = t;
    }
    for (size_t i = 0; i < m; i++)
        x[i] = key_value(a[i]);
    free(a < b ? a : b);
}

int jh_boot_interval(double *rep, size_t B, double ci, double *lo, double *hi,
                     double *se, size_t *kept)
{
    size_t m = 0;
    if (!rep || !lo || !hi || !se || B == 0 || !(ci > 0 && ci < 1))
        return JH_EINVAL;
    for (size_t b = 0; b < B; b++)
        if (!isnan(rep[b]))
            rep[m++] = rep[b];
    if (kept)
        *kept = m;
    if (m < 2) {
        *lo = *hi = *se = NAN;
        return JH_EEMPTY;
    }
    sort_replicates(rep, m);
    *lo = gsl_stats_quantile_from_sorted_data(rep, 1, m, (1 - ci) / 2);
    *hi = gsl_stats_quantile_from_sorted_data(rep, 1, m, (1 + ci) / 2);
    /* se = sqrt(sum (r_b - rbar)^2 / (B' - 1)), the sample SD. */
    *se = gsl_stats_sd(rep, 1, m);
    return JH_OK;
}

/* ---- the Gini ------------------------------------------------------------ */

/* The Gini of LANES replicates at once by the gap form (see bootstrap.h):
 * with C the weight of the values up to x_(k), the gap g_k = x_(k+1) -
 * x_(k) lies between C (W - C) pairs of weight (g_(n-1) = 0).  c holds
 * the counts of the replicates side by side (c[k * LANES + l]), so each
 * step is the same arithmetic on LANES independent sums, in vectors of
 * two doubles (GCC and Clang vector extensions; one SSE2 register each):
 * the LANES chains of dependent additions, which bound a prefix sum, run
 * side by side.  out[l] is NaN when replicate l has only zeros. */
enum { LANES = 8, NV = LANES / VW };

static void gini_lanes(const double *xs, const double *ws, const double *gap,
                       const unsigned *c, size_t n, double *out)
{
    vd W[NV] = {{0}}, T[NV] = {{0}}, C[NV] = {{0}}, num[NV] = {{0}};
    for (size_t k = 0; k < n; k++)
        for (size_t v = 0; v < NV; v++) {
            vd wk = lane_weights(ws[k], c + k * LANES + v * VW);
            W[v] += wk;
            T[v] += wk * xs[k];
        }
    for (size_t k = 0; k < n; k++)
        for (size_t v = 0; v < NV; v++) {
            C[v] += lane_weights(ws[k], c + k * LANES + v * VW);
            num[v] += gap[k] * (C[v] * (W[v] - C[v]));
        }
    for (size_t l = 0; l < LANES; l++)
        out[l] = T[l / VW][l % VW] > 0
                     ? num[l / VW][l % VW] / (W[l / VW][l % VW] * T[l / VW][l % VW])
                     : NAN;
}

#if defined(__GNUC__) && defined(__x86_64__)
/* gini_lanes with AVX where the processor has it: the same operations on
 * the same lanes, four doubles a register instead of two (no FMA, so
 * every lane's sums round as in gini_lanes: the same bits on any x86-64). */
typedef double vd4 __attribute__((vector_size(4 * sizeof(double))));
enum { NV4 = LANES / 4 };

__attribute__((target("avx"))) static void
gini_lanes_avx(const double *xs, const double *ws, const double *gap, const unsigned *c,
               size_t n, double *out)
{
    vd4 W[NV4] = {{0}}, T[NV4] = {{0}}, C[NV4] = {{0}}, num[NV4] = {{0}};
#define LANE4(k, v)                                                                      \
    (ws[k] * (vd4)_mm256_cvtepi32_pd(                                                    \
                 _mm_loadu_si128((const __m128i *)(const void *)(c + (k) * LANES + (v) * 4))))
    for (size_t k = 0; k < n; k++)
        for (size_t v = 0; v < NV4; v++) {
            vd4 wk = LANE4(k, v);
            W[v] += wk;
            T[v] += wk * xs[k];
        }
    for (size_t k = 0; k < n; k++)
        for (size_t v = 0; v < NV4; v++) {
            C[v] += LANE4(k, v);
            num[v] += gap[k] * (C[v] * (W[v] - C[v]));
        }
#undef LANE4
    for (size_t l = 0; l < LANES; l++)
        out[l] = T[l / 4][l % 4] > 0
                     ? num[l / 4][l % 4] / (W[l / 4][l % 4] * T[l / 4][l % 4])
                     : NAN;
}

/* Two blocks of LANES replicates with 16-bit counts (block 1 at c + n
 * LANES), one block a register of eight doubles (AVX-512): the operations
 * of gini_lanes on each lane, so the same bits.  The two blocks' chains of
 * additions (a prefix sum is one chain a lane) are independent, so they
 * run side by side where one block would wait on the adder.  The first
 * pass zeroes the counts it has read, ready for the next draws, and keeps
 * the weights w c in wk[2 n] for the second (a quarter fewer operations
 * than converting the counts again; 5% of the bootstrap's time). */
typedef double vd8 __attribute__((vector_size(8 * sizeof(double))));

JH_AVX512 static inline vd8 lanes16(double w, const uint16_t *c)
{
    return w * (vd8)_mm512_cvtepi32_pd(
                   _mm256_cvtepu16_epi32(_mm_loadu_si128((const __m128i *)(const void *)c)));
}

JH_AVX512 static void gini_lanes16(const double *xs, const double *ws, const double *gap,
                                   uint16_t *c, vd8 *wk, size_t n, double *out)
{
    uint16_t *c1 = c + n * LANES;
    vd8 W0 = {0}, T0 = {0}, C0 = {0}, num0 = {0}, W1 = {0}, T1 = {0}, C1 = {0}, num1 = {0};
    for (size_t k = 0; k < n; k++) {
        vd8 a = lanes16(ws[k], c + k * LANES), b = lanes16(ws[k], c1 + k * LANES);
        wk[2 * k] = a;
        wk[2 * k + 1] = b;
        W0 += a;
        T0 += a * xs[k];
        W1 += b;
        T1 += b * xs[k];
        _mm_storeu_si128((__m128i *)(void *)(c + k * LANES), _mm_setzero_si128());
        _mm_storeu_si128((__m128i *)(void *)(c1 + k * LANES), _mm_setzero_si128());
    }
    for (size_t k = 0; k < n; k++) {
        C0 += wk[2 * k];
        C1 += wk[2 * k + 1];
        num0 += gap[k] * (C0 * (W0 - C0));
        num1 += gap[k] * (C1 * (W1 - C1));
    }
    for (size_t l = 0; l < LANES; l++) {
        out[l] = T0[l] > 0 ? num0[l] / (W0[l] * T0[l]) : NAN;
        out[LANES + l] = T1[l] > 0 ? num1[l] / (W1[l] * T1[l]) : NAN;
    }
}

/* The B replicates 2 LANES at a time, drawn in turn from the stream into
 * 16-bit counts (n <= 65535, so no count overflows): the counts of eight
 * replicates take 16 n bytes, which stay in the first-level cache while
 * they are drawn (45 KB at n = 2,850, against 91 KB in 32 bits).
 * r has room for B + 2 LANES; 0 or JH_ENOMEM. */
static int gini_boot16(const double *xs, const double *ws, const double *gap, size_t n,
                       size_t B, jh_boot_stream *stream, double *r)
{
    uint16_t *c = calloc(2 * n * LANES, sizeof *c);
    vd8 *wk = aligned_alloc(sizeof(vd8), 2 * n * sizeof *wk);
    if (!c || !wk) {
        free(c);
        free(wk);
        return JH_ENOMEM;
    }
    for (size_t b = 0; b < B; b += 2 * LANES) {
        for (size_t l = 0; l < 2 * LANES && b + l < B; l++)
            count_avx512_16x8(stream, (uint32_t)n, c + l / LANES * n * LANES + l % LANES);
        gini_lanes16(xs, ws, gap, c, wk, n, r + b);
    }
    free(c);
    free(wk);
    return JH_OK;
}
#else
#define gini_lanes_avx gini_lanes
#define gini_boot16(xs, ws, gap, n, B, stream, r) JH_EINVAL
#endif

/* The B replicates LANES at a time in 32-bit counts (SSE2 or AVX lanes),
 * drawn in turn from the stream (the same draws as one at a time); a last
 * partial block leaves its spare lanes at zero counts.  0 or JH_ENOMEM. */
static int gini_boot32(const double *xs, const double *ws, const double *gap, size_t n,
                       size_t B, jh_boot_stream *stream, double *r, int simd)
{
    unsigned *lanes = malloc(n * LANES * sizeof *lanes);
    if (!lanes)
        return JH_ENOMEM;
    for (size_t b = 0; b < B; b += LANES) {
        memset(lanes, 0, n * LANES * sizeof *lanes);
        for (size_t l = 0; l < LANES && b + l < B; l++)
            count_draws(stream, (uint32_t)n, lanes + l, LANES);
        (simd >= JH_SIMD_AVX ? gini_lanes_avx : gini_lanes)(xs, ws, gap, lanes, n, r + b);
    }
    free(lanes);
    return JH_OK;
}

int jh_gini_bootstrap(const double *x, const double *w, size_t n, size_t B,
                      double ci, jh_boot_stream *stream, jh_workspace *ws,
                      unsigned *counts, double *rep, double *lo, double *hi,
                      double *se)
{
    int rc = jh_check_input(x, w, n, 1);
    long double total, mean;
    (void)counts; /* the lanes of gini_boot16/32 replace it */
    if (rc)
        return rc;
    if (B == 0 || !(ci > 0 && ci < 1) || !stream || !ws || !lo || !hi || !se ||
        n > INT32_MAX)
        return JH_EINVAL;
    jh_weighted_mean(x, w, n, &total, &mean);
    if (mean == 0)
        return JH_EZEROMEAN;
    rc = jh_sort_slice(x, w, n, ws);
    if (rc)
        return rc;
    double *r = malloc((B + 2 * LANES) * sizeof *r), *gap = malloc(n * sizeof *gap);
    if (!r || !gap) {
        free(r);
        free(gap);
        return JH_ENOMEM;
    }
    for (size_t k = 0; k + 1 < n; k++)
        gap[k] = ws->xs[k + 1] - ws->xs[k];
    gap[n - 1] = 0;
    int simd = jh_boot_simd();
    rc = simd == JH_SIMD_AVX512 && n <= UINT16_MAX
             ? gini_boot16(ws->xs, ws->ws, gap, n, B, stream, r)
             : gini_boot32(ws->xs, ws->ws, gap, n, B, stream, r, simd);
    free(gap);
    if (!rc && rep)
        memcpy(rep, r, B * sizeof *r);
    if (!rc)
        rc = jh_boot_interval(r, B, ci, lo, hi, se, NULL);
    free(r);
    return rc;
}

/* Leave-one-out Ginis from one sort.  With x sorted ascending, C_k and P_k
 * the weight and the weighted sum w x of the values before k, and W, T the
 * totals, the weighted distance of x_k to all values is
 *   A_k = sum_j w_j |x_k - x_j| = x_k C_k - P_k + (T - P_k - w_k x_k) - x_k (W - C_k - w_k)
 * and the ordered-pair sum D = sum_i sum_j w_i w_j |x_i - x_j| = sum_k w_k A_k.
 * Without k: D_k = D - 2 w_k A_k, W_k = W - w_k, T_k = T - w_k x_k, and
 *   G_(k) = D_k / (2 W_k T_k)   (G = D / (2 W^2 mu) = D / (2 W T)). */
int jh_gini_jackknife(const double *x, const double *w, size_t n,
                      jh_workspace *ws, double *gini, double *se)
{
    int rc = jh_check_input(x, w, n, 1);
    long double W = 0, T = 0, D = 0, C = 0, P = 0, sum = 0, sum2 = 0;
    if (rc)
        return rc;
    if (!se)
        return JH_EINVAL;
    if (n < 3)
        return JH_EEMPTY;
    rc = jh_sort_slice(x, w, n, ws);
    if (rc)
        return rc;
    const double *xs = ws->xs, *wk = ws->ws;
    for (size_t k = 0; k < n; k++) {
        W += wk[k];
        T += (long double)wk[k] * xs[k];
    }
    if (T == 0)
        return JH_EZEROMEAN;
    /* First pass: D. */
    for (size_t k = 0; k < n; k++) {
        long double wx = (long double)wk[k] * xs[k];
        long double A = xs[k] * C - P + (T - P - wx) - xs[k] * (W - C - wk[k]);
        D += wk[k] * A;
        C += wk[k];
        P += wx;
    }
    /* Second pass: each G_(k); the pseudo-values are not needed, only their
     * mean and spread (accumulated around G to limit cancellation). */
    long double G = D / (2 * W * T);
    C = P = 0;
    for (size_t k = 0; k < n; k++) {
        long double wx = (long double)wk[k] * xs[k];
        long double A = xs[k] * C - P + (T - P - wx) - xs[k] * (W - C - wk[k]);
        long double Tk = T - wx;
        if (Tk <= 0)
            return JH_EZEROMEAN;
        long double Gk = (D - 2 * wk[k] * A) / (2 * (W - wk[k]) * Tk);
        sum += Gk - G;
        sum2 += (Gk - G) * (Gk - G);
        C += wk[k];
        P += wx;
    }
    long double nn = (long double)n, mean_dev = sum / nn;
    long double ss = sum2 - nn * mean_dev * mean_dev; /* sum (G_(k) - G_(.))^2 */
    if (ss < 0)
        ss = 0;
    *se = (double)sqrtl((nn - 1) / nn * ss);
    if (gini)
        *gini = (double)G;
    return JH_OK;
}

/* ---- permutations -------------------------------------------------------- */

jh_permuter *jh_permuter_alloc(const size_t *block, size_t n, size_t n_blocks)
{
    return jh_resampler_alloc(block, n, n_blocks);
}

void jh_permuter_free(jh_permuter *p)
{
    jh_resampler_free(p);
}

int jh_permute_labels(const jh_permuter *p, gsl_rng *rng, const size_t *g_in,
                      size_t *g_out, size_t *labels)
{
    if (!p || !rng || !g_in || !g_out || !labels)
        return JH_EINVAL;
    for (size_t b = 0; b < p->n_strata; b++) {
        size_t a = p->start[b], m = p->start[b + 1] - a;
        for (size_t k = 0; k < m; k++)
            labels[k] = g_in[p->member[a + k]];
        if (m > 1)
            gsl_ran_shuffle(rng, labels, m, sizeof *labels);
        for (size_t k = 0; k < m; k++)
            g_out[p->member[a + k]] = labels[k];
    }
    return JH_OK;
}

double jh_perm_pvalue(double observed, const double *perm, size_t P)
{
    size_t defined = 0, ge = 0;
    if (isnan(observed) || !perm)
        return NAN;
    double tol = 1e-12 * fabs(observed);
    for (size_t k = 0; k < P; k++) {
        if (isnan(perm[k]))
            continue;
        defined++;
        ge += perm[k] >= observed - tol;
    }
    if (!defined)
        return NAN;
    return (1.0 + (double)ge) / ((double)defined + 1.0);
}
