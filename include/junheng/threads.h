/* junheng — how many threads a step may use: the one reading of
 * JUNHENG_THREADS (src/data/threads.c). */
#ifndef JUNHENG_THREADS_H
#define JUNHENG_THREADS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* JUNHENG_THREADS when set (below 1, or not a number: 1, which turns
 * threading off), else the processors online; at most most (>= 1). */
size_t jh_thread_count(size_t most);

#ifdef __cplusplus
}
#endif
#endif
