package dev.clinigate.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.json.Json;
import dev.clinigate.metrics.BinaryMetrics;
import dev.clinigate.metrics.MetricsReport;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The distributed path (cells never collected) against the single-machine API. */
class DistributedMetricsTest {
  private final SparkSession spark = LocalSpark.get();

  private static MetricsReport singleMachine(Object[] a) {
    return BinaryMetrics.builder((int[]) a[0], (double[]) a[1]).thresholds(0.0, 0.2, 0.5, 1.0).bins(7)
        .group("sex", (String[]) a[2]).group("site", (String[]) a[3]).build();
  }

  private static SparkMetrics.Builder distributed(Dataset<Row> data) {
    return SparkMetrics.builder(data, "label", "score").thresholds(0.0, 0.2, 0.5, 1.0).bins(7).group("sex")
        .group("site").maxCollectedCells(0);
  }

  @Test
  void distributed_partitionings1And3And17_identicalAndEqualSingleMachineTo1e12() {
    Object[] a = Synthetic.arrays(11L, 10_000, 0); // continuous scores: nearly every score distinct
    MetricsReport expected = singleMachine(a);
    String first = null;
    for (int partitions : new int[] {1, 3, 17}) {
      SparkMetrics.Builder b = distributed(Synthetic.dataset(spark, 11L, 10_000, 0, partitions));
      MetricsReport r = b.build();
      assertEquals(SparkMetrics.Path.DISTRIBUTED, b.path());
      String json = Json.canonical(r.toJson());
      if (first == null) {
        first = json;
        // every field, the fits' Wald intervals included, except the lowess errors (undefined on this path)
        Close.assertClose(Close.lowessUndefined(expected.toJson()), r.toJson(), 1e-12);
        assertEquals(expected.value("calibration_slope.lower95").orElseThrow(),
            r.value("calibration_slope.lower95").orElseThrow(), 1e-12);
        assertEquals(expected.value("calibration_intercept.upper95").orElseThrow(),
            r.value("calibration_intercept.upper95").orElseThrow(), 1e-12);
        assertEquals("not computed on Spark's distributed path (the lowess calibration curve needs every distinct "
            + "score on one machine; there are more than maxCollectedCells): raise maxCollectedCells or use "
            + "BinaryMetrics", r.metric("ici").reason().orElseThrow());
      }
      assertEquals(first, json, "partitions " + partitions);
    }
  }

  @Test
  void distributed_tiedScores_equalSingleMachine() {
    Object[] a = Synthetic.arrays(5L, 20_000, 2); // 101 distinct scores: many ties, ties across classes
    MetricsReport r = distributed(Synthetic.dataset(spark, 5L, 20_000, 2, 4)).build();
    MetricsReport expected = singleMachine(a);
    Close.assertClose(Close.lowessUndefined(expected.toJson()), r.toJson(), 1e-12);
    assertEquals(expected.groupColumn("site").orElseThrow().groups().size(),
        r.groupColumn("site").orElseThrow().groups().size());
  }

  @Test
  void distributed_undefinedMetrics_sameReasonsAsSingleMachine() {
    StructType schema = new StructType().add("y", DataTypes.IntegerType).add("p", DataTypes.DoubleType)
        .add("g", DataTypes.StringType);
    // group a: one class; group b: separated; group c: one distinct score; overall: fine
    Dataset<Row> d = Synthetic.rows(spark, schema, new Object[] {1, 0.9, "a"}, new Object[] {1, 0.7, "a"},
        new Object[] {0, 0.2, "b"}, new Object[] {1, 0.8, "b"}, new Object[] {0, 0.1, "b"},
        new Object[] {0, 0.5, "c"}, new Object[] {1, 0.5, "c"}, new Object[] {0, 0.75, "c"},
        new Object[] {0, 0.0, null}, new Object[] {1, 1.0, null});
    MetricsReport r = SparkMetrics.builder(d, "y", "p").group("g").thresholds(0.5, 1.0).maxCollectedCells(0).build();
    MetricsReport expected = BinaryMetrics.builder(new int[] {1, 1, 0, 1, 0, 0, 1, 0, 0, 1},
        new double[] {0.9, 0.7, 0.2, 0.8, 0.1, 0.5, 0.5, 0.75, 0.0, 1.0}).thresholds(0.5, 1.0)
        .group("g", new String[] {"a", "a", "b", "b", "b", "c", "c", "c", null, null}).build();
    Close.assertClose(Close.lowessUndefined(expected.toJson()), r.toJson(), 1e-12);
    assertEquals("one class only (no negatives)",
        r.group("g", "a").orElseThrow().auroc().reason().orElseThrow());
    assertTrue(r.group("g", "b").orElseThrow().calibrationSlope().reason().orElseThrow().contains("separated"));
  }

  @Test
  void distributed_bootstrap_refused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> distributed(Synthetic.dataset(spark, 1L, 100, 0, 2)).bootstrap(10, 1L).build());
    assertTrue(e.getMessage().startsWith("bootstrap intervals need the distinct-score cells on the driver, but there"
        + " are "), e.getMessage());
  }
}
