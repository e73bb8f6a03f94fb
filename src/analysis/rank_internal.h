/* The composite score's matrix and weights (rank_matrix.c), shared with
 * the scoring (rank_counties.c); not installed, not public API. */
#ifndef JUNHENG_RANK_INTERNAL_H
#define JUNHENG_RANK_INTERNAL_H

#include "junheng/rank.h"

/* Work space of one year's scoring, sized once. */
struct scratch {
    double *x;     /* [nr * m] raw matrix of the counties kept */
    double *z;     /* [nr * m] normalised */
    double *zmm;   /* [nr * m] min-max normalised, for obstacles */
    double *o;     /* [nr * m] obstacle degrees */
    double *sub;   /* [nr * m] a domain's columns */
    double *w;     /* [m] weights */
    double *info;  /* [m] entropy or C_j */
    double *wsub;  /* [m] a domain's weights */
    double *lo, *hi; /* [m] pooled ranges */
    double *s;     /* [nr] scores */
    double *dp, *dm; /* [nr] TOPSIS distances */
    double *u;     /* [n_domains] one county's domain scores */
    int *dir;      /* [m] directions */
    int *dsub;     /* [m] a domain's directions */
    size_t *keep;  /* [nr] data regions of the matrix rows */
    size_t *order; /* [nr] for ranking */
};

void rank_scratch_free(struct scratch *w);
/* Sizes every array for nr regions, m columns and nd domains: JH_OK or
 * JH_ENOMEM (then rank_scratch_free frees what was made). */
int rank_scratch_alloc(struct scratch *w, size_t nr, size_t m, size_t nd);

/* Scores of one set of columns (all, or one domain) for the n kept rows:
 * weights renormalised to the set, then weighted sum or TOPSIS. */
int rank_score_columns(const jh_rank_counties_opts *o, struct scratch *w, size_t n,
                       size_t m, const size_t *cols, size_t mc, double *out);

/* The values of year y into filled[c * nr + r], imputed when asked; with
 * rows (the year's county rows), each value imputed counts in its row's
 * n_imputed and in *n_imputed. */
void rank_fill_year(const jh_study *s, const jh_rank_counties_opts *o, const size_t *cols,
                    size_t m, const size_t *group_of, size_t y, double *filled,
                    jh_rank_county_row *rows, size_t *n_imputed);

/* Whether region r has every one of the m values of filled. */
int rank_complete(const double *filled, size_t nr, size_t m, size_t r);

/* The matrix of year y: x[n * m] for the counties with every selected
 * value (imputed when asked), their data regions in keep; returns n. */
size_t rank_year_matrix(const jh_study *s, const jh_rank_counties_opts *o, const size_t *cols,
                        size_t m, const size_t *group_of, size_t y, double *filled,
                        double *x, size_t *keep);

/* The objective method of o: entropy or CRITIC, or EQUAL when none. */
jh_weight_method rank_objective_of(const jh_rank_counties_opts *o);

/* Objective weights of the normalised n x m matrix z into w and info. */
int rank_objective_weights(const jh_rank_counties_opts *o, const double *z, size_t n,
                           size_t m, double *w, double *info);

/* Objective weights held for every year (o->weights_base) into wo and
 * info (m each); an error in diag and JH_ENOTFOUND or JH_EEMPTY when
 * there is no such year or too few counties. */
int rank_base_weights(const jh_study *s, const jh_rank_counties_opts *o, const size_t *cols,
                      size_t m, const size_t *group_of, double *filled,
                      const struct scratch *w, jh_diag *diag, double *wo, double *info);

#endif
