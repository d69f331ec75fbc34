package dev.clinigate.metrics;

import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Calibration diagnostics beyond ECE/MCE and the logistic recalibration fit.
 *
 * <ul>
 *   <li>Spiegelhalter's z = sum (y - p)(1 - 2p) / sqrt(sum (1 - 2p)^2 p (1 - p)), with its two-sided
 *       p-value 2 (1 - Phi(|z|)); undefined when the denominator is 0 (every score is 0, 0.5 or 1).
 *   <li>observed/expected = sum y / sum p (undefined when every score is 0).
 *   <li>the calibration curve: one point per non-empty bin, for reliability plots.
 * </ul>
 *
 * @param bins number of equal-width bins B
 * @param spiegelhalterZ Spiegelhalter's z statistic
 * @param spiegelhalterP its two-sided p-value
 * @param observedExpected sum y / sum p
 * @param curve the non-empty bins, in bin order
 */
public record Calibration(int bins, MetricValue spiegelhalterZ, MetricValue spiegelhalterP,
    MetricValue observedExpected, List<CalibrationBin> curve) {

  /** Validates and copies. */
  public Calibration {
    if (bins < 1) {
      throw new IllegalArgumentException("bins must be >= 1, found " + bins);
    }
    Objects.requireNonNull(spiegelhalterZ, "spiegelhalterZ");
    Objects.requireNonNull(spiegelhalterP, "spiegelhalterP");
    Objects.requireNonNull(observedExpected, "observedExpected");
    curve = List.copyOf(curve);
  }

  /**
   * {@code {"bins", "spiegelhalter_z", "spiegelhalter_p", "observed_expected", "curve": [...]}}.
   */
  public JsonObject toJson() {
    List<JsonValue> points = new ArrayList<>(curve.size());
    for (CalibrationBin b : curve) {
      points.add(b.toJson());
    }
    return JsonObject.builder()
        .put("bins", bins)
        .put("spiegelhalter_z", spiegelhalterZ.toJson())
        .put("spiegelhalter_p", spiegelhalterP.toJson())
        .put("observed_expected", observedExpected.toJson())
        .put("curve", new JsonArray(points))
        .build();
  }
}
