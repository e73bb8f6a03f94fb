/* tables.xlsx: each CSV table the run wrote becomes a sheet.  The CSVs are
 * read back (libcsv) rather than the tables rendered twice, so that every
 * cell of the workbook is the CSV's cell: the same number (as a number,
 * shown with the decimals of jh_format_human) or the same text. */
#include <csv.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>
#include "junheng/numfmt.h"
#include "junheng/xlsx.h"
#include "output/report_text.h"

#define MAX_COLS 128

/* Column headers in words; a column not listed keeps its machine name. */
static const char *const headers[][3] = {
    {"indicator", "指标代码", "Indicator code"}, {"indicator_name", "指标", "Indicator"},
    {"year", "年份", "Year"}, {"stratum", "城乡", "Stratum"},
    {"index", "指数代码", "Index code"}, {"index_name", "指数", "Index"},
    {"value", "数值", "Value"}, {"domain", "领域代码", "Domain code"},
    {"domain_name", "领域", "Domain"}, {"region", "地区代码", "Region code"},
    {"region_name", "地区", "Region"}, {"name", "县（市、区）", "County"},
    {"prefecture", "市（州）", "Prefecture"}, {"score", "综合得分", "Score"},
    {"rank", "排名", "Rank"}, {"rank_change", "排名变化", "Rank change"},
    {"n", "县数", "Counties"}, {"mean", "均值", "Mean"}, {"mean_w", "人口加权均值", "Weighted mean"},
    {"sd", "标准差", "SD"}, {"min", "最小值", "Minimum"}, {"max", "最大值", "Maximum"},
    {"median", "中位数", "Median"}, {"gini", "基尼系数", "Gini"},
    {"gini_w", "人口加权基尼系数", "Weighted Gini"}, {"cv", "变异系数", "CV"},
    {"cv_w", "威廉姆森指数", "Williamson index"}, {"from", "起始年", "From"},
    {"to", "终止年", "To"}, {"n_years", "年数", "Years"}, {"slope", "斜率", "Slope"},
    {"se", "标准误", "SE"}, {"p", "p值", "p"}, {"r2", "R²", "R²"},
    {"pct_change", "变化（%）", "Change (%)"}, {"level", "层级/显著性水平", "Level"},
    {"verdict", "结论", "Verdict"}, {"method", "方法", "Method"},
    {"component", "组成部分", "Component"}, {"group", "组", "Group"},
    {"share", "占比", "Share"}, {"tier", "等级", "Tier"},
    {"change_prev", "较上期变化", "Change since previous"},
    {"change_base", "较基期变化", "Change since first"}, {"weight", "权重", "Weight"},
    {"info", "信息量", "Information"}, {"kind", "目标类型", "Target kind"},
    {"baseline_year", "基期年", "Baseline year"}, {"baseline", "基期值", "Baseline"},
    {"target_year", "目标年", "Target year"}, {"target", "目标值", "Target"},
    {"progress", "进度", "Progress"}, {"expected", "预期进度", "Expected"},
    {"on_track", "达到预期进度", "On track"}, {"n_meeting", "达标县数", "Counties meeting"},
    {"share_meeting", "达标县比例", "Share meeting"},
    {"pop_share_meeting", "达标人口比例", "Population share meeting"},
    {"tail_shortfall", "未达标县平均差距", "Mean shortfall"}, {"area", "地区", "Area"},
    {"basis", "口径", "Basis"}, {"left_out", "未计入县数", "Left out"},
    {"urban_mean", "城镇均值", "Urban mean"}, {"rural_mean", "农村均值", "Rural mean"},
    {"ratio", "城乡比", "Ratio"}, {"gap", "差值", "Gap"}, {"ratio_of", "比值方向", "Ratio of"},
    {"coordination", "协调等级", "Coordination"}, {"imputed", "插补值个数", "Imputed"},
};

/* Columns of whole numbers. */
static const char *const whole[] = {"year", "from", "to", "n", "n_years", "rank", "rank_change",
                                    "baseline_year", "target_year", "n_meeting", "left_out",
                                    "imputed", "on_track"};

