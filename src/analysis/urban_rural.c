/* Urban-rural comparisons of a study (urban_rural.h).
 *
 * For each (indicator, year): when both the urban and the rural stratum
 * have values, every county is compared with itself (basis "strata");
 * otherwise, on the total stratum, urban-class counties are compared with
 * rural-class counties (basis "class").  Each area (the province, then
 * each group of --by) gets
 *   urban_mean = sum_i w_ui u_i / sum_i w_ui,  rural_mean likewise,
 * over the counties compared (w = the stratum's population, or 1), and
 *   ratio = urban_mean / rural_mean, gap = urban_mean - rural_mean
 * (reversed for lower-better indicators), plus the Gini, CV and Theil T
 * of the county ratios (strata basis).  The bootstrap draws counties
 * within the area (within each class on the class basis, so both sides
 * stay present) and recomputes ratio and gap. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_rng.h>
#include "junheng/grow.h"
#include "junheng/bootstrap.h"
#include "junheng/indices.h"
#include "junheng/urban_rural.h"
#include "junheng/slice.h"

/* One county of an area: its urban and rural side (NaN when absent). */
struct obs {
    double u, wu, r, wr;
    size_t side;   /* resampling stratum: 0 (strata basis, or urban class), 1 rural class */
};

struct ctx {
    const jh_study *s;
    const jh_urban_rural_opts *o;
    jh_diag *diag;
    jh_urban_rural_table *t;
    size_t *area_of;   /* [region] area id or JH_NONE */
    size_t n_areas;
    struct obs *ob;    /* scratch, n_regions */
    size_t *side;      /* scratch */
    double *ratios;    /* scratch */
    double *rep_ratio, *rep_gap; /* B each */
    unsigned *counts;
    jh_workspace *ws;
    gsl_rng *rng;
    /* the values of the current indicator and year after the
     * --nonpositive policy (dropped values are NaN), n_regions each */
    double *vu, *vr, *vt; /* urban, rural, total stratum */
    jh_slice su, sr;      /* an area's urban (or total) and rural values (slice.h) */
    size_t st_u, st_r, st_t; /* stratum positions of the two sides and total */
    size_t *pos;          /* [region] position in sr, scratch */
    size_t n_err_zero, n_err_neg; /* values behind errors, whole run */
};

/* The two sides compared: o->compare, or urban and rural; their labels
 * and the texts that name them into t.  JH_ENOTFOUND after a message for a
 * stratum the data lack or two of different dimensions. */
static int pick_sides(struct ctx *c)
{
    const jh_dataset *d = c->s->data;
    jh_urban_rural_table *t = c->t;
    const char *const *cmp = c->o->compare;
    c->st_t = jh_dataset_stratum_pos(d, JH_STRATUM_TOTAL);
    c->st_u = cmp[0] ? jh_dataset_stratum_find(d, cmp[0])
                     : jh_dataset_stratum_pos(d, JH_STRATUM_URBAN);
    c->st_r = cmp[0] ? jh_dataset_stratum_find(d, cmp[1])
                     : jh_dataset_stratum_pos(d, JH_STRATUM_RURAL);
    for (int k = 0; cmp[0] && k < 2; k++)
        if ((k ? c->st_r : c->st_u) == JH_NONE) {
            jh_diag_add(c->diag, JH_DIAG_ERROR, NULL, 0, 0, "--compare: the data have no "
                        "stratum '%s' (expected one of their strata; validate lists them)",
                        cmp[k]);
            return JH_ENOTFOUND;
        }
    if (cmp[0]) {
        const jh_stratum_def *a = &d->stratum_def[c->st_u], *b = &d->stratum_def[c->st_r];
        if (c->st_u == c->st_r || (*a->dimension && *b->dimension &&
                                   strcmp(a->dimension, b->dimension) != 0)) {
            jh_diag_add(c->diag, JH_DIAG_ERROR, NULL, 0, 0, "--compare %s:%s: %s (expected two "
                        "strata of one dimension, or one of them the whole population)",
                        a->code, b->code, c->st_u == c->st_r ? "one stratum twice"
                                                             : "strata of different dimensions");
            return JH_ENOTFOUND;
        }
    }
    for (int k = 0; k < 2; k++) {
        size_t st = k ? c->st_r : c->st_u;
        const char *l = cmp[0] ? jh_dataset_stratum_name(d, st) : k ? "rural" : "urban";
        snprintf(t->side[k], sizeof t->side[k], "%s", l);
        snprintf(t->no_value[k], sizeof t->no_value[k], "no %s value", l);
        snprintf(t->dropped[k], sizeof t->dropped[k], "%s value <= 0 dropped", l);
        snprintf(t->left_out[k], sizeof t->left_out[k],
                 "no %s value; county left out of the means", l);
    }
    snprintf(t->pair, sizeof t->pair, "%s+%s", t->side[0], t->side[1]);
    return JH_OK;
}

