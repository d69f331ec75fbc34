package dev.clinigate.metrics;

import dev.clinigate.json.JsonObject;

/**
 * One non-empty bin of the calibration curve (reliability diagram): the mean predicted risk against the
 * observed event rate of the cases whose score falls in the bin.
 *
 * @param index 0-based bin index (bin(p) = number of inner edges strictly below p)
 * @param lower the bin's lower edge (0 for the first bin)
 * @param upper the bin's upper edge (1 for the last bin)
 * @param n number of cases in the bin, at least 1
 * @param meanPredicted mean score of those cases
 * @param observedRate fraction of those cases that are positive
 */
public record CalibrationBin(int index, double lower, double upper, long n, double meanPredicted,
    double observedRate) {

  /** Validates the bin. */
  public CalibrationBin {
    if (index < 0) {
      throw new IllegalArgumentException("bin index must be >= 0, found " + index);
    }
    if (n < 1) {
      throw new IllegalArgumentException("a calibration curve point needs at least one case, found " + n);
    }
    if (!(lower <= upper) || !Double.isFinite(meanPredicted) || !Double.isFinite(observedRate)) {
      throw new IllegalArgumentException("invalid calibration bin " + index);
    }
  }

  /**
   * {@code {"bin", "lower", "upper", "n", "mean_predicted", "observed_rate"}}.
   */
  public JsonObject toJson() {
    return JsonObject.builder()
        .put("bin", index)
        .put("lower", lower)
        .put("upper", upper)
        .put("n", n)
        .put("mean_predicted", meanPredicted)
        .put("observed_rate", observedRate)
        .build();
  }
}
