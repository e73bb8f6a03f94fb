/* The built-in strata and the strata catalog (strata.csv). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "catalog_internal.h"
#include "junheng/strata.h"

static const jh_stratum_def builtin[JH_STRATUM_BUILTIN] = {
    {"total", "total", "合计", "Total", "", JH_STRATUM_TOTAL, ""},
    {"urban", "urban", "城镇", "Urban", "area", JH_STRATUM_URBAN, ""},
    {"rural", "rural", "农村", "Rural", "area", JH_STRATUM_RURAL, ""},
};

const char *jh_stratum_name(jh_stratum s)
{
    return s >= 0 && s < JH_STRATUM_BUILTIN ? builtin[s].code : "?";
}

int jh_stratum_parse(const char *text, jh_stratum *s)
{
    static const struct { const char *name; jh_stratum s; } known[] = {
        {"", JH_STRATUM_TOTAL},      {"total", JH_STRATUM_TOTAL},
        {"urban", JH_STRATUM_URBAN}, {"rural", JH_STRATUM_RURAL},
        {"合计", JH_STRATUM_TOTAL},  {"城镇", JH_STRATUM_URBAN},
        {"农村", JH_STRATUM_RURAL},  {"全部", JH_STRATUM_TOTAL},
        {"城市", JH_STRATUM_URBAN},  {"乡村", JH_STRATUM_RURAL},
    };
    if (strcmp(text, "total") == 0) { /* the common case, without case folding */
        *s = JH_STRATUM_TOTAL;
        return 0;
    }
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strcasecmp(text, known[i].name) == 0) {
            *s = known[i].s;
            return 0;
        }
    return -1;
}

jh_stratum jh_strata_lookup(const jh_strata_catalog *cat, const char *text)
{
    jh_stratum s;
    if (jh_stratum_parse(text, &s) == 0)
        return s;
    for (size_t i = 0; cat && i < cat->n; i++) {
        const jh_stratum_def *d = &cat->def[i];
        if (jh_cat_ascii_ieq(text, d->declared) || (*d->name_zh && !strcmp(text, d->name_zh)) ||
            (*d->name_en && jh_cat_ascii_ieq(text, d->name_en)))
            return d->id;
    }
    return -1;
}

const jh_stratum_def *jh_strata_def(const jh_strata_catalog *cat, jh_stratum id)
{
    for (size_t i = 0; cat && i < cat->n; i++)
        if (cat->def[i].id == id)
            return &cat->def[i];
    return id >= 0 && id < JH_STRATUM_BUILTIN ? &builtin[id] : NULL;
}

void jh_strata_catalog_free(jh_strata_catalog *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n; i++) {
        free(c->def[i].code);
        free(c->def[i].declared);
        free(c->def[i].name_zh);
        free(c->def[i].name_en);
        free(c->def[i].dimension);
        free(c->def[i].compare);
    }
    free(c->def);
    free(c);
}

enum { COL_CODE, COL_NAME_ZH, COL_NAME_EN, COL_DIMENSION, COL_WHOLE, COL_COMPARE, N_COLS };

/* Where a row's compare cell is, to name it once every row is known. */
struct where {
    unsigned long line, col;
};

struct ctx {
    jh_strata_catalog *cat;
    int at[N_COLS];    /* field of each column, or -1 */
    size_t cap;
    int whole_seen;    /* a row was marked whole */
    struct where *cmp; /* [cap] the compare cell of each row */
    const char *path;
};

static int on_header(void *vctx, const jh_cat_row *row)
{
    static const char *const names[N_COLS][5] = {
        [COL_CODE] = {"code", "stratum", "代码", "分层", NULL},
        [COL_NAME_ZH] = {"name_zh", "name", "名称", "中文名称", NULL},
        [COL_NAME_EN] = {"name_en", "英文名称", NULL},
        [COL_DIMENSION] = {"dimension", "维度", NULL},
        [COL_WHOLE] = {"whole", "全体", NULL},
        [COL_COMPARE] = {"compare", "comparison", "对照", "比较", NULL},
    };
    struct ctx *c = vctx;
    for (size_t f = 0; f < row->n; f++)
        for (int k = 0; k < N_COLS; k++)
            if (c->at[k] < 0 && jh_cat_match(row->cell[f].text, names[k]) >= 0)
                c->at[k] = (int)f;
    if (c->at[COL_CODE] >= 0)
        return JH_OK;
    jh_diag_add(row->diag, JH_DIAG_ERROR, row->path, row->line, 0,
                "missing column 'code' (a strata catalog needs one code per stratum)");
    return JH_EPARSE;
}

