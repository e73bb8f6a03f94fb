#!/usr/bin/env bash
# Every key of the run configuration (README, "junheng run") changes the
# output as documented: each check runs `junheng run` without and with the
# key on a copy of tests/script/oneyear and looks for the difference.
set -u
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$here/oneyear" "$work/d"
cd "$work"
fail=0
n=0
run() { # OUT, then --set arguments
    local out=$1; shift
    local sets=()
    for kv in "$@"; do sets+=(--set "$kv"); done
    "$bin" run d/run.ini -o "$out" -q "${sets[@]}" >/dev/null 2>"$out.err"
    echo $? >"$out.code"
}
differ() { # KEY, FILE-A, FILE-B: the key must change the file
    n=$((n + 1))
    if cmp -s "$2" "$3"; then echo "FAIL: $1 changed nothing in ${2#*/}"; fail=1; fi
}
has() { # KEY, FILE, fixed text
    n=$((n + 1))
    grep -qF -- "$3" "$2" || { echo "FAIL: $1: '$3' not in $2"; fail=1; }
}
code_is() { # KEY, OUT, expected exit code
    n=$((n + 1))
    [ "$(cat "$2.code")" = "$3" ] || { echo "FAIL: $1: exit $(cat "$2.code"), expected $3"; cat "$2.err"; fail=1; }
}
run base
code_is base base 0

# [data] files: a second file adds its year (2019 copied from 2020 x 0.9).
awk -F, -v OFS=, 'NR > 1 { $2 = 2019; $5 = $5 * 0.9 } { print }' d/values.csv >d/values-2019.csv
run files "data.files=values.csv values-2019.csv"
has data.files files/tables/indices.csv 'beds_per_1000,2019,total,n,60'
# [data] encoding: a GB18030 file with a Chinese header reads with auto, not as utf-8.
{ printf '地区代码,年份,指标,城乡,数值,人口\n'; tail -n +2 d/values.csv; } |
    iconv -f UTF-8 -t GB18030 >d/values-gb.csv
run enc_auto data.files=values-gb.csv
code_is data.encoding enc_auto 0
run enc_utf8 data.files=values-gb.csv data.encoding=utf-8
code_is data.encoding enc_utf8 65
# [data] regions: the counties' names in the report come from the catalog.
run noregions data.regions= analysis.group_by=
has data.regions base/report.html '<td>Changling County</td>'
n=$((n + 1)); grep -qF 'Changling County' noregions/report.html && { echo "FAIL: data.regions"; fail=1; }
# [data] indicators: domains of rank-indicators come from the catalog.
run noind data.indicators=
differ data.indicators base/tables/rank-indicators.csv noind/tables/rank-indicators.csv
has data.indicators base/tables/rank-indicators.csv ',health,gini_w,'
# [data] weight_col: a weight column named pop is used only when named.
sed '1s/population/pop/' d/values.csv >d/values-pop.csv
run pop_none data.files=values-pop.csv
run pop_named data.files=values-pop.csv data.weight_col=pop
has data.weight_col pop_named/tables/indices.csv 'beds_per_1000,2020,total,gini_w,0.'
n=$((n + 1)); grep -qF 'gini_w,0.' pop_none/tables/indices.csv && { echo "FAIL: weight_col"; fail=1; }
# [data] lenient: a region missing from the catalog is an error, or a warning.
grep -v '^220102,' d/regions.csv >d/regions-short.csv
run strict data.regions=regions-short.csv
code_is data.lenient strict 65
run lenient data.regions=regions-short.csv data.lenient=yes
code_is data.lenient lenient 0
# [data] censored: ">98" is 98, missing, or an error.
awk -F, -v OFS=, 'NR == 2 { $5 = ">98" } { print }' d/values.csv >d/values-cens.csv
run cens_value data.files=values-cens.csv
has data.censored cens_value/tables/indices.csv 'preschool_gross_enrolment,2020,total,max,98'
run cens_missing data.files=values-cens.csv data.censored=missing
has data.censored cens_missing/tables/indices.csv 'preschool_gross_enrolment,2020,total,n,59'
run cens_error data.files=values-cens.csv data.censored=error
code_is data.censored cens_error 65
# [data] on_duplicate: a repeated row is an error, or the first is kept.
{ cat d/values.csv; sed -n 2p d/values.csv; } >d/values-dup.csv
run dup_error data.files=values-dup.csv
code_is data.on_duplicate dup_error 65
run dup_first data.files=values-dup.csv data.on_duplicate=first
code_is data.on_duplicate dup_first 0
# [data] ignore_col: the population column ignored, no weighted index.
run ign data.ignore_col=population
code_is data.ignore_col ign 0
n=$((n + 1)); grep -qF 'gini_w,0.' ign/tables/indices.csv && { echo "FAIL: ignore_col"; fail=1; }
# [data] indicators_only: the other indicators are not read.
run only data.indicators_only=beds_per_1000
has data.indicators_only only/tables/indices.csv 'beds_per_1000,2020,total,n,60'
n=$((n + 1)); grep -qF 'preschool_gross_enrolment' only/tables/indices.csv &&
    { echo "FAIL: indicators_only"; fail=1; }
