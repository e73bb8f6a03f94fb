/* junheng — plane geometry of county polygons (src/core/geom.c): an
 * equal-area projection fitted to the region, areas, and contiguity with a
 * tolerance (who borders whom, and along how many kilometres).
 *
 * Arrays in, numbers out; no I/O.  A core header: it includes no header of
 * the data or analysis layers.  Method: docs/indices.md, "Neighbours from
 * boundaries". */
#ifndef JUNHENG_GEOM_H
#define JUNHENG_GEOM_H

#include <stddef.h>
#include "junheng/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Polygons of n features in flat arrays: feature f has the rings
 * feat_ring[f] .. feat_ring[f+1]-1; ring r has the points ring_pt[r] ..
 * ring_pt[r+1]-1 at xy[2p], xy[2p+1] (x then y: longitude then latitude
 * in degrees, or kilometres after projection), closed implicitly (the
 * last point is not a repeat of the first); hole[r] != 0 for a hole. */
typedef struct jh_shapes {
    size_t n;              /* features */
    size_t n_rings;
    size_t n_points;
    size_t *feat_ring;     /* n + 1 */
    size_t *ring_pt;       /* n_rings + 1 */
    unsigned char *hole;   /* n_rings */
    double *xy;            /* 2 n_points */
} jh_shapes;

/* Albers equal-area conic on the sphere (Snyder 1987, "Map Projections —
 * A Working Manual", USGS PP 1395, eqs. 14-1 to 14-4), R = 6371.0088 km
 * (the mean radius of WGS84), output in km. */
typedef struct jh_albers {
    double lon0, lat0;     /* origin: central meridian, latitude of y = 0 (degrees) */
    double lat1, lat2;     /* standard parallels (degrees) */
    double n, C, rho0;     /* derived constants (jh_albers_init) */
} jh_albers;

/* Sets the constants from lon0, lat0, lat1, lat2.  JH_EINVAL when
 * lat1 = -lat2 (the cone degenerates). */
int jh_albers_init(jh_albers *p, double lon0, double lat0, double lat1, double lat2);

/* Fits the projection to the extent of s (degrees): central meridian and
 * origin at the middle, standard parallels at 1/6 and 5/6 of the latitude
 * range (Deetz & Adams' rule for a region), so that scale errors stay
 * below 0.2 % across a province.  JH_EEMPTY without points. */
int jh_albers_fit(const jh_shapes *s, jh_albers *p);

void jh_albers_forward(const jh_albers *p, double lon, double lat, double *x, double *y);

/* Projects every point of s in place (degrees -> km). */
void jh_shapes_project(jh_shapes *s, const jh_albers *p);

/* Area of feature f (outer rings minus holes, by the shoelace formula,
 * orientation ignored), in the units of xy squared. */
double jh_shapes_area(const jh_shapes *s, size_t f);

/* Two features in contact: feature a < b, the length of border they share
 * within the tolerance (the smaller of a's boundary near b and b's near
 * a), and whether that makes them rook neighbours. */
typedef struct jh_contact {
    size_t a, b;
    double shared;   /* km when xy is in km */
    int rook;        /* shared > min_border: a border, not a point */
} jh_contact;

/* Every pair of features whose boundaries come within tol of each other
 * (queen contiguity with a tolerance), in order of (a, b).  The boundary
 * of each feature is cut into pieces no longer than tol / 2 and a piece
 * counts towards b when its midpoint lies within tol of b's boundary, so
 * borders simplified separately on either side still match; a corner
 * touch measures about 2 tol, hence min_border (e.g. 10 tol) to call a
 * border rook.  Needs tol > 0 and projected coordinates (JH_EINVAL).
 * The caller frees *out. */
int jh_contiguity(const jh_shapes *s, double tol, double min_border, jh_contact **out,
                  size_t *n_out);

/* Marks the segments of the outline of each group of features (e.g. the
 * counties of a prefecture): outer[p] = 1 when the segment from point p to
 * the next point of its ring has no segment of another feature of the same
 * group within tol of its midpoint (group[f] == (size_t)-1: a group of its
 * own).  outer holds s->n_points.  JH_EINVAL, JH_ENOMEM. */
int jh_shapes_group_edges(const jh_shapes *s, const size_t *group, double tol,
                          unsigned char *outer);

#ifdef __cplusplus
}
#endif
#endif