static int has_values(const jh_dataset *d, size_t ind, size_t y, size_t st)
{
    if (st == JH_NONE)
        return 0;
    const double *v = jh_dataset_slice(d, ind, y, st);
    for (size_t r = 0; r < d->regions.n; r++)
        if (!isnan(v[r]))
            return 1;
    return 0;
}

/* Oriented ratio and gap of an urban and a rural value. */
static void orient(double u, double r, int reversed, double *ratio, double *gap)
{
    double num = reversed ? r : u, den = reversed ? u : r;
    *gap = num - den;
    *ratio = den != 0 ? num / den : NAN;
}

/* Weighted means of both sides over obs weighted by counts (NULL: 1). */
static void area_means(const struct obs *ob, size_t n, const unsigned *counts,
                       double *um, double *rm)
{
    long double su = 0, swu = 0, sr = 0, swr = 0;
    for (size_t i = 0; i < n; i++) {
        double c = counts ? counts[i] : 1.0;
        if (!isnan(ob[i].u)) {
            su += (long double)c * ob[i].wu * ob[i].u;
            swu += (long double)c * ob[i].wu;
        }
        if (!isnan(ob[i].r)) {
            sr += (long double)c * ob[i].wr * ob[i].r;
            swr += (long double)c * ob[i].wr;
        }
    }
    *um = swu > 0 ? (double)(su / swu) : NAN;
    *rm = swr > 0 ? (double)(sr / swr) : NAN;
}

/* Adds the row of one area from the n observations gathered in c->ob. */
static int add_area(struct ctx *c, size_t ind, size_t y, size_t area, jh_ur_basis basis,
                    size_t n, size_t left_out, int reversed, int no_weight)
{
    jh_urban_rural_table *t = c->t;
    if (jh_grow((void **)&t->area, &t->cap_area, t->n_area + 1, sizeof *t->area))
        return JH_ENOMEM;
    jh_ur_area *a = &t->area[t->n_area++];
    *a = (jh_ur_area){.indicator = ind, .year = y, .area = area, .basis = basis, .n = n,
                      .n_left_out = left_out, .reversed = reversed,
                      .gini = NAN, .cv = NAN, .theil_t = NAN, .ratio_low = NAN,
                      .ratio_high = NAN, .ratio_se = NAN, .gap_low = NAN,
                      .gap_high = NAN, .gap_se = NAN};
    area_means(c->ob, n, NULL, &a->urban_mean, &a->rural_mean);
    if (no_weight) /* the rule of slice.h: no weighted mean without every weight */
        a->urban_mean = a->rural_mean = NAN;
    orient(a->urban_mean, a->rural_mean, reversed, &a->ratio, &a->gap);
    /* --nonpositive=skip: an area with a value <= 0 gets no ratio and no
     * disparity of ratios (they divide by the values); means and gap stay. */
    int skip = 0;
    for (size_t i = 0; c->o->nonpositive == JH_NONPOS_SKIP && i < n; i++)
        skip |= c->ob[i].u <= 0 || c->ob[i].r <= 0;
    if (skip)
        a->ratio = NAN;
    if (basis == JH_UR_STRATA && !skip) {
        size_t m = 0;
        for (size_t i = 0; i < n; i++) {
            double q, g;
            orient(c->ob[i].u, c->ob[i].r, reversed, &q, &g);
            if (!isnan(q))
                c->ratios[m++] = q;
        }
        double v;
        if (jh_gini(c->ratios, NULL, m, 0, c->ws, &v) == JH_OK)
            a->gini = v;
        if (jh_cv(c->ratios, NULL, m, &v) == JH_OK)
            a->cv = v;
        if (jh_theil_t(c->ratios, NULL, m, &v) == JH_OK)
            a->theil_t = v;
    }
    size_t B = c->o->bootstrap;
    if (!B || n == 0 || no_weight)
        return JH_OK;
    for (size_t i = 0; i < n; i++)
        c->side[i] = c->ob[i].side;
    jh_resampler *rs = jh_resampler_alloc(c->side, n, 2);
    if (!rs)
        return JH_ENOMEM;
    gsl_rng_set(c->rng, jh_boot_seed(c->o->seed, ind, y, area == JH_NONE ? 0 : area + 1));
    for (size_t b = 0; b < B; b++) {
        double um, rm;
        jh_resampler_draw(rs, c->rng, c->counts);
        area_means(c->ob, n, c->counts, &um, &rm);
        orient(um, rm, reversed, &c->rep_ratio[b], &c->rep_gap[b]);
        if (isnan(um) || isnan(rm))
            c->rep_gap[b] = NAN;
    }
    jh_resampler_free(rs);
    if (!skip)
        jh_boot_interval(c->rep_ratio, B, c->o->ci, &a->ratio_low, &a->ratio_high,
                         &a->ratio_se, NULL);
    jh_boot_interval(c->rep_gap, B, c->o->ci, &a->gap_low, &a->gap_high, &a->gap_se, NULL);
    return JH_OK;
}

