#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli.h"

void cli_print_diag(const jh_diag *d)
{
    size_t kept_err = 0, kept_warn = 0;
    for (size_t i = 0; i < d->n; i++) {
        int warn = d->items[i].level == JH_DIAG_WARNING;
        kept_warn += warn;
        kept_err += !warn;
        fprintf(stderr, "junheng: %s%s\n", warn ? "warning: " : "", d->items[i].text);
    }
    if (d->n_errors > kept_err)
        fprintf(stderr, "junheng: ... and %zu more errors\n", d->n_errors - kept_err);
    if (d->n_warnings > kept_warn)
        fprintf(stderr, "junheng: ... and %zu more warnings\n", d->n_warnings - kept_warn);
}

int cli_exit_code(int status)
{
    switch (status) {
    case JH_OK:
        return EX_OK;
    case JH_EPARSE:
    case JH_EDUP:
        return EX_DATAERR;
    case JH_ENOTFOUND:
        return EX_NOINPUT;
    case JH_EIO:
        return EX_IOERR;
    case JH_EINVAL:
        return EX_USAGE;
    case JH_ENOMEM:
        /* One code for out of memory, wherever it happens (README, "Exit
         * codes"): the system ran short, junheng did not fail. */
        return EX_OSERR;
    default:
        return EX_SOFTWARE;
    }
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "junheng: %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'junheng %s --help'.\n", cmd);
    return EX_USAGE;
}

int cli_files_add(cli_files *f, char *path)
{
    if (f->n == f->cap) {
        size_t cap = f->cap ? 2 * f->cap : 4;
        char **p = realloc(f->path, cap * sizeof *p);
        if (!p)
            return -1;
        f->path = p;
        f->cap = cap;
    }
    f->path[f->n++] = path;
    return 0;
}

int cli_load_dataset(char **files, size_t n_files, const jh_read_opts *opts,
                     jh_dataset **out)
{
    jh_diag diag;
    int rc = JH_OK;
    jh_builder *b = jh_builder_alloc(opts);
    *out = NULL;
    if (!b) {
        fputs("junheng: out of memory\n", stderr);
        return cli_exit_code(JH_ENOMEM);
    }
    jh_diag_init(&diag, 20);
    for (size_t i = 0; i < n_files && !jh_diag_full(&diag); i++) {
        int r = jh_builder_read(b, files[i], &diag);
        if (r == JH_ENOTFOUND || r == JH_ENOMEM || r == JH_EIO)
            rc = r;
        else if (r && !rc)
            rc = r;
    }
    if (!rc && diag.n_errors)
        rc = JH_EPARSE;
    if (!rc)
        rc = jh_builder_finish(b, &diag, out);
    if (rc == JH_ENOMEM)
        jh_diag_add(&diag, JH_DIAG_ERROR, NULL, 0, 0, "out of memory while reading the data");
    cli_print_diag(&diag);
    jh_diag_clear(&diag);
    jh_builder_free(b);
    return cli_exit_code(rc);
}

/* Copies the parts of s[0..len) into out (cap bytes), trimmed; -1 when empty
 * or too long. */
static int derive_part(const char *s, size_t len, char *out, size_t cap)
{
    while (len && (*s == ' ' || *s == '\t'))
        s++, len--;
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    if (!len || len >= cap)
        return -1;
    memcpy(out, s, len);
    out[len] = '\0';
    return 0;
}

int cli_parse_derive(const char *arg, cli_derive *out)
{
    cli_derive tmp;
    cli_derive *d = out ? out : &tmp;
    const char *eq = strchr(arg, '='), *slash = eq ? strchr(eq, '/') : NULL;
    const char *star = slash ? strrchr(slash, '*') : NULL, *end = arg + strlen(arg);
    char *e;
    d->scale = 1;
    if (!slash || derive_part(arg, (size_t)(eq - arg), d->name, sizeof d->name) ||
        derive_part(eq + 1, (size_t)(slash - eq - 1), d->num, sizeof d->num) ||
        derive_part(slash + 1, (size_t)((star ? star : end) - slash - 1), d->den,
                    sizeof d->den))
        return -1;
    if (star) {
        d->scale = strtod(star + 1, &e);
        while (*e == ' ')
            e++;
        if (e == star + 1 || *e || !(d->scale > 0) || d->scale > 1e300)
            return -1;
    }
    return 0;
}

/* Appends name to the list unless it is there (the caller made room). */
static void only_add(const char **list, size_t *n, const char *name)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp(list[i], name) == 0)
            return;
    list[(*n)++] = name;
}

/* --indicators-only lists what the files have, but a --derive indicator
 * is made after reading: its name leaves the reader's list and its parts
 * come in (a part that is the weight column is read as the weight).  The
 * new list is one entry, in *buf (caller frees); ro is unchanged when no
 * --derive name is listed.  Returns 0 or -1 when out of memory. */
