package dev.clinigate.audit;

import dev.clinigate.InputException;
import dev.clinigate.Limits;
import dev.clinigate.SourceFiles;
import dev.clinigate.audit.internal.Hex;
import dev.clinigate.audit.internal.LogLines;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonNull;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import dev.clinigate.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies a decision log: every line a canonical record, every hash matching its content, {@code seq}
 * counting from 1 without gaps, every {@code prev} the SHA-256 of the line before (the first: the genesis
 * value), every record agreeing with its decision, every signature valid when a public key is given, and
 * no torn last line. Stops at the first bad line and names it.
 *
 * <pre>{@code
 * Verification v = AuditVerifier.builder().publicKey(AuditKeys.readPublicKey(pem)).build()
 *     .verify(Path.of("decisions.jsonl"));
 * if (!v.valid()) System.err.print(v.render());   // INVALID decisions.jsonl:57: changed: ...
 * }</pre>
 *
 * <p>What a chain cannot show on its own: that records were dropped from the <em>end</em> (a shorter log is a
 * valid log), or that the last record was rewritten together with its hash. Signatures cover the second;
 * an anchored {@link Verification.Head} (recorded outside the log) covers both: see
 * {@link Builder#expectHead}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class AuditVerifier {
  private final String genesis;
  private final Optional<PublicKey> publicKey;
  private final Optional<Verification.Head> expectedHead;

  private AuditVerifier(String genesis, Optional<PublicKey> publicKey, Optional<Verification.Head> expectedHead) {
    this.genesis = genesis;
    this.publicKey = publicKey;
    this.expectedHead = expectedHead;
  }

  /** Genesis {@link AuditChain#GENESIS}, no public key, no anchored head. */
  public static AuditVerifier standard() {
    return builder().build();
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Verifies a log file.
   *
   * @throws InputException when the file may not or cannot be read (it must be a regular file of at most
   *     {@link Limits#maxAuditLogBytes()} bytes; a symbolic link may not leave its folder)
   */
  public Verification verify(Path log) {
    byte[] content = SourceFiles.besideFile(log).readBytes(log, Limits.defaults().maxAuditLogBytes(),
        "maxAuditLogBytes");
    return verify(content, log.toString());
  }

  /** Verifies a log's bytes; {@code source} names it in the result. */
  public Verification verify(byte[] content, String source) {
    return new Run(LogLines.split(content), source).run();
  }

  /** One verification: the state of the walk down the chain. */
  private final class Run {
    final LogLines.Split split;
    final String source;
    final List<Verification.Warning> warnings = new ArrayList<>();
    final Map<Integer, Optional<AuditRecord>> parsed = new HashMap<>();
    long verified;
    long sigsVerified;
    long sigsPresent;
    Optional<Verification.Head> head = Optional.empty();
    final Signature verifier;

    Run(LogLines.Split split, String source) {
      this.split = split;
      this.source = source;
      Signature s = null;
      if (publicKey.isPresent()) {
        try {
          s = Signature.getInstance("Ed25519");
        } catch (GeneralSecurityException e) {
          throw new IllegalStateException("every Java 17 platform has Ed25519", e);
        }
      }
      this.verifier = s;
    }

    Verification run() {
      List<byte[]> lines = split.lines();
      String expectedPrev = genesis;
      for (int i = 0; i < lines.size(); i++) {
        long lineNo = i + 1L;
        byte[] bytes = lines.get(i);
        Optional<String> text = LogLines.utf8(bytes);
        if (text.isEmpty()) {
          return fail(lineNo, Verification.Kind.MALFORMED, "the line is not valid UTF-8: it was changed");
        }
        if (text.get().endsWith("\r")) {
          return fail(lineNo, Verification.Kind.MALFORMED,
              "the line ends with a carriage return: the file was converted to CRLF line endings");
        }
        AuditRecord r;
        try {
          r = AuditRecord.parse(text.get(), source, lineNo);
        } catch (InputException e) {
          return fail(lineNo, Verification.Kind.MALFORMED, "not a well-formed record (" + e.problems().get(0).message()
              + "): the line was changed, or something that is not a record was inserted");
        }
        parsed.put(i, Optional.of(r));
        if (!r.hashMatches(text.get())) {
          return fail(lineNo, Verification.Kind.CHANGED, "the record's hash does not match its content: "
              + "the record was changed after it was written");
        }
        long expectedSeq = i + 1L;
        if (r.seq() != expectedSeq) {
          return sequence(i, r, expectedSeq);
        }
        if (!r.prev().equals(expectedPrev)) {
          if (i == 0) {
            return fail(lineNo, Verification.Kind.DROPPED, "the first record's prev is " + r.prev()
                + ", not the genesis value " + genesis + ": records were dropped from the start of the log "
                + "(or it continues another log: verify with that log's genesis value)");
          }
          return fail(lineNo, Verification.Kind.CHANGED, "prev does not match the SHA-256 of line " + i
              + ": line " + i + " was rewritten together with its hash, or records were dropped, inserted or "
              + "reordered and renumbered");
        }
        Optional<String> inconsistency = inconsistency(r);
        if (inconsistency.isPresent()) {
          return fail(lineNo, Verification.Kind.CHANGED, inconsistency.get());
        }
        if (r.sig().isPresent()) {
          sigsPresent++;
        }
        if (verifier != null) {
          if (r.sig().isEmpty()) {
            return fail(lineNo, Verification.Kind.UNSIGNED, "the record has no signature, and the log is "
                + "verified with a public key: a signature was stripped or the record was forged");
          }
          if (!signatureValid(r)) {
            return fail(lineNo, Verification.Kind.BAD_SIGNATURE, "the signature does not verify with the public "
                + "key: the record was rewritten and re-hashed, or signed with another key");
          }
          sigsVerified++;
        }
        if (r.evaluatedAt().isEmpty()) {
          warnings.add(new Verification.Warning(lineNo, "the decision has no evaluation time (it was evaluated "
              + "without --at or a Clock), so the record does not say when it was made"));
        }
        verified++;
        expectedPrev = Json.sha256Hex(bytes);
        head = Optional.of(new Verification.Head(r.seq(), expectedPrev));
      }
      if (split.tornBytes() > 0) {
        return fail(lines.size() + 1L, Verification.Kind.TRUNCATED, "the last line is torn: " + split.tornBytes()
            + " bytes without a terminating newline (an append was cut short by a crash, or the file was "
            + "truncated)");
      }
      if (expectedHead.isPresent()) {
        Verification.Head want = expectedHead.get();
        if (want.seq() > lines.size()) {
          return fail(lines.size() + 1L, Verification.Kind.TRUNCATED, "the log ends at seq " + lines.size()
              + " but the anchored head is seq " + want.seq() + ": records were dropped from the end");
        }
        String actual = Json.sha256Hex(lines.get((int) want.seq() - 1));
        if (!actual.equals(want.sha256())) {
          return fail(want.seq(), Verification.Kind.CHANGED, "the line's SHA-256 is " + actual
              + ", not the anchored head's " + want.sha256() + ": the record was rewritten together with its hash");
        }
        if (want.seq() < lines.size()) {
          warnings.add(new Verification.Warning(0, (lines.size() - want.seq()) + " records were appended after the "
              + "anchored head " + want));
        }
      }
      if (lines.isEmpty()) {
        warnings.add(new Verification.Warning(0, "the log is empty"));
      }
      if (verifier == null && sigsPresent > 0) {
        warnings.add(new Verification.Warning(0, sigsPresent + " records are signed but no public key was given, "
            + "so their signatures were not checked"));
      }
      return new Verification(source, verified, Optional.empty(), warnings, head, sigsVerified, sigsPresent);
    }

    /** Diagnoses a seq out of place: dropped, inserted or reordered records. */
    private Verification sequence(int i, AuditRecord r, long expected) {
      long lineNo = i + 1L;
      String where = "line " + lineNo + " holds seq " + r.seq() + " where seq " + expected + " was expected";
      Optional<Integer> duplicateOf = duplicate(i, r);
      Optional<Integer> expectedAt = findSeq(expected, i + 1);
      if (r.seq() < expected) {
        if (duplicateOf.isPresent() && duplicateOf.get() < i) {
          return fail(lineNo, Verification.Kind.INSERTED, where + ": it repeats line " + (duplicateOf.get() + 1)
              + ", so a record was inserted");
        }
        if (expectedAt.isPresent() && expectedAt.get() == i + 1) {
          return fail(lineNo, Verification.Kind.INSERTED, where + " and the log continues with seq " + expected
              + " on line " + (lineNo + 1) + ": a record was inserted");
        }
        return fail(lineNo, Verification.Kind.REORDERED, where + ": records were reordered");
      }
      if (expectedAt.isPresent()) {
        if (duplicateOf.isPresent()) {
          return fail(lineNo, Verification.Kind.INSERTED, where + ": it repeats line " + (duplicateOf.get() + 1)
              + ", so a record was inserted");
        }
        return fail(lineNo, Verification.Kind.REORDERED, where + "; seq " + expected + " is on line "
            + (expectedAt.get() + 1) + ": records were reordered");
      }
      long missing = r.seq() - expected;
      return fail(lineNo, Verification.Kind.DROPPED, where + ": " + missing + (missing == 1 ? " record was" : " records were")
          + " dropped before it");
    }

    private Optional<Integer> duplicate(int i, AuditRecord r) {
      for (int j = 0; j < split.lines().size(); j++) {
        if (j != i && record(j).map(x -> x.hash().equals(r.hash())).orElse(false)) {
          return Optional.of(j);
        }
      }
      return Optional.empty();
    }

    private Optional<Integer> findSeq(long seq, int from) {
      for (int j = from; j < split.lines().size(); j++) {
        if (record(j).map(x -> x.seq() == seq).orElse(false)) {
          return Optional.of(j);
        }
      }
      return Optional.empty();
    }

    private Optional<AuditRecord> record(int j) {
      return parsed.computeIfAbsent(j, k -> {
        try {
          return LogLines.utf8(split.lines().get(k)).map(t -> AuditRecord.parse(t, source, k + 1L));
        } catch (InputException e) {
          return Optional.empty();
        }
      });
    }

    private boolean signatureValid(AuditRecord r) {
      try {
        verifier.initVerify(publicKey.orElseThrow());
        verifier.update(r.hash().getBytes(StandardCharsets.US_ASCII));
        return verifier.verify(Base64.getDecoder().decode(r.sig().orElseThrow()));
      } catch (GeneralSecurityException | IllegalArgumentException e) {
        return false;
      }
    }

    private Verification fail(long line, Verification.Kind kind, String message) {
      return new Verification(source, verified, Optional.of(new Verification.Failure(line, kind, message)), warnings,
          head, sigsVerified, sigsPresent);
    }
  }

  /** Whether the copies in the record agree with its decision; the reason when not. */
  static Optional<String> inconsistency(AuditRecord r) {
    JsonObject d = r.decision();
    JsonValue policy = d.get("policy").orElse(JsonNull.INSTANCE);
    if (!(policy instanceof JsonObject p)) {
      return Optional.of("the decision has no policy object");
    }
    if (!p.get("name").equals(Optional.of(new JsonString(r.policy().name())))
        || !p.get("version").equals(Optional.of(r.policy().version()))
        || !p.get("sha256").equals(Optional.of(new JsonString(r.policy().sha256())))) {
      return Optional.of("the record's policy (name, version, sha256) does not agree with its decision's");
    }
    if (!p.get("kind").equals(Optional.of(new JsonString(r.kind().policyKind().yamlName())))) {
      return Optional.of("the record is a " + r.kind().jsonName() + " record, but its decision is not a "
          + r.kind().policyKind().yamlName() + "'s");
    }
    // a rollback decision records a hash chain over its windows, not the windows document's SHA-256: replay checks it
    if (r.kind() != AuditRecord.Kind.ROLLBACK) {
      String member = r.kind().inputMember();
      Optional<JsonValue> inputSha = d.get(member).filter(e -> e instanceof JsonObject)
          .flatMap(e -> ((JsonObject) e).get("sha256"));
      if (!inputSha.equals(Optional.of(new JsonString(r.evidenceSha256())))) {
        return Optional.of("the record's " + member + " sha256 does not agree with its decision's");
      }
    }
    JsonValue at = d.get("evaluatedAt").orElse(JsonNull.INSTANCE);
    JsonValue want = r.evaluatedAt().map(Instant::toString).map(s -> (JsonValue) new JsonString(s))
        .orElse(JsonNull.INSTANCE);
    if (!at.equals(want)) {
      return Optional.of("the record's evaluatedAt does not agree with its decision's");
    }
    Optional<JsonValue> version = d.get("clinigate").filter(c -> c instanceof JsonObject)
        .flatMap(c -> ((JsonObject) c).get("version"));
    if (!version.equals(Optional.of(new JsonString(r.clinigateVersion())))) {
      return Optional.of("the record's clinigate version does not agree with its decision's");
    }
    return Optional.empty();
  }

  /** Builds an {@link AuditVerifier}. */
  public static final class Builder {
    private String genesis = AuditChain.GENESIS;
    private Optional<PublicKey> publicKey = Optional.empty();
    private Optional<Verification.Head> expectedHead = Optional.empty();

    private Builder() {}

    /** The genesis value the log was written with (default {@link AuditChain#GENESIS}). */
    public Builder genesis(String value) {
      if (!Hex.isSha256(value)) {
        throw new IllegalArgumentException("genesis must be 64 lower-case hex digits, found \"" + value + "\"");
      }
      this.genesis = value;
      return this;
    }

    /** Every record must carry a valid Ed25519 signature by this key's private half. */
    public Builder publicKey(PublicKey key) {
      this.publicKey = Optional.of(Objects.requireNonNull(key, "key"));
      return this;
    }

    /**
     * The log must contain this head (recorded earlier, outside the log): the record at {@code head.seq()}
     * must hash to {@code head.sha256()}. Detects records dropped from the end and a rewritten last record.
     */
    public Builder expectHead(Verification.Head head) {
      this.expectedHead = Optional.of(Objects.requireNonNull(head, "head"));
      return this;
    }

    /** Builds the verifier. */
    public AuditVerifier build() {
      return new AuditVerifier(genesis, publicKey, expectedHead);
    }
  }
}
