package dev.clinigate;

import dev.clinigate.internal.expr.Compiled;
import dev.clinigate.internal.expr.ExprException;
import dev.clinigate.internal.expr.Expression;
import dev.clinigate.internal.review.ReviewFields;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A compiled review policy: routes one inference to AUTO, REVIEW, SECONDARY_REVIEW or BLOCK. Required
 * fields are checked first (missing: BLOCK); then the ordered rules' typed conditions (the promotion
 * policy's expression grammar over inference fields, see {@code docs/rollback-and-review.md}); the first
 * rule that holds decides; otherwise the default route (REVIEW unless set). A rule whose condition needs
 * a missing field is undefined and BLOCKs (fail closed).
 *
 * <pre>{@code
 * ReviewPolicy policy = PolicyYaml.loadReview(Path.of("review.yaml"));
 * ReviewOutcome fast = policy.route(inference);          // allocation-free, for the request path
 * ReviewDecision record = policy.evaluate(inference);    // explained, hashed: append it to the audit trail
 * if (!record.outcome().proceed()) holdForReview(record);
 * }</pre>
 *
 * <p>Conditions are compiled to a tree of small node objects over the inference's primitive view: no
 * maps, reflection or boxing when routing. Instances are immutable and thread-safe.
 */
public final class ReviewPolicy implements Policy {
  private final PolicyMetadata metadata;
  private final List<InferenceField> require;
  private final List<InferenceField> requireWhenReviewed;
  private final Map<String, Double> thresholds;
  private final List<ReviewRule> rules;
  private final Route defaultRoute;
  private final List<String> defaultApprovers;
  private final JsonObject document;
  private final String sha256;
  // compiled
  private final ReviewFields fields;
  private final InferenceField[] requireArr;
  private final InferenceField[] requireReviewedArr;
  private final ReviewOutcome[] missing;
  private final ReviewOutcome[] missingReviewed;
  private final Compiled.Bool<Inference>[] tests;
  private final Expression[] expressions;
  private final String[][] approvers;
  private final Route[] routes;
  private final ReviewOutcome[][] outcomes; // [rule (last: default)][reason ordinal]

  @SuppressWarnings("unchecked")
  private final SourceMap sourceMap;

  private ReviewPolicy(Builder b) {
    this.sourceMap = Objects.requireNonNull(b.sourceMap, "sourceMap");
    this.metadata = Objects.requireNonNull(b.metadata, "metadata");
    this.require = List.copyOf(b.require);
    this.requireWhenReviewed = List.copyOf(b.requireWhenReviewed);
    this.thresholds = Collections.unmodifiableMap(new TreeMap<>(b.thresholds));
    this.rules = List.copyOf(b.rules);
    this.defaultRoute = b.defaultRoute;
    this.defaultApprovers = List.copyOf(b.defaultApprovers);
    if (rules.isEmpty()) {
      throw new IllegalArgumentException("a review policy needs at least one rule");
    }
    Set<String> ids = new HashSet<>();
    for (ReviewRule r : rules) {
      if (!ids.add(r.id())) {
        throw new IllegalArgumentException("duplicate rule id \"" + r.id() + "\"");
      }
    }
    this.fields = new ReviewFields(thresholds);
    int n = rules.size();
    this.tests = new Compiled.Bool[n];
    this.expressions = new Expression[n];
    this.approvers = new String[n + 1][];
    this.routes = new Route[n + 1];
    this.outcomes = new ReviewOutcome[n + 1][];
    for (int i = 0; i <= n; i++) {
      ReviewRule r = i < n ? rules.get(i) : null;
      if (r != null) {
        expressions[i] = compile(r.when(), fields);
        tests[i] = compileFast(expressions[i], fields);
      }
      String id = r == null ? "default" : r.id();
      routes[i] = r == null ? defaultRoute : r.route();
      approvers[i] = (r == null ? defaultApprovers : r.approvers()).toArray(new String[0]);
      outcomes[i] = new ReviewOutcome[ReviewOutcome.Reason.values().length];
      for (ReviewOutcome.Reason reason : ReviewOutcome.Reason.values()) {
        Route route = reason == ReviewOutcome.Reason.UNDEFINED_CONDITION ? Route.BLOCK : routes[i];
        boolean proceed = route == Route.AUTO || reason == ReviewOutcome.Reason.APPROVED && route != Route.BLOCK;
        outcomes[i][reason.ordinal()] = new ReviewOutcome(route, id, reason, proceed);
      }
    }
    this.requireArr = require.toArray(new InferenceField[0]);
    this.requireReviewedArr = requireWhenReviewed.toArray(new InferenceField[0]);
    this.missing = new ReviewOutcome[requireArr.length];
    for (int i = 0; i < requireArr.length; i++) {
      missing[i] = new ReviewOutcome(Route.BLOCK, "require:" + requireArr[i].jsonName(),
          ReviewOutcome.Reason.MISSING_FIELD, false);
    }
    this.missingReviewed = new ReviewOutcome[requireReviewedArr.length];
    for (int i = 0; i < requireReviewedArr.length; i++) {
      missingReviewed[i] = new ReviewOutcome(Route.BLOCK, "requireWhenReviewed:" + requireReviewedArr[i].jsonName(),
          ReviewOutcome.Reason.MISSING_FIELD, false);
    }
    this.document = buildDocument();
    this.sha256 = Json.sha256(document);
  }

