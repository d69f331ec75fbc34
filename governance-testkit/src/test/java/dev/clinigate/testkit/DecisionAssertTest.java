package dev.clinigate.testkit;

import static dev.clinigate.testkit.DecisionAssert.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.clinigate.Decision;
import dev.clinigate.Evidence;
import dev.clinigate.Status;
import dev.clinigate.dsl.EvidenceFiles;
import dev.clinigate.dsl.PolicyYaml;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class DecisionAssertTest {
  private static Decision decision(String eastEce) {
    Evidence base = EvidenceFiles.load(Path.of("src/test/resources/fixture/evidence.json"));
    String json = dev.clinigate.json.Json.compact(base.json()).replace("\"ece\":0.05", "\"ece\":" + eastEce);
    return PolicyYaml.loadPromotion(Path.of("src/test/resources/fixture/policy.yaml"))
        .evaluate(Evidence.parse(json, "evidence.json"));
  }

  @Test
  void assertThat_noGoDecision_chainsPassingAssertions() {
    assertThat(decision("0.09")).isNoGo()
        .hasFailed("subgroup-calibration", "site=east")
        .hasPassed("subgroup-calibration", "site=west")
        .hasPassed("discrimination")
        .hasStatus("alert-burden", Status.PASS)
        .hasMessageContaining("subgroup-calibration", "site=east", "above the maximum 0.08")
        .isBlockedOnlyBy("subgroup-calibration");
  }

  @Test
  void assertThat_wrongVerdict_failsWithExplanation() {
    AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> assertThat(decision("0.09")).isGo());
    assertEquals("expected verdict GO but was NO_GO", e.getMessage().lines().findFirst().orElseThrow());
    assertEquals("NO_GO: fixture v1 (PromotionPolicy), 1 blocking result", e.getMessage().lines().skip(2).findFirst()
        .orElseThrow());
  }

  @Test
  void assertThat_wrongStatusOrSubject_failsNamingBoth() {
    Decision d = decision("0.05");
    assertEquals("subgroup-calibration [site=east]: expected status FAIL but was PASS: ECE for site=east is 0.05, "
        + "at or below the maximum 0.08 (n=500).", assertThrows(AssertionFailedError.class,
            () -> assertThat(d).hasFailed("subgroup-calibration", "site=east")).getMessage().lines().findFirst()
        .orElseThrow());
    assertEquals("rule subgroup-calibration has no result for subject site=south; its subjects: [site=east, "
        + "site=west]", assertThrows(AssertionFailedError.class,
            () -> assertThat(d).hasPassed("subgroup-calibration", "site=south")).getMessage().lines().findFirst()
        .orElseThrow());
    assertEquals("the decision has no result for rule \"calibraton\"; its rules: [discrimination, calibration, "
        + "subgroup-calibration, alert-burden]", assertThrows(AssertionFailedError.class,
            () -> assertThat(d).hasPassed("calibraton")).getMessage().lines().findFirst().orElseThrow());
  }
}
