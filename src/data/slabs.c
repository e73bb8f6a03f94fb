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
 * pointer), whole chunks of 128 regions fill 2 MiB arenas one after the
 * other, and a stratum's grid exists only once the stratum occurs. */
#define _DEFAULT_SOURCE /* madvise */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "junheng/grow.h"
#include "junheng/threads.h"
#include "slabs.h"

/* A cell holds what one observation writes: value (NaN when missing) and
 * weight (NaN when none) side by side, since a long file ordered by
 * region writes each row into another slab, and separate arrays were
 * separate cache lines a row.  Where the value came from, needed only to
 * name a duplicate, is a 32-bit position (see position()) in an array
 * after the cells: 16 + 4 bytes a cell, not 24.  Position 0 is a cell not
 * observed (value and weight then meaningless), so that the arenas' fresh
 * pages of zeros need no writing before use. */
typedef struct jh_cell {
    double value, weight;
} jh_cell;

/* A slab's regions come in chunks of CHUNK: chunk[c] holds the cells of
 * regions [c * CHUNK, (c + 1) * CHUNK), then their positions, then, for
 * JH_DUP_MEAN, a count per region (values averaged).  Chunk 0 is born as
 * long as the regions seen so far and grows to CHUNK (a slab of a wide
 * file's single row stays one cell); whole chunks come from arenas, in
 * the order the rows need them, so that a slab never moves its cells to
 * grow.  The slab itself is only the chunk table: small, so that the
 * tables a row touches stay in cache. */
#define CHUNK_SHIFT 7
#define CHUNK ((size_t)1 << CHUNK_SHIFT)
/* An arena is one huge page (2 MiB, where the system has them): a file
 * ordered by region writes each row into another slab, about a thousand
 * slabs in turn on M, and with pages of 4 KiB every row missed the TLB,
 * two thirds of the time of a row.  The arenas are shared by every slab,
 * and the cube is filled arena by arena (each chunk says where it goes),
 * giving each back once copied: the peak stays the slabs and a little,
 * not the slabs and the cube. */
#define ARENA_BYTES ((size_t)2 << 20)
/* Chunks of an arena faulted in at once, ahead of use, where huge pages
 * are not given: a page fault costs an exception, dear on a
 * paravirtualized machine, where one madvise for a few pages costs one
 * system call; a step, not the whole arena, so that a small file does not
 * hold pages it never writes. */
#define POPULATE_CHUNKS 8
/* Cells of a cube large enough to be filled on two threads (8 MiB of
 * values): the copy then takes milliseconds, a thread tens of microseconds. */
#define FILL_THREAD_CELLS ((size_t)1 << 20)

typedef struct jh_slab {
    uint32_t ind, slot;  /* its indicator and year slot */
    uint32_t stratum;
    size_t n_chunk;      /* entries of chunk[] */
    size_t cap0;         /* regions chunk[0] holds */
    jh_cell *chunk[];    /* NULL: no region of that chunk observed */
} jh_slab;

/* What precedes a whole chunk in its arena: where it goes in the cube. */
typedef struct jh_chunk_head {
    uint32_t ind, slot, stratum, c;
} jh_chunk_head;

typedef struct jh_arena {
    size_t per;          /* bytes of a chunk with its head */
    size_t cap;          /* chunks it holds */
    size_t used;         /* chunks handed out */
    size_t populated;    /* chunks faulted in ahead */
    unsigned char mem[]; /* the chunks, each a jh_chunk_head and the chunk */
} jh_arena;

/* Arrays after the cells of a chunk: positions, and counts for the mean. */
#define TAIL_POS 0
#define TAIL_COUNT 1

static size_t chunk_bytes(size_t regions, int counts)
{
    return regions * (sizeof(jh_cell) + (counts ? 2 : 1) * sizeof(uint32_t));
}

/* Array k (TAIL_*) after the n cells at cells. */
static uint32_t *tail_of(jh_cell *cells, size_t n, int k)
{
    return (uint32_t *)(void *)(cells + n) + (size_t)k * n;
}

static uint32_t *chunk_tail(const jh_slab *s, size_t c, int k)
{
    return tail_of(s->chunk[c], c ? CHUNK : s->cap0, k);
}

static void free_arena(jh_arena *a)
{
#if defined(MAP_ANONYMOUS) && defined(MADV_HUGEPAGE)
    if (a)
        munmap(a, ARENA_BYTES);
#else
    free(a);
#endif
}

