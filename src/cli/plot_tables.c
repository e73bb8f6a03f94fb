/* The result tables of `junheng plot`, each computed once per call with
 * the options its charts have always used (plot_tables.h). */
#include <stdlib.h>
#include <string.h>
#include "plot_tables.h"
#include "junheng/targets.h"

/* An analysis the data do not allow (no urban and rural strata, no
 * targets...) leaves its table NULL and its charts empty, as before;
 * only running out of memory stops the call. */
static int kept(int rc)
{
    return rc == JH_ENOMEM ? JH_ENOMEM : JH_OK;
}

static int compute_indices(const jh_study *s, plot_tables *t, jh_diag *diag)
{
    jh_indices_opts o = {.use_weights = 1, .ci = 0.95, .seed = 1};
    int rc = jh_indices_run(s, &o, diag, &t->ix);
    t->view.ix = t->ix ? t->ix->slices : NULL;
    t->view.n_ix = t->ix ? t->ix->n : 0;
    return kept(rc);
}

/* The one year charted (the default, the last), or 0: every year.  The
 * tables of every year cost as much as the charts' one year times the
 * years, so a single charted year is computed alone. */
static int one_year(const jh_study *s, const plot_tables_opts *po)
{
    return po->years && po->n_years == 1 ? s->data->years[po->years[0]] : 0;
}

/* Theil T by the charts' level, the plot stratum. */
static int compute_decompose(const jh_study *s, const plot_tables_opts *po, plot_tables *t,
                             jh_diag *diag)
{
    jh_decompose_opts o = {.by = jh_plot_decompose_by(s), .methods = 1u << JH_DM_THEIL_T,
                           .use_weights = 1, .ci = 0.95, .year = one_year(s, po),
                           .stratum = (int)s->data->strata[jh_plot_stratum(s)]};
    int rc = o.by ? jh_decompose_run(s, &o, diag, &t->dec) : JH_EEMPTY;
    t->view.dec = t->dec;
    return kept(rc);
}

static int compute_urban_rural(const jh_study *s, const plot_tables_opts *po, plot_tables *t,
                               jh_diag *diag)
{
    jh_urban_rural_opts o = {.use_weights = 1, .year = one_year(s, po)};
    int rc = jh_urban_rural_run(s, &o, diag, &t->ur);
    t->view.ur = t->ur;
    return kept(rc);
}

static int compute_gaps(const jh_study *s, const plot_tables_opts *po, plot_tables *t,
                        jh_diag *diag)
{
    jh_group_gaps_opts o = {{.use_weights = 1, .year = one_year(s, po)}, "group"};
    int rc = jh_group_gaps_run(s, &o, diag, &t->gaps);
    t->view.gaps = t->gaps;
    return kept(rc);
}

/* rank.h's defaults weighted as w says, scored in the charted years (all
 * years when the objective weights are held from a base). */
static int compute_rank_county(const jh_study *s, const plot_tables_opts *po, plot_tables *t,
                               jh_diag *diag)
{
    const jh_dataset *d = s->data;
    const jh_rank_counties_opts *w = po->rank;
    jh_rank_counties_opts o;
    memset(&o, 0, sizeof o);
    o.stratum = jh_plot_stratum(s);
    int *year_sel = NULL;
    if (po->years && !(w && w->weights_base)) {
        if (!(year_sel = calloc(d->n_years ? d->n_years : 1, sizeof *year_sel)))
            return JH_ENOMEM;
        for (size_t k = 0; k < po->n_years; k++)
            year_sel[po->years[k]] = 1;
        o.year_sel = year_sel;
    }
    if (w) {
        o.weights = w->weights;
        o.subj = w->subj;
        o.objective = w->objective;
        o.combine = w->combine;
        o.alpha = w->alpha;
        o.weights_base = w->weights_base;
    }
    int rc = jh_rank_counties_run(s, &o, diag, &t->rank_county);
    free(year_sel);
    t->view.rank_county = t->rank_county;
    return kept(rc);
}

static int compute_targets(const jh_study *s, plot_tables *t, jh_diag *diag)
{
    jh_targets_opts o = {jh_plot_stratum(s)};
    int rc = jh_targets_run(s, &o, diag, &t->targets);
    t->view.targets = t->targets;
    return kept(rc);
}

/* converge's densities (as `junheng converge --tables density`) over the
 * years of the density charts. */
static int compute_density(const jh_study *s, const plot_tables_opts *po, plot_tables *t,
                           jh_diag *diag)
{
    const jh_dataset *d = s->data;
    jh_converge_opts o = {.tables = JH_CONVERGE_DENSITY};
    for (size_t k = 0; k < po->n_dens_years && po->dens_years; k++) {
        int y = d->years[po->dens_years[k]];
        o.from = !o.from || y < o.from ? y : o.from;
        o.to = y > o.to ? y : o.to;
    }
    int rc = jh_converge_run(s, &o, diag, &t->density);
    t->view.density = t->density;
    return kept(rc);
}

int plot_tables_compute(const jh_study *s, const plot_tables_opts *o,
                        const jh_plot_tables *have, plot_tables *t, jh_diag *diag)
{
    static const jh_plot_tables none;
    unsigned need = o->need;
    int rc = JH_OK;
    memset(t, 0, sizeof *t);
    if (have)
        t->view = *have;
    else
        have = &none;
    if ((need & PLOT_T_INDICES) && !have->ix)
        rc = compute_indices(s, t, diag);
    if (!rc && (need & PLOT_T_DECOMPOSE) && !have->dec)
        rc = compute_decompose(s, o, t, diag);
    if (!rc && (need & PLOT_T_UR) && !have->ur)
        rc = compute_urban_rural(s, o, t, diag);
    if (!rc && (need & PLOT_T_GAPS) && !have->gaps)
        rc = compute_gaps(s, o, t, diag);
    if (!rc && (need & PLOT_T_RANK_COUNTY) && !have->rank_county)
        rc = compute_rank_county(s, o, t, diag);
    if (!rc && (need & PLOT_T_TARGETS) && !have->targets)
        rc = compute_targets(s, t, diag);
    if (!rc && (need & PLOT_T_DENSITY) && !have->density)
        rc = compute_density(s, o, t, diag);
    if (rc)
        plot_tables_free(t);
    return rc;
}

void plot_tables_free(plot_tables *t)
{
    jh_indices_table_free(t->ix);
    jh_decompose_table_free(t->dec);
    jh_urban_rural_table_free(t->ur);
    jh_group_gaps_table_free(t->gaps);
    jh_rank_counties_table_free(t->rank_county);
    jh_targets_table_free(t->targets);
    jh_converge_table_free(t->density);
    memset(t, 0, sizeof *t);
}

jh_plot_tables plot_tables_of_run(const run_results *r, const jh_study *s)
{
    jh_plot_tables v = {.ix = r->ix ? r->ix->slices : NULL, .n_ix = r->ix ? r->ix->n : 0,
                        .ur = r->ur, .gaps = r->gaps,
                        .rank_county = r->rank_county, .targets = r->targets};
    const char *by = jh_plot_decompose_by(s);
    for (size_t k = 0; by && k < r->n_dec; k++)
        if (r->dec_by[k] && !strcmp(r->dec_by[k], by))
            v.dec = r->dec[k];
    return v;
}
