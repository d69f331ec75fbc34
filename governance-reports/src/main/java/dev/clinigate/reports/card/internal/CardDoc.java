package dev.clinigate.reports.card.internal;

import dev.clinigate.Problem;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonDocument;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import dev.clinigate.json.JsonValue;
import dev.clinigate.MetricRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A schema-valid model card document, bound: its text sections (read by path), key metrics and N/A justifications.
 * Immutable.
 *
 * @param name {@code metadata.name}
 * @param spec the {@code spec} object as written
 * @param keyMetrics the key metrics in group order (usefulness, fairness, safety), each group in written order
 * @param notApplicable standard id to item id to justification, as written
 */
public record CardDoc(String name, JsonObject spec, List<KeyMetric> keyMetrics,
    Map<String, Map<String, String>> notApplicable) {
  /** Placeholders that say nothing: written instead of a justified N/A. */
  private static final Pattern PLACEHOLDER = Pattern.compile("(?i)\\s*(n/?a|tbd|tba|todo|none yet|-+|\\?+)\\s*\\.?\\s*");

  /** Copies. */
  public CardDoc {
    keyMetrics = List.copyOf(keyMetrics);
  }

  /**
   * Binds a document the card schema accepted, checking what the schema cannot: each key metric names a metric
   * of the evidence vocabulary (not a drift metric), a typed value matches {@code by}.
   *
   * @param problems receives every problem, located in the document
   */
  public static CardDoc bind(JsonDocument doc, List<Problem> problems) {
    JsonObject root = (JsonObject) doc.root();
    String name = ((JsonString) ((JsonObject) root.members().get("metadata")).members().get("name")).value();
    JsonObject spec = (JsonObject) root.members().get("spec");
    List<KeyMetric> metrics = new ArrayList<>();
    JsonObject km = object(spec, "keyMetrics");
    for (CardFields.Field g : CardFields.METRIC_GROUPS) {
      JsonValue list = km == null ? null : km.members().get(g.key());
      if (!(list instanceof JsonArray arr)) {
        continue;
      }
      for (int i = 0; i < arr.elements().size(); i++) {
        JsonObject m = (JsonObject) arr.elements().get(i);
        String path = "$.spec.keyMetrics." + g.key() + "[" + i + "]";
        String metric = ((JsonString) m.members().get("metric")).value();
        MetricRef ref;
        try {
          ref = MetricRef.parse(metric);
        } catch (IllegalArgumentException e) {
          String base = metric.replaceAll("[@\\[.].*", "");
          problems.add(doc.problem(path + ".metric", e.getMessage(), MetricRef.allNames().contains(base)
              ? "write e.g. auroc, ece, calibration_slope, sensitivity@0.3, net_benefit@0.3"
              : dev.clinigate.Suggest.hint(base, MetricRef.allNames(), "name a metric of the evidence, e.g. auroc, "
                  + "ece, calibration_slope, sensitivity@0.3, net_benefit@0.3")));
          continue;
        }
        if (ref.isDriftMetric() || ref.statistic() != MetricRef.Statistic.POINT) {
          problems.add(doc.problem(path + ".metric", "a key metric is a performance metric without a statistic, "
              + "found \"" + metric + "\"", "write e.g. metric: auroc (its 95% interval is shown when the evidence "
              + "has one)"));
          continue;
        }
        Optional<String> by = m.members().get("by") instanceof JsonString s ? Optional.of(s.value()) : Optional.empty();
        Map<String, String> fields = new LinkedHashMap<>();
        for (String f : List.of("label", "goal", "testType", "testingData", "interpretation", "validationProcess")) {
          if (m.members().get(f) instanceof JsonString s) {
            fields.put(f, s.value());
          }
        }
        Optional<JsonValue> typed = Optional.ofNullable(m.members().get("value"));
        if (typed.isPresent() && (typed.get() instanceof JsonObject) != by.isPresent()) {
          problems.add(doc.problem(path + ".value", by.isPresent() ? "with by, value is an object of group value to "
              + "number" : "without by, value is a number", by.isPresent() ? "write value: {\"21-29\": 0.71, ...}, "
              + "or leave value out (the result comes from the evidence)" : "write value: 0.84, or leave value out "
              + "(the result comes from the evidence)"));
          continue;
        }
        metrics.add(new KeyMetric(g.key(), i, metric, ref, by, fields, typed));
      }
    }
    Map<String, Map<String, String>> na = new LinkedHashMap<>();
    JsonObject naObj = object(spec, "notApplicable");
    if (naObj != null) {
      for (Map.Entry<String, JsonValue> s : naObj.members().entrySet()) {
        Map<String, String> items = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> i : ((JsonObject) s.getValue()).members().entrySet()) {
          items.put(i.getKey(), ((JsonString) i.getValue()).value());
        }
        na.put(s.getKey(), java.util.Collections.unmodifiableMap(items));
      }
    }
    return new CardDoc(name, spec, metrics, java.util.Collections.unmodifiableMap(na));
  }

  /** A text field {@code section.field} as written (a list joined with ", "), or empty when absent or empty. */
  public Optional<String> text(String path) {
    int dot = path.indexOf('.');
    JsonObject section = object(spec, path.substring(0, dot));
    JsonValue v = section == null ? null : section.members().get(path.substring(dot + 1));
    if (v instanceof JsonString s) {
      return Optional.of(s.value());
    }
    if (v instanceof JsonArray a && !a.elements().isEmpty()) {
      List<String> parts = new ArrayList<>();
      for (JsonValue e : a.elements()) {
        parts.add(((JsonString) e).value());
      }
      return Optional.of(String.join(", ", parts));
    }
    return Optional.empty();
  }

  /** The bibliography, if written. */
  public Optional<String> bibliography() {
    return spec.members().get("bibliography") instanceof JsonString s && !Text.blank(s.value()) ? Optional.of(s.value())
        : Optional.empty();
  }

  /** Whether a written text is blank or a placeholder such as {@code N/A} or {@code TBD}. */
  public static boolean placeholder(String text) {
    return dev.clinigate.reports.card.internal.Text.blank(text) || PLACEHOLDER.matcher(text).matches();
  }

  /** The N/A justification written for an item of a standard, if any (possibly blank). */
  public Optional<String> notApplicable(String standard, String item) {
    Map<String, String> items = notApplicable.get(standard);
    return items == null ? Optional.empty() : Optional.ofNullable(items.get(item));
  }

  static JsonObject object(JsonObject o, String key) {
    return o != null && o.members().get(key) instanceof JsonObject x ? x : null;
  }
}
