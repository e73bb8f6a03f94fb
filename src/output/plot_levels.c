/* Indicators with few distinct values (JH_PLOT_FEW_DISTINCT, plot.h): a
 * 0/100 status or a count of standards met has no shape for a box plot or
 * a kernel density to show, so the chart gives, per prefecture or per
 * year, the share of counties at each value.  Data: block 0 one line per
 * bar "position<TAB>counties<TAB>"name"", block 1 one line per piece
 * "position<TAB>share from<TAB>share to<TAB>level<TAB>counties". */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "junheng/numfmt.h"
#include "junheng/plot.h"
#include "junheng/study.h"

/* Adds x to the ascending set vals of *n (at most FEW + 1 kept). */
static void add_value(double *vals, size_t *n, double x)
{
    size_t k = 0;
    while (k < *n && vals[k] < x)
        k++;
    if ((k < *n && vals[k] == x) || *n > JH_PLOT_FEW_DISTINCT)
        return;
    memmove(vals + k + 1, vals + k, (*n - k) * sizeof *vals);
    vals[k] = x;
    (*n)++;
}

size_t jh_plot_distinct(const jh_study *s, size_t ind, double *vals)
{
    size_t n_years = s->data->n_years;
    double set[JH_PLOT_FEW_DISTINCT + 2];
    size_t n = 0, values = 0;
    double *x = malloc((s->data->regions.n + 1) * sizeof *x);
    int used;
    if (!x)
        return JH_PLOT_FEW_DISTINCT + 1; /* treated as many: the usual chart */
    for (size_t k = 0; k < n_years && n <= JH_PLOT_FEW_DISTINCT; k++) {
        size_t m = jh_plot_slice(s, ind, k, 0, x, NULL, NULL, &used);
        values += m;
        for (size_t i = 0; i < m && n <= JH_PLOT_FEW_DISTINCT; i++)
            add_value(set, &n, x[i]);
    }
    free(x);
    /* Five counties with five values are no status indicator. */
    if (n > JH_PLOT_FEW_DISTINCT || values < JH_PLOT_FEW_SHARED * n)
        return JH_PLOT_FEW_DISTINCT + 1;
    memcpy(vals, set, n * sizeof *vals);
    return n;
}

static size_t level_of(const double *vals, size_t n_vals, double x)
{
    size_t k = 0;
    while (k + 1 < n_vals && vals[k] != x)
        k++;
    return k;
}

/* The bars' counts, counts[row * n_vals + level], and their labels. */
static size_t count_rows(const jh_study *s, size_t ind, const size_t *years, size_t n_years,
                         int by_group, const double *vals, size_t n_vals, const char *lang,
                         size_t *counts, const char **labels, char (*year_names)[32],
                         size_t *group_of, jh_intern *names, double *x, size_t *region)
{
    int en = strcmp(lang, "en") == 0, used;
    size_t rows = 0;
    if (by_group) {
        size_t ng = jh_plot_groups(s, group_of, names);
        size_t m = jh_plot_slice(s, ind, years[0], 0, x, NULL, region, &used);
        int orphans = 0;
        for (size_t k = 0; k < m; k++)
            orphans |= group_of[region[k]] == JH_NONE;
        rows = ng + (size_t)orphans;
        for (size_t g = 0; g < rows; g++)
            labels[g] = g < ng ? jh_plot_group_label(s, group_of, names, g, lang)
                               : (en ? "(none)" : "（未归属）");
        for (size_t k = 0; k < m; k++) {
            size_t g = group_of[region[k]] == JH_NONE ? ng : group_of[region[k]];
            counts[g * n_vals + level_of(vals, n_vals, x[k])]++;
        }
        return rows;
    }
    for (size_t y = 0; y < n_years; y++) {
        size_t m = jh_plot_slice(s, ind, years[y], 0, x, NULL, NULL, &used);
        snprintf(year_names[y], sizeof year_names[y], en ? "%d" : "%d年", s->data->years[years[y]]);
        labels[y] = year_names[y];
        for (size_t k = 0; k < m; k++)
            counts[y * n_vals + level_of(vals, n_vals, x[k])]++;
    }
    return n_years;
}

static void write_rows(FILE *f, size_t rows, size_t n_vals, const size_t *counts,
                       const char **labels)
{
    for (size_t r = 0; r < rows; r++) {
        size_t tot = 0;
        for (size_t v = 0; v < n_vals; v++)
            tot += counts[r * n_vals + v];
        fprintf(f, "%zu\t%zu\t", rows - r, tot);
        jh_gp_data_label(f, labels[r]);
        putc('\n', f);
    }
    fputs("\n\n", f);
    for (size_t r = 0; r < rows; r++) {
        size_t tot = 0, cum = 0;
        for (size_t v = 0; v < n_vals; v++)
            tot += counts[r * n_vals + v];
        for (size_t v = 0; v < n_vals && tot; v++) {
            size_t c = counts[r * n_vals + v];
            fprintf(f, "%zu\t%.10g\t%.10g\t%zu\t%zu\n", rows - r, 100.0 * (double)cum / (double)tot,
                    100.0 * (double)(cum + c) / (double)tot, v + 1, c);
            cum += c;
        }
    }
}

