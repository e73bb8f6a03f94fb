/* junheng decompose: how much of each indicator's disparity lies between
 * groups (prefectures, county types, urban-rural classes, strata) and how
 * much within, with bootstrap intervals and permutation tests. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "junheng/decompose_analysis.h"
#include "junheng/output.h"

/* Two strings: C11 promises only 4095 characters in one literal. */
static const char help_head[] =
    "Usage: junheng decompose --data FILE --by COLUMN [OPTIONS]\n"
    "\n"
    "Decomposes the disparity of every indicator x year x stratum into a part\n"
    "between groups and a part within them.  COLUMN is a column of the region\n"
    "catalog (prefecture, type, class, ...), 'group' for the data's group\n"
    "column, or 'stratum' to compare the urban and rural strata (each\n"
    "observation is then a county x stratum cell).  Formulas: docs/indices.md.\n"
    "\n"
    "Methods (--method, comma-separated; default theil_t,theil_l,ge2,gini):\n"
    "  theil_t, theil_l, ge2  generalised entropy GE(1), GE(0), GE(2) by groups\n"
    "                         (Shorrocks 1980, 1984): total = within + between\n"
    "  gini                   Dagum (1997): total = within + net_between +\n"
    "                         transvariation, with every pair of groups\n"
    "  nested_theil           Akita (2003): between groups (stage 1), between\n"
    "                         counties within groups (stage 2), between urban\n"
    "                         and rural within counties (stage 3, when the data\n"
    "                         have both strata; stratum 'urban+rural'; or\n"
    "                         between the strata of --dimension within counties)\n"
    "Each method is computed unweighted and, when the indicator has weights\n"
    "(population), weighted (suffix _w).\n"
    "\n";

static const char help[] =
    "Options:\n"
    "      --by COLUMN          grouping (required): a column of --regions, group,\n"
    "                           stratum, or any text column of the data\n"
    "  -m, --method LIST        methods to run\n"
    "      --indicator CODE     only this indicator\n"
    "      --year YEAR          only this year (also the year of a wide file\n"
    "                           without a year column)\n"
    "      --stratum S          only this stratum: total, urban or rural\n"
    "      --dimension D        the cells of --by stratum and of nested_theil's\n"
    "                           stage 3: the strata of dimension D of the strata\n"
    "                           catalog (e.g. group; default: urban and rural);\n"
    "                           stratum column: D\n"
    "      --bootstrap B        B bootstrap replicates (groups keep their size;\n"
    "                           nested_theil draws counties within groups):\n"
    "                           adds ci_low, ci_high, se\n"
    "      --ci LEVEL           confidence level of the intervals (default 0.95)\n"
    "      --permutations P     P random relabellings of regions to groups (group\n"
    "                           sizes kept): adds p_value of the between share\n"
    "      --within COLUMN      relabel only inside blocks of this column\n"
    "      --seed S             seed of the random streams (default 1); the same\n"
    "                           seed gives the same output\n"
    "  -l, --layout LAYOUT      long (default): indicator,year,stratum,method,\n"
    "                           component,group,value,share (%.17g); wide: one\n"
    "                           row per slice and method (%.10g)\n"
    "  -o, --output FILE        write to FILE (default: standard output)\n"
    "      --groups FILE        also write each group's and pair's details\n"
    "      --pairs WHEN         gini's pair rows, one per pair of groups (k groups\n"
    "                           give k(k-1)/2): auto (default) lists them when a\n"
    "                           slice has at most 40 groups (780 pairs), all,\n"
    "                           none; net_between and transvariation always stay\n"
    "      --nonpositive P      zeros and negatives, where theil_l (GE(0)) needs\n"
    "                           x > 0 and every method needs x >= 0:\n"
    "                             (default) decompose what is defined, leave the\n"
    "                             rest empty;\n"
    "                             error: a slice with such a value is an error;\n"
    "                             skip: leave the methods that need x > 0 empty\n"
    "                             there (every method for a negative);\n"
    "                             drop: leave the values <= 0 out of the slice\n"
    "                             for every method (n counts what is left)\n"
    "      --notes FILE         write what was done to each slice: values missing\n"
    "                           or dropped, methods skipped or undefined and why;\n"
    "                           indicator,year,stratum,index,action,count,reason\n"
    "  -h, --help               show this help\n"
    "\n"
    "Components: total, within, between, within_group (one per group: its\n"
    "contribution to within), net_between, transvariation, pair (one per pair\n"
    "of groups: its part of between), between_stage1, between_stage2,\n"
    "within_stage3.  share = value / total.\n"
    "\n"
    "Example:\n"
    "  junheng decompose --data datasets/jilin/values.csv \\\n"
    "      --regions datasets/jilin/regions.csv --by prefecture \\\n"
    "      --indicator doctors_per_1000 --year 2020 --bootstrap 999 --seed 7\n"
    "  junheng decompose --data datasets/jilin/values.csv \\\n"
    "      --regions datasets/jilin/regions.csv --by class \\\n"
    "      --nonpositive drop --notes notes.csv -o decompose.csv\n";

