package dev.clinigate.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.InputException;
import dev.clinigate.json.Json;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Values of {@code phi: true} columns never reach any rendering: seeded, distinctive PHI values break
 * several rules, and every output is searched for them.
 */
class PhiTest {
  private static final String MRN = "MRN-ZZ-918273";
  private static final String DOB = "1961-04-12";
  private static final String SEEN = "2026-11-19T13:57:41Z";
  private static final List<String> SECRETS = List.of(MRN, "918273", DOB, SEEN, "2026-11-19T13:57");

  static final String CONTRACT = "apiVersion: clinigate/v1\n"
      + "kind: DataContract\n"
      + "metadata: {name: phi-guard, version: 1}\n"
      + "spec:\n"
      + "  primaryKey: [mrn]\n"
      + "  freshness: {column: seen_at, maxAge: 24h}\n"
      + "  features:\n"
      + "    - {name: mrn, type: string, phi: true, pattern: \"MRN-[0-9]{6}\", unique: true, allowed: [MRN-000001],"
      + " allowedAtInference: false}\n"
      + "    - {name: mrn_number, type: integer, phi: true, range: [1, 100], unique: true}\n"
      + "    - {name: dob, type: date, phi: true, allowed: [\"2000-01-01\"]}\n"
      + "    - {name: seen_at, type: timestamp, phi: true}\n"
      + "    - {name: age, type: integer, maxMissingBy: {column: [site], max: 0.0}}\n"
      + "    - {name: site, type: category}\n";

  static final String DATA = "mrn,mrn_number,dob,seen_at,age,site,patient\n"
      + MRN + ",918273," + DOB + "," + SEEN + ",67,east," + MRN + "\n"
      + MRN + ",918273," + DOB + "," + SEEN + ",,east," + MRN + "\n"
      + MRN + "," + MRN + "," + MRN + "," + MRN + ",54,west," + MRN + "\n";

  private static void assertClean(String rendering, String what) {
    for (String secret : SECRETS) {
      assertFalse(rendering.contains(secret), what + " leaks \"" + secret + "\":\n" + rendering);
    }
  }

  private static ContractResult check() {
    DataContract contract = DataContracts.parse(CONTRACT, "phi.contract.yaml");
    ContractChecker checker = ContractChecker.builder(contract)
        .evaluatedAt(Instant.parse("2026-11-23T00:00:00Z"))
        .featuresUsed(List.of("mrn", "age"))
        .build();
    try (CsvReader csv = CsvReader.of(new StringReader(DATA), "phi.csv")) {
      return checker.check(csv);
    }
  }

  @Test
  void check_phiValuesBreakingManyRules_neverAppearInAnyRendering() {
    ContractResult r = check();
    Set<String> broken = new TreeSet<>();
    r.violations().forEach(v -> broken.add(v.rule().id() + ":" + v.column().orElse("")));
    // the seeded values really did break these rules: the test would prove nothing otherwise
    assertEquals(new TreeSet<>(List.of("allowed:dob", "allowed:mrn", "allowedAtInference:mrn", "freshness:seen_at",
        "maxMissingBy:age", "pattern:mrn", "phi:mrn", "primaryKey:", "range:mrn_number", "type:dob", "type:mrn_number",
        "type:seen_at", "unique:mrn", "unique:mrn_number")), broken);
    List<String> renderings = new ArrayList<>();
    renderings.add(Json.prettyInOrder(r.toJson()));
    renderings.add(Json.canonical(r.toJson()));
    renderings.add(r.toText());
    renderings.add(r.toString());
    r.violations().forEach(v -> renderings.add(v.toString()));
    r.columns().forEach(c -> renderings.add(c.toString()));
    for (int i = 0; i < renderings.size(); i++) {
      assertClean(renderings.get(i), "rendering " + i);
    }
    ColumnProfile mrn = r.column("mrn").orElseThrow();
    assertTrue(mrn.phi());
    assertTrue(mrn.min().isEmpty() && mrn.max().isEmpty());
    assertEquals(3, mrn.rows());
  }

  @Test
  void check_inMemoryPhiColumns_neverShowValues() {
    DataContract contract = DataContracts.parse(CONTRACT, "phi.contract.yaml");
    Columns cols = Columns.builder()
        .add("mrn", new String[] {MRN, MRN, "MRN-000001"})
        .add("mrn_number", new double[] {918273, 918273, 5})
        .add("dob", new String[] {DOB, MRN, null})
        .add("seen_at", new String[] {SEEN, SEEN, MRN})
        .add("age", new double[] {67, Double.NaN, 54})
        .add("site", new String[] {"east", "east", "west"})
        .build();
    ContractResult r = ContractChecker.builder(contract).evaluatedAt(Instant.parse("2026-11-23T00:00:00Z")).build()
        .check(cols, "batch");
    assertEquals(ContractResult.Status.FAIL, r.status());
    assertTrue(r.violations().stream().anyMatch(v -> v.rule() == Rule.RANGE), r.toText());
    assertClean(Json.prettyInOrder(r.toJson()), "host JSON");
    assertClean(r.toText(), "host text");
  }

  @Test
  void csvErrors_inRowsHoldingPhi_neverQuoteTheValue() {
    DataContract contract = DataContracts.parse(CONTRACT, "phi.contract.yaml");
    ContractChecker checker = ContractChecker.builder(contract).build();
    String[] broken = {
        "mrn,age\n\"" + MRN + "\"x,1\n",               // character after a closing quote
        "mrn,age\n" + MRN + ",1," + MRN + "\n",      // ragged row
        "mrn,age\n\"" + MRN + ",1\n",                  // unclosed quote
    };
    for (String data : broken) {
      InputException e = assertThrows(InputException.class, () -> {
        try (CsvReader csv = CsvReader.of(new StringReader(data), "phi.csv")) {
          checker.check(csv);
        }
      });
      assertClean(e.getMessage(), "exception");
      assertClean(e.problems().toString(), "problems");
    }
  }
}
