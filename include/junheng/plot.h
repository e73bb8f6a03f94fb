/* junheng — charts through gnuplot.
 *
 * A chart is a template in plots/KIND.gp (an analyst may copy and restyle
 * it), a data file written by junheng, and a short generated header that
 * sets the terminal, the output path and the chart's texts as gnuplot
 * string variables.  gnuplot runs as a child process without a shell.
 *
 * Security (STYLE.md C1-C6): text from input files (region and indicator
 * names, units) reaches gnuplot only (a) in data files, through
 * jh_gp_data_label, or (b) in the header as single-quoted string constants
 * made by jh_gp_quote, the one quoting function.  gnuplot expands neither
 * backquotes nor @macros inside single quotes, so no input text is ever
 * read as a command.  Every terminal is set noenhanced, so labels show
 * literally (no ^ _ @ { } markup). */
#ifndef JUNHENG_PLOT_H
#define JUNHENG_PLOT_H

#include <stddef.h>
#include <stdio.h>
#include "junheng/intern.h"
#include "junheng/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Writes s as one gnuplot string expression into dst (cap bytes, always
 * NUL-terminated when cap > 0): s in single quotes, with every control
 * character (bytes below 0x20 and 0x7f, so CR and LF cannot end the
 * command) turned into a space.  A ' in s is written as the constant "'"
 * joined by the . operator, because gnuplot 5.4 does not read '' reliably:
 * O'Brien gives ('O'."'".'Brien').
 * Returns the length of the full result (without the NUL), like snprintf:
 * the result was cut when the return value >= cap.  s NULL is "". */
size_t jh_gp_quote(char *dst, size_t cap, const char *s);

/* Writes s as a label field of a tab-separated data file: in double quotes,
 * with control characters (tab, CR, LF...) as spaces and each " replaced by
 * U+FF02 (FULLWIDTH QUOTATION MARK), because gnuplot's data files have no
 * escape for a double quote.  s NULL is "". */
void jh_gp_data_label(FILE *f, const char *s);

/* Output formats, a bit set. */
typedef enum jh_plot_format {
    JH_PLOT_PNG = 1, /* pngcairo */
    JH_PLOT_SVG = 2, /* svg */
    JH_PLOT_PDF = 4  /* pdfcairo */
} jh_plot_format;

/* "png", "svg", "pdf" for one format bit, else NULL.  Static string. */
const char *jh_plot_format_ext(jh_plot_format f);

/* A numeric or string variable the header defines for the template.  Names
 * are fixed identifiers chosen by the program, never input text. */
typedef struct jh_plot_var {
    const char *name;  /* gnuplot identifier, [A-Z_][A-Z0-9_]* */
    const char *text;  /* string value (quoted by jh_gp_quote), or NULL */
    double number;     /* numeric value when text is NULL */
} jh_plot_var;

/* A string array the header defines (gnuplot 5.2+ arrays), e.g. legend
 * entries or axis labels. */
typedef struct jh_plot_array {
    const char *name;         /* gnuplot identifier */
    size_t n;                 /* number of strings (an empty array gets one
                                 element "" since gnuplot has no empty arrays) */
    const char *const *items; /* [n] strings, quoted by jh_gp_quote */
} jh_plot_array;

/* Everything the header says.  The caller owns every string. */
typedef struct jh_plot_chart {
    const char *name;           /* chart name for messages, e.g. "lorenz-x-2020" */
    const char *template_path;  /* template to load */
    const char *out_base;       /* output path without extension */
    const char *out_suffix;     /* appended after the extension (e.g. ".tmp"
                                   while rendering), or NULL */
    unsigned formats;           /* jh_plot_format bits */
    const char *font;           /* font family, e.g. "Noto Sans CJK SC" */
    int width, height;          /* PNG/SVG size in pixels; PDF gets
                                   width/100 x height/100 cm */
    const jh_plot_var *vars;    /* [n_vars] */
    size_t n_vars;
    const jh_plot_array *arrays;/* [n_arrays] */
    size_t n_arrays;
} jh_plot_chart;

/* The whole gnuplot script of chart c: for each format, the terminal and
 * output, the variables and arrays, and `load` of the template.  A pure
 * function of c: the same chart gives the same bytes.  Returns JH_OK and
 * sets *out to a NUL-terminated string the caller frees with free(), or
 * JH_EINVAL (a variable name that is not an identifier, no format) or
 * JH_ENOMEM. */
