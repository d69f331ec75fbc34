#!/usr/bin/env python3
"""Reference for the subgroup-adjusted-pvalues golden case: the sites' Spiegelhalter p-values adjusted with
statsmodels.stats.multitest.multipletests(p, alpha=0.05, method='holm'|'fdr_bh') (statsmodels 0.13.5, Debian's
python3-statsmodels). Run: /usr/bin/python3 reference.py; its adjusted p-values (3 significant digits) and
PASS/FAIL (PASS = not rejected) are those of expected-explain.txt (checked when the case was written).
"""
import json
import os

from statsmodels.stats.multitest import multipletests

HERE = os.path.dirname(os.path.abspath(__file__))
sites = json.load(open(os.path.join(HERE, "evidence.json")))["groups"]["site"]
names = sorted(sites)
p = [sites[s]["metrics"]["spiegelhalter_p"] for s in names]
for method in ("holm", "fdr_bh"):
    reject, adjusted, _, _ = multipletests(p, alpha=0.05, method=method)
    for n, a, r in zip(names, adjusted, reject):
        print(f"{method} site={n}: adjusted={a:.3g} {'FAIL' if r else 'PASS'}")
