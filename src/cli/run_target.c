/* The output folder of `junheng run`: which folders it may replace, the
 * temporary folder beside it, the swap that puts the new results in place,
 * and the leftovers of killed runs.  The rule that protects the user's
 * files: a folder is replaced only when it is new, empty, or carries the
 * marker a run writes (RUN_MARKER); everything else is refused untouched. */
#define _GNU_SOURCE /* syscall(), flock() */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/syscall.h>
#endif
#include "cli.h"
#include "run.h"

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

static const char marker_text[] =
    "This folder was written by `junheng run` (see manifest.json).  The next run\n"
    "with this folder as its output replaces it whole: keep your own files elsewhere.\n";

/* Everything below the top folder but its marker. */
static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag;
    if (ftw->level == 0 || (ftw->level == 1 && strcmp(path + ftw->base, RUN_MARKER) == 0))
        return 0;
    return remove(path);
}

/* The marker goes last: a run killed while removing a folder leaves it
 * marked, so the next run knows it for junheng's and removes the rest. */
void run_remove_tree(const char *path)
{
    char marker[4200];
    nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    if (snprintf(marker, sizeof marker, "%s/%s", path, RUN_MARKER) < (int)sizeof marker)
        remove(marker);
    remove(path);
}

/* A full disk or quota is an I/O error (74); anything else cannot create (73). */
static int create_error(int e)
{
    return e == ENOSPC || e == EDQUOT || e == EIO ? EX_IOERR : EX_CANTCREAT;
}

static int has_marker(const char *dir)
{
    char path[4200];
    struct stat st;
    /* A path too long to hold the marker's name has no marker. */
    if (snprintf(path, sizeof path, "%s/%s", dir, RUN_MARKER) >= (int)sizeof path)
        return 0;
    return lstat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* 1 when dir has no entries, 0 when it has, -1 when it cannot be read. */
static int is_empty(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int empty = 1;
    if (!d)
        return -1;
    while (empty && (e = readdir(d)))
        empty = !strcmp(e->d_name, ".") || !strcmp(e->d_name, "..");
    closedir(d);
    return empty;
}

/* 1 when path is dir or lies inside it, both resolved. */
static int is_within(const char *path, const char *dir)
{
    char *real = realpath(path, NULL), *rdir = realpath(dir, NULL);
    size_t n = rdir ? strlen(rdir) : 0;
    int in = real && rdir && strncmp(real, rdir, n) == 0 &&
             (real[n] == '\0' || real[n] == '/' || strcmp(rdir, "/") == 0);
    free(real);
    free(rdir);
    return in;
}

/* The first input of the run found inside dir, or NULL. */
static const char *input_within(const run_state *rs, const char *config, const char *dir)
{
    if (is_within(config, dir))
        return config;
    for (size_t i = 0; i < rs->n_inputs; i++)
        if (is_within(rs->inputs[i], dir))
            return rs->inputs[i];
    return NULL;
}

/* Why t->path may not be replaced, in words for the message, or NULL when
 * it may.  why holds room for a file name. */
static const char *refusal(const run_target *t, const run_state *rs, const char *config,
                           char *why, size_t n)
{
    struct stat st;
    if (lstat(t->path, &st) != 0) {
        if (errno == ENOENT)
            return NULL;
        snprintf(why, n, "cannot look at it: %s", strerror(errno));
        return why;
    }
    if (stat(t->path, &st) != 0 || !S_ISDIR(st.st_mode))
        return S_ISREG(st.st_mode) ? "it is a file, not a folder" : "it is not a folder";
    const char *in = input_within(rs, config, t->path);
    if (in) {
        snprintf(why, n, "it holds %s, an input of this run", in);
        return why;
    }
    if (has_marker(t->path))
        return NULL;
    if (is_within(".", t->path))
        return "it is the current folder or holds it";
    int empty = is_empty(t->path);
    if (empty < 0) {
        snprintf(why, n, "cannot read it: %s", strerror(errno));
        return why;
    }
    return empty ? NULL : "it is a folder junheng did not write: it has no " RUN_MARKER;
}

static int refuse(const run_target *t, const char *why)
{
    fprintf(stderr,
            "junheng: %s: cannot replace it: %s (expected a new folder, an empty one or "
            "the output of an earlier junheng run; nothing was changed)\n",
            t->shown, why);
    return EX_CANTCREAT;
}

/* Creates the folders above path, as mkdir -p (0777 less the umask). */
static int make_parents(const char *path)
{
    char buf[4096];
    if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf) {
        errno = ENAMETOOLONG;
        return -1;
    }
    char *last = strrchr(buf, '/');
    if (!last || last == buf)
        return 0;
    *last = '\0';
    for (char *p = buf + 1; *p; p++)
        if (*p == '/') {
            *p = '\0';
            if (mkdir(buf, 0777) != 0 && errno != EEXIST)
                return -1;
            *p = '/';
        }
    return mkdir(buf, 0777) != 0 && errno != EEXIST ? -1 : 0;
}

