/* junheng urban-rural: how far apart town and country are, per county,
 * per prefecture and for the province. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "junheng/output.h"
#include "junheng/urban_rural.h"

static const char help[] =
    "Usage: junheng urban-rural --data FILE [--regions FILE] [OPTIONS]\n"
    "\n"
    "Compares town and country for every indicator and year.  Where the data\n"
    "have urban and rural strata, each county is compared with itself (basis\n"
    "'strata'); where an indicator has only totals, urban-class counties of the\n"
    "region catalog are compared with rural-class counties (basis 'class').\n"
    "\n"
    "The area table (standard output or -o) has one row per indicator, year and\n"
    "area (the province, then each group of --by): population-weighted urban\n"
    "and rural means, their ratio and gap, and the gini, cv and theil_t of the\n"
    "county ratios.  The ratio reads as the advantage of town over country:\n"
    "urban/rural for higher-better indicators, rural/urban for lower-better\n"
    "ones (indicator catalog's direction), as the ratio_of column says; a\n"
    "ratio above 1 means town is better served.  The county table (--counties)\n"
    "has each county's urban and rural value, ratio and gap; a county with only\n"
    "one stratum is listed with a note and left out of the means.\n"
    "\n"
    "Groups of people: --compare A:B compares any two strata of one dimension\n"
    "(declared in a strata catalog, --strata), or one of them against the\n"
    "whole population, the same way: A plays town, B country.  The columns\n"
    "are then A_mean, B_mean (counties: A, B) and ratio_of A/B, or B/A for a\n"
    "lower-better indicator; a ratio above 1 means A is better served.\n"
    "\n"
    "Options:\n"
    "      --compare A:B        the two strata compared (default urban:rural)\n"
    "      --by COLUMN          areas below the province: any column of --regions\n"
    "                           or text column of the data (default: prefecture,\n"
    "                           else the group column, else a text column named\n"
    "                           like prefecture or 市; 'none' for the province)\n"
    "      --indicator CODE     only this indicator\n"
    "      --year YEAR          only this year (also the year of a wide file\n"
    "                           without a year column)\n"
    "      --bootstrap B        B bootstrap replicates (counties drawn within the\n"
    "                           area): adds ci_low, ci_high and se of ratio and gap\n"
    "      --ci LEVEL           confidence level (default 0.95)\n"
    "      --seed S             seed of the random streams (default 1)\n"
    "  -l, --layout LAYOUT      long (default, numbers round-trip with %.17g) or\n"
    "                           wide (%.10g, for reading)\n"
    "  -o, --output FILE        area table to FILE (default: standard output)\n"
    "      --counties FILE      county table to FILE\n"
    "      --nonpositive P      zeros and negatives, where the ratios need x > 0:\n"
    "                             (default) a ratio is empty where its\n"
    "                             denominator is 0;\n"
    "                             error: a value <= 0 is an error;\n"
    "                             skip: leave the ratio, gini_ratio, cv_ratio and\n"
    "                             theil_t_ratio empty for the counties and areas\n"
    "                             with such a value (means and gap stay);\n"
    "                             drop: treat such values as missing\n"
    "      --notes FILE         write what was done to each slice: values missing,\n"
    "                           dropped or skipped and why;\n"
    "                           indicator,year,stratum,index,action,count,reason\n"
    "  -h, --help               show this help\n"
    "\n"
    "Example:\n"
    "  junheng urban-rural --data datasets/jilin/values.csv \\\n"
    "      --regions datasets/jilin/regions.csv \\\n"
    "      --indicators datasets/jilin/indicators.csv --year 2020 \\\n"
    "      --counties counties.csv --nonpositive drop --notes notes.csv\n"
    "  junheng urban-rural --data datasets/jilin/values.csv \\\n"
    "      --strata datasets/jilin/strata.csv \\\n"
    "      --indicators datasets/jilin/indicators.csv \\\n"
    "      --compare migrant_children:local_children --year 2020\n";

enum {
    OPT_BY = CLI_OPT_FIRST_FREE, OPT_INDICATOR, OPT_COUNTIES, OPT_COMPARE,
};

struct opts {
    cli_data data;
    jh_urban_rural_opts ur;
    int by_given;
    const char *fmt;
    const char *output, *counties;
    const char *notes;  /* --notes FILE, or NULL */
    cli_inference inf;  /* parses --bootstrap ... --notes into ur and notes */
    char *compare;      /* --compare A:B, split at the colon; owned */
};

/* --compare A:B into o->ur.compare. */
static int parse_compare(struct opts *o, const char *arg)
{
    const char *colon = strchr(arg, ':');
    if (!colon || colon == arg || !colon[1] || strchr(colon + 1, ':'))
        return cli_usage_error("urban-rural", "--compare needs two strata as A:B, such as "
                               "migrant_children:local_children, not '%s'", arg);
    free(o->compare);
    if (!(o->compare = strdup(arg)))
        return cli_exit_code(JH_ENOMEM);
    o->compare[colon - arg] = '\0';
    o->ur.compare[0] = o->compare;
    o->ur.compare[1] = o->compare + (colon - arg) + 1;
    return EX_OK;
}

