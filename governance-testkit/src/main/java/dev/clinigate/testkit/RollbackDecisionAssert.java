package dev.clinigate.testkit;

import dev.clinigate.RollbackDecision;
import dev.clinigate.RollbackVerdict;
import dev.clinigate.TriggerResult;
import dev.clinigate.TriggerStatus;
import java.util.Objects;
import java.util.Optional;
import org.opentest4j.AssertionFailedError;

/**
 * Fluent assertions on a {@link RollbackDecision}; start with {@link DecisionAssert#assertThat(RollbackDecision)}.
 * Every failure message says what was expected and quotes the decision's explanation.
 *
 * <pre>{@code
 * assertThat(policy.evaluate(windows))
 *     .isRollback()
 *     .rollsBackTo("3.1.0")
 *     .hasFired("creatinine-feed")
 *     .hasStatus("calibration-error", TriggerStatus.PASS);
 * }</pre>
 */
public final class RollbackDecisionAssert {
  private final RollbackDecision actual;

  RollbackDecisionAssert(RollbackDecision actual) {
    this.actual = Objects.requireNonNull(actual, "decision");
  }

  /** The verdict is HOLD. */
  public RollbackDecisionAssert isHold() {
    return hasVerdict(RollbackVerdict.HOLD);
  }

  /** The verdict is ROLLBACK. */
  public RollbackDecisionAssert isRollback() {
    return hasVerdict(RollbackVerdict.ROLLBACK);
  }

  /** The verdict is REAPPROVE: the model stays, a new promotion decision is required. */
  public RollbackDecisionAssert isReapprove() {
    return hasVerdict(RollbackVerdict.REAPPROVE);
  }

  /** The verdict is DISABLE for the given reason: fall back to the non-AI workflow. */
  public RollbackDecisionAssert isDisabled(RollbackDecision.DisableReason reason) {
    hasVerdict(RollbackVerdict.DISABLE);
    RollbackDecision.DisableReason got = actual.disable().orElseThrow().reason();
    if (got != reason) {
      throw fail("expected DISABLE because of " + reason + " but it is " + got + ": "
          + actual.disable().orElseThrow().message(), reason, got);
    }
    return this;
  }

  /** The verdict is the given one. */
  public RollbackDecisionAssert hasVerdict(RollbackVerdict expected) {
    if (actual.verdict() != expected) {
      throw fail("expected verdict " + expected + " but was " + actual.verdict(), expected, actual.verdict());
    }
    return this;
  }

  /** The decision rolls back to this version. */
  public RollbackDecisionAssert rollsBackTo(String version) {
    if (!actual.rollbackTo().equals(Optional.of(version))) {
      throw fail("expected a rollback to " + version + " but was " + actual.rollbackTo().map(v -> "a rollback to " + v)
          .orElse("none (" + actual.verdict() + ")"), version, actual.rollbackTo().orElse(null));
    }
    return this;
  }

  /** The decision is inconclusive: no windows, or no rollback due while a trigger could not judge its latest windows. */
  public RollbackDecisionAssert isInconclusive() {
    if (!actual.inconclusive()) {
      throw fail("expected an inconclusive decision but it is conclusive", true, false);
    }
    return this;
  }

  /** Each trigger fired: as a rollback ({@code FIRED}), a re-approval, an alert, or a rollback suppressed by the cooldown. */
  public RollbackDecisionAssert hasFired(String... ids) {
    for (String id : ids) {
      TriggerResult t = result(id);
      if (!t.fired()) {
        throw fail(id + ": expected it to fire but its status is " + t.status() + ": " + t.message(), "fired",
            t.status());
      }
    }
    return this;
  }

  /** The trigger has the status. */
  public RollbackDecisionAssert hasStatus(String id, TriggerStatus expected) {
    TriggerResult t = result(id);
    if (t.status() != expected) {
      throw fail(id + ": expected status " + expected + " but was " + t.status() + ": " + t.message(), expected,
          t.status());
    }
    return this;
  }

  /** The trigger's message contains the text. */
  public RollbackDecisionAssert hasMessageContaining(String id, String text) {
    TriggerResult t = result(id);
    if (!t.message().contains(text)) {
      throw fail(id + ": expected the message to contain \"" + text + "\" but was: " + t.message(), text,
          t.message());
    }
    return this;
  }

  /** The decision under assertion, for further checks. */
  public RollbackDecision actual() {
    return actual;
  }

  private TriggerResult result(String id) {
    return actual.triggers().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow(() -> fail(
        "the decision has no result for trigger \"" + id + "\"; its triggers: "
            + actual.triggers().stream().map(TriggerResult::id).toList(), id, null));
  }

  private AssertionFailedError fail(String message, Object expected, Object was) {
    return new AssertionFailedError(message + "\n\n" + actual.explain(), expected, was);
  }
}
