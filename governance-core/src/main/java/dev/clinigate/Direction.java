package dev.clinigate;

/** Which way a metric improves; decides what "a drop" and "the best group" mean. */
public enum Direction {
  /** Higher is better (AUROC, sensitivity, net benefit, ...). */
  HIGHER_IS_BETTER,
  /** Lower is better (ECE, ICI and its quantiles, Brier score, log loss, drift, missing rate). */
  LOWER_IS_BETTER,
  /** Neither (calibration slope and intercept, O/E ratio, prevalence, alert rate, counts). */
  NONE;

  /** The direction of a metric by its name. */
  public static Direction of(String metricName) {
    return switch (metricName) {
      case "auroc", "auprc", "sensitivity", "specificity", "ppv", "npv", "f1", "net_benefit",
          "net_benefit_treat_all", "label_kappa" -> HIGHER_IS_BETTER;
      case "brier", "log_loss", "ece", "mce", "ici", "e50", "e90", "emax", "psi", "ks", "wasserstein", "js_distance",
          "missing_rate" -> LOWER_IS_BETTER;
      default -> NONE;
    };
  }
}
