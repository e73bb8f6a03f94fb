/* The study: a dataset joined with its catalogs. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "junheng/study.h"

void jh_study_free(jh_study *s)
{
    if (!s)
        return;
    jh_dataset_free(s->data);
    jh_region_catalog_free(s->regions);
    jh_indicator_catalog_free(s->indicators);
    free(s->region_entry);
    free(s->indicator_entry);
    free(s->weight_source);
    free(s->unweighted);
    free(s);
}

/* Whether ASCII-case-folded text contains word. */
static int contains_nocase(const char *text, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = text; *p; p++)
        if (strncasecmp(p, word, n) == 0)
            return 1;
    return 0;
}

size_t jh_region_catalog_levels(const jh_region_catalog *cat, const char **names, size_t max)
{
    static const char *const words[] = {"prefecture", "province", "city", "county",
                                        "district", "parent", "level", "省", "市", "州",
                                        "盟", "地区", "县"};
    size_t n = 0;
    for (size_t a = 0; cat && a < cat->n_attrs && n < max; a++)
        for (size_t w = 0; w < sizeof words / sizeof *words; w++)
            if (contains_nocase(cat->attr_name[a], words[w])) {
                names[n++] = cat->attr_name[a];
                break;
            }
    return n;
}

static int read_catalogs(jh_study *s, const jh_study_opts *o, jh_diag *diag)
{
    int rc = JH_OK;
    if (o && o->regions_read)
        s->regions = o->regions_read;
    else if (o && o->regions_path)
        rc = jh_region_catalog_read(o->regions_path, diag, &s->regions);
    if (!rc && o && o->indicators_path)
        rc = jh_indicator_catalog_read(o->indicators_path, diag, &s->indicators);
    return rc;
}

/* The catalog code a data region missing from the catalog likely is: among
 * the catalog's codes no data region took, the one of the same name, else
 * the nearest (jh_suggest); NULL when none.  A code renamed by a change of
 * administrative division (九台市 220181 -> 九台区 220113) is found by name. */
static const char *near_code(const jh_study *s, size_t r, const char **free_codes,
                             const size_t *free_entry, size_t n_free)
{
    const char *name = s->data->region_name[r];
    for (size_t k = 0; name && k < n_free; k++)
        if (s->regions->name[free_entry[k]] && strcmp(s->regions->name[free_entry[k]], name) == 0)
            return free_codes[k];
    return jh_suggest(s->data->regions.str[r], free_codes, n_free);
}

/* Says that data region r is not in the catalog, with the likely code. */
static void no_catalog_region(const jh_study *s, size_t r, int lenient,
                              const char **free_codes, const size_t *free_entry,
                              size_t n_free, jh_diag *diag)
{
    const jh_dataset *d = s->data;
    const char *near = near_code(s, r, free_codes, free_entry, n_free);
    const char *near_name = NULL;
    for (size_t k = 0; near && k < n_free; k++)
        if (free_codes[k] == near)
            near_name = s->regions->name[free_entry[k]];
    char hint[512] = "";
    if (near)
        snprintf(hint, sizeof hint, "did you mean '%s'%s%s%s?%s", near,
                 near_name ? " (" : "", near_name ? near_name : "", near_name ? ")" : "",
                 lenient ? "" : " ");
    if (!lenient)
        snprintf(hint + strlen(hint), sizeof hint - strlen(hint),
                 "give --lenient to go on without it");
    jh_diag_add(diag, lenient ? JH_DIAG_WARNING : JH_DIAG_ERROR,
                d->files[d->region_file[r]], d->region_line[r], 0,
                "region '%s' is not in the region catalog %s%s%s%s", d->regions.str[r],
                s->regions->path, *hint ? " (" : "", hint, *hint ? ")" : "");
}

