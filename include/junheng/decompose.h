/* junheng — the numeric core of the decompositions: how much of a
 * disparity lies between groups (prefectures, county types, town and
 * country) and how much within them.
 *
 * Inputs follow indices.h: values x[0..n-1], optional weights w[0..n-1]
 * (population; w == NULL weighs every region 1), and group ids
 * g[0..n-1] in 0..G-1.  The shared input rules of indices.h are checked
 * first, in the same order and with the same codes (JH_EEMPTY,
 * JH_ENONFINITE, JH_EWEIGHT, JH_ENEGATIVE, then JH_EZEROMEAN for an overall
 * mean of zero, JH_EZERO where a log of a zero value would be taken); then
 * a NULL pointer, G == 0, G larger than the result was allocated for, or a
 * group id >= G gives JH_EINVAL.  On error the public members of the result
 * are left as they were.
 *
 * Results live in structs the caller allocates once with the _alloc
 * function for the largest number of groups and reuses (one per thread);
 * the functions themselves do no I/O, keep no state and allocate nothing.
 *
 * A group with no observations is allowed (its id simply does not occur):
 * it is reported with n == 0 and status JH_EEMPTY, shares and
 * contributions 0 and its own index and mean NaN.  A group whose values are
 * all zero has status JH_EZEROMEAN: its own index is not defined (NaN) and
 * its contribution is 0, the limit of every formula below.  A share of a
 * total that is 0 (all values equal) is NaN: there is nothing to share.
 *
 * Formulas, conventions and references: docs/indices.md and the comments
 * above each function here and in src/core/decompose_ge.c, dagum.c and
 * nested_theil.c. */
#ifndef JUNHENG_DECOMPOSE_H
#define JUNHENG_DECOMPOSE_H

#include <stddef.h>
#include "junheng/indices.h"
#include "junheng/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- generalised entropy by groups (Shorrocks 1980, 1984) ------------ */

/* One group of a GE decomposition.  W = total weight, mu = overall mean. */
typedef struct jh_ge_group {
    size_t n;            /* observations in the group */
    double weight;       /* W_g, total weight (n_g when unweighted) */
    double pop_share;    /* pi_g = W_g / W */
    double value_share;  /* s_g = W_g mu_g / (W mu) */
    double mean;         /* mu_g, weighted mean of the group */
    double index;        /* GE_g(alpha), the group's own index */
    double contribution; /* pi_g^(1-alpha) s_g^alpha GE_g, its part of within */
    int status;          /* JH_OK, JH_EEMPTY or JH_EZEROMEAN (see above) */
} jh_ge_group;

/* A GE decomposition: total = within + between, both computed directly. */
typedef struct jh_ge_result {
    size_t capacity;      /* most groups this result holds (from _alloc) */
    size_t n_groups;      /* G of the last successful call */
    double alpha;         /* alpha of the last successful call */
    double total;         /* GE(alpha) of all values, as jh_ge() */
    double within;        /* sum_g pi_g^(1-alpha) s_g^alpha GE_g */
    double between;       /* GE(alpha) of the group means weighted by pi_g */
    double within_share;  /* within / total (NaN when total == 0) */
    double between_share; /* between / total (NaN when total == 0) */
    jh_ge_group *group;   /* group[0..n_groups-1], owned by the result */
    long double *acc_;    /* private accumulators (6 per group); do not use */
} jh_ge_result;

/* Returns a result for up to G groups (G >= 1), or NULL when out of memory
 * or G == 0.  Caller owns it; free with jh_ge_result_free(). */
jh_ge_result *jh_ge_result_alloc(size_t G);
/* Frees r and everything it owns; r may be NULL. */
void jh_ge_result_free(jh_ge_result *r);

/* Decomposes GE(alpha) (any finite alpha; junheng reports 0, 1 and 2:
 * Theil L, Theil T and half the squared CV) of x by the groups g:
 *   GE(alpha) = sum_g pi_g^(1-alpha) s_g^alpha GE_g(alpha) + GE_B(alpha)
 * with GE_B the index of the group means, each weighing pi_g; Theil T:
 * within = sum s_g T_g; Theil L: within = sum pi_g L_g.  Fills out, which
 * stays owned by the caller. */
int jh_decompose_ge(const double *x, const double *w, const size_t *g,
                    size_t n, size_t G, double alpha, jh_ge_result *out);

/* ---- Dagum (1997) Gini decomposition ----------------------------------- */

