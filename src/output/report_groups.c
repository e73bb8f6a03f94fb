/* The report's section on gaps between groups of people (report.h,
 * jh_report_groups): for each pair of the strata catalog (a group against
 * its comparison or the whole population) and each indicator both have,
 * the province's means of both sides in the latest year, their ratio and
 * gap oriented by the indicator's direction, and how many counties the
 * group is worse served in; then the pair's charts.  Reads the group-gap
 * step's table (tables/group-gaps.csv); computes nothing. */
#include <math.h>
#include <string.h>
#include "junheng/numfmt.h"
#include "junheng/output.h"
#include "junheng/report.h"
#include "report_text.h"

enum msg {
    G_TITLE, G_NOTE, G_CAPTION, G_GROUP, G_COMPARED, G_INDICATOR, G_UNIT, G_GROUP_MEAN,
    G_COMP_MEAN, G_RATIO, G_GAP, G_WORSE, G_NONE, G_FIGURE, G_COUNT
};

static const char *const text[G_COUNT][2] = {
    [G_TITLE] = {"人群差距", "Gaps between groups of people"},
    [G_NOTE] = {"每个人群与其对照人群（分层目录的 compare 列，未给出时为全体人口）比较：全省为"
                "人口加权平均值；比值与差值按指标方向取向，比值大于1表示该人群享有的服务更好；"
                "“较差县数”为该人群比值小于1的县（市、区）数。",
                "Each group is compared with its comparison (the strata catalog's compare "
                "column, else the whole population): province values are population-weighted "
                "means; ratio and gap are oriented by the indicator's direction, so a ratio "
                "above 1 means the group is better served; \"counties worse off\" counts the "
                "counties where the group's ratio is below 1."},
    [G_CAPTION] = {"各人群与对照人群的差距（%d年）", "Gaps between groups of people, %d"},
    [G_GROUP] = {"人群", "Group"},
    [G_COMPARED] = {"对照", "Compared with"},
    [G_INDICATOR] = {"指标", "Indicator"},
    [G_UNIT] = {"单位", "Unit"},
    [G_GROUP_MEAN] = {"该人群数值", "Group value"},
    [G_COMP_MEAN] = {"对照数值", "Comparison value"},
    [G_RATIO] = {"比值", "Ratio"},
    [G_GAP] = {"差值", "Gap"},
    [G_WORSE] = {"较差县数", "Counties worse off"},
    [G_NONE] = {"最近一年没有可比较的人群数据。",
                "No group of people has values to compare in the latest year."},
    [G_FIGURE] = {"%s：%s与%s（%d年）", "%s: %s and %s, %d"},
};

static const char *T(const jh_report_input *in, enum msg m)
{
    return text[m][report_english(in)];
}

/* The stratum's name in the report's language, else its code. */
static const char *stratum_label(const jh_report_input *in, size_t k)
{
    const jh_stratum_def *d = &in->study->data->stratum_def[k];
    const char *n = report_english(in) ? d->name_en : d->name_zh;
    return n && *n ? n : d->code;
}

static void cell(FILE *f, const char *s)
{
    fputs("<td>", f);
    jh_html_text(f, s);
    fputs("</td>", f);
}

static void number(FILE *f, const jh_report_input *in, double x, jh_num_kind kind,
                   const char *unit, int flags)
{
    char b[64];
    jh_format_human(b, sizeof b, x, kind, unit, in->lang, flags);
    fprintf(f, "<td class=n>%s</td>", *b ? b : "–");
}

/* Counties of (ind, year) with a ratio, and those below 1. */
static void worse_off(const jh_urban_rural_table *t, size_t ind, size_t year, size_t *worse, size_t *n)
{
    *worse = *n = 0;
    for (size_t i = 0; i < t->n_county; i++) {
        const jh_ur_county *c = &t->county[i];
        if (c->indicator != ind || c->year != year || isnan(c->ratio))
            continue;
        (*n)++;
        *worse += c->ratio < 1;
    }
}

