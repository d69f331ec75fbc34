#!/usr/bin/env python3
"""Reference for the subgroup-adjusted-bounds golden case: one-sided p-values of "the metric is beyond the
limit" from each group's point and 95% interval (se = (upper95 - lower95) / (2 * 1.959963984540054)), adjusted
with statsmodels.stats.multitest.multipletests(p, alpha=0.025, method=...) (statsmodels 0.13.5, Debian's
python3-statsmodels). Run: /usr/bin/python3 reference.py; its PASS/FAIL and adjusted p-values (2 significant
digits) are those of expected-explain.txt (checked when the case was written).
"""
import json
import os

from scipy.stats import norm
from statsmodels.stats.multitest import multipletests

HERE = os.path.dirname(os.path.abspath(__file__))
Z975 = 1.959963984540054
groups = json.load(open(os.path.join(HERE, "evidence.json")))["groups"]["site"]


def family(metric, limit, lower, min_n=0):
    names, ps = [], []
    for name, g in sorted(groups.items()):
        iv = g.get("intervals", {}).get(metric)
        if g["n"] < min_n or iv is None:
            continue
        se = (iv["upper95"] - iv["lower95"]) / (2 * Z975)
        point = g["metrics"][metric]
        z = (point - limit) / se if lower else (limit - point) / se
        names.append(name)
        ps.append(norm.sf(z))
    return names, ps


for gate, metric, limit, lower, min_n, method in [
        ("site-auroc-holm", "auroc", 0.75, True, 0, "holm"),
        ("site-auroc-bonferroni", "auroc", 0.75, True, 0, "bonferroni"),
        ("site-ece-holm", "ece", 0.05, False, 1000, "holm")]:
    names, ps = family(metric, limit, lower, min_n)
    reject, adjusted, _, _ = multipletests(ps, alpha=0.025, method=method)
    for n, p, a, r in zip(names, ps, adjusted, reject):
        print(f"{gate} site={n}: p={p:.6g} adjusted={a:.6g} {'PASS' if r else 'FAIL'}")
