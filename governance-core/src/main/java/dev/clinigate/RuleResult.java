package dev.clinigate;

import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonValue;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The outcome of one rule for one subject.
 *
 * <p>Ids: gates use their own id; the other checks of a promotion policy use fixed ids: {@code stage},
 * {@code requires.artifacts}, {@code requires.dataset}, {@code requires.contracts}, {@code requires.shadow},
 * {@code requires.canary}, {@code approval:<role>}, {@code approvals}, and {@code waiver:<rule id>} for a
 * waiver in the evidence that was ignored.
 *
 * @param id the rule id
 * @param status the outcome
 * @param observed the value the rule judged (point, bound or gap), empty when there was none
 * @param bound the bound it was held to, as JSON ({@code {"max":0.08}}, {@code {"maxGap":0.05}})
 * @param subject what the result is about: {@code site=east}, {@code sex} for a gap rule,
 *     {@code feature=creatinine}, {@code artifact=modelCard}; empty for the whole set
 * @param message one plain sentence, e.g. {@code ECE for site=east is 0.146, above the maximum 0.08
 *     (n=7,968).}
 * @param enforcement the rule's enforcement
 * @param blocking whether this result blocks the decision
 * @param waiver the applied waiver, present exactly when the status is {@link Status#WAIVED}
 * @param remedy what would satisfy the rule, for the "To reach GO" list; empty when nothing is needed
 */
public record RuleResult(String id, Status status, OptionalDouble observed, JsonObject bound,
    Optional<String> subject, String message, Enforcement enforcement, boolean blocking, Optional<Waiver> waiver,
    String remedy) {

  /** Validates. */
  public RuleResult {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(observed, "observed");
    Objects.requireNonNull(bound, "bound");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(enforcement, "enforcement");
    Objects.requireNonNull(waiver, "waiver");
    Objects.requireNonNull(remedy, "remedy");
    if (observed.isPresent() && !Double.isFinite(observed.getAsDouble())) {
      throw new IllegalArgumentException("observed must be finite, found " + observed.getAsDouble());
    }
    if (waiver.isPresent() != (status == Status.WAIVED)) {
      throw new IllegalArgumentException("a waiver goes with status WAIVED and only with it, found " + status);
    }
    if (blocking && (status == Status.PASS || status == Status.WAIVED || status == Status.ADVISORY)) {
      throw new IllegalArgumentException("a " + status + " result cannot block");
    }
  }

  /** A result without a waiver or remedy. */
  public RuleResult(String id, Status status, OptionalDouble observed, JsonObject bound, Optional<String> subject,
      String message, Enforcement enforcement, boolean blocking) {
    this(id, status, observed, bound, subject, message, enforcement, blocking, Optional.empty(), "");
  }

  /** A copy with this remedy. */
  public RuleResult withRemedy(String text) {
    return new RuleResult(id, status, observed, bound, subject, message, enforcement, blocking, waiver, text);
  }

  /** The label used in explanations: the id, with the subject in brackets when there is one. */
  public String label() {
    return subject.map(s -> id + " [" + s + "]").orElse(id);
  }

  /**
   * The result as JSON (keys: id, status, observed, bound, subject, message, enforcement, blocking, and
   * waiver on a waived result).
   */
  public JsonObject toJson() {
    JsonObject.Builder b = JsonObject.builder()
        .put("id", id)
        .put("status", status.name())
        .put("observed", observed.isPresent() ? JsonValue.of(observed.getAsDouble()) : JsonValue.of((String) null))
        .put("bound", bound)
        .put("subject", subject.orElse(null))
        .put("message", message)
        .put("enforcement", enforcement.yamlName())
        .put("blocking", blocking);
    waiver.ifPresent(w -> b.put("waiver", w.toJson()));
    return b.build();
  }
}