# [data] region_level: a province total row is left out (county), or read (all).
{ cat d/values.csv; echo '220000,2020,beds_per_1000,total,999,24000000'; } >d/values-agg.csv
run agg data.files=values-agg.csv
has data.region_level agg/tables/indices.csv 'beds_per_1000,2020,total,n,60'
has data.region_level agg.err 'left out 1 row that is not county-level (1 province; line'
run agg_all data.files=values-agg.csv data.region_level=all data.lenient=yes
has data.region_level agg_all/tables/indices.csv 'beds_per_1000,2020,total,n,61'
# [analysis] index: the summary, the ranking table and the charts' index.
run index_cv analysis.index=cv
has analysis.index index_cv/tables/rank-indicators.csv ',cv,'
has analysis.index index_cv/report.html '<p class=note>Coefficient of variation: smaller is more equal.'
# [analysis] group_by: one decomposition per column.
run groups "analysis.group_by=prefecture, class"
has analysis.group_by groups/tables/decompose-class.csv 'beds_per_1000,2020,total,theil_t,between'
# [analysis] bootstrap and seed: intervals in the tables; the seed moves them.
run boot1 analysis.bootstrap=19 analysis.seed=1
run boot2 analysis.bootstrap=19 analysis.seed=2
has analysis.bootstrap boot1/tables/indices.csv 'indicator,year,stratum,index,value,ci_low,ci_high,se'
has analysis.bootstrap boot1/tables/decompose-prefecture.csv 'ci_low,ci_high,se'
has analysis.bootstrap boot1/tables/urban-rural.csv 'ratio_ci_low'
n=$((n + 1)); grep -qF ci_low base/tables/indices.csv && { echo "FAIL: bootstrap 0 gave intervals"; fail=1; }
differ analysis.seed boot1/tables/indices.csv boot2/tables/indices.csv
# [analysis] weights, weights_base, ahp_accept_inconsistent: the composite
# weights, their files relative to run.ini; the report says which.
printf 'code,weight\npreschool_gross_enrolment,1\nbalanced_county_share,1\ndisposable_income,2\ninfant_mortality,2\nbeds_per_1000,2\ndoctors_per_1000,2\n' >d/w.csv
run wfixed analysis.weights=fixed:w.csv
has analysis.weights wfixed/tables/rank-weights.csv '2020,disposable_income,employment,0.20000000000000001,,0.20000000000000001,,,'
has analysis.weights wfixed/report.html 'Composite score weights: fixed'
# all six indicators, 1 but for a cycle p > b > d > p of 9s: far from consistent
{ echo x,p,b,d,i,e,o
  echo preschool_gross_enrolment,1,9,1/9,1,1,1
  echo balanced_county_share,,1,9,1,1,1
  echo disposable_income,,,1,1,1,1
  echo infant_mortality,,,,1,1,1
  echo beds_per_1000,,,,,1,1
  echo doctors_per_1000,,,,,,1; } |
    sed '1s/.*/x,preschool_gross_enrolment,balanced_county_share,disposable_income,infant_mortality,beds_per_1000,doctors_per_1000/' >d/m.csv
run wahp analysis.weights=ahp:m.csv
code_is analysis.weights wahp 65
has analysis.weights wahp.err 'inconsistent judgements: CR = '
run wahp_ok analysis.weights=ahp:m.csv analysis.ahp_accept_inconsistent=yes
code_is analysis.ahp_accept_inconsistent wahp_ok 0
has analysis.ahp_accept_inconsistent wahp_ok/report.html 'Composite score weights: AHP (1 matrix, CR '
run wbase analysis.weights_base=2020
has analysis.weights_base wbase/report.html 'entropy held from 2020'
run wbase_bad analysis.weights_base=1999
code_is analysis.weights_base wbase_bad 65
# [charts] kinds and formats (only where gnuplot is installed).
if command -v gnuplot >/dev/null; then
    run charts charts.kinds=heatmap charts.formats=svg
    n=$((n + 1)); [ -s charts/charts/heatmap-2020.svg ] || { echo "FAIL: charts.kinds/formats"; fail=1; }
fi
n=$((n + 1)); [ -z "$(ls base/charts)" ] || { echo "FAIL: charts.kinds=none drew"; fail=1; }
# [output] dir, lang, title, note.
run ignored output.dir=elsewhere
n=$((n + 1)); [ -s ignored/report.html ] || { echo "FAIL: -o overrides output.dir"; fail=1; }
sed -i 's/^lang = en$/lang = en\ndir = chosen/' d/run.ini
"$bin" run d/run.ini -q 2>/dev/null
n=$((n + 1)); [ -s chosen/report.html ] || { echo "FAIL: output.dir"; fail=1; }
has output.lang base/report.html '<html lang="en">'
run zh output.lang=zh
has output.lang zh/report.html '<html lang="zh-CN">'
run titled "output.title=Yearbook 2020" "output.note=Synthetic values"
has output.title titled/report.html '<h1>Yearbook 2020</h1>'
has output.note titled/report.html '<p class=note>Synthetic values</p>'
[ $fail = 0 ] && echo "$n checks passed"
exit $fail
