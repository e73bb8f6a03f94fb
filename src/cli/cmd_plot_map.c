/* junheng plot map | lisa-map: choropleths of an indicator per county, and
 * the LISA clusters, drawn by gnuplot from plots/map.gp over county
 * boundaries (projected, Albers equal-area) or a schematic tile map. */
#include <errno.h>
#include <getopt.h>
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
#include "neighbor_source.h"
#include "plot_map_cli.h"

static const char help[] =
    "Usage: junheng plot map|lisa-map --data FILE (--boundaries FILE | --tiles FILE)\n"
    "                                 [OPTIONS]\n"
    "\n"
    "  map       a choropleth of each indicator per county in one year, in\n"
    "            classes (legend with the bounds and the number of counties)\n"
    "  lisa-map  the local Moran clusters of each indicator (as `junheng spatial\n"
    "            --table local`): high-high red, low-low blue, low-high light\n"
    "            blue, high-low light red, not significant grey; needs\n"
    "            neighbours (--neighbors, or derived from --boundaries)\n"
    "Counties are drawn from --boundaries (GeoJSON or .shp, projected with an\n"
    "Albers equal-area conic fitted to the file, north up, with a scale bar) or\n"
    "from --tiles, a schematic tile map (datasets/jilin/tiles.geojson: each\n"
    "county one square placed by hand by approximate geography; not to scale).\n"
    "Prefecture outlines (the catalog's prefecture column) are drawn heavier.\n"
    "Files: DIR/map-INDICATOR-YEAR.EXT, DIR/lisa-map-INDICATOR-YEAR.EXT.\n"
    "\n"
    "Options:\n"
    "  -i, --indicator CODE   map this indicator (repeatable; default: every\n"
    "                         county indicator with a direction)\n"
    "      --year YEAR        the year (default: the last)\n"
    "      --tiles FILE       draw on a tile map instead of boundaries\n"
    "      --classify M       quantiles (default), equal or jenks (natural breaks)\n"
    "      --classes K        number of classes, 2 to 7 (default 5)\n"
    "      --names            print county names on the map\n"
    "      --permutations N   lisa-map: permutations (default 999)\n"
    "      --seed S           lisa-map: seed (default 1)\n"
    "      --alpha A          lisa-map: significance level (default 0.05)\n"
    "      --fdr              lisa-map: Benjamini-Hochberg q <= A instead of p\n"
    CLI_NEIGHBOR_HELP
    "      --lang LANG        zh (default) or en\n"
    "  -f, --format LIST      png (default), svg, pdf, comma-separated\n"
    "  -o, --output-dir DIR   where maps go (default .); created if missing\n"
    "      --font FAMILY      font with CJK glyphs (default \"Noto Sans CJK SC\")\n"
    "      --chart-timeout S  time limit per map, seconds (default 60, 0 none)\n"
    "  -h, --help             show this help\n"
    "\n"
    "Example:\n"
    "  junheng plot map --data datasets/jilin/values.csv \\\n"
    "      --regions datasets/jilin/regions.csv --indicators datasets/jilin/indicators.csv \\\n"
    "      --tiles datasets/jilin/tiles.geojson -i preschool_gross_enrolment -o maps\n";

enum {
    OPT_TILES = CLI_OPT_FIRST_FREE + 60, OPT_CLASSIFY, OPT_CLASSES, OPT_NAMES, OPT_PERM,
    OPT_SEED, OPT_ALPHA, OPT_FDR, OPT_LANG, OPT_FONT, OPT_TIMEOUT
};

struct opts {
    cli_data data;
    cli_neighbor_opts nb;
    int lisa;
    const char *ind[64];
    size_t n_ind;
    int year;
    const char *tiles;
    jh_classify_method method;
    size_t classes;
    int names;
    jh_spatial_opts sp;
    const char *lang, *outdir, *font;
    unsigned formats;
    double timeout;
};

