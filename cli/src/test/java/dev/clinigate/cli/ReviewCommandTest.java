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

class ReviewCommandTest {
  private static final String POLICY = "../samples/review/policy.yaml";

  @Test
  void review_rejectedUrgentFlag_secondaryReviewExitOne() {
    CliRunner r = CliRunner.run("review", "--policy", POLICY, "--inference", "../samples/review/inference.json");
    assertEquals(1, r.exit(), r.err());
    assertTrue(r.out().startsWith("SECONDARY_REVIEW (must not proceed yet): cxr-pneumothorax-triage v2 (ReviewPolicy), "
        + "rule urgent-flag-rejected\n"), r.out());
  }

  @Test
  void review_qualifiedApproval_proceedsExitZero(@TempDir Path dir) throws IOException {
    Path in = dir.resolve("i.json");
    Files.writeString(in, "{\"encounterId\":\"e\",\"modelVersion\":\"2.4.0\",\"score\":0.9,\"output\":\"pneumothorax\","
        + "\"context\":{\"age\":40,\"bodyPart\":\"chest\"},\"review\":{\"reviewerId\":\"r-1\",\"role\":\"radiologist\","
        + "\"decision\":\"approve\",\"rationale\":{\"code\":\"confirmed\"}}}", StandardCharsets.UTF_8);
    CliRunner r = CliRunner.run("review", "--policy", POLICY, "--inference", in.toString(), "--format", "json");
    assertEquals(0, r.exit(), r.err());
    JsonObject d = (JsonObject) Json.parse(r.out(), "stdout").root();
    assertEquals("\"REVIEW\"", d.get("route").orElseThrow().toString());
    assertEquals("true", d.get("proceed").orElseThrow().toString());
    assertEquals("\"APPROVED\"", d.get("reason").orElseThrow().toString());
  }

  @Test
  void review_missingEncounter_blockNeverExitsZero(@TempDir Path dir) throws IOException {
    Path in = dir.resolve("i.json");
    Files.writeString(in, "{\"modelVersion\":\"2.4.0\",\"score\":0.01,\"context\":{\"bodyPart\":\"chest\"}}",
        StandardCharsets.UTF_8);
    CliRunner r = CliRunner.run("review", "--policy", POLICY, "--inference", in.toString());
    assertEquals(1, r.exit(), r.err());
    assertTrue(r.out().startsWith("BLOCK (must not proceed yet)"), r.out());
  }

  @Test
  void review_batch_oneLinePerInferenceAndLocatedErrorsExitTwo() {
    CliRunner r = CliRunner.run("review", "--policy", POLICY, "--inferences", "../samples/review/inferences.jsonl");
    assertEquals(2, r.exit());
    String[] lines = r.out().split("\n");
    assertEquals(6, lines.length, r.out());
    String[] routes = {"AUTO", "REVIEW", "REVIEW", "BLOCK", "BLOCK"};
    for (int i = 0; i < routes.length; i++) {
      JsonObject d = (JsonObject) Json.parse(lines[i], "line").root();
      assertEquals("\"" + routes[i] + "\"", d.get("route").orElseThrow().toString(), lines[i]);
    }
    assertEquals("{\"errors\":[{\"location\":\"../samples/review/inferences.jsonl:6:77\",\"message\":\"score must be a "
        + "number within [0, 1], found 1.3\",\"path\":\"$.score\"}],\"line\":6}", lines[5]);
    assertTrue(r.err().startsWith("ERROR: ../samples/review/inferences.jsonl:6:77: $.score: score must be a number within "
        + "[0, 1], found 1.3\n"), r.err());
  }

  @Test
  void review_bothInputs_usageErrorExitTwo() {
    CliRunner r = CliRunner.run("review", "--policy", POLICY, "--inference", "a.json", "--inferences", "b.jsonl");
    assertEquals(2, r.exit());
    assertTrue(r.err().startsWith("ERROR: "), r.err());
  }
}
