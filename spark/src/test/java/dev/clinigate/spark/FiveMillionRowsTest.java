package dev.clinigate.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.clinigate.json.Json;
import dev.clinigate.metrics.BinaryMetrics;
import dev.clinigate.metrics.MetricsReport;
import org.junit.jupiter.api.Test;

/** 5,000,000 seeded synthetic rows generated in Spark: the report equals the single-machine one. */
class FiveMillionRowsTest {
  static final int ROWS = 5_000_000;

  @Test
  void fiveMillionRows_groupedReport_bitIdenticalToSingleMachine() {
    MetricsReport onSpark = SparkMetrics.builder(Synthetic.dataset(LocalSpark.get(), 2026L, ROWS, 4, 8), "label",
        "score").thresholds(0.3, 0.5).group("sex").group("site").build();
    Object[] a = Synthetic.arrays(2026L, ROWS, 4);
    MetricsReport expected = BinaryMetrics.builder((int[]) a[0], (double[]) a[1]).thresholds(0.3, 0.5)
        .group("sex", (String[]) a[2]).group("site", (String[]) a[3]).build();
    assertEquals(ROWS, onSpark.n());
    assertEquals(Json.canonical(expected.toJson()), Json.canonical(onSpark.toJson()));
  }
}
