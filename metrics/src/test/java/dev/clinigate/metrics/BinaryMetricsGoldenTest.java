package dev.clinigate.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonNumber;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import dev.clinigate.json.JsonValue;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares every metric with the values scikit-learn, scipy and mpmath computed for the golden data
 * sets in {@code src/test/resources/golden/binary} (made by {@code generate.py} there).
 *
 * <p>Tolerances: 1e-12 relative (plus an absolute 1e-15 floor for values at or near 0) for everything,
 * except
 * <ul>
 *   <li>calibration slope and intercept: 1e-9 relative plus 1e-12 absolute. Both sides solve the
 *       likelihood equations iteratively; the reference in 60-digit arithmetic, clinigate in doubles,
 *       whose gradient sums carry rounding of about n * 1e-16 that the inverse information matrix
 *       amplifies.
 *   <li>Spiegelhalter's z and p: 1e-10 relative plus 1e-15 absolute. The reference is exact; the numerator
 *       sum of (y - p)(1 - 2p) cancels heavily for well-calibrated scores, which magnifies the rounding
 *       of its (compensated) double sum, and the p-value inherits that error times |z|.
 * </ul>
 * Undefined values must be null on both sides.
 */
class BinaryMetricsGoldenTest {

  static Path root() throws URISyntaxException {
    return Path.of(BinaryMetricsGoldenTest.class.getResource("/golden/binary").toURI());
  }

