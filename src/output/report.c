/* The HTML evaluation report: cover and contents, summary, town and
 * country, convergence, targets, lagging counties, a section per domain,
 * data quality, result files and a methods appendix.  Static HTML, inline
 * CSS for screen and A4 print, no script; everything from input files goes
 * through jh_html_text; every number through jh_format_human.  The body is
 * written first to memory so that the contents can list every numbered
 * table and figure before it. */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "junheng/numfmt.h"
#include "junheng/output.h"
#include "junheng/report.h"
#include "output/report_text.h"

#ifndef JUNHENG_VERSION
#define JUNHENG_VERSION "?"
#endif

/* The writing state: the body stream, the counters of numbered things and
 * the contents gathered on the way. */
typedef struct rctx {
    FILE *f;
    const jh_report_input *in;
    const jh_dataset *d;
    int en;
    jh_index_id k;
    int wt;
    size_t last;          /* the latest year */
    size_t n_tab, n_fig, n_sec;
    char *toc;            /* the contents' <li> items, HTML */
    size_t toc_len;
    FILE *toc_f;
    char name[256];       /* the spelled-out name of the report's index */
} rctx;

static const char *M(const rctx *c, enum report_msg m)
{
    return report_msg(m, c->en);
}

static void esc(FILE *f, const char *s)
{
    jh_html_text(f, s ? s : "");
}

static const char css[] =
    "@page{size:A4;margin:20mm 18mm 22mm 18mm}"
    "body{font-family:'Noto Sans CJK SC','Noto Sans SC','Microsoft YaHei',sans-serif;"
    "max-width:52em;margin:2em auto;padding:0 1em;color:#222;line-height:1.5;font-size:11pt}"
    "h1{font-size:1.7em;margin:0 0 .5em}h2{color:#0072B2;margin-top:1.6em;"
    "border-bottom:1px solid #0072B2}h3{margin:1.2em 0 .3em}"
    "table{border-collapse:collapse;margin:.3em 0 1em;font-size:.9em;max-width:100%}"
    "th,td{border:1px solid #bbb;padding:.15em .5em;vertical-align:top}"
    "td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}"
    "th{background:#eef4f9;font-weight:600}caption{caption-side:top;text-align:left;"
    "font-weight:600;padding:.2em 0}figure{margin:1em 0}figcaption{font-weight:600;"
    "font-size:.9em;text-align:center}img{max-width:100%;max-height:105mm;height:auto;"
    "display:block;margin:0 auto}"
    ".note{color:#555;font-size:.85em}.cover{border-bottom:2px solid #0072B2;"
    "padding-bottom:1em;margin-bottom:1em}.cover dl{display:grid;grid-template-columns:"
    "max-content auto;gap:.2em 1em;margin:1em 0}.cover dt{font-weight:600}.cover dd{margin:0}"
    "nav ol{list-style:none;padding-left:0}nav ol ol{padding-left:1.5em;font-size:.92em}"
    "nav a{color:inherit;text-decoration:none}"
    "@media print{body{max-width:none;margin:0;padding:0}"
    "h2{break-before:page}nav h2,h2.first{break-before:auto}"
    "h2,h3,caption,figcaption{break-after:avoid}"
    "tr,figure,img{break-inside:avoid}thead{display:table-header-group}"
    "a{color:inherit;text-decoration:none}}";

/* ---- numbers, names and the contents --------------------------------- */

/* One number cell: x rounded for people, "–" when missing. */
static void num(rctx *c, double x, jh_num_kind kind, const char *unit, int flags)
{
    char b[64];
    jh_format_human(b, sizeof b, x, kind, unit, c->in->lang, flags);
    fprintf(c->f, "<td class=n>%s</td>", *b ? b : "–");
}

static const char *fmt(rctx *c, char *b, size_t size, double x, jh_num_kind kind,
                       const char *unit)
{
    jh_format_human(b, size, x, kind, unit, c->in->lang, 0);
    return *b ? b : "–";
}

static const char *unit_of(const rctx *c, size_t ind)
{
    return jh_study_unit(c->in->study, ind, c->en ? "en" : "zh");
}

static const char *lang(const rctx *c)
{
    return c->en ? "en" : "zh";
}

static const char *domain_label(const rctx *c, const char *code)
{
    const char *n = report_domain_name(code, c->en);
    return n ? n : *code ? code : M(c, RM_NO_DOMAIN);
}

/* A section heading, numbered and listed in the contents. */
static void section(rctx *c, const char *id, const char *title)
{
    c->n_sec++;
    fprintf(c->f, "<h2 id=%s%s>%zu %s</h2>\n", id, c->n_sec == 1 ? " class=first" : "",
            c->n_sec, title);
    fprintf(c->toc_f, "%s<li><a href=\"#%s\">%zu %s</a>\n", c->n_sec > 1 ? "</ol></li>\n" : "",
            id, c->n_sec, title);
    fputs("<ol>\n", c->toc_f);
}

/* "表3 caption" as the caption of the table that follows, and its entry in
 * the contents.  The caption is a format in the report language. */
