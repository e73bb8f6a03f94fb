/* The row reader's two parsers side by side (src/data/rows.c): a block
 * without a quote or a NUL is split by the quote-free fast path, every
 * other block by libcsv, the parser of record.  Every input here is read
 * twice, once as it comes and once with jh_rows_opts.libcsv_only (libcsv
 * for every block), and the two transcripts must be equal byte for byte:
 * the header and every row with its line, every cell with its text,
 * length and line, every message with its FILE:LINE:COL, the status and
 * whether the read was whole; a value parsed ahead (on a block thread)
 * must be what jh_value_parse gives for the cell's text.  Hand-made
 * inputs for each rule (spaces and blanks around fields, empty fields,
 * blank lines, CRLF, lone CR, trailing delimiters, no final line break,
 * NUL, UTF-8 and GB18030, rows of differing lengths, long fields, ';' and
 * tab), then generated ones, small and across many blocks.  A few
 * transcripts are also checked against what was worked out by hand, so
 * that the two paths cannot agree on something wrong. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <iconv.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "data/rows.h"
#include "junheng/status.h"

/* A growing string: the transcript of one read; and how many cells came
 * with a value parsed ahead (not in the transcript: which blocks are
 * parsed before the header is read depends on the threads' timing). */
struct text {
    char *s;
    size_t len, cap;
    size_t ahead;
};

