/* The steps of the annual run: one study, loaded and validated once, and
 * a table of steps (analysis, writer) whose result tables the report
 * reads.  The chart steps hand the same study to the chart planner and
 * the maps (plot_draw.h). */
#define _XOPEN_SOURCE 700
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "cli.h"
#include "run.h"
#include "neighbor_source.h"
#include "plot_draw.h"
#include "plot_tables.h"
#include "weights_opt.h"
#include "junheng/output.h"
#include "junheng/sha256.h"
#include "junheng/spatial_out.h"
#include "junheng/targets.h"
#include "junheng/validate.h"

static int keep_input(run_state *rs, const char *path)
{
    char **in = realloc(rs->inputs, (rs->n_inputs + 1) * sizeof *in);
    if (!in)
        return -1;
    rs->inputs = in;
    return (in[rs->n_inputs] = strdup(path)) ? (rs->n_inputs++, 0) : -1;
}

static int is_yes(const char *v)
{
    return !strcasecmp(v, "yes") || !strcasecmp(v, "true");
}

static void logf_(run_state *rs, const char *fmt, ...)
{
    va_list ap;
    if (!rs->log)
        return;
    time_t t = time(NULL);
    char stamp[32];
    strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", gmtime(&t));
    fprintf(rs->log, "%s ", stamp);
    va_start(ap, fmt);
    vfprintf(rs->log, fmt, ap);
    va_end(ap);
    putc('\n', rs->log);
    fflush(rs->log);
}

/* "path" of [data], resolved against the configuration's directory and
 * kept for the manifest: *out points into rs->inputs. */
static int input_path(run_state *rs, const char *p, char **out)
{
    char *full = run_config_path(rs->cfg, p);
    if (!full || keep_input(rs, full)) {
        free(full);
        return -1;
    }
    free(full);
    *out = rs->inputs[rs->n_inputs - 1];
    return 0;
}

/* The path of key k of [data] when it is set, into *dst. */
static int input_key(run_state *rs, enum run_key k, const char **dst)
{
    char *path;
    if (!rs->cfg->value[k][0])
        return 0;
    if (input_path(rs, rs->cfg->value[k], &path))
        return -1;
    *dst = path;
    return 0;
}

/* rs->data: the input options from [data], set the way a command's
 * option parser sets them (no argv); the paths are rs->inputs. */
static int build_data(run_state *rs)
{
    const run_config *c = rs->cfg;
    size_t n_files = 0;
    char *path;
    char **files = run_config_words(c->value[RK_DATA_FILES], &n_files);
    int bad = !files;
    for (size_t i = 0; i < n_files && !bad; i++)
        bad = input_path(rs, files[i], &path) || cli_files_add(&rs->data.files, path) != 0;
    run_config_words_free(files, n_files);
    bad = bad || input_key(rs, RK_DATA_REGIONS, &rs->data.study.regions_path) ||
          input_key(rs, RK_DATA_INDICATORS, &rs->data.study.indicators_path) ||
          input_key(rs, RK_DATA_STRATA, &rs->data.read.strata_path);
    /* [data] keys that are the input option of the same name */
    static const struct { int key, opt; } as_option[] = {
        {RK_DATA_WEIGHT_COL, 'w'}, {RK_DATA_IGNORE_COL, CLI_OPT_IGNORE_COL},
        {RK_DATA_INDICATORS_ONLY, CLI_OPT_INDICATORS_ONLY}, {RK_DATA_YEAR, CLI_OPT_YEAR},
        {RK_DATA_YEARS_ACROSS, CLI_OPT_YEARS_ACROSS}, {RK_DATA_DELIMITER, CLI_OPT_DELIMITER},
        {RK_DATA_REGION_COL, CLI_OPT_REGION_COL}, {RK_DATA_YEAR_COL, CLI_OPT_YEAR_COL},
        {RK_DATA_INDICATOR_COL, CLI_OPT_INDICATOR_COL}, {RK_DATA_VALUE_COL, CLI_OPT_VALUE_COL},
        {RK_DATA_GROUP_COL, CLI_OPT_GROUP_COL}, {RK_DATA_STRATUM_COL, CLI_OPT_STRATUM_COL},
        {RK_DATA_NAME_COL, CLI_OPT_NAME_COL}};
    for (size_t k = 0; !bad && k < sizeof as_option / sizeof as_option[0]; k++)
        if (c->value[as_option[k].key][0])
            bad = cli_data_option(as_option[k].opt, c->value[as_option[k].key], "run",
                                  &rs->data) != EX_OK;
    if (!bad && strcmp(c->value[RK_DATA_LAYOUT], "auto") != 0)
        bad = cli_data_option(strcmp(c->value[RK_DATA_LAYOUT], "wide") ? CLI_OPT_LONG
                                                                         : CLI_OPT_WIDE,
                              NULL, "run", &rs->data) != EX_OK;
    if (!bad && is_yes(c->value[RK_DATA_LENIENT]))
        bad = cli_data_option(CLI_OPT_LENIENT, NULL, "run", &rs->data) != EX_OK;
    if (!bad && is_yes(c->value[RK_OUTPUT_RAW_TEXT]))
        bad = cli_data_option(CLI_OPT_RAW_TEXT, NULL, "run", &rs->data) != EX_OK;
    if (!bad)
        bad = cli_data_option(CLI_OPT_LEVEL, c->value[RK_DATA_REGION_LEVEL], "run",
                              &rs->data) != EX_OK;
    if (!bad)
        bad = cli_data_option(CLI_OPT_ENCODING, c->value[RK_DATA_ENCODING], "run", &rs->data) ||
              cli_data_option(CLI_OPT_CENSORED, c->value[RK_DATA_CENSORED], "run", &rs->data) ||
              cli_data_option(CLI_OPT_ON_DUPLICATE, c->value[RK_DATA_ON_DUPLICATE], "run",
                              &rs->data);
    return bad ? -1 : 0;
}

/* [data] services: the service list, for validate and the report (not an
 * option of the steps' commands); rc is the status so far. */
static int read_services(run_state *rs, jh_diag *diag, int rc)
{
    char *path = run_config_path(rs->cfg, rs->cfg->value[RK_DATA_SERVICES]);
    if (!path || keep_input(rs, path)) {
        free(path);
        return JH_ENOMEM;
    }
    int r = jh_service_list_read(path, diag, &rs->services);
    free(path);
    return rc ? rc : r;
}

/* Reads every data file (jh_dataset_read: not stopping at the first bad
 * one, as validate does) and the catalogs: each file opened and parsed once. */
