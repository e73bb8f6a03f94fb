/* junheng — disparities of basic public services between counties,
 * prefectures, and town and country.  The program: subcommand dispatch. */
#include <stdio.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include "cli.h"

static const cli_command commands[] = {
    {"init", cmd_init, "starter regions.csv, indicators.csv and run.ini for one's own data"},
    {"run", cmd_run, "the annual run: every table, chart and the HTML report from one config"},
    {"validate", cmd_validate, "check the data: coverage, missing values, ranges, outliers"},
    {"indices", cmd_indices, "disparity indices for every indicator, year and stratum"},
    {"decompose", cmd_decompose, "disparity between and within groups: GE, Dagum Gini, nested Theil"},
    {"urban-rural", cmd_urban_rural, "urban-rural gaps and ratios per county, prefecture and province"},
    {"rank", cmd_rank, "rank indicators by disparity, counties by a composite score"},
    {"targets", cmd_targets, "progress toward the plan's targets, province and counties"},
    {"converge", cmd_converge, "are the gaps closing? sigma and beta convergence, densities, Markov"},
    {"spatial", cmd_spatial, "do lagging counties cluster? Moran's I, LISA, spatial Gini"},
    {"neighbors", cmd_neighbors, "who borders whom, derived from county boundaries (GeoJSON, .shp)"},
    {"plot", cmd_plot, "charts for reports through gnuplot (Chinese or English labels)"},
};
#define N_COMMANDS (sizeof commands / sizeof commands[0])

const cli_command *cli_find_command(const char *name)
{
    for (size_t i = 0; i < N_COMMANDS; i++)
        if (strcmp(name, commands[i].name) == 0)
            return &commands[i];
    return NULL;
}

static void usage(FILE *f)
{
    fputs("Usage: junheng COMMAND [OPTIONS]\n"
          "       junheng --help | --version\n"
          "\n"
          "Measures how equally basic public services reach people: between counties,\n"
          "between prefectures, and between town and country.\n"
          "\n"
          "Commands:\n", f);
    for (size_t i = 0; i < N_COMMANDS; i++)
        fprintf(f, "  %-12s %s\n", commands[i].name, commands[i].summary);
    fputs("\n'junheng COMMAND --help' describes each command.  Your own data:\n"
          "'junheng init DATA...' writes starter catalogs and a run.ini; both catalog\n"
          "formats (regions.csv, indicators.csv) are in docs/catalogs.md.\n"
          "Exit codes: 0 success, 64 usage, 65 bad input data, 66 input not found,\n"
          "69 a needed program is missing, 70 internal error, 71 out of memory,\n"
          "73 cannot create output, 74 input/output error.\n", f);
}

/* A full disk or closed stdout must not pass for success. */
static int close_stdout(int code)
{
    if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
        fputs("junheng: error writing standard output\n", stderr);
        return code ? code : EX_IOERR;
    }
    return code;
}

int main(int argc, char **argv)
{
    gsl_set_error_handler_off();
    if (argc < 2) {
        usage(stderr);
        return EX_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        usage(stdout);
        return close_stdout(EX_OK);
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("junheng %s\n", JUNHENG_VERSION);
        return close_stdout(EX_OK);
    }
    for (size_t i = 0; i < N_COMMANDS; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return close_stdout(commands[i].run(argc - 1, argv + 1));
    const char *names[N_COMMANDS];
    for (size_t i = 0; i < N_COMMANDS; i++)
        names[i] = commands[i].name;
    const char *near = jh_suggest(argv[1], names, N_COMMANDS);
    fprintf(stderr, "junheng: unknown command '%s'%s%s%s\nTry 'junheng --help'.\n", argv[1],
            near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "");
    return EX_USAGE;
}
