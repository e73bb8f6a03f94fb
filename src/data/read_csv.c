/* The data reader: libcsv, streaming, long or wide layout.
 *
 * Long: one observation per row (region, year, indicator, value).  Wide: one
 * row per region (and year), every column that plays no other part is an
 * indicator, except identifiers (jh_is_identifier_name), levels of the
 * region catalog, and the columns --ignore-col and --indicators-only leave
 * out.  Rows of another level than the one analysed (aggregates in a
 * county table: jh_level_of) are left out and counted.  The rows come from
 * the one row reader (rows.h), which sets the rules of encoding, trimming,
 * blank rows and positions for the data files and the catalogs alike. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "junheng/grow.h"
#include "builder_internal.h"
#include "junheng/value.h"
#include "rows.h"
#include "source.h"

enum role {
    ROLE_NONE, ROLE_REGION, ROLE_YEAR, ROLE_INDICATOR, ROLE_VALUE,
    ROLE_NAME, ROLE_GROUP, ROLE_STRATUM, ROLE_WEIGHT, ROLE_COUNT,
    ROLE_SKIP /* a column that plays no part */
};

/* A value column of a wide file is decided by its first cell that is not
 * left out: a number or a marker of missing makes it an indicator, text
 * without a digit (石家庄市, Hebei) an attribute that is never read as a
 * value; a later cell does not change it. */
enum { KIND_UNDECIDED, KIND_VALUE, KIND_TEXT,
       KIND_OTHER /* not in --indicators-only: kept only when its first cell is text */ };

/* Lines of the first rows left out as another level, for the warning. */
#define LEVEL_LINES 5

/* Canonical name first, then the built-in aliases (matched ignoring case
 * and surrounding blanks). */
static const char *const role_aliases[ROLE_COUNT][8] = {
    [ROLE_REGION] = {"region_code", "code", "地区代码", "行政区划代码", "区划代码"},
    [ROLE_YEAR] = {"year", "年份", "年度"},
    [ROLE_INDICATOR] = {"indicator", "指标", "指标代码"},
    [ROLE_VALUE] = {"value", "数值", "值"},
    [ROLE_NAME] = {"region_name", "name", "地区", "地区名称", "县（市、区）", "县(市、区)", "区县"},
    [ROLE_GROUP] = {"group", "prefecture", "市（州）", "市(州)", "地市"},
    [ROLE_STRATUM] = {"stratum", "城乡"},
    [ROLE_WEIGHT] = {"population", "人口", "常住人口", "户籍人口"},
};

/* A file sorted by region repeats its region's cells on row after row:
 * the text of the columns that decide what a row does for its region
 * (code, name, group, the text columns kept) is remembered, and a row
 * with the same text skips the checks (units, level, marker of missing),
 * the interning and the attributes, whose outcome it would repeat. */
struct key_cache {
    size_t *col;              /* [n_col] the columns compared */
    size_t n_col;
    int stale;                /* the columns kept as text changed */
    int kept;                 /* the text below passed the checks */
    size_t region;            /* its region, attributes set, or (size_t)-1 */
    char *text;               /* the cells' text, one after the other */
    size_t *len;              /* [n_col] length of each */
    size_t text_cap;
};

/* The previous row's stratum label and what it gave. */
struct stratum_cache {
    char text[32];
    size_t len;               /* (size_t)-1: nothing remembered */
    jh_stratum id;
};

struct reader {
    jh_builder *b;
    const jh_read_opts *o;
    jh_diag *diag;
    const char *path;
    uint32_t file;
    unsigned long row_line;   /* line where the current row starts */
    int wide;                 /* layout decided from the header */
    size_t n_header;          /* fields in the header */
    int *role;                /* [field] role of each header field */
    uint32_t *indicator;      /* [field] indicator of a wide column */
    unsigned char *kind;      /* [field] what a wide value column holds: KIND_* */
    int *col_year;            /* [field] with years_across: the column's year, 0 if none */
    size_t *attr;             /* [field] attribute column kept, or (size_t)-1 */
    size_t row_region;        /* region of the current row once interned, or (size_t)-1 */
    struct key_cache key;     /* the previous row's region, reused when it comes again */
    struct stratum_cache stratum; /* the previous row's stratum label */
    size_t prev_ind;          /* indicator of the previous long row, or (size_t)-1 */
    size_t *next_ind;         /* [indicator] the one that followed it last, or (size_t)-1 */
    size_t next_cap;
    char *const *name;        /* [field] header text, for messages (the row
                                 reader's, alive while the file is read) */
    int at[ROLE_COUNT];       /* field of each role, -1 when absent */
    const jh_row_cell *cell;  /* [field] cells of the current row */
    size_t n_level[JH_LEVEL_ALL]; /* rows left out, by level */
    unsigned long level_line[LEVEL_LINES]; /* lines of the first of them */
    size_t n_nocode;          /* rows left out for a region code such as NA */
    unsigned long nocode_line[LEVEL_LINES]; /* lines of the first of them */
    int failed;               /* structural error: stop reading */
    int oom;
};

