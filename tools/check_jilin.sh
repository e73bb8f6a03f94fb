#!/bin/sh
# check_jilin.sh — checks the bundled Jilin panel against its catalog:
#   - the header of values.csv;
#   - the calibration: for every county-scope indicator with a numeric
#     baseline in indicators.csv, the weighted provincial mean of the
#     total stratum in the baseline year (weights as the catalog says:
#     the population column, none, or another indicator such as
#     pop_elderly) equals the baseline within 0.1; a bound such as >98
#     must hold and be within 0.1 of its number;
#   - the planted blemishes: 6 values "—", 1 value ">99".
# Usage: tools/check_jilin.sh [DATASET_DIR]   (default: datasets/jilin)
# Exit status 0 when every check holds, 1 otherwise.  POSIX awk (mawk).
set -eu
dir=${1:-$(dirname "$0")/../datasets/jilin}
ind=$dir/indicators.csv
val=$dir/values.csv
for f in "$ind" "$val"; do
    [ -r "$f" ] || { echo "check_jilin: cannot read $f" >&2; exit 1; }
done

awk -F, '
function isnum(s) { return s ~ /^-?[0-9]+(\.[0-9]+)?$/ }
FNR == 1 { file++ }
file == 1 && FNR == 1 {
    if ($0 != "code,name_zh,name_en,domain,unit,direction,weight,scope,baseline_year,baseline,target_year,target,target_kind,numerator,denominator,scale,note,unit_en,kind,group_size") {
        print "indicators.csv: unexpected header"; bad = 1
    }
    next
}
file == 1 {
    n_ind++; code[n_ind] = $1; weight[$1] = $7; scope[$1] = $8
    byear[$1] = $9; base[$1] = $10
    if ($7 != "population" && $7 != "none") isweight[$7] = 1
    next
}
file == 2 && FNR == 1 {
    if ($0 != "region_code,year,indicator,stratum,value,population") {
        print "values.csv: unexpected header"; bad = 1
    }
    next
}
file == 2 {
    if ($5 == "—") n_missing++
    else if ($5 == ">99") n_censored++
    if ($3 in isweight) W[$3 SUBSEP $1 SUBSEP $2 SUBSEP $4] = $5
    rows++
    next
}
file == 3 && FNR > 1 && $4 == "total" && isnum($5) {
    c = $3
    if (!(c in scope) || scope[c] != "county" || $2 != byear[c]) next
    b = base[c]; sub(/^(>|≥)/, "", b)
    if (!isnum(b)) next
    if (weight[c] == "population") w = $6
    else if (weight[c] == "none") w = 1
    else w = W[weight[c] SUBSEP $1 SUBSEP $2 SUBSEP $4]
    sw[c] += w; swx[c] += w * $5; n[c]++
}
END {
    printf "%-34s %-14s %8s %10s %8s %3s\n", "indicator", "weight", "baseline", "mean", "diff", "n"
    for (i = 1; i <= n_ind; i++) {
        c = code[i]
        if (!(c in sw)) continue
        b = base[c]; bound = (b ~ /^(>|≥)/); sub(/^(>|≥)/, "", b)
        m = swx[c] / sw[c]; d = m - b
        ok = bound ? (d > 0 && d <= 0.1) : (d >= -0.1 && d <= 0.1)
        printf "%-34s %-14s %8s %10.4f %+8.4f %3d %s\n", c, weight[c], base[c], m, d, n[c], ok ? "ok" : "FAIL"
        if (!ok) bad = 1
        checked++
    }
    printf "%d indicators checked; %d data rows; %d missing (—); %d censored (>99)\n", checked, rows, n_missing, n_censored
    if (checked == 0) { print "nothing to check"; bad = 1 }
    if (n_missing != 6) { print "expected 6 missing values"; bad = 1 }
    if (n_censored != 1) { print "expected 1 censored value"; bad = 1 }
    exit bad
}' "$ind" "$val" "$val"
