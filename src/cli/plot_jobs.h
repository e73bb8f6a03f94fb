/* The gnuplot jobs of the chart planner (plot_plan.c): charts whose data
 * and script are written, drawn on several threads, each with a
 * long-lived gnuplot, then checked and renamed into place in drawing
 * order (plot_jobs.c). */
#ifndef JUNHENG_CLI_PLOT_JOBS_H
#define JUNHENG_CLI_PLOT_JOBS_H

#include <stddef.h>
#include "junheng/diag.h"
#include "junheng/plot.h"
#include "plot_draw.h"

/* A chart waiting for gnuplot. */
typedef struct cli_plot_job {
    char name[256];           /* chart name, for messages */
    char base[4200];          /* DIR/NAME */
    char script[4400];        /* the script gnuplot runs (writes NAME.EXT.part) */
    char data[4300];          /* its data file */
    int rc;                   /* jh_gnuplot_run's status */
    jh_gnuplot_result res;    /* how gnuplot ended, its stderr */
} cli_plot_job;

typedef struct cli_plot_jobs {
    cli_plot_job *v;          /* in drawing order; owned */
    size_t n, cap;
} cli_plot_jobs;

/* Queues a job: EX_OK or EX_OSERR. */
int cli_plot_jobs_add(cli_plot_jobs *q, const char *name, const char *base, const char *script,
                      const char *data);

/* Runs the jobs on JUNHENG_THREADS threads (default: the processors
 * online, at most 8), each with a gnuplot of its own;
 * JUNHENG_PLOT_WORKERS=0 starts one gnuplot per chart instead (slower, the
 * same files: for comparison).  progress (may be NULL) counts the files. */
void cli_plot_jobs_run(cli_plot_jobs *q, unsigned formats, double timeout,
                       cli_plot_progress progress, void *ctx);

/* After the jobs: the charts checked and renamed into place, a warning in
 * diag for each chart that failed ("NAME: not drawn: why"), in drawing
 * order; the scripts removed, the data files too unless keep.  Counts into
 * c; *failed gets 74 when the disk of outdir is full (unless set). */
void cli_plot_jobs_finish(cli_plot_jobs *q, const cli_plot_opts *o, jh_diag *diag,
                          cli_plot_counts *c, int *failed);

void cli_plot_jobs_free(cli_plot_jobs *q);

/* Whether an executable gnuplot is on PATH (what posix_spawnp will find). */
int cli_gnuplot_on_path(void);

#endif
