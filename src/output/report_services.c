/* The report's section on the plan's service list (report.h,
 * jh_report_services): monitoring coverage, the monitored items with
 * their indicators' latest disparity, trend and target status, and the
 * items no indicator monitors yet, by domain, so that an evaluation sees
 * what it cannot judge.  Reads the steps' tables; computes nothing. */
#include <math.h>
#include <string.h>
#include "junheng/numfmt.h"
#include "junheng/output.h"
#include "junheng/report.h"
#include "report_text.h"

enum msg {
    S_TITLE, S_COVERAGE, S_MONITORED, S_NO, S_ITEM, S_GROUP, S_INDICATOR, S_DISPARITY,
    S_TREND, S_TARGET, S_UNMONITORED, S_NONE_LEFT, S_NO_DATA, S_ON_TRACK, S_BEHIND,
    S_NO_TARGET, S_NOTE, S_COUNT
};

static const char *const text[S_COUNT][2] = {
    [S_TITLE] = {"基本公共服务项目监测", "Monitoring of the basic public service items"},
    [S_COVERAGE] = {"服务清单共 %zu 项，其中 %zu 项（%.1f%%）至少有一个监测指标；其余 %zu 项尚无法评价。",
                    "Of the %zu items of the service list, %zu (%.1f%%) are monitored by at "
                    "least one indicator; the other %zu cannot be judged yet."},
    [S_MONITORED] = {"有监测指标的项目", "Items with monitoring indicators"},
    [S_NO] = {"序号", "No."},
    [S_ITEM] = {"服务项目", "Service item"},
    [S_GROUP] = {"服务对象", "Target group"},
    [S_INDICATOR] = {"监测指标", "Indicator"},
    [S_DISPARITY] = {"差距", "Disparity"},
    [S_TREND] = {"趋势", "Trend"},
    [S_TARGET] = {"规划目标", "Plan target"},
    [S_UNMONITORED] = {"尚无监测指标的项目（按领域）", "Items not monitored yet, by domain"},
    [S_NONE_LEFT] = {"每一项都有监测指标。", "Every item is monitored."},
    [S_NO_DATA] = {"无数据", "no data"},
    [S_ON_TRACK] = {"达到预期进度", "on track"},
    [S_BEHIND] = {"落后于预期进度", "behind"},
    [S_NO_TARGET] = {"无目标", "no target"},
    [S_NOTE] = {"差距为最近一年全省的 %s；趋势为该指数的σ收敛结论；目标为最近一年的进度。",
                "Disparity: the province's %s in the latest year; trend: the σ-convergence "
                "verdict of that index; target: progress in the latest year."},
};

static const char *T(const jh_report_input *in, enum msg m)
{
    return text[m][report_english(in)];
}

static void esc(FILE *f, const char *s)
{
    jh_html_text(f, s ? s : "");
}

/* The plan's eight domains (its 第三章), as the service list codes them. */
/* A name the service list gives in Chinese only: in the English report it
 * is marked lang=zh-CN, a visible fallback rather than a translation. */
static void list_text(FILE *f, const jh_report_input *in, const char *s)
{
    int zh_only = 0;
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p && !zh_only; p++)
        zh_only = *p >= 0x80;
    if (zh_only && report_english(in))
        fputs("<span lang=zh-CN>", f);
    esc(f, s);
    if (zh_only && report_english(in))
        fputs("</span>", f);
}

/* The item's name: item_en in the English report when the list gives it,
 * else the list's name (marked when Chinese only, list_text). */
static void item_name(FILE *f, const jh_report_input *in, const jh_service_item *it)
{
    if (report_english(in) && it->item_en && *it->item_en)
        esc(f, it->item_en);
    else
        list_text(f, in, it->item);
}

/* The indicator catalog's name of an indicator the data lack (e.g. one
 * measured for the province only), in the report's language; the code
 * when the catalog does not know it either. */
