# junheng chart: kernel densities of one indicator by year (part of the
# distribution charts): a curve that grows narrower and taller over the
# years means the counties are drawing closer.  Copy and restyle freely.
# Set by junheng: DATA (one block per year: row, value, density), NSERIES,
# KEYS[1..NSERIES] (year and bandwidth), TITLE, XLABEL, YLABEL, SOURCE,
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
TITLEW = WRAP(TITLE, 70)
set title TITLEW noenhanced font BIG
XLABELW = WRAP(XLABEL, 80)
set xlabel XLABELW noenhanced
set ylabel YLABEL noenhanced
set yrange [0:*]
set format y '%.3g'
set grid lc rgb '#DDDDDD'
set key outside right top vertical noenhanced
set tmargin 2.4 + 1.6 * NLINES(TITLEW)
set bmargin 5 + NLINES(XLABELW)
set label 1 SOURCE noenhanced at screen 0.02, screen 0.02 left font SMALL tc rgb '#555555'
# Years start at linetype 2 (orange), as in the Lorenz chart.
plot for [i=1:NSERIES] DATA index (i-1) using 2:3 with lines lt (i+1) lw 3 title KEYS[i]
