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
#include <stdint.h>
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
    uint32_t *region_file;  /* [region] file of its first observation */
    uint32_t *region_line;  /* [region] line of its first observation */
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
    size_t n_duplicates;    /* observations merged by the duplicate policy */
    const char **file_encoding; /* [file] "utf-8" or "gb18030"; array owned, strings static */
    char **files;           /* [file] paths read; owned */
    size_t n_files;
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

typedef enum jh_encoding { JH_ENC_AUTO, JH_ENC_UTF8, JH_ENC_GB18030 } jh_encoding;
typedef enum jh_format { JH_FORMAT_AUTO, JH_FORMAT_LONG, JH_FORMAT_WIDE } jh_format;
/* What a bound such as ">98" becomes: its number, missing, or an error. */
typedef enum jh_censored_policy {
    JH_CENSORED_VALUE, JH_CENSORED_MISSING, JH_CENSORED_ERROR
} jh_censored_policy;
/* What a second observation of the same cell does. */
typedef enum jh_dup_policy { JH_DUP_ERROR, JH_DUP_FIRST, JH_DUP_LAST, JH_DUP_MEAN } jh_dup_policy;

/* How to read CSV files.  Zero-initialised means: detect the format and
 * the encoding, comma (tab for .tsv), built-in column names, bounds read
 * as their number, duplicates an error. */
typedef struct jh_read_opts {
    const char *region_col;    /* column names overriding the built-in ones */
    const char *year_col;
    const char *indicator_col;
    const char *value_col;
    const char *weight_col;    /* NULL means "population" (or 人口, 常住人口...) if present */
    const char *group_col;
    const char *stratum_col;
    const char *name_col;
    int no_weight;             /* ignore any weight column */
    jh_format format;          /* AUTO: wide when there is no indicator column */
    int year;                  /* year of a wide file without a year column; 0 = none */
    jh_encoding encoding;      /* AUTO: valid UTF-8 is UTF-8, anything else GB18030 */
    char delimiter;            /* 0: tab for *.tsv, comma otherwise */
    jh_censored_policy censored;
    jh_dup_policy on_duplicate;
} jh_read_opts;

/* A builder collects observations from one or more files, then makes the
 * dense dataset.  Opaque; caller owns it: free with jh_builder_free(). */
typedef struct jh_builder jh_builder;

jh_builder *jh_builder_alloc(const jh_read_opts *opts);
void jh_builder_free(jh_builder *b);

/* Reads one file, long or wide, into the builder.  Data errors
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
