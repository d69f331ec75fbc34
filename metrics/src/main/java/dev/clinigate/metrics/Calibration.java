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
 *   <li>the smoothed-curve errors of R's {@code rms::val.prob} (Austin and Steyerberg, 2019): with s the
 *       lowess calibration curve ({@code lowess(p, y, iter = 0)}, read at every case's score), the
 *       absolute errors |p - s(p)| have mean ICI (integrated calibration index), median E50, 0.9
 *       quantile E90 (R's type 7) and maximum Emax. Undefined for a streamed state (no individual scores).
 * </ul>
 *
 * @param bins number of equal-width bins B
 * @param spiegelhalterZ Spiegelhalter's z statistic
 * @param spiegelhalterP its two-sided p-value
 * @param observedExpected sum y / sum p
 * @param curve the non-empty bins, in bin order
 * @param ici mean |p - s(p)| over the cases
 * @param e50 median |p - s(p)|
 * @param e90 0.9 quantile of |p - s(p)|
 * @param emax maximum |p - s(p)|
 */
public record Calibration(int bins, MetricValue spiegelhalterZ, MetricValue spiegelhalterP,
    MetricValue observedExpected, List<CalibrationBin> curve, MetricValue ici, MetricValue e50, MetricValue e90,
    MetricValue emax) {

  /** Validates and copies. */
  public Calibration {
    if (bins < 1) {
      throw new IllegalArgumentException("bins must be >= 1, found " + bins);
    }
    Objects.requireNonNull(spiegelhalterZ, "spiegelhalterZ");
    Objects.requireNonNull(spiegelhalterP, "spiegelhalterP");
    Objects.requireNonNull(observedExpected, "observedExpected");
    curve = List.copyOf(curve);
    Objects.requireNonNull(ici, "ici");
    Objects.requireNonNull(e50, "e50");
    Objects.requireNonNull(e90, "e90");
    Objects.requireNonNull(emax, "emax");
  }

  /**
   * {@code {"bins", "spiegelhalter_z", "spiegelhalter_p", "observed_expected", "curve": [...]}} (ICI, E50,
   * E90 and Emax are reported among the report's {@code "metrics"}).
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
