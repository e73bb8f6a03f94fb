/* junheng indices: every disparity index for every indicator, year and
 * stratum of the data. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "junheng/analysis.h"
#include "junheng/output.h"

static const char help[] =
    "Usage: junheng indices --data FILE [--data FILE ...] [OPTIONS]\n"
    "\n"
    "Computes every disparity index for every indicator x year x stratum of the\n"
    "data: n, mean, sd, min, max, median, gini, cv, theil_t, theil_l, ge2,\n"
    "atkinson_0.5, atkinson_1, atkinson_2, max_min_ratio, p90_p10, range, hoover,\n"
    "and population-weighted twins (suffix _w; cv_w is Williamson's index) when\n"
    "the data have a weight column.  Formulas: docs/indices.md.\n"
    "\n"
    "Input is the canonical long format, one observation per row:\n"
    "  region_code,year,indicator,value[,region_name][,group][,stratum][,population]\n"
    "Empty values are missing and are skipped per slice.\n"
    "\n"
    "Options:\n"
    "  -l, --layout LAYOUT    long (default): indicator,year,stratum,index,value,\n"
    "                         values printed to round-trip (%.17g);\n"
    "                         wide: one row per slice, one column per index\n"
    "  -o, --output FILE      write to FILE (default: standard output); the file\n"
    "                         appears only when complete\n"
    "  -h, --help             show this help\n"
    "\n"
    "An index that is undefined for a slice (e.g. theil_l with a zero value) is\n"
    "left empty, and a warning counts such slices.\n"
    "\n"
    "\n"
    "Example:\n"
    "  junheng indices --data datasets/sample/values.csv --layout wide\n";

struct opts {
    cli_data data;
    jh_layout layout;
    const char *output;
};

static int parse_args(int argc, char **argv, struct opts *o)
{
    static const struct option longopts[] = {
        CLI_DATA_LONGOPTS,
        {"layout", required_argument, NULL, 'l'},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":d:w:l:o:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'l':
            if (strcmp(optarg, "long") == 0)
                o->layout = JH_LAYOUT_LONG;
            else if (strcmp(optarg, "wide") == 0)
                o->layout = JH_LAYOUT_WIDE;
            else
                return cli_usage_error("indices", "unknown layout '%s' (expected long or wide)", optarg);
            break;
        case 'o':
            o->output = optarg;
            break;
        case 'h':
            fputs(help, stdout);
            fputs("\n", stdout);
            fputs(cli_data_help, stdout);
            return -1;
        case ':':
            return cli_usage_error("indices", "option '%s' needs a value", argv[optind - 1]);
        default: {
            int rc = c == '?' ? -1 : cli_data_option(c, optarg, "indices", &o->data);
            if (rc < 0)
                return cli_usage_error("indices", "unknown option '%s'", argv[optind - 1]);
            if (rc)
                return rc;
        }
        }
    }
    if (optind < argc)
        return cli_usage_error("indices", "unexpected argument '%s'", argv[optind]);
    return cli_data_check("indices", &o->data);
}

/* One warning per index that some slices leave undefined, with the reason
 * of the first such slice. */
static void warn_undefined(const jh_slice_indices *s, size_t n)
{
    for (int k = 0; k < JH_IX_COUNT; k++)
        for (int wt = 0; wt < 2; wt++) {
            const char *name = jh_index_name((jh_index_id)k, wt);
            size_t bad = 0;
            int why = JH_OK;
            for (size_t i = 0; name && i < n; i++) {
                if (wt && !s[i].has_weighted)
                    continue;
                int st = wt ? s[i].weighted.status[k] : s[i].plain.status[k];
                if (st && !bad++)
                    why = st;
            }
            if (bad)
                fprintf(stderr, "junheng: warning: %s undefined in %zu of %zu slices "
                        "(first reason: %s); left empty\n", name, bad, n, jh_strerror(why));
        }
}

static int write_output(const struct opts *o, const jh_dataset *d,
                        const jh_slice_indices *s, size_t n)
{
    jh_outfile out;
    if (jh_outfile_open(&out, o->output)) {
        fprintf(stderr, "junheng: %s: cannot create output file\n", o->output);
        return EX_CANTCREAT;
    }
    jh_write_indices(out.f, d, s, n, o->layout);
    if (jh_outfile_commit(&out)) {
        fprintf(stderr, "junheng: %s: write error\n", o->output ? o->output : "stdout");
        return EX_IOERR;
    }
    return EX_OK;
}

int cmd_indices(int argc, char **argv)
{
    struct opts o = {.layout = JH_LAYOUT_LONG};
    jh_study *st = NULL;
    jh_slice_indices *s = NULL;
    size_t n = 0;
    jh_diag diag;
    int code = parse_args(argc, argv, &o);
    if (code) {
        free(o.data.files.path);
        return code < 0 ? EX_OK : code;
    }
    code = cli_load_study(&o.data, &st);
    jh_diag_init(&diag, 20);
    if (!code && jh_study_indices(st, !o.data.read.no_weight, &diag, &s, &n)) {
        fputs("junheng: out of memory\n", stderr);
        code = EX_OSERR;
    }
    if (!code) {
        cli_print_diag(&diag);
        warn_undefined(s, n);
        code = write_output(&o, st->data, s, n);
    }
    jh_diag_clear(&diag);
    free(s);
    jh_study_free(st);
    free(o.data.files.path);
    return code;
}