/* A new arena of zeros, aligned on ARENA_BYTES so that it can be one huge
 * page; NULL when out of memory. */
static jh_arena *new_arena(size_t per)
{
    jh_arena *a;
#if defined(MAP_ANONYMOUS) && defined(MADV_HUGEPAGE)
    unsigned char *m = mmap(NULL, 2 * ARENA_BYTES, PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED)
        return NULL;
    size_t lead = (ARENA_BYTES - (uintptr_t)m % ARENA_BYTES) % ARENA_BYTES;
    if (lead)
        munmap(m, lead);
    munmap(m + lead + ARENA_BYTES, ARENA_BYTES - lead);
    a = (jh_arena *)(void *)(m + lead);
    (void)madvise(a, ARENA_BYTES, MADV_HUGEPAGE);
#else
    if (!(a = calloc(1, ARENA_BYTES)))
        return NULL;
#endif
    a->per = per;
    a->cap = (ARENA_BYTES - sizeof *a) / per;
    return a;
}

void jh_slabs_free(jh_slabs *b)
{
    size_t n = b->ind_cap * b->year_cap;
    for (int k = 0; k < JH_STRATA_MAX; k++) {
        for (size_t i = 0; b->grid[k] && i < n; i++) {
            if (b->grid[k][i] && b->grid[k][i]->n_chunk && b->grid[k][i]->cap0 < CHUNK)
                free(b->grid[k][i]->chunk[0]);
            free(b->grid[k][i]);
        }
        free(b->grid[k]);
        b->grid[k] = NULL;
    }
    for (size_t c = 0; c < b->n_arena; c++)
        free_arena(b->arena[c]);
    free(b->arena);
    b->arena = NULL;
    b->n_arena = b->arena_cap = 0;
    free(b->slot_of_year);
    free(b->year_of_slot);
    b->slot_of_year = NULL;
    b->year_of_slot = NULL;
    free(b->base);
    b->base = NULL;
    b->n_base = 0;
    b->pos_end = 0;
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

static jh_cell *arena_chunk(jh_slabs *b, const jh_slab *s, size_t c, int counts);

/* Makes chunk 0 of *sp hold region i (< CHUNK).  A new chunk starts as long
 * as the regions seen so far (known), so that only the first slabs of a
 * file grow by reallocation. */
static int grow_chunk0(jh_slabs *b, jh_slab *s, size_t i, size_t known, int counts)
{
    size_t old = s->cap0;
    size_t cap = old ? 2 * old : (known > i + 1 ? known : i + 1);
    while (cap < i + 1)
        cap *= 2;
    if (cap > CHUNK)
        cap = CHUNK;
    jh_cell *c;
    if (cap == CHUNK) {
        /* Whole: into an arena, like the other chunks. */
        if (!(c = arena_chunk(b, s, 0, counts)))
            return -1;
        if (old)
            memcpy(c, s->chunk[0], old * sizeof *c);
        for (int k = 0; old && k <= counts; k++)
            memcpy(tail_of(c, CHUNK, k), tail_of(s->chunk[0], old, k), old * sizeof(uint32_t));
        free(s->chunk[0]);
        s->chunk[0] = c;
        s->cap0 = cap;
        return 0;
    }
    if (!(c = realloc(s->chunk[0], chunk_bytes(cap, counts))))
        return -1;
    /* The cells stay where they are; the arrays after them move to their
     * place after the longer cell array, the last first; the new places
     * are zeros: not observed. */
    for (int k = counts; k >= 0; k--) {
        memmove(tail_of(c, cap, k), tail_of(c, old, k), old * sizeof(uint32_t));
        memset(tail_of(c, cap, k) + old, 0, (cap - old) * sizeof(uint32_t));
    }
    memset(c + old, 0, (cap - old) * sizeof *c);
    s->chunk[0] = c;
    s->cap0 = cap;
    return 0;
}

/* Faults in [p, p + bytes) for writing, when the kernel can (Linux 5.14);
 * the pages would be faulted in one by one otherwise, with the same result. */
static void populate(void *p, size_t bytes)
{
#ifdef MADV_POPULATE_WRITE
    static const uintptr_t page = 4096; /* the smallest page: a rounding only */
    uintptr_t from = (uintptr_t)p & ~(page - 1), to = (uintptr_t)p + bytes;
    (void)madvise((void *)from, to - from, MADV_POPULATE_WRITE);
#else
    (void)p;
    (void)bytes;
#endif
}

/* A new whole chunk c of slab s, from the newest arena: zeros, after a
 * head that says where it goes. */
static jh_cell *arena_chunk(jh_slabs *b, const jh_slab *s, size_t c, int counts)
{
    size_t per = sizeof(jh_chunk_head) + chunk_bytes(CHUNK, counts);
    jh_arena *a = b->n_arena ? b->arena[b->n_arena - 1] : NULL;
    if (!a || a->used == a->cap) {
        if (jh_grow((void **)&b->arena, &b->arena_cap, b->n_arena + 1, sizeof *b->arena))
            return NULL;
        if (!(a = new_arena(per)))
            return NULL;
        b->arena[b->n_arena++] = a;
    }
    if (a->used == a->populated) {
        size_t n = a->cap - a->used < POPULATE_CHUNKS ? a->cap - a->used : POPULATE_CHUNKS;
        populate(a->mem + per * a->used, per * n);
        a->populated += n;
    }
    unsigned char *at = a->mem + per * a->used++;
    *(jh_chunk_head *)(void *)at = (jh_chunk_head){s->ind, s->slot, s->stratum, (uint32_t)c};
    return (jh_cell *)(void *)(at + sizeof(jh_chunk_head));
}

/* The cells of region r's chunk in *sp, made when missing; NULL when out
 * of memory. */
static jh_cell *slab_chunk(jh_slabs *b, jh_slab **sp, const jh_obs *o, size_t slot,
                           size_t known, int counts)
{
    size_t r = o->region, c = r >> CHUNK_SHIFT;
    jh_slab *s = *sp;
    if (!s || c >= s->n_chunk) {
        size_t n = s ? s->n_chunk : 0, want = c + 1;
        if (!(s = realloc(s, sizeof *s + want * sizeof *s->chunk)))
            return NULL;
        if (!n) {
            s->cap0 = 0;
            s->ind = o->indicator;
            s->slot = (uint32_t)slot;
            s->stratum = o->stratum;
        }
        memset(s->chunk + n, 0, (want - n) * sizeof *s->chunk);
        s->n_chunk = want;
        *sp = s;
    }
    if (c == 0) {
        if (r >= s->cap0 && grow_chunk0(b, s, r, known, counts))
            return NULL;
    } else if (!s->chunk[c]) {
        if (!(s->chunk[c] = arena_chunk(b, s, c, counts)))
            return NULL;
    }
    return s->chunk[c];
}

/* The grid cell of o's slab (the slab itself may still be NULL), and its
 * year slot in *slot. */
static jh_slab **cell_for(jh_slabs *b, const jh_obs *o, size_t *slot_out)
{
    long slot = year_slot(b, o->year);
    if (slot < 0 || grow_grid(b, o->indicator, (size_t)slot, o->stratum))
        return NULL;
    *slot_out = (size_t)slot;
    size_t cell = (size_t)o->indicator * b->year_cap + (size_t)slot;
    size_t key = o->stratum * (b->ind_cap * b->year_cap) + cell;
    if (b->last && b->last_key == key)
        return b->last;
    b->last = &b->grid[o->stratum][cell];
    b->last_key = key;
    return b->last;
}

/* The position of o: 1 + its line after the lines of the files before
 * it, each file starting at or past every position given so far (files
 * come one after the other, their rows in order); 0 when out of memory.
 * Beyond 2^32 - 1 lines in all (a dataset that large does not fit in
 * memory anyway) the positions stay at 2^32 - 1, observed but no longer
 * told apart. */
static uint32_t position(jh_slabs *b, const jh_obs *o)
{
    if (o->file >= b->n_base) {
        uint64_t *t = realloc(b->base, ((size_t)o->file + 1) * sizeof *t);
        if (!t)
            return 0;
        b->base = t;
        while (b->n_base <= o->file)
            b->base[b->n_base++] = b->pos_end;
    }
    uint64_t p = b->base[o->file] + o->line + 1;
    if (p >= b->pos_end)
        b->pos_end = p + 1;
    return p > UINT32_MAX ? UINT32_MAX : (uint32_t)p;
}

/* (file + 1) << 32 | line of position p: the last file starting before
 * p (files that gave no observation may share a start with the next). */
static uint64_t where_of(const jh_slabs *b, uint32_t p)
{
    size_t f = b->n_base;
    while (f > 1 && b->base[f - 1] >= p)
        f--;
    return f ? (uint64_t)f << 32 | (p - b->base[f - 1] - 1) : 0;
}

/* A second observation of cell c, by the duplicate policy; 1 when it is
 * an error, with *first where the first came from. */
static int merge_duplicate(jh_slabs *b, jh_cell *c, uint32_t pos, uint32_t *count,
                           const jh_obs *o, uint64_t *first)
{
    b->n_duplicates++;
    switch (b->on_duplicate) {
    case JH_DUP_ERROR:
        b->dup_error = 1;
        *first = where_of(b, pos);
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
            *count = 1;
        } else {
            ++*count;
            c->value += (o->value - c->value) / *count;
        }
        break;
    }
    return 0;
}

