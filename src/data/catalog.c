/* The row reader both catalogs use: libcsv, streaming, one callback per row.
 *
 * Positions follow the long-format reader: LINE is the physical line where
 * a field starts (quoted fields may span lines; libcsv only reports bytes,
 * so we count line breaks ourselves, with CSV_REPALL_NL so that every
 * unquoted CR and LF reaches on_record); COL is the 1-based field number. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <csv.h>
#include "catalog_internal.h"
#include "source.h"

struct reader {
    const char *path;         /* for messages */
    jh_diag *diag;            /* where messages go */
    jh_cat_fn on_header;      /* called once, for the header row */
    jh_cat_fn on_row;         /* called for every data row */
    void *ctx;                /* the callbacks' context */
    unsigned long line;       /* current physical line, from 1 */
    unsigned long row_line;   /* line where the current row starts */
    int prev_cr;              /* the last line break was a CR (CRLF pair) */
    jh_cat_cell *cell;        /* [cell_cap] cells of the current row */
    size_t field;             /* fields seen in the current row */
    size_t cell_cap;          /* cells allocated */
    char **header;            /* [n_header] header names, owned */
    size_t n_header;          /* 0 until the header row was read */
    int stop;                 /* stop reading: fatal error or out of memory */
    int oom;                  /* out of memory */
};

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

/* Length of the blank at s[0..len) (0 when there is none): an ASCII blank
 * is one byte, U+3000 three, U+00A0 two. */
static size_t blank_at(const char *s, size_t len)
{
    if (len >= 1 && (s[0] == ' ' || s[0] == '\t' || s[0] == '\r' || s[0] == '\n'))
        return 1;
    if (len >= 3 && memcmp(s, "\xE3\x80\x80", 3) == 0)
        return 3;
    if (len >= 2 && memcmp(s, "\xC2\xA0", 2) == 0)
        return 2;
    return 0;
}

static size_t blank_before(const char *s, size_t len)
{
    if (len >= 1 && blank_at(s + len - 1, 1))
        return 1;
    if (len >= 3 && memcmp(s + len - 3, "\xE3\x80\x80", 3) == 0)
        return 3;
    if (len >= 2 && memcmp(s + len - 2, "\xC2\xA0", 2) == 0)
        return 2;
    return 0;
}

size_t jh_cat_trim(char *s, size_t len)
{
    size_t a = 0, k;
    while ((k = blank_at(s + a, len - a)) > 0)
        a += k;
    while (len > a && (k = blank_before(s + a, len - a)) > 0)
        len -= k;
    memmove(s, s + a, len - a);
    s[len - a] = '\0';
    return len - a;
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

/* 1 when s[0..len) is well-formed UTF-8 (no overlong forms, surrogates or
 * code points above U+10FFFF). */
static int valid_utf8(const unsigned char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        unsigned c = s[i];
        size_t n;
        unsigned lo = 0x80, hi = 0xBF;
        if (c < 0x80) {
            i++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            if (c == 0xE0)
                lo = 0xA0;
            else if (c == 0xED)
                hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            if (c == 0xF0)
                lo = 0x90;
            else if (c == 0xF4)
                hi = 0x8F;
        } else {
            return 0;
        }
        if (len - i - 1 < n || s[i + 1] < lo || s[i + 1] > hi)
            return 0;
        for (size_t k = 2; k <= n; k++)
            if (s[i + k] < 0x80 || s[i + k] > 0xBF)
                return 0;
        i += n + 1;
    }
    return 1;
}

static unsigned long count_newlines(const char *s, size_t len)
{
    unsigned long n = 0;
    for (const char *p = s; (p = memchr(p, '\n', len - (size_t)(p - s))); p++)
        n++;
    return n;
}

static int keep_cell(struct reader *r, const char *s, size_t len)
{
    if (r->field == r->cell_cap) {
        size_t cap = r->cell_cap ? 2 * r->cell_cap : 32;
        jh_cat_cell *cell = realloc(r->cell, cap * sizeof *cell);
        if (!cell)
            return -1;
        memset(cell + r->cell_cap, 0, (cap - r->cell_cap) * sizeof *cell);
        r->cell = cell;
        r->cell_cap = cap;
    }
    jh_cat_cell *c = &r->cell[r->field];
    if (len + 1 > c->cap) {
        size_t cap = c->cap ? c->cap : 64;
        while (cap < len + 1)
            cap *= 2;
        char *t = realloc(c->text, cap);
        if (!t)
            return -1;
        c->text = t;
        c->cap = cap;
    }
    if (len)
        memcpy(c->text, s, len);
    c->len = jh_cat_trim(c->text, len);
    c->line = r->line;
    return 0;
}

static void on_field(void *data, size_t len, void *ctx)
{
    struct reader *r = ctx;
    const char *s = data ? data : "";
    if (r->stop)
        return;
    if (r->field == 0)
        r->row_line = r->line;
    r->prev_cr = 0;
    if (len && memchr(s, '\0', len)) {
        jh_source_nul_error(r->diag, r->path, r->line, r->field + 1, s, len);
        r->stop = 1;
        return;
    }
    if (!valid_utf8((const unsigned char *)s, len)) {
        jh_diag_add(r->diag, JH_DIAG_ERROR, r->path, r->line, r->field + 1,
                    "text is not valid UTF-8 (save the catalog as UTF-8)");
        r->stop = 1;
        return;
    }
    if (keep_cell(r, s, len)) {
        r->oom = r->stop = 1;
        return;
    }
    r->line += count_newlines(s, len);
    r->field++;
}

