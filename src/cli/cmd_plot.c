/* junheng plot KIND: charts for evaluation reports, drawn by gnuplot from
 * the templates in plots/ (see include/junheng/plot.h for how input text is
 * kept out of gnuplot's command text).  This file parses the options; the
 * charts are planned and drawn by plot_plan.c and plot_jobs.c, which the
 * annual run calls too (plot_draw.h). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "junheng/indices.h"
#include "junheng/plot.h"
#include "junheng/study.h"
#include "plot_draw.h"
#include "plot_map_cli.h"
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

enum { OPT_KEEP = CLI_OPT_FIRST_FREE + 40, OPT_TEMPLATE_DIR, OPT_WEIGHTS, OPT_WEIGHTS_BASE,
       OPT_WEIGHTS_DIR, OPT_ACCEPT, OPT_BY };

struct opts {
    cli_data data;
    cli_plot_opts plot;         /* what the planner gets (plot_draw.h) */
    const char *ind_codes[64];  /* --indicator arguments */
    size_t n_ind_codes;
    int years[64];              /* --year arguments */
    size_t n_years;
    const char *by;             /* --by COLUMN, or NULL */
    const char *weights;        /* --weights, read after the options */
    const char *weights_dir;    /* --weights-dir */
    int accept;                 /* --ahp-accept-inconsistent */
    jh_rank_counties_opts rank;          /* the county-ranking's weighting */
    cli_weights files;          /* the weight files read; owned */
};

/* --year is both the shared option (the year of a wide file without a
 * year column) and a year to chart. */
static int other_option(int c, char **argv, struct opts *o)
{
    int rc = cli_plot_output_option(c, optarg, &o->plot.out);
    if (rc >= 0)
        return rc;
    if (c == CLI_OPT_YEAR) {
        if (o->n_years == sizeof o->years / sizeof o->years[0])
            return cli_usage_error("plot", "too many --year options (at most 64)");
        o->years[o->n_years++] = atoi(optarg);
    }
    return cli_common_option("plot", c, argv, &o->data);
}

/* The chart kind, the last argument. */
static int parse_kind(int argc, char **argv, struct opts *o)
{
    char list[300];
    if (optind >= argc) {
        cli_chart_kind_list(list, sizeof list, ", ", ", ");
        return cli_usage_error("plot", "which chart? (%s)", list);
    }
    o->plot.kinds = cli_chart_kind_bits(argv[optind]);
    if (!o->plot.kinds) {
        cli_chart_kind_list(list, sizeof list, ", ", " or ");
        return cli_usage_error("plot", "unknown chart kind '%s' (expected %s)", argv[optind],
                               list);
    }
    if (optind + 1 < argc)
        return cli_usage_error("plot", "unexpected argument '%s'", argv[optind + 1]);
    return EX_OK;
}

static int parse_args(int argc, char **argv, struct opts *o)
{
    static const struct option longopts[] = {
        CLI_DATA_LONGOPTS,
        CLI_PLOT_LONGOPTS,
        {"index", required_argument, NULL, 'x'},
        {"keep-scripts", no_argument, NULL, OPT_KEEP},
        {"template-dir", required_argument, NULL, OPT_TEMPLATE_DIR},
        {"weights", required_argument, NULL, OPT_WEIGHTS},
        {"weights-base", required_argument, NULL, OPT_WEIGHTS_BASE},
        {"weights-dir", required_argument, NULL, OPT_WEIGHTS_DIR},
        {"ahp-accept-inconsistent", no_argument, NULL, OPT_ACCEPT},
        {"by", required_argument, NULL, OPT_BY},
        {NULL, 0, NULL, 0},
    };
    int c, rc;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":d:w:i:x:f:o:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'i':
            if (o->n_ind_codes == sizeof o->ind_codes / sizeof o->ind_codes[0])
                return cli_usage_error("plot", "too many --indicator options (at most 64)");
            o->ind_codes[o->n_ind_codes++] = optarg;
            break;
        case 'x': o->plot.index = optarg; break;
        case OPT_KEEP: o->plot.keep = 1; break;
        case OPT_BY: o->by = optarg; break;
        case OPT_TEMPLATE_DIR: o->plot.template_dir = optarg; break;
        case OPT_WEIGHTS: o->weights = optarg; break;
        case OPT_WEIGHTS_DIR: o->weights_dir = optarg; break;
        case OPT_ACCEPT: o->accept = 1; break;
        case OPT_WEIGHTS_BASE:
            if (cli_weights_base_parse(optarg, &o->rank.weights_base))
                return cli_usage_error("plot", "invalid --weights-base '%s' (expected a year or "
                                       "pooled)", optarg);
            break;
        case 'h':
            fputs(help, stdout);
            cli_print_help(help_options);
            return -1;
        default:
            if ((rc = other_option(c, argv, o)))
                return rc;
        }
    }
    int code = parse_kind(argc, argv, o);
    if (!code)
        code = cli_data_check("plot", &o->data);
    if (!code && o->weights)
        code = cli_weights_option("plot", o->weights, o->weights_dir, &o->rank, &o->files);
    o->rank.subj.accept_inconsistent = o->accept;
    return code;
}