/* One group of a Dagum decomposition; p_j = W_j/W, s_j = W_j mu_j/(W mu). */
typedef struct jh_dagum_group {
    size_t n;            /* observations in the group */
    double weight;       /* W_j, total weight (n_j when unweighted) */
    double pop_share;    /* p_j */
    double value_share;  /* s_j */
    double mean;         /* mu_j, weighted mean of the group */
    double gini;         /* G_jj, the group's own Gini (as jh_gini) */
    double contribution; /* G_jj p_j s_j, its part of G_w */
    int status;          /* JH_OK, JH_EEMPTY or JH_EZEROMEAN (see above) */
} jh_dagum_group;

/* One pair of groups.  j is the group with the higher mean (the one with
 * the smaller id on a tie), h the other, as in Dagum's D_jh. */
typedef struct jh_dagum_pair {
    size_t j;              /* the better-off group of the pair */
    size_t h;              /* the other group */
    int equal_means;       /* 1 when the two means are the same double: neither
                              is better off, j < h, and D = 0 (d = p in theory) */
    double gini;           /* G_jh, the between-group Gini of j and h */
    double d;              /* d_jh, gross economic affluence: mean of (x_j - x_h)+ */
    double p;              /* p_jh, transvariation: mean of (x_h - x_j)+ */
    double D;              /* D_jh = (d - p)/(d + p) in [0, 1]; 0 when d = p = 0 */
    double weight;         /* p_j s_h + p_h s_j (symmetric in j and h) */
    double net_between;    /* G_jh (p_j s_h + p_h s_j) D_jh, its part of G_nb */
    double transvariation; /* G_jh (p_j s_h + p_h s_j) (1 - D_jh), its part of G_t */
    int status;            /* JH_OK; JH_EEMPTY or JH_EZEROMEAN when a group is
                              empty or both are all zero (then gini, d, p, D
                              are NaN and the contributions 0) */
} jh_dagum_pair;

/* A Dagum decomposition G = G_w + G_nb + G_t. */
typedef struct jh_dagum_result {
    size_t capacity;             /* most groups this result holds (from _alloc) */
    size_t n_groups;             /* G of the last successful call */
    size_t n_pairs;              /* G (G - 1) / 2 pairs filled in pair[] */
    double gini;                 /* overall Gini G, as jh_gini() */
    double within;               /* G_w = sum_j G_jj p_j s_j */
    double net_between;          /* G_nb = sum_{pairs} G_jh (p_j s_h + p_h s_j) D_jh */
    double transvariation;       /* G_t = sum_{pairs} G_jh (p_j s_h + p_h s_j) (1 - D_jh) */
    double between;              /* G_nb + G_t, Dagum's gross between-group part */
    double within_share;         /* G_w / G (NaN when G == 0) */
    double net_between_share;    /* G_nb / G (NaN when G == 0) */
    double transvariation_share; /* G_t / G (NaN when G == 0) */
    jh_dagum_group *group;       /* group[0..n_groups-1], owned by the result */
    jh_dagum_pair *pair;         /* pairs (0,1), (0,2) .. (0,G-1), (1,2) ..; owned */
    long double *acc_;           /* private accumulators (2 per group); do not use */
    size_t *cursor_;             /* private scratch (1 per group); do not use */
} jh_dagum_result;

/* Returns a result for up to G groups (G >= 1), or NULL when out of memory
 * or G == 0.  Caller owns it; free with jh_dagum_result_free(). */
jh_dagum_result *jh_dagum_result_alloc(size_t G);
/* Frees r and everything it owns; r may be NULL. */
void jh_dagum_result_free(jh_dagum_result *r);

/* Dagum (1997, Empirical Economics 22: 515-531) decomposition of the Gini
 * coefficient of x by the groups g, unweighted (w == NULL, every region one
 * observation, as published studies do) or population-weighted:
 *   G_jj = sum_i sum_r w_i w_r |x_ji - x_jr| / (2 W_j^2 mu_j)
 *   G_jh = sum_i sum_r w_i w_r |x_ji - x_hr| / (W_j W_h (mu_j + mu_h))
 *   d_jh, p_jh: the w_i w_r-weighted means over the pairs (i in j, r in h)
 *   of (x_ji - x_hr)+ and (x_hr - x_ji)+; D_jh = (d_jh - p_jh)/(d_jh + p_jh)
 * with p_j = W_j/W, s_j = W_j mu_j/(W mu); unit weights give Dagum's
 * formulas with n_j, and integer weights equal replicated rows.  Each pair
 * costs O(n_j + n_h) after one O(n log n) sort; never O(n^2).
 * ws must hold n values (jh_workspace_alloc(n) or larger); it is scratch
 * and stays owned by the caller, as does out. */
