/* Shared pieces of the junheng program: the command table, exit codes and
 * the steps every command takes (load the data, report diagnostics). */
#ifndef JUNHENG_CLI_H
#define JUNHENG_CLI_H

#include <stddef.h>
#include <sysexits.h>
#include "junheng/dataset.h"
#include "junheng/diag.h"

/* One subcommand: `junheng NAME ...` calls run(argc, argv) with argv[0] ==
 * NAME and returns its exit code. */
typedef struct cli_command {
    const char *name;                 /* as typed */
    int (*run)(int argc, char **argv);
    const char *summary;              /* one line for `junheng --help` */
} cli_command;

int cmd_indices(int argc, char **argv);

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

#endif
