package dev.clinigate.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.Inference;
import dev.clinigate.InputException;
import dev.clinigate.MonitoringWindow;
import dev.clinigate.ReviewDecision;
import dev.clinigate.ReviewPolicy;
import dev.clinigate.RollbackDecision;
import dev.clinigate.RollbackPolicy;
import dev.clinigate.dsl.PolicyYaml;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rollback and review decisions in the log: records, replay, tampering, masking. */
class AuditKindsTest {
  static final String ROLLBACK = "apiVersion: clinigate/v1\nkind: RollbackPolicy\n"
      + "metadata: {name: rb, version: 1}\nspec:\n  lastKnownGood: \"1.0\"\n  triggers:\n"
      + "    - {id: calibration-error, metric: ece, max: 0.06, consecutiveWindows: 2}\n";
  static final String REVIEW = "apiVersion: clinigate/v1\nkind: ReviewPolicy\n"
      + "metadata: {name: rv, version: 2}\nspec:\n  thresholds: {high: 0.6}\n  rules:\n"
      + "    - {id: ward, when: \"context[admission.ward=icu]\", route: SECONDARY_REVIEW}\n"
      + "    - {id: high-risk, when: \"score >= threshold[high]\", route: REVIEW, approvers: [physician]}\n"
      + "  default: AUTO\n";
  private static final String MRN = "MRN-ZZ-918273";
  private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  static final Optional<Instant> AT = Optional.of(Instant.parse("2026-07-29T00:00:00Z"));

