/* The table of reported indices and the computation of all of them for one
 * slice from a single sort. */
#include <math.h>
#include <string.h>
#include "core_internal.h"

static const struct {
    const char *name;   /* output name, unweighted */
    const char *name_w; /* weighted twin, or NULL when weights cannot matter */
} index_table[JH_IX_COUNT] = {
    [JH_IX_N] = {"n", NULL},
    [JH_IX_MEAN] = {"mean", "mean_w"},
    [JH_IX_SD] = {"sd", "sd_w"},
    [JH_IX_MIN] = {"min", NULL},
    [JH_IX_MAX] = {"max", NULL},
    [JH_IX_MEDIAN] = {"median", "median_w"},
    [JH_IX_GINI] = {"gini", "gini_w"},
    [JH_IX_CV] = {"cv", "cv_w"},
    [JH_IX_THEIL_T] = {"theil_t", "theil_t_w"},
    [JH_IX_THEIL_L] = {"theil_l", "theil_l_w"},
    [JH_IX_GE2] = {"ge2", "ge2_w"},
    [JH_IX_ATKINSON_05] = {"atkinson_0.5", "atkinson_0.5_w"},
    [JH_IX_ATKINSON_1] = {"atkinson_1", "atkinson_1_w"},
    [JH_IX_ATKINSON_2] = {"atkinson_2", "atkinson_2_w"},
    [JH_IX_MAX_MIN_RATIO] = {"max_min_ratio", NULL},
    [JH_IX_P90_P10] = {"p90_p10", "p90_p10_w"},
    [JH_IX_RANGE] = {"range", NULL},
    [JH_IX_HOOVER] = {"hoover", "hoover_w"},
};

const char *jh_index_name(jh_index_id id, int weighted)
{
    if ((int)id < 0 || id >= JH_IX_COUNT)
        return NULL;
    return weighted ? index_table[id].name_w : index_table[id].name;
}

int jh_index_lookup(const char *name, jh_index_id *id, int *weighted)
{
    if (!name)
        return JH_EINVAL;
    for (int k = 0; k < JH_IX_COUNT; k++)
        for (int wt = 0; wt < 2; wt++) {
            const char *s = jh_index_name((jh_index_id)k, wt);
            if (s && strcmp(s, name) == 0) {
                if (id)
                    *id = (jh_index_id)k;
                if (weighted)
                    *weighted = wt;
                return JH_OK;
            }
        }
    return JH_ENOTFOUND;
}

/* A defined index whose value is not finite (a ratio or range beyond
 * 1.8e308) is recorded as JH_ERANGE, never as a silent inf or NaN. */
static void put(jh_index_set *out, jh_index_id k, int status, double v)
{
    if (!status && !isfinite(v))
        status = JH_ERANGE;
    out->status[k] = status;
    out->value[k] = status ? NAN : v;
}

/* What every index of a slice shares, found once: the total weight, the
 * mean, and whether the disparity indices may run (rc: JH_ENEGATIVE from
 * the smallest value, the first of the sorted values, else JH_OK). */
struct shared {
    long double total, mean;
    int rc;
};

/* Indices that need sorted data, from the one sort of this slice: xs
 * ascending, ws its weights; the three quantiles in one walk. */
static void put_order_based(const double *xs, const double *ws, size_t n,
                            const struct shared *sh, jh_index_set *out)
{
    static const double p[3] = {0.1, 0.5, 0.9};
    double q[3];
    jh_quantiles_sorted(xs, ws, n, p, 3, q);
    put(out, JH_IX_MEDIAN, JH_OK, q[1]);
    if (sh->rc) {
        put(out, JH_IX_GINI, sh->rc, 0);
        put(out, JH_IX_P90_P10, sh->rc, 0);
        return;
    }
    if ((double)sh->mean == 0) /* as the mean reported */
        put(out, JH_IX_GINI, JH_EZEROMEAN, 0);
    else
        put(out, JH_IX_GINI, JH_OK, jh_gini_sorted(xs, ws, n));
    if (q[0] == 0)
        put(out, JH_IX_P90_P10, JH_EZERO, 0);
    else
        put(out, JH_IX_P90_P10, JH_OK, q[2] / q[0]);
}