static int only_with_derived(const cli_data *d, jh_read_opts *ro, char **buf)
{
    size_t n = 0, len = 1, hit = 0;
    *buf = NULL;
    if (!d->n_derive || !ro->n_only)
        return 0;
    for (size_t i = 0; i < ro->n_only; i++)
        len += strlen(ro->only[i]) + 1;
    /* At most len names from the list, two more for each --derive. */
    const char **names = malloc((len + 2 * d->n_derive) * sizeof *names);
    cli_derive *dv = malloc(d->n_derive * sizeof *dv);
    char *copy = malloc(len);
    if (!names || !dv || !copy) {
        free(names);
        free(dv);
        free(copy);
        return -1;
    }
    copy[0] = '\0';
    for (size_t i = 0; i < ro->n_only; i++)
        strcat(strcat(copy, i ? "," : ""), ro->only[i]);
    for (char *t = strtok(copy, ","); t; t = strtok(NULL, ",")) {
        t += strspn(t, " \t");
        t[strcspn(t, " \t")] = '\0';
        if (*t)
            only_add(names, &n, t);
    }
    for (size_t j = 0; j < d->n_derive; j++)
        cli_parse_derive(d->derive[j], &dv[j]); /* checked when parsed */
    /* A part may itself be derived: expand until nothing new comes in. */
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < d->n_derive; j++)
            if (strcmp(names[i], dv[j].name) == 0) {
                only_add(names, &n, dv[j].num);
                only_add(names, &n, dv[j].den);
                hit = 1;
            }
    len = 1;
    for (size_t i = 0; hit && i < n; i++)
        len += strlen(names[i]) + 1;
    *buf = hit ? malloc(len) : NULL;
    if (*buf) {
        (*buf)[0] = '\0';
        for (size_t i = 0; i < n; i++) {
            size_t j = 0;
            while (j < d->n_derive && strcmp(names[i], dv[j].name) != 0)
                j++;
            if (j == d->n_derive)
                strcat(strcat(*buf, **buf ? "," : ""), names[i]);
        }
        ro->only[0] = *buf;
        ro->n_only = 1;
    }
    free(names);
    free(dv);
    free(copy);
    return hit && !*buf ? -1 : 0;
}

int cli_load_study(const cli_data *d, jh_study **out)
{
    jh_dataset *data = NULL;
    jh_diag diag;
    jh_study_opts so = d->study;
    jh_read_opts ro = d->read;
    const char *levels[JH_READ_MAX_LIST];
    int rc = JH_OK;
    *out = NULL;
    jh_diag_init(&diag, 20);
    /* The region catalog first: its level columns are not indicators. */
    if (so.regions_path)
        rc = jh_region_catalog_read(so.regions_path, &diag, &so.regions_read);
    cli_print_diag(&diag);
    jh_diag_clear(&diag);
    if (rc)
        return cli_exit_code(rc);
    ro.level_cols = levels;
    ro.n_level_cols = jh_region_catalog_levels(so.regions_read, levels, JH_READ_MAX_LIST);
    char *only = NULL;
    int code = EX_OK;
    if (only_with_derived(d, &ro, &only)) {
        fputs("junheng: out of memory\n", stderr);
        code = cli_exit_code(JH_ENOMEM);
    } else
        code = cli_load_dataset(d->files.path, d->files.n, &ro, &data);
    free(only);
    if (code) {
        jh_region_catalog_free(so.regions_read);
        return code;
    }
    jh_diag_init(&diag, 20);
    rc = jh_study_make(data, &so, &diag, out);
    for (size_t i = 0; !rc && i < d->n_derive; i++) {
        cli_derive dv;
        cli_parse_derive(d->derive[i], &dv); /* checked when parsed */
        rc = jh_study_derive(*out, dv.name, dv.num, dv.den, dv.scale, &diag);
    }
    if (rc && *out) {
        jh_study_free(*out);
        *out = NULL;
    }
    if (rc == JH_ENOMEM)
        jh_diag_add(&diag, JH_DIAG_ERROR, NULL, 0, 0, "out of memory");
    cli_print_diag(&diag);
    jh_diag_clear(&diag);
    return cli_exit_code(rc);
}

int cli_open_output(jh_outfile *out, const char *path)
{
    int rc = jh_outfile_open(out, path);
    if (rc == JH_ENOMEM) {
        fputs("junheng: out of memory\n", stderr);
        return cli_exit_code(rc);
    }
    if (rc == JH_EINVAL)
        fprintf(stderr, "junheng: %s: %s (expected a file name; nothing was written)\n",
                path, out->why);
    else if (rc)
        fprintf(stderr, "junheng: %s: cannot create output file: %s\n", path, out->why);
    return rc ? EX_CANTCREAT : EX_OK;
}

int cli_commit_output(jh_outfile *out, const char *path)
{
    if (jh_outfile_commit(out) == JH_OK)
        return EX_OK;
    fprintf(stderr, "junheng: %s: write error: %s\n", path ? path : "standard output",
            strerror(errno));
    return EX_IOERR;
}

