/* Spatial statistics: weights, Moran's I, local Moran, FDR, spatial Gini.
 * See include/junheng/spatial.h and docs/indices.md ("Spatial
 * statistics"). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_cdf.h>
#include "junheng/bootstrap.h"
#include "junheng/spatial.h"

/* ---- weights ------------------------------------------------------------- */

void jh_weights_free(jh_weights *W)
{
    if (!W)
        return;
    free(W->start);
    free(W->nb);
    free(W->w);
    free(W);
}

static jh_weights *weights_alloc(size_t n, size_t nnz)
{
    jh_weights *W = calloc(1, sizeof *W);
    if (!W)
        return NULL;
    W->n = n;
    W->start = calloc(n + 1, sizeof *W->start);
    W->nb = malloc((nnz ? nnz : 1) * sizeof *W->nb);
    W->w = malloc((nnz ? nnz : 1) * sizeof *W->w);
    if (!W->start || !W->nb || !W->w) {
        jh_weights_free(W);
        return NULL;
    }
    return W;
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

static void set_weights(jh_weights *W, enum jh_weights_kind kind)
{
    for (size_t i = 0; i < W->n; i++) {
        size_t k = W->start[i + 1] - W->start[i];
        for (size_t e = W->start[i]; e < W->start[i + 1]; e++)
            W->w[e] = kind == JH_WEIGHTS_BINARY ? 1.0 : 1.0 / (double)k;
    }
}

/* Sorts each row and drops repeated neighbours, compacting in place. */
static void sort_dedup(jh_weights *W)
{
    size_t out = 0;
    for (size_t i = 0; i < W->n; i++) {
        size_t s = W->start[i], e = W->start[i + 1];
        qsort(W->nb + s, e - s, sizeof *W->nb, cmp_size);
        W->start[i] = out;
        for (size_t k = s; k < e; k++)
            if (k == s || W->nb[k] != W->nb[k - 1])
                W->nb[out++] = W->nb[k];
    }
    W->start[W->n] = out;
}

int jh_weights_from_pairs(size_t n, const size_t *a, const size_t *b, size_t n_pairs,
                          enum jh_weights_kind kind, jh_weights **out)
{
    if (!out || (n_pairs && (!a || !b)))
        return JH_EINVAL;
    *out = NULL;
    for (size_t e = 0; e < n_pairs; e++)
        if (a[e] >= n || b[e] >= n || a[e] == b[e])
            return JH_EINVAL;
    jh_weights *W = weights_alloc(n, 2 * n_pairs);
    size_t *fill = calloc(n + 1, sizeof *fill);
    if (!W || !fill) {
        jh_weights_free(W);
        free(fill);
        return JH_ENOMEM;
    }
    for (size_t e = 0; e < n_pairs; e++) {
        W->start[a[e] + 1]++;
        W->start[b[e] + 1]++;
    }
    for (size_t i = 0; i < n; i++)
        W->start[i + 1] += W->start[i];
    for (size_t e = 0; e < n_pairs; e++) {
        W->nb[W->start[a[e]] + fill[a[e]]++] = b[e];
        W->nb[W->start[b[e]] + fill[b[e]]++] = a[e];
    }
    free(fill);
    sort_dedup(W);
    set_weights(W, kind);
    *out = W;
    return JH_OK;
}

size_t jh_weights_islands(const jh_weights *W)
{
    size_t k = 0;
    for (size_t i = 0; W && i < W->n; i++)
        k += W->start[i] == W->start[i + 1];
    return k;
}

int jh_weights_subset(const jh_weights *W, const unsigned char *keep,
                      enum jh_weights_kind kind, jh_weights **out)
{
    if (!W || !keep || !out)
        return JH_EINVAL;
    *out = NULL;
    size_t *pos = malloc((W->n ? W->n : 1) * sizeof *pos), m = 0;
    if (!pos)
        return JH_ENOMEM;
    for (size_t i = 0; i < W->n; i++)
        pos[i] = keep[i] ? m++ : SIZE_MAX;
    jh_weights *S = weights_alloc(m, W->start[W->n]);
    if (!S) {
        free(pos);
        return JH_ENOMEM;
    }
    size_t e_out = 0;
    for (size_t i = 0; i < W->n; i++) {
        if (!keep[i])
            continue;
        S->start[pos[i]] = e_out;
        for (size_t e = W->start[i]; e < W->start[i + 1]; e++)
            if (keep[W->nb[e]])
                S->nb[e_out++] = pos[W->nb[e]];
    }
    S->start[m] = e_out;
    free(pos);
    set_weights(S, kind);
    *out = S;
    return JH_OK;
}

/* ---- shared helpers -------------------------------------------------------- */

/* Centres x into z; returns sum z^2 (0 when all values are equal). */
static double centre(const double *x, size_t n, double *z)
{
    long double s = 0, ss = 0;
    for (size_t i = 0; i < n; i++)
        s += x[i];
    double mean = (double)(s / (long double)n);
    for (size_t i = 0; i < n; i++) {
        z[i] = x[i] - mean;
        ss += (long double)z[i] * z[i];
    }
    return (double)ss;
}

static int check_values(const double *x, const jh_weights *W, size_t min_n)
{
    if (!x || !W)
        return JH_EINVAL;
    if (W->n < min_n)
        return JH_EEMPTY;
    for (size_t i = 0; i < W->n; i++)
        if (!isfinite(x[i]))
            return JH_ENONFINITE;
    return W->start[W->n] ? JH_OK : JH_EINVAL;
}

/* sum_ij w_ij z_i z_j */
static double cross(const double *z, const jh_weights *W)
{
    long double s = 0;
    for (size_t i = 0; i < W->n; i++) {
        long double lag = 0;
        for (size_t e = W->start[i]; e < W->start[i + 1]; e++)
            lag += W->w[e] * z[W->nb[e]];
        s += z[i] * lag;
    }
    return (double)s;
}

static void shuffle(jh_boot_stream *s, double *v, size_t n)
{
    for (size_t i = n; i > 1; i--) {
        size_t j = jh_boot_uniform(s, (uint32_t)i);
        double t = v[i - 1];
        v[i - 1] = v[j];
        v[j] = t;
    }
}

/* Values within 1e-12 relative count as equal, so that a permutation that
 * reproduces the observed arrangement counts as "at least as large" in
 * spite of a different order of summation. */
static int at_least(double sim, double obs)
{
    return sim >= obs - 1e-12 * fmax(1.0, fabs(obs));
}

/* PySAL's folded pseudo p-value: (min(larger, P - larger) + 1) / (P + 1). */
static double folded_p(size_t larger, size_t P)
{
    if (!P)
        return NAN;
    if (P - larger < larger)
        larger = P - larger;
    return ((double)larger + 1.0) / ((double)P + 1.0);
}

static void sim_moments(const double *sim, size_t P, double obs, double *mean, double *z)
{
    long double s = 0, ss = 0;
    for (size_t k = 0; k < P; k++)
        s += sim[k];
    double m = P ? (double)(s / (long double)P) : NAN;
    for (size_t k = 0; k < P; k++)
        ss += (long double)(sim[k] - m) * (sim[k] - m);
    double sd = P >= 2 ? sqrt((double)(ss / (long double)P)) : NAN;
    *mean = m;
    *z = (obs - m) / sd;
}

/* ---- global Moran's I ------------------------------------------------------ */

/* S0 = sum w, S1 = 1/2 sum (w_ij + w_ji)^2, S2 = sum_i (w_i. + w_.i)^2
 * (Cliff & Ord 1981, eq. 1.37).  w_ji is found by binary search in the
 * sorted row of j. */
static double weight_of(const jh_weights *W, size_t i, size_t j)
{
    const size_t *row = W->nb + W->start[i];
    size_t lo = 0, hi = W->start[i + 1] - W->start[i];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (row[mid] < j)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < W->start[i + 1] - W->start[i] && row[lo] == j ? W->w[W->start[i] + lo] : 0;
}

static int moran_sums(const jh_weights *W, double *S0, double *S1, double *S2)
{
    double *colsum = calloc(W->n ? W->n : 1, sizeof *colsum);
    if (!colsum)
        return JH_ENOMEM;
    long double s0 = 0, s1 = 0, s2 = 0;
    for (size_t i = 0; i < W->n; i++)
        for (size_t e = W->start[i]; e < W->start[i + 1]; e++) {
            double wji = weight_of(W, W->nb[e], i);
            s0 += W->w[e];
            s1 += (W->w[e] + wji) * (W->w[e] + wji);
            colsum[W->nb[e]] += W->w[e];
        }
    for (size_t i = 0; i < W->n; i++) {
        long double row = 0;
        for (size_t e = W->start[i]; e < W->start[i + 1]; e++)
            row += W->w[e];
        s2 += (row + colsum[i]) * (row + colsum[i]);
    }
    free(colsum);
    *S0 = (double)s0;
    *S1 = (double)(s1 / 2);
    *S2 = (double)s2;
    return JH_OK;
}

/* Moments under normality and randomisation (Cliff & Ord 1981, eqs. 2.34
 * and 2.36, as in PySAL esda.Moran). */
static void moran_moments(const double *z, double ss, size_t nn, double S0, double S1,
                          double S2, jh_moran *m)
{
    double n = (double)nn, n2 = n * n, S02 = S0 * S0, EI = -1.0 / (n - 1);
    long double s4 = 0;
    for (size_t i = 0; i < nn; i++)
        s4 += (long double)z[i] * z[i] * z[i] * z[i];
    double k = (double)(s4 / n) / ((ss / n) * (ss / n));
    double A = n * ((n2 - 3 * n + 3) * S1 - n * S2 + 3 * S02);
    double B = k * ((n2 - n) * S1 - 2 * n * S2 + 6 * S02);
    m->EI = EI;
    m->VI_norm = (n2 * S1 - n * S2 + 3 * S02) / ((n2 - 1) * S02) - EI * EI;
    m->VI_rand = (A - B) / ((n - 1) * (n - 2) * (n - 3) * S02) - EI * EI;
    m->z_norm = (m->I - EI) / sqrt(m->VI_norm);
    m->z_rand = (m->I - EI) / sqrt(m->VI_rand);
    m->p_norm = 2 * gsl_cdf_ugaussian_Q(fabs(m->z_norm));
    m->p_rand = 2 * gsl_cdf_ugaussian_Q(fabs(m->z_rand));
}

static int moran_permute(double *z, const jh_weights *W, double scale, size_t P,
                         unsigned long seed, jh_moran *m)
{
    double *sim = malloc((P ? P : 1) * sizeof *sim);
    if (!sim)
        return JH_ENOMEM;
    jh_boot_stream s;
    jh_boot_stream_init(&s, seed, 0, 0, 0);
    size_t larger = 0;
    for (size_t k = 0; k < P; k++) {
        shuffle(&s, z, W->n);
        sim[k] = scale * cross(z, W);
        larger += at_least(sim[k], m->I);
    }
    m->p_sim = folded_p(larger, P);
    sim_moments(sim, P, m->I, &m->EI_sim, &m->z_sim);
    free(sim);
    return JH_OK;
}

int jh_moran_global(const double *x, const jh_weights *W, size_t permutations,
                    unsigned long seed, jh_moran *out)
{
    int rc = out ? check_values(x, W, 4) : JH_EINVAL;
    if (rc)
        return rc;
    double S0, S1, S2, *z = malloc(W->n * sizeof *z);
    if (!z)
        return JH_ENOMEM;
    double ss = centre(x, W->n, z);
    if (!(ss > 0)) {
        free(z);
        return JH_EZERO;
    }
    rc = moran_sums(W, &S0, &S1, &S2);
    if (rc) {
        free(z);
        return rc;
    }
    memset(out, 0, sizeof *out);
    double scale = (double)W->n / (S0 * ss);
    out->I = scale * cross(z, W);
    out->n = W->n;
    out->permutations = permutations;
    if (!rc)
        moran_moments(z, ss, W->n, S0, S1, S2, out);
    if (!rc)
        rc = moran_permute(z, W, scale, permutations, seed, out);
    free(z);
    return rc;
}

/* ---- local Moran -------------------------------------------------------- */

static enum jh_lisa_quadrant quadrant(double zi, double lag)
{
    if (zi > 0 && lag > 0)
        return JH_LISA_HH;
    if (zi < 0 && lag > 0)
        return JH_LISA_LH;
    if (zi < 0 && lag < 0)
        return JH_LISA_LL;
    if (zi > 0 && lag < 0)
        return JH_LISA_HL;
    return JH_LISA_NONE;
}

/* Conditional randomisation of unit i: pool holds the other n - 1 centred
 * values; a partial Fisher-Yates shuffle draws k_i of them. */
static double lisa_p(const double *z, const jh_weights *W, size_t i, double scale, size_t P,
                     jh_boot_stream *s, double *pool)
{
    size_t n = W->n, k = W->start[i + 1] - W->start[i], m = 0, larger = 0;
    if (!k || !P)
        return NAN;
    for (size_t j = 0; j < n; j++)
        if (j != i)
            pool[m++] = z[j];
    double Ii = scale * z[i];
    long double lag = 0;
    for (size_t e = W->start[i]; e < W->start[i + 1]; e++)
        lag += W->w[e] * z[W->nb[e]];
    Ii *= (double)lag;
    for (size_t p = 0; p < P; p++) {
        long double sl = 0;
        for (size_t r = 0; r < k; r++) {
            size_t j = r + jh_boot_uniform(s, (uint32_t)(m - r));
            double t = pool[r];
            pool[r] = pool[j];
            pool[j] = t;
            sl += W->w[W->start[i] + r] * pool[r];
        }
        larger += at_least(scale * z[i] * (double)sl, Ii);
    }
    return folded_p(larger, P);
}

static int lisa_fdr(jh_lisa *out, size_t n)
{
    double *p = malloc(2 * n * sizeof *p);
    if (!p)
        return JH_ENOMEM;
    for (size_t i = 0; i < n; i++)
        p[i] = out[i].p_sim;
    int rc = jh_fdr_bh(p, n, p + n);
    for (size_t i = 0; !rc && i < n; i++)
        out[i].q_fdr = p[n + i];
    free(p);
    return rc;
}

int jh_moran_local(const double *x, const jh_weights *W, size_t permutations,
                   unsigned long seed, jh_lisa *out)
{
    int rc = out ? check_values(x, W, 3) : JH_EINVAL;
    if (rc)
        return rc;
    size_t n = W->n;
    double *z = malloc(2 * n * sizeof *z);
    if (!z)
        return JH_ENOMEM;
    double ss = centre(x, n, z), scale = (double)(n - 1) / ss;
    if (!(ss > 0)) {
        free(z);
        return JH_EZERO;
    }
    jh_boot_stream s;
    jh_boot_stream_init(&s, seed, 1, 0, 0);
    for (size_t i = 0; i < n; i++) {
        long double lag = 0;
        for (size_t e = W->start[i]; e < W->start[i + 1]; e++)
            lag += W->w[e] * z[W->nb[e]];
        out[i].lag = (double)lag;
        out[i].Ii = scale * z[i] * out[i].lag;
        out[i].quadrant = quadrant(z[i], out[i].lag);
        out[i].p_sim = lisa_p(z, W, i, scale, permutations, &s, z + n);
    }
    free(z);
    return lisa_fdr(out, n);
}

/* ---- false discovery rate ------------------------------------------------ */

struct pidx {
    double p;
    size_t i;
};

static int cmp_pidx(const void *a, const void *b)
{
    const struct pidx *x = a, *y = b;
    if (x->p != y->p)
        return x->p < y->p ? -1 : 1;
    return (x->i > y->i) - (x->i < y->i);
}

int jh_fdr_bh(const double *p, size_t n, double *q)
{
    if ((!p || !q) && n)
        return JH_EINVAL;
    struct pidx *v = malloc((n ? n : 1) * sizeof *v);
    if (!v)
        return JH_ENOMEM;
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        q[i] = NAN;
        if (!isnan(p[i]))
            v[m++] = (struct pidx){p[i], i};
    }
    qsort(v, m, sizeof *v, cmp_pidx);
    double run = 1.0;
    for (size_t k = m; k-- > 0;) {
        double adj = (double)m * v[k].p / (double)(k + 1);
        run = fmin(run, adj);
        q[v[k].i] = run;
    }
    free(v);
    return JH_OK;
}