/* Titles, key and notes; returns the pixels further title lines take. */
static int set_texts(jh_plot_spec *sp, const jh_study *s, size_t ind, const size_t *years,
                      int by_group, const double *vals, size_t n_vals, const char *lang)
{
    int en = strcmp(lang, "en") == 0;
    const char *label = jh_study_indicator_label(s, ind, lang);
    const char *unit = jh_study_unit(s, ind, lang);
    const jh_plot_level *lv = jh_plot_group_level(s);
    char title[768];
    if (by_group)
        snprintf(title, sizeof title, en ? "%s: counties at each value by %s, %d"
                                         : "%s：各%s县（市、区）取值构成（%d年）",
                 label, en ? lv->en : lv->zh, s->data->years[years[0]]);
    else
        snprintf(title, sizeof title, en ? "%s: counties at each value by year"
                                         : "%s：各年县（市、区）取值构成", label);
    jh_plot_spec_text(sp, "TITLE", "%s", title);
    int topx = 50 * ((int)jh_plot_spec_lines(sp, "TITLELINES", title, 38) - 1);
    char levels[JH_PLOT_FEW_DISTINCT][96];
    const char *items[JH_PLOT_FEW_DISTINCT];
    for (size_t v = 0; v < n_vals; v++) {
        /* A level as the catalog states it: 0 and 100, not 0.0; a percent
         * or per-mille sign right after the number (100%), another unit in
         * brackets. */
        char num[64];
        jh_format_human(num, sizeof num, vals[v], JH_NUM_VALUE, unit, lang, JH_NUM_TRIM);
        int sign = strcmp(unit, "%") == 0 || strcmp(unit, "‰") == 0;
        snprintf(levels[v], sizeof levels[v],
                 sign ? "%s%s" : unit[0] ? (en ? "%s (%s)" : "%s（%s）") : "%s%.0s", num, unit);
        items[v] = levels[v];
    }
    jh_plot_spec_array(sp, "LEVELS", n_vals, items);
    jh_plot_spec_number(sp, "NLEV", (double)n_vals);
    /* The key side by side in rows under the title: an entry is its text
     * (32 px per em) and the sample (about 120 px); 1400 px to a row. */
    double widest = 0;
    for (size_t v = 0; v < n_vals; v++)
        widest = fmax(widest, 32 * jh_plot_text_em(levels[v]) + 120);
    int cols = (int)(1400 / widest);
    cols = cols < 1 ? 1 : cols;
    int keyrows = ((int)n_vals + cols - 1) / cols;
    jh_plot_spec_number(sp, "KEYCOLS", cols);
    topx += 45 * (keyrows - 1);
    jh_plot_spec_text(sp, "XLABEL", "%s", en ? "Share of counties at each value (%)"
                                             : "各取值县（市、区）占比（%）");
    jh_plot_spec_text(sp, "NOTE", en ? "At most %d distinct values: shares of counties in place of box plots and densities; counties in the bars"
                                     : "取值不超过%d种：以县（市、区）占比代替箱线图和核密度；条内数字为县数",
                      JH_PLOT_FEW_DISTINCT);
    jh_plot_spec_number(sp, "TOPX", topx);
    sp->kind = "distribution-levels";
    return topx;
}

int jh_plot_levels(FILE *f, const jh_study *s, size_t ind, const size_t *years,
                   size_t n_years, int by_group, const double *vals, size_t n_vals,
                   const char *lang, jh_plot_spec *sp)
{
    size_t n = s->data->regions.n, cap = (by_group ? n : n_years) + 1;
    size_t *counts = calloc(cap * (n_vals ? n_vals : 1), sizeof *counts);
    const char **labels = calloc(cap, sizeof *labels);
    char (*year_names)[32] = calloc(n_years + 1, sizeof *year_names);
    size_t *group_of = malloc((n + 1) * sizeof *group_of);
    size_t *region = malloc((n + 1) * sizeof *region);
    double *x = malloc((n + 1) * sizeof *x);
    jh_intern names;
    jh_intern_init(&names);
    int rc = counts && labels && year_names && group_of && region && x ? JH_OK : JH_ENOMEM;
    if (rc == JH_OK && (!n_vals || !n_years))
        rc = JH_EEMPTY;
    size_t rows = 0;
    if (rc == JH_OK)
        rows = count_rows(s, ind, years, n_years, by_group, vals, n_vals, lang, counts, labels,
                          year_names, group_of, &names, x, region);
    if (rc == JH_OK && !rows)
        rc = JH_EEMPTY;
    if (rc == JH_OK) {
        write_rows(f, rows, n_vals, counts, labels);
        double max_em = 0;
        for (size_t r = 0; r < rows; r++)
            max_em = fmax(max_em, jh_plot_text_em(labels[r]));
        /* Bar names in the normal font, 32 px per em in the PNG. */
        jh_plot_spec_number(sp, "LMARGIN", jh_plot_left_margin(max_em, 32, 0.12, 0.45));
        jh_plot_spec_number(sp, "NROWS", (double)rows);
        int topx = set_texts(sp, s, ind, years, by_group, vals, n_vals, lang);
        sp->height = 420 + topx + 50 * (int)rows;
        if (sp->height < 1000)
            sp->height = 1000;
        jh_plot_spec_number(sp, "HEIGHT", sp->height);
    }
    jh_intern_clear(&names);
    free(counts);
    free(labels);
    free(year_names);
    free(group_of);
    free(region);
    free(x);
    return rc;
}
