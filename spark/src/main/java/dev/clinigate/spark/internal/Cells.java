package dev.clinigate.spark.internal;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;

/**
 * The distinct-score cells of a prediction data set, aggregated by Spark: one row per (subset, group
 * value, score) with the number of negatives, positives and rows.
 *
 * <p>Design note: every metric of a subset (all rows, or one value of one group column) is a function
 * of its distinct-score table (see the metrics module's {@code ExactMetricsState}), so the whole report
 * needs only these cells, never the rows. Subset 0 is all rows (value null); subset k &gt; 0 is group
 * column k - 1, whose value is the column cast to a string (a null value puts the row in no group of
 * that column, as the single-machine API does). Rows are expanded once per subset and aggregated in one
 * shuffle, so the data is read once. Spark normalises -0.0 to 0.0 and every NaN to one NaN in grouping
 * keys, as the metrics module does. Labels are compared in their own type (a double 0.5 is neither 0
 * nor 1); rows whose label is neither are counted in {@code rows - neg - pos} and rejected later.
 */
public final class Cells {
  /** Column: subset index (0 = all rows, k = group column k - 1). */
  public static final String SUBSET = "subset";
  /** Column: the group value (null in subset 0). */
  public static final String VALUE = "value";
  /** Column: the score (double, may be null or NaN in bad input). */
  public static final String SCORE = "score";
  /** Column: negatives in the cell. */
  public static final String NEG = "neg";
  /** Column: positives in the cell. */
  public static final String POS = "pos";
  /** Column: rows in the cell. */
  public static final String ROWS = "rows";

  private Cells() {}

  /**
   * The cells of {@code data}.
   *
   * @throws IllegalArgumentException when a column is absent or of a type that cannot hold labels/scores
   */
  public static Dataset<Row> aggregate(Dataset<Row> data, String label, String score, List<String> groups) {
    DataType labelType = Columns.type(data, label);
    DataType scoreType = Columns.type(data, score);
    for (String g : groups) {
      Columns.type(data, g);
    }
    Column y = col(Columns.quote(label));
    Column pos;
    Column neg;
    if (labelType instanceof BooleanType) {
      pos = when(y.equalTo(lit(true)), 1).otherwise(0);
      neg = when(y.equalTo(lit(false)), 1).otherwise(0);
    } else if (labelType instanceof NumericType) {
      pos = when(y.equalTo(lit(1)), 1).otherwise(0);
      neg = when(y.equalTo(lit(0)), 1).otherwise(0);
    } else {
      throw new IllegalArgumentException("label column \"" + label + "\" must be numeric (0/1) or boolean, found "
          + labelType.simpleString());
    }
    if (!(scoreType instanceof NumericType)) {
      throw new IllegalArgumentException("score column \"" + score + "\" must be numeric, found "
          + scoreType.simpleString());
    }
    List<Column> subsets = new ArrayList<>();
    subsets.add(struct(lit(0).as(SUBSET), lit(null).cast("string").as(VALUE)));
    for (int k = 0; k < groups.size(); k++) {
      subsets.add(struct(lit(k + 1).as(SUBSET), col(Columns.quote(groups.get(k))).cast("string").as(VALUE)));
    }
    Dataset<Row> expanded = data.select(col(Columns.quote(score)).cast("double").as(SCORE), pos.as(POS), neg.as(NEG),
        explode(array(subsets.toArray(new Column[0]))).as("g"));
    return expanded
        .where(col("g." + SUBSET).equalTo(0).or(col("g." + VALUE).isNotNull()))
        .groupBy(col("g." + SUBSET).as(SUBSET), col("g." + VALUE).as(VALUE), col(SCORE))
        .agg(sum(col(NEG)).as(NEG), sum(col(POS)).as(POS), count(lit(1)).as(ROWS));
  }
}
