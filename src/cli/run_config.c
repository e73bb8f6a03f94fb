/* The configuration of `junheng run`: a small INI reader of our own (inih
 * cut lines at 200 bytes, took indented lines as continuations and let a
 * key given twice win silently), and the one table of keys that parsing,
 * --set, defaults and the manifest share. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/types.h>
#include "cli.h"
#include "plot_draw.h"
#include "run_config.h"
#include "junheng/catalog.h"
#include "junheng/indices.h"
#include "junheng/output.h"
#include "junheng/value.h"

/* K_LIST: words separated by commas or blanks, a word in double quotes may
 * hold both; with choices, every word must be one of them.  K_INDEX: an
 * index name as `rank --by` takes it. */
enum kind { K_TEXT, K_LIST, K_INT, K_BOOL, K_CHOICE, K_INDEX, K_WEIGHTS, K_BASE };

/* The chart kinds of `junheng plot` (plot_draw.h), its maps, and none. */
#define CHART_KINDS "all|none|" CLI_CHART_NAMES_BARRED "map|lisa-map"

static const struct {
    const char *section, *key, *dflt;
    enum kind kind;
    const char *choices; /* for K_CHOICE and K_LIST: '|'-separated */
} spec[RK_COUNT] = {
    [RK_DATA_FILES] = {"data", "files", "", K_LIST, NULL},
    [RK_DATA_ENCODING] = {"data", "encoding", "auto", K_CHOICE, "auto|utf-8|gb18030"},
    [RK_DATA_REGIONS] = {"data", "regions", "", K_TEXT, NULL},
    [RK_DATA_INDICATORS] = {"data", "indicators", "", K_TEXT, NULL},
    [RK_DATA_WEIGHT_COL] = {"data", "weight_col", "", K_TEXT, NULL},
    [RK_DATA_LENIENT] = {"data", "lenient", "no", K_BOOL, NULL},
    [RK_DATA_CENSORED] = {"data", "censored", "value", K_CHOICE, "value|missing|error"},
    [RK_DATA_ON_DUPLICATE] = {"data", "on_duplicate", "error", K_CHOICE, "error|first|last|mean"},
    [RK_DATA_IGNORE_COL] = {"data", "ignore_col", "", K_TEXT, NULL},
    [RK_DATA_INDICATORS_ONLY] = {"data", "indicators_only", "", K_TEXT, NULL},
    [RK_DATA_REGION_LEVEL] = {"data", "region_level", "county", K_CHOICE,
                              "county|prefecture|province|all"},
    [RK_DATA_YEAR] = {"data", "year", "", K_TEXT, NULL},
    [RK_DATA_YEARS_ACROSS] = {"data", "years_across", "", K_TEXT, NULL},
    [RK_DATA_LAYOUT] = {"data", "layout", "auto", K_CHOICE, "auto|wide|long"},
    [RK_DATA_DELIMITER] = {"data", "delimiter", "", K_TEXT, NULL},
    [RK_DATA_REGION_COL] = {"data", "region_col", "", K_TEXT, NULL},
    [RK_DATA_YEAR_COL] = {"data", "year_col", "", K_TEXT, NULL},
    [RK_DATA_INDICATOR_COL] = {"data", "indicator_col", "", K_TEXT, NULL},
    [RK_DATA_VALUE_COL] = {"data", "value_col", "", K_TEXT, NULL},
    [RK_DATA_GROUP_COL] = {"data", "group_col", "", K_TEXT, NULL},
    [RK_DATA_STRATUM_COL] = {"data", "stratum_col", "", K_TEXT, NULL},
    [RK_DATA_NAME_COL] = {"data", "name_col", "", K_TEXT, NULL},
    [RK_DATA_STRATA] = {"data", "strata", "", K_TEXT, NULL},
    [RK_DATA_SERVICES] = {"data", "services", "", K_TEXT, NULL},
    [RK_DATA_BOUNDARIES] = {"data", "boundaries", "", K_TEXT, NULL},
    [RK_DATA_BOUNDARY_KEY] = {"data", "boundary_key", "", K_TEXT, NULL},
    [RK_DATA_NEIGHBORS] = {"data", "neighbors", "", K_TEXT, NULL},
    [RK_DATA_TILES] = {"data", "tiles", "", K_TEXT, NULL},
    [RK_ANALYSIS_INDEX] = {"analysis", "index", "gini_w", K_INDEX, NULL},
    [RK_ANALYSIS_GROUP_BY] = {"analysis", "group_by", "prefecture", K_LIST, NULL},
    [RK_ANALYSIS_BOOTSTRAP] = {"analysis", "bootstrap", "0", K_INT, NULL},
    [RK_ANALYSIS_SEED] = {"analysis", "seed", "1", K_INT, NULL},
    [RK_ANALYSIS_WEIGHTS] = {"analysis", "weights", "entropy", K_WEIGHTS, NULL},
    [RK_ANALYSIS_WEIGHTS_BASE] = {"analysis", "weights_base", "", K_BASE, NULL},
    [RK_ANALYSIS_AHP_ACCEPT] = {"analysis", "ahp_accept_inconsistent", "no", K_BOOL, NULL},
    [RK_CHARTS_KINDS] = {"charts", "kinds", "all", K_LIST, CHART_KINDS},
    [RK_CHARTS_FORMATS] = {"charts", "formats", "png,svg", K_LIST, "png|svg|pdf"},
    [RK_CHARTS_TIMEOUT] = {"charts", "timeout", "60", K_INT, NULL},
    [RK_OUTPUT_DIR] = {"output", "dir", "out", K_TEXT, NULL},
    [RK_OUTPUT_LANG] = {"output", "lang", "zh", K_CHOICE, "zh|en"},
    [RK_OUTPUT_TITLE] = {"output", "title", "", K_TEXT, NULL},
    [RK_OUTPUT_NOTE] = {"output", "note", "", K_TEXT, NULL},
    [RK_OUTPUT_RAW_TEXT] = {"output", "raw_text", "no", K_BOOL, NULL},
    [RK_OUTPUT_FORMATS] = {"output", "formats", "html", K_LIST, "html|pdf"},
    [RK_OUTPUT_CSV_BOM] = {"output", "csv_bom", "no", K_BOOL, NULL},
    /* What the report shows: all indicators and domains, and the charts
     * that keep the bundled run's report to tens of pages (one summary
     * chart per kind, a trend per domain, a distribution per indicator). */
    [RK_REPORT_INDICATORS] = {"report", "indicators", "all", K_LIST, NULL},
    [RK_REPORT_DOMAINS] = {"report", "domains", "all", K_LIST, NULL},
    [RK_REPORT_CHARTS] = {"report", "charts",
                          "disparity-ranking,heatmap,trend,distribution,targets,county-ranking",
                          K_LIST, CHART_KINDS},
};

