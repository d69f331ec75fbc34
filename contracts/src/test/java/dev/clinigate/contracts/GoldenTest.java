package dev.clinigate.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.clinigate.ClinigateException;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every case folder under {@code src/test/resources/golden/}: {@code contract.yaml} and
 * {@code data.csv}, optionally {@code reference.csv} and {@code options.json} ({@code evaluatedAt},
 * {@code featuresUsed}, {@code maxKeys}, {@code maxDistinct}, {@code maxDriftValues}); the expected
 * outcome is {@code expected.json} (the result's JSON, verbatim), optionally {@code expected.txt} (its
 * text rendering), or {@code expected-errors.txt} (the exception message, verbatim).
 *
 * <p>To re-record the expectations after a deliberate change, run with {@code -Dgolden.update=true}
 * and review the diff.
 */
class GoldenTest {
  private static final boolean UPDATE = Boolean.getBoolean("golden.update");

  static Stream<String> cases() throws IOException, URISyntaxException {
    Path root = root();
    List<String> names = new ArrayList<>();
    try (Stream<Path> s = Files.list(root)) {
      s.filter(Files::isDirectory).forEach(p -> names.add(p.getFileName().toString()));
    }
    names.sort(null);
    assertTrue(names.size() >= 20, "expected the golden cases, found " + names);
    return names.stream();
  }

  private static Path root() throws URISyntaxException {
    return Path.of(GoldenTest.class.getResource("/golden").toURI());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void goldenCase_matchesItsExpectation(String name) throws Exception {
    Path dir = root().resolve(name);
    String actualJson = null;
    String actualText = null;
    String actualErrors = null;
    try {
      ContractResult r = run(dir);
      actualJson = Json.prettyInOrder(r.toJson()) + "\n";
      actualText = r.toText();
    } catch (ClinigateException e) {
      actualErrors = e.getMessage() + "\n";
    }
    Path json = dir.resolve("expected.json");
    Path text = dir.resolve("expected.txt");
    Path errors = dir.resolve("expected-errors.txt");
    if (UPDATE) {
      record(dir, actualJson, actualText, actualErrors);
    }
    if (Files.exists(errors)) {
      assertEquals(read(errors), actualErrors, "error messages of " + name);
    } else if (Files.exists(json)) {
      assertEquals(read(json), actualJson, "JSON result of " + name + (actualErrors == null ? "" : ", but it threw:\n"
          + actualErrors));
      if (Files.exists(text)) {
        assertEquals(read(text), actualText, "text result of " + name);
      }
    } else {
      fail("case " + name + " has neither expected.json nor expected-errors.txt");
    }
  }

  static ContractResult run(Path dir) throws IOException {
    DataContract contract = DataContracts.parse(read(dir.resolve("contract.yaml")), "contract.yaml");
    ContractChecker.Builder b = ContractChecker.builder(contract);
    Path options = dir.resolve("options.json");
    if (Files.exists(options)) {
      JsonObject o = (JsonObject) Json.parse(read(options), "options.json").root();
      o.get("evaluatedAt").ifPresent(v -> b.evaluatedAt(Instant.parse(((JsonString) v).value())));
      o.get("featuresUsed").ifPresent(v -> {
        List<String> inputs = new ArrayList<>();
        for (JsonValue e : ((JsonArray) v).elements()) {
          inputs.add(((JsonString) e).value());
        }
        b.featuresUsed(inputs);
      });
      o.get("maxKeys").ifPresent(v -> b.maxKeys(((JsonNumber) v).longValue()));
      o.get("maxDistinct").ifPresent(v -> b.maxDistinct((int) ((JsonNumber) v).longValue()));
      o.get("maxDriftValues").ifPresent(v -> b.maxDriftValues((int) ((JsonNumber) v).longValue()));
    }
    Path reference = dir.resolve("reference.csv");
    if (Files.exists(reference)) {
      try (CsvReader ref = CsvReader.open(reference, "reference.csv")) {
        b.reference(DataProfile.of(ref, contract));
      }
    }
    try (CsvReader csv = CsvReader.open(dir.resolve("data.csv"), "data.csv")) {
      return b.build().check(csv);
    }
  }

  private static String read(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  /** Writes the expectations into the source tree (only with -Dgolden.update=true). */
  private static void record(Path dir, String json, String text, String errors) throws IOException {
    Path src = Path.of("src/test/resources/golden").resolve(dir.getFileName());
    if (errors != null) {
      Files.writeString(src.resolve("expected-errors.txt"), errors, StandardCharsets.UTF_8);
      Files.deleteIfExists(src.resolve("expected.json"));
    } else {
      Files.writeString(src.resolve("expected.json"), json, StandardCharsets.UTF_8);
      if (Files.exists(src.resolve("expected.txt"))) {
        Files.writeString(src.resolve("expected.txt"), text, StandardCharsets.UTF_8);
      }
      Files.deleteIfExists(src.resolve("expected-errors.txt"));
    }
  }
}
