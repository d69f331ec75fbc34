package dev.clinigate.spark.internal;

/**
 * The per-score terms of the metrics module's table evaluator, with the same floating-point expressions
 * (clipped log terms, logit, calibration bin), so that sums over cells have the same terms on Spark.
 */
final class CellTerms {
  static final double CLIP = 1e-15;

  double x;
  double expNegX;
  double lossPos;
  double lossNeg;
  double sqPos;
  double sqNeg;
  int bin;

  /** Fills the terms of score {@code p} for {@code bins} equal-width bins. */
  void of(double p, int bins) {
    double pc = Math.min(Math.max(p, CLIP), 1 - CLIP);
    x = Math.log(pc / (1 - pc));
    expNegX = Math.exp(-x);
    lossPos = -Math.log(pc);
    lossNeg = -Math.log(1 - pc);
    double r = 1 - p;
    sqPos = r * r;
    sqNeg = p * p;
    bin = bin(p, bins);
  }

  /** The number of inner edges k * (1.0 / bins), k = 1..bins-1, strictly below p. */
  static int bin(double p, int bins) {
    double width = 1.0 / bins;
    int k = (int) Math.min(bins - 1, Math.max(0, Math.floor(p * bins)));
    while (k >= 1 && k * width >= p) {
      k--;
    }
    while (k + 1 <= bins - 1 && (k + 1) * width < p) {
      k++;
    }
    return k;
  }
}
