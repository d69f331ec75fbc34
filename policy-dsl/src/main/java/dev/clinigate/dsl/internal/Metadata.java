package dev.clinigate.dsl.internal;

import dev.clinigate.PolicyMetadata;
import dev.clinigate.json.JsonNumber;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import dev.clinigate.json.JsonValue;
import java.util.Optional;

/** Reads {@code metadata} of any policy kind (the schema has already reported what is malformed). */
final class Metadata {
  private Metadata() {}

  /** The metadata, or null when name or version is unusable. */
  static PolicyMetadata of(JsonObject root) {
    if (!(root.members().get("metadata") instanceof JsonObject m)) {
      return null;
    }
    String name = m.members().get("name") instanceof JsonString s ? s.value() : null;
    JsonValue v = m.members().get("version");
    String version = v instanceof JsonString s ? s.value() : v instanceof JsonNumber n && n.integral()
        ? Long.toString(n.longValue()) : null;
    if (name == null || name.isBlank() || version == null) {
      return null;
    }
    return new PolicyMetadata(name, version, Optional.ofNullable(text(m, "riskTier")), Optional.ofNullable(text(m, "owner")));
  }

  private static String text(JsonObject o, String key) {
    return o.members().get(key) instanceof JsonString s ? s.value() : null;
  }
}
