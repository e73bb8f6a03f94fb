/* Neighbour pairs from a CSV of pairs or derived from boundaries.  See
 * neighbor_source.h. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "neighbor_source.h"


static int parse_metres(const char *cmd, const char *opt, const char *arg, double *v)
{
    char *end;
    errno = 0;
    double x = strtod(arg, &end);
    if (end == arg || *end || errno || !isfinite(x) || !(x > 0) || x > 1e6)
        return cli_usage_error(cmd, "--%s '%s': expected a distance in metres above 0", opt,
                               arg);
    *v = x;
    return EX_OK;
}

int cli_neighbor_option(const char *cmd, int c, const char *arg, cli_neighbor_opts *o)
{
    switch (c) {
    case CLI_OPT_NEIGHBORS: o->neighbors = arg; return EX_OK;
    case CLI_OPT_BOUNDARIES: o->boundaries = arg; return EX_OK;
    case CLI_OPT_BOUNDARY_KEY: o->key = arg; return EX_OK;
    case CLI_OPT_CONTIGUITY:
        if (strcmp(arg, "rook") && strcmp(arg, "queen"))
            return cli_usage_error(cmd, "--contiguity '%s': expected rook or queen", arg);
        o->rook = !strcmp(arg, "rook");
        return EX_OK;
    case CLI_OPT_TOLERANCE: return parse_metres(cmd, "tolerance", arg, &o->tol_m);
    case CLI_OPT_MIN_BORDER: return parse_metres(cmd, "min-border", arg, &o->min_border_m);
    default: return -1;
    }
}

int cli_neighbor_check(const char *cmd, const cli_neighbor_opts *o, int required)
{
    if (o->neighbors && o->boundaries)
        return cli_usage_error(cmd, "--neighbors and --boundaries exclude each other");
    if (required && !o->neighbors && !o->boundaries)
        return cli_usage_error(cmd, "no neighbours: give --neighbors FILE or --boundaries FILE");
    return EX_OK;
}

/* ---- a CSV of pairs ---------------------------------------------------- */

/* Trims spaces and one pair of surrounding double quotes, in place. */
static char *trim(char *s)
{
    size_t n;
    while (*s == ' ' || *s == '\t')
        s++;
    n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        s[--n] = '\0';
    if (n >= 2 && s[0] == '"' && s[n - 1] == '"') {
        s[n - 1] = '\0';
        s++;
    }
    return s;
}

struct pairs {
    size_t *a, *b, n, cap;
};

static int push_pair(struct pairs *p, size_t a, size_t b)
{
    if (p->n == p->cap) {
        size_t cap = p->cap ? 2 * p->cap : 256;
        size_t *na = realloc(p->a, cap * sizeof *na);
        if (!na)
            return -1;
        p->a = na;
        size_t *nb = realloc(p->b, cap * sizeof *nb);
        if (!nb)
            return -1;
        p->b = nb;
        p->cap = cap;
    }
    p->a[p->n] = a;
    p->b[p->n++] = b;
    return 0;
}

/* Pairs naming a region not in the data, and the first such code. */
struct unknown {
    size_t n;
    unsigned long line;
    char code[64];
};

static void note_unknown(struct unknown *u, unsigned long lineno, const char *code)
{
    if (!u->n++) {
        u->line = lineno;
        snprintf(u->code, sizeof u->code, "%s", code);
    }
}

/* One line "code,code[,type...]": 1 taken, 0 skipped (unknown region,
 * header, queen row under rook), -1 malformed. */
static int pair_line(char *line, const jh_dataset *d, int rook, unsigned long lineno,
                     size_t *ia, size_t *ib, struct unknown *unknown)
{
    char *comma = strchr(line, ',');
    if (!comma)
        return -1;
    *comma = '\0';
    char *rest = comma + 1, *third = strchr(rest, ','), *type = NULL;
    if (third) {
        *third = '\0';
        type = third + 1;
        type[strcspn(type, ",")] = '\0';
        type = trim(type);
    }
    char *ca = trim(line), *cb = trim(rest);
    *ia = jh_intern_find(&d->regions, ca);
    *ib = jh_intern_find(&d->regions, cb);
    if (*ia == (size_t)-1 || *ib == (size_t)-1) {
        if (lineno > 1 || *ia != (size_t)-1 || *ib != (size_t)-1)
            note_unknown(unknown, lineno, *ia == (size_t)-1 ? ca : cb);
        return 0;
    }
    return !(rook && type && !strcmp(type, "queen"));
}

