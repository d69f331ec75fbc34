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
 * The outcome of a {@link RollbackPolicy} over a window sequence: HOLD, REAPPROVE, ROLLBACK (with the
 * version to roll back to) or DISABLE (with the reason no version can be rolled back to), and one explained
 * {@link TriggerResult} per trigger (probation triggers after the others).
 *
 * <p>Deterministic like a promotion {@link Decision}: the same policy and windows give byte-identical
 * {@link #toCanonicalJson()}. It records the policy's SHA-256 and a hash chain over the canonical windows
 * ({@code windows.sha256}), which a {@link CircuitBreaker} fed the same windows reproduces.
 *
 * @param verdict ROLLBACK or DISABLE exactly when a trigger's status is {@link TriggerStatus#FIRED} or
 *     {@link TriggerStatus#SUPPRESSED}; else REAPPROVE exactly when one is {@link TriggerStatus#REAPPROVE}; else HOLD
 * @param policy the policy's metadata
 * @param policySha256 SHA-256 of the canonical policy
 * @param windowCount windows seen
 * @param windowsSha256 hash chain over the canonical windows: {@code h = sha256(h + canonical(window))},
 *     starting from the SHA-256 of the empty string
 * @param firstStart start of the first window, when there was one
 * @param lastEnd end of the last window, when there was one
 * @param modelVersion the model version of the latest window, when windows report it
 * @param rollbackTo the version to roll back to, exactly when the verdict is ROLLBACK (the latest window's
 *     {@code lastKnownGood}, else the policy's)
 * @param disable why no version can be rolled back to, exactly when the verdict is DISABLE
 * @param inconclusive true when there were no windows, or no rollback is due and a trigger could not judge
 *     the latest windows
 * @param evaluatedAt the evaluation time the caller supplied
 * @param triggers one result per trigger, in policy order
 */
public record RollbackDecision(RollbackVerdict verdict, PolicyMetadata policy, String policySha256, long windowCount,
    String windowsSha256, Optional<Instant> firstStart, Optional<Instant> lastEnd, Optional<String> modelVersion,
    Optional<String> rollbackTo, Optional<Disable> disable, boolean inconclusive, Optional<Instant> evaluatedAt,
    List<TriggerResult> triggers) {

  /** Why a due rollback cannot be carried out, so the verdict is DISABLE. */
  public enum DisableReason {
    /** Neither the windows nor the policy's {@code spec.lastKnownGood} name a version to roll back to. */
    NO_LAST_KNOWN_GOOD,
    /** The last-known-good version is the version now deployed, the one that breaches. */
    SAME_VERSION,
    /**
     * The last-known-good version also breaches: a rollback trigger fired for it in the same window sequence
     * (it was deployed by a rollback and breached within the cooldown, or it breached before it was replaced).
     */
    LAST_KNOWN_GOOD_BREACHES
  }

  /**
   * Why the verdict is DISABLE.
   *
   * @param reason the reason
   * @param lastKnownGood the last-known-good version that cannot be deployed, when one is named
   * @param message one plain sentence saying why
   */
  public record Disable(DisableReason reason, Optional<String> lastKnownGood, String message) {
    /** Validates. */
    public Disable {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(lastKnownGood, "lastKnownGood");
      Objects.requireNonNull(message, "message");
      if (lastKnownGood.isEmpty() != (reason == DisableReason.NO_LAST_KNOWN_GOOD)) {
        throw new IllegalArgumentException("a last-known-good version goes with every reason but NO_LAST_KNOWN_GOOD");
      }
    }

    /** As JSON: {@code {reason, lastKnownGood, message}}. */
    public JsonObject toJson() {
      return JsonObject.builder().put("reason", reason.name()).put("lastKnownGood", lastKnownGood.orElse(null))
          .put("message", message).build();
    }
  }

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
    Objects.requireNonNull(disable, "disable");
    Objects.requireNonNull(evaluatedAt, "evaluatedAt");
    triggers = List.copyOf(triggers);
    boolean due = triggers.stream().anyMatch(t -> t.status() == TriggerStatus.FIRED
        || t.status() == TriggerStatus.SUPPRESSED);
    boolean reapprove = triggers.stream().anyMatch(t -> t.status() == TriggerStatus.REAPPROVE);
    RollbackVerdict expected = due ? verdict == RollbackVerdict.DISABLE ? RollbackVerdict.DISABLE : RollbackVerdict.ROLLBACK
        : reapprove ? RollbackVerdict.REAPPROVE : RollbackVerdict.HOLD;
    if (verdict != expected) {
      throw new IllegalArgumentException("verdict " + verdict + " disagrees with the triggers (rollback due: " + due
          + ", reapprove: " + reapprove + ")");
    }
    if (rollbackTo.isPresent() != (verdict == RollbackVerdict.ROLLBACK)) {
      throw new IllegalArgumentException("rollbackTo goes with a ROLLBACK verdict, and only with it");
    }
    if (disable.isPresent() != (verdict == RollbackVerdict.DISABLE)) {
      throw new IllegalArgumentException("disable goes with a DISABLE verdict, and only with it");
    }
  }

  /** The ids of the triggers that fired (rollback, reapprove, alert or suppressed), in policy order. */
  public List<String> fired() {
    return triggers.stream().filter(TriggerResult::fired).map(TriggerResult::id).toList();
  }

  /** The trigger results that are alerts (notifications without rollback). */
  public List<TriggerResult> alerts() {
    return triggers.stream().filter(t -> t.status() == TriggerStatus.ALERT).toList();
  }

  /**
   * The decision as JSON: {@code verdict}, {@code rollbackTo}, {@code disable {reason, lastKnownGood, message}}
   * (only when the verdict is DISABLE), {@code inconclusive}, {@code fired},
   * {@code policy {kind, name, version, sha256}}, {@code windows {count, first, last, sha256}},
   * {@code modelVersion}, {@code evaluatedAt}, {@code clinigate {version}}, {@code rules [...]}.
   */
  public JsonObject toJson() {
    List<JsonValue> rs = new ArrayList<>();
    triggers.forEach(t -> rs.add(t.toJson()));
    JsonObject.Builder b = JsonObject.builder()
        .put("verdict", verdict.name())
        .put("rollbackTo", rollbackTo.orElse(null));
    disable.ifPresent(x -> b.put("disable", x.toJson()));
    b.put("inconclusive", inconclusive)
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
   * A plain-text explanation: the verdict and the version to roll back to (or why the model is disabled, or
   * that it needs re-approval), then every trigger with fired ones first, then provenance.
   */
  public String explain() {
    StringBuilder b = new StringBuilder();
    b.append(verdict.name());
    rollbackTo.ifPresent(v -> b.append(" to ").append(v));
    b.append(DecisionText.titlePolicy(policy, Policy.Kind.ROLLBACK_POLICY.yamlName()));
    long alerts = alerts().size();
    if (alerts > 0) {
      b.append(String.format(Locale.ROOT, ", %d alert%s", alerts, alerts == 1 ? "" : "s"));
    }
    if (inconclusive) {
      b.append(", inconclusive");
    }
    b.append('\n');
    disable.ifPresent(x -> b.append("Fall back to the non-AI workflow: ").append(x.message()).append('\n'));
    if (verdict == RollbackVerdict.REAPPROVE) {
      b.append("Keep the model deployed; a new promotion decision is required (")
          .append(String.join(", ", triggers.stream().filter(t -> t.status() == TriggerStatus.REAPPROVE)
              .map(TriggerResult::id).toList())).append(").\n");
    }
    b.append('\n');
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
      case SUPPRESSED -> 1;
      case REAPPROVE -> 2;
      case ALERT -> 3;
      case INCONCLUSIVE -> 4;
      case PASS -> 5;
    };
  }
}
