package dev.clinigate.dsl.internal;

import dev.clinigate.Approvals;
import dev.clinigate.BaselineComparison;
import dev.clinigate.Condition;
import dev.clinigate.Domain;
import dev.clinigate.ConditionRule;
import dev.clinigate.Enforcement;
import dev.clinigate.GapRule;
import dev.clinigate.Bounds;
import dev.clinigate.MetricRef;
import dev.clinigate.MetricRule;
import dev.clinigate.Policy;
import dev.clinigate.PolicyException;
import dev.clinigate.PolicyMetadata;
import dev.clinigate.Problem;
import dev.clinigate.PromotionPolicy;
import dev.clinigate.Requirements;
import dev.clinigate.RiskTier;
import dev.clinigate.Rule;
import dev.clinigate.Subgroups;
import dev.clinigate.Transition;
import dev.clinigate.WaiverPolicy;
import dev.clinigate.dsl.PolicyResolver;
import dev.clinigate.dsl.SchemaValidator;
import dev.clinigate.Suggest;
import dev.clinigate.dsl.Yaml;
import dev.clinigate.Durations;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonBoolean;
import dev.clinigate.json.JsonDocument;
import dev.clinigate.json.JsonNumber;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import dev.clinigate.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * YAML text to compiled policy. Design note: every check collects problems instead of throwing, and
 * semantic checks are written defensively (they also run on documents that failed the schema), so that
 * the author sees every problem in one pass. With {@code extends}, every file is validated against the
 * schema on its own, the files are merged ({@link PolicyMerger}), and the merged document is checked for
 * meaning; a {@link Locator} maps each problem back to the file and line where the offending value was
 * written.
 */
public final class PolicyCompiler {
  private static final SchemaValidator PROMOTION =
      SchemaValidator.forResource("/dev/clinigate/dsl/promotion-policy.schema.json");
  private static final List<String> KINDS = List.of("PromotionPolicy", "RollbackPolicy", "ReviewPolicy");
  private static final Set<String> GATE_KEYS = Set.of("id", "description", "metric", "min", "max", "between", "bound",
      "by", "minGroupSize", "minEvents", "adjust", "maxGap", "baseline", "maxDrop", "maxRelativeDrop", "nonInferiorityMargin", "enforcement",
      "onInsufficientData", "when");
  private static final List<String> BASELINE_MEASURES = List.of("maxDrop", "maxRelativeDrop", "nonInferiorityMargin");

  private final JsonDocument doc;
  private final List<Problem> problems = new ArrayList<>();
  private Locator loc;

  private PolicyCompiler(JsonDocument doc) {
    this.doc = doc;
    this.loc = new Locator(doc);
  }

  /** Compiles a policy document that does not use {@code extends}, or throws with every problem found. */
  public static Policy compile(String text, String sourceName) {
    return compile(text, sourceName, PolicyResolver.none());
  }

  /** Compiles a policy document, resolving {@code extends} with the resolver. */
  public static Policy compile(String text, String sourceName, PolicyResolver resolver) {
    JsonDocument doc = Yaml.parse(text, sourceName);
    return new PolicyCompiler(doc).compile(resolver);
  }

