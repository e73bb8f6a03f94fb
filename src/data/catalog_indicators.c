/* The indicators catalog: names, direction, weight, baseline and target,
 * and the definitions of derived indicators (numerator / denominator ×
 * scale).  References to other indicators (weight, numerator, denominator)
 * may point forward in the file, so they are kept as text while reading and
 * resolved once the whole file is in. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "catalog_internal.h"

enum role {
    R_CODE, R_NAME_ZH, R_NAME_EN, R_DOMAIN, R_UNIT, R_DIRECTION, R_WEIGHT, R_SCOPE,
    R_BASELINE_YEAR, R_BASELINE, R_TARGET_YEAR, R_TARGET, R_TARGET_KIND,
    R_NUMERATOR, R_DENOMINATOR, R_SCALE, R_NOTE, R_UNIT_EN, R_KIND, R_GROUP_SIZE, R_COUNT
};

/* Header names of each role, canonical name first. */
static const char *const role_names[R_COUNT][5] = {
    [R_CODE] = {"code", "指标代码", "代码", NULL},
    [R_NAME_ZH] = {"name_zh", "指标名称", "名称", NULL},
    [R_NAME_EN] = {"name_en", "英文名称", NULL},
    [R_DOMAIN] = {"domain", "领域", NULL},
    [R_UNIT] = {"unit", "单位", NULL},
    [R_DIRECTION] = {"direction", "方向", "指标方向", NULL},
    [R_WEIGHT] = {"weight", "权重", NULL},
    [R_SCOPE] = {"scope", NULL},
    [R_BASELINE_YEAR] = {"baseline_year", NULL},
    [R_BASELINE] = {"baseline", NULL},
    [R_TARGET_YEAR] = {"target_year", NULL},
    [R_TARGET] = {"target", NULL},
    [R_TARGET_KIND] = {"target_kind", NULL},
    [R_NUMERATOR] = {"numerator", NULL},
    [R_DENOMINATOR] = {"denominator", NULL},
    [R_SCALE] = {"scale", NULL},
    [R_NOTE] = {"note", "备注", NULL},
    [R_UNIT_EN] = {"unit_en", "英文单位", NULL},
    [R_KIND] = {"kind", "指标类型", NULL},
    [R_GROUP_SIZE] = {"group_size", "目标人群", NULL},
};

/* Spellings of the enum cells: value, then its names (canonical first). */
struct keyword {
    int value;
    const char *names[4];
};

static const struct keyword directions[] = {
    {JH_DIRECTION_HIGHER, {"higher_better", "正向", NULL}},
    {JH_DIRECTION_LOWER, {"lower_better", "逆向", "负向", NULL}},
    {JH_DIRECTION_NEUTRAL, {"neutral", "中性", NULL}},
    {-1, {NULL}}};
static const struct keyword weights[] = {
    {JH_WEIGHT_POPULATION, {"population", "人口", NULL}},
    {JH_WEIGHT_NONE, {"none", "无", NULL}},
    {-1, {NULL}}};
static const struct keyword scopes[] = {
    {JH_SCOPE_COUNTY, {"county", "县级", NULL}},
    {JH_SCOPE_PROVINCE, {"province", "省级", "全省", NULL}},
    {-1, {NULL}}};
static const struct keyword target_kinds[] = {
    {JH_TARGET_AT_LEAST, {"at_least", "不低于", NULL}},
    {JH_TARGET_AT_MOST, {"at_most", "不高于", "不超过", NULL}},
    {JH_TARGET_CUMULATIVE, {"cumulative", "累计", NULL}},
    {JH_TARGET_NONE, {"none", "无", NULL}},
    {-1, {NULL}}};
static const struct keyword kinds[] = {
    {JH_KIND_LEVEL, {"level", "水平", NULL}},
    {JH_KIND_COVERAGE, {"coverage", "覆盖率", NULL}},
    {-1, {NULL}}};

static const char *keyword_name(const struct keyword *t, int value)
{
    for (; t->value >= 0; t++)
        if (t->value == value)
            return t->names[0];
    return "";
}

