package dev.clinigate.contracts.internal;

import dev.clinigate.Durations;
import dev.clinigate.Limits;
import dev.clinigate.InputException;
import dev.clinigate.Problem;
import dev.clinigate.contracts.ColumnProfile;
import dev.clinigate.contracts.Columns;
import dev.clinigate.contracts.ContractResult;
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
import dev.clinigate.metrics.DriftBounds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One check of one data set against a contract: consumes rows once (from a CSV parser or a host's
 * columns), then assembles the violations and column profiles.
 *
 * <p>Design note (memory): per column the state is a few counters plus bounded structures: distinct
 * values up to {@code maxDistinct}, unique keys up to {@code maxKeys} 16-byte hashes, ks/wasserstein
 * drift values up to {@code maxDriftValues} doubles; with worker threads, two batches of records. A
 * structure that reaches its bound stops growing and its rule is reported as not evaluated (fail
 * closed), so memory never depends on the file size.
 */
public final class CheckRun implements AutoCloseable {
  private final DataContract contract;
  private final CheckSettings settings;
  private final List<String> names;
  private final ColumnState[] states;
  private final ColumnState[] byFeature;

  private final List<String> groupNames = new ArrayList<>();
  private final int[] groupColumn;
  private final TextCounter[] groupValues;
  private final long[][] groupRows;
  private final int[] groupIds;

  private final int[] pkColumns;
  private final KeySet pkSeen;
  private final Offenders pkDuplicates = new Offenders();
  private final Offenders pkMissing = new Offenders();
  private final Hash128 hash = new Hash128();
  private char[] pkBuf = new char[64];

  private static final int SIZE_SAMPLE_ROWS = 4096;

  private long rows;
  private long inputChars;
  private long expectedKeys;
  private final int threads;
  private ColumnBatches batches;
  private char[] scratch = new char[64];

  /**
   * Prepares a check of data whose columns are {@code columnNames}.
   *
   * @param numericColumns for host columns, which are {@code double[]} (null for a CSV file)
   */
  public CheckRun(DataContract contract, CheckSettings settings, List<String> columnNames, boolean[] numericColumns) {
    this(contract, settings, columnNames, numericColumns, 1);
  }

