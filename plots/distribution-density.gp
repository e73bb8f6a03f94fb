# junheng chart: kernel densities of one indicator by year (part of the
# distribution charts): a curve that grows narrower and taller over the
# years means the counties are drawing closer.  Copy and restyle freely.
# Set by junheng: DATA (one block per year: row, value, density), NSERIES,
# KEYS[1..NSERIES] (year and bandwidth), KEYCOLS (key entries a row),
# TITLE, TITLELINES[], XLABEL, XLABELLINES[] (both wrapped), YLABEL, NOTE
# (the method), SOURCE,
# FONTSIZE, COLOURS[] and linetypes 1-9 (Okabe-Ito).
reset
BIG = sprintf(",%d", FONTSIZE * 5 / 4)
SMALL = sprintf(",%d", FONTSIZE * 3 / 4)
set datafile separator "\t"
# Every text at a fixed place, from the bottom up: source, note, the key
# in rows of KEYCOLS, the x title's lines, the tic labels; from the top the
# title's lines.  (gnuplot's own key, beside the plot, went into two
# columns under a long title and pushed the title off the canvas.)
KEYROWS = int((NSERIES + KEYCOLS - 1) / KEYCOLS)
XTOP = 110.0 + 48 * KEYROWS
do for [k = 1:|TITLELINES|] {
    set label (20 + k) TITLELINES[k] noenhanced at screen 0.5, screen 1 - (45.0 + 50 * (k - 1)) / 1000 center font BIG
}
do for [k = 1:|XLABELLINES|] {
    set label (40 + k) XLABELLINES[k] noenhanced at graph 0.5, screen (XTOP + 45 * (|XLABELLINES| - k)) / 1000 center
}
set ylabel YLABEL noenhanced
set yrange [0:*]
set format y '%.3g'
set grid lc rgb '#DDDDDD'
set key at screen 0.5, screen (XTOP - 20) / 1000 center top horizontal maxcols KEYCOLS noenhanced samplen 2
set tmargin at screen 1 - (70.0 + 50 * |TITLELINES|) / 1000
set bmargin at screen (XTOP + 45 * |XLABELLINES| + 70) / 1000
set rmargin at screen 0.96
set label 1 SOURCE noenhanced at screen 0.02, screen 0.02 left font SMALL tc rgb '#555555'
set label 2 NOTE noenhanced at screen 0.02, screen 0.055 left font SMALL
# Years start at linetype 2 (orange), as in the Lorenz chart.
plot for [i=1:NSERIES] DATA index (i-1) using 2:3 with lines lt (i+1) lw 3 title KEYS[i]
