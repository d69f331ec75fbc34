package dev.clinigate.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.Decision;
import dev.clinigate.Evidence;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import dev.clinigate.json.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A distinctive patient identifier in the evidence never reaches a written byte. */
class PhiMaskTest {
  private static final String MRN = "MRN-ZZ-918273";
  private static final byte[] KEY = "a host secret of 32 bytes.......".getBytes(StandardCharsets.US_ASCII);

  private static final Evidence EVIDENCE = Fixtures.phiEvidence(MRN);
  private static final Decision DECISION = Fixtures.POLICY.evaluate(EVIDENCE);

  private static PhiMask hmacMask() {
    return PhiMask.builder().phiColumn("mrn").hmacKey(KEY).build();
  }

  /** The rule results' JSON, so tests can find the one about a subject. */
  private static JsonObject rule(JsonObject decision, int index) {
    return (JsonObject) ((dev.clinigate.json.JsonArray) decision.get("rules").orElseThrow()).get(index);
  }

  private static String text(JsonObject o, String key) {
    return ((JsonString) o.get(key).orElseThrow()).value();
  }

  @Test
  void unmasked_decision_containsTheSeededValue() {
    // the premise: without a mask the identifier would be written
    assertTrue(DECISION.toCanonicalJson().contains("mrn=" + MRN), DECISION.toCanonicalJson());
  }

  @Test
  void append_phiColumnMasked_seededValueInNoWrittenByte(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("phi.jsonl");
    FileAuditLog log = FileAuditLog.open(file, AuditChain.builder().mask(hmacMask()).build());
    AuditRecord r = log.append(DECISION, EVIDENCE);
    log.append(DECISION, EVIDENCE);
    for (Path p : filesUnder(dir)) {
      byte[] bytes = Files.readAllBytes(p);
      assertFalse(contains(bytes, MRN.getBytes(StandardCharsets.UTF_8)), p + " holds the MRN");
      assertFalse(contains(bytes, MRN.getBytes(StandardCharsets.UTF_16BE)), p + " holds the MRN (UTF-16)");
      assertFalse(contains(bytes, "MRN-AA-000001".getBytes(StandardCharsets.UTF_8)), p + " holds the other MRN");
    }
    // the record says what was masked, and a key holder can still find the patient
    String masked = hmacMask().maskedForm(MRN);
    assertTrue(masked.matches("hmac-sha256:[0-9a-f]{64}"), masked);
    int failing = indexOfSubject(r.decision(), "mrn=" + masked);
    JsonObject result = rule(r.decision(), failing);
    assertEquals("FAIL", text(result, "status"));
    assertEquals("ECE for mrn=" + masked + " is 0.19, above the maximum 0.08 (n=140).", text(result, "message"));
    assertTrue(r.masked().contains("$.decision.rules[" + failing + "].subject"), r.masked().toString());
    assertTrue(r.masked().contains("$.decision.rules[" + failing + "].message"), r.masked().toString());
    assertEquals(4, r.masked().size(), r.masked().toString());
    assertTrue(AuditVerifier.standard().verify(file).valid());
    // masking is deterministic: the same key gives the same record content
    assertEquals(r.decision(), log.records().get(1).decision());
  }

  @Test
  void append_removeMode_valuesDroppedAndListed(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("phi.jsonl");
    PhiMask remove = PhiMask.builder().phiColumn("mrn").remove().build();
    AuditRecord r = FileAuditLog.open(file, AuditChain.builder().mask(remove).build()).append(DECISION, EVIDENCE);
    assertFalse(Files.readString(file, StandardCharsets.UTF_8).contains(MRN));
    assertFalse(Files.readString(file, StandardCharsets.UTF_8).contains("MRN-AA"));
    List<Integer> without = new ArrayList<>();
    dev.clinigate.json.JsonArray rules = (dev.clinigate.json.JsonArray) r.decision().get("rules").orElseThrow();
    for (int i = 0; i < rules.size(); i++) {
      if (!((JsonObject) rules.get(i)).has("subject")) {
        without.add(i);
      }
    }
    assertEquals(2, without.size());
    assertEquals(List.of("$.decision.rules[" + without.get(0) + "].message", "$.decision.rules[" + without.get(0)
        + "].subject", "$.decision.rules[" + without.get(1) + "].message", "$.decision.rules[" + without.get(1)
        + "].subject"), r.masked());
  }

