/* The chart planner of `junheng plot` and `junheng run`: which charts of
 * which kinds for which indicators and years, each chart's data file and
 * gnuplot script written here, then drawn by the job runner
 * (plot_jobs.c).  It works on a study in memory and says everything
 * through a jh_diag: the run hands over the study it loaded once. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli.h"
#include "junheng/indices.h"
#include "junheng/output.h"
#include "junheng/plot.h"
#include "junheng/study.h"
#include "junheng/urban_rural.h"
#include "plot_draw.h"
#include "plot_jobs.h"
#include "plot_tables.h"

/* ---- one chart ----------------------------------------------------------- */

/* Everything one call needs while drawing. */
struct run {
    const cli_plot_opts *o;
    const jh_study *s;
    const jh_plot_tables *t;  /* the result tables the charts draw from */
    jh_diag *diag;
    char template_dir[4096];
    char source_files[512];   /* data file names for the source line */
    int idx, weighted;        /* the index of trend and ranking */
    const jh_rank_counties_opts *rank; /* the county ranking's weighting */
    int missing_gnuplot;      /* gnuplot was not found */
    int failed;               /* exit code of the first failure */
    cli_plot_counts *counts;
    cli_plot_jobs jobs;       /* charts waiting for gnuplot, in drawing order */
};

static void fail(struct run *r, int code)
{
    r->failed = r->failed ? r->failed : code;
}

static int file_exists(const char *dir, const char *name)
{
    char path[4200];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return stat(path, &st) == 0;
}

/* The template directory: the option, the environment, ./plots, or plots/
 * beside or above the program (build trees and installs). */
static int find_templates(const cli_plot_opts *o, char *dir, size_t cap)
{
    const char *env = getenv("JUNHENG_TEMPLATE_DIR");
    if (o->template_dir || (env && *env)) {
        snprintf(dir, cap, "%s", o->template_dir ? o->template_dir : env);
        return 0;
    }
    if (file_exists("plots", "lorenz.gp")) {
        snprintf(dir, cap, "plots");
        return 0;
    }
    char exe[4096];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (len > 0) {
        exe[len] = '\0';
        static const char *const rel[] = {"plots", "../plots", "../share/junheng/plots"};
        char *slash = strrchr(exe, '/');
        if (slash)
            *slash = '\0';
        for (size_t k = 0; k < 3; k++) {
            if (snprintf(dir, cap, "%s/%s", exe, rel[k]) < (int)cap &&
                file_exists(dir, "lorenz.gp"))
                return 0;
        }
    }
#ifdef JUNHENG_PLOT_DIR
    snprintf(dir, cap, "%s", JUNHENG_PLOT_DIR);
    return 0;
#else
    return -1;
#endif
}

/* Appends "-" and the file-name piece of piece (jh_plot_file_piece: a
 * hostile or Chinese code can neither leave DIR nor collide). */
static void put_piece(char *dst, size_t cap, const char *piece)
{
    char part[300];
    jh_plot_file_piece(piece, part, sizeof part);
    size_t len = strlen(dst);
    snprintf(dst + len, cap > len ? cap - len : 0, "-%s", part);
}
static int write_script(struct run *r, jh_plot_chart *c, const char *path)
{
    char *text = NULL;
    jh_outfile out;
    if (jh_plot_script(c, &text) != JH_OK)
        return EX_SOFTWARE;
    if (jh_outfile_open(&out, path) != JH_OK) {
        free(text);
        jh_diag_add(r->diag, JH_DIAG_ERROR, NULL, 0, 0, "%s: cannot create file", path);
        return EX_CANTCREAT;
    }
    fputs(text, out.f);
    free(text);
    if (jh_outfile_commit(&out) != JH_OK) {
        jh_diag_add(r->diag, JH_DIAG_ERROR, NULL, 0, 0, "%s: write error", path);
        return EX_IOERR;
    }
    return EX_OK;
}
/* Draws one chart: base is DIR/NAME; fill writes the data and the spec. */
typedef int (*fill_fn)(FILE *f, struct run *r, const void *arg, jh_plot_spec *sp);

