#!/usr/bin/env bash
# The annual run's spatial step: without a neighbour source (the bundled
# run.ini: tiles only) it is skipped with its reason in run.log and the
# report, and no spatial table is written; with [data] neighbors (the
# hand-made pair list of tests/data/run) it writes tables/spatial.csv and
# tables/lisa.csv and the report's section shows Moran's I.  Charts off:
# the map steps are the chart tests' business (and need gnuplot).
set -u
bin=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
no() { echo "FAIL: $*"; fail=1; }
"$bin" run "$top/datasets/jilin/run.ini" --set charts.kinds=none -o "$tmp/without" -q \
    2>"$tmp/err" || { cat "$tmp/err"; exit 1; }
[ ! -e "$tmp/without/tables/spatial.csv" ] || no "spatial.csv written without neighbours"
[ ! -e "$tmp/without/tables/lisa.csv" ] || no "lisa.csv written without neighbours"
grep -q "step spatial: skipped (no neighbour source (\[data\] neighbors or boundaries); the schematic tile map's adjacency is not real and is not used for statistics)" \
    "$tmp/without/run.log" || no "run.log does not say why spatial was skipped"
grep -qE '<h2 id=spatial>[0-9]+ 空间分布与集聚</h2>' "$tmp/without/report.html" ||
    no "report has no spatial section without neighbours"
grep -q '<p>未计算空间统计：未提供县域相邻关系（\[data\] neighbors 或 boundaries）' \
    "$tmp/without/report.html" || no "report does not say why the statistics are missing"
"$bin" run "$top/datasets/jilin/run.ini" --set charts.kinds=none --set output.lang=en \
    --set "data.neighbors=$top/tests/data/run/neighbors-small.csv" -o "$tmp/with" -q \
    2>"$tmp/err" || { cat "$tmp/err"; exit 1; }
head -1 "$tmp/with/tables/spatial.csv" | grep -q '^indicator,year,n,islands,moran_i,' ||
    no "spatial.csv missing or without its header"
# 24 pairs over 16 counties: 60 - 16 = 44 counties are islands in every slice.
grep -q '^doctors_per_1000,2020,60,44,' "$tmp/with/tables/spatial.csv" ||
    no "spatial.csv: doctors_per_1000 2020 should have 60 counties, 44 islands"
head -1 "$tmp/with/tables/lisa.csv" | grep -q '^indicator,year,region_code,' ||
    no "lisa.csv missing or without its header"
grep -q "<th>Indicator</th><th>Moran's I</th>" "$tmp/with/report.html" ||
    no "English report has no Moran table"
grep -q 'No spatial statistics' "$tmp/with/report.html" &&
    no "report says the statistics are missing though they ran"
grep -q '<li>spatial:' "$tmp/with/report.html" && no "spatial listed as skipped"
# A pair naming a county not in the data: the source's warning goes to
# run.log once (not to the terminal) and counts in the run's total, which
# is the log's "warning:" lines, one more than the run without that pair.
{ cat "$top/tests/data/run/neighbors-small.csv"; echo '220102,229999,rook'; } >"$tmp/nb.csv"
"$bin" run "$top/datasets/jilin/run.ini" --set charts.kinds=none --set output.lang=en \
    --set "data.neighbors=$tmp/nb.csv" -o "$tmp/unknown" 2>"$tmp/err" || { cat "$tmp/err"; exit 1; }
warn="junheng: warning: $tmp/nb.csv: 1 pair(s) name a region not in the data; skipped (first: line 26, '229999')"
[ "$(grep -cxF "$warn" "$tmp/unknown/run.log")" = 1 ] || no "run.log does not have the unknown pair's warning once"
grep -qF "pair(s)" "$tmp/err" && no "the unknown pair's warning reached the terminal"
logged=$(grep -c 'warning:' "$tmp/unknown/run.log")
[ "$logged" = $(($(grep -c 'warning:' "$tmp/with/run.log") + 1)) ] ||
    no "run.log: $logged warnings, expected one more than without the unknown pair"
grep -qF "($logged warnings in $tmp/unknown/run.log)" "$tmp/err" ||
    no "the run's warning total is not run.log's $logged: $(tail -1 "$tmp/err")"
exit $fail
