#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "source.h"

const char *jh_encoding_name(jh_encoding e)
{
    return e == JH_ENC_GB18030 ? "gb18030" : e == JH_ENC_UTF8 ? "utf-8" : "auto";
}

void jh_source_nul_error(jh_diag *diag, const char *path, unsigned long line,
                         unsigned long col, const char *s, size_t len)
{
    char text[256];
    jh_diag_add(diag, JH_DIAG_ERROR, path, line, col,
                "a NUL byte in \"%s\" (CSV text never holds one: save the file as CSV "
                "in UTF-8 or GB18030, not UTF-16)", jh_diag_excerpt(s, len, text, sizeof text));
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
static size_t scan_chunk(struct utf8_scan *sc, const unsigned char *buf, size_t len, int at_end)
{
    size_t i = 0;
    while (i < len) {
        if (buf[i] < 0x80) { /* most bytes: no sequence to decode */
            if (buf[i++] == '\n') {
                scan_end_line(sc);
                sc->line++;
            }
            continue;
        }
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
    }
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
    memset(s, 0, offsetof(jh_source, in));
    s->path = path;
    s->cd = (iconv_t)-1;
    s->first = 1;
    s->in_len = 0;
    s->in_used = 0;
    s->lines = 0;
    s->eof = 0;
    s->f = fopen(path, "rb");
    if (!s->f) {
        jh_diag_add(diag, JH_DIAG_ERROR, path, 0, 0, "cannot open: %s", strerror(errno));
        return JH_ENOTFOUND;
    }
    s->io_error = 0;
    int rc = jh_source_refuse_folder(s->f, path, diag);
    if (!rc && enc == JH_ENC_AUTO)
        rc = detect(s, diag, &enc);
    if (rc) {
        fclose(s->f);
        s->f = NULL;
        return rc;
    }
    s->encoding = enc;
    if (enc == JH_ENC_GB18030) {
        s->cd = iconv_open("UTF-8", "GB18030");
        if (s->cd == (iconv_t)-1) {
            jh_diag_add(diag, JH_DIAG_ERROR, path, 0, 0,
                        "cannot convert from GB18030: %s", strerror(errno));
            fclose(s->f);
            s->f = NULL;
            return JH_EIO;
        }
    }
    return JH_OK;
}

static unsigned long count_lines(const char *p, size_t n)
{
    unsigned long k = 0;
    for (const char *e = p + n; (p = memchr(p, '\n', (size_t)(e - p))); p++)
        k++;
    return k;
}

static long convert(jh_source *s, const char **chunk, jh_diag *diag)
{
    char *in = s->in, *out = s->out;
    size_t in_left = s->in_len, out_left = sizeof s->out;
    if (iconv(s->cd, &in, &in_left, &out, &out_left) == (size_t)-1 && errno == EILSEQ) {
        size_t done = sizeof s->out - out_left;
        const char *nl = NULL;
        for (size_t i = done; i > 0 && !nl; i--)
            if (s->out[i - 1] == '\n')
                nl = s->out + i - 1;
        jh_diag_add(diag, JH_DIAG_ERROR, s->path, s->lines + count_lines(s->out, done) + 1, 0,
                    "byte 0x%02X is not valid GB18030 (give --encoding to choose the "
                    "file's encoding) after \"%.*s\"", (unsigned char)*in,
                    (int)(nl ? done - (size_t)(nl - s->out) - 1 : done),
                    nl ? nl + 1 : s->out);
        return -1;
    }
    /* EINVAL: a character split by the chunk boundary; keep its bytes. */
    memmove(s->in, in, in_left);
    s->in_len = in_left;
    *chunk = s->out;
    return (long)(sizeof s->out - out_left);
}

/* Hands out the valid UTF-8 prefix of s->in; an incomplete sequence at the
 * end waits for the next read, an invalid one is an error. */
static long utf8_chunk(jh_source *s, const char **chunk, jh_diag *diag)
{
    const unsigned char *p = (const unsigned char *)s->in;
    size_t i = 0, n = s->in_len;
    while (i < n) {
        int k = utf8_seq(p + i, n - i);
        if (k < 0 && !s->eof)
            break;
        if (k <= 0) {
            unsigned long line = s->lines + count_lines(s->in, i) + 1;
            jh_diag_add(diag, JH_DIAG_ERROR, s->path, line, 0,
                        "byte 0x%02X is not valid UTF-8 (is the file GB18030? "
                        "give --encoding gb18030 or auto)", p[i]);
            return -1;
        }
        i += (size_t)k;
    }
    /* Handed out in place; the incomplete tail moves to the front before
     * the next read. */
    s->in_used = i;
    *chunk = s->in;
    return (long)i;
}

long jh_source_read(jh_source *s, const char **chunk, jh_diag *diag)
{
    for (;;) {
        if (s->in_used) {
            memmove(s->in, s->in + s->in_used, s->in_len - s->in_used);
            s->in_len -= s->in_used;
            s->in_used = 0;
        }
        size_t n = s->eof ? 0 : fread(s->in + s->in_len, 1, sizeof s->in - s->in_len, s->f);
        if (n == 0 && ferror(s->f)) {
            jh_diag_add(diag, JH_DIAG_ERROR, s->path, 0, 0, "read error: %s", strerror(errno));
            s->io_error = 1;
            return -1;
        }
        if (n == 0)
            s->eof = 1;
        s->in_len += n;
        if (s->in_len == 0)
            return 0;
        long len;
        if (s->cd == (iconv_t)-1) {
            len = utf8_chunk(s, chunk, diag);
            if (len < 0)
                return -1;
        } else {
            len = convert(s, chunk, diag);
            if (len < 0)
                return -1;
            if (len == 0 && s->eof) {
                jh_diag_add(diag, JH_DIAG_ERROR, s->path, s->lines + 1, 0,
                            "the file ends inside a GB18030 character");
                return -1;
            }
        }
        if (s->first && len >= 3 && memcmp(*chunk, "\xEF\xBB\xBF", 3) == 0) {
            *chunk += 3;
            len -= 3;
        }
        s->first = 0;
        if (len > 0) {
            s->lines += count_lines(*chunk, (size_t)len);
            return len;
        }
    }
}

void jh_source_close(jh_source *s)
{
    if (s->cd != (iconv_t)-1)
        iconv_close(s->cd);
    if (s->f)
        fclose(s->f);
    s->f = NULL;
    s->cd = (iconv_t)-1;
}
