/*
 * gen_panel — streams a synthetic county panel of any size to CSV, for
 * benchmarks and scale tests: N regions in G groups, K indicators, Y years,
 * optionally with urban and rural strata, populations as weights.
 *
 *   gen_panel --regions N --groups G --indicators K --years Y [--strata]
 *             [--seed S] [--layout long|wide] [--start-year Y0]
 *             [--missing P] [-o FILE]
 *
 * Long layout:  region_code,year,indicator,stratum,value,population,group
 * Wide layout:  region_code,year,stratum,group,population,<indicator codes...>
 *
 * Region codes are 6-digit numbers (more digits when N needs them) from
 * 100001, skipping those that end in 00 (a prefecture's code); groups are g1..gG zero-padded, regions in contiguous blocks;
 * indicators are i001..iK.  About 40% of the indicators are rates in 0..100
 * (printed with 2 decimals), the rest positive quantities (3 decimals).
 * Model per indicator on a logit or log scale: level + trend * t +
 * exp(conv * t) * (group effect + region effect) +/- urban-rural gap / 2 +
 * noise; the total is the population-weighted mean of the urban and rural
 * values, and the total rows are the same with or without --strata.
 * --missing P leaves a share P of the values empty (drawn from a separate
 * stream, so the other values do not change).
 *
 * Everything is drawn from GSL's MT19937 in one fixed order, so the same
 * arguments give the same bytes.  Memory is O(K); output is streamed.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

enum { EX_USAGE = 64, EX_SOFTWARE = 70, EX_CANTCREAT = 73, EX_IOERR = 74 };

typedef struct {
    int rate;          /* 1: share in 0..100 (logit), 0: positive (log) */
    int prec;          /* decimals printed */
    double level, trend, sd_group, sd_region, noise, gap, conv, conv_gap;
} ind_t;

/* ------------------------------------------------------------------ */
/* Buffered output with fast fixed-point formatting                   */
/* ------------------------------------------------------------------ */

static FILE *OUT;
static char BUF[1 << 20];
static size_t LEN;

static void flush_buf(void)
{
    if (LEN && fwrite(BUF, 1, LEN, OUT) != LEN) {
        perror("gen_panel: write");
        exit(EX_IOERR);
    }
    LEN = 0;
}

static void put_str(const char *s)
{
    size_t n = strlen(s);
    if (LEN + n > sizeof BUF)
        flush_buf();
    memcpy(BUF + LEN, s, n);
    LEN += n;
}

static void put_char(char c)
{
    if (LEN + 1 > sizeof BUF)
        flush_buf();
    BUF[LEN++] = c;
}

static void put_ulong(unsigned long long v)
{
    char tmp[24];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    if (LEN + (size_t)n > sizeof BUF)
        flush_buf();
    while (n)
        BUF[LEN++] = tmp[--n];
}

/* x with `prec` decimals, rounded half away from zero. */
static void put_fixed(double x, int prec)
{
    static const double scale[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
    static const unsigned long long iscale[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
    if (!(fabs(x) < 1e12)) {
        char tmp[64];
        snprintf(tmp, sizeof tmp, "%.*f", prec, x);
        put_str(tmp);
        return;
    }
    if (x < 0) {
        put_char('-');
        x = -x;
    }
    unsigned long long v = (unsigned long long)(x * scale[prec] + 0.5);
    put_ulong(v / iscale[prec]);
    if (prec > 0) {
        unsigned long long f = v % iscale[prec];
        char tmp[8];
        for (int i = prec - 1; i >= 0; i--) {
            tmp[i] = (char)('0' + f % 10);
            f /= 10;
        }
        put_char('.');
        if (LEN + (size_t)prec > sizeof BUF)
            flush_buf();
        memcpy(BUF + LEN, tmp, (size_t)prec);
        LEN += (size_t)prec;
    }
}

/* ------------------------------------------------------------------ */
/* Arguments                                                          */
/* ------------------------------------------------------------------ */

static void usage(FILE *f)
{
    fputs("usage: gen_panel --regions N --groups G --indicators K --years Y [--strata]\n"
          "                 [--seed S] [--layout long|wide] [--start-year Y0]\n"
          "                 [--missing P] [-o FILE]\n"
          "Streams a SYNTHETIC panel to FILE (default: standard output).\n"
          "Defaults: 2850 regions, 30 groups, 100 indicators, 10 years from 2011,\n"
          "total stratum only, seed 1, long layout, no missing values.\n",
          f);
}

static long parse_long(const char *opt, const char *s, long lo, long hi)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi) {
        fprintf(stderr, "gen_panel: %s: bad value \"%s\" (expected an integer from %ld to %ld)\n",
                opt, s, lo, hi);
        exit(EX_USAGE);
    }
    return v;
}

