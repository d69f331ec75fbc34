package dev.clinigate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The stateless rollback evaluation and a CircuitBreaker fed one window at a time always agree. */
class CircuitBreakerPropertiesTest {
  static final RollbackPolicy POLICY = RollbackPolicy.builder(new PolicyMetadata("prop", "1", Optional.empty(),
          Optional.empty()))
      .lastKnownGood(Optional.of("v0"))
      .minCases(50)
      .inconclusiveLimit(Optional.of(new RollbackPolicy.InconclusiveLimit(3, Severity.ALERT)))
      .cooldown(Optional.of(Duration.ofHours(5)))
      .trigger(new MetricTrigger("ece", "ece", OptionalDouble.empty(), OptionalDouble.of(0.08), 2, 0, Severity.ROLLBACK,
          MetricTrigger.OnUndefined.INCONCLUSIVE))
      .trigger(new MetricTrigger("missing", "missing_rate[creatinine]", OptionalDouble.empty(), OptionalDouble.of(0.05),
          2, 3, Severity.ROLLBACK, MetricTrigger.OnUndefined.BREACH))
      .trigger(new MetricTrigger("auroc", "auroc", OptionalDouble.of(0.7), OptionalDouble.of(0.99), 1, 0, Severity.ALERT,
          MetricTrigger.OnUndefined.INCONCLUSIVE))
      .trigger(new BurnRateTrigger("burn", 0.99, 5, Duration.ofHours(3), Duration.ofHours(1), Severity.ROLLBACK))
      .trigger(new MetricTrigger("reapprove", "ece", OptionalDouble.empty(), OptionalDouble.of(0.06), 1, 0,
          Severity.REAPPROVE, MetricTrigger.OnUndefined.INCONCLUSIVE))
      .probation(Optional.of(new RollbackPolicy.Probation(2, List.of(new MetricTrigger("strict", "ece",
          OptionalDouble.empty(), OptionalDouble.of(0.05), 1, 0, Severity.ROLLBACK,
          MetricTrigger.OnUndefined.INCONCLUSIVE)))))
      .build();

  record Step(int gapHours, int lengthHours, long cases, Double ece, Double missing, Double auroc, long requests,
      long errors, int version, boolean exportHere) {}

