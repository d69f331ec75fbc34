package dev.clinigate.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.InputException;
import dev.clinigate.PolicyException;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonObject;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ContractApiTest {
  private static final String YAML = "apiVersion: clinigate/v1\n"
      + "kind: DataContract\n"
      + "metadata: {name: readmission-features, version: 2}\n"
      + "spec:\n"
      + "  missingValues: ['', NA]\n"
      + "  features:\n"
      + "    - {name: age, type: integer, range: [18, 120], maxMissing: 0.0}\n"
      + "    - {name: creatinine, type: number, unit: mg/dL, range: [0.1, 20], maxMissing: 0.25}\n"
      + "    - {name: sex, type: category, allowed: [F, M, X]}\n"
      + "    - {name: mrn, type: string, phi: true, allowedAtInference: false}\n"
      + "    - {name: discharge_disposition, availableAt: after_outcome}\n";

  private static final String BLOCK_STYLE = "# the same contract, written differently\n"
      + "kind: DataContract\n"
      + "apiVersion: clinigate/v1\n"
      + "metadata:\n  version: 2\n  name: readmission-features\n"
      + "spec:\n"
      + "  missingValues: [\"\", \"NA\"]\n"
      + "  features:\n"
      + "    - name: age\n      type: integer\n      maxMissing: 0\n      range: [18, 120]\n"
      + "    - {name: creatinine, type: number, unit: mg/dL, range: [0.1, 20.0], maxMissing: 0.25, required: true}\n"
      + "    - {name: sex, type: category, allowed: [F, M, X]}\n"
      + "    - {name: mrn, type: string, phi: true, allowedAtInference: false}\n"
      + "    - {name: discharge_disposition, availableAt: after_outcome, type: string}\n";

  @Test
  void sha256_sameContractWrittenDifferently_isEqual() {
    DataContract a = DataContracts.parse(YAML, "a.yaml");
    DataContract b = DataContracts.parse(BLOCK_STYLE, "b.yaml");
    assertEquals(a, b);
    assertEquals(a.sha256(), b.sha256());
    assertEquals(64, a.sha256().length());
    DataContract c = DataContracts.parse(YAML.replace("maxMissing: 0.25", "maxMissing: 0.2"), "c.yaml");
    assertNotEquals(a.sha256(), c.sha256());
    assertEquals("{\"name\":\"readmission-features\",\"sha256\":\"" + a.sha256() + "\",\"version\":2}",
        Json.canonical(a.identity()));
  }

  @Test
  void checkInputs_flagsLeakagePhiAndUndeclaredInputsInInputOrder() {
    DataContract c = DataContracts.parse(YAML, "a.yaml");
    List<String> got = new ArrayList<>();
    c.checkInputs(List.of("discharge_disposition", "age", "mrn", "bmi")).forEach(v -> got.add(v.rule().id() + " "
        + v.column().orElseThrow()));
    assertEquals(List.of("availableAt discharge_disposition", "phi mrn", "allowedAtInference mrn",
        "undeclaredInput bmi"), got);
    assertTrue(c.checkInputs(List.of("age", "creatinine", "sex")).isEmpty());
  }

  @Test
  void constructor_semanticProblems_areRejectedTogether() {
    Feature age = Feature.of("age", Feature.Type.INTEGER);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DataContract("x", "1",
        Optional.empty(), Optional.empty(), Optional.of(new DataContract.Freshness("age", java.time.Duration.ofHours(1))),
        List.of("id"), List.of(""), List.of(age, age)));
    assertEquals("$.spec.features[1].name: feature \"age\" is declared twice (features[0] and features[1]); "
        + "$.spec.primaryKey[0]: primary key column \"id\" is not a declared feature; $.spec.freshness.column: "
        + "freshness column \"age\" is integer, but freshness needs a date or timestamp column", e.getMessage());
  }

  @Test
  void parse_notADataContract_isAPolicyException() {
    PolicyException e = assertThrows(PolicyException.class, () -> DataContracts.parse(
        YAML.replace("kind: DataContract", "kind: PromotionPolicy"), "p.yaml"));
    assertEquals("ERROR: p.yaml:2:7: expected kind DataContract, found PromotionPolicy\n"
        + "kind: PromotionPolicy\n      ^\nhint: a policy is evaluated with 'clinigate evaluate --policy', not used as"
        + " a data contract", e.getMessage());
    assertEquals(1, DataContracts.validate("kind: [", "broken.yaml").size());
    assertTrue(DataContracts.validate(YAML, "a.yaml").isEmpty());
  }

  @Test
  void validate_schemaAndSemanticProblems_reportsBoth_whileParseStopsAtTheSchema() {
    String text = "apiVersion: clinigate/v1\nkind: DataContract\nmetadata: {name: c, version: 1}\nspec:\n"
        + "  features:\n    - {name: age, type: integer, range: [120, 18]}\n    - {name: x, type: numbr}\n";
    List<String> found = DataContracts.validate(text, "c.yaml").stream()
        .map(p -> p.location() + ": " + p.message()).toList();
    assertEquals(List.of("c.yaml:6:41: range minimum 120 exceeds its maximum 18",
        "c.yaml:7:23: type must be one of date, number, boolean, string, integer, category, timestamp, found \"numbr\""),
        found);
    PolicyException e = assertThrows(PolicyException.class, () -> DataContracts.parse(text, "c.yaml"));
    assertEquals(1, e.problems().size(), e.getMessage());
  }

  @Test
  void check_inMemoryColumns_equalsTheSameDataAsCsv() {
    DataContract c = DataContracts.parse(YAML, "a.yaml");
    String csv = "age,creatinine,sex,mrn,discharge_disposition\n"
        + "67,1.1,F,MRN-1,home\n"
        + "17,NA,U,MRN-2,snf\n"
        + ",25.5,M,MRN-3,home\n"
        + "70.5,0.9,X,,home\n";
    ContractChecker checker = ContractChecker.builder(c).featuresUsed(List.of("age", "mrn")).build();
    ContractResult fromCsv;
    try (CsvReader r = CsvReader.of(new StringReader(csv), "batch")) {
      fromCsv = checker.check(r);
    }
    Columns cols = Columns.builder()
        .add("age", new double[] {67, 17, Double.NaN, 70.5})
        .add("creatinine", new double[] {1.1, Double.NaN, 25.5, 0.9})
        .add("sex", new String[] {"F", "U", "M", "X"})
        .add("mrn", new String[] {"MRN-1", "MRN-2", "MRN-3", null})
        .add("discharge_disposition", new String[] {"home", "snf", "home", "home"})
        .build();
    ContractResult fromHost = checker.check(cols, "batch");
    assertEquals(Json.prettyInOrder(fromCsv.toJson()), Json.prettyInOrder(fromHost.toJson()));
    assertEquals(ContractResult.Status.FAIL, fromHost.status());
    assertEquals(List.of("type", "range", "maxMissing", "range", "allowed", "phi", "allowedAtInference"),
        fromHost.violations().stream().map(v -> v.rule().id()).collect(java.util.stream.Collectors.toList()));
  }

  @Test
  void columns_ofDifferentLengthsOrNumbersForText_areInputErrors() {
    InputException e = assertThrows(InputException.class, () -> Columns.builder()
        .add("age", new double[] {1, 2}).add("sex", new String[] {"F"}).build());
    assertEquals("ERROR: columns: column \"sex\" has 1 values, expected 2 as in column \"age\"\n"
        + "hint: every column needs one value per row; mark a missing value with NaN or null", e.getMessage());
    DataContract c = DataContracts.parse(YAML, "a.yaml");
    InputException wrongType = assertThrows(InputException.class, () -> ContractChecker.builder(c).build()
        .check(Columns.builder().add("sex", new double[] {1}).build(), "batch"));
    assertEquals("ERROR: columns: column \"sex\" is declared category but was given as numbers\n"
        + "hint: pass it as a String[]", wrongType.getMessage());
  }

  @Test
  void check_reportsProgressEvery65536Rows() {
    DataContract c = DataContracts.parse(YAML, "a.yaml");
    StringBuilder csv = new StringBuilder("age\n");
    for (int i = 0; i < 140_000; i++) {
      csv.append(20 + i % 80).append('\n');
    }
    AtomicLong last = new AtomicLong();
    List<Long> calls = new ArrayList<>();
    ContractChecker checker = ContractChecker.builder(c).progress(n -> {
      calls.add(n);
      last.set(n);
    }).build();
    try (CsvReader r = CsvReader.of(new StringReader(csv.toString()), "big")) {
      ContractResult result = checker.check(r);
      assertEquals(140_000, result.rows());
      assertFalse(result.passed(), "required columns are absent");
    }
    assertEquals(List.of(65_536L, 131_072L), calls);
  }

  @Test
  void check_withWorkerThreads_givesTheSameResultAsOneThread() {
    String yaml = "apiVersion: clinigate/v1\nkind: DataContract\nmetadata: {name: wide, version: 1}\nspec:\n"
        + "  primaryKey: [id]\n  features:\n"
        + "    - {name: id, type: string, pattern: \"R[0-9]+\"}\n"
        + "    - {name: x, type: number, range: [0, 90], unique: true}\n"
        + "    - {name: k, type: integer, allowed: [0, 1, 2, 3, 4, 5], maxMissingBy: {column: [g], max: 0.01}}\n"
        + "    - {name: g, type: category, allowed: [a, b, c]}\n"
        + "    - {name: t, type: timestamp}\n";
    DataContract c = DataContracts.parse(yaml, "wide.yaml");
    StringBuilder csv = new StringBuilder("id,x,k,g,t\n");
    java.util.SplittableRandom random = new java.util.SplittableRandom(5);
    for (int i = 0; i < 50_000; i++) {
      csv.append(i % 997 == 0 ? "Q" : "R").append(i % 20_011).append(',')
          .append(random.nextInt(100_000) / 1000.0).append(',')
          .append(random.nextInt(50) == 0 ? "" : Integer.toString(random.nextInt(7))).append(',')
          .append("abcd".charAt(random.nextInt(4))).append(',')
          .append(i % 5_000 == 0 ? "yesterday" : "2026-11-22T0" + random.nextInt(10) + ":00:00Z").append('\n');
    }
    String expected = null;
    for (int threads : new int[] {1, 2, 5}) {
      try (CsvReader r = CsvReader.of(new StringReader(csv.toString()), "wide.csv")) {
        String json = Json.prettyInOrder(ContractChecker.builder(c).threads(threads).build().check(r).toJson());
        if (expected == null) {
          expected = json;
          assertEquals(7, ContractChecker.builder(c).build().check(Columns.builder().build(), "none").violations()
              .size(), "sanity: an empty batch breaks required and rows");
        } else {
          assertEquals(expected, json, threads + " threads");
        }
      }
    }
    assertTrue(expected.contains("\"rule\": \"unique\""), expected);
    assertTrue(expected.contains("\"rule\": \"maxMissingBy\""), expected);
    assertTrue(expected.contains("\"rule\": \"primaryKey\""), expected);
  }

  @Test
  void columnProfile_refusesValuesForPhiOrUndeclaredColumns() {
    assertThrows(IllegalArgumentException.class, () -> new ColumnProfile("mrn", Optional.of(Feature.Type.INTEGER),
        true, 1, 0, 0, OptionalDouble.of(1), OptionalDouble.of(1), OptionalDouble.empty(), 1, true,
        Optional.empty()));
    assertThrows(IllegalArgumentException.class, () -> new ColumnProfile("x", Optional.empty(), false, 1, 0, 0,
        OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), 1, true,
        Optional.of(JsonObject.empty())));
  }
}
