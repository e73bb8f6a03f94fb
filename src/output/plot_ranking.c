/* Indicators ranked by a disparity index in one year: horizontal bars, the
 * most unequal at the top, coloured by domain.  Data: one line per
 * indicator, "row<TAB>y<TAB>value<TAB>domain<TAB>"label"", y = n - rank so
 * rank 1 is drawn at the top; domain is the 1-based colour number.  The
 * values are the indices table's (jh_plot_tables). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "junheng/indices.h"
#include "junheng/plot.h"
#include "junheng/study.h"

typedef struct ranked {
    double value; /* the index */
    size_t ind;   /* data indicator */
    size_t domain;/* domain number */
} ranked;

/* Descending by value; ties in data order, so the output is deterministic. */
static int by_value_desc(const void *a, const void *b)
{
    const ranked *p = a, *q = b;
    if (p->value != q->value)
        return p->value < q->value ? 1 : -1;
    return p->ind < q->ind ? -1 : p->ind > q->ind;
}

int jh_plot_ranking(FILE *f, const jh_study *s, const jh_plot_tables *t, size_t year, int idx,
                    int weighted, const char *lang, jh_plot_spec *sp)
{
    const jh_dataset *d = s->data;
    size_t ni = d->indicators.n, st = jh_plot_stratum(s);
    int en = strcmp(lang, "en") == 0;
    ranked *r = malloc((ni ? ni : 1) * sizeof *r);
    const char **dom_labels = calloc(ni ? ni : 1, sizeof *dom_labels);
    jh_intern domains;
    jh_intern_init(&domains);
    int rc = r && dom_labels ? JH_OK : JH_ENOMEM;
    size_t m = 0;
    for (size_t i = 0; rc == JH_OK && i < ni; i++) {
        const jh_indicator *e = jh_study_indicator(s, i);
        if ((e && e->scope == JH_SCOPE_PROVINCE) ||
            jh_study_direction(s, i) == JH_DIRECTION_NEUTRAL)
            continue; /* one value for the province, or a population */
        double v;
        if (!jh_plot_index_value(jh_plot_tables_slice(t, i, year, st), idx, weighted, &v))
            continue;
        const char *dom = jh_study_domain(s, i);
        size_t g = jh_intern_add(&domains, dom, strlen(dom), NULL);
        if (g == (size_t)-1) {
            rc = JH_ENOMEM;
            break;
        }
        r[m++] = (ranked){v, i, g};
    }
    if (rc == JH_OK && !m)
        rc = JH_EEMPTY;
    if (rc == JH_OK) {
        qsort(r, m, sizeof *r, by_value_desc);
        /* Tiny indices (Theil T of 7e-05) on an axis of x10^-n. */
        int scale = jh_plot_axis_scale(fmax(fabs(r[0].value), fabs(r[m - 1].value)));
        double max_em = 0;
        for (size_t k = 0; k < m; k++) {
            fprintf(f, "%zu\t%zu\t%.10g\t%zu\t", k, m - k, r[k].value * pow(10, scale),
                    r[k].domain + 1);
            /* Long English names (up to 100 characters) are cut with an
             * ellipsis rather than squeezing the bars off the right edge. */
            char name[512];
            jh_plot_shorten(jh_study_indicator_label(s, r[k].ind, lang), 28, name, sizeof name);
            jh_gp_data_label(f, name);
            putc('\n', f);
            max_em = fmax(max_em, jh_plot_text_em(name));
        }
        /* Names are in the small font, 24 px per em. */
        jh_plot_spec_number(sp, "LMARGIN", jh_plot_left_margin(max_em, 24, 0.12, 0.45));
        for (size_t g = 0; g < domains.n; g++)
            dom_labels[g] = domains.str[g][0] ? jh_plot_domain_label(domains.str[g], lang)
                                              : (en ? "other" : "其他");
        const char *ix = jh_plot_index_label(idx, weighted, lang);
        jh_plot_spec_text(sp, "TITLE", en ? "Indicators ranked by %s, %d" : "各指标%s排序（%d年）",
                          ix, d->years[year]);
        char note[64];
        jh_plot_scale_note(scale, note, sizeof note);
        jh_plot_spec_text(sp, "XLABEL", "%s%s%s", ix, scale ? " " : "", note);
        jh_plot_spec_text(sp, "YLABEL", "%s", "");
        jh_plot_spec_number(sp, "NBARS", (double)m);
        jh_plot_spec_number(sp, "NDOMAINS", (double)domains.n);
        jh_plot_spec_array(sp, "DOMAINS", domains.n, dom_labels);
        sp->height = 260 + 44 * (int)m;
        if (sp->height < 1000)
            sp->height = 1000;
    }
    jh_intern_clear(&domains);
    free(dom_labels);
    free(r);
    return rc;
}
