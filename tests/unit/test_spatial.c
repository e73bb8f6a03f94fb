/* Unit tests for the spatial statistics of src/core/spatial.c, on small
 * grids worked by hand (arithmetic in the comments).  Formulas:
 * docs/indices.md, "Spatial statistics". */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>

#include "junheng/spatial.h"
#include "junheng/status.h"

#define TOL 1e-12
#define P_SEED_2024 (360.0 / 1000) /* 359 of 999 shuffles reach 1/3 */

/* Rook pairs of an r x c grid, cells numbered row by row. */
static size_t grid_pairs(size_t r, size_t c, size_t *a, size_t *b)
{
    size_t k = 0;
    for (size_t i = 0; i < r; i++)
        for (size_t j = 0; j < c; j++) {
            if (j + 1 < c) {
                a[k] = i * c + j;
                b[k++] = i * c + j + 1;
            }
            if (i + 1 < r) {
                a[k] = i * c + j;
                b[k++] = (i + 1) * c + j;
            }
        }
    return k;
}

static jh_weights *grid(size_t r, size_t c, enum jh_weights_kind kind)
{
    size_t a[64], b[64], m = grid_pairs(r, c, a, b);
    jh_weights *W = NULL;
    assert_int_equal(jh_weights_from_pairs(r * c, a, b, m, kind, &W), JH_OK);
    return W;
}

/* The path 0-1-2-3. */
static jh_weights *path4(enum jh_weights_kind kind)
{
    return grid(1, 4, kind);
}

static void weights_dedup_and_islands(void **state)
{
    (void)state;
    /* (0,1) given twice, once reversed; unit 3 is an island. */
    size_t a[] = {0, 1, 1}, b[] = {1, 0, 2};
    jh_weights *W = NULL;
    assert_int_equal(jh_weights_from_pairs(4, a, b, 3, JH_WEIGHTS_ROW, &W), JH_OK);
    assert_int_equal(W->start[4], 4); /* 0:{1} 1:{0,2} 2:{1} 3:{} */
    assert_int_equal(W->nb[W->start[1]], 0);
    assert_int_equal(W->nb[W->start[1] + 1], 2);
    assert_true(fabs(W->w[W->start[1]] - 0.5) < TOL);
    assert_int_equal(jh_weights_islands(W), 1);
    unsigned char keep[] = {0, 1, 1, 1};
    jh_weights *S = NULL;
    assert_int_equal(jh_weights_subset(W, keep, JH_WEIGHTS_BINARY, &S), JH_OK);
    assert_int_equal(S->n, 3);
    assert_int_equal(S->start[3], 2); /* 0:{1} 1:{0} 2:{} */
    assert_int_equal(jh_weights_islands(S), 1);
    jh_weights_free(S);
    jh_weights_free(W);
    size_t self[] = {2};
    assert_int_equal(jh_weights_from_pairs(4, self, self, 1, JH_WEIGHTS_ROW, &W), JH_EINVAL);
    size_t far[] = {4};
    assert_int_equal(jh_weights_from_pairs(4, a, far, 1, JH_WEIGHTS_ROW, &W), JH_EINVAL);
}

/* 3x3 checkerboard 1 0 1 / 0 1 0 / 1 0 1: every rook pair joins a 1 and a
 * 0.  mean 5/9, z = 4/9 or -5/9; binary: sum w z z = 24 (4/9)(-5/9),
 * sum z^2 = (5*16 + 4*25)/81 = 180/81, I = 9/24 * 24 (-20/81) / (180/81)
 * = -1.  Row-standardised: every lag is the other colour's z, so
 * sum z lag = 9 (-20/81), S0 = 9, I = -1 again. */
static void moran_checkerboard(void **state)
{
    (void)state;
    double x[] = {1, 0, 1, 0, 1, 0, 1, 0, 1};
    for (int kind = 0; kind < 2; kind++) {
        jh_weights *W = grid(3, 3, (enum jh_weights_kind)kind);
        jh_moran m;
        assert_int_equal(jh_moran_global(x, W, 0, 1, &m), JH_OK);
        assert_true(fabs(m.I + 1) < TOL);
        assert_true(fabs(m.EI + 0.125) < TOL);
        assert_true(isnan(m.p_sim));
        jh_weights_free(W);
    }
}

/* 4x4 split grid, left two columns 1, right two 0: 24 rook pairs, 4 of
 * them across the split.  z = +-1/2, sum w z z = 2 (20 - 4)/4 = 8,
 * S0 = 48, sum z^2 = 4: I = 16/48 * 8/4 = 2/3. */
static void moran_split_grid(void **state)
{
    (void)state;
    double x[16];
    for (int i = 0; i < 16; i++)
        x[i] = i % 4 < 2;
    jh_weights *W = grid(4, 4, JH_WEIGHTS_BINARY);
    jh_moran m;
    assert_int_equal(jh_moran_global(x, W, 99, 7, &m), JH_OK);
    assert_true(fabs(m.I - 2.0 / 3) < TOL);
    assert_true(m.z_norm > 3);
    assert_true(m.p_sim <= 0.02); /* (0 + 1) / 100 unless a shuffle is as clustered */
    jh_weights_free(W);
}