const char *jh_direction_name(jh_direction d) { return keyword_name(directions, (int)d); }
const char *jh_scope_name(jh_scope s) { return keyword_name(scopes, (int)s); }
const char *jh_target_kind_name(jh_target_kind k) { return keyword_name(target_kinds, (int)k); }
const char *jh_indicator_kind_name(jh_indicator_kind k) { return keyword_name(kinds, (int)k); }

const char *jh_weight_kind_name(jh_weight_kind w)
{
    return w == JH_WEIGHT_INDICATOR ? "indicator" : keyword_name(weights, (int)w);
}

/* A reference to another indicator, resolved at the end. */
struct ref {
    size_t ind;          /* the indicator whose cell it is */
    enum role role;      /* R_WEIGHT, R_NUMERATOR, R_DENOMINATOR or R_GROUP_SIZE */
    char *text;          /* the cell, owned */
    unsigned long line;  /* where the cell is */
    size_t col;
};

struct ctx {
    jh_indicator_catalog *cat; /* being built */
    int at[R_COUNT];          /* field of each role, or -1 */
    char **names;             /* [field] header names as written, owned: the
                                 reader's copy is gone when references are
                                 resolved */
    size_t n_names;           /* entries of names */
    size_t cap;               /* indicators allocated */
    struct ref *refs;         /* references, in file order */
    size_t n_refs, refs_cap;
    size_t keys_cap;          /* allocated length of cat->key_owner */
};

static int on_header(void *vctx, const jh_cat_row *row)
{
    struct ctx *c = vctx;
    int rc = JH_OK;
    c->names = calloc(row->n, sizeof *c->names);
    if (!c->names)
        return JH_ENOMEM;
    c->n_names = row->n;
    for (size_t f = 0; f < row->n; f++)
        if (!(c->names[f] = jh_cat_strdup(row->cell[f].text)))
            return JH_ENOMEM;
    for (size_t f = 0; f < row->n; f++)
        for (int k = 0; k < R_COUNT; k++) {
            if (jh_cat_match(row->cell[f].text, role_names[k]) < 0)
                continue;
            if (c->at[k] >= 0) {
                jh_diag_add(row->diag, JH_DIAG_ERROR, row->path, row->line, f + 1,
                            "column '%s' plays the same part as column %d ('%s')",
                            row->cell[f].text, c->at[k] + 1, row->cell[c->at[k]].text);
                rc = JH_EPARSE;
            } else {
                c->at[k] = (int)f;
            }
        }
    if (c->at[R_CODE] < 0) {
        jh_diag_add(row->diag, JH_DIAG_ERROR, row->path, row->line, 0,
                    "missing column 'code' (an indicators catalog needs one code per "
                    "indicator)");
        rc = JH_EPARSE;
    }
    return rc;
}

/* The cell of role k in this row, or NULL when the file has no such column. */
static const jh_cat_cell *cell_of(const struct ctx *c, const jh_cat_row *row, enum role k)
{
    return c->at[k] >= 0 ? &row->cell[c->at[k]] : NULL;
}

static void cell_error(const struct ctx *c, const jh_cat_row *row, enum role k,
                       const char *fmt_what, const char *why)
{
    const jh_cat_cell *cell = cell_of(c, row, k);
    jh_diag_add(row->diag, JH_DIAG_ERROR, row->path, cell->line, (unsigned long)c->at[k] + 1,
                "cannot read \"%s\" as %s (column '%s': %s)", cell->text, fmt_what,
                row->header[c->at[k]], why);
}

/* Parses an enum cell; an empty cell or no column leaves *value alone.
 * Returns 0, or -1 after reporting an unknown word. */
static int parse_keyword(const struct ctx *c, const jh_cat_row *row, enum role k,
                         const struct keyword *table, const char *what,
                         const char *expected, int *value)
{
    const jh_cat_cell *cell = cell_of(c, row, k);
    if (!cell || !cell->len)
        return 0;
    for (const struct keyword *t = table; t->value >= 0; t++)
        if (jh_cat_match(cell->text, t->names) >= 0) {
            *value = t->value;
            return 0;
        }
    jh_diag_add(row->diag, JH_DIAG_ERROR, row->path, cell->line, (unsigned long)c->at[k] + 1,
                "unknown %s \"%s\" (expected %s)", what, cell->text, expected);
    return -1;
}