static int read_inputs(run_state *rs, jh_diag *diag, jh_dataset **d, jh_region_catalog **reg,
                       jh_indicator_catalog **ind)
{
    int rc = JH_OK;
    jh_read_opts ro = rs->data.read;
    const char *levels[JH_READ_MAX_LIST];
    /* The region catalog first: its level columns are not indicators. */
    if (rs->data.study.regions_path)
        rc = jh_region_catalog_read(rs->data.study.regions_path, diag, reg);
    if (rc == JH_ENOMEM)
        return rc;
    ro.level_cols = levels;
    ro.n_level_cols = jh_region_catalog_levels(*reg, levels, JH_READ_MAX_LIST);
    int data_rc = jh_dataset_read(rs->data.files.path, rs->data.files.n, &ro, diag, d);
    rc = rc ? rc : data_rc;
    if (rc != JH_ENOMEM && rs->data.study.indicators_path) {
        int r = jh_indicator_catalog_read(rs->data.study.indicators_path, diag, ind);
        rc = rc ? rc : r;
    }
    if (rc != JH_ENOMEM && rs->cfg->value[RK_DATA_SERVICES][0])
        rc = read_services(rs, diag, rc);
    return rc == JH_OK && diag->n_errors ? JH_EPARSE : rc;
}

/* The validate report of the inputs, as text for tables/validate.txt. */
static int validate_once(run_state *rs, const jh_dataset *d, jh_region_catalog *reg,
                         jh_indicator_catalog *ind, const jh_diag *read_diag)
{
    jh_diag checks;
    jh_validate_table *v = NULL;
    size_t len = 0;
    jh_validate_opts vo = {.regions = reg, .indicators = ind, .services = rs->services,
                           .lenient = rs->data.study.lenient, .outlier_z = rs->outlier_z};
    jh_diag_init(&checks, 100);
    int rc = jh_validate_run(d, &vo, &checks, &v);
    FILE *f = rc ? NULL : open_memstream(&rs->validation, &len);
    if (f) {
        jh_validation_report r = {
            .d = d, .v = v, .checks = &checks, .regions = rs->data.study.regions_path,
            .indicators = rs->data.study.indicators_path, .censored = rs->data.read.censored,
            .read_errors = read_diag->n_errors, .read_warnings = read_diag->n_warnings,
        };
        jh_write_validation(f, &r);
        rc = fclose(f) ? JH_ENOMEM : JH_OK;
    } else if (!rc)
        rc = JH_ENOMEM;
    if (!rc && checks.n_errors) {
        cli_print_diag(&checks);
        fprintf(stderr, "junheng: validate: %zu %s in the data\n", checks.n_errors,
                checks.n_errors == 1 ? "error" : "errors");
        rc = JH_EPARSE;
    }
    jh_validate_table_free(v);
    jh_diag_clear(&checks);
    return rc;
}

int run_check_inputs(run_state *rs)
{
    jh_dataset *d = NULL;
    jh_region_catalog *reg = NULL;
    jh_indicator_catalog *ind = NULL;
    jh_diag rd;
    /* The spatial keys are the configuration's errors: said before the data's. */
    int spatial = run_config_check_spatial(rs->cfg);
    if (spatial)
        return spatial;
    if (build_data(rs)) {
        fputs("junheng: out of memory\n", stderr);
        return cli_exit_code(JH_ENOMEM);
    }
    jh_diag_init(&rd, 100);
    int rc = read_inputs(rs, &rd, &d, &reg, &ind);
    cli_print_diag(&rd);
    if (!rc)
        rc = validate_once(rs, d, reg, ind, &rd);
    if (rc == JH_ENOMEM)
        fputs("junheng: out of memory while reading the data\n", stderr);
    int code = cli_exit_code(rc);
    if (!code)
        code = run_config_check_group_by(rs->cfg, reg, d);
    jh_diag_clear(&rd);
    if (code) {
        jh_dataset_free(d);
        jh_region_catalog_free(reg);
        jh_indicator_catalog_free(ind);
        return code;
    }
    /* The study's own messages (indicators the catalog lacks, derived
     * indicators) go to run.log with the steps'. */
    jh_diag_init(&rs->load_diag, 20);
    rc = jh_study_make_from(d, reg, ind, rs->data.study.lenient, &rs->load_diag, &rs->study);
    if (rc == JH_ENOMEM)
        jh_diag_add(&rs->load_diag, JH_DIAG_ERROR, NULL, 0, 0, "out of memory");
    if (rc)
        cli_print_diag(&rs->load_diag);
    return cli_exit_code(rc);
}

static char *out_path(const run_state *rs, const char *rel)
{
    size_t n = strlen(rs->outdir) + strlen(rel) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", rs->outdir, rel);
    return p;
}

/* The step's messages into run.log, as the command would print them;
 * warnings counted from the diagnostics.  On failure also on stderr. */
static void log_diag(run_state *rs, const jh_diag *d, int notes, int failed)
{
    for (size_t i = 0; i < d->n; i++) {
        int warn = d->items[i].level == JH_DIAG_WARNING;
        const char *word = !warn ? "" : notes ? "note: " : "warning: ";
        if (rs->log)
            fprintf(rs->log, "junheng: %s%s\n", word, d->items[i].text);
        if (failed)
            fprintf(stderr, "junheng: %s%s\n", word, d->items[i].text);
    }
    if (!notes)
        rs->n_warnings += d->n_warnings;
}

/* Whether [charts] kinds asks for kind (all asks for every one). */
static int wants_kind(const run_state *rs, const char *kind)
{
    size_t n = 0;
    char **w = run_config_words(rs->cfg->value[RK_CHARTS_KINDS], &n);
    int yes = 0;
    for (size_t i = 0; w && i < n; i++)
        yes |= !strcmp(w[i], "all") || !strcmp(w[i], kind);
    run_config_words_free(w, n);
    return yes;
}

/* The maps the run draws: a choropleth when there are shapes (boundaries,
 * else the schematic tiles), a LISA map when the spatial step ran. */
static void map_plan(const run_state *rs, int *map, int *lisa)
{
    const run_config *c = rs->cfg;
    int shapes = c->value[RK_DATA_BOUNDARIES][0] || c->value[RK_DATA_TILES][0];
    int nb = c->value[RK_DATA_NEIGHBORS][0] || c->value[RK_DATA_BOUNDARIES][0];
    *map = shapes && strcmp(c->value[RK_CHARTS_KINDS], "none") && wants_kind(rs, "map");
    *lisa = shapes && nb && strcmp(c->value[RK_CHARTS_KINDS], "none") &&
            wants_kind(rs, "lisa-map");
}

/* The indicator the summary puts first: the most unequal by the
 * configured index in the last year; NULL when rank found none. */
static const char *headline_indicator(const run_state *rs)
{
    const jh_rank_indicators_table *t = rs->res.rank_ind;
    const jh_dataset *d = rs->study->data;
    for (size_t i = 0; t && i < t->n; i++)
        if (t->rows[i].year + 1 == d->n_years && t->rows[i].rank == 1)
            return d->indicators.str[t->rows[i].indicator];
    return NULL;
}

