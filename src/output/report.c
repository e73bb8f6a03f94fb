/* The HTML evaluation report: summary first, then a section per domain,
 * data quality, and a methods appendix.  Static HTML, inline CSS, no
 * script; everything from input files goes through jh_html_text. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "junheng/output.h"
#include "junheng/report.h"

/* Every sentence of the report, in both languages. */
enum msg {
    M_TITLE, M_SUMMARY, M_MOST, M_LEAST, M_INDICATOR, M_DOMAIN, M_VALUE, M_CHANGE_PREV,
    M_CHANGE_BASE, M_DOMAINS, M_QUALITY, M_METHODS, M_TABLES, M_INDEX, M_FORMULA,
    M_YEARS, M_COUNTIES, M_NO_DOMAIN, M_RANKED_BY, M_LOWER, M_UR, M_URBAN, M_RURAL,
    M_RATIO, M_GAP, M_CONV, M_VERDICT, M_PCT, M_TARGETS, M_TARGET, M_PROGRESS, M_ON_TRACK,
    M_YES, M_NO, M_SHARE_MEETING, M_LAG, M_COUNTY, M_PREFECTURE, M_SCORE, M_RANK,
    M_RANK_CHANGE, M_UR_NOTE, M_CONV_NOTE, M_SKIPPED, M_SKIPPED_NOTE, M_COUNT
};

static const char *const text[M_COUNT][2] = {
    [M_TITLE] = {"基本公共服务均等化监测评估报告", "Monitoring report: equalization of basic public services"},
    [M_SUMMARY] = {"摘要", "Summary"},
    [M_MOST] = {"差距最大的指标", "Most unequal indicators"},
    [M_LEAST] = {"差距最小的指标", "Least unequal indicators"},
    [M_INDICATOR] = {"指标", "Indicator"},
    [M_DOMAIN] = {"领域", "Domain"},
    [M_VALUE] = {"数值", "Value"},
    [M_CHANGE_PREV] = {"较上年变化", "Change since previous year"},
    [M_CHANGE_BASE] = {"较基期变化", "Change since first year"},
    [M_DOMAINS] = {"分领域结果", "Results by domain"},
    [M_QUALITY] = {"数据质量", "Data quality"},
    [M_METHODS] = {"方法附录", "Methods appendix"},
    [M_TABLES] = {"结果表", "Result tables"},
    [M_INDEX] = {"指数", "Index"},
    [M_FORMULA] = {"定义", "Definition"},
    [M_YEARS] = {"年份", "Years"},
    [M_COUNTIES] = {"县级单位", "County-level units"},
    [M_NO_DOMAIN] = {"其他", "Other"},
    [M_RANKED_BY] = {"按以下指数排序：", "Ranked by "},
    [M_LOWER] = {"（数值越小差距越小）", " (smaller is more equal)"},
    [M_UR] = {"城乡差距", "Town and country"},
    [M_URBAN] = {"城镇", "Urban"},
    [M_RURAL] = {"农村", "Rural"},
    [M_RATIO] = {"城乡比", "Ratio"},
    [M_GAP] = {"差值", "Gap"},
    [M_CONV] = {"差距是否在缩小（σ收敛）", "Are the gaps closing (σ-convergence)"},
    [M_VERDICT] = {"结论", "Verdict"},
    [M_PCT] = {"变化%", "Change %"},
    [M_TARGETS] = {"规划目标进展", "Progress toward the plan's targets"},
    [M_TARGET] = {"目标", "Target"},
    [M_PROGRESS] = {"进度", "Progress"},
    [M_ON_TRACK] = {"是否达到预期进度", "On track"},
    [M_YES] = {"是", "yes"},
    [M_NO] = {"否", "no"},
    [M_SHARE_MEETING] = {"达标县比例", "Counties meeting it"},
    [M_LAG] = {"综合得分最低的县", "Counties that lag most"},
    [M_COUNTY] = {"县（市、区）", "County"},
    [M_PREFECTURE] = {"市（州）", "Prefecture"},
    [M_SCORE] = {"综合得分", "Score"},
    [M_RANK] = {"排名", "Rank"},
    [M_RANK_CHANGE] = {"排名变化", "Rank change"},
    [M_UR_NOTE] = {"全省人口加权均值，最近一年；城乡比大于1表示城镇更优（逆向指标为农村/城镇）。",
                   "Population-weighted provincial means, latest year; a ratio above 1 means town is better served (rural/urban for lower-is-better indicators)."},
    [M_CONV_NOTE] = {"指数对年份的最小二乘趋势，显著性水平0.05。",
                     "Least-squares trend of the index on year, at the 0.05 level."},
    [M_SKIPPED] = {"未进行的分析", "Steps left out"},
    [M_SKIPPED_NOTE] = {"以下分析需要数据中没有的内容，因此未进行：",
                        "These steps need what the data do not have, so they were not run:"},
};

