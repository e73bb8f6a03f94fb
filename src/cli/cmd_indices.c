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
    "      --by COLUMN        the indices of each group of COLUMN (a column of\n"
    "                         --regions such as prefecture, group, or any text\n"
    "                         column of the data), over its regions only: a\n"
    "                         group column after stratum; regions without a\n"
    "                         group are left out with a warning\n"
    "  -l, --layout LAYOUT    long (default): indicator,year,stratum,index,value,\n"
    "                         values printed to round-trip (%.17g);\n"
    "                         wide: one row per slice, one column per index\n"
    "  -o, --output FILE      write to FILE (default: standard output); the file\n"
    "                         appears only when complete\n"
    "      --bootstrap B      B bootstrap replicates per slice (regions drawn with\n"
    "                         replacement, each keeping its weight): adds the\n"
    "                         columns ci_low,ci_high,se (wide: NAME_lo, NAME_hi,\n"
    "                         NAME_se), percentile intervals and standard errors\n"
    "      --ci LEVEL         confidence level of the intervals (default 0.95)\n"
    "      --seed S           seed of the random streams (default 1); the same\n"
    "                         seed gives the same output\n"
    "      --jackknife        adds jackknife_se, the jackknife standard error of\n"
    "                         gini and gini_w (wide: gini_jackknife_se)\n"
    "      --nonpositive P    zeros and negatives, where theil_l, atkinson_1,\n"
    "                         atkinson_2 and max_min_ratio need x > 0:\n"
    "                           (default) compute what is defined, leave the rest\n"
    "                           empty;\n"
    "                           error: a slice with a value <= 0 is an error;\n"
    "                           skip: leave those four indices empty there;\n"
    "                           drop: drop the values <= 0 from the slice for\n"
    "                           every index (n counts what is left)\n"
    "      --notes FILE       write what was done to each slice: values missing or\n"
    "                         dropped, indices skipped or undefined and why;\n"
    "                         indicator,year,stratum,index,action,count,reason\n"
    "  -h, --help             show this help\n"
    "\n"
    "An index that is undefined for a slice (e.g. theil_l with a zero value) is\n"
    "left empty, and a warning counts such slices; a result beyond the largest\n"
    "double (a max/min of 1e300/1e-300) is named slice by slice.  Equal values\n"
    "give exactly 0.\n"
    "\n"
    "\n"
    "Example:\n"
    "  junheng indices --data datasets/sample/values.csv --layout wide\n"
    "  junheng indices --data county.csv --year 2020 --by 所属地市\n"
    "  junheng indices --data datasets/jilin/values.csv \\\n"
    "      --regions datasets/jilin/regions.csv --bootstrap 999 --seed 7 \\\n"
    "      --nonpositive drop --notes notes.csv -o indices.csv\n";

enum { OPT_JACKKNIFE = CLI_OPT_FIRST_FREE, OPT_BY };

struct opts {
    cli_data data;
    jh_layout layout;
    const char *by;        /* --by COLUMN, or NULL */
    const char *output;
    const char *notes;     /* --notes FILE, or NULL */
    jh_indices_opts ix;    /* policy, bootstrap, jackknife */
    cli_inference inf;     /* parses --bootstrap ... --notes into ix and notes */
};

static int parse_args(int argc, char **argv, struct opts *o)
{
    static const struct option longopts[] = {
        CLI_DATA_LONGOPTS,
        {"layout", required_argument, NULL, 'l'},
        {"output", required_argument, NULL, 'o'},
        CLI_INFERENCE_LONGOPTS,
        {"jackknife", no_argument, NULL, OPT_JACKKNIFE},
        {"by", required_argument, NULL, OPT_BY},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":d:w:l:o:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'l': {
            int wide;
            if (cli_parse_layout("indices", optarg, &wide))
                return EX_USAGE;
            o->layout = wide ? JH_LAYOUT_WIDE : JH_LAYOUT_LONG;
            break;
        }
        case 'o':
            o->output = optarg;
            break;
        case OPT_BY:
            o->by = optarg;
            break;
        case 'h':
            cli_print_help(help);
            return -1;
        default: {
            int rc = c == OPT_JACKKNIFE ? (o->ix.jackknife = 1, EX_OK)
                     : cli_inference_option("indices", c, optarg, &o->inf);
            if (rc < 0)
                rc = cli_common_option("indices", c, argv, &o->data);
            if (rc)
                return rc;
        }
        }
    }
    if (optind < argc)
        return cli_usage_error("indices", "unexpected argument '%s'", argv[optind]);
    cli_output out[] = {{.path = o->output, .what = "--output"},
                        {.path = o->notes, .what = "--notes"}};
    if (cli_outputs_distinct("indices", out, 2))
        return EX_USAGE;
    if (!o->ix.bootstrap && (o->inf.seed_given || o->inf.ci_given))
        return cli_usage_error("indices", "--seed and --ci need --bootstrap");
    return cli_data_check("indices", &o->data);
}

/* One warning per index that some slices leave undefined, with the reason
 * of the first such slice. */
static void warn_undefined(const jh_slice_indices *s, size_t n, int skip, jh_diag *diag)
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
                /* A missing weight (the slice gatherer) and a result beyond a
                 * double (per slice) were said where they were found. */
                if (st == JH_EWEIGHT || st == JH_ERANGE)
                    continue;
                if (st && !bad++)
                    why = st;
            }
            if (bad && skip && jh_index_needs_positive((jh_index_id)k))
                jh_diag_add(diag, JH_DIAG_WARNING, NULL, 0, 0, "%s left empty in %zu of %zu slices "
                        "(first reason: %s; --nonpositive=skip)", name, bad, n,
                        jh_strerror(why));
            else if (bad)
                jh_diag_add(diag, JH_DIAG_WARNING, NULL, 0, 0, "%s undefined in %zu of %zu slices "
                        "(first reason: %s); left empty", name, bad, n, jh_strerror(why));
        }
}

