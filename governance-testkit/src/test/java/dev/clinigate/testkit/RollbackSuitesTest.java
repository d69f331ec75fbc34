package dev.clinigate.testkit;

import dev.clinigate.SourceFiles;
import static dev.clinigate.testkit.SuiteFiles.RES;
import static dev.clinigate.testkit.SuiteFiles.suite;
import static dev.clinigate.testkit.SuiteFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.Policy;
import dev.clinigate.Problem;
import dev.clinigate.RollbackVerdict;
import dev.clinigate.dsl.PolicyYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code PolicyTest} suites of rollback policies: windows in, verdict / trigger expectations, trigger coverage. */
class RollbackSuitesTest {
  /** Suites here name fixtures in sibling folders: the resources folder is their root. */
  private static final SourceFiles ROOT = SourceFiles.confinedTo(Path.of("src/test/resources"));
  @Test
  void run_passingRollbackSuite_passesWithKnownUncoveredTriggers() {
    TestRun r = PolicyTestRunner.run(List.of(RES.resolve("rollback")), ROOT);
    assertEquals(Outcome.PASSED, r.outcome(), r::toText);
    assertEquals(3, r.count(Outcome.PASSED));
    Coverage c = r.coverage().get(0);
    assertEquals(Policy.Kind.ROLLBACK_POLICY, c.kind());
    // 4 triggers, 8 outcomes; discrimination and overrides never fire, the probation trigger is never judged
    assertEquals(List.of(
        new RuleCoverage("calibration", Optional.empty(), true, true),
        new RuleCoverage("discrimination", Optional.empty(), true, false),
        new RuleCoverage("overrides", Optional.empty(), true, false),
        new RuleCoverage("probation:calibration-strict", Optional.empty(), false, false)), c.rules());
    assertEquals(4, c.coveredOutcomes());
    assertEquals(8, c.totalOutcomes());
    assertEquals(50.0, c.percent(), 0.0);
    assertEquals("never fired", c.missing(c.rules().get(1)));
    assertEquals("never judged to PASS nor fired", c.missing(c.rules().get(3)));
    CaseDecision.Rollback d = (CaseDecision.Rollback) r.suites().get(0).cases().get(1).decision().orElseThrow();
    assertEquals(RollbackVerdict.ROLLBACK, d.decision().verdict());
    assertEquals("ROLLBACK", d.verdict());
  }

  @Test
  void run_failingRollbackSuite_failsWithPreciseMessages() {
    SuiteResult s = suite("rollback-failing/failing.test.yaml");
    assertEquals(Outcome.FAILED, s.outcome());
    CaseResult c = s.cases().get(0);
    assertEquals(Outcome.FAILED, c.outcome());
    assertEquals(8, c.line());
    assertEquals(List.of("expected verdict ROLLBACK, got HOLD: no rollback trigger fired",
        "expected rollbackTo 1.0.0, got none (the verdict is HOLD)",
        "calibration: expected status FIRED, got PASS: ece is 0.09 in the latest judged window "
            + "(2026-05-04T00:00:00Z); 1 consecutive breaching window of the 2 that fire."), c.messages());
    assertEquals(List.of("the decision has no result for trigger probation:calibration-strict (probation triggers "
        + "are judged only in the first 2 windows of a model version that replaced another in the window list)"),
        s.cases().get(1).messages());
  }

  @Test
  void run_caseNamingAMissingTrigger_isAnErrorWithASuggestion() {
    CaseResult c = suite("rollback-erroring/missing-trigger.test.yaml").cases().get(0);
    assertEquals(Outcome.ERROR, c.outcome());
    assertEquals(List.of("trigger \"calibraton\" does not exist in policy fixture-rollback (triggers: calibration, "
        + "discrimination, overrides, probation:calibration-strict); did you mean \"calibration\"?"), c.messages());
    assertTrue(c.decision().isEmpty());
  }

  @Test
  void run_badWindows_areErrorsLocatedInTheSuite() {
    SuiteResult s = suite("rollback-erroring/missing-trigger.test.yaml");
    assertEquals(List.of("patch 1 (replace): /4/metrics/ece does not exist in the window list: the window list has 4 "
        + "elements"), s.cases().get(1).messages());
    assertEquals(List.of("src/test/resources/rollback-erroring/missing-trigger.test.yaml:16:48: window ends at "
        + "2026-05-01T00:00:00Z, not after its start 2026-05-02T00:00:00Z (hint: end must be later than start)"),
        s.cases().get(2).messages());
  }

