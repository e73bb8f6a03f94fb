/* junheng — the one growth rule for arrays that are filled as they are
 * read or computed (src/core/grow.c). */
#ifndef JUNHENG_GROW_H
#define JUNHENG_GROW_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Makes room for need elements of size bytes in the array *p of capacity
 * *cap (elements), doubling from 16 so that filling n costs O(n).  Returns
 * JH_OK, or JH_ENOMEM (also when the bytes would overflow size_t) with *p
 * and *cap unchanged. */
int jh_grow(void **p, size_t *cap, size_t need, size_t size);

#ifdef __cplusplus
}
#endif
#endif
