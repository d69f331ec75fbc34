package dev.clinigate.json;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A JSON array.
 *
 * @param elements the elements, in order (copied; never null)
 */
public record JsonArray(List<JsonValue> elements) implements JsonValue {
  /** Copies the elements. */
  public JsonArray {
    elements = List.copyOf(elements);
  }

  /** An array of the given values. */
  public static JsonArray of(JsonValue... values) {
    return new JsonArray(List.of(values));
  }

  /** An array of strings. */
  public static JsonArray ofStrings(Collection<String> values) {
    List<JsonValue> list = new ArrayList<>(values.size());
    for (String v : values) {
      list.add(new JsonString(v));
    }
    return new JsonArray(list);
  }

  /** Number of elements. */
  public int size() {
    return elements.size();
  }

  /** Element {@code i}. */
  public JsonValue get(int i) {
    return elements.get(i);
  }

  @Override
  public Kind kind() {
    return Kind.ARRAY;
  }

  @Override
  public String toString() {
    return Json.compact(this);
  }
}