static const char *T(const jh_report_input *in, enum msg m)
{
    return text[m][in->lang && strcmp(in->lang, "en") == 0];
}

static void esc(FILE *f, const char *s)
{
    jh_html_text(f, s ? s : "");
}

static const char css[] =
    "body{font-family:'Noto Sans CJK SC','Noto Sans SC','Microsoft YaHei',sans-serif;"
    "max-width:60em;margin:2em auto;padding:0 1em;color:#222;line-height:1.5}"
    "h1{font-size:1.6em;border-bottom:2px solid #0072B2}h2{color:#0072B2;margin-top:2em}"
    "table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #bbb;padding:.2em .6em}"
    "td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#eef4f9}"
    "img{max-width:100%;height:auto;display:block;margin:1em 0}"
    "pre{background:#f6f6f6;padding:.8em;overflow-x:auto;font-size:.85em}"
    ".note{color:#666;font-size:.9em}"
    "@media print{body{max-width:none;margin:0}h2{page-break-after:avoid}"
    "tr,img{page-break-inside:avoid}a{color:inherit;text-decoration:none}}";

/* Index value of indicator ind in year y, stratum total (NaN if absent). */
static double value_at(const jh_report_input *in, size_t ind, size_t y, int k, int wt)
{
    const jh_dataset *d = in->study->data;
    for (size_t i = 0; i < in->n_ix; i++) {
        const jh_slice_indices *s = &in->ix[i];
        /* An indicator the catalog leaves unweighted reports its plain index. */
        if (s->indicator == ind && s->year == y && d->strata[s->stratum] == JH_STRATUM_TOTAL)
            return wt && s->has_weighted ? s->weighted.value[k] : s->plain.value[k];
    }
    return NAN;
}

/* County-scope indicators only: province-level ones have one value. */
static int reportable(const jh_report_input *in, size_t ind)
{
    const jh_indicator *c = jh_study_indicator(in->study, ind);
    return !c || (c->scope == JH_SCOPE_COUNTY && c->direction != JH_DIRECTION_NEUTRAL);
}

struct ranked {
    size_t ind;
    double v, prev, base;
};

static int by_value_desc(const void *a, const void *b)
{
    const struct ranked *x = a, *y = b;
    if (x->v != y->v)
        return x->v < y->v ? 1 : -1;
    return (x->ind > y->ind) - (x->ind < y->ind);
}

static void number(FILE *f, double x)
{
    if (isnan(x))
        fputs("<td class=n>–</td>", f);
    else
        fprintf(f, "<td class=n>%.4f</td>", x);
}


static void lang_verdict(FILE *f, const jh_report_input *in, const char *v)
{
    static const char *const zh[][2] = {
        {"converging", "收敛（差距缩小）"}, {"diverging", "发散（差距扩大）"},
        {"no significant trend", "无显著趋势"}, {"undefined", "无法判断"},
    };
    if (in->lang && strcmp(in->lang, "en") == 0) {
        esc(f, v);
        return;
    }
    for (size_t i = 0; i < sizeof zh / sizeof zh[0]; i++)
        if (strcmp(v, zh[i][0]) == 0) {
            fputs(zh[i][1], f);
            return;
        }
    esc(f, v);
}

