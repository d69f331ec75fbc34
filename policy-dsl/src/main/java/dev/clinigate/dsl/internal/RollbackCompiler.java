package dev.clinigate.dsl.internal;

import dev.clinigate.BurnRateTrigger;
import dev.clinigate.CusumTrigger;
import dev.clinigate.Domain;
import dev.clinigate.MetricTrigger;
import dev.clinigate.PolicyException;
import dev.clinigate.PolicyMetadata;
import dev.clinigate.Problem;
import dev.clinigate.RollbackPolicy;
import dev.clinigate.RollbackTrigger;
import dev.clinigate.Severity;
import dev.clinigate.dsl.SchemaValidator;
import dev.clinigate.Suggest;
import dev.clinigate.Durations;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonDocument;
import dev.clinigate.json.JsonNumber;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import dev.clinigate.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeSet;

/**
 * YAML document of kind {@code RollbackPolicy} to compiled {@link RollbackPolicy}: schema first, then
 * meaning (known metric names with "did you mean", bounds, counting, burn-rate windows, unique ids). Every
 * problem is collected and reported at once.
 */
final class RollbackCompiler {
  static final SchemaValidator SCHEMA = SchemaValidator.forResource("/dev/clinigate/dsl/rollback-policy.schema.json");

  /** Metrics judged per window. */
  static final List<String> METRICS = List.of("alert_rate", "auprc", "auroc", "brier", "calibration_intercept",
      "calibration_slope", "e50", "e90", "ece", "emax", "error_rate", "estimated_npv", "estimated_ppv",
      "estimated_prevalence", "estimated_sensitivity", "estimated_specificity", "ici", "log_loss", "mce", "oe_ratio",
      "override_rate", "p50_latency_ms", "p95_latency_ms", "p99_latency_ms", "prevalence");
  /** Metrics per feature, written {@code name[feature]}. */
  static final List<String> FEATURE_METRICS = List.of("js_distance", "ks", "missing_rate", "psi", "wasserstein");

  private final JsonDocument doc;
  private final List<Problem> problems = new ArrayList<>();

  private RollbackCompiler(JsonDocument doc) {
    this.doc = doc;
  }

  static RollbackPolicy compile(JsonDocument doc) {
    return new RollbackCompiler(doc).compile();
  }