static int parse_year(const struct ctx *c, const jh_cat_row *row, enum role k, int *year)
{
    const jh_cat_cell *cell = cell_of(c, row, k);
    *year = 0;
    if (!cell || !cell->len || !jh_value_parse_year(cell->text, cell->len, year))
        return 0;
    cell_error(c, row, k, "a year", "expected an integer such as 2020");
    return -1;
}

/* Baseline, target or scale: missing when there is no column. */
static int parse_number(const struct ctx *c, const jh_cat_row *row, enum role k, jh_value *v)
{
    const jh_cat_cell *cell = cell_of(c, row, k);
    const char *why = NULL;
    *v = (jh_value){.x = NAN, .kind = JH_VALUE_MISSING, .bound = JH_BOUND_NONE};
    if (!cell || jh_value_parse(cell->text, cell->len, v, &why) == JH_OK)
        return 0;
    cell_error(c, row, k, "a number", why);
    return -1;
}

static int add_ref(struct ctx *c, const jh_cat_row *row, enum role k, size_t ind)
{
    const jh_cat_cell *cell = cell_of(c, row, k);
    if (c->n_refs == c->refs_cap) {
        size_t cap = c->refs_cap ? 2 * c->refs_cap : 32;
        struct ref *refs = realloc(c->refs, cap * sizeof *refs);
        if (!refs)
            return -1;
        c->refs = refs;
        c->refs_cap = cap;
    }
    struct ref *r = &c->refs[c->n_refs];
    r->ind = ind;
    r->role = k;
    r->line = cell->line;
    r->col = (size_t)c->at[k] + 1;
    if (!(r->text = jh_cat_strdup(cell->text)))
        return -1;
    c->n_refs++;
    return 0;
}

/* Numerator, denominator and scale go together.  Returns 1 when the row
 * defines a derived indicator, 0 when it does not, -1 after an error. */
static int parse_derived(const struct ctx *c, const jh_cat_row *row, double *scale)
{
    static const enum role part[3] = {R_NUMERATOR, R_DENOMINATOR, R_SCALE};
    const jh_cat_cell *num = cell_of(c, row, R_NUMERATOR), *den = cell_of(c, row, R_DENOMINATOR);
    jh_value s;
    if (parse_number(c, row, R_SCALE, &s))
        return -1;
    int given[3] = {num && num->len, den && den->len, s.kind != JH_VALUE_MISSING};
    int n_given = given[0] + given[1] + given[2];
    if (n_given == 0)
        return 0;
    if (n_given < 3) {
        const char *missing[2];
        int n_missing = 0, first = -1;
        for (int i = 0; i < 3; i++) {
            if (!given[i])
                missing[n_missing++] = role_names[part[i]][0];
            else if (first < 0)
                first = i;
        }
        const jh_cat_cell *cell = cell_of(c, row, part[first]);
        jh_diag_add(row->diag, JH_DIAG_ERROR, row->path, cell->line,
                    (unsigned long)c->at[part[first]] + 1,
                    "incomplete derived indicator: no %s%s%s (numerator, denominator and "
                    "scale go together)",
                    missing[0], n_missing > 1 ? " and no " : "", n_missing > 1 ? missing[1] : "");
        return -1;
    }
    if (s.kind == JH_VALUE_CENSORED || !(s.x > 0)) {
        cell_error(c, row, R_SCALE, "a scale",
                   s.kind == JH_VALUE_CENSORED ? "a bound is not a scale"
                                               : "expected a positive number such as 1000");
        return -1;
    }
    *scale = s.x;
    return 1;
}

/* The group_size cell: a reference to resolve, for a coverage indicator
 * only (an error otherwise).  Returns -1 when out of memory, else 0. */
