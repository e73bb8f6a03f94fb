#!/usr/bin/env bash
# junheng run: the outputs it promises, reproducible tables, configuration
# errors with file and line, bad data stopping the run before anything is
# written, and a killed run leaving the previous results intact.
set -u
bin=$(realpath "$1")
cfg=$(realpath ../data/run)
jilin=$(realpath ../../datasets/jilin/run.ini)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
fail=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAIL: $1"; fail=1; fi; }

svg=(--set charts.kinds=lorenz,trend --set charts.formats=svg)
# The cover carries the date of the run: one date for both runs.
export SOURCE_DATE_EPOCH=1767225600
"$bin" run "$cfg/good.ini" "${svg[@]}" -q 2> err1
check "good run exits 0" '[ $? = 0 ]'
for f in report.html run.log manifest.json tables/indices.csv tables/indices-wide.csv tables/validate.txt; do
    check "out/$f exists" "[ -s out/$f ]"
done
check "no temporary directory left" '[ -z "$(ls -d out.tmp-* 2>/dev/null)" ]'
check "manifest names the input with its SHA-256" \
    "grep -q \"\$(sha256sum $cfg/../equiv/long.csv | cut -c1-64)\" out/manifest.json"
check "manifest has the output's SHA-256" \
    "grep -q \"\$(sha256sum out/tables/indices.csv | cut -c1-64)\" out/manifest.json"
check "title is HTML-escaped" 'grep -q "&lt;script&gt;alert(1)&lt;/script&gt; report" out/report.html'
check "no script element in the report" '! grep -qi "<script" out/report.html'
# The trend chart measures the configured index (good.ini: index = gini_w).
check "the run drew the charts it was asked for" \
    '[ -s out/charts/lorenz-beds-2019-2020.svg ] && [ -s out/charts/trend-gini_w-other.svg ]'
mkdir first && cp -r out/tables out/charts out/report.html first/
"$bin" run "$cfg/good.ini" "${svg[@]}" -q 2>/dev/null
check "second run gives byte-identical tables" 'diff -r first/tables out/tables'
check "second run gives byte-identical SVG charts" 'diff -r first/charts out/charts'
check "second run gives an identical report" 'cmp -s first/report.html out/report.html'

"$bin" run "$cfg/unknown_key.ini" --set output.dir=never 2> err
code=$?
check "unknown key exits 65" '[ $code = 65 ]'
check "unknown key names file and line" "grep -qF 'unknown_key.ini:3: unknown key '\''colour'\'' in section [data]' err"
"$bin" run "$cfg/bad_value.ini" --set output.dir=never 2> err
code=$?
check "bad value exits 65" '[ $code = 65 ]'
check "bad value names file and line" "grep -qF 'bad_value.ini:4: bad value '\''fr'\'' for output.lang (expected zh|en)' err"
"$bin" run "$cfg/good.ini" --set output.colour=red 2> err
check "--set of an unknown key exits 64" '[ $? = 64 ]'
"$bin" run "$cfg/bad_data.ini" --set output.dir=out 2> err
code=$?
check "bad data exits 65" '[ $code = 65 ]'
check "bad data names file, line and column" "grep -qF 'in.csv:3:4: cannot read \"abc\" as a number' err"
check "bad data left the previous results intact" 'diff -r first/tables out/tables'
check "nothing was written for the bad configurations" '[ ! -e never ] && [ -z "$(ls -d *.tmp-* 2>/dev/null)" ]'

# A run killed during its charts step leaves the previous results as they were.
"$bin" run "$jilin" --set output.dir=out --set charts.kinds=all --set charts.formats=png \
    -q 2>/dev/null &
pid=$!
for _ in $(seq 1 3000); do
    [ -n "$(ls out.tmp-*/charts/ 2>/dev/null | head -1)" ] && break
    sleep 0.01
done
killed_in_charts=$(ls out.tmp-*/charts/ 2>/dev/null | head -1)
kill -KILL $pid 2>/dev/null
wait $pid 2>/dev/null
check "the run was killed during the charts step" '[ -n "$killed_in_charts" ]'
check "killed run left the previous tables intact" 'diff -r first/tables out/tables'
check "killed run left the previous report intact" '[ -s out/report.html ]'
exit $fail
