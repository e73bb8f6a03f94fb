/* The report's section on maps and spatial clustering: the maps the chart
 * step drew, and per indicator of the last year the global Moran's I and
 * the counts of LISA clusters, all read from the spatial step's result
 * (the numbers of tables/spatial.csv and tables/lisa.csv). */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "junheng/numfmt.h"
#include "junheng/output.h"
#include "junheng/report.h"

enum sp_msg {
    S_TITLE, S_SKIPPED, S_NOTE, S_INDICATOR, S_MORAN, S_Z, S_P, S_HH, S_LL,
    S_OUTLIERS, S_MAP, S_LISA_MAP, S_TABLE, S_COUNT
};

static const char *const sp_text[S_COUNT][2] = {
    [S_TITLE] = {"空间分布与集聚", "Maps and spatial clustering"},
    [S_MAP] = {"县域分布图", "County map"},
    [S_LISA_MAP] = {"局部空间自相关（LISA）聚类图", "LISA cluster map"},
    [S_TABLE] = {"全局 Moran's I 与 LISA 聚类", "Global Moran's I and LISA clusters"},
    [S_SKIPPED] = {"未计算空间统计：", "No spatial statistics: "},
    [S_NOTE] = {"最近一年（%d年）；全局 Moran's I 大于期望值 E[I] 表示相邻县取值相近"
                "（集聚）；z 为随机化假设下的检验统计量，p 为 999 次置换的伪 p 值；"
                "高-高、低-低为局部 Moran (LISA) 显著（p ≤ 0.05）的县数。",
                "Latest year (%d); a global Moran's I above its expectation E[I] means "
                "neighbouring counties have similar values (clustering); z under "
                "randomisation, p the pseudo p-value of 999 permutations; high-high and "
                "low-low count the counties whose local Moran (LISA) is significant "
                "(p ≤ 0.05)."},
    [S_INDICATOR] = {"指标", "Indicator"},
    [S_MORAN] = {"Moran's I", "Moran's I"},
    [S_Z] = {"z", "z"},
    [S_P] = {"p", "p"},
    [S_HH] = {"高-高", "High-high"},
    [S_LL] = {"低-低", "Low-low"},
    [S_OUTLIERS] = {"高-低/低-高", "High-low / low-high"},
};

static const char *S(const jh_report_input *in, enum sp_msg m)
{
    return sp_text[m][in->lang && strcmp(in->lang, "en") == 0];
}

static int is_map(const char *chart)
{
    const char *base = strrchr(chart, '/');
    base = base ? base + 1 : chart;
    return (!strncmp(base, "map-", 4) || !strncmp(base, "lisa-map-", 9)) &&
           strstr(base, ".png") != NULL;
}

/* The spatial step's row of the mapped indicator in the last year, or NULL. */
static const jh_spatial_row *map_row(const jh_report_input *in, size_t ind)
{
    size_t last = in->study->data->n_years - 1;
    for (size_t i = 0; in->spatial && i < in->spatial->n_rows; i++)
        if (in->spatial->rows[i].indicator == ind && in->spatial->rows[i].year == last)
            return &in->spatial->rows[i];
    return NULL;
}

/* "County map: NAME, 2020" or "LISA cluster map: NAME, 2020 (Moran's I =
 * 0.39)": the indicator's catalog name in the report's language and the
 * year of the spatial step's row (the maps show in->map_indicator in the
 * last year); only the kind when the indicator is not known. */
static void map_caption(char *cap, size_t size, const jh_report_input *in, int lisa)
{
    const jh_dataset *d = in->study->data;
    int en = in->lang && strcmp(in->lang, "en") == 0;
    const char *kind = S(in, lisa ? S_LISA_MAP : S_MAP);
    size_t ind = in->map_indicator ? jh_intern_find(&d->indicators, in->map_indicator)
                                   : (size_t)-1;
    if (ind == (size_t)-1 || !d->n_years) {
        snprintf(cap, size, "%s", kind);
        return;
    }
    const jh_spatial_row *r = map_row(in, ind);
    const char *name = jh_study_indicator_label(in->study, ind, in->lang);
    int year = d->years[r ? r->year : d->n_years - 1];
    char moran[64] = "";
    if (lisa && r && isfinite(r->moran.I))
        jh_format_human(moran, sizeof moran, r->moran.I, JH_NUM_INDEX, NULL, in->lang, 0);
    char tail[96] = "";
    if (moran[0])
        snprintf(tail, sizeof tail, en ? " (Moran's I = %s)" : "，Moran's I = %s", moran);
    if (en)
        snprintf(cap, size, "%s: %s, %d%s", kind, name, year, tail);
    else
        snprintf(cap, size, "%s：%s（%d年%s）", kind, name, year, tail);
}

