/* Generalised-entropy decomposition by population subgroups.
 *
 * Shorrocks, A.F. (1980) "The class of additively decomposable inequality
 * measures", Econometrica 48(3): 613-625; Shorrocks, A.F. (1984)
 * "Inequality decomposition by population subgroups", Econometrica 52(6):
 * 1369-1385.
 *
 * Notation: w_i weight (1 when unweighted), W = sum w_i, mu = sum w_i x_i / W;
 * group g has W_g, mu_g, population share pi_g = W_g/W and value share
 * s_g = W_g mu_g/(W mu).  With phi_a(r) = (r^a - 1)/(a(a-1)), phi_1(r) =
 * r ln r (0 ln 0 = 0), phi_0(r) = -ln r (population, not sample, forms):
 *   GE(a)   = sum_i (w_i/W) phi_a(x_i/mu)                      (total)
 *   GE_g(a) = sum_{i in g} (w_i/W_g) phi_a(x_i/mu_g)           (own index)
 *   within  = sum_g pi_g^(1-a) s_g^a GE_g(a)
 *   between = sum_g pi_g phi_a(mu_g/mu)   (GE of the group means, weights pi_g)
 * and GE(a) = within + between exactly (Shorrocks 1980, eq. for the
 * generalised entropy class).  For a = 1 the within weights are s_g (Theil
 * T), for a = 0 they are pi_g (MLD), for a = 2 they are s_g^2/pi_g.
 *
 * Both parts are computed here from their own definitions, never one as
 * total minus the other: a residual would hide an error in either (PySAL
 * inequality issue #15 reported a negative "within" from zeros).  The
 * total comes from jh_ge(), so a test of within + between == total checks
 * this file against entropy.c. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include "core_internal.h"
#include "junheng/decompose.h"

jh_ge_result *jh_ge_result_alloc(size_t G)
{
    jh_ge_result *r;
    if (G == 0 || G > SIZE_MAX / (6 * sizeof(long double)))
        return NULL;
    r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->group = calloc(G, sizeof *r->group);
    r->acc_ = calloc(6 * G, sizeof *r->acc_);
    if (!r->group || !r->acc_) {
        jh_ge_result_free(r);
        return NULL;
    }
    r->capacity = G;
    return r;
}

void jh_ge_result_free(jh_ge_result *r)
{
    if (!r)
        return;
    free(r->group);
    free(r->acc_);
    free(r);
}

/* phi_a(r) without the affine part for general a: the caller sums
 * p_i * ge_term(r_i) over weights p_i adding to 1 with sum p_i r_i = 1,
 * and applies ge_finish().  For a = 0, 1, 2 the zero sum of p_i (r_i - 1)
 * is subtracted term by term, as entropy.c does, so that near-equal values
 * leave second-order terms with nothing to cancel: r ln r - (r - 1),
 * (r - 1) - ln r and (r - 1)^2 / 2 (a group of equal values gives 0, not
 * +-1e-19). */
static long double ge_term(long double r, double alpha)
{
    if (alpha == 1)
        return (r > 0 ? r * logl(r) : 0) - (r - 1);
    if (alpha == 0)
        return (r - 1) - logl(r);
    if (alpha == 2)
        return (r - 1) * (r - 1) / 2;
    return powl(r, alpha);
}

static long double ge_finish(long double sum, double alpha)
{
    if (alpha == 0 || alpha == 1 || alpha == 2)
        return sum;
    return (sum - 1) / ((long double)alpha * (alpha - 1));
}

/* pi^(1-a) s^a, the weight of GE_g in the within part. */
static long double within_weight(long double pi, long double s, double alpha)
{
    if (alpha == 1)
        return s;
    if (alpha == 0)
        return pi;
    if (alpha == 2)
        return s * s / pi;
    return powl(pi, 1 - (long double)alpha) * powl(s, alpha);
}

/* Arguments beyond the shared input rules: pointers, G, alpha, ids. */
static int check_groups(const size_t *g, size_t n, size_t G, double alpha,
                        const jh_ge_result *out)
{
    if (!g || !out || G == 0 || G > out->capacity || !isfinite(alpha))
        return JH_EINVAL;
    for (size_t i = 0; i < n; i++)
        if (g[i] >= G)
            return JH_EINVAL;
    return JH_OK;
}

