/* The names of the decomposition methods and components in the tables,
 * and the --method list (decompose_analysis.h). */
#include <string.h>
#include "junheng/decompose_analysis.h"

static const char *const method_names[JH_DM_COUNT][2] = {
    {"theil_t", "theil_t_w"}, {"theil_l", "theil_l_w"}, {"ge2", "ge2_w"},
    {"gini", "gini_w"}, {"nested_theil", "nested_theil_w"},
};
static const char *const component_names[JH_DC_COUNT] = {
    "total", "within", "between", "within_group", "between_stage1",
    "between_stage2", "within_stage3", "net_between", "transvariation", "pair",
};

const char *jh_dmethod_name(jh_dmethod m, int weighted)
{
    return (unsigned)m < JH_DM_COUNT ? method_names[m][weighted != 0] : NULL;
}

const char *jh_dcomponent_name(jh_dcomponent c)
{
    return (unsigned)c < JH_DC_COUNT ? component_names[c] : "";
}

int jh_dmethod_parse(const char *list, unsigned *set, const char **bad)
{
    const char *p = list;
    *set = 0;
    for (;;) {
        size_t len = strcspn(p, ",");
        int found = 0;
        for (int m = 0; m < JH_DM_COUNT; m++)
            if (strlen(method_names[m][0]) == len && strncmp(p, method_names[m][0], len) == 0) {
                *set |= 1u << m;
                found = 1;
            }
        if (!found) {
            *bad = p;
            return -1;
        }
        if (!p[len])
            return 0;
        p += len + 1;
    }
}
