package dev.clinigate.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.clinigate.ClinigateException;
import dev.clinigate.Inference;
import dev.clinigate.ReviewDecision;
import dev.clinigate.ReviewPolicy;
import dev.clinigate.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Review golden cases: each folder under {@code src/test/resources/golden-review} holds a
 * {@code policy.yaml} and an {@code inference.json}, and either {@code expected-decision.json} +
 * {@code expected-explain.txt} or {@code expected-errors.txt}. Regenerate with
 * {@code -Dgolden.update=true} and review the diff.
 */
class ReviewGoldenCasesTest {
  private static final Path ROOT = Path.of("src/test/resources/golden-review");
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
  void reviewCase_matchesExpectedOutputVerbatim(String name) throws IOException {
    Path dir = ROOT.resolve(name);
    String policyText = Files.readString(dir.resolve("policy.yaml"), StandardCharsets.UTF_8);
    String inferenceText = Files.readString(dir.resolve("inference.json"), StandardCharsets.UTF_8);
    Path errors = dir.resolve("expected-errors.txt");
    Path decisionFile = dir.resolve("expected-decision.json");
    ReviewPolicy policy;
    Inference inference;
    try {
      policy = PolicyYaml.parseReview(policyText, "policy.yaml");
      inference = Inference.parse(inferenceText, "inference.json");
    } catch (ClinigateException e) {
      GoldenFiles.check(errors, e.getMessage() + "\n", UPDATE);
      assertFalse(Files.exists(decisionFile), name + " has an expected decision but loading failed:\n" + e.getMessage());
      return;
    }
    assertFalse(Files.exists(errors) && !UPDATE, name + " expected errors but evaluation succeeded");
    ReviewDecision d = policy.evaluate(inference);
    GoldenFiles.check(decisionFile, Json.pretty(GoldenCasesTest.withoutVersion(d.toJson())) + "\n", UPDATE);
    GoldenFiles.check(dir.resolve("expected-explain.txt"), d.explain(), UPDATE);
    assertSame(d.outcome(), policy.route(inference), "the fast path returns the shared outcome");
    assertEquals(d.toCanonicalJson(), policy.evaluate(Inference.parse(inferenceText, "inference.json")).toCanonicalJson());
  }
}
