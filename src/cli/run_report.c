/* report.html of a run, from the study and the files the steps made. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *s = NULL;
    long n;
    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (s = malloc((size_t)n + 1))) {
        size_t got = fread(s, 1, (size_t)n, f);
        s[got] = '\0';
    }
    fclose(f);
    return s;
}

/* The analyses the summary draws on, with the commands' defaults; a
 * part that cannot be computed (no strata, no catalog) is left out. */
struct extras {
    jh_ur_table *ur;
    jh_converge *cv;
    jh_target_table *tg;
    jh_rank_county_table *rk;
};

static size_t total_stratum(const jh_dataset *d)
{
    for (size_t k = 0; k < d->n_strata; k++)
        if (d->strata[k] == JH_STRATUM_TOTAL)
            return k;
    return 0;
}

static void compute_extras(const jh_study *st, const char *index, struct extras *x)
{
    jh_diag quiet; /* the steps have already said everything */
    jh_ur_opts ur = {.use_weights = 1, .ci = 0.95};
    const char *cv_index[] = {index}; /* the configured index, as the summary */
    jh_converge_opts cv = {.tables = JH_CONVERGE_TREND, .index = cv_index, .n_index = 1};
    jh_rank_opts rk = {.stratum = total_stratum(st->data)};
    jh_diag_init(&quiet, 1);
    if (jh_urban_rural_study(st, &ur, &quiet, &x->ur))
        x->ur = NULL;
    if (jh_converge_run(st, &cv, &quiet, &x->cv))
        x->cv = NULL;
    if (!st->indicators || jh_targets_table(st, total_stratum(st->data), &quiet, &x->tg))
        x->tg = NULL;
    if (jh_rank_counties(st, &rk, &quiet, &x->rk))
        x->rk = NULL;
    jh_diag_clear(&quiet);
}

static void free_extras(struct extras *x)
{
    jh_ur_table_free(x->ur);
    jh_converge_free(x->cv);
    jh_target_table_free(x->tg);
    jh_rank_county_table_free(x->rk);
}

/* The data-quality text: validate's report, then the charts the run did
 * not draw or skipped, with why.  Takes quality; returns the text. */
static char *with_chart_notes(const run_state *rs, char *quality)
{
    if (!rs->chart_notes)
        return quality;
    int zh = strcmp(rs->cfg->value[RK_OUTPUT_LANG], "zh") == 0;
    const char *head = zh ? "未绘制或跳过的图表（原因见 run.log）：\n"
                          : "Charts not drawn or skipped (see run.log):\n";
    size_t q = quality ? strlen(quality) : 0;
    char *text = malloc(q + strlen(head) + strlen(rs->chart_notes) + 2);
    if (!text)
        return quality;
    snprintf(text, q + strlen(head) + strlen(rs->chart_notes) + 2, "%s%s%s%s",
             quality ? quality : "", q && quality[q - 1] != '\n' ? "\n" : "", head,
             rs->chart_notes);
    free(quality);
    return text;
}

int run_report(run_state *rs)
{
    struct extras x = {0};
    cli_data data = {0};
    jh_study *st = NULL;
    jh_slice_indices *ix = NULL;
    size_t n_ix = 0, n_charts = 0, n_tables = 0;
    jh_diag diag;
    char path[4096];
    char **argv = malloc((rs->n_data_args + 2) * sizeof *argv);
    int code = argv ? EX_OK : cli_exit_code(JH_ENOMEM);
    jh_diag_init(&diag, 20);
    if (!code) {
        argv[0] = "run";
        memcpy(argv + 1, rs->data_args, rs->n_data_args * sizeof *argv);
        argv[rs->n_data_args + 1] = NULL;
        code = cli_data_parse((int)rs->n_data_args + 1, argv, &data);
    }
    if (!code)
        code = cli_load_study(&data, &st);
    if (!code && jh_study_indices(st, 1, &diag, &ix, &n_ix))
        code = cli_exit_code(JH_ENOMEM);
    if (!code)
        compute_extras(st, rs->cfg->value[RK_ANALYSIS_INDEX], &x);
    char **charts = list_files(rs->outdir, "charts", &n_charts);
    char **tables = list_files(rs->outdir, "tables", &n_tables);
    snprintf(path, sizeof path, "%s/tables/validate.txt", rs->outdir);
    char *quality = with_chart_notes(rs, slurp(path));
    snprintf(path, sizeof path, "%s/report.html", rs->outdir);
    FILE *f = code ? NULL : fopen(path, "w");
    if (!code && !f)
        code = EX_CANTCREAT;
    const char *skipped[8];
    for (size_t i = 0; i < rs->n_skipped; i++)
        skipped[i] = rs->skipped[i];
    if (f) {
        jh_report_input in = {
            .study = st, .ix = ix, .n_ix = n_ix, .index = rs->cfg->value[RK_ANALYSIS_INDEX],
            .lang = rs->cfg->value[RK_OUTPUT_LANG], .title = rs->cfg->value[RK_OUTPUT_TITLE],
            .note = rs->cfg->value[RK_OUTPUT_NOTE],
            .charts = (const char *const *)charts, .n_charts = n_charts,
            .tables = (const char *const *)tables, .n_tables = n_tables, .quality = quality,
            .urban_rural = x.ur, .converge = x.cv, .targets = x.tg, .counties = x.rk,
            .skipped = (const char *const *)skipped, .n_skipped = rs->n_skipped,
        };
        jh_report_write(f, &in);
        if (ferror(f) | (fclose(f) != 0))
            code = EX_IOERR;
    }
    if (code)
        fprintf(stderr, "junheng: run: cannot write the report (exit %d)\n", code);
    free_extras(&x);
    free(quality);
    free_list(charts, n_charts);
    free_list(tables, n_tables);
    free(ix);
    jh_study_free(st);
    jh_diag_clear(&diag);
    free(data.files.path);
    free(argv);
    return code;
}
