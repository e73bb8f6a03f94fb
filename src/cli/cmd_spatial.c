/* junheng spatial: global Moran's I, the spatial Gini and local Moran
 * (LISA) of every indicator and year on contiguity weights. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "junheng/spatial_out.h"
#include "neighbor_source.h"

static const char help[] =
    "Usage: junheng spatial --data FILE (--neighbors FILE | --boundaries FILE) [OPTIONS]\n"
    "\n"
    "Do lagging counties cluster?  For every indicator and year (total stratum),\n"
    "over the counties with a value:\n"
    "  global (default) Moran's I with E[I], variance, z and two-sided p under\n"
    "           normality and under randomisation, and a permutation pseudo\n"
    "           p-value (p_sim, z_sim); the spatial Gini of Rey & Smith (2013):\n"
    "           the Gini split into neighbour and non-neighbour pairs, with the\n"
    "           permutation p-value of the non-neighbour part\n"
    "  local    local Moran (LISA) per county: I_i, the spatial lag, the quadrant\n"
    "           (HH high-high, LL low-low, HL, LH), the conditional-randomisation\n"
    "           p_sim, the Benjamini-Hochberg q and the cluster (the quadrant when\n"
    "           significant, else ns)\n"
    "Conventions of PySAL esda (Moran, Moran_Local); formulas, checks and\n"
    "references: docs/indices.md, \"Spatial statistics\".\n"
    "\n"
    "Options:\n"
    "  -t, --table TABLE      global or local\n"
    "      --weights W        row (default: row-standardised, 1/k for each of k\n"
    "                         neighbours) or binary\n"
    "      --permutations N   random permutations for p_sim (default 999; 0: none)\n"
    "      --seed S           seed of the permutations (default 1); the same seed\n"
    "                         gives the same output\n"
    "      --alpha A          LISA significance level (default 0.05)\n"
    "      --fdr              LISA significant when the Benjamini-Hochberg q <= A\n"
    "                         (false discovery rate) instead of p_sim <= A\n"
    "      --from YEAR        first year (default: the first in the data)\n"
    "      --to YEAR          last year (default: the last in the data)\n"
    CLI_NEIGHBOR_HELP
    "  -o, --output FILE      write to FILE (default: standard output); the file\n"
    "                         appears only when complete\n"
    "  -h, --help             show this help\n"
    "\n"
    "Counties without a neighbour (islands) are named in a warning; codes of the\n"
    "boundaries or of the neighbour list that are not in the data are reported.\n"
    "\n"
    "Example:\n"
    "  junheng spatial --data datasets/jilin/values.csv \\\n"
    "      --boundaries counties.geojson --table local --fdr\n";

enum {
    OPT_WEIGHTS = CLI_OPT_FIRST_FREE, OPT_PERMUTATIONS, OPT_SPSEED, OPT_ALPHA, OPT_FDR,
    OPT_FROM, OPT_TO
};

struct opts {
    cli_data data;
    cli_neighbor_opts nb;
    jh_spatial_opts run;
    const char *output;
};

static int parse_number(const char *s, double lo, double hi, double *v)
{
    char *end;
    errno = 0;
    *v = strtod(s, &end);
    return end != s && !*end && !errno && isfinite(*v) && *v > lo && *v < hi ? 0 : -1;
}

static int own_option(int c, const char *arg, struct opts *o)
{
    unsigned long v;
    double x;
    switch (c) {
    case 't':
        if (strcmp(arg, "global") && strcmp(arg, "local"))
            return cli_usage_error("spatial", "unknown table '%s' (expected global or local)",
                                   arg);
        o->run.local = !strcmp(arg, "local");
        return EX_OK;
    case 'o': o->output = arg; return EX_OK;
    case OPT_WEIGHTS:
        if (strcmp(arg, "row") && strcmp(arg, "binary"))
            return cli_usage_error("spatial", "--weights '%s': expected row or binary", arg);
        o->run.weights = strcmp(arg, "row") ? JH_WEIGHTS_BINARY : JH_WEIGHTS_ROW;
        return EX_OK;
    case OPT_PERMUTATIONS:
        if (cli_parse_count(arg, 0, 100000, &v))
            return cli_usage_error("spatial", "--permutations '%s': expected 0 to 100000", arg);
        o->run.permutations = v;
        return EX_OK;
    case OPT_SPSEED:
        if (cli_parse_count(arg, 0, 4294967295UL, &v))
            return cli_usage_error("spatial", "--seed '%s': expected a whole number", arg);
        o->run.seed = v;
        return EX_OK;
    case OPT_ALPHA:
        if (parse_number(arg, 0, 1, &x))
            return cli_usage_error("spatial", "--alpha '%s': expected a number between 0 "
                                   "and 1", arg);
        o->run.alpha = x;
        return EX_OK;
    case OPT_FDR: o->run.fdr = 1; return EX_OK;
    case OPT_FROM:
    case OPT_TO:
        if (cli_parse_count(arg, 1, 9999, &v))
            return cli_usage_error("spatial", "--%s '%s': expected a year",
                                   c == OPT_FROM ? "from" : "to", arg);
        *(c == OPT_FROM ? &o->run.from : &o->run.to) = (int)v;
        return EX_OK;
    default: return cli_neighbor_option("spatial", c, arg, &o->nb);
    }
}

static int parse_args(int argc, char **argv, struct opts *o)
{
    static const struct option longopts[] = {
        CLI_DATA_LONGOPTS,
        CLI_NEIGHBOR_LONGOPTS,
        {"table", required_argument, NULL, 't'},
        {"output", required_argument, NULL, 'o'},
        {"weights", required_argument, NULL, OPT_WEIGHTS},
        {"permutations", required_argument, NULL, OPT_PERMUTATIONS},
        {"seed", required_argument, NULL, OPT_SPSEED},
        {"alpha", required_argument, NULL, OPT_ALPHA},
        {"fdr", no_argument, NULL, OPT_FDR},
        {"from", required_argument, NULL, OPT_FROM},
        {"to", required_argument, NULL, OPT_TO},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":d:w:t:o:h", longopts, NULL)) != -1) {
        if (c == 'h') {
            cli_print_help(help);
            return -1;
        }
        int rc = c == '?' || c == ':' ? -1 : own_option(c, optarg, o);
        if (rc < 0)
            rc = cli_common_option("spatial", c, argv, &o->data);
        if (rc)
            return rc;
    }
    if (optind < argc)
        return cli_usage_error("spatial", "unexpected argument '%s'", argv[optind]);
    if (o->run.from && o->run.to && o->run.to < o->run.from)
        return cli_usage_error("spatial", "--to %d is before --from %d", o->run.to,
                               o->run.from);
    int rc = cli_neighbor_check("spatial", &o->nb, 1);
    return rc ? rc : cli_data_check("spatial", &o->data);
}

static int write_output(const struct opts *o, const jh_study *s, const jh_spatial_table *sp)
{
    jh_outfile out;
    if (cli_open_output(&out, o->output))
        return EX_CANTCREAT;
    if (o->run.local)
        jh_write_lisa(out.f, s, sp, o->data.csv);
    else
        jh_write_spatial(out.f, s->data, sp, o->data.csv);
    return cli_commit_output(&out, o->output) ? EX_IOERR : EX_OK;
}

static int run(struct opts *o, const jh_study *s)
{
    size_t *na = NULL, *nb = NULL, nn = 0;
    jh_spatial_table *sp = NULL;
    jh_diag diag;
    jh_diag_init(&diag, 20);
    int code = cli_neighbor_pairs(&o->nb, s->data, &diag, &na, &nb, &nn);
    cli_print_diag(&diag); /* the source's messages before the statistics' */
    jh_diag_clear(&diag);
    jh_diag_init(&diag, 20);
    if (!code) {
        o->run.neighbor_a = na;
        o->run.neighbor_b = nb;
        o->run.n_neighbors = nn;
        int rc = jh_spatial_run(s, &o->run, &diag, &sp);
        if (rc == JH_EINVAL)
            jh_diag_add(&diag, JH_DIAG_ERROR, NULL, 0, 0, "spatial: no year of the data "
                        "between --from and --to");
        if (rc == JH_ENOMEM)
            jh_diag_add(&diag, JH_DIAG_ERROR, NULL, 0, 0, "out of memory");
        cli_print_diag(&diag);
        code = cli_exit_code(rc);
    }
    if (!code)
        code = write_output(o, s, sp);
    jh_spatial_table_free(sp);
    jh_diag_clear(&diag);
    free(na);
    free(nb);
    return code;
}

int cmd_spatial(int argc, char **argv)
{
    struct opts o = {.nb = CLI_NEIGHBOR_DEFAULTS, .run = {.permutations = 999, .seed = 1}};
    jh_study *s = NULL;
    int code = parse_args(argc, argv, &o);
    if (!code)
        code = cli_load_study(&o.data, &s);
    if (!code)
        code = run(&o, s);
    jh_study_free(s);
    free(o.data.files.path);
    return code < 0 ? EX_OK : code;
}
