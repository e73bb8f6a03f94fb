/* The contents of one chart (variables, arrays and the strings they own),
 * and the prefecture colours shared by every chart kind. */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "junheng/slice.h"
#include "junheng/plot.h"
#include "junheng/indices.h"
#include "junheng/study.h"

void jh_plot_spec_init(jh_plot_spec *sp)
{
    memset(sp, 0, sizeof *sp);
}

void jh_plot_spec_clear(jh_plot_spec *sp)
{
    for (size_t i = 0; i < sp->n_pool; i++)
        free(sp->pool[i]);
    free(sp->pool);
    memset(sp, 0, sizeof *sp);
}

/* Takes ownership of p (freed at clear); returns p, or NULL (and marks the
 * spec failed) when p is NULL or cannot be recorded. */
static void *keep(jh_plot_spec *sp, void *p)
{
    if (p && sp->n_pool == sp->cap_pool) {
        size_t cap = sp->cap_pool ? 2 * sp->cap_pool : 32;
        char **np = realloc(sp->pool, cap * sizeof *np);
        if (!np) {
            free(p);
            p = NULL;
        } else {
            sp->pool = np;
            sp->cap_pool = cap;
        }
    }
    if (!p) {
        sp->failed = 1;
        return NULL;
    }
    sp->pool[sp->n_pool++] = p;
    return p;
}

static jh_plot_var *new_var(jh_plot_spec *sp, const char *name)
{
    for (size_t i = 0; i < sp->n_vars; i++)
        if (strcmp(sp->vars[i].name, name) == 0)
            return &sp->vars[i];
    if (sp->n_vars == sizeof sp->vars / sizeof sp->vars[0]) {
        sp->failed = 1;
        return NULL;
    }
    jh_plot_var *v = &sp->vars[sp->n_vars++];
    v->name = name;
    return v;
}

void jh_plot_spec_text(jh_plot_spec *sp, const char *name, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = len >= 0 ? malloc((size_t)len + 1) : NULL;
    if (s) {
        va_start(ap, fmt);
        vsnprintf(s, (size_t)len + 1, fmt, ap);
        va_end(ap);
    }
    jh_plot_var *v = new_var(sp, name);
    if ((s = keep(sp, s)) && v) {
        v->text = s;
        v->number = 0;
    }
}

void jh_plot_spec_number(jh_plot_spec *sp, const char *name, double x)
{
    jh_plot_var *v = new_var(sp, name);
    if (v) {
        v->text = NULL;
        v->number = x;
    }
}

void jh_plot_spec_array(jh_plot_spec *sp, const char *name, size_t n,
                        const char *const *items)
{
    if (sp->n_arrays == sizeof sp->arrays / sizeof sp->arrays[0]) {
        sp->failed = 1;
        return;
    }
    const char **copy = keep(sp, calloc(n ? n : 1, sizeof *copy));
    if (!copy)
        return;
    for (size_t k = 0; k < n; k++)
        copy[k] = keep(sp, strdup(items[k] ? items[k] : ""));
    jh_plot_array *a = &sp->arrays[sp->n_arrays++];
    a->name = name;
    a->n = n;
    a->items = copy;
}

/* The levels charts may group counties by, in order of preference: the
 * region-catalog column, and its name in each language. */
static const jh_plot_level levels[] = {
    {"prefecture", "市（州）", "prefecture", "prefectures", "Prefecture", "全省", "Province",
     "Provincial"},
    {"province", "省", "province", "provinces", "Province", "全国", "National", "National"},
    {"city", "市", "city", "cities", "City", "全省", "Province", "Provincial"},
    {"group", "组", "group", "groups", "Group", "全部县", "All counties", "Overall"},
};

const jh_plot_level *jh_plot_group_level(const jh_study *s)
{
    for (size_t k = 0; s->regions && k + 1 < sizeof levels / sizeof *levels; k++)
        if (jh_region_catalog_column(s->regions, levels[k].column))
            return &levels[k];
    return &levels[sizeof levels / sizeof *levels - 1];
}

