package dev.clinigate.dsl.internal;

import dev.clinigate.ClinigateException;
import dev.clinigate.PolicyException;
import dev.clinigate.Problem;
import dev.clinigate.dsl.PolicyResolver;
import dev.clinigate.dsl.SchemaValidator;
import dev.clinigate.dsl.Yaml;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonDocument;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import dev.clinigate.json.JsonValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves {@code extends}: loads the base documents (each validated against the schema on its own, so
 * that its errors name its own lines) and merges them into one document.
 *
 * <p>Merge rules: {@code spec.gates} merge by {@code id} (a child gate replaces the base gate of the same
 * id in the base's position; new child gates are appended in child order); other mappings merge key by
 * key, recursively (the child's value wins); lists and scalars are replaced whole. The child's
 * {@code apiVersion}, {@code kind} and {@code metadata.name/version} identify the merged policy.
 * Chains are at most {@value #MAX_DEPTH} deep and may not cycle.
 */
final class PolicyMerger {
  /** The longest chain of {@code extends}. */
  static final int MAX_DEPTH = 5;

  /** A merged document and where each of its parts was written. */
  record Merged(JsonObject root, Locator locator) {}

  private final SchemaValidator schema;
  private final PolicyResolver resolver;
  private final List<Problem> problems;

  PolicyMerger(SchemaValidator schema, PolicyResolver resolver, List<Problem> problems) {
    this.schema = schema;
    this.resolver = resolver;
    this.problems = problems;
  }

  /**
   * The merged document of {@code doc} (validated already), or null when a base could not be loaded (the
   * problems say why).
   */
  Merged resolve(JsonDocument doc, List<String> chain) {
    JsonObject root = (JsonObject) doc.root();
    Locator self = new Locator(doc);
    JsonValue ext = root.members().get("extends");
    if (!(ext instanceof JsonString es)) {
      self.record("$", doc, "$", root);
      return new Merged(root, self);
    }
    List<String> here = new ArrayList<>(chain);
    here.add(doc.source());
    if (chain.size() >= MAX_DEPTH) {
      problems.add(doc.problem("$.extends", "extends is nested more than " + MAX_DEPTH + " levels deep ("
          + String.join(" -> ", here) + " -> " + es.value() + ")", "flatten the chain of base policies"));
      return null;
    }
    PolicyResolver.Source src;
    try {
      src = resolver.resolve(doc.source(), es.value());
    } catch (ClinigateException e) {
      Problem cause = e.problems().get(0);
      problems.add(doc.problem("$.extends", "cannot read \"" + es.value() + "\": " + cause.message(),
          cause.hint().isEmpty() ? "check the path; it is relative to this file" : cause.hint()));
      return null;
    }
    if (here.contains(src.name())) {
      problems.add(doc.problem("$.extends", "extends makes a cycle: " + String.join(" -> ", here) + " -> "
          + src.name(), "a base policy must not extend the policies that extend it"));
      return null;
    }
    // Until the base shows it is a policy, its problems carry no source line: a file that is not a policy
    // (a secret, a data file) must never be quoted in an error.
    JsonDocument baseDoc;
    try {
      baseDoc = Yaml.parse(src.text(), src.name());
    } catch (PolicyException e) {
      e.problems().forEach(p -> problems.add(unquoted(p)));
      return null;
    }
    if (!(baseDoc.root() instanceof JsonObject baseRoot)) {
      problems.add(unquoted(baseDoc.problem("$", "a base policy must be a mapping with apiVersion, kind and metadata",
          "start with: apiVersion: clinigate/v1")));
      return null;
    }
    if (!(baseRoot.members().get("kind") instanceof JsonString k) || !k.value().equals("PromotionPolicy")) {
      problems.add(unquoted(baseDoc.problem(baseRoot.has("kind") ? "$.kind" : "$", "a PromotionPolicy can only "
          + "extend a PromotionPolicy", "write kind: PromotionPolicy in the base")));
      return null;
    }
    int before = problems.size();
    problems.addAll(schema.validate(baseDoc));
    if (problems.size() > before) {
      return null;
    }
    Merged base = resolve(baseDoc, here);
    if (base == null) {
      return null;
    }
    return merge(base, doc);
  }

  private static Problem unquoted(Problem p) {
    return new Problem(p.source(), p.line(), p.column(), p.path(), p.message(), p.hint(), "");
  }

  private Merged merge(Merged base, JsonDocument childDoc) {
    JsonObject child = (JsonObject) childDoc.root();
    Locator loc = new Locator(childDoc);
    JsonObject root = mergeObject("$", base, child, childDoc, "$", loc, true);
    return new Merged(root, loc);
  }

  /** Merges two objects at {@code path}: base keys first in base order, then new child keys. */
  private JsonObject mergeObject(String path, Merged base, JsonObject child, JsonDocument childDoc, String basePath,
      Locator loc, boolean top) {
    JsonObject baseObj = (JsonObject) at(base.root(), basePath);
    Map<String, JsonValue> out = new LinkedHashMap<>();
    loc.copy(base.locator(), basePath, path);
    loc.record(path, childDoc, path, JsonObject.empty()); // the node itself: where the child wrote it
    for (Map.Entry<String, JsonValue> e : baseObj.members().entrySet()) {
      String key = e.getKey();
      String p = Json.childPath(path, key);
      if (top && key.equals("extends")) {
        continue;
      }
      JsonValue cv = child.members().get(key);
      if (cv == null) {
        out.put(key, e.getValue());
        loc.copy(base.locator(), Json.childPath(basePath, key), p);
        loc.copy(base.locator(), Json.childPath(basePath, key) + "#key", p + "#key");
        continue;
      }
      if (path.equals("$.spec") && key.equals("gates") && e.getValue() instanceof JsonArray bg
          && cv instanceof JsonArray cg) {
        out.put(key, mergeGates(p, base, bg, Json.childPath(basePath, key), cg, childDoc, loc));
        loc.record(p + "#key", childDoc, p + "#key", cv);
        continue;
      }
      if (e.getValue() instanceof JsonObject && cv instanceof JsonObject co) {
        out.put(key, mergeObject(p, base, co, childDoc, Json.childPath(basePath, key), loc, false));
        loc.record(p + "#key", childDoc, p + "#key", JsonObject.empty());
        continue;
      }
      out.put(key, cv);
      loc.record(p, childDoc, p, cv);
      loc.record(p + "#key", childDoc, p + "#key", JsonObject.empty());
    }
    for (Map.Entry<String, JsonValue> e : child.members().entrySet()) {
      String key = e.getKey();
      if (out.containsKey(key) || (top && key.equals("extends"))) {
        continue;
      }
      String p = Json.childPath(path, key);
      out.put(key, e.getValue());
      loc.record(p, childDoc, p, e.getValue());
      loc.record(p + "#key", childDoc, p + "#key", JsonObject.empty());
    }
    return new JsonObject(out);
  }

  /** Merges gate lists by id; reports duplicate ids within the child (its own file's lines). */
  private JsonArray mergeGates(String path, Merged base, JsonArray baseGates, String basePath, JsonArray childGates,
      JsonDocument childDoc, Locator loc) {
    Map<String, Integer> childById = new HashMap<>();
    for (int i = 0; i < childGates.size(); i++) {
      String id = id(childGates.get(i));
      if (id == null) {
        continue;
      }
      Integer first = childById.putIfAbsent(id, i);
      if (first != null) {
        int[] at = childDoc.locations().get(Json.childPath(Json.indexPath(path, first), "id"));
        problems.add(childDoc.problem(Json.childPath(Json.indexPath(path, i), "id"), "duplicate gate id \"" + id + "\"",
            "ids must be unique; the first \"" + id + "\" is at line " + (at == null ? "?" : at[0])));
      }
    }
    List<JsonValue> out = new ArrayList<>();
    List<Integer> used = new ArrayList<>();
    for (int j = 0; j < baseGates.size(); j++) {
      String id = id(baseGates.get(j));
      Integer ci = id == null ? null : childById.get(id);
      String mp = Json.indexPath(path, out.size());
      if (ci != null) {
        out.add(childGates.get(ci));
        used.add(ci);
        loc.record(mp, childDoc, Json.indexPath(path, ci), childGates.get(ci));
      } else {
        out.add(baseGates.get(j));
        loc.copy(base.locator(), Json.indexPath(basePath, j), mp);
      }
    }
    for (int i = 0; i < childGates.size(); i++) {
      String id = id(childGates.get(i));
      if (used.contains(i) || (id != null && childById.get(id) != i)) {
        continue;
      }
      String mp = Json.indexPath(path, out.size());
      out.add(childGates.get(i));
      loc.record(mp, childDoc, Json.indexPath(path, i), childGates.get(i));
    }
    return new JsonArray(out);
  }

  private static String id(JsonValue gate) {
    return gate instanceof JsonObject o && o.members().get("id") instanceof JsonString s ? s.value() : null;
  }

  /** The value at a path made only of object steps ({@code $.spec.approvals}). */
  private static JsonValue at(JsonObject root, String path) {
    JsonValue node = root;
    if (path.equals("$")) {
      return node;
    }
    for (String step : path.substring(2).split("\\.")) {
      node = ((JsonObject) node).members().get(step);
    }
    return node;
  }
}
