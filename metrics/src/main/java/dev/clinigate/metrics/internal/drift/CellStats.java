package dev.clinigate.metrics.internal.drift;

import java.util.Arrays;

/**
 * Per-cell count, minimum and maximum of a sample on a {@link Grid}: a mergeable summary from which
 * PSI and Jensen-Shannon are exact and KS and Wasserstein can be bounded (see {@link DriftKernel}).
 * Mutable; not thread-safe.
 */
public final class CellStats implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final Grid grid;
  private final long[] counts;
  private final double[] min;
  private final double[] max;
  private long total;

  /** An empty summary on the grid. */
  public CellStats(Grid grid) {
    this.grid = grid;
    int cells = grid.cells();
    this.counts = new long[cells];
    this.min = new double[cells];
    this.max = new double[cells];
    Arrays.fill(min, Double.POSITIVE_INFINITY);
    Arrays.fill(max, Double.NEGATIVE_INFINITY);
  }

  /** The summary of a sorted sample. */
  public static CellStats of(SortedValues s, Grid grid) {
    CellStats c = new CellStats(grid);
    int cell = 0;
    int cells = grid.cells();
    for (int i = 0; i < s.distinct(); i++) {
      double x = s.value(i);
      while (cell + 1 < cells && grid.edge(cell) <= x) {
        cell++;
      }
      c.add(cell, x, s.count(i));
    }
    return c;
  }

  /**
   * A summary from stored arrays (a bounded reference profile); the caller has validated them. Empty
   * cells have NaN bounds in {@code min}/{@code max}.
   */
  public static CellStats of(Grid grid, long[] counts, double[] min, double[] max) {
    CellStats c = new CellStats(grid);
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        c.counts[i] = counts[i];
        c.min[i] = min[i];
        c.max[i] = max[i];
        c.total += counts[i];
      }
    }
    return c;
  }

  /** Counts one finite value. */
  public void accept(double x) {
    int cell = grid.cell(x);
    counts[cell]++;
    total++;
    if (x < min[cell]) {
      min[cell] = x;
    }
    if (x > max[cell]) {
      max[cell] = x;
    }
  }

  private void add(int cell, double x, long n) {
    counts[cell] += n;
    total += n;
    if (x < min[cell]) {
      min[cell] = x;
    }
    if (x > max[cell]) {
      max[cell] = x;
    }
  }

  /** Adds another summary on the same grid. */
  public void merge(CellStats other) {
    for (int i = 0; i < counts.length; i++) {
      if (other.counts[i] > 0) {
        counts[i] += other.counts[i];
        min[i] = Math.min(min[i], other.min[i]);
        max[i] = Math.max(max[i], other.max[i]);
      }
    }
    total += other.total;
  }

  /** A deep copy. */
  public CellStats copy() {
    CellStats c = new CellStats(grid);
    System.arraycopy(counts, 0, c.counts, 0, counts.length);
    System.arraycopy(min, 0, c.min, 0, min.length);
    System.arraycopy(max, 0, c.max, 0, max.length);
    c.total = total;
    return c;
  }

  /** The grid. */
  public Grid grid() {
    return grid;
  }

  /** Values counted. */
  public long total() {
    return total;
  }

  /** Number of cells. */
  public int cells() {
    return counts.length;
  }

  /** Values in cell i. */
  public long count(int i) {
    return counts[i];
  }

  /** Smallest value in cell i (meaningless when the cell is empty). */
  public double min(int i) {
    return min[i];
  }

  /** Largest value in cell i (meaningless when the cell is empty). */
  public double max(int i) {
    return max[i];
  }

  /** Counts per PSI bin. */
  public long[] binCounts() {
    long[] b = new long[grid.bins()];
    for (int i = 0; i < counts.length; i++) {
      b[grid.binOf(i)] += counts[i];
    }
    return b;
  }

  /** Whether two summaries hold the same counts and extremes. */
  public boolean sameCounts(CellStats other) {
    if (total != other.total || !Arrays.equals(counts, other.counts)) {
      return false;
    }
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0 && (min[i] != other.min[i] || max[i] != other.max[i])) {
        return false;
      }
    }
    return true;
  }
}
