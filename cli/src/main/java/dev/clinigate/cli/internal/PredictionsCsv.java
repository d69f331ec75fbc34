package dev.clinigate.cli.internal;

import dev.clinigate.InputException;
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
 * @param labels 0/1 per row
 * @param scores probability per row
 * @param baseline the baseline model's score per row, or null when not asked for
 * @param groups one array per group column (null for an empty value)
 */
public record PredictionsCsv(int[] labels, double[] scores, double[] baseline, List<String[]> groups) {

  /** Reads the file. */
  public static PredictionsCsv read(Path file, String labelColumn, String scoreColumn, List<String> groupColumns) {
    return read(file, labelColumn, scoreColumn, null, groupColumns);
  }

  /** Reads the file, including a baseline score column when {@code baselineColumn} is not null. */
  public static PredictionsCsv read(Path file, String labelColumn, String scoreColumn, String baselineColumn,
      List<String> groupColumns) {
    return read(file, labelColumn, scoreColumn, baselineColumn, groupColumns, SourceFiles.besideFile(file));
  }

  /** Reads the file through {@code files} (its root and limits). */
  public static PredictionsCsv read(Path file, String labelColumn, String scoreColumn, String baselineColumn,
      List<String> groupColumns, SourceFiles files) {
    try (CsvReader r = CsvReader.open(file, file.toString(), files)) {
      int li = r.column(labelColumn);
      int si = r.column(scoreColumn);
      int bi = baselineColumn == null ? -1 : r.column(baselineColumn);
      int[] gi = new int[groupColumns.size()];
      for (int i = 0; i < gi.length; i++) {
        gi[i] = r.column(groupColumns.get(i));
      }
      int cap = 1024;
      int n = 0;
      int[] labels = new int[cap];
      double[] scores = new double[cap];
      double[] base = bi < 0 ? null : new double[cap];
      String[][] groups = new String[gi.length][cap];
      List<Problem> problems = new ArrayList<>();
      while (r.next()) {
        if (n == cap) {
          cap = Math.multiplyExact(cap, 2);
          labels = Arrays.copyOf(labels, cap);
          scores = Arrays.copyOf(scores, cap);
          base = base == null ? null : Arrays.copyOf(base, cap);
          for (int g = 0; g < gi.length; g++) {
            groups[g] = Arrays.copyOf(groups[g], cap);
          }
        }
        int label = label(r.chars(li));
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
        labels[n] = label;
        scores[n] = s;
        if (base != null) {
          base[n] = b;
        }
        for (int g = 0; g < gi.length; g++) {
          groups[g][n] = r.isEmpty(gi[g]) ? null : r.field(gi[g]);
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
      List<String[]> gs = new ArrayList<>();
      for (String[] g : groups) {
        gs.add(Arrays.copyOf(g, n));
      }
      return new PredictionsCsv(Arrays.copyOf(labels, n), Arrays.copyOf(scores, n),
          base == null ? null : Arrays.copyOf(base, n), gs);
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
