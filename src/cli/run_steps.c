/* The steps of the annual run: junheng's commands called in-process. */
#define _XOPEN_SOURCE 700
#include <dirent.h>
#include <errno.h>
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
#include "junheng/targets.h"

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
    size_t n_files = 0;
    char **files = run_config_words(c->value[RK_DATA_FILES], &n_files);
    int bad = !files;
    for (size_t i = 0; i < n_files && !bad; i++)
        bad = add_path_opt(rs, &a, "--data", files[i]);
    run_config_words_free(files, n_files);
    if (!bad && c->value[RK_DATA_REGIONS][0])
        bad = add_path_opt(rs, &a, "--regions", c->value[RK_DATA_REGIONS]);
    if (!bad && c->value[RK_DATA_INDICATORS][0])
        bad = add_path_opt(rs, &a, "--indicators", c->value[RK_DATA_INDICATORS]);
    if (!bad && c->value[RK_DATA_WEIGHT_COL][0])
        bad = add(&a, "--weight-col") || add(&a, c->value[RK_DATA_WEIGHT_COL]);
    if (!bad && is_yes(c->value[RK_DATA_LENIENT]))
        bad = add(&a, "--lenient");
    if (!bad && is_yes(c->value[RK_OUTPUT_RAW_TEXT]))
        bad = add(&a, "--raw-text");
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
        return cli_exit_code(JH_ENOMEM);
    for (size_t i = 0; i < rs->n_data_args; i++)
        if (add(&a, rs->data_args[i]))
            return cli_exit_code(JH_ENOMEM);
    for (size_t i = 0; extra && i < extra->n; i++)
        if (add(&a, extra->v[i]))
            return cli_exit_code(JH_ENOMEM);
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
        /* A full disk must fail the step, not leave a short file behind. */
        if ((fflush(stdout) != 0 || ferror(stdout)) && !code) {
            fprintf(stderr, "junheng: %s: write error: %s\n", stdout_to, strerror(errno));
            code = EX_IOERR;
        }
        clearerr(stdout);
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
        return cli_exit_code(JH_ENOMEM);
    }
    int code = call(rs, "validate", NULL, "/dev/null");
    return code ? code : run_config_check_group_by(rs->cfg);
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

/* Appends a chart step's warning line "junheng: warning: NAME: why" to
 * the chart notes as "NAME: why", and counts the charts not drawn. */
static void keep_chart_note(run_state *rs, const char *line)
{
    static const char prefix[] = "junheng: warning: ";
    if (strncmp(line, prefix, sizeof prefix - 1) != 0)
        return;
    line += sizeof prefix - 1;
    size_t had = rs->chart_notes ? strlen(rs->chart_notes) : 0, len = strlen(line);
    char *notes = realloc(rs->chart_notes, had + len + 2);
    if (!notes)
        return;
    memcpy(notes + had, line, len + 1);
    if (!len || notes[had + len - 1] != '\n')
        strcpy(notes + had + len, "\n");
    rs->chart_notes = notes;
    rs->n_not_drawn += strstr(line, ": not drawn: ") != NULL;
}

/* Restores stderr, counts the step's warnings, keeps a chart step's
 * warnings (charts), and on failure shows its messages on the terminal
 * after all. */
static void log_end(run_state *rs, long from, int failed, int charts)
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
        if (charts)
            keep_chart_note(rs, line);
        if (failed)
            fputs(line, stderr);
    }
    fseek(rs->log, 0, SEEK_END);
}

/* One step: the command (skipped when this build lacks it), its extra
 * arguments, and where its standard output goes (NULL: nowhere special).
 * A chart step (charts) that fails is a warning, unless its arguments were
 * wrong (64: the configuration's charts keys): its charts are missing,
 * the tables are all there. */
static int run_step(run_state *rs, const char *label, const char *cmd, struct args *extra,
                    const char *stdout_rel, int charts)
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
    size_t not_drawn = rs->n_not_drawn;
    code = call(rs, cmd, extra, so);
    int soft = charts && code != EX_OK && code != EX_USAGE;
    log_end(rs, from, code != EX_OK && !soft, charts);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    logf_(rs, "step %s: exit %d (%.3f s)", label, code,
          (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec));
    if (soft) {
        rs->gnuplot_missing |= code == EX_UNAVAILABLE;
        if (rs->n_not_drawn == not_drawn) {
            /* Failed before any chart (e.g. no templates): say so once. */
            char line[600];
            snprintf(line, sizeof line, "junheng: warning: %s: not drawn: the step failed "
                     "(exit %d, messages in run.log)", label, code);
            logf_(rs, "%s", line);
            keep_chart_note(rs, line);
            rs->n_warnings++;
        }
        code = EX_OK;
    } else if (code)
        fprintf(stderr, "junheng: run: step '%s' failed (exit %d); nothing was written\n",
                label, code);
    args_free(extra);
    free(so);
    return code;
}

