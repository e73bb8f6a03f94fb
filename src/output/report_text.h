/* The report's words in both languages: sentences, index names, domain
 * names and the methods appendix.  Private to src/output. */
#ifndef JUNHENG_REPORT_TEXT_H
#define JUNHENG_REPORT_TEXT_H

#include "junheng/indices.h"

enum report_msg {
    RM_TITLE, RM_CONTENTS, RM_PERIOD, RM_SOURCE, RM_UNITS, RM_INDICATORS, RM_RUN_DATE,
    RM_VERSION, RM_SUMMARY, RM_MOST, RM_LEAST, RM_ALL_RANKED, RM_INDICATOR, RM_DOMAIN,
    RM_UNIT, RM_VALUE, RM_CHANGE_SINCE, RM_CI, RM_DOMAINS, RM_QUALITY, RM_METHODS,
    RM_TABLES, RM_INDEX, RM_CODE, RM_FORMULA, RM_SOURCE_REF, RM_NO_DOMAIN, RM_SMALLER,
    RM_UR, RM_URBAN, RM_RURAL, RM_RATIO, RM_GAP, RM_CONV, RM_VERDICT, RM_PCT, RM_TARGETS,
    RM_TARGET, RM_PROGRESS, RM_ON_TRACK, RM_YES, RM_NO, RM_SHARE_MEETING, RM_LAG,
    RM_COUNTY, RM_PREFECTURE, RM_SCORE, RM_RANK, RM_RANK_CHANGE, RM_UR_NOTE, RM_CONV_NOTE,
    RM_SKIPPED, RM_SKIPPED_NOTE, RM_TABLE, RM_FIGURE, RM_NO_UR, RM_NO_CONV, RM_NO_TARGETS,
    RM_NO_COUNTIES, RM_ONE_YEAR, RM_FEW, RM_CI_NOTE, RM_CHART_NOTES, RM_QUALITY_DETAIL,
    RM_OBS, RM_MISSING, RM_CENSORED, RM_DUPLICATES, RM_FILE_XLSX, RM_FILE_CSV,
    RM_FILE_WIDE, RM_FILE_TXT, RM_FILE_OTHER, RM_METHODS_NOTE, RM_NUMBERS_NOTE,
    RM_FINDING_MOST, RM_FINDING_CONV, RM_FINDING_TARGETS, RM_FINDING_UR, RM_SEP,
    RM_CAP_RANKED, RM_CAP_DOMAIN, RM_CAP_UR, RM_CAP_CONV, RM_CAP_TARGETS, RM_CAP_LAG,
    RM_CAP_FIG, RM_PAGE_NOTE, RM_COUNT
};

/* Sentence m in the report language (en: 1 for English, 0 for Chinese);
 * some carry printf conversions, documented at their entry. */
const char *report_msg(enum report_msg m, int en);

struct jh_report_input;
/* 1 when the report is in English. */
int report_english(const struct jh_report_input *in);
/* Whether s is one of v[0..n-1]; any s when v is NULL (nothing chosen). */
int report_listed(const char *const *v, size_t n, const char *s);
/* The indicators every section reports: county scope, with a direction,
 * and chosen by [report] indicators and domains. */
int report_indicator_shown(const struct jh_report_input *in, size_t ind);

/* The spelled-out name of an index ("人口加权基尼系数" / "population-weighted
 * Gini coefficient"); the code itself for a name it does not know. */
const char *report_index_name(const char *code, int en, char *buf, size_t size);

/* The name of one of the plan's domains, or NULL for an unknown code. */
const char *report_domain_name(const char *code, int en);

/* The verdict of a convergence trend in the report language. */
const char *report_verdict(const char *verdict, int en);

/* The methods appendix: row i (NULL code past the end). */
typedef struct report_method {
    const char *code, *formula, *source;
} report_method;
const report_method *report_methods(size_t *n);

#endif
