/* The words about the composite weights: the names of the weighting
 * methods (a small table, English and Chinese) and the weighting a scoring
 * used said in one line, from the data jh_rank_counties_run keeps in its
 * table (jh_rank_weighting).  The report, the county-ranking chart and the
 * scoring's own notes all say it through here, so they say it alike. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "junheng/rank.h"

static const struct {
    jh_weight_method k;
    const char *en, *zh;
} method_names[] = {
    {JH_WEIGHTS_ENTROPY, "entropy", "熵值法"},
    {JH_WEIGHTS_CRITIC, "CRITIC", "CRITIC法"},
    {JH_WEIGHTS_FIXED, "fixed", "固定权重"},
    {JH_WEIGHTS_AHP, "AHP", "层次分析法（AHP）"},
    {JH_WEIGHTS_COMBINED, "combined", "组合赋权"},
};

const char *jh_weight_method_name(jh_weight_method k, int zh)
{
    for (size_t i = 0; i < sizeof method_names / sizeof method_names[0]; i++)
        if (method_names[i].k == k)
            return zh ? method_names[i].zh : method_names[i].en;
    return zh ? "等权" : "equal";
}

/* "fixed x entropy, linear, alpha 0.5": the parts of a combined weighting. */
static void combined_words(const jh_rank_weighting *g, int zh, char *out, size_t size)
{
    *out = '\0';
    if (g->method != JH_WEIGHTS_COMBINED)
        return;
    snprintf(out, size, "%s %s %s", jh_weight_method_name(g->subjective, zh),
             g->combine == JH_COMBINE_LINEAR ? "+" : "x",
             jh_weight_method_name(g->objective, zh));
    if (g->combine == JH_COMBINE_LINEAR) {
        size_t len = strlen(out);
        snprintf(out + len, size - len, zh ? "，线性，α = %g" : ", linear, alpha %g",
                 g->alpha);
    }
}

void jh_rank_weighting_words(const jh_rank_counties_table *t, int zh, char *out, size_t size)
{
    const jh_rank_weighting *g = &t->weighting;
    char subj[96], base[64] = "", cr[64] = "";
    combined_words(g, zh, subj, sizeof subj);
    if (!isnan(t->cr_max)) {
        if (zh)
            snprintf(cr, sizeof cr, "%s%zu个判断矩阵，CR %s%.4f", *subj ? "；" : "", t->n_ahp,
                     t->n_ahp == 1 ? "" : "≤ ", t->cr_max);
        else
            snprintf(cr, sizeof cr, "%s%zu matri%s, CR %s%.4f", *subj ? "; " : "", t->n_ahp,
                     t->n_ahp == 1 ? "x" : "ces", t->n_ahp == 1 ? "" : "<= ", t->cr_max);
    }
    if (g->base && g->objective != JH_WEIGHTS_EQUAL) {
        if (g->base == JH_WEIGHTS_BASE_POOLED)
            snprintf(base, sizeof base, zh ? "；%s权重取各年合并数据并逐年固定"
                                           : "; %s held from all years pooled",
                     jh_weight_method_name(g->objective, zh));
        else
            snprintf(base, sizeof base, zh ? "；%s权重取%d年并逐年固定" : "; %s held from %d",
                     jh_weight_method_name(g->objective, zh), g->base);
    }
    snprintf(out, size, "%s%s%s%s%s%s", jh_weight_method_name(g->method, zh),
             *subj || *cr ? (zh ? "（" : " (") : "", subj, cr,
             *subj || *cr ? (zh ? "）" : ")") : "", base);
}
