package dev.clinigate.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.Decision;
import dev.clinigate.Evidence;
import dev.clinigate.PromotionPolicy;
import dev.clinigate.RuleResult;
import dev.clinigate.Status;
import dev.clinigate.dsl.PolicyYaml;
import dev.clinigate.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A contract result is promotion evidence: a policy's {@code requires.contracts} reads its status. */
class EvidenceTest {
  private static final String POLICY = "apiVersion: clinigate/v1\nkind: PromotionPolicy\n"
      + "metadata: {name: pima-screening, version: 1}\n"
      + "spec:\n  gates:\n    - {id: discrimination, metric: auroc, min: 0.7}\n"
      + "  requires:\n    contracts: [pima-diabetes-features]\n";

  private static Decision decide(ContractResult result) {
    PromotionPolicy policy = PolicyYaml.parsePromotion(POLICY, "policy.yaml");
    Evidence evidence = Evidence.builder().metric("auroc", 0.82)
        .put("contracts", JsonObject.builder().put(result.contract().name(), result.toJson()).build())
        .build();
    return policy.evaluate(evidence);
  }

  private static RuleResult contractRule(Decision d) {
    return d.rules().stream().filter(r -> r.id().equals("requires.contracts")).findFirst().orElseThrow();
  }

  @Test
  void failingContractResult_blocksPromotion() {
    DataContract c = DataContracts.load(Path.of("../samples/contracts/pima.contract.yaml"));
    ContractResult r = ContractChecker.builder(c).build().check(Path.of("../samples/data/pima_diabetes.csv"));
    Decision d = decide(r);
    RuleResult rule = contractRule(d);
    assertEquals(Status.FAIL, rule.status());
    assertEquals("Data contract pima-diabetes-features failed with 1 violation.", rule.message());
    assertEquals("NO_GO", d.verdict().name());
  }

  @Test
  void passingContractResult_satisfiesTheRequirement() {
    DataContract strict = DataContracts.load(Path.of("../samples/contracts/pima.contract.yaml"));
    DataContract relaxed = new DataContract(strict.name(), strict.version(), strict.owner(), strict.rows(),
        strict.freshness(), strict.primaryKey(), strict.missingValues(), strict.features().stream()
        .map(f -> f.name().equals("serum_insulin") ? new Feature(f.name(), f.type(), f.required(),
            java.util.OptionalDouble.of(0.5), f.range(), f.unit(), f.allowed(), f.pattern(), f.unique(), f.phi(),
            f.allowedAtInference(), f.availableAt(), f.drift(), f.maxMissingBy(), f.missingValues()) : f)
        .collect(java.util.stream.Collectors.toList()));
    ContractResult r = ContractChecker.builder(relaxed).build().check(Path.of("../samples/data/pima_diabetes.csv"));
    assertTrue(r.passed(), r.toText());
    Decision d = decide(r);
    assertEquals(Status.PASS, contractRule(d).status());
    assertEquals("Data contract pima-diabetes-features passed.", contractRule(d).message());
  }
}