enum {
    OPT_BY = CLI_OPT_FIRST_FREE, OPT_INDICATOR, OPT_STRATUM, OPT_PERMUTATIONS, OPT_WITHIN,
    OPT_GROUPS, OPT_PAIRS, OPT_DIMENSION,
};

struct opts {
    cli_data data;
    jh_decompose_opts dec;
    int wide;
    const char *output, *groups;
    const char *notes;  /* --notes FILE, or NULL */
    cli_inference inf;  /* parses --bootstrap ... --notes into dec and notes */
};

static int parse_pairs(const char *s, jh_pairs *p)
{
    static const char *const names[] = {"auto", "all", "none"};
    for (int k = 0; k < 3; k++)
        if (strcmp(s, names[k]) == 0) {
            *p = (jh_pairs)k;
            return 0;
        }
    return -1;
}

static int parse_args(int argc, char **argv, struct opts *o)
{
    static const struct option longopts[] = {
        CLI_DATA_LONGOPTS,
        {"by", required_argument, NULL, OPT_BY},
        {"method", required_argument, NULL, 'm'},
        {"indicator", required_argument, NULL, OPT_INDICATOR},
        {"stratum", required_argument, NULL, OPT_STRATUM},
        CLI_INFERENCE_LONGOPTS,
        {"permutations", required_argument, NULL, OPT_PERMUTATIONS},
        {"within", required_argument, NULL, OPT_WITHIN},
        {"layout", required_argument, NULL, 'l'},
        {"output", required_argument, NULL, 'o'},
        {"groups", required_argument, NULL, OPT_GROUPS},
        {"pairs", required_argument, NULL, OPT_PAIRS},
        {"dimension", required_argument, NULL, OPT_DIMENSION},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    static const char cmd[] = "decompose";
    unsigned long v;
    const char *bad;
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":d:w:m:l:o:h", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_BY: o->dec.by = optarg; break;
        case 'm':
            if (jh_dmethod_parse(optarg, &o->dec.methods, &bad))
                return cli_usage_error(cmd, "unknown method '%.*s' (expected theil_t, theil_l, "
                                       "ge2, gini or nested_theil)", (int)strcspn(bad, ","), bad);
            break;
        case OPT_INDICATOR: o->dec.indicator = optarg; break;
        case OPT_STRATUM: {
            jh_stratum s;
            if (jh_stratum_parse(optarg, &s) || !*optarg)
                return cli_usage_error(cmd, "unknown stratum '%s' (expected total, urban or rural)", optarg);
            o->dec.stratum = (int)s;
            break;
        }
        case OPT_PERMUTATIONS:
            if (cli_parse_count(optarg, 1, 1000000, &v))
                return cli_usage_error(cmd, "--permutations needs a number from 1 to 1000000, "
                                       "not '%s'", optarg);
            o->dec.permutations = v;
            break;
        case OPT_WITHIN: o->dec.within = optarg; break;
        case OPT_DIMENSION: o->dec.dimension = optarg; break;
        case 'l':
            if (cli_parse_layout(cmd, optarg, &o->wide))
                return EX_USAGE;
            break;
        case 'o': o->output = optarg; break;
        case OPT_GROUPS: o->groups = optarg; break;
        case OPT_PAIRS:
            if (parse_pairs(optarg, &o->dec.pairs))
                return cli_usage_error(cmd, "unknown --pairs '%s' (expected auto, all or none)",
                                       optarg);
            break;
        case 'h':
            fputs(help_head, stdout);
            cli_print_help(help);
            return -1;
        default: {
            int rc = cli_inference_option(cmd, c, optarg, &o->inf);
            if (rc < 0)
                rc = cli_common_option(cmd, c, argv, &o->data);
            if (rc)
                return rc;
            if (c == CLI_OPT_YEAR)
                o->dec.year = o->data.read.year;
        }
        }
    }
    if (optind < argc)
        return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
    if (!o->dec.by)
        return cli_usage_error(cmd, "no grouping: give --by COLUMN (e.g. prefecture, class, stratum)");
    if (o->dec.dimension && strcmp(o->dec.by, "stratum") != 0 &&
        !(o->dec.methods & (1u << JH_DM_NESTED)))
        return cli_usage_error(cmd, "--dimension needs --by stratum or --method nested_theil");
    if (o->dec.within && !o->dec.permutations)
        return cli_usage_error(cmd, "--within needs --permutations");
    cli_output out[] = {{.path = o->output, .what = "--output"},
                        {.path = o->groups, .what = "--groups"},
                        {.path = o->notes, .what = "--notes"}};
    if (cli_outputs_distinct(cmd, out, 3))
        return EX_USAGE;
    return cli_data_check(cmd, &o->data);
}

