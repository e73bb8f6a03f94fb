/* The distribution of one indicator in one year: a box plot per prefecture
 * (in the catalog's order, each in its prefecture's colour) with every
 * county drawn as a point over it.  Data: one block per prefecture with
 * values, lines "row<TAB>box<TAB>value<TAB>"county"".  A prefecture without
 * a value of the indicator has no box: gnuplot cannot place a box plot of
 * no values ("boxplot has undefined x coordinate"), and the chart failed
 * for every indicator some prefecture lacks (the census tables).
 * More than JH_PLOT_MANY_GROUPS groups (31 provinces) lie on their side
 * (distribution-horizontal.gp), their names on the left: block 0 one line
 * per group "position<TAB>q1<TAB>median<TAB>q3<TAB>low<TAB>high<TAB>"name"",
 * block 1 the counties "position<TAB>value". */
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "junheng/indices.h"
#include "junheng/plot.h"
#include "junheng/study.h"
#include "junheng/validate.h"

/* One group's box: quartiles by linear interpolation between order
 * statistics (GSL, R's type 7) and Tukey's whiskers, the extreme values
 * within 1.5 IQR of the box.  v (n values) is sorted in place. */
static void box_line(FILE *f, size_t pos, double *v, size_t n, const char *name)
{
    double q[3] = {NAN, NAN, NAN}, lo = NAN, hi = NAN;
    if (n) {
        gsl_sort(v, 1, n);
        q[0] = gsl_stats_quantile_from_sorted_data(v, 1, n, 0.25);
        q[1] = gsl_stats_quantile_from_sorted_data(v, 1, n, 0.5);
        q[2] = gsl_stats_quantile_from_sorted_data(v, 1, n, 0.75);
        double iqr = q[2] - q[0];
        for (size_t k = 0; k < n; k++)
            if (v[k] >= q[0] - 1.5 * iqr) {
                lo = v[k];
                break;
            }
        for (size_t k = n; k-- > 0;)
            if (v[k] <= q[2] + 1.5 * iqr) {
                hi = v[k];
                break;
            }
    }
    fprintf(f, "%zu\t%.10g\t%.10g\t%.10g\t%.10g\t%.10g\t", pos, q[0], q[1], q[2], lo, hi);
    jh_gp_data_label(f, name);
    putc('\n', f);
}

/* The many-groups chart's data; group g is at position nboxes - g (the
 * first on top).  Returns JH_ENOMEM or JH_OK. */
static int write_horizontal(FILE *f, const double *x, const size_t *region, size_t m,
                            const size_t *group_of, size_t ng, size_t nboxes,
                            const char **labels, const unsigned char *outlier)
{
    double *v = malloc((m + 1) * sizeof *v);
    if (!v)
        return JH_ENOMEM;
    for (size_t g = 0; g < nboxes; g++) {
        size_t want = g < ng ? g : JH_NONE, n = 0;
        for (size_t k = 0; k < m; k++)
            if (group_of[region[k]] == want)
                v[n++] = x[k];
        box_line(f, nboxes - g, v, n, labels[g]);
    }
    fputs("\n\n", f);
    /* Points spread across the box's height by their order, the same on
     * every run (the golden-ratio sequence). */
    for (size_t k = 0; k < m; k++) {
        size_t g = group_of[region[k]] == JH_NONE ? ng : group_of[region[k]];
        double jitter = 0.5 * (fmod((double)k * 0.618034, 1.0) - 0.5);
        fprintf(f, "%.6f\t%.10g\n", (double)(nboxes - g) + jitter, x[k]);
    }
    /* Block 2: the outliers again, to ring them (a line of NaN when none). */
    fputs("\n\n", f);
    size_t rung = 0;
    for (size_t k = 0; k < m; k++) {
        if (!outlier[k])
            continue;
        size_t g = group_of[region[k]] == JH_NONE ? ng : group_of[region[k]];
        double jitter = 0.5 * (fmod((double)k * 0.618034, 1.0) - 0.5);
        fprintf(f, "%.6f\t%.10g\n", (double)(nboxes - g) + jitter, x[k]);
        rung++;
    }
    if (!rung)
        fputs("NaN\tNaN\n", f);
    free(v);
    return JH_OK;
}

/* The boxes side by side: one block per group with values, in the
 * catalog's order; labels are compacted to the groups drawn.  Returns
 * their number. */
