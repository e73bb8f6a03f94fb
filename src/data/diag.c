#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "junheng/diag.h"

void jh_diag_init(jh_diag *d, size_t max_kept)
{
    memset(d, 0, sizeof *d);
    d->max_kept = max_kept ? max_kept : 100;
}

void jh_diag_clear(jh_diag *d)
{
    for (size_t i = 0; i < d->n; i++)
        free(d->items[i].text);
    free(d->items);
    memset(d, 0, sizeof *d);
}

static size_t kept_of_level(const jh_diag *d, jh_diag_level level)
{
    return level == JH_DIAG_ERROR ? d->n_errors : d->n_warnings;
}

int jh_diag_full(const jh_diag *d)
{
    return d->n_errors >= d->max_kept;
}

static char *vformat(const char *file, unsigned long line, unsigned long col,
                     const char *fmt, va_list ap)
{
    char prefix[64] = "";
    va_list ap2;
    va_copy(ap2, ap);
    int body = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (body < 0)
        return NULL;
    if (file && line && col)
        snprintf(prefix, sizeof prefix, ":%lu:%lu", line, col);
    else if (file && line)
        snprintf(prefix, sizeof prefix, ":%lu", line);
    size_t flen = file ? strlen(file) + strlen(prefix) + 2 : 0;
    char *s = malloc(flen + (size_t)body + 1);
    if (!s)
        return NULL;
    size_t off = 0;
    if (file)
        off = (size_t)sprintf(s, "%s%s: ", file, prefix);
    vsnprintf(s + off, (size_t)body + 1, fmt, ap);
    return s;
}

int jh_diag_add(jh_diag *d, jh_diag_level level, const char *file,
                unsigned long line, unsigned long col, const char *fmt, ...)
{
    size_t seen = kept_of_level(d, level);
    if (level == JH_DIAG_ERROR)
        d->n_errors++;
    else
        d->n_warnings++;
    if (seen >= d->max_kept)
        return 0;
    if (d->n == d->cap) {
        size_t cap = d->cap ? 2 * d->cap : 16;
        jh_diag_item *items = realloc(d->items, cap * sizeof *items);
        if (!items)
            return -1;
        d->items = items;
        d->cap = cap;
    }
    va_list ap;
    va_start(ap, fmt);
    char *text = vformat(file, line, col, fmt, ap);
    va_end(ap);
    if (!text)
        return -1;
    d->items[d->n].level = level;
    d->items[d->n].text = text;
    d->n++;
    return 0;
}

/* The largest length <= o at which buf[0..len) ends on a whole UTF-8
 * character. */
static size_t utf8_boundary(const char *buf, size_t o)
{
    size_t p = o;
    while (p > 0 && o - p < 4 && ((unsigned char)buf[p - 1] & 0xC0) == 0x80)
        p--;
    if (p == 0)
        return o;
    unsigned char lead = (unsigned char)buf[p - 1];
    size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    return o - (p - 1) < need ? p - 1 : o;
}

char *jh_diag_excerpt(const char *s, size_t len, char *buf, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        char piece[8];
        size_t k;
        if (c < 0x20 || c == 0x7F)
            k = (size_t)snprintf(piece, sizeof piece, "\\x%02X", c);
        else if (c == '"')
            k = (size_t)snprintf(piece, sizeof piece, "\\\"");
        else
            piece[0] = (char)c, k = 1;
        /* Room for this piece and "..." + NUL; cut before a UTF-8 lead byte. */
        if (o + k + 4 > cap) {
            memcpy(buf + utf8_boundary(buf, o), "...", 4);
            return buf;
        }
        memcpy(buf + o, piece, k);
        o += k;
    }
    buf[o] = '\0';
    return buf;
}

/* Code points of s (at most max), ASCII folded to lower case. */
static size_t code_points(const char *s, unsigned long *cp, size_t max)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = 0;
    while (*p && n < max) {
        unsigned long c = *p++;
        if (c >= 0xC0) {
            int more = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
            c &= 0x3Fu >> more;
            for (; more > 0 && (*p & 0xC0) == 0x80; more--)
                c = c << 6 | (*p++ & 0x3Fu);
        }
        cp[n++] = c >= 'A' && c <= 'Z' ? c + 32 : c;
    }
    return n;
}

size_t jh_edit_distance(const char *a, const char *b)
{
    unsigned long x[64], y[64];
    size_t row[65];
    size_t n = code_points(a, x, 64), m = code_points(b, y, 64);
    for (size_t j = 0; j <= m; j++)
        row[j] = j;
    /* One row of the Wagner-Fischer table at a time. */
    for (size_t i = 1; i <= n; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= m; j++) {
            size_t up = row[j];
            size_t best = diag + (x[i - 1] != y[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[m];
}

const char *jh_suggest(const char *given, const char *const *cand, size_t n)
{
    unsigned long cp[64];
    size_t len = code_points(given, cp, 64), limit = 1 + len / 3, best_d = (size_t)-1;
    const char *best = NULL;
    if (limit >= len)
        limit = len ? len - 1 : 0;
    for (size_t i = 0; i < n; i++) {
        if (!cand[i] || !*cand[i])
            continue;
        size_t d = jh_edit_distance(given, cand[i]);
        if (d <= limit && d < best_d) {
            best_d = d;
            best = cand[i];
        }
    }
    return best;
}

void jh_list_names(const char *const *cand, size_t n, char *buf, size_t cap)
{
    size_t len = strlen(buf);
    for (size_t i = 0; i < n && len < cap; i++) {
        int k = snprintf(buf + len, cap - len, "%s%s", i ? ", " : "", cand[i]);
        if (k < 0 || (size_t)k >= cap - len) {
            size_t p = cap >= 4 ? cap - 4 : 0;
            while (p > 0 && ((unsigned char)buf[p] & 0xC0) == 0x80)
                p--; /* not inside a character */
            if (cap >= 4)
                memcpy(buf + p, "...", 4);
            return;
        }
        len += (size_t)k;
    }
}
