package dev.clinigate.testkit;

import dev.clinigate.Decision;
import dev.clinigate.ReviewDecision;
import dev.clinigate.RollbackDecision;
import dev.clinigate.RuleResult;
import dev.clinigate.Status;
import dev.clinigate.Verdict;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.opentest4j.AssertionFailedError;

/**
 * Fluent assertions on a {@link Decision}, for Java tests of policies. Every failure message says what was
 * expected and quotes the decision's explanation of what happened. The overloads for a {@link RollbackDecision}
 * and a {@link ReviewDecision} return {@link RollbackDecisionAssert} and {@link ReviewDecisionAssert}, so that one
 * static import serves all three kinds.
 *
 * <pre>{@code
 * import static dev.clinigate.testkit.DecisionAssert.assertThat;
 *
 * assertThat(policy.evaluate(evidence))
 *     .isNoGo()
 *     .hasFailed("subgroup-calibration", "site=east")
 *     .hasPassed("discrimination")
 *     .isBlockedOnlyBy("subgroup-calibration");
 * }</pre>
 */
public final class DecisionAssert {
  private final Decision actual;

  private DecisionAssert(Decision actual) {
    this.actual = Objects.requireNonNull(actual, "decision");
  }

  /** Starts assertions on a decision. */
  public static DecisionAssert assertThat(Decision decision) {
    return new DecisionAssert(decision);
  }

  /** Starts assertions on a rollback decision: {@code assertThat(d).isRollback().hasFired("creatinine-feed")}. */
  public static RollbackDecisionAssert assertThat(RollbackDecision decision) {
    return new RollbackDecisionAssert(decision);
  }

  /** Starts assertions on a review decision: {@code assertThat(d).hasRoute(Route.REVIEW).isDecidedBy("urgent")}. */
  public static ReviewDecisionAssert assertThat(ReviewDecision decision) {
    return new ReviewDecisionAssert(decision);
  }

  /** The verdict is GO. */
  public DecisionAssert isGo() {
    return hasVerdict(Verdict.GO);
  }

  /** The verdict is NO_GO. */
  public DecisionAssert isNoGo() {
    return hasVerdict(Verdict.NO_GO);
  }

  /** The verdict is the given one. */
  public DecisionAssert hasVerdict(Verdict expected) {
    if (actual.verdict() != expected) {
      throw fail("expected verdict " + expected + " but was " + actual.verdict(), expected, actual.verdict());
    }
    return this;
  }

  /** Every result of the rule passed (there is at least one). */
  public DecisionAssert hasPassed(String id) {
    return hasStatus(id, Optional.empty(), Status.PASS);
  }

  /** The rule's result for the subject passed. */
  public DecisionAssert hasPassed(String id, String subject) {
    return hasStatus(id, Optional.of(subject), Status.PASS);
  }

  /** Every result of the rule has status FAIL (there is at least one). */
  public DecisionAssert hasFailed(String id) {
    return hasStatus(id, Optional.empty(), Status.FAIL);
  }

  /** The rule's result for the subject has status FAIL. */
  public DecisionAssert hasFailed(String id, String subject) {
    return hasStatus(id, Optional.of(subject), Status.FAIL);
  }

  /** The rule's result for the subject has the status. */
  public DecisionAssert hasStatus(String id, String subject, Status expected) {
    return hasStatus(id, Optional.of(subject), expected);
  }

  /** Every result of the rule has the status (there is at least one). */
  public DecisionAssert hasStatus(String id, Status expected) {
    return hasStatus(id, Optional.empty(), expected);
  }

  /** The rule's result for the subject has a message containing the text. */
  public DecisionAssert hasMessageContaining(String id, String subject, String text) {
    for (RuleResult r : results(id, Optional.of(subject))) {
      if (!r.message().contains(text)) {
        throw fail(r.label() + ": expected the message to contain \"" + text + "\" but was: " + r.message(), text,
            r.message());
      }
    }
    return this;
  }

  /** Exactly these rule ids block (in any order, each at least once), and no other. */
  public DecisionAssert isBlockedOnlyBy(String... ids) {
    List<String> expected = List.of(ids).stream().distinct().sorted().toList();
    List<String> blocking = actual.blocking().stream().map(RuleResult::id).distinct().sorted().toList();
    if (!expected.equals(blocking)) {
      throw fail("expected blocking rules " + expected + " but were " + blocking, expected, blocking);
    }
    return this;
  }

  /** The decision under assertion, for further checks. */
  public Decision actual() {
    return actual;
  }

  private DecisionAssert hasStatus(String id, Optional<String> subject, Status expected) {
    for (RuleResult r : results(id, subject)) {
      if (r.status() != expected) {
        throw fail(r.label() + ": expected status " + expected + " but was " + r.status() + ": " + r.message(),
            expected, r.status());
      }
    }
    return this;
  }

  private List<RuleResult> results(String id, Optional<String> subject) {
    List<RuleResult> ofRule = actual.rules().stream().filter(r -> r.id().equals(id)).toList();
    if (ofRule.isEmpty()) {
      throw fail("the decision has no result for rule \"" + id + "\"; its rules: "
          + actual.rules().stream().map(RuleResult::id).distinct().toList(), id, null);
    }
    List<RuleResult> matches = ofRule.stream().filter(r -> subject.isEmpty() || r.subject().equals(subject)).toList();
    if (matches.isEmpty()) {
      throw fail("rule " + id + " has no result for subject " + subject.orElseThrow() + "; its subjects: "
          + ofRule.stream().map(r -> r.subject().orElse("(whole set)")).toList(), subject.orElseThrow(), null);
    }
    return matches;
  }

  private AssertionFailedError fail(String message, Object expected, Object was) {
    return new AssertionFailedError(message + "\n\n" + actual.explain(), expected, was);
  }
}
