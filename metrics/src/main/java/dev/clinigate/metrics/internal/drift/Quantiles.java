package dev.clinigate.metrics.internal.drift;

import java.util.Arrays;

/**
 * numpy's default quantile ({@code method='linear'}, Hyndman and Fan's type 7), reproduced operation
 * by operation so that bin edges are bit-identical to {@code numpy.quantile}: virtual index
 * {@code (n - 1) * q}, then {@code a + (b - a) * t}, or {@code b - (b - a) * (1 - t)} when
 * {@code t >= 0.5} (numpy's {@code _lerp}, which keeps the result monotone near b).
 */
public final class Quantiles {
  private Quantiles() {}

  /** The q-quantile of a non-empty sample. */
  public static double linear(SortedValues s, double q) {
    long n = s.size();
    double virtual = (n - 1) * q;
    if (virtual >= n - 1) {
      return s.valueAtRank(n - 1);
    }
    double previous = Math.floor(virtual);
    long index = (long) previous;
    double a = s.valueAtRank(index);
    double b = s.valueAtRank(index + 1);
    double t = virtual - previous;
    double diff = b - a;
    double r = a + diff * t;
    if (t >= 0.5) {
      r = b - diff * (1 - t);
    }
    return r;
  }

  /**
   * The distinct, ascending quantiles at {@code k / parts} for {@code k = 1 .. parts - 1}: the inner
   * edges of {@code parts} equal-frequency bins, duplicates dropped ({@code numpy.unique}).
   */
  public static double[] edges(SortedValues s, int parts) {
    if (s.size() == 0) {
      return new double[0];
    }
    double[] q = new double[parts - 1];
    for (int k = 1; k < parts; k++) {
      q[k - 1] = linear(s, k / (double) parts);
    }
    Arrays.sort(q);
    int n = 0;
    for (int i = 0; i < q.length; i++) {
      if (n == 0 || q[i] != q[n - 1]) {
        q[n++] = q[i];
      }
    }
    return Arrays.copyOf(q, n);
  }

  /** The bin of x among the edges: the number of edges {@code <= x}. */
  public static int bin(double[] edges, double x) {
    int lo = 0;
    int hi = edges.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (edges[mid] <= x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
