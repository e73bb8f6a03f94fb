/* junheng plot KIND: charts for evaluation reports, drawn by gnuplot from
 * the templates in plots/ (see include/junheng/plot.h for how input text is
 * kept out of gnuplot's command text). */
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>
#include "cli.h"
#include "junheng/indices.h"
#include "junheng/output.h"
#include "junheng/plot.h"
#include "junheng/study.h"
#include "junheng/urban_rural.h"
#include "plot_map_cli.h"
#include "plot_tables.h"
#include "weights_opt.h"

static const char help[] =
    "Usage: junheng plot KIND --data FILE [--regions FILE] [--indicators FILE]\n"
    "                         [OPTIONS]\n"
    "\n"
    "Draws charts for evaluation reports through gnuplot (pngcairo, svg, pdfcairo)\n"
    "from the templates KIND.gp in the template directory.  KIND is one of:\n"
    "  lorenz             Lorenz curves of an indicator, first and last year (or\n"
    "                     each --year), Gini in the legend\n"
    "  trend              an index over the years (sigma-convergence) with its\n"
    "                     fitted OLS trend: the --indicator list, or one chart\n"
    "                     per domain\n"
    "  disparity-ranking  indicators ranked by an index, bars coloured by domain\n"
    "  distribution       box plots of an indicator by prefecture, counties as\n"
    "                     points (on their side for more than 12 groups); and\n"
    "                     kernel densities of it by year; at most 5 distinct\n"
    "                     values (a 0/100 status): shares of counties at each\n"
    "                     value instead (docs/charts.md)\n"
    "  heatmap            counties x indicators, min-max scores by direction\n"
    "  urban-rural        urban and rural values of an indicator county by\n"
    "                     county, the urban-rural ratio in a panel beside\n"
    "  group-gap          the same for each group of people against its\n"
    "                     comparison (strata catalog: dimension group, compare)\n"
    "  county-ranking     composite score of every county (entropy weights, or\n"
    "                     --weights),\n"
    "                     sorted, bars coloured by prefecture\n"
    "  decomposition      between- and within-prefecture shares of the Theil\n"
    "                     index per indicator\n"
    "  targets            baseline, value and target per indicator (percent of\n"
    "                     the target), share of counties meeting each target\n"
    "  all                every chart above the data allow\n"
    "  map, lisa-map      choropleths and LISA clusters per county over county\n"
    "                     boundaries or a tile map: `junheng plot map --help`\n"
    "\n"
    "Files (in DIR): KIND-INDICATOR-YEAR.EXT, i.e. lorenz-IND-Y1-Y2.png,\n"
    "trend-INDEX-DOMAIN.png (trend-INDEX.png for an --indicator list),\n"
    "disparity-ranking-INDEX-YEAR.png, distribution-IND-YEAR.png (box plots),\n"
    "distribution-IND-Y1-Y2.png (densities of the years Y1 to Y2, or of each\n"
    "--year given), heatmap-YEAR.png, urban-rural-IND-YEAR.png (indicators with\n"
    "urban and rural values), county-ranking-YEAR.png, decomposition-YEAR.png,\n"
    "targets-YEAR.png, group-gap-GROUP-COMPARISON-IND-YEAR.png; a code other than ASCII [A-Za-z0-9_.-] becomes its ASCII\n"
    "part and a hash (床位数 -> e3b6b61d): stable, never shared.\n"
    "\n"
    "";

/* The options: a literal of their own (C99 guarantees 4095 characters). */
static const char help_options[] =
    "Options:\n"
    "  -i, --indicator CODE   chart this indicator (repeatable; default: every\n"
    "                         county indicator with a direction)\n"
    "      --year YEAR        chart this year (repeatable; default: the last year,\n"
    "                         and the first and last for lorenz)\n"
    "  -x, --index NAME       index of trend and disparity-ranking (default gini;\n"
    "                         any name of 'junheng indices', e.g. cv_w, theil_t)\n"
    "      --lang LANG        zh (default) or en: titles, labels and names\n"
    "  -f, --format LIST      png (default), svg, pdf, comma-separated\n"
    "  -o, --output-dir DIR   where charts go (default .); created if missing\n"
    "      --keep-scripts     keep KIND-....gp and .dat beside each chart, to\n"
    "                         re-render by hand with `gnuplot FILE.gp`\n"
    "      --template-dir DIR templates (default: $JUNHENG_TEMPLATE_DIR, else\n"
    "                         ./plots, else plots/ next to or above the program)\n"
    "      --font FAMILY      font with CJK glyphs (default \"Noto Sans CJK SC\",\n"
    "                         Debian package fonts-noto-cjk)\n"
    "      --chart-timeout S  time limit per chart, seconds (default 60, 0 none):\n"
    "                         then gnuplot and all it started are killed\n"
    "      --weights W, --weights-base B, --ahp-accept-inconsistent\n"
    "                         county-ranking weighted as 'junheng rank' takes\n"
    "                         them (see 'junheng rank --help')\n"
    "      --weights-dir DIR  read the --weights files relative to DIR\n"
    "      --by COLUMN        group counties by any column (default prefecture)\n"
    "  -h, --help             show this help\n"
    "\n"
    "gnuplot runs without a shell; input names reach it only as data or quoted\n"
    "strings, never as commands.\n"
    "One gnuplot per thread (JUNHENG_THREADS) draws chart after chart.\n"
    "A chart is kept only when gnuplot finishes in time having written a complete\n"
    "PNG, SVG or PDF (checked, then renamed into place); a failed chart is a\n"
    "warning saying why.\n"
    "Exit 0 when every chart was drawn; 69 when gnuplot is not installed (data\n"
    "files and scripts are left in DIR); 70 when a chart could not be drawn.\n"
    "\n"
    "Example:\n"
    "  junheng plot all --data datasets/jilin/values.csv \\\n"
    "      --regions datasets/jilin/regions.csv \\\n"
    "      --indicators datasets/jilin/indicators.csv -o charts --format png,svg\n";

