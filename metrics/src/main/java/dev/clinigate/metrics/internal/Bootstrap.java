package dev.clinigate.metrics.internal;

import java.util.Arrays;

/**
 * Seeded, deterministic, stratified bootstrap over distinct-score tables.
 *
 * <p>Design note: a replicate resamples the n1 positives with replacement and, separately, the n0
 * negatives (so every replicate has the original class counts). Cases are never re-sorted: each case
 * is known by its cell in the presorted table, a replicate is just multinomial counts over the cells,
 * and the metrics are evaluated from those counts in O(cells). Replicate r draws from
 * {@link SplitMix64#forReplicate(long, long)}: first n1 case indices among the positives, then n0 among
 * the negatives. A paired bootstrap (two models on the same cases) applies the same draws to both.
 *
 * <p>Intervals are percentile intervals: the 2.5% and 97.5% quantiles of the replicate values with
 * linear interpolation between order statistics (numpy's default 'linear' method). A metric that is
 * undefined in any replicate gets no interval (fail closed: its sampling distribution is not
 * well-defined), and the reason says in how many replicates it was undefined.
 */
public final class Bootstrap {
  private Bootstrap() {}

  /** Replicate values per model: {@code values[model][slot][replicate]}, NaN where undefined. */
  public static final class Result {
    /** {@code values[model][slot][replicate]}. */
    public final double[][][] values;
    /** {@code undefined[model][slot]}: the number of replicates where the slot is undefined. */
    public final int[][] undefined;
    /** {@code firstReason[model][slot]}: the reason in the first such replicate, or null. */
    public final String[][] firstReason;

    Result(double[][][] values, int[][] undefined, String[][] firstReason) {
      this.values = values;
      this.undefined = undefined;
      this.firstReason = firstReason;
    }
  }

  /**
   * The cells of a table's cases, positives and negatives separately, in score order: entry k is the
   * cell of the k-th positive (or negative).
   */
  public static int[][] casesByCell(ScoreTable t) {
    if (t.positives > Integer.MAX_VALUE - 8 || t.negatives > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("the bootstrap supports at most 2^31 - 9 cases per class, found "
          + Math.max(t.positives, t.negatives));
    }
    int[] p = new int[(int) t.positives];
    int[] q = new int[(int) t.negatives];
    int kp = 0;
    int kq = 0;
    for (int i = 0; i < t.size; i++) {
      for (long c = t.pos[i]; c > 0; c--) {
        p[kp++] = i;
      }
      for (long c = t.neg[i]; c > 0; c--) {
        q[kq++] = i;
      }
    }
    return new int[][] {p, q};
  }

  /**
   * Runs {@code replicates} replicates over one or more models evaluated on the same cases.
   *
   * @param evaluators one evaluator per model
   * @param positiveCells {@code positiveCells[model][k]}: the cell of positive k in that model's table
   * @param negativeCells {@code negativeCells[model][k]}: the cell of negative k in that model's table
   * @param fitStarts per model, a starting point for the logistic fits (or null)
   */
  public static Result run(TableEvaluator[] evaluators, int[][] positiveCells, int[][] negativeCells,
      int replicates, long seed, double[][] fitStarts) {
    int models = evaluators.length;
    int m = positiveCells[0].length;
    int n0 = negativeCells[0].length;
    double[][][] values = new double[models][][];
    int[][] undefined = new int[models][];
    String[][] firstReason = new String[models][];
    long[][] pos = new long[models][];
    long[][] neg = new long[models][];
    double[][] slotValues = new double[models][];
    String[][] slotReasons = new String[models][];
    for (int a = 0; a < models; a++) {
      int slots = evaluators[a].slots();
      values[a] = new double[slots][replicates];
      undefined[a] = new int[slots];
      firstReason[a] = new String[slots];
      pos[a] = new long[evaluators[a].d];
      neg[a] = new long[evaluators[a].d];
      slotValues[a] = new double[slots];
      slotReasons[a] = new String[slots];
    }
    int[] wp = new int[m];
    int[] wq = new int[n0];
    for (int r = 0; r < replicates; r++) {
      SplitMix64 rng = SplitMix64.forReplicate(seed, r);
      for (int a = 0; a < models; a++) {
        Arrays.fill(pos[a], 0L);
        Arrays.fill(neg[a], 0L);
      }
      // draw case indices into per-case counts (one random access per draw), then add the counts to
      // each model's cells in one sequential pass
      for (int k = 0; k < m; k++) {
        wp[rng.nextInt(m)]++;
      }
      for (int k = 0; k < n0; k++) {
        wq[rng.nextInt(n0)]++;
      }
      for (int a = 0; a < models; a++) {
        long[] p = pos[a];
        long[] q = neg[a];
        int[] pc = positiveCells[a];
        int[] qc = negativeCells[a];
        for (int k = 0; k < m; k++) {
          p[pc[k]] += wp[k];
        }
        for (int k = 0; k < n0; k++) {
          q[qc[k]] += wq[k];
        }
      }
      Arrays.fill(wp, 0);
      Arrays.fill(wq, 0);
      for (int a = 0; a < models; a++) {
        evaluators[a].evaluate(pos[a], neg[a], slotValues[a], slotReasons[a],
            fitStarts == null ? null : fitStarts[a], null, LogisticFit.REPLICATE_TOLERANCE);
        for (int s = 0; s < slotValues[a].length; s++) {
          values[a][s][r] = slotValues[a][s];
          if (slotReasons[a][s] != null) {
            if (undefined[a][s]++ == 0) {
              firstReason[a][s] = slotReasons[a][s];
            }
          }
        }
      }
    }
    return new Result(values, undefined, firstReason);
  }

  /**
   * The percentile interval {lower, upper} of {@code values} (which must contain no NaN): the 2.5% and
   * 97.5% quantiles with linear interpolation. Sorts a copy.
   */
  public static double[] percentile95(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return new double[] {quantile(v, 0.025), quantile(v, 0.975)};
  }

  /** The q-quantile of sorted values, numpy's 'linear' method. */
  static double quantile(double[] sorted, double q) {
    int n = sorted.length;
    double h = (n - 1) * q;
    int lo = (int) Math.floor(h);
    if (lo >= n - 1) {
      return sorted[n - 1];
    }
    double frac = h - lo;
    double a = sorted[lo];
    double b = sorted[lo + 1];
    return frac == 0.0 ? a : a + frac * (b - a);
  }

  /** The reason used when a metric is undefined in some replicates. */
  public static String undefinedInReplicates(int count, int replicates, String firstReason) {
    return "undefined in " + count + " of " + replicates + " bootstrap replicates (" + firstReason + ")";
  }
}
