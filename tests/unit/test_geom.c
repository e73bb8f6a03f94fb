/* Unit tests for src/core/geom.c: the Albers projection and contiguity
 * within a tolerance on hand-made polygons (coordinates in km unless
 * said otherwise). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>

#include "junheng/geom.h"
#include "junheng/status.h"

#define PI 3.14159265358979323846

/* Shapes of one ring per feature: ring f has counts[f] points of xy. */
static jh_shapes shapes_of(size_t n, const size_t *counts, double *xy, unsigned char *hole,
                           size_t *feat_ring, size_t *ring_pt, const size_t *feat_of_ring,
                           size_t n_rings)
{
    jh_shapes s = {n, n_rings, 0, feat_ring, ring_pt, hole, xy};
    for (size_t f = 0; f <= n; f++)
        feat_ring[f] = 0;
    for (size_t r = 0; r < n_rings; r++) {
        feat_ring[feat_of_ring[r] + 1]++;
        ring_pt[r + 1] = ring_pt[r] + counts[r];
    }
    for (size_t f = 0; f < n; f++)
        feat_ring[f + 1] += feat_ring[f];
    s.n_points = ring_pt[n_rings];
    return s;
}

/* 2 x 2 unit squares A (0,0) B (1,0) C (1,1) D (0,1) and E, a square
 * [0.3,0.6]^2 inside a hole of A.  tol = 0.01, min border 0.1. */
static void contiguity_squares(void **state)
{
    (void)state;
    double xy[] = {0, 0, 1, 0, 1, 1, 0, 1,          /* A */
                   0.3, 0.3, 0.3, 0.6, 0.6, 0.6, 0.6, 0.3, /* A's hole */
                   1, 0, 2, 0, 2, 1, 1, 1,          /* B */
                   1, 1, 2, 1, 2, 2, 1, 2,          /* C */
                   0, 1, 1, 1, 1, 2, 0, 2,          /* D */
                   0.3, 0.3, 0.6, 0.3, 0.6, 0.6, 0.3, 0.6}; /* E */
    size_t counts[] = {4, 4, 4, 4, 4, 4}, owner[] = {0, 0, 1, 2, 3, 4};
    size_t fr[6], rp[7] = {0};
    unsigned char hole[] = {0, 1, 0, 0, 0, 0};
    jh_shapes s = shapes_of(5, counts, xy, hole, fr, rp, owner, 6);
    jh_contact *c = NULL;
    size_t m = 0;
    assert_int_equal(jh_contiguity(&s, 0.01, 0.1, &c, &m), JH_OK);
    /* A-B, A-C (corner), A-D, A-E (hole), B-C, B-D (corner), C-D */
    size_t a[] = {0, 0, 0, 0, 1, 1, 2}, b[] = {1, 2, 3, 4, 2, 3, 3};
    int rook[] = {1, 0, 1, 1, 1, 0, 1};
    /* A rook border of 1 plus the tol on each of the two edges that run
     * on from its ends: pieces of tol/2 = 0.005 whose midpoints lie within
     * 0.01 of the other square, 2 per end: 1 + 4 * 0.005 = 1.02.  A corner
     * touch: 2 pieces on each of the 2 edges at the corner, 0.02.  The hole
     * of A and E coincide: their whole perimeter, 1.2. */
    double shared[] = {1.02, 0.02, 1.02, 1.2, 1.02, 0.02, 1.02};
    assert_int_equal(m, 7);
    for (size_t k = 0; k < m; k++) {
        assert_int_equal(c[k].a, a[k]);
        assert_int_equal(c[k].b, b[k]);
        assert_int_equal(c[k].rook, rook[k]);
        assert_true(fabs(c[k].shared - shared[k]) < 1e-9);
    }
    free(c);
    /* Areas: A is 1 - 0.09 (its hole), E 0.09. */
    assert_true(fabs(jh_shapes_area(&s, 0) - 0.91) < 1e-12);
    assert_true(fabs(jh_shapes_area(&s, 4) - 0.09) < 1e-12);
    assert_int_equal(jh_contiguity(&s, 0, 0.1, &c, &m), JH_EINVAL);
}

/* A border from (1,0) to (1,1) drawn twice, simplified separately: A's
 * vertices wander 0.004 east and 0.003 west of x = 1, B's 0.002 either
 * way, so the two lines never coincide (apart from the ends) and are at
 * most 0.007 apart.  With tol 0.01 the whole border (1, plus 2 * 0.01
 * running on at the ends) is found from both sides; with tol 0.0005 only
 * stretches near the crossings are. */
static void contiguity_simplified_borders(void **state)
{
    (void)state;
    double xy[] = {0, 0, 1, 0, 1.004, 0.25, 0.997, 0.5, 1.003, 0.75, 1, 1, 0, 1,
                   1, 0, 2, 0, 2, 1, 1, 1, 0.998, 0.6, 1.002, 0.3};
    size_t counts[] = {7, 6}, owner[] = {0, 1}, fr[3], rp[3] = {0};
    unsigned char hole[] = {0, 0};
    jh_shapes s = shapes_of(2, counts, xy, hole, fr, rp, owner, 2);
    jh_contact *c = NULL;
    size_t m = 0;
    assert_int_equal(jh_contiguity(&s, 0.01, 0.1, &c, &m), JH_OK);
    assert_int_equal(m, 1);
    assert_int_equal(c[0].rook, 1);
    assert_true(c[0].shared > 1.0 && c[0].shared < 1.03);
    free(c);
    assert_int_equal(jh_contiguity(&s, 0.0005, 0.005, &c, &m), JH_OK);
    assert_int_equal(m, 1);
    assert_true(c[0].shared < 0.5);
    free(c);
}

