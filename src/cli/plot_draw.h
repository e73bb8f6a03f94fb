/* Drawing charts from a study already in memory: the planner (which charts
 * of which kinds for which indicators and years, plot_plan.c), the
 * gnuplot job runner (plot_jobs.c) and the maps (plot_maps.c).  `junheng
 * plot` parses its options into these structs; `junheng run` fills them
 * from its configuration and hands over its own study, so that nothing is
 * read twice, no argv is built and no descriptor is redirected.  Messages
 * go into a jh_diag ("NAME: not drawn: why" for a chart gnuplot could not
 * draw), progress through a callback. */
#ifndef JUNHENG_CLI_PLOT_DRAW_H
#define JUNHENG_CLI_PLOT_DRAW_H

#include <getopt.h>
#include <stddef.h>
#include "cli.h"
#include "junheng/boundary.h"
#include "junheng/classify.h"
#include "junheng/diag.h"
#include "junheng/plot.h"
#include "junheng/rank.h"
#include "junheng/spatial_analysis.h"
#include "junheng/study.h"

/* The chart kinds of `junheng plot` and of [charts] kinds, in drawing
 * order: the one list (X(ID, "name")). */
#define CLI_CHART_KINDS(X)                                                             \
    X(LORENZ, "lorenz") X(TREND, "trend") X(RANKING, "disparity-ranking")              \
    X(DISTRIBUTION, "distribution") X(HEATMAP, "heatmap") X(URBAN_RURAL, "urban-rural") \
    X(COUNTY_RANKING, "county-ranking") X(DECOMPOSITION, "decomposition")              \
    X(TARGETS, "targets") X(GROUP_GAP, "group-gap")

#define CLI_CHART_POS_(id, name) CLI_CHART_POS_##id,
enum { CLI_CHART_KINDS(CLI_CHART_POS_) CLI_CHART_N };
#undef CLI_CHART_POS_
/* A kind as a bit: CLI_CHART(LORENZ). */
#define CLI_CHART(id) (1u << CLI_CHART_POS_##id)
#define CLI_CHART_ALL ((1u << CLI_CHART_N) - 1)
/* "lorenz|trend|...|group-gap|": the names as a string literal, each
 * followed by a bar (for run_config.c's list of choices). */
#define CLI_CHART_NAME_BAR_(id, name) name "|"
#define CLI_CHART_NAMES_BARRED CLI_CHART_KINDS(CLI_CHART_NAME_BAR_)

/* The kind bits of name ("all": every kind), 0 when name is none. */
unsigned cli_chart_kind_bits(const char *name);
/* The kind names joined by sep, the last before "all" by last: for the
 * usage messages of plot.  Into buf (cap bytes). */
void cli_chart_kind_list(char *buf, size_t cap, const char *sep, const char *last);

/* ---- the options `plot` and `plot map` share ------------------------- */

enum { CLI_OPT_PLOT_LANG = CLI_OPT_FIRST_FREE + 80, CLI_OPT_PLOT_FONT, CLI_OPT_PLOT_TIMEOUT };
#define CLI_PLOT_LONGOPTS                                                    \
    {"indicator", required_argument, NULL, 'i'},                             \
    {"lang", required_argument, NULL, CLI_OPT_PLOT_LANG},                    \
    {"format", required_argument, NULL, 'f'},                                \
    {"output-dir", required_argument, NULL, 'o'},                            \
    {"font", required_argument, NULL, CLI_OPT_PLOT_FONT},                    \
    {"chart-timeout", required_argument, NULL, CLI_OPT_PLOT_TIMEOUT},        \
    {"help", no_argument, NULL, 'h'}

/* How charts are written, whatever they show. */
typedef struct cli_plot_output {
    const char *lang;     /* "zh" or "en" */
    unsigned formats;     /* jh_plot_format bits */
    const char *outdir;   /* where charts go */
    const char *font;     /* font family with CJK glyphs */
    double timeout;       /* seconds per chart; 0: none */
} cli_plot_output;
#define CLI_PLOT_OUTPUT_DEFAULTS {"zh", 1 /* JH_PLOT_PNG */, ".", "Noto Sans CJK SC", 60}

