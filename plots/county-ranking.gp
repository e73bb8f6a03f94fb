# junheng chart: every county's composite score, the best at the top, bars
# in the colour of the county's prefecture (the same in every junheng
# chart).  Copy and restyle freely.
# Set by junheng: DATA (row, y position, score, prefecture number 1.. or 0,
# "rank. county"), NBARS, NGROUPS, GROUPS[1..NGROUPS], HEIGHT, TITLE,
# LMARGIN (room for the names), XLABEL, YLABEL, NOTE, SOURCE, FONTSIZE, COLOURS[] and linetypes 1-9.
reset
BIG = sprintf(",%d", FONTSIZE * 5 / 4)
SMALL = sprintf(",%d", FONTSIZE * 3 / 4)
set datafile separator "\t"
set label 10 TITLE noenhanced at screen 0.5, screen 1 - 45.0 / HEIGHT center font BIG
# The axis title is a label at a fixed place: with fixed margins gnuplot
# puts xlabel at the bottom of the margin, over the source line.
set label 3 XLABEL noenhanced at graph 0.5, screen 105.0 / HEIGHT center
set ylabel YLABEL noenhanced
set yrange [0.4 : NBARS + 0.6]
set xrange [0:*]
set xtics out nomirror
set format x '%.2f'
set ytics scale 0 noenhanced font SMALL
set grid x lc rgb '#DDDDDD'
set style fill solid 0.9 noborder
# The legend of the prefectures in rows under the title (inside the plot
# it would cover bars when names are long).
set key at screen 0.5, screen 1 - 85.0 / HEIGHT center top vertical maxrows 3 noenhanced samplen 1.5 font SMALL width 1
set lmargin at screen LMARGIN
set rmargin at screen 0.95
set tmargin at screen 1 - 240.0 / HEIGHT
set bmargin at screen 230.0 / HEIGHT
set label 1 SOURCE noenhanced at screen 0.02, screen 20.0 / HEIGHT left font SMALL tc rgb '#555555'
set label 2 NOTE noenhanced at screen 0.02, screen 55.0 / HEIGHT left font SMALL
# Counties without a prefecture (colour 0) are grey.
COL(g) = g > 0 ? g : 9
plot DATA using 3:2:(0):3:($2 - 0.4):($2 + 0.4):(COL($4)):ytic(5) \
          with boxxyerror lc variable notitle, \
     DATA using ($3 + 0.004):2:(sprintf('%.3f', $3)) with labels left font SMALL noenhanced notitle, \
     for [k=1:NGROUPS] NaN with boxes lt k title GROUPS[k]
