package dev.clinigate.metrics.internal.drift;

/**
 * The drift formulas, on primitive arrays.
 *
 * <p>Design note on numerics. Both empirical CDFs are multiples of {@code 1/lcm(n1, n2)}, so the
 * difference {@code F1 - F2} at any point is carried as an exact integer numerator
 * {@code c1 * (n2/g) - c2 * (n1/g)} (g = gcd): the KS statistic is that integer over {@code lcm},
 * rounded once (as scipy's exact path returns it), and no comparison between nearly equal CDF values
 * can go the wrong way. Wasserstein sums {@code |numerator| / lcm * (x[k+1] - x[k])} over the merged
 * distinct values with Neumaier's compensated summation, so its error does not grow with n (scipy's
 * pairwise sum differs from it by a few ulps). PSI and Jensen-Shannon follow the scipy/numpy
 * operation order (numpy's pairwise summation, see {@link NumpySum}), which matters where the
 * Jensen-Shannon divergence of nearly equal distributions cancels. Logarithms are {@link StrictMath}: results do not
 * depend on the JVM.
 */
public final class DriftKernel {
  /** The floor applied to bin proportions in PSI. */
  public static final double PSI_FLOOR = 1e-4;

  private static final double LN2 = StrictMath.log(2.0);
  /** Relative widening of Wasserstein bounds, far above the summation error (about 1e-15). */
  private static final double ROUNDING_MARGIN = 1e-12;

  private DriftKernel() {}

  /** PSI of the current counts against the reference counts (same bins, both totals positive). */
  public static double psi(long[] reference, long referenceTotal, long[] current, long currentTotal) {
    double sum = 0.0;
    for (int i = 0; i < reference.length; i++) {
      double r = Math.max((double) reference[i] / referenceTotal, PSI_FLOOR);
      double c = Math.max((double) current[i] / currentTotal, PSI_FLOOR);
      sum += (c - r) * StrictMath.log(c / r);
    }
    return sum;
  }

  /**
   * {@code scipy.spatial.distance.jensenshannon(r, c, base=2)} of the raw proportions (both totals
   * positive). Rounding can make the divergence a hair below 0 for nearly equal distributions, where
   * scipy would return NaN; it is clamped to 0.
   */
  public static double jensenShannon(long[] reference, long referenceTotal, long[] current, long currentTotal) {
    int k = reference.length;
    double[] p = new double[k];
    double[] q = new double[k];
    for (int i = 0; i < k; i++) {
      p[i] = (double) reference[i] / referenceTotal;
      q[i] = (double) current[i] / currentTotal;
    }
    double sp = NumpySum.sum(p, k);
    double sq = NumpySum.sum(q, k);
    double[] left = new double[k];
    double[] right = new double[k];
    for (int i = 0; i < k; i++) {
      double pi = p[i] / sp;
      double qi = q[i] / sq;
      double m = (pi + qi) / 2.0;
      left[i] = relativeEntropy(pi, m);
      right[i] = relativeEntropy(qi, m);
    }
    double js = (NumpySum.sum(left, k) + NumpySum.sum(right, k)) / LN2;
    return js <= 0.0 ? 0.0 : StrictMath.sqrt(js / 2.0);
  }

  private static double relativeEntropy(double x, double y) {
    if (x > 0 && y > 0) {
      return x * StrictMath.log(x / y);
    }
    return 0.0; // x == 0 (y >= 0 always holds here)
  }

  /** Counts of a sorted array prefix per bin (bin = number of edges {@code <= x}). */
  public static long[] binCounts(double[] sorted, int length, double[] edges) {
    long[] counts = new long[edges.length + 1];
    long previous = 0;
    for (int k = 0; k < edges.length; k++) {
      long below = lowerBound(sorted, length, edges[k]);
      counts[k] = below - previous;
      previous = below;
    }
    counts[edges.length] = length - previous;
    return counts;
  }

  /** Counts of a sorted sample per bin. */
  public static long[] binCounts(SortedValues s, double[] edges) {
    long[] counts = new long[edges.length + 1];
    long previous = 0;
    for (int k = 0; k < edges.length; k++) {
      long below = s.countBelow(edges[k]);
      counts[k] = below - previous;
      previous = below;
    }
    counts[edges.length] = s.size() - previous;
    return counts;
  }

