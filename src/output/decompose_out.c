/* The tables of the disparity analyses: `junheng decompose` (long, wide,
 * and the groups table) and `junheng urban-rural` (areas and counties). */
#include <math.h>
#include "junheng/decompose_analysis.h"
#include "junheng/output.h"
#include "junheng/urban_rural.h"

static void write_key(FILE *f, const jh_study *s, const jh_decompose_table *t, size_t ind,
                      size_t year, size_t st, int csv)
{
    const jh_dataset *d = s->data;
    jh_csv_text(f, d->indicators.str[ind], JH_CSV_FIRST | csv);
    fprintf(f, ",%d,%s", d->years[year],
            st != JH_DSTRATUM_CELLS ? jh_dataset_stratum_name(d, st)
            : t->cells[0]           ? t->cells
                                    : "urban+rural");
}

/* "A", "A|B" or "" for a group reference. */
static void write_group(FILE *f, const jh_decompose_table *t, size_t g1, size_t g2,
                        int csv)
{
    char buf[512];
    if (g1 == JH_NONE) {
        jh_csv_text(f, "", csv);
        return;
    }
    if (g2 == JH_NONE) {
        jh_csv_text(f, t->groups.str[g1], csv);
        return;
    }
    snprintf(buf, sizeof buf, "%s|%s", t->groups.str[g1], t->groups.str[g2]);
    jh_csv_text(f, buf, csv);
}

static void write_long(FILE *f, const jh_study *s, const jh_decompose_table *t, int csv)
{
    fputs("indicator,year,stratum,method,component,group,value,share", f);
    if (t->has_ci)
        fputs(",ci_low,ci_high,se", f);
    if (t->has_p)
        fputs(",p_value", f);
    putc('\n', f);
    for (size_t i = 0; i < t->n_rows; i++) {
        const jh_decompose_row *r = &t->row[i];
        write_key(f, s, t, r->indicator, r->year, r->stratum, csv);
        fprintf(f, ",%s,%s", jh_dmethod_name(r->method, r->weighted),
                jh_dcomponent_name(r->component));
        write_group(f, t, r->group, r->group2, csv);
        jh_csv_number(f, r->value, "%.17g", 0);
        jh_csv_number(f, r->share, "%.17g", 0);
        if (t->has_ci) {
            jh_csv_number(f, r->ci_low, "%.17g", 0);
            jh_csv_number(f, r->ci_high, "%.17g", 0);
            jh_csv_number(f, r->se, "%.17g", 0);
        }
        if (t->has_p)
            jh_csv_number(f, r->p_value, "%.17g", 0);
        putc('\n', f);
    }
}

/* The components that have one value per slice, in wide column order. */
static const jh_dcomponent wide_cols[] = {
    JH_DC_TOTAL, JH_DC_WITHIN, JH_DC_BETWEEN, JH_DC_NET_BETWEEN, JH_DC_TRANSVARIATION,
    JH_DC_BETWEEN_STAGE1, JH_DC_BETWEEN_STAGE2, JH_DC_WITHIN_STAGE3,
};
#define N_WIDE (sizeof wide_cols / sizeof wide_cols[0])

static int same_run(const jh_decompose_row *a, const jh_decompose_row *b)
{
    return a->indicator == b->indicator && a->year == b->year && a->stratum == b->stratum &&
           a->method == b->method && a->weighted == b->weighted;
}

static void write_wide(FILE *f, const jh_study *s, const jh_decompose_table *t, int csv)
{
    fputs("indicator,year,stratum,method,n", f);
    for (size_t k = 0; k < N_WIDE; k++)
        fprintf(f, ",%s", jh_dcomponent_name(wide_cols[k]));
    for (size_t k = 1; k < N_WIDE; k++)
        fprintf(f, ",%s_share", jh_dcomponent_name(wide_cols[k]));
    if (t->has_p)
        fputs(",p_value", f);
    putc('\n', f);
    for (size_t i = 0; i < t->n_rows;) {
        size_t j = i;
        double val[N_WIDE], share[N_WIDE], p = NAN;
        for (size_t k = 0; k < N_WIDE; k++)
            val[k] = share[k] = NAN;
        for (; j < t->n_rows && same_run(&t->row[i], &t->row[j]); j++) {
            const jh_decompose_row *r = &t->row[j];
            for (size_t k = 0; k < N_WIDE; k++)
                if (r->component == wide_cols[k]) {
                    val[k] = r->value;
                    share[k] = r->share;
                }
            if (!isnan(r->p_value))
                p = r->p_value;
        }
        const jh_decompose_row *r = &t->row[i];
        write_key(f, s, t, r->indicator, r->year, r->stratum, csv);
        fprintf(f, ",%s,%zu", jh_dmethod_name(r->method, r->weighted), r->n);
        for (size_t k = 0; k < N_WIDE; k++)
            jh_csv_number(f, val[k], "%.10g", 0);
        for (size_t k = 1; k < N_WIDE; k++)
            jh_csv_number(f, share[k], "%.10g", 0);
        if (t->has_p)
            jh_csv_number(f, p, "%.10g", 0);
        putc('\n', f);
        i = j;
    }
}

void jh_write_decompose(FILE *f, const jh_study *s, const jh_decompose_table *t, int wide,
                        int csv)
{
    if (wide)
        write_wide(f, s, t, csv);
    else
        write_long(f, s, t, csv);
}