static void draw(struct run *r, const char *kind, const char *name, fill_fn fill,
                 const void *arg, const char *source_year)
{
    const cli_plot_opts *o = r->o;
    char base[4200], data_path[4300], script[4300], tmpl[4300];
    snprintf(base, sizeof base, "%s/%s", o->out.outdir, name);
    snprintf(data_path, sizeof data_path, "%s.dat", base);
    snprintf(script, sizeof script, "%s.gp", base);
    jh_plot_spec sp;
    jh_plot_spec_init(&sp);
    jh_outfile out;
    if (jh_outfile_open(&out, data_path) != JH_OK) {
        jh_diag_add(r->diag, JH_DIAG_ERROR, NULL, 0, 0, "%s: cannot create file", data_path);
        fail(r, EX_CANTCREAT);
        return;
    }
    int rc = fill(out.f, r, arg, &sp);
    /* The fill may pick another template (few distinct values). */
    snprintf(tmpl, sizeof tmpl, "%s/%s.gp", r->template_dir, sp.kind ? sp.kind : kind);
    if (rc != JH_OK) {
        jh_outfile_abort(&out);
        jh_plot_spec_clear(&sp);
        if (rc == JH_EEMPTY)
            jh_diag_add(r->diag, JH_DIAG_WARNING, NULL, 0, 0, "%s: nothing to draw, skipped",
                        name);
        else if (rc == JH_PLOT_TOO_MANY_ROWS)
            jh_diag_add(r->diag, JH_DIAG_WARNING, NULL, 0, 0,
                        "%s: more than %d indicators, or more than %d "
                        "counties in more than %d groups: too large for one chart, skipped "
                        "(choose indicators with --indicators-only, group counties with "
                        "--by COLUMN)",
                        name, JH_PLOT_MAX_COLS, JH_PLOT_MAX_ROWS, JH_PLOT_MAX_ROWS);
        else
            fail(r, cli_exit_code(rc));
        return;
    }
    if (jh_outfile_commit(&out) != JH_OK) {
        jh_diag_add(r->diag, JH_DIAG_ERROR, NULL, 0, 0, "%s: write error", data_path);
        fail(r, EX_IOERR);
        jh_plot_spec_clear(&sp);
        return;
    }
    int en = strcmp(o->out.lang, "en") == 0;
    jh_plot_spec_text(&sp, "DATA", "%s", data_path);
    jh_plot_spec_text(&sp, "SOURCE", en ? "Source: %s, %s; junheng" : "资料来源：%s，%s；junheng 绘制",
                      r->source_files, source_year);
    jh_plot_chart c = {
        .name = name, .template_path = tmpl, .out_base = base, .out_suffix = ".part",
        .formats = o->out.formats, .font = o->out.font, .width = 1600,
        .height = sp.height ? sp.height : 1000,
        .vars = sp.vars, .n_vars = sp.n_vars, .arrays = sp.arrays, .n_arrays = sp.n_arrays,
    };
    if (sp.failed) {
        jh_diag_add(r->diag, JH_DIAG_ERROR, NULL, 0, 0, "out of memory");
        fail(r, cli_exit_code(JH_ENOMEM));
        jh_plot_spec_clear(&sp);
        return;
    }
    /* gnuplot runs the script with the .part suffix later (the jobs); with
     * --keep-scripts, or without gnuplot, the script left at NAME.gp writes
     * the charts themselves. */
    char render[4400];
    int code;
    if (r->missing_gnuplot) {
        c.out_suffix = NULL;
        code = write_script(r, &c, script);
        if (!code) {
            jh_diag_add(r->diag, JH_DIAG_WARNING, NULL, 0, 0, "%s: not drawn: gnuplot not found",
                        name);
            r->counts->not_drawn++;
        }
    } else {
        snprintf(render, sizeof render, "%s.render.gp", base);
        code = write_script(r, &c, render);
        if (!code && o->keep) {
            c.out_suffix = NULL;
            code = write_script(r, &c, script);
        }
        if (!code)
            code = cli_plot_jobs_add(&r->jobs, name, base, render, data_path);
    }
    if (code)
        fail(r, code);
    jh_plot_spec_clear(&sp);
}