/* charts/ holds charts only: the scripts and data files plot leaves
 * without gnuplot name the temporary directory and would not work later,
 * and a *.part is a chart that failed. */
static void keep_only_charts(run_state *rs)
{
    char *dir = out_path(rs, "charts"), path[4400];
    DIR *d = dir ? opendir(dir) : NULL;
    for (struct dirent *e; d && (e = readdir(d));) {
        const char *dot = strrchr(e->d_name, '.');
        if (e->d_name[0] == '.' || (dot && (!strcmp(dot, ".png") || !strcmp(dot, ".svg") ||
                                            !strcmp(dot, ".pdf"))))
            continue;
        if (snprintf(path, sizeof path, "%s/%s", dir, e->d_name) < (int)sizeof path)
            unlink(path);
    }
    if (d)
        closedir(d);
    free(dir);
}

/* On the terminal after the charts: which were not drawn, and how to turn
 * charts off; the reasons are in run.log and the report. */
static void say_charts_not_drawn(run_state *rs)
{
    char names[600] = "";
    size_t shown = 0, len = 0;
    if (!rs->n_not_drawn)
        return;
    for (const char *p = rs->chart_notes; p && *p; p = strchr(p, '\n') + 1) {
        const char *end = strstr(p, ": not drawn: "), *nl = strchr(p, '\n');
        if (end && end < nl && shown < 5 && len + (size_t)(end - p) + 3 < sizeof names) {
            len += (size_t)snprintf(names + len, sizeof names - len, "%s%.*s", shown ? ", " : "",
                                    (int)(end - p), p);
            shown++;
        }
    }
    if (shown < rs->n_not_drawn)
        snprintf(names + len, sizeof names - len, " and %zu more", rs->n_not_drawn - shown);
    fprintf(stderr, "junheng: run: warning: %s%zu chart%s not drawn: %s (every one, with the "
            "reason, in run.log and the report's data quality section)\n",
            rs->gnuplot_missing ? "gnuplot not found: " : "", rs->n_not_drawn,
            rs->n_not_drawn == 1 ? "" : "s", names);
    if (rs->gnuplot_missing)
        fputs("junheng: run: install gnuplot (Debian: apt-get install gnuplot-nox "
              "fonts-noto-cjk), or turn charts off with 'kinds = none' in [charts] "
              "(or --set charts.kinds=none)\n", stderr);
    else
        fputs("junheng: run: the tables and the report are complete; to turn charts off: "
              "'kinds = none' in [charts] (or --set charts.kinds=none)\n", stderr);
    logf_(rs, "charts not drawn: %zu%s", rs->n_not_drawn,
          rs->gnuplot_missing ? " (gnuplot not found)" : "");
}

/* Words in a comma- or space-separated list. */
static size_t count_words(const char *list)
{
    size_t n = 0;
    for (const char *p = list; *p; p++)
        n += !strchr(", \t", *p) && (p == list || strchr(", \t", p[-1]));
    return n;
}

/* Records a step the data do not allow, for run.log and the report. */
static void skip(run_state *rs, const char *label, const char *why_zh, const char *why_en)
{
    int en = strcmp(rs->cfg->value[RK_OUTPUT_LANG], "en") == 0;
    logf_(rs, "step %s: skipped (%s)", label, why_en);
    rs->step++; /* the progress line still ends at N/N */
    /* The label and the reason are cut to fit the slot. */
    if (rs->n_skipped < sizeof rs->skipped / sizeof rs->skipped[0])
        snprintf(rs->skipped[rs->n_skipped++], sizeof rs->skipped[0], "%.60s: %.190s", label,
                 en ? why_en : why_zh);
}

/* 1 when the list of [charts] kinds names kind itself (not through all). */
static int wants_kind_word(const run_config *c, const char *kind)
{
    size_t n = 0;
    char **w = run_config_words(c->value[RK_CHARTS_KINDS], &n);
    int yes = 0;
    for (size_t i = 0; w && i < n; i++)
        yes |= !strcmp(w[i], kind);
    run_config_words_free(w, n);
    return yes;
}

/* How many steps the progress line counts to. */
static size_t planned_steps(const run_state *rs)
{
    const run_config *c = rs->cfg;
    size_t n = 3 + count_words(c->value[RK_ANALYSIS_GROUP_BY]); /* validate, indices x2 */
    n += 2 + 2 + (c->value[RK_DATA_INDICATORS][0] != 0) + 1; /* ur, groups, rank x2, targets,
                                                                converge */
    n += 1;                                                   /* spatial */
    int map, lisa;
    map_plan(rs, &map, &lisa);
    if (strcmp(c->value[RK_CHARTS_KINDS], "none") != 0)
        n += count_words(c->value[RK_CHARTS_KINDS]) - (size_t)wants_kind_word(c, "map") -
             (size_t)wants_kind_word(c, "lisa-map");
    return n + (size_t)map + (size_t)lisa;
}

/* ---- the table of steps ------------------------------------------------ */

enum { NEEDS_INDICATORS = 1, NEEDS_TARGETS = 2, NEEDS_TWO_YEARS = 4, NEEDS_NEIGHBORS = 8,
       NEEDS_GROUPS = 16 };

/* One row of the run: what it is called, the table it writes (with "%s"
 * for the group of a per-group step), what the data must have, the
 * analysis (filling rs->res; NULL: it reuses an earlier row's result),
 * and the writer (side: a second table of the same result).  notes: the
 * analysis's warnings are notes (rank, targets), not counted. */
typedef struct run_step_row {
    const char *label, *table, *side;
    unsigned needs;
    int per_group, notes;
    int (*analyse)(run_state *rs, size_t g, jh_diag *diag);
    void (*write)(const run_state *rs, size_t g, FILE *f);
    void (*write_side)(const run_state *rs, size_t g, FILE *f);
} run_step_row;

static size_t stratum_of(const jh_dataset *d, jh_stratum s)
{
    for (size_t k = 0; k < d->n_strata; k++)
        if (d->strata[k] == s)
            return k;
    return JH_NONE;
}

/* [analysis] bootstrap and seed (the steps with intervals). */
static void bootstrap_of(const run_state *rs, size_t *b, unsigned long *seed)
{
    *b = strtoul(rs->cfg->value[RK_ANALYSIS_BOOTSTRAP], NULL, 10);
    if (*b)
        *seed = strtoul(rs->cfg->value[RK_ANALYSIS_SEED], NULL, 10);
}

/* A library status as the commands map it after an analysis. */
static int analysis_code(int rc)
{
    if (rc == JH_EZERO || rc == JH_ENEGATIVE)
        return EX_DATAERR;
    if (rc == JH_ENOTFOUND || rc == JH_EINVAL)
        return EX_USAGE;
    return cli_exit_code(rc);
}

