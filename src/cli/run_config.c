#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <ini.h>
#include "run_config.h"
#include "junheng/output.h"

enum kind { K_TEXT, K_LIST, K_INT, K_BOOL, K_CHOICE };

static const struct {
    const char *section, *key, *dflt;
    enum kind kind;
    const char *choices; /* for K_CHOICE: '|'-separated */
} spec[RK_COUNT] = {
    [RK_DATA_FILES] = {"data", "files", "", K_LIST, NULL},
    [RK_DATA_ENCODING] = {"data", "encoding", "auto", K_CHOICE, "auto|utf-8|gb18030"},
    [RK_DATA_REGIONS] = {"data", "regions", "", K_TEXT, NULL},
    [RK_DATA_INDICATORS] = {"data", "indicators", "", K_TEXT, NULL},
    [RK_DATA_WEIGHT_COL] = {"data", "weight_col", "", K_TEXT, NULL},
    [RK_DATA_LENIENT] = {"data", "lenient", "no", K_BOOL, NULL},
    [RK_DATA_CENSORED] = {"data", "censored", "value", K_CHOICE, "value|missing|error"},
    [RK_DATA_ON_DUPLICATE] = {"data", "on_duplicate", "error", K_CHOICE, "error|first|last|mean"},
    [RK_ANALYSIS_INDEX] = {"analysis", "index", "gini_w", K_TEXT, NULL},
    [RK_ANALYSIS_GROUP_BY] = {"analysis", "group_by", "prefecture", K_LIST, NULL},
    [RK_ANALYSIS_BOOTSTRAP] = {"analysis", "bootstrap", "0", K_INT, NULL},
    [RK_ANALYSIS_SEED] = {"analysis", "seed", "1", K_INT, NULL},
    [RK_CHARTS_KINDS] = {"charts", "kinds", "all", K_LIST, NULL},
    [RK_CHARTS_FORMATS] = {"charts", "formats", "png,svg", K_LIST, NULL},
    [RK_CHARTS_TIMEOUT] = {"charts", "timeout", "60", K_INT, NULL},
    [RK_OUTPUT_DIR] = {"output", "dir", "out", K_TEXT, NULL},
    [RK_OUTPUT_LANG] = {"output", "lang", "zh", K_CHOICE, "zh|en"},
    [RK_OUTPUT_TITLE] = {"output", "title", "", K_TEXT, NULL},
    [RK_OUTPUT_NOTE] = {"output", "note", "", K_TEXT, NULL},
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

static int choice_ok(const char *choices, const char *v)
{
    size_t len = strlen(v);
    for (const char *p = choices; *p;) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        if (n == len && strncmp(p, v, n) == 0)
            return 1;
        p += n + (bar != NULL);
    }
    return 0;
}

/* Checks v for key k; returns NULL or what was expected. */
static const char *check_value(int k, const char *v)
{
    char *end;
    switch (spec[k].kind) {
    case K_INT:
        errno = 0;
        long x = strtol(v, &end, 10);
        return (*v && !*end && !errno && x >= 0) ? NULL : "a whole number >= 0";
    case K_BOOL:
        return (!strcasecmp(v, "yes") || !strcasecmp(v, "no") || !strcasecmp(v, "true") ||
                !strcasecmp(v, "false")) ? NULL : "yes or no";
    case K_CHOICE:
        return choice_ok(spec[k].choices, v) ? NULL : spec[k].choices;
    default:
        return NULL;
    }
}

struct parse_state {
    run_config *c;
    char msg[512];      /* first error */
};

static int set_value(run_config *c, int k, const char *v)
{
    char *copy = strdup(v);
    if (!copy)
        return -1;
    free(c->value[k]);
    c->value[k] = copy;
    return 0;
}

static int on_key(void *user, const char *section, const char *key, const char *value)
{
    struct parse_state *st = user;
    int k = find_key(section, key);
    const char *want;
    if (k < 0) {
        if (!st->msg[0])
            snprintf(st->msg, sizeof st->msg, "unknown key '%s' in section [%s]", key, section);
        return 0;
    }
    if ((want = check_value(k, value))) {
        if (!st->msg[0])
            snprintf(st->msg, sizeof st->msg, "bad value '%s' for %s.%s (expected %s)", value,
                     section, key, want);
        return 0;
    }
    return set_value(st->c, k, value) == 0;
}

static int fill_defaults(run_config *c)
{
    for (int k = 0; k < RK_COUNT; k++)
        if (!c->value[k] && set_value(c, k, spec[k].dflt))
            return -1;
    return 0;
}

int run_config_read(run_config *c, const char *path)
{
    struct parse_state st = {c, ""};
    memset(c, 0, sizeof *c);
    c->path = strdup(path);
    const char *slash = strrchr(path, '/');
    c->base = slash ? strndup(path, (size_t)(slash - path)) : strdup(".");
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "junheng: %s: cannot open: %s\n", path, strerror(errno));
        return 66;
    }
    int line = ini_parse_file(f, on_key, &st);
    fclose(f);
    if (line != 0) {
        fprintf(stderr, "junheng: %s:%d: %s\n", path, line,
                st.msg[0] ? st.msg : "syntax error (expected [section] or key = value)");
        return 65;
    }
    if (fill_defaults(c)) {
        fputs("junheng: out of memory\n", stderr);
        return 70;
    }
    if (!c->value[RK_DATA_FILES][0]) {
        fprintf(stderr, "junheng: %s: no input: set files = ... in [data]\n", path);
        return 65;
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
        return 64;
    }
    snprintf(section, sizeof section, "%.*s", (int)(dot - a), a);
    snprintf(key, sizeof key, "%.*s", (int)(eq - dot - 1), dot + 1);
    int k = find_key(section, key);
    const char *want;
    if (k < 0) {
        fprintf(stderr, "junheng: run: --set: unknown key %s.%s\n", section, key);
        return 64;
    }
    if ((want = check_value(k, eq + 1))) {
        fprintf(stderr, "junheng: run: --set: bad value '%s' for %s.%s (expected %s)\n",
                eq + 1, section, key, want);
        return 64;
    }
    return set_value(c, k, eq + 1) ? 70 : 0;
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
