/* Numbers for people (see include/junheng/numfmt.h for the rule). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "junheng/numfmt.h"

enum { INDEX_DIGITS = 4, SMALL_VALUE_DIGITS = 3, MAX_DECIMALS = 12 };

/* JH_NUM_POWER: from here down an index has three zeros after the point. */
static const double POWER_BELOW = 0.001;

static int is_money(const char *unit)
{
    return unit && (strstr(unit, "元") || strstr(unit, "yuan") || strstr(unit, "Yuan") ||
                    strstr(unit, "CNY") || strstr(unit, "RMB"));
}

static int is_rate(const char *unit)
{
    return unit && (strcmp(unit, "%") == 0 || strcmp(unit, "‰") == 0 ||
                    strcmp(unit, "per cent") == 0 || strcmp(unit, "percent") == 0);
}

/* Decimals that give x `digits` significant digits in fixed notation.  The
 * magnitude is that of x rounded to those digits, so that 0.099996 is
 * placed as 0.1000, not 0.09999(6). */
static int significant_decimals(double x, int digits)
{
    double a = fabs(x);
    if (a == 0.0)
        return digits - 1;
    char probe[64];
    snprintf(probe, sizeof probe, "%.*e", digits - 1, a);
    int mag = (int)floor(log10(strtod(probe, NULL)));
    int d = digits - 1 - mag;
    if (d < 0)
        d = 0;
    return d > MAX_DECIMALS ? MAX_DECIMALS : d;
}

static int decimals_by_magnitude(double x)
{
    double a = fabs(x);
    if (a >= 1000)
        return 0;
    if (a >= 100)
        return 1;
    if (a >= 1)
        return 2;
    return significant_decimals(x, SMALL_VALUE_DIGITS);
}

int jh_format_decimals(double x, jh_num_kind kind, const char *unit)
{
    if (!isfinite(x))
        return -1;
    switch (kind) {
    case JH_NUM_INDEX:
        return significant_decimals(x, INDEX_DIGITS);
    case JH_NUM_RATIO:
        return 2;
    case JH_NUM_PERCENT:
        return 1;
    case JH_NUM_COUNT:
        return 0;
    case JH_NUM_VALUE:
        break;
    }
    if (is_money(unit))
        return 0;
    if (is_rate(unit))
        return 1;
    /* Placed by the rounded magnitude: 999.96 is 1000, so whole, not
     * 1000.0. */
    int d = decimals_by_magnitude(x);
    double r = round(fabs(x) * pow(10, d)) / pow(10, d);
    int dr = decimals_by_magnitude(r);
    return dr < d ? dr : d;
}

/* Copies the digits of s (no sign) into out with "," every three digits of
 * the integer part. */
static void group_thousands(const char *s, char *out, size_t size)
{
    size_t int_len = strcspn(s, ".");
    size_t o = 0;
    for (size_t i = 0; s[i] && o + 1 < size; i++) {
        if (i > 0 && i < int_len && (int_len - i) % 3 == 0 && o + 2 < size)
            out[o++] = ',';
        out[o++] = s[i];
    }
    out[o] = '\0';
}

/* Drops the trailing zeros of the decimals of s, and the point with them. */
static void trim_zeros(char *s)
{
    char *dot = strchr(s, '.');
    if (!dot)
        return;
    char *end = s + strlen(s);
    while (end > dot + 1 && end[-1] == '0')
        *--end = '\0';
    if (end == dot + 1)
        *dot = '\0';
}

/* |x| as "6.949×10⁻⁵" (trim: 7.5×10⁻⁴, not 7.500×10⁻⁴) into out when its INDEX_DIGITS significant digits
 * are below POWER_BELOW; returns 0 (out untouched) otherwise.  The
 * exponent in superscript digits: the labels are drawn noenhanced. */
static int power_form(double x, int trim, char *out, size_t size)
{
    static const char *const sup[10] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
    char probe[64];
    snprintf(probe, sizeof probe, "%.*e", INDEX_DIGITS - 1, fabs(x));
    double r = strtod(probe, NULL);
    char *e = strchr(probe, 'e');
    if (r == 0.0 || r >= POWER_BELOW || !e)
        return 0;
    *e = '\0';
    if (trim)
        trim_zeros(probe);
    int exp = atoi(e + 1);
    char pow[64] = "";
    if (exp < 0)
        strcat(pow, "⁻");
    char dig[16];
    snprintf(dig, sizeof dig, "%d", abs(exp));
    for (const char *c = dig; *c; c++)
        strcat(pow, sup[*c - '0']);
    snprintf(out, size, "%s×10%s", probe, pow);
    return 1;
}

size_t jh_format_human(char *buf, size_t size, double x, jh_num_kind kind, const char *unit,
                       const char *lang, int flags)
{
    int d = jh_format_decimals(x, kind, unit);
    if (d < 0) {
        if (size)
            buf[0] = '\0';
        return 0;
    }
    char digits[512], grouped[700];
    if (!((flags & JH_NUM_POWER) && kind == JH_NUM_INDEX &&
          power_form(x, flags & JH_NUM_TRIM, digits, sizeof digits)))
        snprintf(digits, sizeof digits, "%.*f", d, fabs(x));
    if (flags & JH_NUM_TRIM)
        trim_zeros(digits);
    /* The sign of what is printed, not of x: -0.00001 at 4 decimals is 0. */
    int zero = strspn(digits, "0.") == strlen(digits);
    const char *sign = zero ? "" : x < 0 ? "-" : (flags & JH_NUM_SIGNED) ? "+" : "";
    if (lang && strcmp(lang, "en") == 0)
        group_thousands(digits, grouped, sizeof grouped);
    else
        snprintf(grouped, sizeof grouped, "%s", digits);
    int n = snprintf(buf, size, "%s%s", sign, grouped);
    return n < 0 ? 0 : (size_t)n;
}