/* ---- the chart kinds ------------------------------------------------ */

struct one { size_t ind, year; const size_t *years; size_t n_years;
             const size_t *inds; size_t n_inds; };

static int fill_lorenz(FILE *f, struct run *r, const void *arg, jh_plot_spec *sp)
{
    const struct one *a = arg;
    return jh_plot_lorenz(f, r->s, r->t, a->ind, a->years, a->n_years, r->o->out.lang, sp);
}
static int fill_trend(FILE *f, struct run *r, const void *arg, jh_plot_spec *sp)
{
    const struct one *a = arg;
    return jh_plot_trend(f, r->s, r->t, a->inds, a->n_inds, r->idx, r->weighted, r->o->out.lang, sp);
}
static int fill_ranking(FILE *f, struct run *r, const void *arg, jh_plot_spec *sp)
{
    const struct one *a = arg;
    return jh_plot_ranking(f, r->s, r->t, a->year, r->idx, r->weighted, r->o->out.lang, sp);
}
static int fill_distribution(FILE *f, struct run *r, const void *arg, jh_plot_spec *sp)
{
    const struct one *a = arg;
    return jh_plot_distribution(f, r->s, a->ind, a->year, r->o->outlier_z, r->o->out.lang, sp);
}
static int fill_heatmap(FILE *f, struct run *r, const void *arg, jh_plot_spec *sp)
{
    const struct one *a = arg;
    return jh_plot_heatmap(f, r->s, a->year, r->o->out.lang, sp);
}
static int fill_density(FILE *f, struct run *r, const void *arg, jh_plot_spec *sp)
{
    const struct one *a = arg;
    return jh_plot_density(f, r->s, r->t, a->ind, a->years, a->n_years, r->o->out.lang, sp);
}
static int fill_urban_rural(FILE *f, struct run *r, const void *arg, jh_plot_spec *sp)
{
    const struct one *a = arg;
    return jh_plot_urban_rural(f, r->s, r->t, a->ind, a->year, r->o->out.lang, sp);
}
static int fill_county_ranking(FILE *f, struct run *r, const void *arg, jh_plot_spec *sp)
{
    const struct one *a = arg;
    return jh_plot_county_ranking(f, r->s, r->t, a->year, r->o->out.lang, r->rank, sp);
}
static int fill_decomposition(FILE *f, struct run *r, const void *arg, jh_plot_spec *sp)
{
    const struct one *a = arg;
    return jh_plot_decomposition(f, r->s, r->t, a->year, r->o->out.lang, sp);
}
static int fill_targets(FILE *f, struct run *r, const void *arg, jh_plot_spec *sp)
{
    const struct one *a = arg;
    return jh_plot_targets(f, r->s, r->t, a->year, r->o->out.lang, sp);
}

/* A group of people and its comparison (stratum positions) in a year. */
struct pair_arg { size_t ind, year, a, b; };

static int fill_group_gap(FILE *f, struct run *r, const void *arg, jh_plot_spec *sp)
{
    const struct pair_arg *a = arg;
    return jh_plot_strata_gap(f, r->s, r->t, a->ind, a->year, a->a, a->b, r->o->out.lang, sp);
}

/* Whether indicator ind has a finite value in both strata u and ru (positions)
 * of the year for some region: only then is there a two-panel chart of it
 * (others would only print a "nothing to draw" warning). */
static int has_both(const jh_dataset *d, size_t ind, size_t year, size_t u, size_t ru)
{
    if (u == JH_NONE || ru == JH_NONE)
        return 0;
    const double *a = jh_dataset_slice(d, ind, year, u), *b = jh_dataset_slice(d, ind, year, ru);
    for (size_t r = 0; r < d->regions.n; r++)
        if (isfinite(a[r]) && isfinite(b[r]))
            return 1;
    return 0;
}

