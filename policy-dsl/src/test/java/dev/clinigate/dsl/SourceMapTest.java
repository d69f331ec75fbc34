package dev.clinigate.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.PromotionPolicy;
import dev.clinigate.ReviewPolicy;
import dev.clinigate.RollbackPolicy;
import dev.clinigate.SourceMap;
import dev.clinigate.SourcePosition;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The compiler's source map: rules and keys located in the file they were written in, base files included. */
class SourceMapTest {
  private static final String HIGH_RISK = "../samples/high-risk/";

  private static Optional<SourcePosition> at(String source, int line, int column) {
    return Optional.of(new SourcePosition(source, line, column));
  }

  @Test
  void extendingPolicy_locatesInheritedRulesInTheBaseFile_andItsOwnInItself() {
    PromotionPolicy p = PolicyYaml.loadPromotion(Path.of(HIGH_RISK + "policy.yaml"));
    SourceMap m = p.sourceMap();
    String base = Path.of(HIGH_RISK + "base.yaml").normalize().toString();
    String self = HIGH_RISK + "policy.yaml";
    assertEquals(at(base, 15, 7), m.rule("calibration"));          // inherited as written in the base
    assertEquals(at(self, 15, 7), m.rule("discrimination"));       // overridden here
    assertEquals(at(self, 18, 7), m.rule("early-detection"));      // new here
    assertEquals(at(base, 12, 3), m.rule("stage"));                 // the base's transition key
    assertEquals(at(self, 25, 5), m.rule("requires.shadow"));
    assertEquals(at(base, 24, 5), m.rule("requires.artifacts"));   // a requirement only the base has
    assertEquals(at(base, 27, 32), m.rule("approval:clinical-champion"));
    assertEquals(at(base, 26, 3), m.rule("approval:someone-else")); // an unlisted role: at approvals
    assertEquals(at(self, 26, 3), m.rule("waiver:subgroup-calibration"));
    assertEquals(at(self, 22, 3), m.key("$.spec.requires"));
    assertEquals(Optional.empty(), m.rule("no-such-rule"));
  }

  @Test
  void rollbackAndReviewPolicies_locateTriggersAndRules() {
    RollbackPolicy r = PolicyYaml.loadRollback(Path.of("../samples/monitoring/policy.yaml"));
    assertTrue(r.sourceMap().rule(r.triggers().get(0).id()).isPresent(), r.sourceMap().toString());
    ReviewPolicy v = PolicyYaml.loadReview(Path.of("../samples/review/policy.yaml"));
    assertTrue(v.sourceMap().rule(v.rules().get(0).id()).isPresent(), v.sourceMap().toString());
  }

  @Test
  void policyParsedFromText_isLocatedUnderItsSourceName_andJavaBuiltOnesAreEmpty() {
    PromotionPolicy p = PolicyYaml.parsePromotion("apiVersion: clinigate/v1\nkind: PromotionPolicy\n"
        + "metadata: {name: t, version: 1}\nspec:\n  gates:\n    - {id: a, metric: auroc, min: 0.7}\n", "t.yaml");
    assertEquals(at("t.yaml", 6, 7), p.sourceMap().rule("a"));
    assertEquals(List.of("a"), List.copyOf(p.sourceMap().rules().keySet()));
    assertTrue(SourceMap.empty().isEmpty());
  }
}