/* ---- spatial Gini -------------------------------------------------------- */

/* sum over ordered neighbour pairs of |x_i - x_j| */
static double neighbor_sad(const double *x, const jh_weights *W)
{
    long double s = 0;
    for (size_t i = 0; i < W->n; i++)
        for (size_t e = W->start[i]; e < W->start[i + 1]; e++)
            s += fabs(x[i] - x[W->nb[e]]);
    return (double)s;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* sum over ordered pairs of |x_i - x_j| = 2 sum_k (2k - n + 1) x_(k),
 * k = 0..n-1 over the values sorted ascending. */
static double total_sad(double *sorted, size_t n)
{
    qsort(sorted, n, sizeof *sorted, cmp_double);
    long double s = 0;
    for (size_t k = 0; k < n; k++)
        s += (long double)(2.0 * (double)k - (double)n + 1.0) * sorted[k];
    return (double)(2 * s);
}

static int gini_check(const double *x, const jh_weights *W, long double *sum)
{
    if (!x || !W)
        return JH_EINVAL;
    if (W->n < 2)
        return JH_EEMPTY;
    *sum = 0;
    for (size_t i = 0; i < W->n; i++) {
        if (!isfinite(x[i]))
            return JH_ENONFINITE;
        if (x[i] < 0)
            return JH_ENEGATIVE;
        *sum += x[i];
    }
    return *sum > 0 ? JH_OK : JH_EZEROMEAN;
}

int jh_spatial_gini_compute(const double *x, const jh_weights *W, size_t permutations,
                            unsigned long seed, jh_spatial_gini *out)
{
    long double sum;
    int rc = out ? gini_check(x, W, &sum) : JH_EINVAL;
    if (rc)
        return rc;
    size_t n = W->n, P = permutations;
    double *v = malloc((n + (P ? P : 1)) * sizeof *v), *sim = v + n;
    if (!v)
        return JH_ENOMEM;
    memcpy(v, x, n * sizeof *v);
    double total = total_sad(v, n), den = 2.0 * (double)n * (double)sum; /* 2 n^2 mu */
    double nonnb = total - neighbor_sad(x, W);
    memset(out, 0, sizeof *out);
    out->gini = total / den;
    out->gini_nonneighbor = nonnb / den;
    out->gini_neighbor = out->gini - out->gini_nonneighbor;
    out->share_nonneighbor = total > 0 ? nonnb / total : NAN;
    out->permutations = P;
    jh_boot_stream s;
    jh_boot_stream_init(&s, seed, 2, 0, 0);
    memcpy(v, x, n * sizeof *v);
    size_t larger = 0;
    for (size_t k = 0; k < P; k++) {
        shuffle(&s, v, n);
        sim[k] = (total - neighbor_sad(v, W)) / den;
        larger += at_least(sim[k], out->gini_nonneighbor);
    }
    double mean;
    out->p_sim = folded_p(larger, P);
    sim_moments(sim, P, out->gini_nonneighbor, &mean, &out->z_sim);
    free(v);
    return JH_OK;
}
