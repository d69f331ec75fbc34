package dev.clinigate.internal;

import dev.clinigate.NumberText;
import java.math.BigDecimal;

/**
 * The observed values of explanations (on top of {@link NumberText}, the one text formatter).
 *
 * <p>Design note: messages show observed values rounded to 3 significant digits, but never so coarsely
 * that an observed value that differs from its bound prints equal to it ({@code 0.0804} against a maximum
 * of {@code 0.08} prints {@code 0.0804}, not {@code 0.08}). Bounds print exactly as the policy wrote them.
 * JSON never uses these: it carries full precision.
 */
public final class Numbers {
  private Numbers() {}

  /**
   * The observed value for a message: 3 significant digits, more where needed so that it does not print
   * equal to any of the given bounds it differs from.
   */
  public static String observed(double value, double... bounds) {
    for (int digits = 3; digits < 17; digits++) {
      String s = NumberText.significant(value, digits);
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
    return NumberText.plain(value);
  }

  /**
   * {@code a - b} computed on the decimals the two doubles print as, then rounded to a double, so that
   * {@code 0.05 - 0.03} is {@code 0.02} and not {@code 0.020000000000000004}. Differences are compared
   * with bounds a person wrote in decimal; binary noise must not flip a gap of exactly 0.02 to FAIL
   * against a maximum gap of 0.02.
   */
  public static double decimalDifference(double a, double b) {
    return new BigDecimal(ShortestDecimal.toString(a)).subtract(new BigDecimal(ShortestDecimal.toString(b)))
        .doubleValue();
  }
}
