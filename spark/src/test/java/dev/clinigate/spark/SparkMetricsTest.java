package dev.clinigate.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.clinigate.InputException;
import dev.clinigate.json.Json;
import dev.clinigate.metrics.BinaryMetrics;
import dev.clinigate.metrics.MetricsReport;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class SparkMetricsTest {
  private final SparkSession spark = LocalSpark.get();

  private static MetricsReport singleMachine(Object[] a, boolean bootstrap) {
    BinaryMetrics.Builder b = BinaryMetrics.builder((int[]) a[0], (double[]) a[1])
        .thresholds(0.2, 0.5, 0.8)
        .bins(7)
        .group("sex", (String[]) a[2])
        .group("site", (String[]) a[3]);
    if (bootstrap) {
      b.bootstrap(40, 11L);
    }
    return b.build();
  }

  private static SparkMetrics.Builder onSpark(Dataset<Row> data) {
    return SparkMetrics.builder(data, "label", "score").thresholds(0.8, 0.2, 0.5).bins(7).group("sex").group("site");
  }

  @Test
  void collected_partitionings1And3And17_bitIdenticalToSingleMachine() {
    Object[] a = Synthetic.arrays(7L, 20_000, 3);
    String expected = Json.canonical(singleMachine(a, true).toJson());
    for (int partitions : new int[] {1, 3, 17}) {
      SparkMetrics.Builder b = onSpark(Synthetic.dataset(spark, 7L, 20_000, 3, partitions)).bootstrap(40, 11L);
      MetricsReport r = b.build();
      assertEquals(SparkMetrics.Path.COLLECTED, b.path());
      assertEquals(expected, Json.canonical(r.toJson()), "partitions " + partitions);
    }
  }

  @Test
  void collected_reportRecord_equalsSingleMachineRecord() {
    Object[] a = Synthetic.arrays(3L, 5_000, 0);
    MetricsReport r = onSpark(Synthetic.dataset(spark, 3L, 5_000, 0, 5).repartition(3)).build();
    assertEquals(singleMachine(a, false), r);
    assertEquals(3, r.groupColumn("sex").orElseThrow().groups().size());
    assertEquals(4, r.groupColumn("site").orElseThrow().groups().size());
  }

  @Test
  void booleanLabelsAndFloatScores_sameAsIntegers() {
    StructType schema = new StructType().add("y", DataTypes.BooleanType).add("p", DataTypes.FloatType);
    Dataset<Row> d = Synthetic.rows(spark, schema, new Object[] {true, 0.9f}, new Object[] {false, 0.4f},
        new Object[] {true, 0.4f}, new Object[] {false, 0.1f}, new Object[] {false, 0.65f});
    MetricsReport r = SparkMetrics.of(d, "y", "p");
    MetricsReport expected = BinaryMetrics.of(new int[] {1, 0, 1, 0, 0},
        new double[] {0.9f, 0.4f, 0.4f, 0.1f, 0.65f});
    assertEquals(Json.canonical(expected.toJson()), Json.canonical(r.toJson()));
    assertEquals(0.75, r.value("auroc").orElseThrow(), 1e-15); // 4.5 of 6 pairs ordered
  }

  @Test
  void badLabelsAndScores_inputExceptionWithCounts() {
    StructType schema = new StructType().add("y", DataTypes.DoubleType).add("p", DataTypes.DoubleType);
    Dataset<Row> d = Synthetic.rows(spark, schema, new Object[] {1.0, 0.9}, new Object[] {0.5, 0.4},
        new Object[] {null, 0.3}, new Object[] {0.0, 1.7}, new Object[] {1.0, null}, new Object[] {0.0, 1.7},
        new Object[] {0.0, Double.NaN});
    InputException e = assertThrows(InputException.class, () -> SparkMetrics.builder(d, "y", "p")
        .source("predictions_table").build());
    assertEquals(2, e.problems().size());
    assertEquals("label must be 0 or 1, found another value or none in 2 rows", e.problems().get(0).message());
    assertEquals("predictions_table", e.problems().get(0).source());
    assertEquals("score must be within [0, 1], found none (1 row), 1.7 (2 rows), NaN (1 row) in 4 rows in all",
        e.problems().get(1).message());
  }

  @Test
  void missingColumnOrWrongType_illegalArgument() {
    StructType schema = new StructType().add("y", DataTypes.StringType).add("p", DataTypes.DoubleType);
    Dataset<Row> d = Synthetic.rows(spark, schema, new Object[] {"1", 0.9});
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> SparkMetrics.of(d, "y", "score"));
    assertEquals("no column \"score\" in the data; its columns are [y, p]", missing.getMessage());
    IllegalArgumentException type = assertThrows(IllegalArgumentException.class, () -> SparkMetrics.of(d, "y", "p"));
    assertEquals("label column \"y\" must be numeric (0/1) or boolean, found string", type.getMessage());
  }

  @Test
  void noRows_inputException() {
    StructType schema = new StructType().add("y", DataTypes.IntegerType).add("p", DataTypes.DoubleType);
    InputException e = assertThrows(InputException.class, () -> SparkMetrics.of(Synthetic.rows(spark, schema), "y",
        "p"));
    assertEquals("no rows: labels and scores are empty", e.problems().get(0).message());
  }
}