size_t jh_plot_groups(const jh_study *s, size_t *group_of, jh_intern *names)
{
    jh_diag diag;
    jh_diag_init(&diag, 1);
    /* A --by column first; else the catalog's grouping level, then the
     * data's own group or parent column. */
    int rc = JH_ENOTFOUND;
    if (s->group_by)
        rc = jh_study_groups(s, s->group_by, group_of, names, &diag);
    else {
        rc = jh_study_groups(s, jh_plot_group_level(s)->column, group_of, names, &diag);
        const char *by = rc == JH_ENOTFOUND ? jh_study_default_group(s) : NULL;
        if (by)
            rc = jh_study_groups(s, by, group_of, names, &diag);
    }
    jh_diag_clear(&diag);
    if (rc != JH_OK) {
        for (size_t r = 0; r < s->data->regions.n; r++)
            group_of[r] = JH_NONE;
        return 0;
    }
    return names->n;
}

const char *jh_plot_group_label(const jh_study *s, const size_t *group_of,
                                const jh_intern *names, size_t g, const char *lang)
{
    const char *zh = names->str[g];
    char column[64];
    const char *level = jh_plot_group_level(s)->column;
    if (strcmp(lang, "en") != 0 || !s->regions || (s->group_by && strcmp(s->group_by, level)))
        return zh;
    snprintf(column, sizeof column, "%s_en", level);
    const char *const *en = jh_region_catalog_column(s->regions, column);
    if (!en)
        return zh;
    for (size_t r = 0; r < s->data->regions.n; r++)
        if (group_of[r] == g && s->region_entry[r] != JH_NONE)
            return en[s->region_entry[r]][0] ? en[s->region_entry[r]] : zh;
    return zh;
}

int jh_plot_axis_scale(double max)
{
    if (!(max > 0) || max >= 0.01 || !isfinite(max))
        return 0;
    return (int)ceil(-log10(max));
}

void jh_plot_scale_note(int n, char *buf, size_t cap)
{
    /* Superscript minus and digits: "×10⁻⁵". */
    static const char *const sup[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
    char digits[64] = "";
    if (n <= 0) {
        snprintf(buf, cap, "%s", "");
        return;
    }
    char num[16];
    snprintf(num, sizeof num, "%d", n);
    for (const char *p = num; *p; p++)
        snprintf(digits + strlen(digits), sizeof digits - strlen(digits), "%s", sup[*p - '0']);
    snprintf(buf, cap, "×10⁻%s", digits);
}

double jh_plot_text_em(const char *s)
{
    double em = 0;
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        if ((*p & 0xC0) == 0x80)
            continue; /* continuation byte */
        em += *p >= 0xE0 ? 1.0 : 0.55;
    }
    return em;
}

char *jh_plot_shorten(const char *s, double max_em, char *buf, size_t cap)
{
    double em = 0;
    size_t o = 0, cut = 0;
    s = s ? s : "";
    if (jh_plot_text_em(s) <= max_em) {
        snprintf(buf, cap, "%s", s);
        return buf;
    }
    /* Keep whole characters while they and the ellipsis (1 em) fit. */
    for (const unsigned char *p = (const unsigned char *)s; *p; p++, o++) {
        if ((*p & 0xC0) != 0x80) {
            cut = o;
            em += *p >= 0xE0 ? 1.0 : 0.55;
            if (em > max_em - 1)
                break;
        }
    }
    if (cut + sizeof "…" > cap)
        cut = 0;
    memcpy(buf, s, cut);
    memcpy(buf + cut, "…", sizeof "…");
    return buf;
}

/* The end of the piece at s the wrap places whole: a space, one wide
 * character, or a run of narrow ones up to a space or a wide one. */
static const char *wrap_piece(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    if (*p == ' ')
        return s + 1;
    if (*p >= 0xE0) {
        for (p++; (*p & 0xC0) == 0x80; p++)
            ;
        return (const char *)p;
    }
    for (p++; *p && *p != ' ' && *p < 0xE0; p++)
        ;
    return (const char *)p;
}

