/* junheng validate: reads the data as every other command does and prints
 * a report of what is there and what looks wrong. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "junheng/catalog.h"
#include "junheng/validate.h"

static const char help[] =
    "Usage: junheng validate --data FILE [--data FILE ...] [OPTIONS]\n"
    "\n"
    "Reads the data exactly as the other commands do and prints a report to\n"
    "standard output: the files and their detected encodings; the regions,\n"
    "indicators, years and strata found; a coverage table (share of the regions\n"
    "with a value, per indicator, stratum and year; urban and rural rows an\n"
    "indicator never has are left out); how many values were missing,\n"
    "censored (>98, <5 ...) or merged duplicates; and the findings of the checks:\n"
    "  - errors: negative values; values above 100 where the indicators catalog\n"
    "    gives the unit %; negative populations (the weight column); catalog\n"
    "    targets whose year is not after the baseline year; data regions missing\n"
    "    from the regions catalog;\n"
    "  - warnings: outliers, |x - median| / (1.4826 MAD) > 3.5 within an\n"
    "    indicator x year x stratum (slices where the MAD is 0 are skipped, and\n"
    "    indicators the catalog calls neutral: populations are skewed by nature);\n"
    "    zero or missing populations where a region has a value (weighted indices\n"
    "    of the slice are left empty); catalog regions without data; indicators\n"
    "    missing from the catalog; scope = province indicators with values for\n"
    "    several regions.\n"
    "The report names the indicators read and the columns of a wide file not\n"
    "taken as indicators (identifiers, catalog levels, --ignore-col,\n"
    "--indicators-only), and counts the rows left out as another level\n"
    "(--region-level).\n"
    "Errors found while reading (file:line:col), among them a region given two\n"
    "group labels (a warning with --lenient), go to standard error; reading\n"
    "goes on after a bad cell so that every error is listed.\n"
    "\n"
    "Options:\n"
    "      --services FILE      the plan's list of service items (no, domain,\n"
    "                           item, target_group, lead_department,\n"
    "                           indicators): every indicator it names must be\n"
    "                           in the indicator catalog (without --indicators:\n"
    "                           in the data); each one that is not is an error\n"
    "      --max-errors N       list at most N errors (and N warnings) of each\n"
    "                           kind (default 100); the rest are counted\n"
    "  -h, --help               show this help\n"
    "\n"
    "Exit status: 0 when there is no error (warnings allowed), 65 when there are\n"
    "errors, 66 when a file cannot be opened or is a folder, 74 on a read error,\n"
    "71 when out of memory, 64 on a usage error.\n"
    "\n"
    "Example:\n"
    "  junheng validate --data values_2019.csv --data values_2020.csv \\\n"
    "                   --regions regions.csv --indicators indicators.csv\n";

enum { OPT_MAX_ERRORS = CLI_OPT_FIRST_FREE, OPT_SERVICES };

struct opts {
    cli_data data;
    const char *regions;
    const char *indicators;
    const char *services;   /* --services FILE, or NULL */
    size_t max_errors;
    int lenient;
};

static int parse_args(int argc, char **argv, struct opts *o)
{
    static const struct option longopts[] = {
        CLI_DATA_LONGOPTS,
        {"max-errors", required_argument, NULL, OPT_MAX_ERRORS},
        {"services", required_argument, NULL, OPT_SERVICES},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":d:w:h", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_MAX_ERRORS: {
            char *end;
            unsigned long long v = strtoull(optarg, &end, 10);
            if (!*optarg || *end || optarg[0] == '-' || v < 1 || v > 1000000)
                return cli_usage_error("validate",
                                       "--max-errors needs a number from 1 to 1000000, not '%s'",
                                       optarg);
            o->max_errors = (size_t)v;
            break;
        }
        case OPT_SERVICES: o->services = optarg; break;
        case 'h':
            cli_print_help(help);
            return -1;
        default: {
            int rc = cli_common_option("validate", c, argv, &o->data);
            if (rc)
                return rc;
        }
        }
    }
    if (optind < argc)
        return cli_usage_error("validate", "unexpected argument '%s'", argv[optind]);
    /* The catalogs come with the shared data options. */
    o->regions = o->data.study.regions_path;
    o->indicators = o->data.study.indicators_path;
    o->lenient = o->data.study.lenient;
    return cli_data_check("validate", &o->data);
}

