package dev.clinigate;

/** Which way a metric improves; decides what "a drop" and "the best group" mean. */
public enum Direction {
  /** Higher is better (AUROC, sensitivity, net benefit, ...). */
  HIGHER_IS_BETTER,
  /** Lower is better (ECE, Brier score, log loss, drift, missing rate). */
  LOWER_IS_BETTER,
  /** Neither (calibration slope and intercept, prevalence, alert rate, counts). */
  NONE;

  /** The direction of a metric by its name. */
  public static Direction of(String metricName) {
    return switch (metricName) {
      case "auroc", "auprc", "sensitivity", "specificity", "ppv", "npv", "f1", "net_benefit" -> HIGHER_IS_BETTER;
      case "brier", "log_loss", "ece", "mce", "psi", "ks", "wasserstein", "js_distance", "missing_rate" ->
          LOWER_IS_BETTER;
      default -> NONE;
    };
  }
}
