/* Unit tests for src/data/boundary.c: the same hand-made polygons written
 * as GeoJSON and as an ESRI shapefile (through shapelib) read into the
 * same shapes and give the same neighbours; codes, holes, merged
 * features, bad files. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <shapefil.h>

#include "junheng/boundary.h"
#include "junheng/geom.h"
#include "junheng/status.h"

/* Four 0.1-degree cells near Changchun, A (SW) B (SE) C (NE) D (NW); D
 * has a hole that is county E.  Outer rings clockwise as a shapefile
 * wants them (GeoJSON does not care). */
#define X0 125.0
#define Y0 43.0
static const double cell[4][2] = {{X0, Y0}, {X0 + .1, Y0}, {X0 + .1, Y0 + .1}, {X0, Y0 + .1}};
static const char *const codes[] = {"220101", "220102", "220103", "220104", "220105"};
static const double hole_sq[4][2] = {{125.03, 43.13}, {125.06, 43.13}, {125.06, 43.16},
                                      {125.03, 43.16}};

/* ring k of a square at (x, y) with side d, clockwise: (x,y) (x,y+d)
 * (x+d,y+d) (x+d,y), closed. */
static void square_cw(double x, double y, double d, double *px, double *py)
{
    double xs[] = {x, x, x + d, x + d, x}, ys[] = {y, y + d, y + d, y, y};
    memcpy(px, xs, sizeof xs);
    memcpy(py, ys, sizeof ys);
}

static char dir[64];

static void path_in(char *buf, size_t cap, const char *name)
{
    snprintf(buf, cap, "%s/%s", dir, name);
}

static void write_text(const char *name, const char *text)
{
    char p[128];
    path_in(p, sizeof p, name);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

static void write_geojson(void)
{
    char buf[4096], *o = buf;
    o += sprintf(o, "{\"type\":\"FeatureCollection\",\"features\":[");
    for (int k = 0; k < 5; k++) {
        double px[5], py[5], hx[5], hy[5];
        if (k < 4)
            square_cw(cell[k][0], cell[k][1], 0.1, px, py);
        else
            square_cw(hole_sq[0][0], hole_sq[0][1], 0.03, px, py);
        square_cw(hole_sq[0][0], hole_sq[0][1], 0.03, hx, hy);
        /* A's code is a number, B's a string, the rest numbers as reals */
        if (k == 1)
            o += sprintf(o, "%s{\"type\":\"Feature\",\"properties\":{\"adcode\":\"%s\"},", k ? "," : "", codes[k]);
        else
            o += sprintf(o, "%s{\"type\":\"Feature\",\"properties\":{\"adcode\":%s%s,\"name\":\"n%d\"},",
                         k ? "," : "", codes[k], k ? ".0" : "", k);
        o += sprintf(o, "\"geometry\":{\"type\":\"%s\",\"coordinates\":[%s[", k == 2 ? "MultiPolygon" : "Polygon",
                     k == 2 ? "[" : "");
        for (int v = 0; v < 5; v++)
            o += sprintf(o, "%s[%.2f,%.2f]", v ? "," : "", px[v], py[v]);
        o += sprintf(o, "]");
        if (k == 3) {
            o += sprintf(o, ",[");
            for (int v = 4; v >= 0; v--)
                o += sprintf(o, "%s[%.2f,%.2f]", v < 4 ? "," : "", hx[v], hy[v]);
            o += sprintf(o, "]");
        }
        o += sprintf(o, "]%s}}", k == 2 ? "]" : "");
    }
    sprintf(o, "]}");
    write_text("b.geojson", buf);
}

static void write_shapefile(void)
{
    char p[128];
    path_in(p, sizeof p, "b.shp");
    SHPHandle shp = SHPCreate(p, SHPT_POLYGON);
    DBFHandle dbf = DBFCreate(p);
    assert_non_null(shp);
    assert_non_null(dbf);
    assert_int_equal(DBFAddField(dbf, "adcode", FTDouble, 12, 0), 0);
    for (int k = 0; k < 5; k++) {
        double x[10], y[10];
        int parts[] = {0, 5}, n = 5, np = 1;
        if (k < 4)
            square_cw(cell[k][0], cell[k][1], 0.1, x, y);
        else
            square_cw(hole_sq[0][0], hole_sq[0][1], 0.03, x, y);
        if (k == 3) { /* hole counter-clockwise */
            double hx[5], hy[5];
            square_cw(hole_sq[0][0], hole_sq[0][1], 0.03, hx, hy);
            for (int v = 0; v < 5; v++) {
                x[5 + v] = hx[4 - v];
                y[5 + v] = hy[4 - v];
            }
            n = 10;
            np = 2;
        }
        SHPObject *o = SHPCreateObject(SHPT_POLYGON, -1, np, parts, NULL, n, x, y, NULL, NULL);
        assert_true(SHPWriteObject(shp, -1, o) == k);
        SHPDestroyObject(o);
        assert_true(DBFWriteDoubleAttribute(dbf, k, 0, atof(codes[k])));
    }
    SHPClose(shp);
    DBFClose(dbf);
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/jh_boundary_XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    write_geojson();
    write_shapefile();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    const char *names[] = {"b.geojson", "b.shp", "b.shx", "b.dbf", "bad.json", "pt.json", "dup.json",
                           "m.json"};
    char p[128];
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        path_in(p, sizeof p, names[i]);
        unlink(p);
    }
    return rmdir(dir);
}

