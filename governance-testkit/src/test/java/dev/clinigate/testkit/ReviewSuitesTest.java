package dev.clinigate.testkit;

import dev.clinigate.SourceFiles;
import static dev.clinigate.testkit.SuiteFiles.RES;
import static dev.clinigate.testkit.SuiteFiles.suite;
import static dev.clinigate.testkit.SuiteFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.clinigate.Policy;
import dev.clinigate.Problem;
import dev.clinigate.Route;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code PolicyTest} suites of review policies: one inference in, route / rule expectations, rule coverage. */
class ReviewSuitesTest {
  /** Suites here name fixtures in sibling folders: the resources folder is their root. */
  private static final SourceFiles ROOT = SourceFiles.confinedTo(Path.of("src/test/resources"));
  @Test
  void run_passingReviewSuite_passesWithKnownUncoveredRules() {
    TestRun r = PolicyTestRunner.run(List.of(RES.resolve("review")), ROOT);
    assertEquals(Outcome.PASSED, r.outcome(), r::toText);
    assertEquals(4, r.count(Outcome.PASSED));
    Coverage c = r.coverage().get(0);
    assertEquals(Policy.Kind.REVIEW_POLICY, c.kind());
    // 7 entries, 14 outcomes: score and reviewerId never missing, child and default never matched, low never
    // evaluated without matching
    assertEquals(List.of(
        new RuleCoverage("require:encounterId", Optional.empty(), true, true),
        new RuleCoverage("require:score", Optional.empty(), true, false),
        new RuleCoverage("requireWhenReviewed:reviewerId", Optional.empty(), true, false),
        new RuleCoverage("urgent", Optional.empty(), true, true),
        new RuleCoverage("child", Optional.empty(), true, false),
        new RuleCoverage("low", Optional.empty(), false, true),
        new RuleCoverage("default", Optional.empty(), true, false)), c.rules());
    assertEquals(9, c.coveredOutcomes());
    assertEquals(14, c.totalOutcomes());
    assertEquals(100.0 * 9 / 14, c.percent(), 0.0);
    assertEquals("never missing", c.missing(c.rules().get(1)));
    assertEquals("never matched", c.missing(c.rules().get(4)));
    assertEquals("never evaluated without matching", c.missing(c.rules().get(5)));
    CaseDecision.Review d = (CaseDecision.Review) r.suites().get(0).cases().get(2).decision().orElseThrow();
    assertEquals(Route.AUTO, d.decision().route());
    assertEquals("AUTO", d.verdict());
  }

  @Test
  void run_failingReviewSuite_failsWithPreciseMessages() {
    SuiteResult s = suite("review-failing/failing.test.yaml");
    assertEquals(Outcome.FAILED, s.outcome());
    CaseResult c = s.cases().get(0);
    assertEquals(8, c.line());
    String message = "Rule urgent matched: a radiologist must approve before escalation.";
    assertEquals(List.of("expected route BLOCK, got REVIEW (decided by urgent, reason AWAITING_REVIEW): " + message,
        "expected rule child to decide, but urgent decided (route REVIEW, reason AWAITING_REVIEW): " + message),
        c.messages());
    assertEquals(List.of("expected the action to proceed, but it may not (route REVIEW, decided by urgent, reason "
        + "AWAITING_REVIEW): " + message, "expected approvers [radiologist, emergency-physician], got [radiologist] "
        + "(decided by urgent, reason AWAITING_REVIEW)"), s.cases().get(1).messages());
  }

  @Test
  void run_caseNamingAMissingRule_isAnErrorWithASuggestion() {
    CaseResult c = suite("review-erroring/missing-rule.test.yaml").cases().get(0);
    assertEquals(Outcome.ERROR, c.outcome());
    assertEquals(List.of("rule \"urgnet\" does not exist in policy fixture-review (an inference is decided by one of: "
        + "require:encounterId, require:score, requireWhenReviewed:reviewerId, urgent, child, low, default); did you "
        + "mean \"urgent\"?"), c.messages());
  }

