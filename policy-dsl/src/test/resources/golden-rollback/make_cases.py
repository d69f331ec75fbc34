"""Writes the inputs of the rollback golden cases (policy.yaml, windows.jsonl, at.txt).

The expected outputs are produced by the Java runner with -Dgolden.update=true and reviewed by hand:
there is no independent reference implementation of these rules to generate them from.
"""
import json, os
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
T0 = datetime(2026, 3, 1, tzinfo=timezone.utc)

def iso(t):
    return t.strftime('%Y-%m-%dT%H:%M:%SZ')

def days(metrics_list, step=timedelta(days=1), start=T0, **extra):
    out = []
    for i, m in enumerate(metrics_list):
        w = {"start": iso(start + i * step), "end": iso(start + (i + 1) * step)}
        w.update({k: (v[i] if isinstance(v, list) else v) for k, v in extra.items()})
        if isinstance(m, tuple):
            w.update(m[1]); m = m[0]
        w["metrics"] = m
        out.append(w)
    return out

BASE = """apiVersion: clinigate/v1
kind: RollbackPolicy
metadata: {name: aki-risk-monitor, version: 1}
spec:
"""

def case(name, spec, windows, at=None, raw=None):
    d = os.path.join(HERE, name)
    os.makedirs(d, exist_ok=True)
    open(os.path.join(d, "policy.yaml"), "w").write(BASE + spec if not spec.startswith("apiVersion") else spec)
    text = raw if raw is not None else "".join(json.dumps(w, separators=(",", ":")) + "\n" for w in windows)
    open(os.path.join(d, "windows.jsonl"), "w").write(text)
    if at:
        open(os.path.join(d, "at.txt"), "w").write(at + "\n")

MISSING = """  lastKnownGood: "2.3.0"
  minCases: 100
  triggers:
    - {id: creatinine-missing, metric: "missing_rate[creatinine]", max: 0.05, consecutiveWindows: 2}
"""
mr = lambda *vs: [{"missing_rate[creatinine]": v} for v in vs]
case("hold-all-pass", MISSING, days(mr(0.01, 0.02, 0.01), cases=400))
case("consecutive-fires", MISSING, days(mr(0.01, 0.31, 0.34), cases=400))
case("consecutive-broken-by-pass", MISSING, days(mr(0.31, 0.01, 0.34), cases=400))
case("min-cases-inconclusive-skipped", MISSING, days(mr(0.31, 0.50, 0.34), cases=[400, 40, 400]))
case("last-known-good-from-windows", MISSING, days(mr(0.2, 0.3), cases=400, modelVersion="2.4.0", lastKnownGood="2.3.1"))
case("failures-in-last", """  minCases: 100
  triggers:
    - {id: calibration, metric: calibration_intercept, between: [-0.2, 0.2], failuresInLast: {k: 3, of: 4}}
""", days([{"calibration_intercept": v} for v in (0.25, 0.1, -0.31, 0.22)], cases=500))
case("failures-in-last-not-enough", """  triggers:
    - {id: calibration, metric: calibration_intercept, between: [-0.2, 0.2], failuresInLast: {k: 3, of: 4}}
""", days([{"calibration_intercept": v} for v in (0.25, 0.1, -0.31, 0.1, 0.05)], cases=500))
case("inconclusive-limit-alert", """  minCases: 200
  inconclusiveLimit: {windows: 3, severity: alert}
  triggers:
    - {id: discrimination, metric: auroc, min: 0.70, consecutiveWindows: 2}
""", days([{"auroc": 0.8}] * 4, cases=[300, 50, 60, 70]))
case("nan-metric-inconclusive", """  triggers:
    - {id: calibration, metric: ece, max: 0.08}
""", None, raw='{"start":"2026-03-01T00:00:00Z","end":"2026-03-02T00:00:00Z","cases":300,"metrics":{"ece":0.03}}\n'
     '{"start":"2026-03-02T00:00:00Z","end":"2026-03-03T00:00:00Z","cases":300,"metrics":{"ece":"NaN"}}\n')
case("nan-metric-breach", """  lastKnownGood: "2.3.0"
  triggers:
    - {id: calibration, metric: ece, max: 0.08, consecutiveWindows: 2, onUndefined: breach}
""", None, raw='{"start":"2026-03-01T00:00:00Z","end":"2026-03-02T00:00:00Z","cases":300,"metrics":{"ece":0.11}}\n'
     '{"start":"2026-03-02T00:00:00Z","end":"2026-03-03T00:00:00Z","cases":300,"metrics":{"ece":null}}\n')
