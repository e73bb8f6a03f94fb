/* The regions catalog: one row per county-level region, with any number of
 * parent levels kept as named attribute columns so that later commands can
 * group by any of them ("prefecture", "prefecture_code", "province", …). */
#include <stdlib.h>
#include <string.h>
#include "catalog_internal.h"

/* Names of the known columns, canonical name first (JH_REGION_COL_*). */
static const char *const known_names[JH_REGION_COL_COUNT][8] = {
    [JH_REGION_COL_CODE] = {"code", "region_code", "代码", "行政区划代码", "地区代码",
                            "区划代码", NULL},
    [JH_REGION_COL_NAME] = {"name", "region_name", "名称", "地区", "地区名称",
                            "县（市、区）", NULL},
    [JH_REGION_COL_NAME_EN] = {"name_en", "英文名称", NULL},
    [JH_REGION_COL_TYPE] = {"type", "类型", NULL},
    [JH_REGION_COL_CLASS] = {"class", "城乡", NULL},
    [JH_REGION_COL_NOTE] = {"note", "备注", NULL},
};

/* Accepted spellings of each type and class, indexed by the enum value. */
static const char *const type_names[JH_REGION_TYPE_COUNT][3] = {
    [JH_REGION_DISTRICT] = {"district", "市辖区", NULL},
    [JH_REGION_COUNTY] = {"county", "县", NULL},
    [JH_REGION_COUNTY_CITY] = {"county_city", "县级市", NULL},
    [JH_REGION_AUTONOMOUS_COUNTY] = {"autonomous_county", "自治县", NULL},
};
static const char *const class_names[JH_REGION_CLASS_COUNT][3] = {
    [JH_REGION_URBAN] = {"urban", "城镇", NULL},
    [JH_REGION_RURAL] = {"rural", "农村", NULL},
};

const char *jh_region_type_name(jh_region_type t)
{
    return t > JH_REGION_TYPE_NONE && t < JH_REGION_TYPE_COUNT ? type_names[t][0] : "";
}

const char *jh_region_class_name(jh_region_class c)
{
    return c > JH_REGION_CLASS_NONE && c < JH_REGION_CLASS_COUNT ? class_names[c][0] : "";
}

/* A trimmed copy of text: in buf when it fits, else malloc'ed (free it when
 * the result is not buf).  NULL when out of memory. */
static char *trim_copy(const char *text, char *buf, size_t size)
{
    size_t len = strlen(text);
    char *t = len < size ? buf : malloc(len + 1);
    if (t) {
        memcpy(t, text, len);
        jh_row_trim(t, len);
    }
    return t;
}

/* Index k >= 1 of the row of names whose spelling matches text (after
 * trimming), 0 for an empty text, -1 for none. */
static int match_enum(const char *text, const char *const names[][3], int count)
{
    char buf[64];
    int found = -1;
    char *t = trim_copy(text, buf, sizeof buf);
    if (!t)
        return -1;
    if (!*t)
        found = 0;
    for (int k = 1; k < count && found < 0; k++)
        if (jh_cat_match(t, names[k]) >= 0)
            found = k;
    if (t != buf)
        free(t);
    return found;
}

int jh_region_type_parse(const char *text, jh_region_type *t)
{
    int k = text && t ? match_enum(text, type_names, JH_REGION_TYPE_COUNT) : -1;
    if (k < 0)
        return -1;
    *t = (jh_region_type)k;
    return 0;
}

int jh_region_class_parse(const char *text, jh_region_class *c)
{
    int k = text && c ? match_enum(text, class_names, JH_REGION_CLASS_COUNT) : -1;
    if (k < 0)
        return -1;
    *c = (jh_region_class)k;
    return 0;
}

/* What a column of the file holds. */
#define COL_SKIP (-1) /* a column with an empty header: ignored */
#define COL_ATTR (-2) /* an attribute column (index in col_attr) */

