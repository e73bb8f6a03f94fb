/* The table of `junheng indices`, long or wide. */
#include <math.h>
#include "junheng/output.h"

static void write_key(FILE *f, const jh_dataset *d, const jh_slice_indices *s)
{
    jh_csv_text(f, d->indicators.str[s->indicator], 1);
    fprintf(f, ",%d,%s", d->years[s->year], jh_stratum_name(d->strata[s->stratum]));
}

/* Calls fn for every reported (name, value) of slice s, in table order:
 * each index, followed by its weighted twin when there is one. */
#define FOR_EACH_INDEX(s, k, wt, name)                                         \
    for (int k = 0; k < JH_IX_COUNT; k++)                                      \
        for (int wt = 0; wt <= (s)->has_weighted; wt++)                        \
            for (const char *name = jh_index_name((jh_index_id)k, wt); name;   \
                 name = NULL)

static double value_of(const jh_slice_indices *s, int k, int wt)
{
    if (wt && !s->has_weighted)
        return NAN; /* an unweighted indicator among weighted ones */
    return wt ? s->weighted.value[k] : s->plain.value[k];
}

static void write_long(FILE *f, const jh_dataset *d, const jh_slice_indices *s, size_t n)
{
    fputs("indicator,year,stratum,index,value\n", f);
    for (size_t i = 0; i < n; i++)
        FOR_EACH_INDEX(&s[i], k, wt, name) {
            write_key(f, d, &s[i]);
            fprintf(f, ",%s", name);
            jh_csv_number(f, value_of(&s[i], k, wt), "%.17g", 0);
            putc('\n', f);
        }
}

static void write_wide(FILE *f, const jh_dataset *d, const jh_slice_indices *s, size_t n)
{
    jh_slice_indices header = {.has_weighted = 0};
    for (size_t i = 0; i < n; i++)
        header.has_weighted |= s[i].has_weighted;
    fputs("indicator,year,stratum", f);
    FOR_EACH_INDEX(&header, k, wt, name)
        fprintf(f, ",%s", name);
    putc('\n', f);
    for (size_t i = 0; i < n; i++) {
        write_key(f, d, &s[i]);
        FOR_EACH_INDEX(&header, k, wt, name)
            jh_csv_number(f, value_of(&s[i], k, wt), "%.10g", 0);
        putc('\n', f);
    }
}

void jh_write_indices(FILE *f, const jh_dataset *d, const jh_slice_indices *s,
                      size_t n, jh_layout layout)
{
    if (layout == JH_LAYOUT_WIDE)
        write_wide(f, d, s, n);
    else
        write_long(f, d, s, n);
}
