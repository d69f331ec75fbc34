package dev.clinigate.testkit;

import dev.clinigate.SourceFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.InputException;
import dev.clinigate.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyTestRunnerTest {
  /** Suites here name fixtures in sibling folders: the resources folder is their root. */
  private static final SourceFiles ROOT = SourceFiles.confinedTo(Path.of("src/test/resources"));
  private static final Path RES = Path.of("src/test/resources");

  private static TestRun run(String dir) {
    return PolicyTestRunner.run(List.of(RES.resolve(dir)), ROOT);
  }

  /** Set {@code -Dclinigate.regenerate=true} to rewrite the goldens after an intended change, then review the diff. */
  @ParameterizedTest
  @ValueSource(strings = {"fixture", "failing", "erroring", "rollback", "rollback-failing", "rollback-erroring",
      "review", "review-failing", "review-erroring"})
  void run_fixtureFolders_matchTextAndJsonGoldens(String dir) throws IOException {
    TestRun r = run(dir);
    if (Boolean.getBoolean("clinigate.regenerate")) {
      Files.writeString(RES.resolve("golden/" + dir + ".txt"), r.toText());
      Files.writeString(RES.resolve("golden/" + dir + ".json"), Json.prettyInOrder(r.toJson()) + "\n");
    }
    assertEquals(Files.readString(RES.resolve("golden/" + dir + ".txt")), r.toText());
    assertEquals(Files.readString(RES.resolve("golden/" + dir + ".json")), Json.prettyInOrder(r.toJson()) + "\n");
  }

  @Test
  void run_passingSuite_passesWithKnownUncoveredOutcomes() {
    TestRun r = run("fixture");
    assertEquals(Outcome.PASSED, r.outcome());
    assertEquals(3, r.count(Outcome.PASSED));
    Coverage c = r.coverage().get(0);
    assertEquals("fixture", c.policyName());
    // 5 rule/subject units, 10 outcomes; calibration, site=west and alert-burden never fail
    assertEquals(List.of(
        new RuleCoverage("discrimination", Optional.empty(), true, true),
        new RuleCoverage("calibration", Optional.empty(), true, false),
        new RuleCoverage("subgroup-calibration", Optional.of("site=east"), true, true),
        new RuleCoverage("subgroup-calibration", Optional.of("site=west"), true, false),
        new RuleCoverage("alert-burden", Optional.empty(), true, false)), c.rules());
    assertEquals(7, c.coveredOutcomes());
    assertEquals(10, c.totalOutcomes());
    assertEquals(70.0, c.percent(), 0.0);
    assertEquals(70.0, r.coveragePercent().orElseThrow(), 0.0);
  }

  @Test
  void run_failingSuite_failsWithPreciseMessages() {
    SuiteResult s = PolicyTestRunner.runSuite(RES.resolve("failing/failing.test.yaml"), ROOT);
    assertEquals(Outcome.FAILED, s.outcome());
    CaseResult c = s.cases().get(0);
    assertEquals(Outcome.FAILED, c.outcome());
    assertEquals(8, c.line());
    assertEquals(List.of("expected verdict GO, got NO_GO; blocking: subgroup-calibration [site=east]",
        "subgroup-calibration [site=east]: expected status PASS, got FAIL: ECE for site=east is 0.09, above the "
            + "maximum 0.08 (n=500)."), c.messages());
    assertEquals(List.of("rule subgroup-calibration has no result for subject site=south; its subjects: site=east, "
        + "site=west"), s.cases().get(1).messages());
  }

  @Test
  void run_caseNamingAMissingRule_isAnErrorWithASuggestion() {
    SuiteResult s = PolicyTestRunner.runSuite(RES.resolve("erroring/missing-rule.test.yaml"), ROOT);
    assertEquals(Outcome.ERROR, s.outcome());
    CaseResult c = s.cases().get(0);
    assertEquals(Outcome.ERROR, c.outcome());
    assertEquals(List.of("rule \"subgroup-calibraton\" does not exist in policy fixture (rules: discrimination, "
        + "calibration, subgroup-calibration, alert-burden); did you mean \"subgroup-calibration\"?"), c.messages());
    assertTrue(c.decision().isEmpty());
  }

  @Test
  void run_patchOfAbsentPath_isAnError() {
    CaseResult c = PolicyTestRunner.runSuite(RES.resolve("erroring/missing-rule.test.yaml"), ROOT).cases().get(1);
    assertEquals(Outcome.ERROR, c.outcome());
    assertEquals(List.of("patch 1 (replace): /groups/site/south/metrics/ece does not exist in the evidence: "
        + "/groups/site has no member \"south\" (members: east, west)"), c.messages());
  }

  @Test
  void run_suiteWithoutCases_fails() {
    SuiteResult s = PolicyTestRunner.runSuite(RES.resolve("failing/empty.test.yaml"), ROOT);
    assertEquals(Outcome.FAILED, s.outcome());
    assertEquals(List.of("the suite has no cases; a suite that tests nothing cannot pass (add cases under spec.cases)"),
        s.failures());
  }

  @Test
  void run_invalidSuite_reportsEveryLocatedProblem() {
    SuiteResult s = PolicyTestRunner.runSuite(RES.resolve("erroring/invalid.test.yaml"), ROOT);
    assertEquals(Outcome.ERROR, s.outcome());
    assertEquals(2, s.problems().size());
    assertEquals(8, s.problems().get(1).line());
    assertEquals("hint: did you mean \"expect\"?", s.problems().get(1).render().lines().reduce((a, b) -> b).orElseThrow());
  }

  @Test
  void run_policyWithoutSuite_isListedAsUntested(@TempDir Path dir) throws IOException {
    Files.copy(RES.resolve("fixture/policy.yaml"), dir.resolve("policy.yaml"));
    Files.copy(RES.resolve("fixture/policy.yaml"), dir.resolve("other.yaml"));
    Files.copy(RES.resolve("fixture/evidence.json"), dir.resolve("evidence.json"));
    Files.copy(RES.resolve("fixture/passing.test.yaml"), dir.resolve("passing.test.yaml"));
    TestRun r = PolicyTestRunner.run(List.of(dir));
    assertEquals(List.of(dir.resolve("other.yaml").toString()), r.untestedPolicies());
    assertEquals(Outcome.PASSED, r.outcome());
  }

  @Test
  void run_rollbackAndReviewPoliciesWithoutSuite_areListedAsUntested(@TempDir Path dir) throws IOException {
    Files.copy(RES.resolve("fixture/policy.yaml"), dir.resolve("policy.yaml"));
    Files.copy(RES.resolve("fixture/evidence.json"), dir.resolve("evidence.json"));
    Files.copy(RES.resolve("fixture/passing.test.yaml"), dir.resolve("passing.test.yaml"));
    Files.copy(RES.resolve("rollback/policy.yaml"), dir.resolve("rollback.yaml"));
    Files.copy(RES.resolve("review/policy.yaml"), dir.resolve("review.yaml"));
    TestRun r = PolicyTestRunner.run(List.of(dir));
    assertEquals(List.of(dir.resolve("review.yaml").toString(), dir.resolve("rollback.yaml").toString()),
        r.untestedPolicies());
    assertEquals(List.of(dir.resolve("review.yaml").toString()),
        PolicyTestRunner.run(List.of(dir.resolve("passing.test.yaml"), dir.resolve("review.yaml"))).untestedPolicies());
  }

  @Test
  void run_noSuitesFound_fails(@TempDir Path dir) {
    TestRun r = PolicyTestRunner.run(List.of(dir));
    assertEquals(Outcome.FAILED, r.outcome());
    assertTrue(r.coveragePercent().isEmpty());
  }

  @Test
  void run_missingPath_throwsInputException() {
    InputException e = assertThrows(InputException.class, () -> PolicyTestRunner.run(List.of(Path.of("no/such"))));
    assertEquals("ERROR: no/such: no such file or directory\nhint: give PolicyTest suite files or directories that "
        + "contain them", e.getMessage());
  }

  @Test
  void run_inlineEvidenceAndEvaluationTime_areUsed(@TempDir Path dir) throws IOException {
    Files.copy(RES.resolve("fixture/policy.yaml"), dir.resolve("policy.yaml"));
    Files.writeString(dir.resolve("inline.test.yaml"), String.join("\n",
        "apiVersion: clinigate/v1",
        "kind: PolicyTest",
        "metadata: {name: inline}",
        "spec:",
        "  policy: policy.yaml",
        "  at: \"2026-03-01T00:00:00Z\"",
        "  cases:",
        "    - name: inline evidence without subgroups",
        "      evidence: {n: 100, positives: 10, metrics: {auroc: 0.9, ece: 0.01},",
        "                 thresholds: [{threshold: 0.8, alert_rate: 0.5}]}",
        "      expect:",
        "        verdict: NO_GO",
        "        rules: [{id: alert-burden, status: ADVISORY}, {id: subgroup-calibration, subject: site, status: MISSING}]",
        ""));
    SuiteResult s = PolicyTestRunner.runSuite(dir.resolve("inline.test.yaml"));
    assertEquals(Outcome.PASSED, s.outcome(), () -> s.cases().toString());
    CaseDecision.Promotion d = (CaseDecision.Promotion) s.cases().get(0).decision().orElseThrow();
    assertEquals("2026-03-01T00:00:00Z", d.decision().evaluatedAt().orElseThrow().toString());
  }
}
