package dev.clinigate.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.Decision;
import dev.clinigate.Evidence;
import dev.clinigate.InputException;
import dev.clinigate.PromotionPolicy;
import dev.clinigate.audit.AuditChain;
import dev.clinigate.audit.AuditRecord;
import dev.clinigate.audit.FileAuditLog;
import dev.clinigate.audit.PhiMask;
import dev.clinigate.dsl.PolicyYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditReplayTest {
  private static final String POLICY = "apiVersion: clinigate/v1\nkind: PromotionPolicy\n"
      + "metadata: {name: readmission-risk, version: 3}\nspec:\n  gates:\n"
      + "    - {id: calibration, metric: ece, max: 0.05}\n"
      + "    - {id: subgroup-calibration, metric: ece, by: [mrn], max: 0.08}\n";
  private static final String MRN = "MRN-ZZ-918273";
  private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private static Evidence evidence(double ece) {
    return Evidence.builder().n(900).metric("ece", ece)
        .group("mrn", MRN, Evidence.builder().n(120).metric("ece", 0.11)).build();
  }

  private static Decision decision(PromotionPolicy p, Evidence e, int day) {
    return p.evaluate(e, Clock.fixed(Instant.parse("2026-02-01T08:00:00Z").plusSeconds(86_400L * day), ZoneOffset.UTC));
  }

  @Test
  void replay_storedInputs_identical(@TempDir Path dir) {
    PromotionPolicy p = PolicyYaml.parsePromotion(POLICY, "p.yaml");
    ContentStore policies = ContentStore.at(dir.resolve("policies"));
    ContentStore evidence = ContentStore.at(dir.resolve("evidence"));
    FileAuditLog log = FileAuditLog.open(dir.resolve("d.jsonl"));
    for (int i = 0; i < 3; i++) {
      Evidence e = evidence(0.03 + i * 0.01);
      policies.put(p);
      evidence.put(e);
      log.append(decision(p, e, i), e);
    }
    ReplayReport r = AuditReplay.replay(log.records(), "d.jsonl", policies, evidence, PhiMask.none());
    assertTrue(r.allReproduced(), r.render());
    assertEquals("REPLAYED d.jsonl: 3 decisions, 3 byte-identical\n"
        + "seq 1  IDENTICAL  readmission-risk v3, NO_GO, evaluated at 2026-02-01T08:00:00Z\n"
        + "seq 2  IDENTICAL  readmission-risk v3, NO_GO, evaluated at 2026-02-02T08:00:00Z\n"
        + "seq 3  IDENTICAL  readmission-risk v3, NO_GO, evaluated at 2026-02-03T08:00:00Z\n", r.render());
  }

  @Test
  void replay_maskedLog_fullWithTheMaskPartialWithout(@TempDir Path dir) throws IOException {
    PromotionPolicy p = PolicyYaml.parsePromotion(POLICY, "p.yaml");
    PhiMask mask = PhiMask.builder().phiColumn("mrn").hmacKey(KEY).build();
    ContentStore policies = ContentStore.at(dir.resolve("policies"));
    ContentStore evidence = ContentStore.at(dir.resolve("evidence"));
    Path file = dir.resolve("d.jsonl");
    FileAuditLog log = FileAuditLog.open(file, AuditChain.builder().mask(mask).build());
    Evidence e = evidence(0.02);
    policies.put(p);
    evidence.put(e);
    AuditRecord rec = log.append(decision(p, e, 0), e);
    assertEquals(List.of("$.decision.rules[1].message", "$.decision.rules[1].subject"), rec.masked());
    assertTrue(!Files.readString(file, StandardCharsets.UTF_8).contains(MRN));
    ReplayResult full = AuditReplay.replay(rec, policies, evidence, mask);
    assertEquals(ReplayResult.Outcome.IDENTICAL, full.outcome(), full.detail());
    ReplayResult partial = AuditReplay.replay(rec, policies, evidence, PhiMask.none());
    assertEquals(new ReplayResult(1, ReplayResult.Outcome.IDENTICAL, "readmission-risk v3, NO_GO, evaluated at "
        + "2026-02-01T08:00:00Z; 2 masked values not compared (give the log's mask to compare them)", List.of()), partial);
    PhiMask otherKey = PhiMask.builder().phiColumn("mrn").hmacKey(new byte[32]).build();
    ReplayResult wrong = AuditReplay.replay(rec, policies, evidence, otherKey);
    assertEquals(ReplayResult.Outcome.DIFFERENT, wrong.outcome());
    assertEquals(2, wrong.differences().size(), wrong.differences().toString());
    assertTrue(wrong.differences().get(0).startsWith("$.rules[1].message: \"ECE for mrn=hmac-sha256:"),
        wrong.differences().toString());
  }

  @Test
  void replay_changedOrMissingStoredFiles_notReplayable(@TempDir Path dir) throws IOException {
    PromotionPolicy p = PolicyYaml.parsePromotion(POLICY, "p.yaml");
    ContentStore policies = ContentStore.at(dir.resolve("policies"));
    ContentStore evidence = ContentStore.at(dir.resolve("evidence"));
    Evidence e = evidence(0.02);
    Path stored = policies.put(p);
    AuditRecord rec = FileAuditLog.open(dir.resolve("d.jsonl")).append(decision(p, e, 0), e);
    ReplayResult missing = AuditReplay.replay(rec, policies, evidence, PhiMask.none());
    assertEquals(ReplayResult.Outcome.NOT_REPLAYABLE, missing.outcome());
    assertTrue(missing.detail().startsWith("ERROR: " + evidence.file(e.sha256()) + ": not stored: no file "),
        missing.detail());
    evidence.put(e);
    Files.writeString(stored, Files.readString(stored).replace("0.05", "0.5"));
    ReplayResult changed = AuditReplay.replay(rec, policies, evidence, PhiMask.none());
    assertEquals(ReplayResult.Outcome.NOT_REPLAYABLE, changed.outcome());
    assertTrue(changed.detail().contains("the stored file does not hash to its name"), changed.detail());
    InputException again = assertThrows(InputException.class, () -> policies.put(p));
    assertTrue(again.getMessage().contains("it was changed"), again.getMessage());
  }

  @Test
  void replay_policyNotStoredUnderTheLoggedSha_notReplayable(@TempDir Path dir) {
    PromotionPolicy p = PolicyYaml.parsePromotion(POLICY, "p.yaml");
    PromotionPolicy stricter = PolicyYaml.parsePromotion(POLICY.replace("0.05", "0.01"), "p.yaml");
    ContentStore policies = ContentStore.at(dir.resolve("policies"));
    ContentStore evidence = ContentStore.at(dir.resolve("evidence"));
    Evidence e = evidence(0.02);
    evidence.put(e);
    // the log claims the decision of one policy while the store holds another under its name: a forgery
    policies.put(p);
    AuditRecord rec = FileAuditLog.open(dir.resolve("d.jsonl")).append(decision(stricter, e, 0), e);
    ReplayResult r = AuditReplay.replay(rec, policies, evidence, PhiMask.none());
    assertEquals(ReplayResult.Outcome.NOT_REPLAYABLE, r.outcome(), r.detail());
  }

  @Test
  void replay_rewrittenAndRehashedRecord_differentWithTheDifferences(@TempDir Path dir) {
    PromotionPolicy p = PolicyYaml.parsePromotion(POLICY, "p.yaml");
    ContentStore policies = ContentStore.at(dir.resolve("policies"));
    ContentStore evidence = ContentStore.at(dir.resolve("evidence"));
    Evidence e = evidence(0.02);
    evidence.put(e);
    policies.put(p);
    AuditRecord rec = FileAuditLog.open(dir.resolve("d.jsonl")).append(decision(p, e, 0), e);
    // someone rewrites the verdict and recomputes the hash: the chain alone cannot see it on a last record
    java.util.Map<String, dev.clinigate.json.JsonValue> m = new java.util.LinkedHashMap<>(rec.decision().members());
    m.put("verdict", dev.clinigate.json.JsonValue.of("GO"));
    AuditRecord forged = new AuditRecord(rec.seq(), rec.evaluatedAt(), new dev.clinigate.json.JsonObject(m),
        rec.policy(), rec.evidenceSha256(), rec.clinigateVersion(), rec.masked(), rec.prev(), rec.hash(), rec.sig());
    forged = new AuditRecord(forged.seq(), forged.evaluatedAt(), forged.decision(), forged.policy(),
        forged.evidenceSha256(), forged.clinigateVersion(), forged.masked(), forged.prev(), forged.computedHash(),
        forged.sig());
    ReplayResult r = AuditReplay.replay(forged, policies, evidence, PhiMask.none());
    assertEquals(new ReplayResult(1, ReplayResult.Outcome.DIFFERENT, "readmission-risk v3, GO, evaluated at "
        + "2026-02-01T08:00:00Z: the replayed decision differs (logged value first)",
        List.of("$.verdict: \"GO\" -> \"NO_GO\"")), r);
  }

  @Test
  void replay_lastRecordFlippedMaskedAndRehashed_neverIdentical(@TempDir Path dir) {
    PromotionPolicy p = PolicyYaml.parsePromotion(POLICY, "p.yaml");
    PhiMask mask = PhiMask.builder().phiColumn("mrn").hmacKey(KEY).build();
    ContentStore policies = ContentStore.at(dir.resolve("policies"));
    ContentStore evidence = ContentStore.at(dir.resolve("evidence"));
    Evidence e = evidence(0.02);
    evidence.put(e);
    policies.put(p);
    AuditRecord rec = FileAuditLog.open(dir.resolve("d.jsonl"), AuditChain.builder().mask(mask).build())
        .append(decision(p, e, 0), e);
    // the verdict and the blocking rule's status are flipped, listed as masked and the hash recomputed
    java.util.Map<String, dev.clinigate.json.JsonValue> m = new java.util.LinkedHashMap<>(rec.decision().members());
    m.put("verdict", dev.clinigate.json.JsonValue.of("hmac-sha256:" + "0".repeat(64)));
    List<String> masked = new java.util.ArrayList<>(rec.masked());
    masked.add("$.decision.verdict");
    AuditRecord forged = new AuditRecord(rec.seq(), rec.evaluatedAt(), new dev.clinigate.json.JsonObject(m),
        rec.policy(), rec.evidenceSha256(), rec.clinigateVersion(), masked, rec.prev(), rec.hash(), rec.sig());
    forged = new AuditRecord(forged.seq(), forged.evaluatedAt(), forged.decision(), forged.policy(),
        forged.evidenceSha256(), forged.clinigateVersion(), forged.masked(), forged.prev(), forged.computedHash(),
        forged.sig());
    assertTrue(forged.hashMatches());
    ReplayResult without = AuditReplay.replay(forged, policies, evidence, PhiMask.none());
    assertEquals(ReplayResult.Outcome.UNCONFIRMED, without.outcome(), without.detail());
    assertFalse(without.reproduced());
    assertTrue(without.detail().endsWith("every compared field is identical, but the record masks $.verdict, which "
        + "decides the verdict; give the log's mask to confirm it"), without.detail());
    ReplayResult with = AuditReplay.replay(forged, policies, evidence, mask);
    assertEquals(ReplayResult.Outcome.DIFFERENT, with.outcome(), with.detail());
    // the untouched record still replays, with and without the mask
    assertEquals(ReplayResult.Outcome.IDENTICAL, AuditReplay.replay(rec, policies, evidence, mask).outcome());
    assertEquals(ReplayResult.Outcome.IDENTICAL, AuditReplay.replay(rec, policies, evidence, PhiMask.none()).outcome());
  }

  @Test
  void decidesVerdict_verdictFieldsAndTheirAncestorsOnly() {
    for (String p : List.of("$", "$.verdict", "$.waived", "$.rules", "$.rules[3]", "$.rules[3].status",
        "$.rules[0].blocking", "$.rules[2].enforcement", "$.rules[2].id", "$.rules[1].waiver.approver")) {
      assertTrue(AuditReplay.decidesVerdict(p), p);
    }
    for (String p : List.of("$.rules[1].subject", "$.rules[1].message", "$.rules[1].observed", "$.policy.name",
        "$.verdicts")) {
      assertFalse(AuditReplay.decidesVerdict(p), p);
    }
  }

  @Test
  void contentStore_filesHashToTheirNames(@TempDir Path dir) throws IOException {
    PromotionPolicy p = PolicyYaml.parsePromotion(POLICY, "p.yaml");
    Path f = ContentStore.at(dir).put(p);
    assertEquals(p.sha256() + ".json", f.getFileName().toString());
    assertEquals(p.sha256(), dev.clinigate.json.Json.sha256Hex(Files.readAllBytes(f)));
    assertEquals(f, ContentStore.at(dir).put(p));
    assertEquals(p.sha256(), ContentStore.at(dir).policy(p.sha256()).sha256());
  }
}
