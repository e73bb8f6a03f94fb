/* The report's table of coverage of target groups (report.h,
 * jh_report_coverage), in the targets section: for each coverage indicator
 * (catalog kind coverage) in the latest year, the province's coverage, the
 * plan's standard, the counties meeting it and the shortfall in persons.
 * Reads the targets step's table; computes nothing. */
#include <math.h>
#include <string.h>
#include "junheng/numfmt.h"
#include "junheng/output.h"
#include "junheng/report.h"
#include "report_text.h"

enum msg { C_NOTE, C_CAPTION, C_INDICATOR, C_GROUP, C_VALUE, C_STANDARD, C_MEETING,
           C_PERSONS, C_POPULATION, C_COUNT };

static const char *const text[C_COUNT][2] = {
    [C_NOTE] = {"目标人群覆盖率以规划标准衡量：“达标县数”为覆盖率达到标准的县（市、区）数；"
                "“缺口人数”为各县（标准 − 覆盖率）/100 × 目标人群人数之和（已达标的县为0），"
                "即为达到标准还需覆盖的人数。",
                "Coverage of a target group is measured against the plan's standard: "
                "\"counties meeting the standard\" counts the counties whose coverage reaches "
                "it; \"shortfall (persons)\" sums over the counties (standard − coverage)/100 "
                "× the target group (0 where the standard is met): the people still to be "
                "served to meet it."},
    [C_CAPTION] = {"目标人群覆盖率（%d年）", "Coverage of target groups, %d"},
    [C_INDICATOR] = {"指标", "Indicator"},
    [C_GROUP] = {"目标人群", "Target group"},
    [C_VALUE] = {"覆盖率（%）", "Coverage (%)"},
    [C_STANDARD] = {"标准（%）", "Standard (%)"},
    [C_MEETING] = {"达标县数", "Counties meeting the standard"},
    [C_PERSONS] = {"缺口人数", "Shortfall (persons)"},
    [C_POPULATION] = {"人口", "Population"},
};

static const char *T(const jh_report_input *in, enum msg m)
{
    return text[m][report_english(in)];
}

/* The target group: the name of its group-size indicator, or "–". */
static const char *group_label(const jh_report_input *in, const jh_indicator *ind)
{
    const jh_indicator_catalog *cat = in->study->indicators;
    if (!ind || ind->group_size == JH_CATALOG_NONE)
        return "–";
    if (ind->group_size == JH_CATALOG_WEIGHT_COLUMN)
        return T(in, C_POPULATION);
    const jh_indicator *g = &cat->ind[ind->group_size];
    const char *n = report_english(in) ? g->name_en : g->name_zh;
    return *n ? n : g->code;
}

static void cell(FILE *f, const char *s)
{
    fputs("<td>", f);
    jh_html_text(f, s);
    fputs("</td>", f);
}

static void number(FILE *f, const jh_report_input *in, double x, jh_num_kind kind,
                   const char *unit)
{
    char b[64];
    jh_format_human(b, sizeof b, x, kind, unit, in->lang, 0);
    fprintf(f, "<td class=n>%s</td>", *b ? b : "–");
}

static void row(FILE *f, const jh_report_input *in, const jh_target_row *r)
{
    const jh_indicator *ind = jh_study_indicator(in->study, r->indicator);
    char b[64];
    fputs("<tr>", f);
    cell(f, jh_study_indicator_label(in->study, r->indicator, report_english(in) ? "en" : "zh"));
    cell(f, group_label(in, ind));
    number(f, in, r->value, JH_NUM_VALUE, "%");
    snprintf(b, sizeof b, "%s", r->target.strict ? ">" : "");
    jh_format_human(b + strlen(b), sizeof b - strlen(b), r->target.target, JH_NUM_VALUE, "%",
                    in->lang, 0);
    fprintf(f, "<td class=n>%s</td>", b);
    snprintf(b, sizeof b, report_english(in) ? "%zu of %zu" : "%zu / %zu", r->n_meeting, r->n);
    fprintf(f, "<td class=n>%s</td>", b);
    number(f, in, r->shortfall_persons, JH_NUM_COUNT, NULL);
    fputs("</tr>\n", f);
}

void jh_report_coverage(FILE *f, const jh_report_input *in, const jh_report_hooks *h)
{
    const jh_targets_table *t = in->targets;
    const jh_dataset *d = in->study->data;
    size_t n = 0;
    char cap[128];
    if (!t || !t->has_coverage || !d->n_years)
        return;
    for (size_t i = 0; i < t->n; i++) {
        const jh_target_row *r = &t->rows[i];
        if (!r->coverage || r->year != d->n_years - 1 || isnan(r->value) ||
            !report_indicator_shown(in, r->indicator))
            continue;
        if (!n++) {
            fprintf(f, "<p class=note>%s</p>\n", T(in, C_NOTE));
            snprintf(cap, sizeof cap, T(in, C_CAPTION), d->years[d->n_years - 1]);
            h->table(h->ctx, cap);
            fprintf(f, "<thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
                       "<th>%s</th></tr></thead>\n",
                    T(in, C_INDICATOR), T(in, C_GROUP), T(in, C_VALUE), T(in, C_STANDARD),
                    T(in, C_MEETING), T(in, C_PERSONS));
        }
        row(f, in, r);
    }
    if (n)
        fputs("</table>\n", f);
}
