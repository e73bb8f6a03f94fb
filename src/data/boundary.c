/* County boundaries from GeoJSON (jansson) or an ESRI shapefile
 * (shapelib).  See include/junheng/boundary.h. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include <shapefil.h>
#include "junheng/boundary.h"
#include "junheng/grow.h"
#include "junheng/intern.h"
#include "junheng/status.h"

/* ---- collecting rings ------------------------------------------------------ */

struct ring_tmp {
    size_t feat, order, start, n;
    unsigned char hole;
};

struct collector {
    const char *path;
    jh_diag *diag;
    char **code, **name;
    size_t n_feat, cap_feat;
    jh_intern seen;           /* the codes hashed: feature k is entry k */
    struct ring_tmp *ring;
    size_t n_ring, cap_ring;
    double *xy;
    size_t n_pt, cap_pt;      /* points (pairs) */
};

/* The feature of code, added when new: features with one code merge. */
static int feature_of(struct collector *c, const char *code, const char *name, size_t *f)
{
    int added = 0;
    size_t k = jh_intern_add(&c->seen, code, strlen(code), &added);
    if (k == (size_t)-1)
        return JH_ENOMEM;
    if (!added) {
        *f = k;
        return JH_OK;
    }
    size_t cap = c->cap_feat;
    if (jh_grow((void **)&c->code, &cap, c->n_feat + 1, sizeof *c->code) ||
        jh_grow((void **)&c->name, &c->cap_feat, c->n_feat + 1, sizeof *c->name))
        return JH_ENOMEM;
    c->code[c->n_feat] = strdup(code);
    c->name[c->n_feat] = strdup(name ? name : "");
    if (!c->code[c->n_feat] || !c->name[c->n_feat]) {
        free(c->code[c->n_feat]);
        free(c->name[c->n_feat]);
        return JH_ENOMEM;
    }
    *f = c->n_feat++;
    return JH_OK;
}

static int add_point(struct collector *c, double x, double y)
{
    if (jh_grow((void **)&c->xy, &c->cap_pt, c->n_pt + 1, 2 * sizeof *c->xy))
        return JH_ENOMEM;
    c->xy[2 * c->n_pt] = x;
    c->xy[2 * c->n_pt + 1] = y;
    c->n_pt++;
    return JH_OK;
}

/* Drops consecutive repeats and the closing repeat of the first point.
 * Returns the number of points left. */
static size_t ring_clean(double *xy, size_t n)
{
    size_t m = 0;
    for (size_t k = 0; k < n; k++)
        if (!m || xy[2 * k] != xy[2 * (m - 1)] || xy[2 * k + 1] != xy[2 * (m - 1) + 1]) {
            xy[2 * m] = xy[2 * k];
            xy[2 * m + 1] = xy[2 * k + 1];
            m++;
        }
    while (m > 1 && xy[0] == xy[2 * (m - 1)] && xy[1] == xy[2 * (m - 1) + 1])
        m--;
    return m;
}

/* Ends the ring begun at point `start`: cleaned, kept when it has 3
 * points or more. */
static int end_ring(struct collector *c, size_t f, size_t start, int hole, const char *what)
{
    size_t m = ring_clean(c->xy + 2 * start, c->n_pt - start);
    c->n_pt = start + m;
    if (m < 3) {
        jh_diag_add(c->diag, JH_DIAG_WARNING, c->path, 0, 0,
                    "%s of region %s has fewer than 3 distinct points; ring left out", what,
                    c->code[f]);
        c->n_pt = start;
        return JH_OK;
    }
    if (jh_grow((void **)&c->ring, &c->cap_ring, c->n_ring + 1, sizeof *c->ring))
        return JH_ENOMEM;
    c->ring[c->n_ring] = (struct ring_tmp){f, c->n_ring, start, m, (unsigned char)(hole != 0)};
    c->n_ring++;
    return JH_OK;
}

static void collector_free(struct collector *c)
{
    for (size_t i = 0; i < c->n_feat; i++) {
        free(c->code[i]);
        free(c->name[i]);
    }
    free(c->code);
    free(c->name);
    jh_intern_clear(&c->seen);
    free(c->ring);
    free(c->xy);
}

static int cmp_ring(const void *a, const void *b)
{
    const struct ring_tmp *x = a, *y = b;
    if (x->feat != y->feat)
        return x->feat < y->feat ? -1 : 1;
    return (x->order > y->order) - (x->order < y->order);
}