static void table_open(rctx *c, const char *caption_fmt, ...)
{
    char cap[768], label[32];
    va_list ap;
    va_start(ap, caption_fmt);
    vsnprintf(cap, sizeof cap, caption_fmt, ap);
    va_end(ap);
    snprintf(label, sizeof label, M(c, RM_TABLE), ++c->n_tab);
    fprintf(c->f, "<table id=\"tab%zu\"><caption>%s ", c->n_tab, label);
    esc(c->f, cap);
    fputs("</caption>\n", c->f);
    fprintf(c->toc_f, "<li><a href=\"#tab%zu\">%s ", c->n_tab, label);
    esc(c->toc_f, cap);
    fputs("</a></li>\n", c->toc_f);
}

/* A numbered figure of one chart file. */
static void figure(rctx *c, const char *file, const char *caption)
{
    char label[32];
    snprintf(label, sizeof label, M(c, RM_FIGURE), ++c->n_fig);
    fprintf(c->f, "<figure id=\"fig%zu\"><img alt=\"", c->n_fig);
    esc(c->f, caption);
    fputs("\" src=\"", c->f);
    esc(c->f, file);
    fprintf(c->f, "\"><figcaption>%s ", label);
    esc(c->f, caption);
    fputs("</figcaption></figure>\n", c->f);
    fprintf(c->toc_f, "<li><a href=\"#fig%zu\">%s ", c->n_fig, label);
    esc(c->toc_f, caption);
    fputs("</a></li>\n", c->toc_f);
}

static void header_row(rctx *c, size_t n, ...)
{
    va_list ap;
    va_start(ap, n);
    fputs("<thead><tr>", c->f);
    for (size_t i = 0; i < n; i++)
        fprintf(c->f, "<th>%s</th>", va_arg(ap, const char *));
    fputs("</tr></thead>\n", c->f);
    va_end(ap);
}

static void name_cell(rctx *c, size_t ind)
{
    fputs("<tr><td>", c->f);
    esc(c->f, jh_study_indicator_label(c->in->study, ind, lang(c)));
    fputs("</td>", c->f);
}

/* ---- what is shown ---------------------------------------------------- */

static int kind_shown(const rctx *c, const char *kind)
{
    return report_listed(c->in->chart_kinds, c->in->n_chart_kinds, kind);
}

/* The chart "KIND-REST.png" when the run drew it and [report] shows KIND. */
static const char *chart(const rctx *c, const char *kind, const char *rest)
{
    char want[512];
    if (!kind_shown(c, kind))
        return NULL;
    snprintf(want, sizeof want, "charts/%s-%s.png", kind, rest);
    for (size_t i = 0; i < c->in->n_charts; i++)
        if (strcmp(c->in->charts[i], want) == 0 || strcmp(c->in->charts[i], want + 7) == 0)
            return c->in->charts[i];
    return NULL;
}

/* ---- the index table -------------------------------------------------- */

static const jh_slice_indices *slice_at(const rctx *c, size_t ind, size_t y)
{
    for (size_t i = 0; i < c->in->n_ix; i++) {
        const jh_slice_indices *s = &c->in->ix[i];
        if (s->indicator == ind && s->year == y && c->d->strata[s->stratum] == JH_STRATUM_TOTAL)
            return s;
    }
    return NULL;
}

/* Index value of indicator ind in year y, stratum total (NaN if absent).
 * An indicator the catalog leaves unweighted reports its plain index. */
static double value_at(const rctx *c, size_t ind, size_t y)
{
    const jh_slice_indices *s = slice_at(c, ind, y);
    if (!s)
        return NAN;
    return c->wt && s->has_weighted ? s->weighted.value[c->k] : s->plain.value[c->k];
}

/* The bootstrap interval of value_at, when the run drew one. */
static int interval_at(const rctx *c, size_t ind, size_t y, double *lo, double *hi)
{
    const jh_slice_indices *s = slice_at(c, ind, y);
    if (!s || !s->has_ci)
        return 0;
    const jh_index_ci *ci = c->wt && s->has_weighted ? s->weighted_ci : s->plain_ci;
    if (!ci)
        return 0;
    *lo = ci->lo[c->k];
    *hi = ci->hi[c->k];
    return !isnan(*lo) && !isnan(*hi);
}

static size_t replicates(const rctx *c)
{
    for (size_t i = 0; i < c->in->n_ix; i++)
        if (c->in->ix[i].has_ci)
            return c->in->ix[i].bootstrap;
    return 0;
}

/* ---- summary ---------------------------------------------------------- */

struct ranked {
    size_t ind;
    double v;
};

static int by_value_desc(const void *a, const void *b)
{
    const struct ranked *x = a, *y = b;
    if (x->v != y->v)
        return x->v < y->v ? 1 : -1;
    return (x->ind > y->ind) - (x->ind < y->ind);
}

