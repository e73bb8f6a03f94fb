#!/usr/bin/env bash
# junheng plot renders every chart kind (lorenz, trend with its OLS line,
# disparity-ranking, distribution box plots and densities, heatmap,
# urban-rural, county-ranking, decomposition, targets) from the bundled
# Jilin data and from
# tests/data/hostile (names such as `touch PWNED`, @foo, '; system(...); ',
# "|touch PWNED", a name with a newline, Essex, EOD): each chart exists with
# a PNG/SVG/PDF signature and the expected pixel size, the SVG holds the
# labels (Chinese included) literally, the same input gives byte-identical
# SVG twice, no file PWNED appears, and without gnuplot the exit is 69.
set -u
bin=$1
root=$(cd ../.. && pwd)
jl=$root/datasets/jilin
ho=$root/tests/data/hostile
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }
command -v gnuplot > /dev/null || { echo "SKIP: gnuplot not installed"; exit 77; }
jilin() { "$bin" plot "$@" --data "$jl/values.csv" --regions "$jl/regions.csv" \
          --indicators "$jl/indicators.csv" --template-dir "$root/plots"; }
png_size() { # prints WIDTHxHEIGHT from the IHDR chunk
    od -An -tu1 -j16 -N8 "$1" | awk '{print $1*16777216+$2*65536+$3*256+$4 "x" $5*16777216+$6*65536+$7*256+$8}'
}
cd "$tmp"
jilin all -i beds_per_1000 --year 2020 -o a --format png,svg,pdf 2> err || { bad "plot all exited $?"; cat err; }
for k in lorenz-beds_per_1000-2020 trend-gini disparity-ranking-gini-2020 \
         distribution-beds_per_1000-2020 distribution-beds_per_1000-2015-2020 heatmap-2020 \
         urban-rural-beds_per_1000-2020 county-ranking-2020 decomposition-2020 targets-2020; do
    for e in png svg pdf; do [ -s "a/$k.$e" ] || bad "missing a/$k.$e"; done
    [ "$(head -c 8 "a/$k.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || bad "$k.png: not a PNG"
    [ "$(head -c 5 "a/$k.pdf")" = "%PDF-" ] || bad "$k.pdf: not a PDF"
    grep -q '<svg' "a/$k.svg" || bad "$k.svg: not an SVG"
    ls a/$k.gp a/$k.dat > /dev/null 2>&1 && bad "$k: scripts left without --keep-scripts"
done
# 1600 x 1000 for the fixed charts (plot.h); the heatmap grows 30 px per
# county: 820 + 30 * 60 = 2620.
[ "$(png_size a/lorenz-beds_per_1000-2020.png)" = 1600x1000 ] || bad "lorenz size $(png_size a/lorenz-beds_per_1000-2020.png)"
[ "$(png_size a/heatmap-2020.png)" = 1600x2620 ] || bad "heatmap size $(png_size a/heatmap-2020.png)"
grep -q '每千人口医疗卫生机构床位数' a/distribution-beds_per_1000-2020.svg || bad "no Chinese indicator name in the SVG"
grep -q '延边朝鲜族自治州' a/distribution-beds_per_1000-2020.svg || bad "no prefecture name in the SVG"
grep -q '南关区' a/heatmap-2020.svg || bad "no county name in the heatmap SVG"
grep -q 'Changchun' a/distribution-beds_per_1000-2020.svg && bad "English name in a zh chart"
# The new kinds (2026, issue 8).  Heights grow with the rows (plot_*.c):
# county-ranking 490 + 30 * 60 counties = 2290; urban-rural 510 + 30 * 60
# counties with both strata = 2310; densities the fixed 1600 x 1000; trend
# 450 + max(560, 56 n + 40) + 56 n with its key under the plot, 1066 for n = 1.
[ "$(png_size a/county-ranking-2020.png)" = 1600x2290 ] || bad "county-ranking size $(png_size a/county-ranking-2020.png)"
[ "$(png_size a/urban-rural-beds_per_1000-2020.png)" = 1600x2310 ] || bad "urban-rural size $(png_size a/urban-rural-beds_per_1000-2020.png)"
[ "$(png_size a/distribution-beds_per_1000-2015-2020.png)" = 1600x1000 ] || bad "density size"
[ "$(png_size a/trend-gini.png)" = 1600x1066 ] || bad "trend size $(png_size a/trend-gini.png)"
grep -q '前郭尔罗斯蒙古族自治县' a/county-ranking-2020.svg || bad "no county name in the county-ranking SVG"
grep -q '延边朝鲜族自治州' a/county-ranking-2020.svg || bad "no prefecture legend in the county-ranking SVG"
grep -q '城乡比' a/urban-rural-beds_per_1000-2020.svg || bad "no ratio axis title in the urban-rural SVG"
grep -q '汪清县' a/urban-rural-beds_per_1000-2020.svg || bad "no county name in the urban-rural SVG"
grep -q '市（州）间' a/decomposition-2020.svg || bad "no between-prefecture legend in the decomposition SVG"
grep -q '学前三年毛入园率' a/targets-2020.svg || bad "no indicator name in the targets SVG"
grep -q '2015年（带宽' a/distribution-beds_per_1000-2015-2020.svg || bad "no year key in the density SVG"
grep -q '趋势' a/trend-gini.svg || bad "no trend slope in the trend legend"
# Every county has a bar: 60 labels "N. name" in the county-ranking data.
jilin county-ranking --year 2020 -o k --format svg --keep-scripts 2> /dev/null
[ "$(wc -l < k/county-ranking-2020.dat)" = 60 ] || bad "county-ranking: $(wc -l < k/county-ranking-2020.dat) bars, expected 60"
# Decomposition shares add up to 1 on every line (between + within).
jilin decomposition --year 2020 -o k --format svg --keep-scripts 2> /dev/null
awk -F'\t' '{ d = $3 + $4 - 1; if (d > 1e-9 || d < -1e-9) { print "line " NR ": " $3 " + " $4; bad = 1 } } END { exit bad }' \
    k/decomposition-2020.dat || bad "decomposition: between + within shares do not add up to 1"
# Trend line: the OLS fit through the block of Gini values.  Independent
# check with awk: slope = sum (t - tbar)(g - gbar) / sum (t - tbar)^2 over the
# six years, compared with the fitted line's rise per year in the data file.
jilin trend -i beds_per_1000 -o k --format svg --keep-scripts 2> /dev/null
awk -F'\t' 'BEGIN { blk = 0; n = 0; m = 0 } /^$/ { if (prev != "") blk++; prev = ""; next }
     { prev = $0; if (blk == 0) { t[n] = $2; g[n] = $3; n++ } else { ft[m] = $2; fy[m] = $3; m++ } }
     END { for (i = 0; i < n; i++) { st += t[i]; sg += g[i] } tb = st / n; gb = sg / n
           for (i = 0; i < n; i++) { sxy += (t[i] - tb) * (g[i] - gb); sxx += (t[i] - tb) ^ 2 }
           b = sxy / sxx; fb = (fy[1] - fy[0]) / (ft[1] - ft[0]); fa = gb - b * tb
           if (m != 2 || (b - fb) ^ 2 > 1e-16 || (fa + b * ft[0] - fy[0]) ^ 2 > 1e-16) exit 1 }' \
    k/trend-gini.dat || bad "trend: fitted line is not the OLS line of the Gini on the year"
# Byte-identical SVG twice for the new kinds too.
jilin county-ranking --year 2020 -o b --format svg 2> /dev/null
cmp -s a/county-ranking-2020.svg b/county-ranking-2020.svg || bad "county-ranking SVG differs between runs"
jilin targets --year 2020 -o b --format svg 2> /dev/null
cmp -s a/targets-2020.svg b/targets-2020.svg || bad "targets SVG differs between runs"
# Byte-identical twice.
jilin distribution -i beds_per_1000 --year 2020 -o b --format svg 2> /dev/null
cmp -s a/distribution-beds_per_1000-2020.svg b/distribution-beds_per_1000-2020.svg || bad "SVG differs between runs"
# English and --keep-scripts.
jilin lorenz -i beds_per_1000 --lang en -o c --keep-scripts 2> /dev/null || bad "lorenz --lang en failed"
grep -q 'Lorenz curves' c/lorenz-beds_per_1000-2015-2020.gp || bad "no English title in the kept script"
[ -s c/lorenz-beds_per_1000-2015-2020.dat ] || bad "--keep-scripts kept no data file"
# Hostile names.
"$bin" plot all --data "$ho/values.csv" --regions "$ho/regions.csv" --indicators "$ho/indicators.csv" \
    --template-dir "$root/plots" --format png,svg -o h 2> err || { bad "hostile plot exited $?"; cat err; }
[ -e PWNED ] || [ -e h/PWNED ] || [ -e "$root/tests/script/PWNED" ] && bad "a hostile name ran a command"
n=$(ls h/*.png 2> /dev/null | wc -l)
[ "$n" = 12 ] || bad "hostile: $n PNGs, expected 12 (2 lorenz, 2 trend, ranking, 2 distribution, 2 densities,
heatmap, county-ranking, decomposition; no strata: no urban-rural; no targets in the catalog)"
grep -q '`touch PWNED`' h/county-ranking-2020.svg || bad "county-ranking: backquoted county not shown literally"
grep -q '>EOD<' h/county-ranking-2020.svg || bad "county-ranking: prefecture EOD not in the legend"
grep -q '医生 system(.touch PWNED.)' h/decomposition-2020.svg || bad "decomposition: newline name not shown as one line"
s=h/distribution-beds-2020.svg
grep -q '床位`touch PWNED`' $s || bad "backquoted name not shown literally"
grep -qF '&quot;|touch PWNED&quot;' $s || grep -qF '"|touch PWNED"' $s || bad "pipe name not shown literally"
grep -qF "'; system(&quot;touch PWNED&quot;); '" $s || grep -qF "'; system(\"touch PWNED\"); '" $s || bad "system() unit not shown literally"
grep -q '>Essex<' $s || bad "Essex not shown"
grep -q '>EOD<' $s || bad "EOD not shown"
grep -q 'a system(.touch PWNED.)' h/heatmap-2020.svg || bad "newline name not shown as one line"
# gnuplot missing: exit 69, data and scripts still written.
PATH=/nonexistent "$bin" plot heatmap --data "$jl/values.csv" --regions "$jl/regions.csv" \
    --template-dir "$root/plots" -o m 2> err
code=$?
[ "$code" = 69 ] || bad "without gnuplot exit $code, expected 69"
grep -q 'gnuplot-nox' err || bad "no install hint: $(cat err)"
[ -s m/heatmap-2020.dat ] && [ -s m/heatmap-2020.gp ] || bad "without gnuplot the data files were not left"
exit $fail
