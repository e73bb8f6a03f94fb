/* The configuration of `junheng run`: an INI file (parsed with inih) whose
 * keys are a fixed table, so that parsing, --set overrides, defaults and
 * the resolved configuration in manifest.json share one list. */
#ifndef JUNHENG_RUN_CONFIG_H
#define JUNHENG_RUN_CONFIG_H

#include <stdio.h>

enum run_key {
    RK_DATA_FILES, RK_DATA_ENCODING, RK_DATA_REGIONS, RK_DATA_INDICATORS,
    RK_DATA_WEIGHT_COL, RK_DATA_LENIENT, RK_DATA_CENSORED, RK_DATA_ON_DUPLICATE,
    RK_ANALYSIS_INDEX, RK_ANALYSIS_GROUP_BY, RK_ANALYSIS_BOOTSTRAP,
    RK_ANALYSIS_SEED, RK_CHARTS_KINDS, RK_CHARTS_FORMATS, RK_CHARTS_TIMEOUT,
    RK_OUTPUT_DIR,
    RK_OUTPUT_LANG, RK_OUTPUT_TITLE, RK_OUTPUT_NOTE, RK_COUNT
};

typedef struct run_config {
    char *path;              /* the configuration file as given */
    char *base;              /* its directory: relative paths start here */
    char *value[RK_COUNT];   /* every key, resolved (defaults filled); owned */
} run_config;

/* Section and key of k, e.g. "data", "files".  Static strings. */
const char *run_key_section(enum run_key k);
const char *run_key_name(enum run_key k);

/* Reads path.  An unknown section or key, a bad value or a syntax error is
 * "junheng: FILE:LINE: message" on stderr and returns 65 (66 when the file
 * cannot be read); 0 on success.  Free with run_config_clear. */
int run_config_read(run_config *c, const char *path);

/* Applies "section.key=value"; 0, or 64 after a message. */
int run_config_set(run_config *c, const char *assignment);

void run_config_clear(run_config *c);

/* A path from the configuration, made relative to its directory unless
 * absolute.  Caller frees. */
char *run_config_path(const run_config *c, const char *p);

/* Writes the resolved configuration as a JSON object (keys "section.key"). */
void run_config_json(const run_config *c, FILE *f, const char *indent);

#endif
