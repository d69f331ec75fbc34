package dev.clinigate.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.CircuitBreaker;
import dev.clinigate.ClinigateException;
import dev.clinigate.MonitoringWindow;
import dev.clinigate.RollbackDecision;
import dev.clinigate.RollbackPolicy;
import dev.clinigate.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rollback golden cases: each folder under {@code src/test/resources/golden-rollback} holds a
 * {@code policy.yaml} and a {@code windows.jsonl}, and either {@code expected-decision.json} +
 * {@code expected-explain.txt} or {@code expected-errors.txt}; optional {@code at.txt}. Every case is also
 * replayed through a {@link CircuitBreaker} one window at a time, which must reach the same decision.
 * Regenerate with {@code -Dgolden.update=true} and review the diff.
 */
class RollbackGoldenCasesTest {
  private static final Path ROOT = Path.of("src/test/resources/golden-rollback");
  private static final boolean UPDATE = Boolean.getBoolean("golden.update");

  static Stream<String> cases() throws IOException {
    try (Stream<Path> s = Files.list(ROOT)) {
      List<String> names = s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
      assertFalse(names.isEmpty(), "no golden cases under " + ROOT.toAbsolutePath());
      return names.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rollbackCase_matchesExpectedOutputVerbatim(String name) throws IOException {
    Path dir = ROOT.resolve(name);
    String policyText = Files.readString(dir.resolve("policy.yaml"), StandardCharsets.UTF_8);
    String windowsText = Files.readString(dir.resolve("windows.jsonl"), StandardCharsets.UTF_8);
    Optional<Instant> at = Files.exists(dir.resolve("at.txt"))
        ? Optional.of(Instant.parse(Files.readString(dir.resolve("at.txt"), StandardCharsets.UTF_8).strip()))
        : Optional.empty();
    Path errors = dir.resolve("expected-errors.txt");
    Path decisionFile = dir.resolve("expected-decision.json");
    RollbackPolicy policy;
    List<MonitoringWindow> windows;
    RollbackDecision d;
    try {
      policy = PolicyYaml.parseRollback(policyText, "policy.yaml");
      windows = MonitoringWindow.parseJsonLines(windowsText, "windows.jsonl");
      d = policy.evaluate(windows, at);
    } catch (ClinigateException e) {
      GoldenFiles.check(errors, e.getMessage() + "\n", UPDATE);
      assertFalse(Files.exists(decisionFile), name + " has an expected decision but evaluation failed:\n" + e.getMessage());
      return;
    }
    assertFalse(Files.exists(errors) && !UPDATE, name + " expected errors but evaluation succeeded");
    GoldenFiles.check(decisionFile, Json.pretty(GoldenCasesTest.withoutVersion(d.toJson())) + "\n", UPDATE);
    GoldenFiles.check(dir.resolve("expected-explain.txt"), d.explain(), UPDATE);
    CircuitBreaker breaker = policy.newCircuitBreaker();
    for (MonitoringWindow w : windows) {
      breaker = CircuitBreaker.importState(policy, breaker.exportState());
      breaker.record(w);
    }
    RollbackDecision fed = at.isPresent() ? breaker.decision(at.get()) : breaker.decision();
    assertEquals(d.toCanonicalJson(), fed.toCanonicalJson(), "circuit breaker disagrees");
    assertTrue(d.toCanonicalJson().equals(policy.evaluate(windows, at).toCanonicalJson()));
  }
}
