package dev.clinigate.json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A JSON object whose members keep their insertion order.
 *
 * <p>Equality is by members regardless of order (as JSON defines it); canonical rendering sorts keys.
 *
 * @param members the members (copied into an unmodifiable, insertion-ordered map; never null)
 */
public record JsonObject(Map<String, JsonValue> members) implements JsonValue {
  /** Copies the members, keeping their order, and rejects null keys or values. */
  public JsonObject {
    LinkedHashMap<String, JsonValue> copy = new LinkedHashMap<>();
    for (Map.Entry<String, JsonValue> e : members.entrySet()) {
      copy.put(Objects.requireNonNull(e.getKey(), "key"), Objects.requireNonNull(e.getValue(), "value"));
    }
    members = Collections.unmodifiableMap(copy);
  }

  /** The empty object. */
  public static JsonObject empty() {
    return new JsonObject(Map.of());
  }

  /** A builder that keeps insertion order. */
  public static Builder builder() {
    return new Builder();
  }

  /** The member named {@code key}, if present. */
  public Optional<JsonValue> get(String key) {
    return Optional.ofNullable(members.get(key));
  }

  /** Whether a member named {@code key} is present (even if it is {@code null}). */
  public boolean has(String key) {
    return members.containsKey(key);
  }

  /** Number of members. */
  public int size() {
    return members.size();
  }

  @Override
  public Kind kind() {
    return Kind.OBJECT;
  }

  @Override
  public String toString() {
    return Json.compact(this);
  }

  /** Builds a {@link JsonObject}; later puts of the same key replace the value but keep its position. */
  public static final class Builder {
    private final LinkedHashMap<String, JsonValue> members = new LinkedHashMap<>();

    private Builder() {}

    /** Adds a member. */
    public Builder put(String key, JsonValue value) {
      members.put(key, value);
      return this;
    }

    /** Adds a string member ({@code null} for a null string). */
    public Builder put(String key, String value) {
      return put(key, JsonValue.of(value));
    }

    /** Adds a number member ({@code null} for a non-finite double). */
    public Builder put(String key, double value) {
      return put(key, JsonValue.of(value));
    }

    /** Adds an integer member. */
    public Builder put(String key, long value) {
      return put(key, JsonValue.of(value));
    }

    /** Adds a boolean member. */
    public Builder put(String key, boolean value) {
      return put(key, JsonValue.of(value));
    }

    /** Builds the object. */
    public JsonObject build() {
      return new JsonObject(members);
    }
  }
}
