/* The tables of `junheng neighbors` and `junheng spatial`.  See
 * include/junheng/spatial_out.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "junheng/output.h"
#include "junheng/spatial_out.h"

struct nb_row {
    const char *a, *b;
    const jh_contact *c;
};

static int cmp_nb(const void *x, const void *y)
{
    const struct nb_row *p = x, *q = y;
    int r = strcmp(p->a, q->a);
    return r ? r : strcmp(p->b, q->b);
}

int jh_write_neighbors(FILE *f, const jh_boundaries *b, const jh_contact *c, size_t n,
                       int rook_only, int csv)
{
    struct nb_row *rows = malloc((n ? n : 1) * sizeof *rows);
    size_t m = 0;
    if (!rows)
        return JH_ENOMEM;
    for (size_t k = 0; k < n; k++) {
        if (rook_only && !c[k].rook)
            continue;
        const char *x = b->code[c[k].a], *y = b->code[c[k].b];
        int swap = strcmp(x, y) > 0;
        rows[m++] = (struct nb_row){swap ? y : x, swap ? x : y, &c[k]};
    }
    qsort(rows, m, sizeof *rows, cmp_nb);
    fputs("code_a,code_b,type,shared_km\n", f);
    for (size_t k = 0; k < m; k++) {
        jh_csv_text(f, rows[k].a, JH_CSV_FIRST | csv);
        jh_csv_text(f, rows[k].b, csv);
        fputs(rows[k].c->rook ? ",rook" : ",queen", f);
        jh_csv_number(f, rows[k].c->shared, "%.3f", 0);
        fputc('\n', f);
    }
    free(rows);
    return JH_OK;
}

static void key(FILE *f, const jh_dataset *d, size_t ind, size_t year, int csv)
{
    jh_csv_text(f, d->indicators.str[ind], JH_CSV_FIRST | csv);
    fprintf(f, ",%d", d->years[year]);
}

static void nums(FILE *f, const double *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        jh_csv_number(f, v[i], "%.17g", 0);
}

void jh_write_spatial(FILE *f, const jh_dataset *d, const jh_spatial_table *sp, int csv)
{
    fputs("indicator,year,n,islands,moran_i,expected_i,var_norm,z_norm,p_norm,var_rand,"
          "z_rand,p_rand,permutations,p_sim,z_sim,gini,gini_neighbor,gini_nonneighbor,"
          "share_nonneighbor,gini_p_sim\n", f);
    for (size_t k = 0; k < sp->n_rows; k++) {
        const jh_spatial_row *r = &sp->rows[k];
        const jh_moran *m = &r->moran;
        const jh_spatial_gini *g = &r->gini;
        key(f, d, r->indicator, r->year, csv);
        fprintf(f, ",%zu,%zu", r->n, r->islands);
        double a[] = {m->I, m->EI, m->VI_norm, m->z_norm, m->p_norm, m->VI_rand, m->z_rand,
                      m->p_rand};
        nums(f, a, 8);
        fprintf(f, ",%zu", m->permutations);
        double b[] = {m->p_sim, m->z_sim, g->gini, g->gini_neighbor, g->gini_nonneighbor,
                      g->share_nonneighbor, g->p_sim};
        nums(f, b, 7);
        fputc('\n', f);
    }
}

/* The name of data region r: from the data, else from the region catalog,
 * else "" (never the code: the column beside it has that). */
static const char *region_name(const jh_study *s, size_t r)
{
    const char *name = s->data->region_name ? s->data->region_name[r] : NULL;
    size_t e = s->region_entry ? s->region_entry[r] : JH_NONE;
    if ((!name || !*name) && s->regions && e != JH_NONE)
        name = s->regions->name[e];
    return name ? name : "";
}

void jh_write_lisa(FILE *f, const jh_study *s, const jh_spatial_table *sp, int csv)
{
    const jh_dataset *d = s->data;
    fputs("indicator,year,region_code,region_name,value,local_i,lag,quadrant,p_sim,q_fdr,"
          "significant,cluster\n", f);
    for (size_t k = 0; k < sp->n_lisa; k++) {
        const jh_lisa_row *r = &sp->lisa[k];
        const char *name = region_name(s, r->region);
        key(f, d, r->indicator, r->year, csv);
        jh_csv_text(f, d->regions.str[r->region], csv);
        jh_csv_text(f, name, csv);
        double a[] = {r->value, r->lisa.Ii, r->lisa.lag};
        nums(f, a, 3);
        jh_csv_text(f, jh_lisa_quadrant_name(r->lisa.quadrant), 0);
        double b[] = {r->lisa.p_sim, r->lisa.q_fdr};
        nums(f, b, 2);
        int island = isnan(r->lisa.p_sim) && r->lisa.quadrant == JH_LISA_NONE;
        fprintf(f, ",%d", r->significant);
        jh_csv_text(f, island ? "" : r->significant ? jh_lisa_quadrant_name(r->lisa.quadrant)
                                                    : "ns", 0);
        fputc('\n', f);
    }
}
