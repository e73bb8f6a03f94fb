/* The row reader (rows.h): libcsv over jh_source, streaming, one callback
 * per row.  libcsv only reports bytes, so line breaks are counted here,
 * with CSV_REPALL_NL so that every unquoted CR and LF reaches on_record.
 * The text of every field of a row lives in one buffer, so that a row of
 * 10^6 fields costs its bytes and not 10^6 allocations: this is the hot
 * path of reading a large data file. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <csv.h>
#include "rows.h"
#include "source.h"

struct reader {
    const char *path;         /* for messages */
    jh_diag *diag;            /* where messages go */
    const jh_rows_opts *o;    /* the callbacks */
    unsigned long line;       /* current physical line, from 1 */
    unsigned long row_line;   /* line where the current row starts */
    int prev_cr;              /* the last line break was a CR (CRLF pair) */
    jh_row_cell *cell;        /* [cell_cap] cells of the current row */
    size_t field;             /* fields seen in the current row */
    size_t cell_cap;          /* cells allocated */
    char *text;               /* the current row's fields, each NUL-terminated */
    size_t text_len, text_cap;
    int text_moved;           /* text moved during the row: cell texts to reset */
    char **header;            /* [n_header] header names, into header_text */
    char *header_text;        /* the header row's text, kept */
    size_t n_header;          /* 0 until the header row was read */
    int have_header;
    int stop;                 /* stop reading: fatal error or out of memory */
    int oom;                  /* out of memory */
};

/* Whether byte c may begin or end a blank: most cells neither begin nor
 * end with one, and are left alone after this test. */
static int maybe_blank(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0xE3 || c == 0xC2 ||
           c == 0x80 || c == 0xA0;
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
    if (len >= 1 && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r' ||
                     s[len - 1] == '\n'))
        return 1;
    if (len >= 3 && memcmp(s + len - 3, "\xE3\x80\x80", 3) == 0)
        return 3;
    if (len >= 2 && memcmp(s + len - 2, "\xC2\xA0", 2) == 0)
        return 2;
    return 0;
}

size_t jh_row_trim(char *s, size_t len)
{
    size_t a = 0, k;
    if (len && !maybe_blank((unsigned char)s[0]) && !maybe_blank((unsigned char)s[len - 1])) {
        s[len] = '\0';
        return len;
    }
    while ((k = blank_at(s + a, len - a)) > 0)
        a += k;
    while (len > a && (k = blank_before(s + a, len - a)) > 0)
        len -= k;
    if (a)
        memmove(s, s + a, len - a);
    s[len - a] = '\0';
    return len - a;
}

static int grow_cells(struct reader *r)
{
    if (r->field < r->cell_cap)
        return 0;
    size_t cap = r->cell_cap ? 2 * r->cell_cap : 32;
    jh_row_cell *cell = realloc(r->cell, cap * sizeof *cell);
    if (!cell)
        return -1;
    r->cell = cell;
    r->cell_cap = cap;
    return 0;
}

static int keep_cell(struct reader *r, const char *s, size_t len)
{
    if (grow_cells(r))
        return -1;
    if (len + 1 > r->text_cap - r->text_len) {
        size_t cap = r->text_cap ? r->text_cap : 4096;
        while (cap - r->text_len < len + 1)
            cap *= 2;
        char *t = realloc(r->text, cap);
        if (!t)
            return -1;
        r->text_moved |= t != r->text;
        r->text = t;
        r->text_cap = cap;
    }
    jh_row_cell *c = &r->cell[r->field];
    c->off = r->text_len;
    c->text = r->text + c->off;
    if (len)
        memcpy(c->text, s, len);
    c->len = jh_row_trim(c->text, len);
    c->line = r->line;
    r->text_len += len + 1;
    return 0;
}

static unsigned long count_newlines(const char *s, size_t len)
{
    unsigned long n = 0;
    for (const char *p = s; (p = memchr(p, '\n', len - (size_t)(p - s))); p++)
        n++;
    return n;
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
    if (keep_cell(r, s, len)) {
        r->oom = r->stop = 1;
        return;
    }
    r->line += count_newlines(s, len);
    r->field++;
}

/* The header row's names, kept for the whole read. */
static int keep_header(struct reader *r)
{
    r->header = malloc(r->field * sizeof *r->header);
    r->header_text = malloc(r->text_len);
    if (!r->header || !r->header_text)
        return -1;
    memcpy(r->header_text, r->text, r->text_len);
    for (size_t f = 0; f < r->field; f++)
        r->header[f] = r->header_text + r->cell[f].off;
    r->n_header = r->field;
    r->have_header = 1;
    return 0;
}

