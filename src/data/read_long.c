/* The canonical long-format reader: libcsv, streaming, one observation per
 * row.  Positions: LINE is the physical line where the field starts (quoted
 * fields may span lines); COL is the field's column number, counted from 1
 * as a spreadsheet counts columns. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <csv.h>
#include "builder_internal.h"
#include "junheng/value.h"

enum role {
    ROLE_NONE, ROLE_REGION, ROLE_YEAR, ROLE_INDICATOR, ROLE_VALUE,
    ROLE_NAME, ROLE_GROUP, ROLE_STRATUM, ROLE_WEIGHT, ROLE_COUNT
};

/* Canonical names first; then the aliases accepted for each role. */
static const char *const role_aliases[ROLE_COUNT][8] = {
    [ROLE_REGION] = {"region_code", "code", "地区代码", "行政区划代码", "区划代码"},
    [ROLE_YEAR] = {"year", "年份", "年度"},
    [ROLE_INDICATOR] = {"indicator", "指标", "指标代码"},
    [ROLE_VALUE] = {"value", "数值", "值"},
    [ROLE_NAME] = {"region_name", "name", "地区", "地区名称", "县（市、区）"},
    [ROLE_GROUP] = {"group", "prefecture", "市（州）", "地市"},
    [ROLE_STRATUM] = {"stratum", "城乡"},
    [ROLE_WEIGHT] = {"population", "人口", "常住人口", "户籍人口"},
};

/* A cell kept until the end of its row. */
struct cell {
    char *text;          /* NUL-terminated copy */
    size_t len, cap;
    unsigned long line;  /* line where the field starts */
    size_t col;          /* 1-based column */
};

struct reader {
    jh_builder *b;
    jh_diag *diag;
    const char *path;
    uint32_t file;
    unsigned long line;       /* current physical line, from 1 */
    unsigned long row_line;   /* line where the current row starts */
    size_t field;             /* fields seen in the current row */
    int prev_cr;              /* last terminator was CR (CRLF pair) */
    int have_header;
    size_t n_header;          /* fields in the header */
    int *role;                /* [field] role of each header field */
    char **name;              /* [field] header text, for messages */
    size_t n_names;           /* entries of name allocated */
    size_t role_cap;
    struct cell cell[ROLE_COUNT];
    int failed;               /* a structural error: stop reading */
    int oom;
};

static int header_matches(const char *name, const char *alias)
{
    return strcasecmp(name, alias) == 0;
}

/* Which role a header name plays, honouring a --weight-col override. */
static enum role role_of(const struct reader *r, const char *name)
{
    const char *wcol = r->b->opts.weight_col;
    if (wcol && header_matches(name, wcol))
        return r->b->opts.no_weight ? ROLE_NONE : ROLE_WEIGHT;
    for (int k = 1; k < ROLE_COUNT; k++) {
        if (k == ROLE_WEIGHT && (wcol || r->b->opts.no_weight))
            continue;
        for (int a = 0; a < 8 && role_aliases[k][a]; a++)
            if (header_matches(name, role_aliases[k][a]))
                return (enum role)k;
    }
    return ROLE_NONE;
}

