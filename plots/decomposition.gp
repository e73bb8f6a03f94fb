# junheng chart: the Theil index of each indicator split into its between-
# and within-prefecture parts (shares adding up to 100%), the indicator
# with the largest between share at the top.  Copy and restyle freely.
# Set by junheng: DATA (row, y position, between share, within share, total
# T, weighted 0/1, "indicator (T = ...)"), NBARS, HEIGHT, LMARGIN, TITLE, XLABEL,
# YLABEL, KBETWEEN, KWITHIN, NOTE, SOURCE, FONTSIZE, COLOURS[], linetypes.
reset
BIG = sprintf(",%d", FONTSIZE * 5 / 4)
SMALL = sprintf(",%d", FONTSIZE * 3 / 4)
set datafile separator "\t"
# Title and axis title at fixed places (fixed margins; the key is on top).
set label 10 TITLE noenhanced at screen 0.5, screen 1 - 45.0 / HEIGHT center font BIG
set label 3 XLABEL noenhanced at graph 0.5, screen 105.0 / HEIGHT center
set ylabel YLABEL noenhanced
set yrange [0.4 : NBARS + 0.6]
set xrange [0:100]
set xtics 0, 10, 100 out nomirror
set ytics scale 0 noenhanced font SMALL
set grid x front lc rgb '#FFFFFF'
set style fill solid 0.9 noborder
# The key in two rows of its own: side by side, a long level name made
# gnuplot wrap it onto the top bar.
set key at graph 1, screen 1 - 75.0 / HEIGHT right top vertical noenhanced samplen 2
set lmargin at screen LMARGIN
set rmargin at screen 0.96
set tmargin at screen 1 - 175.0 / HEIGHT
set bmargin at screen 230.0 / HEIGHT
set label 1 SOURCE noenhanced at screen 0.02, screen 20.0 / HEIGHT left font SMALL tc rgb '#555555'
set label 2 NOTE noenhanced at screen 0.02, screen 55.0 / HEIGHT left font SMALL
# An indicator name too long for the left margin (English ones reach 130
# characters) loses its middle; "(T = ...)" at the end stays.
MIDCUT(s, n) = strlen(s) > n ? s[1:n - 21] . "…" . s[strlen(s) - 19:*] : s
# Between from 0, within stacked after it; percentages printed inside.
plot DATA using (50 * $3):2:(0):(100 * $3):($2 - 0.38):($2 + 0.38):ytic(MIDCUT(strcol(7), 70)) \
          with boxxyerror lt 7 title KBETWEEN, \
     DATA using (100 * $3 + 50 * $4):2:(100 * $3):(100 * ($3 + $4)):($2 - 0.38):($2 + 0.38) \
          with boxxyerror lt 3 title KWITHIN, \
     DATA using (100 * $3 + 1):2:(sprintf('%.1f%%', 100 * $3)) with labels left font SMALL noenhanced tc rgb '#000000' notitle
