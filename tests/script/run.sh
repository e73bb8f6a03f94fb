#!/usr/bin/env bash
# junheng run: the outputs it promises, reproducible tables, configuration
# errors with file and line, bad data stopping the run before anything is
# written, and a killed run leaving the previous results intact.
set -u
bin=$(realpath "$1")
cfg=$(realpath ../data/run)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
fail=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAIL: $1"; fail=1; fi; }

"$bin" run "$cfg/good.ini" -q 2> err1
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
mkdir first && cp -r out/tables first/
"$bin" run "$cfg/good.ini" -q 2>/dev/null
check "second run gives byte-identical tables" 'diff -r first/tables out/tables'
check "second run gives an identical report" 'cmp -s out/report.html out/report.html'

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

# A run killed halfway leaves the previous results as they were.
big=$tmp/big.csv
awk 'BEGIN{print "region_code,year,indicator,value,population";
  for(y=2000;y<2020;y++) for(i=1;i<=60;i++) for(r=1;r<=400;r++)
  printf "r%03d,%d,i%02d,%d,%d\n", r, y, i, 1+(r*7+i*13+y)%97, 1000+r}' > "$big"
printf '[data]\nfiles = %s\n[charts]\nkinds = none\n[analysis]\ngroup_by =\n' "$big" > slow.ini
"$bin" run slow.ini --set output.dir=out -q 2>/dev/null &
pid=$!
for _ in $(seq 1 400); do [ -n "$(ls -d out.tmp-* 2>/dev/null)" ] && break; sleep 0.01; done
kill -KILL $pid 2>/dev/null
wait $pid 2>/dev/null
check "killed run left the previous tables intact" 'diff -r first/tables out/tables'
check "killed run left the previous report intact" '[ -s out/report.html ]'
exit $fail
