package dev.clinigate.audit;

import dev.clinigate.Decision;
import dev.clinigate.Evidence;
import dev.clinigate.Inference;
import dev.clinigate.MonitoringWindow;
import dev.clinigate.ReviewDecision;
import dev.clinigate.RollbackDecision;
import dev.clinigate.audit.internal.Hex;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
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

  /**
   * The rollback record that follows {@code previous} (or starts the log): the decision, masked with the windows
   * as its evidence document ({@code {"windows": [...]}}), and the SHA-256 of the windows document
   * ({@link ContentStore#windowsSha256}).
   *
   * @param windows the windows the decision was made on, in order
   * @throws IllegalArgumentException when the windows are not the decision's (their hash chain differs)
   */
  public AuditRecord next(Optional<AuditRecord> previous, RollbackDecision decision, List<MonitoringWindow> windows) {
    return link(previous, prepare(decision, windows));
  }

  /**
   * The review record that follows {@code previous} (or starts the log): the routing decision and the
   * clinician's action, masked with the inference as its evidence document.
   *
   * @param inference the inference the decision routed (with its review, when a clinician acted)
   * @throws IllegalArgumentException when the inference is not the decision's (its SHA-256 differs)
   */
  public AuditRecord next(Optional<AuditRecord> previous, ReviewDecision decision, Inference inference) {
    return link(previous, prepare(decision, inference));
  }

  /** The masked, not yet chained part of a record: computed outside the log's lock. */
  record Prepared(JsonObject decision, Optional<Instant> evaluatedAt, AuditRecord.PolicyRef policy,
      String evidenceSha256, String version, List<String> masked, AuditRecord.Kind kind,
      Optional<JsonObject> review) {
    Prepared(JsonObject decision, Optional<Instant> evaluatedAt, AuditRecord.PolicyRef policy, String evidenceSha256,
        String version, List<String> masked) {
      this(decision, evaluatedAt, policy, evidenceSha256, version, masked, AuditRecord.Kind.PROMOTION,
          Optional.empty());
    }
  }

  Prepared prepare(RollbackDecision decision, List<MonitoringWindow> windows) {
    Objects.requireNonNull(decision, "decision");
    List<MonitoringWindow> ws = List.copyOf(windows);
    String chain = windowsChain(ws);
    if (!chain.equals(decision.windowsSha256())) {
      throw new IllegalArgumentException("the windows (hash chain " + chain + ") are not the windows of the decision ("
          + decision.windowsSha256() + ")");
    }
    JsonArray doc = ContentStore.windowsDocument(ws);
    return prepared(AuditRecord.Kind.ROLLBACK, decision.toJson(), decision.evaluatedAt(), decision.policySha256(),
        Json.sha256(doc), JsonObject.builder().put("windows", doc).build(), Optional.empty());
  }

  Prepared prepare(ReviewDecision decision, Inference inference) {
    Objects.requireNonNull(decision, "decision");
    JsonObject in = inference.toJson();
    String sha = Json.sha256(in);
    if (!sha.equals(decision.inferenceSha256())) {
      throw new IllegalArgumentException("the inference (sha256 " + sha + ") is not the inference of the decision "
          + "(sha256 " + decision.inferenceSha256() + ")");
    }
    return prepared(AuditRecord.Kind.REVIEW, decision.toJson(), decision.evaluatedAt(), decision.policySha256(), sha,
        in, Optional.of(reviewMember(inference)));
  }

  /**
   * The hash chain a rollback decision records over its windows ({@link RollbackDecision#windowsSha256()}):
   * {@code h = sha256(h + canonical(window))} from the SHA-256 of the empty string.
   */
  static String windowsChain(List<MonitoringWindow> windows) {
    String h = Json.sha256Hex(new byte[0]);
    for (MonitoringWindow w : windows) {
      h = Json.sha256Hex((h + Json.canonical(w.toJson())).getBytes(StandardCharsets.UTF_8));
    }
    return h;
  }

  /**
   * A review record's {@code review} member: the clinician's action, the rationale's reason code, the label that
   * stands, and the SHA-256 of the explanation shown at decision time (each null when absent).
   */
  static JsonObject reviewMember(Inference inference) {
    Optional<Inference.Review> r = inference.review();
    Optional<dev.clinigate.ReviewerDecision> action = r.flatMap(Inference.Review::decision);
    Optional<String> label = r.flatMap(Inference.Review::finalLabel);
    if (label.isEmpty() && action.equals(Optional.of(dev.clinigate.ReviewerDecision.APPROVE))) {
      label = inference.output(); // approved: the model's output stands
    }
    return JsonObject.builder()
        .put("action", action.map(dev.clinigate.ReviewerDecision::jsonName).orElse(null))
        .put("reasonCode", r.flatMap(Inference.Review::rationale).map(Inference.Rationale::code).orElse(null))
        .put("finalLabel", label.orElse(null))
        .put("explanation", r.flatMap(Inference.Review::explanation)
            .map(e -> (JsonValue) JsonObject.builder().put("sha256", Json.sha256(e)).build())
            .orElse(dev.clinigate.json.JsonNull.INSTANCE))
        .build();
  }

  /** Masks a decision (and a review member) with {@code evidence} as the mask's evidence document. */
  private Prepared prepared(AuditRecord.Kind kind, JsonObject json, Optional<Instant> evaluatedAt, String policySha,
      String inputSha, JsonObject evidence, Optional<JsonObject> review) {
    Masked m = mask(mask, json, review, evidence);
    JsonObject policy = (JsonObject) json.get("policy").orElseThrow();
    JsonObject clinigate = (JsonObject) json.get("clinigate").orElseThrow();
    return new Prepared(m.decision(), evaluatedAt, new AuditRecord.PolicyRef(text(policy.get("name").orElseThrow()),
        policy.get("version").orElseThrow(), policySha), inputSha, text(clinigate.get("version").orElseThrow()),
        m.masked(), kind, m.review());
  }

  /**
   * A masked decision and review member, with the record paths masked.
   *
   * @param decision the masked decision
   * @param review the masked review member
   * @param masked record paths ({@code $.decision...}, {@code $.review...})
   */
  record Masked(JsonObject decision, Optional<JsonObject> review, List<String> masked) {}

  /**
   * Masks a decision and, for a review record, the free strings of its review member ({@code reasonCode},
   * {@code finalLabel}: the action is an enumerated value and the explanation a hash).
   */
  static Masked mask(PhiMask mask, JsonObject decision, Optional<JsonObject> review, JsonObject evidence) {
    PhiMask.Result r = mask.apply(decision, Optional.of(evidence));
    List<String> masked = new ArrayList<>();
    for (String p : r.maskedPaths()) {
      masked.add("$.decision" + p.substring(1));
    }
    Optional<JsonObject> rv = review;
    if (review.isPresent() && !mask.isEmpty()) {
      JsonObject.Builder free = JsonObject.builder();
      for (String k : List.of("finalLabel", "reasonCode")) {
        free.put(k, review.get().get(k).orElseThrow());
      }
      PhiMask.Result f = mask.apply(free.build(), Optional.of(evidence));
      java.util.LinkedHashMap<String, JsonValue> m = new java.util.LinkedHashMap<>(review.get().members());
      for (String k : List.of("finalLabel", "reasonCode")) {
        m.put(k, f.decision().get(k).orElse(dev.clinigate.json.JsonNull.INSTANCE));
      }
      rv = Optional.of(new JsonObject(m));
      for (String p : f.maskedPaths()) {
        masked.add("$.review" + p.substring(1));
      }
    }
    return new Masked(r.decision(), rv, masked);
  }

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
        p.version(), p.masked(), prev, p.kind(), p.review());
    String hash = Json.sha256(content);
    Optional<String> sig = signingKey.map(k -> sign(k, hash));
    return new AuditRecord(seq, p.evaluatedAt(), p.decision(), p.policy(), p.evidenceSha256(), p.version(),
        p.masked(), prev, hash, sig, p.kind(), p.review());
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
