/*
 * gen_jilin — writes datasets/jilin/values.csv, the county panel bundled
 * with junheng: Jilin Province's 60 county-level divisions, 2015-2020,
 * every county-scope indicator of datasets/jilin/indicators.csv.
 *
 * THE VALUES ARE SYNTHETIC.  They are not official statistics.  No
 * county-level statistics for these indicators are available to the
 * project, so this program makes values that behave like real county
 * statistics (see datasets/README.md):
 *
 *  - populations are interpolated between the 2010 and 2020 censuses
 *    (table below); the indicator values are drawn from a seeded model:
 *      z = c_t + m_t * (prefecture effect + county effect + district
 *          effect + size effect) +/- urban-rural gap / 2 + AR(1) noise
 *    on a logit scale for rates (so they stay inside 0..100) and a log
 *    scale for positive quantities; m_t = exp(conv * t) makes county
 *    deviations shrink (conv < 0: convergence) or grow (conv > 0);
 *  - c_t is solved by bisection every year so that the weighted
 *    provincial mean of the total stratum equals the indicator's path,
 *    whose 2015 value is the plan's baseline (exact calibration after
 *    drawing; the printed, rounded values stay within 0.05 of it);
 *  - a county whose value lies beyond a robust z-score of 3.3 (median and
 *    MAD, as `junheng validate` checks) in any slice has its deviation
 *    shrunk toward the median until none does, so that validate finds
 *    only the planted outlier among the service indicators;
 *  - a few planted blemishes: missing values written "—", one censored
 *    value written ">99", one outlier (a decimal slip).
 *
 * Random numbers: GSL's MT19937, one stream per indicator seeded from
 * the --seed value and the indicator code, so an indicator's values do
 * not change when another indicator is added.  Output is byte-identical
 * for the same seed on the same platform.
 *
 * Usage: gen_jilin [--seed N] [--summary] [-o FILE] [--groups FILE]
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#define DEFAULT_SEED 13UL /* the 13th Five-Year Plan */
#define MISSING_MARK "\xe2\x80\x94" /* U+2014 EM DASH, as printed in yearbooks */

enum { NREG = 60, NYEAR = 6, YEAR0 = 2015, NPREF = 9, NSTRATA = 3 };
enum { S_TOTAL, S_URBAN, S_RURAL };
static const char *const stratum_name[NSTRATA] = {"total", "urban", "rural"};

/* ------------------------------------------------------------------ */
/* Regions and their census anchors                                   */
/* ------------------------------------------------------------------ */

/*
 * Census figures (6th census 2010-11-01, 7th census 2020-11-01) from the
 * county tables of the NBS census yearbooks as compiled by Dong, Du & Liu
 * (2022), github.com/leiii/census (MIT).  Codes are those of 2015:
 * 2010 rows of 九台市 220181 and 扶余县 220724 are used for 220113 and
 * 220781; the 2020 row of 公主岭市 220184 for 220381.  In 2020 the census
 * reports nine development zones separately; their residents are added
 * back to the division they were carved from (an approximation):
 *   长春经开区 -> 二道区, 净月区 -> 南关区, 高新区 -> 朝阳区,
 *   汽开区 -> 绿园区, 白城经开区 -> 洮北区, 吉林经开区 -> 龙潭区,
 *   吉林高新区 -> 丰满区, 中新食品区 -> 永吉县, 松原经开区 -> 宁江区.
 * With them the 60 rows sum to the census totals of the province
 * (27,452,815 and 24,073,453).
 *
 * sa = % aged 6-14 (4/5 of the 5-9 group plus 10-14), old = % aged 60+,
 * h = housing floor area per person in family households (m2).
 */
typedef struct {
    long code;
    int district; /* 市辖区: class urban */
    double p10, u10, p20, u20; /* residents and urban residents */
    double sa10, sa20, old10, old20, h10, h20;
} region_t;

