package dev.clinigate.metrics.internal.drift;

/**
 * The survival function {@code P(D_n >= x)} of the two-sided one-sample Kolmogorov-Smirnov statistic
 * {@code D_n} (scipy's {@code kstwo.sf(x, n)}), which scipy's two-sample test uses, with
 * {@code n = round(m n / (m + n))}, for its asymptotic p-value.
 *
 * <p>Design note: the method for each (n, x) follows Simard and L'Ecuyer, "Computing the Two-Sided
 * Kolmogorov-Smirnov Distribution", Journal of Statistical Software 39(11), 2011, with scipy's
 * thresholds, so that the p-values agree with scipy to about 1e-12:
 * <ul>
 *   <li>{@code n x <= 1} and {@code n x >= n - 1}: the closed forms of Ruben and Gambino;
 *   <li>{@code x >= 0.5}: exactly {@code 2 P(D_n+ >= x)} (the one-sided tails cannot both be crossed);
 *   <li>{@code n <= 140}: Durbin's matrix (Marsaglia-Tsang-Wang form) for {@code n x^2 <= 0.754693},
 *       Pomeranz's recursion for {@code n x^2 <= 4}, else {@code 2 P(D_n+ >= x)} (Miller);
 *   <li>{@code n > 140}: 0 for {@code n x^2 >= 370}, {@code 2 P(D_n+ >= x)} for {@code n x^2 >= 2.2},
 *       else one minus the CDF from Durbin's matrix ({@code n <= 100,000} and
 *       {@code n x^1.5 <= 1.4}) or from the Pelz-Good asymptotic series.
 * </ul>
 * Intermediate results are rescaled by 2^128 to stay within the double range.
 */
public final class Kolmogorov {
  private static final int E128 = 128;
  private static final double EP128 = 0x1.0p128;
  private static final double EM128 = 0x1.0p-128;
  private static final double LOG_2PI = StrictMath.log(2 * Math.PI);
  private static final double SQRT_2PI = StrictMath.sqrt(2 * Math.PI);
  private static final double SQRT3 = StrictMath.sqrt(3.0);
  private static final double PI2 = Math.PI * Math.PI;
  private static final double PI4 = StrictMath.pow(Math.PI, 4);
  private static final double PI6 = StrictMath.pow(Math.PI, 6);
  /** Bernoulli-number coefficients B_2j / (2j (2j-1)) of Stirling's series, highest order first. */
  private static final double[] STIRLING = {
    -2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3,
    8.4175084175084175084e-4, -5.952380952380952381e-4, 7.9365079365079365079e-4,
    -2.7777777777777777778e-3, 8.3333333333333333333e-2,
  };

  private Kolmogorov() {}

  /** {@code P(D_n >= x)}, clipped to [0, 1]; NaN when {@code n < 1} or x is NaN. */
  public static double sf(long n, double x) {
    if (n < 1 || Double.isNaN(x)) {
      return Double.NaN;
    }
    if (x >= 1.0) {
      return 0.0;
    }
    if (x <= 0.0) {
      return 1.0;
    }
    double nd = n;
    double t = nd * x;
    if (t <= 1.0) {
      if (t <= 0.5) {
        return 1.0;
      }
      double cdf;
      if (n <= 140) {
        cdf = 1.0;
        double f = 2 * t - 1;
        double rn = 1.0 / nd;
        for (long i = 1; i <= n; i++) {
          cdf *= i * rn * f;
        }
      } else {
        cdf = StrictMath.exp(logFactorialOverPower(nd) + nd * StrictMath.log(2 * t - 1));
      }
      return clip(1.0 - cdf);
    }
    if (t >= nd - 1) {
      return clip(2 * StrictMath.pow(1.0 - x, nd));
    }
    if (x >= 0.5) {
      return clip(2 * Smirnov.sf(n, x));
    }
    double nxSquared = t * x;
    if (n <= 140) {
      if (nxSquared <= 0.754693) {
        return clip(1.0 - durbin(n, x));
      }
      if (nxSquared <= 4) {
        return clip(1.0 - pomeranz(n, x));
      }
      return clip(2 * Smirnov.sf(n, x));
    }
    if (nxSquared >= 370.0) {
      return 0.0;
    }
    if (nxSquared >= 2.2) {
      return clip(2 * Smirnov.sf(n, x));
    }
    double cdf;
    if (n <= 100_000 && nd * StrictMath.pow(x, 1.5) <= 1.4) {
      cdf = durbin(n, x);
    } else {
      cdf = pelzGood(n, x);
    }
    return clip(1.0 - cdf);
  }

