/* The run of `junheng converge` shared by its parts (converge.c,
 * converge_sigma.c, converge_beta.c, converge_dynamics.c); not installed,
 * not public API. */
#ifndef JUNHENG_CONVERGE_INTERNAL_H
#define JUNHENG_CONVERGE_INTERNAL_H

#include "junheng/slice.h"
#include "junheng/converge.h"
#include "junheng/grow.h"

#define NO_CLASS ((size_t)-1)

/* A sigma index: one of indices.h, or the standard deviation of logs. */
typedef struct sigma_index {
    const char *name;  /* output name; static or from opts */
    int sd_log;        /* 1: sd of ln x */
    jh_index_id id;    /* otherwise: which index */
    int weighted;      /* the _w twin */
} sigma_index;


/* Appends row to arr (n rows of cap), growing it by the one rule
 * (jh_grow); returns JH_ENOMEM from the function when out of memory. */
#define PUSH(arr, n, cap, row)                                              \
    do {                                                                    \
        if (jh_grow((void **)&(arr), &(cap), (n) + 1, sizeof *(arr)))      \
            return JH_ENOMEM;                                               \
        (arr)[(n)++] = (row);                                               \
    } while (0)


/* Everything one run needs besides the result. */
typedef struct run {
    const jh_study *s;
    const jh_dataset *d;
    const jh_converge_opts *o;
    jh_diag *diag;
    jh_converge_table *c;
    size_t stratum;            /* the stratum analysed */
    size_t y0, y1;             /* first and last year positions */
    sigma_index *ix;           /* n_index */
    size_t cap_sigma, cap_trend, cap_beta, cap_density, cap_markov;
    jh_workspace *ws;          /* for n regions */
    double *x, *w, *x2, *scratch; /* n regions each (scratch 2n) */
    size_t *idx;               /* n regions */
} run;

/* One indicator's part of each table; JH_OK, or JH_ENOMEM. */
int converge_sigma(run *r, size_t ind);
int converge_beta(run *r, size_t ind, const size_t *group_of, size_t n_groups);
int converge_density(run *r, size_t ind);
int converge_markov(run *r, size_t ind, const size_t *nb_start, const size_t *nb);

/* The neighbours of o's pairs as lists: region i's are nb[start[i] ..
 * start[i + 1]); JH_OK or JH_ENOMEM. */
int converge_neighbors(const jh_converge_opts *o, size_t nr, size_t **start_out,
                       size_t **nb_out);

#endif
