package dev.clinigate;

import dev.clinigate.internal.EvidenceShape;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonDocument;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonValue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a decision looks at, as an immutable JSON document: the candidate's metrics report (the
 * shape {@code clinigate metrics --format json} prints: {@code n}, {@code positives},
 * {@code prevalence}, {@code metrics}, {@code thresholds}, {@code intervals}, {@code groups}), an
 * optional {@code baseline} report of the production model on the same cases, and an optional drift
 * report ({@code drift.features}, or a bare {@code features} object as {@code clinigate drift} prints),
 * and the governance record: {@code model}, {@code dataset}, {@code stage}, {@code artifacts},
 * {@code contracts}, {@code deployment}, {@code comparison}, {@code approvals}, {@code waivers} (see
 * docs/evidence.md).
 *
 * <pre>{@code
 * Evidence e = Evidence.load(Path.of("evidence.json"));
 * Evidence built = Evidence.builder().n(40_000).metric("auroc", 0.81).metric("ece", 0.031)
 *     .model("readmission-risk", "3.2.0", "alice").stage("staging", "production").build();
 * }</pre>
 *
 * <p>Loading validates the structure and the {@link Domain} of every number the library knows (an AUROC
 * in [0, 1], counts whole and {@code positives <= n}, {@code lower95 <= upper95}, ...) and fails with an
 * {@link EvidenceException} naming {@code file:line:column}, the JSON path and the domain. Values that are
 * null, strings or absent are not load errors: the rules that need them report {@link Status#MISSING} and
 * fail closed.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Evidence {
  /** Largest evidence file accepted by default (16 MiB, {@link Limits#maxEvidenceBytes()}). */
  public static final long MAX_BYTES = 16L * 1024 * 1024;

  /** The members left out of the {@link #subjectSha256() subject}: they sign or waive it. */
  public static final List<String> SIGNATURE_MEMBERS = List.of("approvals", "waivers");

  private final JsonObject json;
  private final String sha256;
  private final String subjectSha256;

  private Evidence(JsonObject json) {
    this.json = json;
    this.sha256 = Json.sha256(json);
    Map<String, JsonValue> subject = new LinkedHashMap<>(json.members());
    SIGNATURE_MEMBERS.forEach(subject::remove);
    this.subjectSha256 = subject.size() == json.size() ? sha256 : Json.sha256(new JsonObject(subject));
  }

  /**
   * Loads evidence from a UTF-8 JSON file with the default limits, confined to the file's folder
   * ({@link SourceFiles#besideFile}); errors name the file as given.
   */
  public static Evidence load(Path file) {
    return load(file, SourceFiles.besideFile(file));
  }

  /** Loads evidence from a UTF-8 JSON file read through {@code files} (its root and limits). */
  public static Evidence load(Path file, SourceFiles files) {
    Limits l = files.limits();
    return of(Json.parse(files.readText(file, l.maxEvidenceBytes(), "maxEvidenceBytes"), file.toString(), l));
  }

  /** Parses evidence from JSON text; {@code sourceName} names it in errors. */
  public static Evidence parse(String json, String sourceName) {
    return of(Json.parse(json, sourceName));
  }

  /**
   * Validates a parsed document as evidence. Problems name the file, line, column and JSON path, never
   * a line or a string of the evidence (it may hold patient identifiers), whatever syntax it came in.
   */
  public static Evidence of(JsonDocument doc) {
    List<Problem> problems = EvidenceShape.validate(doc.asData());
    if (!problems.isEmpty()) {
      throw new EvidenceException(problems);
    }
    return new Evidence((JsonObject) doc.root());
  }

  /** Validates a JSON object built in Java as evidence. */
  public static Evidence of(JsonObject json) {
    return of(JsonDocument.of(json, "evidence"));
  }

  /** A builder for evidence assembled in Java. */
  public static Builder builder() {
    return new Builder();
  }

  /** The evidence document. */
  public JsonObject json() {
    return json;
  }

  /** Lower-case hex SHA-256 of the canonical evidence JSON. */
  public String sha256() {
    return sha256;
  }

  /**
   * Lower-case hex SHA-256 of the canonical evidence without its top-level {@code approvals} and
   * {@code waivers}: the "subject evidence" an approval signs in its {@code evidenceSha256}. Leaving the
   * signatures out keeps approving from being circular: adding an approval does not change what was
   * approved.
   */
  public String subjectSha256() {
    return subjectSha256;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Evidence other && sha256.equals(other.sha256);
  }

  @Override
  public int hashCode() {
    return sha256.hashCode();
  }

  @Override
  public String toString() {
    return "Evidence[sha256=" + sha256 + "]";
  }

  /**
   * Builds evidence in Java, in the metrics-report shape. Values are validated when {@link #build()}
   * is called.
   */
  public static final class Builder {
    private final JsonObject.Builder root = JsonObject.builder();
    private final Map<String, JsonValue> metrics = new LinkedHashMap<>();
    private final Map<Double, JsonObject.Builder> thresholds = new LinkedHashMap<>();
    private final Map<String, JsonValue> intervals = new LinkedHashMap<>();
    private final Map<String, Map<String, JsonValue>> groups = new LinkedHashMap<>();
    private final Map<String, JsonValue> extra = new LinkedHashMap<>();
    private final Map<String, JsonValue> artifacts = new LinkedHashMap<>();
    private final Map<String, JsonValue> deployment = new LinkedHashMap<>();
    private final List<JsonValue> approvals = new ArrayList<>();
    private final List<JsonValue> waivers = new ArrayList<>();

    private Builder() {}

    /** The number of cases. */
    public Builder n(long n) {
      root.put("n", n);
      return this;
    }

    /** The number of positive cases. */
    public Builder positives(long positives) {
      root.put("positives", positives);
      return this;
    }

    /** A whole-set metric such as {@code auroc}; a non-finite value is recorded as undefined. */
    public Builder metric(String name, double value) {
      metrics.put(Objects.requireNonNull(name), JsonValue.of(value));
      return this;
    }

    /** A threshold metric such as {@code sensitivity} at {@code threshold}. */
    public Builder metricAt(double threshold, String name, double value) {
      thresholds.computeIfAbsent(threshold, t -> JsonObject.builder().put("threshold", t)).put(name,
          JsonValue.of(value));
      return this;
    }

    /** The 95% interval of a metric ({@code auroc}, {@code sensitivity@0.5}). */
    public Builder interval(String metricKey, double lower95, double upper95) {
      intervals.put(metricKey, JsonObject.builder().put("lower95", lower95).put("upper95", upper95).build());
      return this;
    }

    /** The metrics report of one subgroup, e.g. {@code group("site", "east", Evidence.builder().n(812)...)}. */
    public Builder group(String column, String value, Builder group) {
      groups.computeIfAbsent(column, c -> new LinkedHashMap<>()).put(value, group.report());
      return this;
    }

    /** The model's identity: {@code model {name, version, author}} (the author matters to separation of duties). */
    public Builder model(String name, String version, String author) {
      extra.put("model", JsonObject.builder().put("name", Objects.requireNonNull(name, "name"))
          .put("version", Objects.requireNonNull(version, "version"))
          .put("author", Objects.requireNonNull(author, "author")).build());
      return this;
    }

    /** The training data set: {@code dataset {id, version}}, checked by {@code requires.dataset}. */
    public Builder dataset(String id, String version) {
      extra.put("dataset", JsonObject.builder().put("id", Objects.requireNonNull(id, "id"))
          .put("version", Objects.requireNonNull(version, "version")).build());
      return this;
    }

    /** The model's stage and the requested one: {@code stage {current, target}}, checked by the transition. */
    public Builder stage(String current, String target) {
      extra.put("stage", JsonObject.builder().put("current", Objects.requireNonNull(current, "current"))
          .put("target", Objects.requireNonNull(target, "target")).build());
      return this;
    }

    /**
     * One artifact: {@code artifacts.<name> {uri, sha256}}, checked by {@code requires.artifacts}.
     *
     * @param sha256 64 hex digits
     */
    public Builder artifact(String name, String uri, String sha256) {
      artifacts.put(Objects.requireNonNull(name, "name"), JsonObject.builder()
          .put("uri", Objects.requireNonNull(uri, "uri")).put("sha256", Objects.requireNonNull(sha256, "sha256"))
          .build());
      return this;
    }

    /**
     * The shadow deployment: {@code deployment.shadow {days, cases, agreement}}, checked by
     * {@code requires.shadow}.
     *
     * @param agreement agreement with production, in [0, 1]
     */
    public Builder shadow(double days, long cases, double agreement) {
      deployment.put("shadow", JsonObject.builder().put("days", number(days)).put("cases", cases)
          .put("agreement", number(agreement)).build());
      return this;
    }

    /**
     * The canary deployment: {@code deployment.canary {days, trafficPercent}}, checked by
     * {@code requires.canary}.
     *
     * @param trafficPercent the canary's share of traffic, in [0, 100]
     */
    public Builder canary(double days, double trafficPercent) {
      deployment.put("canary", JsonObject.builder().put("days", number(days))
          .put("trafficPercent", number(trafficPercent)).build());
      return this;
    }

    /** One approval (or rejection), appended to {@code approvals}. */
    public Builder approval(Approval approval) {
      approvals.add(approval.toJson());
      return this;
    }

    /** One waiver, appended to {@code waivers}; a waiver without a subject covers every subject. */
    public Builder waiver(Waiver waiver) {
      JsonObject.Builder w = JsonObject.builder().put("rule", waiver.rule());
      waiver.subject().ifPresent(s -> w.put("subject", s));
      waivers.add(w.put("justification", waiver.justification()).put("approver", waiver.approver())
          .put("role", waiver.role()).put("granted", waiver.granted().toString())
          .put("expires", waiver.expires().toString()).build());
      return this;
    }

    /** A whole number as an integer, as a JSON file would write it; any other value as it is. */
    private static JsonValue number(double v) {
      return v == Math.rint(v) && Math.abs(v) < 1e15 ? JsonValue.of((long) v) : JsonValue.of(v);
    }

    /** Any other top-level member (baseline, drift, comparison, contracts, ...). */
    public Builder put(String key, JsonValue value) {
      extra.put(key, value);
      return this;
    }

    private JsonObject report() {
      JsonObject.Builder b = JsonObject.builder();
      root.build().members().forEach(b::put);
      if (!metrics.isEmpty()) {
        b.put("metrics", new JsonObject(metrics));
      }
      if (!thresholds.isEmpty()) {
        List<JsonValue> rows = new ArrayList<>();
        thresholds.values().forEach(t -> rows.add(t.build()));
        b.put("thresholds", new JsonArray(rows));
      }
      if (!intervals.isEmpty()) {
        b.put("intervals", new JsonObject(intervals));
      }
      if (!groups.isEmpty()) {
        JsonObject.Builder g = JsonObject.builder();
        groups.forEach((col, vals) -> g.put(col, new JsonObject(vals)));
        b.put("groups", g.build());
      }
      extra.forEach(b::put);
      if (!artifacts.isEmpty()) {
        b.put("artifacts", new JsonObject(artifacts));
      }
      if (!deployment.isEmpty()) {
        b.put("deployment", new JsonObject(deployment));
      }
      if (!approvals.isEmpty()) {
        b.put("approvals", new JsonArray(approvals));
      }
      if (!waivers.isEmpty()) {
        b.put("waivers", new JsonArray(waivers));
      }
      return b.build();
    }

    /** Validates and builds the evidence. */
    public Evidence build() {
      return Evidence.of(report());
    }
  }
}
