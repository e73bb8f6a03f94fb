/* junheng rank: indicators ranked by a disparity index, or counties ranked
 * by a composite equalization score. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "junheng/output.h"
#include "junheng/rank.h"
#include "weights_opt.h"

static const char help[] =
    "Usage: junheng rank --data FILE [--data FILE ...] [--what counties|indicators]\n"
    "                    [OPTIONS]\n"
    "\n"
    "--what indicators: every non-neutral indicator ranked per year by a\n"
    "disparity index (1 = most unequal), with its domain, a tier (quintile of\n"
    "the rank, 1 = the most unequal fifth), and the change of the index against\n"
    "the previous year and the base year.  Columns:\n"
    "  year,indicator,domain,index,value,n,rank,tier,change_prev,change_base\n"
    "\n"
    "--what counties (default): a composite equalization score per county and\n"
    "year, its rank and rank change (previous rank minus this one: positive =\n"
    "moved up), domain scores, coupling coordination of the domain scores, and\n"
    "the indicators that hold the score down most (obstacle degree).  Columns:\n"
    "  year,region,name,prefecture,score,rank,rank_change,score_DOMAIN...,\n"
    "  coupling_c,coupling_t,coupling_d,coordination,obstacle_1,\n"
    "  obstacle_1_degree,...,imputed\n"
    "Neutral indicators (population counts) never enter the scores.  Without an\n"
    "indicator catalog every indicator counts as higher-is-better.\n"
    "Formulas and references: docs/indices.md, \"Composite scores\".\n"
    "\n"
    "Options:\n"
    "  --what WHAT            counties (default) or indicators\n"
    "  --by INDEX             index ranking the indicators (default gini_w; any\n"
    "                         name of 'junheng indices', e.g. cv, theil_t)\n"
    "  --base-year YEAR       year change_base refers to (default: first year)\n"
    "  --stratum STRATUM      total (default), urban, rural or a stratum of the\n"
    "                         strata catalog (--strata), e.g. a group of people\n"
    "  --years Y[,Y...]       only these years (counties)\n"
    "  --indicator CODE[,...] only these indicators; repeatable (counties)\n"
    "  --norm NORM            minmax (default) or zscore\n"
    "  --fixed-range          min-max over all selected years pooled, so that\n"
    "                         scores are comparable over time\n"
    "";

/* The weights options: a string of their own (C99 guarantees 4095
 * characters in one literal). */
static const char help_weights[] =
    "  --weights METHOD       entropy (default), critic or equal, computed per\n"
    "                         year; or subjective weights:\n"
    "                         fixed:FILE  a CSV 'code,weight' (header row first)\n"
    "                           of indicator weights, or of domain weights plus\n"
    "                           indicator weights within each domain, multiplied\n"
    "                           through; normalised to sum 1\n"
    "                         ahp:FILE[:FILE...]  AHP pairwise comparison\n"
    "                           matrices on Saaty's 1-9 scale (header: a label,\n"
    "                           then the codes; one row per code; a cell may be\n"
    "                           left empty when its mirror is given; 1/3 is a\n"
    "                           fraction): one matrix of the indicators, or one\n"
    "                           of the domains and one per domain; weights by the\n"
    "                           principal eigenvector, CR = CI/RI (Saaty's RI)\n"
    "                         combined:SUBJ,OBJ[,ALPHA]  SUBJ (fixed:FILE or\n"
    "                           ahp:FILE...) with OBJ (entropy or critic):\n"
    "                           w ~ ws*wo (default), or with ALPHA in [0,1]\n"
    "                           w = ALPHA*ws + (1-ALPHA)*wo\n"
    "  --ahp-accept-inconsistent  use AHP matrices with CR > 0.10 (an error\n"
    "                         otherwise); the CR is reported either way\n"
    "  --weights-base BASE    objective weights (entropy, critic, and those in\n"
    "                         combined) computed once and held for every year:\n"
    "                         on YEAR, or 'pooled' (all selected years stacked);\n"
    "                         default: per year.  With --fixed-range the scores\n"
    "                         are comparable over time\n"
    "";

