/* The service list (services.h). */
#include <stdlib.h>
#include <string.h>
#include "catalog_internal.h"
#include "junheng/grow.h"
#include "junheng/services.h"

enum { COL_NO, COL_DOMAIN, COL_ITEM, COL_GROUP, COL_LEAD, COL_INDICATORS, COL_ITEM_EN, N_COLS };

struct ctx {
    jh_service_list *l;
    int at[N_COLS]; /* field of each column, or -1 */
    size_t cap;
};

static int on_header(void *vctx, const jh_cat_row *row)
{
    static const char *const names[N_COLS][4] = {
        [COL_NO] = {"no", "序号", "number", NULL},
        [COL_DOMAIN] = {"domain", "领域", NULL},
        [COL_ITEM] = {"item", "服务项目", "项目", NULL},
        [COL_GROUP] = {"target_group", "服务对象", NULL},
        [COL_LEAD] = {"lead_department", "牵头负责单位", NULL},
        [COL_INDICATORS] = {"indicators", "监测指标", "指标", NULL},
        [COL_ITEM_EN] = {"item_en", "英文名称", NULL},
    };
    struct ctx *c = vctx;
    for (size_t f = 0; f < row->n; f++)
        for (int k = 0; k < N_COLS; k++)
            if (c->at[k] < 0 && jh_cat_match(row->cell[f].text, names[k]) >= 0)
                c->at[k] = (int)f;
    if (c->at[COL_ITEM] >= 0)
        return JH_OK;
    jh_diag_add(row->diag, JH_DIAG_ERROR, row->path, row->line, 0,
                "missing column 'item' (a service list names one service item per row)");
    return JH_EPARSE;
}

static char *cell(const struct ctx *c, const jh_cat_row *row, int k)
{
    return jh_cat_strdup(c->at[k] >= 0 ? row->cell[c->at[k]].text : "");
}

/* Splits "a;b; c" into it->indicator, trimmed, empty parts dropped. */
static int split_codes(jh_service_item *it, const char *text)
{
    size_t n = 1;
    for (const char *p = text; *p; p++)
        n += *p == ';';
    if (!(it->indicator = calloc(n, sizeof *it->indicator)))
        return -1;
    for (const char *p = text; *p;) {
        const char *end = strchr(p, ';');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        char *code = malloc(len + 1);
        if (!code)
            return -1;
        memcpy(code, p, len);
        if (jh_row_trim(code, len))
            it->indicator[it->n_indicators++] = code;
        else
            free(code);
        p += len + (end != NULL);
    }
    return 0;
}

static int on_row(void *vctx, const jh_cat_row *row)
{
    struct ctx *c = vctx;
    jh_service_list *l = c->l;
    if (jh_grow((void **)&l->item, &c->cap, l->n + 1, sizeof *l->item))
        return JH_ENOMEM;
    jh_service_item *it = &l->item[l->n++];
    *it = (jh_service_item){.no = cell(c, row, COL_NO), .domain = cell(c, row, COL_DOMAIN),
                            .item = cell(c, row, COL_ITEM), .target_group = cell(c, row, COL_GROUP),
                            .lead = cell(c, row, COL_LEAD), .item_en = cell(c, row, COL_ITEM_EN),
                            .line = row->line,
                            .col = (unsigned long)(c->at[COL_INDICATORS] + 1)};
    if (!it->no || !it->domain || !it->item || !it->target_group || !it->lead || !it->item_en)
        return JH_ENOMEM;
    if (c->at[COL_INDICATORS] >= 0 && split_codes(it, row->cell[c->at[COL_INDICATORS]].text))
        return JH_ENOMEM;
    l->n_monitored += it->n_indicators > 0;
    return JH_OK;
}

void jh_service_list_free(jh_service_list *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->n; i++) {
        jh_service_item *it = &l->item[i];
        free(it->no);
        free(it->domain);
        free(it->item);
        free(it->target_group);
        free(it->lead);
        free(it->item_en);
        for (size_t k = 0; k < it->n_indicators; k++)
            free(it->indicator[k]);
        free(it->indicator);
    }
    free(l->item);
    free(l->path);
    free(l);
}

int jh_service_list_read(const char *path, jh_diag *diag, jh_service_list **out)
{
    struct ctx c = {.l = calloc(1, sizeof *c.l), .at = {-1, -1, -1, -1, -1, -1, -1}};
    *out = NULL;
    if (!c.l || !(c.l->path = jh_cat_strdup(path))) {
        jh_service_list_free(c.l);
        return JH_ENOMEM;
    }
    int rc = jh_cat_read(path, diag, on_header, on_row, &c, NULL);
    if (rc) {
        jh_service_list_free(c.l);
        return rc;
    }
    *out = c.l;
    return JH_OK;
}

size_t jh_service_list_check(const jh_service_list *l, const jh_indicator_catalog *cat,
                             const jh_dataset *d, jh_diag *diag)
{
    size_t bad = 0;
    for (size_t i = 0; l && (cat || d) && i < l->n; i++) {
        const jh_service_item *it = &l->item[i];
        for (size_t k = 0; k < it->n_indicators; k++) {
            const char *code = it->indicator[k];
            int known = cat ? jh_indicator_catalog_find(cat, code) != JH_CATALOG_NONE
                            : jh_intern_find(&d->indicators, code) != (size_t)-1;
            if (known)
                continue;
            bad++;
            jh_diag_add(diag, JH_DIAG_ERROR, l->path, it->line, it->col,
                        "item %s (%s): indicator '%s' is not in %s%s (expected one of its "
                        "codes)", it->no, it->item, code,
                        cat ? "the indicator catalog " : "the data",
                        cat && cat->path ? cat->path : "");
        }
    }
    return bad;
}
