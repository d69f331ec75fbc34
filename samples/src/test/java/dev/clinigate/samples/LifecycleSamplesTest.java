package dev.clinigate.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.CircuitBreaker;
import dev.clinigate.Inference;
import dev.clinigate.MonitoringWindow;
import dev.clinigate.ReviewOutcome;
import dev.clinigate.ReviewPolicy;
import dev.clinigate.RollbackDecision;
import dev.clinigate.RollbackPolicy;
import dev.clinigate.RollbackVerdict;
import dev.clinigate.Route;
import dev.clinigate.TriggerResult;
import dev.clinigate.dsl.PolicyYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** samples/monitoring (lab-feed schema change) and samples/review (chest X-ray triage). */
class LifecycleSamplesTest {
  private static final Path MONITORING = Path.of("monitoring");
  private static final Path REVIEW = Path.of("review");

  @Test
  void monitoring_labFeedSchemaChange_rollsBackToLastKnownGoodNamingFeatureAndWindows() throws IOException {
    RollbackPolicy policy = PolicyYaml.loadRollback(MONITORING.resolve("policy.yaml"));
    List<MonitoringWindow> windows = MonitoringWindow.parseJsonLines(
        Files.readString(MONITORING.resolve("windows.jsonl"), StandardCharsets.UTF_8), "windows.jsonl");
    RollbackDecision d = policy.evaluate(windows);
    assertEquals(RollbackVerdict.ROLLBACK, d.verdict());
    assertEquals("3.1.0", d.rollbackTo().orElseThrow());
    TriggerResult feed = d.triggers().get(0);
    assertEquals("creatinine-feed", feed.id());
    assertEquals(List.of("2026-05-09T00:00:00Z", "2026-05-10T00:00:00Z"), feed.windows());
    assertTrue(feed.message().startsWith("missing_rate[creatinine] was above the maximum 0.05"), feed.message());
    assertEquals("2026-05-11T00:00:00Z", feed.firedAt().orElseThrow().toString(), "within 2 windows of the change");
    // before the schema change the model holds
    assertEquals(RollbackVerdict.HOLD, policy.evaluate(windows.subList(0, 8)).verdict());
    // a host feeding windows one at a time sees the breaker open on the same window
    CircuitBreaker breaker = policy.newCircuitBreaker();
    for (int i = 0; i < windows.size(); i++) {
      breaker.record(windows.get(i));
      assertEquals(i >= 9, breaker.isOpen(), "window " + i);
    }
  }

  @Test
  void review_sampleInferences_routeAsDocumented() throws IOException {
    ReviewPolicy policy = PolicyYaml.loadReview(REVIEW.resolve("policy.yaml"));
    Inference rejected = Inference.parse(Files.readString(REVIEW.resolve("inference.json"), StandardCharsets.UTF_8),
        "inference.json");
    ReviewOutcome o = policy.route(rejected);
    assertEquals(Route.SECONDARY_REVIEW, o.route());
    assertEquals("urgent-flag-rejected", o.ruleId());
    assertEquals(false, o.proceed());
    List<String> lines = Files.readAllLines(REVIEW.resolve("inferences.jsonl"), StandardCharsets.UTF_8);
    assertEquals(Route.AUTO, policy.route(Inference.parse(lines.get(0), "l1")).route());
    assertEquals(ReviewOutcome.Reason.AWAITING_REVIEW, policy.route(Inference.parse(lines.get(1), "l2")).reason());
    assertEquals(ReviewOutcome.Reason.APPROVED, policy.route(Inference.parse(lines.get(2), "l3")).reason());
    assertEquals("requireWhenReviewed:rationale", policy.route(Inference.parse(lines.get(3), "l4")).ruleId());
    assertEquals("require:encounterId", policy.route(Inference.parse(lines.get(4), "l5")).ruleId());
  }
}
