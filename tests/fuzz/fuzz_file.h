/* The readers take a path, so each fuzz input is put in an anonymous
 * in-memory file (memfd) and read through /proc/self/fd/N: no disk, no
 * name clash between fuzzers running side by side. */
#ifndef JUNHENG_FUZZ_FILE_H
#define JUNHENG_FUZZ_FILE_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

/* Writes data to a new memfd and its path to path; returns the fd (close
 * it when done).  Aborts when the kernel refuses: a harness fault, not a
 * finding. */
static int fuzz_file(const uint8_t *data, size_t size, char *path, size_t cap)
{
    int fd = memfd_create("junheng-fuzz", MFD_CLOEXEC);
    if (fd < 0)
        abort();
    for (size_t done = 0; done < size;) {
        ssize_t n = write(fd, data + done, size - done);
        if (n <= 0)
            abort();
        done += (size_t)n;
    }
    snprintf(path, cap, "/proc/self/fd/%d", fd);
    return fd;
}

#endif
