package dev.clinigate.contracts;

import dev.clinigate.InputException;
import dev.clinigate.Problem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * In-memory columns from a Java host, to check without writing a CSV file: numeric columns as
 * {@code double[]} (NaN = missing), other columns as {@code String[]} ({@code null} or a contract's
 * missing token = missing). Row {@code i} of every column is data row {@code i + 1}.
 *
 * <pre>{@code
 * Columns batch = Columns.builder()
 *     .add("age", new double[] {67, 54, Double.NaN})
 *     .add("sex", new String[] {"F", "M", "X"})
 *     .build();
 * ContractResult r = ContractChecker.builder(contract).build().check(batch, "nightly-batch");
 * }</pre>
 *
 * <p>The arrays are not copied (a batch can be large): do not modify them until the check returns.
 */
public final class Columns {
  private final List<String> names;
  private final List<Object> arrays;
  private final int rows;

  private Columns(List<String> names, List<Object> arrays, int rows) {
    this.names = Collections.unmodifiableList(names);
    this.arrays = Collections.unmodifiableList(arrays);
    this.rows = rows;
  }

  /** A builder of columns, kept in the order added. */
  public static Builder builder() {
    return new Builder();
  }

  /** The column names, in the order added. */
  public List<String> names() {
    return names;
  }

  /** The number of rows (the length of every column). */
  public int rows() {
    return rows;
  }

  /** Whether column {@code i} is numeric ({@code double[]}). */
  public boolean numeric(int i) {
    return arrays.get(i) instanceof double[];
  }

  /** Column {@code i} as numbers; only for a numeric column. */
  public double[] numbers(int i) {
    return (double[]) arrays.get(i);
  }

  /** Column {@code i} as text; only for a text column. */
  public String[] texts(int i) {
    return (String[]) arrays.get(i);
  }

  /** Builds {@link Columns}. */
  public static final class Builder {
    private final List<String> names = new ArrayList<>();
    private final List<Object> arrays = new ArrayList<>();

    private Builder() {}

    /** Adds a numeric column; NaN marks a missing value. */
    public Builder add(String name, double[] values) {
      return put(name, Objects.requireNonNull(values, "values"));
    }

    /** Adds a text column; {@code null} marks a missing value. */
    public Builder add(String name, String[] values) {
      return put(name, Objects.requireNonNull(values, "values"));
    }

    private Builder put(String name, Object values) {
      Objects.requireNonNull(name, "name");
      if (names.contains(name)) {
        throw new InputException(Problem.at("columns", 0, 0, "duplicate column name \"" + name + "\"",
            "add each column once"));
      }
      names.add(name);
      arrays.add(values);
      return this;
    }

    /**
     * The columns.
     *
     * @throws InputException if the columns differ in length
     */
    public Columns build() {
      int rows = -1;
      for (int i = 0; i < names.size(); i++) {
        Object a = arrays.get(i);
        int n = a instanceof double[] ? ((double[]) a).length : ((String[]) a).length;
        if (rows < 0) {
          rows = n;
        } else if (n != rows) {
          throw new InputException(Problem.at("columns", 0, 0, "column \"" + names.get(i) + "\" has " + n
              + " values, expected " + rows + " as in column \"" + names.get(0) + "\"",
              "every column needs one value per row; mark a missing value with NaN or null"));
        }
      }
      return new Columns(new ArrayList<>(names), new ArrayList<>(arrays), Math.max(rows, 0));
    }
  }
}
