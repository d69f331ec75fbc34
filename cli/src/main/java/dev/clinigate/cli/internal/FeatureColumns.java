package dev.clinigate.cli.internal;

import dev.clinigate.SourceFiles;
import dev.clinigate.contracts.CsvReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Reads named columns of a CSV as text, with missing-value tokens turned into null, for drift.
 *
 * @param source the file name as given
 * @param columns one array per requested column, in request order (null = missing)
 */
public record FeatureColumns(String source, List<String[]> columns) {
  /** Tokens that mean "missing" in a CSV cell (besides the empty cell). */
  public static final Set<String> MISSING_TOKENS = Set.of("NA", "N/A", "NaN", "nan", "null", "NULL");

  /** Reads the columns; an unknown column is an error with a "did you mean" hint. */
  public static FeatureColumns read(Path file, List<String> names) {
    return read(file, names, SourceFiles.besideFile(file));
  }

  /** Reads the columns through {@code files} (its root and limits). */
  public static FeatureColumns read(Path file, List<String> names, SourceFiles files) {
    try (CsvReader r = CsvReader.open(file, file.toString(), files)) {
      int[] idx = new int[names.size()];
      for (int i = 0; i < idx.length; i++) {
        idx[i] = r.column(names.get(i));
      }
      int cap = 1024;
      int n = 0;
      String[][] cols = new String[idx.length][cap];
      while (r.next()) {
        if (n == cap) {
          cap = Math.multiplyExact(cap, 2);
          for (int c = 0; c < cols.length; c++) {
            cols[c] = Arrays.copyOf(cols[c], cap);
          }
        }
        for (int c = 0; c < idx.length; c++) {
          String v = r.field(idx[c]);
          cols[c][n] = v.isEmpty() || MISSING_TOKENS.contains(v) ? null : v;
        }
        n++;
      }
      List<String[]> out = new ArrayList<>();
      for (String[] c : cols) {
        out.add(Arrays.copyOf(c, n));
      }
      return new FeatureColumns(file.toString(), out);
    }
  }

  /**
   * The column as numbers (NaN = missing), or null when a present value is not a finite decimal number
   * (the column is then categorical).
   */
  public static double[] numeric(String[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      if (values[i] == null) {
        out[i] = Double.NaN;
        continue;
      }
      try {
        double d = Double.parseDouble(values[i]);
        if (!Double.isFinite(d) || !looksDecimal(values[i])) {
          return null;
        }
        out[i] = d;
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return out;
  }

  /** Rejects Java-only spellings such as "1d", "0x1p3" or padded text that parseDouble accepts. */
  private static boolean looksDecimal(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
        return false;
      }
    }
    return true;
  }
}
