#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "source.h"

const char *jh_encoding_name(jh_encoding e)
{
    return e == JH_ENC_GB18030 ? "gb18030" : e == JH_ENC_UTF8 ? "utf-8" : "auto";
}

char *jh_source_nul_msg(const char *s, size_t len)
{
    char text[256];
    return jh_source_msg("a NUL byte in \"%s\" (CSV text never holds one: save the file as CSV "
                         "in UTF-8 or GB18030, not UTF-16)",
                         jh_diag_excerpt(s, len, text, sizeof text));
}

/* Length of the valid UTF-8 sequence at p (1..4), 0 when invalid, -1 when
 * it may continue past end.  Overlongs, surrogates and > U+10FFFF are invalid. */
static int utf8_seq(const unsigned char *p, size_t avail)
{
    unsigned char c = p[0];
    int len = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
            : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (len <= 1)
        return len;
    for (int k = 1; k < len; k++) {
        if ((size_t)k >= avail)
            return -1;
        if ((p[k] & 0xC0) != 0x80)
            return 0;
    }
    if ((c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] > 0x9F) ||
        (c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] > 0x8F))
        return 0;
    return len;
}

/* The 8 bytes at p as one word, in memory order (memcpy: any alignment). */
static uint64_t word_at(const unsigned char *p)
{
    uint64_t w;
    memcpy(&w, p, sizeof w);
    return w;
}

/* What a pass over the file found, line by line: lines with non-ASCII
 * text that is valid UTF-8, lines that are not UTF-8, and the first of
 * those. */
struct utf8_scan {
    unsigned long utf8_lines, other_lines;
    unsigned long first_other;   /* line number, from 1; 0 when none */
    unsigned char first_byte;    /* its first byte that is not UTF-8 */
    unsigned long line;          /* the line being scanned */
    int line_nonascii, line_bad; /* what it has held so far */
};

static void scan_end_line(struct utf8_scan *sc)
{
    sc->utf8_lines += sc->line_nonascii && !sc->line_bad;
    sc->other_lines += sc->line_bad;
    sc->line_nonascii = sc->line_bad = 0;
}

static void scan_bad(struct utf8_scan *sc, unsigned char c)
{
    if (!sc->line_bad && !sc->first_other) {
        sc->first_other = sc->line;
        sc->first_byte = c;
    }
    sc->line_bad = 1;
}

/* Scans buf[0..len); returns how many bytes were consumed (a sequence cut
 * by the end of the buffer waits for more unless at_end). */
/* LF bytes in p[0..n), a word at a time (exact: no carry between bytes). */
static unsigned long count_lf(const unsigned char *p, size_t n)
{
    unsigned long k = 0;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x = word_at(p + i) ^ 0x0A0A0A0A0A0A0A0Au;
        uint64_t y = ~(((x & 0x7F7F7F7F7F7F7F7Fu) + 0x7F7F7F7F7F7F7F7Fu) | x |
                       0x7F7F7F7F7F7F7F7Fu);
        /* y has 0x80 in each byte that was LF: their sum, by one multiply. */
        k += (unsigned long)(((y >> 7) * 0x0101010101010101u) >> 56);
    }
    for (; i < n; i++)
        k += p[i] == '\n';
    return k;
}

/* The lines of buf[from..to), ASCII only: only a line with non-ASCII text
 * has anything to count, so they are counted when the next such text
 * comes, not one by one. */
static void scan_lines(struct utf8_scan *sc, const unsigned char *buf, size_t from, size_t to)
{
    unsigned long k = count_lf(buf + from, to - from);
    if (k) {
        scan_end_line(sc);
        sc->line += k;
    }
}

static size_t scan_chunk(struct utf8_scan *sc, const unsigned char *buf, size_t len, int at_end)
{
    size_t i = 0, counted = 0;
    while (i < len) {
        /* Eight ASCII bytes at a time: most of a file. */
        while (i + 8 <= len && !(word_at(buf + i) & 0x8080808080808080u))
            i += 8;
        while (i < len && buf[i] < 0x80)
            i++;
        if (i >= len)
            break;
        scan_lines(sc, buf, counted, i);
        counted = i;
        int k = utf8_seq(buf + i, len - i);
        if (k < 0 && !at_end)
            break;
        if (k <= 0) {
            scan_bad(sc, buf[i]);
            k = 1;
        } else {
            sc->line_nonascii = 1;
        }
        i += (size_t)k;
        counted = i;
    }
    scan_lines(sc, buf, counted, i);
    return i;
}

