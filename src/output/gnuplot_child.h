/* Internal to src/output: gnuplot as a child process, shared by the
 * one-process-per-chart runner (gnuplot.c) and the long-lived workers
 * (gnuplot_worker.c). */
#ifndef JUNHENG_OUTPUT_GNUPLOT_CHILD_H
#define JUNHENG_OUTPUT_GNUPLOT_CHILD_H
#include <stddef.h>
#include <sys/types.h>
#include "junheng/plot.h"

/* Starts prog (through PATH) in a process group of its own with stdin from
 * in_fd (-1: /dev/null), stdout to /dev/null and stderr to err_fd; with
 * script_path NULL gnuplot reads its commands from stdin.  Returns the pid,
 * or -1 with the posix_spawn error in *rc. */
pid_t jh_gp_spawn(const char *prog, const char *script_path, int in_fd, int err_fd, int *rc);

/* Kills what is left of pid's process group, reaps pid and says in res how
 * it ended (res->timed_out is set by the caller).  Returns JH_OK for exit
 * status 0 within the time, JH_ENOTFOUND for 127, else JH_EIO. */
int jh_gp_reap(pid_t pid, jh_gnuplot_result *res);

/* Whether pid has exited, without reaping it. */
int jh_gp_has_exited(pid_t pid);

/* Appends chunk to res->err, keeping its last bytes; *len is its length. */
void jh_gp_keep_tail(jh_gnuplot_result *res, size_t *len, const char *chunk, size_t got);

/* CLOCK_MONOTONIC in seconds. */
double jh_gp_now(void);

#endif
