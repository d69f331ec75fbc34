package dev.clinigate.metrics.internal.drift;

/**
 * The two-sided p-value of the two-sample Kolmogorov-Smirnov test, as
 * {@code scipy.stats.ks_2samp(a, b)} (default {@code method='auto'}) computes it.
 *
 * <p>Design note: the statistic arrives as an exact rational {@code h / lcm(n1, n2)} (both empirical
 * CDFs are multiples of {@code 1/lcm}). With both sizes at most {@value #MAX_EXACT_N} the p-value is
 * exact: the probability that a random lattice path from (0,0) to (n1,n2) leaves the band
 * {@code |i/n1 - j/n2| < h/lcm}. For equal sizes it is the alternating binomial sum, evaluated in
 * Horner form; otherwise it is the path recursion of Hodges (1958) carried as "probability of having
 * left the band" (Viehmann 2021, arXiv:2102.08037), which keeps tiny p-values accurate; it takes about
 * {@code 2 d n1 n2} steps (up to a second at 10,000 x 9,999 values), skipped when a rigorous bound
 * shows the p-value underflows to 0 (see {@link #negligible}). If that fails
 * (it cannot in double precision for these sizes, but scipy checks it) or a size is larger, the
 * p-value is scipy's asymptotic one: {@code kstwo.sf(d, round(n1 n2 / (n1 + n2)))}, see
 * {@link Kolmogorov}.
 */
public final class KsTwoSample {
  /** Largest sample size for which the exact p-value is computed (scipy's {@code MAX_AUTO_N}). */
  public static final int MAX_EXACT_N = 10_000;

  private KsTwoSample() {}

  /**
   * The p-value for the statistic {@code h / lcm(n1, n2)}.
   *
   * @param n1 size of the first sample, at least 1
   * @param n2 size of the second sample, at least 1
   * @param h the statistic times {@code lcm(n1, n2)}, within [0, lcm]
   * @return the p-value in [0, 1]
   */
  public static double pValue(long n1, long n2, long h) {
    long g = gcd(n1, n2);
    double d = h / (double) ((n1 / g) * n2);
    if (Math.max(n1, n2) <= MAX_EXACT_N) {
      if (h == 0) {
        return 1.0;
      }
      if (n1 != n2 && negligible(n1, n2, d)) {
        return 0.0;
      }
      double p = n1 == n2 ? outsideSquare((int) n1, h) : outsideBand(n1, n2, g, h);
      if (p >= 0.0 && p <= 1.0) {
        return p;
      }
    }
    double m = Math.max(n1, n2);
    double n = Math.min(n1, n2);
    double en = m * n / (m + n);
    long rounded = (long) Math.rint(en);
    if (rounded < 1) {
      return Double.NaN;
    }
    return Kolmogorov.sf(rounded, d);
  }

  /**
   * Whether the p-value is certainly below the smallest double, so that computing it (which takes
   * about {@code 2 d n1 n2} steps) would only produce 0. Under the null hypothesis the two-sample
   * statistic is at most the sum of the two one-sample statistics against the common continuous CDF,
   * so {@code P(D >= d) <= 2 (P(D_m+ >= a d) + P(D_n+ >= (1-a) d))}, and Massart's one-sided bound
   * {@code P(D_k+ >= t) <= exp(-2 k t^2)} with {@code a = sqrt(n)/(sqrt(m)+sqrt(n))} gives
   * {@code P(D >= d) <= 4 exp(-2 d^2 m n / (sqrt(m) + sqrt(n))^2)}; below e^-800 that is 0 in double.
   */
  static boolean negligible(long n1, long n2, double d) {
    double root = Math.sqrt((double) n1) + Math.sqrt((double) n2);
    double exponent = 2 * d * d * ((double) n1 * n2) / (root * root);
    return exponent > 800;
  }

  /** Greatest common divisor of two positive numbers. */
  public static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }

  /**
   * {@code P(D_{n,n} >= h/n)} = {@code 2 sum_k (-1)^(k+1) C(2n, n-kh) / C(2n, n)}, evaluated as
   * {@code 2 A1 (1 - A2 (1 - A3 (...)))} with {@code A_k} the ratio of consecutive terms.
   */
  static double outsideSquare(int n, long h) {
    double p = 0.0;
    long k = n / h;
    while (k >= 0) {
      double p1 = 1.0;
      for (long j = 0; j < h; j++) {
        p1 = (n - k * h - j) * p1 / (n + k * h + j + 1);
      }
      p = p1 * (1.0 - p);
      k--;
    }
    return 2 * p;
  }

  /**
   * The probability that a uniformly random monotone lattice path from (0,0) to (m,n) touches
   * {@code |i n/g - j m/g| >= h}. Column by column, {@code q(i,j)} is that probability for paths
   * ending at (i,j): 1 outside the band, and {@code (i q(i-1,j) + j q(i,j-1)) / (i+j)} inside it.
   */
  static double outsideBand(long m0, long n0, long g, long h) {
    long m = Math.max(m0, n0);
    long n = Math.min(m0, n0);
    long mg = m / g;
    long ng = n / g;
    double[] q = new double[(int) n + 1];
    for (int j = 0; j <= n; j++) {
      q[j] = mg * j < h ? 0.0 : 1.0;
    }
    int hi = 0;
    for (long i = 1; i <= m; i++) {
      long lo = Math.min(Math.max(Math.floorDiv(ng * i - h, mg) + 1, 0), n);
      hi = (int) Math.min(-Math.floorDiv(-(ng * i + h), mg), n + 1);
      if (hi <= lo) {
        return 1.0;
      }
      double prev = lo == 0 ? 0.0 : 1.0;
      double di = i;
      for (int j = (int) lo; j < hi; j++) {
        double val = (q[j] * di + prev * j) / (di + j);
        q[j] = val;
        prev = val;
      }
    }
    return q[hi - 1];
  }
}