static void label_cell(FILE *f, const jh_report_input *in, size_t ind)
{
    fputs("<tr><td>", f);
    esc(f, jh_study_indicator_label(in->study, ind, in->lang));
    fputs("</td>", f);
}

static void urban_rural_summary(FILE *f, const jh_report_input *in)
{
    const jh_ur_table *t = in->urban_rural;
    size_t last = in->study->data->n_years - 1;
    int opened = 0;
    for (size_t i = 0; t && i < t->n_area; i++) {
        const jh_ur_area *a = &t->area[i];
        if (a->area != JH_NONE || a->year != last || a->basis != JH_UR_STRATA ||
            !reportable(in, a->indicator))
            continue;
        if (!opened++)
            fprintf(f, "<h3>%s (%d)</h3>\n<p class=note>%s</p>\n<table><tr><th>%s</th><th>%s</th>"
                       "<th>%s</th><th>%s</th><th>%s</th></tr>\n",
                    T(in, M_UR), in->study->data->years[last], T(in, M_UR_NOTE),
                    T(in, M_INDICATOR), T(in, M_URBAN), T(in, M_RURAL), T(in, M_RATIO),
                    T(in, M_GAP));
        label_cell(f, in, a->indicator);
        number(f, a->urban_mean);
        number(f, a->rural_mean);
        number(f, a->ratio);
        number(f, a->gap);
        fputs("</tr>\n", f);
    }
    if (opened)
        fputs("</table>\n", f);
}

static void converge_summary(FILE *f, const jh_report_input *in)
{
    const jh_converge *c = in->converge;
    int opened = 0;
    size_t k = 0;
    /* The trend of the report's index, when converge measured it. */
    while (c && k < c->n_index && strcmp(c->index_names[k], in->index ? in->index : "") != 0)
        k++;
    for (size_t i = 0; c && k < c->n_index && i < c->n_trend; i++) {
        const jh_trend_row *r = &c->trend[i];
        if (r->index != k || !reportable(in, r->indicator))
            continue;
        if (!opened++) {
            fprintf(f, "<h3>%s: ", T(in, M_CONV));
            esc(f, c->index_names[k]);
            fprintf(f, " %d–%d</h3>\n<p class=note>%s</p>\n<table><tr><th>%s</th><th>%s</th>"
                       "<th>%s</th><th>p</th></tr>\n",
                    c->first_year, c->last_year, T(in, M_CONV_NOTE), T(in, M_INDICATOR),
                    T(in, M_VERDICT), T(in, M_PCT));
        }
        label_cell(f, in, r->indicator);
        fputs("<td>", f);
        lang_verdict(f, in, r->verdict);
        fputs("</td>", f);
        number(f, r->pct_change);
        number(f, r->fit.p);
        fputs("</tr>\n", f);
    }
    if (opened)
        fputs("</table>\n", f);
}

static void targets_summary(FILE *f, const jh_report_input *in)
{
    const jh_target_table *t = in->targets;
    size_t last = in->study->data->n_years - 1;
    int opened = 0;
    for (size_t i = 0; t && i < t->n; i++) {
        const jh_target_row *r = &t->rows[i];
        if (r->year != last || isnan(r->value))
            continue;
        if (!opened++)
            fprintf(f, "<h3>%s (%d)</h3>\n<table><tr><th>%s</th><th>%s</th><th>%s</th>"
                       "<th>%s</th><th>%s</th><th>%s</th></tr>\n",
                    T(in, M_TARGETS), in->study->data->years[last], T(in, M_INDICATOR),
                    T(in, M_VALUE), T(in, M_TARGET), T(in, M_PROGRESS), T(in, M_ON_TRACK),
                    T(in, M_SHARE_MEETING));
        label_cell(f, in, r->indicator);
        number(f, r->value);
        number(f, r->target.target);
        number(f, r->progress);
        fprintf(f, "<td>%s</td>", r->on_track < 0 ? "–" : T(in, r->on_track ? M_YES : M_NO));
        number(f, r->share_meeting);
        fputs("</tr>\n", f);
    }
    if (opened)
        fputs("</table>\n", f);
}