static void ranked_table(rctx *c, const struct ranked *r, size_t n, const char *what)
{
    const int *years = c->d->years;
    char prev[64] = "", base[64] = "";
    int has_ci = replicates(c) > 0;
    table_open(c, M(c, RM_CAP_RANKED), what, c->name, years[c->last]);
    if (c->last >= 1)
        snprintf(prev, sizeof prev, M(c, RM_CHANGE_SINCE), years[c->last - 1]);
    if (c->last >= 2)
        snprintf(base, sizeof base, M(c, RM_CHANGE_SINCE), years[0]);
    fprintf(c->f, "<thead><tr><th>%s</th><th>%s</th><th>%s</th>", M(c, RM_INDICATOR),
            M(c, RM_DOMAIN), M(c, RM_VALUE));
    if (has_ci)
        fprintf(c->f, "<th>%s</th>", M(c, RM_CI));
    if (*prev)
        fprintf(c->f, "<th>%s</th>", prev);
    if (*base)
        fprintf(c->f, "<th>%s</th>", base);
    fputs("</tr></thead>\n", c->f);
    for (size_t i = 0; i < n; i++) {
        name_cell(c, r[i].ind);
        fputs("<td>", c->f);
        esc(c->f, domain_label(c, jh_study_domain(c->in->study, r[i].ind)));
        fputs("</td>", c->f);
        num(c, r[i].v, JH_NUM_INDEX, NULL, 0);
        if (has_ci) {
            double lo, hi;
            char a[64], b[64];
            if (interval_at(c, r[i].ind, c->last, &lo, &hi))
                fprintf(c->f, "<td class=n>[%s, %s]</td>", fmt(c, a, sizeof a, lo, JH_NUM_INDEX, NULL),
                        fmt(c, b, sizeof b, hi, JH_NUM_INDEX, NULL));
            else
                fputs("<td class=n>–</td>", c->f);
        }
        if (*prev)
            num(c, r[i].v - value_at(c, r[i].ind, c->last - 1), JH_NUM_INDEX, NULL, JH_NUM_SIGNED);
        if (*base)
            num(c, r[i].v - value_at(c, r[i].ind, 0), JH_NUM_INDEX, NULL, JH_NUM_SIGNED);
        fputs("</tr>\n", c->f);
    }
    fputs("</table>\n", c->f);
}

static size_t converge_count(const rctx *c, const char *verdict, size_t *total);
static size_t targets_on_track(const rctx *c, size_t *total);

/* The answers first: the widest gap, whether gaps close, the targets. */
static void findings(rctx *c, const struct ranked *r, size_t n)
{
    char v[64];
    size_t total = 0, conv, div, on, nt = 0;
    fputs("<ul>\n", c->f);
    if (n) {
        fputs("<li>", c->f);
        char line[1024];
        snprintf(line, sizeof line, M(c, RM_FINDING_MOST), c->d->years[c->last],
                 jh_study_indicator_label(c->in->study, r[0].ind, lang(c)),
                 fmt(c, v, sizeof v, r[0].v, JH_NUM_INDEX, NULL));
        esc(c->f, line);
        fputs("</li>\n", c->f);
    }
    conv = converge_count(c, "converging", &total);
    div = converge_count(c, "diverging", &total);
    if (total) {
        fputs("<li>", c->f);
        fprintf(c->f, M(c, RM_FINDING_CONV), conv, div, total);
        fputs("</li>\n", c->f);
    }
    on = targets_on_track(c, &nt);
    if (nt) {
        fputs("<li>", c->f);
        fprintf(c->f, M(c, RM_FINDING_TARGETS), nt, on);
        fputs("</li>\n", c->f);
    }
    fputs("</ul>\n", c->f);
}

static void summary(rctx *c)
{
    const jh_dataset *d = c->d;
    size_t n = 0;
    struct ranked *r = malloc((d->indicators.n ? d->indicators.n : 1) * sizeof *r);
    if (!r)
        return;
    for (size_t i = 0; i < d->indicators.n; i++) {
        double v = value_at(c, i, c->last);
        if (report_indicator_shown(c->in, i) && !isnan(v))
            r[n++] = (struct ranked){i, v};
    }
    qsort(r, n, sizeof *r, by_value_desc);
    section(c, "summary", M(c, RM_SUMMARY));
    findings(c, r, n);
    fputs("<p class=note>", c->f);
    /* A sentence in English begins with a capital. */
    if (c->en && c->name[0] >= 'a' && c->name[0] <= 'z')
        fputc(c->name[0] - 'a' + 'A', c->f);
    esc(c->f, c->name + (c->en && c->name[0] >= 'a' && c->name[0] <= 'z'));
    /* The code (gini_w) is in the methods appendix, not here. */
    fprintf(c->f, "%s%s%s%s", M(c, RM_SEP), M(c, RM_SMALLER), c->en ? ". " : "。",
            c->last ? "" : M(c, RM_ONE_YEAR));
    if (replicates(c))
        fprintf(c->f, M(c, RM_CI_NOTE), replicates(c));
    fputs("</p>\n", c->f);
    /* Two tables of five would repeat rows with ten indicators or fewer. */
    if (n <= 10) {
        ranked_table(c, r, n, M(c, RM_ALL_RANKED));
    } else {
        ranked_table(c, r, 5, M(c, RM_MOST));
        ranked_table(c, r + n - 5, 5, M(c, RM_LEAST));
    }
    free(r);
    char rest[128];
    snprintf(rest, sizeof rest, "%s-%d", c->in->index, d->years[c->last]);
    const char *ch = chart(c, "disparity-ranking", rest);
    if (ch)
        figure(c, ch, M(c, RM_ALL_RANKED));
    snprintf(rest, sizeof rest, "%d", d->years[c->last]);
    if ((ch = chart(c, "heatmap", rest))) {
        char cap[400];
        /* The heat map shows normalised values, not the index. */
        snprintf(cap, sizeof cap, c->en ? "Normalised values by county and indicator (1 = best), %d"
                                        : "各县、各指标的标准化值（1为最优），%d年",
                 d->years[c->last]);
        figure(c, ch, cap);
    }
}

