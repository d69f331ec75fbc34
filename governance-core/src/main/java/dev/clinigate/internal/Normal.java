package dev.clinigate.internal;

/**
 * The standard normal upper tail Q(z) = 1 - Phi(z), to about 1e-14 relative (checked against R's
 * {@code pnorm(z, lower.tail = FALSE)}), for the p-values of gate results.
 *
 * <p>Design note: for 0 &lt;= z &lt; 3, Phi(z) - 1/2 = phi(z) sum_n z^(2n+1) / (2n+1)!!, a series of positive
 * terms (no cancellation), and Q = 1/2 - that (Q &gt;= 0.00135 there, so at most 3 digits are lost); for
 * z &gt;= 3, Laplace's continued fraction Q = phi(z) / (z + 1 / (z + 2 / (z + 3 / ...))), evaluated
 * backwards from a fixed depth, which keeps full relative precision far into the tail. Q(-z) = 1 - Q(z).
 */
public final class Normal {
  private static final double INV_SQRT_2PI = 0.3989422804014327;

  private Normal() {}

  /** Q(z) = P(Z &gt; z) for a standard normal Z; 0.5 at 0, NaN for NaN. */
  public static double upperTail(double z) {
    if (Double.isNaN(z)) {
      return Double.NaN;
    }
    if (z < 0) {
      return 1.0 - upperTail(-z);
    }
    double density = INV_SQRT_2PI * Math.exp(-0.5 * z * z);
    if (z < 3.0) {
      double term = z;
      double sum = z;
      for (int n = 1; n < 200 && term > 1e-17 * sum; n++) {
        term *= z * z / (2 * n + 1);
        sum += term;
      }
      return 0.5 - density * sum;
    }
    double t = z;
    for (int k = 300; k >= 1; k--) {
      t = z + k / t;
    }
    return density / t;
  }
}
