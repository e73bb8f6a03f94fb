/* Starter catalogs guessed from the data (catalog_draft.h): regions with
 * the prefecture and province codes their six-digit codes give, every
 * indicator higher-is-better, the population column found by its name,
 * and a per-1,000-people twin of every count. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "junheng/catalog_draft.h"

#define NOTE(d, ...) jh_diag_add((d), JH_DIAG_WARNING, NULL, 0, 0, __VA_ARGS__)

/* The six-digit code of a region (the first six of a 12-digit one), or
 * 0 when the code is not an administrative code. */
static int admin_code(const char *code, char out[7])
{
    size_t n = strlen(code);
    if (n != 6 && n != 12)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (code[i] < '0' || code[i] > '9')
            return 0;
    memcpy(out, code, 6);
    out[6] = '\0';
    return 1;
}

/* The data's parent column: the group column, else a text column named like
 * a prefecture (jh_study_default_group); NULL when none. */
static const char *parent_of(const jh_study *s, size_t r, const char *by)
{
    const jh_dataset *d = s->data;
    if (!by)
        return NULL;
    if (strcmp(by, "group") == 0)
        return d->region_group[r];
    size_t a = jh_study_attr(s, by);
    return a == JH_NONE ? NULL : d->attr_value[a * d->regions.n + r];
}

static int draft_regions(const jh_study *s, jh_catalog_draft_table *t)
{
    const jh_dataset *d = s->data;
    const char *by = jh_study_default_group(s);
    if (!(t->regions = calloc(d->regions.n + 1, sizeof *t->regions)))
        return JH_ENOMEM;
    for (size_t r = 0; r < d->regions.n; r++) {
        jh_region_draft *g = &t->regions[t->n_regions++];
        char six[7];
        g->code = d->regions.str[r];
        g->name = d->region_name[r] ? d->region_name[r] : "";
        if (admin_code(g->code, six)) {
            snprintf(g->prefecture, sizeof g->prefecture, "%.4s00", six);
            snprintf(g->province, sizeof g->province, "%.2s0000", six);
            t->n_coded++;
        }
        const char *parent = parent_of(s, r, by);
        g->parent = parent && *parent ? parent : g->prefecture;
    }
    return JH_OK;
}

/* Whether every value of indicator i is a whole number >= 0 (a count:
 * beds, doctors, schools), with at least one value. */
static int is_count(const jh_dataset *d, size_t i)
{
    size_t slice = d->n_years * d->n_strata * d->regions.n, seen = 0;
    const double *v = d->values + i * slice;
    for (size_t c = 0; c < slice; c++) {
        if (isnan(v[c]))
            continue;
        if (v[c] < 0 || v[c] != floor(v[c]))
            return 0;
        seen++;
    }
    return seen > 0;
}

/* Whether a name says its values are already relative to something (per
 * capita, a rate, a share, an average): a whole number there is not a
 * count, and a per-1,000-people twin of it would mean nothing.  Latin
 * words match at a word start (pcincome, per_capita, enrol_rate). */
static int relative_name(const char *name)
{
    static const char *const latin[] = {"pc", "per", "rate", "ratio", "share", "pct", "percent",
                                        "avg", "average", "mean", "median", "index", "density"};
    static const char *const han[] = {"率", "人均", "每", "比", "均", "密度", "指数"};
    for (size_t k = 0; k < sizeof han / sizeof han[0]; k++)
        if (strstr(name, han[k]))
            return 1;
    for (const char *p = name; *p; p++) {
        if (p != name && isalpha((unsigned char)p[-1]))
            continue;
        for (size_t k = 0; k < sizeof latin / sizeof latin[0]; k++)
            if (strncasecmp(p, latin[k], strlen(latin[k])) == 0)
                return 1;
    }
    return 0;
}

/* Whether an indicator's name says it is a population (pop, 人口). */
static int population_name(const char *name)
{
    for (const char *p = name; *p; p++)
        if (strncasecmp(p, "pop", 3) == 0)
            return 1;
    return strstr(name, "人口") != NULL;
}

