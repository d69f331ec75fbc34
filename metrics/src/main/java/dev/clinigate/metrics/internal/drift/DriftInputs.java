package dev.clinigate.metrics.internal.drift;

import dev.clinigate.InputException;
import dev.clinigate.Problem;
import java.util.Arrays;

/**
 * Validation of drift inputs, with the messages that are part of the API (tests assert them
 * verbatim). The {@link Problem} source is the side, {@code reference} or {@code current}; the
 * message names the feature when the caller knows it and the array index of a bad value.
 */
public final class DriftInputs {
  private DriftInputs() {}

  /**
   * A numeric sample with its missing values (NaN) removed and sorted ascending.
   *
   * @param sorted ascending finite values in {@code [0, length)}; may be the caller's own array when
   *     it was already sorted without NaN (never written to)
   * @param length number of non-missing values
   * @param rows number of rows (array length)
   */
  public record Numeric(double[] sorted, int length, int rows) {
    /** Missing values. */
    public int missing() {
      return rows - length;
    }
  }

  /**
   * Removes NaN and sorts. Infinite values are an error; so is an empty reference sample.
   *
   * @param values the sample (not modified)
   * @param side "reference" or "current"
   * @param feature the feature name for messages, or null
   * @param mayShare whether the result may share {@code values} when it is already sorted (the
   *     current sample of a one-off comparison); a reference is always copied
   */
  public static Numeric numeric(double[] values, String side, String feature, boolean mayShare) {
    if (values == null) {
      throw new NullPointerException(side);
    }
    if (values.length == 0 && "reference".equals(side)) {
      throw empty(side, feature);
    }
    int nan = 0;
    boolean sorted = true;
    double previous = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      if (Double.isNaN(v)) {
        nan++;
        sorted = false;
        continue;
      }
      if (Double.isInfinite(v)) {
        throw infinite(side, feature, i, v);
      }
      if (v < previous) {
        sorted = false;
      }
      previous = v;
    }
    if (sorted && mayShare) {
      return new Numeric(values, values.length, values.length);
    }
    // a copy without NaN, with -0.0 turned into 0.0 (x + 0.0 does that) so that stored values and
    // edges survive JSON, which has one zero
    double[] copy = new double[values.length - nan];
    int k = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        copy[k++] = v + 0.0;
      }
    }
    if (!sorted) {
      Arrays.sort(copy);
    }
    return new Numeric(copy, copy.length, values.length);
  }

  /** Checks a categorical sample (nulls are missing); an empty reference sample is an error. */
  public static void categorical(String[] values, String side, String feature) {
    if (values == null) {
      throw new NullPointerException(side);
    }
    if (values.length == 0 && "reference".equals(side)) {
      throw empty(side, feature);
    }
  }

  /** The error for an empty reference sample. */
  public static InputException empty(String side, String feature) {
    return new InputException(new Problem(side, 0, 0, "",
        prefix(feature) + "the " + side + " sample is empty; drift needs at least one " + side + " row",
        "pass the feature's values from the " + side + " data set, with NaN (numbers) or null"
            + " (categories) for a missing value",
        ""));
  }

  /** The error for an infinite value at an index. */
  public static InputException infinite(String side, String feature, long index, double value) {
    return new InputException(new Problem(side, 0, 0, "",
        prefix(feature) + side + " value at index " + index + " is " + dev.clinigate.json.Json.number(value)
            + "; drift needs finite numbers",
        "correct or remove the value, or mark it missing with NaN",
        ""));
  }

  private static String prefix(String feature) {
    return feature == null ? "" : "feature \"" + feature + "\": ";
  }
}
