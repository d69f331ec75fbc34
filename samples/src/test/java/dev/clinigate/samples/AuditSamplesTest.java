package dev.clinigate.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.Decision;
import dev.clinigate.PromotionPolicy;
import dev.clinigate.audit.AuditKeys;
import dev.clinigate.audit.AuditRecord;
import dev.clinigate.audit.FileAuditLog;
import dev.clinigate.cli.Main;
import dev.clinigate.audit.ContentStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample decision logs under {@code samples/audit}: {@code decisions.jsonl}, six monthly promotion decisions for
 * the readmission model under policy v3, and {@code operations.jsonl}, one decision of every kind (the promotion,
 * two discharge reviews with the clinician's action, the July rollback verdict); signed, with the policies and inputs
 * they used stored by SHA-256. They verify (with the sample public key), replay byte for byte, and regenerate byte for
 * byte from their inputs.
 *
 * <p>To regenerate it after an intended change of the decision format, run with
 * {@code -Daudit.samples.update=true} and review the diff. The sample signing key is derived from a public
 * seed below: it demonstrates signing and must never sign a real log.
 */
class AuditSamplesTest {
  private static final Path DIR = Path.of("audit");
  private static final Path LOG = DIR.resolve("decisions.jsonl");
  private static final Path OPERATIONS = DIR.resolve("operations.jsonl");
  private static final Path PUBLIC_KEY = DIR.resolve("sample-signing-key.pub.pem");
  private static final List<String> MONTHS = List.of("2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06");
  private static final boolean UPDATE = Boolean.getBoolean("audit.samples.update");

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

  /** The sample key pair: Ed25519 from a fixed, public 32-byte seed. Never use it for a real log. */
  static KeyPair sampleKey() {
    try {
      byte[] seed = MessageDigest.getInstance("SHA-256")
          .digest("clinigate sample audit key - never for real logs".getBytes(StandardCharsets.UTF_8));
      SecureRandom fixed = new SecureRandom() {
        @Override
        public void nextBytes(byte[] bytes) {
          for (int i = 0; i < bytes.length; i++) {
            bytes[i] = seed[i % seed.length];
          }
        }
      };
      KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
      g.initialize(NamedParameterSpec.ED25519, fixed);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void sampleLog_regeneratesByteForByteFromItsInputs(@TempDir Path tmp) throws IOException {
    KeyPair key = sampleKey();
    Path privatePem = tmp.resolve("sample-signing-key.pem");
    Files.writeString(privatePem, AuditKeys.toPem(key.getPrivate()), StandardCharsets.US_ASCII);
    Path log = tmp.resolve("decisions.jsonl");
    for (String month : MONTHS) {
      run(0, "audit", "append", log.toString(), "--policy", DIR.resolve("policy-v3.yaml").toString(),
          "--evidence", DIR.resolve("inputs/evidence-" + month + ".json").toString(), "--at", month + "-15T09:00:00Z",
          "--policies", tmp.resolve("policies").toString(), "--evidence-store", tmp.resolve("evidence").toString(),
          "--signing-key", privatePem.toString());
    }
    Path ops = tmp.resolve("operations.jsonl");
    String[] stores = {"--policies", tmp.resolve("policies").toString(), "--evidence-store",
        tmp.resolve("evidence").toString(), "--signing-key", privatePem.toString()};
    appendTo(ops, stores, "--policy", "audit/policy-v3.yaml", "--evidence", "audit/inputs/evidence-2026-05.json", "--at",
        "2026-06-30T09:00:00Z");
    appendTo(ops, stores, "--policy", "audit/review-policy.yaml", "--inference", "audit/inputs/inference-approved.json",
        "--at", "2026-07-20T10:00:00Z");
    appendTo(ops, stores, "--policy", "audit/review-policy.yaml", "--inference",
        "audit/inputs/inference-overridden.json", "--at", "2026-07-21T15:30:00Z");
    appendTo(ops, stores, "--policy", "audit/rollback-policy.yaml", "--windows", "audit/inputs/windows-2026-07.jsonl",
        "--at", "2026-07-29T00:00:00Z");
    if (UPDATE) {
      Files.copy(ops, OPERATIONS, StandardCopyOption.REPLACE_EXISTING);
      Files.copy(log, LOG, StandardCopyOption.REPLACE_EXISTING);
      Files.writeString(PUBLIC_KEY, AuditKeys.toPem(key.getPublic()), StandardCharsets.US_ASCII);
      for (String store : List.of("policies", "evidence")) {
        Files.createDirectories(DIR.resolve(store));
        for (Path f : list(tmp.resolve(store))) {
          Files.copy(f, DIR.resolve(store).resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    assertEquals(Files.readString(LOG, StandardCharsets.UTF_8), Files.readString(log, StandardCharsets.UTF_8));
    assertEquals(Files.readString(OPERATIONS, StandardCharsets.UTF_8), Files.readString(ops, StandardCharsets.UTF_8));
    assertEquals(AuditKeys.toPem(key.getPublic()), Files.readString(PUBLIC_KEY, StandardCharsets.US_ASCII));
    for (String store : List.of("policies", "evidence")) {
      assertEquals(names(tmp.resolve(store)), names(DIR.resolve(store)));
      for (Path f : list(tmp.resolve(store))) {
        assertEquals(Files.readString(f, StandardCharsets.UTF_8),
            Files.readString(DIR.resolve(store).resolve(f.getFileName()), StandardCharsets.UTF_8));
      }
    }
  }

  private static void appendTo(Path log, String[] stores, String... args) {
    List<String> all = new ArrayList<>(List.of("audit", "append", log.toString()));
    all.addAll(List.of(args));
    all.addAll(List.of(stores));
    run(0, all.toArray(new String[0]));
  }

  @Test
  void operationsLog_everyKind_verifiesAndReplaysByteForByte() {
    String[] v = run(0, "audit", "verify", OPERATIONS.toString(), "--public-key", PUBLIC_KEY.toString());
    assertTrue(v[0].startsWith("VALID audit/operations.jsonl: 4 records, hash chain intact, 4 of 4 signatures "
        + "verified\nhead 4:"), v[0]);
    String[] r = run(0, "audit", "replay", OPERATIONS.toString(), "--policies", "audit/policies", "--evidence",
        "audit/evidence", "--public-key", PUBLIC_KEY.toString());
    assertTrue(r[0].contains("REPLAYED audit/operations.jsonl: 4 decisions, 4 byte-identical\n"
        + "seq 1  IDENTICAL  readmission-risk v3, GO, evaluated at 2026-06-30T09:00:00Z\n"
        + "seq 2  IDENTICAL  readmission-discharge-review v1, review REVIEW, evaluated at 2026-07-20T10:00:00Z\n"
        + "seq 3  IDENTICAL  readmission-discharge-review v1, review SECONDARY_REVIEW, evaluated at "
        + "2026-07-21T15:30:00Z\n"
        + "seq 4  IDENTICAL  readmission-risk-rollback v1, rollback ROLLBACK, evaluated at 2026-07-29T00:00:00Z\n"),
        r[0]);
    List<AuditRecord> records = FileAuditLog.open(OPERATIONS).records();
    assertEquals(List.of(AuditRecord.Kind.PROMOTION, AuditRecord.Kind.REVIEW, AuditRecord.Kind.REVIEW,
        AuditRecord.Kind.ROLLBACK), records.stream().map(AuditRecord::kind).toList());
    assertEquals("{\"action\":\"override\",\"explanation\":{\"sha256\":\""
        + dev.clinigate.json.Json.sha256(ContentStore.at(DIR.resolve("evidence")).inference(records.get(2)
            .evidenceSha256()).review().orElseThrow().explanation().orElseThrow())
        + "\"},\"finalLabel\":\"low-risk\",\"reasonCode\":\"planned-readmission\"}",
        dev.clinigate.json.Json.canonical(records.get(2).review().orElseThrow()));
  }

  @Test
  void operationsLog_impactLeavesOtherKindsOut() {
    String[] r = run(0, "impact", "--policy", "audit/policy-v4.yaml", "--log", OPERATIONS.toString(), "--evidence",
        "audit/evidence", "--all-policies");
    assertTrue(r[0].contains("\n1 decision re-evaluated, 3 of other policies skipped, 0 not re-evaluated\n"), r[0]);
  }

  @Test
  void operationsLog_exportOfEachKind_sound(@TempDir Path tmp) {
    for (AuditRecord rec : FileAuditLog.open(OPERATIONS).records()) {
      String[] r = run(0, "audit", "export", "--decision", rec.hash(), "--log", OPERATIONS.toString(), "--policies",
          "audit/policies", "--evidence", "audit/evidence", "--public-key", PUBLIC_KEY.toString(), "--out",
          tmp.resolve("package-" + rec.seq() + ".zip").toString());
      assertTrue(r[0].endsWith("log: VALID; replay: IDENTICAL\n"), r[0]);
    }
  }

  @Test
  void sampleLog_verifiesWithThePublicKey() {
    String[] r = run(0, "audit", "verify", LOG.toString(), "--public-key", PUBLIC_KEY.toString());
    assertTrue(r[0].startsWith("VALID audit/decisions.jsonl: 6 records, hash chain intact, 6 of 6 signatures "
        + "verified\nhead 6:"), r[0]);
    assertEquals("", r[1]);
  }

  @Test
  void sampleLog_replayReproducesEveryDecisionByteForByte() throws IOException {
    String[] r = run(0, "audit", "replay", LOG.toString(), "--policies", "audit/policies", "--evidence",
        "audit/evidence", "--public-key", PUBLIC_KEY.toString());
    assertTrue(r[0].contains("REPLAYED audit/decisions.jsonl: 6 decisions, 6 byte-identical\n"), r[0]);
    // and once more without the replay command: evaluate, compare the bytes
    ContentStore policies = ContentStore.at(DIR.resolve("policies"));
    ContentStore evidence = ContentStore.at(DIR.resolve("evidence"));
    List<AuditRecord> records = FileAuditLog.open(LOG).records();
    assertEquals(6, records.size());
    List<String> verdicts = new ArrayList<>();
    for (AuditRecord rec : records) {
      PromotionPolicy p = (PromotionPolicy) policies.policy(rec.policy().sha256());
      Decision d = p.evaluate(evidence.evidence(rec.evidenceSha256()),
          Clock.fixed(rec.evaluatedAt().orElseThrow(), ZoneOffset.UTC));
      assertEquals(dev.clinigate.json.Json.canonical(rec.decision()), d.toCanonicalJson(), "seq " + rec.seq());
      verdicts.add(d.verdict().name());
    }
    assertEquals(List.of("NO_GO", "GO", "GO", "NO_GO", "GO", "NO_GO"), verdicts);
  }

  @Test
  void sampleLog_impactOfV4_flipsBothWays() {
    String[] r = run(0, "impact", "--policy", "audit/policy-v4.yaml", "--log", LOG.toString(), "--evidence",
        "audit/evidence");
    assertTrue(r[0].contains("  GO -> NO_GO  2  (seq 2, 5)\n  NO_GO -> GO  2  (seq 4, 6)\n  unchanged    2\n"), r[0]);
  }

  @Test
  void sampleStores_filesHashToTheirNames() throws IOException {
    for (String store : List.of("policies", "evidence")) {
      for (Path f : list(DIR.resolve(store))) {
        String name = f.getFileName().toString();
        assertEquals(name.substring(0, name.length() - ".json".length()),
            dev.clinigate.json.Json.sha256Hex(Files.readAllBytes(f)), f.toString());
      }
    }
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  private static List<String> names(Path dir) throws IOException {
    return list(dir).stream().map(p -> p.getFileName().toString()).toList();
  }
}
