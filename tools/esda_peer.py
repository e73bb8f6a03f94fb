#!/usr/bin/python3
"""An independent peer of `junheng spatial` and `junheng neighbors`: the
formulas of PySAL's esda and inequality packages, written out again with
numpy over weights that libpysal builds (Debian's python3-libpysal 4.7.0;
esda itself is not packaged).  Used by tests/script/pysal_peer.sh.

What it follows (read, not copied; the arithmetic is the same, the code is
ours):
  - pysal/esda, esda/moran.py at commit 5c7fce527455852ee315a0c7583a86b44cb837e9:
    Moran.__moments and Moran.__calc (I, EI, VI_norm, VI_rand with the
    kurtosis k, z_norm, z_rand, two-sided p_norm and p_rand),
    Moran_Local.__calc (I_i = (n - 1) z_i lag_i / sum z^2 on z standardised
    by the population sd; the sd cancels) and Moran_Local.__quads
    (1 HH, 2 LH, 3 LL, 4 HL from z > 0 and lag > 0).
  - pysal/inequality, inequality/gini.py at commit
    0660ce12c68365d784b2a8cc8da461eb884b4370: _gini (the rank formula) and
    Gini_Spatial (den = 2 n^2 mean, wg = the sum of |x_i - x_j| over the
    neighbour pairs of w.neighbors in both directions, wcg = G den - wg,
    wcg_share = wcg / den).
Permutation p-values are not computed: they depend on the random generator.

    esda_peer.py stats (--geometry FILE [--key adcode] | --pairs CSV)
        [--contiguity queen|rook] [--transform r|b] --data values.csv
        [--indicators a,b] [--years 2015,2020] -o DIR
      writes DIR/pairs.csv (code_a,code_b of libpysal's weights),
      DIR/global.csv and DIR/local.csv with junheng spatial's column names
    esda_peer.py compare JUNHENG.csv PEER.csv --key c1,c2 --cols c3,c4 [--tol T]
      |a - b| <= T max(1, |b|) for every numeric column (T = 1e-10), equal
      text otherwise; prints the worst difference; exit 1 on a mismatch.
      A quadrant may differ where the peer's standardised z or lag is zero
      within 1e-12: its sign is rounding noise there, esda files it by
      z > 0 and lag > 0, junheng gives no quadrant to an exact zero; such
      rows are counted as "at the mean"

libpysal is imported without its examples module: that module asks a web
site for its list of remote data sets at import time."""
import argparse
import csv
import json
import math
import os
import sys
import types
import warnings

QUAD = {1: "HH", 2: "LH", 3: "LL", 4: "HL"}
# the markers of a missing value that the bundled data use (junheng reads more)
MISSING = {"", "-", "—", "NA", "..."}


def import_libpysal():
    sys.modules.setdefault("libpysal.examples", types.ModuleType("libpysal.examples"))
    warnings.simplefilter("ignore")
    import libpysal  # noqa: F401  (the Debian package, 4.7.0)
    from libpysal import weights
    return libpysal, weights


# ---- weights ---------------------------------------------------------------

def weights_from_geometry(path, key, contiguity):
    libpysal, weights = import_libpysal()
    cls = weights.Queen if contiguity == "queen" else weights.Rook
    if path.endswith(".shp"):
        w = cls.from_shapefile(path, idVariable=key)
    else:
        with open(path, encoding="utf-8") as f:
            fc = json.load(f)
        ids = [str(feat["properties"][key]) for feat in fc["features"]]
        shapes = [libpysal.cg.asShape(feat["geometry"]) for feat in fc["features"]]
        w = cls.from_iterable(shapes, ids=ids)
    # ids as text: the dbf gives strings, GeoJSON numbers
    return weights.W({str(i): [str(j) for j in w.neighbors[i]] for i in w.neighbors},
                     silence_warnings=True)


def weights_from_pairs(path, contiguity):
    _, weights = import_libpysal()
    nb = {}
    with open(path, encoding="utf-8") as f:
        for row in csv.reader(f):
            if not row or not row[0].strip().isdigit():
                continue
            if contiguity == "rook" and len(row) > 2 and row[2] == "queen":
                continue
            a, b = row[0].strip(), row[1].strip()
            nb.setdefault(a, set()).add(b)
            nb.setdefault(b, set()).add(a)
    return weights.W({k: sorted(v) for k, v in nb.items()}, silence_warnings=True)