int jh_slabs_push(jh_slabs *b, const jh_obs *o, size_t known, uint64_t *first)
{
    int mean = b->on_duplicate == JH_DUP_MEAN;
    size_t slot;
    jh_slab **sp = cell_for(b, o, &slot);
    if (!sp)
        return -1;
    size_t r = o->region, c = r >> CHUNK_SHIFT, i = r & (CHUNK - 1);
    jh_slab *s = *sp;
    jh_cell *cells = s && c < s->n_chunk && (c ? s->chunk[c] != NULL : i < s->cap0)
                         ? s->chunk[c] : slab_chunk(b, sp, o, slot, known, mean);
    if (!cells)
        return -1;
    s = *sp;
    uint32_t p = position(b, o);
    if (!p)
        return -1;
    b->n_obs++;
    jh_cell *cell = cells + i;
    uint32_t *pos = chunk_tail(s, c, TAIL_POS) + i;
    uint32_t *count = mean ? chunk_tail(s, c, TAIL_COUNT) + i : NULL;
    if (*pos)
        return merge_duplicate(b, cell, *pos, count, o, first);
    *cell = (jh_cell){o->value, o->weight};
    *pos = p;
    if (count)
        *count = !isnan(o->value);
    return 0;
}

/* Regions [lo, hi) of the n cells at cells (NULL: none) into the cube
 * row at values/weights (weights may be NULL); NaN past the n and where
 * not observed. */
