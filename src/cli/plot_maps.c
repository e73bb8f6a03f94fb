/* The maps of `junheng plot map | lisa-map` and of the annual run:
 * choropleths of an indicator per county, and the LISA clusters, drawn by
 * gnuplot from plots/map.gp over county boundaries (projected, Albers
 * equal-area) or a schematic tile map, from a study in memory; messages
 * into a jh_diag. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli.h"
#include "junheng/classify.h"
#include "junheng/numfmt.h"
#include "junheng/plot_map.h"
#include "junheng/spatial_analysis.h"
#include "plot_draw.h"

/* Everything one call needs while drawing. */
struct maps {
    const cli_map_opts *o;
    const jh_study *s;
    jh_diag *diag;
    cli_plot_counts *counts;
    int failed;               /* exit code of the last failure */
    char tmpl[4200];          /* plots/map.gp */
};

/* ---- the shapes ---------------------------------------------------------- */

struct shapes {
    jh_boundaries *b;
    jh_shapes plane;      /* b's rings with projected points */
    double *xy;           /* owned */
    size_t *region;       /* [feature] data region or JH_NONE */
    size_t *group;        /* [feature] prefecture colour group */
    const char **label;   /* [feature] name */
};

static void shapes_free(struct shapes *m)
{
    jh_boundaries_free(m->b);
    free(m->xy);
    free(m->region);
    free(m->group);
    free(m->label);
}

/* A tile map is not projected (its squares would turn): x = lon cos(lat0),
 * y = lat, in km at 111.2 km a degree, lat0 the middle latitude. */
static int tile_plane(struct shapes *m)
{
    const jh_shapes *s = &m->b->shapes;
    double lo = INFINITY, hi = -INFINITY;
    m->xy = malloc((2 * s->n_points + 1) * sizeof *m->xy);
    if (!m->xy)
        return JH_ENOMEM;
    for (size_t i = 0; i < s->n_points; i++) {
        lo = fmin(lo, s->xy[2 * i + 1]);
        hi = fmax(hi, s->xy[2 * i + 1]);
    }
    double c = cos((lo + hi) / 2 * 3.14159265358979323846 / 180);
    for (size_t i = 0; i < s->n_points; i++) {
        m->xy[2 * i] = 111.2 * c * s->xy[2 * i];
        m->xy[2 * i + 1] = 111.2 * s->xy[2 * i + 1];
    }
    return JH_OK;
}

static int load_shapes(struct maps *r, struct shapes *m)
{
    const cli_map_opts *o = r->o;
    const jh_study *s = r->s;
    const char *path = o->tiles ? o->tiles : o->boundaries;
    int rc = jh_boundaries_read(path, o->key, &m->b, r->diag);
    if (!rc)
        rc = o->tiles ? tile_plane(m) : jh_boundaries_project(m->b, NULL, &m->xy);
    if (rc)
        return cli_exit_code(rc);
    size_t n = m->b->shapes.n, nr = s->data->regions.n;
    size_t *group_of = malloc((nr + 1) * sizeof *group_of);
    m->region = malloc((n + 1) * sizeof *m->region);
    m->group = malloc((n + 1) * sizeof *m->group);
    m->label = malloc((n + 1) * sizeof *m->label);
    jh_intern names;
    jh_intern_init(&names);
    if (!group_of || !m->region || !m->group || !m->label) {
        free(group_of);
        return cli_exit_code(JH_ENOMEM);
    }
    jh_plot_groups(s, group_of, &names);
    for (size_t f = 0; f < n; f++) {
        m->region[f] = jh_intern_find(&s->data->regions, m->b->code[f]);
        m->group[f] = m->region[f] == JH_NONE ? JH_NONE : group_of[m->region[f]];
        /* a tile map has short names of its own; English names come from the data */
        m->label[f] = m->region[f] == JH_NONE || (o->tiles && strcmp(o->out.lang, "en"))
                          ? m->b->name[f] : jh_study_region_label(s, m->region[f], o->out.lang);
    }
    free(group_of);
    jh_intern_clear(&names);
    m->plane = m->b->shapes;
    m->plane.xy = m->xy;
    return EX_OK;
}

/* ---- drawing ------------------------------------------------------------- */

/* Renders the script to DIR/NAME.EXT through .part files; a failure is a
 * warning and an exit code in r->failed. */
