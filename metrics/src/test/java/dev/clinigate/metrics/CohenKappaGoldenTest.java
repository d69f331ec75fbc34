package dev.clinigate.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonNumber;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonValue;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cohen's kappa against scikit-learn's {@code cohen_kappa_score} and its standard error against
 * statsmodels' {@code cohens_kappa(table).std_kappa} (Fleiss, Cohen and Everitt), on the cases that
 * {@code src/test/resources/golden/kappa/generate.py} wrote. Tolerance 1e-12 relative with a 1e-15
 * absolute floor.
 */
class CohenKappaGoldenTest {

  static Stream<JsonObject> cases() throws IOException, URISyntaxException {
    Path file = Path.of(CohenKappaGoldenTest.class.getResource("/golden/kappa/cases.json").toURI());
    JsonObject root = (JsonObject) Json.parse(Files.readString(file, StandardCharsets.UTF_8), "cases.json").root();
    return ((JsonArray) root.members().get("cases")).elements().stream().map(v -> (JsonObject) v);
  }

  @ParameterizedTest(name = "{index}")
  @MethodSource("cases")
  void cohenKappa_goldenCase_matchesScikitLearnAndStatsmodels(JsonObject c) {
    String name = Json.compact(c.members().get("name"));
    CohenKappa k = CohenKappa.of(ints(c.members().get("rater1")), ints(c.members().get("rater2")));
    assertEquals(((JsonArray) c.members().get("rater1")).size(), k.n(), name);
    close(c.members().get("observed_agreement"), k.observedAgreement(), name + " observed agreement");
    close(c.members().get("expected_agreement"), k.expectedAgreement(), name + " expected agreement");
    close(c.members().get("kappa"), k.kappa(), name + " kappa");
    close(c.members().get("se"), k.se(), name + " se");
    if (k.kappa().isDefined()) {
      double lo = Math.max(-1, k.kappa().orElseThrow() - 1.959963984540054 * k.se().orElseThrow());
      double hi = Math.min(1, k.kappa().orElseThrow() + 1.959963984540054 * k.se().orElseThrow());
      assertEquals(lo, k.interval().lower95().orElseThrow(), 0.0, name);
      assertEquals(hi, k.interval().upper95().orElseThrow(), 0.0, name);
    } else {
      assertFalse(k.interval().lower95().isDefined(), name);
      assertTrue(k.toJson().members().containsKey("reason"), name);
    }
  }

  @Test
  void cohenKappa_smallCase_json() {
    assertEquals("{\"point\":0.5,\"lower95\":-0.23498649420252027,\"upper95\":1.0,\"method\":\"wald\",\"se\":0.375,"
        + "\"n\":4,\"observed_agreement\":0.75,\"expected_agreement\":0.5}",
        Json.compact(CohenKappa.of(new int[] {1, 0, 1, 1}, new int[] {1, 0, 0, 1}).toJson()));
  }

  @Test
  void cohenKappa_noCases_undefinedWithReason() {
    CohenKappa k = CohenKappa.of(new int[0], new int[0]);
    assertEquals("no case was labelled by both raters", k.kappa().reason().orElseThrow());
  }

  @Test
  void cohenKappa_unequalLengths_rejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CohenKappa.of(new int[] {1}, new int[] {1, 0}));
    assertEquals("the raters' label arrays differ in length: 1 and 2", e.getMessage());
  }

  private static int[] ints(JsonValue v) {
    return ((JsonArray) v).elements().stream().mapToInt(x -> (int) ((JsonNumber) x).value()).toArray();
  }

  private static void close(JsonValue expected, MetricValue actual, String what) {
    if (expected == null || expected.kind() == JsonValue.Kind.NULL) {
      assertFalse(actual.isDefined(), what + " should be undefined, found " + actual);
      return;
    }
    double e = ((JsonNumber) expected).value();
    double a = actual.orElseThrow();
    assertEquals(e, a, Math.max(1e-15, 1e-12 * Math.abs(e)), what);
  }
}
