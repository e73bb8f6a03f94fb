/* Every word of the report, in Chinese and English.  A sentence that is
 * missing in one language would show the other: the table has both. */
#include <stdio.h>
#include <string.h>
#include "junheng/report.h"
#include "junheng/study.h"
#include "output/report_text.h"

static const char *const text[RM_COUNT][2] = {
    [RM_TITLE] = {"基本公共服务均等化监测评估报告", "Monitoring report: equalization of basic public services"},
    [RM_CONTENTS] = {"目录", "Contents"},
    [RM_PERIOD] = {"监测期", "Period"},
    [RM_SOURCE] = {"数据来源", "Data source"},
    [RM_UNITS] = {"县级单位", "County-level units"},
    [RM_INDICATORS] = {"指标", "Indicators"},
    [RM_RUN_DATE] = {"生成日期", "Produced on"},
    [RM_VERSION] = {"软件", "Software"},
    [RM_SUMMARY] = {"摘要", "Summary"},
    [RM_MOST] = {"差距最大的指标", "Most unequal indicators"},
    [RM_LEAST] = {"差距最小的指标", "Least unequal indicators"},
    [RM_ALL_RANKED] = {"各指标差距排序", "Indicators ranked by disparity"},
    [RM_INDICATOR] = {"指标", "Indicator"},
    [RM_DOMAIN] = {"领域", "Domain"},
    [RM_UNIT] = {"单位", "Unit"},
    [RM_VALUE] = {"数值", "Value"},
    /* %d: the year compared with */
    [RM_CHANGE_SINCE] = {"较%d年变化", "Change since %d"},
    [RM_CI] = {"95%置信区间", "95% interval"},
    [RM_DOMAINS] = {"分领域结果", "Results by domain"},
    [RM_QUALITY] = {"数据质量", "Data quality"},
    [RM_METHODS] = {"方法附录", "Methods appendix"},
    [RM_TABLES] = {"结果文件", "Result files"},
    [RM_INDEX] = {"指数", "Index"},
    [RM_CODE] = {"代码", "Code"},
    [RM_FORMULA] = {"定义", "Definition"},
    [RM_SOURCE_REF] = {"文献", "Reference"},
    [RM_NO_DOMAIN] = {"其他", "Other"},
    [RM_SMALLER] = {"数值越小，县际差距越小", "smaller is more equal"},
    [RM_UR] = {"城乡差距", "Town and country"},
    [RM_URBAN] = {"城镇", "Urban"},
    [RM_RURAL] = {"农村", "Rural"},
    [RM_RATIO] = {"城乡比", "Ratio"},
    [RM_GAP] = {"差值", "Gap"},
    [RM_CONV] = {"差距是否在缩小", "Are the gaps closing"},
    [RM_VERDICT] = {"结论", "Verdict"},
    [RM_PCT] = {"变化（%）", "Change (%)"},
    [RM_TARGETS] = {"规划目标进展", "Progress toward the plan's targets"},
    [RM_TARGET] = {"目标", "Target"},
    [RM_PROGRESS] = {"进度（%）", "Progress (%)"},
    [RM_ON_TRACK] = {"达到预期进度", "On track"},
    [RM_YES] = {"是", "yes"},
    [RM_NO] = {"否", "no"},
    [RM_SHARE_MEETING] = {"达标县比例（%）", "Counties meeting it (%)"},
    [RM_LAG] = {"综合得分最低的县", "Counties that lag most"},
    [RM_COUNTY] = {"县（市、区）", "County"},
    [RM_PREFECTURE] = {"市（州）", "Prefecture"},
    [RM_SCORE] = {"综合得分", "Score"},
    [RM_RANK] = {"排名", "Rank"},
    [RM_RANK_CHANGE] = {"排名变化", "Rank change"},
    [RM_UR_NOTE] = {"全省人口加权均值；城乡比大于1表示城镇更优（逆向指标为农村/城镇），差值为城镇减农村。",
                    "Population-weighted provincial means; a ratio above 1 means town is better served (rural/urban for lower-is-better indicators); the gap is urban minus rural."},
    [RM_CONV_NOTE] = {"σ收敛：指数对年份的最小二乘趋势，显著性水平0.05；变化为首末年之间的百分比变化。",
                      "σ-convergence: least-squares trend of the index on year, at the 0.05 level; the change is between the first and the last year, in percent."},
    [RM_SKIPPED] = {"未进行的分析", "Steps left out"},
    [RM_SKIPPED_NOTE] = {"以下分析需要数据中没有的内容，因此未进行：",
                         "These steps need what the data do not have, so they were not run:"},
    /* %zu: the number */
    [RM_TABLE] = {"表%zu", "Table %zu"},
    [RM_FIGURE] = {"图%zu", "Figure %zu"},
    [RM_NO_UR] = {"数据没有城镇、农村分组，因此不比较城乡差距。",
                  "The data have no urban and rural strata, so town and country are not compared."},
    [RM_NO_CONV] = {"差距的变化趋势需要至少两个年份，本次数据只有一年。",
                    "Whether gaps close needs two years at least; the data have one."},
    [RM_NO_TARGETS] = {"指标目录中没有规划目标，因此不评估目标进展。",
                       "The indicator catalog has no plan targets, so progress is not assessed."},
    [RM_NO_COUNTIES] = {"本次运行没有计算县综合得分。", "This run has no composite county scores."},
    [RM_ONE_YEAR] = {"数据只有一年，因此没有变化列。", "The data have one year, so there is no change column."},
    /* %zu: the number of indicators */
    [RM_FEW] = {"共%zu个指标，全部列出。", "All %zu indicators are listed."},
    /* %zu: replicates */
    [RM_CI_NOTE] = {"方括号内为自助法（%zu次重抽样）95%%百分位置信区间。",
                    "In brackets: bootstrap 95%% percentile interval (%zu replicates)."},
    [RM_CHART_NOTES] = {"未绘制或跳过的图表（原因见 run.log）：", "Charts not drawn or skipped (see run.log):"},
    [RM_QUALITY_DETAIL] = {"逐指标、逐年份的覆盖率见 tables/validate.txt。",
                           "Coverage by indicator and year: tables/validate.txt."},
    [RM_OBS] = {"观测值", "Observations"},
    [RM_MISSING] = {"缺失值", "Missing values"},
    [RM_CENSORED] = {"区间值（如“>98”，按边界值计）", "Bounds such as “>98” (read as their bound)"},
    [RM_DUPLICATES] = {"合并的重复值", "Duplicates merged"},
    [RM_FILE_XLSX] = {"供 Excel/WPS 阅读：每个结果表一个工作表，中文表头，数值按单位取整。",
                      "For Excel or WPS: one sheet per table, headers in words, numbers rounded by unit."},
    [RM_FILE_CSV] = {"供程序读取：英文列名、代码、全精度数值（可完全复现）。",
                     "For programs: snake_case headers, codes, full-precision numbers (round-trip)."},
    [RM_FILE_WIDE] = {"宽表：每个指标、年份一行，便于浏览。", "Wide layout: one row per indicator and year, for reading."},
    [RM_FILE_TXT] = {"数据检查报告（英文）。", "The data check (validate) report."},
    [RM_FILE_OTHER] = {"结果表。", "Result table."},
    [RM_METHODS_NOTE] = {"pᵢ = wᵢ/W（人口权重；不加权时为1/n），μ = Σ pᵢ xᵢ。指数名称与定义见 docs/indices.md。",
                         "pᵢ = wᵢ/W (population shares; 1/n unweighted), μ = Σ pᵢ xᵢ. Names and definitions: docs/indices.md."},
    [RM_NUMBERS_NOTE] = {"数值取舍：指数保留4位有效数字，金额取整到元，比率保留1位小数；表中数值为结果表（tables/）的数值按此规则取舍。",
                         "Rounding: indices to 4 significant digits, money to whole yuan, rates to one decimal; every number is a cell of the result tables (tables/) rounded by this rule."},
    /* %s: indicator, %s: index value */
    [RM_FINDING_MOST] = {"%d年县际差距最大的指标是%s（%s）。", "In %d the most unequal indicator is %s (%s)."},
    /* %zu converging, %zu diverging, %zu total */
    [RM_FINDING_CONV] = {"%zu个指标的差距显著缩小，%zu个显著扩大（共%zu个）。",
                         "Gaps closed significantly for %zu indicators and widened for %zu (of %zu)."},
    [RM_FINDING_TARGETS] = {"%zu个有规划目标的指标中，%zu个达到预期进度。",
                            "Of %zu indicators with a plan target, %zu are on track."},
    [RM_FINDING_UR] = {"城乡差距最大的指标是%s（城乡比%s）。",
                       "The widest town–country gap is in %s (ratio %s)."},
    [RM_SEP] = {"：", ": "},
    /* %s index name, %d year */
    [RM_CAP_RANKED] = {"%s：各指标%s，%d年", "%s: %s by indicator, %d"},
    /* %s domain, %s index, %d-%d years */
    [RM_CAP_DOMAIN] = {"%s领域各指标%s，%d—%d年", "%s: %s by indicator, %d–%d"},
    [RM_CAP_UR] = {"各指标城乡人口加权均值，%d年", "Urban and rural population-weighted means, %d"},
    [RM_CAP_CONV] = {"%s的变化趋势，%d—%d年", "Trend of the %s, %d–%d"},
    [RM_CAP_TARGETS] = {"规划目标进展，%d年", "Progress toward the targets, %d"},
    [RM_CAP_LAG] = {"综合得分最低的10个县，%d年", "The 10 counties with the lowest scores, %d"},
    [RM_CAP_FIG] = {"%s", "%s"},
    [RM_PAGE_NOTE] = {"第", "Page"},
};

