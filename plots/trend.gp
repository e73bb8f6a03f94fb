# junheng chart: an index over the years (sigma-convergence: a falling line
# means the counties are drawing closer), with the fitted OLS trend of each
# series dashed.  Copy and restyle freely.
# Set by junheng: DATA (blocks 0..NSERIES-1: row, year, index value; blocks
# NSERIES..2*NSERIES-1: row, year, fitted trend at the first and last year),
# NSERIES, KEYS[1..NSERIES] (indicator names with the trend's slope),
# TRENDKEY, YEAR0, YEAR1, TITLE, XLABEL, YLABEL, SOURCE, FONTSIZE, HEIGHT
# (pixels: margins of 450, the plot, and a 56-pixel key row per series; the
# plot at least as tall as the key, or gnuplot wraps it), COLOURS[] and
# linetypes 1-9 (Okabe-Ito).
reset
BIG = sprintf(",%d", FONTSIZE * 5 / 4)
SMALL = sprintf(",%d", FONTSIZE * 3 / 4)
set datafile separator "\t"
set title TITLE noenhanced font BIG
set xlabel XLABEL noenhanced
set ylabel YLABEL noenhanced
set xrange [YEAR0 - 0.3 : YEAR1 + 0.3]
set xtics 1 format "%.0f"
set yrange [0:*]
set grid lc rgb '#DDDDDD'
# After the nine colours, lines repeat them dotted; trends are dashed.
DT(i) = i > 9 ? 3 : 1
# The key lists the series under the plot, a row each, above the two lines
# of notes at the bottom.
KEYPX = 56.0 * NSERIES
set tmargin at screen 1 - 140.0 / HEIGHT
set bmargin at screen (KEYPX + 310.0) / HEIGHT
set lmargin at screen 0.12
set rmargin at screen 0.96
# Key entries are indicator names with the slope: English ones reach 140
# characters, so the key starts at the left edge in the notes' size, and a
# longer one loses the middle of its name (the slope at the end stays).
MIDCUT(s, n) = strlen(s) > n ? s[1:n - 21] . "…" . s[strlen(s) - 19:*] : s
set key at screen 0.02, screen (KEYPX + 130.0) / HEIGHT left top vertical Left reverse \
    maxcols 1 maxrows NSERIES noenhanced spacing 1.5 samplen 3 font SMALL
set label 1 SOURCE noenhanced at screen 0.02, screen 0.02 left font SMALL tc rgb '#555555'
set label 2 TRENDKEY noenhanced at screen 0.02, screen 0.06 left font SMALL tc rgb '#555555'
plot for [i=1:NSERIES] DATA index (i-1) using 2:3 with linespoints lt i dashtype DT(i) pointsize 1.5 title MIDCUT(KEYS[i], 125), \
     for [i=1:NSERIES] DATA index (NSERIES+i-1) using 2:3 with lines lt i dashtype 2 lw 2 notitle
