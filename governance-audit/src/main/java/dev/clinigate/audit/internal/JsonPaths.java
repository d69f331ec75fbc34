package dev.clinigate.audit.internal;

import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonNull;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A small JSON path dialect, the one clinigate's error messages already print: {@code $}, then steps
 * {@code .name}, {@code ['any name']}, {@code [3]}, and the wildcards {@code .*} (every member) and
 * {@code [*]} (every element). No filters, no recursion: masks and exclusions name places, not queries.
 *
 * <p>Concrete paths are rendered with {@link Json#childPath} and {@link Json#indexPath}, so a path that
 * {@link #select} returns can be fed back to {@link #parse} and names the same value.
 */
public final class JsonPaths {
  private JsonPaths() {}

  /** One step of a path. */
  public record Step(Type type, String key, int index) {
    /** Step kinds. */
    public enum Type { KEY, INDEX, ANY_KEY, ANY_INDEX }

    /** Validates. */
    public Step {
      Objects.requireNonNull(type, "type");
      key = key == null ? "" : key;
    }
  }

  /**
   * Parses a path.
   *
   * @throws IllegalArgumentException naming the position of the first error
   */
  public static List<Step> parse(String path) {
    Objects.requireNonNull(path, "path");
    if (!path.startsWith("$")) {
      throw bad(path, 0, "a path starts with '$'");
    }
    List<Step> steps = new ArrayList<>();
    int i = 1;
    while (i < path.length()) {
      char c = path.charAt(i);
      if (c == '.') {
        int start = i + 1;
        if (start < path.length() && path.charAt(start) == '*') {
          steps.add(new Step(Step.Type.ANY_KEY, "", -1));
          i = start + 1;
          continue;
        }
        int end = start;
        while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
          end++;
        }
        if (end == start) {
          throw bad(path, i, "a name is expected after '.'");
        }
        steps.add(new Step(Step.Type.KEY, path.substring(start, end), -1));
        i = end;
      } else if (c == '[') {
        if (path.startsWith("[*]", i)) {
          steps.add(new Step(Step.Type.ANY_INDEX, "", -1));
          i += 3;
        } else if (path.startsWith("['", i)) {
          StringBuilder key = new StringBuilder();
          int j = i + 2;
          boolean closed = false;
          while (j < path.length()) {
            char k = path.charAt(j);
            if (k == '\\' && j + 1 < path.length()) {
              key.append(path.charAt(j + 1));
              j += 2;
            } else if (k == '\'') {
              closed = true;
              j++;
              break;
            } else {
              key.append(k);
              j++;
            }
          }
          if (!closed || j >= path.length() || path.charAt(j) != ']') {
            throw bad(path, i, "a quoted name is closed with ']");
          }
          steps.add(new Step(Step.Type.KEY, key.toString(), -1));
          i = j + 1;
        } else {
          int end = path.indexOf(']', i);
          if (end < 0) {
            throw bad(path, i, "'[' without ']'");
          }
          String digits = path.substring(i + 1, end);
          if (!digits.matches("0|[1-9][0-9]{0,8}")) {
            throw bad(path, i, "an index is a non-negative integer, '*' or a quoted name");
          }
          steps.add(new Step(Step.Type.INDEX, "", Integer.parseInt(digits)));
          i = end + 1;
        }
      } else {
        throw bad(path, i, "'.' or '[' expected");
      }
    }
    return List.copyOf(steps);
  }

  private static IllegalArgumentException bad(String path, int at, String why) {
    return new IllegalArgumentException("invalid JSON path \"" + path + "\" at position " + (at + 1) + ": " + why);
  }

  /**
   * Every value the path selects, keyed by its concrete path, in document order (object members in
   * sorted key order, so the result does not depend on how the producer ordered its keys).
   */
  public static Map<String, JsonValue> select(JsonValue root, List<Step> steps) {
    Map<String, JsonValue> out = new LinkedHashMap<>();
    select(root, "$", steps, 0, out);
    return out;
  }

  private static void select(JsonValue v, String path, List<Step> steps, int at, Map<String, JsonValue> out) {
    if (at == steps.size()) {
      out.put(path, v);
      return;
    }
    Step s = steps.get(at);
    switch (s.type()) {
      case KEY -> {
        if (v instanceof JsonObject o) {
          o.get(s.key()).ifPresent(c -> select(c, Json.childPath(path, s.key()), steps, at + 1, out));
        }
      }
      case ANY_KEY -> {
        if (v instanceof JsonObject o) {
          for (String k : sortedKeys(o)) {
            select(o.members().get(k), Json.childPath(path, k), steps, at + 1, out);
          }
        }
      }
      case INDEX -> {
        if (v instanceof JsonArray a && s.index() < a.size()) {
          select(a.get(s.index()), Json.indexPath(path, s.index()), steps, at + 1, out);
        }
      }
      case ANY_INDEX -> {
        if (v instanceof JsonArray a) {
          for (int i = 0; i < a.size(); i++) {
            select(a.get(i), Json.indexPath(path, i), steps, at + 1, out);
          }
        }
      }
      default -> throw new IllegalStateException("unknown step " + s.type());
    }
  }

  /**
   * The value at a concrete path (no wildcards), if present.
   */
  public static Optional<JsonValue> get(JsonValue root, String concretePath) {
    Map<String, JsonValue> m = select(root, parse(concretePath));
    return m.values().stream().findFirst();
  }

  /**
   * A copy of {@code root} without the value at a concrete path: a member is removed from its object, an
   * array element is replaced by {@code null} (so the indices of its neighbours, which other paths may
   * name, do not shift). Returns {@code root} unchanged when nothing is there.
   */
  public static JsonValue remove(JsonValue root, String concretePath) {
    List<Step> steps = parse(concretePath);
    for (Step s : steps) {
      if (s.type() == Step.Type.ANY_KEY || s.type() == Step.Type.ANY_INDEX) {
        throw new IllegalArgumentException("remove needs a concrete path, found a wildcard in " + concretePath);
      }
    }
    if (steps.isEmpty()) {
      return JsonNull.INSTANCE;
    }
    return remove(root, steps, 0);
  }

  private static JsonValue remove(JsonValue v, List<Step> steps, int at) {
    Step s = steps.get(at);
    boolean last = at == steps.size() - 1;
    if (s.type() == Step.Type.KEY && v instanceof JsonObject o && o.has(s.key())) {
      LinkedHashMap<String, JsonValue> m = new LinkedHashMap<>(o.members());
      if (last) {
        m.remove(s.key());
      } else {
        m.put(s.key(), remove(m.get(s.key()), steps, at + 1));
      }
      return new JsonObject(m);
    }
    if (s.type() == Step.Type.INDEX && v instanceof JsonArray a && s.index() < a.size()) {
      List<JsonValue> l = new ArrayList<>(a.elements());
      l.set(s.index(), last ? JsonNull.INSTANCE : remove(l.get(s.index()), steps, at + 1));
      return new JsonArray(l);
    }
    return v;
  }

  /**
   * The path with every array index replaced by {@code [*]}: the shape of a place, for allow lists.
   */
  public static String shape(String concretePath) {
    return concretePath.replaceAll("\\[[0-9]+\\]", "[*]");
  }

  /** The keys of an object in sorted order (the canonical order). */
  public static List<String> sortedKeys(JsonObject o) {
    List<String> keys = new ArrayList<>(o.members().keySet());
    keys.sort(null);
    return keys;
  }
}
