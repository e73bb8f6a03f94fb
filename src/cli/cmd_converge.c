/* junheng converge: are the gaps closing?  sigma- and beta-convergence,
 * kernel densities and Markov transitions of relative classes. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "junheng/converge.h"
#include "junheng/output.h"
#include "neighbor_source.h"

static const char help[] =
    "Usage: junheng converge --data FILE [--data FILE ...] [OPTIONS]\n"
    "\n"
    "Convergence of every indicator across counties over a period (the total\n"
    "stratum).  One table per run, chosen with --table:\n"
    "  trend    (default) sigma-convergence: OLS trend of each index on year:\n"
    "           slope, se, t, p, r2, percentage change first to last year, and a\n"
    "           verdict (converging / diverging / no significant trend at --level)\n"
    "  sigma    each index by year (cv, cv_w, gini, theil_t, sd_log by default)\n"
    "  beta     absolute beta-convergence: OLS of g = ln(x_T/x_0)/T on ln x_0;\n"
    "           beta, se, t, p, r2, speed lambda = -ln(1 + beta T)/T and\n"
    "           half-life ln 2/lambda (empty, with a note, when beta >= 0);\n"
    "           with --conditional COLUMN also prefecture (or any region catalog\n"
    "           column) fixed effects\n"
    "  density  Gaussian kernel density per year on a common grid\n"
    "  markov   transition probabilities between classes of relative values\n"
    "           (x / mean of the year) in consecutive years, pooled, with the\n"
    "           ergodic distribution; with --neighbors also the spatial Markov\n"
    "           matrices conditioned on the neighbours' class (lag_class)\n"
    "Formulas and references: docs/indices.md, \"Convergence\".\n"
    "\n"
    "Options:\n"
    "  -t, --table TABLE      trend, sigma, beta, density or markov\n"
    "      --from YEAR        first year (default: the first in the data)\n"
    "      --to YEAR          last year (default: the last in the data)\n"
    "  -i, --index LIST       sigma indices, comma-separated: any name of\n"
    "                         `junheng indices` (gini, cv, theil_t, ..., _w twins)\n"
    "                         and sd_log, sd_log_w (sd of ln x)\n"
    "      --level ALPHA      significance level of the verdict (default 0.05)\n"
    "      --weighted         weight beta by each county's first-year population\n"
    "      --conditional COL  beta with fixed effects of a region catalog\n"
    "                         column, e.g. prefecture (needs --regions)\n"
    "      --relative         densities of x / mean of the year\n"
    "      --bandwidth H      fixed bandwidth (default: Silverman's rule\n"
    "                         0.9 min(sd, IQR/1.34) n^-1/5 for each year)\n"
    "      --points N         density points per year (default 512)\n"
    "      --classes K        Markov quantile classes of the pooled relative\n"
    "                         values (default 5)\n"
    "      --breaks LIST      fixed upper bounds of relative classes instead,\n"
    "                         ascending, e.g. 0.8,0.95,1.05,1.2\n"
    CLI_NEIGHBOR_HELP
    "  -l, --layout LAYOUT    long (default, %.17g) or wide (%.10g; sigma one\n"
    "                         column per index, density one column per year,\n"
    "                         markov one row per matrix row)\n"
    "  -o, --output FILE      write to FILE (default: standard output); the file\n"
    "                         appears only when complete\n"
    "  -h, --help             show this help\n"
    "\n"
    "Example:\n"
    "  junheng converge --data datasets/jilin/values.csv \\\n"
    "      --regions datasets/jilin/regions.csv --table beta --conditional prefecture\n";

enum {
    OPT_FROM = CLI_OPT_FIRST_FREE, OPT_TO, OPT_LEVEL, OPT_WEIGHTED, OPT_CONDITIONAL,
    OPT_RELATIVE, OPT_BANDWIDTH, OPT_POINTS, OPT_CLASSES, OPT_BREAKS
};

struct opts {
    cli_data data;              /* shared data options */
    jh_converge_opts run;       /* what to compute */
    jh_layout layout;           /* long or wide */
    const char *output;         /* -o, or NULL for stdout */
    cli_neighbor_opts nb;       /* --neighbors or --boundaries */
    char *index_text;           /* copy of --index, split in place; owned */
    const char **index;         /* pointers into index_text; owned */
    double *breaks;             /* --breaks; owned */
};

static const char *const table_names[] = {"sigma", "trend", "beta", "density", "markov"};

/* Strict number: the whole text, finite. */
static int parse_double(const char *s, double *v)
{
    char *end;
    errno = 0;
    *v = strtod(s, &end);
    return end != s && *end == '\0' && errno == 0 && isfinite(*v) ? 0 : -1;
}

