package dev.clinigate;

import java.util.List;

/**
 * A policy (or contract, or policy test) document is invalid: its author must edit the YAML.
 *
 * <p>Carries every problem found, not just the first, each with {@code file:line:column}, the offending
 * key and a hint. Fix the problems in the order listed and load again.
 */
public final class PolicyException extends ClinigateException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception from the problems found (at least one). */
  public PolicyException(List<Problem> problems) {
    super(problems, null);
  }

  /** Creates the exception from one problem. */
  public PolicyException(Problem problem) {
    super(List.of(problem), null);
  }
}
