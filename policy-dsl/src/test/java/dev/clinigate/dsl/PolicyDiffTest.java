package dev.clinigate.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.PromotionPolicy;
import dev.clinigate.dsl.PolicyYaml;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The diff is generic over keys: it classifies the keys the policy language is gaining (approvals, waivers,
 * requires, maxRelativeDrop, nonInferiorityMargin, when) from their names and places, and flags what it cannot
 * classify for review. These documents are canonical-policy-shaped JSON, not yet loadable by this version.
 */
class PolicyDiffTest {
  private static JsonObject doc(String spec) {
    return (JsonObject) Json.parse("{\"apiVersion\":\"clinigate/v1\",\"kind\":\"PromotionPolicy\","
        + "\"metadata\":{\"name\":\"p\",\"version\":1},\"spec\":" + spec + "}", "doc").root();
  }

  private static List<String> lines(PolicyDiff d) {
    return d.changes().stream().map(c -> c.label() + " " + c.path() + " " + c.values() + " | " + c.reason()).toList();
  }

  @Test
  void diff_noRiskTierAgainstMedium_noChangeAndSameHash() {
    String yaml = "apiVersion: clinigate/v1\nkind: PromotionPolicy\nmetadata: {name: p, version: 1%s}\n"
        + "spec:\n  gates:\n    - {id: calibration, metric: ece, max: 0.05}\n";
    PromotionPolicy implicit = PolicyYaml.parsePromotion(String.format(yaml, ""), "a.yaml");
    PromotionPolicy medium = PolicyYaml.parsePromotion(String.format(yaml, ", riskTier: medium"), "b.yaml");
    PromotionPolicy high = PolicyYaml.parsePromotion(String.format(yaml, ", riskTier: high"), "c.yaml");
    assertEquals(medium.sha256(), implicit.sha256());
    assertEquals(List.of(), lines(PolicyDiff.between(implicit, medium)));
    // a raw document without riskTier is read as medium too
    JsonObject raw = doc("{\"gates\":[]}");
    JsonObject rawMedium = (JsonObject) Json.parse("{\"apiVersion\":\"clinigate/v1\",\"kind\":\"PromotionPolicy\","
        + "\"metadata\":{\"name\":\"p\",\"version\":1,\"riskTier\":\"medium\"},\"spec\":{\"gates\":[]}}", "doc").root();
    assertEquals(List.of(), lines(PolicyDiff.between(raw, rawMedium)));
    assertEquals(List.of("TIGHTENING metadata.riskTier \"medium\" -> \"high\" | a higher risk tier brings stricter defaults"),
        lines(PolicyDiff.between(implicit, high)).stream().filter(l -> l.contains("riskTier")).toList());
  }

  @Test
  void diff_expectedGroups_addingTightensRemovingLoosens() {
    PolicyDiff d = PolicyDiff.between(doc("{\"gates\":[],\"expectedGroups\":{\"site\":[\"east\",\"west\"]}}"),
        doc("{\"gates\":[],\"expectedGroups\":{\"site\":[\"east\",\"north\"],\"sex\":[\"F\"]}}"));
    assertEquals(List.of(
        "TIGHTENING expectedGroups.site (none) -> \"north\" | a new expected group (its absence blocks)",
        "LOOSENING expectedGroups.site \"west\" -> (none) | an expected group removed",
        "TIGHTENING expectedGroups.sex (none) -> \"F\" | a new expected group (its absence blocks)"), lines(d));
  }