static const char *override_of(const jh_read_opts *o, int k)
{
    switch (k) {
    case ROLE_REGION: return o->region_col;
    case ROLE_YEAR: return o->year_col;
    case ROLE_INDICATOR: return o->indicator_col;
    case ROLE_VALUE: return o->value_col;
    case ROLE_NAME: return o->name_col;
    case ROLE_GROUP: return o->group_col;
    case ROLE_STRATUM: return o->stratum_col;
    case ROLE_WEIGHT: return o->weight_col;
    default: return NULL;
    }
}

/* The part a header name plays.  A name given on the command line wins and
 * replaces the built-in aliases of its role. */
static enum role role_of(const struct reader *r, const char *name)
{
    for (int k = 1; k < ROLE_COUNT; k++) {
        const char *ov = override_of(r->o, k);
        if (ov && strcasecmp(name, ov) == 0)
            return k == ROLE_WEIGHT && r->o->no_weight ? ROLE_NONE : (enum role)k;
    }
    for (int k = 1; k < ROLE_COUNT; k++) {
        if (override_of(r->o, k) || (k == ROLE_WEIGHT && r->o->no_weight))
            continue;
        if (r->o->format == JH_FORMAT_WIDE && (k == ROLE_INDICATOR || k == ROLE_VALUE))
            continue;
        for (int a = 0; a < 8 && role_aliases[k][a]; a++)
            if (strcasecmp(name, role_aliases[k][a]) == 0)
                return (enum role)k;
    }
    return ROLE_NONE;
}

/* The tables of the header's fields, allocated once the header is known. */
static int alloc_fields(struct reader *r, size_t n)
{
    size_t cap = n ? n : 1;
    r->role = malloc(cap * sizeof *r->role);
    r->indicator = malloc(cap * sizeof *r->indicator);
    r->kind = malloc(cap);
    r->attr = malloc(cap * sizeof *r->attr);
    r->col_year = calloc(cap, sizeof *r->col_year);
    return r->role && r->indicator && r->kind && r->attr && r->col_year ? 0 : -1;
}

static void header_error(struct reader *r, size_t col, const char *fmt, const char *a,
                         const char *b)
{
    jh_diag_add(r->diag, JH_DIAG_ERROR, r->path, r->row_line, col, fmt, a, b);
    r->failed = 1;
}

static void skip_column(struct reader *r, size_t f, const char *why)
{
    r->role[f] = ROLE_SKIP;
    if (jh_builder_skip_column(r->b, r->name[f], why))
        r->oom = r->failed = 1;
}

/* Assigns each header field its role; the rest are indicators when wide. */
static void assign_roles(struct reader *r)
{
    for (int k = 0; k < ROLE_COUNT; k++)
        r->at[k] = -1;
    for (size_t f = 0; f < r->n_header; f++) {
        const jh_row_cell *c = &r->cell[f];
        r->attr[f] = (size_t)-1;
        r->kind[f] = KIND_VALUE;
        size_t ig = jh_list_find(r->o->ignore_cols, r->o->n_ignore_cols, c->text, c->len, 1);
        enum role k = ig == (size_t)-1 ? role_of(r, c->text) : ROLE_SKIP;
        r->role[f] = (int)k;
        if (ig != (size_t)-1) {
            r->b->ignore_seen[ig] = 1;
            skip_column(r, f, "--ignore-col");
        }
        if (k == ROLE_NONE || k == ROLE_SKIP)
            continue;
        if (r->at[k] >= 0)
            header_error(r, f + 1, "column '%s' plays the same part as column '%s'",
                         c->text, r->name[r->at[k]]);
        r->at[k] = (int)f;
    }
}

/* "did you mean 'x'? the columns are: a, b" for a column the header lacks. */
static void columns_hint(const struct reader *r, const char *name, char *buf, size_t cap)
{
    const char *near = jh_suggest(name, (const char *const *)r->name, r->n_header);
    snprintf(buf, cap, "%s%s%sthe columns are: ", near ? "did you mean '" : "",
             near ? near : "", near ? "'? " : "");
    jh_list_names((const char *const *)r->name, r->n_header, buf, cap);
}

/* A column the file lacks: what it is for, the nearest, those it has. */
static void missing_column(struct reader *r, const char *fmt, const char *name, const char *why)
{
    char hint[512];
    columns_hint(r, name, hint, sizeof hint);
    jh_diag_add(r->diag, JH_DIAG_ERROR, r->path, r->row_line, 0, fmt, name, why, hint);
    r->failed = 1;
}

static void require_column(struct reader *r, int k, const char *why)
{
    const char *name = override_of(r->o, k);
    if (r->at[k] < 0)
        missing_column(r, "missing column '%s' (%s; %s)", name ? name : role_aliases[k][0], why);
}

/* Why a value column of a wide file is not an indicator, or NULL.  A
 * column named in --indicators-only is one, whatever its name looks like:
 * what the analyst lists beats the guess. */
