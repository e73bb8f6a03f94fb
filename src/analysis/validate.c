/* The checks of `junheng validate`, as library code: no printing. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "junheng/indices.h"
#include "junheng/validate.h"

void jh_validate_table_free(jh_validate_table *v)
{
    if (!v)
        return;
    free(v->present);
    free(v);
}

static int unit_is_percent(const jh_indicator_catalog *cat, const char *code)
{
    if (!cat)
        return 0;
    size_t k = jh_indicator_catalog_find(cat, code);
    if (k == JH_CATALOG_NONE)
        return 0;
    const char *u = cat->ind[k].unit;
    return strcmp(u, "%") == 0 || strcmp(u, "\xef\xbc\x85") == 0; /* ％ */
}

static const char *region_label(const jh_dataset *d, size_t r)
{
    return d->region_name && d->region_name[r] ? d->region_name[r] : NULL;
}

/* Negative values everywhere, values above 100 where the unit is %. */
static void check_ranges(const jh_dataset *d, const jh_validate_opts *o, jh_diag *diag,
                         jh_validate_table *v)
{
    for (size_t i = 0; i < d->indicators.n; i++) {
        const char *ind = d->indicators.str[i];
        int pct = unit_is_percent(o->indicators, ind);
        for (size_t y = 0; y < d->n_years; y++)
            for (size_t s = 0; s < d->n_strata; s++) {
                const double *x = jh_dataset_slice(d, i, y, s);
                size_t *present = &v->present[(i * d->n_years + y) * d->n_strata + s];
                for (size_t r = 0; r < d->regions.n; r++) {
                    if (isnan(x[r]))
                        continue;
                    ++*present;
                    const char *name = region_label(d, r);
                    if (x[r] < 0) {
                        v->n_negative++;
                        jh_diag_add(diag, JH_DIAG_ERROR, NULL, 0, 0,
                                    "negative value %.10g for region '%s'%s%s%s, indicator '%s', "
                                    "year %d, stratum %s (no service count or rate is below zero)",
                                    x[r], d->regions.str[r], name ? " (" : "", name ? name : "",
                                    name ? ")" : "", ind, d->years[y],
                                    jh_dataset_stratum_name(d, s));
                    } else if (pct && x[r] > 100) {
                        v->n_above_100++;
                        jh_diag_add(diag, JH_DIAG_ERROR, NULL, 0, 0,
                                    "value %.10g above 100 for region '%s'%s%s%s, indicator '%s', "
                                    "year %d, stratum %s (the catalog's unit is %%)",
                                    x[r], d->regions.str[r], name ? " (" : "", name ? name : "",
                                    name ? ")" : "", ind, d->years[y],
                                    jh_dataset_stratum_name(d, s));
                    }
                }
            }
    }
}

/* Indicators the catalog calls neutral are sizes (populations, counts):
 * their skew is real, not an error, so they are not checked for outliers. */
static int is_neutral(const jh_indicator_catalog *cat, const char *code)
{
    size_t e = cat ? jh_indicator_catalog_find(cat, code) : JH_CATALOG_NONE;
    return e != JH_CATALOG_NONE && cat->ind[e].direction == JH_DIRECTION_NEUTRAL;
}

/* Robust z-scores per slice: |x - median| / (1.4826 MAD) > threshold. */
static int check_outliers(const jh_dataset *d, const jh_indicator_catalog *cat, double zmax,
                          jh_diag *diag, jh_validate_table *v)
{
    size_t nr = d->regions.n ? d->regions.n : 1;
    double *x = malloc(nr * sizeof *x), *dev = malloc(nr * sizeof *dev);
    size_t *who = malloc(nr * sizeof *who);
    jh_workspace *ws = jh_workspace_alloc(nr);
    int rc = JH_OK;
    if (!x || !dev || !who || !ws) {
        rc = JH_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < d->indicators.n; i++)
        for (size_t y = 0; y < d->n_years && !is_neutral(cat, d->indicators.str[i]); y++)
            for (size_t s = 0; s < d->n_strata; s++) {
                const double *sl = jh_dataset_slice(d, i, y, s);
                size_t n = 0;
                double med, mad;
                for (size_t r = 0; r < d->regions.n; r++)
                    if (!isnan(sl[r])) {
                        x[n] = sl[r];
                        who[n++] = r;
                    }
                if (n < 3)
                    continue;
                int zrc = jh_robust_z(x, n, ws, dev, &med, &mad);
                v->n_slices_mad_zero += zrc == JH_EZERO;
                if (zrc != JH_OK)
                    continue;
                for (size_t k = 0; k < n; k++) {
                    double z = dev[k];
                    if (!(z > zmax))
                        continue;
                    const char *name = region_label(d, who[k]);
                    v->n_outliers++;
                    jh_diag_add(diag, JH_DIAG_WARNING, NULL, 0, 0,
                                "outlier: region '%s'%s%s%s, indicator '%s', year %d, "
                                "stratum %s: value %.10g (robust z %.1f; median %.10g, MAD %.10g)",
                                d->regions.str[who[k]], name ? " (" : "", name ? name : "",
                                name ? ")" : "", d->indicators.str[i], d->years[y],
                                jh_dataset_stratum_name(d, s), x[k], z, med, mad);
                }
            }
done:
    free(x);
    free(dev);
    free(who);
    jh_workspace_free(ws);
    return rc;
}