/* Trims ASCII blanks in place; returns the new length. */
static size_t trim(char *s, size_t len)
{
    size_t a = 0;
    while (a < len && (s[a] == ' ' || s[a] == '\t'))
        a++;
    while (len > a && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    memmove(s, s + a, len - a);
    s[len - a] = '\0';
    return len - a;
}

static int keep_cell(struct reader *r, enum role k, const char *s, size_t len)
{
    struct cell *c = &r->cell[k];
    if (len + 1 > c->cap) {
        size_t cap = c->cap ? c->cap : 64;
        while (cap < len + 1)
            cap *= 2;
        char *t = realloc(c->text, cap);
        if (!t)
            return -1;
        c->text = t;
        c->cap = cap;
    }
    memcpy(c->text, s, len);
    c->len = trim(c->text, len);
    c->line = r->line;
    c->col = r->field + 1;
    return 0;
}

static int remember_header_field(struct reader *r, const char *s, size_t len)
{
    if (r->field >= r->role_cap) {
        size_t cap = r->role_cap ? 2 * r->role_cap : 16;
        int *role = realloc(r->role, cap * sizeof *role);
        if (!role)
            return -1;
        r->role = role;
        char **name = realloc(r->name, cap * sizeof *name);
        if (!name)
            return -1;
        r->name = name;
        r->role_cap = cap;
    }
    char buf[256];
    size_t n = len < sizeof buf - 1 ? len : sizeof buf - 1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    trim(buf, n);
    enum role k = role_of(r, buf);
    for (size_t f = 0; f < r->field && k != ROLE_NONE; f++)
        if (r->role[f] == (int)k) {
            jh_diag_add(r->diag, JH_DIAG_ERROR, r->path, r->line, r->field + 1,
                        "column '%s' plays the same part as column %zu (%s)", buf,
                        f + 1, role_aliases[k][0]);
            r->failed = 1;
        }
    r->role[r->field] = (int)k;
    r->name[r->field] = strdup(buf);
    if (!r->name[r->field])
        return -1;
    r->n_names++;
    return 0;
}

static unsigned long count_newlines(const char *s, size_t len)
{
    unsigned long n = 0;
    for (const char *p = s; (p = memchr(p, '\n', len - (size_t)(p - s))); p++)
        n++;
    return n;
}

static void on_field(void *data, size_t len, void *ctx)
{
    struct reader *r = ctx;
    const char *s = data ? data : "";
    if (r->failed)
        return;
    if (r->field == 0)
        r->row_line = r->line;
    r->prev_cr = 0;
    if (!r->have_header) {
        if (remember_header_field(r, s, len))
            r->oom = r->failed = 1;
    } else if (r->field < r->n_header && r->role[r->field] != ROLE_NONE) {
        if (keep_cell(r, (enum role)r->role[r->field], s, len))
            r->oom = r->failed = 1;
    }
    r->line += count_newlines(s, len);
    r->field++;
}

static void check_header(struct reader *r)
{
    static const enum role required[] = {ROLE_REGION, ROLE_YEAR, ROLE_INDICATOR, ROLE_VALUE};
    int seen[ROLE_COUNT] = {0};
    r->n_header = r->field;
    for (size_t f = 0; f < r->n_header; f++)
        seen[r->role[f]] = 1;
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
        if (!seen[required[i]]) {
            jh_diag_add(r->diag, JH_DIAG_ERROR, r->path, r->row_line, 0,
                        "missing required column '%s' (the header needs region_code, "
                        "year, indicator and value)", role_aliases[required[i]][0]);
            r->failed = 1;
        }
    if (r->b->opts.weight_col && !r->b->opts.no_weight && !seen[ROLE_WEIGHT]) {
        jh_diag_add(r->diag, JH_DIAG_ERROR, r->path, r->row_line, 0,
                    "no column '%s' for the weight", r->b->opts.weight_col);
        r->failed = 1;
    }
    if (seen[ROLE_WEIGHT] && !r->b->weight_name) {
        for (size_t f = 0; f < r->n_header; f++)
            if (r->role[f] == ROLE_WEIGHT)
                r->b->weight_name = strdup(r->b->opts.weight_col ? r->b->opts.weight_col
                                                                  : "population");
        if (!r->b->weight_name)
            r->oom = r->failed = 1;
    }
    r->have_header = 1;
}

static void cell_error(struct reader *r, const struct cell *c,
                       const char *what, const char *why)
{
    jh_diag_add(r->diag, JH_DIAG_ERROR, r->path, c->line, c->col,
                "cannot read \"%s\" as %s (column '%s': %s)", c->text, what,
                r->name[c->col - 1], why);
}

/* A year is an integer from 1 to 9999, nothing else. */
static int parse_year(const char *s, int *year)
{
    long v = 0;
    if (!*s)
        return -1;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9' || v > 9999)
            return -1;
        v = v * 10 + (*p - '0');
    }
    if (v < 1 || v > 9999)
        return -1;
    *year = (int)v;
    return 0;
}

static int parse_number_cell(struct reader *r, enum role k, double *x)
{
    const struct cell *c = &r->cell[k];
    jh_value v;
    const char *why = NULL;
    if (jh_value_parse(c->text, c->len, &v, &why) != JH_OK) {
        cell_error(r, c, "a number", why);
        return -1;
    }
    *x = v.kind == JH_VALUE_MISSING ? NAN : v.x;
    if (k == ROLE_VALUE) {
        r->b->n_missing += v.kind == JH_VALUE_MISSING;
        r->b->n_censored += v.kind == JH_VALUE_CENSORED;
    }
    return 0;
}

static int require_text(struct reader *r, enum role k)
{
    const struct cell *c = &r->cell[k];
    if (c->len)
        return 0;
    jh_diag_add(r->diag, JH_DIAG_ERROR, r->path, c->line, c->col,
                "empty %s (column '%s')", k == ROLE_REGION ? "region code" : "indicator",
                r->name[c->col - 1]);
    return -1;
}

