/* Files of subjective weights: code,weight lists and AHP pairwise
 * comparison matrices, read with the catalogs' row reader.  See
 * include/junheng/weightfile.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "catalog_internal.h"
#include "junheng/value.h"
#include "junheng/weightfile.h"

#define ERR(row, col, ...) \
    jh_diag_add((row)->diag, JH_DIAG_ERROR, (row)->path, (row)->line, (col), __VA_ARGS__)

/* ---- code,weight lists ------------------------------------------------ */

struct list_ctx {
    jh_weight_list *l;
    size_t cap;
};

static int list_header(void *vctx, const jh_cat_row *row)
{
    (void)vctx;
    if (row->n < 2) {
        ERR(row, 0, "a weights file needs two columns, code and weight (found %zu)", row->n);
        return JH_EPARSE;
    }
    return JH_OK;
}

/* A plain number: no missing marker, bound or percent (a weight of "25%"
 * is ambiguous between 25 and 0.25). */
static int plain_number(const char *s, size_t len, double *x, const char **why)
{
    jh_value v;
    if (jh_value_parse(s, len, &v, why) != JH_OK)
        return -1;
    if (v.kind != JH_VALUE_NUMBER || v.percent) {
        *why = v.kind == JH_VALUE_MISSING ? "empty or missing" : "a bound or a percent";
        return -1;
    }
    *x = v.x;
    return 0;
}

static int list_row(void *vctx, const jh_cat_row *row)
{
    struct list_ctx *c = vctx;
    jh_weight_list *l = c->l;
    const char *code = row->cell[0].text, *why = NULL, *txt = row->cell[1].text;
    double x;
    if (!*code) {
        ERR(row, 1, "empty code (expected an indicator or domain code)");
        return JH_OK;
    }
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->code[i], code) == 0) {
            ERR(row, 1, "'%s' given twice (first at line %lu)", code, l->line[i]);
            return JH_OK;
        }
    if (plain_number(txt, row->cell[1].len, &x, &why) || x < 0) {
        ERR(row, 2, "weight '%s' for '%s': %s (expected a number >= 0)", txt, code,
            why ? why : "negative");
        return JH_OK;
    }
    if (l->n == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 16;
        char **cd = realloc(l->code, cap * sizeof *cd);
        if (cd)
            l->code = cd;
        double *w = realloc(l->weight, cap * sizeof *w);
        if (w)
            l->weight = w;
        unsigned long *ln = realloc(l->line, cap * sizeof *ln);
        if (ln)
            l->line = ln;
        if (!cd || !w || !ln)
            return JH_ENOMEM;
        c->cap = cap;
    }
    if (!(l->code[l->n] = strdup(code)))
        return JH_ENOMEM;
    l->weight[l->n] = x;
    l->line[l->n++] = row->line;
    return JH_OK;
}

void jh_weight_list_free(jh_weight_list *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->n; i++)
        free(l->code[i]);
    free(l->code);
    free(l->weight);
    free(l->line);
    free(l->path);
    free(l);
}

int jh_weight_list_read(const char *path, jh_diag *diag, jh_weight_list **out)
{
    struct list_ctx c = {.l = calloc(1, sizeof *c.l)};
    int rc;
    *out = NULL;
    if (!c.l || !(c.l->path = strdup(path))) {
        jh_weight_list_free(c.l);
        return JH_ENOMEM;
    }
    rc = jh_cat_read(path, diag, list_header, list_row, &c, NULL);
    if (!rc && c.l->n == 0) {
        jh_diag_add(diag, JH_DIAG_ERROR, path, 0, 0, "no weights (expected code,weight rows "
                    "after the header)");
        rc = JH_EPARSE;
    }
    if (rc) {
        jh_weight_list_free(c.l);
        return rc;
    }
    *out = c.l;
    return JH_OK;
}

/* ---- pairwise comparison matrices ------------------------------------- */

struct pair_ctx {
    jh_pairwise *p;
    size_t rows;           /* rows read */
    unsigned long *line;   /* [n] line of each row */
    unsigned char *given;  /* [n * n] the cell held a number */
    char **raw;            /* [n * n] the cell's text, for messages */
};

static int pair_header(void *vctx, const jh_cat_row *row)
{
    struct pair_ctx *c = vctx;
    jh_pairwise *p = c->p;
    size_t n = row->n - 1;
    p->line = row->line;
    if (row->n < 2) {
        ERR(row, 0, "a comparison matrix needs a label column and at least one code");
        return JH_EPARSE;
    }
    p->code = calloc(n, sizeof *p->code);
    p->a = malloc(n * n * sizeof *p->a);
    c->line = calloc(n, sizeof *c->line);
    c->given = calloc(n * n, 1);
    c->raw = calloc(n * n, sizeof *c->raw);
    if (!p->code || !p->a || !c->line || !c->given || !c->raw)
        return JH_ENOMEM;
    p->n = n;
    for (size_t j = 0; j < n; j++) {
        const char *code = row->cell[j + 1].text;
        if (!*code) {
            ERR(row, j + 2, "empty code in the header (expected an indicator or domain code)");
            return JH_EPARSE;
        }
        for (size_t k = 0; k < j; k++)
            if (strcmp(p->code[k], code) == 0) {
                ERR(row, j + 2, "'%s' given twice in the header (first in column %zu)", code,
                    k + 2);
                return JH_EPARSE;
            }
        if (!(p->code[j] = strdup(code)))
            return JH_ENOMEM;
    }
    return JH_OK;
}

