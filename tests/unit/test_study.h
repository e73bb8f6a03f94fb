/* A study for unit tests: the data read by jh_dataset_read (the one
 * reader), then jh_study_make, their messages dropped.  NULL on failure. */
#ifndef JH_TEST_STUDY_H
#define JH_TEST_STUDY_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "junheng/dataset.h"
#include "junheng/diag.h"
#include "junheng/study.h"

/* The study of the data file at path with the catalogs given (NULL: none). */
static inline jh_study *test_study_read(const char *path, const char *regions,
                                        const char *indicators)
{
    char *paths[] = {(char *)path};
    jh_read_opts ro = {0};
    jh_study_opts so = {regions, indicators, 0, NULL};
    jh_dataset *d = NULL;
    jh_study *s = NULL;
    jh_diag diag;
    jh_diag_init(&diag, 20);
    int rc = jh_dataset_read(paths, 1, &ro, &diag, &d);
    if (!rc)
        rc = jh_study_make(d, &so, &diag, &s);
    jh_diag_clear(&diag);
    return rc ? NULL : s;
}

/* The study of CSV text (long format, no catalogs), through a file that
 * is removed again. */
static inline jh_study *test_study_text(const char *csv)
{
    char path[] = "/tmp/jh_test_study_XXXXXX";
    int fd = mkstemp(path);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f)
        return NULL;
    fputs(csv, f);
    fclose(f);
    jh_study *s = test_study_read(path, NULL, NULL);
    unlink(path);
    return s;
}

/* The bundled Jilin panel with its region catalog, and its indicator
 * catalog when with_indicators. */
static inline jh_study *test_study_jilin(int with_indicators)
{
    return test_study_read(JH_SOURCE_DIR "/datasets/jilin/values.csv",
                           JH_SOURCE_DIR "/datasets/jilin/regions.csv",
                           with_indicators ? JH_SOURCE_DIR "/datasets/jilin/indicators.csv"
                                           : NULL);
}

#endif