static void render(struct maps *r, const char *name, const char *base, jh_plot_chart *c)
{
    const cli_plot_output *o = &r->o->out;
    char script[4400], part[4500], final[4400];
    char *text = NULL;
    snprintf(script, sizeof script, "%s.render.gp", base);
    FILE *f = NULL;
    if (jh_plot_script(c, &text) != JH_OK || !(f = fopen(script, "w"))) {
        jh_diag_add(r->diag, JH_DIAG_ERROR, NULL, 0, 0, "%s: cannot write the script", script);
        free(text);
        r->failed = EX_CANTCREAT;
        return;
    }
    fputs(text, f);
    free(text);
    int bad = fclose(f) != 0;
    jh_gnuplot_result res;
    int rc = bad ? JH_EIO : jh_gnuplot_run(NULL, script, o->timeout, &res);
    static const jh_plot_format fmts[] = {JH_PLOT_PNG, JH_PLOT_SVG, JH_PLOT_PDF};
    for (size_t k = 0; k < 3; k++) {
        if (!(o->formats & fmts[k]))
            continue;
        const char *why = "gnuplot failed";
        snprintf(final, sizeof final, "%s.%s", base, jh_plot_format_ext(fmts[k]));
        snprintf(part, sizeof part, "%s.part", final);
        if (rc == JH_OK && jh_plot_output_check(part, fmts[k], &why) == JH_OK &&
            rename(part, final) == 0)
            continue;
        if (rc == JH_ENOTFOUND)
            why = "gnuplot could not be run";
        else if (rc == JH_EIO && res.timed_out)
            why = "gnuplot still running at the time limit (--chart-timeout), stopped";
        else if (rc == JH_EIO && res.signal)
            why = jh_signal_name(res.signal) ? jh_signal_name(res.signal) : "a signal";
        jh_diag_add(r->diag, JH_DIAG_WARNING, NULL, 0, 0, "%s: not drawn: %s%s%s", name, why,
                    rc == JH_EIO && res.err[0] ? ": " : "", rc == JH_EIO ? res.err : "");
        r->counts->not_drawn++;
        unlink(part);
        r->failed = rc == JH_ENOTFOUND ? EX_UNAVAILABLE : EX_SOFTWARE;
    }
    unlink(script);
}

static void draw(struct maps *r, const char *name, const jh_map *m, const jh_map_legend *lg,
                 const char *title, const char *subtitle)
{
    const cli_map_opts *o = r->o;
    char base[4200], data[4300];
    snprintf(base, sizeof base, "%s/%s", o->out.outdir, name);
    snprintf(data, sizeof data, "%s.dat", base);
    jh_plot_spec sp;
    jh_plot_spec_init(&sp);
    jh_outfile out;
    if (jh_outfile_open(&out, data) != JH_OK) {
        jh_diag_add(r->diag, JH_DIAG_ERROR, NULL, 0, 0, "%s: cannot create file", data);
        r->failed = EX_CANTCREAT;
        return;
    }
    int rc = jh_plot_map(out.f, m, lg, &sp);
    if (rc || jh_outfile_commit(&out) != JH_OK) {
        jh_outfile_abort(&out);
        jh_diag_add(r->diag, JH_DIAG_ERROR, NULL, 0, 0, "%s: %s", name,
                    rc ? jh_strerror(rc) : "write error");
        r->failed = rc == JH_EEMPTY ? EX_DATAERR : EX_IOERR;
        jh_plot_spec_clear(&sp);
        return;
    }
    jh_plot_spec_text(&sp, "TITLE", "%s", title);
    jh_plot_spec_text(&sp, "SUBTITLE", "%s", subtitle);
    jh_plot_spec_text(&sp, "DATA", "%s", data);
    jh_plot_spec_text(&sp, "SOURCE", strcmp(o->out.lang, "en") ? "资料来源：%s；junheng 绘制"
                                                               : "Source: %s; junheng",
                      o->source);
    jh_plot_chart c = {.name = name, .template_path = r->tmpl, .out_base = base,
                       .out_suffix = ".part", .formats = o->out.formats, .font = o->out.font,
                       .width = 1600, .height = sp.height ? sp.height : 1000,
                       .vars = sp.vars, .n_vars = sp.n_vars, .arrays = sp.arrays,
                       .n_arrays = sp.n_arrays};
    if (sp.failed)
        r->failed = cli_exit_code(JH_ENOMEM);
    else
        render(r, name, base, &c);
    unlink(data);
    jh_plot_spec_clear(&sp);
}

/* ---- the two kinds ------------------------------------------------------ */

static void template_path(char *buf, size_t cap)
{
    const char *env = getenv("JUNHENG_TEMPLATE_DIR");
    struct stat st;
    if (env && *env)
        snprintf(buf, cap, "%s/map.gp", env);
    else if (stat("plots/map.gp", &st) == 0)
        snprintf(buf, cap, "plots/map.gp");
    else
        snprintf(buf, cap, "%s/map.gp", JUNHENG_PLOT_DIR);
}