/* DIR as given without trailing slashes; resolved (symbolic links, "."
 * and "..") when it exists, so the temporary folder goes beside the real
 * one and "." can be swapped. */
static int resolve(run_target *t, const char *dir)
{
    size_t n = strlen(dir);
    struct stat st;
    while (n > 1 && dir[n - 1] == '/')
        n--;
    t->shown = strndup(dir, n);
    if (!t->shown)
        return -1;
    t->path = lstat(t->shown, &st) == 0 ? realpath(t->shown, NULL) : NULL;
    if (!t->path)
        t->path = strdup(t->shown);
    return t->path ? 0 : -1;
}

/* Six letters or digits: the suffix jh_create_beside makes. */
static int is_suffix(const char *s)
{
    size_t n = 0;
    while (s[n] && strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
                          s[n]))
        n++;
    return n == 6 && s[n] == '\0';
}

/* 1 when the folder at path is a leftover of a run that no longer runs: a
 * running one holds a lock on its folder.  Only empty or marked folders
 * are leftovers, so that a user's own "out.old-backup" is never touched. */
static int is_leftover(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    int live = flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK;
    close(fd);
    return !live && (has_marker(path) || is_empty(path) == 1);
}

static int list_add(char ***v, size_t *n, size_t *cap, const char *s)
{
    if (*n == *cap) {
        size_t c = *cap ? 2 * *cap : 4;
        char **more = realloc(*v, c * sizeof *more);
        if (!more)
            return -1;
        *v = more;
        *cap = c;
    }
    return ((*v)[*n] = strdup(s)) ? (++*n, 0) : -1;
}

/* The leftover folders beside t->path: NAME.tmp-XXXXXX and NAME.old-XXXXXX. */
static char **find_leftovers(const run_target *t, size_t *n)
{
    const char *slash = strrchr(t->path, '/');
    const char *base = slash ? slash + 1 : t->path;
    char *parent = slash ? strndup(t->path, (size_t)(slash - t->path)) : strdup(".");
    size_t bl = strlen(base), cap = 0;
    char **found = NULL;
    DIR *d = parent ? opendir(*parent ? parent : "/") : NULL;
    struct dirent *e;
    *n = 0;
    while (d && (e = readdir(d))) {
        const char *nm = e->d_name, *tag = nm + bl;
        char path[4200];
        if (strncmp(nm, base, bl) || (strncmp(tag, ".tmp-", 5) && strncmp(tag, ".old-", 5)) ||
            !is_suffix(tag + 5))
            continue;
        snprintf(path, sizeof path, "%s%s%s", slash ? parent : "", slash ? "/" : "", nm);
        if (is_leftover(path) && list_add(&found, n, &cap, path))
            break;
    }
    if (d)
        closedir(d);
    free(parent);
    return found;
}

/* Removes what killed runs left beside the output folder, saying so.  When
 * a run was killed between the two renames of the fallback swap, the folder
 * is missing and its previous content waits in NAME.old-*: it goes back. */
static void tidy_leftovers(const run_target *t)
{
    size_t n;
    struct stat st;
    char **left = find_leftovers(t, &n);
    for (size_t i = 0; i < n; i++) {
        const char *tag = left[i] + strlen(t->path);
        if (!strncmp(tag, ".old-", 5) && has_marker(left[i]) && lstat(t->path, &st) != 0 &&
            errno == ENOENT && rename(left[i], t->path) == 0) {
            fprintf(stderr, "junheng: %s: put back the previous output, moved aside by an "
                            "interrupted run\n", t->shown);
            continue;
        }
        run_remove_tree(left[i]);
        fprintf(stderr, "junheng: removed %s, left by an interrupted run\n", left[i]);
    }
    for (size_t i = 0; i < n; i++)
        free(left[i]);
    free(left);
}