  private static double clip(double p) {
    return p < 0.0 ? 0.0 : (p > 1.0 ? 1.0 : p);
  }

  /** ln(n! / n^n) by Stirling's series with n ln n removed up front. */
  static double logFactorialOverPower(double n) {
    double rn = 1.0 / n;
    double x = rn / n;
    double poly = 0.0;
    for (double c : STIRLING) {
      poly = poly * x + c;
    }
    return StrictMath.log(n) / 2 - n + LOG_2PI / 2 + rn * poly;
  }

  /** {@code P(D_n <= d)} by Durbin's matrix algorithm in the Marsaglia-Tsang-Wang form. */
  static double durbin(long n, double d) {
    if (d >= 1.0) {
      return 1.0;
    }
    double nd = n * d;
    if (nd <= 0.5) {
      return 0.0;
    }
    int k = (int) Math.ceil(nd);
    double h = k - nd;
    int m = 2 * k - 1;
    double[] v = new double[m];
    double[] w = new double[m];
    double fac = 1.0;
    for (int j = 1; j <= m; j++) {
      v[j - 1] = 1.0 - StrictMath.pow(h, j);
      w[j - 1] = fac;
      fac /= j;
      v[j - 1] *= fac;
    }
    double tt = StrictMath.pow(Math.max(2 * h - 1.0, 0), m) - 2 * StrictMath.pow(h, m);
    v[m - 1] = (1.0 + tt) * fac;
    double[] hm = new double[m * m];
    for (int i = 1; i < m; i++) {
      for (int r = i - 1; r < m; r++) {
        hm[r * m + i] = w[r - i + 1];
      }
    }
    for (int r = 0; r < m; r++) {
      hm[r * m] = v[r];
    }
    for (int c = 0; c < m; c++) {
      hm[(m - 1) * m + c] = v[m - 1 - c];
    }
    double[] power = new double[m * m];
    for (int i = 0; i < m; i++) {
      power[i * m + i] = 1.0;
    }
    double[] scratch = new double[m * m];
    long nn = n;
    int expnt = 0;
    int hExpnt = 0;
    while (nn > 0) {
      if ((nn & 1) == 1) {
        multiply(power, hm, scratch, m);
        double[] tmp = power;
        power = scratch;
        scratch = tmp;
        expnt += hExpnt;
      }
      multiply(hm, hm, scratch, m);
      double[] tmp = hm;
      hm = scratch;
      scratch = tmp;
      hExpnt *= 2;
      if (Math.abs(hm[(k - 1) * m + (k - 1)]) > EP128) {
        for (int i = 0; i < hm.length; i++) {
          hm[i] /= EP128;
        }
        hExpnt += E128;
      }
      nn /= 2;
    }
    double p = power[(k - 1) * m + (k - 1)];
    for (long i = 1; i <= n; i++) {
      p = i * p / n;
      if (Math.abs(p) < EM128) {
        p *= EP128;
        expnt -= E128;
      }
    }
    if (expnt != 0) {
      p = StrictMath.scalb(p, expnt);
    }
    return clip(p);
  }