static int write_outputs(const struct opts *o, const jh_study *st, const jh_decompose_table *t)
{
    cli_output out[] = {{.path = o->output, .what = "--output"},
                        {.path = o->groups, .what = "--groups"},
                        {.path = o->notes, .what = "--notes"}};
    int code = cli_outputs_open(out, 3);
    if (code)
        return code;
    jh_write_decompose(out[0].f.f, st, t, o->wide, o->data.csv);
    if (out[1].open)
        jh_write_decompose_groups(out[1].f.f, st, t, o->data.csv);
    if (out[2].open)
        jh_write_notes(out[2].f.f, st->data, &t->notes, o->data.csv);
    return cli_outputs_commit(out, 3);
}

int cmd_decompose(int argc, char **argv)
{
    struct opts o = {.dec = {.use_weights = 1, .stratum = -1, .ci = 0.95, .seed = 1}};
    o.inf = (cli_inference){&o.dec.bootstrap, &o.dec.ci, &o.dec.seed, &o.dec.nonpositive,
                            &o.notes, 0, 0};
    jh_study *st = NULL;
    jh_decompose_table *t = NULL;
    jh_diag diag;
    int code = parse_args(argc, argv, &o);
    if (code) {
        free(o.data.files.path);
        return code < 0 ? EX_OK : code;
    }
    o.dec.use_weights = !o.data.read.no_weight;
    code = cli_load_study(&o.data, &st);
    jh_diag_init(&diag, 20);
    if (!code && o.dec.indicator && jh_intern_find(&st->data->indicators, o.dec.indicator) == (size_t)-1)
        code = cli_no_indicator("decompose", st, o.dec.indicator);
    if (!code) {
        int rc = jh_decompose_run(st, &o.dec, &diag, &t);
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
    jh_decompose_table_free(t);
    jh_study_free(st);
    free(o.data.files.path);
    return code;
}
