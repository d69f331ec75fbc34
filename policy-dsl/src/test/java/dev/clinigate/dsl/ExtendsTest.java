package dev.clinigate.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.clinigate.PolicyException;
import dev.clinigate.PromotionPolicy;
import dev.clinigate.RiskTier;
import dev.clinigate.SourceFiles;
import dev.clinigate.Rule;
import dev.clinigate.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** extends: resolution, merging, limits and replay. */
class ExtendsTest {
  private static final String HEAD = "apiVersion: clinigate/v1\nkind: PromotionPolicy\n";

  private static PolicyResolver of(Map<String, String> files) {
    return (from, path) -> {
      String name = Path.of(from).resolveSibling(path).normalize().toString();
      String text = files.get(name);
      if (text == null) {
        throw new PolicyException(dev.clinigate.Problem.at(name, 0, 0, "file not found", "check the path"));
      }
      return new PolicyResolver.Source(name, text);
    };
  }

  @Test
  void load_resolvesRelativeToTheFile_andMergesById(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("models"));
    Files.writeString(dir.resolve("base.yaml"), HEAD + "metadata: {name: base, version: 1, riskTier: high}\n"
        + "spec:\n  gates:\n    - {id: a, metric: auroc, min: 0.7}\n    - {id: b, metric: ece, max: 0.05}\n"
        + "  approvals: {roles: [lead, champion]}\n", StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("models/child.yaml"), HEAD + "extends: ../base.yaml\n"
        + "metadata: {name: child, version: 2}\nspec:\n  gates:\n    - {id: c, metric: brier, max: 0.2}\n"
        + "    - {id: a, metric: auroc, min: 0.8}\n  approvals: {maxAge: 30d}\n", StandardCharsets.UTF_8);
    // ../base.yaml leaves the child's folder: it needs a root that holds both
    PromotionPolicy p = PolicyYaml.loadPromotion(dir.resolve("models/child.yaml"), SourceFiles.confinedTo(dir));
    assertEquals(List.of("a", "b", "c"), p.rules().stream().map(Rule::id).toList());
    assertEquals("{\"min\":0.8}", ((dev.clinigate.MetricRule) p.rules().get(0)).limits().toJson().toString());
    assertEquals("child", p.metadata().name());
    assertEquals(RiskTier.HIGH, p.riskTier()); // inherited from the base's metadata
    assertEquals(List.of("lead", "champion"), p.approvals().orElseThrow().roles());
    assertEquals(java.util.Optional.of(java.time.Duration.ofDays(30)), p.approvals().orElseThrow().maxAge());
    assertEquals(2, p.approvals().orElseThrow().minApprovers()); // the high tier's floor
  }

  @Test
  void canonicalPolicy_isTheMergedDocument_replaysWithoutTheBase() {
    Map<String, String> files = Map.of("base.yaml", HEAD + "metadata: {name: base, version: 1}\nspec:\n  gates:\n"
        + "    - {id: a, metric: auroc, min: 0.7}\n");
    PromotionPolicy child = PolicyYaml.parsePromotion(HEAD + "extends: base.yaml\nmetadata: {name: child, version: 2}\n",
        "child.yaml", of(files));
    PromotionPolicy replayed = PolicyYaml.parsePromotion(Json.pretty(child.toJson()), "canonical.json");
    assertEquals(child.sha256(), replayed.sha256());
    assertEquals(List.of("a"), replayed.rules().stream().map(Rule::id).toList());
  }

  @Test
  void parse_withoutResolver_saysExtendsNeedsAFile() {
    PolicyException e = assertThrows(PolicyException.class, () -> PolicyYaml.parse(HEAD + "extends: base.yaml\n"
        + "metadata: {name: child, version: 2}\n", "inline"));
    assertEquals("ERROR: inline:3:10: cannot read \"base.yaml\": extends needs a file, but inline was parsed from text\n"
        + "extends: base.yaml\n"
        + "         ^\n"
        + "hint: load the policy with PolicyYaml.load(Path), or pass a PolicyResolver", e.getMessage());
  }

  @Test
  void extends_deeperThanFive_rejected() {
    Map<String, String> files = new java.util.HashMap<>();
    for (int i = 1; i <= 6; i++) {
      files.put("b" + i + ".yaml", HEAD + "extends: b" + (i + 1) + ".yaml\nmetadata: {name: b" + i + ", version: 1}\n");
    }
    files.put("b7.yaml", HEAD + "metadata: {name: b7, version: 1}\nspec:\n  gates:\n    - {id: a, metric: auroc, min: 0.7}\n");
    PolicyException e = assertThrows(PolicyException.class, () -> PolicyYaml.parse(HEAD + "extends: b1.yaml\n"
        + "metadata: {name: child, version: 1}\n", "child.yaml", of(files)));
    assertEquals("extends is nested more than 5 levels deep (child.yaml -> b1.yaml -> b2.yaml -> b3.yaml -> b4.yaml "
        + "-> b5.yaml -> b6.yaml)", e.problems().get(0).message());
    assertEquals("b5.yaml", e.problems().get(0).source());
    files.put("b5.yaml", HEAD + "metadata: {name: b5, version: 1}\nspec:\n  gates:\n    - {id: a, metric: auroc, min: 0.7}\n");
    assertEquals("child", PolicyYaml.parse(HEAD + "extends: b1.yaml\nmetadata: {name: child, version: 1}\n",
        "child.yaml", of(files)).metadata().name());
  }

  @Test
  void extends_baseOfAnotherKindOrAbsolutePath_rejected() {
    Map<String, String> files = Map.of("c.yaml", "apiVersion: clinigate/v1\nkind: DataContract\nmetadata: {name: c}\n");
    PolicyException e = assertThrows(PolicyException.class, () -> PolicyYaml.parse(HEAD + "extends: c.yaml\n"
        + "metadata: {name: child, version: 1}\n", "child.yaml", of(files)));
    assertEquals("c.yaml:2:7: a PromotionPolicy can only extend a PromotionPolicy",
        e.problems().get(0).location() + ": " + e.problems().get(0).message());
    e = assertThrows(PolicyException.class, () -> PolicyYaml.parse(HEAD + "extends: /etc/base.yaml\n"
        + "metadata: {name: child, version: 1}\n", "child.yaml", of(files)));
    assertEquals("extends \"/etc/base.yaml\" is not written in the expected form", e.problems().get(0).message());
  }

  @Test
  void when_inABlockScalar_locatedAtTheScalar() {
    PolicyException e = assertThrows(PolicyException.class, () -> PolicyYaml.parse(HEAD
        + "metadata: {name: p, version: 1}\nspec:\n  gates:\n    - id: c\n      when: >\n        auroc >= 0.7 &&\n"
        + "        aucroc > 1\n", "p.yaml"));
    assertEquals("p.yaml:7:13: in when: unknown metric \"aucroc\"", e.problems().get(0).location() + ": "
        + e.problems().get(0).message());
  }
}
