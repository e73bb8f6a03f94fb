# junheng chart: counties x indicators, min-max scores (1 = the best county
# of the year for that indicator, 0 = the worst).  Copy and restyle freely.
# Set by junheng: DATA (row, column, line from the bottom, score),
# NCOLS, NROWS, XLABS[1..NCOLS] (indicators), YLABS[1..NROWS] (counties,
# top first), TITLE, XLABEL, YLABEL, CBLABEL, SOURCE, FONTSIZE.
reset
BIG = sprintf(",%d", FONTSIZE * 5 / 4)
SMALL = sprintf(",%d", FONTSIZE * 3 / 4)
set datafile separator "\t"
set title TITLE noenhanced font BIG
set xlabel XLABEL noenhanced
set ylabel YLABEL noenhanced
set cblabel CBLABEL noenhanced
set xrange [0.5 : NCOLS + 0.5]
set yrange [0.5 : NROWS + 0.5]
set cbrange [0:1]
# Long names (English indicator names reach 130 characters) come cut with
# an ellipsis by their width to fit the margins (junheng).
set xtics () scale 0 rotate by 90 right noenhanced font SMALL
do for [k=1:NCOLS] { set xtics add (XLABS[k] k) }
set ytics () scale 0 noenhanced font SMALL
do for [k=1:NROWS] { set ytics add (YLABS[k] NROWS - k + 1) }
# viridis end points and middle: readable in grey and for colour-blind readers
set palette defined (0 '#440154', 0.25 '#3B528B', 0.5 '#21918C', 0.75 '#5EC962', 1 '#FDE725')
set key off
set lmargin at screen 0.24
set rmargin at screen 0.86
set bmargin at screen 640.0 / HEIGHT
set tmargin at screen 1 - 140.0 / HEIGHT
set label 1 SOURCE noenhanced at screen 0.02, screen 0.01 left font SMALL tc rgb '#555555'
plot DATA using 2:3:4 with image