static const char *cell(const struct ctx *c, const jh_cat_row *row, int k)
{
    return c->at[k] >= 0 ? row->cell[c->at[k]].text : "";
}

/* Reports the cell of column k by fmt, whose one %s is the cell's text;
 * -1: the row is left out, and reading goes on so that one run lists
 * every error. */
static jh_stratum row_error(const struct ctx *c, const jh_cat_row *row, int k, const char *fmt)
{
    int f = c->at[k];
    char what[256];
    snprintf(what, sizeof what, fmt, row->cell[f].text);
    jh_diag_add(row->diag, JH_DIAG_ERROR, row->path, row->cell[f].line, (unsigned long)f + 1,
                "%s", what);
    return -1;
}

/* A code is a word: letters, digits, _ and any non-ASCII character, so
 * that it is a CSV cell, a file-name part and a chart label as it is. */
static int code_ok(const char *code)
{
    if (strlen(code) > JH_STRATUM_CODE_MAX)
        return 0;
    for (const unsigned char *p = (const unsigned char *)code; *p; p++)
        if (*p < 0x80 && !isalnum(*p) && *p != '_')
            return 0;
    return 1;
}

/* The id of a new row, or -1 after a message. */
static jh_stratum row_id(struct ctx *c, const jh_cat_row *row)
{
    static const char *const yes[] = {"yes", "y", "1", "true", "是", NULL};
    const char *code = cell(c, row, COL_CODE), *whole = cell(c, row, COL_WHOLE);
    jh_strata_catalog *cat = c->cat;
    int is_whole = jh_cat_match(whole, yes) >= 0;
    if (*whole && !is_whole && strcmp(whole, "0") && !jh_cat_ascii_ieq(whole, "no") &&
        strcmp(whole, "否"))
        return row_error(c, row, COL_WHOLE, "bad whole-population flag \"%s\" (expected yes "
                                            "or no)");
    if (!*code)
        return row_error(c, row, COL_CODE, "empty stratum code%s (expected a label of the data)");
    if (!code_ok(code))
        return row_error(c, row, COL_CODE, "bad stratum code \"%s\" (expected at most 48 "
                                           "bytes of letters, digits and _: it becomes a label "
                                           "in tables and charts)");
    jh_stratum id = jh_strata_lookup(NULL, code);
    for (size_t i = 0; i < cat->n; i++)
        if ((id >= 0 && id == cat->def[i].id) || jh_cat_ascii_ieq(code, cat->def[i].declared))
            return row_error(c, row, COL_CODE, "stratum \"%s\" declared twice (expected one "
                                               "row per stratum)");
    if (is_whole && id > JH_STRATUM_TOTAL)
        return row_error(c, row, COL_CODE, "stratum \"%s\" marked as the whole population "
                                           "(expected a label other than urban and rural)");
    if (is_whole && c->whole_seen++)
        return row_error(c, row, COL_WHOLE, "a second row marked as the whole population "
                                            "(\"%s\"; expected one)");
    if (is_whole)
        return JH_STRATUM_TOTAL;
    if (id >= 0)
        return id;
    if (cat->n_extra + JH_STRATUM_BUILTIN >= JH_STRATA_MAX)
        return row_error(c, row, COL_CODE, "too many strata (at most 253 new ones):"), -1;
    return (jh_stratum)(JH_STRATUM_BUILTIN + cat->n_extra++);
}

