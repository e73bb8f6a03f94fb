/* The row reader (rows.h): libcsv over jh_source, one callback per row.
 *
 * The file is read in blocks of whole records (BLOCK_BYTES or more, cut
 * after a line break outside quotes), and the blocks are parsed on
 * JUNHENG_THREADS threads (default: the processors online) into cells and
 * rows; this thread hands the rows to the callbacks block after block, in
 * file order.  Every block is parsed alone from its first line, so the
 * rows, their positions and every message are the same whatever the
 * number of threads: with one thread the same blocks are parsed here, in
 * turn.  Positions within a block count from its start and become the
 * file's when the block is handed out.
 *
 * libcsv only reports bytes, so line breaks are counted here, with
 * CSV_REPALL_NL so that every unquoted CR and LF reaches on_record.  The
 * text of every cell of a block lives in one buffer, so that a row of
 * 10^6 fields costs its bytes and not 10^6 allocations.  A block without
 * a quote or a NUL byte skips libcsv (parse_fast, with the same rows,
 * positions and messages); libcsv parses every other block. */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <csv.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include "rows.h"
#include "junheng/threads.h"
#include "source.h"

/* A block is at least this many bytes, up to the end of a record: large
 * enough that handing blocks between threads costs nothing, small enough
 * that the blocks in flight (a few per thread) stay a few megabytes. */
#define BLOCK_BYTES ((size_t)1 << 18)
#define MAX_THREADS 16

/* A cell and a row of a parsed block; lines count from the block's first
 * line, 0.  32 bits: a block of 4 GiB (one record that long) is refused as
 * out of memory, and the blocks in flight stay small. */
struct bcell {
    uint32_t off;        /* text in the block's text buffer */
    uint32_t len;
    uint32_t line;       /* where the field starts */
    uint32_t val;        /* 1 + its value parsed ahead in val[], 0 = none */
};

struct brow {
    uint32_t cell;       /* first cell */
    uint32_t n;          /* cells */
    uint32_t line;       /* where the row starts */
};

enum { SLOT_FREE, SLOT_READY, SLOT_PARSING, SLOT_DONE };

struct block {
    int state;                /* SLOT_*: guarded by the pool's mutex */
    char *raw;                /* the raw bytes: whole records */
    size_t raw_len, raw_cap;
    int first, last;          /* the block begins / ends the file */
    char *read_err;           /* a read error after this block, or NULL */
    jh_source_block dec;      /* the block as UTF-8 */
    char *text;               /* the cells' text, each NUL-terminated */
    size_t text_len, text_cap;
    struct bcell *cell;
    size_t n_cell, cell_cap;
    struct brow *row;         /* rows that are not blank */
    size_t n_row, row_cap;
    jh_row_value *val;        /* cells parsed ahead */
    size_t n_val, val_cap;
    unsigned long lines;      /* line breaks the parser counted */
    unsigned long nl;         /* LF bytes (the encoding errors count those) */
    char *err;                /* the error that ends the block, or NULL */
    unsigned long err_line;   /* its line: from 0 (parser) or 1 (err_nl) */
    unsigned long err_col;
    int err_nl;               /* err_line counts LF bytes, from 1 */
    int err_first;            /* said before any row of the block */
    int err_rc;               /* the status it gives: JH_OK, JH_EPARSE, JH_EIO */
    int oom;
};

/* One block being parsed. */
struct bparse {
    struct block *b;
    unsigned long line;       /* current line, from 0 */
    unsigned long row_line;   /* line where the current row starts */
    unsigned long nl;         /* LF bytes so far */
    int prev_cr;              /* the last line break was a CR (CRLF pair) */
    size_t field;             /* fields seen in the current row */
    size_t row_cell, row_text; /* where the current row's cells begin */
    int stop;
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


static int grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t c = *cap ? *cap : 64;
    while (c < need)
        c *= 2;
    void *t = realloc(*p, c * size);
    if (!t)
        return -1;
    *p = t;
    *cap = c;
    return 0;
}