/* Flattens the rings, feature by feature, into b->shapes. */
static int flatten(struct collector *c, jh_boundaries *b)
{
    jh_shapes *s = &b->shapes;
    if (c->n_ring > 1) /* c->ring is NULL when every ring was dropped */
        qsort(c->ring, c->n_ring, sizeof *c->ring, cmp_ring);
    s->n = c->n_feat;
    s->feat_ring = calloc(c->n_feat + 1, sizeof *s->feat_ring);
    s->ring_pt = calloc(c->n_ring + 1, sizeof *s->ring_pt);
    s->hole = malloc(c->n_ring + 1);
    s->xy = malloc((2 * c->n_pt + 1) * sizeof *s->xy);
    if (!s->feat_ring || !s->ring_pt || !s->hole || !s->xy)
        return JH_ENOMEM;
    for (size_t r = 0; r < c->n_ring; r++) {
        const struct ring_tmp *t = &c->ring[r];
        s->feat_ring[t->feat + 1]++;
        memcpy(s->xy + 2 * s->n_points, c->xy + 2 * t->start, 2 * t->n * sizeof *s->xy);
        s->n_points += t->n;
        s->ring_pt[r + 1] = s->n_points;
        s->hole[r] = t->hole;
    }
    s->n_rings = c->n_ring;
    for (size_t f = 0; f < c->n_feat; f++)
        s->feat_ring[f + 1] += s->feat_ring[f];
    b->code = c->code;
    b->name = c->name;
    c->code = c->name = NULL;
    c->n_feat = 0;
    return JH_OK;
}

void jh_boundaries_free(jh_boundaries *b)
{
    if (!b)
        return;
    for (size_t i = 0; b->code && i < b->shapes.n; i++) {
        free(b->code[i]);
        free(b->name[i]);
    }
    free(b->code);
    free(b->name);
    free(b->shapes.feat_ring);
    free(b->shapes.ring_pt);
    free(b->shapes.hole);
    free(b->shapes.xy);
    free(b);
}

size_t jh_boundaries_find(const jh_boundaries *b, const char *code)
{
    for (size_t i = 0; b && i < b->shapes.n; i++)
        if (!strcmp(b->code[i], code))
            return i;
    return (size_t)-1;
}

int jh_boundaries_project(const jh_boundaries *b, jh_albers *proj, double **xy_km)
{
    jh_albers a;
    if (!b || !xy_km)
        return JH_EINVAL;
    int rc = jh_albers_fit(&b->shapes, &a);
    if (rc)
        return rc;
    double *xy = malloc(2 * b->shapes.n_points * sizeof *xy);
    if (!xy)
        return JH_ENOMEM;
    for (size_t i = 0; i < b->shapes.n_points; i++)
        jh_albers_forward(&a, b->shapes.xy[2 * i], b->shapes.xy[2 * i + 1], &xy[2 * i],
                          &xy[2 * i + 1]);
    if (proj)
        *proj = a;
    *xy_km = xy;
    return JH_OK;
}

int jh_boundaries_contiguity(const jh_boundaries *b, double tol_km, double min_border_km,
                             jh_contact **out, size_t *n_out)
{
    double *xy = NULL;
    int rc = jh_boundaries_project(b, NULL, &xy);
    if (rc)
        return rc;
    jh_shapes s = b->shapes;
    s.xy = xy;
    rc = jh_contiguity(&s, tol_km, min_border_km, out, n_out);
    free(xy);
    return rc;
}

/* ---- codes ------------------------------------------------------------- */

/* A code as text: trimmed; a number with only zeros after the decimal
 * point loses them (DBF numeric fields, GeoJSON reals). */
static void normalise_code(char *s)
{
    char *p = s;
    while (isspace((unsigned char)*p))
        p++;
    memmove(s, p, strlen(p) + 1);
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        s[--n] = '\0';
    char *dot = strchr(s, '.');
    if (dot && dot > s && strspn(s, "0123456789") == (size_t)(dot - s) &&
        strspn(dot + 1, "0") == strlen(dot + 1))
        *dot = '\0';
}

static const char *const default_keys[] = {"adcode", "code", "区划代码"};

/* ---- GeoJSON ------------------------------------------------------------ */

