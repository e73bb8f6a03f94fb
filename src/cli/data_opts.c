/* The options every command that reads data shares. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "junheng/value.h"

const char cli_data_help[] =
    "Input options (every command that reads data):\n"
    "  -d, --data FILE          input CSV file (repeatable; files are merged)\n"
    "      --wide | --long      force the layout (default: wide when the file\n"
    "                           has no indicator column)\n"
    "      --year YEAR          the year of a wide file without a year column\n"
    "      --years-across CODE  a table with one column per year (2004, 2005 or\n"
    "                           2004年 ...) and one row per region, as bureaus\n"
    "                           publish them: its values are indicator CODE\n"
    "      --encoding ENC       auto (default: valid UTF-8 is UTF-8, anything\n"
    "                           else GB18030), utf-8 or gb18030\n"
    "      --delimiter CHAR     comma (default), tab, semicolon, or the character;\n"
    "                           *.tsv files default to tab\n"
    "      --region-col NAME    column names replacing the built-in ones; also\n"
    "      --year-col NAME      --indicator-col, --value-col, --group-col,\n"
    "                           --stratum-col, --name-col\n"
    "  -w, --weight-col NAME    weight column (default: population, 人口, 常住人口\n"
    "                           or 户籍人口, when present)\n"
    "      --no-weight          ignore any weight column\n"
    "      --censored POLICY    a bound such as >98 is its number (value, default),\n"
    "                           missing, or an error\n"
    "      --on-duplicate P     a second value for the same region, year,\n"
    "                           indicator and stratum: error (default), first,\n"
    "                           last, or mean\n"
    "      --regions FILE       region catalog (code, name, prefecture, type,\n"
    "                           class, ...); every region of the data must be in it\n"
    "      --indicators FILE    indicator catalog (direction, domain, unit, weight,\n"
    "                           baseline, target, derived indicators)\n"
    "      --strata FILE        strata catalog (code, name_zh, name_en, dimension,\n"
    "                           whole): the stratum labels the data may use\n"
    "                           beyond total, urban and rural (合计, 城镇, 农村),\n"
    "                           e.g. groups of people; see docs/strata.md\n"
    "      --lenient            regions missing from the catalog, and a region\n"
    "                           with two group labels, are a warning (the first\n"
    "                           label is kept), not an error\n"
    "      --raw-text           CSV tables: write text cells as they are; by\n"
    "                           default a name or code beginning with = + - @,\n"
    "                           TAB or CR gets a leading ' so that Excel and WPS\n"
    "                           do not run it as a formula (numbers never do)\n";

/* The rest: one string literal is at most 4095 bytes in C99. */
static const char data_help_rows[] =
    "Which columns and rows are read:\n"
    "      --ignore-col NAMES   columns that play no part, comma-separated\n"
    "                           (repeatable); a name no file has is a warning\n"
    "      --indicators-only CODES  read only these indicators, comma-separated\n"
    "                           (repeatable), even one named like an identifier;\n"
    "                           a --derive name reads its parts too; list those\n"
    "                           of a catalog's derived or weight indicator\n"
    "      --region-level L     rows analysed: county (default), prefecture,\n"
    "                           province, or all (no detection).  A 6-digit code\n"
    "                           ending in 0000 is a province (000000, 100000 the\n"
    "                           nation), ending in 00 a prefecture; names such as\n"
    "                           全国, 合计, 小计, 市辖区, 县 or total are totals.\n"
    "                           Rows of other levels are left out with a warning\n"
    "                           that counts them and names the first lines\n"
    "      --derive NAME=NUM/DEN*SCALE  adds indicator NAME, NUM / DEN x SCALE\n"
    "                           per region and year (*SCALE may be left out:\n"
    "                           1); NUM and DEN are indicators or the weight\n"
    "                           column: --derive beds_per_1000=beds/population*1000\n"
    "                           (repeatable; weighted like NUM)\n"
    "  In a wide file every other column is an indicator, except identifiers\n"
    "  (a name ending in code, 代码, 编码, 编号 or 序号, or id as a word or\n"
    "  suffix: prefecture_id, prefectureId) and the level columns of --regions\n"
    "  (prefecture, province_code ...), and a column whose first value is text\n"
    "  without a digit (prefecture_name: 石家庄市): such columns are kept per\n"
    "  region for --by; `junheng validate` lists them.  Catalog formats:\n"
    "  docs/catalogs.md.\n";

