# junheng chart: box plots of one indicator by prefecture, counties as
# points.  Box: quartiles; whiskers: 1.5 IQR; the colour of a prefecture is
# the same in every junheng chart.  Copy and restyle freely.
# Set by junheng: DATA (one block per prefecture: row, prefecture number,
# value, county), NGROUPS, GROUPS[1..NGROUPS], TITLE, XLABEL, YLABEL, SOURCE,
# FONTSIZE, COLOURS[] and linetypes 1-9 (Okabe-Ito).
reset
BIG = sprintf(",%d", FONTSIZE * 5 / 4)
SMALL = sprintf(",%d", FONTSIZE * 3 / 4)
set datafile separator "\t"
set title TITLE noenhanced font BIG
set xlabel XLABEL noenhanced
set ylabel YLABEL noenhanced
set xrange [0.3 : NGROUPS + 0.7]
set xtics () scale 0 rotate by 30 right noenhanced
do for [k=1:NGROUPS] { set xtics add (GROUPS[k] k) }
set grid y lc rgb '#DDDDDD'
set style boxplot nooutliers
set style fill solid 0.35 border
set boxwidth 0.6
set key off
set tmargin 4
set label 1 SOURCE noenhanced at screen 0.02, screen 0.02 left font SMALL tc rgb '#555555'
# Points jitter sideways by their row number, deterministically.
plot for [k=1:NGROUPS] DATA index (k-1) using (k):3 with boxplot lt k lw 2, \
     for [k=1:NGROUPS] DATA index (k-1) using (k + 0.22 * (($1 * 0.618034) - floor($1 * 0.618034) - 0.5)):3 \
         with points lt k pointtype 7 pointsize 1.2 lc rgb '#404040'
