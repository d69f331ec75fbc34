package dev.clinigate.spark.internal;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udaf;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.unix_date;
import static org.apache.spark.sql.functions.unix_millis;
import static org.apache.spark.sql.functions.when;

import dev.clinigate.Durations;
import dev.clinigate.InputException;
import dev.clinigate.Problem;
import dev.clinigate.contracts.ColumnProfile;
import dev.clinigate.contracts.DataContract;
import dev.clinigate.contracts.Feature;
import dev.clinigate.contracts.Feature.Type;
import dev.clinigate.contracts.Rule;
import dev.clinigate.contracts.Violation;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonNull;
import dev.clinigate.json.JsonNumber;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import dev.clinigate.json.JsonValue;
import dev.clinigate.metrics.DriftCategoryCounts;
import dev.clinigate.metrics.DriftHistogram;
import dev.clinigate.metrics.DriftMethod;
import dev.clinigate.metrics.DriftReference;
import dev.clinigate.metrics.FeatureDrift;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampType;

/**
 * One contract check on Spark: the contracts module's per-column semantics (missing tokens and
 * sentinels, invalid values, range, allowed values, uniqueness, distinct counts capped as it caps them,
 * drift against a reference) as Spark aggregate expressions, and the module's violations and profiles
 * assembled from their results.
 *
 * <p>Design note: rows are numbered once ({@code zipWithIndex}); then a single aggregation evaluates every
 * column's expressions: counts, the five smallest offending row numbers ({@link Aggregators.Smallest}),
 * the value at the smallest offending row ({@code min_by}), minimum, maximum, an exact sum
 * ({@link Aggregators.Sum}) and capped distinct counts. Every result is a function of the numbered rows,
 * not of the partitioning. Value-bearing expressions exist only for columns that may show values
 * (declared, not PHI); the others yield counts and row numbers only.
 */
public final class ContractRun {
  static final String ROW = "__clinigate_row__";
  /** Distinct numbers, dates and timestamps are counted up to this cap, as the contracts module does. */
  static final int NUMBER_DISTINCT_CAP = 1000;
  private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");

  private enum Kind { NUM, BOOL_B, BOOL_N, TEXT, DATE, TS }

  private final DataContract contract;
  private final Dataset<Row> data;
  private final Optional<Map<String, DriftReference>> references;
  private final long maxKeys;
  private final int maxDistinct;
  private final List<Col> cols = new ArrayList<>();

  /** One data column: its feature (declared, or a pseudo feature) and its expressions. */
  private static final class Col {
    String name;
    Feature feature;
    boolean declared;
    boolean show;
    Kind kind;
    Column missing;
    Column invalid;
    Column valid;
    Column d; // numeric value (NUM, BOOL_N)
    Column t; // 0/1 (booleans)
    Column s; // text (TEXT)
    Column time; // epoch days (DATE) or millis (TS)
    Column key; // equality key for distinct / unique / primary keys
    int at; // index of its first aggregate
    // results
    long missingCount;
    List<Long> missingRows;
    Offenders invalidO = new Offenders();
    Offenders rangeO = new Offenders();
    Offenders allowedO = new Offenders();
    Offenders duplicatesO = new Offenders();
    Offenders patternO = new Offenders();
    long tooCostly;
    boolean keysOverflowed;
    double minV = Double.NaN;
    double maxV = Double.NaN;
    double sumV;
    long validCount;
    long distinct;
    boolean distinctExact = true;
    long timeMin = Long.MAX_VALUE;
    long timeMax = Long.MIN_VALUE;
    long falses;
    long trues;
    DriftHistogram histogram;
    DriftCategoryCounts categories;
  }

  /** The offenders of one rule: count, first rows, example (only where values may be shown). */
  private static final class Offenders {
    long count;
    List<Long> rows = List.of();
    String example;
    double exampleNumber = Double.NaN;
  }

  /**
   * Prepares the check.
   *
   * @throws InputException when a declared column's Spark type cannot hold the declared type
   */
  public ContractRun(DataContract contract, Dataset<Row> data, Optional<Map<String, DriftReference>> references,
      long maxKeys, int maxDistinct) {
    this.contract = contract;
    this.references = references;
    this.maxKeys = maxKeys;
    this.maxDistinct = maxDistinct;
    List<Problem> problems = new ArrayList<>();
    for (StructField field : data.schema().fields()) {
      Col c = column(field, problems);
      if (c != null) {
        cols.add(c);
      }
    }
    if (!problems.isEmpty()) {
      throw new InputException(problems);
    }
    StructType schema = data.schema().add(ROW, DataTypes.LongType, false);
    this.data = data.sparkSession().createDataFrame(data.javaRDD().zipWithIndex().map(
        t -> RowFactory.create(append(t._1(), t._2() + 1))), schema);
  }

  private static Object[] append(Row r, long row) {
    Object[] v = new Object[r.length() + 1];
    for (int i = 0; i < r.length(); i++) {
      v[i] = r.get(i);
    }
    v[r.length()] = row;
    return v;
  }