static int on_row(void *vctx, const jh_cat_row *row)
{
    struct ctx *c = vctx;
    jh_strata_catalog *cat = c->cat;
    jh_stratum id = row_id(c, row);
    if (id < 0)
        return JH_OK;
    if (cat->n == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 8;
        jh_stratum_def *d = realloc(cat->def, cap * sizeof *d);
        if (d)
            cat->def = d;
        struct where *w = realloc(c->cmp, cap * sizeof *w);
        if (w)
            c->cmp = w;
        if (!d || !w)
            return JH_ENOMEM;
        c->cap = cap;
    }
    if (c->at[COL_COMPARE] >= 0)
        c->cmp[cat->n] = (struct where){row->cell[c->at[COL_COMPARE]].line,
                                        (unsigned long)c->at[COL_COMPARE] + 1};
    jh_stratum_def *d = &cat->def[cat->n++];
    const jh_stratum_def *b = jh_strata_def(NULL, id);
    const char *dim = cell(c, row, COL_DIMENSION);
    d->id = id;
    d->code = jh_cat_strdup(b ? b->code : cell(c, row, COL_CODE));
    d->declared = jh_cat_strdup(cell(c, row, COL_CODE));
    d->name_zh = jh_cat_strdup(*cell(c, row, COL_NAME_ZH) || !b ? cell(c, row, COL_NAME_ZH)
                                                                : b->name_zh);
    d->name_en = jh_cat_strdup(*cell(c, row, COL_NAME_EN) || !b ? cell(c, row, COL_NAME_EN)
                                                                : b->name_en);
    d->dimension = jh_cat_strdup(id == JH_STRATUM_TOTAL ? "" : *dim || !b ? dim : b->dimension);
    d->compare = jh_cat_strdup(cell(c, row, COL_COMPARE));
    return d->code && d->declared && d->name_zh && d->name_en && d->dimension && d->compare
               ? JH_OK : JH_ENOMEM;
}

/* Each compare cell, once every row is read (it may name a later row):
 * a stratum of the catalog or built in, not the row itself, of the row's
 * dimension or the whole population.  The cell becomes that stratum's
 * code ("total" for the whole population).  Errors go to diag. */
static int check_compare(struct ctx *c, jh_diag *diag)
{
    jh_strata_catalog *cat = c->cat;
    int bad = 0;
    for (size_t i = 0; i < cat->n; i++) {
        jh_stratum_def *d = &cat->def[i];
        if (!*d->compare)
            continue;
        jh_stratum id = jh_strata_lookup(cat, d->compare);
        const jh_stratum_def *o = id >= 0 ? jh_strata_def(cat, id) : NULL;
        const char *why = !o ? "names no stratum of the catalog"
                        : id == d->id ? "names the row itself"
                        : *o->dimension && strcmp(o->dimension, d->dimension)
                            ? "names a stratum of another dimension" : NULL;
        if (why) {
            jh_diag_add(diag, JH_DIAG_ERROR, c->path, c->cmp[i].line, c->cmp[i].col,
                        "compare \"%s\" of stratum \"%s\" %s (expected a stratum of "
                        "dimension \"%s\" or the whole population)", d->compare, d->code, why,
                        d->dimension);
            bad = 1;
            continue;
        }
        char *code = jh_cat_strdup(o->code);
        if (!code)
            return JH_ENOMEM;
        free(d->compare);
        d->compare = code;
    }
    return bad ? JH_EPARSE : JH_OK;
}

int jh_strata_catalog_read(const char *path, jh_diag *diag, jh_strata_catalog **out)
{
    struct ctx c = {.cat = calloc(1, sizeof *c.cat), .at = {-1, -1, -1, -1, -1, -1},
                    .path = path};
    *out = NULL;
    if (!c.cat)
        return JH_ENOMEM;
    int rc = jh_cat_read(path, diag, on_header, on_row, &c, NULL);
    if (!rc)
        rc = check_compare(&c, diag);
    free(c.cmp);
    if (rc) {
        jh_strata_catalog_free(c.cat);
        return rc;
    }
    *out = c.cat;
    return JH_OK;
}