static const char *catalog_name(const jh_report_input *in, const char *code)
{
    const jh_indicator_catalog *cat = in->study->indicators;
    size_t e = cat ? jh_indicator_catalog_find(cat, code) : JH_CATALOG_NONE;
    if (e == JH_CATALOG_NONE)
        return code;
    const jh_indicator *r = &cat->ind[e];
    const char *n = report_english(in) ? r->name_en : r->name_zh;
    if (!n || !*n)
        n = report_english(in) ? r->name_zh : r->name_en;
    return n && *n ? n : code;
}

static const char *domain_name(const jh_report_input *in, const char *code)
{
    const char *n = report_domain_name(code, report_english(in));
    return n ? n : code;
}

/* The report index of data indicator ind in the latest year, total
 * stratum; NaN when the indices table has none. */
static double latest_index(const jh_report_input *in, size_t ind)
{
    const jh_dataset *d = in->study->data;
    jh_index_id k = JH_IX_GINI;
    int wt = 1;
    if (jh_index_lookup(in->index, &k, &wt) != JH_OK || !d->n_years)
        return NAN;
    for (size_t i = 0; i < in->n_ix; i++) {
        const jh_slice_indices *s = &in->ix[i];
        if (s->indicator == ind && s->year == d->n_years - 1 &&
            d->strata[s->stratum] == JH_STRATUM_TOTAL)
            return wt && s->has_weighted ? s->weighted.value[k] : s->plain.value[k];
    }
    return NAN;
}

/* The sigma-convergence verdict of ind for the report index, or NULL. */
static const char *trend_of(const jh_report_input *in, size_t ind)
{
    static const char *const zh[][2] = {
        {"converging", "收敛（差距缩小）"}, {"diverging", "发散（差距扩大）"},
        {"no significant trend", "无显著趋势"}, {"undefined", "无法判断"},
    };
    const jh_converge_table *c = in->converge;
    size_t k = 0;
    while (c && k < c->n_index && strcmp(c->index_names[k], in->index ? in->index : "") != 0)
        k++;
    for (size_t i = 0; c && k < c->n_index && i < c->n_trend; i++) {
        const jh_trend_row *r = &c->trend[i];
        if (r->index != k || r->indicator != ind)
            continue;
        for (size_t j = 0; !report_english(in) && j < sizeof zh / sizeof zh[0]; j++)
            if (strcmp(r->verdict, zh[j][0]) == 0)
                return zh[j][1];
        return r->verdict;
    }
    return NULL;
}

/* Target status of ind in the latest year with a value. */
static void target_cell(FILE *f, const jh_report_input *in, size_t ind)
{
    const jh_target_row *last = NULL;
    for (size_t i = 0; in->targets && i < in->targets->n; i++) {
        const jh_target_row *r = &in->targets->rows[i];
        if (r->indicator == ind && !isnan(r->value))
            last = r;
    }
    if (!last || last->on_track < 0) {
        fprintf(f, "<td>%s</td>", T(in, S_NO_TARGET));
        return;
    }
    fprintf(f, "<td>%s (%d", T(in, last->on_track ? S_ON_TRACK : S_BEHIND),
            in->study->data->years[last->year]);
    char num[64];
    jh_format_human(num, sizeof num, 100 * last->progress, JH_NUM_PERCENT, NULL, in->lang, 0);
    fprintf(f, "%s%s%s)</td>", *num ? ", " : "", num, *num ? "%" : "");
}

