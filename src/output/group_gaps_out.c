/* tables/group-gaps.csv: the gaps between groups of people, one long
 * table over every pair (urban_rural.h). */
#include "junheng/output.h"
#include "junheng/urban_rural.h"

static void ratio_of(FILE *f, const jh_urban_rural_table *t, int reversed)
{
    fprintf(f, ",%s/%s", t->side[reversed ? 1 : 0], t->side[reversed ? 0 : 1]);
}

/* The pair's two codes and the indicator and year of a row. */
static void key(FILE *f, const jh_dataset *d, const jh_urban_rural_table *t, size_t ind, size_t y,
                int csv)
{
    jh_csv_text(f, t->side[0], JH_CSV_FIRST | csv);
    jh_csv_text(f, t->side[1], csv);
    jh_csv_text(f, d->indicators.str[ind], csv);
    fprintf(f, ",%d", d->years[y]);
}

static void areas(FILE *f, const jh_study *s, const jh_urban_rural_table *t, size_t ind, size_t y,
                  const char *fmt, int csv)
{
    for (size_t i = 0; i < t->n_area; i++) {
        const jh_ur_area *a = &t->area[i];
        if (a->indicator != ind || a->year != y)
            continue;
        key(f, s->data, t, ind, y, csv);
        fprintf(f, ",%s", a->area == JH_NONE ? "province" : "area");
        jh_csv_text(f, a->area == JH_NONE ? "" : t->areas.str[a->area], csv);
        fprintf(f, ",,,%zu,%zu", a->n, a->n_left_out);
        jh_csv_number(f, a->urban_mean, fmt, 0);
        jh_csv_number(f, a->rural_mean, fmt, 0);
        jh_csv_number(f, a->ratio, fmt, 0);
        jh_csv_number(f, a->gap, fmt, 0);
        ratio_of(f, t, a->reversed);
        fputs(",\n", f);
    }
}

static void counties(FILE *f, const jh_study *s, const jh_urban_rural_table *t, size_t ind, size_t y,
                     const char *fmt, int csv)
{
    const jh_dataset *d = s->data;
    for (size_t i = 0; i < t->n_county; i++) {
        const jh_ur_county *c = &t->county[i];
        if (c->indicator != ind || c->year != y)
            continue;
        key(f, d, t, ind, y, csv);
        fputs(",county", f);
        jh_csv_text(f, c->area == JH_NONE ? "" : t->areas.str[c->area], csv);
        jh_csv_text(f, d->regions.str[c->region], csv);
        jh_csv_text(f, jh_study_region_label(s, c->region, "zh"), csv);
        fputs(",,", f);
        jh_csv_number(f, c->urban, fmt, 0);
        jh_csv_number(f, c->rural, fmt, 0);
        jh_csv_number(f, c->ratio, fmt, 0);
        jh_csv_number(f, c->gap, fmt, 0);
        ratio_of(f, t, c->reversed);
        jh_csv_text(f, c->note, csv);
        putc('\n', f);
    }
}

void jh_write_group_gaps(FILE *f, const jh_study *s, const jh_group_gaps_table *g, const char *fmt,
                         int csv)
{
    const jh_dataset *d = s->data;
    fputs("group,comparison,indicator,year,level,area,region,name,n,left_out,group_value,"
          "comparison_value,ratio,gap,ratio_of,note\n", f);
    for (size_t p = 0; g && p < g->n; p++)
        for (size_t ind = 0; ind < d->indicators.n; ind++)
            for (size_t y = 0; y < d->n_years; y++) {
                areas(f, s, g->pair[p].t, ind, y, fmt, csv);
                counties(f, s, g->pair[p].t, ind, y, fmt, csv);
            }
}