static size_t write_vertical(FILE *f, const jh_study *s, const double *x, const size_t *region,
                             size_t m, const size_t *group_of, size_t ng, size_t nboxes,
                             const char **labels, const unsigned char *outlier,
                             const char *lang)
{
    size_t shown = 0, row = 0, rung = 0;
    for (size_t g = 0; g < nboxes; g++) {
        size_t want = g < ng ? g : JH_NONE, k = 0;
        while (k < m && group_of[region[k]] != want)
            k++;
        if (k == m)
            continue;
        if (shown)
            fputs("\n\n", f);
        for (; k < m; k++) {
            if (group_of[region[k]] != want)
                continue;
            fprintf(f, "%zu\t%zu\t%.10g\t", row++, shown + 1, x[k]);
            jh_gp_data_label(f, jh_study_region_label(s, region[k], lang));
            putc('\n', f);
        }
        labels[shown++] = labels[g];
    }
    /* Block NGROUPS: the outliers again, where their points are drawn (the
     * template's jitter of row r), to ring them; a NaN line when none. */
    fputs("\n\n", f);
    row = 0;
    for (size_t g = 0, box = 0; g < nboxes; g++) {
        size_t want = g < ng ? g : JH_NONE, here = 0;
        for (size_t k = 0; k < m; k++) {
            if (group_of[region[k]] != want)
                continue;
            double r = (double)row++ * 0.618034;
            if (outlier[k] && ++rung)
                fprintf(f, "%.6f\t%.10g\n", (double)(box + 1) + 0.22 * (r - floor(r) - 0.5), x[k]);
            here = 1;
        }
        box += here;
    }
    if (!rung)
        fputs("NaN\tNaN\n", f);
    return shown;
}

/* out[k] = 1 where `junheng validate` flags x[k] as an outlier: robust z
 * above z_max, neutral indicators (sizes) and slices of
 * fewer than 3 values or no spread left unchecked, as there.  *count gets
 * how many.  JH_ENOMEM or JH_OK. */
static int flag_outliers(const jh_study *s, size_t ind, const double *x, size_t m, double z_max,
                         unsigned char *out, size_t *count)
{
    *count = 0;
    memset(out, 0, m + 1);
    if (m < 3 || jh_study_direction(s, ind) == JH_DIRECTION_NEUTRAL)
        return JH_OK;
    jh_workspace *ws = jh_workspace_alloc(m);
    double *z = malloc(m * sizeof *z);
    int rc = ws && z ? JH_OK : JH_ENOMEM;
    if (rc == JH_OK && jh_robust_z(x, m, ws, z, NULL, NULL) == JH_OK)
        for (size_t k = 0; k < m; k++)
            *count += out[k] = z[k] > z_max;
    free(z);
    jh_workspace_free(ws);
    return rc;
}

/* The note under a chart that rings outliers. */
static void outlier_note(jh_plot_spec *sp, size_t count, double z_max, const char *lang)
{
    jh_plot_spec_number(sp, "NOUTLIERS", (double)count);
    if (strcmp(lang, "en") == 0)
        jh_plot_spec_text(sp, "OUTLIERNOTE", "○ outlier%s flagged by validate (robust z > %g)",
                          count == 1 ? "" : "s", z_max);
    else
        jh_plot_spec_text(sp, "OUTLIERNOTE", "○ 离群值（validate 标记：稳健 z > %g）", z_max);
}

/* The many-groups chart: names on the left (32 px per em), 44 px a group;
 * the unit moves to the value axis. */
static void set_horizontal(jh_plot_spec *sp, double max_em, size_t nboxes,
                           const char *unit, const char *lang)
{
    int en = strcmp(lang, "en") == 0;
    jh_plot_spec_number(sp, "LMARGIN", jh_plot_left_margin(max_em, 32, 0.12, 0.45));
    if (unit[0])
        jh_plot_spec_text(sp, "XLABEL", en ? "Value (%s)" : "数值（%s）", unit);
    else
        jh_plot_spec_text(sp, "XLABEL", "%s", en ? "Value" : "数值");
    sp->height = 460 + 44 * (int)nboxes;
    jh_plot_spec_number(sp, "HEIGHT", sp->height);
    sp->kind = "distribution-horizontal";
}

