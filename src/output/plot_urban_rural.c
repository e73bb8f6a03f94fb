/* Town and country, county by county: the urban and rural values of one
 * indicator in one year side by side (horizontal bars on the bottom axis)
 * and their oriented ratio (points on the top axis; 1 = parity, above 1 =
 * town better served, see urban_rural.h).  Counties with both strata only,
 * from the urban-rural table of jh_plot_tables (or its group-gap pair);
 * sorted by the ratio, largest urban advantage at the top (ties in data
 * order).  Data: one line per county,
 * "row<TAB>y<TAB>urban<TAB>rural<TAB>ratio<TAB>"county"", y = n - position. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "junheng/numfmt.h"
#include "junheng/plot.h"
#include "junheng/study.h"
#include "junheng/urban_rural.h"

typedef struct ur_item {
    double ratio;  /* oriented ratio, NaN sorts last */
    size_t k;      /* county row */
} ur_item;

static int by_ratio_desc(const void *a, const void *b)
{
    const ur_item *p = a, *q = b;
    int pn = isnan(p->ratio), qn = isnan(q->ratio);
    if (pn != qn)
        return pn - qn;
    if (!pn && p->ratio != q->ratio)
        return p->ratio < q->ratio ? 1 : -1;
    return p->k < q->k ? -1 : p->k > q->k;
}

/* The two sides' names, or NULL for town and country (then the texts
 * below say urban and rural as they always have). */
struct sides {
    const char *code[2];
    const char *name[2];
};

/* The texts of a comparison of two strata (jh_plot_strata_gap).  The
 * catalog's names can be long ("Adults holding a disability
 * certificate"): the title names the pair and the year, each name cut
 * to 30 ems so that the year always shows; the indicator goes under the
 * bars, wrapped to the bar panel (xlabel_lines); the key says group and
 * comparison only (gnuplot counts a CJK character as two when it lays out
 * a key, and two long names would wrap into the panels). */
/* TITLE and its lines for the template (TITLELINES, 38 ems of the 40 px
 * font); returns TOPX, the 50 px each further line takes at the top. */
static int title_lines(jh_plot_spec *sp, const char *title)
{
    jh_plot_spec_text(sp, "TITLE", "%s", title);
    int topx = 50 * ((int)jh_plot_spec_lines(sp, "TITLELINES", title, 38) - 1);
    jh_plot_spec_number(sp, "TOPX", topx);
    return topx;
}

/* XLABEL and its lines under the bar panel (XLABELLINES, the panel's
 * width from lmargin to right of 1600 px, 32 px an em of the body font;
 * at most three lines, a longer text cut at the end of the third);
 * returns BOTX, the 40 px each further line takes at the bottom. */
static int xlabel_lines(jh_plot_spec *sp, const char *x, double lmargin, double right)
{
    double width = (right - lmargin) * 1600 / 32;
    char cut[768];
    jh_plot_spec_text(sp, "XLABEL", "%s", x);
    size_t n = jh_plot_spec_lines(sp, "XLABELLINES",
                                  jh_plot_shorten(x, 2.8 * width, cut, sizeof cut), width);
    int botx = 40 * ((int)n - 1);
    jh_plot_spec_number(sp, "BOTX", botx);
    return botx;
}

static int pair_texts(jh_plot_spec *sp, const struct sides *p, const char *label,
                      const char *unit, double lmargin, int year, int reversed, int en,
                      int *botx)
{
    char t[768], x[768], a[256], b[256];
    snprintf(t, sizeof t, en ? "%s and %s by county, %d" : "各县（市、区）%s与%s（%d年）",
             jh_plot_shorten(p->name[0], 30, a, sizeof a),
             jh_plot_shorten(p->name[1], 30, b, sizeof b), year);
    int topx = title_lines(sp, t);
    if (unit[0])
        snprintf(x, sizeof x, en ? "%s (%s)" : "%s（%s）", label, unit);
    else
        snprintf(x, sizeof x, "%s", label);
    *botx = xlabel_lines(sp, x, lmargin, 0.66);
    jh_plot_spec_text(sp, "X2LABEL", "%s", reversed ? (en ? "Ratio comparison / group"
                                                          : "比值（对照/该人群）")
                                                    : (en ? "Ratio group / comparison"
                                                          : "比值（该人群/对照）"));
    jh_plot_spec_text(sp, "X2NOTE", "%s", reversed ? (en ? "lower is better; above 1: group better"
                                                         : "逆向指标；大于1表示该人群更好")
                                                   : (en ? "above 1: the group better served"
                                                         : "大于1表示该人群更好"));
    jh_plot_spec_text(sp, "RLABEL", "%s", en ? "Ratio" : "比值");
    jh_plot_spec_text(sp, "YLABEL", "%s", "");
    jh_plot_spec_text(sp, "KURBAN", "%s", en ? "Group" : "该人群");
    jh_plot_spec_text(sp, "KRURAL", "%s", en ? "Compared" : "对照");
    return topx;
}