def pairs_of(w):
    return sorted({tuple(sorted((i, j), key=int)) for i in w.neighbors for j in w.neighbors[i]},
                  key=lambda p: (int(p[0]), int(p[1])))


# ---- data ------------------------------------------------------------------

def read_values(path, indicators, years):
    """{(indicator, year): {code: value}} of the total stratum."""
    out = {}
    with open(path, encoding="utf-8-sig") as f:
        for r in csv.DictReader(f):
            if r.get("stratum", "total") not in ("total", "合计", ""):
                continue
            if indicators and r["indicator"] not in indicators:
                continue
            if years and r["year"] not in years:
                continue
            if r["value"].strip() in MISSING:
                continue
            out.setdefault((r["indicator"], r["year"]), {})[r["region_code"]] = float(r["value"])
    return out


# ---- esda's formulas -------------------------------------------------------

def moran(y, w, np, lag_spatial):
    """esda.Moran: the analytic part."""
    n = len(y)
    z = y - y.mean()
    z2ss = (z * z).sum()
    s0, s1, s2 = w.s0, w.s1, w.s2
    s02 = s0 * s0
    ei = -1.0 / (n - 1)
    v_norm = (n * n * s1 - n * s2 + 3 * s02) / ((n - 1) * (n + 1) * s02) - ei * ei
    k = ((z ** 4).sum() / n) / ((z2ss / n) ** 2)
    a = n * ((n * n - 3 * n + 3) * s1 - n * s2 + 3 * s02)
    b = k * ((n * n - n) * s1 - 2 * n * s2 + 6 * s02)
    v_rand = (a - b) / ((n - 1) * (n - 2) * (n - 3) * s02) - ei * ei
    i = n / s0 * (z * lag_spatial(w, z)).sum() / z2ss
    z_norm = (i - ei) / math.sqrt(v_norm)
    z_rand = (i - ei) / math.sqrt(v_rand)
    return {"moran_i": i, "expected_i": ei, "var_norm": v_norm, "z_norm": z_norm,
            "p_norm": 2 * tail(z_norm), "var_rand": v_rand, "z_rand": z_rand,
            "p_rand": 2 * tail(z_rand)}


def tail(z):
    """1 - Phi(|z|), as esda's norm.sf / norm.cdf on the side of z."""
    return 0.5 * math.erfc(abs(z) / math.sqrt(2))


def moran_local(y, w, np, lag_spatial):
    """esda.Moran_Local: I_i, the lag of the centred values and q."""
    n = len(y)
    zc = y - y.mean()
    z = zc / y.std()
    den = (z * z).sum()
    zl = lag_spatial(w, z)
    ii = (n - 1) * z * zl / den
    zp, lp = z > 0, zl > 0
    q = 1 * (zp & lp) + 2 * (~zp & lp) + 3 * (~zp & ~lp) + 4 * (zp & ~lp)
    return ii, lag_spatial(w, zc), q, z, zl


def gini_spatial(y, w, ids):
    """inequality.Gini_Spatial without the permutations."""
    n = len(y)
    order = sorted(range(n), key=lambda i: y[i])
    total = sum(y)
    r_x = sum(2.0 * (rank + 1) * y[i] for rank, i in enumerate(order))
    g = (r_x - n * total - total) / (n * total)
    den = (total / n) * 2 * n * n
    pos = {c: p for p, c in enumerate(ids)}
    wg = 0.0
    for i, js in w.neighbors.items():
        wg += sum(abs(y[pos[i]] - y[pos[j]]) for j in js)
    wcg = g * den - wg
    return {"gini": g, "gini_neighbor": wg / den, "gini_nonneighbor": wcg / den,
            "share_nonneighbor": wcg / (g * den)}


# ---- stats -----------------------------------------------------------------

GLOBAL = ["indicator", "year", "n", "islands", "moran_i", "expected_i", "var_norm", "z_norm",
          "p_norm", "var_rand", "z_rand", "p_rand", "gini", "gini_neighbor",
          "gini_nonneighbor", "share_nonneighbor"]
LOCAL = ["indicator", "year", "region_code", "value", "local_i", "lag", "quadrant",
         "esda_q", "z", "zlag"]