static const char help_rest[] =
    "  --entropy-shift EPS    shift normalised values into [EPS, 1] before the\n"
    "                         entropy (0 < EPS < 1); default none: 0 ln 0 = 0\n"
    "  --method METHOD        wsum (weighted sum, default) or topsis\n"
    "  --topsis-weight-outside  TOPSIS distances sqrt(sum w (r - r*)^2) instead\n"
    "                         of the textbook sqrt(sum (w r - w r*)^2)\n"
    "  --coupling FORM        standard (default) or corrected (Wang et al. 2021)\n"
    "  --impute RULE          none (default: a county missing a value is left out\n"
    "                         of that year's ranking), prefecture-mean (mean of\n"
    "                         its prefecture's other counties that year; the\n"
    "                         province mean when none has one), province-mean.\n"
    "                         A missing value is never scored as zero.\n"
    "  --obstacles N          obstacle columns per county (default 3)\n"
    "  --weights-out FILE     write the weights: year,indicator,domain,weight,info,\n"
    "                         subjective,objective,cr,cr_domain (info: entropy\n"
    "                         e_j or CRITIC C_j; subjective and objective: the\n"
    "                         parts combined; cr: CR of the AHP matrix comparing\n"
    "                         the indicator, cr_domain: of the domain matrix)\n"
    "  -o, --output FILE      write to FILE (default: standard output); files\n"
    "                         appear only when complete\n"
    "  -h, --help             show this help\n"
    "\n"
    "Notes on the conventions used go to standard error as 'junheng: note: ...'.\n"
    "\n"
    "Example:\n"
    "  junheng rank --data datasets/jilin/values.csv \\\n"
    "      --regions datasets/jilin/regions.csv \\\n"
    "      --indicators datasets/jilin/indicators.csv \\\n"
    "      --what counties --impute prefecture-mean --weights-out weights.csv\n";

enum {
    OPT_WHAT = CLI_OPT_FIRST_FREE, OPT_BY, OPT_BASE_YEAR, OPT_STRATUM, OPT_YEARS,
    OPT_INDICATOR, OPT_NORM, OPT_FIXED, OPT_WEIGHTS, OPT_SHIFT, OPT_METHOD,
    OPT_OUTSIDE, OPT_COUPLING, OPT_IMPUTE, OPT_OBSTACLES, OPT_WEIGHTS_OUT,
    OPT_ACCEPT, OPT_WEIGHTS_BASE
};

struct opts {
    cli_data data;
    int indicators;           /* --what indicators */
    const char *by;           /* --by */
    int base_year;            /* --base-year, 0 = first */
    const char *stratum;       /* --stratum: a label of the data */
    const char *years;        /* --years list, unparsed */
    cli_files codes;          /* --indicator arguments */
    jh_rank_counties_opts rank;        /* scoring options */
    const char *weights_out;  /* --weights-out */
    const char *weights;      /* --weights, read after the options */
    int accept;               /* --ahp-accept-inconsistent */
    cli_weights files;        /* the weight files read */
    const char *output;       /* -o */
};

