package dev.clinigate.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.ArtifactVerifier;
import dev.clinigate.ClinigateException;
import dev.clinigate.Decision;
import dev.clinigate.EvaluationOptions;
import dev.clinigate.Evidence;
import dev.clinigate.InputException;
import dev.clinigate.Problem;
import dev.clinigate.PromotionPolicy;
import dev.clinigate.SigningKeys;
import dev.clinigate.SourceFiles;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden cases are the specification: each folder under {@code src/test/resources/golden} holds a
 * {@code policy.yaml} and an {@code evidence.json}, and either the expected decision
 * ({@code expected-decision.json} + {@code expected-explain.txt}) or the expected error text
 * ({@code expected-errors.txt}). Messages are compared verbatim. Optional: {@code at.txt} (the evaluation
 * instant), other {@code *.yaml} files that the policy {@code extends} (resolved inside the case folder),
 * an {@code artifacts/} folder (then artifact files are verified against it), {@code envelope.yaml} (a
 * change envelope the evidence is evaluated under), and a {@code principals.yaml} roster
 * for signed approvals (verified with {@code roster-key.pub.pem} against {@code principals.yaml.sig} when the key
 * is there; the signed cases are written by {@code src/test/resources/keys/make-signed-goldens.py}).
 *
 * <p>To regenerate after an intended change, run with {@code -Dgolden.update=true} and review the diff.
 */
class GoldenCasesTest {
  private static final Path ROOT = Path.of("src/test/resources/golden");
  private static final boolean UPDATE = Boolean.getBoolean("golden.update");

  static Stream<String> cases() throws IOException {
    try (Stream<Path> s = Files.list(ROOT)) {
      List<String> names = s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
      assertFalse(names.isEmpty(), "no golden cases found under " + ROOT.toAbsolutePath());
      return names.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void goldenCase_matchesExpectedOutputVerbatim(String name) throws IOException {
    Path dir = ROOT.resolve(name);
    String policyText = Files.readString(dir.resolve("policy.yaml"), StandardCharsets.UTF_8);
    String evidenceText = Files.readString(dir.resolve("evidence.json"), StandardCharsets.UTF_8);
    Path errors = dir.resolve("expected-errors.txt");
    Path decisionFile = dir.resolve("expected-decision.json");
    Path explainFile = dir.resolve("expected-explain.txt");
    EvaluationOptions options = options(dir);
    PolicyResolver resolver = (from, path) -> {
      String file = Path.of(from).resolveSibling(path).normalize().toString();
      try {
        return new PolicyResolver.Source(file, Files.readString(dir.resolve(file), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new InputException(Problem.at(file, 0, 0, "file not found", "check the path"), e);
      }
    };
    Decision decision;
    Path envelopeFile = dir.resolve("envelope.yaml");
    String envelopeText = Files.exists(envelopeFile) ? Files.readString(envelopeFile, StandardCharsets.UTF_8) : null;
    try {
      options = withRoster(dir, options);
      PromotionPolicy policy = PolicyYaml.parsePromotion(policyText, "policy.yaml", resolver);
      decision = envelopeText == null ? policy.evaluate(Evidence.parse(evidenceText, "evidence.json"), options)
          : policy.evaluate(Evidence.parse(evidenceText, "evidence.json"), options,
          PolicyYaml.parseEnvelope(envelopeText, "envelope.yaml"));
    } catch (ClinigateException e) {
      check(errors, e.getMessage() + "\n");
      assertFalse(Files.exists(decisionFile), name + " has an expected decision but loading failed:\n" + e.getMessage());
      return;
    }
    assertFalse(Files.exists(errors) && !UPDATE, name + " expected errors but evaluation succeeded");
    check(decisionFile, Json.pretty(withoutVersion(decision.toJson())) + "\n");
    check(explainFile, decision.explain());
    // determinism: a second evaluation is byte-identical
    PromotionPolicy again0 = PolicyYaml.parsePromotion(policyText, "policy.yaml", resolver);
    Decision again = envelopeText == null ? again0.evaluate(Evidence.parse(evidenceText, "evidence.json"), options)
        : again0.evaluate(Evidence.parse(evidenceText, "evidence.json"), options,
        PolicyYaml.parseEnvelope(envelopeText, "envelope.yaml"));
    assertEquals(decision.toCanonicalJson(), again.toCanonicalJson());
  }

  private static EvaluationOptions options(Path dir) throws IOException {
    EvaluationOptions options = EvaluationOptions.none();
    Path at = dir.resolve("at.txt");
    if (Files.exists(at)) {
      options = EvaluationOptions.at(Instant.parse(Files.readString(at, StandardCharsets.UTF_8).strip()));
    }
    if (Files.isDirectory(dir.resolve("artifacts"))) {
      options = options.withArtifacts(ArtifactVerifier.directory(dir.resolve("artifacts")));
    }
    return options;
  }

  /**
   * The roster of principals when the case has a {@code principals.yaml}; with a {@code roster-key.pub.pem}, its
   * signature {@code principals.yaml.sig} must verify.
   */
  private static EvaluationOptions withRoster(Path dir, EvaluationOptions options) {
    Path roster = dir.resolve("principals.yaml");
    if (!Files.exists(roster)) {
      return options;
    }
    SourceFiles files = SourceFiles.confinedTo(dir);
    Path key = dir.resolve("roster-key.pub.pem");
    return options.withPrincipals(Files.exists(key)
        ? PrincipalsYaml.load(roster, files, SigningKeys.readPublicKey(key, files))
        : PrincipalsYaml.load(roster, files));
  }

  /** The library version changes with every release; the golden files should not. */
  static JsonObject withoutVersion(JsonObject decision) {
    Map<String, dev.clinigate.json.JsonValue> m = new LinkedHashMap<>(decision.members());
    assertTrue(m.containsKey("clinigate"));
    m.remove("clinigate");
    return new JsonObject(m);
  }

  private static void check(Path expectedFile, String actual) throws IOException {
    if (UPDATE) {
      Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
      return;
    }
    assertTrue(Files.exists(expectedFile), "missing " + expectedFile + "; actual output was:\n" + actual);
    assertEquals(Files.readString(expectedFile, StandardCharsets.UTF_8), actual, expectedFile.toString());
  }
}
