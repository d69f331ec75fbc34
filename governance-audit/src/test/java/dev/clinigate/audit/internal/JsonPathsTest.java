package dev.clinigate.audit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.clinigate.json.Json;
import dev.clinigate.json.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonPathsTest {
  private static final JsonValue DOC = Json.parse("{\"b\":{\"x y\":1,\"a\":[10,{\"k\":\"v\"}]},\"a\":2}", "t").root();

  @Test
  void select_wildcardsAndQuotedNames_concretePathsInCanonicalOrder() {
    Map<String, JsonValue> all = JsonPaths.select(DOC, JsonPaths.parse("$.b.*"));
    assertEquals(List.of("$.b.a", "$.b['x y']"), List.copyOf(all.keySet()));
    assertEquals(List.of("$.b.a[0]", "$.b.a[1]"), List.copyOf(JsonPaths.select(DOC, JsonPaths.parse("$.b.a[*]")).keySet()));
    assertEquals("1", JsonPaths.get(DOC, "$.b['x y']").orElseThrow().toString());
    assertEquals("\"v\"", JsonPaths.get(DOC, "$.b.a[1].k").orElseThrow().toString());
    assertEquals(Optional.empty(), JsonPaths.get(DOC, "$.b.a[7]"));
  }

  @Test
  void remove_memberAndElement_neighboursKeepTheirIndex() {
    assertEquals("{\"a\":2,\"b\":{\"a\":[10,{\"k\":\"v\"}]}}", Json.canonical(JsonPaths.remove(DOC, "$.b['x y']")));
    assertEquals("{\"a\":2,\"b\":{\"a\":[null,{\"k\":\"v\"}],\"x y\":1}}", Json.canonical(JsonPaths.remove(DOC, "$.b.a[0]")));
    assertEquals(Json.canonical(DOC), Json.canonical(JsonPaths.remove(DOC, "$.nothing.here")));
  }

  @Test
  void parse_badPaths_positionedMessages() {
    assertEquals("invalid JSON path \"$.a[x]\" at position 4: an index is a non-negative integer, '*' or a quoted name",
        assertThrows(IllegalArgumentException.class, () -> JsonPaths.parse("$.a[x]")).getMessage());
    assertEquals("invalid JSON path \"$..a\" at position 2: a name is expected after '.'",
        assertThrows(IllegalArgumentException.class, () -> JsonPaths.parse("$..a")).getMessage());
    assertEquals("invalid JSON path \"$.a['b\" at position 4: a quoted name is closed with ']",
        assertThrows(IllegalArgumentException.class, () -> JsonPaths.parse("$.a['b")).getMessage());
  }

  @Test
  void shape_replacesIndices() {
    assertEquals("$.rules[*].subject", JsonPaths.shape("$.rules[12].subject"));
  }
}