static int by_score(const void *a, const void *b)
{
    const jh_rank_county_row *x = *(const jh_rank_county_row *const *)a;
    const jh_rank_county_row *y = *(const jh_rank_county_row *const *)b;
    if (x->score != y->score)
        return x->score < y->score ? -1 : 1;
    return (x->region > y->region) - (x->region < y->region);
}

static void lagging_counties(FILE *f, const jh_report_input *in)
{
    const jh_rank_county_table *t = in->counties;
    size_t last = in->study->data->n_years - 1, n = 0;
    const jh_rank_county_row **r = t ? malloc((t->n ? t->n : 1) * sizeof *r) : NULL;
    for (size_t i = 0; r && i < t->n; i++)
        if (t->rows[i].year == last && t->rows[i].ranked)
            r[n++] = &t->rows[i];
    if (n) {
        qsort(r, n, sizeof *r, by_score);
        fprintf(f, "<h3>%s (%d)</h3>\n<table><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
                   "<th>%s</th></tr>\n",
                T(in, M_LAG), in->study->data->years[last], T(in, M_COUNTY),
                T(in, M_PREFECTURE), T(in, M_SCORE), T(in, M_RANK), T(in, M_RANK_CHANGE));
        for (size_t i = 0; i < n && i < 10; i++) {
            fputs("<tr><td>", f);
            esc(f, jh_study_region_label(in->study, r[i]->region, in->lang));
            fputs("</td><td>", f);
            if (r[i]->prefecture != JH_NONE)
                esc(f, t->prefectures.str[r[i]->prefecture]);
            fputs("</td>", f);
            number(f, r[i]->score);
            fprintf(f, "<td class=n>%zu</td>", r[i]->rank);
            if (r[i]->has_change)
                fprintf(f, "<td class=n>%+ld</td>", r[i]->rank_change);
            else
                fputs("<td class=n>–</td>", f);
            fputs("</tr>\n", f);
        }
        fputs("</table>\n", f);
    }
    free(r);
}

/* The plan's eight domains (吉林省推进基本公共服务均等化“十三五”规划, 第三章). */
static const char *domain_label(const jh_report_input *in, const char *code)
{
    static const char *const names[][3] = {
        {"education", "公共教育", "Public education"},
        {"employment", "劳动就业创业", "Employment and entrepreneurship"},
        {"social_insurance", "社会保险", "Social insurance"},
        {"health", "医疗卫生", "Health care"},
        {"social_services", "社会服务", "Social services"},
        {"housing", "住房保障", "Housing security"},
        {"culture_sports", "公共文化体育", "Public culture and sports"},
        {"disability", "残疾人服务", "Services for people with disabilities"},
    };
    int en = in->lang && strcmp(in->lang, "en") == 0;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(code, names[i][0]) == 0)
            return names[i][1 + en];
    return *code ? code : T(in, M_NO_DOMAIN);
}

static void ranked_rows(FILE *f, const jh_report_input *in, const struct ranked *r, size_t n)
{
    fprintf(f, "<table><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>\n",
            T(in, M_INDICATOR), T(in, M_DOMAIN), T(in, M_VALUE), T(in, M_CHANGE_PREV),
            T(in, M_CHANGE_BASE));
    for (size_t i = 0; i < n; i++) {
        fputs("<tr><td>", f);
        esc(f, jh_study_indicator_label(in->study, r[i].ind, in->lang));
        fputs("</td><td>", f);
        esc(f, domain_label(in, jh_study_domain(in->study, r[i].ind)));
        fputs("</td>", f);
        number(f, r[i].v);
        number(f, r[i].v - r[i].prev);
        number(f, r[i].v - r[i].base);
        fputs("</tr>\n", f);
    }
    fputs("</table>\n", f);
}

