package dev.clinigate.internal;

import dev.clinigate.Domain;
import dev.clinigate.MetricRef;
import dev.clinigate.Problem;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonDocument;
import dev.clinigate.json.JsonNumber;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The domain checks of evidence: every number the library knows must lie in its {@link Domain}.
 *
 * <p>Design note, fail closed: a value outside its domain cannot have been measured (an AUROC of 7, a
 * negative count, a lower confidence bound above the upper one), so the evidence is rejected at load time
 * rather than judged: judging it could pass a gate (an ECE of -0.5 is "below the maximum") or hide a
 * subgroup (a size of -1 is "below the minimum group size"). Messages name the JSON path and the domain
 * and may show the number, never a string. Null, string and absent leaves are not domain errors: the rules
 * that read them report {@code MISSING}. Metrics the library does not know have no domain.
 */
final class EvidenceDomains {
  private static final String HINT = "a value outside its domain cannot have been measured; correct the tool or the "
      + "step that wrote this evidence";

  private final JsonDocument doc;
  private final List<Problem> problems;

  private EvidenceDomains(JsonDocument doc, List<Problem> problems) {
    this.doc = doc;
    this.problems = problems;
  }

  /** Adds a problem for every out-of-domain value of a structurally valid evidence object. */
  static void check(JsonDocument doc, JsonObject root, List<Problem> problems) {
    EvidenceDomains d = new EvidenceDomains(doc, problems);
    d.metricSet(root, "$", Optional.empty());
    if (root.members().get("baseline") instanceof JsonObject b) {
      d.metricSet(b, "$.baseline", Optional.empty());
    }
    if (root.members().get("drift") instanceof JsonObject drift) {
      d.features(drift.members().get("features"), "$.drift.features");
    }
    d.features(root.members().get("features"), "$.features");
    d.comparison(root.members().get("comparison"));
    d.deployment(root.members().get("deployment"));
    d.labels(root.members().get("labels"));
    if (root.members().get("validation") instanceof JsonObject validation) {
      for (Map.Entry<String, JsonValue> e : validation.members().entrySet()) {
        if (e.getValue() instanceof JsonObject cohort) {
          d.metricSet(cohort, Json.childPath("$.validation", e.getKey()), Optional.empty());
        }
      }
    }
    if (root.members().get("change") instanceof JsonObject change) {
      d.in(change.members().get("threshold"), "$.change.threshold", "threshold", Domain.UNIT);
    }
  }

  /** Label provenance: raters a count, adjudicated_fraction in [0, 1], Cohen's kappa and its interval in [-1, 1]. */
  private void labels(JsonValue v) {
    if (!(v instanceof JsonObject labels)) {
      return;
    }
    count(labels.members().get("raters"), "$.labels.raters", "raters");
    in(labels.members().get("adjudicated_fraction"), "$.labels.adjudicated_fraction", "adjudicated_fraction",
        Domain.UNIT);
    if (!(labels.members().get("agreement") instanceof JsonObject agreement)
        || !(agreement.members().get("cohen_kappa") instanceof JsonObject kappa)) {
      return;
    }
    String path = "$.labels.agreement.cohen_kappa";
    Map<String, JsonValue> m = kappa.members();
    boolean ok = true;
    for (String k : List.of("point", "lower95", "upper95")) {
      ok &= in(m.get(k), Json.childPath(path, k), "cohen_kappa " + k, Domain.KAPPA);
    }
    ordered(m, path, "point", ok);
  }

