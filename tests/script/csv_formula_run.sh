#!/usr/bin/env bash
# junheng run and spreadsheet safety (issue 12): an indicator code that looks
# like a formula is written with a leading apostrophe in the run's tables,
# and as it is with [output] raw_text = yes; a bad raw_text is refused.
set -u
bin=$(realpath "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
fail=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAIL: $1"; fail=1; fi; }

cat >values.csv <<'CSV'
region_code,year,indicator,value,population
-1,2019,=1+1,2,100
+2,2019,=1+1,4,200
-1,2020,=1+1,3,100
+2,2020,=1+1,5,200
CSV
printf '[data]\nfiles = values.csv\n[analysis]\ngroup_by =\n[charts]\nkinds = none\n' >run.ini

"$bin" run run.ini -q --set output.dir=safe 2>err
check "run exits 0" '[ $? = 0 ]'
check "indicator code neutralised in indices.csv" "grep -q \"^'=1+1,2019,total,gini,\" safe/tables/indices.csv"
check "no raw formula cell in any table" "! grep -rqE '(^|,)=1\\+1' safe/tables"

"$bin" run run.ini -q --set output.dir=raw --set output.raw_text=yes 2>err
check "raw run exits 0" '[ $? = 0 ]'
check "raw_text = yes writes the code as it is" "grep -q '^=1+1,2019,total,gini,' raw/tables/indices.csv"
check "manifest records raw_text" "grep -q '\"output.raw_text\": \"yes\"' raw/manifest.json"

"$bin" run run.ini -q --set output.raw_text=maybe 2>err
code=$?
check "bad raw_text is a usage error" '[ $code = 64 ]'
check "bad raw_text message" "grep -qF \"bad value 'maybe' for output.raw_text (expected yes or no)\" err"
exit $fail