static const region_t REG[NREG] = {
    {220102, 1, 876959, 827923, 1066422, 866548, 5.46, 6.18, 11.67, 18.37, 30.55, 41.24}, /* 南关区 */
    {220103, 1, 680631, 470896, 856177, 676759, 7.09, 7.40, 12.10, 17.80, 24.15, 33.39}, /* 宽城区 */
    {220104, 1, 827189, 773647, 1074628, 1039977, 5.04, 7.06, 12.74, 17.19, 28.69, 38.26}, /* 朝阳区 */
    {220105, 1, 619940, 462661, 989353, 957698, 7.02, 7.18, 11.89, 17.66, 24.54, 36.02}, /* 二道区 */
    {220106, 1, 810551, 746383, 1032897, 1016374, 6.28, 7.15, 13.48, 19.77, 27.77, 33.79}, /* 绿园区 */
    {220112, 1, 377803, 129699, 335723, 159392, 7.68, 7.26, 12.91, 22.67, 22.94, 33.55}, /* 双阳区 */
    {220113, 1, 611670, 198851, 613836, 224442, 8.04, 8.04, 13.54, 24.47, 21.97, 33.98}, /* 九台区 */
    {220122, 0, 960759, 179184, 763983, 196832, 7.67, 8.96, 12.69, 24.91, 21.25, 33.18}, /* 农安县 */
    {220182, 0, 1160568, 280961, 836098, 253344, 8.67, 8.90, 12.73, 24.63, 20.63, 30.14}, /* 榆树市 */
    {220183, 0, 748369, 187956, 635476, 202988, 8.72, 8.81, 12.63, 23.41, 23.06, 33.17}, /* 德惠市 */
    {220202, 1, 658960, 491640, 581852, 472950, 5.84, 6.64, 15.51, 25.78, 24.66, 33.95}, /* 昌邑区 */
    {220203, 1, 527350, 374884, 427299, 319398, 5.83, 6.08, 15.62, 26.89, 20.57, 32.16}, /* 龙潭区 */
    {220204, 1, 491989, 393468, 464893, 391359, 6.22, 6.87, 15.28, 24.63, 21.40, 33.92}, /* 船营区 */
    {220211, 1, 296822, 209730, 421821, 325585, 6.28, 6.14, 14.49, 22.72, 27.57, 39.61}, /* 丰满区 */
    {220221, 0, 394486, 138241, 280633, 98727, 6.65, 7.26, 13.92, 26.30, 20.71, 32.01}, /* 永吉县 */
    {220281, 0, 447226, 201712, 328925, 168313, 7.27, 7.60, 14.54, 26.51, 21.83, 32.38}, /* 蛟河市 */
    {220282, 0, 444843, 193537, 341308, 184810, 7.79, 8.53, 12.21, 23.09, 21.02, 31.57}, /* 桦甸市 */
    {220283, 0, 645702, 254850, 406744, 176692, 7.52, 8.20, 14.16, 26.21, 20.84, 30.04}, /* 舒兰市 */
    {220284, 0, 505779, 228004, 370238, 163592, 7.38, 8.52, 13.76, 25.22, 19.15, 31.22}, /* 磐石市 */
    {220302, 1, 278741, 246537, 314307, 232301, 6.60, 6.83, 14.12, 21.67, 27.48, 37.97}, /* 铁西区 */
    {220303, 1, 334884, 262570, 313650, 253409, 7.29, 6.81, 14.65, 24.36, 22.22, 31.47}, /* 铁东区 */
    {220322, 0, 782630, 254842, 537145, 193144, 8.17, 9.70, 12.67, 25.70, 22.68, 32.65}, /* 梨树县 */
    {220323, 0, 475245, 124604, 331873, 110229, 8.59, 8.37, 12.62, 26.40, 22.17, 31.41}, /* 伊通满族自治县 */
    {220381, 0, 1092936, 337851, 862313, 384715, 6.61, 9.81, 13.45, 23.97, 23.09, 33.80}, /* 公主岭市 */
    {220382, 0, 420720, 180700, 317758, 146716, 9.02, 9.22, 12.32, 23.33, 22.89, 33.21}, /* 双辽市 */
    {220402, 1, 294278, 238905, 327079, 286833, 7.13, 7.04, 14.36, 22.86, 22.40, 33.41}, /* 龙山区 */
    {220403, 1, 177978, 146144, 136337, 120463, 5.09, 4.85, 16.07, 28.97, 16.68, 30.50}, /* 西安区 */
    {220421, 0, 355078, 129020, 307302, 112665, 8.71, 7.85, 12.83, 25.05, 22.69, 31.52}, /* 东丰县 */
    {220422, 0, 348905, 81959, 226185, 55287, 7.99, 7.54, 12.42, 27.41, 18.28, 30.17}, /* 东辽县 */
    {220502, 1, 360071, 344765, 355346, 330153, 6.45, 6.31, 14.57, 24.34, 24.87, 35.67}, /* 东昌区 */
    {220503, 1, 146631, 132027, 91571, 78250, 6.55, 5.66, 16.04, 29.10, 22.69, 31.60}, /* 二道江区 */
    {220521, 0, 247140, 110167, 175114, 77528, 7.12, 7.28, 12.75, 26.80, 24.01, 32.86}, /* 通化县 */
    {220523, 0, 359329, 172792, 237113, 123574, 8.11, 8.28, 13.36, 26.31, 22.82, 32.97}, /* 辉南县 */
    {220524, 0, 363836, 114123, 274414, 102743, 7.13, 8.60, 11.93, 24.64, 21.43, 31.21}, /* 柳河县 */
    {220581, 0, 615154, 268259, 509336, 291138, 7.20, 7.77, 12.68, 24.08, 20.74, 32.42}, /* 梅河口市 */
    {220582, 0, 232278, 95971, 169220, 81982, 7.62, 6.40, 14.62, 28.01, 24.54, 31.75}, /* 集安市 */
    {220602, 1, 364723, 324008, 307982, 281039, 7.22, 6.89, 13.92, 24.21, 24.37, 33.79}, /* 浑江区 */
    {220605, 1, 254293, 179279, 138272, 110195, 6.13, 5.50, 16.79, 29.86, 19.42, 30.77}, /* 江源区 */
    {220621, 0, 297960, 218680, 233759, 185588, 8.01, 7.60, 15.42, 23.76, 19.51, 31.69}, /* 抚松县 */
    {220622, 0, 131631, 73122, 108478, 66218, 7.43, 8.55, 13.19, 22.63, 21.83, 32.06}, /* 靖宇县 */
    {220623, 0, 72550, 41375, 58266, 40959, 7.80, 6.26, 14.74, 26.58, 23.24, 33.65}, /* 长白朝鲜族自治县 */
    {220681, 0, 174970, 133435, 121616, 87555, 7.25, 6.45, 15.83, 27.78, 17.62, 30.75}, /* 临江市 */
    {220702, 1, 612816, 464999, 713430, 551749, 8.58, 8.57, 11.41, 19.91, 23.10, 33.42}, /* 宁江区 */
    {220721, 0, 607640, 171908, 407385, 160878, 8.73, 9.75, 10.15, 21.22, 20.74, 33.07}, /* 前郭尔罗斯蒙古族自治县 */
    {220722, 0, 639205, 198717, 451620, 125129, 7.69, 10.93, 10.05, 21.10, 20.42, 34.53}, /* 长岭县 */
    {220723, 0, 301438, 111586, 205542, 93731, 7.68, 8.15, 10.22, 23.12, 20.32, 34.40}, /* 乾安县 */
    {220781, 0, 718987, 164673, 475017, 124874, 8.94, 9.28, 11.53, 23.83, 19.66, 31.55}, /* 扶余市 */
    {220802, 1, 517434, 359492, 474276, 372519, 7.63, 7.13, 13.16, 22.67, 25.23, 35.39}, /* 洮北区 */
    {220821, 0, 298301, 125088, 217387, 105997, 7.68, 7.69, 12.89, 23.83, 21.63, 33.17}, /* 镇赉县 */
    {220822, 0, 353482, 131624, 281589, 113347, 9.05, 8.27, 11.23, 22.05, 22.01, 34.00}, /* 通榆县 */
    {220881, 0, 432122, 164976, 307215, 115946, 8.08, 8.21, 12.92, 23.83, 28.02, 34.87}, /* 洮南市 */
    {220882, 0, 431017, 202322, 270911, 136823, 7.48, 6.45, 13.64, 26.35, 19.10, 35.63}, /* 大安市 */
    {222401, 0, 562959, 505516, 686136, 630612, 5.78, 7.48, 13.54, 22.27, 29.33, 37.35}, /* 延吉市 */
    {222402, 0, 134452, 109342, 85248, 71023, 4.34, 4.72, 17.71, 32.20, 20.66, 34.53}, /* 图们市 */
    {222403, 0, 483464, 293396, 392486, 241929, 7.00, 7.39, 14.49, 25.05, 21.66, 31.63}, /* 敦化市 */
    {222404, 0, 241777, 174355, 239359, 189760, 5.95, 7.47, 12.34, 22.12, 22.60, 35.79}, /* 珲春市 */
    {222405, 0, 177234, 122065, 129286, 96972, 4.11, 4.73, 19.43, 30.87, 19.13, 34.02}, /* 龙井市 */
    {222406, 0, 189532, 112337, 117087, 80419, 4.75, 5.33, 16.88, 29.20, 19.60, 32.59}, /* 和龙市 */
    {222424, 0, 255411, 155514, 167911, 114193, 5.97, 6.16, 15.68, 26.86, 21.82, 33.12}, /* 汪清县 */
    {222426, 0, 225987, 124927, 168826, 104649, 7.03, 7.08, 13.56, 24.85, 20.35, 32.42}, /* 安图县 */
};

/* Prefecture-level units, in the order of their codes. */
static const long PREF_CODE[NPREF] = {220100, 220200, 220300, 220400, 220500,
                                      220600, 220700, 220800, 222400};
/*
 * A development score per prefecture (standardised, invented for the
 * synthetic model): 长春 and 延边 and 吉林 ahead, 白城 and 松原 behind.
 * Each indicator loads on it with its own sign and strength.
 */
static const double PREF_SCORE[NPREF] = {1.2, 0.6, -0.5, -0.1, 0.2,
                                         0.0, -0.9, -1.2, 0.7};

static int pref_index(long code)
{
    for (int p = 0; p < NPREF; p++)
        if (code / 100 == PREF_CODE[p] / 100)
            return p;
    return -1;
}

/* ------------------------------------------------------------------ */
/* Indicator models                                                   */
/* ------------------------------------------------------------------ */

enum kind {
    K_RATE,   /* a share in 0..100: logit link */
    K_POS,    /* a positive quantity: log link */
    K_STATUS, /* 0/100 status per county; path = number of counties at 100 */
    K_FLOOR,  /* a provincial minimum (path) plus county top-ups */
    K_CENSUS, /* interpolated between the censuses (housing area) */
    K_POP_TOTAL, K_POP_URBAN, K_POP_RURAL, K_POP_SCHOOL, K_POP_ELDERLY
};

enum weight { W_NONE, W_POP, W_SCHOOL, W_ELDERLY, W_URBAN, W_RURAL };

typedef struct {
    const char *code;
    enum kind kind;
    int strata;       /* 1: total, urban and rural rows; 0: total only */
    enum weight weight; /* as in indicators.csv; used for the calibration */
    int prec;         /* decimals printed */
    double path[NYEAR]; /* weighted provincial mean of the total stratum */
    double sd_pref, load;  /* prefecture effect: sd, loading on PREF_SCORE */
    double sd_cty, common; /* county effect: sd, loading on the common factor */
    double noise;     /* AR(1) year-to-year noise (sd) */
    double district;  /* shift of 市辖区 */
    double gap;       /* urban minus rural */
    double size;      /* per unit of log population (2015) */
    double conv;      /* yearly log-change of the county deviations */
    double conv_gap;  /* yearly log-change of the urban-rural gap */
    const char *seed_as; /* share the random effects of another indicator */
    double extra;     /* its own extra noise when seed_as is set */
} spec_t;

