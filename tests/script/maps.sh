#!/usr/bin/env bash
# Issue 19, maps: `junheng plot map` on the bundled schematic tile map of
# Jilin (datasets/jilin/tiles.geojson) in PNG, SVG and PDF, and, where the
# shared real boundaries are present ($JUNHENG_SHARED_DATA, else beside the
# checkout), `plot map` and `plot lisa-map` over them.  Each chart must be a
# complete file and nothing else may be left in the folder.  Skipped (77)
# without gnuplot.
set -u
bin=$1
command -v gnuplot >/dev/null || { echo "skipped: no gnuplot"; exit 77; }
top=$(cd ../.. && pwd)
data=${JUNHENG_SHARED_DATA:-../../../shared/data}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
in=(--data "$top/datasets/jilin/values.csv" --regions "$top/datasets/jilin/regions.csv"
    --indicators "$top/datasets/jilin/indicators.csv" -i preschool_gross_enrolment)
export JUNHENG_TEMPLATE_DIR=$top/plots
"$bin" plot map "${in[@]}" --tiles "$top/datasets/jilin/tiles.geojson" --names \
    -f png,svg,pdf -o "$tmp/tiles" 2>"$tmp/err" || { echo "FAIL: tile map"; cat "$tmp/err"; fail=1; }
for f in png svg pdf; do
    [ -s "$tmp/tiles/map-preschool_gross_enrolment-2020.$f" ] || { echo "FAIL: no $f"; fail=1; }
done
head -c 8 "$tmp/tiles/map-preschool_gross_enrolment-2020.png" | od -An -tx1 | grep -q '89 50 4e 47' ||
    { echo "FAIL: not a PNG"; fail=1; }
n=$(ls "$tmp/tiles" | wc -l)
[ "$n" = 3 ] || { echo "FAIL: $n files left in the folder, expected the 3 charts"; ls "$tmp/tiles"; fail=1; }
# A tile map says it is schematic (no scale bar): the SVG carries the note.
grep -q '示意图' "$tmp/tiles/map-preschool_gross_enrolment-2020.svg" ||
    { echo "FAIL: the tile map does not say it is schematic"; fail=1; }
# Hostile names (DESIGN.md, Security): county and indicator names with
# backquotes, quotes and a gnuplot system() call reach gnuplot only as data
# and quoted strings: they are drawn as text and nothing runs.
sq() { echo "[[$1,$2],[$1.1,$2],[$1.1,$2.1],[$1,$2.1],[$1,$2]]"; }
printf '{"type":"FeatureCollection","features":[%s,%s]}\n' \
  "{\"type\":\"Feature\",\"properties\":{\"adcode\":1},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[$(sq 125 43)]}}" \
  "{\"type\":\"Feature\",\"properties\":{\"adcode\":2},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[$(sq 126 43)]}}" \
  >"$tmp/h.geojson"
{
    echo 'region_code,year,indicator,value,region_name'
    echo "1,2020,ind\`touch $tmp/pwned0\`,1,\`touch $tmp/pwned1\`"
    echo "2,2020,ind\`touch $tmp/pwned0\`,2,\"'; system(\"\"touch $tmp/pwned2\"\") #\""
} >"$tmp/h.csv"
"$bin" plot map --data "$tmp/h.csv" --boundaries "$tmp/h.geojson" --names -f svg -o "$tmp/h" \
    2>"$tmp/err" || { echo "FAIL: hostile map"; cat "$tmp/err"; fail=1; }
ls "$tmp"/pwned* >/dev/null 2>&1 && { echo "FAIL: a name ran as a command"; fail=1; }
grep -q "touch $tmp/pwned1" "$tmp"/h/map-*.svg || { echo "FAIL: hostile name not drawn as text"; fail=1; }
# The README's map excerpt: every image it links is a PNG in the checkout.
imgs=$(grep -o '!\[[^]]*\]([^)]*\.png)' "$top/README.md" | sed 's/.*(\(.*\))/\1/')
echo "$imgs" | grep -q '/map-' || { echo "FAIL: the README shows no map"; fail=1; }
for i in $imgs; do
    head -c 8 "$top/$i" 2>/dev/null | od -An -tx1 | grep -q '89 50 4e 47' ||
        { echo "FAIL: README image $i is not a PNG in the checkout"; fail=1; }
done
real=$data/boundaries_amap_garybikini/jilin_counties.geojson
if [ -r "$real" ]; then
    for kind in map lisa-map; do
        "$bin" plot $kind "${in[@]}" --boundaries "$real" --classify jenks -o "$tmp/real" \
            2>"$tmp/err" || { echo "FAIL: $kind on real boundaries"; cat "$tmp/err"; fail=1; }
        [ -s "$tmp/real/$kind-preschool_gross_enrolment-2020.png" ] ||
            { echo "FAIL: no $kind PNG"; fail=1; }
    done
    # the scale bar of a projected map: "100 km" for Jilin's ~800 km width
    "$bin" plot map "${in[@]}" --boundaries "$real" -f svg -o "$tmp/real" 2>/dev/null
    grep -q '100 km' "$tmp/real/map-preschool_gross_enrolment-2020.svg" ||
        { echo "FAIL: no 100 km scale bar"; fail=1; }
else
    echo "note: $real not present; real-boundary maps not drawn"
fi
exit $fail
