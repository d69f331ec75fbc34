package dev.clinigate.audit.internal;

import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Where two JSON values differ, path by path, in canonical order. */
public final class JsonDiff {
  private JsonDiff() {}

  /**
   * One difference; a side is {@code (absent)} when the member does not exist there.
   *
   * @param path JSON path
   * @param before canonical JSON on the left, or {@code (absent)}
   * @param after canonical JSON on the right, or {@code (absent)}
   */
  public record Difference(String path, String before, String after) {
    /** {@code $.rules[1].status: "PASS" -> "FAIL"}. */
    public String render() {
      return path + ": " + before + " -> " + after;
    }
  }

  /** Up to {@code limit} differences between {@code a} and {@code b}. */
  public static List<Difference> between(JsonValue a, JsonValue b, int limit) {
    List<Difference> out = new ArrayList<>();
    walk(a, b, "$", out, limit);
    return out;
  }

  private static void walk(JsonValue a, JsonValue b, String path, List<Difference> out, int limit) {
    if (out.size() >= limit || a.equals(b)) {
      return;
    }
    if (a instanceof JsonObject oa && b instanceof JsonObject ob) {
      TreeSet<String> keys = new TreeSet<>(oa.members().keySet());
      keys.addAll(ob.members().keySet());
      for (String k : keys) {
        String p = Json.childPath(path, k);
        JsonValue x = oa.members().get(k);
        JsonValue y = ob.members().get(k);
        if (x == null || y == null) {
          if (out.size() < limit) {
            out.add(new Difference(p, x == null ? "(absent)" : clip(x), y == null ? "(absent)" : clip(y)));
          }
        } else {
          walk(x, y, p, out, limit);
        }
      }
      return;
    }
    if (a instanceof JsonArray xa && b instanceof JsonArray xb && xa.size() == xb.size()) {
      for (int i = 0; i < xa.size(); i++) {
        walk(xa.get(i), xb.get(i), Json.indexPath(path, i), out, limit);
      }
      return;
    }
    out.add(new Difference(path, clip(a), clip(b)));
  }

  private static String clip(JsonValue v) {
    String s = Json.canonical(v);
    return s.length() <= 200 ? s : s.substring(0, 197) + "...";
  }
}
