package dev.clinigate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code clinigate report}: writes the page, evaluates --policy without --decision, fails cleanly on bad input. */
class ReportCommandTest {
  static final String SAMPLE = "../samples/readmission/";

  @Test
  void report_policyWithoutDecision_writesEvaluatedReport(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("report.html");
    CliRunner r = CliRunner.run("report", "--evidence", SAMPLE + "evidence.json", "--policy", SAMPLE + "policy.yaml",
        "--out", out.toString());
    assertEquals(0, r.exit(), r.err());
    String html = Files.readString(out, StandardCharsets.UTF_8);
    assertEquals("wrote the evidence report to " + out + " (" + String.format(java.util.Locale.ROOT, "%,d",
        html.getBytes(StandardCharsets.UTF_8).length) + " bytes)\n", r.out());
    assertEquals("", r.err());
    assertTrue(html.contains("<span class=\"verdict NO_GO\">NO_GO</span>"), html);
  }

  @Test
  void report_givenDecision_sameAsEvaluated(@TempDir Path dir) throws IOException {
    CliRunner d = CliRunner.run("evaluate", "--policy", SAMPLE + "policy.yaml", "--evidence", SAMPLE + "evidence.json",
        "--format", "json");
    Path decision = dir.resolve("decision.json");
    Files.writeString(decision, d.out(), StandardCharsets.UTF_8);
    Path a = dir.resolve("a.html");
    Path b = dir.resolve("b.html");
    assertEquals(0, CliRunner.run("report", "--evidence", SAMPLE + "evidence.json", "--policy", SAMPLE + "policy.yaml",
        "--out", a.toString()).exit());
    assertEquals(0, CliRunner.run("report", "--evidence", SAMPLE + "evidence.json", "--policy", SAMPLE + "policy.yaml",
        "--decision", decision.toString(), "--out", b.toString()).exit());
    assertEquals(Files.readString(a), Files.readString(b), "a given decision renders as the evaluated one");
  }

  @Test
  void report_badDecision_exit2HouseFormatAndNoFile(@TempDir Path dir) throws IOException {
    Path decision = dir.resolve("decision.json");
    Files.writeString(decision, "{\"verdict\": \"GO\"}\n", StandardCharsets.UTF_8);
    Path out = dir.resolve("report.html");
    CliRunner r = CliRunner.run("report", "--evidence", SAMPLE + "evidence.json", "--decision", decision.toString(),
        "--out", out.toString());
    assertEquals(2, r.exit());
    assertEquals("ERROR: " + decision + ":1:1: a decision must have a rules array\n"
        + "hint: give the output of 'clinigate evaluate --format json'\n", r.err());
    assertEquals("", r.out());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(decision), files.toList(), "no report and no temporary file");
    }
    assertFalse(Files.exists(out));
  }
}