/* One pass over the file for --encoding auto.  Returns 0, or -1 on a read
 * error (errno set). */
static int scan_utf8(FILE *f, struct utf8_scan *sc)
{
    unsigned char buf[1 << 16];
    size_t keep = 0, n;
    memset(sc, 0, sizeof *sc);
    sc->line = 1;
    while ((n = fread(buf + keep, 1, sizeof buf - keep, f)) > 0) {
        size_t len = keep + n, used = scan_chunk(sc, buf, len, 0);
        keep = len - used;
        memmove(buf, buf + used, keep);
    }
    if (ferror(f))
        return -1;
    scan_chunk(sc, buf, keep, 1);
    scan_end_line(sc);
    rewind(f);
    return 0;
}

/* --encoding auto: valid UTF-8 is UTF-8; a file whose non-ASCII lines are
 * mostly not UTF-8 is GB18030 (a GB18030 line is valid UTF-8 only by
 * chance, and rarely); a file with as many UTF-8 lines as others, or more,
 * mixes encodings and is refused: decoding it as GB18030 would garble every
 * UTF-8 name without a word. */
static int detect(jh_source *s, jh_diag *diag, jh_encoding *enc)
{
    struct utf8_scan sc;
    if (scan_utf8(s->f, &sc)) {
        jh_diag_add(diag, JH_DIAG_ERROR, s->path, 0, 0, "read error: %s", strerror(errno));
        return JH_EIO;
    }
    *enc = sc.other_lines ? JH_ENC_GB18030 : JH_ENC_UTF8;
    if (!sc.other_lines || sc.utf8_lines < sc.other_lines)
        return JH_OK;
    jh_diag_add(diag, JH_DIAG_ERROR, s->path, sc.first_other, 0,
                "line is not UTF-8 (byte 0x%02X), but %lu other line%s with non-ASCII text "
                "%s: the file mixes two encodings (save it again as UTF-8; if it is all "
                "GB18030, give --encoding gb18030)",
                sc.first_byte, sc.utf8_lines, sc.utf8_lines == 1 ? "" : "s",
                sc.utf8_lines == 1 ? "is" : "are");
    return JH_EPARSE;
}

int jh_source_refuse_folder(FILE *f, const char *path, jh_diag *diag)
{
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        jh_diag_add(diag, JH_DIAG_ERROR, path, 0, 0,
                    "is a folder, not a file (give a CSV file inside it)");
        return JH_ENOTFOUND;
    }
    return JH_OK;
}

int jh_source_open(jh_source *s, const char *path, jh_encoding enc, jh_diag *diag)
{
    memset(s, 0, sizeof *s);
    s->path = path;
    s->f = fopen(path, "rb");
    if (!s->f) {
        jh_diag_add(diag, JH_DIAG_ERROR, path, 0, 0, "cannot open: %s", strerror(errno));
        return JH_ENOTFOUND;
    }
    int rc = jh_source_refuse_folder(s->f, path, diag);
    if (!rc && enc == JH_ENC_AUTO)
        rc = detect(s, diag, &enc);
    s->encoding = enc;
    if (!rc && enc == JH_ENC_GB18030) {
        /* Opened once here to say early that the conversion is missing;
         * every block is converted with its own descriptor. */
        iconv_t cd = iconv_open("UTF-8", "GB18030");
        if (cd == (iconv_t)-1) {
            jh_diag_add(diag, JH_DIAG_ERROR, path, 0, 0,
                        "cannot convert from GB18030: %s", strerror(errno));
            rc = JH_EIO;
        } else {
            iconv_close(cd);
        }
    }
    if (rc) {
        fclose(s->f);
        s->f = NULL;
    }
    return rc;
}

long jh_source_fread(jh_source *s, char *buf, size_t cap, char **msg)
{
    size_t n = fread(buf, 1, cap, s->f);
    if (n == 0 && ferror(s->f)) {
        *msg = jh_source_msg("read error: %s", strerror(errno));
        return -1;
    }
    return (long)n;
}

static unsigned long count_lines(const char *p, size_t n)
{
    unsigned long k = 0;
    for (const char *e = p + n; (p = memchr(p, '\n', (size_t)(e - p))); p++)
        k++;
    return k;
}

