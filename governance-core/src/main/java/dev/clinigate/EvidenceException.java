package dev.clinigate;

import java.util.List;

/**
 * The host passed evidence that cannot be evaluated (malformed JSON, a value of the wrong type, a
 * non-finite number, a duplicate key). Each problem carries a JSON path such as
 * {@code $.groups.site.east.metrics.ece} and, where the evidence came from a file, its line and column.
 *
 * <p>Fix the evidence producer; never "repair" evidence by dropping the offending value, since a
 * decision on partial evidence could pass a gate it should fail.
 */
public final class EvidenceException extends ClinigateException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception from the problems found (at least one). */
  public EvidenceException(List<Problem> problems) {
    super(problems, null);
  }

  /** Creates the exception from one problem. */
  public EvidenceException(Problem problem) {
    super(List.of(problem), null);
  }
}
