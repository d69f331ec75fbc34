package dev.clinigate.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.InputException;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonNumber;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonValue;
import dev.clinigate.metrics.CategoricalDrift;
import dev.clinigate.metrics.Drift;
import dev.clinigate.metrics.DriftReference;
import dev.clinigate.metrics.NumericDrift;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriftAndProfileTest {
  @TempDir Path dir;

  private static Path golden(String name) throws URISyntaxException {
    return Path.of(DriftAndProfileTest.class.getResource("/golden/" + name).toURI());
  }

  private static DataContract contract(Path caseDir) throws IOException {
    return DataContracts.parse(Files.readString(caseDir.resolve("contract.yaml")), "contract.yaml");
  }

  /** A column as numbers, NaN for anything that is not a number (missing tokens, invalid values). */
  private static double[] numbers(Path csv, String column) {
    List<Double> out = new ArrayList<>();
    try (CsvReader r = CsvReader.open(csv)) {
      int c = r.column(column);
      while (r.next()) {
        out.add(r.number(c));
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static String[] texts(Path csv, String column, Map<String, String> normalise) {
    List<String> out = new ArrayList<>();
    try (CsvReader r = CsvReader.open(csv)) {
      int c = r.column(column);
      while (r.next()) {
        String v = r.field(c);
        out.add(normalise.getOrDefault(v, v));
      }
    }
    return out.toArray(new String[0]);
  }

  private static double number(JsonObject drift, String key) {
    return ((JsonNumber) drift.get(key).orElseThrow()).value();
  }

  private static void assertSame(OptionalDouble expected, JsonObject drift, String key) {
    assertEquals(expected.getAsDouble(), number(drift, key), key);
  }

  @Test
  void check_driftValues_equalTheMetricsModulesExactly() throws Exception {
    Path c = golden("drift-numeric-and-categorical");
    ContractResult r = GoldenTest.run(c);
    Path ref = c.resolve("reference.csv");
    Path cur = c.resolve("data.csv");

    JsonObject creatinine = r.column("creatinine").orElseThrow().drift().orElseThrow();
    NumericDrift expected = Drift.numeric(numbers(ref, "creatinine"), numbers(cur, "creatinine"));
    assertSame(expected.psi(), creatinine, "psi");
    assertSame(expected.jsDistance(), creatinine, "js_distance");
    assertSame(expected.missingRate(), creatinine, "missing_rate");
    assertEquals(expected.psi().getAsDouble(), number(creatinine, "value"));

    JsonObject age = r.column("age").orElseThrow().drift().orElseThrow();
    NumericDrift expectedAge = Drift.numeric(numbers(ref, "age"), numbers(cur, "age"));
    assertSame(expectedAge.ks(), age, "ks");
    assertSame(expectedAge.ksPValue(), age, "ks_p_value");
    assertSame(expectedAge.wasserstein(), age, "wasserstein");
    assertSame(expectedAge.psi(), age, "psi");

    JsonObject site = r.column("site").orElseThrow().drift().orElseThrow();
    CategoricalDrift expectedSite = Drift.categorical(texts(ref, "site", Map.of()), texts(cur, "site", Map.of()));
    assertSame(expectedSite.chi2(), site, "chi2");
    assertSame(expectedSite.chi2PValue(), site, "chi2_p_value");
    assertSame(expectedSite.psi(), site, "psi");

    JsonObject icu = r.column("icu").orElseThrow().drift().orElseThrow();
    Map<String, String> bool = Map.of("1", "true", "0", "false");
    CategoricalDrift expectedIcu = Drift.categorical(texts(ref, "icu", bool), texts(cur, "icu", bool));
    assertSame(expectedIcu.jsDistance(), icu, "js_distance");
    assertSame(expectedIcu.chi2(), icu, "chi2");
  }

  @Test
  void profile_writtenAndReadBack_givesTheSameCheck() throws Exception {
    Path c = golden("drift-numeric-and-categorical");
    DataContract contract = contract(c);
    DataProfile profile;
    try (CsvReader ref = CsvReader.open(c.resolve("reference.csv"), "reference.csv")) {
      profile = DataProfile.of(ref, contract);
    }
    String json = Json.prettyInOrder(profile.toJson());
    Path saved = dir.resolve("profile.json");
    Files.writeString(saved, json, StandardCharsets.UTF_8);
    DataProfile again = DataProfile.read(saved);
    assertEquals(json, Json.prettyInOrder(again.toJson()));
    assertEquals(List.of("creatinine", "age", "site", "icu"), List.copyOf(again.references().keySet()));

    ContractResult fromCsv = GoldenTest.run(c);
    ContractResult fromProfile;
    try (CsvReader data = CsvReader.open(c.resolve("data.csv"), "data.csv")) {
      fromProfile = ContractChecker.builder(contract).reference(again).build().check(data);
    }
    assertEquals(Json.prettyInOrder(fromCsv.toJson()), Json.prettyInOrder(fromProfile.toJson()));
  }

  @Test
  void profile_withoutContract_infersTypesAndProfilesEveryColumn() throws Exception {
    Path csv = dir.resolve("train.csv");
    Files.writeString(csv, "id,age,bmi,site,note\n1,40,22.5,east,\n2,51,NaN,west,x\n3,,30,east,y\n");
    DataProfile p = DataProfile.of(csv);
    assertEquals(3, p.rows());
    assertTrue(p.contract().isEmpty());
    List<String> types = new ArrayList<>();
    p.columns().forEach(col -> types.add(col.name() + ":" + col.type().map(Feature.Type::yamlName).orElse("-")));
    assertEquals(List.of("id:integer", "age:integer", "bmi:category", "site:category", "note:category"), types);
    assertTrue(p.reference("age").orElseThrow() instanceof DriftReference.Numeric);
    assertEquals(1, p.columns().get(1).missing());
  }

  @Test
  void read_brokenProfile_namesFileLineAndColumn() throws Exception {
    Path saved = dir.resolve("bad.profile.json");
    Files.writeString(saved, "{\"apiVersion\": \"clinigate/v1\", \"kind\": \"DataProfile\", \"source\": \"x\",\n"
        + " \"rows\": -1, \"contract\": null, \"columns\": {}}\n");
    InputException e = assertThrows(InputException.class, () -> DataProfile.read(saved));
    assertEquals("ERROR: " + saved + ":2:10: $.rows: rows must be a whole number >= 0", e.getMessage());
  }

  @Test
  void check_ksBeyondTheValueLimit_isDecidedByHistogramBounds() {
    int n = 20_000;
    double[] reference = new double[n];
    String[] far = new String[n];
    String[] near = new String[n];
    for (int i = 0; i < n; i++) {
      reference[i] = i / (double) n + i * 1e-9;
      far[i] = Double.toString(0.5 + i / (double) n);
    }
    for (int i = 0; i < n; i++) {
      near[i] = Double.toString(reference[(i * 7919) % n] + 1e-6); // a permutation, shifted a little
    }
    String yaml = "apiVersion: clinigate/v1\nkind: DataContract\nmetadata: {name: big, version: 1}\nspec:\n"
        + "  features:\n    - {name: x, type: number, drift: {method: ks, max: MAX}}\n";
    DataProfile ref = new DataProfile("ref", n, java.util.Optional.empty(),
        List.of(new ColumnProfile("x", java.util.Optional.of(Feature.Type.NUMBER), false, n, 0, 0,
            OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), n, true, java.util.Optional.empty())),
        Map.of("x", DriftReference.numeric(reference)));

    DataContract strict = DataContracts.parse(yaml.replace("MAX", "0.1"), "big.yaml");
    ContractResult farResult = ContractChecker.builder(strict).reference(ref).maxDriftValues(1000).build()
        .check(Columns.builder().add("x", far).build(), "far");
    Violation v = farResult.violations().get(0);
    assertEquals(Rule.DRIFT, v.rule());
    assertEquals("x: ks is at least 0.5 against the reference (within [0.5, 0.501]: more than 1,000 values, so it"
        + " was bounded from a histogram), above the maximum 0.1", v.message());

    DataContract tight = DataContracts.parse(yaml.replace("MAX", "0.0001"), "big.yaml");
    ContractResult nearResult = ContractChecker.builder(tight).reference(ref).maxDriftValues(1000).build()
        .check(Columns.builder().add("x", near).build(), "near");
    assertEquals(1, nearResult.violations().size(), nearResult.toText());
    assertEquals("drift of \"x\" was not evaluated: ks lies within [0.00005, 0.001], which includes the maximum"
        + " 0.0001 (more than 1,000 values, so it was bounded from a histogram; raise the drift value limit)",
        nearResult.violations().get(0).message());

    ContractResult exact = ContractChecker.builder(tight).reference(ref).build()
        .check(Columns.builder().add("x", near).build(), "near");
    assertTrue(exact.passed(), exact.toText());
    JsonValue ks = exact.column("x").orElseThrow().drift().orElseThrow().get("ks").orElseThrow();
    double[] nearValues = new double[n];
    for (int i = 0; i < n; i++) {
      nearValues[i] = Double.parseDouble(near[i]);
    }
    assertEquals(Drift.numeric(reference, nearValues).ks().getAsDouble(), ((JsonNumber) ks).value());
  }

  @Test
  void check_referenceWithOtherBins_isNotEvaluated() throws Exception {
    Path c = golden("drift-numeric-and-categorical");
    DataProfile tenBins = DataProfile.of(c.resolve("reference.csv"), contract(c));
    DataContract twenty = DataContracts.parse("apiVersion: clinigate/v1\nkind: DataContract\n"
        + "metadata: {name: other, version: 1}\nspec:\n  missingValues: ['', NA]\n  features:\n"
        + "    - {name: creatinine, type: number, drift: {method: psi, max: 0.2, bins: 20}}\n"
        + "    - {name: site, type: integer, drift: {method: psi, max: 0.2}}\n", "other.yaml");
    ContractResult r = ContractChecker.builder(twenty).reference(tenBins).build().check(c.resolve("data.csv"));
    List<String> messages = new ArrayList<>();
    r.violations().stream().filter(v -> v.rule() == Rule.DRIFT).forEach(v -> messages.add(v.message()));
    assertEquals(List.of(
        "drift of \"creatinine\" was not evaluated: its reference has 10 bins, but the contract asks for 20",
        "drift of \"site\" was not evaluated: its reference is categorical, but the contract declares integer"),
        messages);
  }
}