char *jh_plot_wrap(const char *s, double max_em, char *buf, size_t cap)
{
    size_t o = 0;
    double line = 0;
    char piece[512];
    s = s ? s : "";
    if (!cap)
        return buf;
    while (*s) {
        const char *e = wrap_piece(s);
        size_t len = (size_t)(e - s) < sizeof piece ? (size_t)(e - s) : sizeof piece - 1;
        memcpy(piece, s, len);
        piece[len] = '\0';
        double em = jh_plot_text_em(piece);
        s = e;
        if (piece[0] == ' ' && line == 0)
            continue; /* no space at the start of a line */
        if (piece[0] != ' ' && line > 0 && line + em > max_em) {
            if (o && buf[o - 1] == ' ')
                o--; /* the space the line breaks at */
            if (o + 1 < cap)
                buf[o++] = '\n';
            line = 0;
        }
        if (o + len >= cap)
            break;
        memcpy(buf + o, piece, len);
        o += len;
        line += em;
    }
    buf[o] = '\0';
    return buf;
}

size_t jh_plot_spec_lines(jh_plot_spec *sp, const char *name, const char *text,
                          double max_em)
{
    char buf[1024];
    const char *lines[16];
    size_t n = 0;
    jh_plot_wrap(text, max_em, buf, sizeof buf);
    for (char *p = buf; p && n < sizeof lines / sizeof *lines; n++) {
        lines[n] = p;
        p = strchr(p, '\n');
        if (p)
            *p++ = '\0';
    }
    jh_plot_spec_array(sp, name, n, lines);
    return n;
}

void jh_plot_spec_array_cut(jh_plot_spec *sp, const char *name, size_t n,
                            const char *const *items, double max_em)
{
    size_t before = sp->n_arrays;
    jh_plot_spec_array(sp, name, n, items);
    if (sp->n_arrays == before || sp->failed)
        return;
    /* The copies are the spec's own (jh_plot_spec_array's calloc). */
    const char **copy = (const char **)sp->arrays[before].items;
    for (size_t k = 0; k < n; k++) {
        char buf[1024];
        if (!copy[k] || jh_plot_text_em(copy[k]) <= max_em)
            continue;
        jh_plot_shorten(copy[k], max_em, buf, sizeof buf);
        char *t = keep(sp, strdup(buf));
        if (t)
            copy[k] = t;
    }
}

void jh_plot_spec_tics(jh_plot_spec *sp, const char *name, size_t n, const char *const *items,
                       double max_em)
{
    size_t before = sp->n_arrays;
    jh_plot_spec_array_cut(sp, name, n, items, max_em);
    if (sp->n_arrays == before || sp->failed)
        return;
    const char **copy = (const char **)sp->arrays[before].items;
    for (size_t k = 0; k < n; k++) {
        if (!copy[k] || !strchr(copy[k], '%'))
            continue;
        size_t len = strlen(copy[k]), pct = 0;
        for (const char *p = copy[k]; *p; p++)
            pct += *p == '%';
        char *t = keep(sp, malloc(len + pct + 1)), *o = t;
        if (!t)
            continue;
        for (const char *p = copy[k]; *p; p++)
            if ((*o++ = *p) == '%')
                *o++ = '%';
        *o = '\0';
        copy[k] = t;
    }
}

double jh_plot_left_margin(double max_em, double font_px, double lo, double hi)
{
    double m = (max_em * font_px + 60) / 1600.0;
    return m < lo ? lo : m > hi ? hi : m;
}

size_t jh_plot_stratum(const jh_study *s)
{
    for (size_t k = 0; k < s->data->n_strata; k++)
        if (s->data->strata[k] == JH_STRATUM_TOTAL)
            return k;
    return 0;
}

