/* The report of `junheng validate` (tables/validate.txt of a run): the
 * files, counts, coverage per indicator and year, and the checks. */
#include <stdio.h>
#include "junheng/validate.h"

static const char *plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

static void print_coverage(FILE *f, const jh_dataset *d, const jh_validate_table *v)
{
    size_t nr = d->regions.n;
    fprintf(f, "\ncoverage (share of the %zu %s with a value):\n", nr, plural(nr, "region", "regions"));
    if (!d->indicators.n || !d->n_years) {
        fprintf(f, "  (no values)\n");
        return;
    }
    for (size_t y = 0; y < d->n_years; y++)
        fprintf(f, "%8d", d->years[y]);
    fprintf(f, "  indicator\n");
    for (size_t i = 0; i < d->indicators.n; i++)
        for (size_t s = 0; s < d->n_strata; s++) {
            size_t any = 0;
            for (size_t y = 0; y < d->n_years; y++)
                any += jh_validation_present(v, d, i, y, s);
            if (!any && s > 0)
                continue; /* a stratum the indicator does not have */
            for (size_t y = 0; y < d->n_years; y++) {
                size_t k = jh_validation_present(v, d, i, y, s);
                /* Rounded down, so that 100.0% means every region. */
                unsigned long per_mille = nr ? (unsigned long)(k * 1000 / nr) : 0;
                fprintf(f, "  %3lu.%lu%%", per_mille / 10, per_mille % 10);
            }
            if (d->n_strata > 1)
                fprintf(f, "  %s (%s)\n", d->indicators.str[i], jh_dataset_stratum_name(d, s));
            else
                fprintf(f, "  %s\n", d->indicators.str[i]);
        }
}

static void print_report(FILE *f, const jh_validation_report *o)
{
    const jh_dataset *d = o->d;
    const jh_validate_table *v = o->v;
    const jh_diag *checks = o->checks;
    fprintf(f, "junheng validate\n\nfiles:\n");
    for (size_t i = 0; i < d->n_files; i++)
        fprintf(f, "  %s (%s)\n", d->files[i], d->file_encoding[i]);
    if (o->regions)
        fprintf(f, "regions catalog: %s\n", o->regions);
    if (o->indicators)
        fprintf(f, "indicators catalog: %s\n", o->indicators);
    fprintf(f, "\nobservations: %zu\n", d->n_observations);
    fprintf(f, "missing: %zu\n", d->n_missing);
    fprintf(f, "censored: %zu%s\n", d->n_censored,
           !d->n_censored ? ""
           : o->censored == JH_CENSORED_MISSING ? " (read as missing)"
                                                          : " (read as their bound)");
    fprintf(f, "duplicates merged: %zu\n", d->n_duplicates);
    if (d->n_other_level)
        fprintf(f, "rows of another level left out: %zu (analysed: %s level)\n",
                d->n_other_level, jh_level_name((jh_level)d->level));
    fprintf(f, "regions: %zu\n", d->regions.n);
    fprintf(f, "indicators: %zu", d->indicators.n);
    for (size_t i = 0; i < d->indicators.n; i++)
        fprintf(f, "%s%s", i ? ", " : ": ", d->indicators.str[i]);
    fprintf(f, "\n");
    if (d->n_skipped) {
        fprintf(f, "columns not taken as indicators:");
        for (size_t i = 0; i < d->n_skipped; i++)
            fprintf(f, "%s %s (%s)", i ? "," : "", d->skipped_col[i], d->skipped_why[i]);
        fprintf(f, "\n");
    }
    fprintf(f, "years: %zu", d->n_years);
    for (size_t y = 0; y < d->n_years; y++)
        fprintf(f, "%s%d", y ? " " : ": ", d->years[y]);
    fprintf(f, "\nstrata: %zu", d->n_strata);
    for (size_t s = 0; s < d->n_strata; s++)
        fprintf(f, "%s%s", s ? " " : ": ", jh_dataset_stratum_name(d, s));
    fprintf(f, "\nweight: %s\n", d->weight_name ? d->weight_name : "none");
    print_coverage(f, d, v);
    fprintf(f, "\nchecks:\n");
    fprintf(f, "  negative values: %zu\n", v->n_negative);
    if (o->indicators)
        fprintf(f, "  values above 100 with unit %%: %zu\n", v->n_above_100);
    fprintf(f, "  outliers (robust z > %.1f): %zu", JH_VALIDATE_OUTLIER_Z, v->n_outliers);
    if (v->n_slices_mad_zero)
        fprintf(f, " (%zu %s with MAD 0 skipped)", v->n_slices_mad_zero,
               plural(v->n_slices_mad_zero, "slice", "slices"));
    fprintf(f, "\n");
    if (o->regions) {
        fprintf(f, "  regions not in the catalog: %zu\n", v->n_unknown_regions);
        fprintf(f, "  catalog regions without data: %zu\n", v->n_regions_without_data);
    }
    if (d->weight_name)
        fprintf(f, "  %s negative: %zu, zero or missing: %zu\n", d->weight_name,
               v->n_weight_negative, v->n_weight_zero);
    if (o->indicators) {
        fprintf(f, "  indicators not in the catalog: %zu\n", v->n_unknown_indicators);
        fprintf(f, "  province-scope indicators with county values: %zu\n", v->n_province_scope);
        fprintf(f, "  targets not after their baseline year: %zu\n", v->n_bad_target_years);
    }
    if (v->has_services)
        fprintf(f, "  service items: %zu, monitored by an indicator: %zu, indicators "
                   "named but unknown: %zu\n", v->n_service_items, v->n_service_monitored,
                v->n_unknown_service_indicators);
    if (checks->n)
        fprintf(f, "\n");
    for (size_t i = 0; i < checks->n; i++)
        fprintf(f, "%s: %s\n", checks->items[i].level == JH_DIAG_ERROR ? "error" : "warning",
               checks->items[i].text);
}

/* Counts of kept items of each level. */
static void kept(const jh_diag *d, size_t *err, size_t *warn)
{
    *err = *warn = 0;
    for (size_t i = 0; i < d->n; i++) {
        if (d->items[i].level == JH_DIAG_ERROR)
            ++*err;
        else
            ++*warn;
    }
}

void jh_write_validation(FILE *f, const jh_validation_report *r)
{
    size_t ke, kw;
    print_report(f, r);
    kept(r->checks, &ke, &kw);
    if (r->checks->n_errors > ke)
        fprintf(f, "... and %zu more errors\n", r->checks->n_errors - ke);
    if (r->checks->n_warnings > kw)
        fprintf(f, "... and %zu more warnings\n", r->checks->n_warnings - kw);
    size_t ne = r->read_errors + r->checks->n_errors;
    size_t nw = r->read_warnings + r->checks->n_warnings;
    fprintf(f, "\nresult: %zu %s, %zu %s", ne, plural(ne, "error", "errors"), nw,
            plural(nw, "warning", "warnings"));
    if (r->read_errors + r->read_warnings)
        fprintf(f, " (%zu while reading, listed on standard error)",
                r->read_errors + r->read_warnings);
    fprintf(f, "\n");
}
