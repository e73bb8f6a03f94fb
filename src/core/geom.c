/* Plane geometry of county polygons: Albers equal-area projection, areas,
 * contiguity within a tolerance.  See include/junheng/geom.h. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "junheng/geom.h"

#define EARTH_R 6371.0088 /* km, mean radius of WGS84 */
#define DEG (3.14159265358979323846 / 180.0)

/* ---- projection ---------------------------------------------------------- */

int jh_albers_init(jh_albers *p, double lon0, double lat0, double lat1, double lat2)
{
    double n = (sin(lat1 * DEG) + sin(lat2 * DEG)) / 2;
    if (!p || !(fabs(n) > 1e-9))
        return JH_EINVAL;
    p->lon0 = lon0;
    p->lat0 = lat0;
    p->lat1 = lat1;
    p->lat2 = lat2;
    p->n = n;
    p->C = cos(lat1 * DEG) * cos(lat1 * DEG) + 2 * n * sin(lat1 * DEG);
    p->rho0 = EARTH_R * sqrt(p->C - 2 * n * sin(lat0 * DEG)) / n;
    return JH_OK;
}

int jh_albers_fit(const jh_shapes *s, jh_albers *p)
{
    if (!s || !s->n_points)
        return JH_EEMPTY;
    double lo[2] = {INFINITY, INFINITY}, hi[2] = {-INFINITY, -INFINITY};
    for (size_t i = 0; i < 2 * s->n_points; i++) {
        lo[i % 2] = fmin(lo[i % 2], s->xy[i]);
        hi[i % 2] = fmax(hi[i % 2], s->xy[i]);
    }
    double range = hi[1] - lo[1];
    return jh_albers_init(p, (lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2, lo[1] + range / 6,
                          hi[1] - range / 6);
}

void jh_albers_forward(const jh_albers *p, double lon, double lat, double *x, double *y)
{
    double rho = EARTH_R * sqrt(p->C - 2 * p->n * sin(lat * DEG)) / p->n;
    double theta = p->n * (lon - p->lon0) * DEG;
    *x = rho * sin(theta);
    *y = p->rho0 - rho * cos(theta);
}

void jh_shapes_project(jh_shapes *s, const jh_albers *p)
{
    for (size_t i = 0; i < s->n_points; i++)
        jh_albers_forward(p, s->xy[2 * i], s->xy[2 * i + 1], &s->xy[2 * i], &s->xy[2 * i + 1]);
}

static double ring_area(const jh_shapes *s, size_t r)
{
    long double a = 0;
    size_t b = s->ring_pt[r], e = s->ring_pt[r + 1];
    for (size_t k = b; k < e; k++) {
        size_t k1 = k + 1 < e ? k + 1 : b;
        a += (long double)s->xy[2 * k] * s->xy[2 * k1 + 1] -
             (long double)s->xy[2 * k1] * s->xy[2 * k + 1];
    }
    return fabs((double)a) / 2;
}

double jh_shapes_area(const jh_shapes *s, size_t f)
{
    double a = 0;
    for (size_t r = s->feat_ring[f]; r < s->feat_ring[f + 1]; r++)
        a += (s->hole[r] ? -1 : 1) * ring_area(s, r);
    return a;
}

/* ---- a grid of boundary segments ------------------------------------------ */

struct seg {
    double x0, y0, x1, y1;
    size_t owner;
};

struct cell_entry {
    uint64_t key;
    size_t seg;
};

struct seg_grid {
    struct seg *seg;
    size_t n_seg;
    struct cell_entry *e;
    size_t n_e;
    double size;            /* cell side */
};

static uint64_t cell_key(int64_t cx, int64_t cy)
{
    return ((uint64_t)(uint32_t)(int32_t)cx << 32) | (uint32_t)(int32_t)cy;
}

static int cmp_entry(const void *a, const void *b)
{
    const struct cell_entry *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return (x->seg > y->seg) - (x->seg < y->seg);
}

static size_t seg_samples(const struct seg *g, double size)
{
    return (size_t)ceil(hypot(g->x1 - g->x0, g->y1 - g->y0) / size) + 1;
}

/* Each segment is entered in the cells of points spaced at most one cell
 * apart along it: a point within tol <= size/2 of the segment is then
 * within one cell of some entry. */
static int grid_fill(struct seg_grid *G)
{
    size_t cap = 0;
    for (size_t i = 0; i < G->n_seg; i++)
        cap += seg_samples(&G->seg[i], G->size);
    G->e = malloc((cap ? cap : 1) * sizeof *G->e);
    if (!G->e)
        return JH_ENOMEM;
    for (size_t i = 0; i < G->n_seg; i++) {
        const struct seg *g = &G->seg[i];
        size_t m = seg_samples(g, G->size);
        for (size_t k = 0; k < m; k++) {
            double t = m > 1 ? (double)k / (double)(m - 1) : 0;
            int64_t cx = (int64_t)floor((g->x0 + t * (g->x1 - g->x0)) / G->size);
            int64_t cy = (int64_t)floor((g->y0 + t * (g->y1 - g->y0)) / G->size);
            G->e[G->n_e++] = (struct cell_entry){cell_key(cx, cy), i};
        }
    }
    qsort(G->e, G->n_e, sizeof *G->e, cmp_entry);
    return JH_OK;
}

static int grid_build(const jh_shapes *s, double size, struct seg_grid *G)
{
    memset(G, 0, sizeof *G);
    G->size = size;
    G->seg = malloc((s->n_points ? s->n_points : 1) * sizeof *G->seg);
    if (!G->seg)
        return JH_ENOMEM;
    for (size_t f = 0; f < s->n; f++)
        for (size_t r = s->feat_ring[f]; r < s->feat_ring[f + 1]; r++)
            for (size_t k = s->ring_pt[r]; k < s->ring_pt[r + 1]; k++) {
                size_t k1 = k + 1 < s->ring_pt[r + 1] ? k + 1 : s->ring_pt[r];
                G->seg[G->n_seg++] = (struct seg){s->xy[2 * k], s->xy[2 * k + 1],
                                                  s->xy[2 * k1], s->xy[2 * k1 + 1], f};
            }
    return grid_fill(G);
}

static void grid_free(struct seg_grid *G)
{
    free(G->seg);
    free(G->e);
}

static size_t lower_bound(const struct seg_grid *G, uint64_t key)
{
    size_t lo = 0, hi = G->n_e;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (G->e[mid].key < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static double dist2_point_seg(double px, double py, const struct seg *g)
{
    double dx = g->x1 - g->x0, dy = g->y1 - g->y0, L2 = dx * dx + dy * dy;
    double t = L2 > 0 ? ((px - g->x0) * dx + (py - g->y0) * dy) / L2 : 0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    double ex = g->x0 + t * dx - px, ey = g->y0 + t * dy - py;
    return ex * ex + ey * ey;
}

/* ---- contiguity -------------------------------------------------------------- */

/* The work of one feature a: acc[b] gathers the length of a's boundary
 * within tol of b; stamp[] marks b once per piece. */
struct contig_ws {
    const struct seg_grid *G;
    double tol;
    double *acc;
    size_t *stamp, *touched, n_touched, piece;
};

static void piece_near(struct contig_ws *w, size_t a, double px, double py, double len)
{
    const struct seg_grid *G = w->G;
    int64_t cx = (int64_t)floor(px / G->size), cy = (int64_t)floor(py / G->size);
    w->piece++;
    for (int dx = -1; dx <= 1; dx++)
        for (int dy = -1; dy <= 1; dy++) {
            uint64_t key = cell_key(cx + dx, cy + dy);
            for (size_t e = lower_bound(G, key); e < G->n_e && G->e[e].key == key; e++) {
                const struct seg *g = &G->seg[G->e[e].seg];
                if (g->owner == a || w->stamp[g->owner] == w->piece ||
                    dist2_point_seg(px, py, g) > w->tol * w->tol)
                    continue;
                w->stamp[g->owner] = w->piece;
                if (w->acc[g->owner] == 0)
                    w->touched[w->n_touched++] = g->owner;
                w->acc[g->owner] += len;
            }
        }
}

static void feature_near(struct contig_ws *w, const jh_shapes *s, size_t a, size_t first_seg)
{
    size_t n_seg = s->ring_pt[s->feat_ring[a + 1]] - s->ring_pt[s->feat_ring[a]];
    for (size_t i = first_seg; i < first_seg + n_seg; i++) {
        const struct seg *g = &w->G->seg[i];
        double L = hypot(g->x1 - g->x0, g->y1 - g->y0);
        size_t m = (size_t)ceil(L / (w->tol / 2));
        m = m ? m : 1;
        for (size_t k = 0; k < m; k++) {
            double t = ((double)k + 0.5) / (double)m;
            /* a zero-length piece still marks a touch */
            piece_near(w, a, g->x0 + t * (g->x1 - g->x0), g->y0 + t * (g->y1 - g->y0),
                       L > 0 ? L / (double)m : 1e-300);
        }
    }
}

static int cmp_contact(const void *x, const void *y)
{
    const jh_contact *p = x, *q = y;
    if (p->a != q->a)
        return p->a < q->a ? -1 : 1;
    return (p->b > q->b) - (p->b < q->b);
}

/* Merges the two directions of each pair: shared = the smaller length
 * (0 when one side saw nothing, a touch all the same). */
static size_t merge_directions(jh_contact *c, size_t m, double min_border)
{
    qsort(c, m, sizeof *c, cmp_contact);
    size_t out = 0;
    for (size_t k = 0; k < m; k++) {
        if (out && c[out - 1].a == c[k].a && c[out - 1].b == c[k].b) {
            c[out - 1].shared = fmin(c[out - 1].shared, c[k].shared);
            c[out - 1].rook = 2;   /* seen from both sides */
            continue;
        }
        c[out++] = c[k];
    }
    for (size_t k = 0; k < out; k++) {
        if (c[k].rook != 2)
            c[k].shared = 0;
        c[k].rook = c[k].shared > min_border;
    }
    return out;
}

static int collect(struct contig_ws *w, const jh_shapes *s, jh_contact **out, size_t *n_out)
{
    size_t cap = 16, m = 0, first = 0;
    jh_contact *c = malloc(cap * sizeof *c);
    for (size_t a = 0; c && a < s->n; a++) {
        w->n_touched = 0;
        feature_near(w, s, a, first);
        first += s->ring_pt[s->feat_ring[a + 1]] - s->ring_pt[s->feat_ring[a]];
        for (size_t k = 0; c && k < w->n_touched; k++) {
            size_t b = w->touched[k];
            if (m == cap) {
                jh_contact *t = realloc(c, (cap *= 2) * sizeof *c);
                if (!t)
                    free(c);
                c = t;
                if (!c)
                    break;
            }
            c[m++] = (jh_contact){a < b ? a : b, a < b ? b : a, w->acc[b], 0};
            w->acc[b] = 0;
        }
    }
    *out = c;
    *n_out = m;
    return c ? JH_OK : JH_ENOMEM;
}

int jh_contiguity(const jh_shapes *s, double tol, double min_border, jh_contact **out,
                  size_t *n_out)
{
    if (!s || !out || !n_out || !(tol > 0) || !isfinite(tol))
        return JH_EINVAL;
    *out = NULL;
    *n_out = 0;
    struct seg_grid G;
    int rc = grid_build(s, 2 * tol, &G);
    struct contig_ws w = {&G, tol, calloc(s->n + 1, sizeof(double)),
                          calloc(s->n + 1, sizeof(size_t)), malloc((s->n + 1) * sizeof(size_t)),
                          0, 0};
    if (!rc && (!w.acc || !w.stamp || !w.touched))
        rc = JH_ENOMEM;
    if (!rc)
        rc = collect(&w, s, out, n_out);
    if (!rc)
        *n_out = merge_directions(*out, *n_out, min_border);
    free(w.acc);
    free(w.stamp);
    free(w.touched);
    grid_free(&G);
    return rc;
}

/* Whether a segment of another feature of the group of f lies within tol
 * of (px, py). */
static int group_near(const struct seg_grid *G, const size_t *group, size_t f, double px,
                      double py, double tol)
{
    int64_t cx = (int64_t)floor(px / G->size), cy = (int64_t)floor(py / G->size);
    for (int dx = -1; dx <= 1; dx++)
        for (int dy = -1; dy <= 1; dy++) {
            uint64_t key = cell_key(cx + dx, cy + dy);
            for (size_t e = lower_bound(G, key); e < G->n_e && G->e[e].key == key; e++) {
                const struct seg *g = &G->seg[G->e[e].seg];
                if (g->owner != f && group[g->owner] == group[f] && group[f] != (size_t)-1 &&
                    dist2_point_seg(px, py, g) <= tol * tol)
                    return 1;
            }
        }
    return 0;
}

int jh_shapes_group_edges(const jh_shapes *s, const size_t *group, double tol,
                          unsigned char *outer)
{
    if (!s || !group || !outer || !(tol > 0))
        return JH_EINVAL;
    struct seg_grid G;
    int rc = grid_build(s, 2 * tol, &G);
    for (size_t i = 0; !rc && i < G.n_seg; i++) {
        const struct seg *g = &G.seg[i];
        outer[i] = !group_near(&G, group, g->owner, (g->x0 + g->x1) / 2, (g->y0 + g->y1) / 2, tol);
    }
    grid_free(&G);
    return rc;
}