const char *report_msg(enum report_msg m, int en)
{
    return text[m][en != 0];
}

static const struct {
    const char *code, *zh, *en;
} indices[] = {
    {"gini", "基尼系数", "Gini coefficient"},
    {"cv", "变异系数", "coefficient of variation"},
    {"theil_t", "泰尔T指数", "Theil T index"},
    {"theil_l", "泰尔L指数", "Theil L index"},
    {"ge2", "广义熵指数GE(2)", "generalized entropy index GE(2)"},
    {"atkinson_0.5", "阿特金森指数（ε=0.5）", "Atkinson index (ε = 0.5)"},
    {"atkinson_1", "阿特金森指数（ε=1）", "Atkinson index (ε = 1)"},
    {"atkinson_2", "阿特金森指数（ε=2）", "Atkinson index (ε = 2)"},
    {"atkinson", "阿特金森指数", "Atkinson index"},
    {"max_min_ratio", "极值比", "max/min ratio"},
    {"p90_p10", "90/10分位数比", "90/10 percentile ratio"},
    {"range", "极差", "range"},
    {"hoover", "胡佛指数", "Hoover index"},
    {"mean", "均值", "mean"},
    {"sd", "标准差", "standard deviation"},
    {"min", "最小值", "minimum"},
    {"max", "最大值", "maximum"},
    {"median", "中位数", "median"},
    {"n", "县数", "number of counties"},
};