static void chart_name(char *buf, size_t cap, const char *kind, const char *ind, int year)
{
    size_t len = (size_t)snprintf(buf, cap, "%s-", kind);
    for (const char *p = ind; *p && len + 1 < cap; p++) {
        char c = *p;
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '_' || c == '.' || c == '-';
        buf[len++] = ok ? c : '_';
    }
    snprintf(buf + len, cap - len, "-%d", year);
}

/* Legend of classes "a – b (n)": bounds as people read values in the
 * indicator's unit (jh_format_human). */
static void class_legend(const double *up, size_t k, double lo, const size_t *count,
                         const char *unit, const char *lang, char lab[][96],
                         const char **labp, const char **col)
{
    char a[40], b[40];
    for (size_t i = 0; i < k; i++) {
        jh_format_human(a, sizeof a, i ? up[i - 1] : lo, JH_NUM_VALUE, unit, lang, 0);
        jh_format_human(b, sizeof b, up[i], JH_NUM_VALUE, unit, lang, 0);
        snprintf(lab[i], 96, "%s – %s (%zu)", a, b, count[i]);
        labp[i] = lab[i];
        col[i] = jh_map_class_colour(i, k);
    }
}

static void map_one(struct maps *r, const struct shapes *m, size_t ind)
{
    const cli_map_opts *o = r->o;
    const jh_study *s = r->s;
    const jh_dataset *d = s->data;
    size_t year = o->year;
    size_t n = m->plane.n, k = o->classes, count[8] = {0};
    const double *v = jh_dataset_slice(d, ind, year, jh_plot_stratum(s));
    double *x = malloc((n + 1) * sizeof *x), up[8], lo = INFINITY;
    const char **colour = malloc((n + 1) * sizeof *colour), *labp[9], *col[9];
    char lab[9][96], name[600], title[800];
    if (!x || !colour) {
        free(x); free(colour);
        r->failed = cli_exit_code(JH_ENOMEM);
        return;
    }
    for (size_t f = 0; f < n; f++) {
        x[f] = m->region[f] == JH_NONE ? NAN : v[m->region[f]];
        lo = isfinite(x[f]) ? fmin(lo, x[f]) : lo;
    }
    chart_name(name, sizeof name, "map", d->indicators.str[ind], d->years[year]);
    if (jh_classify(x, n, k, o->method, up) != JH_OK) {
        jh_diag_add(r->diag, JH_DIAG_WARNING, NULL, 0, 0, "%s: nothing to draw, skipped", name);
        free(x); free(colour);
        return;
    }
    size_t missing = 0;
    for (size_t f = 0; f < n; f++) {
        size_t c = jh_class_of(x[f], up, k);
        colour[f] = c < k ? jh_map_class_colour(c, k) : JH_MAP_NO_DATA;
        c < k ? count[c]++ : missing++;
    }
    class_legend(up, k, lo, count, jh_study_unit(s, ind, o->out.lang), o->out.lang, lab, labp,
                 col);
    size_t nl = k;
    if (missing) {
        snprintf(lab[k], 96, "%s (%zu)", strcmp(o->out.lang, "en") ? "无数据" : "no data",
                 missing);
        labp[k] = lab[k];
        col[k] = JH_MAP_NO_DATA;
        nl++;
    }
    static const char *const method_zh[] = {"分位数", "等间距", "自然断点"};
    static const char *const method_en[] = {"quantiles", "equal intervals", "natural breaks"};
    int en = !strcmp(o->out.lang, "en");
    char sub[200];
    snprintf(title, sizeof title, en ? "%s, %d" : "%s（%d年）",
             jh_study_indicator_label(s, ind, o->out.lang), d->years[year]);
    snprintf(sub, sizeof sub, en ? "Classes: %s" : "分级：%s",
             en ? method_en[o->method] : method_zh[o->method]);
    jh_map mp = {&m->plane, o->names ? m->label : NULL, m->group, colour, o->tiles != NULL,
                 o->out.lang};
    jh_map_legend lg = {nl, col, labp};
    draw(r, name, &mp, &lg, title, sub);
    free(x);
    free(colour);
}

/* LISA colours of the counties of one indicator and year. */
static size_t lisa_colours(const jh_spatial_table *sp, const struct shapes *m, size_t ind, size_t year,
                           const char **colour, size_t *count)
{
    size_t n = m->plane.n, drawn = 0;
    for (size_t f = 0; f < n; f++)
        colour[f] = JH_MAP_NO_DATA;
    for (size_t k = 0; k < sp->n_lisa; k++) {
        const jh_lisa_row *r = &sp->lisa[k];
        if (r->indicator != ind || r->year != year)
            continue;
        int q = r->significant ? (int)r->lisa.quadrant : 0;
        for (size_t f = 0; f < n; f++)
            if (m->region[f] == r->region) {
                colour[f] = jh_map_lisa_colour(q);
                count[q]++;
                drawn++;
            }
    }
    return drawn;
}

