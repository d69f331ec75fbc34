package dev.clinigate.reports;

import java.util.Objects;

/**
 * One line of a CI report: a rule result, a contract rule, or a test case, with where it is written.
 *
 * @param group what the item belongs to (a policy, a contract or a test suite): a JUnit test suite
 * @param name the item's name, e.g. {@code subgroup-calibration [site=east]}: a JUnit test case
 * @param ruleId the stable id SARIF groups results by, e.g. {@code subgroup-calibration}
 * @param outcome how CI should treat it
 * @param status the clinigate status as written in outputs, e.g. {@code FAIL}, {@code ADVISORY}
 * @param message one or more plain sentences
 * @param file the file the item is written in (the policy, contract or suite), as given
 * @param line 1-based line of the item in {@code file}, 0 when unknown
 * @param column 1-based column of the item in {@code file}, 0 when unknown
 */
public record ReportItem(String group, String name, String ruleId, Outcome outcome, String status, String message,
    String file, int line, int column) {

  /** How a CI system should treat an item. */
  public enum Outcome {
    /** Passed. */
    PASS,
    /** Passed, but worth a look (advisory failure, waived failure). */
    WARN,
    /** Not judged and not blocking (e.g. a subgroup below its minimum size). */
    SKIP,
    /** Failed: blocks the decision, fails the check or the test. */
    FAIL,
    /** The input is wrong: the item could not be evaluated. */
    ERROR
  }

  /** Validates. */
  public ReportItem {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(file, "file");
    if (line < 0 || column < 0) {
      throw new IllegalArgumentException("line and column must be >= 0, found " + line + ":" + column);
    }
  }

  /** This item located in another file (same line and column). */
  public ReportItem withFile(String newFile) {
    return new ReportItem(group, name, ruleId, outcome, status, message, newFile, line, column);
  }
}