/* "x" or "x/y", each part a plain number; *x > 0. */
static int parse_judgement(const char *s, size_t len, double *x, const char **why)
{
    const char *slash = memchr(s, '/', len);
    double num, den = 1;
    if (plain_number(s, slash ? (size_t)(slash - s) : len, &num, why))
        return -1;
    if (slash && plain_number(slash + 1, len - (size_t)(slash - s) - 1, &den, why))
        return -1;
    if (!(num > 0 && den > 0)) {
        *why = "not positive";
        return -1;
    }
    *x = num / den;
    return 0;
}

static int pair_row(void *vctx, const jh_cat_row *row)
{
    struct pair_ctx *c = vctx;
    jh_pairwise *p = c->p;
    size_t i = c->rows++, n = p->n;
    if (i >= n) {
        ERR(row, 1, "row %zu of a matrix with %zu columns (expected a square matrix)", i + 1, n);
        return JH_EPARSE;
    }
    if (strcmp(row->cell[0].text, p->code[i]) != 0) {
        ERR(row, 1, "row '%s' where '%s' was expected (rows in the order of the header)",
            row->cell[0].text, p->code[i]);
        return JH_EPARSE;
    }
    c->line[i] = row->line;
    for (size_t j = 0; j < n; j++) {
        const jh_cat_cell *cell = &row->cell[j + 1];
        const char *why = NULL;
        double x = NAN;
        if (!(c->raw[i * n + j] = strdup(cell->text)))
            return JH_ENOMEM;
        p->a[i * n + j] = NAN;
        if (cell->len == 0)
            continue;
        if (parse_judgement(cell->text, cell->len, &x, &why)) {
            ERR(row, j + 2, "comparison '%s' of '%s' with '%s': %s (expected a number or a "
                "fraction such as 1/3)", cell->text, p->code[i], p->code[j], why);
            continue;
        }
        if (i == j && x != 1) {
            ERR(row, j + 2, "'%s' compared with itself is '%s' (expected 1 or empty)",
                p->code[i], cell->text);
            continue;
        }
        /* Saaty's scale, with a little room for a rounded reciprocal
         * ("0.11" for 1/9) */
        if (x < 1.0 / 9 * 0.99 || x > 9) {
            ERR(row, j + 2, "comparison '%s' of '%s' with '%s' is off Saaty's scale "
                "(expected 1/9 to 9)", cell->text, p->code[i], p->code[j]);
            continue;
        }
        p->a[i * n + j] = x;
        c->given[i * n + j] = 1;
    }
    return JH_OK;
}

/* Fills empty cells from their mirror and checks the given pairs. */
static int pair_complete(struct pair_ctx *c, jh_diag *diag)
{
    jh_pairwise *p = c->p;
    size_t n = p->n;
    int bad = 0;
    for (size_t i = 0; i < n; i++) {
        p->a[i * n + i] = 1;
        for (size_t j = i + 1; j < n; j++) {
            double *u = &p->a[i * n + j], *v = &p->a[j * n + i];
            int gu = c->given[i * n + j], gv = c->given[j * n + i];
            if (gu && gv && fabs(*u * *v - 1) > 0.02) {
                jh_diag_add(diag, JH_DIAG_ERROR, p->path, c->line[i], j + 2,
                            "'%s' over '%s' is %s but '%s' over '%s' (line %lu, column %zu) "
                            "is %s (expected reciprocals: the product %.6g is not 1)",
                            p->code[i], p->code[j], c->raw[i * n + j], p->code[j], p->code[i],
                            c->line[j], i + 2, c->raw[j * n + i], *u * *v);
                bad = 1;
            } else if (!gu && !gv) {
                jh_diag_add(diag, JH_DIAG_ERROR, p->path, c->line[i], j + 2,
                            "'%s' over '%s' is empty and so is its mirror (line %lu, "
                            "column %zu) (expected a judgement on one side)",
                            p->code[i], p->code[j], c->line[j], i + 2);
                bad = 1;
            } else if (!gu) {
                *u = 1 / *v;
            } else if (!gv) {
                *v = 1 / *u;
            }
        }
    }
    return bad ? JH_EPARSE : JH_OK;
}

void jh_pairwise_free(jh_pairwise *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n; i++)
        free(p->code[i]);
    free(p->code);
    free(p->a);
    free(p->path);
    free(p);
}

int jh_pairwise_read(const char *path, jh_diag *diag, jh_pairwise **out)
{
    struct pair_ctx c = {.p = calloc(1, sizeof *c.p)};
    int rc;
    *out = NULL;
    if (!c.p || !(c.p->path = strdup(path))) {
        jh_pairwise_free(c.p);
        return JH_ENOMEM;
    }
    rc = jh_cat_read(path, diag, pair_header, pair_row, &c, NULL);
    if (!rc && c.rows != c.p->n) {
        jh_diag_add(diag, JH_DIAG_ERROR, path, 0, 0, "%zu rows for %zu columns (expected a "
                    "square matrix: one row per code of the header)", c.rows, c.p->n);
        rc = JH_EPARSE;
    }
    if (!rc)
        rc = pair_complete(&c, diag);
    for (size_t k = 0; c.raw && k < c.p->n * c.p->n; k++)
        free(c.raw[k]);
    free(c.raw);
    free(c.given);
    free(c.line);
    if (rc) {
        jh_pairwise_free(c.p);
        return rc;
    }
    *out = c.p;
    return JH_OK;
}
