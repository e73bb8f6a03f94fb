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
    jh_slabs_free(b);
    free_strings(b->files, b->n_files);
    free(b->file_encoding);
    free(b->weight_name);
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

/* The years in ascending order, and for each builder slot (years in
 * order of first appearance) its position among them. */
static int collect_years(const jh_builder *b, jh_dataset *d, size_t **slot_index)
{
    size_t n = b->n_slots;
    d->years = malloc((n ? n : 1) * sizeof *d->years);
    *slot_index = malloc((n ? n : 1) * sizeof **slot_index);
    if (!d->years || !*slot_index)
        return -1;
    for (size_t k = 0; k < n; k++) {
        /* Insertion sort: a panel has tens of years, not thousands. */
        size_t j = k;
        while (j > 0 && d->years[j - 1] > b->year_of_slot[k]) {
            d->years[j] = d->years[j - 1];
            j--;
        }
        d->years[j] = b->year_of_slot[k];
    }
    for (size_t k = 0; k < n; k++)
        for (size_t j = 0; j < n; j++)
            if (d->years[j] == b->year_of_slot[k])
                (*slot_index)[k] = j;
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

int jh_builder_finish(jh_builder *b, jh_diag *diag, jh_dataset **out)
{
    jh_dataset *d = calloc(1, sizeof *d);
    size_t *slot_index = NULL;
    int rc = JH_ENOMEM;
    (void)diag; /* duplicates were reported as they were read */
    *out = NULL;
    if (!d)
        return JH_ENOMEM;
    if (b->dup_error) {
        rc = JH_EPARSE;
        goto fail;
    }
    if (collect_years(b, d, &slot_index) || take_tables(b, d))
        goto fail;
    collect_strata(b, d);
    size_t cells = d->indicators.n * d->n_years * d->n_strata * d->regions.n;
    d->values = malloc((cells ? cells : 1) * sizeof *d->values);
    if (!d->values)
        goto fail;
    if (d->weight_name && !(d->weights = malloc((cells ? cells : 1) * sizeof *d->weights)))
        goto fail;
    jh_slabs_to_cube(b, d, slot_index);
    d->n_duplicates = b->n_duplicates;
    free(slot_index);
    *out = d;
    return JH_OK;
fail:
    free(slot_index);
    jh_dataset_free(d);
    return rc;
}
