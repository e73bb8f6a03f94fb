# junheng chart: a choropleth map of counties.  Copy and restyle freely.
# Set by junheng: DATA (index 0: filled outer rings "x y 0xRRGGBB";
# 1: county outlines; 2: prefecture outlines; 3: labels "x y name 0xRRGGBB"),
# XMIN, XMAX, YMIN, YMAX (km in an Albers equal-area projection, north up),
# SCALE_LEN (km; 0 for a schematic tile map), SCALE_LABEL, SBX, SBY (where
# the scale bar starts), NX, NY, NLEN (north arrow), NCLASS, COLS[k],
# LABS[k] (legend), TITLE, SUBTITLE (under it), SOURCE, FONTSIZE,
# HEIGHT.
reset
BIG = sprintf(",%d", FONTSIZE * 5 / 4)
SMALL = sprintf(",%d", FONTSIZE * 2 / 3)
set datafile separator "\t"
# title and subtitle left-aligned on the page: long indicator names fit
set label 7 TITLE noenhanced at screen 0.02, screen 0.95 left font BIG
unset xtics
unset ytics
unset border
set size ratio -1
set xrange [XMIN : XMAX]
set yrange [YMIN : YMAX]
set lmargin at screen 0.02
set tmargin at screen 0.86
set rmargin at screen 0.72
set key at screen 0.74, screen 0.85 left top Left reverse noenhanced samplen 1.5 spacing 1.3 box lc rgb '#BBBBBB'
# scale bar (none on a schematic map)
if (SCALE_LEN > 0) {
    set arrow 1 from SBX, SBY to SBX + SCALE_LEN, SBY nohead lw 4 lc rgb '#333333'
    set label 2 SCALE_LABEL noenhanced at SBX + SCALE_LEN / 2, SBY center offset 0, 1 font SMALL
} else {
    set label 2 SCALE_LABEL noenhanced at SBX, SBY left font SMALL tc rgb '#555555'
}
# north arrow
set arrow 3 from NX, NY to NX, NY + NLEN head filled size screen 0.015, 25 lw 3 lc rgb '#333333'
set label 4 "N" at NX, NY + NLEN center offset 0, 1.2 font BIG
set label 6 SUBTITLE noenhanced at screen 0.02, screen 0.905 left font SMALL tc rgb '#333333'
set label 5 SOURCE noenhanced at screen 0.02, screen 0.015 left font SMALL tc rgb '#555555'
plot DATA index 0 using 1:2:3 with filledcurves closed fc rgb variable notitle, \
     DATA index 1 using 1:2 with lines lc rgb '#7F7F7F' lw 0.7 notitle, \
     DATA index 2 using 1:2 with lines lc rgb '#111111' lw 2.2 notitle, \
     for [k=1:NCLASS] keyentry with boxes fs solid 1.0 border lc rgb '#7F7F7F' fc rgb COLS[k] title LABS[k], \
     DATA index 3 using 1:2:3:4 with labels tc rgb variable font SMALL noenhanced notitle
