/* junheng — the one parser for the text of a data cell.
 *
 * Every CSV reader (long, wide, catalogs) turns cell text into a number
 * through jh_value_parse, so that "1,234.5", "９５．２％", "—" and "≥95" mean
 * the same thing in every file, and so that anything not understood is an
 * error with a reason rather than a silent zero or a misread decimal comma.
 *
 * The parser is pure: no globals, no allocation, no locale dependence (it
 * never hands strtod a decimal point, so a decimal-comma LC_NUMERIC cannot
 * change a result), and safe to call from several threads at once. */
#ifndef JUNHENG_VALUE_H
#define JUNHENG_VALUE_H

#include <stddef.h>

#include "junheng/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Numbers with more significant digits than this are rejected ("too many
 * digits") rather than rounded twice: a double carries 17, so the limit
 * only stops pathological text, never a real statistic.  Leading zeros and
 * zeros at the end of the digits do not count. */
#define JH_VALUE_MAX_DIGITS 100

typedef enum jh_value_kind {
    JH_VALUE_NUMBER,   /* an ordinary number */
    JH_VALUE_MISSING,  /* empty or a marker of missing data ("—", "NA", …) */
    JH_VALUE_CENSORED  /* only a bound is known (">98", "≤0.5") */
} jh_value_kind;

typedef enum jh_bound {
    JH_BOUND_NONE,  /* not censored */
    JH_BOUND_GT,    /* ">x": the true value is above x */
    JH_BOUND_GE,    /* "≥x" or ">=x" */
    JH_BOUND_LT,    /* "<x" */
    JH_BOUND_LE     /* "≤x" or "<=x" */
} jh_bound;

typedef struct jh_value {
    double x;          /* the number (for CENSORED: the bound itself); NaN
                          for MISSING; never -0, never infinite */
    jh_value_kind kind; /* what the cell held */
    jh_bound bound;    /* which bound for CENSORED, JH_BOUND_NONE otherwise */
    int percent;       /* 1 when the cell ended in % or ％; the number is NOT
                          divided by 100 ("95.2%" -> 95.2), since indicator
                          units are already percent; 0 otherwise */
} jh_value;

/* Parses one cell of UTF-8 text s[0..len-1].
 *
 * The text need not be NUL-terminated: the parser never reads s[len] or
 * beyond, so a field straight from libcsv's buffer (which has no NUL) can
 * be passed as it is.  A NUL byte inside the text is just an unknown
 * character, hence an error.  s may be NULL only when len is 0.
 *
 * Accepted, after dropping leading and trailing ASCII space, tab, CR, LF,
 * U+3000 ideographic space and U+00A0 no-break space:
 *   - numbers: "12", "-3.5", "1e3", "+.5", "1.", thousands separators in
 *     the integer part only ("1,234.5", "12,345,678"; groups of exactly
 *     three after a first group of one to three digits not starting with
 *     0), full-width digits, signs, point, comma, e and percent
 *     ("９５．２", "－３", "１，２３４"), U+2212 minus, and a final % or ％,
 *     optionally after spaces ("95.2 %"), which sets percent;
 *   - missing: empty, "-", "--", "－", "－－", "—", "——", "–", "––", "…",
 *     "……", "...", ".", "NA", "N/A", "n.a.", "#N/A", "null", "无" (Latin
 *     letters in any case, ASCII or full-width);
 *   - bounds: ">", "≥", "<", "≤", ">=", "<=", full-width "＞", "＜",
 *     "＞＝", "＜＝", and "≧", "≦", "⩾", "⩽", optionally followed by
 *     spaces, then a number as above (">98%", "< -5").
 * A -0 is returned as +0.
 *
 * Returns JH_OK and fills *out.  Returns JH_EPARSE, leaves *out unchanged
 * and, when why is not NULL, sets *why to a static lowercase reason (do not
 * free): "not a number", "not a finite number" (nan, inf, ∞), "number out
 * of range" (overflow, or a nonzero value below DBL_MIN), "trailing text
 * after the number", "misplaced thousands separator" (a comma that cannot
 * be a thousands separator, e.g. the decimal comma of "1,23"), "exponent
 * without digits", "hexadecimal numbers are not accepted", "too many
 * digits", "empty bound" (a bound followed by nothing or by a marker of
 * missing).  Returns JH_EINVAL ("null argument") when out is NULL or s is
 * NULL with len > 0.  On success *why is not touched. */
int jh_value_parse(const char *s, size_t len, jh_value *out, const char **why);

/* A calendar year from 1 to 9999 in s[0..len-1] (s[len] == '\0'): a whole
 * number as jh_value_parse reads it, so full-width digits pass, with no
 * sign, point, exponent, bound or percent.  Returns 0 and sets *year, or
 * -1.  Every reader and option that takes a year uses it. */
int jh_value_parse_year(const char *s, size_t len, int *year);

#ifdef __cplusplus
}
#endif
#endif
