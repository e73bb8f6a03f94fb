#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "junheng/intern.h"

#define JH_NONE ((size_t)-1)

void jh_intern_init(jh_intern *t)
{
    memset(t, 0, sizeof *t);
}

void jh_intern_clear(jh_intern *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->str[i]);
    free(t->str);
    free(t->slots);
    memset(t, 0, sizeof *t);
}

/* FNV-1a: short keys (region codes, indicator codes), no adversary. */
static uint64_t hash(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

/* Whether stored string c equals s[0..len-1].  strnlen stops inside c, so
 * nothing past c's end is read even when s holds a NUL byte. */
static int same(const char *c, const char *s, size_t len)
{
    return strnlen(c, len + 1) == len && memcmp(c, s, len) == 0;
}

static size_t probe(const jh_intern *t, const char *s, size_t len)
{
    size_t mask = t->nslots - 1, k = (size_t)hash(s, len) & mask;
    while (t->slots[k]) {
        const char *c = t->str[t->slots[k] - 1];
        if (same(c, s, len))
            return k;
        k = (k + 1) & mask;
    }
    return k;
}

static int grow(jh_intern *t)
{
    size_t nslots = t->nslots ? 2 * t->nslots : 64;
    size_t *slots = calloc(nslots, sizeof *slots);
    if (!slots)
        return -1;
    free(t->slots);
    t->slots = slots;
    t->nslots = nslots;
    for (size_t i = 0; i < t->n; i++)
        t->slots[probe(t, t->str[i], strlen(t->str[i]))] = i + 1;
    return 0;
}

size_t jh_intern_add(jh_intern *t, const char *s, size_t len, int *added)
{
    if (added)
        *added = 0;
    /* Files are usually sorted, so the string just added or found comes
     * again: check it before hashing. */
    if (t->last < t->n && same(t->str[t->last], s, len))
        return t->last;
    if (2 * (t->n + 1) > t->nslots && grow(t))
        return JH_NONE;
    size_t k = probe(t, s, len);
    if (t->slots[k])
        return t->last = t->slots[k] - 1;
    if (t->n == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 16;
        char **str = realloc(t->str, cap * sizeof *str);
        if (!str)
            return JH_NONE;
        t->str = str;
        t->cap = cap;
    }
    char *copy = malloc(len + 1);
    if (!copy)
        return JH_NONE;
    memcpy(copy, s, len);
    copy[len] = '\0';
    t->str[t->n] = copy;
    t->slots[k] = ++t->n;
    if (added)
        *added = 1;
    return t->last = t->n - 1;
}

size_t jh_intern_find(const jh_intern *t, const char *s)
{
    if (!t->nslots)
        return JH_NONE;
    size_t k = probe(t, s, strlen(s));
    return t->slots[k] ? t->slots[k] - 1 : JH_NONE;
}