/* prefix followed by v zero-padded to width digits (width < 20). */
static void padded(char *dst, char prefix, unsigned long long v, int width)
{
    char tmp[24];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n < width && n < 20)
        tmp[n++] = '0';
    *dst++ = prefix;
    while (n)
        *dst++ = tmp[--n];
    *dst = '\0';
}

/* The mode a file created with fopen would get: 0666 less the umask
 * (mkstemp creates 0600). */
static mode_t plain_mode(void)
{
    mode_t mask = umask(0);
    umask(mask);
    return 0666 & ~mask;
}

static int digits(long v)
{
    int d = 1;
    while (v >= 10) {
        v /= 10;
        d++;
    }
    return d;
}

int main(int argc, char **argv)
{
    long n_reg = 2850, n_grp = 30, n_ind = 100, n_year = 10, year0 = 2011;
    unsigned long seed = 1;
    int strata = 0, wide = 0;
    double missing = 0;
    const char *out = NULL;

    for (int a = 1; a < argc; a++) {
        const char *o = argv[a];
        int has = a + 1 < argc;
        if (strcmp(o, "--strata") == 0)
            strata = 1;
        else if (strcmp(o, "--help") == 0 || strcmp(o, "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (!has) {
            usage(stderr);
            return EX_USAGE;
        } else if (strcmp(o, "--regions") == 0)
            n_reg = parse_long(o, argv[++a], 1, 99999999);
        else if (strcmp(o, "--groups") == 0)
            n_grp = parse_long(o, argv[++a], 1, 99999999);
        else if (strcmp(o, "--indicators") == 0)
            n_ind = parse_long(o, argv[++a], 1, 100000);
        else if (strcmp(o, "--years") == 0)
            n_year = parse_long(o, argv[++a], 1, 1000);
        else if (strcmp(o, "--start-year") == 0)
            year0 = parse_long(o, argv[++a], 1, 9000);
        else if (strcmp(o, "--seed") == 0)
            seed = (unsigned long)parse_long(o, argv[++a], 0, LONG_MAX);
        else if (strcmp(o, "--layout") == 0) {
            const char *v = argv[++a];
            if (strcmp(v, "long") == 0)
                wide = 0;
            else if (strcmp(v, "wide") == 0)
                wide = 1;
            else {
                fprintf(stderr, "gen_panel: --layout: expected long or wide, got \"%s\"\n", v);
                return EX_USAGE;
            }
        } else if (strcmp(o, "--missing") == 0) {
            char *end;
            errno = 0;
            missing = strtod(argv[++a], &end);
            if (errno || *end || end == argv[a] || !(missing >= 0 && missing <= 1)) {
                fprintf(stderr, "gen_panel: --missing: expected a share from 0 to 1, got \"%s\"\n",
                        argv[a]);
                return EX_USAGE;
            }
        } else if (strcmp(o, "-o") == 0)
            out = argv[++a];
        else {
            usage(stderr);
            return EX_USAGE;
        }
    }
    if (n_grp > n_reg) {
        fprintf(stderr, "gen_panel: --groups %ld exceeds --regions %ld\n", n_grp, n_reg);
        return EX_USAGE;
    }
    if (year0 + n_year - 1 > 9999) {
        fprintf(stderr, "gen_panel: the years run past 9999\n");
        return EX_USAGE;
    }

    /* Output: a temporary file beside the target, renamed at the end. */
    char *tmp = NULL;
    if (out) {
        size_t n = strlen(out) + 16;
        tmp = malloc(n);
        if (!tmp)
            return EX_SOFTWARE;
        snprintf(tmp, n, "%s.XXXXXX", out);
        int fd = mkstemp(tmp);
        if (fd >= 0)
            fchmod(fd, plain_mode());
        OUT = fd >= 0 ? fdopen(fd, "w") : NULL;
        if (!OUT) {
            fprintf(stderr, "gen_panel: cannot create %s: %s\n", tmp, strerror(errno));
            return EX_CANTCREAT;
        }
    } else {
        OUT = stdout;
    }

    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng *rm = gsl_rng_alloc(gsl_rng_mt19937); /* missing values */
    ind_t *ind = malloc((size_t)n_ind * sizeof *ind);
    double *geff = malloc((size_t)n_ind * sizeof *geff);
    double *reff = malloc((size_t)n_ind * sizeof *reff);
    double *val = malloc((size_t)n_ind * 3 * sizeof *val);
    char *names = malloc((size_t)n_ind * 16); /* "i" + at most 8 digits */
    if (!r || !rm || !ind || !geff || !reff || !val || !names) {
        fprintf(stderr, "gen_panel: out of memory\n");
        return EX_SOFTWARE;
    }
    gsl_rng_set(r, seed);
    gsl_rng_set(rm, seed ^ 0x5bd1e995UL);

    int iw = digits(n_ind) < 3 ? 3 : digits(n_ind);
    int gw = digits(n_grp);
    int cw = digits(n_reg) + 1 < 6 ? 6 : digits(n_reg) + 1;
    unsigned long long code0 = 1;
    for (int i = 1; i < cw; i++)
        code0 *= 10;

    for (long k = 0; k < n_ind; k++) {
        ind_t *p = &ind[k];
        p->rate = gsl_rng_uniform(r) < 0.4;
        p->prec = p->rate ? 2 : 3;
        p->level = p->rate ? gsl_ran_gaussian(r, 1.0) + 1.0 : gsl_ran_gaussian(r, 1.5) + 2.0;
        p->trend = gsl_ran_gaussian(r, 0.03) + 0.03;
        p->sd_group = gsl_ran_flat(r, 0.05, 0.40);
        p->sd_region = gsl_ran_flat(r, 0.05, 0.40);
        p->noise = gsl_ran_flat(r, 0.01, 0.08);
        p->gap = gsl_ran_gaussian(r, 0.3) + 0.4;
        p->conv = gsl_ran_flat(r, -0.08, 0.06);
        p->conv_gap = gsl_ran_flat(r, -0.05, 0.03);
        padded(names + k * 16, 'i', (unsigned long long)k + 1, iw);
    }

    static const char *const sname[3] = {"total", "urban", "rural"};
    if (wide) {
        put_str("region_code,year,stratum,group,population");
        for (long k = 0; k < n_ind; k++) {
            put_char(',');
            put_str(names + k * 16);
        }
        put_char('\n');
    } else {
        put_str("region_code,year,indicator,stratum,value,population,group\n");
    }

    char code[32], group[32], yearbuf[16];
    long cur_group = -1;
    for (long i = 0; i < n_reg; i++) {
        long g = (long)((long long)i * n_grp / n_reg);
        if (g != cur_group) {
            cur_group = g;
            for (long k = 0; k < n_ind; k++)
                geff[k] = gsl_ran_gaussian(r, ind[k].sd_group);
        }
        /* Never ending in 00: junheng reads such a 6-digit code as a
         * prefecture's total row (README, "Aggregate rows"). */
        snprintf(code, sizeof code, "%llu",
                 code0 + (unsigned long long)(i / 99) * 100 + (unsigned long long)(i % 99) + 1);
        padded(group, 'g', (unsigned long long)g + 1, gw);

        double pop0 = exp(log(350000.0) + gsl_ran_gaussian(r, 0.6));
        if (pop0 < 20000)
            pop0 = 20000;
        if (pop0 > 3000000)
            pop0 = 3000000;
        double growth = gsl_ran_gaussian(r, 0.01) - 0.005;
        double ushare0 = 1.0 / (1.0 + exp(-gsl_ran_gaussian(r, 1.0)));
        for (long k = 0; k < n_ind; k++)
            reff[k] = gsl_ran_gaussian(r, ind[k].sd_region);

        for (long t = 0; t < n_year; t++) {
            double pop = floor(pop0 * exp(growth * (double)t) + 0.5);
            double us = ushare0 + 0.005 * (double)t;
            if (us < 0.05)
                us = 0.05;
            if (us > 0.98)
                us = 0.98;
            double pu = floor(pop * us + 0.5), pr = pop - pu, pops[3] = {pop, pu, pr};

            for (long k = 0; k < n_ind; k++) {
                const ind_t *p = &ind[k];
                double zb = p->level + p->trend * (double)t +
                            exp(p->conv * (double)t) * (geff[k] + reff[k]);
                double hg = 0.5 * p->gap * exp(p->conv_gap * (double)t);
                double zu = zb + hg + gsl_ran_gaussian(r, p->noise);
                double zr = zb - hg + gsl_ran_gaussian(r, p->noise);
                double vu = p->rate ? 100.0 / (1.0 + exp(-zu)) : exp(zu);
                double vr = p->rate ? 100.0 / (1.0 + exp(-zr)) : exp(zr);
                val[k * 3 + 0] = (pu * vu + pr * vr) / pop;
                val[k * 3 + 1] = vu;
                val[k * 3 + 2] = vr;
            }

            snprintf(yearbuf, sizeof yearbuf, "%ld", year0 + t);
            for (int s = 0; s < (strata ? 3 : 1); s++) {
                if (wide) {
                    put_str(code);
                    put_char(',');
                    put_str(yearbuf);
                    put_char(',');
                    put_str(sname[s]);
                    put_char(',');
                    put_str(group);
                    put_char(',');
                    put_ulong((unsigned long long)pops[s]);
                    for (long k = 0; k < n_ind; k++) {
                        put_char(',');
                        if (!(missing > 0 && gsl_rng_uniform(rm) < missing))
                            put_fixed(val[k * 3 + s], ind[k].prec);
                    }
                    put_char('\n');
                } else {
                    for (long k = 0; k < n_ind; k++) {
                        put_str(code);
                        put_char(',');
                        put_str(yearbuf);
                        put_char(',');
                        put_str(names + k * 16);
                        put_char(',');
                        put_str(sname[s]);
                        put_char(',');
                        if (!(missing > 0 && gsl_rng_uniform(rm) < missing))
                            put_fixed(val[k * 3 + s], ind[k].prec);
                        put_char(',');
                        put_ulong((unsigned long long)pops[s]);
                        put_char(',');
                        put_str(group);
                        put_char('\n');
                    }
                }
            }
        }
    }
    flush_buf();

    int status = 0;
    if (fflush(OUT) != 0 || ferror(OUT)) {
        perror("gen_panel: write");
        status = EX_IOERR;
    }
    if (out) {
        if (fclose(OUT) != 0 && !status) {
            perror("gen_panel: close");
            status = EX_IOERR;
        }
        if (!status && rename(tmp, out) != 0) {
            fprintf(stderr, "gen_panel: cannot rename %s to %s: %s\n", tmp, out, strerror(errno));
            status = EX_CANTCREAT;
        }
        if (status)
            remove(tmp);
        free(tmp);
    }
    gsl_rng_free(r);
    gsl_rng_free(rm);
    free(ind);
    free(geff);
    free(reff);
    free(val);
    free(names);
    return status;
}
