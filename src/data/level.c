/* What a row or a column of a data file is, before it is read as data:
 * the administrative level of a row (county tables carry national,
 * provincial and prefecture totals) and whether a header names an
 * identifier rather than an indicator. */
#include <string.h>
#include <strings.h>
#include "junheng/dataset.h"

const char *jh_level_name(jh_level l)
{
    static const char *const names[] = {"county", "prefecture", "province",
                                        "national", "total", "all"};
    return (unsigned)l <= JH_LEVEL_ALL ? names[l] : "?";
}

static int in_list(const char *name, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcasecmp(name, list[i]) == 0)
            return 1;
    return 0;
}

/* Whether name can be one of the total names: they begin with one of
 * these characters, and most county names do not, so that a row pays a
 * few comparisons, not twenty. */
static int may_be_total(const char *name)
{
    static const char *const first[] = {"全", "合", "总", "小", "市", "省", "自", "中", "县"};
    char c = name[0];
    if (c == 't' || c == 'T' || c == 's' || c == 'S' || c == 'g' || c == 'G' || c == 'n' ||
        c == 'N' || c == 'c' || c == 'C')
        return 1;
    for (size_t i = 0; i < sizeof first / sizeof *first; i++)
        if (strncmp(name, first[i], 3) == 0)
            return 1;
    return 0;
}

/* Level by name alone: JH_LEVEL_COUNTY when the name is not a total's. */
static jh_level level_of_name(const char *name)
{
    static const char *const national[] = {"全国", "全国合计", "全国总计", "中国",
                                           "national", "nationwide", "china"};
    static const char *const total[] = {
        "合计", "总计", "小计", "全省", "全市", "全州", "全盟", "全地区", "市辖区", "县",
        "省直辖县级行政区划", "自治区直辖县级行政区划", "省直辖县级行政单位",
        "total", "subtotal", "grand total"};
    if (!name || !may_be_total(name))
        return JH_LEVEL_COUNTY;
    if (in_list(name, national, sizeof national / sizeof *national))
        return JH_LEVEL_NATIONAL;
    if (in_list(name, total, sizeof total / sizeof *total))
        return JH_LEVEL_TOTAL;
    return JH_LEVEL_COUNTY;
}

/* Length of the leading ASCII digits of s. */
static size_t digits(const char *s)
{
    size_t n = 0;
    while (s[n] >= '0' && s[n] <= '9')
        n++;
    return n;
}

jh_level jh_level_of(const char *code, const char *name)
{
    jh_level by_name = level_of_name(name);
    size_t n = code ? digits(code) : 0;
    /* 12-digit statistical codes of a county end in 000000. */
    int six = code && !code[n] &&
              (n == 6 || (n == 12 && strcmp(code + 6, "000000") == 0));
    if (by_name == JH_LEVEL_NATIONAL || !six || code[4] != '0' || code[5] != '0')
        return by_name;
    if (code[2] != '0' || code[3] != '0')
        return JH_LEVEL_PREFECTURE;
    return (code[0] == '0' || code[0] == '1') && code[1] == '0' ? JH_LEVEL_NATIONAL
                                                                : JH_LEVEL_PROVINCE;
}

static int ends_with(const char *s, size_t len, const char *tail)
{
    size_t t = strlen(tail);
    return len >= t && strcasecmp(s + len - t, tail) == 0;
}

static int is_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

int jh_is_identifier_name(const char *name)
{
    size_t len = name ? strlen(name) : 0;
    if (!len)
        return 0;
    if (ends_with(name, len, "code") || ends_with(name, len, "代码") ||
        ends_with(name, len, "编码") || ends_with(name, len, "编号") ||
        ends_with(name, len, "序号"))
        return 1;
    if (!ends_with(name, len, "id"))
        return 0;
    if (len == 2 || !is_letter(name[len - 3]))
        return 1;
    /* camelCase: "prefectureId", not "paid" or "PAID". */
    return name[len - 2] == 'I' && name[len - 1] == 'd' && name[len - 3] >= 'a' &&
           name[len - 3] <= 'z';
}
