/* The starter catalogs of `junheng init` as CSV (catalog_draft.h): text
 * as it is (JH_CSV_RAW), since an apostrophe against formulas would change
 * a code. */
#include "junheng/catalog_draft.h"
#include "junheng/output.h"

#define RAW JH_CSV_RAW

void jh_write_region_draft(FILE *f, const jh_catalog_draft_table *t)
{
    fputs("code,name,prefecture_code,province_code,prefecture\n", f);
    for (size_t r = 0; r < t->n_regions; r++) {
        const jh_region_draft *g = &t->regions[r];
        jh_csv_text(f, g->code, RAW | JH_CSV_FIRST);
        jh_csv_text(f, g->name, RAW);
        jh_csv_text(f, g->prefecture, RAW);
        jh_csv_text(f, g->province, RAW);
        jh_csv_text(f, g->parent, RAW);
        fputc('\n', f);
    }
}

void jh_write_indicator_draft(FILE *f, const jh_catalog_draft_table *t)
{
    fputs("code,name_zh,name_en,domain,unit,direction,weight,scope,numerator,denominator,"
          "scale,note\n", f);
    for (size_t i = 0; i < t->n_indicators; i++) {
        const jh_indicator_draft *r = &t->indicators[i];
        jh_csv_text(f, r->code, RAW | JH_CSV_FIRST);
        jh_csv_text(f, r->name, RAW);
        fprintf(f, ",,,,%s,%s,county", r->direction, r->weight);
        jh_csv_text(f, r->numerator, RAW);
        jh_csv_text(f, r->denominator, RAW);
        if (r->numerator[0]) /* 1000 or 0.1, written as a person would: %.15g */
            fprintf(f, ",%.15g", r->scale);
        else
            fputc(',', f);
        jh_csv_text(f, r->note, RAW);
        fputc('\n', f);
    }
}
