package dev.clinigate.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.json.Json;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every single-record change, deletion, insertion, neighbour swap and truncation of a log of 120 records is
 * detected by {@link AuditVerifier}, at the right line: 100%, not a sample.
 *
 * <p>What a hash chain alone cannot detect is tested with what does detect it: records dropped from the end
 * and a last record rewritten with a fresh hash need an anchored head; a forged record appended at the end
 * needs signatures. Ed25519 verification is slow in the JDK (about a millisecond), so the signed mutations run
 * on a log of {@value #SIGNED_N} records, at every position too.
 */
class AuditMutationTest {
  private static final int N = 120;
  private static final int SIGNED_N = 24;
  private static final KeyPair OWNER = Keys.ed25519("log owner");
  private static final KeyPair ATTACKER = Keys.ed25519("attacker");

  private static List<AuditRecord> records;
  private static List<String> lines;
  private static List<AuditRecord> signedRecords;
  private static List<String> signedLines;

  @BeforeAll
  static void writeLogs() {
    records = chain(AuditChain.defaults(), N);
    lines = records.stream().map(AuditRecord::line).toList();
    signedRecords = chain(AuditChain.builder().signWith(OWNER.getPrivate()).build(), SIGNED_N);
    signedLines = signedRecords.stream().map(AuditRecord::line).toList();
  }

  private static List<AuditRecord> chain(AuditChain chain, int n) {
    List<AuditRecord> out = new ArrayList<>();
    Optional<AuditRecord> prev = Optional.empty();
    for (int i = 0; i < n; i++) {
      AuditRecord r = chain.next(prev, Fixtures.decision(i), Optional.of(Fixtures.evidence(i)));
      out.add(r);
      prev = Optional.of(r);
    }
    return out;
  }

  private static byte[] join(List<String> ls) {
    StringBuilder b = new StringBuilder();
    for (String l : ls) {
      b.append(l).append('\n');
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static Verification.Head head(List<String> ls) {
    return new Verification.Head(ls.size(), Json.sha256Hex(ls.get(ls.size() - 1).getBytes(StandardCharsets.UTF_8)));
  }

  private static final AuditVerifier PLAIN = AuditVerifier.standard();

  private static AuditVerifier anchored(List<String> ls) {
    return AuditVerifier.builder().expectHead(head(ls)).build();
  }

  private static AuditVerifier signedVerifier() {
    return AuditVerifier.builder().publicKey(OWNER.getPublic()).build();
  }

  private static void assertDetected(Verification v, long line, Verification.Kind kind, String what) {
    assertFalse(v.valid(), what + ": not detected");
    Verification.Failure f = v.failure().orElseThrow();
    assertEquals(line, f.line(), what + ": " + v.render());
    assertEquals(kind, f.kind(), what + ": " + v.render());
  }

  @Test
  void verify_untouchedLogs_valid() {
    Verification v = PLAIN.verify(join(lines), "log");
    assertTrue(v.valid(), v.render());
    assertEquals(N, v.records());
    assertEquals(head(lines), v.head().orElseThrow());
    assertTrue(anchored(lines).verify(join(lines), "log").valid());
    Verification s = signedVerifier().verify(join(signedLines), "signed");
    assertTrue(s.valid(), s.render());
    assertEquals(SIGNED_N, s.signaturesVerified());
    assertEquals("VALID signed: 24 records, hash chain intact, 24 of 24 signatures verified\nhead " + head(signedLines)
        + "\n", s.render());
  }

  /** The record with one member of its decision changed, as a careless or malicious edit would. */
  private static String edit(AuditRecord r, boolean rehash) {
    JsonObject d = r.decision();
    Map<String, JsonValue> m = new LinkedHashMap<>(d.members());
    m.put("verdict", JsonValue.of(r.verdict().equals("GO") ? "NO_GO" : "GO"));
    JsonObject changed = new JsonObject(m);
    AuditRecord x = new AuditRecord(r.seq(), r.evaluatedAt(), changed, r.policy(), r.evidenceSha256(),
        r.clinigateVersion(), r.masked(), r.prev(), r.hash(), r.sig());
    if (rehash) {
      x = new AuditRecord(x.seq(), x.evaluatedAt(), x.decision(), x.policy(), x.evidenceSha256(), x.clinigateVersion(),
          x.masked(), x.prev(), x.computedHash(), x.sig());
    }
    return x.line();
  }

  private static List<String> replace(List<String> ls, int i, String line) {
    List<String> out = new ArrayList<>(ls);
    out.set(i, line);
    return out;
  }

  @Test
  void verify_everySingleRecordChange_detectedAtThatLine() {
    int detected = 0;
    for (int i = 0; i < N; i++) {
      long line = i + 1L;
      // 1. an edit that leaves the hash alone
      assertDetected(PLAIN.verify(join(replace(lines, i, edit(records.get(i), false))), "log"), line,
          Verification.Kind.CHANGED, "edit of record " + line);
      // 2. an edit with a recomputed hash: the next record's prev gives it away; the last needs the anchor
      List<String> rehashed = replace(lines, i, edit(records.get(i), true));
      if (i < N - 1) {
        assertDetected(PLAIN.verify(join(rehashed), "log"), line + 1, Verification.Kind.CHANGED, "rehashed edit " + line);
      } else {
        assertTrue(PLAIN.verify(join(rehashed), "log").valid(), "a chain alone cannot see a rehashed last record");
      }
      assertDetected(anchored(lines).verify(join(rehashed), "log"), i < N - 1 ? line + 1 : line,
          Verification.Kind.CHANGED, "anchored rehashed edit " + line);
      // 4. one byte changed in the middle of the line (whatever it hits)
      String l = lines.get(i);
      int at = l.length() / 2;
      char c = l.charAt(at);
      String flipped = l.substring(0, at) + (c == '0' ? '1' : '0') + l.substring(at + 1);
      Verification v = PLAIN.verify(join(replace(lines, i, flipped)), "log");
      assertFalse(v.valid(), "byte flip in line " + line);
      assertEquals(line, v.failure().orElseThrow().line(), v.render());
      detected += 3;
    }
    for (int i = 0; i < SIGNED_N; i++) {
      long line = i + 1L;
      // with signatures, the rehashed record itself fails
      assertDetected(signedVerifier().verify(join(replace(signedLines, i, edit(signedRecords.get(i), true))), "s"),
          line, Verification.Kind.BAD_SIGNATURE, "signed rehashed edit " + line);
      // a stripped signature
      String stripped = signedLines.get(i).replaceAll(",\"sig\":\"[^\"]*\"", "");
      assertDetected(signedVerifier().verify(join(replace(signedLines, i, stripped)), "s"), line,
          Verification.Kind.UNSIGNED, "stripped signature " + line);
      detected += 2;
    }
    assertEquals(3 * N + 2 * SIGNED_N, detected);
  }

  @Test
  void verify_everySingleDeletion_detected() {
    for (int i = 0; i < N; i++) {
      List<String> ls = new ArrayList<>(lines);
      ls.remove(i);
      if (i < N - 1) {
        assertDetected(PLAIN.verify(join(ls), "log"), i + 1L, Verification.Kind.DROPPED, "deletion of " + (i + 1));
      } else {
        assertTrue(PLAIN.verify(join(ls), "log").valid(), "a shorter chain is a valid chain");
        assertDetected(anchored(lines).verify(join(ls), "log"), N, Verification.Kind.TRUNCATED, "deletion of the last");
      }
    }
  }

  @Test
  void verify_everySingleInsertion_detected() {
    for (int p = 0; p <= N; p++) {
      // a copy of a neighbouring record
      int source = p == 0 ? 1 : p - 1;
      List<String> ls = new ArrayList<>(lines);
      ls.add(p, lines.get(source));
      Verification v = PLAIN.verify(join(ls), "log");
      assertFalse(v.valid(), "copy inserted at " + p);
      assertEquals(p + 1L, v.failure().orElseThrow().line(), v.render());
      assertEquals(Verification.Kind.INSERTED, v.failure().orElseThrow().kind(), v.render());
    }
    for (int p = 0; p <= SIGNED_N; p++) {
      // a forged record, well formed and chained to its predecessor, signed with another key
      AuditChain forger = AuditChain.builder().signWith(ATTACKER.getPrivate()).build();
      Optional<AuditRecord> before = p == 0 ? Optional.empty() : Optional.of(signedRecords.get(p - 1));
      AuditRecord forged = forger.next(before, Fixtures.decision(1000 + p), Optional.empty());
      List<String> fs = new ArrayList<>(signedLines);
      fs.add(p, forged.line());
      assertDetected(signedVerifier().verify(join(fs), "s"), p + 1L, Verification.Kind.BAD_SIGNATURE,
          "forged insertion at " + p);
    }
  }

  @Test
  void verify_everyNeighbourSwap_detected() {
    for (int i = 0; i < N - 1; i++) {
      List<String> ls = new ArrayList<>(lines);
      ls.set(i, lines.get(i + 1));
      ls.set(i + 1, lines.get(i));
      assertDetected(PLAIN.verify(join(ls), "log"), i + 1L, Verification.Kind.REORDERED, "swap " + (i + 1));
    }
  }

  @Test
  void verify_everyTruncation_detected() {
    byte[] full = join(lines);
    int detected = 0;
    int offset = 0;
    for (int i = 0; i < N; i++) {
      int len = lines.get(i).getBytes(StandardCharsets.UTF_8).length;
      // cut inside line i+1: after its first byte, in its middle, and just before its newline
      for (int cut : new int[] {1, len / 2, len}) {
        byte[] torn = java.util.Arrays.copyOf(full, offset + cut);
        Verification v = PLAIN.verify(torn, "log");
        assertDetected(v, i + 1L, Verification.Kind.TRUNCATED, "cut at " + (offset + cut));
        assertTrue(v.render().contains("log:" + (i + 1) + ": truncated: the last line is torn: " + cut
            + " bytes without a terminating newline"), v.render());
        detected++;
      }
      // cut at the line boundary before line i+1: whole records dropped from the end
      byte[] shorter = java.util.Arrays.copyOf(full, offset);
      assertDetected(anchored(lines).verify(shorter, "log"), i + 1L, Verification.Kind.TRUNCATED, "records dropped after " + i);
      detected++;
      offset += len + 1;
    }
    assertEquals(4 * N, detected);
  }

  @Test
  void verify_transformations_detectedAsMalformed() {
    String crlf = String.join("\r\n", lines) + "\r\n";
    assertDetected(PLAIN.verify(crlf.getBytes(StandardCharsets.UTF_8), "log"), 1, Verification.Kind.MALFORMED, "CRLF");
    String pretty = lines.get(3).replace(",\"seq\":", ", \"seq\":");
    assertDetected(PLAIN.verify(join(replace(lines, 3, pretty)), "log"), 4, Verification.Kind.MALFORMED, "whitespace");
    assertDetected(PLAIN.verify(join(replace(lines, 7, "not json")), "log"), 8, Verification.Kind.MALFORMED, "garbage");
    byte[] bad = join(lines);
    bad[10] = (byte) 0xFF;
    assertDetected(PLAIN.verify(bad, "log"), 1, Verification.Kind.MALFORMED, "not UTF-8");
  }

  @Test
  void verify_wrongGenesis_reportsDroppedStart() {
    List<String> tail = lines.subList(10, N);
    Verification v = PLAIN.verify(join(tail), "log");
    assertDetected(v, 1, Verification.Kind.DROPPED, "head dropped and renumbering impossible");
    // a log that continues another one verifies with that log's last line hash as genesis
    AuditChain continued = AuditChain.builder().genesis(head(lines).sha256()).build();
    AuditRecord first = continued.next(Optional.empty(), Fixtures.decision(7), Optional.empty());
    assertEquals(head(lines).sha256(), first.prev());
    assertTrue(AuditVerifier.builder().genesis(head(lines).sha256()).build()
        .verify(join(List.of(first.line())), "next").valid());
  }

  @Test
  void verify_messages_nameTheLineAndCause() {
    List<String> ls = new ArrayList<>(lines);
    ls.remove(41);
    ls.remove(41);
    assertEquals("INVALID log:42: dropped: line 42 holds seq 44 where seq 42 was expected: 2 records were dropped "
        + "before it\n41 records before line 42 verified; nothing after it was checked\nhead 41:"
        + Json.sha256Hex(lines.get(40).getBytes(StandardCharsets.UTF_8)) + "\n", PLAIN.verify(join(ls), "log").render());
    Function<Integer, String> changed = i -> PLAIN.verify(join(replace(lines, i, edit(records.get(i), false))), "log")
        .failure().orElseThrow().message();
    assertEquals("the record's hash does not match its content: the record was changed after it was written",
        changed.apply(5));
  }
}
