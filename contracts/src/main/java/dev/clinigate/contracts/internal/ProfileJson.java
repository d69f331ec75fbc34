package dev.clinigate.contracts.internal;

import dev.clinigate.InputException;
import dev.clinigate.Problem;
import dev.clinigate.contracts.ColumnProfile;
import dev.clinigate.contracts.DataContract;
import dev.clinigate.contracts.DataProfile;
import dev.clinigate.contracts.Feature;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonBoolean;
import dev.clinigate.json.JsonDocument;
import dev.clinigate.json.JsonNull;
import dev.clinigate.json.JsonNumber;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import dev.clinigate.json.JsonValue;
import dev.clinigate.metrics.DriftReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Reads a {@link DataProfile} from JSON written by {@link DataProfile#toJson()}, reporting every
 * problem at its {@code file:line:col} (the drift references' own problems included, located in the
 * profile file).
 */
public final class ProfileJson {
  private final JsonDocument doc;
  private final List<Problem> problems = new ArrayList<>();

  private ProfileJson(JsonDocument doc) {
    this.doc = doc;
  }

  /**
   * The profile in {@code doc}.
   *
   * @throws InputException listing every problem
   */
  public static DataProfile read(JsonDocument doc) {
    return new ProfileJson(doc).read();
  }

  private DataProfile read() {
    if (!(doc.root() instanceof JsonObject)) {
      throw new InputException(doc.problem("$", "a profile is a JSON object", "write it with clinigate profile"));
    }
    JsonObject root = (JsonObject) doc.root();
    String kind = string(root, "$", "kind");
    if (kind != null && !kind.equals(DataProfile.KIND)) {
      add("$.kind", "kind must be " + DataProfile.KIND + ", found another string", "write it with clinigate profile");
    }
    String api = string(root, "$", "apiVersion");
    if (api != null && !api.equals(DataContract.API_VERSION)) {
      add("$.apiVersion", "apiVersion must be " + DataContract.API_VERSION + ", found another string", "");
    }
    String source = string(root, "$", "source");
    long rows = count(root, "$", "rows");
    Optional<JsonObject> contract = Optional.empty();
    JsonValue c = root.get("contract").orElse(JsonNull.INSTANCE);
    if (c instanceof JsonObject) {
      contract = Optional.of((JsonObject) c);
    } else if (c != JsonNull.INSTANCE) {
      add("$.contract", "contract must be an object or null", "");
    }
    List<ColumnProfile> columns = new ArrayList<>();
    Map<String, DriftReference> references = new LinkedHashMap<>();
    JsonValue cols = member(root, "$", "columns");
    if (cols != null && !(cols instanceof JsonObject)) {
      add("$.columns", "columns must be an object", "");
    } else if (cols != null) {
      for (Map.Entry<String, JsonValue> e : ((JsonObject) cols).members().entrySet()) {
        column(e.getKey(), e.getValue(), Json.childPath("$.columns", e.getKey()), columns, references);
      }
    }
    if (!problems.isEmpty()) {
      throw new InputException(problems);
    }
    try {
      return new DataProfile(source, rows, contract, columns, references);
    } catch (IllegalArgumentException e) {
      throw new InputException(doc.problem("$.columns", e.getMessage(), ""));
    }
  }

  private void column(String name, JsonValue v, String path, List<ColumnProfile> columns,
      Map<String, DriftReference> references) {
    if (!(v instanceof JsonObject)) {
      add(path, "a column profile must be an object", "");
      return;
    }
    JsonObject o = (JsonObject) v;
    int before = problems.size();
    String typeName = string(o, path, "type");
    Optional<Feature.Type> type = Optional.empty();
    if (typeName != null && !typeName.equals("undeclared")) {
      type = Feature.Type.fromYaml(typeName);
      if (type.isEmpty()) {
        add(Json.childPath(path, "type"), "unknown type \"" + typeName + "\"", "");
      }
    }
    boolean phi = bool(o, path, "phi");
    long rows = count(o, path, "rows");
    long missing = count(o, path, "missing");
    long invalid = count(o, path, "invalid");
    long distinct = count(o, path, "distinct");
    boolean exact = bool(o, path, "distinct_exact");
    OptionalDouble min = value(o, path, "min", type);
    OptionalDouble max = value(o, path, "max", type);
    OptionalDouble mean = value(o, path, "mean", Optional.of(Feature.Type.NUMBER));
    JsonValue ref = o.get("reference").orElse(JsonNull.INSTANCE);
    if (problems.size() > before) {
      return;
    }
    try {
      columns.add(new ColumnProfile(name, type, phi, rows, missing, invalid, min, max, mean, distinct, exact,
          Optional.empty()));
    } catch (IllegalArgumentException e) {
      add(path, e.getMessage(), "");
      return;
    }
    if (ref != JsonNull.INSTANCE) {
      String prefix = Json.childPath(path, "reference");
      Map<String, int[]> locations = new HashMap<>();
      doc.locations().forEach((k, at) -> {
        if (k.equals(prefix) || k.startsWith(prefix + ".") || k.startsWith(prefix + "[")) {
          locations.put("$" + k.substring(prefix.length()), at);
        }
      });
      try {
        references.put(name, DriftReference.fromJson(new JsonDocument(ref, doc.source(), doc.text(), locations)));
      } catch (InputException e) {
        problems.addAll(e.problems());
      }
    }
  }

  private OptionalDouble value(JsonObject o, String path, String key, Optional<Feature.Type> type) {
    JsonValue v = o.get(key).orElse(JsonNull.INSTANCE);
    if (v == JsonNull.INSTANCE) {
      return OptionalDouble.empty();
    }
    Feature.Type t = type.orElse(Feature.Type.NUMBER);
    if ((t == Feature.Type.DATE || t == Feature.Type.TIMESTAMP) && v instanceof JsonString) {
      String s = ((JsonString) v).value();
      long parsed = t == Feature.Type.DATE ? Values.parseDate(s) : Values.parseTimestamp(s);
      if (parsed != Values.INVALID) {
        return OptionalDouble.of(parsed);
      }
    } else if (v instanceof JsonNumber) {
      return OptionalDouble.of(((JsonNumber) v).value());
    }
    add(Json.childPath(path, key), key + " must be " + (t == Feature.Type.DATE || t == Feature.Type.TIMESTAMP
        ? "an ISO-8601 " + t.yamlName() : "a number") + " or null, found " + Json.describe(v), "");
    return OptionalDouble.empty();
  }

  private void add(String path, String message, String hint) {
    problems.add(doc.problem(path, message, hint));
  }

  private JsonValue member(JsonObject o, String path, String key) {
    Optional<JsonValue> v = o.get(key);
    if (v.isEmpty()) {
      add(path, "missing key \"" + key + "\"", "");
      return null;
    }
    return v.get();
  }

  private String string(JsonObject o, String path, String key) {
    JsonValue v = member(o, path, key);
    if (v == null) {
      return null;
    }
    if (v instanceof JsonString) {
      return ((JsonString) v).value();
    }
    add(Json.childPath(path, key), key + " must be a string", "");
    return null;
  }

  private boolean bool(JsonObject o, String path, String key) {
    JsonValue v = member(o, path, key);
    if (v instanceof JsonBoolean) {
      return ((JsonBoolean) v).value();
    }
    if (v != null) {
      add(Json.childPath(path, key), key + " must be true or false", "");
    }
    return false;
  }

  private long count(JsonObject o, String path, String key) {
    JsonValue v = member(o, path, key);
    if (v instanceof JsonNumber && ((JsonNumber) v).integral() && ((JsonNumber) v).value() >= 0) {
      return ((JsonNumber) v).longValue();
    }
    if (v != null) {
      add(Json.childPath(path, key), key + " must be a whole number >= 0", "");
    }
    return 0;
  }
}
