package dev.clinigate;

import java.util.List;

/**
 * A data input (a CSV file, a prediction array, a monitoring window file) is unusable: a score outside
 * [0, 1], a label that is not 0/1, a ragged row, bytes that are not UTF-8. Problems name the file and row
 * (or the array index) so that the producer can be fixed.
 */
public final class InputException extends ClinigateException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception from the problems found (at least one). */
  public InputException(List<Problem> problems) {
    super(problems, null);
  }

  /** Creates the exception from one problem. */
  public InputException(Problem problem) {
    super(List.of(problem), null);
  }

  /** Creates the exception from one problem and the low-level cause (e.g. an I/O error). */
  public InputException(Problem problem, Throwable cause) {
    super(List.of(problem), cause);
  }
}
