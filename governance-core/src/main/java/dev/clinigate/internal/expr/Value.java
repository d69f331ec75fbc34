package dev.clinigate.internal.expr;

import java.util.Objects;

/**
 * A value during evaluation: a number, a boolean, or undefined with the reason (a missing metric, a
 * division by zero). Undefined is never silently true or false: it makes the whole condition undefined.
 *
 * @param kind which of the three
 * @param number the number, when {@code kind == NUMBER}
 * @param bool the boolean, when {@code kind == BOOLEAN}
 * @param text for an undefined value, why (a clause: "ece[site=east] is missing from the evidence"); for a
 *     defined one, an optional note shown after it in explanations (e.g. {@code site=east}), else ""
 */
public record Value(Kind kind, double number, boolean bool, String text) {
  /** What a value is. */
  public enum Kind { NUMBER, BOOLEAN, UNDEFINED }

  /** Validates. */
  public Value {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(text, "text");
    if (kind == Kind.NUMBER && !Double.isFinite(number)) {
      throw new IllegalArgumentException("a number value must be finite, found " + number);
    }
  }

  /** A number. */
  public static Value of(double number) {
    return new Value(Kind.NUMBER, number, false, "");
  }

  /** A number with a note, e.g. the group it came from. */
  public static Value of(double number, String note) {
    return new Value(Kind.NUMBER, number, false, note);
  }

  /** A boolean. */
  public static Value of(boolean bool) {
    return new Value(Kind.BOOLEAN, 0, bool, "");
  }

  /** An undefined value and why. */
  public static Value undefined(String why) {
    return new Value(Kind.UNDEFINED, 0, false, why);
  }

  /** Whether the value is defined. */
  public boolean defined() {
    return kind != Kind.UNDEFINED;
  }
}
