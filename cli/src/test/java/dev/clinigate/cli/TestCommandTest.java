package dev.clinigate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCommandTest {
  private static final Path SUITES = Path.of("../governance-reports/src/test/resources/reports/test/suites");

  private static Path passingCopy(Path dir) throws IOException {
    Files.copy(SUITES.resolve("policy.yaml"), dir.resolve("policy.yaml"));
    Files.copy(SUITES.resolve("evidence.json"), dir.resolve("evidence.json"));
    Files.writeString(dir.resolve("ok.test.yaml"), String.join("\n",
        "apiVersion: clinigate/v1",
        "kind: PolicyTest",
        "metadata: {name: ok}",
        "spec:",
        "  policy: policy.yaml",
        "  evidence: evidence.json",
        "  cases:",
        "    - name: base is GO",
        "      expect: {verdict: GO}",
        "    - name: weak auroc blocks",
        "      patch: [{op: replace, path: /metrics/auroc, value: 0.7}]",
        "      expect: {verdict: NO_GO, rules: [{id: discrimination, status: FAIL}]}",
        ""));
    return dir;
  }

  @Test
  void test_passingSuite_exitsZeroWithCoverage(@TempDir Path dir) throws IOException {
    CliRunner r = CliRunner.run("test", passingCopy(dir).toString());
    assertEquals(0, r.exit(), r.err() + r.out());
    assertTrue(r.out().contains("1 suites, 2 cases: 2 passed, 0 failed, 0 errors"), r.out());
    assertTrue(r.out().contains("coverage fixture (" + dir.resolve("policy.yaml") + "): 60.0% (6 of 10 outcomes)"),
        r.out());
  }

  @Test
  void test_coverageBelowMinimum_exitsOne(@TempDir Path dir) throws IOException {
    CliRunner r = CliRunner.run("test", passingCopy(dir).toString(), "--coverage-min", "90");
    assertEquals(1, r.exit());
    assertTrue(r.out().endsWith("FAIL " + dir.resolve("policy.yaml") + ": coverage 60.0% is below the minimum 90%\n"),
        r.out());
  }

  @Test
  void test_requireTests_failsOnAPolicyWithoutSuite(@TempDir Path dir) throws IOException {
    passingCopy(dir);
    Files.copy(SUITES.resolve("policy.yaml"), dir.resolve("other.yaml"));
    assertEquals(0, CliRunner.run("test", dir.toString()).exit());
    CliRunner r = CliRunner.run("test", dir.toString(), "--require-tests");
    assertEquals(1, r.exit());
    assertTrue(r.out().contains("FAIL " + dir.resolve("other.yaml") + ": no PolicyTest suite tests this policy "
        + "(--require-tests)"), r.out());
  }

  @Test
  void test_suiteInError_exitsTwo_andJunitReportsTheError() {
    CliRunner r = CliRunner.run("test", SUITES.toString(), "--format", "junit");
    assertEquals(2, r.exit());
    assertTrue(r.out().contains("<error message=\"rule &quot;calibraton&quot; does not exist in policy fixture"),
        r.out());
  }

  @Test
  void test_reviewSuite_passesAndReportsReviewCoverage(@TempDir Path dir) throws IOException {
    Path review = Path.of("../governance-reports/src/test/resources/reports/test-review/suites");
    Files.copy(review.resolve("policy.yaml"), dir.resolve("policy.yaml"));
    Files.copy(review.resolve("inference.json"), dir.resolve("inference.json"));
    Files.writeString(dir.resolve("ok.test.yaml"), String.join("\n",
        "apiVersion: clinigate/v1",
        "kind: PolicyTest",
        "metadata: {name: ok}",
        "spec:",
        "  policy: policy.yaml",
        "  inference: inference.json",
        "  cases:",
        "    - name: urgent waits for a radiologist",
        "      expect: {route: REVIEW, rule: urgent, proceed: false}",
        ""));
    CliRunner r = CliRunner.run("test", dir.toString(), "--coverage-min", "50");
    assertEquals(1, r.exit(), r.err() + r.out());
    assertTrue(r.out().contains("1 suites, 1 cases: 1 passed, 0 failed, 0 errors"), r.out());
    assertTrue(r.out().contains("  uncovered  child: never evaluated to matched nor to not matched\n"), r.out());
    assertTrue(r.out().endsWith("FAIL " + dir.resolve("policy.yaml") + ": coverage 28.6% is below the minimum 50%\n"),
        r.out());
    CliRunner json = CliRunner.run("test", dir.toString(), "--format", "json");
    assertEquals(0, json.exit(), json.err());
    assertTrue(json.out().contains("\"kind\": \"ReviewPolicy\""), json.out());
    assertTrue(json.out().contains("\"verdict\": \"REVIEW\""), json.out());
  }

  @Test
  void test_requireTests_countsRollbackAndReviewPolicies(@TempDir Path dir) throws IOException {
    passingCopy(dir);
    Files.copy(Path.of("../governance-reports/src/test/resources/reports/test-rollback/suites/policy.yaml"), dir.resolve("rollback.yaml"));
    Files.copy(Path.of("../governance-reports/src/test/resources/reports/test-review/suites/policy.yaml"), dir.resolve("review.yaml"));
    CliRunner r = CliRunner.run("test", dir.toString(), "--require-tests");
    assertEquals(1, r.exit());
    assertTrue(r.out().contains("FAIL " + dir.resolve("review.yaml") + ": no PolicyTest suite tests this policy "
        + "(--require-tests)\nFAIL " + dir.resolve("rollback.yaml") + ": no PolicyTest suite tests this policy "
        + "(--require-tests)"), r.out());
  }

  @Test
  void test_rollbackSuiteInError_exitsTwo() {
    CliRunner r = CliRunner.run("test", "../governance-reports/src/test/resources/reports/test-rollback/suites");
    assertEquals(2, r.exit());
    assertTrue(r.out().contains("trigger \"calibraton\" does not exist in policy fixture-rollback"), r.out());
  }

  @Test
  void test_missingPath_exitsTwoWithTheErrorFormat() {
    CliRunner r = CliRunner.run("test", "no/such/dir");
    assertEquals(2, r.exit());
    assertEquals("ERROR: no/such/dir: no such file or directory\nhint: give PolicyTest suite files or directories "
        + "that contain them\n", r.err());
  }

  @Test
  void test_coverageMinOutOfRange_isAUsageError(@TempDir Path dir) throws IOException {
    CliRunner r = CliRunner.run("test", passingCopy(dir).toString(), "--coverage-min", "120");
    assertEquals(2, r.exit());
    assertEquals("ERROR: --coverage-min: must be within [0, 100], found 120\n"
        + "hint: a percentage of rules driven to both sides, e.g. --coverage-min 100\n", r.err());
  }
}
