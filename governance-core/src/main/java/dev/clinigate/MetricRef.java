package dev.clinigate;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reference to a metric as written in a policy: {@code auroc}, {@code sensitivity@0.3},
 * {@code auroc.lower95}, {@code psi[creatinine]}.
 *
 * <p>Grammar: {@code name ['@' threshold] ['[' feature ']'] ['.' (point|lower95|upper95)]}. Threshold
 * metrics ({@code sensitivity ppv ...}) require {@code @t} with t in [0, 1]; other metrics forbid it.
 * Drift metrics ({@code psi ks wasserstein js_distance missing_rate}) take an optional feature; without
 * one a rule applies to every feature in the evidence's drift report.
 *
 * @param name the metric id from DESIGN.md's metric table, e.g. {@code auroc}
 * @param threshold the decision threshold of a threshold metric, else empty
 * @param feature the feature of a drift metric, else empty
 * @param statistic which value of the metric: its point estimate or a 95% confidence bound
 */
public record MetricRef(String name, OptionalDouble threshold, Optional<String> feature, Statistic statistic) {

  /** Which value of a metric a rule reads. */
  public enum Statistic {
    /** The point estimate. */
    POINT,
    /** The lower bound of the 95% confidence interval. */
    LOWER95,
    /** The upper bound of the 95% confidence interval. */
    UPPER95;

    /** The spelling in policies and evidence: {@code point}, {@code lower95}, {@code upper95}. */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Counts, read from the top level of a metrics report. */
  public static final List<String> COUNT_METRICS = List.of("n", "positives", "prevalence");
  /** Whole-set metrics, read from {@code metrics}. */
  public static final List<String> SET_METRICS = List.of("auroc", "auprc", "brier", "log_loss", "ece", "mce",
      "calibration_slope", "calibration_intercept", "ici", "e50", "e90", "emax", "oe_ratio", "spiegelhalter_z",
      "spiegelhalter_p");
  /** Metrics that are p-values (gated with {@code min: alpha}, adjustable across subgroups). */
  public static final List<String> P_VALUE_METRICS = List.of("spiegelhalter_p");
  /** Metrics at a decision threshold, read from {@code thresholds}. */
  public static final List<String> THRESHOLD_METRICS = List.of("sensitivity", "specificity", "ppv", "npv", "f1",
      "alert_rate", "net_benefit", "net_benefit_treat_all");
  /**
   * Label-provenance metrics, read from the evidence's {@code labels} section: {@code label_kappa} is
   * {@code labels.agreement.cohen_kappa} (its {@code point}, {@code lower95} and {@code upper95}).
   */
  public static final List<String> LABEL_METRICS = List.of("label_kappa");
  /** Drift metrics, read per feature from the drift report. */
  public static final List<String> DRIFT_METRICS = List.of("psi", "ks", "wasserstein", "js_distance",
      "missing_rate");

  private static final Pattern SYNTAX = Pattern.compile(
      "([a-z_0-9]+)(?:@([0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?))?(?:\\[([^\\]\\[]+)\\])?(?:\\.([a-z0-9]+))?");

  /** Validates the reference. */
  public MetricRef {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(threshold, "threshold");
    Objects.requireNonNull(feature, "feature");
    Objects.requireNonNull(statistic, "statistic");
    if (!allNames().contains(name)) {
      throw new IllegalArgumentException("unknown metric \"" + name + "\"");
    }
    boolean thresholdMetric = THRESHOLD_METRICS.contains(name);
    if (thresholdMetric && threshold.isEmpty()) {
      throw new IllegalArgumentException("metric \"" + name + "\" needs a threshold, e.g. \"" + name + "@0.5\"");
    }
    if (!thresholdMetric && threshold.isPresent()) {
      throw new IllegalArgumentException("metric \"" + name + "\" takes no threshold");
    }
    if (threshold.isPresent() && !(threshold.getAsDouble() >= 0.0 && threshold.getAsDouble() <= 1.0)) {
      throw new IllegalArgumentException("threshold must be within [0, 1], found " + threshold.getAsDouble());
    }
    if (feature.isPresent() && !DRIFT_METRICS.contains(name)) {
      throw new IllegalArgumentException("metric \"" + name + "\" takes no [feature]; only drift metrics do");
    }
    if (statistic != Statistic.POINT && (COUNT_METRICS.contains(name))) {
      throw new IllegalArgumentException("\"" + name + "\" is a count and has no confidence bounds");
    }
  }