/*
 * Paths: the 2015 value of every plan indicator is the plan's baseline
 * (a bound such as >98 is calibrated to 98.05, inside the bound and within
 * 0.1 of it); later years move toward the 2020 target at different
 * speeds.  Two headline indicators fall behind on purpose:
 * pension_coverage (87.6 against 90) and maternal_mortality (16.95
 * against at most 16.5).  Paths of indicators without a plan baseline are
 * plausible magnitudes for Jilin, not official figures.
 *
 * All effects are on the link scale (logit for rates, log otherwise).
 */
static const spec_t SPECS[] = {
    /* ---- education ---- */
    {.code = "preschool_gross_enrolment", .kind = K_RATE, .strata = 1, .weight = W_POP, .prec = 1,
     .path = {76.5, 79.6, 82.8, 85.6, 88.1, 90.4},
     .sd_pref = 0.30, .load = 0.8, .sd_cty = 0.25, .common = 0.6, .noise = 0.05,
     .district = 0.30, .gap = 0.80, .conv = -0.09, .conv_gap = -0.10},
    {.code = "balanced_county_share", .kind = K_STATUS, .weight = W_NONE, .prec = 0,
     .path = {34, 41, 48, 54, 58, 60}}, /* counties certified; 34/60 = 56.7% */
    {.code = "senior_secondary_gross_enrolment", .kind = K_RATE, .weight = W_POP, .prec = 1,
     .path = {95.0, 95.2, 95.4, 95.7, 95.9, 96.1},
     .sd_pref = 0.20, .load = 0.6, .sd_cty = 0.25, .common = 0.5, .noise = 0.06,
     .district = 0.30, .conv = -0.02},
    {.code = "compulsory_net_enrolment", .kind = K_RATE, .weight = W_SCHOOL, .prec = 2,
     .path = {99.20, 99.28, 99.35, 99.42, 99.50, 99.56},
     .sd_pref = 0.20, .load = 0.5, .sd_cty = 0.25, .common = 0.4, .noise = 0.08,
     .district = 0.30, .conv = -0.03},
    {.code = "primary_pupil_teacher_ratio", .kind = K_POS, .strata = 1, .weight = W_SCHOOL, .prec = 2,
     .path = {12.6, 12.8, 13.0, 13.1, 13.3, 13.4},
     .sd_pref = 0.06, .load = 0.4, .sd_cty = 0.08, .common = -0.2, .noise = 0.02,
     .district = 0.12, .gap = 0.40, .size = 0.04, .conv = 0.03, .conv_gap = 0.03},
    /* ---- employment ---- */
    {.code = "labour_contract_rate", .kind = K_RATE, .weight = W_POP, .prec = 1,
     .path = {88.2, 89.3, 90.3, 91.0, 91.8, 92.5},
     .sd_pref = 0.20, .load = 0.7, .sd_cty = 0.22, .common = 0.5, .noise = 0.08,
     .district = 0.35, .conv = -0.05},
    {.code = "arbitration_closure_rate", .kind = K_RATE, .weight = W_POP, .prec = 1,
     .path = {90.8, 91.5, 92.4, 93.0, 93.6, 94.2},
     .sd_pref = 0.12, .load = 0.2, .sd_cty = 0.22, .common = 0.2, .noise = 0.15,
     .district = 0.10},
    {.code = "disposable_income", .kind = K_POS, .strata = 1, .weight = W_POP, .prec = 0,
     .path = {18700, 20050, 21450, 22800, 24400, 25500},
     .sd_pref = 0.08, .load = 0.9, .sd_cty = 0.07, .common = 0.7, .noise = 0.012,
     .district = 0.08, .gap = 0.79, .conv = 0.03, .conv_gap = -0.012},
    /* ---- social insurance ---- */
    {.code = "pension_coverage", .kind = K_RATE, .strata = 1, .weight = W_POP, .prec = 1,
     .path = {82.0, 83.4, 84.7, 85.8, 86.8, 87.6},
     .sd_pref = 0.18, .load = 0.6, .sd_cty = 0.20, .common = 0.5, .noise = 0.04,
     .district = 0.15, .gap = 0.30, .conv_gap = -0.05},
    {.code = "medical_insurance_coverage", .kind = K_RATE, .strata = 1, .weight = W_POP, .prec = 1,
     .path = {95.0, 95.4, 95.8, 96.1, 96.4, 96.6},
     .sd_pref = 0.18, .load = 0.4, .sd_cty = 0.22, .common = 0.4, .noise = 0.06,
     .district = 0.10, .gap = -0.15, .conv = -0.03},
    {.code = "basic_pension_minimum", .kind = K_FLOOR, .weight = W_POP, .prec = 0,
     .path = {70, 75, 80, 90, 103, 108}}, /* provincial minimum, 元/月 */
    /* ---- health ---- */
    {.code = "maternal_mortality", .kind = K_POS, .strata = 1, .weight = W_POP, .prec = 2,
     .path = {16.72, 16.95, 17.40, 16.85, 17.10, 16.95},
     .sd_pref = 0.12, .load = -0.5, .sd_cty = 0.14, .common = -0.3, .noise = 0.10,
     .district = -0.20, .gap = -0.30},
    {.code = "infant_mortality", .kind = K_POS, .strata = 1, .weight = W_POP, .prec = 2,
     .path = {4.28, 4.10, 3.95, 3.82, 3.70, 3.58},
     .sd_pref = 0.12, .load = -0.6, .sd_cty = 0.13, .common = -0.4, .noise = 0.07,
     .district = -0.18, .gap = -0.35, .conv = -0.02},
    {.code = "under5_mortality", .kind = K_POS, .strata = 1, .weight = W_POP, .prec = 2,
     .path = {5.29, 5.10, 4.92, 4.78, 4.62, 4.48},
     .sd_pref = 0.12, .load = -0.6, .sd_cty = 0.13, .common = -0.4, .noise = 0.07,
     .district = -0.18, .gap = -0.35, .conv = -0.02,
     .seed_as = "infant_mortality", .extra = 0.03},
    {.code = "health_records_rate", .kind = K_RATE, .strata = 1, .weight = W_POP, .prec = 1,
     .path = {78.0, 81.5, 84.6, 87.2, 89.4, 91.2},
     .sd_pref = 0.28, .load = 0.6, .sd_cty = 0.28, .common = 0.5, .noise = 0.06,
     .district = 0.25, .gap = 0.30, .conv = -0.10, .conv_gap = -0.10},
    {.code = "immunization_rate", .kind = K_RATE, .strata = 1, .weight = W_POP, .prec = 1,
     .path = {94.2, 94.9, 95.5, 96.0, 96.5, 96.9},
     .sd_pref = 0.22, .load = 0.4, .sd_cty = 0.25, .common = 0.3, .noise = 0.08,
     .district = 0.20, .gap = 0.25, .conv = -0.06},
    {.code = "child_health_mgmt_rate", .kind = K_RATE, .strata = 1, .weight = W_POP, .prec = 1,
     .path = {85.1, 86.4, 87.7, 88.9, 90.0, 91.0},
     .sd_pref = 0.22, .load = 0.5, .sd_cty = 0.25, .common = 0.4, .noise = 0.06,
     .district = 0.25, .gap = 0.35, .conv = -0.04},
    {.code = "maternal_mgmt_rate", .kind = K_RATE, .strata = 1, .weight = W_POP, .prec = 1,
     .path = {91.0, 92.1, 93.2, 94.1, 94.9, 95.6},
     .sd_pref = 0.22, .load = 0.5, .sd_cty = 0.25, .common = 0.4, .noise = 0.06,
     .district = 0.25, .gap = 0.35, .conv = -0.05},
    {.code = "elderly_health_mgmt_rate", .kind = K_RATE, .strata = 1, .weight = W_ELDERLY, .prec = 1,
     .path = {86.0, 85.2, 84.4, 83.9, 83.2, 82.8},
     .sd_pref = 0.22, .load = 0.3, .sd_cty = 0.25, .common = 0.3, .noise = 0.08,
     .district = -0.10, .gap = -0.20, .conv = 0.05},
    {.code = "mental_disorder_mgmt_rate", .kind = K_RATE, .weight = W_POP, .prec = 1,
     .path = {74.0, 77.5, 81.0, 84.0, 86.5, 88.5},
     .sd_pref = 0.25, .load = 0.5, .sd_cty = 0.28, .common = 0.4, .noise = 0.08,
     .district = 0.20, .conv = -0.06},
    {.code = "beds_per_1000", .kind = K_POS, .strata = 1, .weight = W_POP, .prec = 2,
     .path = {5.30, 5.55, 5.85, 6.10, 6.40, 6.62},
     .sd_pref = 0.10, .load = 0.6, .sd_cty = 0.15, .common = 0.5, .noise = 0.03,
     .district = 0.20, .gap = 0.60, .size = -0.05, .conv = 0.02},
    {.code = "doctors_per_1000", .kind = K_POS, .strata = 1, .weight = W_POP, .prec = 2,
     .path = {2.30, 2.42, 2.58, 2.74, 2.92, 3.10},
     .sd_pref = 0.10, .load = 0.7, .sd_cty = 0.14, .common = 0.6, .noise = 0.03,
     .district = 0.30, .gap = 1.00, .conv = 0.05, .conv_gap = 0.02},
    /* ---- social services ---- */
    {.code = "destitute_centralised_care", .kind = K_RATE, .weight = W_POP, .prec = 1,
     .path = {40.0, 42.5, 44.8, 47.1, 49.2, 51.0},
     .sd_pref = 0.22, .load = 0.3, .sd_cty = 0.30, .common = 0.3, .noise = 0.08,
     .district = 0.20, .conv = -0.04},
    {.code = "nursing_bed_share", .kind = K_RATE, .weight = W_ELDERLY, .prec = 1,
     .path = {17.5, 20.2, 23.1, 26.0, 28.6, 31.2},
     .sd_pref = 0.22, .load = 0.6, .sd_cty = 0.28, .common = 0.5, .noise = 0.08,
     .district = 0.35, .conv = 0.06},
    {.code = "elderly_care_beds_per_1000", .kind = K_POS, .weight = W_ELDERLY, .prec = 1,
     .path = {31.0, 32.0, 32.6, 33.1, 33.9, 34.5},
     .sd_pref = 0.12, .load = 0.3, .sd_cty = 0.16, .common = 0.3, .noise = 0.04,
     .district = 0.10, .size = -0.10},
    {.code = "dibao_standard", .kind = K_POS, .strata = 1, .weight = W_POP, .prec = 0,
     .path = {330, 355, 385, 415, 450, 480},
     .sd_pref = 0.08, .load = 0.8, .sd_cty = 0.03, .common = 0.3, .noise = 0.01,
     .district = 0.05, .gap = 0.54, .conv = -0.04, .conv_gap = -0.06},
    {.code = "public_service_spending_per_capita", .kind = K_POS, .weight = W_POP, .prec = 0,
     .path = {5200, 5650, 6100, 6550, 7000, 7450},
     .sd_pref = 0.10, .load = 0.3, .sd_cty = 0.10, .common = 0.2, .noise = 0.03,
     .district = -0.10, .size = -0.30, .conv = 0.02},
    /* ---- housing ---- */
    {.code = "housing_area_per_capita", .kind = K_CENSUS, .weight = W_POP, .prec = 1},
    {.code = "public_rental_coverage", .kind = K_RATE, .weight = W_URBAN, .prec = 1,
     .path = {80.0, 84.5, 88.5, 92.0, 94.6, 96.8},
     .sd_pref = 0.25, .load = 0.5, .sd_cty = 0.30, .common = 0.4, .noise = 0.08,
     .district = 0.30, .conv = -0.06},
    {.code = "shantytown_renovated_share", .kind = K_RATE, .weight = W_URBAN, .prec = 1,
     .path = {62.0, 70.5, 78.6, 85.4, 90.8, 94.6},
     .sd_pref = 0.25, .load = 0.4, .sd_cty = 0.30, .common = 0.3, .noise = 0.08,
     .district = 0.20, .conv = -0.02},
    {.code = "rural_dilapidated_renovated_share", .kind = K_RATE, .weight = W_RURAL, .prec = 1,
     .path = {58.0, 66.0, 74.5, 83.0, 91.0, 97.5},
     .sd_pref = 0.25, .load = 0.3, .sd_cty = 0.30, .common = 0.3, .noise = 0.08,
     .conv = -0.04},
    /* ---- culture and sports ---- */
    {.code = "broadcast_tv_coverage", .kind = K_RATE, .strata = 1, .weight = W_POP, .prec = 1,
     .path = {98.05, 98.35, 98.65, 98.90, 99.10, 99.30},
     .sd_pref = 0.20, .load = 0.5, .sd_cty = 0.22, .common = 0.4, .noise = 0.06,
     .district = 0.40, .gap = 0.80, .conv = -0.05},
    {.code = "reading_rate", .kind = K_RATE, .strata = 1, .weight = W_POP, .prec = 1,
     .path = {80.0, 81.1, 82.2, 83.3, 84.4, 85.4},
     .sd_pref = 0.12, .load = 0.7, .sd_cty = 0.15, .common = 0.6, .noise = 0.05,
     .district = 0.25, .gap = 0.55, .conv_gap = -0.04},
    {.code = "regular_exercise_share", .kind = K_RATE, .strata = 1, .weight = W_POP, .prec = 1,
     .path = {32.0, 32.9, 33.8, 34.8, 35.8, 36.8},
     .sd_pref = 0.12, .load = 0.6, .sd_cty = 0.15, .common = 0.5, .noise = 0.04,
     .district = 0.20, .gap = 0.45, .conv = 0.03, .conv_gap = 0.02},
    {.code = "library_books_per_capita", .kind = K_POS, .weight = W_POP, .prec = 2,
     .path = {0.55, 0.58, 0.62, 0.66, 0.70, 0.75},
     .sd_pref = 0.14, .load = 0.6, .sd_cty = 0.18, .common = 0.5, .noise = 0.03,
     .district = 0.25, .size = -0.12, .conv = 0.06},
    {.code = "sports_area_per_capita", .kind = K_POS, .weight = W_POP, .prec = 2,
     .path = {1.35, 1.44, 1.54, 1.63, 1.74, 1.85},
     .sd_pref = 0.10, .load = 0.4, .sd_cty = 0.14, .common = 0.3, .noise = 0.03,
     .district = -0.10, .size = -0.10, .conv = 0.04},
    /* ---- disability ---- */
    {.code = "disability_subsidy_coverage", .kind = K_RATE, .weight = W_POP, .prec = 1,
     .path = {95.05, 95.6, 96.1, 96.6, 97.0, 97.4},
     .sd_pref = 0.20, .load = 0.4, .sd_cty = 0.25, .common = 0.3, .noise = 0.08,
     .district = 0.20, .conv = -0.05},
    {.code = "disability_rehab_coverage", .kind = K_RATE, .weight = W_POP, .prec = 1,
     .path = {60.5, 65.0, 69.8, 74.0, 77.9, 81.2},
     .sd_pref = 0.22, .load = 0.6, .sd_cty = 0.25, .common = 0.5, .noise = 0.06,
     .district = 0.30, .conv = -0.08},
    {.code = "disabled_children_enrolment", .kind = K_RATE, .weight = W_SCHOOL, .prec = 1,
     .path = {88.5, 90.3, 92.0, 93.5, 94.8, 95.8},
     .sd_pref = 0.22, .load = 0.5, .sd_cty = 0.28, .common = 0.4, .noise = 0.08,
     .district = 0.25, .conv = -0.06},
    {.code = "assistive_device_coverage", .kind = K_RATE, .weight = W_POP, .prec = 1,
     .path = {68.0, 71.5, 74.8, 77.6, 80.2, 82.5},
     .sd_pref = 0.22, .load = 0.5, .sd_cty = 0.28, .common = 0.4, .noise = 0.08,
     .district = 0.25},
    /* ---- populations (weights) ---- */
    {.code = "pop_total", .kind = K_POP_TOTAL, .strata = 1, .prec = 0},
    {.code = "pop_urban", .kind = K_POP_URBAN, .prec = 0},
    {.code = "pop_rural", .kind = K_POP_RURAL, .prec = 0},
    {.code = "pop_school_age", .kind = K_POP_SCHOOL, .strata = 1, .prec = 0},
    {.code = "pop_elderly", .kind = K_POP_ELDERLY, .strata = 1, .prec = 0},
};
enum { NSPEC = sizeof SPECS / sizeof SPECS[0] };

