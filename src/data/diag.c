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