  /**
   * An interval object's {@code lower95 <= upper95}, and its point value (under {@code pointKey}) within
   * them.
   */
  private void ordered(Map<String, JsonValue> m, String path, String pointKey, boolean inDomain) {
    if (!inDomain || !(m.get("lower95") instanceof JsonNumber lo) || !(m.get("upper95") instanceof JsonNumber hi)) {
      return;
    }
    if (lo.value() > hi.value()) {
      add(Json.childPath(path, "lower95"), "the 95% interval at " + path + " has lower95 " + Json.number(lo)
          + " above upper95 " + Json.number(hi));
    } else if (m.get(pointKey) instanceof JsonNumber d && (d.value() < lo.value() || d.value() > hi.value())) {
      add(Json.childPath(path, pointKey), "the " + (pointKey.equals("point") ? "point value " : pointKey + " ")
          + Json.number(d) + " at " + path + " lies outside its 95% interval [" + Json.number(lo) + ", "
          + Json.number(hi) + "]");
    }
  }

  // ---------------------------------------------------------------------------------------------------

  /** A metrics report: counts, metrics, thresholds, intervals, then its groups (whose n is at most ours). */
  private void metricSet(JsonObject set, String path, Optional<Double> parentN) {
    Map<String, JsonValue> m = set.members();
    Optional<Double> n = count(m.get("n"), Json.childPath(path, "n"), "n");
    Optional<Double> positives = count(m.get("positives"), Json.childPath(path, "positives"), "positives");
    in(m.get("prevalence"), Json.childPath(path, "prevalence"), "prevalence", Domain.UNIT);
    if (n.isPresent() && positives.isPresent() && positives.get() > n.get()) {
      add(Json.childPath(path, "positives"), "positives at " + Json.childPath(path, "positives") + " is "
          + Json.number((JsonNumber) m.get("positives")) + ", more than n " + Json.number((JsonNumber) m.get("n"))
          + " (" + Json.childPath(path, "n") + ")");
    }
    if (n.isPresent() && parentN.isPresent() && n.get() > parentN.get()) {
      add(Json.childPath(path, "n"), "n at " + Json.childPath(path, "n") + " is " + Json.number((JsonNumber) m.get("n"))
          + ", more than the whole set's n " + plain(parentN.get()) + ": a subgroup cannot be larger than the set");
    }
    if (m.get("metrics") instanceof JsonObject metrics) {
      String mp = Json.childPath(path, "metrics");
      for (Map.Entry<String, JsonValue> e : metrics.members().entrySet()) {
        String p = Json.childPath(mp, e.getKey());
        Optional<Domain> d = MetricRef.COUNT_METRICS.contains(e.getKey()) || MetricRef.SET_METRICS.contains(e.getKey())
            || MetricRef.THRESHOLD_METRICS.contains(e.getKey()) ? Domain.ofMetric(e.getKey()) : Optional.empty();
        d.ifPresent(domain -> in(e.getValue(), p, e.getKey(), domain));
      }
    }
    if (m.get("thresholds") instanceof JsonArray rows) {
      for (int i = 0; i < rows.size(); i++) {
        if (!(rows.get(i) instanceof JsonObject row)) {
          continue;
        }
        String rp = Json.indexPath(Json.childPath(path, "thresholds"), i);
        for (Map.Entry<String, JsonValue> e : row.members().entrySet()) {
          if (MetricRef.THRESHOLD_METRICS.contains(e.getKey())) {
            Domain.ofMetric(e.getKey()).ifPresent(d -> in(e.getValue(), Json.childPath(rp, e.getKey()), e.getKey(), d));
          }
        }
      }
    }
    if (m.get("intervals") instanceof JsonObject intervals) {
      for (Map.Entry<String, JsonValue> e : intervals.members().entrySet()) {
        if (e.getValue() instanceof JsonObject interval) {
          interval(set, e.getKey(), interval, Json.childPath(Json.childPath(path, "intervals"), e.getKey()));
        }
      }
    }
    if (m.get("groups") instanceof JsonObject groups) {
      for (Map.Entry<String, JsonValue> col : groups.members().entrySet()) {
        if (!(col.getValue() instanceof JsonObject values)) {
          continue;
        }
        String cp = Json.childPath(Json.childPath(path, "groups"), col.getKey());
        for (Map.Entry<String, JsonValue> g : values.members().entrySet()) {
          if (g.getValue() instanceof JsonObject group) {
            metricSet(group, Json.childPath(cp, g.getKey()), n);
          }
        }
      }
    }
  }