static void block_fail(struct bparse *p, char *msg, int rc)
{
    struct block *b = p->b;
    p->stop = 1;
    if (!msg) {
        b->oom = 1;
        return;
    }
    b->err = msg;
    b->err_line = p->line;
    b->err_col = p->field + 1;
    b->err_rc = rc;
}

static void on_field(void *data, size_t len, void *ctx)
{
    struct bparse *p = ctx;
    struct block *b = p->b;
    const char *s = data ? data : "";
    if (p->stop)
        return;
    if (p->field == 0)
        p->row_line = p->line;
    p->prev_cr = 0;
    /* One look at each byte for both NUL and LF: fields are short. */
    unsigned long nl = 0;
    int nul = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c <= '\n') {
            nl += c == '\n';
            nul |= c == '\0';
        }
    }
    if (nul) {
        block_fail(p, jh_source_nul_msg(s, len), JH_OK);
        return;
    }
    if (b->text_len + len + 1 > UINT32_MAX ||
        grow((void **)&b->cell, &b->cell_cap, b->n_cell + 1, sizeof *b->cell) ||
        grow((void **)&b->text, &b->text_cap, b->text_len + len + 1, 1)) {
        b->oom = p->stop = 1;
        return;
    }
    struct bcell *c = &b->cell[b->n_cell++];
    c->val = 0;
    c->off = (uint32_t)b->text_len;
    c->line = (uint32_t)p->line;
    if (len)
        memcpy(b->text + c->off, s, len);
    c->len = (uint32_t)jh_row_trim(b->text + c->off, len);
    b->text_len += c->len + 1;
    p->line += nl;
    p->nl += nl;
    p->field++;
}

/* The row just ended: kept unless blank (every cell empty). */
static void end_row(struct bparse *p)
{
    struct block *b = p->b;
    int blank = 1;
    for (size_t f = p->row_cell; f < b->n_cell && blank; f++)
        blank = b->cell[f].len == 0;
    if (!blank) {
        if (grow((void **)&b->row, &b->row_cap, b->n_row + 1, sizeof *b->row)) {
            b->oom = p->stop = 1;
            return;
        }
        b->row[b->n_row++] = (struct brow){(uint32_t)p->row_cell, (uint32_t)p->field,
                                           (uint32_t)p->row_line};
    } else {
        b->n_cell = p->row_cell;
        b->text_len = p->row_text;
    }
    p->field = 0;
    p->row_cell = b->n_cell;
    p->row_text = b->text_len;
}

