package dev.clinigate.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.InputException;
import dev.clinigate.contracts.ColumnProfile;
import dev.clinigate.contracts.Columns;
import dev.clinigate.contracts.ContractChecker;
import dev.clinigate.contracts.ContractResult;
import dev.clinigate.contracts.DataContract;
import dev.clinigate.contracts.DataContracts;
import dev.clinigate.contracts.DataProfile;
import dev.clinigate.contracts.Rule;
import dev.clinigate.contracts.Violation;
import dev.clinigate.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Contract checks on Spark against the single-machine checker on the same rows. */
class SparkContractsTest {
  static final String CONTRACT = String.join("\n",
      "apiVersion: clinigate/v1",
      "kind: DataContract",
      "metadata: {name: spark-features, version: 1}",
      "spec:",
      "  rows: {min: 5000}",
      "  freshness: {column: extracted_at, maxAge: 24h}",
      "  primaryKey: [encounter_id]",
      "  missingValues: ['', NA, '-1']",
      "  features:",
      "    - {name: encounter_id, type: string, unique: true, pattern: 'E-[0-9]{6}', allowedAtInference: false}",
      "    - {name: mrn, type: string, phi: true, maxMissing: 0.0, unique: true, pattern: 'MRN-[0-9]{6}',"
          + " allowedAtInference: false}",
      "    - {name: age, type: integer, unit: years, range: [18, 120], maxMissing: 0.0,"
          + " drift: {method: psi, max: 0.05}}",
      "    - {name: creatinine, type: number, unit: mg/dL, range: [0.1, 20], maxMissing: 0.05,"
          + " maxMissingBy: {column: [sex, smoker], max: 0.07}, drift: {method: js_distance, max: 0.5}}",
      "    - {name: sex, type: category, allowed: [F, M, X], drift: {method: psi, max: 0.2}}",
      "    - {name: smoker, type: boolean, allowed: ['false']}",
      "    - {name: admitted, type: date}",
      "    - {name: extracted_at, type: timestamp}",
      "    - {name: discharge_disposition, type: category, availableAt: after_outcome}",
      "");

  static final StructType SCHEMA = new StructType()
      .add("encounter_id", DataTypes.StringType)
      .add("mrn", DataTypes.StringType)
      .add("age", DataTypes.DoubleType)
      .add("creatinine", DataTypes.DoubleType)
      .add("sex", DataTypes.StringType)
      .add("smoker", DataTypes.BooleanType)
      .add("admitted", DataTypes.DateType)
      .add("extracted_at", DataTypes.TimestampType)
      .add("note", DataTypes.StringType)
      .add("weight", DataTypes.DoubleType);

  private final SparkSession spark = LocalSpark.get();

  /** Column arrays of n seeded rows; shift moves the current data away from the reference. */
  static Object[][] generate(long seed, int n, double shift) {
    SplittableRandom r = new SplittableRandom(seed);
    Object[][] rows = new Object[n][];
    for (int i = 0; i < n; i++) {
      String id = String.format(Locale.ROOT, i % 250 == 249 ? "e-%06d" : "E-%06d", i == 17 || i == 900 ? 3 : i);
      String mrn = i % 97 == 5 ? null : String.format(Locale.ROOT, i % 333 == 1 ? "MRN%06d" : "MRN-%06d",
          r.nextInt(1_000_000));
      double age = 18 + Math.floor(r.nextDouble() * 70 + shift * 10);
      if (i % 211 == 7) {
        age = 130;
      } else if (i % 307 == 11) {
        age = 45.5;
      } else if (i % 401 == 13) {
        age = -1; // a missing token, compared numerically
      } else if (i % 503 == 17) {
        age = Double.NaN;
      }
      double creatinine = r.nextDouble() < 0.07 ? Double.NaN : Math.exp(r.nextGaussian() * 0.4 + shift * 0.3);
      if (i % 499 == 3) {
        creatinine = Double.POSITIVE_INFINITY;
      }
      String sex = i % 151 == 9 ? "U" : i % 173 == 1 ? "NA" : new String[] {"F", "M", "X"}[r.nextInt(3)];
      Boolean smoker = i % 41 == 0 ? null : r.nextDouble() < 0.2;
      LocalDate admitted = LocalDate.of(2026, 11, 1).plusDays(r.nextInt(20));
      Instant extracted = Instant.parse("2026-11-20T00:00:00Z").plusSeconds(r.nextInt(86_400));
      String note = r.nextDouble() < 0.5 ? null : "n" + r.nextInt(50);
      double weight = 50 + r.nextDouble() * 50;
      rows[i] = new Object[] {id, mrn, age, creatinine, sex, smoker, admitted, extracted, note, weight};
    }
    return rows;
  }

