/* Counties ranked by the composite score of one year (rank.h with its
 * defaults, as `junheng rank --what counties`: min-max normalisation by
 * direction, entropy weights of that year, weighted sum, no imputation),
 * the best at the top, each bar in its prefecture's colour (jh_plot_groups,
 * the same colour as in every other chart).  Data: one line per ranked
 * county, "row<TAB>y<TAB>score<TAB>colour<TAB>"rank county"", y = n - rank
 * + 1, colour the 1-based prefecture number (0 for none). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "junheng/plot.h"
#include "junheng/rank.h"
#include "junheng/study.h"

typedef struct cr_item {
    size_t rank;   /* 1 = best */
    size_t region; /* data region */
    double score;  /* composite score */
} cr_item;

static int by_rank(const void *a, const void *b)
{
    const cr_item *p = a, *q = b;
    if (p->rank != q->rank)
        return p->rank < q->rank ? -1 : 1;
    return p->region < q->region ? -1 : p->region > q->region;
}

/* Entropy weights computed per year: the label of old. */
static int o_default_weights(const jh_rank_counties_opts *w)
{
    return !w || (w->weights == JH_WEIGHTS_ENTROPY && !w->weights_base);
}

int jh_plot_county_ranking(FILE *f, const jh_study *s, const jh_plot_tables *tab, size_t year,
                           const char *lang, const jh_rank_counties_opts *weights, jh_plot_spec *sp)
{
    const jh_dataset *d = s->data;
    size_t n = d->regions.n;
    int en = strcmp(lang, "en") == 0;
    cr_item *it = malloc((n ? n : 1) * sizeof *it);
    size_t *group_of = malloc((n ? n : 1) * sizeof *group_of);
    const char **glabels = calloc(n ? n : 1, sizeof *glabels);
    jh_intern names;
    jh_intern_init(&names);
    /* The scores of the run's (or the plot call's) county table, weighted
     * as weights says (the label below names the weighting). */
    const jh_rank_counties_table *t = tab ? tab->rank_county : NULL;
    int rc = it && group_of && glabels ? JH_OK : JH_ENOMEM;
    size_t m = 0, ng = 0;
    if (rc == JH_OK && !t)
        rc = JH_EEMPTY;
    for (size_t k = 0; rc == JH_OK && k < t->n; k++) {
        const jh_rank_county_row *row = &t->rows[k];
        if (row->year == year && row->ranked && isfinite(row->score))
            it[m++] = (cr_item){row->rank, row->region, row->score};
    }
    if (rc == JH_OK && !m)
        rc = JH_EEMPTY;
    if (rc == JH_OK) {
        ng = jh_plot_groups(s, group_of, &names);
        qsort(it, m, sizeof *it, by_rank);
        double max_em = 0;
        for (size_t k = 0; k < m; k++) {
            size_t g = group_of[it[k].region];
            char full[512], lab[512];
            snprintf(full, sizeof full, "%zu. %s", it[k].rank,
                     jh_study_region_label(s, it[k].region, lang));
            /* At most the widest margin (0.45 of 1600 px) holds: 27 ems. */
            jh_plot_shorten(full, 27, lab, sizeof lab);
            fprintf(f, "%zu\t%zu\t%.10g\t%zu\t", k, m - k, it[k].score, g == JH_NONE ? 0 : g + 1);
            jh_gp_data_label(f, lab);
            putc('\n', f);
            max_em = fmax(max_em, jh_plot_text_em(lab));
        }
        /* Names are in the small font, 18 pt = 24 px per em. */
        jh_plot_spec_number(sp, "LMARGIN", jh_plot_left_margin(max_em, 24, 0.12, 0.45));
        for (size_t g = 0; g < ng; g++)
            glabels[g] = jh_plot_group_label(s, group_of, &names, g, lang);
        jh_plot_spec_text(sp, "TITLE", en ? "Composite score of basic public services by county, %d"
                                          : "各县（市、区）基本公共服务综合得分（%d年）",
                          d->years[year]);
        if (o_default_weights(weights))
            jh_plot_spec_text(sp, "XLABEL", "%s",
                              en ? "Composite score (min-max normalised, entropy weights; 0-1)"
                                 : "综合得分（极差标准化，熵权法；0—1）");
        else {
            char words[JH_RANK_WEIGHTING_MAX];
            jh_rank_weighting_words(t, 0, words, sizeof words);
            jh_plot_spec_text(sp, "XLABEL", en ? "Composite score (min-max normalised; "
                                                 "weights: %s; 0-1)"
                                               : "综合得分（极差标准化；权重：%s；0—1）",
                              words);
        }
        jh_plot_spec_text(sp, "YLABEL", "%s", "");
        jh_plot_spec_text(sp, "NOTE", en ? "%zu indicators; %zu counties ranked%s"
                                         : "%zu项指标；%zu个县（市、区）参与排序%s",
                          t->n_indicators_used, m,
                          m < n ? (en ? " (counties missing a value are left out)"
                                      : "（有缺失值的县未参与排序）") : "");
        jh_plot_spec_number(sp, "NBARS", (double)m);
        jh_plot_spec_number(sp, "NGROUPS", (double)ng);
        jh_plot_spec_array(sp, "GROUPS", ng, glabels);
        sp->height = 490 + 30 * (int)m;
        if (sp->height < 1000)
            sp->height = 1000;
        jh_plot_spec_number(sp, "HEIGHT", sp->height);
    }
    jh_intern_clear(&names);
    free(glabels);
    free(group_of);
    free(it);
    return rc;
}
