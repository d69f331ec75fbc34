package dev.clinigate.metrics.internal;

import dev.clinigate.InputException;
import dev.clinigate.Limits;
import dev.clinigate.Problem;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntToLongFunction;

/**
 * Group columns coded to small integers, and the distinct-score tables of every group.
 *
 * <p>Coding: a column's distinct non-null values are sorted ascending ({@link String#compareTo}); each
 * row gets its value's index, or -1 for null (the row is in no group of that column, as pandas'
 * groupby drops missing keys). Lookups go through a small open-addressing table keyed by the cached
 * {@code String.hashCode()}, comparing references before contents, so coding costs a few nanoseconds
 * per row; output order comes only from the sorted value array.
 *
 * <p>Tables: the keys are sorted once together with an int payload per row. When the codes of all
 * columns fit in 31 bits (each column takes enough bits for its number of values + 1), the payload is
 * the packed codes and one sequential walk over the sorted keys fills every group's table; otherwise
 * the payload is the row index and the codes are looked up per row. Each group's table records, per
 * cell, the cell of the whole data set with the same score, so that per-score terms are computed once.
 */
public final class Grouping {
  /** Per column: distinct non-null values, ascending. */
  public final String[][] values;
  /** Per column: the number of rows with each value. */
  final int[][] sizes;
  /** Per column: each row's code in order of first appearance, -1 for null. */
  private final int[][] firstSeenCodes;
  /** Per column: first-appearance code + 1 -> sorted code + 1 (0 stays 0 for null). */
  private final int[][] toSortedPlusOne;
  /** Per column: each row's sorted code, -1 for null; computed only when the codes cannot be packed. */
  private int[][] codes;
  /** Per column: bit offset of the column's code + 1 in a packed payload, or -1 when not packed. */
  private final int[] shift;
  private final int[] mask;

  private Grouping(String[][] values, int[][] sizes, int[][] firstSeenCodes, int[][] toSortedPlusOne) {
    this.values = values;
    this.sizes = sizes;
    this.firstSeenCodes = firstSeenCodes;
    this.toSortedPlusOne = toSortedPlusOne;
    int columns = values.length;
    shift = new int[columns];
    mask = new int[columns];
    int used = 0;
    for (int c = 0; c < columns; c++) {
      int bits = 32 - Integer.numberOfLeadingZeros(values[c].length); // represents 0..G
      shift[c] = used;
      mask[c] = (1 << bits) - 1;
      used += bits;
    }
    if (used > 31) {
      Arrays.fill(shift, -1);
    }
  }

  /** Codes every column (all of the same length), with the default bound on distinct values. */
  public static Grouping of(String[][] columns) {
    return of(columns, null, Limits.defaults().maxGroups(), "predictions");
  }

  /**
   * Codes every column (all of the same length); a column with more than {@code maxGroups} distinct non-null
   * values is an error, found before any per-group state is allocated (each group costs tables and a report).
   *
   * @param names the columns' names for the message (null: "column 1", ...)
   * @param source the input's name for the message
   * @throws InputException naming the column and the limit when a column has too many distinct values
   */
  public static Grouping of(String[][] columns, List<String> names, int maxGroups, String source) {
    return of(columns, new int[columns.length][], new String[columns.length][], names, maxGroups, source);
  }

