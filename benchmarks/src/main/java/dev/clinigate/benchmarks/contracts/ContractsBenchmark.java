package dev.clinigate.benchmarks.contracts;

import dev.clinigate.contracts.ContractChecker;
import dev.clinigate.contracts.ContractResult;
import dev.clinigate.contracts.CsvReader;
import dev.clinigate.contracts.DataContract;
import dev.clinigate.contracts.DataContracts;
import dev.clinigate.contracts.DataProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.everit.json.schema.Schema;
import org.everit.json.schema.ValidationException;
import org.everit.json.schema.loader.SchemaLoader;
import org.json.JSONObject;
import org.json.JSONTokener;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A 1,000,000-row x 20-column CSV (generated into a temporary file by {@link ContractsData}, ids
 * increasing as in most extracts; a second file has them scrambled) checked
 * against the 20-feature contract with drift against a 100,000-row reference profile, compared in the
 * same run with (a) merely parsing the file with the same {@link CsvReader}, and (b) validating rows as
 * JSON objects with everit-json-schema: parse, build a {@link JSONObject} of typed values, validate. (b)
 * runs on the first {@value #EVERIT_ROWS} rows; multiply by {@code 1,000,000 / EVERIT_ROWS} for the
 * whole file. Run: see benchmarks/README.md, section "Contracts".
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class ContractsBenchmark {
  /** Rows of the data file. */
  public static final int ROWS = 1_000_000;
  /** Rows validated by everit per invocation (the whole file would take minutes). */
  public static final int EVERIT_ROWS = 20_000;

  Path dir;
  Path data;
  Path shuffled;
  ContractChecker checker;
  ContractChecker checkerTwoThreads;
  Schema everit;

  @Setup
  public void setup() throws IOException {
    dir = Files.createTempDirectory("clinigate-contracts-bench");
    data = dir.resolve("data.csv");
    Path reference = dir.resolve("reference.csv");
    ContractsData.writeCsv(data, ROWS, 42, 1.0);
    shuffled = dir.resolve("shuffled.csv");
    ContractsData.writeCsv(shuffled, ROWS, 42, 1.0, true);
    ContractsData.writeCsv(reference, 100_000, 7, 0.0);
    DataContract contract = DataContracts.parse(ContractsData.contractYaml(), "benchmark.contract.yaml");
    DataProfile profile = DataProfile.of(reference, contract);
    checker = ContractChecker.builder(contract).reference(profile)
        .evaluatedAt(Instant.parse("2026-11-23T00:00:00Z")).build();
    checkerTwoThreads = ContractChecker.builder(contract).reference(profile)
        .evaluatedAt(Instant.parse("2026-11-23T00:00:00Z")).threads(2).build();
    everit = SchemaLoader.builder().schemaJson(new JSONObject(new JSONTokener(ContractsData.everitSchema())))
        .draftV7Support().build().load().build();
  }

  @TearDown
  public void tearDown() throws IOException {
    Files.deleteIfExists(data);
    Files.deleteIfExists(shuffled);
    Files.deleteIfExists(dir.resolve("reference.csv"));
    Files.deleteIfExists(dir);
  }

  /** Baseline: parse every field of every row with the same reader, touching each field. */
  @Benchmark
  public long parseOnly() {
    long n = 0;
    try (CsvReader r = CsvReader.open(data)) {
      int w = r.columnCount();
      while (r.next()) {
        for (int i = 0; i < w; i++) {
          n += r.chars(i).length();
        }
      }
    }
    return n;
  }

  /** The contract check: every rule, the profile of every column, drift of 18 features. */
  @Benchmark
  public ContractResult check() {
    return checker.check(data);
  }

  /**
   * The same check on the same rows with their ids in scrambled order: the primary key needs its hash
   * table (a random memory access per row) instead of the sorted-run fast path.
   */
  @Benchmark
  public ContractResult checkShuffledKeys() {
    return checker.check(shuffled);
  }

  /** The same check with two worker threads checking columns while the calling thread parses. */
  @Benchmark
  public ContractResult checkTwoThreads() {
    return checkerTwoThreads.check(data);
  }

  /** The everit baseline on the first {@value #EVERIT_ROWS} rows: returns the number of invalid rows. */
  @Benchmark
  public int everitSample(Blackhole bh) {
    int invalid = 0;
    try (CsvReader r = CsvReader.open(data)) {
      String[] names = r.header().toArray(new String[0]);
      for (int row = 0; row < EVERIT_ROWS && r.next(); row++) {
        JSONObject o = new JSONObject();
        for (int i = 0; i < names.length; i++) {
          o.put(names[i], typed(r, i));
        }
        try {
          everit.validate(o);
        } catch (ValidationException e) {
          invalid++;
        }
        bh.consume(o);
      }
    }
    return invalid;
  }

  /** A field as the JSON value everit validates: null when empty, else a string, a long or a double. */
  static Object typed(CsvReader r, int i) {
    if (r.isEmpty(i)) {
      return JSONObject.NULL;
    }
    if (i == 0 || i >= 16) {
      return r.field(i);
    }
    if (i >= 13) {
      return Long.parseLong(r.field(i));
    }
    return Double.parseDouble(r.field(i));
  }
}
