package dev.clinigate;

import dev.clinigate.internal.PromotionEvaluator;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonValue;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A compiled promotion policy: gates a model must pass to move between stages (e.g. staging to
 * production). Evaluating it is a pure function of the policy, the evidence and the supplied time.
 *
 * <pre>{@code
 * PromotionPolicy policy = PolicyYaml.loadPromotion(Path.of("policy.yaml"));
 * Decision d = policy.evaluate(Evidence.load(Path.of("evidence.json")));
 * System.out.println(d.explain());
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe; share one across threads.
 *
 * <p>The policy's SHA-256 is computed over its canonical document ({@link #toJson()}): the normalised
 * policy with every default explicit, so that two YAML files that say the same thing hash the same.
 */
public final class PromotionPolicy implements Policy {
  private final PolicyMetadata metadata;
  private final Optional<Transition> transition;
  private final List<Rule> rules;
  private final JsonObject document;
  private final String sha256;

  private PromotionPolicy(PolicyMetadata metadata, Optional<Transition> transition, List<Rule> rules) {
    this.metadata = Objects.requireNonNull(metadata, "metadata");
    this.transition = Objects.requireNonNull(transition, "transition");
    this.rules = List.copyOf(rules);
    if (this.rules.isEmpty()) {
      throw new IllegalArgumentException("a promotion policy needs at least one gate");
    }
    Set<String> ids = new HashSet<>();
    for (Rule r : this.rules) {
      if (!ids.add(r.id())) {
        throw new IllegalArgumentException("duplicate rule id \"" + r.id() + "\"");
      }
    }
    this.document = buildDocument();
    this.sha256 = Json.sha256(document);
  }

  /**
   * Creates a policy.
   *
   * @throws IllegalArgumentException when there are no rules or two share an id
   */
  public static PromotionPolicy of(PolicyMetadata metadata, Optional<Transition> transition, List<Rule> rules) {
    return new PromotionPolicy(metadata, transition, rules);
  }

  /** Evaluates the policy without an evaluation time. */
  public Decision evaluate(Evidence evidence) {
    return PromotionEvaluator.evaluate(this, evidence, Optional.empty());
  }

  /** Evaluates the policy at the clock's instant, which the decision records. */
  public Decision evaluate(Evidence evidence, Clock clock) {
    return PromotionEvaluator.evaluate(this, evidence, Optional.of(Instant.now(clock)));
  }

  @Override
  public Kind kind() {
    return Kind.PROMOTION_POLICY;
  }

  @Override
  public PolicyMetadata metadata() {
    return metadata;
  }

  /** The stage transition, when declared. */
  public Optional<Transition> transition() {
    return transition;
  }

  /** The rules, in policy order. */
  public List<Rule> rules() {
    return rules;
  }

  /** The rule with this id, if any. */
  public Optional<Rule> rule(String id) {
    return rules.stream().filter(r -> r.id().equals(id)).findFirst();
  }

  @Override
  public String sha256() {
    return sha256;
  }

  /** The canonical policy document (a valid policy in JSON form, defaults explicit). */
  public JsonObject toJson() {
    return document;
  }

  private JsonObject buildDocument() {
    JsonObject.Builder meta = JsonObject.builder().put("name", metadata.name()).put("version", metadata.versionJson());
    metadata.riskTier().ifPresent(t -> meta.put("riskTier", t));
    metadata.owner().ifPresent(o -> meta.put("owner", o));
    JsonObject.Builder spec = JsonObject.builder();
    transition.ifPresent(t -> spec.put("transition", JsonObject.builder().put("from", t.from()).put("to", t.to()).build()));
    List<JsonValue> gates = new ArrayList<>();
    for (Rule r : rules) {
      gates.add(ruleJson(r));
    }
    spec.put("gates", new JsonArray(gates));
    return JsonObject.builder().put("apiVersion", "clinigate/v1").put("kind", kind().yamlName())
        .put("metadata", meta.build()).put("spec", spec.build()).build();
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
        m.baseline().ifPresent(bl -> b.put("baseline", bl.baseline()).put("maxDrop", bl.maxDrop()));
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
      default -> throw new IllegalStateException("unknown rule type " + r.type());
    }
    b.put("enforcement", r.enforcement().yamlName());
    boolean grouped = r instanceof GapRule || ((MetricRule) r).subgroups().isPresent();
    if (grouped) {
      b.put("onInsufficientData", r.failOnInsufficientData() ? "fail" : "report");
    }
    return b.build();
  }

  private static void subgroups(JsonObject.Builder b, Subgroups s) {
    b.put("by", JsonArray.ofStrings(s.by()));
    s.minGroupSize().ifPresent(n -> b.put("minGroupSize", n));
  }

  @Override
  public String toString() {
    return "PromotionPolicy[" + metadata.name() + " v" + metadata.version() + ", " + rules.size() + " rules, sha256="
        + sha256 + "]";
  }
}
