package dev.clinigate.testkit.internal;

import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code add}, {@code replace} and {@code remove} operations of JSON Patch (RFC 6902) with RFC 6901
 * pointers, on clinigate's immutable JSON tree.
 *
 * <p>Design note: a patch that names a path that is not there is an error, never a silent no-op: a case
 * that "sets ECE for site=south" when the evidence has no site=south would otherwise pass for the wrong
 * reason. {@code add} may create the last member of an existing object (or append with {@code -}); every
 * parent must exist.
 */
public final class JsonPointerPatch {
  private JsonPointerPatch() {}

  /** Thrown with a one-sentence reason when a patch cannot be applied. */
  public static final class PatchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PatchException(String message) {
      super(message);
    }
  }

  /** Applies one operation to evidence and returns the new tree. */
  public static JsonValue apply(JsonValue root, String op, String pointer, JsonValue value) {
    return apply(root, op, pointer, value, "evidence");
  }

  /**
   * Applies one operation and returns the new tree; {@code what} names the document in messages
   * ({@code evidence}, {@code window list}, {@code inference}).
   */
  public static JsonValue apply(JsonValue root, String op, String pointer, JsonValue value, String what) {
    List<String> tokens = parse(pointer);
    if (tokens.isEmpty()) {
      if (op.equals("remove")) {
        throw new PatchException("cannot remove the whole " + what);
      }
      return value;
    }
    return new Patcher(what).apply(root, tokens, 0, op, value, pointer);
  }

  static List<String> parse(String pointer) {
    if (pointer.isEmpty()) {
      return List.of();
    }
    if (!pointer.startsWith("/")) {
      throw new PatchException("a JSON pointer starts with /, found \"" + pointer + "\"");
    }
    List<String> out = new ArrayList<>();
    for (String t : pointer.substring(1).split("/", -1)) {
      out.add(t.replace("~1", "/").replace("~0", "~"));
    }
    return out;
  }

  /** One patch application; {@code what} names the document in messages. */
  private record Patcher(String what) {
    JsonValue apply(JsonValue node, List<String> tokens, int i, String op, JsonValue value,
        String pointer) {
      String token = tokens.get(i);
      boolean last = i == tokens.size() - 1;
      String here = prefix(tokens, i);
      if (node instanceof JsonObject o) {
        Map<String, JsonValue> m = new LinkedHashMap<>(o.members());
        if (last) {
          switch (op) {
            case "add" -> m.put(token, value);
            case "replace" -> {
              requireMember(o, token, here, pointer);
              m.put(token, value);
            }
            case "remove" -> {
              requireMember(o, token, here, pointer);
              m.remove(token);
            }
            default -> throw new PatchException("unknown op \"" + op + "\"");
          }
        } else {
          requireMember(o, token, here, pointer);
          m.put(token, apply(o.members().get(token), tokens, i + 1, op, value, pointer));
        }
        return new JsonObject(m);
      }
      if (node instanceof JsonArray a) {
        List<JsonValue> l = new ArrayList<>(a.elements());
        if (last && op.equals("add") && token.equals("-")) {
          l.add(value);
          return new JsonArray(l);
        }
        int index = index(token, a.size() + (last && op.equals("add") ? 1 : 0), here, pointer);
        if (last) {
          switch (op) {
            case "add" -> l.add(index, value);
            case "replace" -> l.set(index, value);
            case "remove" -> l.remove(index);
            default -> throw new PatchException("unknown op \"" + op + "\"");
          }
        } else {
          l.set(index, apply(a.get(index), tokens, i + 1, op, value, pointer));
        }
        return new JsonArray(l);
      }
      throw new PatchException(pointer + " does not exist in the " + what + ": " + (here.isEmpty() ? "the root" : here)
          + " is a " + kind(node) + ", not an object or array");
    }

    void requireMember(JsonObject o, String token, String here, String pointer) {
      if (!o.has(token)) {
        String where = here.isEmpty() ? "the " + what : here;
        throw new PatchException(pointer + " does not exist in the " + what + ": " + where + " has no member \"" + token
            + "\" (members: " + String.join(", ", o.members().keySet()) + ")");
      }
    }

    int index(String token, int size, String here, String pointer) {
      if (!token.matches("0|[1-9][0-9]{0,8}")) {
        throw new PatchException(pointer + ": \"" + token + "\" is not an array index");
      }
      int index = Integer.parseInt(token);
      if (index >= size) {
        String where = here.isEmpty() ? "the " + what : here;
        throw new PatchException(pointer + " does not exist in the " + what + ": " + where
            + " has " + size + " elements");
      }
      return index;
    }
  }

  private static String prefix(List<String> tokens, int i) {
    StringBuilder b = new StringBuilder();
    for (int k = 0; k < i; k++) {
      b.append('/').append(tokens.get(k).replace("~", "~0").replace("/", "~1"));
    }
    return b.toString();
  }

  private static String kind(JsonValue v) {
    return v.kind().name().toLowerCase(java.util.Locale.ROOT);
  }
}
