/* What the catalog readers share: the row reader (rows.h) with the rules of
 * a data file, and a few text helpers. */
#include <stdlib.h>
#include <string.h>
#include "catalog_internal.h"

int jh_cat_ascii_ieq(const char *a, const char *b)
{
    for (;; a++, b++) {
        unsigned char x = (unsigned char)*a, y = (unsigned char)*b;
        if (x >= 'A' && x <= 'Z')
            x = (unsigned char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = (unsigned char)(y - 'A' + 'a');
        if (x != y)
            return 0;
        if (!x)
            return 1;
    }
}

int jh_cat_match(const char *text, const char *const *names)
{
    for (int k = 0; names[k]; k++)
        if (jh_cat_ascii_ieq(text, names[k]))
            return k;
    return -1;
}

char *jh_cat_strdup(const char *s)
{
    size_t len = s ? strlen(s) : 0;
    char *t = malloc(len + 1);
    if (t) {
        if (len)
            memcpy(t, s, len);
        t[len] = '\0';
    }
    return t;
}

int jh_cat_read(const char *path, jh_diag *diag, jh_cat_fn on_header, jh_cat_fn on_row,
                void *ctx, int *whole)
{
    /* A catalog reads like a data file in the default encoding (auto): a
     * GB18030 catalog is read as GB18030. */
    jh_rows_opts o = {.encoding = JH_ENC_AUTO, .on_header = on_header, .on_row = on_row,
                      .ctx = ctx};
    return jh_rows_read(path, &o, diag, whole);
}
