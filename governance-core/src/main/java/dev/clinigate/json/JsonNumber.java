package dev.clinigate.json;

/**
 * A finite JSON number.
 *
 * <p>Design note: a number is a double plus a flag saying whether it was written (or produced) as an
 * integer. Integers render without a fraction ({@code 7968}); every other number renders as the
 * shortest decimal that round-trips the double ({@code 0.146}, {@code 1.0E-5}, {@code 1.0E23}; see
 * {@link Json#number(double)}), the same on every JVM. Integers are exact up to 2^53; counts in clinical
 * data sets stay far below that. {@code -0.0} is stored as {@code 0.0}: the two zeros must hash alike.
 *
 * @param value the value, finite
 * @param integral whether the number renders as an integer (only allowed when the value is integral
 *     and |value| &lt;= 2^53)
 */
public record JsonNumber(double value, boolean integral) implements JsonValue {
  private static final double MAX_EXACT = 9007199254740992.0; // 2^53

  /** Validates that the value is finite and that the integral flag is truthful. */
  public JsonNumber {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("a JSON number must be finite, found " + value);
    }
    if (integral && (value != Math.rint(value) || Math.abs(value) > MAX_EXACT)) {
      throw new IllegalArgumentException("not an exact integer: " + value);
    }
    if (value == 0.0) {
      value = 0.0; // normalise -0.0: the two zeros must not hash differently
    }
  }

  /** A floating-point number (rendered with a fraction or exponent). */
  public static JsonNumber of(double value) {
    return new JsonNumber(value, false);
  }

  /** An integer. */
  public static JsonNumber of(long value) {
    if (Math.abs((double) value) > MAX_EXACT) {
      throw new IllegalArgumentException("integer beyond 2^53 cannot be represented exactly: " + value);
    }
    return new JsonNumber(value, true);
  }

  /** The value as a long; only meaningful when {@link #integral()} or the value is integral. */
  public long longValue() {
    return (long) value;
  }

  @Override
  public Kind kind() {
    return Kind.NUMBER;
  }

  @Override
  public String toString() {
    return Json.compact(this);
  }
}
