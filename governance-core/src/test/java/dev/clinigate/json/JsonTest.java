package dev.clinigate.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.clinigate.EvidenceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonTest {
  @Test
  void canonical_sortsKeysAndDropsWhitespace() {
    JsonDocument d = Json.parse("{ \"b\" : [1, 2.5, true, null], \"a\": {\"z\": \"x\", \"y\": -0.0} }", "t");
    assertEquals("{\"a\":{\"y\":0.0,\"z\":\"x\"},\"b\":[1,2.5,true,null]}", Json.canonical(d.root()));
  }

  @Test
  void compact_keepsInsertionOrder() {
    JsonObject o = JsonObject.builder().put("z", 1).put("a", "é\n\u0001").build();
    assertEquals("{\"z\":1,\"a\":\"é\\n\\u0001\"}", Json.compact(o));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "0.146|0.146", "1e-5|1.0E-5", "7968|7968", "1E3|1000.0", "-0|0", "12345678901|12345678901",
      "0.1|0.1", "1.0|1.0"})
  void numbers_renderAsDoubleToStringOrInteger(String in, String out) {
    assertEquals(out, Json.canonical(Json.parse(in, "t").root()));
  }

  @Test
  void sha256_isOfTheCanonicalForm() {
    String a = Json.sha256(Json.parse("{\"a\":1,\"b\":2}", "t").root());
    String b = Json.sha256(Json.parse("{ \"b\":2, \"a\":1 }", "t").root());
    assertEquals(a, b);
    assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Json.sha256Hex(new byte[0]));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"a\": 1,}|t:1:9: trailing comma before '}'",
      "{\"a\": 1, \"a\": 2}|t:1:10: duplicate key",
      "{\"a\": NaN}|t:1:7: $.a: NaN and Infinity are not JSON numbers",
      "{\"a\": 01}|t:1:8: unexpected unquoted text, expected ',' or '}'",
      "[1 2]|t:1:4: unexpected unquoted text, expected ',' or ']'",
      "\"abc|t:1:5: unterminated string",
      "{} x|t:1:4: unexpected unquoted text after the end of the JSON value",
      "''|t:1:1: the document is empty",
      "{\"a\": .5}|t:1:7: $.a: unexpected unquoted text, expected a value",
      "{\"a\": \"\\x\"}|t:1:9: $.a: invalid escape sequence in a string",
      "{\"a\": {\"b\": [1, MRN-4711]}}|t:1:17: $.a.b[1]: unexpected unquoted text, expected a value",
      "{\"mrn\": \"MRN-4711\" \"x\"}|t:1:20: unexpected '\"', expected ',' or '}'"})
  void parse_invalidJson_locatedError(String text, String expectedPrefix) {
    String input = text.equals("''") ? "" : text;
    EvidenceException e = assertThrows(EvidenceException.class, () -> Json.parse(input, "t"));
    assertEquals(expectedPrefix, e.getMessage().lines().findFirst().orElseThrow().substring("ERROR: ".length()));
    // data: the message is one line plus a hint, never the source line or a token of it
    assertFalse(e.getMessage().contains("MRN"), e.getMessage());
    assertTrue(e.problems().get(0).sourceLine().isEmpty(), e.getMessage());
  }

  @Test
  void parse_deepNesting_rejected() {
    String deep = "[".repeat(Json.MAX_DEPTH + 2) + "]".repeat(Json.MAX_DEPTH + 2);
    EvidenceException e = assertThrows(EvidenceException.class, () -> Json.parse(deep, "t"));
    assertEquals("nesting deeper than 128 levels (the limit maxDepth = 128)", e.problems().get(0).message());
  }

  @Test
  void parse_locationsByJsonPath() {
    JsonDocument d = Json.parse("{\n  \"metrics\": {\"auroc\": 0.8},\n  \"rows\": [1, {\"x\": 2}]\n}", "e.json");
    assertEquals("e.json:2:24", d.problem("$.metrics.auroc", "m", "").location());
    assertEquals("e.json:3:15", d.problem("$.rows[1]", "m", "").location());
    assertEquals("e.json", d.problem("$.nowhere", "m", "").location());
  }

  @Test
  void parse_byteOrderMark_skipped() {
    assertEquals("{\"a\":1}", Json.canonical(Json.parse("\uFEFF{\"a\":1}", "t").root()));
  }

  @Test
  void parse_surrogatePairs_keptAndLoneSurrogatesRejected() {
    assertEquals("\"\uD83D\uDE00\"", Json.canonical(Json.parse("\"\\ud83d\\ude00\"", "t").root()));
    assertThrows(EvidenceException.class, () -> Json.parse("\"\\ud83d\"", "t"));
  }
}
