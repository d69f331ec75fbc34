#!/usr/bin/env bash
# The whole clinigate story on the samples, in one command:
#   samples/story.sh [OUT_DIR]        (default OUT_DIR: target/story; nothing is written into the repository)
# Pima diabetes (real data, a Tribuo logistic regression made by samples/src/test/java/.../PimaStory.java): data
# contract, metrics by age band, the promotion decision with its model-card requirement, the audit log, the model
# card checked against three disclosure standards, the evidence report. Then the synthetic readmission model, whose
# site=east miscalibration blocks promotion. Prints where the reports are.
# Each 'step' line is also run, in-process, by samples' StoryScriptTest in 'mvn verify'.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
S="$root/samples"
OUT="${1:-$root/target/story}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
cg="$root/clinigate"

# step TITLE EXPECTED_EXIT STDOUT_FILE|- CLINIGATE_ARGS...: runs one clinigate command and checks its exit code
step() {
  local title="$1" expected="$2" file="$3"
  shift 3
  echo "== $title"
  local code=0
  if [ "$file" = "-" ]; then
    "$cg" "$@" || code=$?
  else
    "$cg" "$@" >"$OUT/$file" || code=$?
    echo "   -> $OUT/$file"
  fi
  if [ "$code" != "$expected" ]; then
    echo "story.sh: expected exit $expected, got $code: clinigate $*" >&2
    exit 1
  fi
}

step "Pima: the data contract on the training data (serum insulin is half missing, so it is not a model input)" 1 pima-contract.json \
  check --contract "$S/contracts/pima.contract.yaml" --data "$S/data/pima_diabetes.csv" --format json
step "Pima: metrics by age band from the Tribuo model's out-of-fold predictions" 0 pima-metrics.json \
  metrics --predictions "$S/pima-tribuo/predictions.csv" --label label --score score --group age_band \
  --threshold 0.3 --threshold 0.5 --bootstrap 1000 --seed 20260301
step "Pima: the promotion decision, with the model card its policy requires" 0 pima-decision.json \
  evaluate --policy "$S/pima-tribuo/policy.yaml" --evidence "$S/pima-tribuo/evidence.json" \
  --model-card "$S/pima-tribuo/card.yaml" --at 2026-03-01T09:00:00Z --format json
step "Pima: the audit log of that decision is intact" 0 - \
  audit verify "$S/pima-tribuo/audit.jsonl"
step "Pima: the model card, complete for CHAI, HTI-1 and TRIPOD+AI" 0 - \
  model-card --card "$S/pima-tribuo/card.yaml" --evidence "$S/pima-tribuo/evidence.json" \
  --standard chai-model-card-0.2 --standard hti1-dsi-2024 --standard tripod-ai-2024 \
  --format html --out "$OUT/pima-model-card.html"
step "Pima: the evidence report" 0 - \
  report --evidence "$S/pima-tribuo/evidence.json" --decision "$OUT/pima-decision.json" \
  --contract-result "$OUT/pima-contract.json" --policy "$S/pima-tribuo/policy.yaml" --out "$OUT/pima-report.html"
step "Readmission: the promotion decision (site=east is miscalibrated: NO_GO)" 1 readmission-decision.json \
  evaluate --policy "$S/readmission/policy.yaml" --evidence "$S/readmission/evidence.json" --format json
step "Readmission: the model card, complete for CHAI, not yet for HTI-1 (exit 1 names the missing items)" 1 - \
  model-card --card "$S/readmission/card.yaml" --evidence "$S/readmission/evidence.json" \
  --standard chai-model-card-0.2 --standard hti1-dsi-2024 --format html --out "$OUT/readmission-model-card.html"
step "Readmission: the evidence report" 0 - \
  report --evidence "$S/readmission/evidence.json" --decision "$OUT/readmission-decision.json" \
  --policy "$S/readmission/policy.yaml" --out "$OUT/readmission-report.html"

echo
echo "Reports:     $OUT/pima-report.html"
echo "             $OUT/readmission-report.html"
echo "Model cards: $OUT/pima-model-card.html"
echo "             $OUT/readmission-model-card.html"