static int a_indices(run_state *rs, size_t g, jh_diag *diag)
{
    jh_indices_opts o = {.ci = 0.95, .seed = 1, .use_weights = 1};
    (void)g;
    bootstrap_of(rs, &o.bootstrap, &o.seed);
    int rc = jh_indices_run(rs->study, &o, diag, &rs->res.ix);
    if (!rc)
        cli_indices_warnings(rs->res.ix->slices, rs->res.ix->n, 0, diag);
    return analysis_code(rc);
}

static int a_decompose(run_state *rs, size_t g, jh_diag *diag)
{
    jh_decompose_opts o = {.use_weights = 1, .stratum = -1, .ci = 0.95, .seed = 1,
                           .by = rs->res.dec_by[g]};
    bootstrap_of(rs, &o.bootstrap, &o.seed);
    return analysis_code(jh_decompose_run(rs->study, &o, diag, &rs->res.dec[g]));
}

static int a_urban_rural(run_state *rs, size_t g, jh_diag *diag)
{
    jh_urban_rural_opts o = {.use_weights = 1, .ci = 0.95, .seed = 1};
    (void)g;
    /* Areas: prefectures, when the catalog knows them (as the command). */
    if (rs->study->regions && jh_region_catalog_column(rs->study->regions, "prefecture"))
        o.by = "prefecture";
    bootstrap_of(rs, &o.bootstrap, &o.seed);
    return analysis_code(jh_urban_rural_run(rs->study, &o, diag, &rs->res.ur));
}

/* Each group of people against its comparison (the strata catalog's
 * compare, else the whole population), with the areas of urban-rural. */
static int a_group_gaps(run_state *rs, size_t g, jh_diag *diag)
{
    jh_group_gaps_opts o = {{.use_weights = 1, .ci = 0.95, .seed = 1}, "group"};
    (void)g;
    if (rs->study->regions && jh_region_catalog_column(rs->study->regions, "prefecture"))
        o.compare.by = "prefecture";
    bootstrap_of(rs, &o.compare.bootstrap, &o.compare.seed);
    return analysis_code(jh_group_gaps_run(rs->study, &o, diag, &rs->res.gaps));
}

static int rank_code(int rc)
{
    return rc == JH_ENOMEM ? cli_exit_code(rc) : rc == JH_EINVAL ? EX_USAGE : rc ? EX_DATAERR : 0;
}

static int total_stratum(const run_state *rs, size_t *k)
{
    *k = stratum_of(rs->study->data, JH_STRATUM_TOTAL);
    if (*k == JH_NONE)
        fprintf(stderr, "junheng: run: the data have no total stratum\n");
    return *k == JH_NONE ? EX_DATAERR : EX_OK;
}

static int a_rank_indicators(run_state *rs, size_t g, jh_diag *diag)
{
    jh_index_id id = JH_IX_GINI;
    int weighted = 1;
    size_t k;
    (void)g;
    if (total_stratum(rs, &k))
        return EX_DATAERR;
    if (jh_index_lookup(rs->cfg->value[RK_ANALYSIS_INDEX], &id, &weighted) != JH_OK)
        return EX_USAGE; /* the configuration reader checked it */
    jh_rank_indicators_opts o = {id, weighted, k, 0};
    return rank_code(jh_rank_indicators_run(rs->study, &o, diag, &rs->res.rank_ind));
}

/* The composite weights of [analysis] weights, weights_base and
 * ahp_accept_inconsistent, their files relative to run.ini. */
static int a_rank_counties(run_state *rs, size_t g, jh_diag *diag)
{
    jh_rank_counties_opts o = {.n_obstacles = 3};
    cli_weights files = {0};
    const char *base = rs->cfg->value[RK_ANALYSIS_WEIGHTS_BASE];
    char where[300];
    (void)g;
    if (total_stratum(rs, &o.stratum))
        return EX_DATAERR;
    jh_diag wd; /* the weight files' messages: warnings, not the step's notes */
    run_config_where(rs->cfg, RK_ANALYSIS_WEIGHTS, where, sizeof where);
    jh_diag_init(&wd, 20);
    int code = cli_weights_parse(rs->cfg->value[RK_ANALYSIS_WEIGHTS], where, rs->cfg->base, &wd,
                                 &o, &files);
    log_diag(rs, &wd, 0, code != EX_OK);
    jh_diag_clear(&wd);
    if (code == EX_USAGE && rs->cfg->line[RK_ANALYSIS_WEIGHTS])
        code = EX_DATAERR; /* a bad value in run.ini, as the reader says */
    if (*base && cli_weights_base_parse(base, &o.weights_base))
        code = EX_USAGE; /* the configuration reader checked it */
    o.subj.accept_inconsistent = !strcasecmp(rs->cfg->value[RK_ANALYSIS_AHP_ACCEPT], "yes") ||
                                 !strcasecmp(rs->cfg->value[RK_ANALYSIS_AHP_ACCEPT], "true");
    if (!code)
        code = rank_code(jh_rank_counties_run(rs->study, &o, diag, &rs->res.rank_county));
    cli_weights_free(&files);
    return code;
}

static int a_targets(run_state *rs, size_t g, jh_diag *diag)
{
    size_t k;
    (void)g;
    if (total_stratum(rs, &k))
        return EX_DATAERR;
    jh_targets_opts o = {k};
    int rc = jh_targets_run(rs->study, &o, diag, &rs->res.targets);
    return rc == JH_ENOMEM ? cli_exit_code(rc) : rc ? EX_DATAERR : EX_OK;
}

/* converge's default sigma indices, and the configured index when it is
 * not among them: the report's convergence sentence cites that one. */
static int a_converge(run_state *rs, size_t g, jh_diag *diag)
{
    static const char *const defaults[] = {"cv", "cv_w", "gini", "theil_t", "sd_log"};
    const char *index = rs->cfg->value[RK_ANALYSIS_INDEX];
    run_results *r = &rs->res;
    size_t n = 0;
    int have = 0;
    (void)g;
    for (size_t i = 0; i < sizeof defaults / sizeof defaults[0]; i++) {
        r->converge_index[n++] = defaults[i];
        have |= !strcmp(defaults[i], index);
    }
    if (!have && jh_converge_index_known(index))
        r->converge_index[n++] = index;
    r->converge_opts = (jh_converge_opts){.tables = JH_CONVERGE_TREND,
                                          .index = r->converge_index, .n_index = n};
    int rc = jh_converge_run(rs->study, &r->converge_opts, diag, &r->converge);
    return rc == JH_EINVAL || rc == JH_ENOTFOUND ? EX_USAGE : cli_exit_code(rc);
}

/* The neighbour source of [data]: a pair list, or boundaries to derive
 * queen contiguity from (as `junheng spatial`); paths kept for the manifest. */
