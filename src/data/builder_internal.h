/* The builder's private state, shared by the readers and finish. */
#ifndef JUNHENG_BUILDER_INTERNAL_H
#define JUNHENG_BUILDER_INTERNAL_H

#include <stdint.h>
#include "junheng/dataset.h"

/* One observation as read, before the dense cube exists. */
typedef struct jh_obs {
    uint32_t region;    /* index into regions */
    uint32_t indicator; /* index into indicators */
    int32_t year;       /* calendar year */
    uint32_t file;      /* index into builder files, for messages */
    uint32_t line;      /* line of the row, for messages */
    uint8_t stratum;    /* jh_stratum */
    double value;       /* NaN when missing */
    double weight;      /* NaN when missing or no weight column */
} jh_obs;

struct jh_builder {
    jh_read_opts opts;      /* copy of the caller's options */
    jh_intern regions;      /* region codes */
    char **region_name;     /* [region] first name seen, or NULL */
    char **region_group;    /* [region] first group seen, or NULL */
    uint32_t *region_file;  /* [region] file of the first observation */
    uint32_t *region_line;  /* [region] line of the first observation */
    size_t region_cap;      /* allocated length of the four arrays */
    jh_intern indicators;   /* indicator codes */
    jh_obs *obs;            /* observations in reading order */
    size_t n_obs, obs_cap;
    char **files;           /* paths read, for messages */
    const char **file_encoding; /* [file] encoding name, static strings */
    size_t n_files;
    char *weight_name;      /* weight column found, or NULL */
    int *years;             /* distinct years seen, ascending */
    size_t n_years, years_cap;
    int strata_seen[JH_STRATUM_COUNT]; /* which strata occur */
    size_t n_missing;       /* cells that were markers of missing */
    size_t n_censored;      /* cells that were bounds */
};

/* Appends an observation; 0, or -1 when out of memory. */
int jh_builder_push(jh_builder *b, const jh_obs *o);

/* Records the name, group and first position (file, line) of region r
 * when first seen; 0 or -1. */
int jh_builder_region_attrs(jh_builder *b, size_t r, const char *name,
                            const char *group, uint32_t file, uint32_t line);

/* Remembers path and its encoding (a static string), returns its index
 * (or (uint32_t)-1 when out of memory). */
uint32_t jh_builder_add_file(jh_builder *b, const char *path, const char *encoding);

#endif
