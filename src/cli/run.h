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