/* Every region of the data must be in the region catalog. */
static int match_regions(jh_study *s, int lenient, jh_diag *diag)
{
    const jh_dataset *d = s->data;
    size_t missing = 0, n_free = 0, n_cat = s->regions ? s->regions->n : 0;
    s->region_entry = malloc((d->regions.n ? d->regions.n : 1) * sizeof *s->region_entry);
    if (!s->region_entry)
        return JH_ENOMEM;
    for (size_t r = 0; r < d->regions.n; r++) {
        s->region_entry[r] = s->regions ? jh_region_catalog_find(s->regions, d->regions.str[r])
                                        : JH_NONE;
        missing += s->regions && s->region_entry[r] == JH_NONE;
    }
    if (!missing)
        return JH_OK;
    /* The catalog's codes that no data region took, for "did you mean". */
    unsigned char *taken = calloc(n_cat + 1, 1);
    const char **free_codes = malloc((n_cat + 1) * sizeof *free_codes);
    size_t *free_entry = malloc((n_cat + 1) * sizeof *free_entry);
    int rc = taken && free_codes && free_entry ? JH_OK : JH_ENOMEM;
    for (size_t r = 0; !rc && r < d->regions.n; r++)
        if (s->region_entry[r] != JH_NONE)
            taken[s->region_entry[r]] = 1;
    for (size_t e = 0; !rc && e < n_cat; e++)
        if (!taken[e]) {
            free_codes[n_free] = s->regions->codes.str[e];
            free_entry[n_free++] = e;
        }
    for (size_t r = 0; !rc && r < d->regions.n; r++)
        if (s->region_entry[r] == JH_NONE)
            no_catalog_region(s, r, lenient, free_codes, free_entry, n_free, diag);
    free(taken);
    free(free_codes);
    free(free_entry);
    return rc ? rc : lenient ? JH_OK : JH_EPARSE;
}

static int match_indicators(jh_study *s, jh_diag *diag)
{
    const jh_dataset *d = s->data;
    size_t n = d->indicators.n ? d->indicators.n : 1;
    free(s->indicator_entry);
    s->indicator_entry = malloc(n * sizeof *s->indicator_entry);
    if (!s->indicator_entry)
        return JH_ENOMEM;
    for (size_t i = 0; i < d->indicators.n; i++) {
        s->indicator_entry[i] = s->indicators
            ? jh_indicator_catalog_find(s->indicators, d->indicators.str[i]) : JH_NONE;
        if (s->indicators && s->indicator_entry[i] == JH_NONE && diag)
            jh_diag_add(diag, JH_DIAG_WARNING, NULL, 0, 0,
                        "indicator '%s' is not in the indicator catalog %s: treated as "
                        "higher-is-better, weighted by the data's weight column",
                        d->indicators.str[i], s->indicators->path);
    }
    return JH_OK;
}

/* Data indicator that is catalog entry e, or JH_NONE. */
static size_t data_indicator_of(const jh_study *s, size_t e)
{
    for (size_t i = 0; i < s->data->indicators.n; i++)
        if (s->indicator_entry[i] == e)
            return i;
    return JH_NONE;
}

/* Appends an indicator to the cube, NaN everywhere; returns its index. */
static size_t append_indicator(jh_dataset *d, const char *code)
{
    size_t slice = d->n_years * d->n_strata * d->regions.n;
    size_t k = jh_intern_add(&d->indicators, code, strlen(code), NULL);
    if (k == JH_NONE)
        return JH_NONE;
    size_t cells = (k + 1) * slice;
    double *v = realloc(d->values, (cells ? cells : 1) * sizeof *v);
    if (!v)
        return JH_NONE;
    d->values = v;
    if (d->weights) {
        double *w = realloc(d->weights, (cells ? cells : 1) * sizeof *w);
        if (!w)
            return JH_NONE;
        d->weights = w;
    }
    for (size_t c = k * slice; c < cells; c++) {
        d->values[c] = NAN;
        if (d->weights)
            d->weights[c] = NAN;
    }
    return k;
}

/* A part of a derived indicator: a data indicator, or the weight column
 * (JH_CATALOG_WEIGHT_COLUMN), or JH_NONE when the data lack it. */
static size_t part_of(const jh_study *s, size_t e)
{
    const jh_dataset *d = s->data;
    if (e == JH_CATALOG_WEIGHT_COLUMN)
        return d->weights ? e : JH_NONE;
    size_t i = data_indicator_of(s, e);
    if (i != JH_NONE || !d->weights || !d->weight_name)
        return i;
    /* beds_per_1000 = beds / pop, read with --weight-col pop: the catalog's
     * indicator pop is the data's weight column, not a data indicator. */
    const jh_indicator *in = &s->indicators->ind[e];
    const char *names[] = {in->code, in->name_zh, in->name_en};
    for (size_t k = 0; k < 3; k++)
        if (*names[k] && strcasecmp(names[k], d->weight_name) == 0)
            return JH_CATALOG_WEIGHT_COLUMN;
    return JH_NONE;
}