static int neighbor_source(run_state *rs, cli_neighbor_opts *o, char **path)
{
    const run_config *c = rs->cfg;
    int list = c->value[RK_DATA_NEIGHBORS][0] != 0;
    *path = run_config_path(c, c->value[list ? RK_DATA_NEIGHBORS : RK_DATA_BOUNDARIES]);
    if (!*path || keep_input(rs, *path))
        return cli_exit_code(JH_ENOMEM);
    *(list ? &o->neighbors : &o->boundaries) = *path;
    if (c->value[RK_DATA_BOUNDARY_KEY][0])
        o->key = c->value[RK_DATA_BOUNDARY_KEY];
    return EX_OK;
}

/* The pairs derived from boundaries, once: also written to
 * tables/neighbors.csv (as `junheng neighbors`), which the LISA map step
 * reads instead of deriving them a second time. */
static int derived_pairs(run_state *rs, const cli_neighbor_opts *nb, jh_diag *diag, size_t **a,
                         size_t **b, size_t *n)
{
    jh_boundaries *bd = NULL;
    jh_contact *c = NULL;
    size_t nc = 0;
    int code = cli_boundary_contacts(nb, diag, &bd, &c, &nc);
    if (!code)
        code = cli_contact_pairs(nb, bd, c, nc, rs->study->data, diag, a, b, n);
    char *path = code ? NULL : out_path(rs, "tables/neighbors.csv");
    jh_outfile out;
    if (!code)
        code = !path ? cli_exit_code(JH_ENOMEM) : cli_open_output(&out, path);
    if (!code && jh_write_neighbors(out.f, bd, c, nc, 0, rs->data.csv)) {
        jh_outfile_abort(&out);
        code = cli_exit_code(JH_ENOMEM);
    } else if (!code)
        code = cli_commit_output(&out, path);
    if (!code) {
        rs->res.neighbors_file = path;
        path = NULL;
    }
    free(path);
    free(c);
    jh_boundaries_free(bd);
    return code;
}

/* Global Moran and the spatial Gini of every indicator and year, and the
 * LISA table; the source's messages (unmatched codes) are the step's. */
static int a_spatial(run_state *rs, size_t g, jh_diag *diag)
{
    cli_neighbor_opts nb = CLI_NEIGHBOR_DEFAULTS;
    size_t *a = NULL, *b = NULL, n = 0;
    char *path = NULL;
    (void)g;
    int code = neighbor_source(rs, &nb, &path);
    if (!code)
        code = nb.boundaries ? derived_pairs(rs, &nb, diag, &a, &b, &n)
                             : cli_neighbor_pairs(&nb, rs->study->data, diag, &a, &b, &n);
    if (!code) {
        jh_spatial_opts o = {.neighbor_a = a, .neighbor_b = b, .n_neighbors = n,
                             .permutations = 999, .local = 1,
                             .seed = strtoul(rs->cfg->value[RK_ANALYSIS_SEED], NULL, 10)};
        int rc = jh_spatial_run(rs->study, &o, diag, &rs->res.spatial);
        code = rc == JH_EINVAL ? EX_DATAERR : cli_exit_code(rc);
    }
    free(a);
    free(b);
    free(path);
    return code;
}

static void w_spatial(const run_state *rs, size_t g, FILE *f)
{
    (void)g;
    jh_write_spatial(f, rs->study->data, rs->res.spatial, rs->data.csv);
}

static void w_lisa(const run_state *rs, size_t g, FILE *f)
{
    (void)g;
    jh_write_lisa(f, rs->study, rs->res.spatial, rs->data.csv);
}

static void w_indices(const run_state *rs, size_t g, FILE *f)
{
    (void)g;
    jh_write_indices(f, rs->study->data, rs->res.ix->slices, rs->res.ix->n, JH_LAYOUT_LONG,
                     rs->data.csv);
}

static void w_indices_wide(const run_state *rs, size_t g, FILE *f)
{
    (void)g;
    jh_write_indices(f, rs->study->data, rs->res.ix->slices, rs->res.ix->n, JH_LAYOUT_WIDE,
                     rs->data.csv);
}

static void w_decompose(const run_state *rs, size_t g, FILE *f)
{
    jh_write_decompose(f, rs->study, rs->res.dec[g], 0, rs->data.csv);
}

static void w_urban_rural(const run_state *rs, size_t g, FILE *f)
{
    (void)g;
    jh_write_ur_areas(f, rs->study, rs->res.ur, "%.17g", rs->data.csv);
}

static void w_group_gaps(const run_state *rs, size_t g, FILE *f)
{
    (void)g;
    jh_write_group_gaps(f, rs->study, rs->res.gaps, "%.17g", rs->data.csv);
}

static void w_rank_indicators(const run_state *rs, size_t g, FILE *f)
{
    (void)g;
    jh_write_rank_indicators(f, rs->study, rs->res.rank_ind, rs->cfg->value[RK_ANALYSIS_INDEX],
                             rs->data.csv);
}

static void w_rank_counties(const run_state *rs, size_t g, FILE *f)
{
    (void)g;
    jh_write_rank_counties(f, rs->study, rs->res.rank_county, rs->data.csv);
}

static void w_rank_weights(const run_state *rs, size_t g, FILE *f)
{
    (void)g;
    jh_write_rank_weights(f, rs->study, rs->res.rank_county, rs->data.csv);
}

static void w_targets(const run_state *rs, size_t g, FILE *f)
{
    (void)g;
    jh_write_targets(f, rs->study, rs->res.targets, rs->data.csv);
}

static void w_converge(const run_state *rs, size_t g, FILE *f)
{
    (void)g;
    jh_write_converge(f, rs->study->data, rs->res.converge, &rs->res.converge_opts,
                      JH_LAYOUT_LONG, rs->data.csv);
}

static const run_step_row steps[] = {
    {"indices", "tables/indices.csv", NULL, 0, 0, 0, a_indices, w_indices, NULL},
    {"indices (wide)", "tables/indices-wide.csv", NULL, 0, 0, 0, NULL, w_indices_wide, NULL},
    {"decompose by %s", "tables/decompose-%s.csv", NULL, 0, 1, 0, a_decompose, w_decompose,
     NULL},
    {"urban-rural", "tables/urban-rural.csv", NULL, 0, 0, 0, a_urban_rural, w_urban_rural, NULL},
    {"group gaps", "tables/group-gaps.csv", NULL, NEEDS_GROUPS, 0, 0, a_group_gaps, w_group_gaps,
     NULL},
    {"rank indicators", "tables/rank-indicators.csv", NULL, 0, 0, 1, a_rank_indicators,
     w_rank_indicators, NULL},
    {"rank counties", "tables/rank-counties.csv", "tables/rank-weights.csv", 0, 0, 1,
     a_rank_counties, w_rank_counties, w_rank_weights},
    {"targets", "tables/targets.csv", NULL, NEEDS_INDICATORS | NEEDS_TARGETS, 0, 1, a_targets,
     w_targets, NULL},
    {"converge", "tables/converge.csv", NULL, NEEDS_TWO_YEARS, 0, 0, a_converge, w_converge,
     NULL},
    {"spatial", "tables/spatial.csv", "tables/lisa.csv", NEEDS_NEIGHBORS, 0, 0, a_spatial,
     w_spatial, w_lisa},
};