void jh_write_decompose_groups(FILE *f, const jh_study *s, const jh_decompose_table *t,
                               int csv)
{
    fputs("indicator,year,stratum,method,group,higher,n,weight,pop_share,value_share,"
          "mean,index,affluence,contribution,share\n", f);
    for (size_t i = 0; i < t->n_group_rows; i++) {
        const jh_decompose_group *g = &t->group[i];
        write_key(f, s, t, g->indicator, g->year, g->stratum, csv);
        fprintf(f, ",%s", jh_dmethod_name(g->method, g->weighted));
        write_group(f, t, g->group, g->group2, csv);
        /* A pair with no better-off group has equal means. */
        jh_csv_text(f, g->higher != JH_NONE ? t->groups.str[g->higher]
                       : g->group2 != JH_NONE ? "equal" : "", csv);
        fprintf(f, ",%zu", g->n);
        jh_csv_number(f, g->weight, "%.17g", 0);
        jh_csv_number(f, g->pop_share, "%.17g", 0);
        jh_csv_number(f, g->value_share, "%.17g", 0);
        jh_csv_number(f, g->mean, "%.17g", 0);
        jh_csv_number(f, g->index, "%.17g", 0);
        jh_csv_number(f, g->affluence, "%.17g", 0);
        jh_csv_number(f, g->contribution, "%.17g", 0);
        jh_csv_number(f, g->share, "%.17g", 0);
        putc('\n', f);
    }
}

/* ---- urban-rural ------------------------------------------------------- */

/* "urban/rural", or "rural/urban" for a lower-better indicator (the
 * sides' labels with --compare). */
static void ratio_of(FILE *f, const jh_urban_rural_table *t, int reversed)
{
    fprintf(f, ",%s/%s", t->side[reversed ? 1 : 0], t->side[reversed ? 0 : 1]);
}

void jh_write_ur_areas(FILE *f, const jh_study *s, const jh_urban_rural_table *t, const char *fmt,
                       int csv)
{
    const jh_dataset *d = s->data;
    fprintf(f, "indicator,year,level,area,basis,n,left_out,%s_mean,%s_mean,ratio,gap,"
            "ratio_of,gini_ratio,cv_ratio,theil_t_ratio", t->side[0], t->side[1]);
    if (t->has_ci)
        fputs(",ratio_ci_low,ratio_ci_high,ratio_se,gap_ci_low,gap_ci_high,gap_se", f);
    putc('\n', f);
    for (size_t i = 0; i < t->n_area; i++) {
        const jh_ur_area *a = &t->area[i];
        jh_csv_text(f, d->indicators.str[a->indicator], JH_CSV_FIRST | csv);
        fprintf(f, ",%d,%s", d->years[a->year], a->area == JH_NONE ? "province" : "area");
        jh_csv_text(f, a->area == JH_NONE ? "" : t->areas.str[a->area], csv);
        fprintf(f, ",%s,%zu,%zu", a->basis == JH_UR_STRATA ? "strata" : "class", a->n,
                a->n_left_out);
        jh_csv_number(f, a->urban_mean, fmt, 0);
        jh_csv_number(f, a->rural_mean, fmt, 0);
        jh_csv_number(f, a->ratio, fmt, 0);
        jh_csv_number(f, a->gap, fmt, 0);
        ratio_of(f, t, a->reversed);
        jh_csv_number(f, a->gini, fmt, 0);
        jh_csv_number(f, a->cv, fmt, 0);
        jh_csv_number(f, a->theil_t, fmt, 0);
        if (t->has_ci) {
            jh_csv_number(f, a->ratio_low, fmt, 0);
            jh_csv_number(f, a->ratio_high, fmt, 0);
            jh_csv_number(f, a->ratio_se, fmt, 0);
            jh_csv_number(f, a->gap_low, fmt, 0);
            jh_csv_number(f, a->gap_high, fmt, 0);
            jh_csv_number(f, a->gap_se, fmt, 0);
        }
        putc('\n', f);
    }
}

void jh_write_ur_counties(FILE *f, const jh_study *s, const jh_urban_rural_table *t, const char *fmt,
                          int csv)
{
    const jh_dataset *d = s->data;
    fprintf(f, "indicator,year,region,name,area,%s,%s,ratio,gap,ratio_of,note\n", t->side[0],
            t->side[1]);
    for (size_t i = 0; i < t->n_county; i++) {
        const jh_ur_county *c = &t->county[i];
        jh_csv_text(f, d->indicators.str[c->indicator], JH_CSV_FIRST | csv);
        fprintf(f, ",%d", d->years[c->year]);
        jh_csv_text(f, d->regions.str[c->region], csv);
        jh_csv_text(f, jh_study_region_label(s, c->region, "zh"), csv);
        jh_csv_text(f, c->area == JH_NONE ? "" : t->areas.str[c->area], csv);
        jh_csv_number(f, c->urban, fmt, 0);
        jh_csv_number(f, c->rural, fmt, 0);
        jh_csv_number(f, c->ratio, fmt, 0);
        jh_csv_number(f, c->gap, fmt, 0);
        ratio_of(f, t, c->reversed);
        jh_csv_text(f, c->note, csv);
        putc('\n', f);
    }
}
