/* Unit tests for the decompositions (include/junheng/decompose.h).
 *
 * Expected values are either worked by hand in the comment beside them
 * (exact fractions and logs) or come from an independent computation in
 * this file: the totals from jh_ge/jh_gini/jh_theil_t (indices.h), the
 * Dagum pair sums from a naive O(n^2) double loop, and identities of the
 * decompositions (one group: between = 0; relabelling groups permutes the
 * output; integer weights equal replicated rows; Dagum's G_nb is the Gini
 * of the group means; Akita's stages agree with the one-stage GE(1)
 * decompositions by prefecture and by county).  Tolerance 1e-12 relative
 * (1e-14 absolute where the exact value is 0).
 *
 * Published table: none reproduced.  Dagum (1997) illustrates the method
 * on grouped 1990 U.S. family incomes, not on listed data, and no package
 * vignette or paper with the full data of a Dagum table was found
 * (searched: R, Stata, MATLAB and Python implementations and their
 * examples; the one package example with listed data, Mussard's weighted
 * alpha-Gini notebook, is run at alpha = 2, not the Gini). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "junheng/decompose.h"
#include "junheng/indices.h"
#include "junheng/status.h"

/* ---- helpers ------------------------------------------------------------ */

#define REL_TOL 1e-12
#define ZERO_TOL 1e-14
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static void check_close(double got, double expected, const char *what,
                        const char *file, int line)
{
    int ok = isnan(expected) ? isnan(got)
             : expected == 0 ? fabs(got) <= ZERO_TOL
                             : fabs(got - expected) <= REL_TOL * fabs(expected);
    if (!ok) {
        print_error("%s = %.17g, expected %.17g\n", what, got, expected);
        _fail(file, line);
    }
}

static void check_status(int got, int expected, const char *what,
                         const char *file, int line)
{
    if (got != expected) {
        print_error("%s: status %d (%s), expected %d (%s)\n", what, got,
                    jh_strerror(got), expected, jh_strerror(expected));
        _fail(file, line);
    }
}

