/* The one reading of JUNHENG_THREADS, for every step that runs threads:
 * the reader, the cube fill, the slices, the chart workers. */
#include <stdlib.h>
#include <unistd.h>
#include "junheng/threads.h"

size_t jh_thread_count(size_t most)
{
    const char *env = getenv("JUNHENG_THREADS");
    long t = env && *env ? strtol(env, NULL, 10) : sysconf(_SC_NPROCESSORS_ONLN);
    if (most < 1)
        most = 1;
    return t < 1 ? 1 : (size_t)t > most ? most : (size_t)t;
}