/* ------------------------------------------------------------------ */
/* Planted blemishes                                                  */
/* ------------------------------------------------------------------ */

enum blemish { B_NONE, B_MISSING, B_CENSORED, B_OUTLIER };

typedef struct {
    const char *indicator;
    long code;
    int year;
    int stratum;
} cell_ref_t;

/* Values not reported, written "—". */
static const cell_ref_t MISSING_CELLS[] = {
    {"arbitration_closure_rate", 220623, 2016, S_TOTAL},  /* 长白县 */
    {"mental_disorder_mgmt_rate", 220422, 2017, S_TOTAL}, /* 东辽县 */
    {"library_books_per_capita", 220503, 2018, S_TOTAL},  /* 二道江区 */
    {"nursing_bed_share", 220723, 2015, S_TOTAL},         /* 乾安县 */
    {"sports_area_per_capita", 222402, 2019, S_TOTAL},    /* 图们市 */
    {"doctors_per_1000", 220102, 2020, S_RURAL},          /* 南关区 */
};
/* A decimal slip: the total of 镇赉县 in 2018 is printed ten times too large. */
static const cell_ref_t OUTLIER_CELL = {"beds_per_1000", 220821, 2018, S_TOTAL};
#define OUTLIER_FACTOR 10.0
/* The county with the highest coverage in 2019 is printed as ">99". */
#define CENSORED_INDICATOR "broadcast_tv_coverage"
#define CENSORED_YEAR 2019
#define CENSORED_BOUND 99.0

