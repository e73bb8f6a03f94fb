/* junheng neighbors: the neighbour list derived from county boundaries. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "junheng/spatial_out.h"
#include "neighbor_source.h"

static const char help[] =
    "Usage: junheng neighbors --boundaries FILE [OPTIONS]\n"
    "\n"
    "Derives who borders whom from county boundaries (GeoJSON or an ESRI\n"
    "shapefile) and writes the pairs as CSV: code_a,code_b,type,shared_km, one\n"
    "row per pair (code_a < code_b), type rook (a shared border longer than\n"
    "--min-border) or queen (a point, or a border shorter than that), shared_km\n"
    "the length of border the two share within the tolerance.  Real county files\n"
    "are simplified county by county, so neighbours rarely share exact vertices:\n"
    "borders are matched within --tolerance metres after an Albers equal-area\n"
    "projection fitted to the file.  The list serves --neighbors of `junheng\n"
    "spatial` and `junheng converge --table markov`, which also take --boundaries\n"
    "directly.  Method: docs/indices.md, \"Neighbours from boundaries\".\n"
    "\n"
    "Options:\n"
    "      --boundaries FILE  county boundaries (.shp with its .dbf and .shx, or\n"
    "                         GeoJSON)\n"
    "      --boundary-key P   the property holding the region code (default: the\n"
    "                         first of adcode, code, 区划代码)\n"
    "      --contiguity C     queen (default: every pair in contact) or rook (the\n"
    "                         rook pairs only)\n"
    "      --tolerance M      borders within M metres match (default 50)\n"
    "      --min-border M     shortest border of a rook pair in metres (default 10\n"
    "                         tolerances: a corner touch measures about 2)\n"
    "      --raw-text         codes as they are (no apostrophe before =, +, -, @)\n"
    "  -o, --output FILE      write to FILE (default: standard output); the file\n"
    "                         appears only when complete\n"
    "  -h, --help             show this help\n"
    "\n"
    "Counties without any neighbour (islands) are named in a warning.\n"
    "\n"
    "Example:\n"
    "  junheng neighbors --boundaries counties.shp --contiguity rook -o pairs.csv\n";

enum { OPT_RAW = 1, OPT_NB_FIRST };

struct opts {
    cli_neighbor_opts nb;
    const char *output;
    int csv;
};

static int parse_args(int argc, char **argv, struct opts *o)
{
    static const struct option longopts[] = {
        CLI_NEIGHBOR_LONGOPTS,
        {"raw-text", no_argument, NULL, OPT_RAW},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:h", longopts, NULL)) != -1) {
        if (c == 'h') {
            fputs(help, stdout);
            return -1;
        }
        if (c == ':')
            return cli_usage_error("neighbors", "option '%s' needs a value", argv[optind - 1]);
        if (c == 'o') {
            o->output = optarg;
            continue;
        }
        if (c == OPT_RAW) {
            o->csv = JH_CSV_RAW;
            continue;
        }
        int rc = c == '?' ? -1 : cli_neighbor_option("neighbors", c, optarg, &o->nb);
        if (rc < 0)
            return cli_usage_error("neighbors", "unknown option '%s'", argv[optind - 1]);
        if (rc)
            return rc;
    }
    if (optind < argc)
        return cli_usage_error("neighbors", "unexpected argument '%s'", argv[optind]);
    if (o->nb.neighbors)
        return cli_usage_error("neighbors", "--neighbors: this command derives the list "
                               "(expected --boundaries FILE)");
    return cli_neighbor_check("neighbors", &o->nb, 1);
}

/* One warning naming the counties without a neighbour. */
static void warn_islands(const jh_boundaries *b, const jh_contact *c, size_t n, int rook)
{
    unsigned char *has = calloc(b->shapes.n + 1, 1);
    if (!has)
        return;
    for (size_t k = 0; k < n; k++)
        if (!rook || c[k].rook)
            has[c[k].a] = has[c[k].b] = 1;
    for (size_t f = 0; f < b->shapes.n; f++)
        if (!has[f])
            fprintf(stderr, "junheng: warning: region %s has no neighbour (an island)\n",
                    b->code[f]);
    free(has);
}

int cmd_neighbors(int argc, char **argv)
{
    struct opts o = {.nb = CLI_NEIGHBOR_DEFAULTS};
    jh_boundaries *b = NULL;
    jh_contact *c = NULL;
    size_t n = 0;
    int code = parse_args(argc, argv, &o);
    if (code)
        return code < 0 ? EX_OK : code;
    jh_diag diag;
    jh_diag_init(&diag, 20);
    code = cli_boundary_contacts(&o.nb, &diag, &b, &c, &n);
    cli_print_diag(&diag);
    jh_diag_clear(&diag);
    if (!code) {
        warn_islands(b, c, n, o.nb.rook);
        jh_outfile out;
        code = cli_open_output(&out, o.output) ? EX_CANTCREAT : EX_OK;
        if (!code && jh_write_neighbors(out.f, b, c, n, o.nb.rook, o.csv)) {
            jh_outfile_abort(&out);
            fputs("junheng: out of memory\n", stderr);
            code = cli_exit_code(JH_ENOMEM);
        }
        if (!code && cli_commit_output(&out, o.output))
            code = EX_IOERR;
    }
    free(c);
    jh_boundaries_free(b);
    return code;
}
