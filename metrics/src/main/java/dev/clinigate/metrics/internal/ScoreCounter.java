package dev.clinigate.metrics.internal;

import java.util.Arrays;

/**
 * Counts of negatives and positives per distinct score, built one case at a time: an open-addressing
 * hash table from the score's bits to a slot. Memory is O(distinct scores), independent of the number
 * of cases; {@link #toTable()} sorts the distinct scores once.
 */
public final class ScoreCounter {
  private static final long EMPTY = -1L; // score bits are never negative (scores in [0, 1], -0.0 folded)

  private long[] table = new long[64]; // hash slot -> score bits, or EMPTY
  private int[] index = new int[64]; // hash slot -> entry
  private long[] bits = new long[32];
  private long[] neg = new long[32];
  private long[] pos = new long[32];
  private int size;

  /** An empty counter. */
  public ScoreCounter() {
    Arrays.fill(table, EMPTY);
  }

  /** Number of distinct scores. */
  public int size() {
    return size;
  }

  /** Adds {@code count} cases with this (validated) score and label. */
  public void add(double score, int label, long count) {
    long b = Double.doubleToRawLongBits(score + 0.0);
    int e = entry(b);
    if (label == 1) {
      pos[e] += count;
    } else {
      neg[e] += count;
    }
  }

  /** Adds another counter's counts. */
  public void addAll(ScoreCounter other) {
    for (int i = 0; i < other.size; i++) {
      int e = entry(other.bits[i]);
      neg[e] += other.neg[i];
      pos[e] += other.pos[i];
    }
  }

  private int entry(long b) {
    int mask = table.length - 1;
    int h = (int) (SplitMix64.mix64(b) & mask);
    while (true) {
      long t = table[h];
      if (t == b) {
        return index[h];
      }
      if (t == EMPTY) {
        break;
      }
      h = (h + 1) & mask;
    }
    if (size == bits.length) {
      int cap = bits.length * 2;
      bits = Arrays.copyOf(bits, cap);
      neg = Arrays.copyOf(neg, cap);
      pos = Arrays.copyOf(pos, cap);
    }
    int e = size++;
    bits[e] = b;
    table[h] = b;
    index[h] = e;
    if (2 * size > table.length) {
      rehash();
    }
    return e;
  }

  private void rehash() {
    long[] t = new long[table.length * 2];
    int[] ix = new int[t.length];
    Arrays.fill(t, EMPTY);
    int mask = t.length - 1;
    for (int e = 0; e < size; e++) {
      int h = (int) (SplitMix64.mix64(bits[e]) & mask);
      while (t[h] != EMPTY) {
        h = (h + 1) & mask;
      }
      t[h] = bits[e];
      ix[h] = e;
    }
    table = t;
    index = ix;
  }

  /** The distinct-score table (scores ascending). */
  public ScoreTable toTable() {
    long[] keys = Arrays.copyOf(bits, size);
    int[] order = new int[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    RadixSort.sort(keys, order);
    double[] s = new double[size];
    long[] n = new long[size];
    long[] p = new long[size];
    for (int i = 0; i < size; i++) {
      s[i] = Double.longBitsToDouble(keys[i]);
      n[i] = neg[order[i]];
      p[i] = pos[order[i]];
    }
    return new ScoreTable(s, n, p);
  }
}