  @Test
  void diff_futureGovernanceKeys_classifiedByNameAndPlace() {
    JsonObject before = doc("{\"gates\":["
        + "{\"id\":\"ni\",\"metric\":\"auroc\",\"baseline\":\"production\",\"nonInferiorityMargin\":0.02,\"enforcement\":\"mandatory\"},"
        + "{\"id\":\"rel\",\"metric\":\"auroc\",\"baseline\":\"production\",\"maxRelativeDrop\":0.05,\"enforcement\":\"mandatory\"},"
        + "{\"id\":\"custom\",\"when\":\"auroc >= 0.78\",\"enforcement\":\"mandatory\"}],"
        + "\"requires\":{\"artifacts\":[\"modelCard\"],\"dataset\":{\"approvedSources\":[\"gold.readmission.*\"]},"
        + "\"shadow\":{\"minDays\":28,\"minCases\":2000}},"
        + "\"approvals\":{\"roles\":[\"data-science-lead\",\"compliance\"],\"minApprovers\":2,\"separationOfDuties\":true},"
        + "\"waivers\":{\"maxDuration\":\"30d\",\"allow\":[{\"role\":\"clinical-safety-officer\","
        + "\"rules\":[\"subgroup-calibration\"]}]}}");
    JsonObject after = doc("{\"gates\":["
        + "{\"id\":\"ni\",\"metric\":\"auroc\",\"baseline\":\"production\",\"nonInferiorityMargin\":0.01,\"enforcement\":\"mandatory\"},"
        + "{\"id\":\"rel\",\"metric\":\"auroc\",\"baseline\":\"production\",\"maxRelativeDrop\":0.08,\"enforcement\":\"mandatory\"},"
        + "{\"id\":\"custom\",\"when\":\"auroc >= 0.80\",\"enforcement\":\"mandatory\"}],"
        + "\"requires\":{\"artifacts\":[\"modelCard\",\"validationReport\"],\"dataset\":{\"approvedSources\":"
        + "[\"gold.readmission.*\",\"silver.*\"]},\"shadow\":{\"minDays\":14,\"minCases\":2000},"
        + "\"canary\":{\"maxTrafficPercent\":5}},"
        + "\"approvals\":{\"roles\":[\"data-science-lead\",\"compliance\",\"clinical-champion\"],\"minApprovers\":2,"
        + "\"separationOfDuties\":false},"
        + "\"waivers\":{\"maxDuration\":\"90d\",\"allow\":[{\"role\":\"clinical-safety-officer\","
        + "\"rules\":[\"subgroup-calibration\",\"calibration\"]},{\"role\":\"cmio\",\"rules\":[\"calibration\"]}]},"
        + "\"escalation\":\"pager\"}");
    PolicyDiff d = PolicyDiff.between(before, after);
    assertEquals(List.of(
        "TIGHTENING gates[ni].nonInferiorityMargin 0.02 -> 0.01 | a lower nonInferiorityMargin is stricter",
        "LOOSENING gates[rel].maxRelativeDrop 0.05 -> 0.08 | a higher maxRelativeDrop is looser",
        "NEUTRAL (review) gates[custom].when \"auroc >= 0.78\" -> \"auroc >= 0.80\" | a changed condition: its effect "
            + "cannot be classified; review by hand",
        "TIGHTENING requires.artifacts (none) -> \"validationReport\" | a new required artifact",
        "LOOSENING requires.dataset.approvedSources (none) -> \"silver.*\" | a new allowance (source)",
        "LOOSENING requires.shadow.minDays 28 -> 14 | a lower minDays is looser",
        "TIGHTENING requires.canary.maxTrafficPercent (none) -> 5 | a new maxTrafficPercent bound",
        "TIGHTENING approvals.roles (none) -> \"clinical-champion\" | a new required role",
        "LOOSENING approvals.separationOfDuties true -> false | separationOfDuties switched off",
        "LOOSENING waivers.maxDuration \"30d\" -> \"90d\" | a higher maxDuration is looser",
        "LOOSENING waivers.allow[clinical-safety-officer].rules (none) -> \"calibration\" | a new allowance (rules)",
        "LOOSENING waivers.allow[cmio] (none) -> {\"role\":\"cmio\",\"rules\":[\"calibration\"]} | a new allowance (allow)",
        "NEUTRAL (review) escalation (none) -> \"pager\" | unknown key \"escalation\": its effect cannot be classified; "
            + "review by hand"), lines(d));
    assertTrue(d.loosens());
    assertTrue(d.needsReview());
  }

  @Test
  void diff_waiverAllowanceRemoved_tightening() {
    PolicyDiff d = PolicyDiff.between(
        doc("{\"gates\":[{\"id\":\"a\",\"metric\":\"ece\",\"max\":0.05,\"enforcement\":\"mandatory\"}],"
            + "\"waivers\":{\"maxDuration\":\"30d\",\"allow\":[{\"role\":\"cso\",\"rules\":[\"a\"]}]}}"),
        doc("{\"gates\":[{\"id\":\"a\",\"metric\":\"ece\",\"max\":0.05,\"enforcement\":\"mandatory\"}]}"));
    assertEquals(List.of("TIGHTENING waivers {\"allow\":[{\"role\":\"cso\",\"rules\":[\"a\"]... -> (none) | no waivers are "
        + "allowed any more"), lines(d));
    assertFalse(d.loosens());
  }

  @Test
  void diff_boundStatistic_dependsOnTheLimitsDirection() {
    PolicyDiff min = PolicyDiff.between(
        doc("{\"gates\":[{\"id\":\"a\",\"metric\":\"auroc\",\"min\":0.75,\"enforcement\":\"mandatory\"}]}"),
        doc("{\"gates\":[{\"id\":\"a\",\"metric\":\"auroc\",\"bound\":\"lower95\",\"min\":0.75,\"enforcement\":\"mandatory\"}]}"));
    assertEquals(List.of("TIGHTENING gates[a].bound (none) -> \"lower95\" | a more conservative statistic for a minimum"),
        lines(min));
    PolicyDiff max = PolicyDiff.between(
        doc("{\"gates\":[{\"id\":\"a\",\"metric\":\"ece\",\"max\":0.05,\"bound\":\"upper95\",\"enforcement\":\"mandatory\"}]}"),
        doc("{\"gates\":[{\"id\":\"a\",\"metric\":\"ece\",\"max\":0.05,\"enforcement\":\"mandatory\"}]}"));
    assertEquals(List.of("LOOSENING gates[a].bound \"upper95\" -> (none) | a less conservative statistic for a maximum"),
        lines(max));
  }

