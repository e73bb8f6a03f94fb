/* Where observations wait for the dense cube: one slab per (indicator,
 * year, stratum), an array over regions grown as regions appear.  Writing
 * each observation straight into its cell costs one store per value, where
 * a list of observations scattered at the end cost a 40-byte record and a
 * second pass; the cell also remembers where its value came from, so a
 * duplicate names both lines at once.
 *
 * Memory follows the values read: a slab is one allocation, as long as the
 * regions seen when it starts (a wide file of one row and 10^6 columns
 * makes 10^6 slabs of one region each, about 64 bytes apiece with the grid
 * pointer), and a stratum's grid exists only once the stratum occurs. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "slabs.h"

/* Header and, in one block after it, cell[cap] and, for JH_DUP_MEAN,
 * count[cap] (values averaged).  A cell holds what one observation writes
 * (value, NaN: missing or not observed; weight, NaN when none; where,
 * (file + 1) << 32 | line, 0 = not observed) side by side: a long file
 * ordered by region writes each row into another slab, and three arrays
 * per slab were three pages and cache lines a row (the duplicate check
 * alone was half of jh_builder_push); a cell is one.  Two size_t keep the
 * cells 8-byte aligned. */
typedef struct jh_cell {
    double value, weight;
    uint64_t where;
} jh_cell;

typedef struct jh_slab {
    size_t cap;
    size_t counts;
    unsigned char data[];
} jh_slab;

static jh_cell *slab_cell(jh_slab *s) { return (jh_cell *)(void *)s->data; }
static uint32_t *slab_count(jh_slab *s) { return (uint32_t *)(void *)(slab_cell(s) + s->cap); }

void jh_slabs_free(jh_slabs *b)
{
    size_t n = b->ind_cap * b->year_cap;
    for (int k = 0; k < JH_STRATA_MAX; k++) {
        for (size_t i = 0; b->grid[k] && i < n; i++)
            free(b->grid[k][i]);
        free(b->grid[k]);
        b->grid[k] = NULL;
    }
    free(b->slot_of_year);
    free(b->year_of_slot);
    b->slot_of_year = NULL;
    b->year_of_slot = NULL;
}

/* Slot of a year, new slots in order of first appearance. */
static long year_slot(jh_slabs *b, int year)
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

/* One stratum's grid at the new dimensions; old slabs keep their place by
 * (indicator, slot).  NULL when out of memory. */
static jh_slab **regrid(const jh_slabs *b, jh_slab **old, size_t ic, size_t yc)
{
    jh_slab **g = calloc(ic * yc, sizeof *g);
    if (!g || !old)
        return g;
    for (size_t i = 0; i < b->ind_cap; i++)
        memcpy(g + i * yc, old + i * b->year_cap, b->year_cap * sizeof *g);
    return g;
}

/* Makes the grids hold indicator ind and slot, and stratum's grid exist.
 * Years start at one slot: most files have few, and the grid is indicators
 * x slots pointers. */
static int grow_grid(jh_slabs *b, size_t ind, size_t slot, int stratum)
{
    size_t ic = b->ind_cap ? b->ind_cap : 16, yc = b->year_cap ? b->year_cap : 1;
    while (ic <= ind)
        ic *= 2;
    while (yc <= slot)
        yc *= 2;
    if (ic != b->ind_cap || yc != b->year_cap) {
        jh_slab **g[JH_STRATA_MAX] = {NULL};
        for (int k = 0; k < JH_STRATA_MAX; k++)
            if (b->grid[k] && !(g[k] = regrid(b, b->grid[k], ic, yc))) {
                for (int j = 0; j < k; j++)
                    free(g[j]);
                return -1;
            }
        for (int k = 0; k < JH_STRATA_MAX; k++) {
            free(b->grid[k]);
            b->grid[k] = g[k];
        }
        b->ind_cap = ic;
        b->year_cap = yc;
        b->last = NULL;
    }
    if (!b->grid[stratum] && !(b->grid[stratum] = calloc(ic * yc, sizeof *b->grid[stratum])))
        return -1;
    return 0;
}

/* Makes room for regions [0, need) in *sp (a grid cell).  A new slab
 * starts as large as the regions seen so far (known), so that only the
 * first slabs of a file grow by reallocation. */
