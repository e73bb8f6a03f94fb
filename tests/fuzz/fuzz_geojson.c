/* libFuzzer target: GeoJSON boundaries, projected and searched for
 * neighbours as `junheng neighbors` does. */
#define _GNU_SOURCE
#include "fuzz_file.h"
#include "junheng/status.h"
#include "junheng/boundary.h"

/* The neighbour search cuts every border into pieces of half the
 * tolerance, so its time grows with the perimeter: a mutated coordinate
 * turns a county into a continent and a run into minutes.  Real input is a
 * province or a country; the search is fuzzed on inputs within 20 degrees,
 * at a 1 km tolerance (the same code as 50 m, 20 times fewer pieces). */
static int province_sized(const jh_boundaries *b)
{
    double lo[2] = {1e9, 1e9}, hi[2] = {-1e9, -1e9};
    for (size_t i = 0; i < 2 * b->shapes.n_points; i++) {
        lo[i % 2] = b->shapes.xy[i] < lo[i % 2] ? b->shapes.xy[i] : lo[i % 2];
        hi[i % 2] = b->shapes.xy[i] > hi[i % 2] ? b->shapes.xy[i] : hi[i % 2];
    }
    return hi[0] - lo[0] < 20 && hi[1] - lo[1] < 20;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[64];
    int fd = fuzz_file(data, size, path, sizeof path);
    jh_diag diag;
    jh_diag_init(&diag, 20);
    jh_boundaries *b = NULL;
    if (jh_boundaries_read(path, NULL, &b, &diag) == JH_OK) {
        jh_contact *pairs = NULL;
        size_t n = 0;
        if (province_sized(b) && jh_boundaries_contiguity(b, 1.0, 0.0, &pairs, &n) == JH_OK)
            for (size_t i = 0; i < n; i++)
                (void)pairs[i];
        free(pairs);
        (void)jh_boundaries_find(b, "220102");
    } else if (b) {
        abort(); /* boundary.h: *out is set only on success */
    }
    jh_boundaries_free(b);
    jh_diag_clear(&diag);
    close(fd);
    return 0;
}
