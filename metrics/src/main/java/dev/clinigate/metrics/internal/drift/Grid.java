package dev.clinigate.metrics.internal.drift;

/**
 * The fine cells a streamed numeric sample is counted in: the reference's quantiles at
 * {@code k / (bins * cellsPerBin)}, duplicates dropped, with each cell mapped to its PSI bin.
 *
 * <p>Design note: the PSI edges (quantiles at {@code k / bins}) are a subset of the fine edges,
 * because {@code k / bins} and {@code (k * cellsPerBin) / (bins * cellsPerBin)} are the same rational
 * and so the same correctly rounded double, giving the same virtual index and the same interpolated
 * edge. Every value of a cell therefore falls in one PSI bin, and PSI from fine counts is exact.
 */
public final class Grid implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  /** Buckets of the lookup table that narrows the search of {@link #cell}. */
  private static final int BUCKETS = 4096;

  private final double[] edges;
  private final double[] psiEdges;
  private final int[] cellToBin;
  /** start[k] = number of edges <= the k-th bucket boundary, or null for fewer than 2 edges. */
  private final int[] start;
  private final double scale;

  private Grid(double[] edges, double[] psiEdges, int[] cellToBin) {
    this.edges = edges;
    this.psiEdges = psiEdges;
    this.cellToBin = cellToBin;
    double range = edges.length < 2 ? 0.0 : edges[edges.length - 1] - edges[0];
    if (range > 0 && Double.isFinite(range)) {
      scale = BUCKETS / range;
      start = new int[BUCKETS + 1];
      for (int k = 0; k <= BUCKETS; k++) {
        start[k] = Quantiles.bin(edges, edges[0] + k / scale);
      }
    } else {
      scale = 0.0;
      start = null;
    }
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

  /**
   * The cell of a value: the number of fine edges {@code <= x}. A table of equal-width buckets
   * gives the answer for most values at once; it is checked against its two neighbouring edges, and
   * any doubt (an edge inside the bucket, rounding, edges a few ulps apart) falls back to the full
   * search, so the result is always exactly that of {@link Quantiles#bin}.
   */
  public int cell(double x) {
    if (start == null || Double.isNaN(x)) {
      return Quantiles.bin(edges, x);
    }
    int m = edges.length;
    if (x < edges[0]) {
      return 0;
    }
    if (x >= edges[m - 1]) {
      return m;
    }
    // edges[0] <= x < edges[m - 1]: the answer is the number of edges at or below the start of x's
    // bucket, plus one if the bucket's next edge is at or below x, unless more edges lie in the bucket
    // below x or rounding put x one bucket off; both are seen against the two neighbouring edges and
    // searched in full
    int lo = Math.max(start[Math.min((int) ((x - edges[0]) * scale), BUCKETS)], 1);
    if (lo < m && edges[lo] <= x) {
      lo++; // the bucket's first edge is at or below x (for integer data, x is often an edge)
    }
    if (lo < m && edges[lo] > x && edges[lo - 1] <= x) {
      return lo;
    }
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
    return this == other || sameValues(edges, other.edges) && sameValues(psiEdges, other.psiEdges);
  }

  /** Element-wise {@code ==} ({@code -0.0} equals {@code 0.0}, as JSON cannot tell them apart). */
  public static boolean sameValues(double[] a, double[] b) {
    if (a.length != b.length) {
      return false;
    }
    for (int i = 0; i < a.length; i++) {
      if (a[i] != b[i]) {
        return false;
      }
    }
    return true;
  }
}
