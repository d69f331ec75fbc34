package dev.clinigate.dsl.internal;

import dev.clinigate.SourceMap;
import dev.clinigate.SourcePosition;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonDocument;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import dev.clinigate.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the {@link SourceMap} of a compiled policy from the positions the YAML parser recorded: every key and value
 * of the (merged) document, located in the file it was written in (a base file for what {@code extends} brought
 * in), and every rule by the id its results carry.
 */
public final class SourceMapper {
  private final Locator loc;
  private final Map<String, SourcePosition> rules = new LinkedHashMap<>();
  private final Map<String, SourcePosition> keys = new LinkedHashMap<>();
  private final Map<String, SourcePosition> values = new LinkedHashMap<>();

  private SourceMapper(Locator loc, JsonValue root) {
    this.loc = loc;
    walk("$", root);
  }

  /** Keys and values of a document without {@code extends} (e.g. a data contract), no rules. */
  public static SourceMap document(JsonDocument doc) {
    SourceMapper m = new SourceMapper(new Locator(doc), doc.root());
    return m.build();
  }

  /**
   * A promotion policy: gates at their entry in {@code spec.gates} (by id), {@code stage} at
   * {@code spec.transition}, {@code requires.<key>} at its key, {@code approval:<role>} at the role in
   * {@code spec.approvals.roles}, {@code approval} and {@code approvals} at {@code spec.approvals}, {@code waiver}
   * at {@code spec.waivers}, {@code expectedGroups} at its key.
   */
  static SourceMap promotion(JsonObject merged, Locator loc) {
    SourceMapper m = new SourceMapper(loc, merged);
    m.entries("$.spec.gates", merged, "");
    m.ruleAtKey("stage", "$.spec.transition");
    JsonValue requires = member(member(merged, "spec"), "requires");
    if (requires instanceof JsonObject r) {
      r.members().keySet().forEach(k -> m.ruleAtKey("requires." + k, "$.spec.requires." + k));
    }
    JsonValue roles = member(member(member(merged, "spec"), "approvals"), "roles");
    if (roles instanceof JsonArray a) {
      for (int i = 0; i < a.size(); i++) {
        if (a.get(i) instanceof JsonString s) {
          m.value(Json.indexPath("$.spec.approvals.roles", i)).ifPresent(p -> m.rules.putIfAbsent("approval:"
              + s.value(), p));
        }
      }
    }
    m.ruleAtKey("approvals", "$.spec.approvals");
    m.ruleAtKey("approval", "$.spec.approvals");
    m.ruleAtKey("waiver", "$.spec.waivers");
    m.ruleAtKey("expectedGroups", "$.spec.expectedGroups");
    return m.build();
  }

  /**
   * A rollback policy: triggers at their entry, probation triggers (ids {@code probation:<id>}) at theirs, and
   * {@code inconclusiveLimit}, {@code cooldown}, {@code probation} at their keys.
   */
  static SourceMap rollback(JsonDocument doc) {
    SourceMapper m = new SourceMapper(new Locator(doc), doc.root());
    m.entries("$.spec.triggers", doc.root(), "");
    m.entries("$.spec.probation.triggers", doc.root(), "probation:");
    for (String k : new String[] {"inconclusiveLimit", "cooldown", "probation", "minCases", "lastKnownGood"}) {
      m.ruleAtKey(k, "$.spec." + k);
    }
    return m.build();
  }

  /** A review policy: rules at their entry in {@code spec.rules}, {@code require:<field>} at the field. */
  static SourceMap review(JsonDocument doc) {
    SourceMapper m = new SourceMapper(new Locator(doc), doc.root());
    m.entries("$.spec.rules", doc.root(), "");
    for (String list : new String[] {"require", "requireWhenReviewed"}) {
      JsonValue fields = member(member(doc.root(), "spec"), list);
      if (fields instanceof JsonArray a) {
        for (int i = 0; i < a.size(); i++) {
          if (a.get(i) instanceof JsonString s) {
            m.value(Json.indexPath("$.spec." + list, i)).ifPresent(p -> m.rules.putIfAbsent(list + ":" + s.value(), p));
          }
        }
      }
    }
    m.ruleAtKey("default", "$.spec.default");
    return m.build();
  }

  private void entries(String listPath, JsonValue root, String prefix) {
    JsonValue list = root;
    for (String step : listPath.substring(2).split("\\.")) {
      list = member(list, step);
    }
    if (list instanceof JsonArray a) {
      for (int i = 0; i < a.size(); i++) {
        if (member(a.get(i), "id") instanceof JsonString id) {
          value(Json.indexPath(listPath, i)).ifPresent(p -> rules.putIfAbsent(prefix + id.value(), p));
        }
      }
    }
  }

  private void ruleAtKey(String id, String path) {
    SourcePosition p = keys.get(path);
    if (p != null) {
      rules.putIfAbsent(id, p);
    }
  }

  private Optional<SourcePosition> value(String path) {
    return Optional.ofNullable(values.get(path));
  }

  private void walk(String path, JsonValue v) {
    position(path).ifPresent(p -> values.put(path, p));
    if (v instanceof JsonObject o) {
      for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
        String child = Json.childPath(path, e.getKey());
        position(child + "#key").ifPresent(p -> keys.put(child, p));
        walk(child, e.getValue());
      }
    } else if (v instanceof JsonArray a) {
      for (int i = 0; i < a.size(); i++) {
        walk(Json.indexPath(path, i), a.get(i));
      }
    }
  }

  private Optional<SourcePosition> position(String path) {
    int[] at = loc.location(path);
    if (at == null || at[0] < 1 || at[1] < 1) {
      return Optional.empty();
    }
    return Optional.of(new SourcePosition(loc.document(path).source(), at[0], at[1]));
  }

  private SourceMap build() {
    return SourceMap.of(rules, keys, values);
  }

  private static JsonValue member(JsonValue v, String key) {
    return v instanceof JsonObject o ? o.members().get(key) : null;
  }
}
