package dev.clinigate.cli;

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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs {@code clinigate metrics} and {@code clinigate drift} on the metrics module's scikit-learn/scipy
 * golden cases and compares the CLI's JSON with the reference values, key by key, in DESIGN.md's shape.
 * The library's own golden tests hold each metric to its documented tolerance (1e-12 relative for the
 * exact ones); here one looser bound (1e-9 relative, 1e-12 absolute) checks the CLI's wiring and shape.
 */
class MetricsAndDriftGoldenTest {
  private static final Path BINARY = Path.of("../metrics/src/test/resources/golden/binary");
  private static final Path DRIFT = Path.of("../metrics/src/test/resources/golden/drift/cases");
  private static final Set<String> DESIGN_KEYS = Set.of("n", "positives", "prevalence", "metrics", "thresholds", "groups");
  private static final Set<String> DRIFT_KEYS = Set.of("psi", "ks", "wasserstein", "js_distance", "missing_rate",
      "chi2", "chi2_dof");

  static Stream<String> binaryCases() throws IOException {
    return dirs(BINARY);
  }

  static Stream<String> driftCases() throws IOException {
    return dirs(DRIFT);
  }

  private static Stream<String> dirs(Path root) throws IOException {
    try (Stream<Path> s = Files.list(root)) {
      List<String> names = s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
      assertFalse(names.isEmpty(), "no golden cases under " + root.toAbsolutePath());
      return names.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("binaryCases")
  void metrics_goldenCase_matchesScikitLearn(String name) throws IOException {
    Path dir = BINARY.resolve(name);
    JsonObject c = read(dir.resolve("case.json"));
    List<String> args = new ArrayList<>(List.of("metrics", "--predictions", dir.resolve("input.csv").toString(),
        "--label", "label", "--score", "score", "--format", "json"));
    for (JsonValue t : ((JsonArray) c.get("thresholds").orElseThrow()).elements()) {
      args.add("--threshold");
      args.add(Json.number((JsonNumber) t));
    }
    args.add("--bins");
    args.add(Json.number((JsonNumber) c.get("bins").orElseThrow()));
    for (JsonValue g : ((JsonArray) c.get("groups").orElseThrow()).elements()) {
      args.add("--group");
      args.add(((JsonString) g).value());
    }
    CliRunner r = CliRunner.run(args.toArray(String[]::new));
    assertEquals(0, r.exit(), r.err());
    JsonObject actual = (JsonObject) Json.parse(r.out(), "stdout").root();
    JsonObject expected = read(dir.resolve("expected.json"));
    List<String> diffs = new ArrayList<>();
    for (Map.Entry<String, JsonValue> e : expected.members().entrySet()) {
      if (DESIGN_KEYS.contains(e.getKey())) {
        compare("$." + e.getKey(), e.getValue(), actual.members().get(e.getKey()), diffs);
      }
    }
    assertEquals(List.of(), diffs);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("driftCases")
  void drift_goldenCase_matchesScipy(String name) throws IOException {
    Path dir = DRIFT.resolve(name);
    JsonObject expected = read(dir.resolve("expected.json"));
    JsonObject features = (JsonObject) expected.get("features").orElseThrow();
    List<String> args = new ArrayList<>(List.of("drift", "--reference", dir.resolve("reference.csv").toString(),
        "--current", dir.resolve("current.csv").toString(), "--format", "json", "--bins",
        Json.number((JsonNumber) expected.get("bins").orElseThrow())));
    List<String> categorical = new ArrayList<>();
    for (Map.Entry<String, JsonValue> f : features.members().entrySet()) {
      args.add("--feature");
      args.add(f.getKey());
      if (((JsonObject) f.getValue()).get("type").orElseThrow().equals(new JsonString("categorical"))) {
        categorical.add(f.getKey());
      }
    }
    for (String cat : categorical) {
      args.add("--categorical");
      args.add(cat);
    }
    CliRunner r = CliRunner.run(args.toArray(String[]::new));
    assertEquals(0, r.exit(), r.err());
    JsonObject actual = (JsonObject) ((JsonObject) Json.parse(r.out(), "stdout").root()).get("features").orElseThrow();
    List<String> diffs = new ArrayList<>();
    for (Map.Entry<String, JsonValue> f : features.members().entrySet()) {
      JsonObject want = (JsonObject) f.getValue();
      JsonValue got = actual.members().get(f.getKey());
      if (!(got instanceof JsonObject gotObj)) {
        diffs.add(f.getKey() + ": missing from the CLI output");
        continue;
      }
      for (String k : DRIFT_KEYS) {
        if (want.has(k)) {
          compare("$.features." + f.getKey() + "." + k, want.members().get(k), gotObj.members().get(k), diffs);
        }
      }
    }
    assertEquals(List.of(), diffs);
  }

  private static void compare(String path, JsonValue want, JsonValue got, List<String> diffs) {
    if (got == null) {
      diffs.add(path + ": missing");
      return;
    }
    switch (want.kind()) {
      case NUMBER -> {
        if (!(got instanceof JsonNumber g)) {
          diffs.add(path + ": expected " + want + ", found " + got);
          return;
        }
        double w = ((JsonNumber) want).value();
        if (Math.abs(w - g.value()) > 1e-12 + 1e-9 * Math.abs(w)) {
          diffs.add(path + ": expected " + w + ", found " + g.value());
        }
      }
      case OBJECT -> {
        if (!(got instanceof JsonObject g)) {
          diffs.add(path + ": expected an object, found " + got);
          return;
        }
        for (Map.Entry<String, JsonValue> e : ((JsonObject) want).members().entrySet()) {
          compare(Json.childPath(path, e.getKey()), e.getValue(), g.members().get(e.getKey()), diffs);
        }
      }
      case ARRAY -> {
        List<JsonValue> w = ((JsonArray) want).elements();
        if (!(got instanceof JsonArray g) || g.size() != w.size()) {
          diffs.add(path + ": expected " + w.size() + " elements, found " + got);
          return;
        }
        for (int i = 0; i < w.size(); i++) {
          compare(path + "[" + i + "]", w.get(i), g.get(i), diffs);
        }
      }
      default -> {
        if (!want.equals(got)) {
          diffs.add(path + ": expected " + want + ", found " + got);
        }
      }
    }
  }

  private static JsonObject read(Path file) throws IOException {
    JsonValue v = Json.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString()).root();
    assertTrue(v instanceof JsonObject, file.toString());
    return (JsonObject) v;
  }

}