/* ------------------------------------------------------------------ */
/* State                                                              */
/* ------------------------------------------------------------------ */

/* Residents by year, stratum and region (integers held in doubles). */
static double POP[NYEAR][NSTRATA][NREG];
static double SCHOOL[NYEAR][NSTRATA][NREG];
static double ELDERLY[NYEAR][NSTRATA][NREG];
static double COMMON[NREG]; /* the common county factor */
static double LOGSIZE[NREG]; /* log 2015 population, centred */
static int SHRUNK; /* shrink steps taken, reported by --summary */

static double VAL[NSPEC][NYEAR][NSTRATA][NREG];
static unsigned char MARK[NSPEC][NYEAR][NSTRATA][NREG]; /* enum blemish */

static void die(const char *fmt, const char *arg)
{
    fprintf(stderr, "gen_jilin: ");
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    exit(70);
}

static int region_index(long code)
{
    for (int i = 0; i < NREG; i++)
        if (REG[i].code == code)
            return i;
    return -1;
}

static int spec_index(const char *code)
{
    for (int k = 0; k < NSPEC; k++)
        if (strcmp(SPECS[k].code, code) == 0)
            return k;
    return -1;
}

/* FNV-1a, to derive one seed per indicator. */
static unsigned long mix_seed(unsigned long seed, const char *s)
{
    unsigned long h = 2166136261UL;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h = (h * 16777619UL) & 0xffffffffUL;
    }
    h ^= (seed * 2654435761UL) & 0xffffffffUL;
    return h ? h : 4357UL;
}

static gsl_rng *new_rng(unsigned long seed, const char *name)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    if (!r)
        die("out of memory%s", "");
    gsl_rng_set(r, mix_seed(seed, name));
    return r;
}

/* Splits a count between the urban and rural strata so that the urban
 * rate is `ratio` times the rural one and the two add up to `total`. */
static void split(double total, double urban_pop, double rural_pop, double ratio,
                  double *urban, double *rural)
{
    double q = total / (urban_pop * ratio + rural_pop);
    *urban = floor(urban_pop * ratio * q + 0.5);
    if (*urban > total)
        *urban = total;
    *rural = total - *urban;
}

static void make_populations(void)
{
    double mean = 0;
    for (int i = 0; i < NREG; i++) {
        const region_t *r = &REG[i];
        for (int t = 0; t < NYEAR; t++) {
            double f = (YEAR0 + t - 2010) / 10.0; /* census dates are both 1 Nov */
            double p = floor(r->p10 * pow(r->p20 / r->p10, f) + 0.5);
            double us = r->u10 / r->p10 + (r->u20 / r->p20 - r->u10 / r->p10) * f;
            double u = floor(p * us + 0.5);
            POP[t][S_TOTAL][i] = p;
            POP[t][S_URBAN][i] = u;
            POP[t][S_RURAL][i] = p - u;
            double sa = floor(p * (r->sa10 + (r->sa20 - r->sa10) * f) / 100 + 0.5);
            double old = floor(p * (r->old10 + (r->old20 - r->old10) * f) / 100 + 0.5);
            SCHOOL[t][S_TOTAL][i] = sa;
            split(sa, u, p - u, 0.90, &SCHOOL[t][S_URBAN][i], &SCHOOL[t][S_RURAL][i]);
            ELDERLY[t][S_TOTAL][i] = old;
            split(old, u, p - u, 0.85, &ELDERLY[t][S_URBAN][i], &ELDERLY[t][S_RURAL][i]);
        }
        LOGSIZE[i] = log(POP[0][S_TOTAL][i]);
        mean += LOGSIZE[i] / NREG;
    }
    for (int i = 0; i < NREG; i++)
        LOGSIZE[i] -= mean;
}

static double weight_of(enum weight w, int t, int i)
{
    switch (w) {
    case W_POP: return POP[t][S_TOTAL][i];
    case W_SCHOOL: return SCHOOL[t][S_TOTAL][i];
    case W_ELDERLY: return ELDERLY[t][S_TOTAL][i];
    case W_URBAN: return POP[t][S_URBAN][i];
    case W_RURAL: return POP[t][S_RURAL][i];
    case W_NONE: break;
    }
    return 1.0;
}

static double inv_link(enum kind k, double z)
{
    return k == K_RATE ? 100.0 / (1.0 + exp(-z)) : exp(z);
}

/* ------------------------------------------------------------------ */
/* Generation                                                         */
/* ------------------------------------------------------------------ */

/*
 * The robust z-score of the most extreme value among the printed values
 * of indicator k (every year and stratum, rounded as printed, planted
 * missing values left out): 0.6745 |x - median| / MAD (Iglewicz and
 * Hoaglin's modified z-score; slices with MAD = 0 are skipped).
 * Returns the region holding it.
 */
static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median_of(double *x, int n)
{
    qsort(x, (size_t)n, sizeof *x, cmp_double);
    return n % 2 ? x[n / 2] : 0.5 * (x[n / 2 - 1] + x[n / 2]);
}

/* A value as it will be printed. */
static double printed(int k, double v)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%.*f", SPECS[k].prec, v);
    return strtod(buf, NULL);
}

static int most_extreme(int k, double *zmax)
{
    int worst = -1;
    *zmax = 0;
    for (int t = 0; t < NYEAR; t++)
        for (int s = 0; s < (SPECS[k].strata ? NSTRATA : 1); s++) {
            double x[NREG], d[NREG];
            int n = 0;
            for (int i = 0; i < NREG; i++)
                if (MARK[k][t][s][i] != B_MISSING)
                    x[n++] = printed(k, VAL[k][t][s][i]);
            double med = median_of(x, n);
            for (int j = 0; j < n; j++)
                d[j] = fabs(x[j] - med);
            double mad = median_of(d, n);
            if (mad <= 0)
                continue;
            for (int i = 0; i < NREG; i++) {
                if (MARK[k][t][s][i] == B_MISSING)
                    continue;
                double z = 0.6745 * fabs(printed(k, VAL[k][t][s][i]) - med) / mad;
                if (z > *zmax) {
                    *zmax = z;
                    worst = i;
                }
            }
        }
    return worst;
}

/*
 * Real county statistics have outliers, but the bundled panel should make
 * `validate` report only the planted one.  So a county whose value lies
 * beyond this robust z-score in any year or stratum has its deviation
 * from the provincial median shrunk by SHRINK until none does.
 */
#define ZMAX 3.3
#define SHRINK 0.9

