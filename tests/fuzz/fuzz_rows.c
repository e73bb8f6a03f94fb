/* libFuzzer target: the row reader's quote-free fast path against libcsv
 * (src/data/rows.c).  The first input byte picks the encoding (utf-8 or
 * gb18030) and the delimiter; the rest is the file, read once as it comes
 * and once with jh_rows_opts.libcsv_only.  Any difference in the rows,
 * cells, lines or messages aborts. */
#define _GNU_SOURCE
#include <string.h>
#include "fuzz_file.h"
#include "data/rows.h"

/* A hash of everything the callbacks see, in order. */
static void mix(uint64_t *h, const void *p, size_t n)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++)
        *h = (*h ^ s[i]) * UINT64_C(0x100000001B3);
    *h = (*h ^ 0xFF) * UINT64_C(0x100000001B3);
}

static int on_row(void *ctx, const jh_row *row)
{
    uint64_t *h = ctx;
    mix(h, &row->line, sizeof row->line);
    mix(h, &row->n, sizeof row->n);
    for (size_t f = 0; f < row->n; f++) {
        if (strlen(row->cell[f].text) != row->cell[f].len)
            abort();
        mix(h, row->cell[f].text, row->cell[f].len);
        mix(h, &row->cell[f].line, sizeof row->cell[f].line);
    }
    return JH_OK;
}

static uint64_t read_rows(const char *path, jh_encoding enc, char delim, int libcsv_only)
{
    uint64_t h = UINT64_C(0xCBF29CE484222325);
    jh_rows_opts o = {.encoding = enc, .delimiter = delim, .on_header = on_row,
                      .on_row = on_row, .ctx = &h, .libcsv_only = libcsv_only};
    jh_diag diag;
    int whole = -1;
    jh_diag_init(&diag, 20);
    int rc = jh_rows_read(path, &o, &diag, &whole);
    mix(&h, &rc, sizeof rc);
    mix(&h, &whole, sizeof whole);
    for (size_t i = 0; i < diag.n; i++)
        mix(&h, diag.items[i].text, strlen(diag.items[i].text));
    jh_diag_clear(&diag);
    return h;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    static const char delims[4] = {',', '\t', ';', '|'};
    jh_encoding enc = data[0] & 1 ? JH_ENC_GB18030 : JH_ENC_UTF8;
    char delim = delims[(data[0] >> 1) & 3];
    char path[64];
    int fd = fuzz_file(data + 1, size - 1, path, sizeof path);
    if (read_rows(path, enc, delim, 0) != read_rows(path, enc, delim, 1))
        abort();
    close(fd);
    return 0;
}
