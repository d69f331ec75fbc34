#!/usr/bin/env python3
"""Expected ROC and precision-recall curve points for CurvesGoldenTest, from scikit-learn.

Run from this directory with the Debian python3 (python3-sklearn 1.2.1):

    /usr/bin/python3 generate.py

For every case folder of ../binary whose input has both classes and at most 199 distinct scores (so that
the curves keep every point, without downsampling), writes to expected.json:
  roc  [[fpr, tpr], ...] from sklearn.metrics.roc_curve(y, p, drop_intermediate=False)
  pr   [[recall, precision], ...] from sklearn.metrics.precision_recall_curve(y, p)
Numbers are written with Python's repr (the shortest text that round-trips the double); the test
compares them exactly.
"""
import csv
import json
import os

import numpy as np
from sklearn.metrics import precision_recall_curve, roc_curve

BINARY = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "binary")


def read(case):
    with open(os.path.join(BINARY, case, "input.csv"), newline="") as f:
        rows = list(csv.reader(f))[1:]
    return np.array([int(r[0]) for r in rows]), np.array([float(r[1]) for r in rows])


def main():
    out = {}
    for case in sorted(os.listdir(BINARY)):
        if not os.path.exists(os.path.join(BINARY, case, "input.csv")):
            continue
        y, p = read(case)
        if len(np.unique(y)) < 2 or len(np.unique(p)) > 199:
            continue
        fpr, tpr, _ = roc_curve(y, p, drop_intermediate=False)
        precision, recall, _ = precision_recall_curve(y, p)
        out[case] = {
            "roc": [[float(a), float(b)] for a, b in zip(fpr, tpr)],
            "pr": [[float(a), float(b)] for a, b in zip(recall, precision)],
        }
    with open("expected.json", "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