static const char *not_indicator(struct reader *r, const char *name)
{
    const jh_read_opts *o = r->o;
    if (o->n_only) {
        size_t k = jh_list_find(o->only, o->n_only, name, strlen(name), 0);
        if (k == (size_t)-1)
            return "not in --indicators-only";
        r->b->only_seen[k] = 1;
        return NULL;
    }
    if (jh_is_identifier_name(name))
        return "an identifier";
    for (size_t i = 0; i < o->n_level_cols; i++)
        if (strcasecmp(name, o->level_cols[i]) == 0)
            return "a level of the region catalog";
    return NULL;
}

/* Keeps the text of column f per region, for --by and the report. */
static void keep_attr(struct reader *r, size_t f)
{
    if (!r->name[f][0])
        return;
    r->attr[f] = jh_builder_attr(r->b, r->name[f]);
    if (r->attr[f] == (size_t)-1)
        r->oom = r->failed = 1;
    r->key.stale = 1;
}

/* Column f of a wide file becomes an indicator. */
static void intern_column(struct reader *r, size_t f)
{
    size_t ind = jh_intern_add(&r->b->indicators, r->name[f], strlen(r->name[f]), NULL);
    if (ind == (size_t)-1 || ind > UINT32_MAX)
        r->oom = r->failed = 1;
    r->indicator[f] = (uint32_t)ind;
    r->kind[f] = KIND_VALUE;
}

/* The value columns of a wide file.  A column listed in --indicators-only
 * is an indicator at once; the others wait for their first cell (KIND_*). */
static void intern_wide_columns(struct reader *r)
{
    for (size_t f = 0; f < r->n_header && !r->failed; f++) {
        if (r->role[f] != ROLE_NONE)
            continue;
        const char *why = not_indicator(r, r->name[f]);
        if (why && r->o->n_only && !jh_is_identifier_name(r->name[f])) {
            /* 省, 市 beside --indicators-only are still text for --by. */
            if (jh_builder_skip_column(r->b, r->name[f], why))
                r->oom = r->failed = 1;
            r->kind[f] = KIND_OTHER;
            continue;
        }
        if (why) {
            skip_column(r, f, why);
            keep_attr(r, f);
            continue;
        }
        if (!r->name[f][0]) {
            header_error(r, f + 1, "empty column name%s%s (an indicator column needs its code)",
                         "", "");
            continue;
        }
        r->kind[f] = KIND_UNDECIDED;
        if (r->o->n_only)
            intern_column(r, f);
    }
}

/* The columns kept as text: name and group, and in a long file every
 * column that plays no part. */
static void keep_text_columns(struct reader *r)
{
    for (size_t f = 0; f < r->n_header && !r->failed; f++)
        if (r->role[f] == ROLE_NAME || r->role[f] == ROLE_GROUP ||
            (!r->wide && r->role[f] == ROLE_NONE))
            keep_attr(r, f);
}

/* A header read as one column that holds another common delimiter: the
 * file is split by it (a semicolon file from a European Excel), and every
 * missing column would say the same thing less clearly. */
static int wrong_delimiter(struct reader *r)
{
    static const char *const names[] = {";", "semicolon", "\t", "tab", "|", "'|'"};
    if (r->n_header != 1)
        return 0;
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k += 2)
        if (strchr(r->name[0], names[k][0])) {
            jh_diag_add(r->diag, JH_DIAG_ERROR, r->path, r->row_line, 0,
                        "the header is one column, '%s', split by '%s' (give --delimiter %s)",
                        r->name[0], k == 2 ? "\\t" : names[k], names[k + 1]);
            r->failed = 1;
            return 1;
        }
    return 0;
}

/* The year a header cell names (2004, 2004年), or 0. */
static int header_year(const char *s)
{
    int y = 0, k = 0;
    for (; k < 4 && s[k] >= '0' && s[k] <= '9'; k++)
        y = 10 * y + (s[k] - '0');
    if (k < 4 || (s[4] && strcmp(s + 4, "年") != 0))
        return 0;
    return y >= 1800 && y <= 2200 ? y : 0;
}

/* How many value columns of the header name a year: "2023" ... "2004" is
 * a table with the years across, as statistical bureaus publish them. */
static size_t year_columns(const struct reader *r, const char **first, const char **last)
{
    size_t n = 0;
    for (size_t f = 0; f < r->n_header; f++)
        if (r->role[f] == ROLE_NONE && header_year(r->name[f])) {
            *last = r->name[f];
            if (!n++)
                *first = r->name[f];
        }
    return n;
}

/* --years-across CODE: every year column holds indicator CODE in its year;
 * other columns without a part are text (kept for --by). */
