/* A module junheng puts into LD_PRELOAD of the gnuplot it starts (never
 * into junheng itself; gnuplot.c, jh_gp_spawn): PNG rows are written with
 * filter type None instead of libpng's adaptive choice among the five
 * filters for every row, and deflated at zlib level 3 instead of 6.
 *
 * Why: two thirds of a warm gnuplot's CPU on the bundled charts went to
 * writing the PNG (perf: libpng 36%, zlib 32%): libpng's share is that
 * per-row choice, zlib's the lazy matching of levels 4 to 9.  cairo leaves
 * both at libpng's defaults and no gnuplot or cairo setting reaches them.
 * The charts are flat colours where the filters do not pay: the 152 PNGs
 * of the bundled run take 23.3 MB so against 23.1 MB as libpng writes
 * them, in well under half the CPU (bench/README.md).  The pixels are the
 * same (tests/script/plot_png_module.sh); only the PNG's bytes differ.
 *
 * How: cairo calls png_set_IHDR once per image before it writes any row;
 * this png_set_IHDR calls libpng's own (the next definition in the lookup
 * order), then png_set_filter and png_set_compression_level.  No libpng
 * header: the signatures are libpng's stable API (png_uint_32 is unsigned
 * int on every platform gnuplot runs on here). */
#define _GNU_SOURCE /* RTLD_NEXT */
#include <dlfcn.h>

typedef void (*set_ihdr_fn)(void *png, void *info, unsigned width, unsigned height,
                            int bit_depth, int colour_type, int interlace, int compression,
                            int filter);
typedef void (*set_filter_fn)(void *png, int method, int filters);
typedef void (*set_level_fn)(void *png, int level);

enum { PNG_FILTER_TYPE_BASE = 0, PNG_FILTER_NONE = 0x08, ZLIB_LEVEL = 3 };

void png_set_IHDR(void *png, void *info, unsigned width, unsigned height, int bit_depth,
                  int colour_type, int interlace, int compression, int filter);

void png_set_IHDR(void *png, void *info, unsigned width, unsigned height, int bit_depth,
                  int colour_type, int interlace, int compression, int filter)
{
    /* Object pointers to function pointers through a union: ISO C has no
     * cast between them, dlsym's contract (POSIX) makes it valid. */
    union { void *p; set_ihdr_fn f; } ihdr = {dlsym(RTLD_NEXT, "png_set_IHDR")};
    union { void *p; set_filter_fn f; } set_filter = {dlsym(RTLD_NEXT, "png_set_filter")};
    union { void *p; set_level_fn f; } set_level = {dlsym(RTLD_NEXT, "png_set_compression_level")};
    if (!ihdr.p)
        return; /* cannot happen where libpng called us */
    ihdr.f(png, info, width, height, bit_depth, colour_type, interlace, compression, filter);
    if (set_filter.p)
        set_filter.f(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
    if (set_level.p)
        set_level.f(png, ZLIB_LEVEL);
}
