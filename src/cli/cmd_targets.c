/* junheng targets: progress toward the plan's targets, province and
 * counties. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "junheng/output.h"
#include "junheng/rank.h"

static const char help[] =
    "Usage: junheng targets --data FILE [--data FILE ...] --indicators CATALOG\n"
    "                       [OPTIONS]\n"
    "\n"
    "For every indicator of the catalog with a target (target_kind at_least,\n"
    "at_most or cumulative, and a target number), per year of the data:\n"
    "  indicator,domain,kind,baseline_year,baseline,target_year,target,year,\n"
    "  value,progress,expected,on_track,n,n_meeting,share_meeting,\n"
    "  pop_share_meeting,tail_shortfall\n"
    "value: the provincial value, the mean weighted as the catalog says (the\n"
    "population, another indicator, or none = unweighted); for a cumulative\n"
    "target the county values summed, and summed over the years after the\n"
    "baseline year.  progress = (value - baseline)/(target - baseline), empty\n"
    "without a baseline or when target = baseline; expected = the linear share\n"
    "of the plan period elapsed; on_track = 1 when the value meets the target\n"
    "or progress >= expected.  n_meeting and share_meeting count the counties\n"
    "meeting the target, pop_share_meeting weighs them; tail_shortfall is the\n"
    "mean shortfall of the worst-off tenth of counties.  A target written as a\n"
    "strict bound ('>99') must be passed, not reached.\n"
    "A coverage of a target group (catalog kind coverage) adds the columns\n"
    "coverage,group_size,shortfall_persons: the group's size (the catalog's\n"
    "group_size indicator) and the sum of (target - value)/100 x group size\n"
    "over the counties; they appear only when the catalog has a coverage.\n"
    "\n"
    "Options:\n"
    "  --stratum STRATUM      total (default), urban, rural or a stratum of the\n"
    "                         strata catalog (--strata), e.g. a group of people\n"
    "  --counties-out FILE    per county: indicator,year,region,name,value,\n"
    "                         target,meets,shortfall (and group_size,\n"
    "                         shortfall_persons with a coverage)\n"
    "  -o, --output FILE      write to FILE (default: standard output); files\n"
    "                         appear only when complete\n"
    "  -h, --help             show this help\n"
    "\n"
    "Example:\n"
    "  junheng targets --data datasets/jilin/values.csv \\\n"
    "      --regions datasets/jilin/regions.csv \\\n"
    "      --indicators datasets/jilin/indicators.csv --counties-out counties.csv\n";

enum { OPT_STRATUM = CLI_OPT_FIRST_FREE, OPT_COUNTIES_OUT };

struct opts {
    cli_data data;
    const char *stratum;        /* --stratum: a label of the data */
    const char *counties_out;  /* --counties-out */
    const char *output;        /* -o */
};

static int parse_args(int argc, char **argv, struct opts *o)
{
    static const struct option longopts[] = {
        CLI_DATA_LONGOPTS,
        {"stratum", required_argument, NULL, OPT_STRATUM},
        {"counties-out", required_argument, NULL, OPT_COUNTIES_OUT},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":d:w:o:h", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_STRATUM:
            if (!*optarg)
                return cli_usage_error("targets", "empty --stratum (expected total, urban, rural or "
                                       "a stratum of the strata catalog)");
            o->stratum = optarg;
            break;
        case OPT_COUNTIES_OUT:
            o->counties_out = optarg;
            break;
        case 'o':
            o->output = optarg;
            break;
        case 'h':
            cli_print_help(help);
            return -1;
        default: {
            int rc = cli_common_option("targets", c, argv, &o->data);
            if (rc)
                return rc;
        }
        }
    }
    if (optind < argc)
        return cli_usage_error("targets", "unexpected argument '%s'", argv[optind]);
    if (!o->data.study.indicators_path && cli_data_check("targets", &o->data) == EX_OK)
        return cli_usage_error("targets", "an indicator catalog is needed (--indicators FILE)");
    return cli_data_check("targets", &o->data);
}

static int run(const struct opts *o, const jh_study *st)
{
    const jh_dataset *d = st->data;
    jh_diag notes;
    jh_outfile out = {0}, cout = {0};
    jh_targets_table *t = NULL;
    size_t stratum;
    int code = cli_stratum_pos("targets", d, o->stratum, &stratum), rc;
    if (code)
        return code;
    jh_diag_init(&notes, 50);
    rc = jh_targets_run(st, &(jh_targets_opts){stratum}, &notes, &t);
    for (size_t i = 0; i < notes.n; i++)
        fprintf(stderr, "junheng: %s%s\n",
                notes.items[i].level == JH_DIAG_WARNING ? "note: " : "", notes.items[i].text);
    if (rc) {
        code = rc == JH_ENOMEM ? cli_exit_code(JH_ENOMEM) : EX_DATAERR;
        goto done;
    }
    if ((code = cli_open_output(&out, o->output)) ||
        (o->counties_out && (code = cli_open_output(&cout, o->counties_out))))
        goto done;
    jh_write_targets(out.f, st, t, o->data.csv);
    if (cout.f)
        jh_write_target_counties(cout.f, st, t, o->data.csv);
    if (cout.f)
        code = cli_commit_output(&cout, o->counties_out);
    if (!code)
        code = cli_commit_output(&out, o->output);
done:
    jh_outfile_abort(&out);
    jh_outfile_abort(&cout);
    jh_diag_clear(&notes);
    jh_targets_table_free(t);
    return code;
}

int cmd_targets(int argc, char **argv)
{
    struct opts o;
    jh_study *st = NULL;
    memset(&o, 0, sizeof o);
    o.stratum = "total";
    int code = parse_args(argc, argv, &o);
    if (!code)
        code = cli_load_study(&o.data, &st);
    if (!code)
        code = run(&o, st);
    jh_study_free(st);
    free(o.data.files.path);
    return code < 0 ? EX_OK : code;
}