static int parse_long(const char *s, long lo, long hi, long *v)
{
    char *end;
    errno = 0;
    *v = strtol(s, &end, 10);
    return end != s && *end == '\0' && errno == 0 && *v >= lo && *v <= hi ? 0 : -1;
}

/* Splits a comma-separated list in place; returns the count or -1. */
static long split_list(char *text, const char **items, size_t max)
{
    size_t n = 0;
    for (char *p = text;;) {
        char *comma = strchr(p, ',');
        if (comma)
            *comma = '\0';
        if (n == max || *p == '\0')
            return -1;
        items[n++] = p;
        if (!comma)
            return (long)n;
        p = comma + 1;
    }
}

static int parse_breaks(const char *arg, struct opts *o)
{
    size_t max = 1;
    for (const char *p = arg; *p; p++)
        max += *p == ',';
    char *copy = strdup(arg);
    const char **items = malloc(max * sizeof *items);
    o->breaks = malloc(max * sizeof *o->breaks);
    long n = copy && items && o->breaks ? split_list(copy, items, max) : -1;
    int bad = n < 0;
    for (long i = 0; !bad && i < n; i++)
        bad = parse_double(items[i], &o->breaks[i]) || (i && !(o->breaks[i] > o->breaks[i - 1]));
    free(copy);
    free(items);
    if (bad)
        return cli_usage_error("converge", "--breaks '%s': expected ascending numbers "
                               "separated by commas", arg);
    o->run.breaks = o->breaks;
    o->run.n_breaks = (size_t)n;
    return EX_OK;
}

static int parse_index_list(const char *arg, struct opts *o)
{
    size_t max = 1;
    for (const char *p = arg; *p; p++)
        max += *p == ',';
    free(o->index_text);
    free(o->index);
    o->index_text = strdup(arg);
    o->index = malloc(max * sizeof *o->index);
    long n = o->index_text && o->index ? split_list(o->index_text, o->index, max) : -1;
    if (n < 0)
        return cli_usage_error("converge", "--index '%s': expected index names separated "
                               "by commas", arg);
    for (long i = 0; i < n; i++)
        if (!jh_converge_index_known(o->index[i]))
            return cli_usage_error("converge", "unknown index '%s'", o->index[i]);
    o->run.index = o->index;
    o->run.n_index = (size_t)n;
    return EX_OK;
}

static int own_option(int c, const char *arg, struct opts *o)
{
    double v;
    long l;
    switch (c) {
    case 't':
        for (size_t k = 0; k < sizeof table_names / sizeof *table_names; k++)
            if (!strcmp(arg, table_names[k])) {
                o->run.tables = 1u << k;
                return EX_OK;
            }
        return cli_usage_error("converge", "unknown table '%s' (expected trend, sigma, "
                               "beta, density or markov)", arg);
    case 'i':
        return parse_index_list(arg, o);
    case 'l': {
        int wide;
        if (cli_parse_layout("converge", arg, &wide))
            return EX_USAGE;
        o->layout = wide ? JH_LAYOUT_WIDE : JH_LAYOUT_LONG;
        return EX_OK;
    }
    case 'o': o->output = arg; return EX_OK;
    case OPT_FROM:
    case OPT_TO:
        if (parse_long(arg, 1, 9999, &l))
            return cli_usage_error("converge", "--%s '%s': expected a year",
                                   c == OPT_FROM ? "from" : "to", arg);
        *(c == OPT_FROM ? &o->run.from : &o->run.to) = (int)l;
        return EX_OK;
    case OPT_LEVEL:
        if (parse_double(arg, &v) || !(v > 0 && v < 1))
            return cli_usage_error("converge", "--level '%s': expected a number between 0 "
                                   "and 1", arg);
        o->run.level = v;
        return EX_OK;
    case OPT_WEIGHTED: o->run.weighted_beta = 1; return EX_OK;
    case OPT_CONDITIONAL: o->run.conditional = arg; return EX_OK;
    case OPT_RELATIVE: o->run.relative = 1; return EX_OK;
    case OPT_BANDWIDTH:
        if (parse_double(arg, &v) || !(v > 0))
            return cli_usage_error("converge", "--bandwidth '%s': expected a positive "
                                   "number", arg);
        o->run.bandwidth = v;
        return EX_OK;
    case OPT_POINTS:
        if (parse_long(arg, 2, 100000, &l))
            return cli_usage_error("converge", "--points '%s': expected 2 to 100000", arg);
        o->run.grid_points = (size_t)l;
        return EX_OK;
    case OPT_CLASSES:
        if (parse_long(arg, 2, 100, &l))
            return cli_usage_error("converge", "--classes '%s': expected 2 to 100", arg);
        o->run.classes = (size_t)l;
        return EX_OK;
    case OPT_BREAKS: return parse_breaks(arg, o);
    default: return cli_neighbor_option("converge", c, arg, &o->nb);
    }
}