case("missing-metric-inconclusive", """  triggers:
    - {id: override-rate, metric: override_rate, max: 0.3}
""", days([{"ece": 0.03}], cases=300))
fivemin = timedelta(minutes=5)
BURN = """  lastKnownGood: "2.3.0"
  triggers:
    - {id: fast-burn, burnRate: {objective: 0.999, rate: 14.4, long: 1h, short: 5m}}
    - {id: slow-burn, burnRate: {objective: 0.999, rate: 6, long: 6h, short: 30m}, severity: alert}
"""
case("burn-rate-fast-fires", BURN, days([{}] * 12, step=fivemin, requests=1000,
     errors=[0, 0, 0, 0, 0, 0, 0, 0, 80, 80, 80, 80]))
case("burn-rate-not-sustained", BURN, days([{}] * 12, step=fivemin, requests=1000,
     errors=[0, 0, 0, 0, 0, 0, 20, 20, 20, 20, 20, 0]))
case("burn-rate-no-requests", BURN, days([{}] * 2, step=fivemin))
case("alert-severity-holds", """  triggers:
    - {id: latency, metric: p99_latency_ms, max: 800, consecutiveWindows: 2, severity: alert}
    - {id: calibration, metric: ece, max: 0.08}
""", days([{"p99_latency_ms": 950, "ece": 0.03}, {"p99_latency_ms": 1200, "ece": 0.04}], cases=300))
case("cooldown-suppresses", """  lastKnownGood: "2.3.0"
  cooldown: 3d
  triggers:
    - {id: calibration, metric: ece, max: 0.08}
""", days([{"ece": 0.12}, {"ece": 0.10}, {"ece": 0.03}, {"ece": 0.13}], cases=300,
          modelVersion=["2.4.0", "2.3.0", "2.3.0", "2.3.0"]))
# weeks are a duration unit in every schema (issue 14: one duration grammar)
case("cooldown-in-weeks", """  lastKnownGood: "2.3.0"
  cooldown: 1w
  triggers:
    - {id: calibration, metric: ece, max: 0.08}
""", days([{"ece": 0.12}, {"ece": 0.10}, {"ece": 0.03}, {"ece": 0.13}], cases=300,
          modelVersion=["2.4.0", "2.3.0", "2.3.0", "2.3.0"]))
case("probation-after-repromotion", """  lastKnownGood: "2.3.0"
  triggers:
    - {id: calibration, metric: ece, max: 0.08, consecutiveWindows: 2}
  probation:
    windows: 2
    triggers:
      - {id: calibration-strict, metric: ece, max: 0.05}
""", days([{"ece": 0.03}, {"ece": 0.06}, {"ece": 0.04}], cases=300, modelVersion=["2.3.0", "2.4.1", "2.4.1"]))
case("empty-window-list", MISSING, [], raw="")
case("windows-out-of-order", MISSING, None, raw=
     '{"start":"2026-03-02T00:00:00Z","end":"2026-03-03T00:00:00Z","cases":400,"metrics":{}}\n'
     '{"start":"2026-03-01T00:00:00Z","end":"2026-03-02T00:00:00Z","cases":400,"metrics":{}}\n')
case("windows-overlapping", MISSING, None, raw=
     '{"start":"2026-03-01T00:00:00Z","end":"2026-03-02T00:00:00Z","cases":400,"metrics":{}}\n'
     '{"start":"2026-03-01T12:00:00Z","end":"2026-03-02T12:00:00Z","cases":400,"metrics":{}}\n')
case("window-malformed", MISSING, None, raw=
     '{"start":"2026-03-01T00:00:00Z","end":"2026-03-01T00:00:00Z","cases":-4,"metrics":{"ece":"high"}}\n')
case("window-after-evaluation-time", MISSING, days(mr(0.01, 0.02), cases=400), at="2026-03-02T12:00:00Z")
case("evaluated-at-recorded", MISSING, days(mr(0.01, 0.02), cases=400), at="2026-03-03T00:00:00Z")
case("policy-errors", """  triggers:
    - {id: calibration, metric: ecee, max: 0.08}
    - {id: calibration, metric: "missing_rate", max: 0.05}
    - {id: counting, metric: ece, max: 0.1, failuresInLast: {k: 5, of: 3}}
    - {id: burn, burnRate: {objective: 0.999, rate: 14.4, long: 5m, short: 1h}}
    - {id: bounds, metric: auroc, min: 0.8, max: 0.7, severity: page}
""", days(mr(0.01), cases=400))

