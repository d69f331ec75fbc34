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
 * Reads two raters' labels of the same cases from a predictions CSV, for inter-rater agreement. Design
 * note: a case that one rater did not label (an empty field) is not a case both labelled, so it is left
 * out of the agreement and counted; any other value than 0/1 (true/false) is an error naming the row,
 * never a skipped case.
 *
 * @param rater1 the first rater's labels (0/1) of the cases both labelled
 * @param rater2 the second rater's labels of the same cases
 * @param unpaired rows where one or both raters' labels are empty
 */
public record RaterLabelsCsv(int[] rater1, int[] rater2, long unpaired) {

  /** Reads columns {@code first} and {@code second} of the file through {@code files}. */
  public static RaterLabelsCsv read(Path file, String first, String second, SourceFiles files) {
    try (CsvReader r = CsvReader.open(file, file.toString(), files)) {
      int a = r.column(first);
      int b = r.column(second);
      int cap = 1024;
      int n = 0;
      long unpaired = 0;
      int[] r1 = new int[cap];
      int[] r2 = new int[cap];
      List<Problem> problems = new ArrayList<>();
      while (r.next() && problems.size() < 5) {
        if (r.isEmpty(a) || r.isEmpty(b)) {
          unpaired++;
          continue;
        }
        int x = label(r, a, first, problems);
        int y = label(r, b, second, problems);
        if (x < 0 || y < 0) {
          continue;
        }
        if (n == cap) {
          cap = (int) Math.min(Integer.MAX_VALUE - 8, cap + (long) (cap >> 1));
          r1 = Arrays.copyOf(r1, cap);
          r2 = Arrays.copyOf(r2, cap);
        }
        r1[n] = x;
        r2[n] = y;
        n++;
      }
      if (!problems.isEmpty()) {
        throw new InputException(problems);
      }
      return new RaterLabelsCsv(Arrays.copyOf(r1, n), Arrays.copyOf(r2, n), unpaired);
    }
  }

  private static int label(CsvReader r, int column, String name, List<Problem> problems) {
    String s = r.chars(column).toString();
    int v = switch (s) {
      case "0", "0.0", "false", "FALSE", "False" -> 0;
      case "1", "1.0", "true", "TRUE", "True" -> 1;
      default -> -1;
    };
    if (v < 0) {
      problems.add(Problem.at(r.source(), (int) Math.min(Integer.MAX_VALUE, r.line()), 0, name + " must be 0 or 1, found "
          + Problem.describeField(r.field(column)) + " (row " + r.row() + ")", "a rater's label is 0/1 (true/false is "
          + "accepted too); leave it empty when the rater did not label the case"));
    }
    return v;
  }
}
