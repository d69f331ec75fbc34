#!/usr/bin/env python3
"""Generates the golden data sets for clinigate's binary metrics (BinaryMetricsGoldenTest).

Run from this directory with the Debian python3 (numpy, scipy, scikit-learn, mpmath):

    /usr/bin/python3 generate.py

Each case folder gets
  input.csv      label,score[,group columns...]; an empty group field is a missing (null) value
  case.json      options: thresholds, bins, group column names, a description
  expected.json  expected values in the shape of MetricsReport.toJson() (only the keys computed here)

Reference values:
  auroc           sklearn.metrics.roc_auc_score (null with one class)
  auprc           sklearn.metrics.average_precision_score (null with no positives)
  brier           sklearn.metrics.brier_score_loss
  log_loss        sklearn.metrics.log_loss(eps=1e-15, labels=[0, 1])
  ece, mce        from sklearn.calibration.calibration_curve(strategy='uniform') per DESIGN.md: the bin
                  counts come from the same binning (np.searchsorted over the inner edges of
                  np.linspace(0, 1, B + 1)), and prob_true/prob_pred are checked to equal
                  calibration_curve's output
  slope/intercept maximum-likelihood logistic fits solved with Newton's method in mpmath at 60 digits
                  (converged to 1e-40), on x = np.log(p' / (1 - p')) computed in float64 as the Java code does;
                  null when the MLE does not exist (one class; one distinct x; quasi-complete separation)
  thresholds      confusion counts with numpy (positive iff p >= t) and DESIGN.md's formulas
  calibration     Spiegelhalter z and two-sided p (mpmath, exact from the float64 scores),
                  observed/expected, calibration curve points
  intervals       DeLong variance of the AUROC from placement values in exact rational arithmetic
                  (fractions.Fraction), cross-checked against a float midrank implementation
                  (Sun and Xu 2014); 95% CI = auroc +- 1.959963984540054 * se clipped to [0, 1];
                  null with < 2 positives or negatives or zero variance
"""
import csv
import json
import math
import os
import warnings
from fractions import Fraction

import mpmath
import numpy as np
import scipy.stats
from sklearn.calibration import calibration_curve
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (average_precision_score, brier_score_loss, log_loss, roc_auc_score)

HERE = os.path.dirname(os.path.abspath(__file__))
CLIP = 1e-15
Z975 = 1.959963984540054
mpmath.mp.dps = 60
warnings.simplefilter("ignore")


# ---------------------------------------------------------------------------------------------- fits

def _cells(y, p):
    """Aggregates (x, positives, negatives) per distinct clipped logit."""
    pc = np.clip(p, CLIP, 1 - CLIP)
    x = np.log(pc / (1 - pc))
    cells = {}
    for xi, yi in zip(x.tolist(), y.tolist()):
        c = cells.setdefault(xi, [0, 0])
        c[0 if yi == 1 else 1] += 1
    return [(mpmath.mpf(k), v[0], v[1]) for k, v in sorted(cells.items())]


def _sigmoid(eta):
    return 1 / (1 + mpmath.exp(-eta))


def _loglik(cells, a, b):
    total = mpmath.mpf(0)
    for x, p, q in cells:
        eta = a + b * x
        total += p * eta - (p + q) * mpmath.log(1 + mpmath.exp(eta))
    return total


