#!/usr/bin/env python3
"""Generates the drift golden cases from numpy/scipy (the reference implementations).

Run from this folder:  python3 generate.py
Needs numpy and scipy (written against numpy 2.4.6 and scipy 1.17.1; the versions used are recorded
in every expected.json). The Java tests read the files this writes and never call Python.

Layout:
  cases/<case>/reference.csv   one column per feature; an empty cell is a missing value
  cases/<case>/current.csv     same columns (row counts may differ from reference.csv)
  cases/<case>/expected.json   {"bins": B, "features": {"<name>": {...}}} with, per feature, the
                               values of the definitions in DESIGN.md computed by numpy/scipy, plus
                               the PSI bin edges and the bin counts of both samples
  ks_distribution.csv          kind,n,x,expected: scipy.stats.kstwo.sf(x, n) (the one-sample
                               two-sided KS survival function behind ks_2samp's asymptotic p-value),
                               over every regime of its algorithm; and ks_2samp's exact two-sample
                               p-value for sizes n1, n2 and statistic h / lcm(n1, n2)
"""
import csv
import json
import math
import os
import shutil

import numpy as np
import scipy
from scipy import stats
from scipy.spatial.distance import jensenshannon

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "cases")
GENERATOR = "generate.py (numpy %s, scipy %s)" % (np.__version__, scipy.__version__)


def psi_bins(ref, bins):
    """numpy.quantile (method='linear') at k/B, duplicates dropped."""
    qs = np.array([k / bins for k in range(1, bins)])
    return np.unique(np.quantile(ref, qs))


def psi(rp, cp):
    total = 0.0
    for r, c in zip(rp, cp):
        r = max(r, 1e-4)
        c = max(c, 1e-4)
        total += (c - r) * math.log(c / r)
    return total


def rate(missing, rows):
    return None if rows == 0 else missing / rows


def numeric(ref_all, cur_all, bins):
    ref_all = np.asarray(ref_all, dtype=float)
    cur_all = np.asarray(cur_all, dtype=float)
    ref = ref_all[~np.isnan(ref_all)]
    cur = cur_all[~np.isnan(cur_all)]
    out = {
        "type": "numeric",
        "missing_rate": rate(int(np.isnan(cur_all).sum()), len(cur_all)),
        "reference_missing_rate": rate(int(np.isnan(ref_all).sum()), len(ref_all)),
        "n_reference": int(len(ref)),
        "n_current": int(len(cur)),
    }
    edges = psi_bins(ref, bins) if len(ref) else np.array([])
    out["bins"] = int(len(edges) + 1)
    out["edges"] = [float(e) for e in edges]
    rc = np.bincount(np.searchsorted(edges, ref, side="right"), minlength=len(edges) + 1)
    cc = np.bincount(np.searchsorted(edges, cur, side="right"), minlength=len(edges) + 1)
    out["reference_counts"] = [int(x) for x in rc]
    out["current_counts"] = [int(x) for x in cc]
    if len(ref) == 0 or len(cur) == 0:
        out.update({"psi": None, "ks": None, "ks_p_value": None, "wasserstein": None, "js_distance": None})
        return out
    rp = rc / len(ref)
    cp = cc / len(cur)
    ks = stats.ks_2samp(ref, cur)
    out.update({
        "psi": psi(rp, cp),
        "ks": float(ks.statistic),
        "ks_p_value": float(ks.pvalue),
        "wasserstein": float(stats.wasserstein_distance(ref, cur)),
        "js_distance": float(jensenshannon(rp, cp, base=2)),
    })
    return out


def categorical(ref_all, cur_all):
    ref = [v for v in ref_all if v is not None]
    cur = [v for v in cur_all if v is not None]
    cats = sorted(set(ref) | set(cur))
    ref_set = set(ref)
    out = {
        "type": "categorical",
        "missing_rate": rate(len(cur_all) - len(cur), len(cur_all)),
        "reference_missing_rate": rate(len(ref_all) - len(ref), len(ref_all)),
        "n_reference": len(ref),
        "n_current": len(cur),
        "categories": cats,
        "unseen_categories": sorted(set(cur) - ref_set),
    }
    a = np.array([ref.count(c) for c in cats])
    b = np.array([cur.count(c) for c in cats])
    out["reference_counts"] = [int(x) for x in a]
    out["current_counts"] = [int(x) for x in b]
    if len(ref) == 0 or len(cur) == 0:
        out.update({"psi": None, "js_distance": None, "chi2": None, "chi2_dof": None, "chi2_p_value": None})
        return out
    rp = a / len(ref)
    cp = b / len(cur)
    chi = stats.chi2_contingency(np.array([a, b]), correction=False)
    out.update({
        "psi": psi(rp, cp),
        "js_distance": float(jensenshannon(rp, cp, base=2)),
        "chi2": float(chi.statistic),
        "chi2_dof": int(chi.dof),
        "chi2_p_value": float(chi.pvalue),
    })
    return out