/* ---- town and country, convergence, targets, counties ------------------ */

static void urban_rural(rctx *c)
{
    const jh_urban_rural_table *t = c->in->urban_rural;
    int opened = 0;
    section(c, "urban-rural", M(c, RM_UR));
    for (size_t i = 0; t && i < t->n_area; i++) {
        const jh_ur_area *a = &t->area[i];
        if (a->area != JH_NONE || a->year != c->last || a->basis != JH_UR_STRATA ||
            !report_indicator_shown(c->in, a->indicator))
            continue;
        if (!opened++) {
            fprintf(c->f, "<p class=note>%s</p>\n", M(c, RM_UR_NOTE));
            table_open(c, M(c, RM_CAP_UR), c->d->years[c->last]);
            header_row(c, 6, M(c, RM_INDICATOR), M(c, RM_UNIT), M(c, RM_URBAN), M(c, RM_RURAL),
                       M(c, RM_RATIO), M(c, RM_GAP));
        }
        const char *u = unit_of(c, a->indicator);
        name_cell(c, a->indicator);
        fputs("<td>", c->f);
        esc(c->f, u);
        fputs("</td>", c->f);
        num(c, a->urban_mean, JH_NUM_VALUE, u, 0);
        num(c, a->rural_mean, JH_NUM_VALUE, u, 0);
        num(c, a->ratio, JH_NUM_RATIO, NULL, 0);
        num(c, a->gap, JH_NUM_VALUE, u, JH_NUM_SIGNED);
        fputs("</tr>\n", c->f);
    }
    if (opened)
        fputs("</table>\n", c->f);
    else
        fprintf(c->f, "<p>%s</p>\n", M(c, RM_NO_UR));
    for (size_t i = 0; opened && i < c->d->indicators.n; i++) {
        char rest[300];
        snprintf(rest, sizeof rest, "%s-%d", c->d->indicators.str[i], c->d->years[c->last]);
        const char *ch = report_indicator_shown(c->in, i) ? chart(c, "urban-rural", rest) : NULL;
        if (ch)
            figure(c, ch, jh_study_indicator_label(c->in->study, i, lang(c)));
    }
}

/* Position of the report's index among the indices converge measured. */
static size_t converge_index(const rctx *c)
{
    const jh_converge_table *v = c->in->converge;
    size_t k = 0;
    while (v && k < v->n_index && strcmp(v->index_names[k], c->in->index) != 0)
        k++;
    return v ? k : 0;
}

static size_t converge_count(const rctx *c, const char *verdict, size_t *total)
{
    const jh_converge_table *v = c->in->converge;
    size_t k = converge_index(c), n = 0;
    *total = 0;
    for (size_t i = 0; v && k < v->n_index && i < v->n_trend; i++)
        if (v->trend[i].index == k && report_indicator_shown(c->in, v->trend[i].indicator)) {
            (*total)++;
            n += strcmp(v->trend[i].verdict, verdict) == 0;
        }
    return n;
}

static void converge(rctx *c)
{
    const jh_converge_table *v = c->in->converge;
    size_t k = converge_index(c);
    int opened = 0;
    section(c, "converge", M(c, RM_CONV));
    for (size_t i = 0; v && k < v->n_index && i < v->n_trend; i++) {
        const jh_trend_row *r = &v->trend[i];
        if (r->index != k || !report_indicator_shown(c->in, r->indicator))
            continue;
        if (!opened++) {
            fprintf(c->f, "<p class=note>%s</p>\n", M(c, RM_CONV_NOTE));
            table_open(c, M(c, RM_CAP_CONV), c->name, v->first_year, v->last_year);
            header_row(c, 4, M(c, RM_INDICATOR), M(c, RM_VERDICT), M(c, RM_PCT), "p");
        }
        name_cell(c, r->indicator);
        fprintf(c->f, "<td>%s</td>", report_verdict(r->verdict, c->en));
        num(c, r->pct_change, JH_NUM_PERCENT, NULL, JH_NUM_SIGNED);
        num(c, r->fit.p, JH_NUM_INDEX, NULL, 0);
        fputs("</tr>\n", c->f);
    }
    if (opened)
        fputs("</table>\n", c->f);
    else
        fprintf(c->f, "<p>%s</p>\n", M(c, RM_NO_CONV));
}

