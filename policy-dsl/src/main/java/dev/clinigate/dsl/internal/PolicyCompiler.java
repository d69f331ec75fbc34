package dev.clinigate.dsl.internal;

import dev.clinigate.BaselineComparison;
import dev.clinigate.Enforcement;
import dev.clinigate.GapRule;
import dev.clinigate.Limits;
import dev.clinigate.MetricRef;
import dev.clinigate.MetricRule;
import dev.clinigate.Policy;
import dev.clinigate.PolicyException;
import dev.clinigate.PolicyMetadata;
import dev.clinigate.Problem;
import dev.clinigate.PromotionPolicy;
import dev.clinigate.Rule;
import dev.clinigate.Subgroups;
import dev.clinigate.Transition;
import dev.clinigate.dsl.SchemaValidator;
import dev.clinigate.dsl.Suggest;
import dev.clinigate.dsl.Yaml;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonDocument;
import dev.clinigate.json.JsonNumber;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import dev.clinigate.json.JsonValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * YAML text to compiled policy. Design note: every check collects problems instead of throwing, and
 * semantic checks are written defensively (they also run on documents that failed the schema), so that
 * the author sees every problem in one pass.
 */
public final class PolicyCompiler {
  private static final SchemaValidator PROMOTION =
      SchemaValidator.forResource("/dev/clinigate/dsl/promotion-policy.schema.json");
  private static final List<String> KINDS = List.of("PromotionPolicy");
  private static final java.util.Set<String> GATE_KEYS = java.util.Set.of("id", "description", "metric", "min", "max",
      "between", "bound", "by", "minGroupSize", "maxGap", "baseline", "maxDrop", "enforcement", "onInsufficientData");

  private final JsonDocument doc;
  private final List<Problem> problems = new ArrayList<>();

  private PolicyCompiler(JsonDocument doc) {
    this.doc = doc;
  }

  /** Compiles a policy document, or throws a {@link PolicyException} with every problem found. */
  public static Policy compile(String text, String sourceName) {
    JsonDocument doc = Yaml.parse(text, sourceName);
    return new PolicyCompiler(doc).compile();
  }

  private Policy compile() {
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
    problems.addAll(PROMOTION.validate(doc));
    PromotionPolicy policy = promotion(root);
    if (!problems.isEmpty() || policy == null) {
      throw new PolicyException(sorted());
    }
    return policy;
  }

  private List<Problem> sorted() {
    return List.copyOf(new TreeSet<>(problems));
  }

  // -----------------------------------------------------------------------------------------------------

  private PromotionPolicy promotion(JsonObject root) {
    PolicyMetadata metadata = metadata(root);
    JsonObject spec = obj(root, "spec");
    Optional<Transition> transition = Optional.empty();
    List<Rule> rules = new ArrayList<>();
    if (spec != null) {
      JsonObject t = obj(spec, "transition");
      if (t != null && str(t, "from") != null && str(t, "to") != null) {
        try {
          transition = Optional.of(new Transition(str(t, "from"), str(t, "to")));
        } catch (IllegalArgumentException e) {
          problems.add(doc.problem("$.spec.transition", e.getMessage(), "name two different stages"));
        }
      }
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
    }
    if (!problems.isEmpty() || metadata == null || rules.isEmpty()) {
      return null;
    }
    return PromotionPolicy.of(metadata, transition, rules);
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
    if (name == null || version == null) {
      return null;
    }
    return new PolicyMetadata(name, version, Optional.ofNullable(str(m, "riskTier")), Optional.ofNullable(str(m, "owner")));
  }