static jh_boundaries *read_ok(const char *name, const char *key)
{
    char p[128];
    path_in(p, sizeof p, name);
    jh_diag d;
    jh_diag_init(&d, 0);
    jh_boundaries *b = NULL;
    int rc = jh_boundaries_read(p, key, &b, &d);
    for (size_t i = 0; i < d.n; i++)
        fprintf(stderr, "%s\n", d.items[i].text);
    assert_int_equal(rc, JH_OK);
    assert_int_equal(d.n_errors + d.n_warnings, 0);
    jh_diag_clear(&d);
    return b;
}

/* Queen contacts at a 50 m tolerance after projection. */
static jh_contact *neighbours(jh_boundaries *b, size_t *m)
{
    jh_albers a;
    assert_int_equal(jh_albers_fit(&b->shapes, &a), JH_OK);
    jh_shapes_project(&b->shapes, &a);
    jh_contact *c = NULL;
    assert_int_equal(jh_contiguity(&b->shapes, 0.05, 0.5, &c, m), JH_OK);
    return c;
}

static void geojson_and_shapefile_agree(void **state)
{
    (void)state;
    jh_boundaries *g = read_ok("b.geojson", NULL), *s = read_ok("b.shp", NULL);
    assert_int_equal(g->shapes.n, 5);
    assert_int_equal(s->shapes.n, 5);
    for (size_t f = 0; f < 5; f++) {
        assert_string_equal(g->code[f], codes[f]);
        assert_string_equal(s->code[f], codes[f]);
    }
    assert_string_equal(g->name[0], "n0");
    assert_string_equal(g->name[1], "");
    /* D has its hole in both: 2 rings, the second a hole; closing
     * points dropped (4 points a ring). */
    for (int k = 0; k < 2; k++) {
        const jh_shapes *sh = k ? &s->shapes : &g->shapes;
        assert_int_equal(sh->n_rings, 6);
        assert_int_equal(sh->feat_ring[4] - sh->feat_ring[3], 2);
        assert_int_equal(sh->hole[sh->feat_ring[3] + 1], 1);
        assert_int_equal(sh->hole[sh->feat_ring[3]], 0);
        assert_int_equal(sh->n_points, 24);
    }
    size_t mg, ms;
    jh_contact *cg = neighbours(g, &mg), *cs = neighbours(s, &ms);
    /* A-B A-C(queen) A-D B-C B-D(queen) C-D D-E */
    size_t a[] = {0, 0, 0, 1, 1, 2, 3}, bb[] = {1, 2, 3, 2, 3, 3, 4};
    int rook[] = {1, 0, 1, 1, 0, 1, 1};
    assert_int_equal(mg, 7);
    assert_int_equal(ms, 7);
    for (size_t k = 0; k < 7; k++) {
        assert_int_equal(cg[k].a, a[k]);
        assert_int_equal(cg[k].b, bb[k]);
        assert_int_equal(cg[k].rook, rook[k]);
        assert_int_equal(cs[k].a, a[k]);
        assert_int_equal(cs[k].b, bb[k]);
        assert_int_equal(cs[k].rook, rook[k]);
        assert_true(fabs(cg[k].shared - cs[k].shared) < 1e-6);
    }
    /* A-B runs along 125.1 E for 0.1 degree of latitude: 11.12 km on the
     * sphere (6371.0088 * pi / 1800), plus up to 2 * 0.05 km at the ends. */
    assert_true(cg[0].shared > 11.1 && cg[0].shared < 11.25);
    free(cg);
    free(cs);
    jh_boundaries_free(g);
    jh_boundaries_free(s);
}

