package dev.clinigate.metrics;

/**
 * An interval guaranteed to contain a drift statistic that was not computed exactly, e.g. the KS
 * statistic of a streamed {@link DriftHistogram} whose bins hold several distinct values. A gate
 * that bounds the statistic from above passes when {@link #upper()} is within the bound and fails
 * when {@link #lower()} is beyond it; in between the data cannot tell.
 *
 * @param lower a value at or below the statistic, finite and {@code >= 0}
 * @param upper a value at or above the statistic, finite and {@code >= lower}
 */
public record DriftBounds(double lower, double upper) {
  /** Validates the interval. */
  public DriftBounds {
    if (!(lower >= 0.0) || !(upper >= lower) || !Double.isFinite(upper)) {
      throw new IllegalArgumentException(
          "bounds must satisfy 0 <= lower <= upper < infinity, found [" + lower + ", " + upper + "]");
    }
  }

  /** Whether the interval is a single point: the statistic is known exactly. */
  public boolean isExact() {
    return lower == upper;
  }

  /** The width {@code upper - lower}. */
  public double width() {
    return upper - lower;
  }
}
