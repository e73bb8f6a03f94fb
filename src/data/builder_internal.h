/* The builder's private state, shared by the readers and finish. */
#ifndef JUNHENG_BUILDER_INTERNAL_H
#define JUNHENG_BUILDER_INTERNAL_H

#include <stdint.h>
#include "junheng/dataset.h"
#include "slabs.h"

struct jh_builder {
    jh_read_opts opts;      /* copy of the caller's options */
    jh_intern regions;      /* region codes */
    char **region_name;     /* [region] first name seen, or NULL */
    char **region_group;    /* [region] first group seen, or NULL */
    uint32_t *region_file;  /* [region] file of the first observation */
    uint32_t *region_line;  /* [region] line of the first observation */
    uint64_t *group_where;  /* [region] (file + 1) << 32 | line of the first
                               group label, 0 = none yet */
    unsigned char *group_conflict; /* [region] a second label was reported */
    size_t region_cap;      /* allocated length of the region arrays */
    jh_intern indicators;   /* indicator codes */
    jh_slabs slabs;         /* the observations, cell by cell */
    char **files;           /* paths read, for messages */
    const char **file_encoding; /* [file] encoding name, static strings */
    size_t n_files;
    char *weight_name;      /* weight column found, or NULL */
    int strata_seen[JH_STRATA_MAX]; /* which strata occur, by id */
    jh_strata_catalog *strata; /* opts.strata_path once read, else NULL */
    int strata_read;        /* opts.strata_path was tried */
    size_t n_missing;       /* cells that were markers of missing */
    size_t n_censored;      /* cells that were bounds */
    size_t n_level[JH_LEVEL_ALL]; /* rows left out, by their level */
    char **skipped;         /* wide columns not taken as indicators, once each */
    const char **skipped_why; /* static strings */
    size_t n_skipped, skipped_cap;
    unsigned char *ignore_seen; /* [token of opts.ignore_cols] a file had it */
    unsigned char *only_seen;   /* [token of opts.only] a file had it */
    jh_intern attrs;        /* attribute columns: text kept per region */
    char ***attr_value;     /* [attr][region] first text seen, or NULL */
    size_t attr_cap;        /* allocated length of attr_value */
};

/* Ordinal of the token of list (n comma-separated entries) equal to
 * name[0..len-1] after trimming blanks, ignoring ASCII case when nocase;
 * (size_t)-1 when none. */
size_t jh_list_find(const char *const *list, size_t n, const char *name, size_t len,
                    int nocase);

/* Remembers that wide column name was not taken as an indicator, and why
 * (a static string); 0 or -1 when out of memory. */
int jh_builder_skip_column(jh_builder *b, const char *name, const char *why);

/* Stores an observation in its cell.  A second observation of a cell
 * follows the duplicate policy; as an error it is reported in diag, naming
 * both lines.  Returns 0, or -1 when out of memory. */
int jh_builder_push(jh_builder *b, const jh_obs *o, jh_diag *diag);

/* Records the name, group and first position (file, line) of region r
 * when first seen.  A group label other than the first is an error in
 * diag naming both lines (a warning when opts.lenient), at column
 * group_col; once per region.  0, or -1 when out of memory. */
int jh_builder_region_attrs(jh_builder *b, size_t r, const char *name, const char *group,
                            unsigned long group_col, uint32_t file, uint32_t line,
                            jh_diag *diag);

/* Index of the attribute column name (added when new, with no value for
 * any region), or (size_t)-1 when out of memory. */
size_t jh_builder_attr(jh_builder *b, const char *name);

/* Sets attribute a of region r to text unless it has one (the first value
 * seen is kept, as for the region's name).  0, or -1 when out of memory. */
int jh_builder_attr_set(jh_builder *b, size_t a, size_t r, const char *text);

/* Remembers path and its encoding (a static string), returns its index
 * (or (uint32_t)-1 when out of memory). */
uint32_t jh_builder_add_file(jh_builder *b, const char *path, const char *encoding);

#endif
