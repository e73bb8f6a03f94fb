#!/usr/bin/env bash
# Issue 13, aggregate rows, on real data: the 6th census county table of
# Jilin (shared/data/census_county_2010_2020_leiii, Dong, Du & Liu 2022,
# MIT) has the province row 220000, 9 prefecture rows and 60 county-level
# rows.  Its total population column 合计 adds up to the published provincial
# total 27,452,815 at every level (checked with awk), so the mean read at a
# level is 27452815 / n: county 60 -> 457546.91666666669, prefecture 9 ->
# 3050312.777777778, province 1 -> 27452815.  Averaged in with the totals
# (--region-level all) it would be 3 x 27452815 / 70 = 1176549.2142857143.
# Runs only where the shared data are present (beside the checkout, or
# $JUNHENG_SHARED_DATA); skipped (77) otherwise.
set -u
bin=$1
data=${JUNHENG_SHARED_DATA:-../../../shared/data}
csv=$data/census_county_2010_2020_leiii/jilin_census_2010.csv
if [ ! -r "$csv" ]; then
    echo "skipped: $csv not present"
    exit 77
fi
fail=0
check() { # check LEVEL N MEAN WARNING
    local out err
    out=$("$bin" indices --data "$csv" --year 2010 --indicators-only 合计 --no-weight \
          --region-level "$1" 2>"$tmp")
    err=$(sed "s|$csv|FILE|" "$tmp")
    local row
    row=$(grep -E '^合计,2010,total,(n|mean),' <<<"$out" | cut -d, -f5 | paste -sd,)
    [ "$row" = "$2,$3" ] || { echo "FAIL: $1: n,mean = $row, expected $2,$3"; fail=1; }
    [ "$err" = "$4" ] || { printf 'FAIL: %s: stderr\n%s\nexpected\n%s\n' "$1" "$err" "$4"; fail=1; }
}
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
tail="; --region-level chooses the level analysed"
check county 60 457546.91666666669 \
    "junheng: warning: FILE: left out 10 rows that are not county-level (1 province, 9 prefecture; lines 2, 3, 14, 24, 31, ...)$tail"
check prefecture 9 3050312.777777778 \
    "junheng: warning: FILE: left out 61 rows that are not prefecture-level (1 province, 60 county; lines 2, 4, 5, 6, 7, ...)$tail"
check province 1 27452815 \
    "junheng: warning: FILE: left out 69 rows that are not province-level (9 prefecture, 60 county; lines 3, 4, 5, 6, 7, ...)$tail"
check all 70 1176549.2142857143 ""
exit $fail