  static Columns columns(Object[][] rows) {
    int n = rows.length;
    String[] id = new String[n];
    String[] mrn = new String[n];
    double[] age = new double[n];
    double[] creatinine = new double[n];
    String[] sex = new String[n];
    String[] smoker = new String[n];
    String[] admitted = new String[n];
    String[] extracted = new String[n];
    String[] note = new String[n];
    double[] weight = new double[n];
    for (int i = 0; i < n; i++) {
      Object[] r = rows[i];
      id[i] = (String) r[0];
      mrn[i] = (String) r[1];
      age[i] = (double) r[2];
      creatinine[i] = (double) r[3];
      sex[i] = (String) r[4];
      smoker[i] = r[5] == null ? null : r[5].toString();
      admitted[i] = r[6].toString();
      extracted[i] = r[7].toString();
      note[i] = (String) r[8];
      weight[i] = (double) r[9];
    }
    return Columns.builder().add("encounter_id", id).add("mrn", mrn).add("age", age).add("creatinine", creatinine)
        .add("sex", sex).add("smoker", smoker).add("admitted", admitted).add("extracted_at", extracted)
        .add("note", note).add("weight", weight).build();
  }

  Dataset<Row> dataset(Object[][] rows, int partitions) {
    List<Row> list = new ArrayList<>();
    for (Object[] r : rows) {
      Object[] v = r.clone();
      v[6] = Date.valueOf((LocalDate) r[6]);
      v[7] = Timestamp.from((Instant) r[7]);
      list.add(RowFactory.create(v));
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    return spark.createDataFrame(jsc.parallelize(list, partitions), SCHEMA);
  }

  static Path referenceCsv(Path dir) throws IOException {
    Object[][] rows = generate(99L, 4000, 0.0);
    StringBuilder b = new StringBuilder("encounter_id,mrn,age,creatinine,sex,smoker,admitted,extracted_at\n");
    for (Object[] r : rows) {
      b.append(r[0]).append(",MRN-000001,").append(Double.isNaN((double) r[2]) ? "" : num((double) r[2]))
          .append(',').append(Double.isNaN((double) r[3]) || Double.isInfinite((double) r[3]) ? ""
              : num((double) r[3]))
          .append(',').append(r[4]).append(',').append(r[5] == null ? "" : r[5]).append(',').append(r[6])
          .append(',').append(r[7]).append('\n');
    }
    Path csv = dir.resolve("reference.csv");
    Files.writeString(csv, b.toString(), StandardCharsets.UTF_8);
    return csv;
  }

  private static String num(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  @Test
  void check_partitionings1And3And17_sameResultAsSingleMachineChecker(@TempDir Path dir) throws IOException {
    DataContract contract = DataContracts.parse(CONTRACT, "spark-features.contract.yaml");
    DataProfile reference = DataProfile.of(referenceCsv(dir), contract);
    Instant at = Instant.parse("2026-11-22T06:00:00Z");
    List<String> inputs = List.of("age", "creatinine", "sex", "discharge_disposition", "mrn");
    Object[][] rows = generate(7L, 3000, 0.5);
    ContractResult expected = ContractChecker.builder(contract).reference(reference).evaluatedAt(at)
        .featuresUsed(inputs).build().check(columns(rows), "current");
    for (int partitions : new int[] {1, 3, 17}) {
      ContractResult onSpark = SparkContracts.builder(contract).reference(reference).evaluatedAt(at)
          .featuresUsed(inputs).build().check(dataset(rows, partitions), "current");
      Close.assertClose(expected.toJson(), onSpark.toJson(), 1e-12); // means: exact sum vs running sum
      assertEquals(expected.violations().size(), onSpark.violations().size());
    }
    // the data exercises every supported rule
    List<Rule> rules = expected.violations().stream().map(Violation::rule).distinct().toList();
    assertEquals(List.of(Rule.ROWS, Rule.PATTERN, Rule.UNIQUE, Rule.MAX_MISSING, Rule.TYPE, Rule.RANGE,
        Rule.DRIFT, Rule.MAX_MISSING_BY, Rule.ALLOWED, Rule.REQUIRED, Rule.PRIMARY_KEY, Rule.FRESHNESS,
        Rule.AVAILABLE_AT, Rule.PHI, Rule.ALLOWED_AT_INFERENCE), rules);
  }

  @Test
  void profile_sameDataProfileAsFromTheSameRowsAsCsv(@TempDir Path dir) throws IOException {
    DataContract contract = DataContracts.parse(CONTRACT, "spark-features.contract.yaml");
    Object[][] rows = generate(99L, 4000, 0.0);
    StringBuilder b = new StringBuilder("encounter_id,mrn,age,creatinine,sex,smoker,admitted,extracted_at,note\n");
    for (Object[] r : rows) {
      b.append(r[0]).append(',').append(r[1] == null ? "" : r[1]).append(',').append(text((double) r[2]))
          .append(',').append(text((double) r[3])).append(',').append(r[4]).append(',')
          .append(r[5] == null ? "" : r[5]).append(',').append(r[6]).append(',').append(r[7]).append(',')
          .append(r[8] == null ? "" : r[8]).append('\n');
    }
    Path csv = dir.resolve("reference.csv");
    Files.writeString(csv, b.toString(), StandardCharsets.UTF_8);
    DataProfile expected = DataProfile.of(csv, contract);
    DataProfile onSpark = SparkContracts.builder(contract).build()
        .profile(dataset(rows, 3).drop("weight"), csv.toString()); // partitionings: see the check test
    Close.assertClose(expected.toJson(), onSpark.toJson(), 1e-12);
    assertEquals(List.of("age", "creatinine", "sex", "smoker"), List.copyOf(expected.references().keySet()));
  }

  private static String text(double v) {
    return Double.isNaN(v) ? "" : Double.isInfinite(v) ? "Infinity" : num(v);
  }

  @Test
  void check_phiColumn_noValueReachesTheResult() {
    DataContract contract = DataContracts.parse(CONTRACT, "spark-features.contract.yaml");
    Object[][] rows = generate(3L, 500, 0.0);
    ContractResult r = SparkContracts.builder(contract).build().check(dataset(rows, 2), "current");
    ColumnProfile mrn = r.column("mrn").orElseThrow();
    assertTrue(mrn.phi());
    assertFalse(mrn.min().isPresent() || mrn.mean().isPresent() || mrn.drift().isPresent());
    String json = Json.canonical(r.toJson());
    for (Object[] row : rows) {
      if (row[1] != null) {
        assertFalse(json.contains((String) row[1]), "a PHI value reached the result");
      }
    }
    Violation missing = r.violations().stream().filter(v -> v.column().orElse("").equals("mrn")
        && v.rule() == Rule.MAX_MISSING).findFirst().orElseThrow();
    assertEquals("mrn: 6 values are missing, but no missing value is allowed (rows 6, 103, 200, 297, 394, ...)",
        missing.message());
  }

  @Test
  void unsupportedRules_refusedUpFront() {
    DataContract contract = DataContracts.parse(CONTRACT.replace("method: js_distance", "method: ks"), "c.yaml");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkContracts.builder(contract));
    assertEquals("contract spark-features uses rules that are not evaluated on Spark: creatinine: drift ks; check"
        + " with ContractChecker, or use psi or js_distance", e.getMessage());
  }

  @Test
  void wrongSparkType_inputException() {
    DataContract contract = DataContracts.parse(CONTRACT, "spark-features.contract.yaml");
    StructType schema = new StructType().add("age", DataTypes.StringType);
    InputException e = assertThrows(InputException.class, () -> SparkContracts.builder(contract).build()
        .check(Synthetic.rows(spark, schema, new Object[] {"42"}), "current"));
    assertEquals("column \"age\" is declared integer but was given as string", e.problems().get(0).message());
  }
}