/* The --year and --indicator arguments as positions in the data, checked
 * before anything is drawn; years[64] and inds (indicators + 64). */
static int positions(struct opts *o, const jh_study *s, size_t *years, size_t *inds)
{
    const jh_dataset *d = s->data;
    jh_index_id id;
    int weighted;
    if (jh_index_lookup(o->plot.index, &id, &weighted) != JH_OK || id == JH_IX_N)
        return cli_usage_error("plot", "unknown index '%s' (see 'junheng indices --help')",
                               o->plot.index);
    for (size_t k = 0; k < o->n_years; k++) {
        size_t y = 0;
        while (y < d->n_years && d->years[y] != o->years[k])
            y++;
        if (y == d->n_years || !d->n_years)
            return cli_usage_error("plot", "no data for year %d", o->years[k]);
        years[k] = y;
    }
    for (size_t k = 0; k < o->n_ind_codes; k++) {
        size_t i = jh_intern_find(&d->indicators, o->ind_codes[k]);
        if (i == (size_t)-1 && s->indicators) {
            size_t e = jh_indicator_catalog_find(s->indicators, o->ind_codes[k]);
            if (e != JH_CATALOG_NONE)
                i = jh_intern_find(&d->indicators, s->indicators->ind[e].code);
        }
        if (i == (size_t)-1)
            return cli_no_indicator("plot", s, o->ind_codes[k]);
        inds[k] = i;
    }
    o->plot.years = o->n_years ? years : NULL;
    o->plot.n_years = o->n_years;
    o->plot.inds = o->n_ind_codes ? inds : NULL;
    o->plot.n_inds = o->n_ind_codes;
    return EX_OK;
}

/* The charts' progress on a terminal: "junheng: plot: charts 8/304". */
static void say_progress(void *ctx, size_t done, size_t total)
{
    (void)ctx;
    fprintf(stderr, "\r\033[Kjunheng: plot: charts %zu/%zu", done, total);
    fflush(stderr);
}

static int run_plots(struct opts *o, const jh_study *s)
{
    size_t years[64], inds[64];
    cli_plot_counts n;
    jh_diag diag;
    int code = positions(o, s, years, inds);
    if (code)
        return code;
    o->plot.rank = &o->rank;
    if (isatty(2))
        o->plot.progress = say_progress;
    jh_diag_init(&diag, (size_t)-1 / 2);
    code = cli_plot_draw(s, &o->plot, &diag, &n);
    if (o->plot.progress)
        fputs("\r\033[K", stderr);
    cli_print_diag(&diag);
    jh_diag_clear(&diag);
    if (code == EX_NOINPUT || code == EX_DATAERR || code == EX_CANTCREAT || code == EX_USAGE)
        return code; /* nothing drawn: said why */
    if (n.missing_gnuplot)
        fprintf(stderr, "junheng: gnuplot not found: install it (Debian: apt-get install "
                "gnuplot-nox fonts-noto-cjk); the data files and scripts are in %s, "
                "render each with 'gnuplot FILE.gp'\n", o->plot.out.outdir);
    else if (n.not_drawn)
        fprintf(stderr, "junheng: plot: %zu of %zu chart%s not drawn (warnings above)\n",
                n.not_drawn, n.not_drawn + n.drawn, n.not_drawn + n.drawn == 1 ? "" : "s");
    return cli_plot_status(&n, code);
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
    struct opts o = {.plot = {.out = CLI_PLOT_OUTPUT_DEFAULTS, .index = "gini"}};
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