/* Handles the shared option c (--lang, --format, -o, --font,
 * --chart-timeout): EX_OK, a usage error of "plot", or -1 when c is not
 * one of them. */
int cli_plot_output_option(int c, const char *arg, cli_plot_output *o);
/* "png,svg" into format bits: 0, or -1 for an unknown or empty list. */
int cli_plot_parse_formats(const char *list, unsigned *out);

/* ---- the charts of `plot KIND` ----------------------------------------- */

/* The indicators charted (and mapped) by default, county scope with a
 * direction, as positions into inds (as many as the data have); how many. */
size_t cli_plot_default_indicators(const jh_study *s, size_t *inds);

/* Called as charts finish: files drawn so far of total (a chart in two
 * formats counts two).  From the drawing threads, one at a time. */
typedef void (*cli_plot_progress)(void *ctx, size_t done, size_t total);

typedef struct cli_plot_opts {
    cli_plot_output out;
    unsigned kinds;              /* CLI_CHART bits */
    const size_t *inds;          /* indicators (positions in the data); NULL:
                                    every county indicator with a direction */
    size_t n_inds;
    const size_t *years;         /* years (positions); NULL: the defaults */
    size_t n_years;
    const char *index;           /* index of trend and disparity-ranking */
    int keep;                    /* keep the scripts and data files */
    const char *template_dir;    /* NULL: found (cli_plot_templates) */
    const jh_rank_counties_opts *rank;    /* the county ranking's weighting, or NULL */
    double outlier_z;            /* the distribution charts' outlier rings;
                                    0: validate's default */
    const jh_plot_tables *have;  /* result tables already made (the run's),
                                    drawn from as they are; NULL: computed */
    cli_plot_progress progress;  /* or NULL */
    void *progress_ctx;
} cli_plot_opts;

/* What became of the charts. */
typedef struct cli_plot_counts {
    size_t drawn, not_drawn;
    int missing_gnuplot;         /* gnuplot was not found: scripts left */
} cli_plot_counts;

/* Draws the charts o asks for from s into o->out.outdir (created when
 * missing).  Every chart skipped or not drawn is a warning in diag with
 * its name, errors too ("FILE: cannot create file").  Returns 0, or the
 * exit code of the first failure (64 for an unknown index, 66 without
 * templates, 73 ...); cli_plot_status gives the command's. */
int cli_plot_draw(const jh_study *s, const cli_plot_opts *o, jh_diag *diag,
                  cli_plot_counts *counts);
/* The exit code of `plot`: 69 without gnuplot, failed, else 70 when a
 * chart was not drawn, else 0. */
int cli_plot_status(const cli_plot_counts *c, int failed);

/* ---- the maps ----------------------------------------------------------- */

typedef struct cli_map_opts {
    cli_plot_output out;
    int lisa;                    /* LISA clusters instead of the choropleth */
    const size_t *inds;          /* positions; NULL: every county indicator
                                    with a direction */
    size_t n_inds;
    size_t year;                 /* position in the data */
    const char *tiles;           /* a schematic tile map to draw on, or NULL */
    const char *boundaries;      /* county boundaries to draw on (without tiles) */
    const char *key;             /* their region-code property, or NULL */
    jh_classify_method method;
    size_t classes;
    int names;                   /* county names on the map */
    jh_spatial_opts sp;          /* lisa: permutations, seed, alpha, fdr, and
                                    the neighbour pairs (neighbor_a ...) */
    const char *source;          /* the data file the source line names */
} cli_map_opts;

/* Draws the maps o asks for; as cli_plot_draw, messages in diag (a map
 * gnuplot could not draw: "NAME: not drawn: why", a file a format) and
 * counts (not_drawn counts those files).  Returns 0 or an exit code (69:
 * gnuplot could not be run, 70: a map not drawn, 65 ...). */
int cli_plot_maps(const jh_study *s, const cli_map_opts *o, jh_diag *diag,
                  cli_plot_counts *counts);

#endif
