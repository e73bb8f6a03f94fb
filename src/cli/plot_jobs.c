/* The gnuplot jobs of the charts: a queue drawn by a few threads, each
 * feeding its own long-lived gnuplot chart after chart, then every chart
 * checked (a complete PNG, SVG or PDF) and renamed into place. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <unistd.h>
#include "junheng/grow.h"
#include "junheng/threads.h"
#include "plot_jobs.h"

static const jh_plot_format fmts[] = {JH_PLOT_PNG, JH_PLOT_SVG, JH_PLOT_PDF};

int cli_plot_jobs_add(cli_plot_jobs *q, const char *name, const char *base, const char *script,
                      const char *data)
{
    void *v = q->v;
    if (jh_grow(&v, &q->cap, q->n + 1, sizeof *q->v) != JH_OK)
        return cli_exit_code(JH_ENOMEM);
    q->v = v;
    cli_plot_job *j = &q->v[q->n++];
    snprintf(j->name, sizeof j->name, "%s", name);
    snprintf(j->base, sizeof j->base, "%s", base);
    snprintf(j->script, sizeof j->script, "%s", script);
    snprintf(j->data, sizeof j->data, "%s", data);
    j->rc = JH_OK;
    memset(&j->res, 0, sizeof j->res);
    return EX_OK;
}

void cli_plot_jobs_free(cli_plot_jobs *q)
{
    free(q->v);
    q->v = NULL;
    q->n = q->cap = 0;
}

int cli_gnuplot_on_path(void)
{
    const char *path = getenv("PATH");
    char dir[4096], file[4200];
    for (const char *p = path ? path : "/usr/bin:/bin"; *p;) {
        size_t n = strcspn(p, ":");
        snprintf(dir, sizeof dir, "%.*s", (int)n, p);
        snprintf(file, sizeof file, "%s/gnuplot", n ? dir : ".");
        if (access(file, X_OK) == 0)
            return 1;
        p += n + (p[n] == ':');
    }
    return 0;
}

/* The drawing threads share one queue: the next job, and how many are
 * done for the progress callback. */
struct job_queue {
    pthread_mutex_t lock;
    cli_plot_job *jobs;
    size_t n, next, done;
    size_t files_per_job;     /* formats: the progress counts files */
    cli_plot_progress progress;
    void *ctx;
    int per_chart;            /* one gnuplot process per chart (no workers) */
    double timeout;
};

/* Takes the next job (NULL: none left) after counting the one just done. */
static cli_plot_job *next_job(struct job_queue *q, int finished)
{
    pthread_mutex_lock(&q->lock);
    cli_plot_job *j = q->next < q->n ? &q->jobs[q->next++] : NULL;
    if (finished) {
        q->done++;
        if (q->progress)
            q->progress(q->ctx, q->done * q->files_per_job, q->n * q->files_per_job);
    }
    pthread_mutex_unlock(&q->lock);
    return j;
}

/* One drawing thread: its own long-lived gnuplot, fed job after job. */
static void *draw_jobs(void *arg)
{
    struct job_queue *q = arg;
    jh_gnuplot_worker *w = NULL;
    if (!q->per_chart && jh_gnuplot_worker_new(NULL, &w) != JH_OK)
        w = NULL; /* out of memory: a gnuplot per chart still draws */
    for (cli_plot_job *j = next_job(q, 0); j; j = next_job(q, 1)) {
        if (w)
            j->rc = jh_gnuplot_worker_draw(w, j->script, q->timeout, &j->res);
        else
            j->rc = jh_gnuplot_run(NULL, j->script, q->timeout, &j->res);
    }
    jh_gnuplot_worker_free(w);
    return NULL;
}

void cli_plot_jobs_run(cli_plot_jobs *jobs, unsigned formats, double timeout,
                       cli_plot_progress progress, void *ctx)
{
    const char *per = getenv("JUNHENG_PLOT_WORKERS");
    size_t nt = jh_thread_count(8), started = 1, files = 0;
    pthread_t tid[8];
    for (unsigned f = formats; f; f >>= 1)
        files += f & 1;
    struct job_queue q = {.lock = PTHREAD_MUTEX_INITIALIZER, .jobs = jobs->v, .n = jobs->n,
                          .files_per_job = files, .progress = jobs->n ? progress : NULL,
                          .ctx = ctx, .per_chart = per && strcmp(per, "0") == 0,
                          .timeout = timeout};
    if (nt > jobs->n)
        nt = jobs->n ? jobs->n : 1;
    for (size_t k = 1; k < nt; k++, started++)
        if (pthread_create(&tid[k], NULL, draw_jobs, &q) != 0)
            break;
    draw_jobs(&q);
    for (size_t k = 1; k < started; k++)
        pthread_join(tid[k], NULL);
    pthread_mutex_destroy(&q.lock);
}

