package dev.clinigate;

import dev.clinigate.internal.rollback.RollbackEngine;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonObject;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link RollbackPolicy} for hosts that receive monitoring windows one at a time: feed each window with
 * {@link #record(MonitoringWindow)} and read the current {@link RollbackDecision}. After any sequence of
 * windows its decision equals {@code policy.evaluate(sameWindows)}.
 *
 * <pre>{@code
 * CircuitBreaker breaker = policy.newCircuitBreaker();
 * RollbackDecision d = breaker.record(window);          // the decision after this window
 * Files.writeString(stateFile, breaker.exportState());  // persist across restarts
 * CircuitBreaker restored = CircuitBreaker.importState(policy, Files.readString(stateFile));
 * }</pre>
 *
 * <p>Thread-safe: every method synchronises on the breaker, so concurrent {@code record} calls are applied
 * one after another (in the order they acquire the lock; callers that need time order must feed in time
 * order). The exported state is canonical JSON, bound to the policy's SHA-256.
 */
public final class CircuitBreaker {
  private final RollbackPolicy policy;
  private RollbackEngine engine;

  CircuitBreaker(RollbackPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.engine = new RollbackEngine(policy);
  }

  private CircuitBreaker(RollbackPolicy policy, RollbackEngine engine) {
    this.policy = policy;
    this.engine = engine;
  }

  /** The policy the breaker applies. */
  public RollbackPolicy policy() {
    return policy;
  }

  /**
   * Feeds one window and returns the decision after it.
   *
   * @throws InputException when the window starts before the previous one ended (the state is unchanged)
   */
  public synchronized RollbackDecision record(MonitoringWindow window) {
    Objects.requireNonNull(window, "window");
    RollbackEngine copy = RollbackEngine.importState(policy, engine.exportState());
    copy.step(window, Optional.empty());
    engine = copy;
    return engine.decision(Optional.empty());
  }

  /** The decision after the windows fed so far. */
  public synchronized RollbackDecision decision() {
    return engine.decision(Optional.empty());
  }

  /** The decision after the windows fed so far, recording the evaluation time. */
  public synchronized RollbackDecision decision(Instant at) {
    return engine.decision(Optional.of(at));
  }

  /**
   * Whether the breaker is open: a rollback trigger fired for the current model version (the verdict is
   * ROLLBACK or DISABLE; a REAPPROVE leaves it closed, the model stays deployed).
   */
  public synchronized boolean isOpen() {
    return engine.decision(Optional.empty()).verdict().rollbackDue();
  }

  /** The state as canonical JSON, for a host to persist. */
  public synchronized String exportState() {
    return Json.canonical(engine.exportState());
  }

  /**
   * Restores a breaker from {@link #exportState()}.
   *
   * @throws IllegalArgumentException when the text is not such a state, or was exported for another policy
   */
  public static CircuitBreaker importState(RollbackPolicy policy, String state) {
    Objects.requireNonNull(policy, "policy");
    if (!(Json.parse(state, "circuit-breaker-state").root() instanceof JsonObject o)) {
      throw new IllegalArgumentException("a circuit breaker state is a JSON object");
    }
    return new CircuitBreaker(policy, RollbackEngine.importState(policy, o));
  }
}
