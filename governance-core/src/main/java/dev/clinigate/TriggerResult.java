package dev.clinigate;

import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The state of one rollback trigger at the end of a window sequence, explained. Its JSON has the keys of a
 * promotion {@link RuleResult} where they fit ({@code id, status, observed, bound, subject, message}) plus
 * {@code severity}, {@code firedAt} (the end of the window at which it fired) and {@code windows} (the
 * windows that made it fire).
 *
 * @param id the trigger id ({@code probation:<id>} for a probation trigger)
 * @param status the state
 * @param severity what firing does
 * @param observed the value judged last (the breaching value, or the burn rate), when there is one
 * @param bound the bound, as JSON
 * @param subject the metric judged, when the trigger is a metric bound
 * @param message one plain sentence (or two), naming the metric, values and windows
 * @param firedAt when it fired: the end of the window that completed the condition
 * @param windows labels of the windows that made it fire (or that were inconclusive), in time order
 */
public record TriggerResult(String id, TriggerStatus status, Severity severity, OptionalDouble observed,
    JsonObject bound, Optional<String> subject, String message, Optional<Instant> firedAt, List<String> windows) {

  /** Validates and copies. */
  public TriggerResult {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(observed, "observed");
    Objects.requireNonNull(bound, "bound");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(firedAt, "firedAt");
    windows = List.copyOf(windows);
    if (observed.isPresent() && !Double.isFinite(observed.getAsDouble())) {
      throw new IllegalArgumentException("observed must be finite, found " + observed.getAsDouble());
    }
  }

  /** Whether the trigger fired (as a rollback, a re-approval, an alert, or a suppressed rollback). */
  public boolean fired() {
    return status == TriggerStatus.FIRED || status == TriggerStatus.REAPPROVE || status == TriggerStatus.ALERT
        || status == TriggerStatus.SUPPRESSED;
  }

  /** The result as JSON. */
  public JsonObject toJson() {
    return JsonObject.builder()
        .put("id", id)
        .put("status", status.name())
        .put("severity", severity.yamlName())
        .put("observed", observed.isPresent() ? JsonValue.of(observed.getAsDouble()) : JsonValue.of((String) null))
        .put("bound", bound)
        .put("subject", subject.orElse(null))
        .put("message", message)
        .put("firedAt", firedAt.map(Instant::toString).orElse(null))
        .put("windows", JsonArray.ofStrings(windows))
        .build();
  }
}