/* Whether the weight (column ind, or the data's weight column for
 * JH_NONE) takes one value wherever it is given: a placeholder such as
 * population = 1, under which weighted indices only repeat the others. */
static int constant_weight(const jh_dataset *d, size_t ind, double *value)
{
    size_t slice = d->n_years * d->n_strata * d->regions.n, n = 0;
    const double *v = ind != JH_NONE ? d->values + ind * slice : d->weights;
    for (size_t c = 0; v && c < slice; c++) {
        if (isnan(v[c]))
            continue;
        if (n++ && v[c] != *value)
            return 0;
        *value = v[c];
    }
    return n > 1;
}

/* The weight: the data's weight column, else an indicator named like a
 * population (registered_pop_persons, 户籍人口数), said; run.ini then reads
 * it with weight_col.  Sets t->weight (NULL: none), t->weight_indicator
 * (JH_NONE for the weight column) and t->placeholder. */
static void find_weight(const jh_study *s, int no_weight, jh_diag *diag,
                        jh_catalog_draft_table *t)
{
    const jh_dataset *d = s->data;
    t->weight = d->weights ? d->weight_name : NULL;
    t->weight_indicator = JH_NONE;
    for (size_t k = 0; !t->weight && !no_weight && k < d->indicators.n; k++)
        if (population_name(d->indicators.str[k])) {
            t->weight = d->indicators.str[k];
            t->weight_indicator = k;
            NOTE(diag, "column '%s' taken as the population (the weight); give --weight-col "
                 "NAME or --no-weight otherwise", t->weight);
        }
    double v;
    if (t->weight && constant_weight(d, t->weight_indicator, &v)) {
        NOTE(diag, "column '%s' is %g in every row, which no population is: the indicators "
             "are not weighted (give --weight-col NAME for another column)", t->weight, v);
        t->weight = NULL;
        t->weight_indicator = JH_NONE;
        t->placeholder = 1;
    }
}

/* 1e-4 when the weight column looks like 10,000s of people (万人: a county
 * median below 20,000 cannot be people), else 1: so that COUNT / weight x
 * 1000 x scale is per 1,000 people (COUNT / (weight x 10^4) x 1000 =
 * COUNT / weight x 0.1 for 万人). */
static double population_scale(const jh_dataset *d, const jh_catalog_draft_table *t)
{
    size_t slice = d->n_years * d->n_strata * d->regions.n, n = 0, below = 0;
    const double *v = t->weight_indicator != JH_NONE ? d->values + t->weight_indicator * slice
                                                     : d->weights;
    for (size_t c = 0; t->weight && v && c < slice; c++)
        if (!isnan(v[c])) {
            n++;
            below += v[c] < 20000;
        }
    return n && 2 * below > n ? 1e-4 : 1;
}

/* The first value below zero of indicator i, or 0 when none: the run
 * refuses such values (no count or rate is negative). */
static int first_negative(const jh_dataset *d, size_t i, size_t *region, size_t *year)
{
    for (size_t y = 0; y < d->n_years; y++)
        for (size_t k = 0; k < d->n_strata; k++) {
            const double *x = jh_dataset_slice(d, i, y, k);
            for (size_t r = 0; r < d->regions.n; r++)
                if (x[r] < 0) {
                    *region = r;
                    *year = y;
                    return 1;
                }
        }
    return 0;
}

/* Marks the indicators with negative values and says where: run.ini
 * leaves them out (ignore_col) until the data are fixed. */
static int mark_negative(const jh_dataset *d, jh_diag *diag, jh_catalog_draft_table *t)
{
    t->negative = calloc(d->indicators.n ? d->indicators.n : 1, 1);
    if (!t->negative)
        return JH_ENOMEM;
    for (size_t i = 0; i < d->indicators.n; i++) {
        size_t r, y;
        if (i == t->weight_indicator || !first_negative(d, i, &r, &y))
            continue;
        t->negative[i] = 1;
        t->n_negative++;
        NOTE(diag, "column '%s' has a negative value (region '%s', %d): left out by run.ini's "
             "ignore_col until the data are fixed", d->indicators.str[i], d->regions.str[r],
             d->years[y]);
    }
    return JH_OK;
}