/* Writes one table through the output layer's writer: a temporary file
 * renamed into place once complete. */
static int write_table(run_state *rs, const char *rel, size_t g,
                       void (*write)(const run_state *, size_t, FILE *))
{
    char *path = out_path(rs, rel);
    jh_outfile out;
    int code = !path ? cli_exit_code(JH_ENOMEM) : cli_open_output(&out, path);
    if (!code) {
        write(rs, g, out.f);
        code = cli_commit_output(&out, path);
    }
    free(path);
    return code;
}

/* What a row needs that the study lacks: NULL, or the reason (zh, en). */
static int lacks(const run_state *rs, unsigned needs, const char **zh, const char **en)
{
    if ((needs & NEEDS_INDICATORS) && !rs->study->indicators) {
        *zh = "未提供指标目录（[data] indicators），无规划目标";
        *en = "no indicator catalog ([data] indicators), so no plan targets";
        return 1;
    }
    int targets = 0;
    for (size_t i = 0; (needs & NEEDS_TARGETS) && i < rs->study->data->indicators.n; i++) {
        jh_target t;
        const jh_indicator *in = jh_study_indicator(rs->study, i);
        targets |= in && jh_target_from_indicator(in, &t) == JH_OK;
    }
    if ((needs & NEEDS_TARGETS) && !targets) {
        *zh = "指标目录中没有指标同时给出目标类型、目标值和基期年份";
        *en = "no indicator of the catalog has a target kind, a target and a baseline year";
        return 1;
    }
    if ((needs & NEEDS_NEIGHBORS) && !rs->cfg->value[RK_DATA_NEIGHBORS][0] &&
        !rs->cfg->value[RK_DATA_BOUNDARIES][0]) {
        *zh = "未提供县域相邻关系（[data] neighbors 或 boundaries），不计算空间统计；"
              "示意方块图（tiles）的相邻关系并非真实，不用于统计";
        *en = "no neighbour source ([data] neighbors or boundaries); the schematic tile "
              "map's adjacency is not real and is not used for statistics";
        return 1;
    }
    if ((needs & NEEDS_GROUPS) && !jh_strata_pairs(rs->study->data, "group", NULL, 0)) {
        *zh = "数据中没有人群分层（分层目录中维度为 group 的分层及其对照），不比较人群差距";
        *en = "the data have no groups of people (strata of dimension group in the strata "
              "catalog, with what they are compared with)";
        return 1;
    }
    if ((needs & NEEDS_TWO_YEARS) && rs->study->data->n_years < 2) {
        *zh = "收敛分析需要至少两个年份，数据只有一年";
        *en = "convergence needs two years at least; the data have one";
        return 1;
    }
    return 0;
}

static int table_step(run_state *rs, const run_step_row *row, size_t g)
{
    struct timespec t0, t1;
    char label[300], rel[300], *by = row->per_group ? rs->res.dec_by[g] : "";
    const char *zh, *en;
    jh_diag diag;
    snprintf(label, sizeof label, row->label, by);
    snprintf(rel, sizeof rel, row->table, by);
    if (lacks(rs, row->needs, &zh, &en)) {
        skip(rs, label, zh, en);
        return EX_OK;
    }
    if (!rs->quiet)
        fprintf(stderr, "\r\033[Kjunheng: run: [%zu/%zu] %s", ++rs->step, rs->n_steps, label);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    jh_diag_init(&diag, 0);
    int code = row->analyse ? row->analyse(rs, g, &diag) : EX_OK;
    log_diag(rs, &diag, row->notes, code != EX_OK);
    jh_diag_clear(&diag);
    if (!code)
        code = write_table(rs, rel, g, row->write);
    if (!code && row->side)
        code = write_table(rs, row->side, g, row->write_side);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    logf_(rs, "step %s: exit %d (%.3f s)", label, code,
          (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec));
    if (code)
        fprintf(stderr, "junheng: run: step '%s' failed (exit %d%s); nothing was written\n",
                label, code, code == cli_exit_code(JH_ENOMEM) ? ", out of memory" : "");
    return code;
}

/* analysis.group_by into rs->res.dec_by. */
static int split_groups(run_state *rs)
{
    size_t n = 0;
    char **w = run_config_words(rs->cfg->value[RK_ANALYSIS_GROUP_BY], &n);
    if (!w)
        return cli_exit_code(JH_ENOMEM);
    for (size_t i = 0; i < n; i++) {
        if (rs->res.n_dec < sizeof rs->res.dec_by / sizeof rs->res.dec_by[0])
            rs->res.dec_by[rs->res.n_dec++] = w[i];
        else
            free(w[i]);
    }
    free(w);
    return EX_OK;
}

/* validate: its report, made once while the inputs were checked. */
static int validate_step(run_state *rs)
{
    char *path = out_path(rs, "tables/validate.txt");
    jh_outfile out;
    if (!rs->quiet)
        fprintf(stderr, "\r\033[Kjunheng: run: [%zu/%zu] validate", ++rs->step, rs->n_steps);
    int code = !path ? cli_exit_code(JH_ENOMEM) : cli_open_output(&out, path);
    if (!code) {
        fputs(rs->validation ? rs->validation : "", out.f);
        code = cli_commit_output(&out, path);
    }
    free(path);
    logf_(rs, "step validate: exit %d", code);
    if (code)
        fprintf(stderr, "junheng: run: step 'validate' failed (exit %d); nothing was written\n",
                code);
    return code;
}

/* ---- the chart steps ----------------------------------------------------- */

/* A chart step's label and progress on the terminal: "[n/N] charts: KIND"
 * and the files drawn so far. */
struct chart_step {
    run_state *rs;
    char label[300];
    struct timespec t0;
};

static void chart_progress(void *ctx, size_t done, size_t total)
{
    const struct chart_step *c = ctx;
    fprintf(stderr, "\r\033[Kjunheng: run: [%zu/%zu] %s: charts %zu/%zu", c->rs->step,
            c->rs->n_steps, c->label, done, total);
    fflush(stderr);
}

static void chart_begin(run_state *rs, struct chart_step *c, const char *kind)
{
    c->rs = rs;
    snprintf(c->label, sizeof c->label, "charts: %s", kind);
    if (!rs->quiet)
        fprintf(stderr, "\r\033[Kjunheng: run: [%zu/%zu] %s", ++rs->step, rs->n_steps, c->label);
    clock_gettime(CLOCK_MONOTONIC, &c->t0);
}

/* Appends "NAME: why" to the chart notes (the report's list of charts
 * not drawn or skipped). */
