package dev.clinigate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.json.Json;
import dev.clinigate.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {
  private static final String PIMA_CONTRACT = "../samples/contracts/pima.contract.yaml";
  private static final String PIMA = "../samples/data/pima_diabetes.csv";
  private static final String READMISSION_CONTRACT = "../samples/contracts/readmission-features.contract.yaml";
  private static final String NIGHTLY = "../samples/data/readmission_features.csv";
  private static final String TRAINING = "../samples/data/readmission_features_train.csv";

  @Test
  void check_pimaSample_failsOnZeroCodedInsulinWithExitOne() {
    CliRunner r = CliRunner.run("check", "--contract", PIMA_CONTRACT, "--data", PIMA);
    assertEquals(1, r.exit(), r.err());
    assertEquals("FAIL: contract pima-diabetes-features v1 on ../samples/data/pima_diabetes.csv: 768 rows, "
        + "1 violation\n"
        + "  maxMissing  serum_insulin: 48.7% of values are missing (374 of 768), above the maximum 20% "
        + "(rows 1, 2, 3, 6, 8, ...)\n"
        + "columns:\n", r.out().substring(0, r.out().indexOf("columns:\n") + 9));
    assertTrue(r.out().contains("  blood_pressure          integer   768       35        0     24   122        46\n"),
        r.out());
    assertEquals("", r.err());
  }

  @Test
  void check_jsonResult_isEvidenceWithStatusAndIdentity() {
    CliRunner r = CliRunner.run("check", "--contract", PIMA_CONTRACT, "--data", PIMA, "--format", "json");
    assertEquals(1, r.exit(), r.err());
    JsonObject result = (JsonObject) Json.parse(r.out(), "stdout").root();
    assertEquals("\"FAIL\"", result.get("status").orElseThrow().toString());
    JsonObject contract = (JsonObject) result.get("contract").orElseThrow();
    assertEquals("\"pima-diabetes-features\"", contract.get("name").orElseThrow().toString());
    assertEquals("1", contract.get("version").orElseThrow().toString());
    assertEquals(66, contract.get("sha256").orElseThrow().toString().length());
    assertEquals(r.out(), CliRunner.run("check", "--format=JSON", "--data", PIMA, "--contract", PIMA_CONTRACT).out());
  }

  @Test
  void check_passingData_exitsZero(@TempDir Path dir) throws IOException {
    Path relaxed = dir.resolve("pima.contract.yaml");
    Files.writeString(relaxed, Files.readString(Path.of(PIMA_CONTRACT), StandardCharsets.UTF_8)
        .replace("range: [10, 900], maxMissing: 0.2}", "range: [10, 900], maxMissing: 0.5}"), StandardCharsets.UTF_8);
    CliRunner r = CliRunner.run("check", "--contract", relaxed.toString(), "--data", PIMA);
    assertEquals(0, r.exit(), r.out());
    assertTrue(r.out().startsWith("PASS: contract pima-diabetes-features v1 on ../samples/data/pima_diabetes.csv: "
        + "768 rows, 0 violations\n"), r.out());
  }

  @Test
  void check_nightlyBatchAgainstTraining_catchesEverythingWithoutShowingPhi() {
    CliRunner r = CliRunner.run("check", "--contract", READMISSION_CONTRACT, "--data", NIGHTLY, "--reference", TRAINING,
        "--at", "2026-11-23T00:00:00Z", "--features-used", "age,sex,creatinine,mrn,discharge_disposition");
    assertEquals(1, r.exit(), r.err());
    String[] lines = r.out().split("\n");
    assertEquals("FAIL: contract readmission-features v2 on ../samples/data/readmission_features.csv: 2,000 rows, "
        + "7 violations (evaluated at 2026-11-23T00:00:00Z)", lines[0]);
    assertEquals("  drift               age: psi is 0.2329 against the reference, above the maximum 0.2", lines[1]);
    assertTrue(lines[2].startsWith("  range               creatinine: 38 values are outside the range [0.1, 20] mg/dL"),
        lines[2]);
    assertTrue(lines[3].startsWith("  maxMissingBy        creatinine: 15.02% of values are missing for site=east "
        + "(102 of 679), above the maximum 10%"), lines[3]);
    assertEquals("  primaryKey          primary key (encounter_id): 1 row repeats an earlier key (row 2000)", lines[4]);
    assertEquals("  phi                 model input \"mrn\" is a phi column: protected health information must not be "
        + "a model input", lines[5]);
    assertEquals("  allowedAtInference  model input \"mrn\" is not allowed at inference (allowedAtInference: false)",
        lines[6]);
    assertEquals("  availableAt         model input \"discharge_disposition\" is only known after the outcome "
        + "(availableAt: after_outcome): using it is leakage", lines[7]);
    CliRunner json = CliRunner.run("check", "--contract", READMISSION_CONTRACT, "--data", NIGHTLY, "--reference",
        TRAINING, "--format", "json");
    assertFalse(r.out().contains("MRN-"), "PHI in the text report");
    assertFalse(json.out().contains("MRN-"), "PHI in the JSON report");
    assertTrue(json.out().contains("\"message\": \"freshness of \\\"extracted_at\\\" was not evaluated: no evaluation "
        + "time was given\""), json.out());
  }

  @Test
  void profileThenCheck_givesTheSameResultAsTheReferenceCsv(@TempDir Path dir) throws IOException {
    Path profile = dir.resolve("training.profile.json");
    CliRunner p = CliRunner.run("profile", "--data", TRAINING, "--contract", READMISSION_CONTRACT, "--out",
        profile.toString());
    assertEquals(0, p.exit(), p.err());
    assertEquals("profiled 3,000 rows and 8 columns of ../samples/data/readmission_features_train.csv "
        + "(5 drift references) into " + profile + "\n", p.out());
    assertEquals("", p.err());
    String saved = Files.readString(profile, StandardCharsets.UTF_8);
    assertFalse(saved.contains("MRN-"), "PHI in the profile");
    assertTrue(saved.startsWith("{\n  \"apiVersion\": \"clinigate/v1\",\n  \"kind\": \"DataProfile\",\n"), saved);

    CliRunner viaProfile = CliRunner.run("check", "--contract", READMISSION_CONTRACT, "--data", NIGHTLY, "--profile",
        profile.toString(), "--at", "2026-11-23T00:00:00Z", "--format", "json");
    CliRunner viaCsv = CliRunner.run("check", "--contract", READMISSION_CONTRACT, "--data", NIGHTLY, "--reference",
        TRAINING, "--at", "2026-11-23T00:00:00Z", "--format", "json");
    assertEquals(1, viaProfile.exit(), viaProfile.err());
    assertEquals(viaCsv.out(), viaProfile.out());
  }

  @Test
  void profile_withoutContract_warnsThatEveryColumnIsProfiled(@TempDir Path dir) {
    Path out = dir.resolve("pima.profile.json");
    CliRunner p = CliRunner.run("profile", "--data", PIMA, "--out", out.toString());
    assertEquals(0, p.exit(), p.err());
    assertEquals("note: no --contract: column types are inferred and every column is profiled with its values; give "
        + "the contract so that phi columns stay out of the profile\n", p.err());
    assertTrue(p.out().startsWith("profiled 768 rows and 9 columns of ../samples/data/pima_diabetes.csv "
        + "(9 drift references) into "), p.out());
  }

  @Test
  void check_badContract_exitTwoWithLocatedErrors(@TempDir Path dir) throws IOException {
    Path contract = dir.resolve("c.yaml");
    Files.writeString(contract, "apiVersion: clinigate/v1\nkind: DataContract\nmetadata: {name: x, version: 1}\n"
        + "spec:\n  features:\n    - {name: age, type: integer, rnage: [0, 120]}\n", StandardCharsets.UTF_8);
    CliRunner r = CliRunner.run("check", "--contract", contract.toString(), "--data", PIMA);
    assertEquals(2, r.exit());
    assertEquals("ERROR: " + contract + ":6:34: unknown key \"rnage\"\n"
        + "    - {name: age, type: integer, rnage: [0, 120]}\n"
        + "                                 ^\n"
        + "hint: did you mean \"range\"?\n", r.err());
    assertEquals("", r.out());
  }

  @Test
  void check_raggedCsv_exitTwoNamingTheLine(@TempDir Path dir) throws IOException {
    Path data = dir.resolve("d.csv");
    Files.writeString(data, "age\n1\n2,3\n", StandardCharsets.UTF_8);
    CliRunner r = CliRunner.run("check", "--contract", PIMA_CONTRACT, "--data", data.toString());
    assertEquals(2, r.exit());
    assertEquals("ERROR: " + data + ":3: row 2 has 2 fields, expected 1 as in the header\n"
        + "hint: quote a value that contains a comma, e.g. \"Smith, J\"\n", r.err());
  }

  @Test
  void check_referenceAndProfileTogether_isAUsageError() {
    CliRunner r = CliRunner.run("check", "--contract", PIMA_CONTRACT, "--data", PIMA, "--reference", PIMA,
        "--profile", "p.json");
    assertEquals(2, r.exit());
    assertEquals("ERROR: give --reference or --profile, not both\nhint: run 'clinigate check --help' for the options\n",
        r.err());
  }

  @Test
  void check_unknownOption_suggestsTheClosest() {
    CliRunner r = CliRunner.run("check", "--contract", PIMA_CONTRACT, "--data", PIMA, "--feature-used", "age");
    assertEquals(2, r.exit());
    assertEquals("ERROR: unknown option '--feature-used'\nhint: did you mean --features-used?\n", r.err());
  }
}