/* Rates and positive quantities: the model described at the top. */
static void gen_model(int k, unsigned long seed)
{
    const spec_t *sp = &SPECS[k];
    gsl_rng *r = new_rng(seed, sp->seed_as ? sp->seed_as : sp->code);
    gsl_rng *rx = sp->seed_as ? new_rng(seed, sp->code) : NULL;
    const double rho = 0.5;
    double eta[NPREF], dev[NREG], e[NSTRATA][NREG][NYEAR], lambda[NREG], tmp[NREG];

    for (int p = 0; p < NPREF; p++)
        eta[p] = gsl_ran_gaussian(r, 1.0);
    for (int i = 0; i < NREG; i++) {
        int p = pref_index(REG[i].code);
        double a = sp->sd_pref * (sp->load * PREF_SCORE[p] +
                                  sqrt(1 - sp->load * sp->load) * eta[p]);
        double c = sp->sd_cty * (sp->common * COMMON[i] +
                                 sqrt(1 - sp->common * sp->common) * gsl_ran_gaussian(r, 1.0));
        dev[i] = a + c + sp->district * REG[i].district + sp->size * LOGSIZE[i];
        lambda[i] = 1.0;
    }
    for (int i = 0; i < NREG; i++)
        for (int s = 0; s < NSTRATA; s++) {
            double x = gsl_ran_gaussian(r, 1.0);
            for (int t = 0; t < NYEAR; t++) {
                if (t > 0)
                    x = rho * x + sqrt(1 - rho * rho) * gsl_ran_gaussian(r, 1.0);
                e[s][i][t] = sp->noise * x + (rx ? gsl_ran_gaussian(rx, sp->extra) : 0.0);
            }
        }
    memcpy(tmp, dev, sizeof tmp);
    double med_dev = median_of(tmp, NREG);

    for (int round = 0;; round++) {
        for (int t = 0; t < NYEAR; t++) {
            double z[NSTRATA][NREG];
            double m = exp(sp->conv * t), half_gap = 0.5 * sp->gap * exp(sp->conv_gap * t);
            for (int i = 0; i < NREG; i++) {
                double d = m * (med_dev + lambda[i] * (dev[i] - med_dev));
                z[S_TOTAL][i] = d + lambda[i] * e[S_TOTAL][i][t];
                z[S_URBAN][i] = d + lambda[i] * e[S_URBAN][i][t] + half_gap;
                z[S_RURAL][i] = d + lambda[i] * e[S_RURAL][i][t] - half_gap;
            }
            /* Solve for the level c so that the weighted mean of the totals
             * (over the values that will be printed) equals the path. */
            double lo = -60, hi = 60, c = 0;
            for (int it = 0; it < 200; it++) {
                c = 0.5 * (lo + hi);
                double sw = 0, swx = 0;
                for (int i = 0; i < NREG; i++) {
                    if (MARK[k][t][S_TOTAL][i] == B_MISSING)
                        continue;
                    double v;
                    if (sp->strata)
                        v = (POP[t][S_URBAN][i] * inv_link(sp->kind, z[S_URBAN][i] + c) +
                             POP[t][S_RURAL][i] * inv_link(sp->kind, z[S_RURAL][i] + c)) /
                            POP[t][S_TOTAL][i];
                    else
                        v = inv_link(sp->kind, z[S_TOTAL][i] + c);
                    double w = weight_of(sp->weight, t, i);
                    sw += w;
                    swx += w * v;
                }
                if (swx / sw < sp->path[t])
                    lo = c;
                else
                    hi = c;
            }
            for (int i = 0; i < NREG; i++) {
                if (sp->strata) {
                    double vu = inv_link(sp->kind, z[S_URBAN][i] + c);
                    double vr = inv_link(sp->kind, z[S_RURAL][i] + c);
                    VAL[k][t][S_URBAN][i] = vu;
                    VAL[k][t][S_RURAL][i] = vr;
                    VAL[k][t][S_TOTAL][i] =
                        (POP[t][S_URBAN][i] * vu + POP[t][S_RURAL][i] * vr) / POP[t][S_TOTAL][i];
                } else {
                    VAL[k][t][S_TOTAL][i] = inv_link(sp->kind, z[S_TOTAL][i] + c);
                }
            }
        }
        double zmax;
        int worst = most_extreme(k, &zmax);
        if (zmax <= ZMAX)
            break;
        if (round > 1000)
            die("cannot tame the outliers of %s", sp->code);
        lambda[worst] *= SHRINK;
        SHRUNK++;
    }
    gsl_rng_free(r);
    if (rx)
        gsl_rng_free(rx);
}

/* balanced_county_share: counties are certified in the order of a latent
 * score, path[t] of them by year t, and stay certified. */
static void gen_status(int k, unsigned long seed)
{
    const spec_t *sp = &SPECS[k];
    gsl_rng *r = new_rng(seed, sp->code);
    double score[NREG];
    for (int i = 0; i < NREG; i++)
        score[i] = 0.8 * PREF_SCORE[pref_index(REG[i].code)] + 0.6 * COMMON[i] +
                   0.6 * REG[i].district + 0.5 * gsl_ran_gaussian(r, 1.0);
    for (int i = 0; i < NREG; i++) {
        int rank = 0;
        for (int j = 0; j < NREG; j++)
            if (score[j] > score[i] || (score[j] == score[i] && j < i))
                rank++;
        for (int t = 0; t < NYEAR; t++)
            VAL[k][t][S_TOTAL][i] = rank < (int)sp->path[t] ? 100.0 : 0.0;
    }
    gsl_rng_free(r);
}

/* basic_pension_minimum: the provincial minimum plus a county top-up in
 * steps of 5 元 that richer prefectures and districts pay more often. */
static void gen_floor(int k, unsigned long seed)
{
    const spec_t *sp = &SPECS[k];
    gsl_rng *r = new_rng(seed, sp->code);
    for (int i = 0; i < NREG; i++) {
        double a = 4.0 + 8.0 * (0.6 * PREF_SCORE[pref_index(REG[i].code)] + 0.4 * COMMON[i] +
                                0.5 * REG[i].district) +
                   5.0 * gsl_ran_gaussian(r, 1.0);
        double top = a > 0 ? 5.0 * floor(a / 5.0 + 0.5) : 0.0;
        for (int t = 0; t < NYEAR; t++)
            VAL[k][t][S_TOTAL][i] = sp->path[t] + floor(top * (1.0 + 0.06 * t) + 0.5);
    }
    gsl_rng_free(r);
}

/* housing_area_per_capita: linear between the censuses, with a persistent
 * county deviation and yearly noise, so no year reproduces the census;
 * extreme counties are shrunk toward the median as in gen_model. */
static void gen_census(int k, unsigned long seed)
{
    gsl_rng *r = new_rng(seed, SPECS[k].code);
    double raw[NYEAR][NREG], med[NYEAR], lambda[NREG];
    for (int i = 0; i < NREG; i++) {
        double pers = gsl_ran_gaussian(r, 0.6);
        lambda[i] = 1.0;
        for (int t = 0; t < NYEAR; t++) {
            double f = (YEAR0 + t - 2010) / 10.0;
            raw[t][i] = REG[i].h10 + (REG[i].h20 - REG[i].h10) * f + pers +
                        gsl_ran_gaussian(r, 0.35);
        }
    }
    for (int t = 0; t < NYEAR; t++) {
        double tmp[NREG];
        memcpy(tmp, raw[t], sizeof tmp);
        med[t] = median_of(tmp, NREG);
    }
    for (int round = 0;; round++) {
        for (int t = 0; t < NYEAR; t++)
            for (int i = 0; i < NREG; i++)
                VAL[k][t][S_TOTAL][i] = med[t] + lambda[i] * (raw[t][i] - med[t]);
        double zmax;
        int worst = most_extreme(k, &zmax);
        if (zmax <= ZMAX)
            break;
        if (round > 1000)
            die("cannot tame the outliers of %s", SPECS[k].code);
        lambda[worst] *= SHRINK;
        SHRUNK++;
    }
    gsl_rng_free(r);
}