int jh_plot_script(const jh_plot_chart *c, char **out);

/* What became of one gnuplot run. */
typedef struct jh_gnuplot_result {
    int timed_out;       /* 1: still running at the time limit; its process
                            group was killed (SIGKILL) */
    int signal;          /* the signal that ended gnuplot, or 0 */
    int exit_status;     /* its exit status when it exited, else -1 */
    char err[2048];      /* the last bytes of its stderr, NUL-terminated */
} jh_gnuplot_result;

/* Runs `gnuplot SCRIPT` (program found through PATH; gnuplot may be NULL for
 * "gnuplot") without a shell, with stdin from /dev/null, in a process group
 * of its own, and its stderr captured into res->err.  timeout_s > 0 is the
 * time limit in seconds (0: none): when gnuplot is still running then, its
 * process group is killed.  Reading stderr never waits beyond gnuplot's
 * exit, even when something it started holds the pipe; when gnuplot has
 * exited, anything left in its process group is killed too.
 * Returns JH_OK when gnuplot exited with status 0 within the time;
 * JH_ENOTFOUND when the program cannot be found or run; JH_EIO when it
 * failed, was killed by a signal or ran out of time (res says which).
 * Thread-safe: charts are drawn on several threads. */
int jh_gnuplot_run(const char *gnuplot, const char *script_path, double timeout_s,
                   jh_gnuplot_result *res);

/* A long-lived gnuplot fed chart after chart (one per drawing thread):
 * jh_gnuplot_worker_draw draws SCRIPT as jh_gnuplot_run would, with the
 * same time limit, result and return values, after `reset session`, so
 * that each chart starts from gnuplot's defaults and gives the bytes a
 * gnuplot of its own gives.  A worker that exits, crashes, stops at an
 * error (reported as exit status 1) or runs out of time is ended, with its
 * process group, and the next chart starts a new one.  gnuplot starts at
 * the first chart (gnuplot NULL: "gnuplot" through PATH).  A worker is
 * used by one thread at a time. */
typedef struct jh_gnuplot_worker jh_gnuplot_worker;
int jh_gnuplot_worker_new(const char *gnuplot, jh_gnuplot_worker **out);
int jh_gnuplot_worker_draw(jh_gnuplot_worker *w, const char *script_path, double timeout_s,
                           jh_gnuplot_result *res);
/* Ends its gnuplot (killed with its process group) and frees it; NULL is
 * nothing. */
void jh_gnuplot_worker_free(jh_gnuplot_worker *w);

/* The abbreviation of signal sig without "SIG" ("SEGV"), or NULL when
 * unknown.  Static string. */
const char *jh_signal_name(int sig);

/* Checks that path holds a complete file of format fmt, as gnuplot writes
 * it: not empty; PNG: the 8-byte signature and the IEND chunk at the end;
 * PDF: "%PDF-" at the start and "%%EOF" in its last kilobyte; SVG: an <svg>
 * root element (after an XML declaration, comments, DOCTYPE) and </svg> at
 * the end.  A good file is flushed to disk (fsync), so that renaming it
 * into place cannot leave an empty chart after a crash.  Returns JH_OK;
 * else sets *why to a static description ("not a PNG file", "an empty
 * file", "no file written" ...) and returns JH_EPARSE (wrong content),
 * JH_ENOTFOUND (no file) or JH_EIO. */
int jh_plot_output_check(const char *path, jh_plot_format fmt, const char **why);

/* Okabe & Ito (2008) colour-blind-safe palette "#RRGGBB": black, orange,
 * sky blue, bluish green, indigo #332288 (Tol) in place of their faint
 * yellow, blue, vermillion, reddish purple, and a
 * ninth, grey #999999 (the variant of the palette that replaces black by
 * grey), so that Jilin's nine prefectures get nine colours.  k is taken
 * modulo JH_PLOT_COLOURS.  Static string. */
#define JH_PLOT_COLOURS 9
const char *jh_plot_colour(size_t k);


/* ---- chart contents built from a study -------------------------------- */

struct jh_study;
struct jh_rank_counties_opts;

/* The variables and arrays of one chart, with the strings they point to.
 * Caller-owned struct: jh_plot_spec_init before use, jh_plot_spec_clear to
 * free what it holds. */