/* Whether argv names a map kind: an argument "map" or "lisa-map" that is
 * not the value of an option. */
int cli_plot_map_kind(int argc, char **argv)
{
    static const char *const flags[] = {"--names", "--fdr", "--keep-scripts", "--lenient",
                                        "--raw-text", "--wide", "--long", "--no-weight"};
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "map") && strcmp(argv[i], "lisa-map"))
            continue;
        const char *prev = argv[i - 1];
        int value = i > 1 && prev[0] == '-' && !strchr(prev, '=');
        for (size_t k = 0; value && k < sizeof flags / sizeof *flags; k++)
            value = strcmp(prev, flags[k]) != 0;
        if (!value)
            return 1;
    }
    return 0;
}

static int parse_formats(const char *arg, unsigned *out)
{
    char buf[64];
    if (strlen(arg) >= sizeof buf)
        return -1;
    strcpy(buf, arg);
    *out = 0;
    for (char *save = NULL, *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        if (!strcmp(t, "png")) *out |= JH_PLOT_PNG;
        else if (!strcmp(t, "svg")) *out |= JH_PLOT_SVG;
        else if (!strcmp(t, "pdf")) *out |= JH_PLOT_PDF;
        else return -1;
    }
    return *out ? 0 : -1;
}

static int own_option(int c, const char *arg, struct opts *o)
{
    unsigned long v;
    char *end;
    switch (c) {
    case 'i':
        if (o->n_ind == 64)
            return cli_usage_error("plot", "too many --indicator options (at most 64)");
        o->ind[o->n_ind++] = arg;
        return EX_OK;
    case OPT_TILES: o->tiles = arg; return EX_OK;
    case OPT_CLASSIFY:
        if (!strcmp(arg, "quantiles")) o->method = JH_CLASSIFY_QUANTILES;
        else if (!strcmp(arg, "equal")) o->method = JH_CLASSIFY_EQUAL;
        else if (!strcmp(arg, "jenks")) o->method = JH_CLASSIFY_JENKS;
        else return cli_usage_error("plot", "--classify '%s': expected quantiles, equal or jenks", arg);
        return EX_OK;
    case OPT_CLASSES:
        if (cli_parse_count(arg, 2, 7, &v))
            return cli_usage_error("plot", "--classes '%s': expected 2 to 7", arg);
        o->classes = v;
        return EX_OK;
    case OPT_NAMES: o->names = 1; return EX_OK;
    case OPT_PERM:
        if (cli_parse_count(arg, 0, 100000, &v))
            return cli_usage_error("plot", "--permutations '%s': expected 0 to 100000", arg);
        o->sp.permutations = v;
        return EX_OK;
    case OPT_SEED:
        if (cli_parse_count(arg, 0, 4294967295UL, &v))
            return cli_usage_error("plot", "--seed '%s': expected a whole number", arg);
        o->sp.seed = v;
        return EX_OK;
    case OPT_ALPHA:
        errno = 0;
        o->sp.alpha = strtod(arg, &end);
        if (end == arg || *end || errno || !(o->sp.alpha > 0 && o->sp.alpha < 1))
            return cli_usage_error("plot", "--alpha '%s': expected a number between 0 and 1", arg);
        return EX_OK;
    case OPT_FDR: o->sp.fdr = 1; return EX_OK;
    case OPT_LANG:
        if (strcmp(arg, "zh") && strcmp(arg, "en"))
            return cli_usage_error("plot", "unknown language '%s' (expected zh or en)", arg);
        o->lang = arg;
        return EX_OK;
    case 'f':
        if (parse_formats(arg, &o->formats))
            return cli_usage_error("plot", "unknown format list '%s' (expected png, svg, pdf, "
                                   "comma-separated)", arg);
        return EX_OK;
    case 'o': o->outdir = arg; return EX_OK;
    case OPT_FONT: o->font = arg; return EX_OK;
    case OPT_TIMEOUT:
        o->timeout = strtod(arg, &end);
        if (end == arg || *end || !(o->timeout >= 0 && o->timeout <= 86400))
            return cli_usage_error("plot", "bad --chart-timeout '%s' (expected seconds, 0 to "
                                   "86400; 0: no limit)", arg);
        return EX_OK;
    default: return cli_neighbor_option("plot", c, arg, &o->nb);
    }
}

