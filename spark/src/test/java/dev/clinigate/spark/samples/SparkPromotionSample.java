package dev.clinigate.spark.samples;

import dev.clinigate.Decision;
import dev.clinigate.EvaluationOptions;
import dev.clinigate.Evidence;
import dev.clinigate.PromotionPolicy;
import dev.clinigate.audit.FileAuditLog;
import dev.clinigate.dsl.PolicyYaml;
import dev.clinigate.metrics.MetricsReport;
import dev.clinigate.spark.SparkMetrics;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * samples/spark: evidence computed on Spark, the policy evaluated on the driver, the decision appended to
 * the audit log. On a cluster, only the session and the table change.
 *
 * <pre>
 * java [Spark's --add-opens flags] -cp ... dev.clinigate.spark.samples.SparkPromotionSample \
 *     samples/pima/predictions.csv samples/pima/policy.yaml /tmp/decisions.jsonl
 * </pre>
 */
public final class SparkPromotionSample {
  private SparkPromotionSample() {}

  public static void main(String[] args) {
    SparkSession spark = SparkSession.builder().master("local[2]").appName("clinigate-spark-sample")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
    try {
      Decision d = run(spark, Path.of(args[0]), Path.of(args[1]), Path.of(args[2]),
          Instant.parse("2026-12-01T09:00:00Z"));
      System.out.print(d.explain());
      System.exit(d.isGo() ? 0 : 1);
    } finally {
      spark.stop();
    }
  }

  /** Computes the evidence on Spark, evaluates the policy at {@code at} and appends the decision. */
  public static Decision run(SparkSession spark, Path predictions, Path policyFile, Path auditLog, Instant at) {
    // 1. evidence on Spark: the rows stay on the executors, only distinct-score cells are aggregated
    Dataset<Row> data = spark.read().option("header", "true").option("inferSchema", "true")
        .csv(predictions.toString());
    MetricsReport report = SparkMetrics.builder(data, "label", "score")
        .thresholds(0.3, 0.5)
        .group("age_band")
        .group("pregnant")
        .source(predictions.toString())
        .build();
    Evidence evidence = Evidence.of(report.toJson()); // a metrics report is valid evidence

    // 2. the policy, evaluated on the driver exactly as anywhere else
    PromotionPolicy policy = PolicyYaml.loadPromotion(policyFile);
    Decision decision = policy.evaluate(evidence, EvaluationOptions.at(at));

    // 3. the decision, appended to the tamper-evident audit log (hash chain)
    FileAuditLog.open(auditLog).append(decision, evidence);
    return decision;
  }
}
