#!/usr/bin/env bash
# Every number report.html prints is the cell of a table the run wrote,
# at the printed precision (jh_format_human rounds; a shown number with d
# decimals is within half a unit of its last decimal of the cell): the
# report reads the steps' result tables and computes nothing of its own.  Runs the bundled Jilin panel
# (charts off) and checks each section against its table; with the hand-made
# pair list of tests/data/run, also the spatial section against
# tables/spatial.csv and tables/lisa.csv.
set -u
bin=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
command -v python3 >/dev/null || { echo "skip: python3 not found"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" run "$top/datasets/jilin/run.ini" --set charts.kinds=none \
    --set "data.neighbors=$top/tests/data/run/neighbors-small.csv" -o "$tmp/out" -q 2>"$tmp/err" ||
    { cat "$tmp/err"; exit 1; }
exec python3 - "$tmp/out" "$top/datasets/jilin" <<'PY'
import csv, html, math, re, sys
out, data = sys.argv[1], sys.argv[2]
def rows(name):
    with open(f"{out}/tables/{name}", encoding="utf-8") as f:
        return list(csv.DictReader(f))
label = {r["code"]: r["name_zh"] for r in csv.DictReader(open(f"{data}/indicators.csv", encoding="utf-8"))}
code = {v: k for k, v in label.items()}
text = open(f"{out}/report.html", encoding="utf-8").read()
# Tables: caption text and rows of cells.
tables = re.findall(r"<table[^>]*><caption>(.*?)</caption>(.*?)</table>", text, re.S)
def section(title):
    return [body for cap, body in tables if title in cap]
def trs(p):
    for tr in re.findall(r"<tr>(.*?)</tr>", p, re.S):
        cells = [html.unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<td[^>]*>(.*?)</td>", tr)]
        if cells:
            yield cells
fail = checked = 0
def same(shown, want, scale=1.0):
    """shown (as printed) is want*scale rounded to the decimals shown."""
    if want in ("", None) or (isinstance(want, float) and math.isnan(want)):
        return shown == "–"
    if shown == "–" or "e" in shown.lower():
        return False
    s = shown.replace(",", "")
    dec = len(s.split(".")[1]) if "." in s else 0
    want = str(want).lstrip("<>≥≤")  # a bound target (">99") shows its number
    return abs(float(s) - float(want) * scale) <= 0.5 * 10 ** -dec * (1 + 1e-9) + 1e-12
def check(what, shown, want, scale=1.0):
    global fail, checked
    checked += 1
    if not same(shown, want, scale):
        print(f"FAIL: {what}: report {shown}, table {want}")
        fail = 1
ix = {(r["indicator"], r["year"]): r["value"] for r in rows("indices.csv")
      if r["stratum"] == "total" and r["index"] == "gini_w"}
ixp = {(r["indicator"], r["year"]): r["value"] for r in rows("indices.csv")
       if r["stratum"] == "total" and r["index"] == "gini"}
years = sorted({y for _, y in ix})
def gini_w(ind, y):  # an indicator the catalog leaves unweighted shows its plain index
    return float(ix.get((ind, y), ixp.get((ind, y))))
# Summary: value, change since the previous and the first year, in
# columns headed with their years.
for title in ("差距最大的指标", "差距最小的指标"):
    for p in section(title):
        heads = re.findall(r"<th>(.*?)</th>", p)
        assert heads[3] == f"较{years[-2]}年变化" and heads[4] == f"较{years[0]}年变化", heads
        for c in trs(p):
            ind, last = code[c[0]], years[-1]
            v, prev, base = (gini_w(ind, y) for y in (last, years[-2], years[0]))
            check(f"summary {ind}", c[2], v)
            check(f"summary {ind} change", c[3], v - prev)
            check(f"summary {ind} change", c[4], v - base)
# Domain tables: the index per year.
for cap, p in tables:
    if "领域各指标" in cap:
        for c in trs(p):
            ind = code[c[0]]
            for shown, y in zip(c[1:], years):
                check(f"domain {ind} {y}", shown, gini_w(ind, y))
ur = {r["indicator"]: r for r in rows("urban-rural.csv")
      if r["year"] == years[-1] and r["level"] == "province" and r["basis"] == "strata"}
for p in section("城乡人口加权均值"):
    for c in trs(p):
        r = ur[code[c[0]]]
        for shown, k in zip(c[2:6], ("urban_mean", "rural_mean", "ratio", "gap")):
            check(f"urban-rural {code[c[0]]} {k}", shown, r[k])
cv = {r["indicator"]: r for r in rows("converge.csv") if r["index"] == "gini_w" and r["stratum"] == "total"}
for p in section("变化趋势"):
    for c in trs(p):
        r = cv[code[c[0]]]
        check(f"converge {code[c[0]]}", c[2], r["pct_change"])
        check(f"converge {code[c[0]]} p", c[3], r["p"])
tg = {r["indicator"]: r for r in rows("targets.csv") if r["year"] == years[-1]}
for p in section("规划目标进展"):
    for c in trs(p):
        r = tg[code[c[0]]]
        check(f"targets {code[c[0]]}", c[2], r["value"])
        check(f"targets {code[c[0]]} target", c[3], r["target"])
        check(f"targets {code[c[0]]} progress", c[4], r["progress"], 100)
        check(f"targets {code[c[0]]} share", c[6], r["share_meeting"], 100)
rk = {r["name"]: r for r in rows("rank-counties.csv") if r["year"] == years[-1]}
for p in section("综合得分最低"):
    for c in trs(p):
        r = rk[c[0]]
        check(f"county {c[0]}", c[2], r["score"])
        check(f"county {c[0]} rank", c[3], r["rank"])
        check(f"county {c[0]} rank change", c[4], r["rank_change"] or None)
# Spatial section: Moran's I, z, p_sim (4 significant digits, as
# jh_format_human JH_NUM_INDEX) and the LISA cluster counts, last year.
sp = {r["indicator"]: r for r in rows("spatial.csv") if r["year"] == years[-1]}
lisa = {}
for r in rows("lisa.csv"):
    if r["year"] == years[-1] and r["cluster"] in ("HH", "LL", "HL", "LH"):
        k = {"HH": 0, "LL": 1}.get(r["cluster"], 2)
        lisa.setdefault(r["indicator"], [0, 0, 0])[k] += 1
spatial = text.split("<h2 id=spatial>")[1].split("<h2")[0]
n_sp = 0
for c in trs(spatial):
    ind = code[c[0]]
    r = sp[ind]
    for j, k in enumerate(("moran_i", "z_rand", "p_sim")):
        check(f"spatial {ind} {k}", c[1 + j], r[k] or None)
    for j, n in enumerate(lisa.get(ind, [0, 0, 0])):
        check(f"spatial {ind} clusters {j}", c[4 + j], n)
    n_sp += 1
if n_sp != len(sp):
    print(f"FAIL: spatial section has {n_sp} rows, spatial.csv {len(sp)} in {years[-1]}"); fail = 1
if checked < 400:  # 497 on the bundled panel
    print(f"FAIL: only {checked} numbers checked"); fail = 1
print(f"{checked} numbers of report.html checked against the tables")
sys.exit(fail)
PY