static int parse_group_size(struct ctx *c, const jh_cat_row *row, size_t i)
{
    const jh_cat_cell *g = cell_of(c, row, R_GROUP_SIZE);
    if (!g || !g->len)
        return 0;
    if (c->cat->ind[i].kind != JH_KIND_COVERAGE) {
        jh_diag_add(row->diag, JH_DIAG_ERROR, row->path, g->line,
                    (unsigned long)c->at[R_GROUP_SIZE] + 1,
                    "group size \"%s\" for an indicator that is not a coverage (column '%s'; "
                    "expected kind coverage, or an empty cell)",
                    g->text, row->header[c->at[R_GROUP_SIZE]]);
        return 0;
    }
    return add_ref(c, row, R_GROUP_SIZE, i);
}

/* Registers key (folded to ASCII lower case) for indicator i; reports a
 * clash with another indicator.  Returns JH_OK or JH_ENOMEM. */
static int add_key(struct ctx *c, const jh_cat_row *row, size_t i, enum role k)
{
    jh_indicator_catalog *cat = c->cat;
    const jh_cat_cell *cell = cell_of(c, row, k);
    if (!cell || !cell->len)
        return JH_OK;
    /* All len bytes: a NUL inside the cell must not shorten the copy that
     * is interned by length (found by fuzz_indicators). */
    char *folded = malloc(cell->len + 1);
    if (!folded)
        return JH_ENOMEM;
    memcpy(folded, cell->text, cell->len);
    folded[cell->len] = '\0';
    for (size_t j = 0; j < cell->len; j++)
        if (folded[j] >= 'A' && folded[j] <= 'Z')
            folded[j] = (char)(folded[j] - 'A' + 'a');
    int added;
    size_t key = jh_intern_add(&cat->keys, folded, strlen(folded), &added);
    free(folded);
    if (key == JH_CATALOG_NONE)
        return JH_ENOMEM;
    if (added) {
        if (key >= c->keys_cap) {
            size_t cap = c->keys_cap ? 2 * c->keys_cap : 64;
            size_t *owner = realloc(cat->key_owner, cap * sizeof *owner);
            if (!owner)
                return JH_ENOMEM;
            cat->key_owner = owner;
            c->keys_cap = cap;
        }
        cat->key_owner[key] = i;
        return JH_OK;
    }
    const jh_indicator *other = &cat->ind[cat->key_owner[key]];
    if (cat->key_owner[key] == i)
        return JH_OK;
    if (k == R_CODE && jh_cat_ascii_ieq(other->code, cell->text))
        jh_diag_add(row->diag, JH_DIAG_ERROR, row->path, cell->line,
                    (unsigned long)c->at[k] + 1,
                    "duplicate indicator code \"%s\" (first at %s:%lu)", cell->text,
                    row->path, other->line);
    else
        jh_diag_add(row->diag, JH_DIAG_ERROR, row->path, cell->line,
                    (unsigned long)c->at[k] + 1,
                    "\"%s\" (column '%s') is already the code or a name of indicator \"%s\" "
                    "(at %s:%lu)",
                    cell->text, row->header[c->at[k]], other->code, row->path, other->line);
    return JH_OK;
}

static int dup_text(const struct ctx *c, const jh_cat_row *row, enum role k, char **out)
{
    const jh_cat_cell *cell = cell_of(c, row, k);
    *out = jh_cat_strdup(cell ? cell->text : NULL);
    return *out ? 0 : -1;
}

