package dev.clinigate.json;

import java.util.Objects;

/**
 * A JSON string.
 *
 * @param value the text, never null
 */
public record JsonString(String value) implements JsonValue {
  /** Rejects null. */
  public JsonString {
    Objects.requireNonNull(value, "value");
  }

  @Override
  public Kind kind() {
    return Kind.STRING;
  }

  @Override
  public String toString() {
    return Json.compact(this);
  }
}
