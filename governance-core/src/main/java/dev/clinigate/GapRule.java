package dev.clinigate;

import java.util.Objects;

/**
 * A bound on the spread of a metric across subgroups (fairness): for each group column, the largest
 * minus the smallest value over the groups that meet {@code minGroupSize} must not exceed
 * {@code maxGap}. Fewer than two eligible groups is {@link Status#INSUFFICIENT_DATA}.
 *
 * @param id unique rule id
 * @param metric the metric compared across groups
 * @param subgroups the group columns (one result per column) and the minimum group size
 * @param maxGap the largest allowed spread, &gt;= 0
 * @param enforcement advisory, mandatory or hard
 * @param failOnInsufficientData whether fewer than two eligible groups blocks
 */
public record GapRule(String id, MetricRef metric, Subgroups subgroups, double maxGap, Enforcement enforcement,
    boolean failOnInsufficientData) implements Rule {

  /** Validates. */
  public GapRule {
    Rule.checkId(id);
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(subgroups, "subgroups");
    Objects.requireNonNull(enforcement, "enforcement");
    if (!(maxGap >= 0.0) || !Double.isFinite(maxGap)) {
      throw new IllegalArgumentException("maxGap must be a finite number >= 0, found " + maxGap);
    }
    if (metric.isDriftMetric()) {
      throw new IllegalArgumentException("rule " + id + ": drift metrics have no subgroups");
    }
  }

  @Override
  public Type type() {
    return Type.GAP;
  }
}
