#!/usr/bin/env python3
"""Writes the signed-approval golden cases (TEST-ONLY keys in this folder); see README.md."""
import base64, json, os, subprocess, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.join(HERE, "..", "golden")
# the evidence of golden/approvals-go without its approvals; its subject SHA-256 is known from that case
SUBJECT = "760b54af8f4b167903ed124ecb00a714e0974a6117026f9ad21941ccda1e2829"
OTHER = "0f" * 32  # the subject of some other evidence
BASE = '{"n": 12000, "metrics": {"auroc": 0.81},\n "model": {"name": "sepsis-ews", "version": "2.1.0", "author": "alice"}'
POLICY = """apiVersion: clinigate/v1
kind: PromotionPolicy
metadata: {name: golden, version: 1, riskTier: high}
spec:
  gates:
    - {id: discrimination, metric: auroc, min: 0.75}
  approvals:
    roles: [data-science-lead, clinical-champion, compliance]
"""
HIGH_NO_APPROVALS = """apiVersion: clinigate/v1
kind: PromotionPolicy
metadata: {name: golden, version: 1, riskTier: high}
spec:
  gates:
    - {id: discrimination, metric: auroc, min: 0.75}
"""
PEOPLE = [  # id, display name, roles, validFrom, validUntil
    ("bob", "Bob Ahmed", ["data-science-lead"], "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"),
    ("carol", "Carol Mensah", ["clinical-champion"], "2026-01-01T00:00:00+01:00", None),
    ("dan", "Dan Okafor", ["compliance", "auditor"], "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"),
    ("erin", "Erin Walsh", ["compliance"], "2025-01-01T00:00:00Z", "2026-02-01T00:00:00Z"),
    ("frank", "Frank Liu", ["compliance"], "2026-06-01T00:00:00Z", None),
    ("gina", "Gina Rossi", ["auditor"], "2026-01-01T00:00:00Z", None),
]
RATIONALE = {"data-science-lead": "Metrics reproduce from the frozen test set.",
             "clinical-champion": "Alerts are actionable on the ward.",
             "compliance": "Model card and impact assessment complete."}
TIME = {"data-science-lead": "2026-02-20T10:00:00Z", "clinical-champion": "2026-02-21T09:30:00Z",
        "compliance": "2026-02-22T16:00:00Z"}


def sign(key, data):
    with tempfile.NamedTemporaryFile(delete=False) as f:
        f.write(data)
    try:
        out = subprocess.run(["openssl", "pkeyutl", "-sign", "-rawin", "-inkey", os.path.join(HERE, key + ".pem"),
                              "-in", f.name], check=True, capture_output=True).stdout
    finally:
        os.unlink(f.name)
    return base64.b64encode(out).decode()


def message(a, sha=None):
    m = {"context": "clinigate/approval/v1", "decision": a["decision"], "evidenceSha256": sha or a["evidenceSha256"],
         "principal": a["principal"], "rationale": a["rationale"], "role": a["role"], "timestamp": a["timestamp"]}
    return json.dumps(m, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def approval(principal, role, key=None, signed=True, sha=None, flip=False):
    a = {"principal": principal, "role": role, "decision": "approve", "rationale": RATIONALE[role.lower()],
         "timestamp": TIME[role.lower()], "evidenceSha256": SUBJECT}
    if signed:
        sig = bytearray(base64.b64decode(sign(key or principal, message(a, sha))))
        if flip:
            sig[10] ^= 0x01
        a["signature"] = base64.b64encode(bytes(sig)).decode()
    return a


def roster():
    lines = ["apiVersion: clinigate/v1", "kind: Principals", "metadata: {name: golden-board, version: 1}", "spec:",
             "  principals:"]
    for pid, name, roles, since, until in PEOPLE:
        lines += [f"    - id: {pid}", f"      displayName: {name}", f"      roles: [{', '.join(roles)}]",
                  f'      validFrom: "{since}"']
        if until:
            lines.append(f'      validUntil: "{until}"')
        lines.append("      publicKey: |")
        with open(os.path.join(HERE, pid + ".pub.pem")) as f:
            lines += ["        " + l for l in f.read().strip().splitlines()]
    return "\n".join(lines) + "\n"


def case(name, approvals, policy=POLICY, with_roster=True, roster_sig="good"):
    d = os.path.join(GOLDEN, name)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "policy.yaml"), "w") as f:
        f.write(policy)
    with open(os.path.join(d, "at.txt"), "w") as f:
        f.write("2026-03-01T00:00:00Z\n")
    with open(os.path.join(d, "evidence.json"), "w") as f:
        f.write(BASE + ",\n \"approvals\": [\n  " + ",\n  ".join(json.dumps(a) for a in approvals) + "]}\n")
    if with_roster:
        text = roster()
        with open(os.path.join(d, "principals.yaml"), "w") as f:
            f.write(text)
        if roster_sig:
            with open(os.path.join(HERE, "roster.pub.pem")) as f, open(os.path.join(d, "roster-key.pub.pem"), "w") as g:
                g.write(f.read())
            signed = text if roster_sig == "good" else text.replace("compliance, auditor", "compliance, auditor, cmio")
            with open(os.path.join(d, "principals.yaml.sig"), "w") as f:
                f.write(sign("roster", signed.encode()) + "\n")


bob, carol, dan = (approval("bob", "data-science-lead"), approval("carol", "clinical-champion"),
                   approval("dan", "compliance"))
case("signed-approvals-go", [bob, carol, dan])
case("signed-approval-forged", [bob, carol, approval("dan", "compliance", flip=True)])
case("signed-approval-other-evidence", [bob, carol, approval("dan", "compliance", sha=OTHER)])
case("signed-approval-expired-principal", [bob, carol, approval("erin", "compliance")])
case("signed-approval-not-yet-valid", [bob, carol, approval("frank", "compliance")])
case("signed-approval-unknown-principal", [bob, carol, approval("mallory", "compliance")])
case("signed-approval-role-not-in-roster", [bob, carol, approval("gina", "compliance")])
case("signed-approval-unsigned", [bob, carol, approval("dan", "compliance", signed=False)])
case("signed-approval-role-case-folded", [bob, carol, approval("dan", "Compliance")], roster_sig=None)
case("signed-approvals-without-roster", [bob, carol, dan], with_roster=False)
case("signed-approvals-roster-signature-invalid", [bob, carol, dan], roster_sig="bad")
case("risk-tier-high-without-approvals-no-go", [approval("bob", "data-science-lead", signed=False)],
     policy=HIGH_NO_APPROVALS)
case("risk-tier-high-without-approvals-signed-go", [bob, carol], policy=HIGH_NO_APPROVALS)