/* part / total, or NaN when total is 0 (nothing to share). */
static double share(long double part, double total)
{
    return total != 0 ? (double)(part / total) : (double)NAN;
}

int jh_decompose_ge(const double *x, const double *w, const size_t *g,
                    size_t n, size_t G, double alpha, jh_ge_result *out)
{
    double total;
    int rc = jh_check_input(x, w, n, 1);
    if (rc)
        return rc;
    rc = check_groups(g, n, G, alpha, out);
    if (rc)
        return rc;
    /* The total also applies the rules on a zero mean and on zeros with
     * alpha <= 0, before anything in out is written. */
    rc = jh_ge(x, w, n, alpha, &total);
    if (rc)
        return rc;

    long double *wg = out->acc_, *yg = wg + G, *mg = yg + G, *sg = mg + G;
    long double *lo = sg + G, *hi = lo + G;
    long double wt = 0, yt = 0, mu, within = 0, between = 0;
    double xlo = x[0], xhi = x[0];
    for (size_t j = 0; j < G; j++) {
        wg[j] = yg[j] = sg[j] = 0;
        lo[j] = INFINITY;
        hi[j] = -INFINITY;
        out->group[j].n = 0;
    }
    for (size_t i = 0; i < n; i++) {
        long double wi = w ? w[i] : 1.0L;
        wg[g[i]] += wi;
        yg[g[i]] += wi * x[i];
        lo[g[i]] = fminl(lo[g[i]], x[i]);
        hi[g[i]] = fmaxl(hi[g[i]], x[i]);
        xlo = fmin(xlo, x[i]);
        xhi = fmax(xhi, x[i]);
        out->group[g[i]].n++;
    }
    /* Means clamped into their values' range (see jh_clamp_mean): a
     * one-county group's mean is its value, and its own index exactly 0. */
    for (size_t j = 0; j < G; j++) {
        wt += wg[j];
        yt += yg[j];
        mg[j] = out->group[j].n
                    ? jh_clamp_mean(yg[j] / wg[j], (double)lo[j], (double)hi[j]) : 0;
    }
    mu = jh_clamp_mean(yt / wt, xlo, xhi);

    /* Own index of each group: sum_{i in g} w_i phi(x_i/mu_g), divided by
     * W_g below.  Groups whose mean is 0 have no own index. */
    for (size_t i = 0; i < n; i++) {
        size_t j = g[i];
        if (mg[j] > 0)
            sg[j] += (w ? w[i] : 1.0L) * ge_term(x[i] / mg[j], alpha);
    }

    for (size_t j = 0; j < G; j++) {
        jh_ge_group *gr = &out->group[j];
        gr->status = JH_OK;
        gr->weight = (double)wg[j];
        if (gr->n == 0) {
            gr->status = JH_EEMPTY;
            gr->pop_share = gr->value_share = gr->contribution = 0;
            gr->mean = gr->index = NAN;
            continue;
        }
        long double pi = wg[j] / wt, s = yg[j] / yt;
        gr->pop_share = (double)pi;
        gr->value_share = (double)s;
        gr->mean = (double)mg[j];
        between += pi * ge_term(mg[j] / mu, alpha);
        if (mg[j] == 0) {
            /* Every value of the group is 0: GE_g is 0/0, and its weight
             * s_g^a (a > 0; a <= 0 was refused above) is 0. */
            gr->status = JH_EZEROMEAN;
            gr->index = NAN;
            gr->contribution = 0;
            continue;
        }
        long double own = ge_finish(sg[j] / wg[j], alpha);
        long double contrib = within_weight(pi, s, alpha) * own;
        gr->index = (double)own;
        gr->contribution = (double)contrib;
        within += contrib;
    }
    between = ge_finish(between, alpha);

    out->n_groups = G;
    out->alpha = alpha;
    out->total = total;
    out->within = (double)within;
    out->between = (double)between;
    out->within_share = share(within, total);
    out->between_share = share(between, total);
    return JH_OK;
}
