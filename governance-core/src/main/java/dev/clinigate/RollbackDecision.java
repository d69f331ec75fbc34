package dev.clinigate;

import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a {@link RollbackPolicy} over a window sequence: HOLD or ROLLBACK, the version to roll
 * back to, and one explained {@link TriggerResult} per trigger (probation triggers after the others).
 *
 * <p>Deterministic like a promotion {@link Decision}: the same policy and windows give byte-identical
 * {@link #toCanonicalJson()}. It records the policy's SHA-256 and a hash chain over the canonical windows
 * ({@code windows.sha256}), which a {@link CircuitBreaker} fed the same windows reproduces.
 *
 * @param verdict ROLLBACK exactly when a trigger's status is {@link TriggerStatus#FIRED}
 * @param policy the policy's metadata
 * @param policySha256 SHA-256 of the canonical policy
 * @param windowCount windows seen
 * @param windowsSha256 hash chain over the canonical windows: {@code h = sha256(h + canonical(window))},
 *     starting from the SHA-256 of the empty string
 * @param firstStart start of the first window, when there was one
 * @param lastEnd end of the last window, when there was one
 * @param modelVersion the model version of the latest window, when windows report it
 * @param rollbackTo the version to roll back to when the verdict is ROLLBACK and one is known (the latest
 *     window's {@code lastKnownGood}, else the policy's)
 * @param inconclusive true when there were no windows, or the verdict is HOLD and a trigger could not judge
 *     the latest windows
 * @param evaluatedAt the evaluation time the caller supplied
 * @param triggers one result per trigger, in policy order
 */
public record RollbackDecision(RollbackVerdict verdict, PolicyMetadata policy, String policySha256, long windowCount,
    String windowsSha256, Optional<Instant> firstStart, Optional<Instant> lastEnd, Optional<String> modelVersion,
    Optional<String> rollbackTo, boolean inconclusive, Optional<Instant> evaluatedAt, List<TriggerResult> triggers) {

  /** Validates that the verdict agrees with the results. */
  public RollbackDecision {
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(policySha256, "policySha256");
    Objects.requireNonNull(windowsSha256, "windowsSha256");
    Objects.requireNonNull(firstStart, "firstStart");
    Objects.requireNonNull(lastEnd, "lastEnd");
    Objects.requireNonNull(modelVersion, "modelVersion");
    Objects.requireNonNull(rollbackTo, "rollbackTo");
    Objects.requireNonNull(evaluatedAt, "evaluatedAt");
    triggers = List.copyOf(triggers);
    boolean fired = triggers.stream().anyMatch(t -> t.status() == TriggerStatus.FIRED);
    if (fired != (verdict == RollbackVerdict.ROLLBACK)) {
      throw new IllegalArgumentException("verdict " + verdict + " disagrees with the triggers (fired: " + fired + ")");
    }
    if (rollbackTo.isPresent() && verdict != RollbackVerdict.ROLLBACK) {
      throw new IllegalArgumentException("rollbackTo goes with a ROLLBACK verdict only");
    }
  }

  /** The ids of the triggers that fired (rollback, alert or suppressed), in policy order. */
  public List<String> fired() {
    return triggers.stream().filter(TriggerResult::fired).map(TriggerResult::id).toList();
  }

  /** The trigger results that are alerts (notifications without rollback). */
  public List<TriggerResult> alerts() {
    return triggers.stream().filter(t -> t.status() == TriggerStatus.ALERT).toList();
  }

  /**
   * The decision as JSON: {@code verdict}, {@code rollbackTo}, {@code inconclusive}, {@code fired},
   * {@code policy {kind, name, version, sha256}}, {@code windows {count, first, last, sha256}},
   * {@code modelVersion}, {@code evaluatedAt}, {@code clinigate {version}}, {@code rules [...]}.
   */
  public JsonObject toJson() {
    List<JsonValue> rs = new ArrayList<>();
    triggers.forEach(t -> rs.add(t.toJson()));
    JsonObject.Builder b = JsonObject.builder()
        .put("verdict", verdict.name())
        .put("rollbackTo", rollbackTo.orElse(null))
        .put("inconclusive", inconclusive)
        .put("fired", JsonArray.ofStrings(fired()))
        .put("windows", JsonObject.builder().put("count", windowCount)
            .put("first", firstStart.map(Instant::toString).orElse(null))
            .put("last", lastEnd.map(Instant::toString).orElse(null))
            .put("sha256", windowsSha256).build())
        .put("modelVersion", modelVersion.orElse(null));
    return DecisionText.provenance(b, policy, Policy.Kind.ROLLBACK_POLICY.yamlName(), policySha256, evaluatedAt)
        .put("rules", new JsonArray(rs))
        .build();
  }

  /** Canonical JSON (sorted keys, no whitespace): the form to hash, store and compare. */
  public String toCanonicalJson() {
    return Json.canonical(toJson());
  }

  /** Indented JSON with sorted keys. */
  public String toPrettyJson() {
    return Json.pretty(toJson());
  }

  /**
   * A plain-text explanation: the verdict and the version to roll back to, then every trigger with fired
   * ones first, then provenance.
   */
  public String explain() {
    StringBuilder b = new StringBuilder();
    b.append(verdict.name());
    if (verdict == RollbackVerdict.ROLLBACK) {
      b.append(rollbackTo.map(v -> " to " + v).orElse(" (no last-known-good version is known: choose one by hand)"));
    }
    b.append(DecisionText.titlePolicy(policy, Policy.Kind.ROLLBACK_POLICY.yamlName()));
    long alerts = alerts().size();
    if (alerts > 0) {
      b.append(String.format(Locale.ROOT, ", %d alert%s", alerts, alerts == 1 ? "" : "s"));
    }
    if (inconclusive) {
      b.append(", inconclusive");
    }
    b.append("\n\n");
    List<TriggerResult> ordered = new ArrayList<>(triggers);
    ordered.sort(Comparator.comparingInt(RollbackDecision::rank));
    DecisionText.table(b, ordered.stream()
        .map(t -> new DecisionText.Row(t.status().name(), t.id(), t.message())).toList());
    b.append('\n').append(String.format(Locale.ROOT, "%d window%s", windowCount, windowCount == 1 ? "" : "s"));
    if (firstStart.isPresent() && lastEnd.isPresent()) {
      b.append(" from ").append(firstStart.get()).append(" to ").append(lastEnd.get());
    }
    modelVersion.ifPresent(v -> b.append(", model version ").append(v));
    b.append('\n');
    DecisionText.hashes(b, List.of(new DecisionText.Hash("policy", policySha256),
        new DecisionText.Hash("windows", windowsSha256)), evaluatedAt);
    return b.toString();
  }

  private static int rank(TriggerResult t) {
    return switch (t.status()) {
      case FIRED -> 0;
      case ALERT -> 1;
      case SUPPRESSED -> 2;
      case INCONCLUSIVE -> 3;
      case PASS -> 4;
    };
  }
}