/* Two squares 0.02 apart: no contact at tol 0.01, contact at 0.03. */
static void contiguity_gap(void **state)
{
    (void)state;
    double xy[] = {0, 0, 1, 0, 1, 1, 0, 1, 1.02, 0, 2, 0, 2, 1, 1.02, 1};
    size_t counts[] = {4, 4}, owner[] = {0, 1}, fr[3], rp[3] = {0};
    unsigned char hole[] = {0, 0};
    jh_shapes s = shapes_of(2, counts, xy, hole, fr, rp, owner, 2);
    jh_contact *c = NULL;
    size_t m = 9;
    assert_int_equal(jh_contiguity(&s, 0.01, 0.1, &c, &m), JH_OK);
    assert_int_equal(m, 0);
    free(c);
    assert_int_equal(jh_contiguity(&s, 0.03, 0.3, &c, &m), JH_OK);
    assert_int_equal(m, 1);
    assert_int_equal(c[0].rook, 1);
    free(c);
}

/* The spherical area of the cell 125-126 E, 43-44 N is
 * R^2 (pi/180) (sin 44 - sin 43) (R = 6371.0088 km); an equal-area map
 * keeps it.  Parallels are arcs on the Albers map, so the cell is drawn
 * with 2000 points on each. */
static void albers_equal_area(void **state)
{
    (void)state;
    enum { K = 2000 };
    static double xy[4 * K * 2];
    size_t p = 0;
    for (int k = 0; k < K; k++, p++) { xy[2 * p] = 125 + (double)k / K; xy[2 * p + 1] = 43; }
    for (int k = 0; k < K; k++, p++) { xy[2 * p] = 126; xy[2 * p + 1] = 43 + (double)k / K; }
    for (int k = 0; k < K; k++, p++) { xy[2 * p] = 126 - (double)k / K; xy[2 * p + 1] = 44; }
    for (int k = 0; k < K; k++, p++) { xy[2 * p] = 125; xy[2 * p + 1] = 44 - (double)k / K; }
    size_t counts[] = {4 * K}, owner[] = {0}, fr[2], rp[2] = {0};
    unsigned char hole[] = {0};
    jh_shapes s = shapes_of(1, counts, xy, hole, fr, rp, owner, 1);
    jh_albers a;
    assert_int_equal(jh_albers_fit(&s, &a), JH_OK);
    assert_true(fabs(a.lon0 - 125.5) < 1e-12 && fabs(a.lat0 - 43.5) < 1e-12);
    assert_true(fabs(a.lat1 - (43 + 1.0 / 6)) < 1e-12);
    double x, y;
    jh_albers_forward(&a, 125.5, 43.5, &x, &y);
    assert_true(fabs(x) < 1e-9 && fabs(y) < 1e-9);
    jh_shapes_project(&s, &a);
    double R = 6371.0088, exact = R * R * PI / 180 * (sin(44 * PI / 180) - sin(43 * PI / 180));
    assert_true(fabs(jh_shapes_area(&s, 0) / exact - 1) < 1e-6);
    assert_int_equal(jh_albers_init(&a, 0, 0, -30, 30), JH_EINVAL);
}

/* Prefecture outlines: squares A (0,0) B (1,0) in group 0, C (1,1) D (0,1)
 * in group 1.  A's right side borders B (same group): inside; its top
 * borders D (other group) and its left and bottom the outside: outline. */
static void group_edges(void **state)
{
    (void)state;
    double xy[] = {0, 0, 1, 0, 1, 1, 0, 1, 1, 0, 2, 0, 2, 1, 1, 1,
                   1, 1, 2, 1, 2, 2, 1, 2, 0, 1, 1, 1, 1, 2, 0, 2};
    size_t counts[] = {4, 4, 4, 4}, owner[] = {0, 1, 2, 3}, fr[5], rp[5] = {0};
    unsigned char hole[] = {0, 0, 0, 0}, outer[16];
    size_t group[] = {0, 0, 1, 1};
    jh_shapes s = shapes_of(4, counts, xy, hole, fr, rp, owner, 4);
    assert_int_equal(jh_shapes_group_edges(&s, group, 0.01, outer), JH_OK);
    /* A: bottom, right (B), top (D), left */
    unsigned char want_a[] = {1, 0, 1, 1}, want_b[] = {1, 1, 1, 0};
    for (int k = 0; k < 4; k++) {
        assert_int_equal(outer[k], want_a[k]);
        assert_int_equal(outer[4 + k], want_b[k]);
    }
    size_t none[] = {(size_t)-1, (size_t)-1, 1, 1};
    assert_int_equal(jh_shapes_group_edges(&s, none, 0.01, outer), JH_OK);
    assert_int_equal(outer[1], 1); /* no group: every edge is an outline */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(contiguity_squares),
        cmocka_unit_test(contiguity_simplified_borders),
        cmocka_unit_test(contiguity_gap),
        cmocka_unit_test(albers_equal_area),
        cmocka_unit_test(group_edges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
