package dev.clinigate.internal;

import dev.clinigate.Problem;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonDocument;
import dev.clinigate.json.JsonNumber;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Structural validation of evidence. Design note: containers are checked strictly (a {@code metrics}
 * that is not an object makes the evidence meaningless, so loading fails); leaf values are not, because
 * a rule that reads a null, a string or a missing value reports it as {@code MISSING}, which fails closed
 * and explains itself inside the decision. Unknown keys are allowed: evidence is produced by many tools.
 * Numbers are checked against their domains ({@link EvidenceDomains}).
 */
public final class EvidenceShape {
  private final JsonDocument doc;
  private final List<Problem> problems = new ArrayList<>();

  private EvidenceShape(JsonDocument doc) {
    this.doc = doc;
  }

  /** Every structural problem of an evidence document, in document order. */
  public static List<Problem> validate(JsonDocument doc) {
    EvidenceShape s = new EvidenceShape(doc);
    if (!(doc.root() instanceof JsonObject root)) {
      s.problems.add(doc.problem("$", "evidence must be a JSON object",
          "start from the output of 'clinigate metrics --format json'"));
      return s.problems;
    }
    s.metricSet(root, "$", 0);
    JsonValue baseline = root.members().get("baseline");
    if (baseline != null && s.expectObject(baseline, "$.baseline", "a metrics report of the baseline model")) {
      s.metricSet((JsonObject) baseline, "$.baseline", 0);
    }
    JsonValue drift = root.members().get("drift");
    if (drift != null && s.expectObject(drift, "$.drift", "a drift report: {\"features\": {...}}")) {
      s.features(((JsonObject) drift).members().get("features"), "$.drift.features");
    }
    s.features(root.members().get("features"), "$.features");
    s.governance(root);
    s.provenance(root);
    EvidenceDomains.check(doc, root, s.problems);
    s.problems.sort(null); // document order (source, line, column), whatever order the checks ran in
    return s.problems;
  }

  /** The governance sections: objects and arrays of objects; their leaves are judged by the rules. */
  private void governance(JsonObject root) {
    Map<String, JsonValue> m = root.members();
    for (String key : List.of("model", "dataset", "stage")) {
      JsonValue v = m.get(key);
      if (v != null) {
        expectObject(v, "$." + key, switch (key) {
          case "model" -> "an object, e.g. {\"name\": \"sepsis-ews\", \"version\": \"2.1.0\", \"author\": \"alice\"}";
          case "dataset" -> "an object, e.g. {\"id\": \"gold.sepsis.2025q4\", \"version\": \"7\"}";
          default -> "an object, e.g. {\"current\": \"staging\", \"target\": \"production\"}";
        });
      }
    }
    objectOfObjects(m.get("artifacts"), "$.artifacts", "an object of artifacts, e.g. {\"modelCard\": {\"uri\": "
        + "\"s3://models/card.md\", \"sha256\": \"...\"}}", "an object with uri and sha256");
    objectOfObjects(m.get("contracts"), "$.contracts", "an object of contract results, e.g. {\"features\": "
        + "{\"status\": \"PASS\"}}", "a contract check result with a status");
    objectOfObjects(m.get("comparison"), "$.comparison", "an object of paired differences, e.g. {\"auroc\": "
        + "{\"difference\": 0.004, \"lower95\": -0.006, \"upper95\": 0.014}}", "an object with difference, lower95 "
        + "and upper95");
    JsonValue deployment = m.get("deployment");
    if (deployment != null && expectObject(deployment, "$.deployment", "an object, e.g. {\"shadow\": {\"days\": 30, "
        + "\"cases\": 4100}}")) {
      for (String key : List.of("shadow", "canary", "ab")) {
        JsonValue v = ((JsonObject) deployment).members().get(key);
        if (v != null && expectObject(v, "$.deployment." + key, key.equals("shadow") ? "an object, e.g. {\"days\": 30, "
            + "\"cases\": 4100, \"agreement\": 0.94}" : key.equals("canary") ? "an object, e.g. {\"days\": 7, "
            + "\"trafficPercent\": 5, \"cases\": 900}" : "an object, e.g. {\"cases\": 2400, \"overrideRate\": 0.04}")) {
          objectOfObjects(((JsonObject) v).members().get("performance"), "$.deployment." + key + ".performance",
              "an object of comparisons with the control, e.g. {\"auroc\": {\"candidate\": 0.81, \"control\": 0.8, "
              + "\"difference\": 0.01, \"lower95\": -0.004, \"upper95\": 0.024}}", "an object with candidate, control, "
              + "difference, lower95 and upper95");
        }
      }
    }
    arrayOfObjects(m.get("approvals"), "$.approvals", "an array of approvals, e.g. [{\"principal\": \"bob\", "
        + "\"role\": \"compliance\", \"decision\": \"approve\", ...}]", "an approval object");
    arrayOfObjects(m.get("waivers"), "$.waivers", "an array of waivers, e.g. [{\"rule\": \"calibration\", "
        + "\"approver\": \"carol\", ...}]", "a waiver object");
  }