  private Col column(StructField field, List<Problem> problems) {
    String name = field.name();
    DataType type = field.dataType();
    Optional<Feature> declared = contract.feature(name);
    Col c = new Col();
    c.name = name;
    c.declared = declared.isPresent();
    Column v = col(Columns.quote(name));
    List<String> tokens = new ArrayList<>(contract.missingValues());
    declared.ifPresent(f -> f.missingValues().stream().filter(x -> !tokens.contains(x)).forEach(tokens::add));
    if (declared.isEmpty()) {
      c.feature = Feature.of(name, type instanceof NumericType ? Type.NUMBER : Type.STRING);
      c.kind = type instanceof NumericType ? Kind.NUM : Kind.TEXT;
      if (c.kind == Kind.TEXT) {
        v = v.cast("string");
      }
    } else {
      c.feature = declared.get();
      Type t = c.feature.type();
      switch (t) {
        case INTEGER:
        case NUMBER:
          c.kind = type instanceof NumericType ? Kind.NUM : null;
          break;
        case BOOLEAN:
          c.kind = type instanceof BooleanType ? Kind.BOOL_B : type instanceof NumericType ? Kind.BOOL_N : null;
          break;
        case STRING:
        case CATEGORY:
          c.kind = type instanceof StringType ? Kind.TEXT : null;
          break;
        case DATE:
          c.kind = type instanceof DateType ? Kind.DATE : null;
          break;
        default:
          c.kind = type instanceof TimestampType ? Kind.TS : null;
      }
      if (c.kind == null) {
        problems.add(Problem.at("columns", 0, 0, "column \"" + name + "\" is declared " + t.yamlName()
            + " but was given as " + type.simpleString(), "cast the column to a matching Spark type before checking"));
        return null;
      }
      if (c.kind == Kind.TS && !c.feature.allowed().isEmpty()) {
        throw new IllegalArgumentException("column \"" + name + "\": allowed values of a timestamp feature are not "
            + "evaluated on Spark; check with ContractChecker");
      }
    }
    c.show = c.declared && !c.feature.phi();
    Feature f = c.feature;
    switch (c.kind) {
      case NUM: {
        Column d = v.cast("double");
        double[] sentinels = tokens.stream().filter(x -> DECIMAL.matcher(x).matches())
            .mapToDouble(Double::parseDouble).distinct().toArray();
        Column missing = d.isNull().or(isnan(d));
        if (sentinels.length > 0) {
          missing = missing.or(d.isin(boxed(sentinels)));
        }
        Column bad = d.equalTo(lit(Double.POSITIVE_INFINITY)).or(d.equalTo(lit(Double.NEGATIVE_INFINITY)));
        if (f.type() == Type.INTEGER) {
          bad = bad.or(d.notEqual(org.apache.spark.sql.functions.rint(d)));
        }
        c.d = d;
        c.missing = missing;
        c.invalid = when(missing, lit(false)).otherwise(bad);
        c.key = d.plus(lit(0.0)); // -0.0 and 0.0 are one value
        break;
      }
      case BOOL_B:
        c.missing = v.isNull();
        c.invalid = lit(false);
        c.t = when(v, lit(1)).otherwise(lit(0));
        c.key = c.t;
        break;
      case BOOL_N: {
        Column d = v.cast("double");
        c.d = d;
        c.missing = d.isNull().or(isnan(d));
        c.invalid = when(c.missing, lit(false)).otherwise(d.notEqual(lit(0.0)).and(d.notEqual(lit(1.0))));
        c.t = d.cast("int");
        c.key = c.t;
        break;
      }
      case TEXT:
        c.s = v;
        c.missing = tokens.isEmpty() ? v.isNull() : v.isNull().or(v.isin(tokens.toArray()));
        c.invalid = lit(false);
        c.key = v;
        break;
      case DATE:
        c.missing = v.isNull();
        c.invalid = lit(false);
        c.time = unix_date(v).cast("long");
        c.s = v.cast("string");
        c.key = c.time;
        break;
      default:
        c.missing = v.isNull();
        c.invalid = lit(false);
        c.time = unix_millis(v);
        c.key = c.time;
    }
    c.valid = c.missing.or(c.invalid).equalTo(lit(false));
    return c;
  }

  private static Object[] boxed(double[] a) {
    Object[] o = new Object[a.length];
    for (int i = 0; i < a.length; i++) {
      o[i] = a[i];
    }
    return o;
  }