static void put(struct text *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    assert_true(n >= 0);
    if (t->len + (size_t)n + 1 > t->cap) {
        t->cap = 2 * (t->len + (size_t)n + 1);
        t->s = realloc(t->s, t->cap);
        assert_non_null(t->s);
    }
    va_start(ap, fmt);
    vsnprintf(t->s + t->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    t->len += (size_t)n;
}

/* A value parsed ahead is what jh_value_parse gives for the cell here. */
static void check_ahead(const jh_row_cell *c)
{
    jh_value v;
    const char *why = NULL;
    jh_value_parse(c->text, c->len, &v, &why);
    assert_string_equal(why ? why : "-", c->ahead->why ? c->ahead->why : "-");
    if (why)
        return;
    assert_int_equal(v.kind, c->ahead->v.kind);
    assert_int_equal(v.bound, c->ahead->v.bound);
    assert_int_equal(v.percent, c->ahead->v.percent);
    assert_true(memcmp(&v.x, &c->ahead->v.x, sizeof v.x) == 0 ||
                (isnan(v.x) && isnan(c->ahead->v.x)));
}

static void put_row(struct text *t, const char *what, const jh_row *row)
{
    put(t, "%s line %lu, %zu cells\n", what, row->line, row->n);
    for (size_t f = 0; f < row->n; f++) {
        const jh_row_cell *c = &row->cell[f];
        assert_int_equal(strlen(c->text), c->len);
        put(t, "  %lu [%zu] <%s>\n", c->line, c->len, c->text);
        if (c->ahead) {
            check_ahead(c);
            t->ahead++;
        }
    }
}

/* Every column is parsed ahead, so that the values agree too. */
static int on_header(void *ctx, const jh_row *row)
{
    put_row(ctx, "header", row);
    for (size_t f = 0; f < row->n; f++)
        row->parse_ahead[f] = 1;
    return JH_OK;
}

static int on_row(void *ctx, const jh_row *row)
{
    put_row(ctx, "row", row);
    return JH_OK;
}

/* The transcript of reading path (its bytes are elsewhere) with one
 * parser or the other; the caller frees it.  *ahead (may be NULL): the
 * cells that came with a value parsed ahead. */
static char *transcript(const char *path, jh_encoding enc, char delim, int libcsv_only,
                        size_t *ahead)
{
    struct text t = {NULL, 0, 0, 0};
    jh_diag diag;
    int whole = -1;
    jh_rows_opts o = {.encoding = enc, .delimiter = delim, .on_header = on_header,
                      .on_row = on_row, .ctx = &t, .libcsv_only = libcsv_only};
    jh_diag_init(&diag, 20);
    int rc = jh_rows_read(path, &o, &diag, &whole);
    put(&t, "rc %d whole %d\n", rc, whole);
    for (size_t i = 0; i < diag.n; i++)
        put(&t, "diag %d: %s\n", (int)diag.items[i].level, diag.items[i].text);
    jh_diag_clear(&diag);
    if (ahead)
        *ahead = t.ahead;
    return t.s;
}

/* Writes bytes[0..n) to a fresh temporary file; its path into buf. */
static void fixture(const char *bytes, size_t n, char *buf, size_t cap)
{
    snprintf(buf, cap, "/tmp/jh_rows_XXXXXX");
    int fd = mkstemp(buf);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(bytes, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
}

/* Reads bytes[0..n) both ways; fails on the first difference.  Returns
 * the transcript (fast path) for the caller to check further; *ahead (may
 * be NULL) as in transcript(), of the fast path's read. */
static char *both_ahead(const char *bytes, size_t n, jh_encoding enc, char delim,
                        size_t *ahead)
{
    char path[64];
    fixture(bytes, n, path, sizeof path);
    char *fast = transcript(path, enc, delim, 0, ahead);
    char *ref = transcript(path, enc, delim, 1, NULL);
    unlink(path);
    if (strcmp(fast, ref) != 0) {
        size_t at = 0;
        while (fast[at] == ref[at])
            at++;
        at = at > 300 ? at - 300 : 0;
        print_error("input (%zu bytes, delimiter 0x%02X) begins:\n%.*s\n"
                    "-- fast path, from byte %zu of its transcript:\n%.600s\n"
                    "-- libcsv:\n%.600s\n",
                    n, (unsigned char)delim, (int)(n < 600 ? n : 600), bytes, at, fast + at,
                    ref + at);
        fail();
    }
    free(ref);
    return fast;
}

static char *both(const char *bytes, size_t n, jh_encoding enc, char delim)
{
    return both_ahead(bytes, n, enc, delim, NULL);
}

static void same(const char *bytes, size_t n, jh_encoding enc, char delim)
{
    free(both(bytes, n, enc, delim));
}

/* bytes as GB18030 (from UTF-8), into a new buffer of *n bytes. */
static char *to_gb18030(const char *utf8, size_t len, size_t *n)
{
    iconv_t cd = iconv_open("GB18030", "UTF-8");
    assert_true(cd != (iconv_t)-1);
    size_t cap = 4 * len + 16, in_left = len, out_left = cap;
    char *out = malloc(cap), *in = (char *)utf8, *o = out;
    assert_non_null(out);
    assert_true(iconv(cd, &in, &in_left, &o, &out_left) != (size_t)-1);
    iconv_close(cd);
    *n = cap - out_left;
    return out;
}

#define S(lit) lit, sizeof lit - 1

/* Each rule of the reader, by hand, in UTF-8 and in GB18030. */
static void test_hand_made(void **state)
{
    (void)state;
    static const struct {
        const char *bytes;
        size_t n;
        char delim;
    } in[] = {
        {S("a,b\n1,2\n"), ','},
        {S(" a , b \n 1 ,2 \n  3,  4  \n"), ','},
        {S("a,b\r\n1,2\r\n\r\n3,4"), ','},
        {S("a,b\r1,2\r3,4\r"), ','},
        {S("a,b\r\r\n\n1,2\n\r3,4\n"), ','},
        {S("a,b\n1,2,\n,\n1,\n,2\n"), ','},
        {S("a,b\n\n   \n\t\n \t \n1,2"), ','},
        {S("a,b\r  \n1,2\r \r\n3,4\n"), ','},
        {S("a,b\n1,\0x\n"), ','},
        {S("a,b\n1,2\n3,4\0\n"), ','},
        {S("a;b\n1;2\n 3 ; 4 ;\n"), ';'},
        {S("a\tb\n 1 \t 2 \n\t\n3\t\t4\n"), '\t'},
        {S("名称,值\n　北京　,\xC2\xA0" "1.5\xC2\xA0\n\xC2\xA0,　\n上海 ,  2 \n"), ','},
        {S("a,b\n1,2   "), ','},
        {S("a,b\n1,   "), ','},
        {S("a,b\n1,2\n   "), ','},
        {S("a,b\n1,2\n,"), ','},
        {S("a,b,c\n1\n1,2,3,4\n1,2,3\n\n1,2\n"), ','},
        {S(""), ','},
        {S("\n\n  \n\r\n"), ','},
        {S(" a ,　b　\n1,2\n"), ','},
        {S("a,b\n\"x\",2\n3,\"y\"\"z\"\n"), ','},
        {S("a,b\n\"x\nz\",2\n3,4\n"), ','},
        {S("\xEF\xBB\xBF" "a,b\n1,2\n"), ','},
        {S("a,b\n1,-\n2,n/a\n3,5%\n4,<0.1\n5,1e400\n"), ','},
        {S("a b,c d\n1 2,3 4\n"), ','},
        {S("a,b\n1,2\r\n\r"), ','},
    };
    for (size_t k = 0; k < sizeof in / sizeof *in; k++) {
        same(in[k].bytes, in[k].n, JH_ENC_UTF8, in[k].delim);
        if (memchr(in[k].bytes, '\0', in[k].n))
            continue; /* iconv would stop at the NUL: the same bytes */
        size_t n;
        char *gb = to_gb18030(in[k].bytes, in[k].n, &n);
        same(gb, n, JH_ENC_GB18030, in[k].delim);
        free(gb);
    }
}

/* The error cases that end a block: a byte that is not UTF-8, the file
 * ending inside a GB18030 character (after the rows before it), a NUL. */
static void test_errors(void **state)
{
    (void)state;
    same(S("a,b\n1,2\n3,\xFF\n"), JH_ENC_UTF8, ',');
    same(S("a,b\n1,2\n3,\xD6"), JH_ENC_GB18030, ',');
    same(S("a,b\n1,2\n3,4\n\xD6"), JH_ENC_GB18030, ',');
    same(S("a,b\n1,2\n 3\0 ,4\n"), JH_ENC_UTF8, ',');
}

/* A few transcripts worked by hand: the fast path is right, not only the
 * same as libcsv.  (A file of one block is parsed before its header is
 * read: no cell of it is parsed ahead.) */
static void test_worked(void **state)
{
    (void)state;
    /* CRLF counts once, a lone CR once; the blank row (line 3) is skipped;
     * the last line has no line break.  " 1 " and "\xC2\xA0" + "2" lose
     * their blanks; 3 is on line 4, 4 at the end too. */
    char *t = both(S("a,b\r\n 1 ,\xC2\xA0" "2\r\n\r3,4"), JH_ENC_UTF8, ',');
    assert_string_equal(t, "header line 1, 2 cells\n  1 [1] <a>\n  1 [1] <b>\n"
                           "row line 2, 2 cells\n  2 [1] <1>\n  2 [1] <2>\n"
                           "row line 4, 2 cells\n  4 [1] <3>\n  4 [1] <4>\n"
                           "rc 0 whole 1\n");
    free(t);
    /* "\r  \n" is one line break for libcsv (the spaces before a row
     * begins are skipped, then LF follows CR): 1,2 is on line 3. */
    t = both(S("a,b\r  \n\n1,2\n"), JH_ENC_UTF8, ',');
    assert_non_null(strstr(t, "row line 3, 2 cells\n"));
    free(t);
    /* A row of three fields under a header of two: said at its line. */
    t = both(S("a,b\n1,2,\n"), JH_ENC_UTF8, ',');
    assert_non_null(strstr(t, ":2: row has 3 fields, the header has 2"));
    free(t);
}

/* xorshift64* (Vigna 2016): the same inputs on every platform. */
static uint64_t next_random(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * UINT64_C(2685821657736338717);
}

/* Random text of about n bytes from the pieces the rules are about;
 * quotes (valid or not) only when quotes is set, NUL when nul is. */
static size_t generate(uint64_t *rs, char *out, size_t n, char delim, int quotes, int nul)
{
    static const char *const piece[] = {
        "1", "23.5", "-4", "abc", "n/a", "", " ", "  ", "\t", "中文", "\xE3\x80\x80",
        "\xC2\xA0", "x y", "1e5", "7%", "D", "D", "D", "D", "\n", "\n", "\r", "\r\n", "\r\n",
        " \n", "\"q\"", "\"a\"\"b\"", "\"", "\"x\ny\"", "N"};
    size_t len = 0, n_piece = sizeof piece / sizeof *piece;
    while (len < n) {
        const char *p = piece[next_random(rs) % n_piece];
        if (p[0] == 'D' && !p[1]) {
            out[len++] = delim;
            continue;
        }
        if (p[0] == 'N' && !p[1]) {
            if (nul && next_random(rs) % 8 == 0)
                out[len++] = '\0';
            continue;
        }
        if (strchr(p, '"') && !quotes)
            continue;
        size_t k = strlen(p);
        memcpy(out + len, p, k);
        len += k;
    }
    return len;
}

/* Thousands of small random inputs, every delimiter, both encodings. */
static void test_generated(void **state)
{
    (void)state;
    static const char delims[] = {',', ';', '\t'};
    uint64_t rs = UINT64_C(0x9E3779B97F4A7C15);
    char buf[512];
    for (int k = 0; k < 3000; k++) {
        char delim = delims[k % 3];
        size_t n = generate(&rs, buf, 1 + next_random(&rs) % 200, delim, k % 5 == 0,
                            k % 7 == 0);
        same(buf, n, JH_ENC_UTF8, delim);
        if (k % 4 == 0 && !memchr(buf, '\0', n)) {
            size_t m;
            char *gb = to_gb18030(buf, n, &m);
            same(gb, m, JH_ENC_GB18030, delim);
            free(gb);
        }
    }
}

/* Files of many blocks (256 KiB each): a regular table whose cells carry
 * blanks, blank lines and every line break, with a quoted field or a long
 * one here and there, so that blocks of both kinds follow each other. */
static void test_many_blocks(void **state)
{
    (void)state;
    uint64_t rs = 42;
    size_t cap = (size_t)3 << 20, n = 0;
    char *buf = malloc(cap + 300000);
    assert_non_null(buf);
    n += (size_t)sprintf(buf, "code,year,value,note\n");
    for (long row = 0; n < cap; row++) {
        uint64_t r = next_random(&rs);
        static const char *const brk[] = {"\n", "\r\n", "\r", "\n\n", " \n", "\r\n\r\n"};
        n += (size_t)sprintf(buf + n, "%s%ld,%s%d , %d.%03d%s,%s%s",
                             r % 11 == 0 ? " " : "", 100000 + row % 2850,
                             r % 13 == 0 ? "\xE3\x80\x80" : "", 2011 + (int)(row % 10),
                             (int)(r >> 20) % 1000, (int)(r >> 40) % 1000,
                             r % 17 == 0 ? "\xC2\xA0" : "",
                             r % 997 == 0 ? "\"quoted, note\"" : r % 19 == 0 ? "东部" : "",
                             brk[(r >> 8) % 6]);
        if (r % 5003 == 0) {
            memset(buf + n, 'x', 200000);
            n += 200000;
            buf[n++] = ',';
            n += (size_t)sprintf(buf + n, "1,2,3\n");
        }
    }
    /* The blocks parsed once the header is read (at the latest from the
     * fourth of these 13 on) have their cells parsed ahead: checked too. */
    size_t ahead = 0;
    free(both_ahead(buf, n, JH_ENC_UTF8, ',', &ahead));
    assert_true(ahead > 0);
    buf[n++] = '9'; /* no final line break */
    same(buf, n, JH_ENC_UTF8, ',');
    size_t m;
    char *gb = to_gb18030(buf, n, &m);
    same(gb, m, JH_ENC_GB18030, ',');
    free(gb);
    /* Random text across blocks, without and with quotes. */
    n = generate(&rs, buf, cap, ';', 0, 0);
    same(buf, n, JH_ENC_UTF8, ';');
    n = generate(&rs, buf, cap, '\t', 1, 0);
    same(buf, n, JH_ENC_UTF8, '\t');
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hand_made),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_worked),
        cmocka_unit_test(test_generated),
        cmocka_unit_test(test_many_blocks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