static void years_across_columns(struct reader *r)
{
    const char *code = r->o->years_across;
    size_t ind = jh_intern_add(&r->b->indicators, code, strlen(code), NULL), n = 0;
    if (ind == (size_t)-1 || ind > UINT32_MAX) {
        r->oom = r->failed = 1;
        return;
    }
    if (r->at[ROLE_YEAR] >= 0)
        header_error(r, (size_t)r->at[ROLE_YEAR] + 1, "column '%s' is a year column, and "
                     "--years-across %s wants the years across the header", r->name[r->at[ROLE_YEAR]],
                     code);
    for (size_t f = 0; f < r->n_header && !r->failed; f++) {
        if (r->role[f] != ROLE_NONE)
            continue;
        if (!(r->col_year[f] = header_year(r->name[f]))) {
            skip_column(r, f, "not a year, with --years-across");
            keep_attr(r, f);
            continue;
        }
        r->indicator[f] = (uint32_t)ind;
        r->kind[f] = KIND_VALUE;
        n++;
    }
    if (!n && !r->failed)
        missing_column(r, "no column named by a year such as '%s' (%s; %s)", "2020",
                       "--years-across reads one column per year");
}

/* The hint of a wide file without a year column. */
static const char *no_year_hint(const struct reader *r, char *buf, size_t cap)
{
    const char *first = NULL, *last = NULL;
    if (!r->wide)
        return "every row needs its year";
    if (year_columns(r, &first, &last) < 2)
        return "or give --year for a file of one year";
    snprintf(buf, cap, "the columns %s ... %s are years: give --years-across CODE to read "
             "them as the years of one indicator CODE, or --year for a file of one year",
             first, last);
    return buf;
}

static void check_header(struct reader *r)
{
    assign_roles(r);
    if (r->failed || wrong_delimiter(r))
        return;
    r->wide = r->o->format == JH_FORMAT_WIDE || r->o->years_across ||
              (r->o->format == JH_FORMAT_AUTO && r->at[ROLE_INDICATOR] < 0);
    require_column(r, ROLE_REGION, r->n_header > 1 ? "every row needs its region code; "
                   "--region-col NAME names the column that holds it" :
                   "every row needs its region code");
    if (!r->wide) {
        require_column(r, ROLE_INDICATOR, "a long file has one indicator per row");
        require_column(r, ROLE_VALUE, "a long file has one value per row");
    }
    char hint[400];
    if (r->at[ROLE_YEAR] < 0 && !(r->wide && (r->o->year || r->o->years_across)))
        missing_column(r, "missing column '%s' (%s; %s)", r->o->year_col ? r->o->year_col : "year",
                       no_year_hint(r, hint, sizeof hint));
    if (r->o->weight_col && !r->o->no_weight && r->at[ROLE_WEIGHT] < 0)
        missing_column(r, "no column '%s' for the weight%s (%s)", r->o->weight_col, "");
    if (r->wide && !r->failed && r->o->years_across)
        years_across_columns(r);
    else if (r->wide && !r->failed)
        intern_wide_columns(r);
    keep_text_columns(r);
    if (r->at[ROLE_WEIGHT] >= 0 && !r->b->weight_name &&
        !(r->b->weight_name = strdup(r->name[r->at[ROLE_WEIGHT]])))
        r->oom = r->failed = 1;
}

static const jh_row_cell *cell_of(const struct reader *r, int k)
{
    return r->at[k] >= 0 ? &r->cell[r->at[k]] : NULL;
}

static void cell_error(struct reader *r, int field, const char *what, const char *why)
{
    const jh_row_cell *c = &r->cell[field];
    char text[256];
    jh_diag_add(r->diag, JH_DIAG_ERROR, r->path, c->line, (unsigned long)field + 1,
                "cannot read \"%s\" as %s (column '%s': %s)",
                jh_diag_excerpt(c->text, c->len, text, sizeof text), what, r->name[field], why);
}

/* A value cell: number, missing (NaN) or a bound, by the censored policy. */
static int parse_value(struct reader *r, int field, int counts, double *x)
{
    const jh_row_cell *c = &r->cell[field];
    jh_value v;
    const char *why = NULL;
    if (c->ahead) {
        v = c->ahead->v;
        why = c->ahead->why;
    } else {
        jh_value_parse(c->text, c->len, &v, &why); /* why is set exactly on failure */
    }
    if (why) {
        cell_error(r, field, "a number", why);
        return -1;
    }
    *x = v.x;
    if (v.kind == JH_VALUE_CENSORED) {
        if (r->o->censored == JH_CENSORED_ERROR) {
            cell_error(r, field, "a number", "a bound, and --censored=error");
            return -1;
        }
        if (r->o->censored == JH_CENSORED_MISSING)
            *x = NAN;
    }
    if (counts) {
        r->b->n_missing += v.kind == JH_VALUE_MISSING;
        r->b->n_censored += v.kind == JH_VALUE_CENSORED;
    }
    return 0;
}

static int require_text(struct reader *r, int k, const char *what)
{
    const jh_row_cell *c = cell_of(r, k);
    if (c->len)
        return 0;
    jh_diag_add(r->diag, JH_DIAG_ERROR, r->path, c->line, (unsigned long)r->at[k] + 1,
                "empty %s (column '%s')", what, r->name[r->at[k]]);
    return -1;
}

/* A label neither built in nor in the strata catalog: the hint says where
 * other labels are declared. */
