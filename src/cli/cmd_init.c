/* junheng init: starter catalogs and run.ini for one's own data.  Reads
 * the data as every command does, then writes what it could guess: the
 * regions with the prefecture and province their six-digit codes give,
 * every indicator (higher-is-better until the analyst says otherwise), a
 * per-1,000-people twin of every count when there is a population column,
 * and a run.ini that runs as it is.  It prints each guess to check. */
#define _XOPEN_SOURCE 700 /* realpath */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli.h"
#include "junheng/catalog_draft.h"

static const char help[] =
    "Usage: junheng init DATA... [-o DIR] [OPTIONS]\n"
    "\n"
    "Looks at the data files (layout, encoding, columns, years, region codes)\n"
    "and writes starter catalogs into DIR (default: the current folder):\n"
    "  regions.csv     code, name, prefecture_code and province_code (from\n"
    "                  six-digit administrative codes), prefecture (the data's\n"
    "                  parent text column, else the prefecture code)\n"
    "  indicators.csv  every indicator, higher_better, unit left empty; a\n"
    "                  derived COUNT_per_1000 = COUNT / population x scale for\n"
    "                  every column of whole numbers whose name does not\n"
    "                  say it is relative already (pc, per, rate, share,\n"
    "                  avg, 率, 人均, 每 ...) when there is a population\n"
    "                  column (scale 0.1 when the population looks like\n"
    "                  10,000s: 万人); a population with one value in every\n"
    "                  row (1: a placeholder) is no weight\n"
    "  run.ini         the annual run on these files: junheng run DIR/run.ini\n"
    "What was guessed and what to check goes to standard error.  An existing\n"
    "regions.csv, indicators.csv or run.ini in DIR is never replaced (exit 73,\n"
    "nothing written).  Both catalog formats: docs/catalogs.md.\n"
    "\n"
    "Options:\n"
    "  -o, --output-dir DIR   where the three files go (created if missing)\n"
    "  -h, --help             show this help\n"
    "\n"
    "Example:\n"
    "  junheng init county2020.csv --year 2020 -o study\n"
    "  junheng run study/run.ini\n";

static const char *const init_files[] = {"regions.csv", "indicators.csv", "run.ini"};
#define N_INIT_FILES 3

struct opts {
    cli_data data;
    const char *dir;
};

static int parse_args(int argc, char **argv, struct opts *o)
{
    static const struct option longopts[] = {
        CLI_DATA_LONGOPTS,
        {"output-dir", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":d:w:o:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': o->dir = optarg; break;
        case 'h':
            cli_print_help(help);
            return -1;
        default: {
            int rc = cli_common_option("init", c, argv, &o->data);
            if (rc)
                return rc;
        }
        }
    }
    for (int i = optind; i < argc; i++)
        if (cli_files_add(&o->data.files, argv[i]))
            return cli_exit_code(JH_ENOMEM);
    return cli_data_check("init", &o->data);
}

/* A data path as run.ini in dir reaches it: as given when dir is the
 * current folder and the path relative, else absolute. */
static char *data_path(const char *dir, const char *path)
{
    if (strcmp(dir, ".") == 0 || path[0] == '/')
        return strdup(path);
    return realpath(path, NULL);
}

/* A run.ini word: in double quotes when it holds a blank or a comma. */
static void ini_word(FILE *f, const char *w)
{
    if (strpbrk(w, " \t,;\"") && !strchr(w, '"'))
        fprintf(f, "\"%s\"", w);
    else
        fputs(w, f);
}

/* The input options init was given that run.ini must repeat for the run
 * to read the files as init did: column names, the delimiter, the layout. */
