/* junheng init: starter catalogs and run.ini for one's own data.  Reads
 * the data as every command does, then writes what it could guess: the
 * regions with the prefecture and province their six-digit codes give,
 * every indicator (higher-is-better until the analyst says otherwise), a
 * per-1,000-people twin of every count when there is a population column,
 * and a run.ini that runs as it is.  It prints each guess to check. */
#define _XOPEN_SOURCE 700 /* realpath */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include "cli.h"

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

/* The six-digit code of a region (the first six of a 12-digit one), or
 * NULL when the code is not an administrative code. */
static int admin_code(const char *code, char out[7])
{
    size_t n = strlen(code);
    if (n != 6 && n != 12)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (code[i] < '0' || code[i] > '9')
            return 0;
    memcpy(out, code, 6);
    out[6] = '\0';
    return 1;
}

/* The data's parent column: the group column, else a text column named like
 * a prefecture (jh_study_default_group); NULL when none. */
static const char *parent_of(const jh_study *s, size_t r, const char *by)
{
    const jh_dataset *d = s->data;
    if (!by)
        return NULL;
    if (strcmp(by, "group") == 0)
        return d->region_group[r];
    size_t a = jh_study_attr(s, by);
    return a == JH_NONE ? NULL : d->attr_value[a * d->regions.n + r];
}

/* The catalogs are junheng's own input: text as it is (JH_CSV_RAW), since
 * an apostrophe against formulas would change a code. */
#define RAW JH_CSV_RAW

static void write_regions(FILE *f, const jh_study *s, size_t *n_coded)
{
    const jh_dataset *d = s->data;
    const char *by = jh_study_default_group(s);
    *n_coded = 0;
    fputs("code,name,prefecture_code,province_code,prefecture\n", f);
    for (size_t r = 0; r < d->regions.n; r++) {
        char six[7], pref[7] = "", prov[7] = "";
        if (admin_code(d->regions.str[r], six)) {
            snprintf(pref, sizeof pref, "%.4s00", six);
            snprintf(prov, sizeof prov, "%.2s0000", six);
            ++*n_coded;
        }
        const char *parent = parent_of(s, r, by);
        jh_csv_text(f, d->regions.str[r], RAW | JH_CSV_FIRST);
        jh_csv_text(f, d->region_name[r] ? d->region_name[r] : "", RAW);
        jh_csv_text(f, pref, RAW);
        jh_csv_text(f, prov, RAW);
        jh_csv_text(f, parent && *parent ? parent : pref, RAW);
        fputc('\n', f);
    }
}

/* Whether every value of indicator i is a whole number >= 0 (a count:
 * beds, doctors, schools), with at least one value. */
static int is_count(const jh_dataset *d, size_t i)
{
    size_t slice = d->n_years * d->n_strata * d->regions.n, seen = 0;
    const double *v = d->values + i * slice;
    for (size_t c = 0; c < slice; c++) {
        if (isnan(v[c]))
            continue;
        if (v[c] < 0 || v[c] != floor(v[c]))
            return 0;
        seen++;
    }
    return seen > 0;
}

/* Whether a name says its values are already relative to something (per
 * capita, a rate, a share, an average): a whole number there is not a
 * count, and a per-1,000-people twin of it would mean nothing.  Latin
 * words match at a word start (pcincome, per_capita, enrol_rate). */
static int relative_name(const char *name)
{
    static const char *const latin[] = {"pc", "per", "rate", "ratio", "share", "pct", "percent",
                                        "avg", "average", "mean", "median", "index", "density"};
    static const char *const han[] = {"率", "人均", "每", "比", "均", "密度", "指数"};
    for (size_t k = 0; k < sizeof han / sizeof han[0]; k++)
        if (strstr(name, han[k]))
            return 1;
    for (const char *p = name; *p; p++) {
        if (p != name && isalpha((unsigned char)p[-1]))
            continue;
        for (size_t k = 0; k < sizeof latin / sizeof latin[0]; k++)
            if (strncasecmp(p, latin[k], strlen(latin[k])) == 0)
                return 1;
    }
    return 0;
}

