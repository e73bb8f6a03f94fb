#!/usr/bin/env bash
# The commonest shape of data: one year, an indicator catalog without plan
# targets (tests/script/oneyear, derived from datasets/jilin 2020).  The run
# produces everything one year allows and the report names the steps left
# out and why.
set -u
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
"$bin" run "$here/oneyear/run.ini" -o "$work/out" -q 2>"$work/err"
code=$?
[ "$code" = 0 ] || { echo "FAIL: exit $code"; cat "$work/err"; exit 1; }
for t in indices.csv indices-wide.csv decompose-prefecture.csv urban-rural.csv \
         rank-indicators.csv rank-counties.csv validate.txt; do
    [ -s "$work/out/tables/$t" ] || { echo "FAIL: no tables/$t"; fail=1; }
done
for t in targets.csv converge.csv; do
    [ -e "$work/out/tables/$t" ] && { echo "FAIL: tables/$t written"; fail=1; }
done
r=$work/out/report.html
for line in '<h3 id=skipped>Steps left out</h3>' \
    '<li>targets: no indicator of the catalog has a target kind, a target and a baseline year</li>' \
    '<li>converge: convergence needs two years at least; the data have one</li>'; do
    grep -qxF "$line" "$r" || { echo "FAIL: report lacks: $line"; fail=1; }
done
# The summary ranks by the configured index over the one year.
grep -qF 'Population-weighted Gini coefficient: smaller is more equal. The data have one year, so there is no change column.' "$r" ||
    { echo "FAIL: summary line"; grep -F '<code>' "$r"; fail=1; }
grep -qF 'Change since' "$r" && { echo "FAIL: a change column with one year"; fail=1; }
# Each section without something to say says why in one sentence.
grep -qxF '<p>Whether gaps close needs two years at least; the data have one.</p>' "$r" ||
    { echo "FAIL: no sentence for the convergence section"; fail=1; }
# The same in Chinese.
"$bin" run "$here/oneyear/run.ini" -o "$work/zh" -q --set output.lang=zh 2>/dev/null &&
    grep -qxF '<li>converge: 收敛分析需要至少两个年份，数据只有一年</li>' "$work/zh/report.html" ||
    { echo "FAIL: Chinese report"; fail=1; }
exit $fail
