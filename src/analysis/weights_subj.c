/* Subjective composite weights: fixed weights from a code,weight file and
 * AHP weights from pairwise comparison matrices, flat or through a
 * hierarchy of domains.  See jh_subjective in include/junheng/rank.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "junheng/rank.h"

#define ERR(d, file, line, col, ...) \
    jh_diag_add((d), JH_DIAG_ERROR, (file), (line), (col), __VA_ARGS__)

struct scored {
    const jh_study *s;
    const size_t *cols;
    size_t m;
};

static const char *code_of(const struct scored *sc, size_t c)
{
    return sc->s->data->indicators.str[sc->cols[c]];
}

static const char *domain_of(const struct scored *sc, size_t c)
{
    return jh_study_domain(sc->s, sc->cols[c]);
}

/* The column of indicator code, or JH_NONE. */
static size_t col_of(const struct scored *sc, const char *code)
{
    for (size_t c = 0; c < sc->m; c++)
        if (strcmp(code_of(sc, c), code) == 0)
            return c;
    return JH_NONE;
}

/* 1 when code is the (non-empty) domain of a scored indicator. */
static int is_domain(const struct scored *sc, const char *code)
{
    for (size_t c = 0; *code && c < sc->m; c++)
        if (strcmp(domain_of(sc, c), code) == 0)
            return 1;
    return 0;
}

static size_t domain_size(const struct scored *sc, const char *dn)
{
    size_t k = 0;
    for (size_t c = 0; c < sc->m; c++)
        k += strcmp(domain_of(sc, c), dn) == 0;
    return k;
}

/* Index of code in codes[n], or JH_NONE. */
static size_t find(char *const *codes, size_t n, const char *code)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(codes[i], code) == 0)
            return i;
    return JH_NONE;
}

static int normalise(double *w, size_t m)
{
    long double sum = 0;
    for (size_t c = 0; c < m; c++)
        sum += w[c];
    if (!(sum > 0))
        return -1;
    for (size_t c = 0; c < m; c++)
        w[c] = (double)(w[c] / sum);
    return 0;
}

/* ---- fixed weights ---------------------------------------------------- */

/* w_j = d_D / sum d * v_j / sum_{k in D} v_k, for indicator j of domain D
 * with domain weight d_D and indicator weight v_j (1 when j is its
 * domain's only indicator and has no row). */
static int fixed_by_domain(const struct scored *sc, const jh_weight_list *l, jh_diag *diag,
                           double *w)
{
    long double dsum = 0;
    int bad = 0;
    for (size_t i = 0; i < l->n; i++)
        if (col_of(sc, l->code[i]) == JH_NONE && is_domain(sc, l->code[i]))
            dsum += l->weight[i];
    for (size_t c = 0; c < sc->m; c++) {
        const char *dn = domain_of(sc, c);
        size_t di = *dn ? find(l->code, l->n, dn) : JH_NONE;
        size_t ii = find(l->code, l->n, code_of(sc, c));
        if (di == JH_NONE) {
            ERR(diag, l->path, 0, 0, "no weight for the domain of indicator '%s' ('%s') "
                "(expected a row DOMAIN,WEIGHT for every domain: the file weights domains)",
                code_of(sc, c), *dn ? dn : "none");
            bad = 1;
        } else if (ii == JH_NONE && domain_size(sc, dn) > 1) {
            ERR(diag, l->path, 0, 0, "no weight for indicator '%s' (expected a row '%s,WEIGHT' "
                "within domain '%s')", code_of(sc, c), code_of(sc, c), dn);
            bad = 1;
        } else {
            w[c] = ii == JH_NONE ? 1 : l->weight[ii];
        }
    }
    if (bad)
        return JH_EPARSE;
    /* within each domain, then through the domain weights (w is read
     * before any column of the domain is overwritten: sums first) */
    double *local = malloc((sc->m + 1) * sizeof *local);
    if (!local)
        return JH_ENOMEM;
    for (size_t c = 0; c < sc->m; c++) {
        long double vs = 0;
        for (size_t k = 0; k < sc->m; k++)
            if (strcmp(domain_of(sc, k), domain_of(sc, c)) == 0)
                vs += w[k];
        double dw = l->weight[find(l->code, l->n, domain_of(sc, c))];
        local[c] = vs > 0 && dsum > 0 ? (double)(dw / dsum * (w[c] / vs)) : NAN;
        if (isnan(local[c]))
            bad = 1;
    }
    memcpy(w, local, sc->m * sizeof *w);
    free(local);
    if (bad)
        ERR(diag, l->path, 0, 0, "the weights of a domain, or of the domains, sum to 0 "
            "(expected a positive sum at each level)");
    return bad ? JH_EPARSE : JH_OK;
}

