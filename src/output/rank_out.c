/* The tables of `junheng rank`: indicators, counties and entropy weights
 * (moved from the command so that the run writes them too). */
#include <stdio.h>
#include "junheng/output.h"
#include "junheng/rank.h"

void jh_write_rank_indicators(FILE *f, const jh_study *st, const jh_rank_indicators_table *t,
                              const char *index, int csv)
{
    const jh_dataset *d = st->data;
    fputs("year,indicator,domain,index,value,n,rank,tier,change_prev,change_base\n", f);
    for (size_t i = 0; i < t->n; i++) {
        const jh_rank_ind_row *r = &t->rows[i];
        fprintf(f, "%d", d->years[r->year]);
        jh_csv_text(f, d->indicators.str[r->indicator], csv);
        jh_csv_text(f, jh_study_domain(st, r->indicator), csv);
        jh_csv_text(f, index, csv);
        jh_csv_number(f, r->value, "%.17g", 0);
        fprintf(f, ",%zu,", r->n);
        if (r->rank)
            fprintf(f, "%zu,%d", r->rank, r->tier);
        else
            fputs(",", f);
        jh_csv_number(f, r->change_prev, "%.17g", 0);
        jh_csv_number(f, r->change_base, "%.17g", 0);
        fputs("\n", f);
    }
}

void jh_write_rank_counties(FILE *f, const jh_study *st, const jh_rank_counties_table *t,
                            int csv)
{
    const jh_dataset *d = st->data;
    fputs("year,region,name,prefecture,score,rank,rank_change", f);
    for (size_t g = 0; g < t->n_domains; g++)
        fprintf(f, ",score_%s", t->domain_names[g][0] ? t->domain_names[g] : "none");
    fputs(",coupling_c,coupling_t,coupling_d,coordination", f);
    for (size_t q = 0; q < t->n_obstacles; q++)
        fprintf(f, ",obstacle_%zu,obstacle_%zu_degree", q + 1, q + 1);
    fputs(",imputed\n", f);
    for (size_t i = 0; i < t->n; i++) {
        const jh_rank_county_row *r = &t->rows[i];
        fprintf(f, "%d", d->years[r->year]);
        jh_csv_text(f, d->regions.str[r->region], csv);
        jh_csv_text(f, jh_study_region_label(st, r->region, "zh"), csv);
        jh_csv_text(f, r->prefecture == JH_NONE ? "" : t->prefectures.str[r->prefecture], csv);
        jh_csv_number(f, r->score, "%.17g", 0);
        if (r->rank)
            fprintf(f, ",%zu", r->rank);
        else
            fputs(",", f);
        if (r->has_change)
            fprintf(f, ",%ld", r->rank_change);
        else
            fputs(",", f);
        for (size_t g = 0; g < t->n_domains; g++)
            jh_csv_number(f, r->domain[g], "%.17g", 0);
        jh_csv_number(f, r->coupling_c, "%.17g", 0);
        jh_csv_number(f, r->coupling_t, "%.17g", 0);
        jh_csv_number(f, r->coupling_d, "%.17g", 0);
        jh_csv_text(f, jh_coupling_class_name(r->coord_class, "en"), csv);
        for (size_t q = 0; q < t->n_obstacles; q++) {
            jh_csv_text(f, r->obstacle[q] == JH_NONE ? "" : d->indicators.str[r->obstacle[q]], csv);
            jh_csv_number(f, r->obstacle_deg[q], "%.17g", 0);
        }
        fprintf(f, ",%zu\n", r->n_imputed);
    }
}

void jh_write_rank_weights(FILE *f, const jh_study *st, const jh_rank_counties_table *t,
                           int csv)
{
    const jh_dataset *d = st->data;
    fputs("year,indicator,domain,weight,info,subjective,objective,cr,cr_domain\n", f);
    for (size_t i = 0; i < t->n_weights; i++) {
        const jh_rank_weight *w = &t->weights[i];
        fprintf(f, "%d", d->years[w->year]);
        jh_csv_text(f, d->indicators.str[w->indicator], csv);
        jh_csv_text(f, jh_study_domain(st, w->indicator), csv);
        jh_csv_number(f, w->weight, "%.17g", 0);
        jh_csv_number(f, w->info, "%.17g", 0);
        jh_csv_number(f, w->subjective, "%.17g", 0);
        jh_csv_number(f, w->objective, "%.17g", 0);
        jh_csv_number(f, w->cr, "%.17g", 0);
        jh_csv_number(f, w->cr_domain, "%.17g", 0);
        fputs("\n", f);
    }
}

