# junheng chart: indicators ranked by a disparity index, most unequal at the
# top, bars coloured by service domain.  Copy and restyle freely.
# Set by junheng: DATA (row, y position, index value, domain number 1..,
# indicator name), NBARS, NDOMAINS, DOMAINS[1..NDOMAINS], LMARGIN (room for
# the names), TITLE, XLABEL,
# YLABEL, SOURCE, FONTSIZE, COLOURS[] and linetypes 1-9 (Okabe-Ito).
reset
BIG = sprintf(",%d", FONTSIZE * 5 / 4)
SMALL = sprintf(",%d", FONTSIZE * 3 / 4)
set datafile separator "\t"
set title TITLE noenhanced font BIG
set xlabel XLABEL noenhanced
set ylabel YLABEL noenhanced
set yrange [0.4 : NBARS + 0.6]
set xrange [0:*]
set xtics out nomirror
set format x '%.2g'
set xtics autofreq
set lmargin at screen LMARGIN
set rmargin at screen 0.96
set ytics scale 0 noenhanced font SMALL
set grid x lc rgb '#DDDDDD'
set style fill solid 0.9 noborder
set key inside right bottom vertical noenhanced box opaque
set tmargin 4
set bmargin 6
set label 1 SOURCE noenhanced at screen 0.02, screen 0.01 left font SMALL tc rgb '#555555'
# Domain colours start at linetype 2 (orange): black bars would hide the grid.
plot DATA using 3:2:(0):3:($2 - 0.38):($2 + 0.38):($4 + 1):ytic(5) \
          with boxxyerror lc variable notitle, \
     for [k=1:NDOMAINS] NaN with boxes lt (k + 1) title DOMAINS[k]
