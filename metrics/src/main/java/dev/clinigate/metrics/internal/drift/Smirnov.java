package dev.clinigate.metrics.internal.drift;

/**
 * The one-sided one-sample Kolmogorov-Smirnov survival function {@code P(D_n+ >= x)}, as
 * {@code scipy.special.smirnov(n, x)} computes it.
 *
 * <p>Design note: for {@code n <= 1,000,000} the value is the Birnbaum-Tingey (1951) sum
 * {@code x * sum_{j=0}^{floor(n(1-x))} C(n,j) (1-x-j/n)^(n-j) (x+j/n)^(j-1)}. Each term equals
 * {@code binom(j; n, x+j/n) / (x+j/n)}, a binomial probability, evaluated with Loader's saddle-point
 * expansion (C. Loader, "Fast and Accurate Computation of Binomial Probabilities", 2000) so that every
 * term is accurate to a few ulps with no error accumulating over the up to a million terms (a running
 * log of binomial coefficients loses about 1e-9 at n = 500,000). Beyond a million, like scipy, the
 * asymptotic {@code exp(-(6nx+1)^2 / (18n))} is used. For large n only every (n/1000)-th term is
 * evaluated (see {@link #STEP_DIVISOR}), which keeps a p-value for a million values at about a
 * millisecond. All functions are {@link StrictMath}, so the result does not depend on the JVM.
 */
final class Smirnov {
  /**
   * For large n and {@code n x^2 >= 2.2} (where {@link Kolmogorov} calls this class for n > 140) the
   * terms are samples of a smooth bump at least n/77 terms wide: every (n/1000)-th term,
   * times the step, gives the same sum (the trapezoid rule on a smooth, rapidly decaying function
   * has an error of order exp(-2 pi^2 (width/step)^2)). Observed difference from the full sum and
   * from scipy: below 1e-12 relative.
   */
  static final long STEP_DIVISOR = 1000;

  /** Above this n, scipy (and this class) use the asymptotic formula. */
  static final int MAX_COMPUTE_N = 1_000_000;

  private static final double LN_2PI = StrictMath.log(2 * Math.PI);

  /** stirlerr(k) = ln k! - ln(sqrt(2 pi k) (k/e)^k) for k = 0..15 (computed to 40 digits). */
  private static final double[] STIRLERR = {
    0.0,
    0.08106146679532726,
    0.0413406959554093,
    0.02767792568499834,
    0.020790672103765093,
    0.016644691189821193,
    0.013876128823070748,
    0.01189670994589177,
    0.010411265261972096,
    0.009255462182712733,
    0.00833056343336287,
    0.007573675487951841,
    0.00694284010720953,
    0.006408994188004207,
    0.0059513701127588475,
    0.005554733551962801,
  };

  private Smirnov() {}

  /** {@code P(D_n+ >= x)} for a sample of size {@code n >= 1}. */
  static double sf(long n, double x) {
    if (!(x >= 0.0) || x > 1.0 || n < 1) {
      return Double.NaN;
    }
    if (x == 0.0) {
      return 1.0;
    }
    if (x == 1.0) {
      return 0.0;
    }
    if (n == 1) {
      return 1.0 - x;
    }
    if (n > MAX_COMPUTE_N) {
      double a = 6.0 * n * x + 1.0;
      return StrictMath.exp(-a * a / 18.0 / n);
    }
    double nd = n;
    double nx = nd * x;
    long jmax = (long) Math.floor(nd * (1.0 - x));
    // The terms rise then fall in j (their log is concave); sum outward from the largest one and stop
    // once a term no longer matters in double precision. For large n, sum every h-th term times h.
    long h = nx * x >= 2.2 ? Math.max(1, n / STEP_DIVISOR) : 1;
    long peak = Math.max(0, Math.min(jmax, Math.round(nd * (0.5 - x))));
    double sum = 0.0;
    for (long j = peak; j <= jmax; j += h) {
      double t = term(j, n, nx);
      sum += t;
      if (j > peak && sum > 0.0 && t <= sum * 1e-20) {
        break;
      }
    }
    for (long j = peak - h; j >= 0; j -= h) {
      double t = term(j, n, nx);
      sum += t;
      if (sum > 0.0 && t <= sum * 1e-20) {
        break;
      }
    }
    return x * sum * h;
  }

  /** {@code C(n,j) (1-x-j/n)^(n-j) (x+j/n)^(j-1)} = binom(j; n, p) / p with p = x + j/n. */
  private static double term(long j, long n, double nx) {
    double np = nx + j;
    double nq = n - np;
    if (nq <= 0.0) {
      return j == n ? StrictMath.exp(n * StrictMath.log(np / n)) / (np / n) : 0.0;
    }
    return StrictMath.exp(logBinomialPmf(j, n, np, nq)) / (np / n);
  }

  /** log of {@code C(n,j) p^j q^(n-j)} with {@code np = n p}, {@code nq = n q}. */
  static double logBinomialPmf(long j, long n, double np, double nq) {
    if (j == 0) {
      return n * StrictMath.log(nq / n);
    }
    if (j == n) {
      return n * StrictMath.log(np / n);
    }
    double lc = stirlerr(n) - stirlerr(j) - stirlerr(n - j) - bd0(j, np) - bd0(n - j, nq);
    double lf = LN_2PI + StrictMath.log(j) + StrictMath.log1p(-(double) j / n);
    return lc - 0.5 * lf;
  }

  /** The error of Stirling's formula for ln(k!). */
  static double stirlerr(long k) {
    if (k <= 15) {
      return STIRLERR[(int) k];
    }
    double s0 = 1.0 / 12;
    double s1 = 1.0 / 360;
    double s2 = 1.0 / 1260;
    double s3 = 1.0 / 1680;
    double s4 = 1.0 / 1188;
    double kk = (double) k * k;
    if (k > 500) {
      return (s0 - s1 / kk) / k;
    }
    if (k > 80) {
      return (s0 - (s1 - s2 / kk) / kk) / k;
    }
    if (k > 35) {
      return (s0 - (s1 - (s2 - s3 / kk) / kk) / kk) / k;
    }
    return (s0 - (s1 - (s2 - (s3 - s4 / kk) / kk) / kk) / kk) / k;
  }

  /** The deviance term {@code x ln(x/m) + m - x}, evaluated without cancellation when x is near m. */
  static double bd0(double x, double m) {
    if (Math.abs(x - m) < 0.1 * (x + m)) {
      double v = (x - m) / (x + m);
      double s = (x - m) * v;
      double ej = 2 * x * v;
      double v2 = v * v;
      for (int j = 1; j < 1000; j++) {
        ej *= v2;
        double s1 = s + ej / (2 * j + 1);
        if (s1 == s) {
          return s1;
        }
        s = s1;
      }
      return s;
    }
    return x * StrictMath.log(x / m) + m - x;
  }
}
