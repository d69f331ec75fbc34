"""Writes the inputs of the review golden cases (policy.yaml, inference.json).

The expected outputs are produced by the Java runner with -Dgolden.update=true and reviewed by hand.
"""
import json, os

HERE = os.path.dirname(os.path.abspath(__file__))
POLICY = """apiVersion: clinigate/v1
kind: ReviewPolicy
metadata: {name: cxr-pneumothorax-triage, version: 2, owner: radiology-ai-governance}
spec:
  require: [encounterId, modelVersion]
  requireWhenReviewed: [reviewerId, decision, rationale]
  thresholds: {urgent: 0.85, low: 0.15}
  rules:
    - id: urgent-flag-rejected
      when: "score >= threshold[urgent] && decision[reject]"
      route: SECONDARY_REVIEW
      approvers: [radiologist]
    - {id: override-escalates, when: "decision[override]", route: SECONDARY_REVIEW, approvers: [radiologist]}
    - {id: paediatric, when: "context[age] < 16", route: REVIEW, approvers: [paediatric-radiologist]}
    - {id: urgent, when: "score >= threshold[urgent]", route: REVIEW, approvers: [radiologist]}
    - {id: wrong-body-part, when: "!context[bodyPart=chest]", route: BLOCK}
    - {id: low-score, when: "score < threshold[low] && !reviewed", route: AUTO}
  default: REVIEW
"""
BASE = {"inferenceId": "inf-0001", "encounterId": "enc-77", "modelVersion": "2.4.0", "score": 0.93,
        "output": "pneumothorax", "context": {"age": 54, "bodyPart": "chest", "setting": "ED"}}

def review(decision, role="radiologist", reviewer="r-17", code="confirmed"):
    r = {"reviewerId": reviewer, "role": role, "decision": decision}
    if code:
        r["rationale"] = {"code": code, "text": "reviewed on PACS"}
    return r

def case(name, inference, policy=POLICY, raw=None):
    d = os.path.join(HERE, name)
    os.makedirs(d, exist_ok=True)
    open(os.path.join(d, "policy.yaml"), "w").write(policy)
    open(os.path.join(d, "inference.json"), "w").write(raw if raw is not None else json.dumps(inference, indent=2) + "\n")

def with_(**kw):
    x = json.loads(json.dumps(BASE))
    for k, v in kw.items():
        if v is None:
            x.pop(k, None)
        else:
            x[k] = v
    return x

case("auto-low-score", with_(score=0.04))
case("review-awaiting", with_())
case("review-approved-by-qualified-role", with_(review=review("approve")))
case("review-approver-not-qualified", with_(review=review("approve", role="emergency-physician", reviewer="e-4")))
case("secondary-review-urgent-rejected", with_(review=review("reject", code="artefact")))
case("secondary-review-override", with_(score=0.5, review=review("override", code="different-finding")))
case("review-paediatric", with_(context={"age": 9, "bodyPart": "chest"}))
case("default-route", with_(score=0.5))
case("block-rule-wrong-body-part", with_(score=0.5, context={"age": 54, "bodyPart": "abdomen"}))
case("block-missing-encounter-id", with_(encounterId=None))
case("block-missing-rationale", with_(review=review("approve", code=None)))
case("block-missing-reviewer-id", with_(review={"role": "radiologist", "decision": "approve",
                                                "rationale": {"code": "confirmed"}}))
case("block-undefined-condition", with_(context={"bodyPart": "chest"}))
case("inference-bad-input", None, raw='{"score": 1.7, "encounterId": 77, "review": {"decision": "maybe"}, "extra": 1}\n')
case("policy-errors", with_(), policy="""apiVersion: clinigate/v1
kind: ReviewPolicy
metadata: {name: bad-review, version: 1}
spec:
  thresholds: {urgent: 0.85}
  rules:
    - {id: a, when: "scor >= 0.5", route: REVIEW}
    - {id: b, when: "score >= threshold[urgnt]", route: REVIEW}
    - {id: c, when: "score * 2 >= 1", route: AUTO}
    - {id: c, when: "decision[maybe]", route: AUTO, approvers: [radiologist]}
    - {id: d, when: "score", route: ESCALATE}
""")
