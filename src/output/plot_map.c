/* Choropleth maps: data file and variables of plots/map.gp.  See
 * include/junheng/plot_map.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "junheng/plot_map.h"

const char *jh_map_class_colour(size_t cls, size_t k)
{
    /* ColorBrewer YlGnBu, 7 classes; fewer classes take evenly spread ones. */
    static const char *const c7[] = {"#FFFFCC", "#C7E9B4", "#7FCDBB", "#41B6C4",
                                     "#1D91C0", "#225EA8", "#0C2C84"};
    if (k < 2)
        return c7[3];
    if (k > 7)
        k = 7;
    size_t i = (size_t)lround((double)(cls < k ? cls : k - 1) * 6.0 / (double)(k - 1));
    return c7[i];
}

const char *jh_map_lisa_colour(int quadrant)
{
    static const char *const c[] = {"#EEEEEE", "#D7191C", "#ABD9E9", "#2C7BB6", "#FDAE61"};
    return quadrant >= 0 && quadrant <= 4 ? c[quadrant] : c[0];
}

static void extent(const jh_shapes *s, double *lo, double *hi)
{
    lo[0] = lo[1] = INFINITY;
    hi[0] = hi[1] = -INFINITY;
    for (size_t i = 0; i < 2 * s->n_points; i++) {
        lo[i % 2] = fmin(lo[i % 2], s->xy[i]);
        hi[i % 2] = fmax(hi[i % 2], s->xy[i]);
    }
}

static void ring_points(FILE *f, const jh_shapes *s, size_t r, const char *rgb)
{
    size_t b = s->ring_pt[r], e = s->ring_pt[r + 1];
    for (size_t k = b; k <= e; k++) {
        size_t p = k < e ? k : b; /* closed: the first point again */
        if (rgb)
            fprintf(f, "%.4f\t%.4f\t0x%s\n", s->xy[2 * p], s->xy[2 * p + 1], rgb + 1);
        else
            fprintf(f, "%.4f\t%.4f\n", s->xy[2 * p], s->xy[2 * p + 1]);
    }
    fputc('\n', f);
}

/* Index 0: the outer rings filled (holes are left to the counties that
 * fill them); index 1: every ring as a line. */
static void fills_and_outlines(FILE *f, const jh_map *m)
{
    const jh_shapes *s = m->shapes;
    for (size_t c = 0; c < s->n; c++)
        for (size_t r = s->feat_ring[c]; r < s->feat_ring[c + 1]; r++)
            if (!s->hole[r])
                ring_points(f, s, r, m->colour[c]);
    fputs("\n\n", f);
    for (size_t r = 0; r < s->n_rings; r++)
        ring_points(f, s, r, NULL);
    fputs("\n\n", f);
}

/* Index 2: runs of segments on a prefecture's outline. */
static int group_outlines(FILE *f, const jh_map *m, double tol)
{
    const jh_shapes *s = m->shapes;
    unsigned char *outer = NULL;
    if (m->group) {
        outer = malloc(s->n_points + 1);
        if (!outer)
            return JH_ENOMEM;
        int rc = jh_shapes_group_edges(s, m->group, tol, outer);
        if (rc) {
            free(outer);
            return rc;
        }
    }
    int open = 0;
    for (size_t r = 0; outer && r < s->n_rings; r++) {
        size_t b = s->ring_pt[r], e = s->ring_pt[r + 1];
        for (size_t k = b; k < e; k++) {
            size_t k1 = k + 1 < e ? k + 1 : b;
            if (!outer[k]) {
                if (open)
                    fputc('\n', f);
                open = 0;
                continue;
            }
            if (!open)
                fprintf(f, "%.4f\t%.4f\n", s->xy[2 * k], s->xy[2 * k + 1]);
            fprintf(f, "%.4f\t%.4f\n", s->xy[2 * k1], s->xy[2 * k1 + 1]);
            open = 1;
        }
        if (open)
            fputc('\n', f);
        open = 0;
    }
    if (!outer) /* gnuplot wants a point in every index */
        fprintf(f, "%.4f\t%.4f\n", s->xy[0], s->xy[1]);
    fputs("\n\n", f);
    free(outer);
    return JH_OK;
}

/* The label point of a county: the centroid of its largest outer ring. */
static void label_point(const jh_shapes *s, size_t c, double *x, double *y)
{
    double best = -1;
    *x = *y = NAN;
    for (size_t r = s->feat_ring[c]; r < s->feat_ring[c + 1]; r++) {
        if (s->hole[r])
            continue;
        long double a = 0, cx = 0, cy = 0;
        size_t b = s->ring_pt[r], e = s->ring_pt[r + 1];
        for (size_t k = b; k < e; k++) {
            size_t k1 = k + 1 < e ? k + 1 : b;
            double x0 = s->xy[2 * k], y0 = s->xy[2 * k + 1], x1 = s->xy[2 * k1], y1 = s->xy[2 * k1 + 1];
            double cr = x0 * y1 - x1 * y0;
            a += cr;
            cx += (x0 + x1) * cr;
            cy += (y0 + y1) * cr;
        }
        if (fabsl(a) > best && a != 0) {
            best = (double)fabsl(a);
            *x = (double)(cx / (3 * a));
            *y = (double)(cy / (3 * a));
        }
    }
}