/* Cell c of part p; the weight column's cell is the weight recorded with
 * the other part's value (its row's population). */
static double part_value(const jh_dataset *d, size_t p, size_t other, size_t slice, size_t c)
{
    return p == JH_CATALOG_WEIGHT_COLUMN ? d->weights[other * slice + c]
                                         : d->values[p * slice + c];
}

/* A derived indicator being filled, for messages: its name and, for a
 * catalog's, the catalog's place. */
struct derived_at {
    const char *name;
    const char *path;     /* NULL for --derive */
    unsigned long line;
};

/* Whether region r has any value in year y, stratum st: where it has none
 * the data simply lack it, and an empty derived cell tells nothing new. */
static int region_present(const jh_dataset *d, size_t y, size_t st, size_t r)
{
    for (size_t i = 0; i < d->indicators.n; i++)
        if (!isnan(d->values[jh_dataset_offset(d, i, y, st, r)]))
            return 1;
    return 0;
}

static const char *part_name(const jh_dataset *d, size_t p)
{
    return p == JH_CATALOG_WEIGHT_COLUMN ? d->weight_name : d->indicators.str[p];
}

/* Appends "CODE NAME[ (STRATUM)]: no PART" or "...: PART is 0" to buf. */
static void add_example(const jh_dataset *d, size_t st, size_t r, const char *part, int zero,
                        char *buf, size_t cap)
{
    size_t len = strlen(buf);
    const char *name = d->region_name[r], *stn = jh_dataset_stratum_name(d, st);
    snprintf(buf + len, cap - len, "%s%s%s%s", len ? "; " : "", d->regions.str[r],
             name ? " " : "", name ? name : "");
    len = strlen(buf);
    if (strcmp(stn, "total") != 0)
        snprintf(buf + len, cap - len, " (%s)", stn);
    len = strlen(buf);
    snprintf(buf + len, cap - len, zero ? ": %s is 0" : ": no %s", part);
}

/* value = numerator / denominator x scale, cell by cell; the weight of a
 * derived cell is that of its indicator part (the numerator's when both
 * are indicators).  A region with data in a year whose cell stays empty
 * (a part missing, the denominator 0) is said, once per year: an absent
 * value would otherwise look like a county without that service. */
static void fill_derived(jh_dataset *d, size_t k, size_t num, size_t den, double scale,
                         const struct derived_at *at, jh_diag *diag)
{
    size_t slice = d->n_years * d->n_strata * d->regions.n;
    size_t wsrc = num != JH_CATALOG_WEIGHT_COLUMN ? num : den;
    for (size_t c = 0; c < slice; c++) {
        double a = part_value(d, num, den, slice, c), b = part_value(d, den, num, slice, c);
        if (!isnan(a) && !isnan(b) && b != 0)
            d->values[k * slice + c] = a / b * scale;
        if (d->weights)
            d->weights[k * slice + c] = d->weights[wsrc * slice + c];
    }
    for (size_t y = 0; diag && y < d->n_years; y++) {
        size_t empty = 0;
        char list[512] = "";
        for (size_t st = 0; st < d->n_strata; st++)
            for (size_t r = 0; r < d->regions.n; r++) {
                size_t c = jh_dataset_offset(d, 0, y, st, r);
                if (!isnan(d->values[k * slice + c]) || !region_present(d, y, st, r))
                    continue;
                double a = part_value(d, num, den, slice, c);
                double b = part_value(d, den, num, slice, c);
                if (empty++ < 3)
                    add_example(d, st, r, part_name(d, isnan(a) ? num : den),
                                !isnan(a) && !isnan(b), list, sizeof list);
            }
        if (empty)
            jh_diag_add(diag, JH_DIAG_WARNING, at->path, at->line, 0,
                        "derived indicator '%s', year %d: left empty in %zu region%s with "
                        "data (%s%s)", at->name, d->years[y], empty, empty == 1 ? "" : "s",
                        list, empty > 3 ? "; ..." : "");
    }
}

/* Says why a derived indicator is not computed: a silent absence would
 * look like an indicator nobody asked for. */
