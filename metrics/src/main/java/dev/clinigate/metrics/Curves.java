package dev.clinigate.metrics;

import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonNull;
import dev.clinigate.json.JsonNumber;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * The curves of a metrics report, for plots (the HTML evidence report draws them): the ROC curve, the
 * precision-recall curve and the decision curve. The calibration curve is {@link Calibration#curve()}.
 *
 * <ul>
 *   <li>ROC: {@code (fpr, tpr)} at every distinct score taken as the threshold (positive iff p &gt;= s),
 *       from {@code (0, 0)} to {@code (1, 1)}, in the order and with the values of scikit-learn's
 *       {@code roc_curve(y, p, drop_intermediate=False)}; empty (JSON {@code null}) with one class.
 *   <li>precision-recall: {@code (recall, precision)} at every distinct score ascending, then
 *       {@code (0, 1)}, as scikit-learn's {@code precision_recall_curve(y, p)}; empty with no positives.
 *   <li>decision curve: at t = 0.01, 0.02, ..., 0.99, the model's net benefit
 *       {@code TP/n - FP/n * t/(1-t)} and that of treating everyone,
 *       {@code prevalence - (1 - prevalence) * t/(1-t)} (treating no one is 0).
 * </ul>
 *
 * <p>Size is bounded whatever the number of cases: a ROC or precision-recall curve with more than
 * {@link #MAX_POINTS} points is downsampled deterministically to at most that many. With the length of
 * the curve measured as the sum of {@code |dx| + |dy|} along it, the first and the last point are kept,
 * and of the others each point at which the length from the start first passes a multiple of
 * {@code total / (MAX_POINTS - 2)}: the kept points are spread evenly along the curve (so steep and
 * jagged parts keep more of them) and no point of the full curve is farther than one such step from
 * the kept polyline. A curve with at most {@link #MAX_POINTS} points is kept whole.
 *
 * @param roc the ROC curve, {@code x} = false-positive rate, {@code y} = true-positive rate; empty when
 *     undefined
 * @param precisionRecall the precision-recall curve, {@code x} = recall, {@code y} = precision; empty
 *     when undefined
 * @param decision the decision curve, one point per threshold of {@link #DECISION_THRESHOLDS}
 */
public record Curves(List<Point> roc, List<Point> precisionRecall, List<NetBenefit> decision) {

  /** Most points a ROC or precision-recall curve keeps. */
  public static final int MAX_POINTS = 200;

  /** Number of decision-curve thresholds: t = k / 100 for k = 1..99. */
  public static final int DECISION_THRESHOLDS = 99;

  /** Validates sizes and copies. */
  public Curves {
    roc = List.copyOf(roc);
    precisionRecall = List.copyOf(precisionRecall);
    decision = List.copyOf(decision);
    if (roc.size() > MAX_POINTS || precisionRecall.size() > MAX_POINTS) {
      throw new IllegalArgumentException("a curve keeps at most " + MAX_POINTS + " points, found "
          + Math.max(roc.size(), precisionRecall.size()));
    }
  }

  /**
   * One point of a curve.
   *
   * @param x the horizontal coordinate
   * @param y the vertical coordinate
   */
  public record Point(double x, double y) {
    /** Checks that both coordinates are finite. */
    public Point {
      if (!Double.isFinite(x) || !Double.isFinite(y)) {
        throw new IllegalArgumentException("curve points must be finite, found (" + x + ", " + y + ")");
      }
    }
  }

  /**
   * One point of the decision curve.
   *
   * @param threshold the threshold probability t
   * @param model the model's net benefit at t
   * @param treatAll the net benefit of treating everyone at t
   */
  public record NetBenefit(double threshold, double model, double treatAll) {
    /** Checks that the values are finite and the threshold is within (0, 1). */
    public NetBenefit {
      if (!(threshold > 0.0 && threshold < 1.0) || !Double.isFinite(model) || !Double.isFinite(treatAll)) {
        throw new IllegalArgumentException("invalid decision curve point at threshold " + threshold);
      }
    }
  }

  /**
   * {@code {"max_points", "roc": [[fpr, tpr], ...] | null, "pr": [[recall, precision], ...] | null,
   * "decision": [[t, net_benefit, net_benefit_treat_all], ...]}}.
   */
  public JsonObject toJson() {
    List<JsonValue> d = new ArrayList<>(decision.size());
    for (NetBenefit p : decision) {
      d.add(JsonArray.of(JsonNumber.of(p.threshold()), JsonNumber.of(p.model()), JsonNumber.of(p.treatAll())));
    }
    return JsonObject.builder()
        .put("max_points", MAX_POINTS)
        .put("roc", points(roc))
        .put("pr", points(precisionRecall))
        .put("decision", new JsonArray(d))
        .build();
  }

  private static JsonValue points(List<Point> points) {
    if (points.isEmpty()) {
      return JsonNull.INSTANCE;
    }
    List<JsonValue> out = new ArrayList<>(points.size());
    for (Point p : points) {
      out.add(JsonArray.of(JsonNumber.of(p.x()), JsonNumber.of(p.y())));
    }
    return new JsonArray(out);
  }
}