/* Appends arg to a list option of at most JH_READ_MAX_LIST entries. */
static int add_list(const char *cmd, const char *opt, const char *arg, const char **list,
                    size_t *n)
{
    if (!*arg)
        return cli_usage_error(cmd, "%s needs a name", opt);
    if (*n == JH_READ_MAX_LIST)
        return cli_usage_error(cmd, "%s given more than %d times (list several names in one, "
                               "separated by commas)", opt, JH_READ_MAX_LIST);
    list[(*n)++] = arg;
    return EX_OK;
}

static int pick(const char *arg, const char *const *names, int n, int *out)
{
    for (int i = 0; i < n; i++)
        if (strcmp(arg, names[i]) == 0) {
            *out = i;
            return 0;
        }
    return -1;
}

static int parse_delimiter(const char *arg, char *out)
{
    if (strcmp(arg, "comma") == 0 || strcmp(arg, ",") == 0)
        *out = ',';
    else if (strcmp(arg, "tab") == 0 || strcmp(arg, "\\t") == 0 || strcmp(arg, "\t") == 0)
        *out = '\t';
    else if (strcmp(arg, "semicolon") == 0 || strcmp(arg, ";") == 0)
        *out = ';';
    else if (strlen(arg) == 1 && arg[0] != '"' && arg[0] != '\n' && arg[0] != '\r')
        *out = arg[0];
    else
        return -1;
    return 0;
}

int cli_data_option(int c, const char *arg, const char *cmd, cli_data *d)
{
    static const char *const enc[] = {"auto", "utf-8", "gb18030"};
    static const char *const cens[] = {"value", "missing", "error"};
    static const char *const dup[] = {"error", "first", "last", "mean"};
    static const char *const lev[] = {"county", "prefecture", "province", "all"};
    static const jh_level lev_value[] = {JH_LEVEL_COUNTY, JH_LEVEL_PREFECTURE,
                                         JH_LEVEL_PROVINCE, JH_LEVEL_ALL};
    jh_read_opts *o = &d->read;
    int k;
    switch (c) {
    case 'd':
        return cli_files_add(&d->files, (char *)arg) ? cli_exit_code(JH_ENOMEM) : EX_OK;
    case 'w': o->weight_col = arg; break;
    case CLI_OPT_NO_WEIGHT: o->no_weight = 1; break;
    case CLI_OPT_WIDE: o->format = JH_FORMAT_WIDE; break;
    case CLI_OPT_LONG: o->format = JH_FORMAT_LONG; break;
    case CLI_OPT_REGION_COL: o->region_col = arg; break;
    case CLI_OPT_YEAR_COL: o->year_col = arg; break;
    case CLI_OPT_INDICATOR_COL: o->indicator_col = arg; break;
    case CLI_OPT_VALUE_COL: o->value_col = arg; break;
    case CLI_OPT_GROUP_COL: o->group_col = arg; break;
    case CLI_OPT_STRATUM_COL: o->stratum_col = arg; break;
    case CLI_OPT_NAME_COL: o->name_col = arg; break;
    case CLI_OPT_REGIONS: d->study.regions_path = arg; break;
    case CLI_OPT_INDICATORS: d->study.indicators_path = arg; break;
    case CLI_OPT_STRATA: o->strata_path = arg; break;
    case CLI_OPT_LENIENT: d->study.lenient = o->lenient = 1; break;
    case CLI_OPT_RAW_TEXT: d->csv = JH_CSV_RAW; break;
    case CLI_OPT_IGNORE_COL:
        return add_list(cmd, "--ignore-col", arg, o->ignore_cols, &o->n_ignore_cols);
    case CLI_OPT_INDICATORS_ONLY:
        return add_list(cmd, "--indicators-only", arg, o->only, &o->n_only);
    case CLI_OPT_DERIVE:
        if (cli_parse_derive(arg, NULL))
            return cli_usage_error(cmd, "--derive needs NAME=NUMERATOR/DENOMINATOR or "
                                   "NAME=NUMERATOR/DENOMINATOR*SCALE, not '%s'", arg);
        return add_list(cmd, "--derive", arg, d->derive, &d->n_derive);
    case CLI_OPT_LEVEL:
        if (pick(arg, lev, 4, &k))
            return cli_usage_error(cmd, "unknown --region-level '%s' (expected county, "
                                   "prefecture, province or all)", arg);
        o->level = lev_value[k];
        break;
    case CLI_OPT_YEARS_ACROSS:
        if (!*arg)
            return cli_usage_error(cmd, "--years-across needs the code of the indicator");
        o->years_across = arg;
        break;
    case CLI_OPT_YEAR:
        if (jh_value_parse_year(arg, strlen(arg), &o->year))
            return cli_usage_error(cmd, "--year needs a year such as 2020, not '%s'", arg);
        break;
    case CLI_OPT_ENCODING:
        if (pick(arg, enc, 3, &k))
            return cli_usage_error(cmd, "unknown encoding '%s' (expected auto, utf-8 or gb18030)", arg);
        o->encoding = (jh_encoding)k;
        break;
    case CLI_OPT_DELIMITER:
        if (parse_delimiter(arg, &o->delimiter))
            return cli_usage_error(cmd, "bad delimiter '%s' (expected comma, tab, semicolon or one character)", arg);
        break;
    case CLI_OPT_CENSORED:
        if (pick(arg, cens, 3, &k))
            return cli_usage_error(cmd, "unknown --censored policy '%s' (expected value, missing or error)", arg);
        o->censored = (jh_censored_policy)k;
        break;
    case CLI_OPT_ON_DUPLICATE:
        if (pick(arg, dup, 4, &k))
            return cli_usage_error(cmd, "unknown --on-duplicate policy '%s' (expected error, first, last or mean)", arg);
        o->on_duplicate = (jh_dup_policy)k;
        break;
    default:
        return -1;
    }
    return EX_OK;
}