/* The last line gnuplot wrote (its error message), into buf. */
static void last_line(const char *err, char *buf, size_t cap)
{
    size_t len = strlen(err);
    while (len && strchr("\r\n \t", err[len - 1]))
        len--;
    size_t from = len;
    while (from && err[from - 1] != '\n')
        from--;
    snprintf(buf, cap, "%.*s", (int)(len - from), err + from);
}

/* Why job j gave no chart, when gnuplot did not exit 0 in time. */
static void gnuplot_failure(const cli_plot_job *j, double timeout, char *buf, size_t cap)
{
    const jh_gnuplot_result *g = &j->res;
    char line[1024];
    if (j->rc == JH_ENOTFOUND) {
        snprintf(buf, cap, "gnuplot could not be run");
    } else if (g->timed_out) {
        snprintf(buf, cap, "gnuplot still running after %g s, stopped (the time limit: "
                 "--chart-timeout, or charts.timeout in run.ini)", timeout);
    } else if (g->signal) {
        const char *abbrev = jh_signal_name(g->signal);
        char num[32];
        snprintf(num, sizeof num, "signal %d", g->signal);
        snprintf(buf, cap, "gnuplot was killed by %s%s (%s)", abbrev ? "SIG" : "",
                 abbrev ? abbrev : num, strsignal(g->signal));
    } else {
        last_line(g->err, line, sizeof line);
        snprintf(buf, cap, "gnuplot failed (exit status %d)%s%s", g->exit_status,
                 line[0] ? ": " : "", line);
    }
}

/* Checks every file job j should have written; on the first bad one says
 * why in buf and returns -1.  All formats pass or the chart is not drawn. */
static int check_outputs(unsigned formats, const cli_plot_job *j, char *buf, size_t cap)
{
    char part[4400];
    for (size_t k = 0; k < 3; k++) {
        const char *why;
        if (!(formats & fmts[k]))
            continue;
        snprintf(part, sizeof part, "%s.%s.part", j->base, jh_plot_format_ext(fmts[k]));
        if (jh_plot_output_check(part, fmts[k], &why) != JH_OK) {
            snprintf(buf, cap, "%s.%s from gnuplot: %s", j->name,
                     jh_plot_format_ext(fmts[k]), why);
            return -1;
        }
    }
    return 0;
}

/* Moves the checked files of job j into place. */
static int rename_outputs(unsigned formats, const cli_plot_job *j, char *buf, size_t cap)
{
    char from[4400], to[4300];
    for (size_t k = 0; k < 3; k++)
        if (formats & fmts[k]) {
            snprintf(to, sizeof to, "%s.%s", j->base, jh_plot_format_ext(fmts[k]));
            snprintf(from, sizeof from, "%s.part", to);
            if (rename(from, to) != 0) {
                /* The path is cut to leave room for the reason in buf. */
                snprintf(buf, cap, "%.1500s: cannot rename into place: %s", to,
                         strerror(errno));
                return -1;
            }
        }
    return 0;
}

static void remove_parts(const char *base, unsigned formats)
{
    char path[4200];
    for (size_t k = 0; k < 3; k++)
        if ((formats & fmts[k]) &&
            snprintf(path, sizeof path, "%s.%s.part", base, jh_plot_format_ext(fmts[k])) <
                (int)sizeof path)
            unlink(path);
}

/* Whether the disk holding dir is (nearly) full: gnuplot exits 0 with an
 * empty or cut-short file when it is, so a bad chart there is an I/O
 * error (74), not gnuplot's (less than 1 MiB left counts as full). */
static int disk_full(const char *dir)
{
    struct statvfs v;
    return statvfs(dir, &v) == 0 && (double)v.f_bavail * (double)v.f_frsize < 1048576.0;
}

void cli_plot_jobs_finish(cli_plot_jobs *q, const cli_plot_opts *o, jh_diag *diag,
                          cli_plot_counts *c, int *failed)
{
    const cli_plot_output *out = &o->out;
    char why[2048];
    for (size_t i = 0; i < q->n; i++) {
        cli_plot_job *j = &q->v[i];
        int bad = 0;
        if (j->rc != JH_OK) {
            gnuplot_failure(j, out->timeout, why, sizeof why);
            bad = 1;
        } else {
            bad = check_outputs(out->formats, j, why, sizeof why) ||
                  rename_outputs(out->formats, j, why, sizeof why);
        }
        if (bad && disk_full(out->outdir)) {
            size_t len = strlen(why);
            snprintf(why + len, sizeof why - len, "; no space left on the disk of %s",
                     out->outdir);
            *failed = *failed ? *failed : EX_IOERR;
        }
        if (bad) {
            remove_parts(j->base, out->formats);
            jh_diag_add(diag, JH_DIAG_WARNING, NULL, 0, 0, "%s: not drawn: %s", j->name, why);
            c->not_drawn++;
        } else {
            c->drawn++;
        }
        unlink(j->script);
        if (!o->keep)
            unlink(j->data);
    }
}