# issue 17: cohort triggers, REAPPROVE, DISABLE
COHORT = """  lastKnownGood: "2.3.0"
  minCases: 100
  triggers:
    - {id: calibration, metric: ece, max: 0.08, consecutiveWindows: 2}
    - {id: calibration-east, metric: "ece[site=east]", max: 0.08, consecutiveWindows: 2}
"""
case("cohort-trigger-fires", COHORT, days([{"ece": 0.04, "ece[site=east]": 0.12}, {"ece": 0.05, "ece[site=east]": 0.14}],
     cases=900, modelVersion="2.4.0"))
case("cohort-trigger-holds", COHORT, days([{"ece": 0.04, "ece[site=east]": 0.12}, {"ece": 0.05, "ece[site=east]": 0.06}],
     cases=900, modelVersion="2.4.0"))
case("cohort-absent-inconclusive", COHORT, days([{"ece": 0.04, "ece[site=east]": 0.12}, {"ece": 0.05, "ece[site=west]": 0.03}],
     cases=900, modelVersion="2.4.0"))
case("cohort-too-few-cases-inconclusive", COHORT, days([{"ece": 0.04, "ece[site=east]": 0.12, "n[site=east]": 300},
     {"ece": 0.05, "ece[site=east]": 0.31, "n[site=east]": 40}], cases=900, modelVersion="2.4.0"))
case("cohort-out-of-domain", COHORT, days([{"ece": 0.04, "ece[site=east]": 1.2}], cases=900))
case("cohort-policy-errors", """  triggers:
    - {id: spaced, metric: "ece[site = east]", max: 0.08}
    - {id: no-group, metric: "ece[site=]", max: 0.08}
    - {id: drift-cohort, metric: "psi[site=east]", max: 0.2}
    - {id: out-of-domain, metric: "ece[site=east]", max: 8}
    - {id: estimate, metric: "estimated_ppv[site=east]", min: 0.2}
""", days([{"ece": 0.04}], cases=900))
REAPPROVE = """  lastKnownGood: "2.3.0"
  triggers:
    - {id: calibration, metric: ece, max: 0.08, consecutiveWindows: 2}
    - {id: equity-east, metric: "ece[site=east]", max: 0.1, consecutiveWindows: 2, severity: reapprove}
    - {id: overrides, metric: override_rate, max: 0.25, severity: alert}
"""
case("reapprove-fires", REAPPROVE, days([{"ece": 0.04, "ece[site=east]": 0.13, "override_rate": 0.3},
     {"ece": 0.05, "ece[site=east]": 0.15, "override_rate": 0.1}], cases=900, modelVersion="2.4.0"))
case("rollback-outranks-reapprove", REAPPROVE, days([{"ece": 0.09, "ece[site=east]": 0.13},
     {"ece": 0.11, "ece[site=east]": 0.15}], cases=900, modelVersion="2.4.0"))
DISABLE = """  triggers:
    - {id: calibration, metric: ece, max: 0.08}
"""
case("disable-no-last-known-good", DISABLE, days([{"ece": 0.03}, {"ece": 0.12}], cases=300, modelVersion="2.4.0"))
case("disable-same-version", """  lastKnownGood: "2.4.0"
""" + DISABLE, days([{"ece": 0.03}, {"ece": 0.12}], cases=300, modelVersion="2.4.0"))
# a host that names the version that ran before the current one as last-known-good: after the rollback from
# 2.4.0 to 2.3.0 it names 2.4.0, which breached in these windows
case("disable-last-known-good-breaches", DISABLE, days([{"ece": 0.12}, {"ece": 0.03}, {"ece": 0.11}], cases=300,
     modelVersion=["2.4.0", "2.3.0", "2.3.0"], lastKnownGood=["2.3.0", "2.4.0", "2.4.0"]))
case("rollback-last-known-good-deployable", DISABLE, days([{"ece": 0.03}, {"ece": 0.04}, {"ece": 0.11}], cases=300,
     modelVersion=["2.3.0", "2.3.0", "2.4.0"], lastKnownGood=["2.2.0", "2.2.0", "2.3.0"]))
case("probation-within-cooldown-disables", """  lastKnownGood: "2.3.0"
  cooldown: 7d
  triggers:
    - {id: calibration, metric: ece, max: 0.08, consecutiveWindows: 2}
  probation:
    windows: 3
    triggers:
      - {id: calibration-strict, metric: ece, max: 0.05}
""", days([{"ece": 0.10}, {"ece": 0.12}, {"ece": 0.04}, {"ece": 0.06}], cases=300,
          modelVersion=["2.4.0", "2.4.0", "2.3.0", "2.3.0"]))