static int has_urban_rural(const jh_study *s, size_t ind, size_t year)
{
    const jh_dataset *d = s->data;
    return has_both(d, ind, year, jh_dataset_stratum_pos(d, JH_STRATUM_URBAN),
                    jh_dataset_stratum_pos(d, JH_STRATUM_RURAL));
}

/* One chart per group of people and its comparison (the strata catalog's
 * pairs of dimension group) and indicator both have values of in year y. */
static void draw_group_gaps(struct run *r, const size_t *inds, size_t n_inds, size_t y,
                            const char *num)
{
    const jh_dataset *d = r->s->data;
    size_t pair[64][2], n = jh_strata_pairs(d, "group", pair, 64);
    char name[600];
    for (size_t p = 0; p < n && p < 64; p++)
        for (size_t k = 0; k < n_inds; k++) {
            if (!has_both(d, inds[k], y, pair[p][0], pair[p][1]))
                continue;
            struct pair_arg a = {inds[k], y, pair[p][0], pair[p][1]};
            snprintf(name, sizeof name, "group-gap");
            put_piece(name, sizeof name, jh_dataset_stratum_name(d, pair[p][0]));
            put_piece(name, sizeof name, jh_dataset_stratum_name(d, pair[p][1]));
            put_piece(name, sizeof name, d->indicators.str[inds[k]]);
            put_piece(name, sizeof name, num);
            draw(r, "urban-rural", name, fill_group_gap, &a, num);
        }
}

/* Indicators charted by default: county scope, with a direction. */
static int charted(const jh_study *s, size_t i)
{
    const jh_indicator *e = jh_study_indicator(s, i);
    return jh_study_direction(s, i) != JH_DIRECTION_NEUTRAL &&
           !(e && e->scope == JH_SCOPE_PROVINCE);
}

/* The indicators and years of one call, as positions in the data. */
struct sel {
    const size_t *inds;
    size_t n_inds;
    const size_t *years;  /* the years asked for, or NULL: the defaults */
    size_t n_years;
    int explicit_inds;    /* the indicators were named */
};

/* Lorenz curves: the years asked for, else the first and last. */
static void draw_lorenz(struct run *r, const struct sel *q)
{
    const jh_dataset *d = r->s->data;
    char name[600], yr[300];
    size_t lorenz_years[64], n_ly = 0;
    if (q->n_years) {
        for (size_t k = 0; k < q->n_years; k++)
            lorenz_years[n_ly++] = q->years[k];
    } else {
        lorenz_years[n_ly++] = 0;
        if (d->n_years > 1)
            lorenz_years[n_ly++] = d->n_years - 1;
    }
    for (size_t k = 0; k < q->n_inds; k++) {
        struct one a = {.ind = q->inds[k], .years = lorenz_years, .n_years = n_ly};
        snprintf(name, sizeof name, "lorenz");
        put_piece(name, sizeof name, d->indicators.str[q->inds[k]]);
        yr[0] = '\0';
        for (size_t y = 0; y < n_ly; y++) {
            char num[16];
            snprintf(num, sizeof num, "%d", d->years[lorenz_years[y]]);
            put_piece(name, sizeof name, num);
            snprintf(yr + strlen(yr), sizeof yr - strlen(yr), "%s%s", y ? "/" : "", num);
        }
        draw(r, "lorenz", name, fill_lorenz, &a, yr);
    }
}

/* Densities: every year of the data, or each --year when two or more are
 * given (one --year is the box plots' year and would give one curve). */
