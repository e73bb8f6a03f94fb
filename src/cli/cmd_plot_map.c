/* junheng plot map | lisa-map: choropleths of an indicator per county, and
 * the LISA clusters, drawn by gnuplot from plots/map.gp over county
 * boundaries (projected, Albers equal-area) or a schematic tile map.  This
 * file parses the options and reads the neighbours; plot_maps.c draws, for
 * the annual run too (plot_draw.h). */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "junheng/plot.h"
#include "neighbor_source.h"
#include "plot_draw.h"
#include "plot_map_cli.h"

static const char help[] =
    "Usage: junheng plot map|lisa-map --data FILE (--boundaries FILE | --tiles FILE)\n"
    "                                 [OPTIONS]\n"
    "\n"
    "  map       a choropleth of each indicator per county in one year, in\n"
    "            classes (legend with the bounds and the number of counties)\n"
    "  lisa-map  the local Moran clusters of each indicator (as `junheng spatial\n"
    "            --table local`): high-high red, low-low blue, low-high light\n"
    "            blue, high-low light red, not significant grey; needs\n"
    "            neighbours (--neighbors, or derived from --boundaries)\n"
    "Counties are drawn from --boundaries (GeoJSON or .shp, projected with an\n"
    "Albers equal-area conic fitted to the file, north up, with a scale bar) or\n"
    "from --tiles, a schematic tile map (datasets/jilin/tiles.geojson: each\n"
    "county one square placed by hand by approximate geography; not to scale).\n"
    "Prefecture outlines (the catalog's prefecture column) are drawn heavier.\n"
    "Files: DIR/map-INDICATOR-YEAR.EXT, DIR/lisa-map-INDICATOR-YEAR.EXT.\n"
    "\n"
    "Options:\n"
    "  -i, --indicator CODE   map this indicator (repeatable; default: every\n"
    "                         county indicator with a direction)\n"
    "      --year YEAR        the year (default: the last)\n"
    "      --tiles FILE       draw on a tile map instead of boundaries\n"
    "      --classify M       quantiles (default), equal or jenks (natural breaks)\n"
    "      --classes K        number of classes, 2 to 7 (default 5)\n"
    "      --names            print county names on the map\n"
    "      --permutations N   lisa-map: permutations (default 999)\n"
    "      --seed S           lisa-map: seed (default 1)\n"
    "      --alpha A          lisa-map: significance level (default 0.05)\n"
    "      --fdr              lisa-map: Benjamini-Hochberg q <= A instead of p\n"
    CLI_NEIGHBOR_HELP
    "      --lang LANG        zh (default) or en\n"
    "  -f, --format LIST      png (default), svg, pdf, comma-separated\n"
    "  -o, --output-dir DIR   where maps go (default .); created if missing\n"
    "      --font FAMILY      font with CJK glyphs (default \"Noto Sans CJK SC\")\n"
    "      --chart-timeout S  time limit per map, seconds (default 60, 0 none)\n"
    "  -h, --help             show this help\n"
    "\n"
    "Example:\n"
    "  junheng plot map --data datasets/jilin/values.csv \\\n"
    "      --regions datasets/jilin/regions.csv --indicators datasets/jilin/indicators.csv \\\n"
    "      --tiles datasets/jilin/tiles.geojson -i preschool_gross_enrolment -o maps\n";

enum {
    OPT_TILES = CLI_OPT_FIRST_FREE + 60, OPT_CLASSIFY, OPT_CLASSES, OPT_NAMES, OPT_PERM,
    OPT_SEED, OPT_ALPHA, OPT_FDR
};

struct opts {
    cli_data data;
    cli_neighbor_opts nb;
    cli_map_opts map;           /* what the maps get (plot_draw.h) */
    const char *ind[64];
    size_t n_ind;
    int year;
};

/* Whether argv names a map kind: an argument "map" or "lisa-map" that is
 * not the value of an option. */