  private RollbackPolicy compile() {
    problems.addAll(SCHEMA.validate(doc));
    JsonObject root = (JsonObject) doc.root();
    PolicyMetadata metadata = Metadata.of(root);
    JsonObject spec = root.members().get("spec") instanceof JsonObject s ? s : null;
    RollbackPolicy.Builder b = metadata == null ? null : RollbackPolicy.builder(metadata);
    List<RollbackTrigger> triggers = new ArrayList<>();
    List<RollbackTrigger> probation = new ArrayList<>();
    if (spec != null) {
      triggers = triggers(spec, "$.spec.triggers");
      if (spec.members().get("probation") instanceof JsonObject p) {
        probation = triggers(p, "$.spec.probation.triggers");
      }
    }
    if (!problems.isEmpty() || b == null || spec == null) {
      throw new PolicyException(sorted());
    }
    b.lastKnownGood(Optional.ofNullable(str(spec, "lastKnownGood")));
    b.minCases(spec.members().get("minCases") instanceof JsonNumber n ? n.longValue() : 0);
    if (spec.members().get("inconclusiveLimit") instanceof JsonObject l) {
      b.inconclusiveLimit(Optional.of(new RollbackPolicy.InconclusiveLimit((int) ((JsonNumber) l.members().get("windows"))
          .longValue(), severity(l))));
    }
    if (str(spec, "cooldown") != null) {
      Duration d = duration(spec, "cooldown", "$.spec.cooldown");
      b.cooldown(Optional.ofNullable(d));
    }
    triggers.forEach(b::trigger);
    if (spec.members().get("probation") instanceof JsonObject p) {
      b.probation(Optional.of(new RollbackPolicy.Probation((int) ((JsonNumber) p.members().get("windows")).longValue(),
          probation)));
    }
    if (!problems.isEmpty()) {
      throw new PolicyException(sorted());
    }
    b.sourceMap(SourceMapper.rollback(doc));
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new PolicyException(doc.problem("$.spec", e.getMessage(), "see docs/rollback-and-review.md"));
    }
  }

  private List<RollbackTrigger> triggers(JsonObject parent, String path) {
    List<RollbackTrigger> out = new ArrayList<>();
    if (!(parent.members().get("triggers") instanceof JsonArray a)) {
      return out;
    }
    Map<String, String> seen = new HashMap<>();
    for (int i = 0; i < a.size(); i++) {
      if (a.get(i) instanceof JsonObject t) {
        RollbackTrigger r = trigger(t, Json.indexPath(path, i), seen);
        if (r != null) {
          out.add(r);
        }
      }
    }
    return out;
  }

  private RollbackTrigger trigger(JsonObject t, String path, Map<String, String> seen) {
    int before = problems.size();
    String id = str(t, "id");
    if (id != null) {
      String first = seen.putIfAbsent(id, path);
      if (first != null) {
        Problem at = doc.problem(Json.childPath(first, "id"), "", "");
        problems.add(doc.problem(Json.childPath(path, "id"), "duplicate trigger id \"" + id + "\"",
            "ids must be unique; the first \"" + id + "\" is at line " + (at.line() == 0 ? "?" : at.line())));
      }
    }
    Severity severity = severity(t);
    if (t.has("cusum")) {
      return cusum(t, path, id, severity, before);
    }
    boolean burn = t.has("burnRate");
    if (burn) {
      for (String key : List.of("metric", "min", "max", "between", "consecutiveWindows", "failuresInLast", "onUndefined")) {
        if (t.has(key)) {
          problems.add(doc.problem(Json.childPath(path, key) + "#key", key + " cannot be combined with burnRate",
              "a burnRate trigger judges requests and errors; put the metric bound in a separate trigger"));
        }
      }
      if (!(t.members().get("burnRate") instanceof JsonObject br) || problems.size() > before || id == null) {
        return null;
      }
      Duration lw = duration(br, "long", Json.childPath(path, "burnRate.long"));
      Duration sw = duration(br, "short", Json.childPath(path, "burnRate.short"));
      if (lw == null || sw == null) {
        return null;
      }
      if (sw.compareTo(lw) > 0) {
        problems.add(doc.problem(Json.childPath(Json.childPath(path, "burnRate"), "short"), "the short window "
            + Durations.format(sw) + " is longer than the long window " + Durations.format(lw),
            "the short window confirms a recent burn: write e.g. long: 1h, short: 5m"));
        return null;
      }
      if (!(br.members().get("objective") instanceof JsonNumber on) || !(br.members().get("rate") instanceof JsonNumber rn)
          || !(on.value() > 0 && on.value() < 1) || !(rn.value() > 0)) {
        return null; // the schema reported it
      }
      double objective = on.value();
      double rate = rn.value();
      try {
        return new BurnRateTrigger(id, objective, rate, lw, sw, severity);
      } catch (IllegalArgumentException e) {
        if (problems.isEmpty()) {
          problems.add(doc.problem(Json.childPath(path, "burnRate"), e.getMessage(), "see docs/rollback-and-review.md"));
        }
        return null;
      }
    }
    String metric = str(t, "metric");
    if (!t.has("metric")) {
      problems.add(doc.problem(path, "trigger " + (id == null ? "" : "\"" + id + "\" ") + "has no metric",
          "add metric: ece (or another monitoring metric), burnRate: {...} or cusum: {...}"));
    } else if (metric != null) {
      checkMetric(metric, Json.childPath(path, "metric"));
    }
    boolean acknowledged = t.members().get("assumesCalibration") instanceof dev.clinigate.json.JsonBoolean ack
        && ack.value();
    if (metric != null && metric.startsWith("estimated_") && METRICS.contains(Domain.baseName(metric)) && !acknowledged) {
      problems.add(doc.problem(Json.childPath(path, "metric"), metric + " is a label-free estimate that is only "
          + "right if the model is calibrated", "a miscalibrated model misstates it (see docs/metrics.md#label-free-"
          + "estimates); add assumesCalibration: true to the trigger to acknowledge that, or monitor a measured metric"));
    } else if (t.has("assumesCalibration") && (metric == null || !metric.startsWith("estimated_"))) {
      problems.add(doc.problem(Json.childPath(path, "assumesCalibration") + "#key", "assumesCalibration applies only to "
          + "estimated_* metrics", "remove it: this trigger's metric is measured, not estimated"));
    }
    OptionalDouble min = num(t, "min");
    OptionalDouble max = num(t, "max");
    if (t.members().get("between") instanceof JsonArray between && between.size() == 2
        && between.get(0) instanceof JsonNumber lo && between.get(1) instanceof JsonNumber hi) {
      if (min.isPresent() || max.isPresent()) {
        problems.add(doc.problem(Json.childPath(path, "between"), "between cannot be combined with min or max",
            "use either between: [lo, hi] or min/max"));
      }
      min = OptionalDouble.of(lo.value());
      max = OptionalDouble.of(hi.value());
      if (lo.value() > hi.value()) {
        problems.add(doc.problem(Json.childPath(path, "between"), "between [" + Json.number(lo) + ", "
            + Json.number(hi) + "] has its lower end above its upper end", "write the smaller number first"));
      }
    } else if (min.isPresent() && max.isPresent() && min.getAsDouble() > max.getAsDouble()) {
      problems.add(doc.problem(Json.childPath(path, "min"), "min " + Json.number(JsonNumber.of(min.getAsDouble()))
          + " is greater than max " + Json.number(JsonNumber.of(max.getAsDouble())), "no value could pass: swap them"));
    }
    if (metric != null) {
      DomainBounds.check(t, path, metric, Domain.ofMetricKey(metric), doc::problem, problems);
    }
    if (min.isEmpty() && max.isEmpty() && t.has("metric")) {
      problems.add(doc.problem(path, "trigger " + (id == null ? "" : "\"" + id + "\" ") + "has no bound",
          "add min, max or between"));
    }
    int k = 1;
    int of = 0;
    if (t.has("consecutiveWindows") && t.has("failuresInLast")) {
      problems.add(doc.problem(Json.childPath(path, "failuresInLast"), "failuresInLast cannot be combined with "
          + "consecutiveWindows", "choose one way of counting breaching windows"));
    }
    if (t.members().get("consecutiveWindows") instanceof JsonNumber n) {
      k = (int) Math.min(Integer.MAX_VALUE, n.longValue());
    }
    if (t.members().get("failuresInLast") instanceof JsonObject f && f.members().get("k") instanceof JsonNumber fk
        && f.members().get("of") instanceof JsonNumber fo) {
      k = (int) Math.min(Integer.MAX_VALUE, fk.longValue());
      of = (int) Math.min(Integer.MAX_VALUE, fo.longValue());
      if (k > of) {
        problems.add(doc.problem(Json.childPath(Json.childPath(path, "failuresInLast"), "k"), "failuresInLast k "
            + k + " is more than of " + of, "k counts breaches among the last 'of' windows: write e.g. {k: 3, of: 5}"));
      }
    }
    MetricTrigger.OnUndefined onUndefined = "breach".equals(str(t, "onUndefined"))
        ? MetricTrigger.OnUndefined.BREACH : MetricTrigger.OnUndefined.INCONCLUSIVE;
    if (problems.size() > before || id == null || metric == null) {
      return null;
    }
    try {
      return new MetricTrigger(id, metric, min, max, k, of, severity, onUndefined);
    } catch (IllegalArgumentException e) {
      if (problems.isEmpty()) { // else the schema already reported the value (e.g. consecutiveWindows: 0)
        problems.add(doc.problem(path, e.getMessage(), "see docs/rollback-and-review.md"));
      }
      return null;
    }
  }

  private CusumTrigger cusum(JsonObject t, String path, String id, Severity severity, int before) {
    for (String key : List.of("metric", "min", "max", "between", "consecutiveWindows", "failuresInLast", "onUndefined",
        "burnRate")) {
      if (t.has(key)) {
        problems.add(doc.problem(Json.childPath(path, key) + "#key", key + " cannot be combined with cusum",
            "a cusum trigger accumulates observed against expected events; put other conditions in a separate trigger"));
      }
    }
    if (!(t.members().get("cusum") instanceof JsonObject c)) {
      return null; // the schema reported it
    }
    String cpath = Json.childPath(path, "cusum");
    if (c.members().get("oddsRatio") instanceof JsonNumber r && !(r.value() > 0 && r.value() != 1)) {
      problems.add(doc.problem(Json.childPath(cpath, "oddsRatio"), "oddsRatio must be positive and not 1, found "
          + Json.number(r), "1 is the odds ratio of a model in control: write e.g. 2 to detect twice the odds of the "
          + "event, or 0.5 to detect half"));
    }
    if (c.members().get("h") instanceof JsonNumber h && !(h.value() > 0)) {
      problems.add(doc.problem(Json.childPath(cpath, "h"), "h must be positive, found " + Json.number(h),
          "choose h for a target in-control run length: see docs/rollback-and-review.md#choosing-h"));
    }
    String observed = str(c, "observed");
    String expected = str(c, "expected");
    if (observed != null && observed.equals(expected)) {
      problems.add(doc.problem(Json.childPath(cpath, "expected"), "expected reads the same window metric \"" + observed
          + "\" as observed", "expected is the sum of the predicted risks in the window, e.g. expected_events"));
    }
    if (problems.size() > before || id == null || observed == null || expected == null
        || !(c.members().get("oddsRatio") instanceof JsonNumber r) || !(c.members().get("h") instanceof JsonNumber h)) {
      return null;
    }
    return new CusumTrigger(id, observed, expected, r.value(), h.value(), severity);
  }

  private void checkMetric(String metric, String path) {
    int open = metric.indexOf('[');
    if (open < 0) {
      if (!METRICS.contains(metric)) {
        List<String> all = new ArrayList<>(METRICS);
        FEATURE_METRICS.forEach(f -> all.add(f + "[<feature>]"));
        String hint = FEATURE_METRICS.contains(metric) ? "name the feature: " + metric + "[creatinine]"
            : Suggest.hint(metric, METRICS, "monitoring metrics: " + String.join(", ", all));
        problems.add(doc.problem(path, "unknown monitoring metric \"" + metric + "\"", hint));
      }
      return;
    }
    String name = metric.substring(0, open);
    if (METRICS.contains(name) && metric.indexOf('=', open) >= 0) {
      checkCohort(metric, name, open, path);
      return;
    }
    if (FEATURE_METRICS.contains(name) && metric.indexOf('=', open) >= 0) {
      problems.add(doc.problem(path, name + " is per feature and has no cohorts: \"" + metric + "\"",
          "write " + name + "[<feature>], e.g. " + name + "[creatinine]; cohorts apply to whole-set metrics such as "
              + "ece[site=east]"));
      return;
    }
    if (!FEATURE_METRICS.contains(name) || !metric.endsWith("]") || metric.length() <= open + 2
        || metric.substring(open + 1, metric.length() - 1).contains("[")) {
      String hint = FEATURE_METRICS.contains(name) ? "write " + name + "[<feature>], e.g. " + name + "[creatinine]"
          : Suggest.hint(name, FEATURE_METRICS, "per-feature metrics: " + String.join(", ", FEATURE_METRICS));
      problems.add(doc.problem(path, "unknown monitoring metric \"" + metric + "\"", hint));
    }
  }

  /**
   * A cohort metric, {@code ece[site=east]}: a whole-set monitoring metric and one {@code column=value}, as
   * promotion conditions select a group. Windows must report it under exactly this key, so spaces around the
   * parts, a second {@code =} or nested brackets are errors rather than a key no window will ever carry.
   */
  private void checkCohort(String metric, String name, int open, String path) {
    String inner = metric.endsWith("]") ? metric.substring(open + 1, metric.length() - 1) : "";
    int eq = inner.indexOf('=');
    String column = eq < 0 ? "" : inner.substring(0, eq);
    String group = eq < 0 ? "" : inner.substring(eq + 1);
    boolean ok = !column.isBlank() && !group.isBlank() && column.equals(column.strip()) && group.equals(group.strip())
        && group.indexOf('=') < 0 && inner.indexOf('[') < 0 && inner.indexOf(']') < 0;
    if (!ok) {
      problems.add(doc.problem(path, "malformed cohort metric \"" + metric + "\"", "write " + name
          + "[<column>=<value>] without spaces, e.g. " + name + "[site=east], as windows report it"));
    }
  }

  private Duration duration(JsonObject o, String key, String path) {
    String s = str(o, key);
    if (s == null) {
      return null;
    }
    Optional<Duration> d = Durations.parse(s);
    if (d.isEmpty()) {
      return null; // the schema reported the spelling
    }
    if (d.get().isZero()) {
      problems.add(doc.problem(path, key + " must be a positive duration, found \"" + s + "\"",
          "write e.g. 5m, 1h or 24h"));
      return null;
    }
    return d.get();
  }

  private static Severity severity(JsonObject o) {
    String s = str(o, "severity");
    return "alert".equals(s) ? Severity.ALERT : "reapprove".equals(s) ? Severity.REAPPROVE : Severity.ROLLBACK;
  }

  private List<Problem> sorted() {
    return List.copyOf(new TreeSet<>(problems));
  }

  private static String str(JsonObject o, String key) {
    return o.members().get(key) instanceof JsonString s ? s.value() : null;
  }

  private static OptionalDouble num(JsonObject o, String key) {
    JsonValue v = o.members().get(key);
    return v instanceof JsonNumber n ? OptionalDouble.of(n.value()) : OptionalDouble.empty();
  }
}