static int fixed_weights(const struct scored *sc, const jh_weight_list *l, jh_diag *diag,
                         double *w)
{
    size_t n_dom = 0;
    int bad = 0;
    for (size_t i = 0; i < l->n; i++) {
        if (col_of(sc, l->code[i]) != JH_NONE)
            continue;
        if (is_domain(sc, l->code[i]))
            n_dom++;
        else
            jh_diag_add(diag, JH_DIAG_WARNING, NULL, 0, 0, "%s:%lu: '%s' is neither a scored "
                        "indicator nor the domain of one; its weight is not used",
                        l->path, l->line[i], l->code[i]);
    }
    if (n_dom)
        return fixed_by_domain(sc, l, diag, w);
    for (size_t c = 0; c < sc->m; c++) {
        size_t i = find(l->code, l->n, code_of(sc, c));
        if (i == JH_NONE) {
            ERR(diag, l->path, 0, 0, "no weight for indicator '%s' (expected a row '%s,WEIGHT')",
                code_of(sc, c), code_of(sc, c));
            bad = 1;
        } else {
            w[c] = l->weight[i];
        }
    }
    if (!bad && normalise(w, sc->m)) {
        ERR(diag, l->path, 0, 0, "the weights sum to 0 (expected a positive sum)");
        bad = 1;
    }
    return bad ? JH_EPARSE : JH_OK;
}

/* ---- AHP -------------------------------------------------------------- */

enum { M_INDICATORS = 1, M_DOMAINS = 2 };

/* What matrix p compares: M_INDICATORS or M_DOMAINS; 0 after an error
 * naming the first code that is neither, or a mix of both. */
static int matrix_kind(const struct scored *sc, const jh_pairwise *p, jh_diag *diag)
{
    int kind = 0;
    for (size_t j = 0; j < p->n; j++) {
        int k = col_of(sc, p->code[j]) != JH_NONE ? M_INDICATORS
              : is_domain(sc, p->code[j]) ? M_DOMAINS : 0;
        if (!k) {
            ERR(diag, p->path, p->line, j + 2, "'%s' is neither a scored indicator nor the "
                "domain of one (expected the codes of the indicators or domains compared)",
                p->code[j]);
            return 0;
        }
        if (kind && k != kind) {
            ERR(diag, p->path, p->line, j + 2, "'%s' is a %s but '%s' a %s (expected one "
                "matrix for the domains and one per domain for its indicators)", p->code[j],
                k == M_DOMAINS ? "domain" : "indicator", p->code[0],
                kind == M_DOMAINS ? "domain" : "indicator");
            return 0;
        }
        kind = k;
    }
    return kind;
}

/* Eigenvector weights and consistency of matrix k into lw[k] and chk[k];
 * CR > 0.10 an error unless accepted. */
static int matrix_weights(const jh_subjective *sub, size_t k, jh_diag *diag, double *lw,
                          jh_ahp_check *chk)
{
    const jh_pairwise *p = sub->ahp[k];
    chk->path = p->path;
    chk->n = p->n;
    if (p->n > JH_AHP_MAX_N) {
        ERR(diag, p->path, p->line, 0, "%zu items in one matrix (expected at most %d: "
            "Saaty's random index stops there; group the indicators into domains)",
            p->n, JH_AHP_MAX_N);
        return JH_EPARSE;
    }
    if (jh_ahp_weights(p->a, p->n, lw, &chk->c) != JH_OK) {
        ERR(diag, p->path, p->line, 0, "no principal eigenvector (expected positive judgements)");
        return JH_EPARSE;
    }
    if (chk->c.cr > 0.10) {
        jh_diag_add(diag, sub->accept_inconsistent ? JH_DIAG_WARNING : JH_DIAG_ERROR,
                    sub->accept_inconsistent ? NULL : p->path,
                    sub->accept_inconsistent ? 0 : p->line, 0,
                    "%s%sinconsistent judgements: CR = %.4f > 0.10 (lambda_max %.5f, "
                    "CI %.5f, RI %.2f, n %zu)%s",
                    sub->accept_inconsistent ? p->path : "",
                    sub->accept_inconsistent ? ": " : "", chk->c.cr, chk->c.lambda_max,
                    chk->c.ci, chk->c.ri, p->n,
                    sub->accept_inconsistent ? "; used as --ahp-accept-inconsistent asks"
                    : " (expected CR <= 0.10: revise the judgements, or pass "
                      "--ahp-accept-inconsistent)");
        return sub->accept_inconsistent ? JH_OK : JH_EPARSE;
    }
    return JH_OK;
}

/* The local weight of column c: from the one indicator matrix holding its
 * code, or 1 when it is its domain's only indicator and no matrix has it. */
