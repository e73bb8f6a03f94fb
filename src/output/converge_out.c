/* The tables of `junheng converge`: sigma, trend, beta, density and
 * Markov, long or wide (moved from the command so that the run writes
 * them too). */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "junheng/converge.h"
#include "junheng/output.h"

/* ---- the tables ------------------------------------------------------- */

/* The indicator code is input text; csv is 0 or JH_CSV_RAW (--raw-text). */
static void key(FILE *f, const jh_dataset *d, size_t ind, size_t stratum, int csv)
{
    jh_csv_text(f, d->indicators.str[ind], JH_CSV_FIRST | csv);
    jh_csv_text(f, jh_dataset_stratum_name(d, stratum), 0);
}

static void put_int(FILE *f, long v) { fprintf(f, ",%ld", v); }

static void write_sigma(FILE *f, const jh_dataset *d, const jh_converge_table *c, jh_layout lay,
                        int csv)
{
    if (lay == JH_LAYOUT_LONG) {
        fputs("indicator,stratum,year,index,value,n\n", f);
        for (size_t i = 0; i < c->n_sigma; i++) {
            const jh_sigma_row *r = &c->sigma[i];
            key(f, d, r->indicator, r->stratum, csv);
            put_int(f, d->years[r->year]);
            jh_csv_text(f, c->index_names[r->index], 0);
            jh_csv_number(f, r->value, "%.17g", 0);
            put_int(f, (long)r->n);
            fputc('\n', f);
        }
        return;
    }
    /* Wide: one row per indicator and year, one column per index.  Rows
     * come indicator by indicator, each index's years in order. */
    fputs("indicator,stratum,year,n", f);
    for (size_t k = 0; k < c->n_index; k++)
        jh_csv_text(f, c->index_names[k], 0);
    fputc('\n', f);
    for (size_t i = 0; i < c->n_sigma;) {
        size_t end = i;
        while (end < c->n_sigma && c->sigma[end].indicator == c->sigma[i].indicator)
            end++;
        for (size_t y = 0; y < d->n_years; y++) {
            size_t n = 0;
            int any = 0;
            for (size_t j = i; j < end; j++)
                if (c->sigma[j].year == y && !any++)
                    n = c->sigma[j].n;
            if (!any)
                continue;
            key(f, d, c->sigma[i].indicator, c->sigma[i].stratum, csv);
            put_int(f, d->years[y]);
            put_int(f, (long)n);
            for (size_t k = 0; k < c->n_index; k++) {
                double v = NAN;
                for (size_t j = i; j < end; j++)
                    if (c->sigma[j].year == y && c->sigma[j].index == k)
                        v = c->sigma[j].value;
                jh_csv_number(f, v, "%.10g", 0);
            }
            fputc('\n', f);
        }
        i = end;
    }
}

static void write_trend(FILE *f, const jh_dataset *d, const jh_converge_table *c, jh_layout lay,
                        double level, int csv)
{
    const char *fmt = lay == JH_LAYOUT_LONG ? "%.17g" : "%.10g";
    fputs("indicator,stratum,index,from,to,n_years,slope,se,t,p,r2,pct_change,level,"
          "verdict\n", f);
    for (size_t i = 0; i < c->n_trend; i++) {
        const jh_trend_row *r = &c->trend[i];
        key(f, d, r->indicator, r->stratum, csv);
        jh_csv_text(f, c->index_names[r->index], 0);
        put_int(f, c->first_year);
        put_int(f, c->last_year);
        put_int(f, (long)r->fit.n);
        const double v[] = {r->fit.slope, r->fit.se_slope, r->fit.t, r->fit.p, r->fit.r2,
                            r->pct_change};
        for (size_t k = 0; k < sizeof v / sizeof *v; k++)
            jh_csv_number(f, v[k], fmt, 0);
        jh_csv_number(f, level, "%g", 0); /* as given: 0.05, not 0.050000000000000003 */
        jh_csv_text(f, r->verdict, 0);
        fputc('\n', f);
    }
}

static void write_beta(FILE *f, const jh_dataset *d, const jh_converge_table *c, jh_layout lay,
                       const char *conditional, int csv)
{
    const char *fmt = lay == JH_LAYOUT_LONG ? "%.17g" : "%.10g";
    fputs("indicator,stratum,model,from,to,years,n,weighted,groups,alpha,beta,se,t,p,r2,"
          "speed,half_life,note\n", f);
    for (size_t i = 0; i < c->n_beta; i++) {
        const jh_beta_row *r = &c->beta[i];
        const jh_beta *b = &r->beta;
        char model[128];
        snprintf(model, sizeof model, "%s%s", r->conditional ? "conditional:" : "absolute",
                 r->conditional ? conditional : "");
        key(f, d, r->indicator, r->stratum, csv);
        jh_csv_text(f, model, 0);
        put_int(f, c->first_year);
        put_int(f, c->last_year);
        jh_csv_number(f, b->years, fmt, 0);
        put_int(f, (long)b->fit.n);
        put_int(f, r->weighted);
        if (r->conditional && !r->status)
            put_int(f, (long)r->n_groups);
        else
            fputc(',', f);
        const double v[] = {b->fit.intercept, b->fit.slope, b->fit.se_slope, b->fit.t,
                            b->fit.p, b->fit.r2, b->speed, b->half_life};
        for (size_t k = 0; k < sizeof v / sizeof *v; k++)
            jh_csv_number(f, v[k], fmt, 0);
        if (r->status)
            jh_csv_text(f, jh_strerror(r->status), 0);
        else if (b->speed_status)
            jh_csv_text(f, b->fit.slope >= 0 ? "beta >= 0: no convergence; speed and "
                        "half-life undefined" : "1 + beta T <= 0: speed undefined", 0);
        else
            fputc(',', f);
        fputc('\n', f);
    }
}

