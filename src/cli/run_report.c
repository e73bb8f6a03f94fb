/* report.html of a run, from the steps' result tables. */
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
    const run_results *r = &rs->res;
    size_t n_charts = 0, n_tables = 0;
    char path[4096];
    int code = EX_OK;
    char **charts = list_files(rs->outdir, "charts", &n_charts);
    char **tables = list_files(rs->outdir, "tables", &n_tables);
    char *quality = with_chart_notes(rs, rs->validation ? strdup(rs->validation) : NULL);
    snprintf(path, sizeof path, "%s/report.html", rs->outdir);
    FILE *f = fopen(path, "w");
    if (!f)
        code = EX_CANTCREAT;
    const char *skipped[8];
    for (size_t i = 0; i < rs->n_skipped; i++)
        skipped[i] = rs->skipped[i];
    if (f) {
        /* The steps' result tables, as written to tables/: nothing here
         * is computed again. */
        jh_report_input in = {
            .study = rs->study, .ix = r->ix, .n_ix = r->n_ix,
            .index = rs->cfg->value[RK_ANALYSIS_INDEX],
            .lang = rs->cfg->value[RK_OUTPUT_LANG], .title = rs->cfg->value[RK_OUTPUT_TITLE],
            .note = rs->cfg->value[RK_OUTPUT_NOTE],
            .charts = (const char *const *)charts, .n_charts = n_charts,
            .tables = (const char *const *)tables, .n_tables = n_tables, .quality = quality,
            .urban_rural = r->ur, .converge = r->converge, .targets = r->targets,
            .counties = r->rank_county,
            .skipped = (const char *const *)skipped, .n_skipped = rs->n_skipped,
        };
        jh_report_write(f, &in);
        if (ferror(f) | (fclose(f) != 0))
            code = EX_IOERR;
    }
    if (code)
        fprintf(stderr, "junheng: run: cannot write the report (exit %d)\n", code);
    free(quality);
    free_list(charts, n_charts);
    free_list(tables, n_tables);
    return code;
}