/* Columns in the unit of the row's indicator. */
static const char *const in_unit[] = {"mean", "mean_w", "sd", "sd_w", "min", "max", "median",
                                      "median_w", "range", "urban_mean", "rural_mean", "gap",
                                      "baseline", "target", "tail_shortfall"};

static int in_list(const char *const *v, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i], s) == 0)
            return 1;
    return 0;
}
#define IN(list, s) in_list(list, sizeof list / sizeof list[0], s)

/* What a column of the output sheet holds. */
enum col_kind { C_CSV, C_INDICATOR_NAME, C_REGION_NAME, C_INDEX_NAME, C_DOMAIN_NAME };

/* The cell formats, made once per workbook: libxlsxwriter caches the
 * style index only in the first of several equal formats and hashes a
 * later twin at every cell it formats (a fifth of a run's CPU when each
 * sheet had its own). */
struct formats {
    lxw_format *head, *machine, *dec[13], *text;
};

typedef struct sheet {
    lxw_workbook *wb;
    lxw_worksheet *ws;
    const jh_study *study;
    int en;
    struct formats *fmt;       /* the workbook's, shared by its sheets */
    char *field[MAX_COLS];     /* the current CSV row */
    size_t n_field;
    char *name[MAX_COLS];      /* the CSV header, owned */
    size_t n_name;
    struct { enum col_kind kind; size_t src; } col[2 * MAX_COLS];
    size_t n_col;
    double width[2 * MAX_COLS];
    lxw_row_t row;
    int bad;
} sheet;

static const char *header_word(const sheet *s, const char *machine)
{
    for (size_t i = 0; i < sizeof headers / sizeof headers[0]; i++)
        if (strcmp(headers[i][0], machine) == 0)
            return headers[i][1 + s->en];
    return machine;
}

/* Display width: a CJK character counts as two. */
static double text_width(const char *t)
{
    double w = 0;
    for (const unsigned char *p = (const unsigned char *)t; *p; p++)
        if (*p < 0x80)
            w += 1;
        else if (*p >= 0xe0)
            w += 2;
    return w;
}

static void note_width(sheet *s, size_t c, const char *t)
{
    double w = text_width(t) + 2;
    if (w > s->width[c])
        s->width[c] = w > 60 ? 60 : w;
}

static void plan_columns(sheet *s)
{
    int has_name = 0;
    for (size_t i = 0; i < s->n_name; i++)
        has_name |= strcmp(s->name[i], "name") == 0;
    for (size_t i = 0; i < s->n_name && s->n_col + 2 <= 2 * MAX_COLS; i++) {
        s->col[s->n_col].kind = C_CSV;
        s->col[s->n_col++].src = i;
        enum col_kind extra = strcmp(s->name[i], "indicator") == 0 ? C_INDICATOR_NAME
                            : strcmp(s->name[i], "index") == 0     ? C_INDEX_NAME
                            : strcmp(s->name[i], "domain") == 0    ? C_DOMAIN_NAME
                            : strcmp(s->name[i], "region") == 0 && !has_name ? C_REGION_NAME
                                                                   : C_CSV;
        if (extra != C_CSV && (extra == C_INDEX_NAME || extra == C_DOMAIN_NAME || s->study)) {
            s->col[s->n_col].kind = extra;
            s->col[s->n_col++].src = i;
        }
    }
}

static const char *machine_name(const sheet *s, size_t c)
{
    static const char *const extra[] = {"", "indicator_name", "region_name", "index_name",
                                        "domain_name"};
    return s->col[c].kind == C_CSV ? s->name[s->col[c].src] : extra[s->col[c].kind];
}

static void write_header(sheet *s)
{
    plan_columns(s);
    /* Row by row: the workbook streams each row to disk once it moves on
     * (constant memory), so row 0 must be complete before row 1. */
    for (int r = 0; r < 2; r++)
        for (size_t c = 0; c < s->n_col; c++) {
            const char *m = machine_name(s, c), *t = r ? m : header_word(s, m);
            s->bad |= worksheet_write_string(s->ws, (lxw_row_t)r, (lxw_col_t)c, t,
                                             r ? s->fmt->machine : s->fmt->head) != LXW_NO_ERROR;
            note_width(s, c, t);
        }
    worksheet_freeze_panes(s->ws, 2, 0);
    s->row = 2;
}

