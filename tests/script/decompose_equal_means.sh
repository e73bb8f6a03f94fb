#!/usr/bin/env bash
# A Dagum pair whose means are exactly equal says "equal" in the groups
# table's `higher` column (issue 13): P1 = {0.1, pop 2.9} and P2 = {0.1,
# pop 1.3} have the mean 0.1, though 2.9*0.1/2.9 and 1.3*0.1/1.3 round to
# either side of it in long double (before, P1 was named the better-off
# group by rounding).  P3 = {0.2, 0.4} is above both.  Data: the CLI case
# decompose_exact_groups.
set -u
bin=$1
data=../cli/cases/decompose_exact_groups
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" decompose --data "$data/in.csv" --regions "$data/regions.csv" --by prefecture \
    --method gini --groups "$tmp/groups.csv" > /dev/null 2> "$tmp/err" ||
    { echo "FAIL: decompose exited $?"; cat "$tmp/err"; exit 1; }
# method,group,higher,...,affluence
got=$(awk -F, '$5 ~ /\|/ {print $4 "," $5 "," $6 "," $13}' "$tmp/groups.csv")
want='gini,P1|P2,equal,0
gini,P1|P3,P3,1
gini,P2|P3,P3,1
gini_w,P1|P2,equal,0
gini_w,P1|P3,P3,1
gini_w,P2|P3,P3,1'
if [ "$got" != "$want" ]; then
    echo "FAIL: pair rows"; diff <(echo "$want") <(echo "$got"); exit 1
fi
echo ok
