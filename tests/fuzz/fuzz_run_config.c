/* libFuzzer target: the run.ini reader (src/cli/run_config.c on inih),
 * then everything that uses a configuration it accepted. */
#define _GNU_SOURCE
#include <string.h>
#include "fuzz_file.h"
#include "cli/run_config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[64];
    int fd = fuzz_file(data, size, path, sizeof path);
    run_config c;
    if (run_config_read(&c, path) == 0) {
        for (int k = 0; k < RK_COUNT; k++)
            if (!c.value[k])
                abort(); /* defaults fill every key */
        FILE *null = fopen("/dev/null", "w");
        if (null) {
            run_config_json(&c, null, "  ");
            fclose(null);
        }
        free(run_config_path(&c, c.value[RK_DATA_REGIONS]));
        (void)run_config_set(&c, "output.lang=en");
    }
    run_config_clear(&c);
    close(fd);
    return 0;
}
