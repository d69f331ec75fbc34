package dev.clinigate.audit;

import dev.clinigate.EvidenceException;
import dev.clinigate.InputException;
import dev.clinigate.Policy;
import dev.clinigate.Problem;
import dev.clinigate.ReviewerDecision;
import dev.clinigate.audit.internal.Hex;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonNull;
import dev.clinigate.json.JsonNumber;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import dev.clinigate.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One line of a decision log: a decision of any kind (promotion, rollback, review), where it came from, and its
 * place in the hash chain.
 *
 * <p>A record is written as one line of canonical JSON (keys sorted, no whitespace) followed by
 * {@code \n}:
 * <pre>{@code
 * {"clinigate":{"version":"0.1.0"},"decision":{...},"evaluatedAt":"2026-03-02T09:00:00Z",
 *  "evidence":{"sha256":"…"},"hash":"…","masked":[],"policy":{"name":"readmission-risk","sha256":"…","version":3},
 *  "prev":"…","seq":1,"sig":"…"}
 * }</pre>
 * <ul>
 *   <li>{@code kind}: {@code "rollback"} or {@code "review"}; absent for a promotion record (so that promotion
 *       records keep the form they had before the other kinds were logged).</li>
 *   <li>{@code evidence} / {@code windows} / {@code inference}: {@code {"sha256"}} of the decision's canonical
 *       input (the evidence; the windows document, a JSON array of the canonical windows; the inference), the
 *       one member that fits the kind; the input itself is kept in a {@link ContentStore}, never in the log.</li>
 *   <li>{@code review}: review records only: {@code {"action", "reasonCode", "finalLabel", "explanation"}}, the
 *       clinician's action ({@code approve|override|reject|defer}, or null before anyone acted), the rationale's
 *       reason code, the label that stands (the override's label; the model output when approved), and
 *       {@code {"sha256"}} of the canonical explanation shown at decision time (or null).</li>
 *   <li>{@code seq}: 1-based position in the log.</li>
 *   <li>{@code evaluatedAt}, {@code policy}, {@code evidence}, {@code clinigate}: copied from the decision,
 *       so that a reader need not open it; a verifier checks they agree with it.</li>
 *   <li>{@code decision}: the canonical decision, after masking.</li>
 *   <li>{@code masked}: the record paths whose values were masked (see {@link PhiMask}).</li>
 *   <li>{@code prev}: lower-case hex SHA-256 of the previous line's bytes (without its {@code \n}); the first
 *       record's {@code prev} is the chain's genesis value ({@link AuditChain#GENESIS} unless declared).</li>
 *   <li>{@code hash}: SHA-256 of the canonical JSON of the record without {@code hash} and {@code sig}.</li>
 *   <li>{@code sig}: optional Ed25519 signature (standard base64) of the 64 ASCII characters of {@code hash}.</li>
 * </ul>
 *
 * <p>Records are values: the constructor checks formats, not the chain; {@link AuditVerifier} checks the
 * chain, the hashes and the signatures.
 *
 * @param seq 1-based sequence number
 * @param evaluatedAt the decision's evaluation time, if it had one
 * @param decision the canonical decision object (masked)
 * @param policy the policy's name, version and SHA-256
 * @param evidenceSha256 SHA-256 of the decision's canonical input: the evidence of a promotion decision, the
 *     windows document of a rollback decision, the inference of a review decision
 * @param clinigateVersion the library version that made the decision
 * @param masked record paths of masked values, e.g. {@code $.decision.rules[4].message}
 * @param prev SHA-256 of the previous line, or the genesis value
 * @param hash SHA-256 of this record without {@code hash} and {@code sig}
 * @param sig Ed25519 signature of {@code hash}, base64, when the log is signed
 * @param kind the kind of decision
 * @param review a review record's {@code review} member (after masking); empty for the other kinds
 */
public record AuditRecord(long seq, Optional<Instant> evaluatedAt, JsonObject decision, PolicyRef policy,
    String evidenceSha256, String clinigateVersion, List<String> masked, String prev, String hash,
    Optional<String> sig, Kind kind, Optional<JsonObject> review) {

  private static final Set<String> KEYS = Set.of("seq", "evaluatedAt", "decision", "policy", "evidence", "windows",
      "inference", "kind", "review", "clinigate", "masked", "prev", "hash", "sig");
  private static final Set<String> REVIEW_KEYS = Set.of("action", "reasonCode", "finalLabel", "explanation");

  /** The kinds of logged decision. */
  public enum Kind {
    /** A promotion decision (GO / NO_GO) on evidence; its record has no {@code kind} member. */
    PROMOTION("promotion", "evidence", Policy.Kind.PROMOTION_POLICY),
    /** A rollback decision over monitoring windows. */
    ROLLBACK("rollback", "windows", Policy.Kind.ROLLBACK_POLICY),
    /** The routing of one inference, with the clinician's action. */
    REVIEW("review", "inference", Policy.Kind.REVIEW_POLICY);

    private final String jsonName;
    private final String input;
    private final Policy.Kind policyKind;

    Kind(String jsonName, String input, Policy.Kind policyKind) {
      this.jsonName = jsonName;
      this.input = input;
      this.policyKind = policyKind;
    }

    /** The record's {@code kind} value: {@code promotion}, {@code rollback}, {@code review}. */
    public String jsonName() {
      return jsonName;
    }

    /** The member naming the input: {@code evidence}, {@code windows}, {@code inference}. */
    public String inputMember() {
      return input;
    }

    /** The kind of policy that makes this kind of decision. */
    public Policy.Kind policyKind() {
      return policyKind;
    }

    /** The record kind of a policy kind. */
    public static Kind of(Policy.Kind policyKind) {
      for (Kind k : values()) {
        if (k.policyKind == policyKind) {
          return k;
        }
      }
      throw new IllegalArgumentException("no record kind for " + policyKind);
    }
  }

  /** A promotion record (the form every record had before the other kinds were logged). */
  public AuditRecord(long seq, Optional<Instant> evaluatedAt, JsonObject decision, PolicyRef policy,
      String evidenceSha256, String clinigateVersion, List<String> masked, String prev, String hash,
      Optional<String> sig) {
    this(seq, evaluatedAt, decision, policy, evidenceSha256, clinigateVersion, masked, prev, hash, sig, Kind.PROMOTION,
        Optional.empty());
  }

  /** Validates formats and copies. */
  public AuditRecord {
    if (seq < 1) {
      throw new IllegalArgumentException("seq must be >= 1, found " + seq);
    }
    Objects.requireNonNull(evaluatedAt, "evaluatedAt");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(clinigateVersion, "clinigateVersion");
    masked = List.copyOf(masked);
    Objects.requireNonNull(sig, "sig");
    requireSha("evidence.sha256", evidenceSha256);
    requireSha("prev", prev);
    requireSha("hash", hash);
    if (sig.isPresent() && !sig.get().matches("[A-Za-z0-9+/]+={0,2}")) {
      // the value is not quoted: a tampered log line may hold anything, a patient identifier included
      throw new IllegalArgumentException("sig must be standard base64, found " + sig.get().length()
          + " characters that are not");
    }
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(review, "review");
    if (kind == Kind.REVIEW) {
      checkReview(review.orElseThrow(() -> new IllegalArgumentException("a review record needs a review member")));
    } else if (review.isPresent()) {
      throw new IllegalArgumentException("only a review record has a review member");
    }
  }

  /** The review member's shape: four members, each null or of its type; values are never quoted. */
  private static void checkReview(JsonObject r) {
    if (!r.members().keySet().equals(REVIEW_KEYS)) {
      throw new IllegalArgumentException("review must hold exactly action, explanation, finalLabel, reasonCode");
    }
    JsonValue action = r.get("action").orElseThrow();
    if (!(action instanceof JsonNull)
        && !(action instanceof JsonString a && ReviewerDecision.parse(a.value()).isPresent())) {
      throw new IllegalArgumentException("review.action must be approve, override, reject, defer or null");
    }
    for (String k : List.of("reasonCode", "finalLabel")) {
      JsonValue v = r.get(k).orElseThrow();
      if (!(v instanceof JsonNull || v instanceof JsonString)) {
        throw new IllegalArgumentException("review." + k + " must be a string or null");
      }
    }
    JsonValue e = r.get("explanation").orElseThrow();
    if (!(e instanceof JsonNull) && !(e instanceof JsonObject eo && eo.size() == 1
        && eo.get("sha256").filter(x -> x instanceof JsonString xs && Hex.isSha256(xs.value())).isPresent())) {
      throw new IllegalArgumentException("review.explanation must be {\"sha256\": <64 hex digits>} or null");
    }
  }

  private static void requireSha(String what, String value) {
    if (!Hex.isSha256(value)) {
      throw new IllegalArgumentException(what + " must be 64 lower-case hex digits, found " + value.length()
          + " characters that are not");
    }
  }

  /**
   * A policy's identity as the decision recorded it.
   *
   * @param name the policy name
   * @param version the version as the decision renders it (an integer version is a JSON number)
   * @param sha256 SHA-256 of the canonical policy
   */
  public record PolicyRef(String name, JsonValue version, String sha256) {
    /** Validates. */
    public PolicyRef {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(version, "version");
      requireSha("policy.sha256", sha256);
      if (!(version instanceof JsonNumber || version instanceof JsonString)) {
        throw new IllegalArgumentException("policy.version must be a number or a string, found " + Json.describe(version));
      }
    }

    /** The version as text ({@code 3}, {@code 2.1-rc}). */
    public String versionText() {
      return version instanceof JsonString s ? s.value() : version.toString();
    }

    JsonObject toJson() {
      return JsonObject.builder().put("name", name).put("sha256", sha256).put("version", version).build();
    }
  }

  /**
   * The decision's verdict ({@code GO}, {@code NO_GO}, {@code HOLD}, {@code ROLLBACK}, ...; a review decision's
   * route: {@code AUTO}, {@code REVIEW}, ...), or "" when the decision has none.
   */
  public String verdict() {
    return decision.get(kind == Kind.REVIEW ? "route" : "verdict").filter(v -> v instanceof JsonString)
        .map(v -> ((JsonString) v).value()).orElse("");
  }

  /** The record as JSON, with {@code hash} and {@code sig}. */
  public JsonObject toJson() {
    JsonObject.Builder b = JsonObject.builder();
    unsigned().members().forEach(b::put);
    b.put("hash", hash);
    sig.ifPresent(s -> b.put("sig", s));
    return b.build();
  }

  /** The record without {@code hash} and {@code sig}: what {@code hash} covers. */
  JsonObject unsigned() {
    return content(seq, evaluatedAt, decision, policy, evidenceSha256, clinigateVersion, masked, prev, kind, review);
  }

  static JsonObject content(long seq, Optional<Instant> evaluatedAt, JsonObject decision, PolicyRef policy,
      String evidenceSha256, String clinigateVersion, List<String> masked, String prev, Kind kind,
      Optional<JsonObject> review) {
    JsonObject.Builder b = JsonObject.builder()
        .put("clinigate", JsonObject.builder().put("version", clinigateVersion).build())
        .put("decision", decision)
        .put("evaluatedAt", evaluatedAt.map(Instant::toString).orElse(null))
        .put(kind.inputMember(), JsonObject.builder().put("sha256", evidenceSha256).build());
    if (kind != Kind.PROMOTION) {
      b.put("kind", kind.jsonName());
    }
    b.put("masked", JsonArray.ofStrings(masked))
        .put("policy", policy.toJson())
        .put("prev", prev);
    review.ifPresent(r -> b.put("review", r));
    return b.put("seq", seq).build();
  }

  /** The line as written to the log: canonical JSON, without the terminating {@code \n}. */
  public String line() {
    return Json.canonical(toJson());
  }

  /** SHA-256 of this record's line: what the next record's {@code prev} must be. */
  public String lineSha256() {
    return Json.sha256Hex(line().getBytes(StandardCharsets.UTF_8));
  }

  /** Recomputes the hash of this record's content. */
  public String computedHash() {
    return Json.sha256(unsigned());
  }

  /** Whether {@link #hash()} matches the record's content. */
  public boolean hashMatches() {
    return computedHash().equals(hash);
  }

  /**
   * Whether {@link #hash()} matches the content, given that {@code line} is this record's canonical line (as
   * {@link #parse} checks). Faster than {@link #hashMatches()}: in canonical form the record without {@code hash}
   * and {@code sig} is the line without those two members ({@code hash} is never the first member; {@code sig} is
   * the last but for a rollback record's {@code windows}, which holds only a SHA-256), so nothing needs rendering
   * again.
   */
  boolean hashMatches(String line) {
    String h = ",\"hash\":\"" + hash + "\"";
    int at = line.lastIndexOf(h);
    if (at < 0) {
      return hashMatches();
    }
    String unsigned = line.substring(0, at) + line.substring(at + h.length());
    if (sig.isPresent()) {
      String member = ",\"sig\":\"" + sig.get() + "\"";
      int s = unsigned.lastIndexOf(member);
      if (s < 0) {
        return hashMatches();
      }
      unsigned = unsigned.substring(0, s) + unsigned.substring(s + member.length());
    }
    return Json.sha256Hex(unsigned.getBytes(StandardCharsets.UTF_8)).equals(hash);
  }

  /**
   * Parses one log line. Checks the structure and that the line is exactly the record's canonical form
   * (so that no byte can change without changing the record), but not the hash, chain or signature: that is
   * {@link AuditVerifier}'s job.
   *
   * @param line the line, without its {@code \n}
   * @param source the log's name, for errors
   * @param lineNumber the 1-based line number, for errors
   * @throws InputException naming {@code source:line} when the line is not a well-formed record
   */
  public static AuditRecord parse(String line, String source, long lineNumber) {
    int ln = (int) Math.min(Integer.MAX_VALUE, lineNumber);
    JsonValue root;
    try {
      root = Json.parse(line, source).root();
    } catch (EvidenceException e) {
      Problem p = e.problems().get(0);
      throw bad(source, ln, "not valid JSON: " + p.message(), "the line was changed or cut off");
    }
    if (!(root instanceof JsonObject o)) {
      throw bad(source, ln, "a record is a JSON object, found " + root.kind().name().toLowerCase(java.util.Locale.ROOT),
          "the line was changed");
    }
    TreeSet<String> unknown = new TreeSet<>(o.members().keySet());
    unknown.removeAll(KEYS);
    if (!unknown.isEmpty()) {
      throw bad(source, ln, "unknown member" + (unknown.size() == 1 ? " " : "s ") + String.join(", ", unknown),
          "records hold only " + String.join(", ", new TreeSet<>(KEYS)));
    }
    AuditRecord r;
    try {
      Kind kind = Kind.PROMOTION;
      if (o.has("kind")) {
        String k = string(o, "kind");
        if (k.equals(Kind.ROLLBACK.jsonName())) {
          kind = Kind.ROLLBACK;
        } else if (k.equals(Kind.REVIEW.jsonName())) {
          kind = Kind.REVIEW;
        } else {
          throw new IllegalArgumentException("kind must be rollback or review (a promotion record has no kind)");
        }
      }
      for (Kind other : Kind.values()) {
        if (other != kind && o.has(other.inputMember())) {
          throw new IllegalArgumentException("a " + kind.jsonName() + " record names its input as "
              + kind.inputMember() + ", not " + other.inputMember());
        }
      }
      long seq = integer(o, "seq");
      Optional<Instant> at = optionalInstant(o, "evaluatedAt");
      JsonObject decision = object(o, "decision");
      JsonObject policy = object(o, "policy");
      JsonObject evidence = object(o, kind.inputMember());
      Optional<JsonObject> review = o.has("review") ? Optional.of(object(o, "review")) : Optional.empty();
      JsonObject clinigate = object(o, "clinigate");
      List<String> masked = new ArrayList<>();
      JsonValue m = member(o, "masked");
      if (!(m instanceof JsonArray ma)) {
        throw new IllegalArgumentException("masked must be an array");
      }
      for (JsonValue x : ma.elements()) {
        if (!(x instanceof JsonString xs)) {
          throw new IllegalArgumentException("masked must hold strings");
        }
        masked.add(xs.value());
      }
      Optional<String> sig = o.has("sig") ? Optional.of(string(o, "sig")) : Optional.empty();
      r = new AuditRecord(seq, at, decision,
          new PolicyRef(string(policy, "name"), member(policy, "version"), string(policy, "sha256")),
          string(evidence, "sha256"), string(clinigate, "version"), masked, string(o, "prev"), string(o, "hash"), sig,
          kind, review);
      if (policy.size() != 3 || evidence.size() != 1 || clinigate.size() != 1) {
        throw new IllegalArgumentException("policy, " + kind.inputMember() + " or clinigate has members a record "
            + "does not hold");
      }
    } catch (IllegalArgumentException e) {
      throw bad(source, ln, e.getMessage(), "the line was changed");
    }
    if (!r.line().equals(line)) {
      throw bad(source, ln, "not in canonical form (keys sorted, no whitespace)",
          "records are written canonically; the line was edited");
    }
    return r;
  }

  private static InputException bad(String source, int line, String message, String hint) {
    return new InputException(Problem.at(source, line, 0, message, hint));
  }

  private static JsonValue member(JsonObject o, String key) {
    return o.get(key).orElseThrow(() -> new IllegalArgumentException("missing member \"" + key + "\""));
  }

  private static long integer(JsonObject o, String key) {
    if (member(o, key) instanceof JsonNumber n && n.integral()) {
      return n.longValue();
    }
    throw new IllegalArgumentException(key + " must be an integer");
  }

  private static String string(JsonObject o, String key) {
    if (member(o, key) instanceof JsonString s) {
      return s.value();
    }
    throw new IllegalArgumentException(key + " must be a string");
  }

  private static JsonObject object(JsonObject o, String key) {
    if (member(o, key) instanceof JsonObject x) {
      return x;
    }
    throw new IllegalArgumentException(key + " must be an object");
  }

  private static Optional<Instant> optionalInstant(JsonObject o, String key) {
    JsonValue v = member(o, key);
    if (v instanceof JsonNull) {
      return Optional.empty();
    }
    if (v instanceof JsonString s) {
      try {
        return Optional.of(Instant.parse(s.value()));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(key + " is not an ISO-8601 instant");
      }
    }
    throw new IllegalArgumentException(key + " must be an ISO-8601 string or null");
  }
}
