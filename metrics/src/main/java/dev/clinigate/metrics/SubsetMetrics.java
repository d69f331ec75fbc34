package dev.clinigate.metrics;

import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Every binary-classification metric for one set of cases: the whole data set or one subgroup.
 * Definitions are DESIGN.md's (and equal scikit-learn's where it has the metric); see {@link BinaryMetrics}.
 *
 * <p>Metrics can be looked up by the reference a policy uses:
 * <pre>{@code
 * subset.value("auroc");                 // point estimate
 * subset.value("auroc.lower95");         // DeLong lower bound
 * subset.value("ece.upper95");           // bootstrap upper bound (when bootstrapped)
 * subset.value("sensitivity@0.3");       // a threshold metric
 * subset.value("ppv@0.8.lower95");
 * }</pre>
 *
 * @param n number of cases, at least 1
 * @param positives number of cases with label 1
 * @param prevalence positives / n
 * @param auroc area under the ROC curve (trapezoidal, ties count 1/2)
 * @param auprc average precision (step-wise)
 * @param brier mean squared error of the scores
 * @param logLoss mean negative log-likelihood with scores clipped to [1e-15, 1 - 1e-15]
 * @param ece expected calibration error over equal-width bins
 * @param mce maximum calibration error over the same bins
 * @param calibrationSlope b in the logistic fit y ~ a + b logit(p)
 * @param calibrationIntercept a in the logistic fit y ~ a + offset(logit(p))
 * @param thresholds metrics at each requested threshold, ascending
 * @param calibration Spiegelhalter's test, observed/expected, the calibration curve and the lowess-curve
 *     errors (ICI, E50, E90, Emax)
 * @param intervals 95% intervals keyed by metric reference ({@code "auroc"}, {@code "ece"},
 *     {@code "sensitivity@0.5"}), in report order
 * @param curves the ROC, precision-recall and decision curves, for plots; present for a report's whole set
 *     of cases computed from its scores (not for subgroups, a baseline or a streamed state)
 */
