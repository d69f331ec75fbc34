package dev.clinigate.dsl.internal;

import dev.clinigate.Problem;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonDocument;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonValue;
import java.util.HashMap;
import java.util.Map;

/**
 * Maps a path of a (possibly merged) policy document to where it was written: which file, which path in
 * it. A policy without {@code extends} maps every path to itself in its own file; a merged policy maps the
 * base's rules to the base file, so errors about them name the base file's lines.
 */
final class Locator {
  /** Where a value of the merged document came from. */
  record Origin(JsonDocument doc, String path) {}

  private final JsonDocument main;
  private final Map<String, Origin> origins = new HashMap<>();

  Locator(JsonDocument main) {
    this.main = main;
  }

  /** Records that the value at {@code mergedPath} (and everything under it) came from {@code doc} at {@code path}. */
  void record(String mergedPath, JsonDocument doc, String path, JsonValue v) {
    origins.put(mergedPath, new Origin(doc, path));
    if (v instanceof JsonObject o) {
      for (String k : o.members().keySet()) {
        String mc = dev.clinigate.json.Json.childPath(mergedPath, k);
        String oc = dev.clinigate.json.Json.childPath(path, k);
        origins.put(mc + "#key", new Origin(doc, oc + "#key"));
        record(mc, doc, oc, o.members().get(k));
      }
    } else if (v instanceof JsonArray a) {
      for (int i = 0; i < a.size(); i++) {
        record(dev.clinigate.json.Json.indexPath(mergedPath, i), doc, dev.clinigate.json.Json.indexPath(path, i), a.get(i));
      }
    }
  }

  /** Copies the origins under {@code fromPrefix} of another locator to {@code toPrefix} of this one. */
  void copy(Locator other, String fromPrefix, String toPrefix) {
    for (Map.Entry<String, Origin> e : other.origins.entrySet()) {
      String k = e.getKey();
      if (k.equals(fromPrefix) || (k.startsWith(fromPrefix) && isBoundary(k.charAt(fromPrefix.length())))) {
        origins.put(toPrefix + k.substring(fromPrefix.length()), e.getValue());
      }
    }
  }

  private static boolean isBoundary(char c) {
    return c == '.' || c == '[' || c == '#';
  }

  /** The origin of a path (the main document itself when nothing was recorded). */
  Origin origin(String path) {
    Origin o = origins.get(path);
    return o != null ? o : new Origin(main, path);
  }

  /** A problem located where the value at {@code path} was written. */
  Problem problem(String path, String message, String hint) {
    Origin o = origin(path);
    return o.doc().problem(o.path(), message, hint);
  }

  /** The {line, column} of the value at {@code path}, or null. */
  int[] location(String path) {
    Origin o = origin(path);
    return o.doc().locations().get(o.path());
  }

  /** The document the value at {@code path} was written in. */
  JsonDocument document(String path) {
    return origin(path).doc();
  }
}