static int parse_args(int argc, char **argv, struct opts *o)
{
    static const struct option longopts[] = {
        CLI_DATA_LONGOPTS,
        {"table", required_argument, NULL, 't'},
        {"index", required_argument, NULL, 'i'},
        {"layout", required_argument, NULL, 'l'},
        {"output", required_argument, NULL, 'o'},
        {"from", required_argument, NULL, OPT_FROM},
        {"to", required_argument, NULL, OPT_TO},
        {"level", required_argument, NULL, OPT_LEVEL},
        {"weighted", no_argument, NULL, OPT_WEIGHTED},
        {"conditional", required_argument, NULL, OPT_CONDITIONAL},
        {"relative", no_argument, NULL, OPT_RELATIVE},
        {"bandwidth", required_argument, NULL, OPT_BANDWIDTH},
        {"points", required_argument, NULL, OPT_POINTS},
        {"classes", required_argument, NULL, OPT_CLASSES},
        {"breaks", required_argument, NULL, OPT_BREAKS},
        CLI_NEIGHBOR_LONGOPTS,
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":d:w:t:i:l:o:h", longopts, NULL)) != -1) {
        if (c == 'h') {
            cli_print_help(help);
            return -1;
        }
        int rc = c == '?' || c == ':' ? -1 : own_option(c, optarg, o);
        if (rc < 0)
            rc = cli_common_option("converge", c, argv, &o->data);
        if (rc)
            return rc;
    }
    if (optind < argc)
        return cli_usage_error("converge", "unexpected argument '%s'", argv[optind]);
    if (o->run.breaks && o->run.classes)
        return cli_usage_error("converge", "--classes and --breaks exclude each other");
    if (o->run.from && o->run.to && o->run.to <= o->run.from)
        return cli_usage_error("converge", "--to %d is not after --from %d", o->run.to,
                               o->run.from);
    int rc = cli_neighbor_check("converge", &o->nb, 0);
    return rc ? rc : cli_data_check("converge", &o->data);
}

static int write_output(const struct opts *o, const jh_dataset *d, const jh_converge_table *c)
{
    jh_outfile out;
    if (cli_open_output(&out, o->output))
        return EX_CANTCREAT;
    jh_write_converge(out.f, d, c, &o->run, o->layout, o->data.csv);
    if (cli_commit_output(&out, o->output))
        return EX_IOERR;
    return EX_OK;
}

int cmd_converge(int argc, char **argv)
{
    struct opts o = {.layout = JH_LAYOUT_LONG, .run.tables = JH_CONVERGE_TREND,
                     .nb = CLI_NEIGHBOR_DEFAULTS};
    jh_study *s = NULL;
    jh_converge_table *c = NULL;
    size_t *na = NULL, *nb = NULL, nn = 0;
    jh_diag diag;
    int code = parse_args(argc, argv, &o);
    jh_diag_init(&diag, 20);
    if (!code)
        code = cli_load_study(&o.data, &s);
    if (!code && (o.nb.neighbors || o.nb.boundaries)) {
        code = cli_neighbor_pairs(&o.nb, s->data, &diag, &na, &nb, &nn);
        cli_print_diag(&diag); /* the source's messages before the analysis' */
        jh_diag_clear(&diag);
        jh_diag_init(&diag, 20);
        o.run.neighbor_a = na;
        o.run.neighbor_b = nb;
        o.run.n_neighbors = nn;
    }
    if (!code) {
        int rc = jh_converge_run(s, &o.run, &diag, &c);
        if (rc == JH_ENOMEM)
            jh_diag_add(&diag, JH_DIAG_ERROR, NULL, 0, 0, "out of memory");
        cli_print_diag(&diag);
        code = rc == JH_EINVAL || rc == JH_ENOTFOUND ? EX_USAGE : cli_exit_code(rc);
    }
    if (!code)
        code = write_output(&o, s->data, c);
    jh_diag_clear(&diag);
    jh_converge_table_free(c);
    jh_study_free(s);
    free(na);
    free(nb);
    free(o.index_text);
    free(o.index);
    free(o.breaks);
    free(o.data.files.path);
    return code < 0 ? EX_OK : code;
}
