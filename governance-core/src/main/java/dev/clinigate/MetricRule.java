package dev.clinigate;

import java.util.Objects;
import java.util.Optional;

/**
 * A bound on one metric: overall, for every subgroup ({@code by}), for every drift feature, or relative
 * to a baseline model.
 *
 * <pre>{@code
 * new MetricRule("calibration", MetricRef.parse("ece"), Limits.atMost(0.05),
 *     Optional.empty(), Optional.empty(), Enforcement.MANDATORY, false);
 * }</pre>
 *
 * @param id unique rule id
 * @param metric the metric (and statistic) read from the evidence
 * @param limits bounds the value must satisfy (may be empty when {@code baseline} is set)
 * @param subgroups when present, one result per group instead of one overall
 * @param baseline when present, the candidate must not be worse than the baseline by more than allowed
 * @param enforcement advisory, mandatory or hard
 * @param failOnInsufficientData whether a group below {@code minGroupSize} blocks
 */
public record MetricRule(String id, MetricRef metric, Limits limits, Optional<Subgroups> subgroups,
    Optional<BaselineComparison> baseline, Enforcement enforcement, boolean failOnInsufficientData)
    implements Rule {

  /** Validates. */
  public MetricRule {
    Rule.checkId(id);
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(subgroups, "subgroups");
    Objects.requireNonNull(baseline, "baseline");
    Objects.requireNonNull(enforcement, "enforcement");
    failOnInsufficientData = failOnInsufficientData && subgroups.isPresent(); // meaningless without groups
    if (!limits.isBounded() && baseline.isEmpty()) {
      throw new IllegalArgumentException("rule " + id + " has no bound: give min, max, between or maxDrop");
    }
    if (subgroups.isPresent() && metric.isDriftMetric()) {
      throw new IllegalArgumentException("rule " + id + ": drift metrics are per feature and take no 'by'");
    }
    if (baseline.isPresent() && Direction.of(metric.name()) == Direction.NONE) {
      throw new IllegalArgumentException("rule " + id + ": maxDrop needs a metric where higher or lower is "
          + "clearly better, and " + metric.name() + " is neither");
    }
  }

  @Override
  public Type type() {
    return Type.METRIC;
  }
}
