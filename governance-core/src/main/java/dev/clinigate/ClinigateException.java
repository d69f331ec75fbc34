package dev.clinigate;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Root of clinigate's unchecked exceptions: thrown only for inputs that make an evaluation meaningless.
 * Domain failures (a breached bound, a missing metric) are never exceptions: they are results inside a
 * {@link Decision}.
 *
 * <p>Every instance carries at least one {@link Problem}; {@link #getMessage()} renders all of them in
 * the documented error format, one after another.
 *
 * <p>The hierarchy is sealed, split by who must act: {@link PolicyException} (the policy's author edits
 * the YAML), {@link EvidenceException} (the host fixes the evidence it passed) and {@link InputException}
 * (the producer of a data file fixes it). A host can therefore handle every case exhaustively:
 *
 * <pre>{@code
 * try {
 *   decision = policy.evaluate(evidence);
 * } catch (ClinigateException e) {
 *   String who = e instanceof PolicyException ? "policy author"
 *       : e instanceof EvidenceException ? "evidence producer" : "data producer";
 *   log.error("{} must fix:\n{}", who, e.getMessage());
 * }
 * }</pre>
 */
public abstract sealed class ClinigateException extends RuntimeException
    permits PolicyException, EvidenceException, InputException {
  private static final long serialVersionUID = 1L;

  private final List<Problem> problems;

  /** Creates an exception carrying the given problems (at least one). */
  protected ClinigateException(List<Problem> problems, Throwable cause) {
    super(render(problems), cause);
    this.problems = List.copyOf(problems);
  }

  private static String render(List<Problem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("an exception needs at least one problem");
    }
    return problems.stream().map(Problem::render).collect(Collectors.joining("\n"));
  }

  /** Every problem found, in source order. */
  public List<Problem> problems() {
    return problems;
  }
}
