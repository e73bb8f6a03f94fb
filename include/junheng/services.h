/* junheng — the plan's list of basic public service items (e.g. the 85
 * items of 附件1 of the Jilin plan, datasets/jilin/services.csv): number,
 * domain, item, target group, lead department, and the indicators that
 * monitor each item.  Read with the catalogs' CSV reader (catalog.h rules:
 * UTF-8, header names in any order and case, cells trimmed, FILE:LINE:COL
 * messages).  Columns: no, domain, item (required), target_group,
 * lead_department, indicators (codes separated by ';', may be empty: an
 * item nothing monitors yet), item_en (optional: the item's English name,
 * for the English report); Chinese headers 序号, 领域, 服务项目, 服务对象,
 * 牵头负责单位, 监测指标, 英文名称 are accepted. */
#ifndef JUNHENG_SERVICES_H
#define JUNHENG_SERVICES_H

#include <stddef.h>
#include "junheng/catalog.h"
#include "junheng/dataset.h"
#include "junheng/diag.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct jh_service_item {
    char *no, *domain, *item, *target_group, *lead; /* "" when not given */
    char *item_en;       /* English name of the item, "" when not given */
    char **indicator;    /* [n_indicators] codes, in the list's order */
    size_t n_indicators;
    unsigned long line;  /* line of the row, for messages */
    unsigned long col;   /* column of the indicators cell (1-based; 0: none) */
} jh_service_item;

typedef struct jh_service_list {
    jh_service_item *item; /* [n] in file order */
    size_t n;
    size_t n_monitored;    /* items naming at least one indicator */
    char *path;            /* the file, for messages */
} jh_service_list;

/* Reads a service list.  Returns JH_OK and sets *out (free with
 * jh_service_list_free), or JH_EPARSE / JH_ENOTFOUND / JH_EIO / JH_ENOMEM
 * with messages in diag and *out NULL. */
int jh_service_list_read(const char *path, jh_diag *diag, jh_service_list **out);
void jh_service_list_free(jh_service_list *l);

/* Checks that every indicator the list names is in the indicator catalog
 * (or, without one, in the data d; both may be NULL, then nothing is
 * checked): one error per unknown code, at the item's line and the
 * indicators column.  Returns the number of errors added. */
size_t jh_service_list_check(const jh_service_list *l, const jh_indicator_catalog *cat,
                             const jh_dataset *d, jh_diag *diag);

#ifdef __cplusplus
}
#endif
#endif
