/* junheng — the tables of `junheng neighbors` and `junheng spatial`
 * (src/output/spatial_out.c).  Numbers with %.17g; text cells through
 * jh_csv_text (csv: 0 or JH_CSV_RAW). */
#ifndef JUNHENG_SPATIAL_OUT_H
#define JUNHENG_SPATIAL_OUT_H

#include <stdio.h>
#include "junheng/boundary.h"
#include "junheng/spatial_analysis.h"

#ifdef __cplusplus
extern "C" {
#endif

/* "code_a,code_b,type,shared_km", code_a < code_b, rows ordered by the
 * codes (as text); rook pairs only when rook_only.  shared_km with 3
 * decimals (metres).  JH_OK or JH_ENOMEM. */
int jh_write_neighbors(FILE *f, const jh_boundaries *b, const jh_contact *c, size_t n,
                       int rook_only, int csv);

/* Global table, one row per indicator and year:
 * indicator,year,n,islands,moran_i,expected_i,var_norm,z_norm,p_norm,
 * var_rand,z_rand,p_rand,permutations,p_sim,z_sim,gini,gini_neighbor,
 * gini_nonneighbor,share_nonneighbor,gini_p_sim */
void jh_write_spatial(FILE *f, const jh_dataset *d, const jh_spatial_table *sp, int csv);

/* Local table, one row per county, indicator and year:
 * indicator,year,region_code,region_name,value,local_i,lag,quadrant,
 * p_sim,q_fdr,significant,cluster (the quadrant when significant, else
 * "ns"; "" for an island); lag is sum_j w_ij (x_j - mean), the spatial lag
 * of the centred values, whose sign sets the quadrant. */
void jh_write_lisa(FILE *f, const jh_study *s, const jh_spatial_table *sp, int csv);

#ifdef __cplusplus
}
#endif
#endif
