/* junheng run CONFIG: the annual run.  Reads the configuration, then hands
 * over to the steps (run_steps.c: one load of the study, a table of
 * analyses whose in-memory results feed the tables, charts and report);
 * the outputs go to a temporary directory beside the target that replaces
 * it only at the end (run_target.c). */
#define _XOPEN_SOURCE 700
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "cli.h"
#include "run.h"
#include "run_config.h"

static const char help[] =
    "Usage: junheng run CONFIG [--set SECTION.KEY=VALUE ...] [-o DIR] [--quiet|--verbose]\n"
    "\n"
    "The annual run: reads the data and catalogs named in CONFIG (INI), checks\n"
    "them, and writes into the output directory\n"
    "  tables/*.csv    indices, decompositions, urban-rural gaps, gaps between\n"
    "                  groups of people (strata catalog: dimension group),\n"
    "                  rankings, targets, convergence\n"
    "  tables/validate.txt  the data-quality report\n"
    "  charts/*        every chart the data allow (gnuplot), maps with boundaries\n"
    "                  or tiles\n"
    "  tables/tables.xlsx  the same tables for Excel or WPS: one sheet each,\n"
    "                  headers in words, names beside codes, numbers rounded\n"
    "                  for reading (the CSVs are for programs: full precision)\n"
    "  report.html     the evaluation report (opens in any browser, prints on A4)\n"
    "  report.pdf      the report printed by headless Chromium, with\n"
    "                  output.formats = html,pdf\n"
    "  run.log         the steps, with times\n"
    "  manifest.json   version, resolved configuration, SHA-256 of every input\n"
    "                  and output file\n"
    "  .junheng-run    marks the folder as a run's output\n"
    "An error in the input stops the run before anything is written.  Outputs\n"
    "are written beside the target and swapped into place at the end, so a\n"
    "failed or killed run leaves the previous results as they were; the next run\n"
    "removes what a killed one left (DIR.tmp-*) and says so.  A chart that\n"
    "cannot be drawn (gnuplot missing, failing or out of time) is a warning, in\n"
    "run.log and the report; the tables and the report are kept (exit 0).\n"
    "\n"
    "DIR is replaced only when it is new, empty, or an earlier run's output (it\n"
    "holds a .junheng-run file); a file, a folder of your own, a folder holding\n"
    "an input, and the current folder are refused (exit 73), left untouched.\n"
    "\n"
    "Options:\n"
    "      --set S.K=V    override a configuration key (repeatable)\n"
    "      --bom          a UTF-8 byte order mark before each CSV table (for Excel;\n"
    "                     the same as --set output.csv_bom=yes)\n"
    "  -o, --output DIR   output directory (overrides output.dir)\n"
    "  -q, --quiet        no progress line\n"
    "  -v, --verbose      say what each chart step draws, and from which files\n"
    "  -h, --help         show this help\n"
    "\n"
    "Configuration keys (see datasets/jilin/run.ini for a commented example):\n"
    "  [data]     files, encoding, regions, indicators, strata, services,\n"
    "             weight_col, lenient, censored, on_duplicate; boundaries\n"
    "             (GeoJSON or .shp) with boundary_key, or neighbors (a CSV of\n"
    "             county pairs): the spatial step (tables/spatial.csv, lisa.csv;\n"
    "             with boundaries also the derived pairs, tables/neighbors.csv),\n"
    "             maps and a LISA map; tiles: a schematic map to draw on when\n"
    "             there are no boundaries\n"
    "  [analysis] index, group_by, bootstrap, seed\n"
    "  [charts]   kinds, formats, timeout (seconds per chart, default 60)\n"
    "  [output]   dir, lang, title, note, raw_text (yes: CSV text cells as they\n"
    "             are, without the apostrophe before = + - @ TAB CR; README, Safety),\n"
    "             formats (html, or html,pdf), csv_bom (yes: a BOM before each CSV)\n"
    "  [report]   indicators, domains (all, or codes), charts (chart kinds shown;\n"
    "             default disparity-ranking,heatmap,trend,distribution,targets,\n"
    "             county-ranking)\n"
    "\n"
    "Example:\n"
    "  junheng run datasets/jilin/run.ini --set output.dir=out/jilin-2020\n";

struct run_opts {
    run_config cfg;
    int quiet, verbose;
};

static int parse_args(int argc, char **argv, struct run_opts *o, const char **config)
{
    static const struct option longopts[] = {
        {"set", required_argument, NULL, 's'},
        {"output", required_argument, NULL, 'o'},
        {"quiet", no_argument, NULL, 'q'},
        {"verbose", no_argument, NULL, 'v'},
        {"bom", no_argument, NULL, 'b'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *sets[64], *outdir = NULL;
    int bom = 0;
    size_t n_sets = 0;
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:qvh", longopts, NULL)) != -1) {
        switch (c) {
        case 's':
            if (n_sets == sizeof sets / sizeof sets[0])
                return cli_usage_error("run", "too many --set options");
            sets[n_sets++] = optarg;
            break;
        case 'o': outdir = optarg; break;
        case 'b': bom = 1; break;
        case 'q': o->quiet = 1; break;
        case 'v': o->verbose = 1; break;
        case 'h':
            fputs(help, stdout);
            return -1;
        case ':':
            return cli_usage_error("run", "option '%s' needs a value", argv[optind - 1]);
        default:
            return cli_usage_error("run", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind + 1 != argc)
        return cli_usage_error("run", optind < argc ? "give one configuration file"
                                                    : "no configuration file given");
    *config = argv[optind];
    int rc = run_config_read(&o->cfg, *config);
    for (size_t i = 0; !rc && i < n_sets; i++)
        rc = run_config_set(&o->cfg, sets[i]);
    if (!rc && bom)
        rc = run_config_set(&o->cfg, "output.csv_bom=yes");
    if (!rc && outdir) {
        char a[4096];
        snprintf(a, sizeof a, "output.dir=%s", outdir);
        rc = run_config_set(&o->cfg, a);
    }
    return rc;
}

int cmd_run(int argc, char **argv)
{
    struct run_opts o = {0};
    const char *config = NULL;
    int code = parse_args(argc, argv, &o, &config);
    if (code) {
        run_config_clear(&o.cfg);
        return code < 0 ? EX_OK : code;
    }
    run_state rs = {.cfg = &o.cfg, .quiet = o.quiet || !isatty(2), .verbose = o.verbose};
    run_target t = {.lock = -1};
    /* Check the inputs first: a bad file stops the run before anything is written. */
    code = run_check_inputs(&rs);
    if (!code)
        code = run_target_prepare(&t, o.cfg.value[RK_OUTPUT_DIR], &rs, config);
    if (code)
        goto done;
    rs.outdir = t.tmp;
    code = run_steps(&rs);
    if (!code)
        code = run_report(&rs);
    if (!code)
        code = run_finish(&rs, config);
    if (!code)
        code = run_target_commit(&t, &rs, config);
    if (!code && !o.quiet)
        fprintf(stderr, "junheng: run complete: %s/report.html (%zu warning%s in %s/run.log)\n",
                t.shown, rs.n_warnings, rs.n_warnings == 1 ? "" : "s", t.shown);
done:
    run_state_clear(&rs);
    run_target_clear(&t);
    run_config_clear(&o.cfg);
    return code;
}