static void add_observation(struct reader *r, int has[ROLE_COUNT])
{
    jh_obs o = {.file = r->file, .line = (uint32_t)r->row_line, .weight = NAN};
    jh_stratum s = JH_STRATUM_TOTAL;
    int year = 0, bad = 0;
    bad |= require_text(r, ROLE_REGION);
    bad |= require_text(r, ROLE_INDICATOR);
    if (parse_year(r->cell[ROLE_YEAR].text, &year)) {
        cell_error(r, &r->cell[ROLE_YEAR], "a year", "expected an integer such as 2020");
        bad = 1;
    }
    bad |= parse_number_cell(r, ROLE_VALUE, &o.value);
    if (has[ROLE_WEIGHT])
        bad |= parse_number_cell(r, ROLE_WEIGHT, &o.weight);
    if (has[ROLE_STRATUM] && jh_stratum_parse(r->cell[ROLE_STRATUM].text, &s)) {
        const struct cell *c = &r->cell[ROLE_STRATUM];
        jh_diag_add(r->diag, JH_DIAG_ERROR, r->path, c->line, c->col,
                    "unknown stratum \"%s\" (expected total, urban or rural)", c->text);
        bad = 1;
    }
    if (bad)
        return;
    size_t reg = jh_intern_add(&r->b->regions, r->cell[ROLE_REGION].text,
                               r->cell[ROLE_REGION].len, NULL);
    size_t ind = jh_intern_add(&r->b->indicators, r->cell[ROLE_INDICATOR].text,
                               r->cell[ROLE_INDICATOR].len, NULL);
    if (reg == (size_t)-1 || ind == (size_t)-1 || reg > UINT32_MAX || ind > UINT32_MAX ||
        jh_builder_region_attrs(r->b, reg, has[ROLE_NAME] ? r->cell[ROLE_NAME].text : NULL,
                                has[ROLE_GROUP] ? r->cell[ROLE_GROUP].text : NULL)) {
        r->oom = r->failed = 1;
        return;
    }
    o.region = (uint32_t)reg;
    o.indicator = (uint32_t)ind;
    o.year = year;
    o.stratum = (uint8_t)s;
    if (jh_builder_push(r->b, &o))
        r->oom = r->failed = 1;
}

static void on_row(struct reader *r)
{
    int has[ROLE_COUNT] = {0};
    if (r->field != r->n_header) {
        jh_diag_add(r->diag, JH_DIAG_ERROR, r->path, r->row_line, 0,
                    "row has %zu fields, the header has %zu", r->field, r->n_header);
        return;
    }
    for (size_t f = 0; f < r->n_header; f++)
        has[r->role[f]] = 1;
    add_observation(r, has);
}

static void on_record(int c, void *ctx)
{
    struct reader *r = ctx;
    int crlf_tail = c == '\n' && r->prev_cr;
    r->prev_cr = c == '\r';
    if (!crlf_tail && (c == '\n' || c == '\r'))
        r->line++;
    if (r->failed || r->field == 0)
        return;
    if (!r->have_header)
        check_header(r);
    else
        on_row(r);
    if (jh_diag_full(r->diag))
        r->failed = 1;
    r->field = 0;
}

static int parse_stream(struct reader *r, FILE *f, struct csv_parser *p)
{
    char buf[1 << 16];
    size_t n;
    int first = 1;
    while (!r->failed && (n = fread(buf, 1, sizeof buf, f)) > 0) {
        char *s = buf;
        if (first && n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
            s += 3;
            n -= 3;
        }
        first = 0;
        size_t done = csv_parse(p, s, n, on_field, on_record, r);
        if (done != n && !r->failed) {
            jh_diag_add(r->diag, JH_DIAG_ERROR, r->path, r->line, r->field + 1,
                        "malformed quoted field (a quote must be doubled inside quotes "
                        "and followed by a delimiter or the end of the line)");
            return JH_EPARSE;
        }
    }
    if (ferror(f)) {
        jh_diag_add(r->diag, JH_DIAG_ERROR, r->path, 0, 0, "read error: %s", strerror(errno));
        return JH_EIO;
    }
    if (!r->failed && csv_fini(p, on_field, on_record, r) != 0) {
        jh_diag_add(r->diag, JH_DIAG_ERROR, r->path, r->line, r->field + 1,
                    "unterminated quoted field (the file ends inside quotes)");
        return JH_EPARSE;
    }
    return JH_OK;
}

static int space_is_blank(unsigned char c)
{
    return c == ' ';
}

int jh_builder_read(jh_builder *b, const char *path, jh_diag *diag)
{
    struct reader r = {.b = b, .diag = diag, .path = path, .line = 1};
    struct csv_parser p;
    size_t errors_before = diag->n_errors;
    FILE *f = fopen(path, "rb");
    if (!f) {
        jh_diag_add(diag, JH_DIAG_ERROR, path, 0, 0, "cannot open: %s", strerror(errno));
        return JH_ENOTFOUND;
    }
    r.file = jh_builder_add_file(b, path);
    if (r.file == (uint32_t)-1 ||
        csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL | CSV_APPEND_NULL)) {
        fclose(f);
        return JH_ENOMEM;
    }
    csv_set_space_func(&p, space_is_blank);
    int rc = parse_stream(&r, f, &p);
    csv_free(&p);
    fclose(f);
    for (int k = 0; k < ROLE_COUNT; k++)
        free(r.cell[k].text);
    for (size_t i = 0; i < r.n_names; i++)
        free(r.name[i]);
    free(r.name);
    free(r.role);
    if (r.oom)
        return JH_ENOMEM;
    if (!rc && !r.have_header) {
        jh_diag_add(diag, JH_DIAG_ERROR, path, 0, 0, "empty file (no header row)");
        rc = JH_EPARSE;
    }
    if (!rc && diag->n_errors > errors_before)
        rc = JH_EPARSE;
    return rc;
}