static void cells_to_row(jh_cell *cells, size_t n, size_t lo, size_t hi, double *values,
                         double *weights)
{
    size_t have = !cells ? 0 : n < hi - lo ? n : hi - lo;
    const uint32_t *pos = cells ? tail_of(cells, n, TAIL_POS) : NULL;
    for (size_t r = 0; r < have; r++)
        values[r] = pos[r] ? cells[r].value : NAN;
    for (size_t r = have; r < hi - lo; r++)
        values[r] = NAN;
    if (!weights)
        return;
    for (size_t r = 0; r < have; r++)
        weights[r] = pos[r] ? cells[r].weight : NAN;
    for (size_t r = have; r < hi - lo; r++)
        weights[r] = NAN;
}

/* What both passes of the fill need. */
struct fill_job {
    jh_slabs *b;
    jh_dataset *d;
    const size_t *slot_index;
    size_t stratum_pos[JH_STRATA_MAX]; /* [stratum id] its place in the cube */
    size_t from, to;        /* arenas, then indicators, of this thread */
    size_t step;            /* arenas: every step-th from from */
};

/* The chunks of arenas from, from + step, ... (< to) into the cube, each
 * arena given back once copied.  Two threads take every other arena, so
 * that they fill the same stretch of the cube: a page of the cube the
 * arenas' chunks write in part waits for the other parts only briefly. */
static void fill_arenas(struct fill_job *j)
{
    jh_dataset *d = j->d;
    size_t nr = d->regions.n;
    for (size_t k = j->from; k < j->to; k += j->step) {
        jh_arena *a = j->b->arena[k];
        for (size_t u = 0; u < a->used; u++) {
            unsigned char *at = a->mem + a->per * u;
            const jh_chunk_head *h = (const jh_chunk_head *)(void *)at;
            size_t lo = (size_t)h->c * CHUNK, hi = lo + CHUNK < nr ? lo + CHUNK : nr;
            size_t off = jh_dataset_offset(d, h->ind, j->slot_index[h->slot],
                                           j->stratum_pos[h->stratum], lo);
            cells_to_row((jh_cell *)(void *)(at + sizeof *h), CHUNK, lo, hi, d->values + off,
                         d->weights ? d->weights + off : NULL);
        }
        free_arena(a);
        j->b->arena[k] = NULL;
    }
}

