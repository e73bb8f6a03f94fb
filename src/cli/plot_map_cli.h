/* `junheng plot map` and `plot lisa-map` (cmd_plot_map.c), which `junheng
 * plot` hands its arguments to. */
#ifndef JUNHENG_CLI_PLOT_MAP_H
#define JUNHENG_CLI_PLOT_MAP_H

/* 1 when the chart kind among argv is map or lisa-map. */
int cli_plot_map_kind(int argc, char **argv);
/* Draws the maps; argv as for cmd_plot.  Returns an exit code. */
int cmd_plot_map(int argc, char **argv);

#endif
