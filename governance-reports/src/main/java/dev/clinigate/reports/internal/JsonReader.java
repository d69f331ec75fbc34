package dev.clinigate.reports.internal;

import dev.clinigate.EvidenceException;
import dev.clinigate.InputException;
import dev.clinigate.Problem;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonDocument;
import dev.clinigate.json.JsonNumber;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import dev.clinigate.json.JsonValue;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Typed, checked reads from one input document (evidence, decision or contract result). A value of the
 * wrong type where the report needs it is an error naming the source, line, column and JSON path, never the
 * value (it may be a patient identifier); an absent or null value is simply absent.
 */
public final class JsonReader {
  private final String source;
  private final JsonDocument doc;
  private final boolean evidence;

  /**
   * A reader of {@code doc} (its locations name problems; its text is never quoted); {@code evidence} says
   * whether problems are {@link EvidenceException}s or {@link InputException}s.
   */
  public JsonReader(JsonDocument doc, boolean evidence) {
    this.doc = doc.asData();
    this.source = doc.source();
    this.evidence = evidence;
  }

  /** The document's root object. */
  public JsonObject root(String what) {
    if (doc.root() instanceof JsonObject o) {
      return o;
    }
    throw fail("$", what + " must be a JSON object, found " + Json.describe(doc.root()), "give the file "
        + "clinigate wrote");
  }

  /** The exception for a problem at {@code path}. */
  public RuntimeException fail(String path, String message, String hint) {
    Problem p = doc.problem(path, message, hint);
    return evidence ? new EvidenceException(p) : new InputException(p);
  }

  /** A member that must be an object when present. */
  public Optional<JsonObject> object(JsonObject parent, String parentPath, String key) {
    JsonValue v = parent.get(key).orElse(null);
    if (v == null || v.kind() == JsonValue.Kind.NULL) {
      return Optional.empty();
    }
    if (v instanceof JsonObject o) {
      return Optional.of(o);
    }
    throw fail(Json.childPath(parentPath, key), key + " must be an object, found " + Json.describe(v), "see docs/reports.md");
  }

  /** A member that must be an array when present. */
  public Optional<List<JsonValue>> array(JsonObject parent, String parentPath, String key) {
    JsonValue v = parent.get(key).orElse(null);
    if (v == null || v.kind() == JsonValue.Kind.NULL) {
      return Optional.empty();
    }
    if (v instanceof JsonArray a) {
      return Optional.of(a.elements());
    }
    throw fail(Json.childPath(parentPath, key), key + " must be an array, found " + Json.describe(v), "see docs/reports.md");
  }

  /** A member that must be a string when present. */
  public Optional<String> string(JsonObject parent, String parentPath, String key) {
    JsonValue v = parent.get(key).orElse(null);
    if (v == null || v.kind() == JsonValue.Kind.NULL) {
      return Optional.empty();
    }
    if (v instanceof JsonString s) {
      return Optional.of(s.value());
    }
    throw fail(Json.childPath(parentPath, key), key + " must be a string, found " + Json.describe(v), "see docs/reports.md");
  }

  /** A member read for display: a string, a number or a boolean as text; absent otherwise. */
  public static Optional<String> text(JsonObject parent, String key) {
    JsonValue v = parent.get(key).orElse(null);
    if (v instanceof JsonString s) {
      return Optional.of(s.value());
    }
    if (v instanceof JsonNumber || v != null && v.kind() == JsonValue.Kind.BOOLEAN) {
      return Optional.of(Json.compact(v));
    }
    return Optional.empty();
  }

  /** A member that must be a finite number when present (null and absent are empty). */
  public OptionalDouble number(JsonObject parent, String parentPath, String key) {
    JsonValue v = parent.get(key).orElse(null);
    if (v == null || v.kind() == JsonValue.Kind.NULL) {
      return OptionalDouble.empty();
    }
    if (v instanceof JsonNumber n && Double.isFinite(n.value())) {
      return OptionalDouble.of(n.value());
    }
    throw fail(Json.childPath(parentPath, key), key + " must be a number, found " + Json.describe(v), "see docs/reports.md");
  }

  /** A number that must be present where the report needs it. */
  public double requiredNumber(JsonObject parent, String parentPath, String key, double min, double max) {
    OptionalDouble v = number(parent, parentPath, key);
    String path = Json.childPath(parentPath, key);
    if (v.isEmpty()) {
      throw fail(path, key + " must be a number within [" + plain(min) + ", " + plain(max) + "], found nothing",
          "see docs/reports.md");
    }
    double d = v.getAsDouble();
    if (d < min || d > max) {
      throw fail(path, key + " must be a number within [" + plain(min) + ", " + plain(max) + "], found " + Json.number(d),
          "see docs/reports.md");
    }
    return d;
  }

  /**
   * An array element that must be an array of {@code size} numbers each within [{@code min}, {@code max}].
   */
  public double[] tuple(JsonValue v, String path, int size, double min, double max, String what) {
    if (v instanceof JsonArray a && a.elements().size() == size) {
      double[] out = new double[size];
      for (int i = 0; i < size; i++) {
        if (!(a.elements().get(i) instanceof JsonNumber n) || !Double.isFinite(n.value()) || n.value() < min
            || n.value() > max) {
          throw fail(Json.indexPath(path, i), what + " must hold numbers within [" + plain(min) + ", " + plain(max)
              + "]", "give the curves clinigate metrics computes");
        }
        out[i] = n.value();
      }
      return out;
    }
    throw fail(path, what + " must be an array of " + size + " numbers, found " + Json.describe(v),
        "give the curves clinigate metrics computes");
  }

  /** An element that must be an object. */
  public JsonObject element(JsonValue v, String path, String what) {
    if (v instanceof JsonObject o) {
      return o;
    }
    throw fail(path, what + " must be an object, found " + Json.describe(v), "see docs/reports.md");
  }

  /** An element that must be a whole number within [0, max]. */
  public long count(JsonValue v, String path, String what) {
    if (v instanceof JsonNumber n && n.value() >= 0 && n.value() <= 9.007199254740992E15
        && n.value() == Math.rint(n.value())) {
      return (long) n.value();
    }
    throw fail(path, what + " must be a whole number >= 0", "see docs/reports.md");
  }

  /** The source name problems carry. */
  public String source() {
    return source;
  }

  static String plain(double v) {
    if (v == Double.MAX_VALUE) {
      return "\u221e";
    }
    if (v == -Double.MAX_VALUE) {
      return "-\u221e";
    }
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Json.number(v);
  }
}
