package dev.clinigate.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.Decision;
import dev.clinigate.Evidence;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Threads appending at once produce one valid chain and lose nothing. */
class AuditConcurrencyTest {
  private static final int THREADS = 8;
  private static final int RECORDS = 10_000;

  @Test
  void append_eightThreadsTenThousandRecords_validChainNoneLost(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("decisions.jsonl");
    int per = RECORDS / THREADS;
    Decision[] decisions = new Decision[RECORDS];
    Evidence[] evidence = new Evidence[RECORDS];
    for (int i = 0; i < RECORDS; i++) {
      evidence[i] = Fixtures.evidence(i);
      decisions[i] = Fixtures.POLICY.evaluate(evidence[i]);
    }
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int t = 0; t < THREADS; t++) {
      int first = t * per;
      // each thread its own instance, as separate components of one host would have
      FileAuditLog log = FileAuditLog.open(file);
      futures.add(pool.submit(() -> {
        start.await();
        for (int i = first; i < first + per; i++) {
          log.append(decisions[i], evidence[i]);
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> f : futures) {
      f.get(10, TimeUnit.MINUTES);
    }
    pool.shutdown();
    long millis = (System.nanoTime() - t0) / 1_000_000;
    System.out.println("audit concurrency: " + RECORDS + " appends by " + THREADS + " threads in " + millis + " ms");

    Verification v = AuditVerifier.standard().verify(file);
    assertTrue(v.valid(), v.render());
    assertEquals(RECORDS, v.records());
    Set<String> logged = new TreeSet<>();
    for (AuditRecord r : FileAuditLog.open(file).records()) {
      logged.add(r.evidenceSha256());
    }
    Set<String> expected = new TreeSet<>();
    for (Evidence e : evidence) {
      expected.add(e.sha256());
    }
    assertEquals(expected, logged);
  }
}