static void on_record(int c, void *ctx)
{
    struct bparse *p = ctx;
    int crlf_tail = c == '\n' && p->prev_cr;
    p->prev_cr = c == '\r';
    if (!crlf_tail && (c == '\n' || c == '\r'))
        p->line++;
    p->nl += c == '\n';
    if (p->stop || p->field == 0)
        return;
    end_row(p);
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

/* The file ends inside a character: said after the rows before it, and
 * the row it cut is never ended. */
static void cut_error(struct bparse *p)
{
    struct block *b = p->b;
    p->stop = 1;
    b->err = b->dec.err;
    b->dec.err = NULL;
    b->err_line = b->dec.err_line;
    b->err_nl = 1;
    b->err_rc = JH_EPARSE;
}

/* Parses the block's UTF-8 text into rows with libcsv. */
static void parse_text(struct bparse *p, unsigned char delim)
{
    struct block *b = p->b;
    struct csv_parser cp;
    if (csv_init(&cp, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL | CSV_APPEND_NULL)) {
        b->oom = 1;
        return;
    }
    csv_set_space_func(&cp, space_is_blank);
    /* libcsv grows a field's buffer by this much at a time: the default
     * (128 bytes) makes a 1 MB field cost quadratic copying. */
    csv_set_blk_size(&cp, 1 << 16);
    csv_set_delim(&cp, delim);
    size_t done = csv_parse(&cp, b->dec.text, b->dec.len, on_field, on_record, p);
    if (done != b->dec.len && !p->stop)
        block_fail(p, jh_source_msg("malformed quoted field (a quote must be doubled inside "
                                    "quotes and followed by a delimiter or the end of the "
                                    "line)"), JH_EPARSE);
    else if (!p->stop && b->dec.cut)
        cut_error(p);
    else if (!p->stop && b->last && csv_fini(&cp, on_field, on_record, p) != 0)
        block_fail(p, jh_source_msg("unterminated quoted field (the file ends inside "
                                    "quotes)"), JH_EPARSE);
    csv_free(&cp);
}

/* The quote-free fast path.  libcsv is the parser of record: it parses
 * every block that holds a '"' or a NUL byte, and every block when the
 * delimiter is ' ' (which libcsv tells from a blank by its state), a
 * quote, CR, LF or NUL.  A block with neither (nearly every block of a
 * data file) needs none of libcsv's states: a field is the bytes between
 * two delimiters or line breaks.  Calling on_field for each of them, which
 * copies the field into the text buffer byte by byte inside libcsv and
 * again in on_field, was most of the parsing; here the block's text is
 * copied once, split in place (a NUL written at each cell's trimmed end)
 * and the cells point into it.  What it gives is what libcsv gives with
 * the options of parse_text, rule for rule (the unit test test_rows runs
 * both on the same inputs):
 *  - a field loses the ' ' around it (space_is_blank), then jh_row_trim's
 *    blanks; both together are jh_row_trim's blanks, trimmed once here;
 *  - every CR and LF ends the row and reaches on_record (CSV_REPALL_NL),
 *    which counts the lines (CRLF once) and drops blank rows;
 *  - a line of nothing but spaces gives no field at all: libcsv skips
 *    spaces before a row begins, so on_record sees the line break with no
 *    field (and "\r  \n" is one line break, as libcsv counts it);
 *  - a last line without a line break is a row (csv_fini) in the last
 *    block, unless the file ends inside a character. */
static int quote_free(const struct block *b, unsigned char delim)
{
    return delim != ' ' && delim != '"' && delim != '\n' && delim != '\r' && delim != '\0' &&
           b->dec.len < UINT32_MAX - 16 && !memchr(b->dec.text, '"', b->dec.len) &&
           !memchr(b->dec.text, '\0', b->dec.len);
}

/* Bit k is set when s[k] (k < 16) is the delimiter, a CR or an LF. */
static unsigned breaks16(const char *s, unsigned char delim)
{
#if defined(__SSE2__)
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
    __m128i d = _mm_cmpeq_epi8(v, _mm_set1_epi8((char)delim));
    __m128i lf = _mm_cmpeq_epi8(v, _mm_set1_epi8('\n'));
    __m128i cr = _mm_cmpeq_epi8(v, _mm_set1_epi8('\r'));
    return (unsigned)_mm_movemask_epi8(_mm_or_si128(d, _mm_or_si128(lf, cr)));
#else
    unsigned m = 0;
    for (unsigned k = 0; k < 16; k++)
        m |= (unsigned)(s[k] == (char)delim || s[k] == '\n' || s[k] == '\r') << k;
    return m;
#endif
}

/* The index of the lowest bit set in m (m != 0). */
static unsigned low_bit(unsigned m)
{
#if defined(__GNUC__)
    return (unsigned)__builtin_ctz(m);
#else
    unsigned k = 0;
    while (!(m & 1u)) {
        m >>= 1;
        k++;
    }
    return k;
#endif
}

/* The field b->text[from..to) of the fast path: trimmed in place, as
 * jh_row_trim trims (without moving it), NUL-terminated, one more cell. */
static inline void fast_field(struct bparse *p, size_t from, size_t to)
{
    struct block *b = p->b;
    char *s = b->text;
    size_t k;
    if (b->n_cell == b->cell_cap &&
        grow((void **)&b->cell, &b->cell_cap, b->n_cell + 1, sizeof *b->cell)) {
        b->oom = p->stop = 1;
        return;
    }
    if (p->field == 0)
        p->row_line = p->line;
    p->prev_cr = 0;
    if (to > from &&
        (maybe_blank((unsigned char)s[from]) || maybe_blank((unsigned char)s[to - 1]))) {
        while ((k = blank_at(s + from, to - from)) > 0)
            from += k;
        while (to > from && (k = blank_before(s + from, to - from)) > 0)
            to -= k;
    }
    s[to] = '\0';
    b->cell[b->n_cell++] = (struct bcell){(uint32_t)from, (uint32_t)(to - from),
                                          (uint32_t)p->line, 0};
    p->field++;
}

/* Whether s[0..n) is all spaces (also when n is 0). */
static int all_spaces(const char *s, size_t n)
{
    while (n && s[n - 1] == ' ')
        n--;
    return n == 0;
}

/* The line break s[at] (CR or LF) of the fast path, after the field that
 * began at from, if there is one. */
static void fast_break(struct bparse *p, size_t from, size_t at)
{
    const char *s = p->b->text;
    char c = s[at];
    if (p->field || !all_spaces(s + from, at - from))
        fast_field(p, from, at);
    on_record((unsigned char)c, p);
}

/* Parses the block's UTF-8 text into rows without libcsv (quote_free). */
static void parse_fast(struct bparse *p, unsigned char delim)
{
    struct block *b = p->b;
    size_t n = b->dec.len, from = 0;
    /* 16 bytes past the text, zero: breaks16 reads whole chunks, and a
     * zero byte is never a break (the delimiter is not NUL). */
    if (grow((void **)&b->text, &b->text_cap, n + 16, 1)) {
        b->oom = 1;
        return;
    }
    char *s = b->text;
    memcpy(s, b->dec.text, n);
    memset(s + n, 0, 16);
    b->text_len = n + 1;
    for (size_t i = 0; i < n && !p->stop; i += 16) {
        for (unsigned m = breaks16(s + i, delim); m && !p->stop; m &= m - 1) {
            size_t at = i + low_bit(m);
            if (s[at] == (char)delim)
                fast_field(p, from, at);
            else
                fast_break(p, from, at);
            from = at + 1;
        }
    }
    if (p->stop)
        return;
    if (b->dec.cut) {
        cut_error(p);
    } else if (b->last && (p->field || !all_spaces(s + from, n - from))) {
        /* csv_fini: the last line, without a line break. */
        fast_field(p, from, n);
        on_record(-1, p);
    }
}

/* The cells of the columns marked in ahead[n] (rows of n cells), parsed as
 * values here, on the parsing thread, for the callbacks to take. */
static void parse_ahead(struct block *b, const unsigned char *ahead, size_t n)
{
    for (size_t k = 0; k < b->n_row; k++) {
        if (b->row[k].n != n)
            continue;
        struct bcell *c = &b->cell[b->row[k].cell];
        for (size_t f = 0; f < n; f++) {
            if (!ahead[f])
                continue;
            if (grow((void **)&b->val, &b->val_cap, b->n_val + 1, sizeof *b->val)) {
                b->oom = 1;
                return;
            }
            jh_row_value *v = &b->val[b->n_val++];
            v->why = NULL;
            jh_value_parse(b->text + c[f].off, c[f].len, &v->v, &v->why);
            c[f].val = (uint32_t)b->n_val;
        }
    }
}

/* Decodes and parses block b: its rows, or the error that ends it. */
static void parse_block(struct block *b, jh_encoding enc, unsigned char delim,
                        const unsigned char *ahead, size_t n_ahead, int libcsv_only)
{
    struct bparse p = {.b = b};
    b->n_cell = b->text_len = b->n_row = b->n_val = 0;
    b->lines = b->nl = 0;
    int rc = jh_source_decode(&b->dec, enc, b->raw, b->raw_len, b->first, b->last);
    if (rc == JH_ENOMEM) {
        b->oom = 1;
        return;
    }
    if (rc) {
        b->err = b->dec.err;
        b->dec.err = NULL;
        b->err_line = b->dec.err_line;
        b->err_nl = b->err_first = 1;
        b->err_rc = JH_EPARSE;
        return;
    }
    if (!libcsv_only && quote_free(b, delim))
        parse_fast(&p, delim);
    else
        parse_text(&p, delim);
    b->lines = p.line;
    b->nl = p.nl;
    if (ahead && !b->oom)
        parse_ahead(b, ahead, n_ahead);
}

/* Where the last whole record of raw[from..n) ends (raw[from] begins a
 * record): after a line break outside quotes; 0 when there is none.  A CR
 * at the very end may be the first half of a CRLF: no end yet.  Quotes
 * are followed as libcsv follows them (CSV_STRICT); where libcsv would
 * stop at a malformed quote, what comes after is never parsed, so any end
 * will do.  A GB18030 character never holds a byte below 0x30 but may
 * hold any other: its bytes are skipped, lead byte 0x81..0xFE, four bytes
 * when the second is a digit. */
static size_t record_end(const unsigned char *raw, size_t from, size_t n, unsigned char delim,
                         int gb)
{
    if (!memchr(raw + from, '"', n - from)) {
        for (size_t i = n; i > from; i--)
            if (raw[i - 1] == '\n' || (raw[i - 1] == '\r' && i < n))
                return i;
        return 0;
    }
    enum { Q_START, Q_FIELD, Q_QUOTED, Q_MAYBE } st = Q_START;
    size_t end = 0;
    for (size_t i = from; i < n; i++) {
        unsigned char c = raw[i];
        size_t skip = gb && c >= 0x81 ? (i + 1 < n && raw[i + 1] >= 0x30 && raw[i + 1] <= 0x39
                                             ? 3 : 1) : 0;
        if (st == Q_QUOTED) {
            st = c == '"' ? Q_MAYBE : Q_QUOTED;
            i += skip;
        } else if (c == '\n' || c == '\r') {
            if (c == '\n' || (i + 1 < n && raw[i + 1] != '\n'))
                end = i + 1;
            st = Q_START;
        } else if (c == delim) {
            st = Q_START;
        } else if (c == '"') {
            st = st == Q_FIELD ? Q_FIELD : Q_QUOTED;
        } else if (!(c == ' ' && (st == Q_START || st == Q_MAYBE))) {
            st = Q_FIELD;
            i += skip;
        }
    }
    return end;
}

/* The reading side: the open file and the bytes read past the last block. */
struct feed {
    jh_source *src;
    unsigned char delim;
    char *carry;
    size_t carry_len, carry_cap;
    int started, eof;
};

/* The file's next block into b: the carried bytes, then reads until a
 * record ends past BLOCK_BYTES or the file does.  0, or -1 when out of
 * memory. */
static int read_block(struct feed *fd, struct block *b)
{
    size_t from = 0, end = 0;
    b->first = !fd->started;
    b->last = 0;
    fd->started = 1;
    if (grow((void **)&b->raw, &b->raw_cap, fd->carry_len + BLOCK_BYTES, 1))
        return -1;
    if (fd->carry_len)
        memcpy(b->raw, fd->carry, fd->carry_len);
    b->raw_len = fd->carry_len;
    while (!end) {
        size_t want = b->raw_len < BLOCK_BYTES ? BLOCK_BYTES - b->raw_len : b->raw_len;
        if (grow((void **)&b->raw, &b->raw_cap, b->raw_len + want, 1))
            return -1;
        long n = jh_source_fread(fd->src, b->raw + b->raw_len, want, &b->read_err);
        if (n < 0 && !b->read_err)
            return -1;
        if (n > 0)
            b->raw_len += (size_t)n;
        if (n < (long)want) {
            /* The end of the file; after a read error nothing of the block
             * is parsed: the error is said after the blocks before it. */
            fd->eof = b->last = 1;
            end = b->read_err ? 0 : b->raw_len;
            break;
        }
        /* A byte-order mark is no part of the first field. */
        if (b->first && b->raw_len >= 4)
            from = memcmp(b->raw, "\xEF\xBB\xBF", 3) == 0 ? 3
                   : fd->src->encoding == JH_ENC_GB18030 &&
                             memcmp(b->raw, "\x84\x31\x95\x33", 4) == 0 ? 4 : 0;
        end = record_end((const unsigned char *)b->raw, from, b->raw_len, fd->delim,
                         fd->src->encoding == JH_ENC_GB18030);
    }
    fd->carry_len = b->read_err ? 0 : b->raw_len - end;
    if (grow((void **)&fd->carry, &fd->carry_cap, fd->carry_len, 1))
        return -1;
    if (fd->carry_len)
        memcpy(fd->carry, b->raw + end, fd->carry_len);
    b->raw_len = end;
    return 0;
}

/* The blocks in flight, in a ring: block number k lives in slot[k % n].
 * Blocks [next_parse, next_read) are read and wait for a thread. */
struct pool {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    struct block *slot;
    size_t n;
    size_t next_parse, next_read;
    int quit;
    jh_encoding enc;
    unsigned char delim;
    const unsigned char *ahead; /* [n_ahead] columns to parse ahead, once the
                                   header is known; NULL before */
    size_t n_ahead;
    int libcsv_only;            /* jh_rows_opts.libcsv_only */
};

/* Takes the next block to parse, if any, and parses it; the mutex is held
 * on entry and on return.  1 when it parsed one. */
static int parse_next(struct pool *pl)
{
    if (pl->next_parse == pl->next_read)
        return 0;
    struct block *b = &pl->slot[pl->next_parse++ % pl->n];
    const unsigned char *ahead = pl->ahead;
    size_t n_ahead = pl->n_ahead;
    b->state = SLOT_PARSING;
    pthread_mutex_unlock(&pl->mu);
    parse_block(b, pl->enc, pl->delim, ahead, n_ahead, pl->libcsv_only);
    pthread_mutex_lock(&pl->mu);
    b->state = SLOT_DONE;
    pthread_cond_broadcast(&pl->cv);
    return 1;
}

static void *parse_worker(void *arg)
{
    struct pool *pl = arg;
    pthread_mutex_lock(&pl->mu);
    while (!pl->quit)
        if (!parse_next(pl))
            pthread_cond_wait(&pl->cv, &pl->mu);
    pthread_mutex_unlock(&pl->mu);
    return NULL;
}


/* The handing-out side: the callbacks, positions, the header. */
struct reader {
    const char *path;         /* for messages */
    jh_diag *diag;            /* where messages go */
    const jh_rows_opts *o;    /* the callbacks */
    unsigned long line;       /* first line of the next block, from 1 */
    unsigned long nl;         /* LF bytes before the next block */
    jh_row_cell *cell;        /* [cell_cap] cells of the current row */
    size_t cell_cap;
    char **header;            /* [n_header] header names, into header_text */
    char *header_text;        /* the header row's text, kept */
    size_t n_header;          /* 0 until the header row was read */
    int have_header;
    unsigned char *ahead;     /* [n_header] columns to parse ahead, or NULL */
    struct pool *pool;        /* where the parsing threads learn of them */
    int stop;                 /* stop reading: an error, a callback, out of memory */
    int oom;                  /* out of memory */
    int rc;                   /* JH_EPARSE / JH_EIO from the reading itself */
};

/* The header row's names, kept for the whole read. */
static int keep_header(struct reader *r, const jh_row *row, const char *text, size_t len)
{
    r->header = malloc(row->n * sizeof *r->header);
    r->header_text = malloc(len);
    if (!r->header || !r->header_text)
        return -1;
    memcpy(r->header_text, text, len);
    for (size_t f = 0; f < row->n; f++)
        r->header[f] = r->header_text + row->cell[f].off;
    r->n_header = row->n;
    r->have_header = 1;
    return 0;
}

/* The columns on_header marked, to the parsing threads (for the blocks
 * they take from now on), when there are any. */
static void publish_ahead(struct reader *r)
{
    size_t any = 0;
    for (size_t f = 0; f < r->n_header; f++)
        any |= r->ahead[f];
    if (!any)
        return;
    pthread_mutex_lock(&r->pool->mu);
    r->pool->ahead = r->ahead;
    r->pool->n_ahead = r->n_header;
    pthread_mutex_unlock(&r->pool->mu);
}

static void handle_row(struct reader *r, jh_row *row, const char *text, size_t len)
{
    int rc;
    if (!r->have_header) {
        if (keep_header(r, row, text, len)) {
            r->oom = r->stop = 1;
            return;
        }
        row->header = r->header;
        row->n_header = r->n_header;
        row->parse_ahead = r->ahead = calloc(row->n, 1);
        if (!r->ahead) {
            r->oom = r->stop = 1;
            return;
        }
        rc = r->o->on_header(r->o->ctx, row);
        publish_ahead(r);
    } else if (row->n != r->n_header) {
        jh_diag_add(r->diag, JH_DIAG_ERROR, r->path, row->line, 0,
                    "row has %zu fields, the header has %zu", row->n, r->n_header);
        rc = JH_OK;
    } else {
        row->header = r->header;
        row->n_header = r->n_header;
        rc = r->o->on_row(r->o->ctx, row);
    }
    if (rc == JH_ENOMEM)
        r->oom = 1;
    if (rc != JH_OK || jh_diag_full(r->diag))
        r->stop = 1;
}

/* Row k of block b to the callbacks, at the file's positions. */
static void hand_row(struct reader *r, const struct block *b, size_t k)
{
    const struct brow *w = &b->row[k];
    if (grow((void **)&r->cell, &r->cell_cap, w->n, sizeof *r->cell)) {
        r->oom = r->stop = 1;
        return;
    }
    const struct bcell *c = &b->cell[w->cell];
    size_t base = c[0].off;
    for (size_t f = 0; f < w->n; f++)
        r->cell[f] = (jh_row_cell){b->text + c[f].off, c[f].len, r->line + c[f].line,
                                   c[f].off - base, c[f].val ? &b->val[c[f].val - 1] : NULL};
    jh_row row = {.path = r->path, .diag = r->diag, .cell = r->cell, .n = w->n,
                  .line = r->line + w->line};
    handle_row(r, &row, b->text + base, c[w->n - 1].off + c[w->n - 1].len + 1 - base);
}

static void say(struct reader *r, const char *msg, unsigned long line, unsigned long col, int rc)
{
    jh_diag_add(r->diag, JH_DIAG_ERROR, r->path, line, col, "%s", msg);
    r->stop = 1;
    if (rc)
        r->rc = rc;
}

/* Block b's rows to the callbacks, then its error. */
static void hand_block(struct reader *r, const struct block *b)
{
    if (b->oom) {
        r->oom = r->stop = 1;
        return;
    }
    unsigned long err_line = b->err_nl ? r->nl + b->err_line : r->line + b->err_line;
    if (b->err && b->err_first) {
        say(r, b->err, err_line, 0, b->err_rc);
        return;
    }
    for (size_t k = 0; k < b->n_row && !r->stop; k++)
        hand_row(r, b, k);
    if (!r->stop && b->err)
        say(r, b->err, err_line, b->err_nl ? 0 : b->err_col, b->err_rc);
    if (!r->stop && b->read_err)
        say(r, b->read_err, 0, 0, JH_EIO);
    r->line += b->lines;
    r->nl += b->nl;
}

static void block_reset(struct block *b)
{
    free(b->read_err);
    free(b->err);
    free(b->dec.err);
    b->read_err = b->err = b->dec.err = NULL;
    b->err_line = b->err_col = 0;
    b->err_nl = b->err_first = b->err_rc = b->oom = 0;
    b->state = SLOT_FREE;
}

static void block_free(struct block *b)
{
    block_reset(b);
    jh_source_block_free(&b->dec);
    free(b->raw);
    free(b->text);
    free(b->cell);
    free(b->row);
    free(b->val);
}

/* One step of the loop: hand out the oldest block once parsed, else read
 * the next into a free slot, else parse one (when there is no other
 * thread to do it), else wait.  The mutex is
 * held on entry and on return.  0 when every block is handed out. */
static int step(struct pool *pl, struct feed *fd, struct reader *r, size_t *next_hand,
                size_t *workers, size_t want_workers, pthread_t *tid)
{
    struct block *h = &pl->slot[*next_hand % pl->n];
    if (*next_hand < pl->next_read && h->state == SLOT_DONE) {
        pthread_mutex_unlock(&pl->mu);
        hand_block(r, h);
        block_reset(h);
        pthread_mutex_lock(&pl->mu);
        ++*next_hand;
        return !r->stop;
    }
    if (!fd->eof && pl->next_read - *next_hand < pl->n) {
        struct block *b = &pl->slot[pl->next_read % pl->n];
        pthread_mutex_unlock(&pl->mu);
        int fail = read_block(fd, b);
        /* Threads only for a file of more than one block. */
        for (; !fail && !fd->eof && *workers < want_workers; ++*workers)
            if (pthread_create(&tid[*workers], NULL, parse_worker, pl) != 0)
                break;
        pthread_mutex_lock(&pl->mu);
        if (fail) {
            r->oom = 1;
            return 0;
        }
        b->state = SLOT_READY;
        pl->next_read++;
        pthread_cond_broadcast(&pl->cv);
        return 1;
    }
    /* The oldest block is not parsed yet and no slot is free: rather than
     * wait, this thread parses a block that waits for a thread.  When the
     * parsing is the heavier side, the handing out would otherwise leave
     * this thread idle; when it is the lighter, a block rarely waits.  A
     * spare slot keeps the other threads fed meanwhile. */
    if (parse_next(pl))
        return 1;
    if (fd->eof && *next_hand == pl->next_read)
        return 0;
    pthread_cond_wait(&pl->cv, &pl->mu);
    return 1;
}

/* Reads every block of the open source and hands its rows out. */
static void read_blocks(struct reader *r, jh_source *src)
{
    size_t nt = jh_thread_count(MAX_THREADS), workers = 0, next_hand = 0;
    struct block slot[MAX_THREADS + 2];
    pthread_t tid[MAX_THREADS];
    struct pool pl = {.slot = slot, .n = nt > 1 ? nt + 2 : 2, .enc = src->encoding,
                      .delim = delimiter_for(r->path, r->o->delimiter),
                      .libcsv_only = r->o->libcsv_only};
    struct feed fd = {.src = src, .delim = pl.delim};
    r->pool = &pl;
    memset(slot, 0, sizeof slot);
    for (size_t k = 0; k < pl.n; k++)
        slot[k].dec.cd = (iconv_t)-1;
    pthread_mutex_init(&pl.mu, NULL);
    pthread_cond_init(&pl.cv, NULL);
    pthread_mutex_lock(&pl.mu);
    while (step(&pl, &fd, r, &next_hand, &workers, nt - 1, tid))
        ;
    pl.quit = 1;
    pthread_cond_broadcast(&pl.cv);
    pthread_mutex_unlock(&pl.mu);
    for (size_t t = 0; t < workers; t++)
        pthread_join(tid[t], NULL);
    pthread_mutex_destroy(&pl.mu);
    pthread_cond_destroy(&pl.cv);
    for (size_t k = 0; k < pl.n; k++)
        block_free(&slot[k]);
    free(fd.carry);
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
    if (!rc) {
        read_blocks(&r, &src);
        rc = r.rc;
    }
    jh_source_close(&src);
    free(r.cell);
    free(r.header);
    free(r.header_text);
    free(r.ahead);
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
