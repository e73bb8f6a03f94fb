/* manifest.json of a run: what went in and what came out, with SHA-256. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include "cli.h"
#include "run.h"
#include "junheng/output.h"
#include "junheng/sha256.h"

static void file_entry(FILE *f, const char *shown, const char *path, int *first)
{
    char hex[65];
    unsigned long long size = 0;
    if (jh_sha256_file(path, hex, &size))
        return;
    fputs(*first ? "\n    {\"path\": " : ",\n    {\"path\": ", f);
    jh_json_string(f, shown);
    fprintf(f, ", \"size\": %llu, \"sha256\": \"%s\"}", size, hex);
    *first = 0;
}

/* Every regular file under dir/rel, sorted by name, recursively. */
static void list_outputs(FILE *f, const char *dir, const char *rel, int *first)
{
    char path[4096];
    struct dirent **names;
    snprintf(path, sizeof path, "%s%s%s", dir, *rel ? "/" : "", rel);
    int n = scandir(path, &names, NULL, alphasort);
    for (int i = 0; i < n; i++) {
        const char *nm = names[i]->d_name;
        char sub[4096], full[8192];
        struct stat st;
        if (strcmp(nm, ".") && strcmp(nm, "..") && strcmp(nm, "manifest.json")) {
            snprintf(sub, sizeof sub, "%s%s%s", rel, *rel ? "/" : "", nm);
            snprintf(full, sizeof full, "%s/%s", dir, sub);
            if (stat(full, &st) == 0 && S_ISDIR(st.st_mode))
                list_outputs(f, dir, sub, first);
            else if (S_ISREG(st.st_mode))
                file_entry(f, sub, full, first);
        }
        free(names[i]);
    }
    if (n >= 0)
        free(names);
}

int run_finish(run_state *rs, const char *config_path)
{
    char path[4096], stamp[32];
    time_t t = time(NULL);
    int first = 1;
    if (rs->log) { /* a full disk may have cut the log short: that fails the run */
        int bad = ferror(rs->log) | (fclose(rs->log) != 0);
        rs->log = NULL;
        if (bad) {
            fprintf(stderr, "junheng: %s/run.log: write error: %s\n", rs->outdir,
                    strerror(errno));
            return EX_IOERR;
        }
    }
    snprintf(path, sizeof path, "%s/manifest.json", rs->outdir);
    FILE *f = fopen(path, "w");
    if (!f) {
        int e = errno;
        fprintf(stderr, "junheng: %s: cannot create: %s\n", path, strerror(e));
        return e == ENOSPC || e == EDQUOT ? EX_IOERR : EX_CANTCREAT;
    }
    strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", gmtime(&t));
    fprintf(f, "{\n  \"junheng\": \"%s\",\n  \"created\": \"%s\",\n  \"config\": ",
            JUNHENG_VERSION, stamp);
    jh_json_string(f, config_path);
    fputs(",\n  \"resolved\": ", f);
    run_config_json(rs->cfg, f, "  ");
    fputs(",\n  \"inputs\": [", f);
    file_entry(f, config_path, config_path, &first);
    for (size_t i = 0; i < rs->n_inputs; i++)
        file_entry(f, rs->inputs[i], rs->inputs[i], &first);
    fputs("\n  ],\n  \"outputs\": [", f);
    first = 1;
    list_outputs(f, rs->outdir, "", &first);
    fputs("\n  ]\n}\n", f);
    if (ferror(f) | (fclose(f) != 0)) {
        fprintf(stderr, "junheng: %s: write error: %s\n", path, strerror(errno));
        return EX_IOERR;
    }
    return EX_OK;
}
