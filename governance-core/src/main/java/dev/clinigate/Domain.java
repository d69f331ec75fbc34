package dev.clinigate;

import java.util.Optional;

/**
 * The values a quantity the library knows can take: a probability or rate lies in [0, 1], a log loss or a
 * PSI is at least 0, a count is a whole number at least 0. Evidence, monitoring windows and policies are
 * checked against these domains when they are loaded, because a value outside its domain cannot have
 * been measured: {@code auroc: 7} is not a very good model, it is broken evidence, and it must never read
 * as GO. Metrics the library does not know (custom metrics) have no domain.
 *
 * <pre>{@code
 * Domain.ofMetric("ece").orElseThrow().contains(-0.5);   // false
 * Domain.ofMetricKey("missing_rate[creatinine]");        // Optional[[0, 1]]
 * }</pre>
 *
 * <p>The table is documented in docs/evidence.md.
 *
 * @param text how messages state the domain, e.g. {@code [0, 1]} or {@code >= 0}
 * @param min the smallest value in the domain (may be negative infinity)
 * @param max the largest value in the domain (may be positive infinity)
 * @param whole whether only whole numbers belong to it (counts)
 */
public record Domain(String text, double min, double max, boolean whole) {
  /** Probabilities, rates and proportions: [0, 1]. */
  public static final Domain UNIT = new Domain("[0, 1]", 0, 1, false);
  /** Non-negative quantities (log loss, PSI, Wasserstein distance, durations, days): {@code >= 0}. */
  public static final Domain NON_NEGATIVE = new Domain(">= 0", 0, Double.POSITIVE_INFINITY, false);
  /** Counts: whole numbers {@code >= 0}. */
  public static final Domain COUNT = new Domain("a whole number >= 0", 0, Double.POSITIVE_INFINITY, true);
  /** Percentages (a share of traffic): [0, 100]. */
  public static final Domain PERCENT = new Domain("[0, 100]", 0, 100, false);
  /** Net benefit: at most 1 (it is at most the prevalence). */
  public static final Domain AT_MOST_ONE = new Domain("<= 1", Double.NEGATIVE_INFINITY, 1, false);
  /** A difference of two values in [0, 1]: [-1, 1]. */
  public static final Domain UNIT_DIFFERENCE = new Domain("[-1, 1]", -1, 1, false);

  /** Agreement beyond chance (Cohen's kappa): [-1, 1]. */
  public static final Domain KAPPA = UNIT_DIFFERENCE;

  /** Validates the components. */
  public Domain {
    if (text == null || text.isBlank() || !(min <= max)) {
      throw new IllegalArgumentException("a domain needs a text and min <= max");
    }
  }

  /** Whether {@code value} is finite and belongs to the domain. */
  public boolean contains(double value) {
    return Double.isFinite(value) && value >= min && value <= max && (!whole || value == Math.rint(value));
  }

  /** Whether this domain is a subset of [0, 1] (a probability or rate). */
  public boolean isProbability() {
    return min >= 0 && max <= 1;
  }

  /**
   * The domain of a metric by its base name (without {@code @t}, {@code [feature]} or {@code .lower95}):
   * the metrics of docs/evidence.md, and the monitoring metrics of rollback policies ({@code error_rate},
   * {@code override_rate}, {@code p99_latency_ms}, ...). Empty for a name the library does not know and
   * for metrics that can take any real value ({@code calibration_slope}, {@code calibration_intercept}).
   */
  public static Optional<Domain> ofMetric(String name) {
    if (name == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(switch (name) {
      case "n", "positives", "observed_events" -> COUNT;
      case "prevalence", "auroc", "auprc", "brier", "ece", "mce", "ici", "e50", "e90", "emax", "spiegelhalter_p", "sensitivity",
          "specificity", "ppv", "npv", "f1", "alert_rate", "missing_rate", "ks", "js_distance", "error_rate",
          "override_rate", "agreement", "estimated_sensitivity", "estimated_specificity", "estimated_ppv",
          "estimated_npv", "estimated_prevalence" -> UNIT;
      case "log_loss", "psi", "wasserstein", "oe_ratio", "expected_events" -> NON_NEGATIVE;
      case "net_benefit", "net_benefit_treat_all" -> AT_MOST_ONE;
      case "label_kappa", "cohen_kappa" -> KAPPA;
      default -> name.endsWith("_latency_ms") ? NON_NEGATIVE : null;
    });
  }

  /**
   * The domain of a metric key as evidence and windows spell it ({@code sensitivity@0.3},
   * {@code missing_rate[creatinine]}, {@code auroc.lower95}): the domain of its base name.
   */
  public static Optional<Domain> ofMetricKey(String key) {
    return key == null ? Optional.empty() : ofMetric(baseName(key));
  }

  /** The base name of a metric key: the part before any {@code @}, {@code [} or {@code .}. */
  public static String baseName(String key) {
    int end = key.length();
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c == '@' || c == '[' || c == '.') {
        end = i;
        break;
      }
    }
    return key.substring(0, end);
  }

  @Override
  public String toString() {
    return text;
  }
}