  @Test
  void mask_shortValue_onlyWholeTokens() {
    // "F" is a site here and, for this test, declared PHI: "site=F" is masked, "FAIL" and "ECE" are not
    PhiMask mask = PhiMask.builder().phiColumns(List.of("mrn", "site")).hmacKey(KEY).build();
    PhiMask.Result r = mask.apply(DECISION.toJson(), Optional.of(EVIDENCE.json()));
    int i = indexOfSubject(r.decision(), "site=" + mask.maskedForm("F"));
    JsonObject result = rule(r.decision(), i);
    assertEquals("FAIL", text(result, "status"));
    assertEquals("ECE for site=" + mask.maskedForm("F") + " is 0.09, above the maximum 0.08 (n=900).",
        text(result, "message"));
  }

  @Test
  void mask_groupColumnPath_masksSubgroupNamesSubjectsAndExplanationsButNoNumber() {
    // --mask-path '$.groups.mrn': the subgroup values are what is sensitive, not the metrics below them
    PhiMask mask = PhiMask.builder().evidencePath("$.groups.mrn").hmacKey(KEY).build();
    PhiMask.Result r = mask.apply(DECISION.toJson(), Optional.of(EVIDENCE.json()));
    String all = r.decision().toString();
    assertFalse(all.contains(MRN), all);
    assertFalse(all.contains("MRN-AA-000001"), all);
    int i = indexOfSubject(r.decision(), "mrn=" + mask.maskedForm(MRN));
    assertEquals("ECE for mrn=" + mask.maskedForm(MRN) + " is 0.19, above the maximum 0.08 (n=140).",
        text(rule(r.decision(), i), "message"));
    // numbers of other results are untouched: no substring replacement of 140, 150, 0.19 or 0.02
    JsonObject unmasked = DECISION.toJson();
    dev.clinigate.json.JsonArray before = (dev.clinigate.json.JsonArray) unmasked.get("rules").orElseThrow();
    dev.clinigate.json.JsonArray after = (dev.clinigate.json.JsonArray) r.decision().get("rules").orElseThrow();
    for (int k = 0; k < before.size(); k++) {
      String subject = String.valueOf(((JsonObject) before.get(k)).get("subject").orElse(null));
      if (!subject.contains("mrn=")) {
        assertEquals(before.get(k), after.get(k), "rule " + k + " is not about an MRN and must not change");
      }
    }
    assertEquals(4, r.maskedPaths().size(), r.maskedPaths().toString());
  }

  @Test
  void mask_oneSubgroupPath_masksThatValueOnly() {
    PhiMask mask = PhiMask.builder().evidencePath("$.groups.mrn['" + MRN + "'].n").hmacKey(KEY).build();
    String all = mask.apply(DECISION.toJson(), Optional.of(EVIDENCE.json())).decision().toString();
    assertFalse(all.contains(MRN), all);
    assertTrue(all.contains("mrn=MRN-AA-000001"), all);
    assertTrue(all.contains("(n=140)"), all);
  }

  @Test
  void mask_phiColumn_matchesCaseInsensitively() {
    PhiMask mask = PhiMask.builder().phiColumn("MRN").hmacKey(KEY).build();
    PhiMask.Result r = mask.apply(DECISION.toJson(), Optional.of(EVIDENCE.json()));
    assertFalse(r.decision().toString().contains(MRN), r.decision().toString());
    assertEquals(hmacMask().apply(DECISION.toJson(), Optional.of(EVIDENCE.json())).decision(), r.decision());
  }

