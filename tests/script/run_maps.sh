#!/usr/bin/env bash
# The annual run's maps in the report.  Their captions name the mapped
# indicator by its catalog name in the report's language, and its year:
# the run's headline indicator (rank 1 of tables/rank-indicators.csv in
# the last year), not a code taken from a chart's file name.  Checked on
# the bundled tile map in Chinese and English.  With the real Amap
# boundaries (present beside the checkout or in $JUNHENG_SHARED_DATA), the
# spatial step derives the neighbour pairs once: it writes
# tables/neighbors.csv (the output of `junheng neighbors`), the LISA map
# step reads that list instead of deriving the pairs again, and the LISA
# map's caption gives Moran's I of tables/spatial.csv.  Skipped (77)
# without gnuplot.
set -u
bin=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
command -v gnuplot >/dev/null || { echo "skipped: no gnuplot"; exit 77; }
command -v python3 >/dev/null || { echo "skipped: python3 not found"; exit 77; }
data=${JUNHENG_SHARED_DATA:-$top/../shared/data}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
ini=$top/datasets/jilin/run.ini
maps=(--set charts.kinds=map,lisa-map --set charts.formats=png -q)

# captions OUT LANG: the report's map captions against the tables and the
# indicator catalog; prints what it found
captions() {
    python3 - "$1" "$2" "$top/datasets/jilin/indicators.csv" <<'PY'
import csv, html, re, sys
out, lang, catalog = sys.argv[1:]
rank = list(csv.DictReader(open(f"{out}/tables/rank-indicators.csv", encoding="utf-8")))
year = max(r["year"] for r in rank)
ind = next(r["indicator"] for r in rank if r["year"] == year and r["rank"] == "1")
name = next(r["name_" + lang] for r in csv.DictReader(open(catalog, encoding="utf-8"))
            if r["code"] == ind)
text = open(f"{out}/report.html", encoding="utf-8").read()
caps = [html.unescape(c) for c in re.findall(r"<figcaption>(?:图 ?|Figure )\d+ (.*?)</figcaption>", text)]
maps = [c for c in caps if c.startswith(("县域分布图", "County map", "局部空间自相关", "LISA"))]
want = f"县域分布图：{name}（{year}年）" if lang == "zh" else f"County map: {name}, {year}"
fail = 0
if not maps or maps[0] != want:
    print(f"FAIL: {lang}: first map caption {maps[:1]}, expected [{want!r}]")
    fail = 1
try:
    spatial = {(r["indicator"], r["year"]): r for r in
               csv.DictReader(open(f"{out}/tables/spatial.csv", encoding="utf-8"))}
except FileNotFoundError:
    spatial = {}
if (ind, year) in spatial:
    moran = float(spatial[ind, year]["moran_i"])
    pre = f"局部空间自相关（LISA）聚类图：{name}（{year}年，Moran's I = " if lang == "zh" \
        else f"LISA cluster map: {name}, {year} (Moran's I = "
    lisa = maps[1] if len(maps) > 1 else ""
    shown = lisa[len(pre):].rstrip("）)")
    if not lisa.startswith(pre) or abs(float(shown) - moran) > 0.5 * 10 ** -len(shown.split(".")[1]):
        print(f"FAIL: {lang}: LISA caption {lisa!r}, expected {pre}{moran:.4g}…")
        fail = 1
elif len(maps) != 1:
    print(f"FAIL: {lang}: {len(maps)} maps without a spatial step, expected 1")
    fail = 1
print(f"{lang}: {' | '.join(maps)}")
sys.exit(fail)
PY
}

"$bin" run "$ini" "${maps[@]}" -o "$tmp/zh" 2>"$tmp/err" || { cat "$tmp/err"; exit 1; }
captions "$tmp/zh" zh || fail=1
"$bin" run "$ini" "${maps[@]}" --set output.lang=en -o "$tmp/en" 2>"$tmp/err" ||
    { cat "$tmp/err"; exit 1; }
captions "$tmp/en" en || fail=1
[ ! -e "$tmp/zh/tables/neighbors.csv" ] || { echo "FAIL: neighbors.csv without boundaries"; fail=1; }

real=$data/boundaries_amap_garybikini/jilin_counties.geojson
if [ ! -r "$real" ]; then
    echo "note: $real not present; the run on real boundaries not checked"
    exit $fail
fi
"$bin" run "$ini" "${maps[@]}" --set "data.boundaries=$real" -o "$tmp/real" -v 2>"$tmp/err" ||
    { cat "$tmp/err"; exit 1; }
captions "$tmp/real" zh || fail=1
"$bin" neighbors --boundaries "$real" -o "$tmp/nb.csv"
cmp -s "$tmp/nb.csv" "$tmp/real/tables/neighbors.csv" ||
    { echo "FAIL: tables/neighbors.csv is not the output of junheng neighbors"; fail=1; }
# The LISA map step: the boundaries to draw and the spatial step's list.
grep -q "^junheng: run: charts: lisa-map: boundaries $real, neighbors .*/tables/neighbors.csv" \
    "$tmp/err" || { echo "FAIL: the LISA map step does not read tables/neighbors.csv"
                    grep 'lisa-map' "$tmp/err"; fail=1; }
exit $fail
