package dev.clinigate.dsl.internal;

import dev.clinigate.Condition;
import dev.clinigate.InferenceField;
import dev.clinigate.PolicyException;
import dev.clinigate.PolicyMetadata;
import dev.clinigate.Problem;
import dev.clinigate.ReviewPolicy;
import dev.clinigate.ReviewRule;
import dev.clinigate.Route;
import dev.clinigate.dsl.SchemaValidator;
import dev.clinigate.Suggest;
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
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * YAML document of kind {@code ReviewPolicy} to compiled {@link ReviewPolicy}: schema first, then each
 * rule's condition is type-checked against the review fields (errors located at the offending column of
 * the condition, with "did you mean"), then unique ids. Every problem is reported at once.
 */
final class ReviewCompiler {
  static final SchemaValidator SCHEMA = SchemaValidator.forResource("/dev/clinigate/dsl/review-policy.schema.json");

  private final JsonDocument doc;
  private final List<Problem> problems = new ArrayList<>();

  private ReviewCompiler(JsonDocument doc) {
    this.doc = doc;
  }

  static ReviewPolicy compile(JsonDocument doc) {
    return new ReviewCompiler(doc).compile();
  }

  private ReviewPolicy compile() {
    problems.addAll(SCHEMA.validate(doc));
    JsonObject root = (JsonObject) doc.root();
    PolicyMetadata metadata = Metadata.of(root);
    JsonObject spec = root.members().get("spec") instanceof JsonObject s ? s : null;
    if (spec == null || metadata == null) {
      throw new PolicyException(sorted());
    }
    Map<String, Double> thresholds = new TreeMap<>();
    if (spec.members().get("thresholds") instanceof JsonObject t) {
      t.members().forEach((k, v) -> {
        if (v instanceof JsonNumber n) {
          thresholds.put(k, n.value()); // in [0, 1]: the schema rejects a percent typo such as 15 for 0.15

        }
      });
    }
    ReviewPolicy.Builder b = ReviewPolicy.builder(metadata);
    b.require(fields(spec, "require")).requireWhenReviewed(fields(spec, "requireWhenReviewed"));
    thresholds.forEach(b::threshold);
    if (spec.members().get("rules") instanceof JsonArray rules) {
      Map<String, String> seen = new HashMap<>();
      for (int i = 0; i < rules.size(); i++) {
        if (rules.get(i) instanceof JsonObject r) {
          ReviewRule rule = rule(r, Json.indexPath("$.spec.rules", i), seen, thresholds);
          if (rule != null) {
            b.rule(rule);
          }
        }
      }
    }
    if (spec.members().get("default") instanceof JsonString d && routeOf(d.value()) != null) {
      b.defaultRoute(routeOf(d.value()), strings(spec, "defaultApprovers"));
    } else {
      b.defaultRoute(Route.REVIEW, strings(spec, "defaultApprovers"));
    }
    if (!problems.isEmpty()) {
      throw new PolicyException(sorted());
    }
    b.sourceMap(SourceMapper.review(doc));
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new PolicyException(doc.problem("$.spec", e.getMessage(), "see docs/rollback-and-review.md"));
    }
  }

  private ReviewRule rule(JsonObject r, String path, Map<String, String> seen, Map<String, Double> thresholds) {
    int before = problems.size();
    String id = r.members().get("id") instanceof JsonString s ? s.value() : null;
    if (id != null) {
      String first = seen.putIfAbsent(id, path);
      if (first != null) {
        Problem at = doc.problem(Json.childPath(first, "id"), "", "");
        problems.add(doc.problem(Json.childPath(path, "id"), "duplicate rule id \"" + id + "\"",
            "ids must be unique; the first \"" + id + "\" is at line " + (at.line() == 0 ? "?" : at.line())));
      }
    }
    String when = r.members().get("when") instanceof JsonString s ? s.value() : null;
    if (when != null) {
      try {
        ReviewPolicy.checkCondition(when, thresholds);
      } catch (Condition.SyntaxError e) {
        String hint = e.hint();
        if (e.unknownName().isPresent()) {
          List<String> names = e.getMessage().startsWith("unknown threshold") ? new ArrayList<>(thresholds.keySet())
              : e.getMessage().startsWith("unknown function") ? List.of("min", "max", "abs") : ReviewPolicy.conditionFields();
          hint = Suggest.hint(e.unknownName().get(), names, hint);
        }
        problems.add(ConditionLocator.locate(doc, Json.childPath(path, "when"), when, e.offset(), e.getMessage(), hint));
      }
    }
    Route route = r.members().get("route") instanceof JsonString s ? routeOf(s.value()) : null;
    List<String> approvers = strings(r, "approvers");
    if (!approvers.isEmpty() && (route == Route.AUTO || route == Route.BLOCK)) {
      problems.add(doc.problem(Json.childPath(path, "approvers"), "approvers only apply to REVIEW and "
          + "SECONDARY_REVIEW routes, not " + route, "remove approvers, or route the rule to REVIEW"));
    }
    if (problems.size() > before || id == null || when == null || route == null) {
      return null;
    }
    return new ReviewRule(id, when, route, approvers);
  }

  private static Route routeOf(String s) {
    for (Route r : Route.values()) {
      if (r.name().equals(s)) {
        return r;
      }
    }
    return null;
  }

  private static List<InferenceField> fields(JsonObject o, String key) {
    List<InferenceField> out = new ArrayList<>();
    for (String s : strings(o, key)) {
      InferenceField.parse(s).ifPresent(out::add);
    }
    return out;
  }

  private static List<String> strings(JsonObject o, String key) {
    List<String> out = new ArrayList<>();
    if (o.members().get(key) instanceof JsonArray a) {
      for (JsonValue v : a.elements()) {
        if (v instanceof JsonString s) {
          out.add(s.value());
        }
      }
    }
    return out;
  }

  private List<Problem> sorted() {
    return List.copyOf(new TreeSet<>(problems));
  }
}
