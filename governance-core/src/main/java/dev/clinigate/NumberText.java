package dev.clinigate;

import dev.clinigate.internal.ShortestDecimal;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The one way clinigate writes numbers in text (explanations, contract messages, reports), independent of
 * locale. JSON never uses these: it carries full precision.
 *
 * <pre>{@code
 * NumberText.plain(0.05);              // "0.05"   a bound, exactly as written
 * NumberText.significant(0.14637, 4);  // "0.1464" a computed value
 * NumberText.count(7968);              // "7,968"
 * }</pre>
 *
 * <p>Every rounding starts from the shortest decimal that round-trips the double (the digits of canonical
 * JSON, {@link dev.clinigate.json.Json#number(double)}, the same on every JDK), so {@code 0.0825} rounds as
 * the decimal 0.0825, not as the binary value just below it; ties round half to even.
 */
public final class NumberText {
  private NumberText() {}

  /**
   * The shortest plain decimal that round-trips {@code d}: {@code 0.05}, {@code 100}, {@code 0.00001};
   * {@code NaN} and infinities spelled out.
   */
  public static String plain(double d) {
    if (!Double.isFinite(d)) {
      return ShortestDecimal.toString(d);
    }
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return new BigDecimal(ShortestDecimal.toString(d)).stripTrailingZeros().toPlainString();
  }

  /**
   * {@code d} rounded to {@code digits} significant digits (half to even), in plain notation without trailing
   * zeros: {@code significant(48.7012, 4)} is {@code 48.7}; {@code NaN} and infinities as
   * {@link Double#toString(double)} writes them.
   */
  public static String significant(double d, int digits) {
    if (!Double.isFinite(d)) {
      return ShortestDecimal.toString(d);
    }
    if (d == 0.0) {
      return "0";
    }
    return new BigDecimal(ShortestDecimal.toString(d)).round(new MathContext(digits, RoundingMode.HALF_EVEN))
        .stripTrailingZeros().toPlainString();
  }

  /** A count with thousands separators, whatever the default locale: {@code 7,968}, {@code -1,200}. */
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
}