int cli_plot_map_kind(int argc, char **argv)
{
    static const char *const flags[] = {"--names", "--fdr", "--keep-scripts", "--lenient",
                                        "--raw-text", "--wide", "--long", "--no-weight"};
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "map") && strcmp(argv[i], "lisa-map"))
            continue;
        const char *prev = argv[i - 1];
        int value = i > 1 && prev[0] == '-' && !strchr(prev, '=');
        for (size_t k = 0; value && k < sizeof flags / sizeof *flags; k++)
            value = strcmp(prev, flags[k]) != 0;
        if (!value)
            return 1;
    }
    return 0;
}

static int own_option(int c, const char *arg, struct opts *o)
{
    unsigned long v;
    char *end;
    switch (c) {
    case 'i':
        if (o->n_ind == 64)
            return cli_usage_error("plot", "too many --indicator options (at most 64)");
        o->ind[o->n_ind++] = arg;
        return EX_OK;
    case OPT_TILES: o->map.tiles = arg; return EX_OK;
    case OPT_CLASSIFY:
        if (!strcmp(arg, "quantiles")) o->map.method = JH_CLASSIFY_QUANTILES;
        else if (!strcmp(arg, "equal")) o->map.method = JH_CLASSIFY_EQUAL;
        else if (!strcmp(arg, "jenks")) o->map.method = JH_CLASSIFY_JENKS;
        else return cli_usage_error("plot", "--classify '%s': expected quantiles, equal or jenks", arg);
        return EX_OK;
    case OPT_CLASSES:
        if (cli_parse_count(arg, 2, 7, &v))
            return cli_usage_error("plot", "--classes '%s': expected 2 to 7", arg);
        o->map.classes = v;
        return EX_OK;
    case OPT_NAMES: o->map.names = 1; return EX_OK;
    case OPT_PERM:
        if (cli_parse_count(arg, 0, 100000, &v))
            return cli_usage_error("plot", "--permutations '%s': expected 0 to 100000", arg);
        o->map.sp.permutations = v;
        return EX_OK;
    case OPT_SEED:
        if (cli_parse_count(arg, 0, 4294967295UL, &v))
            return cli_usage_error("plot", "--seed '%s': expected a whole number", arg);
        o->map.sp.seed = v;
        return EX_OK;
    case OPT_ALPHA:
        errno = 0;
        o->map.sp.alpha = strtod(arg, &end);
        if (end == arg || *end || errno || !(o->map.sp.alpha > 0 && o->map.sp.alpha < 1))
            return cli_usage_error("plot", "--alpha '%s': expected a number between 0 and 1", arg);
        return EX_OK;
    case OPT_FDR: o->map.sp.fdr = 1; return EX_OK;
    default: {
        int rc = cli_plot_output_option(c, arg, &o->map.out);
        return rc >= 0 ? rc : cli_neighbor_option("plot", c, arg, &o->nb);
    }
    }
}

static int check_args(struct opts *o)
{
    if (o->map.tiles && o->nb.boundaries && !o->map.lisa)
        return cli_usage_error("plot", "--tiles and --boundaries exclude each other for map");
    if (!o->map.tiles && !o->nb.boundaries)
        return cli_usage_error("plot", "no county shapes: give --boundaries FILE or --tiles FILE");
    if (o->map.lisa && !o->nb.neighbors && !o->nb.boundaries)
        return cli_usage_error("plot", "lisa-map needs neighbours: --neighbors FILE or "
                               "--boundaries FILE (a tile map's squares are not neighbours)");
    return cli_data_check("plot", &o->data);
}