static int check_args(struct opts *o)
{
    if (o->tiles && o->nb.boundaries && !o->lisa)
        return cli_usage_error("plot", "--tiles and --boundaries exclude each other for map");
    if (!o->tiles && !o->nb.boundaries)
        return cli_usage_error("plot", "no county shapes: give --boundaries FILE or --tiles FILE");
    if (o->lisa && !o->nb.neighbors && !o->nb.boundaries)
        return cli_usage_error("plot", "lisa-map needs neighbours: --neighbors FILE or "
                               "--boundaries FILE (a tile map's squares are not neighbours)");
    return cli_data_check("plot", &o->data);
}

static int parse_args(int argc, char **argv, struct opts *o)
{
    static const struct option longopts[] = {
        CLI_DATA_LONGOPTS,
        CLI_NEIGHBOR_LONGOPTS,
        {"indicator", required_argument, NULL, 'i'},
        {"tiles", required_argument, NULL, OPT_TILES},
        {"classify", required_argument, NULL, OPT_CLASSIFY},
        {"classes", required_argument, NULL, OPT_CLASSES},
        {"names", no_argument, NULL, OPT_NAMES},
        {"permutations", required_argument, NULL, OPT_PERM},
        {"seed", required_argument, NULL, OPT_SEED},
        {"alpha", required_argument, NULL, OPT_ALPHA},
        {"fdr", no_argument, NULL, OPT_FDR},
        {"lang", required_argument, NULL, OPT_LANG},
        {"format", required_argument, NULL, 'f'},
        {"output-dir", required_argument, NULL, 'o'},
        {"font", required_argument, NULL, OPT_FONT},
        {"chart-timeout", required_argument, NULL, OPT_TIMEOUT},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":d:w:i:f:o:h", longopts, NULL)) != -1) {
        if (c == 'h') {
            cli_print_help(help);
            return -1;
        }
        if (c == CLI_OPT_YEAR)
            o->year = atoi(optarg);
        int rc = c == '?' || c == ':' || c == CLI_OPT_YEAR ? -1 : own_option(c, optarg, o);
        if (rc < 0)
            rc = cli_common_option("plot", c, argv, &o->data);
        if (rc)
            return rc;
    }
    for (int i = optind; i < argc; i++)
        if (strcmp(argv[i], "map") && strcmp(argv[i], "lisa-map"))
            return cli_usage_error("plot", "unexpected argument '%s'", argv[i]);
        else
            o->lisa = !strcmp(argv[i], "lisa-map");
    return check_args(o);
}

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

static int load_shapes(const struct opts *o, const jh_study *s, struct shapes *m)
{
    jh_diag diag;
    jh_diag_init(&diag, 20);
    const char *path = o->tiles ? o->tiles : o->nb.boundaries;
    int rc = jh_boundaries_read(path, o->nb.key, &m->b, &diag);
    cli_print_diag(&diag);
    jh_diag_clear(&diag);
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
        m->label[f] = m->region[f] == JH_NONE || (o->tiles && strcmp(o->lang, "en"))
                          ? m->b->name[f] : jh_study_region_label(s, m->region[f], o->lang);
    }
    free(group_of);
    jh_intern_clear(&names);
    m->plane = m->b->shapes;
    m->plane.xy = m->xy;
    return EX_OK;
}

/* ---- drawing ------------------------------------------------------------- */

/* Renders the script to DIR/NAME.EXT through .part files; a failure is a
 * warning and an exit code in *failed. */
