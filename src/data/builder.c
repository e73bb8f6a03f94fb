/* Collects observations and turns them into the dense dataset. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "builder_internal.h"

const char *jh_stratum_name(jh_stratum s)
{
    static const char *const names[JH_STRATUM_COUNT] = {"total", "urban", "rural"};
    return (unsigned)s < JH_STRATUM_COUNT ? names[s] : "?";
}

int jh_stratum_parse(const char *text, jh_stratum *s)
{
    static const struct { const char *name; jh_stratum s; } known[] = {
        {"", JH_STRATUM_TOTAL},      {"total", JH_STRATUM_TOTAL},
        {"urban", JH_STRATUM_URBAN}, {"rural", JH_STRATUM_RURAL},
        {"合计", JH_STRATUM_TOTAL},  {"城镇", JH_STRATUM_URBAN},
        {"农村", JH_STRATUM_RURAL},  {"全部", JH_STRATUM_TOTAL},
        {"城市", JH_STRATUM_URBAN},  {"乡村", JH_STRATUM_RURAL},
    };
    if (strcmp(text, "total") == 0) { /* the common case, without case folding */
        *s = JH_STRATUM_TOTAL;
        return 0;
    }
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strcasecmp(text, known[i].name) == 0) {
            *s = known[i].s;
            return 0;
        }
    return -1;
}

jh_builder *jh_builder_alloc(const jh_read_opts *opts)
{
    jh_builder *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    if (opts)
        b->opts = *opts;
    jh_intern_init(&b->regions);
    jh_intern_init(&b->indicators);
    return b;
}

static void free_strings(char **s, size_t n)
{
    if (!s)
        return;
    for (size_t i = 0; i < n; i++)
        free(s[i]);
    free(s);
}

void jh_builder_free(jh_builder *b)
{
    if (!b)
        return;
    free_strings(b->region_name, b->region_cap);
    free_strings(b->region_group, b->region_cap);
    free(b->region_file);
    free(b->region_line);
    jh_intern_clear(&b->regions);
    jh_intern_clear(&b->indicators);
    free(b->obs);
    free(b->years);
    free_strings(b->files, b->n_files);
    free(b->file_encoding);
    free(b->weight_name);
    free(b);
}

/* Keeps the distinct years sorted as observations arrive, so that finish
 * needs no pass over them; the last year matches almost every time. */
static int note_year(jh_builder *b, int year)
{
    size_t lo = 0, hi = b->n_years;
    if (b->n_years && b->years[b->n_years - 1] == year)
        return 0;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (b->years[mid] < year)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < b->n_years && b->years[lo] == year)
        return 0;
    if (b->n_years == b->years_cap) {
        size_t cap = b->years_cap ? 2 * b->years_cap : 16;
        int *y = realloc(b->years, cap * sizeof *y);
        if (!y)
            return -1;
        b->years = y;
        b->years_cap = cap;
    }
    memmove(b->years + lo + 1, b->years + lo, (b->n_years - lo) * sizeof *b->years);
    b->years[lo] = year;
    b->n_years++;
    return 0;
}

int jh_builder_push(jh_builder *b, const jh_obs *o)
{
    if (note_year(b, o->year))
        return -1;
    b->strata_seen[o->stratum] = 1;
    if (b->n_obs == b->obs_cap) {
        size_t cap = b->obs_cap ? 2 * b->obs_cap : 4096;
        jh_obs *obs = realloc(b->obs, cap * sizeof *obs);
        if (!obs)
            return -1;
        b->obs = obs;
        b->obs_cap = cap;
    }
    b->obs[b->n_obs++] = *o;
    return 0;
}

static int grow_regions(jh_builder *b, size_t need)
{
    if (need <= b->region_cap)
        return 0;
    size_t cap = b->region_cap ? 2 * b->region_cap : 64;
    while (cap < need)
        cap *= 2;
    char **name = realloc(b->region_name, cap * sizeof *name);
    if (!name)
        return -1;
    b->region_name = name;
    char **group = realloc(b->region_group, cap * sizeof *group);
    if (!group)
        return -1;
    b->region_group = group;
    uint32_t *file = realloc(b->region_file, cap * sizeof *file);
    if (!file)
        return -1;
    b->region_file = file;
    uint32_t *line = realloc(b->region_line, cap * sizeof *line);
    if (!line)
        return -1;
    b->region_line = line;
    for (size_t i = b->region_cap; i < cap; i++) {
        name[i] = group[i] = NULL;
        line[i] = 0;
    }
    b->region_cap = cap;
    return 0;
}

static int set_once(char **slot, const char *text)
{
    if (*slot || !text || !*text)
        return 0;
    *slot = strdup(text);
    return *slot ? 0 : -1;
}