static int on_row(void *vctx, const jh_cat_row *row)
{
    struct ctx *c = vctx;
    jh_indicator_catalog *cat = c->cat;
    const jh_cat_cell *code = cell_of(c, row, R_CODE);
    if (!code->len) {
        jh_diag_add(row->diag, JH_DIAG_ERROR, row->path, code->line,
                    (unsigned long)c->at[R_CODE] + 1, "empty indicator code (column '%s')",
                    row->header[c->at[R_CODE]]);
        return JH_OK;
    }
    if (cat->n == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 64;
        jh_indicator *ind = realloc(cat->ind, cap * sizeof *ind);
        if (!ind)
            return JH_ENOMEM;
        cat->ind = ind;
        c->cap = cap;
    }
    size_t i = cat->n++;
    jh_indicator *d = &cat->ind[i];
    memset(d, 0, sizeof *d);
    d->weight_indicator = d->numerator = d->denominator = d->group_size = JH_CATALOG_NONE;
    d->line = row->line;
    if (dup_text(c, row, R_CODE, &d->code) || dup_text(c, row, R_NAME_ZH, &d->name_zh) ||
        dup_text(c, row, R_NAME_EN, &d->name_en) || dup_text(c, row, R_DOMAIN, &d->domain) ||
        dup_text(c, row, R_UNIT, &d->unit) || dup_text(c, row, R_UNIT_EN, &d->unit_en) ||
        dup_text(c, row, R_NOTE, &d->note))
        return JH_ENOMEM;
    for (enum role k = R_CODE; k <= R_NAME_EN; k++)
        if (add_key(c, row, i, k))
            return JH_ENOMEM;
    int v = JH_DIRECTION_NEUTRAL;
    parse_keyword(c, row, R_DIRECTION, directions, "direction",
                  "higher_better, lower_better or neutral", &v);
    d->direction = (jh_direction)v;
    v = JH_SCOPE_COUNTY;
    parse_keyword(c, row, R_SCOPE, scopes, "scope", "county or province", &v);
    d->scope = (jh_scope)v;
    v = JH_TARGET_NONE;
    parse_keyword(c, row, R_TARGET_KIND, target_kinds, "target kind",
                  "at_least, at_most, cumulative or none", &v);
    d->target_kind = (jh_target_kind)v;
    v = JH_KIND_LEVEL;
    parse_keyword(c, row, R_KIND, kinds, "indicator kind", "level or coverage", &v);
    d->kind = (jh_indicator_kind)v;
    if (parse_group_size(c, row, i))
        return JH_ENOMEM;
    parse_year(c, row, R_BASELINE_YEAR, &d->baseline_year);
    parse_number(c, row, R_BASELINE, &d->baseline);
    parse_year(c, row, R_TARGET_YEAR, &d->target_year);
    parse_number(c, row, R_TARGET, &d->target);

    const jh_cat_cell *w = cell_of(c, row, R_WEIGHT);
    if (w && w->len) {
        const struct keyword *t;
        for (t = weights; t->value >= 0 && jh_cat_match(w->text, t->names) < 0; t++)
            ;
        d->weight = t->value >= 0 ? (jh_weight_kind)t->value : JH_WEIGHT_INDICATOR;
        if (d->weight == JH_WEIGHT_INDICATOR && add_ref(c, row, R_WEIGHT, i))
            return JH_ENOMEM;
    }
    if (parse_derived(c, row, &d->scale) == 1) {
        d->derived = 1;
        if (add_ref(c, row, R_NUMERATOR, i) || add_ref(c, row, R_DENOMINATOR, i))
            return JH_ENOMEM;
    }
    return JH_OK;
}