  private Rule gate(JsonObject g, String path, Map<String, String> seen) {
    int before = problems.size();
    String id = str(g, "id");
    if (id != null) {
      String first = seen.putIfAbsent(id, path);
      if (first != null) {
        int[] at = doc.locations().get(Json.childPath(first, "id"));
        problems.add(doc.problem(Json.childPath(path, "id"), "duplicate gate id \"" + id + "\"",
            "ids must be unique; the first \"" + id + "\" is at line " + (at == null ? "?" : at[0])));
      }
    }
    String metricText = str(g, "metric");
    if (!g.has("metric")) {
      problems.add(doc.problem(path, "gate " + (id == null ? "" : "\"" + id + "\" ") + "has no metric",
          "add metric: auroc (or another metric id)"));
    }
    MetricRef metric = metricText == null ? null : metric(metricText, Json.childPath(path, "metric"));
    if (metric != null && g.members().get("bound") instanceof JsonString b) {
      MetricRef.Statistic st = MetricRef.Statistic.valueOf(b.value().toUpperCase(Locale.ROOT));
      if (metric.statistic() != MetricRef.Statistic.POINT && metric.statistic() != st) {
        problems.add(doc.problem(Json.childPath(path, "bound"), "bound " + b.value() + " contradicts the metric "
            + metricText, "say the statistic once: either in the metric (auroc.lower95) or in bound"));
      } else if (st != MetricRef.Statistic.POINT) {
        try {
          metric = metric.withStatistic(st);
        } catch (IllegalArgumentException e) {
          problems.add(doc.problem(Json.childPath(path, "bound"), e.getMessage(), "remove bound"));
        }
      }
    }
    OptionalDouble min = num(g, "min");
    OptionalDouble max = num(g, "max");
    if (g.members().get("between") instanceof JsonArray between && between.size() == 2
        && between.get(0) instanceof JsonNumber lo && between.get(1) instanceof JsonNumber hi) {
      if (min.isPresent() || max.isPresent()) {
        problems.add(doc.problem(Json.childPath(path, "between"), "between cannot be combined with min or max",
            "use either between: [lo, hi] or min/max"));
      }
      min = OptionalDouble.of(lo.value());
      max = OptionalDouble.of(hi.value());
      if (lo.value() > hi.value()) {
        problems.add(doc.problem(Json.childPath(path, "between"), "between [" + Json.number(lo) + ", "
            + Json.number(hi) + "] has its lower end above its upper end", "write the smaller number first"));
      }
    } else if (min.isPresent() && max.isPresent() && min.getAsDouble() > max.getAsDouble()) {
      problems.add(doc.problem(Json.childPath(path, "min"), "min " + Json.number(JsonNumber.of(min.getAsDouble()))
          + " is greater than max " + Json.number(JsonNumber.of(max.getAsDouble())), "no value could pass: swap them"));
    }
    List<String> by = strings(g, "by");
    OptionalLong minGroupSize = g.members().get("minGroupSize") instanceof JsonNumber n && n.integral()
        ? OptionalLong.of(n.longValue()) : OptionalLong.empty();
    OptionalDouble maxGap = num(g, "maxGap");
    String baseline = str(g, "baseline");
    OptionalDouble maxDrop = num(g, "maxDrop");
    Enforcement enforcement = g.members().get("enforcement") instanceof JsonString e
        && List.of("advisory", "mandatory", "hard").contains(e.value())
        ? Enforcement.valueOf(e.value().toUpperCase(Locale.ROOT)) : Enforcement.MANDATORY;
    boolean failInsufficient = g.members().get("onInsufficientData") instanceof JsonString s && s.value().equals("fail");
    boolean bounded = min.isPresent() || max.isPresent();
    boolean unknownKeys = !GATE_KEYS.containsAll(g.members().keySet()); // the schema reports those

    if (maxGap.isPresent()) {
      if (by.isEmpty()) {
        problems.add(doc.problem(Json.childPath(path, "maxGap"), "maxGap needs subgroup columns",
            "add by: [sex] (the columns whose groups are compared)"));
      }
      if (bounded) {
        problems.add(doc.problem(Json.childPath(path, "maxGap"), "maxGap cannot be combined with min, max or between",
            "split it into two gates: one for the gap, one for the per-group bound"));
      }
      if (baseline != null || maxDrop.isPresent()) {
        problems.add(doc.problem(Json.childPath(path, "maxGap"), "maxGap cannot be combined with a baseline",
            "split it into two gates"));
      }
    } else {
      if (!bounded && baseline == null && maxDrop.isEmpty() && g.has("metric") && !unknownKeys) {
        problems.add(doc.problem(path, "gate " + (id == null ? "" : "\"" + id + "\" ") + "has no bound",
            "add min, max, between, maxGap, or baseline with maxDrop"));
      }
    }
    if ((baseline == null) != maxDrop.isEmpty()) {
      problems.add(doc.problem(Json.childPath(path, baseline == null ? "maxDrop" : "baseline"),
          baseline == null ? "maxDrop needs a baseline" : "baseline needs maxDrop",
          "write both, e.g. baseline: production, maxDrop: 0.01"));
    }
    if (minGroupSize.isPresent() && by.isEmpty()) {
      problems.add(doc.problem(Json.childPath(path, "minGroupSize"), "minGroupSize needs subgroup columns",
          "add by: [site], or remove minGroupSize"));
    }
    if (g.has("onInsufficientData") && by.isEmpty()) {
      problems.add(doc.problem(Json.childPath(path, "onInsufficientData"), "onInsufficientData needs subgroup columns",
          "add by: [...], or remove onInsufficientData"));
    }
    if (problems.size() > before || id == null || metric == null || unknownKeys) {
      return null;
    }
    try {
      Optional<Subgroups> sg = by.isEmpty() ? Optional.empty() : Optional.of(new Subgroups(by, minGroupSize));
      if (maxGap.isPresent()) {
        return new GapRule(id, metric, sg.orElseThrow(), maxGap.getAsDouble(), enforcement, failInsufficient);
      }
      Optional<BaselineComparison> bc = baseline == null ? Optional.empty()
          : Optional.of(new BaselineComparison(baseline, maxDrop.getAsDouble()));
      return new MetricRule(id, metric, new Limits(min, max), sg, bc, enforcement, failInsufficient);
    } catch (IllegalArgumentException e) {
      problems.add(doc.problem(path, e.getMessage().replaceFirst("^rule " + java.util.regex.Pattern.quote(id) + ": ", ""),
          "see docs/policy-language.md"));
      return null;
    }
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
    problems.add(doc.problem(path, message, hint));
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