int jh_builder_region_attrs(jh_builder *b, size_t r, const char *name,
                            const char *group, uint32_t file, uint32_t line)
{
    if (grow_regions(b, r + 1))
        return -1;
    if (!b->region_line[r]) {
        b->region_file[r] = file;
        b->region_line[r] = line;
    }
    if (set_once(&b->region_name[r], name) || set_once(&b->region_group[r], group))
        return -1;
    return 0;
}

uint32_t jh_builder_add_file(jh_builder *b, const char *path, const char *encoding)
{
    char **files = realloc(b->files, (b->n_files + 1) * sizeof *files);
    if (!files)
        return (uint32_t)-1;
    b->files = files;
    const char **enc = realloc(b->file_encoding, (b->n_files + 1) * sizeof *enc);
    if (!enc)
        return (uint32_t)-1;
    b->file_encoding = enc;
    if (!(files[b->n_files] = strdup(path)))
        return (uint32_t)-1;
    enc[b->n_files] = encoding;
    return (uint32_t)b->n_files++;
}

void jh_dataset_free(jh_dataset *d)
{
    if (!d)
        return;
    free_strings(d->region_name, d->regions.n);
    free_strings(d->region_group, d->regions.n);
    free(d->region_file);
    free(d->region_line);
    jh_intern_clear(&d->regions);
    jh_intern_clear(&d->indicators);
    free(d->years);
    free(d->values);
    free(d->weights);
    free(d->weight_name);
    free_strings(d->files, d->n_files);
    free(d->file_encoding);
    free(d);
}

/* Sorted distinct years of the observations, and a direct table from
 * year - first year to the year's index (years are few; observations many). */
struct year_map {
    int first;      /* smallest year */
    size_t span;    /* last - first + 1 */
    uint32_t *idx;  /* [year - first] index into d->years */
};

static int collect_years(const jh_builder *b, jh_dataset *d, struct year_map *ym)
{
    size_t n = b->n_years;
    ym->first = n ? b->years[0] : 0;
    ym->span = n ? (size_t)(b->years[n - 1] - b->years[0]) + 1 : 1;
    ym->idx = calloc(ym->span, sizeof *ym->idx);
    d->years = malloc((n ? n : 1) * sizeof *d->years);
    if (!ym->idx || !d->years)
        return -1;
    for (size_t k = 0; k < n; k++) {
        d->years[k] = b->years[k];
        ym->idx[b->years[k] - ym->first] = (uint32_t)k;
    }
    d->n_years = n;
    return 0;
}

static void collect_strata(const jh_builder *b, jh_dataset *d)
{
    d->n_strata = 0;
    for (int s = 0; s < JH_STRATUM_COUNT; s++)
        if (b->strata_seen[s])
            d->strata[d->n_strata++] = (jh_stratum)s;
}

/* Moves interned tables and region attributes from builder to dataset. */
static int take_tables(jh_builder *b, jh_dataset *d)
{
    size_t nr = b->regions.n;
    if (grow_regions(b, nr))
        return -1;
    d->regions = b->regions;
    d->indicators = b->indicators;
    jh_intern_init(&b->regions);
    jh_intern_init(&b->indicators);
    d->region_name = calloc(nr ? nr : 1, sizeof *d->region_name);
    d->region_group = calloc(nr ? nr : 1, sizeof *d->region_group);
    d->region_file = calloc(nr ? nr : 1, sizeof *d->region_file);
    d->region_line = calloc(nr ? nr : 1, sizeof *d->region_line);
    if (!d->region_name || !d->region_group || !d->region_file || !d->region_line)
        return -1;
    for (size_t r = 0; r < nr; r++) {
        d->region_name[r] = b->region_name[r];
        d->region_group[r] = b->region_group[r];
        d->region_file[r] = b->region_file[r];
        d->region_line[r] = b->region_line[r];
        b->region_name[r] = b->region_group[r] = NULL;
    }
    d->weight_name = b->weight_name;
    b->weight_name = NULL;
    d->n_missing = b->n_missing;
    d->n_censored = b->n_censored;
    d->n_observations = b->n_obs;
    d->n_files = b->n_files;
    d->files = calloc(b->n_files ? b->n_files : 1, sizeof *d->files);
    d->file_encoding = calloc(b->n_files ? b->n_files : 1, sizeof *d->file_encoding);
    if (!d->files || !d->file_encoding)
        return -1;
    for (size_t i = 0; i < b->n_files; i++) {
        d->file_encoding[i] = b->file_encoding[i];
        if (!(d->files[i] = strdup(b->files[i])))
            return -1;
    }
    return 0;
}

