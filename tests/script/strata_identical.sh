#!/usr/bin/env bash
# A strata catalog changes nothing for data of total, urban and rural only:
# indices, urban-rural (areas and counties), decompose by stratum and
# validate give byte-identical outputs with and without --strata (issue 20).
set -u
bin=$1
jilin=../../datasets/jilin
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
# The bundled panel without its group strata.
awk -F, 'NR == 1 || $4 == "total" || $4 == "urban" || $4 == "rural"' "$jilin/values.csv" \
    > "$tmp/values.csv"
cat > "$tmp/strata.csv" <<'CSV'
code,name_zh,name_en,dimension,whole
total,合计,Total,,yes
urban,城镇,Urban,area,
rural,农村,Rural,area,
elderly,65岁及以上老年人,The elderly,group,
disabled,残疾人,People with disabilities,group,
CSV
cat_opts=(--data "$tmp/values.csv" --regions "$jilin/regions.csv"
          --indicators "$jilin/indicators.csv")
same() { # name command args...
    local name=$1; shift
    "$bin" "$@" "${cat_opts[@]}" > "$tmp/$name.plain" 2> "$tmp/$name.plain.err"
    local c1=$?
    "$bin" "$@" "${cat_opts[@]}" --strata "$tmp/strata.csv" > "$tmp/$name.cat" \
        2> "$tmp/$name.cat.err"
    local c2=$?
    if [ "$c1" != 0 ] || [ "$c2" != 0 ]; then
        echo "FAIL: $name exited $c1 / $c2"; cat "$tmp/$name.cat.err"; fail=1
    elif [ ! -s "$tmp/$name.plain" ]; then
        echo "FAIL: $name wrote nothing"; fail=1
    elif ! cmp -s "$tmp/$name.plain" "$tmp/$name.cat" ||
         ! cmp -s "$tmp/$name.plain.err" "$tmp/$name.cat.err"; then
        echo "FAIL: $name differs with the catalog"
        diff "$tmp/$name.plain" "$tmp/$name.cat" | head; fail=1
    else
        echo "ok: $name"
    fi
}
same indices indices --year 2020
same urban_rural urban-rural
same decompose decompose --by stratum
same rank rank --year 2020
same validate validate
# The county table goes to a file: compare it too.
"$bin" urban-rural "${cat_opts[@]}" --counties "$tmp/c1.csv" > /dev/null 2>&1
"$bin" urban-rural "${cat_opts[@]}" --strata "$tmp/strata.csv" --counties "$tmp/c2.csv" \
    > /dev/null 2>&1
if [ ! -s "$tmp/c1.csv" ] || ! cmp -s "$tmp/c1.csv" "$tmp/c2.csv"; then
    echo "FAIL: urban-rural county tables differ"; fail=1
else
    echo "ok: urban-rural counties"
fi
exit $fail
