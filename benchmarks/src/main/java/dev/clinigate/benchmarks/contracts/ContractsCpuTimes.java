package dev.clinigate.benchmarks.contracts;

import dev.clinigate.contracts.ContractChecker;
import dev.clinigate.contracts.CsvReader;
import dev.clinigate.contracts.DataContract;
import dev.clinigate.contracts.DataContracts;
import dev.clinigate.contracts.DataProfile;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import org.everit.json.schema.Schema;
import org.everit.json.schema.ValidationException;
import org.everit.json.schema.loader.SchemaLoader;
import org.json.JSONObject;
import org.json.JSONTokener;

/**
 * The same comparison as {@link ContractsBenchmark}, measured as the CPU time of the calling thread
 * (best of N rounds, the four measurements interleaved in each round): on a shared machine, wall times
 * swing with other jobs, CPU times much less. Single-threaded check only.
 * <pre>
 * java -Xmx1g -cp benchmarks/target/benchmarks.jar dev.clinigate.benchmarks.contracts.ContractsCpuTimes 8
 * </pre>
 */
public final class ContractsCpuTimes {
  private ContractsCpuTimes() {}

  /** Argument: rounds (default 8). */
  public static void main(String[] args) throws IOException {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    Path dir = Files.createTempDirectory("clinigate-contracts-cpu");
    Path data = dir.resolve("data.csv");
    Path scrambled = dir.resolve("scrambled.csv");
    Path reference = dir.resolve("reference.csv");
    try {
      ContractsData.writeCsv(data, ContractsBenchmark.ROWS, 42, 1.0);
      ContractsData.writeCsv(scrambled, ContractsBenchmark.ROWS, 42, 1.0, true);
      ContractsData.writeCsv(reference, 100_000, 7, 0.0);
      DataContract contract = DataContracts.parse(ContractsData.contractYaml(), "benchmark.contract.yaml");
      ContractChecker checker = ContractChecker.builder(contract).reference(DataProfile.of(reference, contract))
          .evaluatedAt(Instant.parse("2026-11-23T00:00:00Z")).build();
      Schema everit = SchemaLoader.builder().schemaJson(new JSONObject(new JSONTokener(ContractsData.everitSchema())))
          .draftV7Support().build().load().build();
      ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
      long parse = Long.MAX_VALUE;
      long check = Long.MAX_VALUE;
      long checkScrambled = Long.MAX_VALUE;
      long everitSample = Long.MAX_VALUE;
      long sink = 0;
      for (int round = 0; round < rounds; round++) {
        long t0 = cpu.getCurrentThreadCpuTime();
        try (CsvReader r = CsvReader.open(data)) {
          int w = r.columnCount();
          while (r.next()) {
            for (int i = 0; i < w; i++) {
              sink += r.chars(i).length();
            }
          }
        }
        long t1 = cpu.getCurrentThreadCpuTime();
        sink += checker.check(data).violations().size();
        long t2 = cpu.getCurrentThreadCpuTime();
        sink += checker.check(scrambled).violations().size();
        long t3 = cpu.getCurrentThreadCpuTime();
        try (CsvReader r = CsvReader.open(data)) {
          String[] names = r.header().toArray(new String[0]);
          for (int row = 0; row < ContractsBenchmark.EVERIT_ROWS && r.next(); row++) {
            JSONObject o = new JSONObject();
            for (int i = 0; i < names.length; i++) {
              o.put(names[i], ContractsBenchmark.typed(r, i));
            }
            try {
              everit.validate(o);
            } catch (ValidationException e) {
              sink++;
            }
          }
        }
        long t4 = cpu.getCurrentThreadCpuTime();
        parse = Math.min(parse, t1 - t0);
        check = Math.min(check, t2 - t1);
        checkScrambled = Math.min(checkScrambled, t3 - t2);
        everitSample = Math.min(everitSample, t4 - t3);
      }
      double everitAll = everitSample * ((double) ContractsBenchmark.ROWS / ContractsBenchmark.EVERIT_ROWS);
      System.out.printf(Locale.ROOT, "CPU time, best of %d rounds, %,d rows x 20 columns:%n", rounds,
          ContractsBenchmark.ROWS);
      System.out.printf(Locale.ROOT, "  parse only              %,6d ms%n", parse / 1_000_000);
      System.out.printf(Locale.ROOT, "  check                   %,6d ms  %.2fx parse%n", check / 1_000_000,
          (double) check / parse);
      System.out.printf(Locale.ROOT, "  check, scrambled keys   %,6d ms  %.2fx parse%n", checkScrambled / 1_000_000,
          (double) checkScrambled / parse);
      System.out.printf(Locale.ROOT, "  everit, %,d rows       %,6d ms  -> %,d ms for all rows: %.1fx the check, %.1fx "
              + "the scrambled check%n", ContractsBenchmark.EVERIT_ROWS, everitSample / 1_000_000,
          (long) everitAll / 1_000_000, everitAll / check, everitAll / checkScrambled);
      if (sink == Long.MIN_VALUE) {
        System.out.println(); // keeps the work observable
      }
    } finally {
      Files.deleteIfExists(data);
      Files.deleteIfExists(scrambled);
      Files.deleteIfExists(reference);
      Files.deleteIfExists(dir);
    }
  }
}