static void stratum_error(struct reader *r)
{
    const jh_row_cell *c = cell_of(r, ROLE_STRATUM);
    char text[256];
    jh_diag_add(r->diag, JH_DIAG_ERROR, r->path, c->line, (unsigned long)r->at[ROLE_STRATUM] + 1,
                r->b->strata ? "unknown stratum \"%s\" (expected total, urban, rural or a code "
                               "of the strata catalog %s)"
                             : "unknown stratum \"%s\" (expected total, urban or rural; "
                               "declare other strata in a strata catalog, --strata FILE%s)",
                jh_diag_excerpt(c->text, c->len, text, sizeof text),
                r->b->strata ? r->b->opts.strata_path : "");
}

/* Whether a[0..n) and b[0..n) are equal: the keys compared row by row
 * are a few bytes, shorter than a call of memcmp. */
static int same_bytes(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i])
            return 0;
    return 1;
}

/* The stratum of the row's label, the previous row's when the label is
 * the same; -1 when unknown. */
static jh_stratum row_stratum(struct reader *r)
{
    const jh_row_cell *c = cell_of(r, ROLE_STRATUM);
    struct stratum_cache *k = &r->stratum;
    if (c->len == k->len && same_bytes(c->text, k->text, c->len))
        return k->id;
    jh_stratum s = jh_strata_lookup(r->b->strata, c->text);
    k->len = (size_t)-1;
    if (s >= 0 && c->len <= sizeof k->text) {
        memcpy(k->text, c->text, c->len);
        k->len = c->len;
    }
    k->id = s;
    return s;
}

/* The parts every row has: region, year, stratum, weight. */
static int row_key(struct reader *r, jh_obs *o)
{
    int bad = require_text(r, ROLE_REGION, "region code");
    jh_stratum s = JH_STRATUM_TOTAL;
    o->year = r->o->year;
    if (r->at[ROLE_YEAR] >= 0 &&
        jh_value_parse_year(cell_of(r, ROLE_YEAR)->text, cell_of(r, ROLE_YEAR)->len, &o->year)) {
        cell_error(r, r->at[ROLE_YEAR], "a year", "expected an integer such as 2020");
        bad = 1;
    }
    o->weight = NAN;
    if (r->at[ROLE_WEIGHT] >= 0)
        bad |= parse_value(r, r->at[ROLE_WEIGHT], 0, &o->weight);
    if (r->at[ROLE_STRATUM] >= 0 && (s = row_stratum(r)) < 0) {
        stratum_error(r);
        s = JH_STRATUM_TOTAL;
        bad = 1;
    }
    o->stratum = (uint8_t)s;
    return bad ? -1 : 0;
}

/* Interns the row's region once it is known to yield an observation. */
static int row_region(struct reader *r, jh_obs *o)
{
    const jh_row_cell *reg = cell_of(r, ROLE_REGION);
    size_t k = jh_intern_add(&r->b->regions, reg->text, reg->len, NULL);
    const jh_row_cell *nm = cell_of(r, ROLE_NAME), *gr = cell_of(r, ROLE_GROUP);
    if (k == (size_t)-1 || k > UINT32_MAX ||
        jh_builder_region_attrs(r->b, k, nm ? nm->text : NULL, gr ? gr->text : NULL,
                                (unsigned long)r->at[ROLE_GROUP] + 1, o->file, o->line,
                                r->diag)) {
        r->oom = r->failed = 1;
        return -1;
    }
    o->region = (uint32_t)k;
    r->row_region = k;
    return 0;
}

/* The row's text columns, once the row has its region. */
static void row_attrs(struct reader *r)
{
    for (size_t f = 0; f < r->n_header && !r->failed && r->row_region != (size_t)-1; f++)
        if (r->attr[f] != (size_t)-1 && r->cell[f].len &&
            jh_builder_attr_set(r->b, r->attr[f], r->row_region, r->cell[f].text))
            r->oom = r->failed = 1;
}

static void push(struct reader *r, jh_obs *o)
{
    if (r->row_region == (size_t)-1 && row_region(r, o))
        return;
    o->region = (uint32_t)r->row_region;
    if (jh_builder_push(r->b, o, r->diag))
        r->oom = r->failed = 1;
}

/* With --indicators-only, whether the row's indicator is one of them. */
static int wanted_indicator(struct reader *r, const jh_row_cell *c)
{
    if (!r->o->n_only)
        return 1;
    size_t k = jh_list_find(r->o->only, r->o->n_only, c->text, c->len, 0);
    if (k == (size_t)-1)
        return 0;
    r->b->only_seen[k] = 1;
    return 1;
}

/* Whether NUL-terminated s is text[0..len) (text holds no NUL). */
static int same_text(const char *s, const char *text, size_t len)
{
    size_t i = 0;
    while (i < len && s[i] == text[i])
        i++;
    return i == len && !s[len];
}

/* The indicator of a long row, interned.  A long file repeats one order
 * of indicators region after region: the one that followed the previous
 * row's indicator last time is tried first, a comparison in place of a
 * hash.  (size_t)-1 when out of memory. */