/* Each map as a numbered figure, the choropleth before the LISA map: the
 * run draws charts/map-IND-YEAR and lisa-map-IND-YEAR of in->map_indicator. */
static size_t maps(const jh_report_input *in, const jh_report_hooks *h)
{
    size_t n = 0;
    for (int lisa = 0; lisa < 2; lisa++)
        for (size_t c = 0; c < in->n_charts; c++) {
            const char *base = strrchr(in->charts[c], '/');
            base = base ? base + 1 : in->charts[c];
            if (!is_map(in->charts[c]) || (strncmp(base, "lisa-", 5) == 0) != lisa)
                continue;
            char cap[768];
            map_caption(cap, sizeof cap, in, lisa);
            h->figure(h->ctx, in->charts[c], cap);
            n++;
        }
    return n;
}

static void index_cell(FILE *f, const jh_report_input *in, double x)
{
    char buf[64];
    jh_format_human(buf, sizeof buf, x, JH_NUM_INDEX, NULL, in->lang, 0);
    fprintf(f, "<td class=n>%s</td>", buf[0] ? buf : "–");
}

/* Significant LISA clusters of one indicator and year: HH, LL, HL + LH. */
static void clusters(const jh_spatial_table *sp, size_t ind, size_t year, size_t count[3])
{
    memset(count, 0, 3 * sizeof *count);
    for (size_t k = 0; k < sp->n_lisa; k++) {
        const jh_lisa_row *r = &sp->lisa[k];
        if (r->indicator != ind || r->year != year || !r->significant)
            continue;
        const char *q = jh_lisa_quadrant_name(r->lisa.quadrant);
        count[!strcmp(q, "HH") ? 0 : !strcmp(q, "LL") ? 1 : 2]++;
    }
}

static void moran_table(FILE *f, const jh_report_input *in, const jh_report_hooks *h)
{
    const jh_dataset *d = in->study->data;
    size_t last = d->n_years - 1, count[3];
    fputs("<p class=note>", f);
    fprintf(f, S(in, S_NOTE), d->years[last]);
    fputs("</p>\n", f);
    h->table(h->ctx, S(in, S_TABLE));
    fprintf(f, "<tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
               "<th>%s</th><th>%s</th></tr>\n", S(in, S_INDICATOR), S(in, S_MORAN),
            S(in, S_Z), S(in, S_P), S(in, S_HH), S(in, S_LL), S(in, S_OUTLIERS));
    for (size_t i = 0; i < in->spatial->n_rows; i++) {
        const jh_spatial_row *r = &in->spatial->rows[i];
        if (r->year != last)
            continue;
        clusters(in->spatial, r->indicator, r->year, count);
        fputs("<tr><td>", f);
        jh_html_text(f, jh_study_indicator_label(in->study, r->indicator, in->lang));
        fputs("</td>", f);
        index_cell(f, in, r->moran.I);
        index_cell(f, in, r->moran.z_rand);
        index_cell(f, in, r->moran.p_sim);
        fprintf(f, "<td class=n>%zu</td><td class=n>%zu</td><td class=n>%zu</td></tr>\n",
                count[0], count[1], count[2]);
    }
    fputs("</table>\n", f);
}

void jh_report_spatial(FILE *f, const jh_report_input *in, const jh_report_hooks *h)
{
    int any_map = 0;
    for (size_t c = 0; c < in->n_charts; c++)
        any_map |= is_map(in->charts[c]);
    if (!any_map && !in->spatial && !in->spatial_skipped)
        return;
    h->section(h->ctx, "spatial", S(in, S_TITLE));
    if (in->spatial)
        moran_table(f, in, h);
    else if (in->spatial_skipped) {
        fprintf(f, "<p>%s", S(in, S_SKIPPED));
        jh_html_text(f, in->spatial_skipped);
        fputs("</p>\n", f);
    }
    maps(in, h);
}
