/* Unit tests for jh_outfile and jh_create_beside: what -o FILE does to the
 * thing at the path.  Each test works in its own scratch folder. */
#define _XOPEN_SOURCE 700
#include <dirent.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "junheng/output.h"

static int setup(void **state)
{
    char *dir = strdup("/tmp/jh_outfile_XXXXXX");
    if (!dir || !mkdtemp(dir))
        return -1;
    *state = dir;
    return 0;
}

static int teardown(void **state)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", (char *)*state);
    free(*state);
    return system(cmd) == 0 ? 0 : -1;
}

static void join(char *buf, size_t n, void **state, const char *name)
{
    snprintf(buf, n, "%s/%s", (char *)*state, name);
}

static mode_t mode_of(const char *path)
{
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    return st.st_mode & 07777;
}

/* Entries in the scratch folder, so that a stray temporary file shows. */
static int entries(void **state)
{
    DIR *d = opendir(*state);
    struct dirent *e;
    int n = 0;
    assert_non_null(d);
    while ((e = readdir(d)))
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

static void new_file_gets_umask_mode(void **state)
{
    char path[256];
    jh_outfile o;
    join(path, sizeof path, state, "t.csv");
    mode_t old = umask(027);
    assert_int_equal(jh_outfile_open(&o, path), JH_OK);
    fputs("a,b\n", o.f);
    assert_int_equal(jh_outfile_commit(&o), JH_OK);
    umask(old);
    assert_int_equal(mode_of(path), 0640); /* 0666 & ~027 */
    assert_int_equal(entries(state), 1);
}

static void replaced_file_gets_new_mode(void **state)
{
    char path[256];
    jh_outfile o;
    join(path, sizeof path, state, "t.csv");
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("old\n", f);
    fclose(f);
    chmod(path, 0600);
    mode_t old = umask(022);
    assert_int_equal(jh_outfile_open(&o, path), JH_OK);
    fputs("new\n", o.f);
    /* Before the commit the old file is still whole at the path. */
    char buf[16] = {0};
    f = fopen(path, "r");
    assert_non_null(fgets(buf, sizeof buf, f));
    fclose(f);
    assert_string_equal(buf, "old\n");
    assert_int_equal(jh_outfile_commit(&o), JH_OK);
    umask(old);
    assert_int_equal(mode_of(path), 0644);
    f = fopen(path, "r");
    assert_non_null(fgets(buf, sizeof buf, f));
    fclose(f);
    assert_string_equal(buf, "new\n");
    assert_int_equal(entries(state), 1);
}

static void abort_leaves_nothing(void **state)
{
    char path[256];
    jh_outfile o;
    join(path, sizeof path, state, "t.csv");
    assert_int_equal(jh_outfile_open(&o, path), JH_OK);
    fputs("half", o.f);
    jh_outfile_abort(&o);
    assert_int_equal(entries(state), 0);
}

static void folder_is_refused(void **state)
{
    char path[256];
    jh_outfile o;
    join(path, sizeof path, state, "sub");
    assert_int_equal(mkdir(path, 0777), 0);
    assert_int_equal(jh_outfile_open(&o, path), JH_EINVAL);
    assert_string_equal(o.why, "is a folder");
    assert_null(o.f);
    assert_int_equal(entries(state), 1);
}

static void fifo_is_written_in_place(void **state)
{
    char path[256];
    jh_outfile o;
    struct stat st;
    join(path, sizeof path, state, "pipe");
    assert_int_equal(mkfifo(path, 0666), 0);
    /* Opening a FIFO for writing waits for a reader: a child reads it. */
    pid_t pid = fork();
    if (pid == 0) {
        FILE *reader = fopen(path, "r");
        int c, n = 0;
        while (reader && (c = getc(reader)) != EOF)
            n++;
        _exit(n == 4 ? 0 : 1);
    }
    assert_int_equal(jh_outfile_open(&o, path), JH_OK);
    assert_null(o.tmp);
    fputs("a,b\n", o.f);
    assert_int_equal(jh_outfile_commit(&o), JH_OK);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    assert_int_equal(lstat(path, &st), 0);
    assert_true(S_ISFIFO(st.st_mode));
    assert_int_equal(entries(state), 1);
}

/* /dev/null, or /dev/zero where a program run as root (an older junheng)
 * has already replaced /dev/null by a file: a character device either way. */
static const char *null_device(void)
{
    struct stat st;
    return stat("/dev/null", &st) == 0 && S_ISCHR(st.st_mode) ? "/dev/null" : "/dev/zero";
}

static void device_stays_a_device(void **state)
{
    jh_outfile o;
    struct stat st;
    const char *dev = null_device();
    (void)state;
    assert_int_equal(jh_outfile_open(&o, dev), JH_OK);
    assert_null(o.tmp);
    fputs("x\n", o.f);
    assert_int_equal(jh_outfile_commit(&o), JH_OK);
    assert_int_equal(stat(dev, &st), 0);
    assert_true(S_ISCHR(st.st_mode));
}

static void full_device_is_a_write_error(void **state)
{
    jh_outfile o;
    (void)state;
    if (access("/dev/full", W_OK) != 0)
        skip();
    assert_int_equal(jh_outfile_open(&o, "/dev/full"), JH_OK);
    fputs("x\n", o.f);
    assert_int_equal(jh_outfile_commit(&o), JH_EIO);
    assert_int_equal(errno, ENOSPC);
}

static void create_beside_names_and_modes(void **state)
{
    char path[256], *name = NULL;
    join(path, sizeof path, state, "out");
    mode_t old = umask(002);
    assert_int_equal(jh_create_beside(path, ".tmp-", 1, &name), 0);
    umask(old);
    size_t n = strlen(path);
    assert_memory_equal(name, path, n);
    assert_string_equal(name + n + 5 + 6, ""); /* ".tmp-" and six letters */
    assert_memory_equal(name + n, ".tmp-", 5);
    assert_int_equal(mode_of(name), 0775); /* 0777 & ~002 */
    free(name);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(new_file_gets_umask_mode, setup, teardown),
        cmocka_unit_test_setup_teardown(replaced_file_gets_new_mode, setup, teardown),
        cmocka_unit_test_setup_teardown(abort_leaves_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(folder_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(fifo_is_written_in_place, setup, teardown),
        cmocka_unit_test_setup_teardown(device_stays_a_device, setup, teardown),
        cmocka_unit_test_setup_teardown(full_device_is_a_write_error, setup, teardown),
        cmocka_unit_test_setup_teardown(create_beside_names_and_modes, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
