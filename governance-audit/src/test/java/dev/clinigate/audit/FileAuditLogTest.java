package dev.clinigate.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.Decision;
import dev.clinigate.InputException;
import dev.clinigate.json.Json;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileAuditLogTest {

  private static List<AuditRecord> appendN(FileAuditLog log, int n) {
    List<AuditRecord> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(log.append(Fixtures.decision(i), Fixtures.evidence(i)));
    }
    return out;
  }

  @Test
  void append_records_chainFromGenesisAndReadBack(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("d.jsonl");
    FileAuditLog log = FileAuditLog.open(file);
    assertEquals(List.of(), log.records());
    assertEquals(Optional.empty(), log.last());
    List<AuditRecord> written = appendN(log, 5);
    assertEquals(written, log.records());
    assertEquals(Optional.of(written.get(4)), log.last());
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertEquals(5, lines.size());
    assertEquals(AuditChain.GENESIS, written.get(0).prev());
    for (int i = 0; i < 5; i++) {
      AuditRecord r = written.get(i);
      assertEquals(i + 1L, r.seq());
      assertEquals(lines.get(i), r.line());
      assertTrue(r.hashMatches());
      assertTrue(r.hashMatches(lines.get(i)));
      assertEquals(Fixtures.decision(i).toJson(), r.decision());
      assertEquals(Optional.of(Fixtures.T0.plusSeconds(3600L * i)), r.evaluatedAt());
      assertEquals("readmission-risk", r.policy().name());
      assertEquals("3", r.policy().versionText());
      assertEquals(Fixtures.POLICY.sha256(), r.policy().sha256());
      assertEquals(Fixtures.evidence(i).sha256(), r.evidenceSha256());
      if (i > 0) {
        assertEquals(Json.sha256Hex(lines.get(i - 1).getBytes(StandardCharsets.UTF_8)), r.prev());
      }
    }
    assertTrue(Files.readString(file, StandardCharsets.UTF_8).endsWith("}\n"));
    Verification v = AuditVerifier.standard().verify(file);
    assertTrue(v.valid(), v.render());
    assertEquals(List.of(), v.warnings());
  }

  @Test
  void record_layout_isTheDocumentedCanonicalLine(@TempDir Path dir) {
    AuditRecord r = FileAuditLog.open(dir.resolve("d.jsonl")).append(Fixtures.decision(0), Fixtures.evidence(0));
    String line = r.line();
    assertTrue(line.startsWith("{\"clinigate\":{\"version\":\""), line);
    assertTrue(line.contains("\"evaluatedAt\":\"2026-01-05T09:00:00Z\",\"evidence\":{\"sha256\":\""
        + Fixtures.evidence(0).sha256() + "\"},\"hash\":\"" + r.hash() + "\",\"masked\":[],\"policy\":{\"name\":"
        + "\"readmission-risk\",\"sha256\":\"" + Fixtures.POLICY.sha256() + "\",\"version\":3},\"prev\":\""
        + AuditChain.GENESIS + "\",\"seq\":1}"), line);
    assertEquals(r, AuditRecord.parse(line, "x", 1));
  }

  @Test
  void verify_tornLastLine_reportedWithItsLineNumber(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("crash.jsonl");
    appendN(FileAuditLog.open(file), 5);
    long size = Files.size(file);
    String last = Files.readAllLines(file, StandardCharsets.UTF_8).get(4);
    // a crash in the middle of writing record 5: only part of its line reached the disk
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(size - 1 - last.length() / 2);
    }
    Verification v = AuditVerifier.standard().verify(file);
    assertFalse(v.valid());
    assertEquals(new Verification.Failure(5, Verification.Kind.TRUNCATED, "the last line is torn: "
        + (last.length() - last.length() / 2) + " bytes without a terminating newline (an append was cut short by a "
        + "crash, or the file was truncated)"), v.failure().orElseThrow());
    assertEquals(4, v.records());
  }

  @Test
  void append_afterTornTail_refusedNamingTheLine(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("torn.jsonl");
    FileAuditLog log = FileAuditLog.open(file);
    appendN(log, 3);
    Files.write(file, "{\"clinig".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
    byte[] before = Files.readAllBytes(file);
    InputException e = assertThrows(InputException.class, () -> log.append(Fixtures.decision(9), Fixtures.evidence(9)));
    assertEquals("ERROR: " + file + ":4: the last line is torn (8 bytes without a terminating newline): an earlier "
        + "append was cut short, so nothing more is appended\nhint: run 'clinigate audit verify " + file
        + "' and have the log's owner repair it", e.getMessage());
    assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(file)), "nothing may be written after a torn line");
    assertThrows(InputException.class, log::records);
  }

  @Test
  void append_lastLineNotARecord_refused(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.jsonl");
    FileAuditLog log = FileAuditLog.open(file);
    appendN(log, 2);
    Files.write(file, "{\"seq\":3}\n".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
    InputException e = assertThrows(InputException.class, () -> log.append(Fixtures.decision(9), Fixtures.evidence(9)));
    assertTrue(e.getMessage().startsWith("ERROR: " + file + ":3: missing member \"evaluatedAt\""), e.getMessage());
  }

  @Test
  void append_evidenceOfAnotherDecision_rejected(@TempDir Path dir) {
    FileAuditLog log = FileAuditLog.open(dir.resolve("d.jsonl"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> log.append(Fixtures.decision(1), Fixtures.evidence(2)));
    assertTrue(e.getMessage().startsWith("the evidence (sha256 " + Fixtures.evidence(2).sha256()
        + ") is not the evidence of the decision"), e.getMessage());
  }

  @Test
  void append_signed_verifiesOnlyWithTheOwnersKey(@TempDir Path dir) {
    KeyPair owner = Keys.ed25519("owner");
    Path file = dir.resolve("signed.jsonl");
    FileAuditLog log = FileAuditLog.open(file, AuditChain.builder().signWith(owner.getPrivate()).build());
    List<AuditRecord> written = appendN(log, 3);
    assertTrue(written.stream().allMatch(r -> r.sig().isPresent()));
    Verification good = AuditVerifier.builder().publicKey(owner.getPublic()).build().verify(file);
    assertTrue(good.valid(), good.render());
    assertEquals(3, good.signaturesVerified());
    Verification other = AuditVerifier.builder().publicKey(Keys.ed25519("someone else").getPublic()).build().verify(file);
    assertEquals(new Verification.Failure(1, Verification.Kind.BAD_SIGNATURE, "the signature does not verify with "
        + "the public key: the record was rewritten and re-hashed, or signed with another key"),
        other.failure().orElseThrow());
    Verification unchecked = AuditVerifier.standard().verify(file);
    assertTrue(unchecked.valid());
    assertEquals(List.of(new Verification.Warning(0, "3 records are signed but no public key was given, so their "
        + "signatures were not checked")), unchecked.warnings());
  }

  @Test
  void signWith_notAnEd25519Key_rejectedAtBuild() throws Exception {
    java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AuditChain.builder().signWith(g.generateKeyPair().getPrivate()));
    assertTrue(e.getMessage().startsWith("cannot sign with this key (an Ed25519 private key is needed)"), e.getMessage());
  }

  @Test
  void verify_decisionWithoutEvaluationTime_warnsButValid(@TempDir Path dir) {
    Path file = dir.resolve("d.jsonl");
    Decision undated = Fixtures.POLICY.evaluate(Fixtures.evidence(3));
    FileAuditLog.open(file).append(undated, Fixtures.evidence(3));
    Verification v = AuditVerifier.standard().verify(file);
    assertTrue(v.valid());
    assertEquals(List.of(new Verification.Warning(1, "the decision has no evaluation time (it was evaluated without "
        + "--at or a Clock), so the record does not say when it was made")), v.warnings());
    assertEquals(Optional.empty(), FileAuditLog.open(file).last().orElseThrow().evaluatedAt());
  }

  @Test
  void verify_missingFile_inputException(@TempDir Path dir) {
    InputException e = assertThrows(InputException.class,
        () -> AuditVerifier.standard().verify(dir.resolve("none.jsonl")));
    assertTrue(e.getMessage().endsWith("none.jsonl: file not found\nhint: check the path"), e.getMessage());
  }

  @Test
  void verify_anchoredHeadAfterMoreAppends_validWithWarning(@TempDir Path dir) {
    Path file = dir.resolve("d.jsonl");
    FileAuditLog log = FileAuditLog.open(file);
    appendN(log, 3);
    Verification.Head head = AuditVerifier.standard().verify(file).head().orElseThrow();
    assertEquals(head, Verification.Head.parse(head.toString()));
    log.append(Fixtures.decision(7), Fixtures.evidence(7));
    Verification v = AuditVerifier.builder().expectHead(head).build().verify(file);
    assertTrue(v.valid(), v.render());
    assertEquals(List.of(new Verification.Warning(0, "1 records were appended after the anchored head " + head)),
        v.warnings());
  }

  @Test
  void recordConstructor_badValues_preciseMessages() {
    AuditRecord r = FileAuditLogTest.sample();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AuditRecord(0, r.evaluatedAt(),
        r.decision(), r.policy(), r.evidenceSha256(), r.clinigateVersion(), r.masked(), r.prev(), r.hash(), r.sig()));
    assertEquals("seq must be >= 1, found 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new AuditRecord(1, r.evaluatedAt(), r.decision(), r.policy(),
        r.evidenceSha256(), r.clinigateVersion(), r.masked(), "ABC", r.hash(), r.sig()));
    assertEquals("prev must be 64 lower-case hex digits, found 3 characters that are not", e.getMessage());
  }

  static AuditRecord sample() {
    return AuditChain.defaults().next(Optional.empty(), Fixtures.decision(0), Optional.empty());
  }
}
