package dev.clinigate.metrics;

import dev.clinigate.metrics.internal.drift.CellStats;
import dev.clinigate.metrics.internal.drift.DriftInputs;
import dev.clinigate.metrics.internal.drift.Grid;
import java.util.Objects;

/**
 * A streamed numeric sample counted against a reference's fine quantile cells, for drift of data that
 * is never held in one array: one histogram per partition, {@link #merge merged} in any order, then
 * {@link DriftReference.Numeric#compare(DriftHistogram)}. Each cell keeps its count, minimum and
 * maximum, so PSI and Jensen-Shannon are exact, and KS and Wasserstein are exact when no cell holds
 * two distinct values of a sample (discrete data) and otherwise guaranteed {@link DriftBounds}: the
 * KS interval is at most as wide as the largest combined share of the two samples in one cell (the
 * reference's share is about 1/1000 by default), Wasserstein is bounded more loosely (the CDFs inside
 * a cell are unknown). Memory is fixed: three numbers per cell, about
 * {@code bins * cellsPerBin} cells. Accepting a value is a binary search over the cell edges; no
 * per-value allocation.
 *
 * <pre>{@code
 * DriftReference.Numeric ref = DriftReference.numeric(trainingCreatinine);
 * DriftHistogram total = ref.newHistogram();
 * for (double[] partition : partitions) {
 *   DriftHistogram h = ref.newHistogram();
 *   for (double v : partition) h.accept(v);      // NaN counts as missing
 *   total.merge(h);
 * }
 * NumericDrift d = ref.compare(total);
 * }</pre>
 *
 * <p>Mutable and not thread-safe: use one per thread and merge. Serializable, so that a distributed
 * engine (Spark) can ship partial histograms from its workers to be merged.
 */
public final class DriftHistogram implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final CellStats cells;
  private long missing;

  DriftHistogram(Grid grid) {
    this.cells = new CellStats(grid);
  }

  private DriftHistogram(CellStats cells, long missing) {
    this.cells = cells;
    this.missing = missing;
  }

  /**
   * Counts one value; NaN counts as missing.
   *
   * @throws dev.clinigate.InputException when the value is infinite (the message gives its index in
   *     this histogram's stream)
   */
  public void accept(double value) {
    if (Double.isNaN(value)) {
      missing++;
    } else if (Double.isInfinite(value)) {
      throw DriftInputs.infinite("current", null, rows(), value);
    } else {
      cells.accept(value);
    }
  }

  /** Counts every value of an array (NaN as missing). */
  public void acceptAll(double[] values) {
    for (double v : values) {
      accept(v);
    }
  }

  /** Counts one missing value. */
  public void acceptMissing() {
    missing++;
  }

  /**
   * Adds another histogram of the same reference into this one and returns this one. Merging is
   * associative and commutative: any partitioning gives the same counts as one pass.
   *
   * @throws IllegalArgumentException when the other histogram belongs to a different reference
   */
  public DriftHistogram merge(DriftHistogram other) {
    Objects.requireNonNull(other, "other");
    if (!other.cells.grid().sameAs(cells.grid())) {
      throw new IllegalArgumentException(
          "cannot merge histograms of different references: their bin edges differ");
    }
    cells.merge(other.cells);
    missing += other.missing;
    return this;
  }

  /** An independent copy. */
  public DriftHistogram copy() {
    return new DriftHistogram(cells.copy(), missing);
  }

  /** Rows seen (values and missing). */
  public long rows() {
    return cells.total() + missing;
  }

  /** Missing values seen. */
  public long missing() {
    return missing;
  }

  /** Rows and missing values as a {@link DriftSample}. */
  public DriftSample sample() {
    return new DriftSample(rows(), missing);
  }

  /** Non-missing values per PSI bin of the reference. */
  public long[] binCounts() {
    return cells.binCounts();
  }

  /** Number of fine cells. */
  public int cellCount() {
    return cells.cells();
  }

  /** Whether two histograms hold the same counts, extremes and missing values. */
  public boolean sameCounts(DriftHistogram other) {
    return missing == other.missing && cells.grid().sameAs(other.cells.grid()) && cells.sameCounts(other.cells);
  }

  Grid grid() {
    return cells.grid();
  }

  CellStats cellStats() {
    return cells;
  }

  @Override
  public String toString() {
    return "DriftHistogram[rows=" + rows() + ", missing=" + missing + ", cells=" + cells.cells() + "]";
  }
}
