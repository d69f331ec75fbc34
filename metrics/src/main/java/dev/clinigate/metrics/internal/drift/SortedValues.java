package dev.clinigate.metrics.internal.drift;

import java.util.Arrays;

/**
 * A sorted sample of finite doubles stored compactly: distinct values ascending, with a count for each
 * when there are ties (no counts when every value occurs once, the usual case for measurements).
 * Immutable once built; {@code -0.0} and {@code 0.0} count as the same value.
 */
public final class SortedValues {
  final double[] values;
  /** cumulative[i] = number of values <= values[i]; null when each value occurs once. */
  final long[] cumulative;

  private SortedValues(double[] values, long[] cumulative) {
    this.values = values;
    this.cumulative = cumulative;
  }

  /**
   * Compacts the first {@code length} entries of an ascending array (which it may keep: the caller
   * hands it over).
   */
  public static SortedValues ofSorted(double[] sorted, int length) {
    int distinct = length == 0 ? 0 : 1;
    for (int i = 1; i < length; i++) {
      if (sorted[i] != sorted[i - 1]) {
        distinct++;
      }
    }
    if (distinct == length) {
      return new SortedValues(length == sorted.length ? sorted : Arrays.copyOf(sorted, length), null);
    }
    double[] v = new double[distinct];
    long[] cum = new long[distinct];
    int k = -1;
    for (int i = 0; i < length; i++) {
      if (k < 0 || sorted[i] != v[k]) {
        k++;
        v[k] = sorted[i];
      }
      cum[k] = i + 1L;
    }
    return new SortedValues(v, cum);
  }

  /**
   * Builds from distinct ascending values and their counts ({@code null}: one each); the caller has
   * validated them.
   */
  public static SortedValues ofDistinct(double[] distinct, long[] counts) {
    if (counts == null) {
      return new SortedValues(distinct.clone(), null);
    }
    long[] cum = new long[counts.length];
    long c = 0;
    for (int i = 0; i < counts.length; i++) {
      c += counts[i];
      cum[i] = c;
    }
    return new SortedValues(distinct.clone(), cum);
  }

  /** Number of values (with ties counted). */
  public long size() {
    return cumulative == null ? values.length : (cumulative.length == 0 ? 0 : cumulative[cumulative.length - 1]);
  }

  /** Number of distinct values. */
  public int distinct() {
    return values.length;
  }

  /** The i-th smallest distinct value. */
  public double value(int i) {
    return values[i];
  }

  /** How many times the i-th distinct value occurs. */
  public long count(int i) {
    if (cumulative == null) {
      return 1;
    }
    return i == 0 ? cumulative[0] : cumulative[i] - cumulative[i - 1];
  }

  /** Whether some value occurs more than once. */
  public boolean hasTies() {
    return cumulative != null;
  }

  /** The value of 0-based rank r in the sorted sample (ties expanded). */
  public double valueAtRank(long r) {
    if (cumulative == null) {
      return values[(int) r];
    }
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] > r) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return values[lo];
  }

  /** Number of values strictly below x. */
  public long countBelow(double x) {
    int lo = 0;
    int hi = values.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (values[mid] < x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    if (cumulative == null) {
      return lo;
    }
    return lo == 0 ? 0 : cumulative[lo - 1];
  }

  /** A copy of the distinct values. */
  public double[] distinctValues() {
    return values.clone();
  }

  /** The count of each distinct value, or null when every value occurs once. */
  public long[] counts() {
    if (cumulative == null) {
      return null;
    }
    long[] c = new long[cumulative.length];
    for (int i = 0; i < c.length; i++) {
      c[i] = count(i);
    }
    return c;
  }
}