/* max/min as jh_max_min_ratio gives it, from the sorted ends. */
static void put_ratio(const double *xs, size_t n, const struct shared *sh, jh_index_set *out)
{
    if (sh->rc)
        put(out, JH_IX_MAX_MIN_RATIO, sh->rc, 0);
    else if (xs[0] == 0)
        put(out, JH_IX_MAX_MIN_RATIO, JH_EZERO, 0);
    else
        put(out, JH_IX_MAX_MIN_RATIO, JH_OK, xs[n - 1] / xs[0]);
}

/* Every index of a slice that passed the base checks, from x, w (any
 * order) and the same values sorted (xs, ws): the numbers jh_mean, jh_sd,
 * jh_cv, jh_hoover, jh_ge and jh_atkinson give, with one check and one
 * mean instead of one each. */
static void indices_from_sorted(const double *x, const double *w, const double *xs,
                                const double *ws, size_t n, jh_index_set *out)
{
    struct shared sh = {0, 0, xs[0] < 0 ? JH_ENEGATIVE : JH_OK};
    double ent[6];
    int ent_status[6];
    jh_weighted_mean(x, w, n, &sh.total, &sh.mean);
    long double sd = jh_weighted_sd(x, w, n, sh.total, sh.mean);
    int ratio_rc = sh.rc ? sh.rc : sh.mean == 0 ? JH_EZEROMEAN : JH_OK;
    put(out, JH_IX_MEAN, JH_OK, (double)sh.mean);
    put(out, JH_IX_SD, JH_OK, (double)sd);
    put(out, JH_IX_MIN, JH_OK, xs[0]);
    put(out, JH_IX_MAX, JH_OK, xs[n - 1]);
    put(out, JH_IX_RANGE, JH_OK, xs[n - 1] - xs[0]);
    put_ratio(xs, n, &sh, out);
    put_order_based(xs, ws, n, &sh, out);
    put(out, JH_IX_CV, ratio_rc, ratio_rc ? 0 : (double)(sd / sh.mean));
    jh_entropy_from(x, w, n, sh.total, sh.mean, ratio_rc, ent, ent_status);
    for (int k = 0; k < 6; k++) /* theil_t .. atkinson_2 */
        put(out, (jh_index_id)(JH_IX_THEIL_T + k), ent_status[k], ent[k]);
    put(out, JH_IX_HOOVER, ratio_rc,
        ratio_rc ? 0 : (double)jh_hoover_from(x, w, n, sh.total, sh.mean));
}

/* Fills every status with the base checks; returns them (JH_OK: go on). */
static int put_base(const double *x, const double *w, size_t n, jh_index_set *out)
{
    int base = jh_check_input(x, w, n, 0);
    for (int k = 0; k < JH_IX_COUNT; k++)
        put(out, (jh_index_id)k, base, 0);
    put(out, JH_IX_N, JH_OK, (double)n);
    return base;
}

int jh_indices_all(const double *x, const double *w, size_t n,
                   jh_workspace *ws, jh_index_set *out)
{
    if (!out || (n && !x))
        return JH_EINVAL;
    if (put_base(x, w, n, out))
        return JH_OK;
    if (jh_sort_slice(x, w, n, ws))
        return JH_EINVAL;
    indices_from_sorted(x, w, ws->xs, ws->ws, n, out);
    return JH_OK;
}

int jh_indices_all_both(const double *x, const double *w, size_t n, jh_workspace *ws,
                        jh_index_set *plain, jh_index_set *weighted)
{
    if (!plain || !weighted || (n && (!x || !w)))
        return JH_EINVAL;
    int base = put_base(x, NULL, n, plain), base_w = put_base(x, w, n, weighted);
    if (base && base_w)
        return JH_OK;
    if (jh_sort_slice(x, w, n, ws))
        return JH_EINVAL;
    if (!base_w)
        indices_from_sorted(x, w, ws->xs, ws->ws, n, weighted);
    if (!base) {
        /* The order by (x, position) does not depend on the weights. */
        for (size_t k = 0; k < n; k++)
            ws->ws[k] = 1.0;
        indices_from_sorted(x, NULL, ws->xs, ws->ws, n, plain);
    }
    return JH_OK;
}

void jh_indices_sorted(const double *xs, const double *ws, size_t n, jh_index_set *out)
{
    if (!put_base(xs, ws, n, out))
        indices_from_sorted(xs, ws, xs, ws, n, out);
}