/* Indicators [from, to): the chunks no arena holds, NaN where there are
 * none and chunk 0 while it is short of CHUNK (then given back). */
static void fill_rest(struct fill_job *j)
{
    jh_slabs *b = j->b;
    jh_dataset *d = j->d;
    size_t nr = d->regions.n;
    for (size_t i = j->from; i < j->to; i++)
        for (size_t slot = 0; slot < b->n_slots; slot++)
            for (size_t k = 0; k < d->n_strata; k++) {
                jh_slab *const *g = b->grid[d->strata[k]];
                jh_slab *s = g && i < b->ind_cap ? g[i * b->year_cap + slot] : NULL;
                for (size_t c = 0, lo = 0; lo < nr; c++, lo += CHUNK) {
                    int short0 = s && c == 0 && s->n_chunk && s->cap0 < CHUNK;
                    if (s && c < s->n_chunk && s->chunk[c] && !short0)
                        continue; /* in an arena */
                    size_t off = jh_dataset_offset(d, i, j->slot_index[slot], k, lo);
                    cells_to_row(short0 ? s->chunk[0] : NULL, short0 ? s->cap0 : 0, lo,
                                 lo + CHUNK < nr ? lo + CHUNK : nr, d->values + off,
                                 d->weights ? d->weights + off : NULL);
                }
                if (s && s->n_chunk && s->cap0 < CHUNK)
                    free(s->chunk[0]);
                for (size_t c = 0; s && c < s->n_chunk; c++)
                    s->chunk[c] = NULL;
                if (s)
                    s->cap0 = 0;
            }
}

static void *fill_worker(void *arg)
{
    fill_arenas(arg);
    return NULL;
}

static void *fill_rest_worker(void *arg)
{
    fill_rest(arg);
    return NULL;
}

/* Whether a second thread may fill half the cube: JUNHENG_THREADS when set
 * (1 turns threading off), else the processors online. */
static int two_threads(void)
{
    return jh_thread_count(2) > 1;
}

/* Runs fn on [0, n) of job j, on two threads when allowed: every other
 * item each (interleave) or two halves. */
static void split(struct fill_job *j, size_t n, int two, int interleave,
                  void (*fn)(struct fill_job *), void *(*worker)(void *))
{
    struct fill_job other = *j;
    pthread_t tid;
    *j = (struct fill_job){.b = j->b, .d = j->d, .slot_index = j->slot_index, .to = n, .step = 1};
    memcpy(j->stratum_pos, other.stratum_pos, sizeof j->stratum_pos);
    if (two && n > 1) {
        other.step = interleave ? 2 : 1;
        other.from = interleave ? 1 : n / 2;
        other.to = n;
        j->step = other.step;
        j->to = interleave ? n : n / 2;
        if (pthread_create(&tid, NULL, worker, &other) == 0) {
            fn(j);
            pthread_join(tid, NULL);
            return;
        }
        j->step = 1;
        j->to = n;
    }
    fn(j);
}

/* The arenas first, in the order the rows filled them, each given back
 * once in the cube, so that the cube grows as the slabs shrink; then what
 * no arena holds.  The chunks of an arena and the cells of an indicator
 * go to parts of the cube of their own: two threads fill two halves
 * without sharing a thing but the allocator.  A small cube is filled on
 * this thread alone: a thread would cost more than it saves. */
void jh_slabs_to_cube(jh_slabs *b, jh_dataset *d, const size_t *slot_index)
{
    struct fill_job j = {.b = b, .d = d, .slot_index = slot_index};
    size_t cells = d->indicators.n * d->n_years * d->n_strata * d->regions.n;
    int two = cells >= FILL_THREAD_CELLS && two_threads();
    for (size_t k = 0; k < d->n_strata; k++)
        j.stratum_pos[d->strata[k]] = k;
    split(&j, b->n_arena, two, 1, fill_arenas, fill_worker);
    split(&j, d->indicators.n, two, 0, fill_rest, fill_rest_worker);
}
