/* Distribution dynamics: kernel densities of relative values per year and
 * (spatial) Markov transitions between relative classes (converge.c runs
 * them). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "converge_internal.h"

/* x_i / mean_t over the counties with a value (unweighted mean: each
 * county is one observation, as in Quah 1993).  Returns JH_EZEROMEAN
 * when the mean is 0; NaN stays NaN. */
static int relative(const double *v, size_t n, double *out)
{
    long double s = 0;
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(v[i])) {
            s += v[i];
            m++;
        }
    if (m == 0 || s == 0)
        return JH_EZEROMEAN;
    double mean = (double)(s / m);
    for (size_t i = 0; i < n; i++)
        out[i] = v[i] / mean;
    return JH_OK;
}

static int cmp_double(const void *a, const void *b);

/* One grid for all years of an indicator (so curves overlay): from the
 * smallest value minus 3h to the largest plus 3h, h the largest bandwidth. */
int converge_density(run *r, size_t ind)
{
    size_t ny = r->y1 - r->y0 + 1, nr = r->d->regions.n;
    size_t m = r->o->grid_points ? r->o->grid_points : 512;
    double *h = calloc(ny, sizeof *h), *grid = malloc(m * sizeof *grid);
    double *f = malloc(m * sizeof *f), lo = INFINITY, hi = -INFINITY, hmax = 0;
    int rc = JH_ENOMEM, why = JH_OK;
    if (!h || !grid || !f)
        goto done;
    for (size_t y = r->y0; y <= r->y1; y++) {
        const double *v = jh_dataset_slice(r->d, ind, y, r->stratum);
        size_t n = 0;
        int st = r->o->relative ? relative(v, nr, r->x2) : JH_OK;
        h[y - r->y0] = NAN;
        for (size_t i = 0; !st && i < nr; i++) {
            double xi = r->o->relative ? r->x2[i] : v[i];
            if (!isnan(xi))
                r->x[n++] = xi;
        }
        if (!st && n == 0)
            continue;
        if (!st)
            st = r->o->bandwidth > 0 ? JH_OK : jh_kde_bandwidth(r->x, n, r->ws, &h[y - r->y0]);
        if (!st && r->o->bandwidth > 0)
            h[y - r->y0] = r->o->bandwidth;
        if (st) {
            why = why ? why : st;
            h[y - r->y0] = NAN;
            continue;
        }
        for (size_t i = 0; i < n; i++) {
            lo = fmin(lo, r->x[i]);
            hi = fmax(hi, r->x[i]);
        }
        hmax = fmax(hmax, h[y - r->y0]);
    }
    if (why)
        jh_diag_add(r->diag, JH_DIAG_WARNING, NULL, 0, 0,
                    "%s: no density in some years (%s)", r->d->indicators.str[ind],
                    why == JH_EINVAL ? "every value equal" : jh_strerror(why));
    rc = JH_OK;
    if (!(hmax > 0))
        goto done;
    lo -= 3 * hmax;
    hi += 3 * hmax;
    for (size_t j = 0; j < m; j++)
        grid[j] = m > 1 ? lo + (hi - lo) * (double)j / (double)(m - 1) : 0.5 * (lo + hi);
    for (size_t y = r->y0; y <= r->y1; y++) {
        if (isnan(h[y - r->y0]))
            continue;
        const double *v = jh_dataset_slice(r->d, ind, y, r->stratum);
        size_t n = 0;
        if (r->o->relative)
            relative(v, nr, r->x2);
        for (size_t i = 0; i < nr; i++) {
            double xi = r->o->relative ? r->x2[i] : v[i];
            if (!isnan(xi))
                r->x[n++] = xi;
        }
        /* Ascending values (and grid) let jh_kde_eval sum only the values
         * within reach of each point. */
        qsort(r->x, n, sizeof *r->x, cmp_double);
        if ((rc = jh_kde_eval(r->x, NULL, n, h[y - r->y0], grid, m, f)))
            goto done;
        for (size_t j = 0; j < m; j++) {
            jh_density_row row = {.indicator = ind, .stratum = r->stratum, .year = y,
                                  .bandwidth = h[y - r->y0], .x = grid[j], .density = f[j]};
            if (r->c->n_density == r->cap_density) {
                size_t nc = r->cap_density ? 2 * r->cap_density : 1024;
                void *p = realloc(r->c->density, nc * sizeof *r->c->density);
                if (!p) {
                    rc = JH_ENOMEM;
                    goto done;
                }
                r->c->density = p;
                r->cap_density = nc;
            }
            r->c->density[r->c->n_density++] = row;
        }
    }
done:
    free(h);
    free(grid);
    free(f);
    return rc;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Upper bounds of k quantile classes of the pooled values v[0..n-1]
 * (sorted in place): Q(j/k), j = 1..k-1, R's type 7 as numpy.percentile,
 * which PySAL's mapclassify.Quantiles uses.  JH_EINVAL when two bounds
 * coincide (too many equal values for k classes). */
static int quantile_breaks(double *v, size_t n, size_t k, double *breaks)
{
    if (n < k)
        return JH_EEMPTY;
    qsort(v, n, sizeof *v, cmp_double);
    for (size_t j = 1; j < k; j++) {
        double hpos = (double)(n - 1) * (double)j / (double)k;
        size_t lo = (size_t)floor(hpos);
        breaks[j - 1] = lo + 1 < n ? v[lo] + (hpos - (double)lo) * (v[lo + 1] - v[lo]) : v[n - 1];
        if (j > 1 && !(breaks[j - 1] > breaks[j - 2]))
            return JH_EINVAL;
    }
    return JH_OK;
}

/* Emits the k x k rows of one matrix (lag class lag or NO_CLASS). */
static int emit_matrix(run *r, size_t ind, size_t lag, const double *counts, size_t k,
                       const double *breaks)
{
    double *P = malloc(k * k * sizeof *P), *pi = malloc(k * sizeof *pi);
    double *tmp = malloc(k * sizeof *tmp);
    size_t empty = 0;
    int rc = JH_ENOMEM;
    if (!P || !pi || !tmp)
        goto done;
    jh_markov_probs(counts, k, P, &empty);
    if (empty || jh_markov_ergodic(P, k, tmp, pi))
        for (size_t j = 0; j < k; j++)
            pi[j] = NAN;
    for (size_t i = 0; i < k; i++) {
        double row_total = 0;
        for (size_t j = 0; j < k; j++)
            row_total += counts[i * k + j];
        for (size_t j = 0; j < k; j++) {
            jh_markov_row m = {.indicator = ind, .stratum = r->stratum, .lag_class = lag,
                               .from = i, .to = j, .count = counts[i * k + j],
                               .probability = row_total > 0 ? P[i * k + j] : NAN,
                               .ergodic = pi[j],
                               .upper = j + 1 < k ? breaks[j] : INFINITY};
            if (r->c->n_markov == r->cap_markov) {
                size_t nc = r->cap_markov ? 2 * r->cap_markov : 256;
                void *p = realloc(r->c->markov, nc * sizeof *r->c->markov);
                if (!p)
                    goto done;
                r->c->markov = p;
                r->cap_markov = nc;
            }
            r->c->markov[r->c->n_markov++] = m;
        }
    }
    if (empty && lag == NO_CLASS)
        jh_diag_add(r->diag, JH_DIAG_WARNING, NULL, 0, 0,
                    "%s: %zu class(es) never observed at the start of a transition; "
                    "no ergodic distribution", r->d->indicators.str[ind], empty);
    else if (empty)
        jh_diag_add(r->diag, JH_DIAG_WARNING, NULL, 0, 0,
                    "%s: spatial lag class %zu: %zu class(es) never observed at the start "
                    "of a transition; no ergodic distribution", r->d->indicators.str[ind],
                    lag + 1, empty);
    rc = JH_OK;
done:
    free(P);
    free(pi);
    free(tmp);
    return rc;
}

/* Relative values of every year of the period, [year][region]. */
static int markov_relative(run *r, size_t ind, double *rel)
{
    size_t nr = r->d->regions.n;
    for (size_t y = r->y0; y <= r->y1; y++) {
        int st = relative(jh_dataset_slice(r->d, ind, y, r->stratum), nr,
                          rel + (y - r->y0) * nr);
        if (st)
            for (size_t i = 0; i < nr; i++)
                rel[(y - r->y0) * nr + i] = NAN;
    }
    return JH_OK;
}

/* Transitions of relative classes between consecutive years (Quah 1993),
 * and with neighbours, conditioned on the class of the neighbours' mean
 * relative value at the start year (Rey 2001). */
int converge_markov(run *r, size_t ind, const size_t *nb_start, const size_t *nb)
{
    size_t ny = r->y1 - r->y0 + 1, nr = r->d->regions.n, cells = ny * nr;
    size_t k = r->o->breaks ? r->o->n_breaks + 1 : (r->o->classes ? r->o->classes : 5);
    double *rel = malloc(cells * sizeof *rel), *pool = malloc(cells * sizeof *pool);
    double *lag = nb ? malloc(cells * sizeof *lag) : NULL;
    double *breaks = malloc(k * sizeof *breaks), *lbreaks = malloc(k * sizeof *lbreaks);
    double *counts = calloc(k * k * (nb ? k + 1 : 1), sizeof *counts);
    size_t *cls = malloc(cells * sizeof *cls), *lcls = nb ? malloc(cells * sizeof *lcls) : NULL;
    size_t n = 0;
    int rc = JH_ENOMEM, st;
    if (!rel || !pool || !breaks || !lbreaks || !counts || !cls || (nb && (!lag || !lcls)))
        goto done;
    markov_relative(r, ind, rel);
    for (size_t i = 0; i < cells; i++)
        if (!isnan(rel[i]))
            pool[n++] = rel[i];
    if (r->o->breaks)
        memcpy(breaks, r->o->breaks, (k - 1) * sizeof *breaks);
    st = r->o->breaks ? JH_OK : quantile_breaks(pool, n, k, breaks);
    if (!st)
        st = jh_markov_classify(rel, cells, breaks, k - 1, cls);
    if (nb && !st) {
        /* Spatial lag: mean relative value of the neighbours with a value. */
        size_t nl = 0;
        for (size_t y = 0; y < ny; y++)
            for (size_t i = 0; i < nr; i++) {
                long double s = 0;
                size_t m = 0;
                for (size_t e = nb_start[i]; e < nb_start[i + 1]; e++)
                    if (!isnan(rel[y * nr + nb[e]])) {
                        s += rel[y * nr + nb[e]];
                        m++;
                    }
                lag[y * nr + i] = m ? (double)(s / m) : NAN;
                if (m)
                    pool[nl++] = lag[y * nr + i];
            }
        if (r->o->breaks)
            memcpy(lbreaks, r->o->breaks, (k - 1) * sizeof *lbreaks);
        st = r->o->breaks ? JH_OK : quantile_breaks(pool, nl, k, lbreaks);
        if (!st)
            st = jh_markov_classify(lag, cells, lbreaks, k - 1, lcls);
    }
    if (st) {
        jh_diag_add(r->diag, JH_DIAG_WARNING, NULL, 0, 0, "%s: no Markov classes (%s)",
                    r->d->indicators.str[ind],
                    st == JH_EINVAL ? "quantile breaks coincide: too many equal values; "
                                      "give --breaks" : jh_strerror(st));
        rc = JH_OK;
        goto done;
    }
    for (size_t y = 0; y + 1 < ny; y++) {
        jh_markov_count(cls + y * nr, cls + (y + 1) * nr, nr, k, counts);
        if (nb)
            for (size_t i = 0; i < nr; i++) {
                size_t l = lcls[y * nr + i];
                if (l != NO_CLASS)
                    jh_markov_count(cls + y * nr + i, cls + (y + 1) * nr + i, 1, k,
                                    counts + (1 + l) * k * k);
            }
    }
    rc = emit_matrix(r, ind, NO_CLASS, counts, k, breaks);
    for (size_t l = 0; nb && !rc && l < k; l++)
        rc = emit_matrix(r, ind, l, counts + (1 + l) * k * k, k, breaks);
done:
    free(rel);
    free(pool);
    free(lag);
    free(breaks);
    free(lbreaks);
    free(counts);
    free(cls);
    free(lcls);
    return rc;
}

/* Neighbour lists in compressed form: the neighbours of region i are
 * nb[start[i] .. start[i+1]-1], each pair counted both ways, sorted. */
int converge_neighbors(const jh_converge_opts *o, size_t nr, size_t **start_out,
                       size_t **nb_out)
{
    size_t *start = calloc(nr + 1, sizeof *start), *nb = malloc((2 * o->n_neighbors + 1) * sizeof *nb);
    size_t *fill = calloc(nr + 1, sizeof *fill);
    if (!start || !nb || !fill) {
        free(start);
        free(nb);
        free(fill);
        return JH_ENOMEM;
    }
    for (size_t e = 0; e < o->n_neighbors; e++) {
        if (o->neighbor_a[e] >= nr || o->neighbor_b[e] >= nr || o->neighbor_a[e] == o->neighbor_b[e])
            continue;
        start[o->neighbor_a[e] + 1]++;
        start[o->neighbor_b[e] + 1]++;
    }
    for (size_t i = 0; i < nr; i++)
        start[i + 1] += start[i];
    for (size_t e = 0; e < o->n_neighbors; e++) {
        size_t a = o->neighbor_a[e], b = o->neighbor_b[e];
        if (a >= nr || b >= nr || a == b)
            continue;
        nb[start[a] + fill[a]++] = b;
        nb[start[b] + fill[b]++] = a;
    }
    free(fill);
    *start_out = start;
    *nb_out = nb;
    return JH_OK;
}
