/* report.html of a run, from the steps' result tables. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "cli.h"
#include "run.h"
#include "junheng/report.h"

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
    for (size_t i = 0; i < rs->n_skipped; i++)
        skipped[i] = rs->skipped[i];
    if (words_of(cfg->value[RK_REPORT_INDICATORS], &ind) | words_of(cfg->value[RK_REPORT_DOMAINS], &dom) |
        words_of(cfg->value[RK_REPORT_CHARTS], &kinds))
        code = EX_SOFTWARE;
    FILE *f = code ? NULL : fopen(path, "w");
    if (!code && !f)
        code = EX_CANTCREAT;
    if (f) {
        /* The steps' result tables, as written to tables/: nothing here
         * is computed again. */
        jh_report_input in = {
            .study = rs->study, .ix = r->ix, .n_ix = r->n_ix,
            .index = cfg->value[RK_ANALYSIS_INDEX],
            .lang = cfg->value[RK_OUTPUT_LANG], .title = cfg->value[RK_OUTPUT_TITLE],
            .note = cfg->value[RK_OUTPUT_NOTE],
            .charts = (const char *const *)charts, .n_charts = n_charts,
            .tables = (const char *const *)tables, .n_tables = n_tables,
            .quality = rs->validation, .chart_notes = rs->chart_notes,
            .urban_rural = r->ur, .converge = r->converge, .targets = r->targets,
            .counties = r->rank_county,
            .skipped = (const char *const *)skipped, .n_skipped = rs->n_skipped,
            .source = cfg->value[RK_DATA_FILES], .run_date = date,
            .only_indicators = words(&ind), .n_only_indicators = ind.n,
            .only_domains = words(&dom), .n_only_domains = dom.n,
            .chart_kinds = words(&kinds), .n_chart_kinds = kinds.n,
        };
        if (jh_report_write(f, &in) != 0)
            code = EX_SOFTWARE;
        if (ferror(f) | (fclose(f) != 0))
            code = code ? code : EX_IOERR;
    }
    run_config_words_free(ind.w, ind.n_alloc);
    run_config_words_free(dom.w, dom.n_alloc);
    run_config_words_free(kinds.w, kinds.n_alloc);
    return code;
}

int run_report(run_state *rs)
{
    size_t n_charts = 0, n_tables = 0;
    char path[4096];
    char **charts = list_files(rs->outdir, "charts", &n_charts);
    char **tables = list_files(rs->outdir, "tables", &n_tables);
    snprintf(path, sizeof path, "%s/report.html", rs->outdir);
    int code = write_html(rs, path, charts, n_charts, tables, n_tables);
    if (code)
        fprintf(stderr, "junheng: run: cannot write the report (exit %d)\n", code);
    free_list(charts, n_charts);
    free_list(tables, n_tables);
    return code;
}