static size_t targets_on_track(const rctx *c, size_t *total)
{
    const jh_targets_table *t = c->in->targets;
    size_t n = 0;
    for (size_t i = 0; t && i < t->n; i++)
        if (t->rows[i].year == c->last && !isnan(t->rows[i].value) &&
            report_indicator_shown(c->in, t->rows[i].indicator)) {
            (*total)++;
            n += t->rows[i].on_track > 0;
        }
    return n;
}

static void targets(rctx *c)
{
    const jh_targets_table *t = c->in->targets;
    int opened = 0;
    section(c, "targets", M(c, RM_TARGETS));
    for (size_t i = 0; t && i < t->n; i++) {
        const jh_target_row *r = &t->rows[i];
        if (r->year != c->last || isnan(r->value) || !report_indicator_shown(c->in, r->indicator))
            continue;
        if (!opened++) {
            table_open(c, M(c, RM_CAP_TARGETS), c->d->years[c->last]);
            header_row(c, 7, M(c, RM_INDICATOR), M(c, RM_UNIT), M(c, RM_VALUE), M(c, RM_TARGET),
                       M(c, RM_PROGRESS), M(c, RM_ON_TRACK), M(c, RM_SHARE_MEETING));
        }
        const char *u = unit_of(c, r->indicator);
        name_cell(c, r->indicator);
        fputs("<td>", c->f);
        esc(c->f, u);
        fputs("</td>", c->f);
        num(c, r->value, JH_NUM_VALUE, u, 0);
        num(c, r->target.target, JH_NUM_VALUE, u, 0);
        num(c, 100 * r->progress, JH_NUM_PERCENT, NULL, 0);
        fprintf(c->f, "<td>%s</td>", r->on_track < 0 ? "–" : M(c, r->on_track ? RM_YES : RM_NO));
        num(c, 100 * r->share_meeting, JH_NUM_PERCENT, NULL, 0);
        fputs("</tr>\n", c->f);
    }
    if (opened)
        fputs("</table>\n", c->f);
    else
        fprintf(c->f, "<p>%s</p>\n", M(c, RM_NO_TARGETS));
    char rest[32];
    snprintf(rest, sizeof rest, "%d", c->d->years[c->last]);
    const char *ch = opened ? chart(c, "targets", rest) : NULL;
    if (ch)
        figure(c, ch, M(c, RM_TARGETS));
}

static int by_score(const void *a, const void *b)
{
    const jh_rank_county_row *x = *(const jh_rank_county_row *const *)a;
    const jh_rank_county_row *y = *(const jh_rank_county_row *const *)b;
    if (x->score != y->score)
        return x->score < y->score ? -1 : 1;
    return (x->region > y->region) - (x->region < y->region);
}

/* The prefecture of a county in the report language: the catalog's
 * prefecture_en in English when it has one, else the name the table has. */
static void prefecture_cell(rctx *c, const jh_rank_county_row *r, const size_t *en_of,
                            const jh_intern *en_names)
{
    const jh_rank_counties_table *t = c->in->counties;
    fputs("<td>", c->f);
    if (en_of && en_of[r->region] != JH_NONE && *en_names->str[en_of[r->region]])
        esc(c->f, en_names->str[en_of[r->region]]);
    else if (r->prefecture != JH_NONE)
        esc(c->f, t->prefectures.str[r->prefecture]);
    fputs("</td>", c->f);
}

static void county_rows(rctx *c, const jh_rank_county_row **r, size_t n)
{
    jh_intern names;
    jh_diag quiet;
    jh_intern_init(&names);
    jh_diag_init(&quiet, 1);
    size_t *en_of = c->en ? malloc((c->d->regions.n ? c->d->regions.n : 1) * sizeof *en_of) : NULL;
    /* A catalog without prefecture_en keeps the names it has. */
    if (en_of && jh_study_groups(c->in->study, "prefecture_en", en_of, &names, &quiet) != JH_OK) {
        free(en_of);
        en_of = NULL;
    }
    jh_diag_clear(&quiet);
    for (size_t i = 0; i < n && i < 10; i++) {
        fputs("<tr><td>", c->f);
        esc(c->f, jh_study_region_label(c->in->study, r[i]->region, lang(c)));
        fputs("</td>", c->f);
        prefecture_cell(c, r[i], en_of, &names);
        num(c, r[i]->score, JH_NUM_INDEX, NULL, 0);
        fprintf(c->f, "<td class=n>%zu</td>", r[i]->rank);
        if (r[i]->has_change && r[i]->rank_change)
            fprintf(c->f, "<td class=n>%+ld</td>", r[i]->rank_change);
        else if (r[i]->has_change)
            fputs("<td class=n>0</td>", c->f);
        else
            fputs("<td class=n>–</td>", c->f);
        fputs("</tr>\n", c->f);
    }
    free(en_of);
    jh_intern_clear(&names);
}

