# junheng chart: plan targets.  Left: baseline (hollow) and the year's
# provincial value (filled; green = meets the target, vermillion = not) in
# percent of the target, so indicators with different units share one
# axis; under each name the raw numbers and unit.  Right: the share of
# counties meeting the target.  Copy and restyle freely.
# Set by junheng: DATA (row, y, baseline %, value %, meets 0/1, share of
# counties %, counties meeting, counties, name, numbers), NBARS, XMIN, XMAX,
# HEIGHT, LEFT1 (room for the names), NAMESCALE (their font, 1 = normal),
# TITLE, XLABEL, X2LABEL, YLABEL, KBASE, KMEETS, KMISSES, NOTE,
# SOURCE, FONTSIZE, COLOURS[] and linetypes 1-9 (Okabe-Ito).
reset
BIG = sprintf(",%d", FONTSIZE * 5 / 4)
SMALL = sprintf(",%d", FONTSIZE * 3 / 4)
set datafile separator "\t"
set multiplot title TITLE noenhanced font BIG
# Fixed layout (pixels from the top and bottom of the picture): each row
# holds the name and the numbers under it.
TOP = 1 - 150.0 / HEIGHT
BOT = 230.0 / HEIGHT
RIGHT2 = 0.97
RIGHT1 = LEFT1 + (RIGHT2 - LEFT1) * 0.55
LEFT2 = RIGHT1 + 0.04
NAMEF = sprintf(",%d", int(FONTSIZE * NAMESCALE))
NUMF = sprintf(",%d", int(FONTSIZE * 3 / 4 * NAMESCALE))
set label 1 SOURCE noenhanced at screen 0.02, screen 20.0 / HEIGHT left font SMALL tc rgb '#555555'
set label 2 NOTE noenhanced at screen 0.02, screen 55.0 / HEIGHT left font SMALL
set label 3 XLABEL noenhanced at screen (LEFT1 + RIGHT1) / 2, screen 105.0 / HEIGHT center
set label 4 X2LABEL noenhanced at screen (LEFT2 + RIGHT2) / 2, screen 105.0 / HEIGHT center
set yrange [0.4 : NBARS + 0.6]
unset ytics
set style fill solid 0.9 noborder
set tmargin at screen TOP
set bmargin at screen BOT
# Left panel: percent of the target.
set lmargin at screen LEFT1
set rmargin at screen RIGHT1
set xrange [XMIN : XMAX]
set xtics 25 out nomirror
set grid x lc rgb '#DDDDDD'
set arrow 1 from 100, graph 0 to 100, graph 1 nohead dt 2 lc rgb '#555555' lw 2 back
GREEN = COLOURS[4]
RED = COLOURS[7]
# The legend: labels with their point (a key would wrap in the narrow panel).
KEYY = 1 - 110.0 / HEIGHT
set label 5 KBASE noenhanced at screen 0.03, screen KEYY left point pointtype 6 pointsize 2.2 lc rgb '#555555' offset 1.5, 0
set label 6 KMEETS noenhanced at screen 0.18, screen KEYY left point pointtype 7 pointsize 2.2 lc rgb GREEN offset 1.5, 0
set label 7 KMISSES noenhanced at screen 0.50, screen KEYY left point pointtype 7 pointsize 2.2 lc rgb RED offset 1.5, 0
unset key
plot DATA using (XMIN):($2 + 0.2):9 with labels right offset -1, 0 font NAMEF noenhanced notitle, \
     DATA using (XMIN):($2 - 0.22):10 with labels right offset -1, 0 font NUMF noenhanced tc rgb '#555555' notitle, \
     DATA using 3:2 with points pointtype 6 pointsize 2.2 lc rgb '#555555' notitle, \
     DATA using ($5 > 0 ? $4 : NaN):2 with points pointtype 7 pointsize 2.2 lc rgb GREEN notitle, \
     DATA using ($5 > 0 ? NaN : $4):2 with points pointtype 7 pointsize 2.2 lc rgb RED notitle
unset arrow 1
unset label
unset key
unset title
# Right panel: share of counties meeting the target (room for the text).
set lmargin at screen LEFT2
set rmargin at screen RIGHT2
# Room beyond 100 for the longest text, "100% (60/60)".
set xrange [0 : 185]
set xtics 0, 50, 100 out nomirror
plot DATA using (0.5 * $6):2:(0):6:($2 - 0.3):($2 + 0.3) with boxxyerror lt 6 notitle, \
     DATA using ($6 + 2):2:(sprintf('%.0f%% (%d/%d)', $6, $7, $8)) with labels left font SMALL noenhanced notitle
unset multiplot
