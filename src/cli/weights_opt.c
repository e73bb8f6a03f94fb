/* --weights and --weights-base: the spelling of the composite weights and
 * the reading of their files.  See weights_opt.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "weights_opt.h"
#include "junheng/value.h"

/* A bad spelling: "WHERE: message" into diag.  The commands add the
 * pointer to --help when they print it; the run logs it as it is. */
static int bad(jh_diag *diag, const char *where, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
static int bad(jh_diag *diag, const char *where, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *text = len < 0 ? NULL : malloc((size_t)len + 1);
    if (!text) {
        jh_diag_add(diag, JH_DIAG_ERROR, NULL, 0, 0, "out of memory");
        return cli_exit_code(JH_ENOMEM);
    }
    va_start(ap, fmt);
    vsnprintf(text, (size_t)len + 1, fmt, ap);
    va_end(ap);
    jh_diag_add(diag, JH_DIAG_ERROR, where, 0, 0, "%s", text);
    free(text);
    return EX_USAGE;
}

#define EXPECTED "entropy, critic, equal, fixed:FILE, ahp:FILE[:FILE...] or " \
                 "combined:SUBJ,OBJ[,ALPHA]"

void cli_weights_free(cli_weights *w)
{
    jh_weight_list_free(w->fixed);
    for (size_t k = 0; k < w->n_ahp; k++)
        jh_pairwise_free(w->ahp[k]);
    free(w->ahp);
    memset(w, 0, sizeof *w);
}

int cli_weights_base_parse(const char *s, int *base)
{
    int y;
    if (strcmp(s, "pooled") == 0) {
        *base = JH_WEIGHTS_BASE_POOLED;
        return 0;
    }
    if (jh_value_parse_year(s, strlen(s), &y))
        return -1;
    *base = y;
    return 0;
}

/* name[0..len) made relative to dir; caller frees. */
static char *file_path(const char *dir, const char *name, size_t len)
{
    size_t dl = dir && name[0] != '/' ? strlen(dir) : 0;
    char *p = malloc(dl + len + 2);
    if (!p)
        return NULL;
    if (dl)
        snprintf(p, dl + len + 2, "%s/%.*s", dir, (int)len, name);
    else
        snprintf(p, len + 1, "%.*s", (int)len, name);
    return p;
}

/* Reads one file (a weight list or a matrix), its messages into diag. */
static int read_file(const char *dir, const char *name, size_t len, int ahp, jh_diag *diag,
                     cli_weights *w)
{
    char *path = file_path(dir, name, len);
    int rc;
    if (!path)
        return cli_exit_code(JH_ENOMEM);
    if (ahp) {
        jh_pairwise **grown = realloc(w->ahp, (w->n_ahp + 1) * sizeof *grown);
        rc = grown ? jh_pairwise_read(path, diag, &grown[w->n_ahp]) : JH_ENOMEM;
        if (grown)
            w->ahp = grown;
        if (!rc)
            w->n_ahp++;
    } else {
        rc = jh_weight_list_read(path, diag, &w->fixed);
    }
    free(path);
    return cli_exit_code(rc);
}

/* fixed:FILE or ahp:FILE[:FILE...] in s[0..len) into o->subj. */
static int subjective(const char *s, size_t len, const char *where, const char *dir,
                      jh_diag *diag, jh_rank_counties_opts *o, cli_weights *w)
{
    int ahp = len > 4 && strncmp(s, "ahp:", 4) == 0;
    int code;
    if (!ahp && !(len > 6 && strncmp(s, "fixed:", 6) == 0))
        return bad(diag, where, "unknown subjective weights '%.*s' (expected "
                               "fixed:FILE or ahp:FILE[:FILE...])", (int)len, s);
    const char *p = s + (ahp ? 4 : 6), *end = s + len;
    while (p < end) {
        const char *colon = ahp ? memchr(p, ':', (size_t)(end - p)) : NULL;
        size_t n = colon ? (size_t)(colon - p) : (size_t)(end - p);
        if (n == 0)
            return bad(diag, where, "empty file name in '%.*s'", (int)len, s);
        if ((code = read_file(dir, p, n, ahp, diag, w)))
            return code;
        p += n + (colon != NULL);
    }
    o->subj.fixed = w->fixed;
    o->subj.ahp = w->ahp;
    o->subj.n_ahp = w->n_ahp;
    o->weights = ahp ? JH_WEIGHTS_AHP : JH_WEIGHTS_FIXED;
    return 0;
}

/* combined:SUBJ,OBJ[,ALPHA]: the last one or two words after commas. */
static int combined(const char *spec, const char *where, const char *dir, jh_diag *diag,
                    jh_rank_counties_opts *o, cli_weights *w)
{
    const char *body = spec + strlen("combined:");
    const char *c1 = strrchr(body, ','), *obj, *c2;
    char *end;
    if (!c1)
        return bad(diag, where, "invalid --weights '%s' (expected combined:SUBJ,OBJ"
                               "[,ALPHA], e.g. combined:ahp:m.csv,entropy)", spec);
    obj = c1 + 1;
    o->combine = JH_COMBINE_PRODUCT;
    double alpha = strtod(obj, &end);
    if (end != obj && !*end) {
        if (!(alpha >= 0 && alpha <= 1))
            return bad(diag, where, "invalid ALPHA '%s' in --weights '%s' (expected a "
                                   "number from 0 to 1: the subjective share)", obj, spec);
        o->combine = JH_COMBINE_LINEAR;
        o->alpha = alpha;
        for (c2 = c1 - 1; c2 > body && *c2 != ','; c2--)
            ;
        if (*c2 != ',')
            return bad(diag, where, "invalid --weights '%s' (expected combined:SUBJ,"
                                   "OBJ[,ALPHA])", spec);
        obj = c2 + 1;
        c1 = c2;
    }
    size_t on = strcspn(obj, ",");
    if (on == 7 && strncmp(obj, "entropy", 7) == 0)
        o->objective = JH_WEIGHTS_ENTROPY;
    else if (on == 6 && strncmp(obj, "critic", 6) == 0)
        o->objective = JH_WEIGHTS_CRITIC;
    else
        return bad(diag, where, "unknown objective weights '%.*s' in --weights '%s' "
                               "(expected entropy or critic)", (int)on, obj, spec);
    int code = subjective(body, (size_t)(c1 - body), where, dir, diag, o, w);
    if (!code)
        o->weights = JH_WEIGHTS_COMBINED;
    return code;
}

int cli_weights_parse(const char *spec, const char *where, const char *dir, jh_diag *diag,
                      jh_rank_counties_opts *o, cli_weights *w)
{
    cli_weights_free(w);
    memset(&o->subj, 0, sizeof o->subj);
    if (strcmp(spec, "entropy") == 0)
        o->weights = JH_WEIGHTS_ENTROPY;
    else if (strcmp(spec, "critic") == 0)
        o->weights = JH_WEIGHTS_CRITIC;
    else if (strcmp(spec, "equal") == 0)
        o->weights = JH_WEIGHTS_EQUAL;
    else if (strncmp(spec, "combined:", 9) == 0)
        return combined(spec, where, dir, diag, o, w);
    else if (strncmp(spec, "fixed:", 6) == 0 || strncmp(spec, "ahp:", 4) == 0)
        return subjective(spec, strlen(spec), where, dir, diag, o, w);
    else
        return bad(diag, where, "unknown --weights '%s' (expected " EXPECTED ")", spec);
    return 0;
}

int cli_weights_option(const char *cmd, const char *spec, const char *dir,
                       jh_rank_counties_opts *o, cli_weights *w)
{
    jh_diag diag;
    jh_diag_init(&diag, 20);
    int code = cli_weights_parse(spec, cmd, dir, &diag, o, w);
    cli_print_diag(&diag);
    jh_diag_clear(&diag);
    if (code == EX_USAGE)
        fprintf(stderr, "Try 'junheng %s --help'.\n", cmd);
    return code;
}
