package dev.clinigate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The governance value types, their validation, and evaluation through the Java API. */
class GovernanceModelTest {
  private static final PolicyMetadata HIGH = new PolicyMetadata("p", "1", Optional.of("high"), Optional.empty());
  private static final Rule AUROC = new MetricRule("discrimination", MetricRef.parse("auroc"), Bounds.atLeast(0.75),
      Optional.empty(), Optional.empty(), Enforcement.MANDATORY, false);

  @Test
  void subjectSha256_ignoresApprovalsAndWaiversOnly() {
    Evidence plain = Evidence.builder().n(100).metric("auroc", 0.8).build();
    Evidence signed = Evidence.builder().n(100).metric("auroc", 0.8)
        .put("approvals", JsonArray.of(JsonObject.builder().put("principal", "bob").build()))
        .put("waivers", new JsonArray(List.of())).build();
    Evidence other = Evidence.builder().n(101).metric("auroc", 0.8).build();
    assertEquals(plain.sha256(), plain.subjectSha256());
    assertEquals(plain.subjectSha256(), signed.subjectSha256());
    assertNotEquals(plain.sha256(), signed.sha256());
    assertNotEquals(plain.subjectSha256(), other.subjectSha256());
  }

  @Test
  void evidenceShape_governanceContainersAreStrict() {
    EvidenceException e = assertThrows(EvidenceException.class, () -> Evidence.parse(
        "{\"approvals\": {\"bob\": 1},\n \"waivers\": [1],\n \"artifacts\": {\"modelCard\": \"s3://x\"},\n"
            + " \"deployment\": {\"shadow\": []}, \"stage\": \"production\"}", "e.json"));
    assertEquals(List.of(
        "approvals must be an array of approvals, e.g. [{\"principal\": \"bob\", \"role\": \"compliance\", "
            + "\"decision\": \"approve\", ...}], found an object",
        "waivers[0] must be a waiver object, found a number",
        "modelCard must be an object with uri and sha256, found a string",
        "shadow must be an object, e.g. {\"days\": 30, \"cases\": 4100, \"agreement\": 0.94}, found an array",
        "stage must be an object, e.g. {\"current\": \"staging\", \"target\": \"production\"}, found a string"),
        e.problems().stream().map(Problem::message).toList());
    assertEquals(3, e.problems().get(2).line());
  }

  @Test
  void transition_validatesStagesAndDirection() {
    assertEquals(4, new Transition("staging", "production").indexOf("PRODUCTION"));
    assertEquals("a promotion must move forward, but staging does not come after production in [development, "
        + "staging, shadow, canary, production]", assertThrows(IllegalArgumentException.class,
            () -> new Transition("production", "staging")).getMessage());
    assertEquals("stages list \"Live\" twice", assertThrows(IllegalArgumentException.class,
        () -> new Transition("a", "live", List.of("a", "live", "Live"))).getMessage());
    assertEquals("transition to \"prod\" is not one of the stages [development, staging, shadow, canary, production]",
        assertThrows(IllegalArgumentException.class, () -> new Transition("staging", "prod")).getMessage());
  }

  @Test
  void riskTier_highFloorsAreEnforcedInJavaToo() {
    PromotionPolicy.Builder b = PromotionPolicy.builder(HIGH).rules(List.of(AUROC));
    assertEquals("a high-risk policy requires separationOfDuties: true", assertThrows(IllegalArgumentException.class,
        () -> b.approvals(Optional.of(new Approvals(List.of("a", "b"), 2, false, Optional.empty()))).build())
        .getMessage());
    assertEquals("a high-risk policy needs minApprovers of at least 2, found 1", assertThrows(
        IllegalArgumentException.class, () -> b.approvals(Optional.of(new Approvals(List.of("a"), 1, true,
            Optional.empty()))).build()).getMessage());
    assertEquals(Duration.ofDays(30), RiskTier.HIGH.defaultMaxWaiver());
    assertEquals(Enforcement.HARD, RiskTier.HIGH.defaultRequirementEnforcement());
    assertEquals(RiskTier.MEDIUM, RiskTier.of(new PolicyMetadata("p", "1", Optional.empty(), Optional.empty())));
  }

  @Test
  void waiverGrants_forHardOrUnknownRules_rejected() {
    Rule hard = new MetricRule("calibration", MetricRef.parse("ece"), Bounds.atMost(0.05), Optional.empty(),
        Optional.empty(), Enforcement.HARD, false);
    PromotionPolicy.Builder b = PromotionPolicy.builder(HIGH).rules(List.of(AUROC, hard));
    assertEquals("waivers.allow lets cso waive \"calibration\", but rule calibration is hard and can never be waived",
        assertThrows(IllegalArgumentException.class, () -> b.waivers(Optional.of(new WaiverPolicy(Duration.ofDays(30),
            List.of(new WaiverPolicy.Grant("cso", List.of("calibration")))))).build()).getMessage());
    assertEquals("waivers.allow lets cso waive \"approvals\", but approvals can never be waived",
        assertThrows(IllegalArgumentException.class, () -> b.waivers(Optional.of(new WaiverPolicy(Duration.ofDays(30),
            List.of(new WaiverPolicy.Grant("cso", List.of("approvals")))))).build()).getMessage());
    PromotionPolicy ok = b.waivers(Optional.of(new WaiverPolicy(Duration.ofDays(30),
        List.of(new WaiverPolicy.Grant("cso", List.of("*")))))).build();
    assertEquals(Optional.of("the policy has no rule \"nope\""), ok.unwaivable("nope"));
    assertEquals(Optional.empty(), ok.unwaivable("discrimination"));
  }

