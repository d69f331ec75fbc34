package dev.clinigate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.json.Json;
import dev.clinigate.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {
  private static final String POLICY = "../samples/readmission/policy.yaml";
  private static final String EVIDENCE = "../samples/readmission/evidence.json";

  @Test
  void evaluate_envelope_insideGoOutsideNoGoAndBadEnvelopeExitTwo(@TempDir Path dir) throws IOException {
    String policy = "../samples/pccp/policy.yaml";
    String evidence = "../samples/pccp/evidence.json";
    String envelope = "../samples/pccp/envelope.yaml";
    CliRunner inside = CliRunner.run("evaluate", "--policy", policy, "--evidence", evidence, "--envelope", envelope,
        "--format", "json");
    assertEquals(0, inside.exit(), inside.err());
    JsonObject decision = (JsonObject) Json.parse(inside.out(), "stdout").root();
    assertTrue(Json.compact(decision.members().get("rules")).contains("\"bound\":{\"envelope\":\"sepsis-pccp\","
        + "\"modifications\":[\"retrain-same-architecture\",\"recalibration\",\"threshold-change\",\"new-site\"],"
        + "\"sha256\":\""), inside.out());
    Path outside = dir.resolve("evidence.json");
    Files.writeString(outside, Files.readString(Path.of(evidence)).replace("\"type\": \"recalibration\"",
        "\"type\": \"new-architecture\""), StandardCharsets.UTF_8);
    Files.copy(Path.of(policy), dir.resolve("policy.yaml"));
    Files.copy(Path.of(envelope), dir.resolve("envelope.yaml"));
    CliRunner out = CliRunner.run("evaluate", "--policy", dir.resolve("policy.yaml").toString(), "--evidence",
        outside.toString(), "--envelope", dir.resolve("envelope.yaml").toString());
    assertEquals(1, out.exit(), out.err());
    assertTrue(out.out().contains("The change from version 5.0.0 is of type new-architecture, which change envelope "
        + "sepsis-pccp v1 does not allow"), out.out());
    CliRunner wrongKind = CliRunner.run("evaluate", "--policy", policy, "--evidence", evidence, "--envelope", policy);
    assertEquals(2, wrongKind.exit());
    assertEquals("ERROR: ../samples/pccp/policy.yaml:6:7: expected kind ChangeEnvelope, found PromotionPolicy\n"
        + "kind: PromotionPolicy\n      ^\n"
        + "hint: --envelope takes a ChangeEnvelope; the PromotionPolicy goes to --policy\n", wrongKind.err());
    CliRunner asPolicy = CliRunner.run("evaluate", "--policy", envelope, "--evidence", evidence);
    assertEquals(2, asPolicy.exit());
    assertTrue(asPolicy.err().contains("hint: a ChangeEnvelope is given beside its promotion policy: "
        + "'clinigate evaluate --envelope'"), asPolicy.err());
  }

  @Test
  void evaluate_sampleText_noGoWithExitOne() {
    CliRunner r = CliRunner.run("evaluate", "--policy", POLICY, "--evidence", EVIDENCE);
    assertEquals(1, r.exit(), r.err());
    assertTrue(r.out().startsWith("NO_GO: readmission-risk v3 (PromotionPolicy), 2 blocking results\n"), r.out());
    assertTrue(r.out().contains("FAIL               subgroup-calibration [site=east]       "
        + "ECE for site=east is 0.146, above the maximum 0.08 (n=7,968).\n"), r.out());
    assertEquals("", r.err());
  }

  @Test
  void evaluate_sampleJson_designShapeAndDeterministic() {
    CliRunner a = CliRunner.run("evaluate", "--policy", POLICY, "--evidence", EVIDENCE, "--format", "json");
    CliRunner b = CliRunner.run("evaluate", "--format=JSON", "--evidence", EVIDENCE, "--policy", POLICY);
    assertEquals(1, a.exit());
    assertEquals(a.out(), b.out());
    JsonObject d = (JsonObject) Json.parse(a.out(), "stdout").root();
    assertEquals("\"NO_GO\"", d.get("verdict").orElseThrow().toString());
    JsonObject policy = (JsonObject) d.get("policy").orElseThrow();
    assertEquals("\"readmission-risk\"", policy.get("name").orElseThrow().toString());
    assertEquals("3", policy.get("version").orElseThrow().toString());
    assertEquals(64, policy.get("sha256").orElseThrow().toString().length() - 2);
    assertTrue(((JsonObject) d.get("evidence").orElseThrow()).has("sha256"));
    String rules = d.get("rules").orElseThrow().toString();
    assertTrue(rules.contains("{\"blocking\":true,\"bound\":{\"max\":0.08},\"enforcement\":\"mandatory\","
        + "\"id\":\"subgroup-calibration\",\"message\":\"ECE for site=east is 0.146, above the maximum 0.08 "
        + "(n=7,968).\",\"observed\":0.146,\"status\":\"FAIL\",\"subject\":\"site=east\"}"), rules);
  }

  @Test
  void evaluate_at_recordedInDecision() {
    CliRunner r = CliRunner.run("evaluate", "--policy", POLICY, "--evidence", EVIDENCE, "--format", "json",
        "--at", "2026-11-23T00:00:00Z");
    assertTrue(r.out().contains("\"evaluatedAt\": \"2026-11-23T00:00:00Z\""), r.out());
  }

  @Test
  void evaluate_goEvidence_exitZero(@TempDir Path dir) throws IOException {
    Path evidence = dir.resolve("e.json");
    String text = Files.readString(Path.of(EVIDENCE), StandardCharsets.UTF_8).replace("\"ece\": 0.146", "\"ece\": 0.046");
    Files.writeString(evidence, text, StandardCharsets.UTF_8);
    // the audit sample's copy of the gates at riskTier medium: riskTier high would also need signed approvals
    CliRunner r = CliRunner.run("evaluate", "--policy", "../samples/audit/policy-v3.yaml", "--evidence",
        evidence.toString());
    assertEquals(0, r.exit(), r.out());
    assertTrue(r.out().startsWith("GO: readmission-risk v3"), r.out());
  }

  @Test
  void evaluate_missingFile_exitTwoWithoutStackTrace() {
    CliRunner r = CliRunner.run("evaluate", "--policy", "nope.yaml", "--evidence", EVIDENCE);
    assertEquals(2, r.exit());
    assertEquals("ERROR: nope.yaml: file not found\nhint: check the path\n", r.err());
    assertEquals("", r.out());
  }

  @Test
  void evaluate_badPolicy_locatedErrorsOnStderr(@TempDir Path dir) throws IOException {
    Path policy = dir.resolve("p.yaml");
    Files.writeString(policy, "apiVersion: clinigate/v1\nkind: PromotionPolicy\nmetadata: {name: x, version: 1}\n"
        + "spec:\n  gates:\n    - {id: a, metric: aucroc, min: 0.7}\n", StandardCharsets.UTF_8);
    CliRunner r = CliRunner.run("evaluate", "--policy", policy.toString(), "--evidence", EVIDENCE);
    assertEquals(2, r.exit());
    assertEquals("ERROR: " + policy + ":6:23: unknown metric \"aucroc\"\n"
        + "    - {id: a, metric: aucroc, min: 0.7}\n"
        + "                      ^\n"
        + "hint: did you mean \"auroc\"?\n", r.err());
  }

  @Test
  void evaluate_debug_printsStackTrace() {
    CliRunner r = CliRunner.run("evaluate", "--debug", "--policy", "nope.yaml", "--evidence", EVIDENCE);
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("at dev.clinigate."), r.err());
  }

  @Test
  void unknownOption_exitTwoWithSuggestion() {
    CliRunner r = CliRunner.run("evaluate", "--polcy", POLICY, "--evidence", EVIDENCE);
    assertEquals(2, r.exit());
    assertTrue(r.err().startsWith("ERROR: "), r.err());
    assertTrue(r.err().contains("--policy"), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
  }

  @Test
  void unknownCommand_exitTwoWithSuggestion() {
    CliRunner r = CliRunner.run("evaluat");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("evaluate"), r.err());
  }

  @Test
  void badInstant_exitTwo() {
    CliRunner r = CliRunner.run("evaluate", "--policy", POLICY, "--evidence", EVIDENCE, "--at", "yesterday");
    assertEquals(2, r.exit());
    assertTrue(r.err().startsWith("ERROR: --at: \"yesterday\" is not an ISO-8601 instant"), r.err());
  }

  @Test
  void evaluate_extendsAndArtifactsDir_goWithWaiver() {
    CliRunner r = CliRunner.run("evaluate", "--policy", "../samples/high-risk/policy.yaml", "--evidence",
        "../samples/high-risk/evidence.json", "--at", "2026-03-01T09:00:00Z", "--artifacts-dir",
        "../samples/high-risk/artifacts", "--principals", "../samples/high-risk/principals.yaml", "--roster-key",
        "../samples/high-risk/keys/roster.pub.pem");
    assertEquals(0, r.exit(), r.out() + r.err());
    assertTrue(r.out().startsWith("GO: sepsis-early-warning v2 (PromotionPolicy), 1 WAIVED result\n"), r.out());
    assertTrue(r.out().contains("Artifact validationReport is verified: validation-report.md matches sha256 "
        + "90a27b3a18ca."), r.out());
  }

  @Test
  void evaluate_artifactsDirMissing_exitTwo() {
    CliRunner r = CliRunner.run("evaluate", "--policy", POLICY, "--evidence", EVIDENCE, "--artifacts-dir", "no-such-dir");
    assertEquals(2, r.exit());
    assertEquals("ERROR: no-such-dir: is not a directory\n"
        + "hint: give --artifacts-dir the directory that holds the artifact files\n", r.err());
  }

  @Test
  void evaluate_missingBase_locatedAtExtends(@TempDir Path dir) throws IOException {
    Path policy = dir.resolve("p.yaml");
    Files.writeString(policy, "apiVersion: clinigate/v1\nkind: PromotionPolicy\nextends: base.yaml\n"
        + "metadata: {name: x, version: 1}\n", StandardCharsets.UTF_8);
    CliRunner r = CliRunner.run("evaluate", "--policy", policy.toString(), "--evidence", EVIDENCE);
    assertEquals(2, r.exit());
    assertEquals("ERROR: " + policy + ":3:10: cannot read \"base.yaml\": file not found\n"
        + "extends: base.yaml\n"
        + "         ^\n"
        + "hint: check the path\n", r.err());
  }

  @Test
  void evaluate_text_printsTheSubjectShaToSign() {
    CliRunner r = CliRunner.run("evaluate", "--policy", POLICY, "--evidence", EVIDENCE);
    assertTrue(r.out().contains("\nsubject sha256 e2fe5a67f6cb7f657940918c21175337c4b69d62dc3058992069abb17785315d "
        + "(approvals sign this)\n"), r.out());
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(dev.clinigate.reports.ReportFormat.class)
  void evaluate_ciFormats_printTheReportWritersOutput(dev.clinigate.reports.ReportFormat f) {
    CliRunner r = CliRunner.run("evaluate", "--policy", POLICY, "--evidence", EVIDENCE, "--format",
        f.name().toLowerCase(java.util.Locale.ROOT));
    assertEquals(1, r.exit(), r.err());
    dev.clinigate.PromotionPolicy p = dev.clinigate.dsl.PolicyYaml.loadPromotion(Path.of(POLICY));
    dev.clinigate.Decision d = p.evaluate(dev.clinigate.dsl.EvidenceFiles.load(Path.of(EVIDENCE)));
    assertEquals(f.render(dev.clinigate.reports.Reports.of(d, p, Path.of(POLICY)).relativeTo(CiReports.root(null))),
        r.out());
  }
}