int jh_dagum(const double *x, const double *w, const size_t *g, size_t n,
             size_t G, jh_workspace *ws, jh_dagum_result *out);

/* The pair of groups a and b (a != b, either order, both < r->n_groups),
 * or NULL.  Returns a pointer into r: do not free. */
const jh_dagum_pair *jh_dagum_pair_get(const jh_dagum_result *r, size_t a,
                                       size_t b);

/* ---- two-stage nested Theil T (Akita 2003) ----------------------------- */

/* A prefecture (first-level unit) of a nested Theil decomposition;
 * pi = W_r/W, s_r = W_r mu_r/(W mu). */
typedef struct jh_nested_prefecture {
    size_t n;              /* observations (county x stratum cells) */
    size_t n_counties;     /* counties with at least one observation */
    double weight;         /* W_r, total weight */
    double pop_share;      /* pi_r = W_r / W */
    double value_share;    /* s_r = W_r mu_r / (W mu) */
    double mean;           /* mu_r */
    double between_counties; /* T_WR,r: Theil T between its counties */
    double contribution;   /* s_r T_WR,r, its part of stage 2 */
    int status;            /* JH_OK, JH_EEMPTY or JH_EZEROMEAN (see above) */
} jh_nested_prefecture;

/* A county (second-level unit) of a nested Theil decomposition. */
typedef struct jh_nested_county {
    size_t n;              /* observations (its strata cells) */
    size_t prefecture;     /* the prefecture it lies in (SIZE_MAX when empty) */
    double weight;         /* W_rc, total weight */
    double pop_share;      /* pi_rc = W_rc / W */
    double value_share;    /* s_rc = W_rc mu_rc / (W mu) */
    double mean;           /* mu_rc */
    double within;         /* T_W,rc: Theil T between its cells (e.g. urban, rural) */
    double contribution;   /* s_rc T_W,rc, its part of stage 3 */
    int status;            /* JH_OK, JH_EEMPTY or JH_EZEROMEAN (see above) */
} jh_nested_county;

/* T = T_BR + sum_r s_r T_WR,r + sum_r sum_c s_rc T_W,rc. */
typedef struct jh_nested_theil_result {
    size_t prefecture_capacity;  /* most prefectures held (from _alloc) */
    size_t county_capacity;      /* most counties held (from _alloc) */
    size_t n_prefectures;        /* R of the last successful call */
    size_t n_counties;           /* C of the last successful call */
    double total;                /* Theil T of all cells, as jh_theil_t() */
    double between_prefectures;  /* stage 1: T_BR */
    double between_counties;     /* stage 2: sum_r s_r T_WR,r */
    double within_counties;      /* stage 3: sum_r sum_c s_rc T_W,rc */
    double between_prefectures_share; /* stage 1 / total (NaN when total == 0) */
    double between_counties_share;    /* stage 2 / total (NaN when total == 0) */
    double within_counties_share;     /* stage 3 / total (NaN when total == 0) */
    jh_nested_prefecture *prefecture; /* prefecture[0..n_prefectures-1]; owned */
    jh_nested_county *county;         /* county[0..n_counties-1]; owned */
    long double *acc_;           /* private accumulators; do not use */
    size_t *parent_;             /* private scratch (1 per county); do not use */
} jh_nested_theil_result;

/* Returns a result for up to R prefectures and C counties (both >= 1), or
 * NULL when out of memory or R or C is 0.  Caller owns it; free with
 * jh_nested_theil_result_free(). */
jh_nested_theil_result *jh_nested_theil_result_alloc(size_t R, size_t C);
/* Frees r and everything it owns; r may be NULL. */
void jh_nested_theil_result_free(jh_nested_theil_result *r);

/* Akita (2003, Ann. Reg. Sci. 37: 55-77) two-stage nested decomposition of
 * the (population-weighted) Theil T.  Each observation is a county x
 * stratum cell (e.g. the urban and the rural part of a county) with its
 * prefecture id pref[i] < R and county id county[i] < C; county ids are
 * global (not numbered within the prefecture), and a county seen under
 * two prefectures is JH_EINVAL.  When every county has one cell, stage 3
 * is 0 and the result is the one-stage decomposition by prefecture.
 * Shares s are value shares, as in Akita.  Fills out, which stays owned by
 * the caller. */
int jh_nested_theil(const double *x, const double *w, const size_t *pref,
                    const size_t *county, size_t n, size_t R, size_t C,
                    jh_nested_theil_result *out);

#ifdef __cplusplus
}
#endif
#endif