/* The texts of town and country (jh_plot_urban_rural). */
static int urban_rural_texts(jh_plot_spec *sp, const char *label, const char *unit,
                             double lmargin, int year, int reversed, int en, int *botx)
{
    char title[768];
    snprintf(title, sizeof title, en ? "%s: urban and rural by county, %d"
                                     : "%s：各县（市、区）城乡对比（%d年）",
             label, year);
    int topx = title_lines(sp, title);
    char x[256];
    if (unit[0])
        snprintf(x, sizeof x, en ? "Value (%s)" : "数值（%s）", unit);
    else
        snprintf(x, sizeof x, "%s", en ? "Value" : "数值");
    *botx = xlabel_lines(sp, x, lmargin, 0.66);
    jh_plot_spec_text(sp, "X2LABEL", "%s",
                      reversed ? (en ? "Ratio rural / urban" : "城乡比（农村/城镇）")
                               : (en ? "Ratio urban / rural" : "城乡比（城镇/农村）"));
    jh_plot_spec_text(sp, "X2NOTE", "%s",
                      reversed ? (en ? "lower is better; above 1: town better"
                                     : "逆向指标；大于1表示城镇更好")
                               : (en ? "above 1: town better served" : "大于1表示城镇更好"));
    jh_plot_spec_text(sp, "RLABEL", "%s", en ? "Ratio" : "城乡比");
    jh_plot_spec_text(sp, "YLABEL", "%s", "");
    jh_plot_spec_text(sp, "KURBAN", "%s", en ? "Urban" : "城镇");
    jh_plot_spec_text(sp, "KRURAL", "%s", en ? "Rural" : "农村");
    return topx;
}