static void warn_underived(const jh_study *s, const jh_indicator *in, size_t num, size_t den,
                           jh_diag *diag)
{
    const jh_indicator_catalog *cat = s->indicators;
    size_t miss = num == JH_NONE ? in->numerator : den == JH_NONE ? in->denominator
                                                                  : JH_CATALOG_WEIGHT_COLUMN;
    const char *what = miss == JH_CATALOG_WEIGHT_COLUMN ? NULL : cat->ind[miss].code;
    if (!diag)
        return;
    if (what)
        jh_diag_add(diag, JH_DIAG_WARNING, cat->path, in->line, 0,
                    "derived indicator '%s' not computed: its %s '%s' is neither in the "
                    "data nor the weight column", in->code,
                    num == JH_NONE ? "numerator" : "denominator", what);
    else
        jh_diag_add(diag, JH_DIAG_WARNING, cat->path, in->line, 0,
                    "derived indicator '%s' not computed: %s", in->code,
                    s->data->weights ? "both parts are the weight column"
                                     : "it uses the weight column (population) and "
                                       "the data have none");
}

static int derive_indicators(jh_study *s, jh_diag *diag)
{
    const jh_indicator_catalog *cat = s->indicators;
    for (size_t j = 0; cat && j < cat->n_derived; j++) {
        const jh_indicator *in = &cat->ind[cat->derived_order[j]];
        if (data_indicator_of(s, cat->derived_order[j]) != JH_NONE)
            continue;
        size_t num = part_of(s, in->numerator);
        size_t den = part_of(s, in->denominator);
        if (num == JH_NONE || den == JH_NONE ||
            (num == JH_CATALOG_WEIGHT_COLUMN && den == JH_CATALOG_WEIGHT_COLUMN)) {
            warn_underived(s, in, num, den, diag);
            continue;
        }
        size_t k = append_indicator(s->data, in->code);
        if (k == JH_NONE || match_indicators(s, NULL))
            return JH_ENOMEM;
        struct derived_at at = {in->code, cat->path, in->line};
        fill_derived(s->data, k, num, den, in->scale, &at, diag);
    }
    return JH_OK;
}

/* A part of --derive: a data indicator or the weight column; JH_NONE with
 * the names that exist and the nearest in diag. */
static size_t derive_part(const jh_study *s, const char *part, const char *what,
                          const char *name, jh_diag *diag)
{
    const jh_dataset *d = s->data;
    size_t i = jh_intern_find(&d->indicators, part);
    if (i != JH_NONE)
        return i;
    if (d->weights && d->weight_name && strcasecmp(part, d->weight_name) == 0)
        return JH_CATALOG_WEIGHT_COLUMN;
    const char *names[256];
    char list[512] = "";
    size_t n = 0;
    if (d->weight_name && d->weights)
        names[n++] = d->weight_name;
    for (size_t k = 0; k < d->indicators.n && n < 256; k++)
        names[n++] = d->indicators.str[k];
    const char *near = jh_suggest(part, names, n);
    jh_list_names(names, n, list, sizeof list);
    jh_diag_add(diag, JH_DIAG_ERROR, NULL, 0, 0,
                "--derive %s: no indicator or weight column '%s' for the %s (%s%s%s"
                "columns with numbers: %s)", name, part, what, near ? "did you mean '" : "",
                near ? near : "", near ? "'? " : "", list);
    return JH_NONE;
}

/* Grows the per-indicator tables of s by the indicator just appended. */
static int grow_study_tables(jh_study *s, size_t k)
{
    size_t *e = realloc(s->indicator_entry, (k + 1) * sizeof *e);
    if (!e)
        return JH_ENOMEM;
    s->indicator_entry = e;
    size_t *w = realloc(s->weight_source, (k + 1) * sizeof *w);
    if (!w)
        return JH_ENOMEM;
    s->weight_source = w;
    int *u = realloc(s->unweighted, (k + 1) * sizeof *u);
    if (!u)
        return JH_ENOMEM;
    s->unweighted = u;
    e[k] = s->indicators ? jh_indicator_catalog_find(s->indicators, s->data->indicators.str[k])
                         : JH_NONE;
    w[k] = JH_NONE;
    u[k] = 0;
    return JH_OK;
}