def cell(v):
    if v is None:
        return ""
    if isinstance(v, str):
        return v
    if isinstance(v, float) and math.isnan(v):
        return ""
    return repr(float(v))


def write_csv(path, columns):
    names = list(columns)
    rows = len(columns[names[0]])
    assert all(len(columns[n]) == rows for n in names), "columns of one file must have equal length"
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(names)
        for i in range(rows):
            w.writerow([cell(columns[n][i]) for n in names])


def case(name, reference, current, bins=10, kinds=None, note=""):
    """reference/current: dict column -> list; kinds: dict column -> 'numeric'|'categorical'."""
    d = os.path.join(CASES, name)
    os.makedirs(d, exist_ok=True)
    write_csv(os.path.join(d, "reference.csv"), reference)
    write_csv(os.path.join(d, "current.csv"), current)
    features = {}
    for col in reference:
        kind = (kinds or {}).get(col, "numeric")
        if kind == "numeric":
            features[col] = numeric(reference[col], current[col], bins)
        else:
            features[col] = categorical(reference[col], current[col])
    with open(os.path.join(d, "expected.json"), "w") as f:
        json.dump({"generator": GENERATOR, "note": note, "bins": bins, "features": features}, f, indent=1)
        f.write("\n")


def nan_where(values, mask):
    return [float("nan") if m else float(v) for v, m in zip(values, mask)]


def pima():
    rows = list(csv.DictReader(open(os.path.join(HERE, "data", "pima_diabetes.csv"))))
    young = [r for r in rows if int(r["age"]) < 30]
    old = [r for r in rows if int(r["age"]) >= 30]

    def col(rs, name):  # 0 is a recorded missing value in these columns
        return [float("nan") if float(r[name]) == 0 else float(r[name]) for r in rs]

    numeric_columns = ("oral_glucose_tolerance", "body_mass_index", "blood_pressure")
    ref = {c: col(young, c) for c in numeric_columns}
    cur = {c: col(old, c) for c in numeric_columns}
    ref["pregnant"] = [r["pregnant"] for r in young]
    cur["pregnant"] = [r["pregnant"] for r in old]
    case("pima_age", ref, cur, kinds={"pregnant": "categorical"},
         note="Pima: reference = age < 30, current = age >= 30; 0 is missing in oral_glucose_tolerance, "
              "body_mass_index, blood_pressure; pregnant (number of pregnancies) compared as categories, "
              "sorted as strings")


