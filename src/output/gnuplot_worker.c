/* Long-lived gnuplot processes, one per drawing thread, fed chart after
 * chart.  A fresh gnuplot costs about 50 ms of CPU before it draws (it
 * loads some hundred shared libraries and sets up fontconfig and pango)
 * and its first CJK text as much again; a worker pays that once.
 *
 * The protocol, on the worker's stdin (a socket, so that writing to a
 * worker that died is an error, not SIGPIPE):
 *     reset session            every setting and variable of the last chart gone
 *     reset errors
 *     load 'SCRIPT'            the chart, as `gnuplot SCRIPT` would draw it
 *     printerr sprintf('junheng-done-N %d', GPVAL_ERRNO)
 * The chart is done when that line arrives on stderr; GPVAL_ERRNO says
 * whether the script stopped at an error (gnuplot reading stdin goes on
 * after an error, where `gnuplot SCRIPT` exits with status 1: a worker
 * reports such a chart as exit status 1 and is restarted, since the chart
 * may have left an output open).  A worker that exits, is killed or runs
 * out of time is reported as jh_gnuplot_run reports it, and the next chart
 * starts a new one. */
#define _GNU_SOURCE /* pipe2, SOCK_CLOEXEC */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include "junheng/plot.h"
#include "gnuplot_child.h"

struct jh_gnuplot_worker {
    char *prog;          /* the program, found through PATH */
    pid_t pid;           /* the running gnuplot, or -1 */
    int in;              /* our end of its stdin */
    int err;             /* the read end of its stderr */
    unsigned long seq;   /* charts fed: the number in the done line */
    char line[512];      /* the stderr line being read */
    size_t n_line;
};

int jh_gnuplot_worker_new(const char *gnuplot, jh_gnuplot_worker **out)
{
    jh_gnuplot_worker *w = calloc(1, sizeof *w);
    if (!w || !(w->prog = strdup(gnuplot ? gnuplot : "gnuplot"))) {
        free(w);
        return JH_ENOMEM;
    }
    w->pid = -1;
    w->in = w->err = -1;
    *out = w;
    return JH_OK;
}

static int start(jh_gnuplot_worker *w)
{
    int sv[2], ep[2], rc;
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
        return JH_EIO;
    if (pipe2(ep, O_CLOEXEC) != 0) {
        close(sv[0]);
        close(sv[1]);
        return JH_EIO;
    }
    w->pid = jh_gp_spawn(w->prog, NULL, sv[1], ep[1], &rc);
    close(sv[1]);
    close(ep[1]);
    if (w->pid < 0) {
        close(sv[0]);
        close(ep[0]);
        return JH_ENOTFOUND;
    }
    w->in = sv[0];
    w->err = ep[0];
    w->n_line = 0;
    return JH_OK;
}

/* Ends the worker's gnuplot (if any) and says in res how it ended. */
static int stop(jh_gnuplot_worker *w, jh_gnuplot_result *res)
{
    jh_gnuplot_result ignored;
    int rc = JH_OK;
    if (w->pid < 0)
        return rc;
    close(w->in);
    memset(&ignored, 0, sizeof ignored);
    rc = jh_gp_reap(w->pid, res ? res : &ignored);
    close(w->err);
    w->pid = -1;
    w->in = w->err = -1;
    return rc;
}

void jh_gnuplot_worker_free(jh_gnuplot_worker *w)
{
    if (!w)
        return;
    stop(w, NULL);
    free(w->prog);
    free(w);
}

static int send_all(int fd, const char *s, size_t n)
{
    while (n) {
        ssize_t k = send(fd, s, n, MSG_NOSIGNAL);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        s += k;
        n -= (size_t)k;
    }
    return 0;
}

/* Sends the commands of one chart; -1 when the worker is gone. */
static int feed(jh_gnuplot_worker *w, const char *script_path)
{
    size_t qlen = jh_gp_quote(NULL, 0, script_path);
    size_t cap = qlen + 200;
    char *cmd = malloc(cap);
    if (!cmd)
        return -1;
    int n = snprintf(cmd, cap, "reset session\nreset errors\nload ");
    jh_gp_quote(cmd + n, cap - (size_t)n, script_path);
    n += (int)qlen;
    n += snprintf(cmd + n, cap - (size_t)n,
                  "\nprinterr sprintf('junheng-done-%lu %%d', GPVAL_ERRNO)\n", w->seq);
    int rc = send_all(w->in, cmd, (size_t)n);
    free(cmd);
    return rc;
}