/* Whether an indicator's name says it is a population (pop, 人口). */
static int population_name(const char *name)
{
    for (const char *p = name; *p; p++)
        if (strncasecmp(p, "pop", 3) == 0)
            return 1;
    return strstr(name, "人口") != NULL;
}

/* The weight: the data's weight column, else an indicator named like a
 * population (registered_pop_persons, 户籍人口数), said; run.ini then reads
 * it with weight_col.  Sets w->name (NULL: none) and w->ind (its
 * indicator, or JH_NONE for the weight column). */
struct weight {
    const char *name;
    size_t ind;
    unsigned char *negative; /* [indicator] has a value below zero: left out */
    size_t n_negative;
    int placeholder; /* the weight column was constant and is not used */
};

/* Whether the weight (column ind, or the data's weight column for
 * JH_NONE) takes one value wherever it is given: a placeholder such as
 * population = 1, under which weighted indices only repeat the others. */
static int constant_weight(const jh_dataset *d, size_t ind, double *value)
{
    size_t slice = d->n_years * d->n_strata * d->regions.n, n = 0;
    const double *v = ind != JH_NONE ? d->values + ind * slice : d->weights;
    for (size_t c = 0; v && c < slice; c++) {
        if (isnan(v[c]))
            continue;
        if (n++ && v[c] != *value)
            return 0;
        *value = v[c];
    }
    return n > 1;
}

static struct weight find_weight(const struct opts *o, const jh_study *s)
{
    const jh_dataset *d = s->data;
    struct weight w = {d->weights ? d->weight_name : NULL, JH_NONE, NULL, 0, 0};
    for (size_t k = 0; !w.name && !o->data.read.no_weight && k < d->indicators.n; k++)
        if (population_name(d->indicators.str[k])) {
            w.name = d->indicators.str[k];
            w.ind = k;
            fprintf(stderr, "junheng: init: column '%s' taken as the population (the weight); "
                    "give --weight-col NAME or --no-weight otherwise\n", w.name);
        }
    double v;
    if (w.name && constant_weight(d, w.ind, &v)) {
        fprintf(stderr, "junheng: init: column '%s' is %g in every row, which no population "
                "is: the indicators are not weighted (give --weight-col NAME for another "
                "column)\n", w.name, v);
        w.name = NULL;
        w.ind = JH_NONE;
        w.placeholder = 1;
    }
    return w;
}

/* 1e-4 when the weight column looks like 10,000s of people (万人: a county
 * median below 20,000 cannot be people), else 1: so that COUNT / weight x
 * 1000 x scale is per 1,000 people (COUNT / (weight x 10^4) x 1000 =
 * COUNT / weight x 0.1 for 万人). */
static double population_scale(const jh_dataset *d, const struct weight *w)
{
    size_t slice = d->n_years * d->n_strata * d->regions.n, n = 0, below = 0;
    const double *v = w->ind != JH_NONE ? d->values + w->ind * slice : d->weights;
    for (size_t c = 0; w->name && v && c < slice; c++)
        if (!isnan(v[c])) {
            n++;
            below += v[c] < 20000;
        }
    return n && 2 * below > n ? 1e-4 : 1;
}

/* The first value below zero of indicator i, or 0 when none: the run
 * refuses such values (no count or rate is negative). */
static int first_negative(const jh_dataset *d, size_t i, size_t *region, size_t *year)
{
    for (size_t y = 0; y < d->n_years; y++)
        for (size_t k = 0; k < d->n_strata; k++) {
            const double *x = jh_dataset_slice(d, i, y, k);
            for (size_t r = 0; r < d->regions.n; r++)
                if (x[r] < 0) {
                    *region = r;
                    *year = y;
                    return 1;
                }
        }
    return 0;
}

/* Marks the indicators with negative values and says where: run.ini
 * leaves them out (ignore_col) until the data are fixed. */
static int mark_negative(const jh_dataset *d, struct weight *w)
{
    w->negative = calloc(d->indicators.n ? d->indicators.n : 1, 1);
    if (!w->negative)
        return -1;
    for (size_t i = 0; i < d->indicators.n; i++) {
        size_t r, y;
        if (i == w->ind || !first_negative(d, i, &r, &y))
            continue;
        w->negative[i] = 1;
        w->n_negative++;
        fprintf(stderr, "junheng: init: column '%s' has a negative value (region '%s', %d): "
                "left out by run.ini's ignore_col until the data are fixed\n",
                d->indicators.str[i], d->regions.str[r], d->years[y]);
    }
    return 0;
}

