/* junheng — choropleth maps through gnuplot (src/output/plot_map.c): the
 * data file and the chart variables of plots/map.gp for county polygons
 * already projected to a plane (km), each county one colour, prefecture
 * outlines heavier, optional county names, scale bar and north arrow.
 * Names reach gnuplot only through the data file (jh_gp_data_label) and
 * quoted variables, never as commands. */
#ifndef JUNHENG_PLOT_MAP_H
#define JUNHENG_PLOT_MAP_H

#include <stdio.h>
#include "junheng/geom.h"
#include "junheng/plot.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct jh_map {
    const jh_shapes *shapes;     /* projected: x, y in km, north up */
    const char *const *label;    /* [feature] name to print, or NULL: no names */
    const size_t *group;         /* [feature] prefecture, (size_t)-1 none; NULL */
    const char *const *colour;   /* [feature] "#RRGGBB" fill */
    int schematic;               /* a tile map: no scale bar, "schematic" said */
    const char *lang;            /* "zh" or "en" */
} jh_map;

/* The legend: n entries, colour and label each. */
typedef struct jh_map_legend {
    size_t n;
    const char *const *colour;
    const char *const *label;
} jh_map_legend;

/* Writes the data file of plots/map.gp to f (index 0: fills "x y rgb",
 * index 1: county outlines, index 2: prefecture outlines, index 3: labels
 * "x y name colour") and sets XMIN, XMAX, YMIN, YMAX, the scale bar (SCALE_LEN
 * km, SCALE_LABEL; 0 for a schematic map), the north arrow, NCLASS, COLS,
 * LABS and the chart's HEIGHT in sp.  JH_EEMPTY without polygons,
 * JH_ENOMEM. */
int jh_plot_map(FILE *f, const jh_map *m, const jh_map_legend *legend, jh_plot_spec *sp);

/* A sequential colour-blind-safe palette for k classes (2..7): ColorBrewer
 * YlGnBu (Brewer 2003), light for low values.  Static strings. */
const char *jh_map_class_colour(size_t cls, size_t k);

/* GeoDa's LISA colours: HH red, LL blue, LH light blue, HL light red, not
 * significant light grey (quadrant 0..4 as enum jh_lisa_quadrant; 0: ns). */
const char *jh_map_lisa_colour(int quadrant);

/* The fill of a county without a value. */
#define JH_MAP_NO_DATA "#D9D9D9"

#ifdef __cplusplus
}
#endif
#endif
