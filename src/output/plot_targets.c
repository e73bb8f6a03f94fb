/* Plan targets in one year (the targets table of jh_plot_tables, as
 * `junheng targets` writes it): for every indicator with a target and a
 * provincial value, on a common scale of percent of the target (100 = the target), the baseline (hollow) and
 * the year's provincial value (filled: green when it meets the target,
 * vermillion when not); the raw numbers with their unit under the name; and
 * on the right the share of counties meeting the target.  Indicators keep
 * the catalog's order.  Data: one line per indicator,
 * "row<TAB>y<TAB>baseline %<TAB>value %<TAB>meets<TAB>share %<TAB>
 *  n meeting<TAB>n<TAB>"name"<TAB>"numbers"" (NaN where undefined). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "junheng/numfmt.h"
#include "junheng/plot.h"
#include "junheng/rank.h"
#include "junheng/study.h"
#include "junheng/targets.h"

/* "≥90", "<5" ...: the target's relation as the plan writes it. */
static const char *relation(const jh_target *t)
{
    if (t->kind == JH_TARGET_AT_MOST)
        return t->strict ? "<" : "≤";
    return t->strict ? ">" : "≥";
}

int jh_plot_targets(FILE *f, const jh_study *s, const jh_plot_tables *tab, size_t year,
                    const char *lang, jh_plot_spec *sp)
{
    const jh_dataset *d = s->data;
    int en = strcmp(lang, "en") == 0;
    const jh_targets_table *t = tab ? tab->targets : NULL;
    if (!t)
        return JH_EEMPTY;
    size_t m = 0;
    double lo = 100, hi = 100;
    for (size_t k = 0; k < t->n; k++) {
        const jh_target_row *r = &t->rows[k];
        if (r->year != year || !isfinite(r->value) || !(r->target.target != 0) ||
            r->target.kind == JH_TARGET_CUMULATIVE)
            continue;
        double v = 100 * r->value / r->target.target;
        double b = 100 * r->target.baseline / r->target.target;
        lo = fmin(lo, v);
        hi = fmax(hi, v);
        if (isfinite(b)) {
            lo = fmin(lo, b);
            hi = fmax(hi, b);
        }
        m++;
    }
    if (!m)
        return JH_EEMPTY;
    size_t row = 0;
    double need_px = 0; /* widest name (32 px per em) or numbers line (24) */
    for (size_t k = 0; k < t->n; k++) {
        const jh_target_row *r = &t->rows[k];
        if (r->year != year || !isfinite(r->value) || !(r->target.target != 0) ||
            r->target.kind == JH_TARGET_CUMULATIVE)
            continue;
        int meets = 0;
        jh_target_meets(&r->target, r->value, &meets);
        double b = 100 * r->target.baseline / r->target.target;
        const char *unit = jh_study_unit(s, r->indicator, lang);
        char nums[300], base[64], val[64], tgt[64];
        if (isfinite(r->target.baseline))
            jh_format_human(base, sizeof base, r->target.baseline, JH_NUM_VALUE, unit, lang, 0);
        else
            snprintf(base, sizeof base, "%s", en ? "n/a" : "无");
        jh_format_human(val, sizeof val, r->value, JH_NUM_VALUE, unit, lang, 0);
        jh_format_human(tgt, sizeof tgt, r->target.target, JH_NUM_VALUE, unit, lang, 0);
        snprintf(nums, sizeof nums,
                 en ? "baseline %s, %d: %s, target %s%s (%s)"
                    : "基期 %s，%d年 %s，目标 %s%s（%s）",
                 base, d->years[year], val, relation(&r->target), tgt, unit);
        fprintf(f, "%zu\t%zu\t", row, m - row);
        if (isfinite(b))
            fprintf(f, "%.10g\t", b);
        else
            fputs("NaN\t", f);
        fprintf(f, "%.10g\t%d\t", 100 * r->value / r->target.target, meets);
        if (isfinite(r->share_meeting))
            fprintf(f, "%.10g\t", 100 * r->share_meeting);
        else
            fputs("NaN\t", f);
        fprintf(f, "%zu\t%zu\t", r->n_meeting, r->n);
        /* Names beyond 24 em (some English ones run to 100 characters)
         * are cut with an ellipsis rather than pushed off the left edge. */
        char name[512];
        jh_plot_shorten(jh_study_indicator_label(s, r->indicator, lang), 24, name, sizeof name);
        jh_gp_data_label(f, name);
        putc('\t', f);
        jh_gp_data_label(f, nums);
        putc('\n', f);
        row++;
        need_px = fmax(need_px, 32 * jh_plot_text_em(name));
        need_px = fmax(need_px, 24 * jh_plot_text_em(nums));
    }
    double pad = (hi - lo) * 0.08 + 1;
    jh_plot_spec_text(sp, "TITLE", en ? "Plan targets: progress in %d" : "规划目标完成情况（%d年）",
                      d->years[year]);
    jh_plot_spec_text(sp, "XLABEL", "%s", en ? "% of target" : "占目标的%（100 = 目标）");
    jh_plot_spec_text(sp, "X2LABEL", "%s", en ? "Counties meeting (%)" : "达标县比例（%）");
    jh_plot_spec_text(sp, "YLABEL", "%s", "");
    jh_plot_spec_text(sp, "KBASE", "%s", en ? "Baseline" : "基期值");
    const jh_plot_level *lv = jh_plot_group_level(s);
    jh_plot_spec_text(sp, "KMEETS", en ? "%s, meets the target" : "%s，已达目标",
                      en ? lv->whole_en : lv->whole_zh);
    jh_plot_spec_text(sp, "KMISSES", en ? "%s, below the target" : "%s，未达目标",
                      en ? lv->whole_en : lv->whole_zh);
    jh_plot_spec_text(sp, "NOTE",
                      en ? "%s value: population-weighted mean of the counties; "
                           "for at-most targets (mortality) lower is better"
                         : "%s值为各县人口加权平均；“≤”类目标（如死亡率）越低越好",
                      en ? lv->whole_adj : lv->whole_zh);
    jh_plot_spec_number(sp, "NBARS", (double)m);
    /* Names wider than the room at most (55%) are drawn smaller. */
    double left = jh_plot_left_margin(need_px, 1, 0.3, 0.55);
    double room = left * 1600 - 60;
    jh_plot_spec_number(sp, "LEFT1", left);
    jh_plot_spec_number(sp, "NAMESCALE", need_px > room ? fmax(0.6, room / need_px) : 1);
    jh_plot_spec_number(sp, "XMIN", floor(lo - pad));
    jh_plot_spec_number(sp, "XMAX", ceil(hi + pad));
    sp->height = 380 + 84 * (int)m;
    if (sp->height < 1000)
        sp->height = 1000;
    jh_plot_spec_number(sp, "HEIGHT", sp->height);
    return JH_OK;
}