  private static Expression compile(String when, ReviewFields fields) {
    try {
      return Expression.compile(when, fields);
    } catch (ExprException e) {
      throw new Condition.SyntaxError(e.getMessage(), e.offset(), e.hint(), e.unknownNameValue());
    }
  }

  private static Compiled.Bool<Inference> compileFast(Expression e, ReviewFields fields) {
    try {
      return Compiled.compile(e, fields);
    } catch (ExprException x) {
      throw new Condition.SyntaxError(x.getMessage(), x.offset(), x.hint(), x.unknownNameValue());
    }
  }

  /**
   * The names a review condition may use ({@code score}, {@code threshold}, {@code context}, ...), in
   * documentation order, for "did you mean" hints.
   */
  public static List<String> conditionFields() {
    return ReviewFields.NAMES;
  }

  /**
   * Checks a condition against the review fields and these thresholds, for policy loaders.
   *
   * @throws Condition.SyntaxError naming the problem and its offset
   */
  public static void checkCondition(String when, Map<String, Double> thresholds) {
    ReviewFields f = new ReviewFields(new TreeMap<>(thresholds));
    compileFast(compile(when, f), f);
  }

  /** A builder for a policy with the given identity. */
  public static Builder builder(PolicyMetadata metadata) {
    return new Builder(metadata);
  }

  /**
   * Routes one inference: the request-path method. Allocation-free: it returns one of the policy's
   * precomputed outcomes.
   */
  public ReviewOutcome route(Inference in) {
    for (int i = 0; i < requireArr.length; i++) {
      if (!requireArr[i].present(in)) {
        return missing[i];
      }
    }
    if (in.reviewed()) {
      for (int i = 0; i < requireReviewedArr.length; i++) {
        if (!requireReviewedArr[i].present(in)) {
          return missingReviewed[i];
        }
      }
    }
    Compiled.Bool<Inference>[] ts = tests;
    for (int i = 0; i < ts.length; i++) {
      int t = ts[i].test(in);
      if (t < 0) {
        return outcomes[i][ReviewOutcome.Reason.UNDEFINED_CONDITION.ordinal()];
      }
      if (t == 1) {
        return outcomes[i][reason(i, in).ordinal()];
      }
    }
    return outcomes[ts.length][reason(ts.length, in).ordinal()];
  }

  private ReviewOutcome.Reason reason(int i, Inference in) {
    Route route = routes[i];
    if (route == Route.AUTO || route == Route.BLOCK) {
      return ReviewOutcome.Reason.MATCHED;
    }
    if (!in.reviewed() || in.review().get().decision().isEmpty()
        || in.review().get().decision().get() == ReviewerDecision.DEFER) {
      return ReviewOutcome.Reason.AWAITING_REVIEW; // a deferral decides nothing: the review is still pending
    }
    Inference.Review r = in.review().get();
    if (r.decision().get() != ReviewerDecision.APPROVE) {
      return ReviewOutcome.Reason.NOT_APPROVED;
    }
    String[] roles = approvers[i];
    if (roles.length == 0) {
      return ReviewOutcome.Reason.APPROVED;
    }
    String role = r.role().orElse(null);
    for (String x : roles) {
      if (x.equals(role)) {
        return ReviewOutcome.Reason.APPROVED;
      }
    }
    return ReviewOutcome.Reason.APPROVER_NOT_QUALIFIED;
  }