  /**
   * Codes every column, where column c is either {@code columns[c]} (one string per row, null for none)
   * or, when {@code columns[c]} is null, pre-coded: {@code codes[c][row]} indexes {@code levels[c]}
   * (distinct, non-null) or is -1 for none. Levels without rows form no group. Limits as
   * {@link #of(String[][], List, int, String)}.
   *
   * @throws IllegalArgumentException when a code is out of range or levels repeat or are null
   * @throws InputException when a column has more than {@code maxGroups} distinct values
   */
  public static Grouping of(String[][] columns, int[][] codes, String[][] levels, List<String> names,
      int maxGroups, String source) {
    int k = columns.length;
    String[][] values = new String[k][];
    int[][] sizes = new int[k][];
    int[][] first = new int[k][];
    int[][] remap = new int[k][];
    for (int c = 0; c < k; c++) {
      if (columns[c] != null) {
        continue;
      }
      String[] lv = levels[c];
      int[] cc = codes[c];
      int[] count = new int[lv.length];
      for (int i = 0; i < cc.length; i++) {
        int code = cc[i];
        if (code < -1 || code >= lv.length) {
          throw new IllegalArgumentException("group code must be within [-1, " + (lv.length - 1) + "], found "
              + code + " (row " + (i + 1) + ")");
        }
        if (code >= 0) {
          count[code]++;
        }
      }
      int used = 0;
      for (int f = 0; f < lv.length; f++) {
        if (lv[f] == null) {
          throw new IllegalArgumentException("group levels must not be null");
        }
        if (count[f] > 0) {
          used++;
        }
      }
      if (used > maxGroups) {
        throw tooManyGroups(names, c, maxGroups, source);
      }
      String[] sorted = new String[used];
      int u = 0;
      for (int f = 0; f < lv.length; f++) {
        if (count[f] > 0) {
          sorted[u++] = lv[f];
        }
      }
      Arrays.sort(sorted);
      for (int i = 1; i < used; i++) {
        if (sorted[i].equals(sorted[i - 1])) {
          throw new IllegalArgumentException("group levels must be distinct");
        }
      }
      values[c] = sorted;
      sizes[c] = new int[used];
      remap[c] = new int[lv.length + 1];
      for (int f = 0; f < lv.length; f++) {
        if (count[f] > 0) {
          int sortedCode = Arrays.binarySearch(sorted, lv[f]);
          remap[c][f + 1] = sortedCode + 1;
          sizes[c][sortedCode] = count[f];
        }
      }
      first[c] = cc;
    }
    for (int c = 0; c < k; c++) {
      if (columns[c] == null) {
        continue;
      }
      first[c] = new int[columns[c].length];
      Coded coded = code(columns[c], first[c], maxGroups);
      if (coded == null) {
        throw tooManyGroups(names, c, maxGroups, source);
      }
      values[c] = coded.sorted;
      int distinct = coded.sorted.length;
      sizes[c] = new int[distinct];
      remap[c] = new int[distinct + 1];
      for (int f = 0; f < distinct; f++) {
        int sortedCode = Arrays.binarySearch(coded.sorted, coded.firstSeen[f]);
        remap[c][f + 1] = sortedCode + 1;
        sizes[c][sortedCode] = coded.counts[f];
      }
    }
    return new Grouping(values, sizes, first, remap);
  }

  private static InputException tooManyGroups(List<String> names, int c, int maxGroups, String source) {
    String name = names == null ? "column " + (c + 1) : "\"" + names.get(c) + "\"";
    return new InputException(Problem.at(source, 0, 0, "group column " + name + " has more than "
        + Limits.describe("maxGroups", maxGroups) + " distinct values",
        "group by a column with fewer values (e.g. a band instead of an identifier); "
            + Limits.raiseHint("maxGroups")));
  }

  /** Whether the payload for {@link #tables} is the packed codes (else row indices). */
  public boolean packed() {
    return shift.length == 0 || shift[0] >= 0;
  }

  /** The payload of each row to sort with the keys: packed codes or the row index. */
  public int[] payload() {
    int n = firstSeenCodes.length == 0 ? 0 : firstSeenCodes[0].length;
    int[] p = new int[n];
    if (packed()) {
      for (int c = 0; c < firstSeenCodes.length; c++) {
        int[] fc = firstSeenCodes[c];
        int[] remap = toSortedPlusOne[c];
        int s = shift[c];
        for (int i = 0; i < n; i++) {
          p[i] |= remap[fc[i] + 1] << s;
        }
      }
    } else {
      for (int i = 0; i < n; i++) {
        p[i] = i;
      }
    }
    return p;
  }

  /** Sorted codes per column and row (-1 for null), for the unpacked path. */
  private int[][] codes() {
    if (codes == null) {
      int[][] out = new int[firstSeenCodes.length][];
      for (int c = 0; c < out.length; c++) {
        int[] fc = firstSeenCodes[c];
        int[] remap = toSortedPlusOne[c];
        out[c] = new int[fc.length];
        for (int i = 0; i < fc.length; i++) {
          out[c][i] = remap[fc[i] + 1] - 1;
        }
      }
      codes = out;
    }
    return codes;
  }

