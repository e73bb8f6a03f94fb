/* The steps of the annual run: junheng's commands called in-process. */
#define _XOPEN_SOURCE 700
#include <dirent.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "cli.h"
#include "run.h"
#include "junheng/output.h"
#include "junheng/sha256.h"

/* A growable argv. */
struct args {
    char **v;
    size_t n, cap;
};

static int add(struct args *a, const char *s)
{
    if (a->n + 2 > a->cap) {
        size_t cap = a->cap ? 2 * a->cap : 32;
        char **v = realloc(a->v, cap * sizeof *v);
        if (!v)
            return -1;
        a->v = v;
        a->cap = cap;
    }
    if (!(a->v[a->n] = strdup(s)))
        return -1;
    a->v[++a->n] = NULL;
    return 0;
}

static int addf(struct args *a, const char *fmt, ...)
{
    char buf[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return add(a, buf);
}

static void args_free(struct args *a)
{
    for (size_t i = 0; i < a->n; i++)
        free(a->v[i]);
    free(a->v);
    memset(a, 0, sizeof *a);
}

static int keep_input(run_state *rs, const char *path)
{
    char **in = realloc(rs->inputs, (rs->n_inputs + 1) * sizeof *in);
    if (!in)
        return -1;
    rs->inputs = in;
    return (in[rs->n_inputs] = strdup(path)) ? (rs->n_inputs++, 0) : -1;
}

/* "--opt path" with path resolved against the configuration's directory. */
static int add_path_opt(run_state *rs, struct args *a, const char *opt, const char *p)
{
    char *full = run_config_path(rs->cfg, p);
    int bad = !full || add(a, opt) || add(a, full) || keep_input(rs, full);
    free(full);
    return bad ? -1 : 0;
}

static int is_yes(const char *v)
{
    return !strcasecmp(v, "yes") || !strcasecmp(v, "true");
}

/* The input options, from [data]. */
static int build_data_args(run_state *rs)
{
    const run_config *c = rs->cfg;
    struct args a = {0};
    char *files = strdup(c->value[RK_DATA_FILES]), *save = NULL;
    int bad = !files;
    for (char *f = files ? strtok_r(files, ", \t", &save) : NULL; f && !bad;
         f = strtok_r(NULL, ", \t", &save))
        bad = add_path_opt(rs, &a, "--data", f);
    free(files);
    if (!bad && c->value[RK_DATA_REGIONS][0])
        bad = add_path_opt(rs, &a, "--regions", c->value[RK_DATA_REGIONS]);
    if (!bad && c->value[RK_DATA_INDICATORS][0])
        bad = add_path_opt(rs, &a, "--indicators", c->value[RK_DATA_INDICATORS]);
    if (!bad && c->value[RK_DATA_WEIGHT_COL][0])
        bad = add(&a, "--weight-col") || add(&a, c->value[RK_DATA_WEIGHT_COL]);
    if (!bad && is_yes(c->value[RK_DATA_LENIENT]))
        bad = add(&a, "--lenient");
    if (!bad)
        bad = addf(&a, "--encoding=%s", c->value[RK_DATA_ENCODING]) ||
              addf(&a, "--censored=%s", c->value[RK_DATA_CENSORED]) ||
              addf(&a, "--on-duplicate=%s", c->value[RK_DATA_ON_DUPLICATE]);
    rs->data_args = a.v;
    rs->n_data_args = a.n;
    return bad ? -1 : 0;
}

static void logf_(run_state *rs, const char *fmt, ...)
{
    va_list ap;
    if (!rs->log)
        return;
    time_t t = time(NULL);
    char stamp[32];
    strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", gmtime(&t));
    fprintf(rs->log, "%s ", stamp);
    va_start(ap, fmt);
    vfprintf(rs->log, fmt, ap);
    va_end(ap);
    putc('\n', rs->log);
    fflush(rs->log);
}

/* Calls command cmd in-process with the data options, then extra; with
 * stdout_to, the command's standard output goes to that file.  Returns the
 * command's exit code. */
static int call(run_state *rs, const char *cmd, const struct args *extra, const char *stdout_to)
{
    const cli_command *c = cli_find_command(cmd);
    struct args a = {0};
    int code, saved = -1;
    if (add(&a, cmd))
        return EX_OSERR;
    for (size_t i = 0; i < rs->n_data_args; i++)
        if (add(&a, rs->data_args[i]))
            return EX_OSERR;
    for (size_t i = 0; extra && i < extra->n; i++)
        if (add(&a, extra->v[i]))
            return EX_OSERR;
    if (rs->verbose) {
        /* Said on the terminal even while the step's stderr goes to the log. */
        int fd = rs->saved_stderr >= 0 ? rs->saved_stderr : 2;
        dprintf(fd, "junheng: run:");
        for (size_t i = 0; i < a.n; i++)
            dprintf(fd, " %s", a.v[i]);
        dprintf(fd, "\n");
    }
    if (stdout_to) {
        fflush(stdout);
        int fd = open(stdout_to, O_WRONLY | O_CREAT | O_TRUNC, 0666);
        saved = dup(1);
        if (fd < 0 || saved < 0 || dup2(fd, 1) < 0) {
            if (fd >= 0)
                close(fd);
            args_free(&a);
            return EX_CANTCREAT;
        }
        close(fd);
    }
    optind = 0; /* glibc: start getopt afresh for each command */
    code = c->run((int)a.n, a.v);
    if (stdout_to) {
        fflush(stdout);
        dup2(saved, 1);
        close(saved);
    }
    args_free(&a);
    return code;
}

int run_check_inputs(run_state *rs)
{
    if (build_data_args(rs)) {
        fputs("junheng: out of memory\n", stderr);
        return EX_OSERR;
    }
    return call(rs, "validate", NULL, "/dev/null");
}

static char *out_path(const run_state *rs, const char *rel)
{
    size_t n = strlen(rs->outdir) + strlen(rel) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", rs->outdir, rel);
    return p;
}

/* While a step runs its messages go to run.log, not the terminal: each
 * step would otherwise repeat the same warnings (indices runs twice).
 * Returns the log offset where the step's messages start, or -1. */
static long log_begin(run_state *rs)
{
    if (!rs->log || fflush(rs->log) != 0)
        return -1;
    long from = ftell(rs->log);
    fflush(stderr);
    rs->saved_stderr = dup(2);
    if (from < 0 || rs->saved_stderr < 0 || dup2(fileno(rs->log), 2) < 0) {
        if (rs->saved_stderr >= 0)
            close(rs->saved_stderr);
        rs->saved_stderr = -1;
        return -1;
    }
    return from;
}

/* Restores stderr, counts the step's warnings, and on failure shows its
 * messages on the terminal after all. */
static void log_end(run_state *rs, long from, int failed)
{
    char line[4096];
    if (from < 0)
        return;
    fflush(stderr);
    dup2(rs->saved_stderr, 2);
    close(rs->saved_stderr);
    rs->saved_stderr = -1;
    fseek(rs->log, from, SEEK_SET);
    while (fgets(line, sizeof line, rs->log)) {
        rs->n_warnings += strstr(line, "warning:") != NULL;
        if (failed)
            fputs(line, stderr);
    }
    fseek(rs->log, 0, SEEK_END);
}

/* One step: the command (skipped when this build lacks it), its extra
 * arguments, and where its standard output goes (NULL: nowhere special). */
static int step(run_state *rs, const char *label, const char *cmd, struct args *extra,
                const char *stdout_rel)
{
    struct timespec t0, t1;
    char *so = stdout_rel ? out_path(rs, stdout_rel) : NULL;
    int code;
    if (!cli_find_command(cmd)) {
        logf_(rs, "step %s: skipped (no '%s' command in this build)", label, cmd);
        args_free(extra);
        free(so);
        return EX_OK;
    }
    if (!rs->quiet)
        fprintf(stderr, "\r\033[Kjunheng: run: [%zu/%zu] %s", ++rs->step, rs->n_steps, label);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    long from = log_begin(rs);
    code = call(rs, cmd, extra, so);
    log_end(rs, from, code != EX_OK);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    logf_(rs, "step %s: exit %d (%.3f s)", label, code,
          (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec));
    if (code)
        fprintf(stderr, "junheng: run: step '%s' failed (exit %d); nothing was written\n",
                label, code);
    args_free(extra);
    free(so);
    return code;
}

/* Builds the extra arguments "a b c ... -o OUTDIR/rel" of a step. */
static struct args with_output(run_state *rs, const char *rel, const char *first, ...)
{
    struct args a = {0};
    va_list ap;
    va_start(ap, first);
    for (const char *s = first; s; s = va_arg(ap, const char *))
        add(&a, s);
    va_end(ap);
    if (rel) {
        char *p = out_path(rs, rel);
        add(&a, "-o");
        add(&a, p ? p : "");
        free(p);
    }
    return a;
}

static int decompose_steps(run_state *rs)
{
    char *groups = strdup(rs->cfg->value[RK_ANALYSIS_GROUP_BY]), *save = NULL;
    int code = groups ? EX_OK : EX_OSERR;
    for (char *g = groups ? strtok_r(groups, ", \t", &save) : NULL; g && !code;
         g = strtok_r(NULL, ", \t", &save)) {
        char rel[256], label[300];
        snprintf(rel, sizeof rel, "tables/decompose-%s.csv", g);
        snprintf(label, sizeof label, "decompose by %s", g);
        struct args a = with_output(rs, rel, "--by", g, NULL);
        code = step(rs, label, "decompose", &a, NULL);
    }
    free(groups);
    return code;
}

/* One plot call per kind of [charts] kinds ("all" is a kind of its own). */
static int chart_steps(run_state *rs)
{
    char *kinds = strdup(rs->cfg->value[RK_CHARTS_KINDS]), *save = NULL;
    int code = kinds ? EX_OK : EX_OSERR;
    for (char *k = kinds ? strtok_r(kinds, ", \t", &save) : NULL; k && !code;
         k = strtok_r(NULL, ", \t", &save)) {
        char label[300];
        snprintf(label, sizeof label, "charts: %s", k);
        struct args a = with_output(rs, "charts", k, "--format", rs->cfg->value[RK_CHARTS_FORMATS],
                                    "--lang", rs->cfg->value[RK_OUTPUT_LANG], NULL);
        code = step(rs, label, "plot", &a, NULL);
    }
    free(kinds);
    return code;
}

/* Words in a comma- or space-separated list. */
static size_t count_words(const char *list)
{
    size_t n = 0;
    for (const char *p = list; *p; p++)
        n += !strchr(", \t", *p) && (p == list || strchr(", \t", p[-1]));
    return n;
}

/* How many steps the progress line counts to. */
static size_t planned_steps(const run_state *rs)
{
    const run_config *c = rs->cfg;
    size_t n = 3 + count_words(c->value[RK_ANALYSIS_GROUP_BY]); /* validate, indices x2 */
    n += 1 + 2 + (c->value[RK_DATA_INDICATORS][0] != 0) + 1; /* ur, rank x2, targets, converge */
    if (strcmp(c->value[RK_CHARTS_KINDS], "none") != 0)
        n += count_words(c->value[RK_CHARTS_KINDS]);
    return n;
}

int run_steps(run_state *rs)
{
    rs->n_steps = planned_steps(rs);
    char *tables = out_path(rs, "tables"), *charts = out_path(rs, "charts");
    char *log = out_path(rs, "run.log");
    int code = EX_OK;
    if (!tables || !charts || !log || mkdir(tables, 0777) || mkdir(charts, 0777) ||
        !(rs->log = fopen(log, "w+"))) {
        fprintf(stderr, "junheng: %s: cannot create the output files\n", rs->outdir);
        code = EX_CANTCREAT;
    }
    free(log);
    logf_(rs, "junheng %s run of %s", JUNHENG_VERSION, rs->cfg->path);
    struct args a;
    if (!code) {
        a = with_output(rs, NULL, NULL);
        code = step(rs, "validate", "validate", &a, "tables/validate.txt");
    }
    if (!code) {
        a = with_output(rs, "tables/indices.csv", NULL);
        code = step(rs, "indices", "indices", &a, NULL);
    }
    if (!code) {
        a = with_output(rs, "tables/indices-wide.csv", "--layout", "wide", NULL);
        code = step(rs, "indices (wide)", "indices", &a, NULL);
    }
    if (!code)
        code = decompose_steps(rs);
    if (!code) {
        a = with_output(rs, "tables/urban-rural.csv", NULL);
        code = step(rs, "urban-rural", "urban-rural", &a, NULL);
    }
    if (!code) {
        a = with_output(rs, "tables/rank-indicators.csv", "--what", "indicators", "--by",
                        rs->cfg->value[RK_ANALYSIS_INDEX], NULL);
        code = step(rs, "rank indicators", "rank", &a, NULL);
    }
    if (!code) {
        char *wout = out_path(rs, "tables/rank-weights.csv");
        a = with_output(rs, "tables/rank-counties.csv", "--what", "counties", "--weights-out",
                        wout ? wout : "", NULL);
        free(wout);
        code = step(rs, "rank counties", "rank", &a, NULL);
    }
    /* Targets live in the indicator catalog: without one there are none. */
    if (!code && rs->cfg->value[RK_DATA_INDICATORS][0]) {
        a = with_output(rs, "tables/targets.csv", NULL);
        code = step(rs, "targets", "targets", &a, NULL);
    }
    if (!code) {
        a = with_output(rs, "tables/converge.csv", NULL);
        code = step(rs, "converge", "converge", &a, NULL);
    }
    if (!code && strcmp(rs->cfg->value[RK_CHARTS_KINDS], "none") != 0)
        code = chart_steps(rs);
    if (!rs->quiet)
        fputs("\r\033[K", stderr);
    free(tables);
    free(charts);
    return code;
}

void run_state_clear(run_state *rs)
{
    for (size_t i = 0; i < rs->n_data_args; i++)
        free(rs->data_args[i]);
    free(rs->data_args);
    for (size_t i = 0; i < rs->n_inputs; i++)
        free(rs->inputs[i]);
    free(rs->inputs);
    if (rs->log)
        fclose(rs->log);
    memset(rs, 0, sizeof *rs);
}