def fit_slope(y, p):
    cells = _cells(y, p)
    xs_pos = [float(x) for x, a, _ in cells if a > 0]
    xs_neg = [float(x) for x, _, b in cells if b > 0]
    if not xs_pos or not xs_neg or len(cells) < 2:
        return None
    if max(xs_neg) <= min(xs_pos) or max(xs_pos) <= min(xs_neg):
        return None
    a, b = mpmath.mpf(0), mpmath.mpf(1)
    for _ in range(500):
        g0 = g1 = h00 = h01 = h11 = mpmath.mpf(0)
        for x, pp, qq in cells:
            n = pp + qq
            mu = _sigmoid(a + b * x)
            r = pp - n * mu
            w = n * mu * (1 - mu)
            g0 += r
            g1 += r * x
            h00 += w
            h01 += w * x
            h11 += w * x * x
        det = h00 * h11 - h01 * h01
        da = (h11 * g0 - h01 * g1) / det
        db = (h00 * g1 - h01 * g0) / det
        step = mpmath.mpf(1)
        l0 = _loglik(cells, a, b)
        while _loglik(cells, a + step * da, b + step * db) < l0 and step > mpmath.mpf(2) ** -60:
            step /= 2
        a, b = a + step * da, b + step * db
        if max(abs(step * da), abs(step * db)) < mpmath.mpf(10) ** -40:
            return float(a), float(b)
    raise RuntimeError("slope fit did not converge")


def fit_intercept(y, p):
    if y.sum() == 0 or y.sum() == len(y):
        return None
    cells = _cells(y, p)
    tp = int(y.sum())
    a = mpmath.mpf(0)
    for _ in range(500):
        f = mpmath.mpf(tp)
        info = mpmath.mpf(0)
        for x, pp, qq in cells:
            n = pp + qq
            mu = _sigmoid(a + x)
            f -= n * mu
            info += n * mu * (1 - mu)
        da = f / info
        a += da
        if abs(da) < mpmath.mpf(10) ** -40:
            return float(a)
    raise RuntimeError("intercept fit did not converge")


# ---------------------------------------------------------------------------------------------- DeLong

def delong(y, p, auc):
    m = int(y.sum())
    n0 = len(y) - m
    point = auc
    if m < 2 or n0 < 2:
        return {"point": point, "lower95": None, "upper95": None, "method": "delong"}
    pos = p[y == 1]
    neg = p[y == 0]
    negs = np.sort(neg)
    poss = np.sort(pos)
    # exact placements: V10 = (#neg < s + 1/2 #neg == s) / n0, V01 = (#pos > s + 1/2 #pos == s) / m
    v10 = [Fraction(2 * int(np.searchsorted(negs, s, 'left')) + int(np.searchsorted(negs, s, 'right')
                    - np.searchsorted(negs, s, 'left')), 2 * n0) for s in pos]
    v01 = [Fraction(2 * int(m - np.searchsorted(poss, s, 'right')) + int(np.searchsorted(poss, s, 'right')
                    - np.searchsorted(poss, s, 'left')), 2 * m) for s in neg]
    a = sum(v10, Fraction(0)) / m
    assert abs(float(a) - auc) <= 1e-13 * auc + 1e-16, (float(a), auc)
    s10 = sum(((v - a) ** 2 for v in v10), Fraction(0)) / (m - 1)
    s01 = sum(((v - a) ** 2 for v in v01), Fraction(0)) / (n0 - 1)
    var = s10 / m + s01 / n0
    # independent float check: midranks (Sun and Xu 2014)
    allr = scipy.stats.rankdata(np.concatenate([pos, neg]))
    v10f = (allr[:m] - scipy.stats.rankdata(pos)) / n0
    v01f = 1 - (allr[m:] - scipy.stats.rankdata(neg)) / m
    varf = np.var(v10f, ddof=1) / m + np.var(v01f, ddof=1) / n0
    assert abs(varf - float(var)) <= 1e-9 * float(var) + 1e-18, (varf, float(var))
    if var == 0:
        return {"point": point, "lower95": None, "upper95": None, "method": "delong"}
    se = float(mpmath.sqrt(mpmath.mpf(var.numerator) / var.denominator))
    a = float(a)
    return {"point": point, "lower95": max(0.0, a - Z975 * se), "upper95": min(1.0, a + Z975 * se),
            "method": "delong"}


# ---------------------------------------------------------------------------------------------- report