  private static int lowerBound(double[] a, int length, double x) {
    int lo = 0;
    int hi = length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The exact KS numerator and Wasserstein distance of two non-empty samples. */
  public record Exact(long h, long lcm, double ks, double wasserstein) {}

  /**
   * KS and Wasserstein of a reference against the first {@code m >= 1} entries of an ascending array,
   * in one merge pass.
   */
  public static Exact exact(SortedValues reference, double[] current, int m) {
    long n1 = reference.size();
    long n2 = m;
    long g = KsTwoSample.gcd(n1, n2);
    long n1g = n1 / g;
    long n2g = n2 / g;
    long lcm = n1g * n2;
    double lcmD = lcm;
    double[] rv = reference.values;
    long[] rcum = reference.cumulative;
    int nv = rv.length;
    int i = 0;
    int j = 0;
    long cum = 0;
    long max = 0;
    double previous = 0.0;
    boolean started = false;
    double sum = 0.0;
    double compensation = 0.0;
    while (i < nv || j < m) {
      double x = (j >= m || (i < nv && rv[i] <= current[j])) ? rv[i] : current[j];
      if (started) {
        long num = cum * n2g - j * n1g;
        double term = Math.abs(num) / lcmD * (x - previous);
        double t = sum + term;
        compensation += Math.abs(sum) >= Math.abs(term) ? (sum - t) + term : (term - t) + sum;
        sum = t;
      }
      while (i < nv && rv[i] <= x) {
        i++;
      }
      cum = rcum == null ? i : (i == 0 ? 0 : rcum[i - 1]);
      while (j < m && current[j] <= x) {
        j++;
      }
      long num = Math.abs(cum * n2g - j * n1g);
      if (num > max) {
        max = num;
      }
      previous = x;
      started = true;
    }
    return new Exact(max, lcm, max / lcmD, sum + compensation);
  }

  /**
   * Bounds on KS and Wasserstein from two cell summaries on the same grid (both non-empty).
   *
   * @param ksLower a value at or below KS
   * @param ksUpper a value at or above KS
   * @param h KS times lcm when KS is exact (every cell holds at most one distinct value of each
   *     sample), else -1
   * @param lcm {@code lcm(n1, n2)}, or -1 when it exceeds 2^62 (then bounds are computed in doubles)
   * @param wassersteinLower a value at or below Wasserstein
   * @param wassersteinUpper a value at or above Wasserstein; equal to the lower one when exact
   */
  public record Bounded(double ksLower, double ksUpper, long h, long lcm, double wassersteinLower,
      double wassersteinUpper) {
    /** Whether both statistics are known exactly. */
    public boolean exact() {
      return h >= 0;
    }
  }

  /**
   * Bounds KS and Wasserstein from per-cell counts and extremes.
   *
   * <p>Within a cell a sample's CDF is constant below its smallest value there and above its largest,
   * and lies between (count before the cell + 1) and (count through the cell - 1), over n, in between.
   * The line is cut at every cell extreme of either sample; on each piece both CDFs are known or
   * boxed, which bounds {@code |F1 - F2|} there: the KS bounds are the largest lower and upper bounds
   * of the pieces, the Wasserstein bounds their sums weighted by length. When no piece is boxed the
   * pieces are exactly the gaps between distinct values and the results equal {@link #exact}'s.
   */
  public static Bounded bounds(CellStats a, CellStats c) {
    long n1 = a.total();
    long n2 = c.total();
    long g = KsTwoSample.gcd(n1, n2);
    long n1g = n1 / g;
    long n2g = n2 / g;
    boolean integral = Math.multiplyHigh(n1g, n2) == 0 && n1g * n2 < (1L << 62);
    long lcm = integral ? n1g * n2 : -1;
    Accumulator acc = new Accumulator(integral, n1, n2, n1g, n2g, integral ? (double) lcm : 0.0);
    double[] points = new double[4];
    long cumA = 0;
    long cumC = 0;
    double last = 0.0;
    boolean started = false;
    for (int cell = 0; cell < a.cells(); cell++) {
      long ca = a.count(cell);
      long cc = c.count(cell);
      if (ca == 0 && cc == 0) {
        continue;
      }
      int np = 0;
      if (ca > 0) {
        points[np++] = a.min(cell);
        points[np++] = a.max(cell);
      }
      if (cc > 0) {
        points[np++] = c.min(cell);
        points[np++] = c.max(cell);
      }
      java.util.Arrays.sort(points, 0, np);
      if (started) {
        acc.piece(last, points[0], cumA, cumA, cumC, cumC);
      }
      for (int s = 0; s + 1 < np; s++) {
        double p = points[s];
        double q = points[s + 1];
        if (!(q > p)) {
          continue;
        }
        long aLo;
        long aHi;
        if (ca == 0 || q <= a.min(cell)) {
          aLo = cumA;
          aHi = cumA;
        } else if (p >= a.max(cell)) {
          aLo = cumA + ca;
          aHi = aLo;
        } else {
          aLo = cumA + 1;
          aHi = cumA + ca - 1;
        }
        long cLo;
        long cHi;
        if (cc == 0 || q <= c.min(cell)) {
          cLo = cumC;
          cHi = cumC;
        } else if (p >= c.max(cell)) {
          cLo = cumC + cc;
          cHi = cLo;
        } else {
          cLo = cumC + 1;
          cHi = cumC + cc - 1;
        }
        acc.piece(p, q, aLo, aHi, cLo, cHi);
      }
      last = points[np - 1];
      started = true;
      cumA += ca;
      cumC += cc;
    }
    return acc.result(lcm);
  }

  /** Running bounds over the pieces of the line. */
  private static final class Accumulator {
    private final boolean integral;
    private final long n1;
    private final long n2;
    private final long n1g;
    private final long n2g;
    private final double lcmD;
    private long ksLowerNum;
    private long ksUpperNum;
    private double ksLower;
    private double ksUpper;
    private boolean boxed;
    private double lowerSum;
    private double lowerComp;
    private double upperSum;
    private double upperComp;

    Accumulator(boolean integral, long n1, long n2, long n1g, long n2g, double lcmD) {
      this.integral = integral;
      this.n1 = n1;
      this.n2 = n2;
      this.n1g = n1g;
      this.n2g = n2g;
      this.lcmD = lcmD;
    }

    /** A piece [p, q) on which F1 is within [aLo, aHi]/n1 and F2 within [cLo, cHi]/n2. */
    void piece(double p, double q, long aLo, long aHi, long cLo, long cHi) {
      if (aLo != aHi || cLo != cHi) {
        boxed = true;
      }
      double lower;
      double upper;
      if (integral) {
        long dLo = aLo * n2g - cHi * n1g;
        long dHi = aHi * n2g - cLo * n1g;
        long up = Math.max(Math.abs(dLo), Math.abs(dHi));
        long low = dLo <= 0 && dHi >= 0 ? 0 : Math.min(Math.abs(dLo), Math.abs(dHi));
        ksLowerNum = Math.max(ksLowerNum, low);
        ksUpperNum = Math.max(ksUpperNum, up);
        lower = low / lcmD;
        upper = up / lcmD;
      } else {
        double dLo = (double) aLo / n1 - (double) cHi / n2;
        double dHi = (double) aHi / n1 - (double) cLo / n2;
        upper = Math.max(Math.abs(dLo), Math.abs(dHi));
        lower = dLo <= 0 && dHi >= 0 ? 0 : Math.min(Math.abs(dLo), Math.abs(dHi));
        ksLower = Math.max(ksLower, lower);
        ksUpper = Math.max(ksUpper, upper);
      }
      double width = q - p;
      if (width > 0) {
        double tl = lower * width;
        double t = lowerSum + tl;
        lowerComp += Math.abs(lowerSum) >= Math.abs(tl) ? (lowerSum - t) + tl : (tl - t) + lowerSum;
        lowerSum = t;
        double tu = upper * width;
        t = upperSum + tu;
        upperComp += Math.abs(upperSum) >= Math.abs(tu) ? (upperSum - t) + tu : (tu - t) + upperSum;
        upperSum = t;
      }
    }

    Bounded result(long lcm) {
      double wl = lowerSum + lowerComp;
      double wu = upperSum + upperComp;
      if (integral && !boxed) {
        return new Bounded(ksLowerNum / lcmD, ksUpperNum / lcmD, ksUpperNum, lcm, wl, wu);
      }
      double kl = integral ? ksLowerNum / lcmD : Math.max(0.0, ksLower * (1 - ROUNDING_MARGIN));
      double ku = integral ? ksUpperNum / lcmD : Math.min(1.0, ksUpper * (1 + ROUNDING_MARGIN));
      return new Bounded(kl, ku, -1, lcm, Math.max(0.0, wl * (1 - ROUNDING_MARGIN)), wu * (1 + ROUNDING_MARGIN));
    }
  }
}
