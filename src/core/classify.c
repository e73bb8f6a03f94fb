/* Class breaks for choropleth legends.  See include/junheng/classify.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "junheng/classify.h"

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* numpy.percentile's default: position p (n - 1) between order statistics. */
static double quantile(const double *v, size_t n, double p)
{
    double pos = p * (double)(n - 1);
    size_t lo = (size_t)floor(pos);
    if (lo + 1 >= n)
        return v[n - 1];
    return v[lo] + (pos - (double)lo) * (v[lo + 1] - v[lo]);
}

/* Fisher-Jenks by dynamic programming over prefix sums: cost[j][i] is the
 * least within-class sum of squares of the first i values in j classes. */
static int jenks(const double *v, size_t n, size_t k, double *upper)
{
    long double *s1 = calloc(n + 1, sizeof *s1), *s2 = calloc(n + 1, sizeof *s2);
    double *cost = malloc((k + 1) * (n + 1) * sizeof *cost);
    size_t *cut = malloc((k + 1) * (n + 1) * sizeof *cut);
    if (!s1 || !s2 || !cost || !cut) {
        free(s1); free(s2); free(cost); free(cut);
        return JH_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        s1[i + 1] = s1[i] + v[i];
        s2[i + 1] = s2[i] + (long double)v[i] * v[i];
    }
#define SSD(a, b) ((double)((s2[b] - s2[a]) - (s1[b] - s1[a]) * (s1[b] - s1[a]) / (long double)((b) - (a))))
    for (size_t i = 1; i <= n; i++)
        cost[1 * (n + 1) + i] = SSD(0, i), cut[1 * (n + 1) + i] = 0;
    for (size_t j = 2; j <= k; j++)
        for (size_t i = j; i <= n; i++) {
            double best = INFINITY;
            size_t arg = j - 1;
            for (size_t m = j - 1; m < i; m++) {
                double c = cost[(j - 1) * (n + 1) + m] + SSD(m, i);
                if (c < best)
                    best = c, arg = m;
            }
            cost[j * (n + 1) + i] = best;
            cut[j * (n + 1) + i] = arg;
        }
#undef SSD
    for (size_t j = k, i = n; j >= 1; j--) {
        upper[j - 1] = v[i - 1];
        i = cut[j * (n + 1) + i];
    }
    free(s1); free(s2); free(cost); free(cut);
    return JH_OK;
}

int jh_classify(const double *x, size_t n, size_t k, jh_classify_method m, double *upper)
{
    if (!x || !upper || k < 1)
        return JH_EINVAL;
    double *v = malloc((n ? n : 1) * sizeof *v);
    size_t c = 0;
    if (!v)
        return JH_ENOMEM;
    for (size_t i = 0; i < n; i++)
        if (isfinite(x[i]))
            v[c++] = x[i];
    if (!c) {
        free(v);
        return JH_EEMPTY;
    }
    qsort(v, c, sizeof *v, cmp_double);
    int rc = JH_OK;
    if (m == JH_CLASSIFY_JENKS && c > k)
        rc = jenks(v, c, k, upper);
    else
        for (size_t i = 0; i < k; i++) {
            double p = (double)(i + 1) / (double)k;
            upper[i] = m == JH_CLASSIFY_EQUAL ? v[0] + p * (v[c - 1] - v[0])
                       : m == JH_CLASSIFY_QUANTILES ? quantile(v, c, p)
                       : v[i < c ? i : c - 1];
        }
    upper[k - 1] = v[c - 1]; /* exactly the maximum, whatever the rounding */
    free(v);
    return rc;
}

size_t jh_class_of(double x, const double *upper, size_t k)
{
    if (isnan(x))
        return k;
    for (size_t i = 0; i < k; i++)
        if (x <= upper[i])
            return i;
    return k - 1;
}
