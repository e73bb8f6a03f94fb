/* junheng — writing results: CSV fields, atomic output files, and the
 * tables of each analysis. */
#ifndef JUNHENG_OUTPUT_H
#define JUNHENG_OUTPUT_H

#include <stdio.h>
#include "junheng/analysis.h"
#include "junheng/converge.h"

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

/* An output file.  A regular file (or a new one) appears at its path only
 * when complete: data go to a temporary file beside it that gets the mode
 * a new file would get (0666 less the umask), synced and renamed into place
 * by jh_outfile_commit.  A character device or a FIFO is written in place
 * and stays what it is; path NULL or "-" writes to stdout.  A symbolic link
 * to a regular file replaces the file it points to.  Caller-owned struct. */
typedef struct jh_outfile {
    FILE *f;          /* where to write */
    char *path;       /* final path of a replaced file, or NULL; owned */
    char *tmp;        /* temporary path, or NULL; owned */
    int own;          /* f is ours to close (not stdout) */
    const char *why;  /* after a failed open: what is wrong, e.g. "is a folder" */
} jh_outfile;

/* Returns JH_OK; JH_EINVAL when path names something that cannot take a
 * file's text (a folder, a block device, a socket); JH_EIO when the file
 * or its temporary file cannot be created (errno says why); o->why is set
 * on failure. */
int jh_outfile_open(jh_outfile *o, const char *path);
/* Flushes, syncs, closes and renames; JH_OK or JH_EIO, with errno saying
 * why (then nothing new is at the path and the temporary file is gone). */
int jh_outfile_commit(jh_outfile *o);
/* Closes and removes the temporary file; safe after commit. */
void jh_outfile_abort(jh_outfile *o);

/* Creates a new file (dir 0; returns its descriptor, open for writing) or
 * folder (dir 1; returns 0) named PATH + tag + six random letters, beside
 * path, with mode 0666 or 0777 less the umask.  *name gets the malloc'd
 * name.  Returns -1 with errno set on failure. */
int jh_create_beside(const char *path, const char *tag, int dir, char **name);

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

/* The table of `junheng converge` that opts->tables asks for (trend by
 * default), long or wide; csv as above. */
void jh_write_converge(FILE *f, const jh_dataset *d, const jh_converge_table *c,
                       const jh_converge_opts *opts, jh_layout layout, int csv);

#ifdef __cplusplus
}
#endif
#endif
