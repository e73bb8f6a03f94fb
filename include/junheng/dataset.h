/* junheng — the dataset in memory and how it is built from CSV files.
 *
 * Values are stored dense, indexed [indicator][year][stratum][region], so
 * the slice an analysis needs (one indicator, one year, one stratum, every
 * region) is contiguous.  Missing values are NaN.  Regions and indicators
 * are interned in order of first appearance; years are sorted ascending;
 * strata keep the order total, urban, rural, then the strata catalog's
 * (only those present). */
#ifndef JUNHENG_DATASET_H
#define JUNHENG_DATASET_H

#include <stddef.h>
#include <stdint.h>
#include "junheng/diag.h"
#include "junheng/status.h"
#include "junheng/intern.h"
#include "junheng/strata.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct jh_dataset {
    jh_intern regions;      /* region codes */
    char **region_name;     /* [region] name or NULL; owned */
    char **region_group;    /* [region] group or NULL; owned */
    uint32_t *region_file;  /* [region] file of its first observation */
    uint32_t *region_line;  /* [region] line of its first observation */
    jh_intern indicators;   /* indicator codes */
    jh_intern attrs;        /* attribute columns: text kept per region, never
                               read as values (names, parents, identifiers,
                               text columns of a wide file, other columns of
                               a long file) */
    char **attr_value;      /* [attr * regions.n + region] first text seen,
                               or NULL; owned */
    int *years;             /* ascending; owned */
    size_t n_years;
    jh_stratum *strata;     /* [n_strata] ids of the strata present; owned */
    jh_stratum_def *stratum_def; /* [n_strata] their codes, names and
                               dimensions (copies; owned) */
    size_t n_strata;
    double *values;         /* dense cube, NaN = missing; owned */
    double *weights;        /* same shape, NULL when the data have no weight column */
    char *weight_name;      /* name of the weight column, or NULL */
    size_t n_observations;  /* rows read */
    size_t n_missing;       /* rows whose value was a marker of missing */
    size_t n_censored;      /* rows whose value was a bound such as >98 */
    size_t n_duplicates;    /* observations merged by the duplicate policy */
    size_t n_other_level;   /* rows left out as another level (aggregates) */
    int level;              /* the jh_level read (defined below) */
    char **skipped_col;     /* [k] columns left out: not taken as indicators
                               in a wide file, or --ignore-col; each name
                               once; owned */
    const char **skipped_why; /* [k] why: static strings */
    size_t n_skipped;
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

/* The label of stratum position k ("total", "urban", a catalog code). */
static inline const char *jh_dataset_stratum_name(const jh_dataset *d, size_t k)
{
    return d->stratum_def[k].code;
}

/* The position of the stratum labelled text (its code, a built-in alias, or
 * its name in either language), or (size_t)-1 when the data have none. */
size_t jh_dataset_stratum_find(const jh_dataset *d, const char *text);

/* The position of stratum id, or (size_t)-1 when the data lack it. */
size_t jh_dataset_stratum_pos(const jh_dataset *d, jh_stratum id);

/* Frees everything the dataset owns, and the dataset itself. */
void jh_dataset_free(jh_dataset *d);

typedef enum jh_encoding { JH_ENC_AUTO, JH_ENC_UTF8, JH_ENC_GB18030 } jh_encoding;
typedef enum jh_format { JH_FORMAT_AUTO, JH_FORMAT_LONG, JH_FORMAT_WIDE } jh_format;
/* What a bound such as ">98" becomes: its number, missing, or an error. */
typedef enum jh_censored_policy {
    JH_CENSORED_VALUE, JH_CENSORED_MISSING, JH_CENSORED_ERROR
} jh_censored_policy;
/* The administrative level of a row, from its code and name (see
 * jh_level_of), and the level chosen for analysis. */
typedef enum jh_level {
    JH_LEVEL_COUNTY,     /* a county-level division, or any row of non-Chinese codes */
    JH_LEVEL_PREFECTURE, /* 6-digit code ending in 00 (not 0000) */
    JH_LEVEL_PROVINCE,   /* 6-digit code ending in 0000 */
    JH_LEVEL_NATIONAL,   /* 全国, 中国, national; codes 000000 and 100000 */
    JH_LEVEL_TOTAL,      /* another total: 合计, 总计, 小计, 全省, 全市, 市辖区, 县, total ... */
    JH_LEVEL_ALL         /* as a choice only: every row, nothing detected */
} jh_level;

