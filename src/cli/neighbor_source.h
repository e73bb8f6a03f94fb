/* Where a command's neighbour pairs come from: a CSV of pairs
 * (--neighbors FILE) or county boundaries (--boundaries FILE), from which
 * they are derived (contiguity within a tolerance).  Every command that
 * takes one takes the other. */
#ifndef JUNHENG_CLI_NEIGHBOR_SOURCE_H
#define JUNHENG_CLI_NEIGHBOR_SOURCE_H

#include <stddef.h>
#include "junheng/boundary.h"
#include "junheng/dataset.h"
#include "junheng/diag.h"

/* Option codes far above any command's own (CLI_OPT_FIRST_FREE + n). */
enum {
    CLI_OPT_NEIGHBORS = 1000, CLI_OPT_BOUNDARIES, CLI_OPT_BOUNDARY_KEY, CLI_OPT_CONTIGUITY,
    CLI_OPT_TOLERANCE, CLI_OPT_MIN_BORDER
};
#define CLI_NEIGHBOR_LONGOPTS                                               \
    {"neighbors", required_argument, NULL, CLI_OPT_NEIGHBORS},              \
    {"boundaries", required_argument, NULL, CLI_OPT_BOUNDARIES},            \
    {"boundary-key", required_argument, NULL, CLI_OPT_BOUNDARY_KEY},        \
    {"contiguity", required_argument, NULL, CLI_OPT_CONTIGUITY},            \
    {"tolerance", required_argument, NULL, CLI_OPT_TOLERANCE},              \
    {"min-border", required_argument, NULL, CLI_OPT_MIN_BORDER}

typedef struct cli_neighbor_opts {
    const char *neighbors;   /* --neighbors FILE */
    const char *boundaries;  /* --boundaries FILE */
    const char *key;         /* --boundary-key, or NULL (adcode, code, 区划代码) */
    int rook;                /* --contiguity rook (default queen) */
    double tol_m;            /* --tolerance in metres (default 50) */
    double min_border_m;     /* --min-border in metres (default 10 tolerances) */
} cli_neighbor_opts;

/* The help lines of the options, for a command's --help (a literal). */
#define CLI_NEIGHBOR_HELP \
    "      --neighbors FILE   CSV of neighbouring county pairs (code,code[,type,...];\n" \
    "                         an optional header line; with --contiguity rook,\n" \
    "                         rows typed 'queen' are left out)\n" \
    "      --boundaries FILE  county boundaries (GeoJSON, or an ESRI .shp with its\n" \
    "                         .dbf and .shx): neighbours are derived from them\n" \
    "      --boundary-key P   the property holding the region code (default: the\n" \
    "                         first of adcode, code, 区划代码)\n" \
    "      --contiguity C     queen (default: any shared point) or rook (a shared\n" \
    "                         border longer than --min-border)\n" \
    "      --tolerance M      borders within M metres match, after an equal-area\n" \
    "                         projection (default 50)\n" \
    "      --min-border M     shortest border of a rook pair in metres (default 10\n" \
    "                         tolerances: a corner touch measures about 2)\n"


#define CLI_NEIGHBOR_DEFAULTS {NULL, NULL, NULL, 0, 50.0, -1.0}

/* Handles option c: EX_OK, a usage error, or -1 when c is not one. */
int cli_neighbor_option(const char *cmd, int c, const char *arg, cli_neighbor_opts *o);

/* A usage error when both --neighbors and --boundaries are given, or when
 * required and neither is. */
int cli_neighbor_check(const char *cmd, const cli_neighbor_opts *o, int required);

/* The pairs derived from boundaries, as features of *b (the caller frees
 * both).  Adds its messages to diag (the caller prints or logs them;
 * readers stop early once it keeps max_kept errors); returns an exit code. */
int cli_boundary_contacts(const cli_neighbor_opts *o, jh_diag *diag, jh_boundaries **b,
                          jh_contact **c, size_t *n);

/* The neighbour pairs as data region positions, from either source.
 * Codes not in the data are reported (once, with a count), and with
 * boundaries also the regions of the data without a boundary.  Adds its
 * messages to diag; returns an exit code; the caller frees *a and *b. */
int cli_neighbor_pairs(const cli_neighbor_opts *o, const jh_dataset *d, jh_diag *diag,
                       size_t **a, size_t **b, size_t *n);

/* The same from contacts already derived (cli_boundary_contacts with o):
 * a caller that also writes the derived list derives it once. */
int cli_contact_pairs(const cli_neighbor_opts *o, const jh_boundaries *bd, const jh_contact *c,
                      size_t nc, const jh_dataset *d, jh_diag *diag, size_t **a, size_t **b,
                      size_t *n);

#endif
