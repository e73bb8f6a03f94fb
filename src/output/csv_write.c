/* CSV fields and atomic output files. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <csv.h>
#include "junheng/output.h"

/* OWASP, "CSV Injection": Excel and WPS read a cell that begins with one
 * of these as a formula (TAB and CR can hide the =). */
static int formula_lead(const char *s)
{
    return s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;
}

void jh_csv_text(FILE *f, const char *s, int flags)
{
    size_t len = strlen(s);
    const char *lead = !(flags & JH_CSV_RAW) && formula_lead(s) ? "'" : "";
    if (!(flags & JH_CSV_FIRST))
        putc(',', f);
    if (strpbrk(s, ",\"\r\n") || (len && (s[0] == ' ' || s[len - 1] == ' '))) {
        putc('"', f);
        fputs(lead, f);
        for (const char *p = s; *p; p++) {
            if (*p == '"')
                putc('"', f);
            putc(*p, f);
        }
        putc('"', f);
    } else {
        fputs(lead, f);
        fputs(s, f);
    }
}

void jh_csv_number(FILE *f, double x, const char *fmt, int first)
{
    if (!first)
        putc(',', f);
    if (isfinite(x))
        fprintf(f, fmt, x == 0 ? 0.0 : x); /* no "-0" in tables */
}

/* Six letters and a NUL for a temporary name, from seed (splitmix64), so
 * that tries, processes and moments differ without global state. */
static void temp_letters(char *out, uint64_t seed)
{
    static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    for (int i = 0; i < 6; i++) {
        uint64_t z = (seed += 0x9e3779b97f4a7c15u);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
        out[i] = abc[(z ^ (z >> 31)) % 62];
    }
    out[6] = '\0';
}

/* mkdir and open with O_EXCL instead of mkdtemp and mkstemp: those give
 * 0700 and 0600, and colleagues on a shared drive could not open a report. */
int jh_create_beside(const char *path, const char *tag, int dir, char **name)
{
    size_t len = strlen(path), tl = strlen(tag);
    char *n = malloc(len + tl + 7);
    struct timespec ts;
    if (!n) {
        errno = ENOMEM;
        return -1;
    }
    memcpy(n, path, len);
    memcpy(n + len, tag, tl);
    clock_gettime(CLOCK_REALTIME, &ts);
    uint64_t seed = (uint64_t)ts.tv_nsec ^ (uint64_t)ts.tv_sec << 32 ^
                    (uint64_t)getpid() << 16 ^ (uint64_t)(uintptr_t)n;
    for (int attempt = 0; attempt < 100; attempt++) {
        temp_letters(n + len + tl, seed += (uint64_t)attempt << 48 | 1);
        int fd = dir ? mkdir(n, 0777) : open(n, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0) {
            *name = n;
            return fd;
        }
        if (errno != EEXIST)
            break;
    }
    int e = errno;
    free(n);
    errno = e;
    return -1;
}

/* A device or a FIFO is opened and written as it is: replacing it by a
 * regular file would break /dev/null for the whole system. */
static int open_in_place(jh_outfile *o, const char *path, const struct stat *st)
{
    if (!S_ISCHR(st->st_mode) && !S_ISFIFO(st->st_mode)) {
        o->why = S_ISDIR(st->st_mode)   ? "is a folder"
                 : S_ISBLK(st->st_mode) ? "is a block device"
                                        : "is not a file, a character device or a FIFO";
        return JH_EINVAL;
    }
    int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
    if (fd < 0 || !(o->f = fdopen(fd, "w"))) {
        o->why = strerror(errno);
        if (fd >= 0)
            close(fd);
        return JH_EIO;
    }
    o->own = 1;
    return JH_OK;
}

/* The file a path names: a symbolic link to a regular file is followed, so
 * that the file it points to is replaced, not the link. */
static char *final_path(const char *path)
{
    struct stat st;
    char *real = NULL;
    if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
        real = realpath(path, NULL);
    return real ? real : strdup(path);
}

int jh_outfile_open(jh_outfile *o, const char *path)
{
    struct stat st;
    memset(o, 0, sizeof *o);
    if (!path || strcmp(path, "-") == 0) {
        o->f = stdout;
        return JH_OK;
    }
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
        return open_in_place(o, path, &st);
    int fd = -1;
    if ((o->path = final_path(path)))
        fd = jh_create_beside(o->path, ".tmp.", 0, &o->tmp);
    if (fd < 0 || !(o->f = fdopen(fd, "w"))) {
        int e = o->path ? errno : ENOMEM;
        if (fd >= 0)
            close(fd);
        jh_outfile_abort(o);
        o->why = strerror(e);
        errno = e;
        return e == ENOMEM ? JH_ENOMEM : JH_EIO;
    }
    o->own = 1;
    return JH_OK;
}

/* Flushes and, for a replaced file, syncs f: errno says why on failure (an
 * error flag set by an earlier write with nothing left to flush is EIO). */
static int flush_all(FILE *f, int sync)
{
    if (fflush(f) != 0)
        return -1;
    if (ferror(f)) {
        errno = EIO;
        return -1;
    }
    return sync && fsync(fileno(f)) != 0 ? -1 : 0;
}

int jh_outfile_commit(jh_outfile *o)
{
    if (!o->own)
        return flush_all(o->f, 0) ? JH_EIO : JH_OK;
    int bad = flush_all(o->f, o->tmp != NULL), e = errno;
    if (fclose(o->f) != 0 && !bad)
        bad = 1, e = errno;
    o->f = NULL;
    if (!bad && o->tmp && rename(o->tmp, o->path) != 0)
        bad = 1, e = errno;
    if (!bad) { /* renamed: no temporary file left to remove */
        free(o->tmp);
        o->tmp = NULL;
    }
    jh_outfile_abort(o);
    errno = e;
    return bad ? JH_EIO : JH_OK;
}

void jh_outfile_abort(jh_outfile *o)
{
    if (o->own && o->f)
        fclose(o->f);
    if (o->tmp)
        unlink(o->tmp);
    free(o->tmp);
    free(o->path);
    memset(o, 0, sizeof *o);
}