static int keep_header(struct reader *r)
{
    r->header = calloc(r->field, sizeof *r->header);
    if (!r->header)
        return -1;
    r->n_header = r->field;
    for (size_t f = 0; f < r->field; f++)
        if (!(r->header[f] = jh_cat_strdup(r->cell[f].text)))
            return -1;
    return 0;
}

static void handle_row(struct reader *r)
{
    jh_cat_row row = {.path = r->path, .diag = r->diag, .cell = r->cell, .n = r->field,
                      .line = r->row_line, .header = r->header, .n_header = r->n_header};
    int blank = 1;
    for (size_t f = 0; f < r->field && blank; f++)
        blank = r->cell[f].len == 0;
    if (blank)
        return;
    int rc;
    if (!r->n_header) {
        if (keep_header(r)) {
            r->oom = r->stop = 1;
            return;
        }
        row.header = NULL;
        row.n_header = 0;
        rc = r->on_header(r->ctx, &row);
    } else if (r->field != r->n_header) {
        jh_diag_add(r->diag, JH_DIAG_ERROR, r->path, r->row_line, 0,
                    "row has %zu fields, the header has %zu", r->field, r->n_header);
        rc = JH_OK;
    } else {
        rc = r->on_row(r->ctx, &row);
    }
    if (rc == JH_ENOMEM)
        r->oom = 1;
    if (rc != JH_OK || jh_diag_full(r->diag))
        r->stop = 1;
}

static void on_record(int c, void *ctx)
{
    struct reader *r = ctx;
    int crlf_tail = c == '\n' && r->prev_cr;
    r->prev_cr = c == '\r';
    if (!crlf_tail && (c == '\n' || c == '\r'))
        r->line++;
    if (r->stop || r->field == 0)
        return;
    handle_row(r);
    r->field = 0;
}

static int parse_stream(struct reader *r, FILE *f, struct csv_parser *p)
{
    char buf[1 << 16];
    size_t n;
    int first = 1;
    while (!r->stop && (n = fread(buf, 1, sizeof buf, f)) > 0) {
        char *s = buf;
        if (first && n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
            s += 3;
            n -= 3;
        }
        first = 0;
        size_t done = csv_parse(p, s, n, on_field, on_record, r);
        if (done != n && !r->stop) {
            jh_diag_add(r->diag, JH_DIAG_ERROR, r->path, r->line, r->field + 1,
                        "malformed quoted field (a quote must be doubled inside quotes "
                        "and followed by a delimiter or the end of the line)");
            return JH_EPARSE;
        }
    }
    if (ferror(f)) {
        jh_diag_add(r->diag, JH_DIAG_ERROR, r->path, 0, 0, "read error: %s", strerror(errno));
        return JH_EIO;
    }
    if (!r->stop && csv_fini(p, on_field, on_record, r) != 0) {
        jh_diag_add(r->diag, JH_DIAG_ERROR, r->path, r->line, r->field + 1,
                    "unterminated quoted field (the file ends inside quotes)");
        return JH_EPARSE;
    }
    return JH_OK;
}

/* Only the space is a blank for libcsv: a tab may be data (we trim cells
 * ourselves, after the quotes are gone). */
static int space_is_blank(unsigned char c)
{
    return c == ' ';
}

int jh_cat_read(const char *path, jh_diag *diag, jh_cat_fn on_header, jh_cat_fn on_row,
                void *ctx, int *whole)
{
    if (whole)
        *whole = 0;
    struct reader r = {.path = path, .diag = diag, .on_header = on_header,
                       .on_row = on_row, .ctx = ctx, .line = 1};
    struct csv_parser p;
    size_t errors_before = diag->n_errors;
    FILE *f = fopen(path, "rb");
    if (!f) {
        jh_diag_add(diag, JH_DIAG_ERROR, path, 0, 0, "cannot open: %s", strerror(errno));
        return JH_ENOTFOUND;
    }
    int rc = jh_source_refuse_folder(f, path, diag);
    if (rc) {
        fclose(f);
        return rc;
    }
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL | CSV_APPEND_NULL)) {
        fclose(f);
        return JH_ENOMEM;
    }
    csv_set_space_func(&p, space_is_blank);
    /* libcsv grows a field's buffer by this much at a time: the default
     * (128 bytes) makes a 1 MB field cost quadratic copying. */
    csv_set_blk_size(&p, 1 << 16);
    rc = parse_stream(&r, f, &p);
    csv_free(&p);
    fclose(f);
    for (size_t k = 0; k < r.cell_cap; k++)
        free(r.cell[k].text);
    free(r.cell);
    int had_header = r.n_header > 0;
    for (size_t k = 0; k < r.n_header; k++)
        free(r.header[k]);
    free(r.header);
    if (r.oom)
        return JH_ENOMEM;
    if (!rc && !had_header && diag->n_errors == errors_before) {
        jh_diag_add(diag, JH_DIAG_ERROR, path, 0, 0, "empty file (no header row)");
        rc = JH_EPARSE;
    }
    if (whole)
        *whole = !rc && !r.stop && had_header;
    if (!rc && diag->n_errors > errors_before)
        rc = JH_EPARSE;
    return rc;
}