static void write_read_keys(FILE *f, const jh_read_opts *r)
{
    const struct { const char *key, *value; } cols[] = {
        {"years_across", r->years_across}, {"region_col", r->region_col},
        {"year_col", r->year_col}, {"indicator_col", r->indicator_col},
        {"value_col", r->value_col}, {"group_col", r->group_col},
        {"stratum_col", r->stratum_col}, {"name_col", r->name_col}};
    for (size_t k = 0; k < sizeof cols / sizeof cols[0]; k++)
        if (cols[k].value) {
            fprintf(f, "%s = ", cols[k].key);
            ini_word(f, cols[k].value);
            fputc('\n', f);
        }
    if (r->delimiter)
        fprintf(f, "delimiter = %s\n", r->delimiter == ';' ? "semicolon"
                                       : r->delimiter == '\t' ? "tab"
                                       : r->delimiter == ',' ? "comma" : (char[2]){r->delimiter, 0});
    if (r->format != JH_FORMAT_AUTO)
        fprintf(f, "layout = %s\n", r->format == JH_FORMAT_WIDE ? "wide" : "long");
}

static int write_run_ini(FILE *f, const struct opts *o, const jh_study *s,
                         const jh_catalog_draft_table *w)
{
    const jh_dataset *d = s->data;
    fputs("; Written by junheng init: the annual run on the catalogs beside this file.\n"
          "; Check indicators.csv (direction, unit) and regions.csv, then:\n"
          ";   junheng run run.ini\n\n[data]\nfiles = ", f);
    for (size_t i = 0; i < o->data.files.n; i++) {
        char *p = data_path(o->dir, o->data.files.path[i]);
        if (!p)
            return -1;
        if (i)
            fputc(' ', f);
        ini_word(f, p);
        free(p);
    }
    fputs("\nregions = regions.csv\nindicators = indicators.csv\n", f);
    if (w->weight)
        fprintf(f, "weight_col = %s\n", w->weight);
    if (o->data.read.year)
        fprintf(f, "year = %d\n", o->data.read.year);
    write_read_keys(f, &o->data.read);
    if (w->n_negative) {
        fputs("; columns with negative values (junheng init said where): fix the data,\n"
              "; then take them out of this list\nignore_col = ", f);
        for (size_t i = 0, k = 0; i < d->indicators.n; i++)
            if (w->negative[i])
                fprintf(f, "%s%s", k++ ? "," : "", d->indicators.str[i]);
        fputc('\n', f);
    }
    if (o->data.read.encoding != JH_ENC_AUTO)
        fprintf(f, "encoding = %s\n", o->data.read.encoding == JH_ENC_GB18030 ? "gb18030" : "utf-8");
    fputs("\n[analysis]\ngroup_by = prefecture\n\n[output]\ndir = out\n", f);
    return 0;
}

/* DIR exists (made when missing) and holds none of the three files. */
static int check_dir(const char *dir)
{
    struct stat st;
    if (stat(dir, &st) != 0 && mkdir(dir, 0777) != 0) {
        fprintf(stderr, "junheng: %s: cannot create the folder: %s\n", dir, strerror(errno));
        return EX_CANTCREAT;
    }
    for (size_t i = 0; i < N_INIT_FILES; i++) {
        char p[PATH_MAX];
        snprintf(p, sizeof p, "%s/%s", dir, init_files[i]);
        if (lstat(p, &st) == 0) {
            fprintf(stderr, "junheng: %s exists: init never replaces a catalog or a run.ini "
                    "(move it away, or give -o another folder; nothing was written)\n", p);
            return EX_CANTCREAT;
        }
    }
    return EX_OK;
}

static int write_all(const struct opts *o, const jh_study *s, const jh_catalog_draft_table *t)
{
    cli_output out[N_INIT_FILES];
    char paths[N_INIT_FILES][PATH_MAX];
    for (size_t i = 0; i < N_INIT_FILES; i++) {
        snprintf(paths[i], sizeof paths[i], "%s/%s", o->dir, init_files[i]);
        out[i] = (cli_output){.path = paths[i], .what = init_files[i]};
    }
    int code = cli_outputs_open(out, N_INIT_FILES);
    if (code)
        return code;
    jh_write_region_draft(out[0].f.f, t);
    jh_write_indicator_draft(out[1].f.f, t);
    if (write_run_ini(out[2].f.f, o, s, t)) {
        for (size_t i = 0; i < N_INIT_FILES; i++)
            jh_outfile_abort(&out[i].f);
        fprintf(stderr, "junheng: init: cannot resolve a data path: %s\n", strerror(errno));
        return EX_NOINPUT;
    }
    return cli_outputs_commit(out, N_INIT_FILES);
}