/* The field of CSV column named col in the current row, or "". */
static const char *field_named(const sheet *s, const char *col)
{
    for (size_t i = 0; i < s->n_name && i < s->n_field; i++)
        if (strcmp(s->name[i], col) == 0)
            return s->field[i];
    return "";
}

/* How a number of column col in this row is rounded for people. */
static int decimals(const sheet *s, const char *col, double x)
{
    const char *code = field_named(s, "indicator");
    size_t ind = s->study && *code ? jh_intern_find(&s->study->data->indicators, code) : (size_t)-1;
    const char *unit = ind != (size_t)-1 ? jh_study_unit(s->study, ind, s->en ? "en" : "zh") : NULL;
    const char *index = field_named(s, "index");
    if (IN(whole, col))
        return 0;
    if (IN(in_unit, col) || (strcmp(col, "value") == 0 && (!*index || IN(in_unit, index))))
        return jh_format_decimals(x, JH_NUM_VALUE, unit);
    if (strstr(col, "ratio"))
        return jh_format_decimals(x, JH_NUM_RATIO, NULL);
    if (strcmp(col, "pct_change") == 0)
        return jh_format_decimals(x, JH_NUM_PERCENT, NULL);
    return jh_format_decimals(x, JH_NUM_INDEX, NULL);
}

static lxw_format *number_format(sheet *s, int d)
{
    d = d < 0 ? 0 : d > 12 ? 12 : d;
    if (!s->fmt->dec[d]) {
        char f[32] = "0";
        if (d)
            snprintf(f, sizeof f, "0.%.*s", d, "000000000000");
        s->fmt->dec[d] = workbook_add_format(s->wb);
        format_set_num_format(s->fmt->dec[d], f);
    }
    return s->fmt->dec[d];
}

static const char *name_of(const sheet *s, enum col_kind k, const char *code, char *buf,
                           size_t size)
{
    const char *lang = s->en ? "en" : "zh";
    size_t i;
    switch (k) {
    case C_INDICATOR_NAME:
        i = jh_intern_find(&s->study->data->indicators, code);
        return i == (size_t)-1 ? code : jh_study_indicator_label(s->study, i, lang);
    case C_REGION_NAME:
        i = jh_intern_find(&s->study->data->regions, code);
        return i == (size_t)-1 ? code : jh_study_region_label(s->study, i, lang);
    case C_INDEX_NAME:
        return report_index_name(code, s->en, buf, size);
    case C_DOMAIN_NAME: {
        const char *d = report_domain_name(code, s->en);
        return d ? d : code;
    }
    default:
        return code;
    }
}

static void write_cell(sheet *s, size_t c, const char *t)
{
    char buf[256], *end;
    lxw_col_t col = (lxw_col_t)c;
    if (s->col[c].kind != C_CSV) {
        t = name_of(s, s->col[c].kind, t, buf, sizeof buf);
    } else if (*t) {
        errno = 0;
        double x = strtod(t, &end);
        if (!*end && !errno && isfinite(x) && !strchr(t, 'x') && !strchr(t, 'X')) {
            int d = decimals(s, s->name[s->col[c].src], x);
            s->bad |= worksheet_write_number(s->ws, s->row, col, x, number_format(s, d)) != LXW_NO_ERROR;
            /* Room for a number of about ten digits (fewer decimals, fewer). */
            note_width(s, c, &"0000000000"[d > 8 ? 0 : 8 - d]);
            return;
        }
    }
    /* A string cell is never a formula, whatever it begins with. */
    s->bad |= worksheet_write_string(s->ws, s->row, col, t, s->fmt->text) != LXW_NO_ERROR;
    note_width(s, c, t);
}

static void on_field(void *data, size_t len, void *ctx)
{
    sheet *s = ctx;
    if (s->n_field < MAX_COLS && !(s->field[s->n_field++] = strndup(data, len)))
        s->bad = 1;
}