/* Level of a row whose region code is code and name is name (either may
 * be NULL).  Rule, checked against the official code lists 2010-2024
 * (no county-level code ends in 00): a 6-digit code (or a 12-digit one
 * ending in 000000) ending in 0000 is a province, or the nation for 00 and
 * 10; ending in 00 a prefecture; any other code is county-level unless the
 * name is one of the total names (市辖区 had codes ending in 01).  Without
 * a 6-digit code the name decides. */
jh_level jh_level_of(const char *code, const char *name);

/* "county", "prefecture", "province", "national", "total", "all". */
const char *jh_level_name(jh_level l);

/* True when a header names an identifier, not an indicator: it ends in
 * "code" (any case), 代码, 编码, 编号 or 序号, or is "id" as a word or
 * suffix ("id", "prefecture_id", "PrefID" after a non-letter, camelCase
 * "prefectureId"; not "paid"). */
int jh_is_identifier_name(const char *name);

/* Most entries of the list options of jh_read_opts. */
#define JH_READ_MAX_LIST 32

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
    const char *strata_path;   /* strata catalog (strata.csv), or NULL for the
                                  built-in total, urban and rural; read by the
                                  builder before the first file */
    const char *name_col;
    int no_weight;             /* ignore any weight column */
    jh_format format;          /* AUTO: wide when there is no indicator column */
    int year;                  /* year of a wide file without a year column; 0 = none */
    const char *years_across;  /* a wide file whose value columns are years
                                  (2004, 2005 or 2004年 ...), one row per
                                  region: the code of its one indicator;
                                  NULL: none */
    jh_encoding encoding;      /* AUTO: valid UTF-8 is UTF-8, anything else GB18030 */
    char delimiter;            /* 0: tab for *.tsv, comma otherwise */
    jh_censored_policy censored;
    jh_dup_policy on_duplicate;
    /* Column selection.  Each entry is a comma-separated list of names.
     * ignore_cols: columns that play no part at all (any role, any
     * layout; names matched ignoring case).  only: the indicators kept,
     * matched exactly (wide: the other value columns are skipped, and a
     * listed column is read even when its name looks like an identifier;
     * long: rows of other indicators are skipped); n_only == 0 keeps all. */
    const char *ignore_cols[JH_READ_MAX_LIST];
    size_t n_ignore_cols;
    const char *only[JH_READ_MAX_LIST];
    size_t n_only;
    /* Names of the region catalog's levels (prefecture, province_code ...):
     * in a wide file such columns are not indicators.  Not owned. */
    const char *const *level_cols;
    size_t n_level_cols;
    jh_level level;            /* rows analysed: COUNTY (default), PREFECTURE,
                                  PROVINCE or ALL; rows of other levels are
                                  left out with a warning */
    int lenient;               /* a region with two group labels: warning,
                                  the first kept (else an error) */
} jh_read_opts;

/* A builder collects observations from one or more files, then makes the
 * dense dataset.  Opaque; caller owns it: free with jh_builder_free(). */
typedef struct jh_builder jh_builder;

jh_builder *jh_builder_alloc(const jh_read_opts *opts);
void jh_builder_free(jh_builder *b);

/* Reads one file, long or wide, into the builder, with the row reader the
 * catalogs use too (cells trimmed of blanks, U+3000 and no-break spaces;
 * rows whose cells are all empty skipped).  Data errors
 * (bad number, bad year, unknown stratum, ragged row, malformed CSV) go to
 * diag as "FILE:LINE:COL: ..."; reading goes on after a bad cell until
 * diag is full.  Returns JH_OK, JH_EPARSE (errors were added to diag),
 * JH_ENOTFOUND (the file cannot be opened: a message is added too),
 * JH_EIO or JH_ENOMEM. */
int jh_builder_read(jh_builder *b, const char *path, jh_diag *diag);

/* Reads every file into one dataset, not stopping at a bad one so that
 * every error is listed (only out of memory or a full diag stop it), then
 * finishes the dataset with what could be read.  Returns the worst status
 * met (jh_status_worse); *out is the dataset, or NULL when none could be
 * built (out of memory, diag full).  The caller frees *out whatever the
 * status. */
int jh_dataset_read(char *const *paths, size_t n, const jh_read_opts *opts, jh_diag *diag,
                    jh_dataset **out);

/* Makes the dataset from everything read.  A duplicate (region, year,
 * indicator, stratum) is an error naming both lines.  Returns JH_OK and
 * sets *out (caller owns it, free with jh_dataset_free), or JH_EPARSE /
 * JH_ENOMEM with *out NULL. */
int jh_builder_finish(jh_builder *b, jh_diag *diag, jh_dataset **out);

#ifdef __cplusplus
}
#endif
#endif