static void keep_chart_note(run_state *rs, const char *text)
{
    size_t had = rs->chart_notes ? strlen(rs->chart_notes) : 0, len = strlen(text);
    char *notes = realloc(rs->chart_notes, had + len + 2);
    if (!notes)
        return;
    memcpy(notes + had, text, len);
    strcpy(notes + had + len, "\n");
    rs->chart_notes = notes;
}

/* A chart step's warnings, each a chart note. */
static void keep_chart_notes(run_state *rs, const jh_diag *d)
{
    for (size_t i = 0; i < d->n; i++)
        if (d->items[i].level == JH_DIAG_WARNING)
            keep_chart_note(rs, d->items[i].text);
}

/* After a chart step: its messages in run.log (on the terminal too when
 * it failed outright), its warnings counted and kept for the report.  A
 * step that fails is a warning, unless the configuration's charts keys
 * were wrong (64): its charts are missing, the tables are all there. */
static int chart_end(struct chart_step *c, const jh_diag *diag, const cli_plot_counts *n,
                     int code)
{
    run_state *rs = c->rs;
    struct timespec t1;
    int soft = code != EX_OK && code != EX_USAGE;
    log_diag(rs, diag, 0, code != EX_OK && !soft);
    keep_chart_notes(rs, diag);
    rs->n_not_drawn += n->not_drawn;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    logf_(rs, "step %s: exit %d (%.3f s)", c->label, code,
          (double)(t1.tv_sec - c->t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - c->t0.tv_nsec));
    if (soft) {
        rs->gnuplot_missing |= code == EX_UNAVAILABLE;
        if (!n->not_drawn) {
            /* Failed before any chart (e.g. no templates): say so once. */
            char note[400];
            snprintf(note, sizeof note, "%s: not drawn: the step failed (exit %d, messages in "
                     "run.log)", c->label, code);
            logf_(rs, "junheng: warning: %s", note);
            keep_chart_note(rs, note);
            rs->n_warnings++;
            rs->n_not_drawn++;
        }
        return EX_OK;
    }
    if (code)
        fprintf(stderr, "junheng: run: step '%s' failed (exit %d); nothing was written\n",
                c->label, code);
    return code;
}

/* What every chart and map of the run shares: [charts] formats and
 * timeout, [output] lang, into charts/ (dir: owned by the caller). */
static int chart_output(const run_state *rs, cli_plot_output *o, char **dir)
{
    const run_config *c = rs->cfg;
    *o = (cli_plot_output)CLI_PLOT_OUTPUT_DEFAULTS;
    o->lang = c->value[RK_OUTPUT_LANG];
    o->timeout = strtod(c->value[RK_CHARTS_TIMEOUT], NULL);
    if (cli_plot_parse_formats(c->value[RK_CHARTS_FORMATS], &o->formats))
        return EX_USAGE; /* the configuration reader checked them */
    *dir = out_path(rs, "charts");
    o->outdir = *dir;
    return *dir ? EX_OK : cli_exit_code(JH_ENOMEM);
}

/* The county ranking's weighting, as the rank counties step has it
 * ([analysis] weights, weights_base, ahp_accept_inconsistent, files
 * beside run.ini).  That step logged the weight files' messages already:
 * they go to run.log again only if reading fails here after all. */
static int chart_weights(run_state *rs, jh_rank_counties_opts *o, cli_weights *files)
{
    const run_config *c = rs->cfg;
    jh_diag diag;
    jh_diag_init(&diag, 20);
    int code = cli_weights_parse(c->value[RK_ANALYSIS_WEIGHTS], "run", c->base ? c->base : ".",
                                 &diag, o, files);
    if (!code && *c->value[RK_ANALYSIS_WEIGHTS_BASE] &&
        cli_weights_base_parse(c->value[RK_ANALYSIS_WEIGHTS_BASE], &o->weights_base))
        code = EX_USAGE;
    o->subj.accept_inconsistent = is_yes(c->value[RK_ANALYSIS_AHP_ACCEPT]);
    if (code)
        log_diag(rs, &diag, 0, 1);
    jh_diag_clear(&diag);
    return code;
}

/* One chart step: the kinds of one word of [charts] kinds, drawn from the
 * run's study with the configured index in every chart, as in the
 * summary beside it. */
static int chart_step(run_state *rs, const char *kind, const jh_rank_counties_opts *rank)
{
    struct chart_step c;
    /* The charts draw the steps' own tables: the numbers of a chart are
     * those of the table and the report beside it. */
    jh_plot_tables have = plot_tables_of_run(&rs->res, rs->study);
    cli_plot_opts o = {.kinds = cli_chart_kind_bits(kind),
                       .index = rs->cfg->value[RK_ANALYSIS_INDEX], .rank = rank,
                       .outlier_z = rs->outlier_z, .have = &have,
                       .progress = rs->quiet ? NULL : chart_progress, .progress_ctx = &c};
    cli_plot_counts n = {0};
    char *dir = NULL;
    jh_diag diag;
    chart_begin(rs, &c, kind);
    jh_diag_init(&diag, (size_t)-1 / 2);
    int code = chart_output(rs, &o.out, &dir);
    if (!code && rs->verbose)
        fprintf(stderr, "\njunheng: run: %s: index %s, formats %s, lang %s, into %s; drawn from "
                "the run's tables:%s%s%s%s%s%s\n", c.label, o.index,
                rs->cfg->value[RK_CHARTS_FORMATS], o.out.lang, dir, have.ix ? " indices" : "",
                have.dec ? " decompose" : "", have.ur ? " urban-rural" : "",
                have.gaps ? " group-gaps" : "", have.rank_county ? " rank-counties" : "",
                have.targets ? " targets" : "");
    if (!code)
        code = cli_plot_status(&n, cli_plot_draw(rs->study, &o, &diag, &n));
    code = chart_end(&c, &diag, &n, code);
    jh_diag_clear(&diag);
    free(dir);
    return code;
}

/* One chart step per word of [charts] kinds ("all" is a word of its own);
 * the maps are map_steps'. */
static int chart_steps(run_state *rs)
{
    size_t n = 0;
    char **w = run_config_words(rs->cfg->value[RK_CHARTS_KINDS], &n);
    jh_rank_counties_opts rank = {0};
    cli_weights files = {0};
    int code = w ? EX_OK : cli_exit_code(JH_ENOMEM);
    if (!code && (wants_kind(rs, "all") || wants_kind(rs, "county-ranking")))
        code = chart_weights(rs, &rank, &files);
    for (size_t i = 0; !code && i < n; i++)
        if (strcmp(w[i], "map") && strcmp(w[i], "lisa-map"))
            code = chart_step(rs, w[i], &rank);
    run_config_words_free(w, n);
    cli_weights_free(&files);
    return code;
}

/* The LISA map's neighbour pairs: [data] neighbors, else the pairs the
 * spatial step derived from the boundaries (tables/neighbors.csv); their
 * messages go to run.log (warnings counted), as the spatial step's. */
