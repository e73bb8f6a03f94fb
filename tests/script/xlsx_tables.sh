#!/usr/bin/env bash
# tables/tables.xlsx opens and holds the CSVs: read back with python3's
# zipfile and XML (skip without python3): one sheet per CSV table, a header
# row in the report language over the machine names, both frozen, names
# beside codes, every number cell equal to its CSV cell (to the 15
# significant digits Excel keeps; the CSVs keep 17) and shown with the
# decimals of jh_format_human, no formula anywhere.  And --bom: a UTF-8 BOM
# before each CSV, the workbook unchanged by it.
set -u
bin=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
command -v python3 >/dev/null || { echo "skip: python3 not found"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1767225600
# Without decompositions (85,000 rows of decompose-prefecture) to keep it short.
run() { "$bin" run "$top/datasets/jilin/run.ini" --set charts.kinds=none --set analysis.group_by= \
        -q "$@" 2>"$tmp/err" ||
        { cat "$tmp/err"; exit 1; }; }
run -o "$tmp/en" --set output.lang=en
run -o "$tmp/bom" --set output.lang=en --bom
run -o "$tmp/zh"
fail=0
for f in "$tmp"/bom/tables/*.csv; do
    [ "$(head -c 3 "$f" | od -An -tx1 | tr -d ' ')" = efbbbf ] || { echo "FAIL: no BOM in ${f##*/}"; fail=1; }
done
[ "$(head -c 3 "$tmp/en/tables/indices.csv")" = ind ] || { echo "FAIL: a BOM without --bom"; fail=1; }
cmp -s "$tmp/en/tables/tables.xlsx" "$tmp/bom/tables/tables.xlsx" ||
    { echo "FAIL: the BOM changed the workbook (or two runs differ)"; fail=1; }
python3 - "$tmp" "$top/datasets/jilin" <<'PY' || fail=1
import csv, glob, os, re, sys, zipfile
import xml.etree.ElementTree as ET
tmp, data = sys.argv[1], sys.argv[2]
ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
fail = 0
def bad(msg):
    global fail
    print("FAIL:", msg); fail = 1
def col_index(ref):
    n = 0
    for ch in re.match(r"[A-Z]+", ref).group(0):
        n = n * 26 + ord(ch) - 64
    return n - 1
def workbook(path):
    z = zipfile.ZipFile(path)
    assert z.testzip() is None
    # Written in constant-memory mode, text is inline (t="inlineStr");
    # shared strings are read too, should a workbook hold them.
    shared = z.read("xl/sharedStrings.xml") if "xl/sharedStrings.xml" in z.namelist() else None
    strings = [ "".join(t.itertext()) for t in ET.fromstring(shared).findall("m:si", ns)] if shared else []
    styles = ET.fromstring(z.read("xl/styles.xml"))
    fmts = {int(f.get("numFmtId")): f.get("formatCode") for f in styles.iter("{%s}numFmt" % ns["m"])}
    xfs = [int(x.get("numFmtId")) for x in styles.find("m:cellXfs", ns)]
    rels = {r.get("Id"): r.get("Target") for r in ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))}
    sheets = {}
    for s in ET.fromstring(z.read("xl/workbook.xml")).find("m:sheets", ns):
        x = z.read("xl/" + rels[s.get(R)]).decode()
        root = ET.fromstring(x)
        rows = []
        for row in root.find("m:sheetData", ns):
            cells = {}
            for c in row:
                v = c.find("m:v", ns)
                if c.find("m:f", ns) is not None:
                    bad(f"{s.get('name')}: a formula in {c.get('r')}")
                if c.get("t") == "inlineStr":
                    val = "".join(c.find("m:is", ns).itertext())
                else:
                    val = None if v is None else (strings[int(v.text)] if c.get("t") == "s" else float(v.text))
                fmt = fmts.get(xfs[int(c.get("s", 0))], "General")
                cells[col_index(c.get("r"))] = (val, fmt)
            rows.append([cells.get(i, (None, None)) for i in range(max(cells) + 1)] if cells else [])
        sheets[s.get("name")] = (rows, x)
    return sheets
ind = {r["code"]: r for r in csv.DictReader(open(f"{data}/indicators.csv", encoding="utf-8"))}
for lang, word in (("en", "Indicator"), ("zh", "指标")):
    out = f"{tmp}/{lang}"
    sheets = workbook(f"{out}/tables/tables.xlsx")
    tables = sorted(os.path.basename(p)[:-4] for p in glob.glob(f"{out}/tables/*.csv"))
    if sorted(sheets) != tables:
        bad(f"{lang}: sheets {sorted(sheets)} != tables {tables}")
    checked = 0
    for name in tables:
        rows, xml = sheets[name]
        if 'ySplit="2"' not in xml or 'state="frozen"' not in xml:
            bad(f"{lang}/{name}: header rows not frozen")
        machine = [v for v, _ in rows[1]]
        with open(f"{out}/tables/{name}.csv", encoding="utf-8-sig") as f:
            table = list(csv.reader(f))
        head = table[0]
        if [m for m in machine if m in head] != head:
            bad(f"{lang}/{name}: second header row {machine} lacks {head}")
        if "indicator" in head and machine[machine.index("indicator") + 1] != "indicator_name":
            bad(f"{lang}/{name}: no indicator name beside the code")
        if "indicator" in head and rows[0][machine.index("indicator") + 1][0] != word:
            bad(f"{lang}/{name}: header {rows[0][machine.index('indicator') + 1][0]} is not {word}")
        if len(rows) - 2 != len(table) - 1:
            bad(f"{lang}/{name}: {len(rows) - 2} rows, the CSV has {len(table) - 1}")
        # A sample: every 97th row, every column.
        for i in range(1, len(table), 97):
            got = rows[i + 1]
            for j, col in enumerate(head):
                want, (v, fmt) = table[i][j], got[machine.index(col)]
                try:
                    w = float(want)
                    ok = isinstance(v, float) and abs(v - w) <= 1e-15 * abs(w)
                except ValueError:
                    ok = v == want or (want == "" and v is None)
                if not ok:
                    bad(f"{lang}/{name} row {i} {col}: workbook {v!r}, CSV {want!r}")
                checked += 1
            if "indicator_name" in machine:
                code = table[i][head.index("indicator")]
                nm = got[machine.index("indicator_name")][0]
                if code in ind and nm != ind[code]["name_" + lang]:
                    bad(f"{lang}/{name} row {i}: name {nm!r} beside {code}")
    # Number formats by unit: income (元) whole, a rate one decimal.
    rows, _ = sheets["urban-rural"]
    machine = [v for v, _ in rows[1]]
    seen = {}
    for r in rows[2:]:
        seen[r[machine.index("indicator")][0]] = r[machine.index("urban_mean")][1]
    if seen.get("disposable_income") != "0" or seen.get("pension_coverage") != "0.0":
        bad(f"{lang}: urban_mean formats {seen.get('disposable_income')}, {seen.get('pension_coverage')}")
    print(f"{lang}: {len(sheets)} sheets, {checked} cells equal to the CSVs")
sys.exit(fail)
PY
exit $fail
