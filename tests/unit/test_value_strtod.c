/* The number conversion of jh_value_parse against glibc's strtod, bit for
 * bit (issue 15): Clinger's fast path (digits < 2^53 and |exponent| <= 22,
 * one correctly rounded IEEE operation on exact operands) and the strtod
 * fallback must both give strtod's double.  A million generated decimal
 * strings — fast-path and slow-path mantissas, 17-digit mantissas around
 * 2^53, leading and trailing zeros, exponents near 10^+-22 and near the
 * range limits, ASCII and full-width — and the awkward cases by name.
 *
 * The parser's own rules stay as documented in value.h: a result below
 * DBL_MIN (subnormal) or beyond DBL_MAX is "number out of range", any zero
 * is +0. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <inttypes.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "junheng/value.h"

/* xorshift64* (Vigna 2016): deterministic strings on every platform. */
static uint64_t next_random(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * UINT64_C(2685821657736338717);
}

/* What jh_value_parse must give for the ASCII text: strtod's double, +0
 * for a zero, or out of range (0 returned). */
static int expected(const char *ascii, double *want)
{
    errno = 0;
    double x = strtod(ascii, NULL);
    if (x == 0 && errno != ERANGE) {
        *want = 0.0;
        return 1;
    }
    if (errno == ERANGE || !isnormal(x))
        return 0;
    *want = x;
    return 1;
}

static void check(const char *text, const char *ascii)
{
    jh_value v;
    const char *why = NULL;
    double want;
    int rc = jh_value_parse(text, strlen(text), &v, &why);
    if (expected(ascii, &want)) {
        if (rc != 0 || memcmp(&v.x, &want, sizeof want) != 0)
            fail_msg("'%s': status %d x %.17g (%a), strtod %.17g (%a)", text, rc,
                     rc ? 0.0 : v.x, rc ? 0.0 : v.x, want, want);
    } else if (rc == 0 || strcmp(why, "number out of range") != 0) {
        fail_msg("'%s': status %d, want out of range", text, rc);
    }
}

/* The same number in full-width characters: digits U+FF10..FF19, point
 * U+FF0E, minus U+FF0D, plus U+FF0B, e U+FF45 (three UTF-8 bytes each). */
static void full_width(const char *ascii, char *out)
{
    for (; *ascii; ascii++) {
        unsigned c = (unsigned char)*ascii, u;
        if (c >= '0' && c <= '9')
            u = 0xFF10 + (c - '0');
        else if (c == '.')
            u = 0xFF0E;
        else if (c == '-')
            u = 0xFF0D;
        else if (c == '+')
            u = 0xFF0B;
        else
            u = 0xFF45; /* 'e' */
        *out++ = (char)(0xE0 | (u >> 12));
        *out++ = (char)(0x80 | ((u >> 6) & 0x3F));
        *out++ = (char)(0x80 | (u & 0x3F));
    }
    *out = '\0';
}

/* One generated decimal: sign, leading zeros, nd digits with a point
 * somewhere (or none), trailing zeros, and an exponent drawn near the fast
 * path's edge (|e| <= 25), anywhere in range, or none. */
static size_t generate(uint64_t *seed, char *t)
{
    uint64_t r = next_random(seed), q = next_random(seed);
    size_t k = 0;
    int nd = 1 + (int)(r % 19), point = (int)((r >> 8) % 22), lead = (int)((r >> 16) % 4);
    int trail = (int)((r >> 20) % 4), form = (int)((r >> 24) % 4);
    if ((r >> 30) % 4 == 0)
        t[k++] = '-';
    else if ((r >> 30) % 4 == 1)
        t[k++] = '+';
    for (int i = 0; i < lead; i++)
        t[k++] = '0';
    for (int d = 0; d < nd + trail; d++) {
        if (d == point)
            t[k++] = '.';
        t[k++] = d < nd ? (char)('0' + (q >> (3 * (d % 20))) % 10) : '0';
    }
    if (form == 1)
        k += (size_t)sprintf(t + k, "e%d", (int)((r >> 32) % 51) - 25);
    else if (form == 2)
        k += (size_t)sprintf(t + k, "e%d", (int)((r >> 32) % 640) - 320);
    t[k] = '\0';
    return k;
}

static void test_million_strings(void **state)
{
    uint64_t seed = UINT64_C(0x2545F4914F6CDD1D);
    char t[64], fw[200];
    (void)state;
    for (int i = 0; i < 1000000; i++) {
        generate(&seed, t);
        check(t, t);
        if (i % 10 == 0) {
            full_width(t, fw);
            check(fw, t);
        }
    }
}

/* 17-digit mantissas around 2^53 = 9007199254740992 (the fast path takes
 * m <= 2^53), with exponents at the fast path's edge, and the round-trip
 * text of random doubles (the "%.17g" an exporter writes). */
static void test_seventeen_digits(void **state)
{
    uint64_t seed = 42;
    char t[64];
    (void)state;
    for (int64_t m = 9007199254740992 - 50; m <= 9007199254740992 + 50; m++)
        for (int e = -24; e <= 24; e++) {
            sprintf(t, "%" PRId64 "e%d", m, e);
            check(t, t);
        }
    for (int i = 0; i < 200000; i++) {
        union {
            uint64_t u;
            double d;
        } bits = {.u = next_random(&seed)};
        if (!isfinite(bits.d))
            continue;
        sprintf(t, "%.17g", bits.d);
        check(t, t);
        sprintf(t, "%.16e", bits.d);
        check(t, t);
    }
}

static void test_awkward_cases(void **state)
{
    static const char *const cases[] = {
        "1e308", "1.7976931348623157e308", "1.7976931348623158e308", "1.8e308",
        "2.2250738585072014e-308", "2.2250738585072011e-308", "4.9e-324", "5e-324",
        "1e-307", "1e-308", "1e22", "1e23", "1e-22", "1e-23", "9007199254740992",
        "9007199254740993", "9007199254740994", "9007199254740995", "90071992547409921",
        "0.1", "0.2", "0.3", "123456789012345678", "1234567890123456789",
        "00000000000000000000012.5", "0.000000000000000000000000001", "000.000",
        "-0", "-0.0e5", "0e999", "100000000000000000000000", "3.0000000000000004",
        "2.5e-3", "0.0000001234567890123456789", "8.98846567431158e307",
        "4503599627370496.5", "4503599627370497.5", "1.00000000000000011102230246251565404236316680908203125",
        /* The one-pass path for plain decimals (value.c, parse_plain): its
         * edges, 2^53 = 9007199254740992 with the point inside, 19 and 20
         * digits, a trailing point, trailing zeros kept in the mantissa. */
        "4.120", "197530", "-0.000", "5.", "900719925474099.2", "900719925474099.3",
        "12345678901234567.8", "0.1000000000000000000", "1000000000000000000.0",
        "-0.0000000000000000001", "0.9999999999999999999",
    };
    char fw[400];
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        check(cases[i], cases[i]);
        full_width(cases[i], fw);
        check(fw, cases[i]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_million_strings),
        cmocka_unit_test(test_seventeen_digits),
        cmocka_unit_test(test_awkward_cases),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
