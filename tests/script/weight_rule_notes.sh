#!/usr/bin/env bash
# The one rule for missing weights (include/junheng/slice.h) is stated in the
# notes table of every command that has one: indices, decompose and
# urban-rural each write the row "...,,no_weight,1,..." for the slice where
# county b has no population (tests/cli/cases/weight_rule_*/ hold the tables
# and the terminal messages).
set -u
bin=$1
data=$(cd "$(dirname "$0")/../cli/cases/weight_rule_urban_rural" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
fail=0
reason='a region has no positive weight; weighted results left empty'
check() { # name, expected line, notes file
    if ! grep -qxF "$2" "$3"; then
        echo "FAIL: $1: no line '$2' in:"; cat "$3"; fail=1
    fi
}
"$bin" indices --data "$data/values.csv" --notes n1.csv -o out1.csv 2>/dev/null
check indices "x,2019,total,,no_weight,1,$reason" n1.csv
check indices "x,2019,urban,,no_weight,1,$reason" n1.csv
"$bin" decompose --data "$data/values.csv" --regions "$data/regions.csv" --by prefecture \
    --method theil_t --notes n2.csv -o out2.csv 2>/dev/null
check decompose "x,2019,total,,no_weight,1,$reason" n2.csv
check decompose "x,2019,urban,,no_weight,1,$reason" n2.csv
[ "$(grep -c no_weight n2.csv)" = 2 ] || { echo "FAIL: decompose: rural 2019 has every weight"; fail=1; }
"$bin" urban-rural --data "$data/values.csv" --regions "$data/regions.csv" --notes n3.csv \
    -o out3.csv 2>/dev/null
check urban-rural "x,2019,urban+rural,,no_weight,1,$reason" n3.csv
exit $fail