static void lagging_counties(rctx *c)
{
    const jh_rank_counties_table *t = c->in->counties;
    size_t n = 0;
    const jh_rank_county_row **r = t ? malloc((t->n ? t->n : 1) * sizeof *r) : NULL;
    section(c, "counties", M(c, RM_LAG));
    for (size_t i = 0; r && i < t->n; i++)
        if (t->rows[i].year == c->last && t->rows[i].ranked)
            r[n++] = &t->rows[i];
    if (n) {
        qsort(r, n, sizeof *r, by_score);
        table_open(c, M(c, RM_CAP_LAG), c->d->years[c->last]);
        header_row(c, 5, M(c, RM_COUNTY), M(c, RM_PREFECTURE), M(c, RM_SCORE), M(c, RM_RANK),
                   M(c, RM_RANK_CHANGE));
        county_rows(c, r, n);
        fputs("</table>\n", c->f);
        /* the weighting and, for AHP, the consistency ratio (issue 21) */
        fputs(c->en ? "<p class=note>Composite score weights: " : "<p class=note>综合得分权重：",
              c->f);
        char words[JH_RANK_WEIGHTING_MAX];
        jh_rank_weighting_words(t, !c->en, words, sizeof words);
        esc(c->f, words);
        fputs("</p>\n", c->f);
        char rest[32];
        snprintf(rest, sizeof rest, "%d", c->d->years[c->last]);
        const char *ch = chart(c, "county-ranking", rest);
        if (ch)
            figure(c, ch, M(c, RM_SCORE));
        if ((ch = chart(c, "decomposition", rest)))
            figure(c, ch, c->en ? "Theil decomposition" : "泰尔指数分解");
    } else {
        fprintf(c->f, "<p>%s</p>\n", M(c, RM_NO_COUNTIES));
    }
    free(r);
}

/* ---- domains ---------------------------------------------------------- */

static void indicator_charts(rctx *c, size_t ind)
{
    const char *code = c->d->indicators.str[ind];
    const char *label = jh_study_indicator_label(c->in->study, ind, lang(c));
    char rest[300], cap[600];
    const int *y = c->d->years;
    snprintf(rest, sizeof rest, "%s-%d", code, y[c->last]);
    const char *ch = chart(c, "distribution", rest);
    if (ch) {
        snprintf(cap, sizeof cap, c->en ? "%s: distribution over the counties, %d" : "%s：县际分布，%d年",
                 label, y[c->last]);
        figure(c, ch, cap);
    }
    snprintf(rest, sizeof rest, "%s-%d-%d", code, y[0], y[c->last]);
    if ((ch = chart(c, "lorenz", rest))) {
        snprintf(cap, sizeof cap, c->en ? "%s: Lorenz curves, %d and %d" : "%s：洛伦兹曲线，%d年与%d年",
                 label, y[0], y[c->last]);
        figure(c, ch, cap);
    }
}

static void domain_table(rctx *c, const char *domain)
{
    const jh_dataset *d = c->d;
    table_open(c, M(c, RM_CAP_DOMAIN), domain_label(c, domain), c->name, d->years[0],
               d->years[c->last]);
    fprintf(c->f, "<thead><tr><th>%s</th>", M(c, RM_INDICATOR));
    for (size_t y = 0; y <= c->last; y++)
        fprintf(c->f, "<th>%d</th>", d->years[y]);
    fputs("</tr></thead>\n", c->f);
    for (size_t i = 0; i < d->indicators.n; i++) {
        if (!report_indicator_shown(c->in, i) || strcmp(jh_study_domain(c->in->study, i), domain) != 0)
            continue;
        name_cell(c, i);
        for (size_t y = 0; y <= c->last; y++)
            num(c, value_at(c, i, y), JH_NUM_INDEX, NULL, 0);
        fputs("</tr>\n", c->f);
    }
    fputs("</table>\n", c->f);
}

static void domain_section(rctx *c, const char *domain)
{
    char cap[600];
    fputs("<h3>", c->f);
    esc(c->f, domain_label(c, domain));
    fputs("</h3>\n", c->f);
    domain_table(c, domain);
    char rest[300];
    snprintf(rest, sizeof rest, "%s-%s", c->in->index, domain);
    const char *ch = c->last ? chart(c, "trend", rest) : NULL;
    if (ch) {
        snprintf(cap, sizeof cap, M(c, RM_CAP_CONV), c->name, c->d->years[0], c->d->years[c->last]);
        snprintf(cap + strlen(cap), sizeof cap - strlen(cap), " (%s)", domain_label(c, domain));
        figure(c, ch, cap);
    }
    for (size_t i = 0; i < c->d->indicators.n; i++)
        if (report_indicator_shown(c->in, i) && strcmp(jh_study_domain(c->in->study, i), domain) == 0)
            indicator_charts(c, i);
}

static void domains(rctx *c)
{
    const jh_dataset *d = c->d;
    jh_intern seen;
    jh_intern_init(&seen);
    section(c, "domains", M(c, RM_DOMAINS));
    for (size_t i = 0; i < d->indicators.n; i++) {
        const char *dom = jh_study_domain(c->in->study, i);
        int added = 0;
        if (report_indicator_shown(c->in, i) && jh_intern_add(&seen, dom, strlen(dom), &added) != (size_t)-1 &&
            added)
            domain_section(c, dom);
    }
    jh_intern_clear(&seen);
}

