package dev.clinigate.testkit;

import java.util.Objects;
import java.util.Optional;

/**
 * Whether the suites of a policy drove one rule (for one subject) to each of its two sides.
 *
 * @param id the rule id
 * @param subject the subject (e.g. {@code site=east}), empty for a rule judged on the whole set, or for a
 *     rule no case produced a result for
 * @param pass some case produced a {@code PASS} result
 * @param fail some case produced a failing result: one that blocks, or {@code ADVISORY} / {@code WAIVED} (a
 *     failure that the rule's enforcement or a waiver keeps from blocking)
 */
public record RuleCoverage(String id, Optional<String> subject, boolean pass, boolean fail) {
  /** Validates. */
  public RuleCoverage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(subject, "subject");
  }

  /** The label used in reports: the id, with the subject in brackets when there is one. */
  public String label() {
    return subject.map(s -> id + " [" + s + "]").orElse(id);
  }

  /** How many of the two sides were covered: 0, 1 or 2. */
  public int covered() {
    return (pass ? 1 : 0) + (fail ? 1 : 0);
  }
}
