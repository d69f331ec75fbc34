package dev.clinigate.metrics;

import dev.clinigate.json.JsonObject;
import java.util.Objects;

/**
 * Confusion counts and the derived rates at one decision threshold t: a case is flagged positive iff
 * its score is &gt;= t. Each rate is undefined when its denominator is 0.
 *
 * <ul>
 *   <li>sensitivity = TP / (TP + FN), specificity = TN / (TN + FP)
 *   <li>ppv = TP / (TP + FP), npv = TN / (TN + FN), f1 = 2 TP / (2 TP + FP + FN)
 *   <li>alert rate = (TP + FP) / n
 *   <li>net benefit = TP / n - FP / n * t / (1 - t) (decision curve analysis; undefined at t = 1)
 *   <li>net benefit of treating everyone = prevalence - (1 - prevalence) * t / (1 - t) (the "treat all"
 *       line of a decision curve; "treat none" is 0; undefined at t = 1)
 * </ul>
 *
 * @param threshold the threshold t in [0, 1]
 * @param truePositives TP
 * @param falsePositives FP
 * @param trueNegatives TN
 * @param falseNegatives FN
 * @param sensitivity TP / (TP + FN)
 * @param specificity TN / (TN + FP)
 * @param ppv TP / (TP + FP)
 * @param npv TN / (TN + FN)
 * @param f1 2 TP / (2 TP + FP + FN)
 * @param alertRate (TP + FP) / n
 * @param netBenefit TP / n - FP / n * t / (1 - t)
 * @param netBenefitTreatAll prevalence - (1 - prevalence) * t / (1 - t)
 */
public record ThresholdMetrics(double threshold, long truePositives, long falsePositives, long trueNegatives,
    long falseNegatives, MetricValue sensitivity, MetricValue specificity, MetricValue ppv, MetricValue npv,
    MetricValue f1, MetricValue alertRate, MetricValue netBenefit, MetricValue netBenefitTreatAll) {

  /** The metric names reported per threshold, in JSON order. */
  public static final java.util.List<String> METRIC_NAMES = java.util.List.of(
      "sensitivity", "specificity", "ppv", "npv", "f1", "alert_rate", "net_benefit", "net_benefit_treat_all");

  /** Validates the threshold and the counts. */
  public ThresholdMetrics {
    if (!(threshold >= 0.0 && threshold <= 1.0)) {
      throw new IllegalArgumentException("threshold must be within [0, 1], found " + threshold);
    }
    if (truePositives < 0 || falsePositives < 0 || trueNegatives < 0 || falseNegatives < 0) {
      throw new IllegalArgumentException("confusion counts must be >= 0");
    }
    Objects.requireNonNull(sensitivity, "sensitivity");
    Objects.requireNonNull(specificity, "specificity");
    Objects.requireNonNull(ppv, "ppv");
    Objects.requireNonNull(npv, "npv");
    Objects.requireNonNull(f1, "f1");
    Objects.requireNonNull(alertRate, "alertRate");
    Objects.requireNonNull(netBenefit, "netBenefit");
    Objects.requireNonNull(netBenefitTreatAll, "netBenefitTreatAll");
  }

  /**
   * The net benefit of treating everyone at threshold t for a set with the given prevalence:
   * prevalence - (1 - prevalence) * t / (1 - t), undefined at t = 1.
   */
  public static MetricValue treatAll(double t, double prevalence) {
    if (t == 1.0) {
      return MetricValue.undefined("net benefit is undefined at threshold 1 (t / (1 - t) is infinite)");
    }
    return MetricValue.of(prevalence - (1 - prevalence) * (t / (1 - t)));
  }

  /**
   * The rate called {@code name} ({@code sensitivity}, {@code specificity}, {@code ppv}, {@code npv},
   * {@code f1}, {@code alert_rate}, {@code net_benefit}, {@code net_benefit_treat_all}).
   *
   * @throws IllegalArgumentException for any other name
   */
  public MetricValue metric(String name) {
    switch (name) {
      case "sensitivity": return sensitivity;
      case "specificity": return specificity;
      case "ppv": return ppv;
      case "npv": return npv;
      case "f1": return f1;
      case "alert_rate": return alertRate;
      case "net_benefit": return netBenefit;
      case "net_benefit_treat_all": return netBenefitTreatAll;
      default:
        throw new IllegalArgumentException("unknown threshold metric \"" + name + "\", expected one of "
            + METRIC_NAMES);
    }
  }

  /**
   * The JSON object {@code {"threshold", "sensitivity", "specificity", "ppv", "npv", "f1", "alert_rate",
   * "net_benefit"}} (exactly these keys, in this order).
   */
  public JsonObject toJson() {
    JsonObject.Builder b = JsonObject.builder().put("threshold", threshold);
    for (String name : METRIC_NAMES) {
      b.put(name, metric(name).toJson());
    }
    return b.build();
  }
}
