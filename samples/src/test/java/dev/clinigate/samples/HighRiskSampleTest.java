package dev.clinigate.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.cli.Main;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * samples/high-risk: a high-risk sepsis policy that extends an organisation's base policy reaches GO only
 * because the clinical safety officer waived the site=east calibration failure, and only while that waiver
 * is in force.
 */
class HighRiskSampleTest {
  private static final String POLICY = "high-risk/policy.yaml";
  private static final String AT = "2026-03-01T09:00:00Z";
  private static final String ROSTER = "high-risk/principals.yaml";
  private static final String ROSTER_KEY = "high-risk/keys/roster.pub.pem";

  private static String[] run(int expectedExit, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    String o = out.toString(StandardCharsets.UTF_8);
    String e = err.toString(StandardCharsets.UTF_8);
    assertEquals(expectedExit, code, o + e);
    return new String[] {o, e};
  }

  @Test
  void highRisk_withWaiverBySafetyOfficer_goWithSiteEastWaived() {
    String[] r = run(0, "evaluate", "--policy", POLICY, "--evidence", "high-risk/evidence.json", "--at", AT,
        "--artifacts-dir", "high-risk/artifacts", "--principals", ROSTER, "--roster-key", ROSTER_KEY);
    String text = r[0];
    assertTrue(text.startsWith("GO: sepsis-early-warning v2 (PromotionPolicy), 1 WAIVED result\n"), text);
    assertTrue(text.contains("WAIVED             subgroup-calibration [site=east]                ECE for site=east is "
        + "0.112, above the maximum 0.08 (n=11,215). WAIVED by dr.lindqvist (clinical-safety-officer) until "
        + "2026-03-25T00:00:00Z: \"A lactate analyser change at east"), text);
    assertTrue(text.contains("PASS               requires.artifacts [artifact=modelCard]         Artifact modelCard is "
        + "verified: model-card.md matches sha256 ced85231d0ab.\n"), text);
    assertTrue(text.contains("PASS               approvals                                       3 distinct approvers "
        + "(dr.osei, j.patel, m.romero), at least 3 required; no rejections. Signatures checked against the roster "
        + "clinical-ai-approvers (sha256 b873373d0875, its signature verified with the roster key).\n"), text);
    assertTrue(text.contains("subject sha256 55e69d656a61cbb5a4fc4b93edffa50596e5c7778730e797197dd0e7fc2d1f31"), text);
    assertEquals("", r[1]);
  }

  @Test
  void highRisk_json_waivedTrueAndTheWaiverRecorded() {
    String[] r = run(0, "evaluate", "--policy", POLICY, "--evidence", "high-risk/evidence.json", "--at", AT,
        "--principals", ROSTER, "--format", "json");
    JsonObject d = (JsonObject) Json.parse(r[0], "stdout").root();
    assertEquals("true", d.get("waived").orElseThrow().toString());
    assertEquals("\"2026-03-01T09:00:00Z\"", d.get("evaluatedAt").orElseThrow().toString());
    List<JsonValue> waived = ((JsonArray) d.get("rules").orElseThrow()).elements().stream()
        .filter(v -> ((JsonObject) v).get("status").orElseThrow().toString().equals("\"WAIVED\"")).toList();
    assertEquals(1, waived.size());
    JsonObject w = (JsonObject) ((JsonObject) waived.get(0)).get("waiver").orElseThrow();
    assertEquals("\"clinical-safety-officer\"", w.get("role").orElseThrow().toString());
    assertEquals("\"site=east\"", w.get("subject").orElseThrow().toString());
  }

  @Test
  void highRisk_withoutWaiver_noGoAndSaysWhoMayWaive() {
    String[] r = run(1, "evaluate", "--policy", POLICY, "--evidence", "high-risk/evidence-without-waiver.json",
        "--at", AT, "--artifacts-dir", "high-risk/artifacts", "--principals", ROSTER, "--roster-key", ROSTER_KEY);
    assertTrue(r[0].startsWith("NO_GO: sepsis-early-warning v2 (PromotionPolicy), 1 blocking result\n"), r[0]);
    assertTrue(r[0].endsWith("\nTo reach GO:\n  - subgroup-calibration [site=east]: ECE for site=east at most 0.08; "
        + "or a waiver by clinical-safety-officer (at most 30 days)\n"), r[0]);
  }

  @Test
  void highRisk_afterTheWaiverExpires_noGo() {
    String[] r = run(1, "evaluate", "--policy", POLICY, "--evidence", "high-risk/evidence.json",
        "--at", "2026-03-25T00:00:00Z");
    assertTrue(r[0].contains("ADVISORY           waiver:subgroup-calibration [site=east]         Waiver of "
        + "subgroup-calibration for site=east by dr.lindqvist (clinical-safety-officer) is ignored: it expired at "
        + "2026-03-25T00:00:00Z (evaluated at 2026-03-25T00:00:00Z).\n"), r[0]);
  }

  @Test
  void highRisk_withoutEvaluationTime_failsClosed() {
    String[] r = run(1, "evaluate", "--policy", POLICY, "--evidence", "high-risk/evidence.json");
    assertTrue(r[0].contains("cannot be checked without an evaluation time; pass --at"), r[0]);
  }

  @Test
  void highRisk_tamperedArtifact_noGo(@TempDir Path dir) throws IOException {
    Files.copy(Path.of("high-risk/artifacts/model-card.md"), dir.resolve("model-card.md"));
    Files.writeString(dir.resolve("validation-report.md"), "AUROC 0.99 (edited)\n", StandardCharsets.UTF_8);
    String[] r = run(1, "evaluate", "--policy", POLICY, "--evidence", "high-risk/evidence.json", "--at", AT,
        "--artifacts-dir", dir.toString());
    assertTrue(r[0].contains("FAIL               requires.artifacts [artifact=validationReport]  Artifact "
        + "validationReport does not match its recorded sha256: validation-report.md hashes to "), r[0]);
  }

  @Test
  void highRisk_withoutTheRoster_approvalsFailClosed() {
    String[] r = run(1, "evaluate", "--policy", POLICY, "--evidence", "high-risk/evidence.json", "--at", AT,
        "--artifacts-dir", "high-risk/artifacts");
    assertTrue(r[0].contains("MISSING            approvals                                       Approvals cannot be "
        + "judged: the policy requires signed approvals (approvals.requireSignatures) and no roster of principals was "
        + "given to verify them against; pass --principals R.yaml"), r[0]);
  }

  @Test
  void highRisk_editedRoster_isRefusedWithTheRosterKey(@TempDir Path dir) throws IOException {
    String roster = Files.readString(Path.of(ROSTER), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("principals.yaml"), roster.replace("roles: [clinical-champion]",
        "roles: [clinical-champion, compliance]"), StandardCharsets.UTF_8);
    Files.copy(Path.of(ROSTER + ".sig"), dir.resolve("principals.yaml.sig"));
    String[] r = run(2, "evaluate", "--policy", POLICY, "--evidence", "high-risk/evidence.json", "--at", AT,
        "--principals", dir.resolve("principals.yaml").toString(), "--roster-key", ROSTER_KEY);
    assertEquals("ERROR: " + dir.resolve("principals.yaml.sig") + ":1:1: the roster's signature does not verify with "
        + "the roster key: " + dir.resolve("principals.yaml") + " was changed after it was signed, or was signed with "
        + "another key\nhint: have the roster's keeper review the roster and sign it again ('clinigate sign-approval "
        + "--roster " + dir.resolve("principals.yaml") + " --key ROSTER-KEY.pem')\n", r[1]);
    assertEquals("", r[0]);
  }
}
