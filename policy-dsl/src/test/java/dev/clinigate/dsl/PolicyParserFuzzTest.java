package dev.clinigate.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.clinigate.PolicyException;
import dev.clinigate.PromotionPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** No input makes the policy parser throw anything but a {@link PolicyException}. */
class PolicyParserFuzzTest {
  private static final String VALID;

  static {
    try {
      VALID = Files.readString(Path.of("src/test/resources/golden/readmission-sample/policy.yaml"),
          StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @Property(tries = 1000)
  void parse_arbitraryText_onlyPolicyException(@ForAll("yamlish") String text) {
    parseOrPolicyException(text);
  }

  @Property(tries = 1000)
  void parse_mutatedValidPolicy_onlyPolicyException(@ForAll("mutations") String text) {
    parseOrPolicyException(text);
  }

  /** A governance-rich policy with extends, requirements, approvals, waivers and conditions. */
  private static final String RICH_CHILD = "apiVersion: clinigate/v1\nkind: PromotionPolicy\nextends: base.yaml\n"
      + "metadata: {name: child, version: 2, riskTier: high}\nspec:\n  gates:\n"
      + "    - {id: custom, when: \"worst(ece by site) < 0.1 && auroc.lower95 >= 0.7\"}\n"
      + "    - {id: ni, metric: auroc, baseline: production, nonInferiorityMargin: 0.01}\n"
      + "  requires: {artifacts: [modelCard], dataset: {approvedSources: [\"gold.*\"]}, shadow: {minDays: 28, "
      + "minCases: 100}}\n  approvals: {roles: [a, b], maxAge: 90d}\n"
      + "  waivers: {maxDuration: 30d, allow: [{role: cso, rules: [calibration]}]}\n";
  private static final String BASE = "apiVersion: clinigate/v1\nkind: PromotionPolicy\n"
      + "metadata: {name: base, version: 1}\nspec:\n  transition: {from: staging, to: production}\n  gates:\n"
      + "    - {id: calibration, metric: ece, max: 0.05}\n";

  @Test
  void parse_richChildOfBase_compiles() {
    PromotionPolicy p = PolicyYaml.parsePromotion(RICH_CHILD, "child.yaml",
        (from, path) -> new PolicyResolver.Source(path, BASE));
    assertEquals(3, p.rules().size());
  }

  @Property(tries = 1000)
  void parse_mutatedChildOrBase_onlyPolicyException(@ForAll("richMutations") String child,
      @ForAll("baseMutations") String base) {
    try {
      PolicyYaml.parse(child, "child.yaml", (from, path) -> new PolicyResolver.Source(path, base));
    } catch (PolicyException e) {
      assertFalse(e.problems().isEmpty());
      assertFalse(e.getMessage().contains("Exception"), e.getMessage());
    }
  }

  @Provide
  Arbitrary<String> richMutations() {
    return mutationsOf(RICH_CHILD);
  }

  @Provide
  Arbitrary<String> baseMutations() {
    return Arbitraries.oneOf(Arbitraries.just(BASE), mutationsOf(BASE));
  }

  private static Arbitrary<String> mutationsOf(String valid) {
    Arbitrary<Integer> pos = Arbitraries.integers().between(0, valid.length() - 1);
    Arbitrary<String> insert = Arbitraries.of("", ":", "{", "}", "[", "]", "-", "\n", "  ", "(", ")", "&&", "!",
        "extends: child.yaml\n", "'", "\"", "1e999", "~", "null", "x: 1\n", "@", "[site=", "worst(", "*");
    return net.jqwik.api.Combinators.combine(pos, pos, insert).as((a, b, s) -> {
      int from = Math.min(a, b);
      int to = Math.min(Math.max(a, b), from + 8);
      return valid.substring(0, from) + s + valid.substring(to);
    });
  }

  private static void parseOrPolicyException(String text) {
    try {
      PolicyYaml.parse(text, "fuzz.yaml");
    } catch (PolicyException e) {
      assertFalse(e.problems().isEmpty());
      assertFalse(e.getMessage().contains("Exception"), e.getMessage());
    }
  }

  @Provide
  Arbitrary<String> yamlish() {
    return Arbitraries.strings().withChars("abc:{}[]-,'\"\n #&*!|>@%0123456789.\t\\").ofMaxLength(200);
  }

  @Provide
  Arbitrary<String> mutations() {
    Arbitrary<Integer> pos = Arbitraries.integers().between(0, VALID.length() - 1);
    Arbitrary<String> insert = Arbitraries.of("", ":", "{", "}", "[", "]", "-", "\n", "  ", "&a ", "*a", "!!str ",
        "'", "\"", "1e999", ".nan", "~", "null", "x: 1\n", "\t", "\uFEFF", "\u0000");
    return net.jqwik.api.Combinators.combine(pos, pos, insert).as((a, b, s) -> {
      int from = Math.min(a, b);
      int to = Math.min(Math.max(a, b), from + 8);
      return VALID.substring(0, from) + s + VALID.substring(to);
    });
  }

  @Test
  void parse_validSample_compiles() {
    PromotionPolicy p = PolicyYaml.parsePromotion(VALID, "policy.yaml");
    assertEquals(7, p.rules().size());
    assertEquals("readmission-risk", p.metadata().name());
  }

  @Test
  void parse_sameMeaningDifferentFormatting_sameSha256() {
    PromotionPolicy a = PolicyYaml.parsePromotion(VALID, "a.yaml");
    String reformatted = VALID.replace("{id: calibration, metric: ece, max: 0.05}",
        "{max: 0.050, metric: ece, id: calibration, enforcement: mandatory}").replace("# Promotion", "# promotion");
    PromotionPolicy b = PolicyYaml.parsePromotion(reformatted, "b.yaml");
    assertEquals(a.sha256(), b.sha256());
  }

  @Test
  void parse_canonicalDocumentReparses_toTheSamePolicy() {
    PromotionPolicy a = PolicyYaml.parsePromotion(VALID, "a.yaml");
    PromotionPolicy b = PolicyYaml.parsePromotion(dev.clinigate.json.Json.pretty(a.toJson()), "canonical.json");
    assertEquals(a.sha256(), b.sha256());
  }

  @Test
  void parse_tooLarge_rejected() {
    String big = "# " + "x".repeat(Yaml.MAX_CHARS) + "\n";
    PolicyException e = assertThrows(PolicyException.class, () -> PolicyYaml.parse(big, "big.yaml"));
    assertEquals("the document has 1000003 characters, more than the 1000000 accepted",
        e.problems().get(0).message());
  }

  @Test
  void parse_twoDocuments_rejected() {
    PolicyException e = assertThrows(PolicyException.class, () -> PolicyYaml.parse(VALID + "---\n" + VALID, "two.yaml"));
    assertEquals("more than one YAML document in the file", e.problems().get(0).message());
  }

  @Test
  void validate_returnsProblemsWithoutThrowing() {
    assertEquals(1, PolicyYaml.validate(VALID.replace("metric: auroc, min: 0.75", "metric: auroc, min: 0.75, mn: 1"),
        "p.yaml").size());
    assertEquals(0, PolicyYaml.validate(VALID, "p.yaml").size());
  }
}
