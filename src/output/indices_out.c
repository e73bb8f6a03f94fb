/* The table of `junheng indices`, long or wide, with bootstrap intervals
 * and jackknife SEs when the slices carry them, and its notes table. */
#include <math.h>
#include "junheng/output.h"
#include "junheng/slice.h"

/* indicator,year,stratum[,group]: the group column only with groups. */
static void write_key(FILE *f, const jh_dataset *d, const jh_slice_indices *s, int csv,
                      const jh_index_groups *g)
{
    jh_csv_text(f, d->indicators.str[s->indicator], JH_CSV_FIRST | csv);
    fprintf(f, ",%d,%s", d->years[s->year], jh_dataset_stratum_name(d, s->stratum));
    if (g)
        jh_csv_text(f, s->group == JH_NONE ? "" : g->names[s->group], csv);
}

static void write_key_header(FILE *f, const jh_index_groups *g)
{
    fputs(g ? "indicator,year,stratum,group" : "indicator,year,stratum", f);
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

/* The bootstrap summaries of index k: what 0 (lo), 1 (hi) or 2 (se). */
static double ci_of(const jh_slice_indices *s, int k, int wt, int what)
{
    const jh_index_ci *ci = wt ? s->weighted_ci : s->plain_ci;
    if (!s->has_ci || (wt && !s->has_weighted))
        return NAN;
    return what == 0 ? ci->lo[k] : what == 1 ? ci->hi[k] : ci->se[k];
}

/* Jackknife SE of the Gini row (k, wt); NaN for every other index. */
static double jackknife_of(const jh_slice_indices *s, int k, int wt)
{
    if (k != JH_IX_GINI || !s->has_jackknife || (wt && !s->has_weighted))
        return NAN;
    return wt ? s->gini_w_jackknife_se : s->gini_jackknife_se;
}

/* Which optional columns the table has: any slice asking for them. */
static void extras(const jh_slice_indices *s, size_t n, int *ci, int *jk, int *weighted)
{
    *ci = *jk = *weighted = 0;
    for (size_t i = 0; i < n; i++) {
        *ci |= s[i].has_ci;
        *jk |= s[i].has_jackknife;
        *weighted |= s[i].has_weighted;
    }
}

static void write_long(FILE *f, const jh_dataset *d, const jh_slice_indices *s, size_t n,
                       int csv, const jh_index_groups *g)
{
    int ci, jk, any_w;
    extras(s, n, &ci, &jk, &any_w);
    write_key_header(f, g);
    fputs(",index,value", f);
    fputs(ci ? ",ci_low,ci_high,se" : "", f);
    fputs(jk ? ",jackknife_se\n" : "\n", f);
    for (size_t i = 0; i < n; i++)
        FOR_EACH_INDEX(&s[i], k, wt, name) {
            write_key(f, d, &s[i], csv, g);
            fprintf(f, ",%s", name);
            jh_csv_number(f, value_of(&s[i], k, wt), "%.17g", 0);
            for (int what = 0; ci && what < 3; what++)
                jh_csv_number(f, ci_of(&s[i], k, wt, what), "%.17g", 0);
            if (jk)
                jh_csv_number(f, jackknife_of(&s[i], k, wt), "%.17g", 0);
            putc('\n', f);
        }
}

static void write_wide(FILE *f, const jh_dataset *d, const jh_slice_indices *s, size_t n,
                       int csv, const jh_index_groups *g)
{
    jh_slice_indices header = {.has_weighted = 0};
    int ci, jk;
    extras(s, n, &ci, &jk, &header.has_weighted);
    write_key_header(f, g);
    FOR_EACH_INDEX(&header, k, wt, name) {
        fprintf(f, ",%s", name);
        if (ci)
            fprintf(f, ",%s_lo,%s_hi,%s_se", name, name, name);
        if (jk && k == JH_IX_GINI)
            fprintf(f, ",%s_jackknife_se", name);
    }
    putc('\n', f);
    for (size_t i = 0; i < n; i++) {
        write_key(f, d, &s[i], csv, g);
        FOR_EACH_INDEX(&header, k, wt, name) {
            jh_csv_number(f, value_of(&s[i], k, wt), "%.10g", 0);
            for (int what = 0; ci && what < 3; what++)
                jh_csv_number(f, ci_of(&s[i], k, wt, what), "%.10g", 0);
            if (jk && k == JH_IX_GINI)
                jh_csv_number(f, jackknife_of(&s[i], k, wt), "%.10g", 0);
        }
        putc('\n', f);
    }
}

void jh_write_indices_groups(FILE *f, const jh_dataset *d, const jh_slice_indices *s,
                             size_t n, int wide, int csv, const jh_index_groups *g)
{
    if (wide)
        write_wide(f, d, s, n, csv, g);
    else
        write_long(f, d, s, n, csv, g);
}

void jh_write_indices(FILE *f, const jh_dataset *d, const jh_slice_indices *s,
                      size_t n, jh_layout layout, int csv)
{
    jh_write_indices_groups(f, d, s, n, layout == JH_LAYOUT_WIDE, csv, NULL);
}

/* ---- notes ----------------------------------------------------------------- */

/* The slice a notes row belongs to, and how it is written. */
struct note_ctx {
    FILE *f;
    const jh_dataset *d;
    const jh_slice_indices *s;
    int csv;
    const jh_index_groups *g;
};

static void note(const struct note_ctx *c, const char *index, const char *action, size_t count,
                 const char *reason)
{
    FILE *f = c->f;
    int csv = c->csv;
    write_key(f, c->d, c->s, csv, c->g);
    putc(',', f);
    fputs(index, f);
    fprintf(f, ",%s,%zu", action, count);
    jh_csv_text(f, reason, csv);
    putc('\n', f);
}

/* How many values of the slice make index status st what it is. */
static size_t status_count(const jh_slice_indices *s, int st, size_t n_values)
{
    switch (st) {
    case JH_EZERO: return s->n_zero;
    case JH_ENEGATIVE: return s->n_negative;
    case JH_EWEIGHT: return s->n_bad_weight;
    default: return n_values;
    }
}

static void slice_notes(const struct note_ctx *c)
{
    const jh_slice_indices *s = c->s;
    size_t n_values = s->n_regions - s->n_missing - s->n_dropped;
    int skip = s->nonpositive == JH_NONPOS_SKIP && s->n_zero + s->n_negative;
    if (s->n_missing)
        note(c, "", "missing", s->n_missing, "no value");
    if (s->n_dropped)
        note(c, "", "drop", s->n_dropped,
             !s->n_negative ? "zero value" : !s->n_zero ? "negative value"
                                                        : "zero or negative value");
    if (s->has_weighted && s->n_bad_weight)
        note(c, "", "no_weight", s->n_bad_weight, JH_NO_WEIGHT_REASON);
    FOR_EACH_INDEX(s, k, wt, name) {
        const jh_index_set *set = wt ? &s->weighted : &s->plain;
        const jh_index_ci *ci = wt ? s->weighted_ci : s->plain_ci;
        int st = set->status[k];
        if (st) {
            int skipped = skip && jh_index_needs_positive((jh_index_id)k) &&
                          (st == JH_EZERO || st == JH_ENEGATIVE);
            note(c, name, skipped ? "skip" : "undefined", status_count(s, st, n_values),
                 jh_strerror(st));
        } else if (s->has_ci && k != JH_IX_N && ci->kept[k] < s->bootstrap) {
            note(c, name, "bootstrap", s->bootstrap - ci->kept[k],
                 "replicates where the index is undefined; interval from the others");
        }
    }
}

void jh_write_indices_notes(FILE *f, const jh_dataset *d, const jh_slice_indices *s,
                            size_t n, int csv, const jh_index_groups *g)
{
    write_key_header(f, g);
    fputs(",index,action,count,reason\n", f);
    for (size_t i = 0; i < n; i++) {
        struct note_ctx c = {f, d, &s[i], csv, g};
        slice_notes(&c);
    }
}
