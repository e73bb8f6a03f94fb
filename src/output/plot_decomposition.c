/* How much of each indicator's disparity lies between prefectures and how
 * much within them, in one year: Theil T decomposed by prefecture
 * (Shorrocks 1980: T = T_between + sum s_g T_g, both parts computed
 * directly), read from the decomposition table of jh_plot_tables (by
 * jh_plot_decompose_by's column), population-weighted when the indicator has
 * weights, else unweighted.  Stacked horizontal bars of the two shares
 * (they add up to 1), sorted by the between share, largest at the top; the
 * label says the total T.  Indicators charted as elsewhere: a direction,
 * county scope.  Data: one line per indicator,
 * "row<TAB>y<TAB>between share<TAB>within share<TAB>total<TAB>w<TAB>"label"",
 * w = 1 when weighted. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "junheng/decompose_analysis.h"
#include "junheng/numfmt.h"
#include "junheng/plot.h"
#include "junheng/study.h"

typedef struct dc_item {
    size_t ind;      /* data indicator */
    int weighted;    /* population-weighted twin used */
    double total;    /* Theil T */
    double between;  /* between share */
    double within;   /* within share */
} dc_item;

static int by_between_desc(const void *a, const void *b)
{
    const dc_item *p = a, *q = b;
    if (p->between != q->between)
        return p->between < q->between ? 1 : -1;
    return p->ind < q->ind ? -1 : p->ind > q->ind;
}

int jh_plot_decomposition(FILE *f, const jh_study *s, const jh_plot_tables *tab, size_t year,
                          const char *lang, jh_plot_spec *sp)
{
    const jh_dataset *d = s->data;
    size_t ni = d->indicators.n;
    int en = strcmp(lang, "en") == 0;
    /* [indicator][weighted]: total, between and within shares. */
    double *tot = malloc(2 * (ni ? ni : 1) * sizeof *tot);
    double *bet = malloc(2 * (ni ? ni : 1) * sizeof *bet);
    double *wit = malloc(2 * (ni ? ni : 1) * sizeof *wit);
    dc_item *it = malloc((ni ? ni : 1) * sizeof *it);
    /* The table of the run (or of the plot call), grouped by
     * jh_plot_decompose_by: the chart's rows are its Theil T rows of the
     * year and the plot stratum. */
    const jh_decompose_table *t = tab ? tab->dec : NULL;
    size_t st = jh_plot_stratum(s);
    int rc = tot && bet && wit && it ? JH_OK : JH_ENOMEM;
    if (rc == JH_OK && !t)
        rc = JH_EEMPTY;
    for (size_t k = 0; rc == JH_OK && k < 2 * ni; k++)
        tot[k] = bet[k] = wit[k] = NAN;
    for (size_t k = 0; rc == JH_OK && k < t->n_rows; k++) {
        const jh_decompose_row *r = &t->row[k];
        if (r->year != year || r->stratum != st || r->method != JH_DM_THEIL_T ||
            r->group != JH_NONE)
            continue;
        size_t at = 2 * r->indicator + (r->weighted ? 1 : 0);
        if (r->component == JH_DC_TOTAL)
            tot[at] = r->value;
        else if (r->component == JH_DC_BETWEEN)
            bet[at] = r->share;
        else if (r->component == JH_DC_WITHIN)
            wit[at] = r->share;
    }
    size_t m = 0;
    for (size_t i = 0; rc == JH_OK && i < ni; i++) {
        const jh_indicator *e = jh_study_indicator(s, i);
        if (jh_study_direction(s, i) == JH_DIRECTION_NEUTRAL ||
            (e && e->scope == JH_SCOPE_PROVINCE))
            continue;
        for (int w = 1; w >= 0; w--) {
            size_t at = 2 * i + (size_t)w;
            if (isfinite(tot[at]) && tot[at] > 0 && isfinite(bet[at]) && isfinite(wit[at])) {
                it[m++] = (dc_item){i, w, tot[at], bet[at], wit[at]};
                break;
            }
        }
    }
    if (rc == JH_OK && !m)
        rc = JH_EEMPTY;
    if (rc == JH_OK) {
        qsort(it, m, sizeof *it, by_between_desc);
        int any_unweighted = 0;
        double max_em = 0;
        for (size_t k = 0; k < m; k++) {
            char lab[640], name[512], t_text[64], t_part[96];
            /* A tiny T (a near-equal indicator) as 6.949×10⁻⁵. */
            jh_format_human(t_text, sizeof t_text, it[k].total, JH_NUM_INDEX, NULL, lang,
                            JH_NUM_POWER);
            snprintf(t_part, sizeof t_part, en ? " (T = %s)" : "（T = %s）", t_text);
            /* The widest margin (0.6 of 1600 px) holds 37 ems of the 24 px
             * font: the name is cut, "(T = ...)" stays. */
            jh_plot_shorten(jh_study_indicator_label(s, it[k].ind, lang),
                            36 - jh_plot_text_em(t_part), name, sizeof name);
            snprintf(lab, sizeof lab, "%s%s", name, t_part);
            fprintf(f, "%zu\t%zu\t%.10g\t%.10g\t%.10g\t%d\t", k, m - k, it[k].between,
                    it[k].within, it[k].total, it[k].weighted);
            jh_gp_data_label(f, lab);
            putc('\n', f);
            any_unweighted |= !it[k].weighted;
            max_em = fmax(max_em, jh_plot_text_em(lab));
        }
        const jh_plot_level *lv = jh_plot_group_level(s);
        if (en)
            jh_plot_spec_text(sp, "TITLE", "Theil index decomposed by %s, %d", lv->en,
                              d->years[year]);
        else
            jh_plot_spec_text(sp, "TITLE", "泰尔指数按%s分解（%d年）", lv->zh, d->years[year]);
        jh_plot_spec_text(sp, "XLABEL", "%s", en ? "Share of the Theil index (%)"
                                                 : "占泰尔指数的比重（%）");
        jh_plot_spec_text(sp, "YLABEL", "%s", "");
        jh_plot_spec_text(sp, "KBETWEEN", en ? "Between %s" : "%s间", en ? lv->en_plural : lv->zh);
        jh_plot_spec_text(sp, "KWITHIN", en ? "Within %s" : "%s内", en ? lv->en_plural : lv->zh);
        jh_plot_spec_text(sp, "NOTE", "%s",
                          any_unweighted
                              ? (en ? "Population-weighted Theil T (Shorrocks 1980); unweighted for indicators without weights"
                                    : "人口加权泰尔指数T（Shorrocks 1980）；无权重的指标不加权")
                              : (en ? "Population-weighted Theil T (Shorrocks 1980)"
                                    : "人口加权泰尔指数T（Shorrocks 1980）"));
        jh_plot_spec_number(sp, "NBARS", (double)m);
        jh_plot_spec_number(sp, "LMARGIN", jh_plot_left_margin(max_em, 24, 0.2, 0.6));
        sp->height = 405 + 44 * (int)m;
        if (sp->height < 1000)
            sp->height = 1000;
        jh_plot_spec_number(sp, "HEIGHT", sp->height);
    }
    free(tot);
    free(bet);
    free(wit);
    free(it);
    return rc;
}