typedef struct jh_plot_spec {
    jh_plot_var vars[24];       /* variables set so far */
    size_t n_vars;
    jh_plot_array arrays[6];    /* arrays set so far */
    size_t n_arrays;
    char **pool;                /* owned strings and item arrays */
    size_t n_pool, cap_pool;
    int height;                 /* pixels the chart needs (0: default) */
    int failed;                 /* an allocation failed: do not draw */
    const char *kind;           /* template drawn instead of the kind's own
                                   (plots/KIND.gp), NULL: the kind's */
} jh_plot_spec;

void jh_plot_spec_init(jh_plot_spec *sp);
void jh_plot_spec_clear(jh_plot_spec *sp);
/* Sets string variable name (a program identifier) to the printf-formatted
 * text; the format is program text, the arguments may be input text. */
void jh_plot_spec_text(jh_plot_spec *sp, const char *name, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
void jh_plot_spec_number(jh_plot_spec *sp, const char *name, double x);
/* Adds a string array of n items, each a copy of items[k]. */
void jh_plot_spec_array(jh_plot_spec *sp, const char *name, size_t n,
                        const char *const *items);

/* The level counties are grouped by in charts: the region catalog's
 * "prefecture" column, else "province", else "city", else the data's
 * group column; with its name for titles and axes. */
typedef struct jh_plot_level {
    const char *column;     /* region-catalog column: "prefecture" */
    const char *zh;         /* "市（州）" */
    const char *en;         /* "prefecture" */
    const char *en_plural;  /* "prefectures" */
    const char *en_title;   /* "Prefecture" */
    const char *whole_zh;   /* the area its groups make up: "全省" */
    const char *whole_en;   /* "Province" */
    const char *whole_adj;  /* "Provincial" */
} jh_plot_level;
const jh_plot_level *jh_plot_group_level(const struct jh_study *s);

/* A power of ten for an axis whose largest magnitude is max: n > 0 when
 * max is below 0.01 (n = ceil(-log10 max), bringing it to 1..10), so that
 * the axis shows value x 10^n and says so in its title instead of tic
 * labels like 6.95e-05; 0 otherwise. */
int jh_plot_axis_scale(double max);
/* The tic step of 1, 2 or 5 times a power of ten at or above raw (> 0;
 * else 1): jh_plot_nice_step(8000) = 10000, (0.3) = 0.5. */
double jh_plot_nice_step(double raw);
/* "×10⁻ⁿ" for n > 0 (superscript digits), "" for 0, into buf. */
void jh_plot_scale_note(int n, char *buf, size_t cap);

/* Colour index of each data region's group (jh_plot_group_level:
 * the catalog's prefecture, province or city column, else the data's group
 * column), groups numbered in
 * order of first appearance over the regions, so one prefecture has one
 * colour in every chart.  Fills group_of (n_regions long, JH_NONE when
 * unknown) and names (caller-initialised).  Returns the number of groups
 * (0 when there is no grouping). */
size_t jh_plot_groups(const struct jh_study *s, size_t *group_of,
                      struct jh_intern *names);

/* Display name of group g (from jh_plot_groups) in lang: for "en" the
 * catalog's LEVEL_en (prefecture_en) of its first region when there is one, else the
 * name itself.  Not owned. */
const char *jh_plot_group_label(const struct jh_study *s, const size_t *group_of,
                                const struct jh_intern *names, size_t g,
                                const char *lang);

/* The piece of a chart file name that stands for an indicator code (or a
 * domain): the code itself when it is made of ASCII letters, digits, '_',
 * '.' and '-' only; otherwise its ASCII characters (every run of others one
 * '_', at most 40) and '_' and the 8 hex digits of the FNV-1a 32-bit hash
 * of the code's UTF-8 bytes, or the hash alone when nothing ASCII is left:
 * "床位数" -> "c4d1b4a9"-like, "beds (人)" -> "beds_" + hash.  Stable across
 * runs and machines; two codes never share a piece (short of a hash
 * collision), and the piece can neither leave the directory nor start an
 * option.  Into buf (cap bytes, always terminated). */
void jh_plot_file_piece(const char *code, char *buf, size_t cap);

/* Estimated width of s in ems of the chart font, to size a margin for
 * labels: a character of three or four UTF-8 bytes (CJK, full-width
 * punctuation) counts 1, anything else 0.55.  An estimate: charts keep a
 * little slack. */
double jh_plot_text_em(const char *s);

/* s cut to at most max_em (as jh_plot_text_em counts) at a character
 * boundary, with "…" appended when cut, into buf (cap bytes).  Returns buf. */
char *jh_plot_shorten(const char *s, double max_em, char *buf, size_t cap);

/* s broken into lines of at most max_em (as jh_plot_text_em counts) with
 * "\n": at the last space that fits, else before a wide character (a
 * Chinese title has no spaces); a word wider than a line stays whole.
 * Into buf (cap bytes, always terminated; cut when full).  Returns buf. */
char *jh_plot_wrap(const char *s, double max_em, char *buf, size_t cap);

/* text wrapped at max_em (jh_plot_wrap) as the array NAME[1..n], one line
 * an item: a newline cannot pass through a quoted gnuplot string, so a
 * template joins the lines with "\n" itself (lorenz.gp).  Returns n. */
size_t jh_plot_spec_lines(jh_plot_spec *sp, const char *name, const char *text,
                          double max_em);

/* jh_plot_spec_array with every item longer than max_em ems cut to it
 * (jh_plot_shorten): names for a margin of fixed width. */
void jh_plot_spec_array_cut(jh_plot_spec *sp, const char *name, size_t n,
                            const char *const *items, double max_em);
/* An array of tic labels (`set xtics add (A[k] k)`): cut as
 * jh_plot_spec_array_cut, and every '%' doubled, since gnuplot reads an
 * explicit tic label as a format ("比重（%）" failed: "Bad format
 * character"). */
void jh_plot_spec_tics(jh_plot_spec *sp, const char *name, size_t n,
                       const char *const *items, double max_em);

/* The left margin, as a fraction of the picture's width (1600 px), that
 * holds labels max_em ems wide at font_px pixels per em, between lo and hi. */
double jh_plot_left_margin(double max_em, double font_px, double lo, double hi);

/* The stratum charts draw: total when present, else the first. */
size_t jh_plot_stratum(const struct jh_study *s);

/* The regions of slice (ind, year, plot stratum) that have a value, by the
 * one gatherer (slice.h): copies the values to x, the weights to w (when w
 * is not NULL) and the region numbers to region (when not NULL), each
 * n_regions long.  Returns how many; sets *used_weights to 1 when weighted,
 * w is not NULL and every region has a usable weight, else 0 (the rule:
 * no weighted chart value from a slice with a missing weight). */
size_t jh_plot_slice(const struct jh_study *s, size_t ind, size_t year,
                     int weighted, double *x, double *w, size_t *region,
                     int *used_weights);

/* "基尼系数" / "Gini coefficient" and so on for the indices charts use,
 * with "（人口加权）" / " (population-weighted)" for weighted twins; the
 * output name for others.  Static string. */
const char *jh_plot_index_label(int idx, int weighted, const char *lang);

/* The domain's display name in lang for the Jilin catalog's domain codes
 * (education -> 教育 ...), else the code itself.  Not owned. */
const char *jh_plot_domain_label(const char *domain, const char *lang);

/* ---- the result tables charts draw from ------------------------------- */

struct jh_slice_indices;
struct jh_decompose_table;
struct jh_urban_rural_table;
struct jh_group_gaps_table;
struct jh_rank_counties_table;
struct jh_targets_table;
struct jh_converge_table;

/* The analyses' result tables the chart kinds read their numbers from, so
 * that a chart shows the numbers of the table (and the report sentence)
 * beside it and nothing is computed twice.  Every pointer is borrowed
 * (const, not owned) and may be NULL when no chart drawn needs it; a chart
 * whose table is NULL has nothing to draw (JH_EEMPTY).  `junheng run`
 * points these at its own results; `junheng plot` computes each once per
 * call (src/cli/plot_tables.c). */
typedef struct jh_plot_tables {
    const struct jh_slice_indices *ix;  /* indices of every slice (trend,
                                           disparity-ranking, lorenz's Gini) */
    size_t n_ix;
    const struct jh_decompose_table *dec; /* Theil T decomposed by
                                           jh_plot_decompose_by's column
                                           (decomposition) */
    const struct jh_urban_rural_table *ur;       /* urban against rural (urban-rural) */
    const struct jh_group_gaps_table *gaps;      /* groups of people against their
                                           comparison (group-gap) */
    const struct jh_rank_counties_table *rank_county; /* composite scores
                                           (county-ranking) */
    const struct jh_targets_table *targets; /* plan targets (targets) */
    const struct jh_converge_table *density;  /* kernel densities (distribution
                                           densities) */
} jh_plot_tables;

/* The slice (ind, year, stratum), all regions, of t's indices table, or
 * NULL when it has none. */
const struct jh_slice_indices *jh_plot_tables_slice(const jh_plot_tables *t, size_t ind,
                                                    size_t year, size_t stratum);

/* Index idx (jh_index_id) of slice x, weighted or not: 1 and *v when x
 * has it defined (the weighted twin only when every region of the slice
 * had a usable weight, slice.h), else 0.  x may be NULL (0). */
int jh_plot_index_value(const struct jh_slice_indices *x, int idx, int weighted, double *v);

/* The column the decomposition chart groups by: the region catalog's
 * grouping level (jh_plot_group_level: province in a national file), else
 * the data's own group column; NULL when there is none.  The table in
 * jh_plot_tables.dec must be grouped by it. */
const char *jh_plot_decompose_by(const struct jh_study *s);

/* Each chart kind writes its data file to f (tab-separated, each line
 * starting with an integer row number, labels through jh_gp_data_label)
 * and fills sp with TITLE, XLABEL, YLABEL and its own variables.  lang is
 * "zh" or "en".  The kinds given a jh_plot_tables t read their numbers
 * from its tables and call no analysis.  Returns JH_OK, JH_EEMPTY when the
 * slice (or the table) has nothing to draw, or JH_ENOMEM. */

/* Lorenz curves of indicator ind for the given years (total stratum),
 * weighted when the study has weights for it, Gini in the legend (t->ix). */
int jh_plot_lorenz(FILE *f, const struct jh_study *s, const jh_plot_tables *t, size_t ind,
                   const size_t *years, size_t n_years, const char *lang,
                   jh_plot_spec *sp);
/* Index idx (unweighted, or weighted when weighted; t->ix) of each
 * indicator in inds over the years, with the OLS trend of the index on the year
 * (jh_ols_fit, as `junheng converge`'s trend table) as a dashed line and
 * its slope per year in the legend, for series with three or more years. */
int jh_plot_trend(FILE *f, const struct jh_study *s, const jh_plot_tables *t, const size_t *inds,
                  size_t n_inds, int idx, int weighted, const char *lang,
                  jh_plot_spec *sp);
/* Every indicator with a value of index idx in the year (t->ix), ranked,
 * bars coloured by domain (neutral and provincial indicators are left out). */
int jh_plot_ranking(FILE *f, const struct jh_study *s, const jh_plot_tables *t, size_t year, int idx,
                    int weighted, const char *lang, jh_plot_spec *sp);
/* Box plots of indicator ind in the year, one per prefecture, the values
 * whose robust z exceeds outlier_z (0: JH_VALIDATE_OUTLIER_Z, validate's
 * default) ringed, as validate flags them. */
int jh_plot_distribution(FILE *f, const struct jh_study *s, size_t ind,
                         size_t year, double outlier_z, const char *lang,
                         jh_plot_spec *sp);
/* Counties x indicators (those with a direction), min-max normalised so that
 * 1 is the best value of the year.  More than JH_PLOT_MAX_ROWS counties: a
 * row per group (jh_plot_groups), the mean score of its counties; more
 * groups than that too, or more than JH_PLOT_MAX_COLS indicators:
 * JH_PLOT_TOO_MANY_ROWS and no chart. */
#define JH_PLOT_MAX_ROWS 150
#define JH_PLOT_MAX_COLS 60
/* A return of the heatmap only, beside the jh_status codes. */
#define JH_PLOT_TOO_MANY_ROWS ((int)JH_STATUS_COUNT + 1)
int jh_plot_heatmap(FILE *f, const struct jh_study *s, size_t year,
                    const char *lang, jh_plot_spec *sp);

/* "Few distinct values": an indicator whose counties take at most this
 * many distinct values in all the years of the data (a 0/100 status, a
 * count of standards met) is drawn as the share of counties at each value
 * (plots/distribution-levels.gp) in place of box plots and densities,
 * which would spread 0 and 100 from -50 to 150.  The one definition; see
 * docs/charts.md. */
#define JH_PLOT_FEW_DISTINCT 5
/* ... and whose values are shared: at least this many county-years per
 * distinct value on average (five counties with five values are not). */
#define JH_PLOT_FEW_SHARED 3
/* More groups than this (31 provinces) and the box plots lie on their
 * side, names on the left (distribution-horizontal.gp) ... */
#define JH_PLOT_MANY_GROUPS 12
/* ... and so do names wider than this (jh_plot_text_em; "Yanbian Korean
 * Autonomous Prefecture" is 19.8), which slanted would fill the chart. */
#define JH_PLOT_SLANT_EM 12

/* The distinct values of indicator ind (plot stratum) over all the years
 * of the data (so that every chart of it gives a value the same colour),
 * ascending, into vals (JH_PLOT_FEW_DISTINCT of them at most).
 * Returns their number, or JH_PLOT_FEW_DISTINCT + 1 when there are more
 * or they are not shared (JH_PLOT_FEW_SHARED); then vals is unspecified. */
size_t jh_plot_distinct(const struct jh_study *s, size_t ind, double *vals);
/* The levels chart of indicator ind: one bar per prefecture (by_group,
 * in year years[0]) or per year, split into the shares of its counties
 * at each of the n_vals values vals (from jh_plot_distinct), with the
 * counts printed in the bars.  Sets sp->kind to "distribution-levels". */
int jh_plot_levels(FILE *f, const struct jh_study *s, size_t ind, const size_t *years,
                   size_t n_years, int by_group, const double *vals, size_t n_vals,
                   const char *lang, jh_plot_spec *sp);

/* Kernel densities of indicator ind (plot stratum, unweighted) for the
 * given years, read from converge's density table t->density: Gaussian
 * kernel, Silverman's bandwidth per year, one grid of 512 points for all
 * years of the table from the smallest value minus 3 h_max to the largest
 * plus 3 h_max.  The legend gives each year's bandwidth.  A year the
 * table has no density of (values all equal or fewer than two) has no
 * curve. */
int jh_plot_density(FILE *f, const struct jh_study *s, const jh_plot_tables *t, size_t ind,
                    const size_t *years, size_t n_years, const char *lang,
                    jh_plot_spec *sp);
/* Urban and rural values of indicator ind in the year, county by county
 * (counties with both strata, from t->ur), sorted by the
 * oriented ratio (largest urban advantage at the top), the ratio on the
 * second (top) axis.  JH_EEMPTY when the indicator has no urban and rural
 * strata that year. */
int jh_plot_urban_rural(FILE *f, const struct jh_study *s, const jh_plot_tables *t, size_t ind,
                        size_t year, const char *lang, jh_plot_spec *sp);
/* The same two panels for two strata of the data (positions a and b, e.g.
 * a group of people and its comparison), compared as `urban-rural
 * --compare A:B`: the pair (a, b) of t->gaps; keys, title and notes name
 * them by the strata catalog in lang.  JH_EEMPTY when they have no values to compare that year. */
int jh_plot_strata_gap(FILE *f, const struct jh_study *s, const jh_plot_tables *t, size_t ind, size_t year,
                       size_t a, size_t b, const char *lang, jh_plot_spec *sp);
/* The composite score of every ranked county in the year (t->rank_county:
 * rank.h defaults, min-max, entropy weights, weighted sum, no imputation,
 * every non-neutral indicator), sorted, bars coloured by prefecture.
 * weights (may be NULL: entropy per year) is the weighting the table was
 * computed with, as `rank --weights` and --weights-base take it; the axis
 * title names it. */
int jh_plot_county_ranking(FILE *f, const struct jh_study *s, const jh_plot_tables *t, size_t year,
                           const char *lang, const struct jh_rank_counties_opts *weights,
                           jh_plot_spec *sp);
/* Between- and within-prefecture shares of Theil T (population-weighted
 * when the indicator has weights) of every charted indicator in the year,
 * stacked, sorted by the between share: the Theil T rows of t->dec (by
 * jh_plot_decompose_by's column) of the plot stratum. */
int jh_plot_decomposition(FILE *f, const struct jh_study *s, const jh_plot_tables *t, size_t year,
                          const char *lang, jh_plot_spec *sp);
/* Every indicator with a target and a provincial value in the year
 * (t->targets): baseline, value and target as a percentage of the target,
 * and the share of counties meeting the target. */
int jh_plot_targets(FILE *f, const struct jh_study *s, const jh_plot_tables *t, size_t year,
                    const char *lang, jh_plot_spec *sp);

#ifdef __cplusplus
}
#endif
#endif