struct ctx {
    jh_region_catalog *cat;  /* being built */
    int *col_kind;           /* [field] JH_REGION_COL_*, COL_ATTR or COL_SKIP */
    size_t *col_attr;        /* [field] attribute index for COL_ATTR */
    int known_at[JH_REGION_COL_COUNT]; /* field of each known column, or -1 */
    size_t cap;              /* regions allocated in the arrays */
};

static int header_error(const jh_cat_row *row, size_t f, const char *what, size_t g)
{
    jh_diag_add(row->diag, JH_DIAG_ERROR, row->path, row->line, f + 1,
                "column '%s' %s column %zu ('%s')", row->cell[f].text, what, g + 1,
                row->cell[g].text);
    return JH_EPARSE;
}

static int on_header(void *vctx, const jh_cat_row *row)
{
    struct ctx *c = vctx;
    jh_region_catalog *cat = c->cat;
    int rc = JH_OK;
    c->col_kind = malloc(row->n * sizeof *c->col_kind);
    c->col_attr = malloc(row->n * sizeof *c->col_attr);
    cat->attr_name = calloc(row->n, sizeof *cat->attr_name);
    cat->attr = calloc(row->n, sizeof *cat->attr);
    if (!c->col_kind || !c->col_attr || !cat->attr_name || !cat->attr)
        return JH_ENOMEM;
    for (size_t f = 0; f < row->n; f++) {
        const char *name = row->cell[f].text;
        int k = COL_SKIP;
        c->col_attr[f] = JH_CATALOG_NONE;
        if (*name)
            k = COL_ATTR;
        for (int j = 0; j < JH_REGION_COL_COUNT && *name; j++)
            if (jh_cat_match(name, known_names[j]) >= 0)
                k = j;
        if (k >= 0 && c->known_at[k] >= 0) {
            rc = header_error(row, f, "plays the same part as", (size_t)c->known_at[k]);
        } else if (k >= 0) {
            c->known_at[k] = (int)f;
            cat->known |= 1u << k;
        } else if (k == COL_ATTR) {
            for (size_t g = 0; g < f; g++)
                if (c->col_kind[g] == COL_ATTR && jh_cat_ascii_ieq(name, row->cell[g].text))
                    rc = header_error(row, f, "has the same name as", g);
            c->col_attr[f] = cat->n_attrs;
            if (!(cat->attr_name[cat->n_attrs++] = jh_cat_strdup(name)))
                return JH_ENOMEM;
        }
        c->col_kind[f] = k;
    }
    if (c->known_at[JH_REGION_COL_CODE] < 0) {
        jh_diag_add(row->diag, JH_DIAG_ERROR, row->path, row->line, 0,
                    "missing column 'code' (a regions catalog needs one code per region)");
        rc = JH_EPARSE;
    }
    return rc;
}

static int grow(struct ctx *c)
{
    jh_region_catalog *cat = c->cat;
    size_t cap = c->cap ? 2 * c->cap : 64;
#define GROW(p)                                              \
    do {                                                     \
        void *q_ = realloc((p), cap * sizeof *(p));          \
        if (!q_)                                             \
            return -1;                                       \
        (p) = q_;                                            \
    } while (0)
    GROW(cat->name);
    GROW(cat->name_en);
    GROW(cat->note);
    GROW(cat->type);
    GROW(cat->type_other);
    GROW(cat->cls);
    GROW(cat->line);
    for (size_t a = 0; a < cat->n_attrs; a++)
        GROW(cat->attr[a]);
#undef GROW
    c->cap = cap;
    return 0;
}

/* Text of known column k in this row, or "" when the file has no such
 * column. */
static const char *known_text(const struct ctx *c, const jh_cat_row *row, int k)
{
    return c->known_at[k] >= 0 ? row->cell[c->known_at[k]].text : "";
}

/* Parses type and class; reports a bad class.  A type is free text: one
 * not recognised is JH_REGION_TYPE_OTHER.  Returns 0, or -1 on an error. */
