package dev.clinigate.metrics.internal;

/**
 * Neumaier's compensated summation (an improved Kahan sum): the error of a sum of n terms stays near
 * one rounding of the result instead of growing with n. Mergeable: {@link #add(Sum)} combines partial
 * sums from different partitions.
 */
public final class Sum {
  private double sum;
  private double compensation;

  /** Adds a term. */
  public void add(double x) {
    double t = sum + x;
    if (Math.abs(sum) >= Math.abs(x)) {
      compensation += (sum - t) + x;
    } else {
      compensation += (x - t) + sum;
    }
    sum = t;
  }

  /** Adds another partial sum. */
  public void add(Sum other) {
    add(other.sum);
    add(other.compensation);
  }

  /** The compensated total. */
  public double value() {
    return sum + compensation;
  }

  /** Resets to zero. */
  public void clear() {
    sum = 0;
    compensation = 0;
  }
}
