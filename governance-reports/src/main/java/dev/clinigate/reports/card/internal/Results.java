package dev.clinigate.reports.card.internal;

import dev.clinigate.MetricRef;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonNumber;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Reads a key metric's results from the evidence. Design note: the card never computes a number; it reads the
 * metrics report its test type names (internal: the evidence itself; temporal, external, local: the report under
 * {@code validation.<type>}), the metric where {@code clinigate metrics} writes it (counts at the top, whole-set
 * metrics under {@code metrics}, threshold metrics in the {@code thresholds} entry of their threshold), and its 95%
 * interval under {@code intervals}. A metric the report lacks, or reports as {@code null} (undefined), has no value.
 */
public final class Results {
  private Results() {}

  /**
   * One result row.
   *
   * @param group {@code column=value} for a per-group result, else empty
   * @param value the value, if the report has one
   * @param lower95 the lower 95% bound, if the report has an interval
   * @param upper95 the upper 95% bound
   * @param n the number of cases the report covers, if given
   * @param where the evidence path of the value, e.g. {@code validation.external.metrics.auroc}
   */
  public record Row(Optional<String> group, OptionalDouble value, OptionalDouble lower95, OptionalDouble upper95,
      OptionalLong n, String where) {}

  /** The results of a key metric: where its report is missing, the reason, else one row (or one per group). */
  public record Rows(Optional<String> problem, List<Row> rows) {
    /** Copies. */
    public Rows {
      rows = List.copyOf(rows);
    }
  }

  /** The evidence path of the report a test type reads ({@code ""} for internal). */
  public static String reportPath(String testType) {
    return testType.equals("internal") ? "" : "validation." + testType;
  }

  /** The rows of a key metric. */
  public static Rows of(KeyMetric m, JsonObject evidence) {
    String base = reportPath(m.testType());
    JsonObject report = evidence;
    if (!base.isEmpty()) {
      report = CardDoc.object(CardDoc.object(evidence, "validation"), m.testType());
      if (report == null) {
        return new Rows(Optional.of("the evidence has no " + base), List.of());
      }
    }
    String prefix = base.isEmpty() ? "" : base + ".";
    if (m.by().isEmpty()) {
      return new Rows(Optional.empty(), List.of(row(Optional.empty(), report, m.ref(), prefix)));
    }
    String col = m.by().get();
    JsonObject groups = CardDoc.object(CardDoc.object(report, "groups"), col);
    if (groups == null || groups.members().isEmpty()) {
      return new Rows(Optional.of("the evidence has no " + prefix + "groups." + col), List.of());
    }
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, JsonValue> g : groups.members().entrySet()) {
      JsonObject gr = g.getValue() instanceof JsonObject o ? o : JsonObject.empty();
      rows.add(row(Optional.of(col + "=" + g.getKey()), gr, m.ref(), prefix + "groups." + col + "." + g.getKey() + "."));
    }
    return new Rows(Optional.empty(), rows);
  }

  private static Row row(Optional<String> group, JsonObject report, MetricRef ref, String prefix) {
    String key = ref.key();
    OptionalDouble value;
    String where;
    if (ref.isCount()) {
      value = number(report.members().get(ref.name()));
      where = prefix + ref.name();
    } else if (ref.isThresholdMetric()) {
      value = OptionalDouble.empty();
      where = prefix + "thresholds[threshold=" + dev.clinigate.NumberText.plain(ref.threshold().getAsDouble()) + "]."
          + ref.name();
      if (report.members().get("thresholds") instanceof JsonArray ts) {
        for (JsonValue t : ts.elements()) {
          if (t instanceof JsonObject to && number(to.members().get("threshold")).orElse(Double.NaN)
              == ref.threshold().getAsDouble()) {
            value = number(to.members().get(ref.name()));
          }
        }
      }
    } else {
      value = number(metricsOf(report).get(ref.name()));
      where = prefix + "metrics." + ref.name();
    }
    OptionalDouble lo = OptionalDouble.empty();
    OptionalDouble hi = OptionalDouble.empty();
    JsonObject iv = CardDoc.object(CardDoc.object(report, "intervals"), key);
    if (iv != null && number(iv.members().get("lower95")).isPresent() && number(iv.members().get("upper95")).isPresent()) {
      lo = number(iv.members().get("lower95"));
      hi = number(iv.members().get("upper95"));
    }
    OptionalDouble n = number(report.members().get("n"));
    return new Row(group, value, lo, hi, n.isPresent() ? OptionalLong.of((long) n.getAsDouble()) : OptionalLong.empty(),
        where);
  }

  private static Map<String, JsonValue> metricsOf(JsonObject report) {
    JsonObject m = CardDoc.object(report, "metrics");
    return m == null ? Map.of() : m.members();
  }

  private static OptionalDouble number(JsonValue v) {
    return v instanceof JsonNumber n ? OptionalDouble.of(n.value()) : OptionalDouble.empty();
  }

  /** Whether an evidence path (dot-separated; an array matches when any element has the rest) holds a value. */
  public static boolean present(JsonValue at, String path) {
    if (at instanceof JsonArray a) {
      for (JsonValue e : a.elements()) {
        if (present(e, path)) {
          return true;
        }
      }
      return false;
    }
    if (path.isEmpty()) {
      return at != null && at.kind() != JsonValue.Kind.NULL && !(at instanceof JsonObject o && o.members().isEmpty());
    }
    if (!(at instanceof JsonObject o)) {
      return false;
    }
    int dot = path.indexOf('.');
    String head = dot < 0 ? path : path.substring(0, dot);
    return present(o.members().get(head), dot < 0 ? "" : path.substring(dot + 1));
  }
}