  @Test
  void gateIds_reservedForTheGovernanceChecks() {
    assertEquals("the id \"requires.dataset\" is reserved for the policy's own checks", assertThrows(
        IllegalArgumentException.class, () -> new ConditionRule("requires.dataset", Condition.parse("n > 1"),
            Enforcement.MANDATORY)).getMessage());
  }

  @Test
  void nonInferiority_rejectsSubgroupsAndBounds() {
    BaselineComparison ni = new BaselineComparison("production", BaselineComparison.Measure.NON_INFERIORITY_MARGIN,
        0.01);
    assertEquals("rule r: nonInferiorityMargin reads the whole-set comparison and takes no 'by'", assertThrows(
        IllegalArgumentException.class, () -> new MetricRule("r", MetricRef.parse("auroc"), Bounds.none(),
            Optional.of(new Subgroups(List.of("site"), OptionalLong.empty())), Optional.of(ni), Enforcement.MANDATORY,
            false)).getMessage());
    assertEquals("rule r: nonInferiorityMargin cannot be combined with min, max or between", assertThrows(
        IllegalArgumentException.class, () -> new MetricRule("r", MetricRef.parse("auroc"), Bounds.atLeast(0.7),
            Optional.empty(), Optional.of(ni), Enforcement.MANDATORY, false)).getMessage());
  }

  @Test
  void evaluate_javaBuiltPolicyWithEverything_goAtTheGivenInstant() {
    Instant at = Instant.parse("2026-03-01T00:00:00Z");
    PromotionPolicy policy = PromotionPolicy.builder(HIGH)
        .transition(Optional.of(new Transition("staging", "production")))
        .rules(List.of(AUROC, new ConditionRule("custom", Condition.parse("auroc >= 0.78 || n >= 5000"),
            Enforcement.MANDATORY)))
        .requires(new Requirements(List.of(), Optional.of(new Requirements.Dataset(List.of("gold.*"))), List.of(),
            Optional.of(new Requirements.Shadow(28, 1000, OptionalDouble.empty())), Optional.empty(), Enforcement.HARD))
        .approvals(Optional.of(new Approvals(List.of("lead", "champion"), 2, true, Optional.of(Duration.ofDays(90)))))
        .build();
    Evidence unsigned = Evidence.builder().n(40_000).metric("auroc", 0.8)
        .put("stage", JsonObject.builder().put("current", "staging").put("target", "production").build())
        .put("dataset", JsonObject.builder().put("id", "gold.readmission").put("version", "7").build())
        .put("deployment", JsonObject.builder().put("shadow", JsonObject.builder().put("days", 30).put("cases", 2000)
            .build()).build())
        .put("model", JsonObject.builder().put("author", "alice").build()).build();
    String sha = unsigned.subjectSha256();
    JsonObject.Builder e = JsonObject.builder();
    unsigned.json().members().forEach(e::put);
    e.put("approvals", JsonArray.of(approval("bob", "lead", sha), approval("carol", "champion", sha)));
    Decision d = policy.evaluate(Evidence.of(e.build()), EvaluationOptions.at(at));
    assertTrue(d.isGo(), d.explain());
    assertEquals(Optional.of(at), d.evaluatedAt());
    assertFalse(d.waived());
    assertEquals(List.of("stage", "discrimination", "custom", "requires.dataset", "requires.shadow", "approval:lead",
        "approval:champion", "approvals"), d.rules().stream().map(RuleResult::id).toList());
    assertEquals("hard", d.rules().get(3).enforcement().yamlName());
  }

  private static JsonObject approval(String who, String role, String sha) {
    return JsonObject.builder().put("principal", who).put("role", role).put("decision", "approve")
        .put("rationale", "ok").put("timestamp", "2026-02-20T00:00:00Z").put("evidenceSha256", sha).build();
  }

  @Test
  void artifactVerifier_directory_hashesTheUrisFileName(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("card.md"), "abc", StandardCharsets.UTF_8);
    ArtifactVerifier v = ArtifactVerifier.directory(dir);
    assertEquals(Optional.of("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        v.sha256("modelCard", "s3://bucket/models/card.md?versionId=3#top").sha256());
    assertEquals("file other.md not found in " + dir, v.sha256("x", "https://h/other.md").problem());
    assertEquals("its uri s3://bucket/ names no file", v.sha256("x", "s3://bucket/").problem());
    assertEquals("card.md", ArtifactVerifier.fileName("C:\\models\\card.md"));
  }

  @Test
  void durations_parseFormatDescribe() {
    assertEquals(Optional.of(Duration.ofDays(30)), Durations.parse("30d"));
    assertEquals(Optional.of(Duration.ofHours(36)), Durations.parse("36h"));
    assertEquals(Optional.of(Duration.ofDays(14)), Durations.parse("2w"));
    assertEquals(Optional.of(Duration.ofSeconds(45)), Durations.parse("45s"));
    assertEquals(Optional.of(Duration.ZERO), Durations.parse("0m"));
    assertEquals(Optional.empty(), Durations.parse("P30D"));
    assertEquals(Optional.empty(), Durations.parse("1.5h"));
    assertEquals(Optional.empty(), Durations.parse("2y"));
    assertEquals(Optional.empty(), Durations.parse("1234567890d"));
    assertEquals("7d", Durations.format(Duration.ofDays(7)));
    assertEquals("90m", Durations.format(Duration.ofMinutes(90)));
    assertEquals("45s", Durations.format(Duration.ofSeconds(45)));
    assertEquals("30d", Durations.format(Duration.ofDays(30)));
    assertEquals("36h", Durations.format(Duration.ofHours(36)));
    assertEquals("1 day 12 hours", Durations.describe(Duration.ofHours(36)));
    assertEquals("59 days", Durations.describe(Duration.ofDays(59)));
    assertEquals("45 minutes", Durations.describe(Duration.ofMinutes(45)));
  }
}
