package dev.clinigate.metrics.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * One group column coded to small integers: distinct non-null values sorted ascending
 * ({@link String#compareTo}), each row's code, -1 for a null value (the row is left out of this column's
 * groups, as pandas' groupby drops missing keys).
 *
 * <p>Design note: coding runs once per row, so it first compares references against the few distinct
 * {@code String} instances seen so far (columns usually repeat a handful of instances) and only then
 * falls back to a hash lookup by value. The hash map is used for lookups only; output order comes from
 * the sorted value array.
 */
public final class Grouping {
  private static final int REF_CACHE = 16;

  /** Distinct non-null values, ascending. */
  public final String[] values;
  /** Per row: index into {@link #values}, or -1 when the row's value is null. */
  public final int[] codes;
  /** Number of rows per value. */
  public final int[] sizes;

  private Grouping(String[] values, int[] codes, int[] sizes) {
    this.values = values;
    this.codes = codes;
    this.sizes = sizes;
  }

  /** Codes a column. */
  public static Grouping of(String[] column) {
    int n = column.length;
    int[] codes = new int[n];
    String[] refs = new String[REF_CACHE];
    int[] refCodes = new int[REF_CACHE];
    int refCount = 0;
    Map<String, Integer> byValue = new HashMap<>();
    String[] firstSeen = new String[16];
    int distinct = 0;
    for (int i = 0; i < n; i++) {
      String v = column[i];
      if (v == null) {
        codes[i] = -1;
        continue;
      }
      int code = -1;
      for (int k = 0; k < refCount; k++) {
        if (refs[k] == v) {
          code = refCodes[k];
          break;
        }
      }
      if (code < 0) {
        Integer known = byValue.get(v);
        if (known == null) {
          code = distinct++;
          byValue.put(v, code);
          if (code == firstSeen.length) {
            firstSeen = Arrays.copyOf(firstSeen, 2 * code);
          }
          firstSeen[code] = v;
        } else {
          code = known;
        }
        if (refCount < REF_CACHE) {
          refs[refCount] = v;
          refCodes[refCount] = code;
          refCount++;
        }
      }
      codes[i] = code;
    }
    String[] sorted = Arrays.copyOf(firstSeen, distinct);
    Arrays.sort(sorted);
    int[] remap = new int[distinct];
    for (int k = 0; k < distinct; k++) {
      remap[byValue.get(sorted[k])] = k;
    }
    int[] sizes = new int[distinct];
    for (int i = 0; i < n; i++) {
      int c = codes[i];
      if (c >= 0) {
        c = remap[c];
        codes[i] = c;
        sizes[c]++;
      }
    }
    return new Grouping(sorted, codes, sizes);
  }

  /**
   * The distinct-score table of each group, from the keys sorted together with their rows.
   *
   * @param sortedKeys packed keys, ascending
   * @param rows the row of each sorted key
   */
  public ScoreTable[] tables(long[] sortedKeys, int[] rows) {
    int g = values.length;
    long[][] keys = new long[g][];
    for (int k = 0; k < g; k++) {
      keys[k] = new long[sizes[k]];
    }
    int[] fill = new int[g];
    for (int j = 0; j < sortedKeys.length; j++) {
      int c = codes[rows[j]];
      if (c >= 0) {
        keys[c][fill[c]++] = sortedKeys[j];
      }
    }
    ScoreTable[] tables = new ScoreTable[g];
    for (int k = 0; k < g; k++) {
      tables[k] = ScoreTable.fromSortedKeys(keys[k], 0, keys[k].length);
      keys[k] = null;
    }
    return tables;
  }
}