  /**
   * The provenance sections: {@code labels} (with {@code agreement.cohen_kappa}), the validation cohorts
   * ({@code validation.temporal}, {@code validation.external}: metrics reports with a {@code lineage}) and
   * the declared {@code change}.
   */
  private void provenance(JsonObject root) {
    Map<String, JsonValue> m = root.members();
    JsonValue labels = m.get("labels");
    if (labels != null && expectObject(labels, "$.labels", "an object, e.g. {\"source\": \"chart-review\", "
        + "\"method\": \"adjudication\", \"raters\": 2}")) {
      JsonValue agreement = ((JsonObject) labels).members().get("agreement");
      if (agreement != null && expectObject(agreement, "$.labels.agreement", "an object, e.g. {\"cohen_kappa\": "
          + "{\"point\": 0.72, \"lower95\": 0.66, \"upper95\": 0.78}}")) {
        JsonValue kappa = ((JsonObject) agreement).members().get("cohen_kappa");
        if (kappa != null) {
          expectObject(kappa, "$.labels.agreement.cohen_kappa", "an object with point, lower95 and upper95");
        }
      }
    }
    JsonValue validation = m.get("validation");
    if (validation != null && expectObject(validation, "$.validation", "an object of validation cohorts, e.g. "
        + "{\"external\": {\"n\": 5200, \"metrics\": {...}, \"lineage\": {...}}}")) {
      for (Map.Entry<String, JsonValue> e : ((JsonObject) validation).members().entrySet()) {
        String p = Json.childPath("$.validation", e.getKey());
        if (!expectObject(e.getValue(), p, "a metrics report of the cohort with its lineage")) {
          continue;
        }
        JsonObject cohort = (JsonObject) e.getValue();
        metricSet(cohort, p, 0);
        JsonValue lineage = cohort.members().get("lineage");
        String lp = Json.childPath(p, "lineage");
        if (lineage != null && expectObject(lineage, lp, "an object, e.g. {\"dataset\": {\"id\": ..., \"version\": "
            + "...}, \"period\": {\"from\": \"2025-01-01\", \"to\": \"2025-06-30\"}, \"site\": ...}")) {
          for (String key : List.of("dataset", "period")) {
            JsonValue v = ((JsonObject) lineage).members().get(key);
            if (v != null) {
              expectObject(v, Json.childPath(lp, key), key.equals("dataset") ? "an object with id and version"
                  : "an object with from and to (ISO dates)");
            }
          }
        }
      }
    }
    JsonValue change = m.get("change");
    if (change != null && expectObject(change, "$.change", "an object, e.g. {\"type\": \"recalibration\", "
        + "\"from\": {\"version\": \"3.1.0\"}, \"description\": ...}")) {
      JsonValue from = ((JsonObject) change).members().get("from");
      if (from != null) {
        expectObject(from, "$.change.from", "an object, e.g. {\"version\": \"3.1.0\"}");
      }
    }
  }

  private void objectOfObjects(JsonValue v, String path, String what, String member) {
    if (v != null && expectObject(v, path, what)) {
      for (Map.Entry<String, JsonValue> e : ((JsonObject) v).members().entrySet()) {
        expectObject(e.getValue(), Json.childPath(path, e.getKey()), member);
      }
    }
  }