  @Test
  void run_expectationsOfAnotherKind_areLocatedSuiteErrorsWithSuggestions() {
    SuiteResult s = suite("rollback-erroring/wrong-kind.test.yaml");
    assertEquals(Outcome.ERROR, s.outcome());
    assertEquals(List.of(), s.cases());
    List<Problem> ps = s.problems();
    assertEquals(List.of("6:3", "10:18", "11:9", "12:9"), ps.stream().map(p -> p.line() + ":" + p.column()).toList());
    assertEquals("expectation \"route\" does not apply to a RollbackPolicy (src/test/resources/rollback/policy.yaml)",
        ps.get(3).message());
    assertEquals("did you mean \"verdict\"? (a RollbackPolicy's cases expect: verdict, triggers, rollbackTo, "
        + "disableReason, inconclusive)", ps.get(3).hint());
    assertEquals("did you mean \"triggers\"? (a RollbackPolicy's cases expect: verdict, triggers, rollbackTo, "
        + "disableReason, inconclusive)", ps.get(2).hint());
    assertEquals("verdict must be HOLD, REAPPROVE, ROLLBACK or DISABLE for a RollbackPolicy, found \"GO\"", ps.get(1).message());
    assertEquals("\"evidence\" does not apply to a RollbackPolicy (src/test/resources/rollback/policy.yaml): its "
        + "cases read windows", ps.get(0).message());
  }

  @Test
  void run_windowsFileWithABadLine_isLocatedInTheFile_withOrWithoutPatches(@TempDir Path dir) throws IOException {
    Files.copy(RES.resolve("rollback/policy.yaml"), dir.resolve("policy.yaml"));
    write(dir, "windows.jsonl",
        "{\"start\":\"2026-05-01T00:00:00Z\",\"end\":\"2026-05-02T00:00:00Z\",\"cases\":300,"
            + "\"metrics\":{\"ece\":0.03}}",
        "{\"start\":\"2026-05-02T00:00:00Z\",\"end\":\"2026-05-03T00:00:00Z\",\"cases\":300,"
            + "\"metrics\":{\"ece\":\"high\"}}");
    write(dir, "bad.test.yaml",
        "apiVersion: clinigate/v1",
        "kind: PolicyTest",
        "metadata: {name: bad-windows}",
        "spec:",
        "  policy: policy.yaml",
        "  windows: windows.jsonl",
        "  cases:",
        "    - name: as read",
        "      expect: {verdict: HOLD}",
        "    - name: patched",
        "      patch: [{op: replace, path: /0/cases, value: 200}]",
        "      expect: {verdict: HOLD}",
        "    - name: a window out of time order",
        "      patch: [{op: replace, path: /1/metrics/ece, value: 0.03}, {op: replace, path: /1/start, "
            + "value: \"2026-04-30T00:00:00Z\"}]",
        "      expect: {verdict: HOLD}");
    SuiteResult s = PolicyTestRunner.runSuite(dir.resolve("bad.test.yaml"));
    String where = dir.resolve("windows.jsonl") + ":2:";
    assertTrue(s.cases().get(0).messages().get(0).startsWith(where), s.cases().get(0).messages()::toString);
    assertTrue(s.cases().get(0).messages().get(0).contains("$.metrics.ece: metric ece must be a number, null or "
        + "\"NaN\", found a string"), s.cases().get(0).messages()::toString);
    assertTrue(s.cases().get(0).messages().stream().noneMatch(m -> m.contains("high")), s.cases().get(0).messages()::toString);
    assertEquals(List.of("windows[1] (after the patches) metrics.ece: metric ece must be a number, null or \"NaN\", "
        + "found a string (hint: write the value as a JSON number)"), s.cases().get(1).messages());
    assertEquals(List.of("windows[1] (after the patches) start: window out of order: it starts at "
        + "2026-04-30T00:00:00Z, before the previous window (windows[0]) ends at 2026-05-02T00:00:00Z (hint: sort "
        + "windows by start time; each window must start at or after the previous one's end)"),
        s.cases().get(2).messages());
  }

