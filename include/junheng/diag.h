/* junheng — diagnostics: the errors and warnings a reader or an analysis
 * collects, each already formatted as "FILE:LINE:COL: message".
 *
 * Library code never prints; it adds to a jh_diag, and the program prints
 * what was collected (prefixed with "junheng: ") and picks the exit code. */
#ifndef JUNHENG_DIAG_H
#define JUNHENG_DIAG_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum jh_diag_level { JH_DIAG_ERROR, JH_DIAG_WARNING } jh_diag_level;

typedef struct jh_diag_item {
    jh_diag_level level; /* error or warning */
    char *text;          /* formatted message; owned by the jh_diag */
} jh_diag_item;

typedef struct jh_diag {
    jh_diag_item *items; /* kept messages, in the order they were added */
    size_t n, cap;       /* kept, allocated */
    size_t max_kept;     /* keep at most this many of each level (0: 100) */
    size_t n_errors;     /* errors seen, including those not kept */
    size_t n_warnings;   /* warnings seen, including those not kept */
} jh_diag;

/* Caller-owned struct: jh_diag_init before use, jh_diag_clear to free. */
void jh_diag_init(jh_diag *d, size_t max_kept);
void jh_diag_clear(jh_diag *d);

/* Adds a message.  file may be NULL (then no position is printed); line
 * and col count from 1, and 0 omits them.  Returns 0, or -1 when out of
 * memory (the message is then only counted). */
int jh_diag_add(jh_diag *d, jh_diag_level level, const char *file,
                unsigned long line, unsigned long col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

/* Writes raw text s[0..len-1] into buf (cap >= 16 bytes) for quoting in a
 * message: control characters and NUL as \xNN, a '"' as \", and text
 * longer than fits cut at a character boundary with "..." appended.
 * Returns buf. */
char *jh_diag_excerpt(const char *s, size_t len, char *buf, size_t cap);

/* Edit distance (insertions, deletions, substitutions) between two UTF-8
 * strings, counted in characters, ASCII letters compared ignoring case;
 * strings longer than 64 characters are compared by their first 64. */
size_t jh_edit_distance(const char *a, const char *b);

/* The candidate closest to given by jh_edit_distance, when close enough
 * to be a typing error (at most 1 + a third of given's characters, and
 * fewer than all of them); NULL when none.  For "did you mean ...". */
const char *jh_suggest(const char *given, const char *const *cand, size_t n);

/* Appends to the string in buf (cap bytes, NUL-terminated, cut with "..."
 * when full) the names of cand joined by ", ": for a message listing what
 * exists. */
void jh_list_names(const char *const *cand, size_t n, char *buf, size_t cap);

/* True once max_kept errors were kept: readers stop early then. */
int jh_diag_full(const jh_diag *d);

#ifdef __cplusplus
}
#endif
#endif
