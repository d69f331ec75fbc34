package dev.clinigate.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.InputException;
import dev.clinigate.metrics.DriftCategoryCounts;
import dev.clinigate.metrics.DriftHistogram;
import dev.clinigate.metrics.DriftReference;
import dev.clinigate.metrics.DriftReport;
import dev.clinigate.metrics.FeatureDrift;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class SparkDriftTest {
  @Test
  void drift_partitionings1And3And17_equalSingleMachineStreamingApi() {
    Object[] ref = Synthetic.arrays(1L, 20_000, 0);
    Object[] cur = Synthetic.arrays(2L, 15_000, 2);
    Map<String, DriftReference> refs = new LinkedHashMap<>();
    refs.put("score", DriftReference.numeric((double[]) ref[1], 10));
    refs.put("site", DriftReference.categorical((String[]) ref[3]));
    DriftHistogram h = ((DriftReference.Numeric) refs.get("score")).newHistogram();
    h.acceptAll((double[]) cur[1]);
    DriftCategoryCounts c = DriftCategoryCounts.create();
    c.acceptAll((String[]) cur[3]);
    Map<String, FeatureDrift> expected = new LinkedHashMap<>();
    expected.put("score", ((DriftReference.Numeric) refs.get("score")).compare(h));
    expected.put("site", ((DriftReference.Categorical) refs.get("site")).compare(c));
    for (int partitions : new int[] {1, 3, 17}) {
      Dataset<Row> current = Synthetic.dataset(LocalSpark.get(), 2L, 15_000, 2, partitions);
      DriftReport r = SparkDrift.against(current, refs);
      assertEquals(new DriftReport(expected), r, "partitions " + partitions);
      assertEquals(List.of("score", "site"), List.copyOf(r.features().keySet()));
    }
    // the current scores have 2 decimals: discrete, so KS is exact and equals the whole-array comparison
    FeatureDrift whole = ((DriftReference.Numeric) refs.get("score")).compare((double[]) cur[1]);
    assertEquals(whole.psi(), expected.get("score").psi());
    assertTrue(expected.get("score").psi().orElseThrow() > 0);
  }

  @Test
  void infiniteValues_inputExceptionWithCount() {
    StructType schema = new StructType().add("score", DataTypes.DoubleType);
    Dataset<Row> d = Synthetic.rows(LocalSpark.get(), schema, new Object[] {0.5},
        new Object[] {Double.POSITIVE_INFINITY}, new Object[] {null}, new Object[] {Double.NEGATIVE_INFINITY});
    InputException e = assertThrows(InputException.class, () -> SparkDrift.against(d,
        Map.of("score", DriftReference.numeric(new double[] {0.1, 0.2, 0.7}))));
    assertEquals("values of \"score\" must be finite, found 2 infinite values", e.problems().get(0).message());
  }
}
