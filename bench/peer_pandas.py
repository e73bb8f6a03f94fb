#!/usr/bin/env python3
"""The index suite as an analyst would write it in pandas: one sort, then
groupby sums per (indicator, year, stratum), unweighted and weighted by the
population column.  Writes junheng's long layout
(indicator,year,stratum,index,value) so bench/compare.sh can check the
numbers.  Formulas as docs/indices.md.

Usage: peer_pandas.py IN.csv OUT.csv
"""
import sys

import numpy as np
import pandas as pd

KEYS = ["indicator", "year", "stratum"]


def suite(df, w, suffix):
    """Every index of every slice from the sorted frame df and weights w."""
    d = df[KEYS].copy()
    x = df["value"].to_numpy()
    d["x"], d["w"], d["wx"] = x, w, w * x
    g = d.groupby(KEYS, sort=False)
    W = g["w"].transform("sum").to_numpy()
    SX = g["wx"].transform("sum").to_numpy()
    mu = SX / W
    p = w / W
    r = x / mu
    with np.errstate(divide="ignore", invalid="ignore"):
        d["var"] = p * (x - mu) ** 2
        d["tt"] = np.where(r > 0, p * r * np.log(r), 0.0)
        d["tl"] = -p * np.log(r)
        d["ge2"] = p * r * r
        d["a05"] = p * np.sqrt(r)
        d["lnx"] = p * np.log(x)
        d["inv"] = p / r
        d["hoover"] = np.abs(d["wx"].to_numpy() / SX - p)
        # Gini over the values sorted within the slice: with C the weight
        # below, sum w x (2 C + w - W) / (W sum w x).
        below = g["w"].cumsum().to_numpy() - w
        d["gini"] = d["wx"].to_numpy() * (2 * below + w - W) / (W * SX)
    s = d.groupby(KEYS, sort=False).agg(
        mean=("wx", "sum"), W=("w", "sum"), var=("var", "sum"), tt=("tt", "sum"),
        tl=("tl", "sum"), ge2=("ge2", "sum"), a05=("a05", "sum"), lnx=("lnx", "sum"),
        inv=("inv", "sum"), hoover=("hoover", "sum"), gini=("gini", "sum"))
    mean = s["mean"] / s["W"]
    out = pd.DataFrame(index=s.index)
    out["mean"] = mean
    out["sd"] = np.sqrt(s["var"])
    out["gini"] = s["gini"]
    out["cv"] = out["sd"] / mean
    out["theil_t"] = s["tt"]
    out["theil_l"] = s["tl"]
    out["ge2"] = (s["ge2"] - 1) / 2
    out["atkinson_0.5"] = 1 - s["a05"] ** 2
    out["atkinson_1"] = 1 - np.exp(s["lnx"]) / mean
    out["atkinson_2"] = 1 - 1 / s["inv"]
    out["hoover"] = s["hoover"] / 2
    return out.add_suffix(suffix)


def main(src, dst):
    df = pd.read_csv(src, dtype={"region_code": str, "indicator": str, "stratum": str})
    df = df[df["value"].notna()]
    df = df.sort_values(KEYS + ["value"], kind="stable")
    g = df.groupby(KEYS, sort=False)["value"]
    plain = pd.DataFrame({"n": g.size(), "min": g.min(), "max": g.max(),
                          "median": g.median()})
    plain["range"] = plain["max"] - plain["min"]
    plain["max_min_ratio"] = plain["max"] / plain["min"]
    plain["p90_p10"] = g.quantile(0.9) / g.quantile(0.1)
    parts = [plain, suite(df, np.ones(len(df)), "")]
    if "population" in df:
        parts.append(suite(df, df["population"].to_numpy(float), "_w"))
    res = pd.concat(parts, axis=1)
    long = res.stack().rename("value").reset_index()
    long.columns = KEYS + ["index", "value"]
    long.to_csv(dst, index=False, float_format="%.17g")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
