# junheng chart: urban and rural values of one indicator, county by county
# (left panel, bars), and the urban-rural ratio of each county (right panel,
# on its own axis, the rows aligned with the bars; 1 = parity, above 1 =
# town better served, whichever way the indicator points).  Copy and restyle.
# Set by junheng: DATA (row, y position, urban, rural, ratio, county), NBARS,
# NRATIO (counties with a ratio; 0: no ratio panel), XSTEP (tic step), RSTEP
# and RFORMAT (the ratio axis' tics), RLO and RHI (its range: the ratios
# and parity with some room, so no marker sits on the frame), HEIGHT, LMARGIN (room
# for the names), TITLE, TITLELINES[] (it wrapped), TOPX (px the further
# title lines take), XLABEL, XLABELLINES[] (it wrapped to the bar panel),
# BOTX (px the further lines take at the bottom), X2LABEL (the ratio panel's title), X2NOTE
# (how to read it), RLABEL (its axis), YLABEL, KURBAN, KRURAL, NOTE, SOURCE,
# FONTSIZE, COLOURS[] and linetypes 1-9.
reset
BIG = sprintf(",%d", FONTSIZE * 5 / 4)
SMALL = sprintf(",%d", FONTSIZE * 3 / 4)
set datafile separator "\t"
TOP = 1 - (160.0 + TOPX) / HEIGHT
BOT = (230.0 + BOTX) / HEIGHT
RIGHT = NRATIO > 0 ? 0.66 : 0.95
set multiplot
# Texts at fixed places: with fixed margins gnuplot would put axis titles
# at the margin's edge, over the key and the source line.
do for [k = 1:|TITLELINES|] {
    set label (20 + k) TITLELINES[k] noenhanced at screen 0.5, screen 1 - (45.0 + 50 * (k - 1)) / HEIGHT center font BIG
}
# The bars' axis title, its last line where a one-line title stands.
NXL = |XLABELLINES|
do for [k = 1:NXL] {
    set label (30 + k) XLABELLINES[k] noenhanced at screen (LMARGIN + RIGHT) / 2, screen (105.0 + 40 * (NXL - k)) / HEIGHT center
}
set label 1 SOURCE noenhanced at screen 0.02, screen 20.0 / HEIGHT left font SMALL tc rgb '#555555'
set label 2 NOTE noenhanced at screen 0.02, screen 55.0 / HEIGHT left font SMALL
set ylabel YLABEL noenhanced
set yrange [0.4 : NBARS + 0.6]
set xrange [0:*]
set xtics XSTEP out nomirror
set ytics scale 0 noenhanced font SMALL
set grid x lc rgb '#DDDDDD'
set style fill solid 0.9 noborder
set key at screen RIGHT, screen 1 - (95.0 + TOPX) / HEIGHT right top horizontal noenhanced samplen 2
set lmargin at screen LMARGIN
set rmargin at screen RIGHT
set tmargin at screen TOP
set bmargin at screen BOT
plot DATA using 3:($2 + 0.2):(0):3:($2 + 0.02):($2 + 0.38):ytic(6) with boxxyerror lt 6 title KURBAN, \
     DATA using 4:($2 - 0.2):(0):4:($2 - 0.38):($2 - 0.02) with boxxyerror lt 4 title KRURAL
if (NRATIO > 0) {
    # The ratio panel: the same rows, its own axis, parity dashed.
    unset label
    unset key
    unset ylabel
    set label 5 X2LABEL noenhanced at screen 0.835, screen 1 - (95.0 + TOPX) / HEIGHT center tc rgb COLOURS[7]
    set label 6 X2NOTE noenhanced at screen 0.835, screen 1 - (130.0 + TOPX) / HEIGHT center font SMALL tc rgb COLOURS[7]
    set label 7 RLABEL noenhanced at screen 0.835, screen (105.0 + 40 * (NXL - 1)) / HEIGHT center tc rgb COLOURS[7]
    set lmargin at screen 0.71
    set rmargin at screen 0.96
    set xrange [RLO : RHI]
    set xtics RSTEP out nomirror tc rgb COLOURS[7] font SMALL
    set format x RFORMAT
    set ytics 1 scale 0 format ''
    set grid xtics ytics lc rgb '#EEEEEE'
    set arrow 1 from 1, graph 0 to 1, graph 1 nohead dt 2 lc rgb COLOURS[7] lw 2 back
    plot DATA using 5:2 with points lt 7 pointtype 9 pointsize 1.4 notitle
}
unset multiplot
