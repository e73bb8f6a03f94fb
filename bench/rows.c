/* The row reader alone (src/data/rows.c), timed: every block decoded,
 * parsed into cells and handed to callbacks that keep nothing, the value,
 * weight and region-code columns parsed ahead as junheng's data reader
 * asks.  With JUNHENG_THREADS=1 the CPU seconds are the parsing side's.
 * Usage: bench_rows [--libcsv] FILE
 *   --libcsv  parse every block with libcsv (no quote-free fast path) */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "data/rows.h"

struct count {
    size_t rows, cells;
};

static int on_header(void *ctx, const jh_row *row)
{
    (void)ctx;
    for (size_t f = 0; f < row->n; f++)
        row->parse_ahead[f] = strcmp(row->cell[f].text, "value") == 0 ||
                              strcmp(row->cell[f].text, "population") == 0 ||
                              strcmp(row->cell[f].text, "region_code") == 0;
    return JH_OK;
}

static int on_row(void *ctx, const jh_row *row)
{
    struct count *c = ctx;
    c->rows++;
    c->cells += row->n;
    return JH_OK;
}

int main(int argc, char **argv)
{
    struct timespec t0, t1;
    struct count c = {0, 0};
    jh_diag diag;
    int libcsv = argc == 3 && strcmp(argv[1], "--libcsv") == 0;
    if (argc != 2 + libcsv) {
        fputs("usage: bench_rows [--libcsv] FILE\n", stderr);
        return 64;
    }
    jh_rows_opts o = {.encoding = JH_ENC_AUTO, .on_header = on_header, .on_row = on_row,
                      .ctx = &c, .libcsv_only = libcsv};
    jh_diag_init(&diag, 5);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int rc = jh_rows_read(argv[1 + libcsv], &o, &diag, NULL);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    for (size_t i = 0; i < diag.n; i++)
        fprintf(stderr, "%s\n", diag.items[i].text);
    printf("rows (%s): %zu rows, %zu cells in %.3f s\n", libcsv ? "libcsv" : "fast path",
           c.rows, c.cells,
           (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec));
    jh_diag_clear(&diag);
    return rc ? 65 : 0;
}
