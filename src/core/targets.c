/* Plan targets: meeting, shortfall, progress from the baseline, linear
 * on-track test, shortfall of the worst-off tail.  See targets.h. */
#include <math.h>
#include <stdlib.h>
#include "junheng/targets.h"

static int check_target(const jh_target *t)
{
    if (!t || (t->kind != JH_TARGET_AT_LEAST && t->kind != JH_TARGET_AT_MOST &&
               t->kind != JH_TARGET_CUMULATIVE) ||
        !isfinite(t->target) || t->target_year <= t->baseline_year)
        return JH_EINVAL;
    return JH_OK;
}

int jh_target_meets(const jh_target *t, double v, int *meets)
{
    int rc = check_target(t);
    if (rc)
        return rc;
    if (!meets)
        return JH_EINVAL;
    if (!isfinite(v))
        return JH_ENONFINITE;
    if (t->kind == JH_TARGET_AT_MOST)
        *meets = t->strict ? v < t->target : v <= t->target;
    else
        *meets = t->strict ? v > t->target : v >= t->target;
    return JH_OK;
}

int jh_target_shortfall(const jh_target *t, double v, double *gap)
{
    int rc = check_target(t);
    if (rc)
        return rc;
    if (!gap)
        return JH_EINVAL;
    if (!isfinite(v))
        return JH_ENONFINITE;
    double d = t->kind == JH_TARGET_AT_MOST ? v - t->target : t->target - v;
    *gap = d > 0 ? d : 0.0;
    return JH_OK;
}

int jh_target_progress(const jh_target *t, double v, double *progress)
{
    int rc = check_target(t);
    if (rc)
        return rc;
    if (!progress)
        return JH_EINVAL;
    if (!isfinite(v))
        return JH_ENONFINITE;
    /* P = (v - b) / (target - b); b = 0 for a cumulative total */
    double b = t->kind == JH_TARGET_CUMULATIVE ? 0.0 : t->baseline;
    if (!isfinite(b))
        return JH_EINVAL;
    if (t->target == b)
        return JH_EZERO;
    *progress = (v - b) / (t->target - b);
    return JH_OK;
}

int jh_target_expected(const jh_target *t, int year, double *expected)
{
    int rc = check_target(t);
    if (rc)
        return rc;
    if (!expected)
        return JH_EINVAL;
    /* E = (year - y_b) / (y_t - y_b), clamped to [0, 1] */
    double e = (double)(year - t->baseline_year) /
               (double)(t->target_year - t->baseline_year);
    *expected = e < 0 ? 0.0 : e > 1 ? 1.0 : e;
    return JH_OK;
}

int jh_target_on_track(const jh_target *t, int year, double v, int *on_track)
{
    int meets, rc = jh_target_meets(t, v, &meets);
    double p, e;
    if (rc)
        return rc;
    if (!on_track)
        return JH_EINVAL;
    if (meets) {
        *on_track = 1;
        return JH_OK;
    }
    if (jh_target_progress(t, v, &p) != JH_OK) {
        *on_track = 0; /* progress undefined: only meeting counts */
        return JH_OK;
    }
    jh_target_expected(t, year, &e);
    *on_track = p >= e;
    return JH_OK;
}

static int cmp_desc(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x < y) - (x > y);
}

int jh_target_tail_shortfall(const jh_target *t, const double *x, size_t n,
                             double share, double *scratch, double *mean_gap)
{
    int rc = check_target(t);
    if (rc)
        return rc;
    if (!x || !scratch || !mean_gap || !(share > 0 && share <= 1))
        return JH_EINVAL;
    if (n == 0)
        return JH_EEMPTY;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(x[i]))
            return JH_ENONFINITE;
        jh_target_shortfall(t, x[i], &scratch[i]);
    }
    /* the k = ceil(share n) largest shortfalls, averaged */
    size_t k = (size_t)ceil(share * (double)n - 1e-9);
    if (k < 1)
        k = 1;
    if (k > n)
        k = n;
    qsort(scratch, n, sizeof *scratch, cmp_desc);
    long double s = 0;
    for (size_t i = 0; i < k; i++)
        s += scratch[i];
    *mean_gap = (double)(s / (long double)k);
    return JH_OK;
}
