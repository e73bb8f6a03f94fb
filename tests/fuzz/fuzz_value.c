/* libFuzzer target: the cell parser jh_value_parse and the year parser.
 * The text is copied into a buffer of exactly its length, so reading
 * s[len] is caught by ASan; the results are checked against value.h. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "junheng/value.h"

static void check_value(const uint8_t *data, size_t size)
{
    char *s = malloc(size ? size : 1);
    if (!s)
        return;
    memcpy(s, data, size);
    jh_value v;
    const char *why = NULL;
    int rc = jh_value_parse(size ? s : NULL, size, &v, &why);
    if (rc == JH_OK) {
        if (v.kind == JH_VALUE_MISSING ? !isnan(v.x) : !isfinite(v.x))
            abort();
        if (v.x == 0 && signbit(v.x))            /* never -0 */
            abort();
        if ((v.kind == JH_VALUE_CENSORED) != (v.bound != JH_BOUND_NONE))
            abort();
    } else if (rc != JH_EPARSE || !why || !*why) {
        abort();                                 /* an error always says why */
    }
    free(s);
}

static void check_year(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        return;
    memcpy(s, data, size);
    s[size] = '\0';
    int year = 0;
    if (jh_value_parse_year(s, size, &year) == 0 && (year < 1 || year > 9999))
        abort();
    free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    check_value(data, size);
    check_year(data, size);
    return 0;
}