static int slab_reserve(jh_slab **sp, size_t need, size_t known, int counts)
{
    jh_slab *s = *sp;
    size_t old = s ? s->cap : 0;
    if (need <= old)
        return 0;
    size_t cap = old ? 2 * old : (known > need ? known : need);
    while (cap < need)
        cap *= 2;
    size_t per = sizeof(jh_cell) + (counts ? sizeof(uint32_t) : 0);
    s = realloc(s, sizeof *s + cap * per);
    if (!s)
        return -1;
    *sp = s;
    s->counts = (size_t)counts;
    /* The cells stay where they are; the counts move to their place after
     * the longer cell array. */
    if (counts)
        memmove(s->data + cap * sizeof(jh_cell), s->data + old * sizeof(jh_cell),
                old * sizeof(uint32_t));
    s->cap = cap;
    jh_cell *c = slab_cell(s);
    for (size_t r = old; r < cap; r++)
        c[r] = (jh_cell){NAN, NAN, 0};
    if (counts)
        memset(slab_count(s) + old, 0, (cap - old) * sizeof(uint32_t));
    return 0;
}

/* The grid cell of o's slab (the slab itself may still be NULL). */
static jh_slab **cell_for(jh_slabs *b, const jh_obs *o)
{
    long slot = year_slot(b, o->year);
    if (slot < 0 || grow_grid(b, o->indicator, (size_t)slot, o->stratum))
        return NULL;
    size_t cell = (size_t)o->indicator * b->year_cap + (size_t)slot;
    size_t key = o->stratum * (b->ind_cap * b->year_cap) + cell;
    if (b->last && b->last_key == key)
        return b->last;
    b->last = &b->grid[o->stratum][cell];
    b->last_key = key;
    return b->last;
}

/* A second observation of cell r, by the duplicate policy; 1 when it is
 * an error, with *first where the first came from. */
static int merge_duplicate(jh_slabs *b, jh_slab *s, size_t r, const jh_obs *o,
                           uint64_t *first)
{
    jh_cell *c = slab_cell(s) + r;
    uint32_t *count = s->counts ? slab_count(s) : NULL;
    b->n_duplicates++;
    switch (b->on_duplicate) {
    case JH_DUP_ERROR:
        b->dup_error = 1;
        *first = c->where;
        return 1;
    case JH_DUP_FIRST:
        break;
    case JH_DUP_LAST:
        c->value = o->value;
        c->weight = o->weight;
        break;
    case JH_DUP_MEAN:
        /* Running mean over the non-missing values: the cell is missing only
         * when every duplicate is. */
        if (isnan(o->value) || !count)
            break;
        if (isnan(c->value)) {
            c->value = o->value;
            count[r] = 1;
        } else {
            count[r]++;
            c->value += (o->value - c->value) / count[r];
        }
        break;
    }
    return 0;
}

int jh_slabs_push(jh_slabs *b, const jh_obs *o, size_t known, uint64_t *first)
{
    int mean = b->on_duplicate == JH_DUP_MEAN;
    jh_slab **sp = cell_for(b, o);
    if (!sp || slab_reserve(sp, (size_t)o->region + 1, known, mean))
        return -1;
    jh_slab *s = *sp;
    size_t r = o->region;
    b->n_obs++;
    jh_cell *c = slab_cell(s) + r;
    if (c->where)
        return merge_duplicate(b, s, r, o, first);
    *c = (jh_cell){o->value, o->weight, (uint64_t)(o->file + 1) << 32 | o->line};
    if (mean)
        slab_count(s)[r] = !isnan(o->value);
    return 0;
}

void jh_slabs_to_cube(const jh_slabs *b, jh_dataset *d, const size_t *slot_index)
{
    size_t nr = d->regions.n;
    for (size_t i = 0; i < d->indicators.n; i++)
        for (size_t slot = 0; slot < b->n_slots; slot++)
            for (size_t k = 0; k < d->n_strata; k++) {
                size_t off = jh_dataset_offset(d, i, slot_index[slot], k, 0);
                jh_slab *const *g = b->grid[d->strata[k]];
                jh_slab *s = g && i < b->ind_cap ? g[i * b->year_cap + slot] : NULL;
                size_t have = s ? (s->cap < nr ? s->cap : nr) : 0;
                const jh_cell *c = have ? slab_cell(s) : NULL;
                for (size_t r = 0; r < have; r++)
                    d->values[off + r] = c[r].value;
                for (size_t r = have; r < nr; r++)
                    d->values[off + r] = NAN;
                if (!d->weights)
                    continue;
                for (size_t r = 0; r < have; r++)
                    d->weights[off + r] = c[r].weight;
                for (size_t r = have; r < nr; r++)
                    d->weights[off + r] = NAN;
            }
}
