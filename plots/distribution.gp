# junheng chart: box plots of one indicator by prefecture, counties as
# points.  Box: quartiles; whiskers: 1.5 IQR; the colour of a prefecture is
# the same in every junheng chart.  Copy and restyle freely.
# Set by junheng: DATA (one block per prefecture: row, prefecture number,
# value, county; then one block of the outliers: position, value),
# NGROUPS, GROUPS[1..NGROUPS], NOUTLIERS, OUTLIERNOTE, BOTTOM (px under the plot),
# TITLE, TITLELINES[], XLABEL, YLABEL, SOURCE,
# FONTSIZE, COLOURS[] and linetypes 1-9 (Okabe-Ito).
reset
BIG = sprintf(",%d", FONTSIZE * 5 / 4)
SMALL = sprintf(",%d", FONTSIZE * 3 / 4)
set datafile separator "\t"
# A long title (English indicator names reach 130 characters) breaks at the
# last space before WIDTH characters, line after line; the top margin grows.
LASTSP(s, n) = n < 1 ? 0 : s[n:n] eq " " ? n : LASTSP(s, n - 1)
WRAP(s, n) = strlen(s) <= n || LASTSP(s, n) < 1 ? s : \
    s[1:LASTSP(s, n) - 1] . "\n" . WRAP(s[LASTSP(s, n) + 1:*], n)
NLINES(s) = strstrt(s, "\n") ? 1 + NLINES(s[strstrt(s, "\n") + 1:*]) : 1
# TITLELINES[] holds the title wrapped by junheng, by its width in the
# font (a Chinese title has no spaces to break at).
TITLEW = TITLELINES[1]
do for [k = 2:|TITLELINES|] { TITLEW = TITLEW . "\n" . TITLELINES[k] }
set title TITLEW noenhanced font BIG
# The slanted names take BOTTOM px (junheng measures them); the x title
# sits under them at a fixed place (gnuplot's own estimate put it off the
# canvas under long English names).
set label 4 XLABEL noenhanced at graph 0.5, screen 75.0 / 1000 center
set bmargin at screen BOTTOM / 1000.0
set ylabel YLABEL noenhanced
set xrange [-0.2 : NGROUPS + 0.7]
# Names slant at 45 degrees (31 provinces stay legible side by side) and the
# first box keeps a unit of room on its left, so its name stays clear of
# the y tic labels.
set xtics () scale 0 rotate by 45 right noenhanced
do for [k=1:NGROUPS] { set xtics add (GROUPS[k] k) }
set grid y lc rgb '#DDDDDD'
set style boxplot nooutliers
set style fill solid 0.35 border
set boxwidth 0.6
set key off
set tmargin 2.4 + 1.6 * NLINES(TITLEW)
set label 1 SOURCE noenhanced at screen 0.02, screen 0.02 left font SMALL tc rgb '#555555'
# Outliers as `junheng validate` flags them, ringed, with a note.
if (NOUTLIERS > 0) {
    set label 5 OUTLIERNOTE noenhanced at screen 0.98, screen 0.02 right font SMALL tc rgb '#CC3311'
}
# Points jitter sideways by their row number, deterministically.
plot for [k=1:NGROUPS] DATA index (k-1) using (k):3 with boxplot lt k lw 2, \
     for [k=1:NGROUPS] DATA index (k-1) using (k + 0.22 * (($1 * 0.618034) - floor($1 * 0.618034) - 0.5)):3 \
         with points lt k pointtype 7 pointsize 1.2 lc rgb '#404040', \
     for [j=1:(NOUTLIERS > 0)] DATA index NGROUPS using 1:2 \
         with points pointtype 6 pointsize 3 lw 3 lc rgb '#CC3311'
