package dev.clinigate.cli.report.internal;

import dev.clinigate.ClinigateException;
import dev.clinigate.Limits;
import dev.clinigate.SourceFiles;
import dev.clinigate.dsl.Yaml;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonDocument;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import dev.clinigate.json.JsonValue;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds where a rule is written in a policy or contract file, by re-parsing the YAML (which records the
 * line and column of every key and value) rather than widening the core model.
 *
 * <p>Gates are located at their entry in {@code spec.gates} (by id); the other checks of a promotion policy at
 * the key that declares them ({@code stage} at {@code spec.transition}, {@code requires.*} at the key under
 * {@code spec.requires}, {@code approval:<role>} at the role in {@code spec.approvals.roles},
 * {@code approvals} at {@code spec.approvals}). Contract rules are located at their feature in
 * {@code spec.features} (by name), or at their table-level key. Anything not found (for instance a gate
 * inherited through {@code extends}) is reported without a line: {@code {0, 0}}.
 */
public final class YamlLocator {
  private static final int[] UNKNOWN = {0, 0};
  private final Optional<JsonDocument> doc;

  private YamlLocator(Optional<JsonDocument> doc) {
    this.doc = doc;
  }

  /** Parses the file; a file that cannot be read or parsed locates nothing (its errors were reported elsewhere). */
  public static YamlLocator of(Path file) {
    try {
      String text = SourceFiles.besideFile(file).readText(file, Limits.defaults().maxPolicyBytes(), "maxPolicyBytes");
      return new YamlLocator(Optional.of(Yaml.parse(text, file.toString())));
    } catch (ClinigateException e) {
      return new YamlLocator(Optional.empty());
    }
  }

  /** {line, column} of a promotion policy's rule id. */
  public int[] policyRule(String id) {
    if (doc.isEmpty()) {
      return UNKNOWN;
    }
    Optional<Integer> gate = indexOf("gates", "id", id);
    if (gate.isPresent()) {
      return at("$.spec.gates[" + gate.get() + "]");
    }
    if (id.equals("stage")) {
      return key("$.spec.transition");
    }
    if (id.startsWith("requires.")) {
      return key("$.spec." + id);
    }
    if (id.startsWith("approval:")) {
      String role = id.substring("approval:".length());
      JsonValue roles = member(member(member(doc.get().root(), "spec"), "approvals"), "roles");
      if (roles instanceof JsonArray a) {
        for (int i = 0; i < a.size(); i++) {
          if (a.get(i) instanceof JsonString s && s.value().equals(role)) {
            return at("$.spec.approvals.roles[" + i + "]");
          }
        }
      }
      return key("$.spec.approvals");
    }
    if (id.equals("approvals")) {
      return key("$.spec.approvals");
    }
    if (id.startsWith("waiver:")) {
      return key("$.spec.waivers");
    }
    return UNKNOWN;
  }

  /**
   * {line, column} of a rollback policy's trigger id (triggers, then probation triggers), or of the policy
   * key behind the engine's own results ({@code inconclusive-limit}, ...).
   */
  public int[] rollbackTrigger(String id) {
    if (doc.isEmpty()) {
      return UNKNOWN;
    }
    Optional<Integer> t = indexOf("triggers", "id", id);
    if (t.isPresent()) {
      return at("$.spec.triggers[" + t.get() + "]");
    }
    JsonValue probation = member(member(member(doc.get().root(), "spec"), "probation"), "triggers");
    if (probation instanceof JsonArray a) {
      for (int i = 0; i < a.size(); i++) {
        if (member(a.get(i), "id") instanceof JsonString s && (s.value().equals(id) || id.endsWith(s.value()))) {
          return at("$.spec.probation.triggers[" + i + "]");
        }
      }
    }
    int[] k = key("$.spec." + id);
    return k[0] > 0 ? k : key("$.spec");
  }

  /** {line, column} of a contract rule about a column (or about the table when the column is empty). */
  public int[] contractRule(String ruleId, Optional<String> column) {
    if (doc.isEmpty()) {
      return UNKNOWN;
    }
    if (column.isPresent()) {
      Optional<Integer> f = indexOf("features", "name", column.get());
      if (f.isPresent()) {
        int[] k = key("$.spec.features[" + f.get() + "]." + ruleId);
        return k[0] > 0 ? k : at("$.spec.features[" + f.get() + "]");
      }
    }
    int[] k = key("$.spec." + ruleId);
    return k[0] > 0 ? k : key("$.spec");
  }

  private Optional<Integer> indexOf(String member, String field, String value) {
    JsonValue list = member(member(doc.get().root(), "spec"), member);
    if (list instanceof JsonArray a) {
      for (int i = 0; i < a.size(); i++) {
        if (member(a.get(i), field) instanceof JsonString s && s.value().equals(value)) {
          return Optional.of(i);
        }
      }
    }
    return Optional.empty();
  }

  private int[] key(String path) {
    int[] k = doc.get().locations().get(path + "#key");
    return k != null ? k.clone() : at(path);
  }

  private int[] at(String path) {
    int[] v = doc.get().locations().get(path);
    return v != null ? v.clone() : UNKNOWN;
  }

  private static JsonValue member(JsonValue v, String key) {
    return v instanceof JsonObject o ? o.get(key).orElse(null) : null;
  }
}
