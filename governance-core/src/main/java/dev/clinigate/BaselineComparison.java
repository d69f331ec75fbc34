package dev.clinigate;

import java.util.Objects;

/**
 * Compares the candidate with a baseline model evaluated on the same cases ("worse" means lower for
 * metrics where higher is better, such as AUROC, and higher for error metrics such as ECE):
 * <ul>
 *   <li>{@link Measure#MAX_DROP}: the candidate may be worse than the baseline by at most {@code limit}, in
 *       the metric's units (reads the evidence's {@code baseline} report);</li>
 *   <li>{@link Measure#MAX_RELATIVE_DROP}: worse by at most {@code limit} as a fraction of the baseline's
 *       value, {@code (baseline - candidate) / |baseline|} (for error metrics
 *       {@code (candidate - baseline) / |baseline|});</li>
 *   <li>{@link Measure#NON_INFERIORITY_MARGIN}: non-inferiority shown by the paired 95% interval of
 *       {@code candidate - baseline} (the evidence's {@code comparison}): its lower bound must be above
 *       {@code -limit} (for error metrics its upper bound below {@code +limit}).</li>
 * </ul>
 *
 * <pre>{@code
 * new BaselineComparison("production", BaselineComparison.Measure.NON_INFERIORITY_MARGIN, 0.01);
 * }</pre>
 *
 * @param baseline the baseline's name in the policy, e.g. {@code production}
 * @param measure how the two are compared
 * @param limit the allowed drop or margin, a finite number &gt;= 0
 */
public record BaselineComparison(String baseline, Measure measure, double limit) {
  /** How a candidate is compared with its baseline. */
  public enum Measure {
    /** Absolute drop, {@code maxDrop}. */
    MAX_DROP("maxDrop"),
    /** Drop relative to the baseline's value, {@code maxRelativeDrop}. */
    MAX_RELATIVE_DROP("maxRelativeDrop"),
    /** Non-inferiority on the paired confidence interval, {@code nonInferiorityMargin}. */
    NON_INFERIORITY_MARGIN("nonInferiorityMargin");

    private final String key;

    Measure(String key) {
      this.key = key;
    }

    /** The policy key: {@code maxDrop}, {@code maxRelativeDrop}, {@code nonInferiorityMargin}. */
    public String key() {
      return key;
    }
  }

  /** Validates. */
  public BaselineComparison {
    Objects.requireNonNull(baseline, "baseline");
    Objects.requireNonNull(measure, "measure");
    if (!(limit >= 0.0) || !Double.isFinite(limit)) {
      throw new IllegalArgumentException(measure.key() + " must be a finite number >= 0, found " + limit);
    }
  }

  /** An absolute {@code maxDrop} comparison. */
  public static BaselineComparison maxDrop(String baseline, double maxDrop) {
    return new BaselineComparison(baseline, Measure.MAX_DROP, maxDrop);
  }
}