static void draw_densities(struct run *r, const struct sel *q)
{
    const jh_dataset *d = r->s->data;
    char name[600], yr[300];
    size_t dens_years[64], n_dy = 0;
    if (q->n_years >= 2) {
        for (size_t k = 0; k < q->n_years; k++)
            dens_years[n_dy++] = q->years[k];
    } else {
        for (size_t y = 0; y < d->n_years && n_dy < 64; y++)
            dens_years[n_dy++] = y;
    }
    for (size_t k = 0; k < q->n_inds; k++) {
        struct one a = {.ind = q->inds[k], .years = dens_years, .n_years = n_dy};
        char num[16];
        snprintf(name, sizeof name, "distribution");
        put_piece(name, sizeof name, d->indicators.str[q->inds[k]]);
        yr[0] = '\0';
        for (size_t y = 0; y < n_dy; y++) {
            if (q->n_years < 2 && y > 0 && y + 1 < n_dy)
                continue; /* all years: the name gives the first and last */
            snprintf(num, sizeof num, "%d", d->years[dens_years[y]]);
            put_piece(name, sizeof name, num);
            snprintf(yr + strlen(yr), sizeof yr - strlen(yr), "%s%s",
                     !y ? "" : q->n_years < 2 ? "-" : "/", num);
        }
        if (n_dy < 2)
            continue; /* one year: its box plot says it all */
        draw(r, "distribution-density", name, fill_density, &a, yr);
    }
}

/* The index over the years: one chart of the indicators named, else one
 * per domain, in order of first appearance. */
static void draw_trends(struct run *r, const struct sel *q)
{
    const jh_study *s = r->s;
    const jh_dataset *d = s->data;
    const char *ixname = jh_index_name((jh_index_id)r->idx, r->weighted);
    char name[600], yr[300];
    snprintf(yr, sizeof yr, "%d-%d", d->years[0], d->years[d->n_years - 1]);
    if (q->explicit_inds) {
        struct one a = {.inds = q->inds, .n_inds = q->n_inds};
        snprintf(name, sizeof name, "trend");
        put_piece(name, sizeof name, ixname);
        draw(r, "trend", name, fill_trend, &a, yr);
        return;
    }
    size_t n_inds = q->n_inds, *sel = malloc((n_inds ? n_inds : 1) * sizeof *sel);
    int *done = calloc(n_inds ? n_inds : 1, sizeof *done);
    for (size_t k = 0; sel && done && k < n_inds; k++) {
        if (done[k])
            continue;
        const char *dom = jh_study_domain(s, q->inds[k]);
        size_t m = 0;
        for (size_t j = k; j < n_inds; j++)
            if (!done[j] && strcmp(jh_study_domain(s, q->inds[j]), dom) == 0) {
                done[j] = 1;
                sel[m++] = q->inds[j];
            }
        struct one a = {.inds = sel, .n_inds = m};
        snprintf(name, sizeof name, "trend");
        put_piece(name, sizeof name, ixname);
        put_piece(name, sizeof name, dom[0] ? dom : "other");
        draw(r, "trend", name, fill_trend, &a, yr);
    }
    free(sel);
    free(done);
}

/* One chart of kind in the year (num), named KIND-YEAR, when asked for. */
static void draw_yearly(struct run *r, unsigned bit, const char *kind, fill_fn fill,
                        size_t year, const char *num)
{
    char name[600];
    struct one a = {.year = year};
    if (!(r->o->kinds & bit))
        return;
    snprintf(name, sizeof name, "%s", kind);
    put_piece(name, sizeof name, num);
    draw(r, kind, name, fill, &a, num);
}

/* One chart per indicator of kind in the year (num): distribution and
 * urban-rural, the latter for indicators with urban and rural values. */
static void draw_per_indicator(struct run *r, const struct sel *q, unsigned bit,
                               const char *kind, fill_fn fill, size_t year, const char *num)
{
    const jh_dataset *d = r->s->data;
    char name[600];
    for (size_t k = 0; (r->o->kinds & bit) && k < q->n_inds; k++) {
        if (bit == CLI_CHART(URBAN_RURAL) && !has_urban_rural(r->s, q->inds[k], year)) {
            if (q->explicit_inds)
                jh_diag_add(r->diag, JH_DIAG_WARNING, NULL, 0, 0,
                            "urban-rural-%s-%s: no urban and rural values, skipped",
                            d->indicators.str[q->inds[k]], num);
            continue;
        }
        struct one a = {.ind = q->inds[k], .year = year};
        snprintf(name, sizeof name, "%s", kind);
        put_piece(name, sizeof name, d->indicators.str[q->inds[k]]);
        put_piece(name, sizeof name, num);
        draw(r, kind, name, fill, &a, num);
    }
}