static size_t row_indicator(struct reader *r, const jh_row_cell *c)
{
    const jh_intern *t = &r->b->indicators;
    size_t prev = r->prev_ind, ind = prev < r->next_cap ? r->next_ind[prev] : (size_t)-1;
    /* No NUL in a cell: a shorter stored string differs at its NUL, and
     * nothing past it is read. */
    if (ind == (size_t)-1 || !same_text(t->str[ind], c->text, c->len))
        ind = jh_intern_add(&r->b->indicators, c->text, c->len, NULL);
    if (ind == (size_t)-1)
        return ind;
    if (prev != (size_t)-1 && prev >= r->next_cap) {
        size_t old = r->next_cap;
        if (jh_grow((void **)&r->next_ind, &r->next_cap, prev + 1, sizeof *r->next_ind))
            return (size_t)-1;
        memset(r->next_ind + old, 0xFF, (r->next_cap - old) * sizeof *r->next_ind);
    }
    if (prev != (size_t)-1)
        r->next_ind[prev] = ind;
    r->prev_ind = ind;
    return ind;
}

static void long_row(struct reader *r, jh_obs *o)
{
    const jh_row_cell *c = cell_of(r, ROLE_INDICATOR);
    if (require_text(r, ROLE_INDICATOR, "indicator") || !wanted_indicator(r, c) ||
        parse_value(r, r->at[ROLE_VALUE], 1, &o->value))
        return;
    size_t ind = row_indicator(r, c);
    if (ind == (size_t)-1 || ind > UINT32_MAX) {
        r->oom = r->failed = 1;
        return;
    }
    o->indicator = (uint32_t)ind;
    push(r, o);
}

/* Text with no digit in it: a name, never a mistyped number. */
static int looks_text(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if ((s[i] >= '0' && s[i] <= '9') ||
            /* full-width digits U+FF10..U+FF19 */
            (i + 2 < len && (unsigned char)s[i] == 0xEF && (unsigned char)s[i + 1] == 0xBC &&
             (unsigned char)s[i + 2] >= 0x90 && (unsigned char)s[i + 2] <= 0x99))
            return 0;
    return len > 0;
}

/* Decides column f by its first cell (KIND_*); 1 when it is no value. */
static int decide_kind(struct reader *r, size_t f)
{
    const jh_row_cell *c = &r->cell[f];
    jh_value v;
    const char *why = NULL;
    int text = jh_value_parse(c->text, c->len, &v, &why) != JH_OK && looks_text(c->text, c->len);
    if (r->kind[f] == KIND_OTHER) {
        r->role[f] = ROLE_SKIP;
        if (text)
            keep_attr(r, f);
        return 1;
    }
    if (text) {
        r->kind[f] = KIND_TEXT;
        skip_column(r, f, "text, kept as an attribute (for --by)");
        keep_attr(r, f);
        return 1;
    }
    intern_column(r, f);
    return 0;
}

static void wide_row(struct reader *r, jh_obs *o)
{
    for (size_t f = 0; f < r->n_header && !r->failed; f++) {
        if (r->role[f] != ROLE_NONE ||
            ((r->kind[f] == KIND_UNDECIDED || r->kind[f] == KIND_OTHER) && decide_kind(r, f)))
            continue;
        if (parse_value(r, (int)f, 1, &o->value))
            continue;
        if (r->col_year[f])
            o->year = r->col_year[f];
        o->indicator = r->indicator[f];
        push(r, o);
    }
}

/* A row whose region code is a marker of missing (NA, —: a development
 * zone of a census table has no administrative code) cannot be matched to
 * anything: left out, counted, said once per file. */
static int no_code(struct reader *r)
{
    const jh_row_cell *c = cell_of(r, ROLE_REGION);
    jh_value v;
    const char *why = NULL;
    if (c->ahead) {
        v = c->ahead->v;
        why = c->ahead->why;
    } else if (c->len) {
        jh_value_parse(c->text, c->len, &v, &why);
    }
    if (!c->len || why || v.kind != JH_VALUE_MISSING)
        return 0;
    if (r->n_nocode < LEVEL_LINES)
        r->nocode_line[r->n_nocode] = r->row_line;
    r->n_nocode++;
    return 1;
}

static void nocode_warning(const struct reader *r)
{
    char lines[128] = "";
    size_t len = 0;
    if (!r->n_nocode)
        return;
    for (size_t i = 0; i < r->n_nocode && i < LEVEL_LINES; i++)
        len += (size_t)snprintf(lines + len, len < sizeof lines ? sizeof lines - len : 0,
                                "%s%lu", i ? ", " : "", r->nocode_line[i]);
    jh_diag_add(r->diag, JH_DIAG_WARNING, r->path, 0, 0,
                "left out %zu %s whose region code is a marker of missing such as NA "
                "(line%s %s%s)", r->n_nocode, r->n_nocode == 1 ? "row" : "rows",
                r->n_nocode == 1 ? "" : "s", lines, r->n_nocode > LEVEL_LINES ? ", ..." : "");
}

