package dev.clinigate.internal;

import dev.clinigate.json.Json;
import dev.clinigate.json.JsonNumber;
import dev.clinigate.json.JsonValue;

/**
 * The result of looking a value up in evidence. Design note: the four cases are kept apart because
 * each explains differently, and only {@link #isNumber()} may ever let a rule pass.
 *
 * @param kind what was found
 * @param value the number, when {@code kind == NUMBER}
 * @param raw what an invalid value is ({@code a string}, {@code an object}; never a string itself, which may
 *     be PHI), when {@code kind == INVALID}
 */
public record Lookup(Kind kind, double value, String raw) {
  /** What a lookup found. */
  public enum Kind { NUMBER, NULL, ABSENT, INVALID }

  private static final java.util.Set<String> NON_FINITE = java.util.Set.of("NaN", "Infinity", "-Infinity", "inf",
      "-inf", "nan");
  private static final Lookup ABSENT = new Lookup(Kind.ABSENT, 0, "");
  private static final Lookup NULL = new Lookup(Kind.NULL, 0, "");

  /** Nothing at that place. */
  public static Lookup absent() {
    return ABSENT;
  }

  /** Interprets a JSON value found in evidence. */
  public static Lookup of(JsonValue v) {
    if (v == null) {
      return ABSENT;
    }
    return switch (v.kind()) {
      case NUMBER -> new Lookup(Kind.NUMBER, ((JsonNumber) v).value(), "");
      case NULL -> NULL;
      // never the string itself, which may be PHI; the non-finite spellings producers write are safe to name
      default -> new Lookup(Kind.INVALID, 0, v instanceof dev.clinigate.json.JsonString s
          && NON_FINITE.contains(s.value()) ? Json.compact(v) : Json.describe(v));
    };
  }

  /** Whether a finite number was found. */
  public boolean isNumber() {
    return kind == Kind.NUMBER;
  }

  /** Why there is no usable number, as a clause: "is missing from the evidence". */
  public String problem() {
    return switch (kind) {
      case ABSENT -> "is missing from the evidence";
      case NULL -> "is undefined (null) in the evidence";
      case INVALID -> "is " + raw + " in the evidence, not a finite number";
      case NUMBER -> throw new IllegalStateException("a number has no problem");
    };
  }
}