  /** Routes one inference and builds its audit record, without an evaluation time. */
  public ReviewDecision evaluate(Inference in) {
    return evaluate(in, Optional.empty());
  }

  /**
   * Routes one inference and builds its audit record at the options' evaluation time, as
   * {@link PromotionPolicy#evaluate(Evidence, EvaluationOptions)} does; review policies read no artifacts,
   * so an artifact verifier is not used.
   */
  public ReviewDecision evaluate(Inference in, EvaluationOptions options) {
    return evaluate(in, options.at());
  }

  /** Routes one inference and builds its audit record, recording the evaluation time. */
  public ReviewDecision evaluate(Inference in, Optional<Instant> at) {
    ReviewOutcome o = route(in);
    int index = ruleIndex(o.ruleId());
    Optional<ReviewRule> rule = index >= 0 && index < rules.size() ? Optional.of(rules.get(index)) : Optional.empty();
    List<String> clauses = List.of();
    String undefinedWhy = "";
    if (rule.isPresent()) {
      Expression.Evaluation ev = expressions[index].evaluate(fields.resolver(in));
      clauses = ev.clauses();
      undefinedWhy = String.join("; ", ev.undefined());
    }
    String message = message(o, rule, in, undefinedWhy);
    return new ReviewDecision(o, rule, message, clauses, metadata, sha256, Json.sha256(in.toJson()), in.inferenceId(),
        in.modelVersion(), at);
  }

  private int ruleIndex(String id) {
    for (int i = 0; i < rules.size(); i++) {
      if (rules.get(i).id().equals(id)) {
        return i;
      }
    }
    return id.equals("default") ? rules.size() : -1;
  }

  private String message(ReviewOutcome o, Optional<ReviewRule> rule, Inference in, String undefinedWhy) {
    String who = rule.map(r -> "Rule " + r.id() + " matched").orElse("No rule matched; the default route applies");
    List<String> roles = rule.map(ReviewRule::approvers).orElse(defaultApprovers);
    String qualified = roles.isEmpty() ? "a qualified clinician" : "a " + String.join(" or ", roles);
    Inference.Review r = in.review().orElse(null);
    String reviewer = r == null ? "" : r.reviewerId().orElse("an unidentified reviewer")
        + r.role().map(x -> " (" + x + ")").orElse("");
    return switch (o.reason()) {
      case MISSING_FIELD -> {
        String field = o.ruleId().substring(o.ruleId().indexOf(':') + 1);
        String desc = InferenceField.parse(field).map(InferenceField::description).orElse(field);
        boolean reviewed = o.ruleId().startsWith("requireWhenReviewed:");
        yield "Blocked: the inference has no " + desc + " (" + field + "), which this policy requires"
            + (reviewed ? " once a clinician has reviewed" : "") + "; downstream action must not proceed.";
      }
      case UNDEFINED_CONDITION -> "Blocked: rule " + o.ruleId() + " could not be evaluated: " + undefinedWhy
          + "; downstream action must not proceed.";
      case MATCHED -> who + (o.route() == Route.AUTO ? ": assistive only, no review gate."
          : ": blocked by policy; downstream action must not proceed.");
      case AWAITING_REVIEW -> who + ": " + qualified + " must "
          + (o.route() == Route.SECONDARY_REVIEW ? "give a second review" : "approve") + " before escalation.";
      case APPROVED -> who + ": approved by " + reviewer + rationale(r) + "; it may proceed.";
      case APPROVER_NOT_QUALIFIED -> who + ": approved by " + reviewer + ", but only " + String.join(" or ", roles)
          + " may approve; it still needs " + qualified + ".";
      case NOT_APPROVED -> who + ": " + reviewer + " decided " + r.decision().orElseThrow().jsonName() + rationale(r)
          + (o.route() == Route.SECONDARY_REVIEW ? "; " + qualified + " must give a second review before anyone acts on "
          + "the model output or the override." : "; do not escalate on the model output.");
    };
  }

  private static String rationale(Inference.Review r) {
    return r != null && r.rationale().isPresent() ? " (rationale: " + r.rationale().get().code() + ")" : "";
  }

