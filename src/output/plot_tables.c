/* Lookups into the result tables the charts draw from (jh_plot_tables). */
#include "junheng/analysis.h"
#include "junheng/catalog.h"
#include "junheng/plot.h"
#include "junheng/study.h"

const jh_slice_indices *jh_plot_tables_slice(const jh_plot_tables *t, size_t ind, size_t year,
                                             size_t stratum)
{
    /* A linear pass: a chart asks for a few dozen slices of a table of a
     * few thousand, which is nothing beside drawing it. */
    for (size_t k = 0; t && t->ix && k < t->n_ix; k++) {
        const jh_slice_indices *x = &t->ix[k];
        if (x->indicator == ind && x->year == year && x->stratum == stratum &&
            x->group == JH_NONE)
            return x;
    }
    return NULL;
}

const char *jh_plot_decompose_by(const jh_study *s)
{
    const jh_plot_level *lv = jh_plot_group_level(s);
    return s->regions && jh_region_catalog_column(s->regions, lv->column)
               ? lv->column
               : jh_study_default_group(s);
}

int jh_plot_index_value(const jh_slice_indices *x, int idx, int weighted, double *v)
{
    const jh_index_set *set = !x ? NULL : !weighted ? &x->plain
                                        : x->has_weighted ? &x->weighted : NULL;
    if (!set || idx < 0 || idx >= (int)JH_IX_COUNT || set->status[idx] != JH_OK)
        return 0;
    *v = set->value[idx];
    return 1;
}