static int parse_args(int argc, char **argv, struct opts *o)
{
    static const struct option longopts[] = {
        CLI_DATA_LONGOPTS,
        CLI_NEIGHBOR_LONGOPTS,
        CLI_PLOT_LONGOPTS,
        {"tiles", required_argument, NULL, OPT_TILES},
        {"classify", required_argument, NULL, OPT_CLASSIFY},
        {"classes", required_argument, NULL, OPT_CLASSES},
        {"names", no_argument, NULL, OPT_NAMES},
        {"permutations", required_argument, NULL, OPT_PERM},
        {"seed", required_argument, NULL, OPT_SEED},
        {"alpha", required_argument, NULL, OPT_ALPHA},
        {"fdr", no_argument, NULL, OPT_FDR},
        {NULL, 0, NULL, 0},
    };
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":d:w:i:f:o:h", longopts, NULL)) != -1) {
        if (c == 'h') {
            cli_print_help(help);
            return -1;
        }
        if (c == CLI_OPT_YEAR)
            o->year = atoi(optarg);
        int rc = c == '?' || c == ':' || c == CLI_OPT_YEAR ? -1 : own_option(c, optarg, o);
        if (rc < 0)
            rc = cli_common_option("plot", c, argv, &o->data);
        if (rc)
            return rc;
    }
    for (int i = optind; i < argc; i++)
        if (strcmp(argv[i], "map") && strcmp(argv[i], "lisa-map"))
            return cli_usage_error("plot", "unexpected argument '%s'", argv[i]);
        else
            o->map.lisa = !strcmp(argv[i], "lisa-map");
    return check_args(o);
}

/* The --indicator arguments as positions (none: cli_plot_maps' default). */
static int indicators(const struct opts *o, const jh_study *s, size_t *inds, size_t *n)
{
    const jh_dataset *d = s->data;
    *n = 0;
    for (size_t k = 0; k < o->n_ind; k++) {
        size_t i = jh_intern_find(&d->indicators, o->ind[k]);
        if (i == JH_NONE)
            return cli_usage_error("plot", "no indicator '%s' in the data", o->ind[k]);
        inds[(*n)++] = i;
    }
    return EX_OK;
}

static int year_of(const struct opts *o, const jh_dataset *d, size_t *year)
{
    *year = d->n_years - 1;
    if (!o->year)
        return EX_OK;
    for (size_t y = 0; y < d->n_years; y++)
        if (d->years[y] == o->year) {
            *year = y;
            return EX_OK;
        }
    return cli_usage_error("plot", "no year %d in the data", o->year);
}

/* The neighbour pairs of a LISA map: with both sources, the boundaries
 * are drawn and the list gives the neighbours.  Prints its messages. */
static int lisa_pairs(struct opts *o, const jh_study *s)
{
    cli_neighbor_opts src = o->nb;
    size_t *a = NULL, *b = NULL, n = 0;
    jh_diag diag;
    if (src.neighbors)
        src.boundaries = NULL;
    jh_diag_init(&diag, 20);
    int code = cli_neighbor_pairs(&src, s->data, &diag, &a, &b, &n);
    cli_print_diag(&diag);
    jh_diag_clear(&diag);
    o->map.sp.neighbor_a = a;
    o->map.sp.neighbor_b = b;
    o->map.sp.n_neighbors = n;
    return code;
}

static int draw_maps(struct opts *o, const jh_study *s)
{
    size_t inds[64], n = 0;
    cli_plot_counts counts;
    jh_diag diag;
    int code = indicators(o, s, inds, &n);
    if (!code)
        code = year_of(o, s->data, &o->map.year);
    if (!code && o->map.lisa)
        code = lisa_pairs(o, s);
    o->map.inds = n ? inds : NULL;
    o->map.n_inds = n;
    o->map.boundaries = o->nb.boundaries;
    o->map.key = o->nb.key;
    o->map.source = o->data.files.path[0];
    jh_diag_init(&diag, (size_t)-1 / 2);
    if (!code)
        code = cli_plot_maps(s, &o->map, &diag, &counts);
    cli_print_diag(&diag);
    jh_diag_clear(&diag);
    free((void *)o->map.sp.neighbor_a);
    free((void *)o->map.sp.neighbor_b);
    return code;
}

int cmd_plot_map(int argc, char **argv)
{
    struct opts o = {.nb = CLI_NEIGHBOR_DEFAULTS,
                     .map = {.out = CLI_PLOT_OUTPUT_DEFAULTS, .classes = 5,
                             .sp = {.permutations = 999, .seed = 1}}};
    jh_study *s = NULL;
    int code = parse_args(argc, argv, &o);
    if (!code)
        code = cli_load_study(&o.data, &s);
    if (!code)
        code = draw_maps(&o, s);
    jh_study_free(s);
    free(o.data.files.path);
    return code < 0 ? EX_OK : code;
}