def threshold_entry(y, p, t):
    n = len(y)
    m = int(y.sum())
    n0 = n - m
    flagged = p >= t
    tp = int(np.sum(flagged & (y == 1)))
    fp = int(np.sum(flagged & (y == 0)))
    fn = m - tp
    tn = n0 - fp
    return {
        "threshold": t,
        "sensitivity": tp / m if m else None,
        "specificity": tn / n0 if n0 else None,
        "ppv": tp / (tp + fp) if tp + fp else None,
        "npv": tn / (tn + fn) if tn + fn else None,
        "f1": (2 * tp) / (2 * tp + fp + fn) if 2 * tp + fp + fn else None,
        "alert_rate": (tp + fp) / n,
        "net_benefit": tp / n - fp / n * (t / (1 - t)) if t != 1.0 else None,
    }


def report(y, p, thresholds, bins):
    y = np.asarray(y, dtype=np.int64)
    p = np.asarray(p, dtype=np.float64)
    n = len(y)
    m = int(y.sum())
    both = 0 < m < n
    auroc = float(roc_auc_score(y, p)) if both else None
    auprc = float(average_precision_score(y, p)) if m > 0 else None
    brier = float(brier_score_loss(y, p))
    ll = float(log_loss(y, p, eps=CLIP, labels=[0, 1]))

    edges = np.linspace(0.0, 1.0, bins + 1)
    for k in range(1, bins):
        assert edges[k] == k * (1.0 / bins), (k, edges[k])
    binids = np.searchsorted(edges[1:-1], p)
    bin_sums = np.bincount(binids, weights=p, minlength=len(edges))
    bin_true = np.bincount(binids, weights=y, minlength=len(edges))
    bin_total = np.bincount(binids, minlength=len(edges))
    nz = bin_total != 0
    prob_true = bin_true[nz] / bin_total[nz]
    prob_pred = bin_sums[nz] / bin_total[nz]
    sk_true, sk_pred = calibration_curve(y, p, n_bins=bins, strategy="uniform")
    assert np.array_equal(sk_true, prob_true) and np.array_equal(sk_pred, prob_pred)
    gaps = np.abs(prob_true - prob_pred)
    ece = float(np.sum(bin_total[nz] / n * gaps))
    mce = float(np.max(gaps))

    slope = fit_slope(y, p)
    intercept = fit_intercept(y, p)

    pm = [mpmath.mpf(v) for v in p.tolist()]
    num = mpmath.fsum((int(yi) - pi) * (1 - 2 * pi) for yi, pi in zip(y.tolist(), pm))
    var = mpmath.fsum((1 - 2 * pi) ** 2 * pi * (1 - pi) for pi in pm)
    if var > 0:
        z = num / mpmath.sqrt(var)
        sz = float(z)
        sp = float(mpmath.erfc(abs(z) / mpmath.sqrt(2)))
        assert abs(sp - 2 * scipy.stats.norm.sf(abs(sz))) <= 1e-12 * sp + 1e-300
    else:
        sz = sp = None
    sum_p = math.fsum(p.tolist())
    oe = m / sum_p if sum_p > 0 else None
    curve = []
    for b in range(bins):
        if bin_total[b] == 0:
            continue
        curve.append({
            "bin": b,
            "lower": 0.0 if b == 0 else float(edges[b]),
            "upper": 1.0 if b == bins - 1 else float(edges[b + 1]),
            "n": int(bin_total[b]),
            "mean_predicted": math.fsum(p[binids == b].tolist()) / int(bin_total[b]),
            "observed_rate": float(bin_true[b] / bin_total[b]),
        })
    return {
        "n": n,
        "positives": m,
        "prevalence": m / n,
        "metrics": {
            "auroc": auroc, "auprc": auprc, "brier": brier, "log_loss": ll, "ece": ece, "mce": mce,
            "calibration_slope": None if slope is None else slope[1],
            "calibration_intercept": intercept,
        },
        "thresholds": [threshold_entry(y, p, t) for t in thresholds],
        "calibration": {"bins": bins, "spiegelhalter_z": sz, "spiegelhalter_p": sp, "observed_expected": oe,
                        "curve": curve},
        "intervals": {"auroc": delong(y, p, auroc)},
    }


