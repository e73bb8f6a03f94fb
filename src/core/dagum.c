/* Dagum's decomposition of the Gini coefficient by subgroups.
 *
 * Dagum, C. (1997) "A new approach to the decomposition of the Gini income
 * inequality ratio", Empirical Economics 22: 515-531.
 *
 * Definitions (w_i = 1 for the unweighted form, where W_j = n_j):
 *   G    = sum_i sum_r w_i w_r |x_i - x_r| / (2 W^2 mu)          (overall)
 *   G_jj = sum_{i,r in j} w_i w_r |x_ji - x_jr| / (2 W_j^2 mu_j)  (own Gini)
 *   G_jh = sum_{i in j, r in h} w_i w_r |x_ji - x_hr| / (W_j W_h (mu_j + mu_h))
 *   p_j = W_j / W,  s_j = W_j mu_j / (W mu)
 *   G_w  = sum_j G_jj p_j s_j
 * For a pair oriented so that mu_j >= mu_h:
 *   d_jh = sum w_i w_r (x_ji - x_hr)+ / (W_j W_h)   (gross economic affluence)
 *   p_jh = sum w_i w_r (x_hr - x_ji)+ / (W_j W_h)   (first moment of transvariation)
 *   D_jh = (d_jh - p_jh) / (d_jh + p_jh)             (relative economic affluence)
 *   G_nb = sum_{j>h} G_jh (p_j s_h + p_h s_j) D_jh
 *   G_t  = sum_{j>h} G_jh (p_j s_h + p_h s_j) (1 - D_jh)
 * With unit weights these are Dagum's formulas exactly (his F_j, F_h are
 * the empirical distributions of the two groups).  The weighted form
 * replaces each counting measure by the weight measure, so that integer
 * weights give the same numbers as rows replicated that many times.  It
 * is the weighting of the sampling-weighted Dagum decomposition of Mornet,
 * Zoli, Mussard et al. (2013, Economic Modelling 35: 944-963) at their
 * alpha = 1 (as in Mussard's public weighted_Gini_decomposition code:
 * weights normalised within each group, sum |x_j - x_h| / (mu_j + mu_h)).
 *
 * Why the parts add up: G_jh (p_j s_h + p_h s_j) = S_jh / (W^2 mu) with
 * S_jh the weighted sum of |x_ji - x_hr| over the pair, and G_jj p_j s_j =
 * S_jj / (2 W^2 mu); the double sum of G counts every between-pair twice.
 * Two consequences serve as checks in the tests: d_jh - p_jh = mu_j - mu_h,
 * so G_nb is the Gini of the group means weighted by W_j, and G_t = 0 when
 * the groups do not overlap.
 *
 * Cost: one O(n log n) sort of the slice; a stable distribution into
 * groups keeps each group sorted; every pair is then summed by merging
 * two sorted groups with running sums, O(n_j + n_h); the Gini of each
 * group and of the whole come from jh_gini_sorted().  Never O(n^2). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include "core_internal.h"
#include "junheng/decompose.h"

jh_dagum_result *jh_dagum_result_alloc(size_t G)
{
    jh_dagum_result *r;
    size_t pairs;
    if (G == 0 || G > SIZE_MAX / G / sizeof(jh_dagum_pair))
        return NULL;
    pairs = G * (G - 1) / 2;
    r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->group = calloc(G, sizeof *r->group);
    r->pair = calloc(pairs ? pairs : 1, sizeof *r->pair);
    r->acc_ = calloc(2 * G, sizeof *r->acc_);
    r->cursor_ = calloc(G, sizeof *r->cursor_);
    if (!r->group || !r->pair || !r->acc_ || !r->cursor_) {
        jh_dagum_result_free(r);
        return NULL;
    }
    r->capacity = G;
    return r;
}

void jh_dagum_result_free(jh_dagum_result *r)
{
    if (!r)
        return;
    free(r->group);
    free(r->pair);
    free(r->acc_);
    free(r->cursor_);
    free(r);
}

/* Position of the pair (a, b), a < b, in the list (0,1), (0,2), ...,
 * (0,G-1), (1,2), ...: a rows before it hold sum_{k<a} (G-1-k) pairs. */
static size_t pair_index(size_t G, size_t a, size_t b)
{
    return a * G - a * (a + 1) / 2 + (b - a - 1);
}