  /** out = a * b for m x m row-major matrices. */
  private static void multiply(double[] a, double[] b, double[] out, int m) {
    java.util.Arrays.fill(out, 0.0);
    for (int i = 0; i < m; i++) {
      int row = i * m;
      for (int l = 0; l < m; l++) {
        double ail = a[row + l];
        if (ail == 0.0) {
          continue;
        }
        int brow = l * m;
        for (int j = 0; j < m; j++) {
          out[row + j] += ail * b[brow + j];
        }
      }
    }
  }

  /** {@code P(D_n <= x)} by Pomeranz's recursion (Algorithm 487, 1974). */
  static double pomeranz(long nl, double x) {
    int n = (int) nl;
    double t = n * x;
    int ll = (int) Math.floor(t);
    double f = t - ll;
    double g = Math.min(f, 1.0 - f);
    int ceilf = f > 0 ? 1 : 0;
    int roundf = f > 0.5 ? 1 : 0;
    int npwrs = 2 * (ll + 1);
    double[] gpower = new double[npwrs];
    double[] twogpower = new double[npwrs];
    double[] onem2gpower = new double[npwrs];
    gpower[0] = 1.0;
    twogpower[0] = 1.0;
    onem2gpower[0] = 1.0;
    double gOverN = g / n;
    double twoGOverN = 2 * g / n;
    double oneMinusTwoGOverN = (1 - 2 * g) / n;
    for (int m = 1; m < npwrs; m++) {
      gpower[m] = gpower[m - 1] * gOverN / m;
      twogpower[m] = twogpower[m - 1] * twoGOverN / m;
      onem2gpower[m] = onem2gpower[m - 1] * oneMinusTwoGOverN / m;
    }
    double[] v0 = new double[npwrs];
    double[] v1 = new double[npwrs];
    v1[0] = 1;
    int v0s = 0;
    int v1s = 0;
    int expnt = 0;
    int[] j12 = pomeranzBounds(0, n, ll, ceilf, roundf);
    for (int i = 1; i < 2 * n + 2; i++) {
      int k1 = j12[0];
      double[] tmp = v0;
      v0 = v1;
      v1 = tmp;
      int tmps = v0s;
      v0s = v1s;
      v1s = tmps;
      java.util.Arrays.fill(v1, 0.0);
      j12 = pomeranzBounds(i, n, ll, ceilf, roundf);
      int j1 = j12[0];
      int j2 = j12[1];
      double[] pwrs = (i == 1 || i == 2 * n + 1) ? gpower : (i % 2 == 1 ? twogpower : onem2gpower);
      int ln2 = j2 - k1 + 1;
      if (ln2 > 0) {
        int convStart = j1 - k1;
        int convLen = j2 - j1 + 1;
        int base = k1 - v0s;
        // numpy slices stop at the array end: the operands may be shorter than ln2
        int la = Math.min(ln2, v0.length - base);
        int lb = Math.min(ln2, pwrs.length);
        double max = 0.0;
        for (int c = 0; c < convLen; c++) {
          // entry (convStart + c) of the full convolution of v0[base .. base+la) with pwrs[0 .. lb)
          int idx = convStart + c;
          double s = 0.0;
          int lo = Math.max(0, idx - (lb - 1));
          int hi = Math.min(idx, la - 1);
          for (int a = lo; a <= hi; a++) {
            s += v0[base + a] * pwrs[idx - a];
          }
          v1[c] = s;
          max = Math.max(max, s);
        }
        if (0 < max && max < EM128) {
          for (int c = 0; c < v1.length; c++) {
            v1[c] *= EP128;
          }
          expnt -= E128;
        }
        v1s = v0s + j1 - k1;
      }
    }
    double ans = v1[n - v1s];
    for (int m = 1; m <= n; m++) {
      if (Math.abs(ans) > EP128) {
        ans *= EM128;
        expnt += E128;
      }
      ans *= m;
    }
    if (expnt != 0) {
      ans = StrictMath.scalb(ans, expnt);
    }
    return clip(ans);
  }