  @Provide
  Arbitrary<List<Step>> sequences() {
    Arbitrary<Double> ece = Arbitraries.oneOf(Arbitraries.doubles().between(0, 0.2).ofScale(3).map(d -> (Double) d),
        Arbitraries.just(Double.NaN), Arbitraries.just((Double) null));
    Arbitrary<Double> missing = Arbitraries.oneOf(Arbitraries.doubles().between(0, 0.1).ofScale(3).map(d -> (Double) d),
        Arbitraries.just((Double) null));
    Arbitrary<double[]> metrics = Combinators.combine(ece, missing,
        Arbitraries.doubles().between(0.6, 0.9).ofScale(2))
        .as((e, m, a) -> new double[] {e == null ? -1 : e, m == null ? -1 : m, a});
    Arbitrary<long[]> shape = Combinators.combine(Arbitraries.integers().between(0, 2),
        Arbitraries.integers().between(1, 2), Arbitraries.longs().between(0, 200), Arbitraries.longs().between(0, 100),
        Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 2), Arbitraries.of(0, 1))
        .as((g, l, c, r, err, v, x) -> new long[] {g, l, c, r, Math.min(r, err * 3L), v, x});
    Arbitrary<Step> step = Combinators.combine(metrics, shape).as((m, k) -> new Step((int) k[0], (int) k[1], k[2],
        m[0] < 0 ? null : m[0], m[1] < 0 ? null : m[1], m[2], k[3], k[4], (int) k[5], k[6] == 1));
    return step.list().ofMaxSize(24);
  }

  static List<MonitoringWindow> windows(List<Step> steps) {
    List<MonitoringWindow> out = new ArrayList<>();
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    for (Step s : steps) {
      Instant start = t.plus(Duration.ofHours(s.gapHours()));
      Instant end = start.plus(Duration.ofHours(s.lengthHours()));
      TreeMap<String, OptionalDouble> m = new TreeMap<>();
      if (s.ece() != null) {
        m.put("ece", s.ece().isNaN() ? OptionalDouble.empty() : OptionalDouble.of(s.ece()));
      }
      if (s.missing() != null) {
        m.put("missing_rate[creatinine]", OptionalDouble.of(s.missing()));
      }
      m.put("auroc", OptionalDouble.of(s.auroc()));
      out.add(new MonitoringWindow(Optional.empty(), start, end, OptionalLong.of(s.cases()),
          OptionalLong.of(s.requests()), OptionalLong.of(s.errors()), Optional.of("v" + (1 + s.version() / 2)),
          s.version() == 0 ? Optional.empty() : Optional.of("v" + s.version()), m));
      t = end;
    }
    return out;
  }

  @Property(tries = 300)
  void breakerFedOneAtATime_agreesWithStatelessEvaluation(@ForAll("sequences") List<Step> steps) {
    List<MonitoringWindow> ws = windows(steps);
    CircuitBreaker breaker = POLICY.newCircuitBreaker();
    for (int i = 0; i < ws.size(); i++) {
      RollbackDecision after = breaker.record(ws.get(i));
      assertEquals(POLICY.evaluate(ws.subList(0, i + 1)).toCanonicalJson(), after.toCanonicalJson());
      if (steps.get(i).exportHere()) {
        breaker = CircuitBreaker.importState(POLICY, breaker.exportState());
      }
    }
    assertEquals(POLICY.evaluate(ws).toCanonicalJson(), breaker.decision().toCanonicalJson());
  }

  @Property(tries = 300)
  void evaluate_anySequence_failsClosedAndNeverRollsBackToTheBreachingVersion(@ForAll("sequences") List<Step> steps) {
    RollbackDecision d = POLICY.evaluate(windows(steps));
    boolean due = d.triggers().stream().anyMatch(t -> t.status() == TriggerStatus.FIRED
        || t.status() == TriggerStatus.SUPPRESSED);
    assertEquals(due, d.verdict().rollbackDue(), d::explain);
    if (d.verdict() == RollbackVerdict.ROLLBACK) {
      assertNotEquals(d.modelVersion(), d.rollbackTo(), d::explain);
    }
    if (d.triggers().stream().anyMatch(t -> t.status() == TriggerStatus.SUPPRESSED)) {
      assertEquals(RollbackVerdict.DISABLE, d.verdict(), d::explain);
    }
    if (!due && d.triggers().stream().anyMatch(t -> t.status() == TriggerStatus.REAPPROVE)) {
      assertEquals(RollbackVerdict.REAPPROVE, d.verdict(), d::explain);
    }
    assertEquals(d.verdict() == RollbackVerdict.HOLD ? 0 : 1, d.verdict().exitCode());
  }

  @Test
  void record_windowOutOfOrder_rejectedAndStateUnchanged() {
    List<MonitoringWindow> ws = windows(List.of(new Step(0, 2, 100, 0.2, 0.0, 0.8, 10, 0, 0, false),
        new Step(0, 1, 100, 0.2, 0.0, 0.8, 10, 0, 0, false)));
    CircuitBreaker b = POLICY.newCircuitBreaker();
    b.record(ws.get(1));
    String before = b.exportState();
    InputException e = assertThrows(InputException.class, () -> b.record(ws.get(0)));
    assertEquals("ERROR: windows: window 2 (2026-01-01T00:00:00Z) is out of order: it starts at 2026-01-01T00:00:00Z, "
        + "before the previous window ends at 2026-01-01T03:00:00Z\nhint: feed windows in time order; each must start "
        + "at or after the previous one's end", e.getMessage());
    assertEquals(before, b.exportState());
  }

  @Test
  void importState_otherPolicy_rejected() {
    RollbackPolicy other = RollbackPolicy.builder(new PolicyMetadata("other", "1", Optional.empty(), Optional.empty()))
        .trigger(new MetricTrigger("ece", "ece", OptionalDouble.empty(), OptionalDouble.of(0.1), 1, 0, Severity.ROLLBACK,
            MetricTrigger.OnUndefined.INCONCLUSIVE)).build();
    String state = POLICY.newCircuitBreaker().exportState();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CircuitBreaker.importState(other, state));
    assertEquals("the state was exported for policy sha256 " + POLICY.sha256() + ", not this policy's "
        + other.sha256(), e.getMessage());
  }

  @Test
  void record_concurrentFeeders_sameDecisionAsSequential() throws InterruptedException {
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      steps.add(new Step(0, 1, 100, i % 5 == 0 ? 0.2 : 0.01, 0.0, 0.8, 10, 0, 0, false));
    }
    List<MonitoringWindow> ws = windows(steps);
    CircuitBreaker b = POLICY.newCircuitBreaker();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    Object lock = new Object();
    int[] next = {0};
    for (int t = 0; t < 4; t++) {
      pool.execute(() -> {
        while (true) {
          synchronized (lock) { // hand windows out in time order; the breaker itself serialises record
            if (next[0] >= ws.size()) {
              return;
            }
            b.record(ws.get(next[0]++));
          }
        }
      });
    }
    pool.shutdown();
    assertEquals(true, pool.awaitTermination(30, TimeUnit.SECONDS));
    assertEquals(POLICY.evaluate(ws).toCanonicalJson(), b.decision().toCanonicalJson());
  }
}