  /**
   * Prepares a check of data whose columns are {@code columnNames}; CSV records are checked on
   * {@code threads} worker threads when more than 1 (the result does not depend on it).
   */
  public CheckRun(DataContract contract, CheckSettings settings, List<String> columnNames, boolean[] numericColumns,
      int threads) {
    this.contract = contract;
    this.settings = settings;
    this.names = List.copyOf(columnNames);
    for (Feature f : contract.features()) {
      f.maxMissingBy().ifPresent(m -> m.columns().stream().filter(c -> !groupNames.contains(c)).forEach(groupNames::add));
    }
    int groups = groupNames.size();
    groupColumn = new int[groups];
    groupValues = new TextCounter[groups];
    groupRows = new long[groups][];
    groupIds = new int[groups];
    for (int g = 0; g < groups; g++) {
      groupColumn[g] = names.indexOf(groupNames.get(g));
      groupValues[g] = new TextCounter(settings.maxDistinct());
      groupRows[g] = new long[16];
    }
    states = new ColumnState[names.size()];
    byFeature = new ColumnState[contract.features().size()];
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      boolean numeric = numericColumns != null && numericColumns[i];
      Optional<Feature> declared = contract.feature(name);
      if (declared.isPresent()) {
        Feature f = declared.get();
        if (numeric && !f.numeric() && f.type() != Type.BOOLEAN) {
          throw new InputException(Problem.at("columns", 0, 0, "column \"" + name + "\" is declared "
              + f.type().yamlName() + " but was given as numbers", "pass it as a String[]"));
        }
        int[] slots = f.maxMissingBy().map(m -> m.columns().stream().mapToInt(groupNames::indexOf).toArray())
            .orElse(new int[0]);
        DriftState drift = f.phi() ? null : settings.drift().start(f, settings.maxDriftValues());
        states[i] = new ColumnState(f, true, i, contract.missingValues(), settings, slots, drift);
        byFeature[contract.features().indexOf(f)] = states[i];
      } else {
        Feature pseudo = Feature.of(name, numeric ? Type.NUMBER : Type.STRING);
        states[i] = new ColumnState(pseudo, false, i, contract.missingValues(), settings, new int[0], null);
      }
    }
    pkColumns = contract.primaryKey().stream().mapToInt(names::indexOf).toArray();
    pkSeen = pkColumns.length > 0 && Arrays.stream(pkColumns).allMatch(c -> c >= 0) ? new KeySet(settings.maxKeys())
        : null;
    this.threads = threads;
  }

  /**
   * Consumes the parser's current record: copied into a batch that is checked column by column, here
   * or, with worker threads, while this thread parses on ({@link ColumnBatches}).
   */
  public void row(CsvParser p) {
    rows++;
    long row = p.row();
    char[] b = p.buffer();
    for (int g = 0; g < groupColumn.length; g++) {
      int c = groupColumn[g];
      groupIds[g] = c < 0 ? -1 : group(g, b, p.start(c), p.end(c));
    }
    if (batches == null) {
      batches = new ColumnBatches(states, groupColumn.length, Math.min(threads, states.length),
          pkSeen == null ? null : this::primaryKeys);
    }
    batches.add(p, row, groupIds, this::reserveAtSafePoint);
    if ((rows & (CheckSettings.PROGRESS_EVERY - 1)) == 0) {
      settings.progress().accept(rows);
    }
    if (rows == SIZE_SAMPLE_ROWS && inputChars > 0) {
      reserveKeys((long) (inputChars * 1.05 * rows / p.position()));
    }
  }

  /**
   * Tells the run how long the input is (in bytes, about its chars), so that after the first
   * {@value #SIZE_SAMPLE_ROWS} rows it can size its key sets for the whole input at once.
   */
  public void expectInputChars(long chars) {
    this.inputChars = chars;
  }

  private void reserveKeys(long expectedRows) {
    expectedKeys = expectedRows;
    if (batches == null) {
      reserveAtSafePoint();
    }
  }

  /** Sizes the key sets; with batches, only between them (a worker may own them while it runs). */
  private void reserveAtSafePoint() {
    if (expectedKeys > 0) {
      if (pkSeen != null) {
        pkSeen.reserve(expectedKeys);
      }
      for (ColumnState s : states) {
        if (s.seen != null) {
          s.seen.reserve(expectedKeys);
        }
      }
      expectedKeys = 0;
    }
  }

  /** The primary key of a batch of rows (run by a worker, one batch after another). */
  private void primaryKeys(char[] b, int[] starts, int[] ends, long[] batchRows, int count) {
    int w = names.size();
    for (int r = 0; r < count; r++) {
      int len = 0;
      boolean missing = false;
      for (int c : pkColumns) {
        int s = starts[r * w + c];
        int e = ends[r * w + c];
        if (states[c].isMissing(b, s, e)) {
          missing = true;
          break;
        }
        len = appendKey(len, b, s, e);
      }
      key(batchRows[r], missing, len);
    }
  }

  /** Checks what is still batched, then stops the worker threads, if any. */
  private void drainBatches() {
    if (batches != null) {
      batches.drain();
      batches.close();
      batches = null;
    }
  }

  /** Stops the worker threads, if any (also after a failure). */
  @Override
  public void close() {
    if (batches != null) {
      batches.close();
      batches = null;
    }
  }

  /** Consumes every row of a host's columns (whose names were given to the constructor). */
  public void rows(Columns cols) {
    int n = cols.rows();
    reserveKeys(n);
    int width = names.size();
    for (int r = 0; r < n; r++) {
      rows++;
      long row = r + 1L;
      for (int g = 0; g < groupColumn.length; g++) {
        int c = groupColumn[g];
        if (c >= 0) {
          int len = hostText(cols, c, r);
          groupIds[g] = len < 0 ? -1 : group(g, scratch, 0, len);
        }
      }
      for (int i = 0; i < width; i++) {
        if (cols.numeric(i)) {
          states[i].number(cols.numbers(i)[r], row, groupIds);
        } else {
          String v = cols.texts(i)[r];
          if (v == null) {
            states[i].nullValue(row, groupIds);
          } else {
            int len = toScratch(v);
            states[i].text(scratch, 0, len, row, groupIds, 0);
          }
        }
      }
      if (pkSeen != null) {
        int len = 0;
        boolean missing = false;
        for (int c : pkColumns) {
          int l = hostText(cols, c, r);
          if (l < 0) {
            missing = true;
            break;
          }
          len = appendKey(len, scratch, 0, l);
        }
        key(row, missing, len);
      }
    }
  }

  /** The text of a host value in {@link #scratch}, or -1 when it is missing. */
  private int hostText(Columns cols, int c, int r) {
    if (cols.numeric(c)) {
      double v = cols.numbers(c)[r];
      if (Double.isNaN(v)) {
        return -1;
      }
      int len = toScratch(Fmt.bound(v));
      return states[c].isMissing(scratch, 0, len) ? -1 : len;
    }
    String v = cols.texts(c)[r];
    if (v == null) {
      return -1;
    }
    int len = toScratch(v);
    return states[c].isMissing(scratch, 0, len) ? -1 : len;
  }

  private int toScratch(String v) {
    if (v.length() > scratch.length) {
      scratch = new char[Math.max(v.length(), scratch.length * 2)];
    }
    v.getChars(0, v.length(), scratch, 0);
    return v.length();
  }

  /** The id of a row's group in grouping column {@code g} (counting the row), or -1 when it has none. */
  private int group(int g, char[] b, int s, int e) {
    ColumnState groupState = states[groupColumn[g]];
    if (groupState.isMissing(b, s, e)) {
      return -1;
    }
    int id = groupValues[g].intern(b, s, e);
    if (id >= 0) {
      if (id >= groupRows[g].length) {
        groupRows[g] = Arrays.copyOf(groupRows[g], groupRows[g].length * 2);
      }
      groupRows[g][id]++;
    }
    return id;
  }

  /** Appends one key component, length-prefixed so that ("ab","c") and ("a","bc") differ. */
  private int appendKey(int len, char[] b, int s, int e) {
    int n = e - s;
    if (len + n + 2 > pkBuf.length) {
      pkBuf = Arrays.copyOf(pkBuf, Math.max(pkBuf.length * 2, len + n + 2));
    }
    pkBuf[len] = (char) (n >>> 16);
    pkBuf[len + 1] = (char) n;
    System.arraycopy(b, s, pkBuf, len + 2, n);
    return len + n + 2;
  }

  private void key(long row, boolean missing, int len) {
    if (missing) {
      pkMissing.hit(row);
      return;
    }
    if (pkSeen.add(pkBuf, 0, len, hash) == KeySet.SEEN) {
      pkDuplicates.hit(row);
    }
  }

  // ---------------------------------------------------------------------------------------------------
  // results

  /** The result, once every row has been consumed. */
  public ContractResult finish(String source) {
    drainBatches();
    List<Violation> out = new ArrayList<>();
    rowsRule(out);
    List<Feature> features = contract.features();
    List<ColumnProfile> profiles = new ArrayList<>();
    JsonObject[] driftDetails = new JsonObject[states.length];
    for (int i = 0; i < features.size(); i++) {
      Feature f = features.get(i);
      ColumnState s = byFeature[i];
      if (s == null) {
        if (f.required()) {
          out.add(v(Rule.REQUIRED, f.name(), JsonNull.INSTANCE, JsonNull.INSTANCE, 0, List.of(),
              "column \"" + f.name() + "\" is required but absent from the data"));
        }
        continue;
      }
      featureRules(f, s, out);
      driftDetails[s.index] = drift(f, s, out);
    }
    primaryKeyRule(out);
    freshnessRule(out);
    settings.featuresUsed().ifPresent(inputs -> out.addAll(Leakage.check(contract, inputs)));
    for (ColumnState s : states) {
      profiles.add(profile(s, driftDetails[s.index]));
    }
    return new ContractResult(contract, source, settings.evaluatedAt(), rows, out, profiles);
  }

  private void rowsRule(List<Violation> out) {
    long min = contract.rows().flatMap(r -> r.min().isPresent() ? Optional.of(r.min().getAsLong()) : Optional.empty())
        .orElse(1L);
    if (rows < min) {
      out.add(v(Rule.ROWS, null, JsonNumber.of(rows), JsonNumber.of(min), 0, List.of(),
          "the data has " + Fmt.count(rows) + (rows == 1 ? " row" : " rows") + ", fewer than the minimum "
              + Fmt.count(min)));
    }
    contract.rows().ifPresent(r -> r.max().ifPresent(max -> {
      if (rows > max) {
        out.add(v(Rule.ROWS, null, JsonNumber.of(rows), JsonNumber.of(max), 0, List.of(),
            "the data has " + Fmt.count(rows) + " rows, more than the maximum " + Fmt.count(max)));
      }
    }));
  }

  private void featureRules(Feature f, ColumnState s, List<Violation> out) {
    String name = f.name();
    String unit = f.unit().map(u -> " " + u).orElse("");
    if (s.invalid.count > 0) {
      Offenders o = s.invalid;
      out.add(v(Rule.TYPE, name, JsonNull.INSTANCE, new JsonString(f.type().yamlName()), o.count, o.rows(),
          name + ": " + Fmt.values(o.count) + " not " + typeNoun(f.type(), o.count == 1) + example(o, true)
              + Fmt.rows(o.rows(), o.count)));
    }
    if (s.outOfRange.count > 0) {
      Offenders o = s.outOfRange;
      Feature.Range r = f.range().orElseThrow();
      JsonValue observed = Double.isNaN(o.exampleNumber) ? JsonNull.INSTANCE : Fmt.json(o.exampleNumber);
      out.add(v(Rule.RANGE, name, observed, JsonArray.of(Fmt.json(r.min()), Fmt.json(r.max())), o.count, o.rows(),
          name + ": " + Fmt.values(o.count) + " outside the range [" + Fmt.bound(r.min()) + ", " + Fmt.bound(r.max())
              + "]" + unit + example(o, false) + Fmt.rows(o.rows(), o.count)));
    }
    if (s.notAllowed.count > 0) {
      Offenders o = s.notAllowed;
      JsonValue observed = o.example == null || Double.isNaN(o.exampleNumber) ? JsonNull.INSTANCE
          : Fmt.json(o.exampleNumber);
      JsonValue bound = JsonArray.ofStrings(f.allowed());
      if (f.numeric()) {
        List<JsonValue> numbers = new ArrayList<>();
        f.allowed().forEach(a -> numbers.add(Fmt.json(Numbers.parseDouble(a))));
        bound = new JsonArray(numbers);
      }
      out.add(v(Rule.ALLOWED, name, observed, bound, o.count, o.rows(),
          name + ": " + Fmt.values(o.count) + " not among the allowed values " + String.join(", ", f.allowed())
              + example(o, !f.numeric()) + Fmt.rows(o.rows(), o.count)));
    }
    if (s.noMatch.count > 0) {
      Offenders o = s.noMatch;
      String costly = s.tooCostly == 0 ? ""
          : "; " + Fmt.count(s.tooCostly) + (s.tooCostly == 1 ? " of them was" : " of them were")
              + " too costly to match and " + (s.tooCostly == 1 ? "counts" : "count") + " as not matching"
              + (s.patternBudgetRow == 0 ? "" : " (the pattern's work for this file reached "
                  + Limits.describe("maxPatternSteps", s.patternBudget()) + " at row " + Fmt.count(s.patternBudgetRow)
                  + ")");
      out.add(v(Rule.PATTERN, name, JsonNull.INSTANCE, new JsonString(f.pattern().orElseThrow()), o.count,
          o.rows(), name + ": " + (o.count == 1 ? "1 value does" : Fmt.count(o.count) + " values do")
              + " not match the pattern \"" + f.pattern().orElseThrow() + "\"" + example(o, true)
              + Fmt.rows(o.rows(), o.count) + costly));
    }
    if (s.seen != null) {
      if (s.seen.overflowed()) {
        out.add(v(Rule.UNIQUE, name, JsonNull.INSTANCE, JsonNull.INSTANCE, 0, List.of(), "uniqueness of \"" + name
            + "\" was not evaluated: more than " + Fmt.count(settings.maxKeys())
            + " distinct values (raise the key limit)"));
      } else if (s.duplicates.count > 0) {
        Offenders o = s.duplicates;
        out.add(v(Rule.UNIQUE, name, f.numeric() ? number(o.example) : JsonNull.INSTANCE, JsonNull.INSTANCE, o.count,
            o.rows(),
            name + ": " + (o.count == 1 ? "1 value repeats" : Fmt.count(o.count) + " values repeat")
                + " an earlier value" + example(o, !f.numeric()) + Fmt.rows(o.rows(), o.count)));
      }
    }
    if (f.maxMissing().isPresent() && s.rows > 0) {
      double max = f.maxMissing().getAsDouble();
      double rate = (double) s.missing / s.rows;
      Offenders o = s.missingRows;
      if (max == 0 && s.missing > 0) {
        out.add(v(Rule.MAX_MISSING, name, JsonValue.of(rate), Fmt.json(max), o.count, o.rows(),
            name + ": " + Fmt.values(o.count) + " missing, but no missing value is allowed"
                + Fmt.rows(o.rows(), o.count)));
      } else if (rate > max) {
        out.add(v(Rule.MAX_MISSING, name, JsonValue.of(rate), Fmt.json(max), o.count, o.rows(),
            name + ": " + Fmt.percent(rate) + " of values are missing (" + Fmt.count(s.missing) + " of "
                + Fmt.count(s.rows) + "), above the maximum " + Fmt.percent(max) + Fmt.rows(o.rows(), o.count)));
      }
    }
    f.maxMissingBy().ifPresent(m -> {
      for (int g = 0; g < s.groupSlots.length; g++) {
        int slot = s.groupSlots[g];
        String by = groupNames.get(slot);
        if (groupColumn[slot] < 0) {
          out.add(v(Rule.MAX_MISSING_BY, name, JsonNull.INSTANCE, Fmt.json(m.max()), 0, List.of(),
              "missingness of \"" + name + "\" by \"" + by + "\" was not evaluated: the column is absent"));
          continue;
        }
        TextCounter values = groupValues[slot];
        if (values.overflowed()) {
          out.add(v(Rule.MAX_MISSING_BY, name, JsonNull.INSTANCE, Fmt.json(m.max()), 0, List.of(),
              "missingness of \"" + name + "\" by \"" + by + "\" was not evaluated: more than "
                  + Fmt.count(settings.maxDistinct()) + " groups"));
          continue;
        }
        Integer[] ids = new Integer[values.size()];
        for (int id = 0; id < ids.length; id++) {
          ids[id] = id;
        }
        Arrays.sort(ids, Comparator.comparing(values::text));
        for (int id : ids) {
          long total = groupRows[slot][id];
          long miss = id < s.groupMissing[g].length ? s.groupMissing[g][id] : 0;
          double rate = (double) miss / total;
          if (miss > 0 && rate > m.max()) {
            Offenders o = s.groupOffenders[g][id];
            String subject = by + "=" + values.text(id);
            out.add(new Violation(Rule.MAX_MISSING_BY, Optional.of(name), Optional.of(subject), JsonValue.of(rate),
                Fmt.json(m.max()), miss, o.rows(), name + ": " + Fmt.percent(rate) + " of values are missing for "
                    + subject + " (" + Fmt.count(miss) + " of " + Fmt.count(total) + "), above the maximum "
                    + Fmt.percent(m.max()) + Fmt.rows(o.rows(), o.count)));
          }
        }
      }
    });
  }

  /** The drift violations of a feature, and its drift details for the profile (null when none). */
  private JsonObject drift(Feature f, ColumnState s, List<Violation> out) {
    if (f.drift().isEmpty()) {
      return s.drift == null ? null : s.finishDrift().details().orElse(null);
    }
    Feature.Drift d = f.drift().get();
    String method = d.method().id();
    String notEvaluated = "drift of \"" + f.name() + "\" was not evaluated: ";
    JsonValue max = Fmt.json(d.max());
    if (s.drift == null) {
      out.add(v(Rule.DRIFT, f.name(), JsonNull.INSTANCE, max, 0, List.of(), notEvaluated + "no reference was given"));
      return null;
    }
    DriftState.Outcome r = s.finishDrift();
    JsonObject.Builder details = JsonObject.builder().put("method", method)
        .put("value", r.value().isPresent() ? JsonValue.of(r.value().getAsDouble()) : JsonNull.INSTANCE)
        .put("max", max);
    r.details().ifPresent(j -> j.members().forEach(details::put));
    if (r.value().isPresent()) {
      double value = r.value().getAsDouble();
      if (value > d.max()) {
        out.add(v(Rule.DRIFT, f.name(), JsonValue.of(value), max, 0, List.of(), f.name() + ": " + method + " is "
            + Fmt.value(value) + " against the reference, above the maximum " + Fmt.bound(d.max())));
      }
    } else if (r.bounds().isPresent()) {
      DriftBounds b = r.bounds().get();
      String interval = "[" + Fmt.value(b.lower()) + ", " + Fmt.value(b.upper()) + "]";
      String why = "more than " + Fmt.count(settings.maxDriftValues())
          + " values, so it was bounded from a histogram";
      if (b.lower() > d.max()) {
        out.add(v(Rule.DRIFT, f.name(), JsonValue.of(b.lower()), max, 0, List.of(), f.name() + ": " + method
            + " is at least " + Fmt.value(b.lower()) + " against the reference (within " + interval + ": " + why
            + "), above the maximum " + Fmt.bound(d.max())));
      } else if (b.upper() > d.max()) {
        out.add(v(Rule.DRIFT, f.name(), JsonNull.INSTANCE, max, 0, List.of(), notEvaluated + method + " lies within "
            + interval + ", which includes the maximum " + Fmt.bound(d.max()) + " (" + why
            + "; raise the drift value limit)"));
      }
    } else {
      out.add(v(Rule.DRIFT, f.name(), JsonNull.INSTANCE, max, 0, List.of(), notEvaluated + r.reason()));
    }
    return details.build();
  }

  private void primaryKeyRule(List<Violation> out) {
    List<String> pk = contract.primaryKey();
    if (pk.isEmpty()) {
      return;
    }
    String label = "primary key (" + String.join(", ", pk) + ")";
    JsonArray bound = JsonArray.ofStrings(pk);
    for (int i = 0; i < pkColumns.length; i++) {
      if (pkColumns[i] < 0) {
        out.add(v(Rule.PRIMARY_KEY, null, JsonNull.INSTANCE, bound, 0, List.of(), label
            + " was not evaluated: column \"" + pk.get(i) + "\" is absent"));
        return;
      }
    }
    if (pkMissing.count > 0) {
      out.add(v(Rule.PRIMARY_KEY, null, JsonNull.INSTANCE, bound, pkMissing.count, pkMissing.rows(), label + ": "
          + (pkMissing.count == 1 ? "1 row has" : Fmt.count(pkMissing.count) + " rows have")
          + " a missing key value" + Fmt.rows(pkMissing.rows(), pkMissing.count)));
    }
    if (pkSeen.overflowed()) {
      out.add(v(Rule.PRIMARY_KEY, null, JsonNull.INSTANCE, bound, 0, List.of(), label
          + " was not evaluated: more than " + Fmt.count(settings.maxKeys()) + " distinct keys (raise the key limit)"));
    } else if (pkDuplicates.count > 0) {
      out.add(v(Rule.PRIMARY_KEY, null, JsonNull.INSTANCE, bound, pkDuplicates.count, pkDuplicates.rows(), label
          + ": " + (pkDuplicates.count == 1 ? "1 row repeats" : Fmt.count(pkDuplicates.count) + " rows repeat")
          + " an earlier key" + Fmt.rows(pkDuplicates.rows(), pkDuplicates.count)));
    }
  }

  private void freshnessRule(List<Violation> out) {
    if (contract.freshness().isEmpty()) {
      return;
    }
    DataContract.Freshness fr = contract.freshness().get();
    String col = fr.column();
    JsonValue bound = new JsonString(DurationText.format(fr.maxAge()));
    String notEvaluated = "freshness of \"" + col + "\" was not evaluated: ";
    int c = names.indexOf(col);
    if (c < 0) {
      out.add(v(Rule.FRESHNESS, col, JsonNull.INSTANCE, bound, 0, List.of(), notEvaluated + "the column is absent"));
      return;
    }
    if (settings.evaluatedAt().isEmpty()) {
      out.add(v(Rule.FRESHNESS, col, JsonNull.INSTANCE, bound, 0, List.of(),
          notEvaluated + "no evaluation time was given"));
      return;
    }
    ColumnState s = states[c];
    if (s.timeMax == Long.MIN_VALUE) {
      out.add(v(Rule.FRESHNESS, col, JsonNull.INSTANCE, bound, 0, List.of(),
          notEvaluated + "the column has no valid values"));
      return;
    }
    Instant at = settings.evaluatedAt().get();
    long newestMillis = s.type == Type.DATE ? s.timeMax * 86_400_000L : s.timeMax;
    Duration age = Duration.ofMillis(at.toEpochMilli() - newestMillis);
    if (age.compareTo(fr.maxAge()) > 0) {
      String newest = s.showValues
          ? ", " + (s.type == Type.DATE ? Fmt.date(s.timeMax) : Fmt.timestamp(s.timeMax)) + ","
          : "";
      out.add(v(Rule.FRESHNESS, col, new JsonString(Durations.formatAge(age)), bound, 0, List.of(),
          col + ": the newest value" + newest + " is " + Durations.formatAge(age) + " old at " + at
              + ", older than the maximum " + DurationText.format(fr.maxAge())));
    }
  }

  private ColumnProfile profile(ColumnState s, JsonObject drift) {
    boolean show = s.showValues;
    OptionalDouble min = OptionalDouble.empty();
    OptionalDouble max = OptionalDouble.empty();
    OptionalDouble mean = OptionalDouble.empty();
    if (show) {
      if (s.feature.numeric() && s.min <= s.max) {
        min = OptionalDouble.of(s.min);
        max = OptionalDouble.of(s.max);
        long valid = s.present - s.invalid.count;
        mean = OptionalDouble.of(s.sum / valid);
      } else if ((s.type == Type.DATE || s.type == Type.TIMESTAMP) && s.timeMin <= s.timeMax) {
        min = OptionalDouble.of(s.timeMin);
        max = OptionalDouble.of(s.timeMax);
      }
    }
    return new ColumnProfile(s.feature.name(), s.declared ? Optional.of(s.type) : Optional.empty(),
        s.declared && s.feature.phi(), s.rows, s.missing, s.invalid.count, min, max, mean, s.distinct(),
        s.distinctExact(), Optional.ofNullable(show ? drift : null));
  }

  private static Violation v(Rule rule, String column, JsonValue observed, JsonValue bound, long count, List<Long> rows,
      String message) {
    return new Violation(rule, Optional.ofNullable(column), Optional.empty(), observed, bound, count, rows, message);
  }

  /**
   * {@code , e.g. 25.3} for a number, or "" for text and when the value may not be shown: a text value of
   * a data file is never echoed, even in a column not marked {@code phi: true} (a shifted or mislabelled
   * column is how identifiers reach a report).
   */
  private static String example(Offenders o, boolean text) {
    if (o.example == null || text) {
      return "";
    }
    return ", e.g. " + o.example;
  }

  /** A numeric example as a JSON number, or null when there is none or it is not a finite number. */
  private static JsonValue number(String example) {
    double d = example == null ? Double.NaN : Numbers.parseDouble(example);
    return Double.isFinite(d) ? Fmt.json(d) : JsonNull.INSTANCE;
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
