package dev.clinigate.benchmarks.contracts;

import dev.clinigate.contracts.ContractChecker;
import dev.clinigate.contracts.ContractResult;
import dev.clinigate.contracts.DataContract;
import dev.clinigate.contracts.DataContracts;
import dev.clinigate.contracts.DataProfile;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

/**
 * Shows that memory does not grow with the file: generates a large CSV (default 2,048 MB) in a
 * temporary directory, checks it against the 20-feature contract with drift, prints the rows, the
 * time and the peak heap, and deletes the file. Run it with a small heap:
 * <pre>
 * java -Xmx256m -cp benchmarks/target/benchmarks.jar \
 *     dev.clinigate.benchmarks.contracts.ContractsLargeFileCheck 2048 /tmp
 * </pre>
 */
public final class ContractsLargeFileCheck {
  private ContractsLargeFileCheck() {}

  /** Arguments: size in MB (default 2048), directory for the temporary file (default the system's). */
  public static void main(String[] args) throws IOException {
    long megabytes = args.length > 0 ? Long.parseLong(args[0]) : 2048;
    Path parent = args.length > 1 ? Path.of(args[1]) : Path.of(System.getProperty("java.io.tmpdir"));
    Path dir = Files.createTempDirectory(parent, "clinigate-large-check");
    Path data = dir.resolve("large.csv");
    Path reference = dir.resolve("reference.csv");
    try {
      long rows = megabytes * 1024 * 1024 / 120; // a generated row is about 125 bytes: a little over the size asked
      long t0 = System.nanoTime();
      ContractsData.writeCsv(data, rows, 42, 1.0);
      ContractsData.writeCsv(reference, 100_000, 7, 0.0);
      long t1 = System.nanoTime();
      System.out.printf(Locale.ROOT, "generated %,d rows, %,d bytes in %.1f s%n", rows, Files.size(data),
          (t1 - t0) / 1e9);
      DataContract contract = DataContracts.parse(ContractsData.contractYaml(), "benchmark.contract.yaml");
      ContractChecker checker = ContractChecker.builder(contract).reference(DataProfile.of(reference, contract))
          .evaluatedAt(Instant.parse("2026-11-23T00:00:00Z")).build();
      resetPeaks();
      long t2 = System.nanoTime();
      ContractResult r = checker.check(data);
      long t3 = System.nanoTime();
      System.out.printf(Locale.ROOT, "checked %,d rows in %.1f s (%.0f MB/s): %s, %d violations; max heap %,d MB, "
              + "peak heap used during the check %,d MB%n", r.rows(), (t3 - t2) / 1e9,
          Files.size(data) / 1048576.0 / ((t3 - t2) / 1e9), r.status(), r.violations().size(),
          Runtime.getRuntime().maxMemory() / 1048576, peakHeap() / 1048576);
      r.violations().forEach(v -> System.out.println("  " + v.rule().id() + "  " + v.message()));
    } finally {
      Files.deleteIfExists(data);
      Files.deleteIfExists(reference);
      Files.deleteIfExists(dir);
    }
  }

  private static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        p.resetPeakUsage();
      }
    }
  }

  private static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        sum += p.getPeakUsage().getUsed();
      }
    }
    return sum;
  }
}
