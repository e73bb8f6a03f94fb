/* The configuration of `junheng run`: an INI file whose keys are a fixed
 * table, so that parsing, --set overrides, defaults and the resolved
 * configuration in manifest.json share one list.
 *
 * The file: "[section]" lines and "key = value" lines; blank lines and
 * lines starting with ';' or '#' are ignored, and so is the rest of a line
 * from a ';' after a blank.  Lines may be of any length; a key given twice,
 * an indented line without '=' (a continuation, not read), a section
 * without its ']' are errors at their line.  A value in double quotes loses
 * them (and keeps its blanks and ';').  Lists (files, group_by, kinds,
 * formats) are separated by commas or blanks; a word in double quotes may
 * hold both, so that file names with spaces can be listed. */
#ifndef JUNHENG_RUN_CONFIG_H
#define JUNHENG_RUN_CONFIG_H

#include <stdio.h>
#include "junheng/catalog.h"
#include "junheng/dataset.h"

enum run_key {
    RK_DATA_FILES, RK_DATA_ENCODING, RK_DATA_REGIONS, RK_DATA_INDICATORS,
    RK_DATA_WEIGHT_COL, RK_DATA_LENIENT, RK_DATA_CENSORED, RK_DATA_ON_DUPLICATE,
    RK_DATA_IGNORE_COL, RK_DATA_INDICATORS_ONLY, RK_DATA_REGION_LEVEL, RK_DATA_YEAR,
    RK_DATA_YEARS_ACROSS, RK_DATA_LAYOUT, RK_DATA_DELIMITER, RK_DATA_REGION_COL,
    RK_DATA_YEAR_COL, RK_DATA_INDICATOR_COL, RK_DATA_VALUE_COL, RK_DATA_GROUP_COL,
    RK_DATA_STRATUM_COL, RK_DATA_NAME_COL,
    RK_DATA_STRATA, RK_DATA_SERVICES,
    RK_DATA_BOUNDARIES, RK_DATA_BOUNDARY_KEY, RK_DATA_NEIGHBORS, RK_DATA_TILES,
    RK_ANALYSIS_INDEX, RK_ANALYSIS_GROUP_BY, RK_ANALYSIS_BOOTSTRAP,
    RK_ANALYSIS_SEED, RK_ANALYSIS_WEIGHTS, RK_ANALYSIS_WEIGHTS_BASE,
    RK_ANALYSIS_AHP_ACCEPT, RK_CHARTS_KINDS, RK_CHARTS_FORMATS, RK_CHARTS_TIMEOUT,
    RK_OUTPUT_DIR,
    RK_OUTPUT_LANG, RK_OUTPUT_TITLE, RK_OUTPUT_NOTE, RK_OUTPUT_RAW_TEXT,
    RK_OUTPUT_FORMATS, RK_OUTPUT_CSV_BOM, RK_REPORT_INDICATORS, RK_REPORT_DOMAINS,
    RK_REPORT_CHARTS, RK_COUNT
};

typedef struct run_config {
    char *path;              /* the configuration file as given */
    char *base;              /* its directory: relative paths start here */
    char *value[RK_COUNT];   /* every key, resolved (defaults filled); owned;
                                lists normalised: words joined by ',', quoted
                                only when they hold a comma or a blank */
    unsigned long line[RK_COUNT]; /* line of the key in the file, 0 if absent */
    int from_set[RK_COUNT];  /* the value came from --set */
} run_config;

/* Section and key of k, e.g. "data", "files".  Static strings. */
const char *run_key_section(enum run_key k);
const char *run_key_name(enum run_key k);

/* Reads path.  An unknown section or key, a bad value (also an unknown
 * index, chart kind or format) or a syntax error is "junheng: FILE:LINE:
 * message" on stderr and returns 65 (66 when the file cannot be opened or
 * is a folder, 74 on a read error); 0 on success.  Free with
 * run_config_clear. */
int run_config_read(run_config *c, const char *path);

/* Applies "section.key=value"; 0, or 64 after a message. */
int run_config_set(run_config *c, const char *assignment);

void run_config_clear(run_config *c);

/* Where key k was set, for messages: "FILE:LINE: S.K", "--set S.K" or
 * "FILE: S.K (default 'V')". */
void run_config_where(const run_config *c, enum run_key k, char *buf, size_t size);

/* Checks every word of analysis.group_by against the region catalog (the
 * study's, NULL without one) and the text columns of the data d: 0, or 65
 * after a message naming the line. */
int run_config_check_group_by(const run_config *c, const jh_region_catalog *cat,
                              const jh_dataset *d);

/* The spatial keys of [data]: neighbors and boundaries exclude each other,
 * boundary_key needs boundaries, and each named file must be readable.  0,
 * or 65 (66 for a missing file) after a message naming the line. */
int run_config_check_spatial(const run_config *c);

/* The words of a list value, unquoted; NULL when out of memory.  Free with
 * run_config_words_free. */
char **run_config_words(const char *list, size_t *n);
void run_config_words_free(char **words, size_t n);

/* A path from the configuration, made relative to its directory unless
 * absolute.  Caller frees. */
char *run_config_path(const run_config *c, const char *p);

/* Writes the resolved configuration as a JSON object (keys "section.key"). */
void run_config_json(const run_config *c, FILE *f, const char *indent);

#endif