static size_t obs_offset(const jh_dataset *d, const struct year_map *ym,
                         const size_t *slot, const jh_obs *o)
{
    return jh_dataset_offset(d, o->indicator, ym->idx[o->year - ym->first],
                             slot[o->stratum], o->region);
}

static int same_key(const jh_obs *a, const jh_obs *b)
{
    return a->region == b->region && a->indicator == b->indicator &&
           a->year == b->year && a->stratum == b->stratum;
}

static void report_duplicate(const jh_builder *b, const jh_dataset *d,
                             size_t second, jh_diag *diag)
{
    const jh_obs *o = &b->obs[second];
    size_t first = 0;
    while (first < second && !same_key(&b->obs[first], o))
        first++;
    jh_diag_add(diag, JH_DIAG_ERROR, b->files[o->file], o->line, 1,
                "duplicate observation for region '%s', year %d, indicator '%s', "
                "stratum %s (first at %s:%lu)",
                d->regions.str[o->region], (int)o->year, d->indicators.str[o->indicator],
                jh_stratum_name((jh_stratum)o->stratum), b->files[b->obs[first].file],
                (unsigned long)b->obs[first].line);
}

/* Applies the duplicate policy to a second observation o of cell off.
 * count[off] (JH_DUP_MEAN only) is how many were summed so far. */
static void merge_duplicate(jh_dataset *d, size_t off, const jh_obs *o,
                            jh_dup_policy policy, uint32_t *count)
{
    if (policy == JH_DUP_LAST) {
        d->values[off] = o->value;
        if (d->weights)
            d->weights[off] = o->weight;
    } else if (policy == JH_DUP_MEAN) {
        /* Running mean over the non-missing values: the cell is missing only
         * when every duplicate is. */
        if (isnan(o->value))
            return;
        if (isnan(d->values[off])) {
            d->values[off] = o->value;
            count[off] = 1;
        } else {
            count[off]++;
            d->values[off] += (o->value - d->values[off]) / count[off];
        }
    }
}

/* Scatters observations into the cube, marking each cell as it fills. */
static int scatter(jh_builder *b, jh_dataset *d, const struct year_map *ym,
                   size_t cells, jh_diag *diag)
{
    size_t slot[JH_STRATUM_COUNT] = {0};
    for (size_t k = 0; k < d->n_strata; k++)
        slot[d->strata[k]] = k;
    jh_dup_policy policy = b->opts.on_duplicate;
    unsigned char *filled = calloc(cells / 8 + 1, 1);
    uint32_t *count = policy == JH_DUP_MEAN ? calloc(cells ? cells : 1, sizeof *count) : NULL;
    int bad = 0;
    if (!filled || (policy == JH_DUP_MEAN && !count)) {
        free(filled);
        free(count);
        return JH_ENOMEM;
    }
    for (size_t i = 0; i < cells; i++)
        d->values[i] = NAN;
    if (d->weights)
        for (size_t i = 0; i < cells; i++)
            d->weights[i] = NAN;
    for (size_t i = 0; i < b->n_obs && !jh_diag_full(diag); i++) {
        const jh_obs *o = &b->obs[i];
        size_t off = obs_offset(d, ym, slot, o);
        if (filled[off / 8] & (1u << (off % 8))) {
            d->n_duplicates++;
            if (policy == JH_DUP_ERROR) {
                report_duplicate(b, d, i, diag);
                bad = 1;
            } else {
                merge_duplicate(d, off, o, policy, count);
            }
            continue;
        }
        filled[off / 8] |= (unsigned char)(1u << (off % 8));
        d->values[off] = o->value;
        if (count)
            count[off] = !isnan(o->value);
        if (d->weights)
            d->weights[off] = o->weight;
    }
    free(filled);
    free(count);
    return bad ? JH_EPARSE : JH_OK;
}

int jh_builder_finish(jh_builder *b, jh_diag *diag, jh_dataset **out)
{
    jh_dataset *d = calloc(1, sizeof *d);
    struct year_map ym = {0, 0, NULL};
    int rc = JH_ENOMEM;
    *out = NULL;
    if (!d)
        return JH_ENOMEM;
    if (collect_years(b, d, &ym) || take_tables(b, d))
        goto fail;
    collect_strata(b, d);
    size_t cells = d->indicators.n * d->n_years * d->n_strata * d->regions.n;
    d->values = malloc((cells ? cells : 1) * sizeof *d->values);
    if (!d->values)
        goto fail;
    if (d->weight_name && !(d->weights = malloc((cells ? cells : 1) * sizeof *d->weights)))
        goto fail;
    rc = scatter(b, d, &ym, cells, diag);
    if (rc)
        goto fail;
    free(ym.idx);
    *out = d;
    return JH_OK;
fail:
    free(ym.idx);
    jh_dataset_free(d);
    return rc;
}