  @Test
  void diff_identicalDocuments_noChanges() {
    JsonObject a = doc("{\"gates\":[{\"id\":\"a\",\"metric\":\"ece\",\"max\":0.05,\"enforcement\":\"mandatory\"}]}");
    PolicyDiff d = PolicyDiff.between(a, a);
    assertEquals(List.of(), d.changes());
    assertTrue(d.render().endsWith("no changes: the canonical policies are identical\n"), d.render());
    assertEquals("{\"changes\":[],\"from\":\"p v1 (sha256 " + Json.sha256(a).substring(0, 12) + "...)\","
        + "\"loosens\":false,\"needsReview\":false,\"to\":\"p v1 (sha256 " + Json.sha256(a).substring(0, 12) + "...)\"}",
        Json.canonical(d.toJson()));
  }

  @Test
  void magnitude_durations_inSeconds() {
    assertEquals(86_400.0 * 30, PolicyDiff.magnitude(java.util.Optional.of(dev.clinigate.json.JsonValue.of("30d")))
        .getAsDouble());
    assertEquals(86_400.0 * 30, PolicyDiff.magnitude(java.util.Optional.of(dev.clinigate.json.JsonValue.of("P30D")))
        .getAsDouble());
    assertEquals(5400.0, PolicyDiff.magnitude(java.util.Optional.of(dev.clinigate.json.JsonValue.of("90m")))
        .getAsDouble());
    assertTrue(PolicyDiff.magnitude(java.util.Optional.of(dev.clinigate.json.JsonValue.of("soon"))).isEmpty());
  }

  @Test
  void magnitude_weeksOfTheDurationGrammar_inSeconds() {
    assertEquals(604_800.0 * 2, PolicyDiff.magnitude(java.util.Optional.of(dev.clinigate.json.JsonValue.of("2w")))
        .getAsDouble());
  }

  @Test
  void diff_twoKinds_isAnError() {
    dev.clinigate.RollbackPolicy r = PolicyYaml.parseRollback("apiVersion: clinigate/v1\nkind: RollbackPolicy\n"
        + "metadata: {name: p, version: 1}\nspec:\n  triggers:\n    - {id: t, metric: ece, max: 0.1}\n", "r.yaml");
    dev.clinigate.ReviewPolicy v = PolicyYaml.parseReview("apiVersion: clinigate/v1\nkind: ReviewPolicy\n"
        + "metadata: {name: p, version: 1}\nspec:\n  rules:\n    - {id: r, when: \"score >= 0.5\", route: REVIEW}\n", "v.yaml");
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> PolicyDiff.between(r, v));
    assertEquals("cannot diff a RollbackPolicy against a ReviewPolicy: diff compares two versions of one kind of policy",
        e.getMessage());
  }

  @Test
  void diff_rollbackTriggerSeverityAndBound_classified() {
    String base = "apiVersion: clinigate/v1\nkind: RollbackPolicy\nmetadata: {name: p, version: 1}\nspec:\n"
        + "  triggers:\n    - {id: t, metric: \"ece[site=east]\", max: 0.1, severity: SEV}\n";
    PolicyDiff d = PolicyDiff.between(PolicyYaml.parseRollback(base.replace("SEV", "rollback"), "a.yaml"),
        PolicyYaml.parseRollback(base.replace("SEV", "reapprove").replace("0.1,", "0.08,"), "b.yaml"));
    assertEquals(List.of("LOOSENING triggers[t].severity a firing now does less (alert < reapprove < rollback)",
        "TIGHTENING triggers[t].max a lower max fires sooner"),
        d.changes().stream().map(c -> c.effect() + " " + c.path() + " " + c.reason()).sorted().toList());
  }

  @Test
  void sense_keyNames() {
    assertEquals(1, PolicyDiff.sense("min"));
    assertEquals(1, PolicyDiff.sense("minApprovers"));
    assertEquals(0, PolicyDiff.sense("minute"));
    assertEquals(-1, PolicyDiff.sense("maxGap"));
    assertEquals(-1, PolicyDiff.sense("nonInferiorityMargin"));
    assertEquals(0, PolicyDiff.sense("maximal"));
  }
}