enum { OPT_LANG = CLI_OPT_FIRST_FREE + 40, OPT_KEEP, OPT_TEMPLATE_DIR, OPT_FONT, OPT_TIMEOUT,
       OPT_WEIGHTS, OPT_WEIGHTS_BASE, OPT_WEIGHTS_DIR, OPT_ACCEPT, OPT_BY };

enum kind {
    K_LORENZ = 1, K_TREND = 2, K_RANKING = 4, K_DISTRIBUTION = 8, K_HEATMAP = 16,
    K_URBAN_RURAL = 32, K_COUNTY_RANKING = 64, K_DECOMPOSITION = 128, K_TARGETS = 256,
    K_GROUP_GAP = 512
};

static const struct { const char *name; unsigned kinds; } kinds[] = {
    {"lorenz", K_LORENZ}, {"trend", K_TREND}, {"disparity-ranking", K_RANKING},
    {"distribution", K_DISTRIBUTION}, {"heatmap", K_HEATMAP},
    {"urban-rural", K_URBAN_RURAL}, {"county-ranking", K_COUNTY_RANKING},
    {"decomposition", K_DECOMPOSITION}, {"targets", K_TARGETS}, {"group-gap", K_GROUP_GAP},
    {"all", K_LORENZ | K_TREND | K_RANKING | K_DISTRIBUTION | K_HEATMAP | K_URBAN_RURAL |
            K_COUNTY_RANKING | K_DECOMPOSITION | K_TARGETS | K_GROUP_GAP},
};

struct opts {
    cli_data data;
    unsigned kinds;
    const char *ind_codes[64];  /* --indicator arguments */
    size_t n_ind_codes;
    int years[64];              /* --year arguments */
    size_t n_years;
    const char *index;          /* --index */
    const char *by;             /* --by COLUMN, or NULL */
    const char *lang;
    unsigned formats;
    const char *outdir;
    int keep;
    const char *template_dir;
    const char *font;
    double timeout;             /* --chart-timeout, seconds; 0: none */
    const char *weights;        /* --weights, read after the options */
    const char *weights_dir;    /* --weights-dir */
    int accept;                 /* --ahp-accept-inconsistent */
    jh_rank_opts rank;          /* the county-ranking's weighting */
    cli_weights files;          /* the weight files read; owned */
};

/* Everything one run needs while drawing. */
struct run {
    const struct opts *o;
    const jh_study *s;
    const jh_plot_tables *t;  /* the result tables the charts draw from */
    char template_dir[4096];
    char source_files[512];   /* data file names for the source line */
    int idx, weighted;        /* the index of trend and ranking */
    int missing_gnuplot;      /* gnuplot was not found */
    int failed;               /* exit code of the first failure */
    size_t drawn;             /* charts rendered */
    size_t not_drawn;         /* charts gnuplot failed on, or could not run for */
    struct plot_job *jobs;    /* charts waiting for gnuplot, in drawing order */
    size_t n_jobs, cap_jobs;
};

/* A chart whose data and script are written, waiting for gnuplot.  The
 * jobs run on several threads (gnuplot is most of the time of `plot all`);
 * their messages are printed afterwards in drawing order. */
struct plot_job {
    char name[256];           /* chart name, for messages */
    char base[4200];          /* DIR/NAME */
    char script[4400];        /* the script gnuplot runs (writes NAME.EXT.part) */
    char data[4300];          /* its data file */
    int rc;                   /* jh_gnuplot_run's status */
    jh_gnuplot_result res;    /* how gnuplot ended, its stderr */
};

static int parse_formats(const char *arg, unsigned *out)
{
    char buf[64];
    if (strlen(arg) >= sizeof buf)
        return -1;
    strcpy(buf, arg);
    *out = 0;
    for (char *save = NULL, *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        if (strcmp(t, "png") == 0) *out |= JH_PLOT_PNG;
        else if (strcmp(t, "svg") == 0) *out |= JH_PLOT_SVG;
        else if (strcmp(t, "pdf") == 0) *out |= JH_PLOT_PDF;
        else return -1;
    }
    return *out ? 0 : -1;
}