static int parse_enums(const struct ctx *c, const jh_cat_row *row, jh_region_type *t,
                       jh_region_class *cl)
{
    int bad = 0;
    if (jh_region_type_parse(known_text(c, row, JH_REGION_COL_TYPE), t))
        *t = JH_REGION_TYPE_OTHER;
    if (jh_region_class_parse(known_text(c, row, JH_REGION_COL_CLASS), cl)) {
        int f = c->known_at[JH_REGION_COL_CLASS];
        jh_diag_add(row->diag, JH_DIAG_ERROR, row->path, row->cell[f].line,
                    (unsigned long)f + 1,
                    "unknown urban-rural class \"%s\" (expected urban, rural, 城镇 or 农村)",
                    row->cell[f].text);
        *cl = JH_REGION_CLASS_NONE;
        bad = 1;
    }
    return bad ? -1 : 0;
}

static int on_row(void *vctx, const jh_cat_row *row)
{
    struct ctx *c = vctx;
    jh_region_catalog *cat = c->cat;
    int fc = c->known_at[JH_REGION_COL_CODE];
    const jh_cat_cell *code = &row->cell[fc];
    jh_region_type t;
    jh_region_class cl;
    parse_enums(c, row, &t, &cl);
    if (!code->len) {
        jh_diag_add(row->diag, JH_DIAG_ERROR, row->path, code->line, (unsigned long)fc + 1,
                    "empty region code (column '%s')", row->header[fc]);
        return JH_OK;
    }
    int added;
    size_t r = jh_intern_add(&cat->codes, code->text, code->len, &added);
    if (r == JH_CATALOG_NONE)
        return JH_ENOMEM;
    if (!added) {
        jh_diag_add(row->diag, JH_DIAG_ERROR, row->path, code->line, (unsigned long)fc + 1,
                    "duplicate region code \"%s\" (first at %s:%lu)", code->text, row->path,
                    cat->line[r]);
        return JH_OK;
    }
    /* A new code: r == cat->n.  The arrays grow before anything can fail
     * half-way, so that free sees n consistent entries in every array. */
    if (cat->n == c->cap && grow(c))
        return JH_ENOMEM;
    cat->line[r] = row->line;
    cat->type[r] = t;
    cat->cls[r] = cl;
    cat->name[r] = cat->name_en[r] = cat->note[r] = cat->type_other[r] = NULL;
    for (size_t a = 0; a < cat->n_attrs; a++)
        cat->attr[a][r] = NULL;
    cat->n++;
    if (!(cat->name[r] = jh_cat_strdup(known_text(c, row, JH_REGION_COL_NAME))) ||
        !(cat->name_en[r] = jh_cat_strdup(known_text(c, row, JH_REGION_COL_NAME_EN))) ||
        !(cat->note[r] = jh_cat_strdup(known_text(c, row, JH_REGION_COL_NOTE))))
        return JH_ENOMEM;
    if (t == JH_REGION_TYPE_OTHER &&
        !(cat->type_other[r] = trim_copy(known_text(c, row, JH_REGION_COL_TYPE), NULL, 0)))
        return JH_ENOMEM;
    for (size_t f = 0; f < row->n; f++)
        if (c->col_kind[f] == COL_ATTR &&
            !(cat->attr[c->col_attr[f]][r] = jh_cat_strdup(row->cell[f].text)))
            return JH_ENOMEM;
    return JH_OK;
}

void jh_region_catalog_free(jh_region_catalog *cat)
{
    if (!cat)
        return;
    for (size_t r = 0; r < cat->n; r++) {
        free(cat->name[r]);
        free(cat->name_en[r]);
        free(cat->note[r]);
        free(cat->type_other[r]);
        for (size_t a = 0; a < cat->n_attrs; a++)
            free(cat->attr[a][r]);
    }
    for (size_t a = 0; a < cat->n_attrs; a++) {
        free(cat->attr[a]);
        free(cat->attr_name[a]);
    }
    free(cat->attr);
    free(cat->attr_name);
    free(cat->name);
    free(cat->name_en);
    free(cat->note);
    free(cat->type);
    free(cat->type_other);
    free(cat->cls);
    free((void *)cat->type_text);
    free((void *)cat->class_text);
    free(cat->line);
    free(cat->path);
    jh_intern_clear(&cat->codes);
    free(cat);
}

