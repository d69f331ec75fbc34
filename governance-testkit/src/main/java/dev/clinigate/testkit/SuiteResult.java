package dev.clinigate.testkit;

import dev.clinigate.Problem;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one {@code PolicyTest} suite file.
 *
 * @param file the suite file, as given (or found under a given directory)
 * @param name the suite's {@code metadata.name}, or the file name when the suite could not be read
 * @param policyFile the policy file the suite names, as resolved against the suite's folder; empty when the
 *     suite could not be read
 * @param policyName the policy's {@code metadata.name}; empty when the policy could not be loaded
 * @param cases the cases, in suite order
 * @param failures suite-level failures (a suite without cases fails)
 * @param problems suite-level errors: an invalid suite file, a policy that does not load
 */
public record SuiteResult(String file, String name, Optional<String> policyFile, Optional<String> policyName,
    List<CaseResult> cases, List<String> failures, List<Problem> problems) {

  /** Validates. */
  public SuiteResult {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(policyFile, "policyFile");
    Objects.requireNonNull(policyName, "policyName");
    cases = List.copyOf(cases);
    failures = List.copyOf(failures);
    problems = List.copyOf(problems);
  }

  /** ERROR when the suite or a case is in error, FAILED when a case or the suite failed, else PASSED. */
  public Outcome outcome() {
    if (!problems.isEmpty() || cases.stream().anyMatch(c -> c.outcome() == Outcome.ERROR)) {
      return Outcome.ERROR;
    }
    if (!failures.isEmpty() || cases.stream().anyMatch(c -> c.outcome() == Outcome.FAILED)) {
      return Outcome.FAILED;
    }
    return Outcome.PASSED;
  }

  /** Number of cases with the given outcome. */
  public long count(Outcome o) {
    return cases.stream().filter(c -> c.outcome() == o).count();
  }
}