int cli_data_check(const char *cmd, const cli_data *d)
{
    if (d->files.n == 0)
        return cli_usage_error(cmd, "no input: give --data FILE");
    if (d->read.weight_col && d->read.no_weight)
        return cli_usage_error(cmd, "--weight-col and --no-weight exclude each other");
    return EX_OK;
}

int cli_data_parse(int argc, char **argv, cli_data *d)
{
    static const struct option longopts[] = {CLI_DATA_LONGOPTS, {NULL, 0, NULL, 0}};
    int c;
    optind = 0;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":d:w:", longopts, NULL)) != -1) {
        int rc = c == '?' || c == ':' ? -1 : cli_data_option(c, optarg, "run", d);
        if (rc)
            return rc < 0 ? EX_SOFTWARE : rc;
    }
    return cli_data_check("run", d);
}

int cli_common_option(const char *cmd, int c, char **argv, cli_data *d)
{
    if (c == ':')
        return cli_usage_error(cmd, "option '%s' needs a value", argv[optind - 1]);
    int rc = c == '?' ? -1 : cli_data_option(c, optarg, cmd, d);
    if (rc < 0) {
        const char *arg = argv[optind - 1], *near = NULL;
        if (strncmp(arg, "--", 2) == 0) {
            /* The shared options: every command that reads data has them. */
            static const struct option shared[] = {CLI_DATA_LONGOPTS, {"output", 0, 0, 0},
                                                   {"help", 0, 0, 0}};
            const char *names[sizeof shared / sizeof *shared];
            char given[64];
            size_t n = sizeof shared / sizeof *shared;
            for (size_t i = 0; i < n; i++)
                names[i] = shared[i].name;
            snprintf(given, sizeof given, "%.*s", (int)strcspn(arg + 2, "="), arg + 2);
            near = jh_suggest(given, names, n);
        }
        if (near)
            return cli_usage_error(cmd, "unknown option '%s' (did you mean '--%s'?)", arg, near);
        return cli_usage_error(cmd, "unknown option '%s'", arg);
    }
    return rc;
}

void cli_print_help(const char *help)
{
    fputs(help, stdout);
    fputs("\n", stdout);
    fputs(cli_data_help, stdout);
    fputs(data_help_rows, stdout);
}
