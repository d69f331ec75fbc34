package dev.clinigate.dsl;

import dev.clinigate.json.Json;
import dev.clinigate.json.JsonValue;
import java.util.Objects;
import java.util.Optional;

/**
 * One difference between two policies, classified by its effect on what can pass.
 *
 * @param path where, in the policy's terms: {@code gates[calibration].max}, {@code approvals.roles},
 *     {@code metadata.version}
 * @param effect whether it makes the policy stricter, looser, or neither
 * @param review whether a person must judge it: the effect of the change cannot be classified (a different
 *     metric, a changed condition, a key this version does not know); such changes are {@code NEUTRAL}
 * @param before the old value, empty when added
 * @param after the new value, empty when removed
 * @param reason why it was classified so, one phrase
 */
public record PolicyChange(String path, Effect effect, boolean review, Optional<JsonValue> before,
    Optional<JsonValue> after, String reason) {

  /** Validates. */
  public PolicyChange {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(effect, "effect");
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
    Objects.requireNonNull(reason, "reason");
    if (review && effect != Effect.NEUTRAL) {
      throw new IllegalArgumentException("only a NEUTRAL change can need review, found " + effect);
    }
  }

  /** The effect of a change on what can pass. */
  public enum Effect {
    /** Fewer models pass: a higher minimum, a lower maximum, a new rule, a new required role. */
    TIGHTENING,
    /** More models pass: a lower minimum, a removed rule, a removed role, a longer waiver. */
    LOOSENING,
    /** No effect on what passes (or an effect a person must judge, when {@link #review()}). */
    NEUTRAL
  }

  /** {@code TIGHTENING}, {@code LOOSENING}, {@code NEUTRAL} or {@code NEUTRAL (review)}. */
  public String label() {
    return review ? "NEUTRAL (review)" : effect.name();
  }

  /** {@code 0.05 -> 0.04}, {@code (none) -> "compliance"}. */
  public String values() {
    return show(before) + " -> " + show(after);
  }

  private static String show(Optional<JsonValue> v) {
    if (v.isEmpty()) {
      return "(none)";
    }
    String s = Json.canonical(v.get());
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }
}