/* 1 when region r of d has at least one value. */
static int region_has_data(const jh_dataset *d, size_t r)
{
    size_t slices = d->indicators.n * d->n_years * d->n_strata;
    for (size_t k = 0; k < slices; k++)
        if (!isnan(d->values[k * d->regions.n + r]))
            return 1;
    return 0;
}

static void check_catalogs(const jh_dataset *d, const jh_validate_opts *o, jh_diag *diag,
                           jh_validate_table *v)
{
    if (o->regions) {
        const jh_region_catalog *cat = o->regions;
        for (size_t r = 0; r < d->regions.n; r++)
            if (jh_region_catalog_find(cat, d->regions.str[r]) == JH_CATALOG_NONE) {
                v->n_unknown_regions++;
                jh_diag_add(diag, o->lenient ? JH_DIAG_WARNING : JH_DIAG_ERROR, NULL, 0, 0,
                            "region '%s' of the data is not in the regions catalog %s",
                            d->regions.str[r], cat->path);
            }
        for (size_t c = 0; c < cat->n; c++) {
            size_t r = jh_intern_find(&d->regions, cat->codes.str[c]);
            if (r != (size_t)-1 && region_has_data(d, r))
                continue;
            v->n_regions_without_data++;
            jh_diag_add(diag, JH_DIAG_WARNING, cat->path, cat->line[c], 0,
                        "region '%s'%s%s%s of the catalog has no data", cat->codes.str[c],
                        cat->name[c][0] ? " (" : "", cat->name[c], cat->name[c][0] ? ")" : "");
        }
    }
    if (o->indicators)
        for (size_t i = 0; i < d->indicators.n; i++)
            if (jh_indicator_catalog_find(o->indicators, d->indicators.str[i]) ==
                JH_CATALOG_NONE) {
                v->n_unknown_indicators++;
                jh_diag_add(diag, JH_DIAG_WARNING, NULL, 0, 0,
                            "indicator '%s' of the data is not in the indicators catalog %s",
                            d->indicators.str[i], o->indicators->path);
            }
}

/* 1 when indicator code is weighted by the data's weight column: the
 * catalog says population or nothing, or does not know the indicator. */
static int uses_weight_column(const jh_indicator_catalog *cat, const char *code)
{
    size_t e = cat ? jh_indicator_catalog_find(cat, code) : JH_CATALOG_NONE;
    return e == JH_CATALOG_NONE || cat->ind[e].weight == JH_WEIGHT_POPULATION ||
           cat->ind[e].weight == JH_WEIGHT_DEFAULT;
}

/* The first indicator whose value in (year, stratum, region) has a weight
 * that is not positive, or (size_t)-1. */
static size_t bad_weight_at(const jh_dataset *d, const jh_indicator_catalog *cat, size_t y,
                            size_t s, size_t r)
{
    for (size_t i = 0; i < d->indicators.n; i++) {
        size_t at = jh_dataset_offset(d, i, y, s, r);
        if (!isnan(d->values[at]) && !(d->weights[at] > 0) &&
            uses_weight_column(cat, d->indicators.str[i]))
            return i;
    }
    return (size_t)-1;
}

/* Zero, negative or missing weights where a region has a value: the other
 * commands leave the weighted indices of those slices empty.  One finding
 * per region, year and stratum. */
