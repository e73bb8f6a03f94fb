/* Where observations wait for the dense cube: one slab per (indicator,
 * year, stratum), an array over regions grown as regions appear.  Writing
 * each observation straight into its cell costs one store per value, where
 * a list of observations scattered at the end cost a 40-byte record and a
 * second pass; the cell also remembers where its value came from, so a
 * duplicate names both lines at once. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "builder_internal.h"

typedef struct jh_slab {
    double *value;     /* [cap] NaN: missing or not observed */
    double *weight;    /* [cap] NaN when none */
    uint64_t *where;   /* [cap] (file + 1) << 32 | line; 0 = not observed */
    uint32_t *count;   /* [cap] values averaged (JH_DUP_MEAN), else NULL */
    size_t cap;
} jh_slab;

static void slab_free(jh_slab *s)
{
    if (!s)
        return;
    free(s->value);
    free(s->weight);
    free(s->where);
    free(s->count);
    free(s);
}

void jh_slabs_free(jh_builder *b)
{
    size_t n = b->ind_cap * b->year_cap * JH_STRATUM_COUNT;
    for (size_t i = 0; b->grid && i < n; i++)
        slab_free(b->grid[i]);
    free(b->grid);
    free(b->slot_of_year);
    free(b->year_of_slot);
    b->grid = NULL;
    b->slot_of_year = NULL;
    b->year_of_slot = NULL;
}

/* Slot of a year, new slots in order of first appearance. */
static long year_slot(jh_builder *b, int year)
{
    if (!b->slot_of_year && !(b->slot_of_year = calloc(10000, sizeof *b->slot_of_year)))
        return -1;
    if (b->slot_of_year[year])
        return b->slot_of_year[year] - 1;
    int *y = realloc(b->year_of_slot, (b->n_slots + 1) * sizeof *y);
    if (!y)
        return -1;
    b->year_of_slot = y;
    y[b->n_slots] = year;
    b->slot_of_year[year] = (int32_t)++b->n_slots;
    return (long)b->n_slots - 1;
}

/* Makes the grid hold indicator ind and slot; old slabs keep their place
 * by (indicator, slot, stratum). */
static int grow_grid(jh_builder *b, size_t ind, size_t slot)
{
    size_t ic = b->ind_cap ? b->ind_cap : 16, yc = b->year_cap ? b->year_cap : 8;
    while (ic <= ind)
        ic *= 2;
    while (yc <= slot)
        yc *= 2;
    if (ic == b->ind_cap && yc == b->year_cap)
        return 0;
    jh_slab **g = calloc(ic * yc * JH_STRATUM_COUNT, sizeof *g);
    if (!g)
        return -1;
    for (size_t i = 0; i < b->ind_cap; i++)
        for (size_t y = 0; y < b->year_cap; y++)
            memcpy(g + (i * yc + y) * JH_STRATUM_COUNT,
                   b->grid + (i * b->year_cap + y) * JH_STRATUM_COUNT,
                   JH_STRATUM_COUNT * sizeof *g);
    free(b->grid);
    b->grid = g;
    b->ind_cap = ic;
    b->year_cap = yc;
    b->last = NULL;
    return 0;
}

/* Makes room for regions [0, need).  A new slab starts as large as the
 * regions seen so far (known), so that only the first slabs of a file grow
 * by reallocation. */
static int slab_reserve(jh_slab *s, size_t need, size_t known, int counts)
{
    if (need <= s->cap)
        return 0;
    size_t cap = s->cap ? 2 * s->cap : (known > 64 ? known : 64);
    while (cap < need)
        cap *= 2;
    double *v = realloc(s->value, cap * sizeof *v);
    if (v)
        s->value = v;
    double *w = realloc(s->weight, cap * sizeof *w);
    if (w)
        s->weight = w;
    uint64_t *wh = realloc(s->where, cap * sizeof *wh);
    if (wh)
        s->where = wh;
    uint32_t *c = counts ? realloc(s->count, cap * sizeof *c) : NULL;
    if (c)
        s->count = c;
    if (!v || !w || !wh || (counts && !c))
        return -1;
    for (size_t r = s->cap; r < cap; r++) {
        v[r] = w[r] = NAN;
        wh[r] = 0;
        if (c)
            c[r] = 0;
    }
    s->cap = cap;
    return 0;
}

