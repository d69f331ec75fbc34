package dev.clinigate.testkit;

import dev.clinigate.ReviewDecision;
import dev.clinigate.ReviewOutcome;
import dev.clinigate.Route;
import java.util.Objects;
import org.opentest4j.AssertionFailedError;

/**
 * Fluent assertions on a {@link ReviewDecision}; start with {@link DecisionAssert#assertThat(ReviewDecision)}.
 * Every failure message says what was expected and quotes the decision's explanation.
 *
 * <pre>{@code
 * assertThat(policy.evaluate(inference))
 *     .hasRoute(Route.SECONDARY_REVIEW)
 *     .isDecidedBy("urgent-flag-rejected")
 *     .hasReason(ReviewOutcome.Reason.NOT_APPROVED)
 *     .mayNotProceed();
 * }</pre>
 */
public final class ReviewDecisionAssert {
  private final ReviewDecision actual;

  ReviewDecisionAssert(ReviewDecision actual) {
    this.actual = Objects.requireNonNull(actual, "decision");
  }

  /** The route is the given one. */
  public ReviewDecisionAssert hasRoute(Route expected) {
    if (actual.route() != expected) {
      throw fail("expected route " + expected + " but was " + actual.route(), expected, actual.route());
    }
    return this;
  }

  /**
   * The id that decided: a rule id, {@code default}, {@code require:<field>} or {@code requireWhenReviewed:<field>}.
   */
  public ReviewDecisionAssert isDecidedBy(String id) {
    if (!actual.outcome().ruleId().equals(id)) {
      throw fail("expected " + id + " to decide but " + actual.outcome().ruleId() + " decided", id,
          actual.outcome().ruleId());
    }
    return this;
  }

  /** The reason is the given one. */
  public ReviewDecisionAssert hasReason(ReviewOutcome.Reason expected) {
    if (actual.outcome().reason() != expected) {
      throw fail("expected reason " + expected + " but was " + actual.outcome().reason(), expected,
          actual.outcome().reason());
    }
    return this;
  }

  /** The downstream action may proceed (AUTO, or a review route approved by a qualified reviewer). */
  public ReviewDecisionAssert mayProceed() {
    if (!actual.outcome().proceed()) {
      throw fail("expected the action to proceed but it may not", true, false);
    }
    return this;
  }

  /** The downstream action may not proceed yet (BLOCK, or a review route not cleared). */
  public ReviewDecisionAssert mayNotProceed() {
    if (actual.outcome().proceed()) {
      throw fail("expected the action not to proceed but it may", false, true);
    }
    return this;
  }

  /** The decision's message contains the text. */
  public ReviewDecisionAssert hasMessageContaining(String text) {
    if (!actual.message().contains(text)) {
      throw fail("expected the message to contain \"" + text + "\" but was: " + actual.message(), text,
          actual.message());
    }
    return this;
  }

  /** The decision under assertion, for further checks. */
  public ReviewDecision actual() {
    return actual;
  }

  private AssertionFailedError fail(String message, Object expected, Object was) {
    return new AssertionFailedError(message + "\n\n" + actual.explain(), expected, was);
  }
}
