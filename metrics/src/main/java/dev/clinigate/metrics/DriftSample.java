package dev.clinigate.metrics;

import java.util.OptionalDouble;

/**
 * How many rows one side of a drift comparison had, and how many of them were missing (NaN for a
 * numeric feature, {@code null} for a categorical one). Missing values are excluded from every drift
 * metric and reported as the missing rate.
 *
 * @param rows rows seen, at least 0
 * @param missing rows whose value was missing, within [0, rows]
 */
public record DriftSample(long rows, long missing) {
  /** Validates the counts. */
  public DriftSample {
    if (rows < 0 || missing < 0 || missing > rows) {
      throw new IllegalArgumentException(
          "missing must be within [0, rows] and rows >= 0, found rows=" + rows + ", missing=" + missing);
    }
  }

  /** Non-missing values: the values drift is computed on. */
  public long values() {
    return rows - missing;
  }

  /** {@code missing / rows}; empty (undefined) when there are no rows. */
  public OptionalDouble missingRate() {
    return rows == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) missing / rows);
  }
}
