package dev.clinigate.contracts.internal;

import dev.clinigate.contracts.Feature;
import dev.clinigate.contracts.Feature.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one-pass state of one column: its profile (rows, missing, min/max/mean, distinct values) and the
 * offenders of each per-value rule of its feature.
 *
 * <p>Design note (PHI): a value is copied into {@link Offenders#example} only when the column may show
 * values ({@link #showValues}); for a {@code phi: true} column, and for columns the contract does not
 * declare (they might hold anything), no value is ever kept, only counts and row numbers. The hot path
 * ({@link #text}) allocates nothing except when it meets a new distinct value or a first offender.
 *
 * <p>Semantic equality for {@code unique}: numbers compare by value ({@code 1} = {@code 1.0}), booleans,
 * dates and timestamps by what they denote, text by its exact characters.
 */
final class ColumnState {
  /**
   * Distinct numbers, dates and timestamps are counted up to this cap (text up to maxDistinct): a
   * continuous column passes it within a few thousand rows, after which counting costs nothing, and
   * a small table stays in the CPU cache while it counts.
   */
  static final int NUMBER_DISTINCT_CAP = 1000;

  final Feature feature;
  final boolean declared;
  final boolean showValues;
  final Type type;
  final int index;

  // missing tokens
  private final char[][] tokens;
  /** Bit n is set when some token has length n (tokens of 64 chars or more are always compared). */
  private final long tokenLengths;
  private final double[] sentinels;

  // profile
  long rows;
  long missing;
  long present;
  double min = Double.POSITIVE_INFINITY;
  double max = Double.NEGATIVE_INFINITY;
  double sum;
  long timeMin = Long.MAX_VALUE;
  long timeMax = Long.MIN_VALUE;
  final long[] booleans = new long[2];
  final TextCounter categories;
  private final NumberSet numbers;

  // rules
  final Offenders missingRows = new Offenders();
  final Offenders invalid = new Offenders();
  final Offenders outOfRange = new Offenders();
  final Offenders notAllowed = new Offenders();
  final Offenders noMatch = new Offenders();
  long tooCostly;
  /** The 1-based row at which the pattern's work budget for the file ran out, or 0. */
  long patternBudgetRow;

  /** The pattern's work budget for the file (0 without a pattern). */
  long patternBudget() {
    return pattern == null ? 0 : pattern.fileBudget();
  }
  final Offenders duplicates = new Offenders();
  private final boolean hasRange;
  private final double rangeMin;
  private final double rangeMax;
  private final double[] allowedNumbers;
  private final int allowedBooleans;
  private final TextCounter allowedTexts;
  /** Per category id: 0 not yet known, 1 allowed, 2 not allowed. */
  private byte[] allowedById = new byte[16];
  private final BoundedMatcher pattern;
  final KeySet seen;
  private final Hash128 hash = new Hash128();
  private final char[] scratch = new char[4];

  // maxMissingBy: one entry per grouping column of this feature
  final int[] groupSlots;
  long[][] groupMissing;
  Offenders[][] groupOffenders;

  // drift: values are collected here and handed over a batch at a time (see flushDrift)
  final DriftState drift;
  private final double[] driftValues;
  private int driftCount;
  private long driftMissing;

  ColumnState(Feature feature, boolean declared, int index, List<String> globalTokens, CheckSettings settings,
      int[] groupSlots, DriftState drift) {
    this.feature = feature;
    this.declared = declared;
    this.showValues = declared && !feature.phi();
    this.type = feature.type();
    this.index = index;
    List<String> all = new ArrayList<>(globalTokens);
    all.addAll(feature.missingValues());
    this.tokens = all.stream().distinct().map(String::toCharArray).toArray(char[][]::new);
    long lengths = 0;
    for (char[] t : tokens) {
      lengths |= t.length < 64 ? 1L << t.length : 0;
    }
    this.tokenLengths = lengths;
    this.sentinels = feature.numeric()
        ? all.stream().mapToDouble(Numbers::parseDouble).filter(d -> !Double.isNaN(d)).distinct().toArray()
        : new double[0];
    boolean textual = type == Type.STRING || type == Type.CATEGORY;
    this.categories = textual ? new TextCounter(settings.maxDistinct()) : null;
    this.numbers = textual || type == Type.BOOLEAN ? null : new NumberSet(Math.min(NUMBER_DISTINCT_CAP, settings.maxDistinct()));
    this.hasRange = feature.range().isPresent();
    this.rangeMin = feature.range().map(Feature.Range::min).orElse(Double.NEGATIVE_INFINITY);
    this.rangeMax = feature.range().map(Feature.Range::max).orElse(Double.POSITIVE_INFINITY);
    if (feature.numeric()) {
      this.allowedNumbers = feature.allowed().stream().mapToDouble(Numbers::parseDouble).sorted().toArray();
    } else {
      this.allowedNumbers = null;
    }
    int bools = 0;
    if (type == Type.BOOLEAN) {
      for (String a : feature.allowed()) {
        bools |= 1 << Values.parseBoolean(a);
      }
    }
    this.allowedBooleans = bools;
    if (!feature.numeric() && type != Type.BOOLEAN && !feature.allowed().isEmpty()) {
      allowedTexts = new TextCounter(Integer.MAX_VALUE);
      feature.allowed().forEach(allowedTexts::intern);
    } else {
      allowedTexts = null;
    }
    this.pattern = feature.pattern().map(p -> new BoundedMatcher(Pattern.compile(p), settings.maxPatternSteps()))
        .orElse(null);
    this.seen = feature.unique() ? new KeySet(settings.maxKeys()) : null;
    this.groupSlots = groupSlots;
    this.groupMissing = new long[groupSlots.length][16];
    this.groupOffenders = new Offenders[groupSlots.length][16];
    this.drift = drift;
    this.driftValues = drift == null ? null : new double[DRIFT_BATCH];
  }

  /** Values handed to the drift state per call. */
  private static final int DRIFT_BATCH = 1024;

  private void driftValue(double v) {
    driftValues[driftCount++] = v;
    if (driftCount == DRIFT_BATCH) {
      flushDrift();
    }
  }

  private void driftMissing() {
    if (drift != null) {
      driftMissing++;
    }
  }

  /** Hands the collected values to the drift state (by whichever thread owns this column now). */
  private void flushDrift() {
    if (driftCount > 0) {
      drift.numbers(driftValues, driftCount);
      driftCount = 0;
    }
    if (driftMissing > 0) {
      drift.missing(driftMissing);
      driftMissing = 0;
    }
  }

  /** The drift outcome, once every value has been seen (null without a drift state). */
  DriftState.Outcome finishDrift() {
    if (drift == null) {
      return null;
    }
    flushDrift();
    return drift.finish(this);
  }

  /** Whether {@code b[s, e)} is one of the missing tokens (compared as text). */
  private boolean missingToken(char[] b, int s, int e) {
    int n = e - s;
    if (n < 64 && (tokenLengths & (1L << n)) == 0) {
      return false; // no token has this length: the common case, decided without a loop
    }
    for (char[] t : tokens) {
      if (TextCounter.sameChars(t, b, s, e)) {
        return true;
      }
    }
    return false;
  }

  private boolean sentinel(double v) {
    for (double d : sentinels) {
      if (d == v) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code b[s, e)} means "missing" in this column: a token, or a numeric sentinel. */
  boolean isMissing(char[] b, int s, int e) {
    if (missingToken(b, s, e)) {
      return true;
    }
    if (sentinels.length == 0) {
      return false;
    }
    double v = type == Type.INTEGER && !Numbers.isInteger(b, s, e) ? Double.NaN : Numbers.parseDouble(b, s, e);
    return !Double.isNaN(v) && sentinel(v);
  }

  /** A missing value from a host ({@code null} text). */
  void nullValue(long row, int[] groupIds) {
    rows++;
    missing(row, groupIds, 0);
  }

  /**
   * One value as text (a CSV field, or a host's string); the row's group ids are
   * {@code groupIds[groupBase + slot]}.
   */
  void text(char[] b, int s, int e, long row, int[] groupIds, int groupBase) {
    rows++;
    if (missingToken(b, s, e)) {
      missing(row, groupIds, groupBase);
      return;
    }
    switch (type) {
      case INTEGER:
      case NUMBER: {
        double v = type == Type.INTEGER && !Numbers.isInteger(b, s, e) ? Double.NaN : Numbers.parseDouble(b, s, e);
        if (Double.isNaN(v)) {
          present++;
          invalid(row, b, s, e);
        } else if (sentinels.length > 0 && sentinel(v)) {
          missing(row, groupIds, groupBase);
          return;
        } else {
          present++;
          number(v, row, b, s, e);
        }
        break;
      }
      case BOOLEAN: {
        present++;
        int t = Values.parseBoolean(b, s, e);
        if (t < 0) {
          invalid(row, b, s, e);
        } else {
          booleans[t]++;
          if (allowedBooleans != 0 && (allowedBooleans & (1 << t)) == 0 && notAllowed.hit(row) && showValues) {
            notAllowed.example = new String(b, s, e - s);
          }
          if (seen != null) {
            scratch[0] = (char) t;
            unique(scratch, 0, 1, row, b, s, e);
          }
        }
        break;
      }
      case DATE:
      case TIMESTAMP: {
        present++;
        long t = type == Type.DATE ? Values.parseDate(b, s, e) : Values.parseTimestamp(b, s, e);
        if (t == Values.INVALID) {
          invalid(row, b, s, e);
        } else {
          time(t);
          if (allowedTexts != null && allowedTexts.find(b, s, e) < 0 && notAllowed.hit(row) && showValues) {
            notAllowed.example = new String(b, s, e - s);
          }
          if (seen != null) {
            unique(bits(t), 0, 4, row, b, s, e);
          }
        }
        break;
      }
      default: {
        present++;
        int id = -1;
        if (!categories.overflowed()) { // past the cap the counts serve nothing: stop paying for them
          id = categories.intern(b, s, e);
          if (id >= 0) {
            categories.increment(id);
          }
        }
        if (allowedTexts != null && !allowed(id, b, s, e) && notAllowed.hit(row) && showValues) {
          notAllowed.example = new String(b, s, e - s);
        }
        if (seen != null) {
          unique(b, s, e, row, b, s, e);
        }
      }
    }
    if (pattern != null) {
      match(b, s, e, row);
    }
  }

  /**
   * Whether a text value is allowed, remembered per category id so that each distinct value is looked
   * up in the allowed set once.
   */
  private boolean allowed(int id, char[] b, int s, int e) {
    if (id < 0) {
      return allowedTexts.find(b, s, e) >= 0;
    }
    if (id >= allowedById.length) {
      allowedById = Arrays.copyOf(allowedById, Math.max(id + 1, allowedById.length * 2));
    }
    if (allowedById[id] == 0) {
      allowedById[id] = (byte) (allowedTexts.find(b, s, e) >= 0 ? 1 : 2);
    }
    return allowedById[id] == 1;
  }

  /** One numeric value from a host's {@code double[]} (NaN = missing). */
  void number(double v, long row, int[] groupIds) {
    rows++;
    if (Double.isNaN(v) || sentinels.length > 0 && sentinel(v)) {
      missing(row, groupIds, 0);
      return;
    }
    present++;
    if (type == Type.BOOLEAN) {
      if (v != 0 && v != 1) {
        invalid(row, v);
        return;
      }
      int t = (int) v;
      booleans[t]++;
      if (allowedBooleans != 0 && (allowedBooleans & (1 << t)) == 0 && notAllowed.hit(row) && showValues) {
        notAllowed.example = Fmt.bound(v);
      }
      if (seen != null) {
        scratch[0] = (char) t;
        unique(scratch, 0, 1, row, null, 0, 0);
      }
    } else if (Double.isInfinite(v) || type == Type.INTEGER && v != Math.rint(v)) {
      invalid(row, v);
      return;
    } else {
      number(v, row, null, 0, 0);
    }
    if (pattern != null) {
      char[] tb = Fmt.bound(v).toCharArray();
      match(tb, 0, tb.length, row);
    }
  }

  private void number(double v, long row, char[] b, int s, int e) {
    if (v < min) {
      min = v;
    }
    if (v > max) {
      max = v;
    }
    sum += v;
    numbers.add(v);
    if (drift != null) {
      driftValue(v);
    }
    if (hasRange && !(v >= rangeMin && v <= rangeMax) && outOfRange.hit(row) && showValues) {
      outOfRange.example = b == null ? Fmt.bound(v) : new String(b, s, e - s);
      outOfRange.exampleNumber = v;
    }
    if (allowedNumbers != null && allowedNumbers.length > 0 && Arrays.binarySearch(allowedNumbers, v) < 0
        && notAllowed.hit(row) && showValues) {
      notAllowed.example = b == null ? Fmt.bound(v) : new String(b, s, e - s);
      notAllowed.exampleNumber = v;
    }
    if (seen != null) {
      unique(bits(Double.doubleToLongBits(v == 0 ? 0.0 : v)), 0, 4, row, b, s, e);
    }
  }

  private char[] bits(long v) {
    scratch[0] = (char) v;
    scratch[1] = (char) (v >>> 16);
    scratch[2] = (char) (v >>> 32);
    scratch[3] = (char) (v >>> 48);
    return scratch;
  }

  /** The value behind a unique key built from a host's number (no text): for the example only. */
  private String keyText(char[] key, int ke) {
    if (ke == 1) {
      return key[0] == 1 ? "true" : "false";
    }
    long bits = (long) key[0] | (long) key[1] << 16 | (long) key[2] << 32 | (long) key[3] << 48;
    return Fmt.bound(Double.longBitsToDouble(bits));
  }

  private void time(long t) {
    if (t < timeMin) {
      timeMin = t;
    }
    if (t > timeMax) {
      timeMax = t;
    }
    numbers.add(t);
  }

  private void unique(char[] key, int ks, int ke, long row, char[] b, int s, int e) {
    if (seen.add(key, ks, ke, hash) == KeySet.SEEN && duplicates.hit(row) && showValues) {
      duplicates.example = b != null ? new String(b, s, e - s) : keyText(key, ke);
    }
  }

  private void match(char[] b, int s, int e, long row) {
    BoundedMatcher.Result r = pattern.matches(b, s, e);
    if (r != BoundedMatcher.Result.MATCH) {
      if (r == BoundedMatcher.Result.TOO_COSTLY) {
        tooCostly++;
        if (patternBudgetRow == 0 && pattern.budgetSpent()) {
          patternBudgetRow = row + 1;
        }
      }
      if (noMatch.hit(row) && showValues) {
        noMatch.example = new String(b, s, e - s);
      }
    }
  }

  private void invalid(long row, char[] b, int s, int e) {
    driftMissing(); // excluded from drift, counted in its missing rate
    if (invalid.hit(row) && showValues) {
      invalid.example = new String(b, s, e - s);
    }
  }

  private void invalid(long row, double v) {
    driftMissing();
    if (invalid.hit(row) && showValues) {
      invalid.example = Fmt.bound(v);
    }
  }

  private void missing(long row, int[] groupIds, int groupBase) {
    missing++;
    missingRows.hit(row);
    driftMissing();
    for (int g = 0; g < groupSlots.length; g++) {
      int id = groupIds[groupBase + groupSlots[g]];
      if (id < 0) {
        continue;
      }
      if (id >= groupMissing[g].length) {
        int n = Math.max(id + 1, groupMissing[g].length * 2);
        groupMissing[g] = Arrays.copyOf(groupMissing[g], n);
        groupOffenders[g] = Arrays.copyOf(groupOffenders[g], n);
      }
      groupMissing[g][id]++;
      Offenders o = groupOffenders[g][id];
      if (o == null) {
        o = groupOffenders[g][id] = new Offenders();
      }
      o.hit(row);
    }
  }

  /** Number of distinct valid values seen (up to the cap). */
  long distinct() {
    if (categories != null) {
      return categories.size();
    }
    if (numbers != null) {
      return numbers.size();
    }
    return (booleans[0] > 0 ? 1 : 0) + (booleans[1] > 0 ? 1 : 0);
  }

  /** Whether {@link #distinct()} is exact (the cap was not reached). */
  boolean distinctExact() {
    if (categories != null) {
      return !categories.overflowed();
    }
    return numbers == null || !numbers.overflowed();
  }
}
