#!/usr/bin/env python3
"""scikit-learn baseline for clinigate's metrics benchmark (benchmarks/README.md, section "Metrics").

Generates the same 1,000,000-row synthetic data set as dev.clinigate.benchmarks.metrics.MetricsData
(bit for bit: SplitMix64 uniforms, 20% prevalence, scores rounded to 4 decimals) and times what
clinigate's `fullReport` benchmark computes that scikit-learn has: roc_auc_score,
average_precision_score, brier_score_loss, log_loss, calibration_curve and confusion counts at three
thresholds (clinigate additionally computes ECE/MCE, the calibration fits, Spiegelhalter's test and
DeLong's interval in that time). Also times np.sort of a copy of the scores for reference.

    /usr/bin/python3 benchmarks/python/sklearn_baseline.py [--rows 1000000] [--repeats 5]

Prints the best and median wall time of each step and of the whole set, in milliseconds.
"""
import argparse
import statistics
import time
import warnings

import numpy as np
from sklearn.calibration import calibration_curve
from sklearn.metrics import average_precision_score, brier_score_loss, log_loss, roc_auc_score

SEED = np.uint64(20240601)
GAMMA = np.uint64(0x9E3779B97F4A7C15)


def uniforms(n, k):
    """u(i, k) for i < n, exactly as MetricsData.u computes it."""
    with np.errstate(over="ignore"):
        i = np.arange(n, dtype=np.uint64)
        z = SEED + (np.uint64(6) * i + np.uint64(k + 1)) * GAMMA
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z = z ^ (z >> np.uint64(31))
    return (z >> np.uint64(11)).astype(np.float64) * 2.0 ** -53


def generate(n):
    y = (uniforms(n, 0) < 0.2).astype(np.int64)
    s = np.floor((uniforms(n, 1) + y * 0.6 * uniforms(n, 2)) / 1.6 * 10000 + 0.5) / 10000
    return y, s


def full_set(y, s, thresholds=(0.1, 0.3, 0.5)):
    out = {
        "auroc": roc_auc_score(y, s),
        "auprc": average_precision_score(y, s),
        "brier": brier_score_loss(y, s),
        "log_loss": log_loss(y, s, eps=1e-15, labels=[0, 1]),
        "calibration_curve": calibration_curve(y, s, n_bins=10, strategy="uniform"),
    }
    for t in thresholds:
        flagged = s >= t
        tp = int(np.sum(flagged & (y == 1)))
        fp = int(np.sum(flagged & (y == 0)))
        out[f"counts@{t}"] = (tp, fp)
    return out


def timed(fn, repeats):
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return min(times), statistics.median(times)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args()
    warnings.simplefilter("ignore")
    y, s = generate(args.rows)
    print(f"rows={args.rows} positives={int(y.sum())} distinct scores={len(np.unique(s))} "
          f"auroc={roc_auc_score(y, s):.12f}")
    steps = [
        ("np.sort(copy)", lambda: np.sort(s.copy())),
        ("roc_auc_score", lambda: roc_auc_score(y, s)),
        ("average_precision_score", lambda: average_precision_score(y, s)),
        ("brier_score_loss", lambda: brier_score_loss(y, s)),
        ("log_loss", lambda: log_loss(y, s, eps=1e-15, labels=[0, 1])),
        ("calibration_curve", lambda: calibration_curve(y, s, n_bins=10, strategy="uniform")),
        ("threshold counts x3", lambda: [(np.sum((s >= t) & (y == 1)), np.sum((s >= t) & (y == 0)))
                                         for t in (0.1, 0.3, 0.5)]),
        ("full set", lambda: full_set(y, s)),
    ]
    for name, fn in steps:
        best, median = timed(fn, args.repeats)
        print(f"{name:26s} best {best:9.1f} ms   median {median:9.1f} ms")


if __name__ == "__main__":
    main()
