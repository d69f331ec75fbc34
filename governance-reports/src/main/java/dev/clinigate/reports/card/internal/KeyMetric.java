package dev.clinigate.reports.card.internal;

import dev.clinigate.MetricRef;
import dev.clinigate.json.JsonValue;
import java.util.Map;
import java.util.Optional;

/**
 * One key metric of a card: which evidence metric it shows and the human-written parts around it.
 *
 * @param group usefulness, fairness or safety
 * @param index its position in its group
 * @param metric the metric key as written, e.g. {@code sensitivity@0.3}
 * @param ref the parsed metric
 * @param by the group column, if the result is reported per group
 * @param fields the text fields written (label, goal, testType, testingData, interpretation, validationProcess)
 * @param typed the value as typed by hand, if any (a number, or an object of group value to number)
 */
public record KeyMetric(String group, int index, String metric, MetricRef ref, Optional<String> by,
    Map<String, String> fields, Optional<JsonValue> typed) {
  /** Copies. */
  public KeyMetric {
    fields = Map.copyOf(fields);
  }

  /** Where the metric is written: {@code keyMetrics.usefulness[0]}. */
  public String path() {
    return "keyMetrics." + group + "[" + index + "]";
  }

  /** The test type written, or {@code internal} when none is. */
  public String testType() {
    return fields.getOrDefault("testType", "internal");
  }

  /** A text field, or empty. */
  public Optional<String> field(String key) {
    return Optional.ofNullable(fields.get(key));
  }

  /** The label the card shows: the written label, else the metric key, with the group column when by. */
  public String label() {
    return baseLabel() + by.map(b -> " by " + b).orElse("");
  }

  /** The written label, else the metric key. */
  public String baseLabel() {
    return fields.getOrDefault("label", metric);
  }

  /** How findings name this metric: {@code keyMetrics.usefulness[0] (auroc, external)}. */
  public String describe() {
    return path() + " (" + metric + by.map(b -> " by " + b).orElse("") + ", " + testType() + ")";
  }
}
