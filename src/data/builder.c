/* Collects observations and turns them into the dense dataset. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "builder_internal.h"

/* Trimmed token [*a, *z) of a comma-separated list starting at p; returns
 * where the next token starts, or NULL after the last. */
static const char *next_token(const char *p, const char **a, const char **z)
{
    const char *comma = strchr(p, ',');
    const char *end = comma ? comma : p + strlen(p);
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    *a = p;
    while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
        end--;
    *z = end;
    return comma ? comma + 1 : NULL;
}

size_t jh_list_find(const char *const *list, size_t n, const char *name, size_t len,
                    int nocase)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        for (const char *p = list[i], *a, *z; p; k++) {
            p = next_token(p, &a, &z);
            if (z > a && (size_t)(z - a) == len &&
                (nocase ? strncasecmp(a, name, len) : strncmp(a, name, len)) == 0)
                return k;
        }
    return (size_t)-1;
}

static size_t list_tokens(const char *const *list, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        for (const char *p = list[i], *a, *z; p; k++)
            p = next_token(p, &a, &z);
    return k;
}

static void report_duplicate(const jh_builder *b, const jh_obs *o, uint64_t first,
                             jh_diag *diag)
{
    size_t file = (size_t)(first >> 32) - 1;
    jh_diag_add(diag, JH_DIAG_ERROR, b->files[o->file], o->line, 1,
                "duplicate observation for region '%s', year %d, indicator '%s', "
                "stratum %s (first at %s:%lu)",
                b->regions.str[o->region], (int)o->year, b->indicators.str[o->indicator],
                jh_strata_def(b->strata, o->stratum)->code, b->files[file],
                (unsigned long)(first & 0xFFFFFFFFu));
}

int jh_builder_push(jh_builder *b, const jh_obs *o, jh_diag *diag)
{
    uint64_t first = 0;
    int rc = jh_slabs_push(&b->slabs, o, b->regions.n, &first);
    if (rc < 0)
        return -1;
    b->strata_seen[o->stratum] = 1;
    if (rc > 0)
        report_duplicate(b, o, first, diag);
    return 0;
}

jh_builder *jh_builder_alloc(const jh_read_opts *opts)
{
    jh_builder *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    if (opts)
        b->opts = *opts;
    b->slabs.on_duplicate = b->opts.on_duplicate;
    jh_intern_init(&b->regions);
    jh_intern_init(&b->indicators);
    jh_intern_init(&b->attrs);
    b->ignore_seen = calloc(list_tokens(b->opts.ignore_cols, b->opts.n_ignore_cols) + 1, 1);
    b->only_seen = calloc(list_tokens(b->opts.only, b->opts.n_only) + 1, 1);
    if (!b->ignore_seen || !b->only_seen) {
        jh_builder_free(b);
        return NULL;
    }
    return b;
}