static void handle_row(struct reader *r)
{
    jh_row row = {.path = r->path, .diag = r->diag, .cell = r->cell, .n = r->field,
                  .line = r->row_line};
    int blank = 1;
    for (size_t f = 0; f < r->field && blank; f++)
        blank = r->cell[f].len == 0;
    if (blank)
        return;
    int rc;
    if (!r->have_header) {
        if (keep_header(r)) {
            r->oom = r->stop = 1;
            return;
        }
        row.header = r->header;
        row.n_header = r->n_header;
        rc = r->o->on_header(r->o->ctx, &row);
    } else if (r->field != r->n_header) {
        jh_diag_add(r->diag, JH_DIAG_ERROR, r->path, r->row_line, 0,
                    "row has %zu fields, the header has %zu", r->field, r->n_header);
        rc = JH_OK;
    } else {
        row.header = r->header;
        row.n_header = r->n_header;
        rc = r->o->on_row(r->o->ctx, &row);
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
    for (size_t f = 0; r->text_moved && f < r->field; f++)
        r->cell[f].text = r->text + r->cell[f].off;
    r->text_moved = 0;
    handle_row(r);
    r->field = 0;
    r->text_len = 0;
}

static int parse_stream(struct reader *r, jh_source *src, struct csv_parser *p)
{
    const char *chunk;
    long n;
    while (!r->stop && (n = jh_source_read(src, &chunk, r->diag)) > 0) {
        size_t done = csv_parse(p, chunk, (size_t)n, on_field, on_record, r);
        if (done != (size_t)n && !r->stop) {
            jh_diag_add(r->diag, JH_DIAG_ERROR, r->path, r->line, r->field + 1,
                        "malformed quoted field (a quote must be doubled inside quotes "
                        "and followed by a delimiter or the end of the line)");
            return JH_EPARSE;
        }
    }
    if (!r->stop && n < 0) {
        r->stop = 1;
        return src->io_error ? JH_EIO : JH_EPARSE;
    }
    if (!r->stop && csv_fini(p, on_field, on_record, r) != 0) {
        jh_diag_add(r->diag, JH_DIAG_ERROR, r->path, r->line, r->field + 1,
                    "unterminated quoted field (the file ends inside quotes)");
        return JH_EPARSE;
    }
    return JH_OK;
}

/* libcsv trims blanks around unquoted fields; a tab must stay a delimiter
 * (the cells are trimmed here, after the quotes are gone). */
static int space_is_blank(unsigned char c)
{
    return c == ' ';
}

static unsigned char delimiter_for(const char *path, char given)
{
    size_t len = strlen(path);
    if (given)
        return (unsigned char)given;
    return len >= 4 && strcasecmp(path + len - 4, ".tsv") == 0 ? '\t' : ',';
}

/* Opens the parser on an open source and reads every row. */
static int read_rows(struct reader *r, jh_source *src)
{
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL | CSV_APPEND_NULL))
        return JH_ENOMEM;
    csv_set_space_func(&p, space_is_blank);
    /* libcsv grows a field's buffer by this much at a time: the default
     * (128 bytes) makes a 1 MB field cost quadratic copying. */
    csv_set_blk_size(&p, 1 << 16);
    csv_set_delim(&p, delimiter_for(r->path, r->o->delimiter));
    int rc = parse_stream(r, src, &p);
    csv_free(&p);
    return rc;
}

int jh_rows_read(const char *path, const jh_rows_opts *o, jh_diag *diag, int *whole)
{
    struct reader r = {.path = path, .diag = diag, .o = o, .line = 1};
    jh_source src;
    size_t errors_before = diag->n_errors;
    if (whole)
        *whole = 0;
    int rc = jh_source_open(&src, path, o->encoding, diag);
    if (rc)
        return rc;
    if (o->on_open)
        rc = o->on_open(o->ctx, src.encoding);
    if (!rc)
        rc = read_rows(&r, &src);
    jh_source_close(&src);
    free(r.text);
    free(r.cell);
    free(r.header);
    free(r.header_text);
    if (r.oom || rc == JH_ENOMEM)
        return JH_ENOMEM;
    if (!rc && !r.have_header && diag->n_errors == errors_before) {
        jh_diag_add(diag, JH_DIAG_ERROR, path, 0, 0, "empty file (no header row)");
        rc = JH_EPARSE;
    }
    if (whole)
        *whole = !rc && !r.stop && r.have_header;
    if (!rc && diag->n_errors > errors_before)
        rc = JH_EPARSE;
    return rc;
}