int jh_study_derive(jh_study *s, const char *name, const char *num, const char *den,
                    double scale, jh_diag *diag)
{
    if (jh_intern_find(&s->data->indicators, name) != JH_NONE) {
        jh_diag_add(diag, JH_DIAG_ERROR, NULL, 0, 0,
                    "--derive %s: the data have an indicator of that name already "
                    "(choose another name)", name);
        return JH_EINVAL;
    }
    size_t a = derive_part(s, num, "numerator", name, diag);
    size_t b = derive_part(s, den, "denominator", name, diag);
    if (a == JH_NONE || b == JH_NONE)
        return JH_EINVAL;
    if (a == JH_CATALOG_WEIGHT_COLUMN && b == JH_CATALOG_WEIGHT_COLUMN) {
        jh_diag_add(diag, JH_DIAG_ERROR, NULL, 0, 0,
                    "--derive %s: both parts are the weight column", name);
        return JH_EINVAL;
    }
    size_t k = append_indicator(s->data, name);
    if (k == JH_NONE || grow_study_tables(s, k))
        return JH_ENOMEM;
    struct derived_at at = {name, NULL, 0};
    fill_derived(s->data, k, a, b, scale, &at, diag);
    return JH_OK;
}

/* An indicator weighted by another that the data lack (not read, or left
 * out by --indicators-only) would otherwise lose its weighted twins
 * without a word. */
static void warn_weight_missing(const jh_study *s, const jh_indicator *in, jh_diag *diag)
{
    const jh_indicator_catalog *cat = s->indicators;
    if (diag)
        jh_diag_add(diag, JH_DIAG_WARNING, cat->path, in->line, 0,
                    "indicator '%s' is weighted by '%s', which is not in the data (with "
                    "--indicators-only, list it too); its weighted results are left out",
                    in->code, cat->ind[in->weight_indicator].code);
}

static int resolve_weights(jh_study *s, jh_diag *diag)
{
    size_t n = s->data->indicators.n ? s->data->indicators.n : 1;
    s->weight_source = malloc(n * sizeof *s->weight_source);
    s->unweighted = calloc(n, sizeof *s->unweighted);
    if (!s->weight_source || !s->unweighted)
        return JH_ENOMEM;
    for (size_t i = 0; i < s->data->indicators.n; i++) {
        const jh_indicator *in = jh_study_indicator(s, i);
        s->weight_source[i] = JH_NONE;
        if (!in)
            continue;
        s->unweighted[i] = in->weight == JH_WEIGHT_NONE;
        if (in->weight == JH_WEIGHT_INDICATOR) {
            s->weight_source[i] = data_indicator_of(s, in->weight_indicator);
            s->unweighted[i] = s->weight_source[i] == JH_NONE;
            if (s->unweighted[i])
                warn_weight_missing(s, in, diag);
        }
    }
    return JH_OK;
}

/* Matches, derives and resolves weights once the catalogs are in s. */
static int complete(jh_study *s, int lenient, jh_diag *diag)
{
    int rc = match_regions(s, lenient, diag);
    if (!rc)
        rc = match_indicators(s, diag);
    if (!rc)
        rc = derive_indicators(s, diag);
    if (!rc)
        rc = resolve_weights(s, diag);
    return rc;
}

int jh_study_make(jh_dataset *data, const jh_study_opts *opts, jh_diag *diag,
                  jh_study **out)
{
    jh_study *s = calloc(1, sizeof *s);
    int rc;
    *out = NULL;
    if (!s) {
        jh_dataset_free(data);
        jh_region_catalog_free(opts ? opts->regions_read : NULL);
        return JH_ENOMEM;
    }
    s->data = data;
    rc = read_catalogs(s, opts, diag);
    if (!rc)
        rc = complete(s, opts && opts->lenient, diag);
    if (rc) {
        jh_study_free(s);
        return rc;
    }
    *out = s;
    return JH_OK;
}

int jh_study_make_from(jh_dataset *data, jh_region_catalog *regions,
                       jh_indicator_catalog *indicators, int lenient, jh_diag *diag,
                       jh_study **out)
{
    jh_study *s = calloc(1, sizeof *s);
    *out = NULL;
    if (!s) {
        jh_dataset_free(data);
        jh_region_catalog_free(regions);
        jh_indicator_catalog_free(indicators);
        return JH_ENOMEM;
    }
    s->data = data;
    s->regions = regions;
    s->indicators = indicators;
    int rc = complete(s, lenient, diag);
    if (rc) {
        jh_study_free(s);
        return rc;
    }
    *out = s;
    return JH_OK;
}