static void on_record(int ch, void *ctx)
{
    sheet *s = ctx;
    (void)ch;
    if (!s->n_name) {
        memcpy(s->name, s->field, s->n_field * sizeof *s->field);
        s->n_name = s->n_field;
        s->n_field = 0;
        write_header(s);
        return;
    }
    for (size_t c = 0; c < s->n_col && !s->bad; c++)
        write_cell(s, c, s->col[c].src < s->n_field && s->field[s->col[c].src] ? s->field[s->col[c].src] : "");
    for (size_t i = 0; i < s->n_field; i++)
        free(s->field[i]);
    s->n_field = 0;
    s->row++;
}

static int read_table(sheet *s, const char *csv_path)
{
    struct csv_parser p;
    char buf[65536];
    size_t n;
    FILE *f = fopen(csv_path, "rb");
    if (!f || csv_init(&p, CSV_APPEND_NULL) != 0) {
        if (f)
            fclose(f);
        return -1;
    }
    for (int first = 1; !s->bad && (n = fread(buf, 1, sizeof buf, f)) > 0; first = 0) {
        /* A BOM written for Excel is not part of the first header. */
        size_t skip = first && n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
        if (csv_parse(&p, buf + skip, n - skip, on_field, on_record, s) != n - skip)
            s->bad = 1;
    }
    csv_fini(&p, on_field, on_record, s);
    csv_free(&p);
    int err = ferror(f);
    fclose(f);
    for (size_t i = 0; i < s->n_field; i++)
        free(s->field[i]);
    s->n_field = 0;
    return err || s->bad ? -1 : 0;
}

static void formats(lxw_workbook *wb, struct formats *f)
{
    f->head = workbook_add_format(wb);
    format_set_bold(f->head);
    format_set_bg_color(f->head, 0xEEF4F9);
    format_set_bottom(f->head, LXW_BORDER_THIN);
    f->machine = workbook_add_format(wb);
    format_set_italic(f->machine);
    format_set_font_color(f->machine, 0x666666);
    format_set_bottom(f->machine, LXW_BORDER_THIN);
    f->text = workbook_add_format(wb);
    format_set_num_format(f->text, "@");
}

int jh_xlsx_tables(const char *path, const char *const *csv, const char *const *name, size_t n,
                   const jh_study *study, const char *lang, long long created)
{
    /* Constant memory: rows go to a temporary file as they are written, so
     * an 800,000-row decomposition does not hold the workbook in memory. */
    lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = NULL};
    lxw_workbook *wb = workbook_new_opt(path, &opt);
    int code = 0;
    if (!wb) {
        fprintf(stderr, "junheng: %s: cannot create the workbook\n", path);
        return 73;
    }
    lxw_doc_properties props = {.title = "junheng tables", .created = (time_t)created};
    workbook_set_properties(wb, &props);
    sheet *s = calloc(1, sizeof *s);
    struct formats fmt = {0};
    formats(wb, &fmt);
    for (size_t i = 0; s && i < n && !code; i++) {
        memset(s, 0, sizeof *s);
        s->wb = wb;
        s->fmt = &fmt;
        s->study = study;
        s->en = lang && strcmp(lang, "en") == 0;
        s->ws = workbook_add_worksheet(wb, name[i]);
        if (!s->ws || read_table(s, csv[i]) != 0) {
            fprintf(stderr, "junheng: %s: cannot read the table into the workbook\n", csv[i]);
            code = 66;
        }
        for (size_t c = 0; s->ws && c < s->n_col; c++)
            worksheet_set_column(s->ws, (lxw_col_t)c, (lxw_col_t)c, s->width[c], NULL);
        for (size_t k = 0; k < s->n_name; k++)
            free(s->name[k]);
    }
    if (!s)
        code = 73;
    free(s);
    lxw_error e = workbook_close(wb);
    if (!code && e != LXW_NO_ERROR) {
        /* A full disk, most likely: an I/O error, like any table's. */
        fprintf(stderr, "junheng: %s: write error: %s\n", path, lxw_strerror(e));
        code = 74;
    }
    if (code)
        remove(path);
    return code;
}
