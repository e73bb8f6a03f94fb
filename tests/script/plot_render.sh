#!/usr/bin/env bash
# junheng plot renders every chart kind from the bundled Jilin data and from
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
         distribution-beds_per_1000-2020 heatmap-2020; do
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
[ "$n" = 8 ] || bad "hostile: $n PNGs, expected 8 (2 lorenz, 2 trend, ranking, 2 distribution, heatmap)"
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
