/* report.html of a run, from the steps' result tables. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "cli.h"
#include "run.h"
#include "junheng/report.h"
#include "junheng/xlsx.h"

/* Names of the regular files in outdir/sub, sorted, as "sub/name". */
static char **list_files(const char *outdir, const char *sub, size_t *n)
{
    char path[4096];
    struct dirent **names;
    snprintf(path, sizeof path, "%s/%s", outdir, sub);
    int k = scandir(path, &names, NULL, alphasort);
    char **out = calloc(k > 0 ? (size_t)k : 1, sizeof *out);
    *n = 0;
    for (int i = 0; i < k; i++) {
        if (out && names[i]->d_name[0] != '.') {
            size_t len = strlen(sub) + strlen(names[i]->d_name) + 2;
            if ((out[*n] = malloc(len)))
                snprintf(out[(*n)++], len, "%s/%s", sub, names[i]->d_name);
        }
        free(names[i]);
    }
    if (k >= 0)
        free(names);
    return out;
}

static void free_list(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

static int is_yes_value(const char *v)
{
    return !strcasecmp(v, "yes") || !strcasecmp(v, "true");
}

static int has_word(const char *list, const char *w)
{
    size_t n = 0;
    char **v = run_config_words(list, &n);
    int found = 0;
    for (size_t i = 0; v && i < n; i++)
        found |= strcmp(v[i], w) == 0;
    run_config_words_free(v, n);
    return found;
}

/* A [report] list as the report takes it: NULL for "all" (everything),
 * an empty list for "none". */
typedef struct word_list {
    char **w;
    size_t n, n_alloc;
    int all;
} word_list;

static int words_of(const char *v, word_list *l)
{
    l->n = 0;
    l->all = strcmp(v, "all") == 0;
    l->w = l->all ? NULL : run_config_words(v, &l->n);
    l->n_alloc = l->n;
    if (l->w && l->n == 1 && strcmp(l->w[0], "none") == 0)
        l->n = 0;
    return l->all || l->w ? 0 : -1;
}

static const char *const *words(const word_list *l)
{
    return l->all ? NULL : (const char *const *)l->w;
}

/* The date of the run for the cover: SOURCE_DATE_EPOCH when set (a
 * reproducible build of the report), else today. */
static void run_date(char *buf, size_t size)
{
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    time_t t = epoch && *epoch ? (time_t)strtoll(epoch, NULL, 10) : time(NULL);
    struct tm tm;
    if (!gmtime_r(&t, &tm) || !strftime(buf, size, "%Y-%m-%d", &tm))
        *buf = '\0';
}

static int write_html(run_state *rs, const char *path, char **charts, size_t n_charts,
                      char **tables, size_t n_tables)
{
    const run_results *r = &rs->res;
    const run_config *cfg = rs->cfg;
    word_list ind, dom, kinds;
    char date[32];
    const char *skipped[8];
    int code = EX_OK;
    run_date(date, sizeof date);
    const char *spatial_why = NULL;
    for (size_t i = 0; i < rs->n_skipped; i++) {
        skipped[i] = rs->skipped[i];
        if (!strncmp(rs->skipped[i], "spatial: ", 9))
            spatial_why = rs->skipped[i] + 9;
    }
    if (words_of(cfg->value[RK_REPORT_INDICATORS], &ind) | words_of(cfg->value[RK_REPORT_DOMAINS], &dom) |
        words_of(cfg->value[RK_REPORT_CHARTS], &kinds))
        code = cli_exit_code(JH_ENOMEM); /* words_of fails only out of memory */
    FILE *f = code ? NULL : fopen(path, "w");
    if (!code && !f)
        code = EX_CANTCREAT;
    if (f) {
        /* The steps' result tables, as written to tables/: nothing here
         * is computed again. */
        jh_report_input in = {
            .study = rs->study, .ix = r->ix ? r->ix->slices : NULL, .n_ix = r->ix ? r->ix->n : 0,
            .index = cfg->value[RK_ANALYSIS_INDEX],
            .lang = cfg->value[RK_OUTPUT_LANG], .title = cfg->value[RK_OUTPUT_TITLE],
            .note = cfg->value[RK_OUTPUT_NOTE],
            .charts = (const char *const *)charts, .n_charts = n_charts,
            .tables = (const char *const *)tables, .n_tables = n_tables,
            .quality = rs->validation, .chart_notes = rs->chart_notes,
            .urban_rural = r->ur, .group_gaps = r->gaps, .converge = r->converge, .targets = r->targets,
            .counties = r->rank_county, .services = rs->services,
            .skipped = (const char *const *)skipped, .n_skipped = rs->n_skipped,
            .source = cfg->value[RK_DATA_FILES], .run_date = date,
            .only_indicators = words(&ind), .n_only_indicators = ind.n,
            .only_domains = words(&dom), .n_only_domains = dom.n,
            .chart_kinds = words(&kinds), .n_chart_kinds = kinds.n,
            .spatial = r->spatial, .spatial_skipped = spatial_why,
            .map_indicator = r->map_indicator,
        };
        if (jh_report_write(f, &in) != 0)
            code = cli_exit_code(JH_ENOMEM); /* its one failure */
        if (ferror(f) | (fclose(f) != 0))
            code = code ? code : EX_IOERR;
    }
    run_config_words_free(ind.w, ind.n_alloc);
    run_config_words_free(dom.w, dom.n_alloc);
    run_config_words_free(kinds.w, kinds.n_alloc);
    return code;
}

static int ends_with(const char *s, const char *end)
{
    size_t n = strlen(s), m = strlen(end);
    return n >= m && strcmp(s + n - m, end) == 0;
}

/* [output] csv_bom: a UTF-8 BOM before each CSV table, for those who open
 * them in Excel directly (the tables are in the run's temporary folder:
 * rewritten beside and renamed). */
static int add_bom(const char *outdir, char **tables, size_t n)
{
    char path[4096], tmp[4200], buf[65536];
    for (size_t i = 0; i < n; i++) {
        if (!ends_with(tables[i], ".csv"))
            continue;
        snprintf(path, sizeof path, "%s/%s", outdir, tables[i]);
        snprintf(tmp, sizeof tmp, "%s.bom", path);
        FILE *in = fopen(path, "rb"), *out = in ? fopen(tmp, "wb") : NULL;
        size_t k;
        int bad = !out || fputs("\xEF\xBB\xBF", out) == EOF;
        while (!bad && (k = fread(buf, 1, sizeof buf, in)) > 0)
            bad = fwrite(buf, 1, k, out) != k;
        bad |= in && ferror(in);
        if (in)
            fclose(in);
        if (out)
            bad |= ferror(out) | (fclose(out) != 0);
        if (bad || rename(tmp, path) != 0) {
            remove(tmp);
            fprintf(stderr, "junheng: %s: cannot write the byte order mark\n", path);
            return EX_IOERR;
        }
    }
    return EX_OK;
}

/* tables/tables.xlsx from the CSV tables, one sheet each. */
static int write_xlsx(run_state *rs, char **tables, size_t n)
{
    const char *csv[64], *name[64];
    char paths[64][4096], names[64][32], path[4096];
    size_t k = 0;
    for (size_t i = 0; i < n && k < 64; i++) {
        if (!ends_with(tables[i], ".csv"))
            continue;
        const char *base = strrchr(tables[i], '/') ? strrchr(tables[i], '/') + 1 : tables[i];
        snprintf(paths[k], sizeof paths[k], "%s/%s", rs->outdir, tables[i]);
        /* Excel's limit is 31 characters for a sheet name. */
        snprintf(names[k], sizeof names[k], "%.*s", (int)(strlen(base) - 4 > 31 ? 31 : strlen(base) - 4), base);
        csv[k] = paths[k];
        name[k] = names[k];
        k++;
    }
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    /* A fixed date unless one is asked for: the same tables, the same file. */
    long long created = epoch && *epoch ? strtoll(epoch, NULL, 10) : 946684800LL;
    snprintf(path, sizeof path, "%s/tables/tables.xlsx", rs->outdir);
    return jh_xlsx_tables(path, csv, name, k, rs->study, rs->cfg->value[RK_OUTPUT_LANG], created);
}

int run_report(run_state *rs)
{
    size_t n_charts = 0, n_tables = 0;
    char path[4096];
    char **tables = list_files(rs->outdir, "tables", &n_tables);
    int code = EX_OK;
    if (is_yes_value(rs->cfg->value[RK_OUTPUT_CSV_BOM]))
        code = add_bom(rs->outdir, tables, n_tables);
    if (!code)
        code = write_xlsx(rs, tables, n_tables);
    free_list(tables, n_tables);
    if (code)
        return code;
    char **charts = list_files(rs->outdir, "charts", &n_charts);
    tables = list_files(rs->outdir, "tables", &n_tables);
    snprintf(path, sizeof path, "%s/report.html", rs->outdir);
    code = write_html(rs, path, charts, n_charts, tables, n_tables);
    if (code)
        fprintf(stderr, "junheng: run: cannot write the report (exit %d)\n", code);
    if (!code && has_word(rs->cfg->value[RK_OUTPUT_FORMATS], "pdf"))
        code = run_report_pdf(rs);
    free_list(charts, n_charts);
    free_list(tables, n_tables);
    return code;
}
