package dev.clinigate.metrics.internal.drift;

import java.util.Arrays;

/**
 * The fine cells a streamed numeric sample is counted in: the reference's quantiles at
 * {@code k / (bins * cellsPerBin)}, duplicates dropped, with each cell mapped to its PSI bin.
 *
 * <p>Design note: the PSI edges (quantiles at {@code k / bins}) are a subset of the fine edges,
 * because {@code k / bins} and {@code (k * cellsPerBin) / (bins * cellsPerBin)} are the same rational
 * and so the same correctly rounded double, giving the same virtual index and the same interpolated
 * edge. Every value of a cell therefore falls in one PSI bin, and PSI from fine counts is exact.
 */
public final class Grid {
  private final double[] edges;
  private final double[] psiEdges;
  private final int[] cellToBin;

  private Grid(double[] edges, double[] psiEdges, int[] cellToBin) {
    this.edges = edges;
    this.psiEdges = psiEdges;
    this.cellToBin = cellToBin;
  }

  /**
   * A grid from ascending distinct fine edges and PSI edges; null when some PSI edge is not a fine
   * edge (a corrupted profile).
   */
  public static Grid of(double[] fineEdges, double[] psiEdges) {
    int[] map = new int[fineEdges.length + 1];
    int bin = 0;
    int matched = 0;
    for (int cell = 1; cell <= fineEdges.length; cell++) {
      double lower = fineEdges[cell - 1];
      if (bin < psiEdges.length && psiEdges[bin] == lower) {
        bin++;
        matched++;
      }
      map[cell] = bin;
    }
    if (matched != psiEdges.length) {
      return null;
    }
    return new Grid(fineEdges.clone(), psiEdges.clone(), map);
  }

  /** Number of cells: fine edges + 1. */
  public int cells() {
    return cellToBin.length;
  }

  /** Number of PSI bins: PSI edges + 1. */
  public int bins() {
    return psiEdges.length + 1;
  }

  /** The cell of a value: the number of fine edges {@code <= x}. */
  public int cell(double x) {
    return Quantiles.bin(edges, x);
  }

  /** The PSI bin of a cell. */
  public int binOf(int cell) {
    return cellToBin[cell];
  }

  /** Fine edge i (the lower end of cell i + 1). */
  public double edge(int i) {
    return edges[i];
  }

  /** A copy of the fine edges. */
  public double[] edges() {
    return edges.clone();
  }

  /** A copy of the PSI edges. */
  public double[] psiEdges() {
    return psiEdges.clone();
  }

  /** Whether two grids cut the line at the same places. */
  public boolean sameAs(Grid other) {
    return this == other || Arrays.equals(edges, other.edges) && Arrays.equals(psiEdges, other.psiEdges);
  }
}
