package dev.clinigate;

import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonValue;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The outcome of one rule for one subject.
 *
 * @param id the rule id
 * @param status the outcome
 * @param observed the value the rule judged (point, bound or gap), empty when there was none
 * @param bound the bound it was held to, as JSON ({@code {"max":0.08}}, {@code {"maxGap":0.05}})
 * @param subject what the result is about: {@code site=east}, {@code sex} for a gap rule,
 *     {@code feature=creatinine}; empty for the whole set
 * @param message one plain sentence, e.g. {@code ECE for site=east is 0.146, above the maximum 0.08
 *     (n=7,968).}
 * @param enforcement the rule's enforcement
 * @param blocking whether this result blocks the decision
 */
public record RuleResult(String id, Status status, OptionalDouble observed, JsonObject bound,
    Optional<String> subject, String message, Enforcement enforcement, boolean blocking) {

  /** Validates. */
  public RuleResult {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(observed, "observed");
    Objects.requireNonNull(bound, "bound");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(enforcement, "enforcement");
    if (observed.isPresent() && !Double.isFinite(observed.getAsDouble())) {
      throw new IllegalArgumentException("observed must be finite, found " + observed.getAsDouble());
    }
  }

  /** The result as JSON (keys: id, status, observed, bound, subject, message, enforcement, blocking). */
  public JsonObject toJson() {
    return JsonObject.builder()
        .put("id", id)
        .put("status", status.name())
        .put("observed", observed.isPresent() ? JsonValue.of(observed.getAsDouble()) : JsonValue.of((String) null))
        .put("bound", bound)
        .put("subject", subject.orElse(null))
        .put("message", message)
        .put("enforcement", enforcement.yamlName())
        .put("blocking", blocking)
        .build();
  }
}