static void render(const struct opts *o, const char *name, const char *base, jh_plot_chart *c,
                   int *failed)
{
    char script[4400], part[4500], final[4400];
    char *text = NULL;
    snprintf(script, sizeof script, "%s.render.gp", base);
    FILE *f = NULL;
    if (jh_plot_script(c, &text) != JH_OK || !(f = fopen(script, "w"))) {
        fprintf(stderr, "junheng: %s: cannot write the script\n", script);
        free(text);
        *failed = EX_CANTCREAT;
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
        fprintf(stderr, "junheng: warning: %s: not drawn: %s%s%s\n", name, why,
                rc == JH_EIO && res.err[0] ? ": " : "", rc == JH_EIO ? res.err : "");
        unlink(part);
        *failed = rc == JH_ENOTFOUND ? EX_UNAVAILABLE : EX_SOFTWARE;
    }
    unlink(script);
}

static void draw(const struct opts *o, const char *tmpl, const char *name, const jh_map *m,
                 const jh_map_legend *lg, const char *title, const char *subtitle, int *failed)
{
    char base[4200], data[4300];
    snprintf(base, sizeof base, "%s/%s", o->outdir, name);
    snprintf(data, sizeof data, "%s.dat", base);
    jh_plot_spec sp;
    jh_plot_spec_init(&sp);
    jh_outfile out;
    if (jh_outfile_open(&out, data) != JH_OK) {
        fprintf(stderr, "junheng: %s: cannot create file\n", data);
        *failed = EX_CANTCREAT;
        return;
    }
    int rc = jh_plot_map(out.f, m, lg, &sp);
    if (rc || jh_outfile_commit(&out) != JH_OK) {
        jh_outfile_abort(&out);
        fprintf(stderr, "junheng: %s: %s\n", name, rc ? jh_strerror(rc) : "write error");
        *failed = rc == JH_EEMPTY ? EX_DATAERR : EX_IOERR;
        jh_plot_spec_clear(&sp);
        return;
    }
    jh_plot_spec_text(&sp, "TITLE", "%s", title);
    jh_plot_spec_text(&sp, "SUBTITLE", "%s", subtitle);
    jh_plot_spec_text(&sp, "DATA", "%s", data);
    jh_plot_spec_text(&sp, "SOURCE", strcmp(o->lang, "en") ? "资料来源：%s；junheng 绘制"
                                                           : "Source: %s; junheng",
                      o->data.files.path[0]);
    jh_plot_chart c = {.name = name, .template_path = tmpl, .out_base = base,
                       .out_suffix = ".part", .formats = o->formats, .font = o->font,
                       .width = 1600, .height = sp.height ? sp.height : 1000,
                       .vars = sp.vars, .n_vars = sp.n_vars, .arrays = sp.arrays,
                       .n_arrays = sp.n_arrays};
    if (sp.failed)
        *failed = cli_exit_code(JH_ENOMEM);
    else
        render(o, name, base, &c, failed);
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

static void map_one(const struct opts *o, const jh_study *s, const struct shapes *m, size_t ind,
                    size_t year, const char *tmpl, int *failed)
{
    const jh_dataset *d = s->data;
    size_t n = m->plane.n, k = o->classes, count[8] = {0};
    const double *v = jh_dataset_slice(d, ind, year, jh_plot_stratum(s));
    double *x = malloc((n + 1) * sizeof *x), up[8], lo = INFINITY;
    const char **colour = malloc((n + 1) * sizeof *colour), *labp[9], *col[9];
    char lab[9][96], name[600], title[800];
    if (!x || !colour) {
        free(x); free(colour);
        *failed = cli_exit_code(JH_ENOMEM);
        return;
    }
    for (size_t f = 0; f < n; f++) {
        x[f] = m->region[f] == JH_NONE ? NAN : v[m->region[f]];
        lo = isfinite(x[f]) ? fmin(lo, x[f]) : lo;
    }
    chart_name(name, sizeof name, "map", d->indicators.str[ind], d->years[year]);
    if (jh_classify(x, n, k, o->method, up) != JH_OK) {
        fprintf(stderr, "junheng: warning: %s: nothing to draw, skipped\n", name);
        free(x); free(colour);
        return;
    }
    size_t missing = 0;
    for (size_t f = 0; f < n; f++) {
        size_t c = jh_class_of(x[f], up, k);
        colour[f] = c < k ? jh_map_class_colour(c, k) : JH_MAP_NO_DATA;
        c < k ? count[c]++ : missing++;
    }
    class_legend(up, k, lo, count, jh_study_unit(s, ind, o->lang), o->lang, lab, labp, col);
    size_t nl = k;
    if (missing) {
        snprintf(lab[k], 96, "%s (%zu)", strcmp(o->lang, "en") ? "无数据" : "no data", missing);
        labp[k] = lab[k];
        col[k] = JH_MAP_NO_DATA;
        nl++;
    }
    static const char *const method_zh[] = {"分位数", "等间距", "自然断点"};
    static const char *const method_en[] = {"quantiles", "equal intervals", "natural breaks"};
    int en = !strcmp(o->lang, "en");
    char sub[200];
    snprintf(title, sizeof title, en ? "%s, %d" : "%s（%d年）",
             jh_study_indicator_label(s, ind, o->lang), d->years[year]);
    snprintf(sub, sizeof sub, en ? "Classes: %s" : "分级：%s",
             en ? method_en[o->method] : method_zh[o->method]);
    jh_map mp = {&m->plane, o->names ? m->label : NULL, m->group, colour, o->tiles != NULL, o->lang};
    jh_map_legend lg = {nl, col, labp};
    draw(o, tmpl, name, &mp, &lg, title, sub, failed);
    free(x);
    free(colour);
}

/* LISA colours of the counties of one indicator and year. */
static size_t lisa_colours(const jh_spatial *sp, const struct shapes *m, size_t ind, size_t year,
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

static void lisa_one(const struct opts *o, const jh_study *s, const struct shapes *m,
                     const jh_spatial *sp, size_t ind, size_t year, const char *tmpl, int *failed)
{
    const jh_dataset *d = s->data;
    int en = !strcmp(o->lang, "en");
    size_t count[5] = {0}, order[] = {1, 3, 2, 4, 0};
    const char **colour = malloc((m->plane.n + 1) * sizeof *colour), *labp[5], *col[5];
    static const char *const zh[] = {"不显著", "高—高", "低—高", "低—低", "高—低"};
    static const char *const enl[] = {"not significant", "high-high", "low-high", "low-low",
                                      "high-low"};
    char lab[5][96], name[600], title[800];
    if (!colour) {
        *failed = cli_exit_code(JH_ENOMEM);
        return;
    }
    chart_name(name, sizeof name, "lisa-map", d->indicators.str[ind], d->years[year]);
    if (!lisa_colours(sp, m, ind, year, colour, count)) {
        fprintf(stderr, "junheng: warning: %s: nothing to draw, skipped\n", name);
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
             jh_study_indicator_label(s, ind, o->lang), d->years[year]);
    snprintf(sub, sizeof sub, en ? "Local Moran, %s <= %g, %zu permutations"
                                 : "局部莫兰指数，%s ≤ %g，%zu 次置换",
             o->sp.fdr ? "FDR q" : "p", alpha, o->sp.permutations);
    jh_map mp = {&m->plane, o->names ? m->label : NULL, m->group, colour, o->tiles != NULL, o->lang};
    jh_map_legend lg = {5, col, labp};
    draw(o, tmpl, name, &mp, &lg, title, sub, failed);
    free(colour);
}

static int indicators(const struct opts *o, const jh_study *s, size_t *inds, size_t *n)
{
    const jh_dataset *d = s->data;
    *n = 0;
    for (size_t k = 0; k < o->n_ind; k++) {
        size_t i = jh_intern_find(&d->indicators, o->ind[k]);
        if (i == JH_NONE)
            return cli_usage_error("plot", "no indicator '%s' in the data", o->ind[k]);
        inds[(*n)++] = i;
    }
    for (size_t i = 0; !o->n_ind && i < d->indicators.n; i++) {
        const jh_indicator *e = jh_study_indicator(s, i);
        if (jh_study_direction(s, i) != JH_DIRECTION_NEUTRAL && !(e && e->scope == JH_SCOPE_PROVINCE))
            inds[(*n)++] = i;
    }
    return EX_OK;
}

static int year_of(const struct opts *o, const jh_dataset *d, size_t *year)
{
    *year = d->n_years - 1;
    if (!o->year)
        return EX_OK;
    for (size_t y = 0; y < d->n_years; y++)
        if (d->years[y] == o->year) {
            *year = y;
            return EX_OK;
        }
    return cli_usage_error("plot", "no year %d in the data", o->year);
}

static int lisa_run(struct opts *o, const jh_study *s, size_t year, jh_spatial **sp)
{
    size_t *na = NULL, *nb = NULL, nn = 0;
    jh_diag diag;
    jh_diag_init(&diag, 20);
    /* with both, the boundaries are drawn and the list gives the neighbours */
    cli_neighbor_opts src = o->nb;
    if (src.neighbors)
        src.boundaries = NULL;
    int code = cli_neighbor_pairs(&src, s->data, &na, &nb, &nn);
    if (!code) {
        o->sp.neighbor_a = na;
        o->sp.neighbor_b = nb;
        o->sp.n_neighbors = nn;
        o->sp.local = 1;
        o->sp.from = o->sp.to = s->data->years[year];
        code = cli_exit_code(jh_spatial_run(s, &o->sp, &diag, sp));
        cli_print_diag(&diag);
    }
    jh_diag_clear(&diag);
    free(na);
    free(nb);
    return code;
}

static int draw_maps(struct opts *o, const jh_study *s)
{
    struct shapes m = {0};
    jh_spatial *sp = NULL;
    size_t *inds = malloc((s->data->indicators.n + 64) * sizeof *inds), n = 0, year;
    char tmpl[4200];
    int failed = 0, code = inds ? indicators(o, s, inds, &n) : cli_exit_code(JH_ENOMEM);
    if (!code)
        code = year_of(o, s->data, &year);
    if (!code && mkdir(o->outdir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "junheng: %s: cannot create folder: %s\n", o->outdir, strerror(errno));
        code = EX_CANTCREAT;
    }
    if (!code)
        code = load_shapes(o, s, &m);
    if (!code && o->lisa)
        code = lisa_run(o, s, year, &sp);
    template_path(tmpl, sizeof tmpl);
    for (size_t k = 0; !code && k < n; k++) {
        if (o->lisa)
            lisa_one(o, s, &m, sp, inds[k], year, tmpl, &failed);
        else
            map_one(o, s, &m, inds[k], year, tmpl, &failed);
    }
    jh_spatial_free(sp);
    shapes_free(&m);
    free(inds);
    return code ? code : failed;
}

int cmd_plot_map(int argc, char **argv)
{
    struct opts o = {.nb = CLI_NEIGHBOR_DEFAULTS, .classes = 5, .lang = "zh", .outdir = ".",
                     .font = "Noto Sans CJK SC", .formats = JH_PLOT_PNG, .timeout = 60,
                     .sp = {.permutations = 999, .seed = 1}};
    jh_study *s = NULL;
    int code = parse_args(argc, argv, &o);
    if (!code)
        code = cli_load_study(&o.data, &s);
    if (!code)
        code = draw_maps(&o, s);
    jh_study_free(s);
    free(o.data.files.path);
    return code < 0 ? EX_OK : code;
}
