/* junheng — interned strings: each distinct string gets a dense index in
 * order of first appearance, so that inner loops compare integers. */
#ifndef JUNHENG_INTERN_H
#define JUNHENG_INTERN_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct jh_intern {
    char **str;      /* str[k]: the k-th distinct string, owned */
    size_t n;        /* number of distinct strings */
    size_t cap;      /* allocated length of str */
    size_t *slots;   /* open-addressing hash: index + 1, 0 = empty */
    size_t nslots;   /* power of two */
    size_t last;     /* index returned last, checked first */
} jh_intern;

/* Caller-owned struct: jh_intern_init before use, jh_intern_clear to free. */
void jh_intern_init(jh_intern *t);
void jh_intern_clear(jh_intern *t);

/* Index of s[0..len-1], adding it when new.  Returns (size_t)-1 when out of
 * memory. *added (may be NULL) is set to 1 when s was new. */
size_t jh_intern_add(jh_intern *t, const char *s, size_t len, int *added);

/* Index of the NUL-terminated s, or (size_t)-1 when absent. */
size_t jh_intern_find(const jh_intern *t, const char *s);

#ifdef __cplusplus
}
#endif
#endif
