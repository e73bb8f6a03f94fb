/* The tables of `junheng targets`: progress per indicator and year, and
 * per county (moved from the command so that the run writes them too). */
#include <stdio.h>
#include "junheng/output.h"
#include "junheng/rank.h"

/* The target as the catalog wrote it: ">99" for a strict bound. */
static void write_target(FILE *f, const jh_target *t)
{
    fputc(',', f);
    if (t->strict)
        fputc(t->kind == JH_TARGET_AT_MOST ? '<' : '>', f);
    fprintf(f, "%.17g", t->target);
}

/* The baseline as the catalog wrote it: ">98" for a bound, empty when
 * missing or for a cumulative target (whose baseline is 0 by definition). */
static void write_baseline(FILE *f, const jh_indicator *ind, int cum)
{
    static const char *const sign[] = {"", ">", ">=", "<", "<="};
    if (cum || !ind || ind->baseline.kind == JH_VALUE_MISSING) {
        fputc(',', f);
        return;
    }
    fprintf(f, ",%s%.17g", ind->baseline.kind == JH_VALUE_CENSORED ? sign[ind->baseline.bound] : "",
            ind->baseline.x);
}

void jh_write_targets(FILE *f, const jh_study *st, const jh_targets_table *t, int csv)
{
    const jh_dataset *d = st->data;
    fputs("indicator,domain,kind,baseline_year,baseline,target_year,target,year,value,"
          "progress,expected,on_track,n,n_meeting,share_meeting,pop_share_meeting,"
          "tail_shortfall", f);
    fputs(t->has_coverage ? ",coverage,group_size,shortfall_persons\n" : "\n", f);
    for (size_t i = 0; i < t->n; i++) {
        const jh_target_row *r = &t->rows[i];
        int cum = r->target.kind == JH_TARGET_CUMULATIVE;
        jh_csv_text(f, d->indicators.str[r->indicator], JH_CSV_FIRST | csv);
        jh_csv_text(f, jh_study_domain(st, r->indicator), csv);
        jh_csv_text(f, jh_target_kind_name(r->target.kind), csv);
        fprintf(f, ",%d", r->target.baseline_year);
        write_baseline(f, jh_study_indicator(st, r->indicator), cum);
        fprintf(f, ",%d", r->target.target_year);
        write_target(f, &r->target);
        fprintf(f, ",%d", d->years[r->year]);
        jh_csv_number(f, r->value, "%.17g", 0);
        jh_csv_number(f, r->progress, "%.17g", 0);
        jh_csv_number(f, r->expected, "%.17g", 0);
        if (r->on_track >= 0)
            fprintf(f, ",%d", r->on_track);
        else
            fputs(",", f);
        fprintf(f, ",%zu", r->n);
        if (cum)
            fputs(",", f);
        else
            fprintf(f, ",%zu", r->n_meeting);
        jh_csv_number(f, r->share_meeting, "%.17g", 0);
        jh_csv_number(f, r->pop_share_meeting, "%.17g", 0);
        jh_csv_number(f, r->tail_shortfall, "%.17g", 0);
        if (t->has_coverage) {
            fprintf(f, ",%d", r->coverage);
            jh_csv_number(f, r->group_size, "%.17g", 0);
            jh_csv_number(f, r->shortfall_persons, "%.17g", 0);
        }
        fputs("\n", f);
    }
}

void jh_write_target_counties(FILE *f, const jh_study *st, const jh_targets_table *t, int csv)
{
    const jh_dataset *d = st->data;
    fputs("indicator,year,region,name,value,target,meets,shortfall", f);
    fputs(t->has_coverage ? ",group_size,shortfall_persons\n" : "\n", f);
    size_t k = 0;
    for (size_t i = 0; i < t->n_county; i++) {
        const jh_target_county_row *r = &t->county[i];
        /* county rows come in the order of the table's rows: one cursor */
        while (k < t->n && t->rows[k].indicator != r->indicator)
            k++;
        const jh_target *tg = &t->rows[k].target;
        jh_csv_text(f, d->indicators.str[r->indicator], JH_CSV_FIRST | csv);
        fprintf(f, ",%d", d->years[r->year]);
        jh_csv_text(f, d->regions.str[r->region], csv);
        jh_csv_text(f, jh_study_region_label(st, r->region, "zh"), csv);
        jh_csv_number(f, r->value, "%.17g", 0);
        write_target(f, tg);
        fprintf(f, ",%d", r->meets);
        jh_csv_number(f, r->shortfall, "%.17g", 0);
        if (t->has_coverage) {
            jh_csv_number(f, r->group_size, "%.17g", 0);
            jh_csv_number(f, r->shortfall_persons, "%.17g", 0);
        }
        fputs("\n", f);
    }
}

