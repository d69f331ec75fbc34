"""Golden values for dev.clinigate.metrics.CohenKappa (run with /usr/bin/python3 generate.py).

kappa: scikit-learn cohen_kappa_score(rater1, rater2)
se:    statsmodels.stats.inter_rater.cohens_kappa(table).std_kappa (Fleiss, Cohen and Everitt 1969)
po, pe: the observed and chance agreement of the same table (numpy)

Writes cases.json: a list of {name, rater1, rater2, kappa, se, observed_agreement, expected_agreement};
kappa and se are null where the reference is undefined (nan). CI does not need Python: the output is
committed and read by CohenKappaGoldenTest.
"""
import json
import math

import numpy as np
import sklearn
import statsmodels
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import cohens_kappa


def case(name, r1, r2):
    r1 = [int(x) for x in r1]
    r2 = [int(x) for x in r2]
    k = max(max(r1), max(r2)) + 1
    table = np.zeros((k, k))
    for a, b in zip(r1, r2):
        table[a, b] += 1
    n = table.sum()
    po = float(np.trace(table) / n)
    pe = float((table.sum(1) / n) @ (table.sum(0) / n))
    with np.errstate(all="ignore"):
        kappa = float(cohen_kappa_score(r1, r2))
        se = float(cohens_kappa(table).std_kappa) if pe < 1 else float("nan")
    clean = lambda v: None if math.isnan(v) else v
    return {"name": name, "rater1": r1, "rater2": r2, "kappa": clean(kappa), "se": clean(se),
            "observed_agreement": po, "expected_agreement": pe}


rng = np.random.default_rng(20261204)
cases = []
# two raters of a binary outcome who mostly agree (chart review with a second reader)
truth = rng.random(500) < 0.18
flip1 = rng.random(500) < 0.08
flip2 = rng.random(500) < 0.12
cases.append(case("binary-500", truth ^ flip1, truth ^ flip2))
# small, hand-checkable: kappa 0.5
cases.append(case("binary-4", [1, 0, 1, 1], [1, 0, 0, 1]))
# perfect agreement: kappa 1, se 0
cases.append(case("perfect", [0, 1, 1, 0, 1], [0, 1, 1, 0, 1]))
# systematic disagreement: kappa -1
cases.append(case("opposite", [0, 1, 0, 1], [1, 0, 1, 0]))
# both raters constant and equal: undefined
cases.append(case("constant", [1, 1, 1], [1, 1, 1]))
# one rater constant, the other not: kappa 0
cases.append(case("one-constant", [1, 1, 1, 1], [1, 0, 1, 1]))
# rare outcome, 2,000 cases
truth = rng.random(2000) < 0.03
cases.append(case("rare-2000", truth ^ (rng.random(2000) < 0.01), truth ^ (rng.random(2000) < 0.02)))
# three categories (e.g. no / possible / definite sepsis)
t3 = rng.integers(0, 3, 300)
noise = rng.random(300) < 0.2
cases.append(case("three-categories", t3, np.where(noise, rng.integers(0, 3, 300), t3)))

with open("cases.json", "w") as f:
    json.dump({"sklearn": sklearn.__version__, "statsmodels": statsmodels.__version__, "cases": cases}, f)
    f.write("\n")