int jh_plot_distribution(FILE *f, const jh_study *s, size_t ind, size_t year,
                         double outlier_z, const char *lang, jh_plot_spec *sp)
{
    double z_max = outlier_z > 0 ? outlier_z : JH_VALIDATE_OUTLIER_Z;
    /* A status indicator has no boxes to show: shares at each value. */
    double vals[JH_PLOT_FEW_DISTINCT];
    size_t nv = jh_plot_distinct(s, ind, vals);
    if (nv >= 1 && nv <= JH_PLOT_FEW_DISTINCT)
        return jh_plot_levels(f, s, ind, &year, 1, 1, vals, nv, lang, sp);
    const jh_dataset *d = s->data;
    size_t n = d->regions.n;
    int en = strcmp(lang, "en") == 0;
    double *x = malloc((n + 1) * sizeof *x);
    size_t *region = malloc((n + 1) * sizeof *region);
    size_t *group_of = malloc((n + 1) * sizeof *group_of);
    const char **labels = calloc(n + 1, sizeof *labels);
    unsigned char *outlier = malloc(n + 1);
    size_t n_outliers = 0;
    jh_intern names;
    jh_intern_init(&names);
    int rc = x && region && group_of && labels && outlier ? JH_OK : JH_ENOMEM;
    size_t ng = 0, m = 0;
    int used;
    if (rc == JH_OK) {
        ng = jh_plot_groups(s, group_of, &names);
        m = jh_plot_slice(s, ind, year, 0, x, NULL, region, &used);
        rc = m ? flag_outliers(s, ind, x, m, z_max, outlier, &n_outliers) : JH_EEMPTY;
    }
    /* Regions without a prefecture form one last box. */
    int orphans = 0;
    for (size_t k = 0; rc == JH_OK && k < m; k++)
        orphans |= group_of[region[k]] == JH_NONE;
    size_t nboxes = ng + (size_t)orphans;
    double max_em = 0;
    for (size_t g = 0; rc == JH_OK && g < nboxes; g++) {
        labels[g] = g < ng ? jh_plot_group_label(s, group_of, &names, g, lang)
                           : (en ? "(none)" : "（未归属）");
        max_em = fmax(max_em, jh_plot_text_em(labels[g]));
    }
    /* Many groups, or names too long to slant under a box. */
    int many = nboxes > JH_PLOT_MANY_GROUPS || max_em > JH_PLOT_SLANT_EM;
    if (rc == JH_OK && many)
        rc = write_horizontal(f, x, region, m, group_of, ng, nboxes, labels, outlier);
    if (rc == JH_OK && !many)
        nboxes = write_vertical(f, s, x, region, m, group_of, ng, nboxes, labels, outlier, lang);
    if (rc == JH_OK) {
        const char *label = jh_study_indicator_label(s, ind, lang);
        const char *unit = jh_study_unit(s, ind, lang);
        const jh_plot_level *lv = jh_plot_group_level(s);
        char title[768];
        snprintf(title, sizeof title, en ? "%s by %s, %d" : "%s的%s分布（%d年）", label,
                 en ? lv->en : lv->zh, d->years[year]);
        jh_plot_spec_text(sp, "TITLE", "%s", title);
        /* 30 ems of the title's 40 px font: the plot area's 1200 px. */
        jh_plot_spec_lines(sp, "TITLELINES", title, 30);
        jh_plot_spec_text(sp, "XLABEL", "%s", en ? lv->en_title : lv->zh);
        /* The title names the indicator; the axis says the unit. */
        if (unit[0])
            jh_plot_spec_text(sp, "YLABEL", en ? "Unit: %s" : "单位：%s", unit);
        else
            jh_plot_spec_text(sp, "YLABEL", "%s", "");
        jh_plot_spec_number(sp, "NGROUPS", (double)nboxes);
        outlier_note(sp, n_outliers, z_max, lang);
        jh_plot_spec_tics(sp, "GROUPS", nboxes, labels, 1e9);
        if (many)
            set_horizontal(sp, max_em, nboxes, unit, lang);
        else /* Names slant at 45 degrees in the 32 px font: their height
              * is 0.71 of their width; the x title and source go below. */
            jh_plot_spec_number(sp, "BOTTOM", 0.71 * 32 * max_em + 150);
    }
    jh_intern_clear(&names);
    free(labels);
    free(outlier);
    free(group_of);
    free(region);
    free(x);
    return rc;
}
