package dev.clinigate.metrics.internal.drift;

import dev.clinigate.InputException;
import dev.clinigate.Problem;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonDocument;
import dev.clinigate.json.JsonNumber;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import dev.clinigate.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads typed fields of a saved drift reference, collecting every problem with its location
 * ({@code file:line:col} when the JSON came from text) before reporting them together.
 */
public final class JsonFields {
  private final JsonDocument doc;
  private final List<Problem> problems = new ArrayList<>();

  /** A reader over a document. */
  public JsonFields(JsonDocument doc) {
    this.doc = doc;
  }

  /** Records a problem about the value at a JSON path. */
  public void problem(String path, String message, String hint) {
    problems.add(doc.problem(path, message, hint));
  }

  /** Throws an {@link InputException} with every problem recorded so far, if any. */
  public void throwIfProblems() {
    if (!problems.isEmpty()) {
      throw new InputException(problems);
    }
  }

  /** The value as an object, or null after recording a problem. */
  public JsonObject object(JsonValue v, String path) {
    if (v instanceof JsonObject o) {
      return o;
    }
    problem(path, "expected a JSON object, found " + kind(v), "a drift reference is the object that toJson() wrote");
    return null;
  }

  /** A required member. */
  public JsonValue member(JsonObject o, String path, String key) {
    JsonValue v = o.get(key).orElse(null);
    if (v == null) {
      problem(path, "missing key \"" + key + "\"", "a drift reference is the object that toJson() wrote");
    }
    return v;
  }

  /** A required string member, or null after recording a problem. */
  public String string(JsonObject o, String path, String key) {
    JsonValue v = member(o, path, key);
    if (v == null) {
      return null;
    }
    if (v instanceof JsonString s) {
      return s.value();
    }
    problem(Json.childPath(path, key), "\"" + key + "\" must be a string, found " + kind(v), "");
    return null;
  }

  /** A required integer member within [min, max], or {@code min - 1} after recording a problem. */
  public long integer(JsonObject o, String path, String key, long min, long max) {
    JsonValue v = member(o, path, key);
    if (v == null) {
      return min - 1;
    }
    String at = Json.childPath(path, key);
    if (!(v instanceof JsonNumber n) || n.value() != Math.rint(n.value())) {
      problem(at, "\"" + key + "\" must be an integer, found " + Json.describe(v), "");
      return min - 1;
    }
    double d = n.value();
    if (d < min || d > max) {
      problem(at, "\"" + key + "\" must be within [" + min + ", " + max + "], found " + Json.describe(v), "");
      return min - 1;
    }
    return (long) d;
  }

  /** An array member, or null after recording a problem. */
  public JsonArray array(JsonObject o, String path, String key) {
    JsonValue v = member(o, path, key);
    if (v == null) {
      return null;
    }
    if (v instanceof JsonArray a) {
      return a;
    }
    problem(Json.childPath(path, key), "\"" + key + "\" must be an array, found " + kind(v), "");
    return null;
  }

  /**
   * An array of numbers; {@code nulls} allows null elements (returned as NaN). Null after recording
   * a problem.
   */
  public double[] doubles(JsonObject o, String path, String key, boolean nulls) {
    JsonArray a = array(o, path, key);
    if (a == null) {
      return null;
    }
    String at = Json.childPath(path, key);
    double[] out = new double[a.size()];
    for (int i = 0; i < out.length; i++) {
      JsonValue e = a.get(i);
      if (e instanceof JsonNumber n) {
        out[i] = n.value();
      } else if (nulls && e.kind() == JsonValue.Kind.NULL) {
        out[i] = Double.NaN;
      } else {
        problem(Json.indexPath(at, i), "expected a number, found " + kind(e), "");
        return null;
      }
    }
    return out;
  }

  /** An array of integers {@code >= min}, or null after recording a problem. */
  public long[] longs(JsonObject o, String path, String key, long min) {
    JsonArray a = array(o, path, key);
    if (a == null) {
      return null;
    }
    String at = Json.childPath(path, key);
    long[] out = new long[a.size()];
    for (int i = 0; i < out.length; i++) {
      JsonValue e = a.get(i);
      if (!(e instanceof JsonNumber n) || n.value() != Math.rint(n.value()) || n.value() < min
          || n.value() > 9007199254740992.0) {
        problem(Json.indexPath(at, i), "expected an integer >= " + min + ", found " + Json.describe(e), "");
        return null;
      }
      out[i] = (long) n.value();
    }
    return out;
  }

  /** An array of strings, or null after recording a problem. */
  public String[] strings(JsonObject o, String path, String key) {
    JsonArray a = array(o, path, key);
    if (a == null) {
      return null;
    }
    String at = Json.childPath(path, key);
    String[] out = new String[a.size()];
    for (int i = 0; i < out.length; i++) {
      if (a.get(i) instanceof JsonString s) {
        out[i] = s.value();
      } else {
        problem(Json.indexPath(at, i), "expected a string, found " + kind(a.get(i)), "");
        return null;
      }
    }
    return out;
  }

  private static String kind(JsonValue v) {
    return v == null ? "nothing" : v.kind().name().toLowerCase(java.util.Locale.ROOT);
  }
}