/* Pairs the urban and rural sides of the counties of an area, gathered
 * into c->su and c->sr, into c->ob; a county with one side is left out.
 * Counts the pairs with a side without a usable weight in *bad. */
static size_t pair_sides(struct ctx *c, size_t *left_out, size_t *bad)
{
    const jh_slice *u = &c->su, *r = &c->sr;
    size_t n = 0, paired = 0;
    for (size_t j = 0; j < r->n; j++)
        c->pos[r->region[j]] = j;
    for (size_t i = 0; i < u->n; i++) {
        size_t k = u->region[i], j = c->pos[k];
        if (j == JH_NONE || j >= r->n || r->region[j] != k) {
            (*left_out)++;
            continue;
        }
        paired++;
        double a = u->weighted ? u->w[i] : 1.0, b = r->weighted ? r->w[j] : 1.0;
        *bad += !jh_weight_usable(a) || !jh_weight_usable(b);
        c->ob[n++] = (struct obs){u->x[i], a, r->x[j], b, 0};
    }
    for (size_t j = 0; j < r->n; j++)
        c->pos[r->region[j]] = JH_NONE;
    *left_out += r->n - paired;
    return n;
}

/* The counties of area (JH_NONE: all) by their class into c->ob. */
static size_t by_class(struct ctx *c, size_t *left_out, size_t *bad)
{
    const jh_slice *t = &c->su;
    size_t n = 0;
    for (size_t i = 0; i < t->n; i++) {
        jh_region_class cls = jh_study_region_class(c->s, t->region[i]);
        double a = t->weighted ? t->w[i] : 1.0;
        if (cls == JH_REGION_CLASS_NONE) {
            (*left_out)++;
            continue;
        }
        *bad += !jh_weight_usable(a);
        if (cls == JH_REGION_URBAN)
            c->ob[n++] = (struct obs){t->x[i], a, NAN, NAN, 0};
        else
            c->ob[n++] = (struct obs){NAN, NAN, t->x[i], a, 1};
    }
    return n;
}

/* Gathers the counties of area (JH_NONE: all) by the one gatherer
 * (slice.h) and adds its row.  A county without a usable weight empties
 * the weighted means of its areas (said once, on the province row). */
static int do_area(struct ctx *c, size_t ind, size_t y, size_t area, jh_ur_basis basis,
                   int reversed)
{
    const jh_dataset *d = c->s->data;
    int uw = c->o->use_weights;
    jh_slice_filter f = {.group_of = area != JH_NONE ? c->area_of : NULL, .group = area};
    size_t n, left_out = 0, bad = 0;
    const char *stl;
    jh_slice_begin(&c->su);
    jh_slice_begin(&c->sr);
    if (basis == JH_UR_STRATA) {
        jh_slice_add(&c->su, c->vu, uw ? jh_study_weights(c->s, ind, y, c->st_u) : NULL,
                     d->regions.n, &f);
        jh_slice_add(&c->sr, c->vr, uw ? jh_study_weights(c->s, ind, y, c->st_r) : NULL,
                     d->regions.n, &f);
        n = pair_sides(c, &left_out, &bad);
        stl = c->t->pair;
    } else {
        jh_slice_add(&c->su, c->vt, uw ? jh_study_weights(c->s, ind, y, c->st_t) : NULL,
                     d->regions.n, &f);
        n = by_class(c, &left_out, &bad);
        stl = "total";
    }
    if (bad && area == JH_NONE) {
        jh_slice said = c->su;
        said.weighted = 1;
        said.bad_w = bad;
        if (jh_slice_report_weights(&said, d, ind, y, stl, jh_study_weight_name(c->s, ind),
                                    c->o->compare[0] ? "means of the two strata"
                                                     : "urban and rural means",
                                    c->diag, &c->t->notes))
            return JH_ENOMEM;
    }
    return add_area(c, ind, y, area, basis, n, left_out, reversed, bad > 0);
}