  /**
   * The tables of every group of every column, from the keys sorted with {@link #payload()}.
   *
   * @param sortedKeys packed keys, ascending
   * @param payload the payload sorted along with the keys
   * @param overall the table of all rows (built from the same sorted keys)
   * @return per column, per value: the group's table and, per cell, the overall cell
   */
  public Group[][] tables(long[] sortedKeys, int[] payload, ScoreTable overall) {
    int columns = values.length;
    int[] offset = new int[columns + 1];
    for (int c = 0; c < columns; c++) {
      offset[c + 1] = offset[c] + values[c].length;
    }
    int total = offset[columns];
    Builder[] builders = new Builder[total];
    for (int c = 0; c < columns; c++) {
      for (int g = 0; g < values[c].length; g++) {
        builders[offset[c] + g] = new Builder(Math.min(sizes[c][g], overall.size));
      }
    }
    // Rows with one score form a run; count (group, label) within the run in a small array and flush it
    // when the score changes: one increment per row and column, sequential memory only. With few groups
    // the flush scans every counter (no data-dependent branch per row); with many it keeps a touched list.
    long[] runCount = new long[2 * total];
    boolean scanAll = total <= 64;
    int[] touched = scanAll ? null : new int[2 * total];
    int touchedCount = 0;
    int cell = -1;
    long prev = -1L;
    boolean packed = packed();
    for (int j = 0; j < sortedKeys.length; j++) {
      long key = sortedKeys[j];
      long bits = key >>> 1;
      if (bits != prev) {
        if (scanAll) {
          flushAll(builders, runCount, cell);
        } else {
          flush(builders, runCount, touched, touchedCount, cell);
          touchedCount = 0;
        }
        cell++;
        prev = bits;
      }
      int label = (int) (key & 1L);
      int p = payload[j];
      for (int c = 0; c < columns; c++) {
        int g = packed ? ((p >>> shift[c]) & mask[c]) - 1 : codes()[c][p];
        if (g >= 0) {
          int idx = ((offset[c] + g) << 1) | label;
          if (runCount[idx]++ == 0 && !scanAll) {
            touched[touchedCount++] = idx;
          }
        }
      }
    }
    if (scanAll) {
      flushAll(builders, runCount, cell);
    } else {
      flush(builders, runCount, touched, touchedCount, cell);
    }
    Group[][] out = new Group[columns][];
    for (int c = 0; c < columns; c++) {
      out[c] = new Group[values[c].length];
      for (int g = 0; g < out[c].length; g++) {
        out[c][g] = builders[offset[c] + g].build(overall);
      }
    }
    return out;
  }

  /** Largest number of (group, cell, label) counters the lookup path allocates. */
  static final long LOOKUP_MAX_COUNTERS = 1L << 24;

  /**
   * Whether {@link #tablesByLookup} suits these rows: their scores look few (fewer distinct values than
   * half of an evenly spaced sample of up to 4,096 rows). A heuristic for speed only: both paths give
   * identical tables.
   */
  public static boolean fewDistinctScores(long[] rowKeys) {
    int n = rowKeys.length;
    int sample = Math.min(n, 4096);
    if (sample == 0) {
      return true;
    }
    long[] s = new long[sample];
    for (int i = 0; i < sample; i++) {
      s[i] = rowKeys[(int) ((long) i * n / sample)] >>> 1;
    }
    Arrays.sort(s);
    int distinct = 1;
    for (int i = 1; i < sample; i++) {
      if (s[i] != s[i - 1]) {
        distinct++;
      }
    }
    return distinct * 2 < sample;
  }

