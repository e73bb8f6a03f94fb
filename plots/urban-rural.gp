# junheng chart: urban and rural values of one indicator, county by county,
# with the urban-rural ratio on the top axis (1 = parity; above 1 = town
# better served, whichever way the indicator points).  Copy and restyle.
# Set by junheng: DATA (row, y position, urban, rural, ratio, county), NBARS,
# NRATIO (counties with a ratio; 0: no ratio axis), HEIGHT, LMARGIN (room for the names), TITLE, XLABEL, X2LABEL, YLABEL, KURBAN, KRURAL, KRATIO, NOTE,
# SOURCE, FONTSIZE, COLOURS[] and linetypes 1-9 (Okabe-Ito).
reset
BIG = sprintf(",%d", FONTSIZE * 5 / 4)
SMALL = sprintf(",%d", FONTSIZE * 3 / 4)
set datafile separator "\t"
# The title too: gnuplot would put it just above the ratio axis.
set label 10 TITLE noenhanced at screen 0.5, screen 1 - 45.0 / HEIGHT center font BIG
# Axis titles are labels at fixed places (with fixed margins gnuplot puts
# them at the margin's edge, over the key and the source line).
set label 3 XLABEL noenhanced at graph 0.5, screen 105.0 / HEIGHT center
set label 4 X2LABEL noenhanced at graph 0.5, screen 1 - 165.0 / HEIGHT center tc rgb COLOURS[7]
set ylabel YLABEL noenhanced
set yrange [0.4 : NBARS + 0.6]
set xrange [0:*]
set xtics out nomirror
if (NRATIO > 0) {
    # The ratio axis always shows parity (1).
    set x2range [*<1 : 1<*]
    set x2tics out nomirror tc rgb COLOURS[7]
    set format x2 '%.2f'
} else {
    # No county has a ratio (a zero denominator everywhere): no ratio axis.
    unset label 4
}
set ytics scale 0 noenhanced font SMALL
set grid x lc rgb '#DDDDDD'
set style fill solid 0.9 noborder
set key at graph 1, screen 1 - 95.0 / HEIGHT right top horizontal noenhanced samplen 2
set lmargin at screen LMARGIN
set rmargin at screen 0.95
set tmargin at screen 1 - 280.0 / HEIGHT
set bmargin at screen 230.0 / HEIGHT
set label 1 SOURCE noenhanced at screen 0.02, screen 20.0 / HEIGHT left font SMALL tc rgb '#555555'
set label 2 NOTE noenhanced at screen 0.02, screen 55.0 / HEIGHT left font SMALL
if (NRATIO > 0) {
    # Parity line on the ratio axis.
    set arrow 1 from second 1, graph 0 to second 1, graph 1 nohead dt 2 lc rgb COLOURS[7] lw 2 back
    plot DATA using 3:($2 + 0.2):(0):3:($2 + 0.02):($2 + 0.38):ytic(6) with boxxyerror lt 6 title KURBAN, \
         DATA using 4:($2 - 0.2):(0):4:($2 - 0.38):($2 - 0.02) with boxxyerror lt 4 title KRURAL, \
         DATA using 5:2 axes x2y1 with points lt 7 pointtype 9 pointsize 1.6 title KRATIO
} else {
    plot DATA using 3:($2 + 0.2):(0):3:($2 + 0.02):($2 + 0.38):ytic(6) with boxxyerror lt 6 title KURBAN, \
         DATA using 4:($2 - 0.2):(0):4:($2 - 0.38):($2 - 0.02) with boxxyerror lt 4 title KRURAL
}
