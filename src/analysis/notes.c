/* The notes list and the --nonpositive messages shared by decompose and
 * urban-rural (notes.h), so both say the same thing in the same words as
 * `junheng indices`. */
#include <stdlib.h>
#include "junheng/grow.h"
#include "junheng/notes.h"

int jh_notes_add(jh_notes *n, size_t indicator, size_t year, const char *stratum,
                 const char *index, const char *action, size_t count, const char *reason)
{
    if (jh_grow((void **)&n->note, &n->cap, n->n + 1, sizeof *n->note))
        return JH_ENOMEM;
    n->note[n->n++] = (jh_note){indicator, year, stratum, index, action, count, reason};
    return JH_OK;
}

void jh_notes_clear(jh_notes *n)
{
    free(n->note);
    *n = (jh_notes){0};
}

int jh_np_count_value(jh_np_count *c, double x, size_t r, const char *st)
{
    if (!(x <= 0))
        return 0;
    if (!(c->n_zero + c->n_neg)) {
        c->first_region = r;
        c->first_stratum = st;
        c->first_value = x;
    }
    c->n_zero += x == 0;
    c->n_neg += x < 0;
    return 1;
}

const char *jh_np_reason(const jh_np_count *c)
{
    return !c->n_neg ? "zero value" : !c->n_zero ? "negative value" : "zero or negative value";
}

void jh_np_error(jh_diag *diag, const jh_dataset *d, size_t ind, size_t year,
                 const jh_np_count *c, const char *needs)
{
    size_t np = c->n_zero + c->n_neg;
    jh_diag_add(diag, JH_DIAG_ERROR, NULL, 0, 0,
                "indicator '%s', year %d, stratum %s, region '%s': value %.17g is not "
                "positive (%zu value%s <= 0 in the slice); %s (--nonpositive=error)",
                d->indicators.str[ind], d->years[year], c->first_stratum,
                d->regions.str[c->first_region], c->first_value, np, np == 1 ? "" : "s",
                needs);
}

void jh_np_drop_warning(jh_diag *diag, const jh_dataset *d, size_t ind, size_t year,
                        const char *st, const jh_np_count *c, const char *what)
{
    size_t np = c->n_zero + c->n_neg;
    jh_diag_add(diag, JH_DIAG_WARNING, NULL, 0, 0,
                "indicator '%s', year %d, stratum %s: dropped %zu value%s <= 0 "
                "(%zu zero, %zu negative; first region '%s') from every %s "
                "(--nonpositive=drop)",
                d->indicators.str[ind], d->years[year], st, np, np == 1 ? "" : "s",
                c->n_zero, c->n_neg, d->regions.str[c->first_region], what);
}
