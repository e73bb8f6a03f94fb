/* The cell-value parser: text of one cell -> number, missing or bound.
 *
 * How it stays fast and locale-proof:
 *   - The text is read one "unit" at a time: an ASCII byte as itself, and
 *     the few multi-byte characters we understand folded to an ASCII
 *     equivalent (full-width ０-９ ＋ － ． ， ％ ｅ -> 0-9 + - . , % e,
 *     U+2212 -> '-', U+3000 and U+00A0 -> ' ') or to a private code below.
 *     Plain ASCII cells never leave the one-byte branch.
 *   - The number is scanned once, collecting its significant digits and a
 *     decimal exponent: value = digits × 10^e10.  When the digits fit in
 *     2^53 and |e10| <= 22, both factors are exact doubles and one IEEE
 *     multiplication or division gives the correctly rounded result
 *     (Clinger's fast path); this covers nearly every statistic.
 *   - Otherwise strtod gets a normalised copy "DDDDeN" in a stack buffer:
 *     digits and an exponent only, no decimal point, so LC_NUMERIC cannot
 *     change its meaning; glibc's strtod rounds it correctly.
 */
#include "junheng/value.h"

#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Private unit codes for characters with no ASCII equivalent (>= 0x80, so
 * they never collide with folded ASCII). */
enum {
    U_EMDASH = 0x80,   /* U+2014 — */
    U_ENDASH = 0x81,   /* U+2013 – */
    U_ELLIPSIS = 0x82, /* U+2026 … */
    U_WU = 0x83,       /* U+65E0 无 */
    U_GE = 0x84,       /* U+2265 ≥, U+2267 ≧, U+2A7E ⩾ */
    U_LE = 0x85,       /* U+2264 ≤, U+2266 ≦, U+2A7D ⩽ */
    U_INFINITY = 0x86, /* U+221E ∞ */
    U_OTHER = 0xFF     /* any byte we do not understand */
};

static const char WHY_NAN[] = "not a number";
static const char WHY_NONFINITE[] = "not a finite number";
static const char WHY_RANGE[] = "number out of range";
static const char WHY_TRAIL[] = "trailing text after the number";
static const char WHY_COMMA[] = "misplaced thousands separator";
static const char WHY_EXP[] = "exponent without digits";
static const char WHY_HEX[] = "hexadecimal numbers are not accepted";
static const char WHY_LONG[] = "too many digits";
static const char WHY_EMPTY_BOUND[] = "empty bound";
static const char WHY_NULL[] = "null argument";

/* Folds the multi-byte character at p (p < end, *p >= 0x80) to a unit and
 * stores its length in bytes.  Unknown bytes are U_OTHER, one byte long, so
 * that any loop over units still advances. */
