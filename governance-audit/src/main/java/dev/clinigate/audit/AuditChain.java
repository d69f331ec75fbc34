package dev.clinigate.audit;

import dev.clinigate.Decision;
import dev.clinigate.Evidence;
import dev.clinigate.audit.internal.Hex;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import dev.clinigate.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the records of one log are made: the genesis value the first record chains to, the
 * {@link PhiMask} applied before anything is written, and the optional Ed25519 signing key.
 *
 * <p>{@link FileAuditLog} uses a chain; a host that keeps its log in its own store (a database table, an
 * object store) uses one too, and stores {@link AuditRecord#line()} atomically after the previous record:
 * <pre>{@code
 * AuditChain chain = AuditChain.builder().mask(mask).signWith(privateKey).build();
 * synchronized (store) {                                  // the host's own atomicity
 *   Optional<AuditRecord> last = store.lastLine().map(l -> AuditRecord.parse(l, "store", 0));
 *   AuditRecord next = chain.next(last, decision, Optional.of(evidence));
 *   store.append(next.line());
 * }
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class AuditChain {
  /** The default genesis value: the first record's {@code prev} is 64 zeros. */
  public static final String GENESIS = "0".repeat(64);

  private static final AuditChain DEFAULTS = new AuditChain(GENESIS, PhiMask.none(), Optional.empty());

  private final String genesis;
  private final PhiMask mask;
  private final Optional<PrivateKey> signingKey;

  private AuditChain(String genesis, PhiMask mask, Optional<PrivateKey> signingKey) {
    this.genesis = genesis;
    this.mask = mask;
    this.signingKey = signingKey;
  }

  /** Genesis {@link #GENESIS}, no masking, no signature. */
  public static AuditChain defaults() {
    return DEFAULTS;
  }

  /** A builder, starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The value the first record's {@code prev} holds. */
  public String genesis() {
    return genesis;
  }

  /** The mask applied to every decision. */
  public PhiMask mask() {
    return mask;
  }

  /** Whether records are signed. */
  public boolean signs() {
    return signingKey.isPresent();
  }

  /**
   * The record that follows {@code previous} (or starts the log) for this decision.
   *
   * @param previous the log's last record, empty for the first
   * @param decision the decision to record
   * @param evidence the evidence it was made on; needed when the mask lists evidence paths or PHI columns
   * @throws IllegalArgumentException when the evidence is not the decision's (its SHA-256 differs) or is
   *     needed and absent
   */
  public AuditRecord next(Optional<AuditRecord> previous, Decision decision, Optional<Evidence> evidence) {
    return link(previous, prepare(decision, evidence));
  }

  /** The masked, not yet chained part of a record: computed outside the log's lock. */
  record Prepared(JsonObject decision, Optional<Instant> evaluatedAt, AuditRecord.PolicyRef policy,
      String evidenceSha256, String version, List<String> masked) {}

  Prepared prepare(Decision decision, Optional<Evidence> evidence) {
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(evidence, "evidence");
    if (evidence.isPresent() && !evidence.get().sha256().equals(decision.evidenceSha256())) {
      throw new IllegalArgumentException("the evidence (sha256 " + evidence.get().sha256()
          + ") is not the evidence of the decision (sha256 " + decision.evidenceSha256() + ")");
    }
    JsonObject json = decision.toJson();
    PhiMask.Result r = mask.apply(json, evidence.map(Evidence::json));
    JsonObject policy = (JsonObject) json.get("policy").orElseThrow();
    JsonObject clinigate = (JsonObject) json.get("clinigate").orElseThrow();
    List<String> masked = new ArrayList<>();
    for (String p : r.maskedPaths()) {
      masked.add("$.decision" + p.substring(1));
    }
    return new Prepared(r.decision(), decision.evaluatedAt(),
        new AuditRecord.PolicyRef(decision.policy().name(), policy.get("version").orElseThrow(),
            decision.policySha256()),
        decision.evidenceSha256(), text(clinigate.get("version").orElseThrow()), masked);
  }

  private static String text(JsonValue v) {
    return v instanceof JsonString s ? s.value() : v.toString();
  }

  AuditRecord link(Optional<AuditRecord> previous, Prepared p) {
    long seq = previous.map(r -> r.seq() + 1).orElse(1L);
    String prev = previous.map(AuditRecord::lineSha256).orElse(genesis);
    JsonObject content = AuditRecord.content(seq, p.evaluatedAt(), p.decision(), p.policy(), p.evidenceSha256(),
        p.version(), p.masked(), prev);
    String hash = Json.sha256(content);
    Optional<String> sig = signingKey.map(k -> sign(k, hash));
    return new AuditRecord(seq, p.evaluatedAt(), p.decision(), p.policy(), p.evidenceSha256(), p.version(),
        p.masked(), prev, hash, sig);
  }

  static String sign(PrivateKey key, String hash) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(key);
      s.update(hash.getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot sign with this key (an Ed25519 private key is needed): "
          + e.getMessage(), e);
    }
  }

  /** Builds an {@link AuditChain}. */
  public static final class Builder {
    private String genesis = GENESIS;
    private PhiMask mask = PhiMask.none();
    private Optional<PrivateKey> signingKey = Optional.empty();

    private Builder() {}

    /**
     * The first record's {@code prev}: 64 lower-case hex digits, e.g. the SHA-256 of the last line of the log
     * this one continues (log rotation). Verify with the same value.
     */
    public Builder genesis(String value) {
      if (!Hex.isSha256(value)) {
        throw new IllegalArgumentException("genesis must be 64 lower-case hex digits, found \"" + value + "\"");
      }
      this.genesis = value;
      return this;
    }

    /** The mask applied before anything is written. */
    public Builder mask(PhiMask value) {
      this.mask = Objects.requireNonNull(value, "mask");
      return this;
    }

    /**
     * Signs every record with this Ed25519 private key (see {@link AuditKeys#readPrivateKey}).
     *
     * @throws IllegalArgumentException when the key cannot make Ed25519 signatures
     */
    public Builder signWith(PrivateKey key) {
      sign(Objects.requireNonNull(key, "key"), GENESIS); // fail now, not at the first append
      this.signingKey = Optional.of(key);
      return this;
    }

    /** Builds the chain. */
    public AuditChain build() {
      return new AuditChain(genesis, mask, signingKey);
    }
  }
}