/* Reads "code,code[,...]" lines.  A first line whose two codes are both
 * unknown is a header.  A line with fewer than two fields is an error
 * naming file, line and column; pairs naming a region that is not in
 * the data are counted and skipped with one warning. */
static int read_pairs(const char *path, const jh_dataset *d, int rook, jh_diag *diag,
                      struct pairs *p)
{
    FILE *f = fopen(path, "r");
    char line[4096];
    struct unknown unknown = {0};
    size_t ia, ib;
    unsigned long lineno = 0;
    if (!f) {
        jh_diag_add(diag, JH_DIAG_ERROR, path, 0, 0, "cannot open: %s", strerror(errno));
        return EX_NOINPUT;
    }
    while (fgets(line, sizeof line, f)) {
        lineno++;
        line[strcspn(line, "\r\n")] = '\0';
        if (lineno == 1 && !strncmp(line, "\xEF\xBB\xBF", 3))
            memmove(line, line + 3, strlen(line + 3) + 1);
        if (line[strspn(line, " \t")] == '\0')
            continue;
        size_t len = strlen(line);
        int r = pair_line(line, d, rook, lineno, &ia, &ib, &unknown);
        if (r < 0) {
            jh_diag_add(diag, JH_DIAG_ERROR, path, lineno, len + 1, "expected two region codes "
                        "separated by a comma, found '%s'", line);
            fclose(f);
            return EX_DATAERR;
        }
        if (r > 0 && push_pair(p, ia, ib)) {
            fclose(f);
            jh_diag_add(diag, JH_DIAG_ERROR, NULL, 0, 0, "out of memory");
            return cli_exit_code(JH_ENOMEM);
        }
    }
    int err = ferror(f);
    fclose(f);
    if (err) {
        jh_diag_add(diag, JH_DIAG_ERROR, path, 0, 0, "read error");
        return EX_IOERR;
    }
    if (unknown.n) {
        const char *near = jh_suggest(unknown.code, (const char *const *)d->regions.str,
                                      d->regions.n);
        jh_diag_add(diag, JH_DIAG_WARNING, path, 0, 0, "%zu pair(s) name a region not in the "
                    "data; skipped (first: line %lu, '%s'%s%s%s)", unknown.n, unknown.line,
                    unknown.code, near ? "; did you mean '" : "", near ? near : "",
                    near ? "'?" : "");
    }
    return EX_OK;
}

/* ---- boundaries --------------------------------------------------------------- */

int cli_boundary_contacts(const cli_neighbor_opts *o, jh_diag *diag, jh_boundaries **b,
                          jh_contact **c, size_t *n)
{
    *c = NULL;
    *n = 0;
    int rc = jh_boundaries_read(o->boundaries, o->key, b, diag);
    double tol = o->tol_m / 1000, min = (o->min_border_m > 0 ? o->min_border_m : 10 * o->tol_m) / 1000;
    if (!rc)
        rc = jh_boundaries_contiguity(*b, tol, min, c, n);
    if (rc == JH_ENOMEM)
        jh_diag_add(diag, JH_DIAG_ERROR, NULL, 0, 0, "out of memory");
    if (rc) {
        jh_boundaries_free(*b);
        *b = NULL;
    }
    return cli_exit_code(rc);
}