const jh_indicator *jh_study_indicator(const jh_study *s, size_t ind)
{
    if (!s->indicators || ind >= s->data->indicators.n || s->indicator_entry[ind] == JH_NONE)
        return NULL;
    return &s->indicators->ind[s->indicator_entry[ind]];
}

const double *jh_study_weights(const jh_study *s, size_t ind, size_t year, size_t stratum)
{
    const jh_dataset *d = s->data;
    if (s->unweighted[ind])
        return NULL;
    if (s->weight_source[ind] != JH_NONE)
        return jh_dataset_slice(d, s->weight_source[ind], year, stratum);
    return d->weights ? d->weights + jh_dataset_offset(d, ind, year, stratum, 0) : NULL;
}

const char *jh_study_weight_name(const jh_study *s, size_t ind)
{
    if (s->unweighted[ind])
        return NULL;
    if (s->weight_source[ind] != JH_NONE)
        return s->data->indicators.str[s->weight_source[ind]];
    return s->data->weights ? s->data->weight_name : NULL;
}

jh_direction jh_study_direction(const jh_study *s, size_t ind)
{
    const jh_indicator *in = jh_study_indicator(s, ind);
    return in ? in->direction : JH_DIRECTION_HIGHER;
}

const char *jh_study_domain(const jh_study *s, size_t ind)
{
    const jh_indicator *in = jh_study_indicator(s, ind);
    return in && in->domain ? in->domain : "";
}


static const char *first_nonempty(const char *a, const char *b, const char *c)
{
    if (a && *a)
        return a;
    if (b && *b)
        return b;
    return c;
}

const char *jh_study_unit(const jh_study *s, size_t ind, const char *lang)
{
    const jh_indicator *in = jh_study_indicator(s, ind);
    if (!in)
        return "";
    int en = lang && strcmp(lang, "en") == 0;
    return first_nonempty(en ? in->unit_en : NULL, in->unit, "");
}

const char *jh_study_indicator_label(const jh_study *s, size_t ind, const char *lang)
{
    const jh_indicator *in = jh_study_indicator(s, ind);
    const char *code = s->data->indicators.str[ind];
    if (!in)
        return code;
    int en = lang && strcmp(lang, "en") == 0;
    return first_nonempty(en ? in->name_en : in->name_zh, en ? in->name_zh : in->name_en, code);
}

const char *jh_study_region_label(const jh_study *s, size_t region, const char *lang)
{
    const jh_dataset *d = s->data;
    const char *code = d->regions.str[region];
    size_t e = s->region_entry[region];
    int en = lang && strcmp(lang, "en") == 0;
    if (e == JH_NONE)
        return first_nonempty(d->region_name[region], NULL, code);
    const jh_region_catalog *c = s->regions;
    return first_nonempty(en ? c->name_en[e] : c->name[e], en ? c->name[e] : c->name_en[e],
                          first_nonempty(d->region_name[region], NULL, code));
}

size_t jh_study_attr(const jh_study *s, const char *column)
{
    const jh_intern *a = &s->data->attrs;
    size_t k = jh_intern_find(a, column);
    for (size_t i = 0; k == JH_NONE && i < a->n; i++)
        if (strcasecmp(a->str[i], column) == 0)
            k = i;
    return k;
}

size_t jh_study_columns(const jh_study *s, const char **names, size_t max)
{
    static const char *const known[] = {"type", "class"};
    const jh_region_catalog *c = s->regions;
    const jh_dataset *d = s->data;
    size_t n = 0;
    if (n < max)
        names[n++] = "group";
    for (size_t a = 0; c && a < c->n_attrs && n < max; a++)
        names[n++] = c->attr_name[a];
    for (size_t k = 0; c && k < 2 && n < max; k++)
        if (jh_region_catalog_column(c, known[k]))
            names[n++] = known[k];
    for (size_t a = 0; a < d->attrs.n && n < max; a++)
        names[n++] = d->attrs.str[a];
    return n;
}

/* No column of that name: says which exist, and the likely one. */
static void no_group_column(const jh_study *s, const char *column, jh_diag *diag)
{
    const char *names[64];
    char list[512] = "";
    size_t n = jh_study_columns(s, names, 64);
    const char *near = jh_suggest(column, names, n);
    jh_list_names(names, n, list, sizeof list);
    jh_diag_add(diag, JH_DIAG_ERROR, NULL, 0, 0,
                "no column '%s' to group by (%s%s%scolumns: %s%s)", column,
                near ? "did you mean '" : "", near ? near : "", near ? "'? " : "", list,
                s->regions ? "" : "; --regions adds a catalog's");
}