static int json_ring(struct collector *c, size_t f, json_t *ring, int hole, size_t k)
{
    size_t start = c->n_pt, i;
    json_t *pos;
    if (!json_is_array(ring))
        goto bad;
    json_array_foreach(ring, i, pos) {
        json_t *x = json_array_get(pos, 0), *y = json_array_get(pos, 1);
        if (!json_is_number(x) || !json_is_number(y) || !isfinite(json_number_value(x)) ||
            !isfinite(json_number_value(y)))
            goto bad;
        if (add_point(c, json_number_value(x), json_number_value(y)))
            return JH_ENOMEM;
    }
    return end_ring(c, f, start, hole, hole ? "a hole" : "an outer ring");
bad:
    c->n_pt = start;
    jh_diag_add(c->diag, JH_DIAG_ERROR, c->path, 0, 0,
                "feature %zu (region %s): a ring is not a list of [longitude, latitude] "
                "numbers", k + 1, c->code[f]);
    return JH_EPARSE;
}

static int json_polygon(struct collector *c, size_t f, json_t *poly, size_t k)
{
    size_t i;
    json_t *ring;
    if (!json_is_array(poly))
        return json_ring(c, f, poly, 0, k);
    json_array_foreach(poly, i, ring) {
        int rc = json_ring(c, f, ring, i > 0, k);
        if (rc)
            return rc;
    }
    return JH_OK;
}

static int json_geometry(struct collector *c, size_t f, json_t *geom, size_t k)
{
    const char *type = json_string_value(json_object_get(geom, "type"));
    json_t *coords = json_object_get(geom, "coordinates"), *poly;
    size_t i;
    if (type && !strcmp(type, "Polygon") && json_is_array(coords))
        return json_polygon(c, f, coords, k);
    if (type && !strcmp(type, "MultiPolygon") && json_is_array(coords)) {
        json_array_foreach(coords, i, poly) {
            int rc = json_polygon(c, f, poly, k);
            if (rc)
                return rc;
        }
        return JH_OK;
    }
    jh_diag_add(c->diag, JH_DIAG_ERROR, c->path, 0, 0,
                "feature %zu (region %s): geometry type '%s' is not a polygon (expected "
                "Polygon or MultiPolygon)", k + 1, c->code[f], type ? type : "?");
    return JH_EPARSE;
}

static int json_code(struct collector *c, json_t *v, size_t k, const char *key, char *buf,
                     size_t cap)
{
    if (json_is_integer(v))
        snprintf(buf, cap, "%lld", (long long)json_integer_value(v));
    else if (json_is_real(v) && isfinite(json_real_value(v)))
        snprintf(buf, cap, "%.17g", json_real_value(v));
    else if (json_is_string(v) && json_string_length(v) > 0)
        snprintf(buf, cap, "%s", json_string_value(v));
    else {
        jh_diag_add(c->diag, JH_DIAG_ERROR, c->path, 0, 0,
                    "feature %zu has no code in property '%s' (expected a number or text)",
                    k + 1, key);
        return JH_EPARSE;
    }
    normalise_code(buf);
    return JH_OK;
}

static const char *json_name(json_t *props)
{
    const char *keys[] = {"name", "NAME", "名称"};
    for (size_t i = 0; i < 3; i++) {
        const char *s = json_string_value(json_object_get(props, keys[i]));
        if (s)
            return s;
    }
    return "";
}

static int json_feature(struct collector *c, json_t *feat, size_t k, const char *key)
{
    json_t *props = json_object_get(feat, "properties"), *geom = json_object_get(feat, "geometry");
    char code[128];
    size_t f;
    int rc = json_code(c, json_object_get(props, key), k, key, code, sizeof code);
    if (rc)
        return rc;
    if (!json_is_object(geom)) {
        jh_diag_add(c->diag, JH_DIAG_WARNING, c->path, 0, 0,
                    "feature %zu (region %s) has no geometry; left out", k + 1, code);
        return JH_OK;
    }
    rc = feature_of(c, code, json_name(props), &f);
    return rc ? rc : json_geometry(c, f, geom, k);
}

static const char *pick_json_key(json_t *features, const char *key)
{
    if (key)
        return key;
    json_t *props = json_object_get(json_array_get(features, 0), "properties");
    for (size_t i = 0; i < sizeof default_keys / sizeof *default_keys; i++)
        if (json_object_get(props, default_keys[i]))
            return default_keys[i];
    return default_keys[0];
}

