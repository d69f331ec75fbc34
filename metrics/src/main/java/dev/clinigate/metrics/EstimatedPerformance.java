package dev.clinigate.metrics;

import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonNull;
import dev.clinigate.json.JsonNumber;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Label-free (confidence-based) performance estimates for cases whose outcomes are not known yet: each
 * score {@code p} is taken as the probability that the case is positive, so at a threshold {@code t} the
 * expected confusion counts are {@code TP = sum_{p>=t} p}, {@code FP = sum_{p>=t} (1 - p)},
 * {@code FN = sum_{p<t} p}, {@code TN = sum_{p<t} (1 - p)}, and the estimated prevalence is the mean score.
 *
 * <p>These numbers are only as good as the model's calibration: a model that overstates risk
 * overstates its estimated sensitivity too. They are named {@code estimated_*} so they are never mistaken
 * for measured metrics, and rollback triggers accept them only with {@code assumesCalibration: true}.
 * A ratio with a zero denominator is undefined ({@code null} in JSON). Immutable and thread-safe.
 *
 * <pre>{@code
 * EstimatedPerformance e = EstimatedPerformance.of(scores, new double[] {0.3, 0.5});
 * JsonObject json = e.toJson();   // {"n":..., "estimated_prevalence":..., "thresholds":[...]}
 * }</pre>
 *
 * @param n the number of cases
 * @param estimatedPrevalence the mean score
 * @param thresholds the estimates at each threshold, in the order given
 */
public record EstimatedPerformance(long n, double estimatedPrevalence, List<AtThreshold> thresholds) {

  /** Validates and copies. */
  public EstimatedPerformance {
    Objects.requireNonNull(thresholds, "thresholds");
    thresholds = List.copyOf(thresholds);
  }

  /**
   * The expected confusion counts at one threshold and the ratios derived from them (NaN when a
   * denominator is 0, rendered {@code null}).
   *
   * @param threshold the decision threshold: {@code p >= threshold} is flagged
   * @param tp expected true positives
   * @param fp expected false positives
   * @param fn expected false negatives
   * @param tn expected true negatives
   */
  public record AtThreshold(double threshold, double tp, double fp, double fn, double tn) {
    /** Estimated sensitivity {@code TP / (TP + FN)}. */
    public double sensitivity() {
      return ratio(tp, tp + fn);
    }

    /** Estimated specificity {@code TN / (TN + FP)}. */
    public double specificity() {
      return ratio(tn, tn + fp);
    }

    /** Estimated PPV {@code TP / (TP + FP)}. */
    public double ppv() {
      return ratio(tp, tp + fp);
    }

    /** Estimated NPV {@code TN / (TN + FN)}. */
    public double npv() {
      return ratio(tn, tn + fn);
    }

    /** This threshold's entry of {@code metrics} JSON. */
    public JsonObject toJson() {
      return JsonObject.builder().put("threshold", threshold).put("estimated_sensitivity", num(sensitivity()))
          .put("estimated_specificity", num(specificity())).put("estimated_ppv", num(ppv()))
          .put("estimated_npv", num(npv())).build();
    }
  }

  /**
   * Computes the estimates.
   *
   * @param scores probabilities in [0, 1], at least one
   * @param thresholds thresholds in [0, 1], at least one
   * @throws IllegalArgumentException for an empty array or a value outside [0, 1]
   */
  public static EstimatedPerformance of(double[] scores, double[] thresholds) {
    if (scores.length == 0 || thresholds.length == 0) {
      throw new IllegalArgumentException("need at least one score and one threshold, found " + scores.length
          + " scores and " + thresholds.length + " thresholds");
    }
    double sum = 0;
    for (double p : scores) {
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException("scores must be within [0, 1], found " + p);
      }
      sum += p;
    }
    List<AtThreshold> out = new ArrayList<>();
    for (double t : thresholds) {
      if (!(t >= 0 && t <= 1)) {
        throw new IllegalArgumentException("thresholds must be within [0, 1], found " + t);
      }
      double tp = 0;
      double fp = 0;
      double fn = 0;
      double tn = 0;
      for (double p : scores) {
        if (p >= t) {
          tp += p;
          fp += 1 - p;
        } else {
          fn += p;
          tn += 1 - p;
        }
      }
      out.add(new AtThreshold(t, tp, fp, fn, tn));
    }
    return new EstimatedPerformance(scores.length, sum / scores.length, out);
  }

  /**
   * The {@code metrics} JSON: {@code {"assumesCalibration": true, "n", "estimated_prevalence",
   * "thresholds": [{"threshold", "estimated_sensitivity", "estimated_specificity", "estimated_ppv",
   * "estimated_npv"}]}}.
   */
  public JsonObject toJson() {
    List<JsonValue> ts = new ArrayList<>();
    thresholds.forEach(t -> ts.add(t.toJson()));
    return JsonObject.builder().put("assumesCalibration", true).put("n", n)
        .put("estimated_prevalence", estimatedPrevalence).put("thresholds", new JsonArray(ts)).build();
  }

  private static double ratio(double a, double b) {
    return b == 0 ? Double.NaN : a / b;
  }

  private static JsonValue num(double v) {
    return Double.isNaN(v) ? JsonNull.INSTANCE : JsonNumber.of(v);
  }
}
