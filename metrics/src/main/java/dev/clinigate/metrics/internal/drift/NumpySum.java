package dev.clinigate.metrics.internal.drift;

/**
 * {@code numpy.sum} of a float64 array, operation for operation: 0.0 plus numpy's pairwise sum
 * (blocks of at most 128 summed with eight interleaved accumulators, split in halves rounded down to
 * a multiple of 8 above that). Used where a sum cancels heavily, e.g. the Jensen-Shannon divergence
 * of two nearly equal distributions, so that the result matches scipy to the last bits rather than
 * to the conditioning of the sum.
 */
public final class NumpySum {
  private NumpySum() {}

  /** The sum of {@code a[0 .. n)} as {@code numpy.sum} computes it. */
  public static double sum(double[] a, int n) {
    return 0.0 + pairwise(a, 0, n);
  }

  private static double pairwise(double[] a, int lo, int n) {
    if (n < 8) {
      double res = -0.0;
      for (int i = 0; i < n; i++) {
        res += a[lo + i];
      }
      return res;
    }
    if (n <= 128) {
      double r0 = a[lo];
      double r1 = a[lo + 1];
      double r2 = a[lo + 2];
      double r3 = a[lo + 3];
      double r4 = a[lo + 4];
      double r5 = a[lo + 5];
      double r6 = a[lo + 6];
      double r7 = a[lo + 7];
      int i = 8;
      for (; i < n - (n % 8); i += 8) {
        r0 += a[lo + i];
        r1 += a[lo + i + 1];
        r2 += a[lo + i + 2];
        r3 += a[lo + i + 3];
        r4 += a[lo + i + 4];
        r5 += a[lo + i + 5];
        r6 += a[lo + i + 6];
        r7 += a[lo + i + 7];
      }
      double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
      for (; i < n; i++) {
        res += a[lo + i];
      }
      return res;
    }
    int n2 = n / 2;
    n2 -= n2 % 8;
    return pairwise(a, lo, n2) + pairwise(a, lo + n2, n - n2);
  }
}
