package dev.clinigate.reports.card;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.clinigate.Decision;
import dev.clinigate.EvaluationOptions;
import dev.clinigate.Evidence;
import dev.clinigate.PolicyException;
import dev.clinigate.PromotionPolicy;
import dev.clinigate.RuleResult;
import dev.clinigate.Status;
import dev.clinigate.Verdict;
import dev.clinigate.dsl.PolicyYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code requires.modelCard}: a policy blocks promotion until the supplied card is complete and true to the evidence. */
class ModelCardRequirementTest {
  private static final Path DIR = Path.of("src/test/resources/cards");

  private static final String POLICY = """
      apiVersion: clinigate/v1
      kind: PromotionPolicy
      metadata: {name: sepsis-watch, version: 1, riskTier: medium, owner: governance}
      spec:
        gates:
          - {id: discrimination, metric: auroc, min: 0.75}
        requires:
          modelCard: {standard: STANDARD}
      """;

  private static PromotionPolicy policy(String standard) {
    return PolicyYaml.parsePromotion(POLICY.replace("STANDARD", standard), "policy.yaml");
  }

  private static String card() throws IOException {
    return Files.readString(DIR.resolve("complete.card.yaml"), StandardCharsets.UTF_8);
  }

  private static Evidence evidence() throws IOException {
    return Evidence.parse(Files.readString(DIR.resolve("evidence.json"), StandardCharsets.UTF_8), "evidence.json");
  }

  private static RuleResult rule(Decision d) {
    return d.rules().stream().filter(r -> r.id().equals("requires.modelCard")).findFirst().orElseThrow();
  }

  @Test
  void noCardSupplied_isMissing_andBlocks() throws IOException {
    Decision d = policy("hti1-dsi-2024").evaluate(evidence(), EvaluationOptions.none());
    RuleResult r = rule(d);
    assertEquals(Status.MISSING, r.status());
    assertEquals("No model card was supplied to check against hti1-dsi-2024; the rule fails closed.", r.message());
    assertEquals("standard=hti1-dsi-2024", r.subject().orElseThrow());
    assertEquals(Verdict.NO_GO, d.verdict());
  }

  @Test
  void completeCard_passes() throws IOException {
    Decision d = policy("hti1-dsi-2024").evaluate(evidence(),
        EvaluationOptions.none().withModelCard(ModelCard.parse(card(), "card.yaml")));
    assertEquals(Status.PASS, rule(d).status());
    assertEquals("Model card card.yaml is complete for hti1-dsi-2024 and its numbers equal the evidence.",
        rule(d).message());
    assertEquals(Verdict.GO, d.verdict());
  }

  @Test
  void staleOrIncompleteCard_fails_namingTheItems() throws IOException {
    String text = card().replace("value: 0.81}", "value: 0.85}").replace(
        "    party: Riverside clinical informatics (independent of the developers).\n", "");
    Decision d = policy("hti1-dsi-2024").evaluate(evidence(),
        EvaluationOptions.none().withModelCard(ModelCard.parse(text, "card.yaml")));
    RuleResult r = rule(d);
    assertEquals(Status.FAIL, r.status());
    assertEquals("Model card card.yaml is incomplete for hti1-dsi-2024 (2 items): 18 Party that conducted the external "
        + "testing (missing: externalValidation.party is not written); 21 Validity in test data from the same source "
        + "(stale: keyMetrics.usefulness[0] (auroc, internal): the card says 0.85, the evidence 0.812 (metrics.auroc)).",
        r.message());
    assertEquals(Verdict.NO_GO, d.verdict());
  }

  @Test
  void cardOtherThanTheOneTheEvidenceRecords_fails() throws IOException {
    Evidence e = Evidence.of(dev.clinigate.json.JsonObject.builder().put("artifacts", dev.clinigate.json.JsonObject
        .builder().put("modelCard", dev.clinigate.json.JsonObject.builder().put("uri", "card.yaml")
            .put("sha256", "a".repeat(64)).build()).build()).build());
    Decision d = policy("chai-model-card-0.2").evaluate(e,
        EvaluationOptions.none().withModelCard(ModelCard.parse(card(), "card.yaml")));
    ModelCard c = ModelCard.parse(card(), "card.yaml");
    assertEquals("Model card card.yaml is not the card the evidence records: it hashes to "
        + c.sha256().substring(0, 12) + ", artifacts.modelCard.sha256 says aaaaaaaaaaaa.", rule(d).message());
    assertEquals(Status.FAIL, rule(d).status());
  }

  @Test
  void unknownStandard_fails_namingTheShippedOnes() throws IOException {
    Decision d = policy("hti1-dsi-2025").evaluate(evidence(),
        EvaluationOptions.none().withModelCard(ModelCard.parse(card(), "card.yaml")));
    assertEquals(Status.FAIL, rule(d).status());
    assertEquals("Model card card.yaml cannot be checked: unknown standard \"hti1-dsi-2025\" (shipped: "
        + "chai-model-card-0.2, hti1-dsi-2024, tripod-ai-2024).", rule(d).message());
  }

  @Test
  void canonicalPolicy_keepsTheRequirement_soItsHashAndReplayDo() {
    PromotionPolicy p = policy("hti1-dsi-2024");
    assertEquals("{\"enforcement\":\"mandatory\",\"modelCard\":{\"standard\":\"hti1-dsi-2024\"}}",
        dev.clinigate.json.Json.canonical(((dev.clinigate.json.JsonObject) p.toJson().members().get("spec")).members()
            .get("requires")));
    PromotionPolicy replayed = PolicyYaml.parsePromotion(dev.clinigate.json.Json.pretty(p.toJson()), "canonical.json");
    assertEquals(p.sha256(), replayed.sha256());
    assertEquals(p.requires(), replayed.requires());
    assertEquals(false, p.sha256().equals(policy("chai-model-card-0.2").sha256()));
  }

  @Test
  void policySchema_requiresAStandardId() {
    PolicyException e = assertThrows(PolicyException.class, () -> PolicyYaml.parsePromotion(
        POLICY.replace("{standard: STANDARD}", "{standrd: hti1-dsi-2024}"), "policy.yaml"));
    assertEquals(List.of("policy.yaml:8:16: missing required key \"standard\" in modelCard",
        "policy.yaml:8:17: unknown key \"standrd\""),
        e.problems().stream().map(p -> p.location() + ": " + p.message()).toList());
  }
}