size_t jh_plot_slice(const jh_study *s, size_t ind, size_t year, int weighted,
                     double *x, double *w, size_t *region, int *used_weights)
{
    /* The one gatherer and its rule (slice.h): every region with a value
     * is drawn; weights only when every one of them has a usable weight. */
    jh_slice g = {.x = x, .w = w, .region = region};
    jh_slice_begin(&g);
    jh_slice_gather(&g, s, ind, year, jh_plot_stratum(s), weighted, NULL);
    *used_weights = jh_slice_weights_usable(&g);
    return g.n;
}

const char *jh_plot_index_label(int idx, int weighted, const char *lang)
{
    static const struct { jh_index_id id; const char *zh, *en, *zh_w, *en_w; } names[] = {
        {JH_IX_GINI, "基尼系数", "Gini coefficient",
         "基尼系数（人口加权）", "Gini coefficient (population-weighted)"},
        {JH_IX_CV, "变异系数", "Coefficient of variation",
         "加权变异系数（Williamson）", "Williamson's index"},
        {JH_IX_THEIL_T, "泰尔指数", "Theil index",
         "泰尔指数（人口加权）", "Theil index (population-weighted)"},
        {JH_IX_THEIL_L, "平均对数偏差", "Mean log deviation",
         "平均对数偏差（人口加权）", "Mean log deviation (population-weighted)"},
        {JH_IX_MAX_MIN_RATIO, "极值比", "Max/min ratio", NULL, NULL},
        {JH_IX_HOOVER, "胡佛指数", "Hoover index",
         "胡佛指数（人口加权）", "Hoover index (population-weighted)"},
    };
    int en = strcmp(lang, "en") == 0;
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
        if ((int)names[k].id == idx) {
            const char *t = weighted ? (en ? names[k].en_w : names[k].zh_w)
                                     : (en ? names[k].en : names[k].zh);
            if (t)
                return t;
        }
    const char *n = jh_index_name((jh_index_id)idx, weighted);
    return n ? n : "";
}

const char *jh_plot_domain_label(const char *domain, const char *lang)
{
    static const struct { const char *code, *zh, *en; } names[] = {
        {"education", "教育", "Education"},
        {"employment", "劳动就业", "Employment"},
        {"social_insurance", "社会保险", "Social insurance"},
        {"health", "医疗卫生", "Health"},
        {"social_services", "社会服务", "Social services"},
        {"housing", "住房保障", "Housing"},
        {"culture_sports", "文化体育", "Culture and sports"},
        {"disability", "残疾人服务", "Disability services"},
    };
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
        if (strcmp(domain, names[k].code) == 0)
            return strcmp(lang, "en") == 0 ? names[k].en : names[k].zh;
    return domain;
}

/* FNV-1a, 32 bits (Fowler, Noll, Vo): a stable hash of the code's bytes,
 * the same on every machine and in every run. */
static unsigned long fnv1a32(const char *s)
{
    unsigned long h = 2166136261UL;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        h = ((h ^ *p) * 16777619UL) & 0xffffffffUL;
    return h;
}

static int name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '.' || c == '-';
}

void jh_plot_file_piece(const char *code, char *buf, size_t cap)
{
    const char *s = code ? code : "";
    int clean = *s != '\0';
    for (const char *p = s; *p; p++)
        clean &= name_char(*p);
    if (clean) {
        snprintf(buf, cap, "%s", s);
        return;
    }
    /* The ASCII left of the code (runs of anything else one '_', at most
     * 40 characters), then the hash that keeps two codes apart. */
    char slug[48];
    size_t n = 0;
    for (const char *p = s; *p && n < 40; p++) {
        if (name_char(*p))
            slug[n++] = *p;
        else if (n && slug[n - 1] != '_')
            slug[n++] = '_';
    }
    while (n && slug[n - 1] == '_')
        n--;
    slug[n] = '\0';
    snprintf(buf, cap, "%s%s%08lx", slug, n ? "_" : "", fnv1a32(s));
}

double jh_plot_nice_step(double raw)
{
    if (!(raw > 0) || !isfinite(raw))
        return 1;
    double p = pow(10, floor(log10(raw))), f = raw / p;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
}