/* The temporary folder: beside the target (a rename never crosses file
 * systems), marked at once so that it is recognised as a leftover if the
 * run is killed, and locked while this run lives.  The marker is written
 * in place: a marker cut short by a kill still marks. */
static int make_temp(run_target *t)
{
    char marker[4200];
    FILE *m;
    int e;
    if (make_parents(t->path) != 0 || jh_create_beside(t->path, ".tmp-", 1, &t->tmp) < 0) {
        e = errno;
        fprintf(stderr, "junheng: %s: cannot create the output folder beside it: %s\n",
                t->shown, strerror(e));
        return create_error(e);
    }
    t->lock = open(t->tmp, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (t->lock >= 0)
        flock(t->lock, LOCK_EX | LOCK_NB); /* unsupported (some NFS): no lock, still works */
    snprintf(marker, sizeof marker, "%s/%s", t->tmp, RUN_MARKER);
    int bad = !(m = fopen(marker, "wx"));
    if (m) {
        bad = fputs(marker_text, m) < 0;
        bad |= fclose(m) != 0;
    }
    if (!bad)
        return EX_OK;
    e = errno;
    fprintf(stderr, "junheng: %s: cannot write: %s\n", marker, strerror(e));
    return create_error(e);
}

int run_target_prepare(run_target *t, const char *dir, const run_state *rs, const char *config)
{
    char buf[4400];
    const char *why;
    memset(t, 0, sizeof *t);
    t->lock = -1;
    if (!*dir)
        return cli_usage_error("run", "no output folder (output.dir is empty)");
    if (resolve(t, dir) != 0) {
        fputs("junheng: out of memory\n", stderr);
        return cli_exit_code(JH_ENOMEM);
    }
    tidy_leftovers(t);
    if ((why = refusal(t, rs, config, buf, sizeof buf)))
        return refuse(t, why);
    return make_temp(t);
}

/* Puts dir's content at tmp and tmp's at dir in one step: there is no
 * moment without a complete folder at dir.  The system call is used
 * directly, as glibc before 2.28 has no renameat2 wrapper. */
static int exchange(const char *tmp, const char *dir)
{
#if defined(SYS_renameat2)
    return (int)syscall(SYS_renameat2, AT_FDCWD, tmp, AT_FDCWD, dir, RENAME_EXCHANGE);
#else
    (void)tmp, (void)dir;
    errno = ENOSYS;
    return -1;
#endif
}

/* Without an exchange (another system, or a file system without it) the
 * old folder moves aside first; a run killed in between leaves it in
 * NAME.old-*, where the next run finds it and puts it back. */
static int swap_by_renames(run_target *t)
{
    char *old = NULL;
    if (jh_create_beside(t->path, ".old-", 1, &old) < 0)
        return -1;
    if (rename(t->path, old) != 0) {
        int e = errno;
        rmdir(old);
        free(old);
        errno = e;
        return -1;
    }
    if (rename(t->tmp, t->path) != 0) {
        int e = errno;
        rename(old, t->path);
        free(old);
        errno = e;
        return -1;
    }
    free(t->tmp);
    t->tmp = old; /* what is left to remove */
    return 0;
}

int run_target_commit(run_target *t, const run_state *rs, const char *config)
{
    char buf[4400];
    struct stat st;
    const char *why = refusal(t, rs, config, buf, sizeof buf); /* it may have changed */
    if (why)
        return refuse(t, why);
    int had = lstat(t->path, &st) == 0, rc;
    if (!had)
        rc = rename(t->tmp, t->path);
    else if ((rc = exchange(t->tmp, t->path)) != 0 &&
             (errno == ENOSYS || errno == EINVAL || errno == ENOTSUP || errno == EOPNOTSUPP))
        rc = swap_by_renames(t);
    if (rc != 0) {
        fprintf(stderr, "junheng: %s: cannot move the results into place: %s\n", t->shown,
                strerror(errno));
        return EX_CANTCREAT;
    }
    if (had)
        run_remove_tree(t->tmp); /* the previous output, now at the temporary name */
    free(t->tmp);
    t->tmp = NULL;
    return EX_OK;
}

void run_target_clear(run_target *t)
{
    if (t->tmp)
        run_remove_tree(t->tmp);
    if (t->lock >= 0)
        close(t->lock);
    free(t->tmp);
    free(t->path);
    free(t->shown);
    memset(t, 0, sizeof *t);
    t->lock = -1;
}
