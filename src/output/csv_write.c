/* CSV fields and atomic output files. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
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

int jh_outfile_open(jh_outfile *o, const char *path)
{
    memset(o, 0, sizeof *o);
    if (!path || strcmp(path, "-") == 0) {
        o->f = stdout;
        return JH_OK;
    }
    size_t len = strlen(path);
    o->path = strdup(path);
    o->tmp = malloc(len + sizeof ".tmp.XXXXXX");
    if (!o->path || !o->tmp) {
        jh_outfile_abort(o);
        return JH_ENOMEM;
    }
    memcpy(o->tmp, path, len);
    memcpy(o->tmp + len, ".tmp.XXXXXX", sizeof ".tmp.XXXXXX");
    int fd = mkstemp(o->tmp);
    if (fd < 0 || !(o->f = fdopen(fd, "w"))) {
        if (fd >= 0) {
            close(fd);
            unlink(o->tmp);
        }
        free(o->tmp);
        o->tmp = NULL;
        jh_outfile_abort(o);
        return JH_EIO;
    }
    return JH_OK;
}

int jh_outfile_commit(jh_outfile *o)
{
    int bad;
    if (!o->tmp) {
        bad = fflush(o->f) != 0 || ferror(o->f);
        return bad ? JH_EIO : JH_OK;
    }
    bad = ferror(o->f);
    bad |= fclose(o->f) != 0;
    o->f = NULL;
    if (!bad)
        bad = rename(o->tmp, o->path) != 0;
    if (bad) {
        jh_outfile_abort(o);
        return JH_EIO;
    }
    free(o->tmp);
    free(o->path);
    o->tmp = o->path = NULL;
    return JH_OK;
}

void jh_outfile_abort(jh_outfile *o)
{
    if (o->tmp) {
        if (o->f)
            fclose(o->f);
        unlink(o->tmp);
    }
    free(o->tmp);
    free(o->path);
    memset(o, 0, sizeof *o);
}