static int step(run_state *rs, const char *label, const char *cmd, struct args *extra,
                const char *stdout_rel)
{
    return run_step(rs, label, cmd, extra, stdout_rel, 0);
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

/* [analysis] bootstrap and seed, for the steps that give intervals
 * (indices, decompose, urban-rural); nothing when bootstrap is 0. */
static struct args with_bootstrap(run_state *rs, struct args a)
{
    const run_config *c = rs->cfg;
    if (strcmp(c->value[RK_ANALYSIS_BOOTSTRAP], "0") != 0) {
        add(&a, "--bootstrap");
        add(&a, c->value[RK_ANALYSIS_BOOTSTRAP]);
        add(&a, "--seed");
        add(&a, c->value[RK_ANALYSIS_SEED]);
    }
    return a;
}

static int decompose_steps(run_state *rs)
{
    char *groups = strdup(rs->cfg->value[RK_ANALYSIS_GROUP_BY]), *save = NULL;
    int code = groups ? EX_OK : cli_exit_code(JH_ENOMEM);
    for (char *g = groups ? strtok_r(groups, ", \t", &save) : NULL; g && !code;
         g = strtok_r(NULL, ", \t", &save)) {
        char rel[256], label[300];
        snprintf(rel, sizeof rel, "tables/decompose-%s.csv", g);
        snprintf(label, sizeof label, "decompose by %s", g);
        struct args a = with_bootstrap(rs, with_output(rs, rel, "--by", g, NULL));
        code = step(rs, label, "decompose", &a, NULL);
    }
    free(groups);
    return code;
}

/* One plot call per kind of [charts] kinds ("all" is a kind of its own). */
static int chart_steps(run_state *rs)
{
    char *kinds = strdup(rs->cfg->value[RK_CHARTS_KINDS]), *save = NULL;
    int code = kinds ? EX_OK : cli_exit_code(JH_ENOMEM);
    for (char *k = kinds ? strtok_r(kinds, ", \t", &save) : NULL; k && !code;
         k = strtok_r(NULL, ", \t", &save)) {
        char label[300];
        snprintf(label, sizeof label, "charts: %s", k);
        /* The configured index in every chart, as in the summary beside it. */
        struct args a = with_output(rs, "charts", k, "--format", rs->cfg->value[RK_CHARTS_FORMATS],
                                    "--lang", rs->cfg->value[RK_OUTPUT_LANG], "--chart-timeout",
                                    rs->cfg->value[RK_CHARTS_TIMEOUT], "--index",
                                    rs->cfg->value[RK_ANALYSIS_INDEX], NULL);
        code = run_step(rs, label, "plot", &a, NULL, 1);
    }
    free(kinds);
    return code;
}

/* charts/ holds charts only: the scripts and data files plot leaves
 * without gnuplot name the temporary directory and would not work later,
 * and a *.part is a chart that failed. */
static void keep_only_charts(run_state *rs)
{
    char *dir = out_path(rs, "charts"), path[4400];
    DIR *d = dir ? opendir(dir) : NULL;
    for (struct dirent *e; d && (e = readdir(d));) {
        const char *dot = strrchr(e->d_name, '.');
        if (e->d_name[0] == '.' || (dot && (!strcmp(dot, ".png") || !strcmp(dot, ".svg") ||
                                            !strcmp(dot, ".pdf"))))
            continue;
        if (snprintf(path, sizeof path, "%s/%s", dir, e->d_name) < (int)sizeof path)
            unlink(path);
    }
    if (d)
        closedir(d);
    free(dir);
}

/* On the terminal after the charts: which were not drawn, and how to turn
 * charts off; the reasons are in run.log and the report. */
static void say_charts_not_drawn(run_state *rs)
{
    char names[600] = "";
    size_t shown = 0, len = 0;
    if (!rs->n_not_drawn)
        return;
    for (const char *p = rs->chart_notes; p && *p; p = strchr(p, '\n') + 1) {
        const char *end = strstr(p, ": not drawn: "), *nl = strchr(p, '\n');
        if (end && end < nl && shown < 5 && len + (size_t)(end - p) + 3 < sizeof names) {
            len += (size_t)snprintf(names + len, sizeof names - len, "%s%.*s", shown ? ", " : "",
                                    (int)(end - p), p);
            shown++;
        }
    }
    if (shown < rs->n_not_drawn)
        snprintf(names + len, sizeof names - len, " and %zu more", rs->n_not_drawn - shown);
    fprintf(stderr, "junheng: run: warning: %s%zu chart%s not drawn: %s (every one, with the "
            "reason, in run.log and the report's data quality section)\n",
            rs->gnuplot_missing ? "gnuplot not found: " : "", rs->n_not_drawn,
            rs->n_not_drawn == 1 ? "" : "s", names);
    if (rs->gnuplot_missing)
        fputs("junheng: run: install gnuplot (Debian: apt-get install gnuplot-nox "
              "fonts-noto-cjk), or turn charts off with 'kinds = none' in [charts] "
              "(or --set charts.kinds=none)\n", stderr);
    else
        fputs("junheng: run: the tables and the report are complete; to turn charts off: "
              "'kinds = none' in [charts] (or --set charts.kinds=none)\n", stderr);
    logf_(rs, "charts not drawn: %zu%s", rs->n_not_drawn,
          rs->gnuplot_missing ? " (gnuplot not found)" : "");
}

/* Words in a comma- or space-separated list. */
static size_t count_words(const char *list)
{
    size_t n = 0;
    for (const char *p = list; *p; p++)
        n += !strchr(", \t", *p) && (p == list || strchr(", \t", p[-1]));
    return n;
}

/* What the data allow: how many years, and whether an indicator has a
 * plan target.  The study is loaded with its messages in run.log (the
 * check of the inputs has shown them already) and not counted twice. */
static int data_shape(run_state *rs)
{
    char **argv = malloc((rs->n_data_args + 2) * sizeof *argv);
    cli_data data = {0};
    jh_study *st = NULL;
    size_t warnings = rs->n_warnings;
    if (!argv)
        return EX_OSERR;
    argv[0] = "run";
    memcpy(argv + 1, rs->data_args, rs->n_data_args * sizeof *argv);
    argv[rs->n_data_args + 1] = NULL;
    long from = log_begin(rs);
    optind = 0;
    int code = cli_data_parse((int)rs->n_data_args + 1, argv, &data);
    if (!code)
        code = cli_load_study(&data, &st);
    log_end(rs, from, code != EX_OK, 0);
    rs->n_warnings = warnings;
    for (size_t i = 0; st && i < st->data->indicators.n && !rs->has_targets; i++) {
        jh_target t;
        const jh_indicator *in = jh_study_indicator(st, i);
        rs->has_targets = in && jh_target_from_indicator(in, &t) == JH_OK;
    }
    rs->n_years = st ? st->data->n_years : 0;
    jh_study_free(st);
    free(data.files.path);
    free(argv);
    return code;
}

/* Records a step the data do not allow, for run.log and the report. */
static void skip(run_state *rs, const char *label, const char *why_zh, const char *why_en)
{
    int en = strcmp(rs->cfg->value[RK_OUTPUT_LANG], "en") == 0;
    logf_(rs, "step %s: skipped (%s)", label, why_en);
    rs->step++; /* the progress line still ends at N/N */
    if (rs->n_skipped < sizeof rs->skipped / sizeof rs->skipped[0])
        snprintf(rs->skipped[rs->n_skipped++], sizeof rs->skipped[0], "%s: %s", label,
                 en ? why_en : why_zh);
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
    if (!code)
        code = data_shape(rs);
    struct args a;
    if (!code) {
        a = with_output(rs, NULL, NULL);
        code = step(rs, "validate", "validate", &a, "tables/validate.txt");
    }
    if (!code) {
        a = with_bootstrap(rs, with_output(rs, "tables/indices.csv", NULL));
        code = step(rs, "indices", "indices", &a, NULL);
    }
    if (!code) {
        a = with_bootstrap(rs, with_output(rs, "tables/indices-wide.csv", "--layout", "wide", NULL));
        code = step(rs, "indices (wide)", "indices", &a, NULL);
    }
    if (!code)
        code = decompose_steps(rs);
    if (!code) {
        a = with_bootstrap(rs, with_output(rs, "tables/urban-rural.csv", NULL));
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
    if (!code && !rs->cfg->value[RK_DATA_INDICATORS][0])
        skip(rs, "targets", "未提供指标目录（[data] indicators），无规划目标",
             "no indicator catalog ([data] indicators), so no plan targets");
    else if (!code && !rs->has_targets)
        skip(rs, "targets", "指标目录中没有指标同时给出目标类型、目标值和基期年份",
             "no indicator of the catalog has a target kind, a target and a baseline year");
    else if (!code) {
        a = with_output(rs, "tables/targets.csv", NULL);
        code = step(rs, "targets", "targets", &a, NULL);
    }
    if (!code && rs->n_years < 2)
        skip(rs, "converge", "收敛分析需要至少两个年份，数据只有一年",
             "convergence needs two years at least; the data have one");
    else if (!code) {
        a = with_output(rs, "tables/converge.csv", NULL);
        code = step(rs, "converge", "converge", &a, NULL);
    }
    if (!code && strcmp(rs->cfg->value[RK_CHARTS_KINDS], "none") != 0) {
        code = chart_steps(rs);
        keep_only_charts(rs);
    }
    if (!rs->quiet)
        fputs("\r\033[K", stderr);
    if (!code)
        say_charts_not_drawn(rs);
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
    free(rs->chart_notes);
    memset(rs, 0, sizeof *rs);
}
