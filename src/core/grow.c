#include <stdint.h>
#include <stdlib.h>
#include "junheng/grow.h"
#include "junheng/status.h"

int jh_grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return JH_OK;
    size_t c = *cap ? *cap : 16;
    while (c < need)
        c = c > SIZE_MAX / 2 ? need : 2 * c;
    if (size && c > SIZE_MAX / size)
        return JH_ENOMEM;
    void *q = realloc(*p, c * size);
    if (!q)
        return JH_ENOMEM;
    *p = q;
    *cap = c;
    return JH_OK;
}