static void row(FILE *f, const jh_report_input *in, const jh_gap_pair *p, const jh_ur_area *a)
{
    const jh_study *s = in->study;
    const char *lang = report_english(in) ? "en" : "zh";
    const char *u = jh_study_unit(s, a->indicator, lang);
    char b[64];
    size_t worse, n;
    fputs("<tr>", f);
    cell(f, stratum_label(in, p->a));
    cell(f, stratum_label(in, p->b));
    cell(f, jh_study_indicator_label(s, a->indicator, lang));
    cell(f, u);
    number(f, in, a->urban_mean, JH_NUM_VALUE, u, 0);
    number(f, in, a->rural_mean, JH_NUM_VALUE, u, 0);
    number(f, in, a->ratio, JH_NUM_RATIO, NULL, 0);
    number(f, in, a->gap, JH_NUM_VALUE, u, JH_NUM_SIGNED);
    worse_off(p->t, a->indicator, a->year, &worse, &n);
    snprintf(b, sizeof b, report_english(in) ? "%zu of %zu" : "%zu / %zu", worse, n);
    fprintf(f, "<td class=n>%s</td></tr>\n", b);
}

/* The province rows of the latest year, pair by pair; 0 when none. */
static size_t table(FILE *f, const jh_report_input *in, const jh_report_hooks *h, size_t last)
{
    const jh_group_gaps_table *g = in->group_gaps;
    size_t n = 0;
    char cap[256];
    for (size_t p = 0; p < g->n; p++)
        for (size_t i = 0; i < g->pair[p].t->n_area; i++) {
            const jh_ur_area *a = &g->pair[p].t->area[i];
            if (a->area != JH_NONE || a->year != last || !report_indicator_shown(in, a->indicator))
                continue;
            if (!n++) {
                fprintf(f, "<p class=note>%s</p>\n", T(in, G_NOTE));
                snprintf(cap, sizeof cap, T(in, G_CAPTION), in->study->data->years[last]);
                h->table(h->ctx, cap);
                fprintf(f, "<thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
                           "<th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead>\n",
                        T(in, G_GROUP), T(in, G_COMPARED), T(in, G_INDICATOR), T(in, G_UNIT),
                        T(in, G_GROUP_MEAN), T(in, G_COMP_MEAN), T(in, G_RATIO), T(in, G_GAP),
                        T(in, G_WORSE));
            }
            row(f, in, &g->pair[p], a);
        }
    if (n)
        fputs("</table>\n", f);
    return n;
}

/* The chart of pair p and indicator ind in the latest year, when the run
 * drew it and [report] charts shows group-gap. */
static const char *chart(const jh_report_input *in, const jh_gap_pair *p, size_t ind,
                         size_t last)
{
    const jh_dataset *d = in->study->data;
    char want[600];
    if (!report_listed(in->chart_kinds, in->n_chart_kinds, "group-gap"))
        return NULL;
    snprintf(want, sizeof want, "charts/group-gap-%s-%s-%s-%d.png", jh_dataset_stratum_name(d, p->a),
             jh_dataset_stratum_name(d, p->b), d->indicators.str[ind], d->years[last]);
    for (size_t i = 0; i < in->n_charts; i++)
        if (!strcmp(in->charts[i], want) || !strcmp(in->charts[i], want + 7))
            return in->charts[i];
    return NULL;
}

static void figures(const jh_report_input *in, const jh_report_hooks *h, size_t last)
{
    const jh_group_gaps_table *g = in->group_gaps;
    const jh_dataset *d = in->study->data;
    char cap[768];
    for (size_t p = 0; p < g->n; p++)
        for (size_t ind = 0; ind < d->indicators.n; ind++) {
            const char *ch = report_indicator_shown(in, ind) ? chart(in, &g->pair[p], ind, last) : NULL;
            if (!ch)
                continue;
            snprintf(cap, sizeof cap, T(in, G_FIGURE),
                     jh_study_indicator_label(in->study, ind, report_english(in) ? "en" : "zh"),
                     stratum_label(in, g->pair[p].a), stratum_label(in, g->pair[p].b),
                     d->years[last]);
            h->figure(h->ctx, ch, cap);
        }
}

void jh_report_groups(FILE *f, const jh_report_input *in, const jh_report_hooks *h)
{
    const jh_dataset *d = in->study->data;
    if (!in->group_gaps || !in->group_gaps->n || !d->n_years)
        return;
    size_t last = d->n_years - 1;
    h->section(h->ctx, "group-gaps", T(in, G_TITLE));
    if (!table(f, in, h, last))
        fprintf(f, "<p>%s</p>\n", T(in, G_NONE));
    figures(in, h, last);
}
