package dev.clinigate.cli.internal;

import dev.clinigate.InputException;
import dev.clinigate.Limits;
import dev.clinigate.Problem;
import dev.clinigate.SourceFiles;
import dev.clinigate.contracts.CsvReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads labels, scores and group columns of a predictions CSV into primitive arrays, streaming, with
 * errors located at {@code file:line}. Design note: a bad label or score is an error, never a skipped
 * row, because silently dropping cases can change every metric.
 *
 * <p>Memory: a row costs 1 byte of label, 8 of score (8 more with a baseline) and 4 per group column: group
 * values are coded to ints as they are read, each distinct value kept once as a string (looked up from the
 * reader's zero-copy field view, so no string is made per row). Arrays grow by half and are trimmed once.
 *
 * @param labels label per row ({@code true} = 1)
 * @param scores probability per row
 * @param baseline the baseline model's score per row, or null when not asked for
 * @param groupCodes per group column: each row's index into its levels, -1 for an empty value
 * @param groupLevels per group column: the distinct non-empty values, in order of first appearance
 */
public record PredictionsCsv(boolean[] labels, double[] scores, double[] baseline, List<int[]> groupCodes,
    List<String[]> groupLevels) {

  /** Reads the file. */
  public static PredictionsCsv read(Path file, String labelColumn, String scoreColumn, List<String> groupColumns) {
    return read(file, labelColumn, scoreColumn, null, groupColumns);
  }

  /** Reads the file, including a baseline score column when {@code baselineColumn} is not null. */
  public static PredictionsCsv read(Path file, String labelColumn, String scoreColumn, String baselineColumn,
      List<String> groupColumns) {
    return read(file, labelColumn, scoreColumn, baselineColumn, groupColumns, SourceFiles.besideFile(file),
        Limits.defaults().maxGroups());
  }

  /**
   * Reads the file through {@code files}; a group column with more than {@code maxGroups} distinct values
   * is an error as soon as it is seen.
   */
  public static PredictionsCsv read(Path file, String labelColumn, String scoreColumn, String baselineColumn,
      List<String> groupColumns, SourceFiles files, int maxGroups) {
    try (CsvReader r = CsvReader.open(file, file.toString(), files)) {
      int li = labelColumn == null ? -1 : r.column(labelColumn); // null: label-free estimates
      int si = r.column(scoreColumn);
      int bi = baselineColumn == null ? -1 : r.column(baselineColumn);
      int[] gi = new int[groupColumns.size()];
      Coder[] coders = new Coder[gi.length];
      for (int i = 0; i < gi.length; i++) {
        gi[i] = r.column(groupColumns.get(i));
        coders[i] = new Coder();
      }
      int cap = 1024;
      int n = 0;
      boolean[] labels = new boolean[cap];
      double[] scores = new double[cap];
      double[] base = bi < 0 ? null : new double[cap];
      int[][] codes = new int[gi.length][cap];
      List<Problem> problems = new ArrayList<>();
      while (r.next()) {
        if (n == cap) {
          cap = (int) Math.min(Integer.MAX_VALUE - 8, cap + (long) (cap >> 1));
          if (n == cap) {
            throw new InputException(Problem.at(file.toString(), 0, 0, "the file has more than " + n
                + " data rows", "split the file"));
          }
          labels = Arrays.copyOf(labels, cap);
          scores = Arrays.copyOf(scores, cap);
          base = base == null ? null : Arrays.copyOf(base, cap);
          for (int g = 0; g < gi.length; g++) {
            codes[g] = Arrays.copyOf(codes[g], cap);
          }
        }
        int label = li < 0 ? 0 : label(r.chars(li));
        if (label < 0) {
          problems.add(problem(r, labelColumn + " must be 0 or 1, found "
              + Problem.describeField(r.field(li)),
              "labels are 0/1 (true/false is accepted too); a missing label cannot be scored"));
        }
        double s = score(r, si, scoreColumn, problems);
        double b = bi < 0 ? 0 : score(r, bi, baselineColumn, problems);
        if (problems.size() >= 5) {
          break;
        }
        labels[n] = label == 1;
        scores[n] = s;
        if (base != null) {
          base[n] = b;
        }
        for (int g = 0; g < gi.length; g++) {
          int code = r.isEmpty(gi[g]) ? -1 : coders[g].code(r.chars(gi[g]));
          if (coders[g].size() > maxGroups) {
            throw new InputException(Problem.at(file.toString(), 0, 0, "group column \"" + groupColumns.get(g)
                + "\" has more than " + Limits.describe("maxGroups", maxGroups) + " distinct values",
                "group by a column with fewer values (e.g. a band instead of an identifier); "
                    + Limits.raiseHint("maxGroups")));
          }
          codes[g][n] = code;
        }
        n++;
      }
      if (!problems.isEmpty()) {
        throw new InputException(problems);
      }
      if (n == 0) {
        throw new InputException(Problem.at(file.toString(), 0, 0, "the file has no data rows",
            "metrics need at least one case"));
      }
      List<int[]> gc = new ArrayList<>();
      List<String[]> gl = new ArrayList<>();
      for (int g = 0; g < gi.length; g++) {
        gc.add(n == cap ? codes[g] : Arrays.copyOf(codes[g], n));
        codes[g] = null;
        gl.add(coders[g].levels());
      }
      return new PredictionsCsv(n == cap ? labels : Arrays.copyOf(labels, n), n == cap ? scores
          : Arrays.copyOf(scores, n), base == null ? null : Arrays.copyOf(base, n), gc, gl);
    }
  }

  /** The labels as 0/1 ints (for the paired comparison, which takes ints). */
  public int[] intLabels() {
    int[] out = new int[labels.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = labels[i] ? 1 : 0;
    }
    return out;
  }

  /**
   * Codes one column's values: an open-addressing table over the characters of each value, so that a
   * value is turned into a string only the first time it is seen.
   */
  private static final class Coder {
    private String[] keys = new String[16];
    private int[] ids = new int[16];
    private String[] levels = new String[8];
    private int size;

    int code(CharSequence v) {
      int h = 0;
      int len = v.length();
      for (int i = 0; i < len; i++) {
        h = 31 * h + v.charAt(i); // String.hashCode's function
      }
      int mask = keys.length - 1;
      int slot = (h ^ (h >>> 16)) & mask;
      while (true) {
        String k = keys[slot];
        if (k == null) {
          String s = v.toString();
          keys[slot] = s;
          ids[slot] = size;
          if (size == levels.length) {
            levels = Arrays.copyOf(levels, 2 * size);
          }
          levels[size] = s;
          int id = size++;
          if (2 * size > keys.length) {
            rehash();
          }
          return id;
        }
        if (k.hashCode() == h && contentEquals(k, v)) {
          return ids[slot];
        }
        slot = (slot + 1) & mask;
      }
    }

    private static boolean contentEquals(String k, CharSequence v) {
      if (k.length() != v.length()) {
        return false;
      }
      for (int i = 0; i < k.length(); i++) {
        if (k.charAt(i) != v.charAt(i)) {
          return false;
        }
      }
      return true;
    }

    private void rehash() {
      String[] oldKeys = keys;
      int[] oldIds = ids;
      keys = new String[2 * oldKeys.length];
      ids = new int[keys.length];
      int mask = keys.length - 1;
      for (int i = 0; i < oldKeys.length; i++) {
        if (oldKeys[i] != null) {
          int h = oldKeys[i].hashCode();
          int slot = (h ^ (h >>> 16)) & mask;
          while (keys[slot] != null) {
            slot = (slot + 1) & mask;
          }
          keys[slot] = oldKeys[i];
          ids[slot] = oldIds[i];
        }
      }
    }

    int size() {
      return size;
    }

    String[] levels() {
      return Arrays.copyOf(levels, size);
    }
  }

  private static double score(CsvReader r, int column, String name, List<Problem> problems) {
    double s = r.number(column);
    if (!(s >= 0.0 && s <= 1.0)) {
      String raw = r.field(column);
      problems.add(problem(r, name + " must be a probability within [0, 1], found " + Problem.describeField(raw),
          raw.isEmpty() ? "a missing score cannot be evaluated: remove the row or fix the producer"
              : "scores are probabilities; apply the model's link function (e.g. the sigmoid) first"));
    }
    return s;
  }

  private static int label(CharSequence c) {
    String s = c.toString();
    return switch (s) {
      case "0", "0.0", "false", "FALSE", "False" -> 0;
      case "1", "1.0", "true", "TRUE", "True" -> 1;
      default -> -1;
    };
  }

  private static Problem problem(CsvReader r, String message, String hint) {
    return Problem.at(r.source(), (int) Math.min(Integer.MAX_VALUE, r.line()), 0, message + " (row " + r.row() + ")",
        hint);
  }
}
