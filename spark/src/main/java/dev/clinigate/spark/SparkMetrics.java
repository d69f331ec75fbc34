package dev.clinigate.spark;

import dev.clinigate.InputException;
import dev.clinigate.metrics.MetricsOptions;
import dev.clinigate.metrics.MetricsReport;
import dev.clinigate.spark.internal.Cells;
import dev.clinigate.spark.internal.DistributedReport;
import dev.clinigate.spark.internal.DriverReport;
import dev.clinigate.spark.internal.InputChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * The metrics report of a Spark {@code Dataset<Row>} of predictions: the same {@link MetricsReport} that
 * {@code BinaryMetrics} gives on one machine (every metric, by group column, at the given thresholds,
 * with DeLong's AUROC interval and the calibration diagnostics), computed without collecting the rows.
 *
 * <pre>{@code
 * Dataset<Row> predictions = spark.read().parquet("s3://bucket/predictions/2026/");
 * MetricsReport report = SparkMetrics.builder(predictions, "readmitted", "risk")
 *     .thresholds(0.3, 0.5)
 *     .bins(10)
 *     .group("sex")
 *     .group("site")
 *     .build();
 * Decision d = policy.evaluate(Evidence.builder().metrics(report)...build());   // on the driver
 * }</pre>
 *
 * <h2>How, and what it costs</h2>
 * Spark aggregates the rows into distinct-score cells, one per (subset, score) with its negatives and
 * positives, in one shuffle (a subset is all rows or one value of one group column). Every metric is a
 * function of these cells alone, so:
 * <ul>
 *   <li>when there are at most {@link Builder#maxCollectedCells(long)} cells (default
 *       {@value #DEFAULT_MAX_COLLECTED_CELLS}), they are streamed to the driver one partition at a time
 *       and the report is computed there by the metrics module itself: it is bit-identical to
 *       {@code BinaryMetrics} on the same rows, bootstrap intervals included. Driver memory: about 100
 *       bytes per cell, whatever the number of rows.
 *   <li>above that (continuous scores on very large data), the cells are sorted by Spark and each
 *       metric is a sum over cells of a term that depends on the cell and on the counts below it:
 *       per-partition prefix sums give those counts, partial sums are exact (an order-independent
 *       fixed-point accumulator) and merged on the driver. Driver memory is O(partitions x subsets x
 *       (bins + thresholds)), independent of rows and cells. Results equal the single-machine values to
 *       about 1e-15 relative, identically for any partitioning; the calibration fits take one Spark
 *       pass per Newton iteration (plus one for the intercept's Wald interval). The lowess errors
 *       {@code ici}, {@code e50}, {@code e90} and {@code emax} are undefined on this path, with a reason
 *       (the lowess curve needs every distinct score on one machine). Bootstrap intervals are refused on
 *       this path (they resample cases, which needs the table on the driver).
 * </ul>
 * Either way the result does not depend on how the data is partitioned.
 *
 * <h2>Input</h2>
 * The label column is numeric (0 or 1, compared in its own type) or boolean ({@code true} = positive);
 * the score column is numeric (cast to double). Group columns may be of any type: their values are
 * {@code CAST(column AS STRING)}, and a null value leaves the row out of that column's groups. A bad
 * label or score (null, NaN, outside [0, 1]) is reported as an {@link InputException} with the number
 * of offending rows and, for scores, up to five offending values; Spark has no row numbers to show.
 *
 * <p>This class is stateless and thread-safe; a builder is not.
 */
public final class SparkMetrics {
  /** Default {@link Builder#maxCollectedCells(long)}: 2,000,000 cells (about 200 MB on the driver). */
  public static final long DEFAULT_MAX_COLLECTED_CELLS = 2_000_000L;

  private SparkMetrics() {}

  /** The report with default options (threshold 0.5, 10 bins, no groups, no bootstrap). */
  public static MetricsReport of(Dataset<Row> data, String labelColumn, String scoreColumn) {
    return builder(data, labelColumn, scoreColumn).build();
  }

  /** A builder for the report of {@code data}'s label and score columns. */
  public static Builder builder(Dataset<Row> data, String labelColumn, String scoreColumn) {
    return new Builder(Objects.requireNonNull(data, "data"), Objects.requireNonNull(labelColumn, "labelColumn"),
        Objects.requireNonNull(scoreColumn, "scoreColumn"));
  }

  /** Which way the report was computed (see the class comment). */
  public enum Path {
    /** The cells were collected to the driver and evaluated by the metrics module. */
    COLLECTED,
    /** The cells were too many: distributed sort, prefix sums and exact partial sums. */
    DISTRIBUTED
  }

  /** Options of one report. Not thread-safe; use once. */
  public static final class Builder {
    private final Dataset<Row> data;
    private final String label;
    private final String score;
    private final List<String> groups = new ArrayList<>();
    private MetricsOptions options = MetricsOptions.defaults();
    private String source = "predictions";
    private long maxCollectedCells = DEFAULT_MAX_COLLECTED_CELLS;
    private Path path;

    private Builder(Dataset<Row> data, String label, String score) {
      this.data = data;
      this.label = label;
      this.score = score;
    }

    /** Names the input in error messages (e.g. the table name); default {@code "predictions"}. */
    public Builder source(String name) {
      this.source = Objects.requireNonNull(name, "name");
      return this;
    }

    /** The decision thresholds (any order, duplicates dropped, each in [0, 1]); replaces the default {0.5}. */
    public Builder thresholds(double... thresholds) {
      options = options.withThresholds(thresholds);
      return this;
    }

    /** Number of equal-width calibration bins (default 10). */
    public Builder bins(int bins) {
      options = options.withBins(bins);
      return this;
    }

    /**
     * Adds a group column; columns are reported in the order added.
     *
     * @throws IllegalArgumentException when a column of that name was already added
     */
    public Builder group(String column) {
      Objects.requireNonNull(column, "column");
      if (groups.contains(column)) {
        throw new IllegalArgumentException("group column \"" + column + "\" was already added");
      }
      groups.add(column);
      return this;
    }

    /**
     * Bootstraps percentile intervals as {@code BinaryMetrics} does (only when the cells are collected;
     * the driver then also holds one int per row for the resampling).
     */
    public Builder bootstrap(int replicates, long seed) {
      options = options.withBootstrap(replicates, seed);
      return this;
    }

    /** Replaces all options (thresholds, bins, bootstrap) at once. */
    public Builder options(MetricsOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * Most distinct-score cells (over all subsets) collected to the driver; above it the report is computed
     * on the distributed path. 0 forces the distributed path.
     */
    public Builder maxCollectedCells(long cells) {
      if (cells < 0) {
        throw new IllegalArgumentException("maxCollectedCells must be >= 0, found " + cells);
      }
      this.maxCollectedCells = cells;
      return this;
    }

    /**
     * Computes the report (running Spark jobs).
     *
     * @throws InputException when a label is not 0/1 or a score is missing, NaN or outside [0, 1], or there
     *     are no rows
     * @throws IllegalArgumentException when a column is absent or of the wrong type, or a bootstrap is asked
     *     for on the distributed path
     */
    public MetricsReport build() {
      Dataset<Row> cells = Cells.aggregate(data, label, score, groups).persist(StorageLevel.MEMORY_AND_DISK());
      try {
        long cellCount = InputChecks.check(cells, source);
        if (cellCount <= maxCollectedCells) {
          path = Path.COLLECTED;
          return DriverReport.compute(cells, groups, options, source);
        }
        if (options.bootstrapEnabled()) {
          throw new IllegalArgumentException("bootstrap intervals need the distinct-score cells on the driver, but "
              + "there are " + cellCount + " cells, more than maxCollectedCells = " + maxCollectedCells
              + "; raise maxCollectedCells or compute without the bootstrap");
        }
        path = Path.DISTRIBUTED;
        return DistributedReport.compute(cells, groups, options);
      } finally {
        cells.unpersist();
      }
    }

    /** Which path the last {@link #build()} took, or null before it ran. */
    public Path path() {
      return path;
    }
  }
}
