/* libFuzzer target: the data reader (jh_builder_read + jh_builder_finish),
 * long or wide by FUZZ_WIDE.  The first input byte picks the options an
 * analyst can give (encoding auto / utf-8 / gb18030, delimiter, duplicate
 * and censored policies, --year); the rest is the file. */
#define _GNU_SOURCE
#include <math.h>
#include "fuzz_file.h"
#include "junheng/dataset.h"

/* The dataset's own promises: years ascending, values finite or NaN. */
static void check(const jh_dataset *d)
{
    for (size_t y = 1; y < d->n_years; y++)
        if (d->years[y - 1] >= d->years[y])
            abort();
    size_t n = d->indicators.n * d->n_years * d->n_strata * d->regions.n;
    for (size_t i = 0; i < n; i++)
        if (isinf(d->values[i]))
            abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    static const char delims[4] = {',', '\t', ';', '|'};
    uint8_t sel = data[0];
    jh_read_opts o = {0};
    o.format = FUZZ_WIDE ? JH_FORMAT_WIDE : JH_FORMAT_LONG;
    o.encoding = (jh_encoding)((sel & 3) % 3);
    o.delimiter = delims[(sel >> 2) & 3];
    o.on_duplicate = (jh_dup_policy)((sel >> 4) & 3);
    o.censored = (jh_censored_policy)(((sel >> 6) & 1) ? JH_CENSORED_MISSING : JH_CENSORED_VALUE);
    o.year = (sel & 0x80) && FUZZ_WIDE ? 2020 : 0;
    char path[64];
    int fd = fuzz_file(data + 1, size - 1, path, sizeof path);
    jh_builder *b = jh_builder_alloc(&o);
    jh_diag diag;
    jh_diag_init(&diag, 20);
    jh_dataset *d = NULL;
    if (b && jh_builder_read(b, path, &diag) == JH_OK &&
        jh_builder_finish(b, &diag, &d) == JH_OK)
        check(d);
    jh_dataset_free(d);
    jh_builder_free(b);
    jh_diag_clear(&diag);
    close(fd);
    return 0;
}