/* Appends an indicator row (code and name copied). */
static int add_indicator(jh_catalog_draft_table *t, const char *code, const char *name,
                         jh_indicator_draft row)
{
    jh_indicator_draft *r = &t->indicators[t->n_indicators];
    *r = row;
    r->code = strdup(code);
    r->name = strdup(name);
    if (!r->code || !r->name) {
        free(r->code);
        free(r->name);
        return JH_ENOMEM;
    }
    t->n_indicators++;
    return JH_OK;
}

/* The twin per 1,000 people of every count whose name does not say it is
 * relative already, and not in the data under that name. */
static int derived_indicators(const jh_dataset *d, jh_catalog_draft_table *t)
{
    for (size_t i = 0; i < d->indicators.n; i++) {
        if (i == t->weight_indicator || t->negative[i] || !is_count(d, i) ||
            relative_name(d->indicators.str[i]))
            continue;
        char code[512], name[512];
        snprintf(code, sizeof code, "%s_per_1000", d->indicators.str[i]);
        snprintf(name, sizeof name, "每千人%s", d->indicators.str[i]);
        if (jh_intern_find(&d->indicators, code) != JH_NONE)
            continue;
        if (add_indicator(t, code, name, (jh_indicator_draft){
                .direction = "higher_better", .weight = "population",
                .numerator = d->indicators.str[i], .denominator = t->weight,
                .scale = 1000 * t->scale,
                .note = "proposed by junheng init: a count per 1,000 people"}))
            return JH_ENOMEM;
        t->n_derived++;
    }
    return JH_OK;
}

/* Every indicator of the data (but the weight and those with negative
 * values), the weight, then the derived twins. */
static int draft_indicators(const jh_dataset *d, jh_catalog_draft_table *t)
{
    if (!(t->indicators = calloc(2 * d->indicators.n + 2, sizeof *t->indicators)))
        return JH_ENOMEM;
    for (size_t i = 0; i < d->indicators.n; i++) {
        const char *code = d->indicators.str[i];
        if (i == t->weight_indicator || t->negative[i])
            continue;
        if (add_indicator(t, code, code, (jh_indicator_draft){
                .direction = "higher_better", .weight = t->weight ? "population" : "none",
                .numerator = "", .denominator = "", .scale = 1,
                .note = "guessed by junheng init: check direction and unit"}))
            return JH_ENOMEM;
    }
    if (!t->weight)
        return JH_OK;
    if (add_indicator(t, t->weight, t->weight, (jh_indicator_draft){
            .direction = "neutral", .weight = "none", .numerator = "", .denominator = "",
            .scale = 1, .note = "the weight column (population); a part of the derived "
                                "indicators"}))
        return JH_ENOMEM;
    return derived_indicators(d, t);
}

void jh_catalog_draft_table_free(jh_catalog_draft_table *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n_indicators; i++) {
        free(t->indicators[i].code);
        free(t->indicators[i].name);
    }
    free(t->indicators);
    free(t->regions);
    free(t->negative);
    free(t);
}

int jh_catalog_draft_run(const jh_study *s, const jh_catalog_draft_opts *opts, jh_diag *diag,
                         jh_catalog_draft_table **out)
{
    jh_catalog_draft_table *t = calloc(1, sizeof *t);
    *out = NULL;
    if (!t)
        return JH_ENOMEM;
    find_weight(s, opts->no_weight, diag, t);
    t->scale = population_scale(s->data, t);
    int rc = mark_negative(s->data, diag, t);
    if (!rc)
        rc = draft_regions(s, t);
    if (!rc)
        rc = draft_indicators(s->data, t);
    if (rc) {
        jh_catalog_draft_table_free(t);
        return rc;
    }
    *out = t;
    return JH_OK;
}
