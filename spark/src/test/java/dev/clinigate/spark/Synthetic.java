package dev.clinigate.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Seeded synthetic predictions that Spark and the driver generate identically: row {@code id}'s label,
 * score and groups are pure functions of (seed, id) through SplitMix64, so a test can build the same data
 * as a Spark {@code Dataset} (any number of partitions) and as arrays for the single-machine API.
 */
final class Synthetic {
  static final StructType SCHEMA = new StructType()
      .add("label", DataTypes.IntegerType, false)
      .add("score", DataTypes.DoubleType, false)
      .add("sex", DataTypes.StringType, true)
      .add("site", DataTypes.StringType, true);

  static final String[] SEX = {"F", "M", "X"};
  static final String[] SITE = {"east", "north", "south", "west"};

  private Synthetic() {}

  /** The arrays of rows 0..n-1: {labels, scores, sex, site}. */
  static Object[] arrays(long seed, int n, int decimals) {
    int[] y = new int[n];
    double[] p = new double[n];
    String[] sex = new String[n];
    String[] site = new String[n];
    for (int i = 0; i < n; i++) {
      Row r = row(seed, decimals, i);
      y[i] = r.getInt(0);
      p[i] = r.getDouble(1);
      sex[i] = r.getString(2);
      site[i] = r.getString(3);
    }
    return new Object[] {y, p, sex, site};
  }

  /** The same rows as a Dataset over {@code partitions} partitions. */
  static Dataset<Row> dataset(SparkSession spark, long seed, long n, int decimals, int partitions) {
    MapFunction<Long, Row> f = id -> row(seed, decimals, id);
    return spark.range(0, n, 1, partitions).map(f, Encoders.row(SCHEMA));
  }

  /** Row {@code id}: score rounded to {@code decimals} (0 = full precision, nearly all distinct). */
  static Row row(long seed, int decimals, long id) {
    long h = mix(seed * 0x9E3779B97F4A7C15L + id);
    double u1 = (mix(h) >>> 11) * 0x1.0p-53;
    double u2 = (mix(h + 1) >>> 11) * 0x1.0p-53;
    int label = u1 < 0.3 ? 1 : 0;
    double raw = 0.3 * label + 0.7 * u2;
    double score = decimals == 0 ? raw : Math.round(raw * Math.pow(10, decimals)) / Math.pow(10, decimals);
    long g = mix(h + 2);
    String sex = SEX[(int) Math.floorMod(g, 3L)];
    long gs = Math.floorMod(g >>> 8, 41L);
    String site = gs == 40 ? null : SITE[(int) (gs % 4)]; // about 2.5% without a site
    return RowFactory.create(label, score, sex, site);
  }

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Small hand-written rows as a Dataset. */
  static Dataset<Row> rows(SparkSession spark, StructType schema, Object[]... values) {
    List<Row> list = new ArrayList<>();
    for (Object[] v : values) {
      list.add(RowFactory.create(v));
    }
    return spark.createDataFrame(list, schema);
  }

}
