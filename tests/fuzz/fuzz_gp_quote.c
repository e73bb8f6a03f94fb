/* libFuzzer target: the gnuplot quoting (src/output/gp_quote.c).
 *
 * Properties of jh_gp_quote's result q for a text s:
 *  - q has no control character (a raw newline would end the command);
 *  - q is 'run', or a concatenation ( piece . piece ... ) of single-quoted
 *    runs without a quote inside and the constant "'": so every backquote
 *    and @ is inside single quotes, where gnuplot expands neither;
 *  - reading q back as gnuplot does gives s with control characters
 *    turned into spaces;
 *  - a short buffer gets a NUL-terminated prefix of q, and the return
 *    value is always the full length.
 * jh_gp_data_label's field is "text" with no " and no control character
 * inside.  tests/unit/test_gp_quote.c checks the round trip with gnuplot
 * itself. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "junheng/plot.h"

static int is_control(unsigned char c) { return c < 0x20 || c == 0x7f; }

/* Decodes q as gnuplot's string expression; returns the text (malloc'd)
 * or aborts when q is not of the promised form. */
static char *decode(const char *q, size_t len)
{
    char *out = malloc(len + 1);
    size_t n = 0, i = 0;
    int paren = len > 0 && q[0] == '(';
    if (!out)
        abort();
    if (paren) {
        if (q[len - 1] != ')')
            abort();
        i = 1;
        len--;
    }
    for (int first = 1; i < len; first = 0) {
        if (!first && q[i++] != '.')
            abort();
        if (i + 3 <= len && memcmp(q + i, "\"'\"", 3) == 0 && paren) {
            out[n++] = '\'';
            i += 3;
            continue;
        }
        if (q[i++] != '\'')
            abort();
        while (i < len && q[i] != '\'')
            out[n++] = q[i++];
        if (i++ >= len)
            abort(); /* unterminated run */
    }
    out[n] = '\0';
    return out;
}

static void check_label(const char *s)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return;
    jh_gp_data_label(f, s);
    if (fclose(f) != 0 || len < 2 || buf[0] != '"' || buf[len - 1] != '"')
        abort();
    for (size_t i = 1; i + 1 < len; i++)
        if (buf[i] == '"' || is_control((unsigned char)buf[i]))
            abort();
    free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0'; /* the text ends at its first NUL, as a C string does */
    check_label(s);
    size_t need = jh_gp_quote(NULL, 0, s);
    char *q = malloc(need + 1);
    if (!q || jh_gp_quote(q, need + 1, s) != need || strlen(q) != need)
        abort();
    for (size_t i = 0; i < need; i++)
        if (is_control((unsigned char)q[i]))
            abort();
    char *back = decode(q, need);
    for (char *p = s; *p; p++)
        if (is_control((unsigned char)*p))
            *p = ' ';
    if (strcmp(back, s) != 0)
        abort();
    /* A short buffer: a prefix of q, NUL-terminated, same return value. */
    size_t cap = size ? data[0] % (need + 1) : 0;
    char *shortbuf = malloc(cap + 1);
    if (!shortbuf || jh_gp_quote(shortbuf, cap, s) != need)
        abort();
    if (cap && (strlen(shortbuf) != cap - 1 || memcmp(shortbuf, q, cap - 1) != 0))
        abort();
    free(shortbuf);
    free(back);
    free(q);
    free(s);
    return 0;
}