const char *run_key_section(enum run_key k) { return spec[k].section; }
const char *run_key_name(enum run_key k) { return spec[k].key; }

static int find_key(const char *section, const char *key)
{
    for (int k = 0; k < RK_COUNT; k++)
        if (strcmp(spec[k].section, section) == 0 && strcmp(spec[k].key, key) == 0)
            return k;
    return -1;
}

static int known_section(const char *section)
{
    for (int k = 0; k < RK_COUNT; k++)
        if (strcmp(spec[k].section, section) == 0)
            return 1;
    return 0;
}

static int choice_ok(const char *choices, const char *v, size_t len)
{
    for (const char *p = choices; *p;) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        if (n == len && strncmp(p, v, n) == 0)
            return 1;
        p += n + (bar != NULL);
    }
    return 0;
}

/* ---- lists ------------------------------------------------------------ */

static int is_sep(char ch)
{
    return ch == ',' || ch == ' ' || ch == '\t';
}

/* The next word of a list at *p: 1 with *w and *len set, 0 at the end, -1
 * when a double quote is misused (not closed, empty, or not standing alone
 * between separators). */
static int next_word(const char **p, const char **w, size_t *len)
{
    const char *s = *p;
    while (*s && is_sep(*s))
        s++;
    *p = s;
    if (!*s)
        return 0;
    if (*s == '"') {
        const char *e = strchr(s + 1, '"');
        if (!e || e == s + 1 || (e[1] && !is_sep(e[1])))
            return -1;
        *w = s + 1;
        *len = (size_t)(e - s - 1);
        *p = e + 1;
        return 1;
    }
    *w = s;
    while (*s && !is_sep(*s) && *s != '"')
        s++;
    if (*s == '"')
        return -1;
    *len = (size_t)(s - *w);
    *p = s;
    return 1;
}

