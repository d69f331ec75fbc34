package dev.clinigate;

import dev.clinigate.json.JsonObject;
import java.util.OptionalDouble;

/**
 * Inclusive bounds on a metric: {@code min}, {@code max}, or both ({@code between: [lo, hi]}).
 *
 * @param min the smallest passing value, if bounded below
 * @param max the largest passing value, if bounded above
 */
public record Bounds(OptionalDouble min, OptionalDouble max) {
  /** Validates that bounds are finite and ordered. */
  public Bounds {
    if (min.isPresent() && !Double.isFinite(min.getAsDouble())) {
      throw new IllegalArgumentException("min must be a finite number, found " + min.getAsDouble());
    }
    if (max.isPresent() && !Double.isFinite(max.getAsDouble())) {
      throw new IllegalArgumentException("max must be a finite number, found " + max.getAsDouble());
    }
    if (min.isPresent() && max.isPresent() && min.getAsDouble() > max.getAsDouble()) {
      throw new IllegalArgumentException("min " + NumberText.plain(min.getAsDouble()) + " is greater than max "
          + NumberText.plain(max.getAsDouble()));
    }
  }

  /** No bounds at all (for rules that only compare with a baseline). */
  public static Bounds none() {
    return new Bounds(OptionalDouble.empty(), OptionalDouble.empty());
  }

  /** {@code value >= min}. */
  public static Bounds atLeast(double min) {
    return new Bounds(OptionalDouble.of(min), OptionalDouble.empty());
  }

  /** {@code value <= max}. */
  public static Bounds atMost(double max) {
    return new Bounds(OptionalDouble.empty(), OptionalDouble.of(max));
  }

  /** {@code lo <= value <= hi}. */
  public static Bounds between(double lo, double hi) {
    return new Bounds(OptionalDouble.of(lo), OptionalDouble.of(hi));
  }

  /** Whether any bound is set. */
  public boolean isBounded() {
    return min.isPresent() || max.isPresent();
  }

  /** Whether {@code value} satisfies every bound. */
  public boolean test(double value) {
    return (min.isEmpty() || value >= min.getAsDouble()) && (max.isEmpty() || value <= max.getAsDouble());
  }

  /** The bounds as JSON: {@code {"min":0.75}}, {@code {"max":0.08}} or both. */
  public JsonObject toJson() {
    JsonObject.Builder b = JsonObject.builder();
    min.ifPresent(v -> b.put("min", v));
    max.ifPresent(v -> b.put("max", v));
    return b.build();
  }

  /** The bound values, for choosing how many digits a message needs. */
  double[] values() {
    if (min.isPresent() && max.isPresent()) {
      return new double[] {min.getAsDouble(), max.getAsDouble()};
    }
    if (min.isPresent()) {
      return new double[] {min.getAsDouble()};
    }
    return max.isPresent() ? new double[] {max.getAsDouble()} : new double[0];
  }
}