char *jh_source_msg(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *m = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (!m)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(m, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return m;
}

/* Offset of the first byte of p[0..n) that is not valid UTF-8 (an
 * incomplete sequence at the end included), or n. */
static size_t utf8_valid_prefix(const unsigned char *p, size_t n)
{
    size_t i = 0;
    while (i < n) {
        while (i + 8 <= n && !(word_at(p + i) & 0x8080808080808080u))
            i += 8;
        if (i >= n)
            break;
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        int k = utf8_seq(p + i, n - i);
        if (k <= 0)
            return i;
        i += (size_t)k;
    }
    return n;
}

/* GB18030 -> UTF-8 of raw[0..n) into *buf.  A character cut by the end
 * is not converted: *cut is set, the text before it handed out. */
static int gb_convert(jh_source_block *b, const char *raw, size_t n, int *cut)
{
    /* A GB18030 character is 1, 2 or 4 bytes and becomes 1, 3 or at most 4
     * bytes of UTF-8: twice the input always suffices. */
    size_t need = 2 * n + 16;
    if (b->cap < need) {
        char *t = realloc(b->buf, need);
        if (!t)
            return JH_ENOMEM;
        b->buf = t;
        b->cap = need;
    }
    char *in = (char *)raw, *out = b->buf;
    size_t in_left = n, out_left = b->cap;
    *cut = 0;
    iconv(b->cd, NULL, NULL, NULL, NULL);
    if (iconv(b->cd, &in, &in_left, &out, &out_left) == (size_t)-1) {
        size_t done = b->cap - out_left;
        b->len = done;
        if (errno == EINVAL) {
            *cut = 1;
            return JH_OK;
        }
        const char *from = b->buf + done;
        while (from > b->buf && from[-1] != '\n')
            from--;
        b->err_line = count_lines(b->buf, done) + 1;
        b->err = jh_source_msg("byte 0x%02X is not valid GB18030 (give --encoding to choose "
                               "the file's encoding) after \"%.*s\"", (unsigned char)*in,
                               (int)(b->buf + done - from), from);
        return b->err ? JH_EPARSE : JH_ENOMEM;
    }
    b->len = b->cap - out_left;
    return JH_OK;
}

int jh_source_decode(jh_source_block *b, jh_encoding enc, const char *raw, size_t n,
                     int first, int last)
{
    int rc = JH_OK, cut = 0;
    b->err = NULL;
    b->err_line = 0;
    b->cut = 0;
    if (enc == JH_ENC_GB18030) {
        if (b->cd == (iconv_t)-1 && (b->cd = iconv_open("UTF-8", "GB18030")) == (iconv_t)-1)
            return JH_ENOMEM;
        rc = gb_convert(b, raw, n, &cut);
        b->text = b->buf;
        if (rc)
            return rc;
        if (cut && !last)
            return JH_ENOMEM; /* not reached: blocks end after a line break */
        b->cut = cut;
        if (cut)
            b->err_line = count_lines(b->buf, b->len) + 1;
        if (cut && !(b->err = jh_source_msg("the file ends inside a GB18030 character")))
            return JH_ENOMEM;
    } else {
        size_t ok = utf8_valid_prefix((const unsigned char *)raw, n);
        b->text = raw;
        b->len = n;
        if (ok < n) {
            b->err_line = count_lines(raw, ok) + 1;
            b->err = jh_source_msg("byte 0x%02X is not valid UTF-8 (is the file GB18030? "
                                   "give --encoding gb18030 or auto)", (unsigned char)raw[ok]);
            return b->err ? JH_EPARSE : JH_ENOMEM;
        }
    }
    if (first && b->len >= 3 && memcmp(b->text, "\xEF\xBB\xBF", 3) == 0) {
        b->text += 3;
        b->len -= 3;
    }
    return JH_OK;
}

void jh_source_block_free(jh_source_block *b)
{
    if (b->cd != (iconv_t)-1)
        iconv_close(b->cd);
    b->cd = (iconv_t)-1;
    free(b->buf);
    free(b->err);
    b->buf = b->err = NULL;
    b->cap = 0;
}

void jh_source_close(jh_source *s)
{
    if (s->f)
        fclose(s->f);
    s->f = NULL;
}
