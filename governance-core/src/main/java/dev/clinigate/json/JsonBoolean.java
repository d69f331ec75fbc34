package dev.clinigate.json;

/** A JSON boolean. */
public enum JsonBoolean implements JsonValue {
  /** {@code true}. */
  TRUE,
  /** {@code false}. */
  FALSE;

  /** The JSON boolean for {@code b}. */
  public static JsonBoolean of(boolean b) {
    return b ? TRUE : FALSE;
  }

  /** The Java value. */
  public boolean value() {
    return this == TRUE;
  }

  @Override
  public Kind kind() {
    return Kind.BOOLEAN;
  }

  @Override
  public String toString() {
    return this == TRUE ? "true" : "false";
  }
}