  /**
   * The same tables as {@link #tables}, built without sorting the rows with a payload: each row's cell is
   * looked up from its score in a hash table of the overall table's distinct scores, and counted per
   * group in a dense (group, cell, label) array. Worth it when the scores are few (ties), so that the
   * hash table and the counters stay in cache; returns null when the counters would exceed
   * {@link #LOOKUP_MAX_COUNTERS} (use {@link #tables}).
   *
   * @param rowKey each row's packed key ({@link ScoreTable#key}) by row index (so that no copy of the
   *     keys in row order needs to be kept)
   * @param overall the table of all rows
   */
  public Group[][] tablesByLookup(IntToLongFunction rowKey, ScoreTable overall) {
    return tablesByLookup(rowKey, overall, LOOKUP_MAX_COUNTERS);
  }

  /** {@link #tablesByLookup(IntToLongFunction, ScoreTable)} with a given limit on the counters. */
  Group[][] tablesByLookup(IntToLongFunction rowKey, ScoreTable overall, long maxCounters) {
    int columns = values.length;
    int d = overall.size;
    int[] offset = new int[columns + 1];
    for (int c = 0; c < columns; c++) {
      offset[c + 1] = offset[c] + values[c].length;
    }
    int total = offset[columns];
    if ((long) total * d * 2 > maxCounters) {
      return null;
    }
    // open addressing: score bits -> cell
    int cap = Integer.highestOneBit(Math.max(2, d) * 2 - 1) << 1;
    int mask = cap - 1;
    long[] hkeys = new long[cap];
    int[] hcell = new int[cap];
    Arrays.fill(hcell, -1);
    for (int i = 0; i < d; i++) {
      long bits = Double.doubleToRawLongBits(overall.score[i]);
      int h = (int) SplitMix64.mix64(bits) & mask;
      while (hcell[h] >= 0) {
        h = (h + 1) & mask;
      }
      hkeys[h] = bits;
      hcell[h] = i;
    }
    int[] counts = new int[total * d * 2];
    int[][] fc = firstSeenCodes;
    int n = fc.length == 0 ? 0 : fc[0].length;
    for (int row = 0; row < n; row++) {
      long key = rowKey.applyAsLong(row);
      long bits = key >>> 1;
      int h = (int) SplitMix64.mix64(bits) & mask;
      while (hkeys[h] != bits || hcell[h] < 0) {
        h = (h + 1) & mask;
      }
      int cellLabel = hcell[h] << 1 | (int) (key & 1L);
      for (int c = 0; c < columns; c++) {
        int g = toSortedPlusOne[c][fc[c][row] + 1] - 1;
        if (g >= 0) {
          counts[(offset[c] + g) * d * 2 + cellLabel]++;
        }
      }
    }
    Group[][] out = new Group[columns][];
    for (int c = 0; c < columns; c++) {
      out[c] = new Group[values[c].length];
      for (int g = 0; g < out[c].length; g++) {
        int base = (offset[c] + g) * d * 2;
        int size = 0;
        for (int i = 0; i < d; i++) {
          if ((counts[base + 2 * i] | counts[base + 2 * i + 1]) != 0) {
            size++;
          }
        }
        int[] cell = new int[size];
        double[] score = new double[size];
        long[] neg = new long[size];
        long[] pos = new long[size];
        int k = 0;
        for (int i = 0; i < d; i++) {
          int q = counts[base + 2 * i];
          int p = counts[base + 2 * i + 1];
          if ((q | p) != 0) {
            cell[k] = i;
            score[k] = overall.score[i];
            neg[k] = q;
            pos[k] = p;
            k++;
          }
        }
        out[c][g] = new Group(new ScoreTable(score, neg, pos), cell);
      }
    }
    return out;
  }

  private static void flushAll(Builder[] builders, long[] runCount, int cell) {
    for (int idx = 0; idx < runCount.length; idx++) {
      long count = runCount[idx];
      if (count != 0) {
        builders[idx >>> 1].add(cell, idx & 1, count);
        runCount[idx] = 0;
      }
    }
  }

  private static void flush(Builder[] builders, long[] runCount, int[] touched, int touchedCount, int cell) {
    for (int t = 0; t < touchedCount; t++) {
      int idx = touched[t];
      builders[idx >>> 1].add(cell, idx & 1, runCount[idx]);
      runCount[idx] = 0;
    }
  }

