package dev.clinigate.contracts.internal;

import dev.clinigate.Durations;
import dev.clinigate.PolicyException;
import dev.clinigate.Problem;
import dev.clinigate.SourceMap;
import dev.clinigate.SourcePosition;
import dev.clinigate.contracts.DataContract;
import dev.clinigate.contracts.Feature;
import dev.clinigate.dsl.Yaml;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonBoolean;
import dev.clinigate.json.JsonDocument;
import dev.clinigate.json.JsonNumber;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import dev.clinigate.json.JsonValue;
import dev.clinigate.metrics.DriftMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Binds a parsed contract document (already validated against the JSON Schema) to the
 * {@link DataContract} model, then runs the semantic checks of {@link ContractValidator}. Every problem
 * is collected and reported at once, located at {@code file:line:col}.
 *
 * <p>Design note: the binder re-checks the kind of every value it reads, so that a document that
 * skipped schema validation still fails with a located problem, never a {@link ClassCastException}.
 */
public final class ContractBinder {
  private final JsonDocument doc;
  private final List<Problem> problems = new ArrayList<>();

  private ContractBinder(JsonDocument doc) {
    this.doc = doc;
  }

  /**
   * The contract in {@code doc}.
   *
   * @throws PolicyException listing every problem found
   */
  public static DataContract bind(JsonDocument doc) {
    return new ContractBinder(doc).bind();
  }

  private DataContract bind() {
    JsonObject root = object(doc.root(), "$");
    if (root == null) {
      throw new PolicyException(problems);
    }
    String kind = string(root, "$", "kind", true);
    if (kind != null && !DataContract.KIND.equals(kind)) {
      add("$.kind", "kind must be " + DataContract.KIND + ", found " + kind,
          "a data contract starts with kind: DataContract");
    }
    String api = string(root, "$", "apiVersion", true);
    if (api != null && !DataContract.API_VERSION.equals(api)) {
      add("$.apiVersion", "apiVersion must be " + DataContract.API_VERSION + ", found " + api, "");
    }
    JsonObject meta = object(root, "$", "metadata", true);
    String name = null;
    String version = null;
    Optional<String> owner = Optional.empty();
    if (meta != null) {
      name = string(meta, "$.metadata", "name", true);
      version = scalarText(meta, "$.metadata", "version", true);
      owner = Optional.ofNullable(string(meta, "$.metadata", "owner", false));
    }
    JsonObject spec = object(root, "$", "spec", true);
    if (spec == null) {
      throw failure();
    }
    Optional<DataContract.Rows> rows = Optional.empty();
    JsonObject r = object(spec, "$.spec", "rows", false);
    if (r != null) {
      OptionalLong min = count(r, "$.spec.rows", "min");
      OptionalLong max = count(r, "$.spec.rows", "max");
      if (min.isPresent() && max.isPresent() && min.getAsLong() > max.getAsLong()) {
        add("$.spec.rows", "rows min " + min.getAsLong() + " exceeds rows max " + max.getAsLong(),
            "write min <= max");
      } else if (min.isPresent() || max.isPresent()) {
        rows = Optional.of(new DataContract.Rows(min, max));
      }
    }
    Optional<DataContract.Freshness> freshness = Optional.empty();
    JsonObject fr = object(spec, "$.spec", "freshness", false);
    if (fr != null) {
      String column = string(fr, "$.spec.freshness", "column", true);
      String maxAge = string(fr, "$.spec.freshness", "maxAge", true);
      Optional<Duration> age = Optional.empty();
      if (maxAge != null) {
        age = Durations.parse(maxAge);
        if (age.isEmpty()) {
          add("$.spec.freshness.maxAge", "maxAge \"" + maxAge + "\" is not a duration",
              "write a whole number and a unit: s, m, h, d or w, e.g. 24h or 7d");
        } else if (age.get().isZero()) {
          add("$.spec.freshness.maxAge", "maxAge must be a positive duration, found \"" + maxAge + "\"",
              "write a whole number and a unit: s, m, h, d or w, e.g. 24h or 7d");
          age = Optional.empty();
        }
      }
      if (column != null && age.isPresent()) {
        freshness = Optional.of(new DataContract.Freshness(column, age.get()));
      }
    }
    List<String> primaryKey = strings(spec, "$.spec", "primaryKey");
    List<String> missingValues = spec.has("missingValues") ? scalars(spec, "$.spec", "missingValues") : List.of("");
    List<Feature> features = new ArrayList<>();
    JsonArray fs = array(spec, "$.spec", "features", true);
    if (fs != null) {
      for (int i = 0; i < fs.size(); i++) {
        Feature f = feature(fs.get(i), ContractValidator.featurePath(i));
        if (f != null) {
          features.add(f);
        }
      }
    }
    // semantic checks run even after local problems, so that every problem is reported at once; a
    // feature keeps its valid keys when one of its keys is wrong
    for (ContractValidator.Finding f : ContractValidator.check(features, primaryKey, freshness)) {
      add(f.path(), f.message(), f.hint());
    }
    if (!problems.isEmpty()) {
      throw failure();
    }
    return new DataContract(name, version, owner, rows, freshness, primaryKey, missingValues, features,
        sourceMap(fs));
  }