int jh_builder_skip_column(jh_builder *b, const char *name, const char *why)
{
    for (size_t i = 0; i < b->n_skipped; i++)
        if (strcmp(b->skipped[i], name) == 0)
            return 0;
    if (b->n_skipped == b->skipped_cap) {
        size_t cap = b->skipped_cap ? 2 * b->skipped_cap : 8;
        char **s = realloc(b->skipped, cap * sizeof *s);
        if (!s)
            return -1;
        b->skipped = s;
        const char **w = realloc(b->skipped_why, cap * sizeof *w);
        if (!w)
            return -1;
        b->skipped_why = w;
        b->skipped_cap = cap;
    }
    if (!(b->skipped[b->n_skipped] = strdup(name)))
        return -1;
    b->skipped_why[b->n_skipped++] = why;
    return 0;
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
    free(b->group_where);
    free(b->group_conflict);
    free_strings(b->skipped, b->n_skipped);
    free(b->skipped_why);
    free(b->ignore_seen);
    free(b->only_seen);
    for (size_t a = 0; a < b->attrs.n; a++)
        free_strings(b->attr_value[a], b->region_cap);
    free(b->attr_value);
    jh_intern_clear(&b->attrs);
    jh_intern_clear(&b->regions);
    jh_intern_clear(&b->indicators);
    jh_slabs_free(&b->slabs);
    free_strings(b->files, b->n_files);
    free(b->file_encoding);
    free(b->weight_name);
    jh_strata_catalog_free(b->strata);
    free(b);
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
    uint64_t *where = realloc(b->group_where, cap * sizeof *where);
    if (!where)
        return -1;
    b->group_where = where;
    unsigned char *conflict = realloc(b->group_conflict, cap);
    if (!conflict)
        return -1;
    b->group_conflict = conflict;
    for (size_t a = 0; a < b->attrs.n; a++) {
        char **v = realloc(b->attr_value[a], cap * sizeof *v);
        if (!v)
            return -1;
        b->attr_value[a] = v;
        for (size_t i = b->region_cap; i < cap; i++)
            v[i] = NULL;
    }
    for (size_t i = b->region_cap; i < cap; i++) {
        name[i] = group[i] = NULL;
        line[i] = 0;
        where[i] = 0;
        conflict[i] = 0;
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

/* A region labelled with two groups: which one an analysis by group would
 * use cannot be guessed, so it is an error unless lenient. */
static void report_group_conflict(jh_builder *b, size_t r, const char *group,
                                  unsigned long col, uint32_t file, uint32_t line,
                                  jh_diag *diag)
{
    uint64_t first = b->group_where[r];
    int lenient = b->opts.lenient;
    b->group_conflict[r] = 1;
    jh_diag_add(diag, lenient ? JH_DIAG_WARNING : JH_DIAG_ERROR, b->files[file], line, col,
                "region '%s' has group '%s' here but '%s' at %s:%lu (%s)",
                b->regions.str[r], group, b->region_group[r],
                b->files[(size_t)(first >> 32) - 1], (unsigned long)(first & 0xFFFFFFFFu),
                lenient ? "the first is kept" : "a region is in one group; give --lenient "
                                                "to keep the first");
}

int jh_builder_region_attrs(jh_builder *b, size_t r, const char *name, const char *group,
                            unsigned long group_col, uint32_t file, uint32_t line,
                            jh_diag *diag)
{
    if (grow_regions(b, r + 1))
        return -1;
    if (!b->region_line[r]) {
        b->region_file[r] = file;
        b->region_line[r] = line;
    }
    if (b->region_group[r] && group && *group && !b->group_conflict[r] &&
        strcmp(group, b->region_group[r]) != 0)
        report_group_conflict(b, r, group, group_col, file, line, diag);
    if (!b->region_group[r] && group && *group)
        b->group_where[r] = (uint64_t)(file + 1) << 32 | line;
    if (set_once(&b->region_name[r], name) || set_once(&b->region_group[r], group))
        return -1;
    return 0;
}

size_t jh_builder_attr(jh_builder *b, const char *name)
{
    size_t a = jh_intern_find(&b->attrs, name);
    if (a != (size_t)-1)
        return a;
    if (b->attrs.n == b->attr_cap) {
        size_t cap = b->attr_cap ? 2 * b->attr_cap : 8;
        char ***v = realloc(b->attr_value, cap * sizeof *v);
        if (!v)
            return (size_t)-1;
        b->attr_value = v;
        b->attr_cap = cap;
    }
    char **vals = calloc(b->region_cap ? b->region_cap : 1, sizeof *vals);
    if (!vals)
        return (size_t)-1;
    a = jh_intern_add(&b->attrs, name, strlen(name), NULL);
    if (a == (size_t)-1) {
        free(vals);
        return a;
    }
    b->attr_value[a] = vals;
    return a;
}

int jh_builder_attr_set(jh_builder *b, size_t a, size_t r, const char *text)
{
    if (grow_regions(b, r + 1))
        return -1;
    return set_once(&b->attr_value[a][r], text);
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
    if (d->attr_value)
        free_strings(d->attr_value, d->attrs.n * d->regions.n);
    jh_intern_clear(&d->attrs);
    jh_intern_clear(&d->regions);
    jh_intern_clear(&d->indicators);
    free(d->years);
    for (size_t k = 0; d->stratum_def && k < d->n_strata; k++) {
        free(d->stratum_def[k].code);
        free(d->stratum_def[k].declared);
        free(d->stratum_def[k].name_zh);
        free(d->stratum_def[k].name_en);
        free(d->stratum_def[k].dimension);
        free(d->stratum_def[k].compare);
    }
    free(d->stratum_def);
    free(d->strata);
    free(d->values);
    free(d->weights);
    free(d->weight_name);
    free_strings(d->files, d->n_files);
    free(d->file_encoding);
    free_strings(d->skipped_col, d->n_skipped);
    free(d->skipped_why);
    free(d);
}

/* The years in ascending order, and for each builder slot (years in
 * order of first appearance) its position among them. */
static int collect_years(const jh_builder *b, jh_dataset *d, size_t **slot_index)
{
    size_t n = b->slabs.n_slots;
    d->years = malloc((n ? n : 1) * sizeof *d->years);
    *slot_index = malloc((n ? n : 1) * sizeof **slot_index);
    if (!d->years || !*slot_index)
        return -1;
    for (size_t k = 0; k < n; k++) {
        /* Insertion sort: a panel has tens of years, not thousands. */
        size_t j = k;
        while (j > 0 && d->years[j - 1] > b->slabs.year_of_slot[k]) {
            d->years[j] = d->years[j - 1];
            j--;
        }
        d->years[j] = b->slabs.year_of_slot[k];
    }
    for (size_t k = 0; k < n; k++)
        for (size_t j = 0; j < n; j++)
            if (d->years[j] == b->slabs.year_of_slot[k])
                (*slot_index)[k] = j;
    d->n_years = n;
    return 0;
}

/* The strata present, by id, with copies of their definitions. */
static int collect_strata(const jh_builder *b, jh_dataset *d)
{
    d->n_strata = 0;
    d->strata = malloc(JH_STRATA_MAX * sizeof *d->strata);
    d->stratum_def = calloc(JH_STRATA_MAX, sizeof *d->stratum_def);
    if (!d->strata || !d->stratum_def)
        return -1;
    for (int s = 0; s < JH_STRATA_MAX; s++) {
        const jh_stratum_def *def = b->strata_seen[s] ? jh_strata_def(b->strata, s) : NULL;
        if (!def)
            continue;
        jh_stratum_def *c = &d->stratum_def[d->n_strata];
        d->strata[d->n_strata++] = s;
        c->id = s;
        if (!(c->code = strdup(def->code)) || !(c->declared = strdup(def->declared)) || !(c->name_zh = strdup(def->name_zh)) ||
            !(c->name_en = strdup(def->name_en)) || !(c->dimension = strdup(def->dimension)) ||
            !(c->compare = strdup(def->compare ? def->compare : "")))
            return -1;
    }
    return 0;
}

size_t jh_dataset_stratum_pos(const jh_dataset *d, jh_stratum id)
{
    for (size_t k = 0; k < d->n_strata; k++)
        if (d->strata[k] == id)
            return k;
    return (size_t)-1;
}

size_t jh_dataset_stratum_find(const jh_dataset *d, const char *text)
{
    jh_stratum s;
    if (jh_stratum_parse(text, &s) == 0)
        return jh_dataset_stratum_pos(d, s);
    for (size_t k = 0; k < d->n_strata; k++) {
        const jh_stratum_def *c = &d->stratum_def[k];
        if (!strcasecmp(text, c->code) || !strcasecmp(text, c->declared) || (*c->name_zh && !strcmp(text, c->name_zh)) ||
            (*c->name_en && !strcasecmp(text, c->name_en)))
            return k;
    }
    return (size_t)-1;
}

/* The attribute columns as one [attr * regions + region] table. */
static int take_attrs(jh_builder *b, jh_dataset *d)
{
    size_t na = b->attrs.n, nr = d->regions.n;
    d->attr_value = calloc(na * nr > 0 ? na * nr : 1, sizeof *d->attr_value);
    if (!d->attr_value)
        return -1;
    d->attrs = b->attrs;
    jh_intern_init(&b->attrs);
    for (size_t a = 0; a < na; a++) {
        for (size_t r = 0; r < nr; r++) {
            d->attr_value[a * nr + r] = b->attr_value[a][r];
            b->attr_value[a][r] = NULL;
        }
        free_strings(b->attr_value[a], b->region_cap);
    }
    free(b->attr_value);
    b->attr_value = NULL;
    b->attr_cap = 0;
    return 0;
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
    if (take_attrs(b, d))
        return -1;
    d->weight_name = b->weight_name;
    b->weight_name = NULL;
    d->n_missing = b->n_missing;
    d->n_censored = b->n_censored;
    d->n_observations = b->slabs.n_obs;
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

/* A name of --ignore-col or --indicators-only that no file had is most
 * likely a typing error: said, not silently ignored.  The weight column
 * (except, may be NULL) is read as such: a part of a derived indicator
 * that --indicators-only lists with it. */
static void warn_unused(const char *const *list, size_t n, const unsigned char *seen,
                        int nocase, const char *except, const char *option, const char *what,
                        jh_diag *diag)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        for (const char *p = list[i], *a, *z; p; k++) {
            p = next_token(p, &a, &z);
            if (except && strlen(except) == (size_t)(z - a) &&
                strncasecmp(a, except, (size_t)(z - a)) == 0)
                continue;
            /* A name given twice is marked at its first place. */
            if (z > a && !seen[jh_list_find(list, n, a, (size_t)(z - a), nocase)])
                jh_diag_add(diag, JH_DIAG_WARNING, NULL, 0, 0, "%s '%.*s': no %s of that name",
                            option, (int)(z - a), a, what);
        }
}

/* Every row was of another level than the one analysed: nothing is left
 * to analyse, and the level that was there is the likely intent. */
static int check_level(const jh_builder *b, jh_diag *diag)
{
    size_t left_out = 0, best = JH_LEVEL_COUNTY;
    for (size_t k = 0; k < JH_LEVEL_ALL; k++) {
        left_out += b->n_level[k];
        if (k <= JH_LEVEL_PROVINCE && b->n_level[k] > b->n_level[best])
            best = k;
    }
    if (b->slabs.n_obs || !left_out)
        return JH_OK;
    jh_diag_add(diag, JH_DIAG_ERROR, NULL, 0, 0,
                "no %s-level rows: all %zu rows were left out as another level "
                "(give --region-level %s)", jh_level_name(b->opts.level), left_out,
                b->n_level[best] ? jh_level_name((jh_level)best) : "all");
    return JH_EPARSE;
}

static int take_skipped(jh_builder *b, jh_dataset *d)
{
    for (size_t i = 0; i < JH_LEVEL_ALL; i++)
        d->n_other_level += b->n_level[i];
    d->skipped_col = b->skipped;
    d->skipped_why = b->skipped_why;
    d->n_skipped = b->n_skipped;
    d->level = (int)b->opts.level;
    b->skipped = NULL;
    b->skipped_why = NULL;
    b->n_skipped = b->skipped_cap = 0;
    return 0;
}

int jh_builder_finish(jh_builder *b, jh_diag *diag, jh_dataset **out)
{
    jh_dataset *d = calloc(1, sizeof *d);
    size_t *slot_index = NULL;
    int rc = JH_ENOMEM;
    *out = NULL;
    if (!d)
        return JH_ENOMEM;
    /* Duplicates and group conflicts were reported as they were read. */
    warn_unused(b->opts.ignore_cols, b->opts.n_ignore_cols, b->ignore_seen, 1, NULL,
                "--ignore-col", "column", diag);
    warn_unused(b->opts.only, b->opts.n_only, b->only_seen, 0, b->weight_name,
                "--indicators-only", "indicator", diag);
    if (b->opts.n_only && !b->indicators.n) {
        jh_diag_add(diag, JH_DIAG_ERROR, NULL, 0, 0,
                    "no indicator left: --indicators-only names none of the data's indicators");
        rc = JH_EPARSE;
        goto fail;
    }
    if (b->slabs.dup_error || check_level(b, diag)) {
        rc = JH_EPARSE;
        goto fail;
    }
    if (collect_years(b, d, &slot_index) || take_tables(b, d) || take_skipped(b, d))
        goto fail;
    if (collect_strata(b, d))
        goto fail;
    size_t cells = d->indicators.n * d->n_years * d->n_strata * d->regions.n;
    d->values = malloc((cells ? cells : 1) * sizeof *d->values);
    if (!d->values)
        goto fail;
    if (d->weight_name && !(d->weights = malloc((cells ? cells : 1) * sizeof *d->weights)))
        goto fail;
    jh_slabs_to_cube(&b->slabs, d, slot_index);
    d->n_duplicates = b->slabs.n_duplicates;
    free(slot_index);
    *out = d;
    return JH_OK;
fail:
    free(slot_index);
    jh_dataset_free(d);
    return rc;
}