  /** The first and last non-zero column of row i in Pomeranz's recursion. */
  private static int[] pomeranzBounds(int i, int n, int ll, int ceilf, int roundf) {
    int j1;
    int j2;
    if (i == 0) {
      j1 = -ll - ceilf - 1;
      j2 = ll + ceilf - 1;
    } else {
      int ip1div2 = (i + 1) / 2;
      int ip1mod2 = (i + 1) % 2;
      if (ip1mod2 == 0) {
        if (ip1div2 == n + 1) {
          j1 = n - ll - ceilf - 1;
          j2 = n + ll + ceilf - 1;
        } else {
          j1 = ip1div2 - 1 - ll - roundf - 1;
          j2 = ip1div2 + ll - 1 + ceilf - 1;
        }
      } else {
        j1 = ip1div2 - 1 - ll - 1;
        j2 = ip1div2 + ll + roundf - 1;
      }
    }
    return new int[] {Math.max(j1 + 2, 0), Math.min(j2, n)};
  }

  /** {@code P(D_n <= x)} by the Pelz-Good (1976) asymptotic series. */
  static double pelzGood(long n, double x) {
    if (x <= 0.0) {
      return 0.0;
    }
    if (x >= 1.0) {
      return 1.0;
    }
    double z = StrictMath.sqrt((double) n) * x;
    double z2 = z * z;
    double z3 = StrictMath.pow(z, 3);
    double z4 = StrictMath.pow(z, 4);
    double z6 = StrictMath.pow(z, 6);
    double qlog = -PI2 / 8 / z2;
    if (qlog < -708) {
      return 0.0;
    }
    double q = StrictMath.exp(qlog);
    double k1a = -z2;
    double k1b = PI2 / 4;
    double k2a = 6 * z6 + 2 * z4;
    double k2b = (2 * z4 - 5 * z2) * PI2 / 4;
    double k2c = PI4 * (1 - 2 * z2) / 16;
    double k3d = PI6 * (5 - 30 * z2) / 64;
    double k3c = PI4 * (-60 * z2 + 212 * z4) / 16;
    double k3b = PI2 * (135 * z4 - 96 * z6) / 4;
    double k3a = -30 * z6 - 90 * StrictMath.pow(z, 8);
    double[] kk = new double[4];
    int maxk = (int) Math.ceil(16 * z / Math.PI);
    for (int k = maxk; k > 0; k--) {
      double m = 2 * k - 1;
      double m2 = m * m;
      double m4 = StrictMath.pow(m, 4);
      double m6 = StrictMath.pow(m, 6);
      double qpower = StrictMath.pow(q, 8 * k);
      kk[0] = kk[0] * qpower + 1.0;
      kk[1] = kk[1] * qpower + (k1a + k1b * m2);
      kk[2] = kk[2] * qpower + (k2a + k2b * m2 + k2c * m4);
      kk[3] = kk[3] * qpower + (k3a + k3b * m2 + k3c * m4 + k3d * m6);
    }
    double[] div = {z, 6 * z4, 72 * StrictMath.pow(z, 7), 6480 * StrictMath.pow(z, 10)};
    for (int i = 0; i < 4; i++) {
      kk[i] = kk[i] * q * SQRT_2PI / div[i];
    }
    double q2 = StrictMath.exp(-PI2 / 2 / z2);
    double sqrt3z = SQRT3 * z;
    double k2extra = 0.0;
    double k3extra = 0.0;
    for (int k = maxk; k > 0; k--) {
      double ksq = (double) k * k;
      double qp = StrictMath.pow(q2, ksq);
      double kpi = Math.PI * k;
      k2extra += ksq * qp;
      k3extra += (sqrt3z + kpi) * (sqrt3z - kpi) * ksq * qp;
    }
    kk[2] += k2extra * (PI2 * SQRT_2PI / (-36 * z3));
    kk[3] += k3extra * (PI2 * SQRT_2PI / (216 * z6));
    double sum = 0.0;
    for (int i = 0; i < 4; i++) {
      sum += kk[i] / StrictMath.pow((double) n, i / 2.0);
    }
    return sum;
  }
}