static int parse_int(const char *s, long lo, long hi, long *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (end == s || *end || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

/* The options of the composite score (counties): EX_OK when c is one of
 * them and arg is good, an exit code when arg is bad, NOT_SCORE when c is
 * another option. */
#define NOT_SCORE (-2)
static int score_option(int c, const char *arg, struct opts *o)
{
    char *end;
    long v;
    switch (c) {
    case OPT_NORM:
        if (strcmp(arg, "minmax") == 0)
            o->rank.norm = JH_NORM_MINMAX;
        else if (strcmp(arg, "zscore") == 0)
            o->rank.norm = JH_NORM_ZSCORE;
        else
            return cli_usage_error("rank", "unknown --norm '%s' (expected minmax or zscore)", arg);
        break;
    case OPT_FIXED:
        o->rank.fixed_range = 1;
        break;
    case OPT_WEIGHTS:
        o->weights = arg;
        break;
    case OPT_WEIGHTS_BASE:
        if (cli_weights_base_parse(arg, &o->rank.weights_base))
            return cli_usage_error("rank", "invalid --weights-base '%s' (expected a year or pooled)", arg);
        break;
    case OPT_ACCEPT:
        o->accept = 1;
        break;
    case OPT_SHIFT:
        o->rank.entropy_shift = strtod(arg, &end);
        if (end == arg || *end || !(o->rank.entropy_shift > 0 && o->rank.entropy_shift < 1))
            return cli_usage_error("rank", "invalid --entropy-shift '%s' (expected a number between 0 and 1, exclusive)", arg);
        break;
    case OPT_METHOD:
        if (strcmp(arg, "wsum") == 0)
            o->rank.method = JH_SCORE_WSUM;
        else if (strcmp(arg, "topsis") == 0)
            o->rank.method = JH_SCORE_TOPSIS;
        else
            return cli_usage_error("rank", "unknown --method '%s' (expected wsum or topsis)", arg);
        break;
    case OPT_OUTSIDE:
        o->rank.topsis_form = JH_TOPSIS_WEIGHT_OUTSIDE;
        break;
    case OPT_COUPLING:
        if (strcmp(arg, "standard") == 0)
            o->rank.coupling = JH_COUPLING_STANDARD;
        else if (strcmp(arg, "corrected") == 0)
            o->rank.coupling = JH_COUPLING_CORRECTED;
        else
            return cli_usage_error("rank", "unknown --coupling '%s' (expected standard or corrected)", arg);
        break;
    case OPT_IMPUTE:
        if (strcmp(arg, "none") == 0)
            o->rank.impute = JH_IMPUTE_NONE;
        else if (strcmp(arg, "prefecture-mean") == 0)
            o->rank.impute = JH_IMPUTE_PREFECTURE;
        else if (strcmp(arg, "province-mean") == 0)
            o->rank.impute = JH_IMPUTE_PROVINCE;
        else
            return cli_usage_error("rank", "unknown --impute '%s' (expected none, prefecture-mean or province-mean)", arg);
        break;
    case OPT_OBSTACLES:
        if (parse_int(arg, 0, 100, &v))
            return cli_usage_error("rank", "invalid --obstacles '%s' (expected 0 to 100)", arg);
        o->rank.n_obstacles = (size_t)v;
        break;
    default:
        return NOT_SCORE;
    }
    return EX_OK;
}

static int parse_args(int argc, char **argv, struct opts *o)
{
    static const struct option longopts[] = {
        CLI_DATA_LONGOPTS,
        {"what", required_argument, NULL, OPT_WHAT},
        {"by", required_argument, NULL, OPT_BY},
        {"base-year", required_argument, NULL, OPT_BASE_YEAR},
        {"stratum", required_argument, NULL, OPT_STRATUM},
        {"years", required_argument, NULL, OPT_YEARS},
        {"indicator", required_argument, NULL, OPT_INDICATOR},
        {"norm", required_argument, NULL, OPT_NORM},
        {"fixed-range", no_argument, NULL, OPT_FIXED},
        {"weights", required_argument, NULL, OPT_WEIGHTS},
        {"entropy-shift", required_argument, NULL, OPT_SHIFT},
        {"method", required_argument, NULL, OPT_METHOD},
        {"topsis-weight-outside", no_argument, NULL, OPT_OUTSIDE},
        {"coupling", required_argument, NULL, OPT_COUPLING},
        {"impute", required_argument, NULL, OPT_IMPUTE},
        {"obstacles", required_argument, NULL, OPT_OBSTACLES},
        {"weights-out", required_argument, NULL, OPT_WEIGHTS_OUT},
        {"weights-base", required_argument, NULL, OPT_WEIGHTS_BASE},
        {"ahp-accept-inconsistent", no_argument, NULL, OPT_ACCEPT},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    long v;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":d:w:o:h", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_WHAT:
            if (strcmp(optarg, "indicators") == 0)
                o->indicators = 1;
            else if (strcmp(optarg, "counties") == 0)
                o->indicators = 0;
            else
                return cli_usage_error("rank", "unknown --what '%s' (expected counties or indicators)", optarg);
            break;
        case OPT_BY:
            o->by = optarg;
            break;
        case OPT_BASE_YEAR:
            if (parse_int(optarg, 1, 9999, &v))
                return cli_usage_error("rank", "invalid --base-year '%s' (expected a year)", optarg);
            o->base_year = (int)v;
            break;
        case OPT_STRATUM:
            if (!*optarg)
                return cli_usage_error("rank", "empty --stratum (expected total, urban, rural or "
                                       "a stratum of the strata catalog)");
            o->stratum = optarg;
            break;
        case OPT_YEARS:
            o->years = optarg;
            break;
        case OPT_INDICATOR:
            if (cli_files_add(&o->codes, optarg))
                return cli_exit_code(JH_ENOMEM);
            break;
        case OPT_WEIGHTS_OUT:
            o->weights_out = optarg;
            break;
        case 'o':
            o->output = optarg;
            break;
        case 'h':
            fputs(help, stdout);
            fputs(help_weights, stdout);
            cli_print_help(help_rest);
            return -1;
        default: {
            int rc = score_option(c, optarg, o);
            if (rc == NOT_SCORE)
                rc = cli_common_option("rank", c, argv, &o->data);
            if (rc)
                return rc;
        }
        }
    }
    if (optind < argc)
        return cli_usage_error("rank", "unexpected argument '%s'", argv[optind]);
    int code = cli_data_check("rank", &o->data);
    if (!code && o->weights)
        code = cli_weights_option("rank", o->weights, NULL, &o->rank, &o->files);
    o->rank.subj.accept_inconsistent = o->accept;
    return code;
}

/* --years and --indicator into selection arrays; messages for unknown
 * names.  Returns EX_OK or an exit code. */
static int make_selection(const struct opts *o, const jh_study *st, int *year_sel, int *ind_sel)
{
    const jh_dataset *d = st->data;
    if (o->years) {
        const char *p = o->years;
        for (size_t y = 0; y < d->n_years; y++)
            year_sel[y] = 0;
        while (*p) {
            char *end;
            long v = strtol(p, &end, 10);
            size_t y;
            if (end == p || (*end && *end != ',')) {
                fprintf(stderr, "junheng: rank: invalid --years '%s' (expected years separated by commas)\n", o->years);
                return EX_USAGE;
            }
            for (y = 0; y < d->n_years && d->years[y] != v; y++)
                ;
            if (y == d->n_years) {
                fprintf(stderr, "junheng: rank: year %ld is not in the data\n", v);
                return EX_DATAERR;
            }
            year_sel[y] = 1;
            p = *end ? end + 1 : end;
        }
    }
    if (o->codes.n) {
        for (size_t k = 0; k < d->indicators.n; k++)
            ind_sel[k] = 0;
        for (size_t i = 0; i < o->codes.n; i++) {
            /* a copy: argv strings may belong to an in-process caller */
            char *list = strdup(o->codes.path[i]), *save = NULL;
            if (!list)
                return cli_exit_code(JH_ENOMEM);
            for (char *tok = strtok_r(list, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
                size_t k = jh_intern_find(&d->indicators, tok);
                if (k == (size_t)-1) {
                    const char *near = jh_suggest(tok, (const char *const *)d->indicators.str,
                                                  d->indicators.n);
                    fprintf(stderr, "junheng: rank: indicator '%s' is not in the data%s%s%s\n",
                            tok, near ? " (did you mean '" : "", near ? near : "",
                            near ? "'?)" : "");
                    free(list);
                    return EX_DATAERR;
                }
                ind_sel[k] = 1;
            }
            free(list);
        }
    }
    return EX_OK;
}

static void print_notes(const jh_diag *notes)
{
    for (size_t i = 0; i < notes->n; i++)
        fprintf(stderr, "junheng: %s%s\n",
                notes->items[i].level == JH_DIAG_WARNING ? "note: " : "", notes->items[i].text);
}

/* Opens every output first so that a path that cannot be created fails
 * before any file appears; commits them together at the end. */
static int run(struct opts *o, jh_study *st)
{
    const jh_dataset *d = st->data;
    jh_diag notes;
    jh_outfile out = {0}, wout = {0};
    jh_rank_indicators_table *it = NULL;
    jh_rank_counties_table *ct = NULL;
    int *year_sel = NULL, *ind_sel = NULL, code = EX_OK, rc;
    jh_index_id id = JH_IX_GINI;
    int weighted = 1;
    size_t stratum;
    if ((code = cli_stratum_pos("rank", d, o->stratum, &stratum)))
        return code;
    if (o->by && jh_index_lookup(o->by, &id, &weighted) != JH_OK)
        return cli_usage_error("rank", "unknown index '%s' (see 'junheng indices --help')", o->by);
    jh_diag_init(&notes, 50);
    year_sel = malloc((d->n_years + 1) * sizeof *year_sel);
    ind_sel = malloc((d->indicators.n + 1) * sizeof *ind_sel);
    if (!year_sel || !ind_sel) {
        code = cli_exit_code(JH_ENOMEM);
        goto done;
    }
    for (size_t y = 0; y < d->n_years; y++)
        year_sel[y] = 1;
    for (size_t k = 0; k < d->indicators.n; k++)
        ind_sel[k] = 1;
    if ((code = make_selection(o, st, year_sel, ind_sel)))
        goto done;
    if (o->indicators) {
        jh_rank_indicators_opts ro = {id, weighted, stratum, o->base_year};
        rc = jh_rank_indicators_run(st, &ro, &notes, &it);
    } else {
        o->rank.stratum = stratum;
        o->rank.year_sel = year_sel;
        o->rank.ind_sel = ind_sel;
        rc = jh_rank_counties_run(st, &o->rank, &notes, &ct);
    }
    print_notes(&notes);
    if (rc) {
        code = rc == JH_ENOMEM ? cli_exit_code(JH_ENOMEM) : rc == JH_EINVAL ? EX_USAGE : EX_DATAERR;
        goto done;
    }
    if ((code = cli_open_output(&out, o->output)) ||
        (o->weights_out && ct && (code = cli_open_output(&wout, o->weights_out))))
        goto done;
    if (it)
        jh_write_rank_indicators(out.f, st, it, o->by ? o->by : "gini_w", o->data.csv);
    else
        jh_write_rank_counties(out.f, st, ct, o->data.csv);
    if (wout.f)
        jh_write_rank_weights(wout.f, st, ct, o->data.csv);
    if (wout.f)
        code = cli_commit_output(&wout, o->weights_out);
    if (!code)
        code = cli_commit_output(&out, o->output);
done:
    jh_outfile_abort(&out);
    jh_outfile_abort(&wout);
    jh_diag_clear(&notes);
    jh_rank_indicators_table_free(it);
    jh_rank_counties_table_free(ct);
    free(year_sel);
    free(ind_sel);
    return code;
}

int cmd_rank(int argc, char **argv)
{
    struct opts o;
    jh_study *st = NULL;
    memset(&o, 0, sizeof o);
    o.rank.n_obstacles = 3;
    o.stratum = "total";
    int code = parse_args(argc, argv, &o);
    if (!code)
        code = cli_load_study(&o.data, &st);
    if (!code)
        code = run(&o, st);
    jh_study_free(st);
    cli_weights_free(&o.files);
    free(o.data.files.path);
    free(o.codes.path);
    return code < 0 ? EX_OK : code;
}
