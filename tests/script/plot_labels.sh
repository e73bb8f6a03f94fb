#!/usr/bin/env bash
# Issue 17: numbers and texts of the charts as a reader wants them, on a
# hand-made panel of four counties (a, b in prefecture P; c, d in Q), in
# both languages:
#   - a tiny Theil T reads "6.949×10⁻⁵"-style in the decomposition's
#     labels, never e-05 nor a row of zeros.  eq = 100, 100, 100, 101
#     (unweighted): mean 100.25, T = 1/4 (3 * 0.997506 ln 0.997506 +
#     1.007481 ln 1.007481) = 1/4 (-0.0074720 + 0.0075093) = 9.313e-06;
#   - a 0/100 status (st, unit %) has the key "0%" and "100%", not
#     "0.0 (%)";
#   - the urban-rural ratio axis has room around its markers: ratios
#     urban/rural a 150/100 = 1.5, b 120/100 = 1.2, c 80/80 = 1 (parity),
#     d 125/100 = 1.25; span 1.5 - 1 = 0.5, 6% of it = 0.03 on each side,
#     so the axis runs from 0.97 to 1.53 (gnuplot's autoscale ended at
#     1.0, the parity marker on the frame);
#   - the group-gap chart's axis title, a long indicator name, wraps under
#     the bars in full: no text of it cut with an ellipsis.
# Skipped (77) without gnuplot.
set -u
bin=$(realpath "$1")
command -v gnuplot >/dev/null || { echo "skipped: no gnuplot"; exit 77; }
top=$(cd ../.. && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }
export JUNHENG_TEMPLATE_DIR=$top/plots
cd "$tmp"
printf 'code,name,name_en,prefecture,prefecture_en\na,甲县,A County,P,P\nb,乙县,B County,P,P\nc,丙县,C County,Q,Q\nd,丁县,D County,Q,Q\n' > regions.csv
cat > indicators.csv <<'CSV'
code,name_zh,name_en,direction,unit,unit_en,weight
eq,近乎均等的指标,Nearly equal,higher_better,%,%,none
st,达标状态,Meeting the standard,higher_better,%,%,none
ur,城乡指标,Urban and rural,higher_better,元,yuan,none
gap,每万名常住人口拥有的经过认证并持续运营的基层综合性公共文化服务设施数量,Number of certified and continuously operating grassroots comprehensive public cultural service facilities,higher_better,个,facilities,none
CSV
cat > strata.csv <<'CSV'
code,name_zh,name_en,dimension,whole,compare
total,全体,Everyone,,yes,
urban,城镇,Urban,area,,
rural,农村,Rural,area,,
mig,随迁子女,Migrant children,group,,loc
loc,本地儿童,Local children,group,,
CSV
{
    echo region_code,year,indicator,stratum,value
    for y in 2019 2020; do
        printf 'a,%s,eq,total,100\nb,%s,eq,total,100\nc,%s,eq,total,100\nd,%s,eq,total,101\n' $y $y $y $y
        printf 'a,%s,st,total,100\nb,%s,st,total,0\nc,%s,st,total,100\nd,%s,st,total,100\n' $y $y $y $y
    done
    printf 'a,2020,ur,total,120\nb,2020,ur,total,110\nc,2020,ur,total,80\nd,2020,ur,total,110\n'
    printf 'a,2020,ur,urban,150\nb,2020,ur,urban,120\nc,2020,ur,urban,80\nd,2020,ur,urban,125\n'
    printf 'a,2020,ur,rural,100\nb,2020,ur,rural,100\nc,2020,ur,rural,80\nd,2020,ur,rural,100\n'
    for c in a b c d; do printf '%s,2020,gap,mig,3\n%s,2020,gap,loc,4\n' $c $c; done
} > values.csv
in=(--data values.csv --regions regions.csv --indicators indicators.csv --strata strata.csv)
for lang in zh en; do
    for kind in decomposition distribution urban-rural group-gap; do
        "$bin" plot $kind "${in[@]}" --lang $lang -f svg -o $lang --keep-scripts 2>> err ||
            { bad "$lang: plot $kind failed"; cat err; }
    done
    svgs=("$lang"/*.svg)
    [ ${#svgs[@]} -ge 5 ] || bad "$lang: ${#svgs[@]} charts drawn"
    # Texts only (no style attributes): <text>...</text>.
    grep -ho '<text>[^<]*</text>' "$lang"/*.svg > $lang.texts
    grep -q 'T = 9\.313×10⁻⁶' $lang.texts || bad "$lang: no label T = 9.313×10⁻⁶"
    grep -E '[0-9]e[-+]?[0-9]|0\.000[0-9]' $lang.texts && bad "$lang: scientific or a row of zeros"
    grep -q '<text>0%</text>' "$lang"/distribution-st-2020.svg &&
        grep -q '<text>100%</text>' "$lang"/distribution-st-2020.svg ||
        bad "$lang: the status key does not read 0% and 100%"
    grep -q '<text>0\.0' "$lang"/distribution-st-2020.svg && bad "$lang: a status level reads 0.0"
    gp=$lang/urban-rural-ur-2020.gp
    awk -F' = ' '$1 == "RLO" && ($2 < 0.9699 || $2 > 0.9701) {exit 1}
                 $1 == "RHI" && ($2 < 1.5299 || $2 > 1.5301) {exit 1}' "$gp" &&
        grep -q '^RLO = ' "$gp" && grep -q '^RHI = ' "$gp" ||
        bad "$lang: the ratio axis is not 0.97 to 1.53: $(grep -E '^R(LO|HI) = ' "$gp" | tr '\n' ' ')"
    gg=$lang/group-gap-mig-loc-gap-2020.svg
    [ -f "$gg" ] || bad "$lang: no group-gap chart"
    grep -o '<text>[^<]*…</text>' "$gg" && bad "$lang: a text of the group-gap chart is cut"
done
# The whole name is there, over lines: its last words, and in Chinese its
# last characters.
grep -q '^<text>facilities (facilities)</text>' en.texts || bad "en: the group-gap axis title lost its end"
grep -q '设施数量（个）' zh.texts || bad "zh: the group-gap axis title lost its end"
# The whole the groups make up is named by the catalog's level: 全省 /
# Province over prefectures; 全国 / National when the same counties are
# grouped into provinces (the note of the urban-rural chart).
grep -q "^NOTE = '全省（人口加权平均）" zh/urban-rural-ur-2020.gp || bad "zh: the urban-rural note is not 全省"
sed 's/prefecture/province/g' regions.csv > provinces.csv
for lang in zh en; do
    "$bin" plot urban-rural --data values.csv --regions provinces.csv --indicators indicators.csv \
        --strata strata.csv --lang $lang -f svg -o nat-$lang --keep-scripts 2>> err ||
        bad "$lang: plot urban-rural by province failed"
done
grep -q "^NOTE = '全国（人口加权平均）" nat-zh/urban-rural-ur-2020.gp ||
    bad "zh by province: $(grep '^NOTE' nat-zh/urban-rural-ur-2020.gp)"
grep -q "^NOTE = 'National (population-weighted means)" nat-en/urban-rural-ur-2020.gp ||
    bad "en by province: $(grep '^NOTE' nat-en/urban-rural-ur-2020.gp)"
[ $fail = 0 ] && echo "ok: T = 9.313×10⁻⁶, keys 0% and 100%, ratio axis 0.97..1.53, group-gap title whole, 全国/National"
exit $fail
