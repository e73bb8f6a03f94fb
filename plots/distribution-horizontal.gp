# junheng chart: box plots of one indicator by province (more groups than
# JH_PLOT_MANY_GROUPS, include/junheng/plot.h), lying on their side so that
# 31 names stay legible, counties as points.  Box: quartiles; whiskers:
# the extreme values within 1.5 IQR (junheng computes them).  Copy and
# restyle freely.
# Set by junheng: DATA (block 0: position, q1, median, q3, whisker low,
# whisker high, name; block 1: position, value; block 2: the outliers'
# position and value), NGROUPS, GROUPS[], NOUTLIERS, OUTLIERNOTE, HEIGHT,
# LMARGIN (room for the names), TITLE, TITLELINES[] (it wrapped), XLABEL
# (value and unit), YLABEL, SOURCE, FONTSIZE, COLOURS[] and linetypes 1-9.
reset
BIG = sprintf(",%d", FONTSIZE * 5 / 4)
SMALL = sprintf(",%d", FONTSIZE * 3 / 4)
set datafile separator "\t"
TOPX = 50 * (|TITLELINES| - 1)
do for [k = 1:|TITLELINES|] {
    set label (20 + k) TITLELINES[k] noenhanced at screen 0.5, screen 1 - (45.0 + 50 * (k - 1)) / HEIGHT center font BIG
}
set label 3 XLABEL noenhanced at graph 0.5, screen 105.0 / HEIGHT center
set label 1 SOURCE noenhanced at screen 0.02, screen 20.0 / HEIGHT left font SMALL tc rgb '#555555'
# Outliers as `junheng validate` flags them, ringed, with a note.
if (NOUTLIERS > 0) {
    set label 5 OUTLIERNOTE noenhanced at screen 0.98, screen 20.0 / HEIGHT right font SMALL tc rgb '#CC3311'
}
set yrange [0.4 : NGROUPS + 0.6]
set ytics scale 0 noenhanced
set xtics out nomirror
set grid x lc rgb '#DDDDDD'
set style fill solid 0.35 border
set key off
set lmargin at screen LMARGIN
set rmargin at screen 0.96
set tmargin at screen 1 - (110.0 + TOPX) / HEIGHT
set bmargin at screen 230.0 / HEIGHT
# Counties at the extremes stay clear of the frame.
set offsets graph 0.03, graph 0.03, 0, 0
# Whiskers, box, median, then the counties over them.
# Blue (linetype 6) for all: 31 colours would not tell provinces apart.
plot DATA index 0 using 5:1:($6 - $5):(0) with vectors nohead lw 2 lt 6 notitle, \
     DATA index 0 using 5:($1 - 0.15):(0):(0.3) with vectors nohead lw 2 lt 6 notitle, \
     DATA index 0 using 6:($1 - 0.15):(0):(0.3) with vectors nohead lw 2 lt 6 notitle, \
     DATA index 0 using (($2 + $4) / 2):1:2:4:($1 - 0.3):($1 + 0.3):ytic(7) with boxxyerror lt 6 notitle, \
     DATA index 0 using 3:($1 - 0.3):(0):(0.6) with vectors nohead lw 4 lc rgb '#000000' notitle, \
     DATA index 1 using 2:1 with points pointtype 7 pointsize 1.0 lc rgb '#404040' notitle, \
     for [j=1:(NOUTLIERS > 0)] DATA index 2 using 2:1 with points pointtype 6 pointsize 2.6 lw 3 \
         lc rgb '#CC3311' notitle
