/* The distribution of one indicator in one year: a box plot per prefecture
 * (in the catalog's order, each in its prefecture's colour) with every
 * county drawn as a point over it.  Data: one block per prefecture with
 * values, lines "row<TAB>box<TAB>value<TAB>"county"".  A prefecture without
 * a value of the indicator has no box: gnuplot cannot place a box plot of
 * no values ("boxplot has undefined x coordinate"), and the chart failed
 * for every indicator some prefecture lacks (the census tables). */
#include <stdlib.h>
#include <string.h>
#include "junheng/plot.h"
#include "junheng/study.h"

int jh_plot_distribution(FILE *f, const jh_study *s, size_t ind, size_t year,
                         const char *lang, jh_plot_spec *sp)
{
    const jh_dataset *d = s->data;
    size_t n = d->regions.n;
    int en = strcmp(lang, "en") == 0;
    double *x = malloc((n + 1) * sizeof *x);
    size_t *region = malloc((n + 1) * sizeof *region);
    size_t *group_of = malloc((n + 1) * sizeof *group_of);
    const char **labels = calloc(n + 1, sizeof *labels);
    jh_intern names;
    jh_intern_init(&names);
    int rc = x && region && group_of && labels ? JH_OK : JH_ENOMEM;
    size_t ng = 0, m = 0, row = 0;
    int used;
    if (rc == JH_OK) {
        ng = jh_plot_groups(s, group_of, &names);
        m = jh_plot_slice(s, ind, year, 0, x, NULL, region, &used);
        if (!m)
            rc = JH_EEMPTY;
    }
    /* Regions without a prefecture form one last box. */
    int orphans = 0;
    for (size_t k = 0; rc == JH_OK && k < m; k++)
        orphans |= group_of[region[k]] == JH_NONE;
    size_t nboxes = 0;
    for (size_t g = 0; rc == JH_OK && g < ng + (size_t)orphans; g++) {
        size_t want = g < ng ? g : JH_NONE, k = 0;
        while (k < m && group_of[region[k]] != want)
            k++;
        if (k == m)
            continue;
        if (nboxes)
            fputs("\n\n", f);
        for (; k < m; k++) {
            if (group_of[region[k]] != want)
                continue;
            fprintf(f, "%zu\t%zu\t%.10g\t", row++, nboxes + 1, x[k]);
            jh_gp_data_label(f, jh_study_region_label(s, region[k], lang));
            putc('\n', f);
        }
        labels[nboxes++] = g < ng ? jh_plot_group_label(s, group_of, &names, g, lang)
                                  : (en ? "(none)" : "（未归属）");
    }
    if (rc == JH_OK) {
        const char *label = jh_study_indicator_label(s, ind, lang);
        const char *unit = jh_study_unit(s, ind, lang);
        const jh_plot_level *lv = jh_plot_group_level(s);
        jh_plot_spec_text(sp, "TITLE", en ? "%s by %s, %d" : "%s的%s分布（%d年）", label,
                          en ? lv->en : lv->zh, d->years[year]);
        jh_plot_spec_text(sp, "XLABEL", "%s", en ? lv->en_title : lv->zh);
        /* The title names the indicator; the axis says the unit. */
        if (unit[0])
            jh_plot_spec_text(sp, "YLABEL", en ? "Unit: %s" : "单位：%s", unit);
        else
            jh_plot_spec_text(sp, "YLABEL", "%s", "");
        jh_plot_spec_number(sp, "NGROUPS", (double)nboxes);
        jh_plot_spec_array(sp, "GROUPS", nboxes, labels);
    }
    jh_intern_clear(&names);
    free(labels);
    free(group_of);
    free(region);
    free(x);
    return rc;
}
