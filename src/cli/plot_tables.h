/* The result tables `junheng plot` draws from (plot.h's jh_plot_tables),
 * each computed once per call before any chart is drawn, with the options
 * the charts have always used; or taken from tables a caller already has
 * (the run's results, plot_tables_of_run). */
#ifndef JUNHENG_CLI_PLOT_TABLES_H
#define JUNHENG_CLI_PLOT_TABLES_H

#include "junheng/analysis.h"
#include "junheng/converge.h"
#include "junheng/decompose_analysis.h"
#include "junheng/diag.h"
#include "junheng/plot.h"
#include "junheng/rank.h"
#include "junheng/urban_rural.h"
#include "run.h"

/* Which tables the charts to draw read: bits of plot_tables_opts.need. */
enum {
    PLOT_T_INDICES = 1,      /* lorenz, trend, disparity-ranking */
    PLOT_T_DECOMPOSE = 2,    /* decomposition */
    PLOT_T_UR = 4,           /* urban-rural */
    PLOT_T_GAPS = 8,         /* group-gap */
    PLOT_T_RANK_COUNTY = 16, /* county-ranking */
    PLOT_T_TARGETS = 32,     /* targets */
    PLOT_T_DENSITY = 64      /* distribution (densities) */
};

typedef struct plot_tables_opts {
    unsigned need;              /* PLOT_T_* bits */
    const jh_rank_counties_opts *rank;   /* county-ranking weighting (NULL: entropy per year) */
    const size_t *years;        /* years charted (data positions): the county
                                   scores are computed for these, and the
                                   decomposition and comparisons for the
                                   year when there is one; NULL: all */
    size_t n_years;
    const size_t *dens_years;   /* the years of the densities (data positions):
                                   the table spans the first to the last of
                                   them; NULL: every year */
    size_t n_dens_years;
} plot_tables_opts;

/* The tables and the ones of them this call computed (owned). */
typedef struct plot_tables {
    jh_plot_tables view;        /* what the charts read */
    jh_indices_table *ix;
    jh_decompose_table *dec;
    jh_urban_rural_table *ur;
    jh_group_gaps_table *gaps;
    jh_rank_counties_table *rank_county;
    jh_targets_table *targets;
    jh_converge_table *density;
} plot_tables;

/* Fills t->view with every table o->need asks for: taken from have when
 * have holds it (may be NULL), else computed here once and owned by t.
 * An analysis that cannot run on the data (no urban and rural strata, no
 * targets, no grouping column) leaves its table NULL: its charts then say
 * "nothing to draw".  Messages of the analyses go to diag.  Returns JH_OK
 * or JH_ENOMEM. */
int plot_tables_compute(const jh_study *s, const plot_tables_opts *o,
                        const jh_plot_tables *have, plot_tables *t, jh_diag *diag);
void plot_tables_free(plot_tables *t);

/* The run's result tables as the charts read them: the decomposition by
 * the charts' level when the run made it (analysis.group_by), else none
 * (plot_tables_compute then makes it). */
jh_plot_tables plot_tables_of_run(const run_results *r, const jh_study *s);

#endif
