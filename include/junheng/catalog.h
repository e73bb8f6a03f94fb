/* junheng — the two catalogs: regions (codes, names, parent levels, type,
 * urban–rural class) and indicators (names, direction, weight, baseline and
 * target, derived-indicator definitions).
 *
 * Both are small UTF-8 CSV files (an optional byte-order mark is dropped),
 * read with libcsv.  Header names are matched ignoring ASCII case and
 * surrounding blanks; the columns may come in any order.  Cell text is
 * trimmed of ASCII spaces, tabs, CR and LF, U+3000 (ideographic space) and
 * U+00A0 (no-break space) before it is used.  Every problem goes
 * to a jh_diag as "FILE:LINE:COL: message", where LINE is the physical line
 * where the field starts and COL the 1-based field number, and the raw text
 * is quoted; reading goes on after a bad cell, so one run lists every error
 * (up to the diag's limit).  A row whose cells are all empty is skipped. */
#ifndef JUNHENG_CATALOG_H
#define JUNHENG_CATALOG_H

#include <stddef.h>
#include "junheng/diag.h"
#include "junheng/intern.h"
#include "junheng/status.h"
#include "junheng/targets.h"
#include "junheng/value.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What the lookup functions return when nothing matches. */
#define JH_CATALOG_NONE ((size_t)-1)

/* A derived indicator's numerator or denominator that is the data's weight
 * column (the keyword population, 人口), not an indicator of the catalog. */
#define JH_CATALOG_WEIGHT_COLUMN ((size_t)-2)

/* ------------------------------------------------------------------ */
/* Regions                                                            */
/* ------------------------------------------------------------------ */

/* Kind of county-level division.  The catalog's type cell is free text:
 * the spellings below are recognised and written in their English code,
 * any other word (city, 旗, development_zone ...) is JH_REGION_TYPE_OTHER and
 * kept as written.  junheng uses the type only to group by it. */
typedef enum jh_region_type {
    JH_REGION_TYPE_NONE = 0,      /* not given: no type column, or an empty cell */
    JH_REGION_DISTRICT,           /* "district", 市辖区 */
    JH_REGION_COUNTY,             /* "county", 县 */
    JH_REGION_COUNTY_CITY,        /* "county_city", 县级市 (county-level city) */
    JH_REGION_AUTONOMOUS_COUNTY,  /* "autonomous_county", 自治县 */
    JH_REGION_TYPE_COUNT,         /* number of recognised values; not a type */
    JH_REGION_TYPE_OTHER = JH_REGION_TYPE_COUNT /* any other text (type_text) */
} jh_region_type;

/* Urban–rural class of a region. */
typedef enum jh_region_class {
    JH_REGION_CLASS_NONE = 0,  /* not given: no class column, or an empty cell */
    JH_REGION_URBAN,           /* "urban", 城镇 */
    JH_REGION_RURAL,           /* "rural", 农村 */
    JH_REGION_CLASS_COUNT      /* number of values; not a class */
} jh_region_class;

/* The English code of t ("district", "county", "county_city",
 * "autonomous_county"), or "" for JH_REGION_TYPE_NONE and out-of-range
 * values.  Returns a static string: do not free. */
const char *jh_region_type_name(jh_region_type t);

/* "urban", "rural", or "" for JH_REGION_CLASS_NONE and out-of-range
 * values.  Returns a static string: do not free. */
const char *jh_region_class_name(jh_region_class c);

/* Parses a type cell: one of the English codes (any ASCII case) or
 * 市辖区, 县, 县级市, 自治县; surrounding blanks are ignored and an empty
 * text gives JH_REGION_TYPE_NONE.  Returns 0 and sets *t, or -1 when the
 * text is none of these. */
int jh_region_type_parse(const char *text, jh_region_type *t);

/* Parses a class cell: urban, rural (any ASCII case), 城镇, 农村, or empty
 * (JH_REGION_CLASS_NONE).  Returns 0 and sets *c, or -1. */
int jh_region_class_parse(const char *text, jh_region_class *c);

