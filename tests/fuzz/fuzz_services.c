/* libFuzzer target: the service list reader. */
#define _GNU_SOURCE
#include "fuzz_file.h"
#include "junheng/status.h"
#include "junheng/services.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[64];
    int fd = fuzz_file(data, size, path, sizeof path);
    jh_diag diag;
    jh_diag_init(&diag, 20);
    jh_service_list *l = NULL;
    if (jh_service_list_read(path, &diag, &l) == JH_OK) {
        size_t monitored = 0;
        for (size_t i = 0; i < l->n; i++)
            monitored += l->item[i].n_indicators > 0;
        if (monitored != l->n_monitored)
            abort(); /* services.h: n_monitored counts items naming an indicator */
    } else if (l) {
        abort(); /* services.h: *out is NULL on failure */
    }
    jh_service_list_free(l);
    jh_diag_clear(&diag);
    close(fd);
    return 0;
}
