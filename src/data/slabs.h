/* Where observations wait for the dense cube (slabs.c): a grid of slabs by
 * (stratum, indicator, year slot), each an array over regions.  It knows
 * nothing of the builder: the builder (builder.c) owns one, pushes the
 * observations the readers give it, names a duplicate in its message and
 * copies the slabs into the dataset at the end.  Private to src/data. */
#ifndef JUNHENG_SLABS_H
#define JUNHENG_SLABS_H

#include <stddef.h>
#include <stdint.h>
#include "junheng/dataset.h"

/* One observation as read, on its way into the slabs. */
typedef struct jh_obs {
    uint32_t region;    /* index into the builder's regions */
    uint32_t indicator; /* index into the builder's indicators */
    int32_t year;       /* calendar year */
    uint32_t file;      /* index into the builder's files, for messages */
    uint32_t line;      /* line of the row, for messages */
    uint8_t stratum;    /* jh_stratum */
    double value;       /* NaN when missing */
    double weight;      /* NaN when missing or no weight column */
} jh_obs;

typedef struct jh_slabs {
    jh_dup_policy on_duplicate; /* what a second observation of a cell does */
    struct jh_slab **grid[JH_STRATA_MAX]; /* [stratum][indicator * year_cap
                               + slot] slabs; a stratum's grid is NULL until it
                               occurs, a slab NULL until its first observation */
    size_t ind_cap, year_cap; /* grid dimensions */
    int32_t *slot_of_year;  /* [year] slot + 1, 0 = year not seen (1..9999) */
    int *year_of_slot;      /* [slot] year, in order of first appearance */
    size_t n_slots;
    struct jh_slab **last;  /* grid cell of the previous observation */
    size_t last_key;        /* its position: stratum * (ind_cap * year_cap) + cell */
    struct jh_arena **arena; /* the arenas of whole chunks, oldest first */
    size_t n_arena, arena_cap;
    uint64_t *base;         /* [file] position of its line 0 (slabs.c) */
    size_t n_base;
    uint64_t pos_end;       /* past every position given */
    size_t n_obs;           /* observations pushed */
    size_t n_duplicates;    /* second observations of a cell */
    int dup_error;          /* a duplicate was an error */
} jh_slabs;

/* Stores o in its cell; known is the number of regions seen so far (a new
 * slab starts that long).  A second observation of a cell follows the
 * duplicate policy.  Returns 0, -1 when out of memory, or 1 when o is a
 * duplicate the policy makes an error: *first is then where the first
 * observation came from, (file + 1) << 32 | line, for the message. */
int jh_slabs_push(jh_slabs *s, const jh_obs *o, size_t known, uint64_t *first);

/* Frees the slabs and the year slots; s can be pushed to again. */
void jh_slabs_free(jh_slabs *s);

/* Moves the slabs into d's dense cube (d->years, strata, regions and
 * indicators set; slot_index[slot] is the slot's place in d->years),
 * giving their memory back as it goes: only jh_slabs_free is left to
 * call. */
void jh_slabs_to_cube(jh_slabs *s, jh_dataset *d, const size_t *slot_index);

#endif
