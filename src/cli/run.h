/* The steps of `junheng run` (cmd_run.c drives them). */
#ifndef JUNHENG_RUN_H
#define JUNHENG_RUN_H

#include <stdio.h>
#include "cli.h"
#include "run_config.h"
#include "junheng/converge.h"
#include "junheng/decompose_analysis.h"
#include "junheng/rank.h"
#include "junheng/spatial_analysis.h"
#include "junheng/urban_rural.h"
#include "junheng/services.h"
#include "junheng/validate.h"

/* The result tables of the steps, in memory: the writers and the report
 * read these, the charts the same study; nothing is computed twice. */
typedef struct run_results {
    jh_indices_table *ix;          /* indices (long and wide) */
    jh_decompose_table *dec[8];    /* one per analysis.group_by column */
    char *dec_by[8];               /* their columns; owned */
    size_t n_dec;
    jh_urban_rural_table *ur;
    jh_group_gaps_table *gaps;              /* gaps between groups of people, or NULL */
    jh_rank_indicators_table *rank_ind;
    jh_rank_counties_table *rank_county;
    jh_targets_table *targets;
    jh_converge_table *converge;
    jh_converge_opts converge_opts;
    const char *converge_index[8]; /* the sigma indices converge measured */
    jh_spatial_table *spatial;           /* Moran, spatial Gini and LISA, or NULL */
    char *neighbors_file;          /* tables/neighbors.csv when the spatial step derived
                                      the pairs from boundaries (the LISA map reads it
                                      instead of deriving them again); owned, or NULL */
    const char *map_indicator;     /* the indicator the maps show (a code of the data),
                                      or NULL */
} run_results;

typedef struct run_state {
    const run_config *cfg;  /* resolved configuration */
    int quiet, verbose;     /* progress line off; say what the chart steps draw */
    const char *outdir;     /* the temporary output directory */
    char **inputs;          /* input files for the manifest; owned */
    size_t n_inputs;
    FILE *log;              /* run.log in outdir; the steps' messages go there */
    size_t n_warnings;      /* warnings the steps wrote to run.log */
    size_t step, n_steps;   /* progress: steps begun, steps planned */
    char *chart_notes;      /* the chart steps' warnings (their jh_diag), "NAME: why"
                               a line (charts not drawn or skipped); owned, or NULL */
    size_t n_not_drawn;     /* charts the chart steps could not draw (their counts) */
    int gnuplot_missing;    /* a chart step found no gnuplot */
    size_t n_years;         /* years in the data */
    int has_targets;        /* an indicator of the data has a usable plan target */
    char skipped[8][256];   /* steps the data do not allow, "step: why" */
    size_t n_skipped;
    cli_data data;          /* the inputs, from [data]; paths point into inputs */
    jh_diag load_diag;      /* the study's messages, for run.log */
    jh_study *study;        /* loaded once by run_check_inputs; owned */
    jh_service_list *services; /* [data] services, or NULL; owned */
    char *validation;       /* the validate report text (tables/validate.txt) */
    double outlier_z;       /* the robust-z threshold of validate's outliers and of the
                               rings on the distribution charts, one for both (0:
                               JH_VALIDATE_OUTLIER_Z; no key of run.ini sets it yet) */
    run_results res;        /* what the steps computed */
} run_state;

/* Reads the inputs named in [data] once (each file parsed once), checks
 * them as `junheng validate` does and makes the study every step uses;
 * exit code (65 on bad data), nothing written. */
int run_check_inputs(run_state *rs);

/* Runs validate, indices, decompose, urban-rural, rank, targets, converge,
 * spatial and the charts into outdir; stops at the first failure.
 * A chart that cannot be drawn (gnuplot missing, failing, out of time) is
 * a warning, not a failure: the run goes on and keeps every table. */
int run_steps(run_state *rs);

/* Writes outdir/report.html from the steps' result tables (rs->res). */
int run_report(run_state *rs);

/* report.pdf from report.html with headless Chromium (run_report_pdf.c);
 * without Chromium or when it fails a warning, EX_OK. */
int run_report_pdf(run_state *rs);

/* Writes manifest.json and closes run.log. */
int run_finish(run_state *rs, const char *config_path);

void run_state_clear(run_state *rs);

/* Removes a directory tree (a failed run's temporary directory). */
void run_remove_tree(const char *path);

/* The file that marks a folder as the output of a run: only such a folder,
 * a new one or an empty one is ever replaced. */
#define RUN_MARKER ".junheng-run"

/* The output folder of a run and the temporary folder beside it. */
typedef struct run_target {
    char *shown;  /* the folder as given, without trailing slashes; owned */
    char *path;   /* resolved (symbolic links, ".", "..") when it exists; owned */
    char *tmp;    /* the temporary folder NAME.tmp-XXXXXX, or NULL; owned */
    int lock;     /* descriptor holding a lock on tmp while the run lives, or -1 */
} run_target;

/* Removes (and says so) the temporary folders killed runs left beside dir,
 * checks that dir may be replaced (exit 73 with the reason when not:
 * nothing touched), and creates the marked temporary folder.  The inputs
 * in rs and the configuration file may not lie inside dir.  Exit code. */
int run_target_prepare(run_target *t, const char *dir, const run_state *rs,
                       const char *config);
/* Checks dir again and puts the temporary folder in its place in one step
 * (the previous output is removed).  Exit code. */
int run_target_commit(run_target *t, const run_state *rs, const char *config);
/* Removes the temporary folder unless committed; frees. */
void run_target_clear(run_target *t);

#endif
