package dev.clinigate.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.clinigate.json.Json;
import dev.clinigate.json.JsonNumber;
import dev.clinigate.json.JsonValue;
import dev.clinigate.testkit.internal.JsonPointerPatch;
import org.junit.jupiter.api.Test;

class JsonPointerPatchTest {
  private static final JsonValue DOC = Json.parse("{\"a\":{\"b/c\":1,\"d~e\":2},\"xs\":[1,2]}", "t").root();

  private static String apply(String op, String path, long value) {
    return Json.compact(JsonPointerPatch.apply(DOC, op, path, JsonNumber.of(value)));
  }

  @Test
  void apply_escapedTokens_addressMembers() {
    assertEquals("{\"a\":{\"b/c\":9,\"d~e\":2},\"xs\":[1,2]}", apply("replace", "/a/b~1c", 9));
    assertEquals("{\"a\":{\"b/c\":1},\"xs\":[1,2]}", apply("remove", "/a/d~0e", 0));
  }

  @Test
  void apply_arrays_insertAppendReplaceRemove() {
    assertEquals("{\"a\":{\"b/c\":1,\"d~e\":2},\"xs\":[7,1,2]}", apply("add", "/xs/0", 7));
    assertEquals("{\"a\":{\"b/c\":1,\"d~e\":2},\"xs\":[1,2,7]}", apply("add", "/xs/-", 7));
    assertEquals("{\"a\":{\"b/c\":1,\"d~e\":2},\"xs\":[1,7]}", apply("replace", "/xs/1", 7));
    assertEquals("{\"a\":{\"b/c\":1,\"d~e\":2},\"xs\":[2]}", apply("remove", "/xs/0", 0));
  }

  @Test
  void apply_addNewMember_createsIt() {
    assertEquals("{\"a\":{\"b/c\":1,\"d~e\":2,\"z\":3},\"xs\":[1,2]}", apply("add", "/a/z", 3));
  }

  @Test
  void apply_replaceOfAbsentMemberOrIndex_isAnError() {
    assertEquals("/a/z does not exist in the evidence: /a has no member \"z\" (members: b/c, d~e)",
        assertThrows(JsonPointerPatch.PatchException.class, () -> apply("replace", "/a/z", 1)).getMessage());
    assertEquals("/xs/2 does not exist in the evidence: /xs has 2 elements",
        assertThrows(JsonPointerPatch.PatchException.class, () -> apply("replace", "/xs/2", 1)).getMessage());
    assertEquals("/a/b~1c/q does not exist in the evidence: /a/b~1c is a number, not an object or array",
        assertThrows(JsonPointerPatch.PatchException.class, () -> apply("add", "/a/b~1c/q", 1)).getMessage());
  }
}