/* Black on a light fill, white on a dark one (relative luminance of
 * "#RRGGBB", ITU-R BT.709 weights, unlinearised: enough to choose). */
static const char *label_colour(const char *fill)
{
    unsigned long v = fill && fill[0] == '#' ? strtoul(fill + 1, NULL, 16) : 0xFFFFFFUL;
    double y = 0.2126 * (double)(v >> 16 & 255) + 0.7152 * (double)(v >> 8 & 255) +
               0.0722 * (double)(v & 255);
    return y < 110 ? "0xFFFFFF" : "0x000000";
}

static void labels(FILE *f, const jh_map *m)
{
    const jh_shapes *s = m->shapes;
    int any = 0;
    for (size_t c = 0; m->label && c < s->n; c++) {
        double x, y;
        label_point(s, c, &x, &y);
        if (!isfinite(x) || !m->label[c] || !*m->label[c])
            continue;
        fprintf(f, "%.4f\t%.4f\t", x, y);
        jh_gp_data_label(f, m->label[c]);
        fprintf(f, "\t%s\n", label_colour(m->colour[c]));
        any = 1;
    }
    /* gnuplot 5.4 crashes on a labels block of only NaN points: a blank
     * label on the first point instead */
    if (!any)
        fprintf(f, "%.4f\t%.4f\t\" \"\t0x000000\n", s->xy[0], s->xy[1]);
}

/* A round length near a fifth of the width: 1, 2 or 5 times a power of 10. */
static double round_length(double width)
{
    double target = width / 5, p = pow(10, floor(log10(target)));
    return target >= 5 * p ? 5 * p : target >= 2 * p ? 2 * p : p;
}

static void frame(const jh_map *m, jh_plot_spec *sp, const double *lo, const double *hi)
{
    int en = m->lang && !strcmp(m->lang, "en");
    double w = hi[0] - lo[0], h = hi[1] - lo[1], pad = 0.04 * fmax(w, h);
    jh_plot_spec_number(sp, "XMIN", lo[0] - pad);
    jh_plot_spec_number(sp, "XMAX", hi[0] + pad);
    jh_plot_spec_number(sp, "YMIN", lo[1] - 2 * pad);
    jh_plot_spec_number(sp, "YMAX", hi[1] + pad);
    double len = m->schematic ? 0 : round_length(w);
    jh_plot_spec_number(sp, "SCALE_LEN", len);
    jh_plot_spec_number(sp, "SBX", lo[0]);
    jh_plot_spec_number(sp, "SBY", lo[1] - pad);
    if (m->schematic)
        jh_plot_spec_text(sp, "SCALE_LABEL", "%s", en ? "Schematic tile map (not to scale)"
                                                      : "示意图（方格位置按大致地理，不按比例）");
    else
        jh_plot_spec_text(sp, "SCALE_LABEL", "%g km", len);
    jh_plot_spec_number(sp, "NX", hi[0]);
    jh_plot_spec_number(sp, "NY", hi[1] - 0.12 * h);
    jh_plot_spec_number(sp, "NLEN", 0.08 * h);
    /* The map keeps its aspect; the legend takes the right third. */
    sp->height = (int)fmin(2400, fmax(700, 1600 * 0.66 * (h + 3 * pad) / (w + 2 * pad)));
}

int jh_plot_map(FILE *f, const jh_map *m, const jh_map_legend *legend, jh_plot_spec *sp)
{
    if (!m || !m->shapes || !m->shapes->n_points)
        return JH_EEMPTY;
    double lo[2], hi[2];
    extent(m->shapes, lo, hi);
    fills_and_outlines(f, m);
    /* prefecture outlines: borders within 0.2 % of the map width match */
    int rc = group_outlines(f, m, 0.002 * fmax(hi[0] - lo[0], hi[1] - lo[1]));
    if (rc)
        return rc;
    labels(f, m);
    frame(m, sp, lo, hi);
    jh_plot_spec_number(sp, "NCLASS", (double)legend->n);
    jh_plot_spec_array(sp, "COLS", legend->n, legend->colour);
    jh_plot_spec_array(sp, "LABS", legend->n, legend->label);
    return sp->failed ? JH_ENOMEM : JH_OK;
}