static int read_geojson(struct collector *c, const char *key)
{
    json_error_t err;
    json_t *root = json_load_file(c->path, 0, &err);
    if (!root) {
        FILE *probe = fopen(c->path, "rb");
        if (!probe) {
            jh_diag_add(c->diag, JH_DIAG_ERROR, c->path, 0, 0, "cannot open the file");
            return JH_ENOTFOUND;
        }
        fclose(probe);
        jh_diag_add(c->diag, JH_DIAG_ERROR, c->path, (unsigned long)(err.line > 0 ? err.line : 0),
                    (unsigned long)(err.column > 0 ? err.column : 0), "not valid JSON: %s",
                    err.text);
        return JH_EPARSE;
    }
    json_t *features = json_object_get(root, "features"), *feat;
    const char *type = json_string_value(json_object_get(root, "type"));
    int rc = JH_OK;
    size_t k;
    if (!type || strcmp(type, "FeatureCollection") || !json_is_array(features)) {
        jh_diag_add(c->diag, JH_DIAG_ERROR, c->path, 0, 0,
                    "not a GeoJSON FeatureCollection (expected \"type\": "
                    "\"FeatureCollection\" and a \"features\" list)");
        rc = JH_EPARSE;
    } else {
        key = pick_json_key(features, key);
        json_array_foreach(features, k, feat) {
            if ((rc = json_feature(c, feat, k, key)))
                break;
        }
    }
    json_decref(root);
    return rc;
}

/* ---- shapefile ------------------------------------------------------------- */

/* Signed area (shoelace): positive when counter-clockwise. */
static double signed_area(const double *x, const double *y, size_t n)
{
    long double a = 0;
    for (size_t k = 0; k < n; k++) {
        size_t k1 = k + 1 < n ? k + 1 : 0;
        a += (long double)x[k] * y[k1] - (long double)x[k1] * y[k];
    }
    return (double)a / 2;
}

static int shp_object(struct collector *c, SHPObject *o, size_t f)
{
    for (int p = 0; p < o->nParts; p++) {
        int b = o->panPartStart[p], e = p + 1 < o->nParts ? o->panPartStart[p + 1] : o->nVertices;
        size_t start = c->n_pt;
        for (int v = b; v < e; v++) {
            if (!isfinite(o->padfX[v]) || !isfinite(o->padfY[v]))
                continue;
            if (add_point(c, o->padfX[v], o->padfY[v]))
                return JH_ENOMEM;
        }
        int hole = signed_area(o->padfX + b, o->padfY + b, (size_t)(e - b)) > 0;
        int rc = end_ring(c, f, start, hole, hole ? "a hole" : "an outer ring");
        if (rc)
            return rc;
    }
    return JH_OK;
}

static int shp_key_field(struct collector *c, DBFHandle dbf, const char *key, int *field)
{
    for (size_t i = 0; !key && i < sizeof default_keys / sizeof *default_keys; i++)
        if (DBFGetFieldIndex(dbf, default_keys[i]) >= 0)
            key = default_keys[i];
    *field = DBFGetFieldIndex(dbf, key ? key : default_keys[0]);
    if (*field >= 0)
        return JH_OK;
    jh_diag_add(c->diag, JH_DIAG_ERROR, c->path, 0, 0,
                "the attribute table has no field '%s' (expected the region code; "
                "name it with --boundary-key)", key ? key : "adcode, code or 区划代码");
    return JH_EPARSE;
}

static int shp_entity(struct collector *c, SHPHandle shp, DBFHandle dbf, int i, int field,
                      int name_field)
{
    char code[128];
    const char *raw = DBFIsAttributeNULL(dbf, i, field) ? "" : DBFReadStringAttribute(dbf, i, field);
    snprintf(code, sizeof code, "%s", raw ? raw : "");
    normalise_code(code);
    if (!*code) {
        jh_diag_add(c->diag, JH_DIAG_ERROR, c->path, 0, 0,
                    "record %d has no code (expected the region code)", i + 1);
        return JH_EPARSE;
    }
    SHPObject *o = SHPReadObject(shp, i);
    if (!o || o->nParts == 0) {
        jh_diag_add(c->diag, JH_DIAG_WARNING, c->path, 0, 0,
                    "record %d (region %s) has no geometry; left out", i + 1, code);
        SHPDestroyObject(o);
        return JH_OK;
    }
    size_t f;
    int rc = feature_of(c, code, name_field >= 0 ? DBFReadStringAttribute(dbf, i, name_field) : "", &f);
    if (!rc)
        rc = shp_object(c, o, f);
    SHPDestroyObject(o);
    return rc;
}