static void summary(FILE *f, const jh_report_input *in, int k, int wt)
{
    const jh_dataset *d = in->study->data;
    size_t last = d->n_years - 1, n = 0;
    struct ranked *r = malloc((d->indicators.n ? d->indicators.n : 1) * sizeof *r);
    if (!r || !d->n_years) {
        free(r);
        return;
    }
    for (size_t i = 0; i < d->indicators.n; i++) {
        double v = value_at(in, i, last, k, wt);
        if (!reportable(in, i) || isnan(v))
            continue;
        r[n++] = (struct ranked){i, v, last ? value_at(in, i, last - 1, k, wt) : NAN,
                                 value_at(in, i, 0, k, wt)};
    }
    qsort(r, n, sizeof *r, by_value_desc);
    fprintf(f, "<h2 id=summary>%s</h2>\n<p>%s<b>", T(in, M_SUMMARY), T(in, M_RANKED_BY));
    esc(f, in->index);
    fprintf(f, "</b>%s; %s %d–%d, %s: %zu.</p>\n", T(in, M_LOWER), T(in, M_YEARS), d->years[0],
            d->years[last], T(in, M_COUNTIES), d->regions.n);
    size_t top = n < 5 ? n : 5;
    fprintf(f, "<h3>%s (%d)</h3>\n", T(in, M_MOST), d->years[last]);
    ranked_rows(f, in, r, top);
    fprintf(f, "<h3>%s (%d)</h3>\n", T(in, M_LEAST), d->years[last]);
    ranked_rows(f, in, r + (n - top), top);
    free(r);
}

static int has_code(const char *file, const char *code)
{
    const char *p = strstr(file, code);
    size_t n = strlen(code);
    /* KIND-INDICATOR-YEAR: the code must stand between separators. */
    return p && (p == file || p[-1] == '-' || p[-1] == '/') &&
           (p[n] == '-' || p[n] == '.' || p[n] == '\0');
}

static void domain_section(FILE *f, const jh_report_input *in, const char *domain, int k, int wt)
{
    const jh_dataset *d = in->study->data;
    int opened = 0;
    for (size_t i = 0; i < d->indicators.n; i++) {
        if (!reportable(in, i) || strcmp(jh_study_domain(in->study, i), domain) != 0)
            continue;
        if (!opened) {
            fputs("<h3>", f);
            esc(f, domain_label(in, domain));
            fprintf(f, "</h3>\n<table><tr><th>%s</th>", T(in, M_INDICATOR));
            for (size_t y = 0; y < d->n_years; y++)
                fprintf(f, "<th>%d</th>", d->years[y]);
            fputs("</tr>\n", f);
            opened = 1;
        }
        fputs("<tr><td>", f);
        esc(f, jh_study_indicator_label(in->study, i, in->lang));
        fputs("</td>", f);
        for (size_t y = 0; y < d->n_years; y++)
            number(f, value_at(in, i, y, k, wt));
        fputs("</tr>\n", f);
    }
    if (opened)
        fputs("</table>\n", f);
    for (size_t i = 0; opened && i < d->indicators.n; i++) {
        if (!reportable(in, i) || strcmp(jh_study_domain(in->study, i), domain) != 0)
            continue;
        for (size_t c = 0; c < in->n_charts; c++)
            if (has_code(in->charts[c], d->indicators.str[i]) && strstr(in->charts[c], ".png")) {
                fputs("<img alt=\"", f);
                esc(f, jh_study_indicator_label(in->study, i, in->lang));
                fputs("\" src=\"", f);
                esc(f, in->charts[c]);
                fputs("\">\n", f);
            }
    }
}

static void domains(FILE *f, const jh_report_input *in, int k, int wt)
{
    const jh_dataset *d = in->study->data;
    jh_intern seen;
    jh_intern_init(&seen);
    fprintf(f, "<h2 id=domains>%s</h2>\n", T(in, M_DOMAINS));
    for (size_t i = 0; i < d->indicators.n; i++) {
        const char *dom = jh_study_domain(in->study, i);
        int added = 0;
        if (reportable(in, i) && jh_intern_add(&seen, dom, strlen(dom), &added) != (size_t)-1 &&
            added)
            domain_section(f, in, dom, k, wt);
    }
    jh_intern_clear(&seen);
}