/* The data as the other commands read it, with the region catalog's
 * levels left out of the indicators. */
static int load(const struct opts *o, const jh_region_catalog *reg, jh_diag *diag,
                jh_dataset **out)
{
    jh_read_opts ro = o->data.read;
    const char *levels[JH_READ_MAX_LIST];
    ro.level_cols = levels;
    ro.n_level_cols = jh_region_catalog_levels(reg, levels, JH_READ_MAX_LIST);
    return jh_dataset_read(o->data.files.path, o->data.files.n, &ro, diag, out);
}

static int load_catalogs(const struct opts *o, jh_diag *diag, jh_region_catalog **reg,
                         jh_indicator_catalog **ind, jh_service_list **svc)
{
    int rc = JH_OK;
    if (o->services)
        rc = jh_status_worse(rc, jh_service_list_read(o->services, diag, svc));
    if (o->regions)
        rc = jh_status_worse(rc, jh_region_catalog_read(o->regions, diag, reg));
    if (o->indicators)
        rc = jh_status_worse(rc, jh_indicator_catalog_read(o->indicators, diag, ind));
    return rc;
}

int cmd_validate(int argc, char **argv)
{
    struct opts o = {.max_errors = 100};
    jh_dataset *d = NULL;
    jh_region_catalog *reg = NULL;
    jh_indicator_catalog *ind = NULL;
    jh_service_list *svc = NULL;
    jh_validate_table *v = NULL;
    jh_diag read_diag, check_diag;
    int code = parse_args(argc, argv, &o);
    if (code) {
        free(o.data.files.path);
        return code < 0 ? EX_OK : code;
    }
    jh_diag_init(&read_diag, o.max_errors);
    jh_diag_init(&check_diag, o.max_errors);
    /* The catalogs first: the region catalog's levels are not indicators. */
    int rc = load_catalogs(&o, &read_diag, &reg, &ind, &svc);
    rc = jh_status_worse(rc, load(&o, reg, &read_diag, &d));
    if (rc == JH_OK && read_diag.n_errors)
        rc = JH_EPARSE;
    if (rc == JH_ENOMEM)
        jh_diag_add(&read_diag, JH_DIAG_ERROR, NULL, 0, 0, "out of memory while reading the data");
    cli_print_diag(&read_diag);
    if (jh_diag_full(&read_diag))
        fprintf(stderr, "junheng: validate: stopped after %zu errors (raise --max-errors to "
                "see more)\n", read_diag.n_errors);
    if (d && rc != JH_ENOMEM) {
        jh_validate_opts vo = {.regions = reg, .indicators = ind, .services = svc,
                               .lenient = o.lenient};
        if (jh_validate_run(d, &vo, &check_diag, &v)) {
            fputs("junheng: out of memory\n", stderr);
            rc = JH_ENOMEM;
        } else {
            jh_validation_report r = {
                .d = d, .v = v, .checks = &check_diag, .regions = o.regions,
                .indicators = o.indicators, .censored = o.data.read.censored,
                .read_errors = read_diag.n_errors, .read_warnings = read_diag.n_warnings,
            };
            jh_write_validation(stdout, &r);
            if (check_diag.n_errors) {
                fprintf(stderr, "junheng: validate: %zu %s in the data (see the report)\n",
                        check_diag.n_errors, check_diag.n_errors == 1 ? "error" : "errors");
                rc = jh_status_worse(rc, JH_EPARSE);
            }
        }
    }
    jh_validate_table_free(v);
    jh_dataset_free(d);
    jh_region_catalog_free(reg);
    jh_indicator_catalog_free(ind);
    jh_service_list_free(svc);
    jh_diag_clear(&read_diag);
    jh_diag_clear(&check_diag);
    free(o.data.files.path);
    return cli_exit_code(rc);
}