/* Path 0-1-2-3, x = 1 1 0 0, binary.  z = +-1/2, sum w z z =
 * 2 (1/4 - 1/4 + 1/4) = 1/2, S0 = 6, sum z^2 = 1: I = 4/6 * 1/2 = 1/3.
 * S1 = 1/2 * 6 * 2^2 = 12; S2 = (2)^2 + 4^2 + 4^2 + 2^2 = 40.
 * VI_norm = (16*12 - 4*40 + 3*36) / (15*36) - 1/9 = 140/540 - 1/9 = 4/27,
 * z_norm = (2/3) / sqrt(4/27) = sqrt(3).
 * Kurtosis b2 = (4 * 1/16 / 4) / (1/4)^2 = 1;
 * A = 4 ((16 - 12 + 3) 12 - 4*40 + 3*36) = 128,
 * B = 1 ((16 - 4) 12 - 8*40 + 6*36) = 40,
 * VI_rand = (128 - 40) / (3*2*1*36) - 1/9 = 88/216 - 24/216 = 8/27,
 * z_rand = (2/3) / sqrt(8/27) = sqrt(3/2). */
static void moran_moments_path(void **state)
{
    (void)state;
    double x[] = {1, 1, 0, 0};
    jh_weights *W = path4(JH_WEIGHTS_BINARY);
    jh_moran m;
    assert_int_equal(jh_moran_global(x, W, 0, 1, &m), JH_OK);
    assert_true(fabs(m.I - 1.0 / 3) < TOL);
    assert_true(fabs(m.EI + 1.0 / 3) < TOL);
    assert_true(fabs(m.VI_norm - 4.0 / 27) < TOL);
    assert_true(fabs(m.VI_rand - 8.0 / 27) < TOL);
    assert_true(fabs(m.z_norm - sqrt(3.0)) < 1e-12);
    assert_true(fabs(m.z_rand - sqrt(1.5)) < 1e-12);
    /* 2 (1 - Phi(sqrt 3)) = 0.0832645166635504 (R: 2*pnorm(-sqrt(3))) */
    assert_true(fabs(m.p_norm - 0.0832645166635504) < 1e-12);
    jh_weights_free(W);
}

/* Of the 6 arrangements of 1 1 0 0 on the path, I = 1/3 for {01},{23},
 * -1 for {02},{13} and -1/3 for {03},{12}: a random permutation reaches
 * the observed 1/3 with probability 1/3, so p_sim -> 1/3.  The value for
 * seed 2024 and 999 permutations is fixed (SplitMix64 stream). */
static void moran_permutation_seeded(void **state)
{
    (void)state;
    double x[] = {1, 1, 0, 0};
    jh_weights *W = path4(JH_WEIGHTS_BINARY);
    jh_moran a, b, c;
    assert_int_equal(jh_moran_global(x, W, 999, 2024, &a), JH_OK);
    assert_int_equal(jh_moran_global(x, W, 999, 2024, &b), JH_OK);
    assert_int_equal(jh_moran_global(x, W, 999, 2025, &c), JH_OK);
    assert_true(a.p_sim == b.p_sim);
    assert_true(fabs(a.p_sim - 1.0 / 3) < 0.05);
    assert_true(fabs(c.p_sim - 1.0 / 3) < 0.05);
    /* E[I_sim] = (2 * 1/3 + 2 * -1 + 2 * -1/3) / 6 = -1/3 = E[I]. */
    assert_true(fabs(a.EI_sim + 1.0 / 3) < 0.05);
    assert_true(fabs(a.p_sim - P_SEED_2024) < 1e-15);
    jh_weights_free(W);
}

static void moran_errors(void **state)
{
    (void)state;
    double x[] = {1, 1, 1, 1}, y[] = {1, NAN, 0, 0};
    jh_weights *W = path4(JH_WEIGHTS_ROW);
    jh_moran m;
    assert_int_equal(jh_moran_global(x, W, 0, 1, &m), JH_EZERO);
    assert_int_equal(jh_moran_global(y, W, 0, 1, &m), JH_ENONFINITE);
    jh_weights_free(W);
    W = grid(1, 3, JH_WEIGHTS_ROW);
    assert_int_equal(jh_moran_global(x, W, 0, 1, &m), JH_EEMPTY);
    jh_weights_free(W);
}

/* Local Moran on the path, x = 1 1 0 0, row weights: z = +-1/2,
 * sum z^2 = 1, n - 1 = 3.  lag = 1/2, 0, 0, -1/2; I_i = 3 z_i lag_i =
 * 3/4, 0, 0, 3/4; quadrants HH, none, none, LL.  sum I_i = 3/2
 * = S0 (n-1)/n I = 4 * 3/4 * 1/2 (global I with row weights = 1/2).
 * Unit 0 keeps z = 1/2 and draws one neighbour from {1/2, -1/2, -1/2}:
 * I_0 is reached with probability 1/3. */
