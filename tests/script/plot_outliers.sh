#!/usr/bin/env bash
# Issue 17: the distribution charts ring the values `junheng validate` flags
# as outliers, with a note.  On the bundled panel validate flags exactly one
# value, beds per 1,000 of 220821 in 2018 (37.74; median 5.485, MAD 1.285,
# robust z = |37.74 - 5.485| / (1.4826 * 1.285) = 16.9 > 3.5).  The 2018
# chart must ring that one point, in both languages and both layouts (zh:
# boxes side by side; en: on their side, the names being long); the 2020
# chart, with no outlier, must have neither ring nor note.  Skipped (77)
# without gnuplot.
set -u
bin=$1
command -v gnuplot >/dev/null || { echo "skipped: no gnuplot"; exit 77; }
top=$(cd ../.. && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }
d=$top/datasets/jilin
in=(--data "$d/values.csv" --regions "$d/regions.csv" --indicators "$d/indicators.csv")
export JUNHENG_TEMPLATE_DIR=$top/plots
"$bin" validate "${in[@]}" >"$tmp/v" 2>&1
grep -q "outliers (robust z > 3.5): 1 " "$tmp/v" || bad "validate no longer flags exactly one outlier"
grep -q "outlier: region '220821', indicator 'beds_per_1000', year 2018" "$tmp/v" ||
    bad "validate's outlier is not 220821 beds_per_1000 2018"
for lang in zh en; do
    out=$tmp/$lang
    "$bin" plot distribution "${in[@]}" -i beds_per_1000 --year 2018 --year 2020 \
        --lang $lang -f svg -o "$out" 2>"$tmp/err" || { bad "$lang: plot failed"; cat "$tmp/err"; }
    svg18=$out/distribution-beds_per_1000-2018.svg
    svg20=$out/distribution-beds_per_1000-2020.svg
    note="outlier flagged by validate"
    [ $lang = zh ] && note="离群值（validate 标记"
    grep -qF "$note" "$svg18" || bad "$lang: the 2018 chart has no outlier note"
    grep -qF "$note" "$svg20" && bad "$lang: the 2020 chart has an outlier note"
    # The ring is gnuplot's open circle (gpPt5) in #CC3311: one in 2018,
    # none in 2020.
    ring="gpPt5'.*color='rgb(204,  51,  17)'"
    n=$(grep -c "$ring" "$svg18")
    [ "$n" = 1 ] || bad "$lang: $n rings in the 2018 chart (expected 1)"
    grep -q "$ring" "$svg20" && bad "$lang: a ring in the 2020 chart"
done
[ $fail = 0 ] && echo "ok: one outlier ringed and noted in zh and en, none in 2020"
exit $fail
