/* The steps of `junheng run` (cmd_run.c drives them). */
#ifndef JUNHENG_RUN_H
#define JUNHENG_RUN_H

#include <stdio.h>
#include "run_config.h"

typedef struct run_state {
    const run_config *cfg;  /* resolved configuration */
    int quiet, verbose;     /* progress line off; say each command */
    const char *outdir;     /* the temporary output directory */
    char **data_args;       /* the input options every step gets; owned */
    size_t n_data_args;
    char **inputs;          /* input files for the manifest; owned */
    size_t n_inputs;
    FILE *log;              /* run.log in outdir; the steps' messages go there */
    size_t n_warnings;      /* warnings the steps wrote to run.log */
    int saved_stderr;       /* the terminal's stderr while a step runs, or -1 */
    size_t step, n_steps;   /* progress: steps begun, steps planned */
    char *chart_notes;      /* the chart steps' warnings, "NAME: why" a line
                               (charts not drawn or skipped); owned, or NULL */
    size_t n_not_drawn;     /* charts the chart steps could not draw */
    int gnuplot_missing;    /* a chart step found no gnuplot */
    size_t n_years;         /* years in the data */
    int has_targets;        /* an indicator of the data has a usable plan target */
    char skipped[8][256];   /* steps the data do not allow, "step: why" */
    size_t n_skipped;
} run_state;

/* Builds the input options from the configuration and checks the inputs
 * as `junheng validate` does; exit code (65 on bad data), nothing written. */
int run_check_inputs(run_state *rs);

/* Runs validate, indices, decompose, urban-rural, rank, targets, converge
 * and plot (those this build has) into outdir; stops at the first failure.
 * A chart that cannot be drawn (gnuplot missing, failing, out of time) is
 * a warning, not a failure: the run goes on and keeps every table. */
int run_steps(run_state *rs);

/* Writes outdir/report.html from the study and the files the steps made. */
int run_report(run_state *rs);

/* Writes manifest.json and closes run.log. */
int run_finish(run_state *rs, const char *config_path);

void run_state_clear(run_state *rs);

/* Removes a directory tree (a failed run's temporary directory). */
void run_remove_tree(const char *path);

#endif
