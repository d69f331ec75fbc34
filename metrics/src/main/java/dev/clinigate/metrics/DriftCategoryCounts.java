package dev.clinigate.metrics;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Streamed counts of a categorical sample, mergeable across partitions, for
 * {@link DriftReference.Categorical#compare(DriftCategoryCounts)} or to build a reference with
 * {@link DriftReference#categorical(DriftCategoryCounts)}. {@code null} counts as missing. Memory
 * grows with the number of distinct categories, not rows; counting a known category allocates
 * nothing.
 *
 * <pre>{@code
 * DriftCategoryCounts counts = DriftCategoryCounts.create();
 * for (String site : sites) counts.accept(site);
 * CategoricalDrift d = reference.compare(counts);
 * }</pre>
 *
 * <p>Mutable and not thread-safe: use one per thread and merge. Serializable, so that a distributed
 * engine (Spark) can ship partial counts from its workers to be merged.
 */
public final class DriftCategoryCounts implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final HashMap<String, long[]> counts = new HashMap<>();
  private long rows;
  private long missing;

  private DriftCategoryCounts() {}

  /** Empty counts. */
  public static DriftCategoryCounts create() {
    return new DriftCategoryCounts();
  }

  /** Counts one value; {@code null} counts as missing. */
  public void accept(String value) {
    rows++;
    if (value == null) {
      missing++;
      return;
    }
    long[] c = counts.get(value);
    if (c == null) {
      c = new long[1];
      counts.put(value, c);
    }
    c[0]++;
  }

  /** Counts every value of an array. */
  public void acceptAll(String[] values) {
    for (String v : values) {
      accept(v);
    }
  }

  /** Counts one missing value. */
  public void acceptMissing() {
    rows++;
    missing++;
  }

  /** Adds other counts into these and returns these; any partitioning gives the same result. */
  public DriftCategoryCounts merge(DriftCategoryCounts other) {
    Objects.requireNonNull(other, "other");
    for (Map.Entry<String, long[]> e : other.counts.entrySet()) {
      counts.computeIfAbsent(e.getKey(), k -> new long[1])[0] += e.getValue()[0];
    }
    rows += other.rows;
    missing += other.missing;
    return this;
  }

  /** An independent copy. */
  public DriftCategoryCounts copy() {
    DriftCategoryCounts c = new DriftCategoryCounts();
    c.merge(this);
    return c;
  }

  /** Count per category, sorted by {@link String#compareTo} (a snapshot). */
  public SortedMap<String, Long> counts() {
    TreeMap<String, Long> m = new TreeMap<>();
    for (Map.Entry<String, long[]> e : counts.entrySet()) {
      m.put(e.getKey(), e.getValue()[0]);
    }
    return Collections.unmodifiableSortedMap(m);
  }

  /** Rows and missing values as a {@link DriftSample}. */
  public DriftSample sample() {
    return new DriftSample(rows, missing);
  }

  @Override
  public String toString() {
    return "DriftCategoryCounts[rows=" + rows + ", missing=" + missing + ", categories=" + counts.size() + "]";
  }
}
