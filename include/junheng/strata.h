/* junheng — strata: the parts of the population an observation describes.
 *
 * Built in are the whole population (total, 合计, 全部, empty) and the two
 * sides of the town-country dimension (urban, 城镇, 城市; rural, 农村,
 * 乡村).  An optional strata catalog (strata.csv) declares more labels,
 * each in a dimension (area for town and country, group for groups of
 * people such as migrant workers' children or the elderly), with names in
 * both languages; one of its rows may be marked as the whole population,
 * and its code then reads as total.  Columns: code (required), name_zh,
 * name_en, dimension, whole (yes/1/是 marks the row), compare (the stratum
 * a group is compared with: another of its dimension, or the whole
 * population); others are ignored. */
#ifndef JUNHENG_STRATA_H
#define JUNHENG_STRATA_H

#include <stddef.h>
#include "junheng/diag.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Stratum ids: the three built-in strata, then the catalog's other rows
 * in file order (JH_STRATUM_BUILTIN + k).  An id fits in 8 bits. */
typedef int jh_stratum;
enum { JH_STRATUM_TOTAL, JH_STRATUM_URBAN, JH_STRATUM_RURAL, JH_STRATUM_BUILTIN };
#define JH_STRATA_MAX 256
/* Longest code of a catalog stratum, in bytes. */
#define JH_STRATUM_CODE_MAX 48

/* "total", "urban", "rural" for the built-in ids, else "?".  Static. */
const char *jh_stratum_name(jh_stratum s);

/* Parses a built-in label: total/urban/rural (any case), 合计/城镇/农村,
 * 全部/城市/乡村, and empty as total.  Returns 0 and sets *s, or -1. */
int jh_stratum_parse(const char *text, jh_stratum *s);

/* One stratum as declared (or built in). */
typedef struct jh_stratum_def {
    char *code;      /* label in every output (total, urban, rural for
                        the built-in strata) */
    char *declared;  /* the code as the catalog writes it, a label of the
                        data (e.g. "all" for the whole population) */
    char *name_zh;   /* display names ("" when not given) */
    char *name_en;
    char *dimension; /* "area", "group", ...; "" for the whole population */
    jh_stratum id;   /* its id */
    char *compare;   /* the code of the stratum it is compared with (the
                        catalog's compare column, checked), or "" */
} jh_stratum_def;

typedef struct jh_strata_catalog {
    jh_stratum_def *def; /* [n] rows in file order */
    size_t n;
    size_t n_extra;      /* rows that are not a built-in stratum */
} jh_strata_catalog;

/* Reads a strata catalog.  Errors (no code column, an empty or repeated
 * code, two whole rows, a whole row that is urban or rural, more than
 * JH_STRATA_MAX - 3 new strata, a compare cell naming no stratum of the
 * catalog, the row itself or one of another dimension) go to diag as FILE:LINE:COL.  Returns JH_OK
 * and sets *out (free with jh_strata_catalog_free), JH_EPARSE,
 * JH_ENOTFOUND, JH_EIO or JH_ENOMEM with *out NULL. */
int jh_strata_catalog_read(const char *path, jh_diag *diag, jh_strata_catalog **out);
void jh_strata_catalog_free(jh_strata_catalog *c);

/* The id of label text (a built-in label, or a code, name_zh or name_en
 * of cat, ignoring ASCII case; cat may be NULL), or -1 when undeclared. */
jh_stratum jh_strata_lookup(const jh_strata_catalog *cat, const char *text);

/* The definition of id: the catalog's row, or the built-in one (total
 * 合计 Total, urban 城镇 Urban area, rural 农村 Rural area); NULL for an
 * id neither knows.  Not owned. */
const jh_stratum_def *jh_strata_def(const jh_strata_catalog *cat, jh_stratum id);

#ifdef __cplusplus
}
#endif
#endif
