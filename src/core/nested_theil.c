/* Two-stage nested decomposition of the Theil T index.
 *
 * Akita, T. (2003) "Decomposing regional income inequality in China and
 * Indonesia using two-stage nested Theil decomposition method", Annals of
 * Regional Science 37: 55-77.
 *
 * Cells i (a county's urban or rural part, or the county itself) lie in
 * counties c, which lie in prefectures r.  With weights w_i (population;
 * 1 when unweighted), W = sum w_i, Y = sum w_i x_i, mu = Y/W, and for each
 * unit its W_., Y_. and mu_. = Y_./W_., the value shares s_r = Y_r/Y,
 * s_rc = Y_rc/Y and the population-weighted Theil T
 *   T = sum_i (w_i/W)(x_i/mu) ln(x_i/mu)    (0 ln 0 = 0; = jh_theil_t)
 * Akita's identity is
 *   T = T_BR + sum_r s_r T_WR,r + sum_r sum_c s_rc T_W,rc
 * with
 *   T_BR    = sum_r (W_r/W)(mu_r/mu) ln(mu_r/mu)            (stage 1)
 *   T_WR,r  = sum_{c in r} (W_rc/W_r)(mu_rc/mu_r) ln(mu_rc/mu_r)
 *           = sum_{c in r} Y_rc ln(mu_rc/mu_r) / Y_r        (stage 2 term)
 *   T_W,rc  = sum_{i in rc} (w_i/W_rc)(x_i/mu_rc) ln(x_i/mu_rc)
 *           = sum_{i in rc} w_i x_i ln(x_i/mu_rc) / Y_rc    (stage 3 term)
 * (Akita writes it with income and population shares, Y_i/Y and N_i/N;
 * it is the same sum.)  Every stage is computed from its definition; the
 * total comes from jh_theil_t(), so a test of the sum checks both files. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include "core_internal.h"
#include "junheng/decompose.h"

jh_nested_theil_result *jh_nested_theil_result_alloc(size_t R, size_t C)
{
    jh_nested_theil_result *r;
    if (R == 0 || C == 0 || R > SIZE_MAX / 16 / sizeof(long double) ||
        C > SIZE_MAX / 16 / sizeof(long double))
        return NULL;
    r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->prefecture = calloc(R, sizeof *r->prefecture);
    r->county = calloc(C, sizeof *r->county);
    r->acc_ = calloc(5 * R + 5 * C, sizeof *r->acc_);
    r->parent_ = calloc(C, sizeof *r->parent_);
    if (!r->prefecture || !r->county || !r->acc_ || !r->parent_) {
        jh_nested_theil_result_free(r);
        return NULL;
    }
    r->prefecture_capacity = R;
    r->county_capacity = C;
    return r;
}

void jh_nested_theil_result_free(jh_nested_theil_result *r)
{
    if (!r)
        return;
    free(r->prefecture);
    free(r->county);
    free(r->acc_);
    free(r->parent_);
    free(r);
}

/* Pointers, sizes, ids in range, and every county in one prefecture.
 * Writes only the private parent_ array. */
static int check_nesting(const size_t *pref, const size_t *county, size_t n,
                         size_t R, size_t C, jh_nested_theil_result *out)
{
    if (!pref || !county || !out || R == 0 || C == 0 ||
        R > out->prefecture_capacity || C > out->county_capacity)
        return JH_EINVAL;
    for (size_t c = 0; c < C; c++)
        out->parent_[c] = SIZE_MAX;
    for (size_t i = 0; i < n; i++) {
        size_t r = pref[i], c = county[i];
        if (r >= R || c >= C)
            return JH_EINVAL;
        if (out->parent_[c] == SIZE_MAX)
            out->parent_[c] = r;
        else if (out->parent_[c] != r)
            return JH_EINVAL;
    }
    return JH_OK;
}

/* A unit with total weight w and mean mu, inside a unit of mean m: its
 * term y ln(y/(w m)) of the Theil T between units, times the value total
 * above (0 ln 0 = 0), less its part w (mu - m) of a sum that is 0, as
 * entropy.c does: w m (r ln r - (r - 1)), r = mu/m.  Nothing cancels for
 * near-equal units, and a unit whose mean is the mean above (one county in
 * its prefecture, equal cells in a county) adds exactly 0. */
static long double theil_term(long double w, long double mu, long double m)
{
    if (!(m > 0))
        return 0; /* a unit of zeros above: its own index is not reported */
    long double r = mu / m;
    return w * m * ((r > 0 ? r * logl(r) : 0) - (r - 1));
}

/* mean y/w of a unit, clamped into [lo, hi], the range of what it
 * averages (jh_clamp_mean): equal members give exactly their value. */
static long double unit_mean(long double y, long double w, long double lo, long double hi)
{
    return jh_clamp_mean(y / w, (double)lo, (double)hi);
}

/* part / total, or NaN when total is 0 (nothing to share). */
static double share(long double part, double total)
{
    return total != 0 ? (double)(part / total) : (double)NAN;
}