static void lisa_one(struct maps *r, const struct shapes *m, const jh_spatial_table *sp, size_t ind)
{
    const cli_map_opts *o = r->o;
    const jh_study *s = r->s;
    const jh_dataset *d = s->data;
    size_t year = o->year;
    int en = !strcmp(o->out.lang, "en");
    size_t count[5] = {0}, order[] = {1, 3, 2, 4, 0};
    const char **colour = malloc((m->plane.n + 1) * sizeof *colour), *labp[5], *col[5];
    static const char *const zh[] = {"不显著", "高—高", "低—高", "低—低", "高—低"};
    static const char *const enl[] = {"not significant", "high-high", "low-high", "low-low",
                                      "high-low"};
    char lab[5][96], name[600], title[800];
    if (!colour) {
        r->failed = cli_exit_code(JH_ENOMEM);
        return;
    }
    chart_name(name, sizeof name, "lisa-map", d->indicators.str[ind], d->years[year]);
    if (!lisa_colours(sp, m, ind, year, colour, count)) {
        jh_diag_add(r->diag, JH_DIAG_WARNING, NULL, 0, 0, "%s: nothing to draw, skipped", name);
        free(colour);
        return;
    }
    for (size_t i = 0; i < 5; i++) {
        snprintf(lab[i], 96, "%s (%zu)", (en ? enl : zh)[order[i]], count[order[i]]);
        labp[i] = lab[i];
        col[i] = jh_map_lisa_colour((int)order[i]);
    }
    double alpha = o->sp.alpha > 0 ? o->sp.alpha : 0.05;
    char sub[200];
    snprintf(title, sizeof title, en ? "LISA clusters: %s, %d" : "LISA 聚集：%s（%d年）",
             jh_study_indicator_label(s, ind, o->out.lang), d->years[year]);
    snprintf(sub, sizeof sub, en ? "Local Moran, %s <= %g, %zu permutations"
                                 : "局部莫兰指数，%s ≤ %g，%zu 次置换",
             o->sp.fdr ? "FDR q" : "p", alpha, o->sp.permutations);
    jh_map mp = {&m->plane, o->names ? m->label : NULL, m->group, colour, o->tiles != NULL,
                 o->out.lang};
    jh_map_legend lg = {5, col, labp};
    draw(r, name, &mp, &lg, title, sub);
    free(colour);
}

/* The LISA clusters of the year, with o's permutations, seed and pairs. */
static int lisa_run(struct maps *r, jh_spatial_table **sp)
{
    jh_spatial_opts so = r->o->sp;
    so.local = 1;
    so.from = so.to = r->s->data->years[r->o->year];
    return cli_exit_code(jh_spatial_run(r->s, &so, r->diag, sp));
}

int cli_plot_maps(const jh_study *s, const cli_map_opts *o, jh_diag *diag,
                  cli_plot_counts *counts)
{
    struct maps r = {.o = o, .s = s, .diag = diag, .counts = counts};
    struct shapes m = {0};
    jh_spatial_table *sp = NULL;
    size_t *all = o->inds ? NULL : malloc((s->data->indicators.n + 1) * sizeof *all);
    int code = o->inds || all ? EX_OK : cli_exit_code(JH_ENOMEM);
    size_t n = o->inds ? o->n_inds : all ? cli_plot_default_indicators(s, all) : 0;
    const size_t *inds = o->inds ? o->inds : all;
    memset(counts, 0, sizeof *counts);
    if (!code && mkdir(o->out.outdir, 0777) != 0 && errno != EEXIST) {
        jh_diag_add(diag, JH_DIAG_ERROR, NULL, 0, 0, "%s: cannot create folder: %s",
                    o->out.outdir, strerror(errno));
        code = EX_CANTCREAT;
    }
    if (!code)
        code = load_shapes(&r, &m);
    if (!code && o->lisa)
        code = lisa_run(&r, &sp);
    template_path(r.tmpl, sizeof r.tmpl);
    for (size_t k = 0; !code && k < n; k++) {
        size_t before = counts->not_drawn;
        if (o->lisa)
            lisa_one(&r, &m, sp, inds[k]);
        else
            map_one(&r, &m, inds[k]);
        counts->drawn += counts->not_drawn == before;
    }
    jh_spatial_table_free(sp);
    shapes_free(&m);
    free(all);
    return code ? code : r.failed;
}