static void gen_pop(int k)
{
    for (int t = 0; t < NYEAR; t++)
        for (int s = 0; s < NSTRATA; s++)
            for (int i = 0; i < NREG; i++) {
                double v = 0;
                switch (SPECS[k].kind) {
                case K_POP_TOTAL: v = POP[t][s][i]; break;
                case K_POP_URBAN: v = POP[t][S_URBAN][i]; break;
                case K_POP_RURAL: v = POP[t][S_RURAL][i]; break;
                case K_POP_SCHOOL: v = SCHOOL[t][s][i]; break;
                case K_POP_ELDERLY: v = ELDERLY[t][s][i]; break;
                default: break;
                }
                VAL[k][t][s][i] = v;
            }
}

static void mark_cell(const cell_ref_t *c, enum blemish b)
{
    int k = spec_index(c->indicator), i = region_index(c->code), t = c->year - YEAR0;
    if (k < 0 || i < 0 || t < 0 || t >= NYEAR)
        die("bad blemish for %s", c->indicator);
    if (c->stratum != S_TOTAL && !SPECS[k].strata)
        die("blemish on a stratum that %s does not have", c->indicator);
    MARK[k][t][c->stratum][i] = (unsigned char)b;
}

static void generate(unsigned long seed)
{
    gsl_rng *r = new_rng(seed, "common county factor");
    for (int i = 0; i < NREG; i++)
        COMMON[i] = gsl_ran_gaussian(r, 1.0);
    gsl_rng_free(r);

    make_populations();
    for (size_t b = 0; b < sizeof MISSING_CELLS / sizeof MISSING_CELLS[0]; b++)
        mark_cell(&MISSING_CELLS[b], B_MISSING);

    for (int k = 0; k < NSPEC; k++) {
        switch (SPECS[k].kind) {
        case K_RATE:
        case K_POS: gen_model(k, seed); break;
        case K_STATUS: gen_status(k, seed); break;
        case K_FLOOR: gen_floor(k, seed); break;
        case K_CENSUS: gen_census(k, seed); break;
        default: gen_pop(k); break;
        }
    }

    /* The outlier, after calibration. */
    mark_cell(&OUTLIER_CELL, B_OUTLIER);
    {
        int k = spec_index(OUTLIER_CELL.indicator), i = region_index(OUTLIER_CELL.code);
        VAL[k][OUTLIER_CELL.year - YEAR0][OUTLIER_CELL.stratum][i] *= OUTLIER_FACTOR;
    }
    /* The censored value: the highest county of that year. */
    {
        int k = spec_index(CENSORED_INDICATOR), t = CENSORED_YEAR - YEAR0, best = 0;
        for (int i = 1; i < NREG; i++)
            if (VAL[k][t][S_TOTAL][i] > VAL[k][t][S_TOTAL][best])
                best = i;
        if (!(VAL[k][t][S_TOTAL][best] > CENSORED_BOUND))
            die("no value above the censoring bound for %s", CENSORED_INDICATOR);
        MARK[k][t][S_TOTAL][best] = B_CENSORED;
    }
}


/* ------------------------------------------------------------------ */
/* Groups of people (datasets/jilin/groups.csv)                       */
/* ------------------------------------------------------------------ */

/*
 * A few strata of the "group" dimension (datasets/jilin/strata.csv), for
 * three indicators whose target groups the plan names.  A group's value
 * in a county is its indicator's total value (the model value, before
 * rounding and blemishes) moved on the logit scale by a yearly shift, a
 * persistent county effect and yearly noise; the shift is solved by
 * bisection so that the group's provincial mean, weighted by the group's
 * size, follows the path below.  Group values are not constrained to
 * average to the total.  Sizes are fixed shares of the weight population
 * (a district's share for migrant workers' children is larger).
 * Random numbers: one stream per group, seeded from --seed and the
 * group's name, apart from the streams of values.csv, which the groups
 * do not change.
 *
 * Levels: the plan (附件1) sets 65+ health management at 80% or more
 * (item 33), rehabilitation coverage of its target group at 80% or more
 * (item 80, and the headline table) and compulsory enrolment at 99% or
 * more (item 1); the 2015 points and the gaps between groups are
 * plausible, not official: the plan gives no level for migrant workers'
 * children, disabled children or residents aged 80 and over.
 */
typedef struct {
    const char *indicator; /* the indicator of values.csv it divides */
    const char *stratum;   /* its label in strata.csv */
    const char *size_of;   /* the size indicator written with it, or NULL
                              (the population column carries the size) */
    double share_district, share_county; /* size: share of the weight population */
    double path[NYEAR];    /* weighted provincial mean */
    double sd_cty, noise;  /* persistent county effect, yearly noise (logit) */
} group_t;

static const group_t GROUPS[] = {
    {"compulsory_net_enrolment", "migrant_children", "pop_school_age", 0.12, 0.04,
     {96.4, 96.9, 97.5, 98.0, 98.4, 98.8}, 0.35, 0.10},
    {"compulsory_net_enrolment", "local_children", "pop_school_age", 0.88, 0.96,
     {99.30, 99.36, 99.42, 99.48, 99.55, 99.60}, 0.25, 0.08},
    {"disability_rehab_coverage", "disabled_children", NULL, 0.004, 0.004,
     {52.0, 58.5, 65.0, 71.5, 77.0, 82.5}, 0.30, 0.08},
    {"disability_rehab_coverage", "disabled_adults", NULL, 0.058, 0.062,
     {60.8, 65.2, 70.0, 74.1, 77.9, 81.1}, 0.25, 0.06},
    {"elderly_health_mgmt_rate", "elderly_80plus", "pop_elderly", 0.14, 0.12,
     {77.5, 77.9, 78.6, 79.2, 79.9, 80.6}, 0.25, 0.08},
};
enum { NGROUP = sizeof GROUPS / sizeof GROUPS[0] };

static double GVAL[NGROUP][NYEAR][NREG];
static double GSIZE[NGROUP][NYEAR][NREG];

/* The group's size in county i: its share of the indicator's weight
 * population (the total stratum). */
static double group_size(int g, int k, int t, int i)
{
    double share = REG[i].district ? GROUPS[g].share_district : GROUPS[g].share_county;
    return floor(share * weight_of(SPECS[k].weight, t, i) + 0.5);
}

/* Weighted mean of the printed group values for a shift a (logit). */
static double group_mean(int g, int k, int t, const double *z, double a)
{
    double sw = 0, swx = 0;
    char buf[64];
    for (int i = 0; i < NREG; i++) {
        snprintf(buf, sizeof buf, "%.*f", SPECS[k].prec, inv_link(K_RATE, z[i] + a));
        sw += GSIZE[g][t][i];
        swx += GSIZE[g][t][i] * strtod(buf, NULL);
    }
    return swx / sw;
}

/* The shift (logit) that puts the group's weighted mean on its path. */
static double group_shift(int g, int k, int t, const double *z)
{
    double lo = -8, hi = 8;
    for (int it = 0; it < 80; it++) {
        double mid = 0.5 * (lo + hi);
        if (group_mean(g, k, t, z, mid) < GROUPS[g].path[t])
            lo = mid;
        else
            hi = mid;
    }
    return 0.5 * (lo + hi);
}

static void gen_groups(unsigned long seed)
{
    for (int g = 0; g < NGROUP; g++) {
        int k = spec_index(GROUPS[g].indicator);
        gsl_rng *r = new_rng(seed, GROUPS[g].stratum);
        double eff[NREG], z[NREG];
        for (int i = 0; i < NREG; i++)
            eff[i] = gsl_ran_gaussian(r, GROUPS[g].sd_cty);
        for (int t = 0; t < NYEAR; t++) {
            for (int i = 0; i < NREG; i++) {
                double x = VAL[k][t][S_TOTAL][i] / 100;
                z[i] = log(x / (1 - x)) + eff[i] + gsl_ran_gaussian(r, GROUPS[g].noise);
                GSIZE[g][t][i] = group_size(g, k, t, i);
            }
            /* Calibrate, then shrink the most extreme county toward the
             * median (as for values.csv) until validate would see none. */
            for (int step = 0; step < 200; step++) {
                double a = group_shift(g, k, t, z), x[NREG], zmax = 0;
                int worst = 0;
                for (int i = 0; i < NREG; i++)
                    x[i] = GVAL[g][t][i] = printed(k, inv_link(K_RATE, z[i] + a));
                double med = median_of(x, NREG), dev[NREG];
                for (int i = 0; i < NREG; i++)
                    dev[i] = fabs(GVAL[g][t][i] - med);
                double mad = median_of(dev, NREG);
                for (int i = 0; mad > 0 && i < NREG; i++)
                    if (0.6745 * fabs(GVAL[g][t][i] - med) / mad > zmax) {
                        zmax = 0.6745 * fabs(GVAL[g][t][i] - med) / mad;
                        worst = i;
                    }
                if (zmax <= 3.3)
                    break;
                double zs[NREG];
                memcpy(zs, z, sizeof zs);
                double zmed = median_of(zs, NREG);
                z[worst] = zmed + 0.8 * (z[worst] - zmed);
            }
        }
        gsl_rng_free(r);
    }
}

