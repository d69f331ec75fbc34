package dev.clinigate.testkit;

import dev.clinigate.Problem;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The outcome of running {@code PolicyTest} suites: every suite's result, the rule coverage of every policy
 * they test, and the policies found that no suite tests.
 *
 * @param suites the suites, in the order they were found (sorted paths under each directory)
 * @param coverage one entry per policy tested, in the order first tested
 * @param untestedPolicies policy files found in the given paths that no suite names
 */
public record TestRun(List<SuiteResult> suites, List<Coverage> coverage, List<String> untestedPolicies) {
  /** Validates. */
  public TestRun {
    suites = List.copyOf(suites);
    coverage = List.copyOf(coverage);
    untestedPolicies = List.copyOf(untestedPolicies);
  }

  /** ERROR when any suite is in error, FAILED when any failed (or none was found), else PASSED. */
  public Outcome outcome() {
    if (suites.stream().anyMatch(s -> s.outcome() == Outcome.ERROR)) {
      return Outcome.ERROR;
    }
    if (suites.isEmpty() || suites.stream().anyMatch(s -> s.outcome() == Outcome.FAILED)) {
      return Outcome.FAILED;
    }
    return Outcome.PASSED;
  }

  /** Number of cases with the given outcome, over all suites. */
  public long count(Outcome o) {
    return suites.stream().mapToLong(s -> s.count(o)).sum();
  }

  /** Covered outcomes over all policies as a percentage; empty when no policy was tested. */
  public OptionalDouble coveragePercent() {
    int total = coverage.stream().mapToInt(Coverage::totalOutcomes).sum();
    if (coverage.isEmpty()) {
      return OptionalDouble.empty();
    }
    int covered = coverage.stream().mapToInt(Coverage::coveredOutcomes).sum();
    return OptionalDouble.of(total == 0 ? 100.0 : 100.0 * covered / total);
  }

  /**
   * The run as plain text for people: one line per case ({@code PASS}/{@code FAIL}/{@code ERROR}, with the
   * failure messages located at the case in its suite file), suite-level problems, then totals and coverage.
   */
  public String toText() {
    StringBuilder b = new StringBuilder();
    for (SuiteResult s : suites) {
      b.append(s.outcome() == Outcome.PASSED ? "ok   " : s.outcome() == Outcome.FAILED ? "FAIL " : "ERROR")
          .append(' ').append(s.file()).append(" (").append(s.name()).append(s.policyFile().map(p -> " -> " + p)
              .orElse("")).append(")\n");
      for (Problem p : s.problems()) {
        b.append(indent(p.render())).append('\n');
      }
      for (String f : s.failures()) {
        b.append("  FAIL ").append(s.file()).append(": ").append(f).append('\n');
      }
      for (CaseResult c : s.cases()) {
        String tag = switch (c.outcome()) {
          case PASSED -> "  pass ";
          case FAILED -> "  FAIL ";
          case ERROR -> "  ERROR ";
        };
        b.append(tag).append(c.name()).append('\n');
        for (String m : c.messages()) {
          b.append("      ").append(location(s.file(), c)).append(": ").append(m).append('\n');
        }
      }
    }
    for (String p : untestedPolicies) {
      b.append("untested ").append(p).append(": no PolicyTest suite tests this policy\n");
    }
    b.append('\n').append(String.format(Locale.ROOT, "%d suites, %d cases: %d passed, %d failed, %d errors%n",
        suites.size(), count(Outcome.PASSED) + count(Outcome.FAILED) + count(Outcome.ERROR), count(Outcome.PASSED),
        count(Outcome.FAILED), count(Outcome.ERROR)));
    for (Coverage c : coverage) {
      b.append(c.toText());
    }
    return b.toString();
  }

  /**
   * The run as JSON: {@code {outcome, cases {passed, failed, errors}, suites: [{file, name, policy, outcome,
   * failures, errors, cases: [{name, line, outcome, messages, verdict}]}], coverage: [...], untestedPolicies}}; a
   * case's {@code verdict} is GO / NO_GO, HOLD / REAPPROVE / ROLLBACK / DISABLE or the review route ({@link CaseDecision#verdict()}).
   */
  public JsonObject toJson() {
    List<JsonValue> ss = new ArrayList<>();
    for (SuiteResult s : suites) {
      List<JsonValue> cs = new ArrayList<>();
      for (CaseResult c : s.cases()) {
        cs.add(JsonObject.builder().put("name", c.name()).put("line", c.line()).put("outcome", c.outcome().name())
            .put("messages", JsonArray.ofStrings(c.messages()))
            .put("verdict", c.decision().map(CaseDecision::verdict).orElse(null)).build());
      }
      List<String> errors = new ArrayList<>();
      for (Problem p : s.problems()) {
        errors.add(p.render());
      }
      ss.add(JsonObject.builder().put("file", s.file()).put("name", s.name())
          .put("policy", s.policyFile().orElse(null)).put("outcome", s.outcome().name())
          .put("failures", JsonArray.ofStrings(s.failures())).put("errors", JsonArray.ofStrings(errors))
          .put("cases", new JsonArray(cs)).build());
    }
    List<JsonValue> cov = new ArrayList<>();
    for (Coverage c : coverage) {
      cov.add(c.toJson());
    }
    OptionalDouble pct = coveragePercent();
    return JsonObject.builder().put("outcome", outcome().name())
        .put("cases", JsonObject.builder().put("passed", count(Outcome.PASSED)).put("failed", count(Outcome.FAILED))
            .put("errors", count(Outcome.ERROR)).build())
        .put("coveragePercent", pct.isPresent() ? JsonValue.of(pct.getAsDouble()) : JsonValue.of((String) null))
        .put("suites", new JsonArray(ss)).put("coverage", new JsonArray(cov))
        .put("untestedPolicies", JsonArray.ofStrings(untestedPolicies)).build();
  }

  static String location(String file, CaseResult c) {
    return c.line() > 0 ? file + ":" + c.line() + (c.column() > 0 ? ":" + c.column() : "") : file;
  }

  private static String indent(String s) {
    return "  " + s.replace("\n", "\n  ");
  }
}