/* A row of another level than the one analysed is left out, counted. */
static int other_level(struct reader *r)
{
    if (r->o->level == JH_LEVEL_ALL)
        return 0;
    const jh_row_cell *nm = cell_of(r, ROLE_NAME);
    jh_level l = jh_level_of(cell_of(r, ROLE_REGION)->text, nm ? nm->text : NULL);
    if (l == r->o->level)
        return 0;
    size_t n = 0;
    for (int k = 0; k < JH_LEVEL_ALL; k++)
        n += r->n_level[k];
    if (n < LEVEL_LINES)
        r->level_line[n] = r->row_line;
    r->n_level[l]++;
    r->b->n_level[l]++;
    return 1;
}

/* A row under the header that gives the columns' units ("Unit" or 单位
 * where the region code goes, then 人, 万元, 个 ...), as yearbook tables
 * have it: no region, left out with a warning that shows the units. */
static int units_row(struct reader *r)
{
    static const char *const words[] = {"unit", "units", "单位", "计量单位"};
    const jh_row_cell *c = cell_of(r, ROLE_REGION);
    if (jh_list_find(words, sizeof words / sizeof words[0], c->text, c->len, 1) == (size_t)-1)
        return 0;
    char units[200] = "", text[64];
    size_t len = 0;
    for (size_t f = 0; f < r->n_header && len < sizeof units; f++)
        if ((int)f != r->at[ROLE_REGION] && r->cell[f].len)
            len += (size_t)snprintf(units + len, sizeof units - len, "%s%s", len ? ", " : "",
                                    jh_diag_excerpt(r->cell[f].text, r->cell[f].len, text,
                                                    sizeof text));
    jh_diag_add(r->diag, JH_DIAG_WARNING, r->path, r->row_line, 0,
                "a row of units (%.*s: %s), left out", (int)c->len, c->text, units);
    return 1;
}

/* The columns the key cache compares: region code, name, group and the
 * columns kept as text.  0, or -1 when out of memory. */
static int key_columns(struct reader *r)
{
    struct key_cache *k = &r->key;
    size_t n = 0;
    if (!k->col && !(k->col = malloc((r->n_header ? r->n_header : 1) * sizeof *k->col)))
        return -1;
    if (!k->len && !(k->len = malloc((r->n_header ? r->n_header : 1) * sizeof *k->len)))
        return -1;
    for (size_t f = 0; f < r->n_header; f++)
        if ((int)f == r->at[ROLE_REGION] || (int)f == r->at[ROLE_NAME] ||
            (int)f == r->at[ROLE_GROUP] || r->attr[f] != (size_t)-1)
            k->col[n++] = f;
    k->n_col = n;
    k->stale = 0;
    return 0;
}

/* Whether the row's key text is the one remembered. */
static int same_key(const struct reader *r)
{
    const struct key_cache *k = &r->key;
    if (!k->kept || k->stale)
        return 0;
    for (size_t i = 0, at = 0; i < k->n_col; at += k->len[i++]) {
        const jh_row_cell *c = &r->cell[k->col[i]];
        if (c->len != k->len[i] || !same_bytes(c->text, k->text + at, c->len))
            return 0;
    }
    return 1;
}

/* Remembers the row's key text (the row passed the checks). */
static void remember_key(struct reader *r)
{
    struct key_cache *k = &r->key;
    size_t need = 1, at = 0;
    k->kept = 0;
    if (k->stale && key_columns(r)) {
        r->oom = r->failed = 1;
        return;
    }
    for (size_t i = 0; i < k->n_col; i++)
        need += r->cell[k->col[i]].len;
    if (need > k->text_cap) {
        char *t = realloc(k->text, need);
        if (!t) {
            r->oom = r->failed = 1;
            return;
        }
        k->text = t;
        k->text_cap = need;
    }
    for (size_t i = 0; i < k->n_col; at += k->len[i++]) {
        k->len[i] = r->cell[k->col[i]].len;
        memcpy(k->text + at, r->cell[k->col[i]].text, k->len[i]);
    }
    k->kept = 1;
}

static void on_row(struct reader *r)
{
    jh_obs o = {.file = r->file, .line = (uint32_t)r->row_line};
    int same = same_key(r);
    if (!same && (units_row(r) || other_level(r) || no_code(r)))
        return;
    if (!same) {
        r->key.region = (size_t)-1;
        remember_key(r);
    }
    if (r->failed || row_key(r, &o))
        return;
    /* The cached region had its attributes set by a row of the same text. */
    r->row_region = r->key.region;
    int cached = r->row_region != (size_t)-1;
    if (r->wide)
        wide_row(r, &o);
    else
        long_row(r, &o);
    if (!cached || r->key.stale)
        row_attrs(r);
    /* A text column found in this row: compared from the next row on. */
    if (r->key.stale && !r->failed)
        remember_key(r);
    if (!r->failed && r->row_region != (size_t)-1)
        r->key.region = r->row_region;
}

/* What the row reader is told after a row: go on, stop, out of memory. */
static int status_of(const struct reader *r)
{
    return r->oom ? JH_ENOMEM : r->failed ? JH_EPARSE : JH_OK;
}