  @Test
  void run_emptyWindowList_isHoldAndInconclusive(@TempDir Path dir) throws IOException {
    Files.copy(RES.resolve("rollback/policy.yaml"), dir.resolve("policy.yaml"));
    write(dir, "empty.test.yaml",
        "apiVersion: clinigate/v1",
        "kind: PolicyTest",
        "metadata: {name: empty-windows}",
        "spec:",
        "  policy: policy.yaml",
        "  cases:",
        "    - name: no windows yet",
        "      windows: []",
        "      expect: {verdict: HOLD, inconclusive: true, triggers: [{id: calibration, status: INCONCLUSIVE}]}",
        "    - name: no windows at all is an error",
        "      expect: {verdict: HOLD}");
    SuiteResult s = PolicyTestRunner.runSuite(dir.resolve("empty.test.yaml"));
    assertEquals(Outcome.PASSED, s.cases().get(0).outcome(), s.cases().get(0).messages()::toString);
    assertEquals(List.of("the case has no windows: give windows (a JSON Lines file or a list of windows) in the case "
        + "or in spec.windows"), s.cases().get(1).messages());
  }

  @Test
  void coverage_firingCountsOnlyAsTheTriggersOwnSeverity(@TempDir Path dir) throws IOException {
    // fast: a rollback trigger; slow: an alert. One small window fires both through the inconclusive limit
    // (severity alert): that exercises the alert but not the rollback trigger's bound. A second version within
    // the cooldown makes fast SUPPRESSED (and the verdict DISABLE), which counts as fired.
    write(dir, "policy.yaml",
        "apiVersion: clinigate/v1",
        "kind: RollbackPolicy",
        "metadata: {name: severities, version: 1}",
        "spec:",
        "  minCases: 100",
        "  inconclusiveLimit: {windows: 1, severity: alert}",
        "  cooldown: 7d",
        "  triggers:",
        "    - {id: fast, metric: ece, max: 0.08}",
        "    - {id: slow, metric: ece, max: 0.08, severity: alert}");
    write(dir, "s.test.yaml",
        "apiVersion: clinigate/v1",
        "kind: PolicyTest",
        "metadata: {name: severities}",
        "spec:",
        "  policy: policy.yaml",
        "  cases:",
        "    - name: a small window fires both as alerts",
        "      windows: [{start: \"2026-05-01T00:00:00Z\", end: \"2026-05-02T00:00:00Z\", cases: 10,",
        "                 metrics: {ece: 0.01}}]",
        "      expect: {verdict: HOLD, triggers: [{id: fast, status: ALERT}, {id: slow, status: ALERT}]}",
        "    - name: a breach of the version rolled back to, within the cooldown, disables the model",
        "      windows:",
        "        - {start: \"2026-05-01T00:00:00Z\", end: \"2026-05-02T00:00:00Z\", cases: 300, modelVersion: \"2\",",
        "           metrics: {ece: 0.2}}",
        "        - {start: \"2026-05-02T00:00:00Z\", end: \"2026-05-03T00:00:00Z\", cases: 300, modelVersion: \"1\",",
        "           metrics: {ece: 0.2}}",
        "      expect: {verdict: DISABLE, disableReason: LAST_KNOWN_GOOD_BREACHES,",
        "               triggers: [{id: fast, status: SUPPRESSED, messageContains: \"within the cooldown\"}]}");
    TestRun r = PolicyTestRunner.run(List.of(dir.resolve("s.test.yaml")));
    assertEquals(Outcome.PASSED, r.outcome(), r::toText);
    assertEquals(List.of(new RuleCoverage("fast", Optional.empty(), false, true),
        new RuleCoverage("slow", Optional.empty(), false, true)), r.coverage().get(0).rules());
    Coverage onlyAlerts = PolicyTestRunner.coverageOf("policy.yaml", PolicyYaml.load(dir.resolve("policy.yaml")),
        r.suites().get(0).cases().subList(0, 1));
    assertEquals(List.of(new RuleCoverage("fast", Optional.empty(), false, false),
        new RuleCoverage("slow", Optional.empty(), false, true)), onlyAlerts.rules());
  }
}