  /** An interval: both bounds in the metric's domain, ordered, and around the point value when there is one. */
  private void interval(JsonObject set, String key, JsonObject interval, String path) {
    Optional<MetricRef> ref = ref(key);
    Optional<Domain> domain = ref.isPresent() ? Domain.ofMetric(ref.get().name()) : Optional.empty();
    String lp = Json.childPath(path, "lower95");
    String up = Json.childPath(path, "upper95");
    boolean loOk = domain.isEmpty() || in(interval.members().get("lower95"), lp, key + " lower95", domain.get());
    boolean hiOk = domain.isEmpty() || in(interval.members().get("upper95"), up, key + " upper95", domain.get());
    if (!loOk || !hiOk || !(interval.members().get("lower95") instanceof JsonNumber lo)
        || !(interval.members().get("upper95") instanceof JsonNumber hi)) {
      return;
    }
    if (lo.value() > hi.value()) {
      add(lp, "the 95% interval at " + path + " has lower95 " + Json.number(lo) + " above upper95 " + Json.number(hi));
      return;
    }
    if (ref.isEmpty() || ref.get().isCount()) {
      return;
    }
    Lookup point = new MetricSetView(set).point(ref.get());
    if (point.isNumber() && (point.value() < lo.value() || point.value() > hi.value())) {
      add(path, "the point value " + plain(point.value()) + " of " + key + " lies outside its 95% interval ["
          + Json.number(lo) + ", " + Json.number(hi) + "] at " + path);
    }
  }