/* One row per indicator of a monitored item; the item's cells span them. */
static void item_rows(FILE *f, const jh_report_input *in, const jh_service_item *it)
{
    const jh_dataset *d = in->study->data;
    for (size_t k = 0; k < it->n_indicators; k++) {
        size_t ind = jh_intern_find(&d->indicators, it->indicator[k]);
        fputs("<tr>", f);
        if (k == 0) {
            fprintf(f, "<td rowspan=%zu>", it->n_indicators);
            esc(f, it->no);
            fprintf(f, "</td><td class=item rowspan=%zu>", it->n_indicators);
            item_name(f, in, it);
            fprintf(f, "</td><td rowspan=%zu>", it->n_indicators);
            list_text(f, in, it->target_group);
            fputs("</td>", f);
        }
        fputs("<td>", f);
        if (ind == (size_t)-1)
            list_text(f, in, catalog_name(in, it->indicator[k]));
        else
            esc(f, jh_study_indicator_label(in->study, ind, in->lang));
        fputs("</td>", f);
        if (ind == (size_t)-1) {
            fprintf(f, "<td colspan=3>%s</td></tr>\n", T(in, S_NO_DATA));
            continue;
        }
        char num[64];
        jh_format_human(num, sizeof num, latest_index(in, ind), JH_NUM_INDEX, NULL, in->lang, 0);
        fprintf(f, "<td class=n>%s</td>", *num ? num : "–");
        fprintf(f, "<td>%s</td>", trend_of(in, ind) ? trend_of(in, ind) : "–");
        target_cell(f, in, ind);
        fputs("</tr>\n", f);
    }
}

/* The items no indicator monitors, a paragraph per domain in the list's
 * order of first appearance. */
static void unmonitored(FILE *f, const jh_report_input *in)
{
    const jh_service_list *l = in->services;
    fprintf(f, "<h3>%s</h3>\n", T(in, S_UNMONITORED));
    if (l->n_monitored == l->n) {
        fprintf(f, "<p>%s</p>\n", T(in, S_NONE_LEFT));
        return;
    }
    fputs("<ul>\n", f);
    for (size_t i = 0; i < l->n; i++) {
        const char *dom = l->item[i].domain;
        int first = 1, earlier = 0;
        for (size_t j = 0; j < i && !earlier; j++)
            earlier = strcmp(l->item[j].domain, dom) == 0;
        for (size_t j = i; !earlier && j < l->n; j++) {
            const jh_service_item *it = &l->item[j];
            if (it->n_indicators || strcmp(it->domain, dom) != 0)
                continue;
            if (first) {
                fputs("<li><b>", f);
                esc(f, domain_name(in, dom));
                fputs("</b>: ", f);
            }
            fputs(first ? "" : report_english(in) ? "; " : "；", f);
            fputs("<span class=unmonitored>", f);
            item_name(f, in, it);
            fputs("</span>", f);
            first = 0;
        }
        if (!first)
            fputs("</li>\n", f);
    }
    fputs("</ul>\n", f);
}

void jh_report_services(FILE *f, const jh_report_input *in, const jh_report_hooks *h)
{
    const jh_service_list *l = in->services;
    if (!l)
        return;
    h->section(h->ctx, "services", T(in, S_TITLE));
    fputs("<p>", f);
    fprintf(f, T(in, S_COVERAGE), l->n, l->n_monitored,
            l->n ? 100.0 * (double)l->n_monitored / (double)l->n : 0.0, l->n - l->n_monitored);
    fputs("</p>\n", f);
    if (l->n_monitored) {
        char name[128];
        fputs("<p class=note>", f);
        fprintf(f, T(in, S_NOTE), report_index_name(in->index ? in->index : "gini_w",
                                                    report_english(in), name, sizeof name));
        fputs("</p>\n", f);
        h->table(h->ctx, T(in, S_MONITORED));
        fprintf(f, "<tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
                   "<th>%s</th><th>%s</th></tr>\n",
                T(in, S_NO), T(in, S_ITEM), T(in, S_GROUP), T(in, S_INDICATOR),
                T(in, S_DISPARITY), T(in, S_TREND), T(in, S_TARGET));
        for (size_t i = 0; i < l->n; i++)
            if (l->item[i].n_indicators)
                item_rows(f, in, &l->item[i]);
        fputs("</table>\n", f);
    }
    unmonitored(f, in);
}