static unsigned unit_wide(const unsigned char *p, const unsigned char *end,
                          size_t *n)
{
    size_t left = (size_t)(end - p);
    *n = 1;
    if (left >= 2 && p[0] == 0xC2 && p[1] == 0xA0) {
        *n = 2;
        return ' ';
    }
    if (left < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
        return U_OTHER;
    *n = 3;
    switch (p[0]) {
    case 0xEF: /* full-width forms U+FF01..U+FF5E -> ASCII 0x21..0x7E */
        if (p[1] == 0xBC && p[2] >= 0x81)
            return 0x21u + (unsigned)(p[2] - 0x81);
        if (p[1] == 0xBD && p[2] <= 0x9E)
            return 0x60u + (unsigned)(p[2] - 0x80);
        break;
    case 0xE2:
        if (p[1] == 0x80 && p[2] == 0x94)
            return U_EMDASH;
        if (p[1] == 0x80 && p[2] == 0x93)
            return U_ENDASH;
        if (p[1] == 0x80 && p[2] == 0xA6)
            return U_ELLIPSIS;
        if (p[1] == 0x88 && p[2] == 0x92)
            return '-'; /* U+2212 minus sign, as typeset tables print it */
        if (p[1] == 0x88 && p[2] == 0x9E)
            return U_INFINITY;
        if (p[1] == 0x89 && (p[2] == 0xA5 || p[2] == 0xA7))
            return U_GE;
        if (p[1] == 0x89 && (p[2] == 0xA4 || p[2] == 0xA6))
            return U_LE;
        if (p[1] == 0xA9 && p[2] == 0xBE)
            return U_GE;
        if (p[1] == 0xA9 && p[2] == 0xBD)
            return U_LE;
        break;
    case 0xE3:
        if (p[1] == 0x80 && p[2] == 0x80)
            return ' '; /* U+3000 ideographic space */
        break;
    case 0xE6:
        if (p[1] == 0x97 && p[2] == 0xA0)
            return U_WU;
        break;
    default:
        break;
    }
    *n = 1;
    return U_OTHER;
}

/* The unit at p (p < end); inline so that ASCII costs one comparison. */
static inline unsigned unit(const unsigned char *p, const unsigned char *end,
                            size_t *n)
{
    if (*p < 0x80) {
        *n = 1;
        return *p;
    }
    return unit_wide(p, end, n);
}

static inline int is_space(unsigned u)
{
    return u == ' ' || u == '\t' || u == '\r' || u == '\n';
}

static inline int is_digit(unsigned u)
{
    return u - '0' < 10u;
}

static const unsigned char *skip_spaces(const unsigned char *p,
                                        const unsigned char *end)
{
    size_t n;
    while (p < end && is_space(unit(p, end, &n)))
        p += n;
    return p;
}

/* Drops trailing spaces.  Walking backwards only needs the three shapes a
 * space can have; in valid UTF-8 none of them can be the tail of another
 * character, since 0xC2 and 0xE3 are lead bytes. */
static const unsigned char *trim_end(const unsigned char *p,
                                     const unsigned char *end)
{
    for (;;) {
        size_t left = (size_t)(end - p);
        if (left >= 1 && is_space(end[-1]))
            end -= 1;
        else if (left >= 2 && end[-2] == 0xC2 && end[-1] == 0xA0)
            end -= 2;
        else if (left >= 3 && end[-3] == 0xE3 && end[-2] == 0x80 &&
                 end[-1] == 0x80)
            end -= 3;
        else
            return end;
    }
}

/* Folds p..end to at most max units, ASCII letters lowercased, into f.
 * Returns the number of units, or max + 1 when the text is longer or holds
 * a digit (no marker or word we look for does, and "-3" must stay cheap). */
static size_t fold_short(const unsigned char *p, const unsigned char *end,
                         unsigned char *f, size_t max)
{
    size_t k = 0, n;
    while (p < end) {
        unsigned u;
        if (k == max)
            return max + 1;
        u = unit(p, end, &n);
        if (is_digit(u))
            return max + 1;
        if (u >= 'A' && u <= 'Z')
            u += 'a' - 'A';
        f[k++] = (unsigned char)u;
        p += n;
    }
    return k;
}

/* True when p..end (trimmed, non-empty) is a marker of missing data. */
static int is_missing_marker(const unsigned char *p, const unsigned char *end)
{
    /* Folded, lowercased spellings; the list plus "--", doubled
     * dashes of every kind, "……" (the Chinese ellipsis is two U+2026) and
     * "." (Stata's and SAS's missing value). */
    static const char *const markers[] = {
        "-", "--", "\x80", "\x80\x80", "\x81", "\x81\x81", "\x82",
        "\x82\x82", "...", ".", "na", "n/a", "n.a.", "#n/a", "null", "\x83",
    };
    unsigned char f[4];
    size_t k;
    if ((size_t)(end - p) > 4 * 3)
        return 0;
    k = fold_short(p, end, f, sizeof f);
    if (k > sizeof f)
        return 0;
    for (size_t i = 0; i < sizeof markers / sizeof markers[0]; i++)
        if (strlen(markers[i]) == k && memcmp(markers[i], f, k) == 0)
            return 1;
    return 0;
}

/* True when p..end spells NaN or infinity as strtod would accept them
 * (without the hex and "nan(...)" forms), after an optional sign. */
static int is_nonfinite_word(const unsigned char *p, const unsigned char *end)
{
    unsigned char f[9];
    size_t k, n;
    if (p < end) {
        unsigned u = unit(p, end, &n);
        if (u == '+' || u == '-')
            p += n;
    }
    if ((size_t)(end - p) > sizeof f * 3)
        return 0;
    k = fold_short(p, end, f, sizeof f);
    return (k == 1 && f[0] == U_INFINITY) ||
           (k == 3 && (memcmp(f, "nan", 3) == 0 || memcmp(f, "inf", 3) == 0)) ||
           (k == 8 && memcmp(f, "infinity", 8) == 0);
}

/* Reads a bound sign at *pp, and the spaces after it.  Returns
 * JH_BOUND_NONE (and leaves *pp) when there is none. */
static jh_bound scan_bound(const unsigned char **pp, const unsigned char *end)
{
    const unsigned char *p = *pp;
    size_t n;
    unsigned u = unit(p, end, &n);
    jh_bound b;
    p += n;
    if (u == '>' || u == '<') {
        size_t n2;
        int eq = p < end && unit(p, end, &n2) == '=';
        if (eq)
            p += n2;
        b = u == '>' ? (eq ? JH_BOUND_GE : JH_BOUND_GT)
                     : (eq ? JH_BOUND_LE : JH_BOUND_LT);
    } else if (u == U_GE) {
        b = JH_BOUND_GE;
    } else if (u == U_LE) {
        b = JH_BOUND_LE;
    } else {
        return JH_BOUND_NONE;
    }
    *pp = skip_spaces(p, end);
    return b;
}

/* The digits of a number as scanned: value = ±digits × 10^(e10 + zeros). */
typedef struct number {
    uint64_t m;          /* the first 19 digits as an integer */
    size_t ndig;         /* significant digits kept in digits[] */
    size_t zeros;        /* zeros after the last nonzero digit, not kept */
    long long e10;       /* decimal exponent of the last kept or counted digit */
    int neg;             /* a minus sign was read */
    char digits[JH_VALUE_MAX_DIGITS]; /* '1'..'9' first, no trailing zeros */
} number;

/* Adds one digit d of the integer part (frac = 0) or fraction (frac = 1).
 * Leading zeros are dropped and trailing zeros only counted, so that
 * "0.000001" and "1000000" need one kept digit.  Returns 0, or -1 when the
 * number has too many significant digits. */
static int add_digit(number *nm, unsigned d, int frac)
{
    if (frac)
        nm->e10--;
    if (d == 0) {
        if (nm->ndig > 0)
            nm->zeros++;
        return 0;
    }
    if (nm->zeros + 1 > JH_VALUE_MAX_DIGITS - nm->ndig)
        return -1;
    for (; nm->zeros > 0; nm->zeros--) {
        if (nm->ndig < 19)
            nm->m *= 10;
        nm->digits[nm->ndig++] = '0';
    }
    if (nm->ndig < 19)
        nm->m = nm->m * 10 + d;
    nm->digits[nm->ndig++] = (char)('0' + d);
    return 0;
}

/* Scans the exponent digits after the 'e' (q points past it) and adds
 * them to nm->e10.  "1e", "1e+" and "1e%" are broken exponents; in
 * "12eggs" the 'e' starts trailing text, so *pp is left before it. */
static const char *scan_exponent(const unsigned char **pp, const unsigned char *q,
                                 const unsigned char *end, number *nm)
{
    long long ex = 0;
    int eneg = 0;
    size_t n;
    unsigned u = 0;

    if (q < end) {
        u = unit(q, end, &n);
        if (u == '+' || u == '-') {
            eneg = u == '-';
            q += n;
        }
    }
    if (q == end || !is_digit(u = unit(q, end, &n)))
        return q == end || !((u | 0x20) >= 'a' && (u | 0x20) <= 'z') ? WHY_EXP
                                                                    : NULL;
    while (q < end && is_digit(u = unit(q, end, &n))) {
        if (ex < 100000000) /* saturate: far beyond any double */
            ex = ex * 10 + (long long)(u - '0');
        q += n;
    }
    nm->e10 += eneg ? -ex : ex;
    *pp = q;
    return NULL;
}

/* Scans [sign] int-part-with-optional-groups [. fraction] [e [sign] digits]
 * at *pp and leaves *pp after it.  Returns NULL or the reason it is not a
 * number.  Nothing after the number is looked at except to tell a decimal
 * comma and a hexadecimal prefix from other trailing text. */
static const char *scan_number(const unsigned char **pp,
                               const unsigned char *end, number *nm)
{
    const unsigned char *p = *pp;
    size_t n = 1, nint = 0, nfrac = 0, group = 0, ngroups = 0;
    unsigned u = 0;
    int lead_zero = 0;

    nm->m = 0;
    nm->ndig = nm->zeros = 0;
    nm->e10 = 0;
    nm->neg = 0;
    if (p < end) {
        u = unit(p, end, &n);
        if (u == '+' || u == '-') {
            nm->neg = u == '-';
            p += n;
        }
    }

    /* Integer part.  A comma is a thousands separator only between groups
     * of exactly three digits after a first group of one to three digits
     * that does not start with 0; anything else may be a decimal comma and
     * is an error, never a guess. */
    while (p < end) {
        u = unit(p, end, &n);
        if (is_digit(u)) {
            if (nint++ == 0)
                lead_zero = u == '0';
            group++;
            if (add_digit(nm, u - '0', 0))
                return WHY_LONG;
        } else if (u == ',') {
            if (nint == 0 || (ngroups == 0 ? group > 3 || lead_zero : group != 3))
                return WHY_COMMA;
            ngroups++;
            group = 0;
        } else {
            break;
        }
        p += n;
    }
    if (ngroups > 0 && group != 3)
        return WHY_COMMA;
    if (p < end && nint == 1 && lead_zero && (u == 'x' || u == 'X'))
        return WHY_HEX;

    if (p < end && u == '.') {
        p += n;
        while (p < end && is_digit(u = unit(p, end, &n))) {
            nfrac++;
            if (add_digit(nm, u - '0', 1))
                return WHY_LONG;
            p += n;
        }
    }
    if (nint + nfrac == 0)
        return WHY_NAN;

    *pp = p;
    if (p < end && ((u = unit(p, end, &n)) == 'e' || u == 'E'))
        return scan_exponent(pp, p + n, end, nm);
    return NULL;
}

/* Turns the scanned digits into a double.  Returns NULL or a reason. */
static const char *convert(const number *nm, double *x)
{
    /* Powers of ten exactly representable as doubles (10^22 < 2^53 * 2^22). */
    static const double p10[] = {
        1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };
    char buf[JH_VALUE_MAX_DIGITS + 16];
    long long e;
    size_t k;
    char *stop;
    double v;
    int saved_errno, erange;

    if (nm->ndig == 0) {
        *x = 0.0; /* any zero, "-0" and "0e999" included, is +0 */
        return NULL;
    }
    e = nm->e10 + (long long)nm->zeros;

#if FLT_EVAL_METHOD == 0
    /* Clinger's fast path: exact operands, one correctly rounded operation.
     * Needs double evaluation without excess precision (x87 would round
     * twice), hence the guard. */
    if (nm->ndig <= 19 && nm->m <= (UINT64_C(1) << 53) && e >= -22 && e <= 22) {
        v = (double)nm->m;
        v = e < 0 ? v / p10[-e] : v * p10[e];
        *x = nm->neg ? -v : v;
        return NULL;
    }
#else
    (void)p10;
#endif

    /* The value lies in [10^(e+ndig-1), 10^(e+ndig)); DBL_MAX < 10^309 and
     * DBL_MIN > 10^-308, so anything further out is out of range for sure
     * and need not reach strtod with a huge exponent. */
    if (e + (long long)nm->ndig > 309 || e + (long long)nm->ndig < -307)
        return WHY_RANGE;

    memcpy(buf, nm->digits, nm->ndig);
    k = nm->ndig;
    buf[k++] = 'e';
    if (e < 0) {
        buf[k++] = '-';
        e = -e;
    }
    {
        char rev[8];
        size_t r = 0;
        do {
            rev[r++] = (char)('0' + e % 10);
            e /= 10;
        } while (e > 0);
        while (r > 0)
            buf[k++] = rev[--r];
    }
    buf[k] = '\0';

    saved_errno = errno;
    errno = 0;
    v = strtod(buf, &stop);
    erange = errno == ERANGE;
    errno = saved_errno;
    if (stop != buf + k)
        return WHY_NAN; /* cannot happen with digits and 'e' in any locale */
    if (erange || !isfinite(v) || v < DBL_MIN)
        return WHY_RANGE;
    *x = nm->neg ? -v : v;
    return NULL;
}

/* Parses a number that must run to end, with an optional % before end. */
static const char *parse_number(const unsigned char *p, const unsigned char *end,
                                double *x, int *percent)
{
    number nm;
    const unsigned char *start = p;
    const char *why = scan_number(&p, end, &nm);
    size_t n;

    if (why) {
        if (why == WHY_NAN && is_nonfinite_word(start, end))
            return WHY_NONFINITE;
        return why;
    }
    *percent = 0;
    if (p < end) {
        const unsigned char *q = skip_spaces(p, end);
        if (q < end && unit(q, end, &n) == '%') {
            *percent = 1;
            q += n;
        }
        if (q != end)
            return unit(p, end, &n) == ',' ? WHY_COMMA : WHY_TRAIL;
    }
    return convert(&nm, x);
}

/* The shape of nearly every cell of a statistical table, "-?D+(.D*)?" in
 * ASCII with at most 19 digits, read in one pass: the same value as the
 * general path (Clinger's fast path on the same exact rational; trailing
 * zeros kept in m change m and the power of ten, not the quotient).  0
 * when the cell has another shape or needs strtod. */
static int parse_plain(const unsigned char *p, const unsigned char *end, double *x)
{
#if FLT_EVAL_METHOD == 0
    static const double p10[] = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
        1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
    };
    int neg = p < end && *p == '-';
    const unsigned char *q = p + neg, *dot = NULL;
    uint64_t m = 0;
    size_t nd = 0;
    if (q == end || !is_digit(*q))
        return 0;
    for (; q < end; q++) {
        if (is_digit(*q)) {
            m = m * 10 + (unsigned)(*q - '0');
            nd++;
        } else if (*q == '.' && !dot) {
            dot = q;
        } else {
            return 0;
        }
    }
    if (nd > 19 || m > (UINT64_C(1) << 53))
        return 0;
    size_t frac = dot ? (size_t)(end - dot - 1) : 0;
    double v = (double)m / p10[frac];
    /* Any zero, "-0" included, is +0, as in convert(). */
    *x = m == 0 ? 0.0 : neg ? -v : v;
    return 1;
#else
    (void)p, (void)end, (void)x;
    return 0;
#endif
}

