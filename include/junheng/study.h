/* junheng — a study: the dataset together with its region and indicator
 * catalogs, and the answers every analysis asks of them (which weight an
 * indicator uses, which way is better, which prefecture a county is in).
 *
 * Analyses take a const jh_study and never look into the catalogs
 * themselves, so that "no catalog" has one meaning everywhere: every
 * indicator is higher-is-better, weighted by the data's weight column when
 * there is one, in no domain; groups come from the data's group column. */
#ifndef JUNHENG_STUDY_H
#define JUNHENG_STUDY_H

#include <stddef.h>
#include "junheng/catalog.h"
#include "junheng/dataset.h"
#include "junheng/diag.h"

#ifdef __cplusplus
extern "C" {
#endif

#define JH_NONE ((size_t)-1)

typedef struct jh_study {
    jh_dataset *data;                 /* owned */
    jh_region_catalog *regions;       /* owned; NULL without --regions */
    jh_indicator_catalog *indicators; /* owned; NULL without --indicators */
    size_t *region_entry;    /* [data region] row in regions, or JH_NONE */
    size_t *indicator_entry; /* [data indicator] row in indicators, or JH_NONE */
    size_t *weight_source;   /* [data indicator] data indicator whose values
                                weigh it, or JH_NONE (see jh_study_weights) */
    int *unweighted;         /* [data indicator] 1 when the catalog says "none" */
    const char *group_by;    /* column charts colour and split by (plot --by),
                                or NULL: jh_study_default_group; not owned */
} jh_study;

/* The column that groups counties when none is named: the region
 * catalog's prefecture, else the data's group column, else a text column
 * of the data named like a parent level (prefecture..., city..., 市, 州,
 * 地区 but not 县), else NULL. */
const char *jh_study_default_group(const jh_study *s);

/* What to load.  Paths may be NULL. */
typedef struct jh_study_opts {
    const char *regions_path;    /* region catalog */
    const char *indicators_path; /* indicator catalog */
    int lenient;                 /* regions missing from the catalog: warning, not error */
    jh_region_catalog *regions_read; /* a region catalog already read (for
                                    jh_region_catalog_levels before the data):
                                    the study takes it, also on failure, and
                                    does not read regions_path again */
} jh_study_opts;

/* The columns of a region catalog that name a parent level, whose names
 * in a wide data file are therefore not indicators: attribute columns whose
 * name holds prefecture, province, city, county, district, parent or level
 * (any case), or 省, 市, 州, 盟, 地区 or 县.  Stores up to max names (not
 * owned) into names; returns how many. */
size_t jh_region_catalog_levels(const jh_region_catalog *cat, const char **names, size_t max);

/* Builds a study from a finished dataset (ownership passes to the study,
 * also on failure) and reads the catalogs.  Checks that every region of
 * the data is in the region catalog (an error naming the file and line of
 * its first observation, or a warning when lenient) and warns about data
 * indicators the catalog does not know.  Computes the catalog's derived
 * indicators (numerator / denominator x scale) for every region, year and
 * stratum where both parts are present and the indicator is not in the
 * data already.  Returns JH_OK and sets *out (free with jh_study_free), or
 * JH_EPARSE / JH_ENOTFOUND / JH_ENOMEM with messages in diag. */
int jh_study_make(jh_dataset *data, const jh_study_opts *opts, jh_diag *diag,
                  jh_study **out);
/* The same from catalogs already read (NULL: none), which pass to the
 * study also on failure: the run reads each file once and validates the
 * catalogs before the study is made. */
int jh_study_make_from(jh_dataset *data, jh_region_catalog *regions,
                       jh_indicator_catalog *indicators, int lenient, jh_diag *diag,
                       jh_study **out);
void jh_study_free(jh_study *s);

/* Adds indicator name = num / den x scale, cell by cell (missing where a
 * part is missing or den is 0), as --derive asks.  Each part is an
 * indicator of the data or the weight column (by its header, ignoring
 * ASCII case: beds / population with population the weight); the derived
 * cells are weighted like their indicator part.  Returns JH_OK, JH_EINVAL
 * (a name the data have, a part they lack: a message naming the columns
 * that exist and the nearest in diag) or JH_ENOMEM. */
int jh_study_derive(jh_study *s, const char *name, const char *num, const char *den,
                    double scale, jh_diag *diag);

/* The catalog entry of data indicator ind, or NULL. */
const jh_indicator *jh_study_indicator(const jh_study *s, size_t ind);

/* The weights of slice (ind, year, stratum), n_regions long (NaN where
 * unknown), or NULL when the indicator is unweighted: the catalog's weight
 * (population: the data's weight column; another indicator: its values in
 * the same year and stratum; none: NULL), else the weight column. */
const double *jh_study_weights(const jh_study *s, size_t ind, size_t year,
                               size_t stratum);

/* Name of what jh_study_weights uses for ind: the weight column's name, the
 * weight indicator's code, or NULL when unweighted.  Not owned. */
const char *jh_study_weight_name(const jh_study *s, size_t ind);

/* Direction (JH_DIRECTION_HIGHER without a catalog entry), domain ("" when
 * unknown), unit in lang ("" when unknown; "en" takes the catalog's unit_en
 * and falls back to its unit, so a missing translation shows rather than
 * vanishes; NULL or "zh" takes unit).  Strings are not owned. */
jh_direction jh_study_direction(const jh_study *s, size_t ind);
const char *jh_study_domain(const jh_study *s, size_t ind);
const char *jh_study_unit(const jh_study *s, size_t ind, const char *lang);

/* Display names: lang "zh" or "en"; falls back to the other language, then
 * to the code.  Not owned. */
const char *jh_study_indicator_label(const jh_study *s, size_t ind, const char *lang);
const char *jh_study_region_label(const jh_study *s, size_t region, const char *lang);

/* The data's attribute column named column (exactly, else ignoring
 * ASCII case), or JH_NONE. */
size_t jh_study_attr(const jh_study *s, const char *column);

/* The names --by takes: "group", the region catalog's attribute columns,
 * type and class when it has them, and the data's attribute columns.
 * Stores up to max (not owned) into names; returns how many. */
size_t jh_study_columns(const jh_study *s, const char **names, size_t max);

/* Groups of the data's regions by a column: any column of the region
 * catalog (prefecture, prefecture_code, type, class, ...), "group" for
 * the data's own group column, or any text column of the data (its
 * attributes: prefecture_name, the group column by its header, ...).  No
 * such column is JH_ENOTFOUND with the columns that exist and the nearest
 * in diag.  Sets group_of[r] (n_regions long) to a
 * group index or JH_NONE for a region without a value, and fills names
 * (caller-initialised jh_intern; names in order of first appearance over
 * the regions).  Returns JH_OK, JH_ENOTFOUND (no such column: a message in
 * diag), or JH_ENOMEM. */
int jh_study_groups(const jh_study *s, const char *column, size_t *group_of,
                    jh_intern *names, jh_diag *diag);

/* jh_study_groups with the names in byte order (strcmp), as decompose
 * lists its groups, so that tables by the same column line up. */
int jh_study_groups_sorted(const jh_study *s, const char *column, size_t *group_of,
                           jh_intern *names, jh_diag *diag);

/* Urban-rural class of a data region from the catalog (JH_REGION_CLASS_NONE when
 * unknown). */
jh_region_class jh_study_region_class(const jh_study *s, size_t region);

#ifdef __cplusplus
}
#endif
#endif
