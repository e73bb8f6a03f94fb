/* junheng — numbers as people read them, for the report, the Excel tables
 * and chart labels.  The CSV tables keep %.17g; this is for text a person
 * reads.  One rule for every place that prints a number for people:
 *
 *   JH_NUM_INDEX  a disparity index or a coefficient: 4 significant digits
 *                 in fixed notation (0.2871, 0.03142, 0.0000695 -> 0.00006950),
 *                 never scientific notation.
 *   JH_NUM_VALUE  an indicator value in its unit: money (units with 元 or
 *                 yuan) to whole yuan; rates (%, ‰) to one decimal;
 *                 otherwise by magnitude: >= 1000 whole, >= 100 one
 *                 decimal, >= 1 two decimals, below 1 three significant
 *                 digits.
 *   JH_NUM_RATIO  a ratio between two values (urban / rural): 2 decimals.
 *   JH_NUM_PERCENT a share already in percent (a contribution, a change
 *                 in percent): one decimal.
 *   JH_NUM_COUNT  a count of persons or counties, possibly estimated
 *                 (a shortfall in persons): whole.
 *
 * Thousands are grouped with "," in English ("32,194"); Chinese statistical
 * tables write digits ungrouped ("32194").  Negative zero prints as zero. */
#ifndef JUNHENG_NUMFMT_H
#define JUNHENG_NUMFMT_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum jh_num_kind {
    JH_NUM_INDEX,
    JH_NUM_VALUE,
    JH_NUM_RATIO,
    JH_NUM_PERCENT,
    JH_NUM_COUNT
} jh_num_kind;

/* Flags of jh_format_human, or'ed. */
enum {
    JH_NUM_SIGNED = 1, /* a change: "+" before a positive number */
    /* A label that stands alone (a chart's "T = ..."): a JH_NUM_INDEX whose
     * 4 significant digits fall below 0.001 in magnitude is written as
     * those digits times a power of ten, 6.949×10⁻⁵, not as a row of
     * zeros (0.00006949); larger ones and other kinds as without it. */
    JH_NUM_POWER = 2,
    /* Trailing zeros of the decimals dropped (one of a few levels of a
     * status indicator: 0, 37.5 and 100, not 0.0, 37.5 and 100.0; with
     * JH_NUM_POWER, 7.5×10⁻⁴). */
    JH_NUM_TRIM = 4
};

/* Writes x for people into buf (size bytes, always terminated), rounded by
 * kind (and, for JH_NUM_VALUE, by unit: the catalog's unit text, may be
 * NULL) in language lang ("zh" or "en"; NULL means "zh").  NaN and
 * infinities give the empty string: the caller says why a number is
 * missing.  Returns the length the text needs (as snprintf), so a return
 * >= size means it was cut. */
size_t jh_format_human(char *buf, size_t size, double x, jh_num_kind kind, const char *unit,
                       const char *lang, int flags);

/* Decimals jh_format_human gives x of kind and unit (for a table column or
 * an axis whose numbers should share one format: call it with the largest
 * magnitude).  -1 for NaN and infinities. */
int jh_format_decimals(double x, jh_num_kind kind, const char *unit);

#ifdef __cplusplus
}
#endif

#endif
