package dev.clinigate.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCommandTest {
  private static final String POLICY = "../samples/readmission/policy.yaml";
  private static final String EVIDENCE = "../samples/readmission/evidence.json";
  private static final String SAMPLE_LOG = "../samples/audit/decisions.jsonl";
  private static final String SAMPLE_KEY = "../samples/audit/sample-signing-key.pub.pem";

  private static CliRunner append(Path dir, String evidence, String at, String... extra) {
    List<String> args = new ArrayList<>(List.of("audit", "append", dir.resolve("d.jsonl").toString(), "--policy", POLICY,
        "--evidence", evidence, "--at", at, "--policies", dir.resolve("policies").toString(), "--evidence-store",
        dir.resolve("evidence").toString()));
    args.addAll(List.of(extra));
    return CliRunner.run(args.toArray(new String[0]));
  }

  @Test
  void appendVerifyReplay_roundTrip(@TempDir Path dir) {
    CliRunner a = append(dir, EVIDENCE, "2026-03-02T09:00:00Z");
    assertEquals(0, a.exit(), a.err());
    assertTrue(a.out().startsWith("appended seq 1 to " + dir.resolve("d.jsonl") + ": NO_GO, readmission-risk v3\nhash "),
        a.out());
    assertEquals(0, append(dir, EVIDENCE, "2026-03-03T09:00:00Z").exit());
    CliRunner v = CliRunner.run("audit", "verify", dir.resolve("d.jsonl").toString());
    assertEquals(0, v.exit());
    assertTrue(v.out().startsWith("VALID " + dir.resolve("d.jsonl") + ": 2 records, hash chain intact\nhead 2:"), v.out());
    CliRunner r = CliRunner.run("audit", "replay", dir.resolve("d.jsonl").toString(), "--policies",
        dir.resolve("policies").toString(), "--evidence", dir.resolve("evidence").toString());
    assertEquals(0, r.exit(), r.out());
    assertTrue(r.out().endsWith("REPLAYED " + dir.resolve("d.jsonl") + ": 2 decisions, 2 byte-identical\n"
        + "seq 1  IDENTICAL  readmission-risk v3, NO_GO, evaluated at 2026-03-02T09:00:00Z\n"
        + "seq 2  IDENTICAL  readmission-risk v3, NO_GO, evaluated at 2026-03-03T09:00:00Z\n"), r.out());
  }

  @Test
  void verify_sampleLogWithKey_validAndHeadPrinted() {
    CliRunner v = CliRunner.run("audit", "verify", SAMPLE_LOG, "--public-key", SAMPLE_KEY);
    assertEquals(0, v.exit(), v.err());
    assertTrue(v.out().matches("VALID \\.\\./samples/audit/decisions\\.jsonl: 6 records, hash chain intact, 6 of 6 "
        + "signatures verified\nhead 6:[0-9a-f]{64}\n"), v.out());
    String head = v.out().substring(v.out().indexOf("head ") + 5).trim();
    assertEquals(0, CliRunner.run("audit", "verify", SAMPLE_LOG, "--head", head).exit());
  }

  @Test
  void verify_tamperedCopyOfTheSample_exitOneNamingTheLine(@TempDir Path dir) throws IOException {
    List<String> lines = Files.readAllLines(Path.of(SAMPLE_LOG), StandardCharsets.UTF_8);
    lines.set(3, lines.get(3).replace("\"verdict\":\"NO_GO\"", "\"verdict\":\"GO\""));
    Path log = dir.resolve("tampered.jsonl");
    Files.write(log, lines, StandardCharsets.UTF_8);
    CliRunner v = CliRunner.run("audit", "verify", log.toString());
    assertEquals(1, v.exit());
    assertEquals("INVALID " + log + ":4: changed: the record's hash does not match its content: the record was "
        + "changed after it was written\n3 records before line 4 verified; nothing after it was checked\n",
        v.out().substring(0, v.out().indexOf("head ")));
    CliRunner r = CliRunner.run("audit", "replay", log.toString(), "--policies", "../samples/audit/policies",
        "--evidence", "../samples/audit/evidence");
    assertEquals(1, r.exit());
    assertTrue(r.out().endsWith("replay skipped: the log is not valid\n"), r.out());
  }

  @Test
  void verify_droppedTailWithAnchoredHead_exitOne(@TempDir Path dir) throws IOException {
    String head = CliRunner.run("audit", "verify", SAMPLE_LOG).out().lines().filter(l -> l.startsWith("head "))
        .findFirst().orElseThrow().substring(5);
    List<String> lines = Files.readAllLines(Path.of(SAMPLE_LOG), StandardCharsets.UTF_8);
    Path log = dir.resolve("short.jsonl");
    Files.write(log, lines.subList(0, 5), StandardCharsets.UTF_8);
    assertEquals(0, CliRunner.run("audit", "verify", log.toString()).exit());
    CliRunner v = CliRunner.run("audit", "verify", log.toString(), "--head", head);
    assertEquals(1, v.exit());
    assertTrue(v.out().startsWith("INVALID " + log + ":6: truncated: the log ends at seq 5 but the anchored head is "
        + "seq 6: records were dropped from the end\n"), v.out());
  }

  @Test
  void verify_tornTail_exitOneWithLineNumber(@TempDir Path dir) throws IOException {
    assertEquals(0, append(dir, EVIDENCE, "2026-03-02T09:00:00Z").exit());
    Files.write(dir.resolve("d.jsonl"), "{\"clinigate\":{\"vers".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
    CliRunner v = CliRunner.run("audit", "verify", dir.resolve("d.jsonl").toString());
    assertEquals(1, v.exit());
    assertTrue(v.out().startsWith("INVALID " + dir.resolve("d.jsonl") + ":2: truncated: the last line is torn: 19 bytes "
        + "without a terminating newline"), v.out());
    CliRunner a = append(dir, EVIDENCE, "2026-03-03T09:00:00Z");
    assertEquals(2, a.exit());
    assertTrue(a.err().startsWith("ERROR: " + dir.resolve("d.jsonl") + ":2: the last line is torn (19 bytes"), a.err());
  }

  @Test
  void usageErrors_exitTwo(@TempDir Path dir) {
    CliRunner noFile = CliRunner.run("audit", "verify", dir.resolve("none.jsonl").toString());
    assertEquals(2, noFile.exit());
    assertEquals("ERROR: " + dir.resolve("none.jsonl") + ": file not found\nhint: check the path\n", noFile.err());
    CliRunner badHead = CliRunner.run("audit", "verify", SAMPLE_LOG, "--head", "abc");
    assertEquals(2, badHead.exit());
    assertEquals("ERROR: --head: a head is SEQ:SHA256, e.g. 12:3f5a...; found \"abc\"\n"
        + "hint: run 'clinigate audit verify LOG' to see the head of a log\n", badHead.err());
    CliRunner noKey = append(dir, EVIDENCE, "2026-03-02T09:00:00Z", "--phi-column", "mrn");
    assertEquals(2, noKey.exit());
    assertTrue(noKey.err().startsWith("ERROR: clinigate: masking needs --mask-key FILE"), noKey.err());
    assertFalse(Files.exists(dir.resolve("d.jsonl")));
    CliRunner missingArg = CliRunner.run("audit", "replay", SAMPLE_LOG);
    assertEquals(2, missingArg.exit());
    assertEquals("ERROR: clinigate audit replay: missing required options --policies DIR, --evidence DIR\n"
        + "hint: run 'clinigate audit replay --help' for usage\n", missingArg.err());
    CliRunner bare = CliRunner.run("audit");
    assertEquals(2, bare.exit());
    assertTrue(bare.err().contains("verify"), bare.err());
  }

  @Test
  void append_phiColumnMasked_mrnInNoWrittenByte(@TempDir Path dir) throws IOException {
    String mrn = "MRN-ZZ-918273";
    Path evidence = dir.resolve("phi-evidence.json");
    String text = Files.readString(Path.of(EVIDENCE), StandardCharsets.UTF_8).replace("\"groups\": {",
        "\"groups\": {\n    \"mrn\": {\"" + mrn + "\": {\"n\": 140, \"metrics\": {\"ece\": 0.19}}},");
    Files.writeString(evidence, text, StandardCharsets.UTF_8);
    Path policy = dir.resolve("policy.yaml");
    Files.writeString(policy, Files.readString(Path.of(POLICY), StandardCharsets.UTF_8)
        .replace("by: [sex, age_band, site]", "by: [sex, age_band, site, mrn]"), StandardCharsets.UTF_8);
    Path key = dir.resolve("mask.key");
    Files.writeString(key, "0123456789abcdef0123456789abcdef\n", StandardCharsets.US_ASCII);
    Path log = dir.resolve("d.jsonl");
    CliRunner a = CliRunner.run("audit", "append", log.toString(), "--policy", policy.toString(), "--evidence",
        evidence.toString(), "--at", "2026-03-02T09:00:00Z", "--phi-column", "mrn", "--mask-key", key.toString(),
        "--policies", dir.resolve("policies").toString(), "--evidence-store", dir.resolve("store").toString());
    assertEquals(0, a.exit(), a.err());
    assertTrue(a.out().contains("NO_GO, readmission-risk v3, 2 values masked"), a.out());
    assertFalse(Files.readString(log, StandardCharsets.UTF_8).contains(mrn));
    assertFalse(a.out().contains(mrn));
    // replay with the mask compares every byte; without it, the masked values are set aside and said so
    CliRunner full = CliRunner.run("audit", "replay", log.toString(), "--policies", dir.resolve("policies").toString(),
        "--evidence", dir.resolve("store").toString(), "--phi-column", "mrn", "--mask-key", key.toString());
    assertEquals(0, full.exit(), full.out());
    assertTrue(full.out().contains("seq 1  IDENTICAL  readmission-risk v3, NO_GO, evaluated at 2026-03-02T09:00:00Z\n"),
        full.out());
    CliRunner partial = CliRunner.run("audit", "replay", log.toString(), "--policies",
        dir.resolve("policies").toString(), "--evidence", dir.resolve("store").toString());
    assertTrue(partial.out().contains("; 2 masked values not compared (give the log's mask to compare them)"),
        partial.out());
    // the export withholds the evidence unless the mask is given, and then includes a masked copy
    CliRunner plain = CliRunner.run("audit", "export", "--decision", hash(log), "--log", log.toString(), "--policies",
        dir.resolve("policies").toString(), "--evidence", dir.resolve("store").toString(), "--out",
        dir.resolve("pkg").toString());
    assertEquals(0, plain.exit(), plain.err() + plain.out());
    assertFalse(Files.exists(dir.resolve("pkg/evidence.json")));
    CliRunner masked = CliRunner.run("audit", "export", "--decision", hash(log), "--log", log.toString(), "--policies",
        dir.resolve("policies").toString(), "--evidence", dir.resolve("store").toString(), "--out",
        dir.resolve("pkg2").toString(), "--phi-column", "mrn", "--mask-key", key.toString());
    assertEquals(0, masked.exit(), masked.err() + masked.out());
    assertTrue(Files.exists(dir.resolve("pkg2/evidence.masked.json")));
    for (Path pkg : List.of(dir.resolve("pkg"), dir.resolve("pkg2"))) {
      try (Stream<Path> files = Files.list(pkg)) {
        for (Path f : files.toList()) {
          assertFalse(Files.readString(f, StandardCharsets.UTF_8).contains(mrn), f.toString());
        }
      }
    }
  }

  private static String hash(Path log) throws IOException {
    String line = Files.readAllLines(log, StandardCharsets.UTF_8).get(0);
    int at = line.indexOf("\"hash\":\"") + 8;
    return line.substring(at, at + 12);
  }

  @Test
  void export_sampleDecision_directoryAndDeterministicZip(@TempDir Path dir) throws IOException {
    String hash = hash(Path.of(SAMPLE_LOG)).substring(0, 10);
    String[] args = {"audit", "export", "--decision", hash, "--log", SAMPLE_LOG, "--policies", "../samples/audit/policies",
        "--evidence", "../samples/audit/evidence", "--public-key", SAMPLE_KEY, "--out"};
    CliRunner d = CliRunner.run(concat(args, dir.resolve("pkg").toString()));
    assertEquals(0, d.exit(), d.err());
    assertEquals("exported seq 1 (NO_GO, readmission-risk v3) to " + dir.resolve("pkg") + ": 11 files\n"
        + "log: VALID; replay: IDENTICAL\n", d.out());
    try (Stream<Path> s = Files.list(dir.resolve("pkg"))) {
      assertEquals(List.of("SHA256SUMS", "approvals.json", "chain.jsonl", "contracts.json", "decision.json",
          "evidence.json", "policy.json", "record.jsonl", "summary.md", "verification.json", "waivers.json"),
          s.map(p -> p.getFileName().toString()).sorted().toList());
    }
    String summary = Files.readString(dir.resolve("pkg/summary.md"), StandardCharsets.UTF_8);
    assertTrue(summary.startsWith("# Evidence package: readmission-risk v3, NO_GO\n"), summary);
    assertTrue(summary.contains("| FAIL | yes | subgroup-calibration [site=east] | ECE for site=east is 0.146, above the "
        + "maximum 0.08 (n=7,968). |\n"), summary);
    assertTrue(summary.contains("| Log verification | VALID: 6 records, hash chain intact, 6 signatures verified"),
        summary);
    // every file is listed with its SHA-256
    for (String line : Files.readAllLines(dir.resolve("pkg/SHA256SUMS"), StandardCharsets.UTF_8)) {
      String[] parts = line.split("  ");
      assertEquals(parts[0], dev.clinigate.json.Json.sha256Hex(Files.readAllBytes(dir.resolve("pkg").resolve(parts[1]))));
    }
    // the chain in the package verifies on its own and ends with the record
    CliRunner v = CliRunner.run("audit", "verify", dir.resolve("pkg/chain.jsonl").toString());
    assertEquals(0, v.exit(), v.out());
    // two exports to ZIP are byte-identical
    assertEquals(0, CliRunner.run(concat(args, dir.resolve("a.zip").toString())).exit());
    assertEquals(0, CliRunner.run(concat(args, dir.resolve("b.zip").toString())).exit());
    assertArrayEquals(Files.readAllBytes(dir.resolve("a.zip")), Files.readAllBytes(dir.resolve("b.zip")));
    try (ZipFile z = new ZipFile(dir.resolve("a.zip").toFile())) {
      assertEquals(11, z.size());
      assertArrayEquals(Files.readAllBytes(dir.resolve("pkg/decision.json")),
          z.getInputStream(z.getEntry("decision.json")).readAllBytes());
    }
    // an existing, non-empty directory is refused
    CliRunner again = CliRunner.run(concat(args, dir.resolve("pkg").toString()));
    assertEquals(2, again.exit());
    assertTrue(again.err().startsWith("ERROR: " + dir.resolve("pkg") + ": the directory is not empty"), again.err());
    CliRunner unknown = CliRunner.run("audit", "export", "--decision", "00000000", "--log", SAMPLE_LOG, "--policies",
        "../samples/audit/policies", "--evidence", "../samples/audit/evidence", "--out", dir.resolve("x").toString());
    assertEquals(2, unknown.exit());
    assertEquals("ERROR: ../samples/audit/decisions.jsonl: no record's hash starts with 00000000\n"
        + "hint: give the \"hash\" of a record in this log\n", unknown.err());
  }

  private static String[] concat(String[] a, String last) {
    String[] out = java.util.Arrays.copyOf(a, a.length + 1);
    out[a.length] = last;
    return out;
  }
}
