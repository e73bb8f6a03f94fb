/* The floor for ingest: a bare libcsv parse of a file that only counts the
 * fields and converts every field that looks numeric with strtod.
 * Usage: bench_bare_libcsv FILE */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <csv.h>

struct counts {
    size_t fields, rows, numbers;
    double sum; /* keeps the conversions from being optimised away */
};

static void on_field(void *s, size_t len, void *ctx)
{
    struct counts *c = ctx;
    char *end;
    c->fields++;
    if (len && s) {
        double x = strtod(s, &end);
        if (end == (char *)s + len) {
            c->numbers++;
            c->sum += x;
        }
    }
}

static void on_row(int ch, void *ctx)
{
    (void)ch;
    ((struct counts *)ctx)->rows++;
}

int main(int argc, char **argv)
{
    struct csv_parser p;
    struct counts c = {0};
    char buf[1 << 16];
    size_t n;
    struct timespec t0, t1;
    if (argc != 2) {
        fputs("usage: bench_bare_libcsv FILE\n", stderr);
        return 64;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f || csv_init(&p, CSV_APPEND_NULL)) {
        perror(argv[1]);
        return 66;
    }
    clock_gettime(CLOCK_MONOTONIC, &t0);
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        csv_parse(&p, buf, n, on_field, on_row, &c);
    csv_fini(&p, on_field, on_row, &c);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("bare libcsv: %zu rows, %zu fields, %zu numbers (sum %.6g) in %.3f s\n", c.rows,
           c.fields, c.numbers, c.sum,
           (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec));
    csv_free(&p);
    fclose(f);
    return 0;
}
