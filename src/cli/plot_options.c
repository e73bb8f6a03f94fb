/* What `junheng plot`, `plot map` and the run's chart steps share: the
 * one table of chart kinds, the output options and the exit code. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "junheng/plot.h"
#include "plot_draw.h"

#define CLI_CHART_ROW_(id, name) {name, CLI_CHART(id)},
static const struct { const char *name; unsigned bits; } kinds[] = {
    CLI_CHART_KINDS(CLI_CHART_ROW_)
};
#undef CLI_CHART_ROW_

unsigned cli_chart_kind_bits(const char *name)
{
    if (strcmp(name, "all") == 0)
        return CLI_CHART_ALL;
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
        if (strcmp(name, kinds[k].name) == 0)
            return kinds[k].bits;
    return 0;
}

void cli_chart_kind_list(char *buf, size_t cap, const char *sep, const char *last)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0] && len < cap; k++)
        len += (size_t)snprintf(buf + len, cap - len, "%s%s", k ? sep : "", kinds[k].name);
    if (len < cap)
        snprintf(buf + len, cap - len, "%sall", last);
}

int cli_plot_parse_formats(const char *arg, unsigned *out)
{
    char buf[64];
    if (strlen(arg) >= sizeof buf)
        return -1;
    strcpy(buf, arg);
    *out = 0;
    for (char *save = NULL, *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        if (strcmp(t, "png") == 0) *out |= JH_PLOT_PNG;
        else if (strcmp(t, "svg") == 0) *out |= JH_PLOT_SVG;
        else if (strcmp(t, "pdf") == 0) *out |= JH_PLOT_PDF;
        else return -1;
    }
    return *out ? 0 : -1;
}

int cli_plot_output_option(int c, const char *arg, cli_plot_output *o)
{
    char *end;
    switch (c) {
    case CLI_OPT_PLOT_LANG:
        if (strcmp(arg, "zh") != 0 && strcmp(arg, "en") != 0)
            return cli_usage_error("plot", "unknown language '%s' (expected zh or en)", arg);
        o->lang = arg;
        return EX_OK;
    case 'f':
        if (cli_plot_parse_formats(arg, &o->formats))
            return cli_usage_error("plot", "unknown format list '%s' (expected png, svg, pdf, "
                                   "comma-separated)", arg);
        return EX_OK;
    case 'o': o->outdir = arg; return EX_OK;
    case CLI_OPT_PLOT_FONT: o->font = arg; return EX_OK;
    case CLI_OPT_PLOT_TIMEOUT:
        o->timeout = strtod(arg, &end);
        /* At most a day: beyond that a limit protects nothing. */
        if (end == arg || *end || !(o->timeout >= 0 && o->timeout <= 86400))
            return cli_usage_error("plot", "bad --chart-timeout '%s' (expected seconds, "
                                   "0 to 86400; 0: no limit)", arg);
        return EX_OK;
    default: return -1;
    }
}

int cli_plot_status(const cli_plot_counts *c, int failed)
{
    if (c->missing_gnuplot)
        return EX_UNAVAILABLE;
    if (c->not_drawn)
        return failed ? failed : EX_SOFTWARE;
    return failed;
}
