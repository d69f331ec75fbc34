package dev.clinigate.json;

/**
 * An immutable JSON value. clinigate's evidence, decisions and reports are trees of these.
 *
 * <p>Objects keep their members in insertion order (for readable output); {@link Json#canonical}
 * sorts keys, so that hashes and decisions do not depend on how a producer ordered its keys.
 * Numbers are always finite: a producer that has NaN or infinity must say {@code null} instead.
 */
public sealed interface JsonValue permits JsonObject, JsonArray, JsonString, JsonNumber, JsonBoolean, JsonNull {

  /** The kind of a JSON value, for {@code switch} statements in Java 17. */
  enum Kind { OBJECT, ARRAY, STRING, NUMBER, BOOLEAN, NULL }

  /** This value's kind. */
  Kind kind();

  /** The JSON value for a Java string, or {@link JsonNull#INSTANCE} for null. */
  static JsonValue of(String s) {
    return s == null ? JsonNull.INSTANCE : new JsonString(s);
  }

  /** The JSON value for a double: a number when finite, {@code null} otherwise. */
  static JsonValue of(double d) {
    return Double.isFinite(d) ? JsonNumber.of(d) : JsonNull.INSTANCE;
  }

  /** The JSON value for a long. */
  static JsonValue of(long l) {
    return JsonNumber.of(l);
  }

  /** The JSON value for a boolean. */
  static JsonValue of(boolean b) {
    return JsonBoolean.of(b);
  }
}