static int on_header_row(void *ctx, const jh_row *row)
{
    struct reader *r = ctx;
    r->cell = row->cell;
    r->row_line = row->line;
    r->name = row->header;
    r->n_header = row->n_header;
    if (alloc_fields(r, r->n_header))
        r->oom = r->failed = 1;
    else
        check_header(r);
    /* The values, the weight and the region code (a marker of missing?)
     * are parsed ahead on the threads that parse the blocks. */
    for (size_t f = 0; f < r->n_header && !r->failed; f++)
        row->parse_ahead[f] = (int)f == r->at[ROLE_VALUE] || (int)f == r->at[ROLE_WEIGHT] ||
                              (int)f == r->at[ROLE_REGION] || (r->wide && r->role[f] == ROLE_NONE);
    return status_of(r);
}

static int on_data_row(void *ctx, const jh_row *row)
{
    struct reader *r = ctx;
    r->cell = row->cell;
    r->row_line = row->line;
    on_row(r);
    return status_of(r);
}

/* The file is open: it is one of the dataset's, in the encoding found. */
static int on_open(void *ctx, jh_encoding used)
{
    struct reader *r = ctx;
    r->file = jh_builder_add_file(r->b, r->path, jh_encoding_name(used));
    return r->file == (uint32_t)-1 ? JH_ENOMEM : JH_OK;
}

/* One warning per file for the rows left out as another level: how many
 * of each level, and where the first are. */
static void level_warning(const struct reader *r)
{
    char what[256] = "", lines[128] = "";
    size_t n = 0, len = 0;
    static const jh_level order[] = {JH_LEVEL_NATIONAL, JH_LEVEL_PROVINCE, JH_LEVEL_PREFECTURE,
                                     JH_LEVEL_COUNTY, JH_LEVEL_TOTAL};
    for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
        jh_level k = order[i];
        if (!r->n_level[k])
            continue;
        len += (size_t)snprintf(what + len, len < sizeof what ? sizeof what - len : 0, "%s%zu %s",
                                n ? ", " : "", r->n_level[k], jh_level_name(k));
        n += r->n_level[k];
    }
    if (!n)
        return;
    len = 0;
    for (size_t i = 0; i < n && i < LEVEL_LINES; i++)
        len += (size_t)snprintf(lines + len, len < sizeof lines ? sizeof lines - len : 0,
                                "%s%lu", i ? ", " : "", r->level_line[i]);
    jh_diag_add(r->diag, JH_DIAG_WARNING, r->path, 0, 0,
                "left out %zu %s that %s not %s-level (%s; line%s %s%s); --region-level chooses "
                "the level analysed", n, n == 1 ? "row" : "rows", n == 1 ? "is" : "are",
                jh_level_name(r->o->level), what, n == 1 ? "" : "s", lines,
                n > LEVEL_LINES ? ", ..." : "");
}

static void free_reader(struct reader *r)
{
    free(r->key.col);
    free(r->key.len);
    free(r->key.text);
    free(r->next_ind);
    free(r->role);
    free(r->indicator);
    free(r->kind);
    free(r->col_year);
    free(r->attr);
}

int jh_builder_read(jh_builder *b, const char *path, jh_diag *diag)
{
    struct reader r = {.b = b, .o = &b->opts, .diag = diag, .path = path,
                       .key = {.stale = 1, .region = (size_t)-1},
                       .stratum = {.len = (size_t)-1}, .prev_ind = (size_t)-1};
    jh_rows_opts ro = {.encoding = b->opts.encoding, .delimiter = b->opts.delimiter,
                       .on_header = on_header_row, .on_row = on_data_row,
                       .on_open = on_open, .ctx = &r};
    int rc = JH_OK;
    /* The strata catalog once, before the first row needs its labels. */
    if (b->opts.strata_path && !b->strata) {
        rc = b->strata_read ? JH_EPARSE /* said already */
                            : jh_strata_catalog_read(b->opts.strata_path, diag, &b->strata);
        b->strata_read = 1;
    }
    if (rc)
        return rc;
    rc = jh_rows_read(path, &ro, diag, NULL);
    level_warning(&r);
    nocode_warning(&r);
    free_reader(&r);
    if (r.oom)
        return JH_ENOMEM;
    /* The warnings above are no errors: the status stands. */
    return rc;
}

int jh_dataset_read(char *const *paths, size_t n, const jh_read_opts *opts, jh_diag *diag,
                    jh_dataset **out)
{
    int rc = JH_OK;
    jh_builder *b = jh_builder_alloc(opts);
    *out = NULL;
    if (!b)
        return JH_ENOMEM;
    for (size_t i = 0; i < n && rc != JH_ENOMEM && !jh_diag_full(diag); i++)
        rc = jh_status_worse(rc, jh_builder_read(b, paths[i], diag));
    if (rc != JH_ENOMEM && !jh_diag_full(diag))
        rc = jh_status_worse(rc, jh_builder_finish(b, diag, out));
    jh_builder_free(b);
    return rc;
}
