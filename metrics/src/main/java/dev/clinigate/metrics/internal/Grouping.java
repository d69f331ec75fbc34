package dev.clinigate.metrics.internal;

import dev.clinigate.InputException;
import dev.clinigate.Limits;
import dev.clinigate.Problem;
import java.util.Arrays;
import java.util.List;

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
    int k = columns.length;
    String[][] values = new String[k][];
    int[][] sizes = new int[k][];
    int[][] first = new int[k][];
    int[][] remap = new int[k][];
    for (int c = 0; c < k; c++) {
      first[c] = new int[columns[c].length];
      Coded coded = code(columns[c], first[c], maxGroups);
      if (coded == null) {
        String name = names == null ? "column " + (c + 1) : "\"" + names.get(c) + "\"";
        throw new InputException(Problem.at(source, 0, 0, "group column " + name + " has more than "
            + Limits.describe("maxGroups", maxGroups) + " distinct values",
            "group by a column with fewer values (e.g. a band instead of an identifier); "
                + Limits.raiseHint("maxGroups")));
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
