/* The composite weights of `rank --what counties` and of the run, as one
 * option string: entropy | critic | equal | fixed:FILE |
 * ahp:FILE[:FILE...] | combined:SUBJ,OBJ[,ALPHA]; and the base of the
 * objective weights: YEAR | pooled.  Shared by cmd_rank.c and
 * run_steps.c so that both read the same spelling. */
#ifndef JUNHENG_WEIGHTS_OPT_H
#define JUNHENG_WEIGHTS_OPT_H

#include "junheng/diag.h"
#include "junheng/rank.h"
#include "junheng/weightfile.h"

/* The files read for the subjective weights; owned. */
typedef struct cli_weights {
    jh_weight_list *fixed;
    jh_pairwise **ahp;
    size_t n_ahp;
} cli_weights;

/* Sets o->weights (and o->subj, o->objective, o->combine, o->alpha) from
 * spec, reading the files it names into w; a relative file name is taken
 * relative to dir when dir is not NULL (run.ini's folder).  `where` starts
 * usage messages ("rank" or the configuration key).  Messages go to diag
 * (the caller prints or logs them).  Returns 0, EX_USAGE for a bad
 * spelling (a command then adds its "Try 'junheng CMD --help'."), or the
 * exit code of a file that cannot be read. */
int cli_weights_parse(const char *spec, const char *where, const char *dir, jh_diag *diag,
                      jh_rank_counties_opts *o, cli_weights *w);
/* The same for a command's --weights: its messages printed, and after a
 * bad spelling the pointer to `junheng CMD --help`. */
int cli_weights_option(const char *cmd, const char *spec, const char *dir,
                       jh_rank_counties_opts *o, cli_weights *w);
void cli_weights_free(cli_weights *w);

/* "pooled" or a year into *base (JH_WEIGHTS_BASE_POOLED or the year): 0,
 * or -1 for anything else. */
int cli_weights_base_parse(const char *s, int *base);

#endif
