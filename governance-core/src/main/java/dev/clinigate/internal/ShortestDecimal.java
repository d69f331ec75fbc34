package dev.clinigate.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The shortest decimal that rounds back to a double, rendered as {@link Double#toString(double)} does on
 * JDK 19 and later, computed here so that every JVM (JDK 17 included) prints the same text.
 *
 * <p>Design note. JDK 17's {@code Double.toString} sometimes prints more digits than needed
 * ({@code 9.999999999999999E22} for {@code 1e23}); JDK 19 adopted Giulietti's Schubfach algorithm, which
 * prints the shortest decimal. Canonical JSON is hashed and signed, so its numbers must not depend on the
 * JVM. This class implements the same specification from the published description of Schubfach
 * ("The Schubfach way to render doubles", R. Giulietti) and Ryu (U. Adams, PLDI 2018):
 * <ol>
 *   <li>R is the set of decimals that round to the double under IEEE round-half-even (the interval
 *       between the midpoints to the neighbouring doubles, closed when the significand is even);</li>
 *   <li>m is the least number of significant digits of a decimal in R; T is the set of decimals of R with
 *       m digits (with 1 or 2 digits when m = 1);</li>
 *   <li>the result is the element of T closest to the double, the one with an even last digit on a tie.</li>
 * </ol>
 * The double is scaled by a power of ten with a 126-bit approximation of 10<sup>-k</sup> (computed once,
 * exactly, with {@link BigInteger}), rounding to odd, so that comparisons with the interval's bounds at
 * multiples of 4 are exact. {@code ShortestDecimalTest} checks it against an exact {@code BigDecimal}
 * search and against golden strings.
 */
public final class ShortestDecimal {
  private static final int Q_MIN = -1074;
  private static final long C_MIN = 1L << 52;
  private static final int K_MIN = -324;
  private static final int K_MAX = 292;
  private static final long MASK_63 = (1L << 63) - 1;
  private static final double LOG10_2 = StrictMath.log10(2);
  private static final double LOG10_3_4 = StrictMath.log10(0.75);

  /** For k in [K_MIN, K_MAX] at index k - K_MIN: g = floor(10^-k * 2^(125 - e)) + 1, split in 63-bit halves. */
  private static final long[] G1 = new long[K_MAX - K_MIN + 1];
  private static final long[] G0 = new long[K_MAX - K_MIN + 1];
  /** e = floor(log2(10^-k)) for the same k. */
  private static final int[] E = new int[K_MAX - K_MIN + 1];

  static {
    BigInteger mask63 = BigInteger.ONE.shiftLeft(63).subtract(BigInteger.ONE);
    for (int k = K_MIN; k <= K_MAX; k++) {
      int e;
      BigInteger g;
      if (k <= 0) { // 10^-k is an integer
        BigInteger p = BigInteger.TEN.pow(-k);
        e = p.bitLength() - 1;
        g = 125 - e >= 0 ? p.shiftLeft(125 - e) : p.shiftRight(e - 125);
      } else { // 10^-k = 1 / 10^k, never a power of two
        BigInteger p = BigInteger.TEN.pow(k);
        e = -p.bitLength();
        g = BigInteger.ONE.shiftLeft(125 - e).divide(p);
      }
      g = g.add(BigInteger.ONE);
      E[k - K_MIN] = e;
      G1[k - K_MIN] = g.shiftRight(63).longValueExact();
      G0[k - K_MIN] = g.and(mask63).longValueExact();
    }
  }

  private ShortestDecimal() {}

  /** The text of {@code v}: {@code 0.1}, {@code 100.0}, {@code 1.0E23}, {@code 4.9E-324}, {@code -0.0}, {@code NaN}. */
  public static String toString(double v) {
    StringBuilder b = new StringBuilder(26);
    append(b, v);
    return b.toString();
  }

  /** Appends the text of {@code v} (see {@link #toString(double)}). */
  public static void append(StringBuilder b, double v) {
    if (Double.isNaN(v)) {
      b.append("NaN");
      return;
    }
    long bits = Double.doubleToRawLongBits(v);
    if (bits < 0) {
      b.append('-');
    }
    if (Double.isInfinite(v)) {
      b.append("Infinity");
      return;
    }
    int bq = (int) (bits >>> 52) & 0x7FF;
    long t = bits & (C_MIN - 1);
    if (bq == 0 && t == 0) {
      b.append("0.0");
      return;
    }
    if (bq != 0) {
      int q = bq - 1075;
      long c = C_MIN | t;
      if (q < 0 && q > -53) { // a small integer: its digits are exact
        long f = c >> -q;
        if (f << -q == c) {
          format(b, f, 0);
          return;
        }
      }
      decimal(b, q, c, 0);
    } else if (t < 3) {
      // the two smallest subnormals: scale by 10 so that the result has two digits, as the m = 1 rule asks
      decimal(b, Q_MIN, 10 * t, -1);
    } else {
      decimal(b, Q_MIN, t, 0);
    }
  }

  /**
   * {@code String.format(Locale.ROOT, "%.<decimals>f", v)} as JDK 19+ prints it: the shortest decimal rounded
   * half up to {@code decimals} places ({@code -0.0000} for a negative value that rounds to zero).
   */
  public static String fixed(double v, int decimals) {
    if (!Double.isFinite(v)) {
      return toString(v);
    }
    String s = new BigDecimal(toString(Math.abs(v))).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    return Double.doubleToRawLongBits(v) < 0 ? "-" + s : s;
  }

  /**
   * {@code String.format(Locale.ROOT, "%.<digits>g", v)} as JDK 19+ prints it: the shortest decimal rounded
   * half up to {@code digits} significant digits, plain from 10^-4 up to 10^digits, else {@code 1.000e+23}.
   */
  public static String significant(double v, int digits) {
    if (!Double.isFinite(v)) {
      return toString(v);
    }
    int p = Math.max(1, digits);
    String sign = Double.doubleToRawLongBits(v) < 0 ? "-" : "";
    if (v == 0) {
      return sign + BigDecimal.ZERO.setScale(p - 1).toPlainString();
    }
    BigDecimal r = new BigDecimal(toString(Math.abs(v))).round(new MathContext(p, RoundingMode.HALF_UP));
    int exp = r.precision() - r.scale() - 1;
    if (exp >= -4 && exp < p) {
      return sign + r.setScale(p - 1 - exp, RoundingMode.HALF_UP).toPlainString();
    }
    String mantissa = r.movePointLeft(exp).setScale(p - 1, RoundingMode.HALF_UP).toPlainString();
    int e = Math.abs(exp);
    return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + (e < 10 ? "0" : "") + e;
  }

  private static void decimal(StringBuilder b, int q, long c, int dk) {
    long out = c & 1; // an odd significand excludes the interval's bounds
    long cb = c << 2;
    long cbr = cb + 2;
    long cbl;
    int k;
    if (c != C_MIN || q == Q_MIN) {
      cbl = cb - 2;
      k = floorLog10Pow2(q);
    } else { // the lower neighbour is closer: the interval is asymmetric
      cbl = cb - 1;
      k = (int) StrictMath.floor(q * LOG10_2 + LOG10_3_4);
    }
    int i = k - K_MIN;
    int h = q + E[i] + 2;
    long g1 = G1[i];
    long g0 = G0[i];
    long vb = roundToOdd(g1, g0, cb << h);
    long vbl = roundToOdd(g1, g0, cbl << h);
    long vbr = roundToOdd(g1, g0, cbr << h);
    long s = vb >> 2;
    if (s >= 100) { // one digit fewer: at most one multiple of 10 lies in the interval
      long sp10 = 10 * (s / 10);
      long tp10 = sp10 + 10;
      boolean upin = vbl + out <= sp10 << 2;
      boolean wpin = (tp10 << 2) + out <= vbr;
      if (upin != wpin) {
        format(b, upin ? sp10 : tp10, k + dk);
        return;
      }
    }
    long u = s + 1;
    boolean sin = vbl + out <= s << 2;
    boolean uin = (u << 2) + out <= vbr;
    if (sin != uin) {
      format(b, sin ? s : u, k + dk);
      return;
    }
    long cmp = vb - ((s + u) << 1); // against the midpoint between s and s + 1
    format(b, cmp < 0 || cmp == 0 && (s & 1) == 0 ? s : u, k + dk);
  }

  /** floor(log10(2^q)) for q in [-1100, 1100]; exact there (checked by the tests over the whole range). */
  static int floorLog10Pow2(int q) {
    return (int) StrictMath.floor(q * LOG10_2);
  }

  /**
   * The 126-bit g times cp, divided by 2^127, rounded to odd: the result's lowest bit is set when the
   * division is inexact, so that it never equals an even number the exact quotient is not.
   */
  private static long roundToOdd(long g1, long g0, long cp) {
    long x1 = Math.multiplyHigh(g0, cp);
    long y0 = g1 * cp;
    long y1 = Math.multiplyHigh(g1, cp);
    long z = (y0 >>> 1) + x1;
    long vbp = y1 + (z >>> 63);
    return vbp | (((z & MASK_63) + MASK_63) >>> 63);
  }

  /** Renders f * 10^e (f > 0) in Double.toString's layout. */
  private static void format(StringBuilder b, long f, int e) {
    while (f % 10 == 0) {
      f /= 10;
      e++;
    }
    String digits = Long.toString(f);
    int len = digits.length();
    int exp = e + len - 1; // the scientific exponent
    if (exp >= -3 && exp < 7) {
      if (exp >= 0) {
        if (len <= exp + 1) {
          b.append(digits);
          for (int z = len; z < exp + 1; z++) {
            b.append('0');
          }
          b.append(".0");
        } else {
          b.append(digits, 0, exp + 1).append('.').append(digits, exp + 1, len);
        }
      } else {
        b.append("0.");
        for (int z = 0; z < -exp - 1; z++) {
          b.append('0');
        }
        b.append(digits);
      }
      return;
    }
    b.append(digits.charAt(0)).append('.');
    if (len > 1) {
      b.append(digits, 1, len);
    } else {
      b.append('0');
    }
    b.append('E').append(exp);
  }
}