/* The charts of one year, in drawing order. */
static void draw_year(struct run *r, const struct sel *q, size_t year)
{
    const jh_dataset *d = r->s->data;
    char num[16], name[600];
    snprintf(num, sizeof num, "%d", d->years[year]);
    if (r->o->kinds & CLI_CHART(RANKING)) {
        struct one a = {.year = year};
        snprintf(name, sizeof name, "disparity-ranking");
        put_piece(name, sizeof name, jh_index_name((jh_index_id)r->idx, r->weighted));
        put_piece(name, sizeof name, num);
        draw(r, "disparity-ranking", name, fill_ranking, &a, num);
    }
    draw_per_indicator(r, q, CLI_CHART(DISTRIBUTION), "distribution", fill_distribution, year,
                       num);
    draw_yearly(r, CLI_CHART(HEATMAP), "heatmap", fill_heatmap, year, num);
    draw_per_indicator(r, q, CLI_CHART(URBAN_RURAL), "urban-rural", fill_urban_rural, year,
                       num);
    if (r->o->kinds & CLI_CHART(GROUP_GAP))
        draw_group_gaps(r, q->inds, q->n_inds, year, num);
    draw_yearly(r, CLI_CHART(COUNTY_RANKING), "county-ranking", fill_county_ranking, year, num);
    draw_yearly(r, CLI_CHART(DECOMPOSITION), "decomposition", fill_decomposition, year, num);
    draw_yearly(r, CLI_CHART(TARGETS), "targets", fill_targets, year, num);
}

/* Every chart asked for, queued in drawing order: those over the years,
 * then the charts of each year asked for (default: the last). */
static void draw_all(struct run *r, const struct sel *q)
{
    const jh_dataset *d = r->s->data;
    if (r->o->kinds & CLI_CHART(LORENZ))
        draw_lorenz(r, q);
    if (r->o->kinds & CLI_CHART(DISTRIBUTION))
        draw_densities(r, q);
    if (r->o->kinds & CLI_CHART(TREND))
        draw_trends(r, q);
    if (!q->n_years)
        draw_year(r, q, d->n_years - 1);
    for (size_t y = 0; y < q->n_years; y++)
        draw_year(r, q, q->years[y]);
}

/* The data file names for the source line under every chart. */
static void source_files(struct run *r)
{
    const jh_dataset *d = r->s->data;
    for (size_t k = 0; k < d->n_files; k++) {
        const char *b = strrchr(d->files[k], '/');
        b = b ? b + 1 : d->files[k];
        size_t len = strlen(r->source_files);
        snprintf(r->source_files + len, sizeof r->source_files - len, "%s%s", k ? ", " : "", b);
    }
}

size_t cli_plot_default_indicators(const jh_study *s, size_t *inds)
{
    size_t n = 0;
    for (size_t i = 0; i < s->data->indicators.n; i++)
        if (charted(s, i))
            inds[n++] = i;
    return n;
}

/* Checks what o needs before anything is written: templates, the index,
 * values, the output folder.  0 or an exit code after a message. */
static int prepare(struct run *r)
{
    const cli_plot_opts *o = r->o;
    const jh_dataset *d = r->s->data;
    jh_index_id id;
    if (find_templates(o, r->template_dir, sizeof r->template_dir) ||
        !file_exists(r->template_dir, "lorenz.gp")) {
        jh_diag_add(r->diag, JH_DIAG_ERROR, NULL, 0, 0, "plot: no chart templates (plots/*.gp) "
                    "found%s%s; give --template-dir DIR", o->template_dir ? " in " : "",
                    o->template_dir ? o->template_dir : "");
        return EX_NOINPUT;
    }
    if (jh_index_lookup(o->index, &id, &r->weighted) != JH_OK || id == JH_IX_N) {
        jh_diag_add(r->diag, JH_DIAG_ERROR, NULL, 0, 0, "plot: unknown index '%s'", o->index);
        return EX_USAGE;
    }
    r->idx = (int)id;
    if (!d->n_years || !d->regions.n) {
        jh_diag_add(r->diag, JH_DIAG_ERROR, NULL, 0, 0, "plot: the data have no values");
        return EX_DATAERR;
    }
    if (mkdir(o->out.outdir, 0777) != 0) {
        struct stat st;
        if (stat(o->out.outdir, &st) != 0 || !S_ISDIR(st.st_mode)) {
            jh_diag_add(r->diag, JH_DIAG_ERROR, NULL, 0, 0, "%s: cannot create directory",
                        o->out.outdir);
            return EX_CANTCREAT;
        }
    }
    return EX_OK;
}

