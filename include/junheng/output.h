/* junheng — writing results: CSV fields, atomic output files, and the
 * tables of each analysis. */
#ifndef JUNHENG_OUTPUT_H
#define JUNHENG_OUTPUT_H

#include <stdio.h>
#include "junheng/analysis.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Flags of jh_csv_text, or'ed. */
enum {
    JH_CSV_FIRST = 1,  /* the first field of a row: no comma before it */
    JH_CSV_RAW = 2     /* the text as it is, even when it looks like a formula */
};

/* Writes s as one CSV field, quoted only when it holds a comma, a quote,
 * CR, LF or a leading or trailing space; a comma first unless
 * JH_CSV_FIRST.  Spreadsheet safety (OWASP CSV injection): unless
 * JH_CSV_RAW, a text beginning with =, +, -, @, TAB or CR gets a leading
 * apostrophe, so that Excel and WPS show it as text instead of running it
 * as a formula ("=HYPERLINK(...)" -> "'=HYPERLINK(...)").  Numbers go
 * through jh_csv_number and are never touched. */
void jh_csv_text(FILE *f, const char *s, int flags);

/* Writes x with printf format fmt ("%.17g" round-trips); NaN and
 * infinities are written as an empty field.  A comma first unless first. */
void jh_csv_number(FILE *f, double x, const char *fmt, int first);

/* An output file that appears at its path only when complete: data go to a
 * temporary file beside it, renamed into place by jh_outfile_commit.  With
 * path NULL or "-" it writes to stdout.  Caller-owned struct. */
typedef struct jh_outfile {
    FILE *f;        /* where to write */
    char *path;     /* final path, or NULL for stdout; owned */
    char *tmp;      /* temporary path, or NULL; owned */
} jh_outfile;

/* Returns JH_OK, or JH_EIO when the temporary file cannot be created. */
int jh_outfile_open(jh_outfile *o, const char *path);
/* Flushes, closes and renames; JH_OK or JH_EIO (then nothing is left at
 * the path and the temporary file is removed). */
int jh_outfile_commit(jh_outfile *o);
/* Closes and removes the temporary file; safe after commit. */
void jh_outfile_abort(jh_outfile *o);

/* Writes s as a JSON string literal (quotes, backslashes and control
 * characters escaped). */
void jh_json_string(FILE *f, const char *s);

/* Writes s with the five HTML special characters escaped (& < > " '), so
 * that text from input files can never become markup or script. */
void jh_html_text(FILE *f, const char *s);

typedef enum jh_layout { JH_LAYOUT_LONG, JH_LAYOUT_WIDE } jh_layout;

/* The indices table: long, "indicator,year,stratum,index,value" with %.17g,
 * or wide, one row per slice and one column per index with %.10g.  csv:
 * 0, or JH_CSV_RAW for text cells as they are (jh_csv_text). */
void jh_write_indices(FILE *f, const jh_dataset *d, const jh_slice_indices *s,
                      size_t n, jh_layout layout, int csv);

#ifdef __cplusplus
}
#endif
#endif