static void write_density(FILE *f, const jh_dataset *d, const jh_converge_table *c, jh_layout lay,
                          int csv)
{
    if (lay == JH_LAYOUT_LONG) {
        fputs("indicator,stratum,year,bandwidth,x,density\n", f);
        for (size_t i = 0; i < c->n_density; i++) {
            const jh_density_row *r = &c->density[i];
            key(f, d, r->indicator, r->stratum, csv);
            put_int(f, d->years[r->year]);
            jh_csv_number(f, r->bandwidth, "%.17g", 0);
            jh_csv_number(f, r->x, "%.17g", 0);
            jh_csv_number(f, r->density, "%.17g", 0);
            fputc('\n', f);
        }
        return;
    }
    /* Wide: one row per grid point of an indicator, one column per year.
     * Rows of one indicator come year by year over a common grid. */
    size_t y0 = 0, y1 = d->n_years - 1;
    while (y0 < d->n_years && d->years[y0] != c->first_year)
        y0++;
    while (y1 > 0 && d->years[y1] != c->last_year)
        y1--;
    fputs("indicator,stratum,x", f);
    for (size_t y = y0; y <= y1; y++)
        fprintf(f, ",%d", d->years[y]);
    fputc('\n', f);
    for (size_t i = 0; i < c->n_density;) {
        size_t end = i, m = 0;
        while (end < c->n_density && c->density[end].indicator == c->density[i].indicator)
            end++;
        while (i + m < end && c->density[i + m].year == c->density[i].year)
            m++;
        for (size_t j = 0; j < m; j++) {
            key(f, d, c->density[i].indicator, c->density[i].stratum, csv);
            jh_csv_number(f, c->density[i + j].x, "%.10g", 0);
            for (size_t y = y0; y <= y1; y++) {
                double v = NAN;
                for (size_t b = i + j; b < end; b += m)
                    if (c->density[b].year == y)
                        v = c->density[b].density;
                jh_csv_number(f, v, "%.10g", 0);
            }
            fputc('\n', f);
        }
        i = end;
    }
}

static void put_class(FILE *f, size_t cls)
{
    if (cls == (size_t)-1)
        fputc(',', f);
    else
        put_int(f, (long)cls + 1);
}

static void write_markov(FILE *f, const jh_dataset *d, const jh_converge_table *c, jh_layout lay,
                         int csv)
{
    if (lay == JH_LAYOUT_LONG) {
        fputs("indicator,stratum,lag_class,from,to,upper,count,probability,ergodic\n", f);
        for (size_t i = 0; i < c->n_markov; i++) {
            const jh_markov_row *r = &c->markov[i];
            key(f, d, r->indicator, r->stratum, csv);
            put_class(f, r->lag_class);
            put_class(f, r->from);
            put_class(f, r->to);
            jh_csv_number(f, r->upper, "%.17g", 0);
            jh_csv_number(f, r->count, "%.17g", 0);
            jh_csv_number(f, r->probability, "%.17g", 0);
            jh_csv_number(f, r->ergodic, "%.17g", 0);
            fputc('\n', f);
        }
        return;
    }
    /* Wide: one row per matrix row: its count and probabilities to each
     * class, and the ergodic share of the class itself. */
    size_t k = 0;
    while (k < c->n_markov && c->markov[k].from == 0)
        k++;
    fputs("indicator,stratum,lag_class,class,upper,n", f);
    for (size_t j = 0; j < k; j++)
        fprintf(f, ",p%zu", j + 1);
    fputs(",ergodic\n", f);
    for (size_t i = 0; k && i + k <= c->n_markov; i += k) {
        const jh_markov_row *r = &c->markov[i];
        double n = 0;
        for (size_t j = 0; j < k; j++)
            n += r[j].count;
        key(f, d, r->indicator, r->stratum, csv);
        put_class(f, r->lag_class);
        put_class(f, r->from);
        jh_csv_number(f, r[r->from].upper, "%.10g", 0);
        jh_csv_number(f, n, "%.10g", 0);
        for (size_t j = 0; j < k; j++)
            jh_csv_number(f, r[j].probability, "%.10g", 0);
        jh_csv_number(f, r[r->from].ergodic, "%.10g", 0);
        fputc('\n', f);
    }
}

void jh_write_converge(FILE *f, const jh_dataset *d, const jh_converge_table *c,
                       const jh_converge_opts *o, jh_layout layout, int csv)
{
    switch (o->tables) {
    case JH_CONVERGE_SIGMA: write_sigma(f, d, c, layout, csv); break;
    case JH_CONVERGE_BETA: write_beta(f, d, c, layout, o->conditional, csv); break;
    case JH_CONVERGE_DENSITY: write_density(f, d, c, layout, csv); break;
    case JH_CONVERGE_MARKOV: write_markov(f, d, c, layout, csv); break;
    default:
        write_trend(f, d, c, layout, o->level > 0 ? o->level : 0.05, csv);
    }
}
