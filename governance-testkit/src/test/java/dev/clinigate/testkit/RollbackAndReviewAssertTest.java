package dev.clinigate.testkit;

import static dev.clinigate.testkit.DecisionAssert.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.clinigate.Inference;
import dev.clinigate.MonitoringWindow;
import dev.clinigate.ReviewDecision;
import dev.clinigate.ReviewOutcome;
import dev.clinigate.RollbackDecision;
import dev.clinigate.Route;
import dev.clinigate.TriggerStatus;
import dev.clinigate.dsl.PolicyYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class RollbackAndReviewAssertTest {
  private static final Path RES = Path.of("src/test/resources");

  private static RollbackDecision rollback(String lastEce) throws IOException {
    String text = Files.readString(RES.resolve("rollback/windows.jsonl"))
        .replace("\"ece\":0.03,\"auroc\":0.81", "\"ece\":0.09,\"auroc\":0.81")
        .replace("\"ece\":0.04,\"auroc\":0.80,\"override_rate\":0.09", "\"ece\":" + lastEce
            + ",\"auroc\":0.80,\"override_rate\":0.09");
    List<MonitoringWindow> ws = MonitoringWindow.parseJsonLines(text, "windows.jsonl");
    return PolicyYaml.loadRollback(RES.resolve("rollback/policy.yaml")).evaluate(ws, Optional.empty());
  }

  private static ReviewDecision review(String json) {
    return PolicyYaml.loadReview(RES.resolve("review/policy.yaml")).evaluate(Inference.parse(json, "inference.json"));
  }

  private static String firstLine(Throwable t) {
    return t.getMessage().lines().findFirst().orElseThrow();
  }

  @Test
  void assertThat_rollbackDecision_chainsPassingAssertions() throws IOException {
    assertThat(rollback("0.10")).isRollback().rollsBackTo("1.0.0").hasFired("calibration")
        .hasStatus("discrimination", TriggerStatus.PASS)
        .hasMessageContaining("calibration", "in 2 consecutive judged windows");
    assertThat(rollback("0.04")).isHold().hasStatus("calibration", TriggerStatus.PASS);
  }

  @Test
  void assertThat_reapproveAndDisable_checkVerdictAndReason() {
    String policy = "apiVersion: clinigate/v1\nkind: RollbackPolicy\nmetadata: {name: t, version: 1}\nspec:\n"
        + "  lastKnownGood: \"2.0.0\"\n  triggers:\n    - {id: calibration, metric: ece, max: 0.08}\n"
        + "    - {id: east, metric: \"ece[site=east]\", max: 0.1, severity: reapprove}\n";
    String window = "{\"start\":\"2026-03-01T00:00:00Z\",\"end\":\"2026-03-02T00:00:00Z\",\"modelVersion\":\"2.0.0\","
        + "\"metrics\":{\"ece\":ECE,\"ece[site=east]\":0.2}}";
    RollbackDecision reapprove = PolicyYaml.parseRollback(policy, "p.yaml")
        .evaluate(MonitoringWindow.parseJsonLines(window.replace("ECE", "0.03"), "w.jsonl"));
    assertThat(reapprove).isReapprove().hasStatus("east", TriggerStatus.REAPPROVE).hasFired("east");
    RollbackDecision disabled = PolicyYaml.parseRollback(policy, "p.yaml")
        .evaluate(MonitoringWindow.parseJsonLines(window.replace("ECE", "0.12"), "w.jsonl"));
    assertThat(disabled).isDisabled(RollbackDecision.DisableReason.SAME_VERSION).hasFired("calibration", "east");
    assertEquals("expected DISABLE because of NO_LAST_KNOWN_GOOD but it is SAME_VERSION: a rollback is due but the "
        + "last-known-good 2.0.0 is the version now deployed, the one that breaches.", firstLine(assertThrows(
            AssertionFailedError.class, () -> assertThat(disabled).isDisabled(
                RollbackDecision.DisableReason.NO_LAST_KNOWN_GOOD))));
    assertEquals("expected verdict DISABLE but was REAPPROVE", firstLine(assertThrows(AssertionFailedError.class,
        () -> assertThat(reapprove).isDisabled(RollbackDecision.DisableReason.SAME_VERSION))));
  }

  @Test
  void assertThat_rollbackDecision_failsNamingExpectedAndActual() throws IOException {
    RollbackDecision hold = rollback("0.04");
    assertEquals("expected verdict ROLLBACK but was HOLD",
        firstLine(assertThrows(AssertionFailedError.class, () -> assertThat(hold).isRollback())));
    assertEquals("expected a rollback to 1.0.0 but was none (HOLD)",
        firstLine(assertThrows(AssertionFailedError.class, () -> assertThat(hold).rollsBackTo("1.0.0"))));
    assertEquals("calibration: expected it to fire but its status is PASS: ece is 0.04 in the latest judged window "
        + "(2026-05-04T00:00:00Z); 0 consecutive breaching windows of the 2 that fire.",
        firstLine(assertThrows(AssertionFailedError.class, () -> assertThat(hold).hasFired("calibration"))));
    assertEquals("the decision has no result for trigger \"calibraton\"; its triggers: [calibration, discrimination, "
        + "overrides]", firstLine(assertThrows(AssertionFailedError.class,
            () -> assertThat(hold).hasStatus("calibraton", TriggerStatus.PASS))));
    AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> assertThat(hold).isInconclusive());
    assertEquals("HOLD: fixture-rollback v1 (RollbackPolicy)", e.getMessage().lines().skip(2).findFirst()
        .orElseThrow());
  }

  @Test
  void assertThat_reviewDecision_chainsAndFails() {
    ReviewDecision urgent = review("{\"encounterId\": \"e-1\", \"score\": 0.9, \"context\": {\"age\": 40}}");
    assertThat(urgent).hasRoute(Route.REVIEW).isDecidedBy("urgent").hasReason(ReviewOutcome.Reason.AWAITING_REVIEW)
        .mayNotProceed().hasMessageContaining("a radiologist must approve");
    assertThat(review("{\"encounterId\": \"e-1\", \"score\": 0.05, \"context\": {\"age\": 40}}"))
        .hasRoute(Route.AUTO).isDecidedBy("low").mayProceed();
    assertEquals("expected route BLOCK but was REVIEW",
        firstLine(assertThrows(AssertionFailedError.class, () -> assertThat(urgent).hasRoute(Route.BLOCK))));
    assertEquals("expected child to decide but urgent decided",
        firstLine(assertThrows(AssertionFailedError.class, () -> assertThat(urgent).isDecidedBy("child"))));
    assertEquals("expected the action to proceed but it may not",
        firstLine(assertThrows(AssertionFailedError.class, () -> assertThat(urgent).mayProceed())));
    assertEquals("expected reason APPROVED but was AWAITING_REVIEW", firstLine(assertThrows(AssertionFailedError.class,
        () -> assertThat(urgent).hasReason(ReviewOutcome.Reason.APPROVED))));
  }
}
