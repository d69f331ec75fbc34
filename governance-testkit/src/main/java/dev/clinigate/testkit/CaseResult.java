package dev.clinigate.testkit;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one case of a {@code PolicyTest} suite.
 *
 * @param name the case's name, as written in the suite
 * @param line 1-based line of the case in the suite file (0 when unknown), for reports
 * @param column 1-based column of the case in the suite file (0 when unknown)
 * @param outcome passed, failed (an expectation did not hold) or error (the case cannot be run as written)
 * @param messages why the case failed or errored, one precise sentence each; empty when it passed
 * @param decision the decision the case produced (a promotion, rollback or review decision), absent when the case
 *     could not be evaluated
 */
public record CaseResult(String name, int line, int column, Outcome outcome, List<String> messages,
    Optional<CaseDecision> decision) {

  /** Validates. */
  public CaseResult {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(outcome, "outcome");
    messages = List.copyOf(messages);
    Objects.requireNonNull(decision, "decision");
    if ((outcome == Outcome.PASSED) != messages.isEmpty()) {
      throw new IllegalArgumentException("a passed case has no messages and only a passed case, found " + outcome
          + " with " + messages.size() + " messages");
    }
  }

  /** Whether the case passed. */
  public boolean passed() {
    return outcome == Outcome.PASSED;
  }
}