/* The static-string views of type and class, for jh_region_catalog_column. */
static int make_texts(jh_region_catalog *cat)
{
    cat->type_text = malloc(cat->n * sizeof *cat->type_text);
    cat->class_text = malloc(cat->n * sizeof *cat->class_text);
    if (!cat->type_text || !cat->class_text)
        return -1;
    for (size_t r = 0; r < cat->n; r++) {
        cat->type_text[r] = cat->type_other[r] ? cat->type_other[r]
                                               : jh_region_type_name(cat->type[r]);
        cat->class_text[r] = jh_region_class_name(cat->cls[r]);
    }
    return 0;
}

int jh_region_catalog_read(const char *path, jh_diag *diag, jh_region_catalog **out)
{
    if (!out)
        return JH_EINVAL;
    *out = NULL;
    if (!path || !diag)
        return JH_EINVAL;
    struct ctx c = {.cat = calloc(1, sizeof *c.cat)};
    if (!c.cat)
        return JH_ENOMEM;
    for (int k = 0; k < JH_REGION_COL_COUNT; k++)
        c.known_at[k] = -1;
    jh_intern_init(&c.cat->codes);
    size_t errors_before = diag->n_errors;
    int rc = jh_cat_read(path, diag, on_header, on_row, &c, NULL);
    if (rc == JH_OK && c.cat->n == 0) {
        jh_diag_add(diag, JH_DIAG_ERROR, path, 0, 0,
                    "no regions (the file has a header but no rows)");
        rc = JH_EPARSE;
    }
    if (rc == JH_OK && diag->n_errors > errors_before)
        rc = JH_EPARSE;
    if (rc == JH_OK && (make_texts(c.cat) || !(c.cat->path = jh_cat_strdup(path))))
        rc = JH_ENOMEM;
    free(c.col_kind);
    free(c.col_attr);
    if (rc != JH_OK) {
        jh_region_catalog_free(c.cat);
        return rc;
    }
    *out = c.cat;
    return JH_OK;
}

size_t jh_region_catalog_find(const jh_region_catalog *cat, const char *code)
{
    char buf[64];
    if (!cat || !code)
        return JH_CATALOG_NONE;
    char *t = trim_copy(code, buf, sizeof buf);
    size_t r = t ? jh_intern_find(&cat->codes, t) : JH_CATALOG_NONE;
    if (t != buf)
        free(t);
    return r;
}

/* The column called name (trimmed), or NULL. */
static const char *const *find_column(const jh_region_catalog *cat, const char *name)
{
    for (size_t a = 0; a < cat->n_attrs; a++)
        if (jh_cat_ascii_ieq(name, cat->attr_name[a]))
            return (const char *const *)cat->attr[a];
    for (int k = 0; k < JH_REGION_COL_COUNT; k++) {
        if (!(cat->known & (1u << k)) || jh_cat_match(name, known_names[k]) < 0)
            continue;
        switch (k) {
        case JH_REGION_COL_CODE: return (const char *const *)cat->codes.str;
        case JH_REGION_COL_NAME: return (const char *const *)cat->name;
        case JH_REGION_COL_NAME_EN: return (const char *const *)cat->name_en;
        case JH_REGION_COL_TYPE: return cat->type_text;
        case JH_REGION_COL_CLASS: return cat->class_text;
        default: return (const char *const *)cat->note;
        }
    }
    return NULL;
}

const char *const *jh_region_catalog_column(const jh_region_catalog *cat, const char *name)
{
    char buf[128];
    if (!cat || !name)
        return NULL;
    char *t = trim_copy(name, buf, sizeof buf);
    const char *const *col = t ? find_column(cat, t) : NULL;
    if (t != buf)
        free(t);
    return col;
}