static const char *const methods[][3] = {
    {"gini", "G = Σᵢ Σⱼ pᵢ pⱼ |xᵢ − xⱼ| / (2 μ)", "Gini 1912; Lerman & Yitzhaki 1989"},
    {"cv_w", "√(Σ pᵢ (xᵢ − μ)²) / μ", "Williamson 1965"},
    {"theil_t", "Σ pᵢ (xᵢ/μ) ln(xᵢ/μ)", "Theil 1967; Shorrocks 1980"},
    {"theil_l", "Σ pᵢ ln(μ/xᵢ)", "Theil 1967; Shorrocks 1980"},
    {"ge2", "½ Σ pᵢ ((xᵢ/μ)² − 1)", "Shorrocks 1980"},
    {"atkinson_ε", "1 − [Σ pᵢ (xᵢ/μ)^(1−ε)]^(1/(1−ε))", "Atkinson 1970"},
    {"hoover", "½ Σ |xᵢwᵢ/Σxw − wᵢ/W|", "Hoover 1936"},
    {"p90_p10", "Q(0.9)/Q(0.1), Hyndman & Fan definition 2", "Hyndman & Fan 1996"},
};

static void appendix(FILE *f, const jh_report_input *in)
{
    fprintf(f, "<h2 id=methods>%s</h2>\n<p class=note>pᵢ = wᵢ/W (population shares; "
               "1/n unweighted), μ = Σ pᵢ xᵢ. docs/indices.md.</p>\n"
               "<table><tr><th>%s</th><th>%s</th><th></th></tr>\n",
            T(in, M_METHODS), T(in, M_INDEX), T(in, M_FORMULA));
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++)
        fprintf(f, "<tr><td>%s</td><td>%s</td><td>%s</td></tr>\n", methods[i][0],
                methods[i][1], methods[i][2]);
    fputs("</table>\n", f);
}

/* Which steps the data did not allow, and why (one year, no targets). */
static void skipped_steps(FILE *f, const jh_report_input *in)
{
    if (!in->n_skipped)
        return;
    fprintf(f, "<h2 id=skipped>%s</h2>\n<p>%s</p>\n<ul>\n", T(in, M_SKIPPED),
            T(in, M_SKIPPED_NOTE));
    for (size_t i = 0; i < in->n_skipped; i++) {
        fputs("<li>", f);
        esc(f, in->skipped[i]);
        fputs("</li>\n", f);
    }
    fputs("</ul>\n", f);
}

static void tables_and_quality(FILE *f, const jh_report_input *in)
{
    fprintf(f, "<h2 id=quality>%s</h2>\n", T(in, M_QUALITY));
    if (in->quality) {
        fputs("<pre>", f);
        esc(f, in->quality);
        fputs("</pre>\n", f);
    }
    fprintf(f, "<h2 id=tables>%s</h2>\n<ul>\n", T(in, M_TABLES));
    for (size_t i = 0; i < in->n_tables; i++) {
        fputs("<li><a href=\"", f);
        esc(f, in->tables[i]);
        fputs("\">", f);
        esc(f, in->tables[i]);
        fputs("</a></li>\n", f);
    }
    fputs("</ul>\n", f);
}

void jh_report_write(FILE *f, const jh_report_input *in)
{
    jh_index_id k = JH_IX_GINI;
    int wt = 1;
    if (jh_index_lookup(in->index, &k, &wt) != JH_OK) {
        k = JH_IX_GINI;
        wt = 1;
    }
    const char *title = in->title && *in->title ? in->title : T(in, M_TITLE);
    fprintf(f, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
               "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
               "img-src 'self' data:; style-src 'unsafe-inline'\">\n<title>",
            in->lang && strcmp(in->lang, "en") == 0 ? "en" : "zh-CN");
    esc(f, title);
    fprintf(f, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>", css);
    esc(f, title);
    fputs("</h1>\n", f);
    if (in->note && *in->note) {
        fputs("<p class=note>", f);
        esc(f, in->note);
        fputs("</p>\n", f);
    }
    summary(f, in, k, wt);
    skipped_steps(f, in);
    urban_rural_summary(f, in);
    converge_summary(f, in);
    targets_summary(f, in);
    lagging_counties(f, in);
    domains(f, in, k, wt);
    tables_and_quality(f, in);
    appendix(f, in);
    fputs("</body>\n</html>\n", f);
}
