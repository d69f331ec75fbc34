package dev.clinigate;

import dev.clinigate.internal.PromotionEvaluator;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonValue;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A compiled promotion policy: what a model must show to move between stages (e.g. staging to
 * production): gates on its metrics (thresholds, confidence bounds, subgroups, baselines, typed
 * conditions), the stage transition, lineage and deployment requirements, approvals and the waivers it
 * accepts. Evaluating it is a pure function of the policy, the evidence and the supplied time.
 *
 * <pre>{@code
 * PromotionPolicy policy = PolicyYaml.loadPromotion(Path.of("policy.yaml"));
 * Decision d = policy.evaluate(Evidence.load(Path.of("evidence.json")),
 *     EvaluationOptions.at(Instant.parse("2026-03-01T00:00:00Z")));
 * System.out.println(d.explain());
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe; share one across threads.
 *
 * <p>The policy's SHA-256 is computed over its canonical document ({@link #toJson()}): the normalised
 * policy with every default explicit (including the defaults of its risk tier) and any {@code extends}
 * already merged, so that two YAML files that say the same thing hash the same and a decision can be
 * replayed from the canonical policy alone.
 */
public final class PromotionPolicy implements Policy {
  private final PolicyMetadata metadata;
  private final RiskTier tier;
  private final Optional<Transition> transition;
  private final List<Rule> rules;
  private final Requirements requires;
  private final Optional<Approvals> approvals;
  private final Optional<WaiverPolicy> waivers;
  private final Map<String, List<String>> expectedGroups;
  private final JsonObject document;
  private final String sha256;

  private final SourceMap sourceMap;

  private PromotionPolicy(Builder b) {
    this.sourceMap = Objects.requireNonNull(b.sourceMap, "sourceMap");
    this.metadata = Objects.requireNonNull(b.metadata, "metadata");
    this.tier = RiskTier.of(metadata);
    if (metadata.riskTier().isPresent() && RiskTier.parse(metadata.riskTier()).isEmpty()) {
      throw new IllegalArgumentException("riskTier must be low, medium or high, found " + metadata.riskTier().get());
    }
    this.transition = Objects.requireNonNull(b.transition, "transition");
    this.rules = List.copyOf(b.rules);
    this.requires = Objects.requireNonNull(b.requires, "requires");
    this.approvals = Objects.requireNonNull(b.approvals, "approvals");
    this.waivers = Objects.requireNonNull(b.waivers, "waivers");
    this.expectedGroups = expected(b.expectedGroups);
    if (this.rules.isEmpty()) {
      throw new IllegalArgumentException("a promotion policy needs at least one gate");
    }
    Set<String> ids = new HashSet<>();
    for (Rule r : this.rules) {
      if (!ids.add(r.id())) {
        throw new IllegalArgumentException("duplicate rule id \"" + r.id() + "\"");
      }
    }
    approvals.ifPresent(this::checkApprovals);
    waivers.ifPresent(this::checkWaivers);
    this.document = buildDocument();
    this.sha256 = Json.sha256(document);
  }

  private static Map<String, List<String>> expected(Map<String, List<String>> groups) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : groups.entrySet()) {
      String column = Objects.requireNonNull(e.getKey(), "column");
      List<String> values = List.copyOf(e.getValue());
      if (column.isBlank() || values.isEmpty() || values.stream().anyMatch(String::isBlank)
          || new HashSet<>(values).size() != values.size()) {
        throw new IllegalArgumentException("expectedGroups." + column + " must list distinct, non-blank group values");
      }
      out.put(column, values);
    }
    return Collections.unmodifiableMap(out);
  }

  private void checkApprovals(Approvals a) {
    if (!a.separationOfDuties() && !tier.allowsSharedDuties()) {
      throw new IllegalArgumentException("a " + tier.yamlName() + "-risk policy requires separationOfDuties: true");
    }
    if (a.minApprovers() < tier.minApproversFloor()) {
      throw new IllegalArgumentException("a " + tier.yamlName() + "-risk policy needs minApprovers of at least "
          + tier.minApproversFloor() + ", found " + a.minApprovers());
    }
  }

  private void checkWaivers(WaiverPolicy w) {
    for (WaiverPolicy.Grant g : w.allow()) {
      for (String id : g.rules()) {
        if (id.equals("*")) {
          continue;
        }
        Optional<String> why = unwaivable(id);
        if (why.isPresent()) {
          throw new IllegalArgumentException("waivers.allow lets " + g.role() + " waive \"" + id + "\", but "
              + why.get());
        }
      }
    }
  }

  /**
   * Why a rule id cannot be waived, or empty when it can: it must be a gate or a declared requirement,
   * and not hard.
   */
  public Optional<String> unwaivable(String id) {
    if (id.equals("stage") || id.equals("approvals") || id.startsWith("approval:")) {
      return Optional.of(id + " can never be waived");
    }
    Optional<Rule> r = rule(id);
    if (r.isPresent()) {
      return r.get().enforcement() == Enforcement.HARD
          ? Optional.of("rule " + id + " is hard and can never be waived") : Optional.empty();
    }
    if (requires.resultIds().contains(id)) {
      return requires.enforcement() == Enforcement.HARD
          ? Optional.of(id + " is hard (the requirements' enforcement) and can never be waived") : Optional.empty();
    }
    return Optional.of("the policy has no rule \"" + id + "\"");
  }

  /**
   * Creates a policy of gates only.
   *
   * @throws IllegalArgumentException when there are no rules or two share an id
   */
  public static PromotionPolicy of(PolicyMetadata metadata, Optional<Transition> transition, List<Rule> rules) {
    return builder(metadata).transition(transition).rules(rules).build();
  }

  /** A builder for a policy with the given identity. */
  public static Builder builder(PolicyMetadata metadata) {
    return new Builder(metadata);
  }

  /** Evaluates the policy without an evaluation time (rules that need one fail closed). */
  public Decision evaluate(Evidence evidence) {
    return evaluate(evidence, EvaluationOptions.none());
  }

  /** Evaluates the policy at the clock's instant, which the decision records. */
  public Decision evaluate(Evidence evidence, Clock clock) {
    return evaluate(evidence, EvaluationOptions.at(Instant.now(clock)));
  }

  /** Evaluates the policy with the given evaluation time and artifact verifier. */
  public Decision evaluate(Evidence evidence, EvaluationOptions options) {
    return PromotionEvaluator.evaluate(this, evidence, options);
  }

  @Override
  public Kind kind() {
    return Kind.PROMOTION_POLICY;
  }

  @Override
  public PolicyMetadata metadata() {
    return metadata;
  }

  /** The risk tier ({@link RiskTier#MEDIUM} when the metadata names none). */
  public RiskTier riskTier() {
    return tier;
  }

  /** The stage transition, when declared. */
  public Optional<Transition> transition() {
    return transition;
  }

  /** The gates, in policy order. */
  public List<Rule> rules() {
    return rules;
  }

  /** The gate with this id, if any. */
  public Optional<Rule> rule(String id) {
    return rules.stream().filter(r -> r.id().equals(id)).findFirst();
  }

  /** The lineage and deployment requirements (possibly none). */
  public Requirements requires() {
    return requires;
  }

  /** The approvals required, when declared. */
  public Optional<Approvals> approvals() {
    return approvals;
  }

  /**
   * The groups the evidence must report, by group column ({@code spec.expectedGroups}), in policy order:
   * for every subgroup rule whose {@code by} names the column, a listed group absent from the evidence is a
   * {@code MISSING} result for that subject, so a subgroup cannot pass by not being reported.
   */
  public Map<String, List<String>> expectedGroups() {
    return expectedGroups;
  }

  /** Which waivers the policy accepts, when declared; without it no waiver applies. */
  public Optional<WaiverPolicy> waivers() {
    return waivers;
  }

  @Override
  public SourceMap sourceMap() {
    return sourceMap;
  }

  @Override
  public String sha256() {
    return sha256;
  }

  /** The canonical policy document (a valid policy in JSON form, defaults explicit, extends merged). */
  public JsonObject toJson() {
    return document;
  }

  private JsonObject buildDocument() {
    JsonObject.Builder meta = JsonObject.builder().put("name", metadata.name()).put("version", metadata.versionJson());
    meta.put("riskTier", tier.yamlName()); // explicit: no riskTier and riskTier: medium are the same policy
    metadata.owner().ifPresent(o -> meta.put("owner", o));
    JsonObject.Builder spec = JsonObject.builder();
    transition.ifPresent(t -> spec.put("transition", JsonObject.builder().put("from", t.from()).put("to", t.to()).build())
        .put("stages", JsonArray.ofStrings(t.stages())));
    List<JsonValue> gates = new ArrayList<>();
    for (Rule r : rules) {
      gates.add(ruleJson(r));
    }
    spec.put("gates", new JsonArray(gates));
    if (!expectedGroups.isEmpty()) {
      JsonObject.Builder eg = JsonObject.builder();
      expectedGroups.forEach((c, v) -> eg.put(c, JsonArray.ofStrings(v)));
      spec.put("expectedGroups", eg.build());
    }
    if (!requires.isEmpty()) {
      spec.put("requires", requiresJson(requires));
    }
    approvals.ifPresent(a -> {
      JsonObject.Builder b = JsonObject.builder().put("roles", JsonArray.ofStrings(a.roles()))
          .put("minApprovers", a.minApprovers()).put("separationOfDuties", a.separationOfDuties());
      a.maxAge().ifPresent(d -> b.put("maxAge", Durations.format(d)));
      spec.put("approvals", b.build());
    });
    waivers.ifPresent(w -> {
      List<JsonValue> allow = new ArrayList<>();
      for (WaiverPolicy.Grant g : w.allow()) {
        allow.add(JsonObject.builder().put("role", g.role()).put("rules", JsonArray.ofStrings(g.rules())).build());
      }
      spec.put("waivers", JsonObject.builder().put("maxDuration", Durations.format(w.maxDuration()))
          .put("allow", new JsonArray(allow)).build());
    });
    return JsonObject.builder().put("apiVersion", "clinigate/v1").put("kind", kind().yamlName())
        .put("metadata", meta.build()).put("spec", spec.build()).build();
  }

  private static JsonObject requiresJson(Requirements r) {
    JsonObject.Builder b = JsonObject.builder();
    if (!r.artifacts().isEmpty()) {
      b.put("artifacts", JsonArray.ofStrings(r.artifacts()));
    }
    r.dataset().ifPresent(d -> b.put("dataset", JsonObject.builder()
        .put("approvedSources", JsonArray.ofStrings(d.approvedSources())).build()));
    if (!r.contracts().isEmpty()) {
      b.put("contracts", JsonArray.ofStrings(r.contracts()));
    }
    r.shadow().ifPresent(s -> {
      JsonObject.Builder sb = JsonObject.builder().put("minDays", s.minDays()).put("minCases", s.minCases());
      s.minAgreement().ifPresent(a -> sb.put("minAgreement", a));
      b.put("shadow", sb.build());
    });
    r.canary().ifPresent(c -> {
      JsonObject.Builder cb = JsonObject.builder().put("maxTrafficPercent", c.maxTrafficPercent());
      c.minDays().ifPresent(d -> cb.put("minDays", d));
      b.put("canary", cb.build());
    });
    r.modelCard().ifPresent(m -> b.put("modelCard", JsonObject.builder().put("standard", m.standard()).build()));
    b.put("enforcement", r.enforcement().yamlName());
    return b.build();
  }

  private static JsonObject ruleJson(Rule r) {
    JsonObject.Builder b = JsonObject.builder().put("id", r.id());
    switch (r.type()) {
      case METRIC -> {
        MetricRule m = (MetricRule) r;
        b.put("metric", m.metric().key());
        if (m.metric().statistic() != MetricRef.Statistic.POINT) {
          b.put("bound", m.metric().statistic().key());
        }
        m.limits().min().ifPresent(v -> b.put("min", v));
        m.limits().max().ifPresent(v -> b.put("max", v));
        m.baseline().ifPresent(bl -> b.put("baseline", bl.baseline()).put(bl.measure().key(), bl.limit()));
        m.subgroups().ifPresent(s -> subgroups(b, s));
      }
      case GAP -> {
        GapRule g = (GapRule) r;
        b.put("metric", g.metric().key());
        if (g.metric().statistic() != MetricRef.Statistic.POINT) {
          b.put("bound", g.metric().statistic().key());
        }
        b.put("maxGap", g.maxGap());
        subgroups(b, g.subgroups());
      }
      case CONDITION -> b.put("when", ((ConditionRule) r).condition().text());
      default -> throw new IllegalStateException("unknown rule type " + r.type());
    }
    b.put("enforcement", r.enforcement().yamlName());
    boolean grouped = r instanceof GapRule || (r instanceof MetricRule m && m.subgroups().isPresent());
    if (grouped) {
      b.put("onInsufficientData", r.failOnInsufficientData() ? "fail" : "report");
    }
    return b.build();
  }

  private static void subgroups(JsonObject.Builder b, Subgroups s) {
    b.put("by", JsonArray.ofStrings(s.by()));
    s.minGroupSize().ifPresent(n -> b.put("minGroupSize", n));
    s.rileyCiWidth().ifPresent(w -> b.put("minGroupSize", JsonObject.builder().put("method", "riley")
        .put("ciWidth", w).build()));
    s.minEvents().ifPresent(n -> b.put("minEvents", n));
    s.adjust().ifPresent(a -> b.put("adjust", a.yamlName()));
  }

  @Override
  public String toString() {
    return "PromotionPolicy[" + metadata.name() + " v" + metadata.version() + ", " + rules.size() + " rules, sha256="
        + sha256 + "]";
  }

  /** Builds a {@link PromotionPolicy}; {@link #build()} validates the whole policy. */
  public static final class Builder {
    private final PolicyMetadata metadata;
    private Optional<Transition> transition = Optional.empty();
    private List<Rule> rules = List.of();
    private Requirements requires = Requirements.none();
    private Optional<Approvals> approvals = Optional.empty();
    private Optional<WaiverPolicy> waivers = Optional.empty();
    private Map<String, List<String>> expectedGroups = Map.of();

    private SourceMap sourceMap = SourceMap.empty();

    private Builder(PolicyMetadata metadata) {
      this.metadata = metadata;
    }

    /** The stage transition. */
    public Builder transition(Optional<Transition> value) {
      this.transition = Objects.requireNonNull(value);
      return this;
    }

    /** The gates, in order. */
    public Builder rules(List<Rule> value) {
      this.rules = List.copyOf(value);
      return this;
    }

    /** The lineage and deployment requirements. */
    public Builder requires(Requirements value) {
      this.requires = Objects.requireNonNull(value);
      return this;
    }

    /** The approvals required. */
    public Builder approvals(Optional<Approvals> value) {
      this.approvals = Objects.requireNonNull(value);
      return this;
    }

    /** The groups the evidence must report, by column, e.g. {@code {"site": ["east", "west"]}} (iteration order kept). */
    public Builder expectedGroups(Map<String, List<String>> value) {
      this.expectedGroups = new LinkedHashMap<>(Objects.requireNonNull(value));
      return this;
    }

    /** The waivers accepted. */
    public Builder waivers(Optional<WaiverPolicy> value) {
      this.waivers = Objects.requireNonNull(value);
      return this;
    }

    /** Where the policy was written (set by the compiler; {@link SourceMap#empty()} by default). */
    public Builder sourceMap(SourceMap value) {
      this.sourceMap = Objects.requireNonNull(value);
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException naming the first inconsistency (no gates, duplicate ids, a waiver
     *     grant for a hard or unknown rule, approvals below the risk tier's floor)
     */
    public PromotionPolicy build() {
      return new PromotionPolicy(this);
    }
  }
}