/* A warning listing up to 5 codes of codes[] (n of them) after text. */
static int warn_codes(jh_diag *diag, const char *path, const char *text, char **codes, size_t n)
{
    size_t len = sizeof " ...";
    if (!n)
        return 0;
    for (size_t i = 0; i < n && i < 5; i++)
        len += strlen(codes[i]) + 1;
    char *list = malloc(len), *end = list;
    if (!list)
        return -1;
    for (size_t i = 0; i < n && i < 5; i++)
        end += sprintf(end, " %s", codes[i]);
    strcpy(end, n > 5 ? " ..." : "");
    jh_diag_add(diag, JH_DIAG_WARNING, path, 0, 0, "%zu %s:%s", n, text, list);
    free(list);
    return 0;
}

/* Reports codes unmatched on either side: features of b not in the data,
 * regions of the data without a feature. */
static int report_unmatched(const char *path, const jh_boundaries *b, const jh_dataset *d,
                            jh_diag *diag, size_t *region_of)
{
    char **list = malloc((b->shapes.n + d->regions.n + 1) * sizeof *list);
    size_t m = 0;
    if (!list)
        return -1;
    for (size_t f = 0; f < b->shapes.n; f++) {
        region_of[f] = jh_intern_find(&d->regions, b->code[f]);
        if (region_of[f] == (size_t)-1)
            list[m++] = b->code[f];
    }
    int rc = warn_codes(diag, path, "boundary feature(s) match no region of the data; left out",
                        list, m);
    m = 0;
    for (size_t r = 0; r < d->regions.n; r++)
        if (jh_boundaries_find(b, d->regions.str[r]) == (size_t)-1)
            list[m++] = d->regions.str[r];
    rc |= warn_codes(diag, path, "region(s) of the data have no boundary (no neighbours)", list,
                     m);
    free(list);
    return rc;
}

/* The contacts between features of b as pairs of data regions. */
static int contact_pairs(const cli_neighbor_opts *o, const jh_boundaries *b,
                         const jh_contact *c, size_t n, const jh_dataset *d, jh_diag *diag,
                         struct pairs *p)
{
    size_t *region_of = malloc((b->shapes.n + 1) * sizeof *region_of);
    int code = !region_of || report_unmatched(o->boundaries, b, d, diag, region_of)
                   ? cli_exit_code(JH_ENOMEM) : EX_OK;
    for (size_t k = 0; !code && k < n; k++) {
        size_t ra = region_of[c[k].a], rb = region_of[c[k].b];
        if (ra == (size_t)-1 || rb == (size_t)-1 || (o->rook && !c[k].rook))
            continue;
        if (push_pair(p, ra, rb))
            code = cli_exit_code(JH_ENOMEM);
    }
    free(region_of);
    return code;
}

static int boundary_pairs(const cli_neighbor_opts *o, const jh_dataset *d, jh_diag *diag,
                          struct pairs *p)
{
    jh_boundaries *b = NULL;
    jh_contact *c = NULL;
    size_t n = 0;
    int code = cli_boundary_contacts(o, diag, &b, &c, &n);
    if (!code)
        code = contact_pairs(o, b, c, n, d, diag, p);
    free(c);
    jh_boundaries_free(b);
    return code;
}

/* Hands the pairs over, or frees them on failure. */
static int give_pairs(int code, struct pairs *p, size_t **a, size_t **b, size_t *n)
{
    if (code) {
        free(p->a);
        free(p->b);
        return code;
    }
    *a = p->a;
    *b = p->b;
    *n = p->n;
    return EX_OK;
}

int cli_neighbor_pairs(const cli_neighbor_opts *o, const jh_dataset *d, jh_diag *diag,
                       size_t **a, size_t **b, size_t *n)
{
    struct pairs p = {0};
    int code = o->boundaries ? boundary_pairs(o, d, diag, &p)
                             : read_pairs(o->neighbors, d, o->rook, diag, &p);
    return give_pairs(code, &p, a, b, n);
}

int cli_contact_pairs(const cli_neighbor_opts *o, const jh_boundaries *bd, const jh_contact *c,
                      size_t nc, const jh_dataset *d, jh_diag *diag, size_t **a, size_t **b,
                      size_t *n)
{
    struct pairs p = {0};
    return give_pairs(contact_pairs(o, bd, c, nc, d, diag, &p), &p, a, b, n);
}
