package dev.clinigate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.json.Json;
import dev.clinigate.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitorCommandTest {
  private static final String POLICY = "../samples/monitoring/policy.yaml";
  private static final String WINDOWS = "../samples/monitoring/windows.jsonl";

  @Test
  void monitor_labFeedSample_rollbackWithExitOne() {
    CliRunner r = CliRunner.run("monitor", "--policy", POLICY, "--windows", WINDOWS);
    assertEquals(1, r.exit(), r.err());
    assertTrue(r.out().startsWith("ROLLBACK to 3.1.0: aki-risk-rollback v1 (RollbackPolicy), 1 alert\n"), r.out());
    assertTrue(r.out().contains("FIRED   creatinine-feed           missing_rate[creatinine] was above the maximum 0.05 "
        + "in 2 consecutive judged windows: 0.41 (2026-05-09T00:00:00Z), 0.43 (2026-05-10T00:00:00Z).\n"), r.out());
    assertEquals("", r.err());
  }

  @Test
  void monitor_json_verdictRollbackToAndFiredTriggers() {
    CliRunner r = CliRunner.run("monitor", "--policy", POLICY, "--windows", WINDOWS, "--format", "json",
        "--at", "2026-05-12T06:00:00Z");
    assertEquals(1, r.exit(), r.err());
    JsonObject d = (JsonObject) Json.parse(r.out(), "stdout").root();
    assertEquals("\"ROLLBACK\"", d.get("verdict").orElseThrow().toString());
    assertEquals("\"3.1.0\"", d.get("rollbackTo").orElseThrow().toString());
    assertEquals("[\"creatinine-feed\",\"calibration-in-the-large\",\"creatinine-drift\"]",
        d.get("fired").orElseThrow().toString());
    assertEquals("\"2026-05-12T06:00:00Z\"", d.get("evaluatedAt").orElseThrow().toString());
  }

  @Test
  void monitor_healthyPrefix_holdWithExitZero(@TempDir Path dir) throws IOException {
    String first8 = String.join("\n", Files.readAllLines(Path.of(WINDOWS)).subList(0, 11)) + "\n"; // 3 comment lines
    Path w = dir.resolve("w.jsonl");
    Files.writeString(w, first8, StandardCharsets.UTF_8);
    CliRunner r = CliRunner.run("monitor", "--policy", POLICY, "--windows", w.toString());
    assertEquals(0, r.exit(), r.out() + r.err());
    assertTrue(r.out().startsWith("HOLD: aki-risk-rollback v1 (RollbackPolicy)\n"), r.out());
  }

  @Test
  void monitor_overlappingWindows_locatedErrorExitTwo(@TempDir Path dir) throws IOException {
    Path w = dir.resolve("w.jsonl");
    Files.writeString(w, "{\"start\":\"2026-03-01T00:00:00Z\",\"end\":\"2026-03-02T00:00:00Z\"}\n"
        + "{\"start\":\"2026-03-01T06:00:00Z\",\"end\":\"2026-03-03T00:00:00Z\"}\n", StandardCharsets.UTF_8);
    CliRunner r = CliRunner.run("monitor", "--policy", POLICY, "--windows", w.toString());
    assertEquals(2, r.exit());
    assertEquals("", r.out());
    assertTrue(r.err().startsWith("ERROR: " + w + ":2:1: $.start: window overlapping: it starts at 2026-03-01T06:00:00Z, "
        + "before the previous window (line 1) ends at 2026-03-02T00:00:00Z\n"), r.err());
  }

  @Test
  void monitor_sampleUnderStrict_everyMetricReadSoSameDecision() {
    CliRunner r = CliRunner.run("monitor", "--policy", POLICY, "--windows", WINDOWS, "--strict");
    assertEquals(1, r.exit(), r.err());
    assertEquals("", r.err());
    assertTrue(!r.out().contains("WARNING"), r.out());
  }

  @Test
  void monitor_misspeltMetric_warningInTextErrorUnderStrict(@TempDir Path dir) throws IOException {
    Path p = dir.resolve("policy.yaml");
    Files.writeString(p, "apiVersion: clinigate/v1\nkind: RollbackPolicy\nmetadata: {name: t, version: 1}\nspec:\n"
        + "  triggers:\n    - {id: feed, metric: \"missing_rate[creatinine]\", max: 0.05}\n", StandardCharsets.UTF_8);
    Path w = dir.resolve("w.jsonl");
    String line = "{\"start\":\"2026-03-01T00:00:00Z\",\"end\":\"2026-03-02T00:00:00Z\",\"cases\":300,"
        + "\"metrics\":{\"missing_rate[creatinin]\":0.5}}";
    Files.writeString(w, line + "\n" + line.replace("03-01", "03-00").replace("03-02T", "03-03T")
        .replace("03-00", "03-02") + "\n", StandardCharsets.UTF_8);
    int column = line.indexOf("0.5") + 1; // the value of the unread key
    String message = w + ":1:" + column + ": window metric \"missing_rate[creatinin]\" (in 2 windows) is read by no trigger of "
        + "the policy, so it is not monitored\n" + line + "\n" + " ".repeat(column - 1) + "^\n"
        + "hint: did you mean \"missing_rate[creatinine]\"?\n";
    CliRunner text = CliRunner.run("monitor", "--policy", p.toString(), "--windows", w.toString());
    assertEquals(0, text.exit(), text.err());
    assertTrue(text.out().startsWith("WARNING: " + message + "HOLD: t v1 (RollbackPolicy), inconclusive\n"), text.out());
    CliRunner json = CliRunner.run("monitor", "--policy", p.toString(), "--windows", w.toString(), "--format", "json");
    assertEquals("WARNING: " + message, json.err());
    Json.parse(json.out(), "stdout"); // stdout stays JSON
    CliRunner strict = CliRunner.run("monitor", "--policy", p.toString(), "--windows", w.toString(), "--strict");
    assertEquals(2, strict.exit());
    assertEquals("", strict.out());
    assertEquals("ERROR: " + message, strict.err());
  }

  private static final String COHORT_POLICY = "apiVersion: clinigate/v1\nkind: RollbackPolicy\n"
      + "metadata: {name: t, version: 1}\nspec:\n  triggers:\n"
      + "    - {id: calibration, metric: ece, max: 0.08}\n"
      + "    - {id: east, metric: \"ece[site=east]\", max: 0.1, severity: reapprove}\n";

  private static String window(String day, String version, String metrics) {
    return "{\"start\":\"2026-03-0" + day + "T00:00:00Z\",\"end\":\"2026-03-0" + (char) (day.charAt(0) + 1)
        + "T00:00:00Z\",\"cases\":300,\"modelVersion\":\"" + version + "\",\"metrics\":{" + metrics + "}}\n";
  }

  @Test
  void monitor_reapproveTrigger_verdictReapproveExitOne(@TempDir Path dir) throws IOException {
    Path p = Files.writeString(dir.resolve("policy.yaml"), COHORT_POLICY, StandardCharsets.UTF_8);
    Path w = Files.writeString(dir.resolve("w.jsonl"), window("1", "2.4.0", "\"ece\":0.03,\"ece[site=east]\":0.14"),
        StandardCharsets.UTF_8);
    CliRunner r = CliRunner.run("monitor", "--policy", p.toString(), "--windows", w.toString(), "--format", "json");
    assertEquals(1, r.exit(), r.err());
    JsonObject d = (JsonObject) Json.parse(r.out(), "stdout").root();
    assertEquals("\"REAPPROVE\"", d.get("verdict").orElseThrow().toString());
    assertEquals("null", d.get("rollbackTo").orElseThrow().toString());
    assertEquals("[\"east\"]", d.get("fired").orElseThrow().toString());
    assertTrue(d.get("disable").isEmpty(), r.out());
  }

  @Test
  void monitor_rollbackWithoutLastKnownGood_disableExitOneNamingTheReason(@TempDir Path dir) throws IOException {
    Path p = Files.writeString(dir.resolve("policy.yaml"), COHORT_POLICY, StandardCharsets.UTF_8);
    Path w = Files.writeString(dir.resolve("w.jsonl"), window("1", "2.4.0", "\"ece\":0.12,\"ece[site=east]\":0.14"),
        StandardCharsets.UTF_8);
    CliRunner json = CliRunner.run("monitor", "--policy", p.toString(), "--windows", w.toString(), "--format", "json");
    assertEquals(1, json.exit(), json.err());
    JsonObject d = (JsonObject) Json.parse(json.out(), "stdout").root();
    assertEquals("\"DISABLE\"", d.get("verdict").orElseThrow().toString());
    assertEquals("{\"lastKnownGood\":null,\"message\":\"a rollback is due but no last-known-good version is named (no "
        + "window reports lastKnownGood and the policy has no spec.lastKnownGood).\",\"reason\":\"NO_LAST_KNOWN_GOOD\"}",
        Json.canonical(d.get("disable").orElseThrow()));
    CliRunner text = CliRunner.run("monitor", "--policy", p.toString(), "--windows", w.toString());
    assertEquals(1, text.exit(), text.err());
    assertTrue(text.out().startsWith("DISABLE: t v1 (RollbackPolicy)\nFall back to the non-AI workflow: a rollback is "
        + "due but no last-known-good version is named"), text.out());
  }

  @Test
  void monitor_unreadCohortKey_hintNamesTheMonitoredCohortsUnderStrict(@TempDir Path dir) throws IOException {
    Path p = Files.writeString(dir.resolve("policy.yaml"), COHORT_POLICY, StandardCharsets.UTF_8);
    String line = window("1", "2.4.0", "\"ece\":0.03,\"ece[site=east]\":0.05,\"ece[site=west]\":0.04,\"n[site=east]\":200");
    Path w = Files.writeString(dir.resolve("w.jsonl"), line, StandardCharsets.UTF_8);
    CliRunner strict = CliRunner.run("monitor", "--policy", p.toString(), "--windows", w.toString(), "--strict");
    assertEquals(2, strict.exit());
    int column = line.indexOf("0.04") + 1;
    assertEquals("ERROR: " + w + ":1:" + column + ": window metric \"ece[site=west]\" (in 1 window) is read by no trigger "
        + "of the policy, so it is not monitored\n" + line + " ".repeat(column - 1) + "^\n"
        + "hint: the triggers read ece for the cohort site=east; add a trigger with metric: \"ece[site=west]\" to "
        + "monitor site=west, or correct the key if it is misspelt\n", strict.err());
  }

  @Test
  void monitor_promotionPolicy_kindErrorExitTwo() {
    CliRunner r = CliRunner.run("monitor", "--policy", "../samples/readmission/policy.yaml", "--windows", WINDOWS);
    assertEquals(2, r.exit());
    assertTrue(r.err().startsWith("ERROR: ../samples/readmission/policy.yaml:1:1: expected kind RollbackPolicy, "
        + "found PromotionPolicy\n"), r.err());
  }
}