/* The regions catalog.  Regions are numbered 0..n-1 in file order, and
 * every per-region array below has n entries.  No string pointer in the
 * arrays is ever NULL: an empty cell, or a column the file does not have,
 * gives "".  Everything is owned by the catalog; free it with
 * jh_region_catalog_free(). */
typedef struct jh_region_catalog {
    size_t n;                /* number of regions */
    jh_intern codes;         /* codes.str[r]: code of region r, trimmed and
                                non-empty; also the hash for lookup by code */
    char **name;             /* [r] name (zh), from name/名称/地区 */
    char **name_en;          /* [r] English name, from name_en */
    char **note;             /* [r] note, from note/备注 */
    jh_region_type *type;    /* [r] type, from type/类型 */
    jh_region_class *cls;    /* [r] urban–rural class, from class/城乡 */
    const char **type_text;  /* [r] jh_region_type_name(type[r]), or the
                                cell as written (trimmed) for
                                JH_REGION_TYPE_OTHER; the array is owned, the
                                strings static or in type_other */
    char **type_other;       /* [r] the cell of an OTHER type, else NULL; owned */
    const char **class_text; /* [r] jh_region_class_name(cls[r]); likewise */
    unsigned long *line;     /* [r] line of the region's row, for messages */
    unsigned known;          /* bit set of the known columns present:
                                1 << JH_REGION_COL_* */
    size_t n_attrs;          /* number of attribute columns */
    char **attr_name;        /* [a] header of attribute column a as written
                                (trimmed), e.g. "prefecture_code" */
    char ***attr;            /* [a][r] cell of column a for region r */
    char *path;              /* the file read, for messages */
} jh_region_catalog;

/* The known columns, for jh_region_catalog.known.  Every other named column
 * of the file is an attribute column (a parent code or name at any level:
 * prefecture_code, prefecture, …).  Columns with an empty header are
 * ignored. */
enum {
    JH_REGION_COL_CODE,     /* code, region_code, 代码, 行政区划代码, 地区代码, 区划代码 */
    JH_REGION_COL_NAME,     /* name, region_name, 名称, 地区, 地区名称, 县（市、区） */
    JH_REGION_COL_NAME_EN,  /* name_en, 英文名称 */
    JH_REGION_COL_TYPE,     /* type, 类型 */
    JH_REGION_COL_CLASS,    /* class, 城乡 */
    JH_REGION_COL_NOTE,     /* note, 备注 */
    JH_REGION_COL_COUNT     /* number of known columns */
};

/* Reads the regions catalog at path.
 *
 * The code column is required; every other column is optional.  Errors
 * (each "FILE:LINE:COL: …" in diag): no code column, two columns for the
 * same known field or two attribute columns of the same name, an empty
 * code, a duplicate code (naming the line of the first), a type or class
 * not listed above (quoting the raw text), a row with more or fewer
 * fields than the header, malformed quoting, text that is not UTF-8, an
 * empty file or one with a header and no regions.
 *
 * Returns JH_OK and sets *out (the caller owns it: free with
 * jh_region_catalog_free).  Otherwise *out is NULL and the status is
 * JH_EPARSE (errors were added to diag), JH_ENOTFOUND (the file cannot be
 * opened; a message is added too), JH_EIO, JH_ENOMEM, or JH_EINVAL when
 * path, diag or out is NULL. */
int jh_region_catalog_read(const char *path, jh_diag *diag, jh_region_catalog **out);

/* Frees everything the catalog owns, and the catalog itself.  NULL is
 * allowed. */
void jh_region_catalog_free(jh_region_catalog *cat);

/* Index of the region whose code is code (compared exactly, after
 * trimming blanks), or JH_CATALOG_NONE. */
size_t jh_region_catalog_find(const jh_region_catalog *cat, const char *code);

/* The n strings of one column, by name, for grouping: an attribute column
 * (its header, ignoring ASCII case and surrounding blanks, e.g.
 * "prefecture"), or a known column present in the file by any of its
 * names ("code", "name", "name_en", "note", "type" and "class", the last
 * two as English codes).  Returns an array owned by the catalog (valid
 * until jh_region_catalog_free; do not free), or NULL when the file has
 * no such column. */
