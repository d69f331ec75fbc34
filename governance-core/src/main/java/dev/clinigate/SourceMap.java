package dev.clinigate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the parts of a compiled policy were written, kept by the compiler so that tools (SARIF reports, editors)
 * can point at a rule without parsing the YAML again. A rule inherited through {@code extends} is located in its
 * base file. A policy built in Java has the {@link #empty() empty} map.
 *
 * <pre>{@code
 * PromotionPolicy p = PolicyYaml.loadPromotion(Path.of("policy.yaml"));
 * Optional<SourcePosition> at = p.sourceMap().rule("calibration");   // e.g. base.yaml:12:7
 * Optional<SourcePosition> key = p.sourceMap().key("$.spec.approvals");  // the key "approvals"
 * }</pre>
 *
 * <p>Rules are named by the ids of their results ({@code calibration}, {@code stage}, {@code requires.shadow},
 * {@code approval:compliance}, a rollback policy's trigger ids); keys and values by the JSON path of the compiled
 * (merged) document. Immutable and thread-safe.
 */
public final class SourceMap {
  private static final SourceMap EMPTY = new SourceMap(Map.of(), Map.of(), Map.of());

  private final Map<String, SourcePosition> rules;
  private final Map<String, SourcePosition> keys;
  private final Map<String, SourcePosition> values;

  private SourceMap(Map<String, SourcePosition> rules, Map<String, SourcePosition> keys,
      Map<String, SourcePosition> values) {
    this.rules = Collections.unmodifiableMap(new LinkedHashMap<>(rules));
    this.keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** The map of a policy with no source. */
  public static SourceMap empty() {
    return EMPTY;
  }

  /**
   * A source map.
   *
   * @param rules where each rule is written, by rule id (iteration order kept)
   * @param keys where each key is written, by the JSON path of its value ({@code $.spec.gates})
   * @param values where each value is written, by its JSON path ({@code $.spec.gates[0]})
   */
  public static SourceMap of(Map<String, SourcePosition> rules, Map<String, SourcePosition> keys,
      Map<String, SourcePosition> values) {
    Objects.requireNonNull(rules, "rules");
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(values, "values");
    return new SourceMap(rules, keys, values);
  }

  /**
   * Where the rule with this id is written (a gate's entry, a trigger's entry, the key that declares a check). A
   * result id of the form {@code kind:name} that is not located itself (e.g. {@code waiver:calibration}) is located
   * at its kind ({@code waiver}: the {@code waivers} key).
   */
  public Optional<SourcePosition> rule(String id) {
    SourcePosition p = rules.get(id);
    if (p == null && id.indexOf(':') > 0) {
      p = rules.get(id.substring(0, id.indexOf(':')));
    }
    return Optional.ofNullable(p);
  }

  /** This map with more rules located (added after the existing ones; an id already located keeps its position). */
  public SourceMap withRules(Map<String, SourcePosition> more) {
    Map<String, SourcePosition> all = new LinkedHashMap<>(rules);
    more.forEach(all::putIfAbsent);
    return new SourceMap(all, keys, values);
  }

  /** Where the key of the value at this JSON path is written, e.g. {@code $.spec.transition}. */
  public Optional<SourcePosition> key(String jsonPath) {
    return Optional.ofNullable(keys.get(jsonPath));
  }

  /** Where the value at this JSON path is written, e.g. {@code $.spec.gates[0]}. */
  public Optional<SourcePosition> value(String jsonPath) {
    return Optional.ofNullable(values.get(jsonPath));
  }

  /** Every located rule, by id, in policy order. */
  public Map<String, SourcePosition> rules() {
    return rules;
  }

  /** Whether nothing is located (a policy built in Java). */
  public boolean isEmpty() {
    return rules.isEmpty() && keys.isEmpty() && values.isEmpty();
  }

  @Override
  public String toString() {
    return "SourceMap" + rules;
  }
}