  @Override
  public Kind kind() {
    return Kind.REVIEW_POLICY;
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

  /** Fields every inference must carry. */
  public List<InferenceField> require() {
    return require;
  }

  /** Fields a reviewed inference must carry. */
  public List<InferenceField> requireWhenReviewed() {
    return requireWhenReviewed;
  }

  /** Named numbers conditions use as {@code threshold[name]}, sorted by name. */
  public Map<String, Double> thresholds() {
    return thresholds;
  }

  /** The rules, in order. */
  public List<ReviewRule> rules() {
    return rules;
  }

  /** The route when no rule matches. */
  public Route defaultRoute() {
    return defaultRoute;
  }

  /** Roles that may approve under the default route (any when empty). */
  public List<String> defaultApprovers() {
    return defaultApprovers;
  }

  /** The canonical policy document (defaults explicit). */
  public JsonObject toJson() {
    return document;
  }

  private JsonObject buildDocument() {
    JsonObject.Builder spec = JsonObject.builder();
    spec.put("require", JsonArray.ofStrings(require.stream().map(InferenceField::jsonName).toList()));
    spec.put("requireWhenReviewed", JsonArray.ofStrings(requireWhenReviewed.stream().map(InferenceField::jsonName)
        .toList()));
    JsonObject.Builder t = JsonObject.builder();
    thresholds.forEach((k, v) -> t.put(k, v));
    spec.put("thresholds", t.build());
    List<JsonValue> rs = new ArrayList<>();
    for (ReviewRule r : rules) {
      rs.add(JsonObject.builder().put("id", r.id()).put("when", r.when()).put("route", r.route().name())
          .put("approvers", JsonArray.ofStrings(r.approvers())).build());
    }
    spec.put("rules", new JsonArray(rs));
    spec.put("default", defaultRoute.name());
    spec.put("defaultApprovers", JsonArray.ofStrings(defaultApprovers));
    JsonObject.Builder md = JsonObject.builder().put("name", metadata.name()).put("version", metadata.versionJson());
    metadata.riskTier().ifPresent(v -> md.put("riskTier", v));
    metadata.owner().ifPresent(v -> md.put("owner", v));
    return JsonObject.builder().put("apiVersion", "clinigate/v1").put("kind", Kind.REVIEW_POLICY.yamlName())
        .put("metadata", md.build()).put("spec", spec.build()).build();
  }

  /** Builds a {@link ReviewPolicy}. */
  public static final class Builder {
    private final PolicyMetadata metadata;
    private final List<InferenceField> require = new ArrayList<>();
    private final List<InferenceField> requireWhenReviewed = new ArrayList<>();
    private final Map<String, Double> thresholds = new TreeMap<>();
    private final List<ReviewRule> rules = new ArrayList<>();
    private Route defaultRoute = Route.REVIEW;
    private final List<String> defaultApprovers = new ArrayList<>();

    private SourceMap sourceMap = SourceMap.empty();

    private Builder(PolicyMetadata metadata) {
      this.metadata = metadata;
    }

    /** Fields every inference must carry (missing: BLOCK). */
    public Builder require(List<InferenceField> fs) {
      require.addAll(fs);
      return this;
    }

    /** Fields a reviewed inference must carry (missing: BLOCK). */
    public Builder requireWhenReviewed(List<InferenceField> fs) {
      requireWhenReviewed.addAll(fs);
      return this;
    }

    /** A named threshold (finite). */
    public Builder threshold(String name, double value) {
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException("threshold " + name + " must be finite, found " + value);
      }
      thresholds.put(Objects.requireNonNull(name, "name"), value);
      return this;
    }

    /** Adds a rule; its condition is compiled when the policy is built. */
    public Builder rule(ReviewRule r) {
      rules.add(Objects.requireNonNull(r, "rule"));
      return this;
    }

    /** The route when no rule matches (REVIEW by default). */
    public Builder defaultRoute(Route r, List<String> approvers) {
      this.defaultRoute = Objects.requireNonNull(r, "route");
      defaultApprovers.clear();
      defaultApprovers.addAll(approvers);
      return this;
    }

    /** Where the policy was written (set by the compiler; {@link SourceMap#empty()} by default). */
    public Builder sourceMap(SourceMap value) {
      this.sourceMap = Objects.requireNonNull(value);
      return this;
    }

    /**
     * Builds and compiles the policy.
     *
     * @throws Condition.SyntaxError when a condition does not compile
     * @throws IllegalArgumentException when there are no rules or two share an id
     */
    public ReviewPolicy build() {
      return new ReviewPolicy(this);
    }
  }
}