/* The list v rewritten as words joined by commas, each quoted only when it
 * holds a separator, so that the run's steps may split kinds, formats and
 * groups at commas.  NULL for a misused quote (*bad set) or out of memory. */
static char *normalise_list(const char *v, int *bad)
{
    char *out = malloc(3 * strlen(v) + 1), *o = out;
    const char *p = v, *w;
    size_t len;
    int r;
    *bad = 0;
    if (!out)
        return NULL;
    while ((r = next_word(&p, &w, &len)) > 0) {
        int quote = 0;
        for (size_t i = 0; i < len; i++)
            quote |= is_sep(w[i]);
        if (o != out)
            *o++ = ',';
        o += sprintf(o, quote ? "\"%.*s\"" : "%.*s", (int)len, w);
    }
    *o = '\0';
    if (r < 0) {
        *bad = 1;
        free(out);
        return NULL;
    }
    return out;
}

char **run_config_words(const char *list, size_t *n)
{
    const char *p = list, *w;
    size_t len, cap = strlen(list) / 2 + 2;
    char **words = calloc(cap, sizeof *words);
    *n = 0;
    while (words && next_word(&p, &w, &len) > 0)
        if (!(words[(*n)++] = strndup(w, len))) {
            run_config_words_free(words, *n);
            return NULL;
        }
    return words;
}

void run_config_words_free(char **words, size_t n)
{
    for (size_t i = 0; words && i < n; i++)
        free(words[i]);
    free(words);
}

/* ---- values ----------------------------------------------------------- */

/* A list with choices: every word one of them, "none" only alone. */
static const char *check_words(int k, const char *v)
{
    const char *p = v, *w;
    size_t len, n = 0;
    int none = 0;
    while (next_word(&p, &w, &len) > 0) {
        if (!choice_ok(spec[k].choices, w, len))
            return spec[k].choices;
        none |= len == 4 && strncmp(w, "none", 4) == 0;
        n++;
    }
    if (n == 0 || (none && n > 1))
        return k == RK_CHARTS_KINDS || k == RK_REPORT_CHARTS ? "all, none alone, or chart kinds of " CHART_KINDS
                                    : spec[k].choices;
    return NULL;
}

/* Checks v for key k; returns NULL or what was expected. */
static const char *check_value(int k, const char *v)
{
    char *end;
    jh_index_id id;
    int weighted;
    switch (spec[k].kind) {
    case K_INT:
        errno = 0;
        long x = strtol(v, &end, 10);
        return (*v && !*end && !errno && x >= 0) ? NULL : "a whole number >= 0";
    case K_BOOL:
        return (!strcasecmp(v, "yes") || !strcasecmp(v, "no") || !strcasecmp(v, "true") ||
                !strcasecmp(v, "false")) ? NULL : "yes or no";
    case K_CHOICE:
        return choice_ok(spec[k].choices, v, strlen(v)) ? NULL : spec[k].choices;
    case K_INDEX:
        return jh_index_lookup(v, &id, &weighted) == JH_OK
                   ? NULL : "an index name such as gini_w, see docs/indices.md";
    case K_LIST:
        return spec[k].choices ? check_words(k, v) : NULL;
    case K_WEIGHTS:
        /* the files are read (and named in errors) when the step runs */
        return !strcmp(v, "entropy") || !strcmp(v, "critic") || !strcmp(v, "equal") ||
               !strncmp(v, "fixed:", 6) || !strncmp(v, "ahp:", 4) ||
               !strncmp(v, "combined:", 9)
                   ? NULL : "entropy, critic, equal, fixed:FILE, ahp:FILE[:FILE...] or "
                            "combined:SUBJ,OBJ[,ALPHA]";
    case K_BASE:
        /* as cli_weights_base_parse (weights_opt.c, not linked into the
         * configuration fuzzer) */
        return !*v || !strcmp(v, "pooled") || !jh_value_parse_year(v, strlen(v), &weighted)
                   ? NULL
               : "a year, pooled, or nothing (objective weights per year)";
    default:
        return NULL;
    }
}

/* Sets key k to the value as written: a text in double quotes loses them,
 * a list is normalised.  0; 1 with *why set for a bad value; -1 when out of
 * memory. */