static int local_weight(const struct scored *sc, const jh_subjective *sub, const int *kind,
                        double *const *lw, size_t c, jh_diag *diag, double *out)
{
    const char *code = code_of(sc, c), *dn = domain_of(sc, c);
    size_t hit = JH_NONE, at = 0;
    for (size_t k = 0; k < sub->n_ahp; k++) {
        size_t j = kind[k] == M_INDICATORS ? find(sub->ahp[k]->code, sub->ahp[k]->n, code)
                                           : JH_NONE;
        if (j == JH_NONE)
            continue;
        if (hit != JH_NONE) {
            ERR(diag, sub->ahp[k]->path, sub->ahp[k]->line, j + 2, "indicator '%s' is also "
                "compared in %s (expected one matrix per domain)", code, sub->ahp[hit]->path);
            return JH_EPARSE;
        }
        hit = k;
        at = j;
    }
    if (hit == JH_NONE) {
        if (domain_size(sc, dn) == 1) {
            *out = 1;
            return JH_OK;
        }
        ERR(diag, sub->ahp[0]->path, 0, 0, "no matrix compares indicator '%s' of domain '%s' "
            "(expected a matrix of the domain's %zu indicators)", code, *dn ? dn : "none",
            domain_size(sc, dn));
        return JH_EPARSE;
    }
    /* every code of the matrix must share c's domain */
    const jh_pairwise *p = sub->ahp[hit];
    for (size_t j = 0; j < p->n; j++) {
        size_t k = col_of(sc, p->code[j]);
        if (strcmp(domain_of(sc, k), dn) != 0) {
            ERR(diag, p->path, p->line, j + 2, "'%s' is in domain '%s' but '%s' in '%s' "
                "(expected the indicators of one domain per matrix)", p->code[j],
                domain_of(sc, k), code, dn);
            return JH_EPARSE;
        }
    }
    *out = lw[hit][at];
    return JH_OK;
}

static int ahp_combine(const struct scored *sc, const jh_subjective *sub, const int *kind,
                       double *const *lw, jh_diag *diag, double *w)
{
    size_t top = JH_NONE;
    int bad = 0;
    for (size_t k = 0; k < sub->n_ahp; k++)
        if (kind[k] == M_DOMAINS) {
            if (top != JH_NONE) {
                ERR(diag, sub->ahp[k]->path, sub->ahp[k]->line, 0, "a second domain matrix "
                    "(the first is %s; expected one)", sub->ahp[top]->path);
                return JH_EPARSE;
            }
            top = k;
        }
    if (top == JH_NONE && sub->n_ahp > 1) {
        ERR(diag, sub->ahp[1]->path, 0, 0, "several indicator matrices but none of the "
            "domains (expected a domain matrix above them, or one matrix)");
        return JH_EPARSE;
    }
    for (size_t c = 0; c < sc->m; c++) {
        const jh_pairwise *p = sub->ahp[top == JH_NONE ? 0 : top];
        if (top == JH_NONE) {
            size_t j = find(p->code, p->n, code_of(sc, c));
            if (j == JH_NONE) {
                ERR(diag, p->path, p->line, 0, "no judgement for indicator '%s' (expected "
                    "it in the header and a row of its own)", code_of(sc, c));
                bad = 1;
            } else {
                w[c] = lw[0][j];
            }
            continue;
        }
        size_t j = find(p->code, p->n, domain_of(sc, c));
        double local;
        if (j == JH_NONE) {
            ERR(diag, p->path, p->line, 0, "no judgement for domain '%s' of indicator '%s' "
                "(expected it in the domain matrix)", *domain_of(sc, c) ? domain_of(sc, c)
                : "none", code_of(sc, c));
            bad = 1;
        } else if (local_weight(sc, sub, kind, lw, c, diag, &local)) {
            bad = 1;
        } else {
            w[c] = lw[top][j] * local;
        }
    }
    return bad ? JH_EPARSE : JH_OK;
}

static int ahp_weights(const struct scored *sc, const jh_subjective *sub, jh_diag *diag,
                       double *w, jh_ahp_check *chk)
{
    int *kind = calloc(sub->n_ahp, sizeof *kind), rc = JH_OK;
    double **lw = calloc(sub->n_ahp, sizeof *lw);
    if (!kind || !lw)
        rc = JH_ENOMEM;
    for (size_t k = 0; !rc && k < sub->n_ahp; k++) {
        if (!(lw[k] = malloc((sub->ahp[k]->n + 1) * sizeof **lw)))
            rc = JH_ENOMEM;
        else if (!(kind[k] = matrix_kind(sc, sub->ahp[k], diag)))
            rc = JH_EPARSE;
        else
            rc = matrix_weights(sub, k, diag, lw[k], &chk[k]);
    }
    if (!rc)
        rc = ahp_combine(sc, sub, kind, lw, diag, w);
    for (size_t k = 0; lw && k < sub->n_ahp; k++)
        free(lw[k]);
    free(lw);
    free(kind);
    return rc;
}

int jh_subjective_weights(const jh_study *s, const size_t *cols, size_t m,
                          const jh_subjective *sub, jh_diag *diag, double *w,
                          jh_ahp_check **checks, size_t *n_checks)
{
    struct scored sc = {s, cols, m};
    *checks = NULL;
    *n_checks = 0;
    if (sub->fixed)
        return fixed_weights(&sc, sub->fixed, diag, w);
    if (!sub->n_ahp)
        return JH_EINVAL;
    jh_ahp_check *chk = calloc(sub->n_ahp, sizeof *chk);
    if (!chk)
        return JH_ENOMEM;
    int rc = ahp_weights(&sc, sub, diag, w, chk);
    if (rc) {
        free(chk);
        return rc;
    }
    *checks = chk;
    *n_checks = sub->n_ahp;
    return JH_OK;
}