int cli_parse_count(const char *arg, unsigned long lo, unsigned long hi, unsigned long *out)
{
    char *end;
    errno = 0;
    if (*arg < '0' || *arg > '9')
        return -1;
    unsigned long v = strtoul(arg, &end, 10);
    if (errno || *end || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

int cli_parse_layout(const char *cmd, const char *arg, int *wide)
{
    if (strcmp(arg, "long") == 0 || strcmp(arg, "wide") == 0) {
        *wide = arg[0] == 'w';
        return EX_OK;
    }
    return cli_usage_error(cmd, "unknown layout '%s' (expected long or wide)", arg);
}

/* A character device (/dev/null) may take several outputs: nothing is
 * renamed onto it. */
static int is_char_device(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISCHR(st.st_mode);
}

int cli_outputs_distinct(const char *cmd, const cli_output *out, size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            if (out[i].path && out[j].path && strcmp(out[i].path, out[j].path) == 0 &&
                !is_char_device(out[i].path))
                return cli_usage_error(cmd, "%s and %s name the same file", out[i].what,
                                       out[j].what);
    return EX_OK;
}

static void outputs_abort(cli_output *out, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (out[i].open) {
            jh_outfile_abort(&out[i].f);
            out[i].open = 0;
        }
}

int cli_outputs_open(cli_output *out, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && !out[i].path)
            continue;
        int code = cli_open_output(&out[i].f, out[i].path);
        if (code) {
            outputs_abort(out, n);
            return code;
        }
        out[i].open = 1;
    }
    return EX_OK;
}

int cli_outputs_commit(cli_output *out, size_t n)
{
    for (size_t k = 1; k <= n; k++) {
        size_t i = k % n; /* 1, 2, ..., n-1, then 0 */
        if (!out[i].open)
            continue;
        out[i].open = 0;
        if (cli_commit_output(&out[i].f, out[i].path)) {
            outputs_abort(out, n);
            return EX_IOERR;
        }
    }
    return EX_OK;
}

int cli_inference_option(const char *cmd, int c, const char *arg, cli_inference *inf)
{
    unsigned long v;
    char *end;
    switch (c) {
    case CLI_OPT_BOOTSTRAP:
        if (cli_parse_count(arg, 1, 1000000, &v))
            return cli_usage_error(cmd, "--bootstrap needs a number of replicates "
                                   "from 1 to 1000000, not '%s'", arg);
        *inf->bootstrap = v;
        return EX_OK;
    case CLI_OPT_SEED:
        if (cli_parse_count(arg, 0, ULONG_MAX, &v))
            return cli_usage_error(cmd, "--seed needs a non-negative whole number, "
                                   "not '%s'", arg);
        *inf->seed = v;
        inf->seed_given = 1;
        return EX_OK;
    case CLI_OPT_CI:
        errno = 0;
        *inf->ci = strtod(arg, &end);
        if (errno || end == arg || *end || !(*inf->ci > 0 && *inf->ci < 1))
            return cli_usage_error(cmd, "--ci needs a level between 0 and 1 such as "
                                   "0.95, not '%s'", arg);
        inf->ci_given = 1;
        return EX_OK;
    case CLI_OPT_NONPOSITIVE:
        if (jh_nonpositive_parse(arg, inf->nonpositive) ||
            *inf->nonpositive == JH_NONPOS_DEFINED)
            return cli_usage_error(cmd, "unknown --nonpositive policy '%s' (expected "
                                   "error, skip or drop)", arg);
        return EX_OK;
    case CLI_OPT_NOTES:
        *inf->notes = arg;
        return EX_OK;
    default:
        return -1;
    }
}

int cli_no_indicator(const char *cmd, const jh_study *s, const char *code)
{
    const jh_intern *t = &s->data->indicators;
    const char *near = jh_suggest(code, (const char *const *)t->str, t->n);
    char list[512] = "";
    jh_list_names((const char *const *)t->str, t->n, list, sizeof list);
    if (near)
        return cli_usage_error(cmd, "no indicator '%s' in the data (did you mean '%s'? "
                               "indicators: %s)", code, near, list);
    return cli_usage_error(cmd, "no indicator '%s' in the data (indicators: %s)", code, list);
}

int cli_stratum_pos(const char *cmd, const jh_dataset *d, const char *text, size_t *pos)
{
    jh_stratum s;
    const char *name[JH_STRATA_MAX];
    char list[512] = "";
    *pos = jh_dataset_stratum_find(d, text);
    if (*pos != (size_t)-1)
        return EX_OK;
    if (jh_stratum_parse(text, &s) == 0) {
        fprintf(stderr, "junheng: %s: the data have no %s stratum\n", cmd, jh_stratum_name(s));
        return EX_DATAERR;
    }
    for (size_t k = 0; k < d->n_strata; k++)
        name[k] = jh_dataset_stratum_name(d, k);
    jh_list_names(name, d->n_strata, list, sizeof list);
    return cli_usage_error(cmd, "no stratum '%s' in the data (strata: %s)", text, list);
}
