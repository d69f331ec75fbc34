package dev.clinigate.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Separate JVMs (started with this test's class path) append to one file at the same time as this one; the
 * file lock keeps the chain valid. A JVM killed in the middle of appending leaves a log that verifies, or
 * whose only damage is a torn last line.
 */
class CrossProcessAppendTest {
  private static final int PER_PROCESS = 150;

  private static Process start(Path file, int first, int count) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        AppendMain.class.getName(), file.toString(), Integer.toString(first), Integer.toString(count));
    pb.redirectErrorStream(true);
    return pb.start();
  }

  private static String output(Process p) throws IOException {
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void append_twoOtherJvmsAndThisOne_oneValidChain(@TempDir Path dir) throws Exception {
    assertTrue(System.getProperty("java.class.path").contains("test-classes"),
        "the class path must hold the test classes: " + System.getProperty("java.class.path"));
    Path file = dir.resolve("shared.jsonl");
    Process a = start(file, 0, PER_PROCESS);
    Process b = start(file, PER_PROCESS, PER_PROCESS);
    FileAuditLog here = FileAuditLog.open(file);
    for (int i = 2 * PER_PROCESS; i < 3 * PER_PROCESS; i++) {
      here.append(Fixtures.decision(i), Fixtures.evidence(i));
    }
    assertTrue(a.waitFor(5, TimeUnit.MINUTES) && b.waitFor(5, TimeUnit.MINUTES), "child JVMs did not finish");
    String outA = output(a);
    String outB = output(b);
    assertEquals(0, a.exitValue(), outA);
    assertEquals(0, b.exitValue(), outB);

    Verification v = AuditVerifier.standard().verify(file);
    assertTrue(v.valid(), v.render());
    assertEquals(3 * PER_PROCESS, v.records());
    Set<String> logged = new TreeSet<>();
    FileAuditLog.open(file).records().forEach(r -> logged.add(r.evidenceSha256()));
    Set<String> expected = new TreeSet<>();
    for (int i = 0; i < 3 * PER_PROCESS; i++) {
      expected.add(Fixtures.evidence(i).sha256());
    }
    assertEquals(expected, logged);
  }

  @Test
  void append_jvmKilledMidway_earlierRecordsIntact(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("killed.jsonl");
    Process p = start(file, 0, 100_000);
    // wait until it has written a few records, then kill it without warning
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (System.nanoTime() < deadline && (!Files.exists(file) || Files.size(file) < 50_000)) {
      Thread.sleep(20);
    }
    p.destroyForcibly();
    assertTrue(p.waitFor(1, TimeUnit.MINUTES));
    Verification v = AuditVerifier.standard().verify(file);
    long lines = Files.readAllLines(file, StandardCharsets.UTF_8).size();
    assertTrue(v.records() >= 10, v.render());
    if (!v.valid()) {
      // the only damage a crash may do: the last line is torn
      assertEquals(Verification.Kind.TRUNCATED, v.failure().orElseThrow().kind(), v.render());
      assertEquals(lines, v.failure().orElseThrow().line(), v.render());
    } else {
      assertEquals(lines, v.records());
    }
  }
}
