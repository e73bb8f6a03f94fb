/* libFuzzer target: the strata catalog reader. */
#define _GNU_SOURCE
#include "fuzz_file.h"
#include "junheng/status.h"
#include "junheng/strata.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[64];
    int fd = fuzz_file(data, size, path, sizeof path);
    jh_diag diag;
    jh_diag_init(&diag, 20);
    jh_strata_catalog *cat = NULL;
    if (jh_strata_catalog_read(path, &diag, &cat) == JH_OK) {
        jh_stratum s = jh_strata_lookup(cat, "urban");
        (void)jh_strata_def(cat, s);
        (void)jh_strata_lookup(cat, "城镇");
    } else if (cat) {
        abort(); /* strata.h: *out is NULL on failure */
    }
    jh_strata_catalog_free(cat);
    jh_diag_clear(&diag);
    close(fd);
    return 0;
}