static void check_weights(const jh_dataset *d, const jh_indicator_catalog *cat, jh_diag *diag,
                          jh_validate_table *v)
{
    if (!d->weights)
        return;
    for (size_t y = 0; y < d->n_years; y++)
        for (size_t s = 0; s < d->n_strata; s++)
            for (size_t r = 0; r < d->regions.n; r++) {
                size_t i = bad_weight_at(d, cat, y, s, r);
                if (i == (size_t)-1)
                    continue;
                double w = d->weights[jh_dataset_offset(d, i, y, s, r)];
                const char *name = region_label(d, r);
                int neg = w < 0;
                char what[64];
                snprintf(what, sizeof what, isnan(w) ? "missing" : "%.10g", w);
                v->n_weight_negative += (size_t)neg;
                v->n_weight_zero += (size_t)!neg;
                jh_diag_add(diag, neg ? JH_DIAG_ERROR : JH_DIAG_WARNING, NULL, 0, 0,
                            "%s %s for region '%s'%s%s%s, year %d, stratum %s (indicator '%s' "
                            "has a value there; weighted indices of the slice are left empty)",
                            d->weight_name, what, d->regions.str[r], name ? " (" : "",
                            name ? name : "", name ? ")" : "", d->years[y],
                            jh_dataset_stratum_name(d, s), d->indicators.str[i]);
            }
}

/* Indicators the catalog calls province-level have one value a year: values
 * for several regions mean the scope (or the data) is wrong, and charts
 * and the report leave the indicator out. */
static void check_scope(const jh_dataset *d, const jh_indicator_catalog *cat, jh_diag *diag,
                        jh_validate_table *v)
{
    for (size_t i = 0; cat && i < d->indicators.n; i++) {
        size_t e = jh_indicator_catalog_find(cat, d->indicators.str[i]);
        if (e == JH_CATALOG_NONE || cat->ind[e].scope != JH_SCOPE_PROVINCE)
            continue;
        size_t most = 0, at = 0;
        for (size_t y = 0; y < d->n_years; y++)
            for (size_t s = 0; s < d->n_strata; s++)
                if (jh_validation_present(v, d, i, y, s) > most) {
                    most = jh_validation_present(v, d, i, y, s);
                    at = y;
                }
        if (most < 2)
            continue;
        v->n_province_scope++;
        jh_diag_add(diag, JH_DIAG_WARNING, cat->path, cat->ind[e].line, 0,
                    "indicator '%s' has scope province, but the data have values for %zu "
                    "regions in %d (a province-level indicator has one value a year; charts "
                    "and the report leave it out: is the scope right?)",
                    d->indicators.str[i], most, d->years[at]);
    }
}

/* A target whose year is not after its baseline year cannot be tracked:
 * `targets` leaves it out. */
static void check_target_years(const jh_indicator_catalog *cat, jh_diag *diag, jh_validate_table *v)
{
    for (size_t e = 0; cat && e < cat->n; e++) {
        const jh_indicator *in = &cat->ind[e];
        if (!in->baseline_year || !in->target_year || in->target_year > in->baseline_year)
            continue;
        v->n_bad_target_years++;
        jh_diag_add(diag, JH_DIAG_ERROR, cat->path, in->line, 0,
                    "indicator '%s': target year %d is not after the baseline year %d (the "
                    "targets command cannot track it; are the two years swapped?)",
                    in->code, in->target_year, in->baseline_year);
    }
}

int jh_validate_run(const jh_dataset *d, const jh_validate_opts *opts, jh_diag *diag,
                    jh_validate_table **out)
{
    static const jh_validate_opts defaults = {0};
    if (!d || !diag || !out)
        return JH_EINVAL;
    *out = NULL;
    const jh_validate_opts *o = opts ? opts : &defaults;
    jh_validate_table *v = calloc(1, sizeof *v);
    if (!v)
        return JH_ENOMEM;
    v->n_slices = d->indicators.n * d->n_years * d->n_strata;
    v->present = calloc(v->n_slices ? v->n_slices : 1, sizeof *v->present);
    if (!v->present) {
        jh_validate_table_free(v);
        return JH_ENOMEM;
    }
    if (d->n_observations == 0)
        jh_diag_add(diag, JH_DIAG_WARNING, NULL, 0, 0, "the data have no observations");
    check_ranges(d, o, diag, v);
    check_weights(d, o->indicators, diag, v);
    check_scope(d, o->indicators, diag, v);
    check_target_years(o->indicators, diag, v);
    if (check_outliers(d, o->indicators, o->outlier_z > 0 ? o->outlier_z : JH_VALIDATE_OUTLIER_Z, diag, v)) {
        jh_validate_table_free(v);
        return JH_ENOMEM;
    }
    check_catalogs(d, o, diag, v);
    if (o->services) {
        v->has_services = 1;
        v->n_service_items = o->services->n;
        v->n_service_monitored = o->services->n_monitored;
        v->n_unknown_service_indicators =
            jh_service_list_check(o->services, o->indicators, d, diag);
    }
    *out = v;
    return JH_OK;
}
