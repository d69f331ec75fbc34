package dev.clinigate.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.clinigate.CircuitBreaker;
import dev.clinigate.ClinigateException;
import dev.clinigate.EvaluationOptions;
import dev.clinigate.Inference;
import dev.clinigate.MonitoringWindow;
import dev.clinigate.ReviewDecision;
import dev.clinigate.ReviewPolicy;
import dev.clinigate.RollbackDecision;
import dev.clinigate.RollbackPolicy;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden cases of rollback and review policies, run by one runner. Each folder under
 * {@code src/test/resources/golden-rollback} holds a {@code policy.yaml} and a {@code windows.jsonl}
 * (optional {@code at.txt}); each under {@code src/test/resources/golden-review} a {@code policy.yaml} and
 * an {@code inference.json}. Either {@code expected-decision.json} + {@code expected-explain.txt} or
 * {@code expected-errors.txt} is the expectation. Beyond the verbatim comparison, each kind checks its own
 * invariants: a rollback decision is reached again by a {@link CircuitBreaker} fed one window at a time
 * (through an export/import of its state before every window); a review route is the shared outcome of the
 * allocation-free fast path. Regenerate with {@code -Dgolden.update=true} and review the diff.
 */
class MonitoringGoldenCasesTest {
  private static final boolean UPDATE = Boolean.getBoolean("golden.update");

  /** What one kind of case does with its folder: load, evaluate, check its own invariants. */
  private interface Kind {
    /** Loads and evaluates, returning the decision; throws when loading fails. */
    Evaluated evaluate(Path dir) throws IOException;
  }

  /** A decision's JSON and explanation, and the kind's own invariants to check after the golden files. */
  private record Evaluated(JsonObject json, String explain, Runnable invariants) {}

  private static final Kind ROLLBACK = dir -> {
    RollbackPolicy policy = PolicyYaml.parseRollback(read(dir, "policy.yaml"), "policy.yaml");
    List<MonitoringWindow> windows = MonitoringWindow.parseJsonLines(read(dir, "windows.jsonl"), "windows.jsonl");
    Optional<Instant> at = Files.exists(dir.resolve("at.txt"))
        ? Optional.of(Instant.parse(read(dir, "at.txt").strip()))
        : Optional.empty();
    RollbackDecision d = policy.evaluate(windows, at);
    return new Evaluated(d.toJson(), d.explain(), () -> {
      CircuitBreaker breaker = policy.newCircuitBreaker();
      for (MonitoringWindow w : windows) {
        breaker = CircuitBreaker.importState(policy, breaker.exportState());
        breaker.record(w);
      }
      RollbackDecision fed = at.isPresent() ? breaker.decision(at.get()) : breaker.decision();
      assertEquals(d.toCanonicalJson(), fed.toCanonicalJson(), "circuit breaker disagrees");
      assertEquals(d.toCanonicalJson(), policy.evaluate(windows, at).toCanonicalJson(), "a second evaluation");
      EvaluationOptions options = at.map(EvaluationOptions::at).orElse(EvaluationOptions.none());
      assertEquals(d.toCanonicalJson(), policy.evaluate(windows, options).toCanonicalJson(), "with EvaluationOptions");
    });
  };

  private static final Kind REVIEW = dir -> {
    String inferenceText = read(dir, "inference.json");
    ReviewPolicy policy = PolicyYaml.parseReview(read(dir, "policy.yaml"), "policy.yaml");
    Inference inference = Inference.parse(inferenceText, "inference.json");
    ReviewDecision d = policy.evaluate(inference);
    return new Evaluated(d.toJson(), d.explain(), () -> {
      assertSame(d.outcome(), policy.route(inference), "the fast path returns the shared outcome");
      assertEquals(d.toCanonicalJson(),
          policy.evaluate(Inference.parse(inferenceText, "inference.json")).toCanonicalJson(), "a second evaluation");
      Instant at = Instant.parse("2026-03-01T00:00:00Z");
      assertEquals(policy.evaluate(inference, Optional.of(at)).toCanonicalJson(),
          policy.evaluate(inference, EvaluationOptions.at(at)).toCanonicalJson(), "with EvaluationOptions");
    });
  };

  static Stream<Arguments> cases() throws IOException {
    List<Arguments> all = new ArrayList<>();
    for (String root : List.of("golden-rollback", "golden-review")) {
      Path dir = Path.of("src/test/resources", root);
      try (Stream<Path> s = Files.list(dir)) {
        List<String> names = s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        assertFalse(names.isEmpty(), "no golden cases under " + dir.toAbsolutePath());
        names.forEach(n -> all.add(Arguments.of(root + "/" + n)));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void monitoringCase_matchesExpectedOutputVerbatim(String name) throws IOException {
    Path dir = Path.of("src/test/resources").resolve(name);
    Kind kind = name.startsWith("golden-rollback/") ? ROLLBACK : REVIEW;
    Path errors = dir.resolve("expected-errors.txt");
    Path decisionFile = dir.resolve("expected-decision.json");
    Evaluated e;
    try {
      e = kind.evaluate(dir);
    } catch (ClinigateException x) {
      GoldenFiles.check(errors, x.getMessage() + "\n", UPDATE);
      assertFalse(Files.exists(decisionFile), name + " has an expected decision but evaluation failed:\n"
          + x.getMessage());
      return;
    }
    assertFalse(Files.exists(errors) && !UPDATE, name + " expected errors but evaluation succeeded");
    GoldenFiles.check(decisionFile, Json.pretty(GoldenCasesTest.withoutVersion(e.json())) + "\n", UPDATE);
    GoldenFiles.check(dir.resolve("expected-explain.txt"), e.explain(), UPDATE);
    e.invariants().run();
  }

  private static String read(Path dir, String file) throws IOException {
    return Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
  }
}
