package dev.clinigate.json;

/** JSON {@code null}: in clinigate, an explicitly undefined value (never 0, never NaN). */
public enum JsonNull implements JsonValue {
  /** The only null. */
  INSTANCE;

  @Override
  public Kind kind() {
    return Kind.NULL;
  }

  @Override
  public String toString() {
    return "null";
  }
}