  /** One group's table and, per cell, the cell of the overall table with the same score. */
  public static final class Group {
    /** The group's distinct-score table. */
    public final ScoreTable table;
    /** Per cell of {@link #table}: the overall table's cell. */
    public final int[] overallCell;

    Group(ScoreTable table, int[] overallCell) {
      this.table = table;
      this.overallCell = overallCell;
    }
  }

  private static final class Builder {
    int[] cell;
    long[] neg;
    long[] pos;
    int size;
    int last = -1;

    Builder(int capacity) {
      int c = Math.max(capacity, 1);
      cell = new int[c];
      neg = new long[c];
      pos = new long[c];
    }

    void add(int overallCell, int label, long count) {
      if (overallCell != last) {
        size++;
        last = overallCell;
        cell[size - 1] = overallCell;
      }
      if (label == 1) {
        pos[size - 1] += count;
      } else {
        neg[size - 1] += count;
      }
    }

    Group build(ScoreTable overall) {
      int[] c = Arrays.copyOf(cell, size);
      double[] s = new double[size];
      for (int i = 0; i < size; i++) {
        s[i] = overall.score[c[i]];
      }
      return new Group(new ScoreTable(s, Arrays.copyOf(neg, size), Arrays.copyOf(pos, size)), c);
    }
  }

  /** One coded column. */
  private static final class Coded {
    final String[] sorted;
    final String[] firstSeen;
    final int[] counts;

    Coded(String[] sorted, String[] firstSeen, int[] counts) {
      this.sorted = sorted;
      this.firstSeen = firstSeen;
      this.counts = counts;
    }
  }

  /** Writes each row's first-appearance code (-1 for null) and counts rows per value. */
  static Coded code(String[] column, int[] codes) {
    return code(column, codes, Integer.MAX_VALUE);
  }

  /** Codes one column, or returns null as soon as it has more than {@code maxDistinct} distinct values. */
  static Coded code(String[] column, int[] codes, int maxDistinct) {
    int cap = 64;
    String[] slotValue = new String[cap];
    int[] slotCode = new int[cap];
    String[] firstSeen = new String[16];
    int[] counts;
    int distinct = 0;
    for (int i = 0; i < column.length; i++) {
      String v = column[i];
      if (v == null) {
        codes[i] = -1;
        continue;
      }
      int h = v.hashCode();
      int mask = cap - 1;
      int slot = (h ^ (h >>> 16)) & mask;
      int code;
      while (true) {
        String s = slotValue[slot];
        if (s == v) {
          code = slotCode[slot];
          break;
        }
        if (s == null) {
          code = distinct++;
          if (distinct > maxDistinct) {
            return null;
          }
          if (code == firstSeen.length) {
            firstSeen = Arrays.copyOf(firstSeen, 2 * code);
          }
          firstSeen[code] = v;
          slotValue[slot] = v;
          slotCode[slot] = code;
          if (2 * distinct > cap) {
            cap *= 2;
            String[] nv = new String[cap];
            int[] nc = new int[cap];
            for (int k = 0; k < slotValue.length; k++) {
              if (slotValue[k] != null) {
                int hh = slotValue[k].hashCode();
                int ns = (hh ^ (hh >>> 16)) & (cap - 1);
                while (nv[ns] != null) {
                  ns = (ns + 1) & (cap - 1);
                }
                nv[ns] = slotValue[k];
                nc[ns] = slotCode[k];
              }
            }
            slotValue = nv;
            slotCode = nc;
          }
          break;
        }
        if (s.hashCode() == h && s.equals(v)) {
          code = slotCode[slot];
          break;
        }
        slot = (slot + 1) & mask;
      }
      codes[i] = code;
    }
    // counted in a second pass: an increment in the lookup loop serialises rows with equal values
    counts = new int[distinct];
    for (int code : codes) {
      if (code >= 0) {
        counts[code]++;
      }
    }
    String[] first = Arrays.copyOf(firstSeen, distinct);
    String[] sorted = first.clone();
    Arrays.sort(sorted);
    return new Coded(sorted, first, Arrays.copyOf(counts, distinct));
  }
}