static jh_slab *slab_for(jh_builder *b, const jh_obs *o)
{
    long slot = year_slot(b, o->year);
    if (slot < 0 || grow_grid(b, o->indicator, (size_t)slot))
        return NULL;
    size_t key = ((size_t)o->indicator * b->year_cap + (size_t)slot) * JH_STRATUM_COUNT + o->stratum;
    if (b->last && b->last_key == key)
        return b->last;
    if (!b->grid[key] && !(b->grid[key] = calloc(1, sizeof(jh_slab))))
        return NULL;
    b->last = b->grid[key];
    b->last_key = key;
    return b->last;
}

static void report_duplicate(const jh_builder *b, const jh_obs *o, uint64_t first,
                             jh_diag *diag)
{
    size_t file = (size_t)(first >> 32) - 1;
    jh_diag_add(diag, JH_DIAG_ERROR, b->files[o->file], o->line, 1,
                "duplicate observation for region '%s', year %d, indicator '%s', "
                "stratum %s (first at %s:%lu)",
                b->regions.str[o->region], (int)o->year, b->indicators.str[o->indicator],
                jh_stratum_name((jh_stratum)o->stratum), b->files[file],
                (unsigned long)(first & 0xFFFFFFFFu));
}

/* A second observation of cell r, by the duplicate policy. */
static void merge_duplicate(jh_builder *b, jh_slab *s, size_t r, const jh_obs *o,
                            jh_diag *diag)
{
    b->n_duplicates++;
    switch (b->opts.on_duplicate) {
    case JH_DUP_ERROR:
        b->dup_error = 1;
        report_duplicate(b, o, s->where[r], diag);
        break;
    case JH_DUP_FIRST:
        break;
    case JH_DUP_LAST:
        s->value[r] = o->value;
        s->weight[r] = o->weight;
        break;
    case JH_DUP_MEAN:
        /* Running mean over the non-missing values: the cell is missing only
         * when every duplicate is. */
        if (isnan(o->value))
            break;
        if (isnan(s->value[r])) {
            s->value[r] = o->value;
            s->count[r] = 1;
        } else {
            s->count[r]++;
            s->value[r] += (o->value - s->value[r]) / s->count[r];
        }
        break;
    }
}

int jh_builder_push(jh_builder *b, const jh_obs *o, jh_diag *diag)
{
    int mean = b->opts.on_duplicate == JH_DUP_MEAN;
    jh_slab *s = slab_for(b, o);
    if (!s || slab_reserve(s, (size_t)o->region + 1, b->regions.n, mean))
        return -1;
    size_t r = o->region;
    b->strata_seen[o->stratum] = 1;
    b->n_obs++;
    if (s->where[r]) {
        merge_duplicate(b, s, r, o, diag);
        return 0;
    }
    s->value[r] = o->value;
    s->weight[r] = o->weight;
    s->where[r] = (uint64_t)(o->file + 1) << 32 | o->line;
    if (mean)
        s->count[r] = !isnan(o->value);
    return 0;
}

void jh_slabs_to_cube(const jh_builder *b, jh_dataset *d, const size_t *slot_index)
{
    size_t nr = d->regions.n;
    for (size_t i = 0; i < d->indicators.n; i++)
        for (size_t slot = 0; slot < b->n_slots; slot++)
            for (size_t k = 0; k < d->n_strata; k++) {
                size_t off = jh_dataset_offset(d, i, slot_index[slot], k, 0);
                const jh_slab *s = i < b->ind_cap
                    ? b->grid[(i * b->year_cap + slot) * JH_STRATUM_COUNT + d->strata[k]] : NULL;
                size_t have = s ? (s->cap < nr ? s->cap : nr) : 0;
                if (have)
                    memcpy(d->values + off, s->value, have * sizeof(double));
                for (size_t r = have; r < nr; r++)
                    d->values[off + r] = NAN;
                if (!d->weights)
                    continue;
                if (have)
                    memcpy(d->weights + off, s->weight, have * sizeof(double));
                for (size_t r = have; r < nr; r++)
                    d->weights[off + r] = NAN;
            }
}