  /** The one aggregation over every column; returns the number of rows. */
  private long aggregate() {
    UserDefinedFunction smallest = udaf(new Aggregators.Smallest(), Encoders.LONG());
    UserDefinedFunction exact = udaf(new Aggregators.Sum(), Encoders.DOUBLE());
    Column row = col(ROW);
    List<Column> aggs = new ArrayList<>();
    aggs.add(count(lit(1)));
    for (Col c : cols) {
      Feature f = c.feature;
      c.at = aggs.size();
      aggs.add(sum(when(c.missing, 1L).otherwise(0L))); // +0
      aggs.add(smallest.apply(when(c.missing, row))); // +1
      aggs.add(sum(when(c.invalid, 1L).otherwise(0L))); // +2
      aggs.add(smallest.apply(when(c.invalid, row))); // +3
      aggs.add(c.show && c.d != null ? min_by(c.d, when(c.invalid, row)) : lit(null)); // +4
      Column rangeBad = c.kind == Kind.NUM && c.declared && f.range().isPresent()
          ? c.valid.and(c.d.geq(f.range().get().min()).and(c.d.leq(f.range().get().max())).equalTo(false)) : lit(false);
      aggs.add(sum(when(rangeBad, 1L).otherwise(0L))); // +5
      aggs.add(smallest.apply(when(rangeBad, row))); // +6
      aggs.add(c.show && c.d != null ? min_by(c.d, when(rangeBad, row)) : lit(null)); // +7
      Column allowedBad = allowedBad(c);
      aggs.add(sum(when(allowedBad, 1L).otherwise(0L))); // +8
      aggs.add(smallest.apply(when(allowedBad, row))); // +9
      aggs.add(c.show ? min_by(exampleColumn(c), when(allowedBad, row)) : lit(null)); // +10
      boolean numeric = c.kind == Kind.NUM;
      aggs.add(c.show && numeric ? min(when(c.valid, c.d)) : lit(null)); // +11
      aggs.add(c.show && numeric ? max(when(c.valid, c.d)) : lit(null)); // +12
      aggs.add(c.show && numeric ? exact.apply(when(c.valid, c.d)) : lit(null)); // +13
      aggs.add(sum(when(c.valid, 1L).otherwise(0L))); // +14
      aggs.add(lit(0L)); // +15: distinct counts come from one separate query (see distinctCounts)
      aggs.add(c.time != null ? min(when(c.valid, c.time)) : lit(null)); // +16
      aggs.add(c.time != null ? max(when(c.valid, c.time)) : lit(null)); // +17
      aggs.add(c.t != null ? sum(when(c.valid.and(c.t.equalTo(0)), 1L).otherwise(0L)) : lit(0L)); // +18
      aggs.add(c.t != null ? sum(when(c.valid.and(c.t.equalTo(1)), 1L).otherwise(0L)) : lit(0L)); // +19
      Column match = c.declared && f.pattern().isPresent()
          ? udf(new PatternMatch(f.pattern().get()), DataTypes.IntegerType).apply(patternText(c)) : lit(null);
      Column noMatch = match.isNotNull().and(match.notEqual(0));
      aggs.add(sum(when(noMatch, 1L).otherwise(0L))); // +20
      aggs.add(smallest.apply(when(noMatch, row))); // +21
      aggs.add(c.show && c.declared && f.pattern().isPresent() ? min_by(patternText(c), when(noMatch, row))
          : lit(null)); // +22
      aggs.add(sum(when(match.equalTo(2), 1L).otherwise(0L))); // +23
    }
    Row r = data.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0])).first();
    long rows = r.getLong(0);
    long[] distinct = distinctCounts();
    for (int i = 0; i < cols.size(); i++) {
      read(cols.get(i), r, distinct[i]);
    }
    return rows;
  }

  /**
   * The number of distinct valid values of every column, in one shuffle: each row is expanded into
   * (column, value as text) pairs (a double's text is its shortest round-trip form, so equal texts are
   * equal numbers), de-duplicated and counted per column on the executors; only the counts reach the
   * driver. (Many {@code count(DISTINCT ...)} in one aggregation would make Spark expand every row once
   * per column for every aggregate, which is far slower.)
   */
  private long[] distinctCounts() {
    List<Column> pairs = new ArrayList<>();
    for (int i = 0; i < cols.size(); i++) {
      Col c = cols.get(i);
      pairs.add(struct(lit(i).as("i"), when(c.valid, c.key.cast("string")).as("k")));
    }
    long[] out = new long[cols.size()];
    if (pairs.isEmpty()) {
      return out;
    }
    List<Row> counts = data.select(explode(array(pairs.toArray(new Column[0]))).as("p"))
        .where(col("p.k").isNotNull()).select(col("p.i").as("i"), col("p.k").as("k")).distinct()
        .groupBy(col("i")).count().collectAsList();
    for (Row r : counts) {
      out[r.getInt(0)] = r.getLong(1);
    }
    return out;
  }

  /**
   * Runs the Spark jobs of a check and assembles its violations and profiles.
   *
   * @return the number of rows
   */
  public long execute(Optional<Instant> evaluatedAt, List<Violation> out, List<ColumnProfile> profiles) {
    long rows = aggregate();
    uniqueness();
    drift();
    assemble(rows, evaluatedAt, out, profiles);
    return rows;
  }

  /**
   * Profiles the data as the contracts module profiles a reference data set: the column profiles
   * (without drift) and a drift reference for every declared, non-PHI numeric, category or boolean
   * feature (numeric: exact, from the distinct values and their counts, which reach the driver;
   * categorical: category counts filled per partition).
   *
   * @param references receives the references by column name, in column order
   * @return the number of rows
   */
  public long profile(List<ColumnProfile> profiles, Map<String, DriftReference> references) {
    long rows = aggregate();
    List<Col> categorical = new ArrayList<>();
    List<Column> texts = new ArrayList<>();
    for (Col c : cols) {
      profiles.add(profile(c, rows, null));
      boolean candidate = c.declared && !c.feature.phi() && rows > 0;
      if (candidate && (c.kind == Kind.TEXT && c.feature.type() == Type.CATEGORY && c.distinctExact
          || c.kind == Kind.BOOL_B || c.kind == Kind.BOOL_N)) {
        categorical.add(c);
        texts.add(c.kind == Kind.TEXT ? when(c.valid, c.s)
            : when(c.valid, when(c.t.equalTo(1), lit("true")).otherwise(lit("false"))));
      }
    }
    DriftStates counts = null;
    if (!categorical.isEmpty()) {
      counts = DriftStates.fill(data.select(texts.toArray(new Column[0])),
          new DriftStates(new DriftHistogram[categorical.size()]));
    }
    for (Col c : cols) {
      if (!c.declared || c.feature.phi() || rows == 0) {
        continue;
      }
      int k = categorical.indexOf(c);
      if (k >= 0) {
        references.put(c.name, DriftReference.categorical(counts.counts[k]));
      } else if (c.kind == Kind.NUM) {
        references.put(c.name, numericReference(c));
      }
    }
    return rows;
  }

  /** An exact numeric reference from the column's distinct valid values and their counts. */
  private DriftReference numericReference(Col c) {
    List<Row> distinct = data.where(c.valid).groupBy(c.d.plus(lit(0.0)).as("v")).count().orderBy(col("v"))
        .collectAsList();
    double[] values = new double[distinct.size()];
    long[] counts = new long[distinct.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = distinct.get(i).getDouble(0);
      counts[i] = distinct.get(i).getLong(1);
    }
    Optional<Feature.Drift> rule = c.feature.drift();
    int bins = rule.map(Feature.Drift::binsOrDefault).orElse(dev.clinigate.metrics.Drift.DEFAULT_BINS);
    DriftMethod m = rule.map(Feature.Drift::method).orElse(null);
    // the contracts module's resolution: a few cells per PSI bin suffice for psi and js_distance
    int cells = m == DriftMethod.PSI || m == DriftMethod.JS_DISTANCE ? 4 : DriftReference.DEFAULT_CELLS_PER_BIN;
    return DriftReference.numeric(values, counts, c.missingCount + c.invalidO.count, bins, cells);
  }

  private Column allowedBad(Col c) {
    Feature f = c.feature;
    if (!c.declared || f.allowed().isEmpty()) {
      return lit(false);
    }
    switch (c.kind) {
      case NUM: {
        double[] allowed = f.allowed().stream().filter(x -> DECIMAL.matcher(x).matches())
            .mapToDouble(Double::parseDouble).toArray();
        return allowed.length == 0 ? lit(false) : c.valid.and(c.d.isin(boxed(allowed)).equalTo(false));
      }
      case BOOL_B:
      case BOOL_N: {
        boolean allowFalse = false;
        boolean allowTrue = false;
        for (String a : f.allowed()) {
          String l = a.toLowerCase(java.util.Locale.ROOT);
          allowFalse |= l.equals("false") || l.equals("0");
          allowTrue |= l.equals("true") || l.equals("1");
        }
        if (!allowFalse && !allowTrue) {
          return lit(false);
        }
        return c.valid.and(allowFalse ? c.t.equalTo(1) : lit(true)).and(allowTrue ? c.t.equalTo(0) : lit(true));
      }
      default:
        return c.valid.and(c.s.isin(f.allowed().toArray()).equalTo(false));
    }
  }

  /**
   * The text a {@code pattern} is matched against, as the contracts module matches host values: every
   * present value of a text, boolean (true/false), date or timestamp column; the shortest plain rendering
   * of a valid number (0/1 for a numeric boolean); null where nothing is matched.
   */
  private static Column patternText(Col c) {
    switch (c.kind) {
      case NUM:
      case BOOL_N:
        return when(c.valid, hostText(c));
      default:
        return when(c.missing.equalTo(false), hostText(c));
    }
  }

  /** A value as a Java host would pass it as text (numbers in the contracts module's plain rendering). */
  static Column hostText(Col c) {
    switch (c.kind) {
      case NUM:
      case BOOL_N:
        return udf((UDF1<Double, String>) v -> v == null ? null : Text.bound(v), DataTypes.StringType).apply(c.d);
      case BOOL_B:
        return when(c.t.equalTo(1), lit("true")).otherwise(lit("false"));
      case TS:
        return udf((UDF1<Long, String>) v -> v == null ? null : Text.timestamp(v), DataTypes.StringType)
            .apply(c.time);
      default:
        return c.s;
    }
  }

  /** The text of a value as the single-machine checker shows it in an allowed-values violation. */
  private static Column exampleColumn(Col c) {
    switch (c.kind) {
      case NUM:
      case BOOL_N:
        return c.d.cast("string"); // replaced by the exact rendering of the number (see read)
      case BOOL_B:
        return when(c.t.equalTo(1), lit("true")).otherwise(lit("false"));
      default:
        return c.s != null ? c.s : lit(null).cast("string");
    }
  }

  private void read(Col c, Row r, long d) {
    int a = c.at;
    c.missingCount = r.getLong(a);
    c.missingRows = rowList(r.getString(a + 1));
    c.invalidO.count = r.getLong(a + 2);
    c.invalidO.rows = rowList(r.getString(a + 3));
    if (c.show && !r.isNullAt(a + 4)) {
      c.invalidO.example = Text.bound(r.getDouble(a + 4));
    }
    c.rangeO.count = r.getLong(a + 5);
    c.rangeO.rows = r.isNullAt(a + 6) ? List.of() : rowList(r.getString(a + 6));
    if (c.show && !r.isNullAt(a + 7)) {
      c.rangeO.exampleNumber = r.getDouble(a + 7);
      c.rangeO.example = Text.bound(c.rangeO.exampleNumber);
    }
    c.allowedO.count = r.getLong(a + 8);
    c.allowedO.rows = rowList(r.getString(a + 9));
    if (c.show && !r.isNullAt(a + 10)) {
      String text = r.getString(a + 10);
      if (c.kind == Kind.NUM || c.kind == Kind.BOOL_N) {
        double v = Double.parseDouble(text);
        c.allowedO.example = Text.bound(v);
        if (c.kind == Kind.NUM) {
          c.allowedO.exampleNumber = v;
        }
      } else {
        c.allowedO.example = text;
      }
    }
    if (!r.isNullAt(a + 11)) {
      c.minV = r.getDouble(a + 11);
      c.maxV = r.getDouble(a + 12);
      c.sumV = r.getDouble(a + 13);
    }
    c.validCount = r.getLong(a + 14);
    int cap = c.kind == Kind.TEXT ? maxDistinct : c.kind == Kind.BOOL_B || c.kind == Kind.BOOL_N ? Integer.MAX_VALUE
        : Math.min(NUMBER_DISTINCT_CAP, maxDistinct);
    c.distinct = Math.min(d, cap);
    c.distinctExact = d <= cap;
    if (!r.isNullAt(a + 16)) {
      c.timeMin = r.getLong(a + 16);
      c.timeMax = r.getLong(a + 17);
    }
    c.falses = r.getLong(a + 18);
    c.trues = r.getLong(a + 19);
    c.patternO.count = r.getLong(a + 20);
    c.patternO.rows = rowList(r.getString(a + 21));
    c.patternO.example = r.isNullAt(a + 22) ? null : r.getString(a + 22);
    c.tooCostly = r.getLong(a + 23);
  }

  private static List<Long> rowList(String s) {
    if (s == null || s.isEmpty()) {
      return List.of();
    }
    List<Long> out = new ArrayList<>();
    for (String p : s.split(",")) {
      out.add(Long.parseLong(p));
    }
    return out;
  }

  /** {@code unique} features: rows whose value appeared at an earlier row (one shuffle per feature). */
  private void uniqueness() {
    for (Col c : cols) {
      if (!c.declared || !c.feature.unique()) {
        continue;
      }
      if (c.distinct > maxKeys || !c.distinctExact && distinctKeys(c.key, c.valid) > maxKeys) {
        c.keysOverflowed = true;
        continue;
      }
      repeats(List.of(c.key), c.valid, c.show ? exampleKey(c) : lit(null), c.duplicatesO);
      if (c.duplicatesO.example != null && (c.kind == Kind.NUM)) {
        c.duplicatesO.example = Text.bound(Double.parseDouble(c.duplicatesO.example));
      } else if (c.duplicatesO.example != null && c.kind == Kind.BOOL_N) {
        c.duplicatesO.example = c.duplicatesO.example.equals("1") ? "true" : "false";
      } else if (c.duplicatesO.example != null && c.kind == Kind.TS) {
        c.duplicatesO.example = Text.timestamp(Long.parseLong(c.duplicatesO.example));
      }
    }
  }

  private static Column exampleKey(Col c) {
    switch (c.kind) {
      case NUM:
        return c.d.cast("string");
      case BOOL_N:
        return c.t.cast("string");
      case BOOL_B:
        return when(c.t.equalTo(1), lit("true")).otherwise(lit("false"));
      case TS:
        return c.time.cast("string");
      default:
        return c.s;
    }
  }

  private long distinctKeys(Column key, Column valid) {
    return data.where(valid).agg(countDistinct(key)).first().getLong(0);
  }

  /** Counts the rows (among {@code where}) whose key repeats an earlier row's, with the first rows. */
  private void repeats(List<Column> keys, Column where, Column example, Offenders o) {
    UserDefinedFunction smallest = udaf(new Aggregators.Smallest(), Encoders.LONG());
    Column k = keys.size() == 1 ? keys.get(0) : struct(keys.toArray(new Column[0]));
    Dataset<Row> ranked = data.where(where).select(k.as("k"), col(ROW).as("r"), example.as("e"))
        .withColumn("n", row_number().over(Window.partitionBy(col("k")).orderBy(col("r"))));
    Row r = ranked.where(col("n").gt(1)).agg(count(lit(1)), smallest.apply(col("r")), min_by(col("e"), col("r")))
        .first();
    o.count = r.getLong(0);
    o.rows = rowList(r.getString(1));
    o.example = r.isNullAt(2) ? null : r.getString(2);
  }

  /** Drift states of the features with a drift rule and a usable reference: one pass over the data. */
  private void drift() {
    if (references.isEmpty()) {
      return;
    }
    List<Col> todo = new ArrayList<>();
    List<Column> values = new ArrayList<>();
    List<DriftHistogram> hist = new ArrayList<>();
    for (Col c : cols) {
      if (!c.declared || c.feature.phi() || c.feature.drift().isEmpty()) {
        continue;
      }
      DriftReference ref = references.get().get(c.name);
      if (ref instanceof DriftReference.Numeric n && c.kind == Kind.NUM
          && n.requestedBins() == c.feature.drift().get().binsOrDefault()) {
        todo.add(c);
        values.add(when(c.valid, c.d));
        hist.add(n.newHistogram());
      } else if (ref instanceof DriftReference.Categorical && (c.kind == Kind.TEXT && c.feature.type() == Type.CATEGORY
          && c.distinctExact || c.kind == Kind.BOOL_B || c.kind == Kind.BOOL_N)) {
        todo.add(c);
        values.add(c.kind == Kind.TEXT ? when(c.valid, c.s)
            : when(c.valid, when(c.t.equalTo(1), lit("true")).otherwise(lit("false"))));
        hist.add(null);
      }
    }
    if (todo.isEmpty()) {
      return;
    }
    DriftStates total = DriftStates.fill(data.select(values.toArray(new Column[0])),
        new DriftStates(hist.toArray(new DriftHistogram[0])));
    for (int i = 0; i < todo.size(); i++) {
      todo.get(i).histogram = total.histograms[i];
      todo.get(i).categories = total.counts[i];
    }
  }

  // ---------------------------------------------------------------------------------------------------
  // assembly, in the contracts module's order and words

  private void assemble(long rows, Optional<Instant> evaluatedAt, List<Violation> out, List<ColumnProfile> profiles) {
    rowsRule(rows, out);
    JsonObject[] details = new JsonObject[cols.size()];
    for (Feature f : contract.features()) {
      int i = indexOf(f.name());
      if (i < 0) {
        if (f.required()) {
          out.add(v(Rule.REQUIRED, f.name(), JsonNull.INSTANCE, JsonNull.INSTANCE, 0, List.of(),
              "column \"" + f.name() + "\" is required but absent from the data"));
        }
        continue;
      }
      Col c = cols.get(i);
      featureRules(c, rows, out);
      details[i] = drift(c, out);
    }
    primaryKeyRule(out);
    freshnessRule(evaluatedAt, out);
    for (int i = 0; i < cols.size(); i++) {
      profiles.add(profile(cols.get(i), rows, details[i]));
    }
  }

  private int indexOf(String name) {
    for (int i = 0; i < cols.size(); i++) {
      if (cols.get(i).name.equals(name)) {
        return i;
      }
    }
    return -1;
  }

  private void rowsRule(long rows, List<Violation> out) {
    long min = contract.rows().flatMap(r -> r.min().isPresent() ? Optional.of(r.min().getAsLong()) : Optional.empty())
        .orElse(1L);
    if (rows < min) {
      out.add(v(Rule.ROWS, null, JsonNumber.of(rows), JsonNumber.of(min), 0, List.of(),
          "the data has " + Text.count(rows) + (rows == 1 ? " row" : " rows") + ", fewer than the minimum "
              + Text.count(min)));
    }
    contract.rows().ifPresent(r -> r.max().ifPresent(max -> {
      if (rows > max) {
        out.add(v(Rule.ROWS, null, JsonNumber.of(rows), JsonNumber.of(max), 0, List.of(),
            "the data has " + Text.count(rows) + " rows, more than the maximum " + Text.count(max)));
      }
    }));
  }

  private void featureRules(Col c, long rows, List<Violation> out) {
    Feature f = c.feature;
    String name = f.name();
    String unit = f.unit().map(u -> " " + u).orElse("");
    if (c.invalidO.count > 0) {
      Offenders o = c.invalidO;
      out.add(v(Rule.TYPE, name, JsonNull.INSTANCE, new JsonString(f.type().yamlName()), o.count, o.rows,
          name + ": " + Text.values(o.count) + " not " + typeNoun(f.type(), o.count == 1) + example(o, true)
              + Text.rows(o.rows, o.count)));
    }
    if (c.rangeO.count > 0) {
      Offenders o = c.rangeO;
      Feature.Range r = f.range().orElseThrow();
      JsonValue observed = Double.isNaN(o.exampleNumber) ? JsonNull.INSTANCE : Text.json(o.exampleNumber);
      out.add(v(Rule.RANGE, name, observed, JsonArray.of(Text.json(r.min()), Text.json(r.max())), o.count, o.rows,
          name + ": " + Text.values(o.count) + " outside the range [" + Text.bound(r.min()) + ", "
              + Text.bound(r.max()) + "]" + unit + example(o, false) + Text.rows(o.rows, o.count)));
    }
    if (c.allowedO.count > 0) {
      Offenders o = c.allowedO;
      JsonValue observed = o.example == null || Double.isNaN(o.exampleNumber) ? JsonNull.INSTANCE
          : Text.json(o.exampleNumber);
      JsonValue bound = JsonArray.ofStrings(f.allowed());
      if (f.numeric()) {
        List<JsonValue> numbers = new ArrayList<>();
        f.allowed().forEach(a -> numbers.add(Text.json(DECIMAL.matcher(a).matches() ? Double.parseDouble(a)
            : Double.NaN)));
        bound = new JsonArray(numbers);
      }
      out.add(v(Rule.ALLOWED, name, observed, bound, o.count, o.rows,
          name + ": " + Text.values(o.count) + " not among the allowed values " + String.join(", ", f.allowed())
              + example(o, !f.numeric()) + Text.rows(o.rows, o.count)));
    }
    if (c.patternO.count > 0) {
      Offenders o = c.patternO;
      String costly = c.tooCostly == 0 ? ""
          : "; " + Text.count(c.tooCostly) + (c.tooCostly == 1 ? " of them was" : " of them were")
              + " too costly to match and " + (c.tooCostly == 1 ? "counts" : "count") + " as not matching";
      out.add(v(Rule.PATTERN, name, JsonNull.INSTANCE, new JsonString(f.pattern().orElseThrow()), o.count,
          o.rows, name + ": " + (o.count == 1 ? "1 value does" : Text.count(o.count) + " values do")
              + " not match the pattern \"" + f.pattern().orElseThrow() + "\"" + example(o, true)
              + Text.rows(o.rows, o.count) + costly));
    }
    if (f.unique()) {
      if (c.keysOverflowed) {
        out.add(v(Rule.UNIQUE, name, JsonNull.INSTANCE, JsonNull.INSTANCE, 0, List.of(), "uniqueness of \"" + name
            + "\" was not evaluated: more than " + Text.count(maxKeys) + " distinct values (raise the key limit)"));
      } else if (c.duplicatesO.count > 0) {
        Offenders o = c.duplicatesO;
        out.add(v(Rule.UNIQUE, name, f.numeric() ? number(o.example) : JsonNull.INSTANCE, JsonNull.INSTANCE, o.count,
            o.rows,
            name + ": " + (o.count == 1 ? "1 value repeats" : Text.count(o.count) + " values repeat")
                + " an earlier value" + example(o, !f.numeric()) + Text.rows(o.rows, o.count)));
      }
    }
    if (f.maxMissing().isPresent() && rows > 0) {
      double max = f.maxMissing().getAsDouble();
      double rate = (double) c.missingCount / rows;
      if (max == 0 && c.missingCount > 0) {
        out.add(v(Rule.MAX_MISSING, name, JsonValue.of(rate), Text.json(max), c.missingCount, c.missingRows,
            name + ": " + Text.values(c.missingCount) + " missing, but no missing value is allowed"
                + Text.rows(c.missingRows, c.missingCount)));
      } else if (rate > max) {
        out.add(v(Rule.MAX_MISSING, name, JsonValue.of(rate), Text.json(max), c.missingCount, c.missingRows,
            name + ": " + Text.percent(rate) + " of values are missing (" + Text.count(c.missingCount) + " of "
                + Text.count(rows) + "), above the maximum " + Text.percent(max)
                + Text.rows(c.missingRows, c.missingCount)));
      }
    }
    f.maxMissingBy().ifPresent(m -> missingBy(c, m, out));
  }

  /**
   * {@code maxMissingBy}: the missing rate of the feature within each group of each grouping column (a
   * group is a non-missing value of that column, as text), groups in text order; one aggregation per
   * grouping column, of which only the groups over the bound reach the driver.
   */
  private void missingBy(Col c, Feature.MissingBy m, List<Violation> out) {
    String name = c.feature.name();
    for (String by : m.columns()) {
      int gi = indexOf(by);
      if (gi < 0) {
        out.add(v(Rule.MAX_MISSING_BY, name, JsonNull.INSTANCE, Text.json(m.max()), 0, List.of(),
            "missingness of \"" + name + "\" by \"" + by + "\" was not evaluated: the column is absent"));
        continue;
      }
      Col g = cols.get(gi);
      Dataset<Row> grouped = data.where(g.missing.equalTo(false)).withColumn("__g", hostText(g));
      long groups = grouped.agg(countDistinct(col("__g"))).first().getLong(0);
      if (groups > maxDistinct) {
        out.add(v(Rule.MAX_MISSING_BY, name, JsonNull.INSTANCE, Text.json(m.max()), 0, List.of(),
            "missingness of \"" + name + "\" by \"" + by + "\" was not evaluated: more than "
                + Text.count(maxDistinct) + " groups"));
        continue;
      }
      UserDefinedFunction smallest = udaf(new Aggregators.Smallest(), Encoders.LONG());
      Column miss = sum(when(c.missing, 1L).otherwise(0L));
      List<Row> over = grouped.groupBy(col("__g")).agg(count(lit(1)).as("total"), miss.as("miss"),
              smallest.apply(when(c.missing, col(ROW))).as("rows"))
          .where(col("miss").gt(0).and(col("miss").cast("double").divide(col("total")).gt(m.max())))
          .collectAsList();
      List<Row> sorted = new ArrayList<>(over);
      sorted.sort((x, y) -> x.getString(0).compareTo(y.getString(0)));
      for (Row r : sorted) {
        long total = r.getLong(1);
        long missing = r.getLong(2);
        double rate = (double) missing / total;
        if (!(rate > m.max())) {
          continue; // the division above is Spark's; the rule is decided here, as the contracts module does
        }
        List<Long> rows = rowList(r.getString(3));
        String subject = by + "=" + r.getString(0);
        out.add(new Violation(Rule.MAX_MISSING_BY, Optional.of(name), Optional.of(subject), JsonValue.of(rate),
            Text.json(m.max()), missing, rows, name + ": " + Text.percent(rate) + " of values are missing for "
                + subject + " (" + Text.count(missing) + " of " + Text.count(total) + "), above the maximum "
                + Text.percent(m.max()) + Text.rows(rows, missing)));
      }
    }
  }

  private JsonObject drift(Col c, List<Violation> out) {
    Feature f = c.feature;
    if (f.drift().isEmpty()) {
      return null;
    }
    Feature.Drift d = f.drift().get();
    String method = d.method().id();
    String notEvaluated = "drift of \"" + f.name() + "\" was not evaluated: ";
    JsonValue max = Text.json(d.max());
    String unavailable = unavailable(c);
    if (unavailable == null && c.histogram == null && c.categories == null && references.isPresent()
        && c.kind == Kind.TEXT && f.type() == Type.CATEGORY && !c.distinctExact) {
      out.add(v(Rule.DRIFT, f.name(), JsonNull.INSTANCE, max, 0, List.of(), notEvaluated + "it has more than "
          + Text.count(c.distinct) + " categories"));
      return JsonObject.builder().put("method", method).put("value", JsonNull.INSTANCE).put("max", max).build();
    }
    if (unavailable != null) {
      if (unavailable.isEmpty()) {
        out.add(v(Rule.DRIFT, f.name(), JsonNull.INSTANCE, max, 0, List.of(), notEvaluated + "no reference was given"));
        return null;
      }
      out.add(v(Rule.DRIFT, f.name(), JsonNull.INSTANCE, max, 0, List.of(), notEvaluated + unavailable));
      return JsonObject.builder().put("method", method).put("value", JsonNull.INSTANCE).put("max", max).build();
    }
    DriftReference ref = references.get().get(c.name); // missing and invalid values were counted as missing
    FeatureDrift fd = c.histogram != null ? ((DriftReference.Numeric) ref).compare(c.histogram)
        : ((DriftReference.Categorical) ref).compare(c.categories);
    OptionalDouble value = fd.value(d.method());
    JsonObject.Builder details = JsonObject.builder().put("method", method)
        .put("value", value.isPresent() ? JsonValue.of(value.getAsDouble()) : JsonNull.INSTANCE)
        .put("max", max);
    fd.toJson().members().forEach(details::put);
    if (value.isPresent()) {
      if (value.getAsDouble() > d.max()) {
        out.add(v(Rule.DRIFT, f.name(), JsonValue.of(value.getAsDouble()), max, 0, List.of(), f.name() + ": " + method
            + " is " + Text.value(value.getAsDouble()) + " against the reference, above the maximum "
            + Text.bound(d.max())));
      }
    } else {
      out.add(v(Rule.DRIFT, f.name(), JsonNull.INSTANCE, max, 0, List.of(),
          notEvaluated + fd.undefinedReason().orElse(method + " is undefined for it")));
    }
    return details.build();
  }

  /**
   * Why a feature's drift cannot be measured: "" when no reference applies ("no reference was given"), a
   * reason, or null when it can.
   */
  private String unavailable(Col c) {
    Feature f = c.feature;
    if (references.isEmpty() || f.phi()) {
      return "";
    }
    DriftReference ref = references.get().get(f.name());
    if (ref == null) {
      return "the reference has no profile for it";
    }
    if (f.numeric()) {
      if (!(ref instanceof DriftReference.Numeric n)) {
        return "its reference is categorical, but the contract declares " + f.type().yamlName();
      }
      if (n.requestedBins() != f.drift().get().binsOrDefault()) {
        return "its reference has " + n.requestedBins() + " bins, but the contract asks for "
            + f.drift().get().binsOrDefault();
      }
      return null;
    }
    if (f.type() == Type.CATEGORY || f.type() == Type.BOOLEAN) {
      if (!(ref instanceof DriftReference.Categorical)) {
        return "its reference is numeric, but the contract declares " + f.type().yamlName();
      }
      return null;
    }
    return "";
  }

  private void primaryKeyRule(List<Violation> out) {
    List<String> pk = contract.primaryKey();
    if (pk.isEmpty()) {
      return;
    }
    String label = "primary key (" + String.join(", ", pk) + ")";
    JsonArray bound = JsonArray.ofStrings(pk);
    List<Col> keyCols = new ArrayList<>();
    for (String name : pk) {
      int i = indexOf(name);
      if (i < 0) {
        out.add(v(Rule.PRIMARY_KEY, null, JsonNull.INSTANCE, bound, 0, List.of(), label
            + " was not evaluated: column \"" + name + "\" is absent"));
        return;
      }
      keyCols.add(cols.get(i));
    }
    Column anyMissing = lit(false);
    List<Column> keys = new ArrayList<>();
    for (Col c : keyCols) {
      anyMissing = anyMissing.or(c.missing);
      keys.add(c.kind == Kind.NUM || c.kind == Kind.BOOL_N ? c.d.plus(lit(0.0)) : c.key);
    }
    UserDefinedFunction smallest = udaf(new Aggregators.Smallest(), Encoders.LONG());
    Row m = data.agg(sum(when(anyMissing, 1L).otherwise(0L)), smallest.apply(when(anyMissing, col(ROW)))).first();
    long missing = m.isNullAt(0) ? 0 : m.getLong(0);
    if (missing > 0) {
      List<Long> rows = rowList(m.getString(1));
      out.add(v(Rule.PRIMARY_KEY, null, JsonNull.INSTANCE, bound, missing, rows, label + ": "
          + (missing == 1 ? "1 row has" : Text.count(missing) + " rows have") + " a missing key value"
          + Text.rows(rows, missing)));
    }
    Column present = anyMissing.equalTo(false);
    Column k = keys.size() == 1 ? keys.get(0) : struct(keys.toArray(new Column[0]));
    if (distinctKeys(k, present) > maxKeys) {
      out.add(v(Rule.PRIMARY_KEY, null, JsonNull.INSTANCE, bound, 0, List.of(), label
          + " was not evaluated: more than " + Text.count(maxKeys) + " distinct keys (raise the key limit)"));
      return;
    }
    Offenders o = new Offenders();
    repeats(keys, present, lit(null).cast("string"), o);
    if (o.count > 0) {
      out.add(v(Rule.PRIMARY_KEY, null, JsonNull.INSTANCE, bound, o.count, o.rows, label + ": "
          + (o.count == 1 ? "1 row repeats" : Text.count(o.count) + " rows repeat") + " an earlier key"
          + Text.rows(o.rows, o.count)));
    }
  }

  private void freshnessRule(Optional<Instant> evaluatedAt, List<Violation> out) {
    if (contract.freshness().isEmpty()) {
      return;
    }
    DataContract.Freshness fr = contract.freshness().get();
    String name = fr.column();
    JsonValue bound = new JsonString(Text.duration(fr.maxAge()));
    String notEvaluated = "freshness of \"" + name + "\" was not evaluated: ";
    int i = indexOf(name);
    if (i < 0) {
      out.add(v(Rule.FRESHNESS, name, JsonNull.INSTANCE, bound, 0, List.of(), notEvaluated + "the column is absent"));
      return;
    }
    if (evaluatedAt.isEmpty()) {
      out.add(v(Rule.FRESHNESS, name, JsonNull.INSTANCE, bound, 0, List.of(),
          notEvaluated + "no evaluation time was given"));
      return;
    }
    Col c = cols.get(i);
    if (!c.declared || c.timeMax == Long.MIN_VALUE) {
      out.add(v(Rule.FRESHNESS, name, JsonNull.INSTANCE, bound, 0, List.of(),
          notEvaluated + "the column has no valid values"));
      return;
    }
    Instant at = evaluatedAt.get();
    long newestMillis = c.kind == Kind.DATE ? c.timeMax * 86_400_000L : c.timeMax;
    Duration age = Duration.ofMillis(at.toEpochMilli() - newestMillis);
    if (age.compareTo(fr.maxAge()) > 0) {
      String newest = c.show ? ", " + (c.kind == Kind.DATE ? Text.date(c.timeMax) : Text.timestamp(c.timeMax)) + ","
          : "";
      out.add(v(Rule.FRESHNESS, name, new JsonString(Durations.formatAge(age)), bound, 0, List.of(),
          name + ": the newest value" + newest + " is " + Durations.formatAge(age) + " old at " + at
              + ", older than the maximum " + Text.duration(fr.maxAge())));
    }
  }

  private ColumnProfile profile(Col c, long rows, JsonObject drift) {
    OptionalDouble min = OptionalDouble.empty();
    OptionalDouble max = OptionalDouble.empty();
    OptionalDouble mean = OptionalDouble.empty();
    if (c.show) {
      if (c.kind == Kind.NUM && !Double.isNaN(c.minV)) {
        min = OptionalDouble.of(c.minV);
        max = OptionalDouble.of(c.maxV);
        mean = OptionalDouble.of(c.sumV / c.validCount);
      } else if ((c.kind == Kind.DATE || c.kind == Kind.TS) && c.timeMin <= c.timeMax) {
        min = OptionalDouble.of(c.timeMin);
        max = OptionalDouble.of(c.timeMax);
      }
    }
    return new ColumnProfile(c.name, c.declared ? Optional.of(c.feature.type()) : Optional.empty(),
        c.declared && c.feature.phi(), rows, c.missingCount, c.invalidO.count, min, max, mean, c.distinct,
        c.distinctExact, Optional.ofNullable(c.show ? drift : null));
  }

  private static Violation v(Rule rule, String column, JsonValue observed, JsonValue bound, long count,
      List<Long> rows, String message) {
    return new Violation(rule, Optional.ofNullable(column), Optional.empty(), observed, bound, count, rows, message);
  }

  /** As contracts' CheckRun: a numeric example only; a text value of the data is never echoed. */
  private static String example(Offenders o, boolean text) {
    if (o.example == null || text) {
      return "";
    }
    return ", e.g. " + o.example;
  }

  /** A numeric example as a JSON number, or null when there is none or it is not a finite decimal. */
  private static JsonValue number(String example) {
    return example != null && DECIMAL.matcher(example).matches() ? Text.json(Double.parseDouble(example))
        : JsonNull.INSTANCE;
  }

  private static String typeNoun(Type t, boolean one) {
    switch (t) {
      case INTEGER:
        return one ? "an integer" : "integers";
      case NUMBER:
        return one ? "a number" : "numbers";
      case BOOLEAN:
        return (one ? "a boolean" : "booleans") + " (true, false, 1 or 0)";
      case DATE:
        return (one ? "a date" : "dates") + " (yyyy-MM-dd)";
      case TIMESTAMP:
        return (one ? "a timestamp" : "timestamps") + " (yyyy-MM-ddTHH:mm:ss, Z or an offset)";
      default:
        return one ? "text" : "texts";
    }
  }

}
