package dev.clinigate.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The sample contracts in {@code samples/contracts} catch what they are meant to catch. */
class SamplesTest {
  private static final Path SAMPLES = Path.of("../samples");

  private static List<String> messages(ContractResult r) {
    return r.violations().stream().map(Violation::message).collect(Collectors.toList());
  }

  @Test
  void pimaContract_realData_catchesZeroCodedMissingInsulin() {
    DataContract c = DataContracts.load(SAMPLES.resolve("contracts/pima.contract.yaml"));
    ContractResult r = ContractChecker.builder(c).featuresUsed(List.of("oral_glucose_tolerance", "body_mass_index",
        "age", "positive")).build().check(SAMPLES.resolve("data/pima_diabetes.csv"));
    assertEquals(768, r.rows());
    assertEquals(List.of(
        "serum_insulin: 48.7% of values are missing (374 of 768), above the maximum 20% (rows 1, 2, 3, 6, 8, ...)",
        "model input \"positive\" is only known after the outcome (availableAt: after_outcome): using it is leakage"),
        messages(r));
    ColumnProfile bp = r.column("blood_pressure").orElseThrow();
    assertEquals(35, bp.missing());
    assertEquals(24.0, bp.min().getAsDouble());
  }

  @Test
  void readmissionContract_nightlyBatch_catchesUnitChangeSubgroupMissingnessDriftAndDuplicate() {
    DataContract c = DataContracts.load(SAMPLES.resolve("contracts/readmission-features.contract.yaml"));
    DataProfile training = DataProfile.of(SAMPLES.resolve("data/readmission_features_train.csv"), c);
    ContractResult r = ContractChecker.builder(c).reference(training)
        .evaluatedAt(Instant.parse("2026-11-23T00:00:00Z"))
        .featuresUsed(List.of("age", "sex", "creatinine", "mrn"))
        .build().check(SAMPLES.resolve("data/readmission_features.csv"));
    String text = r.toText();
    List<String> rules = r.violations().stream().map(v -> v.rule().id() + ":" + v.column().orElse(""))
        .collect(Collectors.toList());
    assertEquals(List.of("drift:age", "range:creatinine", "maxMissingBy:creatinine", "primaryKey:", "phi:mrn",
        "allowedAtInference:mrn"), rules, text);
    assertTrue(text.contains("creatinine: 38 values are outside the range [0.1, 20] mg/dL, e.g. "), text);
    assertTrue(text.contains("above the maximum 10% (rows "), text);
    assertTrue(text.contains("primary key (encounter_id): 1 row repeats an earlier key (row 2000)"), text);
    assertTrue(!text.contains("MRN-"), "PHI in the report");

    ContractResult clean = ContractChecker.builder(c).reference(training)
        .evaluatedAt(Instant.parse("2026-10-01T12:00:00Z"))
        .build().check(SAMPLES.resolve("data/readmission_features_train.csv"));
    assertTrue(clean.passed(), clean.toText());
  }

  @Test
  void readmissionSampleFiles_areWhatTheGeneratorMakes() throws IOException {
    assertEquals(ReadmissionFeatures.training(),
        Files.readString(SAMPLES.resolve("data/readmission_features_train.csv"), StandardCharsets.UTF_8));
    assertEquals(ReadmissionFeatures.nightly(),
        Files.readString(SAMPLES.resolve("data/readmission_features.csv"), StandardCharsets.UTF_8));
  }
}