/* The result tables the charts of o read, each computed once (years: the
 * years charted, the last when none is given). */
static int compute_tables(const struct run *r, plot_tables *t)
{
    const cli_plot_opts *o = r->o;
    size_t last = r->s->data->n_years - 1, n_years = o->years ? o->n_years : 0;
    /* the densities: of each --year when two or more are given (draw_all) */
    plot_tables_opts po = {.rank = r->rank, .years = n_years ? o->years : &last,
                           .n_years = n_years ? n_years : 1,
                           .dens_years = n_years >= 2 ? o->years : NULL,
                           .n_dens_years = n_years};
    unsigned k = o->kinds;
    po.need = (k & (CLI_CHART(LORENZ) | CLI_CHART(TREND) | CLI_CHART(RANKING)) ? PLOT_T_INDICES
                                                                              : 0) |
              (k & CLI_CHART(DECOMPOSITION) ? PLOT_T_DECOMPOSE : 0) |
              (k & CLI_CHART(URBAN_RURAL) ? PLOT_T_UR : 0) |
              (k & CLI_CHART(GROUP_GAP) ? PLOT_T_GAPS : 0) |
              (k & CLI_CHART(COUNTY_RANKING) ? PLOT_T_RANK_COUNTY : 0) |
              (k & CLI_CHART(TARGETS) ? PLOT_T_TARGETS : 0) |
              (k & CLI_CHART(DISTRIBUTION) ? PLOT_T_DENSITY : 0);
    /* The analyses' warnings are their own commands' (and the run's) to
     * give: a chart says only what it could not draw. */
    jh_diag diag;
    jh_diag_init(&diag, 1);
    int rc = plot_tables_compute(r->s, &po, o->have, t, &diag);
    jh_diag_clear(&diag);
    return rc ? cli_exit_code(rc) : EX_OK;
}

int cli_plot_draw(const jh_study *s, const cli_plot_opts *o, jh_diag *diag,
                  cli_plot_counts *counts)
{
    static const jh_rank_counties_opts entropy = {0};
    struct run r = {.o = o, .s = s, .diag = diag, .counts = counts,
                    .rank = o->rank ? o->rank : &entropy};
    memset(counts, 0, sizeof *counts);
    int code = prepare(&r);
    if (code)
        return code;
    source_files(&r);
    size_t *all = o->inds ? NULL : malloc((s->data->indicators.n + 1) * sizeof *all);
    if (!o->inds && !all)
        return cli_exit_code(JH_ENOMEM);
    size_t n_inds = o->inds ? o->n_inds : cli_plot_default_indicators(s, all);
    r.missing_gnuplot = !cli_gnuplot_on_path();
    plot_tables tables;
    if ((code = compute_tables(&r, &tables))) {
        free(all);
        return code;
    }
    r.t = &tables.view;
    struct sel q = {.inds = o->inds ? o->inds : all, .n_inds = n_inds, .years = o->years,
                    .n_years = o->years ? o->n_years : 0, .explicit_inds = o->inds != NULL};
    draw_all(&r, &q);
    plot_tables_free(&tables);
    free(all);
    cli_plot_jobs_run(&r.jobs, o->out.formats, o->out.timeout, o->progress, o->progress_ctx);
    cli_plot_jobs_finish(&r.jobs, o, diag, counts, &r.failed);
    cli_plot_jobs_free(&r.jobs);
    counts->missing_gnuplot = r.missing_gnuplot;
    return r.failed;
}
