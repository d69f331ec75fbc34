package dev.clinigate.metrics.drift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonNumber;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import dev.clinigate.json.JsonValue;
import dev.clinigate.metrics.CategoricalDrift;
import dev.clinigate.metrics.DriftBounds;
import dev.clinigate.metrics.DriftCategoryCounts;
import dev.clinigate.metrics.DriftHistogram;
import dev.clinigate.metrics.DriftMethod;
import dev.clinigate.metrics.DriftReference;
import dev.clinigate.metrics.DriftReport;
import dev.clinigate.metrics.FeatureDrift;
import dev.clinigate.metrics.NumericDrift;
import dev.clinigate.metrics.internal.drift.Kolmogorov;
import dev.clinigate.metrics.internal.drift.KsTwoSample;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every feature of every case under {@code golden/drift/cases} (made by {@code generate.py} from
 * numpy/scipy) through every path of the API: whole samples, a reloaded reference profile, a
 * streamed histogram and a bounded reference.
 *
 * <p>Tolerances: PSI, KS, Wasserstein, Jensen-Shannon and chi-square are compared to 1e-12 relative
 * (they differ from scipy only in summation order and last-ulp logarithms); PSI bin edges and counts
 * must be identical. p-values are compared to 1e-9 relative: the KS p-value repeats scipy's
 * algorithms (observed agreement: exact path bit-identical, asymptotic path about 1e-12), the
 * chi-square p-value uses commons-math3's incomplete gamma function instead of cephes. Values below
 * {@link Double#MIN_NORMAL} (subnormal, where a double keeps fewer digits) compare as equal.
 */
class DriftGoldenTest {
  static final double EXACT = 1e-12;
  static final double P_VALUE = 1e-9;

  static Path root() {
    try {
      return Path.of(DriftGoldenTest.class.getResource("/golden/drift").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<Arguments> features() throws IOException {
    List<Arguments> out = new ArrayList<>();
    try (Stream<Path> cases = Files.list(root().resolve("cases"))) {
      for (Path c : cases.sorted().toList()) {
        JsonObject expected = (JsonObject) Json.parse(Files.readString(c.resolve("expected.json")),
            c.getFileName() + "/expected.json").root();
        JsonObject features = (JsonObject) expected.get("features").orElseThrow();
        for (String f : features.members().keySet()) {
          out.add(Arguments.of(c.getFileName().toString(), f));
        }
      }
    }
    return out.stream();
  }

  /** One golden case: both CSVs and the expected values. */
  record Case(Map<String, List<String>> reference, Map<String, List<String>> current, JsonObject expected) {
    static Case load(String name) throws IOException {
      Path dir = root().resolve("cases").resolve(name);
      return new Case(csv(dir.resolve("reference.csv")), csv(dir.resolve("current.csv")),
          (JsonObject) Json.parse(Files.readString(dir.resolve("expected.json")), name).root());
    }

    int bins() {
      return (int) ((JsonNumber) expected.get("bins").orElseThrow()).value();
    }

    JsonObject feature(String f) {
      return (JsonObject) ((JsonObject) expected.get("features").orElseThrow()).get(f).orElseThrow();
    }
  }

  static Map<String, List<String>> csv(Path p) throws IOException {
    List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
    String[] header = lines.get(0).split(",", -1);
    Map<String, List<String>> cols = new LinkedHashMap<>();
    for (String h : header) {
      cols.put(h, new ArrayList<>());
    }
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      for (int i = 0; i < header.length; i++) {
        // Python's csv module writes a lone empty field as "" (else the row would be a blank line)
        cols.get(header[i]).add(cells[i].equals("\"\"") ? "" : cells[i]);
      }
    }
    return cols;
  }

  static double[] numbers(List<String> cells) {
    double[] d = new double[cells.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = cells.get(i).isEmpty() ? Double.NaN : Double.parseDouble(cells.get(i));
    }
    return d;
  }

  static String[] strings(List<String> cells) {
    return cells.stream().map(s -> s.isEmpty() ? null : s).toArray(String[]::new);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("features")
  void feature_matchesNumpyScipy(String caseName, String feature) throws IOException {
    Case c = Case.load(caseName);
    JsonObject e = c.feature(feature);
    String type = ((JsonString) e.get("type").orElseThrow()).value();
    if (type.equals("numeric")) {
      numeric(c, feature, e);
    } else {
      categorical(c, feature, e);
    }
  }

  private void numeric(Case c, String feature, JsonObject e) {
    double[] ref = numbers(c.reference().get(feature));
    double[] cur = numbers(c.current().get(feature));
    DriftReport report = DriftReport.builder().numeric(feature, ref, cur, c.bins()).build();
    NumericDrift d = (NumericDrift) report.features().get(feature);
    String at = feature + ": ";
    close(at + "psi", e, "psi", d.psi(), EXACT);
    close(at + "ks", e, "ks", d.ks(), EXACT);
    close(at + "wasserstein", e, "wasserstein", d.wasserstein(), EXACT);
    close(at + "js_distance", e, "js_distance", d.jsDistance(), EXACT);
    close(at + "ks_p_value", e, "ks_p_value", d.ksPValue(), P_VALUE);
    close(at + "missing_rate", e, "missing_rate", d.missingRate(), 0.0);
    close(at + "reference_missing_rate", e, "reference_missing_rate", d.referenceMissingRate(), 0.0);
    assertEquals(integer(e, "n_reference"), d.reference().values(), at + "n_reference");
    assertEquals(integer(e, "n_current"), d.current().values(), at + "n_current");
    assertEquals(integer(e, "bins"), d.bins(), at + "bins");
    assertEquals(e.get("psi").orElseThrow().kind() == JsonValue.Kind.NULL, d.undefinedReason().isPresent());

    // the report's JSON carries the binding keys first, in the documented order
    JsonObject json = (JsonObject) ((JsonObject) report.toJson().get("features").orElseThrow()).get(feature)
        .orElseThrow();
    assertEquals(List.of("psi", "ks", "wasserstein", "js_distance", "missing_rate"),
        new ArrayList<>(json.members().keySet()).subList(0, 5));

    // a saved reference profile: same edges and counts as numpy, same drift after a JSON round trip
    DriftReference.Numeric reference = DriftReference.numeric(ref, c.bins());
    assertArrayEquals(doubles(e, "edges"), reference.edges(), at + "edges");
    assertArrayEquals(longs(e, "reference_counts"), reference.binCounts(), at + "reference counts");
    DriftReference reloaded = DriftReference.fromJson(
        Json.parse(Json.prettyInOrder(reference.toJson()), "reference.json"));
    assertEquals(d, ((DriftReference.Numeric) reloaded).compare(cur), at + "reloaded reference");

    // streamed: PSI and JS identical, KS and Wasserstein exact or bounded around the exact values
    DriftHistogram h = reference.newHistogram();
    h.acceptAll(cur);
    assertArrayEquals(longs(e, "current_counts"), h.binCounts(), at + "current counts");
    NumericDrift streamed = reference.compare(h);
    assertEquals(d.psi(), streamed.psi(), at + "streamed psi");
    assertEquals(d.jsDistance(), streamed.jsDistance(), at + "streamed js");
    contains(d, streamed, at + "streamed");
    NumericDrift bounded = reference.bounded().compare(cur);
    assertEquals(d.psi(), bounded.psi(), at + "bounded psi");
    contains(d, bounded, at + "bounded");
  }

  private static void contains(NumericDrift exact, NumericDrift approx, String at) {
    for (DriftMethod m : List.of(DriftMethod.KS, DriftMethod.WASSERSTEIN)) {
      Optional<DriftBounds> b = approx.bounds(m);
      OptionalDouble v = exact.value(m);
      assertEquals(v.isPresent(), b.isPresent(), at + " " + m);
      if (v.isPresent()) {
        assertTrue(b.get().lower() <= v.getAsDouble() && v.getAsDouble() <= b.get().upper(),
            at + " " + m + " " + v.getAsDouble() + " within " + b.get());
        if (b.get().isExact()) {
          assertEquals(v.getAsDouble(), b.get().lower(), at + " exact " + m);
        }
      }
    }
    if (approx.ks().isPresent()) {
      assertEquals(exact.ksPValue(), approx.ksPValue(), at + " p-value");
    }
  }

  private void categorical(Case c, String feature, JsonObject e) {
    String[] ref = strings(c.reference().get(feature));
    String[] cur = strings(c.current().get(feature));
    CategoricalDrift d = (CategoricalDrift) DriftReport.builder().categorical(feature, ref, cur).build()
        .features().get(feature);
    String at = feature + ": ";
    close(at + "psi", e, "psi", d.psi(), EXACT);
    close(at + "js_distance", e, "js_distance", d.jsDistance(), EXACT);
    close(at + "chi2", e, "chi2", d.chi2(), EXACT);
    close(at + "chi2_p_value", e, "chi2_p_value", d.chi2PValue(), P_VALUE);
    close(at + "missing_rate", e, "missing_rate", d.missingRate(), 0.0);
    close(at + "reference_missing_rate", e, "reference_missing_rate", d.referenceMissingRate(), 0.0);
    assertEquals(integer(e, "chi2_dof"), d.chi2Dof().getAsInt(), at + "chi2_dof");
    assertEquals(((JsonArray) e.get("categories").orElseThrow()).size(), d.categories(), at + "categories");
    assertEquals(((JsonArray) e.get("unseen_categories").orElseThrow()).elements().stream()
        .map(v -> ((JsonString) v).value()).toList(), d.unseenCategories(), at + "unseen");
    assertEquals(integer(e, "n_reference"), d.reference().values());
    assertEquals(integer(e, "n_current"), d.current().values());

    DriftReference.Categorical reference = DriftReference.categorical(ref);
    DriftReference reloaded = DriftReference.fromJson(Json.parse(Json.compact(reference.toJson()), "ref.json"));
    assertEquals(d, ((DriftReference.Categorical) reloaded).compare(cur), at + "reloaded reference");
    DriftCategoryCounts counts = DriftCategoryCounts.create();
    counts.acceptAll(cur);
    assertEquals(d, reference.compare(counts), at + "streamed counts");
    assertEquals(FeatureDrift.Type.CATEGORICAL, d.type());
  }

  @Test
  void ksDistribution_matchesScipy() throws IOException {
    List<String> lines = Files.readAllLines(root().resolve("ks_distribution.csv"));
    int checked = 0;
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      long n = Long.parseLong(f[1]);
      double expected = Double.parseDouble(f[3]);
      double actual = f[0].equals("kstwo")
          ? Kolmogorov.sf(n, Double.parseDouble(f[2]))
          : KsTwoSample.pValue(n / 100000, n % 100000, Long.parseLong(f[2]));
      if (!(expected == actual || Math.abs(expected - actual) <= P_VALUE * Math.abs(expected)
          || Math.max(expected, actual) < Double.MIN_NORMAL)) {
        fail(line + ": Java gives " + actual);
      }
      checked++;
    }
    assertEquals(lines.size() - 1, checked);
    assertFalse(lines.size() < 600, "the distribution golden covers every regime");
  }

  static void close(String what, JsonObject e, String key, OptionalDouble actual, double rel) {
    JsonValue v = e.get(key).orElseThrow(() -> new AssertionError("expected.json lacks " + key));
    if (v.kind() == JsonValue.Kind.NULL) {
      assertTrue(actual.isEmpty(), what + ": expected undefined, found " + actual);
      return;
    }
    double expected = ((JsonNumber) v).value();
    assertTrue(actual.isPresent(), what + ": expected " + expected + ", found undefined");
    double a = actual.getAsDouble();
    if (expected != a && Math.abs(expected - a) > rel * Math.max(Math.abs(expected), Math.abs(a))
        && Math.max(Math.abs(expected), Math.abs(a)) >= Double.MIN_NORMAL) {
      fail(what + ": expected " + expected + ", found " + a + " (relative difference "
          + Math.abs(expected - a) / Math.abs(expected) + ")");
    }
  }

  static long integer(JsonObject e, String key) {
    return (long) ((JsonNumber) e.get(key).orElseThrow()).value();
  }

  static double[] doubles(JsonObject e, String key) {
    return ((JsonArray) e.get(key).orElseThrow()).elements().stream()
        .mapToDouble(v -> ((JsonNumber) v).value()).toArray();
  }

  static long[] longs(JsonObject e, String key) {
    return ((JsonArray) e.get(key).orElseThrow()).elements().stream()
        .mapToLong(v -> (long) ((JsonNumber) v).value()).toArray();
  }
}