static int parse_args(int argc, char **argv, struct opts *o)
{
    static const struct option longopts[] = {
        CLI_DATA_LONGOPTS,
        {"by", required_argument, NULL, OPT_BY},
        {"indicator", required_argument, NULL, OPT_INDICATOR},
        CLI_INFERENCE_LONGOPTS,
        {"layout", required_argument, NULL, 'l'},
        {"output", required_argument, NULL, 'o'},
        {"counties", required_argument, NULL, OPT_COUNTIES},
        {"compare", required_argument, NULL, OPT_COMPARE},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    static const char cmd[] = "urban-rural";
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":d:w:l:o:h", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_BY:
            o->by_given = 1;
            o->ur.by = strcmp(optarg, "none") == 0 ? NULL : optarg;
            break;
        case OPT_INDICATOR: o->ur.indicator = optarg; break;
        case 'l': {
            int wide;
            if (cli_parse_layout(cmd, optarg, &wide))
                return EX_USAGE;
            o->fmt = wide ? "%.10g" : "%.17g";
            break;
        }
        case 'o': o->output = optarg; break;
        case OPT_COUNTIES: o->counties = optarg; break;
        case OPT_COMPARE: {
            int rc = parse_compare(o, optarg);
            if (rc)
                return rc;
            break;
        }
        case 'h':
            cli_print_help(help);
            return -1;
        default: {
            int rc = cli_inference_option(cmd, c, optarg, &o->inf);
            if (rc < 0)
                rc = cli_common_option(cmd, c, argv, &o->data);
            if (rc)
                return rc;
            if (c == CLI_OPT_YEAR)
                o->ur.year = o->data.read.year;
        }
        }
    }
    if (optind < argc)
        return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
    cli_output out[] = {{.path = o->output, .what = "--output"},
                        {.path = o->counties, .what = "--counties"},
                        {.path = o->notes, .what = "--notes"}};
    if (cli_outputs_distinct(cmd, out, 3))
        return EX_USAGE;
    return cli_data_check(cmd, &o->data);
}

static int write_outputs(const struct opts *o, const jh_study *st, const jh_urban_rural_table *t)
{
    cli_output out[] = {{.path = o->output, .what = "--output"},
                        {.path = o->counties, .what = "--counties"},
                        {.path = o->notes, .what = "--notes"}};
    int code = cli_outputs_open(out, 3);
    if (code)
        return code;
    jh_write_ur_areas(out[0].f.f, st, t, o->fmt, o->data.csv);
    if (out[1].open)
        jh_write_ur_counties(out[1].f.f, st, t, o->fmt, o->data.csv);
    if (out[2].open)
        jh_write_notes(out[2].f.f, st->data, &t->notes, o->data.csv);
    return cli_outputs_commit(out, 3);
}

int cmd_urban_rural(int argc, char **argv)
{
    struct opts o = {.ur = {.use_weights = 1, .ci = 0.95, .seed = 1}, .fmt = "%.17g"};
    o.inf = (cli_inference){&o.ur.bootstrap, &o.ur.ci, &o.ur.seed, &o.ur.nonpositive,
                            &o.notes, 0, 0};
    jh_study *st = NULL;
    jh_urban_rural_table *t = NULL;
    jh_diag diag;
    int code = parse_args(argc, argv, &o);
    if (code) {
        free(o.data.files.path);
        free(o.compare);
        return code < 0 ? EX_OK : code;
    }
    o.ur.use_weights = !o.data.read.no_weight;
    code = cli_load_study(&o.data, &st);
    jh_diag_init(&diag, 20);
    if (!code && o.ur.indicator && jh_intern_find(&st->data->indicators, o.ur.indicator) == (size_t)-1)
        code = cli_no_indicator("urban-rural", st, o.ur.indicator);
    /* Default areas: prefectures, when the catalog or the data know them. */
    if (!code && !o.by_given)
        o.ur.by = jh_study_default_group(st);
    if (!code) {
        int rc = jh_urban_rural_run(st, &o.ur, &diag, &t);
        cli_print_diag(&diag);
        if (rc == JH_ENOTFOUND)
            code = EX_USAGE;
        else if (rc == JH_EZERO || rc == JH_ENEGATIVE)
            code = EX_DATAERR;
        else if (rc)
            code = cli_exit_code(rc);
    }
    if (!code)
        code = write_outputs(&o, st, t);
    jh_diag_clear(&diag);
    jh_urban_rural_table_free(t);
    jh_study_free(st);
    free(o.data.files.path);
    free(o.compare);
    return code;
}