static void indicator_row(FILE *f, const char *code, const char *name, const char *dir,
                          const char *weight, const char *num, const char *den, double scale,
                          const char *note)
{
    jh_csv_text(f, code, RAW | JH_CSV_FIRST);
    jh_csv_text(f, name, RAW);
    fprintf(f, ",,,,%s,%s,county", dir, weight);
    jh_csv_text(f, num, RAW);
    jh_csv_text(f, den, RAW);
    if (num[0]) /* 1000 or 0.1, written as a person would: %.15g */
        fprintf(f, ",%.15g", scale);
    else
        fputc(',', f);
    jh_csv_text(f, note, RAW);
    fputc('\n', f);
}

static size_t write_indicators(FILE *f, const jh_study *s, const struct weight *wt,
                               double scale)
{
    const jh_dataset *d = s->data;
    const char *w = wt->name;
    size_t n_derived = 0;
    fputs("code,name_zh,name_en,domain,unit,direction,weight,scope,numerator,denominator,"
          "scale,note\n", f);
    for (size_t i = 0; i < d->indicators.n; i++) {
        const char *code = d->indicators.str[i];
        if (i == wt->ind || wt->negative[i])
            continue;
        indicator_row(f, code, code, "higher_better", w ? "population" : "none", "", "", 1,
                      "guessed by junheng init: check direction and unit");
    }
    if (!w)
        return 0;
    indicator_row(f, w, w, "neutral", "none", "", "", 1,
                  "the weight column (population); a part of the derived indicators");
    for (size_t i = 0; i < d->indicators.n; i++) {
        if (i == wt->ind || wt->negative[i] || !is_count(d, i) ||
            relative_name(d->indicators.str[i]))
            continue;
        char code[512], name[512];
        snprintf(code, sizeof code, "%s_per_1000", d->indicators.str[i]);
        snprintf(name, sizeof name, "每千人%s", d->indicators.str[i]);
        if (jh_intern_find(&d->indicators, code) != JH_NONE)
            continue;
        indicator_row(f, code, name, "higher_better", "population", d->indicators.str[i], w,
                      1000 * scale, "proposed by junheng init: a count per 1,000 people");
        n_derived++;
    }
    return n_derived;
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
                         const struct weight *w)
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
    if (w->name)
        fprintf(f, "weight_col = %s\n", w->name);
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

static int write_all(const struct opts *o, const jh_study *s, const struct weight *w,
                     size_t *n_coded, size_t *n_derived, double scale)
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
    write_regions(out[0].f.f, s, n_coded);
    *n_derived = write_indicators(out[1].f.f, s, w, scale);
    if (write_run_ini(out[2].f.f, o, s, w)) {
        for (size_t i = 0; i < N_INIT_FILES; i++)
            jh_outfile_abort(&out[i].f);
        fprintf(stderr, "junheng: init: cannot resolve a data path: %s\n", strerror(errno));
        return EX_NOINPUT;
    }
    return cli_outputs_commit(out, N_INIT_FILES);
}

/* What was guessed, for the analyst to check. */
static void report(const struct opts *o, const jh_study *s, const struct weight *w,
                   size_t n_coded, size_t n_derived, double scale)
{
    const jh_dataset *d = s->data;
    const char *by = jh_study_default_group(s);
    size_t n_ind = d->indicators.n - (w->ind != JH_NONE) - w->n_negative;
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
    if (w->name)
        fprintf(stderr, "junheng: init: weight: column '%s'%s\n", w->name,
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
    size_t n_coded = 0, n_derived = 0;
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
        struct weight w = find_weight(&o, s);
        double scale = population_scale(s->data, &w);
        code = mark_negative(s->data, &w) ? cli_exit_code(JH_ENOMEM) : EX_OK;
        if (!code)
            code = write_all(&o, s, &w, &n_coded, &n_derived, scale);
        if (!code)
            report(&o, s, &w, n_coded, n_derived, scale);
        free(w.negative);
    }
    jh_study_free(s);
    free(o.data.files.path);
    return code;
}