/* County rows of one indicator and year (strata basis). */
static int county_rows(struct ctx *c, size_t ind, size_t y, int reversed)
{
    const jh_dataset *d = c->s->data;
    const double *u = c->vu, *r = c->vr;
    const double *ou = jh_dataset_slice(d, ind, y, c->st_u);
    const double *orr = jh_dataset_slice(d, ind, y, c->st_r);
    jh_urban_rural_table *t = c->t;
    size_t incomplete = 0, no_side[2] = {0, 0};
    const char *first = NULL, *first_side = NULL;
    for (size_t k = 0; k < d->regions.n; k++) {
        if (isnan(ou[k]) && isnan(orr[k]))
            continue;
        if (jh_grow((void **)&t->county, &t->cap_county, t->n_county + 1, sizeof *t->county))
            return JH_ENOMEM;
        jh_ur_county *row = &t->county[t->n_county++];
        *row = (jh_ur_county){ind, y, k, c->area_of ? c->area_of[k] : JH_NONE, u[k], r[k],
                              NAN, NAN, reversed, ""};
        if (isnan(u[k]) || isnan(r[k])) {
            /* A side dropped under --nonpositive=drop, not missing. */
            if ((isnan(u[k]) && !isnan(ou[k])) || (isnan(r[k]) && !isnan(orr[k]))) {
                row->note = t->dropped[isnan(u[k]) && !isnan(ou[k]) ? 0 : 1];
                continue;
            }
            row->note = t->no_value[isnan(u[k]) ? 0 : 1];
            no_side[isnan(u[k]) ? 0 : 1]++;
            if (!incomplete++) {
                first = d->regions.str[k];
                first_side = t->side[isnan(u[k]) ? 0 : 1];
            }
            continue;
        }
        orient(u[k], r[k], reversed, &row->ratio, &row->gap);
        if (c->o->nonpositive == JH_NONPOS_SKIP && (u[k] <= 0 || r[k] <= 0)) {
            row->ratio = NAN;
            row->note = "value <= 0: ratio skipped";
        } else if (isnan(row->ratio))
            row->note = "denominator is 0";
    }
    for (int side = 0; side < 2; side++)
        if (no_side[side] &&
            jh_notes_add(&t->notes, ind, y, t->side[side], "", "missing", no_side[side],
                         t->left_out[side]))
            return JH_ENOMEM;
    if (incomplete)
        jh_diag_add(c->diag, JH_DIAG_WARNING, NULL, 0, 0,
                    "indicator '%s', year %d: %zu count%s with only one stratum (first: "
                    "region %s has no %s value); reported without ratio and left out of "
                    "the area means", d->indicators.str[ind], d->years[y], incomplete,
                    incomplete == 1 ? "y" : "ies", first, first_side);
    return JH_OK;
}

/* Copies slice st of (ind, y) into dst under the policy (dropped values
 * become NaN) and counts the values <= 0 into *np. */
static void copy_slice(struct ctx *c, size_t ind, size_t y, size_t st, double *dst,
                       jh_np_count *np)
{
    const jh_dataset *d = c->s->data;
    int drop = c->o->nonpositive == JH_NONPOS_DROP;
    if (st == JH_NONE) {
        for (size_t r = 0; r < d->regions.n; r++)
            dst[r] = NAN;
        return;
    }
    const double *v = jh_dataset_slice(d, ind, y, st);
    const char *stl = jh_dataset_stratum_name(d, st);
    for (size_t r = 0; r < d->regions.n; r++)
        dst[r] = jh_np_count_value(np, v[r], r, stl) && drop ? NAN : v[r];
}

