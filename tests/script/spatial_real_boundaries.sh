#!/usr/bin/env bash
# Issue 19 on real boundaries: the 60 Jilin counties of
# shared/data/boundaries_amap_garybikini (Amap 2020, MIT; a simplified
# GeoJSON and the original shapefile) and boundaries_datav_geomapdata_cn
# (DataV 2020, each county simplified separately, so neighbours share
# almost no vertex).  Their PROVENANCE.md gives a cross-checked neighbour
# list of 142 pairs (139 rook, 3 queen; jilin_adjacency.csv, identical in
# both folders, derived with a 50 m tolerance and a 0.5 km rook border);
# `junheng neighbors` must give exactly that list from all three files, and
# `junheng spatial` must give the same numbers from --boundaries as from
# the list.  Runs only where the shared data are present (beside the
# checkout, or $JUNHENG_SHARED_DATA); skipped (77) otherwise.
set -u
bin=$1
data=${JUNHENG_SHARED_DATA:-../../../shared/data}
amap=$data/boundaries_amap_garybikini
datav=$data/boundaries_datav_geomapdata_cn
if [ ! -r "$amap/jilin_adjacency.csv" ] || [ ! -r "$datav/jilin_counties.geojson" ]; then
    echo "skipped: $amap or $datav not present"
    exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
cmp -s "$amap/jilin_adjacency.csv" "$datav/jilin_adjacency.csv" ||
    { echo "FAIL: the two reference lists differ"; fail=1; }
for f in "$amap/jilin_counties.geojson" "$amap/original/jilin_districts_amap_2020-06.shp" \
         "$datav/jilin_counties.geojson"; do
    if ! "$bin" neighbors --boundaries "$f" -o "$tmp/nb.csv" 2>"$tmp/err"; then
        echo "FAIL: neighbors $f"; cat "$tmp/err"; fail=1; continue
    fi
    [ -s "$tmp/err" ] && { echo "FAIL: $f: unexpected stderr"; cat "$tmp/err"; fail=1; }
    if ! cut -d, -f1-3 "$tmp/nb.csv" | diff -q - "$amap/jilin_adjacency.csv" >/dev/null; then
        echo "FAIL: $f: not the 142 cross-checked pairs"
        cut -d, -f1-3 "$tmp/nb.csv" | diff - "$amap/jilin_adjacency.csv" | head; fail=1
    fi
    # rook only: the 139 rook rows
    n=$("$bin" neighbors --boundaries "$f" --contiguity rook | tail -n +2 | wc -l)
    [ "$n" = 139 ] || { echo "FAIL: $f: $n rook pairs, expected 139"; fail=1; }
done
# Shared border lengths from the unsimplified shapefile agree with the
# reference's (shapely on the same file) within 1.5 %.
"$bin" neighbors --boundaries "$amap/original/jilin_districts_amap_2020-06.shp" >"$tmp/shp.csv"
worst=$(join -t, <(tail -n +2 "$tmp/shp.csv" | awk -F, '{print $1"-"$2","$4}' | sort) \
             <(tail -n +2 "$amap/jilin_adjacency_detail.csv" | awk -F, '{print $1"-"$2","$4}' | sort) |
        awk -F, '$3 > 1 { r = ($2 - $3) / $3; if (r < 0) r = -r; if (r > m) m = r } END { printf "%.4f", m }')
awk -v w="$worst" 'BEGIN { exit !(w < 0.015) }' ||
    { echo "FAIL: shared_km differs from the reference by $worst (relative)"; fail=1; }
# spatial: --boundaries gives the numbers of --neighbors on the same pairs.
top=$(cd ../.. && pwd)
args=(spatial --data "$top/datasets/jilin/values.csv" --from 2020 --permutations 99)
"$bin" "${args[@]}" --neighbors "$amap/jilin_adjacency.csv" >"$tmp/a.csv" 2>/dev/null
"$bin" "${args[@]}" --boundaries "$datav/jilin_counties.geojson" >"$tmp/b.csv" 2>/dev/null
cmp -s "$tmp/a.csv" "$tmp/b.csv" || { echo "FAIL: spatial differs between the sources"; fail=1; }
[ "$(wc -l <"$tmp/a.csv")" -gt 10 ] || { echo "FAIL: spatial wrote too little"; fail=1; }
exit $fail
