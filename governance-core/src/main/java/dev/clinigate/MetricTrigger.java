package dev.clinigate;

import dev.clinigate.json.JsonObject;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A bound on one monitoring metric, judged per window and counted over windows: {@code k} consecutive
 * breaching windows, or {@code k} breaches among the last {@code n} judged windows (Argo-style limits).
 * Windows that cannot be judged (fewer cases than the policy's {@code minCases}, an undefined metric)
 * do not count either way, unless {@code onUndefined} is {@link OnUndefined#BREACH}.
 *
 * @param id the trigger id
 * @param metric the metric name as windows report it: {@code ece}, {@code missing_rate[creatinine]}, or a cohort
 *     metric {@code ece[site=east]} (the subscript syntax promotion conditions use for groups)
 * @param min the lower bound, if any
 * @param max the upper bound, if any
 * @param k breaching windows needed to fire (at least 1)
 * @param of the window count {@code n} of {@code failuresInLast}, or 0 for {@code consecutiveWindows: k}
 * @param severity what firing does
 * @param onUndefined how a window with a missing, null or NaN value counts
 */
public record MetricTrigger(String id, String metric, OptionalDouble min, OptionalDouble max, int k, int of,
    Severity severity, OnUndefined onUndefined) implements RollbackTrigger {

  /** How a window whose metric is missing, null or NaN counts. */
  public enum OnUndefined {
    /** It cannot be judged: it does not count either way (the default). */
    INCONCLUSIVE,
    /** Fail closed: it counts as a breaching window. */
    BREACH
  }

  /** Validates. */
  public MetricTrigger {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(min, "min");
    Objects.requireNonNull(max, "max");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(onUndefined, "onUndefined");
    if (min.isEmpty() && max.isEmpty()) {
      throw new IllegalArgumentException("trigger " + id + " needs min, max or both");
    }
    if (min.isPresent() && max.isPresent() && min.getAsDouble() > max.getAsDouble()) {
      throw new IllegalArgumentException("trigger " + id + ": min " + min.getAsDouble() + " is above max "
          + max.getAsDouble());
    }
    if (k < 1) {
      throw new IllegalArgumentException("trigger " + id + ": k must be at least 1, found " + k);
    }
    if (of != 0 && of < k) {
      throw new IllegalArgumentException("trigger " + id + ": failuresInLast needs k <= of, found k=" + k
          + ", of=" + of);
    }
  }

  /**
   * The cohort a cohort metric reads, e.g. {@code site=east} for {@code ece[site=east]}; empty for a whole-set or
   * per-feature metric.
   */
  public Optional<String> cohort() {
    int open = metric.indexOf('[');
    if (open < 0 || !metric.endsWith("]") || metric.indexOf('=', open) < 0) {
      return Optional.empty();
    }
    return Optional.of(metric.substring(open + 1, metric.length() - 1));
  }

  /**
   * The window key of the cohort's case count, {@code n[site=east]} for {@code ece[site=east]}: when a window
   * reports it, the policy's {@code minCases} applies to it instead of the window's {@code cases}.
   */
  public Optional<String> cohortCountKey() {
    return cohort().map(c -> "n[" + c + "]");
  }

  /** Whether the trigger counts {@code k} of the last {@code of} windows rather than consecutive ones. */
  public boolean failuresInLast() {
    return of > 0;
  }

  /** Whether a defined value breaches the bounds. */
  public boolean breaches(double value) {
    return (min.isPresent() && value < min.getAsDouble()) || (max.isPresent() && value > max.getAsDouble());
  }

  @Override
  public JsonObject bound() {
    JsonObject.Builder b = JsonObject.builder();
    min.ifPresent(v -> b.put("min", v));
    max.ifPresent(v -> b.put("max", v));
    if (of > 0) {
      b.put("failuresInLast", JsonObject.builder().put("k", k).put("of", of).build());
    } else {
      b.put("consecutiveWindows", k);
    }
    return b.build();
  }
}