static int lisa_pairs(run_state *rs, jh_spatial_opts *sp, const char *boundaries)
{
    const run_config *c = rs->cfg;
    cli_neighbor_opts nb = CLI_NEIGHBOR_DEFAULTS;
    size_t *a = NULL, *b = NULL, n = 0;
    jh_diag diag;
    char *list = c->value[RK_DATA_NEIGHBORS][0] ? run_config_path(c, c->value[RK_DATA_NEIGHBORS])
                                                : NULL;
    nb.neighbors = list ? list : rs->res.neighbors_file;
    nb.boundaries = nb.neighbors ? NULL : boundaries;
    nb.key = c->value[RK_DATA_BOUNDARY_KEY][0] ? c->value[RK_DATA_BOUNDARY_KEY] : NULL;
    if (rs->verbose)
        fprintf(stderr, "\njunheng: run: charts: lisa-map: boundaries %s, neighbors %s\n",
                boundaries ? boundaries : "(none)", nb.neighbors ? nb.neighbors : "(derived)");
    jh_diag_init(&diag, 20);
    int code = cli_neighbor_pairs(&nb, rs->study->data, &diag, &a, &b, &n);
    log_diag(rs, &diag, 0, code != EX_OK); /* not the map's chart notes */
    jh_diag_clear(&diag);
    sp->neighbor_a = a;
    sp->neighbor_b = b;
    sp->n_neighbors = n;
    free(list);
    return code;
}

/* The map (lisa 0) or LISA map (1) of the indicator ind (a position, or
 * JH_NONE: every charted one) in the last year, on [data] boundaries,
 * else the tiles; the LISA map with the spatial step's permutations and
 * seed (the same clusters as tables/lisa.csv). */
static int map_step(run_state *rs, int lisa, size_t ind)
{
    const run_config *c = rs->cfg;
    struct chart_step st;
    cli_map_opts o = {.lisa = lisa, .classes = 5, .source = rs->data.files.path[0],
                      .year = rs->study->data->n_years - 1,
                      .inds = ind == JH_NONE ? NULL : &ind, .n_inds = 1,
                      .sp = {.permutations = 999,
                             .seed = strtoul(c->value[RK_ANALYSIS_SEED], NULL, 10)}};
    cli_plot_counts n = {0};
    char *dir = NULL, *shapes;
    int bounds = c->value[RK_DATA_BOUNDARIES][0] != 0;
    jh_diag diag;
    chart_begin(rs, &st, lisa ? "lisa-map" : "map");
    jh_diag_init(&diag, (size_t)-1 / 2);
    shapes = run_config_path(c, c->value[bounds ? RK_DATA_BOUNDARIES : RK_DATA_TILES]);
    *(bounds ? &o.boundaries : &o.tiles) = shapes;
    o.key = bounds && c->value[RK_DATA_BOUNDARY_KEY][0] ? c->value[RK_DATA_BOUNDARY_KEY] : NULL;
    int code = shapes ? chart_output(rs, &o.out, &dir) : cli_exit_code(JH_ENOMEM);
    if (!code && rs->verbose && !lisa)
        fprintf(stderr, "\njunheng: run: charts: map: %s %s\n", bounds ? "boundaries" : "tiles",
                shapes);
    if (!code && lisa)
        code = lisa_pairs(rs, &o.sp, o.boundaries);
    if (!code)
        code = cli_plot_maps(rs->study, &o, &diag, &n);
    code = chart_end(&st, &diag, &n, code);
    jh_diag_clear(&diag);
    free((void *)o.sp.neighbor_a);
    free((void *)o.sp.neighbor_b);
    free(shapes);
    free(dir);
    return code;
}

/* The map of the headline indicator in the last year, and its LISA map. */
static int map_steps(run_state *rs)
{
    int map, lisa, code = EX_OK;
    const char *ind = headline_indicator(rs);
    map_plan(rs, &map, &lisa);
    if (map || lisa)
        rs->res.map_indicator = ind; /* for the report's captions */
    size_t pos = ind ? jh_intern_find(&rs->study->data->indicators, ind) : JH_NONE;
    if (map)
        code = map_step(rs, 0, pos);
    if (!code && lisa)
        code = map_step(rs, 1, pos);
    return code;
}

int run_steps(run_state *rs)
{
    rs->n_steps = planned_steps(rs);
    char *tables = out_path(rs, "tables"), *charts = out_path(rs, "charts");
    char *log = out_path(rs, "run.log");
    int code = EX_OK;
    if (!tables || !charts || !log || mkdir(tables, 0777) || mkdir(charts, 0777) ||
        !(rs->log = fopen(log, "w+"))) {
        fprintf(stderr, "junheng: %s: cannot create the output files\n", rs->outdir);
        code = EX_CANTCREAT;
    }
    free(log);
    logf_(rs, "junheng %s run of %s", JUNHENG_VERSION, rs->cfg->path);
    if (!code) {
        log_diag(rs, &rs->load_diag, 0, 0);
        code = split_groups(rs);
    }
    if (!code)
        code = validate_step(rs);
    for (size_t i = 0; !code && i < sizeof steps / sizeof steps[0]; i++)
        for (size_t g = 0; !code && g < (steps[i].per_group ? rs->res.n_dec : 1); g++)
            code = table_step(rs, &steps[i], g);
    if (!code && strcmp(rs->cfg->value[RK_CHARTS_KINDS], "none") != 0) {
        code = chart_steps(rs);
        if (!code)
            code = map_steps(rs);
        keep_only_charts(rs);
    }
    if (!rs->quiet)
        fputs("\r\033[K", stderr);
    if (!code)
        say_charts_not_drawn(rs);
    free(tables);
    free(charts);
    return code;
}

static void run_results_clear(run_results *r)
{
    jh_indices_table_free(r->ix);
    for (size_t i = 0; i < r->n_dec; i++) {
        jh_decompose_table_free(r->dec[i]);
        free(r->dec_by[i]);
    }
    jh_urban_rural_table_free(r->ur);
    jh_group_gaps_table_free(r->gaps);
    jh_rank_indicators_table_free(r->rank_ind);
    jh_rank_counties_table_free(r->rank_county);
    jh_targets_table_free(r->targets);
    jh_converge_table_free(r->converge);
    jh_spatial_table_free(r->spatial);
    free(r->neighbors_file);
    memset(r, 0, sizeof *r);
}

void run_state_clear(run_state *rs)
{
    for (size_t i = 0; i < rs->n_inputs; i++)
        free(rs->inputs[i]);
    free(rs->inputs);
    if (rs->log)
        fclose(rs->log);
    free(rs->chart_notes);
    free(rs->data.files.path);
    jh_study_free(rs->study);
    jh_service_list_free(rs->services);
    free(rs->validation);
    jh_diag_clear(&rs->load_diag);
    run_results_clear(&rs->res);
    memset(rs, 0, sizeof *rs);
}