static int parse_args(int argc, char **argv, struct opts *o)
{
    static const struct option longopts[] = {
        CLI_DATA_LONGOPTS,
        {"indicator", required_argument, NULL, 'i'},
        {"index", required_argument, NULL, 'x'},
        {"lang", required_argument, NULL, OPT_LANG},
        {"format", required_argument, NULL, 'f'},
        {"output-dir", required_argument, NULL, 'o'},
        {"keep-scripts", no_argument, NULL, OPT_KEEP},
        {"template-dir", required_argument, NULL, OPT_TEMPLATE_DIR},
        {"font", required_argument, NULL, OPT_FONT},
        {"chart-timeout", required_argument, NULL, OPT_TIMEOUT},
        {"weights", required_argument, NULL, OPT_WEIGHTS},
        {"weights-base", required_argument, NULL, OPT_WEIGHTS_BASE},
        {"weights-dir", required_argument, NULL, OPT_WEIGHTS_DIR},
        {"ahp-accept-inconsistent", no_argument, NULL, OPT_ACCEPT},
        {"by", required_argument, NULL, OPT_BY},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":d:w:i:x:f:o:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'i':
            if (o->n_ind_codes == sizeof o->ind_codes / sizeof o->ind_codes[0])
                return cli_usage_error("plot", "too many --indicator options (at most 64)");
            o->ind_codes[o->n_ind_codes++] = optarg;
            break;
        case 'x': o->index = optarg; break;
        case OPT_LANG:
            if (strcmp(optarg, "zh") != 0 && strcmp(optarg, "en") != 0)
                return cli_usage_error("plot", "unknown language '%s' (expected zh or en)", optarg);
            o->lang = optarg;
            break;
        case 'f':
            if (parse_formats(optarg, &o->formats))
                return cli_usage_error("plot", "unknown format list '%s' (expected png, svg, pdf, "
                                       "comma-separated)", optarg);
            break;
        case 'o': o->outdir = optarg; break;
        case OPT_KEEP: o->keep = 1; break;
        case OPT_BY: o->by = optarg; break;
        case OPT_TEMPLATE_DIR: o->template_dir = optarg; break;
        case OPT_FONT: o->font = optarg; break;
        case OPT_WEIGHTS: o->weights = optarg; break;
        case OPT_WEIGHTS_DIR: o->weights_dir = optarg; break;
        case OPT_ACCEPT: o->accept = 1; break;
        case OPT_WEIGHTS_BASE:
            if (cli_weights_base_parse(optarg, &o->rank.weights_base))
                return cli_usage_error("plot", "invalid --weights-base '%s' (expected a year or "
                                       "pooled)", optarg);
            break;
        case OPT_TIMEOUT: {
            char *end;
            o->timeout = strtod(optarg, &end);
            /* At most a day: beyond that a limit protects nothing. */
            if (end == optarg || *end || !(o->timeout >= 0 && o->timeout <= 86400))
                return cli_usage_error("plot", "bad --chart-timeout '%s' (expected seconds, "
                                       "0 to 86400; 0: no limit)", optarg);
            break;
        }
        case 'h':
            fputs(help, stdout);
            cli_print_help(help_options);
            return -1;
        default: {
            /* --year is both the shared option (the year of a wide file
             * without a year column) and the year to chart. */
            if (c == CLI_OPT_YEAR) {
                if (o->n_years == sizeof o->years / sizeof o->years[0])
                    return cli_usage_error("plot", "too many --year options (at most 64)");
                o->years[o->n_years++] = atoi(optarg);
            }
            int rc = cli_common_option("plot", c, argv, &o->data);
            if (rc)
                return rc;
        }
        }
    }
    if (optind >= argc)
        return cli_usage_error("plot", "which chart? (lorenz, trend, disparity-ranking, "
                               "distribution, heatmap, urban-rural, county-ranking, "
                               "decomposition, targets, group-gap, all)");
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
        if (strcmp(argv[optind], kinds[k].name) == 0)
            o->kinds = kinds[k].kinds;
    if (!o->kinds)
        return cli_usage_error("plot", "unknown chart kind '%s' (expected lorenz, trend, "
                               "disparity-ranking, distribution, heatmap, urban-rural, "
                               "county-ranking, decomposition, targets, group-gap or all)",
                               argv[optind]);
    if (optind + 1 < argc)
        return cli_usage_error("plot", "unexpected argument '%s'", argv[optind + 1]);
    int code = cli_data_check("plot", &o->data);
    if (!code && o->weights)
        code = cli_weights_parse(o->weights, "plot", o->weights_dir, &o->rank, &o->files);
    o->rank.subj.accept_inconsistent = o->accept;
    return code;
}

static int file_exists(const char *dir, const char *name)
{
    char path[4200];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return stat(path, &st) == 0;
}

/* The template directory: the option, the environment, ./plots, or plots/
 * beside or above the program (build trees and installs). */
static int find_templates(const struct opts *o, char *dir, size_t cap)
{
    const char *env = getenv("JUNHENG_TEMPLATE_DIR");
    if (o->template_dir || (env && *env)) {
        snprintf(dir, cap, "%s", o->template_dir ? o->template_dir : env);
        return 0;
    }
    if (file_exists("plots", "lorenz.gp")) {
        snprintf(dir, cap, "plots");
        return 0;
    }
    char exe[4096];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (len > 0) {
        exe[len] = '\0';
        static const char *const rel[] = {"plots", "../plots", "../share/junheng/plots"};
        char *slash = strrchr(exe, '/');
        if (slash)
            *slash = '\0';
        for (size_t k = 0; k < 3; k++) {
            if (snprintf(dir, cap, "%s/%s", exe, rel[k]) < (int)cap &&
                file_exists(dir, "lorenz.gp"))
                return 0;
        }
    }
#ifdef JUNHENG_PLOT_DIR
    snprintf(dir, cap, "%s", JUNHENG_PLOT_DIR);
    return 0;
#else
    return -1;
#endif
}

/* Appends "-" and the file-name piece of piece (jh_plot_file_piece: a
 * hostile or Chinese code can neither leave DIR nor collide). */
static void put_piece(char *dst, size_t cap, const char *piece)
{
    char part[300];
    jh_plot_file_piece(piece, part, sizeof part);
    size_t len = strlen(dst);
    snprintf(dst + len, cap > len ? cap - len : 0, "-%s", part);
}

static void remove_outputs(const char *base, unsigned formats, const char *suffix)
{
    static const jh_plot_format fmts[] = {JH_PLOT_PNG, JH_PLOT_SVG, JH_PLOT_PDF};
    char path[4200];
    for (size_t k = 0; k < 3; k++)
        if (formats & fmts[k]) {
            if (snprintf(path, sizeof path, "%s.%s%s", base, jh_plot_format_ext(fmts[k]),
                         suffix) < (int)sizeof path)
                unlink(path);
        }
}

static int write_script(struct run *r, jh_plot_chart *c, const char *path)
{
    char *text = NULL;
    jh_outfile out;
    if (jh_plot_script(c, &text) != JH_OK)
        return EX_SOFTWARE;
    if (jh_outfile_open(&out, path) != JH_OK) {
        free(text);
        fprintf(stderr, "junheng: %s: cannot create file\n", path);
        return EX_CANTCREAT;
    }
    fputs(text, out.f);
    free(text);
    if (jh_outfile_commit(&out) != JH_OK) {
        fprintf(stderr, "junheng: %s: write error\n", path);
        return EX_IOERR;
    }
    (void)r;
    return EX_OK;
}

static int queue_job(struct run *r, const char *name, const char *base, const char *script,
                     const char *data)
{
    if (r->n_jobs == r->cap_jobs) {
        size_t cap = r->cap_jobs ? 2 * r->cap_jobs : 64;
        struct plot_job *j = realloc(r->jobs, cap * sizeof *j);
        if (!j)
            return EX_OSERR;
        r->jobs = j;
        r->cap_jobs = cap;
    }
    struct plot_job *j = &r->jobs[r->n_jobs++];
    snprintf(j->name, sizeof j->name, "%s", name);
    snprintf(j->base, sizeof j->base, "%s", base);
    snprintf(j->script, sizeof j->script, "%s", script);
    snprintf(j->data, sizeof j->data, "%s", data);
    j->rc = JH_OK;
    memset(&j->res, 0, sizeof j->res);
    return EX_OK;
}