const char *const *jh_region_catalog_column(const jh_region_catalog *cat, const char *name);

/* ------------------------------------------------------------------ */
/* Indicators                                                         */
/* ------------------------------------------------------------------ */

/* Which way is better. */
typedef enum jh_direction {
    JH_DIRECTION_NEUTRAL = 0,  /* "neutral", 中性; also an empty cell or no column */
    JH_DIRECTION_HIGHER,       /* "higher_better", 正向 */
    JH_DIRECTION_LOWER         /* "lower_better", 逆向, 负向 */
} jh_direction;

/* Which weight a weighted index of the indicator uses. */
typedef enum jh_weight_kind {
    JH_WEIGHT_DEFAULT = 0,  /* empty cell or no column: the run's choice */
    JH_WEIGHT_POPULATION,   /* "population", 人口: the data's weight column */
    JH_WEIGHT_NONE,         /* "none": unweighted only */
    JH_WEIGHT_INDICATOR     /* another indicator of the catalog, e.g. a
                               school-age population */
} jh_weight_kind;

/* The population an indicator describes. */
typedef enum jh_scope {
    JH_SCOPE_COUNTY = 0,  /* "county", 县级: one value per region (the default) */
    JH_SCOPE_PROVINCE     /* "province", 省级, 全省: one value for the province */
} jh_scope;


/* "neutral", "higher_better", "lower_better"; "none", "population",
 * "indicator" ("" for JH_WEIGHT_DEFAULT); "county", "province"; "none",
 * "at_least", "at_most", "cumulative".  Static strings: do not free.  Out
 * of range values give "". */
const char *jh_direction_name(jh_direction d);
const char *jh_weight_kind_name(jh_weight_kind w);
const char *jh_scope_name(jh_scope s);
const char *jh_target_kind_name(jh_target_kind k);

/* What an indicator measures (the catalog's optional column kind). */
typedef enum jh_indicator_kind {
    JH_KIND_LEVEL = 0,   /* "level" or empty: a level of service (the default) */
    JH_KIND_COVERAGE     /* "coverage", 覆盖率: the percentage of a target group
                            served (目标人群覆盖率), 0 to 100; its standard is
                            the target, its group the group_size column */
} jh_indicator_kind;

/* "level", "coverage"; "" out of range.  Static: do not free. */
const char *jh_indicator_kind_name(jh_indicator_kind k);

/* One indicator.  Strings are owned by the catalog and never NULL ("" when
 * the cell is empty or the column absent). */
typedef struct jh_indicator {
    char *code;              /* trimmed, non-empty, unique ignoring ASCII case */
    char *name_zh;           /* Chinese name */
    char *name_en;           /* English name */
    char *domain;            /* service domain, e.g. "education" */
    char *unit;              /* unit, e.g. "%" or "张/千人" */
    char *unit_en;           /* unit in English, e.g. "beds per 1,000"; may be empty */
    char *note;              /* free text */
    jh_direction direction;  /* which way is better */
    jh_weight_kind weight;   /* which weight */
    size_t weight_indicator; /* index of the weight indicator when weight is
                                JH_WEIGHT_INDICATOR, else JH_CATALOG_NONE */
    jh_scope scope;          /* county (default) or province */
    int baseline_year;       /* 1..9999, or 0 when not given */
    jh_value baseline;       /* from jh_value_parse: a number, a bound such as
                                ">98" (CENSORED), or MISSING ("—", empty,
                                no column): no baseline */
    int target_year;         /* 1..9999, or 0 when not given */
    jh_value target;         /* as baseline */
    jh_target_kind target_kind; /* how to read the target */
    int derived;             /* 1 when value = numerator / denominator × scale */
    size_t numerator;        /* index of the numerator indicator when derived,
                                JH_CATALOG_WEIGHT_COLUMN for the data's
                                weight column, else JH_CATALOG_NONE */
    size_t denominator;      /* index of the denominator, likewise */
    double scale;            /* positive factor when derived, else 0 */
    jh_indicator_kind kind;  /* level (default) or coverage */
    size_t group_size;       /* coverage: index of the indicator counting the
                                target group (persons), JH_CATALOG_WEIGHT_COLUMN
                                for the data's weight column, or JH_CATALOG_NONE
                                when the group's size is not known */
    unsigned long line;      /* line of the indicator's row, for messages */
} jh_indicator;