/* The group rows: the indicator's value with the group's size in the
 * population column, then the size indicator's row when it has one. */
static int write_groups(FILE *f)
{
    fputs("region_code,year,indicator,stratum,value,population\n", f);
    for (int g = 0; g < NGROUP; g++) {
        int k = spec_index(GROUPS[g].indicator);
        for (int i = 0; i < NREG; i++)
            for (int t = 0; t < NYEAR; t++) {
                fprintf(f, "%ld,%d,%s,%s,%.*f,%.0f\n", REG[i].code, YEAR0 + t,
                        GROUPS[g].indicator, GROUPS[g].stratum, SPECS[k].prec, GVAL[g][t][i],
                        GSIZE[g][t][i]);
                if (GROUPS[g].size_of)
                    fprintf(f, "%ld,%d,%s,%s,%.0f,%.0f\n", REG[i].code, YEAR0 + t,
                            GROUPS[g].size_of, GROUPS[g].stratum, GSIZE[g][t][i],
                            GSIZE[g][t][i]);
            }
    }
    return ferror(f) ? -1 : 0;
}

/* ------------------------------------------------------------------ */
/* Output                                                             */
/* ------------------------------------------------------------------ */

/* The text printed for a value; the number it stands for goes to *num
 * (NAN when missing). */
static const char *cell_text(int k, int t, int s, int i, char *buf, size_t n, double *num)
{
    switch (MARK[k][t][s][i]) {
    case B_MISSING:
        *num = NAN;
        return MISSING_MARK;
    case B_CENSORED:
        snprintf(buf, n, ">%.0f", CENSORED_BOUND);
        *num = CENSORED_BOUND;
        return buf;
    default:
        snprintf(buf, n, "%.*f", SPECS[k].prec, VAL[k][t][s][i]);
        *num = strtod(buf, NULL);
        return buf;
    }
}

static int write_values(FILE *f)
{
    char buf[64];
    double num;
    fputs("region_code,year,indicator,stratum,value,population\n", f);
    for (int k = 0; k < NSPEC; k++)
        for (int i = 0; i < NREG; i++)
            for (int t = 0; t < NYEAR; t++)
                for (int s = 0; s < (SPECS[k].strata ? NSTRATA : 1); s++)
                    fprintf(f, "%ld,%d,%s,%s,%s,%.0f\n", REG[i].code, YEAR0 + t, SPECS[k].code,
                            stratum_name[s], cell_text(k, t, s, i, buf, sizeof buf, &num),
                            POP[t][s][i]);
    return ferror(f) ? -1 : 0;
}

/* Weighted provincial means of the printed totals, as a reader sees them. */
static void write_summary(FILE *f)
{
    static const char *const wname[] = {"none", "population", "pop_school_age",
                                        "pop_elderly", "pop_urban", "pop_rural"};
    char buf[64];
    double pop = 0;
    fprintf(f, "indicator,weight,year,weighted_mean,path,n\n");
    for (int k = 0; k < NSPEC; k++) {
        if (SPECS[k].kind >= K_POP_TOTAL)
            continue;
        for (int t = 0; t < NYEAR; t++) {
            double sw = 0, swx = 0, num;
            int n = 0;
            for (int i = 0; i < NREG; i++) {
                cell_text(k, t, S_TOTAL, i, buf, sizeof buf, &num);
                if (isnan(num))
                    continue;
                double w = weight_of(SPECS[k].weight, t, i);
                sw += w;
                swx += w * num;
                n++;
            }
            fprintf(f, "%s,%s,%d,%.4f,%g,%d\n", SPECS[k].code, wname[SPECS[k].weight],
                    YEAR0 + t, swx / sw, SPECS[k].path[t], n);
        }
    }
    for (int t = 0; t < NYEAR; t++) {
        pop = 0;
        for (int i = 0; i < NREG; i++)
            pop += POP[t][S_TOTAL][i];
        fprintf(f, "pop_total,sum,%d,%.0f,,%d\n", YEAR0 + t, pop, NREG);
    }
    fprintf(f, "# outlier shrink steps: %d\n", SHRUNK);
}

/* The mode a file created with fopen would get: 0666 less the umask
 * (mkstemp creates 0600). */
static mode_t plain_mode(void)
{
    mode_t mask = umask(0);
    umask(mask);
    return 0666 & ~mask;
}

static void usage(FILE *f)
{
    fputs("usage: gen_jilin [--seed N] [--summary] [-o FILE] [--groups FILE]\n"
          "Writes the SYNTHETIC Jilin county panel (datasets/jilin/values.csv) to FILE\n"
          "or standard output, and with --groups its strata of groups of people\n"
          "(datasets/jilin/groups.csv) to that FILE.  --summary prints the weighted\n"
          "provincial means of every indicator and year to standard error.\n",
          f);
}

/* Writes out by writer beside it and renames, so that a failed run never
 * leaves a half-written file.  Exit code. */
static int write_file(const char *out, int (*writer)(FILE *))
{
    size_t n = strlen(out) + 16;
    char *tmp = malloc(n);
    if (!tmp)
        die("out of memory%s", "");
    snprintf(tmp, n, "%s.XXXXXX", out);
    int fd = mkstemp(tmp);
    if (fd >= 0)
        fchmod(fd, plain_mode());
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        fprintf(stderr, "gen_jilin: cannot create %s: %s\n", tmp, strerror(errno));
        free(tmp);
        return 73;
    }
    int bad = writer(f) != 0;
    bad |= fflush(f) != 0;
    bad |= fclose(f) != 0;
    if (bad || rename(tmp, out) != 0) {
        fprintf(stderr, "gen_jilin: cannot write %s: %s\n", out, strerror(errno));
        remove(tmp);
        free(tmp);
        return 74;
    }
    free(tmp);
    return 0;
}

int main(int argc, char **argv)
{
    unsigned long seed = DEFAULT_SEED;
    const char *out = NULL, *groups = NULL;
    int summary = 0;

    for (int a = 1; a < argc; a++) {
        if (strcmp(argv[a], "--seed") == 0 && a + 1 < argc) {
            char *end;
            errno = 0;
            seed = strtoul(argv[++a], &end, 10);
            if (errno || *end || !*argv[a]) {
                fprintf(stderr, "gen_jilin: bad seed \"%s\"\n", argv[a]);
                return 64;
            }
        } else if (strcmp(argv[a], "-o") == 0 && a + 1 < argc) {
            out = argv[++a];
        } else if (strcmp(argv[a], "--groups") == 0 && a + 1 < argc) {
            groups = argv[++a];
        } else if (strcmp(argv[a], "--summary") == 0) {
            summary = 1;
        } else if (strcmp(argv[a], "--help") == 0 || strcmp(argv[a], "-h") == 0) {
            usage(stdout);
            return 0;
        } else {
            usage(stderr);
            return 64;
        }
    }

    generate(seed);

    if (!out) {
        if (write_values(stdout) != 0 || fflush(stdout) != 0) {
            perror("gen_jilin: standard output");
            return 74;
        }
    } else {
        int rc = write_file(out, write_values);
        if (rc)
            return rc;
    }
    if (groups) {
        gen_groups(seed);
        int rc = write_file(groups, write_groups);
        if (rc)
            return rc;
    }
    if (summary)
        write_summary(stderr);
    return 0;
}