def stats(args):
    import numpy as np
    _, weights = import_libpysal()
    from libpysal.weights.spatial_lag import lag_spatial
    if args.geometry:
        full = weights_from_geometry(args.geometry, args.key, args.contiguity)
    else:
        full = weights_from_pairs(args.pairs, args.contiguity)
    os.makedirs(args.o, exist_ok=True)
    with open(os.path.join(args.o, "pairs.csv"), "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["code_a", "code_b"])
        out.writerows(pairs_of(full))
    data = read_values(args.data, set(filter(None, args.indicators.split(","))),
                       set(filter(None, args.years.split(","))))
    g_rows, l_rows = [], []
    for (ind, year), vals in sorted(data.items()):
        ids = sorted((c for c in vals if c in full.neighbors), key=int)
        # the counties with a value, re-standardised on them (junheng's rule)
        w = weights.w_subset(full, ids, silence_warnings=True)
        w.transform = args.transform
        y = np.array([vals[c] for c in ids])
        row = {"indicator": ind, "year": year, "n": len(ids), "islands": len(w.islands)}
        row.update(moran(y, w, np, lag_spatial))
        row.update(gini_spatial(list(y), w, ids))
        g_rows.append(row)
        ii, lag, q, z, zl = moran_local(y, w, np, lag_spatial)
        for k, c in enumerate(ids):
            l_rows.append({"indicator": ind, "year": year, "region_code": c, "value": y[k],
                           "local_i": ii[k], "lag": lag[k], "quadrant": QUAD[int(q[k])],
                           "esda_q": int(q[k]), "z": z[k], "zlag": zl[k]})
    write(os.path.join(args.o, "global.csv"), GLOBAL, g_rows)
    write(os.path.join(args.o, "local.csv"), LOCAL, l_rows)


def write(path, cols, rows):
    with open(path, "w", newline="") as f:
        out = csv.DictWriter(f, cols, lineterminator="\n")
        out.writeheader()
        for r in rows:
            out.writerow({k: repr(float(v)) if isinstance(v, float) or hasattr(v, "dtype")
                          and v.dtype.kind == "f" else v for k, v in r.items()})


# ---- compare ---------------------------------------------------------------

def load(path, key):
    with open(path, encoding="utf-8-sig") as f:
        return {tuple(r[k] for k in key): r for r in csv.DictReader(f)}


def number(s):
    try:
        return float(s)
    except ValueError:
        return None


def at_mean(row):
    return any(abs(float(row[c])) <= 1e-12 for c in ("z", "zlag") if c in row)


def compare(args):
    key, cols = args.key.split(","), args.cols.split(",")
    a, b = load(args.junheng, key), load(args.peer, key)
    bad, worst, where, tied = 0, 0.0, "", 0
    for k in sorted(set(a) | set(b)):
        if k not in a or k not in b:
            bad += 1
            if bad <= 10:
                print("only in %s: %s" % ("junheng" if k in a else "peer", ",".join(k)))
            continue
        for c in cols:
            x, y = number(a[k][c]), number(b[k][c])
            if x is None or y is None:
                ok = a[k][c] == b[k][c]
                d = 0.0
                if not ok and c == "quadrant" and at_mean(b[k]):
                    ok, tied = True, tied + 1
            else:
                d = abs(x - y) / max(1.0, abs(y))
                ok = d <= args.tol
            if d > worst:
                worst, where = d, "%s %s" % (",".join(k), c)
            if not ok:
                bad += 1
                if bad <= 10:
                    print("differs: %s %s: junheng %s, peer %s" % (",".join(k), c, a[k][c],
                                                                 b[k][c]))
    print("%d rows, %d columns, worst relative difference %.3g (%s), %d mismatches%s" %
          (len(a), len(cols), worst, where or "-", bad,
           ", %d quadrants at the mean" % tied if tied else ""))
    return 1 if bad else 0


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("stats")
    s.add_argument("--geometry")
    s.add_argument("--pairs")
    s.add_argument("--key", default="adcode")
    s.add_argument("--contiguity", default="queen", choices=["queen", "rook"])
    s.add_argument("--transform", default="r", choices=["r", "b"])
    s.add_argument("--data", required=True)
    s.add_argument("--indicators", default="")
    s.add_argument("--years", default="")
    s.add_argument("-o", required=True)
    c = sub.add_parser("compare")
    c.add_argument("junheng")
    c.add_argument("peer")
    c.add_argument("--key", required=True)
    c.add_argument("--cols", required=True)
    c.add_argument("--tol", type=float, default=1e-10)
    args = p.parse_args()
    if args.cmd == "stats":
        if bool(args.geometry) == bool(args.pairs):
            p.error("stats needs one of --geometry and --pairs")
        return stats(args) or 0
    return compare(args)


if __name__ == "__main__":
    sys.exit(main())
