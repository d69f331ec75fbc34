package dev.clinigate.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.clinigate.cli.Main;
import dev.clinigate.testkit.Coverage;
import dev.clinigate.testkit.Outcome;
import dev.clinigate.testkit.PolicyTestRunner;
import dev.clinigate.testkit.TestRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every sample policy (promotion, rollback and review) ships a PolicyTest suite that passes with full coverage.
 */
class PolicyTestSamplesTest {
  @Test
  void samples_everyPolicyHasAPassingSuite_withFullCoverage() {
    TestRun run = PolicyTestRunner.run(List.of(Path.of(".")));
    assertEquals(Outcome.PASSED, run.outcome(), run::toText);
    assertEquals(List.of(), run.untestedPolicies(), run::toText);
    assertEquals(List.of("audit/policy-v3.yaml", "audit/policy-v4.yaml", "audit/review-policy.yaml",
        "audit/rollback-policy.yaml", "high-risk/base.yaml", "high-risk/policy.yaml",
        "monitoring/policy.yaml", "pima-tribuo/policy.yaml", "pima/policy.yaml", "readmission/policy.yaml",
        "review/policy.yaml"),
        run.coverage().stream().map(Coverage::policyFile).toList());
    assertEquals(List.of("PromotionPolicy", "PromotionPolicy", "ReviewPolicy", "RollbackPolicy", "PromotionPolicy",
        "PromotionPolicy", "RollbackPolicy", "PromotionPolicy", "PromotionPolicy", "PromotionPolicy", "ReviewPolicy"),
        run.coverage().stream().map(c -> c.kind().yamlName()).toList());
    for (Coverage c : run.coverage()) {
      assertEquals(List.of(), c.uncovered(), c::toText);
    }
    // 10 triggers (one a cohort reapprove trigger) and the probation trigger; 6 rules, the default and 6 required
    // fields: two sides each
    assertEquals(22, run.coverage().get(6).totalOutcomes());
    assertEquals(26, run.coverage().get(10).totalOutcomes());
    // the audit samples: 2 rollback triggers; 2 rules, the default and 6 required fields
    assertEquals(4, run.coverage().get(3).totalOutcomes());
    assertEquals(18, run.coverage().get(2).totalOutcomes());
    assertEquals(100.0, run.coveragePercent().orElseThrow(), 0.0);
  }

  @Test
  void samples_cliWithRequireTestsAndFullCoverageBar_exitsZero() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"test", ".", "--require-tests", "--coverage-min", "100"},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true,
            StandardCharsets.UTF_8));
    assertEquals(0, code, out.toString(StandardCharsets.UTF_8));
  }
}