/* A whole stderr line: the done line of this chart (returns 1, *gp_errno
 * set), or the chart's own text, kept in res. */
static int take_line(jh_gnuplot_worker *w, jh_gnuplot_result *res, size_t *len, int *gp_errno)
{
    char want[64];
    int k = snprintf(want, sizeof want, "junheng-done-%lu ", w->seq);
    w->line[w->n_line] = '\0';
    if (w->n_line > (size_t)k && memcmp(w->line, want, (size_t)k) == 0) {
        *gp_errno = atoi(w->line + k);
        w->n_line = 0;
        return 1;
    }
    jh_gp_keep_tail(res, len, w->line, w->n_line);
    jh_gp_keep_tail(res, len, "\n", 1);
    w->n_line = 0;
    return 0;
}

/* Reads what gnuplot wrote; returns 1 at the done line, 0 for more to
 * come, -1 at end of file. */
static int read_err(jh_gnuplot_worker *w, jh_gnuplot_result *res, size_t *len, int *gp_errno)
{
    char chunk[4096];
    ssize_t got;
    while ((got = read(w->err, chunk, sizeof chunk)) < 0 && errno == EINTR)
        ;
    if (got <= 0)
        return -1;
    for (ssize_t i = 0; i < got; i++) {
        if (chunk[i] == '\n') {
            if (take_line(w, res, len, gp_errno))
                return 1; /* gnuplot writes nothing after it until the next chart */
            continue;
        }
        if (w->n_line + 1 >= sizeof w->line) { /* a long line: no done line */
            jh_gp_keep_tail(res, len, w->line, w->n_line);
            w->n_line = 0;
        }
        w->line[w->n_line++] = chunk[i];
    }
    return 0;
}

/* The worker's gnuplot has exited before the done line: what is left in
 * the pipe now (at most 64 reads, a child it left may keep writing), then
 * how it ended. */
static int ended(jh_gnuplot_worker *w, jh_gnuplot_result *res, size_t *len)
{
    struct pollfd p = {.fd = w->err, .events = POLLIN};
    int gp_errno = 0;
    for (int k = 0; k < 64 && poll(&p, 1, 0) > 0; k++)
        if (read_err(w, res, len, &gp_errno) != 0)
            break;
    if (w->n_line) {
        jh_gp_keep_tail(res, len, w->line, w->n_line);
        w->n_line = 0;
    }
    return stop(w, res);
}

int jh_gnuplot_worker_draw(jh_gnuplot_worker *w, const char *script_path, double timeout_s,
                           jh_gnuplot_result *res)
{
    size_t len = 0;
    int eof = 0, gp_errno = 0, rc;
    memset(res, 0, sizeof *res);
    res->exit_status = -1;
    if (w->pid >= 0 && jh_gp_has_exited(w->pid))
        stop(w, NULL); /* died between charts: no chart of ours */
    if (w->pid < 0 && (rc = start(w)) != JH_OK)
        return rc;
    double deadline = timeout_s > 0 ? jh_gp_now() + timeout_s : 0;
    w->seq++;
    if (feed(w, script_path) != 0)
        eof = 1; /* gone: the loop below says how it ended */
    for (;;) {
        if (jh_gp_has_exited(w->pid))
            return ended(w, res, &len);
        double left = deadline > 0 ? deadline - jh_gp_now() : 1.0;
        if (left <= 0) {
            res->timed_out = 1;
            return stop(w, res);
        }
        int ms = left < 0.05 ? (int)(left * 1000) + 1 : 50;
        if (eof) {
            struct timespec t = {0, 10 * 1000000L};
            nanosleep(&t, NULL);
            continue;
        }
        struct pollfd p = {.fd = w->err, .events = POLLIN};
        int n = poll(&p, 1, ms);
        if (n > 0 && (rc = read_err(w, res, &len, &gp_errno)) != 0) {
            if (rc < 0) {
                eof = 1;
                continue;
            }
            if (gp_errno == 0) {
                res->exit_status = 0;
                return JH_OK;
            }
            /* An error stopped the script: as `gnuplot SCRIPT` exits 1. */
            stop(w, NULL);
            res->exit_status = 1;
            return JH_EIO;
        }
        if (n < 0 && errno != EINTR)
            eof = 1;
    }
}