static int set_value(run_config *c, int k, const char *v, const char **why)
{
    size_t len = strlen(v);
    char *copy;
    int bad = 0;
    *why = NULL;
    if (spec[k].kind == K_LIST) {
        copy = normalise_list(v, &bad);
        if (bad)
            *why = "a list; a name in double quotes must be closed and stand between "
                   "commas or blanks";
    } else if (v[0] == '"' && (len < 2 || v[len - 1] != '"')) {
        *why = "a closing double quote";
        return 1;
    } else {
        copy = v[0] == '"' ? strndup(v + 1, len - 2) : strdup(v);
    }
    if (*why)
        return 1;
    if (!copy)
        return -1;
    if ((*why = check_value(k, copy))) {
        free(copy);
        return 1;
    }
    free(c->value[k]);
    c->value[k] = copy;
    return 0;
}

/* ---- the file --------------------------------------------------------- */

struct parser {
    run_config *c;
    unsigned long line;      /* the line being read, from 1 */
    char section[64];        /* the current section, "" before the first */
    int last_key;            /* the last key of this section, or -1 */
};

static int syntax(const struct parser *p, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* "junheng: FILE:LINE: message"; returns EX_DATAERR. */
static int syntax(const struct parser *p, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "junheng: %s:%lu: ", p->c->path, p->line);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return EX_DATAERR;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        s[--n] = '\0';
    return s;
}

/* Cuts an inline comment: ';' after a blank, outside double quotes. */
static void cut_comment(char *v)
{
    int quoted = 0;
    for (char *q = v; *q; q++) {
        quoted ^= *q == '"';
        if (!quoted && *q == ';' && (q == v || q[-1] == ' ' || q[-1] == '\t')) {
            *q = '\0';
            return;
        }
    }
}

static int section_line(struct parser *p, char *s)
{
    char *close = strchr(s, ']');
    if (!close)
        return syntax(p, "section '%s' is not closed (expected ']' on the same line)", s);
    char *rest = trim(close + 1);
    if (*rest && *rest != ';' && *rest != '#')
        return syntax(p, "text after the section header: '%s'", rest);
    *close = '\0';
    char *name = trim(s + 1);
    if (!known_section(name))
        return syntax(p, "unknown section [%s] (expected [data], [analysis], [charts] or "
                      "[output])", name);
    snprintf(p->section, sizeof p->section, "%s", name);
    p->last_key = -1;
    return 0;
}

static int key_line(struct parser *p, char *s, char *eq)
{
    *eq = '\0';
    char *key = trim(s), *value = eq + 1;
    cut_comment(value);
    value = trim(value);
    if (!p->section[0])
        return syntax(p, "key '%s' before any section (put it under [data], [analysis], "
                      "[charts] or [output])", key);
    int k = find_key(p->section, key);
    if (k < 0)
        return syntax(p, "unknown key '%s' in section [%s]", key, p->section);
    if (p->c->line[k])
        return syntax(p, "%s.%s given twice (first at line %lu; give each key once)",
                      p->section, key, p->c->line[k]);
    const char *why;
    int r = set_value(p->c, k, value, &why);
    if (r > 0)
        return syntax(p, "bad value '%s' for %s.%s (expected %s)", value, p->section, key, why);
    if (r < 0) {
        fputs("junheng: out of memory\n", stderr);
        return cli_exit_code(JH_ENOMEM);
    }
    p->c->line[k] = p->line;
    p->last_key = k;
    return 0;
}

/* One line of the file (its line break and a first line's byte-order mark
 * already gone).  0, or an exit code after a message. */
static int parse_line(struct parser *p, char *raw)
{
    int indented = raw[0] == ' ' || raw[0] == '\t';
    char *s = trim(raw);
    if (!*s || *s == ';' || *s == '#')
        return 0;
    if (*s == '[')
        return section_line(p, s);
    char *eq = strchr(s, '=');
    if (eq)
        return key_line(p, s, eq);
    if (indented && p->last_key >= 0)
        return syntax(p, "an indented line continues %s.%s (line %lu), but continuation "
                      "lines are not read: write the whole value on one line",
                      spec[p->last_key].section, spec[p->last_key].key,
                      p->c->line[p->last_key]);
    return syntax(p, "syntax error (expected [section] or key = value)");
}

