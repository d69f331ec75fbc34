package dev.clinigate;

import dev.clinigate.internal.rollback.RollbackEngine;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A compiled rollback policy: triggers over a deployed model's monitoring windows that decide HOLD,
 * REAPPROVE, ROLLBACK (naming the version to roll back to) or DISABLE (no deployable version: fall back to
 * the non-AI workflow).
 *
 * <pre>{@code
 * RollbackPolicy policy = PolicyYaml.loadRollback(Path.of("rollback.yaml"));
 * List<MonitoringWindow> windows = MonitoringWindow.parseJsonLines(Files.readString(path), "windows.jsonl");
 * RollbackDecision d = policy.evaluate(windows);
 * switch (d.verdict()) {
 *   case ROLLBACK -> deploy(d.rollbackTo().orElseThrow());
 *   case DISABLE -> fallBackToNonAiWorkflow(d.disable().orElseThrow().message());
 *   case REAPPROVE -> requestPromotionDecision();
 *   case HOLD -> { }
 * }
 * System.out.print(d.explain());
 * }</pre>
 *
 * <p>Evaluation is a pure function of the policy and the window sequence (windows must be in time order
 * without overlap). A host that receives windows one at a time uses a {@link CircuitBreaker}
 * ({@link #newCircuitBreaker()}), which reaches the same decision.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class RollbackPolicy implements Policy {
  /**
   * How many consecutive windows a trigger may be unable to judge before that itself fires.
   *
   * @param windows consecutive inconclusive windows that fire, at least 1
   * @param severity what firing does
   */
  public record InconclusiveLimit(int windows, Severity severity) {
    /** Validates. */
    public InconclusiveLimit {
      Objects.requireNonNull(severity, "severity");
      if (windows < 1) {
        throw new IllegalArgumentException("inconclusiveLimit.windows must be at least 1, found " + windows);
      }
    }
  }

  /**
   * Stricter triggers for the first windows of a model version that replaces another within the window
   * sequence (a re-promotion after a rollback, or a new promotion).
   *
   * @param windows how many windows of the new version are on probation, at least 1
   * @param triggers the extra triggers judged during probation (reported as {@code probation:<id>})
   */
  public record Probation(int windows, List<RollbackTrigger> triggers) {
    /** Validates and copies. */
    public Probation {
      triggers = List.copyOf(triggers);
      if (windows < 1) {
        throw new IllegalArgumentException("probation.windows must be at least 1, found " + windows);
      }
      if (triggers.isEmpty()) {
        throw new IllegalArgumentException("probation needs at least one trigger");
      }
    }
  }

  private final PolicyMetadata metadata;
  private final Optional<String> lastKnownGood;
  private final long minCases;
  private final Optional<InconclusiveLimit> inconclusiveLimit;
  private final Optional<Duration> cooldown;
  private final List<RollbackTrigger> triggers;
  private final Optional<Probation> probation;
  private final JsonObject document;
  private final String sha256;

  private final SourceMap sourceMap;

  private RollbackPolicy(Builder b) {
    this.sourceMap = Objects.requireNonNull(b.sourceMap, "sourceMap");
    this.metadata = Objects.requireNonNull(b.metadata, "metadata");
    this.lastKnownGood = Objects.requireNonNull(b.lastKnownGood, "lastKnownGood");
    this.minCases = b.minCases;
    this.inconclusiveLimit = Objects.requireNonNull(b.inconclusiveLimit, "inconclusiveLimit");
    this.cooldown = Objects.requireNonNull(b.cooldown, "cooldown");
    this.triggers = List.copyOf(b.triggers);
    this.probation = Objects.requireNonNull(b.probation, "probation");
    if (minCases < 0) {
      throw new IllegalArgumentException("minCases must be >= 0, found " + minCases);
    }
    if (triggers.isEmpty()) {
      throw new IllegalArgumentException("a rollback policy needs at least one trigger");
    }
    Set<String> ids = new HashSet<>();
    for (RollbackTrigger t : triggers) {
      if (!ids.add(t.id())) {
        throw new IllegalArgumentException("duplicate trigger id \"" + t.id() + "\"");
      }
    }
    Set<String> probationIds = new HashSet<>();
    probation.ifPresent(p -> p.triggers().forEach(t -> {
      if (!probationIds.add(t.id())) {
        throw new IllegalArgumentException("duplicate probation trigger id \"" + t.id() + "\"");
      }
    }));
    cooldown.ifPresent(c -> {
      if (c.isNegative() || c.isZero()) {
        throw new IllegalArgumentException("cooldown must be positive, found " + c);
      }
    });
    this.document = buildDocument();
    this.sha256 = Json.sha256(document);
  }

  /** A builder for a policy with the given identity. */
  public static Builder builder(PolicyMetadata metadata) {
    return new Builder(metadata);
  }

  /** Evaluates the window sequence (in time order, without overlap). */
  public RollbackDecision evaluate(List<MonitoringWindow> windows) {
    return evaluate(windows, Optional.empty());
  }

  /**
   * Evaluates the window sequence at the options' evaluation time, as {@link PromotionPolicy#evaluate(Evidence,
   * EvaluationOptions)} does; rollback policies read no artifacts, so an artifact verifier is not used.
   *
   * <pre>{@code
   * RollbackDecision d = policy.evaluate(windows, EvaluationOptions.at(clock));
   * }</pre>
   *
   * @throws InputException when windows are out of order or overlap, or one ends after the evaluation time
   */
  public RollbackDecision evaluate(List<MonitoringWindow> windows, EvaluationOptions options) {
    return evaluate(windows, options.at());
  }

  /**
   * Evaluates the window sequence and records the evaluation time.
   *
   * @throws InputException when windows are out of order or overlap, or one ends after {@code at}
   */
  public RollbackDecision evaluate(List<MonitoringWindow> windows, Optional<Instant> at) {
    RollbackEngine engine = new RollbackEngine(this);
    for (MonitoringWindow w : windows) {
      engine.step(w, at);
    }
    return engine.decision(at);
  }

  /** A new circuit breaker in its initial state (no windows seen). */
  public CircuitBreaker newCircuitBreaker() {
    return new CircuitBreaker(this);
  }

  @Override
  public Kind kind() {
    return Kind.ROLLBACK_POLICY;
  }

  @Override
  public PolicyMetadata metadata() {
    return metadata;
  }

  @Override
  public SourceMap sourceMap() {
    return sourceMap;
  }

  @Override
  public String sha256() {
    return sha256;
  }

  /** The version to roll back to when the windows do not name one. */
  public Optional<String> lastKnownGood() {
    return lastKnownGood;
  }

  /** Windows with fewer cases are inconclusive for metric triggers; 0 when not set. */
  public long minCases() {
    return minCases;
  }

  /** When inconclusive windows themselves fire, if set. */
  public Optional<InconclusiveLimit> inconclusiveLimit() {
    return inconclusiveLimit;
  }

  /** How long after a rollback further rollback triggers are suppressed, if set. */
  public Optional<Duration> cooldown() {
    return cooldown;
  }

  /** The triggers, in policy order. */
  public List<RollbackTrigger> triggers() {
    return triggers;
  }

  /** The probation of a newly deployed version, if set. */
  public Optional<Probation> probation() {
    return probation;
  }

  /**
   * The window metrics the policy's triggers read (main and probation), in policy order, e.g.
   * {@code ece}, {@code missing_rate[creatinine]}, {@code ece[site=east]} with the cohort's case count
   * {@code n[site=east]}. A window metric outside this list is read by no
   * trigger: see {@link MonitoringWindow#unreadMetrics}.
   */
  public List<String> metricKeys() {
    List<String> out = new ArrayList<>();
    List<RollbackTrigger> all = new ArrayList<>(triggers);
    probation.ifPresent(p -> all.addAll(p.triggers()));
    for (RollbackTrigger t : all) {
      if (t instanceof MetricTrigger m) {
        if (!out.contains(m.metric())) {
          out.add(m.metric());
        }
        m.cohortCountKey().filter(k -> !out.contains(k)).ifPresent(out::add);
      }
      if (t instanceof CusumTrigger c) {
        for (String key : List.of(c.observed(), c.expected())) {
          if (!out.contains(key)) {
            out.add(key);
          }
        }
      }
    }
    return List.copyOf(out);
  }

  /** The canonical policy document (defaults explicit). */
  public JsonObject toJson() {
    return document;
  }

  private JsonObject buildDocument() {
    JsonObject.Builder spec = JsonObject.builder();
    lastKnownGood.ifPresent(v -> spec.put("lastKnownGood", v));
    spec.put("minCases", minCases);
    inconclusiveLimit.ifPresent(l -> spec.put("inconclusiveLimit", JsonObject.builder().put("windows", l.windows())
        .put("severity", l.severity().yamlName()).build()));
    cooldown.ifPresent(c -> spec.put("cooldown", Durations.format(c)));
    spec.put("triggers", triggersJson(triggers));
    probation.ifPresent(p -> spec.put("probation", JsonObject.builder().put("windows", p.windows())
        .put("triggers", triggersJson(p.triggers())).build()));
    JsonObject.Builder md = JsonObject.builder().put("name", metadata.name()).put("version", metadata.versionJson());
    metadata.riskTier().ifPresent(v -> md.put("riskTier", v));
    metadata.owner().ifPresent(v -> md.put("owner", v));
    return JsonObject.builder().put("apiVersion", "clinigate/v1").put("kind", Kind.ROLLBACK_POLICY.yamlName())
        .put("metadata", md.build()).put("spec", spec.build()).build();
  }

  private static JsonArray triggersJson(List<RollbackTrigger> ts) {
    List<JsonValue> out = new ArrayList<>();
    for (RollbackTrigger t : ts) {
      JsonObject.Builder b = JsonObject.builder().put("id", t.id());
      if (t instanceof MetricTrigger m) {
        b.put("metric", m.metric());
        m.bound().members().forEach(b::put);
        b.put("onUndefined", m.onUndefined() == MetricTrigger.OnUndefined.BREACH ? "breach" : "inconclusive");
      } else if (t instanceof BurnRateTrigger r) {
        b.put("burnRate", r.bound());
      } else if (t instanceof CusumTrigger c) {
        b.put("cusum", c.bound());
      }
      out.add(b.put("severity", t.severity().yamlName()).build());
    }
    return new JsonArray(out);
  }

  /** Builds a {@link RollbackPolicy}. */
  public static final class Builder {
    private final PolicyMetadata metadata;
    private Optional<String> lastKnownGood = Optional.empty();
    private long minCases;
    private Optional<InconclusiveLimit> inconclusiveLimit = Optional.empty();
    private Optional<Duration> cooldown = Optional.empty();
    private final List<RollbackTrigger> triggers = new ArrayList<>();
    private Optional<Probation> probation = Optional.empty();

    private SourceMap sourceMap = SourceMap.empty();

    private Builder(PolicyMetadata metadata) {
      this.metadata = metadata;
    }

    /** The version to roll back to when the windows do not name one. */
    public Builder lastKnownGood(Optional<String> v) {
      this.lastKnownGood = v;
      return this;
    }

    /** Windows with fewer cases are inconclusive for metric triggers. */
    public Builder minCases(long v) {
      this.minCases = v;
      return this;
    }

    /** Consecutive inconclusive windows that fire. */
    public Builder inconclusiveLimit(Optional<InconclusiveLimit> v) {
      this.inconclusiveLimit = v;
      return this;
    }

    /** Suppression of further rollbacks after one. */
    public Builder cooldown(Optional<Duration> v) {
      this.cooldown = v;
      return this;
    }

    /** Adds a trigger. */
    public Builder trigger(RollbackTrigger t) {
      this.triggers.add(Objects.requireNonNull(t, "trigger"));
      return this;
    }

    /** Probation for a newly deployed version. */
    public Builder probation(Optional<Probation> v) {
      this.probation = v;
      return this;
    }

    /** Where the policy was written (set by the compiler; {@link SourceMap#empty()} by default). */
    public Builder sourceMap(SourceMap value) {
      this.sourceMap = Objects.requireNonNull(value);
      return this;
    }

    /**
     * Builds the policy.
     *
     * @throws IllegalArgumentException when there is no trigger, two share an id, or a value is out of range
     */
    public RollbackPolicy build() {
      return new RollbackPolicy(this);
    }
  }
}
