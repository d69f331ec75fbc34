package dev.clinigate;

import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonValue;
import java.util.Objects;
import java.util.Optional;

/**
 * A policy's identity and ownership.
 *
 * @param name the policy name, e.g. {@code readmission-risk}
 * @param version the version as written ({@code 3}, {@code 2.1}); integers render as JSON numbers
 * @param riskTier {@code low}, {@code medium} or {@code high}, when declared
 * @param owner the owning team, when declared
 */
public record PolicyMetadata(String name, String version, Optional<String> riskTier, Optional<String> owner) {
  /** Validates. */
  public PolicyMetadata {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(riskTier, "riskTier");
    Objects.requireNonNull(owner, "owner");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a policy needs a name");
    }
  }

  /** The version as JSON: a number when it is an integer, else a string. */
  public JsonValue versionJson() {
    if (version.matches("-?[0-9]{1,15}")) {
      return JsonValue.of(Long.parseLong(version));
    }
    return JsonValue.of(version);
  }

  /** {@code {"name": ..., "version": ...}} plus the given sha256. */
  JsonObject toJson(String kind, String sha256) {
    return JsonObject.builder().put("kind", kind).put("name", name).put("version", versionJson())
        .put("sha256", sha256).build();
  }
}
