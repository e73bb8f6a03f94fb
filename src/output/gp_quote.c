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

/* gnuplot 5.4's scanner does not honour '' everywhere: a quote right after
 * the opening quote or right after another doubled quote ends the string
 * ('''x' and 'a''''b' are syntax errors; found 2026-11-29 with the hostile
 * name  '; system("touch PWNED"); ').  So a text with quotes becomes a
 * concatenation of single-quoted runs and the constant "'" (a double-quoted
 * string with nothing to substitute), in parentheses:
 *   O'Brien  ->  ('O'."'".'Brien')
 * Without a quote the result is the plain 'text'. */
size_t jh_gp_quote(char *dst, size_t cap, const char *s)
{
    size_t len = 0;
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    int has_quote = strchr((const char *)p, '\'') != NULL;
    size_t start = has_quote ? 1 : 0; /* length before the first piece */
    int open = 0;                     /* inside a single-quoted run */
#define PUT(ch) do { if (len + 1 < cap) dst[len] = (ch); len++; } while (0)
    if (has_quote)
        PUT('(');
    if (!*p) {
        PUT('\'');
        PUT('\'');
    }
    for (; *p; p++) {
        if (*p == '\'') {
            if (open)
                PUT('\'');
            if (len > start)
                PUT('.');
            PUT('"');
            PUT('\'');
            PUT('"');
            open = 0;
            continue;
        }
        if (!open) {
            if (len > start)
                PUT('.');
            PUT('\'');
            open = 1;
        }
        PUT(is_control(*p) ? ' ' : (char)*p);
    }
    if (open)
        PUT('\'');
    if (has_quote)
        PUT(')');
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
