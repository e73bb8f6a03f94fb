/* The one place that turns input text into gnuplot text (STYLE.md C1, C2,
 * C6).  gnuplot's manual: backquotes run commands anywhere except inside
 * single-quoted strings, @macros are not expanded inside quotes, in single
 * quotes a ' is written '' and backslashes are ordinary, and a raw newline
 * ends the command.  So: single quotes, '' doubling, control characters to
 * spaces.  Data files have no escape for ", hence the replacement. */
#include <string.h>
#include "junheng/plot.h"

static int is_control(unsigned char c)
{
    return c < 0x20 || c == 0x7f;
}

size_t jh_gp_quote(char *dst, size_t cap, const char *s)
{
    size_t len = 0;
#define PUT(ch) do { if (len + 1 < cap) dst[len] = (ch); len++; } while (0)
    PUT('\'');
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        if (*p == '\'') {
            PUT('\'');
            PUT('\'');
        } else {
            PUT(is_control(*p) ? ' ' : (char)*p);
        }
    }
    PUT('\'');
#undef PUT
    if (cap)
        dst[len < cap ? len : cap - 1] = '\0';
    return len;
}

void jh_gp_data_label(FILE *f, const char *s)
{
    putc('"', f);
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        if (*p == '"')
            fputs("\xEF\xBC\x82", f); /* U+FF02 FULLWIDTH QUOTATION MARK */
        else
            putc(is_control(*p) ? ' ' : *p, f);
    }
    putc('"', f);
}