  private static Optional<MetricRef> ref(String key) {
    try {
      MetricRef r = MetricRef.parse(key);
      return r.statistic() == MetricRef.Statistic.POINT && r.feature().isEmpty() ? Optional.of(r) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Drift per feature: psi, ks, wasserstein, js_distance and missing_rate in their ranges. */
  private void features(JsonValue v, String path) {
    if (!(v instanceof JsonObject features)) {
      return;
    }
    for (Map.Entry<String, JsonValue> f : features.members().entrySet()) {
      if (!(f.getValue() instanceof JsonObject fo)) {
        continue;
      }
      String fp = Json.childPath(path, f.getKey());
      for (Map.Entry<String, JsonValue> e : fo.members().entrySet()) {
        if (MetricRef.DRIFT_METRICS.contains(e.getKey())) {
          Domain.ofMetric(e.getKey()).ifPresent(d -> in(e.getValue(), Json.childPath(fp, e.getKey()), e.getKey(), d));
        }
      }
    }
  }

  /** Paired comparisons: candidate and baseline in the metric's domain; lower95 <= difference <= upper95. */
  private void comparison(JsonValue v) {
    if (!(v instanceof JsonObject comparison)) {
      return;
    }
    for (Map.Entry<String, JsonValue> e : comparison.members().entrySet()) {
      if (!(e.getValue() instanceof JsonObject c)) {
        continue;
      }
      String path = Json.childPath("$.comparison", e.getKey());
      Map<String, JsonValue> m = c.members();
      Optional<Domain> domain = ref(e.getKey()).flatMap(r -> Domain.ofMetric(r.name()));
      domain.ifPresent(d -> {
        in(m.get("candidate"), Json.childPath(path, "candidate"), "candidate " + e.getKey(), d);
        in(m.get("baseline"), Json.childPath(path, "baseline"), "baseline " + e.getKey(), d);
        if (d.isProbability()) {
          for (String k : List.of("difference", "lower95", "upper95")) {
            in(m.get(k), Json.childPath(path, k), k + " of " + e.getKey(), Domain.UNIT_DIFFERENCE);
          }
        }
      });
      in(m.get("p_value"), Json.childPath(path, "p_value"), "p_value", Domain.UNIT);
      in(m.get("se"), Json.childPath(path, "se"), "se", Domain.NON_NEGATIVE);
      ordered(m, path, "difference", true);
    }
  }

  /** Deployment records: days >= 0, cases a count, agreement in [0, 1], traffic share in [0, 100] percent. */
  private void deployment(JsonValue v) {
    if (!(v instanceof JsonObject deployment)) {
      return;
    }
    if (deployment.members().get("shadow") instanceof JsonObject s) {
      in(s.members().get("days"), "$.deployment.shadow.days", "days", Domain.NON_NEGATIVE);
      count(s.members().get("cases"), "$.deployment.shadow.cases", "cases");
      in(s.members().get("agreement"), "$.deployment.shadow.agreement", "agreement", Domain.UNIT);
    }
    for (String key : List.of("canary", "ab")) {
      if (deployment.members().get(key) instanceof JsonObject c) {
        String p = "$.deployment." + key;
        in(c.members().get("days"), p + ".days", "days", Domain.NON_NEGATIVE);
        in(c.members().get("trafficPercent"), p + ".trafficPercent", "trafficPercent", Domain.PERCENT);
        count(c.members().get("cases"), p + ".cases", "cases");
        in(c.members().get("agreement"), p + ".agreement", "agreement", Domain.UNIT);
        in(c.members().get("overrideRate"), p + ".overrideRate", "overrideRate", Domain.UNIT);
        performance(c.members().get("performance"), p + ".performance");
      }
    }
  }

  /**
   * Live performance against the control: candidate and control in the metric's domain; difference and
   * bounds in [-1, 1] for a metric in [0, 1]; lower95 <= difference <= upper95.
   */
  private void performance(JsonValue v, String path) {
    if (!(v instanceof JsonObject performance)) {
      return;
    }
    for (Map.Entry<String, JsonValue> e : performance.members().entrySet()) {
      if (!(e.getValue() instanceof JsonObject c)) {
        continue;
      }
      String p = Json.childPath(path, e.getKey());
      Map<String, JsonValue> m = c.members();
      boolean[] ok = {true};
      ref(e.getKey()).flatMap(r -> Domain.ofMetric(r.name())).ifPresent(d -> {
        in(m.get("candidate"), Json.childPath(p, "candidate"), "candidate " + e.getKey(), d);
        in(m.get("control"), Json.childPath(p, "control"), "control " + e.getKey(), d);
        if (d.isProbability()) {
          for (String k : List.of("difference", "lower95", "upper95")) {
            ok[0] &= in(m.get(k), Json.childPath(p, k), k + " of " + e.getKey(), Domain.UNIT_DIFFERENCE);
          }
        }
      });
      ordered(m, p, "difference", ok[0]);
    }
  }

  // ---------------------------------------------------------------------------------------------------

  /** A count: its value when it is a valid count, empty otherwise (a problem is added when it is a number). */
  private Optional<Double> count(JsonValue v, String path, String name) {
    if (!(v instanceof JsonNumber n)) {
      return Optional.empty();
    }
    return in(v, path, name, Domain.COUNT) ? Optional.of(n.value()) : Optional.empty();
  }

  /** Whether {@code v} is in the domain or not a number; adds a problem when it is a number outside it. */
  private boolean in(JsonValue v, String path, String name, Domain domain) {
    if (!(v instanceof JsonNumber n) || domain.contains(n.value())) {
      return true;
    }
    String verb = domain.whole() ? ", not " : ", outside its domain ";
    add(path, name + " at " + path + " is " + Json.number(n) + verb + domain.text());
    return false;
  }

  private void add(String path, String message) {
    problems.add(doc.problem(path, message, HINT));
  }

  private static String plain(double v) {
    return v == Math.rint(v) && Math.abs(v) < 9e15 ? Long.toString((long) v) : ShortestDecimal.toString(v);
  }
}