static void lisa_path(void **state)
{
    (void)state;
    double x[] = {1, 1, 0, 0};
    jh_weights *W = path4(JH_WEIGHTS_ROW);
    jh_lisa l[4], l2[4];
    assert_int_equal(jh_moran_local(x, W, 999, 11, l), JH_OK);
    assert_int_equal(jh_moran_local(x, W, 999, 11, l2), JH_OK);
    double I[] = {0.75, 0, 0, 0.75};
    enum jh_lisa_quadrant q[] = {JH_LISA_HH, JH_LISA_NONE, JH_LISA_NONE, JH_LISA_LL};
    for (int i = 0; i < 4; i++) {
        assert_true(fabs(l[i].Ii - I[i]) < TOL);
        assert_int_equal(l[i].quadrant, q[i]);
        assert_true(l[i].p_sim == l2[i].p_sim);
    }
    assert_true(fabs(l[0].p_sim - 1.0 / 3) < 0.05);
    assert_true(fabs(l[3].p_sim - 1.0 / 3) < 0.05);
    assert_true(l[0].q_fdr >= l[0].p_sim);
    jh_weights_free(W);
}

/* Checkerboard: the centre (1) has four 0 neighbours: z = 4/9, lag = -5/9,
 * I = 8 (4/9)(-5/9) / (180/81) = 8 (-20/81) (81/180) = -8/9, HL; an edge
 * cell (0): z = -5/9, lag = 4/9, same I, LH. */
static void lisa_checkerboard(void **state)
{
    (void)state;
    double x[] = {1, 0, 1, 0, 1, 0, 1, 0, 1};
    jh_weights *W = grid(3, 3, JH_WEIGHTS_ROW);
    jh_lisa l[9];
    assert_int_equal(jh_moran_local(x, W, 0, 1, l), JH_OK);
    for (int i = 0; i < 9; i++) {
        assert_true(fabs(l[i].Ii + 8.0 / 9) < TOL);
        assert_int_equal(l[i].quadrant, i % 2 ? JH_LISA_LH : JH_LISA_HL);
        assert_true(isnan(l[i].p_sim));
    }
    jh_weights_free(W);
}

/* p = .01 .04 .03 .20 NaN: m = 4, sorted .01 .03 .04 .20 give
 * 4p/k = .04 .06 .0533 .20; running minimum from the top:
 * .04 .0533 .0533 .20. */
static void fdr_bh(void **state)
{
    (void)state;
    double p[] = {0.01, 0.04, 0.03, 0.20, NAN}, q[5];
    assert_int_equal(jh_fdr_bh(p, 5, q), JH_OK);
    assert_true(fabs(q[0] - 0.04) < TOL);
    assert_true(fabs(q[1] - 0.16 / 3) < TOL);
    assert_true(fabs(q[2] - 0.16 / 3) < TOL);
    assert_true(fabs(q[3] - 0.20) < TOL);
    assert_true(isnan(q[4]));
}

/* x = 1 2 3 4 on the path: unordered differences 1,2,3,1,2,1 sum 10,
 * ordered 20; n = 4, mu = 2.5: G = 20 / (2 * 16 * 2.5) = 1/4.
 * Neighbour pairs (0,1),(1,2),(2,3) differ by 1: ordered sum 6, G_N =
 * 6/80, G_NN = 14/80 = 0.175, share 0.7.  Only 1234 and 4321 (2 of 24
 * orders) have the smallest neighbour sum, so a permutation reaches the
 * observed G_NN with probability 1/12. */
static void spatial_gini_path(void **state)
{
    (void)state;
    double x[] = {1, 2, 3, 4};
    jh_weights *W = path4(JH_WEIGHTS_ROW);
    jh_spatial_gini g, g2;
    assert_int_equal(jh_spatial_gini_compute(x, W, 999, 5, &g), JH_OK);
    assert_int_equal(jh_spatial_gini_compute(x, W, 999, 5, &g2), JH_OK);
    assert_true(fabs(g.gini - 0.25) < TOL);
    assert_true(fabs(g.gini_neighbor - 0.075) < TOL);
    assert_true(fabs(g.gini_nonneighbor - 0.175) < TOL);
    assert_true(fabs(g.share_nonneighbor - 0.7) < TOL);
    assert_true(fabs(g.p_sim - 1.0 / 12) < 0.03);
    assert_true(g.p_sim == g2.p_sim);
    double bad[] = {1, -1, 2, 3}, zero[] = {0, 0, 0, 0};
    assert_int_equal(jh_spatial_gini_compute(bad, W, 0, 5, &g), JH_ENEGATIVE);
    assert_int_equal(jh_spatial_gini_compute(zero, W, 0, 5, &g), JH_EZEROMEAN);
    jh_weights_free(W);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(weights_dedup_and_islands),
        cmocka_unit_test(moran_checkerboard),
        cmocka_unit_test(moran_split_grid),
        cmocka_unit_test(moran_moments_path),
        cmocka_unit_test(moran_permutation_seeded),
        cmocka_unit_test(moran_errors),
        cmocka_unit_test(lisa_path),
        cmocka_unit_test(lisa_checkerboard),
        cmocka_unit_test(fdr_bh),
        cmocka_unit_test(spatial_gini_path),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