  static Stream<String> cases() throws IOException, URISyntaxException {
    List<String> names = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(root())) {
      dirs.filter(d -> Files.exists(d.resolve("case.json"))).forEach(d -> names.add(d.getFileName().toString()));
    }
    names.sort(null);
    return names.stream();
  }

  /** The golden input of one case. */
  record Input(int[] labels, double[] scores, List<String> groupNames, List<String[]> groups) {}

  static Input readInput(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    String[] header = lines.get(0).split(",", -1);
    int n = lines.size() - 1;
    int[] labels = new int[n];
    double[] scores = new double[n];
    List<String> groupNames = new ArrayList<>();
    List<String[]> groups = new ArrayList<>();
    for (int c = 2; c < header.length; c++) {
      groupNames.add(header[c]);
      groups.add(new String[n]);
    }
    for (int i = 0; i < n; i++) {
      String[] f = lines.get(i + 1).split(",", -1);
      labels[i] = Integer.parseInt(f[0]);
      scores[i] = Double.parseDouble(f[1]);
      for (int c = 2; c < header.length; c++) {
        groups.get(c - 2)[i] = f[c].isEmpty() ? null : f[c];
      }
    }
    return new Input(labels, scores, groupNames, groups);
  }

  static MetricsReport compute(Path dir) throws IOException {
    JsonObject options = (JsonObject) Json.parse(Files.readString(dir.resolve("case.json")), "case.json").root();
    return compute(options, dir.resolve("input.csv"));
  }

  /** The report of {@code input} with a case's options (thresholds, bins; group columns from the CSV). */
  static MetricsReport compute(JsonObject options, Path input) throws IOException {
    Input in = readInput(input);
    List<Double> thresholds = new ArrayList<>();
    for (JsonValue t : ((JsonArray) options.get("thresholds").orElseThrow()).elements()) {
      thresholds.add(((JsonNumber) t).value());
    }
    BinaryMetrics.Builder b = BinaryMetrics.builder(in.labels(), in.scores())
        .thresholds(thresholds)
        .bins((int) ((JsonNumber) options.get("bins").orElseThrow()).longValue());
    for (int c = 0; c < in.groupNames().size(); c++) {
      b.group(in.groupNames().get(c), in.groups().get(c));
    }
    return b.build();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void report_goldenCase_matchesReference(String name) throws Exception {
    Path dir = root().resolve(name);
    MetricsReport report = compute(dir);
    JsonValue expected = Json.parse(Files.readString(dir.resolve("expected.json")), "expected.json").root();
    JsonObject actual = report.toJson();
    List<String> mismatches = new ArrayList<>();
    compare(expected, actual, "$", mismatches);
    assertTrue(mismatches.isEmpty(), name + ":\n" + String.join("\n", mismatches));
    assertShape(actual, true);
  }

  /** DESIGN.md fixes the keys of "metrics" and of each thresholds entry exactly. */
  static void assertShape(JsonObject report, boolean top) {
    List<String> keys = new ArrayList<>(report.members().keySet());
    assertEquals(List.of("n", "positives", "prevalence", "metrics", "thresholds"), keys.subList(0, 5));
    assertTrue(((JsonNumber) report.get("n").orElseThrow()).integral());
    assertTrue(((JsonNumber) report.get("positives").orElseThrow()).integral());
    JsonObject metrics = (JsonObject) report.get("metrics").orElseThrow();
    assertEquals(SubsetMetrics.METRIC_NAMES, new ArrayList<>(metrics.members().keySet()));
    for (JsonValue t : ((JsonArray) report.get("thresholds").orElseThrow()).elements()) {
      assertEquals(List.of("threshold", "sensitivity", "specificity", "ppv", "npv", "f1", "alert_rate",
          "net_benefit", "net_benefit_treat_all"), new ArrayList<>(((JsonObject) t).members().keySet()));
    }
    if (top && report.has("groups")) {
      for (JsonValue column : ((JsonObject) report.get("groups").orElseThrow()).members().values()) {
        for (JsonValue group : ((JsonObject) column).members().values()) {
          assertFalse(((JsonObject) group).has("groups"));
          assertShape((JsonObject) group, false);
        }
      }
    }
  }

  static void compare(JsonValue expected, JsonValue actual, String path, List<String> out) {
    compare(expected, actual, path, out, BinaryMetricsGoldenTest::tolerance);
  }

  /** Compares the keys {@code expected} has, numbers within {@code tolerance.apply(path)} = {relative, absolute}. */
  static void compare(JsonValue expected, JsonValue actual, String path, List<String> out,
      Function<String, double[]> tolerance) {
    if (expected.kind() == JsonValue.Kind.NULL || actual.kind() == JsonValue.Kind.NULL) {
      if (expected.kind() != actual.kind()) {
        out.add(path + ": expected " + expected + ", found " + actual);
      }
      return;
    }
    if (expected.kind() != actual.kind()) {
      out.add(path + ": expected " + expected.kind() + " " + expected + ", found " + actual.kind() + " " + actual);
      return;
    }
    switch (expected.kind()) {
      case OBJECT: {
        Map<String, JsonValue> e = ((JsonObject) expected).members();
        JsonObject a = (JsonObject) actual;
        for (Map.Entry<String, JsonValue> m : e.entrySet()) {
          if (!a.has(m.getKey())) {
            out.add(path + ": missing key \"" + m.getKey() + "\"");
          } else {
            compare(m.getValue(), a.get(m.getKey()).orElseThrow(), path + "." + m.getKey(), out, tolerance);
          }
        }
        if (path.endsWith(".groups") || path.matches(".*\\.groups\\.[^.]+")) {
          // every group the reference has, and no other
          if (!e.keySet().equals(a.members().keySet())) {
            out.add(path + ": expected keys " + e.keySet() + ", found " + a.members().keySet());
          }
        }
        break;
      }
      case ARRAY: {
        JsonArray e = (JsonArray) expected;
        JsonArray a = (JsonArray) actual;
        if (e.size() != a.size()) {
          out.add(path + ": expected " + e.size() + " elements, found " + a.size());
          return;
        }
        for (int i = 0; i < e.size(); i++) {
          compare(e.get(i), a.get(i), path + "[" + i + "]", out, tolerance);
        }
        break;
      }
      case NUMBER: {
        double e = ((JsonNumber) expected).value();
        double a = ((JsonNumber) actual).value();
        double[] tol = tolerance.apply(path);
        if (!(Math.abs(a - e) <= tol[0] * Math.abs(e) + tol[1])) {
          out.add(String.format(java.util.Locale.ROOT, "%s: expected %s, found %s (relative error %.3g)", path,
              Double.toString(e), Double.toString(a), Math.abs(a - e) / Math.abs(e)));
        }
        break;
      }
      case STRING:
        if (!((JsonString) expected).value().equals(((JsonString) actual).value())) {
          out.add(path + ": expected " + expected + ", found " + actual);
        }
        break;
      default:
        if (!expected.equals(actual)) {
          out.add(path + ": expected " + expected + ", found " + actual);
        }
    }
  }

  /** {relative, absolute} tolerance for a JSON path (see the class comment for why). */
  static double[] tolerance(String path) {
    if (path.endsWith(".calibration_slope") || path.endsWith(".calibration_intercept")) {
      return new double[] {1e-9, 1e-12};
    }
    if (path.endsWith(".spiegelhalter_z") || path.endsWith(".spiegelhalter_p")) {
      return new double[] {1e-10, 1e-15};
    }
    return new double[] {1e-12, 1e-15};
  }
}