  @Test
  void run_badInferences_areErrorsLocatedInTheSuite() {
    SuiteResult s = suite("review-erroring/missing-rule.test.yaml");
    assertEquals(List.of("patch 1 (replace): /review/decision does not exist in the inference: the inference has no "
        + "member \"review\" (members: inferenceId, encounterId, score, output, context)"),
        s.cases().get(1).messages());
    assertEquals(List.of("src/test/resources/review-erroring/missing-rule.test.yaml:14:46: score must be a number "
        + "within [0, 1], found 1.4 (hint: write the model's probability, e.g. \"score\": 0.93)"),
        s.cases().get(2).messages());
  }

  @Test
  void run_expectationsOfAnotherKind_areLocatedSuiteErrorsWithSuggestions() {
    SuiteResult s = suite("review-erroring/wrong-kind.test.yaml");
    assertEquals(Outcome.ERROR, s.outcome());
    List<Problem> ps = s.problems();
    assertEquals(List.of("6:3", "10:9", "11:9"), ps.stream().map(p -> p.line() + ":" + p.column()).toList());
    assertEquals("did you mean \"inference\"? (inference: a JSON file or a mapping)", ps.get(0).hint());
    assertEquals("did you mean \"route\"? (a ReviewPolicy's cases expect: route, rule, reason, proceed, approvers, "
        + "messageContains)", ps.get(1).hint());
    assertEquals("expectation \"triggers\" does not apply to a ReviewPolicy (src/test/resources/review/policy.yaml)",
        ps.get(2).message());
  }

  @Test
  void run_reviewSuiteWithoutCases_fails(@TempDir Path dir) throws IOException {
    Files.copy(RES.resolve("review/policy.yaml"), dir.resolve("policy.yaml"));
    write(dir, "empty.test.yaml", "apiVersion: clinigate/v1", "kind: PolicyTest", "metadata: {name: empty}", "spec:",
        "  policy: policy.yaml", "  inference: {score: 0.5}", "  cases: []");
    SuiteResult s = PolicyTestRunner.runSuite(dir.resolve("empty.test.yaml"));
    assertEquals(Outcome.FAILED, s.outcome());
    assertEquals(List.of("the suite has no cases; a suite that tests nothing cannot pass (add cases under spec.cases)"),
        s.failures());
  }

  @Test
  void coverage_undefinedConditionAndUnreviewedInference_countForNeitherSide(@TempDir Path dir) throws IOException {
    Files.copy(RES.resolve("review/policy.yaml"), dir.resolve("policy.yaml"));
    write(dir, "u.test.yaml",
        "apiVersion: clinigate/v1",
        "kind: PolicyTest",
        "metadata: {name: undefined-age}",
        "spec:",
        "  policy: policy.yaml",
        "  cases:",
        "    - name: an unknown age is not assumed adult",
        "      inference: {encounterId: e-1, score: 0.5}",
        "      expect: {route: BLOCK, rule: child, reason: UNDEFINED_CONDITION, messageContains: \"context[age]\"}");
    TestRun r = PolicyTestRunner.run(List.of(dir.resolve("u.test.yaml")));
    assertEquals(Outcome.PASSED, r.outcome(), r::toText);
    assertEquals(List.of(
        new RuleCoverage("require:encounterId", Optional.empty(), true, false),
        new RuleCoverage("require:score", Optional.empty(), true, false),
        new RuleCoverage("requireWhenReviewed:reviewerId", Optional.empty(), false, false),
        new RuleCoverage("urgent", Optional.empty(), true, false),
        new RuleCoverage("child", Optional.empty(), false, false),
        new RuleCoverage("low", Optional.empty(), false, false),
        new RuleCoverage("default", Optional.empty(), false, false)), r.coverage().get(0).rules());
  }
}
