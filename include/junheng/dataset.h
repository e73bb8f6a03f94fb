/* junheng — the dataset in memory and how it is built from CSV files.
 *
 * Values are stored dense, indexed [indicator][year][stratum][region], so
 * the slice an analysis needs (one indicator, one year, one stratum, every
 * region) is contiguous.  Missing values are NaN.  Regions and indicators
 * are interned in order of first appearance; years are sorted ascending;
 * strata keep the fixed order total, urban, rural (only those present). */
#ifndef JUNHENG_DATASET_H
#define JUNHENG_DATASET_H

#include <stddef.h>
#include "junheng/diag.h"
#include "junheng/status.h"
#include "junheng/intern.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum jh_stratum {
    JH_STRATUM_TOTAL, JH_STRATUM_URBAN, JH_STRATUM_RURAL, JH_STRATUM_COUNT
} jh_stratum;

/* "total", "urban", "rural".  Returns a static string. */
const char *jh_stratum_name(jh_stratum s);

/* Parses a stratum cell: total/urban/rural (any case), 合计/城镇/农村, and
 * empty as total.  Returns 0 and sets *s, or -1 when unknown. */
int jh_stratum_parse(const char *text, jh_stratum *s);

typedef struct jh_dataset {
    jh_intern regions;      /* region codes */
    char **region_name;     /* [region] name or NULL; owned */
    char **region_group;    /* [region] group or NULL; owned */
    jh_intern indicators;   /* indicator codes */
    int *years;             /* ascending; owned */
    size_t n_years;
    jh_stratum strata[JH_STRATUM_COUNT]; /* strata present, in fixed order */
    size_t n_strata;
    double *values;         /* dense cube, NaN = missing; owned */
    double *weights;        /* same shape, NULL when the data have no weight column */
    char *weight_name;      /* name of the weight column, or NULL */
    size_t n_observations;  /* rows read */
    size_t n_missing;       /* rows whose value was a marker of missing */
    size_t n_censored;      /* rows whose value was a bound such as >98 */
} jh_dataset;

/* Position of a cell in values/weights. */
static inline size_t jh_dataset_offset(const jh_dataset *d, size_t ind,
                                       size_t year, size_t stratum, size_t region)
{
    return ((ind * d->n_years + year) * d->n_strata + stratum) * d->regions.n + region;
}

/* The n_regions values of one slice; NaN where missing. */
static inline const double *jh_dataset_slice(const jh_dataset *d, size_t ind,
                                             size_t year, size_t stratum)
{
    return d->values + jh_dataset_offset(d, ind, year, stratum, 0);
}

/* Frees everything the dataset owns, and the dataset itself. */
void jh_dataset_free(jh_dataset *d);

/* How to read CSV files. */
typedef struct jh_read_opts {
    const char *weight_col; /* weight column; NULL means "population" if present */
    int no_weight;          /* ignore any weight column */
} jh_read_opts;

/* A builder collects observations from one or more files, then makes the
 * dense dataset.  Opaque; caller owns it: free with jh_builder_free(). */
typedef struct jh_builder jh_builder;

jh_builder *jh_builder_alloc(const jh_read_opts *opts);
void jh_builder_free(jh_builder *b);

/* Reads one canonical long-format file into the builder.  Data errors
 * (bad number, bad year, unknown stratum, ragged row, malformed CSV) go to
 * diag as "FILE:LINE:COL: ..."; reading goes on after a bad cell until
 * diag is full.  Returns JH_OK, JH_EPARSE (errors were added to diag),
 * JH_ENOTFOUND (the file cannot be opened: a message is added too),
 * JH_EIO or JH_ENOMEM. */
int jh_builder_read(jh_builder *b, const char *path, jh_diag *diag);

/* Makes the dataset from everything read.  A duplicate (region, year,
 * indicator, stratum) is an error naming both lines.  Returns JH_OK and
 * sets *out (caller owns it, free with jh_dataset_free), or JH_EPARSE /
 * JH_ENOMEM with *out NULL. */
int jh_builder_finish(jh_builder *b, jh_diag *diag, jh_dataset **out);

#ifdef __cplusplus
}
#endif
#endif