public record SubsetMetrics(long n, long positives, MetricValue prevalence, MetricValue auroc, MetricValue auprc,
    MetricValue brier, MetricValue logLoss, MetricValue ece, MetricValue mce, MetricValue calibrationSlope,
    MetricValue calibrationIntercept, List<ThresholdMetrics> thresholds, Calibration calibration,
    Map<String, Interval> intervals, Optional<Curves> curves) {

  /** Names of the scalar metrics in the JSON {@code "metrics"} object, in order. */
  public static final List<String> METRIC_NAMES = List.of(
      "auroc", "auprc", "brier", "log_loss", "ece", "mce", "calibration_slope", "calibration_intercept", "ici",
      "e50", "e90", "emax", "oe_ratio", "spiegelhalter_z", "spiegelhalter_p");

  private static final List<String> OTHER_NAMES = List.of(
      "n", "positives", "prevalence", "spiegelhalter_z", "spiegelhalter_p", "observed_expected");

  /** Validates and copies (the interval map keeps its order). */
  public SubsetMetrics {
    if (n < 1 || positives < 0 || positives > n) {
      throw new IllegalArgumentException("need n >= 1 and 0 <= positives <= n, found n=" + n
          + ", positives=" + positives);
    }
    Objects.requireNonNull(prevalence, "prevalence");
    Objects.requireNonNull(auroc, "auroc");
    Objects.requireNonNull(auprc, "auprc");
    Objects.requireNonNull(brier, "brier");
    Objects.requireNonNull(logLoss, "logLoss");
    Objects.requireNonNull(ece, "ece");
    Objects.requireNonNull(mce, "mce");
    Objects.requireNonNull(calibrationSlope, "calibrationSlope");
    Objects.requireNonNull(calibrationIntercept, "calibrationIntercept");
    Objects.requireNonNull(calibration, "calibration");
    thresholds = List.copyOf(thresholds);
    intervals = Collections.unmodifiableMap(new LinkedHashMap<>(intervals));
    Objects.requireNonNull(curves, "curves");
  }

  /** The metrics without curves (as subgroups, baselines and streamed states report them). */
  public SubsetMetrics(long n, long positives, MetricValue prevalence, MetricValue auroc, MetricValue auprc,
      MetricValue brier, MetricValue logLoss, MetricValue ece, MetricValue mce, MetricValue calibrationSlope,
      MetricValue calibrationIntercept, List<ThresholdMetrics> thresholds, Calibration calibration,
      Map<String, Interval> intervals) {
    this(n, positives, prevalence, auroc, auprc, brier, logLoss, ece, mce, calibrationSlope, calibrationIntercept,
        thresholds, calibration, intervals, Optional.empty());
  }

  /** The same metrics without curves (how a subgroup is reported). */
  public SubsetMetrics withoutCurves() {
    return curves.isEmpty() ? this : new SubsetMetrics(n, positives, prevalence, auroc, auprc, brier, logLoss, ece, mce,
        calibrationSlope, calibrationIntercept, thresholds, calibration, intervals);
  }

  /** The same metrics with {@code curves}. */
  public SubsetMetrics withCurves(Curves curves) {
    return new SubsetMetrics(n, positives, prevalence, auroc, auprc, brier, logLoss, ece, mce, calibrationSlope,
        calibrationIntercept, thresholds, calibration, intervals, Optional.of(curves));
  }

  /** Number of cases with label 0. */
  public long negatives() {
    return n - positives;
  }

  /** The metrics at threshold {@code t}, if it was requested. */
  public Optional<ThresholdMetrics> threshold(double t) {
    for (ThresholdMetrics tm : thresholds) {
      if (Double.compare(tm.threshold(), t == 0.0 ? 0.0 : t) == 0) {
        return Optional.of(tm);
      }
    }
    return Optional.empty();
  }

  /** The 95% interval of a metric ({@code "auroc"}, {@code "ece"}, {@code "sensitivity@0.5"}), if computed. */
  public Optional<Interval> interval(String metric) {
    Reference r = Reference.parse(metric);
    if (r.bound != Bound.POINT) {
      throw new IllegalArgumentException("an interval is looked up by metric name, without a bound suffix: \""
          + metric + "\"");
    }
    return Optional.ofNullable(intervals.get(r.key()));
  }

  /**
   * The value a policy reference names: {@code <metric>[@<threshold>][.point|.lower95|.upper95]}.
   * Scalar metrics are {@code n, positives, prevalence, auroc, auprc, brier, log_loss, ece, mce,
   * calibration_slope, calibration_intercept, ici, e50, e90, emax, oe_ratio, spiegelhalter_z, spiegelhalter_p,
   * observed_expected} ({@code oe_ratio} is {@code observed_expected} under its policy name);
   * threshold metrics are {@code sensitivity, specificity, ppv, npv, f1, alert_rate, net_benefit,
   * net_benefit_treat_all} followed
   * by {@code @t}. A threshold that was not computed, or a bound of an interval that was not computed,
   * is undefined (with a reason), not an error.
   *
   * @throws IllegalArgumentException when the reference is malformed or names an unknown metric
   */
  public MetricValue metric(String reference) {
    Reference r = Reference.parse(reference);
    if (r.bound != Bound.POINT) {
      Interval iv = intervals.get(r.key());
      if (iv == null) {
        return MetricValue.undefined("no confidence interval was computed for " + r.key());
      }
      return r.bound == Bound.LOWER ? iv.lower95() : iv.upper95();
    }
    if (r.threshold != null) {
      Optional<ThresholdMetrics> tm = threshold(r.threshold);
      if (tm.isEmpty()) {
        return MetricValue.undefined("threshold " + r.threshold + " was not computed");
      }
      return tm.get().metric(r.name);
    }
    switch (r.name) {
      case "n": return MetricValue.of(n);
      case "positives": return MetricValue.of(positives);
      case "prevalence": return prevalence;
      case "auroc": return auroc;
      case "auprc": return auprc;
      case "brier": return brier;
      case "log_loss": return logLoss;
      case "ece": return ece;
      case "mce": return mce;
      case "calibration_slope": return calibrationSlope;
      case "calibration_intercept": return calibrationIntercept;
      case "spiegelhalter_z": return calibration.spiegelhalterZ();
      case "spiegelhalter_p": return calibration.spiegelhalterP();
      case "observed_expected": return calibration.observedExpected();
      case "oe_ratio": return calibration.observedExpected();
      case "ici": return calibration.ici();
      case "e50": return calibration.e50();
      case "e90": return calibration.e90();
      case "emax": return calibration.emax();
      default: throw new AssertionError(r.name); // Reference.parse admits known names only
    }
  }

  /**
   * {@link #metric(String)} as an {@code OptionalDouble}: empty when the value is undefined.
   *
   * @throws IllegalArgumentException when the reference is malformed or names an unknown metric
   */
  public OptionalDouble value(String reference) {
    return metric(reference).asOptional();
  }

  /** The scalar metric called {@code name} (one of {@link #METRIC_NAMES}). */
  MetricValue scalar(String name) {
    return metric(name);
  }

  /**
   * The JSON object: {@code n, positives, prevalence, metrics, thresholds, calibration, intervals} and,
   * when present, {@code curves} (DESIGN.md's shape plus the documented extras).
   */
  public JsonObject toJson() {
    JsonObject.Builder b = JsonObject.builder();
    appendJson(b);
    return b.build();
  }

  void appendJson(JsonObject.Builder b) {
    b.put("n", n).put("positives", positives).put("prevalence", prevalence.toJson());
    JsonObject.Builder m = JsonObject.builder();
    for (String name : METRIC_NAMES) {
      m.put(name, scalar(name).toJson());
    }
    b.put("metrics", m.build());
    List<JsonValue> ts = new ArrayList<>(thresholds.size());
    for (ThresholdMetrics t : thresholds) {
      ts.add(t.toJson());
    }
    b.put("thresholds", new JsonArray(ts));
    b.put("calibration", calibration.toJson());
    JsonObject.Builder iv = JsonObject.builder();
    for (Map.Entry<String, Interval> e : intervals.entrySet()) {
      iv.put(e.getKey(), e.getValue().toJson());
    }
    b.put("intervals", iv.build());
    curves.ifPresent(c -> b.put("curves", c.toJson()));
  }

  private enum Bound { POINT, LOWER, UPPER }

  /** A parsed metric reference. */
  private static final class Reference {
    final String name;
    final Double threshold;
    final Bound bound;

    private Reference(String name, Double threshold, Bound bound) {
      this.name = name;
      this.threshold = threshold;
      this.bound = bound;
    }

    String key() {
      return threshold == null ? name : name + "@" + threshold;
    }

    static Reference parse(String reference) {
      Objects.requireNonNull(reference, "reference");
      String rest = reference;
      Bound bound = Bound.POINT;
      if (rest.endsWith(".lower95")) {
        bound = Bound.LOWER;
        rest = rest.substring(0, rest.length() - ".lower95".length());
      } else if (rest.endsWith(".upper95")) {
        bound = Bound.UPPER;
        rest = rest.substring(0, rest.length() - ".upper95".length());
      } else if (rest.endsWith(".point")) {
        rest = rest.substring(0, rest.length() - ".point".length());
      }
      int at = rest.indexOf('@');
      if (at < 0) {
        if (!METRIC_NAMES.contains(rest) && !OTHER_NAMES.contains(rest)) {
          throw new IllegalArgumentException("unknown metric \"" + reference + "\", expected one of "
              + METRIC_NAMES + ", " + OTHER_NAMES + " or a threshold metric such as sensitivity@0.5");
        }
        return new Reference(rest, null, bound);
      }
      String name = rest.substring(0, at);
      if (!ThresholdMetrics.METRIC_NAMES.contains(name)) {
        throw new IllegalArgumentException("unknown threshold metric \"" + name + "\" in \"" + reference
            + "\", expected one of " + ThresholdMetrics.METRIC_NAMES);
      }
      String t = rest.substring(at + 1);
      double threshold;
      try {
        threshold = Double.parseDouble(t);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("threshold must be a number in \"" + reference + "\", found \""
            + t + "\"", e);
      }
      if (!(threshold >= 0.0 && threshold <= 1.0)) {
        throw new IllegalArgumentException("threshold must be within [0, 1], found " + t + " in \""
            + reference + "\"");
      }
      return new Reference(name, threshold == 0.0 ? 0.0 : threshold, bound);
    }
  }
}