int jh_nested_theil(const double *x, const double *w, const size_t *pref,
                    const size_t *county, size_t n, size_t R, size_t C,
                    jh_nested_theil_result *out)
{
    double total;
    int rc = jh_check_input(x, w, n, 1);
    if (rc)
        return rc;
    rc = check_nesting(pref, county, n, R, C, out);
    if (rc)
        return rc;
    rc = jh_theil_t(x, w, n, &total); /* JH_EZEROMEAN for an all-zero slice */
    if (rc)
        return rc;

    long double *wc = out->acc_, *yc = wc + C, *sc = yc + C, *loc = sc + C, *hic = loc + C;
    long double *wr = hic + C, *yr = wr + R, *sr = yr + R, *lor = sr + R, *hir = lor + R;
    long double wt = 0, yt = 0, stage1 = 0, stage2 = 0, stage3 = 0;
    long double lot = INFINITY, hit = -INFINITY; /* range of the prefecture means */
    for (size_t c = 0; c < C; c++) {
        wc[c] = yc[c] = sc[c] = 0;
        loc[c] = INFINITY;
        hic[c] = -INFINITY;
        out->county[c].n = 0;
    }
    for (size_t r = 0; r < R; r++) {
        wr[r] = yr[r] = sr[r] = 0;
        lor[r] = INFINITY;
        hir[r] = -INFINITY;
        out->prefecture[r].n = out->prefecture[r].n_counties = 0;
    }
    for (size_t i = 0; i < n; i++) {
        long double wi = w ? w[i] : 1.0L;
        wc[county[i]] += wi;
        yc[county[i]] += wi * x[i];
        loc[county[i]] = fminl(loc[county[i]], x[i]);
        hic[county[i]] = fmaxl(hic[county[i]], x[i]);
        wr[pref[i]] += wi;
        yr[pref[i]] += wi * x[i];
        out->county[county[i]].n++;
        out->prefecture[pref[i]].n++;
        wt += wi;
        yt += wi * x[i];
    }
    /* Each county's mean, in place of its value total's spread: the range
     * of its prefecture's county means. */
    for (size_t c = 0; c < C; c++)
        if (out->county[c].n) {
            size_t r = out->parent_[c];
            long double m = unit_mean(yc[c], wc[c], loc[c], hic[c]);
            lor[r] = fminl(lor[r], m);
            hir[r] = fmaxl(hir[r], m);
        }
    for (size_t r = 0; r < R; r++)
        if (out->prefecture[r].n) {
            long double m = unit_mean(yr[r], wr[r], lor[r], hir[r]);
            lot = fminl(lot, m);
            hit = fmaxl(hit, m);
        }

    /* Stage 3 sums: sum_{i in c} w_i x_i ln(x_i / mu_c). */
    for (size_t i = 0; i < n; i++) {
        size_t c = county[i];
        sc[c] += theil_term(w ? w[i] : 1.0L, x[i], unit_mean(yc[c], wc[c], loc[c], hic[c]));
    }
    /* Stage 2 sums: sum_{c in r} Y_c ln(mu_c / mu_r). */
    for (size_t c = 0; c < C; c++) {
        size_t r = out->parent_[c];
        jh_nested_county *cy = &out->county[c];
        cy->prefecture = r;
        cy->weight = (double)wc[c];
        cy->pop_share = (double)(wc[c] / wt);
        cy->value_share = (double)(yc[c] / yt);
        cy->contribution = 0;
        cy->status = JH_OK;
        if (cy->n == 0) {
            cy->status = JH_EEMPTY;
            cy->mean = cy->within = NAN;
            continue;
        }
        out->prefecture[r].n_counties++;
        long double mc = unit_mean(yc[c], wc[c], loc[c], hic[c]);
        sr[r] += theil_term(wc[c], mc, unit_mean(yr[r], wr[r], lor[r], hir[r]));
        cy->mean = (double)mc;
        if (yc[c] == 0) {
            cy->status = JH_EZEROMEAN;
            cy->within = NAN;
            continue;
        }
        long double own = sc[c] / yc[c], contrib = (yc[c] / yt) * own;
        cy->within = (double)own;
        cy->contribution = (double)contrib;
        stage3 += contrib;
    }
    for (size_t r = 0; r < R; r++) {
        jh_nested_prefecture *pf = &out->prefecture[r];
        pf->weight = (double)wr[r];
        pf->pop_share = (double)(wr[r] / wt);
        pf->value_share = (double)(yr[r] / yt);
        pf->contribution = 0;
        pf->status = JH_OK;
        if (pf->n == 0) {
            pf->status = JH_EEMPTY;
            pf->mean = pf->between_counties = NAN;
            continue;
        }
        long double mr = unit_mean(yr[r], wr[r], lor[r], hir[r]);
        stage1 += theil_term(wr[r], mr, unit_mean(yt, wt, lot, hit));
        pf->mean = (double)mr;
        if (yr[r] == 0) {
            pf->status = JH_EZEROMEAN;
            pf->between_counties = NAN;
            continue;
        }
        long double own = sr[r] / yr[r], contrib = (yr[r] / yt) * own;
        pf->between_counties = (double)own;
        pf->contribution = (double)contrib;
        stage2 += contrib;
    }
    stage1 /= yt;

    out->n_prefectures = R;
    out->n_counties = C;
    out->total = total;
    out->between_prefectures = (double)stage1;
    out->between_counties = (double)stage2;
    out->within_counties = (double)stage3;
    out->between_prefectures_share = share(stage1, total);
    out->between_counties_share = share(stage2, total);
    out->within_counties_share = share(stage3, total);
    return JH_OK;
}
