#!/usr/bin/env bash
# Dagum pair rows with many groups (issue 18: the census county table by
# prefecture, 338 groups, did not finish).  k groups give k(k-1)/2 pairs;
# --pairs auto (default) lists them only when a slice has at most 40 groups.
# Properties checked: the count of pair rows under auto at 40 and 41
# groups, none and all at 340 groups (340*339/2 = 57,630 pairs, times gini
# and gini_w = 115,260 rows), and that the 340-group run, pairs listed,
# stays within a generous CPU bound (ulimit -t, CPU seconds, not a timing).
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# G groups of two counties; codes never end in 00 (a prefecture's code).
make_data() {
    awk -v G="$1" 'BEGIN { print "region_code,year,group,population,x"
        for (g = 1; g <= G; g++) for (k = 1; k <= 2; k++) { i = 2 * g + k
            printf "%d,2020,g%03d,%d,%d\n", 100000 + 100 * g + k, g, 1000 + i, 1 + (i * 7) % 13 } }'
}
pairs() { # G, then decompose options; prints the number of pair rows
    local g=$1; shift
    make_data "$g" > "$tmp/d$g.csv"
    ( ulimit -t 60; "$bin" decompose --data "$tmp/d$g.csv" --by group --method gini "$@" \
        > "$tmp/out.csv" 2> "$tmp/err" ) ||
        { echo "FAIL: decompose with $g groups $* exited $?" >&2; cat "$tmp/err" >&2; echo x; return; }
    awk -F, '$5 == "pair"' "$tmp/out.csv" | wc -l
}
fail=0
check() { # what, want, got
    if [ "$2" != "$3" ]; then echo "FAIL: $1: $3 pair rows (expected $2)"; fail=1; fi
}
check "40 groups, auto" 1560 "$(pairs 40)"       # 40*39/2 = 780, x 2
check "41 groups, auto" 0 "$(pairs 41)"
grep -q 'pair rows left out where a slice has more than 40 groups (up to 41 groups, 820 pairs)' \
    "$tmp/err" || { echo "FAIL: no warning at 41 groups"; cat "$tmp/err"; fail=1; }
check "41 groups, all" 1640 "$(pairs 41 --pairs all)"   # 41*40/2 = 820, x 2
check "340 groups, none" 0 "$(pairs 340 --pairs none)"
check "340 groups, all" 115260 "$(pairs 340 --pairs all)"
# The totals stay whatever happens to the pair rows.
check "340 groups, net_between rows" 2 "$(awk -F, '$5 == "net_between"' "$tmp/out.csv" | wc -l)"
[ "$fail" = 0 ] && echo ok
exit "$fail"
