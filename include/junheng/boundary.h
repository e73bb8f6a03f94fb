/* junheng — county boundaries read from GeoJSON (jansson) or an ESRI
 * shapefile (shapelib), each feature keyed by a region code taken from a
 * named property (src/data/boundary.c).
 *
 * Polygons and MultiPolygons become the flat rings of jh_shapes (geom.h)
 * in longitude/latitude degrees.  Features with the same code are merged.
 * A ring with fewer than 3 distinct points is dropped with a warning; a
 * closing point repeating the first is removed.  Holes: GeoJSON's inner
 * rings; a shapefile ring wound counter-clockwise (the shapefile
 * convention: outer rings clockwise).  Text is read as UTF-8. */
#ifndef JUNHENG_BOUNDARY_H
#define JUNHENG_BOUNDARY_H

#include <stddef.h>
#include "junheng/diag.h"
#include "junheng/geom.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct jh_boundaries {
    jh_shapes shapes;   /* shapes.n features */
    char **code;        /* code of feature f, as text ("220102") */
    char **name;        /* its "name" (or 名称) property, "" when absent */
} jh_boundaries;

/* Reads path: a shapefile when it ends in .shp (with its .dbf beside it),
 * GeoJSON otherwise.  key names the code property; NULL tries adcode,
 * code, 区划代码 in that order (the first present in the first feature).
 * A numeric code is written without decimals (220102.0 -> "220102").
 * Problems are added to diag as "FILE[:LINE:COL]: ..." errors; returns
 * JH_OK, JH_ENOTFOUND (cannot open), JH_EPARSE (not a boundary file, no
 * such property, a feature without a code), JH_ENOMEM.  The caller frees
 * *out with jh_boundaries_free(). */
int jh_boundaries_read(const char *path, const char *key, jh_boundaries **out,
                       jh_diag *diag);
void jh_boundaries_free(jh_boundaries *b);

/* The points of b projected to km by the Albers projection fitted to
 * them (jh_albers_fit), in a new array laid out as b->shapes.xy (the
 * caller frees it); *proj (may be NULL) receives the projection.
 * JH_EEMPTY, JH_ENOMEM. */
int jh_boundaries_project(const jh_boundaries *b, jh_albers *proj, double **xy_km);

/* Neighbours of the features (jh_contiguity on the projected shapes),
 * tolerances in km.  The caller frees *out. */
int jh_boundaries_contiguity(const jh_boundaries *b, double tol_km, double min_border_km,
                             jh_contact **out, size_t *n_out);

/* Position of the feature with code, or (size_t)-1. */
size_t jh_boundaries_find(const jh_boundaries *b, const char *code);

#ifdef __cplusplus
}
#endif
#endif