  /** Where the contract was written; rules {@code feature:<name>} (its entry) and {@code feature:<name>.<key>}. */
  private SourceMap sourceMap(JsonArray fs) {
    SourceMap keys = Yaml.sourceMap(doc);
    Map<String, SourcePosition> rules = new LinkedHashMap<>();
    for (int i = 0; fs != null && i < fs.size(); i++) {
      String path = ContractValidator.featurePath(i);
      if (fs.get(i) instanceof JsonObject o && o.members().get("name") instanceof JsonString n) {
        keys.value(path).ifPresent(p -> rules.putIfAbsent("feature:" + n.value(), p));
        for (String k : o.members().keySet()) {
          keys.key(Json.childPath(path, k)).ifPresent(p -> rules.putIfAbsent("feature:" + n.value() + "." + k, p));
        }
      }
    }
    return keys.withRules(rules);
  }

  private Feature feature(JsonValue v, String path) {
    JsonObject o = object(v, path);
    if (o == null) {
      return null;
    }
    String name = string(o, path, "name", true);
    Feature.Type type = Feature.Type.STRING;
    String t = string(o, path, "type", false);
    if (t != null) {
      Optional<Feature.Type> parsed = Feature.Type.fromYaml(t);
      if (parsed.isEmpty()) {
        List<String> known = new ArrayList<>();
        for (Feature.Type k : Feature.Type.values()) {
          known.add(k.yamlName());
        }
        add(path + ".type", "unknown type \"" + t + "\"", Hints.didYouMean(t, known));
      } else {
        type = parsed.get();
      }
    }
    boolean required = bool(o, path, "required", true);
    boolean nullable = bool(o, path, "nullable", true);
    OptionalDouble maxMissing = rate(o, path, "maxMissing");
    if (!nullable) {
      if (maxMissing.isPresent() && maxMissing.getAsDouble() > 0) {
        add(path + ".nullable", "nullable: false contradicts maxMissing: " + maxMissing.getAsDouble(),
            "keep one of them: nullable: false means maxMissing: 0");
      }
      maxMissing = OptionalDouble.of(0.0);
    }
    Optional<Feature.Range> range = Optional.empty();
    JsonArray ra = array(o, path, "range", false);
    if (ra != null) {
      double[] b = new double[2];
      boolean ok = ra.size() == 2;
      for (int i = 0; ok && i < 2; i++) {
        ok = ra.get(i) instanceof JsonNumber;
        if (ok) {
          b[i] = ((JsonNumber) ra.get(i)).value();
        }
      }
      if (!ok) {
        add(path + ".range", "range must be two numbers [min, max]", "e.g. range: [18, 120]");
      } else if (b[0] > b[1]) {
        add(path + ".range", "range minimum " + Json.number(((JsonNumber) ra.get(0))) + " exceeds its maximum "
            + Json.number(((JsonNumber) ra.get(1))), "write [min, max] with min <= max");
      } else {
        range = Optional.of(new Feature.Range(b[0], b[1]));
      }
    }
    Optional<String> unit = Optional.ofNullable(string(o, path, "unit", false));
    List<String> allowed = o.has("allowed") ? scalars(o, path, "allowed") : List.of();
    Optional<String> pattern = Optional.ofNullable(string(o, path, "pattern", false));
    boolean unique = bool(o, path, "unique", false);
    boolean phi = bool(o, path, "phi", false);
    boolean atInference = bool(o, path, "allowedAtInference", true);
    Feature.Availability availableAt = Feature.Availability.BEFORE_PREDICTION;
    String av = string(o, path, "availableAt", false);
    if (av != null) {
      if (av.equals("after_outcome")) {
        availableAt = Feature.Availability.AFTER_OUTCOME;
      } else if (!av.equals("before_prediction")) {
        add(path + ".availableAt", "availableAt must be before_prediction or after_outcome, found \"" + av + "\"",
            Hints.didYouMean(av, List.of("before_prediction", "after_outcome")));
      }
    }
    Optional<Feature.Drift> drift = Optional.empty();
    JsonObject d = object(o, path, "drift", false);
    if (d != null) {
      String dp = path + ".drift";
      String method = string(d, dp, "method", true);
      OptionalDouble max = number(d, dp, "max", true);
      OptionalLong bins = count(d, dp, "bins");
      DriftMethod m = null;
      if (method != null) {
        List<String> known = new ArrayList<>();
        for (DriftMethod k : DriftMethod.values()) {
          known.add(k.id());
        }
        m = DriftMethod.fromId(method).orElse(null);
        if (m == null) {
          add(dp + ".method", "unknown drift method \"" + method + "\"", Hints.didYouMean(method, known));
        }
      }
      if (max.isPresent() && max.getAsDouble() < 0) {
        add(dp + ".max", "drift max must be >= 0, found " + max.getAsDouble(), "");
      }
      if (bins.isPresent() && (bins.getAsLong() < 2 || bins.getAsLong() > 1000)) {
        add(dp + ".bins", "bins must be within [2, 1000], found " + bins.getAsLong(), "");
      }
      if (m != null && max.isPresent() && max.getAsDouble() >= 0 && (bins.isEmpty()
          || bins.getAsLong() >= 2 && bins.getAsLong() <= 1000)) {
        drift = Optional.of(new Feature.Drift(m, max.getAsDouble(),
            bins.isPresent() ? OptionalInt.of((int) bins.getAsLong()) : OptionalInt.empty()));
      }
    }
    Optional<Feature.MissingBy> by = Optional.empty();
    JsonObject mb = object(o, path, "maxMissingBy", false);
    if (mb != null) {
      String mp = path + ".maxMissingBy";
      List<String> columns = strings(mb, mp, "column");
      OptionalDouble max = rate(mb, mp, "max");
      if (columns.isEmpty() && !mb.has("column")) {
        add(mp, "maxMissingBy needs a column list, e.g. column: [site]", "");
      }
      if (max.isEmpty() && !mb.has("max")) {
        add(mp, "maxMissingBy needs max, the largest missing rate in any group", "e.g. max: 0.1");
      }
      if (!columns.isEmpty() && max.isPresent()) {
        by = Optional.of(new Feature.MissingBy(columns, max.getAsDouble()));
      }
    }
    List<String> missingValues = o.has("missingValues") ? scalars(o, path, "missingValues") : List.of();
    if (name == null || name.isEmpty()) {
      return null;
    }
    return new Feature(name, type, required, maxMissing, range, unit, allowed, pattern, unique, phi, atInference,
        availableAt, drift, by, missingValues);
  }

