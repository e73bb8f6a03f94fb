#!/bin/sh
# test_generators.sh — tests of the dataset generators, run by CTest.
#   test_generators.sh jilin GEN_JILIN DATASET_DIR
#   test_generators.sh panel GEN_PANEL
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

lines() { wc -l < "$1" | tr -d ' '; }

case ${1:-} in
jilin)
    gen=$2 dir=$3
    "$gen" -o "$tmp/a.csv"
    "$gen" -o "$tmp/b.csv"
    cmp "$tmp/a.csv" "$tmp/b.csv" || fail "gen_jilin is not deterministic"
    cmp "$tmp/a.csv" "$dir/values.csv" ||
        fail "datasets/jilin/values.csv is not gen_jilin's output (run tools/regen_jilin.sh)"
    "$gen" --seed 14 -o "$tmp/c.csv"
    cmp -s "$tmp/a.csv" "$tmp/c.csv" && fail "--seed has no effect"
    # the strata of groups of people: deterministic, the bundled file, and
    # values.csv the same with them
    "$gen" -o "$tmp/d.csv" --groups "$tmp/g1.csv"
    "$gen" -o "$tmp/e.csv" --groups "$tmp/g2.csv"
    cmp "$tmp/g1.csv" "$tmp/g2.csv" || fail "gen_jilin --groups is not deterministic"
    cmp "$tmp/a.csv" "$tmp/d.csv" || fail "values.csv changes with --groups"
    cmp "$tmp/g1.csv" "$dir/groups.csv" ||
        fail "datasets/jilin/groups.csv is not gen_jilin's output (run tools/regen_jilin.sh)"
    # 60 regions x 6 years x (5 group strata + 3 size rows) + header; every
    # stratum is declared in strata.csv
    [ "$(lines "$tmp/g1.csv")" -eq $((60 * 6 * 8 + 1)) ] ||
        fail "gen_jilin --groups wrote $(lines "$tmp/g1.csv") lines"
    tail -n +2 "$tmp/g1.csv" | cut -d, -f4 | sort -u > "$tmp/s1"
    tail -n +2 "$dir/strata.csv" | cut -d, -f1 | sort > "$tmp/s2"
    [ -z "$(comm -23 "$tmp/s1" "$tmp/s2")" ] || fail "a group stratum not in strata.csv"
    awk -F, 'FNR > 1 && $3 !~ /^pop_/ && ($5 < 0 || $5 > 100) { bad++ } END { exit bad > 0 }' \
        "$tmp/g1.csv" || fail "a group rate outside 0..100"
    # 60 regions x 6 years x (19 indicators with 3 strata + 21 without
    # + 3 population indicators with 3 strata + 2 without) + header
    [ "$(lines "$tmp/a.csv")" -eq $((60 * 6 * (19 * 3 + 21 + 3 * 3 + 2) + 1)) ] ||
        fail "gen_jilin wrote $(lines "$tmp/a.csv") lines"
    # every region of regions.csv and every county-scope indicator of
    # indicators.csv appears, and nothing else
    tail -n +2 "$dir/regions.csv" | cut -d, -f1 | sort > "$tmp/r1"
    tail -n +2 "$tmp/a.csv" | cut -d, -f1 | sort -u > "$tmp/r2"
    cmp "$tmp/r1" "$tmp/r2" || fail "regions differ from regions.csv"
    tail -n +2 "$dir/indicators.csv" | awk -F, '$8 == "county" { print $1 }' | sort > "$tmp/i1"
    tail -n +2 "$tmp/a.csv" | cut -d, -f3 | sort -u > "$tmp/i2"
    cmp "$tmp/i1" "$tmp/i2" || fail "indicators differ from the county-scope ones of indicators.csv"
    # rates stay in 0..100
    awk -F, 'NR == FNR { if ($5 == "%") pct[$1] = 1; next }
             FNR > 1 && ($3 in pct) && $5 ~ /^[0-9.]+$/ && ($5 < 0 || $5 > 100) { bad++ }
             END { exit bad > 0 }' "$dir/indicators.csv" "$tmp/a.csv" || fail "a rate outside 0..100"
    ;;
panel)
    gen=$2
    "$gen" --regions 50 --groups 7 --indicators 12 --years 4 -o "$tmp/long.csv"
    [ "$(head -1 "$tmp/long.csv")" = "region_code,year,indicator,stratum,value,population,group" ] ||
        fail "long header"
    [ "$(lines "$tmp/long.csv")" -eq $((50 * 12 * 4 + 1)) ] || fail "long size"
    "$gen" --regions 50 --groups 7 --indicators 12 --years 4 --strata -o "$tmp/ls.csv"
    [ "$(lines "$tmp/ls.csv")" -eq $((50 * 12 * 4 * 3 + 1)) ] || fail "long size with strata"
    # the total rows do not depend on --strata
    grep ',total,' "$tmp/ls.csv" > "$tmp/t1"
    grep ',total,' "$tmp/long.csv" > "$tmp/t2"
    cmp "$tmp/t1" "$tmp/t2" || fail "total rows change with --strata"
    "$gen" --regions 50 --groups 7 --indicators 12 --years 4 --strata --layout wide -o "$tmp/w.csv"
    [ "$(lines "$tmp/w.csv")" -eq $((50 * 4 * 3 + 1)) ] || fail "wide size"
    [ "$(head -1 "$tmp/w.csv" | awk -F, '{ print NF }')" -eq $((5 + 12)) ] || fail "wide columns"
    [ "$(cut -d, -f4 "$tmp/w.csv" | tail -n +2 | sort -u | wc -l | tr -d ' ')" -eq 7 ] ||
        fail "not 7 groups"
    # wide and long hold the same numbers
    awk -F, 'NR == FNR { if (FNR == 1) { for (i = 6; i <= NF; i++) name[i] = $i; next }
                         for (i = 6; i <= NF; i++) v[$1 "," $2 "," name[i] "," $3] = $i; next }
             FNR > 1 { n++; if (v[$1 "," $2 "," $3 "," $4] != $5) bad++ }
             END { exit (bad > 0 || n != 50 * 12 * 4 * 3) }' "$tmp/w.csv" "$tmp/ls.csv" ||
        fail "wide and long layouts disagree"
    "$gen" --regions 50 --groups 7 --indicators 12 --years 4 --strata -o "$tmp/ls2.csv"
    cmp "$tmp/ls.csv" "$tmp/ls2.csv" || fail "gen_panel is not deterministic"
    "$gen" --regions 50 --groups 7 --indicators 12 --years 4 --strata --seed 2 -o "$tmp/ls3.csv"
    cmp -s "$tmp/ls.csv" "$tmp/ls3.csv" && fail "--seed has no effect"
    "$gen" --regions 50 --groups 7 --indicators 12 --years 4 --strata --missing 0.1 -o "$tmp/m.csv"
    awk -F, 'FNR > 1 && $5 == "" { m++ } END { exit !(m > 600 && m < 840) }' "$tmp/m.csv" ||
        fail "--missing 0.1 should leave about 720 of 7200 values empty"
    if "$gen" --regions 5 --groups 6 > /dev/null 2>&1; then fail "more groups than regions accepted"; fi
    if "$gen" --layout tall > /dev/null 2>&1; then fail "bad layout accepted"; fi
    ;;
*)
    echo "usage: test_generators.sh jilin GEN_JILIN DATASET_DIR | panel GEN_PANEL" >&2
    exit 64
    ;;
esac
echo ok