const char *report_index_name(const char *code, int en, char *buf, size_t size)
{
    size_t len = strlen(code);
    int w = len > 2 && strcmp(code + len - 2, "_w") == 0;
    for (size_t i = 0; i < sizeof indices / sizeof indices[0]; i++)
        if (strlen(indices[i].code) == len - 2 * w && strncmp(indices[i].code, code, len - 2 * w) == 0) {
            /* Williamson's index is the weighted coefficient of variation. */
            if (w && strcmp(indices[i].code, "cv") == 0)
                snprintf(buf, size, "%s", en ? "Williamson index (population-weighted coefficient of variation)"
                                             : "威廉姆森指数（人口加权变异系数）");
            else
                snprintf(buf, size, "%s%s", w ? (en ? "population-weighted " : "人口加权") : "",
                         en ? indices[i].en : indices[i].zh);
            return buf;
        }
    snprintf(buf, size, "%s", code);
    return buf;
}

/* The plan's eight domains (吉林省推进基本公共服务均等化“十三五”规划, 第三章). */
const char *report_domain_name(const char *code, int en)
{
    static const char *const names[][3] = {
        {"education", "公共教育", "Public education"},
        {"employment", "劳动就业创业", "Employment and entrepreneurship"},
        {"social_insurance", "社会保险", "Social insurance"},
        {"health", "医疗卫生", "Health care"},
        {"social_services", "社会服务", "Social services"},
        {"housing", "住房保障", "Housing security"},
        {"culture_sports", "公共文化体育", "Public culture and sports"},
        {"disability", "残疾人服务", "Services for people with disabilities"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(code, names[i][0]) == 0)
            return names[i][1 + (en != 0)];
    return NULL;
}

const char *report_verdict(const char *v, int en)
{
    static const char *const names[][3] = {
        {"converging", "收敛（差距缩小）", "converging (gap closing)"},
        {"diverging", "发散（差距扩大）", "diverging (gap widening)"},
        {"no significant trend", "无显著趋势", "no significant trend"},
        {"undefined", "无法判断", "undefined"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(v, names[i][0]) == 0)
            return names[i][1 + (en != 0)];
    return v;
}

static const report_method methods[] = {
    {"gini", "G = Σᵢ Σⱼ pᵢ pⱼ |xᵢ − xⱼ| / (2 μ)", "Gini 1912; Lerman & Yitzhaki 1989"},
    {"cv_w", "√(Σ pᵢ (xᵢ − μ)²) / μ", "Williamson 1965"},
    {"theil_t", "Σ pᵢ (xᵢ/μ) ln(xᵢ/μ)", "Theil 1967; Shorrocks 1980"},
    {"theil_l", "Σ pᵢ ln(μ/xᵢ)", "Theil 1967; Shorrocks 1980"},
    {"ge2", "½ Σ pᵢ ((xᵢ/μ)² − 1)", "Shorrocks 1980"},
    {"atkinson", "1 − [Σ pᵢ (xᵢ/μ)^(1−ε)]^(1/(1−ε))", "Atkinson 1970"},
    {"hoover", "½ Σ |xᵢwᵢ/Σxw − wᵢ/W|", "Hoover 1936"},
    {"p90_p10", "Q(0.9)/Q(0.1), Hyndman & Fan definition 2", "Hyndman & Fan 1996"},
};

const report_method *report_methods(size_t *n)
{
    *n = sizeof methods / sizeof methods[0];
    return methods;
}

int report_english(const jh_report_input *in)
{
    return in->lang && strcmp(in->lang, "en") == 0;
}

int report_listed(const char *const *v, size_t n, const char *s)
{
    if (!v)
        return 1;
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i], s) == 0)
            return 1;
    return 0;
}

int report_indicator_shown(const jh_report_input *in, size_t ind)
{
    const jh_indicator *r = jh_study_indicator(in->study, ind);
    if (r && (r->scope != JH_SCOPE_COUNTY || r->direction == JH_DIRECTION_NEUTRAL))
        return 0;
    return report_listed(in->only_indicators, in->n_only_indicators,
                         in->study->data->indicators.str[ind]) &&
           report_listed(in->only_domains, in->n_only_domains, jh_study_domain(in->study, ind));
}