  /** Every metric name a policy may use. */
  public static List<String> allNames() {
    return NAMES;
  }

  private static final List<String> NAMES = java.util.stream.Stream.of(COUNT_METRICS, SET_METRICS,
      THRESHOLD_METRICS, DRIFT_METRICS, LABEL_METRICS).flatMap(List::stream).toList();

  /**
   * Parses a reference.
   *
   * @throws IllegalArgumentException with a message that names what is wrong
   */
  public static MetricRef parse(String text) {
    Matcher m = SYNTAX.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("\"" + text + "\" is not a metric reference (expected e.g. auroc, "
          + "sensitivity@0.3, auroc.lower95, psi[creatinine])");
    }
    OptionalDouble t = m.group(2) == null ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(m.group(2)));
    Statistic stat = Statistic.POINT;
    if (m.group(4) != null) {
      stat = switch (m.group(4)) {
        case "point" -> Statistic.POINT;
        case "lower95" -> Statistic.LOWER95;
        case "upper95" -> Statistic.UPPER95;
        default -> throw new IllegalArgumentException("unknown statistic \"." + m.group(4)
            + "\" (expected .point, .lower95 or .upper95)");
      };
    }
    return new MetricRef(m.group(1), t, Optional.ofNullable(m.group(3)), stat);
  }

  /** A copy reading the given statistic. */
  public MetricRef withStatistic(Statistic s) {
    return new MetricRef(name, threshold, feature, s);
  }

  /** Whether this is a threshold metric ({@code name@t}). */
  public boolean isThresholdMetric() {
    return THRESHOLD_METRICS.contains(name);
  }

  /** Whether this is a drift metric. */
  public boolean isDriftMetric() {
    return DRIFT_METRICS.contains(name);
  }

  /** Whether this is a label-provenance metric ({@code label_kappa}), read from {@code labels}. */
  public boolean isLabelMetric() {
    return LABEL_METRICS.contains(name);
  }

  /** Whether this is one of the counts {@code n}, {@code positives}, {@code prevalence}. */
  public boolean isCount() {
    return COUNT_METRICS.contains(name);
  }

  /** The key of this metric (without statistic) as evidence spells it: {@code sensitivity@0.3}. */
  public String key() {
    StringBuilder b = new StringBuilder(name);
    threshold.ifPresent(t -> b.append('@').append(NumberText.plain(t)));
    feature.ifPresent(f -> b.append('[').append(f).append(']'));
    return b.toString();
  }

  /** The reference as written canonically: {@code auroc.lower95}. */
  @Override
  public String toString() {
    return statistic == Statistic.POINT ? key() : key() + "." + statistic.key();
  }

  /** The metric's name for people: {@code ECE}, {@code sensitivity at 0.3}, {@code PSI of creatinine}. */
  public String displayName() {
    String base = switch (name) {
      case "n" -> "n";
      case "positives" -> "The number of positives";
      case "prevalence" -> "Prevalence";
      case "auroc" -> "AUROC";
      case "auprc" -> "AUPRC";
      case "brier" -> "Brier score";
      case "log_loss" -> "Log loss";
      case "ece" -> "ECE";
      case "mce" -> "MCE";
      case "calibration_slope" -> "Calibration slope";
      case "calibration_intercept" -> "Calibration intercept";
      case "ici" -> "ICI";
      case "e50" -> "E50";
      case "e90" -> "E90";
      case "emax" -> "Emax";
      case "oe_ratio" -> "O/E ratio";
      case "spiegelhalter_z" -> "Spiegelhalter's z";
      case "spiegelhalter_p" -> "Spiegelhalter's p-value";
      case "sensitivity" -> "Sensitivity";
      case "specificity" -> "Specificity";
      case "ppv" -> "PPV";
      case "npv" -> "NPV";
      case "f1" -> "F1";
      case "alert_rate" -> "Alert rate";
      case "net_benefit" -> "Net benefit";
      case "net_benefit_treat_all" -> "Net benefit of treating all";
      case "psi" -> "PSI";
      case "ks" -> "KS statistic";
      case "wasserstein" -> "Wasserstein distance";
      case "js_distance" -> "Jensen-Shannon distance";
      case "missing_rate" -> "Missing rate";
      case "label_kappa" -> "Label agreement (Cohen's kappa)";
      default -> name;
    };
    if (threshold.isPresent()) {
      base = base + " at " + NumberText.plain(threshold.getAsDouble());
    }
    return base;
  }
}