/* Applies the nonpositive policy to the strata that basis compares for
 * (ind, y): fills c->vu, c->vr, c->vt, reports, notes.  Returns JH_OK,
 * JH_ENOMEM, or JH_EZERO when the year is not to be compared (an error
 * under --nonpositive=error, counted in c->n_err_*). */
static int apply_policy(struct ctx *c, size_t ind, size_t y, jh_ur_basis basis)
{
    const jh_dataset *d = c->s->data;
    jh_np_count np[2] = {{0}, {0}};
    size_t st[2];
    int k, m = basis == JH_UR_STRATA ? 2 : 1, stop = 0;
    if (basis == JH_UR_STRATA) {
        st[0] = c->st_u;
        st[1] = c->st_r;
        copy_slice(c, ind, y, st[0], c->vu, &np[0]);
        copy_slice(c, ind, y, st[1], c->vr, &np[1]);
    } else {
        st[0] = c->st_t;
        copy_slice(c, ind, y, st[0], c->vt, &np[0]);
    }
    for (k = 0; k < m; k++) {
        size_t n = np[k].n_zero + np[k].n_neg;
        if (!n)
            continue;
        const char *stl = np[k].first_stratum;
        switch (c->o->nonpositive) {
        case JH_NONPOS_ERROR:
            jh_np_error(c->diag, d, ind, y, &np[k],
                        c->o->compare[0] ? "the ratios of the two strata need x > 0"
                                         : "the urban-rural ratios need x > 0");
            c->n_err_zero += np[k].n_zero;
            c->n_err_neg += np[k].n_neg;
            stop = 1;
            break;
        case JH_NONPOS_DROP:
            jh_np_drop_warning(c->diag, d, ind, y, stl, &np[k], "comparison");
            if (jh_notes_add(&c->t->notes, ind, y, stl, "", "drop", n, jh_np_reason(&np[k])))
                return JH_ENOMEM;
            break;
        case JH_NONPOS_SKIP:
            jh_diag_add(c->diag, JH_DIAG_WARNING, NULL, 0, 0,
                        "indicator '%s', year %d, stratum %s: %zu value%s <= 0 (first region "
                        "'%s'); ratio, gini_ratio, cv_ratio and theil_t_ratio left empty "
                        "where they enter (--nonpositive=skip)", d->indicators.str[ind],
                        d->years[y], stl, n, n == 1 ? "" : "s",
                        d->regions.str[np[k].first_region]);
            if (jh_notes_add(&c->t->notes, ind, y, stl, "ratio", "skip", n,
                             jh_np_reason(&np[k])))
                return JH_ENOMEM;
            break;
        default:
            break;
        }
    }
    return stop ? JH_EZERO : JH_OK;
}

/* Areas of --by, sorted by name into t->areas. */
static int make_areas(struct ctx *c)
{
    const jh_dataset *d = c->s->data;
    if (!c->o->by)
        return JH_OK;
    c->area_of = malloc((d->regions.n ? d->regions.n : 1) * sizeof *c->area_of);
    if (!c->area_of)
        return JH_ENOMEM;
    int rc = jh_study_groups_sorted(c->s, c->o->by, c->area_of, &c->t->areas, c->diag);
    c->n_areas = c->t->areas.n;
    return rc;
}

static int has_classes(const jh_study *s)
{
    for (size_t r = 0; r < s->data->regions.n; r++)
        if (jh_study_region_class(s, r) != JH_REGION_CLASS_NONE)
            return 1;
    return 0;
}