int jh_value_parse(const char *s, size_t len, jh_value *out, const char **why)
{
    const unsigned char *p = (const unsigned char *)s;
    const unsigned char *end;
    const char *err;
    jh_value v;

    if (!out || (!s && len > 0)) {
        if (why)
            *why = WHY_NULL;
        return JH_EINVAL;
    }
    if (len == 0)
        goto missing;
    if (parse_plain(p, p + len, &v.x)) {
        v.kind = JH_VALUE_NUMBER;
        v.bound = JH_BOUND_NONE;
        v.percent = 0;
        *out = v;
        return JH_OK;
    }
    end = trim_end(p, p + len);
    p = skip_spaces(p, end);
    if (p == end)
        goto missing;

    v.kind = JH_VALUE_NUMBER;
    v.bound = JH_BOUND_NONE;
    /* A cell starting with an ASCII digit (nearly all of them) can only be
     * a number: no marker or bound to look for. */
    if (!is_digit(*p)) {
        if (is_missing_marker(p, end))
            goto missing;
        v.bound = scan_bound(&p, end);
        if (v.bound != JH_BOUND_NONE) {
            if (p == end || is_missing_marker(p, end)) {
                err = WHY_EMPTY_BOUND;
                goto fail;
            }
            v.kind = JH_VALUE_CENSORED;
        }
    }
    err = parse_number(p, end, &v.x, &v.percent);
    if (err)
        goto fail;
    *out = v;
    return JH_OK;

fail:
    if (why)
        *why = err;
    return JH_EPARSE;

missing:
    v.x = NAN;
    v.kind = JH_VALUE_MISSING;
    v.bound = JH_BOUND_NONE;
    v.percent = 0;
    *out = v;
    return JH_OK;
}

int jh_value_parse_year(const char *s, size_t len, int *year)
{
    jh_value v;
    /* Four ASCII digits or fewer: the year itself (the rule below gives
     * the same). */
    if (len >= 1 && len <= 4) {
        int y = 0;
        size_t i = 0;
        for (; i < len && is_digit((unsigned char)s[i]); i++)
            y = y * 10 + (s[i] - '0');
        if (i == len && y < 1)
            return -1;
        if (i == len) {
            *year = y;
            return 0;
        }
    }
    if (jh_value_parse(s, len, &v, NULL) != JH_OK || v.kind != JH_VALUE_NUMBER ||
        v.percent || v.x < 1 || v.x > 9999 || v.x != floor(v.x) || strpbrk(s, ".eE+-"))
        return -1;
    *year = (int)v.x;
    return 0;
}
