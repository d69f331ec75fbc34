package dev.clinigate.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Locale-independent number formatting for explanations.
 *
 * <p>Design note: messages show observed values rounded to 3 significant digits, but never so coarsely
 * that an observed value that differs from its bound prints equal to it ({@code 0.0804} against a maximum
 * of {@code 0.08} prints {@code 0.0804}, not {@code 0.08}). Bounds print exactly as the policy wrote them.
 * JSON never uses these: it carries full precision.
 */
public final class Numbers {
  private Numbers() {}

  /** The shortest plain decimal that round-trips {@code d}: {@code 0.05}, {@code 100}, {@code 0.00001}. */
  public static String plain(double d) {
    if (!Double.isFinite(d)) {
      return ShortestDecimal.toString(d);
    }
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return new BigDecimal(ShortestDecimal.toString(d)).stripTrailingZeros().toPlainString();
  }

  /** {@code d} rounded to {@code digits} significant digits, in plain notation. */
  public static String significant(double d, int digits) {
    if (!Double.isFinite(d)) {
      return ShortestDecimal.toString(d);
    }
    if (d == 0.0) {
      return "0";
    }
    BigDecimal b = new BigDecimal(ShortestDecimal.toString(d)).round(new MathContext(digits, RoundingMode.HALF_EVEN));
    String s = b.stripTrailingZeros().toPlainString();
    return s;
  }

  /**
   * The observed value for a message: 3 significant digits, more where needed so that it does not print
   * equal to any of the given bounds it differs from.
   */
  public static String observed(double value, double... bounds) {
    for (int digits = 3; digits < 17; digits++) {
      String s = significant(value, digits);
      double shown = Double.parseDouble(s);
      boolean clash = false;
      for (double b : bounds) {
        if (value != b && shown == b) {
          clash = true;
          break;
        }
        // also avoid "0.0804 >= 0.08" style confusion when rounding crosses the bound
        if ((value < b) != (shown < b) || (value > b) != (shown > b)) {
          clash = true;
          break;
        }
      }
      if (!clash) {
        return s;
      }
    }
    return plain(value);
  }

  /** A count with thousands separators, independent of locale: {@code 7,968}. */
  public static String count(long n) {
    String s = Long.toString(Math.abs(n));
    StringBuilder b = new StringBuilder();
    int lead = s.length() % 3;
    if (lead > 0) {
      b.append(s, 0, lead);
    }
    for (int i = lead; i < s.length(); i += 3) {
      if (b.length() > 0) {
        b.append(',');
      }
      b.append(s, i, i + 3);
    }
    return n < 0 ? "-" + b : b.toString();
  }

  /**
   * {@code a - b} computed on the decimals the two doubles print as, then rounded to a double, so that
   * {@code 0.05 - 0.03} is {@code 0.02} and not {@code 0.020000000000000004}. Differences are compared
   * with bounds a person wrote in decimal; binary noise must not flip a gap of exactly 0.02 to FAIL
   * against a maximum gap of 0.02.
   */
  public static double decimalDifference(double a, double b) {
    return new BigDecimal(ShortestDecimal.toString(a)).subtract(new BigDecimal(ShortestDecimal.toString(b))).doubleValue();
  }
}