/* One warning when some intervals were computed from fewer than B
 * replicates because the index was undefined in the others. */
static void warn_bootstrap(const jh_slice_indices *s, size_t n, jh_diag *diag)
{
    size_t intervals = 0, first = 0;
    const char *first_name = NULL;
    for (size_t i = 0; i < n; i++)
        for (int k = 1; s[i].has_ci && k < JH_IX_COUNT; k++)
            for (int wt = 0; wt <= s[i].has_weighted; wt++) {
                const char *name = jh_index_name((jh_index_id)k, wt);
                const jh_index_set *set = wt ? &s[i].weighted : &s[i].plain;
                const jh_index_ci *ci = wt ? s[i].weighted_ci : s[i].plain_ci;
                if (!name || set->status[k] || ci->kept[k] == s[i].bootstrap)
                    continue;
                if (!intervals++) {
                    first_name = name;
                    first = s[i].bootstrap - ci->kept[k];
                }
            }
    if (intervals)
        jh_diag_add(diag, JH_DIAG_WARNING, NULL, 0, 0, "%zu interval%s left out bootstrap replicates where "
                "the index was undefined (first: %s, %zu replicate%s); see --notes",
                intervals, intervals == 1 ? "" : "s", first_name, first, first == 1 ? "" : "s");
}

void cli_indices_warnings(const jh_slice_indices *s, size_t n, int skip, jh_diag *diag)
{
    warn_undefined(s, n, skip, diag);
    warn_bootstrap(s, n, diag);
}

static int write_output(const struct opts *o, const jh_dataset *d,
                        const jh_slice_indices *s, size_t n)
{
    cli_output out[] = {{.path = o->output, .what = "--output"},
                        {.path = o->notes, .what = "--notes"}};
    int code = cli_outputs_open(out, 2);
    if (code)
        return code;
    jh_write_indices_groups(out[0].f.f, d, s, n, o->layout == JH_LAYOUT_WIDE, o->data.csv,
                            o->ix.groups);
    if (out[1].open)
        jh_write_indices_notes(out[1].f.f, d, s, n, o->data.csv, o->ix.groups);
    return cli_outputs_commit(out, 2);
}

/* The groups of --by: their names in byte order, as decompose lists them.
 * A region without a group is said, not dropped quietly. */
struct by_groups {
    jh_index_groups g;
    size_t *group_of;
    jh_intern names;
};

static int make_groups(const jh_study *st, const char *by, struct by_groups *b)
{
    const jh_dataset *d = st->data;
    jh_diag diag;
    size_t unassigned = 0;
    b->group_of = malloc((d->regions.n ? d->regions.n : 1) * sizeof *b->group_of);
    jh_diag_init(&diag, 20);
    int rc = b->group_of ? jh_study_groups_sorted(st, by, b->group_of, &b->names, &diag)
                         : JH_ENOMEM;
    cli_print_diag(&diag);
    jh_diag_clear(&diag);
    if (rc)
        return rc == JH_ENOTFOUND ? EX_USAGE : cli_exit_code(rc);
    for (size_t r = 0; r < d->regions.n; r++)
        unassigned += b->group_of[r] == JH_NONE;
    if (unassigned)
        fprintf(stderr, "junheng: warning: %zu region%s without a value in column '%s' left "
                "out of the per-group indices\n", unassigned, unassigned == 1 ? "" : "s", by);
    b->g = (jh_index_groups){by, b->group_of, (const char *const *)b->names.str, b->names.n};
    return EX_OK;
}

int cmd_indices(int argc, char **argv)
{
    struct opts o = {.layout = JH_LAYOUT_LONG, .ix = {.ci = 0.95, .seed = 1}};
    o.inf = (cli_inference){&o.ix.bootstrap, &o.ix.ci, &o.ix.seed, &o.ix.nonpositive,
                            &o.notes, 0, 0};
    jh_study *st = NULL;
    jh_indices_table *t = NULL;
    struct by_groups by = {.group_of = NULL};
    jh_diag diag;
    int code = parse_args(argc, argv, &o);
    if (code) {
        free(o.data.files.path);
        return code < 0 ? EX_OK : code;
    }
    o.ix.use_weights = !o.data.read.no_weight;
    code = cli_load_study(&o.data, &st);
    jh_intern_init(&by.names);
    if (!code && o.by) {
        code = make_groups(st, o.by, &by);
        o.ix.groups = &by.g;
    }
    jh_diag_init(&diag, 20);
    if (!code) {
        int rc = jh_indices_run(st, &o.ix, &diag, &t);
        cli_print_diag(&diag);
        if (rc == JH_EZERO || rc == JH_ENEGATIVE)
            code = EX_DATAERR;
        else if (rc) {
            fprintf(stderr, "junheng: %s\n", jh_strerror(rc));
            code = rc == JH_ENOMEM ? cli_exit_code(JH_ENOMEM) : EX_SOFTWARE;
        }
    }
    if (!code) {
        jh_diag warn;
        jh_diag_init(&warn, 0);
        cli_indices_warnings(t->slices, t->n, o.ix.nonpositive == JH_NONPOS_SKIP, &warn);
        cli_print_diag(&warn);
        jh_diag_clear(&warn);
        code = write_output(&o, st->data, t->slices, t->n);
    }
    jh_diag_clear(&diag);
    jh_indices_table_free(t);
    free(by.group_of);
    jh_intern_clear(&by.names);
    jh_study_free(st);
    free(o.data.files.path);
    return code;
}
