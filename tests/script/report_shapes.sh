#!/usr/bin/env bash
# The report follows the shape of the data (from the bundled Jilin panel):
# two years five apart head the change with its real period and give one
# change column; three indicators give one ranked table, not "most" and
# "least" tables repeating the same rows; without urban and rural strata
# the town-and-country section is one sentence; [report] indicators keeps
# the report to the indicators listed; bootstrap intervals appear when the
# run drew them.
set -u
bin=$(realpath "$1")
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
fail=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAIL: $1"; fail=1; fi; }
cp "$top"/datasets/jilin/{run.ini,regions.csv,indicators.csv,tiles.geojson} .
# 2015 and 2020 only, the total stratum only.
awk -F, 'NR == 1 || (($2 == 2015 || $2 == 2020) && $4 == "total")' \
    "$top/datasets/jilin/values.csv" > values.csv
# Only the filtered values: no groups of people, strata catalog or service list.
run() { "$bin" run run.ini -q --set charts.kinds=none --set data.files=values.csv --set data.strata= --set data.services= "$@" 2>>err; }
run -o two --set data.indicators_only=beds_per_1000,doctors_per_1000,disposable_income
r=two/report.html
check "the change is headed with its period" 'grep -qF "<th>较2015年变化</th>" $r'
check "one change column for two years" '[ "$(grep -c "较2015年变化" $r)" = 1 ]'
check "no change since a year the data lack" '! grep -q "较2019年" $r'
check "three indicators: one ranked table" 'grep -qF "表1 各指标差距排序：各指标人口加权基尼系数，2020年" $r && ! grep -q "差距最大的指标：" $r'
check "the table has the three indicators" '[ "$(sed -n "/id=\"tab1\"/,/<\/table>/p" $r | grep -c "<tr><td>")" = 3 ]'
check "no strata: one sentence" 'grep -qxF "<p>数据没有城镇、农村分组，因此不比较城乡差距。</p>" $r'
run -o chosen --set report.indicators=beds_per_1000
check "[report] indicators" 'grep -qF "每千人口医疗卫生机构床位数" chosen/report.html && ! grep -qF "每千人口执业" chosen/report.html'
run -o boot --set analysis.bootstrap=19 --set data.indicators_only=beds_per_1000
check "bootstrap: the interval column" 'grep -qF "<th>95%置信区间</th>" boot/report.html'
check "bootstrap: an interval" 'grep -qE "<td class=n>\[0\.[0-9]+, 0\.[0-9]+\]</td>" boot/report.html'
check "bootstrap: the note" 'grep -qF "方括号内为自助法（19次重抽样）95%百分位置信区间。" boot/report.html'
[ -s err ] && { echo "stderr:"; cat err; }
exit $fail
