package dev.clinigate.internal;

import dev.clinigate.MetricRef;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonNumber;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonValue;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Read access to one metrics report in evidence (the top level, a baseline, or one subgroup), in the
 * shape {@code clinigate metrics --format json} prints. The shape was validated when the evidence was
 * loaded; this class only navigates.
 */
public final class MetricSetView {
  private final JsonObject obj;

  /** Wraps a validated metrics-report object. */
  public MetricSetView(JsonObject obj) {
    this.obj = obj;
  }

  /** The case count {@code n}. */
  public Lookup n() {
    return Lookup.of(obj.members().get("n"));
  }

  /** The value of a metric (point or confidence bound). Drift metrics are not read here. */
  public Lookup value(MetricRef ref) {
    if (ref.isLabelMetric()) {
      JsonObject kappa = labelKappa();
      return Lookup.of(kappa == null ? null : kappa.members().get(ref.statistic().key()));
    }
    if (ref.statistic() != MetricRef.Statistic.POINT) {
      JsonObject interval = object(object(obj, "intervals"), ref.key());
      return Lookup.of(interval == null ? null : interval.members().get(ref.statistic().key()));
    }
    return point(ref);
  }

  /** The point value of a metric, regardless of the reference's statistic. */
  public Lookup point(MetricRef ref) {
    if (ref.isLabelMetric()) {
      JsonObject kappa = labelKappa();
      return Lookup.of(kappa == null ? null : kappa.members().get("point"));
    }
    if (ref.isCount()) {
      JsonValue v = obj.members().get(ref.name());
      if (v == null) {
        JsonObject metrics = object(obj, "metrics");
        v = metrics == null ? null : metrics.members().get(ref.name());
      }
      return Lookup.of(v);
    }
    if (ref.isThresholdMetric()) {
      JsonObject row = thresholdRow(ref.threshold().getAsDouble());
      return Lookup.of(row == null ? null : row.members().get(ref.name()));
    }
    JsonObject metrics = object(obj, "metrics");
    return Lookup.of(metrics == null ? null : metrics.members().get(ref.name()));
  }

  /** The 95% interval of a metric, when the evidence has both bounds. */
  public Optional<double[]> interval(MetricRef ref) {
    JsonObject interval = ref.isLabelMetric() ? labelKappa() : object(object(obj, "intervals"), ref.key());
    if (interval == null) {
      return Optional.empty();
    }
    Lookup lo = Lookup.of(interval.members().get("lower95"));
    Lookup hi = Lookup.of(interval.members().get("upper95"));
    if (!lo.isNumber() || !hi.isNumber()) {
      return Optional.empty();
    }
    return Optional.of(new double[] {lo.value(), hi.value()});
  }

  /** The groups of a column, sorted by value, or empty when the evidence has none for it. */
  public Optional<Map<String, MetricSetView>> groups(String column) {
    JsonObject col = object(object(obj, "groups"), column);
    if (col == null) {
      return Optional.empty();
    }
    TreeMap<String, MetricSetView> out = new TreeMap<>();
    for (Map.Entry<String, JsonValue> e : col.members().entrySet()) {
      out.put(e.getKey(), new MetricSetView((JsonObject) e.getValue()));
    }
    return Optional.of(out);
  }

  /** The number of cases both raters labelled ({@code labels.agreement.cohen_kappa.n}). */
  public Lookup labelPairs() {
    JsonObject kappa = labelKappa();
    return Lookup.of(kappa == null ? null : kappa.members().get("n"));
  }

  /** {@code labels.agreement.cohen_kappa}: the inter-rater agreement of the labels, or null. */
  private JsonObject labelKappa() {
    return object(object(object(obj, "labels"), "agreement"), "cohen_kappa");
  }

  /**
   * A validation cohort of the evidence ({@code validation.temporal} or {@code validation.external}): a
   * metrics report of its own, or empty when the evidence has none.
   */
  public Optional<MetricSetView> cohort(String name) {
    JsonObject c = object(object(obj, "validation"), name);
    return c == null ? Optional.empty() : Optional.of(new MetricSetView(c));
  }

  /** The threshold rows of this report, in evidence order (each with a numeric {@code threshold}). */
  public java.util.List<JsonObject> thresholdRows() {
    java.util.List<JsonObject> out = new java.util.ArrayList<>();
    if (obj.members().get("thresholds") instanceof JsonArray a) {
      for (JsonValue row : a.elements()) {
        if (row instanceof JsonObject r && r.members().get("threshold") instanceof JsonNumber) {
          out.add(r);
        }
      }
    }
    return out;
  }

  private JsonObject thresholdRow(double t) {
    JsonValue arr = obj.members().get("thresholds");
    if (!(arr instanceof JsonArray a)) {
      return null;
    }
    for (JsonValue row : a.elements()) {
      JsonObject r = (JsonObject) row;
      if (r.members().get("threshold") instanceof JsonNumber n && n.value() == t) {
        return r;
      }
    }
    return null;
  }

  static JsonObject object(JsonObject parent, String key) {
    if (parent == null) {
      return null;
    }
    return parent.members().get(key) instanceof JsonObject o ? o : null;
  }
}