def ks_distribution():
    rows = []
    ns = [1, 2, 3, 5, 10, 37, 50, 100, 140, 141, 500, 1000, 5125, 50000, 100000, 100001, 500000, 1000001,
          3000000]
    for n in ns:
        xs = set()
        for x in [0.0, 0.2 / n, 0.6 / n, 0.9 / n, 1.0 / n, 1.5 / n, 0.01, 0.05, 0.1, 0.2, 0.3, 0.49, 0.5, 0.7,
                  0.99, 1.0, 1 - 1.5 / n]:
            xs.add(x)
        for c in [0.3, 0.5, 0.75, 0.76, 1.0, 2.0, 2.19, 2.21, 3.9, 4.1, 5.0, 10.0, 17.0, 19.0, 100.0, 369.0]:
            xs.add(math.sqrt(c / n))
        xs.add((1.4 / n) ** (2 / 3) * 0.9)
        xs.add((1.4 / n) ** (2 / 3) * 1.1)
        for x in sorted(xs):
            if 0 <= x <= 1:
                rows.append(("kstwo", n, float(x), float(stats.kstwo.sf(x, n))))
    from scipy.stats._stats_py import _attempt_exact_2kssamp  # the exact path of ks_2samp
    for n1, n2 in [(1, 1), (1, 2), (2, 3), (3, 1), (5, 5), (7, 11), (50, 50), (100, 37), (300, 460),
                   (1000, 1000), (2000, 1500), (417, 351), (10000, 9999)]:
        g = math.gcd(n1, n2)
        lcm = (n1 // g) * n2
        hs = set()
        for frac in [0.0, 0.01, 0.03, 0.05, 0.1, 0.2, 0.3, 0.5, 0.8, 1.0]:
            h = int(round(frac * lcm))
            hs.add(max(h, 1) if frac > 0 else 0)
        for h in sorted(hs):
            ok, d, p = _attempt_exact_2kssamp(n1, n2, g, h / lcm, "two-sided")
            if not ok:  # what ks_2samp does next
                m, n = sorted([float(n1), float(n2)], reverse=True)
                p = stats.kstwo.sf(h / lcm, np.round(m * n / (m + n)))
            rows.append(("ks2", n1 * 100000 + n2, h, float(np.clip(p, 0, 1))))
    with open(os.path.join(HERE, "ks_distribution.csv"), "w") as f:
        f.write("kind,n,x,expected\n")
        for kind, n, x, p in rows:
            f.write("%s,%d,%r,%r\n" % (kind, n, x, p))


def main():
    if os.path.isdir(CASES):
        shutil.rmtree(CASES)
    rng = np.random.default_rng(20260101)

    x = rng.normal(50, 10, 500)
    case("identical", {"x": x}, {"x": x.copy()}, note="identical samples: psi, ks, wasserstein, js are 0")

    case("shifted_normal",
         {"x": rng.normal(0, 1, 2000)}, {"x": rng.normal(0.3, 1.2, 1500)},
         note="N(0,1) vs N(0.3,1.2): exact KS p-value through the lattice-path recursion (n1 != n2)")

    case("equal_sizes",
         {"x": rng.normal(0, 1, 1000)}, {"x": rng.normal(0.1, 1, 1000)},
         note="n1 == n2: exact KS p-value through the alternating binomial sum")

    constant = [3.0] * 300
    case("ties_discrete",
         {"poisson": rng.poisson(1.5, 300).astype(float), "constant": constant,
          "binary": (rng.random(300) < 0.2).astype(float)},
         {"poisson": rng.poisson(2.0, 240).astype(float),
          "constant": [3.0] * 200 + [4.0] * 40,
          "binary": (rng.random(240) < 0.35).astype(float)},
         note="discrete values: many duplicate quantile edges are dropped; ties in KS and Wasserstein")

    case("tiny_1v2", {"x": [5.0]}, {"x": [4.0, 6.0]}, note="one reference value")
    case("tiny_2v3", {"x": [1.0, 2.0]}, {"x": [2.0, 3.0, 4.0]}, note="two vs three values")
    case("tiny_3v1", {"x": [0.5, 0.25, 1.0]}, {"x": [0.75]}, note="one current value")

    case("all_missing_current",
         {"x": rng.normal(0, 1, 100)}, {"x": [float("nan")] * 50},
         note="every current value missing: statistics null, missing_rate 1")

    ref = rng.normal(10, 2, 400)
    cur = rng.normal(11, 2, 300)
    case("heavy_missing",
         {"x": nan_where(ref, rng.random(400) < 0.2)}, {"x": nan_where(cur, rng.random(300) < 0.7)},
         bins=4, note="20% missing in the reference, 70% in the current; 4 bins")

    cats_ref = list(rng.choice(["A", "B", "C"], 500, p=[0.5, 0.3, 0.2]))
    cats_cur = list(rng.choice(["A", "B", "C", "D"], 400, p=[0.4, 0.3, 0.2, 0.1]))
    cats_ref = [None if i % 25 == 0 else str(v) for i, v in enumerate(cats_ref)]
    cats_cur = [None if i % 10 == 0 else str(v) for i, v in enumerate(cats_cur)]
    case("categorical_unseen", {"site": cats_ref}, {"site": cats_cur}, kinds={"site": "categorical"},
         note="category D is unseen in the reference; null (empty cell) is missing")

    case("categorical_single",
         {"flag": ["yes"] * 20 + [None] * 2}, {"flag": ["yes"] * 7},
         kinds={"flag": "categorical"}, note="one category: chi2 0 with 0 degrees of freedom, p 1")

    n1, n2 = 10001, 10500
    r6 = lambda a: np.round(a, 6)  # 6 decimals keep the CSVs small
    base = r6(rng.normal(0, 1, n1))
    q = np.quantile(base, (np.arange(n2) + 0.5) / n2)
    case("large_asymptotic",
         {"none": base, "slight": base, "small": base, "medium": base, "large": base},
         {"none": r6(q + 0.004), "slight": r6(q + 0.025), "small": r6(rng.normal(0.02, 1, n2)),
          "medium": r6(rng.normal(0.08, 1, n2)), "large": r6(rng.normal(1.0, 1, n2))},
         note="more than 10,000 values: scipy's asymptotic KS p-value, kstwo.sf(d, round(n1 n2/(n1+n2))), "
              "in its Durbin-matrix (none), Pelz-Good (slight), Smirnov (small, medium) and zero (large) regimes")

    small = r6(rng.normal(0, 1, 50))
    big = r6(rng.normal(0, 1, 10001))
    case("unbalanced",
         {"same": big, "shift": big, "far": big},
         {"same": small, "shift": small + 0.35, "far": small + 1.2},
         note="10,001 vs 50 values: asymptotic p-value with n = 50 (Durbin, Pomeranz and Smirnov regimes)")

    pima()
    ks_distribution()


if __name__ == "__main__":
    main()
