/* Markov chains of classes (Quah 1993): classing values by breaks,
 * counting transitions, the transition matrix and its ergodic
 * distribution. */
#include <float.h>
#include <math.h>
#include <string.h>
#include "junheng/dynamics.h"

#define NO_CLASS ((size_t)-1)

/* Class c holds breaks[c-1] < x <= breaks[c]: the number of breaks below
 * x, found by bisection in O(log k). */
int jh_markov_classify(const double *x, size_t n, const double *breaks,
                       size_t n_breaks, size_t *cls)
{
    if (!x || !cls || (n_breaks && !breaks))
        return JH_EINVAL;
    for (size_t b = 0; b < n_breaks; b++)
        if (!isfinite(breaks[b]) || (b && !(breaks[b] > breaks[b - 1])))
            return JH_EINVAL;
    for (size_t i = 0; i < n; i++) {
        if (isnan(x[i])) {
            cls[i] = NO_CLASS;
            continue;
        }
        size_t lo = 0, hi = n_breaks; /* answer in [lo, hi] */
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (x[i] > breaks[mid])
                lo = mid + 1;
            else
                hi = mid;
        }
        cls[i] = lo;
    }
    return JH_OK;
}

int jh_markov_count(const size_t *from, const size_t *to, size_t n, size_t k,
                    double *counts)
{
    if (!from || !to || !counts || k == 0)
        return JH_EINVAL;
    for (size_t i = 0; i < n; i++) {
        if (from[i] == NO_CLASS || to[i] == NO_CLASS)
            continue;
        if (from[i] >= k || to[i] >= k)
            return JH_EINVAL;
        counts[from[i] * k + to[i]] += 1.0;
    }
    return JH_OK;
}

/* P_ij = n_ij / sum_j n_ij, the maximum-likelihood estimate of a
 * time-homogeneous chain (Anderson & Goodman 1957). */
int jh_markov_probs(const double *counts, size_t k, double *P, size_t *empty_rows)
{
    size_t empty = 0;
    if (!counts || !P || k == 0)
        return JH_EINVAL;
    for (size_t i = 0; i < k; i++) {
        long double row = 0;
        for (size_t j = 0; j < k; j++) {
            if (!(counts[i * k + j] >= 0) || !isfinite(counts[i * k + j]))
                return JH_EINVAL;
            row += counts[i * k + j];
        }
        empty += row == 0;
        for (size_t j = 0; j < k; j++)
            P[i * k + j] = row > 0 ? (double)(counts[i * k + j] / row) : 0.0;
    }
    if (empty_rows)
        *empty_rows = empty;
    return JH_OK;
}

/* pi_{t+1} = pi_t (I + P)/2.  The lazy chain has the same fixed points as
 * P (pi = pi P  <=>  pi = pi (I + P)/2) and a positive diagonal, so the
 * iteration converges even when P is periodic. */
int jh_markov_ergodic(const double *P, size_t k, double *scratch, double *pi)
{
    if (!P || !scratch || !pi || k == 0)
        return JH_EINVAL;
    for (size_t i = 0; i < k; i++) {
        long double row = 0;
        for (size_t j = 0; j < k; j++) {
            if (!(P[i * k + j] >= 0) || !(P[i * k + j] <= 1))
                return JH_EINVAL;
            row += P[i * k + j];
        }
        if (fabsl(row - 1.0L) > 1e-9L)
            return JH_EINVAL;
    }
    for (size_t j = 0; j < k; j++)
        pi[j] = 1.0 / (double)k;
    /* Run to an exact floating-point fixed point when one is reached (the
     * mass of transient classes then decays all the way to 0 instead of
     * stopping near 1e-15), else accept a change below 1e-15 after the
     * last step. */
    double change = 1;
    for (long it = 0; it < 200000 && change > 0; it++) {
        long double sum = 0;
        change = 0;
        for (size_t j = 0; j < k; j++) {
            long double v = 0.5L * pi[j];
            for (size_t i = 0; i < k; i++)
                v += 0.5L * pi[i] * P[i * k + j];
            scratch[j] = (double)v;
            sum += v;
        }
        for (size_t j = 0; j < k; j++) {
            double v = (double)(scratch[j] / sum);
            change = fmax(change, fabs(v - pi[j]));
            pi[j] = v;
        }
    }
    if (!(change < 1e-15))
        return JH_EINVAL;
    /* A transient class decays geometrically until it reaches the
     * subnormal range, where rounding can hold it at a fixed point such as
     * 1.5e-323: that is 0. */
    for (size_t j = 0; j < k; j++)
        if (pi[j] < DBL_MIN)
            pi[j] = 0;
    return JH_OK;
}