/* What was guessed, for the analyst to check. */
static void report(const struct opts *o, const jh_study *s, const jh_catalog_draft_table *w)
{
    size_t n_coded = w->n_coded, n_derived = w->n_derived;
    double scale = w->scale;
    const jh_dataset *d = s->data;
    const char *by = jh_study_default_group(s);
    size_t n_ind = d->indicators.n - (w->weight_indicator != JH_NONE) - w->n_negative;
    fprintf(stderr, "junheng: init: %zu region%s (%zu with six-digit codes: prefecture and "
            "province codes derived), %zu indicator%s, %zu year%s",
            d->regions.n, d->regions.n == 1 ? "" : "s", n_coded, n_ind,
            n_ind == 1 ? "" : "s", d->n_years, d->n_years == 1 ? "" : "s");
    if (d->n_years == 1)
        fprintf(stderr, " (%d)", d->years[0]);
    else if (d->n_years)
        fprintf(stderr, " (%d-%d)", d->years[0], d->years[d->n_years - 1]);
    fprintf(stderr, ", encoding %s\n", d->n_files ? d->file_encoding[0] : "?");
    if (by && strcmp(by, "prefecture") != 0)
        fprintf(stderr, "junheng: init: prefecture: the data's column '%s'\n", by);
    for (size_t k = 0; k < d->n_skipped; k++)
        fprintf(stderr, "junheng: init: column '%s' is not an indicator: %s\n",
                d->skipped_col[k], d->skipped_why[k]);
    if (w->weight)
        fprintf(stderr, "junheng: init: weight: column '%s'%s\n", w->weight,
                scale < 1 ? ", read as 10,000s of people (万人): its median is below 20,000"
                          : ", read as people");
    else if (!w->placeholder)
        fputs("junheng: init: no population column: indices are unweighted "
              "(give --weight-col NAME)\n", stderr);
    if (n_derived)
        fprintf(stderr, "junheng: init: %zu derived indicator%s proposed (COUNT_per_1000, "
                "scale %g): check them\n", n_derived, n_derived == 1 ? "" : "s", 1000 * scale);
    fprintf(stderr, "junheng: init: check the direction and unit of every indicator in "
            "%s/indicators.csv, then: junheng run %s/run.ini\n", o->dir, o->dir);
}

int cmd_init(int argc, char **argv)
{
    struct opts o = {.dir = "."};
    jh_study *s = NULL;
    int code = parse_args(argc, argv, &o);
    if (code) {
        free(o.data.files.path);
        return code < 0 ? EX_OK : code;
    }
    if (o.data.study.regions_path || o.data.study.indicators_path || o.data.n_derive) {
        free(o.data.files.path);
        return cli_usage_error("init", "init writes the catalogs: give no --regions, "
                               "--indicators or --derive");
    }
    code = check_dir(o.dir);
    if (!code)
        code = cli_load_study(&o.data, &s);
    if (!code) {
        jh_catalog_draft_opts co = {.no_weight = o.data.read.no_weight};
        jh_catalog_draft_table *t = NULL;
        jh_diag notes;
        jh_diag_init(&notes, (size_t)-1);
        code = cli_exit_code(jh_catalog_draft_run(s, &co, &notes, &t));
        /* what was guessed, each a line to check, before anything else */
        for (size_t i = 0; i < notes.n; i++)
            fprintf(stderr, "junheng: init: %s\n", notes.items[i].text);
        jh_diag_clear(&notes);
        if (!code)
            code = write_all(&o, s, t);
        if (!code)
            report(&o, s, t);
        jh_catalog_draft_table_free(t);
    }
    jh_study_free(s);
    free(o.data.files.path);
    return code;
}
