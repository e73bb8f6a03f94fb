/* junheng — the HTML evaluation report of a run. */
#ifndef JUNHENG_REPORT_H
#define JUNHENG_REPORT_H

#include <stdio.h>
#include "junheng/analysis.h"
#include "junheng/study.h"
#include "junheng/converge.h"
#include "junheng/rank.h"
#include "junheng/services.h"
#include "junheng/spatial_analysis.h"
#include "junheng/urban_rural.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What the report is made of.  Nothing here is owned by the report. */
typedef struct jh_report_input {
    const jh_study *study;           /* data and catalogs */
    const jh_slice_indices *ix;      /* the indices step's result table */
    size_t n_ix;
    const char *index;               /* the index that ranks indicators, e.g. "gini_w" */
    const char *lang;                /* "zh" or "en" */
    const char *title;               /* "" for the default title */
    const char *note;                /* a note under the title, or "" */
    const char *const *charts;       /* chart files, relative to the report */
    size_t n_charts;
    const char *const *tables;       /* table files, relative to the report */
    size_t n_tables;
    const char *quality;             /* the validate report text, or NULL */
    const char *chart_notes;         /* charts not drawn, "NAME: why" a line, or NULL */
    const jh_urban_rural_table *urban_rural;  /* town and country, or NULL */
    const jh_group_gaps_table *group_gaps;    /* groups of people, or NULL */
    const jh_converge_table *converge;     /* sigma trends (of index), or NULL */
    const jh_targets_table *targets;  /* plan targets, or NULL */
    const jh_rank_counties_table *counties; /* composite scores, or NULL */
    const jh_service_list *services; /* the plan's service items, or NULL */
    const char *const *skipped;      /* steps the data did not allow, "step: why" */
    size_t n_skipped;
    const char *source;              /* the data files, for the cover, or NULL */
    const char *run_date;            /* "YYYY-MM-DD" for the cover, or NULL */
    /* [report]: the indicators (codes) and domains shown, NULL for all;
     * the chart kinds shown (as `junheng plot` names them), NULL for all. */
    const char *const *only_indicators;
    size_t n_only_indicators;
    const char *const *only_domains;
    size_t n_only_domains;
    const char *const *chart_kinds;
    size_t n_chart_kinds;
    const jh_spatial_table *spatial;       /* Moran, LISA (tables/spatial.csv, lisa.csv), or NULL */
    const char *spatial_skipped;     /* why there are no spatial statistics, or NULL */
    const char *map_indicator;       /* the indicator the maps show (a code), in the
                                        last year, for their captions; or NULL */
} jh_report_input;

/* Writes the whole report: a static HTML page with inline CSS and no
 * script, charts referenced relatively, laid out for A4 paper (cover,
 * contents with links, numbered tables and figures).  Every text from
 * input files is HTML-escaped.  The output depends only on the input (the
 * date is in->run_date).  Numbers go through jh_format_human.  Returns 0,
 * or -1 when out of memory (nothing written). */
int jh_report_write(FILE *f, const jh_report_input *in);

/* The section on the service list (report_services.c): how many items at
 * least one indicator monitors; for each monitored item its indicators'
 * latest disparity (in->index), trend (converge) and target status; the
 * items nothing monitors, by domain.  Nothing without in->services. */
/* What a section written outside report.c calls back for, so that its
 * heading, tables and figures are numbered and listed in the contents like
 * the rest: section(ctx, id, title) writes the heading; table(ctx,
 * caption) opens a numbered table; figure(ctx, file, caption) writes a
 * numbered figure. */
typedef struct jh_report_hooks {
    void *ctx;
    void (*section)(void *ctx, const char *id, const char *title);
    void (*table)(void *ctx, const char *caption);
    void (*figure)(void *ctx, const char *file, const char *caption);
} jh_report_hooks;

void jh_report_services(FILE *f, const jh_report_input *in, const jh_report_hooks *h);
/* The section on gaps between groups of people (report_groups.c), after
 * town and country: per pair of in->group_gaps and indicator the latest
 * year's province means, ratio, gap and the counties where the group is
 * worse served, and the group-gap charts.  Nothing without pairs. */
void jh_report_groups(FILE *f, const jh_report_input *in, const jh_report_hooks *h);
/* The table of coverage of target groups (report_coverage.c), after the
 * targets: per coverage indicator of in->targets in the latest year, the
 * coverage, the standard, the counties meeting it and the shortfall in
 * persons.  Nothing without coverage indicators. */
void jh_report_coverage(FILE *f, const jh_report_input *in, const jh_report_hooks *h);
/* The report's maps and spatial clustering section (report_spatial.c):
 * the maps among the charts, global Moran's I and the LISA clusters of
 * each indicator in the last year, or why they were not computed.
 * Nothing when there are neither maps nor a spatial step. */
void jh_report_spatial(FILE *f, const jh_report_input *in, const jh_report_hooks *h);

#ifdef __cplusplus
}
#endif
#endif