/* shapelib reports errors by printing them; the library must not print,
 * and says what failed itself. */
static void shp_quiet(const char *message)
{
    (void)message;
}

static int read_shapefile(struct collector *c, const char *key)
{
    SAHooks hooks;
    SASetupDefaultHooks(&hooks);
    hooks.Error = shp_quiet;
    SHPHandle shp = SHPOpenLL(c->path, "rb", &hooks);
    DBFHandle dbf = shp ? DBFOpenLL(c->path, "rb", &hooks) : NULL;
    int n = 0, type = 0, field = -1, rc = JH_OK;
    if (!shp || !dbf) {
        jh_diag_add(c->diag, JH_DIAG_ERROR, c->path, 0, 0,
                    shp ? "cannot open the attribute table (.dbf) beside it"
                        : "cannot open the shapefile (expected .shp and .shx)");
        rc = JH_ENOTFOUND;
    }
    if (!rc)
        SHPGetInfo(shp, &n, &type, NULL, NULL);
    if (!rc && type != SHPT_POLYGON && type != SHPT_POLYGONZ && type != SHPT_POLYGONM) {
        jh_diag_add(c->diag, JH_DIAG_ERROR, c->path, 0, 0,
                    "shapes of type %d are not polygons (expected polygon shapes)", type);
        rc = JH_EPARSE;
    }
    if (!rc)
        rc = shp_key_field(c, dbf, key, &field);
    int name_field = dbf ? DBFGetFieldIndex(dbf, "name") : -1;
    for (int i = 0; !rc && i < n; i++)
        rc = shp_entity(c, shp, dbf, i, field, name_field);
    if (dbf)
        DBFClose(dbf);
    if (shp)
        SHPClose(shp);
    return rc;
}

/* ---- entry ---------------------------------------------------------------- */

/* Every point must be longitude/latitude in degrees: a file in a projected
 * system (metres) would otherwise be taken for degrees, and its borders,
 * thousands of "degrees" long, cut into pieces of the tolerance would keep
 * the neighbour search busy for hours. */
static int check_degrees(const struct collector *c)
{
    for (size_t r = 0; r < c->n_ring; r++)
        for (size_t k = c->ring[r].start; k < c->ring[r].start + c->ring[r].n; k++) {
            double x = c->xy[2 * k], y = c->xy[2 * k + 1];
            if (fabs(x) <= 180 && fabs(y) <= 90)
                continue;
            jh_diag_add(c->diag, JH_DIAG_ERROR, c->path, 0, 0,
                        "region %s: point (%.10g, %.10g) is not longitude/latitude in degrees "
                        "(expected -180..180, -90..90); reproject a file in metres first, "
                        "e.g. ogr2ogr -t_srs EPSG:4326 out.geojson in.shp",
                        c->code[c->ring[r].feat], x, y);
            return JH_EPARSE;
        }
    return JH_OK;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    if (n < m)
        return 0;
    for (size_t i = 0; i < m; i++)
        if (tolower((unsigned char)s[n - m + i]) != suffix[i])
            return 0;
    return 1;
}

int jh_boundaries_read(const char *path, const char *key, jh_boundaries **out,
                       jh_diag *diag)
{
    if (!path || !out || !diag)
        return JH_EINVAL;
    *out = NULL;
    struct collector c = {.path = path, .diag = diag};
    int rc = ends_with(path, ".shp") ? read_shapefile(&c, key) : read_geojson(&c, key);
    jh_boundaries *b = rc ? NULL : calloc(1, sizeof *b);
    if (!rc && !b)
        rc = JH_ENOMEM;
    if (!rc && !c.n_feat) {
        jh_diag_add(diag, JH_DIAG_ERROR, path, 0, 0, "no polygon in the file");
        rc = JH_EPARSE;
    }
    if (!rc)
        rc = check_degrees(&c);
    if (!rc)
        rc = flatten(&c, b);
    collector_free(&c);
    if (rc) {
        jh_boundaries_free(b);
        return rc;
    }
    *out = b;
    return JH_OK;
}
