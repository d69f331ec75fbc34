package dev.clinigate.spark.internal;

import java.util.Arrays;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;

/** Column lookups by exact name. */
public final class Columns {
  private Columns() {}

  /**
   * The type of column {@code name}.
   *
   * @throws IllegalArgumentException when the data has no such column (the message lists the columns)
   */
  public static DataType type(Dataset<Row> data, String name) {
    for (StructField f : data.schema().fields()) {
      if (f.name().equals(name)) {
        return f.dataType();
      }
    }
    throw new IllegalArgumentException("no column \"" + name + "\" in the data; its columns are "
        + Arrays.toString(data.schema().fieldNames()));
  }

  /** The name quoted for {@code functions.col} (dots and backticks taken literally). */
  public static String quote(String name) {
    return "`" + name.replace("`", "``") + "`";
  }
}