const jh_dagum_pair *jh_dagum_pair_get(const jh_dagum_result *r, size_t a,
                                       size_t b)
{
    if (!r || a == b || a >= r->n_groups || b >= r->n_groups)
        return NULL;
    if (a > b) {
        size_t t = a;
        a = b;
        b = t;
    }
    return &r->pair[pair_index(r->n_groups, a, b)];
}

/* sum_i sum_r u_i v_r (a_i - b_r)+ for a, b sorted ascending.  Walking a
 * upwards, the b_r below a_i form a growing prefix with weight V and
 * weighted sum B, and the inner sum is a_i V - B; each b_r enters the
 * prefix once, so the cost is O(na + nb). */
static long double sum_above(const double *a, const double *u, size_t na,
                             const double *b, const double *v, size_t nb)
{
    long double sum = 0, vw = 0, vb = 0;
    size_t r = 0;
    for (size_t i = 0; i < na; i++) {
        while (r < nb && b[r] < a[i]) {
            vw += v[r];
            vb += (long double)v[r] * b[r];
            r++;
        }
        sum += u[i] * (a[i] * vw - vb);
    }
    return sum;
}

static int check_groups(const size_t *g, size_t n, size_t G,
                        const jh_workspace *ws, const jh_dagum_result *out)
{
    if (!g || !ws || !out || G == 0 || G > out->capacity || ws->capacity < n)
        return JH_EINVAL;
    for (size_t i = 0; i < n; i++)
        if (g[i] >= G)
            return JH_EINVAL;
    return JH_OK;
}

/* Sorts x once and distributes it stably by group: afterwards group j
 * occupies ws->xs/ws->ws [start_j, start_j + n_j), ascending, with
 * start_j = cursor[j] - n_j.  Returns the overall Gini from the sort. */
static double sort_by_group(const double *x, const double *w, const size_t *g,
                            size_t n, size_t G, jh_workspace *ws,
                            jh_dagum_result *out)
{
    size_t *cursor = out->cursor_, start = 0;
    double gini;
    jh_sort_slice(x, w, n, ws); /* cannot fail: ws was checked */
    gini = jh_gini_sorted(ws->xs, ws->ws, n);
    for (size_t j = 0; j < G; j++)
        out->group[j].n = 0;
    for (size_t i = 0; i < n; i++)
        out->group[g[i]].n++;
    for (size_t j = 0; j < G; j++) {
        cursor[j] = start;
        start += out->group[j].n;
    }
    for (size_t k = 0; k < n; k++) {
        size_t i = ws->pairs[k].i, pos = cursor[g[i]]++;
        ws->xs[pos] = ws->pairs[k].x;
        ws->ws[pos] = w ? w[i] : 1.0;
    }
    return gini;
}

/* Mean of the group at [start, start + n) of the sorted workspace, total
 * weight w and value total y, clamped into its range (jh_clamp_mean). */
static long double group_mean(const jh_workspace *ws, size_t start, size_t n,
                              long double y, long double w)
{
    return jh_clamp_mean(y / w, ws->xs[start], ws->xs[start + n - 1]);
}

