/* Bootstrap replicates side by side (bootstrap.c, boot_suite.c): vectors
 * of VW doubles (GCC and Clang vector extensions; one SSE2 register each)
 * and the weights of VW replicates' draw counts.  Internal to the core.
 *
 * Counts are at most n <= INT32_MAX, so their bits read as int32 are the
 * same numbers (SSE2 converts int32, not unsigned, to double). */
#ifndef JUNHENG_CORE_LANES_H
#define JUNHENG_CORE_LANES_H

#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

enum { VW = 2 };
typedef double vd __attribute__((vector_size(VW * sizeof(double))));
typedef int32_t vi __attribute__((vector_size(VW * sizeof(int32_t))));
_Static_assert(sizeof(unsigned) == sizeof(int32_t), "counts are read as int32 lanes");

/* w times the counts of VW lanes as doubles.  SSE2 converts two int32 in
 * one instruction (cvtdq2pd), which GCC does not find by itself. */
static inline vd lane_weights(double w, const unsigned *c)
{
#if defined(__SSE2__)
    return w * (vd)_mm_cvtepi32_pd(_mm_loadl_epi64((const __m128i *)(const void *)c));
#else
    vi ci;
    memcpy(&ci, c, sizeof ci);
    return w * __builtin_convertvector(ci, vd);
#endif
}

#endif