  private Policy compile(PolicyResolver resolver) {
    if (!(doc.root() instanceof JsonObject root)) {
      throw new PolicyException(doc.problem("$", "a policy must be a mapping with apiVersion, kind, metadata and spec",
          "start with: apiVersion: clinigate/v1"));
    }
    JsonValue kind = root.members().get("kind");
    if (!(kind instanceof JsonString ks)) {
      throw new PolicyException(doc.problem(kind == null ? "$" : "$.kind", kind == null ? "missing required key \"kind\""
          : "kind must be a string", "add kind: PromotionPolicy"));
    }
    if (!KINDS.contains(ks.value())) {
      String hint = Suggest.hint(ks.value(), KINDS, "supported kinds: " + String.join(", ", KINDS));
      if ("DataContract".equals(ks.value())) {
        hint = "a DataContract is checked with 'clinigate check --contract', not evaluated as a policy";
      }
      throw new PolicyException(doc.problem("$.kind", "unsupported kind \"" + ks.value() + "\"", hint));
    }
    if (ks.value().equals("RollbackPolicy")) {
      return RollbackCompiler.compile(doc);
    }
    if (ks.value().equals("ReviewPolicy")) {
      return ReviewCompiler.compile(doc);
    }
    problems.addAll(PROMOTION.validate(doc));
    JsonObject merged = root;
    boolean extendsValid = problems.stream().noneMatch(p -> p.path().equals("$.extends"));
    if (root.members().get("extends") instanceof JsonString && extendsValid) {
      PolicyMerger.Merged m = new PolicyMerger(PROMOTION, resolver, problems).resolve(doc, List.of());
      if (m == null) {
        throw new PolicyException(sorted());
      }
      merged = m.root();
      loc = m.locator();
      if (!(merged.members().get("spec") instanceof JsonObject spec) || !(spec.members().get("gates") instanceof JsonArray)) {
        problems.add(doc.problem("$.extends", "neither this policy nor its base has gates",
            "list at least one gate under spec.gates"));
      }
    }
    PromotionPolicy policy;
    try {
      policy = promotion(merged);
    } catch (IllegalArgumentException e) {
      // a value the schema already rejected reached a constructor; report it rather than crash
      problems.add(doc.problem("$", e.getMessage(), "see docs/policy-language.md"));
      policy = null;
    }
    if (!problems.isEmpty() || policy == null) {
      throw new PolicyException(sorted());
    }
    return policy;
  }

  private List<Problem> sorted() {
    return List.copyOf(new TreeSet<>(problems));
  }

  private Problem problem(String path, String message, String hint) {
    return loc.problem(path, message, hint);
  }

  // -----------------------------------------------------------------------------------------------------