/* ---- quality, files, methods ----------------------------------------- */

/* The count after "key: " in validate's report, or NULL. */
static const char *quality_value(const char *text, const char *key, char *buf, size_t size)
{
    const char *p = text;
    size_t n = strlen(key);
    for (; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
        if (strncmp(p, key, n) == 0 && p[n] == ':') {
            size_t len = strcspn(p + n + 1, "\n");
            snprintf(buf, size, "%.*s", (int)len, p + n + 1);
            return buf;
        }
    return NULL;
}

static void quality(rctx *c)
{
    static const struct {
        const char *key;
        enum report_msg m;
    } keys[] = {{"observations", RM_OBS}, {"missing", RM_MISSING},
                {"censored", RM_CENSORED}, {"duplicates merged", RM_DUPLICATES}};
    char buf[256];
    section(c, "quality", M(c, RM_QUALITY));
    fputs("<ul>\n", c->f);
    for (size_t i = 0; c->in->quality && i < sizeof keys / sizeof keys[0]; i++)
        if (quality_value(c->in->quality, keys[i].key, buf, sizeof buf)) {
            /* "1 (read as their bound)": the number; the words are ours. */
            buf[strspn(buf, " ") + strspn(buf + strspn(buf, " "), "0123456789")] = '\0';
            fprintf(c->f, "<li>%s%s%s</li>\n", M(c, keys[i].m), M(c, RM_SEP), buf + strspn(buf, " "));
        }
    fprintf(c->f, "</ul>\n<p>%s</p>\n", M(c, RM_QUALITY_DETAIL));
    if (c->in->chart_notes && *c->in->chart_notes) {
        fprintf(c->f, "<p>%s</p>\n<pre>", M(c, RM_CHART_NOTES));
        esc(c->f, c->in->chart_notes);
        fputs("</pre>\n", c->f);
    }
}

static void files(rctx *c)
{
    section(c, "tables", M(c, RM_TABLES));
    fputs("<ul>\n", c->f);
    for (size_t i = 0; i < c->in->n_tables; i++) {
        const char *t = c->in->tables[i];
        size_t n = strlen(t);
        enum report_msg m = n > 5 && strcmp(t + n - 5, ".xlsx") == 0 ? RM_FILE_XLSX
                          : strstr(t, "-wide.csv")                  ? RM_FILE_WIDE
                          : n > 4 && strcmp(t + n - 4, ".csv") == 0  ? RM_FILE_CSV
                          : n > 4 && strcmp(t + n - 4, ".txt") == 0  ? RM_FILE_TXT
                                                                     : RM_FILE_OTHER;
        fputs("<li><a href=\"", c->f);
        esc(c->f, t);
        fputs("\">", c->f);
        esc(c->f, t);
        fprintf(c->f, "</a> — %s</li>\n", M(c, m));
    }
    fputs("</ul>\n", c->f);
}

static void appendix(rctx *c)
{
    size_t n;
    const report_method *m = report_methods(&n);
    char name[256];
    section(c, "methods", M(c, RM_METHODS));
    fprintf(c->f, "<p>%s</p>\n<p class=note>%s</p>\n", M(c, RM_NUMBERS_NOTE), M(c, RM_METHODS_NOTE));
    fprintf(c->f, "<table><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead>\n",
            M(c, RM_INDEX), M(c, RM_CODE), M(c, RM_FORMULA), M(c, RM_SOURCE_REF));
    for (size_t i = 0; i < n; i++) {
        fprintf(c->f, "<tr><td>%s</td><td><code>%s%s</code></td><td>",
                report_index_name(m[i].code, c->en, name, sizeof name), m[i].code,
                strcmp(m[i].code, "atkinson") == 0 ? "_ε" : "");
        esc(c->f, m[i].formula);
        fputs("</td><td>", c->f);
        esc(c->f, m[i].source);
        fputs("</td></tr>\n", c->f);
    }
    fputs("</table>\n", c->f);
}

/* Which steps the data did not allow, and why (one year, no targets). */
static void skipped_steps(rctx *c)
{
    if (!c->in->n_skipped)
        return;
    fprintf(c->f, "<h3 id=skipped>%s</h3>\n<p>%s</p>\n<ul>\n", M(c, RM_SKIPPED),
            M(c, RM_SKIPPED_NOTE));
    for (size_t i = 0; i < c->in->n_skipped; i++) {
        fputs("<li>", c->f);
        esc(c->f, c->in->skipped[i]);
        fputs("</li>\n", c->f);
    }
    fputs("</ul>\n", c->f);
}

/* ---- the page --------------------------------------------------------- */

/* s as the inside of a CSS string: every ASCII character but letters,
 * digits as a hex escape, so that no input text ends the string
 * or the style element. */
static void css_string(FILE *f, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p >= 0x80 || (*p >= '0' && *p <= '9') || ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z'))
            putc(*p, f);
        else
            fprintf(f, "\\%x ", *p);
}

/* Printed pages: the title at the top, "page N of M" at the bottom. */
static void page_boxes(FILE *f, const rctx *c, const char *title)
{
    fputs("<style>@page{@top-right{content:\"", f);
    css_string(f, title);
    fputs("\";font-size:8pt;color:#666}@bottom-center{content:", f);
    fputs(c->en ? "\"Page \" counter(page) \" of \" counter(pages)"
                : "\"第 \" counter(page) \" 页，共 \" counter(pages) \" 页\"", f);
    fputs(";font-size:8pt;color:#666}}@page:first{@top-right{content:none}}</style>\n", f);
}

static void cover(FILE *f, const rctx *c, const char *title)
{
    const jh_dataset *d = c->d;
    size_t n_ind = 0;
    for (size_t i = 0; i < d->indicators.n; i++)
        n_ind += report_indicator_shown(c->in, i);
    fputs("<header class=cover>\n<h1>", f);
    esc(f, title);
    fputs("</h1>\n", f);
    if (c->in->note && *c->in->note) {
        fputs("<p class=note>", f);
        esc(f, c->in->note);
        fputs("</p>\n", f);
    }
    fprintf(f, "<dl>\n<dt>%s</dt><dd>%d—%d</dd>\n", report_msg(RM_PERIOD, c->en), d->years[0],
            d->years[c->last]);
    if (c->in->source && *c->in->source) {
        fprintf(f, "<dt>%s</dt><dd>", report_msg(RM_SOURCE, c->en));
        esc(f, c->in->source);
        fputs("</dd>\n", f);
    }
    fprintf(f, "<dt>%s</dt><dd>%zu</dd>\n<dt>%s</dt><dd>%zu</dd>\n", report_msg(RM_UNITS, c->en),
            d->regions.n, report_msg(RM_INDICATORS, c->en), n_ind);
    if (c->in->run_date && *c->in->run_date) {
        fprintf(f, "<dt>%s</dt><dd>", report_msg(RM_RUN_DATE, c->en));
        esc(f, c->in->run_date);
        fputs("</dd>\n", f);
    }
    fprintf(f, "<dt>%s</dt><dd>junheng %s</dd>\n</dl>\n</header>\n",
            report_msg(RM_VERSION, c->en), JUNHENG_VERSION);
}

/* The numbering of report.c for sections written elsewhere
 * (report_services.c, report_spatial.c). */
static void hook_section(void *ctx, const char *id, const char *title)
{
    section(ctx, id, title);
}

static void hook_table(void *ctx, const char *caption)
{
    table_open(ctx, "%s", caption);
}

static void hook_figure(void *ctx, const char *file, const char *caption)
{
    figure(ctx, file, caption);
}

static void body(rctx *c)
{
    jh_report_hooks h = {c, hook_section, hook_table, hook_figure};
    summary(c);
    skipped_steps(c);
    urban_rural(c);
    jh_report_groups(c->f, c->in, &h);
    converge(c);
    targets(c);
    jh_report_coverage(c->f, c->in, &h);
    lagging_counties(c);
    jh_report_services(c->f, c->in, &h);
    jh_report_spatial(c->f, c->in, &h);
    domains(c);
    quality(c);
    files(c);
    appendix(c);
    fputs("</ol></li>\n", c->toc_f);
}

int jh_report_write(FILE *f, const jh_report_input *in)
{
    rctx c = {.in = in, .d = in->study->data, .en = in->lang && strcmp(in->lang, "en") == 0,
              .k = JH_IX_GINI, .wt = 1};
    char *text = NULL;
    size_t len = 0;
    if (!c.d->n_years)
        return -1;
    c.last = c.d->n_years - 1;
    if (!in->index || jh_index_lookup(in->index, &c.k, &c.wt) != JH_OK) {
        c.k = JH_IX_GINI;
        c.wt = 1;
    }
    report_index_name(in->index ? in->index : "gini_w", c.en, c.name, sizeof c.name);
    c.f = open_memstream(&text, &len);
    c.toc_f = open_memstream(&c.toc, &c.toc_len);
    if (!c.f || !c.toc_f) {
        if (c.f)
            fclose(c.f);
        if (c.toc_f)
            fclose(c.toc_f);
        free(text);
        free(c.toc);
        return -1;
    }
    body(&c);
    int bad = ferror(c.f) | ferror(c.toc_f);
    bad |= fclose(c.f) | fclose(c.toc_f);
    if (!bad) {
        const char *title = in->title && *in->title ? in->title : report_msg(RM_TITLE, c.en);
        fprintf(f, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
                   "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                   "img-src 'self' data:; style-src 'unsafe-inline'\">\n<title>",
                c.en ? "en" : "zh-CN");
        esc(f, title);
        fprintf(f, "</title>\n<style>%s</style>\n", css);
        page_boxes(f, &c, title);
        fputs("</head>\n<body>\n", f);
        cover(f, &c, title);
        fprintf(f, "<nav id=contents>\n<h2>%s</h2>\n<ol>\n%s</ol>\n</nav>\n",
                report_msg(RM_CONTENTS, c.en), c.toc);
        fwrite(text, 1, len, f);
        fputs("</body>\n</html>\n", f);
    }
    free(text);
    free(c.toc);
    return bad ? -1 : 0;
}