def write_case(name, description, y, p, thresholds=(0.5,), bins=10, groups=None):
    groups = groups or {}
    folder = os.path.join(HERE, name)
    os.makedirs(folder, exist_ok=True)
    y = np.asarray(y, dtype=np.int64)
    p = np.asarray(p, dtype=np.float64)
    thresholds = sorted(set(float(t) for t in thresholds))
    with open(os.path.join(folder, "input.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["label", "score"] + list(groups))
        for i in range(len(y)):
            w.writerow([int(y[i]), repr(float(p[i]))] + ["" if g[i] is None else g[i] for g in groups.values()])
    with open(os.path.join(folder, "case.json"), "w") as f:
        json.dump({"description": description, "thresholds": thresholds, "bins": bins,
                   "groups": list(groups)}, f, indent=2)
        f.write("\n")
    expected = report(y, p, thresholds, bins)
    if groups:
        expected["groups"] = {}
        for col, values in groups.items():
            per = {}
            for v in sorted({v for v in values if v is not None}):
                idx = np.array([u == v for u in values])
                per[v] = report(y[idx], p[idx], thresholds, bins)
            expected["groups"][col] = per
    with open(os.path.join(folder, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1, allow_nan=False)
        f.write("\n")
    print(f"{name}: n={len(y)}")


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def main():
    rng = np.random.default_rng(20240601)

    # ties: scores rounded to 2 decimals
    n = 300
    y = (rng.random(n) < 0.3).astype(int)
    p = np.round(sigmoid(-1.0 + 2.0 * y + rng.normal(0, 1, n)), 2)
    arm = [("A", "B", "C")[i % 3] for i in range(n)]
    write_case("ties", "300 cases, scores rounded to 2 decimals (many ties), one group column", y, p,
               thresholds=(0.2, 0.5, 0.7), groups={"arm": arm})

    write_case("tiny-1", "a single positive case", [1], [0.7])
    write_case("tiny-2", "two cases, perfectly separated", [0, 1], [0.3, 0.6], thresholds=(0.3, 0.6))
    write_case("tiny-3", "three cases, classes overlap", [1, 0, 1], [0.2, 0.5, 0.9], thresholds=(0.5,))
    write_case("tiny-3-tied", "three cases, a positive and a negative tied at 0.4 (quasi-separation)",
               [0, 1, 1], [0.4, 0.4, 0.9], thresholds=(0.4, 0.5))

    p = np.round(rng.random(20), 3)
    write_case("one-class-negatives", "20 cases, all negative", np.zeros(20, int), p, thresholds=(0.3, 0.5))
    write_case("one-class-positives", "20 cases, all positive", np.ones(20, int), p, thresholds=(0.3, 0.5))

    n = 40
    y = (rng.random(n) < 0.4).astype(int)
    y[:4] = [0, 1, 0, 1]
    p = np.round(sigmoid(-0.5 + 1.5 * y + rng.normal(0, 1, n)), 3)
    site = ["a"] * n
    site[5] = "b"
    site[6] = "c"
    site[7] = "c"
    site[8] = None
    site[9] = None
    write_case("small-subgroups", "40 cases; groups of 37, 1 and 2 cases, two rows without a site, and a column"
               " whose values are all missing", y, p, thresholds=(0.5,),
               groups={"site": site, "empty": [None] * n})

    vals = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]
    p = np.array(vals * 6)
    y = np.array([(i * 7 + 3) % 5 < 2 for i in range(len(p))], dtype=int)
    write_case("edges", "scores exactly 0, 1 and on decimal bin edges 0.1 ... 0.9", y, p,
               thresholds=(0.0, 0.1, 0.3, 0.5, 1.0), bins=10)
    p = np.array([k * (1.0 / 7) for k in range(8)] * 5 + [0.5, 0.25, 0.75, 1 / 3])
    y = np.array([(i * 3) % 4 == 0 or (i % 7 == 6) for i in range(len(p))], dtype=int)
    write_case("edges-bins-7", "7 bins; scores exactly on the inner edges k * (1.0 / 7)", y, p,
               thresholds=(1 / 7, 0.5), bins=7)

    write_case("separated", "perfect separation: slope fit does not exist, DeLong variance 0",
               [0] * 5 + [1] * 5, [0.1, 0.15, 0.2, 0.25, 0.3, 0.6, 0.7, 0.8, 0.9, 0.95], thresholds=(0.5,))
    y = np.array([0, 1] * 15)
    write_case("constant-score", "every score 0.3: slope not identifiable, AUROC 0.5 with zero DeLong variance",
               y, np.full(30, 0.3), thresholds=(0.3, 0.5))
    write_case("zero-half-one", "scores only 0, 0.5 and 1: Spiegelhalter variance 0",
               [0, 0, 1, 1, 0, 1, 1, 0, 1], [0.0, 0.5, 0.5, 1.0, 0.0, 1.0, 0.5, 0.5, 0.0], thresholds=(0.5, 1.0))

    # Pima: logistic regression on all features, score rounded to 6 decimals
    data = np.loadtxt(os.path.join(HERE, "pima", "pima_diabetes.csv"), delimiter=",", skiprows=1)
    X, y = data[:, :8], data[:, 8].astype(int)
    Xs = (X - X.mean(axis=0)) / X.std(axis=0)
    model = LogisticRegression(max_iter=1000).fit(Xs, y)
    p = np.round(model.predict_proba(Xs)[:, 1], 6)
    age = X[:, 7]
    band = ["21-29" if a < 30 else "30-39" if a < 40 else "40-49" if a < 50 else "50+" for a in age]
    preg = ["yes" if v > 0 else "no" for v in X[:, 0]]
    write_case("pima", "Pima Indians Diabetes (768 cases): in-sample logistic regression score rounded to 6"
               " decimals", y, p, thresholds=(0.3, 0.5, 0.7), groups={"age_band": band, "pregnant": preg})

    bc = load_breast_cancer()
    yb = (bc.target == 0).astype(int)  # malignant is the positive class
    cols = [list(bc.feature_names).index(c) for c in ("mean radius", "mean texture", "mean smoothness")]
    Xb = bc.data[:, cols]
    Xb = (Xb - Xb.mean(axis=0)) / Xb.std(axis=0)
    pb = np.round(LogisticRegression(max_iter=1000).fit(Xb, yb).predict_proba(Xb)[:, 1], 6)
    write_case("breast-cancer", "Wisconsin breast cancer (569 cases), malignant = 1: logistic regression on"
               " mean radius, texture and smoothness, score rounded to 6 decimals", yb, pb,
               thresholds=(0.1, 0.5, 0.9))

    # synthetic 10,000 cases with 3 group columns
    n = 10_000
    sex = np.where(rng.random(n) < 0.52, "F", "M")
    age_band = rng.choice(["18-39", "40-64", "65+"], size=n, p=[0.35, 0.4, 0.25])
    site = rng.choice(["east", "north", "south", "west"], size=n, p=[0.1, 0.3, 0.3, 0.3])
    risk = -1.6 + 0.4 * (sex == "M") + 0.5 * (age_band == "40-64") + 1.0 * (age_band == "65+")
    y = (rng.random(n) < sigmoid(risk + rng.normal(0, 0.8, n))).astype(int)
    shift = np.where(site == "east", 0.6, 0.0)  # east is miscalibrated
    p = np.round(sigmoid(risk + shift + 1.3 * (y - 0.25) * rng.random(n)), 4)
    site_list = [None if rng.random() < 0.03 else s for s in site.tolist()]
    write_case("synthetic-10k", "10,000 synthetic cases, scores rounded to 4 decimals, groups sex, age_band and"
               " site (3% of sites missing; east miscalibrated)", y, p, thresholds=(0.1, 0.3, 0.5, 0.8),
               groups={"sex": sex.tolist(), "age_band": age_band.tolist(), "site": site_list})


if __name__ == "__main__":
    main()