static int read_lines(struct parser *p, FILE *f)
{
    char *buf = NULL;
    size_t cap = 0;
    ssize_t n;
    int rc = 0;
    while (!rc && (n = getline(&buf, &cap, f)) >= 0) {
        p->line++;
        size_t len = (size_t)n;
        if (memchr(buf, '\0', len)) {
            rc = syntax(p, "a NUL byte (is the file UTF-16? save it as UTF-8)");
            break;
        }
        while (len && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
            buf[--len] = '\0';
        char *s = buf;
        if (p->line == 1 && strncmp(s, "\xEF\xBB\xBF", 3) == 0)
            s += 3;
        rc = parse_line(p, s);
    }
    if (!rc && ferror(f)) {
        fprintf(stderr, "junheng: %s: read error: %s\n", p->c->path, strerror(errno));
        rc = EX_IOERR;
    }
    free(buf);
    return rc;
}

static int fill_defaults(run_config *c)
{
    const char *why;
    for (int k = 0; k < RK_COUNT; k++)
        if (!c->value[k] && set_value(c, k, spec[k].dflt, &why))
            return -1;
    return 0;
}

/* A folder opens for reading and reads as empty: say what it is. */
static FILE *open_config(const char *path, int *code)
{
    struct stat st;
    FILE *f = NULL;
    *code = EX_NOINPUT;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        fprintf(stderr, "junheng: %s: is a folder, not a configuration file (give the .ini "
                "file inside it)\n", path);
    else if (!(f = fopen(path, "r")))
        fprintf(stderr, "junheng: %s: cannot open: %s\n", path, strerror(errno));
    else
        *code = 0;
    return f;
}

int run_config_read(run_config *c, const char *path)
{
    memset(c, 0, sizeof *c);
    c->path = strdup(path);
    const char *slash = strrchr(path, '/');
    c->base = slash ? strndup(path, (size_t)(slash - path)) : strdup(".");
    if (!c->path || !c->base) {
        fputs("junheng: out of memory\n", stderr);
        return cli_exit_code(JH_ENOMEM);
    }
    int code;
    FILE *f = open_config(path, &code);
    if (!f)
        return code;
    struct parser p = {.c = c, .last_key = -1};
    code = read_lines(&p, f);
    fclose(f);
    if (code)
        return code;
    if (fill_defaults(c)) {
        fputs("junheng: out of memory\n", stderr);
        return cli_exit_code(JH_ENOMEM);
    }
    if (!c->value[RK_DATA_FILES][0]) {
        fprintf(stderr, "junheng: %s: no input: set files = ... in [data]\n", path);
        return EX_DATAERR;
    }
    return 0;
}

int run_config_set(run_config *c, const char *a)
{
    const char *dot = strchr(a, '.'), *eq = strchr(a, '=');
    char section[64], key[64];
    if (!dot || !eq || dot > eq || (size_t)(dot - a) >= sizeof section ||
        (size_t)(eq - dot - 1) >= sizeof key) {
        fprintf(stderr, "junheng: run: --set needs section.key=value, not '%s'\n", a);
        return EX_USAGE;
    }
    snprintf(section, sizeof section, "%.*s", (int)(dot - a), a);
    snprintf(key, sizeof key, "%.*s", (int)(eq - dot - 1), dot + 1);
    int k = find_key(section, key);
    const char *want;
    if (k < 0) {
        fprintf(stderr, "junheng: run: --set: unknown key %s.%s\n", section, key);
        return EX_USAGE;
    }
    int r = set_value(c, k, eq + 1, &want);
    if (r > 0) {
        fprintf(stderr, "junheng: run: --set: bad value '%s' for %s.%s (expected %s)\n",
                eq + 1, section, key, want);
        return EX_USAGE;
    }
    if (r < 0) {
        fputs("junheng: out of memory\n", stderr);
        return cli_exit_code(JH_ENOMEM);
    }
    c->line[k] = 0;
    c->from_set[k] = 1;
    return 0;
}

void run_config_where(const run_config *c, enum run_key k, char *buf, size_t size)
{
    if (c->line[k])
        snprintf(buf, size, "%s:%lu: %s.%s", c->path, c->line[k], spec[k].section, spec[k].key);
    else if (c->from_set[k])
        snprintf(buf, size, "--set %s.%s", spec[k].section, spec[k].key);
    else
        snprintf(buf, size, "%s: %s.%s (default '%s')", c->path, spec[k].section, spec[k].key,
                 spec[k].dflt);
}

/* A word of analysis.group_by: the data's group column, the stratum, a
 * column of the region catalog, or a text column of the data. */
static int group_ok(const jh_region_catalog *cat, const jh_dataset *d, const char *g)
{
    for (size_t a = 0; d && a < d->attrs.n; a++)
        if (strcasecmp(d->attrs.str[a], g) == 0)
            return 1;
    return strcmp(g, "group") == 0 || strcmp(g, "stratum") == 0 ||
           (cat && jh_region_catalog_column(cat, g));
}

static int report_group(const run_config *c, const char *g, const char *regions)
{
    char where[4200];
    run_config_where(c, RK_ANALYSIS_GROUP_BY, where, sizeof where);
    fprintf(stderr, "junheng: %s: no column '%s' to group by (expected group, stratum, a text "
            "column of the data%s%s)\n",
            where, g, regions ? " or a column of " : "",
            regions ? regions : ", or give [data] regions for the catalog's columns");
    return EX_DATAERR;
}

int run_config_check_group_by(const run_config *c, const jh_region_catalog *cat,
                              const jh_dataset *d)
{
    char *regions = c->value[RK_DATA_REGIONS][0]
                        ? run_config_path(c, c->value[RK_DATA_REGIONS]) : NULL;
    size_t n = 0;
    char **words = run_config_words(c->value[RK_ANALYSIS_GROUP_BY], &n);
    int code = words ? 0 : cli_exit_code(JH_ENOMEM);
    /* The catalog the study read: its column names. */
    for (size_t i = 0; !code && i < n; i++)
        if (!group_ok(cat, d, words[i]))
            code = report_group(c, words[i], regions);
    run_config_words_free(words, n);
    free(regions);
    return code;
}

static int spatial_conflict(const run_config *c, enum run_key k, const char *why)
{
    char where[4200];
    run_config_where(c, k, where, sizeof where);
    fprintf(stderr, "junheng: %s: %s\n", where, why);
    return EX_DATAERR;
}

/* A named file that cannot be opened fails the run before any step. */
static int spatial_file(const run_config *c, enum run_key k)
{
    char where[4200], *p = c->value[k][0] ? run_config_path(c, c->value[k]) : NULL;
    FILE *f = p ? fopen(p, "rb") : NULL;
    int code = 0;
    if (p && !f) {
        run_config_where(c, k, where, sizeof where);
        fprintf(stderr, "junheng: %s: cannot open %s: %s\n", where, p, strerror(errno));
        code = EX_NOINPUT;
    }
    if (f)
        fclose(f);
    free(p);
    return code;
}

int run_config_check_spatial(const run_config *c)
{
    if (c->value[RK_DATA_NEIGHBORS][0] && c->value[RK_DATA_BOUNDARIES][0])
        return spatial_conflict(c, RK_DATA_NEIGHBORS, "give neighbors or boundaries, not both "
                                "(neighbours are derived from the boundaries)");
    if (c->value[RK_DATA_BOUNDARY_KEY][0] && !c->value[RK_DATA_BOUNDARIES][0])
        return spatial_conflict(c, RK_DATA_BOUNDARY_KEY, "boundary_key without boundaries "
                                "(expected boundaries = FILE in [data])");
    int code = spatial_file(c, RK_DATA_BOUNDARIES);
    if (!code)
        code = spatial_file(c, RK_DATA_NEIGHBORS);
    return code ? code : spatial_file(c, RK_DATA_TILES);
}

void run_config_clear(run_config *c)
{
    for (int k = 0; k < RK_COUNT; k++)
        free(c->value[k]);
    free(c->path);
    free(c->base);
    memset(c, 0, sizeof *c);
}

char *run_config_path(const run_config *c, const char *p)
{
    if (p[0] == '/' || strcmp(c->base, ".") == 0)
        return strdup(p);
    size_t n = strlen(c->base) + strlen(p) + 2;
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "%s/%s", c->base, p);
    return s;
}

void run_config_json(const run_config *c, FILE *f, const char *indent)
{
    fputs("{\n", f);
    for (int k = 0; k < RK_COUNT; k++) {
        fprintf(f, "%s  \"%s.%s\": ", indent, spec[k].section, spec[k].key);
        jh_json_string(f, c->value[k]);
        fputs(k + 1 < RK_COUNT ? ",\n" : "\n", f);
    }
    fprintf(f, "%s}", indent);
}