  private PromotionPolicy promotion(JsonObject root) {
    PolicyMetadata metadata = metadata(root);
    RiskTier tier = metadata == null ? RiskTier.MEDIUM : RiskTier.of(metadata);
    JsonObject spec = obj(root, "spec");
    Optional<Transition> transition = Optional.empty();
    List<Rule> rules = new ArrayList<>();
    Requirements requires = Requirements.none();
    Optional<Approvals> approvals = Optional.empty();
    Optional<WaiverPolicy> waivers = Optional.empty();
    Map<String, List<String>> expectedGroups = Map.of();
    if (spec != null) {
      transition = transition(spec);
      if (spec.members().get("gates") instanceof JsonArray gates) {
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < gates.size(); i++) {
          String path = "$.spec.gates[" + i + "]";
          if (gates.get(i) instanceof JsonObject g) {
            Rule r = gate(g, path, seen);
            if (r != null) {
              rules.add(r);
            }
          }
        }
      }
      requires = requires(obj(spec, "requires"), tier);
      approvals = approvals(obj(spec, "approvals"), tier);
      waivers = waivers(obj(spec, "waivers"), tier, rules, requires);
      expectedGroups = expectedGroups(obj(spec, "expectedGroups"), rules);
    }
    if (!problems.isEmpty() || metadata == null || rules.isEmpty()) {
      return null;
    }
    try {
      return PromotionPolicy.builder(metadata).transition(transition).rules(rules).requires(requires)
          .approvals(approvals).waivers(waivers).expectedGroups(expectedGroups)
          .sourceMap(SourceMapper.promotion(root, loc)).build();
    } catch (IllegalArgumentException e) {
      problems.add(problem("$.spec", e.getMessage(), "see docs/policy-language.md"));
      return null;
    }
  }

  private PolicyMetadata metadata(JsonObject root) {
    JsonObject m = obj(root, "metadata");
    if (m == null) {
      return null;
    }
    String name = str(m, "name");
    JsonValue v = m.members().get("version");
    String version = v instanceof JsonString s ? s.value() : v instanceof JsonNumber n && n.integral()
        ? Long.toString(n.longValue()) : null;
    if (name == null || version == null || name.isBlank()) {
      return null; // the schema reported it
    }
    return new PolicyMetadata(name, version, Optional.ofNullable(str(m, "riskTier")), Optional.ofNullable(str(m, "owner")));
  }

  private Optional<Transition> transition(JsonObject spec) {
    JsonObject t = obj(spec, "transition");
    List<String> stages = strings(spec, "stages");
    if (spec.has("stages") && t == null) {
      problems.add(problem("$.spec.stages", "stages need a transition", "add transition: {from: ..., to: ...}, or "
          + "remove stages"));
    }
    if (t == null || str(t, "from") == null || str(t, "to") == null) {
      return Optional.empty();
    }
    List<String> order = stages.isEmpty() ? Transition.DEFAULT_STAGES : stages;
    String from = str(t, "from");
    String to = str(t, "to");
    for (String[] end : new String[][] {{"from", from}, {"to", to}}) {
      if (order.stream().noneMatch(s -> s.equalsIgnoreCase(end[1]))) {
        problems.add(problem("$.spec.transition." + end[0], "stage \"" + end[1] + "\" is not one of the stages "
            + String.join(", ", order), Suggest.hint(end[1], order, spec.has("stages") ? "add it to spec.stages"
            : "declare your own order with spec.stages: [...]")));
        return Optional.empty();
      }
    }
    try {
      return Optional.of(new Transition(from, to, order));
    } catch (IllegalArgumentException e) {
      problems.add(problem(spec.has("stages") && e.getMessage().startsWith("stages") ? "$.spec.stages"
          : "$.spec.transition", e.getMessage(), "a promotion moves to a later stage"));
      return Optional.empty();
    }
  }

  /**
   * {@code spec.expectedGroups}: column to the group values the evidence must report. A column that no
   * subgroup rule ({@code by}, or {@code worst/best(... by column)} in a condition) names is an error: the
   * expectation would silently check nothing.
   */
  private Map<String, List<String>> expectedGroups(JsonObject eg, List<Rule> rules) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (eg == null) {
      return out;
    }
    List<String> columns = new ArrayList<>();
    for (Rule r : rules) {
      Optional<Subgroups> sg = r instanceof MetricRule m ? m.subgroups() : r instanceof GapRule g
          ? Optional.of(g.subgroups()) : Optional.empty();
      sg.ifPresent(x -> x.by().stream().filter(c -> !columns.contains(c)).forEach(columns::add));
    }
    for (Map.Entry<String, JsonValue> e : eg.members().entrySet()) {
      String column = e.getKey();
      boolean inCondition = rules.stream().anyMatch(r -> r instanceof ConditionRule c
          && c.condition().text().matches("(?s).*\\bby\\s+" + java.util.regex.Pattern.quote(column) + "\\s*\\).*"));
      if (!columns.contains(column) && !inCondition) {
        problems.add(problem(Json.childPath("$.spec.expectedGroups", column) + "#key", "expectedGroups names column \""
            + column + "\", which no subgroup rule uses", Suggest.hint(column, columns, columns.isEmpty()
            ? "add by: [" + column + "] to a gate, or remove it" : "subgroup columns: " + String.join(", ", columns))));
        continue;
      }
      List<String> values = strings(eg, column);
      if (values.isEmpty() || values.stream().anyMatch(String::isBlank)
          || new java.util.HashSet<>(values).size() != values.size()) {
        continue; // the schema reported it
      }
      out.put(column, values);
    }
    return out;
  }

  private Requirements requires(JsonObject r, RiskTier tier) {
    if (r == null) {
      return Requirements.none();
    }
    Enforcement enforcement = enforcement(r).orElse(tier.defaultRequirementEnforcement());
    Optional<Requirements.Dataset> dataset = Optional.empty();
    JsonObject d = obj(r, "dataset");
    if (d != null && !strings(d, "approvedSources").isEmpty()) {
      dataset = Optional.of(new Requirements.Dataset(strings(d, "approvedSources")));
    }
    Optional<Requirements.Shadow> shadow = Optional.empty();
    JsonObject s = obj(r, "shadow");
    if (s != null && integer(s, "minDays").isPresent() && integer(s, "minCases").isPresent()) {
      try {
        shadow = Optional.of(new Requirements.Shadow(integer(s, "minDays").getAsLong(),
            integer(s, "minCases").getAsLong(), num(s, "minAgreement")));
      } catch (IllegalArgumentException e) {
        return Requirements.none(); // the schema reported the out-of-range value
      }
    }
    Optional<Requirements.Canary> canary = Optional.empty();
    JsonObject c = obj(r, "canary");
    if (c != null && num(c, "maxTrafficPercent").isPresent()) {
      try {
        canary = Optional.of(new Requirements.Canary(num(c, "maxTrafficPercent").getAsDouble(), integer(c, "minDays")));
      } catch (IllegalArgumentException e) {
        return Requirements.none(); // the schema reported the out-of-range value
      }
    }
    Optional<Requirements.ModelCard> modelCard = Optional.empty();
    JsonObject mc = obj(r, "modelCard");
    if (mc != null && mc.members().get("standard") instanceof JsonString st && !st.value().isBlank()) {
      modelCard = Optional.of(new Requirements.ModelCard(st.value()));
    }
    try {
      return new Requirements(strings(r, "artifacts"), dataset, strings(r, "contracts"), shadow, canary, enforcement,
          modelCard);
    } catch (IllegalArgumentException e) {
      return Requirements.none(); // duplicates: reported by the schema (uniqueItems)
    }
  }

  private Optional<Approvals> approvals(JsonObject a, RiskTier tier) {
    if (a == null) {
      return Optional.empty();
    }
    List<String> roles = strings(a, "roles");
    boolean separation = a.members().get("separationOfDuties") instanceof JsonBoolean b ? b.value()
        : tier.separationOfDutiesByDefault();
    if (!separation && !tier.allowsSharedDuties()) {
      problems.add(problem("$.spec.approvals.separationOfDuties", "a " + tier.yamlName()
          + "-risk policy requires separationOfDuties: true", "remove the key (it defaults to true), or lower "
          + "metadata.riskTier"));
      return Optional.empty();
    }
    OptionalLong declared = integer(a, "minApprovers");
    int min = declared.isPresent() ? (int) Math.min(Integer.MAX_VALUE, declared.getAsLong())
        : Math.max(tier.minApproversFloor(), Math.max(1, roles.size()));
    if (min < tier.minApproversFloor()) {
      problems.add(problem("$.spec.approvals.minApprovers", "a " + tier.yamlName() + "-risk policy needs minApprovers "
          + "of at least " + tier.minApproversFloor() + ", found " + min, "raise minApprovers, or remove it (it "
          + "defaults to " + tier.minApproversFloor() + " or the number of roles, whichever is larger)"));
      return Optional.empty();
    }
    Optional<Duration> maxAge = Optional.empty();
    if (str(a, "maxAge") != null) {
      maxAge = Durations.parse(str(a, "maxAge"));
      if (maxAge.isEmpty()) {
        return Optional.empty(); // the schema reported the spelling
      }
      if (maxAge.get().isZero()) {
        problems.add(problem("$.spec.approvals.maxAge", "maxAge must be a positive duration, found \""
            + str(a, "maxAge") + "\"", "write e.g. maxAge: 90d (a whole number and s, m, h, d or w)"));
        return Optional.empty();
      }
    }
    try {
      return Optional.of(new Approvals(roles, Math.max(1, min), separation, maxAge));
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // duplicate roles: reported by the schema (uniqueItems)
    }
  }

  private Optional<WaiverPolicy> waivers(JsonObject w, RiskTier tier, List<Rule> rules, Requirements requires) {
    if (w == null) {
      return Optional.empty();
    }
    Duration max = tier.defaultMaxWaiver();
    if (str(w, "maxDuration") != null) {
      Optional<Duration> d = Durations.parse(str(w, "maxDuration"));
      if (d.isEmpty()) {
        return Optional.empty(); // the schema reported the spelling
      }
      if (d.get().isZero()) {
        problems.add(problem("$.spec.waivers.maxDuration", "maxDuration must be a positive duration, found \""
            + str(w, "maxDuration") + "\"", "write e.g. maxDuration: 30d (a whole number and s, m, h, d or w)"));
        return Optional.empty();
      }
      max = d.get();
    }
    List<WaiverPolicy.Grant> grants = new ArrayList<>();
    Map<String, Rule> byId = new HashMap<>();
    rules.forEach(r -> byId.put(r.id(), r));
    List<String> known = new ArrayList<>(byId.keySet());
    known.addAll(requires.resultIds());
    known.sort(null);
    if (w.members().get("allow") instanceof JsonArray allow) {
      for (int i = 0; i < allow.size(); i++) {
        if (!(allow.get(i) instanceof JsonObject g) || str(g, "role") == null) {
          continue;
        }
        List<String> ids = strings(g, "rules");
        for (int j = 0; j < ids.size(); j++) {
          String id = ids.get(j);
          String path = "$.spec.waivers.allow[" + i + "].rules[" + j + "]";
          if (id.equals("*")) {
            continue;
          }
          if (id.equals("stage") || id.equals("approvals") || id.startsWith("approval:")) {
            problems.add(problem(path, id + " can never be waived", "remove it; only gates and requirements can be "
                + "waived"));
          } else if (byId.containsKey(id)) {
            if (byId.get(id).enforcement() == Enforcement.HARD) {
              problems.add(problem(path, "rule " + id + " is hard and can never be waived",
                  "remove it from the waivable rules, or make the rule mandatory"));
            }
          } else if (requires.resultIds().contains(id)) {
            if (requires.enforcement() == Enforcement.HARD) {
              problems.add(problem(path, id + " is hard and can never be waived", "remove it, or set "
                  + "requires.enforcement: mandatory" + (tier == RiskTier.HIGH ? " (high risk makes requirements hard "
                  + "by default)" : "")));
            }
          } else if (!problems.stream().anyMatch(p -> p.path().startsWith("$.spec.gates"))) {
            problems.add(problem(path, "the policy has no rule \"" + id + "\"", Suggest.hint(id, known,
                "waivable rules: " + String.join(", ", known))));
          }
        }
        if (!ids.isEmpty()) {
          grants.add(new WaiverPolicy.Grant(str(g, "role"), ids));
        }
      }
    }
    return Optional.of(new WaiverPolicy(max, grants));
  }

  private Optional<Enforcement> enforcement(JsonObject o) {
    return o.members().get("enforcement") instanceof JsonString e
        && List.of("advisory", "mandatory", "hard").contains(e.value())
        ? Optional.of(Enforcement.valueOf(e.value().toUpperCase(Locale.ROOT))) : Optional.empty();
  }

  private Rule gate(JsonObject g, String path, Map<String, String> seen) {
    int before = problems.size();
    String id = str(g, "id");
    if (id != null) {
      String first = seen.putIfAbsent(id, path);
      if (first != null) {
        int[] at = loc.location(Json.childPath(first, "id"));
        problems.add(problem(Json.childPath(path, "id"), "duplicate gate id \"" + id + "\"",
            "ids must be unique; the first \"" + id + "\" is at line " + (at == null ? "?" : at[0])));
      }
      if (id.equals("stage") || id.equals("approvals") || id.startsWith("requires.")) {
        problems.add(problem(Json.childPath(path, "id"), "the gate id \"" + id + "\" is reserved for the policy's "
            + "own checks", "choose another id"));
      }
    }
    Enforcement enforcement = enforcement(g).orElse(Enforcement.MANDATORY);
    boolean unknownKeys = !GATE_KEYS.containsAll(g.members().keySet()); // the schema reports those
    if (g.has("when")) {
      return conditionGate(g, path, id, enforcement, before, unknownKeys);
    }
    String metricText = str(g, "metric");
    if (!g.has("metric")) {
      problems.add(problem(path, "gate " + (id == null ? "" : "\"" + id + "\" ") + "has no metric",
          "add metric: auroc (or another metric id), or a condition with when: \"...\""));
    }
    MetricRef metric = metricText == null ? null : metric(metricText, Json.childPath(path, "metric"));
    if (metric != null && g.members().get("bound") instanceof JsonString b) {
      MetricRef.Statistic st = MetricRef.Statistic.valueOf(b.value().toUpperCase(Locale.ROOT));
      if (metric.statistic() != MetricRef.Statistic.POINT && metric.statistic() != st) {
        problems.add(problem(Json.childPath(path, "bound"), "bound " + b.value() + " contradicts the metric "
            + metricText, "say the statistic once: either in the metric (auroc.lower95) or in bound"));
      } else if (st != MetricRef.Statistic.POINT) {
        try {
          metric = metric.withStatistic(st);
        } catch (IllegalArgumentException e) {
          problems.add(problem(Json.childPath(path, "bound"), e.getMessage(), "remove bound"));
        }
      }
    }
    OptionalDouble min = num(g, "min");
    OptionalDouble max = num(g, "max");
    if (g.members().get("between") instanceof JsonArray between && between.size() == 2
        && between.get(0) instanceof JsonNumber lo && between.get(1) instanceof JsonNumber hi) {
      if (min.isPresent() || max.isPresent()) {
        problems.add(problem(Json.childPath(path, "between"), "between cannot be combined with min or max",
            "use either between: [lo, hi] or min/max"));
      }
      min = OptionalDouble.of(lo.value());
      max = OptionalDouble.of(hi.value());
      if (lo.value() > hi.value()) {
        problems.add(problem(Json.childPath(path, "between"), "between [" + Json.number(lo) + ", "
            + Json.number(hi) + "] has its lower end above its upper end", "write the smaller number first"));
      }
    } else if (min.isPresent() && max.isPresent() && min.getAsDouble() > max.getAsDouble()) {
      problems.add(problem(Json.childPath(path, "min"), "min " + Json.number(JsonNumber.of(min.getAsDouble()))
          + " is greater than max " + Json.number(JsonNumber.of(max.getAsDouble())), "no value could pass: swap them"));
    }
    List<String> by = strings(g, "by");
    OptionalLong minGroupSize = integer(g, "minGroupSize");
    OptionalDouble rileyWidth = g.members().get("minGroupSize") instanceof JsonObject riley
        ? num(riley, "ciWidth") : OptionalDouble.empty();
    if (rileyWidth.isPresent() && !(rileyWidth.getAsDouble() > 0)) {
      rileyWidth = OptionalDouble.empty(); // the schema reports it
    }
    OptionalLong minEvents = integer(g, "minEvents");
    Optional<Subgroups.Adjustment> adjust = Optional.empty();
    if (g.members().get("adjust") instanceof JsonString a) {
      for (Subgroups.Adjustment m : Subgroups.Adjustment.values()) {
        if (m.yamlName().equals(a.value())) {
          adjust = Optional.of(m);
        }
      }
    }
    OptionalDouble maxGap = num(g, "maxGap");
    String baseline = str(g, "baseline");
    List<String> measures = BASELINE_MEASURES.stream().filter(g::has).toList();
    boolean failInsufficient = g.members().get("onInsufficientData") instanceof JsonString s && s.value().equals("fail");
    boolean bounded = min.isPresent() || max.isPresent();
    if (metric != null) {
      inDomain(metric, g, path);
    }

    if (maxGap.isPresent()) {
      if (by.isEmpty()) {
        problems.add(problem(Json.childPath(path, "maxGap"), "maxGap needs subgroup columns",
            "add by: [sex] (the columns whose groups are compared)"));
      }
      if (bounded) {
        problems.add(problem(Json.childPath(path, "maxGap"), "maxGap cannot be combined with min, max or between",
            "split it into two gates: one for the gap, one for the per-group bound"));
      }
      if (baseline != null || !measures.isEmpty()) {
        problems.add(problem(Json.childPath(path, "maxGap"), "maxGap cannot be combined with a baseline",
            "split it into two gates"));
      }
    } else {
      if (!bounded && baseline == null && measures.isEmpty() && g.has("metric") && !unknownKeys) {
        problems.add(problem(path, "gate " + (id == null ? "" : "\"" + id + "\" ") + "has no bound",
            "add min, max, between, maxGap, or baseline with maxDrop, maxRelativeDrop or nonInferiorityMargin"));
      }
    }
    if (baseline == null && !measures.isEmpty()) {
      problems.add(problem(Json.childPath(path, measures.get(0)), measures.get(0) + " needs a baseline",
          "write both, e.g. baseline: production, " + measures.get(0) + ": 0.01"));
    } else if (baseline != null && measures.isEmpty()) {
      problems.add(problem(Json.childPath(path, "baseline"), "baseline needs maxDrop, maxRelativeDrop or "
          + "nonInferiorityMargin", "write e.g. baseline: production, maxDrop: 0.01"));
    } else if (measures.size() > 1) {
      problems.add(problem(Json.childPath(path, measures.get(1)), measures.get(1) + " cannot be combined with "
          + measures.get(0), "split it into two gates, one per comparison"));
    }
    if ((minGroupSize.isPresent() || rileyWidth.isPresent()) && by.isEmpty()) {
      problems.add(problem(Json.childPath(path, "minGroupSize"), "minGroupSize needs subgroup columns",
          "add by: [site], or remove minGroupSize"));
    }
    if (adjust.isPresent() && metric != null) {
      boolean lowerMin = metric.statistic() == MetricRef.Statistic.LOWER95 && min.isPresent() && max.isEmpty();
      boolean upperMax = metric.statistic() == MetricRef.Statistic.UPPER95 && max.isPresent() && min.isEmpty();
      boolean pValue = MetricRef.P_VALUE_METRICS.contains(metric.name())
          && metric.statistic() == MetricRef.Statistic.POINT && min.isPresent() && max.isEmpty();
      if (!pValue && adjust.get() == Subgroups.Adjustment.BENJAMINI_HOCHBERG) {
        problems.add(problem(Json.childPath(path, "adjust"), "benjamini-hochberg controls the false discovery rate "
            + "of tests and gives no simultaneous bounds: use it on a p-value gate such as {metric: spiegelhalter_p,"
            + " min: 0.05}", "use adjust: holm or bonferroni on confidence bounds"));
      } else if (by.isEmpty() || maxGap.isPresent() || baseline != null || !(lowerMin || upperMax || pValue)) {
        problems.add(problem(Json.childPath(path, "adjust"), "adjust needs subgroup columns and a one-sided "
            + "confidence bound (min with bound: lower95, or max with bound: upper95) or a p-value with a min",
            "e.g. {metric: auroc, by: [site], min: 0.75, bound: lower95, adjust: holm}"));
      }
    }
    if (minEvents.isPresent() && by.isEmpty()) {
      problems.add(problem(Json.childPath(path, "minEvents"), "minEvents needs subgroup columns",
          "add by: [site], or remove minEvents"));
    }
    if (g.has("onInsufficientData") && by.isEmpty()) {
      problems.add(problem(Json.childPath(path, "onInsufficientData"), "onInsufficientData needs subgroup columns",
          "add by: [...], or remove onInsufficientData"));
    }
    if (problems.size() > before || id == null || metric == null || unknownKeys) {
      return null;
    }
    try {
      Optional<Subgroups> sg = by.isEmpty() ? Optional.empty() : Optional.of(new Subgroups(by, minGroupSize, rileyWidth,
          minEvents, adjust));
      if (maxGap.isPresent()) {
        return new GapRule(id, metric, sg.orElseThrow(), maxGap.getAsDouble(), enforcement, failInsufficient);
      }
      Optional<BaselineComparison> bc = Optional.empty();
      if (baseline != null) {
        String key = measures.get(0);
        BaselineComparison.Measure measure = key.equals("maxDrop") ? BaselineComparison.Measure.MAX_DROP
            : key.equals("maxRelativeDrop") ? BaselineComparison.Measure.MAX_RELATIVE_DROP
            : BaselineComparison.Measure.NON_INFERIORITY_MARGIN;
        bc = Optional.of(new BaselineComparison(baseline, measure, num(g, key).orElse(-1)));
      }
      return new MetricRule(id, metric, new Bounds(min, max), sg, bc, enforcement, failInsufficient);
    } catch (IllegalArgumentException e) {
      problems.add(problem(path, e.getMessage().replaceFirst("^rule " + java.util.regex.Pattern.quote(id) + ": ", ""),
          "see docs/policy-language.md"));
      return null;
    }
  }

  /**
   * Bounds that no value of the metric could reach: a bound on a probability outside [0, 1] (or below 0 for
   * a non-negative metric), and a gap, drop or margin larger than a probability can move.
   */
  private void inDomain(MetricRef metric, JsonObject g, String path) {
    Optional<Domain> domain = Domain.ofMetric(metric.name());
    if (domain.isEmpty()) {
      return;
    }
    Domain d = domain.get();
    String what = metric.toString();
    DomainBounds.check(g, path, what, domain, this::problem, problems);
    if (d.isProbability()) {
      for (String key : List.of("maxGap", "maxDrop", "maxRelativeDrop", "nonInferiorityMargin")) {
        if (g.members().get(key) instanceof JsonNumber n && n.value() > 1) {
          problems.add(problem(Json.childPath(path, key), key + " " + Json.number(n) + " is more than " + what
              + " can move: it lies in " + d.text(), "write " + key + " as a fraction in [0, 1], e.g. 0.05 for five "
              + "points"));
        }
      }
    }
  }

  /** A gate whose only test is a typed condition. */
  private Rule conditionGate(JsonObject g, String path, String id, Enforcement enforcement, int before,
      boolean unknownKeys) {
    for (String key : g.members().keySet()) {
      if (GATE_KEYS.contains(key) && !Set.of("id", "description", "when", "enforcement").contains(key)) {
        problems.add(problem(Json.childPath(path, key) + "#key", key + " cannot be combined with when",
            "a when: gate is a condition of its own; put the metric bound in a separate gate"));
      }
    }
    String text = str(g, "when");
    if (text == null) {
      return null; // the schema reported the type
    }
    Condition condition = null;
    try {
      condition = Condition.parse(text);
    } catch (Condition.SyntaxError e) {
      String hint = e.hint();
      if (e.unknownName().isPresent()) {
        List<String> names = new ArrayList<>(MetricRef.allNames());
        if (e.getMessage().startsWith("unknown function")) {
          names = List.of("min", "max", "abs", "worst", "best");
        }
        hint = Suggest.hint(e.unknownName().get(), names, hint);
      }
      problems.add(conditionProblem(Json.childPath(path, "when"), text, e.offset(), e.getMessage(), hint));
    }
    if (problems.size() > before || id == null || condition == null || unknownKeys) {
      return null;
    }
    try {
      return new ConditionRule(id, condition, enforcement);
    } catch (IllegalArgumentException e) {
      problems.add(problem(Json.childPath(path, "id"), e.getMessage(), "see docs/policy-language.md"));
      return null;
    }
  }

  /**
   * A problem inside a condition string, located at the file column of the offending character: the
   * scalar's column plus one for an opening quote plus the offset, when the condition stands on that line
   * as written (no escapes before the offset); else at the scalar itself.
   */
  private Problem conditionProblem(String path, String text, int offset, String message, String hint) {
    Problem at = problem(path, "in when: " + message, hint);
    JsonDocument d = loc.document(path);
    if (at.line() == 0 || at.sourceLine().isEmpty()) {
      return at;
    }
    String line = at.sourceLine();
    int start = at.column() - 1;
    if (start < line.length() && (line.charAt(start) == '"' || line.charAt(start) == '\'')) {
      start++;
    }
    int off = Math.min(offset, text.length());
    if (start >= 0 && line.startsWith(text.substring(0, off), start)) {
      return new Problem(d.source(), at.line(), start + off + 1, at.path(), at.message(), at.hint(), line);
    }
    return at;
  }

  private MetricRef metric(String text, String path) {
    try {
      return MetricRef.parse(text);
    } catch (IllegalArgumentException e) {
      String name = text.split("[@\\[.]", 2)[0];
      String hint;
      if (!MetricRef.allNames().contains(name)) {
        hint = Suggest.hint(name, MetricRef.allNames(), "known metrics: " + String.join(", ", MetricRef.allNames()));
        return fail(path, "unknown metric \"" + text + "\"", hint);
      }
      if (MetricRef.THRESHOLD_METRICS.contains(name) && !text.contains("@")) {
        hint = "write " + name + "@0.5 (the decision threshold in [0, 1])";
      } else {
        hint = "write e.g. auroc, sensitivity@0.3, auroc.lower95 or psi[age]";
      }
      return fail(path, e.getMessage(), hint);
    }
  }

  private MetricRef fail(String path, String message, String hint) {
    problems.add(problem(path, message, hint));
    return null;
  }

  private static JsonObject obj(JsonObject o, String key) {
    return o.members().get(key) instanceof JsonObject x ? x : null;
  }

  private static String str(JsonObject o, String key) {
    return o.members().get(key) instanceof JsonString s ? s.value() : null;
  }

  private static OptionalDouble num(JsonObject o, String key) {
    return o.members().get(key) instanceof JsonNumber n ? OptionalDouble.of(n.value()) : OptionalDouble.empty();
  }

  private static OptionalLong integer(JsonObject o, String key) {
    return o.members().get(key) instanceof JsonNumber n && n.integral() ? OptionalLong.of(n.longValue())
        : OptionalLong.empty();
  }

  private static List<String> strings(JsonObject o, String key) {
    if (!(o.members().get(key) instanceof JsonArray a)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (JsonValue v : a.elements()) {
      if (v instanceof JsonString s) {
        out.add(s.value());
      }
    }
    return out;
  }
}