int jh_urban_rural_run(const jh_study *s, const jh_urban_rural_opts *o, jh_diag *diag,
                       jh_urban_rural_table **out)
{
    const jh_dataset *d = s->data;
    size_t nr = d->regions.n ? d->regions.n : 1, B = o->bootstrap;
    struct ctx c = {.s = s, .o = o, .diag = diag};
    int rc = JH_OK, classes = has_classes(s), warned_class = 0;
    *out = NULL;
    c.t = calloc(1, sizeof *c.t);
    c.ob = malloc(nr * sizeof *c.ob);
    c.side = malloc(nr * sizeof *c.side);
    c.ratios = malloc(nr * sizeof *c.ratios);
    c.counts = malloc(nr * sizeof *c.counts);
    c.rep_ratio = malloc((B ? B : 1) * sizeof(double));
    c.rep_gap = malloc((B ? B : 1) * sizeof(double));
    c.ws = jh_workspace_alloc(nr);
    c.rng = gsl_rng_alloc(gsl_rng_mt19937);
    c.vu = malloc(nr * sizeof(double));
    c.vr = malloc(nr * sizeof(double));
    c.vt = malloc(nr * sizeof(double));
    c.su = (jh_slice){.x = malloc(nr * sizeof(double)), .w = malloc(nr * sizeof(double)),
                      .region = malloc(nr * sizeof(size_t))};
    c.sr = (jh_slice){.x = malloc(nr * sizeof(double)), .w = malloc(nr * sizeof(double)),
                      .region = malloc(nr * sizeof(size_t))};
    c.pos = malloc(nr * sizeof *c.pos);
    for (size_t r = 0; c.pos && r < nr; r++)
        c.pos[r] = JH_NONE;
    if (!c.t || !c.ob || !c.side || !c.ratios || !c.counts || !c.rep_ratio || !c.rep_gap ||
        !c.ws || !c.rng || !c.vu || !c.vr || !c.vt || !c.su.x || !c.su.w || !c.su.region ||
        !c.sr.x || !c.sr.w || !c.sr.region || !c.pos)
        rc = JH_ENOMEM;
    if (c.t) {
        jh_intern_init(&c.t->areas);
        c.t->has_ci = B > 0;
    }
    if (!rc)
        rc = pick_sides(&c);
    if (!rc)
        rc = make_areas(&c);
    size_t su = c.st_u, sr = c.st_r, st = c.st_t;
    for (size_t ind = 0; ind < d->indicators.n && !rc; ind++) {
        if (o->indicator && strcmp(o->indicator, d->indicators.str[ind]) != 0)
            continue;
        int reversed = jh_study_direction(s, ind) == JH_DIRECTION_LOWER;
        for (size_t y = 0; y < d->n_years && !rc; y++) {
            if (o->year && d->years[y] != o->year)
                continue;
            jh_ur_basis basis;
            /* Two strata compared: only where both have values (a group
             * against the whole population, say, not every indicator). */
            if (o->compare[0] ? has_values(d, ind, y, su) && has_values(d, ind, y, sr)
                              : has_values(d, ind, y, su) || has_values(d, ind, y, sr))
                basis = JH_UR_STRATA;
            else if (o->compare[0])
                continue; /* two strata: nothing to compare without them */
            else if (has_values(d, ind, y, st) && classes)
                basis = JH_UR_CLASS;
            else {
                if (has_values(d, ind, y, st) && !warned_class++)
                    jh_diag_add(diag, JH_DIAG_WARNING, NULL, 0, 0,
                                "indicators without urban and rural strata need the "
                                "urban-rural class of the region catalog (--regions with a "
                                "class column); '%s' and others like it skipped",
                                d->indicators.str[ind]);
                continue;
            }
            rc = apply_policy(&c, ind, y, basis);
            if (rc == JH_EZERO) {
                rc = JH_OK;
                continue;
            }
            if (!rc && basis == JH_UR_STRATA)
                rc = county_rows(&c, ind, y, reversed);
            if (!rc)
                rc = do_area(&c, ind, y, JH_NONE, basis, reversed);
            for (size_t a = 0; a < c.n_areas && !rc; a++)
                rc = do_area(&c, ind, y, a, basis, reversed);
        }
    }
    free(c.area_of); free(c.ob); free(c.side); free(c.ratios); free(c.counts);
    free(c.rep_ratio); free(c.rep_gap); free(c.vu); free(c.vr); free(c.vt);
    free(c.su.x); free(c.su.w); free(c.su.region);
    free(c.sr.x); free(c.sr.w); free(c.sr.region); free(c.pos);
    jh_workspace_free(c.ws);
    if (c.rng)
        gsl_rng_free(c.rng);
    if (!rc && (c.n_err_zero || c.n_err_neg))
        rc = c.n_err_neg ? JH_ENEGATIVE : JH_EZERO;
    if (rc) {
        jh_urban_rural_table_free(c.t);
        return rc;
    }
    *out = c.t;
    return JH_OK;
}

void jh_urban_rural_table_free(jh_urban_rural_table *t)
{
    if (!t)
        return;
    jh_intern_clear(&t->areas);
    jh_notes_clear(&t->notes);
    free(t->county);
    free(t->area);
    free(t);
}