  static List<MonitoringWindow> windows(double... eces) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < eces.length; i++) {
      b.append("{\"start\":\"2026-07-0").append(i + 1).append("T00:00:00Z\",\"end\":\"2026-07-0").append(i + 2)
          .append("T00:00:00Z\",\"cases\":500,\"metrics\":{\"ece\":").append(eces[i]).append("}}\n");
    }
    return MonitoringWindow.parseJsonLines(b.toString(), "w.jsonl");
  }

  static Inference inference(String json) {
    return Inference.parse(json, "i.json");
  }

  static final String APPROVED = "{\"inferenceId\":\"i-1\",\"encounterId\":\"e-1\",\"score\":0.7,"
      + "\"output\":\"high-risk\",\"context\":{\"admission\":{\"ward\":\"cardiology\",\"days\":4}},"
      + "\"review\":{\"reviewerId\":\"dr-1\",\"role\":\"physician\",\"decision\":\"approve\","
      + "\"rationale\":{\"code\":\"agrees\"},\"explanation\":{\"top\":[{\"feature\":\"age\",\"weight\":0.2}]}}}";

  /** A log of one rollback and one review decision, with their policies and inputs stored. */
  private record Logged(ContentStore policies, ContentStore inputs, FileAuditLog log, List<MonitoringWindow> ws,
      Inference in, AuditRecord r1, AuditRecord r2) {}

  private static Logged logBoth(Path dir) {
    RollbackPolicy rp = PolicyYaml.parseRollback(ROLLBACK, "rb.yaml");
    ReviewPolicy vp = PolicyYaml.parseReview(REVIEW, "rv.yaml");
    ContentStore policies = ContentStore.at(dir.resolve("policies"));
    ContentStore inputs = ContentStore.at(dir.resolve("inputs"));
    List<MonitoringWindow> ws = windows(0.03, 0.07, 0.08);
    Inference in = inference(APPROVED);
    policies.put((dev.clinigate.Policy) rp);
    policies.put((dev.clinigate.Policy) vp);
    inputs.putWindows(ws);
    inputs.put(in);
    FileAuditLog log = FileAuditLog.open(dir.resolve("d.jsonl"));
    AuditRecord r1 = log.append(rp.evaluate(ws, AT), ws);
    AuditRecord r2 = log.append(vp.evaluate(in, AT), in);
    return new Logged(policies, inputs, log, ws, in, r1, r2);
  }

  @Test
  void rollbackAndReview_appendVerifyReplay_identicalAndDistinguishable(@TempDir Path dir) {
    Logged l = logBoth(dir);
    ContentStore policies = l.policies();
    ContentStore inputs = l.inputs();
    FileAuditLog log = l.log();
    List<MonitoringWindow> ws = l.ws();
    Inference in = l.in();
    AuditRecord r1 = l.r1();
    AuditRecord r2 = l.r2();
    assertEquals(AuditRecord.Kind.ROLLBACK, r1.kind());
    assertEquals("ROLLBACK", r1.verdict());
    assertEquals(ContentStore.windowsSha256(ws), r1.evidenceSha256());
    assertTrue(r1.line().contains(",\"kind\":\"rollback\","), r1.line());
    assertTrue(r1.line().endsWith(",\"windows\":{\"sha256\":\"" + ContentStore.windowsSha256(ws) + "\"}}"), r1.line());
    assertEquals(AuditRecord.Kind.REVIEW, r2.kind());
    assertEquals("REVIEW", r2.verdict());
    String explanationSha = Json.sha256(in.review().orElseThrow().explanation().orElseThrow());
    assertEquals("{\"action\":\"approve\",\"explanation\":{\"sha256\":\"" + explanationSha + "\"},"
        + "\"finalLabel\":\"high-risk\",\"reasonCode\":\"agrees\"}", Json.canonical(r2.review().orElseThrow()));
    assertEquals(List.of(r1, r2), log.records());
    assertTrue(AuditVerifier.standard().verify(dir.resolve("d.jsonl")).valid());
    ReplayReport report = AuditReplay.replay(log.records(), "d.jsonl", policies, inputs, PhiMask.none());
    assertEquals("rb v1, rollback ROLLBACK, evaluated at 2026-07-29T00:00:00Z", report.results().get(0).detail());
    assertEquals("rv v2, review REVIEW, evaluated at 2026-07-29T00:00:00Z", report.results().get(1).detail());
    assertTrue(report.allReproduced());
  }

  @Test
  void signedLog_everyKind_verifiesAndAKindChangedAndRehashedIsChanged(@TempDir Path dir) throws Exception {
    java.security.KeyPair key = Keys.ed25519("audit kinds");
    RollbackPolicy rp = PolicyYaml.parseRollback(ROLLBACK, "rb.yaml");
    ReviewPolicy vp = PolicyYaml.parseReview(REVIEW, "rv.yaml");
    Path file = dir.resolve("d.jsonl");
    FileAuditLog log = FileAuditLog.open(file, AuditChain.builder().signWith(key.getPrivate()).build());
    List<MonitoringWindow> ws = windows(0.03, 0.07, 0.08);
    AuditRecord r1 = log.append(rp.evaluate(ws, AT), ws);
    log.append(vp.evaluate(inference(APPROVED), AT), inference(APPROVED));
    Verification v = AuditVerifier.builder().publicKey(key.getPublic()).build().verify(file);
    assertTrue(v.valid(), v.render());
    assertEquals(2, v.signaturesVerified());
    // the rollback decision relabelled a review record (and re-hashed): its decision is not a ReviewPolicy's
    AuditRecord relabelled = new AuditRecord(r1.seq(), r1.evaluatedAt(), r1.decision(), r1.policy(),
        r1.evidenceSha256(), r1.clinigateVersion(), r1.masked(), r1.prev(), r1.hash(), Optional.empty(),
        AuditRecord.Kind.REVIEW, Optional.of(AuditChain.reviewMember(inference(APPROVED))));
    assertEquals(Optional.of("the record is a review record, but its decision is not a ReviewPolicy's"),
        AuditVerifier.inconsistency(relabelled));
    Files.writeString(file, forge(relabelled, relabelled.decision(), relabelled.review()).line() + "\n",
        StandardCharsets.UTF_8);
    Verification changed = AuditVerifier.standard().verify(file);
    assertEquals("INVALID d.jsonl:1: changed: the record is a review record, but its decision is not a "
        + "ReviewPolicy's", changed.render().lines().findFirst().orElseThrow().replace(file.toString(), "d.jsonl"));
  }

  @Test
  void chain_inputsNotTheDecisions_refused() {
    RollbackPolicy rp = PolicyYaml.parseRollback(ROLLBACK, "rb.yaml");
    ReviewPolicy vp = PolicyYaml.parseReview(REVIEW, "rv.yaml");
    RollbackDecision rd = rp.evaluate(windows(0.03, 0.07), AT);
    IllegalArgumentException a = assertThrows(IllegalArgumentException.class,
        () -> AuditChain.defaults().next(Optional.empty(), rd, windows(0.03, 0.08)));
    assertTrue(a.getMessage().startsWith("the windows (hash chain "), a.getMessage());
    ReviewDecision vd = vp.evaluate(inference(APPROVED), AT);
    IllegalArgumentException b = assertThrows(IllegalArgumentException.class, () -> AuditChain.defaults()
        .next(Optional.empty(), vd, inference(APPROVED.replace("0.7", "0.71"))));
    assertTrue(b.getMessage().startsWith("the inference (sha256 "), b.getMessage());
  }

  /** A record rewritten and re-hashed (which a chain cannot see on a last record) does not replay. */
  private static AuditRecord forge(AuditRecord r, JsonObject decision, Optional<JsonObject> review) {
    AuditRecord f = new AuditRecord(r.seq(), r.evaluatedAt(), decision, r.policy(), r.evidenceSha256(),
        r.clinigateVersion(), r.masked(), r.prev(), r.hash(), r.sig(), r.kind(), review);
    return new AuditRecord(f.seq(), f.evaluatedAt(), f.decision(), f.policy(), f.evidenceSha256(),
        f.clinigateVersion(), f.masked(), f.prev(), f.computedHash(), f.sig(), f.kind(), f.review());
  }

  private static JsonObject with(JsonObject o, String key, JsonValue v) {
    Map<String, JsonValue> m = new LinkedHashMap<>(o.members());
    m.put(key, v);
    return new JsonObject(m);
  }

  @Test
  void replay_rehashedRollbackVerdictAndReviewAction_different(@TempDir Path dir) {
    Logged l = logBoth(dir);
    ContentStore policies = l.policies();
    ContentStore inputs = l.inputs();
    AuditRecord r1 = l.r1();
    AuditRecord r2 = l.r2();
    AuditRecord held = forge(r1, with(r1.decision(), "verdict", JsonValue.of("HOLD")), Optional.empty());
    assertTrue(held.hashMatches());
    assertEquals(new ReplayResult(1, ReplayResult.Outcome.DIFFERENT, "rb v1, rollback HOLD, evaluated at "
        + "2026-07-29T00:00:00Z: the replayed decision differs (logged value first)",
        List.of("$.verdict: \"HOLD\" -> \"ROLLBACK\"")), AuditReplay.replay(held, policies, inputs, PhiMask.none()));
    AuditRecord overridden = forge(r2, r2.decision(),
        Optional.of(with(r2.review().orElseThrow(), "action", JsonValue.of("override"))));
    assertEquals(new ReplayResult(2, ReplayResult.Outcome.DIFFERENT, "rv v2, review REVIEW, evaluated at "
        + "2026-07-29T00:00:00Z: the replayed decision differs (logged value first)",
        List.of("$.review.action: \"override\" -> \"approve\"")),
        AuditReplay.replay(overridden, policies, inputs, PhiMask.none()));
    // a review record whose stored policy is another kind's is not replayable
    AuditRecord wrongPolicy = new AuditRecord(r2.seq(), r2.evaluatedAt(), r2.decision(), r1.policy(),
        r2.evidenceSha256(), r2.clinigateVersion(), r2.masked(), r2.prev(), r2.hash(), r2.sig(), r2.kind(), r2.review());
    ReplayResult np = AuditReplay.replay(wrongPolicy, policies, inputs, PhiMask.none());
    assertEquals("the stored policy is a RollbackPolicy, but the record is a review decision, which a ReviewPolicy "
        + "makes", np.detail());
  }

  @Test
  void review_phiInNestedContext_maskedInTheRecordAndNeverInTheLog(@TempDir Path dir) throws Exception {
    ReviewPolicy vp = PolicyYaml.parseReview(REVIEW, "rv.yaml");
    Inference in = inference("{\"inferenceId\":\"" + MRN + "\",\"score\":0.7,\"output\":\"high-risk\","
        + "\"context\":{\"patient\":{\"mrn\":\"" + MRN + "\"}},\"review\":{\"reviewerId\":\"dr-1\",\"role\":\"physician\","
        + "\"decision\":\"override\",\"finalLabel\":\"" + MRN + "\",\"rationale\":{\"code\":\"planned\",\"text\":\"for "
        + MRN + "\"},\"explanation\":\"" + MRN + " top features\"}}");
    PhiMask mask = PhiMask.builder().phiColumn("mrn").hmacKey(KEY).build();
    ContentStore policies = ContentStore.at(dir.resolve("policies"));
    ContentStore inputs = ContentStore.at(dir.resolve("inputs"));
    policies.put((dev.clinigate.Policy) vp);
    inputs.put(in);
    Path file = dir.resolve("d.jsonl");
    AuditRecord r = FileAuditLog.open(file, AuditChain.builder().mask(mask).build()).append(vp.evaluate(in, AT), in);
    assertEquals(List.of("$.decision.inference.id", "$.review.finalLabel"), r.masked());
    assertEquals(mask.maskedForm(MRN), ((dev.clinigate.json.JsonString) r.review().orElseThrow().get("finalLabel")
        .orElseThrow()).value());
    byte[] bytes = Files.readAllBytes(file);
    assertFalse(new String(bytes, StandardCharsets.UTF_8).contains(MRN));
    assertFalse(new String(bytes, StandardCharsets.UTF_8).contains(MRN.substring(4)));
    assertTrue(AuditVerifier.standard().verify(file).valid());
    ReplayResult with = AuditReplay.replay(r, policies, inputs, mask);
    assertEquals(ReplayResult.Outcome.IDENTICAL, with.outcome(), with.detail());
    ReplayResult without = AuditReplay.replay(r, policies, inputs, PhiMask.none());
    assertEquals(ReplayResult.Outcome.IDENTICAL, without.outcome(), without.detail());
    assertTrue(without.detail().endsWith("; 2 masked values not compared (give the log's mask to compare them)"),
        without.detail());
  }

  @Test
  void parse_kindsAndTheirMembers_checked() {
    String promotion = "{\"clinigate\":{\"version\":\"1\"},\"decision\":{},\"evaluatedAt\":null,\"evidence\":{\"sha256\":\""
        + "a".repeat(64) + "\"},\"hash\":\"" + "b".repeat(64) + "\",\"masked\":[],\"policy\":{\"name\":\"p\",\"sha256\":\""
        + "c".repeat(64) + "\",\"version\":1},\"prev\":\"" + "0".repeat(64) + "\",\"seq\":1}";
    assertEquals(AuditRecord.Kind.PROMOTION, AuditRecord.parse(promotion, "d.jsonl", 1).kind());
    assertEquals("ERROR: d.jsonl:1: kind must be rollback or review (a promotion record has no kind)\n"
        + "hint: the line was changed", bad(promotion.replace(",\"masked\"", ",\"kind\":\"promotion\",\"masked\"")));
    String rollback = promotion.replace("\"evidence\":", "\"windows\":").replace(",\"masked\"",
        ",\"kind\":\"rollback\",\"masked\"");
    assertEquals("ERROR: d.jsonl:1: a rollback record names its input as windows, not inference\n"
        + "hint: the line was changed", bad(rollback.replace("\"windows\":", "\"inference\":")));
    assertEquals("ERROR: d.jsonl:1: kind must be a string\nhint: the line was changed",
        bad(rollback.replace("\"kind\":\"rollback\"", "\"kind\":2")));
    // a rollback record naming its input as evidence
    assertEquals("ERROR: d.jsonl:1: a rollback record names its input as windows, not evidence\n"
        + "hint: the line was changed", bad(promotion.replace(",\"masked\"", ",\"kind\":\"rollback\",\"masked\"")));
    // a review record needs its review member, in shape
    String review = promotion.replace("\"evidence\":", "\"inference\":").replace(",\"masked\"",
        ",\"kind\":\"review\",\"masked\"");
    assertEquals("ERROR: d.jsonl:1: a review record needs a review member\nhint: the line was changed", bad(review));
    String withReview = review.replace(",\"seq\"", ",\"review\":{\"action\":\"maybe\",\"explanation\":null,"
        + "\"finalLabel\":null,\"reasonCode\":null},\"seq\"");
    assertEquals("ERROR: d.jsonl:1: review.action must be approve, override, reject, defer or null\n"
        + "hint: the line was changed", bad(withReview));
    // in canonical order the input member of a review record follows hash
    String canonical = withReview.replace("maybe", "defer").replace(",\"inference\":{\"sha256\":\"" + "a".repeat(64)
        + "\"}", "").replace(",\"kind\"", ",\"inference\":{\"sha256\":\"" + "a".repeat(64) + "\"},\"kind\"");
    AuditRecord r = AuditRecord.parse(canonical, "d.jsonl", 1);
    assertEquals(AuditRecord.Kind.REVIEW, r.kind());
    assertEquals(canonical, r.line());
  }

  private static String bad(String line) {
    return assertThrows(InputException.class, () -> AuditRecord.parse(line, "d.jsonl", 1)).problems().get(0).render()
        .strip();
  }

  @Test
  void inference_nestedContext_dottedKeysAndNestedJson() {
    Inference in = inference(APPROVED);
    assertEquals(List.of("admission.days", "admission.ward"), in.contextKeys());
    // numbers as the flat context always rendered them (the inference's hash depends on it)
    assertEquals("{\"admission\":{\"days\":4.0,\"ward\":\"cardiology\"}}",
        Json.canonical(in.toJson().get("context").orElseThrow()));
    ReviewPolicy vp = PolicyYaml.parseReview(REVIEW, "rv.yaml");
    assertEquals("SECONDARY_REVIEW", vp.evaluate(inference(APPROVED.replace("cardiology", "icu"))).route().name());
    // the canonical inference reads back to itself
    assertEquals(Json.canonical(in.toJson()), Json.canonical(inference(Json.canonical(in.toJson())).toJson()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Inference.builder().context(List.of("a", "b"), 1).context("a.b", 2));
    assertEquals("two context paths have the dotted key a.b", e.getMessage());
    IllegalArgumentException f = assertThrows(IllegalArgumentException.class,
        () -> Inference.builder().context(List.of("a", "b"), 1).context(List.of("a"), "x").build());
    assertEquals("context a is both a value and an object", f.getMessage());
  }
}
