#!/usr/bin/env bash
# Every number report.html prints is the cell of a table the run wrote,
# to the printed precision (%.4f): the report reads the steps' result
# tables and computes nothing of its own.  Runs the bundled Jilin panel
# (charts off) and checks each section against its table.
set -u
bin=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
command -v python3 >/dev/null || { echo "skip: python3 not found"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" run "$top/datasets/jilin/run.ini" --set charts.kinds=none -o "$tmp/out" -q 2>"$tmp/err" ||
    { cat "$tmp/err"; exit 1; }
exec python3 - "$tmp/out" "$top/datasets/jilin" <<'PY'
import csv, html, re, sys
out, data = sys.argv[1], sys.argv[2]
def rows(name):
    with open(f"{out}/tables/{name}", encoding="utf-8") as f:
        return list(csv.DictReader(f))
label = {r["code"]: r["name_zh"] for r in csv.DictReader(open(f"{data}/indicators.csv", encoding="utf-8"))}
code = {v: k for k, v in label.items()}
region = {}
for r in csv.DictReader(open(f"{data}/regions.csv", encoding="utf-8")):
    region[r.get("name_zh") or r.get("name")] = r["code"]
text = open(f"{out}/report.html", encoding="utf-8").read()
def fmt(x):
    return "–" if x in ("", None) else "%.4f" % float(x)
# Sections: the text from one <h3> to the next.
parts = [p.split("<h2")[0] for p in re.split(r"<h3>", text)]
def section(title):
    return [p for p in parts if p.startswith(title)]
def trs(p):
    for tr in re.findall(r"<tr>(.*?)</tr>", p, re.S):
        cells = [html.unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<td[^>]*>(.*?)</td>", tr)]
        if cells:
            yield cells
fail = checked = 0
def check(what, shown, want):
    global fail, checked
    checked += 1
    if shown != want:
        print(f"FAIL: {what}: report {shown}, table {want}")
        fail = 1
ix = {(r["indicator"], r["year"]): r["value"] for r in rows("indices.csv")
      if r["stratum"] == "total" and r["index"] == "gini_w"}
ixp = {(r["indicator"], r["year"]): r["value"] for r in rows("indices.csv")
       if r["stratum"] == "total" and r["index"] == "gini"}
years = sorted({y for _, y in ix})
def gini_w(ind, y):  # an indicator the catalog leaves unweighted shows its plain index
    return ix.get((ind, y), ixp.get((ind, y)))
# Summary: value, change since the previous and the first year.
for title in ("差距最大的指标", "差距最小的指标"):
    for p in section(title):
        for c in trs(p):
            ind, last = code[c[0]], years[-1]
            v, prev, base = (float(gini_w(ind, y)) for y in (last, years[-2], years[0]))
            check(f"summary {ind}", c[2:5], [fmt(v), fmt(v - prev), fmt(v - base)])
# Domain tables: the index per year.
for p in parts:
    m = re.match(r"([^<]*)</h3>\n<table><tr><th>指标</th><th>\d{4}", p)
    if m:
        for c in trs(p):
            ind = code[c[0]]
            check(f"domain {ind}", c[1:], [fmt(gini_w(ind, y)) for y in years])
ur = {r["indicator"]: r for r in rows("urban-rural.csv")
      if r["year"] == years[-1] and r["level"] == "province" and r["basis"] == "strata"}
for p in section("城乡差距"):
    for c in trs(p):
        r = ur[code[c[0]]]
        check(f"urban-rural {code[c[0]]}", c[1:5], [fmt(r[k]) for k in ("urban_mean", "rural_mean", "ratio", "gap")])
cv = {r["indicator"]: r for r in rows("converge.csv") if r["index"] == "gini_w" and r["stratum"] == "total"}
for p in section("差距是否在缩小"):
    for c in trs(p):
        r = cv[code[c[0]]]
        check(f"converge {code[c[0]]}", c[2:4], [fmt(r["pct_change"]), fmt(r["p"])])
tg = {r["indicator"]: r for r in rows("targets.csv") if r["year"] == years[-1]}
for p in section("规划目标进展"):
    for c in trs(p):
        r = tg[code[c[0]]]
        check(f"targets {code[c[0]]}", [c[1], c[3], c[5]], [fmt(r["value"]), fmt(r["progress"]), fmt(r["share_meeting"])])
rk = {r["name"]: r for r in rows("rank-counties.csv") if r["year"] == years[-1]}
for p in section("综合得分最低的县"):
    for c in trs(p):
        r = rk[c[0]]
        check(f"county {c[0]}", c[2:5], [fmt(r["score"]), r["rank"], "%+d" % int(r["rank_change"]) if r["rank_change"] else "–"])
if checked < 100:  # 146 on the bundled panel
    print(f"FAIL: only {checked} rows checked"); fail = 1
print(f"{checked} rows of report.html checked against the tables")
sys.exit(fail)
PY
