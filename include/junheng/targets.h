/* junheng — plan targets: does a value meet its target, how far is it, how
 * far has it come from the baseline, and is it on track?
 *
 * Pure functions on numbers; the catalog's text (">99", "—") has already
 * been parsed into a jh_target by the caller.  No I/O, no globals, no
 * allocation.  Formulas: docs/indices.md, "Plan targets". */
#ifndef JUNHENG_TARGETS_H
#define JUNHENG_TARGETS_H

#include <stddef.h>
#include "junheng/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* How a target is read. */
typedef enum jh_target_kind {
    JH_TARGET_NONE = 0,    /* "none", an empty cell or no column */
    JH_TARGET_AT_LEAST,    /* "at_least", 不低于: the value should reach it */
    JH_TARGET_AT_MOST,     /* "at_most", 不高于, 不超过: stay at or below it */
    JH_TARGET_CUMULATIVE   /* "cumulative", 累计: a sum over the plan period */
} jh_target_kind;

/* One target of a plan.  Caller-owned, plain data. */
typedef struct jh_target {
    jh_target_kind kind; /* at_least, at_most or cumulative (JH_TARGET_NONE:
                            every function returns JH_EINVAL) */
    double target;       /* the target number; for cumulative, the total
                            over the years after baseline_year up to
                            target_year */
    int strict;          /* 1 when the target is a strict bound (">99" for
                            at_least, "<5" for at_most): the value must pass
                            it, not merely reach it */
    double baseline;     /* value in baseline_year; NaN when the plan gives
                            none (progress is then undefined); ignored for
                            cumulative targets, whose baseline is 0 */
    int baseline_year;   /* start of the plan period, e.g. 2015 */
    int target_year;     /* end, e.g. 2020; > baseline_year */
} jh_target;


/* Whether value v meets the target: at_least v >= target (v > target when
 * strict), at_most v <= target (v < target when strict), cumulative: v is
 * the running total and must reach the total as for at_least.  v not
 * finite: JH_ENONFINITE. */
int jh_target_meets(const jh_target *t, double v, int *meets);

/* Shortfall: how far v is from meeting the target, in the indicator's
 * unit, 0 when it meets it: at_least and cumulative max(0, target - v),
 * at_most max(0, v - target).  (A strict bound met with equality has a
 * shortfall of 0 although it does not meet it.) */
int jh_target_shortfall(const jh_target *t, double v, double *gap);

/* Progress from the baseline toward the target,
 *   P = (v - b) / (target - b),
 * with b = 0 for cumulative targets (P = running total / total).  1 = the
 * target reached, 0 = still at the baseline, < 0 = moved away.  No
 * baseline (NaN): JH_EINVAL; target == baseline (a "hold at" target):
 * JH_EZERO. */
int jh_target_progress(const jh_target *t, double v, double *progress);

/* The progress expected by linear interpolation over the plan period,
 *   E(year) = (year - baseline_year) / (target_year - baseline_year),
 * clamped to [0, 1] outside the period. */
int jh_target_expected(const jh_target *t, int year, double *expected);

/* On track in year: the value already meets the target, or its progress
 * is at least the linear expectation E(year).  When progress is undefined
 * (no baseline, or a "hold at" target), on track means meeting the target.
 * Sets *on_track to 0 or 1. */
int jh_target_on_track(const jh_target *t, int year, double v, int *on_track);

/* The mean shortfall of the worst-off share of n values (e.g. share 0.1:
 * the ceil(0.1 n) values with the largest shortfall; ties do not matter as
 * only shortfalls are averaged).  scratch holds n doubles (caller-owned;
 * it is overwritten).  Sorting: O(n log n).  share in (0, 1], n >= 1, x
 * finite. */
int jh_target_tail_shortfall(const jh_target *t, const double *x, size_t n,
                             double share, double *scratch, double *mean_gap);

#ifdef __cplusplus
}
#endif
#endif
