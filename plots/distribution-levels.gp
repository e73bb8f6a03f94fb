# junheng chart: an indicator with few distinct values (at most
# JH_PLOT_FEW_DISTINCT, include/junheng/plot.h), such as a 0/100 status:
# one bar per prefecture or per year, split into the shares of its counties
# at each value, the counts in the pieces and the bar's total at its end.
# Copy and restyle freely.
# Set by junheng: DATA (block 0: bar position, counties, name; block 1:
# bar position, share from, share to, level 1..NLEV, counties), NROWS, NLEV,
# LEVELS[1..NLEV] (the values), HEIGHT, LMARGIN (room for the names), TITLE,
# TITLELINES[] (it wrapped), KEYCOLS (key entries a row), TOPX (px the
# further title and key lines take), XLABEL,
# NOTE, SOURCE, FONTSIZE, COLOURS[] and linetypes 1-9.
reset
BIG = sprintf(",%d", FONTSIZE * 5 / 4)
SMALL = sprintf(",%d", FONTSIZE * 3 / 4)
set datafile separator "\t"
do for [k = 1:|TITLELINES|] {
    set label (20 + k) TITLELINES[k] noenhanced at screen 0.5, screen 1 - (45.0 + 50 * (k - 1)) / HEIGHT center font BIG
}
set label 3 XLABEL noenhanced at graph 0.5, screen 105.0 / HEIGHT center
set label 1 SOURCE noenhanced at screen 0.02, screen 20.0 / HEIGHT left font SMALL tc rgb '#555555'
set label 2 NOTE noenhanced at screen 0.02, screen 55.0 / HEIGHT left font SMALL
set yrange [0.4 : NROWS + 0.6]
set xrange [0:100]
set xtics 0, 20, 100 out nomirror
set ytics scale 0 noenhanced
# Light enough for the black counts on every colour.
set style fill solid 0.6 noborder
# The key under the title, KEYCOLS entries a row (its further rows are in TOPX).
set key at screen 0.5, screen 1 - (45.0 + 50 * |TITLELINES|) / HEIGHT center top horizontal maxcols KEYCOLS reverse Left noenhanced samplen 2
set lmargin at screen LMARGIN
set rmargin at screen 0.88
set tmargin at screen 1 - (160.0 + TOPX) / HEIGHT
set bmargin at screen 230.0 / HEIGHT
# Levels from linetype 2 (orange) on; a count only where its piece has room.
plot DATA index 1 using (($2 + $3) / 2):1:2:3:($1 - 0.38):($1 + 0.38):($4 + 1) \
          with boxxyerror lc variable notitle, \
     DATA index 1 using (($2 + $3) / 2):1:($3 - $2 >= 8 ? sprintf('%d', $5) : '') \
          with labels center font SMALL notitle, \
     DATA index 0 using (100):1:(sprintf('n = %d', $2)):ytic(3) \
          with labels left offset 1, 0 font SMALL notitle, \
     for [k=1:NLEV] NaN with boxes lt (k + 1) title LEVELS[k]
