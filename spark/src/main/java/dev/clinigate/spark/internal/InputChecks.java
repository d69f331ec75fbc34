package dev.clinigate.spark.internal;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import dev.clinigate.InputException;
import dev.clinigate.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Validates aggregated cells before anything is computed: every label 0/1, every score present and in
 * [0, 1], at least one row. Runs small jobs over the (persisted) cells, never over the rows again.
 */
public final class InputChecks {
  static final String LABEL_HINT = "labels must be 0 (negative) or 1 (positive)";
  static final String SCORE_HINT = "scores must be predicted probabilities in [0, 1]; fix the producer or rescale";

  private InputChecks() {}

  /**
   * Checks the cells of subset 0 (all rows).
   *
   * @return the number of cells over all subsets
   * @throws InputException listing every kind of bad input found
   */
  public static long check(Dataset<Row> cells, String source) {
    Dataset<Row> all = cells.where(col(Cells.SUBSET).equalTo(0));
    Column s = col(Cells.SCORE);
    Column badScore = s.isNull().or(isnan(s)).or(s.lt(0.0)).or(s.gt(1.0));
    Row totals = all.agg(sum(col(Cells.ROWS)), sum(col(Cells.ROWS).minus(col(Cells.NEG)).minus(col(Cells.POS))),
        sum(org.apache.spark.sql.functions.when(badScore, col(Cells.ROWS)).otherwise(lit(0L)))).first();
    long rows = totals.isNullAt(0) ? 0 : totals.getLong(0);
    long badLabels = totals.isNullAt(1) ? 0 : totals.getLong(1);
    long badScores = totals.isNullAt(2) ? 0 : totals.getLong(2);
    List<Problem> problems = new ArrayList<>();
    if (rows == 0) {
      problems.add(Problem.at(source, 0, 0, "no rows: labels and scores are empty",
          "pass a data set with at least one prediction"));
    }
    if (badLabels > 0) {
      problems.add(Problem.at(source, 0, 0, "label must be 0 or 1, found another value or none in "
          + count(badLabels), LABEL_HINT));
    }
    if (badScores > 0) {
      List<Row> examples = all.where(badScore).select(s, col(Cells.ROWS)).orderBy(s.asc_nulls_first()).limit(5)
          .collectAsList();
      StringBuilder found = new StringBuilder();
      for (Row r : examples) {
        found.append(found.length() == 0 ? "" : ", ").append(r.isNullAt(0) ? "none"
            : dev.clinigate.json.Json.number(r.getDouble(0)))
            .append(" (").append(count(r.getLong(1))).append(')');
      }
      problems.add(Problem.at(source, 0, 0, "score must be within [0, 1], found " + found + " in "
          + count(badScores) + " in all", SCORE_HINT));
    }
    if (!problems.isEmpty()) {
      throw new InputException(problems);
    }
    return cells.count();
  }

  private static String count(long rows) {
    return String.format(Locale.ROOT, "%,d %s", rows, rows == 1 ? "row" : "rows");
  }
}