static int read_err(const char *name, const char *key, const char *want)
{
    char p[128], full[512];
    path_in(p, sizeof p, name);
    jh_diag d;
    jh_diag_init(&d, 0);
    jh_boundaries *b = NULL;
    int rc = jh_boundaries_read(p, key, &b, &d);
    assert_null(b);
    assert_true(d.n >= 1);
    snprintf(full, sizeof full, "%s: %s", p, want);
    assert_string_equal(d.items[0].text, full);
    jh_diag_clear(&d);
    return rc;
}

static void bad_files(void **state)
{
    (void)state;
    write_text("bad.json", "{\"type\":\"Feature\"}");
    assert_int_equal(read_err("bad.json", NULL, "not a GeoJSON FeatureCollection (expected "
                              "\"type\": \"FeatureCollection\" and a \"features\" list)"),
                     JH_EPARSE);
    assert_int_equal(read_err("b.geojson", "code", "feature 1 has no code in property 'code' "
                              "(expected a number or text)"),
                     JH_EPARSE);
    assert_int_equal(read_err("b.shp", "gb", "the attribute table has no field 'gb' (expected "
                              "the region code; name it with --boundary-key)"),
                     JH_EPARSE);
    assert_int_equal(read_err("none.json", NULL, "cannot open the file"), JH_ENOTFOUND);
    assert_int_equal(read_err("none.shp", NULL, "cannot open the shapefile (expected .shp and .shx)"),
                     JH_ENOTFOUND);
    write_text("pt.json", "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
               "\"properties\":{\"code\":7},\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]}}]}");
    assert_int_equal(read_err("pt.json", NULL, "feature 1 (region 7): geometry type 'Point' is not "
                              "a polygon (expected Polygon or MultiPolygon)"),
                     JH_EPARSE);
    /* A county in metres (a Gauss-Kruger easting/northing) taken for degrees
     * would make a border thousands of "degrees" long. */
    write_text("m.json", "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
               "\"properties\":{\"code\":220102},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
               "[[[125.1,43.8],[125.2,43.8],[125.2,43.9],[125.1,43.9]]]}},{\"type\":\"Feature\","
               "\"properties\":{\"code\":220103},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
               "[[[500000,4850000],[510000,4850000],[510000,4860000]]]}}]}");
    assert_int_equal(read_err("m.json", NULL, "region 220103: point (500000, 4850000) is not "
                              "longitude/latitude in degrees (expected -180..180, -90..90); "
                              "reproject a file in metres first, e.g. ogr2ogr -t_srs EPSG:4326 "
                              "out.geojson in.shp"),
                     JH_EPARSE);
}

/* Two features with one code merge; a ring of two distinct points is left
 * out with a warning. */
static void merge_and_degenerate(void **state)
{
    (void)state;
    write_text("dup.json",
               "{\"type\":\"FeatureCollection\",\"features\":["
               "{\"type\":\"Feature\",\"properties\":{\"区划代码\":\"9\"},\"geometry\":{\"type\":\"Polygon\","
               "\"coordinates\":[[[0,0],[1,0],[1,1],[0,0]]]}},"
               "{\"type\":\"Feature\",\"properties\":{\"区划代码\":\"8\"},\"geometry\":{\"type\":\"Polygon\","
               "\"coordinates\":[[[5,5],[6,5],[5,5],[5,5]]]}},"
               "{\"type\":\"Feature\",\"properties\":{\"区划代码\":\" 9 \"},\"geometry\":{\"type\":\"Polygon\","
               "\"coordinates\":[[[2,0],[3,0],[3,1]]]}}]}");
    char p[128];
    path_in(p, sizeof p, "dup.json");
    jh_diag d;
    jh_diag_init(&d, 0);
    jh_boundaries *b = NULL;
    assert_int_equal(jh_boundaries_read(p, NULL, &b, &d), JH_OK);
    assert_int_equal(b->shapes.n, 2);
    assert_string_equal(b->code[0], "9");
    assert_int_equal(b->shapes.feat_ring[1], 2); /* both triangles of 9 */
    assert_int_equal(b->shapes.feat_ring[2], 2); /* 8 has none left */
    assert_int_equal(b->shapes.ring_pt[1], 3);
    assert_int_equal(d.n_warnings, 1);
    char want[256];
    snprintf(want, sizeof want, "%s: an outer ring of region 8 has fewer than 3 distinct points; "
             "ring left out", p);
    assert_string_equal(d.items[0].text, want);
    assert_int_equal(jh_boundaries_find(b, "8"), 1);
    assert_int_equal(jh_boundaries_find(b, "7"), (size_t)-1);
    jh_boundaries_free(b);
    jh_diag_clear(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(geojson_and_shapefile_agree),
        cmocka_unit_test(bad_files),
        cmocka_unit_test(merge_and_degenerate),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
