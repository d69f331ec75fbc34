package dev.clinigate.metrics;

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
    BinaryMetricsGoldenTest.Input in = BinaryMetricsGoldenTest.readInput(input);
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
  void report_rGoldenCase_matchesR(String name) throws Exception {
    Path dir = root().resolve(name);
    MetricsReport report = compute(dir);
    JsonValue expected = Json.parse(Files.readString(dir.resolve("expected.json")), "expected.json").root();
    List<String> mismatches = new ArrayList<>();
    BinaryMetricsGoldenTest.compare(expected, report.toJson(), "$", mismatches, RGoldenTest::tolerance);
    assertTrue(mismatches.isEmpty(), name + ":\n" + String.join("\n", mismatches));
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
