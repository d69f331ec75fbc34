package dev.clinigate.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonNumber;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import dev.clinigate.json.JsonValue;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares the calibration statistics that have an R reference (ICI, E50, E90, Emax as
 * {@code rms::val.prob} computes them; Wald intervals of the calibration slope and intercept from
 * {@code confint.default(glm(...))}; the O/E ratio and its interval; net benefit and treat-all) with the
 * values R computed for the cases in {@code src/test/resources/golden/r} (made by {@code generate.R}
 * there; CI does not need R).
 *
 * <p>Tolerance: 1e-9 relative with an absolute floor of 1e-15, and 1e-12 for the fitted calibration
 * slope and intercept and their bounds (both sides solve the likelihood equations iteratively; see
 * {@link BinaryMetricsGoldenTest}). Undefined values must be null on both sides.
 */
class RGoldenTest {

  static Path root() throws URISyntaxException {
    return Path.of(RGoldenTest.class.getResource("/golden/r").toURI());
  }

  static Stream<String> cases() throws IOException, URISyntaxException {
    List<String> names = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(root())) {
      dirs.filter(d -> Files.exists(d.resolve("case.json"))).forEach(d -> names.add(d.getFileName().toString()));
    }
    names.sort(null);
    return names.stream();
  }

  static MetricsReport compute(Path dir) throws IOException {
    JsonObject options = (JsonObject) Json.parse(Files.readString(dir.resolve("case.json")), "case.json").root();
    Path input = dir.resolve(((JsonString) options.get("input").orElseThrow()).value()).normalize();
    return BinaryMetricsGoldenTest.compute(options, input);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void report_rGoldenCase_matchesR(String name) throws Exception {
    Path dir = root().resolve(name);
    MetricsReport report = compute(dir);
    JsonValue expected = Json.parse(Files.readString(dir.resolve("expected.json")), "expected.json").root();
    List<String> mismatches = new ArrayList<>();
    BinaryMetricsGoldenTest.compare(expected, report.toJson(), "$", mismatches, RGoldenTest::tolerance);
    assertTrue(mismatches.isEmpty(), name + ":\n" + String.join("\n", mismatches));
  }

  /**
   * Paired DeLong against {@code pROC::roc.test(paired = TRUE, method = "delong")}: AUROCs, difference, its
   * standard error, z and the two-sided p-value of {@link MetricsComparison}, and the one-sided p-values
   * (pROC's {@code alternative = "greater"}, and non-inferiority by a margin) as Q((difference + margin) / se).
   */
  @Test
  void pairedDeLong_pimaTwoModels_matchesPROC() throws Exception {
    Path dir = root().resolve("paired-pima");
    List<String> lines = Files.readAllLines(dir.resolve("input.csv"));
    int n = lines.size() - 1;
    int[] y = new int[n];
    double[] a = new double[n];
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      String[] f = lines.get(i + 1).split(",");
      y[i] = Integer.parseInt(f[0]);
      a[i] = Double.parseDouble(f[1]);
      b[i] = Double.parseDouble(f[2]);
    }
    JsonObject expected = (JsonObject) Json.parse(Files.readString(dir.resolve("expected.json")), "expected.json")
        .root();
    JsonObject actual = (JsonObject) MetricsComparison.of(y, a, b).toJson().get("auroc").orElseThrow();
    for (String key : List.of("candidate", "baseline", "difference", "se", "z", "p_value")) {
      double e = ((JsonNumber) expected.get(key).orElseThrow()).value();
      double x = ((JsonNumber) actual.get(key).orElseThrow()).value();
      assertEquals(e, x, 1e-9 * Math.abs(e), key);
    }
    double d = ((JsonNumber) actual.get("difference").orElseThrow()).value();
    double se = ((JsonNumber) actual.get("se").orElseThrow()).value();
    assertEquals(((JsonNumber) expected.get("p_value_greater").orElseThrow()).value(), upperTail(d / se), 1e-9 * 0.0029);
    assertEquals(((JsonNumber) expected.get("p_value_noninferior_margin_0_02").orElseThrow()).value(),
        upperTail((d + 0.02) / se), 1e-9 * 5.2e-9);
  }

  private static double upperTail(double z) {
    return 0.5 * org.apache.commons.math3.special.Erf.erfc(z / Math.sqrt(2.0));
  }

  static double[] tolerance(String path) {
    if (System.getProperty("rgolden.exact") != null) {
      return new double[] {0, 0};
    }
    if (path.contains("calibration_slope") || path.contains("calibration_intercept")) {
      return new double[] {1e-9, 1e-12};
    }
    return new double[] {1e-9, 1e-15};
  }
}