  private void arrayOfObjects(JsonValue v, String path, String what, String element) {
    if (v == null) {
      return;
    }
    if (!(v instanceof JsonArray a)) {
      problems.add(doc.problem(path, path.substring(2) + " must be " + what + ", found " + describe(v), ""));
      return;
    }
    for (int i = 0; i < a.size(); i++) {
      String p = Json.indexPath(path, i);
      if (!(a.get(i) instanceof JsonObject)) {
        problems.add(doc.problem(p, path.substring(2) + "[" + i + "] must be " + element + ", found "
            + describe(a.get(i)), ""));
      }
    }
  }

  private void features(JsonValue v, String path) {
    if (v == null) {
      return;
    }
    if (expectObject(v, path, "an object of features, e.g. {\"age\": {\"psi\": 0.02}}")) {
      for (Map.Entry<String, JsonValue> e : ((JsonObject) v).members().entrySet()) {
        expectObject(e.getValue(), Json.childPath(path, e.getKey()), "an object of drift metrics");
      }
    }
  }

  private void metricSet(JsonObject set, String path, int depth) {
    Map<String, JsonValue> m = set.members();
    JsonValue metrics = m.get("metrics");
    if (metrics != null) {
      expectObject(metrics, Json.childPath(path, "metrics"), "an object of metric values, e.g. {\"auroc\": 0.81}");
    }
    JsonValue intervals = m.get("intervals");
    if (intervals != null && expectObject(intervals, Json.childPath(path, "intervals"),
        "an object of intervals, e.g. {\"auroc\": {\"lower95\": 0.79, \"upper95\": 0.83}}")) {
      for (Map.Entry<String, JsonValue> e : ((JsonObject) intervals).members().entrySet()) {
        expectObject(e.getValue(), Json.childPath(Json.childPath(path, "intervals"), e.getKey()),
            "an object with lower95 and upper95");
      }
    }
    JsonValue thresholds = m.get("thresholds");
    if (thresholds != null) {
      thresholds(thresholds, Json.childPath(path, "thresholds"));
    }
    JsonValue groups = m.get("groups");
    if (groups != null && depth == 0) {
      String gp = Json.childPath(path, "groups");
      if (expectObject(groups, gp, "an object of group columns, e.g. {\"site\": {\"east\": {...}}}")) {
        for (Map.Entry<String, JsonValue> col : ((JsonObject) groups).members().entrySet()) {
          String cp = Json.childPath(gp, col.getKey());
          if (expectObject(col.getValue(), cp, "an object of groups, e.g. {\"east\": {\"n\": 812, ...}}")) {
            for (Map.Entry<String, JsonValue> g : ((JsonObject) col.getValue()).members().entrySet()) {
              String p = Json.childPath(cp, g.getKey());
              if (expectObject(g.getValue(), p, "a metrics report of the group")) {
                metricSet((JsonObject) g.getValue(), p, depth + 1);
              }
            }
          }
        }
      }
    }
  }

  private void thresholds(JsonValue v, String path) {
    if (!(v instanceof JsonArray arr)) {
      problems.add(doc.problem(path, "thresholds must be an array",
          "write [{\"threshold\": 0.5, \"sensitivity\": 0.8, ...}]"));
      return;
    }
    Set<Double> seen = new HashSet<>();
    for (int i = 0; i < arr.size(); i++) {
      String p = Json.indexPath(path, i);
      if (!expectObject(arr.get(i), p, "an object with a threshold and its metrics")) {
        continue;
      }
      JsonValue t = ((JsonObject) arr.get(i)).members().get("threshold");
      String tp = Json.childPath(p, "threshold");
      if (!(t instanceof JsonNumber n) || n.value() < 0.0 || n.value() > 1.0) {
        problems.add(doc.problem(t == null ? p : tp, "each thresholds entry needs a \"threshold\" number in [0, 1]",
            "write {\"threshold\": 0.5, ...}"));
      } else if (!seen.add(n.value())) {
        problems.add(doc.problem(tp, "threshold " + Json.number(n) + " is listed twice",
            "keep one entry per threshold"));
      }
    }
  }

  private boolean expectObject(JsonValue v, String path, String what) {
    if (v instanceof JsonObject) {
      return true;
    }
    problems.add(doc.problem(path, path.substring(path.lastIndexOf('.') + 1) + " must be " + what + ", found "
        + describe(v), ""));
    return false;
  }

  private static String describe(JsonValue v) {
    return switch (v.kind()) {
      case OBJECT -> "an object";
      case ARRAY -> "an array";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
    };
  }
}