size_t jh_indicator_catalog_find(const jh_indicator_catalog *cat, const char *key)
{
    if (!cat || !key)
        return JH_CATALOG_NONE;
    char buf[128];
    size_t len = strlen(key);
    char *t = len < sizeof buf ? buf : malloc(len + 1);
    if (!t)
        return JH_CATALOG_NONE;
    memcpy(t, key, len);
    jh_row_trim(t, len);
    for (char *p = t; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    size_t k = *t ? jh_intern_find(&cat->keys, t) : JH_CATALOG_NONE;
    if (t != buf)
        free(t);
    return k == JH_CATALOG_NONE ? k : cat->key_owner[k];
}

/* Resolves every reference; reports unknown ones and self-weights. */
static void resolve(struct ctx *c, const char *path, jh_diag *diag)
{
    jh_indicator_catalog *cat = c->cat;
    for (size_t k = 0; k < c->n_refs; k++) {
        const struct ref *r = &c->refs[k];
        jh_indicator *d = &cat->ind[r->ind];
        size_t j = jh_indicator_catalog_find(cat, r->text);
        /* urbanisation = urban_pop / population: the weight column. */
        if (j == JH_CATALOG_NONE && r->role != R_WEIGHT &&
            jh_cat_match(r->text, weights[0].names) >= 0)
            j = JH_CATALOG_WEIGHT_COLUMN;
        if (j == JH_CATALOG_NONE) {
            jh_diag_add(diag, JH_DIAG_ERROR, path, r->line, r->col,
                        "unknown indicator \"%s\" in column '%s' (expected %s)", r->text,
                        c->names[r->col - 1],
                        r->role == R_WEIGHT
                            ? "population, none, or the code or name of an indicator of "
                              "this file"
                            : "the code or name of an indicator of this file, or population for "
                              "the data's weight column");
            continue;
        }
        if ((r->role == R_WEIGHT || r->role == R_GROUP_SIZE) && j == r->ind) {
            jh_diag_add(diag, JH_DIAG_ERROR, path, r->line, r->col,
                        "indicator \"%s\" cannot be its own %s (column '%s')", d->code,
                        r->role == R_WEIGHT ? "weight" : "group size", c->names[r->col - 1]);
            continue;
        }
        if (r->role == R_WEIGHT)
            d->weight_indicator = j;
        else if (r->role == R_GROUP_SIZE)
            d->group_size = j;
        else if (r->role == R_NUMERATOR)
            d->numerator = j;
        else
            d->denominator = j;
    }
}

/* Column of the cell of d that names indicator next (numerator first). */
static size_t edge_col(const struct ctx *c, const jh_indicator *d, size_t next)
{
    return (size_t)c->at[d->numerator == next ? R_NUMERATOR : R_DENOMINATOR] + 1;
}

/* Reports a cycle: stack[from..top] each use the next as numerator or
 * denominator, and the top uses stack[from]. */
static void report_cycle(const struct ctx *c, const size_t *stack, size_t from, size_t top,
                         const char *path, jh_diag *diag)
{
    const jh_indicator *ind = c->cat->ind;
    size_t need = 1;
    for (size_t k = from; k <= top; k++)
        need += strlen(ind[stack[k]].code) + 4;
    need += strlen(ind[stack[from]].code);
    char *chain = malloc(need), *p = chain;
    if (chain) {
        for (size_t k = from; k <= top; k++)
            p += sprintf(p, "%s -> ", ind[stack[k]].code);
        strcpy(p, ind[stack[from]].code);
    }
    const jh_indicator *d = &ind[stack[from]];
    size_t next = from < top ? stack[from + 1] : stack[from];
    jh_diag_add(diag, JH_DIAG_ERROR, path, d->line, edge_col(c, d, next),
                "derived indicator \"%s\" depends on itself (%s)", d->code,
                chain ? chain : "…");
    free(chain);
}

/* Depth-first search over the derived indicators: reports cycles and puts
 * the others in cat->derived_order, dependencies first.  Returns JH_OK or
 * JH_ENOMEM. */
static int order_derived(struct ctx *c, const char *path, jh_diag *diag)
{
    jh_indicator_catalog *cat = c->cat;
    size_t n = cat->n;
    unsigned char *state = calloc(n ? n : 1, 1);     /* 0 new, 1 on stack, 2 done */
    unsigned char *edge = calloc(n ? n : 1, 1);      /* next edge to follow */
    size_t *pos = malloc((n ? n : 1) * sizeof *pos); /* place on the stack */
    size_t *stack = malloc((n ? n : 1) * sizeof *stack);
    cat->derived_order = malloc((n ? n : 1) * sizeof *cat->derived_order);
    int rc = JH_OK;
    if (!state || !edge || !pos || !stack || !cat->derived_order)
        rc = JH_ENOMEM;
    for (size_t s = 0; rc == JH_OK && s < n; s++) {
        if (!cat->ind[s].derived || state[s])
            continue;
        size_t top = 0;
        stack[0] = s;
        pos[s] = 0;
        state[s] = 1;
        for (;;) {
            size_t v = stack[top];
            const jh_indicator *d = &cat->ind[v];
            if (edge[v] < 2) {
                size_t w = edge[v]++ == 0 ? d->numerator : d->denominator;
                if (w == JH_CATALOG_NONE || w == JH_CATALOG_WEIGHT_COLUMN ||
                    !cat->ind[w].derived || state[w] == 2)
                    continue;
                if (state[w] == 1) {
                    report_cycle(c, stack, pos[w], top, path, diag);
                    continue;
                }
                state[w] = 1;
                pos[w] = ++top;
                stack[top] = w;
                continue;
            }
            state[v] = 2;
            cat->derived_order[cat->n_derived++] = v;
            if (top-- == 0)
                break;
        }
    }
    free(state);
    free(edge);
    free(pos);
    free(stack);
    return rc;
}

void jh_indicator_catalog_free(jh_indicator_catalog *cat)
{
    if (!cat)
        return;
    for (size_t i = 0; i < cat->n; i++) {
        jh_indicator *d = &cat->ind[i];
        free(d->code);
        free(d->name_zh);
        free(d->name_en);
        free(d->domain);
        free(d->unit);
        free(d->unit_en);
        free(d->note);
    }
    free(cat->ind);
    free(cat->derived_order);
    jh_intern_clear(&cat->keys);
    free(cat->key_owner);
    free(cat->path);
    free(cat);
}

int jh_indicator_catalog_read(const char *path, jh_diag *diag, jh_indicator_catalog **out)
{
    if (!out)
        return JH_EINVAL;
    *out = NULL;
    if (!path || !diag)
        return JH_EINVAL;
    struct ctx c = {.cat = calloc(1, sizeof *c.cat)};
    if (!c.cat)
        return JH_ENOMEM;
    for (int k = 0; k < R_COUNT; k++)
        c.at[k] = -1;
    jh_intern_init(&c.cat->keys);
    size_t errors_before = diag->n_errors;
    int whole = 0;
    int rc = jh_cat_read(path, diag, on_header, on_row, &c, &whole);
    /* References are checked only when every row was seen: after an early
     * stop, a forward reference would look unknown. */
    if ((rc == JH_OK || rc == JH_EPARSE) && whole) {
        resolve(&c, path, diag);
        if (order_derived(&c, path, diag))
            rc = JH_ENOMEM;
    }
    if (rc == JH_OK && c.cat->n == 0 && diag->n_errors == errors_before)
        jh_diag_add(diag, JH_DIAG_ERROR, path, 0, 0,
                    "no indicators (the file has a header but no rows)");
    if (rc == JH_OK && diag->n_errors > errors_before)
        rc = JH_EPARSE;
    if (rc == JH_OK && !(c.cat->path = jh_cat_strdup(path)))
        rc = JH_ENOMEM;
    for (size_t k = 0; k < c.n_refs; k++)
        free(c.refs[k].text);
    free(c.refs);
    for (size_t f = 0; f < c.n_names; f++)
        free(c.names[f]);
    free(c.names);
    if (rc != JH_OK) {
        jh_indicator_catalog_free(c.cat);
        return rc;
    }
    *out = c.cat;
    return JH_OK;
}

int jh_target_from_indicator(const jh_indicator *ind, jh_target *t)
{
    jh_target r;
    if (!ind || !t || ind->target_kind == JH_TARGET_NONE ||
        ind->target.kind == JH_VALUE_MISSING || ind->baseline_year <= 0 ||
        ind->target_year <= ind->baseline_year)
        return JH_EINVAL;
    r.kind = ind->target_kind;
    r.target = ind->target.x;
    r.strict = ind->target.kind == JH_VALUE_CENSORED &&
               (ind->target.bound == JH_BOUND_GT || ind->target.bound == JH_BOUND_LT);
    r.baseline = ind->baseline.kind == JH_VALUE_MISSING ? NAN : ind->baseline.x;
    r.baseline_year = ind->baseline_year;
    r.target_year = ind->target_year;
    *t = r;
    return JH_OK;
}