/* Fills the pair (a, b), a < b, and adds its parts to *nb and *tv. */
static void fill_pair(jh_dagum_result *out, const jh_workspace *ws,
                      size_t a, size_t b, long double wt, long double yt,
                      long double *nb, long double *tv)
{
    jh_dagum_pair *pr = &out->pair[pair_index(out->n_groups, a, b)];
    const jh_dagum_group *ga = &out->group[a], *gb = &out->group[b];
    const long double *wg = out->acc_, *yg = wg + out->capacity;
    size_t sa = out->cursor_[a] - ga->n, sb = out->cursor_[b] - gb->n;

    long double weight = wg[a] / wt * (yg[b] / yt) + wg[b] / wt * (yg[a] / yt);
    pr->j = a;
    pr->h = b;
    pr->equal_means = 0;
    pr->weight = (double)weight;
    pr->net_between = pr->transvariation = 0;
    pr->gini = pr->d = pr->p = pr->D = NAN;
    if (ga->n == 0 || gb->n == 0) {
        pr->status = JH_EEMPTY;
        return;
    }
    long double ab = sum_above(ws->xs + sa, ws->ws + sa, ga->n,
                               ws->xs + sb, ws->ws + sb, gb->n);
    long double ba = sum_above(ws->xs + sb, ws->ws + sb, gb->n,
                               ws->xs + sa, ws->ws + sa, ga->n);
    long double wa = wg[a], wb = wg[b];
    long double ma = group_mean(ws, sa, ga->n, yg[a], wa), mb = group_mean(ws, sb, gb->n, yg[b], wb);
    long double above = ab, below = ba; /* oriented: j above h */
    /* Means that are the same double are equal: which of two sums is a
     * few 1e-20 larger is rounding, not affluence.  d - p = mu_j - mu_h,
     * so D is 0. */
    pr->equal_means = (double)ma == (double)mb;
    if (!pr->equal_means && mb > ma) {
        pr->j = b;
        pr->h = a;
        above = ba;
        below = ab;
    }
    if (ma + mb == 0) {
        pr->status = JH_EZEROMEAN; /* both groups all zero: G_jh is 0/0 */
        return;
    }
    long double dist = above + below;
    long double gjh = dist / (wa * wb * (ma + mb));
    long double D = dist > 0 && !pr->equal_means ? (above - below) / dist : 0;
    pr->status = JH_OK;
    pr->gini = (double)gjh;
    pr->d = (double)(above / (wa * wb));
    pr->p = (double)(below / (wa * wb));
    pr->D = (double)D;
    pr->net_between = (double)(gjh * weight * D);
    pr->transvariation = (double)(gjh * weight * (1 - D));
    *nb += gjh * weight * D;
    *tv += gjh * weight * (1 - D);
}

/* part / total, or NaN when total is 0 (nothing to share). */
static double share(long double part, double total)
{
    return total != 0 ? (double)(part / total) : (double)NAN;
}

int jh_dagum(const double *x, const double *w, const size_t *g, size_t n,
             size_t G, jh_workspace *ws, jh_dagum_result *out)
{
    long double wt = 0, yt = 0, within = 0, nb = 0, tv = 0, mu;
    double gini;
    int rc = jh_check_input(x, w, n, 1);
    if (rc)
        return rc;
    rc = check_groups(g, n, G, ws, out);
    if (rc)
        return rc;
    jh_weighted_mean(x, w, n, &wt, &mu);
    if (mu == 0)
        return JH_EZEROMEAN;

    gini = sort_by_group(x, w, g, n, G, ws, out);
    long double *wg = out->acc_, *yg = wg + out->capacity;
    wt = yt = 0;
    for (size_t j = 0; j < G; j++) {
        size_t start = out->cursor_[j] - out->group[j].n;
        wg[j] = yg[j] = 0;
        for (size_t k = start; k < out->cursor_[j]; k++) {
            wg[j] += ws->ws[k];
            yg[j] += (long double)ws->ws[k] * ws->xs[k];
        }
        wt += wg[j];
        yt += yg[j];
    }

    for (size_t j = 0; j < G; j++) {
        jh_dagum_group *gr = &out->group[j];
        size_t start = out->cursor_[j] - gr->n;
        gr->weight = (double)wg[j];
        gr->pop_share = (double)(wg[j] / wt);
        gr->value_share = (double)(yg[j] / yt);
        gr->contribution = 0;
        gr->status = JH_OK;
        if (gr->n == 0) {
            gr->status = JH_EEMPTY;
            gr->mean = gr->gini = NAN;
            continue;
        }
        gr->mean = (double)group_mean(ws, start, gr->n, yg[j], wg[j]);
        if (yg[j] == 0) {
            gr->status = JH_EZEROMEAN; /* own Gini 0/0; s_j = 0 */
            gr->gini = NAN;
            continue;
        }
        long double own = jh_gini_sorted(ws->xs + start, ws->ws + start, gr->n);
        long double contrib = own * (wg[j] / wt) * (yg[j] / yt);
        gr->gini = (double)own;
        gr->contribution = (double)contrib;
        within += contrib;
    }

    out->n_groups = G;
    out->n_pairs = G * (G - 1) / 2;
    for (size_t a = 0; a < G; a++)
        for (size_t b = a + 1; b < G; b++)
            fill_pair(out, ws, a, b, wt, yt, &nb, &tv);

    out->gini = gini;
    out->within = (double)within;
    out->net_between = (double)nb;
    out->transvariation = (double)tv;
    out->between = (double)(nb + tv);
    out->within_share = share(within, gini);
    out->net_between_share = share(nb, gini);
    out->transvariation_share = share(tv, gini);
    return JH_OK;
}
