# junheng chart: Lorenz curves.  Copy and restyle freely (--template-dir).
# Set by junheng before this file: DATA (data file: one block per year,
# columns row, cumulative population share, cumulative value share),
# NSERIES, KEYS[1..NSERIES] (legend: year and Gini), TITLE, TITLELINES[], XLABEL, YLABEL,
# EQUALITY, SOURCE, FONTSIZE, COLOURS[] and linetypes 1-9 (Okabe-Ito).
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
# Centred on the canvas, not on the square plot left of the key.
do for [k = 1:|TITLELINES|] {
    set label (20 + k) TITLELINES[k] noenhanced at screen 0.5, screen 1 - (45.0 + 50 * (k - 1)) / 1000 center font BIG
}
set xlabel XLABEL noenhanced
set ylabel YLABEL noenhanced
set xrange [0:1]
set yrange [0:1]
set size ratio -1
set format x "%.1f"
set format y "%.1f"
set grid lc rgb '#DDDDDD'
set key outside right center noenhanced
set tmargin 2.4 + 1.6 * NLINES(TITLEW)
set bmargin 6
set label 1 SOURCE noenhanced at screen 0.02, screen 0.02 left font SMALL tc rgb '#555555'
plot x with lines dashtype 2 lc rgb '#777777' lw 2 title EQUALITY, \
     for [i=1:NSERIES] DATA index (i-1) using 2:3 with lines lt (i+1) title KEYS[i]
