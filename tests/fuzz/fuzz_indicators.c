/* libFuzzer target: the indicator catalog reader. */
#define _GNU_SOURCE
#include "fuzz_file.h"
#include "junheng/catalog.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[64];
    int fd = fuzz_file(data, size, path, sizeof path);
    jh_diag diag;
    jh_diag_init(&diag, 20);
    jh_indicator_catalog *cat = NULL;
    if (jh_indicator_catalog_read(path, &diag, &cat) == JH_OK)
        (void)jh_indicator_catalog_find(cat, "edu_teachers");
    else if (cat)
        abort(); /* catalog.h: *out is NULL on failure */
    jh_indicator_catalog_free(cat);
    jh_diag_clear(&diag);
    close(fd);
    return 0;
}
