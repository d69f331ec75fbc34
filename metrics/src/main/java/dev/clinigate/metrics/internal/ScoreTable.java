package dev.clinigate.metrics.internal;

import java.util.Arrays;

/**
 * The distinct-score table of a set of cases: distinct scores ascending with the number of negatives
 * and positives at each. Every binary metric clinigate reports (AUROC, AUPRC, calibration, thresholds,
 * the logistic fits, DeLong's variance) is a function of this table alone.
 *
 * <p>Design note: two data sets with the same table get bit-identical metrics, whichever way the table
 * was built (sorted arrays, merged partial states, a subgroup). Counts are {@code long} so that merged
 * partitions can exceed 2^31 cases. Instances are immutable after construction (arrays are not exposed
 * for writing by convention of this internal package).
 */
public final class ScoreTable {
  /** Distinct scores, strictly ascending, each in [0, 1]. */
  public final double[] score;
  /** Number of negatives with each score. */
  public final long[] neg;
  /** Number of positives with each score. */
  public final long[] pos;
  /** Number of distinct scores. */
  public final int size;
  /** Total negatives. */
  public final long negatives;
  /** Total positives. */
  public final long positives;

  /** Wraps the given arrays (not copied); {@code score} must be strictly ascending. */
  public ScoreTable(double[] score, long[] neg, long[] pos) {
    if (score.length != neg.length || score.length != pos.length) {
      throw new IllegalArgumentException("table arrays differ in length");
    }
    this.score = score;
    this.neg = neg;
    this.pos = pos;
    this.size = score.length;
    long nn = 0;
    long np = 0;
    for (int i = 0; i < size; i++) {
      nn += neg[i];
      np += pos[i];
    }
    this.negatives = nn;
    this.positives = np;
  }

  /** Number of cases. */
  public long n() {
    return negatives + positives;
  }

  /**
   * Builds the table from keys {@code doubleToRawLongBits(score) << 1 | label} sorted ascending,
   * reading {@code keys[from, to)}.
   */
  public static ScoreTable fromSortedKeys(long[] keys, int from, int to) {
    int d = 0;
    long prev = -1L;
    for (int i = from; i < to; i++) {
      long bits = keys[i] >>> 1;
      if (bits != prev) {
        d++;
        prev = bits;
      }
    }
    double[] score = new double[d];
    long[] neg = new long[d];
    long[] pos = new long[d];
    int c = -1;
    prev = -1L;
    for (int i = from; i < to; i++) {
      long k = keys[i];
      long bits = k >>> 1;
      if (bits != prev) {
        c++;
        score[c] = Double.longBitsToDouble(bits);
        prev = bits;
      }
      if ((k & 1L) == 0L) {
        neg[c]++;
      } else {
        pos[c]++;
      }
    }
    return new ScoreTable(score, neg, pos);
  }

  /**
   * Writes each row's cell (index of its distinct score) to {@code cellOfRow}, given keys sorted together
   * with their {@code rows}.
   */
  public static void assignCells(long[] sortedKeys, int[] rows, int[] cellOfRow) {
    int c = -1;
    long prev = -1L;
    for (int j = 0; j < sortedKeys.length; j++) {
      long bits = sortedKeys[j] >>> 1;
      if (bits != prev) {
        c++;
        prev = bits;
      }
      cellOfRow[rows[j]] = c;
    }
  }

  /** The merged table of two tables (counts of equal scores added). */
  public static ScoreTable merge(ScoreTable a, ScoreTable b) {
    double[] s = new double[a.size + b.size];
    long[] ng = new long[s.length];
    long[] ps = new long[s.length];
    int i = 0;
    int j = 0;
    int k = 0;
    while (i < a.size || j < b.size) {
      int cmp = i == a.size ? 1 : j == b.size ? -1 : Double.compare(a.score[i], b.score[j]);
      if (cmp <= 0) {
        s[k] = a.score[i];
        ng[k] = a.neg[i];
        ps[k] = a.pos[i];
        i++;
        if (cmp == 0) {
          ng[k] += b.neg[j];
          ps[k] += b.pos[j];
          j++;
        }
      } else {
        s[k] = b.score[j];
        ng[k] = b.neg[j];
        ps[k] = b.pos[j];
        j++;
      }
      k++;
    }
    return new ScoreTable(Arrays.copyOf(s, k), Arrays.copyOf(ng, k), Arrays.copyOf(ps, k));
  }

  /** The packed sort key of a (validated) score and label. */
  public static long key(double score, int label) {
    return Double.doubleToRawLongBits(score + 0.0) << 1 | label; // + 0.0 turns -0.0 into 0.0
  }
}
