package dev.clinigate.spark.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.Decision;
import dev.clinigate.EvaluationOptions;
import dev.clinigate.Evidence;
import dev.clinigate.audit.AuditVerifier;
import dev.clinigate.audit.Verification;
import dev.clinigate.dsl.PolicyYaml;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkPromotionSampleTest {
  private static final Path ROOT = Path.of("..");
  private static final Instant AT = Instant.parse("2026-12-01T09:00:00Z");

  @Test
  void sample_sparkEvidence_sameDecisionAsCliEvidence_andAudited(@TempDir Path dir) {
    SparkSession spark = SparkSession.builder().master("local[2]").getOrCreate(); // the tests' shared session
    Path log = dir.resolve("decisions.jsonl");
    Decision onSpark = SparkPromotionSample.run(spark, ROOT.resolve("samples/pima/predictions.csv"),
        ROOT.resolve("samples/pima/policy.yaml"), log, AT);
    // samples/pima/evidence.json is what `clinigate metrics` wrote for the same CSV and options
    Decision single = PolicyYaml.loadPromotion(ROOT.resolve("samples/pima/policy.yaml"))
        .evaluate(Evidence.load(ROOT.resolve("samples/pima/evidence.json")), EvaluationOptions.at(AT));
    // the same decision, byte for byte: the same evidence hash, so Spark's report is clinigate metrics' report
    assertEquals(single.toCanonicalJson(), onSpark.toCanonicalJson());
    assertTrue(onSpark.isGo());
    Verification v = AuditVerifier.standard().verify(log);
    assertTrue(v.valid(), v.render());
    assertEquals(1, v.records());
  }
}