#define assert_close(got, expected) \
    check_close((got), (expected), #got, __FILE__, __LINE__)
#define assert_status(got, expected) \
    check_status((got), (expected), #got, __FILE__, __LINE__)

/* Knuth's MMIX LCG, top 31 bits: deterministic data on every platform. */
static uint64_t lcg_state;
static uint32_t lcg_next(void)
{
    lcg_state = lcg_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)(lcg_state >> 33);
}

/* n values in G groups (every group used: the first G rows are 0..G-1),
 * rounded to 0.1 so that ties occur, shifted by group so the means differ
 * while the groups overlap; integer weights 1..9. */
#define NR 300
#define GR 4
static double RX[NR], RW[NR];
static size_t RG[NR];
static void random_slice(uint64_t seed)
{
    lcg_state = seed;
    for (size_t i = 0; i < NR; i++) {
        RG[i] = i < GR ? i : lcg_next() % GR;
        RX[i] = floor((lcg_next() % 1000) / 10.0) / 10.0 + 1 + 2.5 * (double)RG[i];
        RW[i] = 1 + lcg_next() % 9;
    }
}

static jh_workspace *WS;
static int setup(void **state)
{
    (void)state;
    WS = jh_workspace_alloc(4096);
    return WS ? 0 : -1;
}
static int teardown(void **state)
{
    (void)state;
    jh_workspace_free(WS);
    return 0;
}

/* ---- GE by groups ------------------------------------------------------- */

/* A = {1, 3}, B = {6, 6}, unweighted: mu = 4, mu_A = 2, mu_B = 6,
 * pi_A = pi_B = 1/2, s_A = 4/16 = 1/4, s_B = 3/4.
 * Theil T: T_A = 1/2 [1/2 ln 1/2 + 3/2 ln 3/2] = 3/4 ln3 - ln2, T_B = 0,
 *   within = s_A T_A = 3/16 ln3 - 1/4 ln2,
 *   between = 1/2 (1/2 ln 1/2) + 1/2 (3/2 ln 3/2) = 3/4 ln3 - ln2,
 *   total = 1/4 [1/4 ln 1/4 + 3/4 ln 3/4 + 2 (3/2) ln 3/2]
 *         = 15/16 ln3 - 5/4 ln2 = within + between.
 * Theil L: L_A = 1/2 [ln 2 + ln 2/3] = ln2 - 1/2 ln3, within = pi_A L_A,
 *   between = -1/2 ln 1/2 - 1/2 ln 3/2 = ln2 - 1/2 ln3,
 *   total = 1/4 [ln 4 + ln 4/3 + 2 ln 2/3] = 3/2 ln2 - 3/4 ln3.
 * GE(2): GE_A = 1/2 . 1/2 [(1/2)^2 + (1/2)^2] = 1/8,
 *   within = s_A^2/pi_A GE_A = (1/16)(2)(1/8) = 1/64,
 *   between = 1/2 [1/2 (1/2)^2 + 1/2 (1/2)^2] = 1/8,
 *   total = 1/2 . 1/4 [(3/4)^2 + (1/4)^2 + 2 (1/2)^2] = 9/64. */
static void test_ge_hand_two_groups(void **state)
{
    (void)state;
    const double x[] = {1, 6, 3, 6};
    const size_t g[] = {0, 1, 0, 1};
    const double l2 = log(2), l3 = log(3);
    jh_ge_result *r = jh_ge_result_alloc(2);
    assert_non_null(r);

    assert_status(jh_decompose_ge(x, NULL, g, 4, 2, 1.0, r), JH_OK);
    assert_close(r->total, 15.0 / 16 * l3 - 1.25 * l2);
    assert_close(r->within, 3.0 / 16 * l3 - 0.25 * l2);
    assert_close(r->between, 0.75 * l3 - l2);
    assert_close(r->group[0].index, 0.75 * l3 - l2);
    assert_close(r->group[1].index, 0);
    assert_close(r->group[0].contribution, r->within);
    assert_close(r->group[0].mean, 2);
    assert_close(r->group[1].value_share, 0.75);
    assert_close(r->group[1].pop_share, 0.5);
    assert_int_equal(r->group[1].n, 2);
    assert_close(r->within_share + r->between_share, 1);

    assert_status(jh_decompose_ge(x, NULL, g, 4, 2, 0.0, r), JH_OK);
    assert_close(r->total, 1.5 * l2 - 0.75 * l3);
    assert_close(r->within, 0.5 * l2 - 0.25 * l3);
    assert_close(r->between, l2 - 0.5 * l3);

    assert_status(jh_decompose_ge(x, NULL, g, 4, 2, 2.0, r), JH_OK);
    assert_close(r->total, 9.0 / 64);
    assert_close(r->within, 1.0 / 64);
    assert_close(r->between, 1.0 / 8);
    assert_close(r->group[0].index, 1.0 / 8);
    jh_ge_result_free(r);
}

/* within + between == jh_ge to 1e-12 for several alpha, weighted and not;
 * each group's own index equals jh_ge on the group's values alone. */
static void test_ge_additivity_random(void **state)
{
    (void)state;
    const double alphas[] = {0, 0.5, 1, 2, -1, 3};
    double sub_x[NR], sub_w[NR];
    jh_ge_result *r = jh_ge_result_alloc(GR);
    assert_non_null(r);
    random_slice(20250101);
    for (int weighted = 0; weighted < 2; weighted++)
        for (size_t k = 0; k < NELEM(alphas); k++) {
            const double *w = weighted ? RW : NULL;
            double total, sum = 0, pis = 0, ss = 0, own;
            assert_status(jh_decompose_ge(RX, w, RG, NR, GR, alphas[k], r), JH_OK);
            assert_status(jh_ge(RX, w, NR, alphas[k], &total), JH_OK);
            assert_close(r->within + r->between, total);
            assert_close(r->total, total);
            for (size_t j = 0; j < GR; j++) {
                size_t m = 0;
                for (size_t i = 0; i < NR; i++)
                    if (RG[i] == j) {
                        sub_x[m] = RX[i];
                        sub_w[m++] = RW[i];
                    }
                assert_status(jh_ge(sub_x, weighted ? sub_w : NULL, m, alphas[k], &own), JH_OK);
                assert_close(r->group[j].index, own);
                sum += r->group[j].contribution;
                pis += r->group[j].pop_share;
                ss += r->group[j].value_share;
            }
            assert_close(sum, r->within);
            assert_close(pis, 1);
            assert_close(ss, 1);
        }
    jh_ge_result_free(r);
}

/* One group: between = 0, within = total.  Relabelling the groups
 * permutes the group rows and changes no total. */
static void test_ge_one_group_and_relabel(void **state)
{
    (void)state;
    static size_t zero[NR], perm_g[NR];
    const size_t perm[GR] = {2, 0, 3, 1};
    jh_ge_result *r = jh_ge_result_alloc(GR), *q = jh_ge_result_alloc(GR);
    assert_true(r && q);
    random_slice(7);
    assert_status(jh_decompose_ge(RX, RW, zero, NR, 1, 1.0, r), JH_OK);
    assert_close(r->between, 0);
    assert_close(r->within, r->total);
    for (size_t i = 0; i < NR; i++)
        perm_g[i] = perm[RG[i]];
    assert_status(jh_decompose_ge(RX, RW, RG, NR, GR, 2.0, r), JH_OK);
    assert_status(jh_decompose_ge(RX, RW, perm_g, NR, GR, 2.0, q), JH_OK);
    assert_close(q->within, r->within);
    assert_close(q->between, r->between);
    for (size_t j = 0; j < GR; j++) {
        assert_close(q->group[perm[j]].contribution, r->group[j].contribution);
        assert_close(q->group[perm[j]].mean, r->group[j].mean);
    }
    jh_ge_result_free(r);
    jh_ge_result_free(q);
}

/* Zeros: GE(0) refuses them (JH_EZERO), GE(1) keeps them (0 ln 0 = 0).  A
 * group of zeros has no own index but contributes 0; an empty group is
 * reported as such.  x = {0, 0 | 2, 6 | -}: mu = 2, T = 1/4 [ln 1 +
 * 3 ln 3] = 3/4 ln3; group 1: T_1 = 1/2 [1/2 ln 1/2 + 3/2 ln 3/2], s_1 = 1,
 * between = 1/2 . 2 ln 2 = ln 2, and T_1 + ln 2 = 3/4 ln3. */
static void test_ge_zeros_and_empty_groups(void **state)
{
    (void)state;
    const double x[] = {0, 2, 0, 6};
    const size_t g[] = {0, 1, 0, 1};
    jh_ge_result *r = jh_ge_result_alloc(3);
    assert_non_null(r);
    assert_status(jh_decompose_ge(x, NULL, g, 4, 3, 0.0, r), JH_EZERO);
    assert_status(jh_decompose_ge(x, NULL, g, 4, 3, 1.0, r), JH_OK);
    assert_close(r->total, 0.75 * log(3));
    assert_close(r->between, log(2));
    assert_close(r->within + r->between, r->total);
    assert_status(r->group[0].status, JH_EZEROMEAN);
    assert_true(isnan(r->group[0].index));
    assert_close(r->group[0].contribution, 0);
    assert_status(r->group[2].status, JH_EEMPTY);
    assert_int_equal(r->group[2].n, 0);
    assert_close(r->group[2].pop_share, 0);
    assert_status(jh_decompose_ge(x, NULL, g, 4, 3, 2.0, r), JH_OK);
    assert_close(r->within + r->between, r->total);
    jh_ge_result_free(r);
}

/* Every error, provoked on purpose; the result keeps its old total. */
static void test_ge_errors(void **state)
{
    (void)state;
    const double x[] = {1, 2, 3}, neg[] = {1, -2, 3}, zeros[] = {0, 0, 0};
    const double nan_x[] = {1, NAN, 3}, bad_w[] = {1, 0, 1};
    const size_t g[] = {0, 1, 1}, big[] = {0, 2, 1};
    jh_ge_result *r = jh_ge_result_alloc(2);
    assert_non_null(r);
    assert_null(jh_ge_result_alloc(0));
    r->total = -7;
    assert_status(jh_decompose_ge(NULL, NULL, g, 3, 2, 1, r), JH_EINVAL);
    assert_status(jh_decompose_ge(x, NULL, g, 0, 2, 1, r), JH_EEMPTY);
    assert_status(jh_decompose_ge(nan_x, NULL, g, 3, 2, 1, r), JH_ENONFINITE);
    assert_status(jh_decompose_ge(x, bad_w, g, 3, 2, 1, r), JH_EWEIGHT);
    assert_status(jh_decompose_ge(neg, NULL, g, 3, 2, 1, r), JH_ENEGATIVE);
    assert_status(jh_decompose_ge(zeros, NULL, g, 3, 2, 1, r), JH_EZEROMEAN);
    assert_status(jh_decompose_ge(x, NULL, NULL, 3, 2, 1, r), JH_EINVAL);
    assert_status(jh_decompose_ge(x, NULL, big, 3, 2, 1, r), JH_EINVAL);
    assert_status(jh_decompose_ge(x, NULL, g, 3, 0, 1, r), JH_EINVAL);
    assert_status(jh_decompose_ge(x, NULL, big, 3, 3, 1, r), JH_EINVAL); /* G > capacity */
    assert_status(jh_decompose_ge(x, NULL, g, 3, 2, NAN, r), JH_EINVAL);
    assert_status(jh_decompose_ge(x, NULL, g, 3, 2, 1, NULL), JH_EINVAL);
    assert_close(r->total, -7);
    jh_ge_result_free(r);
    jh_ge_result_free(NULL);
}

/* ---- Dagum ------------------------------------------------------------- */

/* Groups A = {1, 2} and B = {3, 5}, unweighted.  n = 4, mu = 11/4,
 * p_A = p_B = 1/2, s_A = 3/11, s_B = 8/11.
 * Overall: |differences| 1,2,4,1,3,2 sum to 13; G = 2.13/(2.16.11/4) = 13/44.
 * G_AA = 2.1/(2.4.3/2) = 1/6; G_BB = 2.2/(2.4.4) = 1/8;
 * G_w = 1/6 . 1/2 . 3/11 + 1/8 . 1/2 . 8/11 = 1/44 + 2/44 = 3/44.
 * B is better off: differences B - A: 2, 4, 1, 3, all positive, sum 10;
 * G_BA = 10/(2.2.(4 + 3/2)) = 5/11; d = 10/4 = 5/2, p = 0, D = 1;
 * p_B s_A + p_A s_B = 1/2; G_nb = 5/11 . 1/2 = 10/44; G_t = 0.
 * 3/44 + 10/44 = 13/44. */
static void test_dagum_hand_disjoint(void **state)
{
    (void)state;
    const double x[] = {1, 2, 3, 5};
    const size_t g[] = {0, 0, 1, 1};
    jh_dagum_result *r = jh_dagum_result_alloc(2);
    const jh_dagum_pair *p;
    assert_non_null(r);
    assert_status(jh_dagum(x, NULL, g, 4, 2, WS, r), JH_OK);
    assert_close(r->gini, 13.0 / 44);
    assert_close(r->within, 3.0 / 44);
    assert_close(r->net_between, 10.0 / 44);
    assert_close(r->transvariation, 0);
    assert_close(r->group[0].gini, 1.0 / 6);
    assert_close(r->group[1].gini, 1.0 / 8);
    assert_close(r->group[1].value_share, 8.0 / 11);
    assert_int_equal(r->n_pairs, 1);
    p = jh_dagum_pair_get(r, 0, 1);
    assert_non_null(p);
    assert_int_equal(p->j, 1);
    assert_int_equal(p->h, 0);
    assert_close(p->gini, 5.0 / 11);
    assert_close(p->d, 2.5);
    assert_close(p->p, 0);
    assert_close(p->D, 1);
    assert_close(p->weight, 0.5);
    assert_close(r->within_share, 3.0 / 13);
    jh_dagum_result_free(r);
}

/* Overlapping groups A = {1, 5} (mu 3), B = {2, 3} (mu 5/2); mu = 11/4,
 * p = 1/2 each, s_A = 6/11, s_B = 5/11.  A - B: -1, -2, 3, 2, so
 * d_AB = 5/4, p_AB = 3/4, D = (5 - 3)/8 = 1/4 (and d - p = 1/2 = 3 - 5/2);
 * G_AB = 8/(2.2.(3 + 5/2)) = 4/11; weight 1/2;
 * G_nb = 4/11 . 1/2 . 1/4 = 1/22, G_t = 4/11 . 1/2 . 3/4 = 3/22;
 * G_AA = 2.4/(2.4.3) = 1/3, G_BB = 2.1/(2.4.5/2) = 1/10,
 * G_w = 1/3 . 1/2 . 6/11 + 1/10 . 1/2 . 5/11 = 4/44 + 1/44 = 5/44;
 * total 5/44 + 2/44 + 6/44 = 13/44 (|differences| sum to 13 again). */
static void test_dagum_hand_overlap(void **state)
{
    (void)state;
    const double x[] = {2, 1, 3, 5};
    const size_t g[] = {1, 0, 1, 0};
    jh_dagum_result *r = jh_dagum_result_alloc(2);
    const jh_dagum_pair *p;
    assert_non_null(r);
    assert_status(jh_dagum(x, NULL, g, 4, 2, WS, r), JH_OK);
    assert_close(r->gini, 13.0 / 44);
    assert_close(r->within, 5.0 / 44);
    assert_close(r->net_between, 1.0 / 22);
    assert_close(r->transvariation, 3.0 / 22);
    p = jh_dagum_pair_get(r, 1, 0);
    assert_int_equal(p->j, 0);
    assert_close(p->gini, 4.0 / 11);
    assert_close(p->d, 1.25);
    assert_close(p->p, 0.75);
    assert_close(p->D, 0.25);
    assert_close(p->net_between, 1.0 / 22);
    jh_dagum_result_free(r);
}

/* Weighted: A = {1 (w 3), 2 (w 1)}, B = {4 (w 2)}.  W_A = 4, mu_A = 5/4,
 * W_B = 2, mu_B = 4, W = 6, mu = 13/6; p_A = 2/3, p_B = 1/3, s_A = 5/13,
 * s_B = 8/13.  G_AA = 2.3.1.1/(2.16.5/4) = 3/20, G_BB = 0.
 * S_BA = 2.3.3 + 2.1.2 = 22, G_BA = 22/(2.4.(4 + 5/4)) = 11/21, D = 1;
 * weight = 1/3 . 5/13 + 2/3 . 8/13 = 7/13; G_nb = 11/21 . 7/13 = 11/39;
 * G_w = 3/20 . 2/3 . 5/13 = 1/26.  Overall, ordered pairs:
 * 2 (3.1.1 + 3.2.3 + 1.2.2) = 50, G = 50/(2.36.13/6) = 25/78
 * = 3/78 + 22/78. */
static void test_dagum_hand_weighted(void **state)
{
    (void)state;
    const double x[] = {1, 2, 4}, w[] = {3, 1, 2};
    const size_t g[] = {0, 0, 1};
    double gini;
    jh_dagum_result *r = jh_dagum_result_alloc(2);
    assert_non_null(r);
    assert_status(jh_dagum(x, w, g, 3, 2, WS, r), JH_OK);
    assert_status(jh_gini(x, w, 3, 0, WS, &gini), JH_OK);
    assert_close(gini, 25.0 / 78);
    assert_close(r->gini, 25.0 / 78);
    assert_close(r->within, 1.0 / 26);
    assert_close(r->net_between, 11.0 / 39);
    assert_close(r->transvariation, 0);
    assert_close(r->group[0].gini, 3.0 / 20);
    assert_close(jh_dagum_pair_get(r, 0, 1)->gini, 11.0 / 21);
    jh_dagum_result_free(r);
}

/* The O(n log n) pair sums against a naive double loop, n = 300 in 4
 * overlapping groups with ties, unweighted and weighted; the parts against
 * jh_gini; and, since d_jh - p_jh = mu_j - mu_h, G_nb against the Gini of
 * the group means weighted by the group weights W_j. */
static void test_dagum_matches_naive(void **state)
{
    (void)state;
    jh_dagum_result *r = jh_dagum_result_alloc(GR);
    assert_non_null(r);
    random_slice(424242);
    for (int weighted = 0; weighted < 2; weighted++) {
        const double *w = weighted ? RW : NULL;
        long double W[GR] = {0}, Y[GR] = {0}, S[GR][GR] = {{0}}, P[GR][GR] = {{0}};
        long double Wt = 0, Yt = 0;
        double gini, means[GR], weights[GR];
        assert_status(jh_dagum(RX, w, RG, NR, GR, WS, r), JH_OK);
        for (size_t i = 0; i < NR; i++) {
            long double wi = w ? w[i] : 1;
            W[RG[i]] += wi;
            Y[RG[i]] += wi * RX[i];
            Wt += wi;
            Yt += wi * RX[i];
            for (size_t k = 0; k < NR; k++) {
                long double wk = w ? w[k] : 1, diff = (long double)RX[i] - RX[k];
                S[RG[i]][RG[k]] += wi * wk * fabsl(diff);
                if (diff > 0)
                    P[RG[i]][RG[k]] += wi * wk * diff; /* (x_i - x_k)+ */
            }
        }
        for (size_t a = 0; a < GR; a++) {
            long double ma = Y[a] / W[a];
            assert_close(r->group[a].gini, (double)(S[a][a] / (2 * W[a] * W[a] * ma)));
            for (size_t b = a + 1; b < GR; b++) {
                const jh_dagum_pair *p = jh_dagum_pair_get(r, a, b);
                long double mb = Y[b] / W[b], G_ab = S[a][b] / (W[a] * W[b] * (ma + mb));
                size_t j = ma >= mb ? a : b, h = j == a ? b : a;
                long double d = P[j][h] / (W[a] * W[b]), q = P[h][j] / (W[a] * W[b]);
                long double wt = W[a] / Wt * Y[b] / Yt + W[b] / Wt * Y[a] / Yt;
                assert_int_equal(p->j, j);
                assert_close(p->gini, (double)G_ab);
                assert_close(p->d, (double)d);
                assert_close(p->p, (double)q);
                assert_close(p->D, (double)((d - q) / (d + q)));
                assert_close(p->weight, (double)wt);
                assert_close(p->transvariation, (double)(G_ab * wt * (1 - (d - q) / (d + q))));
                assert_close(p->d - p->p, (double)(Y[j] / W[j] - Y[h] / W[h]));
            }
        }
        assert_status(jh_gini(RX, w, NR, 0, WS, &gini), JH_OK);
        assert_close(r->within + r->net_between + r->transvariation, gini);
        assert_close(r->gini, gini);
        assert_close(r->within_share + r->net_between_share + r->transvariation_share, 1);
        assert_true(r->transvariation > 0);
        for (size_t j = 0; j < GR; j++) {
            means[j] = r->group[j].mean;
            weights[j] = r->group[j].weight;
        }
        assert_status(jh_gini(means, weights, GR, 0, WS, &gini), JH_OK);
        assert_close(r->net_between, gini);
    }
    jh_dagum_result_free(r);
}

/* Integer weights give the numbers of the rows replicated. */
static void test_dagum_integer_weights_replicate(void **state)
{
    (void)state;
    enum { N = 60 };
    static double rx[N * 9];
    static size_t rg[N * 9];
    size_t m = 0;
    jh_dagum_result *a = jh_dagum_result_alloc(GR), *b = jh_dagum_result_alloc(GR);
    assert_true(a && b);
    random_slice(5);
    for (size_t i = 0; i < N; i++)
        for (size_t k = 0; k < (size_t)RW[i]; k++) {
            rx[m] = RX[i];
            rg[m++] = RG[i];
        }
    assert_status(jh_dagum(RX, RW, RG, N, GR, WS, a), JH_OK);
    assert_status(jh_dagum(rx, NULL, rg, m, GR, WS, b), JH_OK);
    assert_close(a->within, b->within);
    assert_close(a->net_between, b->net_between);
    assert_close(a->transvariation, b->transvariation);
    for (size_t p = 0; p < a->n_pairs; p++) {
        assert_close(a->pair[p].gini, b->pair[p].gini);
        assert_close(a->pair[p].D, b->pair[p].D);
    }
    jh_dagum_result_free(a);
    jh_dagum_result_free(b);
}

/* One group: G_w = G, no pairs.  Relabelling permutes groups and pairs. */
static void test_dagum_one_group_and_relabel(void **state)
{
    (void)state;
    static size_t zero[NR], perm_g[NR];
    const size_t perm[GR] = {3, 1, 0, 2};
    jh_dagum_result *r = jh_dagum_result_alloc(GR), *q = jh_dagum_result_alloc(GR);
    assert_true(r && q);
    random_slice(31);
    assert_status(jh_dagum(RX, RW, zero, NR, 1, WS, r), JH_OK);
    assert_int_equal(r->n_pairs, 0);
    assert_close(r->within, r->gini);
    assert_close(r->net_between + r->transvariation, 0);
    for (size_t i = 0; i < NR; i++)
        perm_g[i] = perm[RG[i]];
    assert_status(jh_dagum(RX, RW, RG, NR, GR, WS, r), JH_OK);
    assert_status(jh_dagum(RX, RW, perm_g, NR, GR, WS, q), JH_OK);
    assert_close(q->transvariation, r->transvariation);
    for (size_t a = 0; a < GR; a++) {
        assert_close(q->group[perm[a]].gini, r->group[a].gini);
        for (size_t b = a + 1; b < GR; b++) {
            const jh_dagum_pair *pr = jh_dagum_pair_get(r, a, b);
            const jh_dagum_pair *pq = jh_dagum_pair_get(q, perm[a], perm[b]);
            assert_close(pq->D, pr->D);
            assert_int_equal(pq->j, perm[pr->j]);
        }
    }
    jh_dagum_result_free(r);
    jh_dagum_result_free(q);
}

/* An empty group and a group of zeros: reported, contributing 0, and
 * the parts still add up.  {0, 0 | 1, 3 | - }: G = 2(1+3+1+3+2)/(2.16.1)
 * = 5/8; G_11 = 2.2/(2.4.2) = 1/4, G_w = 1/4 . 1/2 . 1 = 1/8;
 * G_10 = 8/(2.2.2) = 1, D = 1, weight = 1/2 . 0 + 1/2 . 1 = 1/2. */
static void test_dagum_zero_and_empty_groups(void **state)
{
    (void)state;
    const double x[] = {0, 1, 0, 3};
    const size_t g[] = {0, 1, 0, 1};
    jh_dagum_result *r = jh_dagum_result_alloc(3);
    assert_non_null(r);
    assert_status(jh_dagum(x, NULL, g, 4, 3, WS, r), JH_OK);
    assert_close(r->gini, 5.0 / 8);
    assert_close(r->within, 1.0 / 8);
    assert_close(r->net_between, 0.5);
    assert_close(r->transvariation, 0);
    assert_status(r->group[0].status, JH_EZEROMEAN);
    assert_status(r->group[2].status, JH_EEMPTY);
    assert_status(jh_dagum_pair_get(r, 0, 2)->status, JH_EEMPTY);
    assert_close(jh_dagum_pair_get(r, 0, 2)->net_between, 0);
    assert_close(jh_dagum_pair_get(r, 1, 0)->gini, 1);
    assert_null(jh_dagum_pair_get(r, 1, 1));
    assert_null(jh_dagum_pair_get(r, 0, 3));
    jh_dagum_result_free(r);
}

static void test_dagum_errors(void **state)
{
    (void)state;
    const double x[] = {1, 2, 3}, neg[] = {1, -2, 3}, zeros[] = {0, 0, 0};
    const double bad_w[] = {1, -1, 1};
    const size_t g[] = {0, 1, 1}, big[] = {0, 2, 1};
    jh_workspace *small = jh_workspace_alloc(2);
    jh_dagum_result *r = jh_dagum_result_alloc(2);
    assert_true(small && r);
    assert_null(jh_dagum_result_alloc(0));
    r->gini = -7;
    assert_status(jh_dagum(NULL, NULL, g, 3, 2, WS, r), JH_EINVAL);
    assert_status(jh_dagum(x, NULL, g, 0, 2, WS, r), JH_EEMPTY);
    assert_status(jh_dagum(x, bad_w, g, 3, 2, WS, r), JH_EWEIGHT);
    assert_status(jh_dagum(neg, NULL, g, 3, 2, WS, r), JH_ENEGATIVE);
    assert_status(jh_dagum(zeros, NULL, g, 3, 2, WS, r), JH_EZEROMEAN);
    assert_status(jh_dagum(x, NULL, big, 3, 2, WS, r), JH_EINVAL);
    assert_status(jh_dagum(x, NULL, big, 3, 3, WS, r), JH_EINVAL);
    assert_status(jh_dagum(x, NULL, NULL, 3, 2, WS, r), JH_EINVAL);
    assert_status(jh_dagum(x, NULL, g, 3, 2, small, r), JH_EINVAL);
    assert_status(jh_dagum(x, NULL, g, 3, 2, NULL, r), JH_EINVAL);
    assert_status(jh_dagum(x, NULL, g, 3, 2, WS, NULL), JH_EINVAL);
    assert_close(r->gini, -7);
    jh_workspace_free(small);
    jh_dagum_result_free(r);
}

/* ---- nested Theil --------------------------------------------------------- */

/* Prefecture 0: county 0 = cells {1, 3} (w 1 each), county 1 = {6} (w 2);
 * prefecture 1: county 2 = {8} (w 4).  W = 8, Y = 48, mu = 6;
 * mu_P0 = 16/4 = 4, mu_P1 = 8; s_P0 = 1/3; mu_c0 = 2, mu_c1 = 6, s_c0 = 1/12.
 * Stage 1: 1/2 (4/6) ln(4/6) + 1/2 (8/6) ln(8/6) = 5/3 ln2 - ln3.
 * Stage 2: T_WR,P0 = 1/2 (1/2) ln(1/2) + 1/2 (3/2) ln(3/2) = 3/4 ln3 - ln2,
 *   times s_P0 = 1/3: 1/4 ln3 - 1/3 ln2 (P1 has one county: 0).
 * Stage 3: T_W,c0 = 1/2 [1/2 ln(1/2) + 3/2 ln(3/2)] = 3/4 ln3 - ln2,
 *   times 1/12: 1/16 ln3 - 1/12 ln2 (single cells: 0).
 * T = 1/8 (1/6) ln(1/6) + 1/8 (1/2) ln(1/2) + 0 + 1/2 (4/3) ln(4/3)
 *   = 5/4 ln2 - 11/16 ln3 = (5/3 - 1/3 - 1/12) ln2 + (-1 + 1/4 + 1/16) ln3. */
static void test_nested_hand(void **state)
{
    (void)state;
    const double x[] = {1, 3, 6, 8}, w[] = {1, 1, 2, 4};
    const size_t pref[] = {0, 0, 0, 1}, county[] = {0, 0, 1, 2};
    const double l2 = log(2), l3 = log(3);
    double t;
    jh_nested_theil_result *r = jh_nested_theil_result_alloc(2, 3);
    assert_non_null(r);
    assert_status(jh_nested_theil(x, w, pref, county, 4, 2, 3, r), JH_OK);
    assert_status(jh_theil_t(x, w, 4, &t), JH_OK);
    assert_close(t, 1.25 * l2 - 11.0 / 16 * l3);
    assert_close(r->total, t);
    assert_close(r->between_prefectures, 5.0 / 3 * l2 - l3);
    assert_close(r->between_counties, 0.25 * l3 - l2 / 3);
    assert_close(r->within_counties, l3 / 16 - l2 / 12);
    assert_close(r->prefecture[0].between_counties, 0.75 * l3 - l2);
    assert_close(r->prefecture[1].between_counties, 0);
    assert_close(r->county[0].within, 0.75 * l3 - l2);
    assert_int_equal(r->prefecture[0].n_counties, 2);
    assert_int_equal(r->county[2].prefecture, 1);
    assert_close(r->between_prefectures_share + r->between_counties_share +
                     r->within_counties_share, 1);
    jh_nested_theil_result_free(r);
}

/* 6 prefectures, 40 counties, an urban and a rural cell for most counties:
 * the stages add to jh_theil_t, and agree with the one-stage GE(1)
 * decompositions: by prefecture, stage 1 = between and stages 2 + 3 =
 * within; by county, stage 3 = within and stages 1 + 2 = between.  With
 * one cell per county, stage 3 is 0. */
static void test_nested_random(void **state)
{
    (void)state;
    enum { R = 6, C = 40 };
    size_t pref[2 * C], county[2 * C], n = 0;
    double x[2 * C], w[2 * C], t;
    jh_nested_theil_result *r = jh_nested_theil_result_alloc(R, C);
    jh_ge_result *ge = jh_ge_result_alloc(C);
    assert_true(r && ge);
    lcg_state = 2003;
    for (size_t c = 0; c < C; c++) {
        size_t cells = c % 5 == 0 ? 1 : 2;
        for (size_t k = 0; k < cells; k++) {
            pref[n] = c % R;
            county[n] = c;
            x[n] = (k ? 0.6 : 1.4) * (5 + (double)(lcg_next() % 1000) / 100 + (double)(c % R));
            w[n++] = 1 + lcg_next() % 50;
        }
    }
    assert_status(jh_nested_theil(x, w, pref, county, n, R, C, r), JH_OK);
    assert_status(jh_theil_t(x, w, n, &t), JH_OK);
    assert_close(r->between_prefectures + r->between_counties + r->within_counties, t);
    assert_status(jh_decompose_ge(x, w, pref, n, R, 1.0, ge), JH_OK);
    assert_close(r->between_prefectures, ge->between);
    assert_close(r->between_counties + r->within_counties, ge->within);
    assert_status(jh_decompose_ge(x, w, county, n, C, 1.0, ge), JH_OK);
    assert_close(r->within_counties, ge->within);
    assert_close(r->between_prefectures + r->between_counties, ge->between);
    /* one cell per county: keep the first cell of each */
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (i == 0 || county[i] != county[i - 1]) {
            x[m] = x[i], w[m] = w[i], pref[m] = pref[i], county[m++] = county[i];
        }
    assert_status(jh_nested_theil(x, NULL, pref, county, m, R, C, r), JH_OK);
    assert_status(jh_theil_t(x, NULL, m, &t), JH_OK);
    assert_true(r->within_counties == 0);
    assert_close(r->between_prefectures + r->between_counties, t);
    jh_nested_theil_result_free(r);
    jh_ge_result_free(ge);
}

static void test_nested_errors(void **state)
{
    (void)state;
    const double x[] = {1, 2, 3}, neg[] = {1, -2, 3};
    const size_t pref[] = {0, 0, 1}, county[] = {0, 1, 2};
    const size_t two_parents[] = {0, 0, 0}, far[] = {0, 1, 5};
    jh_nested_theil_result *r = jh_nested_theil_result_alloc(2, 3);
    assert_non_null(r);
    assert_null(jh_nested_theil_result_alloc(0, 3));
    r->total = -7;
    assert_status(jh_nested_theil(x, NULL, pref, two_parents, 3, 2, 3, r), JH_EINVAL);
    assert_status(jh_nested_theil(x, NULL, pref, far, 3, 2, 3, r), JH_EINVAL);
    assert_status(jh_nested_theil(x, NULL, pref, county, 3, 2, 4, r), JH_EINVAL);
    assert_status(jh_nested_theil(x, NULL, NULL, county, 3, 2, 3, r), JH_EINVAL);
    assert_status(jh_nested_theil(neg, NULL, pref, county, 3, 2, 3, r), JH_ENEGATIVE);
    assert_status(jh_nested_theil(x, NULL, pref, county, 0, 2, 3, r), JH_EEMPTY);
    assert_close(r->total, -7);
    /* an unused county id and prefecture are reported as empty */
    assert_status(jh_nested_theil(x, NULL, two_parents, county, 3, 2, 3, r), JH_OK);
    assert_status(r->prefecture[1].status, JH_EEMPTY);
    jh_nested_theil_result_free(r);
}

/* ---- exact cases (issue 13) ------------------------------------------- */

/* x = (0.1, 0.1, 0.2, 0.4), w = (2.9, 1.3, 1, 1), groups {0}, {1}, {2, 3}:
 * groups 0 and 1 hold one county each with the value 0.1, so their own
 * indices are exactly 0 and their means exactly 0.1 and equal.  In long
 * double, 2.9 * 0.1 / 2.9 and 1.3 * 0.1 / 1.3 are not 0.1 (one is above,
 * one below), which made the one-county Theil T -5e-20 and 1e-19 and named
 * group 0 the better-off one of the pair (0, 1).  Unweighted, the same. */
static void test_exact_one_county_groups_and_equal_means(void **state)
{
    (void)state;
    const double x[] = {0.1, 0.1, 0.2, 0.4}, w[] = {2.9, 1.3, 1, 1};
    const size_t g[] = {0, 1, 2, 2};
    const double alphas[] = {0, 1, 2};
    jh_ge_result *ge = jh_ge_result_alloc(3);
    jh_dagum_result *dg = jh_dagum_result_alloc(3);
    assert_non_null(ge);
    assert_non_null(dg);
    for (int wt = 0; wt < 2; wt++) {
        const double *ww = wt ? w : NULL;
        for (size_t a = 0; a < NELEM(alphas); a++) {
            assert_status(jh_decompose_ge(x, ww, g, 4, 3, alphas[a], ge), JH_OK);
            for (size_t j = 0; j < 2; j++) {
                assert_true(ge->group[j].index == 0.0);
                assert_true(ge->group[j].contribution == 0.0);
                assert_true(ge->group[j].mean == 0.1);
            }
        }
        assert_status(jh_dagum(x, ww, g, 4, 3, WS, dg), JH_OK);
        const jh_dagum_pair *p01 = jh_dagum_pair_get(dg, 0, 1);
        const jh_dagum_pair *p02 = jh_dagum_pair_get(dg, 0, 2);
        assert_true(dg->group[0].mean == 0.1 && dg->group[1].mean == 0.1);
        assert_int_equal(p01->equal_means, 1);
        assert_true(p01->D == 0.0 && p01->net_between == 0.0);
        assert_int_equal(p01->j, 0); /* the smaller id, as documented */
        /* 0.1 against {0.2, 0.4}: group 2 is better off, D = 1 */
        assert_int_equal(p02->equal_means, 0);
        assert_int_equal(p02->j, 2);
        assert_close(p02->D, 1);
    }
    jh_ge_result_free(ge);
    jh_dagum_result_free(dg);
}

/* Nested Theil: prefecture 0 holds one county whose two cells are both
 * 0.1 (weights 2.9 and 1.3); prefecture 1 holds counties {0.2} and {0.4}.
 * The county's own index and the prefecture's between-county part are
 * exactly 0; the rest is the hand case's arithmetic:
 *   mu_1 = 0.3, T_WR,1 = 1/2 [(2/3) ln(2/3) + (4/3) ln(4/3)]
 *        = 1/3 (ln2 - ln3) + 2/3 (2 ln2 - ln3) = 5/3 ln2 - ln3. */
static void test_nested_exact_equal_cells(void **state)
{
    (void)state;
    const double x[] = {0.1, 0.1, 0.2, 0.4}, w[] = {2.9, 1.3, 1, 1};
    const size_t pref[] = {0, 0, 1, 1}, county[] = {0, 0, 1, 2};
    jh_nested_theil_result *r = jh_nested_theil_result_alloc(2, 3);
    assert_non_null(r);
    assert_status(jh_nested_theil(x, w, pref, county, 4, 2, 3, r), JH_OK);
    assert_true(r->county[0].within == 0.0);
    assert_true(r->county[0].mean == 0.1);
    assert_true(r->prefecture[0].between_counties == 0.0);
    assert_true(r->within_counties == 0.0);
    assert_close(r->prefecture[1].between_counties, 5 * log(2) / 3 - log(3));
    jh_nested_theil_result_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ge_hand_two_groups),
        cmocka_unit_test(test_ge_additivity_random),
        cmocka_unit_test(test_ge_one_group_and_relabel),
        cmocka_unit_test(test_ge_zeros_and_empty_groups),
        cmocka_unit_test(test_ge_errors),
        cmocka_unit_test(test_dagum_hand_disjoint),
        cmocka_unit_test(test_dagum_hand_overlap),
        cmocka_unit_test(test_dagum_hand_weighted),
        cmocka_unit_test(test_dagum_matches_naive),
        cmocka_unit_test(test_dagum_integer_weights_replicate),
        cmocka_unit_test(test_dagum_one_group_and_relabel),
        cmocka_unit_test(test_dagum_zero_and_empty_groups),
        cmocka_unit_test(test_dagum_errors),
        cmocka_unit_test(test_nested_hand),
        cmocka_unit_test(test_nested_random),
        cmocka_unit_test(test_nested_errors),
        cmocka_unit_test(test_exact_one_county_groups_and_equal_means),
        cmocka_unit_test(test_nested_exact_equal_cells),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