  // ---------------------------------------------------------------------------------------------------
  // typed access that reports instead of throwing

  private PolicyException failure() {
    List<Problem> sorted = new ArrayList<>(problems);
    Collections.sort(sorted);
    return new PolicyException(sorted);
  }

  private void add(String path, String message, String hint) {
    problems.add(doc.problem(path, message, hint));
  }

  private JsonObject object(JsonValue v, String path) {
    if (v instanceof JsonObject) {
      return (JsonObject) v;
    }
    add(path, "expected a mapping, found " + kind(v), "");
    return null;
  }

  private JsonValue member(JsonObject o, String path, String key, boolean required) {
    Optional<JsonValue> v = o.get(key);
    if (v.isEmpty()) {
      if (required) {
        add(path, "missing required key \"" + key + "\"", "");
      }
      return null;
    }
    return v.get();
  }

  private JsonObject object(JsonObject o, String path, String key, boolean required) {
    JsonValue v = member(o, path, key, required);
    return v == null ? null : object(v, Json.childPath(path, key));
  }

  private JsonArray array(JsonObject o, String path, String key, boolean required) {
    JsonValue v = member(o, path, key, required);
    if (v == null) {
      return null;
    }
    if (v instanceof JsonArray) {
      return (JsonArray) v;
    }
    add(Json.childPath(path, key), key + " must be a list, found " + kind(v), "");
    return null;
  }

