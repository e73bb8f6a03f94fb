/* Shared pieces of the junheng program: the command table, exit codes and
 * the steps every command takes (load the data, report diagnostics). */
#ifndef JUNHENG_CLI_H
#define JUNHENG_CLI_H

#include <stddef.h>
#include <sysexits.h>
#include "junheng/dataset.h"
#include "junheng/diag.h"
#include "junheng/study.h"
#include "junheng/output.h"
#include "junheng/analysis.h"

/* One subcommand: `junheng NAME ...` calls run(argc, argv) with argv[0] ==
 * NAME and returns its exit code. */
typedef struct cli_command {
    const char *name;                 /* as typed */
    int (*run)(int argc, char **argv);
    const char *summary;              /* one line for `junheng --help` */
} cli_command;

int cmd_indices(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_decompose(int argc, char **argv);
int cmd_urban_rural(int argc, char **argv);
int cmd_plot(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_converge(int argc, char **argv);
int cmd_rank(int argc, char **argv);
int cmd_targets(int argc, char **argv);
int cmd_neighbors(int argc, char **argv);
int cmd_spatial(int argc, char **argv);
int cmd_init(int argc, char **argv);

/* The warnings `junheng indices` adds after computing: one per index
 * some slices leave undefined (skip: --nonpositive=skip), one when
 * intervals left out replicates.  The run calls it too. */
void cli_indices_warnings(const jh_slice_indices *s, size_t n, int skip, jh_diag *diag);
/* The command called name, or NULL (the run calls commands in-process). */
const cli_command *cli_find_command(const char *name);

/* Prints every kept message of d to stderr as "junheng: ..." and a line
 * saying how many more there were when some were not kept. */
void cli_print_diag(const jh_diag *d);

/* Exit code for a library status (sysexits.h). */
int cli_exit_code(int status);

/* Prints "junheng: CMD: message" and a pointer to --help; returns EX_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Reads the files into a dataset.  Prints diagnostics; returns EX_OK and
 * sets *out, or an exit code. */
int cli_load_dataset(char **files, size_t n_files, const jh_read_opts *opts,
                     jh_dataset **out);

/* A growable list of --data arguments (argv strings, not owned). */
typedef struct cli_files {
    char **path;
    size_t n, cap;
} cli_files;
int cli_files_add(cli_files *f, char *path);


/* Options shared by every command that reads data.  Each command puts
 * CLI_DATA_LONGOPTS into its getopt_long table ("d:w:" in its short
 * options) and passes unknown option codes to cli_data_option. */
enum {
    CLI_OPT_NO_WEIGHT = 256, CLI_OPT_WIDE, CLI_OPT_LONG, CLI_OPT_REGION_COL,
    CLI_OPT_YEAR_COL, CLI_OPT_INDICATOR_COL, CLI_OPT_VALUE_COL, CLI_OPT_GROUP_COL,
    CLI_OPT_STRATUM_COL, CLI_OPT_NAME_COL, CLI_OPT_YEAR, CLI_OPT_ENCODING,
    CLI_OPT_DELIMITER, CLI_OPT_CENSORED, CLI_OPT_ON_DUPLICATE, CLI_OPT_REGIONS,
    CLI_OPT_INDICATORS, CLI_OPT_LENIENT, CLI_OPT_RAW_TEXT, CLI_OPT_IGNORE_COL,
    CLI_OPT_INDICATORS_ONLY, CLI_OPT_LEVEL, CLI_OPT_DERIVE, CLI_OPT_STRATA,
    CLI_OPT_YEARS_ACROSS, CLI_OPT_BOOTSTRAP, CLI_OPT_CI, CLI_OPT_SEED, CLI_OPT_NONPOSITIVE, CLI_OPT_NOTES,
    CLI_OPT_FIRST_FREE /* first code a command may use for its own options */
};
#define CLI_DATA_LONGOPTS                                                   \
    {"data", required_argument, NULL, 'd'},                                 \
    {"weight-col", required_argument, NULL, 'w'},                           \
    {"no-weight", no_argument, NULL, CLI_OPT_NO_WEIGHT},                    \
    {"wide", no_argument, NULL, CLI_OPT_WIDE},                              \
    {"long", no_argument, NULL, CLI_OPT_LONG},                              \
    {"region-col", required_argument, NULL, CLI_OPT_REGION_COL},            \
    {"year-col", required_argument, NULL, CLI_OPT_YEAR_COL},                \
    {"indicator-col", required_argument, NULL, CLI_OPT_INDICATOR_COL},      \
    {"value-col", required_argument, NULL, CLI_OPT_VALUE_COL},              \
    {"group-col", required_argument, NULL, CLI_OPT_GROUP_COL},              \
    {"stratum-col", required_argument, NULL, CLI_OPT_STRATUM_COL},          \
    {"name-col", required_argument, NULL, CLI_OPT_NAME_COL},                \
    {"year", required_argument, NULL, CLI_OPT_YEAR},                        \
    {"years-across", required_argument, NULL, CLI_OPT_YEARS_ACROSS},        \
    {"encoding", required_argument, NULL, CLI_OPT_ENCODING},                \
    {"delimiter", required_argument, NULL, CLI_OPT_DELIMITER},              \
    {"censored", required_argument, NULL, CLI_OPT_CENSORED},                \
    {"on-duplicate", required_argument, NULL, CLI_OPT_ON_DUPLICATE},        \
    {"regions", required_argument, NULL, CLI_OPT_REGIONS},                  \
    {"indicators", required_argument, NULL, CLI_OPT_INDICATORS},            \
    {"lenient", no_argument, NULL, CLI_OPT_LENIENT},                        \
    {"raw-text", no_argument, NULL, CLI_OPT_RAW_TEXT},                      \
    {"ignore-col", required_argument, NULL, CLI_OPT_IGNORE_COL},            \
    {"indicators-only", required_argument, NULL, CLI_OPT_INDICATORS_ONLY},  \
    {"region-level", required_argument, NULL, CLI_OPT_LEVEL},               \
    {"derive", required_argument, NULL, CLI_OPT_DERIVE},                   \
    {"strata", required_argument, NULL, CLI_OPT_STRATA}

typedef struct cli_data {
    cli_files files;       /* --data arguments */
    jh_read_opts read;     /* how to read them */
    jh_study_opts study;   /* --regions, --indicators, --lenient */
    int csv;               /* --raw-text: JH_CSV_RAW, else 0 (jh_csv_text) */
    const char *derive[JH_READ_MAX_LIST]; /* --derive NAME=NUM/DEN*SCALE, as given */
    size_t n_derive;
} cli_data;

/* One --derive NAME=NUM/DEN*SCALE, parsed. */
typedef struct cli_derive {
    char name[256], num[256], den[256];
    double scale;
} cli_derive;

/* Parses a --derive argument into out (may be NULL to check only): 0, or
 * -1 when it is not NAME=NUM/DEN with an optional *SCALE > 0. */
int cli_parse_derive(const char *arg, cli_derive *out);

/* Usage error for an indicator the data lack, naming those they have and
 * the nearest ("did you mean").  Returns EX_USAGE. */
int cli_no_indicator(const char *cmd, const jh_study *s, const char *code);

/* The position of the stratum labelled text (--stratum: total, urban,
 * rural, their aliases, or a stratum of the strata catalog) in the data,
 * into *pos.  Returns EX_OK; EX_DATAERR when the data lack a built-in
 * stratum; EX_USAGE, naming the data's strata, for any other label. */
int cli_stratum_pos(const char *cmd, const jh_dataset *d, const char *text, size_t *pos);

/* Reads the data and the catalogs into a study.  Prints diagnostics;
 * returns EX_OK and sets *out (free with jh_study_free), or an exit code. */
int cli_load_study(const cli_data *d, jh_study **out);

/* The help text of the shared options. */
extern const char cli_data_help[];

/* Handles option c with argument arg.  Returns EX_OK, an exit code after a
 * usage message, or -1 when c is not a data option. */
int cli_data_option(int c, const char *arg, const char *cmd, cli_data *d);

/* Parses an argv made only of data options (argv[0] is skipped). */
int cli_data_parse(int argc, char **argv, cli_data *d);

/* What every command's getopt loop does after its own options (call it
 * from the default case): a missing value, an unknown option, and the
 * shared data options.  Returns EX_OK when c was a data option, else an
 * exit code after a message. */
int cli_common_option(const char *cmd, int c, char **argv, cli_data *d);

/* A whole number in [lo, hi] (digits only); 0, or -1 for anything else. */
int cli_parse_count(const char *arg, unsigned long lo, unsigned long hi, unsigned long *out);

/* --layout long|wide: sets *wide; EX_OK, or a usage error. */
int cli_parse_layout(const char *cmd, const char *arg, int *wide);

/* --bootstrap, --ci, --seed, --nonpositive and --notes, shared by the
 * commands with intervals (indices, decompose, urban-rural).  The command
 * points the members at its own option fields; CLI_INFERENCE_LONGOPTS goes
 * into its getopt_long table. */
typedef struct cli_inference {
    size_t *bootstrap;           /* B replicates */
    double *ci;                  /* interval level */
    unsigned long *seed;         /* run seed */
    jh_nonpositive *nonpositive; /* zero and negative policy */
    const char **notes;          /* --notes FILE */
    int seed_given, ci_given;    /* set by the parser: they need --bootstrap */
} cli_inference;
#define CLI_INFERENCE_LONGOPTS                                              \
    {"bootstrap", required_argument, NULL, CLI_OPT_BOOTSTRAP},              \
    {"ci", required_argument, NULL, CLI_OPT_CI},                            \
    {"seed", required_argument, NULL, CLI_OPT_SEED},                        \
    {"nonpositive", required_argument, NULL, CLI_OPT_NONPOSITIVE},          \
    {"notes", required_argument, NULL, CLI_OPT_NOTES}

/* Handles option c when it is one of CLI_INFERENCE_LONGOPTS: EX_OK, a usage
 * error after a message, or -1 when c is not one of them. */
int cli_inference_option(const char *cmd, int c, const char *arg, cli_inference *inf);

/* Prints a command's help followed by the shared input options. */
void cli_print_help(const char *help);

/* jh_outfile_open / _commit with the message and the exit code
 * (EX_CANTCREAT, EX_IOERR) a command returns. */
int cli_open_output(jh_outfile *out, const char *path);
int cli_commit_output(jh_outfile *out, const char *path);

/* A command's output files: the main table (out[0], stdout when its path
 * is NULL) and optional side files (out[1..], skipped when their path is
 * NULL).  All are written to temporary files; side files are renamed into
 * place first, because stdout cannot be taken back. */
typedef struct cli_output {
    const char *path;  /* as given; NULL: stdout (main) or not wanted (side) */
    const char *what;  /* option that named it, for messages: "--notes" */
    jh_outfile f;      /* the open file */
    int open;          /* f is open */
} cli_output;

/* Usage error when two wanted outputs name the same file. */
int cli_outputs_distinct(const char *cmd, const cli_output *out, size_t n);
/* Opens every wanted output; on failure closes what it opened.  EX_OK or
 * EX_CANTCREAT. */
int cli_outputs_open(cli_output *out, size_t n);
/* Commits side files, then the main one; on failure removes what is left.
 * EX_OK or EX_IOERR. */
int cli_outputs_commit(cli_output *out, size_t n);

/* After parsing: EX_OK or a usage error (no --data, contradictions). */
int cli_data_check(const char *cmd, const cli_data *d);

#endif
