package host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.clinigate.Decision;
import dev.clinigate.Evidence;
import dev.clinigate.PromotionPolicy;
import dev.clinigate.dsl.PolicyYaml;
import dev.clinigate.testkit.DecisionAssert;
import dev.clinigate.testkit.PolicyTests;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** What a host writes: the suites as dynamic tests, fluent assertions on a decision. */
class GovernanceTest {
  @TestFactory
  Stream<DynamicNode> governance() {
    return PolicyTests.dynamicTests(Path.of("policies"));
  }

  @Test
  void sampleEvidence_eastSiteBlocks() {
    PromotionPolicy policy = PolicyYaml.loadPromotion(Path.of("policies/policy.yaml"));
    Decision decision = policy.evaluate(Evidence.load(Path.of("policies/evidence.json")));
    DecisionAssert.assertThat(decision).isNoGo().hasFailed("subgroup-calibration", "site=east");
  }

  @Test
  void theHostsJUnit_isTheOneItAskedFor() {
    assertEquals(System.getProperty("junit.expected"), Test.class.getPackage().getImplementationVersion());
  }
}