int jh_study_groups(const jh_study *s, const char *column, size_t *group_of,
                    jh_intern *names, jh_diag *diag)
{
    const jh_dataset *d = s->data;
    const char *const *col = s->regions ? jh_region_catalog_column(s->regions, column) : NULL;
    int own = strcmp(column, "group") == 0;
    /* A column of the data: the region catalog's column of that name wins,
     * the data's text fill in regions the catalog lacks. */
    size_t attr = own ? JH_NONE : jh_study_attr(s, column);
    if (!col && !own && attr == JH_NONE) {
        no_group_column(s, column, diag);
        return JH_ENOTFOUND;
    }
    for (size_t r = 0; r < d->regions.n; r++) {
        const char *g = NULL;
        if (col && s->region_entry[r] != JH_NONE)
            g = col[s->region_entry[r]];
        else if (own)
            g = d->region_group[r];
        else if (attr != JH_NONE)
            g = d->attr_value[attr * d->regions.n + r];
        group_of[r] = JH_NONE;
        if (!g || !*g)
            continue;
        group_of[r] = jh_intern_add(names, g, strlen(g), NULL);
        if (group_of[r] == JH_NONE)
            return JH_ENOMEM;
    }
    return JH_OK;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int jh_study_groups_sorted(const jh_study *s, const char *column, size_t *group_of,
                           jh_intern *names, jh_diag *diag)
{
    jh_intern raw;
    jh_intern_init(&raw);
    int rc = jh_study_groups(s, column, group_of, &raw, diag);
    char **sorted = rc ? NULL : malloc((raw.n ? raw.n : 1) * sizeof *sorted);
    if (!rc && !sorted)
        rc = JH_ENOMEM;
    if (!rc && raw.n) { /* raw.str is NULL when no region has a group */
        memcpy(sorted, raw.str, raw.n * sizeof *sorted);
        qsort(sorted, raw.n, sizeof *sorted, cmp_names);
    }
    for (size_t k = 0; !rc && k < raw.n; k++)
        if (jh_intern_add(names, sorted[k], strlen(sorted[k]), NULL) == JH_NONE)
            rc = JH_ENOMEM;
    for (size_t r = 0; !rc && r < s->data->regions.n; r++)
        if (group_of[r] != JH_NONE)
            group_of[r] = jh_intern_find(names, raw.str[group_of[r]]);
    free(sorted);
    jh_intern_clear(&raw);
    return rc;
}

/* Whether attribute a is the regions' own names (地区名称), not a parent. */
static int names_regions(const jh_dataset *d, size_t a)
{
    size_t same = 0, n = 0;
    for (size_t r = 0; r < d->regions.n; r++) {
        const char *v = d->attr_value[a * d->regions.n + r];
        if (!v)
            continue;
        n++;
        same += d->region_name[r] && strcmp(v, d->region_name[r]) == 0;
    }
    return n && same == n;
}

const char *jh_study_default_group(const jh_study *s)
{
    static const char *const parent[] = {"prefecture", "city", "市", "州", "地区"};
    const jh_dataset *d = s->data;
    if (s->group_by)
        return s->group_by;
    if (s->regions && jh_region_catalog_column(s->regions, "prefecture"))
        return "prefecture";
    for (size_t r = 0; r < d->regions.n; r++)
        if (d->region_group[r])
            return "group";
    /* Names before codes: prefecture_name draws better than prefecture_code. */
    for (int codes = 0; codes < 2; codes++)
        for (size_t a = 0; a < d->attrs.n; a++) {
            const char *name = d->attrs.str[a];
            if (strstr(name, "县") || names_regions(d, a) ||
                jh_is_identifier_name(name) != codes)
                continue;
            for (size_t k = 0; k < sizeof parent / sizeof *parent; k++)
                if (contains_nocase(name, parent[k]))
                    return name;
        }
    return NULL;
}

jh_region_class jh_study_region_class(const jh_study *s, size_t region)
{
    size_t e = s->region_entry[region];
    return e == JH_NONE ? JH_REGION_CLASS_NONE : s->regions->cls[e];
}