/* Whether an executable gnuplot is on PATH (what posix_spawnp will find). */
static int gnuplot_on_path(void)
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
 * done for the progress line. */
struct job_queue {
    pthread_mutex_t lock;
    struct plot_job *jobs;
    size_t n, next, done;
    size_t files_per_job;     /* formats: the progress line counts files */
    FILE *progress;           /* the terminal, or NULL: no progress line */
    const char *prefix;       /* what the progress line starts with */
    int per_chart;            /* one gnuplot process per chart (no workers) */
    double timeout;
};

/* Takes the next job (NULL: none left) after counting the one just done. */
static struct plot_job *next_job(struct job_queue *q, int finished)
{
    pthread_mutex_lock(&q->lock);
    struct plot_job *j = q->next < q->n ? &q->jobs[q->next++] : NULL;
    if (finished) {
        q->done++;
        if (q->progress) {
            fprintf(q->progress, "\r\033[K%s charts %zu/%zu", q->prefix,
                    q->done * q->files_per_job, q->n * q->files_per_job);
            fflush(q->progress);
        }
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
    for (struct plot_job *j = next_job(q, 0); j; j = next_job(q, 1)) {
        if (w)
            j->rc = jh_gnuplot_worker_draw(w, j->script, q->timeout, &j->res);
        else
            j->rc = jh_gnuplot_run(NULL, j->script, q->timeout, &j->res);
    }
    jh_gnuplot_worker_free(w);
    return NULL;
}

/* Where the progress line goes: the terminal `junheng run` hands over
 * (JUNHENG_PROGRESS_FD, with its step label as JUNHENG_PROGRESS_PREFIX),
 * else stderr when it is a terminal, else nowhere (NULL). */
static FILE *progress_line(const char **prefix)
{
    const char *fd = getenv("JUNHENG_PROGRESS_FD"), *pre = getenv("JUNHENG_PROGRESS_PREFIX");
    if (fd && *fd) {
        int dup_fd = dup(atoi(fd));
        FILE *f = dup_fd >= 0 ? fdopen(dup_fd, "w") : NULL;
        if (!f && dup_fd >= 0)
            close(dup_fd);
        if (f && pre)
            *prefix = pre;
        return f;
    }
    return isatty(2) ? stderr : NULL;
}

/* Runs the queued gnuplot jobs on JUNHENG_THREADS threads (default: the
 * processors online, at most 8), each with a gnuplot of its own;
 * JUNHENG_PLOT_WORKERS=0 starts one gnuplot per chart instead (slower, the
 * same files: for comparison). */
static void run_jobs(struct run *r)
{
    const char *env = getenv("JUNHENG_THREADS"), *per = getenv("JUNHENG_PLOT_WORKERS");
    long t = env && *env ? strtol(env, NULL, 10) : sysconf(_SC_NPROCESSORS_ONLN);
    size_t nt = t < 1 ? 1 : t > 8 ? 8 : (size_t)t, started = 1, files = 0;
    pthread_t tid[8];
    for (unsigned f = r->o->formats; f; f >>= 1)
        files += f & 1;
    struct job_queue q = {.lock = PTHREAD_MUTEX_INITIALIZER, .jobs = r->jobs, .n = r->n_jobs,
                          .files_per_job = files, .prefix = "junheng: plot:",
                          .per_chart = per && strcmp(per, "0") == 0, .timeout = r->o->timeout};
    FILE *tty = progress_line(&q.prefix);
    q.progress = r->n_jobs ? tty : NULL;
    if (nt > r->n_jobs)
        nt = r->n_jobs ? r->n_jobs : 1;
    for (size_t k = 1; k < nt; k++, started++)
        if (pthread_create(&tid[k], NULL, draw_jobs, &q) != 0)
            break;
    draw_jobs(&q);
    for (size_t k = 1; k < started; k++)
        pthread_join(tid[k], NULL);
    if (q.progress) {
        fputs(tty == stderr ? "\r\033[K" : "", tty);
        fflush(tty);
    }
    if (tty && tty != stderr)
        fclose(tty);
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
static void gnuplot_failure(const struct plot_job *j, double timeout, char *buf, size_t cap)
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
static int check_outputs(const struct run *r, const struct plot_job *j, char *buf, size_t cap)
{
    static const jh_plot_format fmts[] = {JH_PLOT_PNG, JH_PLOT_SVG, JH_PLOT_PDF};
    char part[4400];
    for (size_t k = 0; k < 3; k++) {
        const char *why;
        if (!(r->o->formats & fmts[k]))
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
static int rename_outputs(const struct run *r, const struct plot_job *j, char *buf, size_t cap)
{
    static const jh_plot_format fmts[] = {JH_PLOT_PNG, JH_PLOT_SVG, JH_PLOT_PDF};
    char from[4400], to[4300];
    for (size_t k = 0; k < 3; k++)
        if (r->o->formats & fmts[k]) {
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

/* Whether the disk holding dir is (nearly) full: gnuplot exits 0 with an
 * empty or cut-short file when it is, so a bad chart there is an I/O
 * error (74), not gnuplot's (less than 1 MiB left counts as full). */
static int disk_full(const char *dir)
{
    struct statvfs v;
    return statvfs(dir, &v) == 0 && (double)v.f_bavail * (double)v.f_frsize < 1048576.0;
}

/* After the jobs: the charts checked and renamed into place, a warning for
 * each chart that failed, in drawing order. */
static void finish_jobs(struct run *r)
{
    const struct opts *o = r->o;
    char why[2048];
    for (size_t i = 0; i < r->n_jobs; i++) {
        struct plot_job *j = &r->jobs[i];
        int bad = 0;
        if (j->rc != JH_OK) {
            gnuplot_failure(j, o->timeout, why, sizeof why);
            bad = 1;
        } else {
            bad = check_outputs(r, j, why, sizeof why) || rename_outputs(r, j, why, sizeof why);
        }
        if (bad && disk_full(o->outdir)) {
            size_t len = strlen(why);
            snprintf(why + len, sizeof why - len, "; no space left on the disk of %s", o->outdir);
            r->failed = r->failed ? r->failed : EX_IOERR;
        }
        if (bad) {
            remove_outputs(j->base, o->formats, ".part");
            fprintf(stderr, "junheng: warning: %s: not drawn: %s\n", j->name, why);
            r->not_drawn++;
        } else {
            r->drawn++;
        }
        unlink(j->script);
        if (!o->keep)
            unlink(j->data);
    }
}

/* Draws one chart: base is DIR/NAME; fill writes the data and the spec. */
typedef int (*fill_fn)(FILE *f, struct run *r, const void *arg, jh_plot_spec *sp);

static void draw(struct run *r, const char *kind, const char *name, fill_fn fill,
                 const void *arg, const char *source_year)
{
    const struct opts *o = r->o;
    char base[4200], data_path[4300], script[4300], tmpl[4300];
    snprintf(base, sizeof base, "%s/%s", o->outdir, name);
    snprintf(data_path, sizeof data_path, "%s.dat", base);
    snprintf(script, sizeof script, "%s.gp", base);
    jh_plot_spec sp;
    jh_plot_spec_init(&sp);
    jh_outfile out;
    if (jh_outfile_open(&out, data_path) != JH_OK) {
        fprintf(stderr, "junheng: %s: cannot create file\n", data_path);
        r->failed = r->failed ? r->failed : EX_CANTCREAT;
        return;
    }
    int rc = fill(out.f, r, arg, &sp);
    /* The fill may pick another template (few distinct values). */
    snprintf(tmpl, sizeof tmpl, "%s/%s.gp", r->template_dir, sp.kind ? sp.kind : kind);
    if (rc != JH_OK) {
        jh_outfile_abort(&out);
        jh_plot_spec_clear(&sp);
        if (rc == JH_EEMPTY)
            fprintf(stderr, "junheng: warning: %s: nothing to draw, skipped\n", name);
        else if (rc == JH_PLOT_TOO_MANY_ROWS)
            fprintf(stderr, "junheng: warning: %s: more than %d indicators, or more than %d "
                    "counties in more than %d groups: too large for one chart, skipped "
                    "(choose indicators with --indicators-only, group counties with "
                    "--by COLUMN)\n",
                    name, JH_PLOT_MAX_COLS, JH_PLOT_MAX_ROWS, JH_PLOT_MAX_ROWS);
        else
            r->failed = r->failed ? r->failed : cli_exit_code(rc);
        return;
    }
    if (jh_outfile_commit(&out) != JH_OK) {
        fprintf(stderr, "junheng: %s: write error\n", data_path);
        r->failed = r->failed ? r->failed : EX_IOERR;
        jh_plot_spec_clear(&sp);
        return;
    }
    int en = strcmp(o->lang, "en") == 0;
    jh_plot_spec_text(&sp, "DATA", "%s", data_path);
    jh_plot_spec_text(&sp, "SOURCE", en ? "Source: %s, %s; junheng" : "资料来源：%s，%s；junheng 绘制",
                      r->source_files, source_year);
    jh_plot_chart c = {
        .name = name, .template_path = tmpl, .out_base = base, .out_suffix = ".part",
        .formats = o->formats, .font = o->font, .width = 1600,
        .height = sp.height ? sp.height : 1000,
        .vars = sp.vars, .n_vars = sp.n_vars, .arrays = sp.arrays, .n_arrays = sp.n_arrays,
    };
    if (sp.failed) {
        fputs("junheng: out of memory\n", stderr);
        r->failed = r->failed ? r->failed : EX_OSERR;
        jh_plot_spec_clear(&sp);
        return;
    }
    /* gnuplot runs the script with the .part suffix later (run_jobs); with
     * --keep-scripts, or without gnuplot, the script left at NAME.gp writes
     * the charts themselves. */
    char render[4400];
    int code;
    if (r->missing_gnuplot) {
        c.out_suffix = NULL;
        code = write_script(r, &c, script);
        if (!code) {
            fprintf(stderr, "junheng: warning: %s: not drawn: gnuplot not found\n", name);
            r->not_drawn++;
        }
    } else {
        snprintf(render, sizeof render, "%s.render.gp", base);
        code = write_script(r, &c, render);
        if (!code && o->keep) {
            c.out_suffix = NULL;
            code = write_script(r, &c, script);
        }
        if (!code)
            code = queue_job(r, name, base, render, data_path);
    }
    if (code)
        r->failed = r->failed ? r->failed : code;
    jh_plot_spec_clear(&sp);
}

/* ---- the chart kinds ------------------------------------------------ */

struct one { size_t ind, year; const size_t *years; size_t n_years;
             const size_t *inds; size_t n_inds; };

static int fill_lorenz(FILE *f, struct run *r, const void *arg, jh_plot_spec *sp)
{
    const struct one *a = arg;
    return jh_plot_lorenz(f, r->s, r->t, a->ind, a->years, a->n_years, r->o->lang, sp);
}
static int fill_trend(FILE *f, struct run *r, const void *arg, jh_plot_spec *sp)
{
    const struct one *a = arg;
    return jh_plot_trend(f, r->s, r->t, a->inds, a->n_inds, r->idx, r->weighted, r->o->lang, sp);
}
static int fill_ranking(FILE *f, struct run *r, const void *arg, jh_plot_spec *sp)
{
    const struct one *a = arg;
    return jh_plot_ranking(f, r->s, r->t, a->year, r->idx, r->weighted, r->o->lang, sp);
}
static int fill_distribution(FILE *f, struct run *r, const void *arg, jh_plot_spec *sp)
{
    const struct one *a = arg;
    return jh_plot_distribution(f, r->s, a->ind, a->year, r->o->lang, sp);
}
static int fill_heatmap(FILE *f, struct run *r, const void *arg, jh_plot_spec *sp)
{
    const struct one *a = arg;
    return jh_plot_heatmap(f, r->s, a->year, r->o->lang, sp);
}
static int fill_density(FILE *f, struct run *r, const void *arg, jh_plot_spec *sp)
{
    const struct one *a = arg;
    return jh_plot_density(f, r->s, r->t, a->ind, a->years, a->n_years, r->o->lang, sp);
}
static int fill_urban_rural(FILE *f, struct run *r, const void *arg, jh_plot_spec *sp)
{
    const struct one *a = arg;
    return jh_plot_urban_rural(f, r->s, r->t, a->ind, a->year, r->o->lang, sp);
}
static int fill_county_ranking(FILE *f, struct run *r, const void *arg, jh_plot_spec *sp)
{
    const struct one *a = arg;
    return jh_plot_county_ranking(f, r->s, r->t, a->year, r->o->lang, &r->o->rank, sp);
}
static int fill_decomposition(FILE *f, struct run *r, const void *arg, jh_plot_spec *sp)
{
    const struct one *a = arg;
    return jh_plot_decomposition(f, r->s, r->t, a->year, r->o->lang, sp);
}
static int fill_targets(FILE *f, struct run *r, const void *arg, jh_plot_spec *sp)
{
    const struct one *a = arg;
    return jh_plot_targets(f, r->s, r->t, a->year, r->o->lang, sp);
}

/* A group of people and its comparison (stratum positions) in a year. */
struct pair_arg { size_t ind, year, a, b; };

static int fill_group_gap(FILE *f, struct run *r, const void *arg, jh_plot_spec *sp)
{
    const struct pair_arg *a = arg;
    return jh_plot_strata_gap(f, r->s, r->t, a->ind, a->year, a->a, a->b, r->o->lang, sp);
}

/* Whether indicator ind has a finite value in both strata u and ru (positions)
 * of the year for some region: only then is there a two-panel chart of it
 * (others would only print a "nothing to draw" warning). */
static int has_both(const jh_dataset *d, size_t ind, size_t year, size_t u, size_t ru)
{
    if (u == JH_NONE || ru == JH_NONE)
        return 0;
    const double *a = jh_dataset_slice(d, ind, year, u), *b = jh_dataset_slice(d, ind, year, ru);
    for (size_t r = 0; r < d->regions.n; r++)
        if (isfinite(a[r]) && isfinite(b[r]))
            return 1;
    return 0;
}

static int has_urban_rural(const jh_study *s, size_t ind, size_t year)
{
    const jh_dataset *d = s->data;
    return has_both(d, ind, year, jh_dataset_stratum_pos(d, JH_STRATUM_URBAN),
                    jh_dataset_stratum_pos(d, JH_STRATUM_RURAL));
}

/* One chart per group of people and its comparison (the strata catalog's
 * pairs of dimension group) and indicator both have values of in year y. */
static void draw_group_gaps(struct run *r, const size_t *inds, size_t n_inds, size_t y,
                            const char *num)
{
    const jh_dataset *d = r->s->data;
    size_t pair[64][2], n = jh_strata_pairs(d, "group", pair, 64);
    char name[600];
    for (size_t p = 0; p < n && p < 64; p++)
        for (size_t k = 0; k < n_inds; k++) {
            if (!has_both(d, inds[k], y, pair[p][0], pair[p][1]))
                continue;
            struct pair_arg a = {inds[k], y, pair[p][0], pair[p][1]};
            snprintf(name, sizeof name, "group-gap");
            put_piece(name, sizeof name, jh_dataset_stratum_name(d, pair[p][0]));
            put_piece(name, sizeof name, jh_dataset_stratum_name(d, pair[p][1]));
            put_piece(name, sizeof name, d->indicators.str[inds[k]]);
            put_piece(name, sizeof name, num);
            draw(r, "urban-rural", name, fill_group_gap, &a, num);
        }
}

/* Indicators charted by default: county scope, with a direction. */
static int charted(const jh_study *s, size_t i)
{
    const jh_indicator *e = jh_study_indicator(s, i);
    return jh_study_direction(s, i) != JH_DIRECTION_NEUTRAL &&
           !(e && e->scope == JH_SCOPE_PROVINCE);
}

static void draw_all(struct run *r, const size_t *inds, size_t n_inds,
                     const size_t *years, size_t n_years, int explicit_inds)
{
    const struct opts *o = r->o;
    const jh_study *s = r->s;
    const jh_dataset *d = s->data;
    char name[600], yr[300];
    const char *ixname = jh_index_name((jh_index_id)r->idx, r->weighted);
    size_t last = n_years ? years[n_years - 1] : d->n_years - 1;
    size_t lorenz_years[64];
    size_t n_ly = 0;
    if (n_years) {
        for (size_t k = 0; k < n_years; k++)
            lorenz_years[n_ly++] = years[k];
    } else {
        lorenz_years[n_ly++] = 0;
        if (d->n_years > 1)
            lorenz_years[n_ly++] = d->n_years - 1;
    }
    if (o->kinds & K_LORENZ)
        for (size_t k = 0; k < n_inds; k++) {
            struct one a = {.ind = inds[k], .years = lorenz_years, .n_years = n_ly};
            snprintf(name, sizeof name, "lorenz");
            put_piece(name, sizeof name, d->indicators.str[inds[k]]);
            yr[0] = '\0';
            for (size_t y = 0; y < n_ly; y++) {
                char num[16];
                snprintf(num, sizeof num, "%d", d->years[lorenz_years[y]]);
                put_piece(name, sizeof name, num);
                snprintf(yr + strlen(yr), sizeof yr - strlen(yr), "%s%s", y ? "/" : "", num);
            }
            draw(r, "lorenz", name, fill_lorenz, &a, yr);
        }
    /* Densities: every year of the data, or each --year when two or more are
     * given (one --year is the box plots' year and would give one curve). */
    size_t dens_years[64];
    size_t n_dy = 0;
    if (n_years >= 2) {
        for (size_t k = 0; k < n_years; k++)
            dens_years[n_dy++] = years[k];
    } else {
        for (size_t y = 0; y < d->n_years && n_dy < 64; y++)
            dens_years[n_dy++] = y;
    }
    if (o->kinds & K_DISTRIBUTION)
        for (size_t k = 0; k < n_inds; k++) {
            struct one a = {.ind = inds[k], .years = dens_years, .n_years = n_dy};
            char num[16];
            snprintf(name, sizeof name, "distribution");
            put_piece(name, sizeof name, d->indicators.str[inds[k]]);
            yr[0] = '\0';
            for (size_t y = 0; y < n_dy; y++) {
                if (n_years < 2 && y > 0 && y + 1 < n_dy)
                    continue; /* all years: the name gives the first and last */
                snprintf(num, sizeof num, "%d", d->years[dens_years[y]]);
                put_piece(name, sizeof name, num);
                snprintf(yr + strlen(yr), sizeof yr - strlen(yr), "%s%s",
                         !y ? "" : n_years < 2 ? "-" : "/", num);
            }
            if (n_dy < 2)
                continue; /* one year: its box plot says it all */
            draw(r, "distribution-density", name, fill_density, &a, yr);
        }
    snprintf(yr, sizeof yr, "%d-%d", d->years[0], d->years[d->n_years - 1]);
    if (o->kinds & K_TREND) {
        if (explicit_inds) {
            struct one a = {.inds = inds, .n_inds = n_inds};
            snprintf(name, sizeof name, "trend");
            put_piece(name, sizeof name, ixname);
            draw(r, "trend", name, fill_trend, &a, yr);
        } else {
            /* One chart per domain, in order of first appearance. */
            size_t *sel = malloc((n_inds ? n_inds : 1) * sizeof *sel);
            int *done = calloc(n_inds ? n_inds : 1, sizeof *done);
            for (size_t k = 0; sel && done && k < n_inds; k++) {
                if (done[k])
                    continue;
                const char *dom = jh_study_domain(s, inds[k]);
                size_t m = 0;
                for (size_t j = k; j < n_inds; j++)
                    if (!done[j] && strcmp(jh_study_domain(s, inds[j]), dom) == 0) {
                        done[j] = 1;
                        sel[m++] = inds[j];
                    }
                struct one a = {.inds = sel, .n_inds = m};
                snprintf(name, sizeof name, "trend");
                put_piece(name, sizeof name, ixname);
                put_piece(name, sizeof name, dom[0] ? dom : "other");
                draw(r, "trend", name, fill_trend, &a, yr);
            }
            free(sel);
            free(done);
        }
    }
    size_t one_year[1] = {last};
    const size_t *ys = n_years ? years : one_year;
    size_t nys = n_years ? n_years : 1;
    for (size_t y = 0; y < nys; y++) {
        char num[16];
        snprintf(num, sizeof num, "%d", d->years[ys[y]]);
        if (o->kinds & K_RANKING) {
            struct one a = {.year = ys[y]};
            snprintf(name, sizeof name, "disparity-ranking");
            put_piece(name, sizeof name, ixname);
            put_piece(name, sizeof name, num);
            draw(r, "disparity-ranking", name, fill_ranking, &a, num);
        }
        if (o->kinds & K_DISTRIBUTION)
            for (size_t k = 0; k < n_inds; k++) {
                struct one a = {.ind = inds[k], .year = ys[y]};
                snprintf(name, sizeof name, "distribution");
                put_piece(name, sizeof name, d->indicators.str[inds[k]]);
                put_piece(name, sizeof name, num);
                draw(r, "distribution", name, fill_distribution, &a, num);
            }
        if (o->kinds & K_HEATMAP) {
            struct one a = {.year = ys[y]};
            snprintf(name, sizeof name, "heatmap");
            put_piece(name, sizeof name, num);
            draw(r, "heatmap", name, fill_heatmap, &a, num);
        }
        if (o->kinds & K_URBAN_RURAL)
            for (size_t k = 0; k < n_inds; k++) {
                if (!has_urban_rural(s, inds[k], ys[y])) {
                    if (explicit_inds)
                        fprintf(stderr, "junheng: warning: urban-rural-%s-%s: no urban and "
                                "rural values, skipped\n", d->indicators.str[inds[k]], num);
                    continue;
                }
                struct one a = {.ind = inds[k], .year = ys[y]};
                snprintf(name, sizeof name, "urban-rural");
                put_piece(name, sizeof name, d->indicators.str[inds[k]]);
                put_piece(name, sizeof name, num);
                draw(r, "urban-rural", name, fill_urban_rural, &a, num);
            }
        if (o->kinds & K_GROUP_GAP)
            draw_group_gaps(r, inds, n_inds, ys[y], num);
        if (o->kinds & K_COUNTY_RANKING) {
            struct one a = {.year = ys[y]};
            snprintf(name, sizeof name, "county-ranking");
            put_piece(name, sizeof name, num);
            draw(r, "county-ranking", name, fill_county_ranking, &a, num);
        }
        if (o->kinds & K_DECOMPOSITION) {
            struct one a = {.year = ys[y]};
            snprintf(name, sizeof name, "decomposition");
            put_piece(name, sizeof name, num);
            draw(r, "decomposition", name, fill_decomposition, &a, num);
        }
        if (o->kinds & K_TARGETS) {
            struct one a = {.year = ys[y]};
            snprintf(name, sizeof name, "targets");
            put_piece(name, sizeof name, num);
            draw(r, "targets", name, fill_targets, &a, num);
        }
    }
}

/* The result tables the charts of o read, each computed once (years: the
 * years charted, the last when none is given). */
static int compute_tables(const struct opts *o, const jh_study *s, const size_t *years,
                          size_t n_years, plot_tables *t)
{
    size_t last = s->data->n_years - 1;
    /* the densities: of each --year when two or more are given (draw_all) */
    plot_tables_opts po = {.rank = &o->rank, .years = n_years ? years : &last,
                           .n_years = n_years ? n_years : 1,
                           .dens_years = n_years >= 2 ? years : NULL, .n_dens_years = n_years};
    po.need = (o->kinds & (K_LORENZ | K_TREND | K_RANKING) ? PLOT_T_INDICES : 0) |
              (o->kinds & K_DECOMPOSITION ? PLOT_T_DECOMPOSE : 0) |
              (o->kinds & K_URBAN_RURAL ? PLOT_T_UR : 0) |
              (o->kinds & K_GROUP_GAP ? PLOT_T_GAPS : 0) |
              (o->kinds & K_COUNTY_RANKING ? PLOT_T_RANK_COUNTY : 0) |
              (o->kinds & K_TARGETS ? PLOT_T_TARGETS : 0) |
              (o->kinds & K_DISTRIBUTION ? PLOT_T_DENSITY : 0);
    /* The analyses' warnings are their own commands' (and the run's) to
     * give: a chart says only what it could not draw. */
    jh_diag diag;
    jh_diag_init(&diag, 1);
    int rc = plot_tables_compute(s, &po, NULL, t, &diag);
    jh_diag_clear(&diag);
    return rc ? cli_exit_code(rc) : EX_OK;
}

static int run_plots(const struct opts *o, const jh_study *s)
{
    const jh_dataset *d = s->data;
    struct run r = {.o = o, .s = s};
    if (find_templates(o, r.template_dir, sizeof r.template_dir) ||
        !file_exists(r.template_dir, "lorenz.gp")) {
        fprintf(stderr, "junheng: plot: no chart templates (plots/*.gp) found%s%s; "
                "give --template-dir DIR\n", o->template_dir ? " in " : "",
                o->template_dir ? o->template_dir : "");
        return EX_NOINPUT;
    }
    jh_index_id id;
    if (jh_index_lookup(o->index, &id, &r.weighted) != JH_OK || id == JH_IX_N)
        return cli_usage_error("plot", "unknown index '%s' (see 'junheng indices --help')", o->index);
    r.idx = (int)id;
    for (size_t k = 0; k < d->n_files; k++) {
        const char *b = strrchr(d->files[k], '/');
        b = b ? b + 1 : d->files[k];
        size_t len = strlen(r.source_files);
        snprintf(r.source_files + len, sizeof r.source_files - len, "%s%s", k ? ", " : "", b);
    }
    size_t years[64], n_years = 0;
    for (size_t k = 0; k < o->n_years; k++) {
        size_t y = 0;
        while (y < d->n_years && d->years[y] != o->years[k])
            y++;
        if (y == d->n_years || !d->n_years)
            return cli_usage_error("plot", "no data for year %d", o->years[k]);
        years[n_years++] = y;
    }
    size_t *inds = malloc((d->indicators.n + 64) * sizeof *inds), n_inds = 0;
    if (!inds)
        return EX_OSERR;
    for (size_t k = 0; k < o->n_ind_codes; k++) {
        size_t i = jh_intern_find(&d->indicators, o->ind_codes[k]);
        if (i == (size_t)-1 && s->indicators) {
            size_t e = jh_indicator_catalog_find(s->indicators, o->ind_codes[k]);
            if (e != JH_CATALOG_NONE)
                i = jh_intern_find(&d->indicators, s->indicators->ind[e].code);
        }
        if (i == (size_t)-1) {
            free(inds);
            return cli_no_indicator("plot", s, o->ind_codes[k]);
        }
        inds[n_inds++] = i;
    }
    if (!n_inds)
        for (size_t i = 0; i < d->indicators.n; i++)
            if (charted(s, i))
                inds[n_inds++] = i;
    if (!d->n_years || !d->regions.n) {
        free(inds);
        fputs("junheng: plot: the data have no values\n", stderr);
        return EX_DATAERR;
    }
    if (mkdir(o->outdir, 0777) != 0) {
        struct stat st;
        if (stat(o->outdir, &st) != 0 || !S_ISDIR(st.st_mode)) {
            free(inds);
            fprintf(stderr, "junheng: %s: cannot create directory\n", o->outdir);
            return EX_CANTCREAT;
        }
    }
    r.missing_gnuplot = !gnuplot_on_path();
    plot_tables tables;
    int code = compute_tables(o, s, years, n_years, &tables);
    if (code) {
        free(inds);
        return code;
    }
    r.t = &tables.view;
    draw_all(&r, inds, n_inds, years, n_years, o->n_ind_codes > 0);
    plot_tables_free(&tables);
    free(inds);
    run_jobs(&r);
    finish_jobs(&r);
    free(r.jobs);
    if (r.missing_gnuplot) {
        fprintf(stderr, "junheng: gnuplot not found: install it (Debian: apt-get install "
                "gnuplot-nox fonts-noto-cjk); the data files and scripts are in %s, "
                "render each with 'gnuplot FILE.gp'\n", o->outdir);
        return EX_UNAVAILABLE;
    }
    if (r.not_drawn) {
        fprintf(stderr, "junheng: plot: %zu of %zu chart%s not drawn (warnings above)\n",
                r.not_drawn, r.not_drawn + r.drawn, r.not_drawn + r.drawn == 1 ? "" : "s");
        return r.failed ? r.failed : EX_SOFTWARE;
    }
    return r.failed;
}

/* --by names a column the counties are grouped by: checked once, so that
 * a typing error is one message and not a chart without colours. */
static int check_by(jh_study *s, const char *by)
{
    size_t *group_of = malloc((s->data->regions.n ? s->data->regions.n : 1) * sizeof *group_of);
    jh_intern names;
    jh_diag diag;
    jh_intern_init(&names);
    jh_diag_init(&diag, 4);
    int rc = group_of ? jh_study_groups(s, by, group_of, &names, &diag) : JH_ENOMEM;
    cli_print_diag(&diag);
    jh_diag_clear(&diag);
    jh_intern_clear(&names);
    free(group_of);
    s->group_by = by;
    return rc == JH_ENOTFOUND ? EX_USAGE : cli_exit_code(rc);
}

int cmd_plot(int argc, char **argv)
{
    struct opts o = {.index = "gini", .lang = "zh", .formats = JH_PLOT_PNG, .outdir = ".",
                     .font = "Noto Sans CJK SC", .timeout = 60};
    jh_study *s = NULL;
    if (cli_plot_map_kind(argc, argv))
        return cmd_plot_map(argc, argv);
    int code = parse_args(argc, argv, &o);
    if (code) {
        cli_weights_free(&o.files);
        free(o.data.files.path);
        return code < 0 ? EX_OK : code;
    }
    code = cli_load_study(&o.data, &s);
    if (!code && o.by)
        code = check_by(s, o.by);
    if (!code)
        code = run_plots(&o, s);
    jh_study_free(s);
    cli_weights_free(&o.files);
    free(o.data.files.path);
    return code;
}
