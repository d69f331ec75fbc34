package dev.clinigate.metrics;

import dev.clinigate.json.JsonObject;
import java.util.Objects;

/**
 * The difference candidate - baseline of one metric, both models scored on the same cases, with a
 * paired 95% confidence interval.
 *
 * <ul>
 *   <li>{@link Method#PAIRED_DELONG} (AUROC): DeLong's variance of the difference of two correlated AUROCs;
 *       {@code z = difference / se}, two-sided {@code pValue}, interval difference +- 1.96 se clipped to
 *       [-1, 1].
 *   <li>{@link Method#PAIRED_BOOTSTRAP} (every other metric): the same stratified resamples applied to both
 *       models; {@code standardError} is the standard deviation of the replicate differences and the
 *       interval is their 2.5% and 97.5% percentiles; {@code z} and {@code pValue} are undefined.
 *   <li>{@link Method#NONE}: no bootstrap was requested; only the point difference is given.
 * </ul>
 *
 * @param metric the metric reference, e.g. {@code "auroc"} or {@code "sensitivity@0.5"}
 * @param candidate the candidate's value
 * @param baseline the baseline's value
 * @param difference candidate - baseline
 * @param standardError standard error of the difference
 * @param z the test statistic (DeLong only)
 * @param lower95 lower bound of the 95% interval of the difference
 * @param upper95 upper bound of the 95% interval of the difference
 * @param pValue two-sided p-value of "no difference" (DeLong only)
 * @param method how the interval was computed
 */
public record MetricDifference(String metric, MetricValue candidate, MetricValue baseline, MetricValue difference,
    MetricValue standardError, MetricValue z, MetricValue lower95, MetricValue upper95, MetricValue pValue,
    Method method) {

  /** How a difference's interval was computed. */
  public enum Method {
    /** Paired DeLong test for two correlated AUROCs. */
    PAIRED_DELONG("paired-delong"),
    /** Paired stratified percentile bootstrap. */
    PAIRED_BOOTSTRAP("paired-bootstrap"),
    /** Point difference only. */
    NONE("none");

    private final String id;

    Method(String id) {
      this.id = id;
    }

    /** The name used in JSON, e.g. {@code "paired-delong"}. */
    public String id() {
      return id;
    }
  }

  /** Validates. */
  public MetricDifference {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(candidate, "candidate");
    Objects.requireNonNull(baseline, "baseline");
    Objects.requireNonNull(difference, "difference");
    Objects.requireNonNull(standardError, "standardError");
    Objects.requireNonNull(z, "z");
    Objects.requireNonNull(lower95, "lower95");
    Objects.requireNonNull(upper95, "upper95");
    Objects.requireNonNull(pValue, "pValue");
    Objects.requireNonNull(method, "method");
    if (lower95.isDefined() != upper95.isDefined()) {
      throw new IllegalArgumentException("interval bounds must be both defined or both undefined");
    }
  }

  /**
   * {@code {"candidate", "baseline", "difference", "se", "z", "lower95", "upper95", "p_value", "method"}}.
   */
  public JsonObject toJson() {
    return JsonObject.builder()
        .put("candidate", candidate.toJson())
        .put("baseline", baseline.toJson())
        .put("difference", difference.toJson())
        .put("se", standardError.toJson())
        .put("z", z.toJson())
        .put("lower95", lower95.toJson())
        .put("upper95", upper95.toJson())
        .put("p_value", pValue.toJson())
        .put("method", method.id())
        .build();
  }
}