/* The chart of table t (urban and rural, or the pair p) for ind and year. */
static int pair_chart(FILE *f, const jh_study *s, const jh_urban_rural_table *t, size_t ind,
                      size_t year, const struct sides *p, const char *lang, jh_plot_spec *sp)
{
    const jh_dataset *d = s->data;
    int en = strcmp(lang, "en") == 0;
    if (!t)
        return JH_EEMPTY;
    ur_item *it = malloc((t->n_county ? t->n_county : 1) * sizeof *it);
    size_t m = 0;
    int reversed = 0, rc = it ? JH_OK : JH_ENOMEM;
    for (size_t k = 0; rc == JH_OK && k < t->n_county; k++) {
        const jh_ur_county *c = &t->county[k];
        if (c->indicator != ind || c->year != year || !isfinite(c->urban) ||
            !isfinite(c->rural))
            continue;
        reversed = c->reversed;
        it[m++] = (ur_item){c->ratio, k};
    }
    if (rc == JH_OK && !m)
        rc = JH_EEMPTY;
    /* The province's row: population-weighted means and their ratio. */
    const jh_ur_area *prov = NULL;
    for (size_t k = 0; rc == JH_OK && k < t->n_area; k++)
        if (t->area[k].indicator == ind && t->area[k].year == year &&
            t->area[k].area == JH_NONE && t->area[k].basis == JH_UR_STRATA)
            prov = &t->area[k];
    if (rc == JH_OK) {
        qsort(it, m, sizeof *it, by_ratio_desc);
        double max_em = 0, vmax = 0, rlo = 1, rhi = 1;
        size_t n_ratio = 0;
        for (size_t k = 0; k < m; k++) {
            const jh_ur_county *c = &t->county[it[k].k];
            vmax = fmax(vmax, fmax(isfinite(c->urban) ? c->urban : 0,
                                   isfinite(c->rural) ? c->rural : 0));
            fprintf(f, "%zu\t%zu\t%.10g\t%.10g\t", k, m - k, c->urban, c->rural);
            if (isfinite(c->ratio)) {
                n_ratio++;
                fprintf(f, "%.10g\t", c->ratio);
                rlo = fmin(rlo, c->ratio);
                rhi = fmax(rhi, c->ratio);
            }
            else
                fputs("NaN\t", f);
            jh_gp_data_label(f, jh_study_region_label(s, c->region, lang));
            putc('\n', f);
            max_em = fmax(max_em, jh_plot_text_em(jh_study_region_label(s, c->region, lang)));
        }
        /* County names are in the small font, 24 px per em. */
        double lmargin = jh_plot_left_margin(max_em, 24, 0.12, 0.45);
        jh_plot_spec_number(sp, "LMARGIN", lmargin);
        const char *label = jh_study_indicator_label(s, ind, lang);
        const char *unit = jh_study_unit(s, ind, lang);
        int topx, botx;
        if (p)
            topx = pair_texts(sp, p, label, unit, lmargin, d->years[year], reversed, en, &botx);
        else
            topx = urban_rural_texts(sp, label, unit, lmargin, d->years[year], reversed, en,
                                     &botx);
        /* No county ratio (no denominator above 0, e.g. all rural values 0):
         * the bars alone, and the note says why there is no ratio axis. */
        jh_plot_spec_number(sp, "NRATIO", (double)n_ratio);
        /* At most about five tic labels on the narrower bar panel. */
        jh_plot_spec_number(sp, "XSTEP", jh_plot_nice_step(vmax / 5));
        /* The ratio axis: about four tics, as many decimals as they need
         * (0.99 to 1.08 would read 1.0 1.0 1.0 with one). */
        double rstep = jh_plot_nice_step((rhi - rlo) / 4);
        int dec = rstep >= 1 ? 0 : (int)ceil(-log10(rstep) - 1e-9);
        jh_plot_spec_number(sp, "RSTEP", rstep);
        /* Headroom: 6% of the span on both sides (about 20 px of the 400 px
         * panel), so that neither the largest marker nor one at parity
         * sits on the frame; gnuplot's autoscale ended on a tic, and a
         * ratio on a tic (1.5, or 1 itself) touched it. */
        double pad = rhi > rlo ? 0.06 * (rhi - rlo) : 0.05;
        jh_plot_spec_number(sp, "RLO", rlo - pad);
        jh_plot_spec_number(sp, "RHI", rhi + pad);
        jh_plot_spec_text(sp, "RFORMAT", "%%.%df", dec);
        if (!n_ratio && p)
            jh_plot_spec_text(sp, "NOTE", en ? "No ratio: no county has a value of %s above 0"
                                             : "比值无定义：各县%s数值均不大于0",
                              p->name[reversed ? 0 : 1]);
        else if (!n_ratio)
            jh_plot_spec_text(sp, "NOTE", "%s", en ? (reversed ? "No urban-rural ratio: no county has an urban value above 0"
                                                               : "No urban-rural ratio: no county has a rural value above 0")
                                                   : (reversed ? "城乡比无定义：各县城镇数值均不大于0"
                                                               : "城乡比无定义：各县农村数值均不大于0"));
        else if (prov && isfinite(prov->ratio)) {
            char um[64], rm[64], ra[64];
            jh_format_human(um, sizeof um, prov->urban_mean, JH_NUM_VALUE, unit, lang, 0);
            jh_format_human(rm, sizeof rm, prov->rural_mean, JH_NUM_VALUE, unit, lang, 0);
            jh_format_human(ra, sizeof ra, prov->ratio, JH_NUM_RATIO, NULL, lang, 0);
            /* the whole the groups make up: 全省, or 全国 for provinces */
            const jh_plot_level *lv = jh_plot_group_level(s);
            const char *whole = en ? lv->whole_en : lv->whole_zh;
            if (p)
                jh_plot_spec_text(sp, "NOTE", en ? "%s (population-weighted means): %s %s, %s %s, ratio %s"
                                                 : "%s（人口加权平均）：%s %s，%s %s，比值 %s",
                                  whole, p->name[0], um, p->name[1], rm, ra);
            else
                jh_plot_spec_text(sp, "NOTE", en ? "%s (population-weighted means): urban %s, rural %s, ratio %s"
                                                 : "%s（人口加权平均）：城镇 %s，农村 %s，城乡比 %s",
                                  whole, um, rm, ra);
        }
        else
            jh_plot_spec_text(sp, "NOTE", "%s", "");
        jh_plot_spec_number(sp, "NBARS", (double)m);
        sp->height = 510 + topx + botx + 30 * (int)m;
        if (sp->height < 1000)
            sp->height = 1000;
        jh_plot_spec_number(sp, "HEIGHT", sp->height);
    }
    free(it);
    return rc;
}

int jh_plot_urban_rural(FILE *f, const jh_study *s, const jh_plot_tables *tab, size_t ind,
                        size_t year, const char *lang, jh_plot_spec *sp)
{
    return pair_chart(f, s, tab ? tab->ur : NULL, ind, year, NULL, lang, sp);
}

int jh_plot_strata_gap(FILE *f, const jh_study *s, const jh_plot_tables *tab, size_t ind,
                       size_t year, size_t a, size_t b, const char *lang, jh_plot_spec *sp)
{
    const jh_dataset *d = s->data;
    const jh_urban_rural_table *t = NULL;
    for (size_t k = 0; tab && tab->gaps && k < tab->gaps->n; k++)
        if (tab->gaps->pair[k].a == a && tab->gaps->pair[k].b == b)
            t = tab->gaps->pair[k].t;
    int en = strcmp(lang, "en") == 0;
    struct sides p;
    for (int k = 0; k < 2; k++) {
        const jh_stratum_def *def = &d->stratum_def[k ? b : a];
        const char *n = en ? def->name_en : def->name_zh;
        p.code[k] = def->code;
        p.name[k] = n && *n ? n : def->code;
    }
    return pair_chart(f, s, t, ind, year, &p, lang, sp);
}