/* Fills t from a catalog entry: the target's number and strictness (a
 * ">x" or "<x" bound is strict, "≥x" / "≤x" / a plain number not), the
 * baseline's number (a bound counts as its number, MISSING as NaN).
 * Returns JH_OK, or JH_EINVAL when the entry has no target kind, no
 * target number, or no plan period (years missing or not increasing). */
int jh_target_from_indicator(const jh_indicator *ind, jh_target *t);

/* The indicators catalog.  Owned by the caller once read; free with
 * jh_indicator_catalog_free(). */
typedef struct jh_indicator_catalog {
    size_t n;                /* number of indicators */
    jh_indicator *ind;       /* [n] indicators in file order */
    size_t n_derived;        /* number of derived indicators */
    size_t *derived_order;   /* [n_derived] indices of the derived indicators,
                                each after every derived indicator its
                                numerator or denominator is: compute them in
                                this order */
    jh_intern keys;          /* private: codes and names folded to ASCII lower
                                case, for jh_indicator_catalog_find */
    size_t *key_owner;       /* private: [keys.n] indicator of each key */
    char *path;              /* the file read, for messages */
} jh_indicator_catalog;

/* Reads the indicators catalog at path.  Known columns: code, name_zh,
 * name_en, domain, unit, direction, weight, scope, baseline_year, baseline,
 * target_year, target, target_kind, numerator, denominator, scale, note,
 * unit_en, kind, group_size (and a few Chinese aliases: 指标代码, 指标名称, 英文名称, 领域, 单位,
 * 方向, 备注).  Only code is required; unknown columns are ignored.
 *
 * Cells: direction, weight, scope and target_kind take the values listed
 * with their enums (any ASCII case); weight may also be the code or name
 * of another indicator (the keywords population and none win over names);
 * years are integers from 1 to 9999; baseline and target go through
 * jh_value_parse; numerator and denominator name indicators by code or
 * name, or are the keyword population (人口) for the data's weight column
 * when no indicator of the file has that code or name; scale is a positive
 * number: the three go together.  kind is level (default) or coverage;
 * group_size, only for coverage, names the indicator (or population) that
 * counts the target group, as numerator does.
 *
 * Errors ("FILE:LINE:COL: …" in diag, with the raw text): missing code
 * column, two columns for the same field, empty code, a code or name used
 * by two indicators (lookups would be ambiguous), any bad cell as above,
 * an incomplete derived definition, ragged rows, malformed quoting, text
 * that is not UTF-8, an empty catalog.  After the whole file is read: a
 * weight, numerator, denominator or group_size naming no indicator of the
 * file, an indicator weighted by itself or its own group size, a
 * group_size on an indicator that is not a coverage, and derived indicators that depend on
 * themselves, each at the line that names them.
 *
 * Returns JH_OK and sets *out (the caller owns it: free with
 * jh_indicator_catalog_free).  Otherwise *out is NULL and the status is
 * JH_EPARSE (errors were added to diag), JH_ENOTFOUND (the file cannot be
 * opened; a message is added too), JH_EIO, JH_ENOMEM, or JH_EINVAL when
 * path, diag or out is NULL. */
int jh_indicator_catalog_read(const char *path, jh_diag *diag,
                              jh_indicator_catalog **out);

/* Frees everything the catalog owns, and the catalog itself.  NULL is
 * allowed. */
void jh_indicator_catalog_free(jh_indicator_catalog *cat);

/* Index of the indicator whose code, name_zh or name_en is key (after
 * trimming blanks; ASCII letters compare case-insensitively, other text
 * exactly), or JH_CATALOG_NONE.  Unambiguous: the reader rejects a
 * catalog where two indicators share a code or name. */
size_t jh_indicator_catalog_find(const jh_indicator_catalog *cat, const char *key);

#ifdef __cplusplus
}
#endif
#endif