  @Test
  void mask_evidenceString_masksWholeTokensOnly() {
    // an evidence path holding a string: masked where it stands as a token, never inside a longer word
    Evidence e = Evidence.builder().n(5000).metric("auroc", 0.81).metric("ece", 0.031)
        .group("site", "MRN-4711", Evidence.builder().n(300).metric("ece", 0.09))
        .group("site", "MRN-47110", Evidence.builder().n(300).metric("ece", 0.09)).build();
    Decision d = Fixtures.POLICY.evaluate(e);
    PhiMask mask = PhiMask.builder().evidencePath("$.groups.site['MRN-4711']").hmacKey(KEY).build();
    String all = mask.apply(d.toJson(), Optional.of(e.json())).decision().toString();
    assertTrue(all.contains("site=" + mask.maskedForm("MRN-4711") + " "), all);
    assertTrue(all.contains("site=MRN-47110 "), all); // another patient's value is not a substring match
  }

  @Test
  void mask_decisionPath_replacesWholeValues() {
    PhiMask mask = PhiMask.builder().decisionPath("$.rules[*].subject").hmacKey(KEY).build();
    assertFalse(mask.needsEvidence());
    PhiMask.Result r = mask.apply(DECISION.toJson(), Optional.empty());
    int i = indexOfSubject(r.decision(), mask.maskedForm("mrn=" + MRN));
    assertTrue(i >= 0);
    // a null subject (whole-set results) is a value too and is hashed as its canonical JSON
    assertEquals(mask.maskedForm("null"), text(rule(r.decision(), 0), "subject"));
  }

  @Test
  void mask_needsEvidenceButNoneGiven_refuses() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FileAuditLog.open(Path.of("never-written.jsonl"), AuditChain.builder().mask(hmacMask()).build())
            .append(DECISION));
    assertTrue(e.getMessage().startsWith("this mask lists evidence paths or PHI columns, so it needs the evidence"),
        e.getMessage());
    assertFalse(Files.exists(Path.of("never-written.jsonl")));
  }

  @Test
  void builder_misuse_preciseMessages() {
    assertEquals("say how to mask: hmacKey(key) or remove()", assertThrows(IllegalStateException.class,
        () -> PhiMask.builder().phiColumn("mrn").build()).getMessage());
    assertEquals("an HMAC key needs at least 16 bytes, found 3", assertThrows(IllegalArgumentException.class,
        () -> PhiMask.builder().hmacKey(new byte[3])).getMessage());
    assertEquals("invalid JSON path \"rules[0]\" at position 1: a path starts with '$'",
        assertThrows(IllegalArgumentException.class, () -> PhiMask.builder().decisionPath("rules[0]")).getMessage());
    assertTrue(PhiMask.builder().build().isEmpty());
    assertEquals("this mask removes values; there is no masked form", assertThrows(IllegalStateException.class,
        () -> PhiMask.builder().phiColumn("x").remove().build().maskedForm("y")).getMessage());
  }

  @Test
  void mask_structuralFields_neverScanned() {
    // a PHI value equal to a status must not corrupt the decision's structure
    Evidence e = Evidence.builder().n(5000).metric("auroc", 0.81).metric("ece", 0.031)
        .group("mrn", "PASS", Evidence.builder().n(300).metric("ece", 0.01))
        .group("site", "east", Evidence.builder().n(300).metric("ece", 0.01)).build();
    Decision d = Fixtures.POLICY.evaluate(e);
    PhiMask.Result r = hmacMask().apply(d.toJson(), Optional.of(e.json()));
    String json = r.decision().toString();
    assertTrue(json.contains("\"status\":\"PASS\""), json);
    assertTrue(json.contains("\"verdict\":\"GO\""), json);
    assertFalse(json.contains("mrn=PASS"), json);
    JsonValue policy = r.decision().get("policy").orElseThrow();
    assertEquals(d.toJson().get("policy").orElseThrow(), policy);
  }

  private static int indexOfSubject(JsonObject decision, String subject) {
    dev.clinigate.json.JsonArray rules = (dev.clinigate.json.JsonArray) decision.get("rules").orElseThrow();
    for (int i = 0; i < rules.size(); i++) {
      if (((JsonObject) rules.get(i)).get("subject").equals(Optional.of(new JsonString(subject)))) {
        return i;
      }
    }
    throw new AssertionError("no rule with subject " + subject + " in " + decision);
  }

  private static List<Path> filesUnder(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