  private String string(JsonObject o, String path, String key, boolean required) {
    JsonValue v = member(o, path, key, required);
    if (v == null) {
      return null;
    }
    if (v instanceof JsonString) {
      return ((JsonString) v).value();
    }
    add(Json.childPath(path, key), key + " must be a string, found " + kind(v), "");
    return null;
  }

  private String scalarText(JsonObject o, String path, String key, boolean required) {
    JsonValue v = member(o, path, key, required);
    if (v == null) {
      return null;
    }
    String s = scalar(v);
    if (s == null) {
      add(Json.childPath(path, key), key + " must be a string or a number, found " + kind(v), "");
    }
    return s;
  }

  private static String scalar(JsonValue v) {
    if (v instanceof JsonString) {
      return ((JsonString) v).value();
    }
    if (v instanceof JsonNumber) {
      return Json.number((JsonNumber) v);
    }
    if (v instanceof JsonBoolean) {
      return v.toString();
    }
    return null;
  }

  private boolean bool(JsonObject o, String path, String key, boolean dflt) {
    JsonValue v = member(o, path, key, false);
    if (v == null) {
      return dflt;
    }
    if (v instanceof JsonBoolean) {
      return ((JsonBoolean) v).value();
    }
    add(Json.childPath(path, key), key + " must be true or false, found " + kind(v), "");
    return dflt;
  }

  private OptionalDouble number(JsonObject o, String path, String key, boolean required) {
    JsonValue v = member(o, path, key, required);
    if (v == null) {
      return OptionalDouble.empty();
    }
    if (v instanceof JsonNumber) {
      return OptionalDouble.of(((JsonNumber) v).value());
    }
    add(Json.childPath(path, key), key + " must be a number, found " + kind(v), "");
    return OptionalDouble.empty();
  }

  private OptionalDouble rate(JsonObject o, String path, String key) {
    OptionalDouble r = number(o, path, key, false);
    if (r.isPresent() && !(r.getAsDouble() >= 0 && r.getAsDouble() <= 1)) {
      add(Json.childPath(path, key), key + " is a rate and must be within [0, 1], found " + r.getAsDouble(),
          "write 0.05 for 5%");
      return OptionalDouble.empty();
    }
    return r;
  }

  private OptionalLong count(JsonObject o, String path, String key) {
    JsonValue v = member(o, path, key, false);
    if (v == null) {
      return OptionalLong.empty();
    }
    if (v instanceof JsonNumber && ((JsonNumber) v).integral() && ((JsonNumber) v).value() >= 0) {
      return OptionalLong.of(((JsonNumber) v).longValue());
    }
    add(Json.childPath(path, key), key + " must be a whole number >= 0, found " + v, "");
    return OptionalLong.empty();
  }

  private List<String> strings(JsonObject o, String path, String key) {
    JsonArray a = array(o, path, key, false);
    if (a == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      if (a.get(i) instanceof JsonString) {
        out.add(((JsonString) a.get(i)).value());
      } else {
        add(Json.indexPath(Json.childPath(path, key), i), "expected a column name, found " + kind(a.get(i)), "");
      }
    }
    return out;
  }

  private List<String> scalars(JsonObject o, String path, String key) {
    JsonArray a = array(o, path, key, false);
    if (a == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      String s = scalar(a.get(i));
      if (s == null) {
        add(Json.indexPath(Json.childPath(path, key), i), "expected a string or a number, found " + kind(a.get(i)),
            "");
      } else {
        out.add(s);
      }
    }
    return out;
  }

  private static String kind(JsonValue v) {
    switch (v.kind()) {
      case OBJECT:
        return "a mapping";
      case ARRAY:
        return "a list";
      case STRING:
        return "a string";
      case NUMBER:
        return "a number";
      case BOOLEAN:
        return "a boolean";
      default:
        return "null";
    }
  }
}
